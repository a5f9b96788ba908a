"""Score the chiasmus detector on the two public chiasmus benchmarks in ``<data home>/chiasmus/``.

``dubremetz`` (``dubremetz_europarl.jsonl``, Dubremetz & Nivre's Europarl annotations)
    *Candidate ranking*, as in the papers: every annotated criss-cross candidate is scored by
    :func:`rhetoric.devices.chiasmus.score_candidate` on its own four words, and the ranking is
    scored with average precision (AP; ties broken pessimistically, negatives first) and
    R-precision, with only ``True`` candidates relevant. ``test`` is the figure to report;
    ``train`` (its 296 consensus candidates, and all 3,065 with the single-annotator ones) was
    used for tuning. The pool holds only annotated candidates, so AP here is not the papers'
    whole-corpus AP (a random ranking scores about 0.035 on test).
    *Sentence decisions*: each distinct text is run through the detector, which flags it when
    a candidate of its own reaches :data:`~rhetoric.devices.chiasmus.THRESHOLD` (exactly when
    :func:`~rhetoric.devices.chiasmus.find_chiasmus` returns spans); a text is positive when
    one of its candidates is ``True``. Precision, recall and F1, and AP over the texts ranked
    by their best candidate.
``dironiil`` (``dironiil.jsonl``, Berthomet 2023)
    Sentence decisions on each extract, overall and per source file, the contrasts salient vs
    non-salient and salient vs random, the novels (Frankenstein and Dracula: 16 chiasmi among
    1,973 criss-cross sentences, where AP is the best single number), and recall on
    ``Antimetabole`` alone. Nothing was tuned on this file.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from rhetoric.datahome import corpus_dir, fetch_hint
from rhetoric.devices.chiasmus import THRESHOLD, rank_candidates, score_candidate
from rhetoric.errors import DataNotFoundError, InputError, check_choice
from rhetoric.evaluation.ptc import label_scores
from rhetoric.files import read_json_lines
from rhetoric.text import Document

#: Columns of :func:`evaluate_chiasmus`.
RESULT_COLUMNS = ["dataset", "split", "subset", "level", "n", "positives", "flagged", "ap",
                  "r_precision", "precision", "recall", "f1"]  # fmt: skip
DATASETS = ("dubremetz", "dironiil")
_FILES = {"dubremetz": "dubremetz_europarl.jsonl", "dironiil": "dironiil.jsonl"}


# --- metrics (pure) --------------------------------------------------------------------------------


def average_precision(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """Average precision of a ranking by ``scores``, ties broken pessimistically (negatives first).

    The sum of precision@k over the ranks k that hold a positive, divided by the number of
    positives; 0 when there are none.

    >>> round(average_precision([True, False, True], [0.9, 0.8, 0.1]), 4)
    0.8333
    >>> average_precision([True, False], [0.5, 0.5])  # a tie: the negative counts first
    0.5
    """
    order = sorted(range(len(labels)), key=lambda k: (-scores[k], bool(labels[k])))
    hits, total = 0, 0.0
    for rank, k in enumerate(order, 1):
        if labels[k]:
            hits += 1
            total += hits / rank
    positives = sum(bool(y) for y in labels)
    return total / positives if positives else 0.0


def r_precision(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """Precision in the top R of the ranking, R the number of positives (ties pessimistic).

    >>> r_precision([True, False, True, False], [0.9, 0.8, 0.7, 0.1])
    0.5
    """
    positives = sum(bool(y) for y in labels)
    if not positives:
        return 0.0
    order = sorted(range(len(labels)), key=lambda k: (-scores[k], bool(labels[k])))
    return sum(bool(labels[k]) for k in order[:positives]) / positives


def decision_scores(labels: Sequence[bool], flags: Sequence[bool]) -> dict[str, float]:
    """Precision, recall and F1 of yes/no decisions (0 where undefined): those of
    :func:`rhetoric.evaluation.ptc.label_scores`, the flags taken as predictions of the labels.

    >>> decision_scores([True, True, False, False], [True, False, True, False])
    {'precision': 0.5, 'recall': 0.5, 'f1': 0.5}
    """
    scores = label_scores(flags, labels)
    return {key: scores[key] for key in ("precision", "recall", "f1")}


# --- data ----------------------------------------------------------------------------------------


def load_chiasmus(dataset: str, data_home: str | os.PathLike | None = None) -> pd.DataFrame:
    """The records of one benchmark file as a table (the fields of ``chiasmus/SOURCE.md``).

    Returns
    -------
    pandas.DataFrame
        One row per record, with at least ``id``, ``text``, ``label`` (``chiasmus`` /
        ``not_chiasmus``), ``kind``, ``terms`` (list of four ``[start, end]`` or ``[]``) and
        ``source_split``; plus ``annotation`` (``dubremetz``) or ``source_file``
        (``dironiil``).
    """
    check_choice("dataset", dataset, DATASETS)
    path = corpus_dir("chiasmus", data_home) / _FILES[dataset]
    if not path.is_file():  # the folder is there (corpus_dir), this benchmark's file is not
        raise DataNotFoundError(
            f"{path}: the {dataset} benchmark is not there; " + fetch_hint("chiasmus", data_home)
        )
    # damaged data in the data home is said in one line naming file and line, not as a bug
    records = [
        record
        for _, record in read_json_lines(
            path, f"{dataset} chiasmus benchmark", required=("text", "label")
        )
    ]
    if not records:
        raise InputError(f"{path}: no records in the {dataset} chiasmus benchmark")
    return pd.DataFrame(records)


def text_scores(texts: Iterable[str]) -> pd.DataFrame:
    """Run the detector on each text: its best candidate's raw score and whether it is flagged.

    Returns
    -------
    pandas.DataFrame
        ``text``, ``best_raw`` (float, ``-inf`` without candidates), ``flagged`` (bool: the
        detector reports a chiasmus).
    """
    rows = []
    for text in texts:
        candidates = rank_candidates(Document(text, remove_boilerplate=False))
        best = candidates[0].raw if candidates else float("-inf")
        rows.append({"text": text, "best_raw": best, "flagged": best >= THRESHOLD})
    return pd.DataFrame(rows, columns=["text", "best_raw", "flagged"])


# --- evaluation ----------------------------------------------------------------------------------


def evaluate_chiasmus(
    data_home: str | os.PathLike | None = None, datasets: Sequence[str] = DATASETS
) -> pd.DataFrame:
    """Score the chiasmus ranking and detector on the benchmark files.

    Parameters
    ----------
    data_home : path, optional
        The data home (default: ``$RHETORIC_DATA``, then ``~/rhetoric_data``).
    datasets : sequence of {"dubremetz", "dironiil"}
        Which files to score (the Dironiil file takes some seconds).

    Returns
    -------
    pandas.DataFrame
        One row per evaluation, columns :data:`RESULT_COLUMNS`: ``dataset``, ``split``
        (``train`` / ``test`` / ``all``), ``subset``, ``level`` (``candidate`` ranking or
        ``sentence`` decisions), ``n`` (items), ``positives``, ``flagged`` (texts the detector
        flags; sentence level), ``ap``, ``r_precision``, ``precision``, ``recall``, ``f1``
        (floats; NaN where a measure does not apply).
    """
    rows: list[dict] = []
    for dataset in datasets:
        check_choice("dataset", dataset, DATASETS)
        frame = load_chiasmus(dataset, data_home)
        if dataset == "dubremetz":
            rows.extend(_dubremetz_rows(frame))
        else:
            rows.extend(_dironiil_rows(frame))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def _ranking_row(split: str, subset: str, labels: list[bool], scores: list[float]) -> dict:
    return {"dataset": "dubremetz", "split": split, "subset": subset, "level": "candidate",
            "n": len(labels), "positives": sum(labels), "flagged": np.nan,
            "ap": average_precision(labels, scores), "r_precision": r_precision(labels, scores),
            "precision": np.nan, "recall": np.nan, "f1": np.nan}  # fmt: skip


def _sentence_row(
    dataset: str,
    split: str,
    subset: str,
    labels: list[bool],
    flags: list[bool],
    best: list[float] | None,
) -> dict:
    has_positives = any(labels)
    scores = (
        decision_scores(labels, flags)
        if has_positives
        else {"precision": np.nan, "recall": np.nan, "f1": np.nan}
    )
    if has_positives and not all(labels):
        ranked = (
            {"ap": average_precision(labels, best), "r_precision": r_precision(labels, best)}
            if best
            else {}
        )
    else:
        ranked = {}
    return {"dataset": dataset, "split": split, "subset": subset, "level": "sentence", "n": len(labels),
            "positives": sum(labels), "flagged": sum(flags), "ap": ranked.get("ap", np.nan),
            "r_precision": ranked.get("r_precision", np.nan), **scores}  # fmt: skip


def _dubremetz_rows(frame: pd.DataFrame) -> list[dict]:
    frame = frame.assign(relevant=frame["kind"] == "True")
    frame["candidate_score"] = [
        score_candidate(t, terms) for t, terms in zip(frame["text"], frame["terms"], strict=True)
    ]
    rows = []
    for split, subset, part in (
        ("test", "all candidates", frame[frame["source_split"] == "test"]),
        ("train", "consensus candidates", frame[(frame["source_split"] == "train") & (frame["annotation"] == "consensus")]),
        ("train", "all candidates", frame[frame["source_split"] == "train"]),
    ):  # fmt: skip
        rows.append(
            _ranking_row(split, subset, part["relevant"].tolist(), part["candidate_score"].tolist())
        )
    for split in ("test", "train"):
        part = frame[frame["source_split"] == split]
        texts = part.groupby("text", sort=False)["relevant"].any()
        detected = text_scores(texts.index).set_index("text")
        labels = texts.tolist()
        rows.append(
            _sentence_row(
                "dubremetz",
                split,
                "texts",
                labels,
                detected["flagged"].tolist(),
                detected["best_raw"].tolist(),
            )
        )
    return rows


def _dironiil_rows(frame: pd.DataFrame) -> list[dict]:
    detected = text_scores(frame["text"])
    frame = frame.assign(
        relevant=(frame["label"] == "chiasmus").to_numpy(),
        flagged=detected["flagged"].to_numpy(),
        best_raw=detected["best_raw"].to_numpy(),
    )
    source = frame["source_file"].str.rsplit("/", n=1).str[-1].str.replace(".json", "", regex=False)
    frame["source"] = source
    subsets = [("all extracts", frame)]
    subsets += [(name, part) for name, part in frame.groupby("source", sort=False)]
    subsets += [
        (
            "salient vs nonsalient",
            frame[source.isin(["salient-chiasmi", "nonsalient-antimetaboles"])],
        ),
        ("salient vs random", frame[source.isin(["salient-chiasmi", "non-chiasmi"])]),
        ("frankenstein + dracula", frame[source.isin(["frankenstein_chiasmi", "dracula-chiasmi"])]),
        ("Antimetabole only", frame[frame["kind"] == "Antimetabole"]),
    ]
    return [
        _sentence_row(
            "dironiil",
            "all",
            name,
            part["relevant"].tolist(),
            part["flagged"].tolist(),
            part["best_raw"].tolist(),
        )
        for name, part in subsets
    ]


# --- command line ----------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``rhetoric evaluate chiasmus``."""
    from rhetoric.datahome import add_data_home_option

    add_data_home_option(parser)
    parser.add_argument(
        "--dataset",
        choices=DATASETS,
        action="append",
        default=None,
        help="score only this file (repeatable; default: both)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="also list the Dubremetz test chiasmi with their rank and score",
    )
    from rhetoric.output import add_format_option

    add_format_option(parser, what="the scores")


