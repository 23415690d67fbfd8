"""The command line: ingest, search, export, first run — through `main()` and a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tui.cli import main
from conftest import SEEDS


def test_export_has_the_contract_shape(seeds_db_file, capsys):
    assert main(["--db", str(seeds_db_file), "export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"articles", "entities", "topics", "events"}
    article = data["articles"][0]
    assert {"id", "source", "title", "lang", "languages", "published", "event_id", "text"} <= set(article)
    assert len(data["articles"]) == 5
    for article in data["articles"]:
        assert isinstance(article["languages"], dict)
        assert article["published"] is None or len(article["published"]) == 10
    for event in data["events"]:
        assert {"id", "title", "date_start", "date_end", "place", "participant_ids", "article_ids", "topic_ids"} <= set(event)
    for entity in data["entities"]:
        assert entity["kind"] in {"person", "organization", "location"}
        assert {"id", "name", "aliases", "article_ids"} <= set(entity)


@pytest.mark.parametrize(
    "query, expected_lang",
    [
        ("securite", "fr"),           # diacritic folding: finds sécurité
        ("SÉCURITÉ", "fr"),           # case folding
        ('"traite des etres humains"', "fr"),  # phrase
        ("Sicherheitskoop*", "de"),   # prefix
    ],
)
def test_search_json(seeds_db_file, capsys, query, expected_lang):
    assert main(["--db", str(seeds_db_file), "search", query, "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all({"article_id", "event_id", "score", "snippet"} <= set(h) for h in hits)
    assert expected_lang in {h["lang"] for h in hits}
    assert any("«" in h["snippet"] and "»" in h["snippet"] for h in hits)


def test_search_no_match_exits_1_and_bad_query_exits_2(seeds_db_file, capsys):
    assert main(["--db", str(seeds_db_file), "search", "zzzyyyxxx", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", str(seeds_db_file), "search", '"unclosed', "--json"]) == 2
    assert "unclosed quote" in capsys.readouterr().err
    assert main(["--db", str(seeds_db_file), "search", "(a OR", "--json"]) == 2


def test_search_on_a_missing_database_is_a_clear_error(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "nope.db"), "search", "x"]) == 2
    assert "no database at" in capsys.readouterr().err
    assert not (tmp_path / "nope.db").exists()


def test_ingest_summary_and_exit_status(tmp_path, capsys):
    db = tmp_path / "cli.db"
    (tmp_path / "bad.txt").write_bytes(b"")
    assert main(["--db", str(db), "ingest", str(SEEDS)]) == 0
    assert "5 added, 0 already present, 0 failed" in capsys.readouterr().err
    assert main(["--db", str(db), "ingest", str(SEEDS), str(tmp_path / "bad.txt")]) == 1
    err = capsys.readouterr().err
    assert "0 added, 5 already present, 1 failed" in err
    assert "bad.txt: empty file" in err


def test_first_run_builds_the_default_database_from_the_installed_seeds(tmp_path):
    """`secbrowse` run from another folder builds the default database from the bundled seeds."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    env.pop("SECBROWSE_DB", None)
    script = (
        "import sys; from tui import app, cli\n"
        "app.SecbrowseApp.run = lambda self: None\n"  # no terminal here: build the database, skip the screen
        "sys.exit(cli.main([]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    database = tmp_path / "data" / "secbrowse" / "secbrowse.db"
    assert database.exists()
    assert "5 added" in done.stderr
    out = subprocess.run([sys.executable, "-m", "tui.cli", "--db", str(database), "export"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=120)
    assert len(json.loads(out.stdout)["articles"]) == 5


def test_ingest_of_a_folder_without_articles_says_what_it_looked_for(tmp_path, capsys):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "meeting.jpg").write_bytes(b"\xff\xd8\xff")
    assert main(["--db", str(tmp_path / "x.db"), "ingest", str(folder)]) == 0
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "no article files found" in said and ".txt" in said and ".jsonl" in said
    assert "0 added, 0 already present, 0 failed" in said
