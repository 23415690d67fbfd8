"""Where ingest time goes: the pipeline and the writer, apart, with profiles.

    .venv/bin/python -m tests.perf.profile_ingest [--db BIG.db] [--k 1500] [--out DIR] [--no-profile]

Generates K fresh articles (seed 99, so none is already in BIG.db), then times
  - store.pipeline.process() per article (what a worker does),
  - store.index.ArticleWriter.write() into an empty database, and into a copy of
    BIG.db (does writing get slower as the database grows?),
each under pyinstrument when it is installed (profiles saved as text in --out), unless
--no-profile (then the CPU times carry no profiler overhead); and how the new articles were
grouped into events (B-cubed against the generator's: a crowded database tests grouping).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import tempfile
import time
from pathlib import Path

from tests.perf.bench import bcubed
from tests.perf.corpus import CorpusGenerator


CPU: dict[str, float] = {}  # CPU seconds per timed step (the machine is shared: wall time is not enough)


def _profiler():
    try:
        from pyinstrument import Profiler
    except ImportError:
        return None
    return Profiler(interval=0.001)


def timed(label: str, fn, out: Path | None):
    profiler = _profiler() if out else None
    if profiler:
        profiler.start()
    start, start_cpu = time.perf_counter(), time.process_time()
    value = fn()
    seconds = time.perf_counter() - start
    CPU[label] = time.process_time() - start_cpu
    if profiler:
        profiler.stop()
        (out / f"profile-{label}.txt").write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    return value, seconds


def main(argv: list[str] | None = None) -> None:
    from store.index import ArticleWriter
    from store.ingest import COMMIT_BATCH
    from store.model import RawDocument
    from store.pipeline import process
    from store.schema import open_database

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a large database to copy and write into")
    parser.add_argument("--k", type=int, default=1500)
    parser.add_argument("--out", type=Path, default=Path("/work/bench-out/profiles"))
    parser.add_argument("--no-profile", action="store_true", help="time only, without pyinstrument")
    args = parser.parse_args(argv)
    profiles = None if args.no_profile else args.out
    args.out.mkdir(parents=True, exist_ok=True)
    gen = CorpusGenerator(99)
    generated = [gen.next_article() for _ in range(args.k)]
    docs = [RawDocument(source=f"profile://{i}", text=item["text"]) for i, item in enumerate(generated)]
    today = dt.date(2026, 11, 25)
    process(docs[0], today=today)  # load models and lexicons outside the timing
    articles, seconds = timed("process", lambda: [process(d, today=today) for d in docs], profiles)
    report = {"k": args.k, "process_per_s": args.k / seconds}
    with tempfile.TemporaryDirectory(dir=args.out) as tmp:
        targets = [("empty", None)] + ([("big", args.db)] if args.db else [])
        for label, source in targets:
            path = Path(tmp) / f"{label}.db"
            if source:
                shutil.copy(source, path)
            db = open_database(path)
            writer = ArticleWriter(db, batch_size=COMMIT_BATCH)  # committed in batches, as ingest does
            before = db.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            written, seconds = timed(f"write-{label}", lambda: [writer.write(a) for a in articles] + [writer.flush()],
                                     profiles)
            ids = written[:-1]  # (the last is flush()'s None)
            report[f"write_{label}_per_s"] = args.k / seconds
            report[f"write_{label}_articles_before"] = before
            # how the new articles were grouped (none of their events is in BIG.db already)
            new_ids = [article_id for article_id in ids if article_id is not None]
            events = dict(db.conn.execute("SELECT id, event_id FROM articles WHERE id >= ?", (min(new_ids, default=0),)))
            predicted = {i: events[article_id] for i, article_id in enumerate(ids) if article_id in events}
            grouping = bcubed([item["event"] for item in generated], predicted) if predicted else {}
            report[f"write_{label}_bcubed"] = {k: grouping[k] for k in ("bcubed_precision", "bcubed_recall")
                                               if k in grouping}
            db.conn.close()
    for label, cpu in CPU.items():
        report[f"{label}_cpu_ms_per_article"] = 1000 * cpu / args.k
    (args.out / "profile_ingest.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
