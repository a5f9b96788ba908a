from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from rhetoric.evaluation.report import (
    END,
    START,
    TARGETS_END,
    TARGETS_START,
    build_report,
    markdown_table,
    targets_table,
    update_readme,
)


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
    both = tmp_path / "both.md"
    both.write_text(
        f"{TARGETS_START}\nold targets\n{TARGETS_END}\nmiddle\n{START}\nold\n{END}\n",
        encoding="utf-8",
    )
    update_readme(both, "new\n", "new targets\n")
    assert both.read_text(encoding="utf-8") == (
        f"{TARGETS_START}\nnew targets\n{TARGETS_END}\nmiddle\n{START}\nnew\n{END}\n"
    )
    (tmp_path / "bare.md").write_text("no block", encoding="utf-8")
    with pytest.raises(ValueError, match="no .* block"):
        update_readme(tmp_path / "bare.md", "x")


def test_the_readme_evaluation_block_is_the_codes_current_output():
    """The README's numbers are regenerated, never typed: a detector change must be followed by
    ``rhetoric evaluate report --readme README.md``."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split(START, 1)[1].split(END, 1)[0]
    facts: dict = {}
    assert block.strip() == build_report(facts=facts).strip()
    # the targets table at the head of the evaluation section, from the same run
    targets = readme.split(TARGETS_START, 1)[1].split(TARGETS_END, 1)[0]
    assert targets.strip() == targets_table(facts).strip()
    statuses = [line.rsplit("|", 2)[1].strip() for line in targets.strip().splitlines()[2:]]
    assert statuses and set(statuses) <= {"met", "**not met**", "not measured"}


def test_targets_table_reads_the_facts_and_never_calls_a_precision_with_unjudged_figures_met(
    data_home,
):
    def row(genre, device, figures, true, unjudged=0):
        judged = figures - unjudged
        return {"genre": genre, "device": device, "kind": "all", "figures": figures,
                "judged": judged, "true": true, "precision": true / judged,
                "precision_low": 0.5, "precision_high": 0.95, "unjudged": unjudged}  # fmt: skip

    precision = pd.DataFrame([
        row("speech", "all", 40, 36), row("news", "all", 12, 10, unjudged=2),
        row("speech", "tricolon", 20, 13), row("speech", "anaphora", 20, 19),
    ])  # fmt: skip
    facts = {
        "precision": precision,
        "gold": pd.Series({"matched": 81, "positives": 85, "violated": 0}),
        "ptc_emphatic_f1": 0.2,
    }
    lines = targets_table(facts).strip().splitlines()
    status = {line.split("|")[2].strip(): line.rsplit("|", 2)[1].strip() for line in lines[2:]}
    assert status["precision of the default device figures, public speeches"] == "met"
    assert status["precision of the default device figures, public news"] == (
        "judge 2 unjudged figures first"
    )
    # tricolon 13/20 = 0.65 is under the 0.70 floor
    assert status["precision of each device with 10 or more figures there"] == "**not met**"
    assert status["recall of the public gold items at the defaults; negatives violated"] == "met"
    assert status["the seed article's first frame"] == "met"
