"""Most-frequent-word features: stylo's English tokeniser, count tables, and :class:`MFWVectorizer`.

Stylometry compares texts on the relative frequencies of their commonest words (or character
n-grams). The list of words is learned from the training texts only; transforming a new text
counts those words in it, so nothing of a held-out text leaks into the features.

The default tokeniser reproduces R ``stylo``'s ``txt.to.words.ext(corpus.lang = "English.all")``
so that results can be compared with stylo's paper by paper: lower case; the apostrophe of a
contraction (``'t 's 'd 'm 'll 've 'em 'im 're`` after a letter) becomes ``^`` so the
contraction stays one word; runs of 2-5 hyphens are dashes (separators); words are runs of
letters (:data:`STYLO_LETTERS`), ``^`` and ``-``; tokens made only of hyphens are dropped.
The letters are stylo's: Latin with its extensions (``English.all``), and the Greek, Cyrillic,
Hebrew, Arabic, Coptic and Georgian letters of stylo's default tokeniser and the kana, CJK
ideographs and Hangul of its ``CJK`` option; combining accents and Hebrew points are added, so
that a decomposed or pointed word is not cut in two. English texts tokenise exactly as in
stylo. Chinese and Japanese are written without spaces, so a run of ideographs is one "word"
(as in stylo): compare such texts on character n-grams (``analyzer="char"``). It is a separate
tokeniser from :data:`rhetoric.text.WORD_PATTERN` on purpose (``tokenizer="rhetoric"`` selects
that one instead): parity with stylo needs stylo's rules, curly apostrophes included.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from rhetoric.errors import InputError, UsageError, check_choice, check_documents, invalid_value

_CONTRACTION = re.compile(r"([^\W\d_])'(t|s|d|m|ll|ve|em|im|re)\b")
_DASHES = re.compile(r"-{2,5}")
#: The letters of a word, as stylo 0.7.7 reads them: ``English.all``'s Latin letters, plus the
#: other scripts of stylo's default tokeniser (``txt.to.words``) and of its ``CJK`` option.
STYLO_LETTERS = (
    # Latin, Latin-1 and Latin Extended (English.all; its range also holds × and ÷, kept for parity)
    "A-Za-z\u00c0-\u00ff\u0100-\u01bf\u01c4-\u02af"
    "\u1e00-\u1eff"  # Latin Extended Additional (Vietnamese: Việt)
    "\u0300-\u036f"  # combining accents, so decomposed text (e + \u0301) stays one word (not in stylo)
    "\u0386\u0388-\u03ff"  # modern Greek (and Coptic in the Greek block)
    "\u1f00-\u1fbc\u1fc2-\u1fcc\u1fd0-\u1fdb\u1fe0-\u1fec\u1ff2-\u1ffc"  # polytonic Greek
    "\u2c80-\u2cf3"  # Coptic
    "\u0400-\u0481\u048a-\u0527"  # Cyrillic
    "\u05d0-\u05ea\u05f0-\u05f4"  # Hebrew letters
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"  # Hebrew points (not in stylo)
    "\u0620-\u065f\u066e-\u06d3\u06d5\u06dc"  # Arabic
    "\u10a0-\u10ff"  # Georgian
    "\u3040-\u309f\u30a0-\u30ff\u3005\u3031-\u3035"  # Hiragana, Katakana, repetition marks
    "\u4e00-\u9fff\u3400-\u4dbf"  # CJK ideographs
    "\uac00-\ud7af"  # Hangul syllables
)
_STYLO_WORD = re.compile(f"[{STYLO_LETTERS}^-]+")
_ONLY_HYPHENS = re.compile(r"-+")

#: English personal and possessive pronouns (the closed class stylo removes with ``delete.pronouns``).
ENGLISH_PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves "
    "he him his himself she her hers herself they them their theirs themselves "
    "thou thee thy thyself ye".split()
)

Analyzer = Literal["word", "char"]
Tokenizer = Literal["stylo", "rhetoric"]


def stylo_tokenize(text: str, *, lowercase: bool = True) -> list[str]:
    """Split ``text`` into words the way stylo's English tokeniser (``English.all``) does.

    Parameters
    ----------
    text : str
        Any text.
    lowercase : bool
        Lower-case first (stylo's default).

    Returns
    -------
    list of str
        The words in order; contractions are written with ``^`` (``don^t``).

    Examples
    --------
    >>> stylo_tokenize("Don't stop--it's well-known, they're here -- now.")
    ['don^t', 'stop', 'it^s', 'well-known', 'they^re', 'here', 'now']
    >>> stylo_tokenize("Việt Nam, Москва и Αθήνα")
    ['việt', 'nam', 'москва', 'и', 'αθήνα']
    """
    if lowercase:
        text = text.lower()
    text = _CONTRACTION.sub(r"\1^\2", text)
    text = _DASHES.sub(" -- ", text)
    return [w for w in _STYLO_WORD.findall(text) if not _ONLY_HYPHENS.fullmatch(w)]


def stylo_token_spans(text: str, *, lowercase: bool = True) -> list[tuple[int, int, str]]:
    """The words of :func:`stylo_tokenize` with their offsets: ``(start, end, word)``.

    ``text[start:end]`` is the word as written (``^`` marks a contraction in ``word`` only).

    >>> stylo_token_spans("We're--here")
    [(0, 5, 'we^re'), (7, 11, 'here')]
    """
    view = text.lower() if lowercase else text
    if len(view) != len(text):  # a character whose lower case is longer: keep it as it is
        view = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    view = _CONTRACTION.sub(r"\1^\2", view)
    view = _DASHES.sub(lambda m: " " * len(m.group()), view)
    return [
        (m.start(), m.end(), m.group())
        for m in _STYLO_WORD.finditer(view)
        if not _ONLY_HYPHENS.fullmatch(m.group())
    ]


def rhetoric_tokenize(text: str, *, lowercase: bool = True) -> list[str]:
    """Words as :data:`rhetoric.text.WORD_PATTERN` finds them (letters and digits, inner ``'`` or ``-``).

    >>> rhetoric_tokenize("Russia’s 2 well-being")
    ["russia's", '2', 'well-being']
    """
    from rhetoric.text import WORD_PATTERN, normalize

    view = normalize(text) if lowercase else text
    return WORD_PATTERN.findall(view)


_TOKENIZERS: dict[str, Callable[..., list[str]]] = {
    "stylo": stylo_tokenize,
    "rhetoric": rhetoric_tokenize,
}


def text_features(
    text: str,
    *,
    analyzer: Analyzer = "word",
    ngram: int = 1,
    tokenizer: Tokenizer | Callable[[str], list[str]] = "stylo",
    lowercase: bool = True,
) -> list[str]:
    """The features of one text, in order: words, word n-grams or character n-grams.

    Word n-grams join their words with one space. Character n-grams are taken from the words
    joined by single spaces (so punctuation and line breaks do not count), as stylo does.

    Examples
    --------
    >>> text_features("The cat, the hat.", ngram=2)
    ['the cat', 'cat the', 'the hat']
    >>> text_features("Ab cd", analyzer="char", ngram=3)
    ['ab ', 'b c', ' cd']
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return []  # a missing text (None, NaN): no words, left out as an empty text is
    if not isinstance(text, str):
        raise InputError(
            f"a text is {type(text).__name__}, not str ({str(text)[:40]!r}); decode bytes first "
            "(text.decode('utf-8')) or give the texts as strings"
        )
    if callable(tokenizer):
        words = list(tokenizer(text.lower() if lowercase else text))
    else:
        check_choice("tokenizer", tokenizer, _TOKENIZERS)
        words = _TOKENIZERS[tokenizer](text, lowercase=lowercase)
    if analyzer == "char":
        joined = " ".join(words)
        return [joined[i : i + ngram] for i in range(len(joined) - ngram + 1)]
    check_choice("analyzer", analyzer, ["word", "char"])
    if ngram == 1:
        return words
    return [" ".join(words[i : i + ngram]) for i in range(len(words) - ngram + 1)]


def text_ids(texts: object, doc_ids: Iterable | None, n: int) -> list[str]:
    """The names of ``n`` texts in the tables: ``doc_ids`` as given; else the index labels of a
    pandas Series of texts (as the corpus and framing functions name a Series's texts); else
    ``doc0``, ``doc1``, ... (:func:`rhetoric.documents.default_doc_id`, the package's one rule).

    >>> import pandas as pd
    >>> text_ids(["a", "b"], None, 2), text_ids(pd.Series(["a"], index=["paper_49"]), None, 1)
    (['doc0', 'doc1'], ['paper_49'])
    """
    import pandas as pd

    from rhetoric.documents import default_doc_id

    if doc_ids is not None:
        return [str(d) for d in doc_ids]
    if isinstance(texts, pd.Series) and not isinstance(texts.index, pd.RangeIndex):
        return [str(label) for label in texts.index]

    return [default_doc_id(i) for i in range(n)]


@dataclass(frozen=True)
class CountTable:
    """Feature counts of a set of texts: the raw material of every stylometric table.

    ``counts`` is a sparse ``(n_texts, n_vocabulary)`` matrix of integer counts, ``vocabulary``
    the feature strings (sorted), ``totals`` the number of features (tokens) of each text.
    Selecting a word list on some rows and reading frequencies on others is then cheap, which
    is what makes honest (inductive) cross-validation fast.
    """

    counts: sparse.csr_matrix
    vocabulary: np.ndarray
    totals: np.ndarray

    @classmethod
    def from_texts(
        cls,
        texts: Iterable[str],
        *,
        analyzer: Analyzer = "word",
        ngram: int = 1,
        tokenizer: Tokenizer | Callable[[str], list[str]] = "stylo",
        lowercase: bool = True,
    ) -> CountTable:
        """Count the features of each text.

        >>> table = CountTable.from_texts(["a b a", "b c"])
        >>> table.vocabulary.tolist(), table.totals.tolist()
        (['a', 'b', 'c'], [3, 2])
        """
        texts = check_documents("texts", texts)
        counters = [
            Counter(
                text_features(
                    t, analyzer=analyzer, ngram=ngram, tokenizer=tokenizer, lowercase=lowercase
                )
            )
            for t in texts
        ]
        vocabulary = np.array(sorted(set().union(*counters)), dtype=object)
        index = {w: i for i, w in enumerate(vocabulary)}
        rows, cols, vals = [], [], []
        for r, counter in enumerate(counters):
            rows.extend([r] * len(counter))
            cols.extend(index[w] for w in counter)
            vals.extend(counter.values())
        counts = sparse.csr_matrix(
            (
                np.asarray(vals, dtype=np.int64),
                (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)),
            ),
            shape=(len(counters), len(vocabulary)),
        )
        totals = np.array([sum(c.values()) for c in counters], dtype=np.int64)
        return cls(counts, vocabulary, totals)

    @classmethod
    def from_corpus(
        cls,
        corpus: object,
        *,
        analyzer: Analyzer = "word",
        ngram: int = 1,
        tokenizer: Tokenizer | Callable[[str], list[str]] = "stylo",
        lowercase: bool = True,
        n_jobs: int | None = 1,
        scheduler: object = None,
        errors: Literal["raise", "skip"] = "raise",
        pattern: str = "*.txt",
        text_column: str = "text",
        progress: bool | None = None,
    ) -> tuple[CountTable, list[str]]:
        """Count the features of a corpus as a map-reduce, never holding its texts.

        Each document is read and counted where it is processed (a worker process or a Dask
        worker, through :mod:`rhetoric.runner`); only its counts come back, and they are merged
        as they arrive. Memory is that of the counts, not of the texts, so the count table (and
        an MFW table: ``frequency_table(*CountTable.from_corpus(folder), mfw=100)``) of a corpus
        larger than memory can be built.

        Parameters
        ----------
        corpus
            Any corpus input of :func:`rhetoric.documents.iter_corpus` (a folder, a table file,
            a DataFrame, a list of texts or paths).
        analyzer, ngram, tokenizer, lowercase
            As in :meth:`from_texts` (a callable tokenizer must be picklable for ``n_jobs > 1``).
        n_jobs, scheduler
            Where the counting runs (:func:`rhetoric.runner.map_documents`).
        errors : {"raise", "skip"}, default "raise"
            A document that cannot be read stops the count, or is left out (a warning names how
            many); the returned ``doc_ids`` list the rows either way.

        Returns
        -------
        table : CountTable
            The same table as :meth:`from_texts` on the texts, in input order.
        doc_ids : list of str
            The document of each row.

        Examples
        --------
        >>> table, ids = CountTable.from_corpus({"a": "a b a", "b": "b c"})
        >>> ids, table.vocabulary.tolist(), table.totals.tolist()
        (['a', 'b'], ['a', 'b', 'c'], [3, 2])
        """
        from functools import partial

        from rhetoric.documents import iter_corpus
        from rhetoric.runner import map_documents

        check_choice("errors", errors, ["raise", "skip"])
        work = partial(_count_document, analyzer=analyzer, ngram=ngram, tokenizer=tokenizer,
                       lowercase=lowercase)  # fmt: skip
        index: dict[str, int] = {}
        rows, cols, vals, totals, doc_ids, skipped = [], [], [], [], [], 0
        documents = iter_corpus(corpus, pattern=pattern, text_column=text_column)
        for outcome in map_documents(work, documents, n_jobs=n_jobs, scheduler=scheduler,
                                     warm=None, progress=progress):  # fmt: skip
            if outcome.error is not None and errors == "skip":
                skipped += 1
                continue
            counter = outcome.unwrap()
            row = len(doc_ids)
            doc_ids.append(outcome.doc_id)
            totals.append(sum(counter.values()))
            for feature, count in counter.items():
                rows.append(row)
                cols.append(index.setdefault(feature, len(index)))
                vals.append(count)
        if skipped:
            import warnings

            warnings.warn(
                f"{skipped} document(s) could not be read and were left out", stacklevel=2
            )
        vocabulary = np.array(sorted(index), dtype=object)
        new_place = np.empty(len(index), dtype=np.int64)  # first-seen order -> sorted order
        for position, feature in enumerate(vocabulary):
            new_place[index[feature]] = position
        counts = sparse.csr_matrix(
            (
                np.asarray(vals, dtype=np.int64),
                (np.asarray(rows, dtype=np.int64), new_place[np.asarray(cols, dtype=np.int64)]),
            ),
            shape=(len(doc_ids), len(vocabulary)),
        )
        return cls(counts, vocabulary, np.asarray(totals, dtype=np.int64)), doc_ids

    def __len__(self) -> int:
        return self.counts.shape[0]

    def select(
        self,
        rows: Sequence[int] | np.ndarray | None = None,
        *,
        mfw: int | tuple[int, int] = 100,
        culling: float = 0.0,
        exclude: Iterable[str] = (),
    ) -> np.ndarray:
        """Column indices of the most frequent features of ``rows`` (all rows when ``None``).

        Features are ranked by their total count in ``rows`` (ties alphabetically), as stylo
        ranks its frequency list; features used in fewer than ``culling`` percent of ``rows``
        and those in ``exclude`` are dropped before the list is cut at ``mfw``; a pair
        ``(first, last)`` keeps ranks ``first`` to ``last`` (1-based, inclusive).
        """
        sub = self.counts if rows is None else self.counts[np.asarray(rows)]
        total = np.asarray(sub.sum(axis=0)).ravel()
        keep = total > 0
        if culling > 0:
            n_docs = np.asarray((sub > 0).sum(axis=0)).ravel()
            keep &= n_docs * 100.0 >= culling * sub.shape[0] - 1e-9
        exclude = set(exclude)
        if exclude:
            keep &= ~np.isin(self.vocabulary, list(exclude))
        candidates = np.flatnonzero(keep)
        # The vocabulary is sorted, so a stable sort by descending count breaks ties alphabetically.
        order = candidates[np.argsort(-total[candidates], kind="stable")]
        first, last = (1, mfw) if isinstance(mfw, int | np.integer) else mfw
        return order[max(first, 1) - 1 : last]

    def frequencies(
        self,
        columns: np.ndarray,
        rows: Sequence[int] | np.ndarray | None = None,
        *,
        relative: bool = True,
    ) -> np.ndarray:
        """Dense ``(len(rows), len(columns))`` table: counts, or per-100-token frequencies."""
        sub = self.counts if rows is None else self.counts[np.asarray(rows)]
        values = sub[:, columns].toarray().astype(float)
        if relative:
            totals = self.totals if rows is None else self.totals[np.asarray(rows)]
            values *= 100.0 / np.maximum(totals, 1)[:, None]
        return values


def _no_features_message(table: CountTable, rows, vectorizer: MFWVectorizer) -> str:
    """Why a feature list came out empty, in one line."""
    totals = table.totals if rows is None else table.totals[np.asarray(rows)]
    if not totals.any():
        what = "words" if vectorizer.analyzer == "word" else "characters"
        tokenizer = vectorizer.tokenizer if isinstance(vectorizer.tokenizer, str) else "given"
        reason = f"the training texts have no {what}"
        if tokenizer == "stylo":
            reason += (
                " (the stylo tokeniser reads Latin, Greek, Cyrillic, Hebrew, Arabic, Coptic, "
                "Georgian, kana, CJK and Hangul letters)"
            )
        return reason
    return (
        f"no feature of the training texts is left after culling={vectorizer.culling!r}, "
        f"mfw={vectorizer.mfw!r} and the excluded words; lower culling or widen mfw"
    )


def _check_mfw(mfw: object) -> None:
    if isinstance(mfw, bool):
        raise invalid_value("mfw", mfw, ["a positive int", "a (first, last) pair"])
    if isinstance(mfw, int | np.integer):
        if mfw < 1:
            raise UsageError(f"mfw={mfw!r} is not valid; it must be a positive number of features")
        return
    if (
        isinstance(mfw, tuple | list)
        and len(mfw) == 2
        and all(isinstance(v, int | np.integer) for v in mfw)
        and 1 <= mfw[0] <= mfw[1]
    ):
        return
    raise UsageError(
        f"mfw={mfw!r} is not valid; give a positive int or a (first, last) pair of ranks"
    )


class MFWVectorizer(TransformerMixin, BaseEstimator):
    """Relative frequencies of the most frequent words (or n-grams) learned on the training texts.

    Parameters
    ----------
    mfw : int or (int, int), default=100
        How many features to keep, or a ``(first, last)`` range of frequency ranks (1-based,
        inclusive), as stylo's ``mfw`` with ``start.at``. A 2-tuple is one rank range, not two
        sizes: ``mfw=(2, 50)`` keeps the words of ranks 2 to 50 (unlike the list of sizes of
        :func:`~rhetoric.stylometry.consensus_tree`, :func:`~rhetoric.stylometry.consensus_network`
        and :func:`~rhetoric.stylometry.grid.attribution_grid`).
    analyzer : {"word", "char"}, default="word"
        Word or character features.
    ngram : int, default=1
        Length of the n-grams (words or characters).
    culling : float, default=0.0
        Keep only features used in at least this percentage of the training texts (stylo's
        culling), applied before the list is cut at ``mfw``.
    relative : bool, default=True
        Frequencies per 100 tokens of the text (stylo's convention); ``False`` gives counts.
    scale : bool, default=False
        Return z-scores, with means and standard deviations of the training texts only.
    remove_pronouns : bool, default=False
        Drop English personal pronouns (:data:`ENGLISH_PRONOUNS`) before cutting the list.
    tokenizer : {"stylo", "rhetoric"} or callable, default="stylo"
        ``"stylo"`` is :func:`stylo_tokenize`; a callable maps a text to a list of words.
    lowercase : bool, default=True
        Lower-case the texts before tokenising.

    Attributes
    ----------
    features_ : ndarray of str
        The selected features in frequency order (``get_feature_names_out()``).
    mean_, scale_ : ndarray
        Training means and standard deviations (ddof=1) of the relative frequencies.
    n_features_in_ : int
        Always 1 (one text per sample).

    Examples
    --------
    >>> vec = MFWVectorizer(mfw=2).fit(["the cat and the dog", "the end and the rest"])
    >>> vec.get_feature_names_out().tolist()
    ['the', 'and']
    >>> vec.transform(["the the and cat"]).round(1).tolist()
    [[50.0, 25.0]]
    """

    def __init__(
        self,
        mfw: int | tuple[int, int] = 100,
        *,
        analyzer: Analyzer = "word",
        ngram: int = 1,
        culling: float = 0.0,
        relative: bool = True,
        scale: bool = False,
        remove_pronouns: bool = False,
        tokenizer: Tokenizer | Callable[[str], list[str]] = "stylo",
        lowercase: bool = True,
    ):
        self.mfw = mfw
        self.analyzer = analyzer
        self.ngram = ngram
        self.culling = culling
        self.relative = relative
        self.scale = scale
        self.remove_pronouns = remove_pronouns
        self.tokenizer = tokenizer
        self.lowercase = lowercase

    # -- the count-table path (used by validation to refit many times without re-tokenising) --

    def _check_params(self) -> None:
        _check_mfw(self.mfw)
        check_choice("analyzer", self.analyzer, ["word", "char"])
        if not callable(self.tokenizer):
            check_choice("tokenizer", self.tokenizer, _TOKENIZERS)
        if not isinstance(self.ngram, int | np.integer) or self.ngram < 1:
            raise UsageError(f"ngram={self.ngram!r} is not valid; it must be a positive int")
        if not 0 <= self.culling <= 100:
            raise UsageError(
                f"culling={self.culling!r} is not valid; it must be a percentage in [0, 100]"
            )

    def count_table(self, texts: Iterable[str]) -> CountTable:
        """The :class:`CountTable` of ``texts`` with this vectorizer's tokeniser and n-grams."""
        return CountTable.from_texts(
            texts,
            analyzer=self.analyzer,
            ngram=self.ngram,
            tokenizer=self.tokenizer,
            lowercase=self.lowercase,
        )

    def fit_table(
        self, table: CountTable, rows: Sequence[int] | np.ndarray | None = None
    ) -> MFWVectorizer:
        """Learn the feature list (and z-score statistics) from ``rows`` of a count table.

        Raises :class:`~rhetoric.errors.InputError` when no feature is left (texts without
        words, or a culling that keeps none), rather than a model fitted on zero columns.
        """
        self._check_params()
        exclude = ENGLISH_PRONOUNS if self.remove_pronouns else ()
        self._columns = table.select(rows, mfw=self.mfw, culling=self.culling, exclude=exclude)
        if len(self._columns) == 0:
            raise InputError(_no_features_message(table, rows, self))
        self._table_vocabulary = table.vocabulary
        self.features_ = table.vocabulary[self._columns].astype(str)
        self.vocabulary_ = {w: i for i, w in enumerate(self.features_)}
        values = table.frequencies(self._columns, rows, relative=self.relative)
        self._set_statistics(values)
        self.n_features_in_ = 1
        return self

    def transform_table(
        self, table: CountTable, rows: Sequence[int] | np.ndarray | None = None
    ) -> np.ndarray:
        """Frequencies (or z-scores) of the learned features in ``rows`` of a count table."""
        check_is_fitted(self, "features_")
        if table.vocabulary is self._table_vocabulary:
            columns = self._columns
            values = table.frequencies(columns, rows, relative=self.relative)
        else:
            values = self._frequencies_by_name(table, rows)
        return self._standardize(values)

    def _frequencies_by_name(self, table: CountTable, rows) -> np.ndarray:
        index = {w: i for i, w in enumerate(table.vocabulary)}
        present = [(j, index[w]) for j, w in enumerate(self.features_) if w in index]
        n = len(table) if rows is None else len(rows)
        values = np.zeros((n, len(self.features_)))
        if present:
            dst, src = map(np.asarray, zip(*present, strict=True))
            values[:, dst] = table.frequencies(src, rows, relative=self.relative)
        return values

    def _set_statistics(self, values: np.ndarray) -> None:
        self.mean_ = values.mean(axis=0) if len(values) else np.zeros(values.shape[1])
        std = values.std(axis=0, ddof=1) if len(values) > 1 else np.ones(values.shape[1])
        self.scale_ = np.where(std > 0, std, 1.0)

    def _standardize(self, values: np.ndarray) -> np.ndarray:
        return (values - self.mean_) / self.scale_ if self.scale else values

    # -- the scikit-learn interface --------------------------------------------------------------

    def fit(self, raw_documents: Iterable[str], y: object = None) -> MFWVectorizer:
        """Learn the most frequent features of ``raw_documents`` (a list of texts)."""
        self._check_params()
        return self.fit_table(self.count_table(raw_documents))

    def transform(self, raw_documents: Iterable[str]) -> np.ndarray:
        """Frequencies of the learned features in each text: ``(n_texts, n_features)``."""
        check_is_fitted(self, "features_")
        documents = check_documents("raw_documents", raw_documents)
        if not documents:
            return np.zeros((0, len(self.features_)))
        return self.transform_table(self.count_table(documents))

    def fit_transform(self, raw_documents: Iterable[str], y: object = None) -> np.ndarray:
        """Fit on ``raw_documents`` and return their frequencies (tokenising only once)."""
        self._check_params()
        table = self.count_table(raw_documents)
        return self.fit_table(table).transform_table(table)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """The selected features, in frequency order."""
        check_is_fitted(self, "features_")
        return np.asarray(self.features_, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags


def _count_document(document, *, analyzer, ngram, tokenizer, lowercase) -> Counter:
    """The per-document function of :meth:`CountTable.from_corpus`: the document's counts."""
    from rhetoric.runner import document_text

    text = document_text(document)
    return Counter(
        text_features(
            text, analyzer=analyzer, ngram=ngram, tokenizer=tokenizer, lowercase=lowercase
        )
    )
