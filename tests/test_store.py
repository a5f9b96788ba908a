"""The Parquet folder of a corpus run: read back equal, resumable after a kill, refused if different."""

from __future__ import annotations

import json
import multiprocessing
import re
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

from rhetoric import store
from rhetoric.errors import OutputError, UsageError
from rhetoric.pipeline import analyze_corpus, write_corpus
from rhetoric.store import read_corpus_result

DEVICES = ["epizeuxis", "anaphora"]
TABLES = ("documents", "spans", "frames", "removed", "errors")


def assert_same_tables(a, b) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


@pytest.fixture(scope="module")
def corpus(data_home):
    from rhetoric.corpora import load_inaugural

    table = load_inaugural().head(24)[["doc_id", "text", "year"]].reset_index(drop=True)
    table.loc[5, "text"] = "Page 1\n\nGo on, go on, go on.\n\nPage 2\n"  # removed furniture
    return table


def test_the_folder_reads_back_as_the_in_memory_tables(corpus, tmp_path):
    in_memory = analyze_corpus(corpus, devices=DEVICES, n_jobs=1)
    summary = write_corpus(corpus, tmp_path / "run", devices=DEVICES, n_jobs=1)
    assert summary.documents == len(corpus) and summary.skipped == 0
    assert_same_tables(in_memory, read_corpus_result(tmp_path / "run"))
    # every table opens directly in pandas (and so in DuckDB or Dask: plain Parquet files)
    spans = pd.read_parquet(tmp_path / "run" / "spans")
    assert len(spans) == len(in_memory.spans) and "layer" in spans.columns


def test_dask_dataframe_opens_a_table(corpus, tmp_path):
    dd = pytest.importorskip("dask.dataframe")
    write_corpus(corpus.head(3), tmp_path / "run", devices=DEVICES, frames=False, n_jobs=1)
    documents = dd.read_parquet(str(tmp_path / "run" / "documents")).compute()
    assert documents["doc_id"].tolist() == corpus["doc_id"].head(3).tolist()


