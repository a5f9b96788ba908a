"""Word senses in context: modal readings, names, manner adverbs, negation scope."""

from __future__ import annotations

import pytest

from rhetoric.framing import find_stance
from rhetoric.framing.senses import in_name, modal_reading, negated
from rhetoric.text import Document


def _reading(text: str, word: str) -> str:
    doc = Document(text)
    index = next(i for i, w in enumerate(doc.words) if w.norm == word)
    return modal_reading(doc, index)


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        ("The talks may fail this week.", "may", "epistemic"),
        ("You may leave the room now.", "may", "deontic"),
        ("May God bless this land.", "may", "optative"),
        ("The talks with Theresa May failed.", "may", "name"),
        ("In May 2019 the talks failed.", "may", "name"),
        ("We work so that our children may live in peace.", "may", "purpose"),
        ("Whatever the cost may be, we pay it.", "may", "hypothetical"),
        ("The plan might fail.", "might", "epistemic"),
        ("They fought with all their might.", "might", "noun"),
        ("We might as well go home.", "might", "hypothetical"),
        ("We must end this war now.", "must", "deontic"),
        ("The vote must be held today.", "must", "deontic"),
        ("They must have known the truth.", "must", "epistemic"),
        ("It must be true after all.", "must", "epistemic"),
        ("He would walk to school every day.", "would", "hypothetical"),
        ("I would like a recount.", "would", "hypothetical"),
        ("I would argue that the plan failed.", "would", "epistemic"),
        ("It would seem that the plan failed.", "would", "epistemic"),
        ("This could be the year of the deal.", "could", "epistemic"),
        ("The plan could fail.", "could", "epistemic"),
        ("We could not see the shore.", "could", "dynamic"),
        ("If we could, we would.", "could", "hypothetical"),
        ("It could have been avoided.", "could", "hypothetical"),
        ("Could you pass the salt?", "could", "hypothetical"),
    ],
)
def test_modal_readings(text, word, reading):
    assert _reading(text, word) == reading


def test_only_epistemic_modals_are_stance_words():
    text = "You may go. The plan may fail. We must act. They must have lied. He would walk daily."
    spans = find_stance(text, loaded=False, min_score=0)
    assert [(s.kind, s.start, s.text) for s in spans] == [
        ("hedge", 21, "may"),
        ("booster", 49, "must"),
    ]
    assert spans[0].evidence.startswith("hedge 'may', epistemic")


def test_names_and_title_case():
    doc = Document("Officials at the Justice Department met the Supreme Court clerk.")
    assert [w.text for k, w in enumerate(doc.words) if in_name(doc, k)] == [
        "Justice", "Department", "Supreme", "Court",
    ]  # fmt: skip
    # a sentence-initial word is no name on its capital alone
    doc = Document("Perhaps they will come.")
    assert not in_name(doc, 0)
    # all-capital emphasis is not a name
    doc = Document("They were TERRIBLE at it.")
    assert not any(in_name(doc, k) for k in range(len(doc.words)))


def test_manner_adverbs_and_concessive_indeed_are_not_boosters():
    text = "Hear me clearly. They speak clearly. The plan is clearly wrong."
    assert [(s.start, s.text) for s in find_stance(text, loaded=False, min_score=0)] == [
        (49, "clearly")
    ]
    text = "Indeed it was hard, but we won. Indeed the facts are plain."
    assert [(s.start, s.text) for s in find_stance(text, loaded=False, min_score=0)] == [
        (32, "Indeed")
    ]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("They have not failed.", "failed", True),
        ("You will not be welcome here.", "welcome", True),
        ("There is no real threat.", "threat", True),
        ("He did not want the war that followed.", "war", False),
        ("Not only brave but wise.", "brave", False),
        ("It is not over, and disaster followed.", "disaster", False),
        ("It is not over. Disaster followed.", "disaster", False),
        ("They acted without fear.", "fear", True),
    ],
)
def test_negation_scope(text, word, expected):
    doc = Document(text)
    index = next(i for i, w in enumerate(doc.words) if w.norm == word)
    assert negated(doc, index) is expected


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        ("Our tools may be new. But our values are old.", "may", "concessive"),
        ("If a truce may hold, we will talk.", "may", "hypothetical"),
        ("We keep the guards till regulars may relieve them.", "may", "dynamic"),
        ("There could be no greater honour.", "could", "hypothetical"),
        ("It may rain on Sunday.", "may", "epistemic"),
    ],
)
def test_root_concessive_and_conditional_modals(text, word, reading):
    assert _reading(text, word) == reading


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        ("Little that is new could be presented here.", "could", "dynamic"),
        ("It could be argued that the plan failed.", "could", "epistemic"),
        ("Errors may be tolerated in a draft.", "may", "dynamic"),
        ("I would say to my fellow citizens: begin.", "would", "hypothetical"),
        ("I would say the plan failed.", "would", "epistemic"),
        ("Our tools may be new. Our aims are old. But our values endure.", "may", "concessive"),
        ("We name the measures that a stricken nation may require.", "may", "dynamic"),
    ],
)
def test_passive_addressed_and_conceded_modals(text, word, reading):
    assert _reading(text, word) == reading


