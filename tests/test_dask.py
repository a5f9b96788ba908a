"""Dask, really: analyze-corpus through a LocalCluster of two worker processes on loopback.

The workers read the texts, write the Parquet parts of their batches and send back manifests;
the client commits them. Checked without mocking the analysis: the client's table building is
made to fail (it must not be called there), and what comes back from the cluster is recorded.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import time

import pandas as pd
import pytest

from rhetoric import store
from rhetoric.cli import main
from rhetoric.runner import ParquetCell
from rhetoric.store import read_corpus_result

distributed = pytest.importorskip("dask.distributed")

TABLES = ("documents", "spans", "frames", "removed", "errors")
DEVICES = "anaphora,epizeuxis,tricolon"
MANIFEST_KEYS = {"part", "doc_ids", "words", "spans", "warned", "errors", "first_internal",
                 "written_by"}  # fmt: skip


def assert_same_tables(a, b) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def source(tmp_path_factory, data_home):
    from rhetoric.corpora import load_inaugural

    path = tmp_path_factory.mktemp("input") / "inaugural.parquet"
    corpus = load_inaugural().head(12)[["doc_id", "text", "year", "label"]]
    corpus.loc[3, "text"] = None  # a missing text: an input error row of its document
    corpus.to_parquet(path, row_group_size=4)
    return path, corpus


def _args(path) -> list[str]:
    return [str(path), "--devices", DEVICES, "--min-score", "0", "--no-progress"]


@pytest.fixture(scope="module")
def one_process(source, tmp_path_factory):
    """The folder one process writes (the reference)."""
    out = tmp_path_factory.mktemp("one") / "run"
    assert main(["analyze-corpus", *_args(source[0]), "--out", str(out)]) == 1  # the missing text
    return read_corpus_result(out)


def _wait_idle(client, timeout: float = 120) -> None:
    """Until no worker runs a task (a cancelled task still runs to its end on its worker)."""

    # Defined here, not at module level: a nested function is sent to the workers by value,
    # where a module-level one would be imported by name from ``tests``, which the worker
    # processes cannot import.
    def _executing(dask_worker) -> int:
        return len(dask_worker.state.executing)

    deadline = time.monotonic() + timeout
    while sum(client.run(_executing).values()) and time.monotonic() < deadline:
        time.sleep(0.1)


def test_the_workers_write_the_parts_and_send_back_only_manifests(
    cluster, source, one_process, tmp_path, monkeypatch
):
    path, corpus = source
    received, submitted = [], []
    real_result, real_submit = distributed.Future.result, distributed.Client.submit

    def result(self, *args, **kwargs):
        value = real_result(self, *args, **kwargs)
        received.append(value)
        return value

    def submit(self, function, *args, **kwargs):
        submitted.append(args)
        return real_submit(self, function, *args, **kwargs)

    def not_here(*args, **kwargs):
        raise AssertionError("the client built tables of outcomes: results passed through it")

    monkeypatch.setattr(distributed.Future, "result", result)
    monkeypatch.setattr(distributed.Client, "submit", submit)
    monkeypatch.setattr(store, "tables_of", not_here)
    monkeypatch.setattr(store.CorpusWriter, "add", not_here)

    out = tmp_path / "cluster"
    status = main(["analyze-corpus", *_args(path), "--out", str(out), "--scheduler",
                   cluster.scheduler_address])  # fmt: skip
    assert status == 1  # the missing text: an error row, as in one process
    on_cluster = read_corpus_result(out)
    assert_same_tables(one_process, on_cluster)
    analysed = corpus.drop(index=3)
    assert on_cluster.documents["doc_id"].tolist() == analysed["doc_id"].tolist()
    assert on_cluster.documents["year"].tolist() == analysed["year"].tolist()
    assert on_cluster.errors["doc_id"].tolist() == [corpus.loc[3, "doc_id"]]
    assert len(on_cluster.spans) > 100

    # only manifests came back, small, one per part, in order
    assert received and all(set(value) == MANIFEST_KEYS for value in received)
    assert [m["part"] for m in received] == list(range(len(received)))
    assert [d for m in received for d in m["doc_ids"]] == corpus["doc_id"].tolist()
    assert max(len(pickle.dumps(m)) for m in received) < 2_000
    assert sum(m["spans"] for m in received) == len(on_cluster.spans)
    # ... written by the worker processes, not by this one
    with distributed.Client(cluster.scheduler_address) as client:
        worker_pids = set(client.run(os.getpid).values())
    writers = {int(m["written_by"].rsplit(":", 1)[1]) for m in received}
    assert writers <= worker_pids and os.getpid() not in writers
    # the texts stayed in the Parquet file: tasks carried row numbers, the workers read them
    documents = [d for args in submitted for d in args[0]]
    assert [d.doc_id for d in documents] == corpus["doc_id"].tolist()
    assert all(isinstance(d, ParquetCell) and d.text is None for d in documents)
    # batches sized by the corpus and the cluster: several per thread, not one per core here
    assert len(received) >= 4
    assert len(list((out / "documents").glob("part-*.parquet"))) == len(received)


def test_a_run_stopped_before_a_commit_resumes_through_the_cluster(
    cluster, source, one_process, tmp_path, monkeypatch
):
    from rhetoric.pipeline import write_corpus

    path, corpus = source
    out = tmp_path / "run"
    real_commit = store.CorpusWriter.commit

    class Crash(Exception):
        pass

    def commit_twice(self, manifest):
        if manifest["part"] == 2:
            raise Crash("the client died here")
        real_commit(self, manifest)

    monkeypatch.setattr(store.CorpusWriter, "commit", commit_twice)
    options = dict(devices=DEVICES.split(","), min_score=0, progress=False)
    with distributed.Client(cluster.scheduler_address) as client:
        with pytest.raises(Crash):
            write_corpus(path, out, scheduler=client, **options)
        _wait_idle(client)  # the tasks already running finish and write their pending files
        committed = sorted((out / "_committed").glob("*.json"))
        done = [doc for p in committed for doc in json.loads(p.read_text())]
        assert [p.stem for p in committed] == ["part-00000", "part-00001"]
        assert 0 < len(done) < len(corpus), "the run was not stopped half-way"
        assert list((out / "spans").glob(".part-00002.*.tmp")), "no part was left uncommitted"

        monkeypatch.setattr(store.CorpusWriter, "commit", real_commit)
        summary = write_corpus(path, out, scheduler=client, **options)
    assert summary.skipped == len(done)
    assert summary.documents == len(corpus) - len(done)  # no document done twice
    resumed = read_corpus_result(out)
    assert_same_tables(one_process, resumed)
    assert resumed.documents["doc_id"].tolist() == corpus.drop(index=3)["doc_id"].tolist()
    for table in TABLES:  # the pending files of the stopped run are gone; parts numbered 0..n
        names = sorted(p.name for p in (out / table).iterdir())
        assert names == [f"part-{i:05d}.parquet" for i in range(len(names))]


def test_in_memory_results_through_the_cluster_equal_one_process(cluster, source, one_process):
    from rhetoric.pipeline import analyze_corpus

    path, _ = source
    with distributed.Client(cluster.scheduler_address) as client:
        result = analyze_corpus(path, devices=DEVICES.split(","), min_score=0, scheduler=client,
                                progress=False)  # fmt: skip
    assert_same_tables(one_process, result)


def test_an_unreachable_scheduler_is_one_line(capsys, tmp_path):
    status = main(["analyze-corpus", "seed", "--out", str(tmp_path / "o"), "--scheduler",
                   "tcp://127.0.0.1:9"])  # fmt: skip
    err = capsys.readouterr().err
    assert status == 2 and "no Dask scheduler answers" in err and err.count("\n") == 1


@pytest.mark.parametrize("address", ["banana", "tcp://", "http://127.0.0.1:8786"])
def test_a_malformed_scheduler_address_is_a_usage_error_not_a_bug(capsys, tmp_path, address):
    status = main(["analyze-corpus", "seed", "--out", str(tmp_path / "o"), "--scheduler", address])
    err = capsys.readouterr().err
    assert status == 2 and "is not a Dask scheduler's address" in err and err.count("\n") == 1


def test_relative_paths_and_a_time_limit_reach_workers_in_another_folder(
    cluster, tmp_path, monkeypatch, data_home
):
    """The workers' working folder is not the client's: a relative corpus folder, a relative
    --out and a --time-limit (a number that keeps its text) all reach them, and the tables
    equal those of one process, the paths recorded as given."""
    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ("1793-Washington.txt", "1797-Adams.txt"):
        (texts / name).write_bytes((data_home / "inaugural" / "texts" / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    options = ["--devices", DEVICES, "--no-progress", "--time-limit", "300"]
    assert main(["analyze-corpus", "texts", "--out", "one", *options]) == 0
    assert main(["analyze-corpus", "texts", "--out", "many", *options,
                 "--scheduler", cluster.scheduler_address]) == 0  # fmt: skip
    many = read_corpus_result("many")
    assert_same_tables(read_corpus_result("one"), many)
    assert many.documents["path"].tolist() == ["texts/1793-Washington.txt", "texts/1797-Adams.txt"]


def test_a_client_killed_half_way_resumes_to_the_tables_of_one_process(
    cluster, source, one_process, tmp_path
):
    import signal
    import subprocess
    import sys

    path, corpus = source
    out = tmp_path / "run"
    args = ["analyze-corpus", *_args(path), "--out", str(out), "--scheduler",
            cluster.scheduler_address]  # fmt: skip
    code = f"from rhetoric.cli import main; raise SystemExit(main({args!r}))"
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 300
    while not list((out / "_committed").glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)  # no clean-up of any kind
    child.wait()
    committed = sorted((out / "_committed").glob("*.json"))
    done = [doc for p in committed for doc in json.loads(p.read_text())]
    assert 0 < len(done) < len(corpus), "the run was not stopped half-way"

    with distributed.Client(cluster.scheduler_address) as client:
        _wait_idle(client)  # the killed client's running tasks finish on their workers
    assert main(["analyze-corpus", *args[1:]]) == 1  # the missing text
    resumed = read_corpus_result(out)
    assert_same_tables(one_process, resumed)
    assert (
        resumed.documents["doc_id"].tolist() == corpus.drop(index=3)["doc_id"].tolist()
    )  # none twice


def test_a_folder_the_workers_cannot_write_to_stops_the_run_in_one_line(
    cluster, source, tmp_path, monkeypatch, capsys
):
    path, _ = source
    real = store.CorpusWriter.part_writer

    def elsewhere(self):  # as if --out were a folder of the client's own disk
        return dataclasses.replace(real(self), folder=str(tmp_path / "not-on-the-workers"))

    monkeypatch.setattr(store.CorpusWriter, "part_writer", elsewhere)
    status = main(["analyze-corpus", *_args(path), "--out", str(tmp_path / "run"),
                   "--scheduler", cluster.scheduler_address])  # fmt: skip
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1
    assert "cannot write there" in err and "share with the client" in err
    assert not list((tmp_path / "run" / "_committed").iterdir())
