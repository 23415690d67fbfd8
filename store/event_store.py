"""Step 7 on the database side: put each new article into an event, incrementally.

The grouping logic is pure (store/events.py); this module fetches the few
candidate events that share a discriminating entity within the article's date
window (an indexed range scan on event_entities(entity_id, date_key)), asks
`choose_event`, and writes the event's summary, title, entities and topics.
Nothing is ever re-clustered, so the cost per article stays flat as the
database grows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections import Counter
from typing import Callable

from . import events as grouping
from .model import DateSpan, Mention

# Candidate events: each of the article's KEYS_LOOKED_UP most discriminating keys is looked up in its
# date windows (the CANDIDATES_PER_KEY latest events of each, index only); the CANDIDATES_READ that
# share the most keys, then the latest, are read and scored.
CANDIDATES_PER_KEY = 60
CANDIDATES_READ = 20
KEYS_LOOKED_UP = 4
MAX_EVENT_ENTITIES = 24
REFRESH_LIMIT = 5000  # events recomputed at the end of an ingest run
REGROUP_LIMIT = 3000  # articles regrouped at the end of an ingest run
_LIST_FIELDS = ("participants", "topics", "hosts")


_FIELDS = tuple(f.name for f in dataclasses.fields(grouping.EventSummary))


def summary_to_json(summary: grouping.EventSummary) -> str:
    # a shallow dict, not dataclasses.asdict (a deep copy): the fields are flat
    return json.dumps({name: getattr(summary, name) for name in _FIELDS}, ensure_ascii=False,
                      separators=(",", ":"))


_PARSED: dict[str, grouping.EventSummary] = {}  # stored text -> summary (summaries are immutable)
_PARSED_LIMIT = 32768  # least recently used first out


def _remember(text: str, summary: grouping.EventSummary) -> None:
    if len(_PARSED) >= _PARSED_LIMIT:
        del _PARSED[next(iter(_PARSED))]
    _PARSED[text] = summary


_FIELD_NAMES = frozenset(_FIELDS)


def summary_from_json(text: str) -> grouping.EventSummary:
    """The summary stored as `text` (recently written and read ones are remembered)."""
    cached = _PARSED.pop(text, None)
    if cached is not None:
        _PARSED[text] = cached  # most recently used
        return cached
    data = json.loads(text)
    for name in _LIST_FIELDS:
        data[name] = tuple(data.get(name) or ())
    if not data.keys() <= _FIELD_NAMES:  # written by another version of secbrowse
        data = {k: v for k, v in data.items() if k in _FIELD_NAMES}
    summary = grouping.EventSummary(**data)
    _remember(text, summary)
    return summary


def _weighted_keys(features: grouping.ArticleFeatures) -> list[str]:
    """The article's keys whose document frequencies weigh host against guest."""
    return sorted(set(features.participants) | set(features.countries) | set(features.places))


UNDATED = "p"  # event_entities.date_key of an undated event: "p" + its latest publication date
EVENT_SPAN_SLACK = 7  # days an event may start before the candidate window and still overlap it


def _sort_key(summary: grouping.EventSummary) -> str:
    """Where the event sits in the list: its start date, else its latest publication date."""
    return summary.start or summary.published_max or ""


def _entity_date_key(summary: grouping.EventSummary) -> str:
    """event_entities.date_key: dated and undated events apart, so each has its own date window."""
    if summary.start:
        return summary.start
    return UNDATED + summary.published_max if summary.published_max else ""


def _key_ranges(features: grouping.ArticleFeatures) -> list[tuple[str, str]]:
    """date_key ranges to look candidates up in: dated events near the article's dates,
    undated events by when their articles were published, events with no date at all."""
    low, high = grouping.candidate_window(features)
    low_undated, high_undated = grouping.undated_window(features)
    if low is None or high is None or low_undated is None or high_undated is None:
        return [("0", "9"), (UNDATED, UNDATED + "~"), ("", "")]
    return [(_shift(low, -EVENT_SPAN_SLACK), high), (UNDATED + low_undated, UNDATED + high_undated), ("", "")]


def _shift(iso: str, days: int) -> str:
    return (dt.date.fromisoformat(iso[:10]) + dt.timedelta(days=days)).isoformat()


