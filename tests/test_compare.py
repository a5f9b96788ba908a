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
    era_of,
    era_order,
    holm,
    party_of,
    period_table,
    rates_by,
)


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
    assert compare_groups(
        data, group="war", a=True, b="x", by="frame", value="share", words=None
    ).empty
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
    # a degenerate group (every document at the same rate) and a one-document group: no width
    assert corrected.loc[1, ["ci_low", "ci_high"]].tolist() == [4.0, 4.0]
    assert corrected.loc[2, ["ci_low", "ci_high"]].tolist() == [7.0, 7.0]
