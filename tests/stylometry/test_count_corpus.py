"""Stylometric counts as a map-reduce over the corpus runner: the same table as from the texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rhetoric.stylometry import CountTable, frequency_table


@pytest.fixture(scope="module")
def federalist(data_home):
    from rhetoric.corpora import load_federalist

    return load_federalist().head(12).sort_values("doc_id").reset_index(drop=True)


def test_counts_of_a_folder_in_two_processes_equal_the_counts_of_the_texts(federalist, tmp_path):
    for doc_id, text in zip(federalist["doc_id"], federalist["text"], strict=True):
        (tmp_path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    expected = CountTable.from_texts(federalist["text"], ngram=2)
    table, ids = CountTable.from_corpus(tmp_path, ngram=2, n_jobs=2)
    assert (
        ids == federalist["doc_id"].tolist()
    )  # the folder's files are named as the loader names them
    assert table.vocabulary.tolist() == expected.vocabulary.tolist()
    assert np.array_equal(table.totals, expected.totals)
    assert (table.counts != expected.counts).nnz == 0
    mfw = frequency_table(table, ids, mfw=50)
    pd.testing.assert_frame_equal(
        mfw,
        frequency_table(
            federalist["text"].tolist(), mfw.index.tolist(), mfw=50, vectorizer={"ngram": 2}
        ),  # fmt: skip
    )


def test_a_bad_file_stops_the_count_or_is_left_out(tmp_path):
    from rhetoric.errors import InputError

    (tmp_path / "a.txt").write_text("one two two", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00binary")
    with pytest.raises(InputError, match="binary"):
        CountTable.from_corpus(tmp_path)
    with pytest.warns(UserWarning, match="1 document"):
        table, ids = CountTable.from_corpus(tmp_path, errors="skip")
    assert ids == ["a"] and table.totals.tolist() == [3]
