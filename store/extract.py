"""Rule- and lexicon-based extraction of people, organisations and places.

`extract_mentions(body, segments)` finds, in the cleaned article body:

* places: country names in every CLDR language (Babel), state phrases
  ("Koninkrijk Marokko", "république turque"), demonyms/adjectives
  ("Italiaanse", "danoise", "französischen"), major cities;
* organisations: known organisations and their expansions (DGSN ↔ "direction
  générale de la sécurité nationale"), head-noun patterns ("Ministère de
  l'Intérieur", "Policía Nacional"), acronyms defined in the text ("… (XYZ)");
* people: capitalised sequences that start with a known given name, follow an
  honorific ("M.", "Herr", "Sr.", "السيد"), or stand in apposition to a role
  word ("…, directeur général de …"); Arabic names from given-name lists; a
  surname alone is a person when the same article names the full person.

Mentions never overlap, are sorted by start, and carry a key:
"country:MA", "city:rabat", "org:dgsn", "person:abdelatif hamushi".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable

from rapidfuzz import fuzz, process

from store.gazetteer import ARABIC, Entry, gazetteer, lower_same_length, surface_key, trie_pattern
from store.model import Mention, Segment
from store.names import load_lexicon, name_tokens, skeleton, strip_titles, text_key
from store.topics import remember_scan
from store.first_names import common_first_names
from store.world_cities import BIG_CITY, MAX_WORDS, world_cities

# --- character classes ---------------------------------------------------------

_LATIN = [chr(c) for c in list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00))]
UP = "[" + "".join(re.escape(c) for c in _LATIN if c.isupper()) + "]"
LO = "[" + "".join(re.escape(c) for c in _LATIN if c.islower()) + "]"
# Runs of letters and spaces are possessive (++): what follows them (a space, a hyphen, an
# uppercase letter, the end of the word) can never match a character given back, so the result is
# the same as with + while the engine does not retry every shorter run on failure.
# (after the first token also "Dell'Olio", "Dall'Ara", "McAlister-Reid")
_TOK = rf"(?:[A-Z][’']|D[ae]ll[’']|Sant[’']|Mc(?={UP}))?{UP}{LO}++(?:[-‑]{UP}?{LO}++)*|{UP}{{2,}}+(?:[-‑]{UP}{{2,}}+)*"
_PART = r"(?:de|da|di|del|dela|della|dalla|van|von|der|den|ter|ten|du|dos|das|la|le|el|al|los|las|zur|zum|bin|ben|ibn|ould|mint|ait|abu|bou|arap|wa|y|i|['’]t)"
# two or more capitalised tokens, or one right after "X. " (an honorific such as "M. ", "Dr. ")
# The first token starts with the uppercase class itself (then "not after a word character" is
# checked), so the regex engine can skip quickly over everything that is not an uppercase letter.
_FIRST = (rf"{UP}(?<!\w.)(?:(?<=[A-Z])[’'](?={UP}))?"
          rf"(?:{LO}++(?:[-‑]{UP}?{LO}++)*|(?<=[’']){UP}{LO}++(?:[-‑]{UP}?{LO}++)*|{UP}++(?:[-‑]{UP}{{2,}}+)*)")
SEQ_RX = re.compile(
    rf"{_FIRST}(?:[ \u00a0]++(?:{_PART}[ \u00a0]++|{UP}\.[ \u00a0]++(?={UP}{LO})){{0,2}}(?:{_TOK})){{1,8}}(?!\w)"
    rf"|{UP}(?<=\.[ \u00a0].)(?:(?<=[A-Z])[’'](?={UP}))?"
    rf"(?:{LO}++(?:[-‑]{UP}?{LO}++)*|(?<=[’']){UP}{LO}++(?:[-‑]{UP}?{LO}++)*|{UP}++(?:[-‑]{UP}{{2,}}+)*)(?!\w)"
)
TOK_RX = re.compile(rf"{_TOK}|{_PART}(?![\w'’])|{UP}\.(?=[ \u00a0])")
_INITIAL = re.compile(rf"{UP}\.")
_PARTICLES = frozenset("de da di del dela della dalla dal van von der den ter ten du dos das la le el al los las zur zum bin ben "
                       "ibn ould mint ait abu bou arap wa lo 't ’t".split())
# Germanic particles that follow a given name ("Ursula von der Leyen", "Matthias zur Nieden"); after a surname
# they say whose or where: "Rachid el Haddouchi van de Eenheid Oost-Nederland", "Andreas Hof zum Abschluss"
_PARTICLES_AFTER_GIVEN_NAMES = frozenset("van von zur zum".split())
AR_WORD = re.compile(r"[\u0621-\u064a]+")


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    key: str
    name: str
    prio: int  # 3 lexicon, 2 person, 1 pattern


# --- lexicon-derived regexes -------------------------------------------------------


@dataclass
class _Lex:
    given: frozenset[str]
    given_ar: frozenset[str]
    stop: frozenset[str]
    stop_ar: frozenset[str]
    honor_tokens: frozenset[str]
    honor_set: frozenset[str]
    role_after: re.Pattern[str]
    apposition_after: re.Pattern[str]  # ", a Chinese businessman", ", an official of …"
    role_before: re.Pattern[str]
    role_before_low: re.Pattern[str] | None  # role_before without IGNORECASE, for the lower-cased text
    role_punct_free: bool  # no role word has a ".;:!?" in it
    role_words: frozenset[str]  # roles and person nouns: words that end a name
    person_noun_last_words: frozenset[str]  # person nouns by their last word, in lower case ("collègue")
    person_noun_compound: re.Pattern[str]  # a word ending in a long person noun ("fussballprofi", "ex-jogador")
    title_last_words: frozenset[str]  # roles and person nouns by their last word, in lower case
    title_compound: re.Pattern[str]  # a word ending in a long role, in lower case ("innenminister", "polizeikommissarin")
    lower_titles: frozenset[str]  # roles and person nouns written in lower case, by their last word ("colonel")
    given_ar_rx: re.Pattern[str]
    honor_ar_rx: re.Pattern[str]
    role_ar_rx: re.Pattern[str]
    org_rx: re.Pattern[str]
    acro_rx: re.Pattern[str]
    org_cont: frozenset[str]
    state_before: re.Pattern[str]
    state_after: re.Pattern[str]
    state_prefix: re.Pattern[str]
    state_last_words: frozenset[str]
    org_heads: frozenset[str]
    org_nouns: frozenset[str]
    org_ar_rx: re.Pattern[str]
    honor_ar: frozenset[str]  # Arabic titles ("اللواء", "النقيب")


_AR_STOP = (
    "في من على إلى الى عن مع أن ان إن الذي التي الذين هذا هذه ذلك تلك كما وقد قد لقد كان كانت خلال بين حول بعد قبل عند "
    "لدى منذ حيث أو او ثم بل لكن غير كل بعض جميع أي ما لا لم لن هو هي هم نحن أنه انه أنها يوم اليوم أمس العام العامة "
    "الوطني الوطنية المدير مدير وزير الوزير رئيس الرئيس للأمن الأمن لمراقبة مراقبة التراب المغربي المغربية المملكة "
    "استقبل أجرى أكد قال أعلن بحث التقى ترأس شارك زار وفد الوفد نظيره نظيرته السيد السيدة سفير السفير الداخلية الخارجية "
    "والي عامل الملك جلالة صاحب السمو الأمير الشرطة المديرية رفقة بحضور برئاسة "
    "وفدا وفد أمنيا رسميا رسمية زيارة مباحثات لقاء اجتماع بلاغ عمل يقوم قام تم يتم حيث الذي التي إلى يوم أمس غدا مساء صباح "
    "دعوة بدعوة رفيع المستوى بمقر مقر سبل تعزيز التعاون مجال مجالات مكافحة خلال ضمن إطار"
).split()


try:  # what re.IGNORECASE matches beyond plain lower-casing: "s" also matches "ſ", "i" also "ı" …
    from re._casefix import _EXTRA_CASES as _CASE_EXTRA
except ImportError:  # another Python: keep to the IGNORECASE regexes
    _CASE_EXTRA = None


def _ignorecase_classes(chars: set[str]) -> dict[str, str]:
    """For the lower-case letters of a pattern, the character class that matches, in the text
    lower-cased by lower_same_length, exactly what the letter matches under re.IGNORECASE."""
    out = {}
    for c in chars:
        extra = _CASE_EXTRA.get(ord(c)) if _CASE_EXTRA else None
        if extra:
            out[c] = "[" + re.escape(c) + "".join(re.escape(chr(x)) for x in extra) + "]"
    return out


def _role_word_pattern(role_lat: list[str], classes: dict[str, str] | None = None) -> str:
    """A role word as a whole word, or a long one closing a compound with an inflection ("Polizeikommissarin");
    with `classes`: for the lower-cased text, without re.IGNORECASE (see _ignorecase_classes)."""
    role_pat = trie_pattern(role_lat, classes=classes)
    role_long = trie_pattern([r for r in role_lat if len(r) >= 6 and " " not in r], classes=classes)
    suffix = "|".join("".join((classes or {}).get(c, c) for c in sfx) for sfx in ("in", "en", "e", "s", "es", "n", "a", "innen"))
    return rf"(?:(?<!\w)(?:{role_pat})|(?:{role_long})(?:{suffix})?)(?!\w)"


def _role_before_pattern(role_lat: list[str], classes: dict[str, str] | None = None) -> str:
    """A role word ("…, directeur général de la police, X") up to the end of the text, within the sentence."""
    return _role_word_pattern(role_lat, classes) + r"[^.;:!?\n]{0,90}$"


def _alternation(words: list[str]) -> str:
    """Arabic words, longest first, as a regex alternation; written as a trie when they are plain
    letters and spaces: the same matches (two words that match at one place are one the other's
    prefix, and both forms try the longer first), with far fewer tries at each word."""
    if words and all(w and all(c == " " or "\u0621" <= c <= "\u064a" for c in w) for w in words):
        return trie_pattern(words, casefold=False, classes={" ": " "})
    return "|".join(words)


def _after_letter(alts: list[tuple[str, str]]) -> str:
    """Alternatives chosen by the letter just matched (sorted (letter, regex) pairs), as a balanced
    tree of look-behinds: a few checks per capitalised word rather than one per letter."""
    if len(alts) == 1:
        c, rx = alts[0]
        return rf"(?<={re.escape(c)})(?:{rx})"
    mid = len(alts) // 2
    left = "".join(re.escape(c) for c, _ in alts[:mid])
    return rf"(?<=[{left}])(?:{_after_letter(alts[:mid])})|{_after_letter(alts[mid:])}"


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    gl = load_lexicon("given_names")
    given: set[str] = set()
    given_ar: set[str] = set(gl.get("arabic_script", []))
    for origin, names in gl.items():
        if origin != "arabic_script":
            given.update(text_key(n) for n in names)
    given.update(text_key(n) for n in common_first_names())
    titles = load_lexicon("titles")
    honor = sorted({h for lst in titles["honorifics"].values() for h in lst}, key=len, reverse=True)
    honor_lat = [h for h in honor if not ARABIC.search(h)]
    honor_ar = [h for h in honor if ARABIC.search(h)]
    roles = sorted({r for lst in titles["roles"].values() for r in lst}, key=len, reverse=True)
    role_lat = [r for r in roles if not ARABIC.search(r)]
    person_nouns = sorted({w for lst in titles["person_nouns"].values() for w in lst}, key=len, reverse=True)
    # before a single word, a title must be unambiguous: not "re" (Italian king), not "premier" ("Premier League")
    title_words = [w for w in role_lat + person_nouns if len(w) >= 3 and w.lower() not in ("premier", "pm")]
    role_pat = trie_pattern(role_lat)
    role_or_person_pat = trie_pattern(role_lat + person_nouns)
    stop = set(load_lexicon("stopwords")["words"])
    org = load_lexicon("organizations")["patterns"]
    pre = trie_pattern(set(org["pre_heads"]), casefold=False)
    compound = trie_pattern(set(org["compound_heads"]), casefold=False)
    heads_full = trie_pattern(set(org["heads"]), casefold=False)
    # the head starts with the uppercase class (fast skipping), the alternatives then check which
    # letter it was: "Nationale Politie", "Ministerio", "Bundespolizeipräsidium"
    by_first: dict[str, tuple[set[str], set[str]]] = {}
    for w in org["pre_heads"]:
        by_first.setdefault(w[0], (set(), set()))[0].add(w[1:])
    for w in org["heads"]:
        by_first.setdefault(w[0], (set(), set()))[1].add(w[1:])
    per_letter = []
    for c, (pres, hds) in sorted(by_first.items()):
        alts = []
        if pres:
            alts.append(rf"(?:{trie_pattern(pres, casefold=False)})[ \u00a0]+"
                        rf"(?:(?:{pre})[ \u00a0]+)*(?:{heads_full}|{UP}{LO}*(?:{compound}))")
        hds = {h for h in hds if h}
        if hds:
            alts.append(rf"(?:{trie_pattern(hds, casefold=False)})")
        if alts:
            per_letter.append((c, "|".join(alts)))
    # a compound ("Bundespolizei") ends its word: check the word's last two letters before trying them
    ends = "|".join(sorted({re.escape(h[-2:]) for h in org["compound_heads"]}))
    heads = (rf"{UP}(?<!\w.)(?:" + (_after_letter(per_letter) + "|" if per_letter else "")
             + rf"(?={LO}*+(?<={ends})){LO}*(?:{compound}))(?![\w-])")
    cont_words = sorted(set(org["continuations"]) | set(org["nouns"]), key=len, reverse=True)
    cont = "|".join(re.escape(c).replace("'", "['’]") for c in cont_words)
    org_rx = re.compile(
        rf"{heads}(?:(?:[ \u00a0]+|(?<=['’]))(?:(?:{cont})(?=[ \u00a0]|[.,;:!?)](?!\w))|(?:{cont})(?<=['’])"
        rf"|(?:{UP}{LO}+(?:[-‑]{UP}?{LO}+)*|{UP}{{2,}})(?!\w)))*"
    )
    cl = load_lexicon("countries")["state_words"]
    before = trie_pattern(set(cl["before"]), casefold=False)
    conn = "|".join(re.escape(c).replace("'", "['’]") for c in sorted(set(cl["connectors"]), key=len, reverse=True))
    adj_state = trie_pattern(set(cl["adjective_state"]), casefold=False)
    return _Lex(
        given=frozenset(given),
        given_ar=frozenset(given_ar),
        stop=frozenset(stop),
        stop_ar=frozenset(_AR_STOP) | frozenset(honor_ar),
        honor_tokens=frozenset(h.rstrip(".").lower() for h in honor_lat),
        honor_set=frozenset(h.lower() for h in honor) | frozenset(h.rstrip(".").lower() for h in honor_lat if h.endswith(".")),
        role_after=re.compile(
            rf"[ \u00a0]*[\"”»]?[ \u00a0]*,[ \u00a0]*(?:(?:le|la|l['’]|les|the|el|il|lo|o|a|an|un|une|uno|una|um|uma|ein|eine|een|der|die|de|het|son|sa|his|her|its|su|suo|sua|seu|sua|ex|former|ancien|ancienne|nouveau|nouvelle|new)[ \u00a0]+)*"
            # an owner in the possessive (", Maiti Nepal's programme coordinator"; extract_mentions made its "'s" spaces)
            rf"(?:(?:[^\W\d_][\w-]*[ \u00a0]){{0,2}}[^\W\d_][\w-]*(?:['’]s[ \u00a0]+|[ \u00a0]{{3}}))?"
            rf"(?:[a-zà-ÿ]+[ \u00a0]+){{0,2}}(?:{role_pat})",
            re.IGNORECASE,
        ),
        apposition_after=re.compile(
            rf"[ \u00a0]*,[ \u00a0]*(?:a|an|un|une|uno|una|um|uma|ein|eine|einer|een)[ \u00a0]+(?:[a-zà-ÿ-]+[ \u00a0]+){{0,2}}"
            rf"(?:{role_or_person_pat})(?![\w-])", re.IGNORECASE),
        role_before=re.compile(_role_before_pattern(role_lat), re.IGNORECASE),
        role_punct_free=not any(c in r for r in role_lat for c in ".;:!?"),
        role_before_low=(None if _CASE_EXTRA is None else
                         re.compile(_role_before_pattern(role_lat, _ignorecase_classes(set("".join(role_lat)) | set("inesa"))))),
        role_words=frozenset(r.lower() for r in role_lat + person_nouns),
        person_noun_last_words=frozenset(w.split()[-1].lower() for w in person_nouns),
        person_noun_compound=re.compile(r"[\w'’-]*(?:" + trie_pattern([w.lower() for w in person_nouns if len(w) >= 6 and " " not in w])
                                        + r")(?:in|en|e|s|es|n|a|innen)?"),
        title_last_words=frozenset(w.split()[-1].lower() for w in title_words),
        title_compound=re.compile(r"[\w'’-]*(?:" + trie_pattern([w.lower() for w in title_words if len(w) >= 6 and " " not in w])
                                  + r")(?:in|en|e|s|es|n|a|innen)?"),
        lower_titles=frozenset(w.split()[-1].split("'")[-1] for w in title_words if w[0].islower()),
        given_ar_rx=re.compile(r"(?<![\u0621-\u064a])(?:عبد[ \u00a0]+ال?[\u0621-\u064a]+|عبدال[\u0621-\u064a]+|" + trie_pattern(given_ar, casefold=False) + r")(?![\u0621-\u064a])"),
        role_ar_rx=re.compile(r"(?<![\u0621-\u064a])[وفبل]?(?:" + _alternation(
            sorted({r for r in roles if ARABIC.search(r)} | {"رئيس", "رئيسة", "وزير", "وزيرة", "مدير", "مديرة", "المدير", "المديرة", "سفير", "قائد", "رئيسة"},
                   key=len, reverse=True)) + r")(?:[ \u00a0]+العام|[ \u00a0]+العامة)?(?![\u0621-\u064a])"),
        honor_ar_rx=re.compile(r"(?<![\u0621-\u064a])(?:" + _alternation(honor_ar) + r")(?![\u0621-\u064a])"),
        org_rx=org_rx,
        acro_rx=re.compile(r"[A-Z](?<![\w-].)[A-Z0-9&]{1,7}(?![\w])"),
        org_cont=frozenset(c.lower() for c in cont_words),
        state_before=re.compile(rf"(?<!\w)(?:{before})[ \u00a0]+(?:(?:{conn})(?:[ \u00a0]+|(?<=['’])))?$"),
        state_after=re.compile(rf"^[ \u00a0]+(?:{adj_state})(?!\w)"),
        state_prefix=re.compile(rf"(?<!\w)(?:{adj_state})[ \u00a0]+$"),
        state_last_words=frozenset(w.lower() for w in cl["before"] + cl["adjective_state"])
        | frozenset(c.split()[-1].lower().rstrip("'") for c in cl["connectors"]),
        org_heads=frozenset(org["heads"]) | frozenset(org["pre_heads"]),
        org_nouns=frozenset(org["nouns"]),
        honor_ar=frozenset(honor_ar),
        org_ar_rx=re.compile(
            r"(?<![\u0621-\u064a])(?:[وفب]?ال(?=ل)|لل(?=[\u0621-\u064a])|[وفبل](?=ال|[\u0621-\u064a]))?"
            r"(" + _alternation(sorted(org["arabic_heads"], key=len, reverse=True)) + r")(?![\u0621-\u064a])"),
    )


# --- helpers ------------------------------------------------------------------


def _seg_lang(segments: list[Segment], starts: list[int], pos: int) -> str | None:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and segments[i].start <= pos < segments[i].end:
        return segments[i].lang
    return None


def _choose_entry(ents: list[Entry], surface: str, lang: str | None, followed_by_cap: bool) -> Entry | None:
    for e in ents:
        if e.langs and (not e.demonym or not surface[0].isupper()) and lang is not None and lang not in e.langs:
            continue  # a lower-case demonym of another language; a town's name only in some languages
        if e.ambiguous and followed_by_cap:
            continue
        return e
    return None


_NEXT_CAP = re.compile(rf"[ \u00a0]+{UP}{LO}")  # (match() anchors it where asked)


def _places_and_known_orgs(body: str, low: str, segments: list[Segment], starts: list[int],
                           has_arabic: bool | None = None, lowered: str | None = None) -> tuple[list[_Cand], list[int]]:
    """Lexicon places/organisations, plus (from the same pass) the ends of place nouns; the topic
    hits of that pass (and `lowered`, body.lower()) are handed to store.topics for find_topics()
    on the same body."""
    g = gazetteer()
    lx = _lex()
    out: list[_Cand] = []
    hits, topic_hits, trig = g.scan_all(body, low, has_arabic)
    remember_scan(body, topic_hits, lowered)
    for s, e, ents in hits:
        surf = body[s:e]
        nxt = body[e:e + 30]
        lang = _seg_lang(segments, starts, s)
        ent = _choose_entry(ents, surf, lang, bool(_NEXT_CAP.match(nxt)))
        if ent is None:
            continue
        if (ent.demonym and surf[0].isupper() and lang in _LOWER_DEMONYM_LANGS
                and (head := _CAPITALISED_WORD_BEFORE.search(body, max(0, s - 40), s)) and head.group(1) in lx.org_heads):
            continue  # capitalised right after an organisation's head, a Romance adjective is part of its name: "Instituto Hondureño"
        if ent.demonym and surf in _AR_FINANCIAL and not _malian_here(body, s):
            continue  # "وحدة التحريات المالية": financial, not Malian
        if ent.key.startswith("city:") and (_after_given_name(body, s, lx) or _named_with_title(body, s, nxt, lx)):
            continue  # a person's name: "o delegado Paulo Braga", "el general Washington Andrade"
        if ent.kind == "location" and ent.key.startswith("country:"):
            # state phrase: "Koninkrijk Marokko", "royaume du Maroc", "république turque", "Italiaanse Republiek"
            before = body[max(0, s - 40):s]
            words = before.split()
            last = words[-1].lower() if words else ""
            if "'" in last or "’" in last:
                last = re.split("['’]", last)[-1] or last
            m = ((lx.state_prefix if ent.demonym else lx.state_before).search(before)
                 if last in lx.state_last_words or last[-2:] in ("l'", "l’", "d'", "d’") else None)
            if m:
                s -= len(before) - m.start()
            elif ent.demonym and surf[0].isupper():
                m2 = lx.state_after.match(nxt)
                if m2:
                    e += m2.end()
        if ent.kind == "organization" and (demonym := _demonym_ending(g, surf)) is not None:
            # "Polícia Federal brasileira", "Guardia costiera italiana": the body, and its country apart
            cut = e - len(surf) + surf.rindex(" ")
            out.append(_Cand(s, cut, ent.kind, ent.key, ent.name, 3))
            out.append(_Cand(cut + 1, e, "location", demonym.key, demonym.name, 3))
            continue
        out.append(_Cand(s, e, ent.kind, ent.key, ent.name, 3))
    return out, trig


def _demonym_ending(g, surface: str) -> Entry | None:
    """The country of the lower-case demonym that ends a known organisation's name as written, if one does."""
    head, _, last = surface.rpartition(" ")
    if not head or not last[:1].islower():
        return None
    return next((e for e in g.entries.get(surface_key(last), ()) if e.demonym and e.kind == "location"), None)


