"""A user's mistakes about paths, files and options get one line and the documented exit code
(1: an input, 2: usage), never "internal error" (70); found by a fresh-eyes review, 2026-12-05."""

from __future__ import annotations

import json
import os
import re
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import rhetoric
from rhetoric.cli import main
from rhetoric.errors import InputError, UsageError

SPEECH = "We shall fight. We shall win. Not because it is easy, but because it is hard.\n"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- strings that are texts, strings that are paths ------------------------------------------


def test_a_long_one_line_text_is_analysed_as_a_text():
    text = "We came, not to conquer, but to serve; " * 12  # 468 characters, one line
    result = rhetoric.analyze(text)
    assert result.n_words == 96


def test_a_missing_file_named_as_a_string_is_an_input_error_not_a_three_word_text(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        rhetoric.analyze(str(tmp_path / "speech.txt"))


def test_a_list_of_path_strings_is_read_as_files(tmp_path):
    (tmp_path / "a.txt").write_text(SPEECH, encoding="utf-8")
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "gone.txt")]
    result = rhetoric.analyze_corpus(paths, n_jobs=1)
    assert result.documents["n_words"].tolist() == [16]
    assert result.errors["reason"].str.contains("no such file").tolist() == [True]


def test_a_mistyped_folder_is_reported_missing(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        rhetoric.analyze_corpus(str(tmp_path / "speechs"))


def test_one_text_file_is_a_corpus_of_one(tmp_path):
    (tmp_path / "a.txt").write_text(SPEECH, encoding="utf-8")
    result = rhetoric.analyze_corpus(str(tmp_path / "a.txt"), n_jobs=1)
    assert result.documents["n_words"].tolist() == [16]


def test_a_table_cell_that_holds_no_text_is_an_error_row_not_an_empty_document():
    table = pd.DataFrame({"doc_id": list("abcd"), "text": [SPEECH, 12345, np.nan, b"Bytes too."]})
    result = rhetoric.analyze_corpus(table, n_jobs=1)
    assert result.documents["doc_id"].tolist() == ["a", "d"]
    reasons = dict(zip(result.errors["doc_id"], result.errors["reason"], strict=True))
    assert reasons == {"b": "b: its text is a number (12345), not text",
                       "c": "c: no text (an empty cell, or neither a text nor a path)"}  # fmt: skip


def test_a_name_too_long_for_the_file_system_is_an_input_error(capsys, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(SPEECH, encoding="utf-8")
    code, out, err = run(capsys, "analyze", "x" * 300 + ".txt", str(good), "--format", "csv")
    assert code == 1
    assert "cannot be read" in err and "internal error" not in err
    assert str(good) in out  # the good file is still analysed


def test_a_file_name_that_is_not_utf8_is_named_with_escapes_in_every_output(capsys, tmp_path):
    # a Latin-1 "naive.txt" with a diaeresis from an old archive: Python keeps its odd byte as a
    # lone surrogate, which no CSV, HTML page or Parquet column can hold
    (tmp_path / "good.txt").write_text(SPEECH, encoding="utf-8")
    odd = os.path.join(os.fsencode(tmp_path), b"na\xefve.txt")
    with open(odd, "wb") as file:
        file.write(SPEECH.encode("utf-8"))
    paths = sorted(str(p) for p in tmp_path.glob("*.txt"))
    code, out, err = run(capsys, "analyze", *paths, "--format", "csv")
    assert code == 0 and "internal error" not in err
    assert "na\\xefve.txt" in out and "good.txt" in out
    page = tmp_path / "page.html"
    code, _, err = run(capsys, "analyze", *paths, "--html", str(page))
    assert code == 0 and "na\\xefve" in page.read_text(encoding="utf-8")
    result = rhetoric.analyze_corpus(tmp_path, n_jobs=1)
    assert sorted(result.documents["doc_id"]) == ["good", "na\\xefve"]
    out_dir = tmp_path / "run"
    code, _, err = run(
        capsys, "analyze-corpus", str(tmp_path), "--out", str(out_dir), "--no-progress"
    )
    assert code == 0, err
    documents = pd.read_parquet(out_dir / "documents")
    assert sorted(documents["doc_id"]) == ["good", "na\\xefve"]
    assert any(path.endswith("na\\xefve.txt") for path in documents["path"])


def test_a_mistyped_genre_is_refused_as_a_parameter_and_said_as_a_table_cell():
    # a typo would otherwise leave the frames to the profile ranker, silently
    with pytest.raises(UsageError, match=r"genre='speeches' is not valid.*did you mean 'speech'"):
        rhetoric.analyze(SPEECH, genre="speeches")
    with pytest.raises(UsageError, match="genre='poem' is not valid"):
        rhetoric.analyze_corpus([SPEECH], genre="poem", n_jobs=1)
    table = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "text": [SPEECH] * 3, "genre": ["speeches", " News", None]}
    )
    result = rhetoric.analyze_corpus(table, n_jobs=1)
    warning = dict(zip(result.documents["doc_id"], result.documents["warning"], strict=True))
    assert "genre 'speeches' is neither 'news' nor 'speech'" in warning["a"]
    assert "profile ranker" in warning["a"]
    assert pd.isna(warning["b"]) and pd.isna(warning["c"])  # " News" is news; none is no genre


