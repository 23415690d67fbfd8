"""Step 3: language of the article and of each paragraph."""

from __future__ import annotations

import pytest

from store.clean import clean_text
from store.language import detect_languages
from conftest import SEEDS


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_article_language(gold, name):
    body = clean_text((SEEDS / name).read_text(encoding="utf-8")).body
    lang, shares, segments = detect_languages(body)
    expected = gold["articles"][name]
    assert lang == expected["lang"]
    assert abs(sum(shares.values()) - 1) < 0.01
    assert all(0 <= s.start < s.end <= len(body) for s in segments)
    if "also_contains_lang" in expected:
        other = expected["also_contains_lang"]
        assert other in shares and shares[other] > 0.05
        english = [body[s.start:s.end] for s in segments if s.lang == other]
        assert any(p.startswith("The two parties also dealt") for p in english)
    else:
        assert set(shares) == {expected["lang"]}


@pytest.mark.parametrize(
    "lang, text",
    [
        ("es", "El director general de la Policía Nacional se reunió ayer en Madrid con su homólogo marroquí para reforzar la cooperación."),
        ("it", "Il capo della polizia ha incontrato ieri a Roma il suo omologo marocchino per rafforzare la cooperazione contro il terrorismo."),
        ("pt", "O diretor-geral da Polícia Judiciária reuniu-se ontem em Lisboa com o seu homólogo marroquino para reforçar a cooperação."),
        ("ar", "استقبل المدير العام للأمن الوطني اليوم في الرباط نظيره الإيطالي لتعزيز التعاون الأمني بين البلدين."),
        ("en", "The head of the national police met his Moroccan counterpart in London yesterday to strengthen security cooperation."),
        ("nl", "De directeur-generaal van de nationale politie ontving gisteren zijn Marokkaanse collega in Den Haag."),
        ("de", "Der Generaldirektor der Polizei empfing gestern in Berlin seinen marokkanischen Amtskollegen zu Gesprächen."),
    ],
)
def test_supported_languages(lang, text):
    assert detect_languages(text)[0] == lang


def test_mixed_article_has_segments_in_each_language():
    body = ("Le directeur général a reçu son homologue pour discuter de la coopération sécuritaire entre les deux pays.\n\n"
            "The two parties discussed the risks of illegal immigration and organised crime networks in the region.")
    lang, shares, segments = detect_languages(body)
    assert [s.lang for s in segments] == ["fr", "en"]
    assert set(shares) == {"fr", "en"}


def test_compact_model_tables_give_the_library_scores():
    """The DFA tables held as int arrays score every sample exactly as py3langid's own lists."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from store.language import SUPPORTED_LANGUAGES, _identifier

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    reference.set_languages(list(SUPPORTED_LANGUAGES))
    compact = _identifier()
    samples = ["", "123", "ÉTÉ!", "x" * 300]
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        samples += [text[i:i + 160] for i in range(0, min(len(text), 4000), 97)]
    for sample in samples:
        assert compact.classify(sample) == reference.classify(sample), sample
