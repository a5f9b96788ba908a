"""Known file formats that are not plain text, recognised by their first bytes.

A file given to :func:`rhetoric.text.read_text` is refused, with the name of its format, when it
is a PDF or an Office document, an archive, an image, audio or video, an executable, or a
database: analysing the bytes of such a file as text gives nonsense (an ASCII-only PDF decodes
without error), and naming the format tells the user what to convert. Byte-order marks are not
formats: UTF-8, UTF-16 and UTF-32 text with a mark is decoded (see :func:`rhetoric.text.decode`).
"""

from __future__ import annotations

import io
import re
import zipfile

#: (first bytes, format name), checked in order; a name ends in what to do where that helps.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"%!PS", "PostScript document"),
    (b"{\\rtf", "RTF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office (OLE2: .doc, .xls, .ppt or .msg) file"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xfe\xed\xfa\xce", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "Mach-O universal binary or Java class file"),
    (b"\x00asm", "WebAssembly module"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"OggS", "Ogg audio or video"),
    (b"fLaC", "FLAC audio"),
)

# Signatures that need more than a prefix.
_PATTERNS: tuple[tuple[re.Pattern[bytes], str], ...] = (
    (re.compile(rb"BZh[1-9]1AY&SY", re.DOTALL), "bzip2 archive"),
    (re.compile(rb"RIFF.{4}WEBP", re.DOTALL), "WebP image"),
    (re.compile(rb"RIFF.{4}WAVE", re.DOTALL), "WAV audio"),
    (re.compile(rb"RIFF.{4}AVI ", re.DOTALL), "AVI video"),
    (re.compile(rb".{4}ftyp(?:heic|heix|mif1|avif)", re.DOTALL), "HEIF/AVIF image"),
    (re.compile(rb".{4}ftyp", re.DOTALL), "MP4/QuickTime video or audio"),
    (re.compile(rb"ID3[\x02-\x04]\x00", re.DOTALL), "MP3 audio"),
    (re.compile(rb"MZ.{58}", re.DOTALL), ""),  # a DOS/Windows executable: see _windows_executable
)

_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Members or ``mimetype`` contents that name the document inside a ZIP container.
_ZIP_KINDS = (
    ("word/", "DOCX (Word) document"),
    ("xl/", "XLSX (Excel) workbook"),
    ("ppt/", "PPTX (PowerPoint) presentation"),
)
_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "ODT (OpenDocument) document",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS (OpenDocument) spreadsheet",
    "application/vnd.oasis.opendocument.presentation": "ODP (OpenDocument) presentation",
    "application/epub+zip": "EPUB e-book",
}


def sniff_format(data: bytes) -> str | None:
    """The name of the non-text format ``data`` is in, or None when it may be text.

    Only the first bytes are read, except for a ZIP container, whose member names tell a Word
    document from a spreadsheet or a plain archive.

    >>> sniff_format(b"%PDF-1.4 ..."), sniff_format(b"Plain words."), sniff_format(b"\\x1f\\x8b\\x08")
    ('PDF document', None, 'gzip archive')
    """
    head = data[:64]
    for signature, name in SIGNATURES:
        if head.startswith(signature):
            return name
    if head.startswith(_ZIP):
        return _zip_kind(data)
    if len(data) >= 262 and data[257:262] == b"ustar":
        return "tar archive"
    for pattern, name in _PATTERNS:
        if pattern.match(head):
            return name or _windows_executable(data)
    return None


def is_document_format(name: str) -> bool:
    """True for a format that holds a text to extract (PDF, Word, RTF, e-books), not an image or archive.

    >>> is_document_format("PDF document"), is_document_format("PNG image")
    (True, False)
    """
    return any(
        word in name for word in ("document", "workbook", "presentation", "e-book", "Office")
    )


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in _MIMETYPES:
                    return _MIMETYPES[mimetype]
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return "ZIP archive"
    for prefix, name in _ZIP_KINDS:
        if any(member.startswith(prefix) for member in names):
            return name
    return "ZIP archive"


def _windows_executable(data: bytes) -> str | None:
    """A DOS/Windows executable: "MZ", and at the offset stored at byte 60, "PE\\0\\0" (or a DOS stub)."""
    offset = int.from_bytes(data[60:64], "little")
    if data[offset : offset + 4] == b"PE\x00\x00" or b"\x00" in data[:64]:
        return "Windows executable"
    return None
