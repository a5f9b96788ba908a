"""Tricolon and longer lists: three or more parallel coordinated items, phrases or clauses.

A sentence is cut into *stretches* at commas, semicolons and the coordinators ``and`` / ``or`` /
``nor``. A run of three or more stretches is a figure when its items are parallel:

* the *middle* items are whole stretches, short (at most :data:`MAX_ITEM_WORDS` words) and alike;
* the first item is the end of its stretch (``"To <verb>, <verb>, and <verb>"`` lets the lead-in
  ``To`` stand outside), the last item the start of its stretch, as long as the item before
  it, and then run on to a word that closes its phrase ("by other means", not "by other";
  through a comma or coordinator inside the phrase, "any other foolish or reckless scheme");
  a last item that cannot close within its clause is no item; when the items before it end on
  nouns, the last runs on to its own head noun ("health, education, and social security");
* two items are *alike* when they begin with the same word (``"with ..., with ..., with ..."``)
  or when their part-of-speech shapes agree: the same word class at the start and most
  positions alike (``"adjective preposition noun"`` three times).

Separators must be consistent: commas (or semicolons) between the items, the last one optionally
with a coordinator (``"X, Y, and Z"``, ``"X, Y and Z"``), or the same coordinator throughout
(``"X and Y and Z"``, polysyndeton). Two items are never a figure, and neither are lists of
numbers, codes or dates.

Members may also be semicolon clauses, short sentences, bare verb phrases, or phrases that open
with the same words ("in the X, in the Y, in the Z and W, in the V"). A series of the last kind
is reported whole in place of a comma list that reads only part of it: a coordinator inside a
member ends a comma list, which would mark three members of a longer series as if they were all
(unless a dash sets a member off, a heading or a summing up, or the last member answers the
others with "but").

Each item is a :class:`~rhetoric.span.Span` of ``device="tricolon"``; the items of one figure
share a ``group``. ``kind`` is ``"tricolon"`` for three items and ``"list"`` for four or more.
Word classes come from closed-class lists and WordNet (:func:`word_classes`), not from a tagger:
the tagger errs on list fragments. Only the run-on of a last item to its head noun reads the
tagger's classes (:meth:`~rhetoric.text.Document.sentence_tags`: the sentences it needs, tagged in
context).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from rhetoric.lexicon import class_match, word_classes
from rhetoric.span import Occupied, RangeIndex, Span
from rhetoric.text import Document, Segment, as_document, odd_gaps, per_document

#: Longest middle item, in words.
MAX_ITEM_WORDS = 12
#: Lowest parallelism (0-1) between neighbouring items for a run to count.
MIN_SIMILARITY = 0.6

_COORDINATORS = frozenset({"and", "or", "nor"})
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_HARD_STOP = re.compile(r"[.!?:()\[\]\"]|--|\s-\s|[\u2014\u2013]")


# --- the detector --------------------------------------------------------------------------------


def find_tricolon(text_or_doc: str | Document, *, doc_id: str | None = None) -> list[Span]:
    """Find tricolons and longer lists of parallel items.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to search; boilerplate is left out.
    doc_id : str, optional
        Carried into every span when a string is given.

    Returns
    -------
    list of Span
        One span per item, ``device="tricolon"``, ``kind`` ``"tricolon"`` (three items) or
        ``"list"`` (four or more); the items of one figure share ``group``
        (``"tricolon-<start>"``); ``score`` grows with parallelism; ``evidence`` names the
        items' common shape.

    Examples
    --------
    >>> spans = find_tricolon("We came to build, to heal, and to serve the town. We ate and drank.")
    >>> [(s.start, s.end, s.text) for s in spans]
    [(8, 16, 'to build'), (18, 25, 'to heal'), (31, 39, 'to serve')]
    """
    doc = as_document(text_or_doc, doc_id)
    spans: list[Span] = []
    for sentence in doc.prose:
        spans.extend(_find_in_sentence(doc, sentence))
    spans = _members_beyond_commas(doc, spans)
    return sorted(spans, key=lambda s: (s.start, s.end))


def _stretches(doc: Document, first: int, last: int) -> tuple[list[tuple[int, int]], list[str]]:
    """Cut a sentence's words (``doc.words[first:last]``) at list separators.

    Returns the stretches as word ranges (counted from ``first``) and the separator after each:
    ``","`` or ``";"``, a coordinator (``"and"``, ``"or"``, ``"nor"``) with the punctuation
    before it (``",and"``), or ``"|"`` for a hard stop (a full stop, colon, dash, bracket or
    quote) and the sentence end. A short phrase set off by commas after a coordinator is no
    stretch (:func:`_without_interjections`). Kept per sentence while the document lives (three
    rules read them).
    """
    cache = _stretch_cache(doc)
    found = cache.get((first, last))
    if found is None:
        found = cache[(first, last)] = _cut(doc, first, last)
    return found


def _cut(doc: Document, first: int, last: int) -> tuple[list[tuple[int, int]], list[str]]:
    stretches, separators = [], []
    start = 0
    words = doc.words
    gaps, coordinators = odd_gaps(doc), _coordinator_marks(doc)
    # Only the words after a gap other than one space, and the coordinators, can cut: any
    # other word has no separator before it.
    odd = gaps.within(first, last)
    marks = coordinators[bisect_right(coordinators, first) : bisect_left(coordinators, last)]
    for k in sorted({*odd, *marks}) if marks else odd:
        i = k - first
        gap = gaps.text.get(k, " ")
        word = words[k].norm
        if gap == " ":  # most gaps: no separator
            sep = ""
        elif _HARD_STOP.search(gap):
            sep = "|"
        elif ";" in gap:
            sep = ";"
        elif "," in gap:
            sep = ","
        else:
            sep = ""
        if word in _COORDINATORS and sep != "|":
            sep += word
        if not sep:
            continue
        stretches.append((start, i))
        separators.append(sep)
        start = i + 1 if word in _COORDINATORS and sep != "|" else i
    stretches.append((start, last - first))
    separators.append("|")
    return _without_interjections(stretches, separators)


#: Most words of an interjection set off by commas after a coordinator ("and, above all, Z").
MAX_INTERJECTION = 5


def _without_interjections(stretches, separators):
    """Leave out a short phrase set off by commas right after a coordinator: in "A, B, and, above
    all, C" the coordinator joins C, and "above all" is no member. The coordinator's empty
    stretch and the interjection go; the coordinator's separator stands before C."""
    k = 0
    while k + 3 < len(stretches):
        empty, interjection = stretches[k + 1], stretches[k + 2]
        if (
            separators[k].lstrip(",;") in _COORDINATORS
            and empty[0] == empty[1]
            and separators[k + 1] == ","
            and 0 < interjection[1] - interjection[0] <= MAX_INTERJECTION
            and separators[k + 2] == ","
        ):
            del stretches[k + 1 : k + 3], separators[k + 1 : k + 3]
        k += 1
    return stretches, separators


