"""Smoke test of the benchmark (tests/perf/bench.py) at a tiny size: every figure is there and sane.

It checks that the report is complete, not that targets are met: timings at
N=300 on a CI machine say nothing about N=1,000,000.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _positive(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def test_bench_smoke(tmp_path):
    report_path = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "tests.perf.bench", "--n", "300", "--out", str(tmp_path / "work"),
         "--rows", "5", "--repeats", "1", "--app-runs", "1", "--json-out", str(report_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(report_path.read_text())
    assert "search p95" in proc.stdout  # the table was printed

    corpus = report["corpus"]
    assert corpus["n"] == 300 and _positive(corpus["raw_bytes"])
    assert 2000 < corpus["mean_bytes"] < 4500  # about 3 KB per article
    assert len(corpus["langs"]) == 7
    files = sorted((tmp_path / "work" / "corpus" / "files").rglob("*.txt"))
    assert len(files) == 300
    assert len((tmp_path / "work" / "corpus" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()) == 300

    ingest = report["ingest"]
    for workers in ("workers_1", "workers_2"):
        figures = ingest[workers]
        assert figures["added"] == 300 and figures["failed"] == 0, figures
        for key in ("seconds", "articles_per_s", "maxrss_self_mb", "db_bytes"):
            assert _positive(figures[key]), (workers, key, figures[key])
    assert _positive(ingest["workers_2"]["maxrss_children_mb"])  # the worker processes
    for key in ("db_bytes", "raw_bytes", "db_over_raw"):
        assert _positive(ingest[key]), key
    for key in ("articles_per_s", "fts_over_raw"):
        assert _positive(ingest["fts_floor"][key]), key

    grouping = report["grouping"]  # against the generator's own events (one to four articles each)
    assert grouping["articles"] == 300 and grouping["largest_true_event"] <= 4
    assert len((tmp_path / "work" / "corpus" / "events.txt").read_text().split()) == 300
    assert 0.8 <= grouping["bcubed_precision"] <= 1 and 0.6 <= grouping["bcubed_recall"] <= 1, grouping
    assert "event grouping, B-cubed precision" in proc.stdout

    search = report["search"]
    assert search["supported"] > 0
    assert len(search["queries"]) == search["supported"] + len(search["unsupported"]) + len(search["errors"])
    for key in ("p50_ms", "p95_ms", "p99_ms", "ratio_p95_vs_bare"):
        assert _positive(search[key]), key
    for key in ("p50_ms", "p95_ms", "p99_ms"):
        assert _positive(search["bare"][key]), key
    if isinstance(search["rg"], dict):  # ripgrep present (or installable)
        assert _positive(search["rg"]["median_ms"]) and _positive(search["rg_speedup"])
    else:
        assert search["rg"].startswith("n/a")
    # names in other spellings are part of the mix
    assert {"Hamouchi", "Hamoushi", "Al-Hamouchi"} <= {q["query"] for q in search["queries"]}

    app = report["app"]
    for who in ("app", "bare"):
        for key in ("first_frame_s", "settled_s", "maxrss_mb"):
            assert _positive(app[who][key]), (who, key)
    for key in ("first_frame_ratio", "settled_ratio", "memory_ratio"):
        assert _positive(app[key]), key
    move = app["move"]
    assert _positive(move.get("move_s")) or str(move.get("move", "")).startswith("n/a"), move

    names = {row["what"] for row in report["targets"]}
    assert {"ingest, 2 workers (articles/s)", "search p95 (ms)", "app peak memory (MB)"} <= names
