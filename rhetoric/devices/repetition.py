"""Repetition: duplicated paragraphs and sentences, refrains, and emphatic repeats.

Four kinds of ``device="repetition"`` span, all grouped so that every occurrence of one figure
shares a ``group``:

``duplicated_paragraph`` / ``duplicated_sentence``
    A paragraph (at least :data:`MIN_PARAGRAPH_WORDS` words) or a sentence (at least
    :data:`MIN_SENTENCE_WORDS` words) whose words, ignoring case and punctuation, stand more than
    once. Every copy is a span.
``refrain``
    A phrase of three or more words, not starting or ending on an article, preposition or
    conjunction and holding at least one content word, that recurs in the text. Copies of
    duplicated paragraphs and sentences are not counted again, so a pasted paragraph does not
    make every phrase in it a refrain. Where refrains overlap, the one covering more words
    (occurrences x length) wins.
``emphatic_repeat``
    A mention of a word or short phrase that stands more than once in the text and that a
    trained ranker judges emphatic (the sense of the word- and phrase-level "Repetition" label of the Propaganda
    Techniques Corpus, whose annotators mark about 1.7 such mentions per article). Ordinary
    prose repeats its topic words all the time, so the ranker is deliberately selective, and
    weak: read its spans as suggestions (see :func:`find_emphatic_repeats`).

Both may describe one repeat; once scored, it is reported once (:func:`count_once`).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import numpy as np

from rhetoric.lexicon import first_person_rate, is_content_word
from rhetoric.span import Span
from rhetoric.text import Document, Segment, as_document

DEVICE = "repetition"

#: Shortest paragraph (in words) reported as a duplicated paragraph.
MIN_PARAGRAPH_WORDS = 10
#: Shortest sentence (in words) reported as a duplicated sentence.
MIN_SENTENCE_WORDS = 4
#: Shortest and longest refrain, in words.
MIN_REFRAIN_WORDS, MAX_REFRAIN_WORDS = 3, 12

# A refrain may not start or end on these closed-class words: a phrase such as "members of the"
# or "of the people" is the tail of a syntactic frame, not a repeated phrase in its own right.
EDGE_WORDS = frozenset(
    "a an the this that these those its their our his her my your of in on at to for by with from "
    "into onto upon about as and or but nor so than".split()
)


def find_repetition(text_or_doc: str | Document, *, doc_id: str | None = None) -> list[Span]:
    """Find duplicated paragraphs and sentences, refrains and emphatic repeats.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to analyse (boilerplate is left out when a string is given).
    doc_id : str, optional
        A name carried into every span.

    Returns
    -------
    list of Span
        ``device="repetition"``, ``kind`` one of ``duplicated_paragraph``,
        ``duplicated_sentence``, ``refrain``, ``emphatic_repeat``; ``group`` shared by every
        occurrence of one figure; ``evidence`` names the repeated words. Sorted by position.

    Examples
    --------
    >>> text = "We shall build the bridge. They said no. We shall build the bridge."
    >>> [(s.kind, s.start, s.end) for s in find_repetition(text)]
    [('duplicated_sentence', 0, 26), ('duplicated_sentence', 41, 67)]
    """
    doc = as_document(text_or_doc, doc_id)
    if not doc.words:
        return []
    keys = doc.keys
    masked = list(doc.in_heading)  # headings are structure: no refrain is found in them
    counter = _GroupCounter()
    spans = _copies(doc, keys, masked, counter)
    copied = copied_words(doc, spans)
    spans += _refrains(doc, keys, masked, counter)
    skip = copied | np.array(doc.in_heading, dtype=bool)
    spans += find_emphatic_repeats(doc, keys=keys, counter=counter, skip=skip)
    return sorted(spans, key=lambda s: (s.start, s.end, s.kind))


def _copies(
    doc: Document, keys: list[str], masked: list[bool], counter: _GroupCounter
) -> list[Span]:
    """Duplicated paragraphs, then duplicated sentences outside them; later copies get ``masked``."""
    spans = _duplicates(
        doc,
        keys,
        [p for p in doc.paragraphs if not p.heading],
        "duplicated_paragraph",
        MIN_PARAGRAPH_WORDS,
        masked,
        counter,
    )
    sentences = [s for s in doc.prose if s.n_words and not masked[s.first_word]]
    return spans + _duplicates(
        doc, keys, sentences, "duplicated_sentence", MIN_SENTENCE_WORDS, masked, counter
    )


def copied_words(doc: Document, copies: Sequence[Span]) -> np.ndarray:
    """A mask over ``doc.words``: True for the words inside any of ``copies`` (duplicated segments).

    Emphatic repeats are not looked for there: a pasted sentence is one figure, already reported.
    """
    mask = np.zeros(len(doc.words), dtype=bool)
    starts = doc.word_starts
    for span in copies:
        mask[bisect.bisect_left(starts, span.start) : bisect.bisect_left(starts, span.end)] = True
    return mask


class _GroupCounter:
    """Hands out group names ``repetition-1``, ``repetition-2``, ... within one document."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"{DEVICE}-{self.n}"


def _duplicates(
    doc: Document,
    keys: list[str],
    segments: Sequence[Segment],
    kind: str,
    min_words: int,
    masked: list[bool],
    counter: _GroupCounter,
) -> list[Span]:
    copies: dict[tuple[str, ...], list[Segment]] = defaultdict(list)
    for segment in segments:
        if segment.n_words >= min_words:
            copies[tuple(keys[segment.first_word : segment.last_word])].append(segment)
    spans = []
    for words, found in copies.items():
        if len(found) < 2 or not any(is_content_word(w) for w in words):
            continue
        group = counter()
        score = min(1.0, 0.6 + 0.04 * len(words))
        evidence = f"{kind.split('_')[1]} of {len(words)} words stands {len(found)} times"
        for number, segment in enumerate(found):
            if number:  # later copies are not counted again for refrains
                masked[segment.first_word : segment.last_word] = [True] * segment.n_words
            spans.append(
                doc.span(
                    segment.start,
                    segment.end,
                    device=DEVICE,
                    kind=kind,
                    group=group,
                    score=score,
                    evidence=evidence,
                )
            )
    return spans


