"""`secbrowse reindex`: the pipeline runs again over stored articles, corrections win, nothing is lost."""

from __future__ import annotations

import io
import json

from store import corrections
from store.export import write_export
from store.reindex import reindex
from tests.test_reliability_common import assert_consistent
from tui.cli import main


def _export(db) -> dict:
    out = io.StringIO()
    write_export(db, out)
    return json.loads(out.getvalue())


def _groups(db) -> list[list[str]]:
    """Events as sorted lists of their articles' content hashes (ids of events change)."""
    groups: dict[int, list[str]] = {}
    for event_id, digest in db.conn.execute("SELECT event_id, content_hash FROM articles"):
        groups.setdefault(event_id, []).append(digest)
    return sorted(sorted(g) for g in groups.values())


def _entity_names(db, article_id: int) -> set[str]:
    return {row[0] for row in db.conn.execute(
        "SELECT DISTINCT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?",
        (article_id,))}


def test_reindex_rebuilds_what_ingest_built(seeds_db, gold):
    fts = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Hammouchi OR Rabat'"
    found = seeds_db.conn.execute(fts).fetchone()[0]
    before_groups = _groups(seeds_db)
    before = _export(seeds_db)
    summary = reindex(seeds_db)
    assert summary.articles == 5 and not summary.interrupted
    after = _export(seeds_db)
    assert _groups(seeds_db) == before_groups
    kept = lambda export: [(a["text"], a["lang"], a["languages"], a["published"]) for a in export["articles"]]
    assert kept(after) == kept(before)
    entities = lambda export: {(e["kind"], e["name"], tuple(sorted(e["aliases"]))) for e in export["entities"]}
    assert entities(after) == entities(before)
    assert summary.events == len(gold["events"])
    # the full-text index still finds the articles
    assert seeds_db.conn.execute(fts).fetchone()[0] == found > 0
    assert_consistent(seeds_db.conn)


def test_entity_corrections_survive_reindex(seeds_db):
    db = seeds_db
    pisani = db.conn.execute("SELECT id FROM entities WHERE name = 'Vittorio Pisani'").fetchone()[0]
    wern = db.conn.execute("SELECT id FROM entities WHERE name = 'Mikael Wern'").fetchone()[0]
    corrections.merge_entities(db, pisani, wern)
    corrections.rename_entity(db, pisani, "Vittorio Pisani (Polizia)")
    [(mahmoud,)] = db.conn.execute("SELECT id FROM entities WHERE name LIKE 'Mahmoud%'").fetchall()
    corrections.reject_entity(db, mahmoud)
    hammouchi = db.conn.execute("SELECT id FROM entities WHERE name = 'Abdellatif Hammouchi'").fetchone()[0]
    corrections.split_entity(db, hammouchi, "Al-Hamouchi")

    reindex(db)

    names = {row[0] for row in db.conn.execute("SELECT name FROM entities WHERE article_count > 0")}
    assert "Vittorio Pisani (Polizia)" in names
    assert "Mikael Wern" not in names and not any(name.startswith("Mahmoud") for name in names)
    split = db.conn.execute("SELECT name, article_count FROM entities WHERE key LIKE '%#split:Al-Hamouchi'").fetchone()
    assert split is not None and split[0] == "Al-Hamouchi" and split[1] > 0
    hammouchi_aliases = {row[0] for row in db.conn.execute(
        "SELECT a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE e.name = 'Abdellatif Hammouchi'")}
    assert "Al-Hamouchi" not in hammouchi_aliases and "Hammouchi" in hammouchi_aliases
    assert_consistent(db.conn)


def _event_of(db, article_id: int) -> int:
    return db.conn.execute("SELECT event_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


def test_event_corrections_survive_reindex(seeds_db):
    db = seeds_db
    a, b, c = 1, 3, 4  # three articles of different events
    corrections.merge_events(db, _event_of(db, a), _event_of(db, b))
    corrections.move_article(db, c, _event_of(db, a))
    corrections.split_event(db, _event_of(db, a), [a])
    corrected = _groups(db)

    summary = reindex(db)

    assert summary.corrections_replayed == 3
    assert _groups(db) == corrected
    assert _event_of(db, b) == _event_of(db, c) != _event_of(db, a)
    for event_id, count in db.conn.execute("SELECT id, article_count FROM events"):
        assert count == db.conn.execute("SELECT count(*) FROM articles WHERE event_id = ?", (event_id,)).fetchone()[0] > 0


def test_interrupted_reindex_changes_nothing(seeds_db):
    before = _export(seeds_db)
    summary = reindex(seeds_db, should_stop=lambda: True)
    assert summary.interrupted
    assert _export(seeds_db) == before


def test_workers_give_the_same_result(seeds_db_file, tmp_path):
    import shutil

    from store.schema import open_database

    results = []
    for workers in (1, 2):
        path = tmp_path / f"w{workers}.db"
        shutil.copy(seeds_db_file, path)
        db = open_database(path)
        reindex(db, workers=workers)
        results.append(_export(db))
        db.conn.close()
    assert results[0] == results[1]


def test_cli_reindex(seeds_db_file, tmp_path, capsys):
    import shutil

    path = tmp_path / "s.db"
    shutil.copy(seeds_db_file, path)
    assert main(["--db", str(path), "reindex"]) == 0
    assert "5 articles re-extracted" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "missing.db"), "reindex"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("secbrowse: error:") and "Traceback" not in error
