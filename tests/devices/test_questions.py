"""Rhetorical questions: what is a question, what is left out, hypophora, offsets, gold floor."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.devices.questions import find_rhetorical_questions as find
from rhetoric.text import Document


def found(text):
    return [(s.start, s.end, s.text, s.kind) for s in find(text)]


def test_a_plain_question_with_exact_offsets():
    text = "We have come far. Is this the best we can do? We must try harder."
    assert found(text) == [(18, 45, "Is this the best we can do?", "question")]
    span = find(text)[0]
    assert span.device == "rhetorical_question" and span.group is None
    assert "question mark" in span.evidence


def test_hypophora_answered_by_an_answer_word():
    text = "Can we afford to wait? No. We act now."
    assert found(text) == [(0, 22, "Can we afford to wait?", "hypophora")]


def test_no_as_a_determiner_is_not_an_answer():
    text = "Can we stand apart? No nation can stand alone in this age."
    assert [k for *_, k in found(text)] == ["question"]


def test_hypophora_when_the_answer_echoes_the_question():
    text = "What built this city? Hard work built this city, and hard work will keep it."
    assert found(text) == [(0, 21, "What built this city?", "hypophora")]


def test_hypophora_short_reply():
    text = "Will the treaty hold? I think not. The signs are poor."
    assert [k for *_, k in found(text)] == ["hypophora"]


def test_a_series_shares_a_group():
    text = "Who will help? Who will lead? We will."
    spans = find(text)
    assert [s.text for s in spans] == ["Who will help?", "Who will lead?"]
    assert spans[0].group == spans[1].group == "rhetorical_question-1"
    assert all(s.kind == "hypophora" for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        'She turned and asked, "Where are we going?" Nobody answered.',
        "He said \u2018Why bother?\u2019 and left.",
        "\u201cIs it raining?\u201d she asked.",
    ],
)
def test_questions_inside_quotation_marks_are_dialogue(text):
    assert find(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a quotation over several lines (one paragraph per line), closed on the last only
        "The ferry captain said: \u201cWe sail at dawn.\nWhy would anyone stay ashore?\n"
        "Who pays the tolls?\nNobody knows,\u201d he added.\nThe port reopens in May.",
        'The ferry captain said: "We sail at dawn.\nWhy would anyone stay ashore?\n'
        'Who pays the tolls?\nNobody knows," he added.\nThe port reopens in May.',
        # English typesetting: each paragraph of the quotation reopens, the last one closes
        "The ferry captain said: \u201cWe sail at dawn.\n\n\u201cWhy would anyone stay "
        "ashore? Who pays the tolls?\n\n\u201cNobody knows.\u201d\n\nThe port reopens.",
    ],
)
def test_a_quotation_over_several_paragraphs_holds_its_questions(text):
    assert find(text) == []
    assert find(text.replace("\n", " ")) == []


def test_a_stray_quote_mark_does_not_swallow_the_paragraphs_after_it():
    """An opening mark never closed carries on only until a paragraph that opens a quotation of
    its own (or past the bound): the author's questions after it are still found."""
    lone = 'The pipe was 3" wide.\nWhy did the council buy it?\nWho signed the order?\n'
    assert [s.text for s in find(lone)] == ["Why did the council buy it?", "Who signed the order?"]
    opened = "The sign read \u201cClosed.\nWhy was it closed? The mayor said \u201cno\u201d.\n"
    assert [s.text for s in find(opened)] == ["Why was it closed?"]
    far = "He wrote: \u201cWe wait.\n" + "The rain fell all week.\n" * 40
    far += "Why did nobody act?\nThe end,\u201d he said."
    assert [s.text for s in find(far)] == ["Why did nobody act?"]


@pytest.mark.parametrize(
    "text",
    [
        "Would you all please rise?",
        "Would you two stand and take a bow?",
        "Could you both wave to the crowd?",
    ],
)
def test_genuine_requests_to_people_present_are_left_out(text):
    assert find(text) == []


def test_would_you_without_a_gesture_can_be_rhetorical():
    assert [t for _, _, t, _ in found("Would you have us abandon our friends?")] == [
        "Would you have us abandon our friends?"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "What we need is courage.",
        "What is wanted now is patience.",
        "Do not ask what the law owes you.",
        "I wonder what they want.",
        "How the city recovers will decide its future.",
        "Had we known, we would have acted.",
        "May they rest in peace.",
        "So do we.",
        "Nor can we forget.",
        "Do not let them win.",
        "WHO has issued new guidance.",
    ],
)
def test_statements_with_wh_words_or_inversion_are_not_questions(text):
    assert find(text) == []


def test_an_unmarked_question_is_found_with_a_lower_score():
    marked = find("Can anyone doubt it?")[0]
    unmarked = find("Can anyone doubt it.")[0]
    assert unmarked.text == "Can anyone doubt it."
    assert unmarked.score < marked.score
    assert "without a question mark" in unmarked.evidence