# Mali's Arabic adjective is the word for "financial" (الجرائم المالية، التحويلات المالية): it is Mali's
# only after a word that news qualifies by nationality (الجيش المالي، الرئيس المالي، نظيره المالي)
_AR_FINANCIAL = frozenset(p + w for p in ("", "ال") for w in ("مالي", "مالية", "ماليين", "ماليون"))
_AR_NATIONALITY_HEADS = frozenset(
    "الجيش الرئيس القوات الحكومة السلطات الشرطة الدرك الجنود الجندي المواطن المواطنة المواطنين الوزير "
    "الوزيرة نظيره نظيرته نظرائه الوفد المخابرات الجانب العاصمة الحدود الأمن الرعايا اللاجئين المجلس".split())


def _malian_here(body: str, s: int) -> bool:
    before = _AR_WORD_BEFORE.search(body, max(0, s - 30), s)
    if before is None:
        return False
    word = before.group(1)
    return word in _AR_NATIONALITY_HEADS or word[:1] in "وب" and word[1:] in _AR_NATIONALITY_HEADS


_LOWER_DEMONYM_LANGS = frozenset("fr es it pt".split())  # languages that write demonyms in lower case


def _occupied(cands: list[_Cand], size: int) -> bytearray:
    """A mask with 1 on every character covered by a candidate."""
    return _occupy(bytearray(size), cands)


def _occupy(mask: bytearray, cands: list[_Cand]) -> bytearray:
    """Set the mask to 1 on every character covered by one of `cands`."""
    for c in cands:
        mask[c.start:c.end] = b"\x01" * (c.end - c.start)
    return mask


def _overlaps(occ: bytearray, s: int, e: int) -> bool:
    return occ.find(1, s, e) != -1


# --- people (Latin script) -------------------------------------------------------


def _is_given(tok: str, lx: _Lex) -> bool:
    return _tok_class(tok)[2]


@lru_cache(maxsize=32768)
def _tok_class(tok: str) -> tuple[bool, bool, bool, bool]:
    """(is honorific, is stopword or role word, is a given name, is a name particle) for a capitalised token."""
    lx = _lex()
    low = tok.lower()
    return (low in lx.honor_tokens, low in lx.stop or low in lx.role_words or low in _FAC_AFTER, text_key(tok) in lx.given,
            low in _PARTICLES)


_SAINT_WORDS = frozenset("santa santo san são sao saint sainte sankt st. ste.".split())
# month names of languages that write them in lower case (and that are no English or German month):
# capitalised before another capitalised word, they are given names (Julio, Abril, Junio, Agosto)
_LOWER_CASE_MONTHS = frozenset(
    "janvier février avril juin juillet août octobre décembre januari februari maart mei augustus "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre gennaio febbraio "
    "aprile maggio giugno luglio settembre ottobre dicembre janeiro fevereiro março maio junho julho setembro "
    "outubro dezembro".split())


# "der", "den" are particles of a name after "van"/"von" ("van der Heijden", "von der Leyen"), else articles
_ARTICLE_NOT_PARTICLE = frozenset("der den".split())
# Italian "of the", "in the"… in lower case end a name: "Elira Kasmi della Struttura speciale"
_ENDS_A_NAME = frozenset("della dello delle degli dei nella nello negli sulla alla dalla".split())
_BEFORE_ARTICLE_PARTICLE = frozenset("van von vander".split())
_NOUNISH = re.compile(r"(?:heit|keit|(?<=\w{4})ung|schaft|tion|sion|ität|ismus|ment|ance|ence|ness|ship|ción|zione|ção|dade|tät)$")
_PREP_BEFORE = re.compile(
    r"(?<!\w)(?:für|der|des|dem|den|die|das|de|du|des|la|le|les|l['’]|d['’]|of|the|van|het|del|di|della|do|da|el|il|in|im|en|à|au|aux|a|to|from|von|vom|zur|zum)[ \u00a0]*$",
    re.IGNORECASE,
)


_PREV_WORDS = re.compile(r"([\w.'’-]+)[ \u00a0]+(?:([\w.'’-]+)[ \u00a0]*[\"“«„]?[ \u00a0]*)$")


def _lower_occurs(body: str, tok: str) -> bool:
    """Does the token also occur in lower case (then it is a common word, not a name), right after
    a space, a line break or an apostrophe?"""
    low = tok.lower()
    if low == tok:
        return False
    i = body.find(low, 1)
    n = len(low)
    while i != -1:
        if body[i - 1] in " \n'’" and not body[i + n:i + n + 1].isalpha():  # the whole word: not "witwassen" for "Wit"
            return True
        i = body.find(low, i + 1)
    return False


def _honor_before(body: str, s0: int) -> bool:
    """Is the text right before s0 an honorific ("M. ", "Herr ", "de heer ", "السيد ")?"""
    if s0 <= 0 or body[s0 - 1] not in " \u00a0\"“«„":
        return False
    words = body[max(0, s0 - 24):s0].rsplit(None, 2)  # the last two words of the 24 characters before
    if not words:
        return False
    return _honor_words(words[-2] if len(words) >= 2 else None, words[-1])


@lru_cache(maxsize=16384)
def _honor_words(prev: str | None, word: str) -> bool:
    """Is `word` (or `prev word`) an honorific?"""
    hs = _lex().honor_set
    last = word.strip("\"“«„").lower()
    if last in hs or last.rstrip(".") in hs:
        return True
    return prev is not None and f"{prev.lower()} {last}" in hs


_AND = frozenset("and et und en y e".split())
_AND_BEFORE = re.compile(r"[ \u00a0]+(?:" + "|".join(sorted(_AND | {"i"})) + r")[ \u00a0]+")  # (Catalan "i" too)
_PLACE_JOINERS = frozenset("and et und en e y i ou o oder of or".split())


def _place_before(body: str, s: int, place_ends: set[int]) -> bool:
    """Does a place end right before s, spaces or a comma between?"""
    i = s
    while i > 0 and body[i - 1] in " \u00a0,":
        i -= 1
    return i < s and i in place_ends


def _town_in_a_place_phrase(body: str, s: int, e: int) -> bool:
    """Is the name at [s, e), or the name ending there one or two words earlier ("São José dos Pinhais"),
    a town's, right after a preposition of place or "and" ("perto de Pedro Juan Caballero", "Bihać und
    Velika Kladuša")? Then it names the town, not a person."""
    towns = world_cities().by_name
    if " y " in body[s:e] or " e " in body[s:e]:  # "hasta Santa Cruz de la Sierra y San Pedro Sula": two towns
        cut = max(body.find(" y ", s, e), body.find(" e ", s, e))
        if _town_in_a_place_phrase(body, s, cut):
            return True
    start = s
    for _ in range(3):
        before = _PREVIOUS_WORD.search(body, max(0, start - 40), start)
        if not before or before.group(2).strip(" \u00a0"):
            return False
        word = before.group(1)
        if body[start:e].lower() in towns and (word.lower() in _PLACE_PREPOSITIONS or word.lower() in _PLACE_JOINERS):
            return True
        if not word[:1].isupper():
            return False
        start = before.start(1)
    return False


_BY = frozenset("by door par por per pela pelo durch".split())


def _opens_a_name(body: str, s: int, token: str) -> bool:
    """Is the unknown capitalised word at s, right before a given name, the first name of that person?
    Only after a comma or "by" (", Rigoberto Paz Sandoval", "led by Abdiqani Yusuf Warsame"): elsewhere
    such a word is more often a title or a noun ("Regierungsdirektorin Katrin Fuchs", "de Douane Marieke …")."""
    i = s
    while i > 0 and body[i - 1] in " \u00a0":
        i -= 1
    if i == s or _lex().title_compound.fullmatch(token.lower()):
        return False
    return body[i - 1] == "," or _word_before(body, s, False)[1] in _BY


# (German writes its nouns capitalised: "der neue Außenbeauftragte Ahmed …" is no first name)
_FIRST_NAME_AFTER_LOWER_LANGS = frozenset("fr es it pt en".split())


def _first_name_after_a_lower_word(body: str, s: int, token: str, lang_at: Callable[[int], str | None]) -> bool:
    """Is the unknown capitalised word at s, before a given name and a surname, the person's first name because
    a lower-case word other than an article or a preposition comes before it ("figura chiave Zeeshan Ahmed
    Butt")? Only in languages that write nouns in lower case."""
    j, word = _word_before(body, s, False)
    if not word or not body[j].islower() or word in _ARTICLES or word in _PLACE_PREPOSITIONS or word in _OF_ARTICLE:
        return False
    if _NOUNISH.search(token) or _tok_class(token)[1] or _lower_occurs(body, token):
        return False
    return lang_at(s) in _FIRST_NAME_AFTER_LOWER_LANGS


def _title_before(body: str, s0: int) -> bool:
    """Is a role or person noun right before s0, a space between ("Commissioner Mwangi", "le colonel Kaboré")?"""
    j, word = _word_before(body, s0, False)
    if not word:
        return False
    lx = _lex()
    return (word in lx.title_last_words or lx.title_compound.fullmatch(word) is not None) and not _of_before(body, j)


def _person_noun_before(body: str, s0: int) -> bool:
    """Is a person noun right before s0, a space or a comma between ("son collègue X", "businessman X")?"""
    word = _word_before(body, s0, True)[1]
    lx = _lex()
    return bool(word) and (word in lx.person_noun_last_words or lx.person_noun_compound.fullmatch(word) is not None)


def _word_before(body: str, s0: int, comma: bool) -> tuple[int, str]:
    """The word right before s0 in lower case and where it starts, spaces (and a comma) between; "" if none."""
    i = s0
    while i > 0 and body[i - 1] in " \u00a0":
        i -= 1
    if comma and i > 0 and body[i - 1] == ",":
        i -= 1
        while i > 0 and body[i - 1] in " \u00a0":
            i -= 1
    j = i
    while j > 0 and (body[j - 1].isalnum() or body[j - 1] in "'’-"):
        j -= 1
    return (j, body[j:i].lower()) if i < s0 else (j, "")


_OF_BEFORE = re.compile(r"(?<!\w)(?:de|di|da|do|del|della|of|van|von|du)[ \u00a0]+$", re.IGNORECASE)


def _of_before(body: str, s: int) -> bool:
    """Is "of" right before s? Then a title word there is part of a place's name: "Isola di Capo Rizzuto"."""
    return _OF_BEFORE.search(body, max(0, s - 8), s) is not None


# a lower-case word, then a single capitalised word (no other capitalised word after it): "colonel Kaboré"
# (the capitalised word is what the regex looks for: most of a text is not one)
_LONE_NAME_AFTER_LOWER_WORD = re.compile(
    rf"{UP}(?<=[a-zà-öø-ÿ][ \u00a0].)(?:{LO}++(?:[-‑]{UP}?{LO}++)*)(?![\w'’-])(?![ \u00a0]+(?:{_PART}[ \u00a0]+)?{UP})")


def _lone_titled(body: str, occ: bytearray, lx: _Lex) -> list[_Cand]:
    """A single capitalised word after a lower-case title: "le colonel Kaboré", "el comisario Tzul"."""
    out = []
    for m in _LONE_NAME_AFTER_LOWER_WORD.finditer(body):
        s, e = m.span()
        title_start, word = _word_before(body, s, False)
        if word not in lx.lower_titles and ("'" not in word and "’" not in word
                                            or _ELISION.sub("", word) not in lx.lower_titles):  # "juge d'instruction X"
            continue
        tok = m.group()
        if _no_lone_name(body, occ, s, e, tok) or _of_before(body, title_start):
            continue
        out.append(_Cand(s, e, "person", "", tok, 2))
    return out


def _no_lone_name(body: str, occ: bytearray, s: int, e: int, tok: str) -> bool:
    """Is the single capitalised word `tok` at [s, e) no surname whatever precedes or follows it: an
    honorific, stop word or particle, part of a place or organisation found, a noun's ending, a word also
    written in lower case, or something named after a person ("stade Mohammed V")?"""
    is_honor, is_stop, _, is_particle = _tok_class(tok)
    return bool(is_honor or is_stop or is_particle or _overlaps(occ, s, e) or _NOUNISH.search(tok)
                or _lower_occurs(body, tok) or _named_after(body, s, e))


# an initial right before a word: "C. Benali" (not "U.S. Army": nothing word-like before the initial)
_INITIAL_BEFORE = re.compile(rf"(?<![\w.'’-]){UP}\.[ \u00a0]$")
# a single capitalised word, then a comma: "Rousseau, directeur général de la sûreté nationale, a reçu"
_LONE_WORD_COMMA = re.compile(rf"{UP}(?<![\w'’.-].)(?:{LO}++(?:[-‑]{UP}?{LO}++)*)(?=[ \u00a0]*,)")
_CLAUSE_END = re.compile(r"[,.;:!?\n]")
_PLACE_PREPOSITIONS = frozenset("em no na nel nella op bij sur chez".split())


def _lone_before_a_role(body: str, occ: bytearray, lx: _Lex, lang_at: Callable[[int], str | None]) -> list[_Cand]:
    """A single capitalised word in apposition with a role, the apposition closed by a comma:
    "Rousseau, directeur général de la sûreté nationale, a reçu" (not "Hoy, el ministro llegó")."""
    out = []
    for m in _LONE_WORD_COMMA.finditer(body):
        s, e = m.span()
        tok = m.group()
        if tok in lx.org_heads or _no_lone_name(body, occ, s, e, tok):
            continue
        role = lx.role_after.match(body, e, min(len(body), e + 80))
        if role is None:
            continue
        end = _CLAUSE_END.search(body, role.end(), role.end() + 120)
        if end is None or end.group() != ",":
            continue
        j, word = _word_before(body, s, False)
        if word[:1].isalpha() and body[j].isupper() or _INITIAL_BEFORE.search(body, max(0, s - 3), s):
            continue  # the last word of a longer name ("Dirección Antinarcóticos"), or after an initial
        if word in _PLACE_PREPOSITIONS or _PREP_BEFORE.search(body, max(0, s - 12), s) or lang_at(s) == "de":
            continue  # "à Dapaong, chef-lieu de …"; German capitalises its nouns ("des Drogenhandels, …")
        out.append(_Cand(s, e, "person", "", tok, 2))
    return out


