"""The judged-stance scorer of loaded words: candidates, features, the shipped model."""

import math

import pytest

from rhetoric.framing import stance_scorer
from rhetoric.framing.stance import find_stance, rule_stance
from rhetoric.framing.stance_scorer import (
    STANCE_FEATURES,
    candidate_features,
    loaded_candidates,
    loaded_scorer,
    score_loaded,
)
from rhetoric.text import Document

TEXT = (
    "The regime unleashed a brutal, savage crackdown on the protesters. "
    "Critics called the plan a disgraceful, shameful betrayal. The plan failed. "
    "The plan was debated for a week and the plan was amended."
)


def _scorer():
    model = loaded_scorer()
    if model is None:
        pytest.skip("no stance scorer shipped")
    return model


def test_the_shipped_scorer_is_trained_on_judged_training_pool_words_and_declares_its_features():
    model = _scorer()
    assert set(model.features) <= set(STANCE_FEATURES)
    assert model.provenance["trained_by"] == "benchmarks/train_stance_scorer.py"
    assert model.provenance["matched"]["measured"] >= 200
    assert 0.0 < model.threshold < 1.0
    assert model.provenance["cv"]["target_met"]


def test_candidate_records_hold_only_declared_features_and_count_repeats():
    doc = Document(TEXT)
    spans = loaded_candidates(doc)
    assert spans, "the test text has candidate loaded words"
    records = candidate_features(doc, spans)
    assert len(records) == len(spans)
    for record, span in zip(records, spans, strict=True):
        assert set(record) <= set(STANCE_FEATURES)
        assert record["ptc_probability"] == span.score >= stance_scorer.CANDIDATE_MIN_SCORE
        assert record["span_words"] >= 1
    # a word used once has log(1) = 0 repeats
    assert all(r["doc_repeats"] >= 0 for r in records)
    plain = Document("A brutal crackdown. Another brutal night. Brutal, brutal weeks.")
    (first, *_) = candidate_features(plain, loaded_candidates(plain))
    assert first["doc_repeats"] == pytest.approx(math.log(4))


def test_min_score_zero_scores_every_candidate_and_the_default_keeps_those_at_the_threshold():
    model = _scorer()
    doc = Document(TEXT)
    every = score_loaded(doc, min_score=0)
    assert [(s.start, s.end) for s in every] == [(s.start, s.end) for s in loaded_candidates(doc)]
    assert all(0.0 <= s.score <= 1.0 and "stance scorer p=" in s.evidence for s in every)
    kept = score_loaded(doc)
    assert {(s.start, s.score) for s in kept} == {
        (s.start, s.score) for s in every if s.score >= model.threshold
    }
    # the stance finder reports the scorer's words, not the PTC threshold's
    loaded = [s for s in find_stance(doc) if s.kind.startswith("loaded")]
    assert [(s.start, s.end, s.score) for s in loaded] == [(s.start, s.end, s.score) for s in kept]


def test_hedges_are_the_sense_rules_hedges_kept_by_the_hedge_scorer():
    from rhetoric.framing.stance_scorer import rule_features, score_rule_hits, stance_scorer

    model = stance_scorer("hedge")
    if model is None:
        pytest.skip("no hedge scorer shipped")
    assert set(model.features) <= set(STANCE_FEATURES)
    assert model.provenance["positive"].endswith("stance / hedge)")
    doc = Document(
        "Perhaps the bill will pass. I think we should wait. The talks may fail this week. "
        "It is possibly too late, and costs nearly doubled."
    )
    boosters, hedges = rule_stance(doc)
    assert hedges, "the sense rules find hedges in the test text"
    records = rule_features(doc, hedges)
    assert all(set(r) <= set(STANCE_FEATURES) for r in records)
    assert [r["term"] for r in records] == [h[1] for h in hedges]
    every = score_rule_hits(doc, {"hedge": hedges}, min_score=0)
    assert [(s.start, s.end) for s in every] == [(h[0].start, h[0].end) for h in hedges]
    kept = [s for s in find_stance(doc, loaded=False) if s.kind == "hedge"]
    assert [(s.start, s.score) for s in kept] == [
        (s.start, s.score) for s in every if s.score >= model.threshold
    ]


def test_a_scorer_folder_replaces_the_stance_scorers_too(tmp_path, monkeypatch):
    """``$RHETORIC_SCORERS`` names retrained scorers (``train_stance_scorer.py --out``): the
    folder's ``stance_hedge.json`` is used, and a folder without it is an error, not a silent
    mix with the shipped stance scorer."""
    import json

    from rhetoric.framing.stance_scorer import stance_scorer
    from rhetoric.scoring.model import SCORERS_ENV

    shipped = stance_scorer("hedge")
    if shipped is None:
        pytest.skip("no hedge scorer shipped")
    doc = Document("Perhaps the bill will pass. The talks may fail this week, it seems.")
    every = [s for s in find_stance(doc, loaded=False, min_score=0) if s.kind == "hedge"]
    assert every, "the sense rules find hedges in the test text"
    data = json.loads(shipped.to_json())
    data["threshold"] = 0.0  # the folder's scorer keeps every hedge
    (tmp_path / "stance_hedge.json").write_text(json.dumps(data), encoding="utf-8")
    if stance_scorer("booster") is not None:  # the other rule family as shipped
        (tmp_path / "stance_booster.json").write_text(stance_scorer("booster").to_json())
    monkeypatch.setenv(SCORERS_ENV, str(tmp_path))
    assert stance_scorer("hedge").threshold == 0.0
    kept = [s for s in find_stance(doc, loaded=False) if s.kind == "hedge"]
    assert [(s.start, s.score) for s in kept] == [(s.start, s.score) for s in every]
    with pytest.raises(ValueError, match="holds no stance_loaded.json"):
        stance_scorer("loaded")
    monkeypatch.delenv(SCORERS_ENV)
    assert stance_scorer("hedge").threshold == shipped.threshold


def test_concession_marks_a_point_granted_before_the_text_turns_from_it():
    """A booster before a turn ("..., of course, .... But", "certainly ..., but") or inside a
    clause opened by "while" grants a point; a booster with no turn after it grants nothing."""
    from rhetoric.framing.stance_scorer import rule_features

    doc = Document(
        "We can, of course, cut taxes. But we must act. "
        "Bad roads are certainly costly, but schools come first. "
        "While the plan is, of course, costly, it saves lives. "
        "Surely the plan works."
    )
    boosters, _ = rule_stance(doc)
    found = [(doc.text[h[0].start : h[0].end], r["concession"])
             for h, r in zip(boosters, rule_features(doc, boosters), strict=True)]  # fmt: skip
    assert found == [
        ("of course", True),  # the next sentence opens with "But"
        ("certainly", True),  # ", but" later in its sentence
        ("of course", True),  # its clause opens with "While"
        ("Surely", False),
    ]