def test_duckdb_queries_the_tables(corpus, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    write_corpus(corpus.head(4), tmp_path / "run", devices=DEVICES, n_jobs=1)
    rows = duckdb.sql(
        f"SELECT d.doc_id, d.year, count(s.start) FROM '{tmp_path}/run/documents/*.parquet' d "
        f"JOIN '{tmp_path}/run/spans/*.parquet' s USING (doc_id) WHERE s.layer = 'device' "
        "GROUP BY ALL ORDER BY d.doc_id"
    ).fetchall()
    spans = read_corpus_result(tmp_path / "run").devices
    expected = spans.groupby("doc_id").size()
    assert [(r[0], r[2]) for r in rows] == list(expected.items())
    assert {r[1] for r in rows} <= set(corpus["year"])


def _slow_run(corpus, out) -> None:
    from rhetoric import pipeline

    real = pipeline.analyze_text

    def slow(*args, **kwargs):
        time.sleep(0.15)
        return real(*args, **kwargs)

    pipeline.analyze_text = slow
    store.FLUSH_DOCUMENTS = 2
    write_corpus(corpus, out, devices=DEVICES, n_jobs=1, progress=False)


def test_a_run_killed_half_way_resumes_to_the_tables_of_one_run(corpus, tmp_path):
    out = tmp_path / "run"
    child = multiprocessing.get_context("fork").Process(target=_slow_run, args=(corpus, out))
    child.start()
    deadline = time.monotonic() + 120
    while len(list((out / "_committed").glob("*.json"))) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    child.kill()  # SIGKILL: no clean-up of any kind
    child.join()
    committed = sorted((out / "_committed").glob("*.json"))
    done = [doc for path in committed for doc in json.loads(path.read_text())]
    assert 10 <= len(done) < len(corpus), "the run was not stopped half-way"
    # read now, the folder says it holds part of a run
    assert store.run_finished(out) is False
    with pytest.warns(store.UnfinishedRunWarning, match=f"the {len(done)} documents written"):
        partial = read_corpus_result(out)
    assert partial.documents["doc_id"].tolist() == done

    summary = write_corpus(corpus, out, devices=DEVICES, n_jobs=2)
    assert summary.skipped == len(done)
    assert summary.documents == len(corpus) - len(done)  # no document done twice
    assert store.run_finished(out) is True
    with warnings.catch_warnings():
        warnings.simplefilter("error", store.UnfinishedRunWarning)
        resumed = read_corpus_result(out)
    assert_same_tables(resumed, analyze_corpus(corpus, devices=DEVICES, n_jobs=1))
    assert resumed.documents["doc_id"].tolist() == corpus["doc_id"].tolist()


def test_a_batch_that_was_not_committed_is_written_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "run"
    monkeypatch.setattr(store, "FLUSH_DOCUMENTS", 3)
    real = store._write_atomic
    calls = {"n": 0}

    def fail_third_commit(path, data):
        if "_committed" in str(path):
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError("disk full")
        real(path, data)

    monkeypatch.setattr(store, "_write_atomic", fail_third_commit)
    with pytest.raises(OutputError, match=r"cannot write there \(disk full\); what was written"):
        write_corpus(corpus.head(12), out, devices=DEVICES, frames=False, n_jobs=1)
    assert (out / "spans" / "part-00002.parquet").is_file()  # written, not committed
    monkeypatch.setattr(store, "_write_atomic", real)
    summary = write_corpus(corpus.head(12), out, devices=DEVICES, frames=False, n_jobs=1)
    assert summary.skipped == 6 and summary.documents == 6
    whole = analyze_corpus(corpus.head(12), devices=DEVICES, frames=False, n_jobs=1)
    assert_same_tables(read_corpus_result(out), whole)


def test_a_min_score_per_device_is_part_of_the_configuration(corpus, tmp_path):
    out = tmp_path / "run"
    per_device = {"tricolon": 0, "alliteration": 0.3}
    write_corpus(corpus.head(2), out, devices=DEVICES, frames=False, min_score=per_device, n_jobs=1)
    config = json.loads((out / store.CONFIG_FILE).read_text())
    assert config["min_score"] == {"alliteration": 0.3, "tricolon": 0.0}
    again = write_corpus(corpus.head(2), out, devices=DEVICES, frames=False, n_jobs=1,
                         min_score={"alliteration": 0.3, "tricolon": 0.0})  # fmt: skip
    assert again.skipped == 2
    with pytest.raises(UsageError, match="min_score"):
        write_corpus(corpus.head(2), out, devices=DEVICES, frames=False, min_score={"tricolon": 0})


def test_another_configuration_is_refused_in_one_line(corpus, tmp_path):
    out = tmp_path / "run"
    write_corpus(corpus.head(2), out, devices=DEVICES, frames=False, n_jobs=1)
    with pytest.raises(UsageError) as refused:
        write_corpus(corpus.head(2), out, devices=["epizeuxis"], frames=False, n_jobs=1)
    message = str(refused.value)
    assert "another configuration" in message and "devices" in message and "\n" not in message
    with pytest.raises(UsageError, match="min_score 0.5 now, none there"):
        write_corpus(corpus.head(2), out, devices=DEVICES, frames=False, min_score=0.5)
    config = json.loads((out / store.CONFIG_FILE).read_text())
    config["version"] = "0.0.1"
    config["models"]["scorers/antithesis.json"] = "0" * 16
    (out / store.CONFIG_FILE).write_text(json.dumps(config))
    now = re.escape(
        f'version "{store.package_version()}" now, "0.0.1" there; models/lexicons changed'
    )
    with pytest.raises(UsageError, match=now):
        write_corpus(corpus.head(2), out, devices=DEVICES, frames=False, n_jobs=1)


def test_a_folder_that_holds_something_else_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="not empty and holds no corpus run"):
        write_corpus(["Go on, go on."], tmp_path, frames=False, n_jobs=1)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_configuration_names_the_models_and_the_version():
    from rhetoric.analysis import Options

    config = store.run_config(Options(), 10_000_000)
    assert config["version"] == store.package_version()
    assert any(name.endswith(".json") for name in config["models"])
    assert all(len(digest) == 16 for digest in config["models"].values())


