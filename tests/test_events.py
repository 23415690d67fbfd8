"""Incremental event grouping: the seeds (features built from the gold) and synthetic cases."""

from __future__ import annotations

import dataclasses

import re
from collections import Counter
from collections.abc import Mapping
from itertools import combinations

import pytest

from store.dates import find_event_dates_at, find_published
from store.events import (
    ArticleFeatures,
    EventSummary,
    article_features,
    candidate_keys,
    candidate_window,
    choose_event,
    date_compatibility,
    dates_clash,
    event_title,
    host_weights_from_df,
    merge_into,
    new_event,
)
from store.model import DateSpan, Mention, ProcessedArticle
from tests.test_dates import GOLD, TODAY, seed_body, seed_segments

COUNTRY_CODES = {"morocco": "MA", "italy": "IT", "denmark": "DK", "france": "FR", "turkey": "TR",
                 "saudi_arabia": "SA", "jordan": "JO", "malaysia": "MY", "portugal": "PT", "spain": "ES"}


def entity_key(entity_id: str) -> str:
    info = GOLD["entities"][entity_id]
    if info["kind"] == "person":
        return f"person:{entity_id}"
    if info["kind"] == "organization":
        return f"org:{entity_id}"
    if entity_id in COUNTRY_CODES:
        return f"country:{COUNTRY_CODES[entity_id]}"
    return f"city:{entity_id}"


NAMES = {entity_key(e): info["name"] for e, info in GOLD["entities"].items()}


def gold_mentions(body: str, entity_ids: list[str]) -> list[Mention]:
    """Mentions of the gold entities, found by their gold surface forms (longest first)."""
    forms = sorted(((f, e) for e in entity_ids for f in GOLD["entities"][e]["forms"]), key=lambda t: -len(t[0]))
    by_form = {f.lower(): e for f, e in forms}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f, _ in forms) + r")\b", re.IGNORECASE)
    mentions = []
    for m in pattern.finditer(body):
        eid = by_form[m.group().lower()]
        info = GOLD["entities"][eid]
        mentions.append(Mention(m.start(), m.end(), m.group(), info["kind"], entity_key(eid), info["name"]))
    return mentions


def seed_article(name: str) -> tuple[ProcessedArticle, int | None]:
    raw, body = seed_body(name)
    info = GOLD["articles"][name]
    segments = seed_segments(name, body)
    published = find_published(raw)
    dates, at = find_event_dates_at(body, segments, published, TODAY)
    article = ProcessedArticle(
        source=name, content_hash=name, title=info["title"], body=body, boilerplate=[],
        lang=info["lang"], languages={info["lang"]: 1.0}, segments=segments, published=published,
        event_dates=dates, mentions=gold_mentions(body, info["entities"]),
        topics={t: 1 for t in info["topics"]},
    )
    return article, at


SEED_NAMES = sorted(GOLD["articles"])


@pytest.fixture(scope="module")
def seed_features() -> list[ArticleFeatures]:
    feats = []
    for i, name in enumerate(SEED_NAMES):
        article, at = seed_article(name)
        feats.append(article_features(i, article, at))
    return feats


