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
    An emotive word whose mean valence in NLTK's VADER lexicon (Hutto and Gilbert 2014, human
    ratings from -4 to +4) is at least ``min_intensity`` in absolute value. Under negation
    ("not a disaster") the polarity is flipped, as VADER does, and the evidence says so.

Every span's ``score`` is its strength in [0, 1]: the lexicon weight for hedges and boosters,
``|valence| / 4`` for loaded words. The hedge and booster lists are in
``rhetoric/resources/stance/`` with their provenance.
"""

from __future__ import annotations

from rhetoric.framing.lexicons import Lexicon, _builtin
from rhetoric.framing.senses import in_name, modal_reading, negated
from rhetoric.lexicon import vader_valence
from rhetoric.span import Span
from rhetoric.text import Document, as_document

#: The ``kind`` values of stance spans.
STANCE_KINDS = ("hedge", "booster", "loaded_negative", "loaded_positive")

#: VADER entries that are mostly not emotive in running prose (senses other than the rated one).
VADER_SKIP = frozenset({
    # rated in another sense than the usual one in political prose
    "like", "kind", "pretty", "well", "interest", "care", "please", "yes", "no", "ok", "okay",
    "fine", "mean", "party", "united", "help", "support", "super", "fun", "hand", "engagement",
    "intelligence", "agreement", "effective", "ban",
    # transcript markers
    "laughter", "applause",
})  # fmt: skip

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


def stance_lexicon() -> Lexicon:
    """The built-in hedge and booster lexicon (categories ``hedge`` and ``booster``)."""
    return _builtin("stance", "stance")


def find_stance(
    text_or_doc: str | Document, *, loaded: bool = True, min_intensity: float = 2.0,
    doc_id: str | None = None,
) -> list[Span]:  # fmt: skip
    """Hedges, boosters and loaded words, as spans with ``device="stance"``.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to read.
    loaded : bool, default True
        Also report loaded (emotive) words from VADER.
    min_intensity : float, default 2.0
        The least absolute VADER valence (scale 0-4) for a word to count as loaded.

    Returns
    -------
    list of Span
        Sorted by position; ``kind`` is one of :data:`STANCE_KINDS`, ``score`` the strength in
        [0, 1], ``evidence`` the lexicon term or the VADER valence.

    Examples
    --------
    >>> spans = find_stance("This may work, but it is not clear. Clearly the plan is a disaster.")
    >>> [(s.kind, s.text) for s in spans]
    [('hedge', 'may'), ('hedge', 'not clear'), ('booster', 'Clearly'), ('loaded_negative', 'disaster')]
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
        spans.extend(_loaded(doc, min_intensity))
    return sorted(spans)


def _not_stance(doc: Document, category: str, term: str, first: int, last: int) -> str:
    """Why a lexicon hit is not a hedge or booster in its context ("" when it is one)."""
    if any(in_name(doc, k) for k in range(first, last + 1)):
        return "part of a name"
    if term in _MODALS:
        reading = modal_reading(doc, first)
        return "" if reading == "epistemic" else f"{reading} {term!r}"
    if term in _MANNER and first == last and _manner_adverb(doc, first):
        return "adverb of manner"
    if term == "indeed" and _concessive(doc, first):
        return "concessive 'indeed'"
    return ""


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
    after = [w.norm for w in doc.words[i + 1 : sentence.last_word]]
    before = doc.words[i - 1].norm if i > sentence.first_word else ""
    return before == "if" or any(w in _CONCESSION for w in after)


def _loaded(doc: Document, min_intensity: float) -> list[Span]:
    valence = vader_valence()
    spans = []
    for index, word in enumerate(doc.words):
        norm = word.norm
        value = valence.get(norm)
        if value is None and norm.endswith("'s"):
            value = valence.get(norm[:-2])
        if value is None or abs(value) < min_intensity or norm in VADER_SKIP:
            continue
        if negated(doc, index) or in_name(doc, index):
            continue  # "have not failed" is not a loaded word, nor "Justice" in a name
        kind = "loaded_positive" if value > 0 else "loaded_negative"
        spans.append(doc.span(word.start, word.end, device="stance", kind=kind,
                              score=min(1.0, abs(value) / 4.0),
                              evidence=f"VADER valence {value:+.1f}"))  # fmt: skip
    return spans