def test_a_folder_of_retrained_scorers_is_another_configuration(tmp_path, monkeypatch):
    """A run with the scorers of $RHETORIC_SCORERS keeps other figures: resuming a folder
    written with the shipped ones (or the reverse) must be refused as other models."""
    import json

    from rhetoric.scoring.model import SCORERS_ENV, load_model

    shipped = store.model_hashes()
    data = json.loads(load_model("tricolon").to_json())
    data["threshold"] = 0.5
    (tmp_path / "tricolon.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv(SCORERS_ENV, str(tmp_path))
    other = store.model_hashes()
    assert other["scorers/tricolon.json"] != shipped["scorers/tricolon.json"]
    assert {k: v for k, v in other.items() if k != "scorers/tricolon.json"} == {
        k: v for k, v in shipped.items() if k != "scorers/tricolon.json"
    }
    # the folder's stance scorers replace the shipped ones in the same way
    hedge = json.loads(
        (Path(store.__file__).parent / "resources" / "stance" / "scorer_hedge.json").read_text()
    )
    hedge["threshold"] = 0.5
    (tmp_path / "stance_hedge.json").write_text(json.dumps(hedge), encoding="utf-8")
    assert store.model_hashes()["stance/scorer_hedge.json"] != shipped["stance/scorer_hedge.json"]
    (tmp_path / "stance_hedge.json").unlink()
    texts = ["Go on, go on. We rise, we work, we win."]
    monkeypatch.delenv(SCORERS_ENV)
    write_corpus(texts, tmp_path / "run", frames=False, n_jobs=1)  # the shipped scorers
    monkeypatch.setenv(SCORERS_ENV, str(tmp_path))
    with pytest.raises(UsageError, match=r"models/lexicons changed: scorers/tricolon\.json"):
        write_corpus(texts, tmp_path / "run", frames=False, n_jobs=1)


def test_every_part_of_a_table_has_one_schema_when_metadata_columns_are_missing(
    tmp_path, monkeypatch
):
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    from rhetoric.text import Document

    documents = [
        Document("Go on, go on.", "a", metadata={"outlet": "Times"}),
        Document("We shall fight.", "b", metadata={"year": 1940}),
        Document("Never, never give in.", "c", metadata={}),
        Document("", "d", metadata={"year": 1941, "outlet": None}),
    ]
    monkeypatch.setattr(store, "FLUSH_DOCUMENTS", 1)  # one document per part
    write_corpus(documents, tmp_path / "run", devices=DEVICES, frames=False, min_score=0, n_jobs=1)
    for name in TABLES:
        parts = sorted((tmp_path / "run" / name).glob("part-*.parquet"))
        assert len(parts) == 4
        schemas = {pq.read_schema(p).remove_metadata() for p in parts}
        assert len(schemas) == 1, f"{name}: parts differ: {schemas}"
    documents_schema = pq.read_schema(parts[0].parent.parent / "documents" / parts[0].name)
    assert documents_schema.names[-2:] == ["outlet", "year"]
    assert str(documents_schema.field("year").type) == "double"  # as pandas has it in memory
    assert str(documents_schema.field("warning").type) == "string"
    table = ds.dataset(tmp_path / "run" / "documents").to_table().to_pandas()
    assert table["doc_id"].tolist() == ["a", "b", "c", "d"]
    assert (
        table["outlet"].tolist()[:1] == ["Times"]
        and table["outlet"].isna().tolist()[1:] == [True] * 3
    )
    assert table["year"].tolist()[1] == 1940 and table["year"].tolist()[3] == 1941
    spans = ds.dataset(tmp_path / "run" / "spans").to_table()
    assert spans.num_rows == len(read_corpus_result(tmp_path / "run").spans) > 0
    in_memory = analyze_corpus(documents, devices=DEVICES, frames=False, min_score=0, n_jobs=1)
    assert_same_tables(read_corpus_result(tmp_path / "run"), in_memory)


def test_a_part_that_cannot_be_written_names_the_shared_folder(tmp_path):
    from rhetoric.analysis import Options
    from rhetoric.documents import CorpusDocument
    from rhetoric.runner import run_document

    writer = store.CorpusWriter(tmp_path / "run", store.run_config(Options(), None))
    outcome = run_document(len, CorpusDocument("a", text="x"))
    elsewhere = store.PartWriter(str(tmp_path / "not-there"), 0, None, "t0")
    with pytest.raises(UsageError, match="cannot write there .* share with the client"):
        elsewhere(0, [outcome])
    # a manifest whose files are not where the client looks (a folder local to each machine)
    manifest = {"part": 0, "doc_ids": ["a"], "words": 0, "spans": 0, "warned": 0, "errors": {},
                "first_internal": None, "written_by": "elsewhere:1"}  # fmt: skip
    with pytest.raises(UsageError, match="written by elsewhere:1 is not there"):
        writer.commit(manifest)
    assert not list((tmp_path / "run" / "_committed").iterdir())


def test_a_manifest_counts_its_part_and_the_commit_adds_it_to_the_summary(tmp_path):
    from rhetoric.analysis import Options
    from rhetoric.documents import CorpusDocument
    from rhetoric.pipeline import analyze_document
    from rhetoric.runner import Outcome

    options = Options(devices=("epizeuxis",), frames=False, min_score=0.0)
    good = CorpusDocument("a", text="Never, never give in.")
    bug = {"doc_id": "b", "path": None, "kind": "internal", "reason": "KeyError: 'x'"}
    bad = {"doc_id": "c", "path": "c.txt", "kind": "input", "reason": "c.txt: binary"}
    outcomes = [
        Outcome("a", None, {}, analyze_document(good, options)),
        Outcome("b", None, {}, error=bug),
        Outcome("c", "c.txt", {}, error=bad),
    ]
    with store.CorpusWriter(tmp_path / "run", store.run_config(options, None)) as writer:
        manifest = writer.part_writer()(0, outcomes)
        assert manifest["part"] == 0 and manifest["doc_ids"] == ["a", "b", "c"]
        assert manifest["words"] == 4 and manifest["spans"] == 1
        assert manifest["errors"] == {"internal": 1, "input": 1}
        assert manifest["first_internal"] == bug
        assert not (tmp_path / "run" / "spans" / "part-00000.parquet").exists()  # not yet
        writer.commit(manifest)
    summary = writer.summary
    assert (summary.documents, summary.words, summary.spans) == (3, 4, 1)
    assert summary.internal == 1 and summary.first_internal == bug
    result = read_corpus_result(tmp_path / "run")
    assert result.errors["doc_id"].tolist() == ["b", "c"]
    assert result.spans["text"].tolist() == ["Never, never"]


def test_a_folder_written_before_runs_marked_their_end_is_not_called_unfinished(corpus, tmp_path):
    out = tmp_path / "run"
    write_corpus(corpus.head(3), out, devices=DEVICES, frames=False, n_jobs=1)
    config = json.loads((out / store.CONFIG_FILE).read_text())
    (out / store.CONFIG_FILE).write_text(json.dumps({**config, "format": 2}))
    (out / store.FINISHED).unlink()
    assert store.run_finished(out) is None
    with warnings.catch_warnings():
        warnings.simplefilter("error", store.UnfinishedRunWarning)
        assert len(read_corpus_result(out).documents) == 3


def test_a_folder_of_an_earlier_run_format_is_not_resumed_with_names_of_another_kind(tmp_path):
    # format 4 names a file without its extension ("a", it was "a.txt"): resuming a folder of
    # format 3 would analyse every document again under its new name, beside the old one
    folder, out = tmp_path / "texts", tmp_path / "run"
    folder.mkdir()
    (folder / "a.txt").write_text("Go on, go on, go on.", encoding="utf-8")
    write_corpus(folder, out, devices=DEVICES, frames=False, n_jobs=1)
    assert read_corpus_result(out).documents["doc_id"].tolist() == ["a"]
    config = json.loads((out / store.CONFIG_FILE).read_text())
    assert config["format"] == store._FORMAT
    (out / store.CONFIG_FILE).write_text(json.dumps({**config, "format": 3}))
    with pytest.raises(UsageError) as refused:
        write_corpus(folder, out, devices=DEVICES, frames=False, n_jobs=1)
    message = str(refused.value)
    assert "run format 3 there, 6 now: written by an earlier version of rhetoric" in message
    assert "documents read from files are named without their extension" in message
    assert "give another --out folder" in message and "\n" not in message
    assert len(read_corpus_result(out).documents) == 1  # untouched


def test_a_sample_of_an_unfinished_run_warns_too(corpus, tmp_path):
    from rhetoric.validation.results import span_table

    out = tmp_path / "run"
    write_corpus(corpus.head(3), out, devices=DEVICES, frames=False, n_jobs=1)
    (out / store.FINISHED).unlink()  # as a run stopped before its end leaves it
    with pytest.warns(store.UnfinishedRunWarning) as caught:
        span_table(out)
    assert caught[0].filename == __file__  # the warning points at the caller
    import rhetoric

    assert rhetoric.UnfinishedRunWarning is store.UnfinishedRunWarning


def test_a_second_run_into_a_folder_being_written_is_refused(corpus, tmp_path):
    import socket
    import subprocess
    import sys

    out = tmp_path / "run"
    write_corpus(corpus.head(2), out, devices=DEVICES, frames=False, n_jobs=1)
    assert not (out / store.WRITING).exists()  # released at the end
    # another process of this host holds the folder: refused in one line, nothing touched
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        mark = {"host": socket.gethostname(), "pid": other.pid}
        (out / store.WRITING).write_text(json.dumps(mark))
        (out / store.FINISHED).unlink()
        with pytest.warns(store.UnfinishedRunWarning, match="still being written"):
            read_corpus_result(out)
        with pytest.raises(UsageError, match=f"another run is writing there .*{other.pid}"):
            write_corpus(corpus.head(3), out, devices=DEVICES, frames=False, n_jobs=1)
    finally:
        other.kill()
        other.wait()
    # the holder is gone (killed): its mark is taken over and the run completes
    summary = write_corpus(corpus.head(3), out, devices=DEVICES, frames=False, n_jobs=1)
    assert summary.skipped == 2 and summary.documents == 1
    assert store.run_finished(out) and not (out / store.WRITING).exists()


# --- damaged and unwritable run folders: one line and the documented exit code, never a bug ---


def _cli_run(capsys, tmp_path, *extra):
    from rhetoric.cli import main

    texts = tmp_path / "texts"
    if not texts.is_dir():
        texts.mkdir()
        (texts / "a.txt").write_text("We shall go on. We shall never give in.", encoding="utf-8")
        (texts / "b.txt").write_bytes(b"\x00 binary")  # an error row, read back on a resume
    argv = ["analyze-corpus", str(texts), "--out", str(tmp_path / "run"), "--devices", "anaphora",
            "--no-frames", "--no-progress", *extra]  # fmt: skip
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _sample(capsys, tmp_path):
    from rhetoric.cli import main

    code = main(["validate", "sample", str(tmp_path / "run"), "--out", str(tmp_path / "s.jsonl")])
    return code, capsys.readouterr().err


def _cut(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("spans/part-00000.parquet", "spans/part-00000.parquet: not a readable Parquet file"),
        ("errors/part-00000.parquet", "errors/part-00000.parquet: not a readable Parquet file"),
        ("_committed/part-00000.json", "_committed/part-00000.json: cannot be read"),
        (
            "spans/part-00000.parquet-gone",
            "spans/part-00000.parquet: no such file, though its part",
        ),
    ],
)
def test_a_damaged_run_folder_is_named_with_the_file_not_reported_as_a_bug(
    capsys, tmp_path, damage, expected
):
    assert _cli_run(capsys, tmp_path)[0] == 1  # b.txt is an input error
    if damage.endswith("-gone"):  # a committed part's file deleted: its rows not lost unsaid
        (tmp_path / "run" / damage.removesuffix("-gone")).unlink()
    else:
        _cut(tmp_path / "run" / damage)
    if damage.startswith("spans") or damage.startswith("_committed"):
        code, err = _sample(capsys, tmp_path)  # reading it: an input
        assert code == 1 and err.count("\n") == 1 and expected in err
        assert "is damaged: run analyze-corpus again into a new --out folder" in err
    code, out, err = _cli_run(capsys, tmp_path)  # resuming into it: the --out folder
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith(f"rhetoric: error: --out {tmp_path / 'run'}: the folder is damaged (")
    assert expected in err and "give another --out folder, or delete this one" in err
    assert (tmp_path / "run" / "_finished.json").is_file()  # the refused run changed nothing
    assert not (tmp_path / "run" / "_writing.json").exists()


