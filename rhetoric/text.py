"""The text model: read a file exactly, and see its paragraphs, sentences and words with offsets.

Offsets everywhere are Python ``str`` indices into the decoded original text (the convention of
the PTC gold files). Nothing is translated: no newline conversion, no Unicode normalisation.
A *normalised view* (:func:`normalize`) exists for matching only; it has the same length as the
original, character for character, so an index found in it is an index into the original.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from rhetoric.errors import InputError
from rhetoric.span import Span

#: Files larger than this are refused by :func:`read_text` unless a larger ``max_bytes`` is given.
DEFAULT_MAX_BYTES = 10_000_000


class EncodingFallbackWarning(UserWarning):
    """A file was not valid UTF-8 and was decoded with the single-byte fallback."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8, else Windows-1252, else Latin-1; return ``(text, encoding)``.

    The two fallbacks map one byte to one character, so offsets equal byte offsets. Latin-1
    never fails, so every byte string decodes. A UTF-8 byte-order mark is kept as ``\\ufeff``
    (as Python's ``open(..., encoding="utf-8")`` keeps it), so offsets agree with other readers.

    >>> decode("naïve".encode("utf-8"))
    ('naïve', 'utf-8')
    >>> decode(b"caf\\xe9")
    ('café', 'cp1252')
    """
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_text(path: str | os.PathLike, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> str:
    """Read a text file exactly as it is on disk.

    Raises :class:`~rhetoric.errors.InputError` with a one-line reason for a missing path, a
    folder, an unreadable or binary file (NUL bytes), or a file over ``max_bytes``. Issues an
    :class:`EncodingFallbackWarning` when the file is not valid UTF-8.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a text file")
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                f"{path}: file is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:.0f} MB limit "
                "(raise it with --max-mb or max_bytes=)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes), not text")
    text, encoding = decode(data)
    if encoding != "utf-8":
        warnings.warn(
            f"{path}: not valid UTF-8, decoded as {encoding} (one byte per character)",
            EncodingFallbackWarning,
            stacklevel=2,
        )
    return text


# --- normalised view --------------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    }
)  # fmt: skip


def normalize(text: str) -> str:
    """A same-length view for matching: straight quotes, ASCII hyphens, plain spaces, lower case.

    Characters whose lower case is longer than one character (such as ``İ``) are kept as they
    are, so index ``i`` of the view is always index ``i`` of the original.

    >>> normalize("Russia’s — “Partner”\\u00a0")
    'russia\\'s - "partner" '
    """
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


# --- tokens -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """A word of the original text: ``text == source[start:end]``; ``norm`` is its normalised form."""

    start: int
    end: int
    text: str
    norm: str


@dataclass(frozen=True)
class Segment:
    """A paragraph or sentence: its offsets and the index range of its words in ``Document.words``."""

    start: int
    end: int
    first_word: int
    last_word: int  # exclusive

    @property
    def n_words(self) -> int:
        return self.last_word - self.first_word


# Letters and digits, with inner apostrophes or hyphens ("don't", "Russia’s", "well-being").
WORD_PATTERN = re.compile(r"[^\W_]+(?:['’\-‐][^\W_]+)*")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
#: What ends a clause between two words (see :attr:`Document.clause_of`).
CLAUSE_BREAK = re.compile(r"[;:!?()\[\]\u2014\u2013\u201c\u201d\"]|--")
_LINE_END_OF_SENTENCE = re.compile(r"""[.!?:;]["'”’)\]]*[ \t\r\u00a0]*$""")


@lru_cache(maxsize=1)
def _punkt():
    """NLTK's Punkt sentence tokenizer for English (``punkt_tab``), loaded once per process."""
    from nltk.tokenize.punkt import PunktTokenizer

    from rhetoric.datahome import require_nltk

    require_nltk("tokenizers/punkt_tab/english/")
    return PunktTokenizer("english")


def paragraph_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraphs of ``text[start:end]`` as ``(start, end)``, trimmed of surrounding white space.

    A paragraph ends at a blank line, and also at a line break after a line that ends a sentence
    (so texts with one paragraph or sentence per line split there, while hard-wrapped lines of
    one paragraph stay together).

    >>> paragraph_bounds("One line.\\nTwo line.\\n\\nThree\\nwrapped.")
    [(0, 9), (10, 19), (21, 35)]
    """
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
        if _LINE_END_OF_SENTENCE.search(text, line_start, line_end):
            pieces.append((paragraph_start, line_end))
            paragraph_start = line_end + 1
        line_start = line_end + 1
    if paragraph_start < end:
        pieces.append((paragraph_start, end))
    return [trimmed for piece in pieces if (trimmed := _trim(text, *piece))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentence_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` by NLTK Punkt, as ``(start, end)`` into ``text``."""
    end = len(text) if end is None else end
    return [(start + s, start + e) for s, e in _punkt().span_tokenize(text[start:end])]


