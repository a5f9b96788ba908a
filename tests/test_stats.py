"""Statistics checked against values worked out by hand and against known distributions."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.errors import UsageError
from rhetoric.stats import (
    LOG_ODDS_COLUMNS,
    RATE_COLUMNS,
    bootstrap_rate_ci,
    cliffs_delta,
    cohens_d,
    device_counts,
    log_odds_ratio,
    permutation_test,
    rate_per_1000,
)

# --- rates -------------------------------------------------------------------------------------


def test_rate_per_1000_scalar_and_vector():
    assert rate_per_1000(7, 3500) == 2.0
    rates = rate_per_1000(np.array([0, 5]), np.array([250, 2500]))
    assert rates.tolist() == [0.0, 2.0]


def test_rate_of_empty_text_is_nan_not_error():
    assert math.isnan(rate_per_1000(0, 0))


def _documents(rng, n_docs, rate, mean_words=800):
    words = rng.integers(mean_words // 2, mean_words * 2, size=n_docs)
    counts = rng.poisson(rate / 1000 * words)
    return words, counts


def test_bootstrap_ci_covers_the_true_rate_in_most_samples():
    # 40 corpora drawn with a known rate of 4 per 1,000 words: a 95% interval must cover it
    # in nearly all of them (binomial(40, 0.95) gives fewer than 34 with probability < 0.5%).
    rng = np.random.default_rng(7)
    covered = 0
    for trial in range(40):
        words, counts = _documents(rng, 30, rate=4.0)
        table = pd.DataFrame({"count": counts, "n_words": words})
        row = bootstrap_rate_ci(table, n_boot=500, seed=trial).iloc[0]
        assert row["ci_low"] <= row["rate"] <= row["ci_high"]
        covered += row["ci_low"] <= 4.0 <= row["ci_high"]
    assert covered >= 34


def test_bootstrap_ci_groups_and_columns():
    table = pd.DataFrame(
        {
            "device": ["anaphora"] * 4 + ["tricolon"] * 4,
            "party": ["a", "a", "b", "b"] * 2,
            "count": [2, 4, 0, 0, 1, 1, 3, 5],
            "n_words": [1000, 1000, 400, 600] * 2,
        }
    )
    result = bootstrap_rate_ci(table, by=["device", "party"], n_boot=300, seed=1)
    assert result.columns.tolist() == ["device", "party", *RATE_COLUMNS]
    assert result[["device", "party"]].values.tolist() == [
        ["anaphora", "a"], ["anaphora", "b"], ["tricolon", "a"], ["tricolon", "b"]
    ]  # fmt: skip
    assert result["rate"].tolist() == [3.0, 0.0, 1.0, 8.0]
    # a group with no occurrence at all: every resample is 0, so the interval is the exact
    # Poisson one of no figure in its 1,000 words (not [0, 0], which reads as certainty)
    assert result.loc[1, "ci_low"] == 0.0
    assert result.loc[1, "ci_high"] == pytest.approx(3.689, abs=1e-3)
    assert result["n_docs"].tolist() == [2, 2, 2, 2]


def test_bootstrap_is_reproducible_with_a_seed():
    table = pd.DataFrame({"count": [1, 5, 2, 8, 0], "n_words": [300, 700, 500, 900, 200]})
    first = bootstrap_rate_ci(table, n_boot=400, seed=3)
    second = bootstrap_rate_ci(table, n_boot=400, seed=3)
    pd.testing.assert_frame_equal(first, second)


def test_bootstrap_empty_table_gives_empty_result():
    empty = pd.DataFrame({"group": [], "count": [], "n_words": []})
    result = bootstrap_rate_ci(empty, by="group")
    assert result.empty
    assert result.columns.tolist() == ["group", *RATE_COLUMNS]


def test_bootstrap_bad_column_names_the_choices():
    table = pd.DataFrame({"count": [1], "n_words": [10]})
    with pytest.raises(ValueError, match="column='words' is not valid.*'n_words'"):
        bootstrap_rate_ci(table, words="words")


def test_device_counts_fills_zeros_and_counts_instances():
    documents = pd.DataFrame(
        {"doc_id": ["x", "y", "z"], "n_words": [100, 200, 300], "year": [1990, 1991, 1992]}
    )
    spans = pd.DataFrame(
        {
            "doc_id": ["x", "x", "x", "y", "y"],
            "device": ["anaphora", "anaphora", "tricolon", "tricolon", "tricolon"],
            "group": ["g1", "g1", None, None, None],
        }
    )
    instances = device_counts(spans, documents)
    assert instances.columns.tolist() == ["doc_id", "n_words", "year", "device", "count"]
    counts = instances.set_index(["doc_id", "device"])["count"].to_dict()
    assert counts == {
        ("x", "anaphora"): 1, ("x", "tricolon"): 1,
        ("y", "anaphora"): 0, ("y", "tricolon"): 2,
        ("z", "anaphora"): 0, ("z", "tricolon"): 0,
    }  # fmt: skip
    every_span = device_counts(spans, documents, unit="spans")
    assert every_span.set_index(["doc_id", "device"]).loc[("x", "anaphora"), "count"] == 2
    # an empty group (as a CSV round trip leaves None) is a lone span too, as in group_figures
    read_back = spans.assign(group=spans["group"].fillna(""))
    assert device_counts(read_back, documents).equals(instances)


def test_expected_counts_add_each_figures_score_once():
    documents = pd.DataFrame({"doc_id": ["x", "y"], "n_words": [100, 200]})
    spans = pd.DataFrame(
        {
            "doc_id": ["x", "x", "x", "y"],
            "device": ["anaphora", "anaphora", "anaphora", "tricolon"],
            # two parts of one figure (one score), and a lone span
            "group": ["g1", "g1", None, None],
            "score": [0.75, 0.75, 0.1, 0.4],
        }
    )
    expected = device_counts(spans, documents, unit="expected")
    assert expected["count"].dtype == "float64"
    values = expected.set_index(["doc_id", "device"])["count"].round(6).to_dict()
    assert values == {
        ("x", "anaphora"): 0.85, ("x", "tricolon"): 0.0,
        ("y", "anaphora"): 0.0, ("y", "tricolon"): 0.4,
    }  # fmt: skip
    # the pooled rate of expected figures per 1,000 words, as for counts
    rates = bootstrap_rate_ci(expected, by="device", n_boot=50)
    assert rates.set_index("device").loc["anaphora", "rate"] == pytest.approx(1000 * 0.85 / 300)


def test_expected_counts_warn_when_the_spans_look_thresholded():
    documents = pd.DataFrame({"doc_id": ["x"], "n_words": [1000]})
    kept = pd.DataFrame(
        {"doc_id": ["x"] * 25, "device": ["tricolon"] * 25, "group": None, "score": [0.8] * 25}
    )
    with pytest.warns(UserWarning, match="min_score=0"):
        device_counts(kept, documents, unit="expected")
    every = kept.assign(score=[0.8] * 24 + [0.01])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert device_counts(every, documents, unit="expected")["count"].iloc[0] == pytest.approx(
            0.8 * 24 + 0.01
        )


def test_expected_counts_need_scored_spans():
    documents = pd.DataFrame({"doc_id": ["x"], "n_words": [100]})
    spans = pd.DataFrame({"doc_id": ["x"], "device": ["anaphora"], "group": ["g"]})
    with pytest.raises(UsageError, match="score"):
        device_counts(spans, documents, unit="expected")


def test_device_counts_without_spans_lists_requested_devices_with_zero():
    documents = pd.DataFrame({"doc_id": ["x"], "n_words": [100]})
    empty = pd.DataFrame(columns=["doc_id", "device", "group"])
    result = device_counts(empty, documents, devices=["chiasmus"])
    assert result[["doc_id", "device", "count"]].values.tolist() == [["x", "chiasmus", 0]]


# --- permutation test ----------------------------------------------------------------------------


def test_permutation_clearly_different_groups_is_significant():
    rng = np.random.default_rng(0)
    a = rng.normal(10, 1, size=30)
    b = rng.normal(5, 1, size=30)
    result = permutation_test(a, b, n_permutations=2000, seed=1)
    assert not result.exact
    assert result.pvalue == pytest.approx(1 / 2001)  # nothing beats the observed labelling
    assert result.statistic == pytest.approx(a.mean() - b.mean())


def test_permutation_identical_groups_is_not_significant():
    values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]
    result = permutation_test(values, values, n_permutations=3000, seed=2)
    assert result.statistic == 0.0
    assert result.pvalue == 1.0


def test_permutation_exact_enumeration_small_groups():
    # 3 vs 3 values: 20 relabellings; the observed split is the most extreme in both directions,
    # so the two-sided p-value is 2/20 and the one-sided one 1/20.
    a, b = [10, 11, 12], [1, 2, 3]
    assert permutation_test(a, b).pvalue == pytest.approx(0.1)
    greater = permutation_test(a, b, alternative="greater")
    assert greater.exact and greater.n_permutations == 20
    assert greater.pvalue == pytest.approx(0.05)
    assert permutation_test(a, b, alternative="less").pvalue == pytest.approx(1.0)


def test_permutation_rate_diff_uses_word_counts():
    result = permutation_test(
        [4, 6], [1, 1], statistic="rate_diff", words_a=[1000, 1000], words_b=[1000, 1000]
    )
    assert result.statistic == pytest.approx(4.0)  # 5 per 1,000 against 1 per 1,000
    with pytest.raises(TypeError, match="words_a"):
        permutation_test([1], [2], statistic="rate_diff")


def test_permutation_median_and_callable_statistics_agree():
    a, b = [1.0, 2.0, 9.0], [0.0, 0.5, 1.5]
    by_name = permutation_test(a, b, statistic="median_diff")
    by_function = permutation_test(a, b, statistic=lambda x, y: np.median(x) - np.median(y))
    assert by_name.statistic == pytest.approx(1.5)
    assert by_name.pvalue == pytest.approx(by_function.pvalue)


def test_permutation_bad_statistic_and_empty_group():
    with pytest.raises(ValueError, match="did you mean 'mean_diff'"):
        permutation_test([1], [2], statistic="mean_dif")
    result = permutation_test([], [1.0, 2.0])
    assert math.isnan(result.pvalue)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.floats(-100, 100), min_size=2, max_size=6),
    st.lists(st.floats(-100, 100), min_size=2, max_size=6),
)
def test_permutation_pvalue_is_a_probability_and_symmetric(a, b):
    forward = permutation_test(a, b)
    backward = permutation_test(b, a)
    assert 0 < forward.pvalue <= 1
    assert forward.pvalue == pytest.approx(backward.pvalue)


# --- effect sizes ---------------------------------------------------------------------------------


def test_cohens_d_known_value_and_hedges_correction():
    # means 5 and 3, both standard deviations 2 -> d = 1
    a, b = [3, 5, 7], [1, 3, 5]
    assert cohens_d(a, b) == pytest.approx(1.0)
    assert cohens_d(b, a) == pytest.approx(-1.0)
    assert cohens_d(a, b, hedges=True) == pytest.approx(1 - 3 / (4 * 6 - 9))
    assert math.isnan(cohens_d([1], [2, 3]))


def test_cliffs_delta_matches_pairwise_definition():
    rng = np.random.default_rng(5)
    a = rng.integers(0, 6, size=25).astype(float)
    b = rng.integers(0, 6, size=18).astype(float)
    pairwise = (np.sign(a[:, None] - b[None, :])).mean()
    assert cliffs_delta(a, b) == pytest.approx(pairwise)
    assert cliffs_delta([5, 6], [1, 2]) == 1.0
    assert cliffs_delta([1, 2], [1, 2]) == 0.0
    assert math.isnan(cliffs_delta([], [1]))


# --- log-odds ratio -------------------------------------------------------------------------------


def test_log_odds_matches_the_formula():
    a = {"x": 10, "y": 90}
    b = {"x": 40, "y": 60}
    table = log_odds_ratio(a, b).set_index("term")
    # prior = pooled counts: alpha_x = 50, alpha_y = 150, alpha0 = 200
    expected = math.log(60 / (100 + 200 - 60)) - math.log(90 / (100 + 200 - 90))
    assert table.loc["x", "log_odds"] == pytest.approx(expected)
    assert table.loc["x", "se"] == pytest.approx(math.sqrt(1 / 60 + 1 / 90))
    assert table.loc["x", "z"] == pytest.approx(expected / math.sqrt(1 / 60 + 1 / 90))
    assert table.loc["x", "z"] < 0 < table.loc["y", "z"]


def test_log_odds_prior_shrinks_rare_terms():
    a = pd.Series({"rare": 1, "common": 200, "filler": 1000})
    b = pd.Series({"rare": 0, "common": 100, "filler": 1000})
    table = log_odds_ratio(a, b).set_index("term")
    assert table.loc["common", "z"] > table.loc["rare", "z"]


def test_log_odds_background_prior_and_alpha0():
    a, b = {"p": 5, "q": 5}, {"p": 1, "q": 9}
    plain = log_odds_ratio(a, b, prior={"p": 1, "q": 1})
    scaled = log_odds_ratio(a, b, prior={"p": 1, "q": 1}, alpha0=100)
    assert plain["term"].tolist() == ["p", "q"] == scaled["term"].tolist()
    # a stronger prior pulls the estimates towards zero
    assert abs(scaled["log_odds"]).max() < abs(plain["log_odds"]).max()


def test_log_odds_empty_input():
    table = log_odds_ratio({}, {})
    assert table.empty and table.columns.tolist() == LOG_ODDS_COLUMNS


def test_permutation_pvalue_does_not_depend_on_the_order_of_the_groups_when_sums_round():
    # the two means differ by less than an ulp of the values summed: forward and backward
    # relabellings tie within rounding, and a tie must count the same in both directions
    a = [0.0, 0.0, 0.0, 28.0, 100.0, 1.05]
    b = [0.0, 0.0, 0.0, 31.0, 1.05, 96.56185114722823]
    forward, backward = permutation_test(a, b), permutation_test(b, a)
    assert forward.exact and forward.pvalue == pytest.approx(backward.pvalue)
    assert forward.pvalue == 1.0  # the observed |difference| is the smallest possible


def test_device_counts_refuses_spans_of_documents_it_does_not_have():
    """Spans whose doc_id no document has were dropped: an int/str mismatch (ids read back by
    read_csv against analyze's strings) made every count 0, without a word."""
    from rhetoric.errors import UsageError

    spans = pd.DataFrame(
        {"doc_id": ["1", "1", "2"], "device": ["anaphora"] * 3, "group": [None] * 3}
    )
    documents = pd.DataFrame({"doc_id": [1, 2], "n_words": [100, 200]})
    with pytest.raises(UsageError, match=r"'1', '2'.*as strings") as caught:
        device_counts(spans, documents)
    assert "\n" not in str(caught.value)
    # a subset of the documents counts their figures, and says how many spans it left out
    with pytest.warns(UserWarning, match=r"1 doc_id value.*'d9'"):
        subset = device_counts(
            spans.assign(doc_id=["1", "1", "d9"]), documents.assign(doc_id=["1", "2"])
        )
    assert subset["count"].tolist() == [2, 0]
    # spans of a layer not counted (stance) are not asked about
    other = spans.assign(doc_id=["1", "1", "d9"], device=["anaphora", "anaphora", "stance"])
    counts = device_counts(other, documents.assign(doc_id=["1", "2"]), devices=["anaphora"])
    assert counts["count"].tolist() == [2, 0]
    counts = device_counts(spans, documents.assign(doc_id=["1", "2"]))
    assert counts["count"].tolist() == [2, 1]
