"""Spelling-tolerant lookup of entities by name, over the alias table.

The aliases of one database are loaded once into memory, normalised with
store.names (the same keys extraction uses), and reloaded only when the alias
or entity tables change. At a million articles there are far fewer aliases
than articles, so this stays small.

* person names match token by token: a query's tokens must each match a token
  of one of the person's aliases (``hamushi``, ``Hamouchi``, ``"Abdul Latif"``
  all find Abdellatif Hammouchi), exactly on the spelling key or within a few
  edits (rapidfuzz Levenshtein: 1 edit for 4–6 letters, 2 from 7 letters);
* organisations and places match on their whole alias (``DGST``, ``Marokko``),
  also within the same edit budget.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from .schema import Database
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .names import name_key, text_key

_WORD_MIN = 3  # shorter query tokens never match a name on their own


def max_edits(token: str) -> int:
    if len(token) >= 7:
        return 2
    if len(token) >= 4:
        return 1
    return 0


@dataclass(frozen=True)
class EntityMatch:
    entity_id: int
    key: str
    kind: str
    name: str
    article_count: int
    distance: int  # total edits between the query and the best alias
    aliases: tuple[str, ...]  # surface forms, most mentioned first


@dataclass
class _Entity:
    id: int
    key: str
    kind: str
    name: str
    article_count: int
    aliases: list[tuple[str, int]] = field(default_factory=list)  # (surface, mention_count)


class NameIndex:
    """Entities and their aliases, normalised, with exact and fuzzy lookup."""

    def __init__(self, entities: dict[int, _Entity]):
        self.entities = entities
        self.token_people: dict[str, set[int]] = {}  # person name token -> entity ids
        self.whole: dict[str, set[int]] = {}  # whole alias key -> entity ids (all kinds)
        for entity in entities.values():
            forms = dict.fromkeys([entity.name] + [alias for alias, _ in entity.aliases])
            for form in forms:
                keys = {text_key(form)}
                if entity.kind == "person":
                    person_key = name_key(form)
                    keys.add(person_key)
                    for token in person_key.split():
                        if len(token) >= _WORD_MIN:
                            self.token_people.setdefault(token, set()).add(entity.id)
                for key in keys:
                    if key:
                        self.whole.setdefault(key, set()).add(entity.id)
            if entity.kind == "location" and entity.key.startswith("country:"):
                self.whole.setdefault(entity.key.split(":", 1)[1].lower(), set()).add(entity.id)
        self._token_list = list(self.token_people)
        self._whole_list = list(self.whole)

    # -- loading ---------------------------------------------------------------

    @classmethod
    def load(cls, db: Database) -> "NameIndex":
        entities: dict[int, _Entity] = {}
        for row in db.conn.execute("SELECT id, key, kind, name, article_count FROM entities"):
            entities[row[0]] = _Entity(*row)
        for entity_id, alias, count in db.conn.execute(
            "SELECT entity_id, alias, mention_count FROM aliases ORDER BY mention_count DESC, id"
        ):
            entity = entities.get(entity_id)
            if entity is not None:
                entity.aliases.append((alias, count))
        return cls(entities)

    # -- lookup ----------------------------------------------------------------

    def _match(self, entity_id: int, distance: int) -> EntityMatch:
        entity = self.entities[entity_id]
        aliases = [alias for alias, _ in entity.aliases]
        if entity.name not in aliases:
            aliases.append(entity.name)
        return EntityMatch(entity.id, entity.key, entity.kind, entity.name, entity.article_count,
                           distance, tuple(aliases))

    def _fuzzy(self, key: str, choices: list[str]) -> list[tuple[str, int]]:
        budget = max_edits(key.replace(" ", ""))
        if budget == 0 or not choices:
            return []
        found = process.extract(key, choices, scorer=Levenshtein.distance, score_cutoff=budget, limit=25)
        return [(choice, int(distance)) for choice, distance, _ in found]

    def lookup(self, text: str, *, kinds: set[str] | None = None, whole_only: bool = False,
               fuzzy_whole: bool = True, fuzzy_tokens: bool = True) -> list[EntityMatch]:
        """Entities `text` may name, best first (fewest edits, then most articles)."""
        candidates: dict[int, int] = {}  # entity id -> distance

        def offer(entity_ids, distance):
            for entity_id in entity_ids:
                kind = self.entities[entity_id].kind
                if kinds and kind not in kinds:
                    continue
                if distance < candidates.get(entity_id, 99):
                    candidates[entity_id] = distance

        keys = {text_key(text), name_key(text)}
        keys.discard("")
        for key in keys:
            offer(self.whole.get(key, ()), 0)
        if fuzzy_whole and not candidates:
            for key in keys:
                for choice, distance in self._fuzzy(key, self._whole_list):
                    offer(self.whole[choice], distance)
        if not whole_only:
            self._people_by_tokens(name_key(text), offer, fuzzy_tokens and not candidates)
        ranked = sorted(candidates.items(),
                        key=lambda item: (item[1], -self.entities[item[0]].article_count, item[0]))
        return [self._match(entity_id, distance) for entity_id, distance in ranked]

    def _people_by_tokens(self, key: str, offer, fuzzy: bool) -> None:
        tokens = [token for token in key.split() if token]
        if not tokens or any(len(token) < _WORD_MIN for token in tokens):
            return
        per_token: list[dict[int, int]] = []
        for token in tokens:
            found: dict[int, int] = {entity_id: 0 for entity_id in self.token_people.get(token, ())}
            if fuzzy:
                for choice, distance in self._fuzzy(token, self._token_list):
                    for entity_id in self.token_people[choice]:
                        if distance < found.get(entity_id, 99):
                            found[entity_id] = distance
            if not found:
                return
            per_token.append(found)
        common = set(per_token[0]).intersection(*per_token[1:])
        by_distance: dict[int, list[int]] = {}
        for entity_id in common:
            by_distance.setdefault(sum(found[entity_id] for found in per_token), []).append(entity_id)
        for distance, entity_ids in by_distance.items():
            offer(entity_ids, distance)

    def best(self, text: str, **options) -> EntityMatch | None:
        found = self.lookup(text, **options)
        return found[0] if found else None


_CACHE: dict[object, tuple[tuple, NameIndex]] = {}
_LOCK = threading.Lock()


def _cache_key(db: Database) -> object:
    row = db.conn.execute("PRAGMA database_list").fetchone()
    return row[2] or id(db.conn)


def name_index(db: Database) -> NameIndex:
    """The name index of this database, loaded once and reloaded when its entities change."""
    stamp = tuple(db.conn.execute(
        "SELECT (SELECT max(id) FROM aliases), (SELECT count(*) FROM aliases),"
        " (SELECT max(id) FROM entities), (SELECT count(*) FROM entities),"
        " (SELECT count(*) FROM corrections)"
    ).fetchone())
    key = _cache_key(db)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached and cached[0] == stamp:
            return cached[1]
    index = NameIndex.load(db)
    with _LOCK:
        _CACHE[key] = (stamp, index)
    return index