# --- output paths --------------------------------------------------------------------------


def test_html_into_a_missing_folder_makes_it_and_into_a_folder_is_a_usage_error(capsys, tmp_path):
    page = tmp_path / "new" / "page.html"
    code, _, err = run(capsys, "analyze", "--html", str(page))
    assert code == 0, err
    assert page.is_file()
    code, out, err = run(capsys, "analyze", "--html", str(tmp_path))
    assert code == 2 and out == ""  # refused before any analysis
    assert "is a folder; give a file name" in err


def test_a_sheet_under_a_file_is_a_usage_error_before_sampling(capsys, tmp_path):
    spans = tmp_path / "spans.csv"
    pd.DataFrame(columns=["doc_id", "device", "start", "end"]).to_csv(spans, index=False)
    code, _, err = run(capsys, "validate", "sample", str(spans), "--out", str(spans / "x.jsonl"))
    assert code == 2
    # it said "its folder cannot be made (File exists)", naming neither the file nor the problem
    assert err == (
        f"rhetoric: error: --out {spans / 'x.jsonl'}: {spans} is a file where a folder should be; "
        "give a path whose folders are folders (a missing one is made)\n"
    )
    code, out, err = run(capsys, "analyze", "--html", str(spans / "sub" / "page.html"))
    assert code == 2 and out == ""
    assert (
        f"--html {spans / 'sub' / 'page.html'}: {spans} is a file where a folder should be" in err
    )
    # the run folder of analyze-corpus said "cannot write there (Not a directory)"
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text(SPEECH, encoding="utf-8")
    code, out, err = run(capsys, "analyze-corpus", str(texts), "--out", str(spans / "run"))
    assert code == 2
    assert err == (
        f"rhetoric: error: --out {spans / 'run'}: {spans} is a file where a folder should be; "
        "give a path whose folders are folders (a missing one is made)\n"
    )


# --- files of the wrong kind ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xd0\xcf\x11\xe0 binary \xff\xfe", "not UTF-8 text"),
        (b'{"doc": "x"}\n', "lacks 'device'"),
        (
            b'{"doc": "x", "device": "tricolon", "verdict": "TRUE"}\n',
            "lacks 'quote' or 'not_quote'",
        ),
    ],
)
def test_a_gold_file_of_the_wrong_kind_is_an_input_error(capsys, tmp_path, content, expected):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(content)
    code, _, err = run(capsys, "evaluate", "devices", "--gold", str(path))
    assert code == 1
    assert expected in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("target", ["devices", "tradeoff"])
@pytest.mark.parametrize("content", [b"", b"\n\n"])
def test_an_empty_gold_file_is_an_input_error(capsys, tmp_path, target, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "evaluate", target, "--gold", str(path))
    assert (code, out) == (1, "")
    assert err == f"rhetoric: error: no gold items in {path}\n"


def test_a_corpus_table_given_as_a_span_table_is_an_input_error(capsys, tmp_path):
    table = tmp_path / "corpus.csv"
    pd.DataFrame({"doc_id": ["a"], "text": [SPEECH]}).to_csv(table, index=False)
    code, _, err = run(capsys, "validate", "sample", str(table), "--out", str(tmp_path / "s.jsonl"))
    assert code == 1
    assert "not a span table" in err


