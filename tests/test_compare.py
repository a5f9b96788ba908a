"""Group comparisons: party and era data, period flags, compare_groups, rates_by, Holm."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rhetoric.compare import (
    COMPARE_COLUMNS,
    ERAS,
    PARTIES,
    chronological_labels,
    compare_groups,
    corrected_rates,
    era_of,
    era_order,
    holm,
    party_of,
    period_table,
    rates_by,
)
from rhetoric.errors import InputError, UsageError
from rhetoric.stats import bootstrap_rate_ci, device_counts, permutation_test


def test_every_president_of_both_presidential_corpora_has_a_party(data_home):
    from rhetoric.corpora import load_inaugural, load_state_union

    labels = set(load_inaugural()["label"]) | set(load_state_union()["label"])
    assert sorted(labels - set(PARTIES)) == []
    assert party_of("GWBush") == party_of("Bush") == "Republican"
    assert {PARTIES[k] for k in ("Kennedy", "Johnson", "Carter", "Clinton", "Obama")} == {
        "Democratic"
    }


def test_eras_cover_every_inaugural_year_without_overlap(data_home):
    from rhetoric.corpora import load_inaugural

    years = load_inaugural()["year"].astype(int)
    eras = years.map(era_of)
    assert eras.notna().all()
    assert eras.value_counts().min() >= 10
    bounds = [(first, last) for _, first, last in ERAS]
    assert all(a[1] < b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert list(era_order().categories) == [name for name, _, _ in ERAS]
    assert era_of(1933) == "1933-1977" and era_of(1929) == "1861-1929"


def test_period_table_reads_the_month_from_a_date_line():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [1991, 1991, 2004],
                         "text": ["TITLE\n\nJanuary 29, 1991\n\nText.", "TITLE\n\nMarch 6, 1991\n\nText.", "Body."]})  # fmt: skip
    table = period_table(docs)
    assert table["month"].tolist() == [1, 3, 1]
    # a recession ran from July 1990 to March 1991; 2004 is a war year and not a recession one
    assert table["recession"].tolist() == [True, True, False]
    assert table["war"].tolist() == [False, False, True]
    assert period_table(docs.iloc[:0]).empty
    with pytest.raises(ValueError, match="column='date'"):
        period_table(docs, year="date")


def test_chronological_labels_sort_in_time():
    data = pd.DataFrame({"label": ["Reagan", "Carter", "Reagan"], "year": [1985, 1978, 1981]})
    assert sorted(set(chronological_labels(data))) == ["1978 Carter", "1981 Reagan"]


def test_holm_by_hand():
    # sorted p: 0.01 (x3), 0.02 (x2), 0.04 (x1) -> 0.03, 0.04, 0.04 (monotone)
    assert holm([0.04, 0.01, 0.02]).tolist() == pytest.approx([0.04, 0.03, 0.04])
    assert np.isnan(holm([np.nan, 0.5])[0]) and holm([np.nan, 0.5])[1] == 0.5
    assert holm([]).size == 0


def counts_table() -> pd.DataFrame:
    rows = []
    for doc, (party, words, a, b) in enumerate(
        [
            ("D", 1000, 8, 1),
            ("D", 2000, 14, 2),
            ("D", 1500, 12, 1),
            ("R", 1000, 2, 1),
            ("R", 500, 1, 1),
            ("R", 1200, 3, 0),
        ]
    ):
        rows.append(
            {
                "doc_id": f"d{doc}",
                "party": party,
                "n_words": words,
                "device": "anaphora",
                "count": a,
            }
        )
        rows.append(
            {
                "doc_id": f"d{doc}",
                "party": party,
                "n_words": words,
                "device": "tricolon",
                "count": b,
            }
        )
    return pd.DataFrame(rows)


def test_compare_groups_rates():
    table = compare_groups(counts_table(), group="party", a="D", b="R", n_boot=300)
    assert list(table.columns) == ["device", *COMPARE_COLUMNS]
    anaphora = table.set_index("device").loc["anaphora"]
    assert anaphora["value_a"] == pytest.approx(1000 * 34 / 4500)
    assert anaphora["value_b"] == pytest.approx(1000 * 6 / 2700)
    assert anaphora["ci_low_a"] <= anaphora["value_a"] <= anaphora["ci_high_a"]
    assert anaphora["cliffs_delta"] == 1.0  # every D address above every R one
    assert anaphora["pvalue"] == pytest.approx(0.1)  # exact: 2 of 20 relabellings as extreme
    assert anaphora["ratio"] == pytest.approx(anaphora["value_a"] / anaphora["value_b"])
    assert (table["p_holm"] >= table["pvalue"]).all()
    assert table[["n_a", "n_b"]].values.tolist() == [[3, 3], [3, 3]]


def test_compare_groups_means_and_missing_group():
    data = pd.DataFrame({"frame": ["economic"] * 6, "war": [True] * 2 + [False] * 4,
                         "share": [0.1, 0.2, 0.3, 0.4, 0.3, 0.5]})  # fmt: skip
    row = compare_groups(
        data, group="war", a=True, b=False, by="frame", value="share", words=None, n_boot=200
    ).iloc[0]
    assert row["value_a"] == pytest.approx(0.15) and row["value_b"] == pytest.approx(0.375)
    assert row["difference"] == pytest.approx(-0.225)
    assert row["cliffs_delta"] == -1.0
    assert row["ci_low_b"] <= 0.375 <= row["ci_high_b"]
    # a group value that names no document (a typo) is said, not an empty table
    with pytest.raises(UsageError, match="war='x' is not valid"):
        compare_groups(data, group="war", a=True, b="x", by="frame", value="share", words=None)
    with pytest.raises(ValueError, match="column='party'"):
        compare_groups(data, group="party", a=1, b=2, by="frame", value="share", words=None)


def test_rates_by_relative_to_corpus_rate():
    table = rates_by(counts_table(), "party", n_boot=100)
    anaphora = table[table["device"] == "anaphora"].set_index("party")
    corpus = 1000 * 40 / 7200
    assert anaphora["corpus_rate"].tolist() == pytest.approx([corpus, corpus])
    expected = corpus * 4500 / 1000
    assert anaphora.loc["D", "log2_ratio"] == pytest.approx(np.log2((34 + 0.5) / (expected + 0.5)))
    assert anaphora.loc["D", "log2_ratio"] > 0 > anaphora.loc["R", "log2_ratio"]
    # a rare device: a long text without it must not look above the corpus rate
    rare = pd.DataFrame(
        {
            "g": ["x", "y", "z"],
            "device": ["d"] * 3,
            "count": [0, 1, 0],
            "n_words": [4000, 1000, 300],
        }
    )
    table = rates_by(rare, "g", n_boot=50).set_index("g")
    assert np.isfinite(table["log2_ratio"]).all()
    assert (
        table.loc["x", "log2_ratio"]
        < table.loc["z", "log2_ratio"]
        < 0
        < table.loc["y", "log2_ratio"]
    )


def test_corrected_rates_weight_kinds_by_their_figures_and_carry_both_uncertainties():
    from rhetoric.compare import corrected_rates

    counts = pd.DataFrame({
        "era": ["early"] * 3 + ["late"] * 3, "device": ["anaphora"] * 6,
        "count": [8, 12, 10, 3, 5, 4], "n_words": [1000] * 6,
    })  # fmt: skip
    figures = pd.DataFrame({
        "device": ["anaphora"] * 40 + ["tricolon"],
        "kind": ["clause"] * 30 + ["sentence"] * 10 + ["tricolon"],
        "verdict": ["TRUE", "TRUE"] + [""] * 28 + ["TRUE", "FALSE", "FALSE", "BORDERLINE"] + [""] * 6 + [""],
    })  # fmt: skip
    table = corrected_rates(counts, figures, by="era", n_boot=500).set_index("era")
    # clause: 30 of 40 figures, precision 1.0; sentence: 10 of 40, precision 1/4
    assert table.loc["early", "precision"] == pytest.approx(0.75 * 1.0 + 0.25 * 0.25)
    assert table.loc["early", "rate"] == 10.0 and table.loc["late", "rate"] == 4.0
    assert table.loc["early", "corrected"] == pytest.approx(10.0 * 0.8125)
    assert table.loc["early", "judged"] == 6
    lenient = corrected_rates(counts, figures, by="era", n_boot=200, lenient=True)
    assert lenient["precision"].iloc[0] == pytest.approx(0.75 + 0.25 * 1.5 / 4)
    for row in table.itertuples():
        assert row.ci_low <= row.rate <= row.ci_high
        assert row.precision_low <= row.precision <= row.precision_high
        assert row.corrected_low <= row.corrected <= row.corrected_high
        # the corrected interval, relative to its estimate, is wider than the raw one
        assert (row.corrected_high - row.corrected_low) / row.corrected > (
            row.ci_high - row.ci_low
        ) / row.rate


def test_a_device_without_judgements_is_not_corrected():
    from rhetoric.compare import corrected_rates

    counts = pd.DataFrame({"g": ["a"], "device": ["epizeuxis"], "count": [2], "n_words": [1000]})
    figures = pd.DataFrame({"device": ["epizeuxis"], "kind": ["word"], "verdict": [""]})
    row = corrected_rates(counts, figures, by="g", n_boot=50).iloc[0]
    assert row.rate == 2.0 and row.judged == 0 and np.isnan(row.corrected)
    with pytest.raises(TypeError, match="validation must be"):
        corrected_rates(counts, "judgements.jsonl", by="g")


def test_a_device_judged_false_throughout_still_has_an_interval_above_zero():
    from rhetoric.compare import corrected_rates
    from rhetoric.validation.precision import wilson_interval

    counts = pd.DataFrame(
        {"g": ["a"] * 3, "device": ["refrain"] * 3, "count": [5, 6, 7], "n_words": [1000] * 3}
    )
    figures = pd.DataFrame({"device": ["refrain"] * 6, "kind": ["r"] * 6, "verdict": ["FALSE"] * 6})
    row = corrected_rates(counts, figures, by="g", n_boot=4000).iloc[0]
    assert row.precision == 0 and row.corrected == 0 and row.corrected_low == 0
    # Jeffreys' upper bound for 0 of 6 is about 0.34; Wilson's 0.39
    assert 0.25 < row.precision_high < wilson_interval(0, 6)[1]
    assert row.corrected_high > 1.0


def test_one_figure_among_shorter_documents_is_no_significant_difference():
    """The groups' documents differ in length (1,600 against 2,600 words); one figure in the
    shorter group and none in the other is no evidence of a difference in use (a permutation of
    pooled rates gave p < 0.001 here, as it measured the lengths)."""
    import pandas as pd

    from rhetoric.compare import compare_groups

    data = pd.DataFrame({
        "device": "epizeuxis", "era": ["later"] * 12 + ["earlier"] * 18,
        "count": [1] + [0] * 29, "n_words": [1600] * 12 + [2600] * 18,
    })  # fmt: skip
    row = compare_groups(data, group="era", a="later", b="earlier", n_boot=200).iloc[0]
    assert row["pvalue"] > 0.3  # the figure lands in the later group in 12 of 30 relabellings


def test_corrected_rates_read_verdicts_as_the_judgement_files_do_and_refuse_others():
    """Verdicts other than exactly TRUE / BORDERLINE / FALSE were taken for unjudged figures:
    'true' / 'True' (read_csv's booleans) gave no precision, without a word."""
    from rhetoric.compare import corrected_rates
    from rhetoric.errors import InputError, UsageError

    counts = pd.DataFrame({"g": ["a"] * 2, "device": ["anaphora"] * 2, "count": [4, 6],
                           "n_words": [1000] * 2})  # fmt: skip
    figures = pd.DataFrame({"device": ["anaphora"] * 5, "kind": ["k"] * 5,
                            "verdict": ["true", "True", True, " false ", np.nan]})  # fmt: skip
    row = corrected_rates(counts, figures, by="g", n_boot=50).iloc[0]
    assert row.judged == 4 and row.precision == pytest.approx(0.75)
    with pytest.raises(InputError, match=r"'yes', 'no'.*TRUE, BORDERLINE, FALSE") as caught:
        corrected_rates(counts, figures.assign(verdict=["yes", "no", "TRUE", "", ""]), by="g")
    assert "\n" not in str(caught.value)
    with pytest.raises(UsageError, match="n_boot=0"):
        corrected_rates(counts, figures, by="g", n_boot=0)
    with pytest.raises(UsageError, match="ci=100"):
        corrected_rates(counts, figures, by="g", ci=100)


def test_corrected_rates_give_the_raw_interval_of_rates_by():
    """The raw interval came from the hand-written resampler, not from bootstrap_rate_ci like
    every other rate of the package: the same group and seed had two intervals."""
    from rhetoric.compare import corrected_rates, rates_by

    counts = pd.DataFrame({
        "g": ["a"] * 5 + ["b"] * 4 + ["c"], "device": ["anaphora"] * 10,
        "count": [1, 3, 0, 2, 5, 4, 4, 4, 4, 7], "n_words": [800, 1200, 1000, 900, 1100] + [1000] * 5,
    })  # fmt: skip
    figures = pd.DataFrame({"device": ["anaphora"] * 4, "kind": ["k"] * 4,
                            "verdict": ["TRUE", "TRUE", "FALSE", "BORDERLINE"]})  # fmt: skip
    corrected = corrected_rates(counts, figures, by="g", n_boot=500, ci=90, seed=3)
    raw = rates_by(counts, "g", n_boot=500, ci=90, seed=3)
    columns = ["g", "rate", "ci_low", "ci_high"]
    pd.testing.assert_frame_equal(corrected[columns], raw[columns])
    # a degenerate group (every document at the same rate) and a one-document group: the exact
    # (Garwood) Poisson interval of their counts (16 in 4,000 words; 7 in 1,000), not a width of 0
    from scipy.stats import chi2

    def garwood(count, words):
        return [1000 * chi2.ppf(0.05, 2 * count) / 2 / words,
                1000 * chi2.ppf(0.95, 2 * count + 2) / 2 / words]  # fmt: skip

    assert corrected.loc[1, ["ci_low", "ci_high"]].tolist() == pytest.approx(garwood(16, 4000))
    assert corrected.loc[2, ["ci_low", "ci_high"]].tolist() == pytest.approx(garwood(7, 1000))


# --- a methods reviewer's cases (session s44) ----------------------------------------------------


def test_one_document_against_several_is_tested_exactly():
    """A group of one usable document (a president's single address) crashed the whole table with
    SciPy's "two or more observations"; with n documents in all there are n relabellings."""
    data = pd.DataFrame({"device": ["anaphora"] * 5, "g": list("abbbb"),
                         "count": [9, 1, 2, 1, 2], "n_words": [1000] * 5})  # fmt: skip
    row = compare_groups(data, group="g", a="a", b="b", n_boot=100).iloc[0]
    assert row["n_a"] == 1 and row["pvalue"] == pytest.approx(1 / 5)
    # a zero-word document leaves one usable document in its group: the same test
    words = data.assign(g=list("aabbb"), n_words=[1000, 0, 1000, 1000, 1000],
                        count=[9, 0, 1, 2, 1])  # fmt: skip
    assert compare_groups(words, group="g", a="a", b="b", n_boot=100)["pvalue"].iloc[0] == (
        pytest.approx(1 / 4)
    )
    result = permutation_test([1.0], [2.0, 3.0, 4.0, 5.0], alternative="less")
    assert result.exact and result.n_permutations == 5 and result.pvalue == pytest.approx(0.2)
    # two-sided: the lone 5 against the rest is as far off (|5 - 2.5| = |1 - 3.5|), on either side
    assert permutation_test([1.0], [2.0, 3.0, 4.0, 5.0]).pvalue == pytest.approx(0.4)
    assert permutation_test([2.0, 3.0, 4.0, 5.0], [1.0]).pvalue == pytest.approx(0.4)


def test_a_missing_count_is_never_a_significant_result():
    """A NaN count with rate_diff made the observed statistic NaN, which no relabelling exceeded:
    p = 0, "significant" and kept at 0 by Holm."""
    result = permutation_test([1, np.nan, 3], [3, 4], statistic="rate_diff",
                              words_a=[1000] * 3, words_b=[1000] * 2)  # fmt: skip
    assert np.isfinite(result.statistic) and result.pvalue > 0.1
    with pytest.raises(InputError, match="infinite"):
        permutation_test([1, np.inf, 3], [3, 4])
    with pytest.raises(ValueError, match="words_a must have one word count per value of a"):
        permutation_test([1, 2], [3, 4], statistic="rate_diff", words_a=[100] * 3, words_b=[100])
    # a group whose documents have no words has no pooled rate: no p-value either
    assert np.isnan(permutation_test([1, 2], [3], statistic="rate_diff", words_a=[0, 0],
                                     words_b=[100]).pvalue)  # fmt: skip


def test_the_comparison_shows_the_quantity_it_tests_beside_the_pooled_rates():
    """One long document unlike its group: the pooled rate of a is higher, its documents' mean
    rate lower. Both are in the table, so an effect is quoted beside the test of itself."""
    data = pd.DataFrame({"device": "anaphora", "g": ["a"] * 6 + ["b"] * 6,
                         "count": [40, 0, 0, 0, 0, 0] + [2] * 6,
                         "n_words": [5000] + [500] * 5 + [1000] * 6})  # fmt: skip
    row = compare_groups(data, group="g", a="a", b="b", n_boot=100).iloc[0]
    assert row["value_a"] > row["value_b"] and row["difference"] > 0
    assert row["doc_mean_a"] == pytest.approx(8 / 6) and row["doc_mean_b"] == pytest.approx(2.0)
    assert row["cliffs_delta"] < 0  # the documents' rates: the same sign as doc_mean_a - doc_mean_b
    assert COMPARE_COLUMNS.index("doc_mean_a") < COMPARE_COLUMNS.index("pvalue")


def test_a_rate_over_a_table_of_every_device_needs_device_among_the_groups():
    """Without "device" in by, each document's words counted once per device (a rate nine times
    too low) and every (document, device) row was resampled as a document."""
    counts = pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d2"], "label": ["x"] * 4,
                           "device": ["anaphora", "tricolon"] * 2, "count": [1, 2, 3, 0],
                           "n_words": [1000, 1000, 800, 800]})  # fmt: skip
    with pytest.raises(InputError, match="add 'device' to by="):
        bootstrap_rate_ci(counts, by="label")
    table = bootstrap_rate_ci(counts, by=["label", "device"], n_boot=100)
    assert table["n_docs"].tolist() == [2, 2]