def _role_before(body: str, low: str | None, s0: int, role_low: re.Pattern[str] | None) -> bool:
    """Is there a role word before s0 in the same clause ("le directeur général de la police, X")?"""
    start = max(0, s0 - 100)
    if _lex().role_punct_free:
        # the match (role word, then no ".;:!?" up to s0) starts after the clause's last ".;:!?"
        start = max(start, body.rfind(".", start, s0) + 1, body.rfind(";", start, s0) + 1, body.rfind(":", start, s0) + 1,
                    body.rfind("!", start, s0) + 1, body.rfind("?", start, s0) + 1)
    if role_low is not None:
        return role_low.search(low, start, s0) is not None
    return _lex().role_before.search(body, start, s0) is not None


# stop words (titles, months) that are also common surnames
_SURNAMES_THAT_ARE_WORDS = frozenset("koning king könig roi rey rei re said may mai".split())
# words that are also parts of names, between two names: "Mohammad Shahidul Islam Chowdhury", "Abdul Haq Din"
_NAME_WORDS_INSIDE = frozenset("islam haq din".split())
_OF_TOWN_PARTICLES = frozenset("van von".split())  # (not "de", "da": "Pereira de Sousa", "Vaz da Cunha")


def _a_town(word: str) -> bool:
    """Is the word the name of a town of 15,000 people or more, or a country?"""
    return _is_country_word(word) or any(not town.strict for town in world_cities().by_name.get(word.lower(), ()))


# adjectives that end a portfolio's name: "viceministra de Defensa Social", "Seguridad Ciudadana"
_PORTFOLIO_ADJECTIVES = frozenset(
    "social sociale sociales sociais ciudadana cidada publica publico publique pubblica nacional national nationale "
    "nazionale interior interieur interno interna exterior exterieur exteriores estero federal civil civile humanos "
    "humanas humains umani territorial territoriale economica economico".split())


@lru_cache(maxsize=1)
def _portfolio_keys() -> frozenset[str]:
    """A minister's or director's portfolio words, folded: "Intérieur", "Justitie", "Interior", "Innern"."""
    extra = ("justitie innern justiz binnenlandse buitenlandse zaken finances finanzas finanze finanças finanzen financien "
             "république república repubblica republiek republik republic").split()  # "procureur de la République X"
    return frozenset(text_key(w) for w in (*_lex().org_nouns, *extra))


# words before a German noun (which German writes with a capital, like a name)
_GERMAN_DETERMINERS = frozenset(
    "der die das des dem den ein eine einer eines einem einen beider beide beiden zwei drei vieler mehrerer aller "
    "dieser diese dieses diesem diesen jener seiner ihrer unserer".split())


def _people_latin(body: str, occ: bytearray, low: str | None = None,
                  lang_at: Callable[[int], str | None] = lambda pos: None) -> list[_Cand]:
    """`low`: lower_same_length(body), if the caller has it; `lang_at`: the language at a position."""
    lx = _lex()
    out: list[_Cand] = []
    # the role-word regex runs on the lower-cased text without re.IGNORECASE (much faster), unless
    # the body has one of the two letters whose str.lower() differs from re's: "İ" and (final) "Σ"
    role_low = lx.role_before_low if low is not None and "İ" not in body and "Σ" not in body else None
    lo_cache: dict[str, bool] = {}  # token -> also written in lower case in this body
    topic_words = gazetteer().topic_terms
    for m in SEQ_RX.finditer(body):
        base = m.start()
        g = m.group()
        after_initial = False  # "C. Benali"
        if " " not in g and "\u00a0" not in g:
            # a lone capitalised word is a person only after an honorific ("M. Hammouchi"), a title
            # ("le colonel Kaboré", see also _lone_titled) or an initial ("C. Benali")
            if not (_honor_before(body, base) or _title_before(body, base)):
                after_initial = base >= 3 and _INITIAL_BEFORE.search(body, base - 3, base) is not None
                if not after_initial:
                    continue
        toks = [(t.start(), t.end(), t.group()) for t in TOK_RX.finditer(body, base, m.end())]
        # split into runs of name-like tokens; honorific tokens trigger the run after them
        runs: list[tuple[list[tuple[int, int, str]], bool]] = []
        cur: list[tuple[int, int, str]] = []
        trig = False
        for i, (s, e, t) in enumerate(toks):
            if t[0].islower():
                if cur and ((t in _ARTICLE_NOT_PARTICLE and cur[-1][2].lower() not in _BEFORE_ARTICLE_PARTICLE)
                            or (t in _ENDS_A_NAME and len(cur) >= 2)
                            or (t in _PARTICLES_AFTER_GIVEN_NAMES and len(cur) >= 2 and not _tok_class(cur[-1][2])[2])):
                    runs.append((cur, trig))  # "Schlüsselmann der Logistik": an article, not "von der Leyen"
                    cur, trig = [], False
                elif cur:
                    cur.append((s, e, t))
                continue
            if cur and len(t) == 2 and _INITIAL.fullmatch(t):
                cur.append((s, e, t))  # a middle initial: "Marcus T. Okafor"
                continue
            is_honor, is_stop, is_given, is_particle = _tok_class(t)
            if is_stop and t.lower() in _LOWER_CASE_MONTHS and i + 1 < len(toks) and toks[i + 1][2][0].isupper():
                is_stop, is_given = False, True  # "Julio César Huamán Quispe": in Spanish July is "julio"
            if is_particle and i + 1 < len(toks) and occ.find(1, s, e) == -1:
                # "Di Gennaro", "Van der Heijden", "El Khattabi", "De Sousa": a capitalised
                # particle before a capitalised name token belongs to the name
                nxt = toks[i + 1][2]
                if nxt[0].isupper() or (nxt.lower() in _PARTICLES and i + 2 < len(toks) and toks[i + 2][2][0].isupper()):
                    cur.append((s, e, t))
                    continue
            if is_honor:
                if cur:
                    runs.append((cur, trig))
                cur, trig = [], True
                continue
            if not (is_stop or is_given):
                lo = lo_cache.get(t)
                if lo is None:
                    lo = lo_cache[t] = _lower_occurs(body, t)
            else:
                lo = False
            if (is_stop and cur and t.lower() in _SURNAMES_THAT_ARE_WORDS and _tok_class(cur[-1][2])[2]
                    and not (i + 1 < len(toks) and toks[i + 1][2][0].isupper())):
                cur.append((s, e, t))  # "teamleider Ruud Koning", "Martin Luther King": after a given name, a surname
                continue
            if (is_stop and cur and i + 1 < len(toks) and toks[i + 1][2][0].isupper() and not _tok_class(toks[i + 1][2])[1]
                    and (t.lower() in _NAME_WORDS_INSIDE
                         or t.lower() in _SURNAMES_THAT_ARE_WORDS and _tok_class(cur[-1][2])[2])):
                cur.append((s, e, t))  # "Mohammad Shahidul Islam Chowdhury", "Abdallah Said Kibwana": inside a name
                continue
            if lo and not is_stop and i + 1 < len(toks) and toks[i + 1][2][0].isupper() and occ.find(1, s, e) == -1 and (
                    len(cur) >= 2 and cur[-1][2] in _PARTICLES or cur and _tok_class(cur[-1][2])[2]
                    and not _tok_class(toks[i + 1][2])[1]):
                lo = False  # "João Pedro da Costa Lobo", "Wilma Terceros Aliaga": between a given name (or a
                # name's particle) and another name, a word also written in lower case is a surname
            if is_stop or occ.find(1, s, e) != -1 or lo:
                if cur:
                    runs.append((cur, trig))
                cur, trig = [], False
                continue
            cur.append((s, e, t))
        if cur:
            runs.append((cur, trig))
        for run, trig in runs:
            while run and (run[-1][2][0].islower() or run[-1][2].lower() in _PARTICLES or run[-1][2].endswith(".")):
                run.pop()
            while run and run[0][2][0].islower():
                run.pop(0)
            titled = False
            while len(run) > 1 and run[1][2][0].isupper() and lx.title_compound.fullmatch(run[0][2].lower()):
                run.pop(0)  # "Vizeinnenminister Aschot Mkrtschjan": a compound title opens the run
                titled = True
            if not run:
                continue
            if (len(run) >= 4 and run[-2][2] in _OF_TOWN_PARTICLES and run[-3][2][0].isupper() and run[-4][2][0].isupper()
                    and _a_town(run[-1][2])):
                run = run[:-2]  # "Burgemeester Jolande Brinkhuis van Zwolle": the mayor of Zwolle
            if any(text_key(t[2]) in topic_words for t in run):
                continue  # "um Migranten Routen … anzubieten": a topic's word is no name
            if not trig and len(run) >= 2 and run[0][2].lower() in _SAINT_WORDS:
                continue  # "Santa Maria di Leuca", "San Lorenzo", "São Gabriel": places named after saints
            if not trig and len(run) >= 2 and text_key(run[0][2]) in _portfolio_keys():
                # "le ministre de l'Intérieur Zorblat Quindimar", "minister van Justitie Quincy Girigorie":
                # the role's portfolio, then the name
                k = 0
                while k < len(run) - 1 and (text_key(run[k][2]) in _portfolio_keys() or run[k][2] in _AND
                                            or text_key(run[k][2]) in _PORTFOLIO_ADJECTIVES):
                    k += 1
                if (run[k][2][0].isupper() and text_key(run[k][2]) not in _PORTFOLIO_ADJECTIVES
                        and _role_before(body, low, run[0][0], role_low)):
                    run, trig = run[k:], True
            if (not trig and len(run) >= 2 and not _tok_class(run[0][2])[2] and lang_at(run[0][0]) == "de"
                    and (len(run) >= 3 and _INITIAL.fullmatch(run[1][2])
                         or _word_before(body, run[0][0], False)[1] in _GERMAN_DETERMINERS)):
                run = run[1:]  # German capitalises its nouns: "beider Länder Y. Koch", "beider Länder Sánchez"
            s0 = run[0][0]
            if not trig and (titled or _honor_before(body, s0)):
                trig = True
            # (a given name right after a particle opens nothing: "Jussara da Silva Brito")
            gi = next((i for i, (_, _, t) in enumerate(run) if not t[0].islower() and _tok_class(t)[2]
                       and not (i and run[i - 1][2].lower() in _PARTICLES)), None)
            if not trig and gi and _person_noun_before(body, s0):
                trig = True  # "empresário Márcio dos Santos Lacerda": the whole name, not from its given-name-like word
            if trig:
                pass
            elif gi is not None and len(run) - gi >= 2:
                if not (gi == 1 and (_opens_a_name(body, run[0][0], run[0][2])
                                     or _first_name_after_a_lower_word(body, run[0][0], run[0][2], lang_at))):
                    run = run[gi:]  # "Hier Ahmed …", "Sicherheitschef Abdellatif …": no part of the name
            elif (out and len(run) >= 2 and not any(_NOUNISH.search(t[2]) for t in run)
                  and _AND_BEFORE.fullmatch(body, out[-1].end, s0)):
                pass  # "Bostjan Kranjc e Davor Rukavina": named together with a person
            elif (len([t for t in run if not t[2][0].islower()]) >= 2
                  and not _PREP_BEFORE.search(body, max(0, s0 - 12), s0)
                  and (_person_noun_before(body, s0)  # right before the name: "Su abogada, Dunia Zelaya Midence"
                       or _introduced_as_a_person(body, s0)  # "un homme d'affaires âgé de 52 ans, Trésor Lukusa Mbuyi"
                       or not any(_NOUNISH.search(t[2]) for t in run)
                       and (lx.role_after.match(body, run[-1][1], min(len(body), run[-1][1] + 80))
                            or _role_before(body, low, s0, role_low)))):
                pass
            elif (len(run) >= 2 and all(t[2][0].isupper() for t in run) and not any(_NOUNISH.search(t[2]) for t in run)
                  and lx.apposition_after.match(body, run[-1][1], min(len(body), run[-1][1] + 80))):
                pass  # after "to", "of": "according to Pakorn Chaiwongsa, an official", "the arrest of Zhou Weiming, a …"
            elif len(run) == 1 and not _NOUNISH.search(run[0][2]) and (after_initial or _title_before(body, s0)):
                pass  # "Commissioner Mwangi", "Innenminister Dobrindt", "C. Benali"
            else:
                continue
            if all(t[2].isupper() for t in run) or run[0][2] in lx.org_heads:  # an acronym / organisation is no name
                continue
            s, e = run[0][0], run[-1][1]
            if after_initial and len(run) == 1 and s == base:
                s -= 3  # the initial is part of the name
            if _named_after(body, s, e) or (not trig and _town_in_a_place_phrase(body, s, e)):
                continue  # "stade Mohammed V"; "perto de Pedro Juan Caballero", "bei Bihać und Velika Kladuša"
            surf = body[s:e]
            out.append(_Cand(s, e, "person", "", surf, 2))
    taken = {c.start for c in out}
    return out + [c for c in _lone_titled(body, occ, lx) + _given_and_initial(body, occ, lx)
                  + _lone_before_a_role(body, occ, lx, lang_at) if c.start not in taken]


# a capitalised word, a space, a capital and a full stop, then no capitalised word: "Dejan V. wurde"
_GIVEN_AND_INITIAL = re.compile(rf"{UP}(?<![\w'’-].)(?:{LO}++(?:[-‑]{UP}?{LO}++)*)[ \u00a0]{UP}\.(?![ \u00a0]*{UP}{LO}|\w)")


# a suspect's age, or age and origin, right before the name: "44 Jahre alte Bulgare", "41-jarige", "32-year-old"
_AGE_OR_ORIGIN_BEFORE = re.compile(
    r"\d{1,2}(?:[- ]?(?:jarige|jährige[rn]?|year-old|enne|ans|años|anos)|[ \u00a0]+(?:Jahre[ \u00a0]+alte[rn]?|ans|años|anos|anni))"
    r"(?:[ \u00a0]+[A-ZÄÖÜ][a-zäöüß]+)?[ \u00a0]+$")


# the clause before a name gives an age ("un Sénégalais de 41 ans originaire de Thiès, "), or says what
# follows is a name ("identified only as ")
_AGE_IN_CLAUSE = re.compile(
    r"\d{1,2}(?:[- ]?(?:jarige|jährige[rn]?|year-old|ans|años|anos|anni)|[ \u00a0]+(?:jaar|Jahre|years))(?![\w])"
    r"[^.!?\n]{0,60},[ \u00a0]*$")
_NAMED_AS_BEFORE = re.compile(
    r"(?<![\w])(?:identified(?: only)? as|known as|named|alias|identifiée? comme|identificad[oa] como|genannt)[ \u00a0]+$",
    re.IGNORECASE)
_DEMONYM_COMMA_BEFORE = re.compile(r"([^\W\d_]+),[ \u00a0]*$")
# an age right after the name: "Kamran Y., 36 anni", "Yeison G., un colombiano de 31 años"
_AGE_AFTER = re.compile(r",[ \u00a0]*(?:\d{1,2}(?![\d.,:/]?\d)|(?:un|una|a|an|ein|eine|einer|um|uma|een)[ \u00a0]+"
                        r"[^\W\d_]+(?:[ \u00a0]+[^\W\d_]+){0,2}?[ \u00a0]+\d{1,2}(?![\d.,:/]?\d))")


def _introduced_as_a_person(body: str, s: int) -> bool:
    """Does the text before s introduce a person's name: an age in the clause, "identified as", or a
    demonym right before a comma ("un socio peruano, Jhonny C.")?"""
    if _AGE_IN_CLAUSE.search(body, max(0, s - 100), s) or _NAMED_AS_BEFORE.search(body, max(0, s - 30), s):
        return True
    before = _DEMONYM_COMMA_BEFORE.search(body, max(0, s - 30), s)
    return bool(before and before.group(1)[:1].islower() and any(
        e.demonym for e in gazetteer().entries.get(surface_key(before.group(1)), ())))


def _given_and_initial(body: str, occ: bytearray, lx: _Lex) -> list[_Cand]:
    """A given name and the initial of a surname, as the press names suspects: "Dejan V.", "Karim B."."""
    out = []
    for m in _GIVEN_AND_INITIAL.finditer(body):
        s, e = m.span()
        given = m.group()[:-3]
        if ((text_key(given) not in lx.given and not _AGE_OR_ORIGIN_BEFORE.search(body, max(0, s - 40), s)
             and not _introduced_as_a_person(body, s) and not _AGE_AFTER.match(body, e))
                or _overlaps(occ, s, e) or text_key(_word_before(body, s, False)[1]) in lx.given):
            continue  # no given name (nor an age or origin before it: "der 44 Jahre alte Bulgare Iwajlo K.",
            # "de 41-jarige Blessing O."); or the end of a longer name ("Maria Anna K.")
        out.append(_Cand(s, e, "person", "", m.group(), 2))
    return out


_FAC_BEFORE = frozenset(
    "ciudad cidade città ville villa puerto porto port fort san santa santo são sao saint sainte sankt "
    "مدينة ميناء بندر "
    "boulevard bd avenue av rue place pont quai aéroport hôpital lycée école université mosquée stade complexe salle "
    "street calle avenida estadio aeropuerto hospital plaza paseo via viale piazza stadio aeroporto ospedale rua praça "
    "estádio avenida straße strasse platz stadion flughafen laan straat plein luchthaven ziekenhuis "
    "شارع ملعب مطار مسجد ساحة مستشفى مركب جامعة".split()
)
_FAC_AFTER = frozenset(
    "airport stadium street avenue boulevard square bridge hospital university mosque foundation prize award cup "
    "trophy stiftung stadion flughafen straße strasse platz universität trophée prix".split()
)
_WORD_BEFORE = re.compile(r"(\w++)\W{1,3}$")  # possessive: a shorter word is never followed by a non-word
_WORD_AFTER = re.compile(r"\W{1,3}(\w+)")


def _named_after(body: str, s: int, e: int) -> bool:
    """Is the name part of a place or thing named after someone: "stade Mohammed V",
    "boulevard Abdelkrim El Khattabi", "John F. Kennedy Airport", "شارع محمد الخامس"?"""
    b = _WORD_BEFORE.search(body, max(0, s - 24), s)
    if b and b.group(1).lower() in _FAC_BEFORE:
        return True
    if b and b.group(1)[:1].isupper() and f"{b.group(1)} {body[s:e]}".lower() in world_cities().by_name:
        return True  # a town named after a titled person: "Presidente Franco", "General Santos"
    a = _WORD_AFTER.match(body, e, e + 24)
    return bool(a and a.group(1)[:1].isupper() and a.group(1).lower() in _FAC_AFTER)