def _truncated_parquet(path):
    pd.DataFrame({"doc_id": ["a", "b"], "text": [SPEECH, SPEECH]}).to_parquet(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.csv", b"", "empty.csv: an empty file, not a CSV table"),
        ("quote.csv", b'doc_id,text\na,"We shall\nb,fight\n', "not a readable CSV table (Error"),
        ("bad.jsonl", b'{"text": "We shall."}\n{"text": oops}\n', "bad.jsonl:2: not valid JSON"),
        (
            "arr.jsonl",
            b'{"text": "a", "doc_id": "x"}\n[1, 2]\n',
            "arr.jsonl:2: a record must be a JSON object",
        ),
        (
            "excel.csv",
            b'doc_id,text\na,"Caf\xe9 \x93talk\x94"\n',
            "excel.csv: not UTF-8 text (line 2: byte 0xe9); save the CSV table as UTF-8",
        ),
        ("binary.csv", b"\x00\x01\x02 data", "binary.csv: binary data (NUL bytes), not a CSV"),
        ("wide.csv", "doc_id,text\n".encode("utf-16"), "wide.csv: UTF-16 text; save the CSV"),
        ("wider.csv", "doc_id,text\n".encode("utf-32"), "wider.csv: UTF-32 text; save the CSV"),
        ("sheet.csv", b"PK\x03\x04 zip", "sheet.csv: ZIP archive, not a CSV table"),
        ("short.parquet", None, "short.parquet: not a readable Parquet file (Parquet magic"),
    ],
)
def test_a_corpus_table_that_cannot_be_read_is_an_input_error(
    capsys, tmp_path, name, content, expected
):
    path = tmp_path / name
    if content is None:
        _truncated_parquet(path)
    else:
        path.write_bytes(content)
    code, out, err = run(capsys, "analyze-corpus", str(path), "--out", str(tmp_path / "run"),
                         "--no-progress")  # fmt: skip
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and expected in err and "internal" not in err


