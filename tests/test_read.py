"""Step 1: reading files of every encoding and kind into RawDocuments."""

from __future__ import annotations

import json

import pytest

from store.read import ReadFailure, decode_bytes, iter_documents, list_article_files

TEXT = "La coopération sécuritaire entre le Maroc et l’Italie: « traite des êtres humains »."


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),  # without BOM
        TEXT.replace("’", "'").replace("« ", '"').replace(" »", '"').encode("latin-1"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "latin1", "cp1252"],
)
def test_every_encoding_decodes_to_the_same_text(encoded):
    decoded = decode_bytes(encoded)
    assert "coopération sécuritaire" in decoded
    assert "êtres humains" in decoded
    assert not decoded.startswith("\ufeff")


def test_cp1252_quotes_survive():
    assert decode_bytes(TEXT.encode("cp1252")) == TEXT


def test_folder_is_read_recursively_and_only_article_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("Texte profond sur la sécurité nationale.", encoding="utf-8")
    (tmp_path / "top.txt").write_text("Top level article about police cooperation.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    sources = sorted(doc.source for doc in iter_documents([tmp_path]))
    assert sources == [str(tmp_path / "a" / "b" / "deep.txt"), str(tmp_path / "top.txt")]


def test_html_main_text_is_extracted_without_scripts_or_navigation(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        """<html><head><title>Rencontre à Rabat | Le Site</title>
        <meta property="article:published_time" content="2024-06-04T09:50:00"></head>
        <body><nav><a href="/">Accueil</a> <a href="/sport">Sport</a></nav>
        <article><h1>Rencontre à Rabat</h1>
        <p>Le directeur général de la sûreté nationale a reçu lundi à Rabat son homologue italien,
        à la tête d'une importante délégation sécuritaire, pour parler de coopération.</p>
        <p>Les deux responsables ont évoqué la lutte contre le terrorisme et la traite des êtres humains.</p>
        </article><script>document.write('[bold red]evil')</script><footer>© Le Site</footer></body></html>""",
        encoding="utf-8",
    )
    [doc] = list(iter_documents([page]))
    assert "homologue italien" in doc.text
    assert "traite des êtres humains" in doc.text
    assert "document.write" not in doc.text and "Accueil" not in doc.text
    assert doc.title and doc.title.startswith("Rencontre à Rabat")
    assert doc.published == "2024-06-04"


def test_jsonl_good_lines_go_in_and_bad_lines_are_reported_with_line_numbers(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "Premier article sur la police.", "title": "Un", "url": "https://example.org/1",
                    "published": "2024-06-03", "lang": "fr"}),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": "Zweiter Artikel über die Polizei."}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_documents([path]))
    docs = [item for item in items if not isinstance(item, ReadFailure)]
    failures = [item for item in items if isinstance(item, ReadFailure)]
    assert [doc.text for doc in docs] == ["Premier article sur la police.", "Zweiter Artikel über die Polizei."]
    assert docs[0].source == "https://example.org/1" and docs[0].published == "2024-06-03" and docs[0].lang == "fr"
    assert docs[1].source == f"{path}:5"
    assert [f.source for f in failures] == [f"{path}:2", f"{path}:3", f"{path}:6"]
    assert "invalid JSON" in failures[0].reason and '"text"' in failures[1].reason


def test_bad_paths_get_one_line_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere")
    reasons = {
        item.source.rsplit("/", 1)[-1]: item.reason
        for item in iter_documents([tmp_path / "empty.txt", tmp_path / "binary.txt",
                                    tmp_path / "dangling.txt", tmp_path / "missing.txt"])
    }
    assert reasons == {
        "empty.txt": "empty file",
        "binary.txt": "binary file (an ELF executable)",
        "dangling.txt": "broken symbolic link",
        "missing.txt": "no such file or folder",
    }


def test_symlinked_folders_are_followed_and_each_folder_read_once(tmp_path):
    elsewhere = tmp_path / "elsewhere" / "2024"
    elsewhere.mkdir(parents=True)
    (elsewhere / "a.txt").write_text("Un article.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b.txt").write_text("Another article.", encoding="utf-8")
    (corpus / "2024").symlink_to(elsewhere)  # a corpus assembled from links
    (corpus / "again").symlink_to(elsewhere)  # the same folder twice
    (corpus / "loop").symlink_to(corpus)  # a loop
    files, failures = list_article_files([corpus])
    assert failures == []
    assert sorted(source.split("corpus/", 1)[1] for _, source in files) == ["2024/a.txt", "b.txt"]
