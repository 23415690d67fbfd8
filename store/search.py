"""Search over articles, for the app and `secbrowse search`.

    search(db, query, *, limit=50, after=None) -> SearchResult

`SearchResult` is a sequence of `SearchHit` (article_id, event_id, title, lang,
published, score, snippet) and also says how the query was understood
(`interpreted_as`), gives notes for the user, a total and a keyset cursor
(`next_after`: pass it back as `after=` for the next page). Facet counts for
a result: `store.facets.facets(db, result)`.

Query syntax (store/query.py parses it):
    words  "a phrase"  prefix*  a AND b  a OR b  a NOT b  (a OR b) c
    lang:fr  entity:"Vittorio Pisani" | entity:12 | entity:person:…  person:…  org:…
    place:…  country:IT  topic:terrorism  after:2024-06  before:2024-07-01
    event:12  source:hespress
Case and diacritics are ignored. A word or phrase that names a known entity in
any spelling (``hamushi``, ``Hamouchi``, ``"Abdul Latif"``; up to two typos)
also finds the entity's other spellings; topic words (``human trafficking``)
also find the topic's words in every language (mensenhandel, Menschenhandel…).
Filters are ANDed; repeated lang:/source:/event: are ORed. after: is
inclusive, before: exclusive; both use the publication date, else the event date.

Speed: ranking never pays for every hit. Matches are taken newest-first in
blocks of CANDIDATES (FTS5 walks its doclists by rowid and stops early) and
bm25 (title weighted 5×) ranks within the block; with fewer hits than that
the ranking is exact over all of them. Filters are applied inside the block
query, before ranking. A query of only filters lists articles newest first
by publication date with keyset paging.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from .schema import Database

from .errors import QueryError
from .names import text_key
from .names_index import EntityMatch, name_index
from .query import Filter, ParsedQuery, date_bound, parse, render

HIT_START = "\x02"  # snippet markers: control characters no article text keeps
HIT_END = "\x03"
CANDIDATES = 1000  # rows ranked per block
MAX_SPELLINGS = 32  # alias phrases an entity expands to
_SPAN = 5  # longest run of words tried as a name or topic
_WORDS = re.compile(r"\w+", re.UNICODE)
_AMBIGUOUS = 3  # more equally good people than this: the word is not taken as a name



class _LazyTopics:
    """store/topics.py, imported on first use (None-like if it cannot load)."""

    def __init__(self):
        self._module = False

    def get(self):
        if self._module is False:
            try:
                from . import topics
                topics.TOPICS  # noqa: B018 - loads the lexicon
                self._module = topics
            except Exception:  # pragma: no cover - lexicon missing
                self._module = None
        return self._module


_lazy_topics = _LazyTopics()


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    event_id: int | None
    title: str | None
    lang: str
    published: str | None
    score: float  # higher is better; 0.0 for filter-only listings
    snippet: str  # hits wrapped in HIT_START … HIT_END


@dataclass(frozen=True)
class Interpretation:
    """How part of the query was understood."""

    text: str  # what the user typed
    kind: str  # "entity" or "topic"
    id: int | str  # entity id, or topic key
    key: str  # entity key ("person:…", "country:IT") or topic key
    name: str  # entity name or topic label

    def __str__(self) -> str:
        return f"{self.text} → {self.name} ({self.key})"


@dataclass
class SearchResult(Sequence):
    hits: list[SearchHit]
    query: str
    fts: str | None = None  # the FTS5 expression run (None for a filter-only query)
    interpreted_as: list[Interpretation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the user, e.g. "no person known as …"
    total: int = 0  # matches counted (exact unless total_is_lower_bound)
    total_is_lower_bound: bool = False
    next_after: str | None = None  # cursor for the next page
    _plan: "_Plan | None" = field(default=None, repr=False)
    _topic_fts: list[str] = field(default_factory=list, repr=False)
    _candidates: list[int] | None = field(default=None, repr=False)

    def __getitem__(self, index):
        return self.hits[index]

    def __len__(self) -> int:
        return len(self.hits)

    def candidate_ids(self, db: Database) -> list[int]:
        """The ids facets count over: every match when there are at most CANDIDATES, else the newest block."""
        if self._candidates is None:
            self._candidates = _probe(db, self._plan, None) if self._plan else []
        return self._candidates[:CANDIDATES]


@dataclass
class _Plan:
    fts: str | None
    where: list[str]
    params: list


def search(db: Database, query: str, *, limit: int = 50, after: str | None = None) -> SearchResult:
    """Articles matching `query`: best first for text, newest first for filters only.

    Raises QueryError (a message fit for the user) for a query that cannot be understood.
    """
    limit = max(1, int(limit))
    parsed = parse(query)
    result = SearchResult([], query)
    where, params, ok = _filters(db, parsed.filters, result)
    if not ok:
        return result
    fts = _expand(db, parsed, result) if parsed.has_text else None
    if result._topic_fts:
        fts = " AND ".join(([f"({fts})"] if fts else []) + result._topic_fts)
    plan = result._plan = _Plan(fts, where, params)
    result.fts = fts
    try:
        if fts is None:
            _list_newest(db, plan, limit, after, result)
        else:
            _rank(db, plan, limit, after, result)
    except sqlite3.OperationalError as error:
        raise QueryError("this query cannot be searched; check its quotes, parentheses and operators") from error
    return result


# --- filters -------------------------------------------------------------------

_KINDS = {"person": {"person"}, "org": {"organization"}, "place": {"location"}, "entity": None}


def _filters(db, filters: list[Filter], result: SearchResult) -> tuple[list[str], list, bool]:
    where: list[str] = []
    params: list = []
    grouped: dict[str, list[str]] = {}
    for flt in filters:
        grouped.setdefault(flt.key, []).append(flt.value)
    if "lang" in grouped:
        values = sorted({v.lower() for v in grouped["lang"]})
        where.append(f"a.lang IN ({', '.join('?' * len(values))})")
        params += values
    if "source" in grouped:
        where.append("(" + " OR ".join("instr(lower(a.source), lower(?)) > 0" for _ in grouped["source"]) + ")")
        params += grouped["source"]
    if "event" in grouped:
        where.append(f"a.event_id IN ({', '.join('?' * len(grouped['event']))})")
        params += [int(v) for v in grouped["event"]]
    if "after" in grouped:
        where.append("coalesce(a.published, a.date_start) >= ?")
        params.append(max(date_bound("after", v) for v in grouped["after"]))
    if "before" in grouped:
        where.append("coalesce(a.published, a.date_start) < ?")
        params.append(min(date_bound("before", v) for v in grouped["before"]))
    ok = True
    for flt in filters:
        if flt.key in _KINDS or flt.key == "country":
            entity = _resolve_entity(db, flt)
            if entity is None:
                what = {"person": "person", "org": "organisation", "place": "place", "country": "country"}.get(flt.key, "entity")
                result.notes.append(f"no {what} known as '{flt.value}'")
                ok = False
                continue
            result.interpreted_as.append(Interpretation(f"{flt.key}:{flt.value}", "entity", entity.entity_id,
                                                        entity.key, entity.name))
            small = _small_set(db, "SELECT 1 FROM mentions WHERE entity_id = ?", entity.entity_id)
            where.append("a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)" if small else
                         "EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = ? AND m.article_id = a.id)")
            params.append(entity.entity_id)
        elif flt.key == "topic":
            key, label = _resolve_topic(db, flt.value)
            result.interpreted_as.append(Interpretation(f"topic:{flt.value}", "topic", key, key, label))
            row = db.conn.execute("SELECT id FROM topics WHERE key = ?", (key,)).fetchone()
            topic_id = row[0] if row else -1
            if not db.conn.execute("SELECT 1 FROM article_topics WHERE topic_id = ? LIMIT 1", (topic_id,)).fetchone():
                # no article is tagged with it (yet): find the topic's words in every language instead
                phrases = _topic_phrases(key)
                if phrases:
                    result._topic_fts.append("(" + " OR ".join(phrases) + ")")
                    continue
            small = _small_set(db, "SELECT 1 FROM article_topics WHERE topic_id = ?", topic_id)
            where.append("a.id IN (SELECT article_id FROM article_topics WHERE topic_id = ?)" if small else
                         "EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.topic_id = ?)")
            params.append(topic_id)
    return where, params, ok


SMALL_SET = 2000  # a filter matching at most this many rows drives the query from its index


def _small_set(db, sql: str, value) -> bool:
    count = db.conn.execute(f"SELECT count(*) FROM ({sql} LIMIT {SMALL_SET + 1})", (value,)).fetchone()[0]
    return count <= SMALL_SET


def _resolve_entity(db, flt: Filter) -> EntityMatch | None:
    value = flt.value.strip()
    index = name_index(db)
    if flt.key == "country":
        code = value.upper()
        for entity in index.entities.values():
            if entity.key == f"country:{code}":
                return index._match(entity.id, 0)
        found = [m for m in index.lookup(value, kinds={"location"}, whole_only=True) if m.key.startswith("country:")]
        return found[0] if found else None
    if value.isdigit():
        return index._match(int(value), 0) if int(value) in index.entities else None
    for entity in index.entities.values():
        if entity.key == value:
            return index._match(entity.id, 0)
    return index.best(value, kinds=_KINDS[flt.key])


def _topic_table(db) -> dict[str, str]:
    return {key: label for key, label in db.conn.execute("SELECT key, label FROM topics")}


def _resolve_topic(db, value: str) -> tuple[str, str]:
    _topics = _lazy_topics.get()
    known = dict(getattr(_topics, "TOPICS", {}) or {})
    known.update({k: v for k, v in _topic_table(db).items() if k not in known})
    norm = "_".join(_WORDS.findall(_plain(value)))
    if norm in known:
        return norm, known[norm]
    if _topics is not None:
        key = _topics.match_topic(value.replace("_", " "))
        if key:
            return key, known.get(key, key.replace("_", " "))
    for key, label in known.items():
        if _plain(label) == _plain(value):
            return key, label
    names = ", ".join(sorted(known)) or "none yet"
    raise QueryError(f"unknown topic '{value}'; known topics: {names}")


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("_", " ").strip()


# --- expansion of names and topics -------------------------------------------------


def _phrase(words: list[str], prefix: bool = False) -> str:
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"' + ("*" if prefix else "")


def _spellings(aliases) -> list[str]:
    """FTS5 phrases for a list of surface forms: deduplicated, none containing another."""
    seen: dict[tuple[str, ...], list[str]] = {}
    for alias in aliases:
        words = _WORDS.findall(alias)
        folded = tuple(_plain(w) for w in words)
        if words and folded not in seen:
            seen[folded] = words
    keep = []
    for folded, words in sorted(seen.items(), key=lambda item: len(item[0])):
        if any(_contains(folded, other) for other, _ in keep):
            continue
        keep.append((folded, words))
    return [_phrase(words) for _, words in keep[:MAX_SPELLINGS]]


def _contains(longer: tuple, shorter: tuple) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


TOPIC_TERMS_PER_LANGUAGE = 16  # a topic searched by its words: its core words (the lexicon lists them first)


def _topic_phrases(key: str) -> list[str]:
    _topics = _lazy_topics.get()
    phrases = []
    for term in (_topics.topic_terms(key, TOPIC_TERMS_PER_LANGUAGE) if _topics is not None else []):
        words = _WORDS.findall(term)
        if words:
            phrases.append(_phrase(words, term.rstrip().endswith("*")))
    return list(dict.fromkeys(phrases))


def _expand(db, parsed: ParsedQuery, result: SearchResult) -> str:
    tokens = parsed.tokens
    replacements: dict[int, tuple[int, str]] = {}
    index = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind != "term" or token.prefix:
            i += 1
            continue
        end = i + 1
        if not (i > 0 and tokens[i - 1].kind == "op" and tokens[i - 1].text == "NOT"):
            while end < len(tokens) and end - i < _SPAN and tokens[end].kind == "term" and not tokens[end].prefix:
                end += 1
        matched = False
        for j in range(end, i, -1):
            span = tokens[i:j]
            text = " ".join(" ".join(t.words) for t in span)
            original = render(span)
            # a quoted phrase is meant as typed: it is not widened to a topic (names still are)
            quoted = len(span) == 1 and span[0].phrase
            extra, interpretation = ([], None) if quoted else _topic_expansion(text)
            if not extra:
                if index is None:
                    index = name_index(db)
                extra, interpretation = _name_expansion(index, text)
            extra = [phrase for phrase in extra if phrase != original]
            if extra:
                group = " OR ".join([f"({original})" if len(span) > 1 else original] + extra)
                replacements[i] = (j, f"({group})")
                result.interpreted_as.append(interpretation)
                i = j
                matched = True
                break
        if not matched:
            i += 1
    return render(tokens, replacements)


def _topic_expansion(text: str) -> tuple[list[str], Interpretation | None]:
    """A topic named by the whole of `text` (not merely mentioned in it), and its terms in every language."""
    _topics = _lazy_topics.get()
    if _topics is None:
        return [], None
    names = getattr(_topics, "_names", None)
    key = names().get(text_key(text)) if names else None
    if key is None and not _topics.find_topics(text):
        key = _topics.match_topic(text)
    if not key:
        return [], None
    label = getattr(_topics, "TOPICS", {}).get(key, key.replace("_", " "))
    return _topic_phrases(key), Interpretation(text, "topic", key, key, label)


def _name_expansion(index, text: str) -> tuple[list[str], Interpretation | None]:
    found = index.lookup(text, fuzzy_whole=False)
    if not found:
        return [], None
    best = found[0]
    ties = [m for m in found if m.distance == best.distance]
    if len(ties) > _AMBIGUOUS:
        return [], None
    phrases = _spellings(best.aliases)
    return phrases, Interpretation(text, "entity", best.entity_id, best.key, best.name)


# --- running ---------------------------------------------------------------------


def _where(plan: _Plan, extra: list[str] = ()) -> str:
    clauses = list(extra) + plan.where
    return (" AND " + " AND ".join(clauses)) if clauses else ""


def _probe(db, plan: _Plan, high: int | None) -> list[int]:
    """Matching article ids, newest (highest rowid) first, at most CANDIDATES + 1."""
    if plan.fts is None:
        rows = db.conn.execute(
            f"SELECT a.id FROM articles a WHERE 1 {_where(plan)} ORDER BY a.published DESC, a.id DESC LIMIT ?",
            plan.params + [CANDIDATES + 1]).fetchall()
        return [row[0] for row in rows]
    extra = ["articles_fts.rowid <= ?"] if high is not None else []
    join = " JOIN articles a ON a.id = articles_fts.rowid" if plan.where else ""
    sql = (f"SELECT articles_fts.rowid FROM articles_fts{join} WHERE articles_fts MATCH ?{_where(plan, extra)}"
           " ORDER BY articles_fts.rowid DESC LIMIT ?")
    args = [plan.fts] + ([high] if high is not None else []) + plan.params + [CANDIDATES + 1]
    return [row[0] for row in db.conn.execute(sql, args)]


def _rank(db, plan: _Plan, limit: int, after: str | None, result: SearchResult) -> None:
    high, offset = None, 0
    if after:
        try:
            kind, high_text, offset_text = after.split(":")
            assert kind == "t"
            high, offset = int(high_text), int(offset_text)
        except (ValueError, AssertionError):
            raise QueryError("bad page cursor") from None
    ids = _probe(db, plan, high)
    more = len(ids) > CANDIDATES
    block = ids[:CANDIDATES]
    if high is None:
        result._candidates = ids
        result.total, result.total_is_lower_bound = len(block), more
    if not block:
        return
    low, top = block[-1], block[0]
    if more:
        ranked = _rank_by_title_then_newest(db, plan, block)[offset:offset + limit]
    else:
        join = " JOIN articles a ON a.id = articles_fts.rowid" if plan.where else ""
        sql = (f"SELECT articles_fts.rowid, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts{join}"
               f" WHERE articles_fts MATCH ?{_where(plan, ['articles_fts.rowid BETWEEN ? AND ?'])}"
               " ORDER BY score, articles_fts.rowid DESC LIMIT ? OFFSET ?")
        ranked = db.conn.execute(sql, [plan.fts, low, top] + plan.params + [limit, offset]).fetchall()
    if offset + limit < len(block):
        result.next_after = f"t:{top}:{offset + limit}"
    elif more:
        result.next_after = f"t:{low - 1}:0"
    if not ranked:
        return
    order = {rowid: i for i, (rowid, _) in enumerate(ranked)}
    scores = dict(ranked)
    marks = f"'{HIT_START}', '{HIT_END}'"
    detail = db.conn.execute(
        f"""SELECT a.id, a.event_id, a.title, a.lang, a.published,
                   snippet(articles_fts, 1, {marks}, '…', 16), highlight(articles_fts, 0, {marks})
            FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
            WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ?
              AND +articles_fts.rowid IN ({', '.join('?' * len(order))})""",
        [plan.fts, min(order), max(order)] + list(order)).fetchall()
    hits = []
    for article_id, event_id, title, lang, published, snippet, title_marked in detail:
        if HIT_START not in (snippet or "") and title_marked and HIT_START in title_marked:
            snippet = title_marked
        hits.append(SearchHit(article_id, event_id, title, lang, published, -scores[article_id], snippet or ""))
    hits.sort(key=lambda hit: order[hit.article_id])
    result.hits = hits


def _rank_by_title_then_newest(db, plan: _Plan, block: list[int]) -> list[tuple[int, float]]:
    """Order a block of a very common query without bm25: title hits first, then newest.

    bm25 must count every article that contains each term before it can score
    one, which at a million articles costs hundreds of milliseconds for common
    words; with more matches than one block, relevance among them is mostly
    recency anyway. Scores: 1.0 for a title hit, 0.0 otherwise.
    """
    in_title = {row[0] for row in db.conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
        (f"{{title}} : ({plan.fts})", block[-1], block[0]))}
    titled = [(rowid, -1.0) for rowid in block if rowid in in_title]
    others = [(rowid, 0.0) for rowid in block if rowid not in in_title]
    return titled + others


def _list_newest(db, plan: _Plan, limit: int, after: str | None, result: SearchResult) -> None:
    """Filter-only: newest first by publication date (undated last), keyset paging."""
    cursor_published, cursor_id, in_undated = None, None, False
    if after:
        try:
            kind, rest = after.split(":", 1)
            if kind == "p":
                cursor_published, id_text = rest.rsplit(":", 1)
                cursor_id = int(id_text)
            elif kind == "n":
                in_undated, cursor_id = True, int(rest)
            else:
                raise ValueError
        except ValueError:
            raise QueryError("bad page cursor") from None
    columns = "a.id, a.event_id, a.title, a.lang, a.published, substr(a.body, 1, 240)"
    rows: list = []
    if not in_undated:
        extra = ["a.published IS NOT NULL"]
        args: list = []
        if cursor_id is not None:
            extra.append("(a.published, a.id) < (?, ?)")
            args = [cursor_published, cursor_id]
        rows = db.conn.execute(
            f"SELECT {columns} FROM articles a WHERE {' AND '.join(extra)}{_where(plan)}"
            " ORDER BY a.published DESC, a.id DESC LIMIT ?", args + plan.params + [limit + 1]).fetchall()
    if len(rows) <= limit:
        extra = ["a.published IS NULL"]
        args = []
        if in_undated:
            extra.append("a.id < ?")
            args = [cursor_id]
        rows += db.conn.execute(
            f"SELECT {columns} FROM articles a WHERE {' AND '.join(extra)}{_where(plan)}"
            " ORDER BY a.id DESC LIMIT ?", args + plan.params + [limit + 1 - len(rows)]).fetchall()
    page, more = rows[:limit], len(rows) > limit
    result.hits = [SearchHit(r[0], r[1], r[2], r[3], r[4], 0.0, " ".join((r[5] or "").split())) for r in page]
    if more and page:
        last = page[-1]
        result.next_after = f"p:{last[4]}:{last[0]}" if last[4] is not None else f"n:{last[0]}"
    if after is None:
        result._candidates = _probe(db, plan, None)
        result.total = min(len(result._candidates), CANDIDATES)
        result.total_is_lower_bound = len(result._candidates) > CANDIDATES
