from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.evaluation.report import END, START, markdown_table, update_readme


def test_markdown_table_formats_counts_metrics_and_gaps():
    frame = pd.DataFrame({"name": ["a|b", "c"], "n": [3.0, float("nan")], "f1": [1.0, 0.12345]})
    assert markdown_table(frame).splitlines() == [
        "| name | n | f1 |",
        "|---|---|---|",
        "| a\\|b | 3 | 1.000 |",
        "| c |  | 0.123 |",
    ]


def test_update_readme_replaces_only_the_block(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{START}\nold numbers\n{END}\noutro\n", encoding="utf-8")
    update_readme(readme, "new numbers\n")
    assert readme.read_text(encoding="utf-8") == f"intro\n{START}\nnew numbers\n{END}\noutro\n"
    (tmp_path / "bare.md").write_text("no block", encoding="utf-8")
    with pytest.raises(ValueError, match="no .* block"):
        update_readme(tmp_path / "bare.md", "x")
