"""Shared fixtures: the seed gold facts, and databases built from the seeds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from store.ingest import ingest_paths
from store.schema import open_database

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD_PATH = Path(__file__).resolve().parent / "fixtures" / "seeds_gold.json"


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_db_file(tmp_path_factory) -> Path:
    """A database built once from the seeds; copy it before writing to it."""
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    db = open_database(path)
    summary = ingest_paths(db, [SEEDS])
    assert summary.added == 5 and not summary.failed
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


@pytest.fixture
def seeds_db(seeds_db_file, tmp_path):
    """A private, writable copy of the seeds database."""
    path = tmp_path / "seeds.db"
    shutil.copy(seeds_db_file, path)
    db = open_database(path)
    yield db
    db.conn.close()


@pytest.fixture
def empty_db(tmp_path):
    db = open_database(tmp_path / "empty.db")
    yield db
    db.conn.close()
