"""Publication and event dates: seeds gold plus hand-written sentences in each language."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from store.dates import find_event_dates, find_event_dates_at, find_published, fold
from store.model import DateSpan, Segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = json.loads((ROOT / "tests" / "fixtures" / "seeds_gold.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 25)

# Where the body of each seed ends (what follows is boilerplate the cleaner removes).
BODY_ENDS = {
    "000_5b0a82702caf0af1.txt": "\nLees meer",
    "001_ef3a98cdcf804c40.txt": "Maroc-Japon :",
    "002_8ac756c71cb9afab.txt": "\nLoading",
    "003_7a23a3b7712982e3.txt": "\nPREV ",
}


def seed_body(name: str) -> tuple[str, str]:
    """(raw text, body) of a seed: boilerplate tail and "Lire aussi" lines cut."""
    raw = (SEEDS / name).read_text(encoding="utf-8")
    body = raw
    end = BODY_ENDS.get(name)
    if end:
        body = body[: body.index(end)]
    body = "\n".join(ln for ln in body.split("\n") if not ln.startswith("Lire aussi"))
    return raw, body


def paragraphs(body: str, lang: str, other: dict[str, str] | None = None) -> list[Segment]:
    """One segment per line; `other` maps a marker substring to another language."""
    segs = []
    for m in re.finditer(r"[^\n]+", body):
        seg_lang = lang
        for marker, alt in (other or {}).items():
            if marker in m.group():
                seg_lang = alt
        segs.append(Segment(m.start(), m.end(), seg_lang))
    return segs


def seed_segments(name: str, body: str) -> list[Segment]:
    info = GOLD["articles"][name]
    other = {"The two parties": "en"} if info.get("also_contains_lang") == "en" else None
    return paragraphs(body, info["lang"], other)


def one(text: str, lang: str, published: str | None = None, today: dt.date = TODAY) -> DateSpan:
    return find_event_dates(text, [Segment(0, len(text), lang)], published, today)


# --------------------------------------------------------------------------- seeds gold


@pytest.mark.parametrize("name", sorted(GOLD["articles"]))
def test_published_matches_gold(name: str) -> None:
    raw, _ = seed_body(name)
    assert find_published(raw) == GOLD["articles"][name]["published"]


@pytest.mark.parametrize("name", sorted(GOLD["articles"]))
def test_event_dates_match_gold(name: str) -> None:
    raw, body = seed_body(name)
    event = GOLD["events"][GOLD["articles"][name]["event"]]
    span = find_event_dates(body, seed_segments(name, body), find_published(raw), TODAY)
    assert (span.start, span.end) == (event["date_start"], event["date_end"])
    assert span.weekday == event.get("weekday")


def test_seed_002_unknown_keeps_tuesday() -> None:
    _, body = seed_body("002_8ac756c71cb9afab.txt")
    span = find_event_dates(body, seed_segments("002_8ac756c71cb9afab.txt", body), None, TODAY)
    assert span == DateSpan(None, None, "Tuesday")


def test_seed_002_resolves_when_published_is_known() -> None:
    _, body = seed_body("002_8ac756c71cb9afab.txt")
    span = find_event_dates(body, seed_segments("002_8ac756c71cb9afab.txt", body), "2025-03-11", TODAY)
    assert span == DateSpan("2025-03-11", "2025-03-11", None)  # a Tuesday


def test_seed_000_byline_in_body_is_not_the_event_date() -> None:
    raw, body = seed_body("000_5b0a82702caf0af1.txt")
    assert "Tuesday 04 June 2024" in body  # the byline leaked into the body
    span = find_event_dates(body, seed_segments("000_5b0a82702caf0af1.txt", body), "2024-06-04", TODAY)
    assert span.start == "2024-06-03"


def test_seed_004_noise_alone_gives_no_date() -> None:
    text = "pendant la période entre 18525 20 septembre."
    assert one(text, "fr", None) == DateSpan()
    assert one(text, "fr", "2025-09-21") == DateSpan()


def test_date_offset_points_at_the_expression() -> None:
    _, body = seed_body("004_162a686fc9923c99.txt")
    span, at = find_event_dates_at(body, seed_segments("004_162a686fc9923c99.txt", body), None, TODAY)
    assert span.start == "2025-09-18"
    assert at is not None and body[at:].startswith("18 au 20 septembre")


# --------------------------------------------------------------------------- publication date


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Title\n\nTuesday 04 June 2024 - 09:50\nZoom\n", "2024-06-04"),
        ("Titre\nPublié le 05/06/2024 à 10h12\n", "2024-06-05"),
        ("Titel\nveröffentlicht am 26. Juni 2024\n", "2024-06-26"),
        ("Title\nJune 4, 2024 at 9:50 am\n", "2024-06-04"),
        ("Titolo\n3 giugno 2024\n", "2024-06-03"),
        ("Título\n3 de junho de 2024\n", "2024-06-03"),
        ("عنوان\nالثلاثاء ٤ يونيو ٢٠٢٤\n", "2024-06-04"),
        ("Titel\n2024-06-04T09:50:00\n", "2024-06-04"),
        ("Title\nno date here\n", None),
    ],
)
def test_find_published_bylines(head: str, expected: str | None) -> None:
    assert find_published(head + "Body text " * 40) == expected


def test_find_published_ignores_related_lists_after_the_body() -> None:
    long_lede = "Le lundi 3 juin à Rabat, " + "texte de l'article " * 20
    text = "Légende de la photo\n" + long_lede + "\nFarah Nadifi - 27 novembre 2024 Autre article\n"
    assert find_published(text) is None


# --------------------------------------------------------------------------- explicit dates


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("Hij ontving hem op 3 juni 2024 in Rabat.", "nl", None, ("2024-06-03", "2024-06-03")),
        ("Le directeur a été reçu le 3 juin 2024.", "fr", None, ("2024-06-03", "2024-06-03")),
        ("Le forum se tient du 18 au 20 septembre 2025.", "fr", None, ("2025-09-18", "2025-09-20")),
        ("Besuch vom 26. bis 28. Juni 2024 in Paris.", "de", None, ("2024-06-26", "2024-06-28")),
        ("Treffen am 3. Juni 2024 in Rabat.", "de", None, ("2024-06-03", "2024-06-03")),
        ("He met Pisani on June 3, 2024 in Rabat.", "en", None, ("2024-06-03", "2024-06-03")),
        ("He met Pisani on 3 June 2024 in Rabat.", "en", None, ("2024-06-03", "2024-06-03")),
        ("The fair runs September 18-20, 2025 in Ankara.", "en", None, ("2025-09-18", "2025-09-20")),
        ("The visit took place from 26 to 28 June 2024.", "en", None, ("2024-06-26", "2024-06-28")),
        ("Se reunió el 3 de junio de 2024 en Rabat.", "es", None, ("2024-06-03", "2024-06-03")),
        ("La feria se celebra del 18 al 20 de septiembre de 2025.", "es", None, ("2025-09-18", "2025-09-20")),
        ("L'incontro si è svolto il 3 giugno 2024 a Rabat.", "it", None, ("2024-06-03", "2024-06-03")),
        ("La fiera si tiene dal 18 al 20 settembre 2025.", "it", None, ("2025-09-18", "2025-09-20")),
        ("A reunião decorreu a 3 de junho de 2024.", "pt", None, ("2024-06-03", "2024-06-03")),
        ("A feira decorre de 18 a 20 de setembro de 2025.", "pt", None, ("2025-09-18", "2025-09-20")),
        ("Het bezoek duurde van 26 tot 28 juni 2024.", "nl", None, ("2024-06-26", "2024-06-28")),
        ("La visite s'est déroulée du 30 mai au 2 juin 2024.", "fr", None, ("2024-05-30", "2024-06-02")),
        ("Réunion le 1er juin 2024 à Rabat.", "fr", None, ("2024-06-01", "2024-06-01")),
        ("DÉCEMBRE: réunion le 3 DÉCEMBRE 2024.", "fr", None, ("2024-12-03", "2024-12-03")),
        ("réunion le 3 decembre 2024", "fr", None, ("2024-12-03", "2024-12-03")),  # no accent
        ("Treffen am 3. Maerz 2024 und am 4. März.", "de", None, ("2024-03-03", "2024-03-03")),
    ],
)
def test_explicit_dates(text: str, lang: str, published: str | None, expected: tuple[str, str]) -> None:
    span = one(text, lang, published)
    assert (span.start, span.end) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("استقبل حموشي يوم الاثنين 3 يونيو 2024 بالرباط المدير العام للشرطة الإيطالية", "2024-06-03"),
        ("استقبل حموشي يوم الاثنين ٣ يونيو ٢٠٢٤ بالرباط", "2024-06-03"),
        ("استقبل حموشي في 3 حزيران 2024 بالرباط", "2024-06-03"),
        ("اجتماع يوم 26 أيلول 2024", "2024-09-26"),
        ("اجتماع يوم 3 يونيه 2024", "2024-06-03"),
        ("زيارة في 18 شتنبر 2025", "2025-09-18"),
        ("زيارة في 5 كانون الثاني 2025", "2025-01-05"),
    ],
)
def test_arabic_month_styles_and_digits(text: str, expected: str) -> None:
    assert one(text, "ar").start == expected


def test_arabic_range_and_relative() -> None:
    span = one("معرض من 18 إلى 20 سبتمبر 2025 في أنقرة", "ar")
    assert (span.start, span.end) == ("2025-09-18", "2025-09-20")
    assert one("استقبل حموشي أمس بالرباط", "ar", "2024-06-04").start == "2024-06-03"
    assert one("استقبل حموشي يوم الثلاثاء بالرباط", "ar", None) == DateSpan(None, None, "Tuesday")


@pytest.mark.parametrize(
    "text",
    [
        "pendant la période entre 18525 20 septembre",
        "le numéro 2024 3 juin",  # a day glued to another number
        "Article 12345 juin",
        "version 3.2 juin",
    ],
)
def test_noise_never_becomes_a_date(text: str) -> None:
    assert one(text, "fr", None).start is None


def test_impossible_date_stays_unknown() -> None:
    assert one("réunion le 31 juin 2024", "fr", None).start is None


def test_background_year_far_from_publication_is_skipped() -> None:
    text = "Depuis l'accord du 12 mars 2019, les deux pays coopèrent. Lundi 3 juin, Hammouchi a reçu Pisani."
    assert one(text, "fr", "2024-06-04").start == "2024-06-03"


# --------------------------------------------------------------------------- year inference


def test_year_from_publication_nearest_fit() -> None:
    assert one("réunion le 3 juin à Rabat", "fr", "2024-06-04").start == "2024-06-03"
    # published early January about late December: the previous year
    assert one("réunion le 28 décembre à Rabat", "fr", "2025-01-05").start == "2024-12-28"


def test_year_from_context_in_the_same_paragraph() -> None:
    text = "L'exposition GEF 2025 à Ankara, du 18 au 20 septembre, présente des équipements."
    assert (one(text, "fr").start, one(text, "fr").end) == ("2025-09-18", "2025-09-20")


def test_year_from_document_when_not_near() -> None:
    body = "Dieser Besuch fand vom 26. bis 28. Juni statt.\n" + "x " * 300 + "\nSommerspiele im Jahr 2024."
    segs = paragraphs(body, "de")
    span = find_event_dates(body, segs, None, TODAY)
    assert (span.start, span.end) == ("2024-06-26", "2024-06-28")


def test_year_by_weekday_fit() -> None:
    # Monday 3 June: 2024 is the only fit between 2021-11 and 2027-01
    assert one("Le lundi 3 juin à Rabat", "fr", None).start == "2024-06-03"
    assert one("Am Montag, den 3. Juni", "de", None).start == "2024-06-03"
    assert one("On Monday, June 3 he met", "en", None).start == "2024-06-03"
    # a Tuesday 3 June: 2025 fits
    assert one("el martes 3 de junio", "es", None).start == "2025-06-03"


def test_weekday_fit_depends_on_reference_date() -> None:
    # seen from 2021, Monday 3 June fits 2019 (and 2024 is in the future)
    assert one("lundi 3 juin", "fr", None, today=dt.date(2021, 1, 10)).start == "2019-06-03"


def test_day_month_without_any_year_stays_unknown() -> None:
    assert one("réunion le 3 juin à Rabat", "fr", None) == DateSpan()


def test_weekday_fitting_no_year_stays_unknown_with_weekday() -> None:
    # 31 February never exists; 29 February on a Sunday: only 2032/2004 -> outside the window
    span = one("dimanche 29 février", "fr", None)
    assert span == DateSpan(None, None, "Sunday")


def test_context_year_with_wrong_weekday_falls_back_to_weekday_fit() -> None:
    # "2030" names the World Cup, not the meeting; Monday 3 June fits 2024
    assert one("Coupe du monde 2030. Le lundi 3 juin, réunion.", "fr", None).start == "2024-06-03"


# --------------------------------------------------------------------------- relative dates


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("Hammouchi a reçu ce lundi à Rabat", "fr", "2024-06-04", "2024-06-03"),
        ("Hammouchi a reçu aujourd'hui, mardi, à Rabat", "fr", "2024-06-04", "2024-06-04"),
        ("Hammouchi a reçu aujourd’hui à Rabat", "fr", "2024-06-04", "2024-06-04"),
        ("Hammouchi a reçu hier à Rabat", "fr", "2024-06-04", "2024-06-03"),
        ("Hammouchi a reçu avant-hier à Rabat", "fr", "2024-06-04", "2024-06-02"),
        ("Hammouchi a reçu lundi dernier à Rabat", "fr", "2024-06-10", "2024-06-03"),
        ("Hammouchi recevra lundi prochain à Rabat", "fr", "2024-05-29", "2024-06-03"),
        ("Hammouchi ontving gisteren in Rabat", "nl", "2024-06-04", "2024-06-03"),
        ("Hammouchi ontving vandaag in Rabat", "nl", "2024-06-04", "2024-06-04"),
        ("Hammouchi ontving afgelopen maandag in Rabat", "nl", "2024-06-06", "2024-06-03"),
        ("Hammouchi empfing am Dienstag in Rabat", "de", "2024-06-06", "2024-06-04"),
        ("Hammouchi empfing gestern in Rabat", "de", "2024-06-04", "2024-06-03"),
        ("Hammouchi empfing heute Morgen in Rabat", "de", "2024-06-04", "2024-06-04"),
        ("Hammouchi met on Monday in Rabat", "en", "2024-06-04", "2024-06-03"),
        ("Hammouchi met yesterday in Rabat", "en", "2024-06-04", "2024-06-03"),
        ("Hammouchi met Pisani last Monday", "en", "2024-06-03", "2024-05-27"),
        ("Hammouchi recibió ayer en Rabat", "es", "2024-06-04", "2024-06-03"),
        ("Hammouchi recibió este lunes en Rabat", "es", "2024-06-04", "2024-06-03"),
        ("Hammouchi ha ricevuto ieri a Rabat", "it", "2024-06-04", "2024-06-03"),
        ("Hammouchi ha ricevuto lunedì scorso a Rabat", "it", "2024-06-05", "2024-06-03"),
        ("Hammouchi recebeu ontem em Rabat", "pt", "2024-06-04", "2024-06-03"),
        ("Hammouchi recebeu nesta segunda-feira em Rabat", "pt", "2024-06-04", "2024-06-03"),
        ("استقبل حموشي اليوم بالرباط", "ar", "2024-06-04", "2024-06-04"),
        ("استقبل حموشي يوم الاثنين الماضي بالرباط", "ar", "2024-06-05", "2024-06-03"),
    ],
)
def test_relative_dates(text: str, lang: str, published: str, expected: str) -> None:
    span = one(text, lang, published)
    assert (span.start, span.end, span.weekday) == (expected, expected, None)


def test_relative_words_are_language_specific() -> None:
    # Dutch "hier" means "here", French "hier" means "yesterday"
    assert one("Hij was hier in Rabat", "nl", "2024-06-04").start is None
    assert one("Il était hier à Rabat", "fr", "2024-06-04").start == "2024-06-03"
    # Spanish "mañana" after "esta" is "this morning", not tomorrow
    assert one("Se reunieron esta mañana en Rabat", "es", "2024-06-04").start is None


@pytest.mark.parametrize(
    ("text", "lang", "weekday"),
    [
        ("a reçu aujourd'hui, mardi à Rabat", "fr", "Tuesday"),
        ("ontving gisteren in Rabat", "nl", None),
        ("empfing am Dienstag in Rabat", "de", "Tuesday"),
        ("recibió el miércoles en Rabat", "es", "Wednesday"),
        ("ha ricevuto giovedì a Rabat", "it", "Thursday"),
    ],
)
def test_relative_without_publication_is_unknown(text: str, lang: str, weekday: str | None) -> None:
    assert one(text, lang, None) == DateSpan(None, None, weekday)


def test_no_date_at_all() -> None:
    assert one("Hammouchi a reçu le directeur de la police danoise à Rabat.", "fr", "2024-06-04") == DateSpan()
    assert find_event_dates("", [], None, TODAY) == DateSpan()


def test_segments_may_be_empty() -> None:
    body = "Le lundi 3 juin à Rabat, réunion."
    assert find_event_dates(body, [], None, TODAY).start == "2024-06-03"


def test_fold() -> None:
    assert fold("Août MÄRZ Mercoledì") == "aout marz mercoledi"
    assert fold("٣ يونيو") == "3 يونيو"
    assert fold("أيلول") == "ايلول"


def test_weekday_in_parentheses_and_ordinals() -> None:
    assert one("Hammouchi met on Monday (June 3) in Rabat", "en", None).start == "2024-06-03"
    assert one("He was received on the 3rd of June 2024.", "en", None).start == "2024-06-03"
    span = one("les 3 et 4 juin 2024 à Rabat", "fr", None)
    assert (span.start, span.end) == ("2024-06-03", "2024-06-04")
    span = one("am 3. und 4. Juni 2024 in Rabat", "de", None)
    assert (span.start, span.end) == ("2024-06-03", "2024-06-04")


def test_relative_word_inside_a_later_range_takes_the_range() -> None:
    text = ("Il direttore Hammouchi ha concluso ieri una visita di lavoro in Germania.\n\n"
            "La visita, che si è svolta dal 13 al 15 maggio tra Wiesbaden e Berlino, è stata utile.")
    assert find_event_dates(text, [], "2025-05-16", TODAY) == DateSpan("2025-05-13", "2025-05-15")
    # a range that does not contain the relative day is something else
    other = "Hammouchi a reçu hier le chef. Une conférence aura lieu du 13 au 15 juin."
    assert find_event_dates(other, [], "2025-05-16", TODAY) == DateSpan("2025-05-15", "2025-05-15")


def test_explicit_date_months_before_publication_is_background() -> None:
    text = "Le 12 mars 2023, les deux hommes s'étaient vus. Hammouchi a reçu ce lundi le chef."
    assert find_event_dates(text, [], "2024-06-04", TODAY) == DateSpan("2024-06-03", "2024-06-03")
    recent = "Hammouchi a reçu le 28 mai 2024 le chef."
    assert find_event_dates(recent, [], "2024-06-04", TODAY) == DateSpan("2024-05-28", "2024-05-28")


@pytest.mark.parametrize("text, published, expected", [
    ("Hammouchi reuniu-se nesta segunda-feira com o chefe.", "2024-06-04", "2024-06-03"),
    ("استقبل حموشي، أول أمس السبت، المدير.", "2024-06-03", "2024-06-01"),
    ("Hammouchi se reunió el pasado lunes con el jefe.", "2024-06-05", "2024-06-03"),
    ("Hammouchi ha ricevuto il 3 giugno scorso il capo.", "2024-06-20", "2024-06-03"),
    ("Hammouchi traf vom 30. Juni bis 2. Juli in Paris.", "2024-06-28", "2024-06-30"),
    ("Hammouchi on June 3-4 in Paris.", "2024-06-02", "2024-06-03"),
])
def test_more_relative_and_explicit_forms(text: str, published: str, expected: str) -> None:
    assert find_event_dates(text, [], published, TODAY).start == expected


@pytest.mark.parametrize(
    "text",
    [
        "le 2024-06-04 à Rabat", "en 2024 et 2025", "18525 20 septembre", "300 personnes", "2024 3 juin",
        "June 2024, 12 people", "juni 20245", "1999-12-31", "12345 juin", "van 1200 tot 1300 juni",
        "٢٠٢٤-٠٦-٠٤", "le 3 juin 2024", "du 3 au 5 juin", "May 2024-06-04", "ab 2024-6-4",
    ],
)
def test_long_digit_runs_skip_only_patterns_that_cannot_match(text: str) -> None:
    """_explicit_at tries only the numeric pattern on 3-4 digits and nothing on longer runs: same result as all."""
    from store.dates import _RE_DIGITS, _explicit_at

    folded = fold(text)
    for m in _RE_DIGITS.finditer(folded):
        digits = m.end() - m.start()
        if digits > 2:
            every_pattern = _explicit_at(folded, m.start(), 2)  # pretends a day: runs every pattern
            assert _explicit_at(folded, m.start(), digits) == every_pattern, (text, m.group())
