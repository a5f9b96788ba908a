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
    assert {"booster", "hedge"} <= set(
        spans["kind"]
    )  # loaded words: only above the learned threshold
    assert detect_spans(arts.iloc[:0]).empty


def test_technique_scores_partial_overlap_by_hand():
    pred = pd.DataFrame({"doc_id": ["1", "1", "2"], "device": ["stance", "stance", "stance"],
                         "kind": ["loaded_negative", "hedge", "loaded_positive"],
                         "start": [0, 20, 0], "end": [4, 30, 10]})  # fmt: skip
    gold = pd.DataFrame({"doc_id": ["1", "1"], "technique": ["Loaded_Language", "Doubt"],
                         "start": [2, 20], "end": [6, 30]})  # fmt: skip
    pair = Correspondence(
        "loaded", "stance", ("loaded_negative", "loaded_positive"), "Loaded_Language"
    )
    row = technique_scores(pred, gold, [pair]).iloc[0]
    # article 2 has no gold spans at all: it is not among the scored articles
    assert (row["precision"], row["recall"], row["n_pred"], row["n_gold"]) == (0.5, 0.5, 1, 1)
    assert list(technique_scores(pred, gold).columns) == SCORE_COLUMNS
    # with n_boot, the intervals follow, each around its score
    bounded = technique_scores(pred, gold, [pair], n_boot=200).iloc[0]
    for measure in ("precision", "recall", "f1"):
        assert bounded[f"{measure}_low"] <= row[measure] <= bounded[f"{measure}_high"]


def test_coverage_and_helpers():
    gold = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "start": [0, 10, 0, 3], "end": [10, 20, 5, 3],
                         "note": list("wxyz")})  # fmt: skip
    pred = pd.DataFrame({"doc_id": ["a", "a", "a"], "start": [0, 4, 18], "end": [6, 8, 25]})
    table = coverage(gold, pred)
    assert table["covered"].tolist() == [0.8, 0.2, 0.0, 0.0]
    assert table["note"].tolist() == list("wxyz")
    assert intervals_by_doc(pred) == {"a": [(0, 6), (4, 8), (18, 25)]}
    assert select(pd.DataFrame({"device": ["a", "b"], "kind": ["x", "y"]}), "b")[
        "kind"
    ].tolist() == ["y"]
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
    assert (
        table["covered"] == 0
    ).sum() > 0  # some gold repetitions are missed: there is something to show


def test_gold_occurrences_by_hand_with_compatible_labels():
    from rhetoric.evaluation.misses import gold_occurrences

    text = "Work, then rest. Rest, then work. Never, never stop."
    gold = pd.DataFrame({"doc": ["d", "d"], "device": ["chiasmus", "epizeuxis"], "polarity": ["positive", "negative"],
                         "quote": ["Work, then rest. Rest, then work", "Never, never"], "min_hits": [1, 1],
                         "note": ["", ""]})  # fmt: skip
    pred = pd.DataFrame({"doc_id": ["d"], "device": ["antimetabole"], "start": [0], "end": [16]})
    table = gold_occurrences(gold, {"d": text}, pred)
    assert table[["device", "start", "end"]].values.tolist() == [
        ["chiasmus", 0, 32],
        ["epizeuxis", 34, 46],
    ]
    assert table["covered"].tolist() == [0.5, 0.0]  # antimetabole counts as chiasmus
    assert all(text[s:e] == t for s, e, t in zip(table.start, table.end, table.text, strict=True))
    assert gold_occurrences(gold.iloc[:0], {"d": text}, pred).empty


def test_gold_occurrences_on_the_public_gold(data_home):
    from rhetoric.evaluation.gold import default_gold_path, evaluate_gold, load_gold
    from rhetoric.evaluation.misses import gold_documents, gold_occurrences

    path = default_gold_path(data_home)
    if not path.is_file():
        pytest.fail(f"the gold file is missing: {path}")
    gold = load_gold(path)
    docs = gold_documents(gold, data_home)
    predicted = detect_spans(docs, stance=False, remove_boilerplate=True)
    table = gold_occurrences(gold, docs, predicted)
    _, items = evaluate_gold(path, data_home, min_score=0)
    # the same detections (every candidate): per positive item, covered occurrences equal evaluate_gold's hits
    hits = table[table["polarity"] == "positive"].assign(hit=table["covered"] > 0)
    assert (
        hits.groupby(["doc_id", "device", "text"])["hit"].sum().sum()
        == items.loc[items.polarity == "positive", "hits"].sum()
    )
    assert len(docs) == gold["doc"].nunique()


def test_chiasmus_misses_on_the_dubremetz_file(data_home):
    from rhetoric.evaluation.chiasmus import load_chiasmus
    from rhetoric.evaluation.misses import chiasmus_misses

    frame = load_chiasmus("dubremetz")
    misses = chiasmus_misses(frame)
    positives = frame[frame["label"] == "chiasmus"]["id"].nunique()
    assert 0 < len(misses.passages) < positives
    for row in misses.passages.itertuples():
        assert 0 <= row.start < row.end <= len(misses.texts[row.doc_id])
    assert set(misses.spans["doc_id"]) <= set(misses.passages["doc_id"])
    assert (misses.spans.groupby("doc_id").size() == 4).all()  # the four annotated terms