def test_a_damaged_run_configuration_refuses_the_folder_in_one_line(capsys, tmp_path):
    assert _cli_run(capsys, tmp_path)[0] == 1
    (tmp_path / "run" / "rhetoric-run.json").write_text('{"format": 3, "dev', encoding="utf-8")
    code, _, err = _cli_run(capsys, tmp_path)
    assert code == 2 and err.count("\n") == 1
    assert "rhetoric-run.json: not JSON (" in err and "delete this one to start again" in err


def test_a_finished_run_folder_that_cannot_be_written_is_an_output_error(
    capsys, tmp_path, read_only
):
    assert _cli_run(capsys, tmp_path)[0] == 1
    read_only(tmp_path / "run")
    code, out, err = _cli_run(capsys, tmp_path)
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith(f"rhetoric: error: --out {tmp_path / 'run'}: cannot write there (")


def test_a_write_that_fails_during_a_run_is_an_output_error_and_a_rerun_resumes(
    capsys, tmp_path, monkeypatch
):
    import errno

    import pyarrow.parquet as pq

    write_table = pq.write_table

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq, "write_table", full_disk)
    code, _, err = _cli_run(capsys, tmp_path)
    assert code == 2 and err.count("\n") == 1
    assert "cannot write there (No space left on device); what was written so far is kept" in err
    monkeypatch.setattr(pq, "write_table", write_table)
    code, out, _ = _cli_run(capsys, tmp_path)
    assert code == 1 and "2 documents" in out  # the input error of b.txt, as in any run


