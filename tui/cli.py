"""The `secbrowse` command line: open the app, ingest, reindex, search, export, corrections.

Errors the user can fix print one line and exit 2; no tracebacks.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import Sequence

from rich.console import Console
from rich.text import Text

from store.errors import QueryError, StoreError
from store.paths import default_database_path, seeds_directory

from .sanitize import printable

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _build_parser() -> argparse.ArgumentParser:
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db", metavar="FILE", default=argparse.SUPPRESS,
        help=f"database file (default: $SECBROWSE_DB or {default_database_path()})",
    )
    parser = argparse.ArgumentParser(
        prog="secbrowse", parents=[db_option],
        description="Browse multilingual news about security cooperation in the terminal. "
        "With no command, opens the app (on first run it builds the default database from the bundled seeds).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ingest = commands.add_parser("ingest", parents=[db_option], help="add articles (.txt, .html, .jsonl files or folders)")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (read recursively)")
    ingest.add_argument("--workers", type=int, default=1, metavar="N", help="pipeline worker processes (default 1)")
    reindex = commands.add_parser(
        "reindex", parents=[db_option],
        help="run extraction, resolution and grouping again over every stored article (corrections kept)")
    reindex.add_argument("--workers", type=int, default=1, metavar="N", help="pipeline worker processes (default 1)")
    search = commands.add_parser("search", parents=[db_option], help="full-text search without the app")
    from . import search_command

    search_command.add_arguments(search)
    from . import correct_command

    correct_command.add_entity_commands(commands, [db_option])
    correct_command.add_event_commands(commands, [db_option])
    export = commands.add_parser("export", parents=[db_option], help="print everything as machine-readable JSON")
    export.add_argument("--format", choices=["json"], default="json", help="output format (json)")
    return parser


def _database_path(args: argparse.Namespace) -> tuple[Path, bool]:
    """The database to use, and whether it is the default one."""
    given = getattr(args, "db", None)
    if given:
        return Path(given).expanduser(), False
    return default_database_path(), True


def _open(args: argparse.Namespace, *, create: bool):
    from store.schema import open_database

    path, _ = _database_path(args)
    return open_database(path, create=create)


def _stderr_console() -> Console:
    return Console(stderr=True, highlight=False, markup=False)


def run_ingest(db, paths: Sequence[str], workers: int, console: Console) -> int:
    """Ingest with a progress bar on a terminal and a summary at the end."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from store.ingest import ingest_paths
    from store.read import ARTICLE_SUFFIXES

    if console.is_terminal:
        with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("files ·"),
                      TextColumn("{task.fields[added]} added"), TimeElapsedColumn(), console=console) as bar:
            task = bar.add_task("ingest", total=None, added=0)
            summary = ingest_paths(db, paths, workers=workers,
                                   progress=lambda done, total, added: bar.update(task, completed=done, total=total, added=added))
    else:
        summary = ingest_paths(db, paths, workers=workers)
    for failure in summary.failed:
        console.print(Text(f"failed: {printable(failure.source)}: {printable(failure.reason)}"), soft_wrap=True)
    if not summary.files and not summary.failed:
        suffixes = " ".join(sorted(ARTICLE_SUFFIXES))
        console.print(Text(f"no article files found: folders are searched for {suffixes} (hidden ones "
                           "are skipped); name a file to read it whatever its suffix"), soft_wrap=True)
    console.print(Text(summary.line()), soft_wrap=True)
    if summary.interrupted:
        return 130
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def run_reindex(db, workers: int, console: Console) -> int:
    """Re-extract every stored article, with a progress bar on a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from store.reindex import reindex

    if console.is_terminal:
        with Progress(TextColumn("re-extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
                      TimeElapsedColumn(), console=console) as bar:
            task = bar.add_task("reindex", total=None)
            summary = reindex(db, workers=workers,
                              progress=lambda done, total: bar.update(task, completed=done, total=total))
    else:
        summary = reindex(db, workers=workers)
    console.print(Text(summary.line()), soft_wrap=True)
    return 130 if summary.interrupted else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from store.export import write_export

    write_export(_open(args, create=False), sys.stdout)
    return EXIT_OK


def _open_app(args: argparse.Namespace) -> int:
    path, is_default = _database_path(args)
    first_run = not path.exists()
    db = _open(args, create=True)
    if first_run and is_default:
        console = _stderr_console()
        console.print(Text(f"First run: building {path} from the bundled seed articles…"))
        run_ingest(db, [str(seeds_directory())], 1, console)
    from .app import SecbrowseApp

    # The imports' ~50,000 objects live as long as the app: moved out of the
    # collector's generations, start-up no longer pays for rescanning them
    # (about a tenth of the time to the first frame).
    gc.freeze()
    SecbrowseApp(db).run()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    try:
        if args.command == "ingest":
            return run_ingest(_open(args, create=True), args.paths, max(1, args.workers), _stderr_console())
        if args.command == "reindex":
            return run_reindex(_open(args, create=False), max(1, args.workers), _stderr_console())
        if args.command == "search":
            from .search_command import run_search

            return run_search(_open(args, create=False), args)
        if args.command == "entity":
            from .correct_command import run_entity

            return run_entity(_open(args, create=False), args)
        if args.command == "event":
            from .correct_command import run_event

            return run_event(_open(args, create=False), args)
        if args.command == "export":
            return _export(args)
        return _open_app(args)
    except QueryError as error:
        print(f"secbrowse: bad query: {error}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as error:
        print(f"secbrowse: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
