from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest

from rhetoric.validation.judgements import read_judgements
from rhetoric.validation.precision import match_judgements, precision_table, wilson_interval


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    # Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table II,
    # method 3 (score interval without continuity correction)
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611),
     (1, 29, 0.0061, 0.1718), (29, 29, 0.8830, 1.0)],
)  # fmt: skip
def test_wilson_interval_matches_newcombes_table(successes, n, low, high):
    assert wilson_interval(successes, n) == pytest.approx((low, high), abs=5e-5)


def test_wilson_interval_by_hand_for_a_half_success():
    # lenient precision: 1 TRUE and 1 BORDERLINE of 2 is 1.5 of 2; z = 1.959964
    z = 1.959963984540054
    p, n = 0.75, 2
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert wilson_interval(1.5, 2) == pytest.approx((centre - half, centre + half))
    assert all(math.isnan(v) for v in wilson_interval(0, 0))
    with pytest.raises(ValueError, match="successes"):
        wilson_interval(3, 2)


def _judged(rows):
    return pd.DataFrame(
        rows, columns=["doc", "device", "kind", "start", "end", "verdict", "reason", "annotator"]
    )


def _figures(rows):
    frame = pd.DataFrame(rows, columns=["doc", "device", "kind", "start", "end", "parts"])
    return frame


def test_matching_by_document_device_and_overlap_one_to_one():
    figures = _figures([
        ("d", "tricolon", "tricolon", 10, 40, ((10, 40),)),      # shifted boundaries: matches
        ("d", "tricolon", "list", 100, 160, ((100, 160),)),      # no judgement here: unjudged
        ("d", "anaphora", "clause", 10, 40, ((10, 40),)),        # other device: unjudged
        ("e", "tricolon", "tricolon", 10, 40, ((10, 40),)),      # other document: unjudged
        ("d", "repetition", "refrain", 300, 900, ((300, 310), (890, 900))),
        ("d", "repetition", "refrain", 305, 880, ((400, 410), (870, 880))),  # inside, not it
    ])  # fmt: skip
    judged = _judged([
        ("d", "tricolon", "tricolon", 12, 45, "TRUE", "three members", "a"),
        ("d", "repetition", "refrain", 300, 900, "FALSE", "topic term", "a"),
    ])  # fmt: skip
    matched = match_judgements(figures, judged)
    assert matched["verdict"].tolist() == ["TRUE", "", "", "", "FALSE", ""]
    assert matched[["judged_start", "judged_end"]].values.tolist()[0] == [12, 45]
    assert matched["reason"].iloc[4] == "topic term"


def test_matching_prefers_the_same_kind_then_the_closer_range():
    figures = _figures([("d", "antithesis", "correctio", 0, 50, ((0, 50),))])
    judged = _judged([
        ("d", "antithesis", "comparative", 0, 50, "FALSE", "", "a"),
        ("d", "antithesis", "correctio", 0, 40, "TRUE", "", "a"),
    ])  # fmt: skip
    assert match_judgements(figures, judged)["verdict"].tolist() == ["TRUE"]
    judged = _judged([
        ("d", "antithesis", "correctio", 0, 30, "FALSE", "", "a"),
        ("d", "antithesis", "correctio", 5, 50, "TRUE", "", "a"),
    ])  # fmt: skip
    assert match_judgements(figures, judged)["verdict"].tolist() == ["TRUE"]


def test_a_small_overlap_does_not_carry_a_verdict():
    figures = _figures([("d", "alliteration", "run", 0, 100, ((0, 100),))])
    judged = _judged([("d", "alliteration", "run", 90, 120, "TRUE", "", "a")])
    assert match_judgements(figures, judged)["verdict"].tolist() == [""]
    assert match_judgements(figures, judged, min_overlap=0.0)["verdict"].tolist() == ["TRUE"]


