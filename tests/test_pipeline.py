from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from rhetoric.documents import folder_paths
from rhetoric.pipeline import (
    DOCUMENT_COLUMNS,
    LAYERED_SPAN_COLUMNS,
    SpanOffsetError,
    analyze_corpus,
    check_offsets,
)
from rhetoric.span import Span

DEVICES = ["alliteration"]
TABLES = ("documents", "spans", "frames", "removed", "errors")


@pytest.fixture(scope="module")
def corpus(data_home):
    from rhetoric.corpora import load_inaugural

    return load_inaugural().head(6)[["doc_id", "text", "year"]]


def assert_same_tables(a, b) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_processes_give_the_same_tables_as_serial(corpus):
    serial = analyze_corpus(corpus, devices=DEVICES, backend="serial", min_score=0)
    parallel = analyze_corpus(corpus, devices=DEVICES, backend="processes", n_jobs=2, min_score=0)
    assert_same_tables(serial, parallel)
    assert list(serial.spans.columns) == LAYERED_SPAN_COLUMNS
    assert set(serial.spans["layer"]) == {"device", "stance", "frame"}
    assert serial.documents.columns.tolist() == [*DOCUMENT_COLUMNS, "year"]
    assert serial.documents["doc_id"].tolist() == corpus["doc_id"].tolist()
    assert serial.documents["year"].tolist() == corpus["year"].tolist()
    assert (serial.documents["n_words"] > 0).all() and serial.errors.empty


def test_the_frame_rows_and_spans_join_on_doc_id(corpus):
    result = analyze_corpus(corpus.head(2), devices=DEVICES, n_jobs=1)
    assert set(result.frames["doc_id"]) <= set(result.documents["doc_id"])
    assert set(result.spans["doc_id"]) <= set(result.documents["doc_id"])
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    for span in result.spans.itertuples():
        assert texts[span.doc_id][span.start : span.end] == span.text


def test_a_file_is_named_alike_by_every_entry_point_and_joins_the_loaders_table(
    tmp_path, data_home, capsys
):
    # README "one doc_id rule": a file is named by its path in the folder it was read from,
    # without the extension. rhetoric.analyze said "1789-Washington", analyze_corpus of the path
    # "texts/1789-Washington.txt", a folder run "1789-Washington.txt": the tables did not join
    import rhetoric
    from rhetoric.cli import main
    from rhetoric.corpora import load_inaugural

    folder = tmp_path / "texts"
    folder.mkdir()
    names = ["1789-Washington", "1793-Washington"]
    for name in names:
        source = data_home / "inaugural" / "texts" / f"{name}.txt"
        (folder / f"{name}.txt").write_bytes(source.read_bytes())
    options = {"devices": ["epizeuxis"], "frames": False, "n_jobs": 1}
    paths = [str(folder / f"{name}.txt") for name in names]
    assert rhetoric.analyze(paths[0], devices=["epizeuxis"], frames=False).doc_id == names[0]
    assert analyze_corpus(paths, **options).documents["doc_id"].tolist() == names
    assert analyze_corpus([Path(p) for p in paths], **options).documents["doc_id"].tolist() == names
    assert analyze_corpus(paths[1], **options).documents["doc_id"].tolist() == names[1:]
    whole = analyze_corpus(folder, **options).documents
    assert whole["doc_id"].tolist() == names and whole["path"].tolist() == paths
    assert main(["analyze-corpus", str(folder), "--out", str(tmp_path / "run"), "--no-frames",
                 "--devices", "epizeuxis", "--no-progress"]) == 0  # fmt: skip
    capsys.readouterr()
    run = rhetoric.read_corpus_result(tmp_path / "run").documents
    assert run["doc_id"].tolist() == names
    joined = run.merge(load_inaugural()[["doc_id", "year"]], on="doc_id")
    assert joined["year"].tolist() == [1789, 1793]
    # subfolders stay in the name; two files that differ only in extension keep theirs
    nested = tmp_path / "nested"
    for name in ("2019/a.txt", "2020/a.txt", "x.txt", "x.md"):
        (nested / name).parent.mkdir(parents=True, exist_ok=True)
        (nested / name).write_text("Go on, go on.", encoding="utf-8")
    found = analyze_corpus(nested, pattern="**/*.*", **options).documents["doc_id"].tolist()
    assert found == ["2019/a", "2020/a", "x.md", "x.txt"]
    listed = sorted(str(p) for p in nested.rglob("a.txt"))
    assert analyze_corpus(listed, **options).documents["doc_id"].tolist() == ["2019/a", "2020/a"]