@per_document
def _stretch_cache(doc: Document) -> dict[tuple[int, int], tuple[list, list]]:
    return {}


@per_document
def _coordinator_marks(doc: Document) -> list[int]:
    """The words that are coordinators ("and", "or", "nor"), in order."""
    return [k for k, word in enumerate(doc.words) if word.norm in _COORDINATORS]


def _find_in_sentence(doc: Document, sentence: Segment) -> list[Span]:
    words = doc.words_of(sentence)
    if len(words) < 5:
        return []
    stretches, separators = _stretches(doc, sentence.first_word, sentence.last_word)
    runs = _candidate_runs(stretches, separators)
    if not runs:
        return []
    norms = [w.norm for w in words]
    spans: list[Span] = []
    taken_until = -1
    facts = _Stretches(stretches, norms, separators)
    tags: list[str] | None = None  # the sentence's tags, once a figure asks for them
    for first, last in runs:
        if first <= taken_until:
            continue
        figure = _best_figure(stretches, first, last, norms, facts)
        if figure is None:
            continue
        items, similarity, shape = figure
        stretch_end = _stretch_end(stretches, items[-1][1])
        if items[-1][1] < stretch_end:  # room to run on to a head noun: tag the sentence
            if tags is None:
                tags = doc.sentence_tags(sentence)
            items = [*items[:-1], _with_head(tags, items, stretch_end)]
        taken_until = last
        while taken_until + 1 < len(stretches) and stretches[taken_until + 1][0] < items[-1][1]:
            taken_until += 1  # a last member run on past its stretch takes the stretches it holds
        kind = "tricolon" if len(items) == 3 else "list"
        group = f"tricolon-{words[items[0][0]].start}"
        score = round(min(1.0, 0.4 + 0.6 * similarity), 3)
        evidence = f"{len(items)} parallel items ({shape})"
        for a, b in items:
            spans.append(
                doc.span(
                    words[a].start,
                    words[b - 1].end,
                    device="tricolon",
                    kind=kind,
                    group=group,
                    score=score,
                    evidence=evidence,
                )
            )
    return spans


#: The tags of a noun that can head a member's phrase, and of the words that may stand before it
#: inside the member (an adjective, a participle, a noun of a compound: "social [security]").
_HEAD_TAGS = frozenset({"NN", "NNS"})
_BEFORE_HEAD_TAGS = frozenset({"NN", "NNS", "JJ", "VBG", "VBN"})
#: Most words a last member runs on to reach its head noun.
MAX_HEAD_RUN = 3


def _stretch_end(stretches: list[tuple[int, int]], end: int) -> int:
    """The end of the stretch holding the word before ``end`` (``end`` when none does)."""
    return next((b for a, b in stretches if a <= end - 1 < b), end)


def _with_head(tags: list[str], items: list[tuple[int, int]], stretch_end: int) -> tuple[int, int]:
    """The last member run on to its head noun when it stops before it, as long as the earlier
    members are nouns: "employment, production, and purchasing [power]", "health, education,
    and social [security]" (the last member was cut to the length of the one before it). A
    series of adjectives sharing a head keeps its members ("cultural, economic, and technical
    activities"): the middle member then ends on an adjective. Word classes by the tagger, read
    in context: ``tags`` are the sentence's (:meth:`~rhetoric.text.Document.sentence_tags`), the
    members' word ranges count from its first word. The member stays inside its stretch (it ends
    at ``stretch_end``, :func:`_stretch_end`): no comma or coordinator is crossed."""
    start, end = items[-1]
    if any(tags[b - 1] not in _HEAD_TAGS for _, b in items[:-1]):
        return start, end
    limit = min(stretch_end, end + MAX_HEAD_RUN)
    run_on = end
    while run_on < limit and tags[run_on - 1] in _BEFORE_HEAD_TAGS and tags[run_on] in _HEAD_TAGS:
        run_on += 1
    return start, run_on


