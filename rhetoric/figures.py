"""Figures: the unit that reports and rates count, that scorers score and that coders judge.

A *figure* is every span of one document and device that shares a ``group`` (the parts of an
antithesis, the occurrences of a refrain), or a lone span without a group. It runs from the start
of its first span to the end of its last; its ``parts`` keep the spans themselves, so a figure
can be shown with its parts marked and matched to a judgement by the spans it really covers.

Two views of the same grouping, the one place it is defined: :func:`figure_parts` on
:class:`~rhetoric.span.Span` lists (the learned scorers), :func:`group_figures` on span tables
(:attr:`rhetoric.Analysis.figures`, validation, evaluation, figures of the notebooks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from rhetoric.documents import texts_of
from rhetoric.errors import invalid_value
from rhetoric.span import Span

#: Columns of :func:`group_figures`.
FIGURE_COLUMNS = [
    "figure_id", "doc", "device", "kind", "group", "start", "end", "text", "n_spans", "score",
    "parts",
]  # fmt: skip

#: Span labels that are not figures to judge: frame keywords mark a lexicon hit, not a figure.
NOT_FIGURES = ("frame", "boilerplate")


def figure_parts(spans: Iterable[Span]) -> list[list[Span]]:
    """Spans grouped into figures: every span of one ``(doc_id, device, group)``; a lone span alone.

    >>> text = "Never, never. Go, go."
    >>> spans = [Span.from_source(text, 0, 5, device="epizeuxis", kind="word", group="e-1"),
    ...          Span.from_source(text, 7, 12, device="epizeuxis", kind="word", group="e-1"),
    ...          Span.from_source(text, 14, 16, device="epizeuxis", kind="word")]
    >>> [len(parts) for parts in figure_parts(spans)]
    [2, 1]
    """
    figures: dict[tuple, list[Span]] = {}
    for number, span in enumerate(spans):
        key = (span.doc_id, span.device, span.group) if span.group else ("lone", number)
        figures.setdefault(key, []).append(span)
    return list(figures.values())


def grouped(group: pd.Series) -> pd.Series:
    """Which spans of a table belong to a named group: a missing or empty ``group`` (None, NaN,
    ``""`` as a CSV round trip leaves it) is a lone span, its own figure, as in
    :func:`figure_parts`."""
    return group.notna() & (group.astype(str) != "")


def figure_id(doc: str, device: str, kind: str, start: int, end: int) -> str:
    """A stable, readable key of a figure: ``doc:device:kind:start-end``.

    >>> figure_id("1961-Kennedy", "antithesis", "correctio", 10, 42)
    '1961-Kennedy:antithesis:correctio:10-42'
    """
    return f"{doc}:{device}:{kind}:{int(start)}-{int(end)}"


def group_figures(
    spans: pd.DataFrame,
    texts: Mapping[str, str] | pd.DataFrame | None = None,
    *,
    exclude: Iterable[str] = NOT_FIGURES,
) -> pd.DataFrame:
    """Group a span table into figures, one row per figure.

    Parameters
    ----------
    spans : DataFrame
        A span table (:data:`rhetoric.span.SPAN_COLUMNS`): ``doc_id``, ``device``, ``kind``,
        ``start``, ``end``, ``text``, ``group`` and ``score`` (``group`` and ``score`` optional).
    texts : mapping or DataFrame, optional
        ``{doc_id: text}`` or a corpus table with ``doc_id`` and ``text``. With it, a figure's
        ``text`` is the whole stretch from its first span to its last, cut from the original;
        without it, the text of its first span.
    exclude : iterable of str
        Span labels that are not figures (default: frame keywords and removed boilerplate).

    Returns
    -------
    DataFrame
        One row per figure, by document and position: ``figure_id`` (str, see
        :func:`figure_id`), ``doc`` (str, the span's ``doc_id``), ``device``, ``kind`` (str, of
        its first span), ``group`` (str or None), ``start``, ``end`` (int), ``text`` (str),
        ``n_spans`` (int), ``score`` (float, the highest of its spans), ``parts`` (tuple of
        ``(start, end)`` pairs, by position). No spans: an empty table with these columns.

    Examples
    --------
    >>> text = "Not for glory, but for duty. Rain, rain."
    >>> spans = pd.DataFrame({"doc_id": ["d"] * 3, "device": ["antithesis", "antithesis", "epizeuxis"],
    ...     "kind": ["correctio", "correctio", "word"], "start": [0, 15, 29], "end": [13, 27, 39],
    ...     "text": [text[0:13], text[15:27], text[29:39]], "group": ["g1", "g1", None]})
    >>> group_figures(spans, {"d": text})[["device", "text", "n_spans", "parts"]].values.tolist()
    [['antithesis', 'Not for glory, but for duty', 2, ((0, 13), (15, 27))], ['epizeuxis', 'Rain, rain', 1, ((29, 39),)]]
    """
    source = None if texts is None else texts_of(texts)
    for column in ("doc_id", "device", "kind", "start", "end"):
        if column not in spans.columns:
            raise invalid_value("column", column, map(str, spans.columns))
    table = spans[~spans["device"].isin(list(exclude))].reset_index(drop=True)
    if table.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS).astype(
            {"start": "int64", "end": "int64", "n_spans": "int64", "score": "float64"}
        )
    if "group" not in table.columns:
        table = table.assign(group=None)
    if "score" not in table.columns:
        table = table.assign(score=1.0)
    if "text" not in table.columns and source is None:
        raise ValueError("spans without a 'text' column need the texts they were found in")
    lone = "\0" + table.index.astype(str)
    table = table.assign(
        doc_id=table["doc_id"].astype(str),
        _key=table["group"].astype(object).where(grouped(table["group"]), lone),
    ).sort_values(["doc_id", "start", "end"], kind="stable")
    rows = []
    for (doc, device, _), part in table.groupby(["doc_id", "device", "_key"], sort=False):
        start, end = int(part["start"].min()), int(part["end"].max())
        first = part.iloc[0]
        kind = str(first["kind"])
        group = first["group"]
        text = source[doc][start:end] if source is not None else str(first["text"])
        rows.append({
            "figure_id": figure_id(doc, device, kind, start, end), "doc": doc, "device": device,
            "kind": kind, "group": None if pd.isna(group) else str(group), "start": start,
            "end": end, "text": text, "n_spans": len(part), "score": float(part["score"].max()),
            "parts": tuple((int(s), int(e)) for s, e in zip(part["start"], part["end"], strict=True)),
        })  # fmt: skip
    figures = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    figures = figures.sort_values(["doc", "start", "end", "device"], kind="stable")
    return figures.reset_index(drop=True).astype(
        {"start": "int64", "end": "int64", "n_spans": "int64", "score": "float64"}
    )


def context(text: str, start: int, end: int, width: int = 150) -> tuple[str, str]:
    """About ``width`` characters of ``text`` before ``start`` and after ``end``, cut at spaces.

    The cut moves inwards to the nearest whitespace so that no word is split; the returned
    stretches are exact slices of ``text`` (``text[a:start]`` and ``text[end:b]``).

    >>> context("one two three FIGURE four five six", 14, 20, width=9)
    ('three ', ' four ')
    """
    a = max(0, start - width)
    if a > 0:
        space = next((i for i in range(a, start) if text[i].isspace()), start)
        a = space + 1 if space < start else start
    b = min(len(text), end + width)
    if b < len(text):
        space = next((i for i in range(b - 1, end - 1, -1) if text[i].isspace()), end)
        b = space + 1 if space >= end else end
    return text[a:start], text[end:b]


def with_context(
    figures: pd.DataFrame, texts: Mapping[str, str] | pd.DataFrame, width: int = 150
) -> pd.DataFrame:
    """The figures with ``before`` and ``after`` columns: ``width`` characters of context each.

    Returns
    -------
    DataFrame
        ``figures`` with two more str columns, ``before`` and ``after`` (see :func:`context`).
    """
    source = None if texts is None else texts_of(texts)
    missing = sorted(set(figures["doc"].astype(str)) - set(source))
    if missing:
        raise ValueError(f"no text for document {missing[0]!r} (and {len(missing) - 1} more)")
    pairs = [
        context(source[str(d)], int(s), int(e), width)
        for d, s, e in zip(figures["doc"], figures["start"], figures["end"], strict=True)
    ]
    return figures.assign(before=[p[0] for p in pairs], after=[p[1] for p in pairs])
