"""Plots in the seaborn manner: a tidy DataFrame in, ``ax=None``, the ``Axes`` out.

Axes-level functions draw on one ``Axes`` (the current one when ``ax`` is ``None``) and return
it; :func:`facet` and :func:`device_map_grid` are figure-level and return a seaborn
``FacetGrid``. Device colours are those of the HTML view (:func:`rhetoric.viz.style.device_color`);
group colours come from the colour-blind-safe palette. Draw inside
:func:`rhetoric.viz.style.paper_style` for figures meant for a paper.

Expected inputs (column names are the defaults; every one can be renamed by argument):

==========================  =====================================================================
function                    data
==========================  =====================================================================
:func:`device_rates`        one row per document x device: ``device``, ``count``, ``n_words``,
                            optional ``group`` (:func:`rhetoric.stats.device_counts`)
:func:`device_map`          one row per span: ``device``, ``paragraph`` (:func:`locate_spans`)
:func:`frame_heatmap`       one row per document (or year) x frame: ``doc_id``, ``frame``, ``score``
:func:`frame_shares`        one row per document x frame: ``year``, ``frame``, ``hits``
:func:`dispersion`          one row per occurrence: ``term`` (or ``device``), ``corpus_index``,
                            optional ``doc_start`` / ``doc_id`` (:func:`term_positions`)
:func:`contrast`            one row per term: ``term``, ``z`` (:func:`rhetoric.stats.log_odds_ratio`)
:func:`pca_scatter`         one row per text: ``PC1``, ``PC2`` (or ``Dim1``, ``Dim2``), ``label``,
                            optional hue column (``principal_components(...).coordinates``,
                            :func:`~rhetoric.stylometry.mds_coordinates`)
:func:`dendrogram`          a :func:`~rhetoric.stylometry.cluster_tree`, a SciPy linkage matrix
                            and labels, or a square distance DataFrame
:func:`consensus_network`   one row per edge: ``Source``, ``Target``, ``Weight`` (the Gephi table
                            of :func:`rhetoric.stylometry.consensus_network`)
:func:`zeta_bars`           one row per word: ``word``, ``zeta``, ``preferred_by``
                            (:func:`rhetoric.stylometry.zeta`)
==========================  =====================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from rhetoric.errors import UsageError, check_choice, invalid_value
from rhetoric.stats import bootstrap_rate_ci
from rhetoric.viz.labels import display_name, display_names, display_text, display_value
from rhetoric.viz.style import GROUP_COLORS, GROUP_MARKERS, LABELS, device_color
from rhetoric.viz.tables import locate_spans


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    return ax


def _require(data: pd.DataFrame, *columns: str | None) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a tidy pandas DataFrame, not {type(data).__name__}")
    for column in columns:
        if column is not None and column not in data.columns:
            raise invalid_value("column", column, map(str, data.columns))


def _label_order(values) -> list:
    """Device labels in the package's order, other values sorted after them."""
    present = list(dict.fromkeys(values))
    known = [label for label in LABELS if label in present]
    return known + sorted((v for v in present if v not in LABELS), key=str)


def _group_colors(groups: Sequence) -> dict:
    """A colour per group from :data:`~rhetoric.viz.style.GROUP_COLORS` (cycled past eight)."""
    return {g: GROUP_COLORS[i % len(GROUP_COLORS)] for i, g in enumerate(groups)}


def _group_markers(groups: Sequence) -> dict:
    """A marker per group, so that groups stay apart in greyscale."""
    return {g: GROUP_MARKERS[i % len(GROUP_MARKERS)] for i, g in enumerate(groups)}


#: A label placed this many points or more from its point gets a leader line back to it.
_LEADER_FROM = 10


def _leader(ax, point, box, radius: float) -> None:
    """A thin grey line from a marker (``point``, display coordinates) to the nearest point of its
    label's ``box``, drawn in data coordinates without moving the axes' limits."""
    from matplotlib.lines import Line2D

    end = np.clip(point, [box.x0, box.y0], [box.x1, box.y1])
    gap = np.linalg.norm(end - point)
    if gap <= radius:
        return
    start = point + (end - point) * (radius / gap)  # from the marker's edge
    (x0, y0), (x1, y1) = ax.transData.inverted().transform([start, end])
    ax.add_artist(Line2D([x0, x1], [y0, y1], color="0.55", lw=0.6, zorder=2.5))