def _candidate_runs(
    stretches: list[tuple[int, int]], separators: list[str]
) -> list[tuple[int, int]]:
    """Stretch index ranges ``(first, last)`` (inclusive) of three or more items with consistent
    separators, the longest from each start.

    A run led by commas (or semicolons) continues through commas and ends after the first
    coordinator (``"X, Y, and Z"``); a run led by a coordinator needs the same one throughout.
    """
    runs = []
    n = len(stretches)
    for first in range(n - 2):
        kind = separators[first]
        if kind == "|" or (
            first
            and separators[first - 1] in _COORDINATORS
            and kind == ","
            and stretches[first][1] - stretches[first][0] <= MAX_ITEM_WORDS
        ):
            # "A and B, C and D, ...": a list of pairs, not of single items. A stretch after
            # the coordinator too long to be an item is a clause whose tail may open a list
            # ("men and women are ... by a statute that abridges their rights, curtails ...,
            # and hampers ...").
            continue
        last = first + 1
        if kind in (",", ";"):
            while last + 1 < n:
                sep = separators[last]
                if sep == kind:
                    last += 1
                elif sep.lstrip(",;") in _COORDINATORS:
                    last += 1
                    break
                else:
                    break
        else:
            while last + 1 < n and separators[last] == kind:
                last += 1
        if last - first >= 2:
            runs.append((first, last))
    return runs


def _best_figure(stretches, first, last, norms, facts=None):
    """Trim the run's ends to parallel items and check the middle; shrink from the right if needed.

    What a middle item must be does not depend on the run's ends (a short stretch of no data,
    alike to the next middle, not said before in the run), so the run is first cut before the
    first middle that fails, and only the ends are judged at each shrink: linear in the run's
    length, not cubic ("never, never, never, ..." 500 times took 27 s). ``facts``: the
    sentence's :class:`_Stretches` (made here when not given). The same figure as judging
    every shrink in full (tested against that judgement on random runs).
    """
    facts = facts or _Stretches(stretches, norms)
    # the middles are stretches first + 1 .. last - 1: stop before the first that cannot be one
    seen: dict[tuple[str, ...], int] = {}
    k = first + 1
    while k < last:
        if not facts.valid(k) or facts.key(k) in seen:
            break
        seen[facts.key(k)] = k
        if k + 1 < last and facts.valid(k + 1) and facts.next_similarity(k) < MIN_SIMILARITY:
            k += 1  # k may be the last middle, k + 1 not a middle after it
            break
        k += 1
    last = min(last, k)
    if last - first < 2:
        return None
    head = _trim_first(stretches[first], stretches[first + 1], norms)
    if head is None or _is_data(norms[head[0] : head[1]]):
        return None
    head_similarity = _similarity(head, stretches[first + 1], norms)
    if head_similarity < MIN_SIMILARITY:
        return None
    head_key = tuple(norms[head[0] : head[1]])
    while last - first >= 2:
        figure = _ends(stretches, first, last, norms, head, head_key, seen, facts.separators)
        closed = figure and _closed(figure, stretches[last][1], norms, facts.reach(last))
        if closed is not None:
            items = [head, *stretches[first + 1 : last], figure]
            scores = [_similarity(items[j], items[j + 1], norms) for j in range(len(items) - 1)]
            return [*items[:-1], closed], sum(scores) / len(scores), _shape(items, norms)
        last -= 1
    return None


def _ends(stretches, first, last, norms, head, head_key, seen, separators=None):
    """The tail of the run ``first`` .. ``last`` whose middles are known good (see
    :func:`_best_figure`), or ``None`` when its ends do not make a figure. With the sentence's
    ``separators``, the last of three members after ", and" may leave out the preposition the
    first two open with (:func:`_shared_function_lead`)."""
    middle = stretches[last - 1]
    model = middle
    tail = _trim_last(stretches[last], model, norms)
    floor = MIN_SIMILARITY
    if (
        tail is None
        and last - first == 2
        and separators is not None
        and separators[last - 1].startswith(",")
        and separators[last - 1][1:] in _COORDINATORS  # ", and Z": the list's last member
        and _shared_function_lead(head, middle, norms)
    ):
        model = (middle[0] + 1, middle[1])  # "by X, by Y, and Z": the lead left out
        tail = _trim_last(stretches[last], model, norms)
        floor = MIN_ELLIPSIS_SIMILARITY
    if tail is None or _is_data(norms[tail[0] : tail[1]]):
        return None
    if _similarity(model, tail, norms) < floor:
        return None
    if (
        last - first == 2
        and norms[head[0]] != norms[middle[0]] == norms[tail[0]]
        and not _clause_members(head, middle, tail, norms)
    ):
        return None  # "X, A in and A out": a binomial after an unrelated phrase
    tail_key = tuple(norms[tail[0] : tail[1]])
    if head_key == tail_key or any(seen.get(key, last) < last for key in (head_key, tail_key)):
        return None  # the same item repeated is epizeuxis or repetition, not a list
    return tail


#: How parallel a last member that leaves out the others' lead must be to the middle one (read
#: without its lead): more than members that keep it.
MIN_ELLIPSIS_SIMILARITY = 0.8


def _shared_function_lead(head, middle, norms) -> bool:
    """Do the first two members open on one preposition (or the infinitive's "to") before more
    words? Then the last may leave it out ("by working hard, by saving more, and spending
    less"). A determiner is no such lead: "the house, the car, and everything else" ends on a
    member of another kind."""
    lead = norms[middle[0]]
    return (
        middle[1] - middle[0] >= 2
        and head[1] - head[0] >= 2
        and norms[head[0]] == lead
        and word_classes(lead) == {"P"}
    )


