"""Multilingual topic lexicon: which security topics an article is about.

`find_topics` counts lexicon hits in the body (one compiled trie regex for all
languages; Arabic terms also match with the proclitics و ب ل ف ك).  Topic ids are
stable English identifiers; `TOPICS` maps them to English labels.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from store.gazetteer import ARABIC, gazetteer, lower_same_length
from store.model import Segment
from store.names import load_lexicon, text_key

_LANG_KEYS = ("en", "fr", "nl", "de", "es", "it", "pt", "ar", "tr")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict]:
    return load_lexicon("topics")


TOPICS: dict[str, str] = {tid: t["label"] for tid, t in _lexicon().items()}


def topic_terms(topic_id: str, per_language: int | None = None) -> list[str]:
    """The lexicon terms of a topic, all languages; with `per_language`, only the first so many of each
    language (the core words, listed first: what a cross-language search expands a topic into)."""
    t = _lexicon().get(topic_id)
    if t is None:
        return []
    out: list[str] = []
    for lang in _LANG_KEYS:
        for term in t.get(lang, [])[:per_language]:
            if term not in out:
                out.append(term)
    return out


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str, tuple[str, ...]]]:
    """Raw-regex topic patterns, each with the lower-case words one of which must occur for it to match."""
    out = []
    for tid, t in _lexicon().items():
        hints = tuple(h.lower() for h in t.get("pattern_hints", []))
        for p in t.get("patterns", []):
            # a pattern only in Arabic script needs one of the Arabic hints, one only in Latin script a Latin hint
            scripts = (ARABIC.search(p) is not None, _LATIN_WORD.search(p) is not None)
            own = hints if all(scripts) else tuple(h for h in hints if (ARABIC.search(h) is not None) == scripts[0])
            out.append((re.compile(p), tid, own or hints))
    return out


_LATIN_WORD = re.compile(r"(?<!\\)[A-Za-z]{3,}")


_LAST: list = [(None, None, None)]  # (body, {topic: [(start, end)]}, body.lower()) of the last extract_mentions() call


def remember_scan(body: str, hits: dict[str, list[tuple[int, int]]], lowered: str | None = None) -> None:
    """Keep the topic hits of the one-pass lexicon scan that extraction made over `body` (and
    body.lower() if it has it), so that find_topics() on the same text object does not scan or
    lower-case it again (one tuple: atomic to swap)."""
    _LAST[0] = (body, hits, lowered)


def find_topics(body: str, segments: list[Segment] | None = None) -> dict[str, int]:
    """Topic id -> number of occurrences in body (segments are accepted for symmetry; all languages are searched)."""
    last_body, last_hits, last_lowered = _LAST[0]
    if last_body is body:
        hits = last_hits
        low = last_lowered
    else:
        low = lower_same_length(body)
        hits = gazetteer().scan_all(body, low)[1]
    counts = {tid: len(sp) for tid, sp in hits.items()}
    pats = _patterns()
    if pats:
        lowered = low if low is not None else lower_same_length(body)  # positions as in body
        hinted: dict[tuple[str, ...], list[tuple[int, int]]] = {}  # hint words -> the text around them
        for pat, tid, hints in pats:
            regions = [(0, len(body))]
            if hints:
                regions = hinted.get(hints)
                if regions is None:
                    regions = hinted[hints] = _around(lowered, hints)
            spans = hits.get(tid, ())  # where the lexicon scan found a term of this topic: a match there counts no more
            for start, end in regions:
                for m in pat.finditer(body, start, end):
                    if not any(s < m.end() and m.start() < e for s, e in spans):
                        counts[tid] = counts.get(tid, 0) + 1
    return counts


# A pattern's match holds one of its hint words, and is far shorter than this: the pattern is only
# run over the text this far either side of the hints (most of an article is about something else).
HINT_REACH = 400


def _around(lowered: str, hints: tuple[str, ...]) -> list[tuple[int, int]]:
    """The stretches of text within HINT_REACH characters of a hint word, overlapping ones joined."""
    found = []
    for hint in hints:
        at = lowered.find(hint)
        while at != -1:
            found.append(at)
            at = lowered.find(hint, at + 1)
    regions: list[tuple[int, int]] = []
    for at in sorted(found):
        start, end = max(0, at - HINT_REACH), min(len(lowered), at + HINT_REACH)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    return regions


# crimes that cross borders when the article names two countries or more (smuggling between them, a
# network working from one in another): what "transnational crime" means, whether or not the word is there
_CROSSING_CRIMES = frozenset(("organized_crime", "drug_trafficking", "human_trafficking", "irregular_migration",
                              "money_laundering", "cybercrime"))


def with_transnational_crime(topics: dict[str, int], mentions) -> dict[str, int]:
    """`topics`, plus transnational_crime (counted once) when it has a crime that crosses borders and the
    mentions name two countries or more."""
    if "transnational_crime" in topics or not _CROSSING_CRIMES.intersection(topics):
        return topics
    countries = {m.key for m in mentions if m.key.startswith("country:")}
    return {**topics, "transnational_crime": 1} if len(countries) >= 2 else topics


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