def test_the_question_clause_is_cut_from_a_leading_clause():
    text = "If the storm comes, can we hold the line?"
    assert found(text) == [(20, 41, "can we hold the line?", "question")]
    text = "The harvest -- was it worth the cost?"
    assert found(text) == [(15, 37, "was it worth the cost?", "question")]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # a relative clause inside the question does not start it
        (
            "One may fairly ask, what remedy is there for a town so poorly served, which "
            "does not begin with the bridge?",
            "what remedy is there for a town so poorly served, which does not begin with "
            "the bridge?",
        ),
        # nor does the inversion of a question opened by a preposition and a wh-word
        (
            "To what purpose, then, shall we keep the old mill running?",
            "To what purpose, then, shall we keep the old mill running?",
        ),
        # nor the inversion of a wh-question that opens after a leading clause
        (
            "If the vote fails, what reason, then, can we give the farmers?",
            "what reason, then, can we give the farmers?",
        ),
        # a hard-wrapped line that ends in a semicolon does not end the paragraph
        (
            "Who is better placed to judge the harbour than the board to which its\n"
            "care is given;\nwhich, as keeper of its records, will best weigh the costs?",
            "Who is better placed to judge the harbour than the board to which its\n"
            "care is given;\nwhich, as keeper of its records, will best weigh the costs?",
        ),
    ],
)
def test_the_question_starts_where_it_opens_not_at_a_clause_inside_it(text, question):
    assert [s.text for s in find(text)] == [question]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("The plan the council passed in May, which nobody read, is it fair?", "is it fair?"),
        (
            "One may fairly ask, what remedy is there for a town so poorly served, which "
            "does not begin with the bridge?",
            "what remedy is there for a town so poorly served, which does not begin with "
            "the bridge?",
        ),
        (
            "The harbour board, whose members nobody elected, will it answer to us?",
            "will it answer to us?",
        ),
        ("And the mayor, who has said nothing, is he content?", "is he content?"),
    ],
)
def test_a_relative_clause_in_capitals_does_not_start_the_question(text, question):
    """A wh-word written with a capital starts a question ("..., it is asked, Who ...?"), but
    in a headline or a shouted paragraph in capitals every word has one: the question starts
    where it starts in the same text in normal case, not at the relative clause."""
    assert [s.text for s in find(text)] == [question]
    assert [s.text for s in find(text.upper())] == [question.upper()]
    # a headline in title case capitalises every content word too
    title = " ".join(w[:1].upper() + w[1:] for w in text.split(" "))
    assert [s.text for s in find(title)] == [
        " ".join(w[:1].upper() + w[1:] for w in question.split(" "))
    ]


def test_a_wh_word_with_a_capital_starts_the_question_in_normal_case():
    text = "The bridge, the mayor asks, Which of us would pay for it?"
    assert [s.text for s in find(text)] == ["Which of us would pay for it?"]


def test_a_negative_question_scores_higher():
    assert find("Don't we owe them more?")[0].score > find("Do we owe them more?")[0].score


def test_transcript_questions_are_genuine():
    assert find("Q: Where were you that night?\nA: At home.") == []


def test_empty_input_gives_nothing():
    assert find("") == []
    assert find("\n \n") == []


def test_document_and_doc_id():
    doc = Document("Why wait? Because time is short.", "speech")
    assert [(s.doc_id, s.kind) for s in find(doc)] == [("speech", "hypophora")]


def test_the_seed_article_has_no_rhetorical_question(seed_text):
    assert find(Document(seed_text, "seed")) == []


_PIECES = [
    "Can we win",
    "What is left",
    "we must go",
    "and so",
    "Who knows",
    "\u201cWhy",
    "\u201d",
    "?",
    ".",
    ",",
    " -- ",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_spans_are_exact_slices(pieces):
    text = " ".join(pieces)
    for span in find(text):
        assert span.text == text[span.start : span.end]
        assert 0.0 <= span.score <= 1.0
        if "question mark" in span.evidence.split(";")[0] and "without" not in span.evidence:
            assert span.text.endswith("?")


_ALPHABET = list("abcpsfgkqxyzAEIOU ?!.,;:\"'“”‘’—-()\n\r\tİ0129")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=120))
def test_never_fails_on_arbitrary_text(text):
    for span in find(text):
        assert span.text == text[span.start : span.end]


@pytest.mark.parametrize(
    "text",
    [
        'The pipe was 3" wide.\nWhy did the council buy it?\nThe mayor bought a 4" pipe too.',
        'The pipe was 3" wide.\nWhy did the council buy it?\nThe mayor said:"no comment".',
        "He said: \u201cWe sail at dawn.\nWhy did the council buy it?\n\u201dWe will see\u201d he said.",
    ],
)
def test_a_stray_mark_carries_no_quotation_over_the_authors_question(text):
    # an inch sign, a mark that opens after a colon and a closing mark that opens its paragraph
    # neither open nor close a quotation across paragraphs: the question between stays the
    # author's (carried, they swallowed it)
    assert [s.text for s in find(text)] == ["Why did the council buy it?"]
