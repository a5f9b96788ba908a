"""The loaded-language scorer's fast path against its feature records."""

import pytest

from rhetoric.framing.loaded import (
    LOADED_FEATURES,
    STATIC_FEATURES,
    loaded_model,
    model_vocabulary,
    predict_proba,
    word_probabilities,
    word_records,
)
from rhetoric.scoring.model import ScorerModel
from rhetoric.text import Document

TEXTS = [
    "The regime unleashed a brutal, savage crackdown on peaceful protesters! Was it 'justice'?",
    "We will not fail. Our so-called leaders have utterly betrayed the people, and they know it.\n\n"
    "WASHINGTON (AP) - The committee met on Tuesday to discuss the budget.",
    "Fellow citizens: the disastrous war drags on, yet hope remains. Hope remains!",
]


def _shipped(found, what: str):
    if found is None:
        pytest.skip(f"no {what} shipped")
    return found


@pytest.fixture(scope="module")
def model():
    return _shipped(loaded_model(), "loaded-language model")


@pytest.mark.parametrize("text", TEXTS)
def test_fast_probabilities_equal_those_of_the_feature_records(model, text):
    doc = Document(text)
    indices, records = word_records(doc, model_vocabulary(model))
    expected = dict(zip(indices, predict_proba(model, records).tolist(), strict=True))
    fast = word_probabilities(doc, model)
    assert fast.keys() == expected.keys() and fast
    assert all(fast[k] == pytest.approx(expected[k], abs=1e-12) for k in fast)


def test_the_dense_model_path_agrees_with_the_sparse_one(model):
    # A centred copy of the model (means moved, intercept compensated) takes the dense path of
    # ScorerModel.predict_proba: the same decision values, so the same probabilities.
    shift = [0.5] * len(model.columns)
    centred = ScorerModel(**{**model.__dict__, "mean": shift,
                             "intercept": model.intercept + sum(
                                 c * m / s for c, m, s in zip(model.coef, shift, model.scale, strict=True))})  # fmt: skip
    doc = Document(TEXTS[0])
    fast = word_probabilities(doc, model)
    dense = word_probabilities(doc, centred)
    assert dense.keys() == fast.keys()
    assert all(dense[k] == pytest.approx(fast[k], abs=1e-9) for k in fast)


def test_every_record_feature_is_declared_and_static_ones_do_not_depend_on_context(model):
    doc = Document("Savage attacks. The savage attacks were savage!")
    indices, records = word_records(doc, model_vocabulary(model))
    assert set().union(*records) <= set(LOADED_FEATURES)
    savage = [r for i, r in zip(indices, records, strict=True) if doc.words[i].norm == "savage"]
    assert len(savage) == 3
    static = [{k: r[k] for k in STATIC_FEATURES if k in r} for r in savage]
    assert static[0] == static[1] == static[2]
    assert savage[0]["sentence_first"] and not savage[1]["sentence_first"]
    assert savage[2]["exclamation"] and not savage[0]["exclamation"]


@pytest.mark.parametrize("word", ["brutal", "savage", "running", "freedoms", "quickly", "xqzt"])
def test_wordnet_facts_are_those_of_the_synsets(word):
    from rhetoric.framing.loaded import _wordnet_facts
    from rhetoric.lexicon import wordnet

    synsets = wordnet().synsets(word)
    assert _wordnet_facts(word) == (
        len(synsets),
        synsets[0].lexname() if synsets else "none",
    )


@pytest.fixture(scope="module")
def words():
    from rhetoric.framing.loaded import loaded_words

    return _shipped(loaded_words(), "loaded-language word model")


def test_the_word_model_is_what_the_shipped_model_reads(model, words):
    from rhetoric.framing.loaded import WORD_FEATURES

    assert "word_score" in model.features
    assert words.trees.kind == "trees" and set(words.trees.features) == set(WORD_FEATURES)
    assert set(WORD_FEATURES) <= set(LOADED_FEATURES) and set(WORD_FEATURES) < set(STATIC_FEATURES)
    # the priors are log-odds of a rate, the counts log1p of a number of words
    priors = [p for p, _ in words.lemmas.values()]
    assert min(priors) < words.default < max(priors)
    assert all(c > 0 for _, c in words.lemmas.values())


