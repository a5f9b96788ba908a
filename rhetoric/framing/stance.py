"""Stance: hedges, boosters and loaded (emotive) language, as spans with ``device="stance"``.

Kinds
-----
``hedge``
    A word or phrase that withholds full commitment ("may", "perhaps", "arguably", "in my
    view", "not clear"), after Hyland's (2005) metadiscourse category.
``booster``
    A word or phrase of certainty ("clearly", "undoubtedly", "must", "of course", "no doubt").
    A negated adverb of certainty ("not always", "not certainly") is reported as a hedge.
``loaded_negative`` / ``loaded_positive``
    Loaded (emotive, evaluative) language found by the learned word classifier of
    :mod:`rhetoric.framing.loaded` (trained on the PTC ``Loaded_Language`` spans), kept when its
    calibrated probability is at least ``min_score``; positive when the VADER valence of its
    words sums above zero. A negated word ("have not failed") and a word inside a name
    ("Justice Department") are not loaded words.

Every span's ``score`` is in [0, 1]: the lexicon weight for hedges and boosters, the calibrated
probability for loaded words. The hedge and booster lists are in ``rhetoric/resources/stance/``
with their provenance; which sense of a word counts is decided in context
(:mod:`rhetoric.framing.senses`). Hedges and boosters are the writer's: inside a direct
quotation or a clause reported by a reporting verb they are the quoted speaker's and are left
out (:func:`~rhetoric.framing.senses.in_quotation`, :func:`~rhetoric.framing.senses.reported`).
"""

from __future__ import annotations

import bisect

from rhetoric.framing.lexicons import Lexicon, _builtin
from rhetoric.framing.senses import in_name, in_quotation, modal_reading, negated, reported
from rhetoric.span import Span
from rhetoric.text import Document, as_document

#: The ``kind`` values of stance spans.
STANCE_KINDS = ("hedge", "booster", "loaded_negative", "loaded_positive")

#: ``min_score`` of loaded words in :func:`find_stance` when none is given: the model's
#: ``stance_threshold`` (provenance), chosen on judged loaded words of training-pool addresses
#: (``corpus/annotations/stance_train_loaded.jsonl``: the lowest score whose judged precision
#: reaches 0.75, or, when none does, the score of highest judged precision). The PTC detector's
#: own threshold is set for recall as well (partial-overlap F1); stance words are read one by
#: one, so precision first.
LOADED_MIN_SCORE = None

#: Boosters of certainty that turn into hedges under negation ("not certainly", "never clearly").
#: Necessity ("must not") and emphatic phrases keep their force, so they are not listed.
_NEGATABLE = frozenset({
    "clearly", "certainly", "definitely", "surely", "obviously", "evidently", "always",
    "undoubtedly", "inevitabl*", "really", "actually", "truly", "absolutely",
})  # fmt: skip
#: Modal auxiliaries whose stance depends on their reading (:func:`~rhetoric.framing.senses.modal_reading`).
_MODALS = frozenset({"may", "might", "could", "would", "must"})
#: Adverbs that are boosters as sentence adverbs and manner adverbs after a verb ("speak clearly").
_MANNER = frozenset(
    {"clearly", "truly", "really", "absolutely", "definitely", "certainly", "surely", "obviously"}
)
_NOT_MANNER_VERBS = frozenset({
    "be", "is", "are", "was", "were", "been", "being", "am", "have", "has", "had", "do", "does", "did", "will",
    "would", "can", "could", "shall", "should", "may", "might", "must",
})  # fmt: skip
_CONCESSION = frozenset({"but", "yet", "however", "though", "although"})
_APPROXIMATORS = frozenset({"almost", "nearly", "approximately", "roughly", "about", "around"})
_QUANTITY_WORDS = frozenset({
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
    "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion", "half", "every", "all", "twice",
    "double", "triple", "dozen", "eleven", "twelve", "fifteen",
})  # fmt: skip


def stance_lexicon() -> Lexicon:
    """The built-in hedge and booster lexicon (categories ``hedge`` and ``booster``)."""
    return _builtin("stance", "stance")


def find_stance(
    text_or_doc: str | Document, *, loaded: bool = True, min_score: float | None = LOADED_MIN_SCORE,
    doc_id: str | None = None,
) -> list[Span]:  # fmt: skip
    """Hedges, boosters and loaded words, as spans with ``device="stance"``.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to read.
    loaded : bool, default True
        Also report loaded (emotive) language (:func:`rhetoric.framing.loaded.find_loaded_language`).
    min_score : float, optional
        The least calibrated probability for a loaded word (default: the model's
        ``stance_threshold``, see :data:`LOADED_MIN_SCORE`).

    Returns
    -------
    list of Span
        Sorted by position; ``kind`` is one of :data:`STANCE_KINDS`, ``score`` the strength in
        [0, 1], ``evidence`` the lexicon term (and the modal's reading) or the model's
        probability for loaded words.

    Examples
    --------
    >>> spans = find_stance("The plan may fail; it is not clear. Clearly it is late.", loaded=False)
    >>> [(s.kind, s.text) for s in spans]
    [('hedge', 'may'), ('hedge', 'not clear'), ('booster', 'Clearly')]
    """
    doc = as_document(text_or_doc, doc_id)
    if not doc.words:
        return []
    spans = []
    word_index = {w.start: i for i, w in enumerate(doc.words)}
    for hit in stance_lexicon().match(doc):
        first = word_index.get(hit.start)
        if first is None:
            continue
        last = first + hit.n_words - 1
        reason = _not_stance(doc, hit.category, hit.term, first, last)
        if reason:
            continue
        kind, evidence = hit.category, f"{hit.category} {hit.term!r}"
        if hit.term in _MODALS:
            evidence += ", epistemic"
        if kind == "booster" and hit.term in _NEGATABLE and negated(doc, first, window=2):
            kind, evidence = "hedge", f"negated booster {hit.term!r}"
        spans.append(doc.span(hit.start, hit.end, device="stance", kind=kind,
                              score=min(1.0, hit.weight), evidence=evidence))  # fmt: skip
    if loaded:
        spans.extend(_loaded(doc, min_score))
    return sorted(spans)


