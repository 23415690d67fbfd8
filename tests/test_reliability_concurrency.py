"""Concurrent use: two ingests at once, and reading while an ingest writes.

SQLite in WAL mode lets readers go on while one writer writes; writers take
turns (BEGIN IMMEDIATE, a 30 s busy timeout, retries on SQLITE_BUSY), and the
writer re-checks each content hash inside its transaction, so two ingests of
overlapping folders store each text exactly once.
"""

from __future__ import annotations

import sqlite3
import subprocess
import time

import pytest

from test_reliability_common import ROOT, article_text, assert_consistent, cli_command, cli_env


def _folder(path, numbers):
    path.mkdir()
    for number in numbers:
        (path / f"{number:04d}.txt").write_text(article_text(number), encoding="utf-8")
    return path


def _summary(stderr: str) -> tuple[int, int, int]:
    added, _, present, _, _, failed, _ = stderr.splitlines()[-1].split(" ", 6)
    return int(added), int(present), int(failed)


def test_two_ingests_at_once_on_overlapping_folders(tmp_path):
    first = _folder(tmp_path / "a", range(0, 120))
    second = _folder(tmp_path / "b", range(60, 180))
    db = tmp_path / "shared" / "both.db"  # neither exists yet: both processes race to create it
    processes = [
        subprocess.Popen(cli_command(db, folder, workers=workers), cwd=ROOT, env=cli_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for folder, workers in ((first, 1), (second, 2))
    ]
    outputs = [process.communicate(timeout=180)[1] for process in processes]
    for process, stderr in zip(processes, outputs):
        assert process.returncode == 0, stderr[-2000:]
    summaries = [_summary(stderr) for stderr in outputs]
    assert [added + present for added, present, _ in summaries] == [120, 120]
    assert sum(added for added, _, _ in summaries) == 180
    conn = sqlite3.connect(db)
    assert assert_consistent(conn) == 180
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    leftovers = [p.name for p in db.parent.iterdir() if p.name.endswith(".new")]
    assert leftovers == []  # the creation temp files are gone


def test_a_reader_sees_consistent_counts_while_an_ingest_writes(tmp_path):
    folder = _folder(tmp_path / "in", range(150))
    db = tmp_path / "live.db"
    process = subprocess.Popen(cli_command(db, folder), cwd=ROOT, env=cli_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[int] = []
    reader = None
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            running = process.poll() is None
            if reader is None:
                if not db.exists():
                    time.sleep(0.005)  # polling for the file to appear
                    continue
                reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
            reader.execute("BEGIN")  # one snapshot for all the counts below
            articles = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
            fts = reader.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
            with_segments = reader.execute("SELECT count(DISTINCT article_id) FROM segments").fetchone()[0]
            with_event = reader.execute("SELECT count(*) FROM articles WHERE event_id IS NOT NULL").fetchone()[0]
            matches = reader.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Rabat'").fetchone()[0]
            reader.execute("COMMIT")
            assert articles == fts == with_segments == with_event == matches
            assert not seen or articles >= seen[-1]
            seen.append(articles)
            if not running:
                break
    finally:
        if process.poll() is None:
            process.kill()
        _, stderr = process.communicate(timeout=30)
        if reader is not None:
            reader.close()
    assert process.returncode == 0, stderr[-2000:]
    assert seen[-1] == 150
    assert len(set(seen)) >= 3, f"the reader should have seen the ingest in progress: {sorted(set(seen))}"


def test_a_write_retries_while_the_database_is_busy(empty_db, monkeypatch):
    from store import ingest

    attempts = []
    real_write = ingest.ArticleWriter.write

    def busy_twice(self, article):
        attempts.append(1)
        if len(attempts) <= 2:
            raise sqlite3.OperationalError("database is locked")
        return real_write(self, article)

    monkeypatch.setattr(ingest.ArticleWriter, "write", busy_twice)
    monkeypatch.setattr(ingest.time, "sleep", lambda seconds: None)
    from store.model import RawDocument
    from store.pipeline import process

    article = process(RawDocument("x.txt", article_text(1)))
    assert ingest._write_with_retry(ingest.ArticleWriter(empty_db), article) is not None
    assert len(attempts) == 3


def test_other_database_errors_are_not_retried(empty_db, monkeypatch):
    from store import ingest

    def broken(self, article):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(ingest.ArticleWriter, "write", broken)
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        ingest._write_with_retry(ingest.ArticleWriter(empty_db), object())


def test_a_writer_waits_for_another_writer_instead_of_failing(tmp_path):
    """A second connection holding the write lock only delays the ingest."""
    import threading

    from store.ingest import ingest_paths
    from store.schema import open_database

    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    db = open_database(tmp_path / "w.db")
    blocker = sqlite3.connect(tmp_path / "w.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    result = {}
    worker = threading.Thread(target=lambda: result.update(summary=ingest_paths(db, [tmp_path / "a.txt"])))
    worker.start()
    worker.join(timeout=0.5)  # still waiting on the lock (bounded wait, not a timing assumption)
    assert worker.is_alive()
    blocker.execute("COMMIT")
    worker.join(timeout=60)
    assert result["summary"].added == 1
    assert assert_consistent(db.conn) == 1
