"""The core record: a :class:`Span` of the original text, and tidy tables of spans."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

#: The columns of every span table, in this order.
SPAN_COLUMNS = ["doc_id", "device", "kind", "start", "end", "text", "group", "score", "evidence"]


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of a document that carries a device, a frame keyword, or a removal.

    ``start`` and ``end`` are Python ``str`` indices into the decoded original text, ``end``
    exclusive, and ``text == source[start:end]`` always holds (build spans with
    :meth:`from_source` to guarantee it). Spans sort by position first.

    Parameters
    ----------
    start, end : int
        Character offsets into the original text.
    device : str
        The device label (``"antithesis"``, ``"frame"``, ``"boilerplate"``, ...).
    kind : str
        The sub-type (``"correctio"``, ``"duplicated_paragraph"``, a frame name, ...).
    text : str
        ``source[start:end]``.
    doc_id : str or None
        The document the span belongs to.
    group : str or None
        Shared by the parts or occurrences of one figure; ``None`` for a single-part span.
    score : float
        Confidence in [0, 1].
    evidence : str
        A short human-readable reason.

    Examples
    --------
    >>> source = "Ask not, ask now."
    >>> Span.from_source(source, 0, 3, device="epizeuxis", kind="word")
    Span(start=0, end=3, device='epizeuxis', kind='word', text='Ask', ...)
    """

    start: int
    end: int
    device: str
    kind: str
    text: str
    doc_id: str | None = None
    group: str | None = None
    score: float = 1.0
    evidence: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(
                f"span offsets must satisfy 0 <= start <= end, got {self.start}, {self.end}"
            )
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text has {len(self.text)} characters but its offsets cover {self.end - self.start}"
            )
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"span score must lie in [0, 1], got {self.score}")

    @classmethod
    def from_source(
        cls,
        source: str,
        start: int,
        end: int,
        *,
        device: str,
        kind: str,
        doc_id: str | None = None,
        group: str | None = None,
        score: float = 1.0,
        evidence: str = "",
    ) -> Span:
        """Cut the span's text from ``source``, so that offsets and text cannot disagree."""
        if end > len(source):
            raise ValueError(f"span end {end} lies beyond the text's {len(source)} characters")
        return cls(
            start, end, device, kind, source[start:end], doc_id, group, float(score), evidence
        )

    def to_dict(self) -> dict:
        """The span as a plain dict with the keys of :data:`SPAN_COLUMNS`."""
        # Not dataclasses.asdict: it deep-copies every field, and corpus runs call this for
        # every span (137k on the bundled corpora); the fields are immutable scalars anyway.
        return {column: getattr(self, column) for column in SPAN_COLUMNS}


def spans_to_frame(spans: Iterable[Span]) -> pd.DataFrame:
    """A tidy table of spans, one row per span, sorted by position.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SPAN_COLUMNS`: ``doc_id`` (str), ``device`` (str), ``kind`` (str),
        ``start`` / ``end`` (int), ``text`` (str), ``group`` (str or None), ``score`` (float),
        ``evidence`` (str). The text columns hold Python objects, and a span without a group
        has ``None``, in every table (as the tables of a corpus run have): pandas would
        otherwise give a column with some groups its string dtype, with ``NaN`` for the
        missing ones. An empty input gives an empty table with these columns.

    Examples
    --------
    >>> spans_to_frame([]).columns.tolist()
    ['doc_id', 'device', 'kind', 'start', 'end', 'text', 'group', 'score', 'evidence']
    """
    rows = [span.to_dict() for span in sorted(spans, key=_position)]
    frame = pd.DataFrame(rows, columns=SPAN_COLUMNS, dtype=object)
    return frame.astype({"start": "int64", "end": "int64", "score": "float64"})


def _position(span: Span) -> tuple:
    return (span.start, span.end, span.device, span.kind, span.group or "")


class Occupied:
    """Disjoint ranges ``[start, end)`` already given to a figure, asked by bisection.

    Detectors that keep the best of overlapping candidates add each one they keep and skip a
    candidate that :meth:`overlaps` one already kept: a logarithmic test where a scan of every
    kept figure would make a long text's search quadratic.

    >>> taken = Occupied()
    >>> taken.add(10, 20)
    >>> taken.overlaps(0, 10), taken.overlaps(19, 30), taken.overlaps(20, 25)
    (False, True, False)
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` meets a range already added."""
        # Disjoint ranges sorted by start are sorted by end too: only the last range starting
        # before ``end`` can reach past ``start``.
        k = bisect.bisect_left(self._starts, end) - 1
        return k >= 0 and start < self._ends[k]

    def add(self, start: int, end: int) -> None:
        """Add a range that overlaps none already added."""
        if self.overlaps(start, end):
            raise ValueError(f"range [{start}, {end}) overlaps one already added")
        k = bisect.bisect_left(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)


class RangeIndex:
    """Items with a character range ``[start, end)`` (possibly overlapping), found by overlap
    without reading them all: a long text holds thousands of runs or lists, and a scan of all of
    them for each figure would make its search quadratic. ``bounds`` gives an item's range
    (default: its ``start`` and ``end`` attributes).

    >>> index = RangeIndex([(0, 5, "x"), (3, 12, "y"), (20, 25, "z")], bounds=lambda r: r[:2])
    >>> [label for _, _, label in index.overlapping(4, 10)], index.overlapping(12, 20)
    (['x', 'y'], [])
    """

    def __init__(self, items: Iterable = (), bounds=lambda item: (item.start, item.end)) -> None:
        self._bounds = bounds
        self.items = sorted(items, key=bounds)
        self._starts = [bounds(item)[0] for item in self.items]
        self._longest = max((e - s for s, e in map(bounds, self.items)), default=0)

    def overlapping(self, start: int, end: int) -> list:
        """The items sharing a character with ``[start, end)``: those starting inside it, and
        those starting before it (at most the longest range's length before) that reach into it."""
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return [item for item in self.items[first:last] if self._bounds(item)[1] > start]
