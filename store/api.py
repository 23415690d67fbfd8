"""The typed query API the app reads the store through: dataclasses out, no SQL outside.

A second backend can sit behind these functions later. Every function takes an
open Database and returns plain frozen dataclasses; nothing here
knows about the screen.

Event lists are paged with keysets on events(sort_key DESC, id DESC), so a
page costs the same at row 10 and at row 900,000.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .schema import Database


@dataclass(frozen=True)
class Overview:
    articles: int
    events: int
    entities: int


@dataclass(frozen=True)
class EventKey:
    """The position of an event in the list order (sort_key DESC, id DESC)."""

    sort_key: str
    id: int


@dataclass(frozen=True)
class EventRow:
    id: int
    title: str
    date_start: str | None
    date_end: str | None
    weekday: str | None
    place: str | None
    counterpart: str | None
    langs: tuple[str, ...]
    article_count: int
    sort_key: str

    @property
    def key(self) -> EventKey:
        return EventKey(self.sort_key, self.id)


@dataclass(frozen=True)
class MentionSpan:
    start: int
    end: int
    entity_id: int


@dataclass(frozen=True)
class SegmentSpan:
    start: int
    end: int
    lang: str


@dataclass(frozen=True)
class ArticleView:
    id: int
    title: str | None
    source: str
    lang: str
    published: str | None
    body: str
    boilerplate: str
    segments: tuple[SegmentSpan, ...] = ()
    mentions: tuple[MentionSpan, ...] = ()


@dataclass(frozen=True)
class EventDetail:
    event: EventRow
    articles: tuple[ArticleView, ...]


@dataclass(frozen=True)
class EntitySummary:
    id: int
    kind: str  # person | organization | location
    name: str
    mentions: int  # mentions in the articles asked about
    article_count: int  # articles in the whole database
    aliases: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class TopicSummary:
    id: int
    key: str
    label: str
    occurrences: int


@dataclass(frozen=True)
class EntityRef:
    id: int
    kind: str
    name: str


def overview(db: Database) -> Overview:
    """Counts for the header."""
    count = lambda sql: db.conn.execute(sql).fetchone()[0]  # noqa: E731
    return Overview(
        articles=count("SELECT count(*) FROM articles"),
        events=count("SELECT count(*) FROM events WHERE article_count > 0"),
        entities=count("SELECT count(*) FROM entities WHERE article_count > 0"),
    )


def has_articles(db: Database) -> bool:
    """Whether the database holds any article (one index probe: cheap at any size)."""
    return db.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None


# --- events -----------------------------------------------------------------

_EVENT_COLUMNS = """
    e.id, e.title, e.date_start, e.date_end, e.weekday,
    (SELECT name FROM entities WHERE id = e.place_id),
    (SELECT name FROM entities WHERE id = e.counterpart_id),
    e.langs, e.article_count, e.sort_key
"""

_ENTITY_FILTER = """
    AND e.id IN (
        SELECT event_id FROM event_entities WHERE entity_id = :entity
        UNION
        SELECT a.event_id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = :entity
    )
