"""Chiasmus and antimetabole: an A B ... B A crossing of words within a sentence or two.

Candidates are the criss-cross patterns of Dubremetz & Nivre (2015): four words A, B, C, D in
text order, at most :data:`WINDOW` words from A to D, where A and D share a lemma, B and C share
another, and A, B are content words or personal pronouns. Every candidate is ranked by a
weighted sum of their features (:data:`WEIGHTS`):

* *basic*: punctuation inside the two halves (hard marks and commas) and between them,
  A or B a stopword, further repetitions of A or B inside the candidate;
* *size*: the difference in length of the halves A..B and C..D, the distance from B to C;
* *similarity*: identical halves, shared words, bigrams and trigrams between the halves, and
  shared words just before A and before C (parallel context);
* *lexical clues*: a conjunction between the halves, a negation in the candidate, "from ... to"
  or a repeated "to" / "into".

The weights of the paper's features are the paper's own. Tuning them on the training part of
the Dubremetz-Nivre Europarl annotations (coordinate search, and a logistic regression; see
:mod:`rhetoric.evaluation.chiasmus`) raised training AP but lowered test AP, so they were kept.
Two additions: personal pronouns are weighed apart from other stopwords (-3 rather than -10, so
that "what the city owes you ... what you owe the city" can cross; Europarl AP is unchanged), and a few
stopwords that often carry content ("just", "few", "only", ...) may fill A or B without the
stopword penalty.

A candidate is proposed when its raw score reaches :data:`CANDIDATE_THRESHOLD` (-10), and
:func:`rhetoric.find_devices` keeps those its learned scorer accepts. :data:`THRESHOLD` (-6) was
the ranker's own cut before the learned scorer, set for recall: on the Europarl training texts it
keeps every true chiasmus (31 of 31). The annotated Europarl texts are all criss-cross
sentences, so their precision at this level is low (below 0.1); in speeches, where
criss-crossing repetition is rarer, the 59 inaugural addresses gave 18 figures at that cut, most
of them real. The F1-optimal raw score on the training texts is about +4. ``score`` maps the raw
score to (0, 1) with a logistic curve centred on :data:`THRESHOLD` (0.5 there; ``score >= 0.97``
is raw >= 4), so a proposed candidate has ``score`` from about 0.21 (raw -10) up; the learned
scorer reads it as one feature among others.

``kind`` is ``"antimetabole"`` when the same word forms return (``"A B ... B A"`` exactly) and
``"chiasmus"`` when only the lemmas do (``"families ... family"``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rhetoric.lexicon import function_words, is_content_word, lemma, porter_stem
from rhetoric.span import Occupied, Span
from rhetoric.text import Document, Token, as_document, normalize, per_document, word_tokens

#: Longest candidate, in words from A to D (the window of Dubremetz & Nivre).
WINDOW = 30

#: The centre of the curve that maps raw scores to ``score`` (0.5 here): the ranker's own cut
#: before the learned scorer, set for recall on the Europarl training texts (module docstring).
THRESHOLD = -6.0

#: Raw score a candidate must reach to be proposed to the learned scorer (:mod:`rhetoric.scoring`),
#: below :data:`THRESHOLD` so that the scorer, not the ranker alone, decides the weaker crossings.
CANDIDATE_THRESHOLD = -10.0

#: Width of the logistic curve that turns raw scores into ``score`` in (0, 1).
SCALE = 3.0

#: Feature weights. Names follow Dubremetz & Nivre (2015), Table 1.
WEIGHTS: dict[str, float] = {
    "punct": -10.0,  # hard punctuation and brackets inside A..B and C..D
    "soft_punct": -10.0,  # commas inside A..B and C..D
    "central_punct": -5.0,  # hard punctuation between B and C
    "stop_a": -10.0,  # A is a stopword
    "stop_b": -10.0,  # B is a stopword
    "main_rep": -5.0,  # further repetitions of A or B inside the candidate
    "diff_size": -1.0,  # |len(A..B) - len(C..D)|
    "toks_in_bc": -1.0,  # words between B and C
    "exact_match": 5.0,  # the two halves are the same words
    "same_tok": 1.0,  # lemmas shared by the halves
    "sim_score": 1.0,  # same_tok divided by the longer half
    "same_bigram": 1.0,
    "same_trigram": 1.0,
    "same_cont": 1.0,  # lemmas shared by the two words before A and the two before C
    "has_conj": 2.0,  # a conjunction between B and C
    "has_neg": 2.0,  # a negation inside the candidate
    "has_to": 2.0,  # "from ... to", or "to"/"into" in both halves
    # Not in the paper: parallel context of the two clauses, and pronouns apart from stopwords.
    "same_left": 0.0,  # lemmas shared by the three words before A and the three before C
    "same_right": 0.0,  # lemmas shared by the three words after B and the three after D
    "pronoun_a": -3.0,  # A is a personal pronoun (the paper counts these as stopwords)
    "pronoun_b": -3.0,  # B is a personal pronoun
}

#: Personal pronouns that may fill A or B ("what the city owes you ... what you owe the city").
PRONOUNS = frozenset({"i", "me", "we", "us", "you", "he", "him", "she", "her", "they", "them"})

_CONJUNCTIONS = frozenset({"and", "as", "because", "for", "yet", "nor", "so", "or", "but"})
_NEGATIONS = frozenset({"no", "not", "never", "nothing"})
_HARD = re.compile(r"[.!?:;()\[\]\"]|--|[\u2014\u2013]")


@dataclass(frozen=True)
class _Window:
    """A run of words and their lemmas (the candidate's world)."""

    tokens: Sequence[Token]
    norms: Sequence[str]
    lemmas: Sequence[str]
    gaps: Sequence[str]  # gaps[i]: the text between word i - 1 and word i

    @classmethod
    def of(cls, text: str, tokens: Sequence[Token]) -> _Window:
        norms = [t.norm for t in tokens]
        gaps = [""] + [text[tokens[i - 1].end : tokens[i].start] for i in range(1, len(tokens))]
        return cls(tokens, norms, [_lemma(n) for n in norms], gaps)


@lru_cache(maxsize=1 << 16)
def _lemma(norm: str) -> str:
    return lemma(norm) if is_content_word(norm) else norm


#: Stopwords that often carry content ("a just cause", "the few") and may fill A or B.
LEXICAL_STOPWORDS = frozenset(
    {"just", "few", "more", "most", "other", "only", "all", "same", "own"}
)


_NOT_STOP = PRONOUNS | LEXICAL_STOPWORDS


@lru_cache(maxsize=1 << 16)
def _eligible(norm: str) -> bool:
    """A word that may stand in a crossing (cached: overlapping windows ask it of a word again)."""
    return is_content_word(norm) or norm in PRONOUNS or norm in LEXICAL_STOPWORDS


def candidate_features(window: _Window, a: int, b: int, c: int, d: int) -> dict[str, float]:
    """The Dubremetz-Nivre features of the crossing at word indices ``a < b < c < d``."""
    norms, lemmas, gaps = window.norms, window.lemmas, window.gaps
    stop = function_words()
    half_ab, half_cd = lemmas[a + 1 : b], lemmas[c + 1 : d]
    inner_gaps = gaps[a + 1 : b + 1] + gaps[c + 1 : d + 1]
    central = gaps[b + 1 : c + 1]
    lemma_a, lemma_b = lemmas[a], lemmas[b]
    reps = sum(1 for k in range(a, d + 1) if lemmas[k] in (lemma_a, lemma_b)) - 4
    shared = set(half_ab) & set(half_cd)
    longer = max(len(half_ab), len(half_cd), 1)
    bigrams = _ngrams(half_ab, 2) & _ngrams(half_cd, 2)
    trigrams = _ngrams(half_ab, 3) & _ngrams(half_cd, 3)
    before_a, before_c = set(lemmas[max(0, a - 2) : a]), set(lemmas[max(0, c - 2) : c])
    span_norms = norms[a : d + 1]
    has_to = ("from" in span_norms and "to" in span_norms[span_norms.index("from") :]) or any(
        w in half_ab and w in half_cd for w in ("to", "into")
    )
    return {
        "punct": float(sum(len(_HARD.findall(g)) for g in inner_gaps)),
        "soft_punct": float(sum(g.count(",") for g in inner_gaps)),
        "central_punct": float(sum(len(_HARD.findall(g)) for g in central)),
        "stop_a": float(norms[a] in stop and norms[a] not in _NOT_STOP),
        "stop_b": float(norms[b] in stop and norms[b] not in _NOT_STOP),
        "main_rep": float(max(reps, 0)),
        "diff_size": float(abs(len(half_ab) - len(half_cd))),
        "toks_in_bc": float(c - b - 1),
        "exact_match": float(bool(half_ab) and half_ab == half_cd),
        "same_tok": float(len(shared)),
        "sim_score": len(shared) / longer,
        "same_bigram": float(len(bigrams)),
        "same_trigram": float(len(trigrams)),
        "same_cont": float(len(before_a & before_c)),
        "has_conj": float(any(w in _CONJUNCTIONS for w in norms[b + 1 : c])),
        "has_neg": float(any(w in _NEGATIONS or w.endswith("n't") for w in span_norms)),
        "has_to": float(has_to),
        "same_left": float(len(set(lemmas[max(0, a - 3) : a]) & set(lemmas[max(0, c - 3) : c]))),
        "same_right": float(len(set(lemmas[b + 1 : b + 4]) & set(lemmas[d + 1 : d + 4]))),
        "pronoun_a": float(norms[a] in PRONOUNS),
        "pronoun_b": float(norms[b] in PRONOUNS),
    }


def _ngrams(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[k : k + n]) for k in range(len(words) - n + 1)}


