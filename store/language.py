"""Step 3 of the pipeline: the language of each paragraph and of the article.

Uses py3langid (langid.py's model, numpy-fast, shipped inside the package),
restricted to the languages secbrowse supports so that short paragraphs are
not taken for a distant language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Segment

SUPPORTED_LANGUAGES = (
    "fr", "nl", "de", "en", "es", "it", "pt", "ar",
    "tr", "ru", "pl", "sv", "da", "no", "ro", "ca", "fa", "uk", "el", "id",
)
# Paragraphs shorter than this take the article's language: too little evidence.
MIN_PARAGRAPH_CHARS = 40
# The language of a paragraph is read from its first characters: plenty for
# identification, and it keeps the cost per article flat.
SAMPLE_CHARS = 160
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    identifier.set_languages(list(SUPPORTED_LANGUAGES))
    return identifier


def identify(text: str) -> str:
    """ISO 639-1 code of the language of `text` (one of SUPPORTED_LANGUAGES)."""
    language, _score = _identifier().classify(text)
    return language


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph (blank-line separated) in body."""
    spans = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(body):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(body):
        spans.append((position, len(body)))
    return spans


def detect_languages(body: str, declared: str | None = None) -> tuple[str, dict[str, float], list[Segment]]:
    """The article's main language, the share of text per language, and segments.

    `declared` (from metadata) is used when the text is too short to tell.
    """
    spans = paragraph_spans(body)
    if not spans:
        lang = (declared or "und")[:2].lower()
        return lang, {lang: 1.0}, []
    langs: list[str | None] = [
        identify(body[start:min(end, start + SAMPLE_CHARS)]) if end - start >= MIN_PARAGRAPH_CHARS else None
        for start, end in spans
    ]
    votes: dict[str, int] = {}
    for (start, end), lang in zip(spans, langs):
        if lang:
            votes[lang] = votes.get(lang, 0) + (end - start)
    if votes:
        article_lang = max(votes, key=votes.__getitem__)
    elif declared:
        article_lang = declared[:2].lower()
    else:
        article_lang = identify(body[:SAMPLE_CHARS])
    langs = [lang or article_lang for lang in langs]
    chars: dict[str, int] = {}
    for (start, end), lang in zip(spans, langs):
        chars[lang] = chars.get(lang, 0) + (end - start)
    total = sum(chars.values()) or 1
    shares = {lang: round(count / total, 3) for lang, count in sorted(chars.items(), key=lambda kv: -kv[1])}
    main = max(chars, key=chars.__getitem__)
    segments = [Segment(start, end, lang) for (start, end), lang in zip(spans, langs)]
    return main, shares, segments
