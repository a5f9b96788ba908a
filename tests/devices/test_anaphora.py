"""Anaphora and epistrophe: weighted openings, clause endings, offsets and the gold floors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.devices.anaphora import carries_weight, find_anaphora, find_epistrophe, weight


def test_empty_text_gives_nothing():
    assert find_anaphora("") == [] and find_epistrophe("") == []


def test_sentence_anaphora_spans_cover_the_shared_opening():
    text = "We shall rebuild the docks. We shall reopen the mills. We shall rest later."
    spans = find_anaphora(text)
    starts = [0, text.index("We shall reopen"), text.index("We shall rest")]
    assert [(s.start, s.end) for s in spans] == [(i, i + len("We shall")) for i in starts]
    assert {s.kind for s in spans} == {"sentence"} and len({s.group for s in spans}) == 1


def test_paragraph_anaphora_and_leading_conjunction():
    text = (
        "Below the hills, the farms lay fallow.\n\nBelow the hills, the rivers ran low.\n\n"
        "And below the hills, the towns slept."
    )
    spans = find_anaphora(text)
    assert len(spans) == 3 and {s.kind for s in spans} == {"paragraph"}
    assert spans[2].start == text.index("below the hills")


def test_common_openers_are_not_anaphora():
    text = (
        "The road was long. The night was cold. The inn was full. The horses were tired. "
        "It rained. It snowed. We waited. We left."
    )
    assert find_anaphora(text) == []


def test_clause_anaphora_across_dashes():
    text = "The hope of work--the hope of bread--the hope of peace: all were promised."
    spans = find_anaphora(text)
    assert [s.text.lower() for s in spans] == ["the hope of"] * 3
    assert {s.kind for s in spans} == {"clause"}


def test_comma_clauses_need_a_run_of_three():
    assert find_anaphora("Friends of the valley, Friends of the coast, welcome.") == []
    text = "to build bravely, to build wisely, to build together"
    assert [s.text for s in find_anaphora(text)] == ["to build"] * 3


def test_weight_rules():
    assert weight(("let", "us")) == 2.0
    assert carries_weight(("let", "us"), 2)
    assert not carries_weight(("it", "is"), 2)
    assert not carries_weight(("the", "ships"), 2)
    assert carries_weight(("the", "ships"), 3)
    assert carries_weight(("it", "is"), 4)
    assert not carries_weight(("the",), 9)


def test_epistrophe_within_a_sentence():
    text = "They built it in hope, and they defended it in hope."
    spans = find_epistrophe(text)
    first = text.index("it in hope")  # the shared ending runs back to where the clauses differ
    second = text.index("it in hope", first + 1)
    assert [(s.start, s.end) for s in spans] == [(first, first + 10), (second, second + 10)]
    assert spans[0].group == spans[1].group


def test_epistrophe_not_across_paragraphs_nor_on_titles():
    assert find_epistrophe("Prices rose across the region.\n\nWages fell across the region.") == []
    assert find_epistrophe("Dear Ms. Lee, Mr. Hart, Mr. Ode and guests, welcome.") == []


def test_identical_clauses_are_not_epistrophe():
    assert find_epistrophe("We will not yield, we will not yield.") == []


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Let us go",
                "we shall",
                "in hope",
                "the sea",
                ", ",
                ". ",
                "--",
                "\n\n",
                "And",
                "They rose",
            ]
        ),
        max_size=40,
    )
)
def test_spans_are_cut_from_the_text(pieces):
    text = " ".join(pieces)
    for span in find_anaphora(text) + find_epistrophe(text):
        assert span.text == text[span.start : span.end]


def test_seed_has_no_anaphora_on_bare_openers(seed_text):
    for span in find_anaphora(seed_text):
        assert (
            span.text.split()[0].lower() not in {"the", "it", "this", "in", "but"}
            or len(span.text.split()) > 1
        )


# --- figures over non-adjacent units and endings of function words ------------------------------


def test_opening_that_returns_every_other_paragraph():
    text = (
        "We, the builders, still hold that roads matter.\n\nWe do not doubt it.\n\n"
        "We, the builders, still hold that bridges matter.\n\nThe river is wide.\n\n"
        "We, the builders, still hold that ports matter.\n\nThank you."
    )
    spans = find_anaphora(text)
    unit = "We, the builders, still hold that"
    starts = [i for i in range(len(text)) if text.startswith(unit, i)]
    assert [(s.start, s.end, s.kind) for s in spans] == [
        (i, i + len(unit), "paragraph") for i in starts
    ]
    assert len({s.group for s in spans}) == 1 and spans[0].evidence.startswith("3 of 5 paragraphs")


def test_two_returns_of_an_opening_are_not_an_interleaved_refrain():
    text = "We, the builders, hold this.\n\nIt rains.\n\nWe, the builders, hold that.\n\nThe end."
    assert find_anaphora(text) == []


def test_sentence_that_closes_alternate_passages():
    text = (
        "Shall the towns pay the levy? The charter does not say. May the guild set the price? "
        "The charter does not say. Must the mayor sign the roll? The charter does not say."
    )
    spans = find_epistrophe(text)
    unit = "The charter does not say"
    starts = [i for i in range(len(text)) if text.startswith(unit, i)]
    assert [(s.start, s.end, s.kind) for s in spans] == [
        (i, i + len(unit), "sentence") for i in starts
    ]
    assert spans[0].evidence == "the same sentence closes 3 passages"


def test_clauses_ending_with_the_same_function_words():
    text = "I have no wish to do so, and I have no right to do so."
    spans = find_epistrophe(text)
    assert [(s.start, s.end) for s in spans] == [(15, 23), (45, 53)]
    assert {s.text for s in spans} == {"to do so"} and spans[0].group == spans[1].group


def test_a_sentence_said_twice_in_a_row_is_not_an_epistrophe():
    assert find_epistrophe("Where is he? The charter does not say. The charter does not say.") == []


def test_clauses_with_different_last_words_are_not_an_epistrophe():
    assert find_epistrophe("We all go up, or else we all go down.") == []


def test_sentence_endings_that_return_paragraphs_apart():
    text = (
        "We need new roads for a new age.\n\nThe old plan failed. We need a new spirit of trade "
        "for a new age.\n\nTomorrow begins. It is our task to build a new school for a new age."
    )
    spans = find_epistrophe(text)
    unit = "for a new age"
    starts = [i for i in range(len(text)) if text.startswith(unit, i)]
    assert [(s.start, s.end) for s in spans] == [(i, i + len(unit)) for i in starts]
    assert spans[0].evidence == '3 sentences end with "for a new age", sentences apart'


def test_one_shared_content_word_at_sentence_ends_is_not_enough():
    assert find_epistrophe("We went to the house.\n\nThey came from the house.") == []


def test_two_sentences_opening_with_two_uncommon_words():
    text = "Just as we keep our word, they keep theirs. Just as the river runs, the town grows. Then we rest."
    spans = find_anaphora(text)
    assert [(s.start, s.end, s.text) for s in spans] == [(0, 7, "Just as"), (44, 51, "Just as")]
    assert spans[0].evidence == '2 successive sentences begin with the two words "Just as"'


def test_one_word_opening_four_of_several_paragraphs():
    paragraphs = ["Tyranny rules by fear.", "Liberty rules by law.", "Tyranny silences the press.",
                  "Liberty hears it.", "Tyranny jails the poor.", "Liberty feeds them.", "Tyranny fails."]  # fmt: skip
    text = "\n\n".join(paragraphs)
    spans = find_anaphora(text)
    starts = [i for i in range(len(text)) if text.startswith("Tyranny", i)]
    assert [(s.start, s.end) for s in spans] == [(i, i + 7) for i in starts]
    assert spans[0].evidence == '4 of 7 paragraphs begin with "Tyranny"'


def test_two_sentences_opening_with_a_common_word_pair_are_not_anaphora():
    assert find_anaphora("The town slept. The town woke at dawn. Rain fell.") == []


def test_an_opening_repeated_after_a_short_lead_in_is_a_near_opening():
    text = ("As your mayor, I can promise you safer streets. And as your neighbour, I can promise "
            "you a kinder town. The budget is due in May.")  # fmt: skip
    spans = find_anaphora(text)
    assert [(s.kind, s.text) for s in spans] == [("near_opening", "I can promise you")] * 2
    assert spans[0].group == spans[1].group
    assert [text[s.start : s.end] for s in spans] == [s.text for s in spans]


def test_a_near_opening_needs_weight_one_paragraph_and_nearby_units():
    # function words only
    assert not find_anaphora("Then it was in the hall. And it was in the yard.")
    # the same phrase near the openings, but in two paragraphs
    assert not find_anaphora(
        "As mayor, I can promise you streets.\n\nAs neighbour, I can promise you towns."
    )
    # three sentences between the two: too far apart
    far = ("As mayor, I can promise you streets. We met. We ate. We left. "
           "As neighbour, I can promise you towns.")  # fmt: skip
    assert not [s for s in find_anaphora(far) if s.kind == "near_opening"]
    # identical openings stay the run rule's figure
    assert {
        s.kind for s in find_anaphora("The committee met on Monday. The committee met again.")
    } == {"sentence"}


def test_a_phrase_opening_three_members_of_a_list_is_a_list_anaphora():
    text = ("The decade will be a time of new roads, a time of open schools, and a time of "
            "quiet streets. They left because they were tired, because they were cold, and, "
            "finally, because they were hungry.")  # fmt: skip
    spans = find_anaphora(text)
    assert [(s.kind, s.text) for s in spans] == [("list", "a time of")] * 3 + [
        ("list", "because they were")
    ] * 3
    assert [text[s.start : s.end] for s in spans] == [s.text for s in spans]
    assert len({s.group for s in spans}) == 2


def test_three_questions_opening_alike_are_a_series_whatever_the_word():
    text = "How did we win? How can they lose? How shall we live now? We do not know."
    assert [(s.kind, s.text) for s in find_anaphora(text)] == [("sentence", "How")] * 3
    # two questions, or three statements, opening "How" are not
    assert not find_anaphora("How did we win? How can they lose? We slept.")
    assert not find_anaphora("How we won is known. How they lost is not. How we live is ours.")


def test_a_list_anaphora_needs_three_members_after_separators_and_weight():
    # two members only
    assert not find_anaphora("It was a time of roads and a time of schools for all of us here.")
    # the later members must open list members: after a separator (and perhaps "and")
    assert not find_anaphora(
        "We saw a time of plenty when a time of want came after a time of war had ended."
    )
    # function words alone do not carry a list ("of the")
    assert not find_anaphora(
        "They fixed the roof of the house, of the barn, and of the shed today."
    )
    # digits after thousands commas are not list openings ("143,000 in September")
    assert not find_anaphora(
        "Jobs grew by 250,000 in August, 143,000 in September, and 117,000 in October."
    )
    # members too far apart
    filler = " ".join(["word"] * 35)
    assert not find_anaphora(
        f"It was a time of roads, {filler}, a time of schools, a time of peace."
    )


def test_a_near_opening_may_skip_one_unit_and_its_figures_never_overlap():
    # one sentence between two members is allowed (NEAR_STEP), and the chain takes the third
    text = ("As mayor, I can promise you streets. We met. And as neighbour, I can promise you "
            "towns. So as friend, I can promise you parks.")  # fmt: skip
    spans = [s for s in find_anaphora(text) if s.kind == "near_opening"]
    assert [s.text for s in spans] == ["I can promise you"] * 3
    # one paragraph of many near openings: each chain is found once, and the figures do not
    # overlap one another (they were checked against a growing list, now a bisected one)
    units = [f"As {name}, I can promise you {thing}." for name, thing in
             zip(["mayor", "friend", "neighbour", "citizen"] * 50, ["streets", "towns"] * 100, strict=True)]  # fmt: skip
    found = [s for s in find_anaphora(" ".join(units)) if s.kind == "near_opening"]
    ranges = sorted((s.start, s.end) for s in found)
    assert found and all(a[1] <= b[0] for a, b in zip(ranges, ranges[1:], strict=False))


def test_a_list_of_names_or_quantities_is_not_list_anaphora():
    assert not find_anaphora(
        "Scholars from the University of Chicago, the University of Michigan, and the University "
        "of Texas met in the hall today."
    )
    assert not find_anaphora(
        "Mix one cup of flour, one cup of sugar, one cup of milk and stir well."
    )


def test_list_anaphora_spans_leave_the_conjunction_out_and_a_distant_occurrence_aside():
    text = ("They met and we thank the host for the room, and we thank you for coming, and we "
            "thank the staff for the food.")  # fmt: skip
    assert [s.text for s in find_anaphora(text)] == ["we thank"] * 3
    # an occurrence far before the list does not hide the list
    far = ("It was, a time of grief " + "word " * 40 + "and then, a time of hope, truly, a time "
           "of courage, truly, a time of resolve for all.")  # fmt: skip
    spans = find_anaphora(far)
    assert [s.text for s in spans] == ["a time of"] * 3
    assert spans[0].start > far.index("grief")


def test_a_question_series_may_close_in_quotes_but_not_open_with_an_article():
    quoted = (
        "\u201cWho sent him?\u201d \u201cWho paid him?\u201d \u201cWho hid him?\u201d Nobody knew."
    )
    assert [s.text for s in find_anaphora(quoted)] == ["Who"] * 3
    assert not find_anaphora("The vote? The count? The result? Nobody knew.")


def test_a_run_with_a_sentence_or_a_paragraph_between_its_members_is_one_figure():
    text = (
        "We need to mend the roads. We need to pay the nurses. That is the plan.\n\n"
        "We need to teach the children well, and we will.\n\nThe rest can wait."
    )
    spans = [s for s in find_anaphora(text) if s.text == "We need to"]
    assert len(spans) == 3 and len({s.group for s in spans}) == 1  # the paragraphs' run joined
    assert spans[0].evidence == '3 of 4 nearby sentences begin with "We need to"'
    # two successive members and a third two sentences on: not enough alone for a light opening
    light = "It is the law. It is the rule. Rain fell. It is the end."
    assert not [s for s in find_anaphora(light) if "nearby" in s.evidence]
    # four light members with gaps are
    light4 = "It is the law. It is the rule. Rain fell. It is the end. It is the way."
    assert len([s for s in find_anaphora(light4) if "nearby" in s.evidence]) == 4


def test_a_gapped_run_joins_a_run_it_holds_whole():
    # "Our hope" opens three nearby sentences; the sentence run "Our hope is" of two stands
    # inside it, so it is joined
    text = "Our hope is peace. Our hope is work. Rain fell. Our hope lives. Snow fell."
    spans = find_anaphora(text)
    assert [s.text for s in spans] == ["Our hope"] * 3 and len({s.group for s in spans}) == 1
    # a figure found already with every member of the gapped run (and longer openings) stays:
    # test_opening_that_returns_every_other_paragraph


def test_four_clauses_opening_on_one_subordinator_are_a_series():
    # one word that opens a subordinate clause weighs little, but four units on it in a row are a
    # period built on purpose; three are not enough, nor are four on an article
    text = (
        "This is the town we want: where mills run again; where every school stays open; where "
        "the young can find work; where no family is left behind."
    )
    spans = find_anaphora(text)
    assert [s.text for s in spans] == ["where"] * 4 and {s.kind for s in spans} == {"clause"}
    assert find_anaphora(text.replace("; where no family is left behind", "")) == []
    assert carries_weight(("that",), 4) and not carries_weight(("that",), 3)
    assert not carries_weight(("the",), 6)
