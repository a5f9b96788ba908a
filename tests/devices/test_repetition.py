"""Repetition: duplicated paragraphs and sentences, refrains, emphatic repeats, seed and gold floors."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.devices import repetition
from rhetoric.devices.repetition import (
    ADDRESS_FEATURES,
    EMPHATIC_FEATURES,
    PHRASE_FEATURES,
    document_frequencies,
    emphatic_candidates,
    emphatic_limit,
    emphatic_model,
    find_emphatic_repeats,
    find_repetition,
    is_address,
    marked_counts,
    marked_rates,
    phrase_features,
    phrase_maximum,
    score_emphatic,
)
from rhetoric.lexicon import is_content_word, word_classes
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
    # far enough apart to be the author's repetition (near copies are page copies, removed)
    between = "\n\n".join(f"Paragraph number {n} sits between the copies here." for n in range(4))
    text = f"{para}\n\n{between}\n\n{para}"
    spans = by_kind(find_repetition(text), "duplicated_paragraph")
    assert [(s.start, s.end) for s in spans] == [(0, len(para)), (text.rindex(para), len(text))]
    assert spans[0].group == spans[1].group
    # the sentences and phrases of the copy are not reported again as duplicated sentences
    assert by_kind(find_repetition(text), "duplicated_sentence") == []


def test_duplicated_paragraph_ignores_case_and_final_punctuation():
    para = "Farmers in the valley planted barley, oats and rye on the terraces above the river"
    between = "\n\n".join(f"Something else entirely is said in part {n}." for n in range(4))
    # (not first: an unpunctuated first line set off by a blank line is the title)
    text = f"The report opens here.\n\n{para}\n\n{between}\n\n{para.upper()}."
    assert len(by_kind(find_repetition(text), "duplicated_paragraph")) == 2


def test_duplicated_sentence():
    text = "The wells are running dry. Rain came late. The wells are running dry."
    spans = by_kind(find_repetition(text), "duplicated_sentence")
    assert [(s.start, s.end) for s in spans] == [(0, 26), (text.rindex("The wells"), len(text))]


def test_refrain_recurs_with_every_occurrence_in_one_group():
    text = (
        "We walked along the silver river road at dawn. The market was busy. "
        "Later the silver river road was flooded. Nobody knew why. "
        "By evening the silver river road shone again."
    )
    refrains = by_kind(find_repetition(text), "refrain")
    starts = [i for i in range(len(text)) if text.startswith("silver river road", i)]
    assert [s.start for s in refrains] == starts
    assert {s.text for s in refrains} == {"silver river road"}
    assert len({s.group for s in refrains}) == 1


def test_function_word_ngrams_and_frame_tails_are_not_refrains():
    text = (
        "He spoke of the river and of the hills. She spoke of the sea and of the plain. "
        "Members of the guild, members of the council, listen."
    )
    assert by_kind(find_repetition(text), "refrain") == []


def test_emphatic_candidates_are_every_mention_of_a_repeated_word_or_phrase():
    text = "They promised lower taxes, lower taxes for everyone, and then forgot."
    doc = Document(text)
    found = emphatic_candidates(doc)
    first, second = text.index("lower"), text.index("lower", 20)
    mentions = {
        (doc.words[i].start, doc.words[i + n - 1].end)
        for i, n in zip(found.first.tolist(), found.n_words.tolist(), strict=True)
    }
    assert mentions == {
        (first, first + 5),
        (first + 6, first + 11),
        (first, first + 11),
        (second, second + 5),
        (second + 6, second + 11),
        (second, second + 11),
    }
    assert found.features.shape == (6, len(EMPHATIC_FEATURES))
    # the two mentions of one phrase share a phrase id; the later one points back to the earlier
    pairs = defaultdict(list)
    for i, phrase, previous in zip(
        found.first.tolist(), found.phrase.tolist(), found.previous.tolist(), strict=True
    ):
        pairs[phrase].append((i, previous))
    assert sorted(len(p) for p in pairs.values()) == [2, 2, 2]
    assert all(p[0][1] == -1 and p[1][1] == p[0][0] for p in pairs.values())
    assert found.count.tolist() == [2] * 6


def test_emphatic_candidates_skip_words_said_once_and_function_words():
    doc = Document("The cat sat on the mat and the dog sat by the door.")
    found = emphatic_candidates(doc)
    assert {doc.words[i].text for i in found.first.tolist()} == {"sat"}
    assert len(emphatic_candidates(Document("Nothing repeats here at all.")).first) == 0


def test_a_phrase_said_again_at_once_is_an_emphatic_repeat():
    text = "They promised lower taxes, lower taxes for everyone, and then forgot."
    spans = find_emphatic_repeats(text, address=True)  # the one-regression ranker of addresses
    second = text.index("lower taxes", 20)
    assert [(s.start, s.end, s.kind) for s in spans] == [(second, second + 11, "emphatic_repeat")]
    assert 0.0 < spans[0].score < 1.0 and "lower taxes" in spans[0].evidence


def test_later_mentions_outrank_the_first():
    text = "We were told the plan was safe. Safe! Nothing about it was safe, and they knew it was never safe."
    spans = find_emphatic_repeats(text, threshold=0.0, per_1000_words=math.inf)
    phrase = [s for s in spans if s.text == "was safe"]
    assert [s.start for s in phrase] == [text.index("was safe"), text.rindex("was safe")]
    assert phrase[0].score < phrase[1].score
    assert phrase[0].evidence.endswith("first mention")
    kept = find_emphatic_repeats(text)
    assert kept and all(s.start > text.index("safe") for s in kept)


def test_the_news_ranker_puts_a_later_mention_above_the_first():
    text = (
        "Plan under fire\n\nThe ministry said the plan was safe. Safe! Nothing about it was safe, "
        "and they knew it was never safe. The report is due in May."
    )
    doc = Document(text)
    assert not is_address(doc)
    found = emphatic_candidates(doc)
    score = score_emphatic(found)
    assert ((score > 0) & (score < 1)).all()
    for phrase in set(found.phrase.tolist()):
        mine = np.flatnonzero(found.phrase == phrase)
        first = mine[found.previous[mine] < 0]
        assert len(first) == 1 and score[first[0]] < max(score[k] for k in mine if k != first[0])
    kept = find_emphatic_repeats(text)
    assert kept and all(s.evidence and not s.evidence.endswith("first mention") for s in kept)


def test_copies_of_a_duplicated_sentence_hold_no_emphatic_repeats():
    text = "We shall build the bridge. They said no. We shall build the bridge."
    assert [s.kind for s in find_repetition(text)] == ["duplicated_sentence"] * 2


def test_ordinary_topic_words_are_not_emphatic():
    text = (
        "Maria Lopez opened the bakery in 1998. The shop sells bread, cakes and coffee to the "
        "neighbourhood. Last spring the city repaved the street outside, and customers parked two "
        "blocks away for a month. Lopez says trade has recovered since then, and the bakery now "
        "employs six people."
    )
    assert find_emphatic_repeats(text) == []
    assert find_emphatic_repeats(text, threshold=0.0, per_1000_words=math.inf) != []


def test_threshold_bounds_and_no_overlaps():
    text = "Safe, they said. Safe and sound, safe and sound, and safe again, they said."
    everything = find_emphatic_repeats(text, threshold=0.0, per_1000_words=math.inf)
    assert find_emphatic_repeats(text, threshold=1.01) == []
    assert len(find_emphatic_repeats(text, threshold=0.0, per_1000_words=1.0)) == 1
    assert emphatic_limit(10, 12.0) == 1 and emphatic_limit(1000, 12.0) == 12
    assert all(a.end <= b.start for a, b in zip(everything, everything[1:], strict=False))
    default = find_emphatic_repeats(text)
    assert {(s.start, s.end) for s in default} <= {(s.start, s.end) for s in everything}
    for span in everything:
        assert text.lower().count(span.text.lower()) >= 2


def test_emphatic_model_resource():
    model = emphatic_model()
    assert tuple(model["features"]) == EMPHATIC_FEATURES
    assert tuple(model["phrase_features"]) == PHRASE_FEATURES
    assert len(PHRASE_FEATURES) == 4 * len(EMPHATIC_FEATURES)
    assert tuple(model["address_features"]) == ADDRESS_FEATURES
    assert EMPHATIC_FEATURES[: len(ADDRESS_FEATURES)] == ADDRESS_FEATURES
    parts = (("news", "phrase", PHRASE_FEATURES), ("news", "mention", EMPHATIC_FEATURES),
             ("address", "mention", ADDRESS_FEATURES))  # fmt: skip
    for ranker, part, names in parts:
        assert all(
            len(model[ranker][part][k]) == len(names)
            for k in ("low", "high", "mean", "scale", "coef")
        )
    for ranker in ("news", "address"):
        assert 0.0 < model[ranker]["threshold"] < 1.0
        rate = model[ranker]["per_1000_words"]
        assert rate is None or rate > 0
        assert 0.0 < model[ranker]["cross_validation"]["f1"] < 1.0
    assert model["cross_validation"] == model["news"]["cross_validation"]
    assert "train split only" in model["provenance"]
    frequency, n_docs = document_frequencies()
    assert n_docs > 300 and frequency["the"] == n_docs and min(frequency.values()) >= 3


def test_marked_counts_resource_and_rates():
    table, n_occurrences, n_marked = marked_counts()
    assert 0 < n_marked < n_occurrences and len(table) > 1000
    assert all(0 <= marked <= occurrences for occurrences, marked in table.values())
    overall = n_marked / n_occurrences
    content = [w for w in table if w.isalpha() and is_content_word(w)]
    never = next(w for w in content if table[w][1] == 0 and table[w][0] >= 50)
    often = max((w for w in content if table[w][0] >= 10), key=lambda w: table[w][1] / table[w][0])
    rates = marked_rates([never, often, "the", "qwzxvbnm"])
    # never marked in many occurrences: well under the overall rate; a word often marked above
    # it; a closed-class word 0; a word not counted: the overall rate
    assert 0 < rates[0] < overall / 5 and rates[1] > overall and rates[2] == 0.0
    assert math.isclose(rates[3], overall)
    # a text's own counts are left out when given (training reads no article's own annotations)
    own = {often: table[often]}
    assert math.isclose(marked_rates([often], own=own)[0], overall)


def test_marked_rate_and_classes_are_features_of_the_phrase():
    text = "Tariffs hurt badly. We said tariffs hurt badly, and farmers hurt. The farms shrank, the farms!"
    doc = Document(text)
    found = emphatic_candidates(doc)
    words = doc.keys
    column = found.features[:, EMPHATIC_FEATURES.index("marked_rate")]
    np.testing.assert_allclose(
        column, phrase_maximum(marked_rates(words), found.first, found.n_words)
    )
    names = ("adjective", "verb", "adverb", "noun_only")
    columns = found.features[:, [EMPHATIC_FEATURES.index(name) for name in names]]
    for k in range(len(found.first)):
        phrase = words[found.first[k] : found.first[k] + found.n_words[k]]
        classes = [word_classes(w) for w in phrase if is_content_word(w)]
        expected = [
            any("J" in c for c in classes), any("V" in c for c in classes),
            any("R" in c for c in classes), any(c == frozenset({"N"}) for c in classes),
        ]  # fmt: skip
        assert columns[k].tolist() == expected, phrase
    assert columns[:, 2].any()  # "badly" is an adverb


def test_address_ranker_reads_only_its_own_features():
    text = "We will win. We will win, and our children will win. I ask you: we will win."
    found = emphatic_candidates(Document(text))
    before = score_emphatic(found, address=True)
    changed = found.features.copy()
    changed[:, len(ADDRESS_FEATURES) :] += 5.0  # the newer columns move; the address score does not
    moved = repetition.EmphaticCandidates(
        found.first, found.n_words, found.phrase, found.count, found.previous, changed
    )
    np.testing.assert_array_equal(score_emphatic(moved, address=True), before)
    assert not np.allclose(score_emphatic(moved), score_emphatic(found))


def test_phrase_features_are_aggregates_over_the_mentions():
    text = "Tariffs hurt. We said tariffs, tariffs and more tariffs. The farms, the farms!"
    found = emphatic_candidates(Document(text))
    rows, row = phrase_features(found)
    assert rows.shape == (len(set(found.phrase.tolist())), len(PHRASE_FEATURES))
    n = len(EMPHATIC_FEATURES)
    for phrase in set(found.phrase.tolist()):
        mine = found.phrase == phrase
        assert len(set(row[mine].tolist())) == 1
        r = row[mine][0]
        np.testing.assert_allclose(rows[r, :n], found.features[mine].mean(axis=0))
        np.testing.assert_allclose(rows[r, n : 2 * n], found.features[mine].max(axis=0))
        np.testing.assert_allclose(rows[r, 2 * n : 3 * n], found.features[mine].min(axis=0))
        np.testing.assert_allclose(rows[r, 3 * n :], found.features[mine].std(axis=0), atol=1e-7)
        # a feature every mention shares has no spread at all, not rounding noise
        for name in ("log_count", "log_doc_words", "share", "doc_valence"):
            assert rows[r, 3 * n + EMPHATIC_FEATURES.index(name)] == 0.0
    # the mean of squares less the squared mean of three 0.7s is 1.7e-16, not 0 (naive spread
    # 1.3e-8): the spread must still be exactly 0
    shared = np.full((3, n), 0.7)
    shared[:, 0] = [1.0, 2.0, 3.0]
    three = np.arange(3)
    rows, _ = phrase_features(
        repetition.EmphaticCandidates(three, three + 1, np.zeros(3, int), three, three - 1, shared)
    )
    assert rows[0, 3 * n] > 0.8 and (rows[0, 3 * n + 1 :] == 0.0).all()


def test_blocks_keep_the_mentions_of_a_phrase_together(monkeypatch):
    text = " ".join(
        f"The {w} rose, the {w} fell, and the {w} rose again." for w in ("price", "tide", "wage")
    )
    whole = find_emphatic_repeats(text, threshold=0.0, per_1000_words=math.inf)
    monkeypatch.setattr(repetition, "_BLOCK_ROWS", 2)
    blocks = list(repetition._phrase_blocks(np.array([0, 0, 0, 1, 2, 2, 3])))
    assert blocks == [(0, 3), (3, 6), (6, 7)]  # cut at the first phrase start after 2 rows
    assert find_emphatic_repeats(text, threshold=0.0, per_1000_words=math.inf) == whole


def test_addresses_and_news_are_told_apart_and_ranked_by_their_own_ranker():
    speech = (
        "My fellow citizens, we meet in a hard winter. We will not rest, and our children will "
        "not rest, until the work is done. I ask you to stand with us."
    )
    news = (
        'Officials said the bridge was "structurally sound" on Monday. "We have no concerns," a '
        "spokesman said. Engineers disagreed, and the report, published on Friday, called for repairs."
    )
    assert is_address(Document(speech)) and not is_address(Document(news))
    assert not is_address(Document(""))
    for text in (speech, news):
        found = emphatic_candidates(Document(text))
        as_news, as_address = score_emphatic(found), score_emphatic(found, address=True)
        assert not np.allclose(as_news, as_address)
        default = find_emphatic_repeats(text, threshold=0.0, per_1000_words=math.inf)
        chosen = find_emphatic_repeats(
            text, threshold=0.0, per_1000_words=math.inf, address=is_address(Document(text))
        )
        assert default == chosen


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
@given(
    st.lists(
        st.sampled_from(
            [
                "the long road",
                "home again",
                "we shall",
                "rain",
                ", ",
                ". ",
                "\n\n",
                "never",
                "the council met",
                "bright",
            ]
        ),
        max_size=40,
    )
)
def test_spans_are_cut_from_the_text(pieces):
    text = " ".join(pieces)
    for span in find_repetition(text):
        assert span.text == text[span.start : span.end]
        assert 0.0 <= span.score <= 1.0 and span.device == "repetition"


def test_doc_id_is_carried():
    spans = find_repetition("We promised lower taxes, lower taxes for all of us.", doc_id="d1")
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


def test_a_repeat_both_finders_describe_is_counted_once():
    text = (
        "Let both sides try. We will wait. Let both sides ask. Now we act. Let both sides act. "
        "No words are enough. No words are sad enough. The end."
    )
    doc = Document(text)

    def refrain(phrase, group):
        starts = [i for i in range(len(text)) if text.startswith(phrase, i)]
        return [
            doc.span(a, a + len(phrase), device="repetition", kind="refrain", group=group)
            for a in starts
        ]

    three = refrain("Let both sides", "r1")  # three copies: a refrain
    two = refrain("No words are", "r2")  # two copies in adjacent sentences: an emphatic repeat
    inside_three = doc.span(
        three[2].start + 9, three[2].end, device="repetition", kind="emphatic_repeat"
    )
    inside_two = doc.span(two[1].start, two[1].end, device="repetition", kind="emphatic_repeat")
    elsewhere = doc.span(
        text.index("act."), text.index("act.") + 3, device="repetition", kind="emphatic_repeat"
    )
    kept = repetition.count_once(doc, [*three, *two, inside_three, inside_two, elsewhere])
    assert [s for s in kept if s.kind == "refrain"] == three  # the three-copy refrain stays whole
    assert inside_three not in kept  # one of its occurrences, not a figure of its own
    assert inside_two in kept and not set(two) & set(
        kept
    )  # the two close copies: one emphatic repeat
    assert elsewhere in kept  # an emphatic repeat outside any refrain is untouched
    # both copies of the close repeat marked emphatic: still one figure
    first_copy = doc.span(two[0].start, two[0].end, device="repetition", kind="emphatic_repeat")
    kept = repetition.count_once(doc, [*two, first_copy, inside_two])
    assert len(kept) == 1 and kept[0].kind == "emphatic_repeat"


def test_a_refrain_of_two_close_copies_is_reported_as_an_emphatic_repeat():
    text = "The tide is turning. The tide is turning for us all. We wait. " + "We row on. " * 8
    text += "The tide is turning."
    doc = Document(text)
    close = [doc.span(a, a + 19, device="repetition", kind="refrain", group="c", evidence="e")
             for a in (0, 21)]  # fmt: skip
    far = [doc.span(a, a + 19, device="repetition", kind="refrain", group="f", evidence="e")
           for a in (21, len(text) - 20)]  # fmt: skip
    kept = repetition.count_once(doc, close)
    assert [(s.start, s.kind) for s in kept] == [(0, "emphatic_repeat"), (21, "emphatic_repeat")]
    assert all(s.evidence == "e" + repetition.CLOSE_PAIR_NOTE and s.group == "c" for s in kept)
    # two such pairs in the same two sentences are one repeat: the surer is reported
    text2 = "No town is rich enough to forget. No town is proud enough to forget. We row on."
    doc2 = Document(text2)
    pair_a = [doc2.span(a, a + 10, device="repetition", kind="refrain", group="a", score=0.7)
              for a in (0, 34)]  # fmt: skip
    pair_b = [doc2.span(a, a + 16, device="repetition", kind="refrain", group="b", score=0.8)
              for a in (16, 51)]  # fmt: skip
    assert [s.text for s in pair_a] == ["No town is", "No town is"]
    assert [s.text for s in pair_b] == ["enough to forget", "enough to forget"]
    kept = repetition.count_once(doc2, [*pair_a, *pair_b])
    assert [(s.group, s.kind) for s in kept] == [("b", "emphatic_repeat")] * 2
    # a pair whose second sentence holds a kept emphatic mention is that repeat, said again
    mention = doc2.span(34, 44, device="repetition", kind="emphatic_repeat", score=0.9)
    kept = repetition.count_once(doc2, [*pair_b, mention])
    assert [(s.kind, s.start) for s in kept] == [("emphatic_repeat", 34)]
    # two copies far apart (or three copies) stay a refrain
    assert [s.kind for s in repetition.count_once(doc, far)] == ["refrain", "refrain"]
    three = [*close, far[1]]
    assert {s.kind for s in repetition.count_once(doc, [replace(s, group="t") for s in three])} == {
        "refrain"
    }


def test_an_address_reports_each_repeat_once_when_both_descriptions_pass_and_all_at_zero(
    data_home,
):
    from rhetoric.devices import find_devices
    from rhetoric.text import decode

    text, _ = decode((data_home / "inaugural/texts/1989-Bush.txt").read_bytes())
    doc = Document(text, "1989-Bush")
    found = find_repetition(doc)
    every = find_devices(doc, ["repetition"], min_score=0)
    # min_score=0 reports every candidate as found, a repeat's two descriptions included
    assert {(s.start, s.end, s.kind) for s in every} == {(s.start, s.end, s.kind) for s in found}
    pairs = [
        (r, e)
        for r in every
        if r.kind == "refrain"
        for e in every
        if e.kind == "emphatic_repeat" and r.start <= e.start and e.end <= r.end
    ]
    assert pairs  # this address has such repeats
    # at a min_score both descriptions of the surest such repeat pass (the scorer's default
    # threshold may pass them or not, as its retraining goes) ...
    refrain, emphatic = max(pairs, key=lambda pair: min(pair[0].score, pair[1].score))
    level = min(refrain.score, emphatic.score)
    assert level > 0
    scored = [s for s in every if s.score >= level]
    assert refrain in scored and emphatic in scored
    kept = find_devices(doc, ["repetition"], min_score=level)  # ... and they are reported once
    assert {(s.start, s.end) for s in kept} < {(s.start, s.end) for s in scored}
    assert (refrain.start, refrain.end) not in {(s.start, s.end) for s in kept} or (
        emphatic.start,
        emphatic.end,
    ) not in {(s.start, s.end) for s in kept}


def test_a_text_named_in_own_labels_left_out_is_scored_without_its_own_labels():
    table, _, _ = marked_counts()
    often = max(
        (w for w in table if w.isalpha() and is_content_word(w) and table[w][0] >= 10),
        key=lambda w: table[w][1] / table[w][0],
    )
    text = f"The {often} came. They spoke of the {often} again, the {often} and more."
    doc, other = Document(text, "counted"), Document(text, "new")

    def scores(d):
        return [s.score for s in find_emphatic_repeats(d, threshold=0.0, per_1000_words=math.inf)]

    before = scores(doc)
    with repetition.own_labels_left_out({"counted": {often: table[often]}}):
        left_out, untouched = scores(doc), scores(other)
    # only the text named changes: with its own marks gone its word reads as never marked
    assert left_out != before and max(left_out) < max(before)
    assert untouched == before and scores(doc) == before  # and the block restores the counts


def test_the_shipped_counts_are_the_training_pools_ptc_articles_exactly(data_home):
    """The marked counts and document frequencies hold the PTC train articles of the training
    pool and their labels, nothing else: no development (judged public news) article's labels."""
    from collections import Counter

    from rhetoric.evaluation.pool import development_documents, ptc_label_counts

    own = ptc_label_counts(data_home)
    assert own and not set(own) & development_documents(data_home)
    occurrences, marked, documents = Counter(), Counter(), Counter()
    for counts in own.values():
        for word, (a, b) in counts.items():
            occurrences[word] += a
            marked[word] += b
            documents[word] += 1
    table, n_occurrences, n_marked = marked_counts()
    assert (n_occurrences, n_marked) == (sum(occurrences.values()), sum(marked.values()))
    assert table == {w: (occurrences[w], marked[w]) for w in documents if documents[w] >= 3}
    frequency, n_docs = document_frequencies()
    assert n_docs == len(own)
    assert frequency == {w: n for w, n in documents.items() if n >= 3}


def test_a_heading_holds_no_occurrence_of_a_refrain():
    # the title line is structure: the address's own two uses are the refrain's occurrences
    text = (
        "ANNUAL MESSAGE ON THE STATE OF THE NATION\n\n"
        "A year ago I said that the state of the nation was sound. Today I report that the "
        "state of the nation is sounder still, and our people know it."
    )
    refrains = [s for s in find_repetition(text) if s.kind == "refrain"]
    assert [s.text for s in refrains] == ["state of the nation", "state of the nation"]
    assert all(s.start > text.index("\n") for s in refrains)