def test_device_counts_refuses_a_document_listed_twice():
    docs = pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "n_words": [100, 100, 80]})
    spans = pd.DataFrame({"doc_id": ["d1"], "device": ["anaphora"], "group": ["g"]})
    with pytest.raises(InputError, match="'d1' names 2 rows"):
        device_counts(spans, docs)


def test_a_group_with_no_figure_has_an_upper_bound_and_a_zero_word_document_keeps_the_interval():
    data = pd.DataFrame({"g": ["a"] * 3 + ["b"] * 3, "count": [4, 6, 0, 0, 0, 0],
                         "n_words": [1000, 1000, 0, 9000, 500, 500]})  # fmt: skip
    table = bootstrap_rate_ci(data, by="g", n_boot=300).set_index("g")
    # b: no figure in 10,000 words, an exact upper bound (-ln 0.025 per 10,000 words)
    assert table.loc["b", "ci_low"] == 0 and table.loc["b", "ci_high"] == pytest.approx(
        0.3689, abs=1e-4
    )
    # a: the document without words is not resampled, so the interval stays a number
    assert (
        table.loc["a", "rate"] == 5.0 and np.isfinite(table.loc["a", ["ci_low", "ci_high"]]).all()
    )
    assert table.loc["a", "n_docs"] == 3


