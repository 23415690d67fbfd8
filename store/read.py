"""Step 1 of the pipeline: files, folders, .jsonl and HTML → RawDocument.

Bytes become text with the right charset (BOMs, UTF-8, UTF-16 without BOM,
then charset detection for cp1252/latin-1 and friends). Anything that is not
an article gives a ReadFailure with a one-line reason instead of an exception.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .model import RawDocument

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

MAX_ARTICLE_BYTES = 10 * 1024 * 1024  # one article (a file, or one .jsonl line)

_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\x7fELF": "an ELF executable",
    b"PK\x03\x04": "a zip archive",
    b"%PDF": "a PDF document",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"SQLite format 3\x00": "an SQLite database",
}


@dataclass(frozen=True)
class ReadFailure:
    """A file (or .jsonl line) that could not be read as an article, and why."""

    source: str
    reason: str


class NotText(ValueError):
    """Bytes that are not text in any charset we can recognise."""


def decode_bytes(data: bytes) -> str:
    """Decode article bytes: BOM first, then UTF-8, UTF-16 without BOM, then detection."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise NotText(f"binary file ({what})")
    utf16 = _guess_utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data[:65536]:
        raise NotText("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:262144]))
    if not matches:
        raise NotText("binary file (no text encoding fits)")
    # Short Western text fits several single-byte code pages equally well;
    # cp1252 (a superset of latin-1 in practice) is by far the most common of them.
    best = matches[0]
    for match in matches[:6]:
        if match.encoding in _PREFERRED_LEGACY and match.chaos <= best.chaos + 0.02:
            best = match
            break
    return data.decode(best.encoding, errors="replace")


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text in Latin scripts has NUL in every other byte; tell LE from BE."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def html_to_document(html: str, source: str) -> RawDocument | ReadFailure:
    """Main text, title and date of a web page, with trafilatura (not regexes)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        _without_form_controls(html), with_metadata=True, include_comments=False, include_tables=False
    )
    text = (extracted.text or "").strip() if extracted is not None else ""
    if not text:
        return ReadFailure(source, "no article text in this HTML page")
    return RawDocument(
        source=source,
        text=text,
        title=extracted.title or None,
        published=_iso_date(extracted.date),
        lang=extracted.language or None,
        url=extracted.url or None,
    )


_FORM_CONTROLS = "//button|//input|//label|//noscript|//option|//select|//textarea"


def _without_form_controls(html: str) -> object:
    """The page as an lxml tree without buttons, inputs, labels and <noscript> notices.

    Their words ("Envoyer", "Activez JavaScript") are never article text, and a
    page that is only scripts, styles and forms must come out empty. <form>
    itself stays: some sites wrap the whole page in one.
    """
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    for element in tree.xpath(_FORM_CONTROLS):
        element.drop_tree()
    return tree


def _iso_date(value: object) -> str | None:
    text = str(value or "")[:10]
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
        return text
    return None


def read_file(path: Path, source: str | None = None) -> Iterator[RawDocument | ReadFailure]:
    """Read one file as articles: a .jsonl gives one per line, anything else one.

    Never raises for a bad file: it yields a ReadFailure with a one-line reason.
    """
    source = source or str(path)
    try:
        if Path(path).suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(Path(path), source)
        else:
            yield _read_article_file(Path(path), source)
    except Exception as error:  # a bug in a parser must not sink the batch
        yield ReadFailure(source, f"could not be read: {type(error).__name__}: {_short(error)}")


def _open_regular(path: Path) -> tuple[BinaryIO | None, str | None]:
    """Open a regular file for reading without ever blocking (FIFOs, devices).

    Returns (file, None), or (None, reason) when it cannot or should not be read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return None, _os_reason(path, error)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            os.close(descriptor)
            return None, "not a regular file (a device, pipe or socket)"
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb"), None
    except OSError as error:
        os.close(descriptor)
        return None, _os_reason(path, error)


def _os_reason(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return "broken symbolic link"
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    if error.errno == errno.EISDIR:
        return "cannot read: is a folder"
    return f"cannot read: {error.strerror or error}"


def _read_article_file(path: Path, source: str) -> RawDocument | ReadFailure:
    handle, reason = _open_regular(path)
    if handle is None:
        return ReadFailure(source, reason or "cannot read")
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_ARTICLE_BYTES:
                return ReadFailure(source, _too_large(size))
            # read(MAX_ARTICLE_BYTES + 1) would allocate 10 MB for every file: read what
            # fstat announced, and more only if the file grew meanwhile
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(MAX_ARTICLE_BYTES + 1 - len(data))
        except OSError as error:
            return ReadFailure(source, _os_reason(path, error))
    if len(data) > MAX_ARTICLE_BYTES:
        return ReadFailure(source, _too_large(len(data)))
    if not data.strip():
        return ReadFailure(source, "empty file" if not data else "no text (only white space)")
    try:
        text = decode_bytes(data)
    except NotText as error:
        return ReadFailure(source, str(error))
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        return html_to_document(text, source)
    if not text.strip():
        return ReadFailure(source, "no text")
    return RawDocument(source=source, text=text)


def _too_large(size: int) -> str:
    return f"too large for one article ({size / 1e6:.1f} MB > {MAX_ARTICLE_BYTES / 1e6:.0f} MB)"


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def read_jsonl(path: Path, source: str) -> Iterator[RawDocument | ReadFailure]:
    """One article per line: {"text", "title"?, "url"?, "published"?, "lang"?}.

    Broken lines are reported with their line number; good lines still go in.
    No line is read whole into memory beyond MAX_ARTICLE_BYTES.
    """
    handle, reason = _open_regular(path)
    if handle is None:
        yield ReadFailure(source, reason or "cannot read")
        return
    with handle:
        head = handle.read(16)
        handle.seek(0)
        for magic, what in _MAGIC.items():
            if head.startswith(magic):
                yield ReadFailure(source, f"binary file ({what}), not JSON lines")
                return
        if not head.strip():
            if not handle.read(MAX_ARTICLE_BYTES).strip():
                yield ReadFailure(source, "empty file")
                return
            handle.seek(0)
        number = 0
        while True:
            raw_line = handle.readline(MAX_ARTICLE_BYTES + 1)
            if not raw_line:
                break
            number += 1
            where = f"{source}:{number}"
            if len(raw_line) > MAX_ARTICLE_BYTES and not raw_line.endswith(b"\n"):
                while True:  # skip the rest of the oversized line
                    rest = handle.readline(1 << 20)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield ReadFailure(where, "line too large for one article")
                continue
            if not raw_line.strip():
                continue
            try:
                record = json.loads(decode_bytes(raw_line))
            except (NotText, ValueError, RecursionError) as error:
                yield ReadFailure(where, f"invalid JSON ({_short(error)})")
                continue
            yield _record_to_document(record, where)


def _record_to_document(record: object, where: str) -> RawDocument | ReadFailure:
    if not isinstance(record, dict):
        return ReadFailure(where, "not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadFailure(where, 'no "text" field with article text')
    url = record.get("url") if isinstance(record.get("url"), str) else None
    title = record.get("title") if isinstance(record.get("title"), str) else None
    lang = record.get("lang") if isinstance(record.get("lang"), str) else None
    if isinstance(text, str) and text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        page = html_to_document(text, url or where)
        if isinstance(page, ReadFailure):
            return ReadFailure(where, page.reason)
        text, title = page.text, title or page.title
    return RawDocument(
        source=url or where,
        text=text,
        title=title,
        published=_iso_date(record.get("published")),
        lang=lang,
        url=url,
    )


def _short(error: Exception) -> str:
    return str(error).split("\n")[0][:80]


def list_article_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[tuple[Path, str]], list[ReadFailure]]:
    """Every article file under the given paths, as (path, source), and the paths that fail.

    Files given by name are read whatever their suffix; in folders only article
    files (.txt, .html, .jsonl, …) are read, hidden ones are skipped, and
    symlinked folders are followed, each folder once (a loop ends where it
    comes back).
    """
    files: list[tuple[Path, str]] = []
    failures: list[ReadFailure] = []
    for given in paths:
        path = Path(given)
        problem = _link_problem(path)
        if problem:
            failures.append(ReadFailure(str(given), problem))
        elif path.is_dir():
            _walk_folder(path, files, failures)
        elif path.is_file():
            files.append((path, str(given)))
        elif path.exists():
            failures.append(ReadFailure(str(given), "not a regular file (a device, pipe or socket)"))
        else:
            failures.append(ReadFailure(str(given), "no such file or folder"))
    return files, failures


def _link_problem(path: Path) -> str | None:
    """'broken symbolic link' / 'symbolic link loop' for a link that leads nowhere, else None."""
    if not path.is_symlink():
        return None
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        return "broken symbolic link"
    return None


def _identity(folder: Path) -> tuple[int, int]:
    status = folder.stat()
    return status.st_dev, status.st_ino


def _walk_folder(folder: Path, files: list[tuple[Path, str]], failures: list[ReadFailure]) -> None:
    def on_error(error: OSError) -> None:
        failures.append(ReadFailure(str(error.filename or folder), f"cannot read folder: {error.strerror or error}"))

    seen = {_identity(folder)}  # folders walked, by device and inode: links to them are not walked again
    for root, dirs, names in os.walk(folder, onerror=on_error, followlinks=True):
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            try:
                identity = _identity(Path(root) / name)
            except OSError as error:  # removed or made unreadable meanwhile
                on_error(error)
                continue
            if identity not in seen:
                seen.add(identity)
                kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            path = Path(root) / name
            if name.startswith(".") or path.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            problem = _link_problem(path)
            if problem:
                failures.append(ReadFailure(str(path), problem))
            else:
                files.append((path, str(path)))


def iter_documents(paths: Iterable[str | os.PathLike[str]]) -> Iterator[RawDocument | ReadFailure]:
    """Every article under the given paths, then a failure for each unreadable path."""
    files, failures = list_article_files(paths)
    for path, source in files:
        yield from read_file(path, source)
    yield from failures
