"""Alliteration: onsets by sound, nearness, scoring, offsets, and the gold floor."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.devices.alliteration import (
    MIN_SCORE,
    acronym_onset,
    find_alliteration,
    onset,
    spelling_onset,
)
from rhetoric.text import Document


def texts(spans):
    return [s.text for s in spans]


# --- onsets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "sound"),
    [
        ("photo", "F"), ("fast", "F"), ("cell", "S"), ("cold", "K"), ("gem", "JH"), ("goal", "G"),
        ("knot", "N"), ("gnat", "N"), ("wrist", "R"), ("psalm", "S"), ("shore", "SH"), ("sore", "S"),
        ("chorus", "K"), ("chair", "CH"), ("hour", None), ("honest", None), ("open", None),
        ("union", "Y"), ("nation's", "N"), ("well-being", "W"),
    ],
)  # fmt: skip
def test_onset_is_the_first_sound_from_the_dictionary(word, sound):
    assert onset(word)[0] == sound


def test_onset_knows_an_unstressed_first_syllable():
    assert onset("believe") == ("B", False)
    assert onset("bottle") == ("B", True)


@pytest.mark.parametrize(
    ("word", "sound"),
    [
        ("phlorbic", "F"), ("knurdle", "N"), ("gnarpish", "N"), ("wrozzle", "R"), ("psorpic", "S"),
        ("cyzzle", "S"), ("cabbix", "K"), ("gimbly", "JH"), ("gobbix", "G"), ("chrumble", "K"),
        ("chundle", "CH"), ("xyloplex", "Z"), ("yorble", "Y"), ("ombrix", None), ("unimax", "Y"),
    ],
)  # fmt: skip
def test_spelling_rules_for_words_the_dictionary_lacks(word, sound):
    assert spelling_onset(word) == sound
    assert onset(word)[0] == sound  # invented words: not in the dictionary, so the rules decide


def test_acronyms_sound_like_their_first_letter_name():
    assert acronym_onset("bbc") == "B"
    assert acronym_onset("fbi") is None  # "eff" begins with a vowel
    assert acronym_onset("ssr") is None


# --- detection ----------------------------------------------------------------------------------


def test_coordinated_pair_by_sound_not_letter():
    text = "We shared photos and fans cheered."
    spans = find_alliteration(text)
    assert [(s.start, s.end, s.text) for s in spans] == [(10, 25, "photos and fans")]
    span = spans[0]
    assert span.device == "alliteration" and span.kind == "pair"
    assert span.evidence.startswith("/f/: photos, fans")


def test_silent_letters_alliterate_by_sound():
    spans = find_alliteration("Knights and nobles met at dawn.")
    assert texts(spans) == ["Knights and nobles"]


def test_same_letter_different_sound_never_matches():
    for text in [
        "The cell and the crowd.",
        "A gem and a goal.",
        "The shore and the sea.",
        "A physician and a poet.",
    ]:
        assert find_alliteration(text, min_score=0) == [], text


def test_three_words_make_a_run_and_score_above_a_pair():
    text = "Bridges and barns burned; the cell and the crowd were calm."
    everything = find_alliteration(text, min_score=0)
    assert [(s.text, s.kind) for s in everything] == [
        ("Bridges and barns burned", "run"),
        ("crowd were calm", "pair"),
    ]
    run, pair = everything
    assert run.score > pair.score
    assert pair.score < MIN_SCORE  # a bare side-by-side pair is chance-level
    assert texts(find_alliteration(text)) == ["Bridges and barns burned"]


def test_words_too_far_apart_do_not_alliterate():
    text = "Power matters greatly to the old regime, yet the whole nation longs for lasting peace."
    spans = find_alliteration(text, min_score=0)
    assert not any("Power" in s.text for s in spans)


def test_a_clause_break_ends_a_run():
    assert find_alliteration("They sang ballads; boats came later.", min_score=0) == []
    assert texts(find_alliteration("They sang ballads, boats came later.", min_score=0)) == [
        "ballads, boats"
    ]


def test_function_words_are_skipped():
    assert find_alliteration("Then there they were, though this was that.", min_score=0) == []


def test_repeating_a_root_is_not_alliteration():
    assert find_alliteration("We praise the free and the freedom.", min_score=0) == []


def test_a_multiword_name_does_not_alliterate_with_itself():
    assert find_alliteration("Peter Piper spoke.", min_score=0) == []


def test_empty_and_blank_input_give_nothing():
    assert find_alliteration("") == []
    assert find_alliteration("  \n\n ") == []


def test_doc_id_is_carried_and_document_accepted():
    doc = Document("Friends and foes agreed.", "mine")
    spans = find_alliteration(doc)
    assert [(s.doc_id, s.text) for s in spans] == [("mine", "Friends and foes")]
    assert find_alliteration("Friends and foes agreed.", doc_id="x")[0].doc_id == "x"


def test_seed_article_spans_stay_out_of_the_boilerplate(seed_text):
    doc = Document(seed_text, "seed")
    spans = find_alliteration(doc)
    assert spans, "the seed article has alliterating phrases"
    for span in spans:
        assert span.text == seed_text[span.start : span.end]
        assert not any(span.start < r.end and r.start < span.end for r in doc.removed)


_WORDS = [
    "bold",
    "brave",
    "banner",
    "city",
    "crowd",
    "gem",
    "goal",
    "phone",
    "fire",
    "and",
    "the",
    "of",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + [",", ";", "."]), max_size=30))
def test_spans_are_exact_slices_with_members_sharing_a_sound(tokens):
    text = " ".join(tokens)
    for span in find_alliteration(text, min_score=0):
        assert span.text == text[span.start : span.end]
        assert 0.0 <= span.score <= 1.0
        members = [
            w.strip(",;.") for w in span.evidence.split(": ", 1)[1].split(" (")[0].split(", ")
        ]
        assert len(members) >= 2
        assert len({onset(m.lower())[0] for m in members}) == 1


_ALPHABET = list("abcpsfgkqxyzAEIOU ?!.,;:\"'“”‘’—-()\n\r\tİ0129")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=120))
def test_never_fails_on_arbitrary_text(text):
    for span in find_alliteration(text, min_score=0):
        assert span.text == text[span.start : span.end]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("They share a fresh faith.", "fresh faith"),
        ("Touched by tragedy, we grew.", "Touched by tragedy"),
        ("We dropped the baggage of bigotry.", "baggage of bigotry"),
        ("They bear the burden.", "bear the burden"),
        ("It rang with a plain, pure tone.", "plain, pure"),
        ("They fear no foe.", "fear no foe"),
    ],
)
def test_stressed_pair_in_a_short_phrase(text, pair):
    spans = find_alliteration(text)
    assert [(s.start, s.end, s.text) for s in spans] == [
        (text.index(pair), text.index(pair) + len(pair), pair)
    ]
    assert "in a short phrase" in spans[0].evidence and spans[0].score == 0.55


@pytest.mark.parametrize(
    "text",
    [
        "It was great to get home.",  # an infinitive after the adjective
        "Past the bridge, boats waited.",  # punctuation between
        "A short span of time.",  # two sounds, one letter
    ],
)
def test_pairs_outside_a_short_phrase_stay_below_the_threshold(text):
    assert find_alliteration(text) == []


def test_pair_after_the_same_preposition():
    text = "It was won not by wit, but by wealth."
    spans = find_alliteration(text)
    assert [(s.start, s.end, s.text) for s in spans] == [(18, 36, "wit, but by wealth")]
    assert "after the same preposition" in spans[0].evidence
