"""Antithesis: contrasting ideas set in parallel, including correctio ("not X but Y").

Every figure has two halves, the rejected or first term (X) and the asserted or second term
(Y); each half is a :class:`~rhetoric.span.Span` and the two share a ``group``. The patterns,
by ``kind``:

``correctio``
    "not X but Y", "not only/just/merely X but (also) Y", "not because ..., but because ...",
    "not merely X; it is Y", "V not in X; it V in Y" (the clause after the break takes up the
    verb or the preposition), "X, not Y" with parallel halves ("a gain, not a loss"), "far
    from X, Y" at the head of a clause, "to X, not to Y" (halves of any length), "not X alone,
    but Y", and "X and not Y" / "X but not Y" (also with halves of unequal length whose first
    opens on the second's first word: "because ..., and not because ..."). A "not" that only
    negates a verb, with "but" opening a new clause, is left alone, and so is "help but" (an
    idiom, not a contrast).
``comparative``
    "X rather than Y", "X instead of Y" (Y opening as X does), "more X than Y" (not "more
    than", not "than ever"), "more P X than P Y" (one preposition said again), "less X and more
    Y", and "choose / prefer X over Y".
``either_or``
    "either X or Y" with halves that begin alike, "whether P A or P B" with opposed A and B, and
    "X or no X".
``from_to``
    "from X to Y" where X and Y contrast ("from war to peace", not "from one city to another").
``some_others``
    "some X, others Y".
``parallel_negation``
    "an N of A is not an N of B": the same noun on both sides of "is not", qualified
    differently.
``antonym_parallel``
    contrasting words (WordNet antonyms, negating prefixes, opposed quantifiers; see
    :func:`rhetoric.lexicon.contrasts`) in the same slot of two parallel phrases: each stands next
    to the same word ("a gain in trade, a loss in trust"), and possessive pairs such as
    "<Name>'s <noun>, <Name>'s <noun>" with two different owners and two different nouns.

(The clause-level shapes have kinds of their own: ``parallel_clauses``, among them "S is A;
T is B" across a semicolon, and ``antonym_clause``.)

Scores reflect how formulaic the pattern is (0.5-1). Antonyms are checked only for word pairs
that already stand in the same slot of a parallel structure; word classes come from
:func:`rhetoric.lexicon.word_classes`, not from a tagger.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import NamedTuple

from rhetoric.lexicon import (
    class_match,
    contrasts,
    has_antonym,
    is_content_word,
    lemma,
    word_classes,
)
from rhetoric.span import Occupied, Span
from rhetoric.text import Document, Segment, Token, as_document, odd_gaps, per_document

#: Words between "not" and "but" (or the break) that keep it one figure.
MAX_HALF_WORDS = 25
#: Longest second half, in words, when it runs to the end of its clause.
MAX_TAIL_WORDS = 15

_MARKERS = frozenset({"only", "just", "merely", "simply", "solely", "purely", "exclusively"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "'s", "am"})
_SUBJECTS = frozenset({"it", "this", "that", "they", "we", "he", "she", "these", "those", "there", "i",
                       "you", "it's", "that's", "we're", "they're", "you're", "he's", "she's",
                       "i'm", "there's"})  # fmt: skip
_SKIP_AFTER_NOT = frozenset({"even", "yet", "least", "always", "necessarily", "quite", "too", "so",
                             "all", "much", "very", "exactly", "entirely", "surprisingly"})  # fmt: skip
_NOT_BEFORE = frozenset({"if", "or", "whether", "and", "but", "why", "not"})
_COMPARATIVE_END = frozenset({"ever", "before", "usual", "expected", "needed", "necessary", "once",
                              "twice", "enough", "anyone", "anybody", "anything", "otherwise",
                              "previously", "last", "now", "today", "yesterday", "required"})  # fmt: skip
_PREFER = re.compile(r"^(cho(o?s)(e|es|en|ing)|chose|prefer\w*|favou?r\w*|pick\w*|select\w*|"
                     r"prioriti[sz]\w*|value[sd]?|valuing)$")  # fmt: skip
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]\"]|--|\s-\s|[\u2014\u2013]")
_HARD_BREAK = re.compile(r"[;:.!?()\[\]]|--|\s-|-\s|[\u2014\u2013]")
_POSSESSIVE_PAIR = re.compile(
    r"\b([A-Z][\w-]+)['’]s\s+(\w+)\s*(?:,|;|--|[\u2014\u2013])\s*([A-Z][\w-]+)['’]s\s+(\w+)\b"
)


_MORE_POSSESSIVES_AFTER = re.compile(r"\s*,\s*[A-Z][\w-]+['’]s\s")
_MORE_POSSESSIVES_BEFORE = re.compile(r"[A-Z][\w-]+['’]s\s+\w+\s*,\s*$")


@dataclass(frozen=True)
class _Figure:
    x: tuple[int, int]  # character offsets of the first half
    y: tuple[int, int]  # and of the second
    kind: str
    score: float
    evidence: str


class _Views(NamedTuple):
    norms: list[str]  #: every word's normalised form
    negations: list[int]  #: the words that are "not" or end in "n't"
    frame_keys: list[str]  #: every word's :func:`_frame_key`
    candidates: list[int]  #: every word's :func:`_contrast_candidate`
    prefer: frozenset[str]  #: the distinct words that :data:`_PREFER` matches


@per_document
def _views(doc: Document) -> _Views:
    """Per-word views of the document that the sentences slice (each distinct word judged once)."""
    norms = [w.norm for w in doc.words]
    distinct = set(norms)
    negative = {w: w == "not" or w.endswith("n't") for w in distinct}
    negations = list(compress(range(len(norms)), map(negative.__getitem__, norms)))
    frame_key = {w: _frame_key(w) for w in distinct}
    candidate = {w: _contrast_candidate(w) for w in distinct}
    return _Views(
        norms,
        negations,
        list(map(frame_key.__getitem__, norms)),
        list(map(candidate.__getitem__, norms)),
        frozenset(w for w in distinct if _PREFER.match(w)),
    )


def _positions_in(positions: list[int], first: int, last: int) -> list[int]:
    """The ``positions`` from ``first`` to ``last`` (exclusive), counted from ``first``."""
    return [
        k - first
        for k in positions[
            bisect.bisect_left(positions, first) : bisect.bisect_left(positions, last)
        ]
    ]


class _Sentence:
    """A sentence's words and the separators between them."""

    def __init__(self, doc: Document, segment: Segment):
        self.doc = doc
        self.segment = segment
        self.words: list[Token] = doc.words_of(segment)
        first, last = segment.first_word, segment.last_word
        views = _views(doc)
        self.norms = views.norms[first:last]
        #: ``gaps[i]``: the normalised text between word ``i - 1`` and word ``i`` (see :meth:`gap`)
        self.gaps = [""] + [" "] * (len(self.words) - 1)  # most are one space; see odd_gaps
        gaps = odd_gaps(doc)
        for k in gaps.within(first, last):
            self.gaps[k - first] = gaps.text[k]
        #: positions of "not" and "n't" (the correctio rules start there; :func:`_is_not`)
        self.negations = _positions_in(views.negations, first, last)
        self.nots = [i for i in self.negations if self.norms[i] != "can't"]
        #: the distinct words (a rule that looks for one word skips a sentence without it)
        self.vocabulary = frozenset(self.norms)

    def __len__(self) -> int:
        return len(self.words)

    def gap(self, i: int) -> str:
        """The normalised text between word ``i - 1`` and word ``i``."""
        if i <= 0 or i >= len(self.words):
            return ""
        return self.gaps[i]

    def clause_end(self, i: int, limit: int = MAX_TAIL_WORDS) -> int:
        """The index after the last word of the clause that starts at word ``i``."""
        end = i + 1
        while end < len(self.words) and end - i < limit and not _CLAUSE_BREAK.search(self.gap(end)):
            end += 1
        return end

    def clause_start(self, i: int, limit: int = MAX_TAIL_WORDS) -> int:
        """The index of the first word of the clause that ends with word ``i``."""
        start = i
        while start > 0 and i - start < limit and not _CLAUSE_BREAK.search(self.gap(start)):
            start -= 1
        return start

    def chars(self, a: int, b: int) -> tuple[int, int]:
        """Character offsets of words ``a`` to ``b`` (exclusive)."""
        return self.words[a].start, self.words[b - 1].end

    def parallel_start(self, i: int, j: int) -> float:
        """How alike the phrases starting at words ``i`` and ``j`` begin (see :func:`class_match`)."""
        return class_match(self.norms[i], self.norms[j])


def find_antithesis(text_or_doc: str | Document, *, doc_id: str | None = None) -> list[Span]:
    """Find antitheses and correctio.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to search; boilerplate is left out.
    doc_id : str, optional
        Carried into every span when a string is given.

    Returns
    -------
    list of Span
        Two spans per figure (its halves), ``device="antithesis"``, ``kind`` one of
        ``correctio``, ``comparative``, ``either_or``, ``from_to``, ``some_others``,
        ``parallel_negation``, ``antonym_parallel`` and the clause-level
        ``parallel_clauses``, ``antonym_clause``; the halves share ``group``
        (``"antithesis-<start>"``); ``evidence`` names the pattern or the contrasting words.

    Examples
    --------
    >>> spans = find_antithesis("They sought not a truce but a victory.")
    >>> [(s.start, s.end, s.text, s.kind) for s in spans]
    [(12, 23, 'not a truce', 'correctio'), (24, 37, 'but a victory', 'correctio')]
    """
    doc = as_document(text_or_doc, doc_id)
    figures: list[_Figure] = []
    sentences = [_Sentence(doc, s) for s in doc.prose]
    for index, sentence in enumerate(sentences):
        if len(sentence) < 3:
            continue
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        for rule in _RULES:
            figures.extend(rule(sentence))
        figures.extend(_correctio_clause(sentence, following))
    figures.extend(_possessive_pairs(doc))
    figures.extend(_clause_level_figures(sentences))
    return _to_spans(doc, _prune(figures))


