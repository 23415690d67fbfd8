"""Extraction held to the hand-checked seed facts, plus hand-written sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from store.extract import extract_mentions
from store.model import Mention, Segment
from store.names import name_key, strip_titles
from store.resolve import EntityIndex

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((ROOT / "tests" / "fixtures" / "seeds_gold.json").read_text(encoding="utf-8"))


def seed_body(name: str) -> tuple[str, list[Segment]]:
    """Crude stand-in for the cleaner: drop the gold boilerplate lines, and cut the tail at the
    first boilerplate line after which no long (article) paragraph follows; one segment per line,
    language from the gold.  Swap for the real cleaner + language id here."""
    art = GOLD["articles"][name]
    text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
    bp = {b.strip() for b in art.get("boilerplate_not_body", [])}
    lines = text.split("\n")
    cut = len(lines)
    for i, line in enumerate(lines):
        if line.strip() in bp and not any(len(rest) >= 200 for rest in lines[i + 1:]):
            cut = i
            break
    body = "\n".join(line for line in lines[:cut] if line.strip() not in bp)
    segs = [Segment(m.start(), m.end(), art["lang"]) for m in re.finditer(r"[^\n]+", body)]
    return body, segs


def one(text: str, lang: str) -> list[Mention]:
    return extract_mentions(text, [Segment(0, len(text), lang)])


def _entity_keys(mentions: list[Mention]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in mentions:
        out.setdefault(m.key, set()).add(m.surface)
    return out


def _covering(mentions: list[Mention], start: int, end: int) -> Mention | None:
    return next((m for m in mentions if m.start <= start and end <= m.end), None)


ARTICLES = sorted(GOLD["articles"])


@pytest.mark.parametrize("name", ARTICLES)
def test_mentions_are_sorted_disjoint_and_offsets_match(name):
    body, segs = seed_body(name)
    ms = extract_mentions(body, segs)
    assert ms
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start
    for m in ms:
        assert body[m.start:m.end] == m.surface
        assert m.kind in ("person", "organization", "location")


@pytest.mark.parametrize("name", ARTICLES)
def test_every_gold_form_is_found_and_resolves_to_one_key(name):
    """Each gold form present in the body is covered by a mention of the right kind, and all
    forms of one gold entity in the article share one key."""
    body, segs = seed_body(name)
    ms = extract_mentions(body, segs)
    for ent_id in GOLD["articles"][name]["entities"]:
        ent = GOLD["entities"][ent_id]
        keys = set()
        found_any = False
        for form in ent["forms"]:
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", body):
                found_any = True
                cov = _covering(ms, m.start(), m.end())
                assert cov is not None, f"{name}: {form!r} ({ent_id}) not found"
                assert cov.kind == ent["kind"], f"{name}: {form!r} is {cov.kind}"
                keys.add(cov.key)
        assert found_any, f"{name}: no form of {ent_id} in body"
        assert len(keys) == 1, f"{name}: {ent_id} split over {keys}"


def test_gold_entities_get_distinct_keys_across_an_article():
    body, segs = seed_body("003_7a23a3b7712982e3.txt")
    keys = _entity_keys(extract_mentions(body, segs))
    for k in ("org:dgsn", "org:dgst", "org:dgsi", "org:dgse", "org:dgpn", "country:MA", "country:FR", "city:paris"):
        assert k in keys
    people = {k for k in keys if k.startswith("person:")}
    assert people == {
        "person:" + name_key("Abdellatif Hammouchi"),
        "person:" + name_key("Celine Berthon"),
        "person:" + name_key("Nicolas Lerner"),
        "person:" + name_key("Frédéric Veaux"),
    }


def test_not_entities_of_article_are_not_attached():
    for name in ARTICLES:
        body, segs = seed_body(name)
        surfaces = " | ".join(m.surface for m in extract_mentions(body, segs))
        for bad in GOLD["articles"][name].get("not_entities_of_this_article", []):
            assert bad not in surfaces, f"{name}: {bad}"


def test_keys_and_display_names():
    body, segs = seed_body("000_5b0a82702caf0af1.txt")
    ms = extract_mentions(body, segs)
    by_surface = {m.surface: m for m in ms}
    assert by_surface["Koninkrijk Marokko"].key == "country:MA"
    assert by_surface["Koninkrijk Marokko"].name == "Morocco"
    assert by_surface["Italiaanse Republiek"].name == "Italy"
    assert by_surface["Rabat"].key == "city:rabat"
    # surname with al- prefix links to the full name in the same article
    assert by_surface["Al-Hamouchi"].key == by_surface["Abdel Latif Hamouchi"].key
    assert by_surface["Al-Hamouchi"].name == "Abdel Latif Hamouchi"


def test_spanish_title_not_part_of_name():
    ms = one("Madrid, 12 mar (EFE).- El director general de la Policía Nacional, Francisco Pardo Piqueras, "
             "se reunió con su homólogo marroquí en Madrid.", "es")
    people = [m for m in ms if m.kind == "person"]
    assert [m.surface for m in people] == ["Francisco Pardo Piqueras"]
    assert any(m.key == "org:policia_nacional" for m in ms)
    assert any(m.key == "country:MA" and m.surface == "marroquí" for m in ms)
    assert any(m.key == "city:madrid" for m in ms)


def test_italian_sentence():
    ms = one("Il capo della Polizia Vittorio Pisani ha incontrato a Roma il ministro dell'Interno Matteo "
             "Piantedosi e il direttore dell'Europol per discutere di traffico di droga.", "it")
    people = {m.surface for m in ms if m.kind == "person"}
    assert people == {"Vittorio Pisani", "Matteo Piantedosi"}
    assert any(m.key == "org:europol" for m in ms)
    assert any(m.key == "city:rome" for m in ms)


def test_portuguese_sentence():
    ms = one("O diretor nacional da Polícia Judiciária, Luís Neves, recebeu em Lisboa uma delegação "
             "marroquina chefiada pelo Sr. Hammouchi.", "pt")
    people = {m.surface: m for m in ms if m.kind == "person"}
    assert "Luís Neves" in people
    assert "Hammouchi" in people and people["Hammouchi"].key == "person:" + name_key("Hammouchi")
    assert any(m.key == "org:pj" for m in ms)
    assert any(m.key == "city:lisbon" for m in ms)
    assert any(m.key == "country:MA" for m in ms)


def test_english_sentence_and_honorific_stripped():
    ms = one("Mr. Mikael Wern, head of the Danish police, met Moroccan officials in Rabat on Tuesday "
             "to discuss organised crime with the FBI.", "en")
    p = [m for m in ms if m.kind == "person"]
    assert [m.surface for m in p] == ["Mikael Wern"]
    assert p[0].name == "Mikael Wern"
    keys = {m.key for m in ms}
    assert {"country:DK", "country:MA", "city:rabat", "org:fbi"} <= keys


def test_german_honorific_single_surname():
    ms = one("Während seines Aufenthalts traf Herr Hammouchi den Direktor der Bundespolizei.", "de")
    p = [m for m in ms if m.kind == "person"]
    assert [m.surface for m in p] == ["Hammouchi"]
    assert any(m.key == "org:bundespolizei" for m in ms)


def test_arabic_sentence():
    body = ("استقبل المدير العام للأمن الوطني ومراقبة التراب الوطني، عبد اللطيف حموشي، اليوم بالرباط، "
            "وفدا أمنيا إسبانيا. وأكد الحموشي على أهمية التعاون في مكافحة الإرهاب.")
    ms = one(body, "ar")
    p = [m for m in ms if m.kind == "person"]
    assert [m.surface for m in p] == ["عبد اللطيف حموشي", "الحموشي"]
    assert p[0].key == p[1].key
    keys = {m.key for m in ms}
    assert {"org:dgsn", "org:dgst", "city:rabat"} <= keys


def test_french_adjectives_resolve_to_countries():
    ms = one("La police danoise et son homologue turc ont rencontré les services français et italiens.", "fr")
    got = {m.surface: m.key for m in ms}
    assert got == {"danoise": "country:DK", "turc": "country:TR", "français": "country:FR", "italiens": "country:IT"}


def test_capitalised_words_are_not_people():
    ms = one("Lors de la Conférence sur la Sécurité, le Royaume a salué la Coopération Internationale. "
             "Dans ce Contexte Général, Rabat reste un partenaire.", "fr")
    assert not [m for m in ms if m.kind == "person"]


def test_lowercase_foreign_demonym_not_taken_in_other_language():
    # "russo" is an Italian/Portuguese adjective; in an English text a lowercase word is no demonym
    ms = one("The analysts wrote that the danese and russo reports were late.", "en")
    assert not ms


def test_strip_titles():
    assert strip_titles("M. Mikael Wern") == "Mikael Wern"
    assert strip_titles("Herr Hammouchi") == "Hammouchi"
    assert strip_titles("Frau Celine Berthon") == "Celine Berthon"
    assert strip_titles("السيد عبد اللطيف حموشي") == "عبد اللطيف حموشي"
    assert strip_titles("Sr. Francisco Pardo Piqueras") == "Francisco Pardo Piqueras"


def test_organisation_patterns_with_elision():
    ms = one("Le Ministère de l'Intérieur et la Direction générale de la sûreté nationale (DGSN) ont annoncé "
             "la création du Service de presse.", "fr")
    orgs = {m.surface: m.key for m in ms if m.kind == "organization"}
    assert orgs == {"Ministère de l'Intérieur": "org:ministere de l interieur",
                    "Direction générale de la sûreté nationale": "org:dgsn", "DGSN": "org:dgsn"}


# --- general rules found on held-out-style text (tests/fixtures/heldout) -------------------------


def _people(text: str, lang: str) -> list[str]:
    return [m.surface for m in one(text, lang) if m.kind == "person"]


def test_capitalised_particles_belong_to_names():
    assert _people("Il capo della Polizia, prefetto Raffaele Di Gennaro, ha incontrato il ministro.", "it") == ["Raffaele Di Gennaro"]
    ms = one("De commissaris-generaal, Kathleen De Smedt, sprak met minister Nadia El Khattabi. De Smedt was tevreden.", "nl")
    people = {m.surface: m.key for m in ms if m.kind == "person"}
    assert set(people) == {"Kathleen De Smedt", "Nadia El Khattabi", "De Smedt"}
    assert people["De Smedt"] == people["Kathleen De Smedt"]


def test_role_triggers_unknown_first_names():
    # compound/inflected role words, parentheses between role and name
    assert _people("Auf Einladung des Präsidenten des Bundeskriminalamts, Konstantin von Ahlefeldt, reiste er.", "de") \
        == ["Konstantin von Ahlefeldt"]
    assert "Aino Lehtonen" in _people("The head of the European Border and Coast Guard Agency (Frontex), Aino Lehtonen, "
                                      "held talks in Rabat.", "en")
    assert _people("Die Exekutivdirektorin von Europol, Karolina Nyström, reiste nach Marokko.", "de") == ["Karolina Nyström"]


def test_multi_word_surnames_link_to_the_full_name():
    text = ("O diretor nacional da Polícia Judiciária, Joaquim Pereira de Sousa, recebeu a delegação. "
            "Pereira de Sousa sublinhou a cooperação. De Sousa falou depois com Fernando Ruiz-Castellanos Merino; "
            "Ruiz-Castellanos agradeceu.")
    ms = [m for m in one(text, "pt") if m.kind == "person"]
    keys = {m.surface: m.key for m in ms}
    assert keys["Pereira de Sousa"] == keys["De Sousa"] == keys["Joaquim Pereira de Sousa"]
    assert keys["Ruiz-Castellanos"] == keys["Fernando Ruiz-Castellanos Merino"]


def test_arabic_names_with_particles_and_after_roles():
    body = ("استقبل حموشي المدير العام للأمن الوطني الموريتاني اللواء محمد الأمين ولد بابا أحمد، كما التقى الفريق "
            "فهد بن عبد الرحمن القحطاني. وفي برلين استقبل وزير الداخلية الاتحادي يوهانس كلاينشميت الوفد المغربي.")
    people = _people(body, "ar")
    assert "محمد الأمين ولد بابا أحمد" in people
    assert "فهد بن عبد الرحمن القحطاني" in people
    assert "يوهانس كلاينشميت" in people


def test_organisation_patterns_more_languages():
    cases = [
        ("De korpschef van de Nationale Politie sprak met het Openbaar Ministerie.", "nl", {"Nationale Politie", "Openbaar Ministerie"}),
        ("Il a visité l'Institut royal de police de Kénitra.", "fr", {"Institut royal de police de Kénitra"}),  # named with its town
        ("Le président de la Fédération royale marocaine de football (FRMF) a parlé.", "fr", {"Fédération royale marocaine de football"}),
        ("A GNR e a Gendarmaria Real de Marrocos reforçam patrulhas.", "pt", {"GNR", "Gendarmaria Real de Marrocos"}),
        ("Er wurde im Bundesministerium des Innern empfangen.", "de", {"Bundesministerium des Innern"}),
        ("واستقبل الوفد بمقر وزارة الداخلية الاتحادية في برلين.", "ar", {"وزارة الداخلية الاتحادية"}),
    ]
    for text, lang, want in cases:
        got = {m.surface for m in one(text, lang) if m.kind == "organization"}
        assert want <= got, (text, got)
    ms = one("the Moroccan General Directorate for Territorial Surveillance (DGST) said", "en")
    assert {m.key for m in ms if m.kind == "organization"} == {"org:dgst"}


def test_a_country_after_a_body_every_state_has_is_part_of_its_name():
    """Two countries' national police are two bodies: "Polícia Nacional de Cabo Verde" is not "Polícia Nacional"."""
    cases = [
        ("A Polícia Nacional de Cabo Verde e a Guarda Nacional da Guiné-Bissau reuniram-se na Praia.", "pt",
         {"Polícia Nacional de Cabo Verde", "Guarda Nacional da Guiné-Bissau"}),
        ("El Departamento de Policía de Belice y la Policía Nacional del Perú firmaron un acuerdo.", "es",
         {"Departamento de Policía de Belice", "Policía Nacional del Perú"}),
        ("De Nationale Politieacademie van Burundi leidt agenten op.", "nl", {"Nationale Politieacademie van Burundi"}),
        ("La Police nationale d'Haïti a arrêté deux suspects.", "fr", {"Police nationale d'Haïti"}),
        ("The Supreme Court of Montenegro upheld the verdict.", "en", {"Supreme Court of Montenegro"}),
    ]
    for text, lang, want in cases:
        ms = one(text, lang)
        assert {m.surface for m in ms if m.kind == "organization"} == want, text
        assert not [m for m in ms if m.key.startswith("country:")], text


