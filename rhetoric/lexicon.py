"""Shared word knowledge for the detectors: function words, lemmas, part-of-speech tags.

Everything here loads an NLTK resource from the data home once per process (``lru_cache``), so
detectors can call these functions freely on hot paths.
"""

from __future__ import annotations

import gc
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from itertools import chain, pairwise
from typing import NamedTuple

import numpy as np

from rhetoric.datahome import require_nltk

# Words that carry grammar rather than content, beyond NLTK's English stopword list: modal and
# auxiliary forms, and the commonest determiners, quantifiers and adverbs of degree.
_EXTRA_FUNCTION_WORDS = {
    "shall", "may", "might", "must", "would", "could", "should", "can", "cannot", "will", "upon",
    "also", "yet", "us", "every", "within", "without", "whose", "among", "amongst", "thus",
    "therefore", "however", "one", "ones", "much", "many", "even", "still", "ever", "never",
    "let", "unto", "hath", "thee", "thou", "thy", "whilst", "though", "although",
    "per", "via", "whether", "toward", "towards", "onto", "since", "while",
}  # fmt: skip


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """NLTK's English stopwords plus modal, auxiliary and other grammatical words (lower case)."""
    require_nltk("corpora/stopwords")
    from nltk.corpus import stopwords

    words = {w.replace("’", "'") for w in stopwords.words("english")}
    return frozenset(words | _EXTRA_FUNCTION_WORDS)


def is_function_word(norm: str) -> bool:
    """True for a grammatical word (``norm`` is the normalised, lower-case form)."""
    return norm in function_words()


#: The speaker's own words: their rate marks an address (a speech, a letter), not a report.
FIRST_PERSON = frozenset({"we", "our", "us", "i", "my", "me", "ourselves"})


def first_person_rate(keys: list[str]) -> float:
    """The share of ``keys`` (lower-case words) that are :data:`FIRST_PERSON` words (0 for none).

    >>> first_person_rate(["we", "will", "not", "fail", "our", "children"])
    0.3333333333333333
    """
    return sum(k in FIRST_PERSON for k in keys) / max(1, len(keys))


