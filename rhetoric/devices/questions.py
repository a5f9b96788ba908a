"""Rhetorical questions: questions asked for effect, and hypophora (a question the text answers).

A question is found where a sentence (or a clause of one) ends in a question mark, and also,
with a lower score, where a sentence without one opens like a question: an auxiliary verb
before a subject pronoun ("Can we ...", "Isn't it ..."), or a wh-word followed by such an
inversion ("How can we ...", "Who would ..."). Openings that invert without asking are left
out of the unmarked case: conditional inversion ("Had we ...", "Were it ...", "Should you
..."), wishes ("May it ...") and inversion after a negative or *so*/*nor*. Statements that merely
contain a wh-word, such as pseudo-clefts ("What we want is ...") and embedded clauses ("ask
what ..."), never qualify, because they do not invert.

Not every question is rhetorical. Left out are:

* questions inside quotation marks (dialogue or a quoted voice, not the text's own question),
  also where the quotation runs over several paragraphs (lines, in news): it reopens each of
  them with a quotation mark, or runs on to its closing mark, within a bound (see
  :func:`_quoted_stretches`);
* questions of a transcript's questioner (a paragraph opening with ``Q:`` or ``Question:``);
* genuine requests to people present: a question with *please*, or *would / could / can / will
  you* followed closely by a verb of bodily action performed on the spot (stand, rise, sit,
  raise, wave, bow, applaud, welcome, step).

Every other question in a speech or an opinion text is taken as asked for effect. Its span runs
from the start of the question clause (after a leading subordinate clause, a semicolon or a
dash, when the question proper begins there) to the question mark. ``kind`` is
``"hypophora"`` when the next sentence answers at once: it opens with an answer word (*yes*,
*no*, *not*, *never*, *because*, *of course*, ...), names *the answer*, is a short "I think
not" reply, or, after a wh-question, is a short fragment or repeats two of the question's
content words. Otherwise ``kind`` is ``"question"``. Consecutive questions form a series and
share a ``group``.
"""

from __future__ import annotations

import bisect
import re

from rhetoric.lexicon import is_content_word
from rhetoric.span import Span
from rhetoric.text import Document, Segment, Token

_MODALS = {
    "can",
    "could",
    "will",
    "would",
    "shall",
    "should",
    "must",
    "may",
    "might",
    "dare",
    "ought",
}
_BE_HAVE_DO = {"is", "are", "am", "was", "were", "do", "does", "did", "has", "have", "had"}
_AUXILIARIES = frozenset(_MODALS | _BE_HAVE_DO | {
    "can't", "cannot", "couldn't", "won't", "wouldn't", "shan't", "shouldn't", "mustn't",
    "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "hasn't", "haven't",
    "hadn't", "ain't",
})  # fmt: skip
# Without a question mark these inversions usually state a condition or a wish, not a question.
_NOT_QUESTION_INVERSIONS = frozenset({"had", "were", "should", "may", "might"})
_WH_WORDS = frozenset({"who", "whom", "whose", "what", "which", "why", "how", "where", "when"})
# Wh-words that rarely open a relative clause after a comma, so they start a question there.
_QUESTION_ONLY_WH = frozenset({"what", "why", "how"})
_SUBJECT_PRONOUNS = frozenset({
    "i", "we", "you", "he", "she", "it", "they", "there", "anyone", "anybody", "anything",
    "someone", "somebody", "something", "nobody", "everyone", "everybody", "one",
})  # fmt: skip
# Demonstratives and determiners may follow the auxiliary of a marked question ("Is this ...?").
_SUBJECT_STARTS = _SUBJECT_PRONOUNS | {
    "this", "that", "these", "those", "the", "a", "an", "our", "your", "their", "his", "her",
    "its", "my", "any", "such", "all", "no", "not", "each", "every", "some", "he", "man", "men",
}  # fmt: skip
_LEADING_CONJUNCTIONS = frozenset({"and", "but", "or", "then", "yet"})
# Verbs of a bodily action done on the spot: "would you ... <verb>?" is then a request.
_GESTURE_VERBS = frozenset(
    {"stand", "rise", "sit", "raise", "wave", "bow", "applaud", "welcome", "step"}
)
_REQUEST_AUXILIARIES = frozenset({"would", "could", "can", "will", "won't"})
# First words of a sentence that answers the question before it.
_ANSWER_WORDS = frozenset({
    "yes", "no", "nay", "not", "never", "none", "nothing", "nobody", "surely", "certainly",
    "because", "absolutely", "hardly", "neither", "obviously",
})  # fmt: skip
# Answer words that are also determiners ("No nation ..."): an answer only when they stand alone.
_BARE_ANSWERS = frozenset({"yes", "no", "nay", "none", "neither"})
_DISCOURSE_MARKERS = frozenset({"well", "oh", "simply", "frankly", "clearly", "first", "now"})

