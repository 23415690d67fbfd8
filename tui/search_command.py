"""`secbrowse search`: search without the app, for people and for scripts."""

from __future__ import annotations

import argparse
import json

from rich.console import Console
from rich.text import Text

from .sanitize import marked_text, printable

EXIT_OK, EXIT_NO_MATCH = 0, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help='words, "phrases", prefix*, AND/OR/NOT, (…)')
    parser.add_argument("--json", action="store_true", help="print hits as JSON for scripts")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="hits to show (default 20)")


def run_search(db, args: argparse.Namespace) -> int:
    from store.search import HIT_END, HIT_START, search

    hits = search(db, args.query, limit=max(1, args.limit))
    if args.json:
        print(json.dumps([{
            "article_id": hit.article_id, "event_id": hit.event_id, "title": hit.title, "lang": hit.lang,
            "published": hit.published, "score": round(hit.score, 4),
            "snippet": hit.snippet.replace(HIT_START, "«").replace(HIT_END, "»"),
        } for hit in hits], ensure_ascii=False, indent=1))
    else:
        console = Console(highlight=False, markup=False, emoji=False)
        for hit in hits:
            line = Text(f"#{hit.article_id} ", style="bold")
            line.append(f"[{hit.lang}] ", style="cyan")
            line.append(f"{hit.published or '????-??-??'} ", style="dim")
            line.append(printable(hit.title or "(untitled)"), style="bold")
            console.print(line)
            snippet = Text("    ") + marked_text(hit.snippet, HIT_START, HIT_END, "bold yellow reverse")
            console.print(snippet)
        if not hits:
            Console(stderr=True, highlight=False, markup=False).print("no matches")
    return EXIT_OK if hits else EXIT_NO_MATCH
