"""Precision of the automated coding from judged figures: matching, counts, Wilson intervals.

A detector's figures are matched to judgements by document, device and overlap (a judgement
made on one detector version still scores the next): a figure takes the verdict of a judgement
of the same document and device whose range ``[start, end)`` overlaps one of the figure's parts
and agrees with the figure's range (see :func:`match_judgements`). A figure that matches no judgement is *unjudged*: it is counted and
listed, never silently dropped, and must be judged before its precision is quoted.

Precision is TRUE / judged (strict) and (TRUE + BORDERLINE / 2) / judged (lenient), each with a
Wilson score interval (Wilson 1927; Newcombe 1998), which stays inside [0, 1] and behaves at 0
and 1 and with few judgements, where the normal ("Wald") interval does not.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from rhetoric.errors import invalid_value

#: Columns :func:`match_judgements` adds to a figure table.
MATCH_COLUMNS = ["verdict", "reason", "annotator", "judged_kind", "judged_start", "judged_end"]

#: Count and precision columns of :func:`precision_table`, after the grouping columns.
PRECISION_COLUMNS = [
    "figures", "judged", "true", "borderline", "false", "unjudged",
    "precision", "precision_low", "precision_high", "lenient", "lenient_low", "lenient_high",
]  # fmt: skip

#: Labels that are not rhetorical devices; the pooled ``all`` rows leave them out.
NOT_DEVICES = ("stance",)

#: The label of a pooled row in :func:`precision_table`.
ALL = "all"


def wilson_interval(successes: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``successes / n``.

    ``successes`` may be fractional (lenient precision counts a BORDERLINE as half). With
    ``n == 0`` there is no estimate: ``(nan, nan)``.

    Parameters
    ----------
    successes, n : float
        Successes and trials, ``0 <= successes <= n``.
    confidence : float, default 0.95
        Coverage of the interval.

    Returns
    -------
    tuple of float
        ``(low, high)``, both in [0, 1].

    Examples
    --------
    Newcombe's (1998) examples, Table II, method 3:

    >>> [round(x, 4) for x in wilson_interval(81, 263)]
    [0.2553, 0.3662]
    >>> [round(x, 4) for x in wilson_interval(0, 20)]
    [0.0, 0.1611]
    >>> wilson_interval(0, 10)[0], wilson_interval(10, 10)[1]
    (0.0, 1.0)
    """
    if not 0 < confidence < 1:
        raise ValueError(
            f"confidence={confidence!r} is not valid; give a number between 0 and 1, such as 0.95"
        )
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"successes={successes!r} and n={n!r} must satisfy 0 <= successes <= n")
    if n == 0:
        return (float("nan"), float("nan"))
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    # at p = 0 or 1 the bound is 0 or 1 exactly (rounding left 2.8e-17 in printed tables)
    low = 0.0 if successes == 0 else max(0.0, float(centre - half))
    high = 1.0 if successes == n else min(1.0, float(centre + half))
    return (low, high)


