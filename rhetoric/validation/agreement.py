"""Agreement between coders: Krippendorff's alpha, Cohen's kappa per pair, disagreements.

Content-analysis practice (Krippendorff 2004; Neuendorf 2017) asks for the reliability of the
human coding before its results are trusted: two or more coders judge an overlapping sample of
figures, and their agreement beyond chance is reported. The unit is a figure, identified by its
document, device, kind and range; coders who judged the same sheet share these exactly.

Alpha comes from the ``krippendorff`` package (Castro 2017), kappa from scikit-learn: neither is
re-implemented here.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Literal

import numpy as np
import pandas as pd

from rhetoric.errors import check_choice, invalid_value

#: The columns that identify a judged unit (a figure).
UNIT = ["doc", "device", "kind", "start", "end"]

#: Columns of :func:`pairwise_kappa`.
KAPPA_COLUMNS = ["annotator_a", "annotator_b", "units", "agreement", "kappa"]


def coding_matrix(judgements: pd.DataFrame, value: str = "verdict") -> pd.DataFrame:
    """Units by coders: one row per judged unit, one column per annotator, the value or NaN.

    Parameters
    ----------
    judgements : DataFrame
        Judgement records (:func:`rhetoric.validation.judgements.read_judgements`) of one or more
        coders; unjudged records (empty ``value``) are left out.
    value : str, default "verdict"
        The column holding each coder's code.

    Returns
    -------
    DataFrame
        Indexed by :data:`UNIT`, columns the annotators in order of first appearance, cells the
        codes (str) or NaN where a coder did not judge the unit. A coder's repeated judgement of
        one unit counts once (the last).
    """
    for column in [*UNIT, "annotator", value]:
        if column not in judgements.columns:
            raise invalid_value("column", column, map(str, judgements.columns))
    coded = judgements[judgements[value].astype(str) != ""]
    annotators = list(dict.fromkeys(coded["annotator"]))
    matrix = coded.pivot_table(index=UNIT, columns="annotator", values=value, aggfunc="last")
    return matrix.reindex(columns=annotators)


def krippendorff_alpha(
    judgements: pd.DataFrame,
    value: str = "verdict",
    *,
    level: Literal["nominal", "ordinal"] = "nominal",
    order: Sequence[str] = ("FALSE", "BORDERLINE", "TRUE"),
) -> float:
    """Krippendorff's alpha over every coder and every unit judged by at least two of them.

    Parameters
    ----------
    judgements : DataFrame
        Judgement records of two or more coders.
    value : str, default "verdict"
        The column of codes.
    level : {"nominal", "ordinal"}, default "nominal"
        Level of measurement; ``"ordinal"`` ranks the codes by ``order`` (BORDERLINE between
        FALSE and TRUE), and codes not in ``order`` after them, alphabetically.

    Returns
    -------
    float
        Alpha (1 perfect agreement, 0 chance, below 0 systematic disagreement); NaN when fewer
        than two coders judged any unit in common, or when every code is the same.
    """
    check_choice("level", level, ("nominal", "ordinal"))
    matrix = coding_matrix(judgements, value)
    matrix = matrix[matrix.notna().sum(axis=1) >= 2]
    codes = sorted(
        set(matrix.stack().dropna()),
        key=lambda c: (order.index(c) if c in order else len(order), c),
    )
    if matrix.shape[1] < 2 or len(matrix) == 0 or len(codes) < 2:
        return float("nan")
    import krippendorff

    numeric = matrix.apply(
        lambda column: column.map(lambda c: codes.index(c) if c in codes else np.nan)
    )
    numeric = numeric.to_numpy(dtype=float).T
    return float(krippendorff.alpha(reliability_data=numeric, level_of_measurement=level,
                                    value_domain=list(range(len(codes)))))  # fmt: skip


def pairwise_kappa(judgements: pd.DataFrame, value: str = "verdict") -> pd.DataFrame:
    """Cohen's kappa and raw agreement for every pair of coders, over the units both judged.

    Returns
    -------
    DataFrame
        :data:`KAPPA_COLUMNS`: ``annotator_a``, ``annotator_b`` (str), ``units`` (int, judged by
        both), ``agreement`` (float, share of those units with the same code), ``kappa``
        (float, :func:`sklearn.metrics.cohen_kappa_score`; NaN with no common unit, and NaN when
        both coders gave one and the same code throughout, where kappa is undefined).
    """
    from sklearn.metrics import cohen_kappa_score

    matrix = coding_matrix(judgements, value)
    rows = []
    for a, b in combinations(matrix.columns, 2):
        both = matrix[[a, b]].dropna()
        agreement = float((both[a] == both[b]).mean()) if len(both) else np.nan
        if len(both) and len(set(both[a]) | set(both[b])) > 1:
            kappa = float(cohen_kappa_score(both[a], both[b]))
        else:
            kappa = np.nan
        rows.append(
            {
                "annotator_a": a,
                "annotator_b": b,
                "units": len(both),
                "agreement": agreement,
                "kappa": kappa,
            }
        )
    return pd.DataFrame(rows, columns=KAPPA_COLUMNS).astype({"units": "int64"})


def disagreements(judgements: pd.DataFrame, value: str = "verdict") -> pd.DataFrame:
    """The units on which coders differ, for adjudication: each coder's code and reason.

    Returns
    -------
    DataFrame
        One row per unit judged by two or more coders who do not all agree: :data:`UNIT`,
        ``text``, then ``<annotator>`` (code) and ``<annotator> reason`` for every coder.
    """
    matrix = coding_matrix(judgements, value)
    several = matrix[matrix.notna().sum(axis=1) >= 2]
    differ = (
        several[several.apply(lambda row: row.dropna().nunique() > 1, axis=1)]
        if len(several)
        else several
    )
    coded = judgements[judgements[value].astype(str) != ""]
    reasons = coded.pivot_table(index=UNIT, columns="annotator", values="reason", aggfunc="last")
    texts = coded.groupby(UNIT)["text"].first()
    table = differ.reset_index()
    table.insert(
        len(UNIT), "text", [texts.get(tuple(k)) for k in table[UNIT].itertuples(index=False)]
    )
    for annotator in matrix.columns:
        table[f"{annotator} reason"] = [
            reasons[annotator].get(tuple(k)) if annotator in reasons else None
            for k in table[UNIT].itertuples(index=False)
        ]
    table.columns.name = None
    return table