# --- a resumed run reads the same input: the folder, its pattern ------------------------------


def test_a_resumed_run_of_another_folder_or_pattern_is_refused(capsys, tmp_path):
    # the files of another folder (or pattern) have other names: they were added to the run,
    # two corpora in one folder, and the first's documents said "already there, skipped"
    from rhetoric.cli import main

    first, second, out = tmp_path / "first", tmp_path / "second", tmp_path / "run"
    for folder, names in ((first, ["a.txt", "b.txt", "n.md"]), (second, ["c.txt"])):
        folder.mkdir()
        for name in names:
            (folder / name).write_text("We shall fight. We shall win.", encoding="utf-8")
    argv = ["--out", str(out), "--no-progress", "--no-frames", "--devices", "anaphora"]
    assert main(["analyze-corpus", str(first), *argv]) == 0
    config = json.loads((out / store.CONFIG_FILE).read_text())
    assert (config["folder"], config["pattern"]) == (str(first), "*.txt")
    capsys.readouterr()
    for source, pattern, what in [
        (second, "*.txt", f'folder "{second}" now, "{first}" there'),
        (first, "*.md", 'pattern "*.md" now, "*.txt" there'),
    ]:
        code = main(["analyze-corpus", str(source), "--pattern", pattern, *argv])
        captured = capsys.readouterr()
        assert (code, captured.out) == (2, "") and captured.err.count("\n") == 1
        assert "another configuration" in captured.err and what in captured.err
    assert read_corpus_result(out).documents["doc_id"].tolist() == ["a", "b"]  # untouched
    assert main(["analyze-corpus", str(first), *argv]) == 0  # the same folder resumes
    assert "(2 already there, skipped)" in capsys.readouterr().out


def test_a_resumed_run_of_the_same_folder_by_another_path_resumes(capsys, tmp_path, monkeypatch):
    # a link to the folder, a relative path or a trailing slash name the same files: the run
    # records the folder resolved (realpath), so the resume is not refused as another corpus
    from rhetoric.cli import main

    first, out = tmp_path / "first", tmp_path / "run"
    first.mkdir()
    for name in ("a.txt", "b.txt"):
        (first / name).write_text("We shall fight. We shall win.", encoding="utf-8")
    (tmp_path / "link").symlink_to(first, target_is_directory=True)
    argv = ["--out", str(out), "--no-progress", "--no-frames", "--devices", "anaphora"]
    assert main(["analyze-corpus", str(tmp_path / "link"), *argv]) == 0
    config = json.loads((out / store.CONFIG_FILE).read_text())
    assert config["folder"] == str(first.resolve())
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    for source in (str(first), "first", "first/", "./link/"):
        code = main(["analyze-corpus", source, *argv])
        captured = capsys.readouterr()
        assert (code, captured.err) == (0, ""), source
        assert "(2 already there, skipped)" in captured.out, source
    # a run written before the paths were resolved recorded the link as given: resumed the same
    config["folder"] = str(tmp_path / "link")
    (out / store.CONFIG_FILE).write_text(json.dumps(config), encoding="utf-8")
    assert main(["analyze-corpus", str(first), *argv]) == 0


