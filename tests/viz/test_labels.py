"""Figures a journal accepts: words not code names, a legend for every encoding, a legible palette.

Every figure function of :mod:`rhetoric.viz.plots` is drawn here on data whose names are the
package's snake_case names (``rhetorical_question``, ``security_and_defense``, ``per_1000``), and
every text a reader sees is checked for underscores; figures that encode something beyond the
axes (a group colour, a dot size, a line width, a smoothed line) must carry a legend for it.
"""

from __future__ import annotations

import inspect
import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from rhetoric.viz import plots, validation  # noqa: E402
from rhetoric.viz.labels import display_name  # noqa: E402
from rhetoric.viz.style import (  # noqa: E402
    DEVICE_COLORS,
    GROUP_COLORS,
    contrast_ratio,
    figure_texts,
    label_problems,
    paper_style,
)

DEVICES = ["rhetorical_question", "anaphora", "alliteration"]
FRAMES = ["security_and_defense", "economic", "quality_of_life"]


def _rates():
    rows = []
    for doc, group in [("d1", "early_period"), ("d2", "early_period"), ("d3", "late_period")]:
        for number, device in enumerate(DEVICES):
            rows.append({"doc_id": doc, "group": group, "device": device, "count": number + 1,
                         "n_words": 1000})  # fmt: skip
    return pd.DataFrame(rows)


def _located():
    return pd.DataFrame({
        "device": ["rhetorical_question", "anaphora", "anaphora", "anaphora", "alliteration"],
        "paragraph": [0, 1, 1, 3, 2],
        "group": [None, "g1", "g1", "g2", None],
        "n_paragraphs": 4,
    })  # fmt: skip


def _frames():
    rows = [{"doc_id": f"doc_{y}", "year": y, "frame": f, "score": 1.0 + i, "hits": 1 + i}
            for y in (1990, 1991, 1992) for i, f in enumerate(FRAMES)]  # fmt: skip
    return pd.DataFrame(rows)


def _trend():
    years = np.arange(1950, 1970)
    return pd.DataFrame({"year": years, "per_1000": np.linspace(1, 3, len(years)),
                         "device": "rhetorical_question"})  # fmt: skip


def _points():
    rng = np.random.default_rng(0)
    return pd.DataFrame({
        "PC1": rng.normal(size=12), "PC2": rng.normal(size=12),
        "paper": [f"no_{i}" for i in range(12)],
        "author": ["Hamilton", "Madison", "Disputed_papers"] * 4,
    })  # fmt: skip


