"""Antithesis: correctio, comparatives, parallel contrasts, offsets, and the gold and seed floors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.devices.antithesis import find_antithesis
from rhetoric.lexicon import antonyms, contrasts
from rhetoric.text import Document


def halves(spans):
    return [(s.text, s.kind) for s in spans]


def test_empty_text_gives_nothing():
    assert find_antithesis("") == [] and find_antithesis("Quiet.") == []


def test_not_x_but_y_has_two_halves_in_one_group():
    text = "The harbour asked not for pity but for ships."
    spans = find_antithesis(text)
    assert halves(spans) == [("not for pity", "correctio"), ("but for ships", "correctio")]
    assert spans[0].start == text.index("not for") and spans[1].end == text.index(".")
    assert spans[0].group == spans[1].group == f"antithesis-{text.index('not for')}"
    assert spans[0].score >= 0.9 and "not X but Y" in spans[0].evidence


def test_not_only_but_also():
    spans = find_antithesis("Rivers carry not only water but also silt from the hills.")
    assert halves(spans)[0] == ("not only water", "correctio")
    assert spans[1].text == "but also silt from the hills"


def test_series_of_negations_starts_at_the_first():
    text = (
        "We sail not because seas are calm, not because winds are kind, but because ports are near."
    )
    spans = find_antithesis(text)
    assert spans[0].start == text.index("not because seas")
    assert spans[1].text == "but because ports are near"


def test_not_merely_then_it_is_across_a_dash():
    text = "The vote was not merely the count\u2014 it is a verdict on the council."
    spans = find_antithesis(text)
    assert halves(spans) == [
        ("not merely the count", "correctio"),
        ("it is a verdict on the council", "correctio"),
    ]


def test_not_merely_then_it_is_across_a_full_stop():
    text = "The pause was not merely one delay. It is a reversal of the plan."
    spans = find_antithesis(text)
    assert [(s.start, s.end) for s in spans] == [
        (text.index("not merely"), text.index(". It")),
        (text.index("It is"), len(text) - 1),
    ]


def test_verb_taken_up_after_a_semicolon():
    text = "Wealth rests not in the vault; it rests in the skill of the workers."
    spans = find_antithesis(text)
    assert halves(spans) == [
        ("not in the vault", "correctio"),
        ("it rests in the skill of the workers", "correctio"),
    ]


def test_x_comma_not_y():
    text = "Their border is a bridge, not a wall."
    spans = find_antithesis(text)
    assert halves(spans) == [("a bridge", "correctio"), ("not a wall", "correctio")]


def test_rather_than_and_far_from():
    text = (
        "Far from a setback, the delay gave the town time. They built schools rather than towers."
    )
    spans = find_antithesis(text)
    kinds = {s.kind for s in spans}
    assert kinds == {"correctio", "comparative"}
    assert "Far from a setback" in [s.text for s in spans]
    assert "rather than towers" in [s.text for s in spans]


def test_less_x_and_more_y():
    spans = find_antithesis("The town grew less in wealth and more in wisdom.")
    assert halves(spans) == [("less in wealth", "comparative"), ("more in wisdom", "comparative")]


def test_either_or_with_parallel_halves():
    spans = find_antithesis("The council will either raise the tax or close the library.")
    assert halves(spans) == [
        ("either raise the tax", "either_or"),
        ("or close the library", "either_or"),
    ]


def test_from_to_needs_contrasting_ends():
    assert halves(find_antithesis("The region moved from war to peace within a decade.")) == [
        ("from war", "from_to"),
        ("to peace", "from_to"),
    ]
    assert find_antithesis("The train ran from Leeds to York on time.") == []


def test_contrasting_words_in_parallel_slots():
    spans = find_antithesis("Their gain in silver was our loss in gold.")
    assert {s.kind for s in spans} == {"antonym_parallel"}
    assert "gain/loss" in spans[0].evidence
    assert [s.text for s in spans] == ["gain in", "loss in"]


def test_possessive_pair_with_two_owners():
    text = "The treaty was Avalon\u2019s shield, Borduria\u2019s burden, and nobody\u2019s choice."
    spans = find_antithesis(text)
    assert [s.text for s in spans] == ["Avalon\u2019s shield", "Borduria\u2019s burden"]


def test_possessive_list_and_same_owner_are_not_pairs():
    assert find_antithesis("He met Anna's father, Anna's mother and the dog.") == []
    assert find_antithesis("We saw Anna's house, Ben's house, Carl's house, Dan's garden.") == []


@pytest.mark.parametrize("text", [
    "They could not help but admire the view from the ridge.",
    "I do not know the answer, but I will find it.",
    "It was not easy, but we finished the bridge.",
    "They did not stay long at the fair.",
    "There were more people than ever at the market.",
    "The old and the young came to the square.",
])  # fmt: skip
def test_plain_negation_and_comparison_are_not_antithesis(text):
    assert find_antithesis(text) == []


def test_lexicon_contrasts():
    assert "peace" in antonyms("war") and contrasts("losers", "victors")
    assert contrasts("order", "disorder") and not contrasts("form", "inform")
    assert not contrasts("city", "town")


def test_contrasts_of_inflected_forms_that_are_lemmas_themselves():
    # WordNet lists "men", "followers" and "losses" as lemmas of their own, without antonyms; the
    # antonym is their base form's ("man"/"woman", "follower"/"leader", "gain"/"loss")
    assert contrasts("men", "women") and contrasts("leaders", "followers")
    assert contrasts("gains", "losses") and contrasts("losses", "gains")
    assert "woman" in antonyms("men")
    assert not contrasts("man", "men") and not contrasts("losses", "loss")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "not",
                "but",
                "rather",
                "than",
                "war",
                "peace",
                "the",
                "a",
                "gain",
                "loss",
                "for",
                "one",
                "either",
                "or",
                ",",
                ";",
                ".",
                "\u2014",
                "’s",
                "Anna",
                "Ben",
                "more",
                "less",
                "and",
                "far",
                "from",
            ]
        ),
        max_size=30,
    )
)
def test_offsets_are_exact_and_halves_pair_up(words):
    text = " ".join(words)
    spans = find_antithesis(text)
    for span in spans:
        assert text[span.start : span.end] == span.text and 0.0 <= span.score <= 1.0
    groups = [s.group for s in spans]
    assert all(groups.count(g) == 2 for g in groups)


def test_seed_article_figures_and_trailer(seed_text):
    doc = Document(seed_text)
    spans = find_antithesis(doc)
    trailer_start = min(s.start for s in doc.removed)
    assert all(s.end <= trailer_start for s in spans)
    by_evidence = {s.evidence for s in spans}
    assert any("not merely X; it is Y" == e for e in by_evidence)
    possessive = [
        s
        for s in spans
        if s.kind == "antonym_parallel" and "'s" in s.evidence and "/" in s.evidence
    ]
    assert len(possessive) == 2 and all("\u2019s" in s.text for s in possessive)


# --- clause-level shapes -------------------------------------------------------------------------

CLAUSE_SHAPES = [
    # (text, first half, second half, kind, evidence pattern)
    ("This is not a retreat; it is a regrouping.", "is not a retreat", "it is a regrouping",
     "correctio", "S V not X; S V Y"),
    ("The vote was not a verdict. It was a warning.", "was not a verdict", "It was a warning",
     "correctio", "S V not X; S V Y"),
    ("The prize is not mine alone, but ours together.", "not mine alone", "but ours together",
     "correctio", "not X but Y: persons"),
    ("It will not be because of what we say, but it will be because of what we do.",
     "will not be because of what we say", "it will be because of what we do",
     "correctio", "S V not X; S V Y"),
    ("The harbor cannot stop this tide, we must ride it.", "The harbor cannot stop this tide",
     "we must ride it", "correctio", "S cannot X, S must Y"),
    ("She kept the house and not just the garden.", "the house", "and not just the garden",
     "correctio", "X and not Y"),
    ("They were brave enough to speak, and wise enough to listen.", "brave enough to speak",
     "wise enough to listen", "antonym_parallel", "A enough to X, B enough to Y"),
    ("Their profits have not been our profits.", "Their profits", "our profits",
     "antonym_parallel", "their N / our N"),
    ("Honesty is rare, yet flattery is common.", "Honesty is rare", "yet flattery is common",
     "parallel_clauses", "parallel clauses joined by 'yet'"),
    ("Prices go up, or else prices go down.", "Prices go up", "or else prices go down",
     "parallel_clauses", "parallel clauses, opposed: 'up/down'"),
    ("The debts you run to are heavier than the ones you run from.", "run to", "run from",
     "antonym_parallel", "opposed particles: 'to/from'"),
    ("We came to plant but not to own.", "to plant", "but not to own", "correctio",
     "X but not Y"),
    ("It fails when a rising few do well and a falling many barely cope.", "a rising few",
     "a falling many", "antonym_parallel", "opposed heads: 'few/many'"),
    ("Not because the tide turned; it is the rowers who move the boat.",
     "Not because the tide turned", "it is the rowers who move the boat", "correctio",
     "Not X; S V Y"),
    ("No strong nation was ever built by weak hands.", "strong", "weak", "antonym_clause",
     "opposed words in one clause: 'strong/weak'"),
    ("Light is set against dark; truth against lies.", "Light is set against dark",
     "truth against lies", "parallel_clauses", "gapped clause after a semicolon: 'against'"),
    ("The rule was not to punish the town, but because the law required it.",
     "not to punish the town", "but because the law required it", "correctio",
     "not P X, but P' Y"),
    ("The change has not been a retreat from duty, but a better way to serve.",
     "not been a retreat from duty", "but a better way to serve", "correctio", "not be X, but Y"),
    ("A town in which the weak are as safe as the strong.", "the weak", "the strong",
     "antonym_parallel", "opposed heads: 'weak/strong'"),
    ("Tyranny holds that the people are so weak that war is certain.\n\nLiberty holds that "
     "free towns can settle disputes and keep lasting peace.",
     "Tyranny holds that the people are so weak that war is certain",
     "Liberty holds that free towns can settle disputes and keep lasting peace",
     "parallel_clauses", "parallel clauses, opposed: 'war/peace'"),
    ("It brings sure loss or sure gain to the towns.", "sure loss", "sure gain",
     "antonym_parallel", "one modifier, opposed words: 'loss/gain'"),
    ("It is the pity of the strong upon the weak.", "the strong", "the weak",
     "antonym_parallel", "opposed heads: 'strong/weak'"),
    ("To plan it is easy. To build it will be hard.", "To plan it is easy",
     "To build it will be hard", "parallel_clauses", "parallel clauses, opposed: 'easy/hard'"),
    ("This is our town -- yet this is not the whole of our land.", "This is our town",
     "yet this is not the whole of our land", "parallel_clauses",
     "parallel clauses joined by 'yet'"),
    ("The old mills are not idle; they're humming.", "are not idle", "they're humming",
     "correctio", "S V not X; S V Y"),
    ("We're not here to mourn the harbour but to rebuild the harbour.",
     "not here to mourn the harbour", "but to rebuild the harbour", "correctio", "not X but Y"),
    ("The river became a road of commerce, instead of a wall between towns.",
     "a road of commerce", "instead of a wall between towns", "comparative", "X instead of Y"),
    ("No town should grow materially rich and spiritually poor.", "materially rich",
     "spiritually poor", "antonym_parallel", "two manner adverbs, opposed words: 'rich/poor'"),
    ("The harbour board is not closing the docks - the harbour board is saving them.",
     "is not closing the docks", "the harbour board is saving them", "correctio",
     "S V not X; S V Y"),
    ("We stayed because we wanted to help the town, and not because we were told to.",
     "because we wanted to help the town", "and not because we were told to", "correctio",
     "X and not Y, unequal halves"),
    ("They trusted in their army - but not in their army alone.", "in their army",
     "but not in their army alone", "correctio", "X but not Y, unequal halves"),
    ("The town was built more on the labour and the thrift of all its people than on its charter.",
     "more on the labour and the thrift of all its people", "than on its charter", "comparative",
     "more P X than P Y"),
    ("We keep watch whether by day or by night.", "whether by day", "or by night", "either_or",
     "whether P A or P B: 'day/night'"),
    ("The roads are worn; the hopes are fresh.", "The roads are worn", "the hopes are fresh",
     "parallel_clauses", "S be A; T be B"),
    ("The banker was the lender; the farmer, the debtor.", "The banker was the lender",
     "the farmer, the debtor", "parallel_clauses", "S be A; T, B"),
    ("They came to teach, not to preach to us.", "to teach", "not to preach to us", "correctio",
     "to X, not to Y"),
    ("Let us not rely on the courts alone, but humbly ask the people.",
     "not rely on the courts alone", "but humbly ask the people", "correctio",
     "not X alone but Y"),
    ("The town will build the bridge, toll or no toll.", "toll", "or no toll", "either_or",
     "X or no X"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "x", "y", "kind", "evidence"), CLAUSE_SHAPES)
def test_clause_level_shapes(text, x, y, kind, evidence):
    spans = find_antithesis(text)
    assert [(s.text, s.kind, s.evidence) for s in spans] == [
        (x, kind, evidence),
        (y, kind, evidence),
    ]
    assert [(s.start, s.end) for s in spans] == [
        (text.index(x), text.index(x) + len(x)),
        (text.index(y), text.index(y) + len(y)),
    ]
    assert spans[0].group == spans[1].group


@pytest.mark.parametrize(
    "text",
    [
        "We did not go, but they stayed at home.",  # a negated verb, then a new clause
        "It is not easy; we know that well.",  # the answer does not take up the verb
        "We cannot stay long, the train leaves at six.",  # no modal in the second clause
        "The cat sat on the mat, and the dog lay on the rug.",  # parallel, nothing opposed
        "My brother and your friend met at noon.",  # possessives without a contrast
        "My friends, we are not the sum of our possessions.",  # a negation is not a contrast
        "Not yet. We wait for the boat.",  # "not yet": no rejected term
        "The rich and the poor came to the fair.",  # a pair, not a contrast in a clause
        "The weak and the strong met at the gate.",  # a merism
        "He stayed at the office instead of going home.",  # "instead of" with nothing parallel
        "We're not here to stay.",  # a negation, no second half
        "We were not there to see it, but to our surprise it happened.",  # no second purpose
        "I was not here to stay, but to tell the truth I liked it.",  # an aside, not a purpose
        "The plan taxes elderly poor and family rich households alike.",  # adjectives in -ly
        "They were quietly strong and openly proud.",  # adverbs, nothing opposed
        "The army did not move, the army was afraid.",  # its subject again, another verb
        "The cost, not to mention the delay, was high.",  # "not to" as an aside
        "They came to go, not to go alone.",  # one verb in both infinitives
        "The sky is blue; it is summer.",  # copular clauses, one naming nothing
        "We kept the house, and not only that.",  # "and not" with no term after it
        "The plan was ready; and not one of us doubted it.",  # "and not" opening a clause
        "Whether we stay or we go, the rain falls.",  # "whether" with clauses, not phrases
        "He said yes or no quickly.",  # "or no" without the word said again
        "We thanked a mayor from the valley and not a few of the aldermen.",  # a litotes
        "The roads will be built, and not only will the town grow.",  # "not only" opens a clause
    ],
)
def test_clause_level_rules_leave_plain_sentences_alone(text):
    assert find_antithesis(text) == []


def test_indefinite_pronouns_and_great_small_oppose_in_parallel_slots():
    from rhetoric.lexicon import contrasts

    assert contrasts("anything", "nothing") and contrasts("great", "small")
    assert not contrasts("great", "large")
    text = "With the help of people we can do anything, and without their help, we can do nothing."
    spans = [s for s in find_antithesis(text) if s.kind == "antonym_parallel"]
    assert [s.text for s in spans] == ["do anything", "do nothing"]


def test_not_alone_but_a_new_clause_is_no_correctio():
    # "alone" limits X only when "but" goes on with the term set against it, not with a clause
    for text in (
        "We did not go alone, but we were never afraid.",
        "He did not die alone, but he died poor.",
    ):
        assert not [s for s in find_antithesis(text) if "alone" in s.evidence]
    kept = find_antithesis("We shall not live by bread alone, but by every word of hope.")
    assert any("alone" in s.evidence for s in kept)


def test_an_equal_half_at_the_sentence_start_may_not_cross_a_comma():
    # a half that crosses a comma is refused wherever it starts (the sentence's first word too)
    assert not [
        s
        for s in find_antithesis("The ships, guns and not ships alone.")
        if "X and not Y" in s.evidence
    ]
    assert not [
        s
        for s in find_antithesis("Ships, guns and not ships alone.")
        if "X and not Y" in s.evidence
    ]