def test_a_resumed_run_of_the_same_table_by_another_path_resumes(tmp_path):
    options = {"devices": ["anaphora"], "frames": False, "n_jobs": 1, "progress": False}
    table, out = tmp_path / "corpus.csv", tmp_path / "run"
    pd.DataFrame({"doc_id": ["a"], "text": ["We rise. We fall."]}).to_csv(table, index=False)
    (tmp_path / "link.csv").symlink_to(table)
    assert write_corpus(table, out, **options).documents == 1
    again = write_corpus(tmp_path / "link.csv", out, **options)
    assert (again.skipped, again.documents) == (1, 0)


def test_the_code_hash_follows_an_edit_made_while_the_process_runs(tmp_path, monkeypatch):
    # in a Jupyter kernel with autoreload the edited code runs at once: a hash kept from the
    # process's first run let a resume under the edited code through, mixing two versions' spans
    package = tmp_path / "rhetoric"
    (package / "resources").mkdir(parents=True)
    (package / "tricolon.py").write_text("THRESHOLD = 0.5\n", encoding="utf-8")
    monkeypatch.setattr(store, "__file__", str(package / "store.py"))  # the package read
    before = store.code_hash()
    (package / "tricolon.py").write_text("THRESHOLD = 0.6\n", encoding="utf-8")
    assert store.code_hash() != before


def test_only_documents_of_this_input_count_as_skipped(tmp_path):
    options = {"devices": ["anaphora"], "frames": False, "n_jobs": 1, "progress": False}
    out = tmp_path / "run"
    first = write_corpus(["We rise.", "We fall.", "missing.txt"], out, **options)
    assert first.documents == 3 and first.errors == {"input": 1}
    again = write_corpus(["We rise."], out, **options)  # a part of the list: one of it written
    assert (again.skipped, again.documents, again.failed) == (1, 0, 0)
    assert "(1 already there, skipped)" in str(again)


def test_a_resume_under_other_code_is_refused_in_one_line(tmp_path):
    # the version is 0.1.0 in every editable install: after a git pull, a resume mixed the spans
    # of two versions of the detectors under one unchanged configuration
    package = tmp_path / "package"
    (package / "devices").mkdir(parents=True)
    (package / "resources").mkdir()
    (package / "devices" / "tricolon.py").write_text("THRESHOLD = 0.5\n", encoding="utf-8")
    (package / "resources" / "notes.md").write_text("notes\n", encoding="utf-8")
    before = store.code_hash(str(package))
    (package / "devices" / "tricolon.py").write_text("THRESHOLD = 0.6\n", encoding="utf-8")
    after = store.code_hash(str(package))
    (package / "resources" / "notes.md").write_text("other notes\n", encoding="utf-8")
    changed = store.code_hash(str(package))
    assert len({before, after, changed}) == 3
    assert re.fullmatch("[0-9a-f]{16}", store.code_hash())
    # files that are not code leave it: compiled files, hidden files (a Finder's .DS_Store, an
    # editor's swap file), the corpus package an installed copy holds beside the code
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (package / "resources" / ".DS_Store").write_bytes(b"\0")
    (package / "devices" / ".tricolon.py.swp").write_bytes(b"\0")
    (package / "corpus").mkdir()
    (package / "corpus" / "__init__.py").write_text("", encoding="utf-8")
    assert store.code_hash(str(package)) == changed

    out, options = tmp_path / "run", {"devices": DEVICES, "frames": False, "n_jobs": 1}
    write_corpus(["Go on, go on."], out, **options)
    config = json.loads((out / store.CONFIG_FILE).read_text())
    assert config["code"] == store.code_hash()
    (out / store.CONFIG_FILE).write_text(json.dumps({**config, "code": "0" * 16}))
    with pytest.raises(UsageError) as refused:
        write_corpus(["Go on, go on."], out, **options)
    message = str(refused.value)
    assert "written by other code of rhetoric" in message and "\n" not in message
    assert "give another --out folder" in message


@pytest.mark.parametrize(
    "stray", ["spans/part-00000 copy.parquet", "documents/notes.txt", "_committed/part-1.json"]
)
def test_a_stray_file_in_a_run_folder_is_named_as_damage_not_a_bug(capsys, tmp_path, stray):
    # "part-00000 copy.parquet" crashed the resume (int('00000 copy'): exit 70); any other
    # file of a table folder was deleted unsaid
    import shutil

    assert _cli_run(capsys, tmp_path)[0] == 1  # b.txt is an input error
    run = tmp_path / "run"
    shutil.copy(run / stray.split("/")[0] / "part-00000.parquet"
                if not stray.startswith("_") else run / "_committed" / "part-00000.json",
                run / stray)  # fmt: skip
    code, out, err = _cli_run(capsys, tmp_path)
    assert (code, out) == (2, "") and err.count("\n") == 1, err
    assert f"the folder is damaged ({run / stray}: not a file of the run" in err
    assert (run / stray).is_file() and store.run_finished(run)  # nothing deleted or changed