def test_title_case_headline_is_not_an_organisation():
    ms = one("Interpol Secretary General Valdecy Urquiza said the Agency Will Expand Its Presence in West Africa.", "en")
    assert not [m for m in ms if m.kind == "organization" and "Will" in m.surface]


def test_towns_after_place_nouns():
    ms = one("Foram apreendidas oito toneladas nos portos de Sines e de Setúbal e no porto de Olhão.", "pt")
    places = {m.surface for m in ms if m.kind == "location"}
    assert {"Sines", "Setúbal", "Olhão"} <= places
    ms = one("أجرى مباحثات بمدينة فيسبادن وبمدينة هيتسكيرش.", "ar")
    assert any(m.surface == "هيتسكيرش" and m.kind == "location" for m in ms)


def test_names_without_diacritics_match_the_lexicon():
    ms = one("Portugal's Judicial Police (Policia Judiciaria) seized cocaine in Setubal.", "en")
    assert any(m.surface == "Policia Judiciaria" and m.key == "org:pj" for m in ms)
    assert not [m for m in ms if m.kind == "person"]


def test_middle_initials_and_things_named_after_people():
    ms = one("The delegation was led by Deputy Director Marcus T. Okafor, the FBI said. Okafor met officials.", "en")
    people = [m for m in ms if m.kind == "person"]
    assert [m.surface for m in people] == ["Marcus T. Okafor", "Okafor"] and people[0].key == people[1].key
    for text, lang in [("They landed at John F. Kennedy Airport on Monday.", "en"),
                       ("Les incidents ont eu lieu au stade Mohammed V et sur le boulevard Abdelkrim El Khattabi.", "fr"),
                       ("وقعت الحادثة في شارع محمد الخامس بالرباط.", "ar")]:
        assert not [m for m in one(text, lang) if m.kind == "person"], text


def test_role_regex_on_lower_cased_text_matches_the_ignorecase_one():
    """The fast role-word search (lower-cased text, no re.IGNORECASE, from the clause start) finds
    exactly what the IGNORECASE one finds, also with upper case, "ſ", "ı", the Kelvin sign, line breaks."""
    import random

    from store.extract import _lex, _role_before
    from store.gazetteer import lower_same_length

    lx = _lex()
    if lx.role_before_low is None:
        pytest.skip("this Python has no re._casefix")
    rnd = random.Random(3)
    base = ("Le directeur général de la DGSN, M. Hammouchi, a reçu le ministre. Der Polizeipräsident "
            "und die Bundesinnenministerin trafen den Botschafter. Il presidente della Repubblica; "
            "the Secretary of State and Chief Inspector met the Başkanı and the embaixadora. ")
    odd = "ſıIiSsKkσςẞß\u212a\u00a0\n.:,;!?"
    for _ in range(300):
        text = "".join(c.upper() if rnd.random() < 0.3 else rnd.choice(odd) if rnd.random() < 0.02 else c
                       for c in base)
        low = lower_same_length(text)
        for s0 in range(0, len(text) + 1, 7):
            want = bool(lx.role_before.search(text, max(0, s0 - 100), s0))
            assert bool(lx.role_before_low.search(low, max(0, s0 - 100), s0)) == want, (text, s0)
            # and the search window cut at the clause start changes nothing
            assert _role_before(text, low, s0, lx.role_before_low) == want, (text, s0)
            assert _role_before(text, low, s0, None) == want, (text, s0)


def test_possessive_name_regexes_match_like_greedy_ones():
    """SEQ_RX/TOK_RX use possessive runs for speed; they find exactly what the greedy ones find."""
    import random

    from store.extract import SEQ_RX, TOK_RX

    greedy = {rx: re.compile(rx.pattern.replace("{2,}+", "{2,}").replace("++", "+")) for rx in (SEQ_RX, TOK_RX)}
    parts = ["Van", "der", "Heijden", "de", "la", "M.", "Dr.", "T.", "DGSN", "AT-BE", "Jean-Pierre", "D'Alema",
             "O’Brien", "Ben", "el", "Al-Khattabi", "Société", "ÉTAT", "x", "said", "police", "İstanbul", "Øre",
             " ", " ", "  ", "\u00a0", ". ", ", ", "-", "'", "’", "\n", "(", ")", "3"]
    rnd = random.Random(5)
    for _ in range(3000):
        text = "".join(rnd.choice(parts) + (" " if rnd.random() < 0.6 else "") for _ in range(rnd.randrange(2, 14)))
        for rx, slow in greedy.items():
            assert [m.span() for m in rx.finditer(text)] == [m.span() for m in slow.finditer(text)], text


def test_lexicon_scan_in_two_parts_finds_what_one_regex_finds():
    from store.gazetteer import ARABIC, gazetteer, lower_same_length, trie_pattern

    g = gazetteer()
    one = re.compile(r"(?<!\w)(?:" + trie_pattern(g.arabic_words + g.other_words) + r")(?!\w)")
    texts = [seed_body(name)[0] for name in GOLD["articles"]]
    texts += ["وأكد المغرب وإسبانيا (Spain) في مدريد أن Royaume du Maroc والمملكة المغربية ...",
              "Marokko, المغرب, Maroc. الرباط-Rabat; Polícia Judiciária و المديرية العامة"]
    for body in texts:
        low = lower_same_length(body)
        want = [(m.span(), m.group()) for m in one.finditer(low)]
        assert [(m.span(), m.group()) for m in g._matches(low, True)] == want
        if not ARABIC.search(body):
            assert [(m.span(), m.group()) for m in g._matches(low, False)] == want
            assert g.scan_all(body, has_arabic=False) == g.scan_all(body)


# --- towns no lexicon lists (GeoNames) and organisations named with their place ---------------


def _kinds(text: str, lang: str) -> dict[str, str]:
    return {m.surface: m.kind for m in one(text, lang)}


