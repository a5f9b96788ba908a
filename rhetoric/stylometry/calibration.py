"""Calibrated class probabilities from class distances: ``softmax(-distance / T)``.

Every attribution estimator of this package scores a text by its distance to each class; the
probabilities are a softmax of those distances with one temperature ``T`` per fitted model.
``T`` is learned from held-out distances of the training texts alone (never from the texts being
classified), so a probability of 0.9 means what it says on texts like the training ones.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.model_selection import StratifiedKFold


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


def finite_softmax(D: np.ndarray, temperature: float) -> np.ndarray:
    """``softmax(-D / temperature)`` by row, an infinite distance counting as a very large one."""
    if len(D) == 0:
        return np.zeros(D.shape)
    finite = D[np.isfinite(D)]
    D = np.where(np.isfinite(D), D, finite.max() * 10 + 1 if finite.size else 1.0)
    return softmax(-D / temperature, axis=1)


def held_out_temperature(
    fit_distances: Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]],
    X: np.ndarray,
    y_index: np.ndarray,
    n_classes: int,
    *,
    fallback: np.ndarray,
) -> float:
    """The temperature fitted on distances of training texts held out in stratified folds.

    ``fit_distances(X_train, y_train)`` fits the model on part of the training texts and returns
    a function giving the distances of other texts to each of the ``n_classes`` classes. Up to 5
    folds, no shuffling, so the result is deterministic. A fold that lacks a class is skipped;
    with a class of a single text there are no folds and ``T`` is the median of ``fallback``
    (the distances of the training texts to the full model).
    """
    counts = np.bincount(y_index, minlength=n_classes)
    n_splits = min(5, counts.min())
    if n_splits < 2:
        return fit_temperature(fallback, np.zeros(0, dtype=int))
    held = np.full((len(X), n_classes), np.inf)
    for train, test in StratifiedKFold(n_splits).split(X, y_index):
        if len(np.unique(y_index[train])) < n_classes:
            continue
        held[test] = fit_distances(X[train], y_index[train])(X[test])
    ok = np.isfinite(held).all(axis=1)
    return fit_temperature(held[ok], y_index[ok])
