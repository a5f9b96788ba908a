"""The convenience entry point: :func:`analyze` one document, get spans, frames and a report.

The per-document work, :func:`analyze_text`, is a pure function of (text, options): it reads no
global state and returns plain data, so a corpus run can map it over processes or a Dask cluster
unchanged (see :mod:`rhetoric.pipeline`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from rhetoric.devices import check_devices, find_devices
from rhetoric.span import Span, spans_to_frame
from rhetoric.text import DEFAULT_MAX_BYTES, Document, read_text

#: Columns of :attr:`Analysis.frames`.
FRAME_COLUMNS = ["frame", "score", "hits", "keywords"]


@dataclass(frozen=True)
class Options:
    """What to analyse: which devices (``None`` = all) and whether to profile frames."""

    devices: tuple[str, ...] | None = None
    frames: bool = True
    remove_boilerplate: bool = True


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
        One record per frame with hits: ``frame``, ``score``, ``hits``, ``keywords``; by score.
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
    def spans(self) -> pd.DataFrame:
        """All spans (devices, frame keywords, stance) as a tidy table; see :func:`spans_to_frame`."""
        return spans_to_frame([*self.device_spans, *self.frame_spans])

    @property
    def frames(self) -> pd.DataFrame:
        """The frame profile: columns ``frame``, ``score``, ``hits``, ``keywords`` (list of str)."""
        return pd.DataFrame(self.frame_rows, columns=FRAME_COLUMNS)

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
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_html(self, *, devices: Iterable[str] | None = None, title: str | None = None) -> str:
        """A standalone HTML page with the spans highlighted."""
        from rhetoric.viz.highlight import highlight_page

        return highlight_page(self, devices=devices, title=title or self.source)

    def _repr_html_(self) -> str:
        from rhetoric.viz.highlight import highlight

        return highlight(self).html


def _span_record(span: Span) -> dict:
    return {k: v for k, v in span.to_dict().items() if k != "doc_id"}


def analyze_text(text: str, options: Options | None = None, doc_id: str | None = None) -> Analysis:
    """Analyse one decoded text: the pure per-document function that corpus runs map."""
    options = options or Options()
    doc = Document(text, doc_id, remove_boilerplate=options.remove_boilerplate)
    device_spans = find_devices(doc, options.devices)
    frame_spans, frame_rows = [], []
    if options.frames:
        frame_spans, frame_rows = _frame_results(doc)
    return Analysis(doc, device_spans, frame_spans, frame_rows, source=doc_id)


def _frame_results(doc: Document) -> tuple[list[Span], list[dict]]:
    """Frame keyword spans and the frame rows; filled by :mod:`rhetoric.framing` when available."""
    try:
        from rhetoric.framing import analyze_frames
    except ImportError:  # framing not built yet: frames stay empty, as the JSON contract allows
        return [], []
    return analyze_frames(doc)


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and Path(value).is_file()


def analyze(
    text_or_path: str | os.PathLike,
    *,
    devices: Iterable[str] | None = None,
    frames: bool = True,
    doc_id: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Analysis:
    """Find rhetorical devices and frames in one document.

    Parameters
    ----------
    text_or_path : str or path-like
        The text itself, or a path to a text file. A ``str`` is read as a path only when it is a
        single line naming an existing file; pass a :class:`pathlib.Path` to be explicit.
    devices : list of str, optional
        Device labels to look for (default: all; see :data:`rhetoric.devices.DEVICES`).
    frames : bool, default True
        Also compute the frame profile.
    doc_id : str, optional
        Name for the document (default: the file name, or ``None`` for a text).
    max_bytes : int, optional
        Refuse files larger than this (default 10 MB); ``None`` for no limit.

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
    options = Options(devices=check_devices(devices), frames=frames)
    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str) and _looks_like_path(text_or_path)
    ):
        path = Path(text_or_path)
        text = read_text(path, max_bytes=max_bytes)
        result = analyze_text(text, options, doc_id or path.stem)
        result.source = str(text_or_path)
        return result
    if not isinstance(text_or_path, str):
        raise TypeError(f"text_or_path must be a str or a path, not {type(text_or_path).__name__}")
    return analyze_text(text_or_path, options, doc_id)