"""


def _event_row(row) -> EventRow:
    langs = tuple(part.strip() for part in (row[7] or "").split(",") if part.strip())
    return EventRow(row[0], row[1] or "", row[2], row[3], row[4], row[5], row[6], langs, row[8], row[9] or "")


def events_page(
    db: Database,
    *,
    after: EventKey | None = None,
    before: EventKey | None = None,
    limit: int = 50,
    entity_id: int | None = None,
) -> list[EventRow]:
    """Up to `limit` events in list order (newest first), by keyset.

    With `after`: the events that follow that key; with `before`: the events
    that precede it (still returned in list order); with neither: the first page.
    With `entity_id`: only events with that entity.
    """
    params: dict[str, object] = {"limit": int(limit), "entity": entity_id}
    where = "e.article_count > 0"
    if entity_id is not None:
        where += _ENTITY_FILTER
    if after is not None and before is None:
        where += " AND (e.sort_key < :key OR (e.sort_key = :key AND e.id < :id))"
        params.update(key=after.sort_key, id=after.id)
        order = "e.sort_key DESC, e.id DESC"
    elif before is not None:
        where += " AND (e.sort_key > :key OR (e.sort_key = :key AND e.id > :id))"
        params.update(key=before.sort_key, id=before.id)
        order = "e.sort_key ASC, e.id ASC"
    else:
        order = "e.sort_key DESC, e.id DESC"
    rows = db.conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE {where} ORDER BY {order} LIMIT :limit", params
    ).fetchall()
    result = [_event_row(row) for row in rows]
    if before is not None:
        result.reverse()
    return result


def events_at(db: Database, offset: int, *, limit: int = 50, entity_id: int | None = None) -> list[EventRow]:
    """Up to `limit` events from position `offset` in list order.

    For jumps far from any cached page (a scrollbar drag, `G`): near the end it
    reads backwards from the last event, so `G` on a million rows stays cheap.
    """
    total = None
    params: dict[str, object] = {"limit": int(limit), "entity": entity_id, "offset": max(0, int(offset))}
    where = "e.article_count > 0" + (_ENTITY_FILTER if entity_id is not None else "")
    if offset > 0:
        total = events_count(db, entity_id=entity_id)
    if total is not None and offset > total // 2:
        tail = total - offset  # rows from `offset` to the end
        params.update(offset=max(0, tail - limit), limit=min(limit, tail))
        if params["limit"] <= 0:
            return []
        rows = db.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE {where} "
            "ORDER BY e.sort_key ASC, e.id ASC LIMIT :limit OFFSET :offset",
            params,
        ).fetchall()
        return [_event_row(row) for row in reversed(rows)]
    rows = db.conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE {where} "
        "ORDER BY e.sort_key DESC, e.id DESC LIMIT :limit OFFSET :offset",
        params,
    ).fetchall()
    return [_event_row(row) for row in rows]


def events_count(db: Database, *, entity_id: int | None = None) -> int:
    """How many events the list shows (with that entity, when given)."""
    where = "e.article_count > 0" + (_ENTITY_FILTER if entity_id is not None else "")
    return db.conn.execute(f"SELECT count(*) FROM events e WHERE {where}", {"entity": entity_id}).fetchone()[0]


def event(db: Database, event_id: int) -> EventRow | None:
    row = db.conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.id = ?", (event_id,)).fetchone()
    return _event_row(row) if row else None


def event_position(db: Database, event_id: int, *, entity_id: int | None = None) -> int | None:
    """The index of the event in the list order, or None if the list does not show it."""
    row = event(db, event_id)
    if row is None or row.article_count <= 0:
        return None
    where = "e.article_count > 0" + (_ENTITY_FILTER if entity_id is not None else "")
    if entity_id is not None:
        inside = db.conn.execute(
            f"SELECT 1 FROM events e WHERE e.id = :event {_ENTITY_FILTER}", {"event": event_id, "entity": entity_id}
        ).fetchone()
        if not inside:
            return None
    return db.conn.execute(
        f"SELECT count(*) FROM events e WHERE {where} AND (e.sort_key > :key OR (e.sort_key = :key AND e.id > :id))",
        {"entity": entity_id, "key": row.sort_key, "id": row.id},
    ).fetchone()[0]


def event_detail(db: Database, event_id: int) -> EventDetail | None:
    """The event and its articles (oldest first), with segments and entity mentions."""
    head = event(db, event_id)
    if head is None:
        return None
    conn = db.conn
    articles = []
    for row in conn.execute(
        "SELECT id, title, source, lang, published, body, boilerplate FROM articles "
        "WHERE event_id = ? ORDER BY published IS NULL, published, id",
        (event_id,),
    ).fetchall():
        segments = tuple(
            SegmentSpan(*seg)
            for seg in conn.execute(
                "SELECT start, end, lang FROM segments WHERE article_id = ? ORDER BY start", (row[0],)
            )
        )
        mentions = tuple(
            MentionSpan(*m)
            for m in conn.execute(
                "SELECT start, end, entity_id FROM mentions WHERE article_id = ? ORDER BY start, end", (row[0],)
            )
        )
        articles.append(ArticleView(*row, segments=segments, mentions=mentions))
    return EventDetail(head, tuple(articles))


# --- entities and topics ----------------------------------------------------


def event_entities(db: Database, event_id: int) -> list[EntitySummary]:
    """Entities mentioned in the event's articles (plus its recorded participants), most mentioned first."""
    conn = db.conn
    rows = conn.execute(
        """
        SELECT en.id, en.kind, en.name, count(m.id) AS n, en.article_count
        FROM entities en
        LEFT JOIN mentions m ON m.entity_id = en.id
             AND m.article_id IN (SELECT id FROM articles WHERE event_id = :event)
        WHERE en.id IN (SELECT entity_id FROM mentions
                        WHERE article_id IN (SELECT id FROM articles WHERE event_id = :event))
           OR en.id IN (SELECT entity_id FROM event_entities WHERE event_id = :event)
        GROUP BY en.id
        ORDER BY n DESC, en.name
        """,
        {"event": event_id},
    ).fetchall()
    result = []
    for entity_id, kind, name, mentions, article_count in rows:
        aliases = tuple(
            alias
            for (alias,) in conn.execute(
                "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY mention_count DESC, alias", (entity_id,)
            )
            if alias != name
        )
        result.append(EntitySummary(entity_id, kind, name, mentions, article_count, aliases))
    return result


def event_topics(db: Database, event_id: int) -> list[TopicSummary]:
    """Topics of the event's articles (and those recorded on the event), most frequent first."""
    rows = db.conn.execute(
        """
        SELECT t.id, t.key, t.label,
               coalesce((SELECT sum(at.occurrences) FROM article_topics at
                         JOIN articles a ON a.id = at.article_id
                         WHERE at.topic_id = t.id AND a.event_id = :event), 0) AS n
        FROM topics t
        WHERE t.id IN (SELECT at.topic_id FROM article_topics at JOIN articles a ON a.id = at.article_id
                       WHERE a.event_id = :event)
           OR t.id IN (SELECT topic_id FROM event_topics WHERE event_id = :event)
        ORDER BY n DESC, t.label
        """,
        {"event": event_id},
    ).fetchall()
    return [TopicSummary(*row) for row in rows]


def entity(db: Database, entity_id: int) -> EntityRef | None:
    row = db.conn.execute("SELECT id, kind, name FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return EntityRef(*row) if row else None


def data_version(db: Database) -> int:
    """Changes whenever another connection commits to the database (an ingest beside the app)."""
    return db.conn.execute("PRAGMA data_version").fetchone()[0]