#: Fewest words of each member for three clauses of one shape whose first words differ.
MIN_CLAUSE_MEMBER = 4
#: Fewest words of each member for three phrases of one shape whose first words differ.
MIN_PHRASE_MEMBER = 3


def _clause_members(head, middle, tail, norms) -> bool:
    """Three members of one shape though the first opens otherwise: clauses ("the globe is too
    small, its weapons are too destructive, and its disorders are too numerous"), every member
    of :data:`MIN_CLAUSE_MEMBER` words or more and the first as parallel to the second as ``0.8``
    (:func:`_similarity`); or phrases of three words or more whose first is as parallel to the
    second as ``0.9`` ("on the farm, in the workshop, in the busy marts of trade"). A short
    phrase before a binomial is neither ("He came back, ran in and ran out")."""
    shortest = min(b - a for a, b in (head, middle, tail))
    if shortest >= MIN_CLAUSE_MEMBER:
        return _similarity(head, middle, norms) >= 0.8
    return shortest >= MIN_PHRASE_MEMBER and _similarity(head, middle, norms) >= 0.9


class _Stretches:
    """What each stretch of a sentence is as a middle item, judged once (:func:`_best_figure`)."""

    def __init__(self, stretches, norms, separators=None):
        self.stretches, self.norms, self.separators = stretches, norms, separators
        self._valid: dict[int, bool] = {}
        self._next: dict[int, float] = {}

    def valid(self, k: int) -> bool:
        """Stretch ``k`` may be a middle item: 1 to :data:`MAX_ITEM_WORDS` words, not data."""
        if k not in self._valid:
            a, b = self.stretches[k]
            self._valid[k] = 0 < b - a <= MAX_ITEM_WORDS and not _is_data(self.norms[a:b])
        return self._valid[k]

    def reach(self, k: int) -> int | None:
        """The end (a word index) of the clause that stretch ``k`` is in: through the commas
        and coordinators after it, up to a semicolon or a hard stop (``None`` without the
        separators: unknown)."""
        separators = self.separators
        if separators is None:
            return None
        while k + 1 < len(self.stretches) and separators[k] != "|" and ";" not in separators[k]:
            k += 1
        return self.stretches[k][1]

    def key(self, k: int) -> tuple[str, ...]:
        a, b = self.stretches[k]
        return tuple(self.norms[a:b])

    def next_similarity(self, k: int) -> float:
        """:func:`_similarity` of stretch ``k`` and stretch ``k + 1``."""
        if k not in self._next:
            self._next[k] = _similarity(self.stretches[k], self.stretches[k + 1], self.norms)
        return self._next[k]


def _trim_first(stretch, model, norms):
    """The end of the first stretch that starts like ``model``: at the same word if there is
    one, else at the suffix of about ``model``'s length that is most like it. When the members
    are clauses (:func:`_is_clause`), the first is its whole clause rather than a tail cut
    inside a phrase ("members of every club were tired of | the noise, the neighbours were worn
    down ...": its subject left out), or no member when that clause is too long; a whole clause
    that opens otherwise than the second member is then seldom parallel enough to it, and the
    figure is not proposed: no figure rather than one whose first member is cut."""
    a, b = stretch
    size = model[1] - model[0]
    longest = min(b - a, size + 3)
    same_word = [s for s in range(b - longest, b) if norms[s] == norms[model[0]]]
    if same_word:
        start = same_word[-1]
    else:
        starts = [s for s in range(b - longest, b) if _compatible(s, model[0], norms)]
        if not starts:
            return None
        start = max(starts, key=lambda s: (_similarity((s, b), model, norms), -abs((b - s) - size)))
    if _is_clause(norms, *model) and _opens_inside(norms, a, start):
        return (a, b) if b - a <= size + MAX_ITEM_WORDS else None
    return (start, b)


#: Auxiliaries and copulas that are no noun: a member holding one after its first word is a
#: clause.
_CLAUSE_VERBS = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "would", "shall", "should", "could",
     "might", "does", "did"}
)  # fmt: skip
#: Modals that are nouns too ("the people's will", "the rains of May"): a clause's verb only
#: before a verb and not after a determiner or a possessive ("they must decide").
_MODALS_OR_NOUNS = frozenset({"will", "may", "can", "must", "do"})


def _is_clause(norms, start: int, end: int) -> bool:
    """Does the member ``norms[start:end]`` hold an auxiliary or a copula after its first word
    ("the tools of trade are frozen ...", "they must decide")? Then it is a clause, with a
    subject before that verb."""
    for k in range(start + 1, end):
        if norms[k] in _CLAUSE_VERBS:
            return True
        if (
            norms[k] in _MODALS_OR_NOUNS
            and k + 1 < end
            and "V" in word_classes(norms[k + 1])
            and not word_classes(norms[k - 1]) <= {"D"}
            and not norms[k - 1].endswith(("'s", "’s", "s'"))
        ):
            return True
    return False


def _opens_inside(norms, stretch_start: int, start: int) -> bool:
    """Would an item cut from its stretch at ``start`` begin inside a phrase: after a
    determiner, a possessive or a preposition ("of | all sizes"), or after a word awaiting its
    noun ("every | day")? The stretch's own start is never inside. (Objects of a shared
    preposition rightly start after it, "with | no delay, no doubt, no cost": this asks it
    only of members that are clauses.)"""
    if start <= stretch_start:
        return False
    before = norms[start - 1]
    return word_classes(before) <= {"D", "P"} or before in _NOUN_AWAITING


