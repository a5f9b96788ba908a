"""The judged-stance scorer of loaded words: would a rhetorician mark this word as loaded language?

The loaded-language classifier (:mod:`rhetoric.framing.loaded`) learned what PTC's annotators
marked as ``Loaded_Language`` in news; a stance span is read one by one in a table of a study, so
what counts there is the rubric's question (``shared/gold/RUBRIC.md``, stance / loaded): "an
evaluative, emotionally charged word used to colour the reader's view", not a topic noun, a name,
a formula of the genre or a reported feeling. On addresses the PTC probability alone barely
orders the words by that question (judged precision 0.39 to 0.49 at every cut from 0.2 to 0.65),
so loaded words are, like the devices, **candidates plus a learned, calibrated scorer**:

1. **Candidates** (:func:`loaded_candidates`): the words whose PTC probability is at least
   :data:`CANDIDATE_MIN_SCORE`, outside names, not negated; adjacent ones joined.
2. **Features** (:func:`candidate_features`, :data:`STANCE_FEATURES`): the PTC probability, the
   head word's own features and context as the loaded-language model reads them (part of speech,
   VADER valence, WordNet lexicographer file, evaluative suffix, background frequency, lemma and
   stem priors, quotation, intensifier, sentence valence...), and what says "topic, not
   colouring": how often the word recurs in the document; with the document's first-person rate
   (addresses speak as "we").
3. **Scorer**: a :class:`~rhetoric.scoring.model.ScorerModel` fitted by the devices' machinery
   (:func:`rhetoric.scoring.train.fit_scorer`: logistic regression or boosted trees chosen by
   cross-validation grouped by document, Platt calibration, the threshold for the target precision)
   on the judged candidates of the training pool (``corpus/annotations/stance_train_loaded*.jsonl``,
   speeches and news), shipped as ``rhetoric/resources/stance/scorer_loaded.json`` and rebuilt by
   ``benchmarks/train_stance_scorer.py``. A span's ``score`` is then the estimated probability that
   a rhetorician would mark it; its default threshold is the model's.

When no scorer is shipped, the loaded words are those at the PTC model's ``stance_threshold``.
"""

from __future__ import annotations

import bisect
import math
import os
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

from rhetoric.framing.loaded import LOADED_FEATURES, find_loaded_language, word_records
from rhetoric.framing.senses import negated
from rhetoric.lexicon import first_person_rate
from rhetoric.scoring.model import SCORERS_ENV, ScorerModel, read_folder_model, read_model
from rhetoric.span import Span
from rhetoric.text import Document

#: The least PTC probability of a candidate loaded word. The judged samples were drawn from the
#: candidates at this level, so the scorer's calibration describes them; below it, words are
#: almost never loaded (the PTC model's own threshold for F1 is lower, for recall's sake).
CANDIDATE_MIN_SCORE = 0.25

#: Features of a candidate loaded word, besides the loaded-language model's word record
#: (:data:`rhetoric.framing.loaded.LOADED_FEATURES`) of its head (the word of highest probability).
SPAN_FEATURES: dict[str, str] = {
    "ptc_probability": "the loaded-language model's calibrated probability of the head word",
    "span_words": "number of words of the candidate (adjacent candidates are joined)",
    "doc_repeats": "log of the number of times the head word's form occurs in the document "
    "(a word the text keeps using names its topic)",
    "doc_first_person": "share of first-person words in the document (addresses speak as 'we')",
    "degree_word": "the head word is a degree adverb of VADER's booster list (totally, utterly): "
    "it grades another word rather than colouring the subject",
    "after_lack": "'lack', 'without', 'no' or 'absence' among the two words before the head "
    "(the quality is denied, not asserted)",
    "predicative_feeling": "an adjective after a form of be, feel, seem or become (a reported "
    "state: 'was delighted', 'feel anxious')",
}

