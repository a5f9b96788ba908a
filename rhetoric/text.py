"""The text model: read a file exactly, and see its paragraphs, sentences and words with offsets.

Offsets everywhere are Python ``str`` indices into the decoded original text (the convention of
the PTC gold files). Nothing is translated: no newline conversion, no Unicode normalisation.
A *normalised view* (:func:`normalize`) exists for matching only; it has the same length as the
original, character for character, so an index found in it is an index into the original.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import unicodedata
import warnings
import weakref
from dataclasses import dataclass
from functools import cached_property, lru_cache, wraps
from itertools import accumulate, compress
from operator import itemgetter, ne
from pathlib import Path
from typing import NamedTuple

from rhetoric.errors import InputError
from rhetoric.span import Span

#: Files larger than this are refused by :func:`read_text` unless a larger ``max_bytes`` is given.
DEFAULT_MAX_BYTES = 10_000_000


class EncodingFallbackWarning(UserWarning):
    """A file was not valid UTF-8 and was decoded with the single-byte fallback."""


class NoWordsWarning(UserWarning):
    """A document has no words to analyse (empty, or only what the text model removes)."""


def warn_if_no_words(n_words: int, name: str) -> None:
    """Say that the document ``name`` has no words to analyse (a :class:`NoWordsWarning`, which
    the corpus runner keeps with the document's outcome: a row's ``warning``, a line of
    ``rhetoric analyze``)."""
    if n_words == 0:
        warnings.warn(
            f"{name}: no words to analyse (empty or only page furniture)",
            NoWordsWarning,
            stacklevel=2,
        )


#: Byte-order marks of the wider Unicode encodings, longest first (UTF-32 LE begins like UTF-16 LE):
#: the one table of them, for decoding a text (:func:`decode`) and refusing a corpus table.
WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


#: The punctuation of Big5's symbol row that some transcripts carry inside otherwise ASCII
#: text (the State of the Union addresses of 1970-1974 and the 2005 inaugural in NLTK's
#: corpora): dashes, curly quotes, an ellipsis, a wide space. Read as Windows-1252 each would
#: be two letters glued to the words beside it ("choices¡Xchoices", "Nation¡¦s").
BIG5_PUNCTUATION = {
    b"\xa1\x40": "\u3000", b"\xa1\x4b": "\u2026", b"\xa1\x56": "\u2013", b"\xa1\x58": "\u2014",
    b"\xa1\xa5": "\u2018", b"\xa1\xa6": "\u2019", b"\xa1\xa7": "\u201c", b"\xa1\xa8": "\u201d",
}  # fmt: skip
_NON_ASCII = re.compile(rb"[\x80-\xff][\x00-\xff]?")
#: The encoding name :func:`decode` gives such a file.
ASCII_BIG5_PUNCTUATION = "ascii+big5-punctuation"


def _ascii_with_big5_punctuation(data: bytes) -> str | None:
    """The text of ASCII bytes whose only other bytes are pairs of :data:`BIG5_PUNCTUATION`;
    ``None`` for any other bytes (a Windows-1252 "¡Hola" is not such a pair), or where the
    reading is ambiguous.

    A pair whose second byte is ASCII (the dashes, the ellipsis, the wide space) also reads as
    Windows-1252 "¡" before a letter or ``@`` ("¡Viva", "¡Kaboom"). The pairs are read as Big5
    only when the file also holds a pair that is not ASCII in Windows-1252 either (a curly
    quote: "¡¦" is no text), or else when each pair is glued to the letter or digit before it,
    as a dash between two words is ("choices¡Xchoices"), where a Spanish "¡" never stands.
    """
    pairs = list(_NON_ASCII.finditer(data))
    if not pairs or any(pair.group() not in BIG5_PUNCTUATION for pair in pairs):
        return None
    quoted = any(pair.group()[1] >= 0x80 for pair in pairs)
    if not quoted and not all(data[pair.start() - 1 : pair.start()].isalnum() for pair in pairs):
        return None
    return _NON_ASCII.sub(lambda m: BIG5_PUNCTUATION[m.group()].encode("utf-8"), data).decode(
        "utf-8"
    )


def decode(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(text, encoding)``.

    * UTF-16 or UTF-32 with a byte-order mark: decoded by the mark, which is dropped (as
      ``open(path, encoding="utf-16")`` drops it), so offsets agree with other readers;
    * otherwise UTF-8; else ASCII with Big5 punctuation (:data:`BIG5_PUNCTUATION`: each pair of
      bytes one dash, quote or space; encoding ``"ascii+big5-punctuation"``); else
      Windows-1252, else Latin-1. The last two map one byte to one character. A UTF-8
      byte-order mark is kept as ``\\ufeff`` (as ``open(path, encoding="utf-8")`` keeps it).

    Raises :class:`~rhetoric.errors.InputError` for bytes that are not text: a known binary or
    document format, named (PDF, DOCX, an image, an archive, an executable; see
    :func:`rhetoric.formats.sniff_format`), other bytes holding NUL, or bytes with a UTF-16 or
    UTF-32 byte-order mark that do not decode.

    >>> decode("naïve".encode("utf-8"))
    ('naïve', 'utf-8')
    >>> decode(b"caf\\xe9")
    ('café', 'cp1252')
    >>> decode(b"choices\\xa1Xchoices")
    ('choices—choices', 'ascii+big5-punctuation')
    >>> decode("Wir schaffen das.".encode("utf-16"))
    ('Wir schaffen das.', 'utf-16')
    """
    failed = None  # the first wide encoding whose mark the data carries, and its error
    for mark, encoding in WIDE_BOMS:
        if data.startswith(mark):  # FF FE 00 00 is UTF-32, or UTF-16 opening with U+0000
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                failed = failed or (encoding.upper(), error.start)
    if failed:
        raise InputError(
            f"starts with a {failed[0]} byte-order mark but is not valid {failed[0]} "
            f"(byte {failed[1]})"
        )
    from rhetoric.formats import is_document_format, sniff_format

    found = sniff_format(data)
    if found:
        hint = "; save or extract it as plain text first" if is_document_format(found) else ""
        raise InputError(f"{found}, not a text file{hint}")
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not text" + _wide_hint(data))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _ascii_with_big5_punctuation(data)
    if text is not None:
        return text, ASCII_BIG5_PUNCTUATION
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def over_the_limit(size: int, limit: int) -> str:
    """``size`` bytes against a ``limit`` they exceed, in megabytes shown precisely enough to be
    seen larger, with the bytes (the limit as it was given: ``--max-mb 0.005``).

    >>> over_the_limit(10_000, 5_000)
    '0.010 MB (10,000 bytes), above the 0.005 MB limit'
    >>> over_the_limit(12_345_678, 10_000_000)
    '12.3 MB (12,345,678 bytes), above the 10 MB limit'
    """
    decimals = 1  # the fewest at which the two differ (at 6, every byte shows)
    while decimals < 6 and f"{size / 1e6:.{decimals}f}" == f"{limit / 1e6:.{decimals}f}":
        decimals += 1
    given = f"{limit / 1e6:.6f}".rstrip("0").rstrip(".")  # 0.00001, not 1e-05, as it was given
    return f"{size / 1e6:.{decimals}f} MB ({size:,} bytes), above the {given} MB limit"


