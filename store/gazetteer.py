"""Lexicon automata: countries (CLDR via Babel), demonyms, cities, known organisations.

Everything is compiled once, on first use, into one big *trie-shaped* regular
expression (alternatives factored by common prefix, so the C regex engine
rejects a position after a character or two) plus a dict from the folded surface
to what it denotes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import babel

from store.names import load_lexicon

LANGS = ("fr", "nl", "de", "en", "es", "it", "pt", "ar", "tr")
ARABIC = re.compile("[\u0600-\u06ff]")

# --- trie regex --------------------------------------------------------------

_CHAR_CLASS = {
    " ": r"[\s\u00a0]+",
    "'": "['’ʼ`]",
    "’": "['’ʼ`]",
    "-": "[-‐‑–]",
    ".": r"\.",
}


def _esc(ch: str) -> str:
    return _CHAR_CLASS.get(ch) or re.escape(ch)


def trie_pattern(words: list[str] | set[str], casefold: bool = True, classes: dict[str, str] | None = None) -> str:
    """A regex alternation of `words`, factored as a trie (longest alternative first).

    With ``casefold`` the words are lower-cased: match the pattern against
    :func:`lower_same_length` of the text (much faster than re.IGNORECASE).
    ``classes`` maps a character to the regex written for it instead of the character itself.
    """
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in (w.lower() if casefold else w):
            if ch == "’":
                ch = "'"
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        alts = [((classes and classes.get(ch)) or _esc(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?" if len(alts) > 1 or len(body) > 1 else body + "?"
        return body

    return emit(trie)


def lower_same_length(text: str) -> str:
    """text.lower(), keeping every offset (chars whose lower form is longer stay as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


AR_PREFIXES = ("و", "ب", "ل", "ف", "ك", "وب", "ول", "وال", "فال", "بال", "كال")


_ODD = re.compile("[’ʼ`‐‑–\u00a0\t\n\r\f\v]|  ")
_SK_TRANS = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})


def surface_key(text: str) -> str:
    """Lookup key of a matched surface: lower-case, one apostrophe, one space, one hyphen."""
    t = text.lower().translate(_SK_TRANS)
    if " " in t or not t.isprintable() or "\u00a0" in t:
        t = " ".join(t.split())
    return t


# --- entries -----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    kind: str  # "location" | "organization"
    key: str  # "country:MA", "city:rabat", "org:dgsn"
    name: str  # display name
    cap: bool  # the text must be capitalised (Latin script)
    exact: bool = False  # case-sensitive match (acronyms)
    langs: frozenset[str] = frozenset()  # demonyms: languages where the word is one; towns: where the name is one (if not all)
    demonym: bool = False
    ambiguous: bool = False  # also a given name / common word


def _fr_inflect(w: str) -> list[str]:
    out = [w]
    if w.endswith("e"):
        out.append(w + "s")
    elif w.endswith(("s", "x")):
        out += [w + "e", w + "es"]
    elif w.endswith(("ien", "éen", "on")):
        out += [w + "s", w + "ne", w + "nes"]
    elif w.endswith("c"):
        out += [w + "s", w + "que", w + "ques"]
    else:
        out += [w + "s", w + "e", w + "es"]
    return out


def _de_inflect(w: str) -> list[str]:
    if w[0].islower():  # adjective
        return [w] + [w + s for s in ("e", "en", "er", "es", "em")]
    if w.endswith("er"):
        return [w, w + "n", w + "in", w + "innen", w + "s"]
    if w.endswith("e"):
        return [w, w + "n"]
    return [w, w + "en"]


_ACCENT_STRIP = str.maketrans("áéíóú", "aeiou")


def _es_pt_inflect(w: str) -> list[str]:
    if w.endswith("o"):
        return [w, w[:-1] + "a", w + "s", w[:-1] + "as"]
    if w.endswith(("í", "ú")):
        return [w, w + "es", w + "s"]
    if w.endswith(("és", "ês", "án", "ão", "ín", "ón")):
        base = w.translate(_ACCENT_STRIP).replace("ê", "e")
        return [w, base + "a", base + "es", base + "as"]
    if w.endswith("e") or w.endswith("a"):
        return [w, w + "s"]
    return [w, w + "es", w + "s"]