_LACKING = frozenset({"lack", "lacks", "lacking", "lacked", "without", "no", "absence"})
_LINKING = frozenset({
    "be", "is", "are", "was", "were", "been", "being", "am", "'m", "'re", "'s", "feel", "feels",
    "felt", "feeling", "seem", "seems", "seemed", "become", "becomes", "became", "remain",
    "remains", "remained", "look", "looks", "looked", "sound", "sounds", "sounded",
})  # fmt: skip
#: Features of a hedge or booster found by the sense rules (:func:`rhetoric.framing.stance.rule_stance`).
RULE_FEATURES: dict[str, str] = {
    "term": "the lexicon's term ('may', 'i think', 'perhaps', 'clearly'; categorical)",
    "modal": "the term is a modal auxiliary read as epistemic",
    "term_words": "number of words of the term",
    "lexicon_weight": "the term's weight in the lexicon",
    "after_first_person": "the word before is 'I' or 'we' ('I think', 'we believe')",
    "before_verb": "the word after is a verb",
    "before_quantity": "the word after is a number or a quantity word",
    "in_conditional": "an 'if' or 'unless' earlier in its clause",
    "term_repeats": "log of the number of times the term's first word occurs in the document",
    "own_pos": "coarse part of speech of the term's first word ('might' as a noun, 'apparent' as an adjective)",
    "concession": "the term grants a point the text then turns from: a contrast word ('but', "
    "'yet', 'however', 'though' ...) later in its sentence ('certainly ..., but') or opening the "
    "next one, or 'while', 'although', 'though' or 'whereas' opening its clause",
}

#: Words after a granted point that turn from it, in its sentence or opening the next one.
_TURNS = frozenset({"but", "yet", "however", "nevertheless", "nonetheless", "though", "although"})
#: Words that open a clause granting a point ("While the plan is, of course, costly, ...").
_GRANTING_OPENERS = frozenset({"while", "although", "though", "whereas"})
#: Every feature a stance scorer's record may hold.
STANCE_FEATURES: dict[str, str] = {
    **{k: v for k, v in LOADED_FEATURES.items() if k != "lemma"},
    **SPAN_FEATURES,
    **RULE_FEATURES,
}

#: The shipped scorer of each stance family (``rhetoric/resources/stance/``).
SCORER_FILES = {
    "loaded": "scorer_loaded.json", "hedge": "scorer_hedge.json", "booster": "scorer_booster.json",
}  # fmt: skip
SCORER_FILE = SCORER_FILES["loaded"]


@cache
def _degree_words() -> frozenset[str]:
    """VADER's degree adverbs (its booster list: "totally", "utterly", "somewhat"), one-word ones."""
    from nltk.sentiment.vader import VaderConstants

    return frozenset(w for w in VaderConstants.BOOSTER_DICT if " " not in w)


def stance_scorer(family: str) -> ScorerModel | None:
    """The judged-stance scorer of ``family`` (``"loaded"``, ``"hedge"`` or ``"booster"``): the shipped one
    (``None`` when there is none), or ``stance_<family>.json`` of the folder that
    ``$RHETORIC_SCORERS`` names, as :func:`rhetoric.scoring.model.load_model` reads the devices'
    (a folder without it is an error, unless no scorer of the family is shipped either)."""
    return _stance_scorer(family, os.environ.get(SCORERS_ENV) or None)


@cache
def _stance_scorer(family: str, folder: str | None) -> ScorerModel | None:
    """:func:`stance_scorer` from ``folder`` (``None``: the shipped scorers), read once each."""
    name, script = f"{family} stance scorer", "benchmarks/train_stance_scorer.py"
    shipped = read_model(
        ("resources", "stance", SCORER_FILES[family]), STANCE_FEATURES, name=name, script=script
    )
    if folder and (shipped is not None or (Path(folder) / f"stance_{family}.json").is_file()):
        return read_folder_model(
            folder, f"stance_{family}.json", STANCE_FEATURES, name=name, script=script
        )
    return shipped


def loaded_scorer() -> ScorerModel | None:
    """The shipped judged-stance scorer of loaded words, or ``None`` when there is none."""
    return stance_scorer("loaded")


