from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from rhetoric.compare import corrected_rates
from rhetoric.viz import save_figure
from rhetoric.viz.validation import raw_and_corrected


def test_raw_and_corrected_rates_by_group_render(tmp_path):
    counts = pd.DataFrame({
        "party": ["a", "a", "b", "b"] * 2, "device": ["anaphora"] * 4 + ["tricolon"] * 4,
        "count": [4, 6, 2, 2, 9, 7, 8, 8], "n_words": [1000] * 8,
    })  # fmt: skip
    figures = pd.DataFrame({"device": ["anaphora"] * 3 + ["tricolon"] * 3, "kind": ["k"] * 6,
                            "verdict": ["TRUE", "FALSE", "TRUE", "FALSE", "FALSE", "TRUE"]})  # fmt: skip
    table = corrected_rates(counts, figures, by="party", n_boot=200)
    fig, ax = plt.subplots()
    raw_and_corrected(table, group="party", ax=ax)
    assert len(ax.containers) == 4  # raw and corrected for each party
    xs = [float(c.lines[0].get_xdata()[0]) for c in ax.containers]
    assert xs[:2] == pytest.approx([5.0, 5.0 * 2 / 3])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Raw, a",
        "Corrected, a",
        "Raw, b",
        "Corrected, b",
    ]
    paths = save_figure(fig, "raw_corrected", folder=tmp_path)
    assert all(p.stat().st_size > 1000 for p in paths)
    plt.close(fig)


def test_raw_and_corrected_names_the_width_of_the_intervals_it_draws():
    """The axis said "95% intervals" whatever the ci of corrected_rates."""
    counts = pd.DataFrame({"g": ["a", "a"], "device": ["anaphora"] * 2, "count": [4, 6],
                           "n_words": [1000] * 2})  # fmt: skip
    figures = pd.DataFrame(
        {"device": ["anaphora"] * 2, "kind": ["k"] * 2, "verdict": ["TRUE", "FALSE"]}
    )
    table = corrected_rates(counts, figures, by="g", n_boot=50, ci=80)
    assert table.attrs["ci"] == 80
    label = raw_and_corrected(table, ax=plt.subplots()[1]).get_xlabel()
    assert "80% intervals" in label and "95" not in label
    label = raw_and_corrected(table, ci=90, ax=plt.subplots()[1]).get_xlabel()
    assert "90% intervals" in label
    # a table built by hand, of unknown width, does not claim one
    plain = table.copy()
    plain.attrs = {}
    label = raw_and_corrected(plain, ax=plt.subplots()[1]).get_xlabel()
    assert "%" not in label and "intervals" in label
    plt.close("all")
