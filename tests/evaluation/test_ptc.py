"""PTC evaluation: the partial-overlap and label metrics on hand-made spans, and dev regression floors."""

from __future__ import annotations

import argparse

import pandas as pd
import pytest

from rhetoric.evaluation.ptc import (
    add_arguments,
    covered,
    emphatic_cross_validation,
    evaluate_ptc,
    gold_spans,
    intervals_by_doc,
    label_scores,
    merge_intervals,
    run,
    span_score_intervals,
    span_scores,
    tc_features,
    tc_predict,
)


def test_merge_intervals():
    assert merge_intervals([]) == []
    assert merge_intervals([(3, 3), (1, 2)]) == [(1, 2)]
    assert merge_intervals([(0, 5), (4, 8), (10, 12), (11, 11)]) == [(0, 8), (10, 12)]


def test_covered():
    assert covered((0, 10), []) == 0
    assert covered((5, 15), [(0, 6), (9, 11), (14, 30)]) == 1 + 2 + 1


def test_span_scores_merges_predictions_first():
    # two overlapping predictions count as one span of 10 characters, half covered by gold
    result = span_scores({"a": [(0, 6), (4, 10)]}, {"a": [(5, 10)]})
    assert result["n_pred"] == 1 and result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(1.0)
    assert result["f1"] == pytest.approx(2 * 0.5 / 1.5)


def test_span_scores_across_articles_and_misses():
    predicted = {"a": [(0, 4)], "b": [(10, 20)]}
    gold = {"a": [(0, 2), (50, 60)], "c": [(0, 10)]}
    result = span_scores(predicted, gold)
    assert result["precision"] == pytest.approx((0.5 + 0.0) / 2)
    assert result["recall"] == pytest.approx((1.0 + 0.0 + 0.0) / 3)
    assert (result["n_pred"], result["n_gold"]) == (2, 3)


def test_span_scores_empty():
    assert span_scores({}, {}) == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "n_pred": 0,
        "n_gold": 0,
    }
    assert span_scores({"a": []}, {"a": [(0, 3)]})["f1"] == 0.0


def test_span_score_intervals_resample_articles_around_the_score():
    # ten articles: five where the prediction is the gold span, five where it misses
    predicted = {f"a{i}": [(0, 10)] for i in range(10)}
    gold = {f"a{i}": [(0, 10)] if i < 5 else [(50, 60)] for i in range(10)}
    point = span_scores(predicted, gold)
    bounds = span_score_intervals(predicted, gold, n_boot=500)
    for measure in ("precision", "recall", "f1"):
        assert bounds[f"{measure}_low"] < point[measure] < bounds[f"{measure}_high"]
        assert 0.0 <= bounds[f"{measure}_low"] and bounds[f"{measure}_high"] <= 1.0
    assert span_score_intervals(predicted, gold, n_boot=500) == bounds  # seeded
    # every article hitting gives no spread; nothing at all gives zeros, not an error
    same = span_score_intervals({"a": [(0, 4)], "b": [(2, 6)]}, {"a": [(0, 4)], "b": [(2, 6)]})
    assert same["f1_low"] == same["f1_high"] == 1.0
    assert set(span_score_intervals({}, {}).values()) == {0.0}


def test_label_scores():
    assert label_scores([True, False, True], [True, True, False])["precision"] == pytest.approx(0.5)
    assert label_scores([False], [False])["f1"] == 0.0
    with pytest.raises(ValueError, match="labels"):
        label_scores([True], [True, False])


def test_gold_spans_of_any_technique_by_article():
    spans = pd.DataFrame(
        [("1", "Repetition", 0, 4), ("2", "Loaded_Language", 5, 9), ("1", "Loaded_Language", 7, 8),
         ("1", "Loaded_Language", 2, 3)],
        columns=["doc_id", "technique", "start", "end"],
    )  # fmt: skip
    assert gold_spans(spans) == {"1": [(0, 4)]}
    assert gold_spans(spans, "Loaded_Language") == {"2": [(5, 9)], "1": [(7, 8), (2, 3)]}
    assert gold_spans(spans, "Doubt") == {}
    assert intervals_by_doc(spans) == {"1": [(0, 4), (7, 8), (2, 3)], "2": [(5, 9)]}
    with pytest.raises(ValueError, match="column='end'"):
        intervals_by_doc(spans.drop(columns="end"))


