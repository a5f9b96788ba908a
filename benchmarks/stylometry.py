"""Stylometry benchmark: the Federalist grid, parity with R stylo, LOO on three corpora, timings.

Run from the repository root::

    RHETORIC_DATA=/path/to/data .venv/bin/python benchmarks/stylometry.py [--output FILE]

It prints Markdown (and writes it to ``--output`` when given): Madison counts on the 12
disputed papers per method and MFW (inductive default settings, and stylo-parity settings),
the paper-by-paper agreement with stylo's reference predictions, leave-one-out accuracy on the
Federalist (65 known papers), State of the Union and inaugural corpora, and wall times.
stylo's reference figures are read from ``--reference`` (a folder with stylo's CSV files).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import LeaveOneOut
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from sklearn.svm import LinearSVC

from rhetoric.corpora import load_federalist, load_inaugural, load_state_union
from rhetoric.datahome import get_data_home
from rhetoric.stylometry.centroids import DebiasedCentroidClassifier
from rhetoric.stylometry.classifiers import DEFAULT_METHOD, METHODS, canonical_method, make_method
from rhetoric.stylometry.corpus import read_corpus_folder
from rhetoric.stylometry.features import CountTable, MFWVectorizer
from rhetoric.stylometry.validation import (
    attribute,
    balanced_loo_splits,
    cross_validate,
    fit_predict_table,
)

MFWS = [100, 200, 500, 1000]
STYLO_NAMES = {"burrows": "delta:delta", "argamon": "delta:argamon", "eder": "delta:eder",
               "eder_simple": "delta:simple", "cosine_delta": "delta:wurzburg", "cosine": "delta:cosine",
               "manhattan": "delta:manhattan", "euclidean": "delta:euclidean", "canberra": "delta:canberra",
               "minmax": "delta:minmax", "entropy": "delta:entropy", "svm": "svm", "nsc": "nsc", "knn": "knn",
               "naivebayes": "naivebayes"}  # fmt: skip
HEADER = """\
Produced by `benchmarks/stylometry.py`. Default method: debiased nearest centroids
(`debiased_centroid`: square-root frequencies, standardised by the pooled within-author
deviation, minus each centroid's expected noise). Inductive = word list and z-scores learned on
the training texts of each fold.

**How the default was chosen, and a caveat.** The default was chosen *knowing these corpora*:
its numbers below are not an independent test. Nearest shrunken centroids (`nsc`), the first
default, met both Federalist targets but not the State of the Union (> 0.831) or inaugural
(> 0.611) ones; a search over SVMs (*Candidates for the default*, *Further candidates*) found
none meeting all four, and showed why: in plain leave-one-out with two texts per president the
held-out text's president always has the fewest training texts, and a rule that leans against
small classes (author centroids, an SVM intercept) loses exactly there. The debiased distance
removes that lean by subtracting the noise a centroid of few texts carries (the textbook
unbiased estimate of a squared distance to a mean). It was then measured in the small factorial
of *How the default was chosen* (16 variants, all shown): two meet every target, the default
and the same rule with z-score standardisation. It is the one default change made after seeing
the three corpora."""
CANDIDATES_NOTE = """\
Each cell lists MFW 100 / 200 / 500 / 1000 (inductive: word list, character n-gram list and
z-scores from the training texts of each fold). Targets: Madison >= 11 and balanced accuracy
>= 0.96 at every MFW; State of the Union above 0.831 and inaugural above 0.611 at the best MFW.
*Balanced LOO* keeps as many training texts for every president as the held-out one has left
(`cv="loo_balanced"`, one random draw, seed 0): in plain LOO on the inaugural addresses the
right president is always the one with the fewest training texts, which punishes a method
whose decision carries a class-size prior (an SVM intercept, author centroids, nearest text)
and spares one without (the SVM without intercept scores about the same both ways). With one
text per author, shrunken centroids have no within-class deviation left and fall to chance.
On the Federalist papers (51 Hamilton, 14 Madison) the SVM without intercept errs the other
way: its hyperplane passes through the mean of the training papers, near the Hamilton mass,
and several Hamilton papers fall on Madison's side."""
FURTHER_CANDIDATES = """\
### Further candidates (measured once, 2026-11-25, before the debiased centroid rule; not rerun by this script)

Every candidate below is a linear SVM on z-scores of square-root relative frequencies of the MFW
words plus as many character 4-grams (the closest candidate above), C=1 and
`class_weight="balanced"` unless said otherwise, changed in one principled respect; measured with
the same inductive folds as the table above by an exploration script that is not kept. Cells are
MFW 100 / 200 / 500 / 1000.

| candidate (change to the word + char 4-gram SVM) | Federalist Madison | Federalist LOO bal. acc. | SOTU LOO acc. | inaugural LOO acc. | inaugural balanced LOO acc. | all targets |
|---|---|---|---|---|---|---|
| as above (`class_weight="balanced"` is already in it) | 12/12/12/12 | 0.980 / 0.951 / 0.961 / 0.971 | 0.815 / 0.769 / 0.908 / 0.923 | 0.361 / 0.361 / 0.667 / 0.694 | 0.667 / 0.694 / 0.806 / 0.806 | no |
| no intercept | 12/12/12/12 | 0.912 / 0.922 / 0.951 / 0.961 | 0.815 / 0.877 / 0.846 / 0.892 | 0.611 / 0.722 / 0.806 / 0.806 | 0.472 / 0.639 / 0.722 / 0.750 | no |
| no intercept, centred on the mean of the class means (not of the texts) | 12/11/12/12 | 1.000 / 1.000 / 1.000 / 1.000 | 0.815 / 0.785 / 0.877 / 0.846 | 0.389 / 0.361 / 0.417 / 0.333 | 0.500 / 0.639 / 0.778 / 0.806 | no |
| the same, scaled by the pooled within-class deviation | 12/11/12/12 | 1.000 / 1.000 / 1.000 / 1.000 | 0.815 / 0.815 / 0.892 / 0.831 | 0.389 / 0.361 / 0.472 / 0.444 | 0.667 / 0.750 / 0.833 / 0.861 | no |
| unpenalised intercept (`intercept_scaling=100`) | 12/11/12/12 | 1.000 / 1.000 / 1.000 / 1.000 | 0.846 / 0.831 / 0.831 / 0.862 | 0.417 / 0.389 / 0.444 / 0.361 | 0.556 / 0.611 / 0.778 / 0.833 | no |
| Crammer-Singer multi-class SVM | 12/12/12/12 | 0.980 / 0.951 / 0.961 / 0.971 | 0.846 / 0.846 / 0.846 / 0.862 | 0.417 / 0.389 / 0.444 / 0.361 | 0.556 / 0.639 / 0.778 / 0.806 | no |
| C=0.1 | 12/12/12/12 | 0.980 / 0.951 / 0.961 / 0.971 | 0.831 / 0.769 / 0.908 / 0.923 | 0.361 / 0.361 / 0.639 / 0.667 | - | no |
| C=0.01 | 12/12/12/12 | 0.980 / 0.941 / 0.961 / 0.971 | 0.800 / 0.800 / 0.908 / 0.908 | 0.389 / 0.306 / 0.583 / 0.611 | - | no |
| C=0.001 | 12/12/12/12 | 0.941 / 0.922 / 0.951 / 0.971 | 0.785 / 0.800 / 0.846 / 0.892 | 0.361 / 0.361 / 0.417 / 0.417 | - | no |
| one-vs-rest scores divided by the norm of each class's weight vector (distance to the hyperplane) | 12/12/12/12 | 0.980 / 0.951 / 0.961 / 0.971 | 0.815 / 0.785 / 0.908 / 0.923 | 0.333 / 0.389 / 0.667 / 0.639 | - | no |
| the same with an unpenalised intercept | 12/11/12/12 | 1.000 / 1.000 / 1.000 / 1.000 | 0.800 / 0.815 / 0.800 / 0.815 | 0.361 / 0.306 / 0.222 / 0.222 | - | no |

What they show:

- `class_weight="balanced"` was already in every SVM candidate; it equalises the total weight of
  the two Federalist classes, but the intercept of liblinear is penalised like a weight, so the
  class sizes still move the hyperplane. Making the decision symmetric in the two Federalist
  authors (an unpenalised intercept, or centring on the mean of the class means instead of the
  mean of the texts, which sits near the 51 Hamilton papers) gives 1.000 balanced accuracy at
  every MFW and keeps the State of the Union above 0.831 at its best MFW.
- The same symmetric candidates fall to 0.33-0.47 in plain leave-one-out on the inaugural
  addresses, while scoring 0.50-0.86 in balanced leave-one-out. With 2000 features and 35
  training texts a held-out address projects weakly on every hyperplane, so the offsets decide;
  plain LOO always leaves the right president with one text against two for the others, and
  only a rule that leans towards small classes (no intercept, centred on the mean of the texts)
  passes the 0.611 target, and that same lean gives Hamilton papers to Madison (0.912-0.961).
  The Federalist balanced-accuracy target and the plain-LOO inaugural target pull in opposite
  directions for every linear SVM measured.
- C hardly matters from 0.1 up (the training texts are separable: a hard margin), and smaller C
  is worse at 200 MFW, so choosing C by an inner cross-validation on each training fold could
  only pick among values that all miss 0.96 at 200 MFW; it would also cost about 20 fits per
  fold (4 values x 5 inner folds), against 0.933 s already for one 65-fold LOO of this SVM at
  1000 MFW (target 1 s). Not run.
- Averaging the SVM with nearest shrunken centroids through calibrated probabilities was not
  run as such: the score-level ensembles of the earlier search (header) that met every number
  were picked after seeing all three corpora, and shrunken centroids are at 0.19-0.33 on the
  inaugural addresses, so they can only pull the average down there.
- The best-founded candidate is the SVM centred on the mean of the class means and scaled by
  the pooled within-class deviation (a class-symmetric SVM): every Federalist target, State of
  the Union 0.892 at 500 MFW, inaugural 0.861 in balanced LOO, but 0.472 at best in plain LOO
  (target 0.611). No SVM was made the default; the debiased centroid rule (*How the default
  was chosen*) replaced nearest shrunken centroids instead."""
DEFAULT_LABEL = f"{DEFAULT_METHOD} (default)"
FACTORIAL_NOTE = """\
Every variant is a nearest-author-centroid rule (`DebiasedCentroidClassifier`) and differs from
the default in the named factors: features (the MFW words, or the MFW words plus as many
character 4-grams), frequencies (relative, or their square roots), standardisation (by the
deviation across all training texts as z-scores do, or by the pooled within-author deviation
with Tibshirani's `s0`), and distance (plain, or debiased: minus the centroid's expected noise).
The default is *words, sqrt, within, debiased*. All 16 variants are shown; cells and targets as
in the table above. What they show: without the correction no variant reaches 0.611 on the
inaugural addresses in plain leave-one-out (0.444 at best); with it every variant does, and two
also meet the Federalist and State of the Union targets. The one kept is the one each of
whose parts has a reason that does not depend on these corpora (square roots stabilise the
variance of counts; within-author deviations weigh a word by how consistently authors use it;
the correction removes the class-size lean). With one text per author (balanced LOO on the
inaugural addresses) no within-author deviation exists and every centroid variant falls to
0.39-0.69, below the SVMs (0.56-0.86)."""
LOO_METHODS = ["default", "nsc", "burrows", "cosine_delta", "eder", "minmax", "svm", "knn"]


def markdown(frame: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table (no extra dependency)."""
    cols = [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for row in frame.itertuples(index=False):
        lines.append(
            "| " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row) + " |"
        )
    return "\n".join(lines)


class Report:
    def __init__(self):
        self.parts: list[str] = []

    def __call__(self, text: str = "") -> None:
        print(text, flush=True)
        self.parts.append(text)


def federalist_section(out: Report, reference: Path, data_home) -> dict:
    frame = load_federalist(data_home)
    labels = frame["label"].to_numpy(dtype=object)
    train = np.flatnonzero(np.isin(labels, ["Hamilton", "Madison"]))
    test = np.flatnonzero(labels == "Disputed")
    table = CountTable.from_texts(frame["text"])
    known = CountTable(table.counts[train], table.vocabulary, table.totals[train])
    ids = frame["doc_id"].to_numpy()[test]
    per_paper = reference / "stylo_federalist_attribution_per_paper.csv"
    stylo_pred = pd.read_csv(per_paper) if per_paper.is_file() else None
    stylo_counts = reference / "stylo_federalist_attribution.csv"
    stylo_counts = pd.read_csv(stylo_counts) if stylo_counts.is_file() else None
    stylo_cv = reference / "stylo_federalist_cv.csv"
    stylo_cv = pd.read_csv(stylo_cv) if stylo_cv.is_file() else None

    grid_rows, parity_rows, loo_rows = [], [], []
    start = time.perf_counter()
    for method in METHODS:
        name = DEFAULT_LABEL if method == DEFAULT_METHOD else method
        in_stylo = method in STYLO_NAMES
        counts, parity_counts, agree, loo = {}, {}, {}, {}
        for mfw in MFWS:
            predicted = fit_predict_table(table, labels, train, test, method=method, mfw=mfw)
            counts[mfw] = int((predicted == "Madison").sum())
            if in_stylo:
                stylo_like = fit_predict_table(
                    table, labels, train, test, method=method, mfw=mfw, stylo=True
                )
                parity_counts[mfw] = int((stylo_like == "Madison").sum())
                if stylo_pred is not None:
                    ref = stylo_pred[
                        (stylo_pred["method"] == STYLO_NAMES[method]) & (stylo_pred["mfw"] == mfw)
                    ]
                    ref = ref.set_index("paper").loc[ids, "predicted"].to_numpy()
                    agree[mfw] = int((stylo_like == ref).sum())
            result = cross_validate(known, labels[train], method=method, mfw=mfw)
            loo[mfw] = result.summary.iloc[0]
        grid_rows.append({"method": name, **{f"MFW {m}": f"{counts[m]}/12" for m in MFWS}})
        if in_stylo:
            stylo_row = {}
            if stylo_counts is not None:
                for m in MFWS:
                    hit = stylo_counts[
                        (stylo_counts["method"] == STYLO_NAMES[method]) & (stylo_counts["mfw"] == m)
                    ]
                    stylo_row[m] = int(hit["n_madison"].iloc[0]) if len(hit) else "-"
            parity_rows.append(
                {
                    "method": name,
                    **{
                        f"MFW {m}": f"{parity_counts[m]} (stylo {stylo_row.get(m, '-')}, "
                        f"{agree.get(m, '-')}/12 same)"
                        for m in MFWS
                    },
                }  # fmt: skip
            )
        loo_rows.append(
            {
                "method": name,
                **{
                    f"MFW {m}": f"{loo[m]['accuracy']:.3f} / {loo[m]['balanced_accuracy']:.3f}"
                    for m in MFWS
                },
            }
        )
    grid_elapsed = time.perf_counter() - start

    out(
        "## Federalist: disputed papers given to Madison (train 51 Hamilton + 14 Madison, test 12 Disputed)"
    )
    out()
    out(
        "Inductive settings of this package (word list and z-scores from the training papers; every"
    )
    out(
        "Delta compares with the nearest training paper; Cosine Delta z-scores from the training set)."
    )
    out()
    out(markdown(pd.DataFrame(grid_rows)))
    out()
    out(
        "### Parity with stylo 0.7.7 (`stylo=True`: stylo's tokeniser, training-set MFW, stylo's z-scores)"
    )
    out()
    out(
        "Madison count, stylo's count, and the number of the 12 papers with the same prediction as stylo."
    )
    out()
    out(markdown(pd.DataFrame(parity_rows)))
    out()
    out(
        "### Leave-one-out on the 65 known papers: accuracy / balanced accuracy (inductive, honest)"
    )
    out()
    out(markdown(pd.DataFrame(loo_rows)))
    out()
    if stylo_cv is not None:
        trans_rows = []
        for method in ["burrows", "cosine_delta", "eder", "svm", "nsc"]:
            row = {"method": method}
            for mfw in MFWS:
                ours = cross_validate(
                    known, labels[train], method=method, mfw=mfw, transductive=True, stylo=True
                )
                hit = stylo_cv[
                    (stylo_cv["method"] == STYLO_NAMES[method])
                    & (stylo_cv["mfw"] == mfw)
                    & (stylo_cv["cv"] == "LOO")
                ]
                theirs = f"{hit['accuracy'].iloc[0]:.3f}" if len(hit) else "-"
                row[f"MFW {mfw}"] = f"{ours.summary['accuracy'].iloc[0]:.3f} (stylo {theirs})"
            trans_rows.append(row)
        out(
            "Transductive (stylo-style) LOO accuracy for comparison, with stylo's own `crossv()` figure:"
        )
        out()
        out(markdown(pd.DataFrame(trans_rows)))
        out()
    default_row = next(r for r in grid_rows if r["method"] == DEFAULT_LABEL)
    default_loo = next(r for r in loo_rows if r["method"] == DEFAULT_LABEL)
    targets = {
        "madison": [int(default_row[f"MFW {m}"].split("/")[0]) for m in MFWS],
        "balanced": [float(default_loo[f"MFW {m}"].split(" / ")[1]) for m in MFWS],
    }
    return {
        "table": table,
        "texts": frame["text"].tolist(),
        "labels": labels,
        "train": train,
        "known": known,
        "grid_elapsed": grid_elapsed,
        "targets": targets,
    }


def loo_section(
    out: Report, title: str, texts: list[str], labels: np.ndarray, stylo_file: Path, extra: dict
) -> dict:
    table = CountTable.from_texts(texts)
    reference = pd.read_csv(stylo_file) if stylo_file.is_file() else None
    rows, scores = [], {}
    for method in LOO_METHODS:
        result = cross_validate(table, labels, method=method, mfw=MFWS)
        for r in result.summary.itertuples():
            scores[(method, f"{r.mfw} MFW")] = r.accuracy
        row = {"method": DEFAULT_LABEL if method == "default" else method}
        for r in result.summary.itertuples():
            cell = f"{r.accuracy:.3f}"
            if reference is not None and method != "default":
                hit = reference[
                    (reference["method"] == STYLO_NAMES[canonical_method(method)])
                    & (reference["mfw"] == r.mfw)
                ]
                if len(hit):
                    cell += f" (stylo {hit['accuracy'].iloc[0]:.3f})"
            row[f"MFW {r.mfw}"] = cell
        rows.append(row)
    out(
        f"## {title}: leave-one-out accuracy, presidents as classes (inductive; stylo's transductive figure)"
    )
    out()
    out(markdown(pd.DataFrame(rows)))
    out()
    for label, (method, mfw, vectorizer) in extra.items():
        extra_table = CountTable.from_texts(texts, **vectorizer) if vectorizer else table
        result = cross_validate(extra_table, labels, method=method, mfw=mfw, vectorizer=vectorizer)
        s = result.summary.iloc[0]
        out(
            f"- {label}: accuracy {s['accuracy']:.3f}, balanced accuracy {s['balanced_accuracy']:.3f}"
        )
        scores[(label, "")] = s["accuracy"]
    if extra:
        out()
    return scores


def targets_section(out: Report, fed: dict, sotu: dict, inaug: dict) -> None:
    def best(scores: dict) -> str:
        (method, mfw), value = max(scores.items(), key=lambda item: item[1])
        default = max(v for (m, _), v in scores.items() if m == "default")
        return (
            f"best {value:.3f} ({method} {mfw}".rstrip() + f"); default method best {default:.3f}"
        )

    out("## Targets")
    out()
    out(
        f"- Default method, Madison count at MFW {', '.join(map(str, MFWS))}: {fed['madison']} (target >= 11 each)"
    )
    out(f"- Default method, inductive LOO balanced accuracy on the 65 known papers: "
        f"{[round(b, 3) for b in fed['balanced']]} (target >= 0.96 each)")  # fmt: skip
    out(f"- State of the Union LOO accuracy: {best(sotu)} (target > 0.831)")
    out(f"- Inaugural LOO accuracy: {best(inaug)} (target > 0.611)")
    out()


def _sqrt_svm(intercept: bool = True):
    """Linear SVM (one-vs-rest, C=1, balanced) on z-scores of square-root relative frequencies."""
    return make_pipeline(FunctionTransformer(np.sqrt), StandardScaler(),
                         LinearSVC(C=1.0, class_weight="balanced", fit_intercept=intercept, random_state=0))  # fmt: skip


def _fit_predict(tables, y, train, test, method, mfw):
    """Fit on ``train`` and predict ``test``; several tables are read side by side (word + char)."""
    if len(tables) == 1:
        return fit_predict_table(tables[0], y, train, test, method=method, mfw=mfw)
    parts = [MFWVectorizer(mfw).fit_table(t, train) for t in tables]
    X_train = np.hstack([v.transform_table(t, train) for v, t in zip(parts, tables, strict=True)])
    X_test = np.hstack([v.transform_table(t, test) for v, t in zip(parts, tables, strict=True)])
    return clone(method).fit(X_train, y[train]).predict(X_test)


def _loo(tables, y, method, mfw, splits):
    predicted = np.empty(len(y), dtype=object)
    for train, test in splits:
        predicted[test] = _fit_predict(tables, y, train, test, method, mfw)
    return float(np.mean(predicted == y)), float(balanced_accuracy_score(y, predicted))


def _rows(tables, rows):
    return [CountTable(t.counts[rows], t.vocabulary, t.totals[rows]) for t in tables]


def candidates_section(out: Report, fed: dict, sotu: tuple, inaug: tuple) -> None:
    """Candidates for the default against every target, inaugural also with balanced LOO."""
    char = {"analyzer": "char", "ngram": 4}
    labels, train = fed["labels"], fed["train"]
    test = np.flatnonzero(labels == "Disputed")
    words = {"fed": fed["table"], "sotu": CountTable.from_texts(sotu[0]),
             "inaug": CountTable.from_texts(inaug[0])}  # fmt: skip
    chars = {"fed": CountTable.from_texts(fed["texts"], **char),
             "sotu": CountTable.from_texts(sotu[0], **char),
             "inaug": CountTable.from_texts(inaug[0], **char)}  # fmt: skip
    known_labels = labels[train]
    folds = {"fed": list(LeaveOneOut().split(train)), "sotu": list(LeaveOneOut().split(sotu[1])),
             "inaug": list(LeaveOneOut().split(inaug[1])),
             "inaug_bal": balanced_loo_splits(inaug[1], random_state=0)}  # fmt: skip

    def row(name: str, est, with_char: bool) -> dict:
        tables = {k: [words[k], chars[k]] if with_char else [words[k]] for k in words}
        madison, balanced, sotu_acc, inaug_acc, inaug_bal = [], [], [], [], []
        for mfw in MFWS:
            predicted = _fit_predict(tables["fed"], labels, train, test, est, mfw)
            madison.append(int((predicted == "Madison").sum()))
            known = _rows(tables["fed"], train)
            balanced.append(_loo(known, known_labels, est, mfw, folds["fed"])[1])
            sotu_acc.append(_loo(tables["sotu"], sotu[1], est, mfw, folds["sotu"])[0])
            inaug_acc.append(_loo(tables["inaug"], inaug[1], est, mfw, folds["inaug"])[0])
            inaug_bal.append(_loo(tables["inaug"], inaug[1], est, mfw, folds["inaug_bal"])[0])
        meets = (
            min(madison) >= 11 and min(balanced) >= 0.96 and max(sotu_acc) > 0.831
            and max(inaug_acc) > 0.611
        )  # fmt: skip
        return {
            "candidate": name,
            "Federalist Madison": "/".join(map(str, madison)),
            "Federalist LOO bal. acc.": " / ".join(f"{b:.3f}" for b in balanced),
            "SOTU LOO acc.": " / ".join(f"{a:.3f}" for a in sotu_acc),
            "inaugural LOO acc.": " / ".join(f"{a:.3f}" for a in inaug_acc),
            "inaugural balanced LOO acc.": " / ".join(f"{a:.3f}" for a in inaug_bal),
            "all targets": "yes" if meets else "no",
        }

    candidates = {
        DEFAULT_LABEL: (make_method("default"), False),
        "nsc (the default until 2026-11)": (make_method("nsc"), False),
        "svm (z-scores)": (make_method("svm"), False),
        "svm on sqrt frequencies": (_sqrt_svm(), False),
        "svm on sqrt frequencies, no intercept": (_sqrt_svm(intercept=False), False),
        "svm on sqrt frequencies, MFW words + MFW char 4-grams": (_sqrt_svm(), True),
    }
    out("## Candidates for the default, against every target")
    out()
    out(CANDIDATES_NOTE)
    out()
    out(markdown(pd.DataFrame([row(name, *c) for name, c in candidates.items()])))
    out()
    out(FURTHER_CANDIDATES)
    out()
    out("## How the default was chosen: the centroid rule, one factor at a time")
    out()
    out(FACTORIAL_NOTE)
    out()
    rows = []
    for with_char in (False, True):
        for frequencies in ("relative", "sqrt"):
            for standardize in ("overall", "within"):
                for debias in (False, True):
                    est = DebiasedCentroidClassifier(
                        frequencies, debias=debias, standardize=standardize
                    )
                    name = (f"{'words + char 4-grams' if with_char else 'words'}, {frequencies}, "
                            f"{standardize}, {'debiased' if debias else 'plain'}")  # fmt: skip
                    rows.append(row(name, est, with_char))
    out(markdown(pd.DataFrame(rows)))
    out()


def timing_section(out: Report, fed: dict, data_home) -> None:
    from rhetoric.datahome import corpus_dir

    folder = corpus_dir("federalist", data_home) / "texts"
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        frame = read_corpus_folder(folder)
        frame = frame[frame["label"].isin(["Hamilton", "Madison", "Disputed"])]
        train = frame[frame["label"] != "Disputed"]
        test = frame[frame["label"] == "Disputed"]
        attribute(train["text"], train["label"], test["text"], method="default", mfw=100)
        runs.append(time.perf_counter() - start)
    n_files = len(frame)
    loo = {}
    for method in ["default", "burrows", "cosine_delta", "svm"]:
        start = time.perf_counter()
        cross_validate(fed["known"], fed["labels"][fed["train"]], method=method, mfw=1000)
        loo[method] = time.perf_counter() - start
    out("## Timings (this machine, 2 shared cores)")
    out()
    out(f"- One Federalist attribution, reading and parsing the {n_files} files included (default method, 100 MFW): "
        f"best of 3 {min(runs):.3f} s (stylo about 1.0 s)")  # fmt: skip
    for method, seconds in loo.items():
        out(f"- Leave-one-out over the 65 known papers, {method}, 1000 MFW: {seconds:.3f} s")
    out(f"- Whole grid, {len(METHODS)} methods x 4 MFW, each an attribution, a stylo-parity attribution and an "
        f"inductive 65-fold LOO: {fed['grid_elapsed']:.1f} s (stylo about 5.5 minutes)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-home", default=None)
    parser.add_argument(
        "--reference",
        default=os.environ.get("RHETORIC_STYLO_REFERENCE")
        or str(get_data_home().parent / "reference" / "stylo"),
    )
    parser.add_argument("--output", help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    reference = Path(args.reference)
    out = Report()
    total = time.perf_counter()
    out("# Stylometry benchmark results")
    out()
    out(HEADER)
    out()
    fed = federalist_section(out, reference, args.data_home)
    sotu = load_state_union(args.data_home)
    sotu_scores = loo_section(out, "State of the Union (65 addresses, 11 presidents)", sotu["clean_text"].tolist(),
                sotu["label"].to_numpy(dtype=object), reference / "stylo_sotu_loo.csv",
                {"Cosine Delta, 2000 MFW": ("cosine_delta", 2000, None)})  # fmt: skip
    inaug = load_inaugural(args.data_home)
    counts = inaug["label"].value_counts()
    inaug = inaug[inaug["label"].isin(counts[counts >= 2].index)]
    inaug_scores = loo_section(out, f"Inaugural ({len(inaug)} addresses of presidents with two or more)", inaug["clean_text"].tolist(),
                inaug["label"].to_numpy(dtype=object), reference / "stylo_inaug_loo.csv",
                {"Cosine Delta on character 4-grams, 1000 MFW": ("cosine_delta", 1000, {"analyzer": "char", "ngram": 4})})  # fmt: skip
    targets_section(out, fed["targets"], sotu_scores, inaug_scores)
    candidates_section(out, fed, (sotu["clean_text"].tolist(), sotu["label"].to_numpy(dtype=object)),
                       (inaug["clean_text"].tolist(), inaug["label"].to_numpy(dtype=object)))  # fmt: skip
    timing_section(out, fed, args.data_home)
    out(f"- Whole benchmark script: {time.perf_counter() - total:.1f} s")
    if args.output:
        Path(args.output).write_text("\n".join(out.parts) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
