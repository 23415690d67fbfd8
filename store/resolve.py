"""Cross-article entity resolution.

An :class:`EntityIndex` holds the known canonical entities (key, kind, name,
aliases, context).  The database layer fills it at start (``add``) and keeps it
up to date as articles are ingested (``add`` again, or ``resolve(..., learn=True)``).
``resolve`` rewrites the extractor's mentions so that every surface form points at
the canonical entity it belongs to:

* exact key or alias (normalised name key: diacritics, transliteration,
  al-/el-, Abdel/Abdul/Abd el, doubled letters, ou/u, sh/ch folded);
* full person names: rapidfuzz over normalised keys, blocked by surname
  skeleton, with given names that must agree ("Yassine Hamouchi" is not
  "Abdellatif Hammouchi");
* surname-only mentions ("Hammouchi", "M. Hammouchi"): linked to a known full
  person with that surname unless the contexts disagree;
* context = domain of the role words around the mention (security, sports,
  politics) and co-occurring organisations/countries; two people whose domains
  are disjoint are never merged.

Known-entities file (TOML), read by :func:`load_known_entities`; its entries are
authoritative (they win over machine-made names and keys)::

    [[person]]
    name = "Abdellatif Hammouchi"            # canonical display name (required)
    aliases = ["Hammouchi", "عبد اللطيف حموشي", "الحموشي"]
    domain = ["security"]                    # optional: security | sports | politics
    # key = "person:abdelatif hamushi"       # optional, default derived from name

    [[organization]]
    name = "DGSN"
    aliases = ["Direction générale de la sûreté nationale", "Sûreté nationale"]

    [[location]]
    name = "Morocco"
    aliases = ["Royaume chérifien"]
    # key defaults to the gazetteer code ("country:MA") when the name is a known place
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz

from store.gazetteer import gazetteer, lower_same_length, surface_key, trie_pattern
from store.model import EntityKind, Mention
from store import names
from store.names import load_lexicon

# The writer resolves the same few thousand names over and over: its pure
# string helpers remember their answers.
_remembered = lru_cache(maxsize=1 << 16)
name_key = _remembered(names.name_key)
name_tokens = _remembered(names.name_tokens)
skeleton = _remembered(names.skeleton)
strip_titles = _remembered(names.strip_titles)
text_key = _remembered(names.text_key)

# --- known-entities file ---------------------------------------------------------


@dataclass(frozen=True)
class KnownEntity:
    """One entry of the user's known-entities file."""

    key: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


_KIND_TABLES: dict[str, EntityKind] = {
    "person": "person", "people": "person", "persons": "person",
    "organization": "organization", "organisation": "organization", "organizations": "organization",
    "organisations": "organization", "org": "organization",
    "location": "location", "locations": "location", "place": "location", "places": "location",
}


def default_key(kind: str, name: str) -> str:
    """The key the extractor would give to `name` of `kind`."""
    if kind == "person":
        return "person:" + name_key(name)
    if kind == "organization":
        hit = _lexicon_key(name, "organization")
        if hit:
            return hit
        return "org:" + (name.lower() if name.isupper() and " " not in name else text_key(name))
    hit = _lexicon_key(name, "location")
    return hit or "place:" + text_key(name)


def _lexicon_key(name: str, kind: str) -> str | None:
    for e in gazetteer().entries.get(surface_key(name), []):
        if e.kind == kind:
            return e.key
    return None


