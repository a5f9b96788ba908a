"""Before the hand-written statistics gave way to scipy and statsmodels: the libraries give the
answers of the code they replace, on fixed data and seeds, so no published figure changes silently.

The reference functions below are frozen copies of the hand-written code (``rhetoric.stats`` and
``rhetoric.compare`` before the switch). Deterministic results (Holm, exact permutation tests)
must agree to the last digit; Monte Carlo results (random relabellings, bootstrap intervals) must
agree within a few Monte Carlo standard errors.
"""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from rhetoric import stats
from rhetoric.compare import holm

# --- frozen reference implementations ---------------------------------------------------------------


def _reference_holm(pvalues):
    p = np.asarray(list(pvalues), dtype=float)
    adjusted = np.full_like(p, np.nan)
    finite = np.flatnonzero(np.isfinite(p))
    if len(finite) == 0:
        return adjusted
    order = finite[np.argsort(p[finite], kind="stable")]
    m = len(order)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, (m - rank) * p[index])
        adjusted[index] = min(1.0, running)
    return adjusted


def _reference_differences(statistic, pooled, masks, weights):
    if statistic == "mean_diff":
        n_a = masks.sum(axis=1)
        sum_a = masks @ pooled
        return sum_a / n_a - (pooled.sum() - sum_a) / (len(pooled) - n_a)
    if statistic == "rate_diff":
        count_a, words_a = masks @ pooled, masks @ weights
        return 1000.0 * (count_a / words_a - (pooled.sum() - count_a) / (weights.sum() - words_a))
    filled_a = np.where(masks, pooled, np.nan)
    filled_b = np.where(~masks, pooled, np.nan)
    return np.nanmedian(filled_a, axis=1) - np.nanmedian(filled_b, axis=1)


def _reference_permutation(a, b, statistic="mean_diff", n_permutations=9999, alternative="two-sided",
                           words=None, seed=0):  # fmt: skip
    pooled = np.concatenate([a, b]).astype(float)
    n, n_a = len(pooled), len(a)
    observed_mask = np.zeros((1, n), dtype=bool)
    observed_mask[0, :n_a] = True
    observed = float(_reference_differences(statistic, pooled, observed_mask, words)[0])
    exact = math.comb(n, n_a) <= n_permutations
    if exact:
        masks = np.zeros((math.comb(n, n_a), n), dtype=bool)
        for row, chosen in enumerate(combinations(range(n), n_a)):
            masks[row, list(chosen)] = True
        null = _reference_differences(statistic, pooled, masks, words)
        total = len(null)
    else:
        rng = np.random.default_rng(seed)
        order = rng.random((n_permutations, n)).argsort(axis=1)
        null = _reference_differences(statistic, pooled, order < n_a, words)
        total = n_permutations + 1
    tolerance = 1e-12 * max(1.0, abs(observed))
    if alternative == "greater":
        extreme = null >= observed - tolerance
    elif alternative == "less":
        extreme = null <= observed + tolerance
    else:
        extreme = np.abs(null) >= abs(observed) - tolerance
    return observed, min(1.0, (int(extreme.sum()) + (0 if exact else 1)) / total)


def _reference_rate_ci(counts, words, n_boot=2000, ci=95, seed=0):
    rng = np.random.default_rng(seed)
    index = rng.integers(0, len(counts), size=(n_boot, len(counts)))
    replicates = 1000.0 * counts[index].sum(axis=1) / words[index].sum(axis=1)
    tail = (100 - ci) / 2
    return tuple(np.percentile(replicates, [tail, 100 - tail]))


# --- fixed data -------------------------------------------------------------------------------------

RNG = np.random.default_rng(20260101)
SMALL_A, SMALL_B = np.array([5.1, 6.0, 5.5, 6.2, 4.9]), np.array([1.0, 1.2, 0.9, 1.4, 5.0])
LARGE_A, LARGE_B = RNG.normal(2.0, 1.0, 40), RNG.normal(1.5, 1.3, 35)
WORDS = RNG.integers(800, 4000, 60).astype(float)
COUNTS = RNG.poisson(WORDS / 250).astype(float)


def _mc_error(p: float, n: int) -> float:
    return math.sqrt(max(p * (1 - p), 1e-4) / n)


