"""Step 2: title, body and boilerplate kept apart — held to the seeds gold."""

from __future__ import annotations

import pytest

from store.clean import clean_text
from conftest import SEEDS

SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_gold_boilerplate_is_out_of_the_body_and_kept_aside(gold, name):
    cleaned = clean_text((SEEDS / name).read_text(encoding="utf-8"))
    body_lines = _paragraphs(cleaned.body)
    for line in gold["articles"][name].get("boilerplate_not_body", []):
        assert line not in body_lines, line
        assert line in cleaned.boilerplate, line


@pytest.mark.parametrize("name", SEED_NAMES)
def test_gold_title(gold, name):
    assert clean_text((SEEDS / name).read_text(encoding="utf-8")).title == gold["articles"][name]["title"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_rest_of_the_body_is_intact(name):
    """Every long prose paragraph of the file is in the body, character for character."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    cleaned = clean_text(text)
    body_lines = set(_paragraphs(cleaned.body))
    related_list = set(cleaned.boilerplate)
    for line in (line.strip() for line in text.splitlines()):
        if len(line) > 150 and line not in related_list and line != cleaned.title:
            assert line in body_lines, line[:80]


def test_related_article_list_names_are_not_in_the_body(gold):
    name = "001_ef3a98cdcf804c40.txt"
    body = clean_text((SEEDS / name).read_text(encoding="utf-8")).body
    for other in gold["articles"][name]["not_entities_of_this_article"]:
        assert other not in body, other


def test_general_rules_on_unseen_page():
    page = "\n".join([
        "Partager", "Imprimer",
        "Le ministre reçoit son homologue espagnol",
        "Le ministre reçoit son homologue espagnol",
        "Par Jean Dupont - 12 mars 2025",
        "Le ministre de l'Intérieur a reçu mercredi à Rabat son homologue espagnol pour évoquer la lutte contre le terrorisme.",
        "Photo : © AFP",
        "Leggi anche: un altro articolo",
        "Weiterlesen",
        "Article suivant: autre chose",
        "Les deux ministres ont signé un accord de coopération policière.",
        "Vous aimerez aussi",
        "Un autre article sans rapport avec celui-ci",
    ])
    cleaned = clean_text(page)
    assert cleaned.title == "Le ministre reçoit son homologue espagnol"
    assert _paragraphs(cleaned.body) == [
        "Le ministre de l'Intérieur a reçu mercredi à Rabat son homologue espagnol pour évoquer la lutte contre le terrorisme.",
        "Les deux ministres ont signé un accord de coopération policière.",
    ]
    assert "Un autre article sans rapport avec celui-ci" in cleaned.boilerplate
    assert "Par Jean Dupont - 12 mars 2025" in cleaned.boilerplate


LONG_TITLE = ("Les ministres européens de l'Intérieur se réunissent à Bruxelles pour discuter "
              "de la coopération policière")


@pytest.mark.parametrize("repeat", [
    LONG_TITLE,
    LONG_TITLE + " - Le Soir",
    LONG_TITLE.upper() + " | La Libre",
    LONG_TITLE.replace(" ", "   "),
])
def test_title_printed_again_is_dropped_even_past_the_folded_head(repeat):
    """The repeated-title test looks at the folded first 80 chars first: long titles still match."""
    body = "Un paragraphe de texte suivi, assez long pour être le corps de l'article."
    cleaned = clean_text(f"{repeat}\n\n{body}", metadata_title=LONG_TITLE)
    assert cleaned.body == body


@pytest.mark.parametrize("line, boilerplate", [
    ("Photo : Belga", True),
    ("© AFP 2024", True),
    ("Un texte (c) réservé", True),
    ("Un texte sans légende ni crédit photo", False),
    ("Farah Nadifi - 27 novembre 2024", True),
    ("Quelqu'un a écrit beaucoup de choses avant le tiret final, bien plus de soixante - 27 novembre 2024", False),
])
def test_caption_and_byline_lines(line, boilerplate):
    body = "Un paragraphe de texte suivi, assez long pour être le corps de l'article."
    cleaned = clean_text(f"{body}\n\n{line}\n\n{body} Encore.")
    assert (line in cleaned.boilerplate) is boilerplate


def test_related_heading_above_the_article_does_not_swallow_it():
    """A "Related news" widget printed at the top of the page is one line of boilerplate,
    not the start of a closing list of other articles."""
    paragraph = ("El director general de la Policía recibió el jueves en Ankara a su homóloga francesa, "
                 "al frente de una importante delegación de seguridad, para hablar de narcotráfico.")
    page = "\n".join(["Reunión en Ankara", "", "Friday 01 September 2023 - 11:39", "Noticias relacionadas", "",
                      paragraph, "", "Ambas partes elogiaron la cooperación bilateral. " * 4])
    cleaned = clean_text(page)
    assert paragraph in _paragraphs(cleaned.body)
    assert "Noticias relacionadas" in cleaned.boilerplate
    # below the article, the same heading still ends it
    closing = clean_text(page + "\nNoticias relacionadas\nOtro artículo sin relación\n")
    assert "Otro artículo sin relación" in closing.boilerplate
    assert "Otro artículo sin relación" not in closing.body
