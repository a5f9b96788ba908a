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