def test_towns_of_the_world_are_places_when_the_text_backs_them():
    found = _kinds("La délégation s'est rendue ensuite à Ziguinchor, en Casamance.", "fr")
    assert found.get("Ziguinchor") == "location"  # after "à"
    found = _kinds("Die Ermittler aus Deutschland durchsuchten Wohnungen. Münster war das Zentrum.", "de")
    assert found.get("Münster") == "location"  # its country is named in the article
    found = _kinds("A delegação de Cabo Verde chegou ontem e a reunião decorre hoje na capital, Praia.", "pt")
    assert found.get("Praia") == "location"


def test_town_names_that_are_words_or_names_are_not_taken_for_towns():
    assert "Essen" not in _kinds("In Deutschland war das Essen beim Empfang gut.", "de")  # a noun
    assert "Rede" not in _kinds("Die Ministerin reiste nach Deutschland. In ihrer Rede warb sie für mehr Zusammenarbeit.", "de")
    assert "Como" not in _kinds("Como dijo el ministro, la cooperación con Italia es buena.", "es")  # sentence start
    found = _kinds("The company is run by British businessman Michael Hartley. Hartley has not been charged.", "en")
    assert found.get("Hartley") != "location"  # a surname: written after a given name


def test_a_town_name_after_a_given_name_is_a_surname():
    text = "Segundo o delegado Paulo Braga, da Polícia Federal, o veleiro partiu. Braga acrescentou que a investigação continua."
    people = [m for m in one(text, "pt") if m.surface.endswith("Braga")]
    assert [m.kind for m in people] == ["person", "person"] and people[0].key == people[1].key


def test_organisations_named_with_their_place():
    mentions = one("Le chef de la Policía Nacional del Ecuador a rencontré la Ghana Police Service et la Dubai Police.", "fr")
    orgs = {m.surface: m.key for m in mentions if m.kind == "organization"}
    assert set(orgs) >= {"Policía Nacional del Ecuador", "Ghana Police Service", "Dubai Police"}
    assert orgs["Policía Nacional del Ecuador"] != "org:policia_nacional"  # not Spain's police
    german = {m.surface for m in one("Die Staatsanwaltschaft Duisburg ermittelt.", "de") if m.kind == "organization"}
    assert german == {"Staatsanwaltschaft Duisburg"}


def test_a_town_name_after_a_title_and_before_a_surname_is_a_first_name():
    text = "El general Washington Andrade Cevallos firmó el acuerdo en Washington el lunes."
    found = [(m.surface, m.kind) for m in one(text, "es")]
    assert ("Washington Andrade Cevallos", "person") in found and ("Washington", "location") in found


def test_first_names_no_list_of_ours_names_open_a_persons_name():
    text = "The company is run by British businessman Oliver Hartley. Hartley has not been charged."
    people = [m for m in one(text, "en") if m.kind == "person"]
    assert [m.surface for m in people] == ["Oliver Hartley", "Hartley"] and people[0].key == people[1].key


def test_a_small_towns_local_name_counts_after_in_when_its_country_is_named():
    # GeoNames calls it Ostend; "Oostende" is one of its other names, and Ostend has fewer than 100,000 people
    found = _kinds("De Belgische politie werkt vanuit het commissariaat in Oostende.", "nl")
    assert found.get("Oostende") == "location"
    assert "Oostende" not in _kinds("Oostende kreeg gisteren bezoek.", "nl")  # no country, no "in"


def test_a_name_repeated_thousands_of_times_is_judged_once(monkeypatch):
    """Hostile text: each occurrence must not rescan all the others (was quadratic: 7 minutes for 100 KB)."""
    import store.extract as extract

    asked: list[str] = []
    scan = extract._capitalised_mid_sentence
    monkeypatch.setattr(extract, "_capitalised_mid_sentence", lambda body, token: asked.append(token) or scan(body, token))
    one("Hartley. " * 3000 + "Como. " * 3000, "en")
    assert sorted(asked) == ["Como", "Hartley"]


def test_a_person_noun_right_before_a_name_opens_it():
    assert _people("Sa collègue Oumou Traoréba-Sissoko, affectée à Kayes, a témoigné.", "fr") == ["Oumou Traoréba-Sissoko"]
    assert _people("The compound belongs to businessman Tendai Mukwevho Dube, who denies it.", "en") == ["Tendai Mukwevho Dube"]
    # unlike a role, a person noun must stand right before the name: German capitalises every noun
    assert _people("Deutsche Ermittler hätten geholfen, Netzwerke von Schleusern aufzudecken.", "de") == []


def test_a_single_name_after_a_title_is_a_person():
    ms = one("Commissioner Otieno, who heads the unit, spoke first. Otieno said the cell was ready.", "en")
    people = [m for m in ms if m.kind == "person"]
    assert [m.surface for m in people] == ["Otieno", "Otieno"] and len({m.key for m in people}) == 1
    assert _people("Côté malien, le colonel Diarrassouba, chef de la brigade, était présent.", "fr") == ["Diarrassouba"]
    # a title inside a place's name opens nothing: "Isola di Capo Rizzuto"
    assert _people("Il centro di accoglienza di Isola di Capo Rizzuto è pieno.", "it") == []


def test_a_person_named_with_a_person_is_one():
    assert _people("Erano presenti i ministri Bostjan Kranjc e Dragan Vukelić.", "it")[-1] == "Dragan Vukelić"


def test_a_towns_name_after_a_preposition_of_place_is_the_town_not_a_person():
    found = _kinds("Os traficantes atuam perto de Pedro Juan Caballero, cidade vizinha de Ponta Porã.", "pt")
    assert found.get("Pedro Juan Caballero") == "location"
    found = _kinds("Minister Hadžić verwies auf die Lage in den Zentren bei Bihać und Velika Kladuša.", "de")
    assert found.get("Velika Kladuša") == "location"


def test_a_middle_name_before_a_capitalised_word_is_not_the_surname_alone():
    found = one("Among the victims was Joanna Mae Villanueva, 24. Officers were sent to Mae Sot in Thailand.", "en")
    assert [m.surface for m in found if m.kind == "person"] == ["Joanna Mae Villanueva"]


def test_arabic_ranks_and_a_family_name_after_a_titled_given_name():
    people = _people("بحث مدير الأمن العام اللواء عمر الخوالدة مع الفريق حيدر الجبوري سبل التعاون.", "ar")
    assert people == ["عمر الخوالدة", "حيدر الجبوري"]
    assert _people("وصل الفريق الأمني إلى المدينة.", "ar") == []  # a team, not a rank


def test_small_towns_need_their_country_and_a_preposition():
    found = _kinds("Belgische agenten hielden vorige week in Veurne een verdachte aan.", "nl")
    assert found.get("Veurne") == "location"  # 12,000 people, Belgium named, after "in"
    assert "Veurne" not in _kinds("In Veurne hielden agenten een verdachte aan.", "nl")  # no country named


def test_arabic_town_names_with_evidence():
    text = "وضبطت الأجهزة الأمنية الأردنية شحنة قرب الرمثا والمفرق على الحدود."
    found = {m.surface: m.key for m in one(text, "ar") if m.kind == "location"}
    assert found.get("الرمثا", "city:ar_ramtha").startswith("city:") and found.get("المفرق") == "city:mafraq"
    # without the country named, a word that is also a town's name stays a word
    assert "المفرق" not in {m.surface for m in one("وصلت الشحنة قرب المفرق أمس.", "ar")}



def _orgs(text: str, lang: str) -> list[str]:
    return [m.surface for m in one(text, lang) if m.kind == "organization"]


def test_a_demonym_before_a_bare_head_names_that_countrys_body():
    assert _orgs("The Indian Coast Guard and the Sri Lanka Navy seized the boat.", "en") == [
        "Indian Coast Guard", "Sri Lanka Navy"]
    # a fuller name does not take the demonym in
    assert _orgs("The Moroccan General Directorate of National Security (DGSN) said.", "en")[0] \
        == "General Directorate of National Security"


def test_two_organisations_joined_by_and_an_article_stay_two():
    assert _orgs("China's Ministry of Public Security and the Royal Police signed.", "en")[0] == "Ministry of Public Security"
    assert _orgs("La Sûreté du Québec et la Gendarmerie royale du Canada ont signé.", "fr")[0] == "Sûreté du Québec"


def test_a_name_runs_on_to_its_acronym():
    assert "Bureau of Alcohol, Tobacco, Firearms and Explosives" in _orgs(
        "Agents of the Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF) traced the guns.", "en")


def test_a_name_runs_on_in_words_joined_by_and_to_its_acronym():
    text = ("Selon la Direction centrale de la lutte contre la criminalité grave et organisée (DJSOC), "
            "la Commission nationale de lutte contre le trafic et pratiques assimilées (CNLT) a coopéré.")
    found = {m.surface: m.key for m in one(text, "fr") if m.kind == "organization"}
    assert found["Direction centrale de la lutte contre la criminalité grave et organisée"] == "org:djsoc"
    assert "Commission nationale de lutte contre le trafic et pratiques assimilées" in found
    assert "Comisión Nacional para el Desarrollo y Vida sin Drogas" in _orgs(
        "La Comisión Nacional para el Desarrollo y Vida sin Drogas (Devida) de Perú financiará.", "es")
    # a second body after "and" keeps its own acronym
    orgs = _orgs("La Squadra Mobile e del Servizio centrale operativo (SCO) hanno arrestato tre uomini.", "it")
    assert "Squadra Mobile" in orgs and not any(o.startswith("Squadra Mobile e") for o in orgs)
    # no "and" between the name and the parenthesis: the words are not the name's
    assert _orgs("La Police nationale a arrêté trois suspects (AFP).", "fr") == ["Police nationale"]


def test_a_body_every_state_has_takes_its_country_after_any_form_of_of():
    assert _orgs("A Marinha de Guerra do Peru e a Guarda Costeira de São Tomé e Príncipe assinaram.", "pt") == [
        "Marinha de Guerra do Peru", "Guarda Costeira de São Tomé e Príncipe"]
    assert _orgs("Die Sonderstaatsanwaltschaft des Kosovo und die Staatsanwaltschaft der Ukraine ermitteln.", "de") == [
        "Sonderstaatsanwaltschaft des Kosovo", "Staatsanwaltschaft der Ukraine"]