@lru_cache(maxsize=1 << 16)
def is_content_word(norm: str) -> bool:
    """True for a word with lexical content: not a function word, not a number, not one letter.

    Cached: the detectors ask it of every word, and a corpus has far fewer distinct words."""
    return len(norm) > 1 and not norm.isdigit() and norm not in function_words()


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a large table of lasting objects is built.

    WordNet's index makes some 300,000 dicts and lists that live as long as the process: each
    few tens of thousands of them the collector would walk every object of the process (three
    full collections while the index loads, about a third of a second, finding nothing to
    free). The collector is switched on again afterwards, unless it was off before."""
    enabled = gc.isenabled()
    try:
        gc.disable()  # inside the try: an exception raised here still ends with it on again
        yield
    finally:
        if enabled:
            gc.enable()


#: The most (form, part of speech) pairs whose WordNet base forms are kept (a corpus of a million
#: words has some 50,000 distinct words).
_MORPHY_CACHE_SIZE = 1 << 18


@lru_cache(maxsize=1)
def _wordnet():
    require_nltk("corpora/wordnet")
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    class _WordNet(WordNetCorpusReader):
        def map_wn(self, version: str = "wordnet"):
            # NLTK compares the loaded version ("3.0") with the name "wordnet", finds them
            # different and builds a 3.0 -> 3.0 synset map for the multilingual functions: more
            # than half of the loading time, for a mapping this package never uses.
            return None

        def _morphy(self, form, pos, check_exceptions=True):
            # NLTK's morphology, remembered per (form, part of speech): lemma(), word_classes(),
            # the antonym and synset look-ups and the polyptoton roots each ask it about the
            # same words (three calls in four repeat one made before). A copy is returned, as
            # NLTK returns a new list.
            cache = self.__dict__.get("_morphy_cache")
            if cache is None:
                cache = self._morphy_cache = {}
            key = (form, pos, check_exceptions)
            found = cache.get(key)
            if found is None:
                if len(cache) >= _MORPHY_CACHE_SIZE:
                    cache.clear()
                found = cache[key] = tuple(super()._morphy(form, pos, check_exceptions))
            return list(found)

        def _scan_satellites(self):
            # NLTK's scan for the offsets of the adjective satellites, over the adjective data
            # file read in one piece: NLTK reads its 18,000 lines through its seekable stream
            # reader, a third of a second. The same lines (that reader splits as
            # str.splitlines does) and the same test of each.
            satellites = set()
            with self.open(f"data.{self._FILEMAP['a']}") as fp:
                lines = fp.read().splitlines()
            for line in lines:
                if line.startswith(" "):
                    continue
                fields = line.split(None, 3)  # NLTK splits the whole line; the first three count
                if len(fields) >= 3 and fields[2] == "s":
                    satellites.add(int(fields[0]))
            self.satellite_offsets = satellites

        def _load_lemma_pos_offset_map(self):
            # NLTK's parsing, over each index file read in one piece: NLTK reads it line by
            # line through its seekable stream reader, the larger part of loading WordNet.
            with _collection_paused():
                self._read_lemma_pos_offset_map()

        def _read_lemma_pos_offset_map(self):
            from nltk.corpus.reader.wordnet import ADJ, ADJ_SAT, WordNetError

            offsets_of = self._lemma_pos_offset_map
            for suffix in self._FILEMAP.values():
                with self.open(f"index.{suffix}") as fp:
                    lines = fp.read().split("\n")
                for number, line in enumerate(lines, 1):
                    if line.startswith(" ") or not line.strip():
                        continue
                    fields = line.split()
                    try:
                        lemma, pos, n_synsets = fields[0], fields[1], int(fields[2])
                        assert n_synsets > 0
                        at = 4 + int(fields[3])  # skip the pointer symbols
                        assert int(fields[at]) == n_synsets
                        offsets = [int(f) for f in fields[at + 2 : at + 2 + n_synsets]]
                        assert len(offsets) == n_synsets
                    except (AssertionError, ValueError, IndexError) as error:
                        raise WordNetError(
                            f"file index.{suffix}, line {number}: {error}"
                        ) from error
                    offsets_of[lemma][pos] = offsets
                    if pos == ADJ:
                        satellites = self.satellite_offsets
                        offsets_of[lemma][ADJ_SAT] = [o for o in offsets if o in satellites]

    for resource in ("corpora/wordnet.zip/wordnet/", "corpora/wordnet/"):
        try:
            root = nltk.data.find(resource)
        except LookupError:
            continue
        with warnings.catch_warnings():  # "multilingual functions are not available": not used
            warnings.simplefilter("ignore", UserWarning)
            return _WordNet(root, None)
    from nltk.corpus import wordnet  # any other layout: NLTK's own loader

    wordnet.ensure_loaded()
    return wordnet


def wordnet():
    """NLTK's WordNet reader, loaded from the data home."""
    return _wordnet()


_SYNTACTIC_MARKER = re.compile(r"\([^()]*\)$")


class SynsetEntry(NamedTuple):
    """What the package reads of a WordNet synset (:func:`synset_entry`)."""

    lexname: str  # the lexicographer file ("noun.feeling", "adj.all")
    words: tuple[str, ...]
    pointers: tuple[tuple[str, str, int, int, int], ...]


def _data_bytes(pos: str) -> bytes:
    """The bytes of WordNet's data file of ``pos`` (``s``, the adjective satellites, are in the
    adjectives' file), read once per file: a synset's line is sliced out of them at its offset (a
    byte offset), where NLTK's stream reader seeks and decodes line by line in Python."""
    return _data_file_bytes(wordnet()._FILEMAP["a" if pos == "s" else pos])


@cache
def _data_file_bytes(name: str) -> bytes:
    with wordnet()._root.join(f"data.{name}").open() as stream:
        return stream.read()


