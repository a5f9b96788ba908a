"""Chiasmus: candidates, features, scoring, non-crossings, offsets and the gold floor."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.devices.chiasmus import (
    CANDIDATE_THRESHOLD,
    SCALE,
    THRESHOLD,
    WEIGHTS,
    _tight_crossings,
    find_chiasmus,
    rank_candidates,
    score_candidate,
)
from rhetoric.span import Occupied
from rhetoric.text import Document


def test_empty_text_gives_nothing():
    assert find_chiasmus("") == [] and rank_candidates("") == []


def test_antimetabole_halves_and_group():
    text = "We shape our tools, and then our tools shape us."
    spans = find_chiasmus(text)
    assert [(s.start, s.end) for s in spans] == [
        (text.index("shape our tools"), text.index(", and")),
        (text.index("tools shape"), text.index(" us.")),
    ]
    assert {s.kind for s in spans} == {"antimetabole"} and len({s.group for s in spans}) == 1
    assert (
        all(0.5 <= s.score < 1 for s in spans)
        and "shape tools ... tools shape" in spans[0].evidence
    )


def test_lemma_crossing_is_chiasmus_not_antimetabole():
    text = "The farmer feeds the city, and the cities feed the farmers."
    spans = find_chiasmus(text)
    assert {s.kind for s in spans} == {"chiasmus"}
    assert spans[0].text == "farmer feeds the city"


def test_crossing_over_two_adjacent_sentences():
    text = "The mayor would not bend to the crowd. In the end the crowd bent to the mayor."
    spans = find_chiasmus(text)
    assert [s.text for s in spans] == [
        "mayor would not bend to the crowd",
        "crowd bent to the mayor",
    ]


def test_pronoun_may_fill_a_slot():
    text = "Count what the city owes you, then count what you owe the city."
    assert [s.text for s in find_chiasmus(text)] == ["city owes you", "you owe the city"]


@pytest.mark.parametrize("text", [
    "We build roads for trade. We build ports for trade.",               # ABAB, parallel
    "The council met. Later, the budget passed and the council rested.",  # one repeated word
    "The day was long and the day was hot.",                              # no crossing
])  # fmt: skip
def test_parallel_repetition_is_not_chiasmus(text):
    assert find_chiasmus(text) == []


def test_candidate_score_agrees_with_the_threshold():
    text = "Men make cities and cities make men."
    terms = [(0, 3), (9, 15), (20, 26), (32, 35)]
    best = rank_candidates(text)[0]
    assert (best.a.start, best.b.start, best.c.start, best.d.start) == tuple(t[0] for t in terms)
    assert score_candidate(text, terms) == pytest.approx(best.score)
    assert (best.raw >= THRESHOLD) == (best.score >= 0.5)
    # proposed down to the candidate cut, below the curve's centre
    assert bool(find_chiasmus(text)) == (best.raw >= CANDIDATE_THRESHOLD)


def test_candidates_are_proposed_down_to_the_candidate_cut_below_the_curve_s_centre(data_home):
    import math

    from rhetoric.text import decode

    text = decode((data_home / "inaugural/texts/1821-Monroe.txt").read_bytes())[0]
    scores = [s.score for s in find_chiasmus(text)]
    lowest = 1 / (1 + math.exp(-(CANDIDATE_THRESHOLD - THRESHOLD) / SCALE))  # about 0.21
    assert min(scores) < 0.5  # weaker crossings than the ranker's own cut are proposed
    assert all(score >= round(lowest, 3) for score in scores)


def test_a_punctuated_half_scores_lower():
    clean = "Men make cities and cities make men."
    broken = "Men, make; cities and cities make men."
    terms_clean = [(0, 3), (9, 15), (20, 26), (32, 35)]
    terms_broken = [(0, 3), (10, 16), (21, 27), (33, 36)]
    assert score_candidate(broken, terms_broken) < score_candidate(clean, terms_clean)


def test_terms_inside_a_word_are_cut_out():
    text = "my rival's rival is my ally, but my ally's rival is my rival"
    terms = [(3, 8), (28, 32), (36, 40), (45, 50)]
    assert 0.0 < score_candidate(text, terms) < 1.0


def test_bad_terms_are_refused():
    with pytest.raises(ValueError, match="four"):
        score_candidate("a b c", [(0, 1)])
    with pytest.raises(ValueError, match="text order"):
        score_candidate(
            "Men make cities and cities make men.", [(32, 35), (20, 26), (9, 15), (0, 3)]
        )


def test_weights_cover_every_feature():
    text = "Men make cities and cities make men."
    from rhetoric.devices.chiasmus import _Window, candidate_features
    from rhetoric.text import word_tokens

    features = candidate_features(_Window.of(text, word_tokens(text)), 0, 2, 4, 6)
    assert set(features) == set(WEIGHTS)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "men",
                "make",
                "cities",
                "and",
                "the",
                "city",
                "made",
                "man",
                ",",
                ".",
                "you",
                "not",
                "for",
                "to",
                "from",
                "but",
            ]
        ),
        max_size=30,
    )
)
def test_offsets_are_exact_and_halves_pair_up(words):
    text = " ".join(words)
    spans = find_chiasmus(text)
    for span in spans:
        assert text[span.start : span.end] == span.text and 0.0 < span.score < 1.0
    groups = [s.group for s in spans]
    assert all(groups.count(g) == 2 for g in groups)


# --- tight crossings over two clauses ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "halves"),
    [
        ("We seek no rule over our fellow man. but man's rule over want.",
         ["rule over our fellow man", "man's rule"]),
        ("Self-rule depends, in the end, on the ruling of the self.",
         ["Self-rule", "ruling of the self"]),
        ("Can farmers make bread easier than millers? Can bread be made by farmers?",
         ["farmers make bread", "bread be made by farmers"]),
    ],
)  # fmt: skip
def test_tight_crossings_over_two_clauses(text, halves):
    spans = _tight_crossings(Document(text), Occupied())
    assert [s.text for s in spans] == halves
    assert [(s.start, s.end) for s in spans] == [
        (text.index(h), text.index(h) + len(h)) for h in halves
    ]
    assert spans[0].group == spans[1].group and spans[0].evidence.startswith("tight crossing")
    # the finder proposes the figure, by this rule or by the ranked candidates
    assert [s.text for s in find_chiasmus(text)] == halves


@pytest.mark.parametrize(
    "text",
    [
        "The cat saw the dog. The cat saw the dog again.",  # parallel, not crossed
        "Ask the farmers about bread while the bread feeds farmers.",  # no turn between halves
        "Bread, bread and farmers fed the farmers.",  # B and C too close
    ],
)
def test_tight_crossings_need_a_crossing_in_two_clauses(text):
    assert _tight_crossings(Document(text), Occupied()) == []


def test_tight_crossing_halves_stay_inside_a_clause():
    text = "I see the towns. I see the towns burn."  # anaphora, not a crossing
    assert _tight_crossings(Document(text), Occupied()) == []