def test_ranks_end_organisation_names():
    found = one("said Police Lieutenant General Somchai Rattanakul, who heads the unit.", "en")
    assert [(m.surface, m.kind) for m in found] == [("Somchai Rattanakul", "person")]


def test_arabic_organisation_names_with_a_complement_and_no_title_inside():
    assert _orgs("وضبطت المديرية العامة لشؤون المخدرات شحنة كبيرة.", "ar") == ["المديرية العامة لشؤون المخدرات"]
    orgs = _orgs("وقالت الناطقة باسم الإدارة النقيب ليلى الخوالدة إن التعاون مستمر.", "ar")
    assert all("النقيب" not in o for o in orgs)


def test_a_role_after_the_name_marks_a_person():
    # ", ROLE" after a name used to be looked for only at the very start of the text
    assert _people("The meeting was chaired by Nilantha Jayawickrama, Inspector General of Police.", "en") == [
        "Nilantha Jayawickrama"]
    assert _people("Sharda Latchman-Persaud, assistant commissioner of police, said.", "en") == ["Sharda Latchman-Persaud"]


def test_an_unknown_first_name_before_a_known_one_after_a_comma_or_by():
    assert _people("El fiscal adjunto, Rigoberto Paz Sandoval, explicó la red.", "es") == ["Rigoberto Paz Sandoval"]
    assert _people("Die Delegation leitete Regierungsdirektorin Katrin Fuchs.", "de") == ["Katrin Fuchs"]


def test_a_longer_towns_name_wins_over_the_place_inside_it():
    found = {m.surface: m.key for m in one("Guns went from Miami to Port of Spain and on to Spanish Town, Jamaica.", "en")}
    assert found.get("Port of Spain") == "city:port_of_spain" and found.get("Spanish Town") == "city:spanish_town"
    assert {m.surface for m in one("Le ragazze arrivavano da Benin City, in Nigeria.", "it")} >= {"Benin City", "Nigeria"}
    found = _kinds("La droga llegaba hasta Santa Cruz de la Sierra y San Pedro Sula, en Honduras.", "es")
    assert found.get("Santa Cruz de la Sierra") == "location" and found.get("San Pedro Sula") == "location"


def test_arabic_title_given_name_and_family_name():
    assert _people("عرض رئيس شعبة المعلومات العميد جوزيف الحلو نتائج التحقيقات.", "ar") == ["جوزيف الحلو"]


def test_an_acronym_in_parentheses_makes_the_words_it_spells_one_organisation():
    assert _orgs("Commissioner Otieno heads Kenya's Anti-Terrorism Police Unit (ATPU).", "en")[0] == "Anti-Terrorism Police Unit"
    assert _orgs("Het Korps Politie Suriname (KPS) nam cocaïne in beslag.", "nl")[0] == "Korps Politie Suriname"
    assert _orgs("avec l'Agence béninoise de gestion intégrée des espaces frontaliers (ABeGIEF).", "fr") == [
        "Agence béninoise de gestion intégrée des espaces frontaliers"]
    ms = one("onder leiding van hoofdcommissaris Dorin Ciobanu van de Inspectoratul General al Poliției Române (IGPR).", "nl")
    assert [(m.surface, m.kind) for m in ms][:2] == [("Dorin Ciobanu", "person"),
                                                     ("Inspectoratul General al Poliției Române", "organization")]
    assert _orgs("LUXEMBOURG, 21 novembre (AFP) - La police a saisi.", "fr") == []  # a dateline spells nothing


def test_compound_titles_topic_words_and_places_named_after_people():
    assert _people("Der armenische Vizeinnenminister Aschot Mkrtschjan dankte Deutschland.", "de") == ["Aschot Mkrtschjan"]
    assert _people("PPA-rechercheur Kristjan Tamm sprak van een klassiek voorbeeld.", "nl") == ["Kristjan Tamm"]
    # a topic's word is no name, even after a role ("Vizedirektorin … um Migranten Routen … anzubieten")
    assert _people("Die Vizedirektorin warnte, die Schleuser nutzten Kanäle, um Migranten Routen und Preise anzubieten.", "de") == []
    assert _people("El cruce de Ciudad Pedro de Alvarado y San José de Chiquitos.", "es") == []


def test_arabic_towns_of_two_words_and_names_with_a_fathers_name():
    found = {m.surface: m.key for m in one("انطلاقا من السواحل الإيرانية القريبة من بندر عباس، قبل نقل الشحنات.", "ar")}
    assert found.get("بندر عباس") == "city:bandar_abbas"
    found = {m.surface: m.key for m in one("في البحرين في مدينة عيسى ومدينة حمد والرفاع.", "ar")}
    assert found.get("مدينة عيسى") == "city:madinat_isa" and found.get("مدينة حمد") == "city:madinat_hamad"
    assert _people("وقال اللواء عثمان حامد الطيب إن الحرب مستمرة.", "ar") == ["عثمان حامد الطيب"]


def test_a_news_agencys_acronym_spelled_out_is_that_body_not_the_agency():
    police = one("The Australian Federal Police (AFP) seized the boat.", "en")
    agency = one("selon l'Agence France-Presse (AFP).", "fr")
    assert [m.surface for m in police] == ["Australian Federal Police"]
    assert police[0].key != agency[0].key


def test_towns_whose_names_open_with_extended_latin_capitals_and_given_name_towns_after_in():
    assert _kinds("Auf Fähren aus dem polnischen Świnoujście kommen Menschen ohne Papiere.", "de").get("Świnoujście") == "location"
    assert _kinds("Alcuni migranti sbarcati ad Augusta in Italia hanno parlato.", "it").get("Augusta") == "location"
    assert _kinds("La hija de Augusta Ramírez declaró en Italia.", "es").get("Augusta") != "location"


def test_naval_and_general_ranks_and_an_examining_judge_before_a_name():
    assert _people("Die Delegation stand unter Leitung von Generalmajor Rustam Nazarov.", "de") == ["Rustam Nazarov"]
    assert _people("Rear Admiral Wickramasinghe, commander of the navy, said.", "en") == ["Wickramasinghe"]
    assert _people("Ils ont été inculpés par le juge d'instruction Wagener.", "fr") == ["Wagener"]


def test_one_word_german_and_dutch_bodies_and_arabic_heads():
    assert _orgs("Die Bundesanwaltschaft hat Anklage erhoben.", "de") == ["Bundesanwaltschaft"]
    assert "Staatsanwaltschaft Stuttgart" in _orgs("Die Staatsanwaltschaft Stuttgart ermittelt.", "de")
    assert _orgs("Volgens de Nederlandse Arbeidsinspectie gaat het om uitbuiting.", "nl")[-1].endswith("Arbeidsinspectie")
    assert _orgs("وقالت إدارة الجوازات والهجرة إن العدد ارتفع.", "ar") == ["إدارة الجوازات والهجرة"]
    assert _orgs("وعرضت شعبة المعلومات نتائج التحقيق.", "ar") == ["شعبة المعلومات"]


def test_organisation_names_with_lower_case_adjectives_and_more_heads():
    assert _orgs("La Marina militare ha soccorso i migranti.", "it") == ["Marina militare"]
    assert _orgs("Il a rencontré la Police républicaine.", "fr") == ["Police républicaine"]  # at a sentence's end
    assert _orgs("A Força Nacional de Segurança Pública chegou.", "pt") == ["Força Nacional de Segurança Pública"]


def test_bylines_catalan_names_and_a_whole_name_after_a_person_noun():
    assert _people("Door onze verslaggever Sanne de Wit. Het witwassen van geld gaat door.", "nl") == ["Sanne de Wit"]
    assert _people("La consellera de Interior, Núria Ferrer i Casals, habló.", "es") == ["Núria Ferrer i Casals"]
    assert _people("autorizou a extradição do empresário Márcio dos Santos Lacerda, detido em julho.", "pt") == [
        "Márcio dos Santos Lacerda"]
    assert _people("الشركة يديرها رجل الأعمال البريطاني أوليفر هارتلي، الذي لم توجه إليه تهمة.", "ar") == ["أوليفر هارتلي"]


def test_a_name_after_a_long_capitalised_title_chain_and_swiss_councillors():
    assert _people("New Zealand Police Detective Inspector Aroha Ngata said the unit was ready.", "en") == ["Aroha Ngata"]
    assert _people("Die Schweiz vertrat Bundesrätin Claudia Ammann-Frei, die sprach.", "de") == ["Claudia Ammann-Frei"]


def test_a_country_name_that_is_a_given_name_opens_a_name():
    assert _people("Firmó el director del OIJ, Mauricio Solano Chacón, y el ministro.", "es") == ["Mauricio Solano Chacón"]


def test_arabic_adjectives_of_every_country_from_its_cldr_name():
    found = {m.surface: m.key for m in one("وحضر قائد الحرس الوطني النيجري والوفد القبرصي الاجتماع.", "ar")}
    assert found.get("النيجري") == "country:NE" and found.get("القبرصي") == "country:CY"
    assert "الحرس الوطني" in {m.surface for m in one("وحضر قائد الحرس الوطني النيجري الاجتماع.", "ar")}


def test_cldr_country_names_written_with_and_instead_of_an_ampersand():
    found = {m.surface: m.key for m in one("Officers from Trinidad and Tobago and Bosnia and Herzegovina met.", "en")}
    assert found.get("Trinidad and Tobago") == "country:TT" and found.get("Bosnia and Herzegovina") == "country:BA"


def test_a_towns_name_in_one_language_is_a_common_noun_in_another():
    assert "city:namur" not in {m.key for m in one("Die Täter handelten unter falschem Namen in Wien.", "de")}
    assert "city:namur" in {m.key for m in one("De politie van Namen werkte samen met de federale politie.", "nl")}


def test_arabic_name_with_the_fathers_name_after_bin_then_a_family_name():
    text = "وترأس الجانب التونسي العميد منير بن الطاهر الزغلامي، مدير عام الحدود. وعقد الاجتماع في مدينة بن قردان."
    people = {m.surface: m.key for m in one(text, "ar") if m.kind == "person"}
    assert "منير بن الطاهر الزغلامي" in people and "بن" not in people