def run(args: argparse.Namespace) -> int:
    """Print the scores as a table; return the exit code."""
    datasets = tuple(args.dataset) if getattr(args, "dataset", None) else DATASETS
    table = evaluate_chiasmus(args.data_home, datasets)
    if getattr(args, "format", "table") != "table":
        from rhetoric.output import format_table

        print(format_table(table, args.format), end="")
        return 0
    print(f"chiasmus detector (threshold {THRESHOLD}); AP ties broken pessimistically")
    print(_format(table))
    if args.verbose and "dubremetz" in datasets:
        frame = load_chiasmus("dubremetz", args.data_home)
        test = frame[frame["source_split"] == "test"].copy()
        test["score"] = [
            score_candidate(t, terms) for t, terms in zip(test["text"], test["terms"], strict=True)
        ]
        test["rank"] = test["score"].rank(ascending=False, method="max").astype(int)
        for row in test[test["kind"] == "True"].sort_values("rank").itertuples():
            a, d = row.terms[0][0], row.terms[3][1]
            print(f"rank {row.rank:4d}  score {row.score:.3f}  {row.text[a:d]!r}")
    return 0


def _format(table: pd.DataFrame) -> str:
    shown = table.copy()
    for column in ("ap", "r_precision", "precision", "recall", "f1"):
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:.3f}")
    shown["flagged"] = shown["flagged"].map(lambda v: "" if pd.isna(v) else str(int(v)))
    return shown.to_string(index=False)
