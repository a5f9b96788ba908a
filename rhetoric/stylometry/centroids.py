"""Author-centroid classifiers: nearest shrunken centroids and debiased nearest centroids.

Both compare a text with each author's mean profile rather than with single training texts.
:class:`DebiasedCentroidClassifier` is the package's default attribution method (see
:mod:`rhetoric.stylometry.classifiers` for how it was chosen); :class:`ShrunkenCentroidClassifier`
is the nearest shrunken centroids method of stylo's ``classify(classification.method = "nsc")``.

Why "debiased"
--------------
The squared distance from a text to an author's centroid mixes two things: how far the text is
from the author's true mean profile, and the noise of the centroid itself, which is the
within-author variance divided by the author's number of texts ``n_k``. A centroid of one text
is twice as noisy as a centroid of two, so a plain nearest-centroid rule is biased against the
authors with the fewest training texts. In leave-one-out validation of a corpus with two texts
per author, the held-out text's true author is always such an author. Subtracting the expected
centroid noise, ``sum_j s_j^2 / w_j / n_k``, makes the squared distance an unbiased estimate for
every author alike.
"""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.neighbors import NearestCentroid
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from rhetoric.errors import UsageError, check_choice
from rhetoric.stylometry.calibration import finite_softmax, held_out_temperature
from rhetoric.stylometry.distances import pairwise


