from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from rhetoric.evaluation.report import (
    END,
    MIN_FIGURES,
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


@pytest.mark.parametrize("problem", ["missing", "folder", "no markers"])
def test_a_readme_that_cannot_take_the_blocks_is_refused_before_the_evaluation(
    tmp_path, capsys, monkeypatch, problem
):
    """A mistyped --readme was reported as a bug (exit 70) after the whole evaluation had run."""
    import rhetoric.evaluation.report as report
    from rhetoric.cli import main

    readme = tmp_path / "README.md"
    if problem == "folder":
        readme.mkdir()
    elif problem == "no markers":
        readme.write_text("a README without the blocks\n", encoding="utf-8")
    monkeypatch.setattr(report, "build_report", lambda *a, **k: pytest.fail("the report ran"))
    assert main(["evaluate", "report", "--readme", str(readme)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"rhetoric: error: --readme {readme}: ")


def test_a_report_without_its_gold_file_is_refused_not_written_without_its_rows(tmp_path, capsys):
    """A mistyped --gold, or no gold folder beside the data home, gave a report without the gold
    tables and without the gold recall target, and --readme wrote it over the README's."""
    from rhetoric.cli import main

    readme = tmp_path / "README.md"
    readme.write_text(f"{TARGETS_START}\nt\n{TARGETS_END}\n{START}\nb\n{END}\n", encoding="utf-8")
    before = readme.read_text(encoding="utf-8")
    missing = tmp_path / "devices_pulbic.jsonl"
    assert main(["evaluate", "report", "--gold", str(missing), "--readme", str(readme)]) == 1
    assert "no such gold file" in capsys.readouterr().err
    home = tmp_path / "home" / "data"
    home.mkdir(parents=True)  # no gold folder beside it
    assert main(["evaluate", "report", "--data-home", str(home), "--readme", str(readme)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "the public gold file is not beside the data home" in err[0]
    assert readme.read_text(encoding="utf-8") == before


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
    # never a precision over unjudged figures ("judge N unjudged figures first")
    shown = re.compile(r"met|\*\*not met\*\*( \(.+\))?|not measured|too few to tell \(.+\)")
    assert statuses and all(shown.fullmatch(status) for status in statuses), statuses


def row(genre, device, figures, true, unjudged=0, kind="all"):
    judged = figures - unjudged
    return {"genre": genre, "device": device, "kind": kind, "figures": figures,
            "judged": judged, "true": true, "precision": true / judged if judged else float("nan"),
            "precision_low": 0.5, "precision_high": 0.95, "unjudged": unjudged}  # fmt: skip


def statuses(facts) -> dict[str, tuple[str, str]]:
    """The targets table of ``facts``: ``{measure: (now, status)}``."""
    lines = targets_table(facts).strip().splitlines()[2:]
    cells = [[c.strip() for c in line.strip("|").split(" | ")] for line in lines]
    return {c[1]: (c[2], c[4]) for c in cells}


def test_targets_table_reads_the_facts_and_never_calls_a_precision_with_unjudged_figures_met(
    data_home,
):
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


def test_a_precision_target_is_not_met_on_too_few_figures_nor_by_a_cell_with_none(data_home):
    """2 TRUE of 2 (Wilson [0.34, 1.00]) or a hedge judged once is no evidence that a target is
    met; a genre or stance family the target names with no figures is listed, and the target is
    not met, so that "each genre" cannot pass by a genre dropping out."""
    assert MIN_FIGURES == 10
    precision = pd.DataFrame([
        row("speech", "all", 40, 36), row("news", "all", 2, 2),
        row("speech", "anaphora", 20, 19), row("news", "anaphora", 2, 2),
    ])  # fmt: skip
    stance = pd.DataFrame([
        row("speech", "stance", 1, 1, kind="hedge"), row("speech", "stance", 12, 9, kind="booster"),
        row("speech", "stance", 10, 9, kind="loaded"), row("news", "stance", 14, 14, kind="hedge"),
        row("news", "stance", 11, 9, kind="loaded"),  # no booster in news
    ])  # fmt: skip
    ptc_dev = pd.Series(row("all", "all", 5, 5))
    table = statuses({"precision": precision, "stance": stance, "ptc_dev": ptc_dev})
    speeches = "precision of the default device figures, public speeches"
    news = "precision of the default device figures, public news"
    each = "precision of each device with 10 or more figures there"
    ptc = next(measure for measure in table if "PTC dev articles" in measure)
    hedges = "stance precision on the public sets: hedges, boosters, loaded words, each genre"
    assert table[speeches][1] == "met"  # 36/40, every cell 10 or more
    assert table[news] == ("2/2 = 1.00 [0.50, 0.95]", "too few to tell (n < 10: news 2)")
    assert table[each] == ("anaphora (speech) 0.95", "met")  # the news anaphora is not one
    assert table[ptc][1] == "too few to tell (n < 10: PTC dev 5)"
    now, status = table[hedges]
    assert "booster (news) no figures" in now and "hedge (speech) 1/1" in now
    assert status == "**not met** (no figures: booster (news); n < 10: hedge (speech) 1)"
    for measure, (_, status) in table.items():
        if "precision" in measure:
            assert status != "met" or measure in (speeches, each), measure

    # with the booster of news judged, the hedge of speeches alone is too few to tell
    booster = pd.DataFrame([row("news", "stance", 10, 10, kind="booster")])
    table = statuses({"stance": pd.concat([stance, booster], ignore_index=True)})
    assert table[hedges][1] == "too few to tell (n < 10: hedge (speech) 1)"
    # a cell well judged and under the target is not met, whatever the small ones
    under = pd.DataFrame([row("news", "stance", 20, 10, kind="booster")])
    table = statuses({"stance": pd.concat([stance, under], ignore_index=True)})
    assert table[hedges][1] == (
        "**not met** (under 0.75: booster (news) 0.50; n < 10: hedge (speech) 1)"
    )
    # no stance figure at all: every cell is listed, never "met" (nor "not measured")
    table = statuses({"stance": stance.iloc[:0]})
    assert table[hedges][1].startswith("**not met** (no figures: hedge (speech), booster (speech)")
    # a genre with no figures at all is a row that says so
    table = statuses({"precision": precision[precision["genre"] == "speech"]})
    assert table[news] == ("no figures", "**not met** (no figures: news)")
    # and no device with 10 figures is no evidence that each device reaches 0.70
    table = statuses({"precision": precision[precision["device"] == "all"]})
    assert table[each] == ("none", "too few to tell (no device has 10 or more figures)")


def test_the_ptc_dev_prose_follows_the_news_counts():
    from rhetoric.evaluation.report import _news_basis

    def news(judged):
        return {"precision": pd.DataFrame([row("news", "all", judged, judged)])}

    assert _news_basis(news(1)) == "which rests on 1 judged figure, too few to tell"
    assert _news_basis(news(2)) == "which rests on 2 judged figures, too few to tell"
    assert _news_basis(news(30)) == "which rests on 30 judged figures"
    assert _news_basis({}) == "which has no judged figure"