class EventAssigner:
    """Assigns articles to events inside the writer's transaction.

    During a run each article joins an event at once (so the app can show it);
    at the end of the run (`refresh_touched`) the run's articles are grouped
    again in a canonical order with the host weights known then, so the result
    does not depend on the order the files came in, and early articles are not
    judged with the immature weights of a nearly empty database.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.article_total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        self.touched: set[int] = set()
        self.added: list[int] = []  # articles assigned during this run (up to REGROUP_LIMIT + 1)

    def _document_frequencies(self, keys: list[str]) -> dict[str, int]:
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        return dict(self.conn.execute(f"SELECT key, article_count FROM entities WHERE key IN ({marks})", keys))

    def host_weights(self, keys: list[str], pending: int = 1) -> dict[str, float]:
        """Weights from document frequency: the host (in nearly every article) weighs little.

        `pending`: articles already counted in the entities' article_count but not
        yet in `article_total`.
        """
        if not keys:
            return {}
        return grouping.host_weights_from_df(self._document_frequencies(keys), max(self.article_total + pending, 1))

    def _candidates(self, features: grouping.ArticleFeatures, weights: dict[str, float]) -> list[grouping.EventSummary]:
        """The stored events the article may join: those in its date windows that share the most of its
        most discriminating keys (then the most recent), at most CANDIDATES_READ of them."""
        keys = grouping.candidate_keys(features, weights)[:KEYS_LOOKED_UP]
        if features.place and features.place not in keys and weights.get(features.place, 1.0) >= grouping.HOST_WEIGHT:
            keys.append(features.place)  # the same meeting named its people otherwise: "C. Benali", "Camille Benali"
        if not keys:
            return []
        ranges = _key_ranges(features)
        marks = ",".join("?" * len(keys))
        ids = [row[0] for row in self.conn.execute(f"SELECT id FROM entities WHERE key IN ({marks})", keys)]
        shared: dict[int, list] = {}  # event id -> [keys shared, latest date key]
        for entity_id in ids:
            for low, high in ranges:
                for event_id, date_key in self.conn.execute(
                        """SELECT event_id, date_key FROM event_entities
                           WHERE entity_id = ? AND date_key BETWEEN ? AND ?
                           ORDER BY date_key DESC LIMIT ?""", (entity_id, low, high, CANDIDATES_PER_KEY)):
                    seen = shared.get(event_id)
                    if seen is None:
                        shared[event_id] = [1, date_key]
                    else:
                        seen[0] += 1
                        seen[1] = max(seen[1], date_key)
        if not shared:
            return []
        best = sorted(shared, key=lambda event_id: shared[event_id], reverse=True)[:CANDIDATES_READ]
        marks = ",".join("?" * len(best))
        rows = self.conn.execute(f"SELECT date_start, date_end, summary FROM events WHERE id IN ({marks})",
                                 sorted(best))
        # events whose dates rule them out are not parsed
        return [summary_from_json(text) for start, end, text in rows
                if not grouping.dates_clash(features, start, end)]

    def choose(self, lang: str, published: str | None, dates: DateSpan, mentions: list[Mention],
               topics: dict[str, int], date_at: int | None) -> grouping.EventSummary:
        """The event a new article joins (a new one is created): its summary with the article merged in.

        Asked before the article is stored, so that its row is written once with
        its event id; its entities' document frequencies are counted as if it were
        stored already. `record` then stores the event once the article is in.
        """
        features = grouping.article_features(0, _ArticleView(lang, published, dates, mentions, topics), date_at)
        keys = _weighted_keys(features)
        known = self._document_frequencies(keys)
        df = {key: known.get(key, 0) + 1 for key in keys}
        return self._choose(features, grouping.host_weights_from_df(df, max(self.article_total + 1, 1)))

    def record(self, article_id: int, summary: grouping.EventSummary) -> None:
        """Store the event chosen for a new article (now in the database)."""
        # a merged event counts at least two articles: one article means `choose` just created it
        write_event(self.conn, summary, created=summary.article_count == 1)
        if len(self.added) <= REGROUP_LIMIT:
            self.added.append(article_id)
        if len(self.touched) <= REFRESH_LIMIT:
            self.touched.add(summary.event_id)

    def _choose(self, features: grouping.ArticleFeatures, weights: dict[str, float]) -> grouping.EventSummary:
        candidates = self._candidates(features, weights)
        event_id = grouping.choose_event(features, candidates, weights)
        if event_id is None:
            event_id = self.conn.execute("INSERT INTO events (title) VALUES ('')").lastrowid
            return grouping.new_event(event_id, features, weights)
        chosen = next(candidate for candidate in candidates if candidate.event_id == event_id)
        return grouping.merge_into(chosen, features, weights)

    def _place(self, features: grouping.ArticleFeatures, pending: int) -> int:
        """Choose (or start) a stored article's event and store it; returns the event id."""
        summary = self._choose(features, self.host_weights(_weighted_keys(features), pending))
        self.conn.execute("UPDATE articles SET event_id = ? WHERE id = ?", (summary.event_id, features.article_id))
        write_event(self.conn, summary)
        return summary.event_id

    def refresh_touched(self) -> None:
        """End of a run: regroup the run's articles, then recompute the events it touched.

        The run's articles leave their events and are placed again one by one in
        a canonical order (event date, else publication date, then content hash)
        with the host weights and names known now; events of earlier runs keep
        their articles and may receive these again.  One transaction: a crash
        leaves the grouping of the first pass.  Skipped for huge runs, where the
        weights were mature early and the cost would be a second pass.
        """
        if not self.added and not self.touched:
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.settle()
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def settle(self) -> None:
        """`refresh_touched` inside the caller's transaction."""
        if len(self.touched) <= REFRESH_LIMIT and len(self.added) <= REGROUP_LIMIT:
            self.article_total = self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            # an article's features do not change while its events are settled: read once
            known: dict[int, grouping.ArticleFeatures] = {}

            def features_of(article_id: int) -> grouping.ArticleFeatures:
                if article_id not in known:
                    known[article_id] = _stored_features(self.conn, article_id)
                return known[article_id]

            touched = self._regroup(self.added, features_of) if self.added else set(self.touched)
            for event_id in sorted(touched):
                rebuild_event(self.conn, event_id, features_of=features_of, article_total=self.article_total)
        self.touched.clear()
        self.added.clear()

    def _regroup(self, article_ids: list[int],
                 features_of: Callable[[int], grouping.ArticleFeatures]) -> set[int]:
        """Place `article_ids` again in canonical order; returns every event involved."""
        involved: set[int] = set()
        order: list[tuple[str, str, int]] = []
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for article_id, event_id, date_start, published, digest in self.conn.execute(
                    f"SELECT id, event_id, date_start, published, content_hash FROM articles WHERE id IN ({marks})",
                    chunk):
                if event_id is not None:
                    involved.add(event_id)
                order.append((date_start or published or "~", digest, article_id))
            self.conn.execute(f"UPDATE articles SET event_id = NULL WHERE id IN ({marks})", chunk)
        for event_id in sorted(involved):  # without the run's articles (deleted when empty)
            rebuild_event(self.conn, event_id, features_of=features_of, article_total=self.article_total)
        for _, _, article_id in sorted(order):
            involved.add(self._place(features_of(article_id), pending=0))
        return {event_id for event_id in involved
                if self.conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone()}


