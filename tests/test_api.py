"""The typed query API the app reads through."""

from __future__ import annotations

import pytest

from store import api
from test_app import build_db
from test_app_scale import make_big_db


@pytest.fixture
def small(tmp_path):
    db = build_db(tmp_path / "small.db")
    yield db
    db.conn.close()


def test_overview(small):
    counts = api.overview(small)
    assert (counts.articles, counts.events) == (4, 3)


def test_events_page_newest_first_with_names(small):
    rows = api.events_page(small)
    assert [r.id for r in rows] == [3, 1, 2]
    rabat = rows[1]
    assert (rabat.place, rabat.counterpart, rabat.langs, rabat.article_count) == ("Rabat", "Italy", ("fr", "nl"), 2)


def test_keyset_pages_forward_and_backward(tmp_path):
    db = make_big_db(tmp_path / "big.db")
    first = api.events_page(db, limit=50)
    second = api.events_page(db, after=first[-1].key, limit=50)
    assert api.events_at(db, 50, limit=50) == second
    assert api.events_page(db, before=second[0].key, limit=50) == first
    assert api.events_at(db, 99_990, limit=50) == api.events_page(
        db, after=api.events_at(db, 99_989, limit=1)[0].key, limit=50)
    assert len(api.events_at(db, 99_990, limit=50)) == 10
    assert api.event_position(db, second[3].id) == 53
    db.conn.close()


def test_entity_filter(small):
    assert [r.id for r in api.events_page(small, entity_id=3)] == [1, 2]  # Rabat
    assert api.events_count(small, entity_id=3) == 2
    assert api.events_count(small) == 3
    assert api.event_position(small, 3, entity_id=3) is None


def test_event_detail_entities_topics(small):
    detail = api.event_detail(small, 1)
    assert [a.lang for a in detail.articles] == ["nl", "fr"]
    nl = detail.articles[0]
    assert nl.boilerplate.startswith("Lees meer")
    assert any(nl.body[m.start:m.end] == "Al-Hamouchi" and m.entity_id == 1 for m in nl.mentions)
    entities = api.event_entities(small, 1)
    hammouchi = next(e for e in entities if e.id == 1)
    assert hammouchi.kind == "person" and hammouchi.mentions >= 2
    assert "Al-Hamouchi" in hammouchi.aliases and hammouchi.name not in hammouchi.aliases
    assert {t.key for t in api.event_topics(small, 1)} == {"human_trafficking", "terrorism"}
    assert api.event_detail(small, 999) is None
    assert api.entity(small, 3).name == "Rabat"


def test_api_does_not_import_tui():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(api.__file__).read_text())
    names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not any(name.startswith("tui") for name in names)