def _it_inflect(w: str) -> list[str]:
    if w.endswith("o"):
        return [w, w[:-1] + "a", w[:-1] + "i", w[:-1] + "e"]
    if w.endswith("e"):
        return [w, w[:-1] + "i"]
    if w.endswith("a"):
        return [w, w[:-1] + "i", w[:-1] + "e"]
    return [w]


def _nl_inflect(w: str) -> list[str]:
    if w.endswith(("s", "isch")):  # adjective Marokkaans -> Marokkaanse, Servisch -> Servische
        return [w, w + "e"]
    return [w]


def _en_inflect(w: str) -> list[str]:
    return [w] if w.endswith(("ese", "sh", "ch", "s", "i")) else [w, w + "s"]


def _arabic_nisba(country: str) -> str | None:
    """The adjective of a one-word Arabic country name: النيجر -> نيجري, قبرص -> قبرصي, كينيا -> كيني
    (None for names of several words or ending in ي, whose adjective is no regular form, or is also a
    common word: مالي is also "financial")."""
    if " " in country or not ARABIC.match(country):
        return None
    base = country[2:] if country.startswith("ال") else country
    if base.endswith("يا") and len(base) > 4:
        return base[:-1]  # كينيا -> كيني, سوريا -> سوري
    if base.endswith(("ا", "ة")):
        base = base[:-1]
    if len(base) < 3 or base.endswith(("ي", "ى")):
        return None
    return base + "ي"


def _ar_inflect(w: str) -> list[str]:
    if w.startswith("ال"):
        return [w]
    forms = [w, w + "ة", w + "ين", w + "ون"]
    return forms + ["ال" + f for f in forms]


_INFLECT = {"fr": _fr_inflect, "de": _de_inflect, "es": _es_pt_inflect, "pt": _es_pt_inflect,
            "it": _it_inflect, "nl": _nl_inflect, "en": _en_inflect, "ar": _ar_inflect}


@dataclass
class Gazetteer:
    entries: dict[str, list[Entry]]
    country_names: dict[str, str]  # code -> English display name
    arabic_prefixed: dict[str, tuple[int, str]]  # "والمغرب" -> (2, "المغرب")
    exact_forms: frozenset[str]  # case-sensitive surfaces (acronyms)

    topic_terms: dict[str, str]  # surface key of a topic term (any language) -> topic id
    triggers: frozenset[str]  # place nouns ("port", "ville", "مدينة") that announce a town
    # every surface to look for (surface keys, Arabic proclitic forms, topic terms, place nouns),
    # in two parts: those that start in Arabic script, and the others
    arabic_words: list[str] = field(default_factory=list)
    other_words: list[str] = field(default_factory=list)

    # One regex per part, compiled on first use: a text without Arabic script needs only the
    # second, which is smaller, faster to compile and faster to run than one regex for all words.
    @cached_property
    def regex_arabic(self) -> re.Pattern[str]:
        return re.compile(r"(?<!\w)(?:" + trie_pattern(self.arabic_words) + r")(?!\w)")

    @cached_property
    def regex_other(self) -> re.Pattern[str]:
        return re.compile(r"(?<!\w)(?:" + trie_pattern(self.other_words) + r")(?!\w)")

    def _matches(self, low: str, has_arabic: bool):
        """The matches of one regex for all the words (leftmost, not overlapping), from the two
        parts: a word of each part starts with a different letter, so at most one part matches at
        any position, and the leftmost match of the two is the one the single regex would find."""
        if not has_arabic or not self.arabic_words:
            yield from self.regex_other.finditer(low) if self.other_words else ()
            return
        if not self.other_words:
            yield from self.regex_arabic.finditer(low)
            return
        a, b = self.regex_arabic, self.regex_other
        ma, mb = a.search(low), b.search(low)
        while ma is not None or mb is not None:
            m = ma if mb is None or (ma is not None and ma.start() < mb.start()) else mb
            yield m
            pos = m.end()
            if ma is not None and ma.start() < pos:
                ma = a.search(low, pos)
            if mb is not None and mb.start() < pos:
                mb = b.search(low, pos)

    def scan_all(self, body: str, low: str | None = None, has_arabic: bool | None = None):
        """One pass over the text for places/organisations, topic terms and place nouns:
        (lexicon matches: (start, end, candidate entries), case rules applied; topic id -> [(start, end)], ends of place nouns).
        `has_arabic`: whether the body has Arabic script (ARABIC.search), if the caller knows."""
        low = lower_same_length(body) if low is None else low
        if has_arabic is None:
            has_arabic = ARABIC.search(low) is not None
        out = []
        topics: dict[str, list[tuple[int, int]]] = {}
        trig: list[int] = []
        entries, topic_terms, triggers = self.entries, self.topic_terms, self.triggers
        for m in self._matches(low, has_arabic):
            s, e = m.span()
            k = m.group()
            if _ODD.search(k):
                k = surface_key(k)
            tid = topic_terms.get(k)
            if tid is not None:
                topics.setdefault(tid, []).append((s, e))
            if k in triggers:
                trig.append(e)
            ents = entries.get(k)
            if ents is None:
                pre, k = self.arabic_prefixed.get(k, (0, k))
                ents = entries.get(k)
                if not ents:
                    continue
                s += pre
            first = body[s]
            # a place's name that opens with an article is capitalised after it: "La Réunion", not "La réunion"
            # (the meeting) at the start of a sentence ("Arabie saoudite" is one)
            article_then_lower = " " in k and _ARTICLE_THEN_LOWER.fullmatch(body, s, e) is not None
            ok = [en for en in ents
                  if (not en.exact or body[s:e] in self.exact_forms)
                  and (not en.cap or first.isupper() and not (article_then_lower and en.kind == "location"))]
            if ok:
                out.append((s, e, ok))
        return out, topics, trig


