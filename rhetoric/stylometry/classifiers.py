"""Attribution estimators: :class:`DeltaClassifier` and the named methods of the benchmark grid.

Every method here takes a table of relative frequencies (the output of
:class:`~rhetoric.stylometry.features.MFWVectorizer`) and follows the scikit-learn contract, so
it can sit in a :class:`~sklearn.pipeline.Pipeline` after the vectorizer, be cloned and be
cross-validated. :func:`make_method` builds any method by name; :func:`attribution_pipeline`
puts the vectorizer in front, so the pipeline reads raw texts.

The default method (``method="default"``)
-----------------------------------------
**Nearest shrunken centroids on z-scores** (Tibshirani et al. 2002; in stylometry Jockers &
Witten 2010): the relative frequencies are z-scored with the training texts' means and
deviations, each author's centroid is shrunk towards the overall centroid by a soft threshold of
0.5 (in units of the within-class deviation), and a text goes to the nearest shrunken centroid.
Shrinkage removes the words on which an author does not differ from the others, and comparing
with author centroids (not single texts) makes it robust to one odd training text. On the
Federalist benchmark it is the only method that attributes at least 11 of the 12 disputed
papers to Madison *and* has an honest leave-one-out balanced accuracy of at least 96 % at each
of 100, 200, 500 and 1000 MFW (see ``benchmarks/RESULTS-stylometry.md``).

How it was chosen, and a caveat: it was chosen *knowing the benchmark corpora*, so its
benchmark numbers are not an independent test. It was picked on general grounds (shrinkage
against noisy features, author centroids) and on the Federalist known papers. A later search
for one method that also beats 0.831 honest leave-one-out accuracy on the State of the Union
addresses and 0.611 on the inaugural addresses (presidents with two or more) found none that
does so on the merits (``benchmarks/RESULTS-stylometry.md``, section *Candidates*):

* ``svm`` on z-scores of square-root frequencies: Federalist 12/12 at every MFW, State of the
  Union 0.923 (1000 MFW), but inaugural 0.583 and Federalist balanced accuracy 0.951 at 500 MFW.
  Its intercept is a class-size prior, and plain leave-one-out with two texts per president
  always leaves the right president with the fewest training texts; with as many texts for
  every president (:func:`~rhetoric.stylometry.validation.balanced_loo_splits`) it scores 0.861;
* the same with the MFW words plus as many character 4-grams: State of the Union 0.923,
  inaugural 0.694, but Federalist balanced accuracy 0.951 at 200 MFW (one paper short);
* the same without intercept: inaugural 0.861, State of the Union 0.846, but its hyperplane
  passes through the mean of the training papers, near the Hamilton mass, and it gives several
  Hamilton papers to Madison (Federalist balanced accuracy 0.902 to 0.951);
* class-symmetric versions of the word + character 4-gram SVM (an unpenalised intercept, or no
  intercept with the texts centred on the mean of the class means): Federalist balanced
  accuracy 1.000 at every MFW and State of the Union up to 0.892, but inaugural 0.333 to 0.472
  in plain leave-one-out (up to 0.861 in balanced leave-one-out). For every linear SVM measured,
  the Federalist balanced-accuracy target and the plain leave-one-out inaugural target pull in
  opposite directions (``benchmarks/RESULTS-stylometry.md``, section *Further candidates*).

So the default stays nearest shrunken centroids, with these known limits: with many authors
and few texts each, shrinkage has too little to work with. On the State of the Union addresses
(11 presidents) ``svm`` at 1000 MFW is better (0.908 against 0.831); on the inaugural
addresses (17 presidents, two texts each) the default is poor (0.333 at best) and Cosine
Delta on character 4-grams at 1000 MFW is better (0.667); with a single text per author it
cannot estimate a within-author deviation at all and is at chance. Validate on your own corpus
with :func:`~rhetoric.stylometry.validation.cross_validate` (``cv="loo_balanced"`` when the
authors have equally few texts).
"""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, NearestCentroid
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, LinearSVC
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from rhetoric.errors import check_choice, invalid_value
from rhetoric.stylometry.distances import (
    ALIASES,
    METRICS,
    NONNEGATIVE_METRICS,
    Standardization,
    canonical_metric,
    pairwise,
)
from rhetoric.stylometry.features import MFWVectorizer