def _trim_last(stretch, model, norms):
    """The start of the last stretch, about as long as ``model``, if it starts like it."""
    a, b = stretch
    if b <= a:
        return None
    if norms[a] != norms[model[0]] and not _compatible(a, model[0], norms):
        return None
    inside = [norms[k] for k in range(model[0] + 1, model[1])]
    if norms[a] in inside and norms[a] != norms[model[0]]:
        return None  # "X, Y of A and B": the coordinator joins words inside the last item
    size = model[1] - model[0]
    return (a, min(b, a + max(size, 1)))


def _closed(item, stretch_end: int, norms, reach=None):
    """The last item (as :func:`_trim_last` cut it, to the length of the item before it) run on
    to a word that can close its phrase (:func:`_leaves_open`): cut inside a phrase ("by
    other" of "by other means"), it goes on to the phrase's head, within its stretch
    (``stretch_end``), then through the commas and coordinators up to ``reach`` (a word index,
    the clause's end: "for any other foolish or reckless scheme"), at most
    :data:`MAX_ITEM_WORDS` words further; ``None`` when it cannot close there, and the figure
    is not proposed with that item. An adjective at ``reach`` closes the item
    (:func:`_leaves_open`).
    """
    a, end = item
    limit = min(max(stretch_end, reach or stretch_end), end + MAX_ITEM_WORDS)
    while end < limit and _leaves_open(norms, a, end, reach):
        end += 1
    return None if _leaves_open(norms, a, end, reach) else (a, end)


#: Words that modify a noun still to come, beside the determiners and prepositions.
_NOUN_AWAITING = frozenset({"other", "own", "every"})


def _leaves_open(norms, start: int, end: int, clause_end: int | None = None) -> bool:
    """Does the item ``norms[start:end]`` stop inside a phrase: on a determiner, a possessive,
    a preposition or a coordinator, on a word awaiting its noun (*other*, *own*), on an
    adjective (a word that cannot be a noun) standing before its noun ("in civic", "any other
    foolish"), or on an adjective whose coordinate adjective follows ("one great, proud and
    ...")? An adjective alone, or after an adverb or a verb, closes an item ("tired, hungry,
    and cold"; "too costly"), and so does one that ends its sentence or its clause
    (``clause_end``, a word index: a dash, colon, bracket or semicolon follows): no noun is to
    come, the adjective names the people or things ("the humble, the weary and the brave.";
    "- the homeless, the fatherless, the addicted - ")."""
    last = norms[end - 1]
    classes = word_classes(last)
    if classes <= {"D", "P"} or last in _COORDINATORS:
        return True
    if last in _NOUN_AWAITING:
        return not (last == "other" and end - 2 >= start and norms[end - 2] in {"each", "one"})
    if "J" not in classes or end >= (len(norms) if clause_end is None else clause_end):
        return False
    following = norms[end]
    if following in _COORDINATORS and end + 1 < len(norms):
        following = norms[end + 1]
    if following and _adjective(following):
        return True  # a series of adjectives before one noun
    if not _adjective(last):
        return False
    k = end - 2  # the words before the adjective, within the item
    while k >= start and ("J" in word_classes(norms[k]) or norms[k] in _COORDINATORS):
        k -= 1
    return k >= start and (word_classes(norms[k]) <= {"D", "P", "Q"} or norms[k] in _NOUN_AWAITING)


def _adjective(norm: str) -> bool:
    """A word that may be an adjective and cannot be a noun ("civic", "flourishing")."""
    classes = word_classes(norm)
    return "J" in classes and "N" not in classes


def _similarity(u, v, norms) -> float:
    """Parallelism of two items in [0, 1]: 1 for the same first word, else agreement of shapes.

    The first words weigh 0.4 and the rest 0.6: the share of positions that agree, aligned from
    the start ("adjective preposition the noun ...") or from the end, or 0.8 for matching last
    words alone (clauses with an ellipsis, "fields have been flooded; roads closed"), whichever is highest. Items of very different lengths (one more
    than twice the other) lose in proportion.
    """
    if norms[u[0]] == norms[v[0]]:
        return 1.0
    length_u, length_v = u[1] - u[0], v[1] - v[0]
    shorter = min(length_u, length_v)
    first = _compatible(u[0], v[0], norms)
    if max(length_u, length_v) == 1:
        score = first
    else:
        from_start = sum(_compatible(u[0] + k, v[0] + k, norms) for k in range(1, shorter))
        from_end = sum(_compatible(u[1] - k, v[1] - k, norms) for k in range(1, shorter + 1))
        last = _compatible(u[1] - 1, v[1] - 1, norms)
        rest = max(from_start / max(shorter - 1, 1), from_end / shorter, 0.8 * last)
        score = 0.4 * first + 0.6 * rest
    ratio = min(length_u, length_v) / max(length_u, length_v)
    return score * min(1.0, 2 * ratio)


def _compatible(i: int, j: int, norms) -> float:
    """How well two words fill one slot (:func:`class_match`); degree words fill the same slot
    whatever their class ("less waste, more results and greater freedom")."""
    match = class_match(norms[i], norms[j])
    if match == 0.0 and _degree(norms[i]) and _degree(norms[j]):
        return 0.8
    return match


_DEGREE_WORDS = frozenset("more most less least fewer fewest".split())


