"""Every finder survives a text cut short anywhere: the rules that look ahead of a word ("Not X;
S V Y" reads the word after the subject) must stop at the text's end, not index past it."""

from __future__ import annotations

import re

import pytest

from rhetoric.devices import DEVICES, get_finder
from rhetoric.text import Document

from .test_antithesis import CLAUSE_SHAPES

# the shapes the clause-level antithesis rules were written for, and a few of the other devices'
TEXTS = [shape[0] for shape in CLAUSE_SHAPES] + [
    "Not for glory: they",
    "We shall not fail; we shall not falter. We shall not waver, and we shall prevail.",
    "Ask not what your country can do for you; ask what you can do for your country.",
    "Never, never, never give up. Why should we? Who would ask it of us?",
    "Government of the people, by the people, for the people shall not perish.",
    "The rich grow richer and the powerful more powerful, for good and for ill.",
]


@pytest.mark.parametrize("device", DEVICES)
def test_every_finder_survives_every_text_cut_after_any_word(device):
    find = get_finder(device)
    cuts = 0
    for text in TEXTS:
        for match in re.finditer(r"\w+", text):
            prefix = text[: match.end()]
            for span in find(Document(prefix)):
                assert prefix[span.start : span.end] == span.text
            cuts += 1
    assert cuts > 300


def test_a_sentence_that_opens_on_not_and_ends_on_its_subject_is_no_figure():
    from rhetoric.devices.antithesis import find_antithesis

    assert find_antithesis("Not for glory: they") == []
    assert [s.text for s in find_antithesis("Not for glory: they fought.")] == [
        "Not for glory",
        "they fought",
    ]