def _not_stance(doc: Document, category: str, term: str, first: int, last: int) -> str:
    """Why a lexicon hit is not a hedge or booster in its context ("" when it is one)."""
    if any(in_name(doc, k) for k in range(first, last + 1)):
        return "part of a name"
    # a hedge or booster is the writer's commitment; in a quotation or a reported clause it is
    # the quoted speaker's ("officials said the virus may spread")
    if in_quotation(doc, first):
        return "in a quotation"
    if reported(doc, first):
        return "in reported speech"
    if term in _MODALS:
        if category == "hedge" and _in_hedged_frame(doc, first):
            return "inside a hedged 'it may be that' frame"
        reading = modal_reading(doc, first)
        return "" if reading == "epistemic" else f"{reading} {term!r}"
    if term in _MANNER and first == last and _manner_adverb(doc, first):
        return "adverb of manner"
    if term == "definitely" and last + 1 < len(doc.words) and doc.tags[last + 1].startswith("JJ"):
        return "adverb of degree"  # "a definitely public character"
    if term == "indeed" and _concessive(doc, first):
        return "concessive 'indeed'"
    if term in _APPROXIMATORS and _before_quantity(doc, last):
        return "approximator of a quantity"
    if term == "possibly" and first > 0 and doc.words[first - 1].norm in {"could", "can", "cannot"}:
        return "intensifying 'possibly'"
    if category == "booster" and _in_conditional(doc, first):
        return "booster in a conditional clause"
    return ""


_HEDGE_FRAMES = (("may", "be", "that"), ("might", "be", "that"), ("could", "be", "that"),
                 ("seems", "that"), ("possible", "that"), ("likely", "that"))  # fmt: skip


def _in_hedged_frame(doc: Document, i: int) -> bool:
    """A modal inside the clause that an earlier hedge frame of its sentence introduces ("it may
    be that ... may call for"): the proposition is hedged once, by the frame."""
    sentence = doc.sentence_of[i]
    norms = []
    for k in range(i - 1, max(-1, i - 25), -1):
        if doc.sentence_of[k] != sentence:
            break
        norms.append(doc.words[k].norm)
    norms.reverse()
    for frame in _HEDGE_FRAMES:
        n = len(frame)
        if any(tuple(norms[j : j + n]) == frame for j in range(len(norms) - n + 1)):
            return True
    return False


def _before_quantity(doc: Document, i: int) -> bool:
    """ "nearly 3,000", "almost a century", "roughly half": a number or quantity follows."""
    if i + 1 >= len(doc.words) or doc.clause_of[i + 1] != doc.clause_of[i]:
        return False
    following = doc.words[i + 1].norm
    return following[:1].isdigit() or following in _QUANTITY_WORDS


def _in_conditional(doc: Document, i: int) -> bool:
    """An "if" or "unless" earlier in the word's clause."""
    clause = doc.clause_of[i]
    k = i - 1
    while k >= max(0, i - 30) and doc.clause_of[k] == clause:
        if doc.words[k].norm in {"if", "unless"}:
            return True
        k -= 1
    return False


def _manner_adverb(doc: Document, i: int) -> bool:
    """ "speak clearly", "hear me clearly", "see it clearly.": the adverb modifies a lexical verb."""
    k = i - 1
    if k < 0 or doc.sentence_of[k] != doc.sentence_of[i]:
        return False
    if doc.words[k].norm in {"me", "us", "him", "them", "it", "you", "her", "this", "that"}:
        k -= 1  # a pronoun object between the verb and the adverb: "hear me clearly"
        if k < 0 or doc.sentence_of[k] != doc.sentence_of[i]:
            return False
        verb = doc.tags[k].startswith("VB") or "V" in doc.word_classes[k]
    else:
        verb = doc.tags[k].startswith("VB")
    return verb and doc.words[k].norm not in _NOT_MANNER_VERBS


def _concessive(doc: Document, i: int) -> bool:
    """ "indeed" conceding a point that a "but" then answers, or inside "if indeed"."""
    sentence = doc.sentences[doc.sentence_of[i]]
    after = [w.norm for w in doc.words[i + 1 : min(sentence.last_word, i + 41)]]
    before = doc.words[i - 1].norm if i > sentence.first_word else ""
    return before == "if" or any(w in _CONCESSION for w in after)


def _loaded(doc: Document, min_score: float | None) -> list[Span]:
    from rhetoric.framing.loaded import find_loaded_language, loaded_model

    if min_score is None:
        model = loaded_model()
        if model is None:
            return []
        min_score = float(model.provenance.get("stance_threshold", model.threshold))

    starts = [w.start for w in doc.words]
    spans = []
    for span in find_loaded_language(doc, min_score=min_score, widen_phrases=False):
        first = bisect.bisect_left(starts, span.start)
        last = bisect.bisect_left(starts, span.end)
        if not any(negated(doc, k) for k in range(first, last)):
            spans.append(span)
    return spans