#: Each figure function, drawn on snake_case data; ``legend`` says whether it must carry one.
CASES = {
    "device_rates": (lambda ax: plots.device_rates(_rates(), n_boot=50, ax=ax), True),
    "device_map": (lambda ax: plots.device_map(_located(), ax=ax), True),
    "frame_heatmap": (lambda ax: plots.frame_heatmap(_frames().rename(columns={"score": "per_1000"}), value="per_1000", ax=ax), False),
    "frame_shares": (lambda ax: plots.frame_shares(_frames(), ax=ax), True),
    "dispersion": (lambda ax: plots.dispersion(_located().assign(corpus_index=range(5)), y="device", ax=ax), False),
    "contrast": (lambda ax: plots.contrast(pd.DataFrame({"term": ["per_capita", "war", "tax"], "z": [3.0, -2.5, 1.0]}),
                                           labels=("party_a", "party_b"), ax=ax), True),
    "pca_scatter": (lambda ax: plots.pca_scatter(_points(), label="paper", hue="author", ax=ax), True),
    "dendrogram": (lambda ax: plots.dendrogram(
        pd.DataFrame([[0, 1, 5], [1, 0, 4], [5, 4, 0]], index=["doc_a", "doc_b", "doc_c"],
                     columns=["doc_a", "doc_b", "doc_c"]),
        groups={"doc_a": "author_one", "doc_b": "author_one", "doc_c": "author_two"},
        group_title="Author", ax=ax), True),
    "consensus_network": (lambda ax: plots.consensus_network(
        pd.DataFrame({"Source": ["doc_a", "doc_b"], "Target": ["doc_b", "doc_c"], "Weight": [2.0, 1.0]}),
        groups={"doc_a": "author_one", "doc_b": "author_one", "doc_c": "author_two"}, ax=ax), True),
    "zeta_bars": (lambda ax: plots.zeta_bars(
        pd.DataFrame({"word": ["upon", "while_"], "zeta": [0.5, -0.4], "group": ["author_one", "author_two"]}),
        group="group", ax=ax), True),
    "rate_trend": (lambda ax: plots.rate_trend(_trend(), y="per_1000", legend=True, ax=ax), True),
    "shade_years": (lambda ax: plots.shade_years([1951, 1952], label="War years", ax=ax), False),
    "raw_and_corrected": (lambda ax: validation.raw_and_corrected(pd.DataFrame({
        "device": ["rhetorical_question", "anaphora"] * 2, "label": ["author_one"] * 2 + ["author_two"] * 2,
        "rate": [4.0, 2.0, 3.0, 1.0], "ci_low": [3.0, 1.0, 2.0, 0.5], "ci_high": [5.0, 3.0, 4.0, 1.5],
        "corrected": [2.0, 1.0, 1.5, 0.5], "corrected_low": [1.0, 0.5, 1.0, 0.2],
        "corrected_high": [3.0, 1.5, 2.0, 0.8]}), group="label", ax=ax), True),
    "precision_intervals": (lambda ax: validation.precision_intervals(pd.DataFrame({
        "device": ["rhetorical_question", "anaphora"], "judged": [6, 4], "precision": [1.0, 0.5],
        "precision_low": [0.6, 0.15], "precision_high": [1.0, 0.85], "lenient": [1.0, 0.6],
        "lenient_low": [0.6, 0.2], "lenient_high": [1.0, 0.9]}), ax=ax), True),
    "technique_scores_plot": (lambda ax: validation.technique_scores_plot(pd.DataFrame({
        "name": ["repetition", "loaded_words"], "precision": [0.1, 0.5], "recall": [0.4, 0.1],
        "f1": [0.16, 0.17], "n_pred": [50, 20]}), ax=ax), True),
    "gold_recall": (lambda ax: validation.gold_recall({"at the defaults": pd.DataFrame({
        "device": ["rhetorical_question", "anaphora"], "positives": [7, 13], "matched": [6, 0]})},
        ax=ax), True),
    "tradeoff_curve": (lambda ax: validation.tradeoff_curve(pd.DataFrame({
        "min_score": ["default", "0.50", "0.00"], "genre": ["speech"] * 3, "recall": [0.4, 0.6, 1.0],
        "judged": [10, 20, 40], "precision": [0.9, 0.8, 0.5], "precision_low": [0.6, 0.58, 0.35],
        "precision_high": [0.98, 0.92, 0.65]}), target=(0.95, 0.85), ax=ax), True),
}  # fmt: skip

GRIDS = {
    "facet": lambda: plots.facet(plots.rate_trend, _rates().assign(year=[1, 2, 3] * 3,
                                                                  rate=[1.0, 2.0, 3.0] * 3),
                                 col="device", y="rate", window=2),
    "device_map_grid": lambda: plots.device_map_grid(
        pd.concat([_located().assign(doc_id="doc_one"), _located().assign(doc_id="doc_two")])),
}  # fmt: skip


def _plot_functions():
    return sorted(
        name
        for module in (plots, validation)
        for name, member in inspect.getmembers(module, inspect.isfunction)
        if member.__module__ == module.__name__ and not name.startswith("_")
    )


