"""Loaded language: a learned, calibrated word classifier trained on the PTC ``Loaded_Language`` spans.

The detector reads like a small scikit-learn pipeline (STYLE.md, habit 13):

1. **candidates**: every content word of a :class:`~rhetoric.text.Document` (no numbers, no
   function words);
2. **feature records** (:func:`word_records`): dicts of named features, declared once in
   :data:`LOADED_FEATURES`: the word's lemma when it is in the model's vocabulary (lexical),
   its VADER valence (Hutto and Gilbert 2014) and that of its neighbours (valence, context),
   its part of speech, its capitals, whether it sits in scare quotes, in the headline, in an
   exclamation or a question, under a negator, after an intensifier (context), and WordNet
   clues of figurative or evaluative use: a noun of feeling, attribute or person, an adjective
   with many senses, a hyphenated coinage, an evaluative suffix (figurative);
3. the **word model** (:class:`WordModel`): a lemma prior (the smoothed rate at which the base
   form lies inside a PTC ``Loaded_Language`` span in training), the same by the Porter stem of
   the base form (:func:`stem`: a word family), and boosted trees over the
   word's own features (:data:`WORD_FEATURES`) give each distinct word its ``word_score``;
4. a fitted :class:`~rhetoric.scoring.model.ScorerModel` (logistic regression over
   ``word_score`` and the word's context, Platt calibration learned on folds grouped by
   article) gives each word the probability that a PTC annotator marked it as loaded language;
5. :func:`find_loaded_language` keeps the words at or above the model's threshold (chosen on the
   training folds for the best partial-overlap F1) and joins adjacent kept words into one span.

The models are plain JSON in ``rhetoric/resources/stance/`` (``loaded_lemmas.json``: the lemma
and stem priors; ``loaded_words.json``: the trees; ``loaded_language.json``: the second stage, its
calibration, thresholds and provenance), rebuilt by ``benchmarks/train_loaded_language.py`` from
the PTC train articles of the training pool.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache, lru_cache
from itertools import compress
from operator import itemgetter

import numpy as np

from rhetoric.framing.senses import is_negator
from rhetoric.lexicon import (
    function_words,
    lemma,
    porter_stem,
    synset_entry,
    synset_offsets,
    vader_valence,
)
from rhetoric.scoring.model import calibrate
from rhetoric.span import Span
from rhetoric.text import Document, as_document, per_document

#: Every base feature of a word record, with what it measures. The stored model names the
#: features it was trained with; :func:`loaded_model` refuses a model naming one not listed here.
LOADED_FEATURES: dict[str, str] = {
    "lemma": "the word's base form when it is in the model's vocabulary (lexical; categorical)",
    "pos": "coarse part of speech of the tagger: JJ, NN, NNP, VB, RB, other (categorical)",
    "valence": "VADER mean valence of the word (0 when unrated)",
    "abs_valence": "absolute VADER valence",
    "rated": "the word is in the VADER lexicon",
    "negative": "VADER valence <= -1.5",
    "positive": "VADER valence >= 1.5",
    "context_valence": "largest absolute VADER valence of the two words on either side",
    "capitalised": "capitalised inside a sentence (a name, usually)",
    "all_caps": "written in capitals (emphasis), at least three letters",
    "sentence_first": "the word opens its sentence",
    "in_quotes": "the word is directly inside quotation marks (scare quotes)",
    "headline": "the word is in the first paragraph of a text of several paragraphs",
    "exclamation": "its sentence ends with an exclamation mark",
    "question": "its sentence ends with a question mark",
    "negated": "a negator governs it (rhetoric.framing.senses.negated)",
    "after_intensifier": "the word before it is an intensifier (so, very, totally, utterly...)",
    "hyphenated": "a hyphenated compound (so-called, left-wing)",
    "suffix": "an evaluative ending: -ist, -ism, -ous, -ful, -less, -ive, -ic, -ly (categorical)",
    "log_senses": "log of 1 + the number of WordNet senses (polysemy: figurative uses)",
    "lexname": "WordNet lexicographer file of the first sense (noun.feeling, adj.all...; categorical)",
    "log_length": "log of the word's length in characters",
    "background": "log document frequency of the word in news (PTC train; loaded words are rarer)",
    "prev_pos": "coarse part of speech of the word before (categorical)",
    "next_pos": "coarse part of speech of the word after (categorical)",
    "sentence_valence": "mean absolute VADER valence of the other words of its sentence (opinionated sentences)",
    "doc_valence": "mean absolute VADER valence of the words of the document (opinionated texts)",
    "quoted_sentence": "its sentence holds a quotation mark (reported speech)",
    "lemma_prior": "smoothed log-odds that the word's base form lies inside a PTC Loaded_Language span "
    "(target encoding: out of fold in training; the stored table of loaded_lemmas.json when scoring)",
    "lemma_count": "log of 1 + the number of times the base form occurs in the training articles",
    "stem_prior": "smoothed log-odds that a word of the same Porter stem as the base form lies inside a PTC "
    "Loaded_Language span (brutal, brutally, brutality; out of fold in training, stored when scoring)",
    "stem_count": "log of 1 + the number of times a word of that stem occurs in the training articles",
    "word_score": "the word model's decision value: boosted trees over the word's own features and "
    "its lemma prior (loaded_words.json; a function of the word alone)",
}

_INTENSIFIERS = frozenset({
    "so", "very", "too", "totally", "utterly", "completely", "absolutely", "truly", "really", "extremely",
    "incredibly", "deeply", "most", "such", "entirely", "thoroughly", "outright", "downright", "pure", "sheer",
})  # fmt: skip
_SUFFIXES = ("ist", "ism", "ous", "ful", "less", "ive", "ic", "ly")
_QUOTES_OPEN = "\"\u201c'\u2018"
_QUOTES_CLOSE = "\"\u201d'\u2019"
_NUMBER = re.compile(r"^[\d.,]+$")


@lru_cache(maxsize=1 << 16)
def is_candidate(norm: str) -> bool:
    """A word the classifier reads: a content word of two letters or more, not a number."""
    return len(norm) > 1 and not _NUMBER.match(norm) and norm not in function_words()


@cache
def _wordnet_facts(word: str) -> tuple[int, str]:
    """Number of WordNet senses of ``word`` (all parts of speech, base forms included) and the
    lexicographer file of the first, as ``wordnet().synsets(word)`` gives them, without building
    every synset (only the first is read)."""
    count, first = 0, None
    for pos in ("n", "v", "a", "r"):
        offsets = synset_offsets(word, pos)
        if offsets and first is None:
            first = (pos, offsets[0])
        count += len(offsets)
    return count, (synset_entry(*first).lexname if first else "none")


def stem(base: str) -> str:
    """The Porter stem of a base form (the key of the stem prior: brutal, brutally, brutality)."""
    return porter_stem(base)


@cache
def _coarse_pos(tag: str) -> str:
    if tag.startswith("NNP"):
        return "NNP"
    for prefix in ("JJ", "NN", "VB", "RB"):
        if tag.startswith(prefix):
            return prefix
    return "other"


def _base(norm: str, pos: str) -> str:
    """The base form of a candidate word (WordNet, by its coarse part of speech)."""
    wn_pos = {"JJ": "a", "NN": "n", "VB": "v", "RB": "r"}.get(pos)
    return lemma(norm, wn_pos) if norm.isalpha() else norm


def candidate_lemmas(doc: Document) -> list[str]:
    """The base forms of the candidate words of ``doc`` (for building a model's vocabulary)."""
    out = []
    for i, word in enumerate(doc.words):
        norm = word.norm[:-2] if word.norm.endswith("'s") else word.norm
        if is_candidate(norm):
            out.append(_base(norm, _coarse_pos(doc.tags[i])))
    return out


#: The features of a word record that depend only on the word itself (its form, part of speech
#: and matching key), not on where it stands: computed once per distinct word by the scorer.
STATIC_FEATURES = (
    "pos", "valence", "abs_valence", "rated", "negative", "positive", "hyphenated", "suffix",
    "log_senses", "lexname", "log_length", "background", "lemma", "lemma_prior", "lemma_count",
    "stem_prior", "stem_count", "word_score",
)  # fmt: skip
#: The features of the word model (:class:`WordModel`): the word's own features, its lemma and
#: stem priors and counts (not its one-hot lemma).
WORD_FEATURES = tuple(f for f in STATIC_FEATURES if f not in ("lemma", "word_score"))


def _static_features(norm: str, pos: str, key: str) -> tuple[str, dict]:
    """The base form of a candidate word and its :data:`STATIC_FEATURES` (all but ``lemma``)."""
    from rhetoric.scoring.features import background_df

    valence = vader_valence()
    df, total = background_df()
    base = _base(norm, pos)
    value = valence.get(norm, 0.0)
    n_senses, lexname = _wordnet_facts(base.replace("-", "_").replace("'", ""))
    return base, {
        "pos": pos,
        "valence": value,
        "abs_valence": abs(value),
        "rated": norm in valence,
        "negative": value <= -1.5,
        "positive": value >= 1.5,
        "hyphenated": "-" in norm,
        "suffix": next(
            (s for s in _SUFFIXES if norm.endswith(s) and len(norm) > len(s) + 2), "none"
        ),
        "log_senses": math.log1p(n_senses),
        "lexname": lexname,
        "log_length": math.log(len(norm)),
        "background": math.log1p(df.get(key, 0)) - math.log1p(total),
    }


@per_document
def _candidates(doc: Document) -> tuple[list[int], list[str], list[str], list[float]]:
    """The candidate words of ``doc``: their indices, forms (without a possessive 's), coarse
    parts of speech, and the VADER valence of every word of ``doc`` (candidate or not).

    Computed once per document: the word probabilities and the stance scorer's records both
    read them."""
    valence = vader_valence()
    tags = doc.tags
    word_norms = list(map(itemgetter(3), doc.words))
    # each distinct word once: its form without a possessive 's, valence and candidacy
    forms = {norm: norm[:-2] if norm.endswith("'s") else norm for norm in set(word_norms)}
    valence_of = {norm: valence.get(form, 0.0) for norm, form in forms.items()}
    candidate = {norm: is_candidate(form) for norm, form in forms.items()}
    indices = list(compress(range(len(word_norms)), map(candidate.__getitem__, word_norms)))
    norms = [forms[word_norms[i]] for i in indices]
    coarse = [_coarse_pos(tags[i]) for i in indices]
    return indices, norms, coarse, list(map(valence_of.__getitem__, word_norms))


def _context_columns(
    doc: Document, indices: list[int], values: list[float], wanted: frozenset[str] | None = None
) -> dict[str, list]:
    """The features of the candidate words (``indices``) that depend on where each stands (its
    neighbours, sentence, paragraph and document: every feature not in
    :data:`STATIC_FEATURES`), as one list per feature, aligned with ``indices``; only those in
    ``wanted`` when given (a model that reads a few is not made to pay for the others)."""
    from rhetoric.framing.senses import negated, negator_flags

    words, tags, text, sentence_of = doc.words, doc.tags, doc.text, doc.sentence_of
    n = len(words)
    sentences = [sentence_of[i] for i in indices]

    @cache
    def firsts() -> list[bool]:
        # sentence_first(doc, i), inline
        return [i == 0 or sentence_of[i - 1] != sentence_of[i] for i in indices]

    @cache
    def texts() -> list[str]:
        return [words[i].text for i in indices]

    @cache
    def marks() -> tuple[list[str], list[bool]]:
        sentence_mark, quoted = [], []
        for segment in doc.sentences:
            sentence = text[segment.start : segment.end]
            sentence_mark.append(sentence.rstrip().rstrip("\"'\u201d\u2019)")[-1:])
            quoted.append(bool(re.search('["\u201c\u201d]', sentence)))
        return sentence_mark, quoted

    def headline() -> list[bool]:
        headline_end = -1
        if len(doc.paragraphs) > 1 and doc.paragraphs[0].n_words <= 30:
            headline_end = doc.paragraphs[0].last_word
        return [i < headline_end for i in indices]

    def sentence_valence() -> list[float]:
        sentence_sum = [0.0] * len(doc.sentences)
        for i, value in enumerate(values):
            sentence_sum[sentence_of[i]] += abs(value)
        sizes = [max(1, s.n_words - 1) for s in doc.sentences]
        return [
            (sentence_sum[s] - abs(values[i])) / sizes[s]
            for i, s in zip(indices, sentences, strict=True)
        ]

    def quoted_words() -> list[bool]:
        # a quotation mark just before the word and one just after it
        found = []
        for i in indices:
            start, end = words[i].start, words[i].end
            found.append(
                start > 0
                and text[start - 1] in _QUOTES_OPEN
                and end < len(text)
                and text[end] in _QUOTES_CLOSE
            )
        return found

    def with_mark(mark: str) -> list[bool]:
        sentence_mark = marks()[0]
        return [sentence_mark[s] == mark for s in sentences]

    def quoted_sentences() -> list[bool]:
        quoted = marks()[1]
        return [quoted[s] for s in sentences]

    def negated_words() -> list[bool]:
        # negated() is False at once without a negator among the 4 words before: that test
        # first, here, for the many words far from any negator
        flags = negator_flags(doc)
        return [True in flags[max(0, i - 4) : i] and negated(doc, i) for i in indices]

    columns = {
        "context_valence": lambda: _context_valence(values, indices),
        "capitalised": lambda: [
            t[:1].isupper() and not t.isupper() and not first
            for t, first in zip(texts(), firsts(), strict=True)
        ],
        "all_caps": lambda: [t.isupper() and len(t) >= 3 for t in texts()],
        "sentence_first": firsts,
        "in_quotes": quoted_words,
        "headline": headline,
        "exclamation": lambda: with_mark("!"),
        "question": lambda: with_mark("?"),
        "negated": negated_words,
        "after_intensifier": lambda: [
            i > 0 and words[i - 1].norm in _INTENSIFIERS for i in indices
        ],
        "prev_pos": lambda: [
            _coarse_pos(tags[i - 1]) if i > 0 and sentence_of[i - 1] == s else "start"
            for i, s in zip(indices, sentences, strict=True)
        ],
        "next_pos": lambda: [
            _coarse_pos(tags[i + 1]) if i + 1 < n and sentence_of[i + 1] == s else "end"
            for i, s in zip(indices, sentences, strict=True)
        ],
        "sentence_valence": sentence_valence,
        "doc_valence": lambda: [sum(abs(v) for v in values) / max(1, len(values))] * len(indices),
        "quoted_sentence": quoted_sentences,
    }
    return {
        name: compute() for name, compute in columns.items() if wanted is None or name in wanted
    }


def _context_valence(values: list[float], indices: list[int]) -> list[float]:
    """The largest absolute valence of the two words on either side of each word of ``indices``."""
    strength = np.abs(np.asarray(values, dtype=float))
    padded = np.concatenate([np.zeros(2), strength, np.zeros(2)])
    n = len(strength)
    around = (
        np.max([padded[shift : shift + n] for shift in (0, 1, 3, 4)], axis=0) if n else padded[:0]
    )
    return around[indices].tolist() if indices else []


def word_records(
    doc: Document, vocabulary: frozenset[str] = frozenset(), word_model=None,
    only: frozenset[int] | None = None,
) -> tuple[list[int], list[dict]]:  # fmt: skip
    """The candidate words of ``doc`` and their feature records.

    Parameters
    ----------
    doc : Document
    vocabulary : frozenset of str
        The lemmas that get a ``lemma`` feature (the model's vocabulary); others get none.
    word_model : WordModel or False, optional
        Adds ``lemma_prior``, ``lemma_count`` and ``word_score`` (default: the shipped
        :func:`loaded_words`, when there is one); ``False`` adds none (training computes them
        out of fold itself).
    only : frozenset of int, optional
        Describe only these candidate words (indices into ``doc.words``; e.g. the words a
        later scorer reads); the others are left out of the result.

    Returns
    -------
    (list of int, list of dict)
        Indices into ``doc.words`` and one record per index (keys: :data:`LOADED_FEATURES`):
        the word's own features (:data:`STATIC_FEATURES`) and those of its context.
    """
    indices, norms, coarse, values = _candidates(doc)
    if only is not None:
        picked = [row for row, i in enumerate(indices) if i in only]
        indices, norms, coarse = ([seq[row] for row in picked] for seq in (indices, norms, coarse))
    columns = _context_columns(doc, indices, values)
    names = list(columns)
    records, statics = [], []
    for row, (i, norm, pos) in enumerate(zip(indices, norms, coarse, strict=True)):
        base, record = _static_features(norm, pos, doc.keys[i])
        statics.append((base, record))
        record.update((name, columns[name][row]) for name in names)
        if base in vocabulary:
            record["lemma"] = base
        records.append(record)
    word_model = loaded_words() if word_model is None else word_model
    if word_model and statics:
        word_model.add(statics)
    return indices, records


class WordModel:
    """The part of the loaded-language model that depends on the word alone: a table of lemma
    priors (target encoding of the training spans) and boosted trees over the word's own
    features (:data:`WORD_FEATURES`), whose decision value is the ``word_score`` feature.

    Parameters
    ----------
    trees : ScorerModel
        ``kind="trees"``, over :data:`WORD_FEATURES`.
    lemmas : dict
        ``{lemma: (prior, count)}``: the smoothed log-odds that the lemma lies inside a gold span
        in the training articles and ``log1p`` of its number of occurrences there.
    default : float
        The prior of a lemma not in the table (the base rate's log-odds; its count is 0).
    stems : dict, optional
        ``{stem: (prior, count)}``, the same for the Porter stem of the lemma (:func:`stem`):
        words of one family (brutal, brutally, brutality) share what training saw of them.
    """

    def __init__(
        self, trees, lemmas: dict[str, tuple[float, float]], default: float,
        stems: dict[str, tuple[float, float]] | None = None,
    ):  # fmt: skip
        self.trees, self.lemmas, self.default = trees, lemmas, default
        self.stems = stems or {}

    def add(self, statics: list[tuple[str, dict]]) -> None:
        """Add ``lemma_prior``, ``lemma_count`` and ``word_score`` to each ``(base, record)`` of
        :func:`_static_features`, in place (the trees read one matrix for all of them)."""
        unknown = (self.default, 0.0)
        for base, record in statics:
            record["lemma_prior"], record["lemma_count"] = self.lemmas.get(base, unknown)
            record["stem_prior"], record["stem_count"] = self.stems.get(stem(base), unknown)
        scores = self.trees.decision_function(
            [{k: record[k] for k in WORD_FEATURES} for _, record in statics]
        )
        for (_, record), score in zip(statics, scores.tolist(), strict=True):
            record["word_score"] = score

    def to_json(self) -> str:
        """The lemma and stem tables as JSON text (one entry a line); the trees are written by
        their model."""

        def lines(table: dict) -> str:
            return ",\n".join(
                f"  {json.dumps(k)}: [{v[0]!r}, {v[1]!r}]" for k, v in sorted(table.items())
            )

        return (
            f'{{\n "default": {self.default!r},\n "lemmas": {{\n{lines(self.lemmas)}\n }},\n'
            f' "stems": {{\n{lines(self.stems)}\n }}\n}}\n'
        )


@cache
def loaded_words() -> WordModel | None:
    """The shipped word model (``loaded_words.json``, trees, and ``loaded_lemmas.json``, the
    lemma and stem priors, in ``rhetoric/resources/stance``), or ``None`` when either file is absent."""
    from importlib import resources

    from rhetoric.scoring.model import read_model

    trees = read_model(
        ("resources", "stance", "loaded_words.json"), LOADED_FEATURES,
        name="loaded-language word model", script="benchmarks/train_loaded_language.py",
    )  # fmt: skip
    table = resources.files("rhetoric").joinpath("resources", "stance", "loaded_lemmas.json")
    if trees is None or not table.is_file():
        return None
    data = json.loads(table.read_text(encoding="utf-8"))
    lemmas = {k: (float(v[0]), float(v[1])) for k, v in data["lemmas"].items()}
    stems = {k: (float(v[0]), float(v[1])) for k, v in data.get("stems", {}).items()}
    return WordModel(trees, lemmas, float(data["default"]), stems)


@cache
def loaded_model():
    """The shipped loaded-language model (``rhetoric/resources/stance/loaded_language.json``).

    Returns ``None`` when the file is absent. Raises ``ValueError`` when the model names features
    the code no longer builds (rebuild it with ``benchmarks/train_loaded_language.py``).
    """
    from rhetoric.scoring.model import read_model

    return read_model(
        ("resources", "stance", "loaded_language.json"), LOADED_FEATURES,
        name="loaded-language model", script="benchmarks/train_loaded_language.py",
    )  # fmt: skip


def model_vocabulary(model) -> frozenset[str]:
    """The lemmas that have a column in ``model``."""
    return frozenset(c.split("=", 1)[1] for c in model.columns if c.startswith("lemma="))


def word_probabilities(doc: Document, model=None) -> dict[int, float]:
    """Calibrated probability of every candidate word (index into ``doc.words``) being loaded.

    The same probabilities as :func:`predict_proba` over :func:`word_records` (a test compares
    them), computed faster: with a linear model the decision value is a sum over features, so
    the part of a word's own features (:data:`STATIC_FEATURES`) is computed once per distinct
    word and model (:class:`_LinearWords`) and only the context features are summed per word.
    """
    model = model or loaded_model()
    if model is None or not doc.words:
        return {}
    scorer = _linear_words(model)
    if scorer is None:  # a model that is not an uncentred linear one: the general path
        indices, records = word_records(doc, model_vocabulary(model))
        if not records:
            return {}
        return dict(zip(indices, predict_proba(model, records).tolist(), strict=True))
    indices, norms, coarse, values = _candidates(doc)
    if not indices:
        return {}
    keys = doc.keys
    words = [(norm, pos, keys[i]) for i, norm, pos in zip(indices, norms, coarse, strict=True)]
    scorer.fill(words)
    known = scorer.words
    decision = np.array([known[w] for w in words])
    for name, column in _context_columns(doc, indices, values, scorer.features).items():
        decision += scorer.column(name, column)
    probabilities = calibrate(decision, model.calibration_a, model.calibration_b)
    return dict(zip(indices, probabilities.tolist(), strict=True))


class _LinearWords:
    """An uncentred linear model's weights by column name, and the decision value of each
    distinct word's own features, kept as words are met (at most ``limit`` words, then begun
    again: memory stays bounded on any corpus)."""

    def __init__(self, model, limit: int = 200_000):
        self.intercept = model.intercept
        self.vocabulary = model_vocabulary(model)
        self.weights = {
            name: (coef / scale, low, high)
            for name, coef, scale, low, high in zip(
                model.columns, model.coef, model.scale, model.low, model.high, strict=True
            )
        }
        self.words: dict[tuple[str, str, str], float] = {}
        self.limit = limit
        self.word_model = loaded_words() if "word_score" in model.features else None
        #: the base features with a column in the model (the context ones are computed only then)
        self.features = frozenset(c.split("=", 1)[0] for c in model.columns)

    def partial(self, record: dict) -> float:
        """The sum of the weighted, clipped features of ``record`` (as :func:`vector_keys` names them)."""
        from rhetoric.scoring.model import vector_keys

        weights, total = self.weights, 0.0
        for name, value in record.items():
            if isinstance(value, str):
                found, value = weights.get(f"{name}={value}"), 1.0
            elif isinstance(value, (bool, int, float)):
                found = weights.get(name)
            else:  # tuples, None: the general vectoriser
                total += self.partial_vector(vector_keys({name: value}))
                continue
            if found is not None:
                weight, low, high = found
                total += weight * min(max(float(value), low), high)
        return total

    def column(self, name: str, values: list) -> np.ndarray:
        """The weighted, clipped values of feature ``name`` for a column of words (strings as
        indicators, as :func:`vector_keys` names them)."""
        if values and isinstance(values[0], str):
            terms: dict[str, float] = {}
            for value in set(values):
                found = self.weights.get(f"{name}={value}")
                terms[value] = found[0] * min(max(1.0, found[1]), found[2]) if found else 0.0
            return np.array([terms[v] for v in values])
        found = self.weights.get(name)
        if found is None:
            return np.zeros(len(values))
        weight, low, high = found
        return weight * np.clip(np.asarray(values, dtype=float), low, high)

    def partial_vector(self, keys: dict[str, float]) -> float:
        total = 0.0
        for name, value in keys.items():
            found = self.weights.get(name)
            if found is not None:
                total += found[0] * min(max(value, found[1]), found[2])
        return total

    def word(self, norm: str, pos: str, key: str) -> float:
        """The intercept plus the part of the decision value of the word's own features."""
        self.fill([(norm, pos, key)])
        return self.words[(norm, pos, key)]

    def fill(self, words: list[tuple[str, str, str]]) -> None:
        """Compute the static part of every ``(norm, pos, key)`` of ``words`` not yet known, all
        at once (the word model's trees read one matrix per call). When the new words would take
        the cache over ``limit`` it is begun again, and every word of ``words`` is then computed
        (those known before are gone with the rest): all of them are known on return."""
        missing = [w for w in dict.fromkeys(words) if w not in self.words]
        if not missing:
            return
        if len(self.words) + len(missing) > self.limit:
            self.words.clear()
            missing = list(dict.fromkeys(words))
        statics = [_static_features(*w) for w in missing]
        for base, record in statics:
            if base in self.vocabulary:
                record["lemma"] = base
        if self.word_model is not None:
            self.word_model.add(statics)
        for w, (_, record) in zip(missing, statics, strict=True):
            self.words[w] = self.intercept + self.partial(record)


_LINEAR: dict[int, tuple] = {}


def _linear_words(model) -> _LinearWords | None:
    """The :class:`_LinearWords` of ``model`` (built once per model), or ``None`` when the model
    is not linear with all-zero means (trees, or a centred model: the general path)."""
    known = _LINEAR.get(id(model))
    if known is not None and known[0] is model:
        return known[1]
    linear = None
    if model.kind == "logistic" and all(m == 0.0 for m in model.mean):
        linear = _LinearWords(model)
    _LINEAR[id(model)] = (model, linear)
    return linear


def predict_proba(model, records: list[dict]) -> np.ndarray:
    """The model's calibrated probabilities of word records (:func:`word_records`).

    A word record holds a few dozen of the model's thousands of columns; with the model's
    ``mean`` all zero (columns scaled, not centred) the absent ones add nothing, so this equals
    :meth:`~rhetoric.scoring.model.ScorerModel.predict_proba` without its dense matrix (memory
    and time linear in the number of words).
    """
    linear = _linear_words(model)
    if linear is None:  # trees or a centred model: the dense path, in slices
        return np.concatenate(
            [model.predict_proba(records[k : k + 500]) for k in range(0, len(records), 500)]
        )
    decision = np.array([model.intercept + linear.partial(record) for record in records])
    return calibrate(decision, model.calibration_a, model.calibration_b)


def join_words(doc: Document, kept: list[int]) -> list[tuple[int, int]]:
    """Runs of kept words, as ``(first, last)`` word indices: adjacent words in one clause join
    (only spaces or a hyphen between them)."""
    runs: list[tuple[int, int]] = []
    for i in sorted(kept):
        if runs and runs[-1][1] == i - 1 and doc.clause_of[i] == doc.clause_of[i - 1]:
            gap = doc.text[doc.words[i - 1].end : doc.words[i].start]
            if gap.strip(" -") == "":
                runs[-1] = (runs[-1][0], i)
                continue
        runs.append((i, i))
    return runs


def widen(doc: Document, first: int, last: int) -> tuple[int, int]:
    """Widen a run of kept words to the phrase an annotator marks: an adjective or adverb takes
    the word it modifies and a noun its compound noun ("brutal regime", "extremely worried"); a
    noun takes the noun or adjective before it ("hate crimes"), a verb the noun or adjective
    after it ("slams critics"); a run takes the adverb and the adjective before it ("utterly
    corrupt"), not a determiner (PTC annotators rarely include one: cross-validated on train,
    ``benchmarks/train_loaded_language.py``)."""
    tags, n = doc.tags, len(doc.words)

    def same(i: int, j: int) -> bool:
        return 0 <= j < n and doc.clause_of[i] == doc.clause_of[j]

    if (
        same(last, last + 1)
        and tags[last][:2] in ("JJ", "RB")
        and tags[last + 1][:2] in ("NN", "JJ", "VB")
    ):
        last += 1
    if (
        same(first, first - 1)
        and tags[first - 1][:2] == "RB"
        and not is_negator(doc.words[first - 1].norm)
    ):
        first -= 1
    while same(last, last + 1) and tags[last][:2] == "NN" and tags[last + 1][:2] == "NN":
        last += 1
    if same(first, first - 1) and tags[first][:2] == "NN" and tags[first - 1][:2] in ("NN", "JJ"):
        first -= 1
    if same(last, last + 1) and tags[last][:2] == "VB" and tags[last + 1][:2] in ("NN", "JJ"):
        last += 1
    if (
        same(first, first - 1)
        and tags[first - 1] == "JJ"
        and not is_negator(doc.words[first - 1].norm)
    ):
        first -= 1
    return first, last


def widened_runs(doc: Document, kept: list[int]) -> list[tuple[int, int]]:
    """Runs of kept words (:func:`join_words`), each widened to its phrase (:func:`widen`);
    runs that then overlap are merged."""
    merged: list[tuple[int, int]] = []
    for run in join_words(doc, kept):
        first, last = widen(doc, *run)
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return merged


def find_loaded_language(
    text_or_doc: str | Document, *, min_score: float | None = None, widen_phrases: bool = True,
    doc_id: str | None = None,
) -> list[Span]:  # fmt: skip
    """Loaded (emotive, pejorative or glorifying) language, as stance spans.

    Parameters
    ----------
    text_or_doc : str or Document
    min_score : float, optional
        Keep words whose calibrated probability is at least this (default: the model's threshold).
    widen_phrases : bool, default True
        Widen each run of kept words to its phrase (:func:`widen`), as PTC annotators mark
        phrases; ``False`` keeps the words themselves (adjacent kept words still join).

    Returns
    -------
    list of Span
        ``device="stance"``, ``kind`` ``loaded_positive`` when the VADER valence of the span's
        words sums above zero, else ``loaded_negative`` (PTC's loaded language is mostly
        pejorative); ``score`` the highest word probability; ``evidence`` names the model, the
        probability and the VADER valence. Names (``rhetoric.framing.senses.in_name``) are left
        out. An empty list when no model is shipped.

    Examples
    --------
    >>> spans = find_loaded_language("The regime unleashed a brutal, savage crackdown.", min_score=0.1)
    >>> [s.text for s in spans]
    ['unleashed', 'brutal, savage crackdown']
    """
    from rhetoric.framing.senses import in_name

    doc = as_document(text_or_doc, doc_id)
    model = loaded_model()
    probabilities = word_probabilities(doc, model)
    if not probabilities:
        return []
    from rhetoric.scoring.apply import reported_score

    threshold = model.threshold if min_score is None else min_score
    # compared as reported (rounded), so that min_score equal to a shown score keeps the word
    kept = [
        i
        for i, p in probabilities.items()
        if reported_score(p) >= threshold and not in_name(doc, i)
    ]
    valence = vader_valence()
    spans = []
    runs = widened_runs(doc, kept) if widen_phrases else join_words(doc, kept)
    for first, last in runs:
        words = doc.words[first : last + 1]
        total = sum(valence.get(w.norm, 0.0) for w in words)
        score = max(probabilities.get(k, 0.0) for k in range(first, last + 1))
        kind = "loaded_positive" if total > 0 else "loaded_negative"
        evidence = f"loaded-language model p={score:.2f}" + (
            f", VADER valence {total:+.1f}" if total else ""
        )
        spans.append(doc.span(words[0].start, words[-1].end, device="stance", kind=kind,
                              score=round(score, 4), evidence=evidence))  # fmt: skip
    return spans
