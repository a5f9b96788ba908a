"""A stratified random sample of figures to judge, reproducible from its seed.

The sample is drawn from the figures of a corpus result (spans grouped by
:func:`~rhetoric.figures.group_figures`): up to ``per_stratum`` figures from every
stratum (by default each device and kind, optionally crossed with a metadata column such as an
outlet, a period or a genre), each with its context, in a random order so that a coder does not
judge one device's figures in a run.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from rhetoric.errors import UsageError, invalid_value, named
from rhetoric.figures import group_figures, with_context
from rhetoric.validation.judgements import SHEET_COLUMNS
from rhetoric.validation.results import corpus_texts, span_table


def check_sizes(per_stratum: object, width: object) -> None:
    """A :class:`UsageError` unless ``per_stratum`` is a whole number above 0 and ``width`` one
    of 0 or more; the message names them as Python does (``per_stratum=0``), or as the command
    line does where it gave them (``--per-stratum 0``: :func:`rhetoric.errors.named`)."""
    if not isinstance(per_stratum, int | np.integer) or per_stratum < 1:
        raise UsageError(
            f"{named('per_stratum', per_stratum)} is not valid; give a positive whole number, "
            "such as 25"
        )
    if not isinstance(width, int | np.integer) or width < 0:
        raise UsageError(
            f"{named('width', width)} (the context, in characters on each side) is not valid; "
            "give 0 or more, such as 150"
        )


def sample(
    result: object,
    texts: pd.DataFrame | Mapping[str, str] | None = None,
    *,
    per_stratum: int = 25,
    by: str | Sequence[str] = ("device", "kind"),
    seed: int = 0,
    width: int = 150,
    devices: Sequence[str] | None = None,
) -> pd.DataFrame:
    """A stratified random sample of figures with their context: a sheet to judge.

    Parameters
    ----------
    result : CorpusResult, Analysis, DataFrame or path
        The spans: a corpus run (:func:`rhetoric.analyze_corpus`), one analysis, a span table,
        or a saved span table (``.parquet``/``.csv``, or a folder holding ``spans.parquet`` or
        ``spans.csv``).
    texts : DataFrame or mapping, optional
        The corpus table the result was run on (``doc_id``, ``text`` and any metadata columns,
        which become available to ``by``), or ``{doc_id: text}``. Not needed for one analysis.
    per_stratum : int, default 25
        Figures drawn from each stratum (all of them when it has fewer).
    by : str or sequence of str, default ("device", "kind")
        The strata: figure columns (``device``, ``kind``) and metadata columns of ``texts``
        (``outlet``, ``period``...).
    seed : int, default 0
        Seed of the draw: the same result, arguments and seed give the same sheet.
    width : int, default 150
        Characters of context on each side.
    devices : list of str, optional
        Only these labels (default: every device and stance; frame keywords are never figures).

    Returns
    -------
    DataFrame
        A sheet (:data:`rhetoric.validation.judgements.SHEET_COLUMNS`, with empty ``verdict``,
        ``reason`` and ``annotator``), then the ``by`` columns not already in it and
        ``stratum_figures`` (int, the figures of the stratum in the whole result, for weighting).
        Rows in a random order fixed by ``seed``.

    Examples
    --------
    >>> text = "Never, never, never give up. We fight, we win, we endure."
    >>> spans = pd.DataFrame({"doc_id": ["d"] * 2, "device": ["epizeuxis", "tricolon"],
    ...     "kind": ["word", "tricolon"], "start": [0, 29], "end": [19, 56], "group": [None, None]})
    >>> sheet = sample(spans, {"d": text}, per_stratum=1, seed=3)
    >>> sorted(sheet["text"])
    ['Never, never, never', 'We fight, we win, we endure']
    """
    check_sizes(per_stratum, width)
    by = [by] if isinstance(by, str) else list(by)
    spans = span_table(result)
    source, metadata = corpus_texts(result, texts, spans)
    figures = group_figures(spans, source)
    if devices is not None:
        figures = figures[figures["device"].isin(list(devices))]
    if metadata is not None:
        shadowed = [c for c in by if c in metadata.columns and c in figures.columns and c != "doc"]
        extra = [c for c in metadata.columns if c not in figures.columns or c == "doc"]
        figures = figures.merge(metadata[extra], on="doc", how="left")
        if shadowed:
            warnings.warn(
                f"the corpus table's column {shadowed[0]!r} has the name of a figure column: the "
                f"figures' own {shadowed[0]!r} stratifies, not the table's; rename it in the corpus table "
                f"(say to 'doc_{shadowed[0]}') to use it",
                UserWarning,
                stacklevel=2,
            )
    for column in by:
        if column not in figures.columns:
            raise invalid_value(
                "by", column, [c for c in figures.columns if c not in ("parts", "text")]
            )
    rng = np.random.default_rng(seed)
    chosen = []
    if len(figures):
        for _, part in figures.groupby(by, sort=True, dropna=False):
            take = rng.choice(len(part), size=min(per_stratum, len(part)), replace=False)
            chosen.append(part.iloc[np.sort(take)].assign(stratum_figures=len(part)))
    picked = (
        pd.concat(chosen) if chosen else figures.assign(stratum_figures=pd.Series(dtype="int64"))
    )
    picked = picked.iloc[rng.permutation(len(picked))].reset_index(drop=True)
    sheet = with_context(picked, source, width).assign(verdict="", reason="", annotator="")
    columns = [*SHEET_COLUMNS, *[c for c in by if c not in SHEET_COLUMNS], "stratum_figures"]
    return sheet[columns].astype({"stratum_figures": "int64"})