def _overlaps(parts, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in parts)


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def match_judgements(
    figures: pd.DataFrame,
    judgements: pd.DataFrame,
    *,
    annotator: str | None = None,
    min_overlap: float = 0.5,
) -> pd.DataFrame:
    """Give each figure the verdict of the judgement it matches (module notes), if any.

    Matching is one to one: each judgement scores at most one figure, so a verdict is never
    copied onto a second figure that merely lies inside a long judged one (the occurrences of
    another refrain, say). Pairs are taken greedily, best first: same kind before other kinds,
    then by the Jaccard overlap of the two ranges; a pair needs a figure part that overlaps the
    judged range and a Jaccard overlap of at least ``min_overlap``.

    Parameters
    ----------
    figures : DataFrame
        A figure table (:func:`rhetoric.figures.group_figures`): ``doc``, ``device``,
        ``kind``, ``start``, ``end``, and ``parts`` (optional; default one part, the range).
    judgements : DataFrame
        A judgement table (:func:`rhetoric.validation.judgements.read_judgements`).
    annotator : str, optional
        Use only this coder's judgements. Without it, where several coders judged the same
        figure (same document, device, kind and range), the coder whose judgement of it comes
        first in file order counts: precision is one coder's reading, and
        :mod:`rhetoric.validation.agreement` compares coders. A coder who judged one figure
        twice revised the verdict: the later judgement counts (the later file's, in the order
        the files were given; within a file, the later line), as in the agreement tables, and
        where the two verdicts differ a warning says how many figures and in which files.
    min_overlap : float, default 0.5
        Least Jaccard overlap (shared characters over the characters of either range) of a
        figure's range and a judged range for the verdict to carry over.

    Returns
    -------
    DataFrame
        ``figures`` with :data:`MATCH_COLUMNS`: ``verdict`` (str, ``""`` when unjudged),
        ``reason``, ``annotator``, ``judged_kind`` (str: the kind of the judgement matched,
        which may differ from the figure's), ``judged_start``, ``judged_end`` (int, -1 when
        unjudged): with the document and device, the judgement's key.

    Examples
    --------
    >>> figures = pd.DataFrame({"doc": ["d", "d"], "device": ["tricolon", "tricolon"],
    ...     "kind": ["tricolon", "list"], "start": [10, 200], "end": [40, 260]})
    >>> judged = pd.DataFrame({"doc": ["d"], "device": ["tricolon"], "kind": ["tricolon"],
    ...     "start": [12], "end": [45], "verdict": ["TRUE"], "reason": [""], "annotator": ["a"]})
    >>> match_judgements(figures, judged)["verdict"].tolist()
    ['TRUE', '']
    """
    for column in ("doc", "device", "start", "end"):
        if column not in figures.columns:
            raise invalid_value("column", column, map(str, figures.columns))
    if annotator is not None:
        known = sorted(set(judgements["annotator"]))
        if annotator not in known:
            raise invalid_value("annotator", annotator, known)
        judgements = judgements[judgements["annotator"] == annotator]
    judged = judgements[judgements["verdict"] != ""]
    if "kind" not in judged.columns:
        judged = judged.assign(kind="")
    judged = _one_verdict_per_figure(judged)
    index: dict[tuple[str, str], list[tuple[int, dict]]] = defaultdict(list)
    for order, record in enumerate(judged.to_dict("records")):
        index[(str(record["doc"]), str(record["device"]))].append((order, record))
    has_parts = "parts" in figures.columns
    pairs = []
    for row, figure in enumerate(figures.to_dict("records")):
        start, end = int(figure["start"]), int(figure["end"])
        parts = figure["parts"] if has_parts and figure["parts"] is not None else ((start, end),)
        for order, record in index.get((str(figure["doc"]), str(figure["device"])), []):
            judged_range = (int(record["start"]), int(record["end"]))
            overlap = _jaccard((start, end), judged_range)
            if overlap < min_overlap or not _overlaps(parts, *judged_range):
                continue
            same_kind = str(record.get("kind", "")) == str(figure.get("kind", ""))
            pairs.append((not same_kind, -overlap, order, row, record))
    matched = [("", "", "", "", -1, -1)] * len(figures)
    taken_rows, taken_judgements = set(), set()
    for _, _, order, row, record in sorted(pairs, key=lambda p: p[:4]):
        if row in taken_rows or order in taken_judgements:
            continue
        taken_rows.add(row)
        taken_judgements.add(order)
        matched[row] = (record["verdict"], str(record.get("reason", "")),
                        str(record.get("annotator", "")), str(record.get("kind", "")),
                        int(record["start"]), int(record["end"]))  # fmt: skip
    columns = pd.DataFrame(matched, columns=MATCH_COLUMNS, index=figures.index)
    result = pd.concat(
        [figures.drop(columns=[c for c in MATCH_COLUMNS if c in figures]), columns], axis=1
    )
    return result.astype({"judged_start": "int64", "judged_end": "int64"})


def _one_verdict_per_figure(judged: pd.DataFrame) -> pd.DataFrame:
    """One judgement per judged figure (document, device, kind, range): that of the coder who
    judged it first in file order, and of that coder the last judgement (a revision), with a
    warning where a coder's judgements of one figure disagree; in the order of the figures'
    first judgements."""
    unit = ["doc", "device", "kind", "start", "end"]
    records = judged.to_dict("records")
    coder: dict[tuple, str] = {}  # figure: the coder who judged it first
    latest: dict[tuple, int] = {}  # (figure, coder): the position of the last judgement
    revised: dict[tuple, set[str]] = defaultdict(set)  # (figure, coder): files, where changed
    for position, record in enumerate(records):
        figure = tuple(record[c] for c in unit)
        who = str(record.get("annotator", ""))
        coder.setdefault(figure, who)
        before = latest.get((figure, who))
        if before is not None and records[before]["verdict"] != record["verdict"]:
            revised[(figure, who)] |= {str(records[before].get("file", "")), str(record.get("file", ""))}  # fmt: skip
        latest[(figure, who)] = position
    if revised:
        coders = sorted({who for _, who in revised})
        files = sorted({name for names in revised.values() for name in names if name})
        n = len({figure for figure, _ in revised})
        warnings.warn(
            f"{n} figure{'s' if n != 1 else ''} judged twice by the same coder with different "
            f"verdicts (coder {', '.join(map(repr, coders))}"
            + (f"; files {', '.join(files)}" if files else "")
            + "): the later verdict counts (of the later file, in the order given)",
            stacklevel=3,
        )
    return judged.iloc[[latest[(figure, who)] for figure, who in coder.items()]]