def test_a_finished_run_deletes_the_pending_files_a_stopped_run_wrote_after_its_start(
    tmp_path, monkeypatch
):
    # on a Dask cluster, tasks of a client that was killed go on and write their hidden files
    # after the resumed run's start-up clean-up: they stayed after it finished
    late = tmp_path / "run" / "spans" / ".part-00001.0123456789ab.parquet.tmp"
    add = store.CorpusWriter.add

    def add_while_an_old_task_writes(writer, outcome):
        late.write_bytes(b"a part of a run stopped earlier")
        add(writer, outcome)

    monkeypatch.setattr(store.CorpusWriter, "add", add_while_an_old_task_writes)
    summary = write_corpus(["Go on, go on.", "We rise."], tmp_path / "run", devices=DEVICES,
                           frames=False, n_jobs=1)  # fmt: skip
    assert summary.documents == 2 and not late.exists()
    assert sorted(p.name for p in late.parent.iterdir()) == ["part-00000.parquet"]


# --- a resumed run never names a committed file anew (a file's name follows the set read) ---


def test_a_resumed_folder_run_that_would_rename_a_committed_file_is_refused(capsys, tmp_path):
    from rhetoric.cli import main

    texts, out = tmp_path / "t3", tmp_path / "out3"
    texts.mkdir()
    (texts / "a.txt").write_text("We shall fight. We shall win.", encoding="utf-8")
    argv = ["analyze-corpus", str(texts), "--pattern", "*", "--out", str(out), "--no-progress",
            "--no-frames", "--devices", "anaphora"]  # fmt: skip
    assert main(argv) == 0
    capsys.readouterr()
    (texts / "a.md").write_text("Notes.", encoding="utf-8")  # a.txt would now be 'a.txt'
    code = main(argv)
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "") and captured.err.count("\n") == 1
    assert f"{texts / 'a.txt'} was written there as doc_id 'a' and would now be 'a.txt'" in (
        captured.err
    )
    assert "follows the set of files read with it" in captured.err
    assert "give a new --out folder" in captured.err
    assert store.run_finished(out) and not (out / store.WRITING).exists()  # nothing changed
    assert read_corpus_result(out).documents["doc_id"].tolist() == ["a"]


def test_a_resumed_list_run_that_would_rename_a_committed_file_is_refused(tmp_path):
    for name in ("2019/a.txt", "2020/b.txt"):
        (tmp_path / "t2" / name).parent.mkdir(parents=True)
        (tmp_path / "t2" / name).write_text("We shall fight. We shall win.", encoding="utf-8")
    a, b, out = str(tmp_path / "t2/2019/a.txt"), str(tmp_path / "t2/2020/b.txt"), tmp_path / "o"
    options = {"devices": ["anaphora"], "frames": False, "n_jobs": 1, "progress": False}
    write_corpus([a], out, **options)
    with pytest.raises(UsageError, match="was written there as doc_id 'a' and would now be "
                       "'2019/a'"):  # fmt: skip
        write_corpus([a, b], out, **options)
    assert write_corpus([a], out, **options).skipped == 1  # the same set resumes
    # a committed name that would now name another file: not skipped as the one written
    (tmp_path / "t2/2020/a.txt").write_text("Another.", encoding="utf-8")
    with pytest.raises(UsageError, match="doc_id 'a' names .*2019/a.txt there and would now "
                       "name .*2020/a.txt"):  # fmt: skip
        write_corpus([str(tmp_path / "t2/2020/a.txt")], out, **options)
    assert read_corpus_result(out).documents["doc_id"].tolist() == ["a"]


# --- a resumed table run never keeps the results of another text under a row's name ----------


def _table_run(capsys, source, out):
    from rhetoric.cli import main

    code = main(["analyze-corpus", str(source), "--out", str(out), "--no-progress",
                 "--no-frames", "--devices", "anaphora"])  # fmt: skip
    return code, *capsys.readouterr()


def test_a_resumed_run_of_another_table_is_refused(capsys, tmp_path):
    # a table's rows without a doc_id column are doc0, doc1, ...: by position, so a resume of
    # another table would keep the first table's results under the names of the second's rows
    a, b, out = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "run"
    a.write_text('text,year\n"We shall fight. We shall win.",1940\n"Ask not.",1961\n')
    b.write_text('text,year\n"Trade and tariffs.",2020\n"The budget.",2021\n')
    assert _table_run(capsys, a, out)[0] == 0
    code, stdout, err = _table_run(capsys, b, out)
    assert (code, stdout) == (2, "") and err.count("\n") == 1, err
    assert "another configuration" in err and str(b) in err and str(a) in err
    code, stdout, err = _table_run(capsys, a, out)  # the same table resumes
    assert code == 0 and "(2 already there, skipped)" in stdout, err
    assert read_corpus_result(out).documents["year"].tolist() == [1940, 1961]


