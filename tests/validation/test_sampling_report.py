from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.errors import InputError
from rhetoric.validation import SHEET_COLUMNS, report, sample

TEXT = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi. " * 4


def _spans():
    rows = []
    for i in range(12):  # 12 anaphora figures of 2 parts, 5 tricolons, 1 epizeuxis, frames
        rows += [
            ("a", "anaphora", "clause", i * 10, i * 10 + 5, f"an{i}"),
            ("a", "anaphora", "clause", i * 10 + 6, i * 10 + 9, f"an{i}"),
        ]
    rows += [("b", "tricolon", "tricolon", i * 20, i * 20 + 15, None) for i in range(5)]
    rows += [("b", "epizeuxis", "word", 200, 210, None), ("a", "frame", "political", 0, 5, None)]
    frame = pd.DataFrame(rows, columns=["doc_id", "device", "kind", "start", "end", "group"])
    return frame.assign(
        text=[TEXT[s:e] for s, e in zip(frame.start, frame.end, strict=True)], score=1.0
    )


CORPUS = pd.DataFrame({"doc_id": ["a", "b"], "text": [TEXT, TEXT], "outlet": ["left", "right"]})


def test_sample_is_stratified_reproducible_and_a_sheet():
    one = sample(_spans(), CORPUS, per_stratum=4, seed=7)
    assert one.columns.tolist() == [*SHEET_COLUMNS, "stratum_figures"]
    assert one["device"].value_counts().to_dict() == {"anaphora": 4, "tricolon": 4, "epizeuxis": 1}
    assert dict(zip(one["device"], one["stratum_figures"], strict=False)) == {
        "anaphora": 12,
        "tricolon": 5,
        "epizeuxis": 1,
    }
    assert one.equals(sample(_spans(), CORPUS, per_stratum=4, seed=7))
    assert (
        not one["figure_id"].tolist()
        == sample(_spans(), CORPUS, per_stratum=4, seed=8)["figure_id"].tolist()
    )
    assert (one["verdict"] == "").all() and one["figure_id"].is_unique
    for row in one.itertuples():
        assert TEXT[row.start : row.end] == row.text and TEXT[: row.start].endswith(row.before)


def test_sample_by_a_metadata_column_and_bad_arguments():
    by_outlet = sample(_spans(), CORPUS, per_stratum=2, by=["outlet"], seed=1)
    assert by_outlet["outlet"].value_counts().to_dict() == {"left": 2, "right": 2}
    with pytest.raises(ValueError, match="by='outlt' is not valid.*did you mean 'outlet'"):
        sample(_spans(), CORPUS, by="outlt")
    with pytest.raises(ValueError, match="^per_stratum=0 is not valid"):
        sample(_spans(), CORPUS, per_stratum=0)
    with pytest.raises(ValueError, match="^width=-1 "):  # Python's names in Python
        sample(_spans(), CORPUS, width=-1)
    with pytest.raises(TypeError, match="pass the table it was run on"):
        sample(_spans(), None)


def test_report_matches_a_judged_sample_back_to_the_result():
    sheet = sample(_spans(), CORPUS, per_stratum=3, seed=2)
    sheet["verdict"] = ["TRUE", "FALSE", "BORDERLINE", "TRUE", "TRUE", "FALSE", "TRUE"][
        : len(sheet)
    ]
    sheet["annotator"] = "one"
    result = report(sheet, _spans(), CORPUS, by=["outlet", "device", "kind"])
    table = result.precision.set_index(["outlet", "device", "kind"])
    figures = result.figures
    for (outlet, device), part in figures.groupby(["outlet", "device"]):
        row = table.loc[(outlet, device, "all")]
        assert row.figures == len(part) and row.judged == (part["verdict"] != "").sum()
        assert row.true == (part["verdict"] == "TRUE").sum()
    assert int((figures["verdict"] != "").sum()) == len(sheet)
    assert result.annotators == ["one"] and pd.isna(result.alpha)
    assert "1 figures" not in str(result) and "judged" in str(result)


def test_a_judging_sheet_given_as_the_result_is_said_to_be_one():
    # the sheet is what was judged; the result is what it was drawn from
    sheet = sample(_spans(), CORPUS, per_stratum=3, seed=2)
    with pytest.raises(InputError, match="lacks doc_id .*a judging sheet or judgements"):
        report(sheet, sheet, CORPUS)
    with pytest.raises(InputError, match="lacks kind, start, end$"):
        sample(_spans()[["doc_id", "device"]], CORPUS)


