"""Hedges, boosters and loaded words (device "stance"), on hand-made sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.framing import STANCE_KINDS, find_stance


def _found(text: str, **options) -> list[tuple[str, int, int, str]]:
    return [(s.kind, s.start, s.end, s.text) for s in find_stance(text, **options)]


def test_hedges_and_boosters_with_offsets():
    text = "Perhaps the bill will pass; arguably it should. They must have known, and undoubtedly we will."
    assert _found(text) == [
        ("hedge", 0, 7, "Perhaps"),
        ("hedge", 28, 36, "arguably"),
        ("booster", 53, 57, "must"),
        ("booster", 74, 85, "undoubtedly"),
    ]


def test_negated_certainty_is_a_hedge():
    assert _found("It is not clear. It is clear.", loaded=False) == [
        ("hedge", 6, 15, "not clear"),
        ("booster", 20, 28, "is clear"),
    ]
    spans = find_stance("They were not certainly wrong.", loaded=False)
    assert [(s.kind, s.text, s.evidence) for s in spans] == [
        ("hedge", "certainly", "negated booster 'certainly'")
    ]


def test_must_of_obligation_is_no_booster():
    assert _found("We cannot and must not wait. We must act.", loaded=False) == []
    assert _found("It must not be true.", loaded=False) == [("booster", 3, 7, "must")]


def test_may_the_month_and_the_wish_are_not_hedges():
    text = "In May 2020 talks began. May God guide us. Talks may fail, as of May."
    assert _found(text, loaded=False) == [("hedge", 49, 52, "may")]


def test_fixed_phrases_do_not_hedge():
    assert _found("Act as soon as possible; it is possible that we fail.", loaded=False) == [
        ("hedge", 31, 44, "possible that")
    ]
    assert _found("They did everything possible to make it possible.", loaded=False) == []


def test_loaded_words_come_from_the_learned_model_and_negated_ones_are_left_out():
    text = "A brutal, savage crackdown followed. It was not brutal."
    spans = [s for s in find_stance(text, min_score=0.1) if s.kind.startswith("loaded")]
    assert spans and spans[0].start == 2 and spans[0].text == "brutal"
    assert all(s.start < text.index("It was") for s in spans)  # the negated "brutal" is left out
    assert all(
        0.0 <= s.score <= 1.0 and s.evidence.startswith("loaded-language model") for s in spans
    )
    # by default only words above the model's stance threshold (precision first)
    assert len(find_stance(text)) <= len(find_stance(text, min_score=0.1))


def test_names_are_never_stance_words():
    text = "The Justice Department and Grace Hope spoke. Hope is a brutal, savage thing."
    texts = [s.text for s in find_stance(text, min_score=0.03)]
    assert any("brutal" in t for t in texts)
    assert not any(name in t for t in texts for name in ("Justice", "Department", "Grace"))


def test_negation_does_not_cross_a_clause_end():
    kinds = [s.kind for s in find_stance("It is not over. Disaster followed.", min_score=0.05)]
    assert kinds == ["loaded_negative"]


def test_min_score_filters_loaded_words():
    text = "A ridiculous, hysterical plan."
    assert len(find_stance(text, min_score=0.1)) > len(find_stance(text, min_score=0.99)) == 0


def test_empty_text_gives_no_spans():
    assert find_stance("") == []
    assert find_stance(" \n ") == []


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "may",
                "May",
                "not",
                "clearly",
                "war",
                "great",
                "possible",
                "as",
                "soon",
                ".",
                ",",
                "\n",
                "’",
                "perhaps",
                "must",
            ]
        ),
        max_size=20,
    ).map(" ".join)
)
def test_spans_slice_the_text(text):
    for span in find_stance(text):
        assert span.text == text[span.start : span.end]
        assert span.device == "stance" and span.kind in STANCE_KINDS
        assert 0.0 < span.score <= 1.0
