"""Multilingual topic lexicon: which security topics an article is about.

`find_topics` counts lexicon hits in the body (one compiled trie regex for all
languages; Arabic terms also match with the proclitics و ب ل ف ك).  Topic ids are
stable English identifiers; `TOPICS` maps them to English labels.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from store.gazetteer import AR_PREFIXES, ARABIC, lower_same_length, surface_key, trie_pattern
from store.model import Segment
from store.names import load_lexicon, text_key

_LANG_KEYS = ("en", "fr", "nl", "de", "es", "it", "pt", "ar", "tr")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict]:
    return load_lexicon("topics")


TOPICS: dict[str, str] = {tid: t["label"] for tid, t in _lexicon().items()}


def topic_terms(topic_id: str) -> list[str]:
    """Every lexicon term of a topic, all languages (for cross-language search)."""
    t = _lexicon().get(topic_id)
    if t is None:
        return []
    out: list[str] = []
    for lang in _LANG_KEYS:
        for term in t.get(lang, []):
            if term not in out:
                out.append(term)
    return out


@lru_cache(maxsize=1)
def _automaton() -> tuple[re.Pattern[str], dict[str, str], list[tuple[re.Pattern[str], str]]]:
    by_term: dict[str, str] = {}
    for tid in TOPICS:
        for term in topic_terms(tid):
            by_term.setdefault(surface_key(term), tid)
            if ARABIC.match(term):
                for pre in AR_PREFIXES:
                    if pre.endswith("ال") and term.startswith("ال"):
                        continue
                    by_term.setdefault(surface_key(pre + term), tid)
                if term.startswith("ال"):
                    by_term.setdefault(surface_key("ل" + term[1:]), tid)
    rx = re.compile(r"(?<!\w)(?:" + trie_pattern(set(by_term)) + r")(?!\w)")
    extra = [(re.compile(p), tid) for tid, t in _lexicon().items() for p in t.get("patterns", [])]
    return rx, by_term, extra


def find_topics(body: str, segments: list[Segment] | None = None) -> dict[str, int]:
    """Topic id -> number of occurrences in body (segments are accepted for symmetry; all languages are searched)."""
    rx, by_term, extra = _automaton()
    counts: dict[str, int] = {}
    taken: list[tuple[int, int]] = []
    for m in rx.finditer(lower_same_length(body)):
        tid = by_term.get(surface_key(m.group()))
        if tid:
            counts[tid] = counts.get(tid, 0) + 1
            taken.append(m.span())
    for pat, tid in extra:
        for m in pat.finditer(body):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                counts[tid] = counts.get(tid, 0) + 1
    return counts


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    out: dict[str, str] = {}
    for tid, label in TOPICS.items():
        out[text_key(tid.replace("_", " "))] = tid
        out[text_key(label)] = tid
        for term in topic_terms(tid):
            out.setdefault(text_key(term), tid)
    return out


def match_topic(text: str) -> str | None:
    """Topic id named by `text` in any language: 'mensenhandel' -> 'human_trafficking'."""
    key = text_key(text.replace("_", " "))
    if not key:
        return None
    names = _names()
    if key in names:
        return names[key]
    found = find_topics(text)
    if found:
        return max(found, key=lambda t: found[t])
    best = process.extractOne(key, list(names), scorer=fuzz.ratio, score_cutoff=88)
    return names[best[0]] if best else None
