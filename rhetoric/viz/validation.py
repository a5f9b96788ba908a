"""Plots of a validation: precision with intervals, and raw and precision-corrected rates side by side.

Inputs are the tidy tables of :func:`rhetoric.validation.precision_table` and
:func:`rhetoric.compare.corrected_rates`; the functions follow
the seaborn manner of :mod:`rhetoric.viz.plots` (``ax=None``, the ``Axes`` returned).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from rhetoric.errors import invalid_value
from rhetoric.viz.labels import display_names, display_value
from rhetoric.viz.plots import (
    _axes,
    _empty,
    _group_colors,
    _label_order,
    _place_labels,
    _require,
)


def raw_and_corrected(
    data: pd.DataFrame,
    *,
    group: str | None = None,
    device: str = "device",
    order: Sequence[str] | None = None,
    ci: float | None = None,
    ax=None,
):
    """Each device's rate per 1,000 words, raw (hollow) and corrected for precision (filled).

    Parameters
    ----------
    data : DataFrame
        :func:`rhetoric.compare.corrected_rates`: ``device``, ``rate``, ``ci_low``, ``ci_high``,
        ``corrected``, ``corrected_low``, ``corrected_high``, and the ``group`` column.
    group : str, optional
        The grouping column (one colour per group); ``None`` for one series.
    order : list of str, optional
        Devices from top to bottom.
    ci : float, optional
        The width of the intervals (percent), named on the axis; by default the ``ci`` the
        table was computed with (its ``attrs["ci"]``, which ``corrected_rates`` sets); none
        known, the axis names no width.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Two error-bar series per group (raw, then corrected) in ``ax.containers``; a legend.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> data = pd.DataFrame({"device": ["anaphora"], "rate": [4.0], "ci_low": [3.0], "ci_high": [5.0],
    ...                      "corrected": [2.0], "corrected_low": [1.2], "corrected_high": [2.9]})
    >>> ax = raw_and_corrected(data, ax=plt.subplots()[1])
    >>> [float(c.lines[0].get_xdata()[0]) for c in ax.containers]
    [4.0, 2.0]
    >>> plt.close("all")
    """
    needed = [device, "rate", "ci_low", "ci_high", "corrected", "corrected_low", "corrected_high"]
    for column in [*needed, *([group] if group else [])]:
        if column not in data.columns:
            raise invalid_value("column", column, map(str, data.columns))
    ax = _axes(ax)
    if data.empty:
        return _empty(ax)
    devices = list(order) if order is not None else _label_order(data[device])
    groups = [None] if group is None else list(dict.fromkeys(data[group]))
    colors = _group_colors(groups)
    slots = 2 * len(groups)
    height = 0.8
    step = height / slots
    for number, name in enumerate(groups):
        part = data if name is None else data[data[group] == name]
        part = part[part[device].isin(devices)]
        base = np.array([devices.index(d) for d in part[device]], dtype=float)
        for offset, (column, low, high, filled) in enumerate(
            [
                ("rate", "ci_low", "ci_high", False),
                ("corrected", "corrected_low", "corrected_high", True),
            ]
        ):
            y = base - height / 2 + step * (2 * number + offset + 0.5)
            x = part[column].to_numpy(float)
            errors = np.vstack([x - part[low].to_numpy(float), part[high].to_numpy(float) - x])
            label = ("Raw" if not filled else "Corrected") + (
                "" if name is None else f", {display_value(name)}"
            )
            ax.errorbar(x, y, xerr=np.clip(np.nan_to_num(errors), 0, None), fmt="o", color=colors[name],
                        markerfacecolor=colors[name] if filled else "white", markersize=5, capsize=2,
                        linewidth=1, label=label)  # fmt: skip
    ax.set_yticks(range(len(devices)), display_names(devices))
    ax.set_ylim(len(devices) - 0.5, -0.5)
    ax.set_xlim(left=0)
    ci = data.attrs.get("ci") if ci is None else ci
    width = "intervals" if ci is None else f"{ci:g}% intervals"
    ax.set_xlabel(f"Per 1,000 words: raw (hollow) and × precision (filled), {width}")
    ax.set_ylabel("")
    ax.legend(frameon=False, fontsize="small")
    return ax


def precision_intervals(
    data: pd.DataFrame,
    *,
    y: str = "device",
    hue: str | None = None,
    lenient: bool = True,
    order: Sequence[str] | None = None,
    ax=None,
):
    """Precision per device (or any ``y``) with its Wilson 95% interval; lenient beside it.

    Parameters
    ----------
    data : DataFrame
        :func:`rhetoric.validation.precision_table`: ``precision``, ``precision_low``,
        ``precision_high`` (and ``lenient``, ``lenient_low``, ``lenient_high``), the ``y``
        column and ``judged``. Rows with nothing judged are left out.
    y : str, default "device"
        One row of the plot per value.
    hue : str, optional
        A column to compare (a genre, a corpus); one colour per value.
    lenient : bool, default True
        Also draw lenient precision (BORDERLINE as half), hollow.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One error-bar series per hue value (strict), and one more each when ``lenient``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"device": ["anaphora"], "judged": [4], "precision": [0.5],
    ...     "precision_low": [0.15], "precision_high": [0.85], "lenient": [0.625],
    ...     "lenient_low": [0.24], "lenient_high": [0.9]})
    >>> ax = precision_intervals(table, ax=plt.subplots()[1])
    >>> [float(c.lines[0].get_xdata()[0]) for c in ax.containers]
    [0.5, 0.625]
    >>> plt.close("all")
    """
    columns = [y, "judged", "precision", "precision_low", "precision_high"]
    if lenient:
        columns += ["lenient", "lenient_low", "lenient_high"]
    for column in [*columns, *([hue] if hue else [])]:
        if column not in data.columns:
            raise invalid_value("column", column, map(str, data.columns))
    ax = _axes(ax)
    data = data[data["judged"] > 0]
    if data.empty:
        return _empty(ax, "nothing judged")
    labels = list(order) if order is not None else list(dict.fromkeys(data[y]))
    groups = [None] if hue is None else list(dict.fromkeys(data[hue]))
    colors = _group_colors(groups)
    series = [("precision", True), *([("lenient", False)] if lenient else [])]
    slots = len(groups) * len(series)
    height = 0.8 if slots > 1 else 0.0
    step = height / slots if slots > 1 else 0.0
    slot = 0
    for name in groups:
        part = data if name is None else data[data[hue] == name]
        part = part[part[y].isin(labels)]
        base = np.array([labels.index(v) for v in part[y]], dtype=float)
        for column, filled in series:
            offset = -height / 2 + step * (slot + 0.5) if slots > 1 else 0.0
            slot += 1
            x = part[column].to_numpy(float)
            errors = np.vstack(
                [
                    x - part[f"{column}_low"].to_numpy(float),
                    part[f"{column}_high"].to_numpy(float) - x,
                ]
            )
            label = ("Strict" if filled else "Lenient") + (
                "" if name is None else f", {display_value(name)}"
            )
            ax.errorbar(x, base + offset, xerr=np.clip(errors, 0, None), fmt="o", color=colors[name],
                        markerfacecolor=colors[name] if filled else "white", markersize=5, capsize=2,
                        linewidth=1, label=label)  # fmt: skip
    ax.set_yticks(range(len(labels)), display_names(labels))
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.02)  # a point at 0 or 1 stays clear of the axis
    ax.set_xlabel("Precision over judged figures (Wilson 95% interval)")
    ax.set_ylabel("")
    ax.legend(frameon=False, fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def gold_recall(
    settings: dict[str, pd.DataFrame],
    *,
    order: Sequence[str] | None = None,
    ax=None,
):
    """Recall of the gold items per device, one series per setting, with Wilson 95% intervals
    and each setting's ``matched / positives`` written beside its point.

    A device with few items gets a wide interval, so a bar of 1.0 from three items reads as
    what it is; a device that matches nothing gets a point at 0 (not a missing bar).

    Parameters
    ----------
    settings : dict of str to DataFrame
        A name (the legend's) for each summary of
        :func:`rhetoric.evaluation.gold.evaluate_gold`: ``device``, ``positives``, ``matched``
        (a ``total`` row is left out, as are devices without positive items).
    order : list of str, optional
        Devices from top to bottom.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One error-bar series per setting in ``ax.containers``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> kept = pd.DataFrame({"device": ["anaphora", "epistrophe"], "positives": [13, 8],
    ...                      "matched": [12, 0]})
    >>> ax = gold_recall({"defaults": kept}, ax=plt.subplots()[1])
    >>> [round(float(v), 3) for v in ax.containers[0].lines[0].get_xdata()]
    [0.923, 0.0]
    >>> plt.close("all")
    """
    from rhetoric.validation.precision import wilson_interval

    for table in settings.values():
        _require(table, "device", "positives", "matched")
    ax = _axes(ax)
    tables = {
        name: table[(table["device"] != "all") & (table["positives"] > 0)]
        for name, table in settings.items()
    }
    if all(table.empty for table in tables.values()):
        return _empty(ax, "no gold items")
    devices = (
        list(order)
        if order is not None
        else list(dict.fromkeys(d for t in tables.values() for d in t["device"]))
    )
    colors = _group_colors(list(tables))
    height = 0.6 if len(tables) > 1 else 0.0
    step = height / len(tables)
    for number, (name, table) in enumerate(tables.items()):
        table = table[table["device"].isin(devices)]
        y = np.array([devices.index(d) for d in table["device"]], dtype=float)
        y += -height / 2 + step * (number + 0.5) if len(tables) > 1 else 0.0
        positives = table["positives"].to_numpy(float)
        matched = table["matched"].to_numpy(float)
        x = matched / positives
        bounds = np.array([wilson_interval(m, n) for m, n in zip(matched, positives, strict=True)])
        errors = np.vstack([x - bounds[:, 0], bounds[:, 1] - x])
        ax.errorbar(x, y, xerr=np.clip(errors, 0, None), fmt="o", color=colors[name],
                    markersize=5, capsize=2, linewidth=1, label=name)  # fmt: skip
        for value, row, m, n in zip(bounds[:, 1], y, matched, positives, strict=True):
            ax.annotate(f"{m:.0f}/{n:.0f}", (value, row), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize="x-small",
                        color=colors[name])  # fmt: skip
    ax.set_yticks(range(len(devices)), display_names(devices))
    ax.set_ylim(len(devices) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.12)  # room for the counts after an interval ending at 1
    ax.set_xlabel("Recall of the gold items (Wilson 95% interval)")
    ax.set_ylabel("")
    ax.legend(frameon=False, fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def technique_scores_plot(scores: pd.DataFrame, *, ax=None):
    """Precision, recall and F1 of each detector against its PTC technique, with the intervals
    :func:`rhetoric.evaluation.misses.technique_scores` gives with ``n_boot`` (articles
    resampled); a row whose detector predicted no span says so instead of drawing nothing.

    Parameters
    ----------
    scores : DataFrame
        ``name``, ``precision``, ``recall``, ``f1``, ``n_pred`` and, for the intervals,
        ``<measure>_low`` / ``<measure>_high`` (points alone without them).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One error-bar series per measure in ``ax.containers``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"name": ["repetition", "antithesis_either_or"], "precision": [0.1, 0.0],
    ...     "recall": [0.4, 0.0], "f1": [0.16, 0.0], "n_pred": [50, 0]})
    >>> ax = technique_scores_plot(table, ax=plt.subplots()[1])
    >>> len(ax.containers), [t.get_text() for t in ax.texts]
    (3, ['no span predicted'])
    >>> plt.close("all")
    """
    _require(scores, "name", "precision", "recall", "f1", "n_pred")
    ax = _axes(ax)
    if scores.empty:
        return _empty(ax)
    names = list(dict.fromkeys(scores["name"]))
    measures = ["precision", "recall", "f1"]
    colors = _group_colors(measures)
    step = 0.6 / len(measures)
    shown = scores[scores["n_pred"] > 0]
    for number, measure in enumerate(measures):
        y = (
            np.array([names.index(n) for n in shown["name"]], dtype=float)
            - 0.3
            + step * (number + 0.5)
        )
        x = shown[measure].to_numpy(float)
        if {f"{measure}_low", f"{measure}_high"} <= set(scores.columns):
            errors = np.vstack([x - shown[f"{measure}_low"].to_numpy(float),
                                shown[f"{measure}_high"].to_numpy(float) - x])  # fmt: skip
            errors = np.clip(errors, 0, None)
        else:
            errors = None
        ax.errorbar(x, y, xerr=errors, fmt="o", color=colors[measure], markersize=5, capsize=2,
                    linewidth=1, label=display_names([measure])[0])  # fmt: skip
    for name in scores.loc[scores["n_pred"] == 0, "name"]:
        ax.text(0.01, names.index(name), "no span predicted", va="center", fontsize="small",
                color="0.35")  # fmt: skip
    ax.set_yticks(range(len(names)), display_names(names))
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("Partial-overlap score (95% interval, articles resampled)")
    ax.set_ylabel("")
    ax.legend(frameon=False, fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def tradeoff_curve(
    data: pd.DataFrame,
    *,
    genre: str = "speech",
    target: tuple[float, float] | None = None,
    ax=None,
):
    """Precision against gold recall, one point per ``min_score`` setting, labelled.

    Parameters
    ----------
    data : DataFrame
        :func:`rhetoric.evaluation.tradeoff.min_score_tradeoff`: ``min_score``, ``genre``,
        ``recall``, ``judged``, ``precision``, ``precision_low``, ``precision_high``.
    genre : str, default "speech"
        The genre whose judged precision is drawn (recall is over all gold items).
    target : (recall, precision), optional
        Shade the region where both are met.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One error-bar series (the precision interval of each setting), points joined in order.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"min_score": ["default", "0.50"], "genre": ["speech"] * 2,
    ...     "recall": [0.4, 0.6], "judged": [10, 20], "precision": [0.9, 0.8],
    ...     "precision_low": [0.6, 0.58], "precision_high": [0.98, 0.92]})
    >>> ax = tradeoff_curve(table, ax=plt.subplots()[1])
    >>> [float(v) for v in ax.containers[0].lines[0].get_xdata()]
    [0.4, 0.6]
    >>> plt.close("all")
    """
    columns = [
        "min_score",
        "genre",
        "recall",
        "judged",
        "precision",
        "precision_low",
        "precision_high",
    ]
    for column in columns:
        if column not in data.columns:
            raise invalid_value("column", column, map(str, data.columns))
    ax = _axes(ax)
    part = data[(data["genre"] == genre) & (data["judged"] > 0)]
    if part.empty:
        return _empty(ax, "nothing judged")
    x, y = part["recall"].to_numpy(float), part["precision"].to_numpy(float)
    errors = np.vstack([y - part["precision_low"].to_numpy(float),
                        part["precision_high"].to_numpy(float) - y])  # fmt: skip
    if target is not None:
        ax.fill_between([target[0], 1.02], target[1], 1.02, color="0.9", zorder=0,
                        label=f"recall ≥ {target[0]:g} and precision ≥ {target[1]:g}")  # fmt: skip
    color = _group_colors([genre])[genre]
    ax.errorbar(x, y, yerr=np.clip(errors, 0, None), fmt="o-", color=color, markersize=4,
                capsize=2, linewidth=1, label=f"{display_value(genre)}: strict precision")  # fmt: skip
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("Recall on the gold items")
    ax.set_ylabel("Precision, judged (95% interval)")
    ax.legend(frameon=False, fontsize="small", loc="lower left",
              title="labels: minimum score", title_fontsize="x-small")  # fmt: skip
    labels = ["defaults" if v == "default" else str(v) for v in part["min_score"]]
    bars = np.column_stack(
        [x, part["precision_low"].to_numpy(float), part["precision_high"].to_numpy(float)]
    )
    _place_labels(ax, x, y, labels, bars=bars)
    return ax
