"""The organisation lexicon: security bodies worldwide are found under their own key, in several
languages, and the lexicon holds no generic name or too-short acronym that would blur them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from store.extract import extract_mentions
from store.model import Segment
from store.gazetteer import surface_key

LEXICON = Path(__file__).resolve().parent.parent / "store" / "lexicon" / "organizations.toml"


def _orgs(text: str, lang: str) -> dict[str, str]:
    """surface -> key of the organisations found in one one-language text."""
    return {m.surface: m.key for m in extract_mentions(text, [Segment(0, len(text), lang)])
            if m.kind == "organization"}


CASES = [
    ("fr", "Les douaniers de la DNRED et les enquêteurs de l'OFAST ont démantelé un réseau, avec l'appui de Tracfin.",
     {"org:fr_ofast", "org:fr_tracfin"}),
    ("fr", "La Gendarmerie royale et l'ADII ont saisi trois tonnes de résine de cannabis près de Tanger.",
     {"org:ma_gendarmerie_royale", "org:ma_adii"}),
    ("fr", "La Garde nationale tunisienne a intercepté une embarcation au large de Sfax.",
     {"org:tn_garde_nationale"}),
    ("nl", "De FIOD en de Koninklijke Marechaussee werkten samen met Polismyndigheten en Tullverket.",
     {"org:nl_fiod", "org:kmar", "org:se_polismyndigheten", "org:se_tullverket"}),
    ("de", "Das Zollkriminalamt und die Generalzolldirektion meldeten einen Kokainfund; der Generalbundesanwalt ermittelt.",
     {"org:de_zka", "org:de_zoll", "org:de_gba"}),
    ("de", "Beamte des Bundesamtes für Migration und Flüchtlinge trafen Vertreter von Fedpol und Rigspolitiet.",
     {"org:de_bamf", "org:ch_fedpol", "org:dk_rigspolitiet"}),
    ("en", "Rajavartiolaitos, Poliisi and the Estonian Police and Border Guard Board held a joint exercise with Valsts policija.",
     {"org:fi_rajavartiolaitos", "org:fi_poliisi", "org:ee_ppa", "org:lv_valsts_policija"}),
    ("en", "Officers of the Royal Thai Police and the Royal Malaysia Police met AUSTRAC and the Australian Federal Police in Canberra.",
     {"org:th_rtp", "org:my_pdrm", "org:au_austrac", "org:au_afp"}),
    ("en", "The EFCC and the NDLEA signed an agreement with SARPCCO and the Southern African Development Community.",
     {"org:ng_efcc", "org:ng_ndlea", "org:sarpcco"}),
    ("es", "La Policía Nacional de Colombia y la DIJIN trabajan con la Fiscalía General de la Nación y el GAFILAT.",
     {"org:co_policia", "org:co_dijin", "org:co_fiscalia", "org:gafilat"}),
    ("es", "El Servicio de Vigilancia Aduanera, la Ertzaintza y la Audiencia Nacional participaron en la operación del EMPACT.",
     {"org:es_sva", "org:es_ertzaintza", "org:es_audiencia_nacional", "org:empact"}),
    ("it", "La Direzione Centrale per i Servizi Antidroga e la Guardia Costiera italiana hanno collaborato con l'EPPO.",
     {"org:it_dcsa", "org:it_guardia_costiera", "org:eppo"}),
    ("pt", "A Polícia Federal e a ABIN trocaram informações com o COAF e a Receita Federal.",
     {"org:br_pf", "org:br_abin", "org:br_coaf", "org:br_receita"}),
    ("ar", "وقعت رئاسة أمن الدولة اتفاقية مع جامعة نايف العربية للعلوم الأمنية وشرطة دبي.",
     {"org:sa_state_security", "org:nauss", "org:ae_dubai_police"}),
    ("ar", "أعلن الدرك الملكي والحرس الوطني التونسي عن تعاون مع المنظمة الدولية للهجرة.",
     {"org:ma_gendarmerie_royale", "org:tn_garde_nationale", "org:iom"}),
    ("en", "The IRGC, the SBU and the FSB were named in the report by the Shin Bet and Mossad.",
     {"org:ir_irgc", "org:ua_sbu", "org:ru_fsb", "org:il_shin_bet", "org:il_mossad"}),
]


@pytest.mark.parametrize("lang,text,keys", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_security_bodies_are_found_under_their_key(lang, text, keys):
    found = set(_orgs(text, lang).values())
    assert keys <= found, f"missing {keys - found}; found {found}"


def test_all_aliases_of_a_body_give_one_key():
    en = _orgs("The Swedish Security Service warned of threats.", "en")
    sv = _orgs("Säkerhetspolisen varnar, enligt Säpo.", "en")
    assert set(en.values()) == {"org:se_sapo"}
    assert set(sv.values()) == {"org:se_sapo"}


def test_generic_names_are_not_claimed_by_one_country():
    # a generic name stays generic: it is not resolved to one country's body
    for lang, text in [("fr", "La Police nationale a arrêté deux suspects."),
                       ("en", "The Ministry of Interior said the Coast Guard rescued 40 people."),
                       ("es", "La Guardia Nacional y la Fiscalía General de la República investigan."),
                       ("nl", "De Nationale Politie en de Douane deden een inval.")]:
        keys = set(_orgs(text, lang).values())
        new_ids = {"org:" + o["id"] for o in _lexicon()["org"][_FIRST_NEW:]}
        assert not keys & new_ids, (text, keys & new_ids)


def _lexicon() -> dict:
    return tomllib.loads(LEXICON.read_text(encoding="utf-8"))


_FIRST_NEW = next(i for i, o in enumerate(_lexicon()["org"]) if o["id"] == "empact")

GENERIC = [
    "Police nationale", "Policía Nacional", "Polícia Nacional", "Polizia nazionale", "National Police", "Nationale Politie",
    "Gendarmerie nationale", "Gendarmería Nacional", "Garde nationale", "Guardia Nacional", "National Guard",
    "Border Police", "Border Guard", "Border Force", "Coast Guard", "Coastguard", "Guardia Costiera", "Guardia Costera", "Guarda Costeira",
    "Customs", "Douane", "Douanes", "Aduana", "Aduanas", "Dogana", "Zoll", "Alfândega",
    "Ministry of Interior", "Ministry of the Interior", "Interior Ministry", "Ministère de l'Intérieur", "Ministerio del Interior",
    "Ministero dell'Interno", "Ministério do Interior", "Ministerie van Binnenlandse Zaken", "Home Office",
    "Ministerio Público", "Ministério Público", "Openbaar Ministerie", "Public Prosecutor's Office", "Fiscalía General de la República",
    "Police fédérale", "Federal Police", "Policía Federal", "Politiet",
    "Department of Justice", "National Intelligence Service", "State Security Service", "Financial Intelligence Unit",
    "الشرطة", "الأمن الوطني", "النيابة العامة", "وزارة الداخلية", "الدرك الوطني", "خفر السواحل", "الجمارك", "الحرس الوطني",
    "جهاز الأمن الوطني", "جهاز أمن الدولة", "المخابرات العامة", "مديرية الأمن العام",
]


def test_new_entries_have_no_generic_alias():
    # (the surface key: case-insensitive, as aliases are matched; "Polícia Federal" is Brazil's, not "Policía Federal")
    generic = {surface_key(g) for g in GENERIC}
    for org in _lexicon()["org"][_FIRST_NEW:]:
        for alias in org["aliases"]:
            assert surface_key(alias) not in generic, (org["id"], alias)


def test_acronyms_have_three_characters_or_more():
    for org in _lexicon()["org"]:
        for alias in org["aliases"]:
            compact = alias.replace(".", "").replace("-", "").replace(" ", "")
            if alias.isupper() or len(alias) <= 5:
                assert len(compact) >= 3, (org["id"], alias)


def test_ids_are_unique_and_ascii():
    ids = [o["id"] for o in _lexicon()["org"]]
    assert len(ids) == len(set(ids))
    for i in ids:
        assert i.isascii() and i == i.lower() and " " not in i, i