def _refrains(
    doc: Document, keys: list[str], masked: list[bool], counter: _GroupCounter
) -> list[Span]:
    n_words = len(keys)
    candidates = _repeated_phrases(keys, doc.clause_of, masked)
    # The refrains that cover most words win where they overlap.
    apart = {gram: _non_overlapping(positions, len(gram)) for gram, positions in candidates.items()}
    ranked = sorted(
        candidates.items(),
        key=lambda item: (-len(apart[item[0]]) * len(item[0]), -len(item[0]), item[1][0]),
    )
    taken = [False] * n_words
    in_heading = doc.in_heading
    spans = []
    for gram, _ in ranked:
        n = len(gram)
        # a heading is structure: its words are no occurrence ("... ON THE STATE OF THE UNION"
        # above an address that says "the state of the Union" twice)
        occurrences = [i for i in apart[gram] if not any(taken[i : i + n]) and not in_heading[i]]
        if len([i for i in occurrences if not masked[i]]) < 2:
            continue
        for i in occurrences:
            taken[i : i + n] = [True] * n
        group = counter()
        score = min(
            1.0,
            0.35
            + 0.1 * (n - MIN_REFRAIN_WORDS)
            + 0.1 * (len(occurrences) - 2)
            + 0.1 * sum(1 for k in gram if is_content_word(k)),
        )
        phrase = " ".join(gram)
        for i in occurrences:
            first, last = doc.words[i], doc.words[i + n - 1]
            spans.append(
                doc.span(
                    first.start,
                    last.end,
                    device=DEVICE,
                    kind="refrain",
                    group=group,
                    score=round(score, 3),
                    evidence=f'"{phrase}" recurs {len(occurrences)} times',
                )
            )
    return spans


def _repeated_phrases(
    keys: list[str], clause_of: list[int], masked: list[bool]
) -> dict[tuple[str, ...], list[int]]:
    """Every phrase of :data:`MIN_REFRAIN_WORDS` to :data:`MAX_REFRAIN_WORDS` words inside one
    clause that stands at least twice without overlap outside ``masked`` words, does not start or
    end on an :data:`EDGE_WORDS` word and holds a content word, with the positions of all its
    occurrences (in order).

    Phrases grow one word at a time, only from positions whose shorter phrase already repeats.
    Each phrase is an integer label per position (the label of its one-shorter prefix paired
    with the next word), so that a level costs the same whatever the phrase length.
    """
    n_words = len(keys)
    if n_words < MIN_REFRAIN_WORDS:
        return {}
    # each distinct key numbered in order of first occurrence, and judged once
    vocabulary = dict.fromkeys(keys, 0)
    for number, k in enumerate(vocabulary):
        vocabulary[k] = number
    word = np.array(list(map(vocabulary.__getitem__, keys)), dtype=np.int64)
    clause = np.asarray(clause_of, dtype=np.int64)
    free = ~np.asarray(masked, dtype=bool)
    edge = np.array([k in EDGE_WORDS for k in vocabulary], dtype=bool)[word]
    is_content = np.array([is_content_word(k) for k in vocabulary], dtype=np.int64)[word]
    content = np.concatenate([[0], np.cumsum(is_content)])
    size = len(vocabulary)
    n = MIN_REFRAIN_WORDS
    starts = np.flatnonzero(clause[: n_words - n + 1] == clause[n - 1 :])
    code = word[starts]
    for offset in range(1, n):  # the first phrases: n words paired one by one
        label = _grouped(code)[0]
        code = label * size + word[starts + offset]
    candidates: dict[tuple[str, ...], list[int]] = {}
    while len(starts) and n <= MAX_REFRAIN_WORDS:
        label, order, begins = _grouped(code)
        # by phrase, each phrase's positions in order (the sort is stable, starts ascend)
        positions = starts[order]
        free_here = free[positions]
        # a phrase repeats when its free occurrences hold two that do not overlap: the last
        # starts at least n words after the first
        first_free = np.minimum.reduceat(np.where(free_here, positions, n_words), begins)
        last_free = np.maximum.reduceat(np.where(free_here, positions, -1), begins)
        repeats = last_free - first_free >= n
        ends = np.append(begins[1:], len(positions))
        firsts = positions[begins]
        eligible = (
            repeats
            & ~edge[firsts]
            & ~edge[firsts + n - 1]
            & (content[firsts + n] > content[firsts])
        )
        listed = positions.tolist()
        for begin, end, first in zip(
            begins[eligible].tolist(), ends[eligible].tolist(), firsts[eligible].tolist(),
            strict=True,
        ):  # fmt: skip
            candidates[tuple(keys[first : first + n])] = listed[begin:end]
        # the next level: occurrences of repeated phrases that go on inside their clause
        kept = repeats[label]
        extend, extend_label = starts[kept], label[kept]
        room = extend + n < n_words
        extend, extend_label = extend[room], extend_label[room]
        inside = clause[extend + n] == clause[extend]
        starts = extend[inside]
        code = extend_label[inside] * size + word[starts + n]
        n += 1
    return candidates