def _place_labels(
    ax, xs, ys, texts, *, fontsize="x-small", avoid_points: bool = True, bars=None
) -> list:
    """Annotate points without overlap: each label takes the first free place around its point.

    Eight places around the point are tried at growing distances; a place is free when the
    label's box (in display space) overlaps no label placed before it, no other point and no
    error bar of ``bars`` (rows of data coordinates ``x, low, high``: vertical bars, as wide as
    their caps). Labels are placed from the most crowded point outwards, so crowded labels get
    the first choice. Returns the ``Text`` objects in the order of ``texts``.
    """
    from matplotlib.transforms import Bbox

    figure = ax.figure
    figure.canvas.draw()  # the transforms and text extents are final only after a draw
    renderer = figure.canvas.get_renderer()
    points = ax.transData.transform(np.column_stack([xs, ys]).astype(float))
    n = len(points)
    if n == 0:
        return []
    gaps = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2)
    np.fill_diagonal(gaps, np.inf)
    order = np.argsort(gaps.min(axis=1)) if n > 1 else np.arange(n)
    directions = [(1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)]
    dpi_scale = figure.dpi / 72
    placed: list = []
    for x, low, high in [] if bars is None else bars:
        (bx, by0), (_, by1) = ax.transData.transform([(x, low), (x, high)])
        half = 2.5 * dpi_scale  # a cap of 2 points, less than the nearest label distance
        placed.append(Bbox.from_extents(bx - half, min(by0, by1), bx + half, max(by0, by1)))
    made: dict[int, object] = {}
    radius = 3.5 * dpi_scale  # a marker's radius in pixels
    for i in order:
        text = ax.annotate(str(texts[i]), (xs[i], ys[i]), xytext=(0, 0), textcoords="offset points",
                           fontsize=fontsize, zorder=3)  # fmt: skip
        box = text.get_window_extent(renderer)
        width, height = box.width, box.height
        best = None
        for distance in (3, 6, 10, 16, 24):
            for dx, dy in directions:
                ox = (
                    dx * distance * dpi_scale
                    + (0 if dx >= 0 else -width)
                    - (width / 2 if dx == 0 else 0)
                )
                oy = (
                    dy * distance * dpi_scale
                    + (0 if dy >= 0 else -height)
                    - (height / 2 if dy == 0 else 0)
                )
                x0, y0 = points[i, 0] + ox, points[i, 1] + oy
                candidate = Bbox.from_bounds(x0, y0, width, height)
                clash = any(candidate.overlaps(other) for other in placed)
                if not clash and avoid_points:
                    centre = np.array(
                        [(candidate.x0 + candidate.x1) / 2, (candidate.y0 + candidate.y1) / 2]
                    )
                    near = np.abs(points - centre)
                    inside = (near[:, 0] < width / 2 + radius) & (near[:, 1] < height / 2 + radius)
                    inside[i] = False
                    clash = bool(inside.any())
                if not clash:
                    best = (ox, oy, candidate, distance)
                    break
            if best is not None:
                break
        if best is None:  # nowhere free: the first place, as before
            ox, oy = 3 * dpi_scale, 3 * dpi_scale
            best = (
                ox,
                oy,
                Bbox.from_bounds(points[i, 0] + ox, points[i, 1] + oy, width, height),
                3,
            )
        ox, oy, candidate, distance = best
        if distance >= _LEADER_FROM:  # pushed away from its point: a thin line leads back to it
            _leader(ax, points[i], candidate, radius)
        text.set_position((ox / dpi_scale, oy / dpi_scale))
        text.set_horizontalalignment("left")
        text.set_verticalalignment("bottom")
        placed.append(candidate)
        made[int(i)] = text
    return [made[i] for i in range(n)]


