"""Attribution grid: hand-made texts with a known answer, and the Federalist benchmark floor."""

from __future__ import annotations

import pytest

from rhetoric.stylometry.grid import GRID_COLUMNS, attribution_grid, grid_counts

TEXTS = [
    "upon the whilst upon the upon shall", "upon the upon whilst the upon will",
    "while on the while on while on the", "on while the on while on the while",
    "upon upon the whilst upon", "on while on while the on",
]  # fmt: skip
LABELS = ["H", "H", "M", "M", "?", "?"]


def test_grid_attributes_every_test_text_in_every_cell():
    grid = attribution_grid(TEXTS, LABELS, target="?", methods=["burrows", "manhattan"], mfw=[3, 5],
                            doc_ids=list("abcdef"))  # fmt: skip
    assert list(grid.columns) == GRID_COLUMNS
    assert len(grid) == 2 * 2 * 2
    assert set(grid["doc_id"]) == {"e", "f"}
    assert grid.set_index(["method", "mfw", "doc_id"])["predicted"].to_dict() == {
        (m, k, d): {"e": "H", "f": "M"}[d]
        for m in ("burrows", "manhattan")
        for k in (3, 5)
        for d in "ef"
    }
    counts = grid_counts(grid, "M")
    assert counts.index.tolist() == ["burrows", "manhattan"]
    assert counts.values.tolist() == [[1, 1], [1, 1]]


def test_grid_empty_and_errors():
    assert attribution_grid([], [], target="?").empty
    with pytest.raises(ValueError, match="target='X'"):
        attribution_grid(TEXTS, LABELS, target="X")
    with pytest.raises(ValueError, match="labels has 2"):
        attribution_grid(TEXTS, ["H", "M"], target="?")
    with pytest.raises(TypeError, match="single str"):
        attribution_grid("one text", ["?"], target="?")


def test_federalist_disputed_papers_go_to_madison_with_svm_and_nsc(data_home):
    from rhetoric.corpora import load_federalist

    frame = load_federalist()
    grid = attribution_grid(frame["text"], frame["label"], target="Disputed",
                            candidates=["Hamilton", "Madison"], methods=["svm", "nsc", "burrows"],
                            mfw=[100, 500, 1000], doc_ids=frame["doc_id"])  # fmt: skip
    counts = grid_counts(grid, "Madison")
    assert counts.loc["svm"].min() == 12  # benchmarks/RESULTS-stylometry.md: 12/12 at every size
    assert counts.loc["nsc"].min() >= 11
    assert counts.loc["burrows", 1000] >= 11


def test_clade_labels_counts_members_by_label():
    from rhetoric.stylometry import consensus_tree
    from rhetoric.stylometry.grid import clade_labels

    tree = consensus_tree(TEXTS[:4], ["h1", "h2", "m1", "m2"], mfw=[3, 4, 5], metric="manhattan")
    table = clade_labels(tree.clades, {"h1": "H", "h2": "H", "m1": "M", "m2": "M"})
    assert list(table.columns) == ["clade", "size", "support", "H", "M", "members"]
    assert sorted(table[["H", "M"]].values.tolist()) == [[0, 2], [2, 0]]
    assert (table["H"] + table["M"] == table["size"]).all()
    assert clade_labels(tree.clades.iloc[:0], {"h1": "H"}).empty


def test_grid_refuses_candidates_that_would_train_on_the_test_texts_or_decide_nothing():
    """The target among the candidates put the test texts into the training set (each text
    attributed to its own label); an unknown candidate was ignored; one candidate took all."""
    from rhetoric.errors import UsageError

    def grid(candidates):
        return attribution_grid(TEXTS, LABELS, target="?", candidates=candidates,
                                methods=["burrows"], mfw=[3])  # fmt: skip

    with pytest.raises(UsageError, match=r"target '\?'.*among the candidates"):
        grid(["H", "M", "?"])
    with pytest.raises(UsageError, match=r"'X'.*H, M"):
        grid(["H", "M", "X"])
    with pytest.raises(UsageError, match=r"at least two"):
        grid(["H"])
    with pytest.raises(UsageError, match=r"at least two"):
        attribution_grid(TEXTS[:3] + TEXTS[4:5], ["H", "H", "H", "?"], target="?", mfw=[3])
    with pytest.raises(UsageError, match=r"doc_ids has 2 names but texts has 6"):
        attribution_grid(TEXTS, LABELS, target="?", mfw=[3], doc_ids=["a", "b"])
    assert set(grid(["H", "M"])["predicted"]) == {"H", "M"}
