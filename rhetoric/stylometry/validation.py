"""Honest validation of attribution: the word list and z-scores are refit on every training fold.

stylo's cross-validation (``crossv()``, ``classify(cv.folds=...)``) computes the most-frequent-word
list and the z-scores once, on all texts, held-out ones included: the held-out text has already
shaped the features it is judged on (*transductive* validation). Here each fold learns its word
list, frequencies and z-scores from its training texts only (*inductive*, the honest number);
``transductive=True`` gives the stylo-style number for comparison (word list from all texts, and
Delta z-scores from training and held-out texts together).

Texts are tokenised once (a :class:`~rhetoric.stylometry.features.CountTable`), so refitting the
word list on each of 65 folds costs milliseconds.
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import LeaveOneOut, StratifiedKFold

from rhetoric.errors import InputError, UsageError, check_choice, check_documents
from rhetoric.stylometry.classifiers import DeltaClassifier, canonical_method, make_method
from rhetoric.stylometry.features import CountTable, MFWVectorizer, text_features, text_ids

CV = Literal["loo", "loo_balanced", "kfold"]

#: :func:`attribute` warns that a test text of fewer words than this is attributed unreliably
#: (function-word frequencies of a few dozen words are mostly noise; stylometric studies
#: rarely trust texts under a few thousand words).
MIN_WORDS = 100


class Validation(NamedTuple):
    """The result of :func:`cross_validate`: three tidy tables.

    ``summary``: one row per (method, mfw): ``method``, ``mfw``, ``cv`` (``loo``,
    ``loo_balanced`` or ``<k>-fold``), ``mode``
    (``inductive``/``transductive``), ``n``, ``accuracy``, ``balanced_accuracy``, ``elapsed_s``.
    ``recall``: one row per (method, mfw, label): ``method``, ``mfw``, ``label``, ``n``, ``recall``.
    ``predictions``: one row per (method, mfw, text): ``method``, ``mfw``, ``doc_id``, ``label``,
    ``predicted``, ``fold``, ``correct``.
    """

    summary: pd.DataFrame
    recall: pd.DataFrame
    predictions: pd.DataFrame


def _method_name(method: str | BaseEstimator) -> str:
    """A method's name in the tables: its canonical name, or an estimator's one-line repr
    (scikit-learn's, which names the parameters set: ``DeltaClassifier(metric='cosine_delta')``)."""
    return canonical_method(method) if isinstance(method, str) else " ".join(repr(method).split())


def _method_names(methods: list) -> list[str]:
    """:func:`_method_name` of each method, numbered where two would read the same."""
    names = [_method_name(m) for m in methods]
    counts = Counter(names)
    seen: Counter = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(f"{name} #{seen[name]}" if counts[name] > 1 else name)
    return out


def _estimator(method: str | BaseEstimator, stylo: bool) -> BaseEstimator:
    return make_method(method, stylo=stylo) if isinstance(method, str) else clone(method)


def balanced_loo_splits(
    labels: Sequence[str], *, random_state: int | None = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Leave-one-out folds in which every author keeps the same number of training texts.

    Plain leave-one-out takes a text away from its own author only, so the right author is
    always the one with the fewest training texts when authors have equally many (the 36
    inaugural addresses of presidents with two: the right president has one training text,
    every other president two). A method that favours small classes gains from that, one that
    favours large classes (nearest centroid, nearest text) loses. Here each fold keeps, for
    every author, as many texts as the held-out author has left, at least one (drawn at random
    for the others; authors with fewer are kept whole), so the class sizes carry no hint.

    Parameters
    ----------
    labels : list of str
        The author of each text.
    random_state : int or None
        Seed of the draw of the texts kept.

    Returns
    -------
    list of (train, test) index arrays
        One fold per text; ``test`` holds that one text.

    Examples
    --------
    >>> folds = balanced_loo_splits(list("aabbb"))
    >>> [len(train) for train, _ in folds]
    [2, 2, 4, 4, 4]
    """
    y = np.asarray(list(labels), dtype=object)
    rng = np.random.default_rng(random_state)
    authors = {a: np.flatnonzero(y == a) for a in dict.fromkeys(y.tolist())}
    folds = []
    for i, author in enumerate(y):
        keep = max(len(authors[author]) - 1, 1)
        train = [idx[idx != i] if a == author else idx for a, idx in authors.items()]
        train = [
            np.sort(rng.choice(idx, keep, replace=False)) if len(idx) > keep else idx
            for idx in train
        ]
        folds.append((np.sort(np.concatenate(train)), np.array([i])))
    return folds


def _splits(y: np.ndarray, cv: str | int, k: int, random_state: int | None):
    if cv == "loo":
        return list(LeaveOneOut().split(y))
    if cv == "loo_balanced":
        return balanced_loo_splits(y, random_state=random_state)
    n_splits = int(cv) if isinstance(cv, int | np.integer) and not isinstance(cv, bool) else k
    largest_class = np.bincount(np.unique(y, return_inverse=True)[1]).max()
    n_splits = max(2, min(n_splits, largest_class))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return list(
            StratifiedKFold(n_splits, shuffle=True, random_state=random_state).split(
                np.zeros(len(y)), y
            )
        )


def fit_predict_table(
    table: CountTable,
    y: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    *,
    method: str | BaseEstimator = "default",
    mfw: int | tuple[int, int] = 100,
    vectorizer: dict | None = None,
    transductive: bool = False,
    stylo: bool = False,
    proba: bool = False,
):
    """Fit on rows ``train`` of a count table and predict rows ``test`` (the core of every fold).

    Returns the predicted labels, and with ``proba=True`` also ``(classes, probabilities)``
    (``None`` when the method has no ``predict_proba``).
    """
    vec = MFWVectorizer(mfw, **(vectorizer or {}))
    vec.fit_table(table, np.concatenate([train, test]) if transductive else train)
    X_train = vec.transform_table(table, train)
    X_test = vec.transform_table(table, test)
    est = _estimator(method, stylo)
    if transductive and isinstance(est, DeltaClassifier):
        est.set_params(zscores="train+test")
    est.fit(X_train, y[train])
    predicted = est.predict(X_test)
    if not proba:
        return predicted
    if hasattr(est, "predict_proba"):
        return predicted, (est.classes_, est.predict_proba(X_test))
    return predicted, None


def _summaries(name, mfw, cv_name, mode, y, predicted, folds, doc_ids, elapsed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        balanced = balanced_accuracy_score(y, predicted)
    summary = {"method": name, "mfw": mfw, "cv": cv_name, "mode": mode, "n": len(y),
               "accuracy": float(np.mean(predicted == y)), "balanced_accuracy": float(balanced),
               "elapsed_s": elapsed}  # fmt: skip
    recall = [
        {"method": name, "mfw": mfw, "label": label, "n": int((y == label).sum()),
         "recall": float(np.mean(predicted[y == label] == label))}
        for label in np.unique(y)
    ]  # fmt: skip
    predictions = pd.DataFrame(
        {
            "method": name,
            "mfw": [mfw] * len(y),
            "doc_id": doc_ids,
            "label": y,
            "predicted": predicted,
            "fold": folds,
            "correct": predicted == y,
        }  # fmt: skip
    )
    return summary, recall, predictions


def cross_validate(
    texts: Iterable[str] | CountTable,
    labels: Sequence[str],
    *,
    method: str | BaseEstimator | Sequence[str | BaseEstimator] = "default",
    mfw: int | tuple[int, int] | Sequence[int] = 100,
    cv: CV | int = "loo",
    k: int = 10,
    transductive: bool = False,
    stylo: bool = False,
    doc_ids: Sequence[str] | None = None,
    vectorizer: dict | None = None,
    random_state: int | None = 0,
) -> Validation:
    """Leave-one-out or stratified k-fold validation of attribution, inductive by default.

    Parameters
    ----------
    texts : list of str, or CountTable
        The texts of known authorship (or their counts, to share one tokenisation).
    labels : list of str
        The author of each text.
    method : str, estimator, or a list of them
        Names for :func:`~rhetoric.stylometry.classifiers.make_method`, or scikit-learn
        classifiers reading frequency tables (cloned for every fold).
    mfw : int, (int, int), or a list of ints
        Feature list size(s) for :class:`~rhetoric.stylometry.features.MFWVectorizer`: a list
        (or a range) is several sizes, each validated; a 2-tuple is one ``(first, last)`` range
        of frequency ranks, not two sizes: ``mfw=(2, 50)`` validates the words of ranks 2 to 50
        once (give ``[2, 50]`` for two sizes; unlike the sizes of
        :func:`~rhetoric.stylometry.grid.attribution_grid`).
    cv : {"loo", "loo_balanced", "kfold"} or int
        Leave-one-out; leave-one-out with as many training texts for every author as the
        held-out author has left (:func:`balanced_loo_splits`: class sizes give no hint); or
        stratified k-fold with ``k`` folds (an int sets ``k``).
    transductive : bool
        stylo's way: the word list (and Delta z-scores) also see the held-out texts.
    stylo : bool
        Use stylo 0.7.7's variant of each method (see ``make_method``).
    doc_ids : list of str, optional
        Names for the prediction table (default: a Series's index labels, else ``"doc0"``,
        ``"doc1"``, ...).
    vectorizer : dict, optional
        Other :class:`MFWVectorizer` parameters (``culling``, ``analyzer``, ``ngram``, ...).
    random_state : int or None
        Seed of the k-fold shuffle and of the texts kept by ``"loo_balanced"``.

    A text in which the tokeniser finds no word (empty, only digits) is left out, with a
    warning naming it: it is neither a training text nor a held-out one.

    Returns
    -------
    Validation
        ``summary``, ``recall``, ``predictions`` (see :class:`Validation`).

    Examples
    --------
    >>> texts = ["the cat sat on the mat"] * 3 + ["a dog ran to a park"] * 3
    >>> result = cross_validate(texts, list("aaabbb"), method="burrows", mfw=10)
    >>> result.summary[["method", "n", "accuracy"]].to_dict("records")
    [{'method': 'burrows', 'n': 6, 'accuracy': 1.0}]
    """
    y = np.asarray(list(labels), dtype=object)
    if isinstance(texts, CountTable):
        table = texts
    else:
        table = MFWVectorizer(**(vectorizer or {})).count_table(check_documents("texts", texts))
    if len(table) != len(y):
        raise UsageError(
            f"texts has {len(table)} documents but labels has {len(y)}; they must match"
        )
    if doc_ids is not None:
        doc_ids = list(doc_ids)
        _check_names("doc_ids", doc_ids, "texts", len(y))
    if not isinstance(cv, int | np.integer) or isinstance(cv, bool):
        check_choice("cv", cv, ["loo", "loo_balanced", "kfold"])
    methods = list(method) if isinstance(method, list | tuple) else [method]
    mfws = list(mfw) if isinstance(mfw, list | range) else [mfw]
    doc_ids = np.asarray(text_ids(texts, doc_ids, len(y)), dtype=object)
    summaries, recalls, frames = [], [], []
    rows = np.flatnonzero(table.totals > 0)  # a text without words is no evidence either way
    _check_authors_left(y[rows], y)
    if len(rows) < len(y):
        warnings.warn(
            f"left out {', '.join(doc_ids[table.totals == 0])}: no words to learn from or "
            "attribute",
            stacklevel=2,
        )
    y_all, y, doc_ids = y, y[rows], doc_ids[rows]
    if len(y) == 0:
        return Validation(pd.DataFrame(summaries), pd.DataFrame(recalls), pd.DataFrame())
    alone = sorted((label for label, n in Counter(y.tolist()).items() if n == 1), key=str)
    if alone and cv in ("loo", "loo_balanced"):
        warnings.warn(
            f"{len(alone)} author(s) with one text ({', '.join(map(str, alone[:5]))}"
            f"{', ...' if len(alone) > 5 else ''}): held out, that text has no other of its "
            "author's to learn from and is always attributed wrongly; leave such authors out "
            "to measure attribution",
            stacklevel=2,
        )
    names = _method_names(methods)
    splits = _splits(y, cv, k, random_state)
    cv_name = cv if cv in ("loo", "loo_balanced") else f"{len(splits)}-fold"
    mode = "transductive" if transductive else "inductive"
    for m, name in zip(methods, names, strict=True):
        for size in mfws:
            start = time.perf_counter()
            predicted = np.empty(len(y), dtype=object)
            folds = np.zeros(len(y), dtype=int)
            for fold, (train, test) in enumerate(splits):
                predicted[test] = fit_predict_table(
                    table, y_all, rows[train], rows[test], method=m, mfw=size,
                    vectorizer=vectorizer, transductive=transductive, stylo=stylo,
                )  # fmt: skip
                folds[test] = fold
            elapsed = time.perf_counter() - start
            s, r, p = _summaries(name, size, cv_name, mode, y, predicted, folds, doc_ids, elapsed)
            summaries.append(s)
            recalls.extend(r)
            frames.append(p)
    return Validation(
        pd.DataFrame(summaries), pd.DataFrame(recalls), pd.concat(frames, ignore_index=True)
    )


def attribute(
    train_texts: Iterable[str],
    train_labels: Sequence[str],
    test_texts: Iterable[str],
    *,
    method: str | BaseEstimator = "default",
    mfw: int | tuple[int, int] = 100,
    test_ids: Sequence[str] | None = None,
    stylo: bool = False,
    vectorizer: dict | None = None,
    train_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Attribute each test text to one of the training authors.

    The word list and z-scores come from the training texts only. A test text in which the
    tokeniser finds no word (empty, only digits or punctuation, or a script it does not read)
    has nothing to attribute: it is left out of the table, with a warning naming it, rather
    than given the probabilities of an all-zero profile; a training text without words is left
    out of the model the same way. A test text of fewer than
    :data:`MIN_WORDS` (100) words is attributed, with a warning naming it that so short a text
    is attributed unreliably.

    ``test_ids`` and ``train_ids`` name the texts in the table and in warnings (default: a
    Series's index labels, else ``"doc0"``, ``"doc1"``, ... as everywhere in the package), one
    name per text.

    ``mfw`` is a number of words or one ``(first, last)`` range of frequency ranks
    (:class:`~rhetoric.stylometry.MFWVectorizer`): ``mfw=(2, 50)`` uses the words of ranks 2 to
    50, not two sizes (unlike :func:`~rhetoric.stylometry.grid.attribution_grid`).

    Returns
    -------
    pandas.DataFrame
        One row per test text with words: ``doc_id``, ``predicted``, then one column per
        training label with its probability (absent when the method has no ``predict_proba``).

    Examples
    --------
    >>> attribute(["a a b", "a a c", "d d b", "d d c"], list("xxyy"), ["a a a b"],
    ...           method="burrows", mfw=4)[["doc_id", "predicted"]].to_dict("records")
    [{'doc_id': 'doc0', 'predicted': 'x'}]
    """
    given_train, train_texts = train_texts, check_documents("train_texts", train_texts)
    given, test_texts = test_texts, check_documents("test_texts", test_texts)
    y_train = np.asarray(list(train_labels), dtype=object)
    if len(train_texts) != len(y_train):
        raise UsageError(
            f"train_texts has {len(train_texts)} documents but train_labels has {len(y_train)}"
        )
    if len(set(y_train.tolist())) < 2:
        raise UsageError(
            f"train_labels name {len(set(y_train.tolist()))} author(s); attribution chooses "
            "between two or more (to ask whether one author wrote a text, use "
            "ImpostorsVerifier)"
        )
    ids = text_ids(given, test_ids, len(test_texts))
    _check_names("test_ids", ids, "test_texts", len(test_texts))
    if train_ids is not None:
        _check_names("train_ids", list(train_ids), "train_texts", len(train_texts))
    train_ids = text_ids(given_train, train_ids, len(train_texts))
    test_texts, ids = _texts_with_words(test_texts, ids, MFWVectorizer(**(vectorizer or {})))
    if not test_texts:  # the columns and dtypes of a table with rows: one per candidate author
        empty = {"doc_id": pd.Series(dtype="str"), "predicted": pd.Series(dtype="str")}
        authors = sorted({str(label) for label in y_train.tolist()})
        return pd.DataFrame({**empty, **{a: pd.Series(dtype=float) for a in authors}})
    table = MFWVectorizer(**(vectorizer or {})).count_table([*train_texts, *test_texts])
    y = np.concatenate([y_train, np.full(len(test_texts), None, dtype=object)])
    train = np.arange(len(train_texts))
    test = np.arange(len(train_texts), len(y))
    if (table.totals[train] == 0).any():  # an all-zero profile would pull its author's model
        names = np.asarray(train_ids)
        warnings.warn(
            f"left out training text(s) {', '.join(map(str, names[table.totals[train] == 0]))}: "
            "no words to learn from",
            stacklevel=2,
        )
        train = train[table.totals[train] > 0]
        _check_authors_left(y[train], y_train)
    predicted, proba = fit_predict_table(
        table,
        y,
        train,
        test,
        method=method,
        mfw=mfw,
        vectorizer=vectorizer,
        stylo=stylo,
        proba=True,
    )
    frame = pd.DataFrame({"doc_id": ids, "predicted": predicted})
    if proba is not None:
        classes, p = proba
        for j, label in enumerate(classes):
            frame[str(label)] = p[:, j]
    return frame


def _check_names(name: str, names: Sequence, texts: str, n_texts: int) -> None:
    """Raise unless there is one name per text (a shorter list failed deep inside, a longer
    one was cut without a word)."""
    if len(names) != n_texts:
        raise UsageError(
            f"{name} has {len(names)} names but {texts} has {n_texts}; give one name per text"
        )


def _texts_with_words(
    texts: list[str], ids: list[str], vectorizer: MFWVectorizer
) -> tuple[list[str], list[str]]:
    """The texts with at least one word, and their ids; a warning names the others and the short."""
    n_words = [
        len(text_features(t, tokenizer=vectorizer.tokenizer, lowercase=vectorizer.lowercase))
        for t in texts
    ]
    empty = [i for i, n in enumerate(n_words) if n == 0]
    if empty:
        warnings.warn(
            f"left out {', '.join(ids[i] for i in empty)}: no words to attribute (empty, or "
            "only digits, punctuation or letters the tokeniser does not read)",
            stacklevel=3,
        )
    # on character n-grams (the way to compare texts without word boundaries, such as Chinese)
    # a count of words says nothing of a text's length
    by_words = vectorizer.analyzer == "word"
    short = [f"{ids[i]} ({n})" for i, n in enumerate(n_words) if 0 < n < MIN_WORDS and by_words]
    if short:
        warnings.warn(
            f"fewer than {MIN_WORDS} words: {', '.join(short)}; attribution of so short a text "
            "is unreliable",
            stacklevel=3,
        )
    keep = [i for i, n in enumerate(n_words) if n > 0]
    return [texts[i] for i in keep], [ids[i] for i in keep]


def _check_authors_left(kept: np.ndarray, labels: np.ndarray) -> None:
    """Raise when leaving out the texts without words leaves no text, or one author of several."""
    if len(labels) and not len(kept):
        raise InputError(
            "none of the texts has a word to compare (empty, only digits, or letters the "
            "tokeniser does not read)"
        )
    lost = sorted(set(labels.tolist()) - set(kept.tolist()), key=str)
    if lost and len(set(kept.tolist())) < 2 <= len(set(labels.tolist())):
        raise InputError(
            f"no text of {', '.join(map(str, lost))} has words: fewer than two authors are left"
        )
