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
kept, Platt's expected precision, reaches 0.85), ``genre_calibrated`` (Platt's sigmoid fitted per
genre, then the shipped rule on the pooled probabilities) and ``every_genre`` (the lowest score
at which the speeches' and the news articles' figures each reach the target).

    RHETORIC_DATA=../shared/data python benchmarks/threshold_rules.py --population-cache FILE

``--population-cache``: the pool's candidate counts kept by ``train_scorers.py`` (computed, and
written there, when the file does not exist).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from rhetoric.datahome import get_data_home
from rhetoric.devices import DEVICES
from rhetoric.evaluation.pool import genre_of
from rhetoric.scoring.model import calibrate
from rhetoric.scoring.train import (
    choose_threshold,
    nested_threshold_check,
    platt,
    shipped_rule,
)

GENRES = ("all", "speech", "news")


def expected_precision_rule(decision, y, w, genre, target: float, min_kept: int):
    """Platt's sigmoid, then the lowest score at which the weighted mean probability of the
    figures kept (their expected precision) reaches ``target`` (above the highest score when none
    does). A rule of :func:`~rhetoric.scoring.train.nested_threshold_check`."""
    a, b = platt(decision, y, w)
    probability = calibrate(decision, a, b)
    order = np.argsort(-probability, kind="stable")
    p, weights = probability[order], w[order]
    mean = np.cumsum(p * weights) / np.cumsum(weights)
    reached = np.flatnonzero(mean >= target)
    threshold = float(p[reached[-1]]) if len(reached) else float(p.max()) + 1e-9
    return (lambda values, genres: calibrate(values, a, b)), threshold


def genre_calibrated_rule(decision, y, w, genre, target: float, min_kept: int):
    """Platt's sigmoid per genre (the pooled one for a genre with under five figures of either
    class), then the shipped rule on the pooled probabilities."""
    pooled = platt(decision, y, w)
    fits = {
        g: platt(decision[genre == g], y[genre == g], w[genre == g])
        if 5 <= y[genre == g].sum() <= (genre == g).sum() - 5
        else pooled
        for g in ("speech", "news")
    }

    def score(values, genres):
        out = np.empty(len(values))
        for g, (a, b) in fits.items():
            out[genres == g] = calibrate(values[genres == g], a, b)
        return out

    return score, choose_threshold(score(decision, genre), y, target, min_kept, w)


def every_genre_threshold(
    probability: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    genre: np.ndarray,
    target: float,
    min_kept: int,
) -> float:
    """The lowest score at which every genre's figures reach ``target``: the highest of the
    thresholds :func:`choose_threshold` picks on each genre's figures alone (a genre with fewer
    than ``min_kept`` figures has no say). Where a genre cannot reach the target, its threshold
    is that of its highest precision, as :func:`choose_threshold` says."""
    thresholds = [
        choose_threshold(probability[genre == name], y[genre == name], target,
                         min_kept=min_kept, weights=w[genre == name])
        for name in sorted(set(genre)) if (genre == name).sum() >= min_kept
    ]  # fmt: skip
    return max(thresholds, default=choose_threshold(probability, y, target, min_kept, w))


def every_genre_rule(decision, y, w, genre, target: float, min_kept: int):
    """Platt's sigmoid, then the threshold :func:`every_genre_threshold` chooses: one threshold
    for every text (a user's text has no genre label) at which the speeches' and the news
    articles' figures each reach ``target``. Tried for the stance scorers in session s39 (issue
    11's targets hold in each genre): for boosters it kept 70 spans of the held-out addresses, 51
    TRUE (0.73), where the shipped rule keeps 98, 71 TRUE (0.72); not shipped."""
    a, b = platt(decision, y, w)
    probability = calibrate(decision, a, b)
    threshold = every_genre_threshold(probability, y, w, np.asarray(genre), target, min_kept)
    return (lambda values, genres: calibrate(values, a, b)), threshold


RULES = {"rule": shipped_rule, "expected": expected_precision_rule,
         "genre_calibrated": genre_calibrated_rule, "every_genre": every_genre_rule}  # fmt: skip


def main() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from train_scorers import load_population, shipped_out_of_fold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", default=",".join(DEVICES))
    parser.add_argument("--population-cache", metavar="FILE")
    parser.add_argument("--shuffles", type=int, default=20)
    args = parser.parse_args()
    home = get_data_home()
    population = load_population(home, args.population_cache)
    rules = [("rule", 0.85), ("rule", 0.88), ("rule", 0.90), ("expected", 0.85),
             ("genre_calibrated", 0.85), ("every_genre", 0.85)]  # fmt: skip
    pooled = {rule: np.zeros((len(GENRES), 3)) for rule in rules}
    for device in args.devices.split(","):
        runs, y, w, g = shipped_out_of_fold(device, home, population)
        genres = np.array([genre_of(d) for d in g], dtype=object)
        cells = []
        for rule in rules:
            result = nested_threshold_check(
                runs, y, w, g, rule[1], genres=genres,
                seeds=range(100, 100 + args.shuffles), rule=RULES[rule[0]],
            )  # fmt: skip
            sums = np.array([result["sums"].get(name, [0.0, 0.0, 0.0]) for name in GENRES])
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
