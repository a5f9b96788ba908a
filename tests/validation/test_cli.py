"""``rhetoric validate`` on the command line: analyse, sample, page, a spreadsheet, report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rhetoric.cli import main
from rhetoric.validation import read_judgements


def test_the_loop_on_the_command_line_with_a_spreadsheet(data_home, tmp_path, capsys):
    doc = data_home / "inaugural" / "texts" / "1829-Jackson.txt"
    result = tmp_path / "result.jsonl"
    assert main(["analyze", str(doc), "--json"]) == 0
    result.write_text(capsys.readouterr().out, encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    assert (
        main(
            [
                "validate",
                "sample",
                str(result),
                "--out",
                str(sheet),
                "--per-stratum",
                "2",
                "--seed",
                "5",
            ]
        )
        == 0
    )
    assert "figures to judge" in capsys.readouterr().out
    assert main(["validate", "page", str(sheet), "--out", str(tmp_path / "judge.html")]) == 0
    assert (tmp_path / "judge.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # a coder fills in the spreadsheet: verdicts in lower case, as people type them
    table = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    verdicts = (["true", "false", "borderline"] * len(table))[: len(table)]
    table["verdict"], table["annotator"] = verdicts, "sheet-coder"
    table.to_csv(sheet, index=False)
    capsys.readouterr()
    assert main(["validate", "report", str(sheet), "--result", str(result)]) == 0
    out = capsys.readouterr().out
    judged = read_judgements(sheet)
    assert len(judged) == len(table) and set(judged["verdict"]) <= {"TRUE", "FALSE", "BORDERLINE"}
    assert "coders: sheet-coder" in out and f"{len(table)} judged" in out


def test_validate_names_a_bad_stratum_in_one_line(tmp_path, capsys):
    spans = tmp_path / "spans.csv"
    spans.write_text("doc_id,device,kind,start,end,text,group,score,evidence\n", encoding="utf-8")
    assert (
        main(
            ["validate", "sample", str(spans), "--out", str(tmp_path / "s.jsonl"), "--by", "devce"]
        )
        == 2
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "did you mean 'device'" in err[0]


def _run_of_two_addresses(data_home, tmp_path):
    """A corpus folder of two inaugural addresses and the folder of its run (analyze-corpus)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("1829-Jackson.txt", "1901-McKinley.txt"):
        (corpus / name).write_bytes((data_home / "inaugural" / "texts" / name).read_bytes())
    run = tmp_path / "run"
    assert main(["analyze-corpus", str(corpus), "--out", str(run), "--no-progress"]) == 0
    return corpus, run


def test_a_corpus_run_folder_is_a_result_to_sample_and_report(data_home, tmp_path, capsys):
    # the folder `rhetoric analyze-corpus --out` writes: its spans, and its documents' paths for
    # the texts (it was an internal error: the reader looked for a spans.parquet of an old layout)
    corpus, run = _run_of_two_addresses(data_home, tmp_path)
    sheet = tmp_path / "sheet.jsonl"
    assert main(["validate", "sample", str(run), "--out", str(sheet), "--per-stratum", "3"]) == 0
    rows = pd.read_json(sheet, lines=True)
    assert len(rows) and set(rows["doc"]) <= {"1829-Jackson", "1901-McKinley"}
    for row in rows.itertuples():
        text = (corpus / f"{row.doc}.txt").read_text(encoding="utf-8")
        assert text[row.start : row.end] == row.text
    rows["verdict"], rows["annotator"] = "TRUE", "run-coder"
    rows.to_json(sheet, orient="records", lines=True)
    capsys.readouterr()
    assert main(["validate", "report", str(sheet), "--result", str(run)]) == 0
    assert f"{len(rows)} judged" in capsys.readouterr().out


def test_a_missing_result_is_the_user_s_error_in_one_line(tmp_path, capsys):
    sheet = str(tmp_path / "s.jsonl")
    assert main(["validate", "sample", str(tmp_path / "nowhere"), "--out", sheet]) == 1
    assert main(["validate", "sample", str(tmp_path), "--out", sheet]) == 1  # a folder, no result
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "no such file or folder" in err[0] and "corpus run" in err[1]
    assert "internal error" not in " ".join(err)