@pytest.mark.parametrize("call", ["bootstrap", "compare", "corrected"])
def test_a_fraction_given_for_the_interval_width_is_refused(call):
    """ci=0.95 (SciPy's way of asking for 95%) gave a 0.95% interval that looked precise."""
    data = pd.DataFrame({"device": ["anaphora"] * 6, "g": list("aaabbb"),
                         "count": [6, 5, 7, 1, 2, 1], "n_words": [1000] * 6})  # fmt: skip
    judged = pd.DataFrame({"device": ["anaphora"], "kind": ["k"], "verdict": ["TRUE"]})
    with pytest.raises(UsageError, match="give 95 for a 95% interval"):
        if call == "bootstrap":
            bootstrap_rate_ci(data, by="g", ci=0.95)
        elif call == "compare":
            compare_groups(data.assign(share=data["count"] / 10), group="g", a="a", b="b",
                           value="share", words=None, ci=0.95)  # fmt: skip
        else:
            corrected_rates(data, judged, by="g", ci=0.95)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"count": [6, np.nan, 7, 1, 2, 1]}, InputError, "'count' has 1 row"),
        ({"count": [6, -5, 7, 1, 2, 1]}, InputError, "negative"),
        ({"n_words": [1000, -1, 1000, 1000, 1000, 1000]}, InputError, "negative"),
        ({"device": ["anaphora", None] + ["anaphora"] * 4}, InputError, "'device' is missing"),
    ],
)
def test_bad_counts_are_said_in_one_line(change, error, message):
    data = pd.DataFrame({"device": ["anaphora"] * 6, "g": list("aaabbb"),
                         "count": [6, 5, 7, 1, 2, 1], "n_words": [1000] * 6})  # fmt: skip
    with pytest.raises(error, match=message):
        compare_groups(data.assign(**change), group="g", a="a", b="b", n_boot=50)


