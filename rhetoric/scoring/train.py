"""Fit a :class:`~rhetoric.scoring.model.ScorerModel` from judged candidate figures.

The recipe (one for every device family): vectorise the feature records
(:class:`~sklearn.feature_extraction.DictVectorizer`); for each model kind on offer, an L2
logistic regression over standardised columns and gradient-boosted trees
(:class:`~sklearn.ensemble.HistGradientBoostingClassifier`, small trees with shrinkage), obtain
out-of-fold decision values with folds grouped by document (a document's figures are never split
between training and test), repeated over a few shuffles of the documents into folds; keep the
kind with the better out-of-fold average precision plus recall at the target precision
(:func:`selection_score`; the logistic regression unless the trees beat it by a margin: with a
few dozen positives, the simpler model wins ties); fit Platt's sigmoid calibration from the
chosen kind's out-of-fold values (of every repeat) to the judged outcome (two
parameters: robust with a few hundred judged figures, and never a probability of exactly 0 or 1);
choose the default threshold as the lowest calibrated score at which the out-of-fold precision of
the figures kept reaches the target. The final model is fitted on every record.

Both figures enter the choice: average precision judges the whole ranking and is steady; the
recall at the target precision is what the default threshold keeps, the aim of the scorers, but
it is decided by the few top-scored figures (with 25 positives, one figure moves it by 0.04), so
it is averaged over the repeats and counts 0 in a repeat whose threshold misses the target.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from rhetoric.scoring.features import FEATURES
from rhetoric.scoring.model import ScorerModel, calibrate, vector_keys

Kind = Literal["logistic", "trees"]

#: The boosted trees' settings: few leaves, strong shrinkage and leaves of at least ten figures,
#: for a few hundred judged figures of which a few dozen are positive.
TREE_PARAMS: dict = {
    "max_iter": 100,
    "learning_rate": 0.05,
    "max_leaf_nodes": 8,
    "min_samples_leaf": 10,
    "l2_regularization": 1.0,
}

#: What the trees must gain over the logistic regression, in :func:`selection_score`, to be chosen.
TREE_MARGIN = 0.02


def _design(records: Sequence[dict]):
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform([vector_keys(r) for r in records])
    return vectorizer, x


def _fit_linear(x: np.ndarray, y: np.ndarray, c: float, sample_weight: np.ndarray | None = None):
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    model.fit((x - scaler.mean_) / scale, y, sample_weight=sample_weight)
    return scaler.mean_, scale, model


def _fit_trees(x: np.ndarray, y: np.ndarray, params: dict, sample_weight: np.ndarray | None = None):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    model = HistGradientBoostingClassifier(
        **params, class_weight="balanced", early_stopping=False, random_state=0
    )
    # one thread: a few hundred rows gain nothing from more, and on a shared machine OpenMP's
    # busy-waiting threads made each fit many times slower
    with threadpool_limits(limits=1, user_api="openmp"):
        return model.fit(x, y, sample_weight=sample_weight)


def _fit_decide(
    kind: Kind, x, y, xtest, *, c: float, tree_params: dict, sample_weight=None
) -> np.ndarray:
    """Fit ``kind`` on ``x, y`` (rows weighted by ``sample_weight``); the decision values of ``xtest``."""
    if kind == "logistic":
        mean, scale, model = _fit_linear(x, y, c, sample_weight)
        return model.decision_function((xtest - mean) / scale)
    return _fit_trees(x, y, tree_params, sample_weight).decision_function(xtest)


def out_of_fold(
    records: Sequence[dict],
    y: np.ndarray,
    groups: Sequence[str],
    *,
    kind: Kind = "logistic",
    c: float = 0.3,
    tree_params: dict | None = None,
    n_splits: int = 5,
    seed: int | None = None,
    fit_weights: np.ndarray | None = None,
) -> np.ndarray:
    """Decision values of every record from a model fitted without its document's records.

    ``seed=None``: documents are dealt to folds by :class:`~sklearn.model_selection.GroupKFold`'s
    balancing; an integer shuffles them first (one repeat of repeated cross-validation).
    ``fit_weights``: each record's weight in the fits (default: all 1).
    """
    _, x = _design(records)
    y = np.asarray(y, dtype=float)
    decision = np.zeros(len(y))
    n_splits = min(n_splits, len(set(groups)))
    folds = (
        GroupKFold(n_splits=n_splits)
        if seed is None
        else GroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    )
    for train, test in folds.split(x, y, groups):
        if len(set(y[train])) < 2:
            decision[test] = 0.0
            continue
        decision[test] = _fit_decide(
            kind, x[train], y[train], x[test], c=c, tree_params=tree_params or TREE_PARAMS,
            sample_weight=None if fit_weights is None else fit_weights[train],
        )  # fmt: skip
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


def inverse_sampling_weights(strata: Sequence, sizes) -> list[float]:
    """Each judged record's inverse sampling probability: the candidates of its stratum in the
    pool (``sizes[stratum]``) over the judged records of that stratum; a stratum of ``None`` (a
    record trained on only, not a sample) weighs 0.

    The judged records are stratified samples (per genre, per score band...), so weighting each
    by the share of the pool it stands for makes calibration, threshold and cross-validated
    precision describe the candidates as they occur, not the sample.

    >>> inverse_sampling_weights(["a", "a", "b", None], {"a": 10, "b": 3})
    [5.0, 5.0, 3.0, 0.0]
    """
    sampled = Counter(s for s in strata if s is not None)
    return [0.0 if s is None else max(1, sizes[s]) / sampled[s] for s in strata]


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


def _at_threshold(decision, y, w, target: float, min_kept: int = 5) -> dict:
    """Calibrate ``decision`` (Platt), choose the threshold, and measure the figures it keeps."""
    a, b = platt(decision, y, w)
    probability = calibrate(decision, a, b)
    threshold = choose_threshold(probability, y, target, min_kept=min_kept, weights=w)
    kept, precision, recall = _kept(probability, y, w, threshold)
    return {"a": a, "b": b, "threshold": threshold, "kept": kept,
            "precision": precision, "recall": recall}  # fmt: skip


def _kept(probability, y, w, threshold: float) -> tuple[int, float | None, float | None]:
    """How many figures score at least ``threshold``, and their weighted precision and recall
    (``None`` when nothing is kept, or there is no positive)."""
    kept = probability >= threshold
    precision = float((w[kept] * y[kept]).sum() / w[kept].sum()) if kept.any() else None
    recall = float((w[kept] * y[kept]).sum() / (w * y).sum()) if y.sum() else None
    return int(kept.sum()), precision, recall


def shipped_rule(decision, y, w, genre, target: float, min_kept: int):
    """The shipped models' calibration and threshold (:func:`fit_scorer`): Platt's sigmoid on the
    out-of-fold decision values, then :func:`choose_threshold`. A rule of
    :func:`nested_threshold_check`: returns the function that turns decision values (and their
    genres, unused here) into scores, and the threshold on those scores."""
    at = _at_threshold(decision, y, w, target, min_kept=min_kept)
    return (lambda values, genres: calibrate(values, at["a"], at["b"])), at["threshold"]


#: The shuffles of the documents the nested checks run by default.
NESTED_SEEDS = tuple(range(100, 120))


def nested_predictions(
    runs: Sequence[np.ndarray],
    y: np.ndarray,
    w: np.ndarray,
    groups: Sequence[str],
    target: float,
    *,
    genres: Sequence[str] | None = None,
    n_splits: int = 5,
    seeds: Sequence[int] = NESTED_SEEDS,
    rule=shipped_rule,
) -> tuple[np.ndarray, np.ndarray]:
    """Each figure's calibrated score and kept share on documents the rule was not fitted on.

    Calibration and threshold are chosen by ``rule`` (as :func:`fit_scorer` chooses them: Platt
    on the out-of-fold values of every repeat, then :func:`choose_threshold`) on the figures of
    four fifths of the documents and applied to the fifth (folds by document, ``seeds``
    shuffles). ``runs``: the out-of-fold decision values of each repeat; ``y``, ``w``,
    ``groups``, ``genres``: the figures' labels, weights, documents and genres.

    Returns
    -------
    probability, kept : numpy.ndarray
        Per figure, its score averaged over the repeats and shuffles (each figure is scored once
        per shuffle, in the fold that holds its document), and the share of them in which it
        reached the threshold.
    """
    y = np.asarray(y, dtype=float)
    w = np.asarray(w, dtype=float)
    groups = np.asarray(groups, dtype=object)
    genre = np.asarray(["all"] * len(y) if genres is None else genres, dtype=object)
    probability, kept = np.zeros(len(y)), np.zeros(len(y))
    n_splits = min(n_splits, len(set(groups)))
    for seed in seeds:
        folds = GroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        for train, test in folds.split(y, y, groups):
            if len(set(y[train])) < 2:
                continue
            score, threshold = rule(
                np.concatenate([d[train] for d in runs]), np.tile(y[train], len(runs)),
                np.tile(w[train], len(runs)) / len(runs), np.tile(genre[train], len(runs)),
                target, 5 * len(runs),
            )  # fmt: skip
            for d in runs:
                values = score(d[test], genre[test])
                probability[test] += values / len(runs) / len(seeds)
                kept[test] += (values >= threshold) / len(runs) / len(seeds)
    return probability, kept


def nested_threshold_check(
    runs: Sequence[np.ndarray],
    y: np.ndarray,
    w: np.ndarray,
    groups: Sequence[str],
    target: float,
    *,
    genres: Sequence[str] | None = None,
    **options,
) -> dict:
    """How the threshold rule does on documents it was not chosen on.

    The default threshold is the lowest score at which the out-of-fold precision of the figures
    kept reaches ``target``; chosen as the lowest of many candidate thresholds, on a few dozen
    figures, its precision is selection-biased upwards. Here calibration and threshold are chosen
    as :func:`fit_scorer` chooses them, on the figures of four fifths of the documents, and
    applied to the fifth (:func:`nested_predictions`): the weighted precision and recall of the
    figures kept there are an estimate of what the default threshold keeps on unseen text.

    ``runs``: the out-of-fold decision values of each repeat (of the measured records); ``y``,
    ``w``, ``groups``: their labels, weights and documents; ``genres``: each record's genre.
    ``options``: :func:`nested_predictions`'s ``n_splits``, ``seeds`` and ``rule`` (how
    calibration and threshold are chosen on the training documents; default
    :func:`shipped_rule`; ``benchmarks/threshold_rules.py`` compares others).
    Returns ``precision``, ``recall`` (``None`` when nothing is kept, or no positive), ``kept``
    (the share of the weighted figures kept), and ``sums``: per genre and ``all``, the weighted
    true figures kept, figures kept and positives, averaged over the shuffles (so that devices
    can be pooled).
    """
    y = np.asarray(y, dtype=float)
    w = np.asarray(w, dtype=float)
    genre = np.asarray(["all"] * len(y) if genres is None else genres, dtype=object)
    _, kept = nested_predictions(runs, y, w, groups, target, genres=genres, **options)
    sums = {}
    for name in ["all", *sorted(set(genre) - {"all"})]:
        s = np.ones(len(y), dtype=bool) if name == "all" else genre == name
        sums[name] = [
            float((w * y * kept * s).sum()), float((w * kept * s).sum()), float((w * y * s).sum())
        ]  # fmt: skip
    tp, kept_weight, positives = sums["all"]
    return {
        "precision": round(tp / kept_weight, 4) if kept_weight else None,
        "recall": round(tp / positives, 4) if positives else None,
        "kept": round(kept_weight / float(w.sum()), 4),
        "seeds": len(options.get("seeds", NESTED_SEEDS)),
        "sums": {name: [round(float(v), 4) for v in values] for name, values in sums.items()},
    }


def _average_precision(y, decision, w=None) -> float | None:
    """Average precision of ``decision`` over the judged figures, each weighted by the share of
    the pool it stands for (``w``): a score-banded round enriches the sample in high scores, and
    an unweighted figure would describe the sample, not the candidates."""
    from sklearn.metrics import average_precision_score

    if not 0 < y.sum() < len(y):
        return None
    return float(average_precision_score(y, decision, sample_weight=w))


def compare_kinds(
    records: Sequence[dict],
    y: np.ndarray,
    groups: Sequence[str],
    *,
    kinds: Sequence[Kind] = ("logistic", "trees"),
    c: float = 0.03,
    tree_params: dict | None = None,
    target_precision: float = 0.85,
    weights: np.ndarray | None = None,
    n_splits: int = 5,
    repeats: int = 3,
    measured: np.ndarray | None = None,
    fit_weights: np.ndarray | None = None,
) -> dict[str, dict]:
    """Repeated grouped cross-validation of each model kind.

    Returns, per kind: ``average_precision`` (mean over the repeats), ``recall_at_target`` and
    ``precision_at_target`` (the mean over repeats of the out-of-fold figures at the threshold
    chosen on that repeat), and ``decisions`` (the records' out-of-fold decision values, one
    array per repeat).

    ``measured`` (a mask): the records the figures are computed on (the stratified sample);
    the others are only trained on (their documents are still kept out of the folds that test
    them). ``extra_recall_at_target``: the share of those others whose out-of-fold score reaches
    the repeat's threshold.
    """
    y = np.asarray(y, dtype=float)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    m = np.ones(len(y), dtype=bool) if measured is None else np.asarray(measured, dtype=bool)
    out = {}
    for kind in kinds:
        runs = [
            out_of_fold(
                records,
                y,
                groups,
                kind=kind,
                c=c,
                tree_params=tree_params,
                n_splits=n_splits,
                seed=seed,
                fit_weights=fit_weights,
            )
            for seed in range(repeats)
        ]
        aps = [_average_precision(y[m], d[m], w[m]) for d in runs]
        at = [_at_threshold(d[m], y[m], w[m], target_precision) for d in runs]
        # a repeat whose threshold misses the target keeps no figure at that precision
        recalls = [
            (r["recall"] or 0.0) if (r["precision"] or 0.0) >= target_precision else 0.0 for r in at
        ]
        out[kind] = {
            "average_precision": None if None in aps else round(float(np.mean(aps)), 4),
            "recall_at_target": round(float(np.mean(recalls)), 4),
            "precision_at_target": _mean_or_none([r["precision"] for r in at]),
            "decisions": runs,
        }
        if not m.all():
            out[kind]["extra_recall_at_target"] = round(float(np.mean([
                (calibrate(d[~m], r["a"], r["b"]) >= r["threshold"]).mean()
                for d, r in zip(runs, at, strict=True)
            ])), 4)  # fmt: skip
    return out


def _kept_figures(probability, y, w, threshold: float, repeats: int) -> dict:
    """:func:`_kept` as the provenance reports it: rounded, and the figures kept per repeat."""
    kept, precision, recall = _kept(probability, y, w, threshold)
    return {
        "threshold": round(float(threshold), 4),
        "kept": round(kept / repeats, 1),
        "precision": None if precision is None else round(precision, 4),
        "recall": None if recall is None else round(recall, 4),
    }


def _by_genre(
    probability: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    genre: np.ndarray,
    repeats: int,
    pooled: float,
    target: float,
) -> dict[str, dict]:
    """Per genre, the out-of-fold figures at the ``pooled`` threshold, and at the threshold
    :func:`choose_threshold` would pick on that genre's figures alone (``target_met``: whether
    it reaches ``target``)."""
    report = {}
    for name in sorted(set(genre)):
        s = genre == name
        own = choose_threshold(probability[s], y[s], target, min_kept=5 * repeats, weights=w[s])
        at_own = _kept_figures(probability[s], y[s], w[s], own, repeats)
        met = at_own["precision"] is not None and at_own["precision"] >= target
        report[str(name)] = {
            "n": int(s.sum()) // repeats,
            "positives": int(y[s].sum()) // repeats,
            "at_pooled": _kept_figures(probability[s], y[s], w[s], pooled, repeats),
            "own": at_own,
            "target_met": bool(met),
        }
    return report


def _mean_or_none(values) -> float | None:
    return None if None in values else round(float(np.mean(values)), 4)


def selection_score(figures: dict) -> float:
    """What the kinds are compared on: out-of-fold average precision (the whole ranking) plus the
    recall at the target precision (what the default threshold keeps)."""
    return (figures["average_precision"] or 0.0) + figures["recall_at_target"]


def choose_kind(
    comparison: dict[str, dict], margin: float = TREE_MARGIN, target_precision: float = 0.85
) -> Kind:
    """The kind whose default threshold keeps its promise: when only one kind's out-of-fold
    precision at its threshold (``precision_at_target``) reaches ``target_precision``, that
    one; otherwise the logistic regression, unless the trees' :func:`selection_score` beats it
    by ``margin``."""
    if "trees" not in comparison:
        return "logistic"
    if "logistic" not in comparison:
        return "trees"
    meets = {
        kind for kind, figures in comparison.items()
        if (figures.get("precision_at_target") or 0.0) >= target_precision
    }  # fmt: skip
    if len(meets) == 1:
        return next(iter(meets))
    trees, linear = selection_score(comparison["trees"]), selection_score(comparison["logistic"])
    return "trees" if trees >= linear + margin else "logistic"


def export_trees(model) -> tuple[float, list[dict]]:
    """A fitted binary :class:`~sklearn.ensemble.HistGradientBoostingClassifier` as plain data:
    its baseline and, per tree, the node arrays of :class:`~rhetoric.scoring.model.ScorerModel`.

    Reads the estimator's fitted predictors (``_predictors``, ``_baseline_prediction``: private
    attributes, so the tests check the exported trees against ``decision_function``). Numeric
    splits only; a row goes left when its value is ``<= num_threshold`` (the records have no
    missing values, so ``missing_go_to_left`` never applies).
    """
    if model.n_trees_per_iteration_ != 1:
        raise ValueError("only a binary classifier's trees can be exported")
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits cannot be exported")
        trees.append(_node_arrays(nodes))
    return float(np.asarray(model._baseline_prediction).ravel()[0]), trees


def _node_arrays(nodes: np.ndarray) -> dict[str, list]:
    leaf = nodes["is_leaf"].astype(bool)

    def column(name: str, at_leaf, dtype) -> list:
        # cast before filling: the node arrays are unsigned, and -1 would wrap around
        return np.where(leaf, at_leaf, nodes[name].astype(dtype)).tolist()

    return {
        "feature": column("feature_idx", -1, np.int64),
        "threshold": column("num_threshold", 0.0, np.float64),
        "left": column("left", -1, np.int64),
        "right": column("right", -1, np.int64),
        "value": np.where(leaf, nodes["value"].astype(np.float64), 0.0).tolist(),
    }


def fit_scorer(
    device: str,
    records: Sequence[dict],
    labels: Sequence[float],
    groups: Sequence[str],
    *,
    kind: Kind | Literal["auto"] = "logistic",
    c: float = 0.3,
    tree_params: dict | None = None,
    target_precision: float = 0.85,
    n_splits: int = 5,
    repeats: int = 3,
    weights: Sequence[float] | None = None,
    provenance: dict | None = None,
    measured: Sequence[bool] | None = None,
    fit_weights: Sequence[float] | None = None,
    known_features: Iterable[str] = FEATURES,
    genres: Sequence[str] | None = None,
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
    kind : {"logistic", "trees", "auto"}
        The model kind; ``"auto"`` compares both by repeated grouped cross-validation
        (:func:`compare_kinds`, :func:`choose_kind`).
    c : float
        The logistic regression's inverse regularisation strength.
    tree_params : dict, optional
        Settings of the boosted trees (default :data:`TREE_PARAMS`).
    repeats : int
        Shuffles of the documents into folds; the out-of-fold values are averaged over them.
    weights : list of float, optional
        Inverse sampling probability of each record (the judged figures are a stratified sample
        of the candidates): calibration and threshold then describe the candidates as they occur,
        not the sample.
    measured : list of bool, optional
        Which records are the stratified sample that calibration, threshold and every
        cross-validated figure are computed on (default: all). The others (known positives found
        otherwise, not a random sample of the candidates) are only trained on.
    fit_weights : list of float, optional
        Each record's weight in the model fits (default: all 1; both kinds also balance the
        classes).
    known_features : iterable of str
        The feature names the records may hold (default: the device scorers'
        :data:`~rhetoric.scoring.features.FEATURES`; the stance scorers declare their own).
    genres : list of str, optional
        The genre of each record's document (``"speech"``, ``"news"``): ``cv["by_genre"]`` then
        gives each genre's out-of-fold precision and recall at the (pooled) threshold, and the
        threshold the genre's judged figures alone would need for ``target_precision`` (the same
        rule; ``target_met`` says whether any reaches it). A diagnostic: the model keeps one
        threshold for every genre.

    Returns
    -------
    (ScorerModel, dict)
        The model fitted on every record, and ``cv``: out-of-fold precision and recall at the
        chosen threshold, average precision, counts, and the figures of every kind compared.
    """
    if kind not in ("logistic", "trees", "auto"):
        raise ValueError(f"kind={kind!r} is not valid; choose 'logistic', 'trees' or 'auto'")
    y = np.asarray(labels, dtype=float)
    unknown = sorted({k for r in records for k in r} - set(known_features))
    if unknown:
        raise ValueError(f"records hold features that are not declared: {unknown}")
    tree_params = {**TREE_PARAMS, **(tree_params or {})}
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    m = np.ones(len(y), dtype=bool) if measured is None else np.asarray(measured, dtype=bool)
    fw = None if fit_weights is None else np.asarray(fit_weights, dtype=float)
    kinds = ("logistic", "trees") if kind == "auto" else (kind,)
    comparison = compare_kinds(
        records, y, groups, kinds=kinds, c=c, tree_params=tree_params,
        target_precision=target_precision, weights=w, n_splits=n_splits, repeats=repeats,
        measured=m, fit_weights=fw,
    )  # fmt: skip
    chosen = choose_kind(comparison, target_precision=target_precision) if kind == "auto" else kind
    # Calibration and threshold from every repeat's out-of-fold values together (each record
    # once per repeat, its weight shared): averaging the values instead would narrow their
    # spread below that of one fitted model, and the sigmoid would come out too steep.
    runs = comparison[chosen]["decisions"]
    at = _at_threshold(
        np.concatenate([d[m] for d in runs]), np.tile(y[m], len(runs)),
        np.tile(w[m], len(runs)) / len(runs), target_precision, min_kept=5 * len(runs),
    )  # fmt: skip
    threshold = at["threshold"]
    nested = nested_threshold_check(
        [d[m] for d in runs], y[m], w[m], np.asarray(groups, dtype=object)[m], target_precision,
        genres=None if genres is None else np.asarray(genres, dtype=object)[m],
    )  # fmt: skip
    by_genre = {}
    if genres is not None:
        by_genre = _by_genre(
            calibrate(np.concatenate([d[m] for d in runs]), at["a"], at["b"]),
            np.tile(y[m], len(runs)), np.tile(w[m], len(runs)) / len(runs),
            np.tile(np.asarray(genres, dtype=object)[m], len(runs)), len(runs), threshold,
            target_precision,
        )  # fmt: skip
    extra = {}
    if not m.all():
        scores = calibrate(np.concatenate([d[~m] for d in runs]), at["a"], at["b"])
        extra = {
            "extra_positives": int(y[~m].sum()),
            "extra_negatives": int((~m).sum() - y[~m].sum()),
            # out-of-fold: the share of the extra (trained-on only) positives kept at the threshold
            "extra_recall_at_threshold": round(float((scores >= threshold).mean()), 4),
        }
    cv = {
        "n": int(m.sum()),
        "positives": int(y[m].sum()),
        "documents": int(len(set(np.asarray(groups, dtype=object)[m]))),
        **extra,
        "average_precision": comparison[chosen]["average_precision"],
        "threshold": round(threshold, 4),
        "kept": round(at["kept"] / len(runs), 1),
        "precision_at_threshold": None if at["precision"] is None else round(at["precision"], 4),
        "recall_at_threshold": None if at["recall"] is None else round(at["recall"], 4),
        "weighted": weights is not None,
        "target_precision": target_precision,
        "target_met": bool(at["precision"] is not None and at["precision"] >= target_precision),
        "nested_precision": nested["precision"],
        "nested_recall": nested["recall"],
        "nested_sums": nested["sums"],
        "repeats": repeats,
        **({"by_genre": by_genre} if by_genre else {}),
        "kinds": {
            k: {m: v for m, v in r.items() if m != "decisions"} for k, r in comparison.items()
        },
    }
    vectorizer, x = _design(records)
    common = dict(
        device=device,
        features=sorted({k for r in records for k in r}),
        columns=list(vectorizer.get_feature_names_out()),
        low=[float(v) for v in x.min(axis=0)],
        high=[float(v) for v in x.max(axis=0)],
        calibration_a=at["a"],
        calibration_b=at["b"],
        threshold=round(threshold, 4),
        kind=chosen,
    )
    settings = {"C": c} if chosen == "logistic" else {"trees": tree_params}
    provenance = {**(provenance or {}), "cv": cv, **settings, "scikit-learn": sklearn.__version__}
    # The calibration was learned on out-of-fold decisions, which the final model (fitted on
    # every record) only approximates, as in CalibratedClassifierCV(ensemble=False).
    if chosen == "logistic":
        mean, scale, linear = _fit_linear(x, y, c, fw)
        model = ScorerModel(
            **common,
            mean=[float(v) for v in mean],
            scale=[float(v) for v in scale],
            coef=[float(v) for v in linear.coef_[0]],
            intercept=float(linear.intercept_[0]),
            provenance=provenance,
        )
    else:
        baseline, trees = export_trees(_fit_trees(x, y, tree_params, fw))
        model = ScorerModel(
            **common, mean=[], scale=[], coef=[], intercept=baseline, trees=trees,
            provenance=provenance,
        )  # fmt: skip
    return model, cv
