"""PCA, MDS, clustering and the consensus tree and network on small hand-made corpora."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import fcluster

from rhetoric.stylometry.exploration import (
    cluster_tree,
    consensus_network,
    consensus_tree,
    frequency_table,
    mds_coordinates,
    principal_components,
)

TEXTS = [
    "upon the whole the matter is upon us and upon them",
    "upon the land the law is upon us and upon the sea",
    "on the whole the matter is on us and on them while we wait",
    "on the land the law is on us and on the sea while we wait",
]
IDS = ["H1", "H2", "M1", "M2"]


def test_frequency_table_is_texts_by_features():
    freq = frequency_table(TEXTS, IDS, mfw=5)
    assert freq.index.tolist() == IDS and freq.shape == (4, 5)
    assert freq.loc["H1", "upon"] == pytest.approx(300 / 11)


def test_pca_separates_the_two_groups_on_the_first_component():
    result = principal_components(frequency_table(TEXTS, IDS, mfw=8), list("HHMM"))
    pc1 = result.coordinates.set_index("doc_id")["PC1"]
    assert np.sign(pc1["H1"]) == np.sign(pc1["H2"]) != np.sign(pc1["M1"]) == np.sign(pc1["M2"])
    assert result.coordinates["label"].tolist() == list("HHMM")
    assert set(result.loadings["feature"]) == set(frequency_table(TEXTS, IDS, mfw=8).columns)
    assert 0 < result.explained_variance_ratio[0] <= 1


def test_correlation_pca_and_empty_table():
    freq = frequency_table(TEXTS, IDS, mfw=8)
    assert principal_components(freq, correlation=True).coordinates.shape == (4, 4)
    assert principal_components(freq.iloc[:0]).coordinates.empty


def test_mds_keeps_euclidean_distances():
    freq = pd.DataFrame([[0.0, 0.0], [3.0, 0.0], [0.0, 4.0]], index=["a", "b", "c"])
    coords = mds_coordinates(freq, metric="euclidean")[["Dim1", "Dim2"]].to_numpy()
    assert np.linalg.norm(coords[1] - coords[2]) == pytest.approx(5.0)
    assert np.linalg.norm(coords[0] - coords[1]) == pytest.approx(3.0)


def test_ward_tree_joins_each_author_first():
    tree = cluster_tree(frequency_table(TEXTS, IDS, mfw=8), metric="burrows", linkage="ward")
    assert tree.labels == IDS
    groups = fcluster(tree.linkage, 2, criterion="maxclust")
    assert groups[0] == groups[1] != groups[2] == groups[3]
    assert tree.distances.shape == (4, 4)
    with pytest.raises(ValueError, match="did you mean 'ward'"):
        cluster_tree(frequency_table(TEXTS, IDS), linkage="wards")


def test_consensus_tree_and_network():
    tree = consensus_tree(TEXTS, IDS, mfw=[4, 6, 8])
    assert tree.n_trees == 3
    assert tree.newick in ("((H1,H2)1.00,(M1,M2)1.00);", "((M1,M2)1.00,(H1,H2)1.00);")
    assert set(tree.clades["members"]) == {("H1", "H2"), ("M1", "M2")}
    edges = consensus_network(TEXTS, IDS, mfw=[4, 6, 8], n_neighbors=1)
    assert edges.columns.tolist() == ["Source", "Target", "Weight", "Type"]
    assert edges.iloc[:2][["Source", "Target"]].values.tolist() == [["H1", "H2"], ["M1", "M2"]]
    assert edges["Weight"].iloc[0] == 6.0  # 3 settings x both directions


def test_empty_corpus_gives_empty_results():
    assert consensus_network([], [], mfw=[5]).empty
    assert consensus_tree([], [], mfw=[5]).clades.empty