def _counts(part: pd.DataFrame) -> dict:
    verdicts = part["verdict"]
    n_true, n_border = int((verdicts == "TRUE").sum()), int((verdicts == "BORDERLINE").sum())
    n_false = int((verdicts == "FALSE").sum())
    judged = n_true + n_border + n_false
    lenient = n_true + n_border / 2
    low, high = wilson_interval(n_true, judged)
    lenient_low, lenient_high = wilson_interval(lenient, judged)
    return {
        "figures": len(part), "judged": judged, "true": n_true, "borderline": n_border,
        "false": n_false, "unjudged": len(part) - judged,
        "precision": n_true / judged if judged else np.nan, "precision_low": low,
        "precision_high": high, "lenient": lenient / judged if judged else np.nan,
        "lenient_low": lenient_low, "lenient_high": lenient_high,
    }  # fmt: skip


def precision_table(
    matched: pd.DataFrame,
    by: Sequence[str] = ("device", "kind"),
    *,
    totals: bool = True,
    weighted: bool = False,
) -> pd.DataFrame:
    """Precision, strict and lenient, with Wilson 95% intervals, per group of figures.

    Parameters
    ----------
    matched : DataFrame
        Figures with verdicts (:func:`match_judgements`); ``""`` marks an unjudged figure.
    by : sequence of str, default ("device", "kind")
        Grouping columns. With ``"device"`` and ``"kind"`` among them and ``totals``, rows with
        ``kind="all"`` pool every kind of a device, and a row with ``device="all"`` pools the
        rhetorical devices (stance, which is not a device, is left out of it), within each value
        of the other ``by`` columns (a genre, say).
    totals : bool, default True
        Add the pooled rows.
    weighted : bool, default False
        Add :data:`WEIGHTED_COLUMNS`: each pooled row's precision weighted by its groups' shares
        of the figures (:func:`_weighted`), for a table of every figure of a result.

    Returns
    -------
    DataFrame
        The ``by`` columns, then ``figures``, ``judged``, ``true``, ``borderline``, ``false``,
        ``unjudged`` (int), ``precision``, ``precision_low``, ``precision_high`` (float:
        TRUE / judged and its Wilson interval), ``lenient``, ``lenient_low``, ``lenient_high``
        (float: BORDERLINE counted as half). NaN where nothing was judged. Pooled figures are
        pooled judged figures: where kinds were sampled at different rates, a pooled row weighs
        each kind by its judgements, not by its share of the figures.

    Examples
    --------
    >>> matched = pd.DataFrame({"device": ["anaphora"] * 4, "kind": ["clause"] * 4,
    ...                         "verdict": ["TRUE", "TRUE", "BORDERLINE", ""]})
    >>> row = precision_table(matched, totals=False).iloc[0]
    >>> int(row.judged), int(row.unjudged), round(float(row.precision), 3), round(float(row.lenient), 3)
    (3, 1, 0.667, 0.833)
    """
    by = list(by)
    for column in [*by, "verdict"]:
        if column not in matched.columns:
            raise invalid_value("column", column, map(str, matched.columns))
    rows = []
    cells = [c for c in by if c in ("device", "kind")]  # what a pooled row pools
    extra = (lambda part, strata: _weighted(part, strata)) if weighted else (lambda *_: {})
    if not matched.empty:
        for key, part in matched.groupby(by, sort=True, dropna=False):
            key = key if isinstance(key, tuple) else (key,)
            rows.append({**dict(zip(by, key, strict=True)), **_counts(part), **extra(part, None)})
        if totals and "device" in by:
            outer = [c for c in by if c not in ("device", "kind")]
            groups = matched.groupby(outer, sort=True) if outer else [((), matched)]
            for key, part in groups:
                key = dict(zip(outer, key if isinstance(key, tuple) else (key,), strict=True))
                if "kind" in by:
                    for device, one in part.groupby("device", sort=True):
                        rows.append({**key, "device": device, "kind": ALL, **_counts(one),
                                     **extra(one, ["kind"])})  # fmt: skip
                devices = part[~part["device"].isin(NOT_DEVICES)]
                rows.append({**key, "device": ALL, **({"kind": ALL} if "kind" in by else {}),
                             **_counts(devices), **extra(devices, cells)})  # fmt: skip
    columns = [*by, *PRECISION_COLUMNS, *(WEIGHTED_COLUMNS if weighted else [])]
    table = pd.DataFrame(rows, columns=columns)
    if not table.empty:  # each group's own rows first, its pooled "all" row after them
        keys = [
            tuple((str(v) == ALL, str(v)) for v in row) for row in table[by].itertuples(index=False)
        ]
        table = table.iloc[sorted(range(len(table)), key=keys.__getitem__)]
    ints = ["figures", "judged", "true", "borderline", "false", "unjudged"]
    return table.reset_index(drop=True).astype({c: "int64" for c in ints})