def test_a_json_lines_table_of_no_records_is_a_corpus_of_no_documents(capsys, tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_bytes(b"")
    code, _, err = run(capsys, "analyze-corpus", str(path), "--out", str(tmp_path / "run"),
                       "--no-progress")  # fmt: skip
    assert code == 0 and "no documents; the tables are empty" in err


# --- runs ----------------------------------------------------------------------------------


def test_a_repeated_run_reports_the_errors_recorded_earlier(capsys, tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(SPEECH, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\x00\x01 binary")
    out = tmp_path / "run"
    first = run(capsys, "analyze-corpus", str(folder), "--out", str(out), "--no-progress")
    again = run(capsys, "analyze-corpus", str(folder), "--out", str(out), "--no-progress")
    assert first[0] == again[0] == 1
    assert "(1 input recorded by an earlier run)" in again[1]


def test_a_repeated_run_says_how_to_retry_the_timeouts_and_bugs_recorded_earlier(
    capsys, tmp_path, monkeypatch
):
    import rhetoric.pipeline as pipeline

    analyze_text = pipeline.analyze_text

    def slow_or_buggy(text, options, doc_id, metadata):
        if doc_id == "slow":
            while True:
                pass
        if doc_id == "bug":
            return {}["missing"]
        return analyze_text(text, options, doc_id, metadata)

    monkeypatch.setattr(pipeline, "analyze_text", slow_or_buggy)
    folder, out = tmp_path / "texts", tmp_path / "run"
    folder.mkdir()
    for name in ("a.txt", "slow.txt"):
        (folder / name).write_text(SPEECH, encoding="utf-8")
    argv = ["analyze-corpus", str(folder), "--out", str(out), "--time-limit", "0.2",
            "--devices", "anaphora", "--no-progress"]  # fmt: skip
    assert run(capsys, *argv)[0] == 1
    code, out_text, err = run(capsys, *argv)
    assert code == 1 and "(1 timeout recorded by an earlier run)" in out_text
    assert err.count("\n") == 1 and err.startswith("rhetoric: error: 1 document(s) could not be")
    assert "to retry them (with a longer --time-limit), give a new --out folder" in err
    (folder / "bug.txt").write_text(SPEECH, encoding="utf-8")
    code, _, err = run(capsys, *argv)  # the new document fails with a bug in this run
    assert code == 70 and "recorded by an earlier run" not in err
    code, _, err = run(capsys, *argv)
    assert code == 70 and err.count("\n") == 1
    assert "1 of them recorded by an earlier run" in err and "give a new --out folder" in err


def test_a_run_over_a_table_is_sampled_with_its_texts_and_its_metadata_as_strata(capsys, tmp_path):
    table = tmp_path / "corpus.csv"
    texts = [SPEECH, "Ask not, ask not. We choose hope over fear, unity over discord.\n"]
    pd.DataFrame({"id": ["s1", "s2"], "text": texts, "party": ["A", "B"]}).to_csv(
        table, index=False
    )
    out, sheet = tmp_path / "run", tmp_path / "sheet.jsonl"
    code, _, err = run(capsys, "analyze-corpus", str(table), "--out", str(out), "--id-column", "id",
                       "--min-score", "0", "--no-progress")  # fmt: skip
    assert code == 0, err
    code, _, err = run(capsys, "validate", "sample", str(out), "--out", str(sheet))
    assert code == 1 and "--texts TABLE" in err
    code, _, err = run(
        capsys, "validate", "sample", str(out), "--out", str(sheet), "--texts", str(table)
    )
    assert code == 1 and "--id-column" in err  # named otherwise than the run's documents
    code, _, err = run(capsys, "validate", "sample", str(out), "--out", str(sheet), "--texts",
                       str(table), "--id-column", "id", "--by", "device,party")  # fmt: skip
    assert code == 0, err
    records = [json.loads(line) for line in sheet.read_text(encoding="utf-8").splitlines()]
    assert records and {r["doc"] for r in records} <= {"s1", "s2"}


@pytest.mark.parametrize("value", ["", ","])
def test_devices_naming_no_device_is_a_usage_error(capsys, value):
    code, out, err = run(capsys, "analyze", "--devices", value)
    assert code == 2 and out == ""
    assert "names no device" in err


# --- reports that agree with themselves ------------------------------------------------------


def test_the_calibration_row_all_pools_the_devices_as_the_precision_row_does():
    from rhetoric.validation.report import calibration_table

    figures = pd.DataFrame({"device": ["tricolon", "tricolon", "stance"], "score": [0.9, 0.5, 0.8],
                            "verdict": ["TRUE", "FALSE", "TRUE"]})  # fmt: skip
    table = calibration_table(figures).set_index("device")
    assert table.loc["all", "judged"] == 2 and table.loc["stance", "judged"] == 1


def test_nltk_resources_found_outside_the_data_home_are_reported_so(monkeypatch, tmp_path):
    import rhetoric.fetch as fetch

    found = pd.DataFrame({"package": ["punkt"], "resource": ["tokenizers/punkt"],
                          "status": ["elsewhere"]})  # fmt: skip
    monkeypatch.setattr(fetch, "analysis_status", lambda data_home=None: found)
    table = fetch.data_status(tmp_path, checksums=False).set_index("corpus")
    assert table.loc["nltk_data", "status"] == "elsewhere"
    assert "found on NLTK's own search path" in table.loc["nltk_data", "note"]


def test_a_device_given_twice_in_min_score_is_a_usage_error(capsys):
    code, _, err = run(capsys, "analyze", "--min-score", "tricolon=0.3,tricolon=0.5")
    assert code == 2
    assert "tricolon given twice" in err


def test_a_bad_value_is_named_by_the_option_typed_not_the_python_parameter(capsys, tmp_path):
    # messages said text_column='text', min_score=1.5, by='outlet', ...: names of Python
    # parameters a user of the command line never typed
    table, text = tmp_path / "t.csv", tmp_path / "a.txt"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    text.write_text(SPEECH, encoding="utf-8")
    spans = tmp_path / "spans.csv"
    spans.write_text("doc_id,device,kind,start,end,text,group,score,evidence\n", encoding="utf-8")
    out = str(tmp_path / "run")
    cases = [
        (["analyze-corpus", str(table), "--out", out],
         "--text-column 'text' is not valid; choose from 'a', 'b', or give the table a 'path' column"),
        (["analyze-corpus", str(table), "--out", out, "--text-column", "a", "--id-column", "id"],
         "--id-column 'id' is not valid; choose from 'a', 'b'"),
        (["analyze", str(text), "--min-score", "1.5"], "--min-score 1.5 is not valid; give a probability between 0 and 1, or leave --min-score out"),
        (["analyze", str(text), "--min-score", "tricolon=1.5"], "--min-score tricolon=1.5 is not valid"),
        (["analyze", str(text), "--min-score", "tricolons=0.5"], "--min-score device 'tricolons' is not valid"),
        (["analyze", str(text), "--devices", "tricolons"], "--devices 'tricolons' is not valid"),
        (["analyze", str(text), "--json", "--format", "csv"], "--json and --format csv ask for two formats; give one"),
        (["analyze", str(text), "--max-mb", "0"], "--max-mb 0 is not valid"),
        (["analyze", str(text), "--max-mb", "0.0000001"], "--max-mb 0.0000001 is not valid"),
        (["analyze", str(text), "--max-mb", "inf"], "--max-mb inf is not valid; give a finite size"),
        (["analyze-corpus", str(table), "--out", out, "--time-limit", "-1"], "--time-limit -1 is not valid"),
        (["analyze-corpus", str(table), "--out", out, "--time-limit", "inf"], "--time-limit inf is not valid; give seconds (at most"),
        (["analyze-corpus", str(table), "--out", out, "--time-limit", "1e300"], "--time-limit 1e300 is not valid"),
        (["validate", "sample", str(spans), "--out", str(tmp_path / "s.jsonl"), "--by", "outlet"],
         "--by 'outlet' is not valid; choose from"),
        (["attribute", "federalist", "--data-home", str(tmp_path / "empty")],
         f"searched --data-home ({tmp_path / 'empty'})"),
    ]  # fmt: skip
    for argv, expected in cases:
        code, _, err = run(capsys, *argv)
        assert code in (2, 3) and err.startswith("rhetoric: error: "), (argv, err)
        assert expected in err and len(err.splitlines()) == 1, (argv, err)
    # the Python API names its parameters
    with pytest.raises(ValueError, match=r"^text_column='text' is not valid"):
        rhetoric.analyze_corpus(pd.read_csv(table), n_jobs=1)
    with pytest.raises(ValueError, match=r"^min_score\['tricolon'\]=1.5 is not valid"):
        rhetoric.analyze(SPEECH, min_score={"tricolon": 1.5})
    assert not (tmp_path / "run").exists()


def test_a_tiny_size_limit_is_echoed_as_given_not_in_scientific_notation(capsys, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("We shall.\n", encoding="utf-8")  # 10 bytes
    code, _, err = run(capsys, "analyze", str(path), "--max-mb", "0.000005")
    assert code == 1 and "above the 0.000005 MB limit" in err and "e-0" not in err
    with pytest.raises(ValueError, match=r"^time_limit=inf is not valid"):
        rhetoric.analyze_corpus(["We shall."], time_limit=float("inf"), n_jobs=1)


def test_a_fractional_size_limit_is_named_as_given(tmp_path):
    from rhetoric.text import read_text

    path = tmp_path / "big.txt"
    path.write_text("word " * 200_000, encoding="utf-8")
    with pytest.raises(InputError, match="above the 0.5 MB limit"):
        read_text(path, max_bytes=500_000)


def test_a_file_over_a_small_size_limit_is_measured_precisely_enough_to_be_seen_over_it(
    capsys, tmp_path, monkeypatch
):
    # it said "file is 0.0 MB, above the 0.005 MB limit"
    import io
    import sys

    path = tmp_path / "big.txt"
    path.write_text("word " * 2_000, encoding="utf-8")
    code, _, err = run(capsys, "analyze", str(path), "--max-mb", "0.005")
    assert code == 1
    assert err == (
        f"rhetoric: error: {path}: file is 0.010 MB (10,000 bytes), above the 0.005 MB limit "
        "(raise it with --max-mb or max_bytes=)\n"
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"w" * 5_001)))
    code, _, err = run(capsys, "analyze", "-", "--max-mb", "0.005")
    assert code == 1
    assert err == (
        "rhetoric: error: <stdin>: 0.005001 MB (5,001 bytes), above the 0.005 MB limit (raise "
        "it with --max-mb)\n"
    )


def test_a_run_of_no_documents_says_so_and_leaves_tables_with_their_columns(capsys, tmp_path):
    folder, out = tmp_path / "texts", tmp_path / "run"
    folder.mkdir()
    (folder / "notes.md").write_text(SPEECH, encoding="utf-8")
    code, _, err = run(capsys, "analyze-corpus", str(folder), "--out", str(out), "--no-progress")
    assert code == 0
    assert "no documents matching '*.txt'" in err
    spans = pd.read_parquet(out / "spans")
    assert len(spans) == 0 and {"doc_id", "device", "start", "end"} <= set(spans.columns)


def test_tradeoff_names_its_own_min_scores_option(capsys):
    # it said "--min-score 1.5 is not valid; ... or leave --min-score out", an option it lacks
    for given in ("1.5", "0.5,1.5", "nan"):
        code, out, err = run(capsys, "evaluate", "tradeoff", "--min-scores", given)
        assert (code, out) == (2, "") and err.count("\n") == 1
        assert err.startswith(f"rhetoric: error: --min-scores {given} is not valid")
        assert "--min-score " not in err and "leave" not in err


@pytest.mark.parametrize(
    ("pattern", "said"),
    [("", "names no file"), ("/abs/*.txt", "relative"), ("../*.csv", "outside the folder"),
     ("a/../../*.txt", "outside the folder")],
)  # fmt: skip
def test_a_pattern_that_is_empty_absolute_or_leaves_the_folder_is_a_usage_error(
    capsys, tmp_path, pattern, said
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "secret.csv").write_text("text\nNot yours.\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SPEECH, encoding="utf-8")
    code, out, err = run(capsys, "analyze-corpus", str(corpus), "--pattern", pattern,
                         "--out", str(tmp_path / "run"))  # fmt: skip
    assert code == 2 and "internal error" not in err, err
    assert f"--pattern {pattern!r}" in err and said in err and len(err.strip().splitlines()) == 1
    with pytest.raises(rhetoric.errors.UsageError, match="^" + re.escape(f"pattern={pattern!r}")):
        rhetoric.analyze_corpus(corpus, pattern=pattern, n_jobs=1)  # Python names its parameter


def test_a_text_piped_in_over_the_limit_is_its_own_error_the_other_files_analysed(
    monkeypatch, capsys, tmp_path
):
    import io

    good = tmp_path / "good.txt"
    good.write_text(SPEECH, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"w" * 5_001)))
    code, out, err = run(capsys, "analyze", "-", str(good), "--max-mb", "0.005", "--format", "csv")
    assert code == 1
    assert err == (
        "rhetoric: error: <stdin>: 0.005001 MB (5,001 bytes), above the 0.005 MB limit (raise "
        "it with --max-mb)\n"
    )
    assert str(good) in out  # the file after it is still analysed, as the README promises


def test_every_detector_is_found_by_its_device_name_and_offered_by_dir():
    assert rhetoric.find_rhetorical_question is not None  # the device's label
    assert rhetoric.find_rhetorical_questions is not None  # the finder's own name
    assert {f"find_{device}" for device in rhetoric.DEVICES} <= set(dir(rhetoric))
    with pytest.raises(AttributeError, match="did you mean 'find_anaphora'"):
        rhetoric.find_anaphor  # noqa: B018


def test_a_ptc_split_given_whole_is_answered_with_its_articles(data_home):
    with pytest.raises(UsageError, match=r"load_ptc\(\.\.\.\)\.articles"):
        rhetoric.analyze_corpus(rhetoric.load_ptc("dev"), n_jobs=1)


def test_reports_into_a_file_is_refused_before_any_notebook_runs(capsys, tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "01-x.ipynb").write_text("not a notebook: it would fail if it were run")
    taken = tmp_path / "notes.txt"
    taken.write_text("mine")
    status = main(["reports", "--notebooks", str(notebooks), "--out", str(taken)])
    _, err = capsys.readouterr()
    assert status == 2 and "is a file" in err and err.count("\n") == 1
    assert taken.read_text() == "mine"


def test_a_validation_sheet_given_to_evaluate_precision_is_named_as_such(capsys, tmp_path):
    judged = tmp_path / "judged.jsonl"
    record = {"doc": "2017-Trump", "device": "anaphora", "kind": "sentence", "start": 0,
              "end": 5, "verdict": "TRUE", "reason": "", "annotator": "me"}  # fmt: skip
    judged.write_text(json.dumps(record) + "\n", encoding="utf-8")
    status = main(["evaluate", "precision", "--judged", str(judged)])
    _, err = capsys.readouterr()
    assert status == 2 and "rhetoric validate report" in err and err.count("\n") == 1


def test_a_time_limit_reaches_worker_processes(capsys, tmp_path, data_home):
    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ("1793-Washington.txt", "1797-Adams.txt"):
        (texts / name).write_bytes((data_home / "inaugural" / "texts" / name).read_bytes())
    status = main(["analyze-corpus", str(texts), "--out", str(tmp_path / "run"), "--jobs", "2",
                   "--time-limit", "300", "--no-frames", "--no-progress"])  # fmt: skip
    assert status == 0, capsys.readouterr().err
    assert len(rhetoric.read_corpus_result(tmp_path / "run").documents) == 2


def test_csv_metadata_is_typed_as_from_the_other_formats(tmp_path):
    table = tmp_path / "corpus.csv"
    table.write_text(
        "doc_id,text,approval,party\n"
        'a,"We shall fight. We shall win.",51.5,Dem\n'
        'NA,"Not because it is easy, but because it is hard.",,\n',
        encoding="utf-8",
    )
    documents = rhetoric.analyze_corpus(table, devices=["anaphora"], frames=False).documents
    assert documents["doc_id"].tolist() == ["a", "NA"]  # a name "NA" is a name
    assert documents["approval"].dtype == "float64" and documents["approval"].isna().tolist() == [
        False,
        True,
    ]
    assert documents["party"].isna().tolist() == [False, True]


def test_a_device_named_but_off_by_default_is_said_in_a_warning(tmp_path):
    off = [d for d in rhetoric.DEVICES if d not in rhetoric.reported_devices()]
    assert off, "no device is off by default now: this test has nothing to check"
    with pytest.warns(UserWarning, match=f"{off[0]}: not reported by default"):
        rhetoric.analyze_corpus(["We shall fight."], devices=[off[0], "anaphora"], frames=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # given a min_score of its own: reported, nothing said
        rhetoric.analyze_corpus(["We shall fight."], devices=[off[0]], min_score={off[0]: 0.5},
                                frames=False)  # fmt: skip


def test_a_link_that_leads_nowhere_is_said_as_such(capsys, tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    status = main(["analyze", str(tmp_path / "loop.txt"), str(tmp_path / "dangling.txt")])
    err = capsys.readouterr().err
    assert status == 1
    assert "loop.txt: a link that leads round in a loop" in err
    assert "dangling.txt: no such file (a link to " in err


def test_a_copy_of_a_part_in_a_run_folder_is_refused_by_the_reader(tmp_path):
    from rhetoric.store import DamagedRunError

    out = tmp_path / "run"
    rhetoric.write_corpus(["We shall fight. We shall win."], out, frames=False)
    part = next((out / "spans").glob("part-*.parquet"))
    (out / "spans" / f"{part.stem} copy.parquet").write_bytes(part.read_bytes())
    with pytest.raises(DamagedRunError, match="copy.parquet: not a file of the run"):
        rhetoric.read_corpus_result(out)


def test_a_file_gone_since_an_earlier_run_is_counted_in_the_summary(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ("a", "b", "c"):
        (texts / f"{name}.txt").write_text(
            f"We shall fight {name}. We shall win.", encoding="utf-8"
        )
    out = tmp_path / "run"
    assert rhetoric.write_corpus(texts, out, frames=False).gone == 0
    (texts / "b.txt").unlink()
    summary = rhetoric.write_corpus(texts, out, frames=False)
    assert summary.gone == 1 and summary.skipped == 2
    assert "1 document of an earlier run into this folder is no longer in the input" in str(summary)