def _grouped(code: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Equal codes grouped: each entry's group number (groups numbered in code order), the
    entries in group order (a stable sort: within a group, in their order), and where each
    group begins in that order."""
    order = np.argsort(code, kind="stable")
    ordered = code[order]
    new = np.empty(len(code), dtype=bool)
    new[:1] = True
    new[1:] = ordered[1:] != ordered[:-1]
    label = np.empty(len(code), dtype=np.int64)
    label[order] = np.cumsum(new) - 1
    return label, order, np.flatnonzero(new)


def _non_overlapping(positions: list[int], n: int) -> list[int]:
    kept: list[int] = []
    for i in positions:
        if not kept or i >= kept[-1] + n:
            kept.append(i)
    return kept


# --- one count per repeat ----------------------------------------------------------------------

#: Sentences apart within which the two copies of a two-copy refrain are one emphatic repeat
#: (the rubric's "close by, within a sentence or two"), not a refrain.
CLOSE_SENTENCES = 2
#: Added to the evidence of a refrain of two close occurrences reported as an emphatic repeat.
CLOSE_PAIR_NOTE = " (two close occurrences: an emphatic repeat)"


def count_once(doc: Document, spans: list[Span]) -> list[Span]:
    """The kept repetition spans with every repeat counted once.

    The refrain finder and the emphatic-repeat ranker can both describe one repeat: an emphatic
    mention inside an occurrence of a kept refrain is that refrain's occurrence, and reporting
    both would count the repeat twice in a device rate. A refrain of three or more occurrences,
    or of two far apart, keeps it (the mention is one of its occurrences; the emphatic figure is
    dropped). A refrain of two occurrences at most :data:`CLOSE_SENTENCES` sentences apart is the
    emphatic repeat itself (a refrain recurs three or more times, or at structural points): the
    emphatic figure stays (one, if both copies were marked) and the refrain is dropped; where no
    emphatic mention was kept, the refrain's two spans are reported as that emphatic repeat
    (``kind="emphatic_repeat"``, the evidence saying why, the score unchanged). Two such pairs
    in the same two sentences are one repeat (the surer is reported), and a pair whose second
    sentence holds a kept emphatic mention is dropped (that mention reports the repeat). Spans
    of other kinds pass unchanged.

    >>> text = "We have talked long enough. We have talked for a hundred years."
    >>> doc = Document(text)
    >>> refrain = [doc.span(m, m + 14, device=DEVICE, kind="refrain", group="r") for m in (0, 28)]
    >>> emphatic = doc.span(36, 42, device=DEVICE, kind="emphatic_repeat")
    >>> [s.kind for s in count_once(doc, [*refrain, emphatic])]
    ['emphatic_repeat']
    >>> [s.kind for s in count_once(doc, refrain)]
    ['emphatic_repeat', 'emphatic_repeat']
    """
    from rhetoric.figures import figure_parts

    figures = figure_parts(spans)
    refrains = [f for f in figures if f[0].kind == "refrain"]
    if not refrains:
        return spans
    sentence_starts = [s.start for s in doc.sentences]

    def sentence(offset: int) -> int:
        return bisect.bisect_right(sentence_starts, offset) - 1

    def close_pair(refrain: list[Span]) -> bool:
        return sentence(refrain[1].start) - sentence(refrain[0].start) <= CLOSE_SENTENCES

    dropped: set[int] = set()
    for figure in figures:
        if figure[0].kind != "emphatic_repeat":
            continue
        for refrain in refrains:
            inside = all(
                any(o.start <= p.start and p.end <= o.end for o in refrain) for p in figure
            )
            if not inside:
                continue
            close = len(refrain) == 2 and close_pair(refrain)
            if close and id(refrain) not in dropped:
                dropped.add(id(refrain))  # the first emphatic mention stands for the repeat
            else:
                dropped.add(id(figure))  # an occurrence of the refrain, or a second mention
            break
    kept = {id(p) for f in figures if id(f) not in dropped for p in f}
    # a refrain of two close occurrences that no emphatic mention stands for is reported as
    # what it is by the same rule: one emphatic repeat
    # (two such pairs in the same two sentences, "No words are sad enough to express ... No
    # words are strong enough to express", are one repeat: the surer is kept; and a pair whose
    # second sentence already holds a kept emphatic repeat is that repeat, said again)
    emphatic_in = {
        sentence(p.start)
        for f in figures
        if f[0].kind == "emphatic_repeat" and id(f) not in dropped
        for p in f
    }
    renamed: set[int] = set()
    pairs_at: dict[tuple[int, int], list[Span]] = {}
    for f in refrains:
        if id(f) in dropped or len(f) != 2 or not close_pair(f):
            continue
        at = (sentence(f[0].start), sentence(f[1].start))
        if at[1] in emphatic_in:
            kept.difference_update(id(p) for p in f)
            continue
        other = pairs_at.get(at)
        if other is not None and f[0].score <= other[0].score:
            kept.difference_update(id(p) for p in f)
            continue
        if other is not None:
            kept.difference_update(id(p) for p in other)
            renamed.difference_update(id(p) for p in other)
        pairs_at[at] = f
        renamed.update(id(p) for p in f)
    return [
        replace(s, kind="emphatic_repeat", evidence=s.evidence + CLOSE_PAIR_NOTE)
        if id(s) in renamed
        else s
        for s in spans
        if id(s) in kept
    ]


# --- emphatic repeats ------------------------------------------------------------------------
#
# A learned ranker. Candidates are every mention of a word or short phrase that stands at least
# twice in the text; each gets the features below, computed with NumPy over the whole text at
# once. Models trained on the "Repetition" spans of the PTC train split score them, one of two by
# the kind of text (:func:`is_address`):
#
# - news and other prose: two logistic regressions, one judging the phrase (from the mean, largest,
#   smallest value and spread of each feature over its mentions: is this phrase repeated for
#   emphasis at all?), one the mention (given an emphatic phrase, is this the mention an annotator
#   marks?); a mention's score is the product; among the features, how often annotators marked
#   the phrase's words in other train articles (:func:`marked_rates`) and their word classes;
# - addresses (a speaker's "we" and "I", few quotation marks): one logistic regression over the
#   mention's features (:data:`ADDRESS_FEATURES`, without the marked rate and classes), the ranker whose spans in speeches were judged (the phrase model keeps
#   one, later mention of a phrase, as PTC's annotators do, and drops figures of a speech).
#
# Mentions scoring at least the model's threshold are kept, best first, without overlaps.
# The weights, the thresholds and how they were chosen are in
# ``rhetoric/resources/repetition/emphatic_model.json``, written by
# ``benchmarks/train_emphatic_repeats.py``.

#: Longest candidate phrase, in words.
MAX_EMPHATIC_WORDS = 3
#: The features the ``address`` ranker reads (the first columns of :data:`EMPHATIC_FEATURES`):
#: those of the ranker whose figures in speeches were judged, kept as it was.
ADDRESS_FEATURES = (
    "n_words", "log_count", "log_earlier", "is_first", "log_gap_previous", "log_gap_next",
    "previous_same_sentence", "previous_near_sentence", "capitalised", "capitalised_inside",
    "all_caps", "quoted", "title_phrase", "in_title", "top1", "top3", "share", "valence",
    "has_valence", "longest_word", "log_sentence_words", "short_sentence", "sentence_start",
    "parallel_start", "exclamation", "log_doc_words", "repeated_ratio", "n_content",
    "last_mention", "log_later", "document_frequency", "proper_share", "relative_position",
    "doc_valence", "doc_quoted", "doc_exclamations", "phrase_quoted", "phrase_valence_mentions",
)  # fmt: skip
#: The features of a candidate mention, in the order of the model's weights: the address
#: features, then word classes (a word of the phrase may be an adjective, a verb, an adverb;
#: every content word is only a noun, :func:`rhetoric.lexicon.word_classes`) and the marked
#: rate (:func:`marked_rates`: how often PTC's annotators marked the phrase's words as
#: Repetition in the train articles, the largest over its content words).
EMPHATIC_FEATURES = ADDRESS_FEATURES + (
    "adjective", "verb", "adverb", "noun_only", "marked_rate",
)  # fmt: skip
#: The features of a candidate phrase: the mean, the largest value, the smallest value and the
#: standard deviation of each feature of :data:`EMPHATIC_FEATURES` over the phrase's mentions.
PHRASE_AGGREGATES = ("mean", "max", "min", "std")
PHRASE_FEATURES = tuple(f"{how}_{name}" for how in PHRASE_AGGREGATES for name in EMPHATIC_FEATURES)
#: A text is read as an address (:func:`is_address`) when at least this share of its words are
#: we/our/us/I/my/me/ourselves ...
ADDRESS_FIRST_PERSON = 0.015
#: ... and it has fewer than this many double quotation marks per sentence. Chosen on training
#: texts alone: every one of the 91 inaugural and State of the Union addresses of the training pool
#: passes, 17 of the 371 PTC train articles do (``benchmarks/train_emphatic_repeats.py``).
ADDRESS_QUOTES_PER_SENTENCE = 0.25
_NOUN_ONLY = frozenset({"N"})
#: Gap (log scale) given when there is no previous or next mention.
_NO_GAP = 10.0
#: The first paragraph counts as a title when it has at most this many words.
_TITLE_WORDS = 25
#: Weight of the train split's overall rate in a word's marked rate (:func:`marked_rates`), as
#: that many occurrences at the overall rate (chosen by cross-validation on train).
MARKED_PRIOR = 5.0
_MODEL_FILE = "emphatic_model.json"
_FREQUENCY_FILE = "ptc_train_df.tsv"
_MARKED_FILE = "ptc_train_marked.tsv"


@lru_cache(maxsize=1)
def emphatic_model() -> dict:
    """The trained rankers of emphatic repeats: feature names; ``news``, the ``phrase`` and
    ``mention`` regressions, and ``address``, one ``mention`` regression (each: clipping range,
    scaling, weights, intercept), each ranker with its threshold and rate; provenance."""
    path = resources.files("rhetoric").joinpath("resources", "repetition", _MODEL_FILE)
    model = json.loads(path.read_text(encoding="utf-8"))
    if (
        tuple(model["features"]) != EMPHATIC_FEATURES
        or tuple(model.get("phrase_features", ())) != PHRASE_FEATURES
        or tuple(model.get("address_features", ())) != ADDRESS_FEATURES
    ):
        raise RuntimeError(
            f"{_MODEL_FILE} was trained on other features; rerun benchmarks/train_emphatic_repeats.py"
        )
    return model


@lru_cache(maxsize=1)
def document_frequencies() -> tuple[dict[str, int], int]:
    """Word -> number of PTC train articles holding it (words in at least three), and the article count."""
    path = resources.files("rhetoric").joinpath("resources", "repetition", _FREQUENCY_FILE)
    lines = path.read_text(encoding="utf-8").splitlines()
    n_docs = int(lines[0].split("\t")[1])  # header: "#articles\t<n>"
    return {word: int(count) for word, count in (line.split("\t") for line in lines[1:])}, n_docs


#: Counts behind the marked rates: word -> (occurrences, occurrences inside "Repetition"
#: spans) for words in at least three train articles, and the totals over every word.
MarkedCounts = tuple[dict[str, tuple[int, int]], int, int]


@lru_cache(maxsize=1)
def marked_counts() -> MarkedCounts:
    """Word -> (occurrences, occurrences inside "Repetition" spans) in the PTC train articles
    (words in at least three of them), and the two totals over every word (shipped with the
    package, written by ``benchmarks/train_emphatic_repeats.py``)."""
    path = resources.files("rhetoric").joinpath("resources", "repetition", _MARKED_FILE)
    lines = path.read_text(encoding="utf-8").splitlines()
    _, n_occurrences, n_marked = lines[0].split("\t")  # header: "#all<TAB>occurrences<TAB>marked"
    table = {}
    for line in lines[1:]:
        word, occurrences, marked = line.split("\t")
        table[word] = (int(occurrences), int(marked))
    return table, int(n_occurrences), int(n_marked)


def marked_rates(
    words: Sequence[str],
    counts: MarkedCounts | None = None,
    *,
    own: dict[str, tuple[int, int]] | None = None,
) -> np.ndarray:
    """For each word, how often PTC's annotators marked it as Repetition: its occurrences inside
    "Repetition" spans of the train articles over all its occurrences there, smoothed toward the
    overall rate by :data:`MARKED_PRIOR` occurrences at that rate (the overall rate for a word
    in fewer than three train articles); 0 for a word that is not a content word.

    ``counts`` defaults to :func:`marked_counts`; ``own`` (training only) is the text's own
    counts, subtracted so that a train article's features never read its own annotations.

    >>> table = ({"plague": (40, 20), "said": (400, 0)}, 100_000, 1_000)
    >>> marked_rates(["plague", "said", "the", "zebra"], table).round(3).tolist()
    [0.446, 0.0, 0.0, 0.01]
    """
    table, n_occurrences, n_marked = marked_counts() if counts is None else counts
    overall = n_marked / max(n_occurrences, 1)
    rates = np.zeros(len(words))
    for k, word in enumerate(words):
        if not is_content_word(word) or word.isdigit():
            continue
        found = table.get(word)
        if found is None:
            rates[k] = overall
            continue
        occurrences, marked = found
        if own is not None and word in own:
            occurrences, marked = occurrences - own[word][0], marked - own[word][1]
        rates[k] = (marked + MARKED_PRIOR * overall) / (occurrences + MARKED_PRIOR)
    return rates


def label_counts(
    doc: Document, keys: Sequence[str], truth: Sequence[tuple[int, int]]
) -> dict[str, tuple[int, int]]:
    """Word -> (occurrences, occurrences starting inside one of ``truth``) in one text: its own
    share of the counts behind :func:`marked_rates` (``truth``: its merged Repetition spans).

    >>> doc = Document("Never give up. Never.", remove_boilerplate=False)
    >>> label_counts(doc, doc.keys, [(15, 20)])["never"]
    (2, 1)
    """
    starts = [s for s, _ in truth]
    counts: dict[str, list[int]] = {}
    for word, key in zip(doc.words, keys, strict=True):
        k = bisect.bisect_right(starts, word.start) - 1
        entry = counts.setdefault(key, [0, 0])
        entry[0] += 1
        entry[1] += k >= 0 and truth[k][1] > word.start
    return {key: (a, b) for key, (a, b) in counts.items()}


#: Training only (:func:`own_labels_left_out`): for a document id, that text's own counts
#: (:func:`label_counts`) in the PTC train split the shipped marked rates and document
#: frequencies were counted on.
_LEFT_OUT: dict[str, dict[str, tuple[int, int]]] = {}


@contextmanager
def own_labels_left_out(counts: Mapping[str, dict[str, tuple[int, int]]]) -> Iterator[None]:
    """Within the block, score each text named in ``counts`` (document id -> its
    :func:`label_counts`) as a text the shipped counts never saw: its own PTC labels left out of
    its marked rates and itself out of the document frequencies of its emphatic repeats.

    For training and measuring on PTC train articles (the training pool), whose own annotations
    the shipped counts include: without it their emphatic repeats would be chosen with the help
    of the very labels that make them PTC figures. Set before workers fork, it reaches them.
    """
    before = dict(_LEFT_OUT)
    _LEFT_OUT.update(counts)
    try:
        yield
    finally:
        _LEFT_OUT.clear()
        _LEFT_OUT.update(before)


def phrase_maximum(values: np.ndarray, first: np.ndarray, n_words: np.ndarray) -> np.ndarray:
    """For each phrase (its first word and its length), the largest of ``values`` over its words.

    >>> phrase_maximum(np.array([0.1, 0.5, 0.2]), np.array([0, 1, 0]), np.array([1, 2, 3])).tolist()
    [0.1, 0.5, 0.5]
    """
    result = np.full(len(first), -np.inf)
    for k in range(int(n_words.max(initial=0))):
        inside = n_words > k
        result[inside] = np.maximum(result[inside], values[first[inside] + k])
    return result


@dataclass(frozen=True)
class EmphaticCandidates:
    """Every candidate mention of a text: word index, length, phrase id and feature row."""

    first: np.ndarray  # index of the mention's first word in doc.words
    n_words: np.ndarray
    phrase: np.ndarray  # one id per distinct repeated phrase (its mentions share it)
    count: np.ndarray  # mentions of the phrase in the text
    previous: np.ndarray  # first word of the previous mention, -1 for the first
    features: np.ndarray  # shape (n_candidates, len(EMPHATIC_FEATURES))


_CANDIDATE_FIELDS = ("first", "n_words", "phrase", "count", "previous", "features")


def emphatic_candidates(
    doc: Document,
    keys: list[str] | None = None,
    *,
    frequencies: tuple[dict[str, int], int] | None = None,
    exclude_self: bool = False,
    marked: MarkedCounts | None = None,
) -> EmphaticCandidates:
    """Every mention of a repeated word or phrase (up to :data:`MAX_EMPHATIC_WORDS` words), with features.

    A candidate is a content word, or a phrase of two or three words within one sentence that
    neither starts nor ends on an article, preposition or conjunction and holds a content word,
    that stands at least twice in the text (matching by :attr:`~rhetoric.text.Document.keys`).

    Parameters
    ----------
    doc : Document
    keys : list of str, optional
        :attr:`~rhetoric.text.Document.keys` of ``doc`` when already computed.
    frequencies : (dict, int), optional
        Document frequencies of words and the number of documents (default:
        :func:`document_frequencies`).
    exclude_self : bool, default False
        Subtract this text's own contribution from the document frequencies (for training on
        the articles those frequencies were counted on).
    marked : MarkedCounts, optional
        The counts behind the marked rates (default: :func:`marked_counts`; see
        :func:`marked_rates`).

    Returns
    -------
    EmphaticCandidates
        One entry per candidate mention, ``features`` in the order of :data:`EMPHATIC_FEATURES`.
    """
    blocks = list(_candidate_blocks(doc, keys, frequencies, exclude_self, marked))
    if not blocks:
        return _no_candidates()
    return EmphaticCandidates(
        *(np.concatenate([getattr(b, name) for b in blocks]) for name in _CANDIDATE_FIELDS)
    )


def _no_candidates() -> EmphaticCandidates:
    empty = np.zeros(0, dtype=np.int64)
    return EmphaticCandidates(
        empty, empty, empty, empty, empty, np.zeros((0, len(EMPHATIC_FEATURES)))
    )


#: Candidate mentions whose feature rows are built at once (a block of rows is 300 bytes a row),
#: so that memory does not grow with the length of the text times the number of features. A block
#: holds whole phrases (every mention of a phrase), so it may exceed this by one phrase's mentions.
_BLOCK_ROWS = 32_768


def _candidate_blocks(
    doc: Document,
    keys: list[str] | None,
    frequencies: tuple[dict[str, int], int] | None,
    exclude_self: bool,
    marked: MarkedCounts | None = None,
    own: dict[str, tuple[int, int]] | None = None,
) -> Iterator[EmphaticCandidates]:
    """The candidates of :func:`emphatic_candidates` in blocks of about :data:`_BLOCK_ROWS`,
    never splitting the mentions of one phrase; ``own``: the text's own counts, left out of its
    marked rates (:func:`marked_rates`)."""
    words = doc.words
    n_total = len(words)
    keys = doc.keys if keys is None else keys
    if n_total < 2:
        return
    frequency, n_docs = document_frequencies() if frequencies is None else frequencies
    from rhetoric.lexicon import vader_valence

    valence = vader_valence()
    vocabulary: dict[str, int] = {}
    ids = np.fromiter(
        (vocabulary.setdefault(k, len(vocabulary)) for k in keys), dtype=np.int64, count=n_total
    )
    vocab = list(vocabulary)
    content_v = np.array([is_content_word(k) and not k.isdigit() for k in vocab])
    edge_v = np.array([k in EDGE_WORDS for k in vocab])
    valence_v = np.array([abs(valence.get(k, 0.0)) for k in vocab])
    length_v = np.array([len(k) for k in vocab], dtype=float)
    df_v = np.array([frequency.get(k, 0) for k in vocab], dtype=float)
    if exclude_self:
        df_v = np.maximum(df_v - 1, 0)
    df_v /= max(n_docs, 1)
    content, valence_w = content_v[ids], valence_v[ids]
    from rhetoric.lexicon import word_classes

    classes_v = [
        word_classes(k) if c else frozenset()
        for k, c in zip(vocab, content_v.tolist(), strict=True)
    ]
    adjective_v = np.array([("J" in c) for c in classes_v], dtype=bool)
    verb_v = np.array([("V" in c) for c in classes_v], dtype=bool)
    adverb_v = np.array([("R" in c) for c in classes_v], dtype=bool)
    noun_only_v = np.array([c == _NOUN_ONLY for c in classes_v], dtype=bool)
    marked_v = marked_rates(vocab, marked, own=own)

    # word-level facts
    sentence = np.array(doc.sentence_of, dtype=np.int64)
    sentence_words = np.array([s.n_words for s in doc.sentences] or [1], dtype=float)
    sentence_loud = np.array(
        [doc.text[s.end - 1 : s.end] in ("!", "?") for s in doc.sentences] or [False]
    )
    starts_sentence = np.zeros(n_total, dtype=bool)
    starts_sentence[[s.first_word for s in doc.sentences if s.n_words]] = True
    capital = np.array([w.text[:1].isupper() for w in words])
    all_caps = np.array([len(w.text) > 1 and w.text.isupper() for w in words])
    quoted = _quoted(doc)
    first_paragraph = doc.paragraphs[0] if doc.paragraphs else None
    title_end = (
        first_paragraph.last_word
        if first_paragraph and first_paragraph.n_words <= _TITLE_WORDS
        else 0
    )
    inside = ~starts_sentence  # share of a word's mentions inside a sentence that are capitalised
    seen_inside = np.bincount(ids[inside], minlength=len(vocab))
    capital_inside = np.bincount(ids[inside], weights=capital[inside], minlength=len(vocab))
    proper_v = np.where(seen_inside > 0, capital_inside / np.maximum(seen_inside, 1), 1.0)
    unigram_count = np.bincount(ids[content], minlength=len(vocab))
    ranked = np.argsort(-unigram_count, kind="stable")[:3]
    top = np.zeros(len(vocab), dtype=int)
    top[ranked[unigram_count[ranked] > 0]] = 1
    if unigram_count.max(initial=0) > 0:
        top[ranked[0]] = 2
    distinct = np.count_nonzero(unigram_count)
    repeated_ratio = np.count_nonzero(unigram_count >= 2) / max(distinct, 1)
    doc_valence = valence_w.mean()
    doc_quoted = quoted.mean()
    doc_exclamations = doc.text.count("!") / max(len(doc.sentences), 1)

    next_phrase = 0
    for n in range(1, MAX_EMPHATIC_WORDS + 1):
        m = n_total - n + 1
        if m <= 0:
            break
        first = np.arange(m)
        ok = sentence[:m] == sentence[n - 1 :]
        any_content = np.zeros(m, dtype=bool)
        for k in range(n):
            any_content |= content[k : k + m]
        if n == 1:
            ok &= content
        else:
            ok &= ~edge_v[ids[:m]] & ~edge_v[ids[n - 1 :]] & any_content
        first = first[ok]
        if not len(first):
            continue
        code = ids[first].copy()
        for k in range(1, n):
            code = code * len(vocab) + ids[first + k]
        _, phrase, count = np.unique(code, return_inverse=True, return_counts=True)
        count = count[phrase]
        keep = count >= 2
        first, phrase, count = first[keep], phrase[keep], count[keep]
        if not len(first):
            continue
        _, phrase = np.unique(phrase, return_inverse=True)
        order = np.lexsort((first, phrase))
        first, phrase, count = first[order], phrase[order], count[order]
        same_prev = np.r_[False, phrase[1:] == phrase[:-1]]
        same_next = np.r_[phrase[:-1] == phrase[1:], False]
        previous = np.where(same_prev, np.r_[-1, first[:-1]], -1)
        following = np.where(same_next, np.r_[first[1:], -1], -1)
        group_start = np.maximum.accumulate(np.where(same_prev, 0, np.arange(len(first))))
        rank = np.arange(len(first)) - group_start
        n_phrases = phrase.max() + 1
        title_phrase_v = (
            np.bincount(phrase, weights=(first + n <= title_end), minlength=n_phrases) > 0
        )
        phrase_quoted_v = np.bincount(
            phrase, weights=quoted[first], minlength=n_phrases
        ) / np.bincount(phrase, minlength=n_phrases)
        all_first, all_phrase, all_count = first, phrase, count
        all_previous, all_following, all_rank = previous, following, rank
        for low, high in _phrase_blocks(all_phrase):
            block = slice(low, high)
            first, phrase, count = all_first[block], all_phrase[block], all_count[block]
            previous, following, rank = all_previous[block], all_following[block], all_rank[block]
            # phrase-level facts: max/min over the words of the phrase, then over its mentions
            span_cols = [first + k for k in range(n)]
            word_valence = np.max([valence_w[c] for c in span_cols], axis=0)
            longest = np.max([length_v[ids[c]] for c in span_cols], axis=0)
            n_content = np.sum([content[c] for c in span_cols], axis=0)
            rare = np.min([np.where(content[c], df_v[ids[c]], np.inf) for c in span_cols], axis=0)
            proper = np.max(
                [np.where(content[c], proper_v[ids[c]], 0.0) for c in span_cols], axis=0
            )
            word_class = [
                np.any([flags[ids[c]] for c in span_cols], axis=0)
                for flags in (adjective_v, verb_v, adverb_v, noun_only_v)
            ]
            marked_rate = np.max([marked_v[ids[c]] for c in span_cols], axis=0)
            capitalised = np.all([capital[c] for c in span_cols], axis=0)
            loud = np.any([all_caps[c] for c in span_cols], axis=0)
            title_phrase = title_phrase_v[phrase]
            phrase_quoted = phrase_quoted_v[phrase]
            s = sentence[first]
            has_prev = previous >= 0
            prev_sentence = np.where(has_prev, sentence[np.maximum(previous, 0)], -10)
            sentence_start = starts_sentence[first]
            unigram_top = top[ids[first]] if n == 1 else np.zeros(len(first), dtype=int)
            features = np.column_stack([
                np.full(len(first), n, dtype=float), np.log(count), np.log1p(rank), rank == 0,
                np.where(has_prev, np.log1p(first - previous), _NO_GAP),
                np.where(following >= 0, np.log1p(np.maximum(following - first, 0)), _NO_GAP),
                has_prev & (prev_sentence == s), has_prev & (s - prev_sentence <= 1),
                capitalised, capitalised & ~sentence_start, loud, quoted[first], title_phrase,
                first < title_end, unigram_top == 2, unigram_top >= 1, count / n_total, word_valence,
                word_valence > 0, longest, np.log(sentence_words[s]), sentence_words[s] <= 5, sentence_start,
                sentence_start & has_prev & starts_sentence[np.maximum(previous, 0)], sentence_loud[s],
                np.full(len(first), np.log(n_total)), np.full(len(first), repeated_ratio), n_content,
                following < 0, np.log1p(count - 1 - rank), rare, proper, first / n_total,
                np.full(len(first), doc_valence), np.full(len(first), doc_quoted),
                np.full(len(first), doc_exclamations), phrase_quoted, word_valence * count,
                *word_class, marked_rate,
            ]).astype(float, copy=False)  # fmt: skip
            yield EmphaticCandidates(
                first, np.full(len(first), n), phrase + next_phrase, count, previous, features
            )
        next_phrase += n_phrases


def _phrase_blocks(phrase: np.ndarray) -> Iterator[tuple[int, int]]:
    """Row ranges of about :data:`_BLOCK_ROWS` rows over ``phrase`` (sorted), cut only where a
    new phrase starts.

    >>> list(_phrase_blocks(np.array([0, 0, 1, 2, 2, 2])))
    [(0, 6)]
    """
    starts = np.flatnonzero(np.r_[True, phrase[1:] != phrase[:-1]])
    low = 0
    while low < len(phrase):
        k = int(np.searchsorted(starts, low + _BLOCK_ROWS))
        high = int(starts[k]) if k < len(starts) else len(phrase)
        yield low, high
        low = high


def is_address(doc: Document) -> bool:
    """True when ``doc`` reads as an address: a speaker's first person and few quotation marks.

    At least :data:`ADDRESS_FIRST_PERSON` of its words are first-person words
    (:func:`rhetoric.lexicon.first_person_rate`: we/our/us/I/my/me/ourselves) and it has
    fewer than :data:`ADDRESS_QUOTES_PER_SENTENCE` double quotation marks per sentence (news
    quotes its sources). Emphatic repeats of an address are ranked by the ``address`` model.

    >>> is_address(Document("We came here today. We will not fail, and our children will see it."))
    True
    >>> is_address(Document('Officials said the plan was "unworkable". The vote is on Monday.'))
    False
    """
    keys = doc.keys
    if not keys:
        return False
    quotes = len(_QUOTE.findall(doc.text)) / max(len(doc.sentences), 1)
    return first_person_rate(keys) >= ADDRESS_FIRST_PERSON and quotes < ADDRESS_QUOTES_PER_SENTENCE


def _quoted(doc: Document) -> np.ndarray:
    """For every word, True when it stands between double quotes opened in its paragraph."""
    words = doc.words
    quoted = np.zeros(len(words), dtype=bool)
    for paragraph in doc.paragraphs:
        marks = [
            (m.start(), m.group())
            for m in _QUOTE.finditer(doc.text, paragraph.start, paragraph.end)
        ]
        inside, k = False, 0
        for index in range(paragraph.first_word, paragraph.last_word) if marks else ():
            while k < len(marks) and marks[k][0] < words[index].start:
                mark = marks[k][1]
                inside = mark == "\u201c" or (mark == '"' and not inside)
                k += 1
            quoted[index] = inside
    return quoted


_QUOTE = re.compile('[\u201c\u201d"]')


def standardise(features: np.ndarray, part: dict) -> np.ndarray:
    """Features clipped to the range seen in training (``part["low"]``, ``part["high"]``), as z-scores.

    ``part`` is one regression of a ranker (e.g. ``model["news"]["phrase"]``). Clipping keeps a
    text unlike the training articles (a one-line quotation, a book) from being scored by
    extrapolation: a feature beyond the range seen counts as its edge, no more.
    """
    clipped = np.clip(features, np.asarray(part["low"]), np.asarray(part["high"]))
    return (clipped - np.asarray(part["mean"])) / np.asarray(part["scale"])


def phrase_features(candidates: EmphaticCandidates) -> tuple[np.ndarray, np.ndarray]:
    """The features of every distinct phrase among ``candidates`` (:data:`PHRASE_FEATURES`).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        One row per distinct phrase (the mean, largest value, smallest value and standard
        deviation of each mention feature over its mentions among ``candidates``), and for every
        candidate the row of its phrase.
    """
    features = candidates.features
    width = features.shape[1]
    if not len(candidates.first):
        return np.zeros((0, len(PHRASE_AGGREGATES) * width)), np.zeros(0, dtype=np.int64)
    _, row = np.unique(candidates.phrase, return_inverse=True)
    # the mentions of a phrase stand together when sorted by row (they already do, as built)
    order = None if np.all(row[1:] >= row[:-1]) else np.argsort(row, kind="stable")
    rows = row if order is None else row[order]
    grouped = features if order is None else features[order]
    # column by column in memory (Fortran order), so that each phrase's sums run along
    # contiguous values: the same sums (numpy adds a run of values in an order set by its
    # length alone), in about half the time of rows thousands of phrases long
    grouped = np.asfortranarray(grouped)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    mentions = np.diff(np.r_[starts, len(rows)]).astype(float)[:, None]
    mean = np.add.reduceat(grouped, starts, axis=0) / mentions
    largest = np.maximum.reduceat(grouped, starts, axis=0)
    smallest = np.minimum.reduceat(grouped, starts, axis=0)
    # two passes, and exactly 0 for a feature every mention shares (a phrase's count, the
    # document's length): rounding noise there would be scaled up to a feature of its own
    deviation = grouped - np.repeat(mean, np.diff(np.r_[starts, len(rows)]), axis=0)
    deviation = np.asfortranarray(deviation)
    spread = np.sqrt(np.add.reduceat(deviation**2, starts, axis=0) / mentions)
    spread[largest == smallest] = 0.0
    return np.ascontiguousarray(np.hstack([mean, largest, smallest, spread])), row


def _probability(features: np.ndarray, part: dict) -> np.ndarray:
    logit = standardise(features, part) @ np.asarray(part["coef"]) + part["intercept"]
    return 1.0 / (1.0 + np.exp(-logit))


def score_emphatic(
    candidates: EmphaticCandidates, model: dict | None = None, *, address: bool = False
) -> np.ndarray:
    """The probability that each candidate mention is an emphatic repeat.

    For news and other prose (``address=False``): the product of the ``news`` phrase
    regression's probability that the mention's phrase is repeated for emphasis (over the
    phrase's mentions among ``candidates``: pass every mention of a phrase together) and its
    mention regression's probability that this is a marked mention. For an address
    (:func:`is_address`): the ``address`` regression over the mention's own features.
    """
    model = emphatic_model() if model is None else model
    if not len(candidates.first):
        return np.zeros(0)
    if address:  # the address ranker reads the first columns only (ADDRESS_FEATURES)
        return _probability(
            candidates.features[:, : len(ADDRESS_FEATURES)], model["address"]["mention"]
        )
    ranker = model["news"]
    phrases, row = phrase_features(candidates)
    return _probability(phrases, ranker["phrase"])[row] * _probability(
        candidates.features, ranker["mention"]
    )


def find_emphatic_repeats(
    text_or_doc: str | Document,
    *,
    doc_id: str | None = None,
    keys: list[str] | None = None,
    counter=None,
    threshold: float | None = None,
    per_1000_words: float | None = None,
    skip: np.ndarray | None = None,
    address: bool | None = None,
) -> list[Span]:
    """Emphatic repeats: mentions of a repeated word or short phrase that a trained model ranks high.

    Every mention of a content word, or of a phrase of two or three words, that stands at least
    twice in the text is a candidate (see :func:`emphatic_candidates`), scored from what the
    mention and its phrase look like: how often and how close together the phrase is said,
    whether this is a later mention, capitals, quotes, title words, VADER intensity, sentence
    length and position, how common the words are in news, and (news only) the words' classes and
    how often PTC's annotators marked them as Repetition in the train articles (see
    :func:`score_emphatic`, :func:`marked_rates`).
    News and other prose are scored by two logistic regressions, one judging the phrase and
    one the mention; a text that reads as an address (:func:`is_address`) by one regression over
    the mention, the ranker whose figures in speeches were judged. Both were trained on the
    "Repetition" spans of the train split of the Propaganda Techniques Corpus (whose annotators
    mark the repeats they judged emphatic, about 1.7 per article), and their thresholds chosen
    by cross-validation on that split alone; see ``benchmarks/train_emphatic_repeats.py`` and
    :mod:`rhetoric.evaluation.ptc`. Mentions scoring at least the threshold are kept, best
    first, skipping any that overlap one already kept, up to the ranker's rate per 1000 words
    (also chosen by cross-validation on train; see :func:`emphatic_limit`); a capitalised title
    repeated in a salutation list ("Members of A, Members of B") is skipped. This is a weak
    detector (span F1 0.15 cross-validated on PTC train, 0.11 on dev): read its spans as suggestions.

    Parameters
    ----------
    text_or_doc : str or Document
    doc_id : str, optional
    threshold : float, optional
        Keep mentions scoring at least this (default: the model's own threshold).
    per_1000_words : float, optional
        Keep at most this many mentions per 1000 words, the best (default: the model's own
        rate; ``math.inf`` keeps every mention above the threshold).
    address : bool, optional
        Rank as an address (True: the ``address`` ranker) or as news and other prose (False:
        the ``news`` phrase-and-mention ranker); default: :func:`is_address` decides.
    keys, counter, skip
        Used by :func:`find_repetition`: the word keys, the group counter it shares, and a
        boolean mask of words (copies of duplicated sentences and paragraphs) to leave alone.

    Returns
    -------
    list of Span
        ``device="repetition"``, ``kind="emphatic_repeat"``, ``score`` the model's probability;
        the kept mentions of one phrase share a ``group``. Sorted by position.

    Examples
    --------
    >>> text = "Grain prices rose. Tariffs, tariffs and more tariffs hurt the farms."
    >>> [(s.text, s.start) for s in find_emphatic_repeats(text, threshold=0.0, per_1000_words=math.inf)][:2]
    [('Tariffs', 19), ('tariffs', 28)]
    """
    doc = as_document(text_or_doc, doc_id)
    if not doc.words:
        return []
    keys = doc.keys if keys is None else keys
    counter = counter or _GroupCounter()
    model = emphatic_model()
    address = is_address(doc) if address is None else address
    ranker = model["address" if address else "news"]
    threshold = ranker["threshold"] if threshold is None else threshold
    candidates, probability = _scored_candidates(doc, keys, model, address)
    rate = (
        ranker["per_1000_words"] if per_1000_words is None else per_1000_words
    )  # None in the model: no limit
    limit = None if rate is None or math.isinf(rate) else emphatic_limit(len(doc.words), rate)
    chosen = _choose(doc, candidates, probability, threshold, skip, limit)
    groups: dict[int, str] = {}
    spans = []
    for k in sorted(chosen, key=lambda k: candidates.first[k]):
        i, n = int(candidates.first[k]), int(candidates.n_words[k])
        phrase = int(candidates.phrase[k])
        if phrase not in groups:
            groups[phrase] = counter()
        count, previous = int(candidates.count[k]), int(candidates.previous[k])
        said = " ".join(keys[i : i + n])
        evidence = (
            f'"{said}" stands {count} times; first mention'
            if previous < 0
            else f'"{said}" stands {count} times; said again {i - previous - 1} words after its last mention'
        )
        spans.append(
            doc.span(
                doc.words[i].start,
                doc.words[i + n - 1].end,
                device=DEVICE,
                kind="emphatic_repeat",
                group=groups[phrase],
                score=round(float(probability[k]), 3),
                evidence=evidence,
            )
        )
    return spans


def _scored_candidates(
    doc: Document, keys: list[str], model: dict, address: bool
) -> tuple[EmphaticCandidates, np.ndarray]:
    """The candidates and their probabilities, scored block by block; the feature rows are
    dropped once scored (``features`` has no columns), so memory stays a few arrays per word.
    A text named in :func:`own_labels_left_out` is scored without its own labels."""
    blocks, scores = [], []
    own = _LEFT_OUT.get(doc.doc_id) if doc.doc_id is not None else None
    for block in _candidate_blocks(doc, keys, None, own is not None, own=own):
        scores.append(score_emphatic(block, model, address=address))
        blocks.append(replace(block, features=np.zeros((len(block.first), 0))))
    if not blocks:
        return _no_candidates(), np.zeros(0)
    columns = [np.concatenate([getattr(b, name) for b in blocks]) for name in _CANDIDATE_FIELDS]
    return EmphaticCandidates(*columns), np.concatenate(scores)


def emphatic_limit(n_words: int, per_1000_words: float) -> int:
    """Most emphatic repeats kept in a text of ``n_words`` words (at least one).

    >>> emphatic_limit(450, 12.0), emphatic_limit(5000, 12.0)
    (6, 60)
    """
    return max(1, math.ceil(per_1000_words * n_words / 1000))


def _choose(
    doc: Document,
    candidates: EmphaticCandidates,
    probability: np.ndarray,
    threshold: float,
    skip: np.ndarray | None = None,
    limit: int | None = None,
) -> list[int]:
    """Candidates at or above ``threshold``, best first, none overlapping one already taken or
    ``skip``, at most ``limit`` of them."""
    above = np.flatnonzero(probability >= threshold)
    taken = np.zeros(len(doc.words), dtype=bool) if skip is None else np.array(skip, dtype=bool)
    chosen = []
    for k in above[np.argsort(-probability[above], kind="stable")]:
        i, n = int(candidates.first[k]), int(candidates.n_words[k])
        if taken[i : i + n].any():
            continue
        previous = int(candidates.previous[k])
        if previous >= 0 and _is_title_list(doc, previous, i):
            continue
        taken[i : i + n] = True
        chosen.append(int(k))
        if limit is not None and len(chosen) >= limit:
            break
    return chosen


def _is_title_list(doc: Document, j: int, i: int) -> bool:
    """True when both mentions are capitalised words heading comma-separated items (a salutation)."""
    a, b = doc.words[j], doc.words[i]
    if not (a.text[:1].isupper() and b.text[:1].isupper()):
        return False
    before = doc.clean[doc.words[i - 1].end : b.start]
    return "," in before or ";" in before
