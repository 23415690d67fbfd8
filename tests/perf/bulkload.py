"""Bulk-load a generated corpus into a secbrowse database WITHOUT the ingest pipeline.

    .venv/bin/python -m tests.perf.bulkload /work/bench-out/n1000000/corpus/corpus.jsonl \
        /work/bench-out/n1000000/bulk.db [--limit N]

For measuring search and the app at sizes the pipeline cannot reach in the
time available (at ~130 articles/s, 1,000,000 articles take two hours and
more). The database has the real schema (store.schema.open_database); each
article gets its body (lines of 80+ characters: the generated paragraphs,
not the short boilerplate lines), title (first line), language (from marker
words), publication date (parsed from its publication line) and an event of
its own; the FTS index is built at the end with FTS5 'rebuild'. There are no
entities, mentions or topics: `entity:` and `topic:` queries take their
fallbacks, as on a database whose writer does not store them.

Figures measured on such a database say how search and the app scale with
the number of rows; they say nothing about ingest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import time
from pathlib import Path

from tests.perf.corpus import MONTHS

_MARKERS = {
    "fr": (" les ", " des ", " du ", " une "), "nl": (" het ", " een ", " van "), "de": (" der ", " die ", " und "),
    "en": (" the ", " and ", " of "), "es": (" los ", " las ", " del ", " el ", " una "), "it": (" della ", " gli ", " il "),
}
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_MONTH = {name.lower(): i + 1 for names in MONTHS.values() for i, name in enumerate(names)}
_MONTH.update({name.lower(): i + 1 for i, name in enumerate(
    "January February March April May June July August September October November December".split())})
_ISO = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")
_DMY = re.compile(r"\b(\d\d)/(\d\d)/(\d{4})\b")
_NAMED = re.compile(r"\b(\d{1,2})\.? (?:de )?(\w+) (?:de )?(\d{4})\b")


def language(text: str) -> str:
    if len(_ARABIC.findall(text[:400])) > 40:
        return "ar"
    sample = text[:1500].lower()
    return max(_MARKERS, key=lambda lang: sum(sample.count(m) for m in _MARKERS[lang]))


def published(lines: list[str]) -> str | None:
    for line in lines[1:6]:
        if m := _ISO.search(line):
            return f"{m[1]}-{m[2]}-{m[3]}"
        if m := _DMY.search(line):
            return f"{m[3]}-{m[2]}-{m[1]}"
        if (m := _NAMED.search(line)) and m[2].lower() in _MONTH:
            return f"{m[3]}-{_MONTH[m[2].lower()]:02d}-{int(m[1]):02d}"
    return None


def main(argv: list[str] | None = None) -> None:
    from store.schema import open_database

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    db = open_database(args.db)
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    start = time.perf_counter()
    batch_a, batch_e = [], []
    count = 0

    def flush() -> None:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO events (id, title, date_start, article_count, langs, sort_key) "
                         "VALUES (?, ?, ?, 1, ?, ?)", batch_e)
        conn.executemany("INSERT INTO articles (id, source, content_hash, title, body, lang, languages, "
                         "published, date_start, event_id, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch_a)
        conn.execute("COMMIT")
        batch_a.clear()
        batch_e.clear()

    with open(args.jsonl, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record["text"]
            lines = text.split("\n")
            title = lines[0].strip()
            body = "\n\n".join(x for x in lines[1:] if len(x) >= 80 and not x.startswith(("PREV ", "NEXT ")))
            lang = language(body)
            date = published(lines)
            count += 1
            batch_e.append((count, title, date, lang, date or ""))
            batch_a.append((count, record.get("url") or f"bulk:{count}", hashlib.sha256(text.encode()).hexdigest(),
                            title, body, lang, json.dumps({lang: 1.0}), date, date, count, now))
            if len(batch_a) >= 5000:
                flush()
                print(f"{count:,} rows in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
            if args.limit and count >= args.limit:
                break
    if batch_a:
        flush()
    rows_s = time.perf_counter() - start
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    total = time.perf_counter() - start
    print(json.dumps({"articles": count, "rows_seconds": rows_s, "fts_seconds": total - rows_s,
                      "db_bytes": args.db.stat().st_size}))


if __name__ == "__main__":
    main()
