"""Repetition: duplicated paragraphs and sentences, refrains, and emphatic repeats close by.

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
    A short phrase said again within a few words, or a content word said again at once, in the
    same sentence or the next (the sense of the "Repetition" label of the Propaganda Techniques
    Corpus). Ordinary prose repeats its topic words all the time, so the rule is deliberately
    selective (see :func:`find_emphatic_repeats`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from rhetoric.devices import as_document
from rhetoric.lexicon import is_content_word
from rhetoric.span import Span
from rhetoric.text import Document, Segment

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
    keys = word_keys(doc)
    spans: list[Span] = []
    masked = [False] * len(keys)
    counter = _GroupCounter()
    spans += _duplicates(doc, keys, doc.paragraphs, "duplicated_paragraph", MIN_PARAGRAPH_WORDS, masked, counter)
    sentences = [s for s in doc.sentences if s.n_words and not masked[s.first_word]]
    spans += _duplicates(doc, keys, sentences, "duplicated_sentence", MIN_SENTENCE_WORDS, masked, counter)
    spans += _refrains(doc, keys, masked, counter)
    spans += find_emphatic_repeats(doc, keys=keys, counter=counter)
    return sorted(spans, key=lambda s: (s.start, s.end, s.kind))


def word_keys(doc: Document) -> list[str]:
    """The matching key of every word: its normalised form without apostrophes or hyphens.

    >>> from rhetoric.text import Document
    >>> word_keys(Document("Don’t re-read it"))
    ['dont', 'reread', 'it']
    """
    return [t.norm.replace("'", "").replace("-", "") for t in doc.words]


def sentence_index(doc: Document) -> list[int]:
    """For every word of ``doc.words``, the index of its sentence in ``doc.sentences``."""
    index = [0] * len(doc.words)
    for number, sentence in enumerate(doc.sentences):
        index[sentence.first_word : sentence.last_word] = [number] * sentence.n_words
    return index


_CLAUSE_BREAK = re.compile(r"[;:!?()\[\]\u2014\u2013\u201c\u201d\"]|--")


def clause_index(doc: Document) -> list[int]:
    """For every word, the number of its clause: a new clause starts at a sentence start and after
    a semicolon, colon, dash, bracket or double quote (commas do not break clauses)."""
    words, text = doc.words, doc.text
    sentence_of = sentence_index(doc)
    index, number = [0] * len(words), 0
    for i in range(1, len(words)):
        if sentence_of[i] != sentence_of[i - 1] or _CLAUSE_BREAK.search(text, words[i - 1].end, words[i].start):
            number += 1
        index[i] = number
    return index


class _GroupCounter:
    """Hands out group names ``repetition-1``, ``repetition-2``, ... within one document."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"{DEVICE}-{self.n}"


def _duplicates(doc: Document, keys: list[str], segments: Sequence[Segment], kind: str, min_words: int,
                masked: list[bool], counter: _GroupCounter) -> list[Span]:
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
            spans.append(doc.span(segment.start, segment.end, device=DEVICE, kind=kind, group=group,
                                  score=score, evidence=evidence))
    return spans


def _refrains(doc: Document, keys: list[str], masked: list[bool], counter: _GroupCounter) -> list[Span]:
    sentence_of = clause_index(doc)
    n_words = len(keys)
    content = [is_content_word(k) for k in keys]
    # Grow n-grams only from positions whose shorter n-gram already repeats (counted outside masks).
    starts = [i for i in range(n_words - MIN_REFRAIN_WORDS + 1)
              if sentence_of[i] == sentence_of[i + MIN_REFRAIN_WORDS - 1]]
    candidates: dict[tuple[str, ...], list[int]] = {}
    n = MIN_REFRAIN_WORDS
    while starts and n <= MAX_REFRAIN_WORDS:
        where: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in starts:
            where[tuple(keys[i : i + n])].append(i)
        repeated = {}
        for gram, positions in where.items():
            free = [i for i in positions if not masked[i]]
            if len(_non_overlapping(free, n)) >= 2:
                repeated[gram] = positions
        for gram, positions in repeated.items():
            if gram[0] not in EDGE_WORDS and gram[-1] not in EDGE_WORDS and any(content[positions[0] : positions[0] + n]):
                candidates[gram] = positions
        starts = [i for positions in repeated.values() for i in positions
                  if i + n < n_words and sentence_of[i + n] == sentence_of[i]]
        n += 1
    # The refrains that cover most words win where they overlap.
    ranked = sorted(candidates.items(), key=lambda item: (-len(_non_overlapping(item[1], len(item[0]))) * len(item[0]),
                                                          -len(item[0]), item[1][0]))
    taken = [False] * n_words
    spans = []
    for gram, positions in ranked:
        n = len(gram)
        occurrences = [i for i in _non_overlapping(positions, n) if not any(taken[i : i + n])]
        if len([i for i in occurrences if not masked[i]]) < 2:
            continue
        for i in occurrences:
            taken[i : i + n] = [True] * n
        group = counter()
        score = min(1.0, 0.35 + 0.1 * (n - MIN_REFRAIN_WORDS) + 0.1 * (len(occurrences) - 2)
                    + 0.1 * sum(1 for k in gram if is_content_word(k)))
        phrase = " ".join(gram)
        for i in occurrences:
            first, last = doc.words[i], doc.words[i + n - 1]
            spans.append(doc.span(first.start, last.end, device=DEVICE, kind="refrain", group=group,
                                  score=round(score, 3), evidence=f'"{phrase}" recurs {len(occurrences)} times'))
    return spans


