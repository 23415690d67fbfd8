"""The user's known-entities file: its canonical names win; a broken file is a clear error."""

from __future__ import annotations

import pytest

from store.errors import StoreError
from store.ingest import ingest_paths
from store.schema import open_database
from conftest import SEEDS


def test_known_entity_name_wins_over_the_machine(tmp_path, monkeypatch):
    known = tmp_path / "entities.toml"
    known.write_text('[[person]]\nname = "Mahmut Demirtaş"\naliases = ["Mahmoud Demirtash"]\n', encoding="utf-8")
    monkeypatch.setenv("SECBROWSE_ENTITIES", str(known))
    db = open_database(tmp_path / "k.db")
    ingest_paths(db, [SEEDS / "004_162a686fc9923c99.txt"])
    names = {row[0] for row in db.conn.execute("SELECT name FROM entities WHERE kind = 'person'")}
    assert "Mahmut Demirtaş" in names and "Mahmoud Demirtash" not in names
    aliases = {row[0] for row in db.conn.execute(
        "SELECT alias FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE e.name = 'Mahmut Demirtaş'")}
    assert "Mahmoud Demirtash" in aliases


def test_broken_known_entities_file_is_a_clear_error_and_writes_nothing(tmp_path, monkeypatch):
    known = tmp_path / "entities.toml"
    known.write_text("[[person]\nname = ", encoding="utf-8")
    monkeypatch.setenv("SECBROWSE_ENTITIES", str(known))
    db = open_database(tmp_path / "k.db")
    with pytest.raises(StoreError, match="known-entities file"):
        ingest_paths(db, [SEEDS])
    assert db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
