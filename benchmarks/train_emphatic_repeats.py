"""Train the ranker of emphatic repeats on the PTC train split, and choose its threshold there.

Writes two files of the package (``rhetoric/resources/repetition/``):

``ptc_train_df.tsv``
    For every word (its :attr:`~rhetoric.text.Document.keys` form) found in at least
    three train articles, the number of train articles holding it. A feature says how common a
    repeated word is in news; uncommon words repeated are the likelier emphasis.
``emphatic_model.json``
    A logistic regression (scikit-learn, standardised features, ``C=1``) over the features of
    :func:`~rhetoric.devices.repetition.emphatic_candidates`, stored as plain numbers, with the
    threshold, the cross-validated scores behind it and this provenance.

Only the train split is read. A candidate mention is a positive when at least half of its
characters lie inside "Repetition" gold spans. The threshold, and the most mentions kept per 1000
words, are the pair with the best mean span F1 (SemEval-2020 Task 11 partial overlap, :func:`rhetoric.evaluation.ptc.span_scores`) over
5-fold cross-validation grouped by article, repeated with three shuffles; the out-of-fold mentions
are chosen exactly as :func:`~rhetoric.devices.repetition.find_repetition` chooses them (words
of duplicated sentences and paragraphs left out).
Document frequencies leave each article's own words out when its features are computed. The
dev split is never read: score it afterwards with ``rhetoric evaluate ptc --split dev``.

Run from the repository root::

    RHETORIC_DATA=../shared/data python benchmarks/train_emphatic_repeats.py
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

from rhetoric.corpora import load_ptc
from rhetoric.devices.repetition import (
    EMPHATIC_FEATURES,
    _choose,
    _copies,
    _GroupCounter,
    copied_words,
    emphatic_candidates,
    emphatic_limit,
    score_emphatic,
    standardise,
)
from rhetoric.evaluation.ptc import covered, gold_spans, merge_intervals, span_scores
from rhetoric.text import Document

OUT = Path("rhetoric/resources/repetition")
MIN_DOCUMENTS = 3
POSITIVE_COVER = 0.5
C = 1.0
#: Features are clipped to their CLIP and 100 - CLIP percentiles in training (no extrapolation).
CLIP = 0.5
FOLDS, REPEATS = 5, 3
THRESHOLDS = np.round(np.arange(0.04, 0.20, 0.005), 3)
#: Most mentions kept per 1000 words of an article (inf: no limit).
RATES = (8.0, 12.0, 16.0, 24.0, float("inf"))


def fit(features: np.ndarray, labels: np.ndarray) -> dict:
    low, high = np.percentile(features, [CLIP, 100 - CLIP], axis=0)
    clipped = np.clip(features, low, high)
    mean, scale = clipped.mean(axis=0), clipped.std(axis=0)
    model = {
        "low": low.tolist(),
        "high": high.tolist(),
        "mean": mean.tolist(),
        "scale": np.where(scale > 0, scale, 1.0).tolist(),
    }
    regression = LogisticRegression(C=C, max_iter=5000).fit(standardise(features, model), labels)
    return {
        **model,
        "coef": regression.coef_[0].tolist(),
        "intercept": float(regression.intercept_[0]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-home", default=None)
    args = parser.parse_args(argv)

    articles, spans = load_ptc("train", args.data_home)
    docs = [
        Document(text, doc_id, remove_boilerplate=False)
        for doc_id, text in zip(articles["doc_id"], articles["text"], strict=True)
    ]
    keys = [doc.keys for doc in docs]
    frequency = Counter(k for doc_keys in keys for k in set(doc_keys))
    table = {k: v for k, v in sorted(frequency.items()) if v >= MIN_DOCUMENTS}
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "ptc_train_df.tsv", "w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"#articles\t{len(docs)}\n")
        handle.writelines(f"{k}\t{v}\n" for k, v in table.items())

    gold = gold_spans(spans)
    candidates, labels, skips = [], [], []
    for doc, doc_keys in zip(docs, keys, strict=True):
        skips.append(
            copied_words(doc, _copies(doc, doc_keys, [False] * len(doc_keys), _GroupCounter()))
        )
        found = emphatic_candidates(
            doc, doc_keys, frequencies=(table, len(docs)), exclude_self=True
        )
        truth = merge_intervals(gold.get(doc.doc_id, []))
        cover = [
            covered((doc.words[i].start, doc.words[i + n - 1].end), truth)
            / (doc.words[i + n - 1].end - doc.words[i].start)
            for i, n in zip(found.first.tolist(), found.n_words.tolist(), strict=True)
        ]
        candidates.append(found)
        labels.append(np.array(cover) >= POSITIVE_COVER)

    grid = [(rate, threshold) for rate in RATES for threshold in THRESHOLDS]
    scores = np.zeros((REPEATS, len(grid), 3))
    for repeat in range(REPEATS):
        folds = np.array_split(np.random.RandomState(repeat).permutation(len(docs)), FOLDS)
        probability = [None] * len(docs)
        for fold in folds:
            train = np.setdiff1d(np.arange(len(docs)), fold)
            model = fit(
                np.vstack([candidates[k].features for k in train]),
                np.concatenate([labels[k] for k in train]),
            )
            for k in fold:
                probability[k] = score_emphatic(candidates[k], model)
        for g, (rate, threshold) in enumerate(grid):
            predicted = {}
            for doc, found, p, skip in zip(docs, candidates, probability, skips, strict=True):
                limit = None if np.isinf(rate) else emphatic_limit(len(doc.words), rate)
                chosen = _choose(doc, found, p, threshold, skip, limit)
                predicted[doc.doc_id] = [
                    (
                        doc.words[found.first[k]].start,
                        doc.words[found.first[k] + found.n_words[k] - 1].end,
                    )
                    for k in chosen
                ]
            result = span_scores(predicted, gold)
            scores[repeat, g] = result["precision"], result["recall"], result["f1"]
    mean = scores.mean(axis=0)
    best = int(np.argmax(mean[:, 2]))
    for rate in RATES:
        g = max((g for g in range(len(grid)) if grid[g][0] == rate), key=lambda g: mean[g, 2])
        print(
            f"per 1000 words {rate:5}: best threshold {grid[g][1]:.3f}  P {mean[g, 0]:.4f}  R {mean[g, 1]:.4f}  "
            f"F1 {mean[g, 2]:.4f}{'  <- chosen' if g == best else ''}"
        )
    best_rate, best_threshold = grid[best]

    model = fit(np.vstack([c.features for c in candidates]), np.concatenate(labels))
    model = {
        "features": list(EMPHATIC_FEATURES), **model, "threshold": float(best_threshold),
        "per_1000_words": None if np.isinf(best_rate) else best_rate,
        "cross_validation": {
            "folds": FOLDS, "repeats": REPEATS, "grouped_by": "article",
            "precision": round(float(mean[best, 0]), 4), "recall": round(float(mean[best, 1]), 4),
            "f1": round(float(mean[best, 2]), 4),
        },
        "provenance": (
            "Logistic regression (scikit-learn " + sklearn.__version__ + f", C={C}, features clipped to their {CLIP}-{100 - CLIP} percentiles, standardised) "
            f"trained by benchmarks/train_emphatic_repeats.py on the PTC train split only ({len(docs)} articles, "
            f"{sum(len(y) for y in labels)} candidate mentions, {int(sum(y.sum() for y in labels))} positives: "
            f"at least {POSITIVE_COVER:.0%} of the mention inside a 'Repetition' span). Threshold and most "
            f"mentions per 1000 words: best mean span F1 over {REPEATS}x{FOLDS}-fold cross-validation grouped "
            "by article, on train."
        ),
    }  # fmt: skip
    (OUT / "emphatic_model.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(
        f"chosen threshold {best_threshold:.3f}, at most {best_rate} per 1000 words: cross-validated F1 "
        f"{mean[best, 2]:.4f}; wrote {OUT}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
