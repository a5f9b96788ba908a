"""Hedges, boosters and loaded words (device "stance"), on hand-made sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.framing import STANCE_KINDS, find_stance


def _found(text: str, **options) -> list[tuple[str, int, int, str]]:
    """What the sense rules find, with ``loaded=False``: every hedge and booster (the stance
    scorers' ``min_score=0``) unless ``min_score`` is given."""
    options = {"min_score": 0, **options} if options.get("loaded") is False else options
    return [(s.kind, s.start, s.end, s.text) for s in find_stance(text, **options)]


def test_hedges_and_boosters_with_offsets():
    text = "Perhaps the bill will pass; arguably it should. They must have known, and undoubtedly we will."
    assert _found(text, loaded=False) == [
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
    spans = find_stance("They were not certainly wrong.", loaded=False, min_score=0)
    assert [(s.kind, s.text, s.evidence.split(";")[0]) for s in spans] == [
        ("hedge", "certainly", "negated booster 'certainly'")
    ]
    assert "stance scorer p=" in spans[0].evidence  # every hedge is scored


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
    # by default only words above the stance scorer's threshold (precision first)
    assert len(find_stance(text)) <= len(find_stance(text, min_score=0.1))


def test_names_are_never_stance_words():
    text = "The Justice Department and Grace Hope spoke. Hope is a brutal, savage thing."
    texts = [s.text for s in find_stance(text, min_score=0.03)]
    assert any("brutal" in t for t in texts)
    assert not any(name in t for t in texts for name in ("Justice", "Department", "Grace"))


def test_negation_does_not_cross_a_clause_end():
    text = "It is not over. A brutal crackdown followed."
    kinds = [s.kind for s in find_stance(text, min_score=0)]
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


def _texts(text: str) -> list[str]:
    return [s.text for s in find_stance(text, loaded=False, min_score=0)]


def test_estimates_manner_and_comparatives_are_not_stance():
    # a figure given as an estimate, and an estimate hedging a clause
    assert _texts("Receipts are estimated at 12 billion. The estimated cost rose.") == []
    assert _texts("It is estimated that the herd will shrink.") == ["estimated"]
    # "fairly" of manner, and of degree before an adjective
    assert _texts("Judges must treat them more fairly. They played fairly and well.") == []
    assert _texts("The river was fairly calm.") == ["fairly"]
    # a comparative likelihood is content, a bare one the writer's hedge
    assert _texts("Smokers are three times more likely to cough.") == []
    assert _texts("The vote will likely slip.") == ["likely"]
    # predicative "apparent" is "evident"; attributive "apparent" hedges
    assert _texts("The damage became increasingly apparent.") == []
    assert _texts("The apparent winner waved.") == ["apparent"]
    # nor after its noun or before an object: "evident" there too
    assert _texts("Benefits too apparent ever to be overlooked.") == []
    assert _texts("The crisis made strikingly apparent the need for reform.") == []
    # thinking of someone is recall, not a softened claim
    assert _texts("As I think of the farms of my youth, I am glad.") == []
    assert _texts("I think we should act now.") == ["I think"]
    # "on the whole" before its noun is "the entire"; a sum divided "partly ... partly"
    assert _texts("A tax on the whole economy would hurt. On the whole, it worked.") == [
        "On the whole"
    ]
    assert _texts("It was paid partly in cash and partly in bonds. The plan partly worked.") == [
        "partly"
    ]


def test_clause_position_of_in_general_and_past_belief():
    assert _texts("Farmers in general and herders in particular gained.") == []
    assert _texts("In general, the herds grew.") == ["In general"]
    assert _texts("Because I thought it was late, I left.") == []
    assert _texts("I think it is late.") == ["I think"]


def test_manner_degree_and_concession_are_not_boosters():
    assert _texts("The border is clearly delineated on the map.") == []
    assert _texts("They now see more clearly that the dam leaks.") == []
    assert _texts("Prices fell slowly but surely.") == []
    assert _texts("The menu was absolutely dreadful, with absolutely nothing hot.") == []
    assert _texts("It is absolutely clear that the dam leaks.") == ["absolutely"]
    assert _texts("Of course, we cannot fix every road. But we can fix this one.") == []
    assert _texts("The road will, of course, be fixed by May.") == ["of course"]


def test_requirements_and_negation_are_not_boosters():
    assert _texts("Our map must be clear and complete.") == []
    assert _texts("Let us be sure that the map is complete.") == []
    assert _texts("She cannot prove that the map is wrong.") == []
    assert _texts("The drug does not actually cure anyone.") == []
    assert _texts("She can prove that the map is wrong.") == ["prove that"]


def test_approximators_of_absolute_quantities_are_not_hedges():
    assert _texts("Almost no water was left, and nearly everything burned.") == []
    assert _texts("The two teams were nearly equal.") == []
    # an event that nearly happened, or an amount nearly reached, is no softening
    assert _texts("The plan almost failed, and costs nearly doubled.") == []
    assert "almost" in _texts("The figure is almost certainly wrong.")
    assert _texts("The plan is almost ready.") == ["almost"]


def test_attribution_after_the_clause_or_by_a_verb_of_belief():
    from rhetoric.framing.senses import reported, reported_after
    from rhetoric.text import Document

    assert _texts("The storm could reach the coast, forecasters said on Monday.") == []
    assert _texts("The storm could reach the coast, according to forecasters.") == []
    assert _texts("Police believe that the driver probably fled.") == []
    assert _texts("He pointed out that the fee probably rose.") == []
    # the writer's own: a first-person report, an aside, a verb with an object
    assert _texts("The storm could reach the coast, as I said before.") == ["could"]
    assert _texts("I firmly believe that the storm will probably pass.") == ["probably"]
    assert _texts("The driver probably fled.") == ["probably"]
    doc = Document("Tests confirmed the charges, and the storm may pass.")
    may = next(i for i, w in enumerate(doc.words) if w.norm == "may")
    assert not reported(doc, may) and not reported_after(doc, may)
    # a hedge in the subject of a reporting verb that opens a quotation stays the writer's
    assert _texts('Someone, presumably a guard, tells the crowd: "Leave now."') == ["presumably"]


def test_plural_reporters_intensifying_possibly_and_determiner_certain():
    assert _texts("Experts say the flood could still spread.") == []
    assert _texts("We say the flood could still spread.") == ["could"]
    assert _texts("How can they possibly hold both views? One can't possibly go.") == []
    assert _texts("There are certain rules to follow.") == []
    assert _texts("A nearly two-thirds majority voted.") == []


def test_conceding_boosters_and_actually_of_an_event():
    assert _texts("I know that none of these roads is easy. But we must build them.") == []
    assert _texts("And, certainly, no one can ignore the cost. But the gain is larger.") == []
    assert _texts("I know that the road is finished.") == ["I know that"]
    assert _texts("The council will actually vote on Monday.") == []
    assert _texts("The budget has actually shrunk.") == ["actually"]


def test_more_negation_intensifying_possibly_and_clause_final_manner():
    assert _texts("He was unable to prove that the road was closed.") == []
    assert _texts("She works as hard as she possibly can.") == []
    assert _texts("They do not state the rule clearly and firmly.") == []
    assert _texts("The rule is clearly unfair.") == ["clearly"]


def test_the_sense_rules_name_only_terms_of_the_stance_lexicon():
    """A word the sense rules list but the lexicon leaves out ("always", "really", "truly",
    "inevitabl*": booster.txt says why) would be a rule that never fires."""
    from rhetoric.framing import stance_lexicon
    from rhetoric.framing.stance import _MANNER, _NEGATABLE

    terms = set(stance_lexicon().table["term"])
    assert _NEGATABLE <= terms and _MANNER <= terms