_ARTICLE_THEN_LOWER = re.compile(r"(?:(?:La|Le|Les|El|Los|Las|The|De|Het|Il|Lo|Gli|A|O|As|Os|Die|Der|Das) |L['’])"
                                 r"[^\W\d_A-Z][^A-Z]*")


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _add(entries: dict[str, list[Entry]], surface: str, entry: Entry) -> None:
    k = surface_key(surface)
    lst = entries.setdefault(k, [])
    if entry not in lst:
        lst.append(entry)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build (once) the place/organisation automaton."""
    entries: dict[str, list[Entry]] = {}
    clist = load_lexicon("countries")
    skip = set(clist["skip"])
    ambiguous = {surface_key(n) for n in clist["ambiguous"]["names"]}
    en_names = babel.Locale("en").territories
    display = {c: n for c, n in en_names.items() if len(c) == 2 and c.isalpha() and c not in skip}
    display.update(clist["display"])

    def country(code: str, surface: str, cap: bool = True) -> None:
        is_ar = bool(ARABIC.search(surface))
        _add(entries, surface, Entry("location", f"country:{code}", display[code], cap and not is_ar,
                                     ambiguous=surface_key(surface) in ambiguous))

    for lang in LANGS:
        for code, name in babel.Locale(lang).territories.items():
            if code not in display:
                continue
            country(code, name)
            if lang == "en" and " & " in name:  # "Trinidad & Tobago": news writes "and"
                country(code, name.replace(" & ", " and "))
            if lang == "de" and not name.endswith(("s", "x", "z", "ß")) and " " not in name:
                country(code, name + "s")  # genitive: Marokkos, Frankreichs
    for code, names in clist["aliases"].items():
        for n in names:
            country(code, n)
    demonyms = {code: dict(by_lang) for code, by_lang in clist["demonyms"].items()}
    for code, name in babel.Locale("ar").territories.items():
        if code in display and "ar" not in demonyms.get(code, {}):
            nisba = _arabic_nisba(name)
            if nisba:
                demonyms.setdefault(code, {})["ar"] = [nisba]
    for code, by_lang in demonyms.items():
        for lang, forms in by_lang.items():
            for base in forms:
                for f in _INFLECT.get(lang, lambda w: [w])(base):
                    cap = lang in ("en", "nl") or (lang == "de" and f[0].isupper())
                    _add(entries, f, Entry("location", f"country:{code}", display[code], cap and not ARABIC.search(f),
                                           langs=frozenset({lang}), demonym=True))
    for key, (code, name, *others) in load_lexicon("cities")["cities"].items():
        for n in [name, *others]:
            n, _, only = n.partition("@")  # "Namen@nl": Namur in Dutch, a noun in German
            _add(entries, n, Entry("location", f"city:{key}", name, not ARABIC.search(n),
                                   langs=frozenset(only.split(",")) if only else frozenset(),
                                   ambiguous=surface_key(n) in ambiguous))
    exact_forms: set[str] = set()
    for org in load_lexicon("organizations")["org"]:
        for alias in org["aliases"]:
            exact = alias.isupper() or len(alias) <= 5 or sum(c.isupper() for c in alias) >= 2 and " " not in alias
            if exact:
                exact_forms.add(alias)
            _add(entries, alias, Entry("organization", f"org:{org['id']}", org["name"],
                                       cap=not ARABIC.search(alias) and not exact and len(alias.split()) < 3, exact=exact))
    # the same names written without diacritics ("Policia Judiciaria", "Setubal", "Tanger")
    for k in list(entries):
        if ARABIC.search(k):
            continue
        plain = _strip_accents(k)
        if plain != k and plain not in entries:
            entries[plain] = entries[k]
    # merge demonym entries that share a surface across languages
    merged: dict[str, list[Entry]] = {}
    for k, lst in entries.items():
        out: list[Entry] = []
        for e in lst:
            same = next((o for o in out if o.key == e.key and o.demonym and e.demonym and o.cap == e.cap), None)
            if same:
                out[out.index(same)] = Entry(same.kind, same.key, same.name, same.cap, same.exact,
                                             same.langs | e.langs, True, same.ambiguous)
            else:
                out.append(e)
        merged[k] = out
    words = set(merged)
    prefixed: dict[str, tuple[int, str]] = {}
    for k in list(merged):
        if ARABIC.match(k):
            for pre in AR_PREFIXES:
                if pre.endswith("ال"):
                    if k.startswith("ال"):
                        continue
                    v = pre + k
                    prefixed[v] = (len(pre), k)
                elif not k.startswith("ال") or pre != "ل":
                    v = pre + k
                    prefixed.setdefault(v, (len(pre), k))
            if k.startswith("ال"):  # li + al- contracts: للمغرب
                prefixed.setdefault("ل" + k[1:], (1, k))
    prefixed = {v: t for v, t in prefixed.items() if v not in merged}
    words.update(prefixed)
    topics = topic_term_map()
    words.update(topics)
    triggers = set(PLACE_TRIGGERS)
    for t in PLACE_TRIGGERS:
        if ARABIC.match(t):
            triggers.update(pre + t for pre in ("و", "ب", "ل", "ف", "وب", "ول", "فب"))
    words.update(triggers)
    # (trie_pattern lower-cases the words: a word can only match where the text has its first letter)
    arabic = sorted(w for w in words if w and ARABIC.match(w.lower()))
    other = sorted(w for w in words if w and not ARABIC.match(w.lower()))
    return Gazetteer(merged, display, prefixed, frozenset(exact_forms), topics, frozenset(triggers), arabic, other)


# Nouns after which a capitalised word is a town ("port of Sines", "porto de Olhão", "بمدينة X").
PLACE_TRIGGERS = (
    "port ports porto portos puerto puertos haven havens hafen häfen ville city town cidade ciudad città stadt stad "
    "gemeente municipality commune município municipio comune localidad localité village aldeia pueblo poste "
    "playa plage praia spiaggia strand beach مدينة ميناء بلدة قرية معبر"
).split()


@lru_cache(maxsize=1)
def topic_term_map() -> dict[str, str]:
    """Surface key of every topic term, all languages (Arabic also with proclitics) -> topic id."""
    by_term: dict[str, str] = {}
    lex = load_lexicon("topics")
    for tid, t in lex.items():
        for lang in ("en", "fr", "nl", "de", "es", "it", "pt", "ar", "tr"):
            for term in t.get(lang, []):
                by_term.setdefault(surface_key(term), tid)
                if ARABIC.match(term):
                    for pre in AR_PREFIXES:
                        if pre.endswith("ال") and term.startswith("ال"):
                            continue
                        by_term.setdefault(surface_key(pre + term), tid)
                    if term.startswith("ال"):
                        by_term.setdefault(surface_key("ل" + term[1:]), tid)
    return by_term