def test_every_figure_function_is_checked_here():
    assert set(_plot_functions()) == set(CASES) | set(GRIDS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_figure_labels_are_words_and_encodings_have_legends(name):
    draw, needs_legend = CASES[name]
    with paper_style():
        figure, ax = plt.subplots(figsize=(7, 3.5))
        draw(ax)
        texts = figure_texts(figure)
        assert texts, f"{name} shows no text at all"
        assert label_problems(figure) == [], f"{name} shows code names: {label_problems(figure)}"
        if needs_legend:
            legend = ax.get_legend()
            assert legend is not None and legend.get_texts(), f"{name} has no legend"
    plt.close(figure)


@pytest.mark.parametrize("name", sorted(GRIDS))
def test_grid_titles_are_words_not_seaborn_equations(name):
    with paper_style():
        grid = GRIDS[name]()
        titles = [ax.get_title() for ax in grid.axes.flat]
        assert all("=" not in t and "_" not in t for t in titles), titles
        assert label_problems(grid) == []
    plt.close("all")


def test_rate_trend_names_its_smoothing_in_the_legend():
    with paper_style():
        figure, ax = plt.subplots()
        plots.rate_trend(_trend(), y="per_1000", window=7, legend=True, ax=ax)
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(figure)
    assert "Centred moving average of 7 documents" in legend and "one document" in legend


def test_facet_of_rate_trends_has_one_shared_legend():
    grid = GRIDS["facet"]()
    assert all(ax.get_legend() is None for ax in grid.axes.flat)
    (legend,) = grid.figure.legends
    assert any("moving average" in t.get_text() for t in legend.get_texts())
    plt.close("all")


def test_device_map_sizes_have_a_legend_in_figures():
    with paper_style():
        figure, ax = plt.subplots()
        plots.device_map(_located(), ax=ax)
        legend = ax.get_legend()
        # anaphora: group g1 twice in paragraph 1 is one figure, g2 in paragraph 3 another
        assert legend.get_title().get_text() == "Figures in the paragraph"
        assert [t.get_text() for t in legend.get_texts()] == ["1"]
    plt.close(figure)


def _boxes_overlap(texts, renderer) -> list[tuple[str, str]]:
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    return [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
            if box_a.overlaps(box_b)]  # fmt: skip


def test_pca_point_labels_do_not_overlap_even_when_points_crowd():
    rng = np.random.default_rng(3)
    crowded = pd.DataFrame({"PC1": np.r_[rng.normal(0, 0.05, 10), rng.normal(3, 1, 20)],
                            "PC2": np.r_[rng.normal(0, 0.05, 10), rng.normal(0, 1, 20)],
                            "label": [str(n) for n in range(30)]})  # fmt: skip
    with paper_style():
        figure, ax = plt.subplots(figsize=(7, 4.6))
        plots.pca_scatter(crowded, ax=ax)
        figure.canvas.draw()
        assert _boxes_overlap(ax.texts, figure.canvas.get_renderer()) == []
    plt.close(figure)


def test_network_node_labels_do_not_overlap():
    nodes = [f"n{i}" for i in range(25)]
    edges = pd.DataFrame({"Source": nodes[:-1], "Target": nodes[1:], "Weight": 1.0})
    with paper_style():
        figure, ax = plt.subplots(figsize=(7, 5))
        plots.consensus_network(edges, ax=ax)
        figure.canvas.draw()
        assert _boxes_overlap(ax.texts, figure.canvas.get_renderer()) == []
    plt.close(figure)


def test_tradeoff_labels_stay_clear_of_each_other_and_of_the_error_bars():
    """Two settings a hair apart (0.70 and the defaults) crowd four labels and long bars; each
    label must still sit by its own point, on no bar and no other label."""
    settings = ["default", "0.70", "0.60", "0.50", "0.30"]
    table = pd.DataFrame({
        "min_score": settings, "genre": "speech", "judged": 100,
        "recall": [0.553, 0.541, 0.612, 0.671, 0.788],
        "precision": [0.918, 0.906, 0.895, 0.856, 0.752],
        "precision_low": [0.86, 0.84, 0.84, 0.80, 0.70],
        "precision_high": [0.95, 0.95, 0.93, 0.90, 0.80],
    })  # fmt: skip
    with paper_style():
        figure, ax = plt.subplots(figsize=(5, 5))
        validation.tradeoff_curve(table, ax=ax)
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        labels = [t for t in ax.texts if t.get_text() in {"defaults", *settings[1:]}]
        assert len(labels) == len(settings) and _boxes_overlap(labels, renderer) == []
        for text in labels:
            box = text.get_window_extent(renderer)
            for bar in table.itertuples():
                (x, low), (_, high) = ax.transData.transform([(bar.recall, bar.precision_low),
                                                              (bar.recall, bar.precision_high)])  # fmt: skip
                crosses = box.x0 < x < box.x1 and box.y0 < high and box.y1 > low
                assert not crosses, (text.get_text(), bar.min_score)
            # by its own point: within 40 points of it
            label = text.get_text()
            own = table[table["min_score"] == ("default" if label == "defaults" else label)].iloc[0]
            px, py = ax.transData.transform((own.recall, own.precision))
            near = min(abs(px - box.x0), abs(px - box.x1)) + min(abs(py - box.y0), abs(py - box.y1))
            assert near < 40 * figure.dpi / 72, label
    plt.close(figure)


@pytest.mark.parametrize("color", sorted({*DEVICE_COLORS.values(), *GROUP_COLORS}))
def test_every_colour_passes_contrast_on_white_and_so_shows_in_greyscale(color):
    # WCAG 2.1 non-text contrast: 3:1. Contrast is a ratio of luminances, i.e. of greyscale values.
    assert contrast_ratio(color) >= 3.0, f"{color}: {contrast_ratio(color):.2f}:1 on white"


def _lab(color: str) -> np.ndarray:
    from matplotlib.colors import to_rgb

    rgb = np.array(
        [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color)]
    )
    xyz = (
        np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
        @ rgb
    )
    xyz /= [0.9505, 1.0, 1.089]
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_device_colours_are_distinct_from_each_other():
    colors = {k: v for k, v in DEVICE_COLORS.items() if k not in ("frame", "stance")}
    close = [(a, b) for (a, ca), (b, cb) in itertools.combinations(colors.items(), 2)
             if np.linalg.norm(_lab(ca) - _lab(cb)) < 20]  # fmt: skip
    assert close == [], close


