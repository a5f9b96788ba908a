"""Dask, really: analyze-corpus through a LocalCluster of two worker processes on loopback."""

from __future__ import annotations

import pandas as pd
import pytest

from rhetoric.cli import main
from rhetoric.store import read_corpus_result

distributed = pytest.importorskip("dask.distributed")

TABLES = ("documents", "spans", "frames", "removed", "errors")


def test_analyze_corpus_on_a_local_cluster_writes_the_tables_of_one_process(tmp_path, data_home):
    from rhetoric.corpora import load_inaugural

    source = tmp_path / "inaugural.parquet"
    corpus = load_inaugural().head(10)[["doc_id", "text", "year", "label"]]
    corpus.loc[3, "text"] = None  # a missing text: analysed as an empty document
    corpus.to_parquet(source, row_group_size=4)
    args = [
        str(source),
        "--devices",
        "anaphora,epizeuxis,tricolon",
        "--min-score",
        "0",
        "--no-progress",
    ]
    assert main(["analyze-corpus", *args, "--out", str(tmp_path / "one")]) == 0
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        with distributed.Client(cluster) as client:
            out = tmp_path / "cluster"
            status = main(["analyze-corpus", *args, "--out", str(out), "--scheduler",
                           cluster.scheduler_address])  # fmt: skip
            assert status == 0
            # every worker ran the batches: both were warmed by the plugin and used
            assert len(client.scheduler_info()["workers"]) == 2
    one, on_cluster = read_corpus_result(tmp_path / "one"), read_corpus_result(out)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(on_cluster, name), obj=name)
    assert on_cluster.documents["doc_id"].tolist() == corpus["doc_id"].tolist()
    assert on_cluster.documents["year"].tolist() == corpus["year"].tolist()
    assert len(on_cluster.spans) > 100


def test_an_unreachable_scheduler_is_one_line(capsys, tmp_path):
    status = main(["analyze-corpus", "seed", "--out", str(tmp_path / "o"), "--scheduler",
                   "tcp://127.0.0.1:9"])  # fmt: skip
    err = capsys.readouterr().err
    assert status == 2 and "no Dask scheduler answers" in err and err.count("\n") == 1
