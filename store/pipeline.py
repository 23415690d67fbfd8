"""The ingest pipeline as one pure function: RawDocument → ProcessedArticle.

Each step lives in its own module and is a plain function over plain data:
clean → language → dates → entities → topics. Nothing here touches SQLite,
so this runs unchanged in worker processes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata

from .clean import clean_text
from .dates import find_event_dates_at, find_published
from .extract import extract_mentions
from .language import detect_languages
from .model import CleanedText, ProcessedArticle, RawDocument, Segment
from .topics import find_topics, with_transnational_crime


def content_hash(document: RawDocument) -> str:
    """Hash of the article's text, blind to whitespace and Unicode normal form.

    Two files with the same text are one article, whatever their names.
    """
    normalized = " ".join(unicodedata.normalize("NFC", document.text).split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


# Entities and topics are mined from the first part of the body only. A news
# article is a few KB; a multi-megabyte "article" (a dump, a minified page) is
# stored and searchable whole, but mining it all would give hundreds of
# thousands of mentions that help nobody and stall the writer.
MINED_CHARS = 100_000


def _mined_part(body: str, segments: list[Segment]) -> tuple[str, list[Segment]]:
    if len(body) <= MINED_CHARS:
        return body, segments
    return body[:MINED_CHARS], [
        Segment(s.start, min(s.end, MINED_CHARS), s.lang) for s in segments if s.start < MINED_CHARS
    ]


# Latin and Arabic script: processing this builds every table the steps load on
# first use (lexicons, the town index, the language model, both place regexes).
_WARM_UP = RawDocument(
    source="warm-up",
    text="Le ministre a rencontré lundi 3 juin à Rabat le directeur de la police.\n\n"
         "التقى المدير العام للأمن الوطني يوم الاثنين في الرباط بنظيره الإسباني.",
)


def warm_up() -> None:
    """Build the tables the pipeline loads on first use (2-3 s of CPU).

    Called before forking worker processes, which then share them instead of
    each building its own.
    """
    process(_WARM_UP, today=dt.date(2026, 1, 1))


def process(document: RawDocument, today: dt.date | None = None, digest: str | None = None) -> ProcessedArticle:
    """Run every pipeline step over one document."""
    cleaned = clean_text(document.text, document.title)
    published = document.published or find_published(document.text)
    return analyse(document.source, digest or content_hash(document), cleaned, published, document.lang, today)


def analyse(source: str, digest: str, cleaned: CleanedText, published: str | None,
            declared_lang: str | None = None, today: dt.date | None = None) -> ProcessedArticle:
    """The steps after cleaning: language, dates, entities, topics.

    `secbrowse reindex` runs these again over stored (already cleaned) articles.
    """
    lang, shares, segments = detect_languages(cleaned.body, declared_lang)
    mined, mined_segments = _mined_part(cleaned.body, segments)
    event_dates, event_date_at = find_event_dates_at(cleaned.body, segments, published, today or dt.date.today())
    mentions = extract_mentions(mined, mined_segments)
    return ProcessedArticle(
        source=source,
        content_hash=digest,
        title=cleaned.title,
        body=cleaned.body,
        boilerplate=cleaned.boilerplate,
        lang=lang,
        languages=shares,
        segments=segments,
        published=published,
        event_dates=event_dates,
        event_date_at=event_date_at,
        mentions=mentions,
        topics=with_transnational_crime(find_topics(mined, mined_segments), mentions),
    )