def df_weights(feats: list[ArticleFeatures]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for f in feats:
        df.update(set(f.participants) | set(f.countries) | set(f.places))
    return host_weights_from_df(df, len(feats))


def cluster(feats: list[ArticleFeatures], host_weights: Mapping[str, float]) -> tuple[list[int], dict[int, EventSummary]]:
    """Incremental clustering as the DB layer does it: candidates share a key and fall in the window."""
    events: dict[int, EventSummary] = {}
    assignment: list[int] = []
    for f in feats:
        keys = set(candidate_keys(f, host_weights))
        lo, hi = candidate_window(f)
        candidates = [e for e in events.values()
                      if keys & (set(e.participants) | set(e.country_counts) | {e.place})
                      and in_window(e, lo, hi)]
        chosen = choose_event(f, candidates, host_weights)
        if chosen is None:
            chosen = len(events) + 1
            events[chosen] = new_event(chosen, f, host_weights)
        else:
            events[chosen] = merge_into(events[chosen], f, host_weights)
        assignment.append(chosen)
    return assignment, events


def in_window(e: EventSummary, lo: str | None, hi: str | None) -> bool:
    if lo is None or hi is None or e.start is None:
        return True  # undated events are matched on their publication range by choose_event
    return not (e.end or e.start) < lo and not e.start > hi


def pairs(labels: list[object]) -> set[tuple[int, int]]:
    return {(i, j) for i, j in combinations(range(len(labels)), 2) if labels[i] == labels[j]}


# --------------------------------------------------------------------------- seeds


def test_seed_features_from_gold(seed_features: list[ArticleFeatures]) -> None:
    f0 = seed_features[0]
    assert f0.dates == DateSpan("2024-06-03", "2024-06-03")
    assert "person:pisani" in f0.participants and "country:IT" in f0.countries
    assert [f.place for f in seed_features] == ["city:rabat", "city:rabat", "city:rabat", "country:FR", "city:ankara"]


def test_seeds_form_exactly_the_four_gold_events(seed_features: list[ArticleFeatures]) -> None:
    hw = df_weights(seed_features)
    assignment, events = cluster(seed_features, hw)
    gold = [GOLD["articles"][n]["event"] for n in SEED_NAMES]
    assert pairs(assignment) == pairs(gold)  # type: ignore[arg-type]
    assert len(events) == 4
    by_gold = {g: events[a] for g, a in zip(gold, assignment)}
    for gid, event in by_gold.items():
        expected = GOLD["events"][gid]
        assert (event.start, event.end) == (expected["date_start"], expected["date_end"])
        assert event.weekday == expected.get("weekday")
        assert event.place == entity_key(expected["place"])
    assert by_gold["E1"].article_count == 2
    assert by_gold["E1"].counterpart == "country:IT"
    assert by_gold["E2"].counterpart == "country:DK"
    assert by_gold["E3"].counterpart == "country:FR"
    assert by_gold["E4"].counterpart == "country:TR"
    assert "person:hammouchi" in by_gold["E1"].hosts


def test_seed_order_does_not_matter(seed_features: list[ArticleFeatures]) -> None:
    hw = df_weights(seed_features)
    gold = [GOLD["articles"][n]["event"] for n in SEED_NAMES]
    order = [4, 1, 3, 0, 2]
    assignment, _ = cluster([seed_features[i] for i in order], hw)
    assert pairs(assignment) == pairs([gold[i] for i in order])  # type: ignore[arg-type]


def test_seed_titles(seed_features: list[ArticleFeatures]) -> None:
    hw = df_weights(seed_features)
    assignment, events = cluster(seed_features, hw)
    titles = {GOLD["articles"][n]["event"]: event_title(events[a], NAMES) for n, a in zip(SEED_NAMES, assignment)}
    assert titles["E1"] == "Hammouchi – Vittorio Pisani (Italy) · Rabat · 2024-06-03"
    assert titles["E2"] == "Hammouchi – Mikael Wern (Denmark) · Rabat · ????-??-?? (Tuesday)"
    assert titles["E3"].startswith("Hammouchi – ") and "(France) · France · 2024-06-26–28" in titles["E3"]
    assert titles["E4"] == "Hammouchi – Mahmut Demirtaş (Turkey) · Ankara · 2025-09-18–20"


# --------------------------------------------------------------------------- synthetic

HOSTS = {"person:hammouchi": 0.05, "country:MA": 0.05, "org:dgsn": 0.1, "org:dgst": 0.1, "city:rabat": 0.2}


def feat(aid: int, start: str | None, *, end: str | None = None, weekday: str | None = None,
         published: str | None = None, people: tuple[str, ...] = (), countries: Mapping[str, int] | None = None,
         place: str | None = "city:rabat", lang: str = "fr", topics: tuple[str, ...] = ()) -> ArticleFeatures:
    participants = {"person:hammouchi": 3, "org:dgsn": 1, **{p: 2 for p in people}}
    return ArticleFeatures(
        article_id=aid, lang=lang, published=published, dates=DateSpan(start, end or start, weekday),
        participants=participants, places={place: 1} if place and place.startswith("city:") else {},
        countries=dict(countries or {"country:MA": 3}), topics=frozenset(topics), place=place,
    )


def test_same_meeting_in_nl_and_fr_is_one_event() -> None:
    nl = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2}, lang="nl")
    fr = feat(2, "2024-06-03", people=("person:pisani",), countries={"country:MA": 2, "country:IT": 1}, lang="fr")
    event = new_event(10, nl, HOSTS)
    assert choose_event(fr, [event], HOSTS) == 10