# --- people (Arabic script) -------------------------------------------------------


def _people_arabic(body: str, occ) -> list[_Cand]:
    """Arabic-script names: from a given name (عبد + word, محمد …) or a title (السيد, اللواء …),
    with particles (بن، ولد، أبو …), compound given names (محمد الأمين) and a family nisba (القحطاني);
    and foreign names in apposition after a role phrase (رئيس المكتب الاتحادي للشرطة الجنائية X Y،)."""
    lx = _lex()
    out: list[_Cand] = []
    starts: list[tuple[int, int, bool]] = []  # (name start, end of given/title, is_title)
    for m in lx.given_ar_rx.finditer(body):
        starts.append((m.start(), m.end(), False))
    for m in lx.honor_ar_rx.finditer(body):
        starts.append((m.end(), m.end(), True))
    starts.sort()
    last_end = -1
    n = len(body)

    def next_word(pos: int):
        return AR_WORD.match(body, pos + 1) if pos < n and body[pos] in " \u00a0" else None

    given_at = {s for s, _, t in starts if not t}
    titled = {w0.start() for s, _, t in starts if t and (w0 := AR_WORD.match(body, s + 1))}
    for s, e, is_title in starts:
        if s < last_end:
            continue
        if is_title:
            while (w := next_word(e)) and w.group() in _AR_RANK_QUALIFIERS:
                e = s = w.end()  # "العقيد البحري جورج نخلة": a naval colonel, not a person called البحري
            w0 = AR_WORD.match(body, s + 1)
            if w0 and w0.start() in given_at:
                continue  # "اللواء محمد …": the given name leads
            if w0 and w0.group().startswith("ال") and body[:s].endswith(("الفريق", "الفريق ")):
                continue  # "الفريق الأمني": a team, not a rank
        pos = e
        end = e if not is_title else None
        taken = 0  # family-name words
        after_part = 0
        prev = body[s:e].split()[-1] if e > s else ""
        while taken < 5:
            w = next_word(pos)
            if not w:
                break
            t = w.group()
            if prev == "عبد" and not _overlaps(occ, w.start(), w.end()):
                pass  # عبد + any word is one given name, a word of rank included: عبد الأمير، عبد الملك
            elif (t in lx.stop_ar or _overlaps(occ, w.start(), w.end()) or t.startswith("وال")
                    or t[0] == "و" and (t[1:] in lx.stop_ar or t[1:] in _AR_PLACE_WORDS)):
                break  # "and the …", "and the town of …" start something else: "حمد والرفاع", "الشيخ ومدينة السادات"
            if t in _AR_PARTICLES:
                if not next_word(w.end()):
                    break
                after_part = 2
            elif prev == "عبد":
                pass  # عبد + الرحمن: one compound given name
            elif t.startswith("ال"):
                if taken == 0 and (t[2:] in lx.given_ar and not is_title or t in _AR_GIVEN_SECOND):
                    pass  # محمد الأمين، صلاح الدين
                elif (after_part and not t.endswith("ي") and len(t) > 3 and t not in lx.stop_ar
                      and not _overlaps(occ, w.start(), w.end())):
                    after_part = 0  # the father's name after بن ("منير بن الطاهر"): a family name may follow
                elif (t.endswith("ي") and len(t) > 4 or (s in titled and taken <= 1 or is_title and 1 <= taken <= 2
                                                         or taken >= 1 and prev in lx.given_ar) and len(t) > 4
                      and t not in lx.stop_ar) and not _overlaps(
                        occ, w.start(), w.end()):
                    end, pos = w.end(), w.end()
                    break  # a nisba closes the name (القحطاني), as does a family name after a titled given name
                    # ("اللواء عمر الخوالدة", "العميد جوزيف الحلو") or after a given name and a father's
                    # ("عثمان حامد الطيب")
                else:
                    break
            elif taken >= (3 if is_title else 2 if s in titled else 1) and after_part == 0:
                break
            else:
                taken += 1
                after_part = max(0, after_part - 1)
            if t not in _AR_PARTICLES:
                end = w.end()
            pos = w.end()
            prev = t
        if end is None or (not is_title and end == e):
            continue
        if is_title:
            w0 = AR_WORD.match(body, s + 1)
            s = w0.start() if w0 else s
        if end <= s:
            continue
        if _named_after(body, s, end) or (not is_title and _arabic_town_after_place_word(body, s, end)):
            continue
        out.append(_Cand(s, end, "person", "", body[s:end], 2))
        last_end = end
    # foreign names after a role phrase: ROLE (definite complement words) NAME1 NAME2 [NAME3] ،
    for m in lx.role_ar_rx.finditer(body):
        pos = m.end()
        skipped = 0
        w = next_word(pos)
        while w and skipped < 6 and (_AR_DEF.match(w.group()) or _overlaps(occ, w.start(), w.end())):
            pos = w.end()
            skipped += 1
            w = next_word(pos)
        if not w:
            continue
        words = []
        particles = 0
        while w and len(words) - particles < 3:
            t = w.group()
            if (words and t in _AR_FOREIGN_PARTICLES and (after := next_word(w.end()))
                    and not _AR_DEF.match(after.group())
                    and (after.group() in _AR_FOREIGN_PARTICLES or not _arabic_stop(after.group(), lx))):
                words.append(w)  # "غييرمو ساينث دي بوروآغا", "يان فان دير بيرغ", "جان باتيست لو غال"
                particles += 1
                w = after
                continue
            if (_arabic_stop(t, lx) or _AR_DEF.match(t) or _overlaps(occ, w.start(), w.end())
                    or lx.given_ar_rx.match(body, w.start())):
                break
            words.append(w)
            w = next_word(w.end())
        while words and (words[-1].group() in _AR_FOREIGN_PARTICLES or len(words) >= 2
                         and not _ends_an_arabic_name(body, words[-1].end(), lx)):
            words.pop()  # "ماريوس خاتزيستيليانو يرافقه قائد …": the verb after the name is no part of it
        if sum(w.group() not in _AR_FOREIGN_PARTICLES for w in words) < 2:
            continue
        s0, e0 = words[0].start(), words[-1].end()
        if any(c.start < e0 and s0 < c.end for c in out):
            continue
        out.append(_Cand(s0, e0, "person", "", body[s0:e0], 2))
    out += _arabic_names_before_their_role(body, occ, out, lx)
    return out


# roles that follow a name after a comma: "ديميكي تافيسي ولدو، نائب المفوض العام"
_AR_ROLES_AFTER_COMMA = frozenset(
    "نائب نائبة ممثل ممثلة منسق منسقة مسؤول مسؤولة رئيس رئيسة مدير مديرة قائد قائدة وزير وزيرة سفير سفيرة مستشار "
    "مستشارة المتحدث المتحدثة الناطق الناطقة".split())
# verbs of saying and the like that open a sentence before a name ("أوضح X Y، مدير …")
_AR_VERBS_BEFORE_A_NAME = frozenset(
    "قالت أكدت أوضح أوضحت أشار أشارت أضاف أضافت صرح صرحت ذكر ذكرت شدد شددت اعتبر اعتبرت بدوره بدورها ترأست "
    "ترأس وترأس وترأست حضر حضرت وحضر قال وقال وقالت أكد وأكد وأكدت وأوضح وأشار وأضاف".split())
_AR_WORD_ENDING_AT = re.compile(r"([\u0621-\u064a]+)[ \u00a0]*$")  # the word before a comma or a space


def _arabic_names_before_their_role(body: str, occ, found: list[_Cand], lx: _Lex) -> list[_Cand]:
    """Two or three words no list knows, between a verb, a definite word or a clause's start and ", ROLE":
    "وترأس الاجتماع ديميكي تافيسي ولدو، نائب المفوض العام", "بدوره، أكد عبدي شكري ورسمه، ممثل …"."""
    out: list[_Cand] = []
    i = body.find("،")
    while i != -1:
        after = AR_WORD.match(body, i + 2) if body[i + 1:i + 2] in (" ", "\u00a0") else None
        if after and after.group() in _AR_ROLES_AFTER_COMMA:
            words: list[tuple[int, int]] = []
            pos = i
            opened = True  # (the text's start opens a name)
            while len(words) < 4:
                w = _AR_WORD_ENDING_AT.search(body, max(0, pos - 30), pos)
                if w is None:
                    break
                ws, we = w.span(1)
                t = w.group(1)
                if (t in lx.stop_ar or t in _AR_VERBS_BEFORE_A_NAME or _AR_DEF.match(t) or t in lx.honor_ar
                        or _overlaps(occ, ws, we)):
                    opened = _opens_an_arabic_name(body, ws, t, lx)
                    break
                words.insert(0, (ws, we))
                pos = ws
            else:
                opened = False
            if 2 <= len(words) <= 3 and opened:
                s0, e0 = words[0][0], words[-1][1]
                if not any(c.start < e0 and s0 < c.end for c in (*found, *out)):
                    out.append(_Cand(s0, e0, "person", "", body[s0:e0], 2))
        i = body.find("،", i + 1)
    return out


def _opens_an_arabic_name(body: str, s: int, word: str, lx: _Lex) -> bool:
    """Can a name follow this word: a verb of saying, a function word, a title, a country's adjective
    ("الكينية غريس …"), or a definite noun right after such a verb ("وترأس الاجتماع X")?"""
    if word in lx.stop_ar or word in _AR_VERBS_BEFORE_A_NAME or word in lx.honor_ar or _is_country_word(word):
        return True
    before = _AR_WORD_BEFORE.search(body, max(0, s - 30), s)
    return before is not None and before.group(1) in _AR_VERBS_BEFORE_A_NAME


def _ends_an_arabic_name(body: str, e: int, lx: _Lex) -> bool:
    """What follows a name in apposition: a comma, a definite word, a function word, or a verb
    ("… بابايوانو يرافقه")."""
    nxt = body[e:e + 12].lstrip(" \u00a0")
    return nxt[:1] in ("،", ",", ".", "؛", ":", "", "ي") or _AR_DEF.match(nxt) is not None or _arabic_stop(
        (nxt.split() or [""])[0], lx)


# particles inside European names written in Arabic script: de, da, do, del, dos, le, la, van, von, der, den, ter
_AR_FOREIGN_PARTICLES = frozenset("دي دا دو ديل دل دوس لو لا لي فان فون دير دن تير".split())


def _arabic_stop(word: str, lx: _Lex) -> bool:
    """A function word, also with a proclitic: "بأن", "لأن", "فإن"."""
    return word in lx.stop_ar or len(word) > 2 and word[0] in "بلفك" and word[1:] in lx.stop_ar


def _arabic_town_after_place_word(body: str, s: int, e: int) -> bool:
    """Is the name at [s, e) a town's Arabic name after a word of place ("من بندر عباس")?"""
    if body[s:e] not in world_cities().by_arabic_name:
        return False
    before = _AR_WORD_BEFORE.search(body, max(0, s - 24), s)
    return before is not None and before.group(1) in _AR_PLACE_WORDS


# words that qualify a rank: العميد الركن (staff), العقيد البحري (naval), اللواء الطيار (pilot), المتقاعد (retired)
_AR_RANK_QUALIFIERS = frozenset("الركن البحري الطيار الجوي المتقاعد الأول أول الحقوقي".split())
_AR_GIVEN_SECOND = frozenset("الدين الإسلام".split())  # second words of compound given names: صلاح الدين، سيف الإسلام
_AR_PARTICLES = frozenset("بن ابن بنت ولد أبو ابو بو آل أولاد أغ آغ".split())
_AR_DEF = re.compile(r"^(?:[وفبلك]?ال|لل)")


# --- organisations ------------------------------------------------------------------


_TITLE_WORDS_TO_ACRONYM = re.compile(
    rf"((?:(?:,|[ \u00a0][-–])?[ \u00a0]+(?:(?:and|et|und|en|y|e|of|for|the|de|del|di|da|do|dos|das|na|no|nas|nos|ao|aos|à|às|o|a|os|as|el|la|los|las"
    r"|contra|sobre|para|pela|pelo|em)[ \u00a0]+){0,2}(?:per[ \u00a0]+l['’]|pour[ \u00a0]+l['’])?"
    rf"{UP}{LO}+(?:[-‑]{UP}?{LO}+)*){{1,5}})"
    r"[ \u00a0]*\([A-Z][A-Za-z0-9&]{0,8}(?:-[A-Z0-9][A-Za-z0-9&]{0,6})?\)")
_PAREN_ACRO = re.compile(r"[ \u00a0]*\(([A-Z][A-Za-z0-9&]{0,8}(?:-[A-Z0-9][A-Za-z0-9&]{0,6})?)\)")
_DET_BEFORE = re.compile(
    r"(?<!\w)(?:la|le|l['’]|les|du|de|des|au|aux|der|die|das|dem|den|the|el|il|lo|del|o|a|do|da|het|van|of)[ \u00a0]+$",
    re.IGNORECASE,
)
# a lower-case word naming a kind of body right before an acronym: "de recherchedienst CICPC",
# "the UN refugee agency UNHCR", "l'unité d'élite GIGN"
_BODY_NOUN_BEFORE = re.compile(
    r"(?<![\w-])[a-zà-ÿ-]*(?:dienst|organisatie|organisation|organization|organización|organizzazione|organização"
    r"|agency|agentur|agence|agencia|agenzia|agência|service|servicio|servizio|serviço|unit|unité|unidad|unità|unidade"
    r"|authority|behörde|autorité|autoridad|autorità|autoridade|office|bureau|büro|ufficio|oficina|commission|kommission"
    r"|commissie|comisión|commissione|comissão|directorate|direction|dirección|direzione|direção|ministry|ministère"
    r"|ministerium|ministerie|ministerio|ministero|ministério|corps|korps|brigade|brigada|polizei|politie|police"
    r"|policía|polizia|polícia|eenheid|einheit|wacht|garde|guard|tribunal|court|gericht)[ \u00a0]+$",
    re.IGNORECASE)
_ACRO_STOP = frozenset(
    "PREV NEXT TV PDF USS CEO AFP MAP AP EFE ANSA DPA ANP APA MN OK UTC GMT GPS SMS DNA ADN VIP PIB GDP HTML URL FAQ II III IV VI VII VIII IX XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI".split()
)


_DEMONYM_INSIDE = re.compile(r"[ \u00a0]+([a-zà-ÿ]+)[ \u00a0]+(?:de|di|del|do|da|of|van|für)[ \u00a0]+([\w]+)")


