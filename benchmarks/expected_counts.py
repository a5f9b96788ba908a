"""Counted or expected: which device count follows the true count across genres and eras?

A device rate counts the figures a scorer keeps at its threshold. How many of a corpus's true
figures that is depends on how sure the scorer is of them, which varies with genre and style. The
alternative is the *expected* count (``rhetoric.stats.device_counts(..., unit="expected")``): the
sum of every candidate's calibrated score, which follows the true count wherever the scores are
calibrated. This script measures both on documents the calibration was not fitted on.

For every device, the shipped scorer's kind, regularisation and gold-item weight are refitted out
of fold on the judged figures of the training pool (as ``benchmarks/train_scorers.py`` does), and
calibration and threshold are chosen on four fifths of the documents and applied to the fifth
(:func:`rhetoric.scoring.train.nested_predictions`, ``--shuffles`` shuffles). Each judged figure
is weighted back to the pool's candidates (:func:`train_scorers.sample_weights`), so that over a
set of documents

- ``true``: the weighted TRUE figures, an estimate of the true figures among its candidates;
- ``expected``: the weighted calibrated scores, what the expected count says;
- ``counted``: the weighted figures kept at the threshold, what a count at the defaults says
  (true and false ones);
- ``kept true``: the weighted TRUE figures among them.

``expected / true`` near 1 in every cell means the expected count can be compared across cells.
``counted / true`` is how a count at the defaults stands to the true count (its recall over its
precision: it counts false figures too), and where it differs between cells, so does the bias of
comparing counts there. ``kept true / true`` is the share of the true figures the defaults keep
(their recall).
Cells: the two genres, and the addresses by era (``rhetoric.compare.ERAS``). Intervals: 95%
percentile bootstrap over the cell's documents.

A second check on news nobody trained on: on the 75 PTC dev articles every figure scoring 0.3 or
more is judged (``corpus/annotations/ptc_dev_judged_devices.jsonl``), so there the scores of those
figures can be added up against their TRUE verdicts, per device and per band of scores
(:func:`ptc_dev_check`; the candidates under 0.3 are not judged, so this checks the upper part of
the calibration only).

A third check on the public gold speeches (the development set, seven famous addresses): the random
samples of ``corpus/annotations/second_judge_devices.jsonl``, judged blind by second judges, of
figures scoring 0.1 or more that the defaults dropped (``below_default_0.1``) and of figures the
defaults kept (``default``), drawn when the scorers were older; chosen without looking at their
verdicts, so over each sample the current scores should add up to about its TRUE figures
(:func:`public_sample_check`).

    RHETORIC_DATA=../shared/data python benchmarks/expected_counts.py --population-cache FILE
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from rhetoric.compare import era_of
from rhetoric.datahome import get_data_home
from rhetoric.devices import DEVICES
from rhetoric.evaluation.pool import genre_of
from rhetoric.scoring.model import load_model
from rhetoric.scoring.train import nested_predictions

#: Columns of the per-figure table (:func:`figure_table`).
FIGURE_COLUMNS = ["device", "doc", "genre", "cell", "weight", "label", "probability", "kept"]


def cell_of(doc: str) -> str:
    """``news`` for a PTC article, else ``speech <era>`` by the address's year (its file name)."""
    genre = genre_of(doc)
    if genre != "speech":
        return genre
    return f"speech {era_of(int(Path(doc).name[:4]))}"


def figure_table(device: str, home: Path, population, shuffles: int) -> pd.DataFrame:
    """One row per judged figure of ``device``: its document, cell, weight, label, and its
    nested calibrated score and kept share."""
    from train_scorers import shipped_out_of_fold

    runs, y, w, docs = shipped_out_of_fold(device, home, population)
    genres = np.array([genre_of(d) for d in docs], dtype=object)
    probability, kept = nested_predictions(
        runs, y, w, docs, 0.85, genres=genres,
        seeds=range(100, 100 + shuffles),
    )  # fmt: skip
    return pd.DataFrame({
        "device": device, "doc": docs, "genre": genres, "cell": [cell_of(d) for d in docs],
        "weight": w, "label": y, "probability": probability, "kept": kept,
    })[FIGURE_COLUMNS]  # fmt: skip


