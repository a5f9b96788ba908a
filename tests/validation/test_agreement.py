from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from rhetoric.validation.agreement import (
    coding_matrix,
    disagreements,
    krippendorff_alpha,
    pairwise_kappa,
)


def _records(matrix: list[list], names: list[str]) -> pd.DataFrame:
    """Judgement records from a coders x units matrix (None: not judged)."""
    rows = []
    for coder, codes in zip(names, matrix, strict=True):
        for unit, code in enumerate(codes):
            if code is not None:
                rows.append({"doc": "d", "device": "anaphora", "kind": "clause", "start": unit,
                             "end": unit + 1, "text": f"u{unit}", "verdict": str(code),
                             "reason": f"{coder} on {unit}", "annotator": coder})  # fmt: skip
    return pd.DataFrame(rows)


def test_alpha_equals_krippendorffs_documented_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 coders x 12 units
    # example (also in the krippendorff package's docstring): nominal alpha 0.743
    n = None
    data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
            [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n]]  # fmt: skip
    alpha = krippendorff_alpha(_records(data, ["A", "B", "C", "D"]))
    assert round(alpha, 3) == 0.743


def test_alpha_equals_the_packages_three_coder_example():
    n = None
    data = [[n, n, n, n, n, 3, 4, 1, 2, 1, 1, 3, 3, n, 3],
            [1, n, 2, 1, 3, 3, 4, 3, n, n, n, n, n, n, n],
            [n, n, 2, 1, 3, 4, 4, n, 2, 1, 1, 3, 3, n, 4]]  # fmt: skip
    assert round(krippendorff_alpha(_records(data, ["A", "B", "C"])), 6) == 0.691358


def test_kappa_and_agreement_by_hand():
    a = ["TRUE", "TRUE", "FALSE", "BORDERLINE", "TRUE", "FALSE", "FALSE", "TRUE", None, "TRUE"]
    b = ["TRUE", "FALSE", "FALSE", "BORDERLINE", "TRUE", "FALSE", "TRUE", "TRUE", "TRUE", None]
    table = pairwise_kappa(_records([a, b], ["a", "b"]))
    row = table.iloc[0]
    # 8 units judged by both; agree on 6: p_o = 0.75. Marginals over the 8 units:
    # a: TRUE 4, FALSE 3, BORDERLINE 1; b: TRUE 4, FALSE 3, BORDERLINE 1
    p_e = (4 * 4 + 3 * 3 + 1 * 1) / 64
    assert (row.annotator_a, row.annotator_b, row.units) == ("a", "b", 8)
    assert row.agreement == 0.75
    assert row.kappa == pytest.approx((0.75 - p_e) / (1 - p_e))


def test_one_shared_code_throughout_has_no_kappa_and_no_alpha():
    data = [["TRUE", "TRUE"], ["TRUE", "TRUE"]]
    records = _records(data, ["a", "b"])
    assert math.isnan(pairwise_kappa(records).iloc[0].kappa)
    assert pairwise_kappa(records).iloc[0].agreement == 1.0
    assert math.isnan(krippendorff_alpha(records))
    assert math.isnan(krippendorff_alpha(_records([["TRUE", "FALSE"]], ["alone"])))


def test_disagreements_list_each_coders_verdict_and_reason():
    records = _records([["TRUE", "FALSE", "TRUE"], ["TRUE", "TRUE", None]], ["a", "b"])
    table = disagreements(records)
    assert table[["start", "text", "a", "b", "a reason", "b reason"]].values.tolist() == [
        [1, "u1", "FALSE", "TRUE", "a on 1", "b on 1"]
    ]
    matrix = coding_matrix(records)
    assert list(matrix.columns) == ["a", "b"] and pd.isna(matrix.iloc[2]["b"])
    assert np.array_equal(matrix.notna().sum().to_numpy(), [3, 2])
