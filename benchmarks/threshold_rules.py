"""How precise the default thresholds are on documents they were not chosen on, and other rules.

For every device, the shipped scorer's kind, regularisation and gold-item weight are refitted out
of fold on the judged figures (as ``benchmarks/train_scorers.py`` does: three shuffles of folds
by document), and each threshold rule is run *nested*: calibration and threshold chosen on four
fifths of the documents, the figures they keep counted on the fifth (``--shuffles`` shuffles of
the documents), weighted back to the pool's candidates. Printed per device and pooled (ten
devices; speeches, news):

``rule=0.85`` (the shipped rule: the lowest calibrated score whose out-of-fold precision reaches
the target; :func:`rhetoric.scoring.train.nested_threshold_check`), the same rule for stricter
targets, ``expected`` (the lowest score at which the mean calibrated probability of the figures
kept, Platt's expected precision, reaches 0.85) and ``genre_calibrated`` (Platt's sigmoid fitted per
genre, then the shipped rule on the pooled probabilities).

    RHETORIC_DATA=../shared/data python benchmarks/threshold_rules.py --population-cache FILE

``--population-cache``: the pool's candidate counts kept by ``train_scorers.py`` (computed, and
written there, when the file does not exist).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from rhetoric.datahome import get_data_home
from rhetoric.devices import DEVICES
from rhetoric.evaluation.pool import genre_of
from rhetoric.scoring.model import calibrate, load_model
from rhetoric.scoring.train import (
    TREE_PARAMS,
    _at_threshold,
    choose_threshold,
    compare_kinds,
    platt,
)

GENRES = ("all", "speech", "news")


def expected_precision_threshold(probability, weights, target: float) -> float:
    """The lowest score at which the weighted mean probability of the figures kept reaches
    ``target`` (above the highest score when none does)."""
    order = np.argsort(-probability, kind="stable")
    p, w = probability[order], weights[order]
    mean = np.cumsum(p * w) / np.cumsum(w)
    reached = np.flatnonzero(mean >= target)
    return float(p[reached[-1]]) if len(reached) else float(p.max()) + 1e-9


def nested(runs, y, w, groups, genres, rule: str, target: float, shuffles: int) -> np.ndarray:
    """Weighted (true kept, kept, positives) per genre of ``rule``, averaged over the shuffles."""
    sums = np.zeros((len(GENRES), 3))
    masks = [np.ones(len(y), dtype=bool), genres == "speech", genres == "news"]
    for seed in range(100, 100 + shuffles):
        for train, test in GroupKFold(5, shuffle=True, random_state=seed).split(y, y, groups):
            if len(set(y[train])) < 2:
                continue
            stacked = np.concatenate([d[train] for d in runs])
            ys, ws = np.tile(y[train], len(runs)), np.tile(w[train], len(runs)) / len(runs)
            if rule == "expected":
                a, b = platt(stacked, ys, ws)
                t = expected_precision_threshold(calibrate(stacked, a, b), ws, target)
                scores = [calibrate(d[test], a, b) for d in runs]
            elif rule == "genre_calibrated":
                gs = np.tile(genres[train], len(runs))
                fits = {
                    g: platt(stacked[gs == g], ys[gs == g], ws[gs == g])
                    if 5 <= ys[gs == g].sum() <= (gs == g).sum() - 5
                    else platt(stacked, ys, ws)
                    for g in ("speech", "news")
                }

                def by_genre(values, names, fits=fits):
                    out = np.empty(len(values))
                    for g, (a, b) in fits.items():
                        out[names == g] = calibrate(values[names == g], a, b)
                    return out

                t = choose_threshold(by_genre(stacked, gs), ys, target, 5 * len(runs), ws)
                scores = [by_genre(d[test], genres[test]) for d in runs]
            else:
                at = _at_threshold(stacked, ys, ws, target, min_kept=5 * len(runs))
                t = at["threshold"]
                scores = [calibrate(d[test], at["a"], at["b"]) for d in runs]
            for s in scores:
                keep = s >= t
                for k, mask in enumerate(masks):
                    m = mask[test]
                    sums[k, 0] += (w[test] * y[test] * keep * m).sum() / len(runs) / shuffles
                    sums[k, 1] += (w[test] * keep * m).sum() / len(runs) / shuffles
    for k, mask in enumerate(masks):
        sums[k, 2] = (w * y * mask).sum()
    return sums


def main() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from heldout_recall import TRAINING_FOLDS
    from train_scorers import (
        ANNOTATIONS,
        gold_items,
        population_counts,
        sample_weights,
        training_records,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", default=",".join(DEVICES))
    parser.add_argument("--population-cache", metavar="FILE")
    parser.add_argument("--shuffles", type=int, default=20)
    args = parser.parse_args()
    home = get_data_home()
    cache = Path(args.population_cache) if args.population_cache else None
    if cache and cache.is_file():
        population = Counter(
            {tuple(k.split("|")): v for k, v in json.loads(cache.read_text()).items()}
        )
    else:
        population = population_counts(home)
        if cache:
            cache.write_text(json.dumps({"|".join(k): v for k, v in population.items()}))
    rules = [("rule", 0.85), ("rule", 0.88), ("rule", 0.90), ("expected", 0.85),
             ("genre_calibrated", 0.85)]  # fmt: skip
    pooled = {rule: np.zeros((len(GENRES), 3)) for rule in rules}
    for device in args.devices.split(","):
        model = load_model(device)
        prov = model.provenance
        weight = prov.get("gold_weight", 0.0)
        path = ANNOTATIONS / f"{device}.jsonl"
        annotations = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        gold = gold_items(device, set(TRAINING_FOLDS)) if weight > 0 else []
        records, labels, groups, _, strata = training_records(device, annotations, home, gold)
        m = np.array([s is not None for s in strata])
        w = np.array(sample_weights(strata, population))
        fit_weights = np.array([1.0 if x else weight for x in m]) if weight > 0 else None
        runs = compare_kinds(
            records, labels, groups, kinds=(model.kind,), c=prov.get("C", 0.03),
            tree_params=prov.get("trees") or TREE_PARAMS, weights=w, measured=m,
            fit_weights=fit_weights,
        )[model.kind]["decisions"]  # fmt: skip
        y, g = np.asarray(labels, dtype=float)[m], np.asarray(groups, dtype=object)[m]
        genres = np.array([genre_of(d) for d in g], dtype=object)
        cells = []
        for rule in rules:
            sums = nested([d[m] for d in runs], y, w[m], g, genres, rule[0], rule[1], args.shuffles)
            pooled[rule] += sums
            tp, kept, positives = sums[0]
            cells.append(f"{rule[0]}={rule[1]:.2f}: P {tp / kept if kept else float('nan'):.3f} "
                         f"R {tp / positives:.3f}")  # fmt: skip
        print(f"{device:<20} " + " | ".join(cells), flush=True)
    for rule, sums in pooled.items():
        print(f"pooled {rule[0]}={rule[1]:.2f}: " + "  ".join(
            f"{name} P {tp / kept:.3f} R {tp / positives:.3f}"
            for name, (tp, kept, positives) in zip(GENRES, sums, strict=True)
        ))  # fmt: skip


if __name__ == "__main__":
    main()
