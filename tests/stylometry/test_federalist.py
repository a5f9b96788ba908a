"""The Federalist benchmark as regression floors: stylo parity, and the default method's targets.

The corpus and stylo's reference predictions are read from the data home and the shared
reference folder at test time.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rhetoric.corpora import load_federalist
from rhetoric.datahome import get_data_home
from rhetoric.stylometry.features import CountTable
from rhetoric.stylometry.validation import cross_validate, fit_predict_table

# stylo's reference results sit beside the data home (shared/reference/stylo next to shared/data).
REFERENCE = Path(
    os.environ.get("RHETORIC_STYLO_REFERENCE") or get_data_home().parent / "reference" / "stylo"
)
MFWS = (100, 200, 500, 1000)


@pytest.fixture(scope="module")
def federalist():
    try:
        frame = load_federalist()
    except FileNotFoundError as error:
        pytest.fail(str(error))
    table = CountTable.from_texts(frame["text"])
    labels = frame["label"].to_numpy(dtype=object)
    train = np.flatnonzero(np.isin(labels, ["Hamilton", "Madison"]))
    test = np.flatnonzero(labels == "Disputed")
    return frame, table, labels, train, test


@pytest.mark.parametrize(
    ("method", "stylo_name"),
    [
        ("burrows", "delta:delta"),
        ("cosine_delta", "delta:wurzburg"),
        ("eder", "delta:eder"),
        ("svm", "svm"),
        ("knn", "knn"),
    ],  # fmt: skip
)
def test_parity_with_stylo_paper_by_paper(federalist, method, stylo_name):
    path = REFERENCE / "stylo_federalist_attribution_per_paper.csv"
    if not path.is_file():
        pytest.fail(f"{path} not found")
    reference = pd.read_csv(path)
    frame, table, labels, train, test = federalist
    for mfw in MFWS:
        predicted = fit_predict_table(
            table, labels, train, test, method=method, mfw=mfw, stylo=True
        )
        expected = reference[
            (reference["method"] == stylo_name) & (reference["mfw"] == mfw)
        ].set_index("paper")
        expected = expected.loc[frame["doc_id"].iloc[test], "predicted"].to_numpy()
        assert (predicted != expected).sum() <= 1, (method, mfw, predicted, expected)


def test_default_method_gives_the_disputed_papers_to_madison(federalist):
    _, table, labels, train, test = federalist
    for mfw in MFWS:
        predicted = fit_predict_table(table, labels, train, test, method="default", mfw=mfw)
        assert (predicted == "Madison").sum() >= 11, mfw


def test_default_method_honest_loo_balanced_accuracy(federalist):
    frame, table, labels, train, _ = federalist
    known = CountTable(table.counts[train], table.vocabulary, table.totals[train])
    result = cross_validate(known, labels[train], method="default", mfw=list(MFWS), cv="loo")
    assert (result.summary["mode"] == "inductive").all()
    assert (result.summary["balanced_accuracy"] >= 0.96).all(), result.summary
    assert len(result.predictions) == 65 * len(MFWS)
    assert set(result.recall["label"]) == {"Hamilton", "Madison"}


def test_transductive_number_differs_from_the_honest_one(federalist):
    _, table, labels, train, _ = federalist
    known = CountTable(table.counts[train], table.vocabulary, table.totals[train])
    honest = cross_validate(known, labels[train], method="burrows", mfw=500)
    stylo_like = cross_validate(known, labels[train], method="burrows", mfw=500, transductive=True)
    assert stylo_like.summary["mode"].item() == "transductive"
    assert honest.summary["accuracy"].item() != stylo_like.summary["accuracy"].item()