def test_sample_sizes_below_one_and_negative_context_are_usage_errors(tmp_path, capsys):
    spans = tmp_path / "spans.csv"
    spans.write_text("doc_id,device,kind,start,end,text,group,score,evidence\n", encoding="utf-8")
    out = str(tmp_path / "s.jsonl")
    assert main(["validate", "sample", str(spans), "--out", out, "--per-stratum", "0"]) == 2
    assert main(["validate", "sample", str(spans), "--out", out, "--context", "-5"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("rhetoric: error: ") for line in err)
    # the command line's names, not sample()'s (it said per_stratum=0 and width=-5)
    assert err[0].startswith("rhetoric: error: --per-stratum 0 is not valid")
    assert err[1].startswith("rhetoric: error: --context -5 (the context")


def test_a_run_over_a_relative_folder_says_where_to_sample_it_from(
    data_home, tmp_path, monkeypatch, capsys
):
    (tmp_path / "corpus").mkdir()
    name = "1829-Jackson.txt"
    (tmp_path / "corpus" / name).write_bytes(
        (data_home / "inaugural" / "texts" / name).read_bytes()
    )
    monkeypatch.chdir(tmp_path)
    assert main(["analyze-corpus", "corpus", "--out", "run", "--no-progress"]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    capsys.readouterr()
    assert main(["validate", "sample", str(tmp_path / "run"), "--out", "s.jsonl"]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"rhetoric: error: corpus/{name}: ")
    assert line.endswith("relative to the folder it was started in: run this there")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "sample", "run", "--out", "s.jsonl"]) == 0