def _non_overlapping(positions: list[int], n: int) -> list[int]:
    kept: list[int] = []
    for i in positions:
        if not kept or i >= kept[-1] + n:
            kept.append(i)
    return kept


# --- emphatic repeats ------------------------------------------------------------------------

#: Most words between the two mentions of a repeated phrase (two to four words) for an emphatic repeat.
EMPHATIC_PHRASE_GAP = 3
#: Most words between the two mentions of a single repeated word (0: said again at once).
EMPHATIC_WORD_GAP = 0
_MAX_EMPHATIC_WORDS = 4


def find_emphatic_repeats(text_or_doc: str | Document, *, doc_id: str | None = None,
                          keys: list[str] | None = None, counter=None) -> list[Span]:
    """Emphatic repeats: a short phrase said again a few words later, or a word said again at once.

    A phrase of two to four words (holding a content word, not starting or ending on an article,
    preposition or conjunction) repeated with at most :data:`EMPHATIC_PHRASE_GAP` words between,
    or a content word repeated with at most :data:`EMPHATIC_WORD_GAP` words between, in the same
    or the next sentence. Both mentions are spans of one group. The thresholds were chosen on the
    train split of the Propaganda Techniques Corpus (see :mod:`rhetoric.evaluation.ptc`), whose
    annotators mark only the repeats they judged emphatic; most repeated words are not. A repeated
    title in a salutation list ("Members of A, Members of B") is skipped.

    Returns
    -------
    list of Span
        ``device="repetition"``, ``kind="emphatic_repeat"``.

    Examples
    --------
    >>> text = "They want more war, more war, and nothing else."
    >>> [(s.text, s.start, s.group) for s in find_emphatic_repeats(text)]
    [('more war', 10, 'repetition-1'), ('more war', 20, 'repetition-1')]
    """
    doc = as_document(text_or_doc, doc_id)
    if not doc.words:
        return []
    keys = word_keys(doc) if keys is None else keys
    counter = counter or _GroupCounter()
    sentence_of = sentence_index(doc)
    content = [is_content_word(k) and not k.isdigit() for k in keys]
    used = [False] * len(keys)
    pairs = []
    for n in range(_MAX_EMPHATIC_WORDS, 0, -1):
        allowed_gap = EMPHATIC_WORD_GAP if n == 1 else EMPHATIC_PHRASE_GAP
        last: dict[tuple[str, ...], int] = {}
        for i in range(len(keys) - n + 1):
            if sentence_of[i] != sentence_of[i + n - 1] or not any(content[i : i + n]):
                continue
            gram = tuple(keys[i : i + n])
            if n == 1 and not content[i] or n > 1 and (gram[0] in EDGE_WORDS or gram[-1] in EDGE_WORDS):
                continue
            j = last.get(gram)
            last[gram] = i
            if j is None or i - j < n or i - j - n > allowed_gap or sentence_of[i] - sentence_of[j] > 1:
                continue
            if any(used[j : j + n]) or any(used[i : i + n]) or _is_title_list(doc, j, i):
                continue
            used[j : j + n] = [True] * n
            used[i : i + n] = [True] * n
            pairs.append((j, i, n))
    spans: list[Span] = []
    for j, i, n in sorted(pairs):
        group = counter()
        phrase = " ".join(w.text for w in doc.words[i : i + n])
        between = i - j - n
        evidence = f'"{phrase}" said again at once' if not between else f'"{phrase}" said again {between} words later'
        score = 0.3 + 0.1 * (n - 1) + (0.1 if not between else 0.0)
        for k in (j, i):
            spans.append(doc.span(doc.words[k].start, doc.words[k + n - 1].end, device=DEVICE,
                                  kind="emphatic_repeat", group=group, score=round(score, 3), evidence=evidence))
    return spans


def _is_title_list(doc: Document, j: int, i: int) -> bool:
    """True when both mentions are capitalised words heading comma-separated items (a salutation)."""
    a, b = doc.words[j], doc.words[i]
    if not (a.text[:1].isupper() and b.text[:1].isupper()):
        return False
    before = doc.text[doc.words[i - 1].end : b.start]
    return "," in before or ";" in before