@dataclasses.dataclass
class _ArticleView:
    lang: str
    published: str | None
    event_dates: DateSpan
    mentions: list[Mention]
    topics: dict[str, int]


def write_event(conn: sqlite3.Connection, summary: grouping.EventSummary, *, created: bool = False) -> None:
    """Store an event's summary, title, place, counterpart, entities and topics.

    `created`: the event's row was just inserted, so it has no entity or topic rows yet.
    """
    event_id = summary.event_id
    countries = sorted(summary.country_counts, key=lambda k: -summary.country_counts[k])
    roles: dict[str, str] = {}
    for key in summary.participants[:MAX_EVENT_ENTITIES]:
        roles[key] = "host" if key in summary.hosts else "participant"
    for key in countries:
        roles.setdefault(key, "country")
    for key in summary.place_counts:
        roles.setdefault(key, "place")
    if summary.counterpart:
        roles[summary.counterpart] = "counterpart"
    if summary.place:
        roles[summary.place] = "place"
    marks = ",".join("?" * len(roles)) or "''"
    entities = {key: (entity_id, name) for entity_id, key, name in
                conn.execute(f"SELECT id, key, name FROM entities WHERE key IN ({marks})", list(roles))}
    names = {key: name for key, (_, name) in entities.items()}
    title = grouping.event_title(summary, names)
    summary = dataclasses.replace(summary, title=title)
    langs = ",".join(lang for lang, _ in Counter(
        row[0] for row in conn.execute("SELECT lang FROM articles WHERE event_id = ?", (event_id,))).most_common())
    date_key = _entity_date_key(summary)
    stored = summary_to_json(summary)
    _remember(stored, summary)
    conn.execute(
        """UPDATE events SET title = ?, date_start = ?, date_end = ?, weekday = ?, place_id = ?, counterpart_id = ?,
               article_count = (SELECT count(*) FROM articles WHERE event_id = ?), langs = ?, summary = ?, sort_key = ?
           WHERE id = ?""",
        (title, summary.start, summary.end, summary.weekday,
         entities.get(summary.place, (None,))[0] if summary.place else None,
         entities.get(summary.counterpart, (None,))[0] if summary.counterpart else None,
         event_id, langs, stored, _sort_key(summary), event_id),
    )
    _write_event_entities(conn, event_id, roles, entities, date_key, created)
    if not created:
        conn.execute("DELETE FROM event_topics WHERE event_id = ?", (event_id,))
    conn.execute(
        f"""INSERT OR IGNORE INTO event_topics (event_id, topic_id)
            SELECT ?, id FROM topics WHERE key IN ({",".join("?" * len(summary.topics)) or "''"})""",
        (event_id, *summary.topics),
    )