def test_same_counterpart_three_months_apart_is_two_events() -> None:
    june = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2})
    sept = feat(2, "2024-09-10", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2})
    assert choose_event(sept, [new_event(10, june, HOSTS)], HOSTS) is None


def test_same_counterpart_undated_published_months_later_is_a_new_event() -> None:
    june = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2})
    later = feat(2, None, published="2024-09-11", people=("person:pisani",),
                 countries={"country:MA": 3, "country:IT": 2})
    assert choose_event(later, [new_event(10, june, HOSTS)], HOSTS) is None


def test_host_only_overlap_is_not_merged() -> None:
    a = feat(1, "2024-06-03", countries={"country:MA": 3})
    b = feat(2, "2024-06-03", countries={"country:MA": 2})
    assert choose_event(b, [new_event(10, a, HOSTS)], HOSTS) is None


def test_different_counterparts_same_day_are_two_events() -> None:
    italy = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2})
    denmark = feat(2, "2024-06-03", people=("person:wern",), countries={"country:MA": 3, "country:DK": 2})
    assert choose_event(denmark, [new_event(10, italy, HOSTS)], HOSTS) is None


def test_one_guest_in_two_towns_the_same_day_is_two_meetings() -> None:
    # a minister sees one counterpart in Paris and another in Madrid: one name in common is not enough
    paris = feat(1, "2021-02-10", people=("person:darmanin", "person:dubois"), place="city:paris")
    madrid = feat(2, "2021-02-10", people=("person:darmanin", "person:piantedosi"), place="city:madrid")
    assert choose_event(madrid, [new_event(10, paris, HOSTS)], HOSTS) is None
    assert choose_event(feat(3, "2021-02-10", people=("person:darmanin",), place="city:paris"),
                        [new_event(10, paris, HOSTS)], HOSTS) == 10
    # two names in common outweigh a town that differs (a dateline, the capital for the ministry's seat)
    assert choose_event(feat(4, "2021-02-10", people=("person:darmanin", "person:dubois"), place="city:madrid"),
                        [new_event(10, paris, HOSTS)], HOSTS) == 10


def test_undated_article_joins_with_strong_overlap() -> None:
    dated = feat(1, "2024-06-03", published="2024-06-04", people=("person:pisani",),
                 countries={"country:MA": 3, "country:IT": 2})
    undated = feat(2, None, weekday="Monday", published="2024-06-05", people=("person:pisani",),
                   countries={"country:MA": 1, "country:IT": 1})
    assert choose_event(undated, [new_event(10, dated, HOSTS)], HOSTS) == 10


def test_undated_article_with_only_the_counterpart_country_stays_apart() -> None:
    dated = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2})
    vague = feat(2, None, countries={"country:MA": 1, "country:IT": 1}, place=None)
    assert choose_event(vague, [new_event(10, dated, HOSTS)], HOSTS) is None


def test_undated_weekday_mismatch_is_a_conflict() -> None:
    dated = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2})
    tuesday = feat(2, None, weekday="Tuesday", people=("person:pisani",),
                   countries={"country:MA": 3, "country:IT": 2})
    assert choose_event(tuesday, [new_event(10, dated, HOSTS)], HOSTS) is None