def test_name_particles_der_after_van_only_dalla_and_t():
    assert _people('Oberstaatsanwalt Thorsten Wehrkamp sprach von einem "Schlüsselmann der Logistik".', "de") == [
        "Thorsten Wehrkamp"]
    assert _people("Ursula von der Leyen und Jan van der Berg trafen sich.", "de") == ["Ursula von der Leyen", "Jan van der Berg"]
    assert _people("Il procuratore Federico Dalla Valle ha chiesto gli atti.", "it") == ["Federico Dalla Valle"]
    assert _people("Dat zei Sander van 't Hof, teamleider bij de politie.", "nl") == ["Sander van 't Hof"]


def test_arabic_compound_given_name_with_al_din():
    assert _people("وحضر الاجتماع العميد صلاح الدين المنصوري، الذي عرض النتائج.", "ar") == ["صلاح الدين المنصوري"]


def test_a_given_name_and_a_surnames_initial_as_the_press_names_suspects():
    assert _people("Hij sprak met Mohammed B. en Ahmed A. in Utrecht.", "nl") == ["Mohammed B.", "Ahmed A."]
    assert _people("Le suspect, Karim B., a été interpellé.", "fr") == ["Karim B."]
    assert _people("He met Anna K. Schmidt in Washington D.C. yesterday.", "en") == ["Anna K. Schmidt"]


@pytest.mark.parametrize("text, lang, surface, key", [
    ("Unter den Festgenommenen waren drei Vietnamesen und ein Lette.", "de", "Vietnamesen", "country:VN"),
    ("Unter den Festgenommenen waren drei Vietnamesen und ein Lette.", "de", "Lette", "country:LV"),
    ("Detuvieron a dos peruanos y un venezolano en Arica.", "es", "peruanos", "country:PE"),
    ("De Servische politie werkte samen met de douane.", "nl", "Servische", "country:RS"),
    ("Die Republik Moldau, auch Moldau genannt, grenzt an Rumänien.", "de", "Moldau", "country:MD"),
    ("Lkw-Fahrer aus Serbien und Bosnien-Herzegowina wurden angeworben.", "de", "Bosnien-Herzegowina", "country:BA"),
])
def test_demonyms_and_common_names_of_every_country(text, lang, surface, key):
    assert {m.surface: m.key for m in one(text, lang)}.get(surface) == key


def test_a_town_after_a_capitalised_preposition_opening_a_sentence():
    found = {m.surface: m.key for m in one("De politie van Burundi werkt aan de grens. In Rumonge werd een boot onderschept.", "nl")}
    assert found.get("Rumonge") == "city:rumonge"
    assert "city:douane" not in {m.key for m in one("De Douane levert vanaf april twee scanners aan Suriname.", "nl")}

def test_an_organisation_ends_before_the_acronym_of_the_body_it_belongs_to_and_before_a_second_body():
    assert _orgs("Participaron agentes de la Unidad de Operaciones Especiales de la PNC ayer.", "es") == [
        "Unidad de Operaciones Especiales", "PNC"]
    assert _orgs("Le indagini della Direzione Investigativa e della Polizia Stradale sono concluse.", "it") == [
        "Direzione Investigativa", "Polizia Stradale"]


def test_a_name_with_el_sobre_or_a_dash_up_to_its_acronym():
    found = {m.surface: m.key for m in one("Ayer el Centro Regional de Operaciones contra el Terrorismo (CROT) publicó su informe.", "es")}
    assert found["Centro Regional de Operaciones contra el Terrorismo"] == "org:crot"
    assert _orgs("El Instituto Hondureño sobre Alcoholismo presentó datos.", "es") == ["Instituto Hondureño sobre Alcoholismo"]
    found = {m.surface: m.key for m in one("Ontem o Centro de Fusão de Informações - Fronteiras (CFI-F) recebeu os dados.", "pt")}
    assert found["Centro de Fusão de Informações - Fronteiras"] == "org:cfi-f"


def test_an_organisation_named_with_its_town():
    assert _orgs("Le indagini della Squadra Mobile di Palermo e della Prefettura di Bari. La Corte d'appello di Lecce decide.",
                 "it") == ["Squadra Mobile di Palermo", "Prefettura di Bari", "Corte d'appello di Lecce"]
    assert _orgs("Die Polizeidirektion Hannover und das Zollfahndungsamt Essen ermitteln.", "de") == [
        "Polizeidirektion Hannover", "Zollfahndungsamt Essen"]
    assert _orgs("Ein Sprecher der Küstenwache des Bundes sagte am Montag, die Lage sei ruhig.", "de") == ["Küstenwache des Bundes"]


def test_a_national_body_named_by_its_capitalised_common_noun():
    assert _orgs("El buque fue escoltado por la Armada hasta el puerto.", "es") == ["Armada"]
    assert _orgs("Os militares do Exército e da Alfândega fizeram a vistoria.", "pt") == ["Exército", "Alfândega"]
    assert _orgs("De Douane onderschepte de lading.", "nl") == ["Douane"]
    assert _orgs("Armada de Chile informó.", "es") != ["Armada"]  # no article: not this rule


def test_french_and_italian_names_go_on_in_lower_case_complements():
    assert _orgs("Un ufficiale dell'Ispettorato nazionale del lavoro presso l'ambasciata.", "it") == [
        "Ispettorato nazionale del lavoro"]  # not the verb's complement after it
    assert _orgs("Il capo del Dipartimento di polizia per la tutela del patrimonio, ha detto.", "it") == [
        "Dipartimento di polizia per la tutela del patrimonio"]
    assert _orgs("Con la Direzione centrale della sanità e della polizia delle strade. Poi", "it") == [
        "Direzione centrale della sanità e della polizia delle strade"]
    assert _orgs("L'Office de lutte contre le vol organisé de métaux a annoncé une saisie.", "fr") == [
        "Office de lutte contre le vol organisé de métaux"]
    # not after a capitalised complement, not in Spanish (which capitalises its names' words)
    assert _orgs("Il Ministero dell'Interno del governo ha detto.", "it") == ["Ministero dell'Interno"]
    assert _orgs("La Policía Nacional de manera coordinada actuó.", "es") == ["Policía Nacional"]
    found = {m.surface: m.key for m in one("Arrivano dati dall'Unità di analisi finanziaria per l'Italia (UAFI) ogni mese.", "it")}
    assert found["Unità di analisi finanziaria per l'Italia"] == "org:uafi"


def test_a_ministry_in_lower_case_named_by_its_capitalised_portfolio():
    assert _orgs("Lo ha confermato il ministero delle Infrastrutture e dei Trasporti.", "it") == ["ministero delle Infrastrutture"]
    assert _orgs("Selon le ministère de l'Agriculture, la récolte baisse.", "fr") == ["ministère de l'Agriculture"]
    assert _orgs("Le ministère a confirmé la saisie.", "fr") == []  # no portfolio named


def test_arabic_organisations_with_a_verbal_noun_or_a_negated_adjective():
    assert _orgs("وأعلنت إدارة مكافحة التهريب ضبط شحنة كبيرة.", "ar") == ["إدارة مكافحة التهريب"]
    assert _orgs("وقال رئيس جهاز مكافحة الهجرة غير النظامية إن العدد تراجع.", "ar") == ["جهاز مكافحة الهجرة غير النظامية"]


def test_a_name_runs_over_contracted_articles_up_to_its_title_case_acronym():
    found = {m.surface: m.key for m in one("O comandante do Grupo Tático de Apoio na Divisa (Gtad) falou ontem.", "pt")}
    assert found["Grupo Tático de Apoio na Divisa"] == "org:gtad"
    found = {m.surface: m.key for m in one("A Unidade de Resposta ao Crime Ambiental (Urca) atuou.", "pt")}
    assert found["Unidade de Resposta ao Crime Ambiental"] == "org:urca"


def test_a_town_named_after_a_titled_person_is_the_town():
    found = {m.surface: m.key for m in one("Los controles en Presidente Franco y Hernandarias, Paraguay, se reforzaron.", "es")}
    assert found.get("Presidente Franco") == "city:presidente_franco" and "Franco" not in found
    assert {m.surface: m.kind for m in one("El presidente Franco habló ayer.", "es")}.get("Franco") == "person"
    found = [(m.surface, m.key) for m in one(
        "The delegations travelled to General Santos, in the Philippines, where boxer Rolando Santos lives.", "en")]
    assert ("General Santos", "city:general_santos") in found and ("Santos", "person:rolando santos") not in found


# --- rules from the seventh held-out set's blind errors (sentences written here, not its text) ----------


def test_a_month_written_in_lower_case_elsewhere_is_a_given_name_when_capitalised_before_a_name():
    assert _people("El acuerdo lo firmó el ministro Julio Ernesto Paredes Soto el 3 de julio.", "es") \
        == ["Julio Ernesto Paredes Soto"]
    assert _people("Il procuratore Marzo Bellini ha firmato il 5 marzo.", "it") == ["Marzo Bellini"]


def test_an_italian_of_the_after_a_full_name_ends_it():
    assert _people("Era presente la procuratrice Dorina Leka della Procura speciale di Tirana.", "it") == ["Dorina Leka"]


def test_a_town_named_like_a_surname_after_in_or_near_is_the_town():
    text = ("Police seized rifles at a warehouse near Marlborough. Superintendent Ellis Marlborough said "
            "the guns came from Florida. Officers in Marlborough made two arrests.")
    kinds = {(m.start, m.surface): m.kind for m in one(text, "en")}
    assert [kind for (_, surface), kind in sorted(kinds.items()) if surface == "Marlborough"] == ["location", "location"]
    assert kinds[(text.index("Ellis"), "Ellis Marlborough")] == "person"


def test_places_named_after_saints_are_no_people():
    assert _people("I migranti sono sbarcati tra Gallipoli e Santa Caterina di Nardò.", "it") == []
    assert _people("Les passeurs opèrent depuis Saint Laurent du Maroni.", "fr") == []


def test_arabic_rank_qualifiers_and_abd_compounds():
    assert _people("وقال العقيد البحري سمير حداد إن الدوريات ستتواصل.", "ar") == ["سمير حداد"]
    assert _people("وترأس الوفد العراقي اللواء كاظم عبد الأمير الساعدي مدير الشرطة.", "ar") \
        == ["كاظم عبد الأمير الساعدي"]


def test_balkan_and_romanian_given_names_and_a_given_name_after_a_particle():
    assert _people("Der Hauptverdächtige Dejan K. wurde in Podgorica festgenommen.", "de") == ["Dejan K."]
    assert _people("La procuratrice Ioana Munteanu è arrivata a Ragusa.", "it") == ["Ioana Munteanu"]


