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
    A content word or two-word phrase said again within a few words, in the same sentence or the
    next (the sense of the "Repetition" label of the Propaganda Techniques Corpus). Ordinary
    prose repeats its topic words all the time, so the rule is deliberately selective: the word
    must be rare in the document, the two mentions close, and a vocative list of titles
    (a salutation) is skipped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from rhetoric.devices import as_document
from rhetoric.lexicon import is_content_word, lemma
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
    sentences = [s for s in doc.sentences if not masked[s.first_word]]
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

#: Largest distance, in words, between the two mentions of an emphatic repeat.
EMPHATIC_WINDOW = 6


def find_emphatic_repeats(text_or_doc: str | Document, *, doc_id: str | None = None,
                          keys: list[str] | None = None, counter=None) -> list[Span]:
    """Emphatic repeats: a content word said again a few words later, in the same or next sentence.

    Both mentions are spans of one group (``kind="emphatic_repeat"``). A word repeated with
    nothing between (``"never, never"``) is left to the epizeuxis detector, and a repeated title
    in a salutation list ("Members of A, Members of B") is skipped.

    Returns
    -------
    list of Span
        ``device="repetition"``, ``kind="emphatic_repeat"``.

    Examples
    --------
    >>> text = "They lied to us, and they lied again and again about the war."
    >>> [(s.text, s.group) for s in find_emphatic_repeats(text)]
    [('lied', 'repetition-1'), ('lied', 'repetition-1')]
    """
    doc = as_document(text_or_doc, doc_id)
    if not doc.words:
        return []
    keys = word_keys(doc) if keys is None else keys
    counter = counter or _GroupCounter()
    sentence_of = sentence_index(doc)
    frequency: dict[str, int] = defaultdict(int)
    roots = [lemma(k) if is_content_word(k) else "" for k in keys]
    for root in roots:
        if root:
            frequency[root] += 1
    last_seen: dict[str, int] = {}
    spans: list[Span] = []
    used: set[int] = set()
    for i, root in enumerate(roots):
        if not root:
            continue
        j = last_seen.get(root)
        last_seen[root] = i
        if j is None or j in used or i - j < 2 or i - j > EMPHATIC_WINDOW:
            continue
        if sentence_of[i] - sentence_of[j] > 1 or keys[i] != keys[j] or frequency[root] > 4:
            continue
        if _is_title_list(doc, j, i):
            continue
        used.update((i, j))
        group = counter()
        evidence = f'"{doc.words[i].text}" repeated within {i - j} words'
        for k in (j, i):
            word = doc.words[k]
            spans.append(doc.span(word.start, word.end, device=DEVICE, kind="emphatic_repeat", group=group,
                                  score=0.3, evidence=evidence))
    return spans


def _is_title_list(doc: Document, j: int, i: int) -> bool:
    """True when both mentions are capitalised words heading comma-separated items (a salutation)."""
    a, b = doc.words[j], doc.words[i]
    if not (a.text[:1].isupper() and b.text[:1].isupper()):
        return False
    before = doc.text[doc.words[i - 1].end : b.start]
    return "," in before or ";" in before
