"""Step 3 of the pipeline: the language of each paragraph and of the article.

Uses py3langid (langid.py's model, numpy-fast, shipped inside the package),
restricted to the languages secbrowse supports so that short paragraphs are
not taken for a distant language.
"""

from __future__ import annotations

import re
from array import array
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
    _compact_state_tables(identifier)
    return identifier


def _compact_state_tables(identifier) -> None:
    """Hold py3langid's per-state DFA tables as int arrays rather than lists of ints.

    Each byte of a sample looks up its state's row offset and output feature;
    as lists those are 100,000 pointers to ints scattered over the heap (two
    cache misses more per byte in a busy process). Same numbers, same results;
    only the containers change, and only if they are the lists expected.
    """
    for name in ("_rowbase", "tk_output"):
        table = getattr(identifier, name, None)
        if isinstance(table, list):
            setattr(identifier, name, array("i", table))


# Paragraph samples recur across articles (agency footers, syndicated wire
# copy, re-ingested files); the answer for a sample never changes.
@lru_cache(maxsize=4096)
def identify(text: str) -> str:
    """ISO 639-1 code of the language of `text` (one of SUPPORTED_LANGUAGES)."""
    language, _score = _identifier().classify(text)
    return language


# Function words that tell the eight main languages apart (words shared between
# them, such as "de", "la", "en", "in", are left out). A paragraph whose words
# clearly point to the language of the paragraph before it keeps that language
# without asking the model: most paragraphs, at a fraction of the cost.
_FUNCTION_WORDS = {
    "fr": "le les des du et est une dans pour qui avec sur au aux ce cette sont été ont ses leur il elle",
    "nl": "het een van voor met zijn werd naar ook niet dat bij op aan uit deze wordt heeft worden tijdens",
    "de": "der das und mit den dem ist von zu sich auf für des eine nicht wurde auch im bei einer",
    "en": "the and of to is was with for that on by are were has have this from which its their",
    "es": "el los las del y por una para se su al fue como sobre lo más ha han sus",
    "it": "il di che della delle dei e per sono nel nella alla gli è anche stato tra degli",
    "pt": "o os do da dos das em não ao foi pela pelo também seu sua são às",
}
_WORD_LANGS: dict[str, list[str]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        _WORD_LANGS.setdefault(_word, []).append(_lang)
_WORDS = re.compile(r"[^\W\d_]+")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_PERSIAN_LETTERS = re.compile(r"[\u067e\u0686\u0698\u06af\u06a9\u06cc]")


def _clearly(sample: str, expected: str) -> bool:
    """True when the sample's function words (or script) clearly say `expected`."""
    if expected == "ar":
        letters = _WORDS.findall(sample)
        arabic = sum(1 for word in letters if _ARABIC_SCRIPT.match(word))
        return arabic >= 0.8 * max(len(letters), 1) and not _PERSIAN_LETTERS.search(sample)
    if expected not in _FUNCTION_WORDS:
        return False
    counts: dict[str, int] = {}
    for word in _WORDS.findall(sample.lower()):
        for lang in _WORD_LANGS.get(word, ()):
            counts[lang] = counts.get(lang, 0) + 1
    best = counts.get(expected, 0)
    runner_up = max((count for lang, count in counts.items() if lang != expected), default=0)
    return best >= 3 and best >= 2 * runner_up


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
    langs: list[str | None] = []
    previous: str | None = None
    for start, end in spans:
        if end - start < MIN_PARAGRAPH_CHARS:
            langs.append(None)
            continue
        sample = body[start:min(end, start + SAMPLE_CHARS)]
        lang = previous if previous and _clearly(sample, previous) else identify(sample)
        langs.append(lang)
        previous = lang
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