def test_two_undated_reports_of_the_same_visit_merge() -> None:
    a = feat(1, None, weekday="Tuesday", people=("person:wern",), countries={"country:MA": 2, "country:DK": 3})
    b = feat(2, None, weekday="Tuesday", people=("person:wern",), countries={"country:MA": 1, "country:DK": 1})
    assert choose_event(b, [new_event(10, a, HOSTS)], HOSTS) == 10


def test_multi_day_visit_reported_day_by_day_merges_and_widens() -> None:
    day1 = feat(1, "2024-06-26", people=("person:berthon",), countries={"country:MA": 1, "country:FR": 3},
                place="country:FR")
    day3 = feat(2, "2024-06-28", people=("person:veaux",), countries={"country:MA": 1, "country:FR": 2},
                place="country:FR")
    event = new_event(10, day1, HOSTS)
    assert choose_event(day3, [event], HOSTS) == 10
    merged = merge_into(event, day3, HOSTS)
    assert (merged.start, merged.end, merged.article_count) == ("2024-06-26", "2024-06-28", 2)
    assert set(merged.participants) >= {"person:berthon", "person:veaux"}


def test_choose_event_prefers_the_best_candidate() -> None:
    article = feat(3, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2})
    weak = new_event(10, feat(1, "2024-06-05", people=("person:pisani",),
                              countries={"country:MA": 1, "country:IT": 1}, place="city:tanger"), HOSTS)
    strong = new_event(11, feat(2, "2024-06-03", people=("person:pisani",),
                                countries={"country:MA": 1, "country:IT": 1}), HOSTS)
    assert choose_event(article, [weak, strong], HOSTS) == 11
    assert choose_event(article, [], HOSTS) is None


# --------------------------------------------------------------------------- summaries


def test_merge_into_undated_event_takes_the_dates() -> None:
    a = feat(1, None, weekday="Tuesday", people=("person:wern",), countries={"country:MA": 2, "country:DK": 3})
    b = feat(2, "2025-03-11", people=("person:wern",), countries={"country:DK": 1}, published="2025-03-11")
    merged = merge_into(new_event(10, a, HOSTS), b, HOSTS)
    assert (merged.start, merged.end, merged.weekday) == ("2025-03-11", "2025-03-11", None)
    assert merged.published_min == merged.published_max == "2025-03-11"


def test_merge_into_keeps_counterpart_without_weights() -> None:
    a = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 1, "country:IT": 1})
    b = feat(2, "2024-06-03", people=("person:pisani",), countries={"country:MA": 9, "country:IT": 1})
    merged = merge_into(new_event(10, a, HOSTS), b)
    assert merged.counterpart == "country:IT"
    assert merged.hosts == new_event(10, a, HOSTS).hosts


def test_merge_into_does_not_stretch_dates_beyond_a_week() -> None:
    a = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:IT": 1})
    b = feat(2, "2024-06-20", people=("person:pisani",), countries={"country:IT": 1})
    merged = merge_into(new_event(10, a, HOSTS), b, HOSTS)
    assert (merged.start, merged.end) == ("2024-06-03", "2024-06-03")


def test_event_title_formats() -> None:
    s = EventSummary(event_id=1, start="2024-06-03", end="2024-06-03", place="city:rabat",
                     counterpart="country:IT", participants=("person:hammouchi", "person:pisani"),
                     hosts=("person:hammouchi",))
    assert event_title(s, NAMES) == "Hammouchi – Vittorio Pisani (Italy) · Rabat · 2024-06-03"
    bare = EventSummary(event_id=2)
    assert event_title(bare, {}) == "Event · ????-??-??"
    cross = EventSummary(event_id=3, start="2024-05-30", end="2024-06-02", counterpart="country:IT")
    assert event_title(cross, {"country:IT": "Italy"}) == "Italy · 2024-05-30–2024-06-02"


def test_candidate_keys_drop_hosts_but_never_return_nothing() -> None:
    f = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2})
    keys = candidate_keys(f, HOSTS)
    assert keys[0] == "person:pisani"
    assert "country:IT" in keys and "person:hammouchi" not in keys and "country:MA" not in keys
    host_only = feat(2, "2024-06-03", countries={"country:MA": 3})
    assert candidate_keys(host_only, HOSTS)  # falls back to the host keys


