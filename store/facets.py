"""Facet counts for a search result: languages, top entities, topics, years.

    facets(db, result, *, top=10) -> Facets

Counts are over the result's candidate set (`SearchResult.candidate_ids`):
every match when there are at most search.CANDIDATES of them — then they are
exact — else the newest block of matches (`Facets.exact` is False), so the
cost stays bounded at a million articles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .schema import Database

from .search import SearchResult, search


@dataclass(frozen=True)
class FacetValue:
    value: str  # language code, entity id, topic key or year ("????" for undated)
    label: str  # what to show
    count: int  # articles


@dataclass
class Facets:
    articles: int  # articles counted
    exact: bool  # False when counted over the newest block of a larger result
    languages: list[FacetValue] = field(default_factory=list)
    entities: list[FacetValue] = field(default_factory=list)  # label "name (kind)"
    topics: list[FacetValue] = field(default_factory=list)
    years: list[FacetValue] = field(default_factory=list)  # newest first

    def as_dict(self) -> dict:
        def values(items):
            return [{"value": v.value, "label": v.label, "count": v.count} for v in items]
        return {"articles": self.articles, "exact": self.exact, "languages": values(self.languages),
                "entities": values(self.entities), "topics": values(self.topics), "years": values(self.years)}


def facets(db: Database, result: SearchResult | str, *, top: int = 10) -> Facets:
    """Facet counts for a result (or a query string, which is searched first)."""
    if isinstance(result, str):
        result = search(db, result, limit=1)
    ids = result.candidate_ids(db)
    out = Facets(len(ids), not result.total_is_lower_bound)
    if not ids:
        return out
    conn = db.conn
    id_list = json.dumps(ids)
    out.languages = [FacetValue(lang, lang, count) for lang, count in conn.execute(
        "SELECT a.lang, count(*) AS n FROM json_each(?) j JOIN articles a ON a.id = j.value"
        " GROUP BY a.lang ORDER BY n DESC, a.lang", (id_list,))]
    out.years = [FacetValue(year, year, count) for year, count in conn.execute(
        "SELECT coalesce(substr(coalesce(a.published, a.date_start), 1, 4), '????') AS y, count(*)"
        " FROM json_each(?) j JOIN articles a ON a.id = j.value GROUP BY y ORDER BY y = '????', y DESC",
        (id_list,))]
    out.entities = [FacetValue(str(entity_id), f"{name} ({kind})", count) for entity_id, name, kind, count in conn.execute(
        "SELECT e.id, e.name, e.kind, count(DISTINCT m.article_id) AS n FROM json_each(?) j"
        " JOIN mentions m ON m.article_id = j.value JOIN entities e ON e.id = m.entity_id"
        " GROUP BY e.id ORDER BY n DESC, e.article_count DESC, e.id LIMIT ?", (id_list, top))]
    out.topics = [FacetValue(key, label, count) for key, label, count in conn.execute(
        "SELECT t.key, t.label, count(*) AS n FROM json_each(?) j"
        " JOIN article_topics at ON at.article_id = j.value JOIN topics t ON t.id = at.topic_id"
        " GROUP BY t.id ORDER BY n DESC, t.key LIMIT ?", (id_list, top))]
    return out
