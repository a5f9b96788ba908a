"""Anaphora and epistrophe: successive units that begin, or end, with the same words.

**Anaphora.** The units are paragraphs, sentences and clauses (parts of a sentence between
semicolons, colons and dashes; comma-separated parts count only in runs of three or more). A
run of successive units sharing their first words is anaphora when the shared part carries
weight. Each shared word weighs 2 if it is a content word, 1 if it is another function word,
and 0.5 if it is one of the commonest sentence openers (articles, subject pronouns, the
commonest prepositions and conjunctions, forms of *be* and *have*). Then:

* a run of two needs weight 2 and either three shared words or a first word that is not a
  common opener;
* a run of three needs weight 1.5, or two shared words after a subordinator ("When we ...",
  three times: the clauses build one period);
* a run of four or more needs two shared words, or one that opens a subordinate clause
  (:data:`SERIES_OPENERS`: "where ...; where ...; where ...; where ...").

So "The ... The ...", "It ... It ..." and "We ... We ..." are never anaphora on their own,
while a hortative pair, or three sentences opening on the same preposition and demonstrative, is.
Three or more successive questions opening with the same word ("How ...? How ...? How ...?";
"Would ...? Would ...? Would ...?") are a series whatever that word weighs, unless it is an
article ("The vote? The count? The result?" stays a run of "The").
A leading "and", "but", "or", "so", "yet" or "nor" is skipped when comparing openings.

A third candidate, ``kind="list"``: a phrase of two to four words that opens the members of a
list inside one sentence, three times or more, each time after the first just after a comma,
semicolon, colon or dash (and perhaps "and", "or", "but" or a short adverb): "a time of new
beginnings, a time of exploring ..., a time of discovery"; "because they produce little
revenue, because they are bad for the country, and, finally, because they are wrong". The
phrase carries weight as a run of three clauses must (:func:`carries_weight`).

A run may also skip a sentence, or a paragraph break, between its members (a *gapped* run,
``kind="sentence"``): three or more sentences opening alike, each at most two sentences after
the previous one ("We need to save. We need to invest. That is the plan. / We need to cut
..."); a run found already inside it joins it (:func:`_gapped_runs`).

A broader candidate, ``kind="near_opening"``: a phrase of two to four words with a content word
(weight 2.5 or more) within the first :data:`NEAR_WORDS` words of two or more nearby sentences or
clauses of one paragraph, not every time first ("As mayor, I can promise ... And as neighbour, I
can promise ..."); its scorer decides, from judged figures of that kind, which are anaphora.

**Epistrophe.** A phrase ending in a content word closes two or more clauses within a short
stretch of one paragraph (:data:`EPISTROPHE_WINDOW` words, the same or the next sentence), with
different words before it in each. A clause end is punctuation, a sentence end, or a
coordinating conjunction; for an ending of two words or more, any following function word other
than "of" also closes the phrase. Title abbreviations ("Mr.") are not endings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import accumulate, pairwise

import numpy as np

from rhetoric.lexicon import is_content_word, is_function_word, word_classes
from rhetoric.span import Span
from rhetoric.text import Document, as_document, ends_with_question, odd_gaps

#: Longest shared opening or ending compared, in words.
MAX_SHARED_WORDS = 6
#: Largest distance, in words, between two clause endings of one epistrophe.
EPISTROPHE_WINDOW = 30

# The commonest openers of an English sentence: a run that shares only these is ordinary prose.
COMMON_OPENERS = frozenset(
    "the a an it its this that these there here in on at of for to by with from as and but or so "
    "if when while i we you he she they is are was were be been has have had do does did our my his "
    "her their your which who what".split()
)
LEADING_CONJUNCTIONS = frozenset("and but or so yet nor".split())
#: Openers of a subordinate clause: three units opening "When we ...", "If you ..." build a
#: period on purpose, though each word is a common opener.
SUBORDINATORS = frozenset(
    "when if while as because although though unless until since where whenever".split()
)
COORDINATORS = frozenset("and or but nor".split())
#: Openers of a subordinate clause, and "that" and "who": four or more successive units opening
#: on one of them are a series of clauses built on purpose ("where ...; where ...; where ...;
#: where ..."; a creed of "that ..." clauses), though the word alone weighs little.
SERIES_OPENERS = SUBORDINATORS | {"that", "who"}

_CLAUSE_BREAK = re.compile(r"[;:\u2014\u2013]|--")
_COMMA_BREAK = re.compile(r",")
_PUNCTUATION = re.compile(r"[^\w\s'’]")


def find_anaphora(text_or_doc: str | Document, *, doc_id: str | None = None) -> list[Span]:
    """Find runs of successive paragraphs, sentences or clauses that begin with the same words.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to analyse.
    doc_id : str, optional
        A name carried into every span.

    Returns
    -------
    list of Span
        ``device="anaphora"``, ``kind`` the unit (``paragraph``, ``sentence``, ``clause``), or
        ``near_opening`` or ``list`` (see the module doc); one span per unit covering the shared
        opening words; ``group`` shared by the run.

    Examples
    --------
    >>> text = "Let us build. Let us mend. We rest."
    >>> [(s.text, s.start, s.kind) for s in find_anaphora(text)]
    [('Let us', 0, 'sentence'), ('Let us', 14, 'sentence')]
    >>> find_anaphora("The sun rose. The sea was calm. The ship sailed.")
    []
    """
    doc = as_document(text_or_doc, doc_id)
    if not doc.words:
        return []
    keys = doc.keys
    claimed: set[int] = set()
    spans: list[Span] = []
    sentences, clauses = _segment_starts(doc.prose), _clause_starts(doc, _CLAUSE_BREAK)
    levels = [
        ("paragraph", _segment_starts(p for p in doc.paragraphs if not p.heading), 2),
        ("sentence", sentences, 2),
        ("clause", clauses, 2),
        ("clause", _clause_starts(doc, _COMMA_BREAK), 3),
    ]
    questions = _question_starts(doc)
    for kind, units, min_run in levels:
        spans += _runs(doc, keys, units, kind, min_run, claimed, len(spans), questions)
    spans += _interleaved_openings(doc, spans, len(spans))
    spans = _gapped_runs(doc, spans, len(spans))
    spans += _paired_openings(doc, spans, len(spans))
    spans += _near_openings(doc, spans, len(spans), (sentences, clauses))
    spans += _list_openings(doc, spans, len(spans))
    return sorted(spans, key=lambda s: (s.start, s.end))


def _segment_starts(segments) -> list[tuple[int, int]]:
    """(first word, end word) of every segment with words."""
    return [(s.first_word, s.last_word) for s in segments if s.n_words]


def _words_after(doc: Document, pattern: re.Pattern) -> list[int]:
    """The words that follow a match of ``pattern`` (a break), in order: no word holds a match
    nor starts or ends with one of its marks, so each match lies between two words, before the
    first word that starts after it. One scan of the text."""
    starts = doc.word_starts
    return sorted({bisect_right(starts, m.start()) for m in pattern.finditer(doc.text)})


def _clause_starts(doc: Document, pattern: re.Pattern) -> list[tuple[int, int]]:
    """(first word, end word) of the clauses of every sentence, split where ``pattern`` matches between words."""
    units = []
    broken = _words_after(doc, pattern)
    for sentence in doc.prose:
        start = sentence.first_word
        first = bisect_right(broken, sentence.first_word)
        for i in broken[first : bisect_left(broken, sentence.last_word, first)]:
            units.append((start, i))
            start = i
        if start < sentence.last_word:
            units.append((start, sentence.last_word))
    # Only sentences that were split contribute clause units (a whole sentence is a sentence unit).
    by_sentence = defaultdict(list)
    sentence_of = doc.sentence_of
    for unit in units:
        by_sentence[sentence_of[unit[0]]].append(unit)
    return [unit for group in by_sentence.values() if len(group) > 1 for unit in group]


_ARTICLES = frozenset({"the", "a", "an"})


def _question_starts(doc: Document) -> frozenset[int]:
    """The first words of the sentences that end with a question mark."""
    text = doc.text
    return frozenset(
        s.first_word for s in doc.prose if s.n_words and ends_with_question(text[s.start : s.end])
    )


def _opening(keys: list[str], unit: tuple[int, int]) -> tuple[int, tuple[str, ...]]:
    first, end = unit
    if end - first > 3 and keys[first] in LEADING_CONJUNCTIONS:
        first += 1
    return first, tuple(keys[first : min(end, first + MAX_SHARED_WORDS)])


def weight(words: tuple[str, ...]) -> float:
    """The weight of a shared opening or ending (2 per content word, 1 or 0.5 per function word).

    >>> weight(("it", "is", "the")), weight(("no", "words", "are"))
    (1.5, 3.5)
    """
    return sum(2.0 if is_content_word(w) else 0.5 if w in COMMON_OPENERS else 1.0 for w in words)


def carries_weight(shared: tuple[str, ...], run: int) -> bool:
    """Whether a run of ``run`` units sharing the opening ``shared`` is anaphora (see the module doc).

    >>> carries_weight(("the",), 6), carries_weight(("it", "is", "the"), 4), carries_weight(("we",), 2)
    (False, True, False)
    """
    if not shared:
        return False
    w = weight(shared)
    if run == 2:
        return w >= 2 and (len(shared) >= 3 or shared[0] not in COMMON_OPENERS)
    if run == 3:
        return w >= 1.5 or (len(shared) >= 2 and shared[0] in SUBORDINATORS)
    return len(shared) >= 2 or w >= 2 or shared[0] in SERIES_OPENERS


def _runs(
    doc: Document,
    keys: list[str],
    units: list[tuple[int, int]],
    kind: str,
    min_run: int,
    claimed: set[int],
    n_groups: int,
    questions: frozenset[int] = frozenset(),
) -> list[Span]:
    openings = [_opening(keys, unit) for unit in units]
    common = _common_openings(openings)
    spans: list[Span] = []
    groups = n_groups
    for k in range(MAX_SHARED_WORDS, 0, -1):
        ends = _run_ends(openings, k, claimed, common)
        run_end = ends.tolist()
        # only a unit that opens a run of min_run units can start a figure; the others are
        # stepped over one by one (a run taken jumps past its units)
        i = 0
        for opener in np.flatnonzero(ends - np.arange(len(openings)) >= min_run).tolist():
            if opener < i:
                continue  # inside the run just taken
            i = opener
            first, words = openings[i]
            if len(words) < k or first in claimed:
                i += 1
                continue
            j = run_end[i]
            run = j - i
            shared = words[:k]
            # three questions or more opening alike are a series, whatever their first word
            series = (
                run >= 3
                and shared[0] not in _ARTICLES
                and all(start in questions for start, _ in units[i:j])
            )
            if run >= min_run and (carries_weight(shared, run) or series):
                groups += 1
                group = f"anaphora-{groups}"
                phrase = " ".join(doc.words[first + n].text for n in range(k))
                score = min(1.0, 0.3 + 0.1 * weight(shared) + 0.1 * (run - 2))
                for start, _ in openings[i:j]:
                    claimed.add(start)
                    span = doc.span(
                        doc.words[start].start,
                        doc.words[start + k - 1].end,
                        device="anaphora",
                        kind=kind,
                        group=group,
                        score=round(score, 3),
                        evidence=f'{run} successive {kind}s begin with "{phrase}"',
                    )
                    spans.append(span)
                i = j
            else:
                i += 1
    return spans


def _common_openings(openings: list[tuple[int, tuple[str, ...]]]) -> list[int]:
    """For every unit, how many first words its opening shares with the next unit's (0 for the
    last unit)."""
    common = []
    for (_, words), (_, following) in pairwise(openings):
        shared = 0
        for a, b in zip(words, following, strict=False):
            if a != b:
                break
            shared += 1
        common.append(shared)
    return [*common, 0][: len(openings)]


def _run_ends(
    openings: list[tuple[int, tuple[str, ...]]], k: int, claimed: set[int], common: list[int]
) -> np.ndarray:
    """For every unit ``i``, the end of the run of units from ``i`` whose openings share their
    first ``k`` words (units unclaimed, openings of ``k`` words or more): each unit ``i`` whose
    next unit does not continue its run ends one (``common`` is :func:`_common_openings`; two
    openings share their first ``k`` words when ``k`` of their first words are the same).

    Claims made while the runs of this ``k`` are taken lie inside runs already passed, so the
    ends stay right; a scan per unit would make a long run of near misses quadratic.
    """
    n = len(openings)
    continues = np.array(common, dtype=np.int64) >= k
    for i in np.flatnonzero(continues).tolist():
        if openings[i + 1][0] in claimed:
            continues[i] = False
    breaks = np.flatnonzero(~continues)  # the last unit is always one (common[-1] == 0)
    return breaks[np.searchsorted(breaks, np.arange(n))] + 1


# --- epistrophe ------------------------------------------------------------------------------


def find_epistrophe(text_or_doc: str | Document, *, doc_id: str | None = None) -> list[Span]:
    """Find a phrase that closes two or more nearby clauses, with different words before it.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to analyse.
    doc_id : str, optional
        A name carried into every span.

    Returns
    -------
    list of Span
        ``device="epistrophe"``, ``kind="clause"``; one span per occurrence of the shared ending,
        ``group`` shared by the occurrences of one figure.

    Examples
    --------
    >>> text = "We won the peace, and they lost the peace."
    >>> [(s.text, s.start) for s in find_epistrophe(text)]
    [('the peace', 7), ('the peace', 32)]
    """
    doc = as_document(text_or_doc, doc_id)
    if not doc.words:
        return []
    keys = doc.keys
    words, text = doc.words, doc.text
    n_words = len(words)
    sentence_of, in_heading, paragraph_of = doc.sentence_of, doc.in_heading, doc.paragraph_of
    # a mark lies only in a gap that is not one space (odd_gaps: the words after such gaps)
    odd = frozenset(odd_gaps(doc).positions)

    def gap(i: int) -> str:  # the text between word i and word i + 1
        return text[words[i].end : words[i + 1].start] if i + 1 < n_words else "."

    def punctuated(i: int) -> bool:
        return (
            (i + 1 in odd and bool(_PUNCTUATION.search(gap(i))))
            or i + 1 >= n_words
            or sentence_of[i + 1] != sentence_of[i]
        )

    def strong_end(i: int) -> bool:
        return punctuated(i) or keys[i + 1] in COORDINATORS

    def loose_end(i: int) -> bool:
        return strong_end(i) or (is_function_word(keys[i + 1]) and keys[i + 1] != "of")

    def abbreviation(i: int) -> bool:
        word = words[i].text
        return word[:1].isupper() and len(word) <= 3 and gap(i).startswith(".")

    last: dict[str, list[int]] = defaultdict(list)
    group_of: dict[int, str] = {}
    members: dict[str, dict[int, int]] = defaultdict(dict)  # group -> {end word: length}
    evidence: dict[str, str] = {}
    n_groups = 0
    content = {key: is_content_word(key) for key in set(keys)}  # each distinct word once
    for i in range(n_words):
        key = keys[i]
        if in_heading[i] or not content[key] or not loose_end(i) or abbreviation(i):
            continue
        for j in reversed(last[key]):
            if i - j > EPISTROPHE_WINDOW or paragraph_of[j] != paragraph_of[i]:
                break
            if sentence_of[i] - sentence_of[j] > 1 or i - j < 3:
                continue
            length = _shared_ending(keys, j, i)
            if length is None:
                continue
            if length == 1 and not (strong_end(i) and strong_end(j)):
                continue
            if not (
                _inside_clause(doc, keys, j, length, sentence_of)
                and _inside_clause(doc, keys, i, length, sentence_of)
            ):
                continue
            group = group_of.get(j)
            if group is None:
                n_groups += 1
                group = group_of[j] = f"epistrophe-{n_groups}"
                members[group][j] = length
                evidence[group] = " ".join(keys[i - length + 1 : i + 1])
            group_of[i] = group
            members[group][i] = length
            break
        last[key].append(i)

    spans = []
    for group, ends in members.items():
        count = len(ends)
        length = min(ends.values())
        phrase = " ".join(words[k].text for k in range(min(ends) - length + 1, min(ends) + 1))
        score = min(1.0, 0.35 + 0.15 * (length - 1) + 0.15 * (count - 2))
        for end, _ in sorted(ends.items()):
            start = end - length + 1
            spans.append(
                doc.span(
                    words[start].start,
                    words[end].end,
                    device="epistrophe",
                    kind="clause",
                    group=group,
                    score=round(score, 3),
                    evidence=f'{count} clauses end with "{phrase}"',
                )
            )
    spans += _closing_sentences(doc, spans, n_groups)
    spans += _function_word_endings(doc, spans, n_groups + len(spans))
    spans += _returning_endings(doc, spans, n_groups + len(spans))
    return sorted(spans, key=lambda s: (s.start, s.end))


def _shared_ending(keys: list[str], j: int, i: int) -> int | None:
    """Length of the common ending of the phrases ending at words ``j`` < ``i``; None if not an epistrophe."""
    length = 1
    while (
        length < MAX_SHARED_WORDS
        and j - length >= 0
        and i - length > j
        and keys[j - length] == keys[i - length]
    ):
        length += 1
    if length >= MAX_SHARED_WORDS or i - length <= j:
        return None  # a whole repeated stretch, not a shared ending
    return length


def _inside_clause(
    doc: Document, keys: list[str], end: int, length: int, sentence_of: list[int]
) -> bool:
    """The ending is preceded, in the same sentence and without punctuation, by a different word."""
    start = end - length + 1
    if start == 0 or sentence_of[start - 1] != sentence_of[start]:
        return False
    between = doc.clean[doc.words[start - 1].end : doc.words[start].start]
    return not _PUNCTUATION.search(between)


# --- figures over non-adjacent units and endings of function words ------------------------------
#
# Separate rules with their own ``kind`` / ``evidence``, run after the rules above; a figure
# overlapping a span already found is dropped.

#: Paragraphs (or sentences) in which an interleaved refrain must recur.
REFRAIN_WINDOW = 8
#: Longest sentence, in words, that can close passages as an epistrophe.
MAX_CLOSING_SENTENCE = 10


class _Taken:
    """The ranges of spans already found, asked whether a range is free of them by bisection
    (a scan of every span found for every candidate made a long text's search quadratic).

    A rule adds the ranges of its own figures as it finds them (:meth:`add`); they never overlap
    one another (each is added only when free), so a sorted list of them answers by bisection too.
    """

    def __init__(self, spans: list[Span]) -> None:
        pairs = sorted((s.start, s.end) for s in spans)
        self._starts = [a for a, _ in pairs]
        # the furthest end among the spans starting at or before each position
        self._reach = list(accumulate((b for _, b in pairs), max))
        self._added_starts: list[int] = []
        self._added_ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        """True when no span found (nor one added) overlaps ``[start, end)``."""
        k = bisect_left(self._starts, end) - 1
        if k >= 0 and self._reach[k] > start:
            return False
        k = bisect_left(self._added_starts, end) - 1
        return k < 0 or self._added_ends[k] <= start

    def add(self, start: int, end: int) -> None:
        """Count ``[start, end)`` as taken (a range that :meth:`free` found free)."""
        k = bisect_left(self._added_starts, start)
        self._added_starts.insert(k, start)
        self._added_ends.insert(k, end)


def _interleaved_openings(doc: Document, found: list[Span], n_groups: int) -> list[Span]:
    """An opening of two or more words, carrying weight, that begins three or more paragraphs
    within :data:`REFRAIN_WINDOW` paragraphs, with other paragraphs between them ("We, the
    people, ..." opening every other paragraph); a single content word needs four paragraphs
    ("Tyranny ... Liberty ... Tyranny ... Liberty ...")."""
    taken = _Taken(found)
    keys = doc.keys
    units = _segment_starts(doc.paragraphs)
    openings = [_opening(keys, unit) for unit in units]
    spans: list[Span] = []
    used: set[int] = set()
    for k in range(MAX_SHARED_WORDS, 0, -1):
        for i, (first, words) in enumerate(openings):
            if i in used or len(words) < k or weight(words[:k]) < (2 if k == 1 else 2.5):
                continue
            hits = [
                j
                for j in range(i, min(len(openings), i + REFRAIN_WINDOW))
                if j not in used and openings[j][1][:k] == words[:k]
            ]
            if len(hits) < (4 if k == 1 else 3) or hits[-1] - hits[0] + 1 == len(hits):
                continue  # too few (one word needs four), or all successive (the run rule's case)
            starts = [openings[j][0] for j in hits]
            if not all(taken.free(doc.words[s].start, doc.words[s + k - 1].end) for s in starts):
                continue
            used.update(hits)
            n_groups += 1
            phrase = " ".join(doc.words[first + n].text for n in range(k))
            evidence = f'{len(hits)} of {hits[-1] - hits[0] + 1} paragraphs begin with "{phrase}"'
            for start in starts:
                spans.append(
                    doc.span(doc.words[start].start, doc.words[start + k - 1].end,
                             device="anaphora", kind="paragraph", group=f"anaphora-{n_groups}",
                             score=round(min(1.0, 0.3 + 0.1 * weight(words[:k])), 3),
                             evidence=evidence)
                )  # fmt: skip
    return spans


def _closing_sentences(doc: Document, found: list[Span], n_groups: int) -> list[Span]:
    """A short sentence that closes two or more passages nearby, each time after a different
    sentence ("Q? The answer is no. Q'? The answer is no.")."""
    taken = _Taken(found)
    keys = doc.keys
    sentences = doc.prose
    paragraph_of = doc.paragraph_of
    spans: list[Span] = []
    used: set[int] = set()
    for i, sentence in enumerate(sentences):
        if i in used or not 2 <= sentence.n_words <= MAX_CLOSING_SENTENCE or i == 0:
            continue
        phrase = tuple(keys[sentence.first_word : sentence.last_word])
        if not any(is_content_word(w) for w in phrase):
            continue
        hits = [i]
        for j in range(i + 2, min(len(sentences), i + REFRAIN_WINDOW)):
            other = sentences[j]
            same = tuple(keys[other.first_word : other.last_word]) == phrase
            if same and paragraph_of[other.first_word] == paragraph_of[sentence.first_word]:
                hits.append(j)
        before = {
            tuple(keys[sentences[h - 1].first_word : sentences[h - 1].last_word]) for h in hits
        }
        if len(hits) < 2 or len(before) < len(hits) or any(h - 1 in hits for h in hits):
            continue
        if not all(taken.free(sentences[h].start, sentences[h].end) for h in hits):
            continue
        used.update(hits)
        n_groups += 1
        for h in hits:
            first, last = sentences[h].first_word, sentences[h].last_word - 1
            spans.append(
                doc.span(doc.words[first].start, doc.words[last].end, device="epistrophe",
                         kind="sentence", group=f"epistrophe-{n_groups}",
                         score=round(min(1.0, 0.5 + 0.15 * (len(hits) - 2)), 3),
                         evidence=f"the same sentence closes {len(hits)} passages")
            )  # fmt: skip
    return spans


def _function_word_endings(doc: Document, found: list[Span], n_groups: int) -> list[Span]:
    """Two neighbouring clauses of one sentence that end with the same three or more words, none
    of them needing to be a content word ("no right to do so, and no wish to do so")."""
    taken = _Taken(found)
    keys, words, text = doc.keys, doc.words, doc.text
    gaps = odd_gaps(doc)
    spans: list[Span] = []
    for sentence in doc.prose:
        # a mark lies only in a gap that is not one space (odd_gaps): the others are not searched
        marked = {
            k - 1
            for k in gaps.within(sentence.first_word, sentence.last_word)
            if _PUNCTUATION.search(text, words[k - 1].end, words[k].start)
        }
        ends = [
            i
            for i in range(sentence.first_word, sentence.last_word)
            if i + 1 == sentence.last_word or i in marked or keys[i + 1] in COORDINATORS
        ]
        for j, i in zip(ends, ends[1:], strict=False):
            if keys[j] != keys[i]:
                continue
            length = _shared_ending(keys, j, i)
            if length is None or length < 3 or any(is_content_word(keys[k]) for k in (j, i)):
                continue
            start_j, start_i = j - length + 1, i - length + 1
            if not (taken.free(words[start_j].start, words[j].end)
                    and taken.free(words[start_i].start, words[i].end)):  # fmt: skip
                continue
            n_groups += 1
            phrase = " ".join(words[k].text for k in range(start_j, j + 1))
            for a, b in ((start_j, j), (start_i, i)):
                spans.append(
                    doc.span(words[a].start, words[b].end, device="epistrophe", kind="clause",
                             group=f"epistrophe-{n_groups}", score=0.5,
                             evidence=f'2 clauses end with the function words "{phrase}"')
                )  # fmt: skip
    return spans


#: Sentences within which a returning ending must recur.
RETURN_WINDOW = 12
_LEXICAL = frozenset("NVJR")
_DASH_AFTER = re.compile(r"\s*(--|[\u2014\u2013])")


def _returning_endings(doc: Document, found: list[Span], n_groups: int) -> list[Span]:
    """A phrase of four or more words, or two content words, that closes two or more sentences
    (or clauses before a dash) within :data:`RETURN_WINDOW` sentences, across paragraph breaks,
    with different words before it each time ("... for a new age. ... for a new age.")."""
    taken = _Taken(found)
    keys, words, text = doc.keys, doc.words, doc.text
    sentence_of = doc.sentence_of
    # a dash follows a word only across a gap that is not one space (odd_gaps): the others are
    # not searched
    dashed = {k - 1 for k in odd_gaps(doc).positions if _DASH_AFTER.match(text, words[k - 1].end)}
    ends = [
        i for i in range(len(words) - 1) if sentence_of[i + 1] != sentence_of[i] or i in dashed
    ] + ([len(words) - 1] if words else [])
    by_word: dict[str, list[int]] = defaultdict(list)
    for i in ends:
        if is_content_word(keys[i]):
            by_word[keys[i]].append(i)
    spans: list[Span] = []
    for positions in by_word.values():
        for p, j in enumerate(positions):
            hits, length = [j], MAX_SHARED_WORDS
            for i in positions[p + 1 :]:
                if sentence_of[i] - sentence_of[j] > RETURN_WINDOW:
                    break
                shared = _shared_ending(keys, j, i)
                if shared is None or keys[j - shared] == keys[i - shared]:
                    continue
                lexical = sum(bool(word_classes(keys[i - k]) & _LEXICAL) for k in range(shared))
                if shared >= 4 or lexical >= 2:
                    hits.append(i)
                    length = min(length, shared)
            if len(hits) < 2:
                continue
            members = [(h - length + 1, h) for h in hits]
            if not all(taken.free(words[a].start, words[b].end) for a, b in members):
                continue
            n_groups += 1
            phrase = " ".join(words[k].text for k in range(members[0][0], members[0][1] + 1))
            for a, b in members:
                spans.append(
                    doc.span(words[a].start, words[b].end, device="epistrophe", kind="sentence",
                             group=f"epistrophe-{n_groups}", score=0.5,
                             evidence=f'{len(hits)} sentences end with "{phrase}", sentences apart')
                )  # fmt: skip
                taken.add(spans[-1].start, spans[-1].end)
            break
    return spans


#: Most sentences from one member of a gapped run to the next (one sentence between them).
GAPPED_STEP = 2


def _gapped_runs(doc: Document, found: list[Span], n_groups: int) -> list[Span]:
    """``found`` with runs of sentences that open alike with a sentence or a paragraph break
    between some of them: three or more sentences, each at most :data:`GAPPED_STEP` sentences
    after the previous member, opening with the same two to four words that weigh 2 or more (or
    three words weighing 1.5, four times) and carry weight as a run of that length
    (:func:`carries_weight`), not every member next to the last ("We need to save. We need to
    expand. That is the plan. / We need to cut ..."; "It's there for X. It's there for Y. The
    money's there. It's there for Z."). A run already found
    whose openings all belong to such a longer run joins it (its spans are replaced by the
    longer run's, which may share fewer words); a run that would overlap any other figure, or
    add no member to one found, is left out."""
    keys, words = doc.keys, doc.words
    openings = [_opening(keys, unit) for unit in _segment_starts(doc.prose)]
    at = {span.start: span for span in found}  # every anaphora span starts at a word
    members_of: dict[str | None, set[int]] = defaultdict(set)
    for span in found:
        members_of[span.group].add(span.start)
    taken = _Taken(found)
    dropped: set[str | None] = set()
    spans: list[Span] = []
    used: set[int] = set()
    for k in range(4, 1, -1):
        # members of a chain that failed on its shape: a chain from any of them is a part of it
        # and fails too (fewer members, still all successive), so it is not walked again (a
        # long series of alike openings would be walked from each of its units)
        failed: set[int] = set()
        for i, (_, opening) in enumerate(openings):
            if i in used or i in failed or len(opening) < k:
                continue
            if weight(opening[:k]) < (1.5 if k >= 3 else 2):
                continue
            phrase = opening[:k]
            members, last = [i], i
            for j in range(i + 1, len(openings)):
                if j - last > GAPPED_STEP:
                    break
                if openings[j][1][:k] == phrase:
                    members.append(j)
                    last = j
            if len(members) < 3 or members[-1] - members[0] + 1 == len(members):
                failed.update(members)
                continue  # too few, or all successive (the run rules' case)
            if not carries_weight(phrase, len(members)) or (
                weight(phrase) < 2 and len(members) < 4
            ):
                failed.update(members)
                continue  # three light words ("it is the") need four sentences
            used.update(members)
            ranges = [
                (words[openings[m][0]].start, words[openings[m][0] + k - 1].end) for m in members
            ]
            # runs found already that open at these places (with these words, or more of them)
            joined = {at[a].group for a, _ in ranges if a in at}
            starts = {a for a, _ in ranges}
            if joined & dropped or not all(
                members_of[g] < starts
                for g in joined  # each a part of this run, not all of it
            ):
                continue
            if not all((a in at and at[a].group in joined) or taken.free(a, b) for a, b in ranges):
                continue
            dropped |= joined
            n_groups += 1
            said = " ".join(words[openings[i][0] + n].text for n in range(k))
            evidence = f'{len(members)} of {members[-1] - members[0] + 1} nearby sentences begin with "{said}"'
            score = round(min(1.0, 0.2 + 0.1 * weight(phrase) + 0.1 * (len(members) - 3)), 3)
            for a, b in ranges:
                spans.append(
                    doc.span(a, b, device="anaphora", kind="sentence",
                             group=f"anaphora-{n_groups}", score=score, evidence=evidence)
                )  # fmt: skip
                taken.add(a, b)
    return [s for s in found if s.group not in dropped] + spans


def _paired_openings(doc: Document, found: list[Span], n_groups: int) -> list[Span]:
    """Two successive sentences that open with the same two words, the first of them not a
    common opener ("Just as ... Just as ...", "Only if ... Only if ...")."""
    taken = _Taken(found)
    keys = doc.keys
    units = _segment_starts(doc.prose)
    spans: list[Span] = []
    for (a, end_a), (b, end_b) in zip(units, units[1:], strict=False):
        first_a, words_a = _opening(keys, (a, end_a))
        first_b, words_b = _opening(keys, (b, end_b))
        if len(words_a) < 3 or len(words_b) < 3 or words_a[:2] != words_b[:2]:
            continue
        if words_a[0] in COMMON_OPENERS or words_a[2] == words_b[2]:
            continue  # a common opener, or three shared words (the run rule's case)
        members = [(first_a, first_a + 1), (first_b, first_b + 1)]
        if not all(taken.free(doc.words[x].start, doc.words[y].end) for x, y in members):
            continue
        n_groups += 1
        phrase = " ".join(doc.words[first_a + n].text for n in range(2))
        for x, y in members:
            spans.append(
                doc.span(doc.words[x].start, doc.words[y].end, device="anaphora", kind="sentence",
                         group=f"anaphora-{n_groups}", score=0.4,
                         evidence=f'2 successive sentences begin with the two words "{phrase}"')
            )  # fmt: skip
            taken.add(spans[-1].start, spans[-1].end)
    return spans


#: How far into a unit a shared phrase may begin and still count as part of its opening.
NEAR_WORDS = 6
#: How many units later the next member of a near opening may stand (one unit between them).
NEAR_STEP = 2


def _chain_starts(
    keys: list[str], units: list[tuple[int, int]], paragraphs: list[int]
) -> list[list[int]]:
    """For each unit, the positions near its opening (the first :data:`NEAR_WORDS`) whose two
    words also stand together near the opening of one of the next :data:`NEAR_STEP` units of its
    paragraph: the only places a near-opening chain can start (every phrase of a chain is two
    words or more). A cheap filter: a long text's search looked at every opening phrase before."""
    bigrams = [
        {(keys[q], keys[q + 1]) for q in range(a, min(b - 1, a + NEAR_WORDS))} for a, b in units
    ]
    starts: list[list[int]] = []
    for i, (a, b) in enumerate(units):
        following = []
        for j in range(i + 1, min(i + 1 + NEAR_STEP, len(units))):
            if paragraphs[j] != paragraphs[i]:
                break
            if bigrams[j]:
                following.append(bigrams[j])
        starts.append(
            [
                p
                for p in range(a, min(b - 1, a + NEAR_WORDS))
                if any((keys[p], keys[p + 1]) in f for f in following)
            ]
            if following
            else []
        )
    return starts


def _near_openings(
    doc: Document,
    found: list[Span],
    n_groups: int,
    unit_lists: tuple[list[tuple[int, int]], ...],
) -> list[Span]:
    """A phrase of two to four words, carrying weight, that stands within the first
    :data:`NEAR_WORDS` words of two or more sentences (or clauses between semicolons, colons and
    dashes) of one paragraph, each at most one unit from the next, where not every member opens
    its unit: the opening repeated after a short lead-in ("As Commander in Chief, I can report
    ... And as President, I can report ..."; "This is a victory for ... A victory for ... It is
    a victory for ..."). ``kind="near_opening"``: a broader candidate than a run of identical
    openings, for the scorer to judge. ``unit_lists``: the sentence units and the clause units
    that :func:`find_anaphora` built for its runs."""
    taken = _Taken(found)
    keys = doc.keys
    paragraph_of = doc.paragraph_of
    spans: list[Span] = []
    for units in unit_lists:
        openings = {_opening(keys, unit)[0] for unit in units}
        used: set[int] = set()  # word positions already in a near opening
        viable = _chain_starts(keys, units, [paragraph_of[a] for a, _ in units])
        weighty: dict[tuple[str, ...], bool] = {}  # phrase -> it carries weight (weight >= 2.5)
        for k in range(4, 1, -1):
            for i, (first, end) in enumerate(units):
                limit = min(end - k + 1, first + NEAR_WORDS)
                for p in viable[i]:
                    if p >= limit:
                        break
                    phrase = tuple(keys[p : p + k])
                    if p in used or not any(map(is_content_word, phrase)):
                        continue
                    heavy = weighty.get(phrase)
                    if heavy is None:
                        heavy = weighty[phrase] = weight(phrase) >= 2.5
                    if not heavy:
                        continue
                    members, last = [p], i
                    for j in range(i + 1, len(units)):
                        if j - last > NEAR_STEP or paragraph_of[units[j][0]] != paragraph_of[first]:
                            break
                        start_j, end_j = units[j]
                        window = range(start_j, min(end_j - k + 1, start_j + NEAR_WORDS))
                        hit = next((q for q in window if tuple(keys[q : q + k]) == phrase), None)
                        if hit is not None and hit not in used:
                            members.append(hit)
                            last = j
                    if len(members) < 2:
                        continue
                    # a chain is looked at once: its members start no other chain of this length
                    # (a paragraph of one repeated opening would otherwise be walked from each
                    # of its units, quadratic in its length)
                    used.update(members)
                    if all(m in openings for m in members):
                        continue  # identical openings: the run rules' case
                    ranges = [(doc.words[m].start, doc.words[m + k - 1].end) for m in members]
                    if not all(taken.free(a, b) for a, b in ranges):
                        continue
                    n_groups += 1
                    said = " ".join(doc.words[p + n].text for n in range(k))
                    for a, b in ranges:
                        spans.append(
                            doc.span(a, b, device="anaphora", kind="near_opening",
                                     group=f"anaphora-{n_groups}", score=0.3,
                                     evidence=f'"{said}" stands near the opening of '
                                              f"{len(members)} units in one paragraph")
                        )  # fmt: skip
                        taken.add(spans[-1].start, spans[-1].end)
    return spans


#: Most words from one member of a list opening to the next (:func:`_list_openings`).
LIST_GAP = 30
#: Words that may stand between a list's separator and a member's opening phrase.
_LIST_FILLERS = frozenset("and or but nor then finally also even yet".split())
_LIST_SEPARATOR = re.compile(r"[,;:\u2014\u2013]|--|\s-\s")


def _list_openings(doc: Document, found: list[Span], n_groups: int) -> list[Span]:
    """A phrase of two to four words opening three or more members of a list in one sentence
    (``kind="list"``; see the module doc): every occurrence after the first stands just after a
    separator (:data:`_LIST_SEPARATOR`, then at most two words of :data:`_LIST_FILLERS`, which
    are not part of the phrase), the occurrences at most :data:`LIST_GAP` words apart, none
    inside a figure already found. Not a list of names (every member's phrase followed by a
    capitalised word: "the University of Chicago, the University of ...") nor of quantities
    (a phrase opening with a number: "one cup of flour, one cup of sugar, ...")."""
    taken = _Taken(found)
    keys, words = doc.keys, doc.words
    after = frozenset(_words_after(doc, _LIST_SEPARATOR))
    spans: list[Span] = []
    for sentence in doc.prose:
        first, last = sentence.first_word, sentence.last_word
        if last - first < 8:
            continue
        # the words that open a list member: a separator before them, perhaps past fillers
        opens = []
        for i in range(first + 1, last):
            if keys[i] in _LIST_FILLERS:
                continue
            j, fillers = i, 0
            while fillers < 2 and j - 1 > first and keys[j - 1] in _LIST_FILLERS and j not in after:
                j, fillers = j - 1, fillers + 1
            if j in after:
                opens.append(i)
        if len(opens) < 2:
            continue
        used: set[int] = set()
        for k in range(4, 1, -1):
            by_phrase: dict[tuple[str, ...], list[int]] = defaultdict(list)
            for i in opens:
                if i + k <= last:
                    by_phrase[tuple(keys[i : i + k])].append(i)
            for phrase, members in by_phrase.items():
                if len(members) < 2 or phrase[0] in _NUMBERS or phrase[0][:1].isdigit():
                    continue  # a list of quantities; "000" after a thousands comma
                for run in _list_runs(keys, phrase, members, first):
                    if any(m + n in used for m in run for n in range(k)):
                        continue
                    if len(run) < 3 or not carries_weight(phrase, len(run)):
                        continue
                    if all(_name_goes_on(words, keys, m + k, last) for m in run):
                        continue  # a list of names
                    ranges = [(words[m].start, words[m + k - 1].end) for m in run]
                    if not all(taken.free(a, b) for a, b in ranges):
                        continue
                    used.update(m + n for m in run for n in range(k))
                    n_groups += 1
                    said = " ".join(words[run[0] + n].text for n in range(k))
                    for a, b in ranges:
                        spans.append(
                            doc.span(a, b, device="anaphora", kind="list", group=f"anaphora-{n_groups}",
                                     score=0.3, evidence=f'"{said}" opens {len(run)} members of a list')
                        )  # fmt: skip
                        taken.add(a, b)
    return spans


_NAME_LINKS = frozenset({"of", "for", "and", "the", "de", "on"})


def _name_goes_on(words, keys, i: int, last: int) -> bool:
    """Whether a capitalised name continues at word ``i`` (past linking words: "of Chicago")."""
    while i < last and keys[i] in _NAME_LINKS and i + 1 < last:
        i += 1
    return i < last and words[i].text[:1].isupper()


#: Words that open a quantity ("one cup of ..."), not a list of parallel members.
_NUMBERS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million billion half".split()
)


def _list_runs(
    keys: list[str], phrase: tuple[str, ...], members: list[int], first: int
) -> list[list[int]]:
    """The runs of list members opening with ``phrase``: members (after separators) at most
    :data:`LIST_GAP` words apart, each run led by the nearest earlier occurrence of the phrase
    within reach of its first member (the first member of a list stands after a verb or a
    preposition, not a separator), if there is one."""
    k = len(phrase)
    runs: list[list[int]] = []
    for m in members:
        if runs and k <= m - runs[-1][-1] <= LIST_GAP:
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        lead = next(
            (q for q in range(run[0] - k, max(first, run[0] - LIST_GAP) - 1, -1)
             if tuple(keys[q : q + k]) == phrase),
            None,
        )  # fmt: skip
        if lead is not None:
            run.insert(0, lead)
    return runs