def test_report_checks_the_scores_calibration_on_the_judged_figures():
    spans = _spans()
    # tricolons scored 0.9 each, the rest as they are
    spans.loc[spans["device"] == "tricolon", "score"] = 0.9
    sheet = sample(spans, CORPUS, per_stratum=5, seed=3)
    truth = {"anaphora": "TRUE", "tricolon": "FALSE", "epizeuxis": "TRUE"}
    sheet["verdict"] = sheet["device"].map(truth)
    sheet.loc[sheet.index[sheet["device"] == "tricolon"][:3], "verdict"] = "TRUE"
    sheet["annotator"] = "one"
    calibration = report(sheet, spans, CORPUS).calibration.set_index("device")
    # anaphora: 5 judged, all TRUE, scores 1.0: calibrated
    assert calibration.loc["anaphora", ["judged", "true"]].tolist() == [5, 5]
    assert calibration.loc["anaphora", "ratio"] == pytest.approx(1.0)
    # tricolon: 5 judged at 0.9 each (4.5 expected), 3 TRUE: the scorer is too sure here
    assert calibration.loc["tricolon", "expected"] == pytest.approx(4.5)
    assert calibration.loc["tricolon", "ratio"] == pytest.approx(1.5)
    assert calibration.loc["all", "judged"] == 11 and calibration.loc["all", "true"] == 9
    assert "calibration" in str(report(sheet, spans, CORPUS))
    # without the result the judged figures carry no score: no calibration
    assert report(sheet).calibration.empty


def test_texts_other_than_those_the_result_was_found_in_are_refused():
    shifted = CORPUS.assign(text=["X" + TEXT, TEXT])  # document a: every offset one off
    with pytest.raises(InputError, match=r"texts of 1 of the result's documents \('a'\)"):
        sample(_spans(), shifted)
    with pytest.raises(InputError, match="not those the result was found in"):
        report(sample(_spans(), CORPUS).assign(verdict="TRUE", annotator="x"), _spans(), shifted)


def test_an_empty_cell_of_a_document_without_spans_does_not_block_the_sample():
    # the run recorded such a row as an input error: nothing of it to sample (it was "a document
    # must be a text, a path or a Document, not float", naming no row)
    corpus = pd.concat([CORPUS, pd.DataFrame({"doc_id": ["empty"], "text": [float("nan")]})])
    sheet = sample(_spans(), corpus, per_stratum=2, seed=1)
    assert set(sheet["doc"]) == {"a", "b"}
    assert len(report(sheet.assign(verdict="TRUE", annotator="x"), _spans(), corpus).figures)
    corpus.loc[corpus["doc_id"] == "b", "text"] = None  # b holds spans: named
    with pytest.raises(InputError, match="^b: its text in the texts given is an empty cell"):
        sample(_spans(), corpus)
    with pytest.raises(InputError, match=r"^a: its text in the texts given is not text \(int 3\)"):
        sample(_spans(), {"a": 3, "b": TEXT})


def test_a_report_of_two_coders_says_whose_verdicts_make_the_precision():
    # the header listed both coders while the precision silently used the first one's verdicts
    sheet = sample(_spans(), CORPUS, per_stratum=3, seed=2)
    judged = pd.concat([sheet.assign(verdict="TRUE", annotator="ann"),
                        sheet.assign(verdict="FALSE", annotator="bob")])  # fmt: skip
    text = str(report(judged, _spans(), CORPUS))
    assert "coders: ann, bob" in text
    assert f"precision: the verdicts of ann ({len(sheet)} figures); those of bob are used for agreement only" in text  # fmt: skip
    named = report(judged, _spans(), CORPUS, annotator="bob")
    assert "precision: the verdicts of bob" in str(named) and "those of ann" in named._repr_html_()
    mixed = pd.concat([judged.iloc[: len(sheet) - 1], judged.iloc[len(sheet) :]])
    assert f"first coder (ann {len(sheet) - 1}, bob 1 figures)" in str(
        report(mixed, _spans(), CORPUS)
    )
    assert "precision:" not in str(report(judged[judged["annotator"] == "ann"], _spans(), CORPUS))