def test_a_german_area_noun_before_a_town_backs_it():
    text = "Die Bundespolizei kontrolliert im Raum Rosenheim und im Landkreis Görlitz, teilte die Polizei mit."
    places = [m.surface for m in one(text, "de") if m.kind == "location"]
    assert "Rosenheim" in places and "Görlitz" in places


def test_european_names_in_arabic_script_keep_their_particles():
    text = ("وحضرت المفوضة لوسيا فرنانديث دي لا توري الاجتماع، وقال السفير الهولندي يان فان دير بيرغ إن "
            "بلاده تدعم المشروع. وصرح المدير العام للشرطة الألمانية هانس مولر بأن التعاون مستمر.")
    people = [m.surface for m in one(text, "ar") if m.kind == "person"]
    assert people == ["لوسيا فرنانديث دي لا توري", "يان فان دير بيرغ", "هانس مولر"]


def _orgs_ar(text: str) -> list[str]:
    return [m.surface for m in one(text, "ar") if m.kind == "organization"]


def test_arabic_state_force_named_by_its_state_and_two_bodies_joined_by_and():
    assert _orgs_ar("وشارك في الاجتماع ممثلون عن الجيش الموريتاني والدرك.") == ["الجيش الموريتاني"]
    assert _orgs_ar("وأعلنت شرطة مالطا توقيف ثلاثة مهربين.") == ["شرطة مالطا"]
    # inside another body's name the state stays with that body
    assert _orgs_ar("وتخرج الضباط من أكاديمية الشرطة التونسية.") == ["أكاديمية الشرطة"]
    assert _orgs_ar("ونسقت مديرية الأمن العام والقوات المسلحة عملية مشتركة.") == ["مديرية الأمن العام", "القوات المسلحة"]


def test_romanian_towns_written_with_the_comma_below():
    found = _kinds("I braccianti vengono reclutati in Romania, nelle zone rurali di Botoșani, Suceava e Iași.", "it")
    assert found.get("Botoșani") == "location" and found.get("Iași") == "location"


def test_a_big_city_after_a_word_that_only_opens_the_sentence():
    text = 'De kustwacht treedt nauwelijks op. "Zolang Caracas niet meewerkt, bestrijden we symptomen", zei hij.'
    assert _kinds(text, "nl").get("Caracas") == "location"
    # a given name before the city still makes it a surname
    assert _kinds("Ana Lisboa, porta-voz da polícia, falou aos jornalistas.", "pt").get("Lisboa") != "location"


def test_a_town_after_a_preposition_and_its_article():
    found = _kinds("Se reunirá el jueves con fiscales peruanos en el Callao.", "es")
    assert found.get("Callao") == "location"
    assert _kinds("Nach dem Essen sprach der Minister.", "de").get("Essen") != "location"


def test_a_given_name_town_after_between_when_its_country_is_named():
    text = ("Le serre della fascia costiera tra Vittoria, Acate e Santa Croce Camerina, in Sicilia, in Italia. "
            "Il questore Vittoria Leone ha parlato.")
    found = _kinds(text, "it")
    assert found.get("Vittoria") == "location" and found.get("Acate") == "location"
    assert found.get("Vittoria Leone") == "person"
    # the country unnamed, a given name after "di" is no town
    assert _kinds("Le parole di Vittoria sono state chiare.", "it").get("Vittoria") != "location"


def test_an_acronym_after_a_lower_case_word_naming_a_kind_of_body():
    assert _orgs("Verzoeken aan de recherchedienst CICPC blijven onbeantwoord.", "nl") == ["CICPC"]
    assert _orgs("Waar ook de VN-vluchtelingenorganisatie UNHCR op aandringt.", "nl") == ["UNHCR"]
    assert _orgs("Hij stuurde een SMS naar de politie.", "nl") == []


def test_ministries_by_their_portfolio_and_german_compounds():
    assert _orgs("The delegation was led by Colonel Sherzod Ergashev of the Interior Ministry.", "en") == ["Interior Ministry"]
    assert _orgs("Tschchaidse kündigte an, das Innenministerium werde zwei Beamte schicken.", "de") == ["Innenministerium"]
    assert _orgs("Ein Vertreter des Bundesfinanzministeriums war dabei.", "de") == ["Bundesfinanzministeriums"]
    # a compound that says what the body is, before its name, is not a second body
    assert _orgs("Das Lagebild wird von der europäischen Grenzschutzagentur Frontex unterstützt.", "de") == ["Frontex"]
    # a compound's first part left to the next word belongs to the name
    assert "Polizei- und Grenzschutzbehörde" in _orgs("Die estnische Polizei- und Grenzschutzbehörde meldete.", "de")


def test_a_french_body_in_guyane_ends_before_the_place_unless_its_acronym_says_otherwise():
    text = ("Selon le général Kergoat, commandant de la Gendarmerie nationale en Guyane, qui conduit "
            "l'opération avec les Forces armées en Guyane (FAG).")
    assert _orgs(text, "fr")[:2] == ["Gendarmerie nationale", "Forces armées en Guyane"]
    assert _kinds(text, "fr").get("Guyane") == "location"


def test_english_names_that_end_with_their_head_noun():
    for name in ("Maritime Security Agency", "Jamaica Constabulary Force", "Anti-Terrorism Council",
                 "Trinidad and Tobago Police Service", "Kenya Coast Guard Service", "Botswana Police College"):
        assert _orgs(f"Officers of the {name} met their counterparts on Monday.", "en") == [name], name
    # not across an article or a possessive; a head followed by "of" opens the name instead
    assert _orgs("The Maldives Police Service said.", "en") == ["Maldives Police Service"]
    assert _orgs("Indonesia's Maritime Security Agency said.", "en") == ["Maritime Security Agency"]
    assert _orgs("Officials of the UAE Ministry of Interior said.", "en")[-1].endswith("Ministry of Interior")
    # only in English paragraphs
    assert _orgs("Beamte der Maritime Security Agency trafen sich am Montag.", "de") == []


def test_italian_names_end_with_their_adjectives_not_with_the_words_after():
    text = ("Il generale Al-Mansouri, direttore dell'Amministrazione generale per la sicurezza costiera libica, "
            "ha parlato. Gli investigatori del Nucleo di polizia economico-finanziaria hanno indagato.")
    assert _orgs(text, "it") == ["Amministrazione generale per la sicurezza costiera",
                                 "Nucleo di polizia economico-finanziaria"]
    # after a joiner, what follows is the next words of the sentence, not the name's
    text = "Corsi presso la Scuola superiore di polizia per funzionari vietnamiti e la presenza di un ufficiale."
    assert _orgs(text, "it") == ["Scuola superiore di polizia"]


def test_a_long_arabic_body_name_with_and():
    text = "وقالت المديرية العامة لشؤون المخدرات والمؤثرات العقلية في العراق إنها ضبطت الشحنة."
    assert _orgs(text, "ar") == ["المديرية العامة لشؤون المخدرات والمؤثرات العقلية"]


def test_humanitarian_bodies_are_known_in_every_language():
    assert _orgs("La Cruz Roja atiende a los recién llegados.", "es") == ["Cruz Roja"]
    assert _orgs("وشارك ممثل عن المفوضية السامية للأمم المتحدة لشؤون اللاجئين في الاجتماع.", "ar") == [
        "المفوضية السامية للأمم المتحدة لشؤون اللاجئين"]
    red_cross = [m.key for m in one("Das Rote Kreuz und das Roten Kreuz halfen. The Red Cross helped.", "de")
                 if m.kind == "organization"]
    assert len(set(red_cross)) == 1


def test_a_name_after_a_role_and_its_portfolio():
    assert _people("Le ministre de l'Intérieur Zorblat Quindimar a signé l'accord.", "fr") == ["Zorblat Quindimar"]
    assert _people("Minister van Justitie Quincy Girigorie steunt dat voorstel.", "nl") == ["Quincy Girigorie"]
    found = one("De Surinaamse minister van Justitie en Politie Soewarto Kartodikromo tekende.", "nl")
    assert [m.surface for m in found if m.kind == "person"] == ["Soewarto Kartodikromo"]
    assert not [m for m in found if m.kind == "organization" and "Soewarto" in m.surface]
    # the body's own capitalised words stay in its name
    assert _orgs("El comisario, jefe de la Unidad Central de Redes de Inmigración Ilegal y Falsedades "
                 "Documentales (UCRIF), detalló.", "es")[0].endswith("Falsedades Documentales")
    assert "Service for Combating Drug Trafficking" in _orgs(
        "Major General Toktosunov, head of Kyrgyzstan's Service for Combating Drug Trafficking, said.", "en")


def test_surnames_that_are_words_and_the_town_a_mayor_is_of():
    assert _people("Dat zei teamleider Ruud Koning van het THTC op een persconferentie.", "nl") == ["Ruud Koning"]
    assert _people("Koning Willem-Alexander sprak de gasten toe.", "nl") == ["Willem-Alexander"]
    found = _kinds("Burgemeester Jolande Brinkhuis van Zwolle, gastheer van de bijeenkomst, sprak.", "nl")
    assert found.get("Jolande Brinkhuis") == "person" and found.get("Zwolle") == "location"
    # Portuguese and Spanish surnames keep their "de"/"da" part, town's name or not
    assert _people("O diretor Joaquim Pereira de Sousa falou em Lisboa.", "pt") == ["Joaquim Pereira de Sousa"]


def test_a_coordinators_name_after_the_place_she_coordinates():
    assert _people("Su coordinadora en Palma, Neus Vidal Amengual, alertó de que las pateras llegan.", "es") == [
        "Neus Vidal Amengual"]


def test_arabic_foreign_names_after_a_role_anywhere_in_the_text():
    # a name found further on (العميد زياد أبي خليل) no longer hides the role phrase's name before it
    text = ("فيما ترأس الوفد القبرصي قائد شرطة قبرص أندرياس ستيليانو. وشارك في الاجتماع ممثلون عن الجيش اللبناني، "
            "بينهم العميد زياد أبي خليل.")
    assert "أندرياس ستيليانو" in _people(text, "ar")
    # the verb after the name is not part of it
    text = "استقبل المدير العام وزير العدل والنظام العام القبرصي ماريوس خاتزيستيليانو يرافقه قائد الشرطة القبرصية."
    assert "ماريوس خاتزيستيليانو" in _people(text, "ar")


