"""Pure, incremental grouping of articles into events (meetings, visits).

A new article is turned into `ArticleFeatures`; the DB layer fetches the candidate
events (`EventSummary`) that share one of `candidate_keys(features)` and whose
dates fall in `candidate_window(features)`; `choose_event` picks the event the
article joins (or None: start a new one with `new_event`); `merge_into` updates
the summary.  Nothing is ever re-clustered, so the cost per article is bounded by
the handful of candidates the DB returns (indexed by entity key and date).

Candidate window the DB layer is expected to use (see `candidate_window`):
- article with known dates [s, e]: events whose [start, end] intersects
  [s - 3 days, e + 3 days] (further apart they clash), plus undated events whose latest article was published
  in [s - 3 days, e + 52 days] (`undated_window`);
- article without dates but with a publication date p: events whose [start, end]
  intersects [p - 45 days, p + 3 days] and undated events last published in
  [p - 45 days, p + 48 days];
- neither: the most recent ~50 events sharing a key (no date bound).

Entity keys follow `store.model.Mention.key`: "person:<name>", "org:<acronym>",
"country:MA", "city:rabat".  `host_weights` maps keys to a weight in [0, 1]:
entities that occur in nearly every article (the host: Hammouchi, Morocco, DGSN)
weigh little; `host_weights_from_df` derives them from document frequencies.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

from .dates import parse_iso_date
from .model import DateSpan, Mention

__all__ = [
    "ArticleFeatures",
    "EventSummary",
    "article_features",
    "candidate_keys",
    "candidate_window",
    "undated_window",
    "choose_event",
    "event_title",
    "host_weights_from_df",
    "merge_into",
    "new_event",
    "score_event",
]

COUNTRY = "country:"
PARTICIPANT_PREFIXES = ("person:", "org:")
HOST_WEIGHT = 0.5  # keys weighing less than this are treated as the host side
UNKNOWN_DATE = "????-??-??"


class ArticleLike(Protocol):
    """What `article_features` reads (store.model.ProcessedArticle satisfies it)."""

    lang: str
    published: str | None
    event_dates: DateSpan
    mentions: list[Mention]
    topics: dict[str, int]


@dataclass(frozen=True)
class ArticleFeatures:
    """What event grouping needs to know about one article."""

    article_id: int
    lang: str = ""
    published: str | None = None
    dates: DateSpan = field(default_factory=DateSpan)
    participants: Mapping[str, int] = field(default_factory=dict)  # person:/org: key -> mentions
    places: Mapping[str, int] = field(default_factory=dict)  # city: key -> mentions
    countries: Mapping[str, int] = field(default_factory=dict)  # country: key -> mentions
    topics: frozenset[str] = frozenset()
    place: str | None = None  # the place of the event (the location named nearest the date)


@dataclass(frozen=True)
class EventSummary:
    """An event as stored: what `choose_event` compares articles against."""

    event_id: int
    start: str | None = None
    end: str | None = None
    weekday: str | None = None  # English weekday when stated but the date is unknown
    place: str | None = None  # city:/country: key
    counterpart: str | None = None  # country: key of the non-host side
    participants: tuple[str, ...] = ()  # person:/org: keys, most mentioned first
    topics: tuple[str, ...] = ()
    article_count: int = 0
    title: str = ""
    hosts: tuple[str, ...] = ()  # participants judged to be the host side
    published_min: str | None = None  # publication dates of its articles
    published_max: str | None = None
    participant_counts: Mapping[str, int] = field(default_factory=dict)
    country_counts: Mapping[str, int] = field(default_factory=dict)
    place_counts: Mapping[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------- features


def _nearest_location(mentions: list[Mention], at: int) -> str | None:
    """Key of the location mentioned nearest offset `at`; a city beats a country when close."""
    best: tuple[float, str] | None = None
    for m in mentions:
        if m.kind != "location":
            continue
        dist = float(min(abs(m.start - at), abs(m.end - at)))
        if m.key.startswith(COUNTRY):
            dist = dist * 1.5 + 20  # "visite en Turquie … à Ankara du 18 au 20": Ankara
        if best is None or dist < best[0]:
            best = (dist, m.key)
    return best[1] if best and best[0] <= 400 else None


def _most_mentioned_city(places: Mapping[str, int], mentions: list[Mention]) -> str | None:
    if not places:
        return None
    first = {m.key: m.start for m in reversed(mentions)}
    return min(places, key=lambda k: (-places[k], first.get(k, 0)))


def article_features(article_id: int, article: ArticleLike, date_at: int | None = None) -> ArticleFeatures:
    """Features of a processed article.

    `date_at` is the body offset of the event-date expression
    (`store.dates.find_event_dates_at`); the place is the location named nearest
    to it (else the most mentioned city).
    """
    participants: Counter[str] = Counter()
    places: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for m in article.mentions:
        if m.key.startswith(PARTICIPANT_PREFIXES) or m.kind in ("person", "organization"):
            participants[m.key] += 1
        elif m.key.startswith(COUNTRY):
            countries[m.key] += 1
        elif m.kind == "location":
            places[m.key] += 1
    place = _nearest_location(article.mentions, date_at) if date_at is not None else None
    place = place or _most_mentioned_city(places, article.mentions)
    return ArticleFeatures(
        article_id=article_id,
        lang=article.lang,
        published=article.published,
        dates=article.event_dates,
        participants=dict(participants),
        places=dict(places),
        countries=dict(countries),
        topics=frozenset(article.topics),
        place=place,
    )


LOW_SHARE, HIGH_SHARE = 0.2, 0.6  # document-frequency shares: guest up to 20%, host from 60%


PRIOR_ARTICLES, PRIOR_SHARE = 10, LOW_SHARE  # shares shrunk toward 20% as if 10 more articles were seen


def host_weights_from_df(df: Mapping[str, int], n_articles: int, min_df: int = 3) -> dict[str, float]:
    """Weights in [0.05, 1] from document frequencies (key -> number of articles naming it).

    1 up to 20% of the articles, falling linearly to 0.05 at 60% and above (the
    host: Hammouchi, Morocco, DGSN); the host threshold 0.5 is crossed near 43%.
    Keys seen in fewer than `min_df` articles keep weight 1, and shares are shrunk
    toward 20% as if `PRIOR_ARTICLES` more articles had been seen: in a young
    corpus a guest of three articles out of eight is not the host yet, while a
    name in all five of five already is.
    """
    weights: dict[str, float] = {}
    for key, count in df.items():
        if count < min_df or n_articles <= 0:
            weights[key] = 1.0
            continue
        share = (min(count, n_articles) + PRIOR_ARTICLES * PRIOR_SHARE) / (n_articles + PRIOR_ARTICLES)
        fall = (share - LOW_SHARE) / (HIGH_SHARE - LOW_SHARE) * 0.95
        weights[key] = max(0.05, min(1.0, 1.0 - fall))
    return weights


def _w(key: str, host_weights: Mapping[str, float]) -> float:
    return host_weights.get(key, 1.0)


def _counterpart(countries: Mapping[str, int], host_weights: Mapping[str, float]) -> str | None:
    """The most mentioned country that is not the host side."""
    ranked = [(count * _w(k, host_weights), k) for k, count in countries.items()
              if _w(k, host_weights) >= HOST_WEIGHT]
    if not ranked:
        return None
    return min(ranked, key=lambda t: (-t[0], t[1]))[1]


# --------------------------------------------------------------------------- dates


@lru_cache(maxsize=65536)
def _span(start: str | None, end: str | None) -> tuple[_dt.date, _dt.date] | None:
    s = parse_iso_date(start)
    if s is None:
        return None
    e = parse_iso_date(end) or s
    return (s, e) if e >= s else (e, s)


def _gap(a: tuple[_dt.date, _dt.date], b: tuple[_dt.date, _dt.date]) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def _weekdays_in(span: tuple[_dt.date, _dt.date]) -> set[str]:
    days = min((span[1] - span[0]).days, 6)
    return {(span[0] + _dt.timedelta(days=i)).strftime("%A") for i in range(days + 1)}


NEAR_DAYS = 3  # dated article and event at most this many days apart may be one meeting


def dates_clash(features: ArticleFeatures, start: str | None, end: str | None) -> bool:
    """True when a dated article and a dated event [start, end] are more than 3 days apart.

    Such an event can never be chosen (`date_compatibility` says 'conflict'):
    the writer drops it from the candidates before reading its summary.
    """
    fa, ev = _span(features.dates.start, features.dates.end), _span(start, end)
    return bool(fa and ev and _gap(fa, ev) > NEAR_DAYS)


def date_compatibility(features: ArticleFeatures, event: EventSummary) -> str:
    """'same' (≤ 1 day apart), 'near' (≤ 3 days), 'unknown', or 'conflict'."""
    fa, ev = _span(features.dates.start, features.dates.end), _span(event.start, event.end)
    pub = parse_iso_date(features.published)
    if fa and ev:
        gap = _gap(fa, ev)
        return "same" if gap <= 1 else "near" if gap <= NEAR_DAYS else "conflict"
    if fa:  # event undated
        if event.weekday and event.weekday not in _weekdays_in(fa):
            return "conflict"
        pub_range = _span(event.published_min, event.published_max)
        if pub_range and not (pub_range[0] - _dt.timedelta(days=45) <= fa[0]
                              <= pub_range[1] + _dt.timedelta(days=3)):
            return "conflict"
        if pub_range and pub_range[0] - _dt.timedelta(days=3) <= fa[1] and fa[0] <= pub_range[1]:
            return "near"  # reported within days of the event's articles
        return "unknown"
    if ev:  # article undated
        if features.dates.weekday and features.dates.weekday not in _weekdays_in(ev):
            return "conflict"
        if pub and not (ev[0] - _dt.timedelta(days=3) <= pub <= ev[1] + _dt.timedelta(days=45)):
            return "conflict"
        if pub and ev[0] <= pub <= ev[1] + _dt.timedelta(days=3):
            return "near"  # published within days of the event
        return "unknown"
    if features.dates.weekday and event.weekday and features.dates.weekday != event.weekday:
        return "conflict"
    pub_range = _span(event.published_min, event.published_max)
    if pub and pub_range:
        gap = _gap((pub, pub), pub_range)
        if gap > 45:
            return "conflict"
        if gap <= 2 and features.dates.weekday == event.weekday:
            return "near"
    return "unknown"


# --------------------------------------------------------------------------- scoring

_DATE_BONUS = {"same": 1.5, "near": 0.5, "unknown": 0.0}
MIN_SCORE = 2.5  # dated article and event
MIN_SCORE_UNDATED = 3.5  # either side undated: needs strong entity overlap
PLACE_AGREE = 0.5
# Two towns: a minister seen in Paris and in Madrid the same week had two meetings. One name in
# common no longer joins them; two names or agreeing counterpart countries still do (one article's
# place may be its dateline). Generated corpus, 6,000 articles: B-cubed P .878 -> .975, R .884 -> .885.
PLACE_CLASH = 1.5


def score_event(features: ArticleFeatures, event: EventSummary,
                host_weights: Mapping[str, float]) -> float | None:
    """Similarity of an article to an event, or None when they cannot be the same event."""
    dates = date_compatibility(features, event)
    if dates == "conflict":
        return None
    score = 0.0
    strong = 0.0  # evidence beyond the host side
    similarity = country_similarity(features.countries, event.country_counts, host_weights)
    if similarity is not None:
        if similarity >= COUNTRY_AGREE:
            score += 2.0 * similarity
            strong += 2.0 * similarity
        elif similarity == 0.0 and not _shared_guests(features, event, host_weights):
            return None  # Italy vs Denmark, and no guest in common: two meetings
        else:
            score -= COUNTRY_PENALTY  # mostly other countries: only strong shared guests overcome it
    core = event.participants[:CORE_PARTICIPANTS]
    shared = set(features.participants) & set(core)
    for key in shared:
        weight = _w(key, host_weights)
        gain = weight * (1.5 if key.startswith("person:") else 0.75)
        score += gain
        if weight >= HOST_WEIGHT:
            strong += gain
    for key, other in _same_people_named_otherwise(features.participants, core, shared):
        weight = min(_w(key, host_weights), _w(other, host_weights))
        gain = weight * SPELLED_OTHERWISE
        score += gain
        if weight >= HOST_WEIGHT:
            strong += gain
    if features.place and event.place:
        score += PLACE_AGREE if features.place == event.place else -PLACE_CLASH
    if features.topics and event.topics:
        shared = len(features.topics & set(event.topics))
        score += 0.5 * shared / len(features.topics | set(event.topics))
    score += _DATE_BONUS[dates]
    if strong < 1.0:
        return None  # only the host in common (Hammouchi, Morocco, DGSN)
    threshold = MIN_SCORE if dates in ("same", "near") else MIN_SCORE_UNDATED
    return score if score >= threshold else None


# a person the article and the event name differently ("C. Benali" / "Camille Benali", "Benali"): counts
# less than the same key (another Benali may be meant). Generated corpus, 1,500 articles into an empty
# database: B-cubed R .836 -> .866, P 1.000 -> 1.000 (and R .903 with the place looked up too)
SPELLED_OTHERWISE = 1.0


def _same_people_named_otherwise(article: Iterable[str], event: Iterable[str],
                                 shared: set[str]) -> list[tuple[str, str]]:
    """(article key, event key) pairs of people not already shared whose names agree: the same surname,
    and the given names the same, one an initial of the other, or one left out."""
    others = [(other, _name_parts(other)) for other in event if other not in shared and other.startswith("person:")]
    if not others:
        return []
    pairs = []
    for key in article:
        if key in shared or not key.startswith("person:"):
            continue
        surname, given = _name_parts(key)
        for i, (other, (other_surname, other_given)) in enumerate(others):
            if surname == other_surname and len(surname) >= 3 and (
                    not given or not other_given
                    or (len(given) == 1 or len(other_given) == 1) and given[0] == other_given[0]):
                pairs.append((key, other))
                del others[i]
                break
    return pairs


@lru_cache(maxsize=65536)
def _name_parts(key: str) -> tuple[str, str]:
    """("benali", "kamile") for "person:kamile benali", ("benali", "") for "person:benali"."""
    tokens = key[7:].split()
    return (tokens[-1], tokens[0]) if len(tokens) >= 2 else (tokens[0] if tokens else "", "")


COUNTRY_AGREE = 0.5  # cosine of the guest-country profiles from which they agree
COUNTRY_PENALTY = 1.5


def _guest_profile(countries: Mapping[str, int], host_weights: Mapping[str, float]) -> dict[str, float]:
    return {k: n * _w(k, host_weights) for k, n in countries.items() if _w(k, host_weights) >= HOST_WEIGHT and n > 0}


def country_similarity(article: Mapping[str, int], event: Mapping[str, int],
                       host_weights: Mapping[str, float]) -> float | None:
    """Cosine of the two non-host country profiles (mentions × weight); None if either is empty.

    Softer than comparing the single most mentioned country: an article that
    names Spain and Portugal once each (the 2030 World Cup) still agrees with
    an event about Spain, while an event about Germany and an article about
    Portugal that mentions Germany in passing do not.
    """
    a, e = _guest_profile(article, host_weights), _guest_profile(event, host_weights)
    if not a or not e:
        return None
    dot = sum(v * e.get(k, 0.0) for k, v in a.items())
    if dot == 0.0:
        return 0.0
    return dot / (sum(v * v for v in a.values()) ** 0.5 * sum(v * v for v in e.values()) ** 0.5)


def _shared_guests(features: ArticleFeatures, event: EventSummary, host_weights: Mapping[str, float]) -> bool:
    return any(k.startswith("person:") and _w(k, host_weights) >= HOST_WEIGHT
               for k in set(features.participants) & set(event.participants[:CORE_PARTICIPANTS]))


def choose_event(features: ArticleFeatures, candidates: list[EventSummary],
                 host_weights: Mapping[str, float]) -> int | None:
    """Id of the event the article joins, or None to start a new event."""
    best: tuple[float, int, int] | None = None
    for event in candidates:
        score = score_event(features, event, host_weights)
        if score is None:
            continue
        key = (score, event.article_count, -event.event_id)
        if best is None or key > best:
            best = key
    return -best[2] if best is not None else None


# --------------------------------------------------------------------------- summaries


def _ranked(counts: Mapping[str, int]) -> tuple[str, ...]:
    return tuple(sorted(counts, key=lambda k: (-counts[k], k)))


def _summarise(event_id: int, start: str | None, end: str | None, weekday: str | None,
               participant_counts: Counter[str], country_counts: Counter[str], place_counts: Counter[str],
               topics: Iterable[str], article_count: int, published: list[str],
               host_weights: Mapping[str, float], previous_counterpart: str | None = None) -> EventSummary:
    participants = _ranked(participant_counts)
    hosts = tuple(k for k in participants if _w(k, host_weights) < HOST_WEIGHT)
    counterpart = _counterpart(country_counts, host_weights) or previous_counterpart
    place = _ranked(place_counts)[0] if place_counts else None
    return EventSummary(
        event_id=event_id, start=start, end=end, weekday=None if start else weekday, place=place,
        counterpart=counterpart, participants=participants, topics=tuple(sorted(set(topics))),
        article_count=article_count, hosts=hosts,
        published_min=min(published) if published else None,
        published_max=max(published) if published else None,
        participant_counts=dict(participant_counts), country_counts=dict(country_counts),
        place_counts=dict(place_counts),
    )


def new_event(event_id: int, features: ArticleFeatures,
              host_weights: Mapping[str, float] | None = None) -> EventSummary:
    """Summary of a new event started by one article (title filled without display names)."""
    hw = host_weights or {}
    summary = _summarise(
        event_id, features.dates.start, features.dates.end or features.dates.start, features.dates.weekday,
        Counter(features.participants), Counter(features.countries),
        Counter({features.place: 1}) if features.place else Counter(),
        features.topics, 1, [features.published] if features.published else [], hw,
    )
    return replace(summary, title=event_title(summary, {}))


# Only an event's most mentioned participants count as evidence: names met in
# passing accumulate as an event grows and would otherwise draw in every
# article that happens to name one of them.
CORE_PARTICIPANTS = 3
MAX_EVENT_DAYS = 3  # an event's dates widen to cover a new article's only up to this span


def _merged_dates(event: EventSummary, features: ArticleFeatures) -> tuple[str | None, str | None, str | None]:
    ev, fa = _span(event.start, event.end), _span(features.dates.start, features.dates.end)
    if ev is None:
        if fa is None:
            return None, None, event.weekday or features.dates.weekday
        return fa[0].isoformat(), fa[1].isoformat(), None
    if fa is not None:
        lo, hi = min(ev[0], fa[0]), max(ev[1], fa[1])
        if (hi - lo).days <= MAX_EVENT_DAYS:  # a multi-day visit reported day by day
            return lo.isoformat(), hi.isoformat(), None
    return ev[0].isoformat(), ev[1].isoformat(), None


def merge_into(summary: EventSummary, features: ArticleFeatures,
               host_weights: Mapping[str, float] | None = None) -> EventSummary:
    """The summary updated with one more article (pure; returns a new summary).

    Dates: an undated event takes the article's dates; dated ones widen to cover
    the article's dates when the result spans at most a week.
    """
    start, end, weekday = _merged_dates(summary, features)
    participants = Counter(summary.participant_counts)
    participants.update(features.participants)
    countries = Counter(summary.country_counts)
    countries.update(features.countries)
    places = Counter(summary.place_counts)
    if features.place:
        places[features.place] += 1
    published = [p for p in (summary.published_min, summary.published_max, features.published) if p]
    if host_weights is None:  # keep the host side and counterpart judged so far
        hw: Mapping[str, float] = {k: 0.0 for k in summary.hosts}
        if summary.counterpart:
            hw = {**hw, **{k: 0.0 for k in countries if k != summary.counterpart}}
    else:
        hw = host_weights
    merged = _summarise(summary.event_id, start, end, weekday, participants, countries, places,
                        set(summary.topics) | set(features.topics), summary.article_count + 1,
                        published, hw, previous_counterpart=summary.counterpart)
    return replace(merged, title=event_title(merged, {}))


# --------------------------------------------------------------------------- titles


def _display(key: str, names: Mapping[str, str]) -> str:
    if key in names:
        return names[key]
    raw = key.split(":", 1)[-1]
    if key.startswith(COUNTRY):
        return raw
    if key.startswith("org:"):
        return raw.upper() if len(raw) <= 6 else raw.title()
    return raw.replace("_", " ").title()


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def event_title(summary: EventSummary, names: Mapping[str, str]) -> str:
    """E.g. "Hammouchi – Vittorio Pisani (Italy) · Rabat · 2024-06-03".

    Host people by surname, then up to two counterpart people in full (else the
    counterpart organisations), the counterpart country, the place and the dates
    ("2024-06-26–28", or the stated weekday when the date is unknown).
    """
    people = [k for k in summary.participants if k.startswith("person:")]
    hosts = [k for k in people if k in summary.hosts]
    guests = [k for k in people if k not in summary.hosts]
    if not guests:
        guests = [k for k in summary.participants if k.startswith("org:") and k not in summary.hosts]
    who = " – ".join(filter(None, (
        ", ".join(_surname(_display(k, names)) for k in hosts[:1]),
        ", ".join(_display(k, names) for k in guests[:2]) + (" …" if len(guests) > 2 else ""),
    )))
    if summary.counterpart:
        country = _display(summary.counterpart, names)
        who = f"{who} ({country})" if who else country
    parts = [who or "Event"]
    if summary.place:
        parts.append(_display(summary.place, names))
    parts.append(_title_date(summary))
    return " · ".join(parts)


def _title_date(summary: EventSummary) -> str:
    if not summary.start:
        return f"{UNKNOWN_DATE} ({summary.weekday})" if summary.weekday else UNKNOWN_DATE
    if not summary.end or summary.end == summary.start:
        return summary.start
    if summary.end[:7] == summary.start[:7]:
        return f"{summary.start}–{summary.end[8:]}"
    return f"{summary.start}–{summary.end}"


# --------------------------------------------------------------------------- candidates


def candidate_keys(features: ArticleFeatures, host_weights: Mapping[str, float] | None = None,
                   limit: int = 8) -> list[str]:
    """Entity keys to look candidate events up by, most discriminating first.

    People, then counterpart-like countries, organisations and the place.  With
    `host_weights`, host keys (weight < 0.5) are dropped unless nothing else is left.
    """
    hw = host_weights or {}

    def rank(k: str) -> tuple[float, int, int, str]:
        kind = 0 if k.startswith("person:") else 1 if k.startswith(COUNTRY) else 2
        return (-_w(k, hw), kind, -features.participants.get(k, 0), k)  # then the most mentioned

    keys = set(features.participants) | set(features.countries)
    if features.place:
        keys.add(features.place)
    ordered = sorted(keys, key=rank)
    informative = [k for k in ordered if _w(k, hw) >= HOST_WEIGHT]
    return (informative or ordered)[:limit]


def candidate_window(features: ArticleFeatures) -> tuple[str | None, str | None]:
    """ISO bounds the candidate events' dates should intersect; (None, None) = no bound.

    Dated article [s, e]: [s - 3, e + 3] days (an event further away clashes, see `dates_clash`).
    Undated with publication date p:
    [p - 45, p + 3] days.  Undated events should be matched on their publication
    range instead (see the module docstring).
    """
    span = _span(features.dates.start, features.dates.end)
    if span:
        return ((span[0] - _dt.timedelta(days=NEAR_DAYS)).isoformat(),
                (span[1] + _dt.timedelta(days=NEAR_DAYS)).isoformat())
    pub = parse_iso_date(features.published)
    if pub:
        return ((pub - _dt.timedelta(days=45)).isoformat(), (pub + _dt.timedelta(days=3)).isoformat())
    return (None, None)


def undated_window(features: ArticleFeatures) -> tuple[str | None, str | None]:
    """ISO bounds for the latest publication date of the undated events that may match.

    Dated article [s, e]: [s - 3, e + 52] days; undated, published p: [p - 45, p + 48]
    (`date_compatibility` rules out the rest); (None, None) when neither is known.
    """
    span = _span(features.dates.start, features.dates.end)
    if span:
        return ((span[0] - _dt.timedelta(days=3)).isoformat(), (span[1] + _dt.timedelta(days=52)).isoformat())
    pub = parse_iso_date(features.published)
    if pub is None:
        return (None, None)
    return ((pub - _dt.timedelta(days=45)).isoformat(), (pub + _dt.timedelta(days=48)).isoformat())