@lru_cache(maxsize=1 << 16)
def synset_entry(pos: str, offset: int) -> SynsetEntry:
    """The WordNet synset at ``offset`` in the data file of ``pos``: its lexicographer file, its
    words (syntactic markers such as ``(a)`` taken off, as NLTK names its lemmas) and its lexical
    pointers, as ``(symbol, target pos, target offset, source word, target word)`` with 0-based
    word numbers.

    Read from the data line itself: NLTK's ``synset_from_pos_and_offset`` parses the whole
    entry (gloss, every pointer, verb frames, sense keys) and keeps the synset for the process.
    """
    data = _data_bytes(pos)
    line = data[offset : data.index(b"\n", offset)].decode("utf-8")
    fields = line.partition("|")[0].split()
    n_words = int(fields[3], 16)
    words = tuple(_SYNTACTIC_MARKER.sub("", fields[4 + 2 * k]) for k in range(n_words))
    at = 4 + 2 * n_words
    pointers = []
    for k in range(int(fields[at])):
        symbol, target, target_pos, numbers = fields[at + 1 + 4 * k : at + 5 + 4 * k]
        if numbers != "0000":
            pointers.append(
                (
                    symbol,
                    target_pos,
                    int(target),
                    int(numbers[:2], 16) - 1,
                    int(numbers[2:], 16) - 1,
                )
            )
    return SynsetEntry(wordnet()._lexnames[int(fields[1])], words, tuple(pointers))


def synset_offsets(word: str, pos: str) -> list[int]:
    """The data-file offsets of the synsets of every base form of ``word`` as ``pos`` (``n v a
    r``), in WordNet's order: the synsets ``wordnet().synsets(word, pos)`` lists, without building
    them (read with :func:`synset_entry`). The one place that reads NLTK's index directly.

    >>> [synset_entry("n", o).lexname for o in synset_offsets("fears", "n")][:1]
    ['noun.feeling']
    """
    wn = wordnet()
    return [
        offset
        for form in wn._morphy(word, pos)
        for offset in wn._lemma_pos_offset_map[form].get(pos, [])
    ]


def linked_lemma_names(word: str, symbols: tuple[str, ...] = ("+", "\\")) -> set[str]:
    """The lower-case names of the lemmas that WordNet links to the lemmas named ``word`` by a
    lexical pointer of ``symbols`` (``+`` derivationally related form, ``\\`` pertainym).

    The same names as ``{r.name().lower() for l in wordnet().lemmas(word) for r in
    l.derivationally_related_forms() + l.pertainyms()}`` (a test compares them), without
    building the synsets.

    >>> sorted(linked_lemma_names("ruler"))
    ['rule', 'rulership']
    """
    word = word.lower()
    found: set[str] = set()
    for pos in ("n", "v", "a", "r"):
        for offset in synset_offsets(word, pos):
            _, words, pointers = synset_entry(pos, offset)
            names = {w for w in words if w.lower() == word}
            for symbol, target_pos, target, source, number in pointers:
                if symbol in symbols and words[source] in names:
                    found.add(synset_entry(target_pos, target).words[number].lower())
    return found


@lru_cache(maxsize=1 << 16)
def is_wordnet_lemma(name: str) -> bool:
    """Whether WordNet lists ``name`` (lower case, words joined by ``_``) as a lemma of any part of
    speech, as it is written (no base form is looked for).

    >>> is_wordnet_lemma("civil_service"), is_wordnet_lemma("civil_courage")
    (True, False)
    """
    return bool(wordnet()._lemma_pos_offset_map.get(name))


@lru_cache(maxsize=1 << 16)
def porter_stem(word: str) -> str:
    """The Porter stem of a word (NLTK's stemmer): the one stemmer of the package's word roots
    (polyptoton's roots, chiasmus's parts, the loaded-language stem prior).

    >>> porter_stem("brutality"), porter_stem("brutally")
    ('brutal', 'brutal')
    """
    return _porter().stem(word)


@lru_cache(maxsize=1)
def _porter():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=65536)
def lemma(norm: str, pos: str | None = None) -> str:
    """The WordNet base form of a lower-case word (``pos`` one of ``n v a r``), else the word.

    >>> lemma("running", "v"), lemma("countries")
    ('run', 'country')
    """
    word = norm.replace("'", "")
    wn = _wordnet()
    if pos:
        return wn.morphy(word, pos) or norm
    for tag in ("n", "v", "a", "r"):
        base = wn.morphy(word, tag)
        if base:
            return base
    return norm


@lru_cache(maxsize=1)
def _tagger():
    require_nltk("taggers/averaged_perceptron_tagger_eng/")
    from nltk.tag.perceptron import PerceptronTagger

    return PerceptronTagger()


def _normalize(word: str) -> str:
    """The tagger's word normalisation (``PerceptronTagger.normalize``)."""
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word and word[0].isdigit():
        return "!DIGITS"
    return word.lower()


