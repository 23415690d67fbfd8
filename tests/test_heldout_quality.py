"""Extraction, resolution and topics held to a hand-annotated held-out-style set.

tests/fixtures/heldout/ holds 24 articles (3 per language: fr, nl, de, en, es, it,
pt, ar) written in the style of real security-cooperation news, with people,
organisations and places that are in no lexicon, and gold.json annotated by hand
(see its "about").  Run with ``-s`` to print the report.

Scoring, per article and kind:
* a gold occurrence is a gold surface form found in the body (Arabic forms also
  after the proclitics و ب ل ف ك and the contraction لل);
* a predicted mention is right when its span is exactly a gold occurrence of the same
  kind; mentions over "optional" spans (regions, datelines, title phrases) are ignored;
* recall: gold entities with at least one occurrence found / gold entities;
* precision: predicted entities (resolved keys) with at least one right mention /
  predicted entities (mention-level precision is reported too);
* resolution: over the whole set (one EntityIndex, articles in order), a right mention is
  resolved correctly when its key is the majority key of its gold entity and no other gold
  entity has that key as its majority key.

Figures when this set was written (extractor as it was) -> after the work on it (2026-11-25):
person P .945 R .788 -> 1.0/1.0; organisation P .938 R .713 -> .98/.89; location P .993 R .885 ->
.987/.987; resolution .982 -> .985 (over many more found mentions); topics P .983 R .914 -> .977/.984.

tests/fixtures/heldout2/ is a second set of 16 articles (2 per language), written and annotated
by a separate session that never saw the extractor or its lexicons, with deliberate traps (town
names that are surnames, "Policía Nacional" meaning Senegal's police, Catalan "i" in names).
Its first score, with the extractor as it was: person P .980 R .847; organisation P .845 R .623;
location P .974 R .757; resolution .968; topics P 1.0 R .870.  After general rules prompted by its
errors (GeoNames towns with evidence, a town's name after a given name is a surname, organisations
named with their place, court nouns, a town name between a title and a surname is a first name,
first names common by country from gender-guesser's dictionary), same day: person 1.0/.932,
organisation .912/.779, location 1.0/.932.

tests/fixtures/heldout3/ is a third blind set (16 articles, 2 per language, written by another
session after all of the above, about Africa, the Gulf, Latin America, the Balkans, Asia, with
names of many more origins). Its first score, never tuned on: person P .931 R .736; organisation
P .795 R .709; location P .988 R .784; resolution .985; topics P 1.0 R .75. One general rule came
from it (a small town's other names count after "in" when its country is named: "in Oostende"):
location R .799.  Expect real unseen text to score like this set: below the issue's bar (person
R .95, organisations and places .9), chiefly on names from cultures our first-name lists do not
cover, Arabic names without a title, small towns, and Arabic organisation names.

tests/fixtures/heldout4/ is a fourth blind set (16 articles, 2 per language; West Africa, the Sahel,
Central Asia, the Levant, South Asia, the Caribbean, the Andes, Timor-Leste, Angola), written by a
helper session that never saw the extractor while the rules prompted by heldout3 were being written
(2026-12-04). Scored blind, with the extractor as it was at the start of that session -> with those
rules: person P .897 R .726 -> .918/.786; organisation .767/.618 -> .767/.618; location .952/.773 ->
.956/.851; resolution .989 -> .988; topics P .902 R .536. Its errors were then looked at too.

tests/fixtures/heldout5/ is a fifth blind set (16 articles; the Maghreb and Egypt, the Horn of Africa,
Southern Africa, the Baltics and Nordics, the Caucasus, the Gulf, Southeast Asia, Central America,
Brazil's interior, the Pacific), written by a helper session while the rules above were written and
scored once blind, with the extractor as it was at the start of that session -> as it was then
(2026-12-04): person P .794 R .740 -> .847/.836; organisation .795/.583 -> .844/.602; location
.937/.749 -> .962/.853; topics .875/.406 -> .878/.623. Its errors were then looked at as well.

tests/fixtures/heldout6/ is a sixth blind set (16 articles; the Comoros, Côte d'Ivoire, Burundi, Montenegro,
Austria, the Sulu Sea, the Seychelles, Paraguay, the Balearics, Sicily, Trieste, Cabo Verde, Cabo Delgado,
Ras Ajdir, Aden), written by a helper session while the session of 2026-12-04 (afternoon) worked, scored
once blind at that session's start: person P .879 R .892; organisation .828/.677; location .979/.874;
resolution .976; topics .795/.484. Organisation rules and every country's demonyms written blind to it
that day then gave organisation .851/.697, location .992/.908; then its errors were looked at.

tests/fixtures/heldout7/ is a seventh blind set (16 articles; Lake Chad, the Guianas, the Caribbean,
Central Asia, Georgia, Peru and Chile, Ecuador and Colombia, Albania and Apulia, Romania and Sicily, Timor,
the Levant), written by a helper session on 2026-12-05 and scored once blind at that session's start:
person P .941 R .912; organisation .938/.719; location .991/.866; resolution .978; topics .830/.549.
Rules from its person errors (months written in lower case as given names, Italian "della" ending a name,
a surname after "near"/"en" that a town bears, places named after saints, Arabic rank qualifiers and
عبد compounds, given names of the Balkans, Romania, Greece, the Caucasus and Central Asia) then gave
person .985/.941, location .991/.874, and on the earlier sets heldout4 person R .905 -> .917, heldout6
.954 -> .969, nothing lower anywhere.

tests/fixtures/heldout8/ (eighth blind set) is described in its gold.json. tests/fixtures/heldout9/ is a
ninth (16 articles; Senegal and the Gambia, the two Congos, Estonia, Vietnam, Moldova, Armenia, Lake
Victoria, Thailand and Myanmar, Bolivia and Peru, the Dominican Republic, Sardinia and Algeria, Ticino and
Calabria, Brazil and Bolivia, São Tomé, Kurdistan, Egypt and Libya), written by a helper session on
2026-12-05 that never saw the code, with many person/place traps, and scored once blind after that
session's rules from heldout8 (general ones, none prompted by it): person P .889 R .765; organisation
.843/.750; location .991/.919; resolution .984; topics .971/.472, and .980/.667 with the rule that makes a
crime crossing between two named countries transnational crime (store/topics.py).

tests/fixtures/heldout10/ is a tenth (16 articles; Mauritania and the Canaries, Luxembourg and the Dutch
east, Bali, Saxony and the Czech border, Kosovo and Koblenz, Nepal, the Irish border, the Darién, the
Uruguay-Paraná waterway, Ancona and Greece, Brescia and Pakistan, the Amazon triple border, Macau, Salé),
written by a helper session on 2026-12-06 that never saw the code, and scored once blind at that
session's start: person P .932 R .882; organisation .902/.761; location .977/.899; resolution .979;
topics .982/.720. Its gold writes the possessive into an organisation's name ("Nepal Police's"), which
the ninth set does not ("Uganda Police Force" in "Uganda Police Force's"): the extractor leaves it out.

tests/fixtures/heldout11/ is an eleventh (16 articles; Djibouti, Ethiopia and Somalia, Abidjan, Dubai and
the Netherlands, Kortrijk and Lille, the Brenner (Innsbruck and Bolzano), Frankfurt (Oder) and Poland,
Mombasa, Manila and Japan, Arica and Tacna, Costa Rica and Panama, Castel Volturno, Maputo, Boa Vista),
written by a helper session on 2026-12-06 that never saw the code, and scored once blind at 1645cdd
(after that session's first three rules, none prompted by it; the session's starting commit scored the
same): person P .942 R .887; organisation .901/.784; location .970/.852; resolution .965; topics 1.0/.718.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from store.clean import clean_text
from store.extract import extract_mentions
from store.language import detect_languages
from store.resolve import EntityIndex
from store.topics import find_topics, with_transnational_crime

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SETS = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11")
KINDS = ("person", "organization", "location")
_AR = re.compile("[\u0600-\u06ff]")

# Floors: what the extractor reaches on each set (see the report), a little below.
FLOORS = {
    "heldout": {
        ("person", "P"): 0.97, ("person", "R"): 0.97,
        ("organization", "P"): 0.95, ("organization", "R"): 0.9,
        ("location", "P"): 0.97, ("location", "R"): 0.97,
        "resolution": 0.97,
        # networks of smugglers count as organised crime since heldout3 (this set did not label them so);
        # cross-border crime between two named countries is transnational crime since heldout5 (6 of 9 sets)
        ("topics", "P"): 0.77, ("topics", "R"): 0.97,
    },
    "heldout2": {
        ("person", "P"): 0.97, ("person", "R"): 0.95,
        ("organization", "P"): 0.93, ("organization", "R"): 0.87,
        ("location", "P"): 0.97, ("location", "R"): 0.95,
        "resolution": 0.94,  # more Arabic names found (أوليفر هارتلي), not linked to their Latin spelling
        ("topics", "P"): 0.79, ("topics", "R"): 0.92,  # (transnational: see heldout)
    },
    "heldout3": {
        ("person", "P"): 0.97, ("person", "R"): 0.94,
        ("organization", "P"): 0.95, ("organization", "R"): 0.9,
        ("location", "P"): 0.97, ("location", "R"): 0.9,
        "resolution": 0.95,
        ("topics", "P"): 0.76, ("topics", "R"): 0.9,  # (transnational: see heldout)
    },
    "heldout4": {
        ("person", "P"): 0.97, ("person", "R"): 0.94,
        ("organization", "P"): 0.9, ("organization", "R"): 0.85,
        ("location", "P"): 0.96, ("location", "R"): 0.91,
        "resolution": 0.96,
        ("topics", "P"): 0.81, ("topics", "R"): 0.78,
    },
    "heldout5": {
        ("person", "P"): 0.96, ("person", "R"): 0.97,
        ("organization", "P"): 0.93, ("organization", "R"): 0.87,
        ("location", "P"): 0.95, ("location", "R"): 0.88,
        "resolution": 0.97,
        ("topics", "P"): 0.84, ("topics", "R"): 0.8,
    },
    "heldout6": {
        ("person", "P"): 0.95, ("person", "R"): 0.96,
        ("organization", "P"): 0.87, ("organization", "R"): 0.77,
        ("location", "P"): 0.97, ("location", "R"): 0.91,
        "resolution": 0.96,
        ("topics", "P"): 0.84, ("topics", "R"): 0.77,
    },
    "heldout8": {  # blind (2026-12-05): people .90/.78, organisations .91/.89, places .99/.93, topics .87/.61
        ("person", "P"): 0.97, ("person", "R"): 0.93,
        ("organization", "P"): 0.91, ("organization", "R"): 0.91,
        ("location", "P"): 0.97, ("location", "R"): 0.91,
        "resolution": 0.96,
        ("topics", "P"): 0.87, ("topics", "R"): 0.78,
    },
    "heldout9": {  # blind (2026-12-05, evening): people .89/.77, organisations .84/.75, places .99/.92, topics .98/.67
        ("person", "P"): 0.95, ("person", "R"): 0.92,
        ("organization", "P"): 0.85, ("organization", "R"): 0.78,
        ("location", "P"): 0.97, ("location", "R"): 0.9,
        "resolution": 0.96,
        ("topics", "P"): 0.95, ("topics", "R"): 0.64,
    },
    "heldout10": {  # blind (2026-12-06): people .93/.88, organisations .90/.76, places .98/.90, topics .98/.72
        ("person", "P"): 0.95, ("person", "R"): 0.91,
        ("organization", "P"): 0.88, ("organization", "R"): 0.79,
        ("location", "P"): 0.96, ("location", "R"): 0.88,
        "resolution": 0.96,
        ("topics", "P"): 0.95, ("topics", "R"): 0.7,
    },
    "heldout11": {  # blind (2026-12-06): people .94/.89, organisations .90/.78, places .97/.85, topics 1.0/.72
        ("person", "P"): 0.92, ("person", "R"): 0.87,
        ("organization", "P"): 0.88, ("organization", "R"): 0.76,
        ("location", "P"): 0.95, ("location", "R"): 0.84,
        "resolution": 0.95,
        ("topics", "P"): 0.97, ("topics", "R"): 0.7,
    },
    "heldout7": {
        ("person", "P"): 0.96, ("person", "R"): 0.95,
        ("organization", "P"): 0.95, ("organization", "R"): 0.88,
        ("location", "P"): 0.97, ("location", "R"): 0.89,
        "resolution": 0.96,
        # its annotator labels nearly every cross-border case transnational_crime (16 of 16 articles; the
        # first three sets 2-3 of 16-24): a crossing crime and two countries named now give it (topics.py)
        ("topics", "P"): 0.84, ("topics", "R"): 0.73,
    },
}


# Things named after people, ships, operations… taken for people all the same (a person's mention inside
# the thing's name; a longer name around it, "Howard Mandeville" beside the town Mandeville, is a person):
# in the fourth set one, the airport شمعون (Camille Chamoun's); in the sixth two, Kofi Annan (a training
# centre) and the town Posadas; in the seventh none (Mandeville, Salcedo, Vittoria: towns after "near",
# "en", "tra"… are no longer linked to the person of that surname); in the eighth three towns after "de",
# "a" or a verb that are also the surname of a person named there (Laval, Messina, Flores; Laval and Messina,
# named with another place, are towns since the ninth); in the ninth five (Scilla after "di", Kallaste and
# Neves alone, and "Moll", which its gold also gives as Katrin Moll's short form); in the tenth two ("Tamang
# villages" beside Dil Bahadur Tamang, the town Fano beside the questore Filippo Fano); in the eleventh one
# (the city Limón beside the official Rolando Limón).
NOT_PERSON_TAKEN = {"heldout": 0, "heldout2": 0, "heldout3": 0, "heldout4": 1, "heldout5": 0, "heldout6": 2,
                    "heldout7": 0, "heldout8": 1, "heldout9": 5, "heldout10": 2, "heldout11": 1}


@lru_cache(maxsize=None)
def _gold(name: str) -> dict:
    return json.loads((FIXTURES / name / "gold.json").read_text(encoding="utf-8"))


def _occurrences(body: str, form: str) -> list[tuple[int, int]]:
    """Spans of `form` in body (whole words; Arabic also after proclitics)."""
    esc = re.escape(form)
    if _AR.match(form):
        pats = [rf"(?<!\w)[وفبلك]{{0,2}}({esc})(?!\w)"]
        if form.startswith("ال"):
            pats.append(rf"(?<!\w)[وف]?ل(?=ل)({re.escape(form[1:])})(?!\w)")
    else:
        pats = [rf"(?<!\w)({esc})(?!\w)"]
    out = set()
    for p in pats:
        for m in re.finditer(p, body):
            out.add(m.span(1))
    return sorted(out)


def _same_span(ms: int, me: int, gs: int, ge: int, body: str) -> bool:
    if me != ge:
        return False
    if ms == gs:
        return True
    lo, hi = min(ms, gs), max(ms, gs)
    return hi - lo <= 2 and bool(_AR.match(body[hi:hi + 1])) and all(c in "وفبلكا" for c in body[lo:hi])


@lru_cache(maxsize=None)
def _run(set_name: str):
    """Extract, resolve and score every article; returns (per-article rows, resolution pairs, topics)."""
    idx = EntityIndex()
    rows = []
    pairs: list[tuple[str, str, str]] = []  # (gold id, resolved key, surface)
    topic_rows = []
    gold = _gold(set_name)
    for name in sorted(gold["articles"]):
        art = gold["articles"][name]
        raw = (FIXTURES / set_name / name).read_text(encoding="utf-8")
        cleaned = clean_text(raw, None)
        body = cleaned.body
        _, _, segments = detect_languages(body, None)
        ms = extract_mentions(body, segments)
        topic_rows.append((name, set(with_transnational_crime(find_topics(body, segments), ms)), set(art["topics"])))
        ms = idx.resolve(ms, body, learn=True)
        occ: list[tuple[int, int, str, str]] = []  # start, end, gold id, kind
        for gid, forms in art["entities"].items():
            kind = gold["entities"][gid]["kind"]
            for f in forms:
                occ += [(s, e, gid, kind) for s, e in _occurrences(body, f)]
        opt = [sp for f in art.get("optional", []) for sp in _occurrences(body, f)]
        matched: list[tuple[object, str | None]] = []
        for m in ms:
            gid = next((g for s, e, g, k in occ if k == m.kind and _same_span(m.start, m.end, s, e, body)), None)
            if gid is None and any(s < m.end and m.start < e for s, e in opt):
                continue  # on an optional span: neither right nor wrong
            matched.append((m, gid))
            if gid is not None:
                pairs.append((gid, m.key, m.surface))
        gold_ids = {g: k for _, _, g, k in occ}
        rows.append(dict(name=name, lang=art["lang"], body=body, matched=matched, gold=gold_ids,
                         not_person=art.get("not_person", [])))
    return rows, pairs, topic_rows


def _scores(set_name: str):
    rows, pairs, topic_rows = _run(set_name)
    tot = {k: Counter() for k in KINDS}
    errors = {k: [] for k in KINDS}
    for r in rows:
        for kind in KINDS:
            gold = {g for g, k in r["gold"].items() if k == kind}
            found = {gid for m, gid in r["matched"] if gid is not None and m.kind == kind}
            keys: dict[str, bool] = {}
            for m, gid in r["matched"]:
                if m.kind == kind:
                    keys[m.key] = keys.get(m.key, False) or gid is not None
            t = tot[kind]
            t["gold"] += len(gold)
            t["found"] += len(gold & found)
            t["pred"] += len(keys)
            t["pred_ok"] += sum(keys.values())
            t["mentions"] += sum(1 for m, _ in r["matched"] if m.kind == kind)
            t["mentions_ok"] += sum(1 for m, g in r["matched"] if m.kind == kind and g is not None)
            for g in sorted(gold - found):
                errors[kind].append(f"{r['name']}: missed {g}")
            for m, gid in r["matched"]:
                if m.kind == kind and gid is None:
                    errors[kind].append(f"{r['name']}: wrong {m.surface!r} ({m.key})")
    # resolution across the set
    by_gold: dict[str, Counter] = defaultdict(Counter)
    for gid, key, _ in pairs:
        by_gold[gid][key] += 1
    major = {gid: c.most_common(1)[0][0] for gid, c in by_gold.items()}
    per_key: dict[str, Counter] = defaultdict(Counter)
    for gid, key, _ in pairs:
        per_key[key][gid] += 1
    owner = {key: c.most_common(1)[0][0] for key, c in per_key.items()}  # the gold entity a key stands for
    ok = 0
    res_err = []
    for gid, key, surf in pairs:
        if key == major[gid] and owner[key] == gid:
            ok += 1
        else:
            res_err.append(f"{gid}: {surf!r} -> {key}" + (f" (key of {owner[key]})" if owner[key] != gid else ""))
    res = ok / len(pairs) if pairs else 0.0
    tp = sum(len(p & g) for _, p, g in topic_rows)
    tpp = sum(len(p) for _, p, _ in topic_rows)
    tpg = sum(len(g) for _, _, g in topic_rows)
    topic_err = [f"{n}: +{sorted(p - g)} -{sorted(g - p)}" for n, p, g in topic_rows if p != g]
    return tot, errors, res, res_err, (tp / tpp if tpp else 1.0, tp / tpg if tpg else 1.0), topic_err


def _pr(t: Counter) -> tuple[float, float, float]:
    p = t["pred_ok"] / t["pred"] if t["pred"] else 1.0
    r = t["found"] / t["gold"] if t["gold"] else 1.0
    mp = t["mentions_ok"] / t["mentions"] if t["mentions"] else 1.0
    return p, r, mp


@pytest.mark.parametrize("set_name", SETS)
def test_report(set_name):
    """Print the held-out report (pytest -s)."""
    tot, errors, res, res_err, (tp, tr), topic_err = _scores(set_name)
    lines = ["", f"{set_name} quality (entity level per article; mention-level precision in brackets)"]
    for k in KINDS:
        p, r, mp = _pr(tot[k])
        lines.append(f"  {k:<13} P {p:.3f}  R {r:.3f}  [mention P {mp:.3f}]  gold {tot[k]['gold']}  predicted {tot[k]['pred']}")
    lines.append(f"  resolution accuracy (alias -> entity across the set): {res:.3f}")
    lines.append(f"  topics        P {tp:.3f}  R {tr:.3f}")
    for k in KINDS:
        for e in errors[k]:
            lines.append(f"    {k[:3]} {e}")
    for e in res_err:
        lines.append(f"    res {e}")
    for e in topic_err:
        lines.append(f"    top {e}")
    print("\n".join(lines))


@pytest.mark.parametrize("set_name", SETS)
@pytest.mark.parametrize("kind", KINDS)
def test_precision_and_recall_floors(set_name, kind):
    tot, errors, *_ = _scores(set_name)
    p, r, _ = _pr(tot[kind])
    assert p >= FLOORS[set_name][(kind, "P")], (p, errors[kind][:20])
    assert r >= FLOORS[set_name][(kind, "R")], (r, errors[kind][:20])


@pytest.mark.parametrize("set_name", SETS)
def test_every_spelling_resolves_to_one_entity(set_name):
    _, _, res, res_err, *_ = _scores(set_name)
    assert res >= FLOORS[set_name]["resolution"], res_err


def test_namesakes_and_traps_stay_apart():
    rows, pairs, _ = _run("heldout")
    keys = defaultdict(set)
    for gid, key, _ in pairs:
        keys[gid].add(key)
    assert not (keys["hammouchi"] & keys["hamouchi_footballer"])  # the footballer is not the police chief
    assert not (keys["echeverri"] & keys["echevarria"])  # two Spanish-speaking officials, similar surnames


@pytest.mark.parametrize("set_name", SETS)
def test_things_that_are_no_people_are_not_taken_for_people(set_name):
    rows, _, _ = _run(set_name)
    taken = [(r["name"], m.surface) for r in rows for m, _ in r["matched"]
             if m.kind == "person" and any(s <= m.start and m.end <= e  # (a longer name around it is a person)
                                           for bad in r["not_person"] for s, e in _occurrences(r["body"], bad))]
    assert len(taken) <= NOT_PERSON_TAKEN[set_name], taken


@pytest.mark.parametrize("set_name", SETS)
def test_titles_are_never_part_of_person_names(set_name):
    rows, _, _ = _run(set_name)
    titles = re.compile(r"^(?:M\.|Mr\.?|Mrs\.?|Herr|Frau|Sr\.|Sra\.|General|Generaal|Deputy|Director|Minister|Ministra|Dr\.?|السيد|اللواء|الفريق)\s", re.I)
    for r in rows:
        for m, _ in r["matched"]:
            if m.kind == "person":
                assert not titles.match(m.surface), (r["name"], m.surface)
                assert not titles.match(m.name), (r["name"], m.name)


@pytest.mark.parametrize("set_name", SETS)
def test_topics_floors(set_name):
    *_, (tp, tr), topic_err = _scores(set_name)
    assert tp >= FLOORS[set_name][("topics", "P")], topic_err
    assert tr >= FLOORS[set_name][("topics", "R")], topic_err
