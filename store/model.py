"""Plain data passed between the pipeline steps and across the query API.

Every pipeline step is a function from these dataclasses to these dataclasses;
nothing here knows about SQLite or the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["person", "organization", "location"]


@dataclass(frozen=True)
class RawDocument:
    """One article as read from disk, before cleaning."""

    source: str  # path or URL given to `ingest` (for .jsonl: "file.jsonl#line")
    text: str  # decoded text (HTML already reduced to text)
    title: str | None = None  # from metadata (HTML <title>, JSONL "title")
    published: str | None = None  # ISO date from metadata, if any
    lang: str | None = None  # declared language from metadata, if any
    url: str | None = None


@dataclass(frozen=True)
class Segment:
    """A paragraph of the body: [start, end) offsets into body, with its language."""

    start: int
    end: int
    lang: str


@dataclass(frozen=True)
class CleanedText:
    """Result of cleaning: title, body (indexed, mined) and boilerplate (kept aside)."""

    title: str | None
    body: str
    boilerplate: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """A surface form of an entity found in the body, [start, end) offsets into body.

    `key` is the extractor's hint for resolution: for places a stable code
    ("country:MA", "city:rabat"), for organisations an acronym or normalised
    name, for people a normalised name key.
    """

    start: int
    end: int
    surface: str
    kind: EntityKind
    key: str
    name: str  # the extractor's best canonical name ("Morocco", "DGSN", "Abdellatif Hammouchi")


@dataclass(frozen=True)
class DateSpan:
    """Dates an article reports; ISO strings or None when unknown."""

    start: str | None = None
    end: str | None = None
    weekday: str | None = None  # English weekday name when stated but not resolvable


@dataclass
class ProcessedArticle:
    """Everything the pipeline derives from one RawDocument, ready to be stored."""

    source: str
    content_hash: str
    title: str | None
    body: str
    boilerplate: list[str]
    lang: str
    languages: dict[str, float]
    segments: list[Segment]
    published: str | None
    event_dates: DateSpan = field(default_factory=DateSpan)
    event_date_at: int | None = None  # body offset of the expression the event dates came from
    mentions: list[Mention] = field(default_factory=list)
    topics: dict[str, int] = field(default_factory=dict)  # topic id -> occurrences
