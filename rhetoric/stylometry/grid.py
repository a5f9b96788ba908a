"""Attribution over a grid of methods and word-list sizes: how robust is an answer?

A single attribution depends on the distance and on how many most frequent words (MFW) are
used. :func:`attribution_grid` attributes the same test texts under every combination, with
the word list and z-scores learned on the training texts only (as
:func:`~rhetoric.stylometry.attribute` does); :func:`grid_counts` tallies how many test texts go
to one candidate in each cell, the table of the Federalist benchmark (``benchmarks/stylometry.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from rhetoric.errors import UsageError, check_documents, invalid_value
from rhetoric.stylometry.features import text_ids

#: Columns of :func:`attribution_grid`.
GRID_COLUMNS = ["method", "mfw", "doc_id", "predicted"]


def attribution_grid(
    texts: Iterable[str],
    labels: Sequence[str],
    *,
    target: str,
    candidates: Sequence[str] | None = None,
    methods: Sequence[str] = (
        "burrows",
        "eder",
        "cosine_delta",
        "manhattan",
        "minmax",
        "svm",
        "nsc",
        "debiased_centroid",
    ),
    mfw: Iterable[int] = range(100, 1001, 100),
    doc_ids: Sequence[str] | None = None,
    vectorizer: dict | None = None,
) -> pd.DataFrame:
    """Attribute the texts labelled ``target`` with every method at every MFW size.

    Parameters
    ----------
    texts : list of str
        The whole corpus (training and test texts); counted once.
    labels : list of str
        One label per text: authors for training texts, ``target`` for the texts to attribute.
    target : str
        The label of the texts to attribute (``"Disputed"``).
    candidates : list of str, optional
        The training authors (default: every label other than ``target``): at least two
        labels of the texts, ``target`` not among them.
    methods : list of str
        Method names of :func:`~rhetoric.stylometry.make_method`.
    mfw : iterable of int
        Word-list sizes, one column of the grid each: ``mfw=(100, 500)`` is two sizes, 100 and
        500 words, not the rank range 100-500 that a 2-tuple means to
        :func:`~rhetoric.stylometry.attribute` and :func:`~rhetoric.stylometry.cross_validate`.
    doc_ids : list of str, optional
        Names of the texts (default: their positions).
    vectorizer : dict, optional
        Options of :class:`~rhetoric.stylometry.MFWVectorizer`.

    Returns
    -------
    DataFrame
        One row per method, MFW size and test text: ``method`` (str), ``mfw`` (int), ``doc_id``
        (str), ``predicted`` (str). No texts: an empty table; a ``target`` no text carries, a
        candidate no text carries, the target among the candidates or fewer than two candidates
        are errors.

    Examples
    --------
    >>> texts = ["a a b", "a a c", "d d b", "d d c", "a a a d"]
    >>> grid = attribution_grid(texts, list("xxyy?"), target="?", methods=["burrows"], mfw=[4])
    >>> grid.values.tolist()
    [['burrows', 4, 'doc4', 'x']]
    """
    from rhetoric.stylometry.features import MFWVectorizer
    from rhetoric.stylometry.validation import fit_predict_table

    given, texts = texts, check_documents("texts", texts)
    y = np.asarray(list(labels), dtype=object)
    if len(y) != len(texts):
        raise ValueError(f"texts has {len(texts)} documents but labels has {len(y)}")
    if not texts:
        return pd.DataFrame(columns=GRID_COLUMNS).astype({"mfw": "int64"})
    if target not in set(y):
        raise invalid_value("target", target, {str(v) for v in y})
    names = text_ids(given, doc_ids, len(texts))
    if len(names) != len(texts):
        raise UsageError(
            f"doc_ids has {len(names)} names but texts has {len(texts)}; give one per text"
        )
    authors = (
        [v for v in dict.fromkeys(y) if v != target] if candidates is None else list(candidates)
    )
    _check_candidates(authors, target, y)
    train = np.flatnonzero(np.isin(y, authors))
    test = np.flatnonzero(y == target)
    table = MFWVectorizer(**(vectorizer or {})).count_table(texts)
    rows = []
    for method in methods:
        for size in mfw:
            predicted = fit_predict_table(table, y, train, test, method=method, mfw=size,
                                          vectorizer=vectorizer)  # fmt: skip
            rows.extend(
                (method, int(size), doc, str(p))
                for doc, p in zip([names[i] for i in test], predicted, strict=True)
            )
    return pd.DataFrame(rows, columns=GRID_COLUMNS).astype({"mfw": "int64"})


def _check_candidates(candidates: list, target: str, labels: np.ndarray) -> None:
    """Raise unless the candidates are at least two labels of training texts, ``target`` not
    among them (its texts would be in the training set, each attributed to its own label)."""
    if target in candidates:
        raise UsageError(
            f"the target {target!r} is among the candidates: its texts would be trained on and "
            "attributed to themselves; give the training authors only"
        )
    authors = [v for v in dict.fromkeys(labels.tolist()) if v != target]
    unknown = [c for c in candidates if c not in authors]
    if unknown:
        raise UsageError(
            f"candidate(s) {', '.join(map(repr, unknown))} label no text; the labels are "
            f"{', '.join(map(str, authors))}"
        )
    if len(set(candidates)) < 2:
        raise UsageError(
            f"attribution needs at least two candidates, and there are {len(set(candidates))} "
            f"({', '.join(map(str, dict.fromkeys(candidates)))}): every text would go to it"
        )


def grid_counts(grid: pd.DataFrame, label: str) -> pd.DataFrame:
    """How many test texts each method x MFW cell gives to ``label``.

    Returns
    -------
    DataFrame
        Index ``method`` (in the grid's order), one column per MFW size, integer counts.

    Examples
    --------
    >>> grid = pd.DataFrame({"method": ["m", "m", "m"], "mfw": [100, 100, 200], "doc_id": ["a", "b", "a"],
    ...                      "predicted": ["x", "y", "x"]})
    >>> grid_counts(grid, "x").to_dict("index")
    {'m': {100: 1, 200: 1}}
    """
    for column in GRID_COLUMNS:
        if column not in grid.columns:
            raise invalid_value("column", column, map(str, grid.columns))
    hits = grid.assign(hit=(grid["predicted"] == label).astype("int64"))
    table = hits.pivot_table(
        index="method", columns="mfw", values="hit", aggfunc="sum", fill_value=0
    )
    order = list(dict.fromkeys(grid["method"]))
    return table.reindex(order).astype("int64")


def clade_labels(clades: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """Who is in each clade of a consensus tree: label counts per clade.

    Parameters
    ----------
    clades : DataFrame
        ``clades`` of :func:`~rhetoric.stylometry.consensus_tree` (``clade``, ``members``,
        ``size``, ``support``).
    labels : mapping
        ``{doc_id: label}`` (author, ``Disputed``...).

    Returns
    -------
    DataFrame
        ``clade``, ``size``, ``support``, then one integer column per label (in order of first
        appearance in ``labels``) counting the clade's members with that label, and ``members``.

    Examples
    --------
    >>> clades = pd.DataFrame({"clade": [0], "members": [("a", "b", "c")], "size": [3], "support": [0.8]})
    >>> clade_labels(clades, {"a": "H", "b": "M", "c": "M"})[["size", "H", "M"]].values.tolist()
    [[3, 1, 2]]
    """
    for column in ("clade", "members", "size", "support"):
        if column not in clades.columns:
            raise invalid_value("column", column, map(str, clades.columns))
    names = list(dict.fromkeys(labels.values()))
    counts = [
        [sum(labels.get(m) == name for m in members) for name in names]
        for members in clades["members"]
    ]
    table = pd.DataFrame(counts, columns=names, index=clades.index, dtype="int64")
    return pd.concat([clades[["clade", "size", "support"]], table, clades[["members"]]], axis=1)
