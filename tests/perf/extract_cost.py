"""CPU per article of the pipeline's process() and of extract_mentions alone, over generated files.

    python -m tests.perf.extract_cost CORPUS_FILES_DIR [K]

CORPUS_FILES_DIR is a benchmark corpus's files/ folder (one level of sub-folders of .txt files);
K (default 2,000) the number of files, taken in name order. Run it from two checkouts to compare.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from store import extract
from store.model import RawDocument
from store.pipeline import process, warm_up


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    files = sorted(Path(argv[0]).glob("*/*.txt"))[: int(argv[1]) if len(argv) > 1 else 2000]
    if not files:
        print(f"no .txt files in the sub-folders of {argv[0]}", file=sys.stderr)
        return 2
    docs = [RawDocument(source=str(f), text=f.read_text(encoding="utf-8")) for f in files]
    warm_up()
    for doc in docs[:50]:
        process(doc)
    started = time.process_time()
    articles = [process(doc) for doc in docs]
    per_process = (time.process_time() - started) / len(docs)
    started = time.process_time()
    for article in articles:
        extract.extract_mentions(article.body, article.segments)
    per_extract = (time.process_time() - started) / len(docs)
    print(f"{len(docs)} articles: process {1000 * per_process:.2f} ms, extract_mentions {1000 * per_extract:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
