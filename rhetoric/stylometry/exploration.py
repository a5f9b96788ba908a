"""Exploring a corpus without labels: PCA, MDS, clustering, consensus trees and networks.

Every function returns plain tables a notebook can plot: coordinates with ``doc_id`` and
``label`` columns (seaborn's ``hue=``), a SciPy linkage matrix with its leaf labels, a table of
clades with their support and a Newick string, a Gephi edge table. Nothing is drawn and
nothing is written to disk here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import linkage as scipy_linkage
from scipy.spatial.distance import squareform

from rhetoric.errors import check_choice, check_documents
from rhetoric.stylometry.distances import delta_distances
from rhetoric.stylometry.features import CountTable, MFWVectorizer, text_ids

Linkage = Literal["ward", "complete", "average", "single", "weighted", "centroid", "median"]
LINKAGES = ("ward", "complete", "average", "single", "weighted", "centroid", "median")


def _table(texts: Iterable[str] | CountTable, vectorizer: dict | None) -> CountTable:
    if isinstance(texts, CountTable):
        return texts
    return MFWVectorizer(**(vectorizer or {})).count_table(check_documents("texts", texts))


def _ids(texts: object, n: int, doc_ids: Sequence[str] | None) -> list[str]:
    return text_ids(texts, doc_ids, n)


def frequency_table(
    texts: Iterable[str] | CountTable,
    doc_ids: Sequence[str] | None = None,
    *,
    mfw: int | tuple[int, int] = 100,
    vectorizer: dict | None = None,
) -> pd.DataFrame:
    """Relative frequencies (per 100 tokens) of the corpus's most frequent words.

    ``mfw`` is a number of words or a ``(first, last)`` range of frequency ranks, as for
    :class:`~rhetoric.stylometry.MFWVectorizer`: ``mfw=(2, 50)`` is the words of ranks 2 to 50,
    one table, not two tables of 2 and 50 words (unlike the list of sizes of
    :func:`consensus_tree` and :func:`consensus_network`).

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``; one column per feature, in frequency order.

    Examples
    --------
    >>> frequency_table(["a b a", "b c"], ["x", "y"], mfw=2).round(1).to_dict("index")
    {'x': {'a': 66.7, 'b': 33.3}, 'y': {'a': 0.0, 'b': 50.0}}
    """
    table = _table(texts, vectorizer)
    vec = MFWVectorizer(mfw, **(vectorizer or {})).fit_table(table)
    index = pd.Index(_ids(texts, len(table), doc_ids), name="doc_id")
    return pd.DataFrame(
        vec.transform_table(table), index=index, columns=vec.get_feature_names_out()
    )


def _with_labels(
    frame: pd.DataFrame, doc_ids: Sequence[str], labels: Sequence[str] | None
) -> pd.DataFrame:
    frame.insert(0, "doc_id", list(doc_ids))
    frame.insert(1, "label", list(labels) if labels is not None else [None] * len(frame))
    return frame


class PCAResult(NamedTuple):
    """Principal components: ``coordinates`` (``doc_id``, ``label``, ``PC1``...), ``loadings``
    (``feature``, ``PC1``...), ``explained_variance_ratio`` (one value per component)."""

    coordinates: pd.DataFrame
    loadings: pd.DataFrame
    explained_variance_ratio: np.ndarray


def principal_components(
    frequencies: pd.DataFrame,
    labels: Sequence[str] | None = None,
    *,
    n_components: int = 2,
    correlation: bool = False,
) -> PCAResult:
    """PCA of a frequency table, on the covariance (stylo's PCV) or correlation matrix (PCR).

    Parameters
    ----------
    frequencies : pandas.DataFrame
        Texts by features, as :func:`frequency_table` returns.
    labels : list of str, optional
        A label per text (for colouring).
    correlation : bool
        Standardise the features first (every word weighs the same).

    Returns
    -------
    PCAResult

    Examples
    --------
    >>> freq = pd.DataFrame([[1.0, 2.0], [2.0, 4.1], [3.0, 5.9]], index=["a", "b", "c"])
    >>> result = principal_components(freq, n_components=1)
    >>> result.coordinates.columns.tolist(), bool(result.explained_variance_ratio[0] > 0.99)
    (['doc_id', 'label', 'PC1'], True)
    """
    X = frequencies.to_numpy(dtype=float)
    n_components = max(0, min(n_components, *X.shape)) if X.size else 0
    names = [f"PC{i + 1}" for i in range(n_components)]
    if n_components == 0:
        coords = _with_labels(pd.DataFrame(columns=names), list(frequencies.index), labels)
        return PCAResult(coords, pd.DataFrame(columns=["feature", *names]), np.zeros(0))
    Z = X - X.mean(axis=0)
    if correlation:
        std = X.std(axis=0, ddof=1) if len(X) > 1 else np.ones(X.shape[1])
        Z = Z / np.where(std > 0, std, 1.0)
    U, S, Vt = np.linalg.svd(Z, full_matrices=False)
    # Fix the sign of each component so results are reproducible: largest loading positive.
    signs = np.sign(Vt[np.arange(len(Vt)), np.abs(Vt).argmax(axis=1)])
    signs[signs == 0] = 1
    U, Vt = U * signs, Vt * signs[:, None]
    variance = S**2
    ratio = variance / variance.sum() if variance.sum() > 0 else np.zeros_like(variance)
    coords = pd.DataFrame((U * S)[:, :n_components], columns=names)
    coords = _with_labels(coords, list(frequencies.index), labels)
    loadings = pd.DataFrame(Vt[:n_components].T, columns=names)
    loadings.insert(0, "feature", list(frequencies.columns))
    return PCAResult(coords, loadings, ratio[:n_components])


def mds_coordinates(
    frequencies: pd.DataFrame,
    labels: Sequence[str] | None = None,
    *,
    metric: str = "burrows",
    n_components: int = 2,
) -> pd.DataFrame:
    """Classical (Torgerson) multidimensional scaling of the Delta distances, as R's ``cmdscale``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``label``, ``Dim1``, ``Dim2``...

    Examples
    --------
    >>> freq = pd.DataFrame([[0.0, 0.0], [3.0, 4.0]], index=["a", "b"])
    >>> coords = mds_coordinates(freq, metric="euclidean", n_components=1)
    >>> float(abs(coords["Dim1"][0] - coords["Dim1"][1]))
    5.0
    """
    D = (
        delta_distances(frequencies.to_numpy(dtype=float), metric=metric)
        if len(frequencies)
        else np.zeros((0, 0))
    )
    n = len(D)
    names = [f"Dim{i + 1}" for i in range(n_components)]
    if n == 0:
        return _with_labels(pd.DataFrame(columns=names), [], labels)
    J = np.eye(n) - 1.0 / n
    B = -0.5 * J @ (D**2) @ J
    values, vectors = np.linalg.eigh(B)
    order = np.argsort(values)[::-1][:n_components]
    values, vectors = np.clip(values[order], 0, None), vectors[:, order]
    signs = np.sign(vectors[np.abs(vectors).argmax(axis=0), np.arange(vectors.shape[1])])
    signs[signs == 0] = 1
    coords = vectors * signs * np.sqrt(values)
    if coords.shape[1] < n_components:
        coords = np.hstack([coords, np.zeros((n, n_components - coords.shape[1]))])
    return _with_labels(pd.DataFrame(coords, columns=names), list(frequencies.index), labels)


class Dendrogram(NamedTuple):
    """A hierarchical clustering: the SciPy ``linkage`` matrix and the ``labels`` of its leaves
    (pass both to :func:`scipy.cluster.hierarchy.dendrogram`, or the whole tree to
    :func:`rhetoric.viz.dendrogram`), and the ``distances`` used (``attrs["linkage"]`` names the
    linkage method)."""

    linkage: np.ndarray
    labels: list[str]
    distances: pd.DataFrame


def cluster_tree(
    frequencies: pd.DataFrame, *, metric: str = "burrows", linkage: Linkage = "ward"
) -> Dendrogram:
    """Hierarchical clustering of the texts on a Delta distance (stylo's cluster analysis).

    Examples
    --------
    >>> freq = pd.DataFrame([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0]], index=["a", "b", "c"])
    >>> tree = cluster_tree(freq, metric="euclidean", linkage="average")
    >>> tree.labels, tree.linkage[0, :2].tolist()
    (['a', 'b', 'c'], [0.0, 1.0])
    """
    check_choice("linkage", linkage, LINKAGES)
    ids = [str(i) for i in frequencies.index]
    if len(frequencies) < 2:
        return Dendrogram(
            np.zeros((0, 4)),
            ids,
            pd.DataFrame(np.zeros((len(ids), len(ids))), index=ids, columns=ids),
        )
    D = delta_distances(frequencies.to_numpy(dtype=float), metric=metric)
    Z = scipy_linkage(squareform(D, checks=False), method=linkage)
    distances = pd.DataFrame(D, index=ids, columns=ids)
    distances.attrs["linkage"] = linkage  # so that a plot of the distances redraws this tree
    return Dendrogram(Z, ids, distances)


def _clades(Z: np.ndarray, n: int) -> list[frozenset[int]]:
    members: list[frozenset[int]] = [frozenset([i]) for i in range(n)]
    for a, b, *_ in Z:
        members.append(members[int(a)] | members[int(b)])
    return members[n:-1]  # internal clades, without the root


def _newick_name(name: str) -> str:
    if any(c in name for c in " ,;:()[]'\t\n"):
        return "'" + name.replace("'", "''") + "'"
    return name


def _newick(clades: list[tuple[frozenset[int], float]], names: list[str]) -> str:
    n = len(names)
    nodes = [(frozenset(range(n)), None), *sorted(clades, key=lambda c: -len(c[0]))]
    children: dict[int, list[int]] = {i: [] for i in range(len(nodes))}
    for j in range(1, len(nodes)):
        parent = min(
            (i for i in range(j) if nodes[j][0] < nodes[i][0]), key=lambda i: len(nodes[i][0])
        )
        children[parent].append(j)

    def render(i: int) -> str:
        members, support = nodes[i]
        covered = set().union(*(nodes[c][0] for c in children[i])) if children[i] else set()
        parts = [render(c) for c in children[i]] + [
            _newick_name(names[m]) for m in sorted(members - covered)
        ]
        label = "" if support is None else f"{support:.2f}"
        return "(" + ",".join(parts) + ")" + label

    return render(0) + ";"


class ConsensusTree(NamedTuple):
    """A consensus of clusterings: ``newick`` (support as internal node labels), ``clades``
    (``clade``, ``members`` (tuple of doc ids), ``size``, ``support``) and ``n_trees``."""

    newick: str
    clades: pd.DataFrame
    n_trees: int


def consensus_tree(
    texts: Iterable[str] | CountTable,
    doc_ids: Sequence[str] | None = None,
    *,
    mfw: Iterable[int] = range(100, 1001, 100),
    metric: str = "burrows",
    linkage: Linkage = "ward",
    strength: float = 0.5,
    vectorizer: dict | None = None,
) -> ConsensusTree:
    """Bootstrap consensus tree (stylo's BCT): cluster at every MFW setting, keep frequent clades.

    A clade (a group of texts joined in a tree) is kept when it appears in at least ``strength``
    of the trees, most frequent first, and only if it is compatible (nested or disjoint) with
    the clades already kept; with ``strength >= 0.5`` this is the majority-rule consensus.

    ``mfw`` is a list of word-list sizes, one tree per size: ``mfw=(100, 500)`` is two
    settings, 100 and 500 words, not the rank range 100-500 that a 2-tuple means to
    :func:`frequency_table`, :func:`~rhetoric.stylometry.cross_validate` and
    :class:`~rhetoric.stylometry.MFWVectorizer`.

    Examples
    --------
    >>> texts = ["a a b", "a a b b", "c d d", "c c d d"]
    >>> tree = consensus_tree(texts, ["A1", "A2", "B1", "B2"], mfw=[2, 3, 4], metric="manhattan")
    >>> tree.newick
    '((A1,A2)1.00,(B1,B2)1.00);'
    """
    table = _table(texts, vectorizer)
    names = _ids(texts, len(table), doc_ids)
    sizes = list(mfw)
    tally: Counter[frozenset[int]] = Counter()
    n_trees = 0
    if len(table) >= 3:
        for size in sizes:
            freq = frequency_table(table, names, mfw=size, vectorizer=vectorizer)
            tree = cluster_tree(freq, metric=metric, linkage=linkage)
            tally.update(_clades(tree.linkage, len(names)))
            n_trees += 1
    kept: list[tuple[frozenset[int], float]] = []
    for clade, count in sorted(
        tally.items(), key=lambda item: (-item[1], -len(item[0]), sorted(item[0]))
    ):
        support = count / n_trees
        if support < strength:
            break
        if all(clade <= k or k <= clade or not (clade & k) for k, _ in kept):
            kept.append((clade, support))
    rows = [{"clade": i, "members": tuple(names[m] for m in sorted(c)), "size": len(c), "support": s}
            for i, (c, s) in enumerate(kept)]  # fmt: skip
    clades = pd.DataFrame(rows, columns=["clade", "members", "size", "support"])
    newick = _newick(kept, names) if names else ";"
    return ConsensusTree(newick, clades, n_trees)


def consensus_network(
    texts: Iterable[str] | CountTable,
    doc_ids: Sequence[str] | None = None,
    *,
    mfw: Iterable[int] = range(100, 1001, 100),
    metric: str = "burrows",
    n_neighbors: int = 3,
    vectorizer: dict | None = None,
) -> pd.DataFrame:
    """Consensus network edges (stylo's network approach), as a table Gephi imports.

    At every MFW setting each text is linked to its nearest, second and third nearest
    neighbours with weights 1, 1/2 and 1/4 (``n_neighbors`` of them, halving); weights are
    summed over settings and over both directions. Write it with
    ``edges.to_csv("edges.csv", index=False)`` and import it in Gephi as an edge table.

    ``mfw`` is a list of word-list sizes, one neighbour graph per size: ``mfw=(100, 500)`` is two
    settings, 100 and 500 words, not the rank range 100-500 that a 2-tuple means to
    :func:`frequency_table`, :func:`~rhetoric.stylometry.cross_validate` and
    :class:`~rhetoric.stylometry.MFWVectorizer`.

    Returns
    -------
    pandas.DataFrame
        ``Source``, ``Target`` (doc ids, ``Source < Target``), ``Weight``, ``Type``
        (``"Undirected"``), sorted by descending weight.

    Examples
    --------
    >>> edges = consensus_network(["a a b", "a a b b", "c d d"], ["x", "y", "z"], mfw=[4], n_neighbors=1)
    >>> edges.to_dict("records")[0]
    {'Source': 'x', 'Target': 'y', 'Weight': 2.0, 'Type': 'Undirected'}
    """
    table = _table(texts, vectorizer)
    names = _ids(texts, len(table), doc_ids)
    weights: Counter[tuple[str, str]] = Counter()
    k = max(0, min(n_neighbors, len(names) - 1))
    for size in list(mfw) if k else []:
        freq = frequency_table(table, names, mfw=size, vectorizer=vectorizer)
        D = delta_distances(freq.to_numpy(dtype=float), metric=metric)
        np.fill_diagonal(D, np.inf)
        nearest = np.argsort(D, axis=1, kind="stable")[:, :k]
        for i, row in enumerate(nearest):
            for rank, j in enumerate(row):
                a, b = sorted((names[i], names[j]))
                weights[(a, b)] += 0.5**rank
    rows = [
        {"Source": a, "Target": b, "Weight": w, "Type": "Undirected"}
        for (a, b), w in weights.items()
    ]
    edges = pd.DataFrame(rows, columns=["Source", "Target", "Weight", "Type"])
    return edges.sort_values(
        ["Weight", "Source", "Target"], ascending=[False, True, True], ignore_index=True
    )