def test_holm_refuses_what_is_not_a_probability_and_period_table_a_missing_year():
    with pytest.raises(InputError, match="not a probability"):
        holm([-0.1, 0.2])
    docs = pd.DataFrame({"doc_id": ["a", "b"], "year": [1952, None], "text": ["x", None]})
    with pytest.raises(InputError, match="document 'b' has no year"):
        period_table(docs)
    # a missing text has no date line: January, as for a text without one
    assert period_table(docs.assign(year=[1952, 1975]))["month"].tolist() == [1, 1]


def test_a_group_has_the_same_interval_in_every_table_that_holds_it():
    """One random stream ran across the groups, so an era's interval depended on which other
    groups were resampled before it (two intervals for one group in one exported table)."""
    rng = np.random.default_rng(5)
    data = pd.DataFrame(
        [(g, dev, rng.poisson(3), rng.integers(800, 3000)) for g in ["e1", "e2", "e3"]
         for _ in range(12) for dev in ["anaphora", "tricolon"]],
        columns=["era", "device", "count", "n_words"],
    )  # fmt: skip
    first = compare_groups(data, group="era", a="e2", b="e1", n_boot=300).set_index("device")
    second = compare_groups(data, group="era", a="e3", b="e2", n_boot=300).set_index("device")
    alone = compare_groups(data[data.device == "tricolon"], group="era", a="e2", b="e1",
                           n_boot=300).set_index("device")  # fmt: skip
    by_era = rates_by(data, "era", n_boot=300).set_index(["era", "device"])
    for device in ("anaphora", "tricolon"):
        interval = first.loc[device, ["ci_low_a", "ci_high_a"]].tolist()
        assert second.loc[device, ["ci_low_b", "ci_high_b"]].tolist() == interval
        assert by_era.loc[("e2", device), ["ci_low", "ci_high"]].tolist() == interval
    assert alone.loc["tricolon", ["ci_low_a", "ci_high_a"]].tolist() == (
        first.loc["tricolon", ["ci_low_a", "ci_high_a"]].tolist()
    )
    # another seed draws other intervals
    other = compare_groups(data, group="era", a="e2", b="e1", n_boot=300, seed=1)
    assert other["ci_low_a"].tolist() != first["ci_low_a"].tolist()