def _sums(frame: pd.DataFrame) -> np.ndarray:
    w = frame["weight"].to_numpy()
    return np.array([
        (w * frame["label"]).sum(), (w * frame["probability"]).sum(), (w * frame["kept"]).sum(),
        (w * frame["label"] * frame["kept"]).sum(),
    ])  # fmt: skip


def _interval(ratios: np.ndarray) -> tuple[float, float]:
    """The 95% percentile interval of bootstrap ratios; ``NaN`` when over 2.5% of the
    resamples held no true figure (the ratio is then undefined too often to bound)."""
    if not np.isfinite(ratios).mean() >= 0.975:
        return np.nan, np.nan
    finite = ratios[np.isfinite(ratios)]
    return float(np.percentile(finite, 2.5)), float(np.percentile(finite, 97.5))


def cell_table(figures: pd.DataFrame, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Per device and cell: the judged figures and documents, ``true``, ``expected``,
    ``counted``, ``kept_true``, and the ratios ``expected_ratio`` (expected / true),
    ``counted_ratio`` (counted / true) and ``recall`` (kept_true / true) with bootstrap intervals
    over the cell's documents (``NaN`` where a resample holds no true figure too often to tell).
    Relabel ``device`` to pool devices."""
    rng = np.random.default_rng(seed)
    rows = []
    for (device, cell), frame in figures.groupby(["device", "cell"], sort=False):
        per_doc = {doc: _sums(part) for doc, part in frame.groupby("doc")}
        sums = np.array(list(per_doc.values()))
        true, expected, counted, kept_true = sums.sum(axis=0)
        boot = sums[rng.integers(0, len(sums), size=(n_boot, len(sums)))].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            e_ratio, c_ratio = boot[:, 1] / boot[:, 0], boot[:, 2] / boot[:, 0]
            r_ratio = boot[:, 3] / boot[:, 0]
        e_low, e_high, c_low, c_high = _interval(e_ratio) + _interval(c_ratio)
        r_low, r_high = _interval(r_ratio)
        rows.append({
            "device": device, "cell": cell, "figures": len(frame), "documents": len(per_doc),
            "true_judged": int(frame["label"].sum()),
            "true": true, "expected": expected, "counted": counted, "kept_true": kept_true,
            "expected_ratio": expected / true if true else np.nan,
            "expected_low": e_low, "expected_high": e_high,
            "counted_ratio": counted / true if true else np.nan,
            "counted_low": c_low, "counted_high": c_high,
            "recall": kept_true / true if true else np.nan,
            "recall_low": r_low, "recall_high": r_high,
        })  # fmt: skip
    return pd.DataFrame(rows)


def ptc_dev_check(lowest: float = 0.3) -> pd.DataFrame:
    """The figures of the devices reported by default scoring ``lowest`` or more on the PTC dev
    articles, matched to their judgements: per device and per band of scores, the judged
    figures, TRUE among them, the sum of their scores, and the figures no judgement covers."""
    from rhetoric import reported_devices
    from rhetoric.evaluation.precision import (
        evaluate_precision,
        ptc_dev_documents,
        ptc_dev_judged_file,
    )

    matched = evaluate_precision(
        [ptc_dev_judged_file()], documents=ptc_dev_documents(), min_score=lowest
    ).figures
    matched = matched[matched["device"].isin(list(reported_devices()))]
    matched = matched.assign(
        true=(matched["verdict"] == "TRUE").astype(float),
        band=pd.cut(matched["score"], [lowest, 0.5, 0.7, 1.0], right=False, include_lowest=True)
        .astype(str)
        .str.replace("1.0)", "1.0]"),
    )
    rows = []
    for key, name in (("device", "device"), ("band", "band"), (None, "all")):
        parts = matched.groupby(key) if key else [("all", matched)]
        for value, part in parts:
            judged = part[part["verdict"] != ""]
            rows.append({
                "by": name, "value": value, "judged": len(judged), "true": judged["true"].sum(),
                "expected": judged["score"].sum(), "unjudged": int((part["verdict"] == "").sum()),
            })  # fmt: skip
    table = pd.DataFrame(rows)
    return table.assign(ratio=table["expected"] / table["true"].where(table["true"] > 0))


def public_sample_check() -> pd.DataFrame:
    """The second judges' random samples of the public speeches' figures (``stratum`` of
    ``second_judge_devices.jsonl``, the PTC dev one left out: :func:`ptc_dev_check` covers it),
    matched to the current figures with every candidate scored: per sample, the judged figures,
    TRUE among them (the second judges' verdicts) and the sum of their current scores."""
    from rhetoric.evaluation.precision import evaluate_precision, second_judge_file

    path = second_judge_file()
    records = pd.read_json(path, lines=True)
    strata = records.set_index(["doc", "device", "start", "end"])["stratum"].to_dict()
    matched = evaluate_precision([path], min_score=0).figures
    matched = matched[(matched["verdict"] != "") & (matched["genre"] == "speech")]
    keys = zip(
        matched["doc"], matched["device"], matched["judged_start"], matched["judged_end"],
        strict=True,
    )  # fmt: skip
    matched = matched.assign(
        sample=[strata.get(key) for key in keys], true=(matched["verdict"] == "TRUE").astype(int)
    )
    table = (
        matched.groupby("sample")
        .agg(judged=("true", "size"), true=("true", "sum"), expected=("score", "sum"))
        .reset_index()
    )
    return table.assign(ratio=table["expected"] / table["true"])


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from train_scorers import load_population

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", default=",".join(DEVICES))
    parser.add_argument("--population-cache", metavar="FILE")
    parser.add_argument("--shuffles", type=int, default=10)
    parser.add_argument("--figures-out", metavar="CSV", help="write the per-figure table here")
    parser.add_argument("--devices-pooled", default=None,
                        help="devices pooled in the rows `all` (default: those reported by default)")  # fmt: skip
    args = parser.parse_args()
    home = get_data_home()
    population = load_population(home, args.population_cache)
    devices = args.devices.split(",")
    figures = pd.concat(
        [figure_table(device, home, population, args.shuffles) for device in devices],
        ignore_index=True,
    )
    if args.figures_out:
        figures.to_csv(args.figures_out, index=False)
    if args.devices_pooled is None:
        pooled = [d for d in devices if load_model(d).reported_by_default]
    else:
        pooled = args.devices_pooled.split(",")
    table = pd.concat(
        [cell_table(figures), cell_table(figures[figures["device"].isin(pooled)].assign(device="all"))],
        ignore_index=True,
    )  # fmt: skip
    print(f"pooled in `all`: {', '.join(pooled)}")
    print("| device | cell | figures | documents | true (judged) | true | expected | counted | "
          "expected / true | counted / true | kept true / true |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in table.itertuples():
        print(f"| {r.device} | {r.cell} | {r.figures} | {r.documents} | {r.true_judged} | "
              f"{r.true:.0f} | {r.expected:.0f} | {r.counted:.0f} | "
              f"{r.expected_ratio:.2f} [{r.expected_low:.2f}, {r.expected_high:.2f}] | "
              f"{r.counted_ratio:.2f} [{r.counted_low:.2f}, {r.counted_high:.2f}] | "
              f"{r.recall:.2f} [{r.recall_low:.2f}, {r.recall_high:.2f}] |")  # fmt: skip
    print(
        "\nPTC dev, the figures scoring 0.3 or more (all judged): their scores added up against TRUE"
    )
    print("| by | value | judged | true | expected | expected / true | unjudged |")
    print("|---|---|---|---|---|---|---|")
    for r in ptc_dev_check().itertuples():
        print(f"| {r.by} | {r.value} | {r.judged} | {r.true:.0f} | {r.expected:.1f} | "
              f"{r.ratio:.2f} | {r.unjudged} |")  # fmt: skip
    print("\nPublic speeches, the second judges' random samples: current scores against TRUE")
    print("| sample | judged | true | expected | expected / true |")
    print("|---|---|---|---|---|")
    for r in public_sample_check().itertuples():
        print(f"| {r.sample} | {r.judged} | {r.true} | {r.expected:.1f} | {r.ratio:.2f} |")


if __name__ == "__main__":
    main()