def word_tokens(
    text: str, norm: str | None = None, start: int = 0, end: int | None = None
) -> list[Token]:
    """Words of ``text[start:end]`` (letters and digits with inner apostrophes and hyphens).

    >>> [t.norm for t in word_tokens("Russia’s CHOICE, not ours.")]
    ["russia's", 'choice', 'not', 'ours']
    """
    end = len(text) if end is None else end
    norm = normalize(text) if norm is None else norm
    return [
        Token(m.start(), m.end(), m.group(), norm[m.start() : m.end()])
        for m in WORD_PATTERN.finditer(text, start, end)
    ]


class Document:
    """A text and its structure, with boilerplate found and set aside.

    Parameters
    ----------
    text : str
        The decoded original text. It is never changed.
    doc_id : str, optional
        A name carried into every span.
    remove_boilerplate : bool, default True
        Find scraped page furniture (comment forms, related-article teasers, share prompts,
        cookie notices) and leave it out of ``paragraphs``, ``sentences`` and ``words``.
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

        return find_boilerplate(self.text, doc_id=self.doc_id)

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
    def words(self) -> list[Token]:
        """Every word of the body, in order."""
        return [t for s, e in self.body for t in word_tokens(self.text, self.norm, s, e)]

    @cached_property
    def paragraphs(self) -> list[Segment]:
        """Paragraphs of the body (see :func:`paragraph_bounds`)."""
        bounds = [b for s, e in self.body for b in paragraph_bounds(self.text, s, e)]
        return self._segments(bounds)

    @cached_property
    def sentences(self) -> list[Segment]:
        """Sentences of the body by NLTK Punkt; a sentence never crosses a paragraph break."""
        bounds = [b for p in self.paragraphs for b in sentence_bounds(self.text, p.start, p.end)]
        return self._segments(bounds)

    @property
    def n_words(self) -> int:
        return len(self.words)

    @cached_property
    def tags(self) -> list[str]:
        """Penn Treebank tags aligned with :attr:`words`, tagged sentence by sentence (computed on first use)."""
        from rhetoric.lexicon import pos_tag

        tags: list[str] = []
        for sentence in self.sentences:
            tags.extend(pos_tag([t.text for t in self.words_of(sentence)]))
        if len(tags) < len(
            self.words
        ):  # words outside any sentence (cannot happen, but stay aligned)
            tags.extend(["NN"] * (len(self.words) - len(tags)))
        return tags

    @cached_property
    def keys(self) -> list[str]:
        """The matching key of every word: its normalised form without apostrophes or hyphens.

        >>> Document("Don’t re-read it").keys
        ['dont', 'reread', 'it']
        """
        return [t.norm.replace("'", "").replace("-", "") for t in self.words]

    @cached_property
    def sentence_of(self) -> list[int]:
        """For every word of :attr:`words`, the index of its sentence in :attr:`sentences`."""
        index = [0] * len(self.words)
        for number, sentence in enumerate(self.sentences):
            index[sentence.first_word : sentence.last_word] = [number] * sentence.n_words
        return index

    @cached_property
    def clause_of(self) -> list[int]:
        """For every word, the number of its clause in the document.

        A new clause starts at a sentence start and after a semicolon, colon, dash, bracket or
        double quote (commas do not break clauses).

        >>> Document("We came; we saw. We won").clause_of
        [0, 0, 1, 1, 2, 2]
        """
        words, text, sentence_of = self.words, self.text, self.sentence_of
        index, number = [0] * len(words), 0
        for i in range(1, len(words)):
            if sentence_of[i] != sentence_of[i - 1] or CLAUSE_BREAK.search(
                text, words[i - 1].end, words[i].start
            ):
                number += 1
            index[i] = number
        return index

    @cached_property
    def word_classes(self) -> list[frozenset[str]]:
        """For every word, the classes it may belong to (:func:`rhetoric.lexicon.word_classes`)."""
        from rhetoric.lexicon import word_classes

        return [word_classes(t.norm) for t in self.words]

    def _segments(self, bounds: list[tuple[int, int]]) -> list[Segment]:
        import bisect

        starts = [t.start for t in self.words]
        segments = []
        for start, end in bounds:
            first = bisect.bisect_left(starts, start)
            last = bisect.bisect_left(starts, end)
            segments.append(Segment(start, end, first, last))
        return segments

    def words_of(self, segment: Segment) -> list[Token]:
        """The words inside a paragraph or sentence."""
        return self.words[segment.first_word : segment.last_word]

    def span(self, start: int, end: int, **fields) -> Span:
        """A :class:`~rhetoric.span.Span` cut from this document's text, carrying its ``doc_id``."""
        return Span.from_source(self.text, start, end, doc_id=self.doc_id, **fields)


def as_document(text_or_doc: str | Document, doc_id: str | None = None) -> Document:
    """Accept a plain string or a :class:`Document` (detectors and profilers call this first)."""
    if isinstance(text_or_doc, Document):
        return text_or_doc
    if isinstance(text_or_doc, str):
        return Document(text_or_doc, doc_id)
    raise TypeError(f"expected a str or a Document, not {type(text_or_doc).__name__}")
