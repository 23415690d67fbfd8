"""The SQLite database: opening it safely, its tables, and schema migrations.

The schema version lives in `PRAGMA user_version`. A database from a newer
secbrowse is refused; an older one is copied aside and then migrated.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import tempfile
import urllib.parse
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import StoreError

if TYPE_CHECKING:
    import sqlite_utils

SCHEMA_VERSION = 3
APPLICATION_ID = 0x53427257  # "SBrW" in PRAGMA application_id: this file is a secbrowse database
BUSY_TIMEOUT_S = 30.0  # how long a writer waits for another one before SQLITE_BUSY
# Prepared statements kept per connection. The writer runs many distinct
# statements (IN lists of every length); with Python's default of 128 its
# long UPDATEs were compiled again for every article.
STATEMENT_CACHE = 1024
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
        date_at INTEGER,  -- body offset of the expression the dates came from (locates the event's place)
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
        article_count INTEGER NOT NULL DEFAULT 0,
        context TEXT NOT NULL DEFAULT '{}'  -- JSON tag counts (domain:security, org:dgsn…) that tell namesakes apart
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
        date_key TEXT NOT NULL DEFAULT '',  -- the event's start date, else 'p' + its latest publication date
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
    # 1 → 2: filters by language list articles newest first from an index, not
    # by reading every article row (lang:de topic:… at 100k: 130 → 9 ms).
    """
    CREATE INDEX articles_lang_published ON articles(lang, published);
    """,
    # 2 → 3: an undated event's entity rows are keyed "p" + its latest publication
    # date, so the writer looks dated and undated candidates up in windows of
    # their own (at 251k articles the shared ±45-day window returned ~40 events
    # per entity, nearly all ruled out by their dates).
    """
    UPDATE event_entities SET date_key = 'p' || date_key
     WHERE date_key != '' AND event_id IN (SELECT id FROM events WHERE date_start IS NULL);
    """,
]
assert len(MIGRATIONS) == SCHEMA_VERSION


def _check_database_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is not a whole SQLite database."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError as error:
        raise StoreError(f"cannot open database {path}: {error.strerror or error}") from None
    if size == 0:
        raise StoreError(
            f"{path} is an empty file, not a secbrowse database; it was left untouched "
            "(remove it, or give another --db, to start a new database)"
        )
    if head[:16] != _SQLITE_MAGIC:
        raise StoreError(f"{path} is not a secbrowse database (not an SQLite file); it was left untouched")
    damaged = f"{path} is a damaged SQLite database (truncated or corrupt); it was left untouched"
    if len(head) < 100:
        raise StoreError(damaged)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1) or size % page_size:
        raise StoreError(damaged)
    pages = int.from_bytes(head[28:32], "big")
    header_size_valid = head[24:28] == head[92:96]
    if header_size_valid and size < pages * page_size:
        raise StoreError(damaged)


@contextmanager
def _private_umask():
    """Files and folders created inside are readable by the user only."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_S,
                               cached_statements=STATEMENT_CACHE)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_S,
                               cached_statements=STATEMENT_CACHE)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


class Database:
    """An open secbrowse database: its sqlite3 connection, and sqlite-utils on demand.

    The store's queries run on `conn` directly; `utils` gives sqlite-utils'
    table helpers where they are wanted. sqlite-utils is imported only then,
    because its import (click, dateutil, plugins) costs ~0.15 s of the app's start-up.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    @functools.cached_property
    def utils(self) -> "sqlite_utils.Database":
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()


def open_database(path: str | os.PathLike[str], *, create: bool = True, readonly: bool = False) -> Database:
    """Open (or create) a secbrowse database, migrated to the current schema.

    Raises StoreError with a user-facing message for a non-SQLite, empty,
    truncated or foreign file (never writing to it), a database from a newer
    secbrowse, or a missing file when create is False. A new database, its
    folder and its -wal/-shm files are readable by the user only.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if not path.exists():
        if path.is_symlink():
            raise StoreError(f"{path} is a broken symbolic link; it was left untouched")
        if not create or readonly:
            raise StoreError(f"no database at {path}")
        _create_database(path)
    _check_database_file(path)
    try:
        with _private_umask():  # SQLite copies the file's mode to -wal/-shm; belt and braces
            conn = _connect(path, readonly)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} is not a usable SQLite database ({error}); it was left untouched") from None
    refusal = None
    if application_id not in (0, APPLICATION_ID):
        refusal = f"{path} is an SQLite database of another program, not secbrowse; it was left untouched"
    elif version > SCHEMA_VERSION:
        refusal = (
            f"{path} was written by a newer secbrowse (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade secbrowse to open it"
        )
    elif ("articles" not in tables) if version > 0 else bool(tables):
        refusal = f"{path} is an SQLite database of another program, not secbrowse; it was left untouched"
    if refusal:
        conn.close()
        raise StoreError(refusal)
    try:
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreError(f"cannot open database {path}: {error}") from None
    if version < SCHEMA_VERSION:
        if readonly:
            conn.close()
            raise StoreError(f"{path} needs a schema upgrade; open it once without read-only mode")
        _migrate(conn, path, version)
    return Database(conn)


def _create_database(path: Path) -> None:
    """Build a new database beside `path`, then link it into place atomically.

    Nobody ever sees a half-made database: a crash leaves at most a hidden
    `.NAME.*.new` file, and two processes creating the same database at once
    both end up opening the one that was linked first.
    """
    with _private_umask():
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        conn = sqlite3.connect(temporary)
        try:
            _apply_migrations(conn, temporary_path, 0)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temporary, path)
    finally:
        for leftover in (temporary, temporary + "-wal", temporary + "-shm", temporary + "-journal"):
            try:
                os.unlink(leftover)
            except FileNotFoundError:
                pass


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a schema-`version` database is kept before it is migrated."""
    return path.with_name(f"{path.name}.v{version}.bak")


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """A consistent copy (WAL included) of the database, readable by the user only."""
    target = backup_path(path, version)
    with _private_umask():
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(handle)
    os.chmod(target, 0o600)
    copy = sqlite3.connect(str(target))
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    if version > 0:
        try:
            _backup(conn, path, version)
        except (OSError, sqlite3.DatabaseError) as error:
            conn.close()
            raise StoreError(
                f"could not back up {path} before upgrading it ({error}); it was left untouched"
            ) from None
    try:
        _apply_migrations(conn, path, version)
    except StoreError:
        conn.close()
        raise


def _apply_migrations(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Run each pending migration in its own transaction (re-checking the version inside it)."""
    for target in range(version, SCHEMA_VERSION):
        try:
            conn.execute("BEGIN IMMEDIATE")
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current > target:  # another process migrated it meanwhile
                conn.execute("COMMIT")
                continue
            for statement in _statements(MIGRATIONS[target]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target + 1}")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"could not upgrade {path} to schema {target + 1}: {error}") from None


def _statements(script: str) -> list[str]:
    """The SQL statements of a migration script, split where SQLite says one is complete."""
    statements, start = [], 0
    position = script.find(";")
    while position != -1:
        candidate = script[start:position + 1].strip()
        if sqlite3.complete_statement(candidate):
            statements.append(candidate)
            start = position + 1
        position = script.find(";", position + 1)
    rest = script[start:].strip()
    if rest and not rest.startswith("--"):
        statements.append(rest)
    return statements
