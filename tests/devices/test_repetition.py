"""Repetition: duplicated paragraphs and sentences, refrains, emphatic repeats, seed and gold floors."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.devices.repetition import find_emphatic_repeats, find_repetition
from rhetoric.text import Document


def by_kind(spans, kind):
    return [s for s in spans if s.kind == kind]


def groups(spans):
    found = defaultdict(list)
    for s in spans:
        found[s.group].append(s)
    return found


def test_empty_and_blank_text_give_nothing():
    assert find_repetition("") == []
    assert find_repetition("   \n\n  ") == []


def test_duplicated_paragraph_gives_every_copy_in_one_group():
    para = "Harbour towns along the northern coast rebuilt their piers after the great storm of spring."
    text = f"{para}\n\nA different paragraph sits between the copies here.\n\n{para}"
    spans = by_kind(find_repetition(text), "duplicated_paragraph")
    assert [(s.start, s.end) for s in spans] == [(0, len(para)), (text.rindex(para), len(text))]
    assert spans[0].group == spans[1].group
    # the sentences and phrases of the copy are not reported again as duplicated sentences
    assert by_kind(find_repetition(text), "duplicated_sentence") == []


def test_duplicated_paragraph_ignores_case_and_final_punctuation():
    para = "Farmers in the valley planted barley, oats and rye on the terraces above the river"
    text = f"{para}\n\nSomething else entirely is said in this one.\n\n{para.upper()}."
    assert len(by_kind(find_repetition(text), "duplicated_paragraph")) == 2


def test_duplicated_sentence():
    text = "The wells are running dry. Rain came late. The wells are running dry."
    spans = by_kind(find_repetition(text), "duplicated_sentence")
    assert [(s.start, s.end) for s in spans] == [(0, 26), (text.rindex("The wells"), len(text))]


def test_refrain_recurs_with_every_occurrence_in_one_group():
    text = ("We walked along the silver river road at dawn. The market was busy. "
            "Later the silver river road was flooded. Nobody knew why. "
            "By evening the silver river road shone again.")
    refrains = by_kind(find_repetition(text), "refrain")
    starts = [i for i in range(len(text)) if text.startswith("silver river road", i)]
    assert [s.start for s in refrains] == starts
    assert {s.text for s in refrains} == {"silver river road"}
    assert len({s.group for s in refrains}) == 1


def test_function_word_ngrams_and_frame_tails_are_not_refrains():
    text = ("He spoke of the river and of the hills. She spoke of the sea and of the plain. "
            "Members of the guild, members of the council, listen.")
    assert by_kind(find_repetition(text), "refrain") == []


def test_emphatic_repeat_of_a_short_phrase():
    text = "They promised lower taxes, lower taxes for everyone, and then forgot."
    spans = find_emphatic_repeats(text)
    first = text.index("lower taxes")
    second = text.index("lower taxes", first + 1)
    assert [(s.start, s.end) for s in spans] == [(first, first + 11), (second, second + 11)]
    assert spans[0].group == spans[1].group and spans[0].kind == "emphatic_repeat"


def test_distant_or_ordinary_repeats_are_not_emphatic():
    text = ("The council met on Monday. The harbour was quiet and the boats were out. "
            "On Friday the council met again.")
    assert find_emphatic_repeats(text) == []


def test_salutation_is_not_an_emphatic_repeat():
    text = "Members of the Guild, Members of the Council, friends: we meet again."
    assert find_repetition(text) == []


def test_boilerplate_is_never_analysed():
    body = "Our rivers are clean again. The towns along them are thriving."
    trailer = "\n\nLEAVE A REPLY\n\nPlease enter your comment!\nPlease enter your comment!\n"
    text = body + trailer
    spans = find_repetition(text)
    assert all(s.end <= len(body) for s in spans)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["the long road", "home again", "we shall", "rain", ", ", ". ", "\n\n",
                                 "never", "the council met", "bright"]), max_size=40))
def test_spans_are_cut_from_the_text(pieces):
    text = " ".join(pieces)
    for span in find_repetition(text):
        assert span.text == text[span.start : span.end]
        assert 0.0 <= span.score <= 1.0 and span.device == "repetition"


def test_doc_id_is_carried():
    spans = find_repetition("Rain again, rain again, all day.", doc_id="d1")
    assert spans and {s.doc_id for s in spans} == {"d1"}


# --- seed article and gold ---------------------------------------------------------------------


def test_seed_article(seed_text):
    doc = Document(seed_text, "seed")
    spans = find_repetition(doc)
    copies = by_kind(spans, "duplicated_paragraph")
    assert len(copies) == 2 and copies[0].group == copies[1].group
    assert copies[0].text.split()[:20] == copies[1].text.split()[:20]
    # a long refrain recurs at least three times
    refrains = groups(by_kind(spans, "refrain"))
    assert any(len(g) >= 3 and len(g[0].text.split()) >= 5 for g in refrains.values())
    # nothing inside the removed trailer
    assert doc.removed
    for span in spans:
        assert not any(span.start < r.end and r.start < span.end for r in doc.removed)


@pytest.fixture(scope="module")
def gold_result(data_home):
    from rhetoric.evaluation.gold import evaluate_gold

    return evaluate_gold(data_home.parent / "gold" / "devices_public.jsonl", data_home, devices=["repetition"])


def test_gold_floor(gold_result):
    summary, items = gold_result
    row = summary.set_index("device").loc["repetition"]
    assert row["matched"] >= 0.9 * row["positives"]
    assert row["violated"] == 0
