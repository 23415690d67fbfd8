"""Ingest end to end: the store's tables, de-duplication, one transaction per article."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

import pytest

from store.errors import StoreError
from store.ingest import ingest_paths
from store.schema import SCHEMA_VERSION, open_database
from conftest import SEEDS


def test_seeds_go_in_with_language_and_fts(seeds_db, gold):
    rows = seeds_db.conn.execute("SELECT source, lang, languages, title FROM articles ORDER BY id").fetchall()
    assert [os.path.basename(r[0]) for r in rows] == sorted(gold["articles"])
    for source, lang, languages, title in rows:
        expected = gold["articles"][os.path.basename(source)]
        assert lang == expected["lang"]
        assert title == expected["title"]
        assert json.loads(languages)[lang] > 0.5
    fts_rows = seeds_db.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert fts_rows == 5


def test_reingest_adds_nothing(seeds_db):
    summary = ingest_paths(seeds_db, [SEEDS])
    assert (summary.added, summary.already_present, summary.failed) == (0, 5, [])
    assert seeds_db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_same_text_under_another_name_or_encoding_is_a_duplicate(empty_db, tmp_path):
    text = (SEEDS / "000_5b0a82702caf0af1.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "c.txt").write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    summary = ingest_paths(empty_db, [tmp_path])
    assert (summary.added, summary.already_present) == (1, 2)


def test_failures_are_reported_and_the_rest_goes_in(empty_db, tmp_path):
    (tmp_path / "good.txt").write_text("Le directeur général de la police a reçu son homologue à Rabat.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    summary = ingest_paths(empty_db, [tmp_path, tmp_path / "missing.txt"])
    assert summary.added == 1
    assert sorted(f.reason for f in summary.failed) == ["empty file", "no such file or folder"]


def test_two_workers_give_the_same_database(tmp_path):
    one = open_database(tmp_path / "one.db")
    two = open_database(tmp_path / "two.db")
    ingest_paths(one, [SEEDS], workers=1)
    ingest_paths(two, [SEEDS], workers=2)
    query = "SELECT source, lang, title, body, boilerplate FROM articles ORDER BY id"
    assert one.conn.execute(query).fetchall() == two.conn.execute(query).fetchall()


def test_an_article_is_written_whole_or_not_at_all(empty_db, monkeypatch):
    from store import index

    def explode(self, article_id, article):
        raise RuntimeError("crash in the middle of an article")

    monkeypatch.setattr(index.ArticleWriter, "_insert_topics", explode)
    with pytest.raises(RuntimeError):
        from store.pipeline import process
        from store.read import iter_documents

        [doc] = [d for d in iter_documents([SEEDS / "000_5b0a82702caf0af1.txt"])]
        index.ArticleWriter(empty_db).write(process(doc))
    for table in ("articles", "segments", "mentions", "events", "articles_fts"):
        assert empty_db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_a_failed_article_leaves_the_rest_of_its_batch_whole(empty_db, monkeypatch):
    from store import index
    from store.pipeline import process
    from store.read import iter_documents
    from tests.test_reliability_common import assert_consistent

    first, second, third, fourth, fifth = [process(d) for d in iter_documents([SEEDS])]
    writer = index.ArticleWriter(empty_db, batch_size=100)
    kept = [writer.write(first), writer.write(second)]
    original = index.ArticleWriter._insert_topics

    def explode_on_third(self, article_id, article):
        if article is third:
            raise RuntimeError("crash in the middle of an article")
        original(self, article_id, article)

    monkeypatch.setattr(index.ArticleWriter, "_insert_topics", explode_on_third)
    with pytest.raises(RuntimeError):
        writer.write(third)
    kept += [writer.write(fourth), writer.write(fifth)]
    writer.flush()
    stored = {digest: article_id for article_id, digest in empty_db.conn.execute("SELECT id, content_hash FROM articles")}
    assert stored == {a.content_hash: i for a, i in zip((first, second, fourth, fifth), kept)}
    for article_id in kept:  # each whole: its mentions, topics and event are there
        assert empty_db.conn.execute("SELECT count(*) FROM mentions WHERE article_id = ?", (article_id,)).fetchone()[0]
        assert empty_db.conn.execute("SELECT event_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    assert_consistent(empty_db.conn)


def test_commits_come_early_then_in_growing_batches(empty_db, tmp_path, monkeypatch):
    """A reader sees the first articles at once; later batches double (fewer commits in a long run)."""
    from store import index
    from store.pipeline import process
    from store.read import iter_documents

    monkeypatch.setattr(index, "FIRST_BATCH_ARTICLES", 1)
    monkeypatch.setattr(index, "BATCH_SECONDS", 3600)
    monkeypatch.setattr(index, "FIRST_BATCH_SECONDS", 3600)
    articles = [process(d) for d in iter_documents([SEEDS])]
    writer = index.ArticleWriter(empty_db, batch_size=100)
    reader = sqlite3.connect(tmp_path / "empty.db")
    seen = []
    for article in articles:
        writer.write(article)
        seen.append(reader.execute("SELECT count(*) FROM articles").fetchone()[0])
    assert seen == [1, 1, 3, 3, 3]  # batches of 1, 2, then 4 (still open)
    writer.flush()
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_database_is_private_wal_and_versioned(tmp_path):
    path = tmp_path / "new" / "sub" / "s.db"
    db = open_database(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_non_sqlite_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my precious notes", encoding="utf-8")
    with pytest.raises(StoreError, match="not a secbrowse database"):
        open_database(path)
    assert path.read_text(encoding="utf-8") == "my precious notes"


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer secbrowse"):
        open_database(path)


def test_the_same_texts_give_the_same_database_whatever_the_hash_seed(tmp_path):
    """Entity contexts keep their most frequent tags, ties by name: with ties broken by insertion
    order, the tags kept depended on PYTHONHASHSEED (set iteration order)."""
    import subprocess
    import sys
    from pathlib import Path

    fixtures = Path(__file__).resolve().parent / "fixtures" / "heldout2"
    code = ("import sys, datetime; from store.schema import open_database; from store.ingest import ingest_paths; "
            "ingest_paths(open_database(sys.argv[1]), sys.argv[2:], today=datetime.date(2026, 1, 1))")
    contexts = []
    for seed in ("1", "2"):
        db = tmp_path / f"seed{seed}.db"
        subprocess.run([sys.executable, "-c", code, str(db), str(SEEDS), str(fixtures)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        contexts.append(sqlite3.connect(db).execute("SELECT key, context FROM entities ORDER BY key").fetchall())
    assert contexts[0] == contexts[1]