def _prune(figures: list[_Figure]) -> list[_Figure]:
    """Keep the best figure where several overlap (the most formulaic pattern wins)."""
    kept: list[_Figure] = []
    taken = Occupied()
    for figure in sorted(figures, key=lambda f: (-f.score, f.x[0])):
        start, end = min(figure.x[0], figure.y[0]), max(figure.x[1], figure.y[1])
        if not taken.overlaps(start, end):
            taken.add(start, end)
            kept.append(figure)
    return kept


def _to_spans(doc: Document, figures: list[_Figure]) -> list[Span]:
    spans = []
    for figure in sorted(figures, key=lambda f: f.x[0]):
        group = f"antithesis-{min(figure.x[0], figure.y[0])}"
        for start, end in (figure.x, figure.y):
            spans.append(
                doc.span(
                    start,
                    end,
                    device="antithesis",
                    kind=figure.kind,
                    group=group,
                    score=figure.score,
                    evidence=figure.evidence,
                )
            )
    return spans


def _is_not(norm: str) -> bool:
    return norm == "not" or (norm.endswith("n't") and norm != "can't")


# --- correctio -----------------------------------------------------------------------------------


def _not_but(s: _Sentence) -> Iterator[_Figure]:
    """not X but Y; not only X but also Y; not because A, not because B, but because C; not X
    alone, but Y ("alone" before "but" limits X as "only" does, so the halves need not begin
    alike: "not by the law alone, but chiefly by custom")."""
    n = len(s)
    used_buts: set[int] = set()
    for i in s.nots:
        if i + 1 >= n or (i and s.norms[i - 1] in _NOT_BEFORE):
            continue
        marker = s.norms[i + 1] in _MARKERS
        x_first = i + 2 if marker else i + 1
        if x_first >= n or s.norms[x_first] in _SKIP_AFTER_NOT:
            continue
        for k in range(x_first + 1, min(n, x_first + MAX_HALF_WORDS)):
            if _HARD_BREAK.search(s.gap(k)) and not marker:
                break
            if s.norms[k] != "but" or k in used_buts or s.norms[k - 1] == "help":
                continue
            y_first = k + 1
            while y_first < n and s.norms[y_first] in ("also", "rather", "instead"):
                y_first += 1
            if y_first >= n:
                break
            alike = s.parallel_start(x_first, y_first)
            if alike == 0.0 and y_first + 1 < n:
                alike = _parallel_behind(s, i, x_first, y_first)
            if (
                alike == 0.0
                and s.norms[x_first] in _PURPOSE_PLACES
                and _purposes(s, x_first + 1, y_first)
            ):
                # "not here to praise ... but to challenge ...": the purpose is the parallel part
                alike = 0.8
            # "not by X alone, but by Y"; not "did not go alone, but we ...": a new clause
            alone = (
                s.norms[k - 1] == "alone" and k - 1 > x_first and s.norms[y_first] not in _SUBJECTS
            )
            if not marker and not alone and alike == 0.0:
                break  # "we did not win, but we ...": a negated verb, then a new clause
            used_buts.add(k)
            x_start = _earliest_not(s, i, x_first)
            y_end = s.clause_end(y_first)
            score = 0.95 if alike == 1.0 or marker else 0.85 if alike else 0.75
            pattern = (
                "not only X but Y" if marker else "not X but Y" if alike else "not X alone but Y"
            )
            yield _Figure(s.chars(x_start, k), s.chars(k, y_end), "correctio", score, pattern)
            break


#: Place adverbs that stand before a purpose ("we are not here to X but to Y").
_PURPOSE_PLACES = frozenset({"here", "there"})


def _purposes(s: _Sentence, a: int, b: int) -> bool:
    """Words ``a`` and ``b`` both open an infinitive of purpose: "to" and a word that may be a
    verb ("to praise" / "to challenge"; not "to our surprise" or "for the record")."""
    n = len(s)
    return (
        b + 1 < n
        and s.norms[a] == s.norms[b] == "to"
        and "V" in word_classes(s.norms[a + 1])
        and "V" in word_classes(s.norms[b + 1])
        and not any(tuple(s.norms[b + 1 : b + 1 + len(p)]) == p for p in _PARENTHETICALS)
    )


#: Infinitives said as an aside, not as a purpose ("but to tell the truth, ...").
_PARENTHETICALS = (("tell", "the", "truth"), ("be", "honest"), ("be", "frank"), ("be", "fair"),
                   ("be", "sure"), ("be", "clear"), ("put", "it"), ("sum", "up"))  # fmt: skip


_Y_DETERMINERS = frozenset("the a an our their his her its this that these those".split())


def _parallel_behind(s: _Sentence, i: int, x_first: int, y_first: int) -> float:
    """Y's parallel word one word in: behind a determiner when X and Y are both plainly nouns
    ("not punishment, but the rectification of wrong"), or behind the verb that stood before
    "not", said again ("it was not a question ..., but was a proposition"). 0 when neither."""
    if s.norms[y_first] in _Y_DETERMINERS and s.parallel_start(x_first, y_first + 1) == 1.0:
        return 0.8
    if i > 0 and s.norms[y_first] == s.norms[i - 1] and s.norms[y_first].isalpha():
        return 0.8 * s.parallel_start(x_first, y_first + 1)
    return 0.0


def _earliest_not(s: _Sentence, i: int, x_first: int) -> int:
    """Walk back over earlier "not <same word>" members of a series ("not because A, not because B")."""
    start = i
    for j in range(i - 1, max(-1, i - MAX_HALF_WORDS), -1):
        if _is_not(s.norms[j]) and j + 1 < len(s) and s.norms[j + 1] == s.norms[x_first]:
            start = j
    return start


#: Words that stand for a noun phrase already said ("the realities of today, not those of ...").
_PRO_FORMS = frozenset({"those", "that", "these", "one", "ones"})
_PREPOSITIONS = frozenset("of in for from at on with to by about".split())


def _x_not_pro_form(s: _Sentence, i: int) -> _Figure | None:
    """X of A, not those of B: the second half names its noun by a pro-form ("those", "that",
    "one") and repeats the first half's preposition ("the realities of the 1970s, not those of
    the 1930s"); the first half runs from the noun before that preposition."""
    n = len(s)
    if i + 3 >= n or s.norms[i + 1] not in _PRO_FORMS or s.norms[i + 2] not in _PREPOSITIONS:
        return None
    preposition = s.norms[i + 2]
    y_end = s.clause_end(i + 1, limit=12)
    if y_end < n and not _CLAUSE_BREAK.search(s.gap(y_end)):
        return None
    x_first = None
    for k in range(i - 1, max(0, i - 8), -1):
        if _CLAUSE_BREAK.search(s.gap(k + 1)) and k + 1 < i:
            break
        if s.norms[k] == preposition and k > 0:
            x_first = k - 1
            break
    if x_first is None or not is_content_word(s.norms[x_first]):
        return None
    return _Figure(s.chars(x_first, i), s.chars(i, y_end), "correctio", 0.85, "X, not Y")


def _correctio_clause(s: _Sentence, following: _Sentence | None) -> Iterator[_Figure]:
    """not merely X; it is Y / V not P X; it V P Y (also across a full stop after "not merely")."""
    n = len(s)
    for i in s.nots:
        if i + 1 >= n or (i and s.norms[i - 1] in _NOT_BEFORE):
            continue
        marker = s.norms[i + 1] in _MARKERS
        x_first = i + 2 if marker else i + 1
        if x_first >= n:
            continue
        verb_before = s.norms[i - 1] if i else ""
        for k in range(x_first + 1, min(n, x_first + MAX_HALF_WORDS)):
            gap = s.gap(k)
            if not (_HARD_BREAK.search(gap) or (marker and "," in gap)):
                continue
            if s.norms[k] == "but":
                break  # handled by "not X but Y"
            figure = _second_clause(s, k, i, x_first, marker, verb_before, s)
            if figure:
                yield figure
            break
        else:
            if (
                marker
                and following is not None
                and n - x_first <= MAX_HALF_WORDS
                and len(following)
            ):
                figure = _second_clause(following, 0, i, x_first, marker, verb_before, s)
                if figure:
                    yield figure


def _second_clause(
    t: _Sentence, k: int, i: int, x_first: int, marker: bool, verb_before: str, s: _Sentence
) -> _Figure | None:
    """Check that the clause at word ``k`` of ``t`` takes up the negated one; build the figure."""
    n = len(t)
    j = k
    while j < n and t.norms[j] in ("but", "rather", "instead", "indeed"):
        j += 1
    if j + 1 >= n or t.norms[j] not in _SUBJECTS:
        return None
    contracted = t.norms[j] in _CONTRACTED_BE
    verb = j if contracted else j + 1
    takes_up = (marker and (t.norms[verb] in _BE or contracted)) or (
        verb_before and is_content_word(verb_before) and lemma(t.norms[verb]) == lemma(verb_before)
    )
    repeats = s.norms[x_first] in t.norms[verb + 1 : verb + 3]
    if not takes_up or (not marker and not repeats):
        return None
    x_end = k if t is s else len(s)
    y_end = t.clause_end(j)
    pattern = "not merely X; it is Y" if marker else "not X; it ... Y"
    return _Figure(s.chars(i, x_end), t.chars(j, y_end), "correctio", 0.9, pattern)