class DebiasedCentroidClassifier(ClassifierMixin, BaseEstimator):
    """Nearest author centroid by a debiased, within-author standardised squared distance.

    A diagonal linear discriminant (Dudoit, Fridlyand & Speed 2002) on square-root relative
    frequencies, with Tibshirani et al.'s (2002) regularised within-class deviation and the
    centroid noise removed from each distance (module docstring):

    1. ``x = sqrt(relative frequency)`` (``frequencies="sqrt"``), which stabilises the variance of
       word counts, so that rare and common words are compared on a like scale (the distance
       between square-root profiles is the Hellinger distance);
    2. ``c_k`` = mean of author ``k``'s training texts; ``s_j`` = pooled within-author standard
       deviation of feature ``j`` (``n - K`` degrees of freedom); ``w_j = (s_j + s0)^2`` with
       ``s0`` the median of the ``s_j``, which keeps words that barely vary within the training
       authors from dominating;
    3. ``d_k(x) = sum_j (x_j - c_kj)^2 / w_j  -  sum_j s_j^2 / w_j / n_k``; the text goes to the
       author with the smallest ``d_k``.

    Parameters
    ----------
    frequencies : {"sqrt", "relative"}, default="sqrt"
        Square roots of the relative frequencies (they must be non-negative), or the relative
        frequencies as they are.
    debias : bool, default=True
        Subtract the centroid noise (step 3); ``False`` gives plain diagonal LDA with equal priors.
    standardize : {"within", "overall"}, default="within"
        Standardise by the pooled within-author deviation (step 2), or by the deviation across
        all training texts (as z-scores do; ``s0`` is then 0). The correction of step 3 uses the
        within-author variance either way.

    Attributes
    ----------
    classes_, centroids_ (transformed units), class_counts_, within_std_ (``s_j``),
    weights_ (``1 / w_j``), temperature_

    Notes
    -----
    If every training author has a single text, no within-author deviation can be estimated;
    the deviation across all training texts stands in for it (the correction is then the same
    for every author and has no effect). ``predict_proba`` is ``softmax(-(d - min d) / T)``,
    with ``T`` fitted on held-out training texts (up to 5 stratified folds) as in
    :class:`ShrunkenCentroidClassifier`.

    Examples
    --------
    >>> X = np.array([[0.5, 0.1], [0.45, 0.12], [0.1, 0.4], [0.12, 0.42], [0.11, 0.38]])
    >>> clf = DebiasedCentroidClassifier().fit(X, ["a", "a", "b", "b", "b"])
    >>> clf.predict([[0.4, 0.15], [0.1, 0.5]]).tolist()
    ['a', 'b']
    """

    def __init__(
        self,
        frequencies: Literal["sqrt", "relative"] = "sqrt",
        *,
        debias: bool = True,
        standardize: Literal["within", "overall"] = "within",
    ):
        self.frequencies = frequencies
        self.debias = debias
        self.standardize = standardize

    def _transform(self, X: np.ndarray) -> np.ndarray:
        if self.frequencies == "relative":
            return X
        if (X < 0).any():
            raise ValueError(
                "Negative values in data passed to DebiasedCentroidClassifier: "
                'frequencies="sqrt" needs non-negative relative frequencies'
            )
        return np.sqrt(X)

    def _fit_model(self, Z: np.ndarray, y_index: np.ndarray, n_classes: int):
        counts = np.bincount(y_index, minlength=n_classes)
        centroids = np.vstack([Z[y_index == k].mean(axis=0) for k in range(n_classes)])
        dof = len(Z) - n_classes
        if dof > 0:
            within = np.sqrt(((Z - centroids[y_index]) ** 2).sum(axis=0) / dof)
        else:  # one text per author: the spread across texts stands in
            within = Z.std(axis=0, ddof=1) if len(Z) > 1 else np.zeros(Z.shape[1])
        if self.standardize == "overall":
            overall = Z.std(axis=0, ddof=1) if len(Z) > 1 else np.ones(Z.shape[1])
            return centroids, counts, within, 1.0 / np.where(overall > 0, overall, 1.0) ** 2
        positive = within[within > 0]
        s0 = float(np.median(within)) or (float(np.median(positive)) if positive.size else 1.0)
        weights = 1.0 / (within + s0) ** 2
        return centroids, counts, within, weights

    def _distances(self, Z, centroids, counts, within, weights) -> np.ndarray:
        # ||a - b||^2 = |a|^2 - 2 a.b + |b|^2 in weighted units: no (texts x authors x words) array.
        Zw, Cw = Z * weights, centroids * weights
        D = (Zw * Z).sum(axis=1)[:, None] - 2 * Zw @ centroids.T + (Cw * centroids).sum(axis=1)
        D = np.maximum(D, 0.0)
        if self.debias:
            D = D - float((within**2 * weights).sum()) / counts[None, :]
        return D

    def fit(self, X: np.ndarray, y: np.ndarray) -> DebiasedCentroidClassifier:
        """Author centroids, within-author deviations and the probability calibration."""
        check_choice("frequencies", self.frequencies, ["sqrt", "relative"])
        check_choice("standardize", self.standardize, ["within", "overall"])
        X, y = validate_data(self, X, y, dtype=float)
        check_classification_targets(y)
        self.classes_, y_index = np.unique(y, return_inverse=True)
        Z = self._transform(X)
        n_classes = len(self.classes_)
        if 1 < n_classes == len(Z):
            warnings.warn(
                "every author has a single training text, so no within-author deviation can be "
                "estimated; the deviation across texts stands in (a Delta method may suit better)",
                UserWarning,
                stacklevel=2,
            )
        model = self._fit_model(Z, y_index, n_classes)
        self.centroids_, self.class_counts_, self.within_std_, self.weights_ = model
        if n_classes < 2:
            self.temperature_ = 1.0
            return self

        def fit_distances(Z_train, y_train):
            part = self._fit_model(Z_train, y_train, n_classes)
            return lambda Z_test: _shift(self._distances(Z_test, *part))

        self.temperature_ = held_out_temperature(
            fit_distances, Z, y_index, n_classes, fallback=_shift(self._distances(Z, *model))
        )
        return self

    def class_distances(self, X: np.ndarray) -> np.ndarray:
        """The debiased squared distance ``d_k`` of each text to each author (may be negative)."""
        check_is_fitted(self, "centroids_")
        X = validate_data(self, X, dtype=float, reset=False)
        model = (self.centroids_, self.class_counts_, self.within_std_, self.weights_)
        return self._distances(self._transform(X), *model)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The author with the smallest debiased distance."""
        D = self.class_distances(X)
        return self.classes_[np.argmin(D, axis=1)]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Calibrated probabilities ``softmax(-(d - min d) / temperature_)`` (see Notes)."""
        return finite_softmax(_shift(self.class_distances(X)), self.temperature_)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = self.frequencies == "sqrt"
        return tags


def _shift(D: np.ndarray) -> np.ndarray:
    """Distances relative to each row's smallest (the softmax is unchanged, the scale is sane)."""
    return D - D.min(axis=1, keepdims=True) if D.size else D