def fit_temperature(distances: np.ndarray, target: np.ndarray) -> float:
    """The temperature ``T`` that makes ``softmax(-distances / T)`` best predict ``target``.

    ``distances`` are held-out class distances ``(n, n_classes)`` and ``target`` the column of
    the true class of each row; ``T`` minimises the mean log-loss (bounded 1-D search on
    ``log T``). Without any row, ``T`` is the median distance.

    >>> D = np.array([[0.1, 1.0], [1.0, 0.2], [0.3, 0.4]])
    >>> round(fit_temperature(D, np.array([0, 1, 1])), 2) > 0
    True
    """
    finite = distances[np.isfinite(distances)]
    scale = float(np.median(finite)) if finite.size else 1.0
    scale = scale if scale > 0 else 1.0
    if len(target) == 0:
        return scale
    D = np.where(np.isfinite(distances), distances, finite.max() * 10 + 1 if finite.size else 1.0)
    rows = np.arange(len(target))

    def loss(log_t: float) -> float:
        return -log_softmax(-D / np.exp(log_t), axis=1)[rows, target].mean()

    best = minimize_scalar(loss, bounds=(np.log(scale) - 9, np.log(scale) + 5), method="bounded")
    return float(np.exp(best.x))


def _finite_softmax(D: np.ndarray, temperature: float) -> np.ndarray:
    if len(D) == 0:
        return np.zeros(D.shape)
    finite = D[np.isfinite(D)]
    D = np.where(np.isfinite(D), D, finite.max() * 10 + 1 if finite.size else 1.0)
    return softmax(-D / temperature, axis=1)