def test_an_unseen_lemma_gets_the_base_rate_and_a_word_score_of_its_own_features(words):
    from rhetoric.framing.loaded import _static_features

    statics = [_static_features("zqxvbrutalish", "JJ", "zqxvbrutalish"),
               _static_features("brutal", "JJ", "brutal")]  # fmt: skip
    words.add(statics)
    unseen, seen = statics[0][1], statics[1][1]
    assert (unseen["lemma_prior"], unseen["lemma_count"]) == (words.default, 0.0)
    assert seen["lemma_count"] > 0
    # the word score is the trees' decision over the word's features, row by row or together
    alone = [_static_features("brutal", "JJ", "brutal")]
    words.add(alone)
    assert alone[0][1]["word_score"] == pytest.approx(seen["word_score"], abs=1e-12)


def test_the_static_cache_is_bounded_and_filled_in_one_pass(model):
    from rhetoric.framing.loaded import _LinearWords

    scorer = _LinearWords(model, limit=5)
    words = [
        (w, "JJ", w) for w in ("brutal", "savage", "calm", "brutal", "quiet", "green", "wicked")
    ]
    scorer.fill(words)
    assert set(scorer.words) == set(words)  # a batch larger than the limit is kept whole
    scorer.fill([("vile", "JJ", "vile")])
    assert list(scorer.words) == [("vile", "JJ", "vile")]  # then the cache begins again
    assert scorer.word("brutal", "JJ", "brutal") == pytest.approx(
        _LinearWords(model).word("brutal", "JJ", "brutal"), abs=1e-12
    )


def test_a_document_that_begins_the_cache_again_keeps_its_words_known_before(model):
    from rhetoric.framing.loaded import _LinearWords, word_probabilities

    scorer = _LinearWords(model, limit=3)
    first = [(w, "JJ", w) for w in ("brutal", "savage", "calm")]
    scorer.fill(first)
    second = [(w, "JJ", w) for w in ("savage", "wicked", "calm")]  # one new word: over the limit
    scorer.fill(second)
    assert set(scorer.words) == set(second)
    fresh = _LinearWords(model)
    for word in second:
        assert scorer.words[word] == pytest.approx(fresh.word(*word), abs=1e-12)
    # through the public path: two documents sharing words, with a small cache
    from rhetoric.framing.loaded import _linear_words

    linear = _linear_words(model)
    if linear is None:
        return
    kept, linear.limit = linear.limit, 10
    try:
        linear.words.clear()
        word_probabilities(
            Document("The brutal regime unleashed a savage crackdown on peaceful protesters."),
            model,
        )
        again = Document(
            "The savage regime attacked protesters again, and the corrupt elites cheered wildly tonight."
        )
        assert word_probabilities(again, model)
    finally:
        linear.limit = kept
        linear.words.clear()


def test_words_of_one_stem_share_its_prior_and_an_unseen_stem_gets_the_base_rate(words):
    from rhetoric.framing.loaded import _static_features, stem

    assert stem("brutal") == stem("brutally") == stem("brutality")
    assert words.stems and all(c > 0 for _, c in words.stems.values())
    statics = [_static_features("brutal", "JJ", "brutal"),
               _static_features("brutality", "NN", "brutality"),
               _static_features("zqxvbrutalish", "JJ", "zqxvbrutalish")]  # fmt: skip
    words.add(statics)
    brutal, brutality, unseen = (record for _, record in statics)
    assert brutal["stem_prior"] == brutality["stem_prior"] != words.default
    assert brutal["stem_count"] == brutality["stem_count"] >= brutal["lemma_count"] > 0
    assert (unseen["stem_prior"], unseen["stem_count"]) == (words.default, 0.0)


def test_a_widened_run_takes_the_adjective_before_a_noun_but_not_the_determiner():
    from rhetoric.framing.loaded import widen

    doc = Document("They denounced the hate crimes of the mob.")
    words = [w.text for w in doc.words]
    hate, crimes = words.index("hate"), words.index("crimes")
    assert doc.tags[words.index("the")] == "DT" and doc.tags[crimes].startswith("NN")
    assert doc.tags[hate] == "JJ"  # the tagger's reading, which the rule follows
    for i in (hate, crimes):
        assert widen(doc, i, i) == (hate, crimes)
    # a noun after a determiner stays alone (PTC spans rarely hold the determiner)
    mob = words.index("mob")
    assert widen(doc, mob, mob) == (mob, mob)