def test_a_bad_file_is_an_error_row_and_the_good_ones_survive(tmp_path):
    (tmp_path / "a.txt").write_text("Go on, go on, go on.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00binary")
    (tmp_path / "c.txt").write_bytes(b"Caf\xe9 talk.")
    (tmp_path / "d.txt").write_text("  \n\n", encoding="utf-8")
    result = analyze_corpus(tmp_path, devices=DEVICES, frames=False, n_jobs=2)
    rows = result.documents.set_index("doc_id")
    assert rows.loc["a", "n_words"] == 6 and rows.loc["a", "warning"] is None
    assert "not valid UTF-8" in rows.loc["c", "warning"]
    assert rows.loc["c", "n_words"] == 2
    # a document without words stays a row, said in its warning (not an error, not dropped)
    assert rows.loc["d", "n_words"] == 0
    assert rows.loc["d", "warning"] == "d: no words to analyse (empty or only page furniture)"
    assert result.errors.to_dict("records") == [
        {"doc_id": "b", "path": str(tmp_path / "b.txt"), "kind": "input",
         "reason": f"{tmp_path / 'b.txt'}: binary file (contains NUL bytes), not text"}
    ]  # fmt: skip
    assert folder_paths(tmp_path) == [tmp_path / n for n in ("a.txt", "b.txt", "c.txt", "d.txt")]


def test_a_link_to_a_missing_file_is_an_input_error_not_left_out(tmp_path):
    # a corpus folder whose link points nowhere (a file moved away): the run says so
    (tmp_path / "a.txt").write_text("We rise. We build.", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "moved-away.txt")
    (tmp_path / "folder.txt").mkdir()  # a folder that matches the pattern is not a document
    assert folder_paths(tmp_path) == [tmp_path / "a.txt", tmp_path / "gone.txt"]
    result = analyze_corpus(tmp_path, devices=DEVICES, frames=False)
    assert result.documents["doc_id"].tolist() == ["a"]
    [error] = result.errors.to_dict("records")
    assert error["doc_id"] == "gone" and error["kind"] == "input"
    assert "no such file" in error["reason"]


def test_a_bug_in_one_document_is_an_internal_error_row(monkeypatch):
    from rhetoric import pipeline

    real = pipeline.analyze_text

    def broken(text, options, doc_id, metadata=None):
        if "broken" in text:
            raise TypeError("a detector tripped")
        return real(text, options, doc_id, metadata)

    monkeypatch.setattr(pipeline, "analyze_text", broken)
    result = analyze_corpus(["Go on, go on.", "broken text", "Go on."], devices=["epizeuxis"],
                            frames=False, n_jobs=1)  # fmt: skip
    assert result.documents["doc_id"].tolist() == ["doc0", "doc2"]
    assert result.internal_errors["doc_id"].tolist() == ["doc1"]
    assert result.errors.loc[0, "reason"].startswith("TypeError: a detector tripped")


def test_a_span_that_does_not_slice_back_is_a_bug():
    text = "Never, never give in."
    check_offsets(text, [Span.from_source(text, 0, 5, device="epizeuxis", kind="word")])
    with pytest.raises(SpanOffsetError, match="does not slice back"):
        check_offsets(text, [Span(0, 5, "epizeuxis", "word", "NEVER")])


def test_min_score_keeps_a_subset_of_the_candidates(corpus):
    every = analyze_corpus(corpus.head(2), devices=DEVICES, frames=False, n_jobs=1, min_score=0)
    some = analyze_corpus(corpus.head(2), devices=DEVICES, frames=False, n_jobs=1, min_score=0.9)
    key = ["doc_id", "device", "start", "end"]
    kept = set(map(tuple, some.devices[key].values.tolist()))
    assert kept < set(map(tuple, every.devices[key].values.tolist()))
    assert (some.devices.groupby(["doc_id", "group"], dropna=False)["score"].max() >= 0.9).all()


def test_a_single_string_is_explained():
    with pytest.raises(TypeError, match="list of documents"):
        analyze_corpus("just one text")
    with pytest.raises(TypeError, match="not NoneType"):
        analyze_corpus(None)


