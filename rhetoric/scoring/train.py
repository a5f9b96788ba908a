"""Fit a :class:`~rhetoric.scoring.model.ScorerModel` from judged candidate figures.

The recipe (one for every device family): vectorise the feature records
(:class:`~sklearn.feature_extraction.DictVectorizer`), standardise, fit an L2 logistic
regression; obtain out-of-fold decision values with folds grouped by document (a document's
figures are never split between training and test); fit Platt's sigmoid calibration from those
values to the judged outcome (two parameters: robust with a few hundred judged figures, and never
a probability of exactly 0 or 1); choose the default threshold as the lowest calibrated score at which
the out-of-fold precision of the figures kept reaches the target.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from rhetoric.scoring.features import FEATURES
from rhetoric.scoring.model import ScorerModel, calibrate, vector_keys


def _design(records: Sequence[dict]):
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform([vector_keys(r) for r in records])
    return vectorizer, x


def _fit_linear(x: np.ndarray, y: np.ndarray, c: float):
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    model.fit((x - scaler.mean_) / scale, y)
    return scaler.mean_, scale, model


def out_of_fold(records: Sequence[dict], y: np.ndarray, groups: Sequence[str], *, c: float = 0.3,
                n_splits: int = 5) -> np.ndarray:  # fmt: skip
    """Decision values of every record from a model fitted without its document's records."""
    _, x = _design(records)
    decision = np.zeros(len(y))
    n_splits = min(n_splits, len(set(groups)))
    for train, test in GroupKFold(n_splits=n_splits).split(x, y, groups):
        if len(set(y[train])) < 2:
            decision[test] = 0.0
            continue
        mean, scale, model = _fit_linear(x[train], y[train], c)
        decision[test] = model.decision_function((x[test] - mean) / scale)
    return decision


def platt(
    decision: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None
) -> tuple[float, float]:
    """Platt's sigmoid ``p = 1 / (1 + exp(a * d + b))`` fitted to decision values ``d``.

    A one-feature logistic regression, as in ``CalibratedClassifierCV(method="sigmoid")``; its
    mild L2 penalty keeps the slope finite when a fold separates perfectly.
    """
    fit = LogisticRegression(C=1.0).fit(
        np.asarray(decision, dtype=float).reshape(-1, 1), y, sample_weight=weights
    )
    return float(-fit.coef_[0, 0]), float(-fit.intercept_[0])


def choose_threshold(
    probability: np.ndarray,
    y: np.ndarray,
    target: float,
    min_kept: int = 5,
    weights: np.ndarray | None = None,
) -> float:
    """The lowest score ``t`` whose kept figures (score >= ``t``) reach ``target`` precision.

    Figures with equal scores are kept or dropped together; with ``weights`` (inverse sampling
    probabilities), precision is that of the population the sample was drawn from. When no threshold reaches the target
    with at least ``min_kept`` figures, the threshold of highest precision is returned (and the
    provenance says the target was not met).
    """
    probability, y = np.asarray(probability, dtype=float), np.asarray(y, dtype=float)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    best, best_precision = float(probability.max()), -1.0
    for t in np.unique(probability)[::-1]:
        kept = probability >= t
        if kept.sum() < min_kept:
            continue
        precision = float((w[kept] * y[kept]).sum() / w[kept].sum())
        if precision >= target:
            best, best_precision = float(t), 2.0  # keep lowering while the target holds
        elif best_precision < 2.0 and precision > best_precision:
            best, best_precision = float(t), precision
    return best


def fit_scorer(
    device: str,
    records: Sequence[dict],
    labels: Sequence[float],
    groups: Sequence[str],
    *,
    c: float = 0.3,
    target_precision: float = 0.85,
    n_splits: int = 5,
    weights: Sequence[float] | None = None,
    provenance: dict | None = None,
) -> tuple[ScorerModel, dict]:
    """Fit the scorer of ``device``; return the model and the cross-validated report.

    Parameters
    ----------
    records : list of dict
        Feature records (:func:`rhetoric.scoring.features.figure_features`).
    labels : list of float
        1 for a figure judged TRUE, 0 otherwise (strict precision is the target).
    groups : list of str
        The document of each record (folds never split a document).
    weights : list of float, optional
        Inverse sampling probability of each record (the judged figures are a stratified sample
        of the candidates): calibration and threshold then describe the candidates as they occur,
        not the sample.

    Returns
    -------
    (ScorerModel, dict)
        The model fitted on every record, and ``cv``: out-of-fold precision and recall at the
        chosen threshold, average precision, counts.
    """
    from sklearn.metrics import average_precision_score

    y = np.asarray(labels, dtype=float)
    unknown = sorted({k for r in records for k in r} - set(FEATURES))
    if unknown:
        raise ValueError(f"records hold features not declared in FEATURES: {unknown}")
    decision = out_of_fold(records, y, list(groups), c=c, n_splits=n_splits)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    a, b = platt(decision, y, w)
    probability = calibrate(decision, a, b)
    threshold = choose_threshold(probability, y, target_precision, weights=w)
    kept = probability >= threshold
    weighted_precision = float((w[kept] * y[kept]).sum() / w[kept].sum()) if kept.any() else None
    weighted_recall = float((w[kept] * y[kept]).sum() / (w * y).sum()) if y.sum() else None
    cv = {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "documents": int(len(set(groups))),
        "average_precision": round(float(average_precision_score(y, decision)), 4)
        if 0 < y.sum() < len(y)
        else None,
        "threshold": round(threshold, 4),
        "kept": int(kept.sum()),
        "precision_at_threshold": None
        if weighted_precision is None
        else round(weighted_precision, 4),
        "recall_at_threshold": None if weighted_recall is None else round(weighted_recall, 4),
        "weighted": weights is not None,
        "target_precision": target_precision,
        "target_met": bool(
            weighted_precision is not None and weighted_precision >= target_precision
        ),
    }
    vectorizer, x = _design(records)
    mean, scale, linear = _fit_linear(x, y, c)
    # The calibration was learned on out-of-fold decisions, which the final model (fitted on
    # every record) only approximates, as in CalibratedClassifierCV(ensemble=False).
    model = ScorerModel(
        device=device,
        features=sorted({k for r in records for k in r}),
        columns=list(vectorizer.get_feature_names_out()),
        low=[float(v) for v in x.min(axis=0)],
        high=[float(v) for v in x.max(axis=0)],
        mean=[float(v) for v in mean],
        scale=[float(v) for v in scale],
        coef=[float(v) for v in linear.coef_[0]],
        intercept=float(linear.intercept_[0]),
        calibration_a=a,
        calibration_b=b,
        threshold=round(threshold, 4),
        provenance={**(provenance or {}), "cv": cv, "C": c, "scikit-learn": sklearn.__version__},
    )
    return model, cv
