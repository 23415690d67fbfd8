"""secbrowse benchmark: ingest, search and app figures at N articles, in one run.

    .venv/bin/python -m tests.perf.bench                      # N=100,000 under /work/bench-out/n100000
    .venv/bin/python -m tests.perf.bench --n 1000000 --json-out /work/bench-out/n1000000.json
    .venv/bin/python -m tests.perf.bench --n 300 --out /tmp/b --rows 50 --repeats 1 --app-runs 1   # smoke

Steps (each figure lands in the JSON report given by --json-out, and in the table):
1. corpus — tests/perf/corpus.py writes N articles (files, 1,000 per folder, and JSONL);
   reused when OUT/corpus/corpus.json says it is complete for the same N and seed.
2. ingest — `store.ingest.ingest_paths` in a subprocess (tests/perf/drivers.py), with one
   worker over the first --single-worker-sample articles and with two workers over all N
   (that database is the one searched and opened below); articles/s, peak RSS of the
   process and of its workers, database size against the raw text; and the floor: a bare
   FTS5 table (unicode61 remove_diacritics 2) built from the same bodies.
3. search — a fixed query mix (words, phrases, prefixes, names in other spellings,
   booleans, filters) through `store.search.search(db, q, limit=50)`: p50/p95/p99; the
   bare FTS5 query for the same words (bm25 + snippet, LIMIT 50) on the same database;
   `rg -i -c` over the files. A query that raises QueryError is reported as unsupported.
   Then event grouping, scored against the events the generator wrote (OUT/corpus/events.txt):
   B-cubed precision and recall, events formed against events generated, the largest event.
4. app — `secbrowse --db DB` headless in a subprocess: time from process start to first
   frame and to settled screen, peak RSS, against a bare Textual app with one Label;
   then 1,000 presses of `j` (or `down`) on the event list, found by what exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from tests.perf.corpus import LEXICON_SIZE, CorpusGenerator, event_truth, generate  # noqa: E402

DEFAULT_OUT = Path("/work/bench-out")
TARGETS_AT = 1_000_000  # the targets are stated for this size


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- query mix ---------------------------------------------------------------------------

def query_mix(seed: int) -> list[dict]:
    """The fixed mix: what the user types, the bare FTS5 expression for its words, the rg pattern."""
    lexicon = CorpusGenerator(seed).lexicon
    rare_fr, rare_de = lexicon["fr"][LEXICON_SIZE // 2], lexicon["de"][LEXICON_SIZE - 10]
    common_en = lexicon["en"][0]

    def q(kind, query, fts=None, rg=None):
        return {"kind": kind, "query": query, "fts": fts, "rg": rg}

    w = lambda word: q("word", word, f'"{word}"', word)  # noqa: E731
    return [
        w("coopération"), w("police"), w("Europol"), w("delegation"), w("Zusammenarbeit"), w("laboratorio"),
        q("word (common, generated)", common_en, f'"{common_en}"', common_en),
        q("word (rare, generated)", rare_fr, f'"{rare_fr}"', rare_fr),
        q("word (rare, generated)", rare_de, f'"{rare_de}"', rare_de),
        q("prefix", "terror*", '"terror"*', "terror"),
        q("prefix", "Sicherheits*", '"Sicherheits"*', "Sicherheits"),
        q("phrase", '"trafic de drogue"', '"trafic de drogue"', "trafic de drogue"),
        q("phrase", '"human trafficking"', '"human trafficking"', "human trafficking"),
        q("phrase (common words)", '"de la"', '"de la"', "de la"),
        q("phrase", '"forensic science laboratory"', '"forensic science laboratory"', "forensic science laboratory"),
        q("name", "Hammouchi", '"Hammouchi"', "Hammouchi"),
        q("name (other spelling)", "Hamouchi", '"Hamouchi"', "Hamouchi"),
        q("name (other spelling)", "Hamoushi", '"Hamoushi"', "Hamoushi"),
        q("name (other spelling)", "Al-Hamouchi", '"Al Hamouchi"', "Al-Hamouchi"),
        q("name (two words)", "Abdellatif Hammouchi", '"Abdellatif" AND "Hammouchi"', "Abdellatif Hammouchi"),
        q("name (other spelling)", "Yesilgoz", '"Yesilgoz"', "Yesilgoz"),
        q("name (other spelling)", "Juergen Stock", '"Juergen" AND "Stock"', "Juergen Stock"),
        q("name (Arabic)", "حموشي", '"حموشي"', "حموشي"),
        q("boolean", "Europol OR Interpol", '"Europol" OR "Interpol"', None),
        q("boolean", "terrorisme NOT extradition", '"terrorisme" NOT "extradition"', None),
        q("boolean", "(Darmanin OR Faeser) AND migration", '("Darmanin" OR "Faeser") AND "migration"', None),
        q("filter", "lang:fr coopération", '"coopération"', None),
        q("filter", "topic:terrorism", None, None),
        q("filter", "after:2024-06 Hammouchi", '"Hammouchi"', None),
        q("filter", 'entity:"Vittorio Pisani"', '"Vittorio Pisani"', None),
        q("filter", "lang:de topic:human_trafficking", None, None),
        q("filter", "before:2021-01 Europol", '"Europol"', None),
    ]


# --- steps -------------------------------------------------------------------------------

def python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def run_driver(args: list[str], env_extra: dict | None = None, timeout: float | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.update(env_extra or {})
    env["BENCH_T0"] = repr(time.time())
    proc = subprocess.run([python(), "-m", "tests.perf.drivers", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"driver {args[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(lines[-1])


def _burn(loops: int) -> float:
    start, x = time.process_time(), 0
    for i in range(loops):
        x += i * i
    return time.process_time() - start


def parallel_capacity(loops: int = 5_000_000) -> dict:
    """How many cores' worth of CPU two busy processes really get here.

    The same pure-Python loop in one process, then in two at once: on two free
    cores both take as long as one (2.0 cores); on a host that time-shares the
    virtual CPUs they take twice as long (1.0). Ingest with two workers cannot
    beat this figure times the one-process rate.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        pool.map(_burn, [loops // 10] * 2)  # start both workers
        start = time.perf_counter()
        pool.map(_burn, [loops])
        one = time.perf_counter() - start
        start = time.perf_counter()
        pool.map(_burn, [loops, loops], chunksize=1)
        two = time.perf_counter() - start
    return {"one_process_s": one, "two_processes_s": two, "effective_cores": round(2 * one / two, 2)}


def sample_paths(files_dir: Path, n: int, sample: int) -> tuple[list[str], int]:
    """Paths covering the first `sample` articles: whole folders when possible."""
    folders = sorted(p for p in files_dir.iterdir() if p.is_dir())
    if sample >= n:
        return [str(files_dir)], n
    if sample >= 1000:
        take = folders[: sample // 1000]
        return [str(p) for p in take], sum(len(os.listdir(p)) for p in take)
    files = sorted(folders[0].iterdir())[:sample]
    return [str(p) for p in files], len(files)


def db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def step_ingest(out: Path, corpus: dict, n: int, sample: int, reuse: bool, deadline: float = 0) -> dict:
    files_dir = Path(corpus["files_dir"])
    result: dict = {}
    for workers, (paths, count) in ((1, sample_paths(files_dir, n, sample)), (2, ([str(files_dir)], n))):
        db = out / f"ingest_w{workers}.db"
        done_marker = out / f"ingest_w{workers}.json"
        if reuse and db.exists() and done_marker.exists():
            figures = json.loads(done_marker.read_text())
            figures["reused"] = True
            log(f"ingest workers={workers}: reused {db}")
        else:
            for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), done_marker):
                p.unlink(missing_ok=True)
            log(f"ingest workers={workers}: {count:,} articles → {db}")
            env = {"BENCH_INGEST_DEADLINE": str(deadline)} if deadline and workers == 2 else None
            figures = run_driver(["ingest", str(db), str(workers), *paths], env_extra=env)
            figures["articles"] = figures["added"] if figures.get("interrupted") else count
            figures["articles_per_s"] = figures["added"] / figures["seconds"]
            figures["db_bytes"] = db_bytes(db)
            done_marker.write_text(json.dumps(figures))
        log(f"  {figures['added']:,} added in {figures['seconds']:.1f} s = {figures['articles_per_s']:.0f} articles/s")
        result[f"workers_{workers}"] = figures
    result["db_path"] = str(out / "ingest_w2.db")
    result["db_bytes"] = result["workers_2"]["db_bytes"]
    added = result["workers_2"]["added"]
    result["partial"] = added < n  # stopped by --ingest-deadline: search and app run on what was stored
    result["articles_in_db"] = added
    result["raw_bytes"] = corpus["raw_bytes"] if added >= n else int(corpus["mean_bytes"] * added)
    result["db_over_raw"] = result["db_bytes"] / result["raw_bytes"]
    return result


def step_fts_floor(out: Path, db_path: str, raw_bytes: int) -> dict:
    """The floor: a bare FTS5 table over the same titles and bodies, INSERT … SELECT + optimize."""
    floor = out / "fts_floor.db"
    for p in (floor, Path(f"{floor}-wal"), Path(f"{floor}-journal")):
        p.unlink(missing_ok=True)
    conn = sqlite3.connect(floor)
    conn.execute(f"ATTACH DATABASE '{db_path}' AS src")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
    count = conn.execute("SELECT count(*) FROM src.articles").fetchone()[0]
    start = time.perf_counter()
    conn.execute("INSERT INTO t(rowid, title, body) SELECT id, coalesce(title, ''), body FROM src.articles")
    conn.execute("INSERT INTO t(t) VALUES ('optimize')")
    conn.commit()
    seconds = time.perf_counter() - start
    conn.execute("DETACH DATABASE src")
    conn.close()
    size = floor.stat().st_size
    floor.unlink()
    return {"articles": count, "seconds": seconds, "articles_per_s": count / seconds if seconds else None,
            "fts_bytes": size, "fts_over_raw": size / raw_bytes}


def step_grouping(db_path: str, corpus: dict) -> dict:
    """Event grouping against the generator's events: B-cubed precision and recall over the articles
    ingested from the corpus's files (article i is files/…/i.txt)."""
    truth = event_truth(Path(corpus["files_dir"]).parent, corpus["n"], corpus["seed"])
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    predicted: dict[int, int] = {}
    for source, event_id in conn.execute("SELECT source, event_id FROM articles"):
        stem = Path(source).stem
        if stem.isdigit() and int(stem) < len(truth):
            predicted[int(stem)] = event_id
    conn.close()
    if not predicted:
        return {"articles": 0}
    return bcubed(truth, predicted)


def bcubed(truth, predicted: dict[int, int]) -> dict:
    """B-cubed precision and recall of `predicted` (article -> event formed) against `truth`
    (article -> generated event), over the articles in `predicted`."""
    pairs = Counter((truth[i], e) for i, e in predicted.items())
    true_sizes = Counter(truth[i] for i in predicted)
    predicted_sizes = Counter(predicted.values())
    precision = sum(pairs[(truth[i], e)] / predicted_sizes[e] for i, e in predicted.items()) / len(predicted)
    recall = sum(pairs[(truth[i], e)] / true_sizes[truth[i]] for i, e in predicted.items()) / len(predicted)
    return {"articles": len(predicted), "true_events": len(true_sizes), "events": len(predicted_sizes),
            "largest_event": max(predicted_sizes.values()), "largest_true_event": max(true_sizes.values()),
            "bcubed_precision": precision, "bcubed_recall": recall}


def rg_paths(files_dir: str, articles_in_db: int | None) -> list[str]:
    """What ripgrep searches: the files of the articles in the database (all of them unless
    --ingest-deadline stopped the ingest early: then the first folders, which ingest read first)."""
    if not articles_in_db:
        return [files_dir]
    folders = sorted(p for p in Path(files_dir).iterdir() if p.is_dir())
    keep = math.ceil(articles_in_db / 1000)
    return [files_dir] if keep >= len(folders) else [str(p) for p in folders[:keep]]


def step_search(db_path: str, files_dir: str, seed: int, repeats: int, use_rg: bool,
                articles_in_db: int | None = None) -> dict:
    from store.errors import QueryError
    from store.schema import open_database
    from store.search import search

    db = open_database(Path(db_path), create=False)
    bare = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    bare_sql = ("SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 16) FROM articles_fts "
                "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT 50")
    queries = query_mix(seed)
    rg = shutil.which("rg") if use_rg else None
    targets = rg_paths(files_dir, articles_in_db)
    for item in queries:
        # search(): warm once, then `repeats` timed runs
        try:
            hits = search(db, item["query"], limit=50)
            times, cpu = [], []
            for _ in range(repeats):
                start, start_cpu = time.perf_counter(), time.process_time()
                hits = search(db, item["query"], limit=50)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            item.update(status="ok", hits=len(hits), ms=times, median_ms=statistics.median(times),
                        cpu_ms=cpu, cpu_median_ms=statistics.median(cpu))
        except QueryError as error:
            item.update(status="unsupported", reason=str(error))
        except Exception as error:  # noqa: BLE001 — a search bug is a finding, not a crash
            item.update(status="error", reason=f"{type(error).__name__}: {error}")
        if item["fts"]:
            bare.execute(bare_sql, (item["fts"],)).fetchall()
            times, cpu = [], []
            for _ in range(repeats):
                start, start_cpu = time.perf_counter(), time.process_time()
                rows = bare.execute(bare_sql, (item["fts"],)).fetchall()
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            item.update(bare_hits=len(rows), bare_ms=times, bare_median_ms=statistics.median(times),
                        bare_cpu_ms=cpu)
        if rg and item["rg"]:
            cmd = [rg, "-i", "-c", "-F", item["rg"], *targets]
            if not any(i.get("rg_ms") for i in queries):
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the cache
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            item["rg_ms"] = (time.perf_counter() - start) * 1000
        log(f"  {item['status']:<11} {item.get('median_ms') or 0:8.1f} ms  bare {item.get('bare_median_ms') or 0:8.1f} ms"
            f"  rg {item.get('rg_ms') or 0:8.0f} ms  {item['query']}")
    bare.close()
    db.conn.close()

    ok = [i for i in queries if i["status"] == "ok"]
    every = [t for i in ok for t in i["ms"]]
    every_cpu = [t for i in ok for t in i["cpu_ms"]]
    paired = [i for i in ok if "bare_ms" in i]
    result = {
        "queries": queries, "repeats": repeats,
        "supported": len(ok), "unsupported": [i["query"] for i in queries if i["status"] == "unsupported"],
        "errors": [f"{i['query']}: {i['reason']}" for i in queries if i["status"] == "error"],
        "p50_ms": percentile(every, 50), "p95_ms": percentile(every, 95), "p99_ms": percentile(every, 99),
        # CPU time of this process: what the figures would be on an idle machine (the machine is shared)
        "cpu_p50_ms": percentile(every_cpu, 50), "cpu_p95_ms": percentile(every_cpu, 95),
        "cpu_p99_ms": percentile(every_cpu, 99),
    }
    if paired:
        ours = [t for i in paired for t in i["ms"]]
        base = [t for i in paired for t in i["bare_ms"]]
        base_cpu = [t for i in paired for t in i["bare_cpu_ms"]]
        result["bare_cpu_p95_ms"] = percentile(base_cpu, 95)
        result["ratio_cpu_p95_vs_bare"] = (percentile([t for i in paired for t in i["cpu_ms"]], 95)
                                           / max(percentile(base_cpu, 95), 1e-3))
        result["bare"] = {"queries": len(paired), "p50_ms": percentile(base, 50), "p95_ms": percentile(base, 95),
                          "p99_ms": percentile(base, 99), "search_p95_ms_same_queries": percentile(ours, 95)}
        result["ratio_p95_vs_bare"] = percentile(ours, 95) / percentile(base, 95)
        result["ratio_p50_vs_bare"] = percentile(ours, 50) / percentile(base, 50)
        result["worst_ratio_vs_bare"] = max(((i["median_ms"] / i["bare_median_ms"], i["query"]) for i in paired
                                             if i["bare_median_ms"] > 0), default=None)
    with_rg = [i for i in ok if i.get("rg_ms")]
    if with_rg:
        result["rg"] = {"queries": len(with_rg), "median_ms": statistics.median(i["rg_ms"] for i in with_rg),
                        "search_median_ms_same_queries": statistics.median(i["median_ms"] for i in with_rg)}
        # how many times faster than rg: per query rg / search, the worst (smallest) and the median
        speedups = sorted((i["rg_ms"] / i["median_ms"], i["query"]) for i in with_rg if i["median_ms"] > 0)
        result["rg"]["speedup_min"] = speedups[0] if speedups else None
        result["rg"]["speedup_median"] = statistics.median(s for s, _ in speedups) if speedups else None
        result["rg_speedup"] = result["rg"]["median_ms"] / result["rg"]["search_median_ms_same_queries"]
    elif use_rg:
        result["rg"] = "n/a: ripgrep not installed and could not be installed"
    return result


def ensure_rg() -> bool:
    if shutil.which("rg"):
        return True
    log("ripgrep missing: trying apt-get install -y ripgrep")
    try:
        subprocess.run(["apt-get", "install", "-y", "ripgrep"], capture_output=True, timeout=300)
    except Exception:  # noqa: BLE001 — not root, no apt: the figure is skipped
        return False
    return shutil.which("rg") is not None


def step_app(db_path: str, small_db: str | None, runs: int, rows: int) -> dict:
    def median_of(mode_args: list[str], runs: int) -> dict:
        samples = [run_driver(mode_args, timeout=1800) for _ in range(runs)]
        out = dict(samples[-1])
        for key in ("first_frame_s", "settled_s", "import_s", "maxrss_at_paint_mb", "first_frame_cpu_s",
                    "settled_cpu_s"):
            values = [s[key] for s in samples if s.get(key) is not None]
            if values:
                out[key] = statistics.median(values)
        out["runs"] = runs
        return out

    log("app: bare Textual app")
    bare = median_of(["bare"], runs)
    log("app: secbrowse on the full database")
    app = median_of(["app", db_path, "--rows", "0"], runs)
    keep = lambda d: {k: v for k, v in d.items() if k.startswith(("move", "rows", "maxrss_after"))}  # noqa: E731
    result = {"bare": bare, "app": app}
    if rows:
        log(f"app: moving {rows} rows")
        result["move"] = keep(run_driver(["app", db_path, "--rows", str(rows)], timeout=3600))
        log(f"app: moving {rows} rows in a bare OptionList (floor)")
        result["move_bare"] = keep(run_driver(["bare-list", str(rows)], timeout=3600))
        if result["move"].get("move_s") and result["move_bare"].get("move_s"):
            result["move_ratio"] = result["move"]["move_s"] / result["move_bare"]["move_s"]
    result["first_frame_ratio"] = app["first_frame_s"] / bare["first_frame_s"]
    result["settled_ratio"] = app["settled_s"] / bare["settled_s"]
    if app.get("first_frame_cpu_s") and bare.get("first_frame_cpu_s"):
        result["first_frame_cpu_ratio"] = app["first_frame_cpu_s"] / bare["first_frame_cpu_s"]
    result["memory_ratio"] = app["maxrss_mb"] / bare["maxrss_mb"]
    if small_db:
        log("app: secbrowse on the small (single-worker) database, for memory growth")
        small = run_driver(["app", small_db, "--rows", "0"])
        result["app_small_db"] = {k: small[k] for k in ("first_frame_s", "settled_s", "maxrss_mb")}
    return result


# --- report ------------------------------------------------------------------------------

def targets(report: dict) -> list[dict]:
    ing, se, app = report.get("ingest", {}), report.get("search", {}), report.get("app", {})
    rows = []

    def add(name, value, target, ok, floor=None):
        rows.append({"what": name, "value": value, "target": target, "met": ok if value is not None else None,
                     "floor": floor})

    w2 = ing.get("workers_2", {}).get("articles_per_s")
    add("ingest, 2 workers (articles/s)", w2, ">= 1000", w2 is not None and w2 >= 1000,
        ing.get("fts_floor", {}).get("articles_per_s"))
    add("database / raw text", ing.get("db_over_raw"), "<= 3.0", (ing.get("db_over_raw") or 99) <= 3.0,
        ing.get("fts_floor", {}).get("fts_over_raw"))
    add("search p95 (ms)", se.get("p95_ms"), "<= 50", (se.get("p95_ms") or 1e9) <= 50,
        se.get("bare", {}).get("p95_ms"))
    add("search p95, CPU time (ms)", se.get("cpu_p95_ms"), "<= 50", (se.get("cpu_p95_ms") or 1e9) <= 50,
        se.get("bare_cpu_p95_ms"))
    add("search p95 / bare FTS5 p95", se.get("ratio_p95_vs_bare"), "<= 1.5", (se.get("ratio_p95_vs_bare") or 99) <= 1.5)
    rg = se.get("rg") if isinstance(se.get("rg"), dict) else {}
    add("ripgrep time / search time, median query", rg.get("speedup_median"), ">= 50",
        (rg.get("speedup_median") or 0) >= 50, rg.get("median_ms"))
    worst = rg.get("speedup_min")
    add("ripgrep time / search time, worst query" + (f" ({worst[1]})" if worst else ""),
        worst[0] if worst else None, ">= 50", bool(worst) and worst[0] >= 50)
    add("first frame / bare Textual", app.get("first_frame_ratio"), "<= 1.5", (app.get("first_frame_ratio") or 99) <= 1.5,
        app.get("bare", {}).get("first_frame_s"))
    add("first frame CPU time / bare Textual", app.get("first_frame_cpu_ratio"), "<= 1.5",
        (app.get("first_frame_cpu_ratio") or 99) <= 1.5, app.get("bare", {}).get("first_frame_cpu_s"))
    add("settled screen / bare Textual", app.get("settled_ratio"), "<= 1.5", (app.get("settled_ratio") or 99) <= 1.5)
    mem = app.get("app", {}).get("maxrss_mb")
    add("app peak memory (MB)", mem, "<= 250", (mem or 1e9) <= 250, app.get("bare", {}).get("maxrss_mb"))
    add("move 1,000 rows / bare OptionList", app.get("move_ratio"), "(no target)", None,
        app.get("move_bare", {}).get("move_s"))
    small = app.get("app_small_db", {}).get("maxrss_mb")
    if mem and small:
        add("app memory full DB / small DB", mem / small, "flat (<= 1.2)", mem / small <= 1.2)
    grouping = report.get("grouping", {})
    add("event grouping, B-cubed precision", grouping.get("bcubed_precision"), "(no target)", None)
    add("event grouping, B-cubed recall", grouping.get("bcubed_recall"), "(no target)", None)
    return rows


def fmt(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
    return str(value)


def print_table(report: dict) -> None:
    n = report["meta"]["n"]
    machine = report["meta"]["machine"]
    cores = [machine[k]["effective_cores"] for k in ("parallel_at_start", "parallel_at_end") if k in machine]
    print(f"\nsecbrowse benchmark · N={n:,} · {report['meta']['date']} · {machine['cpus']} CPUs, "
          f"two busy processes got {' then '.join(map(str, cores))} cores' worth")
    ing = report.get("ingest", {})
    if ing.get("partial"):
        print(f"PARTIAL: --ingest-deadline stopped the ingest at {ing['articles_in_db']:,} articles; "
              f"search and app figures are for a database of that size")
    if n != TARGETS_AT:
        print(f"(targets are stated for N={TARGETS_AT:,}; shown here for orientation)")
    print(f"{'what':<52} {'value':>10}  {'target':<28} {'met':<4} {'floor/bare':>10}")
    for row in report["targets"]:
        met = {True: "yes", False: "NO", None: "n/a"}[row["met"]]
        print(f"{row['what']:<52} {fmt(row['value']):>10}  {row['target']:<28} {met:<4} {fmt(row['floor']):>10}")
    ing, se, app = report.get("ingest", {}), report.get("search", {}), report.get("app", {})
    if ing:
        for w in ("workers_1", "workers_2"):
            f = ing[w]
            cpu = (f"; CPU {1000 * (f['cpu_self_s'] + f['cpu_children_s']) / max(f['added'], 1):.1f} ms/article"
                   if "cpu_self_s" in f else "")
            print(f"ingest {w}: {f['added']:,} articles in {f['seconds']:.1f} s = {f['articles_per_s']:.0f}/s{cpu}; "
                  f"peak RSS main {f['maxrss_self_mb']:.0f} MB, workers {f['maxrss_children_mb']:.0f} MB")
        print(f"database {ing['db_bytes'] / 1e6:,.1f} MB for {ing['raw_bytes'] / 1e6:,.1f} MB raw text "
              f"({ing['db_over_raw']:.2f}x)")
    grouping = report.get("grouping", {})
    if grouping.get("articles"):
        print(f"events: {grouping['events']:,} formed from {grouping['articles']:,} articles that report "
              f"{grouping['true_events']:,} generated events; largest {grouping['largest_event']} articles "
              f"(generated: {grouping['largest_true_event']})")
    if se:
        print(f"search p50/p95/p99 {fmt(se['p50_ms'])}/{fmt(se['p95_ms'])}/{fmt(se['p99_ms'])} ms over "
              f"{se['supported']} supported queries; bare FTS5 "
              + (f"{fmt(se['bare']['p50_ms'])}/{fmt(se['bare']['p95_ms'])}/{fmt(se['bare']['p99_ms'])} ms" if se.get("bare") else "n/a"))
        if se["unsupported"]:
            print(f"unsupported queries (QueryError): {', '.join(se['unsupported'])}")
        if se["errors"]:
            print(f"queries that crashed: {'; '.join(se['errors'])}")
    if app:
        a, b = app["app"], app["bare"]
        print(f"app first frame {a['first_frame_s']:.2f} s (bare {b['first_frame_s']:.2f} s), settled "
              f"{a['settled_s']:.2f} s (bare {b['settled_s']:.2f} s), peak {a['maxrss_mb']:.0f} MB (bare {b['maxrss_mb']:.0f} MB)")
        for label, m in (("app", app.get("move", {})), ("bare OptionList", app.get("move_bare", {}))):
            if "move_s" in m:
                print(f"move {report['meta']['rows']} rows ({label}) with '{m['move_key']}' on {m['move_widget']}: "
                      f"{m['move_s']:.2f} s ({m['move_ms_per_row']:.1f} ms/row, moved {m.get('rows_moved')})")
            else:
                print(f"move rows ({label}): {m.get('move', 'n/a')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="secbrowse benchmark (see docs/PERFORMANCE.md)")
    parser.add_argument("--n", type=int, default=100_000, help="articles (default 100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="working folder (default /work/bench-out/nN); never the repo")
    parser.add_argument("--json-out", type=Path, help="write the JSON report here")
    parser.add_argument("--single-worker-sample", type=int, default=20_000,
                        help="articles ingested with one worker (default 20,000; 0 = all N)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per query (default 5)")
    parser.add_argument("--app-runs", type=int, default=3, help="app start-ups to take the median of (default 3)")
    parser.add_argument("--rows", type=int, default=1000, help="rows to move down the event list (default 1000)")
    parser.add_argument("--no-rg", action="store_true", help="skip the ripgrep comparison")
    parser.add_argument("--no-floor", action="store_true", help="skip the bare FTS5 build floor")
    parser.add_argument("--ingest-deadline", type=float, default=0, metavar="SECONDS",
                        help="stop the two-worker ingest after this long (as Ctrl-C does) and measure search "
                        "and app on the articles stored by then (default: no limit)")
    parser.add_argument("--db", type=Path, help="measure search and app on this database (implies --skip ingest), "
                        "e.g. one made by tests/perf/bulkload.py")
    parser.add_argument("--small-db", type=Path, help="a small database to compare app memory with")
    parser.add_argument("--reuse", action="store_true", help="reuse databases a previous run ingested")
    parser.add_argument("--skip", default="", help="comma-separated steps to skip: ingest,search,app")
    args = parser.parse_args(argv)
    out = args.out or DEFAULT_OUT / f"n{args.n}"
    out.mkdir(parents=True, exist_ok=True)
    skip = set(filter(None, args.skip.split(",")))
    sample = args.n if args.single_worker_sample <= 0 else min(args.n, args.single_worker_sample)

    import textual

    report: dict = {"meta": {
        "n": args.n, "seed": args.seed, "date": dt.datetime.now().isoformat(timespec="seconds"),
        "rows": args.rows, "repeats": args.repeats, "command": " ".join([Path(sys.executable).name, "-m",
                                                                        "tests.perf.bench", *(argv or sys.argv[1:])]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                    "textual": getattr(textual, "__version__", "?"), "platform": platform.platform(),
                    "loadavg_at_start": os.getloadavg(), "parallel_at_start": parallel_capacity()},
    }}
    git = lambda *a: subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout.strip()  # noqa: E731
    report["meta"]["git"] = {"commit": git("rev-parse", "--short", "HEAD"),
                             "uncommitted_in_store_tui": git("status", "--porcelain", "store", "tui").splitlines()}
    log(f"corpus: {args.n:,} articles, seed {args.seed} → {out / 'corpus'}")
    start = time.perf_counter()
    corpus = generate(out / "corpus", args.n, args.seed)
    report["corpus"] = dict(corpus, seconds=time.perf_counter() - start)
    db_path = str(out / "ingest_w2.db")
    if args.db:
        db_path = str(args.db)
        skip.add("ingest")
        report["meta"]["db"] = db_path
        report["meta"]["db_articles"] = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True).execute(
            "SELECT count(*) FROM articles").fetchone()[0]
    if "ingest" not in skip:
        report["ingest"] = step_ingest(out, corpus, args.n, sample, args.reuse, args.ingest_deadline)
        if not args.no_floor:
            log("floor: bare FTS5 build over the same texts")
            report["ingest"]["fts_floor"] = step_fts_floor(out, db_path, corpus["raw_bytes"])
    if "ingest" not in skip or args.db:
        log("grouping: events against the generator's")
        report["grouping"] = step_grouping(db_path, corpus)
    if "search" not in skip:
        use_rg = not args.no_rg and ensure_rg()
        log("search: query mix")
        in_db = report.get("ingest", {}).get("articles_in_db") if report.get("ingest", {}).get("partial") else None
        report["search"] = step_search(db_path, corpus["files_dir"], args.seed, args.repeats, use_rg, in_db)
        if not use_rg:
            report["search"]["rg"] = "n/a: skipped" if args.no_rg else "n/a: ripgrep could not be installed"
    if "app" not in skip:
        small = str(out / "ingest_w1.db") if sample < args.n and (out / "ingest_w1.db").exists() else None
        small = str(args.small_db) if args.small_db else small
        report["app"] = step_app(db_path, small, args.app_runs, args.rows)
    report["meta"]["loadavg_at_end"] = os.getloadavg()
    report["meta"]["machine"]["parallel_at_end"] = parallel_capacity()
    report["targets"] = targets(report)
    print_table(report)
    if args.json_out:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(report, indent=1, ensure_ascii=False))
        log(f"report: {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
