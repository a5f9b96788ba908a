"""Polyptoton: one root in different forms, close together."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.devices.polyptoton import find_polyptoton, root, roots


def test_empty_text_gives_nothing():
    assert find_polyptoton("") == []


@pytest.mark.parametrize(
    ("text", "first", "second", "kind"),
    [
        ("The ruler would rule them all.", "ruler", "rule", "derivation"),
        ("They sang as their fathers had sung.", "sang", "sung", "inflection"),
        ("It was a beautiful city, beautifully kept.", "beautiful", "beautifully", "derivation"),
        ("No one wants to fight, but the fight came anyway.", "fight", "fight", "conversion"),
        ("A tangled history, though entangled we remain.", "tangled", "entangled", "prefix"),
    ],
)
def test_forms_of_one_root(text, first, second, kind):
    [span] = find_polyptoton(text)
    start = text.index(first)
    end = text.index(second, start + len(first)) + len(second)
    assert (span.start, span.end, span.kind) == (start, end, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Good plans need good people.",  # same form, same part of speech
        "The state and the states agreed.",  # a bare plural
        "They hoped. The long winter passed and the rivers froze and thawed, and then at last hope.",
        "We request that the quest continue.",  # re- is not taken as a prefix
    ],
)
def test_not_polyptoton(text):
    assert find_polyptoton(text) == []


def test_roots():
    assert root("realized") == root("realize")
    assert roots("truly") & roots("true")
    assert roots("ruler") & roots("rule")
    assert not roots("harbour") & roots("cargo")


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(["rule", "ruler", "ruled", "the", "to", "fear", "feared", ". ", ", "]),
        max_size=25,
    )
)
def test_spans_are_cut_from_the_text(pieces):
    text = " ".join(pieces)
    for span in find_polyptoton(text):
        assert span.text == text[span.start : span.end]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Our debts are large, but our hopes are larger.", "large, but our hopes are larger"),
        ("The towns grow big and grow bigger.", "big and grow bigger"),
        ("Their gifts were great and their debts greater.", "great and their debts greater"),
    ],
)
def test_comparative_forms(text, figure):
    spans = find_polyptoton(text)
    assert [(s.text, s.kind) for s in spans] == [(figure, "comparative")]
    assert (spans[0].start, spans[0].end) == (text.index(figure), text.index(figure) + len(figure))


@pytest.mark.parametrize(
    "text",
    ["The winter was cold, and the summer was warm.", "A bit of wit and a bitter taste."],
)
def test_comparative_needs_an_adjective_and_its_form(text):
    assert find_polyptoton(text) == []


@pytest.mark.parametrize(
    ("text", "figure", "kind"),
    [
        ("They came to find freedom more freely.", "freedom more freely", "suffix"),
        ("The unjust meet justice.", "unjust meet justice", "affix"),
        ("May we seek the right -- without self-righteousness.",
         "right -- without self-righteousness", "affix"),
        ("A town that balances its budget keeps the balance of its values.",
         "balances its budget keeps the balance", "verb_noun"),
    ],
)  # fmt: skip
def test_suffixes_prefixes_and_verb_noun_pairs(text, figure, kind):
    spans = find_polyptoton(text)
    assert [(s.text, s.kind) for s in spans] == [(figure, kind)]
    assert (spans[0].start, spans[0].end) == (text.index(figure), text.index(figure) + len(figure))


def test_a_plural_beside_its_singular_is_still_not_enough():
    assert find_polyptoton("The states and the state agreed on the states' plan.") == []
