"""Plots of a validation: raw and precision-corrected device rates side by side.

The input is the tidy table of :func:`rhetoric.compare.corrected_rates`; the function follows
the seaborn manner of :mod:`rhetoric.viz.plots` (``ax=None``, the ``Axes`` returned).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from rhetoric.errors import invalid_value
from rhetoric.viz.plots import _axes, _empty, _group_colors, _label_order


def raw_and_corrected(
    data: pd.DataFrame,
    *,
    group: str | None = None,
    device: str = "device",
    order: Sequence[str] | None = None,
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
            label = ("raw" if not filled else "corrected") + ("" if name is None else f", {name}")
            ax.errorbar(x, y, xerr=np.clip(np.nan_to_num(errors), 0, None), fmt="o", color=colors[name],
                        markerfacecolor=colors[name] if filled else "white", markersize=5, capsize=2,
                        linewidth=1, label=label)  # fmt: skip
    ax.set_yticks(range(len(devices)), devices)
    ax.set_ylim(len(devices) - 0.5, -0.5)
    ax.set_xlim(left=0)
    ax.set_xlabel("per 1,000 words: raw (hollow) and x precision (filled), 95% intervals")
    ax.set_ylabel("")
    ax.legend(frameon=False, fontsize="small")
    return ax