def raw_score(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """The weighted sum of a candidate's features (:data:`WEIGHTS` by default)."""
    weights = WEIGHTS if weights is None else weights
    return sum(weights[name] * value for name, value in features.items())


def _probability(raw: float) -> float:
    return 1.0 / (1.0 + math.exp(-(raw - THRESHOLD) / SCALE))


def score_candidate(text: str, terms: Sequence[Sequence[int]]) -> float:
    """Score one criss-cross candidate: the confidence in (0, 1) that it is a chiasmus.

    Parameters
    ----------
    text : str
        The sentence or extract.
    terms : sequence of four (start, end) pairs
        Character offsets of the words A, B, C, D in text order (A and D repeat one lemma, B and
        C another).

    Returns
    -------
    float
        ``score >= 0.5`` exactly when the raw score reaches :data:`THRESHOLD`.

    Examples
    --------
    >>> text = "We eat to live, not live to eat."
    >>> round(score_candidate(text, [(3, 6), (10, 14), (20, 24), (28, 31)]), 2) > 0.5
    True
    """
    if len(terms) != 4:
        raise ValueError(f"terms must hold four (start, end) pairs, got {len(terms)}")
    tokens = _split_at_terms(text, word_tokens(text), terms)
    window = _Window.of(text, tokens)
    a, b, c, d = (_token_at(tokens, start) for start, _ in terms)
    if not a < b < c < d:
        raise ValueError(f"terms must be four distinct words in text order, got {list(terms)}")
    return _probability(raw_score(candidate_features(window, a, b, c, d)))


def _split_at_terms(
    text: str, tokens: Sequence[Token], terms: Sequence[Sequence[int]]
) -> list[Token]:
    """Cut words at term boundaries that fall inside them ("enemy" in "enemy's" as a term)."""
    cuts = sorted({offset for term in terms for offset in term[:2]})
    norm = normalize(text)
    out: list[Token] = []
    for token in tokens:
        inner = [c for c in cuts if token.start < c < token.end]
        if not inner:
            out.append(token)
            continue
        edges = [token.start, *inner, token.end]
        for start, end in zip(edges, edges[1:], strict=False):
            out.append(Token(start, end, text[start:end], norm[start:end]))
    return out


def _token_at(tokens: Sequence[Token], start: int) -> int:
    for index, token in enumerate(tokens):
        if token.start <= start < token.end or token.start >= start:
            return index
    raise ValueError(f"no word at character {start}")


def find_candidates(
    window: _Window, first_end: int | None = None
) -> list[tuple[int, int, int, int]]:
    """Every crossing ``(a, b, c, d)`` in a window; with ``first_end``, only those where A lies
    before word ``first_end`` (so overlapping windows do not repeat candidates)."""
    positions: dict[str, list[int]] = {}
    for index, (norm, key) in enumerate(zip(window.norms, window.lemmas, strict=True)):
        if _eligible(norm):
            positions.setdefault(key, []).append(index)
    repeated = {key: spots for key, spots in positions.items() if len(spots) > 1}
    if len(repeated) < 2:
        return []
    found = []
    limit = len(window.norms) if first_end is None else first_end
    # The repeated key at each word (None elsewhere), and each key's rank in ``repeated``, so the
    # words between A and D are grouped by key in one pass over them (not one pass per key).
    rank = {key: number for number, key in enumerate(repeated)}
    key_at: list[str | None] = [None] * len(window.norms)
    for key, spots in repeated.items():
        for spot in spots:
            key_at[spot] = key
    for key_a, spots_a in repeated.items():
        for i, a in enumerate(spots_a):
            if a >= limit:
                break
            for d in spots_a[i + 1 :]:
                if d - a > WINDOW:
                    break
                inside: dict[str, list[int]] = {}
                for p in range(a + 1, d):
                    key_b = key_at[p]
                    if key_b is not None and key_b != key_a:
                        inside.setdefault(key_b, []).append(p)
                for key_b in sorted(inside, key=rank.__getitem__):
                    spots_b = inside[key_b]
                    for j, b in enumerate(spots_b):
                        for c in spots_b[j + 1 :]:
                            found.append((a, b, c, d))
    return found


@dataclass(frozen=True)
class Candidate:
    """A criss-cross candidate in a document: the words A, B, C, D and its raw score."""

    a: Token
    b: Token
    c: Token
    d: Token
    raw: float

    @property
    def score(self) -> float:
        """The raw score mapped to (0, 1); 0.5 at :data:`THRESHOLD`."""
        return _probability(self.raw)

    @property
    def kind(self) -> str:
        same_forms = (self.a.norm, self.b.norm) == (self.d.norm, self.c.norm)
        return "antimetabole" if same_forms else "chiasmus"


def rank_candidates(text_or_doc: str | Document, *, doc_id: str | None = None) -> list[Candidate]:
    """Every criss-cross candidate of a document with its raw score, best first.

    Candidates lie within a sentence or two adjacent ones; nothing is filtered by score, so this
    is the ranking that :func:`find_chiasmus` cuts at :data:`THRESHOLD`.

    Examples
    --------
    >>> [(c.a.text, c.b.text, c.kind) for c in rank_candidates("Eat to live; do not live to eat.")]
    [('Eat', 'live', 'antimetabole')]
    """
    doc = as_document(text_or_doc, doc_id)
    sentences = doc.prose
    stems = _stems(doc)
    found = []
    for index, sentence in enumerate(sentences):
        first, last = sentence.first_word, sentence.last_word
        if index + 1 < len(sentences):
            last = sentences[index + 1].last_word
        tokens = doc.words[first:last]
        if len(tokens) < 4 or not _may_cross(stems[first:last]):
            continue
        window = _Window.of(
            doc.clean, tokens
        )  # gaps as the detectors read them: removed spans blank
        for a, b, c, d in find_candidates(window, sentence.last_word - first):
            raw = raw_score(candidate_features(window, a, b, c, d))
            found.append(Candidate(tokens[a], tokens[b], tokens[c], tokens[d], raw))
    return sorted(found, key=lambda c: (-c.raw, c.a.start))


def find_chiasmus(text_or_doc: str | Document, *, doc_id: str | None = None) -> list[Span]:
    """Find chiasmi and antimetaboles within a sentence or two adjacent ones.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to search; boilerplate is left out.
    doc_id : str, optional
        Carried into every span when a string is given.

    Returns
    -------
    list of Span
        Two spans per figure, the halves A..B and C..D, ``device="chiasmus"``, ``kind``
        ``"antimetabole"`` or ``"chiasmus"``, sharing ``group`` (``"chiasmus-<start>"``);
        ``score`` in (0, 1), 0.5 at :data:`THRESHOLD`; ``evidence`` shows the crossing and the
        raw score. Candidates down to :data:`CANDIDATE_THRESHOLD` are proposed (the learned
        scorer of :func:`rhetoric.find_devices` keeps the likely figures); where candidates
        overlap, the best one is kept.

    Examples
    --------
    >>> spans = find_chiasmus("We must eat to live, and not live to eat.")
    >>> [(s.start, s.end, s.text, s.kind) for s in spans]
    [(8, 19, 'eat to live', 'antimetabole'), (29, 40, 'live to eat', 'antimetabole')]
    """
    doc = as_document(text_or_doc, doc_id)
    spans: list[Span] = []
    taken = Occupied()
    for cand in rank_candidates(doc):
        if cand.raw < CANDIDATE_THRESHOLD:
            break
        if taken.overlaps(cand.a.start, cand.d.end):
            continue
        taken.add(cand.a.start, cand.d.end)
        evidence = (
            f"crossing: {cand.a.norm} {cand.b.norm} ... {cand.c.norm} {cand.d.norm} "
            f"(raw score {cand.raw:.1f})"
        )
        group = f"chiasmus-{cand.a.start}"
        for start, end in ((cand.a.start, cand.b.end), (cand.c.start, cand.d.end)):
            spans.append(
                doc.span(
                    start,
                    end,
                    device="chiasmus",
                    kind=cand.kind,
                    group=group,
                    score=round(cand.score, 3),
                    evidence=evidence,
                )
            )
    spans.extend(_tight_crossings(doc, taken))
    return sorted(spans, key=lambda s: s.start)


def _may_cross(stems: Sequence[str | None]) -> bool:
    """Cheap test before lemmatising: at least two eligible word stems repeat (``stems``: each
    word's first four letters when it is eligible, else ``None``; see :func:`_stems`)."""
    seen: set[str] = set()
    repeats: set[str] = set()
    for stem in stems:
        if stem is not None:
            if stem in seen:
                repeats.add(stem)
            seen.add(stem)
    return len(repeats) >= 2


@per_document
def _stems(doc: Document) -> list[str | None]:
    """For every word, its first four letters when it may stand in a crossing, else ``None``."""
    norms = [t.norm for t in doc.words]
    stem = {norm: norm[:4] if _eligible(norm) else None for norm in set(norms)}
    return list(map(stem.__getitem__, norms))


# --- tight crossings over two clauses (a separate candidate rule) --------------------------------
#
# The ranked candidates above must clear the Dubremetz-Nivre score, which punishes punctuation
# between the halves; a crossing of two content words whose halves are each short ("dominion over
# our fellow man. ... man's dominion") is proposed here instead, matched on Porter stems, with the
# parts of a hyphenated compound as words of their own ("self-rule ... the ruling of the self").

#: Longest half (A to B, C to D), in words.
MAX_TIGHT_HALF = 7
_PART = re.compile(r"[^\W_]+")
#: What separates the two halves: punctuation or a conjunction.
_TURN = re.compile(r"[.;:?!,]|--|[\u2014\u2013]|\b(?:but|and|yet|or|nor|than)\b")


@lru_cache(maxsize=65536)
def _part_stem(word: str) -> str:
    return porter_stem(word) if is_content_word(word) else ""


def _parts(doc: Document) -> tuple[list[tuple[int, int, str, str, int]], list[int]]:
    """(start, end, norm, stem, word number) of every content-word part of the document (a possessive 's
    dropped, a hyphenated compound in its parts), and for every word the index of its first part."""
    parts, first_part = [], []
    relative: dict[str, tuple[tuple[int, int, str, str], ...]] = {}  # found once per spelling
    for number, token in enumerate(doc.words):
        first_part.append(len(parts))
        found = relative.get(token.norm)
        if found is None:
            found = relative[token.norm] = _word_parts(token.norm)
        for offset, length, word, stem in found:
            start = token.start + offset
            parts.append((start, start + length, word, stem, number))
    first_part.append(len(parts))
    return parts, first_part


def _word_parts(norm: str) -> tuple[tuple[int, int, str, str], ...]:
    """(offset, length, norm, stem) of the content-word parts of one word (see :func:`_parts`)."""
    norm = norm[:-2] if norm.endswith(("'s", "’s")) else norm
    if norm.isalpha():  # the common case: one plain word
        stem = _part_stem(norm)
        return ((0, len(norm), norm, stem),) if stem else ()
    found = []
    for match in _PART.finditer(norm):
        word = match.group()
        stem = _part_stem(word) if word not in ("s", "t") else ""
        if stem:
            found.append((match.start(), len(word), word, stem))
    return tuple(found)


def _tight_crossings(doc: Document, taken: Occupied) -> list[Span]:
    """A x B ... B y A with content words A, B, each half at most :data:`MAX_TIGHT_HALF` words and
    inside one clause, the halves in two clauses, within a sentence or two adjacent ones, A and
    B each once in the stretch."""
    spans: list[Span] = []
    sentences = doc.prose
    all_parts, first_part = _parts(doc)
    for index, sentence in enumerate(sentences):
        last = sentences[index + 1].last_word if index + 1 < len(sentences) else sentence.last_word
        parts = all_parts[first_part[sentence.first_word] : first_part[last]]
        limit = first_part[sentence.last_word] - first_part[sentence.first_word]  # A in sentence 1
        stems = [p[3] for p in parts]
        where: dict[str, list[int]] = {}
        for position, stem in enumerate(stems):
            if stem:
                where.setdefault(stem, []).append(position)
        for a in range(min(limit, len(parts))):
            spots = where.get(stems[a], [])
            if len(spots) != 2 or spots[0] != a or parts[spots[1]][4] - parts[a][4] > WINDOW:
                continue
            d = spots[1]
            for b in range(a + 1, d - 1):
                if parts[b][4] - parts[a][4] >= MAX_TIGHT_HALF:
                    break
                inner = where.get(stems[b], [])
                if stems[b] == stems[a] or len(inner) != 2 or inner[0] != b:
                    continue
                c = inner[1]
                words_cd, words_bc = parts[d][4] - parts[c][4], parts[c][4] - parts[b][4]
                if not b < c < d or words_cd > MAX_TIGHT_HALF or words_bc < 2:
                    continue
                if not _TURN.search(doc.clean_norm, parts[b][1], parts[c][0]):
                    continue  # the halves must stand in two clauses
                first = (parts[a][0], parts[b][1])
                second = (parts[c][0], parts[d][1])
                if _HARD.search(doc.clean_norm, *first) or _HARD.search(doc.clean_norm, *second):
                    continue  # a half across a sentence or clause break: anaphora, not a crossing
                if taken.overlaps(first[0], second[1]):
                    continue
                taken.add(first[0], second[1])
                same = (parts[a][2], parts[b][2]) == (parts[d][2], parts[c][2])
                evidence = (
                    f"tight crossing: '{parts[a][2]} {parts[b][2]} ... {parts[c][2]} {parts[d][2]}'"
                )
                for start, end in (first, second):
                    spans.append(
                        doc.span(start, end, device="chiasmus",
                                 kind="antimetabole" if same else "chiasmus",
                                 group=f"chiasmus-{first[0]}", score=0.5, evidence=evidence)
                    )  # fmt: skip
                break
    return spans
