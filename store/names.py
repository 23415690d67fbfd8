"""Name normalisation keys and honorific/title stripping.

A *name key* is a lossy, spelling-tolerant form of a person's (or any) name,
used to compare surface forms across spellings and transliterations:

* casefold, strip diacritics, special letters (ß→ss, ø→o, ł→l, ş→sh …);
* Arabic script transliterated to Latin (consonant skeleton: no short vowels);
* hyphens/apostrophes split tokens; leading articles al-/el-/ul-/ال dropped;
* ``Abd el X`` / ``Abdel X`` / ``Abdul X`` / ``Abd-al-X`` → ``abdelx``;
* phonetic folds: ou/oo→u, sch/ch→sh, dj/dh→j/d, q→k, ph→f, ck→k, y→i,
  w→u between vowels … and doubled letters collapsed.

``name_key("Abdul Latif Hamoushi") == name_key("Abdellatif Hammouchi")``.
``skeleton(key)`` removes vowels, which also matches vowel-less Arabic
transliterations (``عبد اللطيف حموشي``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import tomllib
from importlib import resources


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> dict:
    """Load store/lexicon/<name>.toml (works from a source tree and from an installed wheel)."""
    data = resources.files("store").joinpath("lexicon", f"{name}.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))

# --- character folding -------------------------------------------------------

_SPECIAL = {
    "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "ð": "d", "þ": "th", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "İ": "i",
    "ş": "sh", "Ş": "sh", "ș": "sh", "Ș": "sh", "ţ": "t", "ț": "t",
    "’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʿ": "", "ʾ": "",
}

# Arabic letters → Latin (no short vowels in the script: long vowels only).
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ى": "a",
    "ب": "b", "ت": "t", "ة": "a", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "u", "ي": "i", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g",
    "ـ": "",
}
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")
_TRANS = str.maketrans({**_SPECIAL, **_ARABIC})
_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")


class _WithoutAccents(dict):
    """A str.translate table that takes each character's accents off (its NFKD form without
    combining marks), worked out once per character."""

    def __missing__(self, ch: int) -> str:
        plain = "".join(c for c in unicodedata.normalize("NFKD", chr(ch)) if not unicodedata.combining(c))
        self[ch] = plain
        return plain


_WITHOUT_ACCENTS = _WithoutAccents()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Casefold, transliterate Arabic, strip diacritics; keep spaces/hyphens/apostrophes."""
    text = _ARABIC_DIACRITICS.sub("", text)
    if _ARABIC_CHAR.search(text):
        # Arabic article "ال" at word start -> "al-" so that it can be dropped like al-.
        text = re.sub(r"(?<![\u0600-\u06ff])عبد(?=[ \u00a0]|ال)", "abd ", text)
        text = re.sub(r"(?<![\u0600-\u06ff])ال(?=[\u0600-\u06ff]{2})", "al-", text)
    return text.translate(_TRANS).translate(_WITHOUT_ACCENTS).casefold()


# --- token-level name folding -----------------------------------------------

_TOKEN_SPLIT = re.compile(r"[\s\-‐‑–'.,;:\"«»()]+")
_ARTICLES = frozenset({"al", "el", "ul", "ol", "al", "ad", "ed", "as", "es", "at", "ar", "an", "az"})
_ABD_PREFIXES = ("abdel", "abdul", "abdoul", "abdal", "abdol", "abdil", "abd")
_PHONETIC = [
    (re.compile(r"sch"), "sh"),
    (re.compile(r"ch"), "sh"),
    (re.compile(r"tch|tsh"), "sh"),
    (re.compile(r"dj|dzh"), "j"),
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck|q|c(?=[aou])|c$"), "k"),
    (re.compile(r"kh"), "kh"),
    (re.compile(r"gh"), "gh"),
    (re.compile(r"y"), "i"),
    (re.compile(r"ee|ie$"), "i"),
    (re.compile(r"(?<=[aeiou])w(?=[aeiou])"), "u"),
    (re.compile(r"(?<=[aeiou])h$"), ""),
    (re.compile(r"([a-z])\1+"), r"\1"),
]


def _fold_token(tok: str) -> str:
    for pat, rep in _PHONETIC:
        tok = pat.sub(rep, tok)
    return tok


def _merge_abd(tokens: list[str]) -> list[str]:
    """Join 'abd el latif' / 'abdel latif' / 'abdul-latif' into one 'abdellatif' token."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in _ABD_PREFIXES and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            j = i + 1
            if nxt in _ARTICLES and i + 2 < len(tokens):
                j = i + 2
                nxt = tokens[j]
            elif tok == "abd" and len(nxt) > 3 and nxt[:2] in ("al", "el", "ul"):
                nxt = nxt[2:]
            out.append("abdel" + nxt)
            i = j + 1
            continue
        for p in ("abdul", "abdoul", "abdal", "abdol", "abdil"):
            if tok.startswith(p) and len(tok) > len(p) + 2:
                tok = "abdel" + tok[len(p):]
                break
        out.append(tok)
        i += 1
    return out


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded, spelling-normalised tokens of a name (titles not removed)."""
    toks = [t for t in _TOKEN_SPLIT.split(fold(name)) if t]
    toks = _merge_abd(toks)
    # drop articles al-/el- before a following token (Al-Hamouchi -> hamouchi)
    toks = [t for k, t in enumerate(toks) if not (t in _ARTICLES and k + 1 < len(toks))]
    return tuple(_fold_token(t) for t in toks if t)


def name_key(name: str) -> str:
    """Spelling-tolerant key of a name: 'Abdel Latif Hamouchi' -> 'abdelatif hamushi'."""
    return " ".join(name_tokens(strip_titles(name)))


_VOWELS = re.compile(r"[aeiouw]")
# letters Arabic script writes with another one: v as ف (f), p as ب (b), g often as غ (gh)
_AS_IN_ARABIC = str.maketrans({"v": "f", "p": "b"})


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """Consonant skeleton of a key, as Arabic script would write it: 'abdelatif hamushi' -> 'bdltf hmsh',
    'oliver hartlei' and 'aulifr hartli' (أوليفر هارتلي) -> 'lfr hrtl'."""
    return " ".join(s for s in (_VOWELS.sub("", t.replace("gh", "g").translate(_AS_IN_ARABIC)) for t in key.split()) if s)


@lru_cache(maxsize=65536)
def text_key(text: str) -> str:
    """Plain folded key for organisations and places: casefold, no diacritics, single spaces."""
    return " ".join(t for t in re.split(r"[\s\-‐‑–'’.,;:\"«»()]+", fold(text)) if t)


# --- titles and honorifics ----------------------------------------------------


@lru_cache(maxsize=1)
def _title_regex() -> re.Pattern[str]:
    lex = load_lexicon("titles")
    words: set[str] = set()
    for lang_words in lex["honorifics"].values():
        words.update(lang_words)
    alts = sorted(words, key=len, reverse=True)
    pat = "|".join(re.escape(w).replace(r"\.", r"\.?") if w.endswith(".") else re.escape(w) for w in alts)
    return re.compile(rf"^(?:(?:{pat})(?:\.|(?=[\s\u00a0]))[\s\u00a0]*)+", re.IGNORECASE)


@lru_cache(maxsize=65536)
def strip_titles(name: str) -> str:
    """Remove leading honorifics/titles: 'M. Mikael Wern' -> 'Mikael Wern', 'Herr Hammouchi' -> 'Hammouchi'."""
    name = name.strip().strip("\"'«»“”„ ")
    stripped = _title_regex().sub("", name)
    return stripped if stripped else name
