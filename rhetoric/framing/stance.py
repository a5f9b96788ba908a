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
    Loaded (emotive, evaluative) language: candidates from the learned word classifier of
    :mod:`rhetoric.framing.loaded` (trained on the PTC ``Loaded_Language`` spans), kept by the
    judged-stance scorer (:mod:`rhetoric.framing.stance_scorer`); positive when the VADER
    valence of its words sums above zero. A negated word ("have not failed") and a word inside a
    name ("Justice Department") are not loaded words.

Hedges found by the sense rules are kept by the hedge scorer of
:mod:`rhetoric.framing.stance_scorer` in the same way. Every span's ``score`` is in [0, 1]: the
scorer's calibrated probability that a rhetorician would mark it for hedges and loaded words
(kept when at least ``min_score``, by default each scorer's threshold), the lexicon weight for
boosters. The hedge and booster lists are in ``rhetoric/resources/stance/``
with their provenance; which sense of a word counts is decided in context
(:mod:`rhetoric.framing.senses`). Hedges and boosters are the writer's: inside a direct
quotation or a clause reported by a reporting verb they are the quoted speaker's and are left
out (:func:`~rhetoric.framing.senses.in_quotation`, :func:`~rhetoric.framing.senses.reported`).
"""

from __future__ import annotations

from bisect import bisect_left

from rhetoric.framing.lexicons import Lexicon, _builtin
from rhetoric.framing.senses import (
    in_name,
    in_quotation,
    modal_reading,
    negated,
    reported,
    reported_after,
)
from rhetoric.framing.stance_scorer import RuleHit, score_rule_hits
from rhetoric.span import Span
from rhetoric.text import Document, as_document

#: The ``kind`` values of stance spans.
STANCE_KINDS = ("hedge", "booster", "loaded_negative", "loaded_positive")

#: ``min_score`` of hedges and loaded words in :func:`find_stance` when none is given: each
#: judged-stance scorer's threshold (:mod:`rhetoric.framing.stance_scorer`); without a shipped
#: scorer, the loaded-language model's ``stance_threshold`` (provenance), chosen on judged loaded
#: words of training-pool addresses. The PTC detector's own threshold is set for recall as well
#: (partial-overlap F1); stance words are read one by one, so precision first.
LOADED_MIN_SCORE = None

#: Boosters of certainty that turn into hedges under negation ("not certainly", "never clearly").
#: Necessity ("must not") and emphatic phrases keep their force, so they are not listed. Each is
#: a term of ``booster.txt`` (which leaves out "always", "really", "truly" and "inevitable").
_NEGATABLE = frozenset({
    "clearly", "certainly", "definitely", "surely", "obviously", "evidently", "undoubtedly",
    "absolutely",
})  # fmt: skip
#: Phrases that carry their own negation ("no doubt"): a negator before them is not a negation of them.
_SELF_NEGATED = frozenset({"no doubt", "without doubt", "without question", "make no mistake", "there is no question"})  # fmt: skip
#: Modal auxiliaries whose stance depends on their reading (:func:`~rhetoric.framing.senses.modal_reading`).
_MODALS = frozenset({"may", "might", "could", "would", "must"})
#: Adverbs that are boosters as sentence adverbs and manner adverbs after a verb ("speak clearly").
_MANNER = frozenset({"clearly", "absolutely", "definitely", "certainly", "surely", "obviously"})
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
    # absolute quantifiers and degrees: "almost no", "nearly everything", "nearly equal", "almost
    # always", "almost exclusively" measure an amount or a frequency, as a number does
    "no", "none", "nothing", "everything", "everyone", "everybody", "equal", "equally", "always", "never",
    "exclusively", "entirely", "completely", "totally", "wholly", "universally",
})  # fmt: skip
#: Intensifiers that boost certainty only before a predicate of truth ("absolutely clear") and
#: otherwise grade an adjective or a quantifier ("absolutely essential", "absolutely nothing").
_DEGREE_INTENSIFIERS = frozenset({"definitely", "absolutely"})
_CERTAINTY_PREDICATES = frozenset({
    "clear", "certain", "sure", "right", "true", "correct", "convinced", "confident", "positive", "wrong",
    "false", "obvious", "evident", "undeniable", "plain",
})  # fmt: skip
_QUANTIFIERS = frozenset({"no", "nothing", "none", "all", "every", "everything", "everyone", "any", "anything", "nobody"})  # fmt: skip
#: Verbs and participles of showing and perceiving: "clearly" after or before them says how
#: plainly something is set out or seen ("clearly delineated", "clearly appear"), not how sure.
_MANNER_VERBS = frozenset({
    "appear", "appears", "appeared", "defined", "delineated", "stated", "expressed", "marked", "articulated",
    "outlined", "labeled", "labelled", "spelled", "spelt", "written", "visible", "audible", "legible",
    "worded", "drawn", "set", "see", "seen", "hear", "heard", "explained", "described", "identified",
})  # fmt: skip
_COMPARATIVE = frozenset({"more", "most", "less", "least"})
#: Words before "to" that negate what follows ("unable to prove that", "failed to prove that").
_FAILING = frozenset({"unable", "failed", "fail", "fails", "failing"})
#: Boosters that, opening a sentence answered by "but", grant a point rather than insist on it
#: ("I know that none of these reforms would be easy. But ...", "And, certainly, no one can ...").
_CONCEDING = frozenset({"of course", "certainly", "i know that"})
#: After a modal or "to", "actually" says that an event will really take place ("will actually
#: vote", "to actually arrest"), not how sure the writer is of a claim.
_EVENT_AUXILIARIES = frozenset(
    {"will", "would", "shall", "should", "can", "could", "may", "might", "to", "'ll", "'d"}
)


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
        The least scorer probability for a hedge or a loaded word (default: each scorer's
        threshold, see :data:`LOADED_MIN_SCORE`; ``0`` keeps every candidate, scored).

    Returns
    -------
    list of Span
        Sorted by position; ``kind`` is one of :data:`STANCE_KINDS`, ``score`` the strength in
        [0, 1], ``evidence`` the lexicon term (and the modal's reading) or the model's
        probability for loaded words.

    Examples
    --------
    Every hedge and booster of the sense rules, each scored (``min_score=0``; the defaults keep
    those whose score reaches their scorer's threshold):

    >>> text = "The plan may fail; it is not clear. Clearly it is late."
    >>> spans = find_stance(text, loaded=False, min_score=0)
    >>> [(s.kind, s.text) for s in spans]
    [('hedge', 'may'), ('hedge', 'not clear'), ('booster', 'Clearly')]
    """
    if min_score is not None:
        from rhetoric.devices import check_probability

        min_score = check_probability(min_score)  # a probability, or a UsageError naming it
    doc = as_document(text_or_doc, doc_id)
    if not doc.words:
        return []
    boosters, hedges = rule_stance(doc)
    spans = score_rule_hits(doc, {"booster": boosters, "hedge": hedges}, min_score)
    if loaded:
        spans.extend(_loaded(doc, min_score))
    return sorted(spans)


def rule_stance(doc: Document) -> tuple[list[RuleHit], list[RuleHit]]:
    """The boosters and hedges that the lexicon and the sense rules find in ``doc``, before any
    scorer, each as ``(span, term, first word, last word, weight)`` (what
    :func:`rhetoric.framing.stance_scorer.score_rule_hits` reads)."""
    boosters, hedges = [], []
    starts = doc.word_starts
    for hit in stance_lexicon().match(doc):
        first = bisect_left(starts, hit.start)
        if first == len(starts) or starts[first] != hit.start:
            continue  # a hit on a part of a hyphenated word
        last = first + hit.n_words - 1
        reason = _not_stance(doc, hit.category, hit.term, first, last)
        if reason:
            continue
        kind, evidence = hit.category, f"{hit.category} {hit.term!r}"
        if hit.term in _MODALS:
            evidence += ", epistemic"
        if kind == "booster" and hit.term in _NEGATABLE and negated(doc, first, window=2):
            kind, evidence = "hedge", f"negated booster {hit.term!r}"
        span = doc.span(hit.start, hit.end, device="stance", kind=kind,
                        score=min(1.0, hit.weight), evidence=evidence)  # fmt: skip
        (hedges if kind == "hedge" else boosters).append((span, hit.term, first, last, hit.weight))
    return boosters, hedges


def _not_stance(doc: Document, category: str, term: str, first: int, last: int) -> str:
    """Why a lexicon hit is not a hedge or booster in its context ("" when it is one)."""
    if any(in_name(doc, k) for k in range(first, last + 1)):
        return "part of a name"
    # a hedge or booster is the writer's commitment; in a quotation or a reported clause it is
    # the quoted speaker's ("officials said the virus may spread")
    if in_quotation(doc, first):
        return "in a quotation"
    if reported(doc, first) or reported_after(doc, last):
        return "in reported speech"
    if term in _MODALS:
        if category == "hedge" and _in_hedged_frame(doc, first):
            return "inside a hedged 'it may be that' frame"
        reading = modal_reading(doc, first)
        return "" if reading == "epistemic" else f"{reading} {term!r}"
    words = doc.words
    before = words[first - 1].norm if first > 0 and _same_clause(doc, first - 1, first) else ""
    after = last + 1 if last + 1 < len(words) and _same_clause(doc, last, last + 1) else None
    after_norm = words[after].norm if after is not None else ""
    if term in _MANNER and first == last and _manner_adverb(doc, first):
        return "adverb of manner"
    if term in _MANNER | {"certainly"} and first == last and before in _COMPARATIVE:
        return "comparative adverb of manner or degree"  # "realize more clearly", "more certainly"
    if term == "clearly" and (after_norm in _MANNER_VERBS or before in _MANNER_VERBS):
        return "adverb of manner"  # "is clearly delineated", "might clearly appear"
    if term in _MANNER and first == last and first > 0 and not doc.tags[first - 1].startswith(("VB", "MD")) and (
        after is None or (after_norm in {"and", "or"} and after + 1 < len(words) and doc.tags[after + 1] in {"RB", "RBR"})
    ):  # fmt: skip
        return "adverb of manner"  # "express this truth clearly and perfectly": it closes the verb phrase
    if term == "surely" and before == "but" and first >= 2 and words[first - 2].norm.endswith("ly"):
        return "adverb of manner"  # "slowly but surely"
    if (
        term in _DEGREE_INTENSIFIERS
        and after is not None
        and after_norm not in _CERTAINTY_PREDICATES
        and (
            doc.tags[after].startswith("JJ")
            or after_norm in _QUANTIFIERS
            or (
                term == "absolutely" and doc.tags[after] in {"VBG", "VBN"}
            )  # "absolutely disgusting"
        )
    ):
        return "adverb of degree"  # "a definitely public character", "absolutely nothing"
    if term == "indeed" and _concessive(doc, first):
        return "concessive 'indeed'"
    if term in _CONCEDING and _answered(doc, first):
        return f"concessive {term!r}"  # "Of course, we can't do everything. But ..."
    if term == "actually" and before in _EVENT_AUXILIARIES:
        return "'actually' of an event's taking place"  # "the Senate will actually vote"
    if term in _APPROXIMATORS and (_before_quantity(doc, last) or before in _COMPARATIVE):
        return "approximator of a quantity"  # "nearly 3,000", "almost no", "more nearly equal"
    if term in _APPROXIMATORS and after is not None and doc.tags[after].startswith("VB"):
        return "approximator of an event"  # "almost got into a fight", "we've nearly doubled"
    if term == "possibly" and any(
        words[k].norm.replace("n't", "") in {"could", "can", "cannot", "ca"}
        for k in range(max(0, first - 2), first + 2) if k < len(words) and _same_clause(doc, k, first)
    ):  # fmt: skip
        return "intensifying 'possibly'"  # "can't possibly", "how can they possibly", "as well as I possibly can"
    reason = _other_sense(doc, term, first, last, before, after)
    if reason:
        return reason
    if category == "booster" and term not in _NEGATABLE | _SELF_NEGATED and (
        negated(doc, first) or (first >= 2 and words[first - 1].norm == "to" and words[first - 2].norm in _FAILING)
    ):  # fmt: skip
        return (
            "negated booster"  # "she cannot prove that", "doesn't actually kill", "unable to prove"
        )
    if category == "booster" and _in_conditional(doc, first):
        return "booster in a conditional clause"
    return ""


def _same_clause(doc: Document, i: int, j: int) -> bool:
    return doc.clause_of[i] == doc.clause_of[j]


_BE_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "become", "becomes", "became", "seem", "seems", "remain", "remains"})  # fmt: skip