def loaded_candidates(doc: Document, min_score: float = CANDIDATE_MIN_SCORE) -> list[Span]:
    """The candidate loaded words of ``doc``: PTC probability >= ``min_score``, outside names,
    not governed by a negator; adjacent words joined (no phrase widening)."""
    starts = doc.word_starts
    out = []
    for span in find_loaded_language(doc, min_score=min_score, widen_phrases=False):
        first = bisect.bisect_left(starts, span.start)
        last = bisect.bisect_left(starts, span.end)
        if not any(negated(doc, k) for k in range(first, last)):
            out.append(span)
    return out


def candidate_features(doc: Document, spans: list[Span]) -> list[dict]:
    """One feature record per candidate span (keys: :data:`STANCE_FEATURES`)."""
    if not spans:
        return []
    starts = doc.word_starts
    words = [
        range(bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)) for s in spans
    ]
    indices, records = word_records(doc, only=frozenset(k for r in words for k in r))
    by_index = dict(zip(indices, records, strict=True))
    keys = doc.keys
    counts = Counter(keys)
    person = first_person_rate(keys)
    boosters = _degree_words()
    sentence_of, tags = doc.sentence_of, doc.tags
    out = []
    for span, rng in zip(spans, words, strict=True):
        inside = [k for k in rng if k in by_index]
        head = max(inside, key=lambda k: by_index[k].get("word_score", 0.0)) if inside else None
        record = {} if head is None else {k: v for k, v in by_index[head].items() if k != "lemma"}
        record.update(
            ptc_probability=float(span.score),
            span_words=len(rng),
            doc_repeats=math.log(counts[keys[head]]) if head is not None else 0.0,
            doc_first_person=person,
        )
        if head is not None:
            before = [
                keys[k]
                for k in range(max(0, head - 2), head)
                if sentence_of[k] == sentence_of[head]
            ]
            record.update(
                degree_word=keys[head] in boosters,
                after_lack=any(k in _LACKING for k in before),
                predicative_feeling=tags[head].startswith("JJ")
                and bool(before)
                and before[-1] in _LINKING,
            )
        out.append(record)
    return out


def score_loaded(doc: Document, min_score: float | None = None) -> list[Span] | None:
    """The loaded words of ``doc`` kept by the judged-stance scorer, each with its calibrated
    probability as ``score``; ``None`` when no scorer is shipped (the caller falls back).

    ``min_score`` is the least probability kept (default: the scorer's threshold; ``0`` keeps
    every candidate, scored).
    """
    model = loaded_scorer()
    if model is None:
        return None
    spans = loaded_candidates(doc)
    if not spans:
        return []
    return _kept(model, spans, candidate_features(doc, spans), min_score)


def _kept(
    model: ScorerModel, spans: list[Span], records: list[dict], min_score: float | None
) -> list[Span]:
    """The spans whose scorer probability reaches ``min_score`` (default: the scorer's
    threshold), each with that probability as ``score`` and named in its evidence."""
    from rhetoric.scoring.apply import reported_score

    probabilities = model.predict_proba(records).tolist()
    threshold = model.threshold if min_score is None else min_score
    return [
        replace(span, score=score, evidence=f"{span.evidence}; stance scorer p={p:.2f}")
        for span, p in zip(spans, probabilities, strict=True)
        if (score := reported_score(p)) >= threshold
    ]


#: A hedge or booster found by the sense rules: its span, lexicon term, first and last word,
#: lexicon weight.
RuleHit = tuple[Span, str, int, int, float]

_QUANTITY = frozenset({
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "hundred", "thousand", "million", "billion", "half", "all", "every", "no", "none", "twice",
})  # fmt: skip