def test_a_resumed_run_of_an_edited_table_is_refused(capsys, tmp_path):
    table, out = tmp_path / "t.csv", tmp_path / "run"
    table.write_text('text\n"We shall fight. We shall win."\n"Ask not."\n')
    assert _table_run(capsys, table, out)[0] == 0
    table.write_text('text\n"We shall fight. We shall win."\n"Ask again."\n"A third."\n')
    code, stdout, err = _table_run(capsys, table, out)
    assert (code, stdout) == (2, "") and err.count("\n") == 1, err
    assert "doc_id 'doc1' was written there from another text" in err
    assert "give a new --out folder" in err
    assert store.run_finished(out) and read_corpus_result(out).documents["n_words"].tolist() == [
        6,
        2,
    ]  # nothing changed


@pytest.mark.parametrize("column", ["text_column", "id_column"])
def test_a_resumed_run_reading_other_columns_of_the_table_is_refused(tmp_path, column):
    table = pd.DataFrame({"doc_id": ["a", "b"], "id": ["b", "a"], "text": ["Go on.", "Stop."],
                          "body": ["Stop.", "Go on."]})  # fmt: skip
    path, out = tmp_path / "t.parquet", tmp_path / "run"
    table.to_parquet(path)
    options = {"devices": ["anaphora"], "frames": False, "n_jobs": 1, "progress": False}
    write_corpus(path, out, **options)
    other = {"text_column": "body"} if column == "text_column" else {"id_column": "id"}
    with pytest.raises(UsageError, match=f"{column} .* now, .* there"):
        write_corpus(path, out, **options, **other)


def test_a_resumed_list_of_texts_named_by_position_must_hold_the_same_texts(tmp_path):
    out = tmp_path / "run"
    options = {"devices": ["anaphora"], "frames": False, "n_jobs": 1, "progress": False}
    write_corpus(["We rise.", "We fall."], out, **options)
    assert write_corpus(["We rise.", "We fall.", "We stand."], out, **options).skipped == 2
    with pytest.raises(UsageError, match="doc_id 'doc0' was written there from another text"):
        write_corpus(["Something else.", "We fall."], out, **options)


def test_a_table_run_written_before_runs_recorded_their_texts_is_read_not_resumed(tmp_path):
    # format 4 recorded neither the table read nor the texts' hashes: a resume could not tell
    # another table's rows from its own, so it is refused (saying why), and the folder is read
    import pyarrow.parquet as pq

    path, out = tmp_path / "t.csv", tmp_path / "run"
    path.write_text('text\n"Go on, go on."\n"Stop."\n')
    options = {"devices": ["anaphora"], "frames": False, "n_jobs": 1, "progress": False}
    write_corpus(path, out, **options)
    config = json.loads((out / store.CONFIG_FILE).read_text())
    old = {k: v for k, v in config.items() if k not in ("table", "text_column", "id_column")}
    (out / store.CONFIG_FILE).write_text(json.dumps({**old, "format": 4}))
    for part in (out / "documents").glob("*.parquet"):
        pq.write_table(pq.read_table(part).drop_columns(["text_hash"]), part)
    with pytest.raises(UsageError) as refused:
        write_corpus(path, out, **options)
    message = str(refused.value)
    assert "run format 4 there, 6 now: written by an earlier version of rhetoric" in message
    assert "a run records the table it reads and each text's hash" in message
    assert "give another --out folder" in message and "\n" not in message
    documents = read_corpus_result(out).documents
    assert documents["doc_id"].tolist() == ["doc0", "doc1"]
    assert "text_hash" not in documents.columns


def test_a_folder_whose_tables_left_a_loaders_paths_out_is_not_resumed_with_them(
    data_home, tmp_path
):
    # format 6 records the file each text of a loader's table was read from; a folder of format
    # 5 holds null there, and a resume would write rows of both kinds into one documents table
    from rhetoric.corpora import load_inaugural

    table = load_inaugural().head(3)[["doc_id", "text", "path"]]
    out, options = tmp_path / "run", {"devices": DEVICES, "frames": False, "n_jobs": 1}
    write_corpus(table.head(2), out, **options)
    assert read_corpus_result(out).documents["path"].tolist() == table["path"][:2].tolist()
    resumed = write_corpus(table, out, **options)  # a resume keeps the texts of the rows written
    assert (resumed.skipped, resumed.documents) == (2, 1)
    config = json.loads((out / store.CONFIG_FILE).read_text())
    (out / store.CONFIG_FILE).write_text(json.dumps({**config, "format": 5}))
    with pytest.raises(UsageError) as refused:
        write_corpus(table, out, **options)
    assert "run format 5 there, 6 now" in str(refused.value)
    assert "record the file each was read from" in str(refused.value)
