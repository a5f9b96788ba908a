"""Antithesis: contrasting ideas set in parallel, including correctio ("not X but Y").

Every figure has two halves, the rejected or first term (X) and the asserted or second term
(Y); each half is a :class:`~rhetoric.span.Span` and the two share a ``group``. The patterns,
by ``kind``:

``correctio``
    "not X but Y", "not only/just/merely X but (also) Y", "not because ..., but because ...",
    "not merely X; it is Y", "V not in X; it V in Y" (the clause after the break takes up the
    verb or the preposition), "X, not Y" with parallel halves ("a gain, not a loss"), and
    "far from X, Y" at the head of a clause. A "not" that only negates a verb, with "but"
    opening a new clause, is left alone, and so is "help but" (an idiom, not a contrast).
``comparative``
    "X rather than Y", "more X than Y" (not "more than", not "than ever"), "less X and more
    Y", and "choose / prefer X over Y".
``either_or``
    "either X or Y" with halves that begin alike.
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

Scores reflect how formulaic the pattern is (0.5-1). Antonyms are checked only for word pairs
that already stand in the same slot of a parallel structure; word classes come from
:func:`rhetoric.lexicon.word_classes`, not from a tagger.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rhetoric.lexicon import class_match, contrasts, has_antonym, is_content_word, lemma
from rhetoric.span import Span
from rhetoric.text import Document, Segment, Token, as_document

#: Words between "not" and "but" (or the break) that keep it one figure.
MAX_HALF_WORDS = 25
#: Longest second half, in words, when it runs to the end of its clause.
MAX_TAIL_WORDS = 15

_MARKERS = frozenset({"only", "just", "merely", "simply", "solely", "purely", "exclusively"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "'s", "am"})
_SUBJECTS = frozenset({"it", "this", "that", "they", "we", "he", "she", "these", "those", "there", "i",
                       "you", "it's", "that's", "we're", "they're"})  # fmt: skip
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


class _Sentence:
    """A sentence's words and the separators between them."""

    def __init__(self, doc: Document, segment: Segment):
        self.doc = doc
        self.segment = segment
        self.words: list[Token] = doc.words_of(segment)
        self.norms = [w.norm for w in self.words]

    def __len__(self) -> int:
        return len(self.words)

    def gap(self, i: int) -> str:
        """The normalised text between word ``i - 1`` and word ``i``."""
        if i <= 0 or i >= len(self.words):
            return ""
        return self.doc.norm[self.words[i - 1].end : self.words[i].start]

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
        ``parallel_negation``, ``antonym_parallel``; the halves share ``group``
        (``"antithesis-<start>"``); ``evidence`` names the pattern or the contrasting words.

    Examples
    --------
    >>> spans = find_antithesis("They sought not a truce but a victory.")
    >>> [(s.start, s.end, s.text, s.kind) for s in spans]
    [(12, 23, 'not a truce', 'correctio'), (24, 37, 'but a victory', 'correctio')]
    """
    doc = as_document(text_or_doc, doc_id)
    figures: list[_Figure] = []
    sentences = [_Sentence(doc, s) for s in doc.sentences]
    for index, sentence in enumerate(sentences):
        if len(sentence) < 3:
            continue
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        for rule in _RULES:
            figures.extend(rule(sentence))
        figures.extend(_correctio_clause(sentence, following))
    figures.extend(_possessive_pairs(doc))
    return _to_spans(doc, _prune(figures))


def _prune(figures: list[_Figure]) -> list[_Figure]:
    """Keep the best figure where several overlap (the most formulaic pattern wins)."""
    kept: list[_Figure] = []
    for figure in sorted(figures, key=lambda f: (-f.score, f.x[0])):
        start, end = min(figure.x[0], figure.y[0]), max(figure.x[1], figure.y[1])
        if not any(min(k.x[0], k.y[0]) < end and start < max(k.x[1], k.y[1]) for k in kept):
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
    """not X but Y; not only X but also Y; not because A, not because B, but because C."""
    n = len(s)
    used_buts: set[int] = set()
    for i, norm in enumerate(s.norms):
        if not _is_not(norm) or i + 1 >= n or (i and s.norms[i - 1] in _NOT_BEFORE):
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
            if not marker and alike == 0.0:
                break  # "we did not win, but we ...": a negated verb, then a new clause
            used_buts.add(k)
            x_start = _earliest_not(s, i, x_first)
            y_end = s.clause_end(y_first)
            score = 0.95 if alike == 1.0 or marker else 0.85
            pattern = "not only X but Y" if marker else "not X but Y"
            yield _Figure(s.chars(x_start, k), s.chars(k, y_end), "correctio", score, pattern)
            break


def _earliest_not(s: _Sentence, i: int, x_first: int) -> int:
    """Walk back over earlier "not <same word>" members of a series ("not because A, not because B")."""
    start = i
    for j in range(i - 1, max(-1, i - MAX_HALF_WORDS), -1):
        if _is_not(s.norms[j]) and j + 1 < len(s) and s.norms[j + 1] == s.norms[x_first]:
            start = j
    return start


def _correctio_clause(s: _Sentence, following: _Sentence | None) -> Iterator[_Figure]:
    """not merely X; it is Y / V not P X; it V P Y (also across a full stop after "not merely")."""
    n = len(s)
    for i, norm in enumerate(s.norms):
        if not _is_not(norm) or i + 1 >= n or (i and s.norms[i - 1] in _NOT_BEFORE):
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
    verb = j + 1 if t.norms[j] not in ("it's", "that's", "we're", "they're") else j
    takes_up = (
        marker and (t.norms[verb] in _BE or t.norms[j].endswith("'s") or t.norms[j].endswith("'re"))
    ) or (
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
    for i, norm in enumerate(s.norms):
        if norm != "not" or i < 2 or i + 1 >= n or s.norms[i - 1] in _NOT_BEFORE:
            continue
        if "," not in s.gap(i) and not _HARD_BREAK.search(s.gap(i)):
            continue
        if (
            s.norms[i + 1] in _SKIP_AFTER_NOT
            or s.norms[i + 1] in _MARKERS
            or s.norms[i + 1] == "to"
        ):
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


def _more_than(s: _Sentence) -> Iterator[_Figure]:
    """more X than Y (X holds a content word, Y is no time or norm); less X and more Y."""
    n = len(s)
    for i, norm in enumerate(s.norms):
        if norm not in ("more", "less") or i + 2 >= n:
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


def _prefer_over(s: _Sentence) -> Iterator[_Figure]:
    """choose / prefer / favour X over Y."""
    n = len(s)
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


def _from_to(s: _Sentence) -> Iterator[_Figure]:
    n = len(s)
    determiners = {"the", "a", "an"}
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
        noun = next(iter(shared))
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
                f"{noun} {s.norms[lk + 1]} {s.norms[lk + 2]} / {s.norms[rk + 2]}",
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
    candidate = [_contrast_candidate(w) for w in norms]  # 0 no, 1 content word, 2 with antonyms
    after: dict[str, list[int]] = {}  # word -> positions of the words before it
    before: dict[str, list[int]] = {}  # word -> positions of the words after it
    for k in range(n - 1):
        after.setdefault(norms[k + 1], []).append(k)
        before.setdefault(norms[k], []).append(k + 1)
    pairs = []
    for i in range(n - 2):
        if not candidate[i]:
            continue
        partners = set()
        if i > 0 and norms[i - 1] not in _COORDINATION:
            partners.update(before[norms[i - 1]])
        if i + 1 < n and norms[i + 1] not in _COORDINATION:
            partners.update(after[norms[i + 1]])
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
            evidence = f"{owner_a}'s {thing_a.lower()} / {owner_b}'s {thing_b.lower()}"
            yield _Figure(
                match.span(1)[:1] + (match.end(2),),
                (match.start(3), match.end(4)),
                "antonym_parallel",
                score,
                evidence,
            )


_RULES = (_not_but, _x_not_y, _far_from, _rather_than, _more_than, _prefer_over, _either_or,
          _from_to, _some_others, _parallel_negation, _antonym_parallel)  # fmt: skip
