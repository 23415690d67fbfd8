"""Topic lexicon: seeds gold topics, cross-language terms, topic names."""

from __future__ import annotations

import pytest

from store.model import Segment
from store.topics import TOPICS, find_topics, match_topic, topic_terms
from test_extract import ARTICLES, GOLD, seed_body

REQUIRED = {"terrorism", "organized_crime", "transnational_crime", "human_trafficking", "drug_trafficking",
            "irregular_migration", "money_laundering", "extradition", "extremism", "police_training", "cybercrime"}


def test_required_topics_have_english_labels():
    assert REQUIRED <= set(TOPICS)
    assert TOPICS["human_trafficking"] == "human trafficking"
    for tid in REQUIRED:
        assert TOPICS[tid] and TOPICS[tid].isascii()


@pytest.mark.parametrize("name", ARTICLES)
def test_seed_topics_found(name):
    body, segs = seed_body(name)
    got = find_topics(body, segs)
    assert set(GOLD["articles"][name]["topics"]) <= set(got)
    assert all(n >= 1 for n in got.values())


@pytest.mark.parametrize("text", ["mensenhandel", "Menschenhandel", "traite des êtres humains", "trata de personas",
                                  "الاتجار بالبشر", "human trafficking", "human_trafficking", "tratta di esseri umani"])
def test_one_topic_for_human_trafficking_in_every_language(text):
    assert match_topic(text) == "human_trafficking"
    if "_" in text:  # a topic id is a name, not article text
        return
    body = f"Les discussions ont porté sur: {text}."
    assert find_topics(body, [Segment(0, len(body), "fr")]) == {"human_trafficking": 1}


def test_counts_occurrences_and_arabic_proclitics():
    body = "مكافحة الإرهاب والتطرف. وأكد على محاربة الإرهاب وتهريب المخدرات والجريمة المنظمة."
    got = find_topics(body, [Segment(0, len(body), "ar")])
    assert got["terrorism"] == 2
    assert got["extremism"] == 1
    assert got["drug_trafficking"] == 1
    assert got["organized_crime"] == 1


def test_no_topic_in_unrelated_text():
    body = "Le match de football s'est terminé sur un score nul au stade de Rabat."
    assert find_topics(body, [Segment(0, len(body), "fr")]) == {}


def test_topic_terms_cover_languages():
    terms = topic_terms("human_trafficking")
    for t in ("mensenhandel", "Menschenhandel", "traite des êtres humains", "trata de personas", "الاتجار بالبشر"):
        assert t in terms
    assert topic_terms("no_such_topic") == []


def test_match_topic_unknown_and_typo():
    assert match_topic("cybercriminalité") == "cybercrime"
    assert match_topic("orgnized crime") == "organized_crime"
    assert match_topic("weather forecast") is None
    assert match_topic("") is None