def test_more_roles_and_names_that_end_like_german_nouns():
    # "Gurung" ends in "-ung" without being a German noun
    assert _people("La delegazione è guidata dalla vicecomandante Sushila Gurung Thapa, che ha parlato.", "it") == [
        "Sushila Gurung Thapa"]
    assert _people("A promotora Marcela Nunes Falcão, do Grupo de Atuação Especial, disse.", "pt") == [
        "Marcela Nunes Falcão"]
    assert _people("De acordo com a procuradora da República Jussara da Silva Brito, do Ministério Público.", "pt") == [
        "Jussara da Silva Brito"]
    assert _people("Le procureur de la République Zorblat Quindimar a requis.", "fr") == ["Zorblat Quindimar"]
    assert _people("Die Leitung Berlin Zeitung meldete.", "de") == []


def test_surnames_with_an_elided_article_or_mc():
    assert _people("Il direttore dello SCO, Marco Antonio Dell'Olio, ha firmato.", "it") == ["Marco Antonio Dell'Olio"]
    assert _people("Detective Superintendent Hamish McAlister-Reid said.", "en") == ["Hamish McAlister-Reid"]


def test_a_suspect_by_given_name_and_initial_after_his_age_or_origin():
    assert _people("Der 44 Jahre alte Bulgare Iwajlo K. wurde am Mittwoch festgenommen.", "de") == ["Iwajlo K."]
    assert _people("In maart werd de 41-jarige Blessing O. veroordeeld.", "nl") == ["Blessing O."]


def test_arabic_names_before_their_role_and_after_a_title():
    assert _people("وترأس الاجتماع ديميكي تافيسي ولدو، نائب المفوض العام في الشرطة الفيدرالية.", "ar") == [
        "ديميكي تافيسي ولدو"]
    assert _people("بدوره، أكد عبدي شكري ورسمه، ممثل جهاز المخابرات، أن التعاون قائم.", "ar") == ["عبدي شكري ورسمه"]
    assert _people("وقال إن الوضع في البلاد صعب جدا، رئيس الوزراء غائب.", "ar") == []
    assert _people("من جهته، قال العقيد عبد الرحمن إدريس واعيس، مدير الشرطة الوطنية، إن التعاون جيد.", "ar") == [
        "عبد الرحمن إدريس واعيس"]


def test_an_arabic_name_before_its_role_at_the_very_start_of_the_text():
    # the scan back from ", ROLE" reaching the text's start ended in an UnboundLocalError
    assert _people("ديميكي تافيسي، نائب المفوض العام، وصل إلى المطار.", "ar") == ["ديميكي تافيسي"]


def test_a_persons_surname_alone_is_the_town_when_named_with_another_place():
    # "Sylvie Laval" is named; "de Montréal et de Laval" is the city, coordinated with another place
    text = ("La surintendante principale Sylvie Laval a présenté le bilan. Les pistolets saisis dans les rues "
            "de Montréal et de Laval venaient des États-Unis. Sylvie Laval a ajouté que l'enquête continue.")
    found = _kinds(text, "fr")
    assert found.get("Sylvie Laval") == "person"
    assert found.get("Laval") == "location"
    text = ("L'indagine è coordinata dalla pm Giulia Messina. Le testimonianze sono state raccolte dopo gli "
            "sbarchi a Messina e ad Augusta.")
    found = _kinds(text, "it")
    assert found.get("Giulia Messina") == "person" and found.get("Messina") == "location"
    # alone, without another place beside it, the surname is still the person
    text = "La pm Giulia Messina ha parlato. Secondo Messina e i colleghi, la rete è ampia."
    assert _kinds(text, "it").get("Messina") == "person"


def test_the_arabic_word_for_financial_is_not_mali():
    text = "وقال العقيد ناصر العجمي من وحدة التحريات المالية إن الجرائم المالية تتزايد. وتعقب التحويلات المالية أولوية."
    assert not [m for m in one(text, "ar") if m.key == "country:ML"]
    text = "واجتمع الرئيس المالي بنظيره النيجري في باماكو."
    assert [m.surface for m in one(text, "ar") if m.key == "country:ML"] == ["المالي"]


def test_lower_case_adjectives_then_a_complement_go_on_a_name():
    assert _orgs("La Direzione distrettuale antimafia di Palermo indaga da mesi.", "it") == [
        "Direzione distrettuale antimafia di Palermo"]
    assert _orgs("La Procura indaga da mesi sul caso.", "it") == []  # a verb, then "da": no name


def test_a_name_ends_with_its_town_before_and_a_lower_case_body():
    text = "Grazie a un'indagine della Procura della Repubblica di Agrigento e della polizia bengalese, la rete è caduta."
    assert _orgs(text, "it") == ["Procura della Repubblica di Agrigento"]
    text = "La Direzione centrale dell'immigrazione e della polizia delle frontiere ha detto."
    assert _orgs(text, "it") == ["Direzione centrale dell'immigrazione e della polizia delle frontiere"]


def test_an_acronym_that_spells_only_the_last_body_of_a_name():
    text = "Según la Fiscalía contra la Trata de Personas del Ministerio Público (MP), la red opera."
    assert _orgs(text, "es") == ["Fiscalía contra la Trata de Personas", "Ministerio Público"]
    text = "La Direction générale de la sûreté nationale (DGSN) a annoncé."
    assert _orgs(text, "fr")[0] == "Direction générale de la sûreté nationale"


def test_a_ministry_with_two_portfolios_in_dutch():
    assert _orgs("Het wordt betaald door het ministerie van Justitie en Veiligheid.", "nl") == [
        "ministerie van Justitie en Veiligheid"]
    assert _orgs("Het ministerie van Justitie en de politie werken samen.", "nl") == ["ministerie van Justitie"]


def test_a_known_body_written_with_its_nationality_gives_the_body_and_the_country():
    found = {m.surface: m.key for m in one("e de representantes da Polícia Federal brasileira e do governo.", "pt")}
    assert found.get("Polícia Federal") == "org:br_pf" and found.get("brasileira") == "country:BR"
    found = {m.surface: m.key for m in one("La Guardia costiera italiana ha soccorso 40 persone.", "it")}
    assert found.get("Guardia costiera") == "org:it_guardia_costiera" and found.get("italiana") == "country:IT"


def test_a_town_is_found_in_a_text_that_opens_in_lower_case():
    assert _kinds("arrivati a Ragusa, ha detto il questore.", "it").get("Ragusa") == "location"


def test_one_adjective_then_the_town_that_names_the_body():
    assert _orgs("L'operazione, condotta dalla Squadra mobile di Ragusa, ha portato a dieci arresti.", "it") == [
        "Squadra mobile di Ragusa"]


def test_a_german_court_or_prosecutor_numbered_after_its_seat():
    assert _orgs("Die Staatsanwaltschaft München I hat Anklage erhoben.", "de") == ["Staatsanwaltschaft München I"]
    assert _orgs("Die Staatsanwaltschaft Köln ermittelt. I think so.", "de") == ["Staatsanwaltschaft Köln"]


def test_lebanons_internal_security_forces_by_their_short_arabic_name():
    found = {m.surface: m.key for m in one("وقالت قوى الأمن الداخلي اللبنانية إن الشحنة ضبطت.", "ar")}
    assert found.get("قوى الأمن الداخلي") == "org:lb_isf" and found.get("اللبنانية") == "country:LB"


def test_islam_inside_a_bangladeshi_name_and_an_organiser_before_a_name():
    text = ("Il piano è stato presentato dal vicedirettore Mohammad Shahidul Islam Chowdhury. Chowdhury ha "
            "spiegato che tra gli arrestati c'è il presunto organizzatore Rafiqul Islam Chowdhury.")
    people = {m.surface: m.key for m in one(text, "it") if m.kind == "person"}
    assert "Mohammad Shahidul Islam Chowdhury" in people and "Rafiqul Islam Chowdhury" in people
    assert people["Mohammad Shahidul Islam Chowdhury"] != people["Rafiqul Islam Chowdhury"]
    assert _people("La lotta contro Islam Radicale continua.", "it") == []


def test_a_surname_after_a_particle_that_is_also_a_word():
    text = ("Os barcos chegam à costa do Algarve. O diretor da PJ, João Pedro da Costa Lobo, afirmou que a rede "
            "caiu. Costa Lobo adiantou que foram detidos dez suspeitos.")
    people = [m.surface for m in one(text, "pt") if m.kind == "person"]
    assert people == ["João Pedro da Costa Lobo", "Costa Lobo"]


def test_a_given_name_and_initial_introduced_by_an_age_a_demonym_or_identified_as():
    assert "Babacar N." in _people("Ils visent un Sénégalais de 41 ans originaire de Thiès, Babacar N., présenté "
                                   "comme l'organisateur.", "fr")
    assert "Jhonny C." in _people("Trabajaba con un socio peruano, Jhonny C., detenido en Juliaca.", "es")
    assert "Mercy W." in _people("A Kenyan woman, identified only as Mercy W., said she was beaten.", "en")
    assert _people("The report mentioned Section B. The plan failed.", "en") == []


def test_name_particles_zur_arap_wa_and_de_los():
    assert _people("sagte Kriminaldirektor Matthias zur Nieden vom Landeskriminalamt.", "de") == ["Matthias zur Nieden"]
    assert _people("The commander, Samuel Kiprono arap Rotich, said the police was ready.", "en") == [
        "Samuel Kiprono arap Rotich"]
    assert _people("la commissaire divisionnaire Joséphine Kabamba wa Ilunga a parlé.", "fr") == [
        "Joséphine Kabamba wa Ilunga"]
    assert _people("el vicealmirante José Ramón de los Santos Féliz dijo que.", "es") == ["José Ramón de los Santos Féliz"]
    assert _people("Die Kommission zur Bekämpfung der Geldwäsche tagte.", "de") == []


def test_names_with_a_word_inside_or_one_written_in_lower_case_elsewhere():
    assert _people("a businessman from Mwanza, Abdallah Said Kibwana, who was arrested.", "en") == ["Abdallah Said Kibwana"]
    assert _people("La viceministra de Defensa Social, Wilma Terceros Aliaga, señaló que no debe limitarse a terceros "
                   "países.", "es") == ["Wilma Terceros Aliaga"]