def printable_path(path: str) -> str:
    """A file name or path as text every output can hold.

    A name that is not valid UTF-8 (a Latin-1 "naïve.txt" from an old archive) reaches Python
    with its odd bytes kept as lone surrogates, which no UTF-8 file, Parquet column or HTML page
    can store; they are written as ``\\xNN`` escapes instead. Any other name is returned as it
    is.

    >>> printable_path("speeches/1961-Kennedy.txt")
    'speeches/1961-Kennedy.txt'
    >>> printable_path("na\\udcefve.txt")
    'na\\\\xefve.txt'
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def read_text(path: str | os.PathLike, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> str:
    """Read a text file exactly as it is on disk (decoded by :func:`decode`).

    Raises :class:`~rhetoric.errors.InputError` with a one-line reason for a missing path, a
    folder, an unreadable file, a file over ``max_bytes``, or bytes that are not text (a named
    binary or document format such as PDF or DOCX, NUL bytes, a broken UTF-16 file). Issues an
    :class:`EncodingFallbackWarning` when the file is not valid UTF-8 and has no byte-order mark.
    """
    path = Path(path)
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as error:  # a name too long for the file system, say
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if not exists and path.is_symlink():  # the link is there; what it leads to is not
        try:
            path.resolve(strict=True)
            loop = False
        except RuntimeError:  # Python 3.11: a loop of links
            loop = True
        except OSError as error:
            loop = error.errno == errno.ELOOP
        if loop:
            raise InputError(f"{path}: a link that leads round in a loop, not to a file")
        raise InputError(
            f"{path}: no such file (a link to {os.readlink(path)}, which is not there)"
        )
    if not exists:
        raise InputError(f"{path}: no such file")
    if is_dir:
        raise InputError(
            f"{path}: is a folder, not a text file (a folder of texts is a corpus: "
            "rhetoric analyze-corpus, or its files, such as a glob of them)"
        )
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                f"{path}: file is {over_the_limit(size, max_bytes)} (raise it with --max-mb or "
                "max_bytes=)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    return decode_named(data, printable_path(str(path)), stacklevel=3)


def _wide_hint(data: bytes) -> str:
    """A hint for NUL bytes that look like UTF-16 or UTF-32 text saved without a byte-order
    mark (every other, or three of four, bytes NUL): how to make it readable.

    >>> _wide_hint("We will win.".encode("utf-16-le"))
    '; it looks like UTF-16 (little-endian) without a byte-order mark: save it as UTF-8'
    """
    head = data[:4000]
    if len(head) < 8:
        return ""
    for name, size in (("UTF-32", 4), ("UTF-16", 2)):
        for order in ("little-endian", "big-endian"):
            # the bytes a plain ASCII letter leaves NUL in each unit of this encoding
            nul = [i for i in range(size) if i != (0 if order == "little-endian" else size - 1)]
            units = [head[i : i + size] for i in range(0, len(head) - size + 1, size)]
            if units and sum(all(u[k] == 0 for k in nul) for u in units) >= 0.9 * len(units):
                return (
                    f"; it looks like {name} ({order}) without a byte-order mark: save it as UTF-8"
                )
    return ""


def decode_named(data: bytes, name: str, *, stacklevel: int = 2) -> str:
    """The text of the bytes of document ``name`` (a path, ``<stdin>``, a table's doc_id), as
    :func:`read_text` gives a file's: decoded by :func:`decode`, an
    :class:`~rhetoric.errors.InputError` naming ``name`` for bytes that are not text, and an
    :class:`EncodingFallbackWarning` naming it when they are not valid UTF-8."""
    try:
        text, encoding = decode(data)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
    if encoding not in ("utf-8", "utf-16", "utf-32"):
        how = (
            "ASCII with Big5 punctuation (each byte pair one dash, quote or space)"
            if encoding == ASCII_BIG5_PUNCTUATION
            else f"{encoding} (one byte per character)"
        )
        warnings.warn(
            f"{name}: not valid UTF-8{_first_stray_byte(data)}, decoded as {how}",
            EncodingFallbackWarning,
            stacklevel=stacklevel,
        )
    return text


def _first_stray_byte(data: bytes) -> str:
    """Where bytes stop being UTF-8: " (line N, byte 0xNN at offset K)", so that a file that is
    UTF-8 but for one stray byte can be mended there rather than read garbled throughout.

    >>> _first_stray_byte("naïve\\nthé".encode() + b" caf\\xe9")
    ' (line 2, byte 0xe9 at offset 15)'
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return f" (line {line}, byte 0x{data[error.start]:02x} at offset {error.start})"
    return ""


# --- normalised view --------------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u3000": " ",
    }
)  # fmt: skip
_FOLD_PAIRS = tuple((chr(code), replacement) for code, replacement in _FOLD.items())