@lru_cache(maxsize=1)
def _tagger_matrix() -> tuple[dict[str, int], np.ndarray, list[str]]:
    """The perceptron's weights as a dense matrix: a row per feature string (``index``), a column
    per tag, the tags in descending order (so that the first of equal scores is the tag NLTK
    picks: the greatest), and a last row of zeros, which stands for a feature the model lacks
    (row ``len(index)``). About 27 MB, built once per process (before the workers fork)."""
    model = _tagger().model
    labels = sorted(model.classes, reverse=True)
    column = {label: k for k, label in enumerate(labels)}
    index = {feature: row for row, feature in enumerate(model.weights)}
    matrix = np.zeros((len(index) + 1, len(labels)))  # the last row: no feature
    for feature, weights in model.weights.items():
        row = index[feature]
        for label, weight in weights.items():
            matrix[row, column[label]] = weight
    return index, matrix, labels


def pos_tag(words: list[str]) -> list[str]:
    """Penn Treebank tags for a sentence's words (NLTK's averaged perceptron tagger); see
    :func:`pos_tag_sentences`.

    >>> pos_tag(["We", "choose", "the", "moon"])
    ['PRP', 'VBP', 'DT', 'NN']
    """
    return pos_tag_sentences([words])[0]


#: Words scored at once by :func:`pos_tag_sentences` (their scores take 360 bytes each).
_TAG_BLOCK = 8192