def test_a_name_then_an_apposition_with_an_indefinite_article():
    assert _people("according to Pakorn Chaiwongsa, an official of the Department of Special Investigation.", "en") == [
        "Pakorn Chaiwongsa"]
    assert _people("Beijing seeks the arrest of Zhou Weiming, a Chinese businessman accused of fraud.", "en") == [
        "Zhou Weiming"]
    assert _people("The ship sailed from Port Louis, a city of the island, to Santa Cruz, the capital.", "en") == []


def test_a_persons_surname_listed_with_towns_is_the_town():
    found = _kinds("Autohändler in Erfurt, Jena und Gera wurden erpresst. Der Oberstaatsanwalt Tobias Gera sagte, "
                   "die Gruppe sei zerschlagen.", "de")
    assert found.get("Gera") == "location" and found.get("Tobias Gera") == "person"


def test_sant_elia_is_one_surname():
    text = "tra il questore Francesco Paolo Sant'Elia e una delegazione. \"È così\", ha spiegato Sant'Elia."
    assert _people(text, "it") == ["Francesco Paolo Sant'Elia", "Sant'Elia"]


def test_unicef_and_bafin_are_known_bodies():
    found = {m.surface: m.key for m in one("Le Fonds des Nations unies pour l'enfance (Unicef) financera des centres.", "fr")}
    assert found == {"Fonds des Nations unies pour l'enfance": "org:unicef", "Unicef": "org:unicef"}
    assert _orgs("Auch die Finanzaufsicht BaFin soll eingebunden werden.", "de") == ["BaFin"]


def test_a_possessive_after_a_body_does_not_hide_it_but_a_place_keeps_its_own():
    found = _kinds("The Nepal Police's anti-trafficking bureau met officers in Kathmandu on Monday.", "en")
    assert found.get("Nepal Police") == "organization"
    found = _kinds("He met Kenya's police chief and Belgium's Federal Prosecutor's Office in Nairobi.", "en")
    assert found.get("Kenya") == "location" and "Kenya's police" not in found and "Kenya police" not in found
    assert not any(surface.startswith("Belgium ") for surface in found)
    mentions = one("The Uganda Police Force's marine unit patrols the lake.", "en")
    assert all(m.surface == "The Uganda Police Force's marine unit patrols the lake."[m.start:m.end] for m in mentions)


def test_mauritanian_and_germanic_particles():
    found = _kinds("La commissaire divisionnaire Mariem Mint Cheikh Sidiya, adjointe du directeur, a parlé.", "fr")
    assert found.get("Mariem Mint Cheikh Sidiya") == "person"
    found = _kinds("Der Oberstaatsanwalt Andreas Hof zum Abschluss der Konferenz sagte, es gehe voran.", "de")
    assert found.get("Andreas Hof") == "person"
    found = _kinds("Volgens Rachid el Haddouchi van de Eenheid Oost-Nederland is het rustig.", "nl")
    assert found.get("Rachid el Haddouchi") == "person"
    found = _kinds("Die Präsidentin Ursula von der Leyen und Matthias zur Nieden kamen nach Brüssel.", "de")
    assert found.get("Ursula von der Leyen") == "person" and found.get("Matthias zur Nieden") == "person"


def test_german_seats_named_by_their_town_alone_and_from_town():
    found = _kinds("Das Landgericht Koblenz verurteilte ihn, das Oberlandesgericht Jena bestätigte.", "de")
    assert found.get("Landgericht Koblenz") == "organization" and found.get("Oberlandesgericht Jena") == "organization"
    found = _kinds("Generalstaatsanwalt Klaus-Dieter Mayen sagte, Z. habe seine Geschäfte von Mayen aus gesteuert.", "de")
    mentions = one("Generalstaatsanwalt Klaus-Dieter Mayen sagte, Z. habe seine Geschäfte von Mayen aus gesteuert.", "de")
    assert [m.kind for m in mentions if m.surface == "Mayen"] == ["location"]


def test_an_acronym_after_and_is_another_body():
    assert "Garda and PSNI" not in _kinds("Officers from the Garda and PSNI met in Dundalk on Monday.", "en")


def test_a_name_with_an_owner_in_the_possessive_apposition_and_an_initial_before_an_age():
    found = _kinds('"They wait at a bus stop," said Rekha Adhikari, Maiti Nepal\'s programme coordinator.', "en")
    assert found.get("Rekha Adhikari") == "person"
    assert _kinds("Il suo referente sarebbe Kamran Y., 36 anni, residente a Chiari.", "it").get("Kamran Y.") == "person"
    found = _kinds("Entre ellas Yeison G., un colombiano de 31 años señalado como jefe.", "es")
    assert found.get("Yeison G.") == "person"
    assert "Berlin B." not in _kinds("Am Montag sagte Berlin B., 2023 sei alles anders.", "de")


def test_a_first_name_we_do_not_know_after_a_lower_case_word_and_more_heads():
    found = _kinds("Gondal indica come figura chiave Zeeshan Ahmed Butt, 44 anni, titolare di un'agenzia.", "it")
    assert found.get("Zeeshan Ahmed Butt") == "person"
    found = _kinds("Laut Bericht trat der neue Außenbeauftragte Ahmed Yilmaz sein Amt an.", "de")
    assert "Außenbeauftragte Ahmed Yilmaz" not in found  # German nouns are capitalised
    assert _kinds("La Capitaneria di porto di Ancona ha sequestrato il camion.", "it").get(
        "Capitaneria di porto di Ancona") == "organization"
    assert _kinds("La Prefectura Nacional Naval incautó la droga.", "es").get("Prefectura Nacional Naval") == "organization"


def test_la_reunion_the_meeting_is_no_island():
    found = _kinds("La réunion s'est tenue à Luxembourg. Un emploi en Arabie saoudite et à La Réunion.", "fr")
    assert "La réunion" not in found
    assert found.get("La Réunion") == "location" and found.get("Arabie saoudite") == "location"


def test_dutch_towns_written_with_s_apostrophe():
    found = _kinds("De politie in 's-Hertogenbosch en Den Bosch werkt samen.", "nl")
    assert found.get("'s-Hertogenbosch") == "location"


def test_a_national_bodys_name_in_another_countrys_article_is_that_countrys_body():
    ms = one("À Nouakchott, les policiers de la DGSN mauritanienne ont arrêté 60 passeurs avec l'Espagne.", "fr")
    dgsn = [m for m in ms if m.surface == "DGSN"]
    assert dgsn and dgsn[0].key == "org:dgsn@mr" and dgsn[0].name == "DGSN (Mauritania)"
    ms = one("Le directeur général de la DGSN a reçu à Rabat son homologue espagnol.", "fr")
    assert [m.key for m in ms if m.surface == "DGSN"] == ["org:dgsn"]  # Rabat names Morocco


def test_the_resolver_keeps_another_countrys_body_apart():
    idx = EntityIndex()
    for text in ("Le directeur général de la DGSN a reçu au Maroc son homologue.",
                 "À Nouakchott, la DGSN mauritanienne a arrêté des passeurs avec l'Espagne."):
        ms = idx.resolve(one(text, "fr"), text, learn=True)
    assert [m.key for m in ms if m.surface == "DGSN"] == ["org:dgsn@mr"]


def test_arabic_patronymic_particle_belongs_to_the_name():
    body = "قال المدير محمد الأمين ولد أحمد سالم إن التعاون مستمر. وأضاف ولد أحمد سالم أن المهربين يجمعون المهاجرين."
    people = [m for m in one(body, "ar") if m.kind == "person"]
    assert [m.surface for m in people] == ["محمد الأمين ولد أحمد سالم", "ولد أحمد سالم"]
    assert people[0].key == people[1].key


def test_a_head_then_of_a_country_that_is_also_a_town_names_its_body():
    found = _kinds("O comissário da Polícia de Hong Kong esteve em Macau.", "pt")
    assert found.get("Polícia de Hong Kong") == "organization"
    assert _kinds("Le Parquet de Luxembourg a ouvert une enquête.", "fr").get("Parquet de Luxembourg") == "organization"
    assert "Dipartimento di Stato americano" not in _kinds("Finanziato dal Dipartimento di Stato americano.", "it")


def test_a_surname_after_an_initial_is_a_person():
    people = [m for m in one("C. Benali a effectué lundi une visite de travail à Amsterdam.", "fr") if m.kind == "person"]
    assert [m.surface for m in people] == ["C. Benali"]
    assert "Army" not in {m.surface for m in one("The U.S. Army and the police met.", "en")}


def test_a_lone_surname_in_apposition_with_a_role_is_a_person():
    people = [m.surface for m in one("Rousseau, directeur général de la sûreté nationale, a reçu jeudi son homologue.", "fr")
              if m.kind == "person"]
    assert people == ["Rousseau"]
    people = [m.surface for m in one("Fernández, director general de la seguridad nacional, recibió a su homólogo.", "es")
              if m.kind == "person"]
    assert people == ["Fernández"]
    # an adverb, a place after a preposition, a German noun, or no comma closing the apposition: no person
    for text, lang in (("Meanwhile, the minister, who was there, spoke.", "en"),
                       ("Hoy, el ministro llegó a la capital.", "es"),
                       ("Le poste sera installé à Dapaong, chef-lieu de la région, et à Tanguiéta.", "fr"),
                       ("Der Leiter des Dienstes zur Bekämpfung des Drogenhandels, Generalmajor Kurmanbek Toktossunow, kam.",
                        "de")):
        assert {m.surface for m in one(text, lang) if m.kind == "person"} <= {"Kurmanbek Toktossunow"}, text


def test_a_german_noun_before_an_initial_is_no_given_name():
    text = ("Der Direktor betonte die Koordinierung zwischen den Polizeibehörden beider Länder Y. Koch. "
            "Danach sprach Hans K. Dupont.")
    assert [m.surface for m in one(text, "de") if m.kind == "person"] == ["Y. Koch", "Hans K. Dupont"]
    text = "Der Direktor lobte die Polizeibehörden beider Länder Sánchez. Danach kam Innenministerin Nancy Faeser."
    assert [m.surface for m in one(text, "de") if m.kind == "person"] == ["Nancy Faeser"]