def _degree(norm: str) -> bool:
    """A quantifier of degree or a comparative or superlative adjective ("greater", "best")."""
    if norm in _DEGREE_WORDS:
        return True
    return len(norm) > 4 and norm.endswith(("er", "est")) and "J" in word_classes(norm)


def _shape(items, norms) -> str:
    starts = {norms[a] for a, _ in items}
    if len(starts) == 1:
        return f"each begins with {norms[items[0][0]]!r}"
    shape = ("/".join(sorted(word_classes(w))) for w in norms[items[1][0] : items[1][1]])
    return "same word classes: " + " ".join(shape)


def _is_data(norms: Sequence[str]) -> bool:
    """Numbers, dates and codes: not rhetorical items."""
    if not norms:
        return True
    data = sum(any(c.isdigit() for c in w) or w in _MONTHS for w in norms)
    return data * 2 >= len(norms)


# --- members beyond commas: semicolon clauses, short sentences, bare verb phrases ------------------
#
# Separate rules with their own ``evidence``, run after the comma lists above; a figure that
# overlaps one already found is dropped.

#: Longest sentence, in words, that counts as one member of a tricolon of sentences.
MAX_SENTENCE_MEMBER = 12
_COLON = re.compile(r"[:]|--|[\u2014\u2013]")
#: Openings too common to make members parallel on their own.
_COMMON_LEADS = frozenset("the a an that this and of to in for with on".split())
#: Words after which a phrase is led by a verb (an infinitive or a modal's complement).
_VERB_LEADS = frozenset("to will shall must can could would should may might".split())


def _members_beyond_commas(doc: Document, found: list[Span]) -> list[Span]:
    """The comma lists ``found``, with the tricolons whose members are semicolon clauses, short
    sentences or bare verb phrases added where they overlap none of them; a series whose members
    open with the same words (:func:`_anaphoric_members`) replaces the comma lists that are
    part of it (:func:`_part_of_series`, :func:`_whole_series`): in "in the number of its mills,
    in the skill of its weavers, in the trade of grain and wool, and in the size of its market"
    the coordinator inside the third member cut the comma list after three."""
    norms = [w.norm for w in doc.words]
    figures: list[tuple[list[tuple[int, int]], str, bool]] = []
    for sentence in doc.prose:
        figures.extend((*f, False) for f in _semicolon_members(doc, sentence, norms))
        figures.extend((*f, False) for f in _verb_phrase_members(doc, sentence, norms))
        figures.extend((*f, False) for f in _interjected_last_member(doc, sentence, norms))
        figures.extend((*f, True) for f in _anaphoric_members(doc, sentence, norms))
    figures.extend((*f, False) for f in _sentence_members(doc, norms))
    by_group: dict[str | None, list[Span]] = {}
    for span in found:
        by_group.setdefault(span.group, []).append(span)
    lists = RangeIndex(found)
    spans: list[Span] = []
    taken = Occupied()
    for items, evidence, led in figures:
        start, end = doc.words[items[0][0]].start, doc.words[items[-1][1] - 1].end
        members = [(doc.words[a].start, doc.words[b - 1].end) for a, b in items]
        if led and _whole_series(doc, items):
            near = {s.group for s in lists.overlapping(start, end) if s.group in by_group}
            for group in [g for g in near if _part_of_series(by_group[g], members)]:
                del by_group[group]
        if taken.overlaps(start, end) or any(
            s.group in by_group for s in lists.overlapping(start, end)
        ):
            continue
        taken.add(start, end)
        kind = "tricolon" if len(items) == 3 else "list"
        for a, b in items:
            spans.append(
                doc.span(doc.words[a].start, doc.words[b - 1].end, device="tricolon", kind=kind,
                         group=f"tricolon-{start}", score=0.6, evidence=evidence)
            )  # fmt: skip
    return [s for parts in by_group.values() for s in parts] + spans


_DASH = re.compile(r"--|\s-\s|[\u2014\u2013]")


def _whole_series(doc: Document, items: list[tuple[int, int]]) -> bool:
    """May the led series of ``items`` (word ranges) stand for the comma lists inside it? Only
    when every member opens with the same word and no dash stands between two members: a part
    before a dash is the heading the members expand ("to mend -- to mend the schools, to mend
    the roads, to mend the homes"), a part after it their summing up, and "not X, not Y, not Z,
    but W" closes a tricolon with the other half of an antithesis."""
    words = doc.words
    if len({words[a].norm for a, _ in items}) > 1:
        return False
    return not any(
        _DASH.search(doc.text, words[b - 1].end, words[a].start)
        for (_, b), (a, _) in zip(items, items[1:], strict=False)
    )


def _part_of_series(parts: list[Span], members: list[tuple[int, int]]) -> bool:
    """Is the comma list of ``parts`` a shorter reading of the series of ``members`` (character
    ranges)? Each part overlaps its own member, in order, and the series has more members: the
    list's items are the series' members, not a list inside one of them."""
    if len(members) <= len(parts):
        return False
    held = [next((k for k, (a, b) in enumerate(members) if a < p.end and p.start < b), None)
            for p in sorted(parts, key=lambda p: p.start)]  # fmt: skip
    return None not in held and all(x < y for x, y in zip(held, held[1:], strict=False))


def _runs(items: list[tuple[int, int]], alike) -> list[list]:
    """Maximal runs (three or more) of neighbouring items for which ``alike(previous, item)``."""
    runs, current = [], items[:1]
    for previous, item in zip(items, items[1:], strict=False):
        if alike(previous, item):
            current.append(item)
        else:
            if len(current) >= 3:
                runs.append(current)
            current = [item]
    if len(current) >= 3:
        runs.append(current)
    return runs