def pos_tag_sentences(sentences: list[list[str]]) -> list[list[str]]:
    """Penn Treebank tags for the words of each sentence (NLTK's averaged perceptron tagger,
    each sentence tagged on its own, as ``PerceptronTagger.tag`` tags it).

    The same model and the same decisions as ``PerceptronTagger.tag`` (a test compares them
    word for word), with the weights in a dense matrix (:func:`_tagger_matrix`): a word's scores
    are the sum of the rows of its features, added one row after another in NLTK's order of
    features (so the floating-point scores are NLTK's, bit for bit; a feature the model lacks
    adds the last row, of zeros), and the best tag is the first maximum. NLTK builds a
    dictionary of features per word and ranks all 45 tags through a key function, which made
    tagging the largest single cost of a corpus run.

    A word's features include the tags of the two words before it, so the words outside the
    tag dictionary are scored in waves: first every word whose two predecessors have tags (from
    the dictionary, or the sentence's start), then every word whose predecessors were tagged in
    an earlier wave, and so on (a word's tag depends only on its features, so the order in
    which words are tagged does not matter once their predecessors are). The rows of a word's
    features are looked up in tables (per distinct word, per distinct normalised word, per pair
    of tags), and a wave's words, across all sentences, are scored :data:`_TAG_BLOCK` at a time,
    so that numpy finds and adds up many words' rows in one call.

    >>> pos_tag_sentences([["We", "choose"], ["the", "moon"]])
    [['PRP', 'VBP'], ['DT', 'NN']]
    """
    tagdict = _tagger().tagdict
    index, matrix, _ = _tagger_matrix()
    none = len(index)  # the row of zeros
    bias = index.get("bias", none)
    tag_names, tag_id, tag_rows, pair_features = _tag_tables()
    n_tags = len(tag_names)
    lengths = np.fromiter(map(len, sentences), dtype=np.intp, count=len(sentences))
    n_words = int(lengths.sum())
    if n_words == 0:
        return [[] for _ in sentences]
    # Every sentence as slots: two before its words, its words, two after (the context of
    # PerceptronTagger: "-START-", "-START2-", words, "-END-", "-END2-"); a word's slot is its
    # position in the text plus four per sentence before it, plus two.
    sentence_of = np.repeat(np.arange(len(sentences)), lengths)
    word_slot = np.arange(n_words) + 4 * sentence_of + 2
    n_slots = n_words + 4 * len(sentences)
    # the distinct words, numbered in order of first occurrence
    words = dict.fromkeys(chain.from_iterable(sentences), 0)
    for number, word in enumerate(words):
        words[word] = number
    word_code = np.fromiter(
        map(words.__getitem__, chain.from_iterable(sentences)), dtype=np.intp, count=n_words
    )
    # the distinct normalised words (and the context's padding), numbered likewise
    normals = {"-START-": 0, "-START2-": 1, "-END-": 2, "-END2-": 3}
    normal_of_word = np.array(
        [normals.setdefault(_normalize(word), len(normals)) for word in words], dtype=np.intp
    )
    own_rows = np.array([_own_rows(word, _normalize(word)) for word in words], dtype=np.intp)
    context_rows = np.array(list(map(_context_rows, normals)), dtype=np.intp)
    slot_normal = np.empty(n_slots, dtype=np.intp)
    starts = np.concatenate([[0], np.cumsum(lengths + 4)[:-1]])  # each sentence's first slot
    slot_normal[starts], slot_normal[starts + 1] = 0, 1
    ends = starts + lengths + 2
    slot_normal[ends], slot_normal[ends + 1] = 2, 3
    slot_normal[word_slot] = normal_of_word[word_code]
    # each slot's tag: the word's tag from the dictionary, "-START2-" and "-START-" before a
    # sentence (the tags of its first word's two predecessors), -1 for a word not yet tagged
    known = [tagdict.get(word) for word in words]
    known = np.array([tag_id[tag] if tag else -1 for tag in known], dtype=np.intp)
    slot_tag = np.full(n_slots, -1, dtype=np.intp)
    slot_tag[starts], slot_tag[starts + 1] = tag_id["-START2-"], tag_id["-START-"]
    slot_tag[word_slot] = known[word_code]
    slot_word = np.empty(n_slots, dtype=np.intp)
    slot_word[word_slot] = word_code
    # "i-1 tag+i word" rows: sorted keys (normalised word * tags + tag) of the features present
    keys, key_rows = [], []
    for normal, number in normals.items():
        for tag, row in pair_features.get(normal, ()):
            keys.append(number * n_tags + tag)
            key_rows.append(row)
    order = np.argsort(np.array(keys, dtype=np.intp), kind="stable")
    pair_keys = np.append(np.array(keys, dtype=np.intp)[order], np.iinfo(np.intp).max)
    pair_rows = np.append(np.array(key_rows, dtype=np.intp)[order], none)
    bias_row = matrix[bias]
    pending = word_slot[slot_tag[word_slot] < 0]
    while len(pending):
        ready = (slot_tag[pending - 1] >= 0) & (slot_tag[pending - 2] >= 0)
        wave, pending = pending[ready], pending[~ready]
        for first in range(0, len(wave), _TAG_BLOCK):
            here = wave[first : first + _TAG_BLOCK]
            prev, prev2 = slot_tag[here - 1], slot_tag[here - 2]
            normal = slot_normal[here]
            pair_key = normal * n_tags + prev
            found = np.searchsorted(pair_keys, pair_key)
            pair = np.where(pair_keys[found] == pair_key, pair_rows[found], none)
            tag3 = tag_rows[prev, prev2]
            own3 = own_rows[slot_word[here]]
            before, before2 = (
                context_rows[slot_normal[here - 1]],
                context_rows[slot_normal[here - 2]],
            )
            after, after2 = context_rows[slot_normal[here + 1]], context_rows[slot_normal[here + 2]]
            # The features of PerceptronTagger._get_features, in its order, added one after
            # another (the same additions as summing each word's rows in turn)
            features = (
                own3[:, 0], own3[:, 1], tag3[:, 0], tag3[:, 1], tag3[:, 2], own3[:, 2], pair,
                before[:, 0], before[:, 1], before2[:, 2], after[:, 3], after[:, 4], after2[:, 5],
            )  # fmt: skip
            scores = bias_row + matrix.take(features[0], axis=0)
            part = np.empty_like(scores)
            for feature in features[1:]:
                scores += matrix.take(feature, axis=0, out=part)
            slot_tag[here] = scores.argmax(axis=1)  # the tags' numbers are the labels' columns
    tags = np.array(tag_names, dtype=object)[slot_tag[word_slot]].tolist()
    bounds = np.concatenate([[0], np.cumsum(lengths)]).tolist()
    return [tags[a:b] for a, b in pairwise(bounds)]


