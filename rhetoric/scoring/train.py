"""Fit a :class:`~rhetoric.scoring.model.ScorerModel` from judged candidate figures.

The recipe (one for every device family): vectorise the feature records
(:class:`~sklearn.feature_extraction.DictVectorizer`), standardise, fit an L2 logistic
regression; obtain out-of-fold decision values with folds grouped by document (a document's
figures are never split between training and test); fit an isotonic calibration map from those
values to the judged outcome; choose the default threshold as the lowest calibrated score at which
the out-of-fold precision of the figures kept reaches the target.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from rhetoric.scoring.features import FEATURES
from rhetoric.scoring.model import ScorerModel, vector_keys


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


def choose_threshold(
    probability: np.ndarray, y: np.ndarray, target: float, min_kept: int = 5
) -> float:
    """The lowest score whose kept figures (score >= it) reach ``target`` precision out of fold.

    When no threshold reaches the target with at least ``min_kept`` figures, the score of highest
    precision is returned (and the provenance says the target was not met).
    """
    order = np.argsort(-probability, kind="stable")
    hits = np.cumsum(y[order])
    kept = np.arange(1, len(y) + 1)
    precision = hits / kept
    ok = np.where((precision >= target) & (kept >= min_kept))[0]
    if len(ok):
        index = ok.max()
        # keep ties together: the threshold is the score of the last kept figure
        return float(probability[order][index])
    best = int(np.argmax(np.where(kept >= min_kept, precision, -1)))
    return float(probability[order][best])


def fit_scorer(
    device: str,
    records: Sequence[dict],
    labels: Sequence[float],
    groups: Sequence[str],
    *,
    c: float = 0.3,
    target_precision: float = 0.85,
    n_splits: int = 5,
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
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(decision, y)
    probability = iso.predict(decision)
    threshold = choose_threshold(probability, y, target_precision)
    kept = probability >= threshold
    cv = {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "documents": int(len(set(groups))),
        "average_precision": round(float(average_precision_score(y, decision)), 4)
        if 0 < y.sum() < len(y)
        else None,
        "threshold": round(threshold, 4),
        "kept": int(kept.sum()),
        "precision_at_threshold": round(float(y[kept].mean()), 4) if kept.any() else None,
        "recall_at_threshold": round(float(y[kept].sum() / y.sum()), 4) if y.sum() else None,
        "target_precision": target_precision,
        "target_met": bool(kept.any() and y[kept].mean() >= target_precision),
    }
    vectorizer, x = _design(records)
    mean, scale, linear = _fit_linear(x, y, c)
    # The calibration map was learned on out-of-fold decisions, which the final model (fitted on
    # every record) only approximates; that is the usual CalibratedClassifierCV(ensemble=False).
    model = ScorerModel(
        device=device,
        features=sorted({k for r in records for k in r}),
        columns=list(vectorizer.get_feature_names_out()),
        mean=[float(v) for v in mean],
        scale=[float(v) for v in scale],
        coef=[float(v) for v in linear.coef_[0]],
        intercept=float(linear.intercept_[0]),
        calibration_x=[float(v) for v in iso.X_thresholds_],
        calibration_y=[float(v) for v in iso.y_thresholds_],
        threshold=round(threshold, 4),
        provenance={**(provenance or {}), "cv": cv, "C": c, "scikit-learn": sklearn.__version__},
    )
    return model, cv