def _runs_of_parallel(items: list[tuple[int, int]], norms, threshold: float) -> list[list]:
    """Maximal runs (three or more) of neighbouring items that are parallel to each other."""
    return _runs(items, lambda previous, item: _similarity(previous, item, norms) >= threshold)


#: Longest member between semicolons, in words: a semicolon marks a clause, so members may be
#: longer than the items of a comma list.
MAX_SEMICOLON_MEMBER = 20


def _semicolon_members(doc: Document, sentence: Segment, norms) -> list:
    """ "In X, A; in Y, B; in Z, C": members separated by semicolons, commas inside them."""
    cuts = [sentence.first_word]
    gaps = odd_gaps(doc)  # a gap of one space neither cuts nor starts members
    for i in gaps.within(sentence.first_word, sentence.last_word):
        gap = gaps.text[i]
        if ";" in gap:
            cuts.append(i)
        elif _COLON.search(gap):
            cuts = [i]  # members start after a colon or a dash
    if len(cuts) < 3:
        return []
    cuts.append(sentence.last_word)
    items = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False)]
    items = [(a + (norms[a] in _COORDINATORS), b) for a, b in items]
    if any(not 0 < b - a <= MAX_SEMICOLON_MEMBER for a, b in items):
        return []
    return [(run, f"{len(run)} parallel clauses between semicolons")
            for run in _runs_of_parallel(items, norms, MIN_SIMILARITY)]  # fmt: skip


def _sentence_members(doc: Document, norms) -> list:
    """Three or more short sentences in a row, in one paragraph, that end alike ("X has been
    restored. Y have been rebuilt. Z have been opened.")."""
    figures = []
    paragraph_start = {p.first_word for p in doc.paragraphs}
    items = []
    for sentence in [*doc.prose, None]:
        short = sentence is not None and 2 <= sentence.n_words <= MAX_SENTENCE_MEMBER
        if items and (not short or sentence.first_word in paragraph_start):
            figures.extend(_parallel_endings(items, norms))
            items = []
        if short:
            items.append((sentence.first_word, sentence.last_word))
    return [(run, f"{len(run)} parallel sentences") for run in figures]


def _parallel_endings(items: list[tuple[int, int]], norms) -> list[list]:
    """Runs of three or more items whose last three words fill the same slots."""

    def alike(u, v) -> bool:
        depth = min(3, u[1] - u[0], v[1] - v[0])
        ends = [class_match(norms[u[1] - k], norms[v[1] - k]) > 0 for k in range(1, depth + 1)]
        ratio = (u[1] - u[0]) / (v[1] - v[0])
        return all(ends) and 0.5 <= ratio <= 2 and norms[u[1] - 1] != norms[v[1] - 1]

    return _runs(items, alike)


def _verb_phrase_members(doc: Document, sentence: Segment, norms) -> list:
    """ "work harder, learn more, reach higher": three or more short phrases of equal length, each
    led by a verb, separated by commas (the last optionally by a coordinator)."""
    stretches, separators = _stretches(doc, sentence.first_word, sentence.last_word)
    offset = sentence.first_word
    figures = []
    for first, last in _candidate_runs(stretches, separators):
        middles = [(a + offset, b + offset) for a, b in stretches[first + 1 : last]]
        size = middles[0][1] - middles[0][0]
        if not 1 < size <= 4 or any(b - a != size for a, b in middles):
            continue
        head_end = stretches[first][1] + offset
        head = (head_end - size, head_end)
        tail_start = stretches[last][0] + offset
        tail = (tail_start, min(stretches[last][1] + offset, tail_start + size))
        items = [head, *middles, tail]
        if head[0] < stretches[first][0] + offset or tail[1] - tail[0] != size:
            continue
        leads = [norms[a] for a, _ in items]
        if len(set(leads)) < len(leads) or not all(
            _leads_verb_phrase(norms[a], norms[a + 1]) for a, _ in items
        ):
            continue
        before = norms[head[0] - 1] if head[0] > sentence.first_word else ""
        if head[0] == stretches[first][0] + offset or before in _VERB_LEADS:
            figures.append((items, f"{len(items)} verb phrases"))
    return figures


#: Auxiliaries that lead a verb phrase of their own in their base form ("do more, be more").
_MAIN_VERB_BASES = frozenset({"be", "do", "have"})


def _leads_verb_phrase(norm: str, following: str) -> bool:
    """A verb, or a base-form auxiliary used as a main verb: followed by neither a verb (the
    auxiliary of "be ordained") nor a preposition ("do in")."""
    if norm in _MAIN_VERB_BASES:
        after = word_classes(following)
        return "V" not in after and "P" not in after
    return "V" in word_classes(norm)


