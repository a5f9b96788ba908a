from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from rhetoric.errors import InputError
from rhetoric.validation.judgements import (
    JUDGEMENT_COLUMNS,
    VERDICTS,
    read_judgements,
    write_judgements,
)

RECORD = {"doc": "inaugural/texts/1797-Adams.txt", "device": "antithesis", "kind": "correctio",
          "start": 10, "end": 30, "text": "not this but that", "verdict": "TRUE",
          "reason": "a contrast in parallel", "annotator": "coder-1"}  # fmt: skip


def test_reads_the_rubric_record_format(tmp_path):
    path = tmp_path / "judged.jsonl"
    path.write_text(
        json.dumps(RECORD)
        + "\n\n"
        + json.dumps({**RECORD, "verdict": "borderline", "start": 40, "end": 50})
        + "\n"
    )
    table = read_judgements(path)
    assert list(table.columns) == [*JUDGEMENT_COLUMNS, "file"]
    assert table["verdict"].tolist() == ["TRUE", "BORDERLINE"]
    assert table["start"].tolist() == [10, 40] and table["start"].dtype == "int64"


def test_a_sheet_keeps_unjudged_rows_only_when_asked_and_fills_the_annotator(tmp_path):
    path = tmp_path / "sheet.jsonl"
    rows = [
        {**RECORD, "annotator": "", "verdict": ""},
        {**RECORD, "annotator": "", "verdict": "false"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert read_judgements(path, annotator="me")[["verdict", "annotator"]].values.tolist() == [
        ["FALSE", "me"]
    ]
    assert len(read_judgements(path, unjudged=True)) == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [("{not json", "not valid JSON"), (json.dumps({**RECORD, "verdict": "maybe"}), "verdict='maybe' is not valid"),
     (json.dumps({k: v for k, v in RECORD.items() if k != "doc"}), "no 'doc'"),
     (json.dumps({**RECORD, "start": 9, "end": 3}), "0 <= start <= end"),
     (json.dumps({**RECORD, "start": "x"}), "whole numbers")],
)  # fmt: skip
def test_bad_records_name_the_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(RECORD) + "\n" + line + "\n")
    with pytest.raises(InputError, match=message) as error:
        read_judgements(path)
    assert f"{path}:2" in str(error.value)


def test_a_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such judgement file"):
        read_judgements(tmp_path / "nope.jsonl")


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
records = st.lists(
    st.fixed_dictionaries({
        "doc": st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
        "device": st.sampled_from(["anaphora", "tricolon", "stance"]), "kind": text,
        "start": st.integers(0, 10_000), "length": st.integers(0, 500), "text": text,
        "verdict": st.sampled_from(VERDICTS), "reason": text, "annotator": text,
        "before": text, "after": text,
        "parts": st.lists(st.tuples(st.integers(0, 99), st.integers(100, 200)), min_size=1, max_size=3),
    }),
    max_size=8,
)  # fmt: skip


@settings(
    max_examples=40,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=records, suffix=st.sampled_from([".jsonl", ".csv"]))
def test_judgements_round_trip_exactly_through_json_lines_and_csv(tmp_path, rows, suffix):
    table = pd.DataFrame(
        [{**{k: v for k, v in r.items() if k != "length"}, "end": r["start"] + r["length"],
          "parts": tuple(r["parts"]), "figure_id": f"f{i}"} for i, r in enumerate(rows)],
        columns=["figure_id", *JUDGEMENT_COLUMNS, "before", "after", "parts"],
    )  # fmt: skip
    path = write_judgements(table, tmp_path / f"judged{suffix}")
    back = read_judgements(path)
    assert len(back) == len(table)
    if table.empty:
        return
    for column in table.columns:
        assert back[column].tolist() == table[column].tolist(), column


def test_a_sheet_that_cannot_be_written_is_an_output_error_naming_the_option(tmp_path, read_only):
    from rhetoric.errors import OutputError

    folder = tmp_path / "locked"
    folder.mkdir()
    read_only(folder)
    table = pd.DataFrame({"doc": ["d"], "device": ["anaphora"], "start": [0], "end": [4]})
    for name in ("u.jsonl", "u.csv"):
        with pytest.raises(
            OutputError, match=rf"^--unjudged-out {folder / name}: cannot be written \("
        ):
            write_judgements(table, folder / name, "--unjudged-out")
