"""Step 8 of the pipeline: write one processed article in one transaction.

Article, segments, entities and aliases, mentions, topics and event rows go in
together or not at all; full-text rows are added when the batch commits, in the
same transaction: a crash leaves the whole article or none.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections import Counter
from pathlib import Path

from .schema import Database

from .corrections import load_entity_rules
from .event_store import EventAssigner
from .model import Mention, ProcessedArticle
from .errors import StoreError
from .paths import known_entities_path
from .resolve import EntityIndex
from .topics import TOPICS

CONTEXT_TAGS_KEPT = 40
# Batches grow: a writer's first commits come soon (after 100 articles or 0.5 s: readers such as
# the app see an ingest start at once), later ones double up to batch_size articles or 2 s (each
# commit writes every page its batch touched: fewer, larger commits cost less in a large database).
FIRST_BATCH_ARTICLES = 100
FIRST_BATCH_SECONDS = 0.5
BATCH_SECONDS = 2.0
# The writer's page cache: SQLite's default 2 MB makes every article re-read the
# index pages it touches (mentions, event_entities) once the database is large;
# 64 MB cut the writer's CPU by 5-10 % into a 100k-article database.
WRITER_CACHE_KIB = 65536


def load_resolver(conn: sqlite3.Connection, known_entities_file: Path | None = None) -> EntityIndex:
    """The resolver's memory: every stored entity with its aliases and context, plus the user's file."""
    resolver = EntityIndex()
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in conn.execute("SELECT entity_id, alias FROM aliases"):
        aliases.setdefault(entity_id, []).append(alias)
    for entity_id, key, kind, name, context in conn.execute(
        "SELECT id, key, kind, name, context FROM entities WHERE article_count > 0"
    ):
        resolver.add(key, kind, name, aliases.get(entity_id, ()), context=Counter(json.loads(context or "{}")))
    path = known_entities_file or known_entities_path()
    if path.exists():
        try:
            resolver.load_known(path)
        except (OSError, ValueError) as error:  # tomllib.TOMLDecodeError is a ValueError
            raise StoreError(f"cannot use the known-entities file {path}: {error}") from None
    return resolver


class ArticleWriter:
    """Writes processed articles into an open database, one transaction each."""

    def __init__(self, db: Database, known_entities_file: Path | None = None, *, batch_size: int = 1):
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self._entity_ids: dict[str, int] = {}
        self._names_written: dict[str, str] = {}  # entity key -> display name last stored
        self._context_pending: set[str] = set()  # entities whose context the open batch changed
        self.batch_size = max(1, batch_size)
        self._batch_limit = min(self.batch_size, FIRST_BATCH_ARTICLES)  # grow after each commit
        self._batch_seconds = FIRST_BATCH_SECONDS
        self.conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
        self.rules = load_entity_rules(db)
        self.resolver = load_resolver(self.conn, known_entities_file)
        self.events = EventAssigner(self.conn)
        self._topic_ids: dict[str, int] = {
            key: topic_id for topic_id, key in self.conn.execute("SELECT id, key FROM topics")
        }
        self._open_batch()

    def has_hash(self, digest: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone() is not None

    def write(self, article: ProcessedArticle) -> int | None:
        """Store the article; returns its id, or None if its text is already stored.

        Each article is atomic (a savepoint). With `batch_size` > 1 articles are
        committed in batches (growing to that many, or BATCH_SECONDS, whichever comes
        first), because every commit makes FTS5 write a new index segment; a
        crash then loses at most the open batch, always whole articles, and
        `flush()` commits it.
        """
        conn = self.conn
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
            self._open_batch()
        conn.execute("SAVEPOINT article")
        try:
            if self.has_hash(article.content_hash):
                conn.execute("RELEASE article")
                return None
            article_id = self._store(article, None)
            conn.execute("RELEASE article")
            self._articles_fts.append((article_id, article.title or "", article.body))
        except BaseException:
            self._undo_article()
            raise
        self._keep_article_deferred()
        self.events.article_total += 1
        self._articles_in_batch += 1
        if (self._articles_in_batch >= self._batch_limit
                or time.monotonic() - self._batch_started >= self._batch_seconds):
            self.flush()
        return article_id

    def rewrite(self, article_id: int, article: ProcessedArticle) -> None:
        """Store what the pipeline found again for an article already stored (`secbrowse reindex`).

        Runs inside the caller's transaction (which must have removed the
        article's mentions, topics, segments and event first, and rolls
        everything back on an error); never commits.
        """
        self._store(article, article_id)
        self._keep_article_deferred()
        self.events.article_total += 1

    def _open_batch(self) -> None:
        self._articles_in_batch = 0
        self._batch_started = time.monotonic()
        self._alias_ids: dict[tuple[int, str], int] = {}  # (entity id, alias) -> alias row, this batch
        self._alias_counts: dict[int, int] = {}  # alias row -> mentions added by this batch
        self._article_alias_counts: dict[int, int] = {}  # the same for the article being written
        self._articles_fts: list[tuple[int, str, str]] = []  # full-text rows of this batch's articles
        self._aliases_fts: list[tuple[int, str]] = []  # full-text rows of this batch's new aliases
        self._article_aliases_fts: list[tuple[int, str]] = []  # the same for the article being written

    def _keep_article_deferred(self) -> None:
        """The article is in: what it leaves for the batch's commit joins the batch's."""
        for alias_id, count in self._article_alias_counts.items():
            self._alias_counts[alias_id] = self._alias_counts.get(alias_id, 0) + count
        self._article_alias_counts = {}
        self._aliases_fts.extend(self._article_aliases_fts)
        self._article_aliases_fts = []

    def _undo_article(self) -> None:
        """Roll the failed article back (the batch's other articles stay) and forget what it cached."""
        if self.conn.in_transaction:  # SQLite may have rolled everything back itself (disk full, I/O error)
            self.conn.execute("ROLLBACK TO article")
            self.conn.execute("RELEASE article")
        else:
            self._open_batch()
        self._entity_ids.clear()
        self._names_written.clear()
        self._topic_ids.clear()
        self._alias_ids.clear()
        self._article_alias_counts = {}
        self._article_aliases_fts = []

    def _store(self, article: ProcessedArticle, article_id: int | None) -> int:
        """Resolve, choose the event, and write the article's rows; returns its id."""
        resolved = self.resolver.resolve(article.mentions, article.body)
        mentions = self._apply_rules(resolved)
        event = self.events.choose(article.lang, article.published, article.event_dates,
                                   mentions, article.topics, article.event_date_at)
        if article_id is None:
            article_id = self._insert_article(article, event.event_id)
        else:
            self._update_article(article_id, article, event.event_id)
        self._insert_mentions(article_id, mentions)
        self._insert_topics(article_id, article)
        self.events.record(article_id, event)
        self._learn(mentions, article.body)
        return article_id

    def flush(self) -> None:
        """Commit the articles written so far."""
        if self.conn.in_transaction:
            self.store_deferred()
            self.conn.execute("COMMIT")
            self._batch_limit = min(self.batch_size, 2 * self._batch_limit)
            self._batch_seconds = min(BATCH_SECONDS, 2 * self._batch_seconds)

    def _insert_article(self, article: ProcessedArticle, event_id: int) -> int:
        conn = self.conn
        cursor = conn.execute(
            """INSERT INTO articles (source, content_hash, title, body, boilerplate, lang, languages,
                   published, date_start, date_end, weekday, date_at, event_id, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article.source,
                article.content_hash,
                article.title,
                article.body,
                "\n".join(article.boilerplate),
                article.lang,
                json.dumps(article.languages),
                article.published,
                article.event_dates.start,
                article.event_dates.end,
                article.event_dates.weekday,
                article.event_date_at,
                event_id,
                dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            ),
        )
        article_id = cursor.lastrowid
        self._insert_segments(article_id, article)
        return article_id

    def _update_article(self, article_id: int, article: ProcessedArticle, event_id: int) -> None:
        """What re-extraction may change in a stored article's row (its text stays)."""
        self.conn.execute(
            """UPDATE articles SET lang = ?, languages = ?, date_start = ?, date_end = ?, weekday = ?,
                   date_at = ?, event_id = ? WHERE id = ?""",
            (article.lang, json.dumps(article.languages), article.event_dates.start, article.event_dates.end,
             article.event_dates.weekday, article.event_date_at, event_id, article_id),
        )
        self._insert_segments(article_id, article)

    def _insert_segments(self, article_id: int, article: ProcessedArticle) -> None:
        self.conn.executemany(
            "INSERT INTO segments (article_id, start, end, lang) VALUES (?, ?, ?, ?)",
            [(article_id, s.start, s.end, s.lang) for s in article.segments],
        )

    def entity_id(self, key: str, kind: str, name: str) -> int:
        """Id of the entity with this key, created if new."""
        cached = self._entity_ids.get(key)
        if cached is not None:
            return cached
        row = self.conn.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
        if row is None:
            row = (self.conn.execute(
                "INSERT INTO entities (key, kind, name) VALUES (?, ?, ?)", (key, kind, name)
            ).lastrowid,)
            self._names_written[key] = name
        self._entity_ids[key] = row[0]
        return row[0]

    def finish(self) -> None:
        """End of an ingest run: commit, then settle the events it touched."""
        self.flush()
        self.events.refresh_touched()

    def _learn(self, mentions: list[Mention], body: str) -> None:
        """Teach the resolver this article's entities; their display names go to disk now,
        their context when the batch is committed (`flush`).

        The resolver is a cache of the entity tables: if the transaction is then
        rolled back it may know an alias too many, never one too few.
        """
        self.resolver.learn(mentions, body)
        renamed = []
        for key in {m.key for m in mentions}:
            entity = self.resolver.get(key)
            if entity is not None:
                self._context_pending.add(key)
                name = self.rules.names.get(key, entity.name)
                if self._names_written.get(key) != name:
                    renamed.append((name, key))
                    self._names_written[key] = name
        if renamed:
            self.conn.executemany("UPDATE entities SET name = ? WHERE key = ?", renamed)

    def store_deferred(self) -> None:
        """Write what the open batch keeps in memory until it commits: alias counts, entity contexts,
        full-text rows.

        Full-text rows wait for the commit because FTS5 (as in SQLite 3.40) writes its
        pending rows to disk as a new index segment at every savepoint and at every
        statement that needs a statement journal (an UPDATE of a foreign key column):
        written with each article they cost a segment per article (~0.1 ms each).
        """
        self._write_counts()
        self._write_contexts()
        articles_fts, self._articles_fts = self._articles_fts, []
        self.conn.executemany("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", articles_fts)
        aliases_fts, self._aliases_fts = self._aliases_fts, []
        self.conn.executemany("INSERT INTO aliases_fts (rowid, alias) VALUES (?, ?)", aliases_fts)

    def _write_counts(self) -> None:
        """Store how often the open batch used each alias."""
        counts, self._alias_counts = self._alias_counts, {}
        self.conn.executemany("UPDATE aliases SET mention_count = mention_count + ? WHERE id = ?",
                              [(count, alias_id) for alias_id, count in counts.items()])

    def _write_contexts(self) -> None:
        """Store the context tags of the entities the open batch taught the resolver."""
        rows = []
        for key in self._context_pending:
            entity = self.resolver.get(key)
            if entity is not None:
                # the most frequent tags, ties by name: the same text gives the same database, whatever the
                # order sets happened to iterate in (most_common breaks ties by insertion order)
                top = dict(sorted(entity.context.items(), key=lambda tag: (-tag[1], tag[0]))[:CONTEXT_TAGS_KEPT])
                rows.append((json.dumps(top, ensure_ascii=False), key))
        self._context_pending.clear()
        if rows:
            self.conn.executemany("UPDATE entities SET context = ? WHERE key = ?", rows)

    def _apply_rules(self, resolved: list[Mention]) -> list[Mention]:
        """The mentions as corrected by the analyst's rules (rejected entities dropped)."""
        kept: list[Mention] = []
        for mention in resolved:
            key = self.rules.apply(mention.key, mention.surface)
            if key is None:
                continue  # the analyst rejected this entity
            kept.append(mention if key == mention.key else
                        Mention(mention.start, mention.end, mention.surface, mention.kind, key, mention.name))
        return kept

    def _insert_mentions(self, article_id: int, mentions: list[Mention]) -> None:
        conn = self.conn
        seen_entities: set[int] = set()
        alias_counts: dict[tuple[int, str], int] = {}
        rows = []
        for mention in mentions:
            key = mention.key
            entity_id = self.entity_id(key, mention.kind, self.rules.names.get(key, mention.name))
            seen_entities.add(entity_id)
            alias_counts[(entity_id, mention.surface)] = alias_counts.get((entity_id, mention.surface), 0) + 1
            rows.append((article_id, entity_id, mention.start, mention.end, mention.surface))
        conn.executemany(
            "INSERT INTO mentions (article_id, entity_id, start, end, surface) VALUES (?, ?, ?, ?, ?)", rows
        )
        for (entity_id, alias), count in alias_counts.items():
            alias_id = self._alias_ids.get((entity_id, alias))
            if alias_id is None:
                row = conn.execute(
                    "SELECT id FROM aliases WHERE entity_id = ? AND alias = ?", (entity_id, alias)
                ).fetchone()
                if row:
                    alias_id = row[0]
                else:
                    alias_id = conn.execute(
                        "INSERT INTO aliases (entity_id, alias) VALUES (?, ?)", (entity_id, alias)
                    ).lastrowid
                    self._article_aliases_fts.append((alias_id, alias))
                self._alias_ids[(entity_id, alias)] = alias_id
            self._article_alias_counts[alias_id] = self._article_alias_counts.get(alias_id, 0) + count
        conn.executemany(
            "UPDATE entities SET article_count = article_count + 1 WHERE id = ?",
            [(entity_id,) for entity_id in seen_entities],
        )

    def _topic_id(self, key: str) -> int:
        """Id of a topic, created if new (another ingest may have created it meanwhile)."""
        if key not in self._topic_ids:
            self.conn.execute("INSERT OR IGNORE INTO topics (key, label) VALUES (?, ?)",
                              (key, TOPICS.get(key, key.replace("_", " "))))
            self._topic_ids[key] = self.conn.execute("SELECT id FROM topics WHERE key = ?", (key,)).fetchone()[0]
        return self._topic_ids[key]

    def _insert_topics(self, article_id: int, article: ProcessedArticle) -> None:
        self.conn.executemany(
            "INSERT INTO article_topics (article_id, topic_id, occurrences) VALUES (?, ?, ?)",
            [(article_id, self._topic_id(key), count) for key, count in article.topics.items()],
        )