def _x_not_y(s: _Sentence) -> Iterator[_Figure]:
    """X, not Y: "a gain, not a loss" (halves of the same shape, the second closing its clause)."""
    n = len(s)
    if s.vocabulary.isdisjoint(("not",)):
        return  # the rule starts at one of these words
    for i, norm in enumerate(s.norms):
        if norm != "not" or i < 2 or i + 1 >= n or s.norms[i - 1] in _NOT_BEFORE:
            continue
        if "," not in s.gap(i) and not _HARD_BREAK.search(s.gap(i)):
            continue
        if s.norms[i + 1] in _SKIP_AFTER_NOT or s.norms[i + 1] in _MARKERS:
            continue
        if s.norms[i + 1] == "to":
            figure = _infinitive_halves(s, i)
            if figure is not None:
                yield figure
            continue
        figure = _x_not_pro_form(s, i)
        if figure is not None:
            yield figure
            continue
        y_end = s.clause_end(i + 1, limit=8)
        size = y_end - (i + 1)
        if size > 6 or (y_end < n and not _CLAUSE_BREAK.search(s.gap(y_end))):
            continue
        x_start = i - size
        if x_start < 0 or _CLAUSE_BREAK.search(" ".join(s.gap(k) for k in range(x_start + 1, i))):
            continue
        first_alike = s.parallel_start(x_start, i + 1)
        last_alike = class_match(s.norms[i - 1], s.norms[y_end - 1]) > 0
        if not first_alike or not last_alike or s.norms[i - 1] == s.norms[y_end - 1]:
            continue
        yield _Figure(s.chars(x_start, i), s.chars(i, y_end), "correctio", 0.85, "X, not Y")


#: Infinitives that "not to" opens as an aside ("not to mention", "not to say").
_ASIDE_INFINITIVES = frozenset({"mention", "say", "speak", "put"})


def _infinitive_halves(s: _Sentence, i: int) -> _Figure | None:
    """to X, not to Y: the "not" at word ``i`` opens an infinitive ("to teach, not to preach to
    them") that answers the nearest infinitive before it in the same clause, the first half
    running from that "to"; not an aside ("not to mention") nor a purpose of its own ("we
    decided, not to go": no "to" before). The halves may differ in length: the repeated "to"
    marks the parallel."""
    n = len(s)
    if (
        i + 2 >= n
        or s.norms[i + 2] in _ASIDE_INFINITIVES
        or "V" not in word_classes(s.norms[i + 2])
    ):
        return None
    y_end = s.clause_end(i + 1, limit=8)
    if y_end < n and not _CLAUSE_BREAK.search(s.gap(y_end)):
        return None  # the second half runs on past the limit
    start = s.clause_start(i - 1, limit=8)
    x_start = next((k for k in range(i - 2, start - 1, -1) if s.norms[k] == "to"), None)
    if x_start is None or "V" not in word_classes(s.norms[x_start + 1]):
        return None
    if s.norms[x_start + 1] == s.norms[i + 2]:
        return None  # "to go, not to go alone": one verb, no contrast of acts
    return _Figure(s.chars(x_start, i), s.chars(i, y_end), "correctio", 0.85, "to X, not to Y")


def _far_from(s: _Sentence) -> Iterator[_Figure]:
    """Far from X, Y: at the head of a clause."""
    n = len(s)
    for i in range(n - 2):
        if s.norms[i] != "far" or s.norms[i + 1] != "from":
            continue
        if i and not _CLAUSE_BREAK.search(s.gap(i)):
            continue
        x_end = s.clause_end(i, limit=MAX_HALF_WORDS)
        if x_end >= n or x_end - i < 3:
            continue
        y_end = s.clause_end(x_end)
        yield _Figure(s.chars(i, x_end), s.chars(x_end, y_end), "correctio", 0.75, "far from X, Y")


# --- comparative ---------------------------------------------------------------------------------


def _rather_than(s: _Sentence) -> Iterator[_Figure]:
    """X rather than Y; rather X than Y."""
    n = len(s)
    if s.vocabulary.isdisjoint(("rather",)):
        return  # the rule starts at one of these words
    for i, norm in enumerate(s.norms):
        if norm != "rather" or i + 1 >= n:
            continue
        if s.norms[i + 1] == "than":
            if i == 0 or _CLAUSE_BREAK.search(s.gap(i)):
                continue
            x_start = s.clause_start(i - 1, limit=8)
            y_end = s.clause_end(i + 2) if i + 2 < n else n
            if i + 2 >= n:
                continue
            yield _Figure(
                s.chars(x_start, i), s.chars(i, y_end), "comparative", 0.85, "X rather than Y"
            )
        else:
            for k in range(i + 2, min(n, i + 8)):
                if _CLAUSE_BREAK.search(s.gap(k)):
                    break
                if s.norms[k] == "than" and k + 1 < n:
                    yield _Figure(
                        s.chars(i, k),
                        s.chars(k, s.clause_end(k + 1)),
                        "comparative",
                        0.8,
                        "rather X than Y",
                    )
                    break


def _instead_of(s: _Sentence) -> Iterator[_Figure]:
    """X instead of Y, where Y opens like the phrase X ("a source of confidence, instead of a
    cause of contention"): a substitution set out in parallel, not a bare "instead of doing"."""
    n = len(s)
    if s.vocabulary.isdisjoint(("instead",)):
        return  # the rule starts at this word
    for i, norm in enumerate(s.norms):
        if norm != "instead" or i == 0 or i + 2 >= n or s.norms[i + 1] != "of":
            continue
        x_end, y_first = i, i + 2
        if _HARD_BREAK.search(s.gap(i)):
            continue  # a break before "instead": nothing set against Y in this clause
        # X: the nearest phrase of two or more words that opens as Y does ("the path of hope")
        opening = s.clause_start(x_end - 1, limit=8)
        x_start = next(
            (k for k in range(x_end - 2, opening - 1, -1) if s.parallel_start(k, y_first) == 1.0),
            None,
        )
        if x_start is None or s.norms[x_start] in ("and", "or", "nor"):
            continue
        y_end = s.clause_end(y_first)
        if y_end - y_first < 2:
            continue
        yield _Figure(
            s.chars(x_start, x_end), s.chars(i, y_end), "comparative", 0.8, "X instead of Y"
        )


def _more_than(s: _Sentence) -> Iterator[_Figure]:
    """more X than Y (X holds a content word, Y is no time or norm); less X and more Y."""
    n = len(s)
    if s.vocabulary.isdisjoint(("more", "less")):
        return  # the rule starts at one of these words
    for i, norm in enumerate(s.norms):
        if norm not in ("more", "less") or i + 2 >= n:
            continue
        figure = _more_p_than_p(s, i)
        if figure is not None:
            yield figure
            continue
        other = "less" if norm == "more" else "more"
        for k in range(i + 2, min(n, i + 10)):
            if _HARD_BREAK.search(s.gap(k)):
                break
            if s.norms[k] == "than" and norm == "more" and k + 1 < n:
                middle = s.norms[i + 1 : k]
                if (
                    not any(is_content_word(w) for w in middle)
                    or s.norms[k + 1] in _COMPARATIVE_END
                ):
                    break
                if k == i + 2:
                    break  # "more important than", "more jobs than": a plain comparison
                yield _Figure(
                    s.chars(i, k),
                    s.chars(k, s.clause_end(k + 1)),
                    "comparative",
                    0.6,
                    "more X than Y",
                )
                break
            if (
                s.norms[k] == other
                and s.norms[k - 1] in ("and", "but", "or")
                or (s.norms[k] == other and "," in s.gap(k))
            ):
                if k + 1 < n and s.parallel_start(i + 1, k + 1):
                    yield _Figure(
                        s.chars(i, k - (s.norms[k - 1] in ("and", "but", "or"))),
                        s.chars(k, s.clause_end(k + 1)),
                        "comparative",
                        0.85,
                        f"{norm} X and {other} Y",
                    )
                break


#: Prepositions that open the halves of "more P X than P Y" besides those of :data:`_PREPOSITIONS`.
_MORE_PREPOSITIONS = frozenset({"upon", "through", "against", "under", "among", "into"})


def _more_p_than_p(s: _Sentence, i: int) -> _Figure | None:
    """more P X than P Y, less P X than P Y: the preposition after "more" said again after "than"
    ("more by example than by decree", "less in words than in deeds"), the two halves weighed in
    one frame. The repeated preposition marks the parallel, so X may run longer than in a plain
    "more X than Y" (up to :data:`MAX_HALF_WORDS` words, within its clause)."""
    n = len(s)
    preposition = s.norms[i + 1]
    if preposition not in _PREPOSITIONS and preposition not in _MORE_PREPOSITIONS:
        return None
    for k in range(i + 3, min(n - 2, i + MAX_HALF_WORDS)):
        if _HARD_BREAK.search(s.gap(k)):
            return None
        if s.norms[k] == "than":
            if s.norms[k + 1] != preposition or s.norms[k + 2] in _COMPARATIVE_END:
                return None  # "more in taxes than ever": a plain comparison
            if not any(is_content_word(w) for w in s.norms[i + 2 : k]):
                return None
            return _Figure(s.chars(i, k), s.chars(k, s.clause_end(k + 1)), "comparative", 0.8,
                           "more P X than P Y")  # fmt: skip
    return None


def _prefer_over(s: _Sentence) -> Iterator[_Figure]:
    """choose / prefer / favour X over Y."""
    n = len(s)
    if s.vocabulary.isdisjoint(_views(s.doc).prefer):
        return  # the rule starts at a word that _PREFER matches
    for i, norm in enumerate(s.norms):
        if not _PREFER.match(norm):
            continue
        for k in range(i + 2, min(n - 1, i + 7)):
            if _CLAUSE_BREAK.search(s.gap(k)):
                break
            if s.norms[k] == "over":
                yield _Figure(
                    s.chars(i + 1, k),
                    s.chars(k, s.clause_end(k + 1, limit=6)),
                    "comparative",
                    0.85,
                    f"{norm} X over Y",
                )
                break


# --- alternatives and roles ----------------------------------------------------------------------


