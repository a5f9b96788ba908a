"""Epizeuxis: immediate repetition of a word or short phrase."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.devices.epizeuxis import find_epizeuxis


def test_empty_text_gives_nothing():
    assert find_epizeuxis("") == [] and find_epizeuxis("word") == []


def test_word_repeated_with_commas():
    text = "Alone, alone, all alone on the shore."
    [span] = find_epizeuxis(text)
    assert (span.start, span.end, span.kind) == (0, len("Alone, alone"), "word")


def test_phrase_repeated_across_a_dash():
    text = "We must build--we must build now."
    [span] = find_epizeuxis(text)
    assert (span.start, span.end, span.kind) == (0, text.index(" now"), "phrase")
    assert "we must build" in span.evidence.lower()


def test_runs_of_three_are_one_span():
    text = "Faster, faster, faster, they cried."
    [span] = find_epizeuxis(text)
    assert span.text == "Faster, faster, faster" and "3 times" in span.evidence


@pytest.mark.parametrize(
    "text",
    [
        "They walked side by side and day after day.",
        "He said that that was final.",
        "She had had enough.",
        "Room 12 12 was empty.",
        "It ended. Ended was the word.",
    ],
)
def test_not_epizeuxis(text):
    assert find_epizeuxis(text) == []


def test_function_word_with_punctuation_counts():
    assert [s.text for s in find_epizeuxis("No, no, not that one.")] == ["No, no"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["again", "again,", "no", "no,", "the sea", "--", ". ", "\n\n"]),
        max_size=30,
    )
)
def test_spans_are_cut_from_the_text(pieces):
    text = " ".join(pieces)
    for span in find_epizeuxis(text):
        assert span.text == text[span.start : span.end]