def _other_sense(
    doc: Document, term: str, first: int, last: int, before: str, after: int | None
) -> str:
    """Senses of single hedge and booster words that are not stance, read from their neighbours."""
    words, tags = doc.words, doc.tags
    after_norm = words[after].norm if after is not None else ""
    if term == "estimated" and after_norm not in {"that", "to"}:
        return "an estimate's figure"  # "an estimated 329", "are estimated at $31 billion"
    if term == "fairly" and (before in _COMPARATIVE or after is None or not tags[after].startswith(("JJ", "RB"))
                             or after_norm in {"and", "or"}):  # fmt: skip
        return "adverb of manner"  # "treated more fairly", "participating fairly and fully"
    if term in {"likely", "unlikely"} and _comparative_before(doc, first):
        return "comparative likelihood"  # "5 times more likely to", "more likely than not"
    if term == "apparent" and (
        _predicative(doc, first)
        or after_norm in {"that", "to", "from"}
        or after is None
        or not tags[after].startswith(("NN", "JJ"))
    ):
        # "it should now be apparent to all"; and not before its noun: "benefits too apparent
        # ever to be overlooked", "made strikingly apparent the need"
        return "'apparent' not before a noun (evident)"
    if term == "in general" and first > 0 and _same_clause(doc, first - 1, first) and tags[first - 1].startswith(("NN", "JJ")) and (
        not doc.text[words[first - 1].end : words[first].start].strip()
    ):  # fmt: skip
        return "'in general' after a noun (as a whole)"  # "European values in general"
    if term in {"i think", "we think"} and words[last].norm == "thought":
        return "a past belief"  # "because I thought this was important", "faster than we thought"
    if term in {"i think", "we think"} and after_norm in {"of", "about"}:
        return "thinking of (recall, contemplation)"  # "As I think of the farms of my youth"
    if term == "on the whole" and after is not None and tags[after].startswith(("NN", "JJ")):
        return "'on the whole' before a noun (the entire)"  # "a tax on the whole economy"
    if term == "partly":
        sentence = doc.sentences[doc.sentence_of[first]]
        if sum(w.norm == "partly" for w in words[sentence.first_word : sentence.last_word]) > 1:
            return (
                "'partly ... partly' (a sum divided)"  # "paid partly in cash and partly in bonds"
            )
    if (
        term in {"be certain", "be sure"}
        and after is not None
        and tags[after].startswith(("NN", "JJ"))
    ):
        return "determiner 'certain'"  # "there are certain basic propositions"
    if term == "be sure" and (after_norm == "to" or (first >= 2 and words[first - 1].norm in {"us", "'s"}
                              and words[first - 2].norm == "let")):  # fmt: skip
        return "'be sure' of making sure"  # "Let us be sure that", "be sure to vote"
    if (
        term in {"be clear", "be obvious", "be evident"}
        and first > 0
        and words[first - 1].norm in {"must", "should", "shall"}
    ):
        if modal_reading(doc, first - 1) != "epistemic":
            return "a requirement"  # "our policy must be clear": must of obligation
    return ""