@lru_cache(maxsize=1)
def _tag_tables() -> tuple[list[str], dict[str, int], np.ndarray, dict[str, list[tuple[int, int]]]]:
    """The tags a word's predecessor may have, numbered (the labels first, in the columns'
    order, then the sentence-start tags and any other tag of the tag dictionary); the rows of
    ``i-1 tag``, ``i-2 tag`` and ``i tag+i-2 tag`` for every pair of them (:func:`_tag_rows`); and
    for every word of an ``i-1 tag+i word`` feature, its (tag number, row) pairs."""
    tagdict = _tagger().tagdict
    index, _, labels = _tagger_matrix()
    names = list(labels)
    for tag in ("-START-", "-START2-", *sorted({t for t in tagdict.values() if t})):
        if tag not in names:
            names.append(tag)
    number = {tag: k for k, tag in enumerate(names)}
    rows = np.array([[_tag_rows(prev, prev2) for prev2 in names] for prev in names], dtype=np.intp)
    prefix = "i-1 tag+i word "
    pairs: dict[str, list[tuple[int, int]]] = {}
    for feature, row in index.items():
        if feature.startswith(prefix):
            tag, _, word = feature[len(prefix) :].partition(" ")
            if tag in number:
                pairs.setdefault(word, []).append((number[tag], row))
    return names, number, rows, pairs


# The rows of a word's features that depend on one word or one pair of tags, looked up once per
# word (a corpus repeats its words) rather than built as strings and looked up for every word;
# a feature the model lacks gets the row of zeros.


@lru_cache(maxsize=1 << 16)
def _own_rows(word: str, normalized: str) -> tuple[int, int, int]:
    """The rows of ``i suffix``, ``i pref1`` and ``i word`` for a word and its normal form."""
    index = _tagger_matrix()[0]
    none = len(index)
    return (
        index.get("i suffix " + word[-3:], none), index.get("i pref1 " + word[:1], none),
        index.get("i word " + normalized, none),
    )  # fmt: skip


@lru_cache(maxsize=1 << 16)
def _context_rows(normalized: str) -> tuple[int, ...]:
    """The rows of a neighbour's features: ``i-1 word``, ``i-1 suffix``, ``i-2 word``, ``i+1 word``,
    ``i+1 suffix``, ``i+2 word``, for a (normalised) neighbour."""
    index = _tagger_matrix()[0]
    none, suffix = len(index), normalized[-3:]
    return tuple(
        index.get(feature, none)
        for feature in (
            "i-1 word " + normalized, "i-1 suffix " + suffix, "i-2 word " + normalized,
            "i+1 word " + normalized, "i+1 suffix " + suffix, "i+2 word " + normalized,
        )
    )  # fmt: skip


@lru_cache(maxsize=4096)
def _tag_rows(prev: str, prev2: str) -> tuple[int, int, int]:
    """The rows of ``i-1 tag``, ``i-2 tag`` and ``i tag+i-2 tag`` for the two tags before a word."""
    index = _tagger_matrix()[0]
    none = len(index)
    return (
        index.get("i-1 tag " + prev, none), index.get("i-2 tag " + prev2, none),
        index.get("i tag+i-2 tag " + prev + " " + prev2, none),
    )  # fmt: skip


# --- contrast ---------------------------------------------------------------------------------

# Closed-class words that WordNet either lacks or keeps out of its antonym links, but that set up
# contrasts in parallel phrases (quantifiers, frequency adverbs, ordinals, indefinite pronouns and
# adverbs), and "great" / "small", which WordNet opposes only through "large" and "big".
_CLOSED_CLASS_OPPOSITES = (
    ("all", "none"), ("all", "nothing"), ("everything", "nothing"), ("everybody", "nobody"),
    ("everyone", "nobody"), ("always", "never"), ("many", "few"), ("more", "less"),
    ("more", "fewer"), ("most", "least"), ("first", "last"), ("best", "worst"),
    ("anything", "nothing"), ("something", "nothing"), ("everywhere", "nowhere"),
    ("somewhere", "nowhere"), ("anyone", "nobody"), ("anybody", "nobody"), ("somebody", "nobody"),
    ("someone", "nobody"), ("great", "small"), ("greatest", "smallest"),
)  # fmt: skip

# Negating prefixes, with the shortest base they may attach to (short bases give false pairs
# such as "in" + "form").
_NEGATING_PREFIXES = (("non-", 3), ("non", 4), ("un", 3), ("dis", 5), ("in", 5), ("im", 5),
                      ("il", 5), ("ir", 5))  # fmt: skip


