"""Known non-text formats are refused by their first bytes, with their name; text is never."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sqlite3
import sys
import tarfile
import zipfile
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from rhetoric.errors import InputError
from rhetoric.formats import is_document_format, sniff_format
from rhetoric.text import decode, read_text

# An ASCII-only PDF: it decodes as UTF-8 without complaint, so only its signature gives it away.
ASCII_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _figure(format: str) -> bytes:
    figure, ax = plt.subplots(figsize=(1, 1))
    ax.plot([0, 1], [0, 1])
    buffer = io.BytesIO()
    figure.savefig(buffer, format=format)
    plt.close(figure)
    return buffer.getvalue()


def _tar() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        data = b"words in a tar"
        info = tarfile.TarInfo("a.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _sqlite(tmp_path: Path) -> bytes:
    path = tmp_path / "db.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("create table t (x text)")
    return path.read_bytes()


MAKERS = {
    "PDF document": lambda tmp: ASCII_PDF,
    "DOCX (Word) document": lambda tmp: _zip(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
    ),
    "XLSX (Excel) workbook": lambda tmp: _zip(
        {"[Content_Types].xml": "<T/>", "xl/workbook.xml": "<w/>"}
    ),
    "ODT (OpenDocument) document": lambda tmp: _zip(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<c/>"}
    ),
    "EPUB e-book": lambda tmp: _zip({"mimetype": "application/epub+zip", "a.xhtml": "<p/>"}),
    "ZIP archive": lambda tmp: _zip({"notes.txt": "plain words"}),
    "gzip archive": lambda tmp: gzip.compress(b"plain words inside"),
    "bzip2 archive": lambda tmp: bz2.compress(b"plain words inside"),
    "xz archive": lambda tmp: lzma.compress(b"plain words inside"),
    "tar archive": lambda tmp: _tar(),
    "PNG image": lambda tmp: _figure("png"),
    "JPEG image": lambda tmp: _figure("jpg"),
    "PostScript document": lambda tmp: _figure("ps"),
    "SQLite database": _sqlite,
    "RTF document": lambda tmp: b"{\\rtf1\\ansi We shall overcome.}",
    "Microsoft Office (OLE2: .doc, .xls, .ppt or .msg) file": lambda tmp: (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    ),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_known_formats_are_refused_by_name(tmp_path, name):
    data = MAKERS[name](tmp_path)
    assert sniff_format(data) == name
    path = tmp_path / "input.txt"  # the suffix says text; the bytes say otherwise
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_text(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {name}, not a text file")
    assert ("extract it as plain text" in message) == is_document_format(name)


def test_the_running_interpreter_is_refused_as_an_executable():
    data = Path(sys.executable).resolve().read_bytes()[:4096]
    assert sniff_format(data) in {"ELF executable", "Mach-O executable", "Windows executable"}
    with pytest.raises(InputError, match="executable, not a text file"):
        decode(data)


@pytest.mark.parametrize(
    "text",
    [
        "MZ is the name of the firm.",  # "MZ" opens a Windows executable, but not this
        "PK fire brigades met at dawn.",
        "ID3 tags, says the manual, are metadata.",
        "GIF images are small.",
        "%Percent signs open this line.",
        "{\\bf TeX} is not RTF.",
        "",
    ],
)
def test_text_that_begins_like_a_signature_is_still_text(text):
    assert sniff_format(text.encode()) is None
    assert decode(text.encode()) == (text, "utf-8")
