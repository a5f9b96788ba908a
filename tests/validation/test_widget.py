from __future__ import annotations

import html

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from rhetoric.errors import UsageError
from rhetoric.validation import VERDICTS, read_judgements
from rhetoric.validation.rubric import definition
from rhetoric.validation.widget import JudgingWidget

TEXT = "Ask not <what> your country can do for you; ask what you can do for your country."


def _sheet(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "figure_id": [f"f{i}" for i in range(n)], "doc": ["d.txt"] * n, "device": ["chiasmus"] * n,
        "kind": ["antimetabole"] * n, "start": list(range(n)), "end": [len(TEXT)] * n,
        "text": [TEXT[i:] for i in range(n)], "verdict": [""] * n, "reason": [""] * n,
        "annotator": [""] * n, "before": [TEXT[:i] for i in range(n)], "after": [""] * n,
        "parts": [((i, i + 3), (len(TEXT) - 8, len(TEXT))) for i in range(n)],
    })  # fmt: skip


@settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    choices=st.lists(
        st.tuples(st.sampled_from(VERDICTS), st.text(max_size=20)), min_size=1, max_size=6
    ),
    suffix=st.sampled_from([".jsonl", ".csv"]),
)
def test_verdicts_given_in_the_widget_round_trip_exactly(tmp_path, choices, suffix):
    path = tmp_path / f"widget{suffix}"
    path.unlink(missing_ok=True)
    sheet = _sheet(len(choices))
    widget = JudgingWidget(sheet, path, annotator="coder-w")
    for verdict, reason in choices:
        widget.reason.value = reason
        widget.buttons[verdict].click()
    back = read_judgements(path)
    assert back["verdict"].tolist() == [v for v, _ in choices]
    assert back["reason"].tolist() == [r for _, r in choices]
    assert set(back["annotator"]) == {"coder-w"}
    for column in ("figure_id", "doc", "device", "kind", "start", "end", "text", "before", "parts"):
        assert back[column].tolist() == sheet[column].tolist(), column


def test_the_widget_resumes_from_its_file_and_shows_text_escaped(tmp_path):
    path = tmp_path / "mine.jsonl"
    widget = JudgingWidget(_sheet(3), path, annotator="me")
    assert html.escape("<what>") in widget.context.value and "<what>" not in widget.context.value
    assert html.escape(definition("chiasmus", "antimetabole")["true_when"]) in widget.rubric.value
    widget.buttons["FALSE"].click()
    widget.move(1)  # skip the second
    widget.buttons["TRUE"].click()
    again = JudgingWidget(_sheet(3), path, annotator="me")
    assert again.judgements["verdict"].tolist() == ["FALSE", "", "TRUE"]
    assert again.current == 1 and again.progress.value == 2


def test_the_widget_keeps_coders_apart_and_two_widgets_on_one_file_keep_both(tmp_path):
    """A reviewer in JupyterLab: a second coder's widget on the first coder's file relabelled the
    first coder's verdicts as its own; a judged file given as the sheet showed its verdicts to
    the next coder; two widgets on one file (a cell run twice) erased each other's verdicts; a
    reason typed before moving on was lost."""
    sheet = pd.DataFrame({
        "doc": ["d", "d"], "device": ["epizeuxis"] * 2, "kind": ["word"] * 2, "start": [0, 20],
        "end": [12, 31], "text": ["never, never", "again again"], "before": ["", ""],
        "after": ["", ""],
    })  # fmt: skip
    mine = tmp_path / "me.jsonl"
    first = JudgingWidget(sheet, mine, annotator="me")
    first.buttons["TRUE"].click()
    with pytest.raises(UsageError, match="holds verdicts by 'me'"):
        JudgingWidget(sheet, mine, annotator="coder2")
    with pytest.raises(UsageError, match="the sheet holds verdicts by 'me'"):
        JudgingWidget(mine, tmp_path / "coder2.jsonl", annotator="coder2")
    two = tmp_path / "two.jsonl"
    one, other = (
        JudgingWidget(sheet, two, annotator="me"),
        JudgingWidget(sheet, two, annotator="me"),
    )
    other.buttons["TRUE"].click()  # the first figure
    one.move(1)
    one.buttons["FALSE"].click()  # the second
    assert sorted(read_judgements(two)[["start", "verdict"]].values.tolist()) == [
        [0, "TRUE"],
        [20, "FALSE"],
    ]
    typed = JudgingWidget(sheet, tmp_path / "three.jsonl", annotator="me")
    typed.reason.value = "doubled"
    typed.move(1)
    typed.move(-1)
    assert typed.reason.value == "doubled"