def test_quoted_and_reported_stance_is_not_the_writers():
    from rhetoric.framing.senses import in_quotation, reported

    text = (
        'Officials said the virus may spread. "It will clearly get worse," he warned. It may rain.'
    )
    doc = Document(text)
    mays = [i for i, w in enumerate(doc.words) if w.norm == "may"]
    assert [reported(doc, i) for i in mays] == [True, False]
    clearly = next(i for i, w in enumerate(doc.words) if w.norm == "clearly")
    assert in_quotation(doc, clearly)
    spans = find_stance(text, loaded=False, min_score=0)
    # only the writer's own hedge is left, at its exact offsets
    assert [(s.kind, s.start, s.end, s.text) for s in spans] == [("hedge", 80, 83, "may")]


def test_a_noun_is_no_reporting_verb_and_an_impersonal_aside_is_the_writers():
    from rhetoric.framing.senses import reported

    for text in ("The United States may be drawn in.", "It may be said that the plan may fail."):
        doc = Document(text)
        last_may = max(i for i, w in enumerate(doc.words) if w.norm == "may")
        assert not reported(doc, last_may), text


def test_a_modal_inside_a_hedged_frame_is_hedged_once():
    text = "But it may be that the demand may call for new measures."
    spans = find_stance(text, loaded=False, min_score=0)
    assert [(s.start, s.text) for s in spans] == [(7, "may")]


def test_a_quotation_set_over_several_lines_is_still_quoted():
    from rhetoric.framing.senses import in_quotation

    text = "He said:\n\n\u201cThey will lose.\n\nShe may believe it.\u201d\n\nIt may rain."
    doc = Document(text)
    mays = [i for i, w in enumerate(doc.words) if w.norm == "may"]
    assert [in_quotation(doc, i) for i in mays] == [True, False]


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        # "must be" infers only with a predicate of truth or a progressive; else it requires
        ("The scheme must be fair to every farmer. It must be fair.", "must", "deontic"),
        ("It must be a garden for all of us.", "must", "deontic"),
        ("Hikers must be able to cross the river.", "must", "deontic"),
        ("There are hurdles that must still be cleared.", "must", "deontic"),
        ("That must be the case, then.", "must", "epistemic"),
        ("She must be joking about the dates.", "must", "epistemic"),
        # a condition before "would say" makes it the apodosis, not a hedge
        ("If the count is wrong, I would say so at once.", "would", "hypothetical"),
        # a view granted to others, and an assurance, are not the writer's doubt
        ("Some might call the harvest a success.", "might", "concessive"),
        ("Critics may argue that the bridge is late.", "may", "concessive"),
        ("The sailors may be certain that help will come.", "may", "deontic"),
        # past ability or habit, and the tense of a past main verb
        ("When I lived there, the neighbours could play music all night.", "could", "dynamic"),
        ("We learned that a storm far away could flood our town.", "could", "dynamic"),
        ("A storm far away could flood our town.", "could", "epistemic"),
        # a possibility put to the audience ("it could be you") is no doubt of the writer's
        ("The next winner could be you.", "could", "hypothetical"),
        ("Some day, you could stand here.", "could", "hypothetical"),
    ],
)
def test_requirements_conditions_and_granted_views_are_not_stance(text, word, reading):
    assert _reading(text, word) == reading