def test_tc_features_and_rule_on_a_made_up_article():
    text = "Tax cuts now. We want tax cuts. Schools matter. Tax cuts again."
    articles = pd.DataFrame({"doc_id": ["1"], "text": [text]})
    second = text.index("tax cuts")
    third = text.index("Tax cuts again")
    rows = [
        ("1", "Repetition", second, second + 8),
        ("1", "Loaded_Language", second, second + 8),
        ("1", "Slogans", 0, 8),
        ("1", "Doubt", text.index("Schools"), text.index("Schools") + 14),
        ("1", "Repetition", third, third + 8),
    ]
    spans = pd.DataFrame(rows, columns=["doc_id", "technique", "start", "end"])
    features = tc_features(articles, spans)
    assert len(features) == 4  # one row per distinct span
    first = features.set_index("start").loc[0]
    assert (first["earlier"], first["later"], first["same_spans"], first["gold"]) == (
        0,
        2,
        2,
        False,
    )
    assert features.set_index("start").loc[second, "gold"]
    assert tc_predict(features).tolist() == [False, True, False, True]
    assert tc_predict(features, min_same_spans=2).tolist() == [True, True, False, True]


def test_tc_features_count_earlier_and_later_occurrences_as_whole_words():
    """ "war" inside "software" or "toward" is not an earlier occurrence of the span "war"."""
    text = "The software was toward the market. Then war came. Wars and war-time, a warlike war."
    articles = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    start = text.index("war came")
    spans = pd.DataFrame(
        {"doc_id": ["a"], "start": [start], "end": [start + 3], "technique": ["Loaded_Language"]}
    )
    features = tc_features(articles, spans)
    assert (features["earlier"].iloc[0], features["later"].iloc[0]) == (0, 2)  # war-time, war.
    assert tc_predict(features).tolist() == [False]


def test_tc_features_of_nothing():
    articles = pd.DataFrame({"doc_id": [], "text": []})
    spans = pd.DataFrame(columns=["doc_id", "technique", "start", "end"])
    assert tc_features(articles, spans).empty


@pytest.fixture(scope="module")
def dev_scores(data_home):
    return evaluate_ptc("dev", data_home).set_index("setting")


def test_dev_floors(dev_scores):
    assert dev_scores.loc["tc", "f1"] > 0.75
    # the span-finding setting is far harder (see the module notes): the target is F1 0.10
    assert dev_scores.loc["span_emphatic", "f1"] >= 0.10
    assert dev_scores.loc["span_emphatic", "precision"] > 0.07
    assert dev_scores.loc["span", "n_gold"] == dev_scores.loc["tc", "n_gold"] == 145


def test_evaluate_ptc_rejects_bad_split(data_home):
    with pytest.raises(ValueError, match="did you mean 'dev'"):
        evaluate_ptc("deev", data_home)


def test_command_line(data_home, capsys):
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["--split", "dev", "--data-home", str(data_home)])
    assert run(args) == 0
    out = capsys.readouterr().out
    assert "span_emphatic" in out and "tc" in out and "precision" in out
    assert "cross-validated on train" in out


def test_emphatic_cross_validation_is_stored_with_the_model():
    cv = emphatic_cross_validation()
    assert 0.10 < cv["f1"] < 0.2 and 0.0 < cv["precision"] < cv["recall"] < 1.0


def test_loaded_language_classifier_on_ptc_dev(data_home):
    """Regression floor: the learned loaded-language detector against PTC dev (partial overlap)."""
    from rhetoric.evaluation.ptc import loaded_language_scores
    from rhetoric.framing.loaded import loaded_model

    scores = loaded_language_scores("dev", data_home)
    assert scores["n_gold"] == 325
    assert scores["f1"] >= 0.22  # VADER valence alone scored 0.106
    provenance = loaded_model().provenance
    assert provenance["cv"]["folds"].startswith("GroupKFold") and provenance["dev"]["f1"] >= 0.22


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("1\tRepetition\t0\n", "4 tab-separated fields"),
        ("1\tRepetition\tx\t5\n", "start and end must be whole numbers"),
        ("2\tRepetition\t0\t5\n", "article 2 is not among the split's articles"),
        ("1\tRepetition\t0\t500\n", "lie outside article 1"),
    ],
)
def test_damaged_ptc_labels_are_one_line_naming_file_and_line(tmp_path, capsys, line, said):
    """Such a labels file exited 70 ("a bug in rhetoric"): a ValueError or KeyError of pandas."""
    from rhetoric.cli import main
    from rhetoric.corpora import load_ptc
    from rhetoric.errors import InputError

    ptc = tmp_path / "ptc"
    (ptc / "train-articles").mkdir(parents=True)
    (ptc / "train-articles" / "article1.txt").write_text(
        "We will win. We will win.", encoding="utf-8"
    )
    labels = ptc / "train-task-flc-tc.labels"
    labels.write_text("1\tRepetition\t0\t11\n" + line, encoding="utf-8")
    with pytest.raises(InputError, match=f"^{labels}:2: .*{said}"):
        load_ptc("train", tmp_path)
    assert main(["evaluate", "ptc", "--split", "train", "--data-home", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and said in err[0]