def test_holm_equals_statsmodels_and_the_reference():
    from statsmodels.stats.multitest import multipletests

    for p in ([0.01, 0.04, 0.03], RNG.uniform(0, 0.2, 14), [0.5, np.nan, 0.001, 0.02]):
        p = np.asarray(p, dtype=float)
        finite = np.isfinite(p)
        expected = np.full_like(p, np.nan)
        expected[finite] = multipletests(p[finite], method="holm")[1]
        np.testing.assert_allclose(_reference_holm(p), expected, rtol=0, atol=1e-15)
        np.testing.assert_allclose(holm(p), expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
@pytest.mark.parametrize("statistic", ["mean_diff", "median_diff"])
def test_exact_permutation_tests_agree_to_the_last_digit(statistic, alternative):
    observed, p = _reference_permutation(SMALL_A, SMALL_B, statistic, alternative=alternative)
    result = stats.permutation_test(SMALL_A, SMALL_B, statistic=statistic, alternative=alternative)
    assert result.exact
    assert result.statistic == pytest.approx(observed, abs=1e-12)
    assert result.pvalue == pytest.approx(p, abs=1e-12)


@pytest.mark.parametrize("alternative", ["two-sided", "greater"])
def test_random_permutation_tests_agree_within_monte_carlo_error(alternative):
    n = 9999
    observed, p = _reference_permutation(
        LARGE_A, LARGE_B, alternative=alternative, n_permutations=n
    )
    result = stats.permutation_test(LARGE_A, LARGE_B, alternative=alternative, n_permutations=n)
    assert not result.exact
    assert result.statistic == pytest.approx(observed, abs=1e-12)
    assert abs(result.pvalue - p) <= 4 * math.sqrt(2) * _mc_error(p, n)


def test_rate_permutation_test_agrees_within_monte_carlo_error():
    half = len(COUNTS) // 2
    words = WORDS.copy()
    observed, p = _reference_permutation(COUNTS[:half], COUNTS[half:], "rate_diff", words=words)
    result = stats.permutation_test(COUNTS[:half], COUNTS[half:], statistic="rate_diff",
                                    words_a=words[:half], words_b=words[half:])  # fmt: skip
    assert result.statistic == pytest.approx(observed, abs=1e-9)
    assert abs(result.pvalue - p) <= 4 * math.sqrt(2) * _mc_error(p, 9999)


def test_bootstrap_rate_interval_agrees_within_monte_carlo_error():
    low, high = _reference_rate_ci(COUNTS, WORDS, n_boot=20000, seed=1)
    table = pd.DataFrame({"count": COUNTS, "n_words": WORDS})
    ours = stats.bootstrap_rate_ci(table, n_boot=20000, seed=2).iloc[0]
    # the bootstrap distribution's spread, as a scale for the Monte Carlo error of its 2.5 % quantile
    scale = (high - low) / 3.92
    assert abs(ours["ci_low"] - low) < 0.05 * scale * 3.92
    assert abs(ours["ci_high"] - high) < 0.05 * scale * 3.92
    assert ours["rate"] == pytest.approx(1000 * COUNTS.sum() / WORDS.sum())


def _reference_mean_ci(values, n_boot, ci, rng):
    means = values[rng.integers(0, len(values), size=(n_boot, len(values)))].mean(axis=1)
    tail = (100 - ci) / 2
    return tuple(np.percentile(means, [tail, 100 - tail]))


def test_bootstrap_mean_interval_of_compare_agrees_within_monte_carlo_error():
    from rhetoric.compare import _bootstrap_mean

    low, high = _reference_mean_ci(LARGE_A, 20000, 95, np.random.default_rng(1))
    ours = _bootstrap_mean(LARGE_A, 20000, 95, np.random.default_rng(2))
    assert abs(ours[0] - low) < 0.05 * (high - low) and abs(ours[1] - high) < 0.05 * (high - low)
    assert all(
        math.isnan(x) for x in _bootstrap_mean(np.array([]), 100, 95, np.random.default_rng(0))
    )
    assert _bootstrap_mean(np.array([2.5]), 100, 95, np.random.default_rng(0)) == (2.5, 2.5)


def test_bca_interval_is_available_and_close_to_the_percentile_one():
    table = pd.DataFrame({"count": COUNTS, "n_words": WORDS})
    percentile = stats.bootstrap_rate_ci(table, n_boot=5000).iloc[0]
    bca = stats.bootstrap_rate_ci(table, n_boot=5000, method="BCa").iloc[0]
    width = percentile["ci_high"] - percentile["ci_low"]
    assert bca["ci_low"] < bca["rate"] < bca["ci_high"]
    assert abs(bca["ci_low"] - percentile["ci_low"]) < 0.25 * width
    assert abs(bca["ci_high"] - percentile["ci_high"]) < 0.25 * width