class DeltaClassifier(ClassifierMixin, BaseEstimator):
    """Attribute a text to the author of the nearest training text (or author centroid) by Delta.

    Parameters
    ----------
    metric : str, default="burrows"
        A distance of :func:`~rhetoric.stylometry.distances.delta_distances` (``burrows`` =
        Classic Delta, ``cosine_delta``, ``eder``, ...). Metrics on z-scores standardise the
        features with the training texts' means and deviations.
    centroid : bool, default=False
        ``False``: compare with every training text and take the nearest (stylo's
        ``classify()``). ``True``: compare with each class's mean profile (Burrows' author
        profile), which does not favour the class with more texts.
    zscores : {"train", "train+test"}, default="train"
        Where the z-scores (and entropy weights) come from. ``"train+test"`` also uses the
        texts being classified, as stylo 0.7.7 does for Cosine Delta and Entropy; it exists to
        reproduce stylo and is transductive (the prediction of a text depends on the others
        classified with it).

    Attributes
    ----------
    classes_ : ndarray
        The class labels.
    temperature_ : float
        The calibration constant of :meth:`predict_proba` (see there).
    standardization_ : Standardization
        What the metric learned from the training texts.

    Notes
    -----
    **Probabilities.** For each class ``c`` let ``d_c`` be the distance to the nearest training
    text of ``c`` (or to its centroid). ``predict_proba`` returns ``softmax(-d / T)``. The
    temperature ``T`` is fitted on the training texts alone, by leave-one-out: each training
    text is scored against the others (and, with ``centroid=True``, against centroids computed
    without it), and ``T`` minimises the log-loss of those held-out scores. Texts whose class has
    a single member are left out of that fit; if no text remains, ``T`` is the median training
    distance. The ranking of classes is always that of the distances, so ``predict`` is the
    arg-max of ``predict_proba``.

    Examples
    --------
    >>> X = np.array([[5.0, 1.0], [5.2, 0.8], [1.0, 4.0], [0.8, 4.2]])
    >>> clf = DeltaClassifier(metric="manhattan").fit(X, ["a", "a", "b", "b"])
    >>> clf.predict([[4.9, 1.1], [1.1, 3.9]]).tolist()
    ['a', 'b']
    >>> bool(clf.predict_proba([[4.9, 1.1]])[0, 0] > 0.5)
    True
    """

    def __init__(
        self,
        metric: str = "burrows",
        *,
        centroid: bool = False,
        zscores: Literal["train", "train+test"] = "train",
    ):
        self.metric = metric
        self.centroid = centroid
        self.zscores = zscores

    def fit(self, X: np.ndarray, y: np.ndarray) -> DeltaClassifier:
        """Store the training texts (and class centroids) and calibrate the probabilities."""
        metric = canonical_metric(self.metric)
        check_choice("zscores", self.zscores, ["train", "train+test"])
        X, y = validate_data(self, X, y, dtype=float)
        check_classification_targets(y)
        if metric in NONNEGATIVE_METRICS and (X < 0).any():
            raise ValueError(
                f"Negative values in data passed to DeltaClassifier: metric={self.metric!r} needs non-negative frequencies"
            )
        self.classes_, self._y_index = np.unique(y, return_inverse=True)
        self._metric = metric
        self._X = X
        self.standardization_ = Standardization.fit(metric, X)
        self.temperature_ = self._calibrate()
        return self

    def _space(self, X: np.ndarray):
        """Training texts and queries in the metric's space, with the per-call standardisation."""
        if self.zscores == "train+test" and len(X):
            std = Standardization.fit(self._metric, np.vstack([self._X, X]))
        else:
            std = self.standardization_
        return std.apply(self._X), std.apply(X)

    def _class_distances(self, A: np.ndarray, B: np.ndarray) -> np.ndarray:
        n_classes = len(self.classes_)
        if self.centroid:
            centroids = np.vstack([A[self._y_index == k].mean(axis=0) for k in range(n_classes)])
            return pairwise(B, centroids, self._metric)
        D = pairwise(B, A, self._metric)
        out = np.full((len(B), n_classes), np.inf)
        for k in range(n_classes):
            out[:, k] = D[:, self._y_index == k].min(axis=1)
        return out

    def _calibrate(self) -> float:
        A = self.standardization_.apply(self._X)
        counts = np.bincount(self._y_index, minlength=len(self.classes_))
        if len(self.classes_) < 2:
            return 1.0
        if self.centroid:
            sums = np.vstack([A[self._y_index == k].sum(axis=0) for k in range(len(self.classes_))])
            D = pairwise(A, sums / counts[:, None], self._metric)
            own = self._y_index
            ok = counts[own] > 1
            loo = (sums[own[ok]] - A[ok]) / (counts[own[ok]] - 1)[:, None]
            D = D[ok]
            D[np.arange(ok.sum()), own[ok]] = np.diag(pairwise(A[ok], loo, self._metric))
        else:
            full = pairwise(A, A, self._metric)
            np.fill_diagonal(full, np.inf)
            D = np.column_stack(
                [full[:, self._y_index == k].min(axis=1) for k in range(len(self.classes_))]
            )
            ok = counts[self._y_index] > 1
            D = D[ok]
        return fit_temperature(D, self._y_index[ok])

    def class_distances(self, X: np.ndarray) -> np.ndarray:
        """Distance of each text to each class: ``(n_texts, n_classes)``, columns as ``classes_``."""
        check_is_fitted(self, "classes_")
        X = validate_data(self, X, dtype=float, reset=False)
        if len(X) == 0:
            return np.zeros((0, len(self.classes_)))
        A, B = self._space(X)
        return self._class_distances(A, B)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The class of the nearest training text (or centroid)."""
        D = self.class_distances(X)
        return self.classes_[np.argmin(D, axis=1)] if len(D) else self.classes_[:0]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Calibrated class probabilities ``softmax(-distance / temperature_)`` (see Notes)."""
        return _finite_softmax(self.class_distances(X), self.temperature_)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        try:
            tags.input_tags.positive_only = canonical_metric(self.metric) in NONNEGATIVE_METRICS
        except ValueError:
            pass
        return tags


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
            raise ValueError(
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
        self.temperature_ = self._calibrate(Z, y_index)
        return self

    def _calibrate(self, Z: np.ndarray, y_index: np.ndarray) -> float:
        counts = np.bincount(y_index)
        n_splits = min(5, counts.min())
        if n_splits < 2:
            return fit_temperature(
                pairwise(Z, self.centroids_, "euclidean"), np.zeros(0, dtype=int)
            )
        held = np.zeros((len(Z), len(self.classes_)))
        for train, test in StratifiedKFold(n_splits).split(Z, y_index):
            if len(np.unique(y_index[train])) < len(self.classes_):
                held[test] = np.inf
                continue
            centroids = self._fit_centroids(Z[train], y_index[train]).centroids_
            held[test] = pairwise(Z[test], centroids, "euclidean")
        ok = np.isfinite(held).all(axis=1)
        return fit_temperature(held[ok], y_index[ok])

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
        return _finite_softmax(self.class_distances(X), self.temperature_)


# --- the named methods ------------------------------------------------------------------------

#: The scikit-learn methods of the grid (stylo's ``classify()`` methods besides Delta).
SKLEARN_METHODS = ("svm", "nsc", "knn", "naivebayes")
#: Every method name of :func:`make_method`: the Delta metrics, the scikit-learn methods, ``default``.
METHODS: tuple[str, ...] = (*METRICS, *SKLEARN_METHODS)
#: The method used when none is named (see the module docstring).
DEFAULT_METHOD = "nsc"


def canonical_method(method: str) -> str:
    """The canonical name of a method (Delta aliases such as ``delta`` or ``wurzburg`` resolved)."""
    name = DEFAULT_METHOD if method == "default" else ALIASES.get(method, method)
    if name not in METHODS:
        raise invalid_value("method", method, [*METHODS, *ALIASES, "default"])
    return name


def make_method(method: str = "default", *, stylo: bool = False) -> BaseEstimator:
    """A fresh estimator for a named method, reading relative frequencies.

    Parameters
    ----------
    method : str
        A Delta metric (``burrows``, ``cosine_delta``, ... or an alias: ``delta``, ``wurzburg``,
        ``simple``), one of ``svm`` (linear SVM, C=1, one-vs-rest with balanced class weights, on
        z-scores; with ``stylo=True`` libsvm's one-vs-one linear SVM as stylo's e1071), ``nsc`` (nearest shrunken
        centroids, threshold 0.5, on z-scores), ``knn`` (1 nearest neighbour on z-scores),
        ``naivebayes`` (Gaussian naive Bayes), or ``default`` (see the module docstring).
    stylo : bool
        Reproduce stylo 0.7.7's choices: nearest training text for every Delta, and z-scores of
        training and test texts together for Cosine Delta and Entropy.

    Returns
    -------
    estimator
        An unfitted scikit-learn classifier.

    Examples
    --------
    >>> make_method("wurzburg")
    DeltaClassifier(metric='cosine_delta')
    """
    name = canonical_method(method)
    if name in METRICS:
        zscores = "train+test" if stylo and name in ("cosine_delta", "entropy") else "train"
        return DeltaClassifier(metric=name, zscores=zscores)
    if name == "svm":
        if stylo:  # e1071's svm(): libsvm, linear kernel, one-vs-one, cost 1
            return make_pipeline(StandardScaler(), SVC(kernel="linear", C=1.0))
        return make_pipeline(
            StandardScaler(), LinearSVC(C=1.0, class_weight="balanced", random_state=0)
        )
    if name == "nsc":
        return ShrunkenCentroidClassifier(0.5)
    if name == "knn":
        return make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=1))
    return GaussianNB()


def attribution_pipeline(
    method: str | BaseEstimator = "default", mfw: int | tuple[int, int] = 100, **vectorizer_params
) -> Pipeline:
    """A text-in pipeline: :class:`MFWVectorizer` (fitted on the training texts) then the method.

    Parameters
    ----------
    method : str or estimator
        A name for :func:`make_method`, or any scikit-learn classifier (cloned).
    mfw : int or (int, int)
        Passed to :class:`MFWVectorizer`, as are the other keyword arguments.

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps ``mfw`` and ``clf``.

    Examples
    --------
    >>> attribution_pipeline("cosine_delta", mfw=500).steps[1][1]
    DeltaClassifier(metric='cosine_delta')
    """
    clf = make_method(method) if isinstance(method, str) else clone(method)
    return Pipeline([("mfw", MFWVectorizer(mfw, **vectorizer_params)), ("clf", clf)])