#: Columns ``precision_table(..., weighted=True)`` adds (:func:`_weighted`).
WEIGHTED_COLUMNS = ["weighted", "weighted_low", "weighted_high", "covered"]


def _weighted(part: pd.DataFrame, strata: Sequence[str] | None) -> dict:
    """The precision of the figures of ``part`` weighted by its groups' (``strata``) shares of
    the figures (post-stratification), not by their judgements; ``None``: one group, whose
    weighted precision is its precision with its Wilson interval (a row of its own).

    A stratified sample judges as many figures of a rare kind as of a common one, so a pooled row
    (``kind="all"``, ``device="all"``) says how precise the judged figures are, not how precise
    the figures are: where a rare kind is less precise, the pooled row is too low. Where ``part``
    holds every figure of the result (:func:`rhetoric.validation.report` with the result),
    ``weighted`` is ``sum(figures_g * precision_g) / sum(figures_g)`` over the groups ``g`` that
    hold a judged figure, strict; ``covered`` is the share of the figures in those groups (below
    1, the groups without a judgement are not estimated).

    ``weighted_low`` / ``weighted_high``: a 95% Wilson interval of ``weighted`` at the effective
    number of judgements of the weights (Kish 1965), ``n_eff = 1 / sum(w_g**2 / judged_g)`` with
    ``w_g`` the groups' shares of the figures: the variance of a stratified estimate of one
    proportion ``p`` is ``p(1 - p) / n_eff``, so with one group, or with the judgements spread as
    the figures are, it is the Wilson interval of the judgements themselves. A precision is an
    estimate of what a rhetorician would say of such figures (of the detector on texts like
    these), not a census of this run's figures: judging every figure of a small kind does not
    make its precision known exactly, so no finite-population correction is made (it shrank the
    interval of three judgements, every figure of their kinds, to a point). Wilson's interval
    stays inside [0, 1] and does not collapse where every judged figure of a group is TRUE or
    every one FALSE, where a normal interval from the groups' variances would.

    >>> verdicts = ["TRUE"] * 9 + ["FALSE"] + [""] * 90 + ["TRUE"] + ["FALSE"] * 9
    >>> part = pd.DataFrame({"kind": ["clause"] * 100 + ["sentence"] * 10, "verdict": verdicts})
    >>> round(_weighted(part, ["kind"])["weighted"], 3)  # the judged figures: 10/20 = 0.5
    0.827
    """
    groups = [part] if strata is None else [g for _, g in part.groupby(list(strata), dropna=False)]
    counts = [_counts(group) for group in groups]
    figures = np.array([c["figures"] for c in counts], dtype=float)
    judged = np.array([c["judged"] for c in counts], dtype=float)
    true = np.array([c["true"] for c in counts], dtype=float)
    found = judged > 0
    if not found.any():
        return dict.fromkeys(WEIGHTED_COLUMNS, np.nan)
    weights = figures[found] / figures[found].sum()
    estimate = float((weights * true[found] / judged[found]).sum())
    n_eff = float(1 / (weights**2 / judged[found]).sum())
    low, high = wilson_interval(min(estimate * n_eff, n_eff), n_eff)
    return {"weighted": estimate, "weighted_low": low, "weighted_high": high,
            "covered": float(figures[found].sum() / figures.sum())}  # fmt: skip