def _organisations(body: str, occ, has_arabic: bool | None = None, segments: list[Segment] | None = None,
                   starts: list[int] | None = None) -> list[_Cand]:
    """`has_arabic`: whether the body has Arabic script, if the caller knows; `segments` (and their
    `starts`): the language of each paragraph (French and Italian names go on in lower-case words)."""
    lx = _lex()
    out: list[_Cand] = []
    pos = 0
    while True:
        m = lx.org_rx.search(body, pos)
        if m is None:
            break
        s, e = m.span()
        pos = e
        if occ[s] if s < len(occ) else False:
            # starts on a known name ("Polícia Judiciária e do Serviço de …"): look again after it
            free = occ.find(0, s)
            pos = free if free != -1 and free < e else e
            if pos <= s:
                pos = s + 1
            continue
        words = list(re.finditer(r"[\w'’-]+", body[s:e]))
        # cut at the first word that is a known place/organisation, drop trailing connectors
        keep = []
        for i, w in enumerate(words):
            ws, we = s + w.start(), s + w.end()
            if keep and w.group() in _AND and i + 1 < len(words) and (
                    words[i + 1].group() in _ARTICLE_AFTER_AND or _another_head_after_and(words, i + 1, lx)):
                pos = we  # (look again after "and")
                break  # "… Security and the Royal Thai Police", "Squadra Mobile e del Servizio …": another organisation
            if (keep and w.group() in _AND and i + 2 == len(words) and len(words[i + 1].group()) >= 2
                    and words[i + 1].group().isupper()):
                pos = we
                break  # "the Garda and PSNI": an acronym after "and" ends the run, another body
            if (len(keep) > 2 and w.group() in _AND and keep[-1][2][0].isupper() and keep[-2][2].lower() in _OF
                    and i + 2 < len(words) and words[i + 1].group().lower() in _OF_ARTICLE
                    and words[i + 2].group()[0].islower()):
                pos = we
                break  # "Procura della Repubblica di Agrigento | e della polizia bengalese": the name ends with its town
            if (len(keep) > 1 and w.group().isupper() and len(w.group()) >= 2 and keep[-1][2].lower() in _OF_ARTICLE
                    and (keep[-1][2].lower() in _OF or keep[-2][2].lower() in _OF)):
                break  # "Escuela de Investigaciones Policiales de la PDI": the body it belongs to is another one
            if keep and (_overlaps(occ, ws, we) or (w.group()[0].isupper() and (
                    _is_given(w.group(), lx) or w.group().lower() in _org_stop() or w.group().lower() in _RANKS))):
                break  # a place, a person's first name, a rank ("Police Lieutenant General …"), or a title-case
                # verb/function word ("… Agency Will Expand")
            if (keep and i + 1 < len(words) and _org_word(keep[-1][2], lx) and keep[-1][2].lower() not in _OF_ARTICLE
                    and keep[-1][2].lower() not in _LC_JOINERS and keep[-1][2].lower() not in _AND
                    and not _org_word(w.group(), lx) and not _org_word(words[i + 1].group(), lx)
                    and words[i + 1].group()[0].isupper() and w.group()[0].isupper() and _role_before(body, None, s, None)):
                break  # the name of the person holding the role: "le directeur de la Police judiciaire Zorblat Quindimar"
            keep.append((ws, we, w.group()))
        prio = 1
        extended = False
        if (keep and keep[-1][1] == e and segments and len(keep) < 12
                and not any(_ELISION.sub("", w[2])[:1].isupper() for w in keep[1:])  # not after "Ministero dell'Interno"
                and _seg_lang(segments, starts, s) in _LOWER_COMPLEMENT_LANGS):
            more = _lower_complements(body, e, occ, keep[-1][2].lower() in _OF_ARTICLE or keep[-1][2][-1] in "'’", lx)
            if more:
                keep += more
                extended = True
        if keep and keep[-1][1] == e and not extended:
            # a demonym inside the name: "Fédération royale marocaine de football"
            dm = _DEMONYM_INSIDE.match(body, e)
            if dm and _overlaps(occ, dm.start(1), dm.end(1)) and (
                    dm.group(2).lower() in lx.org_nouns or dm.group(2)[:1].isupper()) and not _overlaps(occ, dm.start(2), dm.end(2)):
                for w in re.finditer(r"[\w'’-]+", body[dm.start(1):dm.end(2)]):
                    keep.append((dm.start(1) + w.start(), dm.start(1) + w.end(), w.group()))
                prio = 3
        while not extended and len(keep) > 1 and (keep[-1][2].lower() in lx.org_cont and keep[-1][2].lower() not in _ORG_ADJ_OK
                                 and not (keep[-1][2][0].isupper() and len(keep[-1][2]) > 3)
                                 and (keep[-1][2].lower() not in lx.org_nouns
                                      or (keep[-1][2][0].islower() and keep[-2][2].lower() not in _OF))
                                 or _ELISION.sub("", keep[-1][2])[:1].islower() and keep[-1][2].lower() not in lx.org_cont):
            keep.pop()
        if not keep or _overlaps(occ, keep[0][0], keep[0][1]):
            continue
        if len(keep) < 2:
            w0 = keep[0][2]
            if not (len(w0) >= 9 and w0[0].isupper() and _ONE_WORD_ORG.search(w0) or _lone_body(body, keep[0][0], w0)):
                continue
            if _names_the_body_after(body, keep[0][1]):
                continue  # what the body is, before its name: "der europäischen Grenzschutzagentur Frontex"
            if (joined := _SUSPENDED_COMPOUND_BEFORE.search(body, max(0, keep[0][0] - 40), keep[0][0])) is not None:
                keep.insert(0, (joined.start(), joined.start(), ""))  # "Polizei- und Grenzschutzbehörde"
        elif not any(_ELISION.sub("", w[2])[:1].isupper() or w[2].lower() in _ORG_ADJ_OK or w[2].lower() in lx.org_nouns
                     for w in keep[1:]) and not (extended and sum(w[2].lower() not in _OF_ARTICLE and w[2].lower() not in _LC_JOINERS
                                                               and w[2].lower() not in _LC_ARTICLES for w in keep[1:]) >= 2):
            town = _OF_TOWN_GAP.match(body, keep[-1][1]) if extended else None
            if not (town and body[town.end():town.end() + 1].isupper()):
                continue
            # "Squadra mobile | di Ragusa": one adjective, then the town that names the body
        os_, oe = keep[0][0], keep[-1][1]
        pm = _PAREN_ACRO.match(body, oe, min(len(body), oe + 14))
        if pm is None and (keep[-1][1] == e or extended):
            # a name that goes on, in capitalised words, up to its acronym: "Bureau of Alcohol, Tobacco,
            # Firearms and Explosives (ATF)"
            tail = _TITLE_WORDS_TO_ACRONYM.match(body, oe, min(len(body), oe + 90))
            if tail and (not _overlaps(occ, oe, tail.end(1)) or extended):  # ("… finanziaria per l'Italia (UIF)")
                if _overlaps(occ, oe, tail.end(1)):
                    prio = 3  # over the place it names
                oe = tail.end(1)
                pm = _PAREN_ACRO.match(body, oe, min(len(body), oe + 14))
        if pm is None:
            # a name that goes on in lower-case words joined by "and" up to its acronym: "Direction centrale
            # de la lutte contre la criminalité | grave et organisée (DJSOC)", "… el Desarrollo | y Vida sin Drogas (Devida)"
            gap = _COORDINATED_GAP_TO_ACRONYM.match(body, oe, min(len(body), oe + 80))
            if gap and _coordinated_gap_ok(body, keep, gap, occ):
                oe = gap.end(1)
                pm = _PAREN_ACRO.match(body, oe, min(len(body), oe + 14))
        if pm and (cut := _acronym_names_the_tail(keep, pm.group(1))):
            # "Fiscalía contra la Trata de Personas del Ministerio Público (MP)": two bodies, the acronym the second's
            first = keep[:cut]
            while first and first[-1][2].lower() in _OF_ARTICLE:
                first.pop()
            head = body[first[0][0]:first[-1][1]]
            out.append(_Cand(first[0][0], first[-1][1], "organization", "org:" + text_key(head), head, prio))
            os_ = keep[cut][0]
        surf = body[os_:oe]
        known = None if pm else _known_org(surf)
        key = "org:" + (pm.group(1).lower() if pm else text_key(surf))
        name = pm.group(1) if pm else surf
        if known:
            key, name = known
        out.append(_Cand(os_, oe, "organization", key, name, prio))
    if "minist" in body:
        out += _lower_case_ministries(body, occ)
    if segments and any(seg.lang == "en" for seg in segments):
        out += _english_head_last_names(body, occ, segments, starts or [seg.start for seg in segments], lx)
    if ARABIC.search(body) if has_arabic is None else has_arabic:
        out += _organisations_arabic(body, occ)
    for m in lx.acro_rx.finditer(body):
        s, e = m.span()
        a = m.group()
        if a in _ACRO_STOP or len(a) < 3 or _overlaps(occ, s, e):
            continue
        inparen = body[s - 1:s] == "(" and body[e:e + 1] == ")"
        if inparen or _DET_BEFORE.search(body, max(0, s - 8), s) or _BODY_NOUN_BEFORE.search(body, max(0, s - 40), s):
            out.append(_Cand(s, e, "organization", "org:" + a.lower(), a, 1))
    return out


_COORDINATED_GAP_TO_ACRONYM = re.compile(
    r"((?:[ \u00a0]+[^\W\d_]+(?:['’-][^\W\d_]+)*){1,6})[ \u00a0]*\(([A-Z][A-Za-z0-9&]{1,8})\)")


def _coordinated_gap_ok(body: str, keep: list[tuple[int, int, str]], gap: re.Match, occ) -> bool:
    """Do the words between a name and "(ACRONYM)" still belong to the name? Only when "and" joins them
    to it, none is a place or a person, and the acronym starts like one of the name's capitalised words."""
    words = gap.group(1).split()
    acronym = gap.group(2)
    heads = _lex().org_heads
    if any(w in _AND and (after.lower() in _OF_ARTICLE or after in heads) for w, after in zip(words, words[1:])):
        return False  # "Squadra Mobile e del Servizio centrale operativo (SCO)": a second body, the acronym its own
    return (any(w in _AND for w in words) and acronym not in _ACRO_STOP
            and not _overlaps(occ, gap.start(1), gap.end(1))
            and any(w[:1] == acronym[0] for w in [k[2] for k in keep] + words if w[:1].isupper()))


def _initials(words) -> str:
    return "".join(w[2][0] for w in words if w[2][:1].isupper())


def _acronym_names_the_tail(keep: list[tuple[int, int, str]], acronym: str) -> int | None:
    """Where the part of a name that `acronym` spells starts, after "of"/"del", when the acronym does
    not spell the whole name; None when it does, or when no such tail is there."""
    letters = acronym.upper()
    if len(letters) < 2 or _initials(keep).upper() == letters:
        return None
    for k in range(2, len(keep) - 1):
        if keep[k - 1][2].lower() in _OF and keep[k][2][:1].isupper() and _initials(keep[k:]).upper() == letters:
            return k
    return None


_OF_ARTICLE = frozenset("de du des d' d’ di del della dello dei degli delle do da dos das of for van voor für der "
                        "la le les l' l’ el los las il lo gli the het o a os as dell' dell’".split())


# a German compound's first part left to the next word: "Polizei- und Grenzschutzbehörde"
_SUSPENDED_COMPOUND_BEFORE = re.compile(rf"(?<![\w-]){UP}{LO}+-[ \u00a0]+(?:und|oder|bzw\.|en|of)[ \u00a0]+$")
_ACRONYM_OR_NAME_AFTER = re.compile(r"[ \u00a0]+([A-Z][\w-]+)")


def _names_the_body_after(body: str, e: int) -> bool:
    """Is the word after `e` an acronym or a known organisation's name ("… Grenzschutzagentur Frontex")?"""
    m = _ACRONYM_OR_NAME_AFTER.match(body, e)
    if m is None:
        return False
    word = m.group(1)
    return (word.isupper() and len(word) >= 2 and word not in _ACRO_STOP) or any(
        entry.kind == "organization" for entry in gazetteer().entries.get(surface_key(word), ()))


# English names end with their head: "Drug Control Agency", "Jamaica Constabulary Force", "Anti-Terrorism Council"
_ENGLISH_LAST_HEADS = frozenset(
    "Agency Council Force Service Office Bureau Unit Department Authority Commission Directorate Command Guard Police "
    "Ministry Institute Centre Center Corps Constabulary Branch Division Squad Administration Board Committee College "
    "Academy".split())
_ENGLISH_HEAD = re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(_ENGLISH_LAST_HEADS)) + r")(?![\w'’-])")
_ENGLISH_OF = frozenset("of for on against".split())
_ENGLISH_NAME_STOP_WORDS = frozenset("republic state police".split())  # stop words for people's names, not here
_ENGLISH_NAME_WORD = re.compile(rf"^{UP}[\w]*(?:-{UP}?[\w]+)*$")


def _english_head_last_names(body: str, occ, segments: list[Segment], starts: list[int], lx: _Lex) -> list[_Cand]:
    """Capitalised words ending in a head noun, in English paragraphs: "the Maritime Security Agency",
    "Trinidad and Tobago Police Service" (a place inside the name is part of it); at least two words,
    never across a possessive, a stop word ("The"), a title or a role."""
    out: list[_Cand] = []
    for m in _ENGLISH_HEAD.finditer(body):
        s, e = m.span()
        nxt = _FOLLOWING_WORD.match(body, e, e + 40)
        if nxt and nxt.group(1) in (" ", "\u00a0") and (
                nxt.group(2) in _ENGLISH_LAST_HEADS or nxt.group(2) in _ENGLISH_OF and _NEXT_CAP.match(body, nxt.end())):
            continue  # "Coast Guard Service": the name ends at the last head; "Ministry of Interior" starts there
        if _seg_lang(segments, starts, s) != "en" or _overlaps(occ, s, e):
            continue
        first = s
        pending_and = None
        pos = s
        while True:
            before = _PREVIOUS_WORD.search(body, max(0, pos - 40), pos)
            if before is None or before.group(2) not in (" ", "\u00a0"):
                break
            word = before.group(1)
            if word in ("and", "&"):
                if pending_and is not None:
                    break
                pending_and = before.start(1)
                pos = before.start(1)
                continue
            low = word.lower()
            if not _ENGLISH_NAME_WORD.match(word) or low in _OF_ARTICLE or low in lx.role_words or low in lx.stop and not (
                    word in lx.org_heads or low in lx.org_nouns or low in lx.org_cont or low in _ENGLISH_NAME_STOP_WORDS):
                break
            first = pos = before.start(1)
            pending_and = None
        if first == s:
            continue
        out.append(_Cand(first, e, "organization", "org:" + text_key(body[first:e]), body[first:e], 3))
    return out


def _org_word(word: str, lx: _Lex) -> bool:
    """A word organisation names are made of: a head, a noun or continuation they use, or an acronym."""
    low = word.lower()
    return word in lx.org_heads or low in lx.org_cont or low in lx.org_nouns or word.isupper()


def _another_head_after_and(words: list, j: int, lx: _Lex) -> bool:
    """After "and": "(of) (the) Head …", a second organisation joined to the first ("la Squadra Mobile e
    del Servizio centrale operativo"), not a complement ("Direzione … dell'immigrazione e della polizia")."""
    for k in range(j, min(j + 3, len(words))):
        t = words[k].group()
        if t.lower() in _OF_ARTICLE:
            continue
        return t in lx.org_heads and k > j
    return False


_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:the|[Ll]a|[Ee]l|[Ll]e|[Ll]es|[Ll]['’]|[Ll]o|[Ii]l|[Oo]|[Aa]|à|da|do|na|no|pela|pelo|ao|à|del|"
                             r"della|dell['’]|dalla|alla|nella|sulla|al|het|[Dd]e)(?:[ \u00a0]+|(?<=['’]))$")


@lru_cache(maxsize=1)
def _lone_bodies() -> frozenset[str]:
    return frozenset(load_lexicon("organizations")["patterns"].get("lone_heads", []))


def _lone_body(body: str, s: int, word: str) -> bool:
    """A body named by its common noun alone, capitalised after an article inside a sentence:
    "la Armada", "o Exército", "de Douane", "the Navy" (not German, where every noun is capitalised)."""
    return word in _lone_bodies() and _ARTICLE_BEFORE.search(body, max(0, s - 8), s) is not None


_LOWER_MINISTRY = re.compile(
    r"(?<![\w'’])minist(?:ère|ero|erio|ério|ry|erie)[ \u00a0]+(?:de[ \u00a0]+l['’]|de[ \u00a0]+la[ \u00a0]+|du[ \u00a0]+|des[ \u00a0]+"
    r"|della[ \u00a0]+|dell['’]|degli[ \u00a0]+|dei[ \u00a0]+|delle[ \u00a0]+|del[ \u00a0]+|da[ \u00a0]+|do[ \u00a0]+|dos[ \u00a0]+"
    r"|de[ \u00a0]+|of[ \u00a0]+(?:the[ \u00a0]+)?|van[ \u00a0]+)"
    rf"({UP}{LO}+(?:[-‑]{UP}?{LO}+)*)((?:[ \u00a0]+(?:e[ \u00a0]+|et[ \u00a0]+|y[ \u00a0]+|and[ \u00a0]+|en[ \u00a0]+|und[ \u00a0]+)?{UP}{LO}+)*)(?!\w)")


def _lower_case_ministries(body: str, occ) -> list[_Cand]:
    """A ministry written in lower case, as French and Italian do, named by its capitalised portfolio:
    "le ministère de l'Agriculture", "il ministero della Transizione Ecologica"."""
    out: list[_Cand] = []
    for m in _LOWER_MINISTRY.finditer(body):
        s, e = m.start(), m.end(1)
        if _overlaps(occ, m.start(1), m.end(1)):
            continue  # a place ("ministério do Brasil"), a known body
        for w in re.finditer(r"[^\W\d_]+", body[m.end(1):m.end()]):
            ws, we = m.end(1) + w.start(), m.end(1) + w.end()
            if not w.group()[0].isupper() and w.group() not in ("e", "et", "y", "and", "en", "und"):
                break
            if _overlaps(occ, ws, we):
                break
            if w.group()[0].isupper():
                e = we
        surface = body[s:e]
        known = _known_org(surface)
        key, name = known if known else ("org:" + text_key(surface), surface)
        out.append(_Cand(s, e, "organization", key, name, 1))
    return out


_LOWER_COMPLEMENT_LANGS = frozenset(("fr", "it"))
_LC_TOKEN = re.compile(r"([ \u00a0]*)([^\W\d_]+['’](?=\w)|[^\W\d_]+(?:-[^\W\d_]+)*)")
# what joins lower-case complements inside a French or Italian name ("… de la prévention des fraudes",
# "… dell'immigrazione e della polizia delle frontiere"), articles after them
_LC_JOINERS = frozenset("de du des d' d’ di del della dello dei degli delle dell' dell’ per pour contre contro sur".split())
_LC_ARTICLES = frozenset("la le les l' l’ il lo gli i".split())


def _lower_complements(body: str, e: int, occ, after_joiner: bool, lx: _Lex) -> list[tuple[int, int, str]]:
    """The lower-case complements that go on a French or Italian name found up to `e`: joiner (article)
    noun … ("Ispettorato nazionale del lavoro", "Dipartimento di polizia per la prevenzione della
    criminalità", "Office de lutte contre le trafic illicite de migrants"). A group of lower-case words
    is taken whole when a joiner or the end of the clause follows it, else only its first word (a verb
    may follow: "… del lavoro presso l'ambasciata"); nothing when no noun follows."""
    toks: list[tuple[int, int, str]] = []
    pos = e
    n = len(body)
    for _ in range(40):
        m = _LC_TOKEN.match(body, pos, min(n, pos + 60))
        if not m or (m.group(1) == "" and pos > 0 and body[pos - 1] not in "'’"):
            break
        toks.append((m.start(2), m.end(2), m.group(2)))
        pos = m.end()
    out: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []  # joiners (and articles) waiting for their noun
    i = 0
    want_noun = after_joiner
    while i < len(toks):
        if not want_noun:
            j = i
            if toks[i][2].lower() in _AND and i + 1 < len(toks) and toks[i + 1][2].lower() in _LC_JOINERS:
                j = i + 1  # "… e della polizia"
            if toks[j][2].lower() not in _LC_JOINERS:
                adjectives = _adjectives_before_a_complement(toks, occ) if i == 0 and not out else 0
                if adjectives:
                    out += toks[:adjectives]  # "Direzione distrettuale antimafia | di Catania"
                    i = adjectives
                    continue
                if i > 0 or not _joiner_before(body, e):
                    out += _trailing_adjectives(toks, i, occ, lx)  # "… per la sicurezza costiera", "… economico-finanziaria"
                break
            k = j + 1
            if k < len(toks) and toks[k][2].lower() in _LC_ARTICLES and toks[j][2][-1] not in "'’":
                k += 1
            pending = toks[i:k]
            i = k
            want_noun = True
            continue
        if i == 0 and toks[0][2].lower() in _LC_ARTICLES and after_joiner:
            pending = [toks[0]]  # "… per | la prevenzione"
            i = 1
            continue
        group = []
        j = i
        while j < len(toks) and len(group) < 3:
            gs, ge, g = toks[j]
            if (not g[:1].islower() or g.lower() in _LC_JOINERS or g.lower() in _AND or g.lower() in _LC_ARTICLES
                    or len(g) < 3 or g.lower() in lx.stop and g.lower() not in lx.org_nouns or g.lower() in lx.role_words
                    or _overlaps(occ, gs, ge)):
                break
            group.append(toks[j])
            j += 1
        if not group:
            break
        nxt = toks[j] if j < len(toks) else None
        closes = nxt is None  # (the tokens stop at punctuation)
        joined = not closes and (nxt[2].lower() in _LC_JOINERS or nxt[2].lower() in _AND and j + 1 < len(toks)
                                 and toks[j + 1][2].lower() in _LC_JOINERS)
        if not (closes or joined):
            out += pending + group[:1]  # a verb may follow: "… del lavoro presso l'ambasciata"
            break
        out += pending + group
        pending = []
        i = j
        want_noun = False
        if closes:
            break
    return out


# endings of French and Italian adjectives (not of their verbs): "distrettuale", "investigativa", "judiciaire"
_ADJECTIVE_ENDINGS = ("ale", "ali", "ivo", "iva", "ive", "ivi", "ico", "ica", "ici", "iche", "ario", "aria", "ari",
                      "arie", "aire", "aires", "elle", "elles", "iens", "ienne", "iennes", "naux", "nales", "ifs",
                      "ile", "ili", "iles")


