"""Crash safety: `secbrowse ingest` killed at random moments leaves only whole articles.

A real subprocess (`python -m tui.cli --db F ingest DIR`) is killed with
SIGKILL many times, at moments chosen by polling the database's article count
(so the kills land all through a run: while the database is being created,
between articles, in the middle of one). After every kill the database must
pass SQLite's integrity check and hold only whole articles: each with exactly
the segments, mentions and topics the pipeline gives its text, its event, and
its full-text row. Then a rerun completes the batch with no duplicates.

Ctrl-C (SIGINT) must stop after the current article with status 130 and the
summary printed.
"""

from __future__ import annotations

import datetime as dt
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from store.model import RawDocument
from store.pipeline import content_hash, process
from test_reliability_common import ROOT, article_text, assert_consistent, cli_command, cli_env

CORPUS_SIZE = 200
KILLS = 20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, tuple[int, int, int]]]:
    """A folder of small unique articles, and for each content hash the
    (segments, mentions, topics) counts the pipeline gives it."""
    folder = tmp_path_factory.mktemp("corpus")
    expected: dict[str, tuple[int, int, int]] = {}
    for number in range(CORPUS_SIZE):
        text = article_text(number, words=30 + number % 50)
        path = folder / f"{number:04d}.txt"
        path.write_text(text, encoding="utf-8")
        document = RawDocument(source=str(path), text=text)
        article = process(document, today=dt.date(2026, 11, 25))
        expected[content_hash(document)] = (len(article.segments), len(article.mentions), len(article.topics))
    return folder, expected


def _count(db: Path) -> int:
    """Articles committed so far (0 while the database does not exist yet)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return 0  # not created yet (the file appears atomically, but be lenient)


def _assert_whole_articles(db: Path, expected: dict[str, tuple[int, int, int]]) -> int:
    conn = sqlite3.connect(db)
    try:
        count = assert_consistent(conn)
        rows = conn.execute(
            """SELECT a.content_hash,
                      (SELECT count(*) FROM segments s WHERE s.article_id = a.id),
                      (SELECT count(*) FROM mentions m WHERE m.article_id = a.id),
                      (SELECT count(*) FROM article_topics t WHERE t.article_id = a.id)
               FROM articles a"""
        ).fetchall()
        for digest, segments, mentions, topics in rows:
            assert (segments, mentions, topics) == expected[digest], f"half-written article {digest[:12]}"
        unique_token = conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Rabat'"
        ).fetchone()[0]
        assert unique_token == count  # every article's full-text row is searchable
        return count
    finally:
        conn.close()


def _start(db: Path, folder: Path, workers: int = 1) -> subprocess.Popen:
    return subprocess.Popen(cli_command(db, folder, workers=workers), cwd=ROOT, env=cli_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_count(process: subprocess.Popen, db: Path, target: int, deadline: float) -> None:
    while process.poll() is None and time.monotonic() < deadline:
        if target <= 0 or _count(db) >= target:
            return
        time.sleep(0.002)  # polling interval, not a timing assumption


def test_sigkill_at_random_moments_leaves_only_whole_articles(tmp_path, corpus):
    folder, expected = corpus
    rng = random.Random(20261125)
    started = time.monotonic()
    databases: list[Path] = []
    db = None
    kills = landed = 0
    while kills < KILLS:
        if db is None or _count(db) >= CORPUS_SIZE - 20:
            db = tmp_path / f"crash{len(databases)}.db"
            databases.append(db)
        before = _count(db)
        # Kill either at once (database creation, listing) or after the count passes a random mark.
        target = 0 if rng.random() < 0.2 else before + rng.randint(1, 40)
        process = _start(db, folder, workers=rng.choice([1, 1, 2]))
        _wait_for_count(process, db, target, time.monotonic() + 20)
        for _ in range(rng.randint(0, 3)):  # a few more polls: land mid-article too
            _count(db)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            landed += 1
        process.communicate(timeout=30)
        kills += 1
        if db.exists():
            after = _assert_whole_articles(db, expected)
            assert after >= before
    assert landed >= KILLS * 3 // 4, "most kills must hit a running ingest"
    for db in databases:
        result = subprocess.run(cli_command(db, folder), cwd=ROOT, env=cli_env(), capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        assert _assert_whole_articles(db, expected) == CORPUS_SIZE
        assert result.stderr.splitlines()[-1].endswith("0 failed")


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_stops_after_the_current_article(tmp_path, corpus, workers):
    folder, expected = corpus
    db = tmp_path / "interrupted.db"
    process = _start(db, folder, workers=workers)
    _wait_for_count(process, db, 5, time.monotonic() + 30)
    assert process.poll() is None, "ingest finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr[-2000:]
    summary = stderr.splitlines()[-1]
    assert summary.endswith("(interrupted)") and "Traceback" not in stderr
    added = int(summary.split()[0])
    stored = _assert_whole_articles(db, expected)
    assert stored == added and 5 <= stored < CORPUS_SIZE
    rerun = subprocess.run(cli_command(db, folder), cwd=ROOT, env=cli_env(), capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0
    assert rerun.stderr.splitlines()[-1] == f"{CORPUS_SIZE - stored} added, {stored} already present, 0 failed"
    assert _assert_whole_articles(db, expected) == CORPUS_SIZE


def test_ctrl_c_in_process_keeps_the_current_article(empty_db, corpus, monkeypatch):
    """The signal arrives while an article is being processed: that article is still written whole."""
    import os

    from store import ingest

    folder, expected = corpus
    real_process = ingest.process
    calls = []

    def process_then_interrupt(document, **kwargs):
        calls.append(document.source)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGINT)
        return real_process(document, **kwargs)

    monkeypatch.setattr(ingest, "process", process_then_interrupt)
    summary = ingest.ingest_paths(empty_db, [folder])
    assert summary.interrupted and summary.added == 3
    assert assert_consistent(empty_db.conn) == 3
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler restored
