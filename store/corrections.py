"""Analyst corrections: merge, rename, split and reject entities; merge, move and split events.

Each correction is applied to the database at once and recorded in the
`corrections` table. Recorded corrections are keyed on stable things (entity
keys, surface forms, article content hashes), not on row ids, so the writer
applies them again to everything ingested later: they win over the machine.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field

from .schema import Database

from .errors import StoreError


@dataclass
class EntityRules:
    """What recorded corrections say about entity keys, for the writer."""

    redirects: dict[str, str] = field(default_factory=dict)  # merged-away key -> kept key
    rejected: set[str] = field(default_factory=set)
    splits: dict[tuple[str, str], str] = field(default_factory=dict)  # (key, surface) -> new key
    names: dict[str, str] = field(default_factory=dict)  # key -> analyst's name

    def apply(self, key: str, surface: str) -> str | None:
        """The key a machine mention should get, or None when it is rejected."""
        for _ in range(20):  # follow merge chains; bounded against cycles
            key = self.splits.get((key, surface), key)
            if key not in self.redirects:
                break
            key = self.redirects[key]
        return None if key in self.rejected else key


def _record(conn: sqlite3.Connection, action: str, payload: dict) -> None:
    conn.execute(
        "INSERT INTO corrections (action, payload, created_at) VALUES (?, ?, ?)",
        (action, json.dumps(payload, ensure_ascii=False),
         dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")),
    )


def load_entity_rules(db: Database) -> EntityRules:
    rules = EntityRules()
    for action, payload in db.conn.execute("SELECT action, payload FROM corrections ORDER BY id"):
        data = json.loads(payload)
        if action == "entity_merge":
            rules.redirects[data["other"]] = data["keep"]
            rules.rejected.discard(data["keep"])
        elif action == "entity_reject":
            rules.rejected.add(data["key"])
        elif action == "entity_split":
            rules.splits[(data["key"], data["alias"])] = data["new_key"]
            rules.names[data["new_key"]] = data["alias"]
        elif action == "entity_rename":
            rules.names[data["key"]] = data["name"]
    return rules


@dataclass(frozen=True)
class EntityRef:
    id: int
    key: str
    kind: str
    name: str


def find_entity(db: Database, ref: str | int) -> EntityRef:
    """An entity by id, name or alias; StoreError if none or several match."""
    conn = db.conn
    text = str(ref).strip()
    if text.isdigit():
        rows = conn.execute("SELECT id, key, kind, name FROM entities WHERE id = ?", (int(text),)).fetchall()
    else:
        rows = conn.execute(
            "SELECT id, key, kind, name FROM entities WHERE name = ? COLLATE NOCASE OR key = ?", (text, text)
        ).fetchall()
        if not rows:
            rows = conn.execute(
                """SELECT DISTINCT e.id, e.key, e.kind, e.name FROM aliases a JOIN entities e ON e.id = a.entity_id
                   WHERE a.alias = ? COLLATE NOCASE""", (text,)
            ).fetchall()
    if not rows:
        raise StoreError(f"no entity {text!r} (give an id, a name or an alias; `secbrowse entity list` shows them)")
    if len(rows) > 1:
        listed = ", ".join(f"{row[0]} ({row[3]}, {row[2]})" for row in rows[:8])
        raise StoreError(f"{text!r} matches several entities: {listed}; give the id")
    return EntityRef(*rows[0])


def _recount(conn: sqlite3.Connection, entity_ids: list[int]) -> None:
    for entity_id in entity_ids:
        conn.execute(
            "UPDATE entities SET article_count = (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = ?) WHERE id = ?",
            (entity_id, entity_id),
        )
        conn.execute(
            """UPDATE aliases SET mention_count = (SELECT count(*) FROM mentions m
                   WHERE m.entity_id = aliases.entity_id AND m.surface = aliases.alias)
               WHERE entity_id = ?""", (entity_id,),
        )


def _transaction(db: Database):
    conn = db.conn

    class _Tx:
        def __enter__(self):
            conn.execute("BEGIN IMMEDIATE")
            return conn

        def __exit__(self, kind, value, traceback):
            conn.execute("COMMIT" if kind is None else "ROLLBACK")
            return False

    return _Tx()


def _move_aliases(conn: sqlite3.Connection, source_id: int, target_id: int, only_alias: str | None = None) -> None:
    where, args = ("entity_id = ?", (source_id,)) if only_alias is None else ("entity_id = ? AND alias = ?", (source_id, only_alias))
    for alias_id, alias in conn.execute(f"SELECT id, alias FROM aliases WHERE {where}", args).fetchall():
        exists = conn.execute("SELECT id FROM aliases WHERE entity_id = ? AND alias = ?", (target_id, alias)).fetchone()
        conn.execute("INSERT INTO aliases_fts (aliases_fts, rowid, alias) VALUES ('delete', ?, ?)", (alias_id, alias))
        conn.execute("DELETE FROM aliases WHERE id = ?", (alias_id,))
        if not exists:
            new_id = conn.execute("INSERT INTO aliases (entity_id, alias) VALUES (?, ?)", (target_id, alias)).lastrowid
            conn.execute("INSERT INTO aliases_fts (rowid, alias) VALUES (?, ?)", (new_id, alias))


def _move_event_links(conn: sqlite3.Connection, source_id: int, target_id: int) -> None:
    conn.execute("INSERT OR IGNORE INTO event_entities (event_id, entity_id, role, date_key) "
                 "SELECT event_id, ?, role, date_key FROM event_entities WHERE entity_id = ?", (target_id, source_id))
    conn.execute("DELETE FROM event_entities WHERE entity_id = ?", (source_id,))
    conn.execute("UPDATE events SET place_id = ? WHERE place_id = ?", (target_id, source_id))
    conn.execute("UPDATE events SET counterpart_id = ? WHERE counterpart_id = ?", (target_id, source_id))


def merge_entities(db: Database, keep: str | int, other: str | int) -> EntityRef:
    """`other` becomes part of `keep`: its mentions and aliases, now and in future ingests."""
    from .event_store import rebuild_event

    kept, merged = find_entity(db, keep), find_entity(db, other)
    if kept.id == merged.id:
        raise StoreError("cannot merge an entity with itself")
    with _transaction(db) as conn:
        conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (kept.id, merged.id))
        _move_aliases(conn, merged.id, kept.id)
        _move_event_links(conn, merged.id, kept.id)
        conn.execute("UPDATE entities SET article_count = 0 WHERE id = ?", (merged.id,))
        _recount(conn, [kept.id])
        for (event_id,) in conn.execute("SELECT event_id FROM event_entities WHERE entity_id = ?", (kept.id,)).fetchall():
            rebuild_event(conn, event_id)
        _record(conn, "entity_merge", {"keep": kept.key, "other": merged.key})
    return kept


def rename_entity(db: Database, ref: str | int, name: str) -> EntityRef:
    """Give an entity the analyst's canonical name."""
    from .event_store import retitle_events_of

    name = " ".join(name.split())
    if not name:
        raise StoreError("the new name is empty")
    entity = find_entity(db, ref)
    with _transaction(db) as conn:
        conn.execute("UPDATE entities SET name = ? WHERE id = ?", (name, entity.id))
        retitle_events_of(conn, entity.id)
        _record(conn, "entity_rename", {"key": entity.key, "name": name})
    return EntityRef(entity.id, entity.key, entity.kind, name)


