"""Facet counts, and `secbrowse search --facets / --json` for scripts."""

from __future__ import annotations

import json
import shutil

import pytest

from store.facets import facets
from store.schema import open_database
from store.search import search
from tui.cli import main

from test_search import fill


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "hand.db"
    db = open_database(path)
    fill(db)
    db.conn.close()
    return path


def test_facets_count_the_whole_result_when_small(db_file):
    db = open_database(db_file)
    counts = facets(db, search(db, "Pisani"))
    assert counts.exact and counts.articles == 2
    assert {v.value for v in counts.languages} == {"fr", "nl"}
    assert {v.label for v in counts.entities} >= {"Vittorio Pisani (person)", "Rabat (location)"}
    assert counts.as_dict()["years"] == [{"value": "2024", "label": "2024", "count": 2}]


def test_facets_of_no_match_are_empty(db_file):
    db = open_database(db_file)
    counts = facets(db, search(db, "zzzyyy"))
    assert counts.articles == 0 and counts.languages == [] and counts.entities == []


def test_cli_json_hits_and_exit_statuses(db_file, capsys):
    assert main(["--db", str(db_file), "search", "hamushi", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {h["article_id"] for h in hits} == {1, 2, 3, 4}
    assert all({"article_id", "event_id", "score", "snippet"} <= set(h) for h in hits)
    assert main(["--db", str(db_file), "search", "zzzyyy", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", str(db_file), "search", "colour:red", "--json"]) == 2
    err = capsys.readouterr().err
    assert "unknown filter 'colour:'" in err and "Traceback" not in err
    assert main(["--db", str(db_file), "search", "after:someday"]) == 2
    assert "after: takes a date" in capsys.readouterr().err


def test_cli_facets_json(db_file, capsys):
    assert main(["--db", str(db_file), "search", "human trafficking", "--json", "--facets"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {h["article_id"] for h in data["hits"]} == {1, 2, 3}
    assert {v["value"]: v["count"] for v in data["facets"]["languages"]} == {"fr": 1, "nl": 1, "de": 1}
    assert data["facets"]["topics"][0] == {"value": "human_trafficking", "label": "human trafficking", "count": 3}
    assert data["interpreted_as"][0]["id"] == "human_trafficking"


def test_cli_facets_text_and_notes(db_file, capsys):
    assert main(["--db", str(db_file), "search", "lang:nl", "--facets"]) == 0
    captured = capsys.readouterr()
    assert "languages: nl 1" in captured.out
    assert main(["--db", str(db_file), "search", "person:Nobody"]) == 1
    assert "no person known as 'Nobody'" in capsys.readouterr().err


def test_cli_on_the_seeds(seeds_db_file, tmp_path, capsys):
    path = tmp_path / "s.db"
    shutil.copy(seeds_db_file, path)
    assert main(["--db", str(path), "search", "lang:fr", "--json", "--facets"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hits"] and all(h["lang"] == "fr" for h in data["hits"])
    assert data["facets"]["languages"][0]["value"] == "fr"