def test_devices_may_be_one_name_or_names_joined_by_commas():
    from rhetoric.errors import UsageError

    texts = ["Never, never give in. Not this, but that."]
    one = analyze_corpus(texts, devices="epizeuxis", frames=False, n_jobs=1, min_score=0)
    assert set(one.devices["device"]) == {"epizeuxis"}
    two = analyze_corpus(texts, devices="epizeuxis, antithesis", frames=False, n_jobs=1,
                         min_score=0)  # fmt: skip
    assert set(two.devices["device"]) == {"epizeuxis", "antithesis"}
    with pytest.raises(UsageError, match="device names, not int"):
        analyze_corpus(texts, devices=5)


def test_a_doc_id_named_twice_is_an_input_error_said_before_a_run_folder_is_made(tmp_path, capsys):
    # it was a usage error (exit 2, not in the table) found during the run, which left an
    # --out folder with a configuration and no parts
    from rhetoric.cli import main
    from rhetoric.errors import InputError

    table = pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["One.", "Two.", "Three."]})
    with pytest.raises(InputError, match=r"doc_id 'a' names two documents \(rows 1 and 3 "):
        analyze_corpus(table, n_jobs=1)
    table.to_csv(tmp_path / "t.csv", index=False)
    out = tmp_path / "run"
    code = main(["analyze-corpus", str(tmp_path / "t.csv"), "--out", str(out), "--no-progress"])
    captured = capsys.readouterr()
    assert (code, captured.out) == (1, "") and captured.err.count("\n") == 1
    assert "doc_id 'a' names two documents (rows 1 and 3 of the input" in captured.err
    assert not out.exists()


