"""The convenience entry point: :func:`analyze` one document, get spans, frames and a report.

The per-document work, :func:`analyze_text`, is a pure function of (text, options): it reads no
global state and returns plain data, so a corpus run can map it over processes or a Dask cluster
unchanged (see :mod:`rhetoric.pipeline`).
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from rhetoric.devices import check_devices, check_min_score, find_devices
from rhetoric.documents import default_doc_id, is_missing, named_path
from rhetoric.errors import DocumentsTypeError
from rhetoric.span import Span, spans_to_frame
from rhetoric.text import DEFAULT_MAX_BYTES, Document, printable_path, read_text

#: Columns of :attr:`Analysis.frames`.
FRAME_COLUMNS = ["frame", "rank", "score", "hits", "keywords"]


@dataclass(frozen=True)
class Options:
    """What to analyse: which devices (``None`` = all), whether to profile frames, and the
    lowest score a device span is kept at (``None``: every span the detectors report)."""

    devices: tuple[str, ...] | None = None
    frames: bool = True
    remove_boilerplate: bool = True
    #: Keep device figures scored at least this (``None``: each device's default threshold; a
    #: dict: per device, the others at their defaults).
    min_score: float | dict[str, float | None] | None = None
    #: The genre of documents whose metadata names none (``"news"``: frames ranked by the news
    #: frame model; see :func:`rhetoric.framing.frame_profile`).
    genre: str | None = None


@dataclass
class Analysis:
    """The result of analysing one document.

    Attributes
    ----------
    doc : Document
        The text and its structure (``doc.text`` is the original, untouched).
    device_spans : list of Span
        Rhetorical devices found, sorted by position.
    frame_spans : list of Span
        Frame keyword and stance spans (``device="frame"`` / ``"stance"``).
    frame_rows : list of dict
        One record per frame with hits (and, with the news frame model, its first frame even
        without a hit of its own): ``frame``, ``score``, ``hits``, ``keywords``.
    source : str
        The path analysed, or ``doc_id`` for a text given directly.
    """

    doc: Document
    device_spans: list[Span] = field(default_factory=list)
    frame_spans: list[Span] = field(default_factory=list)
    frame_rows: list[dict] = field(default_factory=list)
    source: str | None = None

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def n_words(self) -> int:
        return self.doc.n_words

    @property
    def removed(self) -> list[Span]:
        return self.doc.removed

    @property
    def doc_id(self) -> str:
        return self.doc.doc_id

    @property
    def stance_spans(self) -> list[Span]:
        """Hedges, boosters and loaded words (``device="stance"``)."""
        return [s for s in self.frame_spans if s.device == "stance"]

    @property
    def keyword_spans(self) -> list[Span]:
        """Frame keywords (``device="frame"``, ``kind`` = the frame)."""
        return [s for s in self.frame_spans if s.device == "frame"]

    @property
    def devices(self) -> pd.DataFrame:
        """The rhetorical devices, one row per span (:data:`~rhetoric.span.SPAN_COLUMNS`)."""
        return spans_to_frame(self.device_spans)

    @property
    def stance(self) -> pd.DataFrame:
        """Hedges, boosters and loaded words, one row per span (span columns)."""
        return spans_to_frame(self.stance_spans)

    @property
    def frame_keywords(self) -> pd.DataFrame:
        """Frame keywords, one row per span (span columns; ``kind`` is the frame)."""
        return spans_to_frame(self.keyword_spans)

    @property
    def spans(self) -> pd.DataFrame:
        """Every span of the three layers in one table: :data:`SPAN_COLUMNS` plus ``layer``.

        ``layer`` is ``"device"``, ``"stance"`` or ``"frame"``; count devices with
        ``result.devices`` or ``result.figures``, not with all of ``spans``.
        """
        return layered_spans(self.device_spans, self.frame_spans)

    @property
    def figures(self) -> pd.DataFrame:
        """The device figures, one row per figure (every span of one ``group``; a lone span alone).

        Columns of :func:`rhetoric.figures.group_figures`: ``figure_id``, ``doc``, ``device``,
        ``kind``, ``group``, ``start``, ``end`` (from the first part to the last), ``text``,
        ``n_spans``, ``score`` (the highest of its parts), ``parts``. Figures are the unit that
        reports and rates count.
        """
        from rhetoric.figures import group_figures

        return group_figures(self.devices, {self.doc_id: self.text})

    @property
    def frames(self) -> pd.DataFrame:
        """The frame profile, frames with hits (and the news frame model's first frame, which
        may have none: it reads every word): columns ``doc_id``, ``frame``, ``rank`` (1 for the dominant
        frame, 2, 3, ... for the others ranked, 0 for frames not ranked; ranks start at 2 when the
        news frame model puts the codebook's ``other`` first), ``score``, ``hits``, ``keywords``
        (list of str), after ``doc_id``, as in a corpus result's frames table (so the tables of
        several analyses concatenate into one); ranked frames first in rank order, then the
        others by score. A text without frame hits gives the same columns and dtypes, empty."""
        table = pd.DataFrame(self.frame_rows, columns=FRAME_COLUMNS)
        table = table.astype({"frame": object, "rank": "int64", "score": float, "hits": "int64"})
        table.insert(0, "doc_id", pd.Series([self.doc_id] * len(table), dtype=object))
        return table

    def to_dict(self) -> dict:
        """The JSON object of ``rhetoric analyze --json`` for this document."""
        return {
            "doc": self.source,
            "n_words": self.n_words,
            "removed": [
                {"start": s.start, "end": s.end, "text": s.text, "reason": s.kind}
                for s in self.removed
            ],
            "devices": [_span_record(s) for s in self.device_spans],
            "frames": [
                {
                    "frame": r["frame"],
                    "rank": r["rank"],
                    "score": r["score"],
                    "hits": r["hits"],
                    "keywords": list(r["keywords"]),
                }
                for r in self.frame_rows
            ],
            # hedges, boosters and loaded words (rhetoric.framing.find_stance): not devices
            "stance": [_span_record(s) for s in self.frame_spans if s.device == "stance"],
        }

    def to_json(self) -> str:
        """The JSON object of :meth:`to_dict` on one line, whatever the text holds.

        Non-ASCII characters stay as they are, except the three that some readers take for a
        line break (U+0085, U+2028, U+2029, as in ``str.splitlines``): they are escaped, so a
        JSON Lines output keeps one document per line.
        """
        return json.dumps(self.to_dict(), ensure_ascii=False).translate(_LINE_BREAK_ESCAPES)

    def to_html(self, *, devices: Iterable[str] | None = None, title: str | None = None) -> str:
        """A standalone HTML page with the spans highlighted."""
        from rhetoric.viz.highlight import highlight_page

        return highlight_page(self, devices=devices, title=title or self.source)

    def _repr_html_(self) -> str:
        from rhetoric.viz.highlight import highlight

        return highlight(self).html


#: Characters that ``str.splitlines`` and some JSON Lines readers split on, but ``json.dumps``
#: leaves raw when ``ensure_ascii=False`` (they can only occur inside JSON strings).
_LINE_BREAK_ESCAPES = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def layered_spans(device_spans: list[Span], frame_spans: list[Span]) -> pd.DataFrame:
    """Device, stance and frame spans in one table with a ``layer`` column (text columns of
    Python objects, ``None`` for a missing group: :func:`~rhetoric.span.spans_to_frame`)."""
    table = spans_to_frame([*device_spans, *frame_spans])
    layers = [d if d in ("stance", "frame") else "device" for d in table["device"]]
    table["layer"] = pd.Series(layers, index=table.index, dtype=object)
    return table


def _span_record(span: Span) -> dict:
    return {k: v for k, v in span.to_dict().items() if k != "doc_id"}


def analyze_text(
    text: str,
    options: Options | None = None,
    doc_id: str | None = None,
    metadata: dict | None = None,
) -> Analysis:
    """Analyse one decoded text: the pure per-document function that corpus runs map."""
    options = options or Options()
    doc_id = doc_id or default_doc_id(0)
    genre = (metadata or {}).get("genre")
    if options.genre is not None and (is_missing(genre) or not str(genre).strip()):
        # a document whose genre cell is empty (None, NaN, "") names none: the option applies
        metadata = {**(metadata or {}), "genre": options.genre}
    doc = Document(text, doc_id, remove_boilerplate=options.remove_boilerplate, metadata=metadata)
    with _without_cycle_collection(len(text) >= LONG_TEXT_CHARS):
        frame_spans, frame_rows = [], []
        if options.frames:
            # (a genre that picks no frame ranker is said where the ranker is chosen)
            # Frames first: stance tags every sentence (Document.tags), and polyptoton then
            # reuses those tags instead of tagging its sentences again. Neither result depends on
            # the order.
            frame_spans, frame_rows = _frame_results(doc)
        device_spans = find_devices(doc, options.devices, min_score=options.min_score)
    return Analysis(doc, device_spans, frame_spans, frame_rows, source=doc_id)


#: From this many characters on, Python's cycle collector is paused while a text is analysed.
LONG_TEXT_CHARS = 500_000


@contextmanager
def _without_cycle_collection(pause: bool) -> Iterator[None]:
    """Pause the cycle collector for the analysis of a long text, and restore it after.

    The analysis of a long text allocates millions of small objects (words, spans, feature
    records) that form no reference cycles; plain reference counting frees them. Python's cycle
    collector would still walk all of them at each full collection: about 8% of the time of a
    5 MB text, for some hundred objects found in cycles. The collector's state is restored
    whatever happens (and left alone when it was already off).
    """
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _frame_results(doc: Document) -> tuple[list[Span], list[dict]]:
    """Frame keyword and stance spans, and the frame rows (:func:`rhetoric.framing.analyze_frames`)."""
    from rhetoric.framing import analyze_frames

    return analyze_frames(doc)


def analyze(
    text_or_path: str | os.PathLike,
    *,
    devices: Iterable[str] | None = None,
    frames: bool = True,
    doc_id: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    min_score: float | dict[str, float | None] | None = None,
    genre: str | None = None,
) -> Analysis:
    """Find rhetorical devices and frames in one document.

    Parameters
    ----------
    text_or_path : str or path-like
        The text itself, or a path to a text file. A ``str`` is read as a path when it is one
        line naming an existing file, or one word ending in ``.txt``, ``.md``, ``.csv``, ...
        (:func:`rhetoric.documents.named_path`: a missing file is then an
        :class:`~rhetoric.errors.InputError`); pass a :class:`pathlib.Path` to be explicit.
    devices : list of str, optional
        Device labels to look for (default: all; see :data:`rhetoric.devices.DEVICES`).
    frames : bool, default True
        Also compute the frame profile.
    doc_id : str, optional
        Name for the document (default: the file name without suffix, or ``"doc0"`` for a text).
    max_bytes : int, optional
        Refuse files larger than this (default 10 MB); ``None`` for no limit.
    min_score : float, optional
        Keep device figures whose calibrated score (the estimated probability that a
        rhetorician would mark the figure) is at least this. ``None``: each device's default
        threshold (chosen for precision >= 0.85 on cross-validation folds; about 0.8 on documents
        it was not chosen on, README "How a figure is kept"); ``0``: every candidate; a dict sets it per
        device (``{"alliteration": 0.4}``), the devices it does not name keep their defaults.
    genre : str, optional
        The document's genre, kept as ``metadata["genre"]``: ``"news"`` ranks its frames with
        the news frame model, ``"speech"`` with the speech ranker (see
        :func:`rhetoric.framing.frame_profile`), ``None`` with the profile ranker; any other
        value is an error (a typo would change the frames silently).

    Returns
    -------
    Analysis
        ``.spans`` and ``.frames`` as DataFrames, ``.to_dict()`` for JSON, and an HTML view in
        notebooks.

    Examples
    --------
    >>> result = analyze("We shall fight. We shall never surrender.", devices=["anaphora"])
    >>> result.n_words
    7
    >>> result.to_dict()["removed"]
    []
    """
    from rhetoric.framing.frames import check_genre

    options = Options(
        devices=check_devices(devices),
        frames=frames,
        min_score=check_min_score(min_score),
        genre=check_genre(genre),
    )
    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str) and named_path(text_or_path) is not None
    ):
        path = Path(text_or_path)
        text = read_text(path, max_bytes=max_bytes)
        result = analyze_text(text, options, doc_id or printable_path(path.stem))
        result.source = printable_path(str(text_or_path))
        return result
    if not isinstance(text_or_path, str):
        raise DocumentsTypeError(
            f"text_or_path must be a str or a path, not {type(text_or_path).__name__}"
        )
    return analyze_text(text_or_path, options, doc_id or default_doc_id(0))