def test_rows_that_cannot_reject_are_left_out_of_holms_family():
    """A device with no figure in either group has p = 1 under every relabelling; counting it in
    Holm's family made the other devices' adjustment more severe for nothing."""
    data = pd.DataFrame({"device": ["anaphora"] * 8 + ["epizeuxis"] * 8, "g": list("aaaabbbb") * 2,
                         "count": [6, 5, 7, 6, 1, 2, 1, 0] + [0] * 8, "n_words": [1000] * 16})  # fmt: skip
    table = compare_groups(data, group="g", a="a", b="b", n_boot=50).set_index("device")
    assert table.loc["epizeuxis", "pvalue"] == 1.0 and table.loc["epizeuxis", "p_holm"] == 1.0
    assert table.loc["anaphora", "p_holm"] == pytest.approx(table.loc["anaphora", "pvalue"])


def test_corrected_rates_keep_judgements_without_a_kind_and_groups_without_a_value():
    counts = pd.DataFrame({"party": ["a", "a", "b", None], "device": "anaphora",
                           "count": [4, 6, 2, 2], "n_words": [1000] * 4})  # fmt: skip
    judged = pd.DataFrame({"device": ["anaphora"] * 4, "kind": [None, None, "clause", "clause"],
                           "verdict": ["TRUE", "TRUE", "FALSE", "BORDERLINE"]})  # fmt: skip
    table = corrected_rates(counts, judged, by="party", n_boot=100)
    assert table["judged"].tolist() == [4, 4, 4]
    assert table["precision"].iloc[0] == pytest.approx(0.5)
    assert table["party"].isna().sum() == 1  # as rates_by keeps it
    assert len(rates_by(counts, "party", n_boot=100)) == 3


def test_a_corrected_rate_without_a_figure_still_has_an_upper_bound():
    counts = pd.DataFrame({"g": ["a"] * 3 + ["b"] * 3, "device": "anaphora",
                           "count": [4, 6, 1, 0, 0, 0], "n_words": [1000] * 6})  # fmt: skip
    judged = pd.DataFrame({"device": ["anaphora"] * 4, "kind": ["k"] * 4,
                           "verdict": ["TRUE", "TRUE", "TRUE", "FALSE"]})  # fmt: skip
    row = corrected_rates(counts, judged, by="g", n_boot=500).set_index("g").loc["b"]
    assert row["rate"] == 0 and row["corrected"] == 0
    assert row["ci_high"] > 0 and row["corrected_high"] > 0
    assert row["corrected_high"] < row["ci_high"]  # the precision (about 0.7) scales it down
