"""Shared word knowledge: the inlined tagger must decide exactly as NLTK's tagger does."""

from rhetoric.corpora import load_inaugural
from rhetoric.lexicon import _tagger, pos_tag, pos_tag_sentences
from rhetoric.text import Document


def test_pos_tag_gives_nltks_tags_word_for_word():
    tagger = _tagger()
    texts = list(load_inaugural().text)[::6]  # ten addresses from 1789 to the 2010s
    compared = 0
    for text in texts:
        doc = Document(text)
        for sentence in doc.sentences:
            words = [w.text for w in doc.words_of(sentence)]
            assert pos_tag(words) == [tag for _, tag in tagger.tag(words)], words
            compared += len(words)
    assert compared > 20_000


def test_sentences_tagged_together_get_nltks_tags_sentence_by_sentence():
    # pos_tag_sentences scores the words of all sentences in waves (Document.tags uses it): each
    # sentence must still be tagged on its own, from its own start, as NLTK tags it
    tagger = _tagger()
    doc = Document(" ".join(list(load_inaugural().text)[1::12]))
    sentences = [[w.text for w in doc.words_of(s)] for s in doc.sentences]
    sentences += [[], ["Hello"], ["1984", "well-being", "U.S.", "Zzzyx"]]
    together = pos_tag_sentences(sentences)
    assert together == [[tag for _, tag in tagger.tag(words)] for words in sentences]
    assert sum(map(len, sentences)) > 10_000
    assert doc.tags == [tag for tags in together[: len(doc.sentences)] for tag in tags]


def test_pos_tag_on_odd_tokens():
    tagger = _tagger()
    odd = ["1984", "well-being", "-", "", "3rd", "U.S.", "'s", "—", "Zzzyx", "HELLO"]
    for words in ([w] for w in odd if w):
        assert pos_tag(words) == [tag for _, tag in tagger.tag(words)]
    assert pos_tag(odd[:3] + odd[4:]) == [t for _, t in tagger.tag(odd[:3] + odd[4:])]
    assert pos_tag([]) == []


def test_wordnet_index_read_in_one_piece_equals_nltks():
    import warnings

    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    from rhetoric.lexicon import wordnet

    ours = wordnet()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = WordNetCorpusReader(ours.root, None)
    theirs = reference._lemma_pos_offset_map
    assert len(ours._lemma_pos_offset_map) == len(theirs) > 100_000
    assert all(dict(v) == dict(theirs[k]) for k, v in ours._lemma_pos_offset_map.items())
    assert ours.satellite_offsets == reference.satellite_offsets
    assert len(ours.satellite_offsets) > 10_000


def test_linked_lemma_names_are_nltks_derivations_and_pertainyms():
    from rhetoric.lexicon import linked_lemma_names, wordnet

    wn = wordnet()
    words = ["ruler", "truly", "prosperous", "running", "justice", "unjust", "nations", "Bush",
             "free", "governing", "a", "better", "eastern", "xqzt"]  # fmt: skip
    for word in words:
        expected = {
            r.name().lower()
            for entry in wn.lemmas(word)
            for r in entry.derivationally_related_forms() + entry.pertainyms()
        }
        assert linked_lemma_names(word) == expected, word


def test_wordnets_morphology_remembered_is_nltks():
    # the package's reader keeps each (form, part of speech) it was asked about; the answers, and
    # a fresh list each time, must be NLTK's own
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    from rhetoric.lexicon import wordnet

    wn = wordnet()
    forms = ["men", "running", "better", "axes", "leaves", "was", "ruler", "xqzt", "", "Bush"]
    for form in forms:
        for pos in ("n", "v", "a", "r", "s"):
            expected = WordNetCorpusReader._morphy(wn, form, pos)
            first, again = wn._morphy(form, pos), wn._morphy(form, pos)
            assert first == again == expected, (form, pos)
            first.append("changed")  # a caller's change must not reach the next caller
            assert wn._morphy(form, pos) == expected
            assert wn.morphy(form, pos) == (expected[0] if expected else None)


def test_collection_paused_restores_the_collectors_state():
    import gc

    import pytest

    from rhetoric.lexicon import _collection_paused

    was = gc.isenabled()
    try:
        gc.enable()
        with _collection_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        with pytest.raises(ValueError), _collection_paused():
            raise ValueError("a failed load")
        assert gc.isenabled()
        gc.disable()  # switched off by the caller: left off
        with _collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_synset_entries_sliced_from_the_data_files_are_nltks_synsets():
    """synset_entry slices a synset's line out of the data file's bytes at its offset: the same
    lexicographer file, words and lexical pointers as NLTK's synset at that offset, adjective
    satellites included (their lines are in the adjectives' file)."""
    import random

    from rhetoric.lexicon import synset_entry, wordnet

    wn = wordnet()
    rng = random.Random(7)
    checked = 0
    for pos in "nvars":
        synsets = [s for s in wn.all_synsets(pos) if s.pos() == pos]
        for synset in rng.sample(synsets, 150):
            entry = synset_entry(pos, synset.offset())
            assert entry.lexname == synset.lexname()
            assert list(entry.words) == [lemma.name() for lemma in synset.lemmas()]
            related = {
                (lemma.name(), other.name())
                for lemma in synset.lemmas()
                for other in lemma.antonyms() + lemma.derivationally_related_forms()
            }
            linked = {
                (entry.words[source], synset_entry(target_pos, offset).words[target])
                for symbol, target_pos, offset, source, target in entry.pointers
                if symbol in ("!", "+")
            }
            assert linked == related
            checked += 1
    assert checked == 750