def _adjectives_before_a_complement(toks: list[tuple[int, int, str]], occ) -> int:
    """How many lower-case adjectives (one or two) open the complements, a joiner right after them:
    "Direzione distrettuale antimafia di Catania", "Office central anti-drogue de …"; 0 if none."""
    k = 0
    while k < min(2, len(toks) - 1):
        g = toks[k][2]
        if not (g[:1].islower() and len(g) >= 6 and (g.endswith(_ADJECTIVE_ENDINGS) or g.startswith("anti"))
                and g.lower() not in _LC_JOINERS and not _overlaps(occ, toks[k][0], toks[k][1])):
            break
        k += 1
    return k if k and toks[k][2].lower() in _LC_JOINERS else 0


def _joiner_before(body: str, e: int) -> bool:
    """Does the name found up to `e` end with a joiner ("… di polizia per")?"""
    before = _PREVIOUS_WORD.search(body, max(0, e - 30), e)
    return before is not None and before.group(2) == "" and before.group(1).lower() in _LC_JOINERS


def _trailing_adjectives(toks: list[tuple[int, int, str]], i: int, occ, lx: _Lex) -> list[tuple[int, int, str]]:
    """Lower-case words after a complement's noun that end the name: one or two before punctuation or a
    place or demonym ("… per la sicurezza costiera libica,"), or a hyphenated one ("economico-finanziaria");
    a word that goes on into the sentence may be its verb and is left out."""
    group = []
    for gs, ge, g in toks[i:i + 2]:
        if (not g[:1].islower() or g.lower() in _LC_JOINERS or g.lower() in _AND or g.lower() in _LC_ARTICLES or len(g) < 4
                or g.lower() in lx.stop or g.lower() in lx.role_words or _overlaps(occ, gs, ge)):
            break
        group.append((gs, ge, g))
        if "-" in g:
            return group
    j = i + len(group)
    if group and (j == len(toks) or _overlaps(occ, toks[j][0], toks[j][1])):
        return group
    return []


# military and police ranks: never words of an organisation's name
_RANKS = frozenset("lieutenant brigadier colonel captain sergeant constable detective teniente tenente coronel colonnello "
                   "capitán capitão capitano kolonel luitenant oberst hauptkommissar".split())
_ARTICLE_AFTER_AND = frozenset("the la le les l' l’ el los las il lo gli der die das den dem het de o a os as".split())
_OF = frozenset("de du des d' d’ di del della dello dei degli delle do da dos das of for van voor für der".split())
@lru_cache(maxsize=1)
def _org_stop() -> frozenset[str]:
    """Capitalised words that end an organisation name (function words, title-case verbs), i.e. the
    stopwords that are not themselves words of organisation names (Polizei, Royal, National …)."""
    org = load_lexicon("organizations")["patterns"]
    keep = {w.lower() for k in ("heads", "pre_heads", "nouns", "continuations") for w in org[k]} | _ORG_ADJ_OK
    return frozenset(w for w in _lex().stop if w not in keep)


# one word that names an organisation on its own: a German or Dutch compound ending in one of these
_ONE_WORD_ORG = re.compile(r"(?:polizei|politie|präsidiums?|kriminalamts?|direktion|anwaltschaft|fahndungsamts?|akademie"
                           r"|inspektion|inspectie|küstenwache|ministeriums?|agentur|behörde)$")


@lru_cache(maxsize=1)
def _org_alias_keys() -> tuple[list[str], list[tuple[str, str]]]:
    """Folded keys of the lexicon's organisation names (three words or more), for near matches."""
    keys: list[str] = []
    vals: list[tuple[str, str]] = []
    for org in load_lexicon("organizations")["org"]:
        for alias in org["aliases"]:
            k = text_key(alias)
            if len(k.split()) >= 3:
                keys.append(k)
                vals.append(("org:" + org["id"], org["name"]))
    return keys, vals


@lru_cache(maxsize=8192)
def _known_org(surface: str) -> tuple[str, str] | None:
    """A pattern-found name that is a near spelling of a known organisation's name
    ("General Directorate for Territorial Surveillance" ~ "… of Territorial Surveillance")."""
    k = text_key(surface)
    if len(k.split()) < 3:
        return None
    keys, vals = _org_alias_keys()
    hit = process.extractOne(k, keys, scorer=fuzz.ratio, score_cutoff=90)
    return vals[hit[2]] if hit else None


def _organisations_arabic(body: str, occ) -> list[_Cand]:
    """Arabic organisation names: head noun + its complement ("وزارة الداخلية الاتحادية",
    "المكتب الاتحادي للشرطة الجنائية", "مجلس وزراء الداخلية العرب"); stops at a place or demonym."""
    lx = _lex()
    out: list[_Cand] = []
    n = len(body)
    for m in lx.org_ar_rx.finditer(body):
        hs, he = m.span(1)
        if body[hs:hs + 1] == "ل" and m.group(1)[:2] != "ال":  # contracted لل + head without its alif
            pass
        if _overlaps(occ, hs, he):
            continue
        pos, end, nw = he, he, 0
        while nw < 6 and pos < n and body[pos] in " \u00a0":
            w = AR_WORD.match(body, pos + 1)
            if not w:
                break
            t = w.group()
            if nw == 0 and t in _AR_OBJECT_NOUNS or nw > 0 and t == "غير":
                # "إدارة مكافحة المخدرات", "الهجرة غير الشرعية": with the definite word after it
                after = AR_WORD.match(body, w.end() + 1) if w.end() < n and body[w.end()] in " \u00a0" else None
                if (after and after.group().startswith("ال") and after.group() not in lx.stop_ar
                        and not _overlaps(occ, after.start(), after.end())):
                    end, pos, nw = after.end(), after.end(), nw + 2
                    continue
                break
            if ((t in lx.stop_ar and not t.startswith("ال")) or t in lx.honor_ar or t in lx.given_ar
                    or _overlaps(occ, w.start(), w.end())):
                break  # a function word, a place, a title or a person's name ("الإدارة النقيب ليلى …")
            if nw > 0 and t.startswith("وال") and len(t) > 5 and t[1:] not in lx.stop_ar:
                if lx.org_ar_rx.fullmatch(t[1:]):
                    break  # "مديرية الأمن العام والقوات المسلحة": and a second body
                end, pos, nw = w.end(), w.end(), nw + 1  # "إدارة الجوازات والهجرة": and the …
                continue
            if nw > 0 and not (t.startswith("ال") or t.startswith("لل")):
                # "المديرية العامة لشؤون المخدرات": ل + a noun, then its definite complement
                after = AR_WORD.match(body, w.end() + 1) if t.startswith("ل") and len(t) > 3 else None
                if not (after and body[w.end()] in " \u00a0" and after.group().startswith("ال")
                        and after.group() not in lx.stop_ar and not _overlaps(occ, after.start(), after.end())):
                    break
                end, pos, nw = after.end(), after.end(), nw + 2
                continue
            end, pos, nw = w.end(), w.end(), nw + 1
        country = AR_WORD.match(body, end + 1) if end < n and body[end] in " \u00a0" else None
        if (nw == 0 and country and m.group(1).removeprefix("ال") in _AR_STATE_FORCES
                and _is_country_word(country.group()) and (m.group(1).startswith("ال")) == country.group().startswith("ال")
                and not (out and out[-1].end > hs)):
            # "الجيش اللبناني", "شرطة قبرص": a state's force named by its state alone (not inside another
            # name: "أكاديمية الشرطة المصرية"; annotators leave the state out of "الشرطة الوطنية النيجرية")
            end, nw, prio = country.end(), nw + 1, 3  # over the country's mention
        else:
            prio = 1
        if nw == 0:
            continue
        start = m.start(1) if not m.group(0).startswith("لل") else m.start(1)
        surf = body[start:end]
        known = _known_org(surf)
        key, name = known if known else ("org:" + text_key(surf), surf)
        out.append(_Cand(start, end, "organization", key, name, prio))
    return out


# forces every state has: with their state's adjective or name they are that state's ("الجيش اللبناني")
_AR_STATE_FORCES = frozenset("جيش شرطة درك قوات حرس".split())


def _is_country_word(word: str) -> bool:
    """Is an Arabic word a country's name or adjective (اللبناني، الأردنية، قبرص)?"""
    return any(entry.key.startswith("country:") for entry in gazetteer().entries.get(surface_key(word), ()))


# verbal nouns that open an Arabic organisation's complement ("combating …", "affairs of …", "protection of …")
_AR_OBJECT_NOUNS = frozenset("مكافحة مكافحه شؤون حماية مراقبة".split())


_ELISION = re.compile(r"^(?:[lLdD]|dell|all|nell|dall|sull)['’]")

_ORG_ADJ_OK = frozenset(
    "nationale national nationaal nazionale nacional fédérale federal federale judiciaire judicial giudiziaria "
    "judiciária criminelle royale royal koninklijke civile civil suprême supremo suprema "
    "militaire militare militar républicaine republicana repubblicana grand-ducale generale générale general "
    "superiore supérieure superior".split()
)


# --- places named by a trigger noun ---------------------------------------------------

_PLACE_AFTER = re.compile(
    r"(?:[ \u00a0]+(?i:de|do|da|of|van|di|von|du|del|della|de la))?[ \u00a0]+(?:(?<=[ \u00a0])|d['’])"
    rf"({UP}{LO}+(?:[-‑]{UP}?{LO}+)?)(?!\w)"
    rf"(?:[ \u00a0]+(?:e|y|and|en|und|et|ou|o)[ \u00a0]+(?:(?:de|do|da|of|di)[ \u00a0]+)?({UP}{LO}+(?:[-‑]{UP}?{LO}+)?)(?!\w))?"
)
_PLACE_AFTER_AR = re.compile(r"[ \u00a0]+([\u0621-\u064a]{3,})(?![\u0621-\u064a])")


def _trigger_places(body: str, occ, trig: list[int]) -> list[_Cand]:
    """Unknown towns after a place noun: "port of Sines", "porto de Olhão", "la ville de X", "بمدينة X"
    (`trig`: ends of the place nouns found by the lexicon pass)."""
    lx = _lex()
    out: list[_Cand] = []
    for te in trig:
        if ARABIC.match(body, te - 1):
            m = _PLACE_AFTER_AR.match(body, te)
            if m:
                s, e = m.span(1)
                w = m.group(1)
                if not (_overlaps(occ, s, e) or w in lx.stop_ar or w.startswith("ال")):
                    out.append(_Cand(s, e, "location", "city:" + text_key(w), w, 1))
            continue
        m = _PLACE_AFTER.match(body, te)
        if not m:
            continue
        for g in (1, 2):
            if m.group(g) is None:
                continue
            s, e = m.span(g)
            w = m.group(g)
            if (_overlaps(occ, s, e) or w.lower() in lx.stop or w.lower() in lx.role_words
                    or w in lx.org_heads or _tok_class(w)[2]):
                continue
            out.append(_Cand(s, e, "location", "city:" + text_key(w), w, 1))
    return out