def rule_features(doc: Document, hits: list[RuleHit]) -> list[dict]:
    """One feature record per hedge or booster of the sense rules (keys: :data:`RULE_FEATURES` and
    the neighbours' parts of speech, the sentence's place and mark, the document's first-person
    rate)."""
    from rhetoric.framing.loaded import _coarse_pos

    words, tags, keys, sentence_of, clause_of = (
        doc.words, doc.tags, doc.keys, doc.sentence_of, doc.clause_of
    )  # fmt: skip
    n = len(words)
    counts = Counter(keys)
    person = first_person_rate(keys)
    # where the words that turn from a point, or open a clause granting one, stand (each hit then
    # looks them up instead of reading its sentence: a sentence may be a thousand words long)
    turns = [k for k, key in enumerate(keys) if key in _TURNS] if hits else []
    openers = [k for k, key in enumerate(keys) if key in _GRANTING_OPENERS] if hits else []
    out = []
    for span, term, first, last, weight in hits:
        s = sentence_of[first]
        prev = first - 1 if first > 0 and sentence_of[first - 1] == s else None
        nxt = last + 1 if last + 1 < n and sentence_of[last + 1] == s else None
        sentence = doc.sentences[s]
        mark = doc.text[sentence.start : sentence.end].rstrip().rstrip("\"'\u201d\u2019)")[-1:]
        conditional = any(
            words[k].norm in {"if", "unless"}
            for k in range(max(0, first - 30), first) if clause_of[k] == clause_of[first]
        )  # fmt: skip
        granted = _granted(keys, clause_of, turns, openers, sentence, first, last)
        out.append({
            "term": term,
            "modal": "epistemic" in span.evidence,
            "term_words": last - first + 1,
            "lexicon_weight": float(weight),
            "after_first_person": prev is not None and keys[prev] in {"i", "we"},
            "before_verb": nxt is not None and tags[nxt].startswith("VB"),
            "before_quantity": nxt is not None and (keys[nxt] in _QUANTITY or keys[nxt][:1].isdigit()),
            "in_conditional": conditional,
            "term_repeats": math.log(counts[keys[first]]),
            "own_pos": _coarse_pos(tags[first]),
            "prev_pos": _coarse_pos(tags[prev]) if prev is not None else "start",
            "next_pos": _coarse_pos(tags[nxt]) if nxt is not None else "end",
            "sentence_first": prev is None,
            "question": mark == "?",
            "doc_first_person": person,
            "concession": granted,
        })  # fmt: skip
    return out


def _granted(keys, clause_of, turns, openers, sentence, first: int, last: int) -> bool:
    """Does the term at words ``first`` .. ``last`` grant a point (:data:`RULE_FEATURES`,
    ``concession``)? ``turns`` and ``openers``: the sorted positions of the document's words of
    :data:`_TURNS` and :data:`_GRANTING_OPENERS`."""
    after = bisect.bisect_right(turns, last)
    if after < len(turns) and turns[after] < sentence.last_word:
        return True  # "certainly ..., but ..."
    if sentence.last_word < len(keys) and keys[sentence.last_word] in _TURNS:
        return True  # "No doubt ... . But ..."
    lo = bisect.bisect_left(openers, sentence.first_word)
    return any(
        clause_of[k] == clause_of[first] for k in openers[lo : bisect.bisect_left(openers, first)]
    )


def score_rule_hits(
    doc: Document, families: dict[str, list[RuleHit]], min_score: float | None = None
) -> list[Span]:
    """The hedges and boosters of the sense rules (``{family: hits}``) that each family's
    judged-stance scorer keeps, each with its calibrated probability as ``score`` (a family with
    no scorer shipped keeps all its hits, with their lexicon weight). The hits of every family
    are described in one pass over the document."""
    models = {family: stance_scorer(family) for family, hits in families.items() if hits}
    scored = [h for family, hits in families.items() if models.get(family) for h in hits]
    records = iter(rule_features(doc, scored)) if scored else iter(())
    kept = []
    for family, hits in families.items():
        model = models.get(family)
        if model is None:
            kept.extend(h[0] for h in hits)
        else:
            rows = [next(records) for _ in hits]
            kept.extend(_kept(model, [h[0] for h in hits], rows, min_score))
    return kept