def _empty(ax, message: str = "nothing to show"):
    """Say so on an Axes with nothing to draw, without the meaningless 0-1 ticks."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


# --- devices ------------------------------------------------------------------------------------


def device_rates(
    data: pd.DataFrame,
    *,
    device: str = "device",
    group: str | None = "group",
    count: str = "count",
    words: str = "n_words",
    n_boot: int = 2000,
    ci: float = 95,
    seed: int | None = 0,
    order: Sequence[str] | None = None,
    ax=None,
):
    """Device rates per 1,000 words by group, with bootstrap confidence intervals.

    Each device is a row; each group a dot (pooled rate) with a horizontal interval from
    :func:`rhetoric.stats.bootstrap_rate_ci` (documents resampled within the group; the exact
    Poisson interval of the count for a group of one document or without any figure).

    Parameters
    ----------
    data : DataFrame
        One row per document and device, zeros included (:func:`rhetoric.stats.device_counts`).
    device, group, count, words : str
        Column names; ``group=None`` (or a missing ``"group"`` column) draws one series.
    n_boot, ci, seed
        Passed to :func:`~rhetoric.stats.bootstrap_rate_ci`.
    order : list of str, optional
        Devices from top to bottom.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One error-bar series per group (``ax.containers``), a legend when there are groups.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> data = pd.DataFrame({"device": ["anaphora"] * 4, "group": ["a", "a", "b", "b"],
    ...                      "count": [2, 3, 0, 1], "n_words": [1000, 1000, 500, 500]})
    >>> ax = device_rates(data, n_boot=100, ax=plt.subplots()[1])
    >>> [float(round(x, 1)) for c in ax.containers for x in c.lines[0].get_xdata()]
    [2.5, 1.0]
    >>> plt.close("all")
    """
    if group == "group" and isinstance(data, pd.DataFrame) and "group" not in data.columns:
        group = None
    _require(data, device, count, words, group)
    ax = _axes(ax)
    if data.empty:
        return _empty(ax)
    keys = [device] if group is None else [device, group]
    table = bootstrap_rate_ci(
        data, value=count, words=words, by=keys, n_boot=n_boot, ci=ci, seed=seed
    )
    devices = list(order) if order is not None else _label_order(table[device])
    groups = [None] if group is None else list(dict.fromkeys(table[group]))
    colors = _group_colors(groups)
    markers = _group_markers(groups)
    height = 0.7
    step = height / len(groups)
    for number, name in enumerate(groups):
        part = table if name is None else table[table[group] == name]
        part = part[part[device].isin(devices)]
        y = np.array([devices.index(d) for d in part[device]], dtype=float)
        y += -height / 2 + step * (number + 0.5) if len(groups) > 1 else 0.0
        rate = part["rate"].to_numpy()
        errors = np.vstack([rate - part["ci_low"].to_numpy(), part["ci_high"].to_numpy() - rate])
        ax.errorbar(rate, y, xerr=np.clip(errors, 0, None), fmt=markers[name], color=colors[name],
                    markersize=4, capsize=2, linewidth=1,
                    label=None if name is None else display_value(name))  # fmt: skip
    ax.set_yticks(range(len(devices)), display_names(devices))
    ax.set_ylim(len(devices) - 0.5, -0.5)
    ax.set_xlim(left=0)
    ax.set_xlabel(f"Per 1,000 words ({ci:g}% CI, documents resampled)")
    ax.set_ylabel("")
    if group is not None:
        ax.legend(title=display_name(group), frameon=False)
    return ax


def device_map(
    data: pd.DataFrame,
    *,
    x: str = "paragraph",
    y: str = "device",
    n_positions: int | None = None,
    counted: str = "figures",
    ax=None,
):
    """Where each device falls along a document, paragraph by paragraph.

    A dot for every paragraph (``x``) where a device (``y``) occurs, its area growing with the
    number of figures there (spans sharing a ``group`` are one figure), in the device's colour.
    The row already names the device, so the colour only repeats it; a legend gives the sizes,
    titled by what they count (``counted``: "Figures in the paragraph").

    Parameters
    ----------
    data : DataFrame or Analysis
        One row per span with a paragraph index (:func:`rhetoric.viz.tables.locate_spans`); an
        :class:`~rhetoric.analysis.Analysis` is located first.
    x : str, default "paragraph"
        Position column (``"sentence"`` or ``"word_index"`` also work).
    y : str, default "device"
    n_positions : int, optional
        Length of the axis (default: ``n_paragraphs`` when ``x="paragraph"``, else the largest
        position + 1).
    counted : str, default "figures"
        What the dots count, for the size legend's title: ``"candidates"`` for a map of every
        candidate (``min_score=0``), whose figures the defaults would not all keep.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One ``PathCollection`` of dots.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> spans = pd.DataFrame({"device": ["anaphora", "anaphora", "tricolon"], "paragraph": [0, 0, 3]})
    >>> ax = device_map(spans, ax=plt.subplots()[1])
    >>> ax.collections[0].get_sizes().tolist()
    [36.0, 18.0]
    >>> plt.close("all")
    """
    if hasattr(data, "doc") and hasattr(data, "device_spans"):
        data = locate_spans(data)
    _require(data, x, y)
    ax = _axes(ax)
    if data.empty:
        return _empty(ax, "no devices found")
    counts = _figures_per_position(data, x, y)
    devices = _label_order(data[y])
    rows = counts[y].map({d: i for i, d in enumerate(devices)}).to_numpy()
    sizes = 18.0 * counts["n"].to_numpy()  # dot area proportional to the figures
    ax.scatter(counts[x].to_numpy(), rows, s=sizes, c=[device_color(str(d)) for d in counts[y]],
               alpha=0.85, linewidths=0)  # fmt: skip
    title = f"{counted.capitalize()} in the {display_name(x).lower()}"
    _size_legend(ax, counts["n"], scale=18.0, title=title)
    if n_positions is None:
        if x == "paragraph" and "n_paragraphs" in data.columns:
            n_positions = int(data["n_paragraphs"].max())
        else:
            n_positions = int(data[x].max()) + 1
    ax.set_xlim(-0.5, max(n_positions, 1) - 0.5)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # positions are whole paragraphs
    ax.set_yticks(range(len(devices)), display_names(devices))
    ax.set_ylim(len(devices) - 0.5, -0.5)
    ax.set_xlabel(display_name(x))
    ax.grid(axis="y", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    return ax


def _figures_per_position(data: pd.DataFrame, x: str, y: str) -> pd.DataFrame:
    """Figures per (label, position): spans sharing a ``group`` count once, others once each."""
    if "group" in data.columns:
        grouped = data["group"].notna() & (data["group"].astype(str) != "")
        keys = (
            data["group"]
            .astype(str)
            .where(grouped, "_span" + pd.Series(range(len(data)), index=data.index).astype(str))
        )
        unique = data.assign(_figure=keys).drop_duplicates([y, x, "_figure"])
    else:
        unique = data
    return unique.groupby([y, x]).size().rename("n").reset_index()


def _size_legend(ax, counts, *, scale: float, title: str) -> None:
    """A legend of dot sizes: the smallest, a middle and the largest count drawn."""
    from matplotlib.lines import Line2D

    values = sorted({int(v) for v in counts})
    if not values:
        return
    shown = sorted({values[0], values[len(values) // 2], values[-1]})
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=np.sqrt(scale * v),
            color="0.45",
            markeredgewidth=0,
            label=str(v),
        )  # fmt: skip
        for v in shown
    ]
    ax.legend(handles=handles, title=title, frameon=False, loc="upper left",
              bbox_to_anchor=(1.01, 1.0), borderaxespad=0, labelspacing=1.0)  # fmt: skip


# --- frames -------------------------------------------------------------------------------------


def frame_heatmap(
    data: pd.DataFrame,
    *,
    x: str = "frame",
    y: str = "doc_id",
    value: str = "score",
    aggfunc: str = "mean",
    annot: bool = False,
    cmap: str = "mako_r",
    ax=None,
    **kwargs,
):
    """A frame profile heatmap: documents (or years) x frames.

    Parameters
    ----------
    data : DataFrame
        One row per document (or year) and frame; repeated pairs are aggregated with ``aggfunc``.
    x, y, value : str
        Column of frames, of rows (``"doc_id"``, ``"year"``...), and of the cell value.
    annot : bool, default False
        Write the values in the cells.
    cmap : str, default "mako_r"
        A sequential colour map that stays readable in grey and for colour-blind readers.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to :func:`seaborn.heatmap`.

    Returns
    -------
    matplotlib.axes.Axes
        With one ``QuadMesh`` and a colour bar.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> frames = pd.DataFrame({"doc_id": ["a", "a", "b"], "frame": ["security", "economy", "economy"],
    ...                        "score": [0.6, 0.2, 0.9]})
    >>> ax = frame_heatmap(frames, ax=plt.subplots()[1])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Economy', 'Security']
    >>> plt.close("all")
    """
    import seaborn as sns

    _require(data, x, y, value)
    ax = _axes(ax)
    if data.empty:
        return _empty(ax)
    matrix = data.pivot_table(index=y, columns=x, values=value, aggfunc=aggfunc, observed=True)
    matrix = matrix.rename(index=display_value, columns=display_name)
    sns.heatmap(matrix, ax=ax, cmap=cmap, annot=annot, fmt=".2f", linewidths=0.3, linecolor="white",
                cbar_kws={"label": display_name(value)}, **kwargs)  # fmt: skip
    ax.set_xlabel("")
    ax.set_ylabel(display_name(y))
    # long names read at 40 degrees, anchored at their end under their column
    ax.tick_params(axis="x", length=0)
    for tick in ax.get_xticklabels():
        tick.set(rotation=40, horizontalalignment="right", rotation_mode="anchor")
    ax.tick_params(axis="y", length=0)
    return ax


def frame_shares(
    data: pd.DataFrame,
    *,
    x: str = "year",
    frame: str = "frame",
    value: str = "hits",
    kind: Literal["area", "line"] = "area",
    ax=None,
):
    """Frame shares over time: each frame's part of all frame hits per year (or period).

    Parameters
    ----------
    data : DataFrame
        One row per document (or year) and frame; values are summed per ``x`` and frame.
    x, frame, value : str
        Time column, frame column, and the counts (``hits``) or scores to share out.
    kind : {"area", "line"}, default "area"
        Stacked areas summing to 1, or one line per frame.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        ``kind="area"``: one ``PolyCollection`` per frame; ``"line"``: one line per frame.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> frames = pd.DataFrame({"year": [1990, 1990, 2000], "frame": ["war", "trade", "trade"], "hits": [3, 1, 2]})
    >>> ax = frame_shares(frames, kind="line", ax=plt.subplots()[1])
    >>> {line.get_label(): line.get_ydata().tolist() for line in ax.get_lines()}
    {'Trade': [0.25, 1.0], 'War': [0.75, 0.0]}
    >>> plt.close("all")
    """
    check_choice("kind", kind, ["area", "line"])
    _require(data, x, frame, value)
    ax = _axes(ax)
    if data.empty:
        return _empty(ax)
    table = data.pivot_table(
        index=x, columns=frame, values=value, aggfunc="sum", fill_value=0, observed=True
    )
    totals = table.sum(axis=1).replace(0, np.nan)
    shares = table.div(totals, axis=0).fillna(0.0).sort_index()
    colors = _group_colors(list(shares.columns))
    if kind == "area":
        ax.stackplot(shares.index.to_numpy(), shares.to_numpy().T, labels=display_names(shares.columns),
                     colors=[colors[c] for c in shares.columns], alpha=0.9)  # fmt: skip
        ax.set_ylim(0, 1)
    else:
        for column in shares.columns:
            ax.plot(
                shares.index.to_numpy(),
                shares[column].to_numpy(),
                label=display_name(column),
                color=colors[column],
            )
        ax.set_ylim(bottom=0)
    if pd.api.types.is_integer_dtype(shares.index):
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(display_name(x))
    ax.set_ylabel(f"Share of frame {display_name(value).lower()}")
    ax.legend(title=display_name(frame), frameon=False, bbox_to_anchor=(1.01, 1), loc="upper left")
    return ax


# --- words and corpora ----------------------------------------------------------------------------


#: Columns whose values are words (of :func:`~rhetoric.viz.tables.term_positions` and of zeta
#: tables): shown as they are, never looked up as device or column names.
_WORD_COLUMNS = ("term", "word")


def dispersion(
    data: pd.DataFrame,
    *,
    x: str = "corpus_index",
    y: str = "term",
    order: Sequence[str] | None = None,
    boundaries: str | None = "doc_start",
    ax=None,
):
    """A dispersion plot: where chosen terms (or devices) occur across a corpus.

    One row per term, a tick at every occurrence; thin vertical lines mark where documents with
    occurrences start (NLTK's lexical dispersion plot, with document boundaries).

    Parameters
    ----------
    data : DataFrame
        One row per occurrence (:func:`rhetoric.viz.tables.term_positions`, or
        :func:`~rhetoric.viz.tables.locate_spans` with ``y="device"``).
    x : str, default "corpus_index"
        Word offset in the corpus (``"position"`` for a relative place within one document).
    y : str, default "term"
        Column of the rows. Rows of ``"term"`` or ``"word"`` are words, shown as they are (the
        word "frame" is not the frame label); rows of any other column (``"device"``) are
        names: devices get their display names and colours.
    order : list of str, optional
        Rows from top to bottom (default: device labels in package order, then the other rows
        sorted; words sorted).
    boundaries : str or None, default "doc_start"
        Column of document start offsets to draw; ``None`` for none.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One ``PathCollection`` per row (``"|"`` markers).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from rhetoric.viz.tables import term_positions
    >>> hits = term_positions(["Order first.", "Then order, and order again."], ["order"])
    >>> ax = dispersion(hits, ax=plt.subplots()[1])
    >>> ax.collections[0].get_offsets()[:, 0].tolist()
    [0.0, 3.0, 5.0]
    >>> plt.close("all")
    """
    _require(data, x, y)
    ax = _axes(ax)
    if data.empty:
        return _empty(ax, "no occurrences")
    # rows of words (a word may be "frame" or "repetition") are words; others are names
    words = y in _WORD_COLUMNS
    if order is not None:
        rows = list(order)
    else:
        rows = sorted(set(data[y]), key=str) if words else _label_order(data[y])
    for number, name in enumerate(rows):
        positions = data.loc[data[y] == name, x].to_numpy()
        color = device_color(str(name)) if name in LABELS and not words else "0.15"
        ax.scatter(
            positions, np.full(len(positions), number), marker="|", s=120, linewidths=1, color=color
        )
    if boundaries is not None and boundaries in data.columns:
        for start in sorted(set(data[boundaries]))[1:]:
            ax.axvline(start, color="0.8", linewidth=0.6, zorder=0)
    # device rows by their display names, words as they are
    if words:
        shown = [display_text(r) for r in rows]
    else:
        shown = [display_name(r) if r in LABELS else display_value(r) for r in rows]
    ax.set_yticks(range(len(rows)), shown)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel(display_name(x))
    return ax


def contrast(
    data: pd.DataFrame,
    *,
    term: str = "term",
    score: str = "z",
    n: int = 15,
    labels: tuple[str, str] = ("a", "b"),
    threshold: float | None = 1.96,
    ax=None,
):
    """Which words (or devices) distinguish two sub-corpora: the strongest scores on each side.

    Parameters
    ----------
    data : DataFrame
        One row per term with a signed score (:func:`rhetoric.stats.log_odds_ratio`: positive
        ``z`` = typical of ``a``).
    term, score : str
    n : int, default 15
        Terms shown on each side.
    labels : (str, str)
        Names of the two sub-corpora, for the legend.
    threshold : float, optional
        Draw dashed lines at ``±threshold`` (1.96: two-sided 5%).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One horizontal bar per term shown (``ax.patches``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> scores = pd.DataFrame({"term": ["border", "tax", "school"], "z": [3.2, 0.4, -2.5]})
    >>> ax = contrast(scores, n=1, labels=("hawks", "doves"), ax=plt.subplots()[1])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['border', 'school']
    >>> plt.close("all")
    """
    _require(data, term, score)
    ax = _axes(ax)
    if data.empty:
        return _empty(ax)
    ordered = data.sort_values(score, ascending=False, kind="stable")
    top = ordered[ordered[score] > 0].head(n)
    bottom = ordered[ordered[score] < 0].tail(n)
    shown = pd.concat([top, bottom])
    colors = _group_colors(list(labels))
    bar_colors = [colors[labels[0]] if v > 0 else colors[labels[1]] for v in shown[score]]
    positions = np.arange(len(shown))
    ax.barh(positions, shown[score].to_numpy(), color=bar_colors, height=0.75)
    ax.set_yticks(positions, [display_text(t) for t in shown[term]])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.axvline(0, color="0.3", linewidth=0.8)
    if threshold is not None:
        for edge in (-threshold, threshold):
            ax.axvline(edge, color="0.6", linewidth=0.6, linestyle="--")
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=colors[label], label=f"Typical of {display_value(label)}")
                       for label in labels], frameon=False, loc="lower right")  # fmt: skip
    if threshold is not None:
        from matplotlib.lines import Line2D

        legend = ax.get_legend()
        handles = [*legend.legend_handles, Line2D([], [], color="0.6", linewidth=0.6, linestyle="--",
                                                  label=f"±{threshold:g}")]  # fmt: skip
        ax.legend(handles=handles, frameon=False, loc="lower right")
    ax.set_xlabel(display_name(score))
    return ax


# --- stylometry -----------------------------------------------------------------------------------


def pca_scatter(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    y: str | None = None,
    label: str | None = "label",
    hue: str | None = None,
    ax=None,
    **kwargs,
):
    """A PCA (or MDS) map of texts, each point labelled.

    Parameters
    ----------
    data : DataFrame
        One row per text: coordinates ``x`` / ``y``, a ``label`` to print next to each point,
        optionally a ``hue`` column (author, party): the ``coordinates`` of
        :func:`~rhetoric.stylometry.principal_components` or the table of
        :func:`~rhetoric.stylometry.mds_coordinates` as they are.
    x, y : str, optional
        The coordinate columns; by default ``PC1``/``PC2``, or ``Dim1``/``Dim2`` (MDS) when
        the data has no ``PC1``.
    label : str or None, default "label"
        The column printed beside each point; a point whose label is missing (the stylometry
        tables when no labels were given) is labelled with its ``doc_id``. ``None``: no labels.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to :func:`seaborn.scatterplot`.

    Returns
    -------
    matplotlib.axes.Axes
        A ``PathCollection`` of points and one ``Text`` per non-empty label, each placed where it
        overlaps no other label and no point (when there is room), a legend per ``hue`` (colour
        and marker). Set the axis labels and title before calling, so that labels are placed in
        the final layout.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> points = pd.DataFrame({"PC1": [0.2, -0.1], "PC2": [0.0, 0.3], "label": ["t1", "t2"]})
    >>> ax = pca_scatter(points, ax=plt.subplots()[1])
    >>> [t.get_text() for t in ax.texts]
    ['t1', 't2']
    >>> plt.close("all")
    """
    import seaborn as sns

    if isinstance(data, pd.DataFrame) and "PC1" not in data and "Dim1" in data:
        x, y = x or "Dim1", y or "Dim2"  # an MDS table, also when one axis is named
    x, y = x or "PC1", y or "PC2"
    _require(data, x, y, label, hue)
    ax = _axes(ax)
    if data.empty:
        return _empty(ax)
    groups = list(dict.fromkeys(data[hue])) if hue else []
    kwargs.setdefault("palette", _group_colors(groups) if hue else None)
    if hue:
        kwargs.setdefault("style", hue)
        kwargs.setdefault("markers", _group_markers(groups))
    sns.scatterplot(data=data, x=x, y=y, hue=hue, ax=ax, s=30, linewidth=0, **kwargs)
    ax.axhline(0, color="0.85", linewidth=0.6, zorder=0)
    ax.axvline(0, color="0.85", linewidth=0.6, zorder=0)
    if hue:
        handles, names = ax.get_legend_handles_labels()
        ax.legend(handles, [display_value(n) for n in names], title=display_name(hue),
                  frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)  # fmt: skip
    if ax.get_xlabel() in (x, ""):
        ax.set_xlabel(display_name(x))
    if ax.get_ylabel() in (y, ""):
        ax.set_ylabel(display_name(y))
    if label is not None:
        texts = data[label]
        if "doc_id" in data and label != "doc_id":
            texts = texts.where(texts.notna(), data["doc_id"])
        shown = texts.notna() & (texts.astype(str) != "")
        _place_labels(ax, data.loc[shown, x].to_numpy(), data.loc[shown, y].to_numpy(),
                      [display_text(t) for t in texts[shown]])  # fmt: skip
    return ax


def dendrogram(
    data,
    labels: Sequence[str] | None = None,
    *,
    method: str | None = None,
    orientation: Literal["left", "right", "top", "bottom"] = "left",
    groups: Mapping[str, str] | None = None,
    group_title: str | None = None,
    ax=None,
    **kwargs,
):
    """A dendrogram of texts from hierarchical clustering.

    Parameters
    ----------
    data : Dendrogram, ndarray or DataFrame
        The result of :func:`~rhetoric.stylometry.cluster_tree` (its own linkage and leaf
        labels are drawn), a SciPy linkage matrix (``(n - 1, 4)``), or a square distance table
        whose index and columns are the text labels (clustered here with ``method``).
    labels : list of str, optional
        Leaf labels for a linkage matrix (a tree or a distance table brings its own).
    method : str, optional
        Linkage method for a distance table (``"ward"`` assumes Euclidean distances). By
        default the table's own (``cluster_tree(...).distances`` records it), else ``"average"``.
    orientation : {"left", "right", "top", "bottom"}, default "left"
        Where the root is; ``"left"`` reads the labels horizontally.
    groups : mapping, optional
        Label -> group (author, party): leaf labels are coloured by group, with a legend.
    group_title : str, optional
        Title of that legend ("Author").
    ax : matplotlib Axes, optional
    **kwargs
        Passed to :func:`scipy.cluster.hierarchy.dendrogram`.

    Returns
    -------
    matplotlib.axes.Axes
        With the tree as ``LineCollection``\\ s and one tick label per leaf.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> distances = pd.DataFrame([[0, 1, 6], [1, 0, 5], [6, 5, 0]], index=list("abc"), columns=list("abc"))
    >>> ax = dendrogram(distances, ax=plt.subplots()[1])
    >>> sorted(t.get_text() for t in ax.get_yticklabels())
    ['a', 'b', 'c']
    >>> plt.close("all")
    """
    from scipy.cluster import hierarchy
    from scipy.spatial.distance import squareform

    check_choice("orientation", orientation, ["left", "right", "top", "bottom"])
    ax = _axes(ax)
    if isinstance(data, tuple) and hasattr(data, "linkage") and hasattr(data, "labels"):
        data, labels = data.linkage, data.labels if labels is None else labels  # a cluster_tree
    if isinstance(data, pd.DataFrame):
        if data.shape[0] != data.shape[1]:
            raise ValueError(
                f"a distance table must be square, got {data.shape[0]} x {data.shape[1]}"
            )
        labels = [str(i) for i in data.index]
        if len(labels) < 2:
            return _empty(ax, "fewer than two texts")
        matrix = data.to_numpy(dtype=float)
        method = method or data.attrs.get("linkage", "average")
        linkage = hierarchy.linkage(
            squareform((matrix + matrix.T) / 2, checks=False), method=method
        )
    else:
        linkage = np.asarray(data, dtype=float)
        if linkage.size == 0:
            return _empty(ax, "fewer than two texts")
        if linkage.ndim != 2 or linkage.shape[1] != 4:
            raise ValueError(f"a linkage matrix has 4 columns, got shape {linkage.shape}")
    import matplotlib as mpl

    kwargs.setdefault("leaf_font_size", mpl.rcParams["ytick.labelsize"])
    kwargs.setdefault("color_threshold", 0)
    kwargs.setdefault("above_threshold_color", "0.25")
    shown = None if labels is None else [display_text(label) for label in labels]
    hierarchy.dendrogram(linkage, labels=shown, orientation=orientation, ax=ax, **kwargs)  # fmt: skip
    if groups:
        from matplotlib.patches import Patch

        colors = _group_colors(list(dict.fromkeys(groups.values())))
        by_shown = {display_text(label): group for label, group in groups.items()}
        ticks = ax.get_yticklabels() if orientation in ("left", "right") else ax.get_xticklabels()
        for tick in ticks:
            group = by_shown.get(tick.get_text())
            if group is not None:
                tick.set_color(colors[group])
        # below the tree when the leaf labels take the right (or left) side, else beside it
        beside = orientation in ("top", "bottom")
        ax.legend(handles=[Patch(color=c, label=display_value(g)) for g, c in colors.items()],
                  title=group_title, frameon=False, loc="upper left" if beside else "upper center",
                  bbox_to_anchor=(1.01, 1.0) if beside else (0.5, -0.08),
                  ncol=1 if beside else min(len(colors), 3))  # fmt: skip
    ax.set_xlabel("Distance" if orientation in ("left", "right") else "")
    ax.set_ylabel("" if orientation in ("left", "right") else "Distance")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def _spring_layout(
    nodes: list, edges: np.ndarray, weights: np.ndarray, seed: int | None, steps: int = 200
) -> np.ndarray:
    """Fruchterman-Reingold positions in the unit square (NumPy, no graph library needed)."""
    n = len(nodes)
    rng = np.random.default_rng(seed)
    position = rng.random((n, 2))
    if n == 1:
        return np.array([[0.5, 0.5]])
    k = 1.0 / np.sqrt(n)
    adjacency = np.zeros((n, n))
    if len(edges):
        adjacency[edges[:, 0], edges[:, 1]] = weights
        adjacency[edges[:, 1], edges[:, 0]] = weights
    temperature = 0.1
    for _ in range(steps):
        delta = position[:, None, :] - position[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-4)
        force = k * k / distance**2 - adjacency * distance / k  # repulsion minus attraction
        np.fill_diagonal(force, 0.0)
        move = (delta * force[:, :, None]).sum(axis=1)
        length = np.maximum(np.linalg.norm(move, axis=1), 1e-9)
        position += move / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.98
    position -= position.min(axis=0)
    return position / np.maximum(position.max(axis=0), 1e-9)


def consensus_network(
    data: pd.DataFrame,
    *,
    source: str = "Source",
    target: str = "Target",
    weight: str | None = "Weight",
    groups: Mapping[str, str] | None = None,
    group_title: str | None = None,
    node_labels: Mapping[str, str] | None = None,
    layout: Literal["spring", "circle"] = "spring",
    seed: int | None = 0,
    ax=None,
):
    """A consensus network of texts: edges between texts that cluster together across runs.

    Parameters
    ----------
    data : DataFrame
        One row per edge: ``source``, ``target`` (text labels) and ``weight`` (how often or how
        strongly they are nearest neighbours); edge width grows with the weight. The defaults
        are the columns of the Gephi table of :func:`rhetoric.stylometry.consensus_network`.
    source, target, weight : str
        The columns (``weight=None``: every edge weighs 1).
    groups : mapping, optional
        Label -> group (author, party) to colour the nodes (and shape them, for greyscale).
    group_title : str, optional
        Title of the legend of groups ("Author").
    node_labels : mapping, optional
        Label -> the text printed beside the node (default: the label itself).
    layout : {"spring", "circle"}, default "spring"
        Force-directed (seeded, reproducible) or nodes on a circle.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Edges as one ``LineCollection``, nodes as ``PathCollection``\\ s, a ``Text`` per node
        placed where it overlaps no other, a legend of groups and of edge weights.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> edges = pd.DataFrame({"Source": ["a", "b"], "Target": ["b", "c"], "Weight": [2, 1]})
    >>> ax = consensus_network(edges, ax=plt.subplots()[1])
    >>> len(ax.collections[0].get_segments()), sorted(t.get_text() for t in ax.texts)
    (2, ['a', 'b', 'c'])
    >>> plt.close("all")
    """
    from matplotlib.collections import LineCollection

    check_choice("layout", layout, ["spring", "circle"])
    _require(data, source, target, weight)
    ax = _axes(ax)
    if data.empty:
        return _empty(ax, "no edges")
    nodes = list(dict.fromkeys([*map(str, data[source]), *map(str, data[target])]))
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array(
        [[index[str(s)], index[str(t)]] for s, t in zip(data[source], data[target], strict=True)]
    )
    weights = data[weight].to_numpy(dtype=float) if weight else np.ones(len(edges))
    scaled = weights / weights.max() if weights.max() > 0 else np.ones(len(edges))
    if layout == "circle":
        angle = 2 * np.pi * np.arange(len(nodes)) / len(nodes)
        position = np.column_stack([np.cos(angle), np.sin(angle)]) / 2 + 0.5
    else:
        position = _spring_layout(nodes, edges, scaled, seed)
    segments = np.stack([position[edges[:, 0]], position[edges[:, 1]]], axis=1)
    ax.add_collection(
        LineCollection(segments, linewidths=0.5 + 2.5 * scaled, colors="0.55", alpha=0.7, zorder=1)
    )
    from matplotlib.lines import Line2D

    handles = []
    if groups:
        names = list(dict.fromkeys(groups.values()))
        colors, markers = _group_colors(names), _group_markers(names)
        node_group = [groups.get(node) for node in nodes]
        for name in [*names, None]:
            chosen = np.array([g == name for g in node_group])
            if chosen.any():
                ax.scatter(position[chosen, 0], position[chosen, 1], s=40, zorder=2, linewidths=0,
                           c=colors.get(name, "0.4"), marker=markers.get(name, "o"))  # fmt: skip
        handles += [Line2D([], [], marker=markers[g], linestyle="", color=colors[g], label=display_value(g))
                    for g in names]  # fmt: skip
    else:
        ax.scatter(position[:, 0], position[:, 1], s=40, c="0.25", zorder=2, linewidths=0)
    ax.set_xlim(-0.08, 1.15)
    ax.set_ylim(-0.08, 1.08)
    ax.set_axis_off()
    low, high = float(weights.min()), float(weights.max())
    for value in dict.fromkeys([low, high]):
        width = 0.5 + 2.5 * (value / high if high > 0 else 1.0)
        handles.append(
            Line2D([], [], color="0.55", linewidth=width, label=f"edge weight {value:g}")
        )
    ax.legend(handles=handles, title=group_title, frameon=False, loc="upper left",
              bbox_to_anchor=(1.0, 1.0), borderaxespad=0)  # fmt: skip
    shown = [display_text((node_labels or {}).get(node, node)) for node in nodes]
    _place_labels(ax, position[:, 0], position[:, 1], shown)
    return ax


def zeta_bars(
    data: pd.DataFrame,
    *,
    word: str = "word",
    zeta: str = "zeta",
    group: str = "preferred_by",
    n: int = 15,
    ax=None,
):
    """Craig's Zeta: the words each group prefers, as horizontal bars.

    Parameters
    ----------
    data : DataFrame
        One row per word: ``word``, its ``zeta`` score, and the ``group`` it marks (the words of
        the second group usually carry negative scores): the table of
        :func:`rhetoric.stylometry.zeta` as it is. Words that mark no group (a missing
        ``group``: ``|zeta|`` under the threshold) are not drawn.
    n : int, default 15
        Words shown per group (the largest ``|zeta|``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One bar per word shown (``ax.patches``), coloured by group, with a legend.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> zeta = pd.DataFrame({"word": ["upon", "while", "on"], "zeta": [0.7, -0.6, -0.2], "preferred_by": ["A", "B", "B"]})
    >>> ax = zeta_bars(zeta, n=1, ax=plt.subplots()[1])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['upon', 'while']
    >>> plt.close("all")
    """
    _require(data, word, zeta, group)
    ax = _axes(ax)
    data = data[data[group].notna()]
    if data.empty:
        return _empty(ax)
    groups = list(dict.fromkeys(data[group]))
    colors = _group_colors(groups)
    parts = [
        data[data[group] == name]
        .reindex(data[data[group] == name][zeta].abs().sort_values(ascending=False).index)
        .head(n)
        for name in groups
    ]
    shown = pd.concat(parts).sort_values(zeta, ascending=False, kind="stable")
    positions = np.arange(len(shown))
    ax.barh(positions, shown[zeta].to_numpy(), color=[colors[g] for g in shown[group]], height=0.75)
    ax.set_yticks(positions, [display_text(w) for w in shown[word]])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.axvline(0, color="0.3", linewidth=0.8)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=colors[g], label=display_value(g)) for g in groups],
              title=display_name(group), frameon=False)  # fmt: skip
    ax.set_xlabel("Zeta")
    return ax


# --- figure-level -----------------------------------------------------------------------------------


def facet(
    plot: Callable,
    data: pd.DataFrame,
    *,
    col: str,
    col_wrap: int | None = None,
    height: float = 2.5,
    aspect: float = 1.6,
    sharex: bool = False,
    sharey: bool = False,
    **kwargs,
):
    """Draw an axes-level plot once per value of ``col``: the figure-level form of any plot here.

    Parameters
    ----------
    plot : callable
        One of the axes-level functions of this module (or any ``f(data, ax=...)``).
    data : DataFrame
        Tidy data with the ``col`` column.
    col : str
        One panel per value (document, corpus, decade).
    col_wrap, height, aspect, sharex, sharey
        As in :class:`seaborn.FacetGrid`.
    **kwargs
        Passed to ``plot``.

    Returns
    -------
    seaborn.FacetGrid
        The grid (``.figure`` to save it, ``.axes`` for the panels). Each panel is titled with
        its value's display name ("Rhetorical question"); when the panels carry legend entries
        (the documents and the moving average of :func:`rate_trend`), they share one legend below
        the grid.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> scores = pd.DataFrame({"term": ["x", "y", "x", "y"], "z": [2.0, -2.0, 1.0, -3.0], "decade": [1990, 1990, 2000, 2000]})
    >>> grid = facet(contrast, scores, col="decade")
    >>> len(grid.axes.flat)
    2
    >>> plt.close("all")
    """
    import seaborn as sns

    _require(data, col)
    grid = sns.FacetGrid(data, col=col, col_wrap=col_wrap, height=height, aspect=aspect,
                         sharex=sharex, sharey=sharey)  # fmt: skip
    for name, ax in grid.axes_dict.items():
        plot(data[data[col] == name], ax=ax, **kwargs)
        ax.set_title(display_name(name) if name in LABELS else display_value(name))
    entries: dict = {}
    for ax in grid.axes.flat:
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        for handle, text in zip(*ax.get_legend_handles_labels(), strict=True):
            entries.setdefault(text, handle)
    grid.tight_layout()
    if entries:
        grid.figure.legend(list(entries.values()), list(entries.keys()), loc="upper center",
                           bbox_to_anchor=(0.5, 0.0), ncol=len(entries), frameon=False)  # fmt: skip
    return grid


def device_map_grid(
    data,
    *,
    col: str = "doc_id",
    col_wrap: int | None = 2,
    height: float = 2.5,
    aspect: float = 2.0,
    **kwargs,
):
    """Device maps of several documents, one panel each (:func:`device_map` under :func:`facet`).

    Parameters
    ----------
    data : DataFrame or list of Analysis
        Located spans of several documents (:func:`~rhetoric.viz.tables.locate_spans`).

    Returns
    -------
    seaborn.FacetGrid
    """
    if not isinstance(data, pd.DataFrame):
        data = locate_spans(data)
    return facet(
        device_map, data, col=col, col_wrap=col_wrap, height=height, aspect=aspect, **kwargs
    )


# --- time ------------------------------------------------------------------------------------------


def rate_trend(
    data: pd.DataFrame,
    *,
    x: str = "year",
    y: str = "rate",
    window: int = 5,
    color: str | None = None,
    label: str | None = None,
    points_label: str | None = "one document",
    legend: bool = False,
    ax=None,
):
    """A measure over time: one dot per document and a centred moving average through them.

    Parameters
    ----------
    data : DataFrame
        One row per document: a time column ``x`` and a value ``y`` (a rate per 1,000 words,
        :func:`rhetoric.stats.rate_per_1000`; a frame share). Under :func:`facet` with
        ``col="device"`` each panel draws one device in its colour.
    window : int, default 5
        Documents in the moving average (centred; fewer at the ends).
    color : str, optional
        Default: the device colour when ``data`` holds one ``device``, else dark grey.
    label : str, optional
        Legend label of the line (default: "centred moving average of N documents", so the
        smoothing is named in the legend).
    points_label : str or None, default "one document"
        Legend label of the dots (``None``: the dots have no legend entry).
    legend : bool, default False
        Draw the legend on this Axes (under :func:`facet` the panels share one legend).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One ``PathCollection`` (the documents) and one line (the moving average), both labelled.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> data = pd.DataFrame({"year": [1990, 1991, 1992], "rate": [1.0, 2.0, 6.0]})
    >>> ax = rate_trend(data, window=3, ax=plt.subplots()[1])
    >>> ax.get_lines()[0].get_ydata().tolist()
    [1.5, 3.0, 4.0]
    >>> plt.close("all")
    """
    if not isinstance(window, int) or window < 1:
        raise UsageError(f"window={window!r} is not valid; give a number of documents, such as 5")
    _require(data, x, y)
    ax = _axes(ax)
    if data.empty:
        return _empty(ax)
    if color is None:
        devices = data["device"].unique() if "device" in data.columns else []
        color = device_color(str(devices[0])) if len(devices) == 1 else "0.2"
    ordered = data.sort_values(x, kind="stable")
    # an earlier series on the same axes keeps its room (the axis starts at 0 and stays fixed)
    previous = ax.get_ylim()[1] if (ax.lines or ax.collections) else 0.0
    ax.scatter(ordered[x].to_numpy(), ordered[y].to_numpy(), s=10, color=color, alpha=0.45,
               linewidths=0, label=points_label)  # fmt: skip
    smooth = ordered[y].rolling(window, center=True, min_periods=1).mean()
    if label is None:
        label = f"Centred moving average of {window} documents" if window > 1 else None
    ax.plot(ordered[x].to_numpy(), smooth.to_numpy(), color=color, linewidth=1.5, label=label)
    ax.set_xlabel(display_name(x))
    ax.set_ylabel(display_name(y))
    if legend:
        ax.legend(frameon=False)
    largest = float(np.nanmax(ordered[y].to_numpy(dtype=float))) if len(ordered) else 0.0
    ax.set_ylim(0, max(previous, 1.05 * largest if largest > 0 else 1.0))
    return ax


def shade_years(
    years,
    *,
    color: str = "0.85",
    label: str | None = None,
    alpha: float = 0.6,
    ax=None,
):
    """Shade years on a time axis (war years, recessions): one band per run of consecutive years.

    Parameters
    ----------
    years : iterable of int
        The years to shade; each band runs from half a year before a run to half a year after.
    color, alpha : matplotlib colour and opacity
    label : str, optional
        Legend label (given to the first band only).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One ``Polygon`` (``ax.patches``) per band, drawn behind the data.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = shade_years([1951, 1952, 1953, 1966], ax=plt.subplots()[1])
    >>> len(ax.patches)
    2
    >>> plt.close("all")
    """
    ax = _axes(ax)
    ordered = sorted({int(y) for y in years})
    runs: list[list[int]] = []
    for year in ordered:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    for number, run in enumerate(runs):
        ax.axvspan(run[0] - 0.5, run[-1] + 0.5, color=color, alpha=alpha, linewidth=0, zorder=0,
                   label=label if number == 0 else None)  # fmt: skip
    return ax