def test_candidate_window() -> None:
    assert candidate_window(feat(1, "2024-06-03")) == ("2024-05-31", "2024-06-06")
    assert candidate_window(feat(1, None, published="2024-06-04")) == ("2024-04-20", "2024-06-07")
    assert candidate_window(feat(1, None)) == (None, None)


def test_host_weights_from_df() -> None:
    hw = host_weights_from_df({"person:hammouchi": 90, "person:pisani": 2, "country:IT": 8, "country:MA": 95}, 100)
    assert hw["person:hammouchi"] == pytest.approx(0.05)
    assert hw["person:pisani"] == 1.0
    assert hw["country:IT"] == 1.0
    assert hw["country:MA"] < 0.5
    assert host_weights_from_df({"person:x": 2}, 2)["person:x"] == 1.0  # tiny corpus: no host


def test_article_features_from_processed_article() -> None:
    body = "Le lundi 3 juin à Rabat, Hammouchi a reçu Pisani, venu d'Italie. Le Maroc et l'Italie."
    spans = [("Rabat", "location", "city:rabat", 0), ("Hammouchi", "person", "person:hammouchi", 0),
             ("Pisani", "person", "person:pisani", 0), ("Italie", "location", "country:IT", 0),
             ("Maroc", "location", "country:MA", 0), ("Italie", "location", "country:IT", 60)]
    mentions = [Mention(body.index(s, frm), body.index(s, frm) + len(s), s, kind, key, s)  # type: ignore[arg-type]
                for s, kind, key, frm in spans]
    for m in mentions:
        assert body[m.start:m.end] == m.surface
    article = ProcessedArticle(source="x", content_hash="h", title=None, body=body, boilerplate=[], lang="fr",
                               languages={"fr": 1.0}, segments=[], published=None,
                               event_dates=DateSpan("2024-06-03", "2024-06-03"), mentions=mentions,
                               topics={"terrorism": 2})
    f = article_features(7, article, date_at=3)
    assert f.article_id == 7 and f.lang == "fr"
    assert f.participants == {"person:hammouchi": 1, "person:pisani": 1}
    assert f.countries == {"country:IT": 2, "country:MA": 1}
    assert f.places == {"city:rabat": 1}
    assert f.place == "city:rabat"
    assert f.topics == frozenset({"terrorism"})
    assert article_features(7, article).place == "city:rabat"  # no offset: most mentioned city


def test_no_event_among_many_unrelated_candidates() -> None:
    article = feat(0, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2})
    candidates = [new_event(i, feat(i, "2024-06-0%d" % (1 + i % 9), people=(f"person:p{i}",),
                                    countries={"country:MA": 1, f"country:X{i}": 1}), HOSTS) for i in range(200)]
    assert choose_event(article, candidates, HOSTS) is None


def test_undated_report_published_the_next_day_joins_without_a_named_guest() -> None:
    dated = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 2})
    brief = feat(2, None, published="2024-06-04", countries={"country:MA": 2, "country:IT": 1})
    assert choose_event(brief, [new_event(10, dated, HOSTS)], HOSTS) == 10
    # the same brief published a month later is not enough evidence
    late = feat(3, None, published="2024-07-04", countries={"country:MA": 2, "country:IT": 1})
    assert choose_event(late, [new_event(10, dated, HOSTS)], HOSTS) is None


def test_event_counterpart_is_rejudged_with_current_weights() -> None:
    first = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3, "country:IT": 1})
    early = new_event(10, first, {})  # first article of the corpus: no weights yet
    assert early.counterpart == "country:MA"
    second = feat(2, "2024-06-03", people=("person:pisani",), countries={"country:MA": 2, "country:IT": 2})
    assert choose_event(second, [early], HOSTS) == 10
    assert merge_into(early, second, HOSTS).counterpart == "country:IT"
    denmark = feat(3, "2024-06-03", people=("person:wern",), countries={"country:MA": 2, "country:DK": 2})
    assert choose_event(denmark, [early], HOSTS) is None


