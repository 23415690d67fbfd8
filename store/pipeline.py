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
from .model import ProcessedArticle, RawDocument
from .topics import find_topics


def content_hash(document: RawDocument) -> str:
    """Hash of the article's text, blind to whitespace and Unicode normal form.

    Two files with the same text are one article, whatever their names.
    """
    normalized = " ".join(unicodedata.normalize("NFC", document.text).split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def process(document: RawDocument, today: dt.date | None = None, digest: str | None = None) -> ProcessedArticle:
    """Run every pipeline step over one document."""
    cleaned = clean_text(document.text, document.title)
    lang, shares, segments = detect_languages(cleaned.body, document.lang)
    published = document.published or find_published(document.text)
    event_dates, event_date_at = find_event_dates_at(cleaned.body, segments, published, today or dt.date.today())
    return ProcessedArticle(
        source=document.source,
        content_hash=digest or content_hash(document),
        title=cleaned.title,
        body=cleaned.body,
        boilerplate=cleaned.boilerplate,
        lang=lang,
        languages=shares,
        segments=segments,
        published=published,
        event_dates=event_dates,
        event_date_at=event_date_at,
        mentions=extract_mentions(cleaned.body, segments),
        topics=find_topics(cleaned.body, segments),
    )
