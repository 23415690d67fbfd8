"""`secbrowse search`: search without the app, for people and for scripts.

Exit status: 0 with matches, 1 when nothing matches, 2 on a bad query (cli.py
turns QueryError into one line on stderr). `--json` prints a list of hits
({article_id, event_id, title, lang, published, score, snippet} with the hits
marked «…»); with `--facets` it prints {"hits": [...], "facets": {...},
"interpreted_as": [...], "notes": [...]} instead.
"""

from __future__ import annotations

import argparse
import json

from rich.console import Console
from rich.text import Text

from .sanitize import marked_text, printable

EXIT_OK, EXIT_NO_MATCH = 0, 1

QUERY_HELP = ('words, "phrases", prefix*, AND/OR/NOT, (…); filters lang:fr entity:"Name" person: org: place: '
              "country:IT topic:terrorism after:2024-06 before:2024-07-01 event:ID source:TEXT")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help=QUERY_HELP)
    parser.add_argument("--json", action="store_true", help="print hits as JSON for scripts")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="hits to show (default 20)")
    parser.add_argument("--facets", action="store_true",
                        help="also count languages, entities, topics and years of the result")


def _hit_json(hit, HIT_START, HIT_END) -> dict:
    return {
        "article_id": hit.article_id, "event_id": hit.event_id, "title": hit.title, "lang": hit.lang,
        "published": hit.published, "score": round(hit.score, 4),
        "snippet": hit.snippet.replace(HIT_START, "«").replace(HIT_END, "»"),
    }


def run_search(db, args: argparse.Namespace) -> int:
    from store.facets import facets
    from store.search import HIT_END, HIT_START, search

    result = search(db, args.query, limit=max(1, args.limit))
    counts = facets(db, result) if getattr(args, "facets", False) else None
    err = Console(stderr=True, highlight=False, markup=False, emoji=False)
    if args.json:
        hits = [_hit_json(hit, HIT_START, HIT_END) for hit in result]
        if counts is None:
            print(json.dumps(hits, ensure_ascii=False, indent=1))
        else:
            print(json.dumps({
                "hits": hits, "facets": counts.as_dict(),
                "interpreted_as": [{"text": i.text, "kind": i.kind, "id": i.id, "key": i.key, "name": i.name}
                                   for i in result.interpreted_as],
                "notes": result.notes,
            }, ensure_ascii=False, indent=1))
    else:
        console = Console(highlight=False, markup=False, emoji=False)
        for interpretation in result.interpreted_as:
            err.print(Text(f"taking {printable(str(interpretation))}", style="dim"))
        for hit in result:
            line = Text(f"#{hit.article_id} ", style="bold")
            line.append(f"[{hit.lang}] ", style="cyan")
            line.append(f"{hit.published or '????-??-??'} ", style="dim")
            line.append(printable(hit.title or "(untitled)"), style="bold")
            console.print(line)
            snippet = Text("    ") + marked_text(hit.snippet, HIT_START, HIT_END, "bold yellow reverse")
            console.print(snippet)
        if counts is not None:
            more = "" if counts.exact else f" (newest {counts.articles} matches)"
            console.print(Text(f"facets{more}:", style="bold"))
            for name in ("languages", "entities", "topics", "years"):
                values = getattr(counts, name)
                if values:
                    console.print(Text(f"  {name}: " + ", ".join(f"{printable(v.label)} {v.count}" for v in values)))
    for note in result.notes:
        err.print(Text(printable(note)))
    if not result:
        err.print("no matches")
    return EXIT_OK if result else EXIT_NO_MATCH