def normalize(text: str) -> str:
    """A same-length view for matching: straight quotes, ASCII hyphens, plain spaces, lower case.

    Characters whose lower case is longer than one character (such as ``İ``) are kept as they
    are, so index ``i`` of the view is always index ``i`` of the original.

    >>> normalize("Russia’s — “Partner”\\u00a0")
    'russia\\'s - "partner" '
    """
    # One str.replace per character that occurs (each replacement is a single character outside
    # the table, so this is text.translate(_FOLD), without translate's per-character lookup).
    folded = text
    for char, replacement in _FOLD_PAIRS:
        if char in folded:
            folded = folded.replace(char, replacement)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


# --- tokens -----------------------------------------------------------------------------------


class Token(NamedTuple):
    """A word of the original text: ``text == source[start:end]``; ``norm`` is its normalised form.

    Immutable, as the other records of the text model are; a named tuple rather than a frozen
    dataclass because a text of 10 MB has almost two million words, and a named tuple is made in
    half the time.
    """

    start: int
    end: int
    text: str
    norm: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph or sentence: its offsets and the index range of its words in ``Document.words``.

    ``heading`` is true for a heading, title or question heading (see :func:`is_heading`): it is
    kept and shown, but sentence-level detectors skip it (they read :attr:`Document.prose`).
    """

    start: int
    end: int
    first_word: int
    last_word: int  # exclusive
    heading: bool = False

    @property
    def n_words(self) -> int:
        return self.last_word - self.first_word


def _combining_marks() -> str:
    """A regular-expression class of the combining marks (Unicode category M): not word
    characters to ``re``, though in decomposed (NFD) text they are part of a letter. The planes
    that hold marks are searched (0, 1 and 14; the others hold ideographs, private use or
    nothing yet), in a few hundredths of a second."""

    planes = [*range(0x20000), *range(0xE0000, 0xF0000)]
    marks = [c for c in planes if unicodedata.category(chr(c))[0] == "M"]
    ranges, first = [], marks[0]
    for previous, code in zip(marks, marks[1:] + [None], strict=True):
        if code != previous + 1:
            ranges.append(f"\\U{first:08x}" + (f"-\\U{previous:08x}" if previous > first else ""))
            first = code
    return "[" + "".join(ranges) + "]"


#: Combining marks (U+0300-U+036F and the other combining blocks), as a character class.
COMBINING_MARKS = _combining_marks()
# Letters and digits, with inner apostrophes or hyphens ("don't", "Russia’s", "well-being"); the
# combining marks after a letter belong to the word ("café" written as "e" and U+0301).
# (The look-ahead first: a word mostly ends before a character below U+0300, the first mark,
# which it refuses at once, where the class of marks is searched range by range.)
_WORD_PART = rf"[^\W_]+(?:(?![\x00-\u02ff]){COMBINING_MARKS}+[^\W_]*)*"
#: Invisible characters a word may hold (web and PDF text): a soft hyphen, a zero-width space,
#: non-joiner or joiner, a word joiner. Inside a word they join its parts ("cer\u00adtainly" is
#: one word); its key (:attr:`Document.keys`) and the lexicons read it without them.
INVISIBLE_IN_WORDS = "\u00ad\u200b\u200c\u200d\u2060"
WORD_PATTERN = re.compile(rf"{_WORD_PART}(?:['’\-‐{INVISIBLE_IN_WORDS}]{_WORD_PART})*")
_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE_IN_WORDS))


def word_key(norm: str) -> str:
    """The matching form of a word's normalised form: without invisible characters
    (:data:`INVISIBLE_IN_WORDS`), and in Unicode's compatibility form when not ASCII, so that a
    ligature ("ﬁnance") and a decomposed accent read as the plain letters.

    >>> word_key("cer\u00adtainly"), word_key("\ufb01nance"), word_key("cafe\u0301") == "café"
    ('certainly', 'finance', True)
    """
    if norm.isascii():
        return norm
    return unicodedata.normalize("NFKC", norm.translate(_INVISIBLE)).lower()


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
#: What ends a clause between two words (see :attr:`Document.clause_of`).
CLAUSE_BREAK = re.compile(r"[;:!?()\[\]\u2014\u2013\u201c\u201d\"]|--")
#: Longest sentence, in words, that the detectors search as one. A longer "sentence" (a text
#: without punctuation, a list run together) is cut into pieces of at most this many words, at a
#: comma or another break where one lies in the second half of the piece, so that every search
#: stays linear in the length of the text. The longest real sentence of the bundled corpora has
#: 727 words (John Adams, 1797), so no real sentence is cut.
MAX_SENTENCE_WORDS = 1000
_PIECE_BREAK = re.compile(r"[,;:()\[\]\u2014\u2013\n\u2028\u2029]|--")
_NOT_SPACE = re.compile(r"\S")
#: A footnote reference number ("[3]"): the one definition the sentence and paragraph rules share
#: (here and in :mod:`rhetoric.boilerplate`).
FOOTNOTE_MARK = r"\[\d{1,3}\]"
#: A line that ends a sentence: its stop, closing marks, and footnote numbers after it ("froze
#: early. [3] [14]", whose numbers belong to that sentence: :func:`footnote_marks_to_previous`).
_LINE_END_OF_SENTENCE = re.compile(
    rf"""[.!?:;]["'”’)\]]*(?:[ \t\u00a0]*{FOOTNOTE_MARK})*[ \t\r\u00a0]*$"""
)
#: Footnote reference numbers ("[1]", "[12] [13]") and the white space after them.
_REFERENCE_MARKS = re.compile(rf"(?:{FOOTNOTE_MARK}(?:\s+|$))*{FOOTNOTE_MARK}")