def _write_event_entities(conn: sqlite3.Connection, event_id: int, roles: dict[str, str],
                          entities: dict[str, tuple[int, str]], date_key: str, created: bool) -> None:
    """The event's event_entities rows: only those that changed are deleted and inserted.

    Each row is also in the (entity, date) index the candidate lookups use: rewriting the
    rows an article did not change cost the writer ~0.1 ms an article in a large database.
    """
    wanted: dict[int, tuple[str, str]] = {}
    for key, role in roles.items():
        if key in entities:
            wanted.setdefault(entities[key][0], (role, date_key))
    stored: dict[int, tuple[str, str]] = {} if created else {
        entity_id: (role, key) for entity_id, role, key in
        conn.execute("SELECT entity_id, role, date_key FROM event_entities WHERE event_id = ?", (event_id,))}
    gone = [(event_id, entity_id) for entity_id, row in stored.items() if wanted.get(entity_id) != row]
    if gone:
        conn.executemany("DELETE FROM event_entities WHERE event_id = ? AND entity_id = ?", gone)
    conn.executemany(
        "INSERT OR IGNORE INTO event_entities (event_id, entity_id, role, date_key) VALUES (?, ?, ?, ?)",
        [(event_id, entity_id, role, key) for entity_id, (role, key) in wanted.items() if stored.get(entity_id) != (role, key)],
    )


def _stored_features(conn: sqlite3.Connection, article_id: int) -> grouping.ArticleFeatures:
    """Features of a stored article, rebuilt from its rows (for corrections)."""
    lang, published, start, end, weekday, date_at = conn.execute(
        "SELECT lang, published, date_start, date_end, weekday, date_at FROM articles WHERE id = ?",
        (article_id,)).fetchone()
    mentions = [Mention(s, e, surface, kind, key, name) for s, e, surface, kind, key, name in conn.execute(
        """SELECT m.start, m.end, m.surface, en.kind, en.key, en.name FROM mentions m
           JOIN entities en ON en.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start""", (article_id,))]
    topics = dict(conn.execute(
        "SELECT t.key, at.occurrences FROM article_topics at JOIN topics t ON t.id = at.topic_id WHERE at.article_id = ?",
        (article_id,)))
    return grouping.article_features(
        article_id, _ArticleView(lang, published, DateSpan(start, end, weekday), mentions, topics), date_at)


def rebuild_event(conn: sqlite3.Connection, event_id: int, *,
                  features_of: Callable[[int], grouping.ArticleFeatures] | None = None,
                  article_total: int | None = None) -> None:
    """Recompute an event from its articles (after an analyst moved articles around).

    `features_of` and `article_total`: the articles' features and the number of
    stored articles, when the caller knows them already.
    """
    article_ids = [row[0] for row in conn.execute("SELECT id FROM articles WHERE event_id = ? ORDER BY id", (event_id,))]
    if not article_ids:
        conn.execute("DELETE FROM event_entities WHERE event_id = ?", (event_id,))
        conn.execute("DELETE FROM event_topics WHERE event_id = ?", (event_id,))
        conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        return
    features = [features_of(article_id) if features_of else _stored_features(conn, article_id)
                for article_id in article_ids]
    keys = sorted({k for f in features for k in (*f.participants, *f.countries, *f.places)})
    marks = ",".join("?" * len(keys)) or "''"
    df = dict(conn.execute(f"SELECT key, article_count FROM entities WHERE key IN ({marks})", keys))
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0] if article_total is None else article_total
    weights = grouping.host_weights_from_df(df, max(total, 1))
    summary = grouping.new_event(event_id, features[0], weights)
    for more in features[1:]:
        summary = grouping.merge_into(summary, more, weights)
    write_event(conn, summary)


def retitle_events_of(conn: sqlite3.Connection, entity_id: int) -> int:
    """Re-title the events that name this entity (after a rename or merge); returns how many."""
    rows = conn.execute(
        """SELECT e.id, e.summary FROM events e JOIN event_entities ee ON ee.event_id = e.id
           WHERE ee.entity_id = ?""", (entity_id,)).fetchall()
    for event_id, summary_json in rows:
        summary = summary_from_json(summary_json)
        keys = [*summary.participants, summary.place, summary.counterpart]
        keys = [key for key in keys if key]
        marks = ",".join("?" * len(keys)) or "''"
        names = dict(conn.execute(f"SELECT key, name FROM entities WHERE key IN ({marks})", keys))
        conn.execute("UPDATE events SET title = ? WHERE id = ?", (grouping.event_title(summary, names), event_id))
    return len(rows)
