"""The database file: private, never overwritten when it is not ours, migrated only after a backup."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import sys

import pytest

import store.schema as schema
from store.errors import StoreError
from store.ingest import ingest_paths
from store.schema import SCHEMA_VERSION, open_database
from test_reliability_common import ROOT, article_text, assert_consistent, cli_env


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_folder_and_wal_files_are_private(tmp_path):
    old = os.umask(0o022)  # a permissive umask must not matter
    try:
        path = tmp_path / "a" / "b" / "s.db"
        db = open_database(path)
        (tmp_path / "in.txt").write_text(article_text(1), encoding="utf-8")
        ingest_paths(db, [tmp_path / "in.txt"])
        for created in (path, path.with_name("s.db-wal"), path.with_name("s.db-shm")):
            assert created.exists() and _mode(created) == 0o600, created
        assert _mode(tmp_path / "a") == 0o700 and _mode(tmp_path / "a" / "b") == 0o700
        assert [p.name for p in path.parent.iterdir() if p.name.endswith(".new")] == []
        db.conn.close()
    finally:
        os.umask(old)


def _snapshot(path):
    return path.read_bytes() if path.is_file() else None


@pytest.mark.parametrize(
    "kind, message",
    [
        ("random", "not a secbrowse database (not an SQLite file)"),
        ("zero", "is an empty file"),
        ("truncated-page", "damaged SQLite database"),
        ("truncated-odd", "damaged SQLite database"),
        ("header-only", "damaged SQLite database"),
        ("foreign", "SQLite database of another program"),
        ("foreign-app-id", "SQLite database of another program"),
        ("folder", "is a folder"),
    ],
)
def test_a_file_that_is_not_a_whole_secbrowse_database_is_refused_and_untouched(tmp_path, kind, message):
    path = tmp_path / "given.db"
    if kind == "random":
        path.write_bytes(os.urandom(8192))
    elif kind == "zero":
        path.write_bytes(b"")
    elif kind.startswith("truncated") or kind == "header-only":
        db = open_database(tmp_path / "real.db")
        for number in range(30):
            (tmp_path / f"{number}.txt").write_text(article_text(number, words=300), encoding="utf-8")
        ingest_paths(db, [tmp_path])
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.close()
        data = (tmp_path / "real.db").read_bytes()
        page = int.from_bytes(data[16:18], "big")
        assert len(data) > 8 * page
        cut = {"truncated-page": (len(data) // page // 2) * page, "truncated-odd": len(data) // 2 + 17,
               "header-only": 60}[kind]
        path.write_bytes(data[:cut])
    elif kind == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
        conn.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
        conn.commit()
        conn.close()
    elif kind == "foreign-app-id":
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("CREATE TABLE articles (x)")
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
        conn.close()
    elif kind == "folder":
        path.mkdir()
    before = _snapshot(path)
    with pytest.raises(StoreError, match=re.escape(message)) as raised:
        open_database(path)
    assert "\n" not in str(raised.value)
    assert _snapshot(path) == before
    assert not path.with_name("given.db-wal").exists() or kind == "foreign"


def test_cli_refuses_a_bad_database_file_with_one_line_and_status_2(tmp_path):
    path = tmp_path / "photo.db"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4000))
    before = path.read_bytes()
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    for command in (["ingest", str(tmp_path / "a.txt")], ["export"], ["search", "Rabat"]):
        result = subprocess.run([sys.executable, "-m", "tui.cli", "--db", str(path), *command], cwd=ROOT,
                                env=cli_env(), capture_output=True, text=True, timeout=60)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.startswith("secbrowse: error: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_a_broken_symlink_as_database_is_not_followed_to_create_a_file(tmp_path):
    (tmp_path / "link.db").symlink_to(tmp_path / "elsewhere" / "target.db")
    with pytest.raises(StoreError, match="broken symbolic link"):
        open_database(tmp_path / "link.db")
    assert not (tmp_path / "elsewhere").exists()


def test_newer_schema_is_refused_with_the_versions_named(tmp_path):
    path = tmp_path / "future.db"
    open_database(path).conn.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=f"newer secbrowse \\(schema {SCHEMA_VERSION + 5}, this one knows {SCHEMA_VERSION}\\)"):
        open_database(path)
    assert path.read_bytes() == before


def test_missing_database_without_create(tmp_path):
    with pytest.raises(StoreError, match="no database at"):
        open_database(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_readonly_open_of_a_path_with_uri_characters(tmp_path):
    path = tmp_path / "odd ?#% name.db"
    open_database(path).conn.close()
    db = open_database(path, readonly=True)
    assert db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    with pytest.raises(sqlite3.OperationalError):
        db.conn.execute("INSERT INTO corrections (action, payload, created_at) VALUES ('x', '{}', 'now')")


def test_an_empty_sqlite_file_of_version_0_is_initialised(tmp_path):
    """Version 0 with no tables is a new database (e.g. made by `sqlite3 f.db VACUUM`): nothing to lose."""
    path = tmp_path / "blank.db"
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    conn.close()
    assert path.stat().st_size > 0
    db = open_database(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert not path.with_name("blank.db.v0.bak").exists()


# --------------------------------------------------------------------------- migrations


@pytest.fixture
def next_version(monkeypatch):
    """A harness that pretends this secbrowse knows one more schema version."""

    def install(migration: str) -> int:
        monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, migration])
        monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
        return SCHEMA_VERSION + 1

    return install


@pytest.fixture
def current_db_with_data(tmp_path):
    path = tmp_path / "old.db"
    db = open_database(path)
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(article_text(2), encoding="utf-8")
    assert ingest_paths(db, [tmp_path / "a.txt", tmp_path / "b.txt"]).added == 2
    # Leave the last article in the WAL only: the backup must include it.
    db.conn.execute("PRAGMA wal_autocheckpoint = 0")
    (tmp_path / "c.txt").write_text(article_text(3), encoding="utf-8")
    assert ingest_paths(db, [tmp_path / "c.txt"]).added == 1
    assert path.with_name("old.db-wal").stat().st_size > 0
    yield path
    db.conn.close()


def test_an_older_database_is_backed_up_then_migrated(current_db_with_data, next_version):
    path = current_db_with_data
    new_version = next_version("ALTER TABLE articles ADD COLUMN note TEXT; CREATE TABLE extra (id INTEGER PRIMARY KEY);")
    db = open_database(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == new_version
    assert "note" in {row[1] for row in db.conn.execute("PRAGMA table_info(articles)")}
    backup = path.with_name(f"old.db.v{SCHEMA_VERSION}.bak")
    assert _mode(backup) == 0o600
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert copy.execute("SELECT count(*) FROM articles").fetchone()[0] == 3  # WAL content included
    assert "note" not in {row[1] for row in copy.execute("PRAGMA table_info(articles)")}
    assert_consistent(copy)
    copy.close()
    assert assert_consistent(db.conn) == 3


def test_a_failing_migration_leaves_the_database_as_it_was_and_the_backup_written(current_db_with_data, next_version):
    path = current_db_with_data
    next_version("CREATE TABLE extra (id INTEGER PRIMARY KEY); THIS IS NOT SQL;")
    with pytest.raises(StoreError, match=f"could not upgrade .* to schema {SCHEMA_VERSION + 1}"):
        open_database(path)
    backup = path.with_name(f"old.db.v{SCHEMA_VERSION}.bak")
    assert backup.exists()  # written before the migration ran
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "extra" not in {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert assert_consistent(conn) == 3
    conn.close()


def test_a_database_that_cannot_be_backed_up_is_not_migrated(current_db_with_data, next_version, monkeypatch):
    path = current_db_with_data
    next_version("CREATE TABLE extra (id INTEGER PRIMARY KEY);")

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(schema, "_backup", no_space)
    with pytest.raises(StoreError, match="could not back up .*No space left"):
        open_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_two_processes_migrating_at_once_run_the_migration_once(current_db_with_data, next_version):
    """The version is re-read inside the migration's write transaction."""
    path = current_db_with_data
    next_version("CREATE TABLE extra (id INTEGER PRIMARY KEY);")
    first = sqlite3.connect(path, isolation_level=None)
    schema._apply_migrations(first, path, SCHEMA_VERSION)  # "the other process" got there first
    first.close()
    schema._apply_migrations(sqlite3.connect(path, isolation_level=None), path, SCHEMA_VERSION)  # no "already exists"


def test_readonly_open_does_not_migrate(current_db_with_data, next_version):
    next_version("CREATE TABLE extra (id INTEGER PRIMARY KEY);")
    with pytest.raises(StoreError, match="needs a schema upgrade"):
        open_database(current_db_with_data, readonly=True)


def test_a_version_1_database_gets_the_language_index(current_db_with_data):
    """Schema 2 adds articles(lang, published): a database of schema 1 is backed up and migrated."""
    path = current_db_with_data
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX articles_lang_published")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    db = open_database(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    indexes = {row[1] for row in db.conn.execute("PRAGMA index_list(articles)")}
    assert "articles_lang_published" in indexes
    assert db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert path.with_name("old.db.v1.bak").exists()
    plan = " ".join(row[3] for row in db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE lang = 'de' ORDER BY published DESC LIMIT 5"))
    assert "articles_lang_published" in plan and "TEMP B-TREE" not in plan
