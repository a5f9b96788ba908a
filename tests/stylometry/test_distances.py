"""Each distance on small hand-made matrices with values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from rhetoric.stylometry.distances import METRICS, canonical_metric, delta_distances

X3 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
R = np.array([[1.0, 2.0], [3.0, 6.0]])  # z-scores: rows (-1/√2, -1/√2) and (1/√2, 1/√2)


@pytest.mark.parametrize(
    ("metric", "a", "b", "expected"),
    [
        ("manhattan", 0, 1, 2.0),
        ("euclidean", 0, 1, math.sqrt(2)),
        ("euclidean", 0, 2, 1.0),
        ("cosine", 0, 1, 1.0),
        ("cosine", 0, 2, 1 - 1 / math.sqrt(2)),
        ("minmax", 0, 1, 1.0),
        ("minmax", 0, 2, 0.5),
        ("canberra", 0, 1, 2.0),
        ("canberra", 0, 2, 1.0),
    ],
)
def test_frequency_metrics(metric, a, b, expected):
    assert delta_distances(X3, metric=metric)[a, b] == pytest.approx(expected)


def test_canberra_skips_features_absent_from_both_texts_like_r():
    # |1-2|/3 on the first feature; the second is 0 in both, skipped, and the sum rescaled by 2/1.
    assert delta_distances(np.array([[1.0, 0.0]]), np.array([[2.0, 0.0]]), "canberra")[
        0, 0
    ] == pytest.approx(2 / 3)


def test_eder_simple_compares_square_roots():
    assert delta_distances(np.array([[4.0, 0.0]]), np.array([[1.0, 9.0]]), "simple")[
        0, 0
    ] == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ("burrows", math.sqrt(2)),
        ("argamon", 1.0),
        ("eder", 2.5 * math.sqrt(2)),  # weights (p - i + 2) / p = 1.5 and 1.0
        ("cosine_delta", 2.0),
    ],
)
def test_zscore_metrics(metric, expected):
    assert delta_distances(R, metric=metric)[0, 1] == pytest.approx(expected)


def test_entropy_weights_each_feature_by_its_entropy():
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    h = -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3))
    assert delta_distances(X, metric="entropy")[0, 1] == pytest.approx(
        2 * (math.log(3) - math.log(2)) / h
    )


def test_reference_sets_the_zscores():
    # With the reference (0, 0), (2, 2): mean 1, sd √2, so (1, 1) and (3, 3) are 2/√2 = √2 apart per feature.
    D = delta_distances(
        np.array([[1.0, 1.0]]),
        np.array([[3.0, 3.0]]),
        "burrows",
        reference=np.array([[0.0, 0.0], [2.0, 2.0]]),
    )
    assert D[0, 0] == pytest.approx(math.sqrt(2))


def test_aliases_and_unknown_metric():
    assert canonical_metric("delta") == "burrows"
    assert canonical_metric("wurzburg") == "cosine_delta"
    with pytest.raises(ValueError, match="did you mean 'cosine_delta'"):
        delta_distances(X3, metric="cosine_dleta")


def test_empty_input_gives_empty_matrix():
    assert delta_distances(np.zeros((0, 3)), np.ones((2, 3))).shape == (0, 2)


def test_mismatched_columns_is_an_error():
    with pytest.raises(ValueError, match="same columns"):
        delta_distances(np.ones((2, 3)), np.ones((2, 4)))


def _naive(A, B, metric):
    out = np.zeros((len(A), len(B)))
    for i, a in enumerate(A):
        for j, b in enumerate(B):
            if metric == "minmax":
                out[i, j] = 1 - np.minimum(a, b).sum() / np.maximum(a, b).sum()
            else:  # canberra as R's dist
                used = ~((a == 0) & (b == 0))
                out[i, j] = (np.abs(a - b)[used] / (a + b)[used]).sum() * len(a) / used.sum()
    return out


positive = arrays(np.float64, (4, 5), elements=st.floats(0, 10, allow_subnormal=False)).filter(
    lambda a: (a.sum(axis=1) > 0).all() and ((a > 0).sum(axis=1) > 0).all()
)


@settings(max_examples=30, deadline=None)
@given(positive)
def test_vectorised_minmax_and_canberra_equal_the_loop(X):
    for metric in ("minmax", "canberra"):
        np.testing.assert_allclose(
            delta_distances(X[:2], X[2:], metric), _naive(X[:2], X[2:], metric), atol=1e-9
        )


@settings(max_examples=25, deadline=None)
@given(positive)
def test_self_distances_are_symmetric_with_zero_diagonal(X):
    for metric in METRICS:
        D = delta_distances(X, metric=metric)
        assert np.allclose(D, D.T) and np.all(np.diag(D) == 0), metric
        assert (D >= -1e-12).all(), metric