@lru_cache(maxsize=1)
def _antonym_table() -> dict[str, frozenset[str]]:
    """Every WordNet antonym link, read once from the database files (about 0.3 s).

    Reading the antonym pointers (``!``) straight from ``data.noun`` / ``verb`` / ``adj`` /
    ``adv`` is an order of magnitude faster than asking NLTK for the synsets of each word.
    Links are widened to whole synsets: every word of a synset is opposed to every word of the
    synset its antonym belongs to.
    """
    import nltk

    require_nltk("corpora/wordnet")
    files = {}
    for name, tag in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        with nltk.data.find(f"corpora/wordnet/data.{name}").open() as stream:
            files[tag] = stream.read()
    files["s"] = files["a"]

    def words_at(data: bytes, offset: int) -> list[str]:
        line = data[offset : data.index(b"\n", offset)].split(b" ", 4)
        count = int(line[3], 16)
        fields = line[4].split(b" ", 2 * count)[: 2 * count : 2]
        return [w.decode("latin-1").lower().split("(")[0] for w in fields]

    table: dict[str, set[str]] = {}
    for tag in ("n", "v", "a", "r"):
        data = files[tag]
        for line in data.split(b"\n"):
            if b" ! " not in line or line.startswith(b" "):
                continue
            head, _, _ = line.partition(b" | ")
            fields = head.split(b" ")
            count = int(fields[3], 16)
            words = [
                w.decode("latin-1").lower().split("(")[0] for w in fields[4 : 4 + 2 * count : 2]
            ]
            pointers = fields[4 + 2 * count + 1 :]
            for k in range(0, len(pointers) - 3, 4):
                if pointers[k] == b"!":
                    target = words_at(files[pointers[k + 2].decode()], int(pointers[k + 1]))
                    for word in words:
                        table.setdefault(word, set()).update(target)
    for a, b in _CLOSED_CLASS_OPPOSITES:
        table.setdefault(a, set()).add(b)
        table.setdefault(b, set()).add(a)
    return {word: frozenset(w for w in opposed if "_" not in w) for word, opposed in table.items()}


@lru_cache(maxsize=65536)
def antonyms(word: str) -> frozenset[str]:
    """Lower-case words opposed to ``word`` in WordNet, plus a few closed-class opposites.

    ``word`` is a normalised (lower-case) form; an inflected form is reduced to its base. The
    antonyms of every synonym in every sense count, and so do the synonyms of each antonym
    ("victor" is opposed to "loser" because its sense of "winner" is). Multi-word lemmas are
    left out.

    >>> sorted(antonyms("weakness"))
    ['strength']
    >>> "none" in antonyms("all")
    True
    """
    word = word.replace("’", "'")
    table = _antonym_table()
    found = set(table.get(word, ()))
    # every noun and adjective base form, not only the first WordNet finds: "men" is a lemma of
    # its own (no antonym) and a plural of "man" (opposed to "woman"), "allies" of "ally"
    for base in _base_forms(word):
        found |= table.get(base, frozenset())
    if not found:
        found = set(table.get(lemma(word), ()))
    return frozenset(found - {word})


@lru_cache(maxsize=65536)
def _base_forms(word: str) -> tuple[str, ...]:
    """The noun and adjective base forms WordNet's morphology gives ``word`` (plurals, comparatives)."""
    wn = _wordnet()
    forms: list[str] = []
    for pos in ("n", "a"):
        try:
            candidates = wn._morphy(word, pos)  # every base form; morphy() returns the first only
        except Exception:  # a private helper of NLTK's reader: fall back to the public one
            candidates = [wn.morphy(word, pos)]
        forms += [c for c in candidates if c and c != word and c not in forms]
    return tuple(forms)


def has_antonym(word: str) -> bool:
    """True when ``word`` could contrast with another word: it has an antonym, or it starts with
    a negating prefix (a cheap filter before :func:`contrasts`).

    >>> has_antonym("victory"), has_antonym("unfair"), has_antonym("table")
    (True, True, False)
    """
    if antonyms(word):
        return True
    return any(
        word.startswith(prefix) and len(word) - len(prefix) >= shortest
        for prefix, shortest in _NEGATING_PREFIXES
    )


def _negated(word: str, other: str) -> bool:
    """``word`` is ``other`` with a negating prefix (and ``other`` long enough for that prefix)."""
    extra = len(word) - len(other)
    if extra < 2 or not word.endswith(other):
        return False
    prefix = word[:extra]
    return any(prefix == p and len(other) >= shortest for p, shortest in _NEGATING_PREFIXES)


