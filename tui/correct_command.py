"""`secbrowse entity …` and `secbrowse event …`: analyst corrections from the shell."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.text import Text

from .sanitize import printable


def add_entity_commands(commands: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    entity = commands.add_parser("entity", parents=parents, help="list and correct entities (merge, rename, split, reject)")
    actions = entity.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=parents, help="entities with their ids, kinds, aliases and article counts")
    listing.add_argument("text", nargs="?", default="", help="only entities whose name or alias contains this")
    listing.add_argument("--kind", choices=["person", "organization", "location"])
    merge = actions.add_parser("merge", parents=parents, help="make OTHER part of KEEP (its mentions and aliases)")
    merge.add_argument("keep", metavar="KEEP", help="id, name or alias of the entity to keep")
    merge.add_argument("other", metavar="OTHER", help="id, name or alias of the entity merged into KEEP")
    rename = actions.add_parser("rename", parents=parents, help="give ENTITY a new canonical name")
    rename.add_argument("entity", metavar="ENTITY")
    rename.add_argument("name", metavar="NAME")
    split = actions.add_parser("split", parents=parents, help="mentions written ALIAS become a separate entity")
    split.add_argument("entity", metavar="ENTITY")
    split.add_argument("alias", metavar="ALIAS")
    reject = actions.add_parser("reject", parents=parents, help="ENTITY is not an entity: drop it, now and later")
    reject.add_argument("entity", metavar="ENTITY")


def add_event_commands(commands: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    event = commands.add_parser("event", parents=parents, help="correct events (merge, move an article, split)")
    actions = event.add_subparsers(dest="action", metavar="ACTION", required=True)
    merge = actions.add_parser("merge", parents=parents, help="every article of event OTHER joins event KEEP")
    merge.add_argument("keep", type=int, metavar="KEEP")
    merge.add_argument("other", type=int, metavar="OTHER")
    move = actions.add_parser("move", parents=parents, help="move ARTICLE into EVENT")
    move.add_argument("article", type=int, metavar="ARTICLE")
    move.add_argument("event", type=int, metavar="EVENT")
    split = actions.add_parser("split", parents=parents, help="the given ARTICLEs of EVENT become a new event")
    split.add_argument("event", type=int, metavar="EVENT")
    split.add_argument("articles", type=int, nargs="+", metavar="ARTICLE")


def run_event(db, args: argparse.Namespace) -> int:
    from store import corrections  # imported when used: it pulls in the date tables

    console = Console(highlight=False, markup=False, emoji=False, soft_wrap=True)
    if args.action == "merge":
        message = f"event {args.other} merged into event {corrections.merge_events(db, args.keep, args.other)}"
    elif args.action == "move":
        message = f"article {args.article} moved to event {corrections.move_article(db, args.article, args.event)}"
    else:
        message = f"articles {', '.join(map(str, args.articles))} split off as event {corrections.split_event(db, args.event, args.articles)}"
    console.print(Text(message))
    return 0


def run_entity(db, args: argparse.Namespace) -> int:
    from store import corrections

    console = Console(highlight=False, markup=False, emoji=False, soft_wrap=True)
    if args.action == "list":
        for entity_id, kind, name, articles, aliases in _entity_rows(db, args.text, args.kind):
            line = Text(f"{entity_id:>6}  {kind:<12} {articles:>5} articles  ")
            line.append(printable(name), style="bold")
            if aliases:
                line.append("  (" + printable(aliases) + ")", style="dim")
            console.print(line)
        return 0
    if args.action == "merge":
        done = corrections.merge_entities(db, args.keep, args.other)
        message = f"merged {args.other!r} into #{done.id} {done.name}"
    elif args.action == "rename":
        done = corrections.rename_entity(db, args.entity, args.name)
        message = f"renamed #{done.id} to {done.name}"
    elif args.action == "split":
        done = corrections.split_entity(db, args.entity, args.alias)
        message = f"split {args.alias!r} off as #{done.id} {done.name}"
    else:
        done = corrections.reject_entity(db, args.entity)
        message = f"rejected #{done.id} {done.name}"
    console.print(Text(printable(message)))
    return 0


def _entity_rows(db, text: str, kind: str | None):
    sql = """SELECT e.id, e.kind, e.name, e.article_count,
                    (SELECT group_concat(alias, ', ') FROM aliases WHERE entity_id = e.id)
             FROM entities e WHERE e.article_count > 0"""
    args: list = []
    if kind:
        sql += " AND e.kind = ?"
        args.append(kind)
    if text:
        sql += " AND (e.name LIKE ? OR EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = e.id AND a.alias LIKE ?))"
        args += [f"%{text}%", f"%{text}%"]
    sql += " ORDER BY e.kind, e.article_count DESC, e.name"
    return db.conn.execute(sql, args).fetchall()