def test_files_get_unique_names_whenever_their_paths_are(tmp_path, capsys):
    from rhetoric.cli import main
    from rhetoric.documents import file_doc_ids, iter_corpus

    assert file_doc_ids(["b/z.txt", "b/z.md", "b/z.txt.md"]) == ["z.txt", "z.md", "z.txt.md"]
    assert file_doc_ids(["b/z.txt.md", "b/z.md", "b/z.txt"]) == ["z.txt.md", "z.md", "z.txt"]
    assert file_doc_ids(["a/x.txt", "b/y.txt"]) == ["a/x", "b/y"]  # no clash: no extension
    notes = tmp_path / "notes"
    notes.mkdir()
    for name in ("notes.txt", "notes.md", "notes.txt.md"):
        (notes / name).write_text("We shall fight. We shall win.", encoding="utf-8")
    code = main(["analyze-corpus", str(notes), "--pattern", "*", "--out", str(tmp_path / "o"),
                 "--devices", "anaphora", "--no-frames", "--no-progress"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    # a file beside a text given without a name: not the text's doc<N>
    (tmp_path / "doc1.txt").write_text("We shall go on.", encoding="utf-8")
    corpus = [str(tmp_path / "doc1.txt"), "We shall fight and we shall win."]
    assert [d.doc_id for d in iter_corpus(corpus)] == ["doc1.txt", "doc1"]
    result = analyze_corpus(corpus, devices=["anaphora"], frames=False, n_jobs=1)
    assert result.documents["doc_id"].tolist() == ["doc1.txt", "doc1"]


def test_a_series_of_paths_is_named_by_the_file_rule_as_a_list_is(tmp_path):
    from rhetoric.documents import iter_corpus

    paths = []
    for name in ("1789-Washington.txt", "1793-Washington.txt"):
        (tmp_path / name).write_text("We shall go on.", encoding="utf-8")
        paths.append(str(tmp_path / name))
    as_list = [d.doc_id for d in iter_corpus(paths)]
    assert as_list == ["1789-Washington", "1793-Washington"]
    assert [d.doc_id for d in iter_corpus(pd.Series(paths))] == as_list
    assert [d.doc_id for d in iter_corpus(pd.Series(["One.", "Two."]))] == ["doc0", "doc1"]
    labelled = pd.Series(paths, index=["a", "b"])  # a label names its document
    assert [d.doc_id for d in iter_corpus(labelled)] == ["a", "b"]


def test_a_long_text_is_analysed_with_the_cycle_collector_paused_and_restored(monkeypatch):
    import gc

    from rhetoric import analysis

    seen = []
    original = analysis.find_devices

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(analysis, "find_devices", spy)
    monkeypatch.setattr(analysis, "LONG_TEXT_CHARS", 40)
    assert gc.isenabled()
    analysis.analyze_text("We shall fight. We shall never surrender. Never, never, never.")
    analysis.analyze_text("Short.")
    assert seen == [False, True] and gc.isenabled()
    monkeypatch.setattr(analysis, "find_devices", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        analysis.analyze_text("x" * 50)
    assert gc.isenabled()  # restored after an error too


def test_typed_text_columns_hold_none_for_every_kind_of_missing_value_and_keep_the_rest():
    import numpy as np
    import pandas as pd

    from rhetoric.pipeline import _COLUMNS, typed

    columns = _COLUMNS["errors"]
    text_column = columns[0]  # every column of the errors table is text
    values = ["a", None, pd.NA, float("nan"), "b"]
    table = pd.DataFrame({c: values if c == text_column else [None] * 5 for c in columns})
    table = typed(table, "errors")
    assert table[text_column].dtype == object
    assert list(table[text_column]) == ["a", None, None, None, "b"]
    strings = pd.DataFrame({c: pd.Series(["x", None, "y"], dtype="string") for c in columns})
    strings = typed(strings, "errors")
    assert list(strings[text_column]) == ["x", None, "y"]
    assert all(v is None or isinstance(v, str) for v in strings[text_column])
    assert not any(isinstance(v, float) and np.isnan(v) for v in strings[text_column])


def test_a_corpus_run_ranks_frames_by_genre(data_home):
    """The frames table carries each frame's rank; a document's genre (its metadata, or the
    run's ``genre=`` for documents that name none) picks the ranker."""
    import pandas as pd

    from rhetoric.corpora import corpus_dir
    from rhetoric.framing import frame_profile

    # a PTC train article (read from the data home) that the two rankers order differently
    text = (corpus_dir("ptc", data_home) / "train-articles" / "article111111123.txt").read_text(
        encoding="utf-8"
    )
    table = pd.DataFrame({"doc_id": ["as_news", "as_speech"], "text": [text, text],
                          "genre": ["news", "speech"]})  # fmt: skip
    runs = {
        "table": analyze_corpus(table, devices=[], n_jobs=1).frames,
        "argument": analyze_corpus([text], devices=[], n_jobs=1, genre="news").frames,
    }
    expected = {}
    for ranker in ("news", "speech"):
        profile = frame_profile(text, ranker=ranker)
        expected[ranker] = dict(zip(profile["frame"], profile["rank"], strict=True))
    assert expected["news"] != expected["speech"]
    frames = runs["table"]
    assert frames.columns.tolist()[:3] == ["doc_id", "frame", "rank"]
    for doc_id, ranker in (("as_news", "news"), ("as_speech", "speech")):
        rows = frames[frames["doc_id"] == doc_id]
        assert dict(zip(rows["frame"], rows["rank"], strict=True)) == {
            f: expected[ranker][f] for f in rows["frame"]
        }
    rows = runs["argument"]
    assert dict(zip(rows["frame"], rows["rank"], strict=True)) == {
        f: expected["news"][f] for f in rows["frame"]
    }


@pytest.mark.parametrize(
    ("limits", "named"),
    [({"time_limit": -1}, "time_limit=-1"), ({"max_bytes": 0}, "max_bytes=0")],
)
def test_limits_that_would_fail_every_document_are_refused_before_the_run(tmp_path, limits, named):
    from rhetoric.errors import UsageError
    from rhetoric.pipeline import write_corpus

    with pytest.raises(UsageError, match=named):
        analyze_corpus(["We rise. We build."], devices=DEVICES, frames=False, **limits)
    with pytest.raises(UsageError, match=named):
        write_corpus(["We rise."], tmp_path / "run", devices=DEVICES, frames=False, **limits)
    assert not (tmp_path / "run").exists()  # refused before the folder was made


def test_a_table_names_its_documents_by_the_id_column_asked_for(tmp_path):
    from rhetoric.errors import UsageError
    from rhetoric.pipeline import corpus_documents

    table = pd.DataFrame({"id": ["a1", "b2"], "body": ["We rise. We rise.", "Not this, but that."],
                          "outlet": ["x", "y"]})  # fmt: skip
    result = analyze_corpus(table, text_column="body", id_column="id", devices=DEVICES, n_jobs=1)
    assert result.documents[["doc_id", "outlet"]].values.tolist() == [["a1", "x"], ["b2", "y"]]
    assert "id" not in result.documents.columns  # the name, not a metadata column besides
    with pytest.raises(UsageError, match="id_column='ident' is not valid"):
        analyze_corpus(table, text_column="body", id_column="ident", n_jobs=1)
    path = tmp_path / "t.parquet"
    table.to_parquet(path)
    # the Parquet cells a Dask run reads lazily name the documents as the table does
    eager = [(d.doc_id, d.metadata) for d in corpus_documents(path, "*.txt", "body", False, "id")]
    lazy = [(d.doc_id, d.metadata) for d in corpus_documents(path, "*.txt", "body", True, "id")]
    assert eager == lazy == [("a1", {"outlet": "x"}), ("b2", {"outlet": "y"})]
    with pytest.raises(UsageError, match="id_column='ident'"):
        list(corpus_documents(path, "*.txt", "body", True, "ident"))


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_table_file_keeps_the_names_of_the_id_column_asked_for_as_written(tmp_path, suffix):
    # names, not numbers: leading zeros kept, 1.10 and 1.1 two names (not 1.1 twice)
    from rhetoric.documents import iter_corpus

    path = tmp_path / f"t{suffix}"
    ids, texts = ["007", "0012", "1.10", "1.1"], ["We rise.", "Ask not.", "One.", "Two."]
    if suffix == ".csv":
        path.write_text(
            "id,text\n" + "".join(f"{i},{t}\n" for i, t in zip(ids, texts, strict=True))
        )
    else:  # quoted in JSON: strings already
        path.write_text(
            "".join(f'{{"id": "{i}", "text": "{t}"}}\n' for i, t in zip(ids, texts, strict=True))
        )
    assert [d.doc_id for d in iter_corpus(path, id_column="id")] == ids
    result = analyze_corpus(path, id_column="id", devices=DEVICES, frames=False, n_jobs=1)
    assert result.documents["doc_id"].tolist() == ids


def test_json_lines_numbers_in_the_id_column_are_names_as_written(tmp_path):
    from rhetoric.documents import iter_corpus

    path = tmp_path / "t.jsonl"
    path.write_text(
        '{"id": 1.10, "text": "One."}\n{"id": 1.1, "text": "Two."}\n'
        '{"id": 12345678901234567891, "text": "Three."}\n{"id": "x", "text": "Four."}\n'
    )
    assert [d.doc_id for d in iter_corpus(path, id_column="id")] == [
        "1.10", "1.1", "12345678901234567891", "x"
    ]  # fmt: skip


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r"])
def test_json_lines_texts_may_hold_unicode_line_separators_raw(tmp_path, separator):
    """JSON writes U+2028, U+2029 and U+0085 raw (ensure_ascii=False) and a CR only escaped;
    the table was split with str.splitlines, which breaks a record at them: a valid file was
    refused as "not a readable JSON Lines table"."""
    from rhetoric.documents import iter_corpus

    path = tmp_path / "t.jsonl"
    rows = [
        {"doc_id": "a", "text": f"We will win.{separator}We will win again."},
        {"doc_id": "b", "text": "Two."},
    ]
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    documents = list(iter_corpus(path))
    assert [(d.doc_id, d.text) for d in documents] == [(r["doc_id"], r["text"]) for r in rows]
    result = analyze_corpus(path, devices=DEVICES, frames=False, n_jobs=1)
    assert result.documents["doc_id"].tolist() == ["a", "b"] and result.errors.empty


@pytest.mark.parametrize("kind", ["DataFrame", ".csv", ".jsonl", ".parquet"])
def test_a_row_without_a_doc_id_is_its_input_error_never_a_name(tmp_path, kind):
    # pandas kept NaN as the name (written into _committed, the folder then refused as damaged
    # by the next run), and an empty CSV cell became the doc_id ''
    from rhetoric.pipeline import write_corpus
    from rhetoric.runner import load_texts, parquet_cells
    from rhetoric.store import read_corpus_result

    table = pd.DataFrame({"doc_id": ["a", None, "c", " "],
                          "text": ["We rise. We rise.", "Ask not.", "Go on.", "Stop."]})  # fmt: skip
    source = table if kind == "DataFrame" else tmp_path / f"t{kind}"
    if kind == ".csv":
        table.to_csv(source, index=False)
    elif kind == ".jsonl":
        table.to_json(source, orient="records", lines=True)
    elif kind == ".parquet":
        table.to_parquet(source)
    result = analyze_corpus(source, devices=DEVICES, frames=False, n_jobs=1)
    assert result.documents["doc_id"].tolist() == ["a", "c"]
    assert result.errors[["doc_id", "kind"]].values.tolist() == [
        ["row 2", "input"], ["row 4", "input"]
    ]  # fmt: skip
    assert result.errors["reason"].str.contains("row 2 of the table has no doc_id").tolist() == [
        True, False
    ]  # fmt: skip
    out, options = tmp_path / "run", {"devices": DEVICES, "frames": False, "n_jobs": 1}
    assert write_corpus(source, out, **options).documents == 4
    assert write_corpus(source, out, **options).skipped == 4  # resumed: the folder is sound
    assert read_corpus_result(out).errors["doc_id"].tolist() == ["row 2", "row 4"]
    if kind == ".parquet":  # the rows a Dask worker reads are named alike, in a later row group
        table.to_parquet(source, row_group_size=3)
        cells = load_texts(list(parquet_cells(source)))
        assert [d.doc_id for d in cells] == ["a", "row 2", "c", "row 4"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_an_empty_or_blank_text_cell_is_missing_in_every_table_format(tmp_path, suffix):
    from rhetoric.runner import load_texts, parquet_cells

    table = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["We rise. We rise.", "", " \n "]})
    path = tmp_path / f"t{suffix}"
    if suffix == ".csv":
        table.to_csv(path, index=False)
    elif suffix == ".jsonl":
        table.to_json(path, orient="records", lines=True)
    else:
        table.to_parquet(path)
    result = analyze_corpus(path, devices=DEVICES, frames=False, n_jobs=1)
    assert result.documents["doc_id"].tolist() == ["a"]
    assert result.errors["reason"].tolist() == [
        f"{name}: no text (an empty cell, or neither a text nor a path)" for name in "bc"
    ]
    if suffix == ".parquet":  # the cells a Dask worker reads are missing alike
        assert [d.text for d in load_texts(list(parquet_cells(path)))][1:] == [None, None]


def test_a_documents_spans_table_gives_the_missing_group_as_the_corpus_tables_do():
    """``analyze(...).spans`` and ``analyze_corpus(...).spans`` give a span without a group as
    ``None`` in an object column, in a document whose other spans have groups as in one whose
    spans have none (pandas 3 inferred its string dtype, with NaN, for the first)."""
    import rhetoric

    texts = {
        "series": "Who fixes the pumps? Who pays the crews? Who cleans the drains?",
        "lone": "Our harbour is quiet. Who will mend the old pier now?",
    }
    corpus = analyze_corpus(
        pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())}),
        devices=["rhetorical_question"],
        min_score=0,
    )
    for doc_id, text in texts.items():
        alone = rhetoric.analyze(text, devices=["rhetorical_question"], min_score=0).spans
        assert alone["group"].dtype == object and alone["layer"].dtype == object
        assert corpus.spans["group"].dtype == object
        rows = corpus.spans[corpus.spans["doc_id"] == doc_id]
        key = ["device", "start", "end"]  # the corpus table orders its layers otherwise
        assert sorted(map(tuple, alone[[*key, "group"]].to_numpy())) == sorted(
            map(tuple, rows[[*key, "group"]].to_numpy())
        )
        assert all(g is None or isinstance(g, str) for g in alone["group"])
    assert any(g is None for g in alone["group"])  # the lone question, with the frame spans