def test_with_two_coders_the_first_counts_unless_one_is_named():
    figures = _figures([("d", "epizeuxis", "word", 0, 9, ((0, 9),))])
    judged = _judged([
        ("d", "epizeuxis", "word", 0, 9, "TRUE", "", "first"),
        ("d", "epizeuxis", "word", 0, 9, "FALSE", "", "second"),
    ])  # fmt: skip
    assert match_judgements(figures, judged)["verdict"].tolist() == ["TRUE"]
    assert match_judgements(figures, judged, annotator="second")["verdict"].tolist() == ["FALSE"]
    with pytest.raises(ValueError, match="did you mean 'second'"):
        match_judgements(figures, judged, annotator="secnd")


def test_a_coder_s_revised_verdict_counts_and_a_change_is_warned_of(tmp_path):
    # the first file's verdict won, silently, over the same coder's corrections in a later file
    figures = _figures([("d", "epizeuxis", "word", 0, 9, None), ("d", "anaphora", "x", 20, 40, None)])  # fmt: skip
    first, fix = tmp_path / "coder.jsonl", tmp_path / "coder_fix.jsonl"
    _judged([("d", "epizeuxis", "word", 0, 9, "TRUE", "", "a"),
             ("d", "anaphora", "x", 20, 40, "TRUE", "", "a")]).to_json(first, orient="records", lines=True)  # fmt: skip
    _judged([("d", "epizeuxis", "word", 0, 9, "FALSE", "on reflection", "a"),
             ("d", "anaphora", "x", 20, 40, "TRUE", "", "a")]).to_json(fix, orient="records", lines=True)  # fmt: skip
    with pytest.warns(UserWarning, match=r"^1 figure judged twice by the same coder") as w:
        matched = match_judgements(figures, read_judgements([first, fix]))
    assert str(first) in str(w[0].message) and str(fix) in str(w[0].message)
    assert matched["verdict"].tolist() == ["FALSE", "TRUE"]
    assert matched["reason"].tolist() == ["on reflection", ""]
    with pytest.warns(UserWarning, match="the later verdict counts"):  # the order given
        assert match_judgements(figures, read_judgements([fix, first]))["verdict"].tolist() == [
            "TRUE",
            "TRUE",
        ]
    with warnings.catch_warnings():  # the same verdict again is no revision
        warnings.simplefilter("error")
        assert match_judgements(figures, read_judgements([first, first]))["verdict"].tolist() == [
            "TRUE",
            "TRUE",
        ]


def test_a_second_coder_s_revision_does_not_take_the_figure_from_the_first():
    figures = _figures([("d", "epizeuxis", "word", 0, 9, None)])
    judged = _judged([
        ("d", "epizeuxis", "word", 0, 9, "TRUE", "", "first"),
        ("d", "epizeuxis", "word", 0, 9, "FALSE", "", "second"),
        ("d", "epizeuxis", "word", 0, 9, "BORDERLINE", "", "second"),
        ("d", "epizeuxis", "word", 0, 9, "FALSE", "", "first"),
    ])  # fmt: skip
    with pytest.warns(UserWarning, match="^1 figure .*coder 'first', 'second'"):
        matched = match_judgements(figures, judged)
    assert matched[["verdict", "annotator"]].values.tolist() == [["FALSE", "first"]]