def _either_or(s: _Sentence) -> Iterator[_Figure]:
    n = len(s)
    if s.vocabulary.isdisjoint(("either",)):
        return  # the rule starts at one of these words
    for i, norm in enumerate(s.norms):
        if norm != "either" or i + 2 >= n:
            continue
        for k in range(i + 2, min(n - 1, i + MAX_HALF_WORDS)):
            if _HARD_BREAK.search(s.gap(k)):
                break
            if s.norms[k] == "or":
                if s.parallel_start(i + 1, k + 1):
                    yield _Figure(
                        s.chars(i, k),
                        s.chars(k, s.clause_end(k + 1)),
                        "either_or",
                        0.7,
                        "either X or Y",
                    )
                break


def _whether_or(s: _Sentence) -> Iterator[_Figure]:
    """whether P A or P B: "whether" and two phrases opened by the same word, around "or", whose
    next words are opposed ("whether in fair weather or in foul", "whether by day or by night").
    A bare "in war or in peace" is a merism that :func:`_one_word_apart` leaves out; after
    "whether" the pair is set out as two alternatives weighed in one frame."""
    n = len(s)
    if s.vocabulary.isdisjoint(("whether",)):
        return  # the rule starts at this word
    for i, norm in enumerate(s.norms):
        if norm != "whether" or i + 4 >= n:
            continue
        opener = s.norms[i + 1]
        if opener in _SUBJECTS or is_content_word(opener):
            continue  # "whether we ... or ...": a clause, not a pair of phrases
        for k in range(i + 3, min(n - 2, i + 8)):
            if _CLAUSE_BREAK.search(s.gap(k)):
                break
            if s.norms[k] != "or":
                continue
            if s.norms[k + 1] != opener:
                break
            x_words, y_end = s.norms[i + 2 : k], s.clause_end(k + 1, limit=k - i)
            opposed = [
                f"{a}/{b}" for a in x_words for b in s.norms[k + 2 : y_end] if _opposed(a, b)
            ]
            if opposed:
                yield _Figure(s.chars(i, k), s.chars(k, y_end), "either_or", 0.75,
                              f"whether P A or P B: '{opposed[0]}'")  # fmt: skip
            break


def _x_or_no_x(s: _Sentence) -> Iterator[_Figure]:
    """X or no X: one noun set against its own absence ("tax or no tax", "treaty or no treaty"),
    the barest antithesis of a term and its negation."""
    n = len(s)
    if s.vocabulary.isdisjoint(("no",)):
        return  # the rule starts at this word
    for k in range(1, n - 2):
        if s.norms[k] != "or" or s.norms[k + 1] != "no" or s.norms[k - 1] != s.norms[k + 2]:
            continue
        if is_content_word(s.norms[k - 1]):
            yield _Figure(s.chars(k - 1, k), s.chars(k, k + 3), "either_or", 0.8, "X or no X")


def _from_to(s: _Sentence) -> Iterator[_Figure]:
    n = len(s)
    determiners = {"the", "a", "an"}
    if s.vocabulary.isdisjoint(("from",)):
        return  # the rule starts at one of these words
    for i, norm in enumerate(s.norms):
        if norm != "from" or i + 3 >= n:
            continue
        a = i + 1 + (s.norms[i + 1] in determiners)
        t = a + 1
        if t + 1 >= n or s.norms[t] != "to":
            continue
        b = t + 1 + (s.norms[t + 1] in determiners)
        if b < n and is_content_word(s.norms[a]) and contrasts(s.norms[a], s.norms[b]):
            yield _Figure(
                s.chars(i, t),
                s.chars(t, b + 1),
                "from_to",
                0.85,
                f"from {s.norms[a]} to {s.norms[b]}",
            )


def _some_others(s: _Sentence) -> Iterator[_Figure]:
    n = len(s)
    if s.vocabulary.isdisjoint(("some",)):
        return  # the rule starts at one of these words
    for i, norm in enumerate(s.norms):
        if norm != "some" or i + 2 >= n or (i and not _CLAUSE_BREAK.search(s.gap(i)) and i > 1):
            continue
        for k in range(i + 2, min(n, i + MAX_HALF_WORDS)):
            if s.norms[k] in ("others", "other") and _CLAUSE_BREAK.search(
                " ".join(s.gap(j) for j in range(max(i + 1, k - 2), k + 1))
            ):
                start_y = (
                    k - 1 if s.norms[k - 1] in ("while", "and", "but", "whereas", "the") else k
                )
                yield _Figure(
                    s.chars(i, start_y),
                    s.chars(start_y, s.clause_end(k)),
                    "some_others",
                    0.8,
                    "some X, others Y",
                )
                break


# --- parallel contrasts --------------------------------------------------------------------------


def _parallel_negation(s: _Sentence) -> Iterator[_Figure]:
    """an N of A is not an N of B."""
    n = len(s)
    skip = {"a", "an", "the"}
    if s.vocabulary.isdisjoint(("not",)):
        return  # the rule starts at one of these words
    for i, norm in enumerate(s.norms):
        if norm != "not" or i < 3 or i + 2 >= n or s.norms[i - 1] not in _BE:
            continue
        left = [k for k in range(max(0, i - 5), i - 1) if s.norms[k] not in skip]
        right = [k for k in range(i + 1, min(n, i + 5)) if s.norms[k] not in skip]
        shared = {s.norms[k] for k in left if is_content_word(s.norms[k])} & {
            s.norms[k] for k in right if is_content_word(s.norms[k])
        }
        if not shared:
            continue
        # the shared word nearest the negation (not a set's first: its order follows the hash seed)
        noun = next(s.norms[k] for k in reversed(left) if s.norms[k] in shared)
        lk = max(k for k in left if s.norms[k] == noun)
        rk = min(k for k in right if s.norms[k] == noun)
        # the qualifier after the shared noun: "of A" / "of B"
        if (
            lk + 2 < i - 1
            and rk + 2 < n
            and s.norms[lk + 1] == s.norms[rk + 1]
            and (s.norms[lk + 2] != s.norms[rk + 2] and is_content_word(s.norms[rk + 2]))
        ):
            yield _Figure(
                s.chars(lk, lk + 3),
                s.chars(i, rk + 3),
                "parallel_negation",
                0.75,
                f"one noun, opposed qualifiers: {noun} {s.norms[lk + 1]} {s.norms[lk + 2]} / "
                f"{s.norms[rk + 2]}",
            )


def _antonym_parallel(s: _Sentence) -> Iterator[_Figure]:
    """Contrasting words in the same slot of two parallel phrases.

    A pair of words (i, j), two to twelve words apart, is a candidate when the words next to them
    are the same (``"gain for" / "loss for"``, ``"in peace" / "in war"``); only candidates are
    looked up in WordNet. One contrasting pair makes a figure; a second one in the same
    stretch raises its score.
    """
    n = len(s)
    norms = s.norms
    # 0 no, 1 content word, 2 with antonyms
    candidate = _views(s.doc).candidates[s.segment.first_word : s.segment.last_word]
    if 2 not in candidate:
        return  # a pair needs a word with an antonym or a negating prefix
    after: dict[str, list[int]] = {}  # word -> positions of the words before it
    before: dict[str, list[int]] = {}  # word -> positions of the words after it
    for k in range(n - 1):
        after.setdefault(norms[k + 1], []).append(k)
        before.setdefault(norms[k], []).append(k + 1)
    pairs = []
    for i in range(n - 2):
        if not candidate[i]:
            continue
        partners = set()  # positions i + 2 .. i + 12 that share a neighbour with i
        if i > 0 and norms[i - 1] not in _COORDINATION:
            found = before[norms[i - 1]]
            partners.update(
                found[bisect.bisect_left(found, i + 2) : bisect.bisect_right(found, i + 12)]
            )
        if i + 1 < n and norms[i + 1] not in _COORDINATION:
            found = after[norms[i + 1]]
            partners.update(
                found[bisect.bisect_left(found, i + 2) : bisect.bisect_right(found, i + 12)]
            )
        for j in sorted(partners):
            if not i + 2 <= j <= i + 12 or candidate[i] + candidate[j] < 3 or norms[j] == norms[i]:
                continue
            between = set(norms[i + 1 : j]) - _COORDINATION
            if len(between) < 2:
                continue  # "the young and the old": a merism, not two parallel phrases
            if contrasts(norms[i], norms[j]):
                pairs.append((i, j))
    if not pairs:
        return
    used: set[tuple[int, int]] = set()
    for i, j in pairs:
        if (i, j) in used:
            continue
        partners = [
            (a, b) for a, b in pairs if (a, b) != (i, j) and abs(a - i) < 8 and abs(b - j) < 8
        ]
        used.update(partners)
        score = 0.9 if partners else 0.75
        words = [f"{s.norms[a]}/{s.norms[b]}" for a, b in [(i, j), *partners]]
        x_parts = [_framed(s, a, b) for a, b in [(i, j), *partners]]
        x = (min(p[0][0] for p in x_parts), max(p[0][1] for p in x_parts))
        y = (min(p[1][0] for p in x_parts), max(p[1][1] for p in x_parts))
        if x[1] > y[0]:
            x, y = x_parts[0]
        yield _Figure(
            s.chars(*x),
            s.chars(*y),
            "antonym_parallel",
            score,
            "contrast: " + ", ".join(dict.fromkeys(words)),
        )


