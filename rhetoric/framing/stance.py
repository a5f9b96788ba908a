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

import re

from rhetoric.framing.lexicons import Lexicon, _builtin
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

_NEGATORS = frozenset({
    "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "without",
    "hardly", "barely", "scarcely", "cannot", "lack", "lacks", "lacking",
})  # fmt: skip
#: Boosters of certainty that turn into hedges under negation ("not certainly", "never clearly").
#: Necessity ("must not") and emphatic phrases keep their force, so they are not listed.
_NEGATABLE = frozenset({
    "clearly", "certainly", "definitely", "surely", "obviously", "evidently", "always",
    "undoubtedly", "inevitabl*", "prove", "proven", "really", "actually", "truly", "absolutely",
})  # fmt: skip
_CLAUSE_END = re.compile(r"[.!?;:]")
_MONTH_NEXT = re.compile(r"\s+\d")


def stance_lexicon() -> Lexicon:
    """The built-in hedge and booster lexicon (categories ``hedge`` and ``booster``)."""
    return _builtin("stance", "stance")


def _negated(doc: Document, index: int, window: int = 3) -> bool:
    """True when one of the ``window`` words before ``doc.words[index]`` (same clause) negates it."""
    words = doc.words
    for k in range(index - 1, max(-1, index - window - 1), -1):
        if _CLAUSE_END.search(doc.text, words[k].end, words[k + 1].start):
            return False
        norm = words[k].norm
        if norm in _NEGATORS or norm.endswith("n't"):
            return True
    return False


def _is_month(doc: Document, start: int, end: int) -> bool:
    """ "May" the month or name: capitalised inside a sentence, or followed by a number."""
    if doc.text[start:end] != "May":
        return False
    if _MONTH_NEXT.match(doc.text, end):
        return True
    text, k = doc.text, start
    while k > 0 and text[k - 1].isspace():  # the last character before it that is not a space
        k -= 1
    return k > 0 and text[k - 1] not in ".!?\"'\u201c\u2018(\n"


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
        if _is_month(doc, hit.start, hit.end):
            continue
        kind, evidence = hit.category, f"{hit.category} {hit.term!r}"
        first = word_index.get(hit.start)
        if (kind == "booster" and hit.term in _NEGATABLE and first is not None
                and _negated(doc, first, window=2)):  # fmt: skip
            kind, evidence = "hedge", f"negated booster {hit.term!r}"
        spans.append(doc.span(hit.start, hit.end, device="stance", kind=kind,
                              score=min(1.0, hit.weight), evidence=evidence))  # fmt: skip
    if loaded:
        spans.extend(_loaded(doc, min_intensity))
    return sorted(spans)


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
        negated = _negated(doc, index)
        polarity = -value if negated else value
        kind = "loaded_positive" if polarity > 0 else "loaded_negative"
        evidence = f"VADER valence {value:+.1f}" + (", negated" if negated else "")
        spans.append(doc.span(word.start, word.end, device="stance", kind=kind,
                              score=min(1.0, abs(value) / 4.0), evidence=evidence))  # fmt: skip
    return spans
