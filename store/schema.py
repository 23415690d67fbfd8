"""The SQLite database: opening it safely, its tables, and schema migrations.

The schema version lives in `PRAGMA user_version`. A database from a newer
secbrowse is refused; an older one is copied aside and then migrated.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import sqlite_utils

from .errors import StoreError

SCHEMA_VERSION = 1
_SQLITE_MAGIC = b"SQLite format 3\x00"

# Each entry migrates from version (index) to version (index + 1).
MIGRATIONS: list[str] = [
    # 0 → 1: the first schema.
    """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        date_start TEXT,
        date_end TEXT,
        weekday TEXT,
        place_id INTEGER REFERENCES entities(id),
        counterpart_id INTEGER REFERENCES entities(id),
        article_count INTEGER NOT NULL DEFAULT 0,
        langs TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '{}',
        sort_key TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX events_order ON events(sort_key DESC, id DESC);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT,
        body TEXT NOT NULL,
        boilerplate TEXT NOT NULL DEFAULT '',
        lang TEXT NOT NULL,
        languages TEXT NOT NULL DEFAULT '{}',
        published TEXT,
        date_start TEXT,
        date_end TEXT,
        weekday TEXT,
        event_id INTEGER REFERENCES events(id),
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_event ON articles(event_id);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        lang TEXT NOT NULL
    );
    CREATE INDEX segments_article ON segments(article_id);
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        article_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX entities_kind ON entities(kind, name);
    CREATE TABLE aliases (
        id INTEGER PRIMARY KEY,
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        mention_count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (entity_id, alias)
    );
    CREATE INDEX aliases_alias ON aliases(alias);
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        surface TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
    CREATE TABLE topics (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL
    );
    CREATE TABLE article_topics (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        topic_id INTEGER NOT NULL REFERENCES topics(id),
        occurrences INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (article_id, topic_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_topics_topic ON article_topics(topic_id, article_id);
    CREATE TABLE event_entities (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        role TEXT NOT NULL DEFAULT 'participant',
        date_key TEXT NOT NULL DEFAULT '',  -- the event's start date, else its latest publication date
        PRIMARY KEY (event_id, entity_id)
    ) WITHOUT ROWID;
    CREATE INDEX event_entities_entity ON event_entities(entity_id, date_key, event_id);
    CREATE TABLE event_topics (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        topic_id INTEGER NOT NULL REFERENCES topics(id),
        PRIMARY KEY (event_id, topic_id)
    ) WITHOUT ROWID;
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE aliases_fts USING fts5(
        alias, content='aliases', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    """,
]
assert len(MIGRATIONS) == SCHEMA_VERSION


def _check_is_sqlite(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as error:
        raise StoreError(f"cannot open database {path}: {error.strerror or error}") from None
    if head and head != _SQLITE_MAGIC:
        raise StoreError(f"{path} is not a secbrowse database (not an SQLite file); it was left untouched")


def open_database(path: str | os.PathLike[str], *, create: bool = True, readonly: bool = False) -> sqlite_utils.Database:
    """Open (or create) a secbrowse database, migrated to the current schema.

    Raises StoreError with a user-facing message for a non-SQLite or corrupt
    file, a database from a newer secbrowse, or a missing file when create is False.
    """
    path = Path(path).expanduser()
    exists = path.exists()
    if exists:
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        _check_is_sqlite(path)
    elif not create:
        raise StoreError(f"no database at {path}")
    else:
        _make_private_folder(path.parent)
        path.touch(mode=0o600)
    try:
        uri = f"file:{path}?mode=ro" if readonly else str(path)
        conn = sqlite3.connect(uri, uri=readonly, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA busy_timeout = 30000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} is not a usable SQLite database ({error}); it was left untouched") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{path} was written by a newer secbrowse (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade secbrowse to open it"
        )
    if version < SCHEMA_VERSION:
        if readonly:
            conn.close()
            raise StoreError(f"{path} needs a schema upgrade; open it once without read-only mode")
        _migrate(conn, path, version)
    return sqlite_utils.Database(conn)


def _make_private_folder(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    if version > 0:
        backup = path.with_name(f"{path.name}.v{version}.bak")
        shutil.copy2(path, backup)
        os.chmod(backup, 0o600)
    for target in range(version, SCHEMA_VERSION):
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(MIGRATIONS[target]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target + 1}")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            conn.execute("ROLLBACK")
            raise StoreError(f"could not upgrade {path} to schema {target + 1}: {error}") from None


def _statements(script: str) -> list[str]:
    statements, current = [], []
    for line in script.splitlines():
        current.append(line)
        candidate = "\n".join(current).strip()
        if candidate and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            current = []
    return statements