@pytest.mark.parametrize("suffix", [None, ".csv", ".parquet"])
def test_a_loaders_texts_keep_the_files_they_were_read_from_in_the_documents_table(
    data_home, tmp_path, suffix
):
    # a run over a loader's table (`analyze-corpus inaugural`) recorded its documents' path as
    # null: `rhetoric validate` could not read the texts again, and asked for a table
    from rhetoric.corpora import load_inaugural
    from rhetoric.runner import load_texts, parquet_cells

    table = load_inaugural().head(2)[["doc_id", "text", "year", "path"]]
    corpus = table
    if suffix is not None:
        corpus = tmp_path / f"t{suffix}"
        table.to_csv(corpus, index=False) if suffix == ".csv" else table.to_parquet(corpus)
    options = {"devices": DEVICES, "frames": False, "n_jobs": 1}
    documents = analyze_corpus(corpus, **options).documents
    assert documents["path"].tolist() == table["path"].tolist()
    assert "path" in documents.columns and documents.columns.tolist().count("path") == 1
    if suffix == ".parquet":  # the cells a Dask worker reads carry the file alike
        assert [d.origin for d in load_texts(list(parquet_cells(corpus)))] == table["path"].tolist()
    # the file holds the table's `text`, not another column's: a run over clean_text records none
    cleaned = table.assign(clean_text=table["text"].str.upper())
    documents = analyze_corpus(cleaned, text_column="clean_text", **options).documents
    assert documents["path"].isna().all()
