"""The estimators follow the scikit-learn contract and their probabilities are calibrated."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from rhetoric.stylometry.centroids import DebiasedCentroidClassifier, ShrunkenCentroidClassifier
from rhetoric.stylometry.classifiers import (
    DeltaClassifier,
    attribution_pipeline,
    canonical_method,
    make_method,
)


@parametrize_with_checks(
    [
        DeltaClassifier(),
        DeltaClassifier(metric="cosine_delta", centroid=True),
        DeltaClassifier(metric="minmax"),
        ShrunkenCentroidClassifier(),
        DebiasedCentroidClassifier(),
        DebiasedCentroidClassifier("relative", standardize="overall"),
    ]
)
def test_sklearn_contract(estimator, check):
    check(estimator)


def _two_authors(rng, n=20, p=30, gap=1.0):
    base = rng.gamma(2.0, 1.0, p)
    a = base * np.r_[np.full(p // 2, 1 + gap / 2), np.full(p - p // 2, 1 - gap / 2)]
    b = base * np.r_[np.full(p // 2, 1 - gap / 2), np.full(p - p // 2, 1 + gap / 2)]
    X = np.vstack([rng.poisson(a * 5, (n, p)), rng.poisson(b * 5, (n, p))]).astype(float)
    return X, np.array(["a"] * n + ["b"] * n)


@pytest.mark.parametrize(
    "estimator",
    [
        DeltaClassifier("burrows"),
        DeltaClassifier("cosine_delta", centroid=True),
        ShrunkenCentroidClassifier(),
        DebiasedCentroidClassifier(),
    ],
)
def test_probabilities_are_calibrated_not_constant(estimator):
    rng = np.random.default_rng(0)
    X, y = _two_authors(rng, gap=0.3)
    X_new, y_new = _two_authors(rng, gap=0.3)
    clf = estimator.fit(X, y)
    proba = clf.predict_proba(X_new)
    assert np.allclose(proba.sum(axis=1), 1)
    assert proba.max(axis=1).std() > 0.01  # varies from text to text
    np.testing.assert_array_equal(clf.classes_[proba.argmax(axis=1)], clf.predict(X_new))
    # Calibration: a confident call is right more often than an unsure one.
    confident = proba.max(axis=1) > np.median(proba.max(axis=1))
    right = clf.predict(X_new) == y_new
    assert right[confident].mean() >= right[~confident].mean()


def test_nearest_text_versus_centroid():
    X = np.array([[0.0, 0.0], [10.0, 10.0], [4.0, 4.0], [5.0, 5.0]])
    y = ["a", "a", "b", "b"]
    query = [[9.0, 9.0]]
    assert DeltaClassifier("euclidean").fit(X, y).predict(query).tolist() == ["a"]
    # Centroids: a = (5, 5) at 4√2 from (9, 9), b = (4.5, 4.5) at 4.5√2.
    assert DeltaClassifier("euclidean", centroid=True).fit(X, y).class_distances(query)[0].round(
        3
    ).tolist() == [5.657, 6.364]


def test_transductive_zscores_change_the_reference():
    X = np.array([[1.0, 2.0], [2.0, 1.0], [1.5, 1.6]])
    y = ["a", "b", "b"]
    inductive = DeltaClassifier("cosine_delta").fit(X, y).class_distances([[9.0, 9.0]])
    transductive = (
        DeltaClassifier("cosine_delta", zscores="train+test")
        .fit(X, y)
        .class_distances([[9.0, 9.0]])
    )
    assert not np.allclose(inductive, transductive)


def test_method_names():
    assert canonical_method("default") == "debiased_centroid"
    assert isinstance(make_method("default"), DebiasedCentroidClassifier)
    assert canonical_method("delta") == "burrows"
    assert make_method("cosine_delta", stylo=True).zscores == "train+test"
    with pytest.raises(ValueError, match="did you mean 'svm'"):
        make_method("svn")


def test_text_pipeline_reads_raw_texts():
    texts = ["the cat and the hat"] * 3 + ["a dog of a park"] * 3
    pipe = attribution_pipeline("burrows", mfw=5).fit(texts, list("aaabbb"))
    assert pipe.predict(["the hat and the cat", "a park of a dog"]).tolist() == ["a", "b"]


def test_negative_input_for_frequency_metric_is_refused():
    with pytest.raises(ValueError, match="Negative values"):
        DeltaClassifier("minmax").fit([[-1.0, 2.0], [1.0, 2.0]], ["a", "b"])