def load_known_entities(path: str | Path) -> list[KnownEntity]:
    """Parse a known-entities TOML file (format in the module docstring)."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out: list[KnownEntity] = []
    for table, entries in data.items():
        kind = _KIND_TABLES.get(table.lower())
        if kind is None or not isinstance(entries, list):
            raise ValueError(f"{path}: unknown table [[{table}]] (use person, organization, location)")
        for i, ent in enumerate(entries):
            name = ent.get("name")
            if not isinstance(name, str) or not name.strip():
                raise ValueError(f"{path}: [[{table}]] entry {i + 1} has no name")
            aliases = tuple(a for a in ent.get("aliases", []) if isinstance(a, str) and a.strip())
            dom = ent.get("domain", ent.get("domains", []))
            domains = (dom,) if isinstance(dom, str) else tuple(dom)
            key = ent.get("key") or default_key(kind, name)
            out.append(KnownEntity(key, kind, name.strip(), aliases, domains))
    return out


# --- context ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _domain_rx() -> tuple[re.Pattern[str], dict[str, str], list[tuple[str, str]]]:
    doms = load_lexicon("titles")["domains"]
    whole: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for dom, words in doms.items():
        for w in words:
            if w.endswith("*"):
                prefixes.append((w[:-1].lower(), dom))
            else:
                whole.setdefault(w.lower(), dom)
    words_all = set(whole) | {p for p, _ in prefixes}
    rx = re.compile(r"(?<!\w)(?:" + trie_pattern(words_all) + r")\w*")
    return rx, whole, sorted(prefixes, key=lambda p: -len(p[0]))


@lru_cache(maxsize=16384)
def _domain_of(word: str) -> str | None:
    _, whole, prefixes = _domain_rx()
    w = word.lower()
    if w in whole:
        return whole[w]
    for end in ("s", "e", "en", "es", "n"):
        if w.endswith(end) and w[: -len(end)] in whole:
            return whole[w[: -len(end)]]
    for p, dom in prefixes:
        if w.startswith(p):
            return dom
    return None


_LAST_HITS: list = [(None, [])]


def domain_hits(body: str) -> list[tuple[int, str]]:
    """(position, domain) of every domain word in body, by position (the last body's result is kept:
    resolve and learn ask for the same article)."""
    last_body, last_out = _LAST_HITS[0]
    if last_body is body:
        return last_out
    rx, _, _ = _domain_rx()
    out = []
    for m in rx.finditer(lower_same_length(body)):
        d = _domain_of(m.group())
        if d:
            out.append((m.start(), d))
    _LAST_HITS[0] = (body, out)
    return out


def mention_context(mentions: list[Mention], body: str, window: int = 160) -> dict[str, Counter[str]]:
    """Context tags per entity key in one article: 'domain:<d>' near its mentions, and the
    keys of co-occurring organisations and countries (counted once per mention of the key)."""
    hits = domain_hits(body)
    counts = Counter(m.key for m in mentions)
    near: dict[str, dict[str, int]] = {}  # key -> domain tag -> hits near its mentions
    if hits:
        pos = [p for p, _ in hits]
        for m in mentions:
            if m.kind == "person":
                lo = bisect.bisect_left(pos, m.start - window)
                hi = bisect.bisect_right(pos, m.end + window)
                if lo < hi:
                    tags = near.setdefault(m.key, {})
                    for _, d in hits[lo:hi]:
                        tag = "domain:" + d
                        tags[tag] = tags.get(tag, 0) + 1
    cooc = {m.key for m in mentions if m.kind != "person" and (m.key.startswith(("org:", "country:")))}
    ctx: dict[str, Counter[str]] = {}
    for k, n in counts.items():
        c = ctx[k] = Counter({t: n for t in cooc if t != k})
        tags = near.get(k)
        if tags:
            c.update(tags)
    return ctx


def _domains(ctx: Counter[str]) -> set[str]:
    return {k for k in ctx if k.startswith("domain:")}


def _conflict(a: set[str], b: set[str]) -> bool:
    """Do two sets of domain tags contradict each other (both known, none shared)?"""
    return bool(a and b and not (a & b))


def _evidence(a: Counter[str], b: Counter[str]) -> int:
    return len(a.keys() & b.keys())


# --- the index ---------------------------------------------------------------------------


@dataclass
class Entity:
    key: str
    kind: str
    name: str
    aliases: set[str] = field(default_factory=set)
    context: Counter[str] = field(default_factory=Counter)
    authoritative: bool = False
    alias_counts: Counter[str] = field(default_factory=Counter)
    domains: set[str] = field(default_factory=set)  # the 'domain:' tags of its context
    surnames: set[str] = field(default_factory=set)  # a person's aliases' last name tokens


def _alias_key(kind: str, alias: str) -> str:
    return name_key(alias) if kind == "person" else text_key(alias)


class EntityIndex:
    """In-memory index of canonical entities, for cross-article resolution."""

    def __init__(self) -> None:
        self._by_key: dict[str, Entity] = {}
        self._alias: dict[tuple[str, str], set[str]] = {}
        self._surname: dict[str, set[str]] = {}  # person surname skeleton -> keys
        self._given: dict[str, set[str]] = {}  # first-name skeleton (2 letters) of full names -> keys
        self._known_rx: re.Pattern[str] | None = None
        self._known_surfaces: dict[str, str] = {}
        self._dirty_known = False

    # -- filling ---------------------------------------------------------------------

    def add(
        self,
        key: str,
        kind: str,
        name: str,
        aliases: Iterable[str] = (),
        *,
        context: Iterable[str] | Counter[str] = (),
        authoritative: bool = False,
    ) -> Entity:
        """Add or update a canonical entity.  `context`: tags such as 'domain:security',
        'org:dgsn', 'country:MA' (or a Counter of them); see :func:`mention_context`."""
        ent = self._by_key.get(key)
        aliases = list(aliases)
        if ent is None or authoritative:
            aliases.insert(0, name)
        if ent is None:
            ent = Entity(key, kind, name, authoritative=authoritative)
            self._by_key[key] = ent
        elif authoritative or not ent.authoritative:
            ent.name = name
            ent.authoritative = ent.authoritative or authoritative
        ent.context.update(context)
        ent.domains.update(tag for tag in context if tag.startswith("domain:"))
        for a in aliases:
            if not a:
                continue
            clean = strip_titles(a) if kind == "person" else a
            ent.aliases.add(clean)
            ent.alias_counts[clean] += 1
            ak = _alias_key(kind, clean)
            if ak:
                self._alias.setdefault((kind, ak), set()).add(key)
            if kind == "person":
                toks = name_tokens(clean)
                if toks:
                    ent.surnames.add(toks[-1])
                    self._surname.setdefault(skeleton(toks[-1]), set()).add(key)
                    if len(toks) >= 2:
                        self._given.setdefault(skeleton(toks[0])[:2], set()).add(key)
            if authoritative:
                self._known_surfaces[surface_key(clean)] = key
                self._dirty_known = True
        if kind == "person" and not ent.authoritative:
            # display name: the most frequent full (multi-word, Latin first) form seen
            full = [a for a in ent.alias_counts if len(a.split()) >= 2]
            if full:
                ent.name = max(full, key=lambda a: (not _ARABIC.search(a), ent.alias_counts[a], -full.index(a)))
        return ent

    def add_known(self, entries: Iterable[KnownEntity]) -> None:
        """Add the user's known entities (authoritative)."""
        for k in entries:
            self.add(k.key, k.kind, k.name, k.aliases,
                     context=[f"domain:{d}" for d in k.domains], authoritative=True)

    def load_known(self, path: str | Path) -> list[KnownEntity]:
        """Read a known-entities TOML file into the index; returns its entries."""
        entries = load_known_entities(path)
        self.add_known(entries)
        return entries

    def get(self, key: str) -> Entity | None:
        return self._by_key.get(key)

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, key: str) -> bool:
        return key in self._by_key

    def entities(self) -> list[Entity]:
        return list(self._by_key.values())

    # -- resolving --------------------------------------------------------------------

    def resolve(self, mentions: list[Mention], body: str, *, learn: bool = False) -> list[Mention]:
        """Mentions with key/name rewritten to their canonical entities (plus mentions of
        authoritative known aliases found in body).  With ``learn`` the article's entities,
        aliases and contexts are added to the index."""
        mentions = self._add_known_mentions(mentions, body)
        ctx: dict[str, Counter[str]] = {}

        def ctx_of(k: str) -> Counter[str]:  # computed only when a decision needs it
            if not ctx:
                ctx.update(mention_context(mentions, body))
                ctx.setdefault("", Counter())
            return ctx.get(k, Counter())

        groups: dict[str, list[Mention]] = {}
        for m in mentions:
            groups.setdefault(m.key, []).append(m)
        mapping: dict[str, tuple[str, str]] = {}
        for key, ms in groups.items():
            kind = ms[0].kind
            if kind == "person":
                target = self._resolve_person(key, ms, ctx_of)
            else:
                target = self._resolve_other(key, kind, ms)
            if target is not None:
                ent = self._by_key[target]
                mapping[key] = (ent.key, ent.name)
        out = [Mention(m.start, m.end, m.surface, m.kind, *mapping[m.key]) if m.key in mapping else m
               for m in mentions]
        if learn:
            self.learn(out, body)
        return out

    def learn(self, mentions: list[Mention], body: str) -> None:
        """Add the (resolved) mentions of one article to the index."""
        ctx = mention_context(mentions, body)
        for key in dict.fromkeys(m.key for m in mentions):
            ms = [m for m in mentions if m.key == key]
            surfaces = [strip_titles(m.surface) if m.kind == "person" else m.surface for m in ms]
            ent = self._by_key.get(key)
            name = ent.name if ent else ms[0].name
            self.add(key, ms[0].kind, name, surfaces, context=ctx.get(key, Counter()))

    def _resolve_other(self, key: str, kind: str, ms: list[Mention]) -> str | None:
        if key in self._by_key and self._by_key[key].kind == kind:
            return key
        if "@" in key:
            return None  # another country's body of a lexicon name ("org:dgsn@mr"): not the lexicon's
        for m in ms:
            for k in (m.name, m.surface):
                hits = self._alias.get((kind, text_key(k)))
                if hits and len(hits) == 1:
                    return next(iter(hits))
        if kind == "organization":
            best, score = None, 0.0
            for m in ms:
                tk = text_key(m.surface)
                if len(tk) < 12:
                    continue
                for (k2, ak), keys in self._alias.items():
                    if k2 != kind or len(keys) != 1 or abs(len(ak) - len(tk)) > 6:
                        continue
                    s = fuzz.ratio(tk, ak)
                    if s > score:
                        best, score = next(iter(keys)), s
            if best and score >= 92:
                return best
        return None

    def _resolve_person(self, key: str, ms: list[Mention], ctx_fn) -> str | None:
        ent = self._by_key.get(key)
        if ent is not None and ent.kind == "person" and len(key.split()) >= 2:
            return key  # the same normalised full name
        ctx = ctx_fn(key)
        domains = _domains(ctx)
        if ent is not None and ent.kind == "person" and not _conflict(domains, ent.domains):
            return key
        names = list(dict.fromkeys([ms[0].name] + [strip_titles(m.surface) for m in ms]))
        toks = max((name_tokens(n) for n in names), key=len)
        # 1. alias keys
        cands: set[str] = set()
        # with a full name at hand, only full names are compared ("Ayoub Hamouchi" is not
        # "Abdellatif Hammouchi" because both are "Hamouchi")
        multi = [n for n in names if len(name_tokens(n)) >= 2]
        for n in multi or names:
            cands |= self._alias.get(("person", name_key(n)), set())
        cands = {c for c in cands if not _conflict(domains, self._by_key[c].domains)}
        pick = self._pick(cands, ctx)
        if pick:
            return pick
        if not toks:
            return None
        # 2. fuzzy on full names / surname-only
        sk = skeleton(toks[-1])
        pool = set(self._surname.get(sk, set()))
        for s2, keys in self._surname.items():
            if s2 != sk and s2[:2] == sk[:2] and fuzz.ratio(s2, sk) >= 80:
                pool |= keys
        best = self._scored(pool, toks, domains)
        if not best and len(toks) >= 2:  # other spellings/transliterations of a full name, found by the first name
            best = self._scored(self._given.get(skeleton(toks[0])[:2], set()) - pool, toks, domains)
        if not best:
            return None
        best.sort(reverse=True)
        top = [ck for s, ck in best if s == best[0][0]]
        return self._pick(set(top), ctx)

    def _scored(self, pool: set[str], toks: tuple[str, ...], domains: set[str]) -> list[tuple[float, str]]:
        """(name score, key) of the pool's people who may be the one named `toks` (in an article
        whose context has these domain tags)."""
        best: list[tuple[float, str]] = []
        for ck in pool:
            ce = self._by_key[ck]
            if _conflict(domains, ce.domains):
                continue
            score = self._name_score(toks, ce)
            if score:
                best.append((score, ck))
        return best

    def _pick(self, cands: set[str], ctx: Counter[str]) -> str | None:
        if not cands:
            return None
        if len(cands) == 1:
            return next(iter(cands))
        scored = sorted(((_evidence(ctx, self._by_key[c].context), self._by_key[c].authoritative, c) for c in cands),
                        reverse=True)
        if scored[0][:2] > scored[1][:2]:
            return scored[0][2]
        return None

    @staticmethod
    def _name_score(toks: tuple[str, ...], ent: Entity) -> float:
        """Similarity of a mention's name tokens to an entity (0 = not the same person)."""
        best = 0.0
        if len(toks) == 1:  # a surname alone: only the aliases' surnames matter
            for last in ent.surnames:
                sur = max(fuzz.ratio(toks[0], last), 100.0 if skeleton(toks[0]) == skeleton(last) else 0.0)
                if sur >= 85:
                    best = max(best, sur * 0.9)
            return best
        for alias in ent.aliases:
            at = name_tokens(alias)
            if not at:
                continue
            sur = max(fuzz.ratio(toks[-1], at[-1]), 100.0 if skeleton(toks[-1]) == skeleton(at[-1]) else 0.0)
            if sur < 85:
                if len(toks) >= 2 and len(at) >= 2:
                    best = max(best, _partial_name_score(toks, at), _partial_name_score(at, toks))
                continue
            if len(toks) == 1:
                best = max(best, sur * 0.9)  # surname only
                continue
            if len(at) > len(toks) and all(_tok_sim(a, b) >= 85 for a, b in zip(toks, at[-len(toks):])):
                best = max(best, sur * 0.9)  # a surname of several words: "Pereira de Sousa", "Van der Heijden"
                continue
            if len(at) == 1:
                continue
            given_a, given_b = " ".join(toks[:-1]), " ".join(at[:-1])
            g = max(fuzz.ratio(given_a, given_b), 100.0 if skeleton(given_a) == skeleton(given_b) else 0.0)
            if g < 80 and not (len(toks[0]) == 1 and at[0].startswith(toks[0])):
                best = max(best, _partial_name_score(toks, at), _partial_name_score(at, toks))
                continue
            best = max(best, (sur + g) / 2)
        return best

    # -- authoritative aliases found in text ----------------------------------------------

    def _add_known_mentions(self, mentions: list[Mention], body: str) -> list[Mention]:
        if not self._known_surfaces:
            return mentions
        if self._dirty_known or self._known_rx is None:
            self._known_rx = re.compile(r"(?<!\w)(?:" + trie_pattern(set(self._known_surfaces)) + r")(?!\w)")
            self._dirty_known = False
        mask = bytearray(len(body))
        for m in mentions:
            mask[m.start:m.end] = b"\x01" * (m.end - m.start)
        extra = []
        for hit in self._known_rx.finditer(lower_same_length(body)):
            s, e = hit.span()
            surf = body[s:e]
            if mask.find(1, s, e) != -1 or (surf[:1].isalpha() and surf[:1].islower() and not surf.isupper() and
                                              not _ARABIC.match(surf)):
                continue
            key = self._known_surfaces[surface_key(surf)]
            ent = self._by_key[key]
            if ent.kind == "person":  # decided with context below, like any other mention
                extra.append(Mention(s, e, surf, "person", "person:" + name_key(surf), strip_titles(surf)))
            else:
                extra.append(Mention(s, e, surf, ent.kind, key, ent.name))  # type: ignore[arg-type]
        if not extra:
            return mentions
        return sorted(mentions + extra, key=lambda m: m.start)