def _interjected_last_member(doc: Document, sentence: Segment, norms) -> list:
    """ "the most A, the most B, and in the end the most C": members that open alike, the last
    after a short interjection (at most four words) that the comma lists above cannot trim."""
    stretches, separators = _stretches(doc, sentence.first_word, sentence.last_word)
    offset = sentence.first_word
    figures = []
    for first, last in _candidate_runs(stretches, separators):
        middles = [(a + offset, b + offset) for a, b in stretches[first + 1 : last]]
        head_start, head_end = stretches[first][0] + offset, stretches[first][1] + offset
        tail_start, tail_end = stretches[last][0] + offset, stretches[last][1] + offset
        if any(not 0 < b - a <= MAX_ITEM_WORDS for a, b in middles):
            continue
        found = None
        for width in (2, 1):  # the longest opening that all members share
            lead = tuple(norms[middles[0][0] : middles[0][0] + width])
            if any(tuple(norms[a : a + width]) != lead for a, _ in middles):
                continue
            if width == 1 and lead[0] in _COMMON_LEADS:
                continue  # "the X, the Y, ... the Z": too common an opening on its own
            heads = [k for k in range(head_start, head_end) if tuple(norms[k : k + width]) == lead]
            tails = [k for k in range(tail_start + 1, min(tail_end, tail_start + 5))
                     if tuple(norms[k : k + width]) == lead]  # fmt: skip
            if heads and tails and tuple(norms[tail_start : tail_start + width]) != lead:
                found = lead, heads, tails
                break
        if found is None:
            continue
        lead, heads, tails = found
        size = max(b - a for a, b in middles)
        items = [(heads[-1], head_end), *middles, (tails[0], min(tail_end, tails[0] + size))]
        phrase = " ".join(lead)
        figures.append(
            (items, f"{len(items)} members open with '{phrase}', the last after an interjection")
        )
    return figures


#: Leads of negated members that a member opening on "but" may answer ("not X, not Y, but Z").
_NEGATED_LEADS = frozenset({"not", "never", "no"})
#: Longest member of a series led by the same words (:func:`_anaphoric_members`), in words.
MAX_LED_MEMBER = 20
_MEMBER_BREAK = re.compile(r"[,;]|--|[\u2014\u2013]")


def _anaphoric_members(doc: Document, sentence: Segment, norms) -> list:
    """ "by protecting X, by defending Y, and by enforcing Z", "of our courage -- of our resolve
    -- of our wisdom": three or more members between commas, semicolons or dashes that open with
    the same words, each member up to :data:`MAX_LED_MEMBER` words long, so that a member may
    hold its own coordinators ("to preserve and enhance X, to advance Y and Z, and to assure W").

    The shared opening is two words, or one that is not a common function word
    (:data:`_COMMON_LEADS`), or ``to`` before a verb in every member. The first member may
    follow a lead-in inside its piece ("preserve it by protecting X"); a coordinator opening a
    member is left outside it.
    """
    cuts = [sentence.first_word]
    gaps = odd_gaps(doc)  # a gap of one space neither cuts nor starts members
    for i in gaps.within(sentence.first_word, sentence.last_word):
        gap = gaps.text[i]
        if ":" in gap:
            cuts = [i]  # members start after a colon
        elif _MEMBER_BREAK.search(gap):
            cuts.append(i)
    cuts.append(sentence.last_word)
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if a < b]
    pieces = [(a + (norms[a] in _COORDINATORS), b) for a, b in pieces]
    pieces = [(a, b) for a, b in pieces if a < b]
    figures, k = [], 1
    while k + 1 < len(pieces):
        lead = _shared_lead(pieces[k], pieces[k + 1], norms)
        end = k + 1
        if lead is None and _answers(pieces[k], pieces[k + 1], norms):
            lead, end = (norms[pieces[k][0]],), k  # "..., not Y, but Z": the first X comes before
        if lead is None:
            k += 1
            continue
        width = len(lead)
        while (
            end + 1 < len(pieces)
            and tuple(norms[pieces[end + 1][0] : pieces[end + 1][0] + width]) == lead
        ):
            end += 1
        first_a, first_b = pieces[k - 1]
        heads = [i for i in range(first_a, first_b - width) if tuple(norms[i : i + width]) == lead]
        members = ([(heads[-1], first_b)] if heads else []) + pieces[k : end + 1]
        # "not X, not Y, but Z": negated members answered by one that opens on "but"
        answered = end + 1 < len(pieces) and _answers(pieces[end], pieces[end + 1], norms)
        if answered:
            members.append(pieces[end + 1])
            end += 1
        k = end + 1
        if len(members) < 3 or any(b - a > MAX_LED_MEMBER or b - a <= width for a, b in members):
            continue
        if (
            len(lead) == 1
            and lead[0] == "to"
            and not all("V" in word_classes(norms[a + 1]) for a, _ in members)
        ):
            continue
        evidence = f"{len(members)} parallel items (each begins with '{' '.join(lead)}')"
        if answered:
            evidence = (
                f"{len(members)} parallel items ({len(members) - 1} begin with "
                f"'{' '.join(lead)}', the last with 'but')"
            )
        figures.append((members, evidence))
    return figures


def _answers(u, v, norms) -> bool:
    """Piece ``v`` opens on "but" after a piece ``u`` opening on a negation ("not X, but Y")."""
    return norms[u[0]] in _NEGATED_LEADS and u[1] - u[0] > 1 and norms[v[0]] == "but"


def _shared_lead(u, v, norms) -> tuple[str, ...] | None:
    """The opening two pieces share: two words, else one word that is not too common (``to``
    is checked by the caller)."""
    if u[1] - u[0] > 2 and v[1] - v[0] > 2 and norms[u[0] : u[0] + 2] == norms[v[0] : v[0] + 2]:
        return tuple(norms[u[0] : u[0] + 2])
    if norms[u[0]] == norms[v[0]] and (norms[u[0]] not in _COMMON_LEADS or norms[u[0]] == "to"):
        return (norms[u[0]],)
    return None