# --- assembly ------------------------------------------------------------------------


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping subset: higher priority, then longer span, wins."""
    chosen: list[_Cand] = []
    size = max((c.end for c in cands), default=0)
    mask = bytearray(size)
    for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
        if mask.find(1, c.start, c.end) != -1:
            continue
        chosen.append(c)
        mask[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _find_surnames(body: str, variants) -> list[tuple[int, int]]:
    """Whole-word occurrences of the surname variants, with an optional Al-/El-/ال before them;
    longest first, non-overlapping (plain string search: no regex to compile per article)."""
    spans: list[tuple[int, int]] = []
    taken = bytearray(len(body))
    n = len(body)
    for v in sorted(variants, key=len, reverse=True):
        i = body.find(v)
        while i != -1:
            e = i + len(v)
            if e >= n or not (body[e].isalnum() or body[e] in "_-"):  # not a word character
                s = i
                if i >= 2 and body[i - 2:i] == "ال":
                    s = i - 2
                elif i >= 3 and body[i - 3:i - 1] in ("Al", "al", "El", "el") and body[i - 1] in "-‑ ":
                    s = i - 3
                if (s == 0 or not (body[s - 1].isalnum() or body[s - 1] in "_-")) and taken.find(1, s, e) == -1:
                    spans.append((s, e))
                    taken[s:e] = b"\x01" * (e - s)
                elif s != i and (i == 0 or not (body[i - 1].isalnum() or body[i - 1] in "_-")) and taken.find(1, i, e) == -1:
                    spans.append((i, e))
                    taken[i:e] = b"\x01" * (e - i)
            i = body.find(v, i + 1)
    spans.sort()
    return spans


@lru_cache(maxsize=1)
def _GIVEN_KEYS() -> frozenset[str]:
    """Given names as name-key tokens (a tail starting with one is another person: "Ayoub Hamouchi")."""
    return frozenset(t for g in _lex().given for t in name_tokens(g)[:1])


_ARTICLE_START = re.compile(r"^(?:[AaEe]l[-‑ ]|ال)")


def _town_of_that_name_here(body: str, s: int, e: int) -> bool:
    """Is the surname at s..e, after "in", "near", "en", "à"…, a town of that name ("near Mandeville",
    "en Salcedo", "a Vittoria" for Howard Mandeville, Mauricio Salcedo, Vittoria Leone)?"""
    return _word_before(body, s, False)[1] in _INTO_PLACE and body[s:e].lower() in world_cities().by_name


# "and" or a comma, then perhaps a preposition of place: "(Montréal) et de (Laval)", "(Messina) e ad (Augusta)"
_AND_PLACE_GAP = (r"(?:,|[ \u00a0]+(?:and|et|und|en|e|y|i|ou|o|oder|or))[ \u00a0]+"
                  r"(?:(?:de|d'|d’|à|a|ad|di|da|in|en|em|nach|naar|to|aan|bei|near)[ \u00a0]+)?")
_PLACE_AND_BEFORE = re.compile(_AND_PLACE_GAP + "$")
_AND_PLACE_AFTER = re.compile(_AND_PLACE_GAP)


def _named_with_a_place(body: str, s: int, e: int, place_ends: set[int]) -> bool:
    """Is the town-named word at [s, e) coordinated with a place ("dans les rues de Montréal et de
    Laval", "a Messina e ad Augusta"), or "from" it ("von Mayen aus")? Then it is the town, whoever bears
    its name. `place_ends`: where the places found so far end; the place after it need only be a town's
    name."""
    towns = world_cities().by_name
    if body[s:e].lower() not in towns:
        return False
    if body.endswith("von ", 0, s) and body.startswith(" aus", e) and not body[e + 4:e + 5].isalpha():
        return True  # German "from X": "habe seine Geschäfte von Mayen aus gesteuert"
    before = _PLACE_AND_BEFORE.search(body, max(0, s - 20), s)
    if before and before.start() in place_ends:
        return True
    previous = before and _ONE_WORD_BEFORE.search(body, max(0, before.start() - 40), before.start())
    if previous and previous.group(1).lower() in towns:
        return True  # (a town not looked up yet: "in Erfurt, Jena und Gera")
    after = _AND_PLACE_AFTER.match(body, e)
    following = after and _CAPITALISED_WORD.match(body, after.end())
    return bool(following and following.group().lower() in towns)


def _link_people(body: str, cands: list[_Cand], occ_all) -> list[_Cand]:
    """Give people keys and names; surname-only mentions link to the full name in the article."""
    people = [c for c in cands if c.kind == "person"]
    full: list[tuple[_Cand, tuple[str, ...]]] = []
    for c in people:
        c.name = strip_titles(c.name).strip("\"“”«» ")
        toks = name_tokens(c.name)
        if len(toks) >= 2:
            full.append((c, toks))
    # group full names that are spelling variants of each other
    canon: list[tuple[str, str, tuple[str, ...]]] = []  # (key, display, tokens)
    # longest names first, so that "Pereira de Sousa" joins "Joaquim Pereira de Sousa"
    for c, toks in sorted(full, key=lambda ct: -len(ct[1])):
        key = " ".join(toks)
        match = None
        for k, disp, t2 in canon:
            if k == key or (skeleton(k) == skeleton(key)) or (
                fuzz.ratio(k, key) >= 90 and fuzz.ratio(toks[-1], t2[-1]) >= 85
            ) or (len(t2) > len(toks) and t2[-len(toks):] == toks and toks[0] not in _GIVEN_KEYS()):
                match = (k, disp, t2)
                break
        if match is None:
            canon.append((key, c.name, toks))
            c.key, c.name = "person:" + key, c.name
        else:
            c.key, c.name = "person:" + match[0], match[1]
    # a single name that a title or honorific vouched for ("Commissioner Otieno") is a person's whole
    # name as far as this article goes: its other occurrences are that person too
    for c in people:
        toks = name_tokens(c.name)
        if len(toks) == 1 and " " not in c.name and not any(k == toks[0] or t2[-1] == toks[0] for k, _, t2 in canon):
            canon.append((toks[0], c.name, toks))
            c.key = "person:" + toks[0]
    # surname-only mentions, found by the extractor or propagated from the full names:
    # every tail of the full name ("Pereira de Sousa", "de Sousa"; "Van der Heijden"), and for
    # three-part names the first surname ("Ruiz-Castellanos" of "Fernando Ruiz-Castellanos Merino")
    variants: dict[str, str] = {}  # surface -> key
    for c, toks in full:
        words = c.name.split()
        if len(words) < 2:
            continue
        tails = []
        for i in range(1, len(words)):
            if words[i - 1].lower() in _PARTICLES and i > 1 and not (
                    len(words) - i >= 2 and words[i][:1].isupper() and words[i].lower() not in _PARTICLES):
                continue  # ("Sousa" alone is not "Pereira de Sousa"; "Costa Lobo" is "João Pedro da Costa Lobo")
            if words[i].lower() in _PARTICLES and i == len(words) - 1:
                continue
            tails.append(" ".join(words[i:]))
        if (len(words) >= 3 and words[1].lower() not in _PARTICLES and words[1] not in _AR_PARTICLES
                and not _tok_class(words[1])[2]):
            tails.append(words[1])
        for t in tails:
            if ARABIC.match(t) and t.startswith("ال"):
                variants.setdefault(t[2:], c.key)
            variants.setdefault(t, c.key)
            if t[0].islower():
                variants.setdefault(t[0].upper() + t[1:], c.key)
    for key, display, toks in canon:
        if len(toks) == 1:
            variants.setdefault(display, "person:" + key)
    extra: list[_Cand] = []
    place_ends = {c.end for c in cands if c.kind == "location"}
    for s, e in _find_surnames(body, variants):
        if (not _overlaps(occ_all, s, e) and not _NEXT_CAP.match(body, e) and not _named_after(body, s, e)
                and not _town_of_that_name_here(body, s, e) and not _named_with_a_place(body, s, e, place_ends)):
            # ("Mae" of "Mae Sot", "Santos" of "General Santos" are no surnames)
            extra.append(_Cand(s, e, "person", "", body[s:e], 2))
    for c in [p for p in people if not p.key] + extra:
        c.name = strip_titles(c.name).strip("\"“”«» ")
        toks = name_tokens(c.name)
        if not toks:
            continue
        bare = _ARTICLE_START.sub("", c.name) if c.name not in variants else c.name
        key = variants.get(c.name) or variants.get(bare)
        if key:
            disp = next(d for k, d, _ in canon if "person:" + k == key)
            c.key, c.name = key, disp
            continue
        sk = toks[-1]
        best = None
        for k, disp, t2 in canon:
            if t2[-1] == sk or skeleton(t2[-1]) == skeleton(sk) or fuzz.ratio(t2[-1], sk) >= 88:
                best = (k, disp)
                break
        if best:
            c.key, c.name = "person:" + best[0], best[1]
        else:
            c.key = "person:" + " ".join(toks)
    return extra


# --- towns no lexicon lists (GeoNames) ------------------------------------------------

_CAPITALISED_WORD = re.compile(rf"(?<![\w'’-]){UP}[\w'’-]*")
# (also after the Dutch "'s-" of "'s-Hertogenbosch"; the uppercase letter first, so that the regex engine skips
# quickly over the rest)
_TOWN_FIRST_WORD = re.compile(rf"{UP}(?:(?<![\w'’-].)|(?<=['’]s-.))[\w'’-]*")
_NEXT_WORDS = re.compile(r"(?:[ \u00a0]+[^\W\d_][\w'’-]*){1,%d}" % (MAX_WORDS - 1))
_A_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’-]*)([^\w]*)$")
_FOLLOWING_WORD = re.compile(r"([^\w]*)([^\W\d_][\w'’-]*)")
# a word of place right before a name: "in Duisburg", "à Dakar", "em Praia", "nach Skopje"
_PLACE_PREPOSITIONS = frozenset(
    "in at near from to à au aux de du des vers près en a em no na do da dos das para desde hacia hasta "
    "entre di del della dello dei nel nella al alla per verso tra fra nach aus von vom bei im zwischen "
    "um naar uit bij te van rond nabij ad vor nahe richtung via tussen".split())
# prepositions that put what follows in a place ("in Victoria", "ad Augusta"), not "of" or "from" someone
_INTO_PLACE = frozenset("in at near à au aux en em no na nel nella nach bei im ad vor nahe richtung naar te bij "
                        "via".split())
_SENTENCE_END = ".!?:;\n\"“”«»–—"
# German nouns of an area a town's name follows: "im Raum Rosenheim", "der Landkreis Görlitz", "die Stadt Hof"
_GERMAN_AREA_NOUNS = frozenset("Raum Großraum Region Stadt Kleinstadt Grenzstadt Hafenstadt Landkreis Kreis Bezirk "
                               "Gemeinde Ortschaft Stadtteil".split())
# articles some towns take after "in" ("en el Callao", "nel Cairo"); German ones never do ("nach dem Essen")
_TOWN_ARTICLES = frozenset("el la le il lo".split())
# an article before a capitalised word makes it a noun ("das Essen", "die Rede", "the Mission"), not a town
_ARTICLES = frozenset("der die das dem den des ein eine einem einen einer eines the an le la les un une el los las "
                      "il lo gli uno una os as het een".split())


def _world_cities(body: str, cands: list[_Cand]) -> list[_Cand]:
    """Towns of the world (store.world_cities) where nothing else was found, when the text backs them:
    their country named in the article, a preposition of place before them, or a big city."""
    towns = world_cities()
    lx = _lex()
    taken = _occupied([c for c in cands if c.kind != "location"], len(body))  # people and organisations
    places = _occupied([c for c in cands if c.kind == "location"], len(body))
    countries: set[str] | None = None
    memo: dict[str, _TokenFacts] = {}
    out: list[_Cand] = []
    place_ends = {c.end for c in cands if c.kind == "location"}
    resume = 0
    plain_firsts, stop_firsts = _town_first_words()
    for m in _TOWN_FIRST_WORD.finditer(body):
        first = m.group().lower()
        if first not in plain_firsts and (first not in stop_firsts or not body[m.end() + 1:m.end() + 2].isupper()):
            continue  # no town's name starts so; "The report": only "Le Havre", "La Paz", "Den Haag" start with such a word
        s = m.start()
        if s < resume or taken[s] or _overlaps(taken, s, m.end()):
            continue
        if places[s] and (s == 0 or places[s - 1]):
            continue  # inside a place already found
        ends = [m.end()]
        more = _NEXT_WORDS.match(body, m.end())
        if more:
            ends += [w.end() for w in _A_WORD.finditer(body, m.end(), more.end())]
        for e in reversed(ends):
            if not body[max(body.rfind(" ", s, e) + 1, s)].isupper() or _overlaps(taken, s, e):
                continue  # a name ends with a capitalised word: "Mollet del Vallès"
            # a place found inside a longer town's name gives way to it: "Benin City", "Port of Spain",
            # "Spanish Town"; a name that only starts or ends inside a place found is no town
            inside = _overlaps(places, s, e)
            if inside and (places[e - 1] and (e == len(body) or places[e]) or not _places_within(cands, s, e)):
                continue
            found = towns.by_name.get(body[s:e].lower())
            if not found:
                continue
            if countries is None:
                countries = {c.key[8:] for c in cands if c.key.startswith("country:")}
            start = s - 3 if body.endswith(("'s-", "’s-"), 0, s) else s  # "'s-Hertogenbosch", "’s-Gravenhage"
            city = _backed_city(body, start, e, found, countries, lx, memo, place_ends)
            if city is not None:
                out.append(_Cand(start, e, "location", city.key, city.name, 4 if inside else 1))
                place_ends.add(e)
                resume = e
            break
    return out


@lru_cache(maxsize=1)
def _town_first_words() -> tuple[frozenset[str], frozenset[str]]:
    """The first words of the towns' names: those that are no stop word, and those that are ("la", "den")."""
    firsts, stop = world_cities().first_words, _lex().stop
    return firsts - stop, firsts & stop


# words of place before a town's name in Arabic: في، من، إلى، قرب، بين … and "city of", "town of"
_AR_PLACE_WORDS = frozenset("في من إلى الى قرب بين نحو عند داخل حول مدينة بلدة مدينتي بمدينة لمدينة ضواحي شمال جنوب شرق غرب".split())


_AR_WORD_BEFORE = re.compile(r"([\u0621-\u064a]+)[ \u00a0]+$")


def _arabic_towns(body: str, cands: list[_Cand]) -> list[_Cand]:
    """Towns named in Arabic script (GeoNames' Arabic names), where nothing else was found: only
    after a word of place ("قرب الرمثا", "إلى الجهراء", "مدينة القائم"), written with "in" ("بالمفرق"),
    or listed after a place ("الرمثا والمفرق"), and only when the article names the town's country:
    many Arabic town names are also common words."""
    towns = world_cities().by_arabic_name
    countries = {c.key[8:] for c in cands if c.key.startswith("country:")}
    if not countries:
        return []
    lx = _lex()
    taken = _occupied(cands, len(body))
    others = _occupied([c for c in cands if c.kind != "location"], len(body))  # people and organisations
    place_ends = {c.end for c in cands if c.kind == "location"}
    out: list[_Cand] = []
    firsts = _arabic_town_first_words()
    resume = 0
    for m in AR_WORD.finditer(body):
        word = m.group()
        two = word in firsts or word[1:] in firsts
        if not two and word not in towns and word[1:] not in towns:
            continue  # most words: no town's name, with or without a proclitic
        s, e = m.span()
        if s < resume or taken.find(1, s, e) != -1:
            continue
        nxt = AR_WORD.match(body, e + 1) if two and body[e:e + 1] == " " else None
        if (nxt is None or others.find(1, nxt.start(), nxt.end()) != -1) and (word in lx.stop_ar or word in lx.given_ar):
            continue  # a word or a given name alone is no town's name
        before = _AR_WORD_BEFORE.search(body, max(0, s - 24), s)
        prev_word = before.group(1) if before else None
        after_place = prev_word in _AR_PLACE_WORDS
        with_proclitic = word[0] == "ب" or (word[0] == "و" and _place_before(body, s, place_ends))
        tries = [(s, e, word, after_place)]
        if word[0] in "بو":
            tries.append((s + 1, e, word[1:], with_proclitic))
        if nxt is not None and others.find(1, nxt.start(), nxt.end()) == -1:  # "مدينة عيسى", "بندر عباس"
            tries[:0] = [(s, nxt.end(), f"{word} {nxt.group()}", after_place),
                         (s + 1, nxt.end(), f"{word[1:]} {nxt.group()}", with_proclitic)]
        for start, end, name, backed in tries:
            found = towns.get(name) if backed and len(name) >= 3 else None
            town = next((t for t in found or () if t.country in countries), None)
            if town is not None:
                # a place found inside the town's name ("عيسى" of "مدينة عيسى") gives way to it
                out.append(_Cand(start, end, "location", town.key, town.name, 4 if taken.find(1, start, end) != -1 else 1))
                place_ends.add(end)
                resume = end
                break
    return out


@lru_cache(maxsize=1)
def _arabic_town_first_words() -> frozenset[str]:
    """The first words of the Arabic town names of two words ("مدينة" of "مدينة عيسى")."""
    return frozenset(name.split()[0] for name in world_cities().by_arabic_name if " " in name)


def _places_within(cands: list[_Cand], s: int, e: int) -> bool:
    """Do the places found that overlap [s, e) all lie inside it, none the whole of it?"""
    return all(s <= c.start and c.end <= e and (c.start, c.end) != (s, e)
               for c in cands if c.kind == "location" and c.start < e and s < c.end)


def _backed_city(body: str, s: int, e: int, found, countries: set[str], lx: _Lex,
                 memo: dict[str, _TokenFacts], place_ends: set[int] = frozenset()):
    """The city the name at [s, e) stands for, or None when the text does not back it.

    A town listed with places ("Bihać und Velika Kladuša", "Gorizia, Muggia") is after a preposition
    of place, as it were (`place_ends`: where places found so far end).

    `memo` keeps, per token, what depends on the whole text (a hostile text repeating one
    name thousands of times must not make each occurrence scan all the others)."""
    before = _PREVIOUS_WORD.search(body, max(0, s - 40), s)
    prev, gap_before = (before.group(1), before.group(2)) if before else ("", "\n")
    after = _FOLLOWING_WORD.match(body, e, e + 40)
    gap_after, nxt = (after.group(1), after.group(2)) if after else ("\n", "")
    sentence_start = not before or any(ch in _SENTENCE_END for ch in gap_before)
    if nxt and nxt[0].isupper() and gap_after.strip(" \u00a0") == "":
        return None  # part of a longer name: "Washington Andrade", "Santos Silva"
    area = prev in _GERMAN_AREA_NOUNS and not sentence_start and gap_before.strip(" \u00a0") == ""
    if (prev and prev[0].isupper() and not sentence_start and gap_before.strip(" \u00a0") == "" and not area
            and prev.lower() not in _INTO_PLACE and not _common_word_opening_a_sentence(body, before.start(1), prev, lx, memo)):
        return None  # "Rui Braga", "Ana Lisboa" (not "In Rumonge", not "Zolang Caracas niet meewerkt")
    token = body[s:e]
    single = " " not in token
    if single:
        if prev.lower() in _ARTICLES and prev[0].islower() and not (
                prev in _TOWN_ARTICLES and _into_place_before(body, before.start(1))):
            return None  # "das Essen", "nach dem Essen" (not "en el Callao")
        facts = _facts(body, token, lx, memo)
    after_preposition = not sentence_start and gap_before.strip(" \u00a0") == "" and (
        area or prev.lower() in _PLACE_PREPOSITIONS or prev.lower() in _PLACE_JOINERS and _place_before(body, before.start(1), place_ends))
    if not after_preposition and before and gap_before.strip(" \u00a0") == "," and before.end(1) in place_ends:
        after_preposition = True
    if single:
        into_place = area or prev.lower() in _INTO_PLACE and gap_before.strip(" \u00a0") == ""
        if facts.common:
            return None  # a common word
        if facts.surname_here and not into_place and not _named_with_a_place(body, s, e, place_ends):
            return None  # a surname, unless right after "in", "near", "à", "nach" …:
            # "a wharf near Mandeville" (Howard Mandeville is named too)
        if text_key(token) in lx.given and not into_place and not (
                after_preposition and any(c.country in countries for c in found)):
            return None  # a given name, unless right after "in", "ad"… ("sbarcati ad Augusta"), or after
            # "tra", "di"… with its country named ("tra Vittoria, Acate e…": news names people by surname)
    found = [c for c in found if not c.strict or (after_preposition and c.country in countries)]
    if not found:
        return None
    named = next((c for c in found if c.country in countries), None)
    if sentence_start and single and not _facts(body, token, lx, memo).proper_noun:
        # a capital at a sentence's start says nothing ("Como dijo…"): only a big city's name will do
        return named if named is not None and named.population >= BIG_CITY else None
    if named is not None:
        return named
    if after_preposition or (found[0].population >= BIG_CITY and not sentence_start):
        return found[0]
    return None


_OF_COUNTRY = re.compile(r"[ \u00a0]+(?:del|de la|de|du|des|of the|of|della|di|da|do|van|von|der)[ \u00a0]+$")
_GERMAN_SEAT_HEAD = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:schaft|gericht|präsidium|polizei|direktion|inspektion)$")
# a German court, prosecution or police seat named by its town alone: "Landgericht Koblenz", "Oberlandesgericht Jena"
_GERMAN_SEAT_WORDS = ("gericht", "anwaltschaft", "präsidium", "polizei", "direktion", "inspektion")
_GERMAN_SEAT = re.compile(rf"(?<![\w'’-])[A-ZÄÖÜ][a-zäöüß]*(?:{'|'.join(_GERMAN_SEAT_WORDS)})"
                          r"[ \u00a0]([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)(?![\w'’-])")


def _german_seats(body: str, cands: list[_Cand]) -> list[_Cand]:
    """`cands` with each German seat named by a town's name ("Landgericht Koblenz") as one organisation,
    where nothing else was found on its head."""
    if not any(word in body for word in _GERMAN_SEAT_WORDS):
        return cands
    towns = world_cities().by_name
    added = []
    for m in _GERMAN_SEAT.finditer(body):
        if m.group(1).lower() not in towns:
            continue
        s, e = m.span()
        inside = [c for c in cands if c.start < e and s < c.end]
        if any(not (c.start >= m.start(1) and c.kind == "location") for c in inside):
            continue  # the head belongs to something found already ("Staatsanwaltschaft Erfurt" is)
        end = numeral.end() if (numeral := _ROMAN_NUMERAL.match(body, e)) else e
        surface = body[s:end]
        added.append((inside, _Cand(s, end, "organization", "org:" + text_key(surface), surface, 3)))
    if not added:
        return cands
    dropped = {id(c) for inside, _ in added for c in inside}
    return sorted([c for c in cands if id(c) not in dropped] + [seat for _, seat in added], key=lambda c: c.start)


def _org_of_place(body: str, cands: list[_Cand]) -> list[_Cand]:
    """An organisation and the place that names it, as one organisation:
    "Policía Nacional del Ecuador" (lexicon org + of + country),
    "Ghana Police Service", "Dubai Police" (place + org), "Staatsanwaltschaft Duisburg" (German seat)."""
    heads = _lex().org_heads
    ordered = sorted(cands, key=lambda c: c.start)
    merged: list[_Cand] = []
    i = 0
    while i < len(ordered):
        c = ordered[i]
        d = ordered[i + 1] if i + 1 < len(ordered) else None
        if d is not None and d.start >= c.end:
            gap = body[c.end:d.start]
            # a lexicon organisation named for another country ("Policía Nacional" is Spain's) is
            # another body; a pattern one ("Gendarmaria Real de Marrocos") keeps its country apart
            org_of_country = (c.kind == "organization" and c.prio == 3 and d.key.startswith("country:")
                              and _OF_COUNTRY.fullmatch(" " + gap.strip(" \u00a0") + " ") is not None)
            place_org = (c.kind == "location" and d.kind == "organization" and gap == " " and body[d.start].isupper()
                         and (_names_its_place(body, c) or body[c.start].isupper() and _bare_head(body[d.start:d.end])))
            seat = (c.kind == "organization" and d.key.startswith("city:") and gap == " "
                    and _GERMAN_SEAT_HEAD.match(body[c.start:c.end]) is not None)
            if org_of_country or place_org or seat:
                end = d.end
                if seat and (numeral := _ROMAN_NUMERAL.match(body, end)):
                    end = numeral.end()  # "Staatsanwaltschaft München I", "Landgericht Berlin II"
                surface = body[c.start:end]
                merged.append(_Cand(c.start, end, "organization", "org:" + text_key(surface), surface, 3))
                i += 2
                continue
        head = _FOLLOWING_WORD.match(body, c.end, c.end + 30) if c.kind == "location" else None
        if (head and head.group(1) == " " and head.group(2) in heads and head.group(2)[0].isupper()
                and (d is None or d.start >= head.end())
                and (_names_its_place(body, c) or body[c.start].isupper() and head.group(2) in _BARE_HEADS)):
            # "Dubai Police", "Ghana Police", "Royal Thai Police"
            pre = _CAPITALISED_WORD_BEFORE.search(body, max(0, c.start - 24), c.start)
            start = pre.start(1) if pre and pre.group(1) in _lex().org_heads else c.start
            surface = body[start:head.end()]
            if merged and merged[-1].end > start:
                merged.pop()
            merged.append(_Cand(start, head.end(), "organization", "org:" + text_key(surface), surface, 3))
            i += 1
            continue
        merged.append(c)
        i += 1
    return merged


_ROMAN_NUMERAL = re.compile(r"[ \u00a0](?:I{1,3}|IV|V)(?![\w'’.-])")
# "… de|di|d'|of … <town>" after an organisation: the town names which body it is
_OF_TOWN_GAP = re.compile(r"[ \u00a0]+(?:de|di|da|do|du|del|of|von|van|des|der|dos|das|della)[ \u00a0]+|[ \u00a0]+d['’]")
# a German or Dutch body followed by its seat, with no preposition: "Zollfahndungsamt Dresden", "… Politie Antwerpen"
_SEAT_LAST_WORD = re.compile(r"(?:schaft|gericht|präsidium|polizei|direktion|inspektion|amt|amts|akademie|politie|parket"
                             r"|academie|recherche)$", re.IGNORECASE)