_ARABIC = re.compile("[\u0600-\u06ff]")


@lru_cache(maxsize=1 << 16)
def _tok_sim(a: str, b: str) -> float:
    """Similarity of two name tokens, also on consonant skeletons (transliterations drop vowels)."""
    r = fuzz.ratio(a, b)
    sa, sb = skeleton(a), skeleton(b)
    if len(sa) >= 3 and len(sb) >= 3:
        r = max(r, fuzz.ratio(sa, sb))
    return r


def _consonants_agree(a: str, b: str) -> bool:
    """Spellings of one surname keep its consonants ("Rehberger" / "ريبرغر", "Castellanos" /
    "كاستيانوس"); other consonants are another family's ("Benali" / "Bennani", "Benjelloun")."""
    sa, sb = skeleton(a), skeleton(b)
    return len(sa) < 3 or len(sb) < 3 or fuzz.ratio(sa, sb) >= 80


def _partial_name_score(toks: tuple[str, ...], at: tuple[str, ...]) -> float:
    """A full name that is another spelling or a shorter form of a longer full name: the first names
    agree, the last token matches one of the other's surnames, and the tokens between mostly do
    ("Fernando Ruiz Castellanos" ~ "Fernando Ruiz-Castellanos Merino";
    "فرناندو رويث كاستيانوس" ~ the same; "Dagmar Rehberger" ~ "داغمار ريبرغر")."""
    if _tok_sim(toks[0], at[0]) < 80:
        return 0.0
    rest = at[1:]
    if not any(_tok_sim(toks[-1], a) >= 75 and _consonants_agree(toks[-1], a) for a in rest):
        return 0.0
    matched, j = 0, 0
    for t in toks[1:]:
        for jj in range(j, len(rest)):
            if _tok_sim(t, rest[jj]) >= 75:
                matched, j = matched + 1, jj + 1
                break
    return 80.0 if matched >= max(1, len(toks) - 2) else 0.0