@lru_cache(maxsize=1)
def _punkt():
    """NLTK's Punkt sentence tokenizer for English (``punkt_tab``), loaded once per process."""
    from nltk.tokenize.punkt import PunktTokenizer

    from rhetoric.datahome import require_nltk

    require_nltk("tokenizers/punkt_tab/english/")
    return PunktTokenizer("english")


_OTHER_LINE_BREAKS = re.compile(r"\r(?!\n)|[\u2028\u2029\x85]")


def line_view(text: str) -> str:
    """A same-length view of ``text`` in which every line break is ``"\\n"``: a lone carriage
    return (old Mac files), U+2028, U+2029 and U+0085 become one, so that paragraphs and the
    line-based rules of :mod:`rhetoric.boilerplate` see them (a CRLF is a line break already).

    >>> line_view("A title\\r\\rIts text.\\u2028More.") == "A title\\n\\nIts text.\\nMore."
    True
    """
    if not any(mark in text for mark in ("\r", "\u2028", "\u2029", "\x85")):
        return text
    return _OTHER_LINE_BREAKS.sub("\n", text)


def paragraph_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraphs of ``text[start:end]`` as ``(start, end)``, trimmed of surrounding white space.

    A paragraph ends at a blank line, and also at a line break after a line that ends a sentence
    (so texts with one paragraph or sentence per line split there, while hard-wrapped lines of
    one paragraph stay together); a line that ends in a semicolon ends one only when the next
    line does not open in lower case (a hard-wrapped sentence goes on there). A line that ends a
    sentence and then its footnote numbers ("froze early. [3] [14]") is one that ends a sentence.
    A heading line above its paragraph is a paragraph of its own.

    >>> paragraph_bounds("One line.\\nTwo line.\\n\\nThree\\nwrapped.")
    [(0, 9), (10, 19), (21, 35)]

    Every line break counts, written as CR, U+2028 or U+2029 too (:func:`line_view`).
    """
    text = line_view(text)
    end = len(text) if end is None else end
    bounds = []
    block_start = start
    for match in _BLANK_LINE.finditer(text, start, end):
        bounds.extend(_split_block(text, block_start, match.start()))
        block_start = match.end()
    bounds.extend(_split_block(text, block_start, end))
    return bounds


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    paragraph_start = line_start = start
    while line_start < end:
        newline = text.find("\n", line_start, end)
        line_end = end if newline < 0 else newline
        ending = _LINE_END_OF_SENTENCE.search(text, line_start, line_end)
        if (ending and not _wrapped_after_semicolon(text, ending.start(), line_end, end)) or (
            paragraph_start == line_start and _heading_line(text, line_start, line_end, end)
        ):
            pieces.append((paragraph_start, line_end))
            paragraph_start = line_end + 1
        line_start = line_end + 1
    if paragraph_start < end:
        pieces.append((paragraph_start, end))
    return [trimmed for piece in pieces if (trimmed := _trim(text, *piece))]


def _wrapped_after_semicolon(text: str, mark: int, line_end: int, block_end: int) -> bool:
    """A line that ends in a semicolon (``text[mark]``) and a next line that opens in lower case:
    a hard-wrapped sentence going on ("... the board to which it is given;\\nwhich, as its keeper, ..."), not a
    paragraph's end. A colon may end a line that introduces a list or a quotation, and a
    full stop ends a sentence: those lines still end their paragraph."""
    if text[mark] != ";":
        return False
    following = _NOT_SPACE.search(text, line_end + 1, block_end)  # not a copy of the rest
    return following is not None and following.group().islower()


def _heading_line(text: str, start: int, end: int, block_end: int) -> bool:
    """A heading on a line of its own above its paragraph: heading-shaped (:func:`is_heading`)
    and clearly shorter than the next line, so the first line of a hard-wrapped paragraph
    (as long as the lines under it) is not taken for one."""
    if end >= block_end:
        return False
    following_end = text.find("\n", end + 1, block_end)
    following = text[end + 1 : block_end if following_end < 0 else following_end].strip()
    line = text[start:end].strip()
    return bool(line) and len(following) > max(1.5 * len(line), 40) and is_heading(line)


def _split_at(text: str, bounds: list[tuple[int, int]], cuts: list[int]) -> list[tuple[int, int]]:
    """``bounds`` cut at every offset of ``cuts`` that falls inside one, the pieces trimmed."""
    import bisect

    cuts = sorted(cuts)
    out = []
    for start, end in bounds:
        inside = cuts[bisect.bisect_right(cuts, start) : bisect.bisect_left(cuts, end)]
        edges = [start, *inside, end]
        out.extend(p for a, b in zip(edges, edges[1:], strict=False) if (p := _trim(text, a, b)))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def mask(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with every character of ``ranges`` blanked (a space; line breaks kept).

    The view has the length of ``text``, so offsets found in it are offsets into ``text``; the
    tokenizers read it so that removed spans are neither words nor sentences.

    >>> mask("We won. (Applause.) Again.", [(8, 19)])
    'We won.             Again.'
    """
    if not ranges:
        return text
    pieces, position = [], 0
    for start, end in sorted(ranges):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        pieces.append(re.sub(r"[^\r\n]", " ", text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


#: The most words of a heading (a title may have up to :data:`MAX_TITLE_WORDS`).
MAX_HEADING_WORDS = 12
MAX_TITLE_WORDS = 25
_CLOSERS = "\"'”’)]*» \t\r\u00a0"
_QUESTION_OPENER = re.compile(
    r"(?:what|why|how|who|whom|whose|when|where|which|is|are|was|were|can|could|will|would|should"
    r"|does|do|did|has|have|had)\b",
    re.I,
)


def is_heading(line: str, *, title: bool = False) -> bool:
    """Whether a one-line paragraph is a heading: short, with letters, and no final punctuation.

    A title (the first line of a text, set off by a blank line) may be longer and may end in a
    question or exclamation mark. A question heading ("What is the treaty?") is recognised by
    :class:`Document` from its place, not by this function.

    >>> is_heading("The road to Vienna")
    True
    >>> is_heading("We went to Vienna.")
    False
    >>> is_heading("Why Vienna?", title=True)
    True
    """
    if "\n" in line:
        return False
    core = line.rstrip(_CLOSERS)
    n_words = len(WORD_PATTERN.findall(line))
    if not core or n_words == 0 or n_words > (MAX_TITLE_WORDS if title else MAX_HEADING_WORDS):
        return False
    final = ".,;:…" if title else ".,;:…!?"
    return core[-1] not in final and not core.endswith(("-", "–", "—"))


def sentence_bounds(
    text: str, start: int = 0, end: int | None = None, *, cache: dict | None = None
) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` by NLTK Punkt, as ``(start, end)`` into ``text``.

    ``cache`` maps a stretch of text to its sentences (offsets into the stretch): Punkt reads
    nothing outside the stretch, so a paragraph split once (by the search for page copies) is not
    split again for the document's sentences.
    """
    end = len(text) if end is None else end
    piece = text[start:end]
    found = None if cache is None else cache.get(piece)
    if found is None:
        found = list(_punkt().span_tokenize(piece))
        if cache is not None:
            cache[piece] = found
    return [(start + s, start + e) for s, e in found]


def footnote_marks_to_previous(
    text: str, sentences: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``sentences`` (of one paragraph, in order) with the footnote numbers that Punkt put at the
    start of a sentence ("froze early. [3] Can the barges ...") given back to the sentence before it, whose
    reference they are; a sentence of nothing else joins that one. A paragraph's first sentence
    keeps them (a footnote's own text, "[1] See ...").

    >>> text = "We lost. [1] Can we win?"
    >>> [text[a:b] for a, b in footnote_marks_to_previous(text, [(0, 8), (9, 24)])]
    ['We lost. [1]', 'Can we win?']
    """
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        marks = _REFERENCE_MARKS.match(text, start, end) if out else None
        if marks:
            out[-1] = (out[-1][0], marks.end())
            start = marks.end()
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
        out.append((start, end))
    return out


def paragraph_sentences(
    text: str, start: int, end: int, *, cache: dict | None = None
) -> list[tuple[int, int]]:
    """Sentences of the paragraph ``text[start:end]`` as the text model splits them: Punkt's
    (:func:`sentence_bounds`, ``cache`` as there) with the footnote numbers it put at a
    sentence's start given back to the sentence before (:func:`footnote_marks_to_previous`).

    >>> text = "We lost. [1] Can we win?"
    >>> [text[a:b] for a, b in paragraph_sentences(text, 0, len(text))]
    ['We lost. [1]', 'Can we win?']
    """
    return footnote_marks_to_previous(text, sentence_bounds(text, start, end, cache=cache))


def word_tokens(
    text: str, norm: str | None = None, start: int = 0, end: int | None = None
) -> list[Token]:
    """Words of ``text[start:end]`` (letters and digits with inner apostrophes and hyphens).

    >>> [t.norm for t in word_tokens("Russia’s CHOICE, not ours.")]
    ["russia's", 'choice', 'not', 'ours']
    """
    end = len(text) if end is None else end
    norm = normalize(text) if norm is None else norm
    # One string object per distinct form: a long text repeats its words, and a str costs
    # about 50 bytes before its first character.
    forms: dict[str, str] = {}
    shared = forms.setdefault
    tokens = []
    for m in WORD_PATTERN.finditer(text, start, end):
        a, b = m.span()
        word, folded = m.group(), norm[a:b]
        tokens.append(Token(a, b, shared(word, word), shared(folded, folded)))
    return tokens


class Document:
    """A text and its structure, with boilerplate found and set aside.

    Parameters
    ----------
    text : str
        The decoded original text. It is never changed.
    doc_id : str, optional
        A name carried into every span.
    remove_boilerplate : bool, default True
        Find page furniture and transcript markers (comment forms, teasers, poll and newsletter
        boxes, captions and credits, "(Applause.)", speaker labels, copies of a passage printed
        twice; see :mod:`rhetoric.boilerplate`) and leave it out of ``paragraphs``,
        ``sentences`` and ``words``. A removed span may sit inside a line; the tokenizers read
        :attr:`clean`, in which it is blanked, so offsets stay those of ``text``.
    metadata : dict, optional
        The document's metadata (year, outlet, ...), carried along by corpus runs.

    Views that several detectors need (:attr:`keys`, :attr:`sentence_of`, :attr:`clause_of`,
    :attr:`tags`, :attr:`word_classes`) are cached properties, computed once per document on
    first use.

    Examples
    --------
    >>> doc = Document("Let us begin.  Let us go on.\\n\\nLEAVE A REPLY\\n")
    >>> [doc.text[s.start:s.end] for s in doc.sentences]
    ['Let us begin.', 'Let us go on.']
    >>> [(span.kind, span.text) for span in doc.removed]
    [('comment form', 'LEAVE A REPLY')]
    >>> doc = Document("We will not fail. (Applause.) We will go on.")
    >>> [w.text for w in doc.words][3:6], doc.n_words
    (['fail', 'We', 'will'], 8)
    """

    def __init__(
        self,
        text: str,
        doc_id: str | None = None,
        *,
        remove_boilerplate: bool = True,
        metadata: dict | None = None,
    ):
        if not isinstance(text, str):
            raise TypeError(
                f"text must be a str, not {type(text).__name__}; decode bytes with rhetoric.text.decode"
            )
        self.text = text
        self.doc_id = doc_id
        self.remove_boilerplate = remove_boilerplate
        self.metadata = dict(metadata or {})
        #: Paragraph -> its sentences, filled while boilerplate is found, read by sentences.
        self._punkt_cache: dict[str, list[tuple[int, int]]] = {}

    def __repr__(self) -> str:
        return f"Document(doc_id={self.doc_id!r}, {len(self.text)} characters)"

    @cached_property
    def norm(self) -> str:
        """The normalised view (:func:`normalize`), same length as ``text``."""
        return normalize(self.text)

    @cached_property
    def removed(self) -> list[Span]:
        """Boilerplate spans (``device="boilerplate"``, ``kind`` = the reason)."""
        if not self.remove_boilerplate:
            return []
        from rhetoric.boilerplate import find_boilerplate

        return find_boilerplate(
            self.text, doc_id=self.doc_id, sentence_cache=self._punkt_cache, norm=self.norm
        )

    @cached_property
    def body(self) -> list[tuple[int, int]]:
        """The ranges of the text that are analysed: everything but the removed spans."""
        ranges, position = [], 0
        for span in self.removed:
            if span.start > position:
                ranges.append((position, span.start))
            position = max(position, span.end)
        if position < len(self.text):
            ranges.append((position, len(self.text)))
        return ranges

    @cached_property
    def clean(self) -> str:
        """The text with every removed span blanked (:func:`mask`): same length, same offsets."""
        return mask(self.text, [(s.start, s.end) for s in self.removed])

    @cached_property
    def clean_norm(self) -> str:
        """The normalised view with every removed span blanked (``normalize(clean)``): what a
        detector reads between words, so that a stage direction inside a sentence ("for jobs,
        (Applause.) for schools") is no punctuation of the speaker's."""
        return mask(self.norm, [(s.start, s.end) for s in self.removed])

    @cached_property
    def words(self) -> list[Token]:
        """Every word of the body, in order."""
        text, norm = self.text, self.norm
        spans = list(map(re.Match.span, WORD_PATTERN.finditer(self.clean)))
        # tuple.__new__ is what Token(start, end, text, norm) calls, without its Python wrapper
        make = tuple.__new__
        return [make(Token, (a, b, text[a:b], norm[a:b])) for a, b in spans]

    @cached_property
    def word_starts(self) -> list[int]:
        """The start offset of every word, in order (bisect it for the word at an offset)."""
        return [w.start for w in self.words]

    @cached_property
    def paragraphs(self) -> list[Segment]:
        """Paragraphs of the body (see :func:`paragraph_bounds`); headings are flagged.

        A paragraph with a removed span inside it stays one paragraph, except that a removed
        speaker label starts a new one (a new speaker is a new paragraph).
        """
        bounds = paragraph_bounds(self.clean)
        turns = [s.end for s in self.removed if s.kind == "speaker label"]
        if turns:
            bounds = _split_at(self.clean, bounds, turns)
        return self._segments(bounds, self._heading_flags(bounds))

    @cached_property
    def sentences(self) -> list[Segment]:
        """Sentences of the body by NLTK Punkt; a sentence never crosses a paragraph break.

        Every sentence of a heading paragraph has ``heading=True``; sentence-level detectors
        read :attr:`prose` instead, which leaves them out. A sentence of more than
        :data:`MAX_SENTENCE_WORDS` words is cut into pieces (see there), each a sentence of its own.
        """
        bounds, flags = [], []
        for paragraph in self.paragraphs:
            pieces = paragraph_sentences(
                self.clean, paragraph.start, paragraph.end, cache=self._punkt_cache
            )
            bounds.extend(pieces)
            flags.extend([paragraph.heading] * len(pieces))
        self._punkt_cache.clear()  # read once: the paragraphs' text need not stay held
        return [piece for s in self._segments(bounds, flags) for piece in self._cut_long(s)]

    @cached_property
    def headings(self) -> list[Segment]:
        """The heading paragraphs: a title line, short lines without final punctuation, and the
        question headings of an explainer (kept and shown, not treated as sentences).

        >>> doc = Document("Trade talks resume\\n\\nThe talks resumed today.\\n\\nWhat comes next\\nMore talks are planned for May, and for June and July.")
        >>> [doc.text[h.start : h.end] for h in doc.headings]
        ['Trade talks resume', 'What comes next']
        """
        return [p for p in self.paragraphs if p.heading]

    @cached_property
    def in_heading(self) -> list[bool]:
        """For every word of :attr:`words`, whether it lies in a heading."""
        flags = [False] * len(self.words)
        for heading in self.headings:
            flags[heading.first_word : heading.last_word] = [True] * heading.n_words
        return flags

    @cached_property
    def prose(self) -> list[Segment]:
        """The sentences that are not headings: what sentence-level detectors work on."""
        return [s for s in self.sentences if not s.heading]

    @property
    def n_words(self) -> int:
        return len(self.words)

    @cached_property
    def tags(self) -> list[str]:
        """Penn Treebank tags aligned with :attr:`words`, tagged sentence by sentence (computed on first use)."""
        from rhetoric.lexicon import pos_tag_sentences

        sentences = [[t.text for t in self.words_of(sentence)] for sentence in self.sentences]
        tags: list[str] = [tag for sentence in pos_tag_sentences(sentences) for tag in sentence]
        if len(tags) < len(
            self.words
        ):  # words outside any sentence (cannot happen, but stay aligned)
            tags.extend(["NN"] * (len(self.words) - len(tags)))
        return tags

    def sentence_tags(self, sentence: Segment) -> list[str]:
        """The Penn Treebank tags of one sentence's words: a slice of :attr:`tags` when the
        document has been tagged, else that sentence tagged alone (the same tags: :attr:`tags`
        tags sentence by sentence). A detector that reads the tags of a few sentences tags only
        those."""
        if "tags" in self.__dict__:
            return self.tags[sentence.first_word : sentence.last_word]
        from rhetoric.lexicon import pos_tag

        return pos_tag([t.text for t in self.words_of(sentence)])

    @cached_property
    def keys(self) -> list[str]:
        """The matching key of every word: its normalised form without apostrophes or hyphens.

        A key is in Unicode's compatibility form (NFKC, :func:`word_key`), so that a decomposed
        accent ("e" and U+0301) and a composed one ("é") give the same key, a ligature ("ﬁ")
        reads as its letters and a soft hyphen or zero-width space inside a word is no part of it.

        >>> Document("Don’t re-read it").keys
        ['dont', 'reread', 'it']
        """
        keys = [t.norm.replace("'", "").replace("-", "") for t in self.words]
        return [key if key.isascii() else word_key(key) for key in keys]

    @cached_property
    def sentence_of(self) -> list[int]:
        """For every word of :attr:`words`, the index of its sentence in :attr:`sentences`."""
        index = [0] * len(self.words)
        for number, sentence in enumerate(self.sentences):
            index[sentence.first_word : sentence.last_word] = [number] * sentence.n_words
        return index

    @cached_property
    def paragraph_of(self) -> list[int]:
        """For every word of :attr:`words`, the index of its paragraph in :attr:`paragraphs`.

        >>> Document("We came.\\n\\nWe saw. We won.").paragraph_of
        [0, 0, 1, 1, 1, 1]
        """
        index = [0] * len(self.words)
        for number, paragraph in enumerate(self.paragraphs):
            index[paragraph.first_word : paragraph.last_word] = [number] * paragraph.n_words
        return index

    @cached_property
    def clause_of(self) -> list[int]:
        """For every word, the number of its clause in the document.

        A new clause starts at a sentence start and after a semicolon, colon, dash, bracket or
        double quote (commas do not break clauses).

        >>> Document("We came; we saw. We won").clause_of
        [0, 0, 1, 1, 2, 2]
        """

        starts, sentence_of = self.word_starts, self.sentence_of
        n = len(starts)
        opens = bytearray(n)  # 1 where a new clause starts
        # A break lies between two words: no word holds one of its characters, nor two hyphens
        # in a row. So the breaks found in the whole text are, gap by gap, the breaks that a
        # search between each two words finds (a gap has one exactly when the scan finds one).
        for match in CLAUSE_BREAK.finditer(self.clean):
            i = bisect.bisect_right(starts, match.start())
            if 0 < i < n:
                opens[i] = 1
        for i in compress(range(1, n), map(ne, sentence_of[1:], sentence_of)):
            opens[i] = 1
        return list(accumulate(opens))

    @cached_property
    def word_classes(self) -> list[frozenset[str]]:
        """For every word, the classes it may belong to (:func:`rhetoric.lexicon.word_classes`)."""
        from rhetoric.lexicon import word_classes

        norms = list(map(itemgetter(3), self.words))
        classes = {norm: word_classes(norm) for norm in set(norms)}  # once per distinct word
        return list(map(classes.__getitem__, norms))

    def _heading_flags(self, bounds: list[tuple[int, int]]) -> list[bool]:
        text = self.clean
        flags, questions = [], []
        for index, (start, end) in enumerate(bounds):
            title = (
                index == 0
                and index + 1 < len(bounds)
                and bool(_BLANK_LINE.fullmatch(text, end, bounds[1][0]))
            )
            # a heading heads something: the last paragraph (or a lone one) is not a heading
            followed = index + 1 < len(bounds)
            flags.append(followed and is_heading(text[start:end], title=title))
            if not flags[-1] and _is_question_heading(text, bounds, index):
                questions.append(index)
        if len(questions) >= 2:  # an explainer: several questions set off as headings
            for index in questions:
                flags[index] = True
        return flags

    def _segments(self, bounds: list[tuple[int, int]], flags: list[bool]) -> list[Segment]:
        starts = [t.start for t in self.words]
        segments = []
        for (start, end), heading in zip(bounds, flags, strict=True):
            first = bisect.bisect_left(starts, start)
            last = bisect.bisect_left(starts, end)
            segments.append(Segment(start, end, first, last, heading))
        return segments

    def _cut_long(self, segment: Segment) -> list[Segment]:
        """``segment`` itself, or its pieces of at most :data:`MAX_SENTENCE_WORDS` words."""
        if segment.n_words <= MAX_SENTENCE_WORDS:
            return [segment]
        words, text = self.words, self.text
        pieces, first, start = [], segment.first_word, segment.start
        while segment.last_word - first > MAX_SENTENCE_WORDS:
            cut = first + MAX_SENTENCE_WORDS  # the first word of the next piece
            for k in range(cut, first + MAX_SENTENCE_WORDS // 2, -1):
                if _PIECE_BREAK.search(text, words[k - 1].end, words[k].start):
                    cut = k
                    break
            pieces.append(Segment(start, words[cut - 1].end, first, cut, segment.heading))
            first, start = cut, words[cut].start
        pieces.append(Segment(start, segment.end, first, segment.last_word, segment.heading))
        return pieces

    def words_of(self, segment: Segment) -> list[Token]:
        """The words inside a paragraph or sentence."""
        return self.words[segment.first_word : segment.last_word]

    def span(self, start: int, end: int, **fields) -> Span:
        """A :class:`~rhetoric.span.Span` cut from this document's text, carrying its ``doc_id``."""
        return Span.from_source(self.text, start, end, doc_id=self.doc_id, **fields)


def ends_with_question(text: str) -> bool:
    """Whether a sentence or line ends with a question mark, perhaps inside closing quotes or
    brackets ("Who paid him?”").

    >>> ends_with_question("Who paid him?” "), ends_with_question("He paid.")
    (True, False)
    """
    return text.rstrip(_CLOSERS + "\n").endswith("?")


def _is_question_heading(text: str, bounds: list[tuple[int, int]], index: int) -> bool:
    """A one-line question that opens a block set off by a blank line and is answered by the
    lines under it: the shape of an explainer's headings ("What happens now?")."""
    start, end = bounds[index]
    line = text[start:end]
    if "\n" in line or index + 1 >= len(bounds):
        return False
    if not ends_with_question(line) or not _QUESTION_OPENER.match(line):
        return False
    if not 3 <= len(WORD_PATTERN.findall(line)) <= MAX_HEADING_WORDS:
        return False
    after_blank = index == 0 or bool(_BLANK_LINE.fullmatch(text, bounds[index - 1][1], start))
    next_start, next_end = bounds[index + 1]
    on_next_line = "\n" in text[end:next_start] and not _BLANK_LINE.search(text, end, next_start)
    answered = not ends_with_question(text[next_start:next_end])
    return after_blank and on_next_line and answered


def per_document(func):
    """Decorate a function of one :class:`Document` so that it is computed once per document and
    kept while the document lives (a view that a module outside the text model derives, as the
    text model's own views are cached properties). The result is shared: callers do not change it.
    """
    results: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @wraps(func)
    def cached(doc: Document):
        found = results.get(doc)
        if found is None:
            found = results[doc] = func(doc)
        return found

    return cached


class Gaps(NamedTuple):
    """The gaps between words that are not one space (:func:`odd_gaps`)."""

    positions: list[int]  #: the words (after the first) whose gap before them is not one space
    text: dict[int, str]  #: those gaps, in the normalised text

    def within(self, first: int, last: int) -> list[int]:
        """The :attr:`positions` of the gaps inside the words ``first`` .. ``last - 1`` (the
        words after ``first`` and before ``last`` whose gap before them is not one space)."""
        positions = self.positions
        return positions[
            bisect.bisect_right(positions, first) : bisect.bisect_left(positions, last)
        ]


@per_document
def odd_gaps(doc: Document) -> Gaps:
    """The words of the document with anything but one space between them and the word before
    (what the rules that cut a sentence at punctuation read; found once per document)."""
    import numpy as np

    words = doc.words
    if len(words) < 2:
        return Gaps([], {})
    norm = doc.clean_norm  # a removed span between two words is blank, not punctuation
    starts = np.array(doc.word_starts, dtype=np.int64)
    ends = np.fromiter(map(itemgetter(1), words), dtype=np.int64, count=len(words))
    characters = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    after = ends[:-1]
    plain = (starts[1:] - after == 1) & (characters[np.minimum(after, len(norm) - 1)] == 32)
    positions = (np.flatnonzero(~plain) + 1).tolist()
    return Gaps(positions, {k: norm[words[k - 1].end : words[k].start] for k in positions})


def as_document(text_or_doc: str | Document, doc_id: str | None = None) -> Document:
    """Accept a plain string or a :class:`Document` (detectors and profilers call this first)."""
    if isinstance(text_or_doc, Document):
        return text_or_doc
    if isinstance(text_or_doc, str):
        return Document(text_or_doc, doc_id)
    raise TypeError(f"expected a str or a Document, not {type(text_or_doc).__name__}")
