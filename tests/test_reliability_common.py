"""Helpers shared by the reliability tests (no tests here).

`assert_consistent` is the definition of "nothing half-written": SQLite's own
integrity check, the full-text index matching the articles exactly, and every
article owning its segments and event, with every child row pointing at an
article that exists, and the counts kept on entities and aliases matching
their mentions.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def assert_consistent(conn: sqlite3.Connection) -> int:
    """Check the whole database; returns the number of articles."""
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    # FTS5 index against its external content table (rank=1): raises if any
    # article lacks its full-text row, or a full-text row lacks its article.
    conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    conn.execute("INSERT INTO aliases_fts(aliases_fts, rank) VALUES ('integrity-check', 1)")
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0] == articles
    without_segments = conn.execute(
        "SELECT count(*) FROM articles a WHERE body != '' AND NOT EXISTS (SELECT 1 FROM segments s WHERE s.article_id = a.id)"
    ).fetchone()[0]
    assert without_segments == 0, "articles without their segments"
    without_event = conn.execute(
        "SELECT count(*) FROM articles a WHERE a.event_id IS NULL OR NOT EXISTS (SELECT 1 FROM events e WHERE e.id = a.event_id)"
    ).fetchone()[0]
    assert without_event == 0, "articles without their event"
    for table in ("segments", "mentions", "article_topics"):
        orphans = conn.execute(
            f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)"
        ).fetchone()[0]
        assert orphans == 0, f"{table} rows without their article"
    bad_offsets = conn.execute(
        """SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id
           WHERE m.start < 0 OR m.end > length(a.body) OR m.start >= m.end
              OR substr(a.body, m.start + 1, m.end - m.start) != m.surface"""
    ).fetchone()[0]
    assert bad_offsets == 0, "mentions whose offsets do not fall on their surface in the body"
    miscounted_aliases = conn.execute(
        """SELECT count(*) FROM aliases al WHERE al.mention_count !=
               (SELECT count(*) FROM mentions m WHERE m.entity_id = al.entity_id AND m.surface = al.alias)"""
    ).fetchone()[0]
    assert miscounted_aliases == 0, "aliases whose mention counts are not their mentions"
    miscounted_entities = conn.execute(
        """SELECT count(*) FROM entities e WHERE e.article_count !=
               (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id)"""
    ).fetchone()[0]
    assert miscounted_entities == 0, "entities whose article counts are not their articles"
    duplicates = conn.execute(
        "SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1)"
    ).fetchone()[0]
    assert duplicates == 0
    return articles


def cli_command(db: Path, *paths: os.PathLike[str] | str, workers: int = 1) -> list[str]:
    """`secbrowse --db DB ingest PATHS…` as a real subprocess command line."""
    return [sys.executable, "-m", "tui.cli", "--db", str(db), "ingest", *map(str, paths), "--workers", str(workers)]


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("SECBROWSE_DB", None)
    return env


def run_cli(db: Path, *paths: os.PathLike[str] | str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(db, *paths), cwd=ROOT, env=cli_env(), capture_output=True,
                          text=True, timeout=timeout)


def article_text(number: int, words: int = 40) -> str:
    """A small, unique, realistic article (entities, a date, a topic word)."""
    filler = " ".join(f"mot{(number * 7 + k) % 97}" for k in range(words))
    return (
        f"Rencontre numéro {number} à Rabat\n\n"
        f"Le directeur général Abdellatif Hammouchi a reçu lundi 3 juin 2024 à Rabat son homologue "
        f"italien Vittorio Pisani pour parler de terrorisme et de traite des êtres humains. "
        f"Jeton unique zq{number}xk. {filler}.\n\n"
        f"La coopération entre le Maroc et l'Italie se poursuit, a indiqué la DGSN.\n"
    )
