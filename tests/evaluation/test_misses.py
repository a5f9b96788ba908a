"""Detector spans against PTC techniques: hand-made tables, then the dev split as a floor."""

from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.evaluation.misses import (
    PTC_CORRESPONDENCES,
    SCORE_COLUMNS,
    Correspondence,
    coverage,
    detect_spans,
    intervals_by_doc,
    select,
    technique_scores,
)
from rhetoric.span import SPAN_COLUMNS


def test_detect_spans_offsets_exact_and_stance_layer():
    text = "We will never, never yield. It is clearly a disaster, perhaps."
    arts = pd.DataFrame({"doc_id": [7], "text": [text]})
    spans = detect_spans(arts, ["epizeuxis"])
    assert list(spans.columns) == SPAN_COLUMNS
    assert set(spans["device"]) == {"epizeuxis", "stance"}
    assert all(text[s:e] == t for s, e, t in zip(spans.start, spans.end, spans.text, strict=True))
    assert spans["doc_id"].tolist() == ["7"] * len(spans)
    assert {"booster", "hedge", "loaded_negative"} <= set(spans["kind"])
    assert detect_spans(arts.iloc[:0]).empty


def test_technique_scores_partial_overlap_by_hand():
    pred = pd.DataFrame({"doc_id": ["1", "1", "2"], "device": ["stance", "stance", "stance"],
                         "kind": ["loaded_negative", "hedge", "loaded_positive"],
                         "start": [0, 20, 0], "end": [4, 30, 10]})  # fmt: skip
    gold = pd.DataFrame({"doc_id": ["1", "1"], "technique": ["Loaded_Language", "Doubt"],
                         "start": [2, 20], "end": [6, 30]})  # fmt: skip
    pair = Correspondence("loaded", "stance", ("loaded_negative", "loaded_positive"), "Loaded_Language")
    row = technique_scores(pred, gold, [pair]).iloc[0]
    # article 2 has no gold spans at all: it is not among the scored articles
    assert (row["precision"], row["recall"], row["n_pred"], row["n_gold"]) == (0.5, 0.5, 1, 1)
    assert list(technique_scores(pred, gold).columns) == SCORE_COLUMNS


def test_coverage_and_helpers():
    gold = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "start": [0, 10, 0, 3], "end": [10, 20, 5, 3],
                         "note": list("wxyz")})  # fmt: skip
    pred = pd.DataFrame({"doc_id": ["a", "a", "a"], "start": [0, 4, 18], "end": [6, 8, 25]})
    table = coverage(gold, pred)
    assert table["covered"].tolist() == [0.8, 0.2, 0.0, 0.0]
    assert table["note"].tolist() == list("wxyz")
    assert intervals_by_doc(pred) == {"a": [(0, 6), (4, 8), (18, 25)]}
    assert select(pd.DataFrame({"device": ["a", "b"], "kind": ["x", "y"]}), "b")["kind"].tolist() == ["y"]
    with pytest.raises(ValueError, match="column='start'"):
        coverage(gold.drop(columns="start"), pred)


def test_ptc_dev_repetition_recall_floor(data_home):
    from rhetoric.corpora import load_ptc
    from rhetoric.evaluation.ptc import evaluate_ptc

    articles, gold = load_ptc("dev")
    predicted = detect_spans(articles, ["repetition"], stance=False)
    scores = technique_scores(predicted, gold, PTC_CORRESPONDENCES[:1]).iloc[0]
    reference = evaluate_ptc("dev").set_index("setting").loc["span"]
    # the same detector and measure as rhetoric.evaluation.ptc (boilerplate kept in both)
    assert scores["recall"] == pytest.approx(reference["recall"])
    assert scores["recall"] > 0.3
    table = coverage(gold[gold["technique"] == "Repetition"], predicted)
    assert (table["covered"] == 0).sum() > 0  # some gold repetitions are missed: there is something to show