def _comparative_before(doc: Document, i: int) -> bool:
    """ "more likely", "much less likely", "5 times more likely": a comparative grades the word."""
    for k in range(i - 1, max(-1, i - 3), -1):
        if not _same_clause(doc, k, i):
            return False
        norm = doc.words[k].norm
        if norm in {"more", "less"}:
            return True
        if norm not in {"much", "far", "even", "still", "no", "any", "a", "lot", "bit", "times", "twice"} and not (
            norm[:1].isdigit()
        ):  # fmt: skip
            return False
    return False


def _predicative(doc: Document, i: int) -> bool:
    """A form of "be", "become" or "seem" before the word, with at most two adverbs between."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if not _same_clause(doc, k, i):
            return False
        if doc.words[k].norm in _BE_FORMS:
            return True
        if doc.tags[k] not in {"RB", "RBR", "RBS"}:
            return False
    return False


def _answered(doc: Document, i: int) -> bool:
    """The word opens its sentence, and a "but" or "yet" comes later in the sentence or opens the
    next one: the point is granted before the writer answers it ("Of course, we can't be
    everywhere. But ..."). Inside a sentence ("will, of course, be worked out") it is no concession."""
    sentence = doc.sentence_of[i]
    segment = doc.sentences[sentence]
    opening = segment.first_word
    while opening < i and doc.words[opening].norm in {"and", "yes", "now", "well"}:
        opening += 1  # "And, certainly, ...", "Yes, of course ..."
    if i != opening:
        return False
    if any(w.norm in {"but", "yet"} for w in doc.words[i + 1 : min(segment.last_word, i + 41)]):
        return True
    if sentence + 1 < len(doc.sentences):
        following = doc.sentences[sentence + 1]
        return bool(following.n_words) and doc.words[following.first_word].norm in {"but", "yet"}
    return False


_HEDGE_FRAMES = (("may", "be", "that"), ("might", "be", "that"), ("could", "be", "that"),
                 ("seems", "that"), ("possible", "that"), ("likely", "that"))  # fmt: skip
_SPACED_HEDGE_FRAMES = tuple(" " + " ".join(frame) + " " for frame in _HEDGE_FRAMES)


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
    # words hold no spaces: a frame's words follow each other in ``norms`` exactly when its
    # spaced text occurs in the spaced words
    spaced = " " + " ".join(norms) + " "
    return any(frame in spaced for frame in _SPACED_HEDGE_FRAMES)


def _before_quantity(doc: Document, i: int) -> bool:
    """ "nearly 3,000", "almost a century", "roughly half": a number or quantity follows."""
    if i + 1 >= len(doc.words) or doc.clause_of[i + 1] != doc.clause_of[i]:
        return False
    following = doc.words[i + 1].norm
    # "nearly two-thirds", "almost one-half": the first part of a hyphenated number
    return (
        following[:1].isdigit()
        or following in _QUANTITY_WORDS
        or following.split("-")[0] in _QUANTITY_WORDS
    )


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
    from rhetoric.framing.loaded import loaded_model
    from rhetoric.framing.stance_scorer import loaded_candidates, score_loaded

    scored = score_loaded(doc, min_score)
    if scored is not None:
        return scored
    if min_score is None:  # no stance scorer shipped: the PTC model's stance threshold
        model = loaded_model()
        if model is None:
            return []
        min_score = float(model.provenance.get("stance_threshold", model.threshold))
    return loaded_candidates(doc, min_score)
