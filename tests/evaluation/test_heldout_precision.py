"""The held-out precision measurement (``benchmarks/heldout_precision.py``): its judgements stay
on the measured-only addresses, and no scorer trains on them."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def script(benchmarks):
    return benchmarks("heldout_precision"), benchmarks("heldout_recall")


def test_the_measurement_judges_only_the_held_out_addresses(script):
    precision, recall = script
    documents = precision.held_out_documents()
    assert documents and {recall.FOLDS[d] for d in documents} == set(recall.MEASURED_ONLY)
    lines = precision.HELDOUT_JUDGED.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert len(records) > 100
    for record in records:
        assert record["doc"] in documents, record["doc"]
        assert record["verdict"] in {"TRUE", "BORDERLINE", "FALSE"}
        assert record["annotator"] and record["reason"]
        assert record["parts"] and record["start"] == record["parts"][0][0]


def test_no_scorer_trains_on_the_measurement(script, benchmarks):
    # train_scorers.py reads one file per device; this file is none of them
    from rhetoric.devices import DEVICES

    precision, _ = script
    assert precision.HELDOUT_JUDGED.stem not in DEVICES
    train = benchmarks("train_scorers")
    assert all(
        train.ANNOTATIONS / f"{device}.jsonl" != precision.HELDOUT_JUDGED for device in DEVICES
    )


def test_the_two_standards_read_the_files_they_name(script):
    precision, _ = script
    documents = precision.held_out_documents()
    one = precision.judged_records(["tricolon", "anaphora"], documents, "one")
    assert one and all(
        r["stratum"] in precision.FIRST_JUDGED | {"heldout-precision-37-again"} for r in one
    )
    training = precision.judged_records(["tricolon", "anaphora"], documents, "training")
    assert {r["doc"] for r in training} <= set(documents)
    again = [r for r in training if r.get("stratum") == "heldout-precision-37-again"]
    assert not again  # figures judged for training are read with their training verdict
    first_time = [r for r in training if r.get("stratum") in precision.FIRST_JUDGED]
    assert 0 < len(first_time) < len(training)
    # figures a finder change (session s39) or a trial scorer (s40, s42) made new are judged
    # once, by each brief
    assert {r["stratum"] for r in first_time} == precision.FIRST_JUDGED
    # every figure judged twice keeps the verdict it has in the training files
    again = [r for r in one if r["stratum"] == "heldout-precision-37-again"]
    assert again and all(r["training_verdict"] in {"TRUE", "BORDERLINE", "FALSE"} for r in again)


def test_the_stance_measurement_judges_only_held_out_spans_and_trains_nothing(script, benchmarks):
    precision, _ = script
    documents = set(precision.held_out_documents())
    records = precision.read_records(precision.HELDOUT_STANCE, documents)
    lines = precision.HELDOUT_STANCE.read_text(encoding="utf-8").splitlines()
    assert len(records) == len([line for line in lines if line.strip()]) > 100
    for record in records:
        assert record["device"] == "stance"
        assert record["kind"] in {"hedge", "booster", "loaded_negative", "loaded_positive"}
        assert record["verdict"] in {"TRUE", "BORDERLINE", "FALSE"}
        assert record["annotator"] and record["reason"]
        assert record["stratum"] in {
            "heldout-stance-38",
            "heldout-stance-38-again",
            "heldout-stance-39",
            "heldout-stance-41",  # the hedges a retrained hedge scorer newly kept
        }
        assert ("training_verdict" in record) == record["stratum"].endswith("again")
    # the stance scorers read their own judgement files, never this one
    train = benchmarks("train_stance_scorer")
    assert precision.HELDOUT_STANCE not in {train.HEDGES, train.SAMPLE, train.EARLIER}


def test_the_calibration_judges_the_public_speeches_default_figures(script):
    """``judge_calibration_38.jsonl``: the public speeches' figures, judged again by the held-out
    measurement's standard beside their public verdicts; a measurement of judges, not training."""
    from rhetoric.devices import DEVICES
    from rhetoric.evaluation.pool import development_documents

    precision, _ = script
    lines = precision.CALIBRATION.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert len(records) > 100 and precision.CALIBRATION.stem not in DEVICES
    assert {r["doc"] for r in records} <= development_documents()
    for record in records:
        assert record["genre"] == "speech" and record["device"] in DEVICES
        assert {record["verdict"], record["public_verdict"]} <= {"TRUE", "BORDERLINE", "FALSE"}
        brief = {
            "judge-calibration-38": "judge-cal-38",
            "judge-calibration-38-edges": "judge-rv-38",
        }
        assert record["annotator"].startswith(brief[record["stratum"]]) and record["reason"]


def test_the_second_brief_judges_every_held_out_figure_of_the_first(script):
    """``heldout_precision_38.jsonl`` judges again, by the second brief, the figures that
    ``heldout_precision.jsonl`` judges, on the held-out addresses only; no scorer reads it."""
    from rhetoric.devices import DEVICES

    precision, _ = script
    documents = precision.held_out_documents()
    first = precision.judged_records(DEVICES, documents, "one")
    second = precision.judged_records(DEVICES, documents, "second")
    key = lambda r: (r["doc"], r["device"], r["start"], r["end"])  # noqa: E731
    assert sorted(map(key, second)) == sorted(map(key, first))
    assert precision.HELDOUT_SECOND.stem not in DEVICES
    for record in second:
        assert record["verdict"] in {"TRUE", "BORDERLINE", "FALSE"}
        # figures a finder change (session s39) or a trial scorer (s40, s42) made new: judged by
        # both briefs' judges then (s42's two by the session's lead)
        judge = {
            "heldout-precision-39": "judge-tri-39",
            "heldout-precision-40": "judge-rv-40",
            "heldout-precision-42": "judge-lead-42",
            "heldout-precision-44": "judge-lead-44",
        }
        assert record["annotator"].startswith(judge.get(record["stratum"], "judge-rv-38"))
        assert record["reason"]