def test_display_names_cover_devices_and_frames():
    from rhetoric.devices import DEVICES
    from rhetoric.framing import FRAMES

    for name in [*DEVICES, *FRAMES]:
        assert "_" not in display_name(name) and display_name(name)[0].isupper()
    assert display_name("security_and_defense") == "Security and defense"
    assert display_name("duplicated_paragraph") == "Duplicated paragraph"


def test_save_figure_refuses_code_names_when_asked(tmp_path, monkeypatch):
    from rhetoric.viz.style import CHECK_ENV, save_figure

    figure, ax = plt.subplots()
    ax.set_ylabel("rhetorical_question")
    with pytest.warns(UserWarning, match="rhetorical_question"):
        save_figure(figure, "warned", formats=["png"], folder=tmp_path)
    monkeypatch.setenv(CHECK_ENV, "error")
    with pytest.raises(ValueError, match="underscores"):
        save_figure(figure, "refused", formats=["png"], folder=tmp_path)
    assert not (tmp_path / "refused.png").exists()
    plt.close(figure)


def test_a_label_pushed_away_from_its_point_gets_a_leader_line_back_to_it():
    figure, ax = plt.subplots(figsize=(4, 3))
    xs, ys = 0.5 + 0.005 * np.arange(12), np.full(12, 0.5)  # crowded: most labels pushed away
    ax.plot(xs, ys, "o")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    before = len(ax.lines)
    plots._place_labels(ax, xs, ys, [f"label {n}" for n in range(12)])
    figure.canvas.draw()
    leaders = ax.lines[before:]
    assert leaders
    for line in leaders:  # each starts at a marker's edge, near one of the points
        x0, y0 = line.get_xdata()[0], line.get_ydata()[0]
        assert np.min(np.hypot(xs - x0, ys - y0)) < 0.05
    assert ax.get_xlim() == (0, 1)  # the lines do not move the axes' limits
    plt.close(figure)


def test_words_and_text_names_are_shown_as_they_are_not_as_column_or_layer_names():
    """The words "rate", "frame" and "frames" are words in a word figure, not "Per 1,000 words"
    or "Frame keywords"; only device, frame and kind names are worded."""
    from rhetoric.stats import log_odds_ratio
    from rhetoric.viz.labels import display_text, display_value

    assert display_value("rate") == "rate" and display_value("frames") == "frames"
    assert display_value("z") == "z" and display_value("burrows") == "burrows"
    assert display_value("anaphora") == "Anaphora"
    assert display_value("security_and_defense") == "Security and defense"
    assert display_value("loaded_negative") == "Loaded (negative)"
    assert display_text("economic") == "economic" and display_text("Hamilton_01") == "Hamilton 01"

    def ticks(ax):
        return [t.get_text() for t in ax.get_yticklabels()]

    table = log_odds_ratio({"rate": 30, "frame": 12, "war": 2, "tax": 20},
                           {"rate": 3, "frame": 2, "war": 30, "tax": 5})  # fmt: skip
    assert sorted(ticks(plots.contrast(table, ax=plt.subplots()[1]))) == [
        "frame", "rate", "tax", "war"
    ]  # fmt: skip
    hits = pd.DataFrame({"term": ["rate", "frame", "anaphora"], "corpus_index": [0, 4, 9]})
    assert ticks(plots.dispersion(hits, ax=plt.subplots()[1])) == ["anaphora", "frame", "rate"]
    zeta = pd.DataFrame({"word": ["frames", "rate"], "zeta": [0.5, -0.4], "group": ["a", "b"]})
    assert sorted(ticks(plots.zeta_bars(zeta, group="group", ax=plt.subplots()[1]))) == [
        "frames", "rate"
    ]  # fmt: skip
    points = pd.DataFrame({"PC1": [0.0, 1.0, 2.0], "PC2": [0.0, 1.0, 0.0],
                           "label": ["frame", "rate", "economic"]})  # fmt: skip
    ax = plots.pca_scatter(points, ax=plt.subplots()[1])
    assert sorted(t.get_text() for t in ax.texts) == ["economic", "frame", "rate"]
    distances = pd.DataFrame([[0, 1, 5], [1, 0, 4], [5, 4, 0]], index=["rate", "frames", "tax"],
                             columns=["rate", "frames", "tax"])  # fmt: skip
    ax = plots.dendrogram(distances, ax=plt.subplots()[1])
    shown = [t.get_text() for t in [*ax.get_xticklabels(), *ax.get_yticklabels()]]
    assert {"rate", "frames", "tax"} <= set(shown)
    plt.close("all")