@lru_cache(maxsize=1 << 15)
def contrasts(a: str, b: str) -> bool:
    """True when two lower-case words contrast: WordNet antonyms, or one negates the other by prefix.

    The prefixes are ``un-``, ``in-`` (``im-``, ``il-``, ``ir-``), ``dis-`` and ``non-``.

    >>> contrasts("losers", "victors"), contrasts("security", "insecurity"), contrasts("day", "night")
    (True, True, True)
    >>> contrasts("party", "freedom")
    False
    """
    a, b = a.replace("’", "'"), b.replace("’", "'")
    if a == b or not a or not b:
        return False
    if _negated(a, b) or _negated(b, a):
        return True
    opposed_a, opposed_b = antonyms(a), antonyms(b)
    if not opposed_a and not opposed_b:
        return False  # what follows finds an antonym or nothing
    forms_a, forms_b = _forms(a), _forms(b)
    if opposed_a.isdisjoint(forms_b) and opposed_b.isdisjoint(forms_a):
        return False
    return forms_a.isdisjoint(forms_b)  # else two forms of one word ("man", "men")


@lru_cache(maxsize=65536)
def _forms(word: str) -> frozenset[str]:
    """The word, its lemma and its noun and adjective base forms (what :func:`contrasts` looks
    for among the other word's antonyms), found once per word: most pairs are asked once."""
    return frozenset({word, lemma(word), *_base_forms(word)})


# --- word classes for parallelism (tricolon, antithesis) ------------------------------------------

# Closed classes of grammatical words, so that "in our people, for their jobs" read alike.
_CLOSED_CLASSES = {
    "D": "the a an this that these those my our your his her its their every each any some no all "
         "both either neither another such whose",
    "P": "of in on at by for with from to into upon toward towards through over under against among "
         "between within without about after before during across beyond behind near until around",
    "O": "i we you he she it they me us him them myself ourselves yourself himself herself itself "
         "themselves who whom which",
    "A": "is are was were be been being am have has had do does did will would shall should can could "
         "may might must i'll we'll you'll he'll she'll they'll it's we're they're i'm",
    "Q": "more most less least many much few",
}  # fmt: skip
_CLASS_OF = {word: label for label, words in _CLOSED_CLASSES.items() for word in words.split()}


@lru_cache(maxsize=65536)
def word_classes(norm: str) -> frozenset[str]:
    """The word classes a word can belong to, without a tagger.

    Grammatical words get their closed class (``D`` determiner, ``P`` preposition, ``O``
    pronoun, ``A`` auxiliary or modal, ``Q`` quantifier) or, outside those, only themselves.
    Content words get every class WordNet allows for them (``N``, ``V``, ``J``, ``R``), in any
    inflected form; words WordNet does not know (names) count as nouns.

    >>> sorted(word_classes("grateful")), sorted(word_classes("perpetuated")), sorted(word_classes("of"))
    (['J'], ['V'], ['P'])
    """
    if norm in _CLASS_OF:
        return frozenset({_CLASS_OF[norm]})
    if not is_content_word(norm):
        return frozenset({"=" + norm})
    wn = wordnet()
    word = norm.replace("'", "")
    found = frozenset(
        label
        for pos, label in (("n", "N"), ("v", "V"), ("a", "J"), ("r", "R"))
        if wn.morphy(word, pos)
    )
    return found or frozenset({"N"})


def class_match(a: str, b: str) -> float:
    """How well two words fill the same slot: 1 for the same word or the same single class, 0.8
    when the classes they may take overlap, else 0.

    >>> class_match("bear", "pay"), class_match("courage", "the")
    (0.8, 0.0)
    """
    if a == b:
        return 1.0
    classes_a, classes_b = word_classes(a), word_classes(b)
    if not classes_a & classes_b:
        return 0.0
    return 1.0 if classes_a == classes_b and len(classes_a) == 1 else 0.8


@lru_cache(maxsize=1)
def vader_valence() -> dict[str, float]:
    """Word -> mean valence (-4..+4) from NLTK's VADER lexicon in the data home (words only)."""
    require_nltk("sentiment/vader_lexicon.zip")
    import nltk

    text = nltk.data.load(
        "sentiment/vader_lexicon.zip/vader_lexicon/vader_lexicon.txt", format="text"
    )
    valence = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[a-z]+(?:['-][a-z]+)*", parts[0]):
            valence[parts[0]] = float(parts[1])
    return valence
