"""``rhetoric evaluate tradeoff``: recall and precision at the defaults and at each min_score.

The gold items and judgements are made here from whatever the current detectors find on one
real address, so the test does not depend on today's scores: a high-scoring and a low-scoring
figure become gold positives, the first judged TRUE and the second FALSE.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import rhetoric
from rhetoric.cli import main
from rhetoric.devices import find_devices, kept_at
from rhetoric.evaluation.tradeoff import min_score_tradeoff, tradeoff_summary
from rhetoric.figures import group_figures
from rhetoric.text import Document

DOC = "state_union/texts/1996-Clinton.txt"


@pytest.fixture(scope="module")
def candidates(data_home):
    result = rhetoric.analyze(data_home / DOC, doc_id=DOC, min_score=0)
    spans = result.spans[result.spans["layer"] == "device"].reset_index(drop=True)
    return result.text, spans, group_figures(spans, {DOC: result.text})


@pytest.mark.parametrize("min_score", [0.2, 0.5])
def test_a_min_score_keeps_exactly_the_candidates_scoring_that_much(
    data_home, candidates, min_score
):
    """The trade-off filters the candidates' scores and counts each repeat once
    (``kept_at``): that must be what ``min_score`` keeps."""
    text, spans, _ = candidates
    doc = Document(text, DOC)
    kept = find_devices(doc, min_score=min_score)
    key = sorted((s.device, s.kind, s.start, s.end) for s in kept)
    assert key == sorted((s.device, s.kind, s.start, s.end)
                         for s in kept_at(doc, find_devices(doc, min_score=0), min_score))  # fmt: skip
    # what a filter of the scores alone keeps, less the second description of some repeats
    filtered = set(
        spans[spans["score"] >= min_score][["device", "kind", "start", "end"]].itertuples(
            index=False, name=None
        )
    )
    # each kept as found, but a refrain of two close copies is reported as an emphatic repeat
    as_found = {(d, k if k != "emphatic_repeat" or (d, k, a, b) in filtered else "refrain", a, b)
                for d, k, a, b in key}  # fmt: skip
    assert as_found <= filtered
    assert {device for device, *_ in filtered - as_found} <= {"repetition"}
    assert 0 < len(kept) < len(spans)


def _isolated(figures, spans, wanted):
    """The first figure of ``wanted`` whose parts no span of its device scoring 0.5 or more
    touches (so its gold item is matched at 0.5 only through it)."""
    for figure in figures[wanted].itertuples(index=False):
        strong = spans[(spans["device"] == figure.device) & (spans["score"] >= 0.5)]
        if not ((strong["start"] < figure.end) & (strong["end"] > figure.start)).any():
            return figure
    pytest.skip("no isolated figure of that score in the document")


def test_tradeoff_counts_recall_and_precision_per_setting(data_home, candidates, tmp_path, capsys):
    text, spans, figures = candidates
    high = figures[figures["score"] >= 0.7].iloc[0]
    low = _isolated(figures, spans, figures["score"] < 0.2)
    gold, judged = tmp_path / "gold.jsonl", tmp_path / "judged.jsonl"
    gold.write_text("".join(json.dumps({"doc": DOC, "device": f.device, "quote": text[f.start:f.end]}) + "\n"
                            for f in (high, low)), encoding="utf-8")  # fmt: skip
    judged.write_text("".join(json.dumps({
        "doc": DOC, "device": f.device, "kind": f.kind, "start": int(f.start), "end": int(f.end),
        "text": f.text, "verdict": verdict, "reason": "test", "annotator": "test"}) + "\n"
        for f, verdict in ((high, "TRUE"), (low, "FALSE"))), encoding="utf-8")  # fmt: skip

    table = min_score_tradeoff(gold, [judged], data_home, min_scores=(0.5, 0.0), n_jobs=1)
    speech = table[table["genre"] == "speech"].set_index("min_score")
    assert list(speech.index) == ["default", "0.50", "0.00"]
    assert speech.loc["0.00", ["positives", "matched", "violated"]].tolist() == [2, 2, 0]
    assert speech.loc["0.50", "matched"] == 1
    assert speech.loc["0.00", ["figures", "judged", "true", "false"]].tolist() == [
        len(figures),
        2,
        1,
        1,
    ]
    assert speech.loc["0.00", "precision"] == 0.5
    assert speech.loc["0.50", ["judged", "true"]].tolist() == [1, 1]
    # the figures min_score=0.5 reports: scoring that much, each repeat counted once
    doc = Document(text, DOC)
    reported = group_figures(
        pd.DataFrame([s.to_dict() for s in kept_at(doc, find_devices(doc, min_score=0), 0.5)]),
        {DOC: text},
    )
    assert speech.loc["0.50", "figures"] == len(reported) <= (figures["score"] >= 0.5).sum()
    assert set(table["device"]) == {"all"}
    per_device = min_score_tradeoff(
        gold, [judged], data_home, min_scores=(0.0,), by_device=True, n_jobs=1
    )
    rows = per_device[(per_device["genre"] == "speech") & (per_device["min_score"] == "0.00")]
    rows = rows.set_index("device")
    assert rows.loc["all", "matched"] == 2 and rows.loc["all", "judged"] == 2
    for figure in (high, low):
        expected = 1 + (high.device == low.device)
        assert rows.loc[figure.device, "positives"] == expected
        assert rows.loc[figure.device, "judged"] == expected
    assert rows.drop(index="all")["figures"].sum() == rows.loc["all", "figures"]
    summary = tradeoff_summary(table)
    assert summary["gold matched"].tolist()[1:] == ["1 / 2", "2 / 2"]

    assert main(["evaluate", "tradeoff", "--gold", str(gold), "--judged", str(judged),
                 "--min-scores", "0.5", "--jobs", "1"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "1 / 2" in out and "default" in out


def test_bad_min_scores_are_one_line_and_exit_2(capsys):
    assert main(["evaluate", "tradeoff", "--min-scores", "0.5,high"]) == 2
    assert main(["evaluate", "tradeoff", "--min-scores", "1.5"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("rhetoric: error: ") for line in err)