# a head word with an elided complement before "di <town>": "Corte d'appello (di Tirana)"
_HEAD_ELIDED_BEFORE = re.compile(rf"({UP}{LO}+)[ \u00a0]+(?:d['’]|de[ \u00a0]+|di[ \u00a0]+)({LO}+)$")
_ONE_WORD_BEFORE = re.compile(rf"(?<![\w'’-])({UP}{LO}+(?:-{UP}{LO}+)?)$")


def _generic_state_body(name: str) -> bool:
    """Is the name only words every state has a body of ("Polícia Nacional", "Departamento de Policía",
    "Nationale Politieacademie", "Supreme Court"), so that the country after it is part of the name?"""
    lx = _lex()
    for word in name.split():
        low = word.lower()
        if not (word in lx.org_heads or low in lx.org_cont or low in lx.org_nouns
                or low.endswith(_COMPOUND_HEADS)):
            return False
    return True


_COMPOUND_HEADS = ("polizei", "politie", "academie", "akademie", "präsidium", "anwaltschaft")


def _org_and_its_town(body: str, cands: list[_Cand]) -> list[_Cand]:
    """An organisation and the town after it, as one organisation: "Squadra Mobile di Palermo",
    "Prefettura di Bari", "Institut royal de police de Meknès", "Corte d'appello di Lecce",
    "Polizeidirektion Hannover", "Federale Gerechtelijke Politie Gent"; a country only after a name
    that every state has ("Polícia Nacional de Cabo Verde", "Police nationale du Niger": two countries'
    national police are two bodies), not after a name of its own ("Interpol de Marrakech")."""
    lx = _lex()
    merged: dict[int, tuple[int, int]] = {}  # index of the town -> (start, index of the organisation or -1)
    n = len(body)
    for i, t in enumerate(cands):
        country = t.key.startswith("country:")
        if (t.kind != "location" or t.start < 2 or not (country or t.key.startswith("city:")) or not body[t.start].isupper()
                or body[t.start - 1] not in " \u00a0'’" or t.end < n and (body[t.end].isalnum() or body[t.end] in "-‑")):
            continue
        prev = cands[i - 1] if i else None
        start, j = None, -1
        if prev is not None and prev.kind == "organization" and t.start - prev.end <= 5:
            gap = body[prev.end:t.start]
            if body[prev.start:prev.end].isupper():
                pass  # an acronym names its body already: "the FAR (of Rabat)"
            elif country:
                if _OF_TOWN_GAP.fullmatch(gap) and prev.prio == 1 and _generic_state_body(body[prev.start:prev.end]):
                    start, j = prev.start, i - 1  # "Polícia Nacional de Cabo Verde", "Police nationale du Niger"
            elif (_OF_TOWN_GAP.fullmatch(gap) and prev.prio == 1
                  or gap in (" ", "\u00a0") and _SEAT_LAST_WORD.search(body, prev.start, prev.end) and body[prev.end - 1].isalpha()):
                start, j = prev.start, i - 1  # (a body known by its own name is not named by a town after "de": "Interpol de Marrakech")
        if start is None:
            g = _OF_TOWN_GAP.search(body, max(0, t.start - 6), t.start)
            if g is None or g.end() != t.start:
                continue
            gap_start = g.start()
            if prev is not None and prev.end > gap_start - 1:
                continue
            w = _ONE_WORD_BEFORE.search(body, max(0, gap_start - 40), gap_start)
            if w and w.group(1) in lx.org_heads and not (country and body[t.start:t.end].split()[-1].islower()):
                start = w.start()  # "Prefettura di Trieste", "Polícia de Hong Kong", "Parquet de Luxembourg"
                # (not "Dipartimento di | Stato americano": a country named by an adjective)
            elif country:
                continue
            else:
                el = _HEAD_ELIDED_BEFORE.search(body, max(0, gap_start - 60), gap_start)
                if el and el.group(1) in lx.org_heads and el.group(2) in lx.org_nouns:
                    start = el.start()  # "Corte d'appello di Tirana"
            if start is None or prev is not None and prev.end > start:
                continue
        nxt = _FOLLOWING_WORD.match(body, t.end, t.end + 40)
        if nxt and nxt.group(1) in (" ", "\u00a0") and nxt.group(2)[0].isupper():
            continue  # the town's name goes on ("di Napoli Capodichino")
        merged[i] = (start, j)
    if not merged:
        return cands
    drop = {j for _, j in merged.values() if j >= 0}
    out: list[_Cand] = []
    for i, c in enumerate(cands):
        if i in drop:
            continue
        if i in merged:
            start = merged[i][0]
            surface = body[start:c.end]
            out.append(_Cand(start, c.end, "organization", "org:" + text_key(surface), surface, 3))
        else:
            out.append(c)
    return out


_BARE_HEADS = frozenset("Police Navy Army Coastguard".split())
# a name with one of these already says whose it is: "(Dutch) National Prosecutor's Office"
_STATE_PRE_HEADS = frozenset("National Nationale Nationaal Federal Federale Federaal Central Centraal Centrale General "
                             "Royal Koninklijke Königliche Judicial Supreme Supremo Suprema Hoge Oberster Oberste Landelijk".split())


def _bare_head(name: str) -> bool:
    """Is the organisation name only head words ("Coast Guard", "Police Service", "Navy")? After a
    capitalised demonym it names that country's body ("Indian Coast Guard"); a fuller name does not
    take the demonym in ("Moroccan General Directorate of National Security", "Britse National Crime Agency")."""
    words = name.split()
    heads = _lex().org_heads
    return (all(w in heads and w not in _STATE_PRE_HEADS for w in words) and (len(words) >= 2 or name in _BARE_HEADS))


_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_WORDS_BEFORE = re.compile(r"[^\W\d_](?:[\w'’]|-(?=\w))*")
# words an acronym skips ("Direction générale de la sûreté nationale": DGSN)
_ACRONYM_SKIPS = frozenset("de du des la le les l d di del della dello dei degli delle do da dos das of the for and et y e und "
                           "für der die den van voor het en per pour al alla contre contro against on in a à".split())


def _spelled_out_acronyms(body: str, cands: list[_Cand]) -> list[_Cand]:
    """An acronym in parentheses right after the words it stands for makes them one organisation:
    "Anti-Terrorism Police Unit (ATPU)", "Philippine National Police (PNP)", "Korps Politie Suriname (KPS)",
    "Agence béninoise de gestion intégrée des espaces frontaliers (ABeGIEF)"; places and shorter
    organisations found inside give way to it, people do not."""
    out = cands
    for m in _ACRONYM_IN_PARENS.finditer(body):
        letters = [c for c in m.group(1) if c.isupper()]
        if len(letters) < 2:  # (an agency's acronym too, when its name is spelled out: "Australian Federal Police (AFP)")
            continue
        line_start = body.rfind("\n", 0, m.start()) + 1
        words = list(_WORDS_BEFORE.finditer(body, max(line_start, m.start() - 160), m.start()))
        if not words or body[words[-1].end():m.start()].strip(" \u00a0"):
            continue
        start = _acronym_start(body, words, letters)
        if start is None:
            continue
        end = words[-1].end()
        if any(c.kind == "person" and c.start < end and start < c.end for c in out):
            continue
        if any(c.kind == "organization" and c.start <= start and end <= c.end for c in out):
            continue  # found already, whole
        out = [c for c in out if not (start <= c.start and c.end <= end)]
        if any(c.start < end and start < c.end for c in out):
            continue  # something found across its edge: leave it
        surface = body[start:end]
        known = _known_org(surface)
        if known:
            key, name = known
        elif m.group(1) in _ACRO_STOP:  # a news agency's acronym stands for others too: "Australian Federal Police (AFP)"
            key, name = "org:" + text_key(surface), surface
        else:
            key, name = "org:" + m.group(1).lower(), m.group(1)
        out.append(_Cand(start, end, "organization", key, name, 3))
    return out


def _acronym_start(body: str, words: list, letters: list[str]) -> int | None:
    """Where the words that the acronym's capital letters spell begin (read backwards from its last
    letter, skipping function words; a hyphenated word gives one letter or one per part), or None."""
    def initials(word: str) -> list[str]:
        parts = [p for p in re.split(r"[-]", _ELISION.sub("", word)) if p]
        options = [parts[0][:1].upper()]
        if len(parts) > 1:
            options.append("".join(p[:1].upper() for p in parts))
        return options

    @lru_cache(maxsize=None)  # (hostile text: "A-A-A a a A-A …" must not branch without end)
    def walk(i: int, k: int) -> int | None:  # words[:i] left, letters[:k] left to spell
        if k == 0 or i == 0:
            return None
        word = words[i - 1].group()
        plain = _ELISION.sub("", word).lower()
        for option in initials(word):
            n = len(option)
            if n <= k and "".join(letters[k - n:k]) == option:
                if k - n == 0:
                    first = _ELISION.sub("", word)
                    if first[:1].isupper():
                        return words[i - 1].start() + (len(word) - len(first))
                    continue
                found = walk(i - 1, k - n)
                if found is not None:
                    return found
        if plain in _ACRONYM_SKIPS and i < len(words):
            return walk(i - 1, k)
        return None

    return walk(len(words), len(letters))


def _common_word_opening_a_sentence(body: str, s: int, word: str, lx: _Lex, memo: dict[str, _TokenFacts]) -> bool:
    """Is the capitalised word at `s` a word that only opens its sentence ("Zolang", "Mientras"), no name:
    a stop word, or no given name and nowhere else capitalised inside a sentence?"""
    before = body[max(0, s - 3):s].rstrip(" \u00a0")
    if before and before[-1] not in _SENTENCE_END:
        return False
    return word.lower() in lx.stop or text_key(word) not in lx.given and not _facts(body, word, lx, memo).proper_noun


def _into_place_before(body: str, s: int) -> bool:
    """Does a preposition that puts what follows in a place ("en", "in", "à") stand right before `s`?"""
    before = _PREVIOUS_WORD.search(body, max(0, s - 20), s)
    return before is not None and before.group(2) in (" ", "\u00a0") and before.group(1).lower() in _INTO_PLACE


def _names_its_place(body: str, c: _Cand) -> bool:
    """Is the candidate a town, or a country by its name (not an adjective: "Dutch")?"""
    return c.key.startswith("city:") or text_key(body[c.start:c.end]) == text_key(c.name)


class _TokenFacts:
    """What a capitalised token is in this text, each fact found once, when first asked: a hostile text
    repeating one name thousands of times must not make each occurrence scan all the others."""

    def __init__(self, body: str, token: str, lx: _Lex):
        self._body, self._token, self._lx = body, token, lx

    @cached_property
    def common(self) -> bool:
        """A stop word, or written in lower case elsewhere."""
        return self._token.lower() in self._lx.stop or _lower_occurs(self._body, self._token)

    @cached_property
    def proper_noun(self) -> bool:
        """Written with its capital inside a sentence somewhere."""
        return _capitalised_mid_sentence(self._body, self._token)

    @cached_property
    def surname_here(self) -> bool:
        """Written right after a given name somewhere: "Oliver Hartley. Hartley has not been charged"."""
        return _after_a_name_elsewhere(self._body, self._token, self._lx)


def _facts(body: str, token: str, lx: _Lex, memo: dict[str, _TokenFacts]) -> _TokenFacts:
    facts = memo.get(token)
    if facts is None:
        facts = memo[token] = _TokenFacts(body, token, lx)
    return facts


def _capitalised_mid_sentence(body: str, token: str) -> bool:
    """Is the token written somewhere with its capital inside a sentence (a proper noun)?"""
    i = body.find(token)
    while i != -1:
        before = body[max(0, i - 3):i].rstrip(" \u00a0")
        if before and before[-1] not in _SENTENCE_END and before[-1].isalnum() or before.endswith(","):
            return True
        i = body.find(token, i + 1)
    return False


def _named_with_title(body: str, s: int, after: str, lx: _Lex) -> bool:
    """A title or role word right before, a capitalised word right after: "el general Washington Andrade"."""
    if not _NEXT_CAP.match(after):
        return False
    before = _PREVIOUS_WORD.search(body, max(0, s - 30), s)
    if before is None or before.group(2) not in (" ", "\u00a0"):
        return False
    word = before.group(1).lower()
    return word in lx.role_words or word in lx.honor_set or _honor_before(body, s)


def _after_given_name(body: str, start: int, lx: _Lex) -> bool:
    """Does a given name stand right before `start` ("Paulo |Braga")?"""
    before = _CAPITALISED_WORD_BEFORE.search(body, max(0, start - 30), start)
    return before is not None and text_key(before.group(1)) in lx.given


_CAPITALISED_WORD_BEFORE = re.compile(rf"({UP}{LO}+)[ \u00a0]$")


def _after_a_name_elsewhere(body: str, token: str, lx: _Lex) -> bool:
    """Is the token somewhere written right after a given name, as a surname is ("Oliver Hartley")?"""
    i = body.find(token)
    while i != -1:
        end = i + len(token)
        if (end == len(body) or not body[end].isalpha()) and _after_given_name(body, i, lx):
            return True
        i = body.find(token, i + 1)
    return False


@lru_cache(maxsize=1)
def _org_countries() -> dict[str, str]:
    """Key of a lexicon organisation -> the country whose body it is, for names other countries' bodies bear."""
    return {"org:" + org["id"]: org["country"] for org in load_lexicon("organizations")["org"] if "country" in org}


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """Key of a town ("city:lisbon") -> its country."""
    out = {town.key: town.country for towns in world_cities().by_name.values() for town in towns}
    out.update(("city:" + key, country) for key, (country, *_) in load_lexicon("cities")["cities"].items())
    return out


_AR_PATRONYMIC_BEFORE = re.compile(r"(?<![\u0621-\u064a])(?:ولد|بنت)[ \u00a0]$")


def _with_patronymic_particle(body: str, c: _Cand) -> _Cand:
    """An Arabic name right after "ولد"/"بنت" (son/daughter of, as Mauritanian names are written) takes it:
    "وأضاف ولد أحمد سالم" names "ولد أحمد سالم", as "Ould Ahmed Salem"."""
    before = _AR_PATRONYMIC_BEFORE.search(body, max(0, c.start - 5), c.start)
    if before is None:
        return c
    return _Cand(before.start(), c.end, c.kind, c.key, body[before.start():c.end], c.prio)


def _national_bodies_of_the_country_named(cands: list[_Cand]) -> None:
    """A national body's name (DGSN, "Policía Nacional") in an article that names countries, but not the one of the
    body in the lexicon, is the main named country's own body: its key and name say which ("org:dgsn@mr",
    "DGSN (Mauritania)")."""
    bound = _org_countries()
    if not any(c.key in bound for c in cands):
        return
    named: dict[str, int] = {}
    for c in cands:
        if c.key.startswith("country:"):
            named[c.key[8:]] = named.get(c.key[8:], 0) + 1
    if not named:
        return
    main = max(named, key=named.__getitem__)  # the most named; ties: the first named
    cities = _city_countries()
    for c in cands:  # a town names its country too: "recebeu em Lisboa", "بالرباط"
        if c.key in cities:
            named.setdefault(cities[c.key], 0)
    for c in cands:
        country = bound.get(c.key)
        if country is not None and country not in named:
            c.key = f"{c.key}@{main.lower()}"
            c.name = f"{c.name} ({gazetteer().country_names.get(main, main)})"


# a possessive "'s" after a name ("the Nepal Police's bureau", "Uganda Police Force's Assistant Inspector"),
# except in names that hold one ("People's Armed Police", "King's College", "Federal Prosecutor's Office",
# "Attorney General's Office")
_POSSESSIVE = re.compile(r"([^\W\d_]+)['’]s(?![\w'’])")
_POSSESSIVE_IN_NAMES = frozenset("people peoples women children men king queen prince princess lord lady st saint "
                                 "farmers workers veterans prosecutor prosecutors attorney general commissioner "
                                 "commissioners inspector director minister ministers chief governor president "
                                 "solicitor mayor sheriff marshal auditor controller ombudsman registrar".split())


def _without_possessives(body: str) -> str:
    """`body` with each possessive "'s" after a name made two spaces (same length: offsets stay)."""
    if "'s" not in body and "’s" not in body:
        return body
    entries = gazetteer().entries
    # a place's possessive stays: "Kenya's police chief" is no body called "Kenya police", "Belgium's Federal
    # Prosecutor's Office" no "Belgium Federal …"
    return _POSSESSIVE.sub(lambda m: m.group() if m.group(1).lower() in _POSSESSIVE_IN_NAMES
                           or surface_key(m.group(1)) in entries else m.group(1) + "  ", body)


def extract_mentions(body: str, segments: list[Segment]) -> list[Mention]:
    """People, organisations and places in `body`, non-overlapping, sorted by start."""
    text = body
    body = _without_possessives(body)
    lowered = body.lower()
    low = lowered if len(lowered) == len(body) else lower_same_length(body)  # what lower_same_length gives
    starts = [s.start for s in segments]
    has_arabic = ARABIC.search(body) is not None
    cands, trig_ends = _places_and_known_orgs(body, low, segments, starts, has_arabic, lowered)
    occ = _occupied(cands, len(body))
    orgs = _organisations(body, occ, has_arabic, segments, starts)
    cands += orgs
    _occupy(occ, orgs)
    trig = _trigger_places(body, occ, trig_ends) if trig_ends else []
    if trig:
        cands += trig
        _occupy(occ, trig)
    cands = _german_seats(body, _org_of_place(body, cands))
    spelled = _spelled_out_acronyms(body, cands)
    if spelled is not cands:
        cands = spelled
        occ = _occupied(cands, len(body))
    people = _people_latin(body, occ, low, lambda pos: _seg_lang(segments, starts, pos))
    if has_arabic:
        people += [_with_patronymic_particle(body, c) for c in _people_arabic(body, occ)]
    surnames = {body[c.start:c.end].split()[-1] for c in people if " " in body[c.start:c.end]}
    if surnames:  # "Paulo Braga … Braga acrescentou": the town's name is his surname here
        cands = [c for c in cands if not (c.key.startswith("city:") and body[c.start:c.end] in surnames)]
    cands += people
    cands = _select(cands)
    extra = _link_people(body, cands, _occupied(cands, len(body)))
    if extra:
        cands = _select(cands + extra)
    towns = _world_cities(body, cands)
    if has_arabic:
        towns += _arabic_towns(body, cands)
    if towns:
        cands = _select(cands + towns)
    cands = _org_and_its_town(body, cands)
    _national_bodies_of_the_country_named(cands)
    return [
        Mention(c.start, c.end, text[c.start:c.end], c.kind, c.key, c.name)  # type: ignore[arg-type]
        for c in cands
        if c.key
    ]
