from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.pipeline import analyze_corpus, paths_in
from rhetoric.span import SPAN_COLUMNS

DEVICES = ["alliteration"]


@pytest.fixture(scope="module")
def corpus(data_home):
    from rhetoric.corpora import load_inaugural

    return load_inaugural().head(6)[["doc_id", "text", "year"]]


def test_processes_give_the_same_tables_as_serial(corpus):
    serial = analyze_corpus(corpus, devices=DEVICES, frames=False, backend="serial")
    parallel = analyze_corpus(corpus, devices=DEVICES, frames=False, backend="processes", n_jobs=2)
    pd.testing.assert_frame_equal(serial.documents, parallel.documents)
    pd.testing.assert_frame_equal(serial.spans, parallel.spans)
    assert list(serial.spans.columns) == SPAN_COLUMNS
    assert serial.documents["doc_id"].tolist() == corpus["doc_id"].tolist()
    assert (serial.documents["n_words"] > 0).all()


def test_dask_distributed_cluster_runs_the_same_call(corpus):
    distributed = pytest.importorskip("dask.distributed")
    serial = analyze_corpus(corpus, devices=DEVICES, frames=False, backend="serial")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        with distributed.Client(cluster):
            on_cluster = analyze_corpus(corpus, devices=DEVICES, frames=False, backend="dask")
    pd.testing.assert_frame_equal(serial.spans, on_cluster.spans)
    pd.testing.assert_frame_equal(serial.documents, on_cluster.documents)


def test_a_bad_file_is_an_error_row_and_the_good_ones_survive(tmp_path):
    (tmp_path / "a.txt").write_text("Go on, go on, go on.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00binary")
    (tmp_path / "c.txt").write_bytes(b"Caf\xe9 talk.")
    result = analyze_corpus(
        paths_in(tmp_path), devices=DEVICES, frames=False, backend="processes", n_jobs=2
    )
    rows = result.documents.set_index("doc_id")
    assert rows.loc[str(tmp_path / "a.txt"), "n_words"] == 6
    assert "binary" in rows.loc[str(tmp_path / "b.txt"), "error"]
    assert "not valid UTF-8" in rows.loc[str(tmp_path / "c.txt"), "error"]
    assert rows.loc[str(tmp_path / "c.txt"), "n_words"] == 2


def test_a_single_string_is_explained():
    with pytest.raises(TypeError, match="list of documents"):
        analyze_corpus("just one text")