def reject_entity(db: Database, ref: str | int) -> EntityRef:
    """Not an entity: drop its mentions now and never attach it again."""
    entity = find_entity(db, ref)
    with _transaction(db) as conn:
        conn.execute("DELETE FROM mentions WHERE entity_id = ?", (entity.id,))
        conn.execute("DELETE FROM event_entities WHERE entity_id = ?", (entity.id,))
        conn.execute("UPDATE events SET place_id = NULL WHERE place_id = ?", (entity.id,))
        conn.execute("UPDATE events SET counterpart_id = NULL WHERE counterpart_id = ?", (entity.id,))
        conn.execute("UPDATE entities SET article_count = 0 WHERE id = ?", (entity.id,))
        _record(conn, "entity_reject", {"key": entity.key})
    return entity


def split_entity(db: Database, ref: str | int, alias: str) -> EntityRef:
    """The mentions written `alias` are a different entity: move them to a new one."""
    entity = find_entity(db, ref)
    conn = db.conn
    surfaces = [row[0] for row in conn.execute("SELECT alias FROM aliases WHERE entity_id = ?", (entity.id,))]
    if alias not in surfaces:
        match = [s for s in surfaces if s.casefold() == alias.casefold()]
        if not match:
            raise StoreError(f"{entity.name!r} has no alias {alias!r}; its aliases: {', '.join(surfaces) or 'none'}")
        alias = match[0]
    if len(surfaces) == 1:
        raise StoreError(f"{alias!r} is the only alias of {entity.name!r}: nothing to split")
    new_key = f"{entity.key}#split:{alias}"
    with _transaction(db) as conn:
        row = conn.execute("SELECT id FROM entities WHERE key = ?", (new_key,)).fetchone()
        new_id = row[0] if row else conn.execute(
            "INSERT INTO entities (key, kind, name) VALUES (?, ?, ?)", (new_key, entity.kind, alias)
        ).lastrowid
        conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND surface = ?", (new_id, entity.id, alias))
        _move_aliases(conn, entity.id, new_id, only_alias=alias)
        _recount(conn, [entity.id, new_id])
        _record(conn, "entity_split", {"key": entity.key, "alias": alias, "new_key": new_key})
    return EntityRef(new_id, new_key, entity.kind, alias)