class ShrunkenCentroidClassifier(ClassifierMixin, BaseEstimator):
    """Nearest shrunken centroids on z-scores, with calibrated probabilities.

    The features are z-scored with the training texts' statistics, then
    :class:`sklearn.neighbors.NearestCentroid` shrinks each class centroid towards the overall
    one by ``shrink_threshold`` (soft thresholding in units of the within-class deviation,
    Tibshirani et al. 2002) and a text goes to the nearest shrunken centroid (Euclidean).

    Parameters
    ----------
    shrink_threshold : float, default=0.5
        The soft threshold; 0 gives plain nearest centroids.
    standardize : bool, default=True
        z-score the features with the training statistics first.

    Attributes
    ----------
    classes_, centroids_ (in z-score units), mean_, scale_, temperature_

    Notes
    -----
    ``predict_proba`` is ``softmax(-d / temperature_)`` of the distances ``d`` to the shrunken
    centroids. ``temperature_`` minimises the log-loss of held-out distances over a stratified
    split of the training texts (up to 5 folds, no shuffling, so it is deterministic); with a
    class of a single text it falls back to the median distance.

    Examples
    --------
    >>> X = np.array([[5.0, 1.0], [5.2, 0.8], [1.0, 4.0], [0.8, 4.2]])
    >>> ShrunkenCentroidClassifier(0.0).fit(X, ["a", "a", "b", "b"]).predict([[4.0, 2.0]]).tolist()
    ['a']
    """

    def __init__(self, shrink_threshold: float = 0.5, *, standardize: bool = True):
        self.shrink_threshold = shrink_threshold
        self.standardize = standardize

    def _fit_centroids(self, Z: np.ndarray, y: np.ndarray) -> NearestCentroid:
        threshold = self.shrink_threshold if self.shrink_threshold else None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # zero within-class deviation
            warnings.simplefilter("ignore", RuntimeWarning)  # as many texts as classes in a fold
            return NearestCentroid(shrink_threshold=threshold).fit(Z, y)

    def _z(self, X: np.ndarray) -> np.ndarray:
        return (X - self.mean_) / self.scale_

    def fit(self, X: np.ndarray, y: np.ndarray) -> ShrunkenCentroidClassifier:
        """z-score, shrink the centroids, calibrate the probabilities."""
        X, y = validate_data(self, X, y, dtype=float)
        check_classification_targets(y)
        if self.shrink_threshold is None or self.shrink_threshold < 0:
            raise UsageError(
                f"shrink_threshold={self.shrink_threshold!r} is not valid; it must be >= 0"
            )
        self.classes_, y_index = np.unique(y, return_inverse=True)
        if self.standardize and len(X) > 1:
            self.mean_ = X.mean(axis=0)
            std = X.std(axis=0, ddof=1)
            self.scale_ = np.where(std > 0, std, 1.0)
        else:
            self.mean_, self.scale_ = np.zeros(X.shape[1]), np.ones(X.shape[1])
        Z = self._z(X)
        if len(self.classes_) < 2:
            self.centroids_ = Z.mean(axis=0, keepdims=True)
            self.temperature_ = 1.0
            return self
        self.centroids_ = self._fit_centroids(Z, y_index).centroids_

        def fit_distances(Z_train, y_train):
            centroids = self._fit_centroids(Z_train, y_train).centroids_
            return lambda Z_test: pairwise(Z_test, centroids, "euclidean")

        self.temperature_ = held_out_temperature(
            fit_distances, Z, y_index, len(self.classes_),
            fallback=pairwise(Z, self.centroids_, "euclidean"),
        )  # fmt: skip
        return self

    def class_distances(self, X: np.ndarray) -> np.ndarray:
        """Euclidean distance (z-score units) of each text to each shrunken centroid."""
        check_is_fitted(self, "centroids_")
        X = validate_data(self, X, dtype=float, reset=False)
        return pairwise(self._z(X), self.centroids_, "euclidean")

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The class of the nearest shrunken centroid."""
        D = self.class_distances(X)
        return self.classes_[np.argmin(D, axis=1)]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Calibrated probabilities ``softmax(-distance / temperature_)`` (see Notes)."""
        return finite_softmax(self.class_distances(X), self.temperature_)