def test_precision_table_counts_by_hand():
    verdicts = {  # device, kind: verdicts ("" = unjudged)
        ("anaphora", "clause"): ["TRUE", "TRUE", "BORDERLINE", "FALSE", ""],
        ("anaphora", "sentence"): ["TRUE", ""],
        ("epistrophe", "clause"): ["FALSE", "FALSE"],
        ("stance", "hedge"): ["TRUE", "TRUE", "TRUE"],
    }
    matched = pd.DataFrame(
        [(d, k, v) for (d, k), vs in verdicts.items() for v in vs],
        columns=["device", "kind", "verdict"],
    )
    table = precision_table(matched).set_index(["device", "kind"])
    assert table.index.tolist() == [
        ("anaphora", "clause"), ("anaphora", "sentence"), ("anaphora", "all"),
        ("epistrophe", "clause"), ("epistrophe", "all"), ("stance", "hedge"), ("stance", "all"),
        ("all", "all"),
    ]  # fmt: skip
    clause = table.loc[("anaphora", "clause")]
    assert clause[["figures", "judged", "true", "borderline", "false", "unjudged"]].tolist() == [
        5,
        4,
        2,
        1,
        1,
        1,
    ]
    assert clause.precision == 0.5 and clause.lenient == 0.625
    assert (clause.precision_low, clause.precision_high) == wilson_interval(2, 4)
    assert (clause.lenient_low, clause.lenient_high) == wilson_interval(2.5, 4)
    anaphora = table.loc[("anaphora", "all")]
    assert (anaphora.judged, anaphora.true, anaphora.unjudged) == (5, 3, 2)
    pooled = table.loc[("all", "all")]  # stance is not a device: left out of the pooled row
    assert (pooled.judged, pooled.true, pooled.borderline, pooled.false) == (7, 3, 1, 3)
    assert pooled.precision == pytest.approx(3 / 7)


def test_nothing_judged_gives_nan_not_an_error():
    matched = pd.DataFrame({"device": ["chiasmus"], "kind": ["antimetabole"], "verdict": [""]})
    row = precision_table(matched, totals=False).iloc[0]
    assert row.judged == 0 and row.unjudged == 1 and math.isnan(row.precision)
    assert precision_table(matched.iloc[:0]).empty


def test_pooled_rows_weighted_by_each_kinds_share_of_the_figures():
    """A sample that judges ten figures of a common kind and ten of a rare one: the pooled judged
    precision (0.5) says how precise the sample is; weighted by the kinds' shares of the figures
    (100 and 10) the device's precision is 0.83."""
    import pandas as pd

    from rhetoric.validation.precision import precision_table

    common = ["TRUE"] * 9 + ["FALSE"] + [""] * 90
    rare = ["TRUE"] + ["FALSE"] * 9
    matched = pd.DataFrame({"device": "anaphora", "kind": ["clause"] * 100 + ["sentence"] * 10,
                            "verdict": common + rare})  # fmt: skip
    table = precision_table(matched, weighted=True).set_index(["device", "kind"])
    pooled = table.loc[("anaphora", "all")]
    assert pooled["precision"] == 0.5
    assert round(pooled["weighted"], 3) == round((100 * 0.9 + 10 * 0.1) / 110, 3)
    assert pooled["weighted_low"] < pooled["weighted"] < pooled["weighted_high"]
    assert pooled["covered"] == 1.0
    # a kind's own row: its precision, with its Wilson interval
    sentence = table.loc[("anaphora", "sentence")]
    assert sentence["weighted"] == 0.1
    assert (sentence["weighted_low"], sentence["weighted_high"]) == wilson_interval(1, 10)


def test_the_weighted_interval_of_three_judgements_is_not_a_point():
    """Every figure of three kinds judged, one each: the interval shrank to 0.667 [0.667, 0.667]
    (a finite-population correction, as if the precision were a census of this run's figures).
    Equal shares and one judgement each: the Wilson interval of 2 of 3."""
    matched = pd.DataFrame({"device": ["repetition"] * 3 + ["chiasmus"],
                            "kind": ["word", "phrase", "sentence", "antimetabole"],
                            "verdict": ["TRUE", "TRUE", "FALSE", "FALSE"]})  # fmt: skip
    table = precision_table(matched, weighted=True).set_index(["device", "kind"])
    repetition = table.loc[("repetition", "all")]
    assert repetition["weighted"] == pytest.approx(2 / 3)
    assert (repetition["weighted_low"], repetition["weighted_high"]) == pytest.approx(
        wilson_interval(2, 3)
    )
    assert (repetition["precision_low"], repetition["precision_high"]) == wilson_interval(2, 3)
    chiasmus = table.loc[("chiasmus", "all")]  # one FALSE judgement
    assert chiasmus["weighted_low"] == 0 and chiasmus["weighted_high"] == pytest.approx(
        wilson_interval(0, 1)[1]
    )
    assert chiasmus["weighted_high"] > 0.7