def _event_exists(conn: sqlite3.Connection, event_id: int) -> None:
    if conn.execute("SELECT 1 FROM events WHERE id = ? AND article_count > 0", (event_id,)).fetchone() is None:
        raise StoreError(f"no event {event_id} (`secbrowse export` or the app lists them)")


def _hashes(conn: sqlite3.Connection, sql: str, args: tuple) -> list[str]:
    return [row[0] for row in conn.execute(sql, args)]


def merge_events(db: Database, keep: int, other: int) -> int:
    """Every article of event `other` joins event `keep`."""
    from .event_store import rebuild_event

    conn = db.conn
    _event_exists(conn, keep)
    _event_exists(conn, other)
    if keep == other:
        raise StoreError("cannot merge an event with itself")
    with _transaction(db) as conn:
        hashes = _hashes(conn, "SELECT content_hash FROM articles WHERE event_id IN (?, ?)", (keep, other))
        conn.execute("UPDATE articles SET event_id = ? WHERE event_id = ?", (keep, other))
        rebuild_event(conn, keep)
        rebuild_event(conn, other)
        _record(conn, "event_merge", {"articles": hashes})
    return keep


def move_article(db: Database, article_id: int, event_id: int) -> int:
    """Move one article into another event."""
    from .event_store import rebuild_event

    conn = db.conn
    row = conn.execute("SELECT event_id, content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise StoreError(f"no article {article_id}")
    _event_exists(conn, event_id)
    old_event, digest = row
    if old_event == event_id:
        raise StoreError(f"article {article_id} is already in event {event_id}")
    with _transaction(db) as conn:
        target = _hashes(conn, "SELECT content_hash FROM articles WHERE event_id = ?", (event_id,))
        conn.execute("UPDATE articles SET event_id = ? WHERE id = ?", (event_id, article_id))
        rebuild_event(conn, event_id)
        if old_event is not None:
            rebuild_event(conn, old_event)
        _record(conn, "event_move", {"article": digest, "with": target})
    return event_id


def split_event(db: Database, event_id: int, article_ids: list[int]) -> int:
    """The given articles of an event become an event of their own; returns its id."""
    from .event_store import rebuild_event

    conn = db.conn
    _event_exists(conn, event_id)
    members = {row[0] for row in conn.execute("SELECT id FROM articles WHERE event_id = ?", (event_id,))}
    chosen = set(article_ids)
    if not chosen or not chosen <= members:
        raise StoreError(f"give article ids of event {event_id}: its articles are {sorted(members)}")
    if chosen == members:
        raise StoreError("that is every article of the event: nothing to split")
    with _transaction(db) as conn:
        new_event = conn.execute("INSERT INTO events (title) VALUES ('')").lastrowid
        marks = ",".join("?" * len(chosen))
        conn.execute(f"UPDATE articles SET event_id = ? WHERE id IN ({marks})", (new_event, *sorted(chosen)))
        rebuild_event(conn, new_event)
        rebuild_event(conn, event_id)
        _record(conn, "event_split", {
            "articles": _hashes(conn, "SELECT content_hash FROM articles WHERE event_id = ?", (new_event,)),
            "from": _hashes(conn, "SELECT content_hash FROM articles WHERE event_id = ?", (event_id,)),
        })
    return new_event


def _events_of(conn: sqlite3.Connection, hashes: list[str]) -> dict[int, int | None]:
    """article id -> event id, for the stored articles among `hashes`."""
    marks = ",".join("?" * len(hashes)) or "''"
    return dict(conn.execute(f"SELECT id, event_id FROM articles WHERE content_hash IN ({marks})", hashes))


def _main_event(events: dict[int, int | None]) -> int | None:
    """The event most of these articles are in (the oldest on a tie)."""
    counts: dict[int, int] = {}
    for event_id in events.values():
        if event_id is not None:
            counts[event_id] = counts.get(event_id, 0) + 1
    return min(counts, key=lambda event_id: (-counts[event_id], event_id)) if counts else None


def replay_event_corrections(conn: sqlite3.Connection) -> int:
    """Apply the recorded event corrections again, inside the caller's transaction.

    After re-extraction has grouped every article afresh, the analyst's merges,
    moves and splits (recorded by article content hashes) are redone in the
    order they were made; those whose articles are gone are skipped. Returns
    how many were applied.
    """
    from .event_store import rebuild_event

    touched: set[int] = set()
    applied = 0

    def move(article_ids: list[int], event_id: int, events: dict[int, int | None]) -> None:
        marks = ",".join("?" * len(article_ids))
        conn.execute(f"UPDATE articles SET event_id = ? WHERE id IN ({marks})", (event_id, *article_ids))
        touched.update(e for a, e in events.items() if e is not None and a in article_ids)
        touched.add(event_id)

    rows = conn.execute(
        "SELECT action, payload FROM corrections WHERE action LIKE 'event_%' ORDER BY id").fetchall()
    for action, payload in rows:
        data = json.loads(payload)
        if action == "event_merge":
            events = _events_of(conn, data["articles"])
            target = _main_event(events)
            if target is None or len(events) < 2:
                continue
            move(sorted(events), target, events)
        elif action == "event_move":
            article = _events_of(conn, [data["article"]])
            target = _main_event(_events_of(conn, [h for h in data["with"] if h != data["article"]]))
            if not article or target is None:
                continue
            move(sorted(article), target, article)
        elif action == "event_split":
            events = _events_of(conn, data["articles"])
            if not events:
                continue
            new_event = conn.execute("INSERT INTO events (title) VALUES ('')").lastrowid
            move(sorted(events), new_event, events)
        else:
            continue
        applied += 1
    for event_id in sorted(touched):
        rebuild_event(conn, event_id)
    return applied