def test_country_similarity_is_a_profile_not_a_single_country() -> None:
    from store.events import country_similarity

    hw = {"country:MA": 0.05}
    # Spain and Portugal once each (the 2030 World Cup) still agrees with an event about Spain
    assert country_similarity({"country:MA": 4, "country:ES": 1, "country:PT": 1},
                              {"country:MA": 6, "country:ES": 3}, hw) > 0.5
    # an article about Portugal naming Germany in passing does not agree with an event about Germany
    assert country_similarity({"country:PT": 3, "country:DE": 1}, {"country:DE": 5}, hw) < 0.5
    assert country_similarity({"country:IT": 2}, {"country:DK": 2}, hw) == 0.0
    assert country_similarity({"country:MA": 2}, {"country:DK": 2}, hw) is None  # only the host


def test_host_weights_young_corpus() -> None:
    # all five of five: already the host; three of eight: still a guest
    assert host_weights_from_df({"person:h": 5}, 5)["person:h"] < 0.5
    assert host_weights_from_df({"country:DE": 3}, 8)["country:DE"] > 0.75


def test_dates_clash_is_exactly_a_date_conflict_between_dated_sides() -> None:
    """The writer skips candidates for which dates_clash holds: they must be the ones never chosen."""
    article = feat(1, "2024-06-10", end="2024-06-12")
    for start, end in [("2024-06-01", "2024-06-06"), ("2024-06-01", "2024-06-07"), ("2024-06-13", "2024-06-15"),
                       ("2024-06-15", "2024-06-16"), ("2024-06-16", None), ("2024-05-01", "2024-07-01"),
                       (None, None), ("2024-06-11", None)]:
        event = new_event(9, feat(9, start, end=end))
        assert dates_clash(article, start, end) == (date_compatibility(article, event) == "conflict"), (start, end)
    undated = feat(2, None, published="2024-06-11")
    assert not dates_clash(undated, "2024-01-01", None)  # undated articles are judged on their summaries


def test_only_an_events_most_mentioned_participants_draw_articles_in() -> None:
    """Names an event's articles mention in passing do not pull in other meetings that name them."""
    core = ("person:pisani", "person:piantedosi", "person:de bolle")
    passing = ("person:stock", "person:urquiza", "person:faeser")
    counts = {**{k: 5 for k in core}, **{k: 1 for k in passing}, "person:hammouchi": 9}
    event = EventSummary(event_id=3, start="2024-06-03", end="2024-06-03", participants=core + passing,
                         participant_counts=counts, country_counts={"country:MA": 3}, article_count=5)
    weights = {"person:hammouchi": 0.05, "org:dgsn": 0.05, "country:MA": 0.05}
    by_core = feat(1, "2024-06-03", people=("person:pisani",), countries={"country:MA": 3})
    by_passing = feat(2, "2024-06-03", people=("person:stock",), countries={"country:MA": 3})
    assert choose_event(by_core, [event], weights) == 3
    assert choose_event(by_passing, [event], weights) is None


def test_a_guest_named_otherwise_is_the_same_guest() -> None:
    """"Camille Benali" in one article, "C. Benali" or "Benali" in another: the same meeting; "D. Benali"
    (another given name) is someone else's."""
    first = feat(1, "2024-06-03", people=("person:kamile benali",), place="city:budapest")
    event = new_event(10, first, HOSTS)
    for other in ("person:k benali", "person:benali"):
        assert choose_event(feat(2, "2024-06-03", people=(other,), place="city:budapest"), [event], HOSTS) == 10, other
    for other in ("person:d benali", "person:kamile bennani", "person:karim benali"):
        assert choose_event(feat(2, "2024-06-03", people=(other,), place="city:budapest"), [event], HOSTS) is None, other


def test_candidate_keys_put_the_most_mentioned_person_first() -> None:
    f = feat(1, "2024-06-03", people=("person:a", "person:b"))
    f = dataclasses.replace(f, participants={**f.participants, "person:b": 5})
    assert candidate_keys(f, HOSTS)[0] == "person:b"
