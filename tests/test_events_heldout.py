"""Event grouping and event dates on a held-out-style set (tests/fixtures/events_heldout).

33 short articles in fr, nl, de, en, es, it, pt and ar forming 13 events, with
traps: the same two chiefs meeting again months later (E01/E02, E03/E06), two
meetings of the host on the same day (E03/E04), background mentions of past
meetings (E02, E06, E13), relative dates ("gisteren", "ayer martes", "أمس"),
publication dates in header lines or JSONL metadata or nowhere. The gold
(tests/fixtures/events_heldout/gold.json) was written before running the code.

Run with -s to see the figures: B-cubed precision/recall/F1 of the grouping,
the share of events whose stored start date is exact, and the same per article.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from store.ingest import ingest_paths
from store.schema import open_database

HERE = Path(__file__).resolve().parent / "fixtures" / "events_heldout"
GOLD = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 25)

# Floors actually reached (see the printed figures); raise them when the numbers improve.
MIN_F1 = 0.97  # reached: 1.000 (0.961 before the end-of-run regrouping and country cosine)
MIN_EVENT_DATES = 0.95  # reached: 100%
MIN_ARTICLE_DATES = 0.95  # reached: 100% (97% before the relative-word-in-range rule)
MIN_F1_FIRST_PASS = 0.95  # reached: 0.977 — runs too large to regroup keep the first pass


def _article_files() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.suffix in (".txt", ".jsonl"))


def _ingest(tmp: Path, name: str, files: list[Path]):
    db = open_database(tmp / f"{name}.db")
    summary = ingest_paths(db, [str(p) for p in files], today=TODAY)
    assert not summary.failed, summary.failed
    assert summary.added == sum(len(e["articles"]) for e in GOLD["events"].values())
    return db


def _key(source: str) -> str:
    return source if source.startswith("http") else os.path.basename(source)


def _rows(db) -> dict[str, dict]:
    rows = db.conn.execute(
        """SELECT a.source, a.event_id, a.date_start, a.weekday, e.date_start, e.date_end
           FROM articles a LEFT JOIN events e ON e.id = a.event_id""").fetchall()
    return {_key(r[0]): dict(event=r[1], start=r[2], weekday=r[3], event_start=r[4], event_end=r[5]) for r in rows}


def bcubed(gold: dict[str, str], predicted: dict[str, object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster label)."""
    gold_members: dict[str, set[str]] = {}
    pred_members: dict[object, set[str]] = {}
    for item, label in gold.items():
        gold_members.setdefault(label, set()).add(item)
        pred_members.setdefault(predicted[item], set()).add(item)
    p = r = 0.0
    for item in gold:
        g, q = gold_members[gold[item]], pred_members[predicted[item]]
        both = len(g & q)
        p += both / len(q)
        r += both / len(g)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(db) -> dict:
    rows = _rows(db)
    gold_of = {a: label for label, e in GOLD["events"].items() for a in e["articles"]}
    assert set(rows) == set(gold_of), set(rows) ^ set(gold_of)
    p, r, f1 = bcubed(gold_of, {a: rows[a]["event"] for a in gold_of})
    exact_events, wrong_events = 0, []
    for label, event in GOLD["events"].items():
        ids = [rows[a]["event"] for a in event["articles"]]
        main = max(set(ids), key=ids.count)
        got = next(rows[a] for a in event["articles"] if rows[a]["event"] == main)
        if (got["event_start"], got["event_end"]) == (event["date_start"], event["date_end"]):
            exact_events += 1
        else:
            wrong_events.append((label, got["event_start"], got["event_end"]))
    exact_articles, wrong_articles = 0, []
    for article, want in GOLD["article_dates"].items():
        got = rows[article]["start"]
        want_weekday = GOLD["article_weekdays"].get(article)
        if got == want and (want is not None or rows[article]["weekday"] == want_weekday):
            exact_articles += 1
        else:
            wrong_articles.append((article, want, got, rows[article]["weekday"]))
    groups: dict[object, list[str]] = {}
    for a in sorted(rows):
        groups.setdefault(rows[a]["event"], []).append(f"{gold_of[a]}:{a.rsplit('/', 1)[-1]}")
    return dict(precision=p, recall=r, f1=f1,
                event_dates=exact_events / len(GOLD["events"]), wrong_events=wrong_events,
                article_dates=exact_articles / len(GOLD["article_dates"]), wrong_articles=wrong_articles,
                groups=sorted(groups.values()))


@pytest.fixture(scope="module")
def heldout_db(tmp_path_factory):
    db = _ingest(tmp_path_factory.mktemp("heldout"), "sorted", _article_files())
    yield db
    db.conn.close()


def test_heldout_grouping_and_dates(heldout_db):
    m = evaluate(heldout_db)
    print(f"\nheld-out events: B-cubed P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}; "
          f"exact event dates {m['event_dates']:.1%}; exact article dates {m['article_dates']:.1%}")
    for group in m["groups"]:
        print("  group:", ", ".join(group))
    for wrong in m["wrong_events"]:
        print("  wrong event date:", wrong)
    for wrong in m["wrong_articles"]:
        print("  wrong article date:", wrong)
    assert m["f1"] >= MIN_F1
    assert m["event_dates"] >= MIN_EVENT_DATES
    assert m["article_dates"] >= MIN_ARTICLE_DATES


def _partition(db) -> set[frozenset[str]]:
    groups: dict[object, set[str]] = {}
    for article, row in _rows(db).items():
        groups.setdefault(row["event"], set()).add(article)
    return {frozenset(g) for g in groups.values()}


def test_heldout_grouping_does_not_depend_on_ingest_order(heldout_db, tmp_path):
    """Same articles, reversed order (JSONL lines reversed too) → the same events."""
    reversed_feed = tmp_path / "feed_reversed.jsonl"
    lines = (HERE / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    reversed_feed.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    files = [p for p in _article_files() if p.suffix == ".txt"]
    copies = []
    for p in reversed(files):
        copy = tmp_path / p.name
        shutil.copy(p, copy)
        copies.append(copy)
    db = _ingest(tmp_path, "reversed", [reversed_feed, *copies])
    try:
        assert _partition(db) == _partition(heldout_db)
    finally:
        db.conn.close()


def test_heldout_first_pass_alone(tmp_path, monkeypatch):
    """Runs above REGROUP_LIMIT keep the grouping made article by article: still good."""
    import store.event_store as event_store

    monkeypatch.setattr(event_store, "REGROUP_LIMIT", -1)
    db = _ingest(tmp_path, "first_pass", _article_files())
    try:
        m = evaluate(db)
        print(f"\nfirst pass only: B-cubed P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
        assert m["f1"] >= MIN_F1_FIRST_PASS
    finally:
        db.conn.close()
