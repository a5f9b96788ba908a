"""Every plot returns its Axes with the expected artists, on small hand-made tidy data."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection, PolyCollection, QuadMesh  # noqa: E402
from scipy.cluster.hierarchy import dendrogram as scipy_dendrogram  # noqa: E402
from scipy.cluster.hierarchy import linkage  # noqa: E402
from scipy.spatial.distance import squareform  # noqa: E402

from rhetoric import stylometry  # noqa: E402
from rhetoric.text import Document  # noqa: E402
from rhetoric.viz import plots  # noqa: E402
from rhetoric.viz.style import device_color  # noqa: E402
from rhetoric.viz.tables import locate_spans, term_positions  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def fresh_ax() -> Axes:
    return plt.subplots()[1]


def rates_table() -> pd.DataFrame:
    rows = []
    for doc, (group, words) in enumerate(
        [("left", 900), ("left", 1100), ("right", 1000), ("right", 800)]
    ):
        for device, count in [("anaphora", doc + 1), ("tricolon", 3 - doc % 2)]:
            rows.append(
                {
                    "doc_id": f"d{doc}",
                    "group": group,
                    "n_words": words,
                    "device": device,
                    "count": count,
                }
            )
    return pd.DataFrame(rows)


def test_device_rates_draws_one_errorbar_series_per_group():
    ax = fresh_ax()
    returned = plots.device_rates(rates_table(), n_boot=200, ax=ax)
    assert returned is ax
    assert len(ax.containers) == 2  # left, right
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Anaphora", "Tricolon"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["left", "right"]
    # the dots sit at the pooled rates: anaphora / left = (1 + 2) / 2000 words = 1.5 per 1,000
    left_points = ax.containers[0].lines[0].get_xdata()
    assert left_points[0] == pytest.approx(1.5)


def test_device_rates_without_groups_and_on_current_axes():
    table = rates_table().drop(columns="group")
    plt.figure()
    ax = plots.device_rates(table, n_boot=100)
    assert ax is plt.gca()
    assert len(ax.containers) == 1 and ax.get_legend() is None


def located() -> pd.DataFrame:
    doc = Document("We act now. We act together.\n\nThe cost is real.\n\nWe act, we act, we act.")
    spans = [
        doc.span(0, 2, device="anaphora", kind="clause", group="a"),
        doc.span(12, 14, device="anaphora", kind="clause", group="a"),
        doc.span(49, 55, device="epizeuxis", kind="phrase", group="e"),
        doc.span(57, 63, device="epizeuxis", kind="phrase", group="e"),
        doc.span(30, 38, device="frame", kind="economy"),
    ]
    return locate_spans(SimpleNamespace(doc=doc, device_spans=spans))


def test_locate_spans_paragraphs_and_words():
    table = located()
    assert table["paragraph"].tolist() == [0, 0, 1, 2, 2]
    assert table["n_paragraphs"].unique().tolist() == [3]
    assert table.loc[0, "word_index"] == 0 and table.loc[1, "word_index"] == 3


def test_device_map_dots_in_device_colours():
    ax = plots.device_map(located(), ax=fresh_ax())
    (dots,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    offsets = dots.get_offsets()
    # one dot per (device, paragraph): x = paragraph, y = row of the device
    assert sorted(map(tuple, np.asarray(offsets).tolist())) == [(0.0, 0.0), (1.0, 2.0), (2.0, 1.0)]
    # one figure per dot: the two spans of group "a" (or "e") in one paragraph are one figure
    assert sorted(dots.get_sizes().tolist()) == [18.0, 18.0, 18.0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Anaphora", "Epizeuxis", "Frame keywords"]
    assert ax.get_legend().get_title().get_text() == "Figures in the paragraph"
    colors = {matplotlib.colors.to_hex(c).upper() for c in dots.get_facecolors()}
    assert matplotlib.colors.to_hex(device_color("anaphora")).upper() in colors
    assert ax.get_xlim() == (-0.5, 2.5)


def test_a_device_map_of_candidates_says_its_dots_count_candidates():
    # notebook 01 maps every candidate (min_score=0), but the size legend said "Figures in the
    # paragraph": the dots count candidates, of which the defaults keep none there
    ax = plots.device_map(located(), counted="candidates", ax=fresh_ax())
    assert ax.get_legend().get_title().get_text() == "Candidates in the paragraph"


def test_device_map_grid_returns_the_grid():
    table = pd.concat([located().assign(doc_id="one"), located().assign(doc_id="two")])
    grid = plots.device_map_grid(table)
    assert len(grid.axes.flat) == 2
    assert all(any(isinstance(c, PathCollection) for c in ax.collections) for ax in grid.axes.flat)


def test_frame_heatmap_pivots_documents_by_frames():
    data = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b", "b"],
            "frame": ["security", "economy", "security", "economy", "economy"],
            "score": [0.5, 0.2, 0.1, 0.3, 0.5],
        }
    )
    ax = plots.frame_heatmap(data, ax=fresh_ax())
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    values = np.asarray(mesh.get_array()).reshape(2, 2)
    # rows a, b; columns economy, security; b/economy averaged
    assert values.tolist() == [[0.2, 0.5], [0.4, 0.1]]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Economy", "Security"]


def test_frame_shares_area_and_line():
    data = pd.DataFrame(
        {
            "year": [2000, 2000, 2001, 2001],
            "frame": ["war", "trade", "war", "trade"],
            "hits": [3, 1, 0, 2],
        }
    )
    ax = plots.frame_shares(data, ax=fresh_ax())
    polys = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(polys) == 2
    line_ax = plots.frame_shares(data, kind="line", ax=fresh_ax())
    lines = {line.get_label(): line.get_ydata().tolist() for line in line_ax.get_lines()}
    assert lines == {"Trade": [0.25, 1.0], "War": [0.75, 0.0]}
    with pytest.raises(ValueError, match="kind='bar'"):
        plots.frame_shares(data, kind="bar")


def test_dispersion_ticks_per_term_and_document_boundaries():
    corpus = {
        "first": "Peace now. Peace always.",
        "second": "War and peace.",
        "third": "War again.",
    }
    data = term_positions(corpus, ["peace", "war"])
    assert data["corpus_index"].tolist() == [0, 2, 4, 6, 7]
    ax = plots.dispersion(data, ax=fresh_ax())
    rows = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [len(c.get_offsets()) for c in rows] == [3, 2]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["peace", "war"]
    boundaries = [line.get_xdata()[0] for line in ax.get_lines()]
    assert boundaries == [4, 7]


def test_dispersion_of_devices_uses_device_colours():
    ax = plots.dispersion(located(), y="device", ax=fresh_ax())
    first = [c for c in ax.collections if isinstance(c, PathCollection)][0]
    assert (
        matplotlib.colors.to_hex(first.get_edgecolor()[0]).upper()
        == device_color("anaphora").upper()
    )


def test_contrast_bars_for_both_sides():
    data = pd.DataFrame({"term": list("abcdef"), "z": [4.0, 2.5, 0.5, -0.3, -2.2, -5.0]})
    ax = plots.contrast(data, n=2, labels=("left", "right"), ax=fresh_ax())
    widths = [p.get_width() for p in ax.patches]
    assert widths == [4.0, 2.5, -2.2, -5.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "e", "f"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Typical of left",
        "Typical of right",
        "±1.96",
    ]


def test_pca_scatter_points_and_labels():
    data = pd.DataFrame(
        {
            "PC1": [0.1, -0.4, 0.3],
            "PC2": [0.2, 0.0, -0.5],
            "label": ["x1", "x2", "y1"],
            "author": ["X", "X", "Y"],
        }
    )
    ax = plots.pca_scatter(data, hue="author", ax=fresh_ax())
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in points) == 3
    assert sorted(t.get_text() for t in ax.texts) == ["x1", "x2", "y1"]


def test_dendrogram_from_linkage_and_from_distances():
    coordinates = np.array([[0.0], [0.1], [5.0], [5.2]])
    ax = plots.dendrogram(
        linkage(coordinates, "average"), labels=["a", "b", "c", "d"], ax=fresh_ax()
    )
    assert any(isinstance(c, LineCollection) for c in ax.collections)
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["a", "b", "c", "d"]
    distances = pd.DataFrame(
        np.abs(coordinates - coordinates.T), index=list("abcd"), columns=list("abcd")
    )
    ax2 = plots.dendrogram(
        distances, groups={"a": "P", "b": "P", "c": "Q", "d": "Q"}, ax=fresh_ax()
    )
    ticks = {t.get_text(): matplotlib.colors.to_hex(t.get_color()) for t in ax2.get_yticklabels()}
    assert ticks["a"] == ticks["b"] != ticks["c"] == ticks["d"]


# --- the stylometry outputs, passed as they are ----------------------------------------------------

STYLO_TEXTS = ["upon the whole upon it whilst we", "upon the land upon it whilst they",
               "on the whole on it while we", "on the sea on it while they"]  # fmt: skip
STYLO_IDS = ["H1", "H2", "M1", "M2"]


def test_pca_scatter_of_principal_components_labels_points_by_doc_id():
    frequencies = stylometry.frequency_table(STYLO_TEXTS, STYLO_IDS, mfw=10)
    ax = plots.pca_scatter(stylometry.principal_components(frequencies).coordinates, ax=fresh_ax())
    assert sorted(t.get_text() for t in ax.texts) == sorted(STYLO_IDS)  # not "None"


def test_pca_scatter_of_mds_coordinates():
    frequencies = stylometry.frequency_table(STYLO_TEXTS, STYLO_IDS, mfw=10)
    coordinates = stylometry.mds_coordinates(frequencies, list("HHMM"))
    ax = plots.pca_scatter(coordinates, hue="label", ax=fresh_ax())
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Dim1", "Dim2")
    assert sorted(t.get_text() for t in ax.texts) == ["H", "H", "M", "M"]


def test_consensus_network_of_the_gephi_table():
    edges = stylometry.consensus_network(STYLO_TEXTS, STYLO_IDS, mfw=[5, 10], n_neighbors=1)
    ax = plots.consensus_network(edges, ax=fresh_ax())
    (lines,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(lines.get_segments()) == len(edges)
    assert sorted(t.get_text() for t in ax.texts) == sorted(STYLO_IDS)


def test_zeta_bars_of_a_zeta_table():
    table = stylometry.zeta(STYLO_TEXTS[:2], STYLO_TEXTS[2:], segment_size=4, pool=False,
                            names=("H", "M"))  # fmt: skip
    ax = plots.zeta_bars(table, ax=fresh_ax())
    markers = table[table["preferred_by"].notna()]
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == sorted(markers["word"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["H", "M"]


def test_dendrogram_draws_the_trees_own_linkage():
    points = [[0.6, 0.3], [0.0, 0.0], [0.8, 0.9], [0.6, 0.7], [0.5, 0.9], [0.8, 0.0]]
    frequencies = pd.DataFrame(points, index=list("abcdef"))
    tree = stylometry.cluster_tree(frequencies, metric="euclidean", linkage="ward")
    ward = scipy_dendrogram(tree.linkage, no_plot=True, labels=tree.labels)["ivl"]
    condensed = squareform(tree.distances.to_numpy())
    average = scipy_dendrogram(linkage(condensed, "average"), no_plot=True, labels=tree.labels)
    assert ward != average["ivl"]  # the example tells the two trees apart
    for data in (tree, tree.distances):
        ax = plots.dendrogram(data, ax=fresh_ax())
        assert [t.get_text() for t in ax.get_yticklabels()] == ward


def test_consensus_network_edges_nodes_labels():
    data = pd.DataFrame(
        {"Source": ["a", "a", "b", "c"], "Target": ["b", "c", "c", "d"], "Weight": [3, 1, 2, 1]}
    )
    ax = plots.consensus_network(
        data, groups={"a": "P", "b": "P", "c": "Q", "d": "Q"}, ax=fresh_ax()
    )
    (edges,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(edges.get_segments()) == 4
    nodes = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in nodes) == 4  # one collection per group
    assert sorted(t.get_text() for t in ax.texts) == ["a", "b", "c", "d"]
    widths = edges.get_linewidths()
    assert widths[0] == max(widths)  # the heaviest edge is the widest
    circle = plots.consensus_network(data, layout="circle", ax=fresh_ax())
    assert (
        len([c for c in circle.collections if isinstance(c, PathCollection)][0].get_offsets()) == 4
    )


def test_zeta_bars_top_words_per_group():
    data = pd.DataFrame(
        {
            "word": ["upon", "whilst", "nation", "while", "people", "on"],
            "zeta": [0.8, 0.6, 0.1, -0.7, -0.05, -0.4],
            "preferred_by": ["H", "H", "H", "M", "M", "M"],
        }  # fmt: skip
    )
    ax = plots.zeta_bars(data, n=2, ax=fresh_ax())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["upon", "whilst", "on", "while"]
    assert len(ax.patches) == 4


@pytest.mark.parametrize(
    "function, columns",
    [
        (plots.device_rates, ["device", "count", "n_words"]),
        (plots.device_map, ["device", "paragraph"]),
        (plots.frame_heatmap, ["doc_id", "frame", "score"]),
        (plots.frame_shares, ["year", "frame", "hits"]),
        (plots.dispersion, ["term", "corpus_index"]),
        (plots.contrast, ["term", "z"]),
        (plots.pca_scatter, ["PC1", "PC2", "label"]),
        (plots.consensus_network, ["Source", "Target", "Weight"]),
        (plots.zeta_bars, ["word", "zeta", "preferred_by"]),
    ],
)
def test_empty_data_gives_an_empty_axes_not_an_error(function, columns):
    ax = function(pd.DataFrame(columns=columns), ax=fresh_ax())
    assert isinstance(ax, Axes)
    assert [t.get_text() for t in ax.texts] != []


def test_missing_column_is_named():
    with pytest.raises(ValueError, match="column='score' is not valid"):
        plots.frame_heatmap(pd.DataFrame({"doc_id": [], "frame": [], "value": []}), ax=fresh_ax())


def test_pca_scatter_reads_an_mds_table_with_one_axis_named():
    from rhetoric.viz.plots import pca_scatter

    points = pd.DataFrame({"Dim1": [0.2, -0.1], "Dim2": [0.0, 0.3], "label": ["t1", "t2"]})
    ax = pca_scatter(points, x="Dim1", ax=plt.subplots()[1])
    assert ax.get_xlabel().startswith("Dim1") and ax.get_ylabel().startswith("Dim2")
    plt.close("all")