def test_a_file_changed_since_the_run_is_refused_not_sampled_at_wrong_offsets(
    data_home, tmp_path, capsys
):
    # a line added at the top of a file after the run shifted every offset in it: the sheet
    # showed other words than the figures (exit 0); now the file is named and refused
    corpus, run = _run_of_two_addresses(data_home, tmp_path)
    sheet = tmp_path / "sheet.jsonl"
    assert main(["validate", "sample", str(run), "--out", str(sheet)]) == 0
    judged = pd.read_json(sheet, lines=True).assign(verdict="TRUE", annotator="a")
    judged.to_json(sheet, orient="records", lines=True)
    edited = corpus / "1901-McKinley.txt"
    edited.write_bytes(b"A line added after the run.\n" + edited.read_bytes())
    capsys.readouterr()
    assert main(["validate", "sample", str(run), "--out", str(tmp_path / "s2.jsonl")]) == 1
    assert main(["validate", "report", str(sheet), "--result", str(run)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and not (tmp_path / "s2.jsonl").exists()
    for line in err:
        assert line.startswith(f"rhetoric: error: {edited}: changed since the run")
        assert "1829-Jackson" not in line


def test_a_run_over_a_table_with_an_empty_cell_is_sampled_from_its_other_rows(
    data_home, tmp_path, capsys
):
    # the run records the empty cell as an input error; --texts read every row and stopped at it
    # ("bad_none: no text", exit 1)
    text = (data_home / "inaugural" / "texts" / "1829-Jackson.txt").read_text(encoding="utf-8")
    table = tmp_path / "corpus.parquet"
    pd.DataFrame({"doc_id": ["jackson", "bad_none"], "text": [text, None]}).to_parquet(table)
    run = tmp_path / "run"
    assert main(["analyze-corpus", str(table), "--out", str(run), "--no-progress"]) == 1
    sheet = tmp_path / "sheet.csv"
    capsys.readouterr()
    assert main(["validate", "sample", str(run), "--texts", str(table), "--out", str(sheet)]) == 0
    rows = pd.read_csv(sheet, keep_default_na=False)
    assert len(rows) and set(rows["doc"]) == {"jackson"}
    assert all(text[r.start : r.end] == r.text for r in rows.itertuples())


def test_a_report_on_a_run_over_a_table_takes_the_table_as_sample_does(data_home, tmp_path, capsys):
    # the report said "give the corpus table it was run on (--texts TABLE...)" and had no
    # --texts (exit 2, unrecognized arguments)
    text = (data_home / "inaugural" / "texts" / "1829-Jackson.txt").read_text(encoding="utf-8")
    table = tmp_path / "corpus.csv"
    pd.DataFrame({"name": ["jackson"], "body": [text]}).to_csv(table, index=False)
    run = tmp_path / "run"
    columns = ["--text-column", "body", "--id-column", "name"]
    assert main(["analyze-corpus", str(table), "--out", str(run), "--no-progress", *columns]) == 0
    sheet = tmp_path / "sheet.jsonl"
    texts = ["--texts", str(table), *columns]
    assert main(["validate", "sample", str(run), "--out", str(sheet), *texts]) == 0
    rows = pd.read_json(sheet, lines=True).assign(verdict="TRUE", annotator="coder")
    rows.to_json(sheet, orient="records", lines=True)
    capsys.readouterr()
    assert main(["validate", "report", str(sheet), "--result", str(run)]) == 1
    assert "--texts TABLE" in capsys.readouterr().err
    assert main(["validate", "report", str(sheet), "--result", str(run), *texts]) == 0
    out = capsys.readouterr().out
    assert f"{len(rows)} judged" in out and "coders: coder" in out
    assert main(["validate", "report", str(sheet), "--texts", str(table)]) == 2
    assert "give --result too" in capsys.readouterr().err


def test_a_sheet_into_a_folder_that_cannot_be_written_is_an_output_error_before_sampling(
    tmp_path, capsys, read_only
):
    spans = tmp_path / "spans.csv"
    pd.DataFrame({"doc_id": ["a.txt"], "device": ["anaphora"], "kind": ["clause"], "start": [0],
                  "end": [4]}).to_csv(spans, index=False)  # fmt: skip
    folder = tmp_path / "locked"
    folder.mkdir()
    read_only(folder)
    for name in ("s.jsonl", "s.csv"):
        assert main(["validate", "sample", str(spans), "--out", str(folder / name)]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1
        assert err.startswith(f"rhetoric: error: --out {folder / name}: cannot be written (")


def test_a_new_sample_never_writes_over_a_sheet_that_holds_judgements(tmp_path, capsys):
    spans = tmp_path / "spans.csv"
    text = tmp_path / "a.txt"
    text.write_text("We shall " * 60, encoding="utf-8")
    rows = [(str(text), "anaphora", "clause", 9 * i, 9 * i + 8) for i in range(47)]
    pd.DataFrame(rows, columns=["doc_id", "device", "kind", "start", "end"]).to_csv(
        spans, index=False
    )
    sheet = tmp_path / "sheet.csv"
    argv = ["validate", "sample", str(spans), "--out", str(sheet), "--per-stratum", "50"]
    assert main(argv) == 0
    assert main(argv) == 0  # a sheet not judged yet is drawn again
    capsys.readouterr()
    table = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    table["verdict"] = "TRUE"  # a coder judged every figure in a spreadsheet
    table.to_csv(sheet, index=False)
    before = sheet.read_bytes()
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(f"rhetoric: error: --out {sheet}: the file holds 47 judgements (47 TRUE)")
    assert "give another --out file" in err
    assert sheet.read_bytes() == before  # the verdicts are still there
    sheet.write_bytes(b"\xff\xfe not a sheet")  # a file this command cannot read: kept too
    assert main(argv) == 2
    assert "is not a sheet this command can read" in capsys.readouterr().err


def _two_addresses(data_home=None):
    """The inaugural loader's table, two addresses of it (a bundled corpus, kept quick)."""
    from rhetoric.corpora import load_inaugural

    table = load_inaugural(data_home)
    return table[table["doc_id"].isin(["1829-Jackson", "1901-McKinley"])].reset_index(drop=True)


def test_a_run_over_a_bundled_corpus_is_sampled_from_the_files_its_loader_read(
    data_home, tmp_path, monkeypatch, capsys
):
    # `analyze-corpus inaugural` kept no path of the loader's table (the run's documents were
    # texts), so `validate sample` of the run refused and asked for a table the user never had
    from rhetoric import corpora

    monkeypatch.setitem(corpora.LOADERS, "inaugural", _two_addresses)
    run, sheet = tmp_path / "run", tmp_path / "sheet.jsonl"
    assert main(["analyze-corpus", "inaugural", "--out", str(run), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["validate", "sample", str(run), "--out", str(sheet), "--by", "device,year"]) == 0
    rows = pd.read_json(sheet, lines=True)
    assert len(rows) and set(rows["doc"]) == {"1829-Jackson", "1901-McKinley"}
    texts = dict(zip(_two_addresses()["doc_id"], _two_addresses()["text"], strict=True))
    assert all(texts[r.doc][r.start : r.end] == r.text for r in rows.itertuples())


def test_texts_may_name_a_bundled_corpus_as_analyze_corpus_takes_it(
    data_home, tmp_path, monkeypatch, capsys
):
    # `--texts inaugural` was read as one text, not a corpus: "documents must be a list of
    # documents, not a single str; wrap one text in a list", a message meant for Python callers
    from rhetoric import corpora

    table = tmp_path / "texts.parquet"  # the texts without their paths: the run cannot read them
    _two_addresses(data_home)[["doc_id", "text", "year"]].to_parquet(table)
    run, sheet = tmp_path / "run", tmp_path / "sheet.jsonl"
    assert main(["analyze-corpus", str(table), "--out", str(run), "--no-progress"]) == 0
    monkeypatch.setitem(corpora.LOADERS, "inaugural", _two_addresses)
    capsys.readouterr()
    assert main(["validate", "sample", str(run), "--out", str(sheet)]) == 1
    assert "a bundled corpus name" in capsys.readouterr().err
    texts = ["--texts", "inaugural"]
    assert main(["validate", "sample", str(run), "--out", str(sheet), *texts]) == 0
    rows = pd.read_json(sheet, lines=True)
    assert len(rows) and set(rows["doc"]) == {"1829-Jackson", "1901-McKinley"}
    rows = rows.assign(verdict="TRUE", annotator="coder")
    rows.to_json(sheet, orient="records", lines=True)
    capsys.readouterr()
    assert main(["validate", "report", str(sheet), "--result", str(run), *texts]) == 0
    assert f"{len(rows)} judged" in capsys.readouterr().out
    other = str(tmp_path / "other.jsonl")
    assert main(["validate", "sample", str(run), "--out", other, "--texts", "inagural"]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "inagural: no such file or folder, and not a bundled corpus" in line
    assert "did you mean 'inaugural'?" in line


def test_the_seed_article_analysed_without_a_path_is_validated_from_any_folder(
    data_home, tmp_path, monkeypatch, capsys
):
    # `rhetoric analyze` named the bundled seed "corpus/moscow_kabul_via_islamabad.txt", a path
    # found only from the repository's root: validate elsewhere said "no such file" (exit 1)
    import json

    from rhetoric.corpora import load_seed

    monkeypatch.chdir(tmp_path)
    assert main(["analyze", "--min-score", "0", "--json"]) == 0
    (tmp_path / "s.jsonl").write_text(capsys.readouterr().out, encoding="utf-8")
    [doc] = [json.loads(line)["doc"] for line in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert Path(doc).resolve() == Path(load_seed()["path"].iloc[0]).resolve()
    assert main(["validate", "sample", "s.jsonl", "--out", "x.csv", "--per-stratum", "2"]) == 0
    rows = pd.read_csv(tmp_path / "x.csv", keep_default_na=False)
    text = load_seed()["text"].iloc[0]
    assert len(rows) and all(text[r.start : r.end] == r.text for r in rows.itertuples())