def _framed(s: _Sentence, i: int, j: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Word ranges of the two parallel phrases around contrasting words ``i`` and ``j``: each word
    with the neighbour it shares with the other ("gain for" / "loss for")."""
    before = i > 0 and s.norms[i - 1] == s.norms[j - 1] and j - 1 > i
    after = j + 1 < len(s) and s.norms[i + 1] == s.norms[j + 1] and i + 1 < j
    x = (i - before, i + 1 + (after and i + 2 <= j - before))
    y = (j - before, j + 1 + after)
    return x, y


@lru_cache(maxsize=65536)
def _contrast_candidate(norm: str) -> int:
    """0 for a word that cannot contrast, 1 for a content word, 2 for one with an antonym or a
    negating prefix; a pair needs at least one 2 (the other may be the base of its negation)."""
    if not (is_content_word(norm) or norm in _QUANTIFIERS):
        return 0
    return 2 if has_antonym(norm) else 1


_COORDINATION = frozenset({"and", "or", "nor", "the", "a", "an"})


_QUANTIFIERS = frozenset({"all", "none", "nothing", "everything", "many", "few", "more", "less",
                          "most", "least", "always", "never", "first", "last"})  # fmt: skip


def _possessive_pairs(doc: Document) -> Iterator[_Figure]:
    """<Name>'s <noun>, <Name>'s <noun>: two owners, two different things, set side by side."""
    for start, end in doc.body:
        for match in _POSSESSIVE_PAIR.finditer(doc.text, start, end):
            owner_a, thing_a, owner_b, thing_b = match.groups()
            if owner_a == owner_b or thing_a.lower() == thing_b.lower():
                continue
            if not (is_content_word(thing_a.lower()) and is_content_word(thing_b.lower())):
                continue
            tail = doc.text[match.end() : match.end() + 40]
            head = doc.text[max(start, match.start() - 40) : match.start()]
            if _MORE_POSSESSIVES_AFTER.match(tail) or _MORE_POSSESSIVES_BEFORE.search(head):
                continue  # a list of three or more possessions, not a pair
            contrast = contrasts(thing_a.lower(), thing_b.lower())
            score = 0.9 if contrast else 0.7
            evidence = (
                f"opposed possessors: {owner_a}'s {thing_a.lower()} / {owner_b}'s {thing_b.lower()}"
            )
            yield _Figure(
                match.span(1)[:1] + (match.end(2),),
                (match.start(3), match.end(4)),
                "antonym_parallel",
                score,
                evidence,
            )


_RULES = (_not_but, _x_not_y, _far_from, _rather_than, _instead_of, _more_than, _prefer_over, _either_or,
          _whether_or, _x_or_no_x, _from_to, _some_others, _parallel_negation, _antonym_parallel)  # fmt: skip


# --- clause-level shapes (recall on speeches the rules were not built on) -------------------------
#
# Each shape below is a separate rule with its own ``evidence`` pattern, so that the learned
# scorer can tell them apart. They run after the rules above; :func:`_prune` keeps the more
# formulaic figure where two overlap.

#: Function words that stand for opposed directions, times or quantities ("go up" / "go down").
_OPPOSED_WORDS = frozenset(
    frozenset(pair.split("/"))
    for pair in (
        "up/down in/out on/off over/under above/below before/after with/without for/against "
        "to/from apart/together always/never now/then here/there all/none much/little "
        "many/few first/last more/less most/least inside/outside ever/never yes/no"
    ).split()
)
_OPPOSITE_OF: dict[str, set[str]] = {}
for _pair in _OPPOSED_WORDS:
    for _word in _pair:
        _OPPOSITE_OF.setdefault(_word, set()).update(_pair - {_word})
#: Grammatical person (and, for the first, number) of pronouns and possessives: "their gains" /
#: "our gains", "not mine but ours".
_PERSON = {
    **dict.fromkeys("i me my mine myself".split(), 0),
    **dict.fromkeys("we us our ours ourselves".split(), 1),
    **dict.fromkeys("you your yours yourself yourselves".split(), 2),
    **dict.fromkeys(
        "he him his himself she her hers herself they them their theirs themselves others".split(),
        3,
    ),  # fmt: skip
}
_POSSESSIVES = frozenset("my our your his her their its".split())
_NEGATIONS = frozenset({"not", "no", "never", "nothing", "none", "nor", "neither", "nobody"})
_ADVERSATIVE = frozenset({"but", "yet", "while", "whereas", "though", "although"})
_LEADING = frozenset({"and", "but", "or", "yet", "so", "while", "whereas", "else", "nor", "then",
                      "though", "although"})  # fmt: skip
_MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})
_NEGATED_MODALS = frozenset({"cannot", "can't", "won't", "shouldn't", "mustn't", "couldn't",
                             "wouldn't", "shan't"})  # fmt: skip
_AUXILIARIES = _BE | _MODALS | {"do", "does", "did", "have", "has", "had"}
#: A subject and a form of "be" written as one word: the verb it holds.
_CONTRACTED_BE = {
    **dict.fromkeys(("we're", "they're", "you're"), "are"),
    **dict.fromkeys(("it's", "that's", "he's", "she's", "there's", "here's"), "is"),
    "i'm": "am",
}  # fmt: skip
#: Words that open a purpose, reason or means phrase: "not to X, but because Y".
_FRAME_OPENERS = frozenset({"to", "because", "for", "by", "in", "with", "from", "through", "as",
                            "so", "since", "out"})  # fmt: skip
_DASH = re.compile(r"--|[\u2014\u2013]|-")
_WORD_BREAK = re.compile(r"[,;:.!?()\[\]\"]|--|\s-\s|[\u2014\u2013]")
#: Longest clause, in words, that the clause-level rules compare.
MAX_CLAUSE_WORDS = 20


@lru_cache(maxsize=262144)
def _contrasts(a: str, b: str) -> bool:
    """:func:`rhetoric.lexicon.contrasts`, remembered (the clause rules ask about many pairs)."""
    return contrasts(a, b)


def _opposed(a: str, b: str) -> bool:
    """Two words that contrast: antonyms, opposed function words, or pronouns of different persons."""
    if a == b:
        return False
    if frozenset((a, b)) in _OPPOSED_WORDS:
        return True
    if a in _PERSON and b in _PERSON:
        return _PERSON[a] != _PERSON[b]
    return (is_content_word(a) or is_content_word(b)) and _contrasts(a, b)


def _is_negation(norm: str) -> bool:
    return norm in _NEGATIONS or _is_not(norm) or norm in _NEGATED_MODALS


@lru_cache(maxsize=65536)
def _frame_key(norm: str) -> str:
    """The key two parallel clauses are aligned on: forms of "be" as one, content words by lemma."""
    if norm in _BE or norm in ("being", "isn't", "aren't", "wasn't", "weren't"):
        return "be"
    return lemma(norm) if is_content_word(norm) else norm


def _clauses(s: _Sentence) -> list[tuple[int, int]]:
    """Word ranges of the sentence's clauses, cut at any punctuation between words."""
    n = len(s)
    if n == 0:
        return []
    starts = s.doc.word_starts[s.segment.first_word : s.segment.last_word]
    cuts = {0, n}
    for match in _WORD_BREAK.finditer(s.doc.clean_norm, s.words[0].end, s.words[-1].start):
        k = bisect.bisect_left(starts, match.end())
        if 0 < k < n and s.words[k - 1].end <= match.start():
            cuts.add(k)
    cuts = sorted(cuts)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


_ANY_NEGATION = re.compile(r"\bnot\b|n't\b")


def _negation_spots(s: _Sentence) -> list[int]:
    """Positions of "not" and of words ending in "n't" (a cheap filter before :func:`_is_not`)."""
    if not s.negations or not _ANY_NEGATION.search(
        s.doc.clean_norm, s.segment.start, s.segment.end
    ):
        return []  # (no such word: nothing, whatever the search finds)
    return s.negations


def _not_but_clause(s: _Sentence) -> Iterator[_Figure]:
    """not X, but Y where Y takes up the word after "not" ("will not be ..., but it will be ...")
    or answers a pronoun with one of another person ("not mine alone, but ours")."""
    n = len(s)
    for i in _negation_spots(s):
        norm = s.norms[i]
        if not _is_not(norm) or i + 2 >= n or (i and s.norms[i - 1] in _NOT_BEFORE):
            continue
        x_first = i + 1 + (s.norms[i + 1] in _MARKERS)
        if x_first >= n or s.norms[x_first] in _SKIP_AFTER_NOT:
            continue
        copula = s.norms[x_first] in ("been", "be") and x_first + 1 < n
        for k in range(x_first + 1, min(n - 1, x_first + MAX_HALF_WORDS)):
            dash_then_but = s.norms[k] == "but" and _DASH.fullmatch(s.gap(k).strip())
            if _HARD_BREAK.search(s.gap(k)) and not dash_then_but:
                break
            if s.norms[k] != "but" or s.norms[k - 1] == "help":
                continue
            y_first = k + 1
            while y_first < n - 1 and s.norms[y_first] in ("also", "rather", "instead"):
                y_first += 1
            x_word, y_word = s.norms[x_first + copula], s.norms[y_first]
            takes_up = x_word in s.norms[y_first : y_first + 3] and x_word not in _COORDINATION
            persons = x_word in _PERSON and y_word in _PERSON and _opposed(x_word, y_word)
            markers = x_word in _FRAME_OPENERS and y_word in _FRAME_OPENERS
            after_copula = copula and (x_word == y_word or class_match(x_word, y_word) > 0)
            if takes_up or persons or markers or after_copula or dash_then_but:
                pattern = (
                    "not X, but S takes up Y" if takes_up
                    else "not X but Y: persons" if persons
                    else "not P X, but P' Y" if markers
                    else "not be X, but Y" if after_copula
                    else "not X -- but Y"
                )  # fmt: skip
                y_end = s.clause_end(y_first)
                yield _Figure(s.chars(i, k), s.chars(k, y_end), "correctio", 0.8, pattern)
            break


def _not_then_clause(s: _Sentence, following: _Sentence | None) -> Iterator[_Figure]:
    """X is not A; it is B: a negated clause answered by a clause (or sentence) that takes up its
    verb ("is not whether ...; it is whether ...", "was not our master, it is our servant")."""
    n = len(s)
    for i in _negation_spots(s):
        norm = s.norms[i]
        if not _is_not(norm) or i == 0 or i + 1 >= n:
            continue
        verb = (
            _CONTRACTED_BE.get(s.norms[i - 1], s.norms[i - 1])
            if norm == "not"
            else norm[:-3] or norm
        )
        if verb not in _AUXILIARIES and norm == "not":
            continue
        x_first = i + 1 + (s.norms[i + 1] in _MARKERS)
        if x_first >= n:
            continue
        k = next(
            (k for k in range(x_first + 1, min(n, x_first + MAX_HALF_WORDS)) if _WORD_BREAK.search(s.gap(k))),
            None,
        )  # fmt: skip
        t, j = (s, k) if k is not None else (following, 0)
        if t is None or len(t) < 3 or (t is following and n - x_first > MAX_HALF_WORDS):
            continue
        while j < len(t) - 2 and t.norms[j] in ("but", "rather", "instead", "indeed"):
            j += 1
        contracted = t.norms[j] in _CONTRACTED_BE
        # the answer's subject: a pronoun, or the negated clause's own subject said again
        # ("your enemy is not X - your enemy is Y")
        subject = 1 if t.norms[j] in _SUBJECTS else _repeated_subject(s, i - (norm == "not"), t, j)
        if t.norms[j] == "but" or not subject or j + 1 + subject - contracted >= len(t):
            continue
        # the answer's verb: the word after its subject, or the one the subject holds ("they're")
        answer = _CONTRACTED_BE[t.norms[j]] if contracted else t.norms[j + subject]
        same_verb = _frame_key(answer) == _frame_key(verb) or (
            answer in _MODALS and verb in _MODALS
        )
        if not same_verb:
            continue
        y_first = j + 1 if contracted else j + subject + 1
        x_word, y_word = s.norms[x_first], t.norms[y_first]
        alike = (
            x_word == y_word
            or class_match(x_word, y_word) > 0
            or _opposed(x_word, y_word)
            or x_word in _PRO_FORMS  # "are not those of X, they are goals of Y"
        )
        if not alike or _is_not(y_word):
            continue
        x_end = k if t is s else n
        y_end = t.clause_end(j)
        yield _Figure(s.chars(i - (norm == "not"), x_end), t.chars(j, y_end), "correctio", 0.8,
                      "S V not X; S V Y")  # fmt: skip


#: Longest subject, in words, that an answering clause may say again in place of a pronoun.
MAX_REPEATED_SUBJECT = 4


def _repeated_subject(s: _Sentence, verb: int, t: _Sentence, j: int) -> int:
    """How many words of the clause at word ``j`` of ``t`` repeat the subject of the negated
    clause of ``s`` whose verb is word ``verb`` (the words from its clause's start to the verb,
    holding a content word), or 0 when it does not open on that subject again."""
    start = s.clause_start(verb - 1) if verb else 0
    while start < verb and s.norms[start] in _LEADING:
        start += 1
    size = verb - start
    if not 0 < size <= MAX_REPEATED_SUBJECT or j + size > len(t):
        return 0
    words = s.norms[start:verb]
    if t.norms[j : j + size] != words or not any(is_content_word(w) for w in words):
        return 0
    return size


def _initial_not(s: _Sentence, following: _Sentence | None) -> Iterator[_Figure]:
    """Not X; S V Y: a sentence that opens on "Not" ("Not because ..., ...; it is ...") answered
    by the next clause or sentence, which opens on a subject."""
    if len(s) < 3 or s.norms[0] != "not" or s.norms[1] in _SKIP_AFTER_NOT:
        return
    k = next((k for k in range(2, len(s)) if _HARD_BREAK.search(s.gap(k))), None)
    t, j = (s, k) if k is not None else (following, 0)
    if t is None or len(t) < 3 or (t is following and len(s) > MAX_HALF_WORDS):
        return
    if j + 1 >= len(t) or t.norms[j] not in _SUBJECTS or _is_negation(t.norms[j + 1]):
        return  # (a subject with no word after it, "Not for glory: they", answers nothing)
    x_end = k if t is s else len(s)
    yield _Figure(s.chars(0, x_end), t.chars(j, t.clause_end(j)), "correctio", 0.75,
                  "Not X; S V Y")  # fmt: skip


def _opposed_in_clause(s: _Sentence, clauses: list[tuple[int, int]]) -> Iterator[_Figure]:
    """Two opposed words in one short clause, not joined as a pair ("nothing great was ever
    won by being timid"): the contrast carried by a single clause."""
    for a, b in clauses:
        if b - a > MAX_CLAUSE_WORDS:
            continue
        for i in range(a, b - 3):
            word = s.norms[i]
            quantity = word in _QUANTIFIERS and word in _OPPOSITE_OF  # "less ... more"
            if _contrast_candidate(word) != 2 and not quantity:
                continue
            for j in range(i + 3, min(b, i + 10)):
                other = s.norms[j]
                if not (quantity and other in _OPPOSITE_OF[word]) and not (
                    _contrast_candidate(other) and _contrasts(word, other)
                ):
                    continue
                if len(set(s.norms[i + 1 : j]) - _COORDINATION) < 2:
                    continue  # "great and small", "go out and come": a pair, not a clause
                yield _Figure(s.chars(i, i + 1), s.chars(j, j + 1), "antonym_clause", 0.55,
                              f"opposed words in one clause: '{s.norms[i]}/{s.norms[j]}'")  # fmt: skip
                return


#: Longest subject and longest predicate, in words, of a clause of :func:`_copular_pair`.
MAX_COPULAR_PART = 4


def _copular_parts(s: _Sentence, a: int, b: int) -> tuple[int, str] | None:
    """The position of the form of "be" that splits the clause ``a``-``b`` into a short subject
    and a short predicate, and that form; None when the clause is not so built."""
    for k in range(a + 1, min(b - 1, a + 1 + MAX_COPULAR_PART)):
        if s.norms[k] in _BE:
            return (k, s.norms[k]) if b - (k + 1) <= MAX_COPULAR_PART else None
        if s.norms[k] in _AUXILIARIES or _is_negation(s.norms[k]):
            return None
    return None


def _copular_pair(s: _Sentence, clauses: list[tuple[int, int]]) -> Iterator[_Figure]:
    """S is A; T is B: two short clauses across a semicolon, each a subject, the same form of
    "be" and a predicate of one shape, with neither subject nor predicate shared ("The roads are
    old; the hopes are new"); also the second with its verb left out for a comma ("The north was
    the lender; the south, the debtor"). Two things set side by side and told apart, which
    :func:`_parallel_clauses` (two shared words at least) does not see."""
    for index, ((a, b), (c, d)) in enumerate(zip(clauses, clauses[1:], strict=False)):
        if ";" not in s.gap(c) or not 3 <= b - a <= 2 * MAX_COPULAR_PART + 1:
            continue
        first = _copular_parts(s, a, b)
        if first is None:
            continue
        be, form = first
        second = _copular_parts(s, c, d)
        if second is not None and second[1] == form:
            subject, predicate, y_end, gapped = (c, second[0]), (second[0] + 1, d), d, False
        elif (
            second is None
            and d - c <= MAX_COPULAR_PART
            and index + 2 < len(clauses)
            and s.gap(d).strip() == ","
            and clauses[index + 2][1] - d <= MAX_COPULAR_PART
            and (index + 3 == len(clauses) or ";" in s.gap(clauses[index + 2][1]))
        ):
            y_end = clauses[index + 2][1]
            subject, predicate, gapped = (c, d), (d, y_end), True
        else:
            continue
        x_subject, y_subject = s.norms[a:be], s.norms[slice(*subject)]
        x_predicate, y_predicate = s.norms[be + 1 : b], s.norms[slice(*predicate)]
        if (set(x_subject) & set(y_subject)) - _COORDINATION or x_subject == y_subject:
            continue  # one subject said twice: no two things told apart
        if (set(x_predicate) & set(y_predicate)) - _COORDINATION:
            continue  # one predicate said twice
        parts = (x_subject, y_subject, x_predicate, y_predicate)
        if not all(any(map(is_content_word, part)) for part in parts):
            continue  # "it is summer": a subject or predicate that names nothing
        if not class_match(x_predicate[-1], y_predicate[-1]):
            continue
        pattern = "S be A; T, B" if gapped else "S be A; T be B"
        yield _Figure(s.chars(a, b), s.chars(c, y_end), "parallel_clauses", 0.6, pattern)


def _modal_polarity(s: _Sentence, clauses: list[tuple[int, int]]) -> Iterator[_Figure]:
    """S cannot X, S must Y: a negated modal clause answered by a positive one."""
    for (a, b), (c, d) in zip(clauses, clauses[1:], strict=False):
        negated = [k for k in range(a, min(b, a + 4)) if s.norms[k] in _NEGATED_MODALS
                   or (s.norms[k] in _MODALS and k + 1 < b and s.norms[k + 1] == "not")]  # fmt: skip
        if not negated or b - a > MAX_CLAUSE_WORDS or d - c > MAX_CLAUSE_WORDS:
            continue
        j = c + (s.norms[c] in _LEADING)
        if j + 2 >= d or s.norms[j] not in _PERSON or s.norms[j + 1] not in _MODALS:
            continue
        if _is_negation(s.norms[j + 2]):
            continue
        yield _Figure(s.chars(a, b), s.chars(c, d), "correctio", 0.7, "S cannot X, S must Y")


#: The most words of the half before "and not" / "but not" found by its opening word.
_MAX_X_HALF = 7
#: What may stand between the first half and its "and not" / "but not": a comma or a dash.
_BREAK_BEFORE_JOINT = re.compile(r"^\s*(?:,|--|-|[\u2014\u2013])\s*$")


def _x_and_not_y(s: _Sentence) -> Iterator[_Figure]:
    """X and not (just) Y, X but not Y: "won the peace and not just the war", "to give but not to
    take" (halves that begin alike, of one length); also halves of unequal length whose first
    opens on the word the second opens on ("because we chose to, and not because we were made
    to": :func:`_x_half_start`)."""
    n = len(s)
    for i in range(2, n - 2):
        if s.norms[i] not in ("and", "but", "yet") or s.norms[i + 1] != "not":
            continue
        marker = s.norms[i + 2] in _MARKERS
        y_first = i + 2 + marker
        if y_first >= n or (marker and s.norms[y_first] in _AUXILIARIES) or _litotes(s, y_first):
            continue  # "and not only will they ...": a clause; "and not a few": a litotes
        y_end = s.clause_end(y_first, limit=7)
        x_start, equal = _x_half_start(s, i, y_first, y_end - y_first)
        if x_start is None or s.norms[i - 1] == s.norms[y_end - 1]:
            continue
        pattern = "X and not Y" if s.norms[i] == "and" else "X but not Y"
        if not equal:
            if not any(map(is_content_word, s.norms[y_first:y_end])):
                continue  # "and not only that", "and not a": no term set against X
            pattern += ", unequal halves"
        yield _Figure(s.chars(x_start, i), s.chars(i, y_end), "correctio", 0.75, pattern)


#: Quantities that "not" turns into their opposite ("not a few": many), not a rejected term.
_LITOTES = (("a", "few"), ("a", "little"), ("a", "bit"), ("a", "lot"))


def _litotes(s: _Sentence, i: int) -> bool:
    """Do the words from ``i`` make a litotes with the "not" before them ("not a few")?"""
    return tuple(s.norms[i : i + 2]) in _LITOTES


def _x_half_start(s: _Sentence, i: int, y_first: int, size: int) -> tuple[int | None, bool]:
    """Where the half before the conjunction at word ``i`` starts, and whether it is as long as
    the half after it (``size`` words from ``y_first``): that long when the two begin alike, else
    at the nearest word before, two words or more from the conjunction, that is the second half's
    first word ("to teach, and not to preach to them": "to teach"; "because ... and not because
    ..."). A comma or a dash may stand before the conjunction, no other break inside the half;
    ``(None, False)`` when no half is found."""
    if s.gap(i).strip() and not _BREAK_BEFORE_JOINT.match(s.gap(i)):
        return None, False  # "X; and not Y": the conjunction opens a clause of its own
    if any(_CLAUSE_BREAK.search(s.gap(k)) for k in range(max(0, i - size) + 1, i)):
        size = 0  # a break inside the equal-length half: only a nearer start can do
    first = s.norms[y_first]
    same = i - size
    if size and same >= 0 and (s.norms[same] == first or class_match(s.norms[same], first)):
        return same, True
    for k in range(i - 2, max(-1, i - 1 - _MAX_X_HALF), -1):
        if _CLAUSE_BREAK.search(s.gap(k + 1)):
            return None, False
        if s.norms[k] == first:
            return k, False
    return None, False


def _paired_enough(s: _Sentence) -> Iterator[_Figure]:
    """A enough to X, (and / but) B enough to Y: two qualities weighed against each other."""
    found = [k for k in range(1, len(s) - 1) if s.norms[k] == "enough" and s.norms[k + 1] == "to"]
    for k, m in zip(found, found[1:], strict=False):
        if m - k > MAX_HALF_WORDS or s.norms[k - 1] == s.norms[m - 1]:
            continue
        if not (is_content_word(s.norms[k - 1]) and is_content_word(s.norms[m - 1])):
            continue
        y_end = s.clause_end(m + 1, limit=MAX_HALF_WORDS)
        x_end = m - 1
        while x_end > k + 1 and s.norms[x_end - 1] in _LEADING:
            x_end -= 1
        yield _Figure(s.chars(k - 1, x_end), s.chars(m - 1, y_end), "antonym_parallel", 0.75,
                      "A enough to X, B enough to Y")  # fmt: skip


def _possessive_contrast(s: _Sentence) -> Iterator[_Figure]:
    """their N / our N: possessives of different persons on the same noun or on opposed nouns
    ("their gains have not been our gains", "your strength ... my weakness")."""
    n = len(s)
    owners = [k for k in range(n - 1) if s.norms[k] in _POSSESSIVES]
    for a, b in zip(owners, owners[1:], strict=False):
        if b - a > 12 or not _opposed(s.norms[a], s.norms[b]) or a + 1 >= b:
            continue
        x_noun, y_noun = s.norms[a + 1], s.norms[b + 1]
        if not (is_content_word(x_noun) and is_content_word(y_noun)):
            continue
        if x_noun == y_noun or _contrasts(x_noun, y_noun):
            same = x_noun == y_noun
            pattern = "their N / our N" if same else "their A / our B"
            score = 0.8 if same else 0.7  # opposed nouns alone: the antonym rule's figure wins
            yield _Figure(s.chars(a, a + 2), s.chars(b, b + 2), "antonym_parallel", score, pattern)


def _lcs(u: list[str], v: list[str]) -> list[tuple[int, int]]:
    """Aligned positions of the longest common subsequence of two key lists."""
    table = [[0] * (len(v) + 1) for _ in range(len(u) + 1)]
    for p in range(len(u) - 1, -1, -1):
        for q in range(len(v) - 1, -1, -1):
            table[p][q] = (
                table[p + 1][q + 1] + 1 if u[p] == v[q] else max(table[p + 1][q], table[p][q + 1])
            )
    pairs, p, q = [], 0, 0
    while p < len(u) and q < len(v):
        if u[p] == v[q]:
            pairs.append((p, q))
            p, q = p + 1, q + 1
        elif table[p + 1][q] >= table[p][q + 1]:
            p += 1
        else:
            q += 1
    return pairs


def _any_opposed_swap(u: list[str], v: list[str], pairs: list[tuple[int, int]]) -> bool:
    """Is a single-word substitution between the aligned keys a pair of opposed words?"""
    anchors = [(-1, -1), *pairs, (len(u), len(v))]
    return any(
        _opposed(u[p + 1], v[q + 1])
        for (p, q), (p2, q2) in zip(anchors, anchors[1:], strict=False)
        if p2 - p == 2 and q2 - q == 2
    )


def _parallel_clause_pair(
    s: _Sentence,
    x: tuple[int, int],
    t: _Sentence,
    y: tuple[int, int],
    joint: str,
    keys: tuple[list[str], list[str]],
) -> _Figure | None:
    """Two adjacent clauses built on one frame, with a sign of contrast between them."""
    a, b = x
    c, d = y
    leading = t.norms[c] if t.norms[c] in _LEADING else ""
    c += bool(leading)
    if c < d and t.norms[c] == "else":
        c += 1
    if not (3 <= b - a <= MAX_CLAUSE_WORDS and 3 <= d - c <= MAX_CLAUSE_WORDS):
        return None
    u, v = keys[0][a:b], keys[1][c:d]
    if len(set(u) & set(v)) < (1 if leading in _ADVERSATIVE else 2):
        return None
    shorter = min(len(u), len(v))
    same_opening = joint == "." and u[1:3] == v[1:3] and u[0] != v[0] and len(u) > 3
    if leading not in _ADVERSATIVE and not same_opening:
        # the common subsequence is at most the words the clauses share, counted with
        # repetition: too few for a frame, and the alignment need not be computed
        shared = sum((Counter(u) & Counter(v)).values())
        if shared < 2 or shared < 0.4 * shorter:
            return None
    pairs = _lcs(u, v)
    content = sum(is_content_word(u[p]) for p, _ in pairs)
    short_copula = (
        leading in _ADVERSATIVE and len(pairs) == 1 and u[pairs[0][0]] in ("be", *_AUXILIARIES)
        and abs(len(u) - len(v)) <= 1 and shorter <= 6
    )  # fmt: skip
    polarity = any(map(_is_negation, u)) != any(map(_is_negation, v))
    marked = leading in _ADVERSATIVE or polarity  # a sign of contrast waives the content word
    if not (short_copula or same_opening) and (
        len(pairs) < 2
        or len(pairs) < 0.4 * shorter
        or (content == 0 and len(pairs) < 4 and not marked and not _any_opposed_swap(u, v, pairs))
    ):
        return None
    # single-word substitutions between aligned anchors (and at the ends)
    anchors = [(-1, -1), *pairs, (len(u), len(v))]
    swaps = [
        (s.norms[a + p + 1], t.norms[c + q + 1])
        for (p, q), (p2, q2) in zip(anchors, anchors[1:], strict=False)
        if p2 - p == 2 and q2 - q == 2
    ]
    if not swaps and not same_opening:
        return None
    opposed = [f"{w}/{z}" for w, z in swaps if _opposed(w, z)]
    if not opposed and same_opening:
        opposed = [  # "A holds that ... war. B holds that ... peace."
            f"{w}/{z}" for w in set(s.norms[a:b]) for z in set(t.norms[c:d])
            if is_content_word(w) and is_content_word(z) and _opposed(w, z)
        ][:1]  # fmt: skip
    if opposed:
        evidence, score = "parallel clauses, opposed: " + ", ".join(f"'{o}'" for o in opposed), 0.8
    elif leading in _ADVERSATIVE:
        evidence, score = f"parallel clauses joined by '{leading}'", 0.7
    elif polarity:
        evidence, score = "parallel clauses, one negated", 0.7
    elif joint == ";" and content:
        evidence, score = "parallel clauses across a semicolon", 0.6
    elif len(swaps) >= 2 and abs(len(u) - len(v)) <= 1 and len(pairs) >= 0.5 * shorter:
        evidence, score = "isocolon with two or more substitutions", 0.55
    else:
        return None
    return _Figure(s.chars(a, b), t.chars(y[0], d), "parallel_clauses", score, evidence)


def _parallel_clauses(
    sentences: list[_Sentence], clauses_of: list[list[tuple[int, int]]]
) -> Iterator[_Figure]:
    """Adjacent clauses of one frame with opposed fillers, an adversative joint or opposite
    polarity ("we all go up, or else we all go down"); also two one-clause sentences in a row."""
    keys_of: dict[int, list[str]] = {}

    def keys(index: int) -> list[str]:
        if index not in keys_of:
            segment = sentences[index].segment
            keys_of[index] = _views(sentences[index].doc).frame_keys[
                segment.first_word : segment.last_word
            ]
        return keys_of[index]

    for index, s in enumerate(sentences):
        clauses = clauses_of[index]
        for x, y in zip(clauses, clauses[1:], strict=False):
            joint = ";" if ";" in s.gap(y[0]) else ","
            figure = _parallel_clause_pair(s, x, s, y, joint, (keys(index), keys(index)))
            if figure:
                yield figure
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        if following is not None and len(clauses) == 1 and len(clauses_of[index + 1]) == 1:
            pair = (keys(index), keys(index + 1))
            figure = _parallel_clause_pair(s, clauses[0], following, (0, len(following)), ".", pair)
            if figure:
                yield figure


def _modified_pair(s: _Sentence) -> Iterator[_Figure]:
    """M A or M B: one modifier repeated before two opposed words ("sure loss or sure gain"), a
    parallel pair rather than a bare merism."""
    n = len(s)
    for k in range(2, n - 2):
        if s.norms[k] not in ("and", "or", "nor", "but", "yet"):
            continue
        m, a, b = s.norms[k - 2], s.norms[k - 1], s.norms[k + 2]
        # the shape first (cheap), then the opposition (a lexicon lookup)
        if s.norms[k + 1] == m and m not in _COORDINATION and is_content_word(m):
            evidence = f"one modifier, opposed words: '{a}/{b}'"
        elif s.norms[k + 1] != m and _manner_adverb(m) and _manner_adverb(s.norms[k + 1]):
            # "materially rich and spiritually poor": two manner adverbs, opposed heads
            evidence = f"two manner adverbs, opposed words: '{a}/{b}'"
        else:
            continue
        if b in _OPPOSITE_OF.get(a, ()) or (_contrast_candidate(a) and _contrasts(a, b)):
            yield _Figure(s.chars(k - 2, k), s.chars(k + 1, k + 3), "antonym_parallel", 0.7,
                          evidence)  # fmt: skip


def _manner_adverb(norm: str) -> bool:
    """An adverb of manner or respect formed with -ly ("materially", "spiritually"): only an
    adverb ("elderly", "friendly" and "costly" are adjectives, "family" a noun)."""
    return len(norm) > 5 and norm.endswith("ly") and word_classes(norm) == {"R"}


def _gapped_clause(s: _Sentence) -> Iterator[_Figure]:
    """X V P A; Y P B: a short clause after a semicolon that leaves out the verb and repeats a
    preposition of the clause before ("Light is set against dark; truth against lies")."""
    n = len(s)
    if n < 5 or ";" not in s.doc.clean_norm[s.words[0].end : s.words[-1].start]:
        return
    for k in range(3, n - 1):
        if ";" not in s.gap(k):
            continue
        end = k + 1
        while end < n and not _HARD_BREAK.search(s.gap(end)):
            end += 1
        start = s.clause_start(k - 1, limit=MAX_CLAUSE_WORDS)
        y, tail = s.norms[k:end], s.norms[max(start, k - 5) : k]
        if len(y) > 6 or k - start < 3 or y[0] in _SUBJECTS:
            continue
        if any(w in _AUXILIARIES or _is_not(w) for w in y):
            continue  # a verb of its own: a new clause, not a gapped one
        shared = [w for w in y if w in tail and word_classes(w) == {"P"}]
        if shared:
            yield _Figure(s.chars(start, k), s.chars(k, end), "parallel_clauses", 0.6,
                          f"gapped clause after a semicolon: '{shared[0]}'")  # fmt: skip


def _opposed_particles(s: _Sentence) -> Iterator[_Figure]:
    """Opposed function words in the same slot of two phrases: "fly to ... fly from", "go up ...
    go down" (the words before them are the same)."""
    n = len(s)
    spots = [i for i in range(1, n) if s.norms[i] in _OPPOSITE_OF]
    for p, i in enumerate(spots):
        if i > n - 3:
            break
        for j in spots[p + 1 :]:
            if j - i > 12:
                break
            if j < i + 2 or s.norms[j] not in _OPPOSITE_OF[s.norms[i]]:
                continue
            if s.norms[i - 1] != s.norms[j - 1] or s.norms[i - 1] in _COORDINATION:
                continue
            if len(set(s.norms[i + 1 : j - 1]) - _COORDINATION) < 2:
                continue
            yield _Figure(s.chars(i - 1, i + 1), s.chars(j - 1, j + 1), "antonym_parallel", 0.7,
                          f"opposed particles: '{s.norms[i]}/{s.norms[j]}'")  # fmt: skip
            break


def _opposed_heads(s: _Sentence) -> Iterator[_Figure]:
    """Opposed words heading two noun phrases of one shape: "a rising few ... a falling many"
    (the same determiner two words before each, words of one class between)."""
    n = len(s)
    for i in range(1, n - 2):  # "the weak ... the strong": one determiner before each
        if s.norms[i - 1] not in _DETERMINERS or _contrast_candidate(s.norms[i]) != 2:
            continue
        for j in range(i + 3, min(n, i + 9)):
            if s.norms[j - 1] != s.norms[i - 1] or not _contrasts(s.norms[i], s.norms[j]):
                continue
            if not set(s.norms[i + 1 : j - 1]) - _COORDINATION:
                continue  # "the weak and the strong": a pair; "the strong upon the weak" stays
            yield _Figure(s.chars(i - 1, i + 1), s.chars(j - 1, j + 1), "antonym_parallel", 0.65,
                          f"opposed heads: '{s.norms[i]}/{s.norms[j]}'")  # fmt: skip
            break
    spots = [
        i
        for i in range(2, n)
        if s.norms[i - 2] in _DETERMINERS
        and (s.norms[i] in _OPPOSITE_OF or _contrast_candidate(s.norms[i]))
    ]
    for p, i in enumerate(spots):
        for j in spots[p + 1 :]:
            if j - i > 12:
                break
            if j < i + 3 or s.norms[i - 2] != s.norms[j - 2] or s.norms[i - 1] == s.norms[j - 1]:
                continue
            if not class_match(s.norms[i - 1], s.norms[j - 1]):
                continue
            a, b = s.norms[i], s.norms[j]
            if b in _OPPOSITE_OF.get(a, ()) or (_contrast_candidate(a) and _contrasts(a, b)):
                yield _Figure(s.chars(i - 2, i + 1), s.chars(j - 2, j + 1), "antonym_parallel", 0.7,
                              f"opposed heads: '{a}/{b}'")  # fmt: skip
                break


_DETERMINERS = frozenset({"a", "an", "the", "our", "their", "its", "this", "that", "every"})


#: Longest member, in words, of a pair that differs in one word (:func:`_one_word_apart`).
MAX_SLOT_MEMBER = 6
_JOINTS = frozenset({"and", "or", "nor", "but", "yet"})


def _one_word_apart(s: _Sentence) -> Iterator[_Figure]:
    """X A Y and X B Y: two adjacent members, joined by a coordinator or a dash, word for word
    the same but for one slot, whose words are opposed (antonyms, opposed function words,
    pronouns of different persons: "duties to others and duties to ourselves"). The longest such
    pair around a joint is kept; two-word members whose other word is a function word ("the old
    and the young", "in war or in peace") are the merisms :func:`_antonym_parallel` leaves out
    on purpose, and are not taken here either.

    Pairs whose words merely differ ("mutual interest and mutual respect") are not figures: the
    frame alone does not make a contrast."""
    n = len(s)
    for k in range(2, n - 1):
        joint = s.norms[k] in _JOINTS
        if not joint and not _DASH.search(s.gap(k)):
            continue
        right = k + 1 if joint else k
        for size in range(min(MAX_SLOT_MEMBER, k, n - right), 1, -1):
            u, v = s.norms[k - size : k], s.norms[right : right + size]
            slots = [p for p in range(size) if u[p] != v[p]]
            if len(slots) != 1 or _CLAUSE_BREAK.search(
                " ".join(s.gap(i) for i in range(k - size + 1, k))
            ):
                continue
            a, b = u[slots[0]], v[slots[0]]
            if not _opposed(a, b):
                continue
            if size == 2 and not is_content_word(u[1 - slots[0]]):
                continue  # "the old and the young", "in war or in peace": a merism
            if any(s.words[p].text[:1].isupper() for p in (k - size + slots[0], right + slots[0])):
                continue  # names
            yield _Figure(s.chars(k - size, k), s.chars(right, right + size), "antonym_parallel",
                          0.7, f"one word apart: '{a}/{b}'")  # fmt: skip
            break


_CLAUSE_RULES = (_not_but_clause, _x_and_not_y, _paired_enough, _possessive_contrast,
                 _opposed_particles, _opposed_heads, _gapped_clause, _modified_pair,
                 _one_word_apart)  # fmt: skip


def _clause_level_figures(sentences: list[_Sentence]) -> list[_Figure]:
    """Every figure of the clause-level rules (see the comment above :data:`_OPPOSED_WORDS`)."""
    figures: list[_Figure] = []
    clauses_of = [_clauses(s) for s in sentences]
    for index, s in enumerate(sentences):
        if len(s) < 3:
            continue
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        for rule in _CLAUSE_RULES:
            figures.extend(rule(s))
        figures.extend(_modal_polarity(s, clauses_of[index]))
        figures.extend(_copular_pair(s, clauses_of[index]))
        figures.extend(_opposed_in_clause(s, clauses_of[index]))
        figures.extend(_not_then_clause(s, following))
        figures.extend(_initial_not(s, following))
    figures.extend(_parallel_clauses(sentences, clauses_of))
    return figures