_QA_LABEL = re.compile(r"\s*(?:Q|QUESTION|Question)\s*[:.]")
_CLAUSE_OPENINGS = re.compile(r"[;:,—]|--|\s-\s")
_CLOSERS = "\"'”’)]» \t\r\n"


#: How far a quotation left open at the end of its paragraph may run on, looking for its
#: closing mark: through at most this many paragraphs after its own, within this many characters.
QUOTE_CARRY_PARAGRAPHS = 6
QUOTE_CARRY_CHARS = 1500


_QUOTATION_MARK = re.compile('[“"”‘’]')


def _quoted_ranges(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Stretches of ``text[start:end]`` inside quotation marks (double quotes, and single curly
    quotes that open after a space); an unclosed quote runs to the end of the paragraph. Also
    the offset of the double quote left open there, if any (:func:`_quoted_stretches`)."""
    ranges: list[tuple[int, int]] = []
    double_open = single_open = None
    # only the quotation marks change anything: they are visited, not every character
    for match in _QUOTATION_MARK.finditer(text, start, end):
        position, char = match.start(), match.group()
        if char in '“"”':
            if double_open is None and char != "”":
                double_open = position
            elif double_open is not None and char != "“":
                ranges.append((double_open, position + 1))
                double_open = None
        elif char == "‘" and (position == start or not text[position - 1].isalnum()):
            single_open = position if single_open is None else single_open
        elif char == "’" and single_open is not None:
            if position + 1 >= end or not text[position + 1].isalpha():
                ranges.append((single_open, position + 1))
                single_open = None
    for opened in (double_open, single_open):
        if opened is not None:
            ranges.append((opened, end))
    return ranges, double_open


def _quoted_stretches(doc: Document) -> _Stretches:
    """Every stretch of the document inside double or single quotation marks.

    Marks are paired within a paragraph. A double quote left open at the end of its paragraph
    is read as English typesetting writes a quotation over several paragraphs (in news, where
    every paragraph is a line, a quoted speech often is one): when a later paragraph opens with
    a quotation mark, that paragraph reopens the quotation, and the open one ends with its own
    paragraph; otherwise the quotation runs on to its closing mark, the first double quote
    after it if that one closes (a ``”``, or a straight ``"`` after a word), through at most
    :data:`QUOTE_CARRY_PARAGRAPHS` paragraphs and :data:`QUOTE_CARRY_CHARS` characters. A stray
    mark (a quotation that never closes, an inch sign) thus covers at most its own paragraph
    when the next mark opens a quotation, or none is near.
    """
    text, paragraphs = doc.text, doc.paragraphs
    ranges: list[tuple[int, int]] = []
    resume = 0  # where the scan goes on after a quotation carried into a paragraph
    for number, paragraph in enumerate(paragraphs):
        start = max(paragraph.start, resume)
        if start >= paragraph.end:
            continue
        found, left_open = _quoted_ranges(text, start, paragraph.end)
        ranges.extend(found)
        if left_open is not None and not _inch_sign(text, left_open):
            closing = _closing_mark(text, paragraphs, number)
            if closing is not None:
                ranges.append((left_open, closing + 1))
                resume = closing + 1
    return _Stretches(ranges)


def _closing_mark(text: str, paragraphs: list[Segment], number: int) -> int | None:
    """The offset of the mark that closes a double quotation left open in paragraph ``number``:
    the first double quote of the paragraphs after it, within the bounds of
    :func:`_quoted_stretches`, when that mark closes rather than opens; else ``None``."""
    limit = paragraphs[number].end + QUOTE_CARRY_CHARS
    for paragraph in paragraphs[number + 1 : number + 1 + QUOTE_CARRY_PARAGRAPHS]:
        match = _DOUBLE_QUOTE.search(text, paragraph.start, min(paragraph.end, limit))
        if match:
            position = match.start()
            return position if _closes(text, position, paragraph.start) else None
        if paragraph.end >= limit:
            break
    return None


_DOUBLE_QUOTE = re.compile('[“"”]')


def _closes(text: str, position: int, paragraph_start: int) -> bool:
    """Does the double quote at ``position`` close a quotation: a ``”`` after the paragraph's
    start, or a straight quote after a word or punctuation (not at the paragraph's start, nor
    after a space, a bracket, a colon or a digit: an opening mark, ``said:"no``, or an inch
    sign, ``4" pipe``)?"""
    if position <= paragraph_start:
        return False  # a mark opening its paragraph opens (a ” there is a typesetting slip)
    char, before = text[position], text[position - 1]
    if char != '"':
        return char == "”"
    return not (before.isspace() or before.isdigit() or before in "([{—–-:")


def _inch_sign(text: str, position: int) -> bool:
    """A straight double quote right after a digit (``3" wide``): an inch sign, no quotation."""
    return text[position] == '"' and position > 0 and text[position - 1].isdigit()


class _Stretches:
    """The union of ``(start, end)`` ranges, asked by bisection (a paragraph may hold thousands)."""

    def __init__(self, ranges: list[tuple[int, int]]):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(r for r in ranges if r[0] < r[1]):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def covers(self, position: int) -> bool:
        """True when a range holds ``position`` (``start <= position < end``)."""
        k = bisect.bisect_right(self.starts, position) - 1
        return k >= 0 and position < self.ends[k]

    def overlaps(self, start: int, end: int) -> bool:
        """True when a range meets ``[start, end)``."""
        k = bisect.bisect_left(self.starts, end) - 1
        return k >= 0 and start < self.ends[k]


def _norms(tokens: list[Token]) -> list[str]:
    return [t.norm.replace("’", "'") for t in tokens]


def _opening(norms: list[str], *, marked: bool) -> str | None:
    """How a clause opens as a question: ``"yes-no"``, ``"wh"``, or ``None`` (not a question opening).

    ``marked`` clauses end in a question mark and are allowed every inversion; unmarked ones only
    those that cannot be conditions, wishes or emphatic statements.
    """
    words = list(norms)
    while words and words[0] in _LEADING_CONJUNCTIONS:
        words.pop(0)
    if len(words) < 2:
        return "yes-no" if marked and words else None
    first, second = words[0], words[1]
    subjects = _SUBJECT_STARTS if marked else _SUBJECT_PRONOUNS
    if first in _AUXILIARIES:
        if not marked and first in _NOT_QUESTION_INVERSIONS:
            return None
        if second in subjects or (second == "not" and len(words) > 2 and words[2] in subjects):
            return "yes-no"
        return "yes-no" if marked else None
    if first in _WH_WORDS:
        if marked:
            return "wh"
        if second in _AUXILIARIES and first == "who":
            return "wh"
        if second in _AUXILIARIES and len(words) > 2 and words[2] in _SUBJECT_PRONOUNS:
            return "wh"
    return None


def _is_request(norms: list[str]) -> bool:
    """A genuine request to people present: *please*, or *would you* + a bodily action nearby."""
    if "please" in norms:
        return True
    for index, word in enumerate(norms[:-1]):
        if word in _REQUEST_AUXILIARIES and norms[index + 1] == "you":
            if any(w in _GESTURE_VERBS for w in norms[index + 2 : index + 6]):
                return True
    return False


def _stems(tokens: list[Token]) -> set[str]:
    """Crude content-word stems (first six letters), enough to see an answer echo its question."""
    return {t.norm[:6] for t in tokens if is_content_word(t.norm) and t.norm[:1].isalpha()}


def _answers(doc: Document, question: list[Token], opening: str, answer: Segment) -> bool:
    """Does the sentence ``answer`` answer ``question`` at once?"""
    tokens = doc.words_of(answer)
    if not tokens or "?" in doc.clean[answer.start : answer.end]:
        return False
    words = _norms(tokens)
    skip = 0
    while skip < len(words) - 1 and words[skip] in _DISCOURSE_MARKERS:
        skip += 1
    words = words[skip:]
    after_first = doc.clean[tokens[skip].end : tokens[skip].end + 1]
    standing_alone = after_first in {"", ",", ".", "!", ";", ":", "-", "—"}
    if words[0] in _ANSWER_WORDS and (standing_alone or words[0] not in _BARE_ANSWERS):
        return True
    if words[:2] == ["of", "course"]:
        return True
    if "answer" in words[:3] and words[0] in {"the", "my", "our", "his", "her", "their"}:
        return True
    if len(words) <= 5 and words[0] in _SUBJECT_PRONOUNS and words[-1] in {"not", "so"}:
        return True
    if opening == "wh" and words[0] != "let":
        shared = len(_stems(question) & _stems(tokens))
        return len(words) <= 6 or shared >= 3 or (shared >= 2 and len(words) <= 12)
    return False


def _question_start(doc: Document, start: int, end: int) -> int:
    """Where the question proper begins in ``text[start:end]``.

    When the clause does not itself open as a question ("If ..., shall we ...?", "X -- is it
    not ...?"), the question begins after a comma, semicolon, colon or dash followed by one of:

    * a question's wh-word: *what*, *why* or *how*, a wh-word written with a capital ("..., it
      is asked, Who ...?"; not in a question written in capitals or in title case, a headline
      or a shouted paragraph, where no content word begins in lower case), or another wh-word
      with an auxiliary and a subject pronoun ("..., where will they go?"); the last such
      opening wins;
    * an auxiliary and its subject ("..., shall we ...?"), unless a wh-word opened the question
      before it (then they are that question's own inversion: "..., what reason, then, can we
      give?");
    * another wh-word and an auxiliary (", who can ...?"), only when no opening came before: it
      is mostly a relative clause inside the question (", which does not ...").
    """
    if _opening(_norms(_words_between(doc, start, end, 4)), marked=False) or _leading_word(
        doc, start, end
    ):
        return start
    best, opened_by_wh = start, False
    # Case tells something only where a content word begins in lower case: a question written in
    # capitals ("IS IT FAIR?") or in title case ("Which Nobody Read, Is It Fair?") capitalises
    # every word.
    case_tells = any(
        w.text[:1].islower() and is_content_word(w.norm) for w in _words_between(doc, start, end)
    )
    for match in _CLAUSE_OPENINGS.finditer(doc.text, start, end):
        words = _words_between(doc, match.end(), end, 4)
        norms = _norms(words)
        skip = 1 if norms and norms[0] in _LEADING_CONJUNCTIONS else 0
        head = norms[skip : skip + 3]
        if len(head) < 2:
            continue
        wh, inverted = head[0] in _WH_WORDS, head[1] in _AUXILIARIES
        if head[0] in _QUESTION_ONLY_WH or (
            wh
            and (
                (case_tells and words[skip].text[0].isupper())
                or (inverted and head[2:] and head[2] in _SUBJECT_PRONOUNS)
            )
        ):
            best, opened_by_wh = words[skip].start, True
        elif head[0] in _AUXILIARIES and head[1] in _SUBJECT_STARTS and not opened_by_wh:
            best = words[skip].start
        elif wh and inverted and best == start:
            best = words[skip].start
    return best


#: Prepositions that may lead a wh-word opening a question ("To what end ...?", "By whom ...?").
_WH_PREPOSITIONS = frozenset(
    "to for by from with in on at of into upon under against through about".split()
)


def _leading_word(doc: Document, start: int, end: int) -> bool:
    """Does the clause open as a question: an auxiliary, or a wh-word that is not a subordinating
    *when* / *where* ("When we ..., can we ...?"), after an optional conjunction, or a wh-word
    other than those after a preposition ("To what end ...?")?"""
    norms = _norms(_words_between(doc, start, end, 3))
    if norms and norms[0] in _LEADING_CONJUNCTIONS:
        norms = norms[1:]
    if not norms:
        return False
    if norms[0] in _WH_PREPOSITIONS and len(norms) > 1:
        return norms[1] in _WH_WORDS - {"when", "where"}
    if norms[0] in {"when", "where"}:
        return len(norms) > 1 and norms[1] in _AUXILIARIES
    return norms[0] in _AUXILIARIES or norms[0] in _WH_WORDS


def _words_between(doc: Document, start: int, end: int, limit: int | None = None) -> list[Token]:
    """The words starting in ``[start, end)``; only the first ``limit`` of them when given."""
    words = doc.words
    first = bisect.bisect_left(words, start, key=lambda t: t.start)
    last = bisect.bisect_left(words, end, key=lambda t: t.start)
    return words[first : last if limit is None else min(last, first + limit)]


def find_rhetorical_questions(
    text_or_doc: str | Document, *, doc_id: str | None = None
) -> list[Span]:
    """Find questions asked for effect, and mark those the text answers at once as hypophora.

    Parameters
    ----------
    text_or_doc : str or Document
        The text; boilerplate is left out (see :class:`~rhetoric.text.Document`).
    doc_id : str, optional
        Carried into the spans when a string is given.

    Returns
    -------
    list of Span
        One span per question, from the start of the question clause to its question mark (or
        to the sentence end for an unmarked question): ``device="rhetorical_question"``,
        ``kind`` ``"hypophora"`` or ``"question"``, ``group`` shared by consecutive questions
        (``None`` for a lone question), ``score`` (lower without a question mark, higher for
        negative questions, hypophora and series), ``evidence`` saying why.

    Examples
    --------
    >>> text = 'Who pays for it? The workers pay. She asked, "Where is it?" Would you all rise?'
    >>> [(s.text, s.kind) for s in find_rhetorical_questions(text)]
    [('Who pays for it?', 'hypophora')]
    """
    from rhetoric.text import as_document

    doc = as_document(text_or_doc, doc_id)
    text = doc.text
    found: list[dict] = []  # one record per question, in text order
    sentences = doc.sentences
    paragraph_of = _paragraph_index(doc)
    quoted = _quoted_stretches(doc)
    for paragraph_number, paragraph in enumerate(doc.paragraphs):
        line_start = text.rfind("\n", 0, paragraph.start) + 1  # a removed speaker label
        if paragraph.heading or _QA_LABEL.match(text, line_start, paragraph.end):
            continue
        for sentence_number in range(*paragraph_of[paragraph_number]):
            for record in _questions_in(doc, sentences[sentence_number], sentence_number, quoted):
                found.append(
                    {**record, "paragraph": paragraph_number, "paragraph_end": paragraph.end}
                )
    return _finish(doc, found)


def _paragraph_index(doc: Document) -> list[tuple[int, int]]:
    """For each paragraph, the range of its sentence numbers."""
    import bisect

    starts = [s.start for s in doc.sentences]
    return [
        (bisect.bisect_left(starts, p.start), bisect.bisect_left(starts, p.end))
        for p in doc.paragraphs
    ]


def _questions_in(doc: Document, sentence: Segment, number: int, quoted: _Stretches) -> list[dict]:
    text = doc.text
    marks = [m.start() for m in re.finditer(r"\?", text[sentence.start : sentence.end])]
    records = []
    piece_start = sentence.start
    for mark in marks:
        mark += sentence.start
        piece = (piece_start, mark + 1)
        piece_start = mark + 1
        while piece_start < sentence.end and text[piece_start] in _CLOSERS:
            piece_start += 1
        if quoted.covers(mark):
            continue
        start = _question_start(doc, piece[0], piece[1])
        tokens = _words_between(doc, start, piece[1])
        if not tokens:
            continue
        norms = _norms(tokens)
        if _is_request(norms):
            continue
        opening = _opening(norms, marked=True) or "yes-no"
        records.append({"start": start, "end": piece[1], "sentence": number, "tokens": tokens,
                        "opening": opening, "marked": True})  # fmt: skip
    if marks:
        return records
    whole = text[sentence.start : sentence.end]
    stripped = whole.rstrip(_CLOSERS)
    if not stripped.endswith((".", "!")) or whole.rstrip()[-1:] in "\"”’'" or whole[:1] in "\"“‘'":
        return records  # no full stop, or a sentence of quoted speech
    if quoted.overlaps(sentence.start, sentence.end):
        return records
    tokens = doc.words_of(sentence)
    if tokens and tokens[0].text.isupper() and len(tokens[0].text) > 1:
        return records  # an acronym ("WHO") or a heading in capitals, not an inverted question
    opening = _opening(_norms(tokens[:6]), marked=False)
    if opening and not _is_request(_norms(tokens)):
        records.append({"start": sentence.start, "end": sentence.end, "sentence": number, "tokens": tokens,
                        "opening": opening, "marked": False})  # fmt: skip
    return records


def _finish(doc: Document, found: list[dict]) -> list[Span]:
    """Group consecutive questions into series, find hypophora, score, and build the spans."""
    sentences = doc.sentences
    series: list[list[dict]] = []
    for record in found:
        previous = series[-1][-1] if series else None
        if (
            previous
            and record["sentence"] - previous["sentence"] <= 1
            and record["paragraph"] == previous["paragraph"]
        ):
            series[-1].append(record)
        else:
            series.append([record])
    spans: list[Span] = []
    group_number = 0
    for members in series:
        last = members[-1]
        answered = False
        following = last["sentence"] + 1
        same_paragraph = (
            following < len(sentences) and sentences[following].end <= last["paragraph_end"]
        )
        if same_paragraph and last["end"] >= sentences[last["sentence"]].end - 1:
            answered = _answers(doc, last["tokens"], last["opening"], sentences[following])
        group = None
        if len(members) > 1:
            group_number += 1
            group = f"rhetorical_question-{group_number}"
        for record in members:
            spans.append(_span(doc, record, answered=answered, group=group, series=len(members)))
    return spans


def _span(doc: Document, record: dict, *, answered: bool, group: str | None, series: int) -> Span:
    norms = _norms(record["tokens"])
    reasons = [
        "question mark" if record["marked"] else "inverted word order without a question mark"
    ]
    score = 0.6 if record["marked"] else 0.4
    if any(w.endswith("n't") or w in {"not", "cannot"} for w in norms[:4]):
        score += 0.2
        reasons.append("negative question expecting assent")
    if answered:
        score += 0.2
        reasons.append("answered at once")
    if series > 1:
        score += 0.1
        reasons.append(f"one of {series} questions in a row")
    return doc.span(record["start"], record["end"], device="rhetorical_question",
                    kind="hypophora" if answered else "question", group=group,
                    score=round(min(score, 1.0), 3), evidence="; ".join(reasons))  # fmt: skip
