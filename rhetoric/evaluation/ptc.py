"""Score the repetition detector against the "Repetition" spans of the Propaganda Techniques Corpus.

Two settings, as in SemEval-2020 Task 11:

``span`` (span identification)
    The detector (:func:`rhetoric.devices.repetition.find_repetition`) reads each article and
    finds its spans itself. Scored with the task's partial-overlap measure
    (:func:`span_scores`): overlapping predicted spans are merged, then precision is the mean,
    over predicted spans, of the share of each span covered by gold spans, and recall the mean,
    over gold spans, of the share covered by predictions.
``tc`` (technique classification)
    The gold spans of all techniques are given; each distinct span (article, start, end) is
    labelled Repetition or not by :func:`tc_predict`, and scored with precision, recall and F1
    over those spans (:func:`label_scores`). The rule: the span's text (case and surrounding
    punctuation ignored) occurred earlier in the article, or the same text is given as a span at
    least ``min_same_spans`` other times in the article. ``min_same_spans`` was chosen on the
    train split.

``span_emphatic`` is the span setting restricted to the detector's ``emphatic_repeat`` spans,
the ones meant to match PTC's word- and phrase-level label. They come from a logistic regression
fitted on the train split (``benchmarks/train_emphatic_repeats.py``), so its **train** scores
here are in-sample and flattering; the honest train figure is the cross-validated one stored
with the model (:func:`emphatic_cross_validation`, printed by ``rhetoric evaluate ptc``).

Both settings are for reporting, and are tuned on ``train`` only; report ``dev``.
"""

from __future__ import annotations

import argparse
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from rhetoric.errors import check_choice, invalid_value
from rhetoric.text import normalize

Interval = tuple[int, int]

#: Columns of :func:`evaluate_ptc`.
RESULT_COLUMNS = ["split", "setting", "precision", "recall", "f1", "n_pred", "n_gold"]
#: The technique label scored.
TECHNIQUE = "Repetition"
#: TC rule: a span repeated as a given span this many other times in its article is Repetition
#: (chosen on train among 1..6: 3 gives the best train F1).
MIN_SAME_SPANS = 3

_EDGE = " \t\r\n.,;:!?\"'()[]-"


# --- metrics (pure) --------------------------------------------------------------------------


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge overlapping (or touching-by-overlap) intervals; empty intervals are dropped.

    >>> merge_intervals([(5, 9), (0, 3), (2, 4), (9, 12)])
    [(0, 4), (5, 9), (9, 12)]
    """
    merged: list[list[int]] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def covered(interval: Interval, cover: Sequence[Interval]) -> int:
    """Characters of ``interval`` inside the union of ``cover`` (which must be merged and sorted).

    >>> covered((0, 10), [(2, 4), (8, 20)])
    4
    """
    start, end = interval
    return sum(max(0, min(end, e) - max(start, s)) for s, e in cover if s < end and start < e)


def span_scores(
    predicted: Mapping[str, Iterable[Interval]], gold: Mapping[str, Iterable[Interval]]
) -> dict[str, float]:
    """SemEval-2020 Task 11 partial-overlap precision, recall and F1 over a set of articles.

    Parameters
    ----------
    predicted, gold : mapping of article id to (start, end) intervals
        Predicted spans are merged where they overlap before scoring; gold spans are scored one
        by one (covered by the union of predictions).

    Returns
    -------
    dict
        ``precision``, ``recall``, ``f1`` (0 when undefined), ``n_pred`` (merged predicted
        spans) and ``n_gold``.

    Examples
    --------
    >>> span_scores({"a": [(0, 10)]}, {"a": [(5, 10), (20, 30)]})
    {'precision': 0.5, 'recall': 0.5, 'f1': 0.5, 'n_pred': 1, 'n_gold': 2}
    """
    sums = _article_sums(predicted, gold).sum(axis=0)
    return _scores_of_sums(*sums)


def _article_sums(
    predicted: Mapping[str, Iterable[Interval]], gold: Mapping[str, Iterable[Interval]]
):
    """Per article (in a fixed order), the partial-overlap sums the scores are made of: the
    precision sum and the merged predicted spans, the recall sum and the gold spans."""
    rows = []
    for doc in sorted(set(predicted) | set(gold)):  # a fixed order: the same sums at every run
        pred = merge_intervals(predicted.get(doc, ()))
        truth = [g for g in gold.get(doc, ()) if g[1] > g[0]]
        truth_union = merge_intervals(truth)
        rows.append((
            sum(covered(p, truth_union) / (p[1] - p[0]) for p in pred), len(pred),
            sum(covered(g, pred) / (g[1] - g[0]) for g in truth), len(truth),
        ))  # fmt: skip
    return np.array(rows, dtype=float).reshape(-1, 4)


def _scores_of_sums(
    precision_sum: float, n_pred: float, recall_sum: float, n_gold: float
) -> dict[str, float]:
    precision = float(precision_sum / n_pred) if n_pred else 0.0
    recall = float(recall_sum / n_gold) if n_gold else 0.0
    return _scores(precision, recall, int(n_pred), int(n_gold))


#: The bounds :func:`span_score_intervals` gives, in this order.
INTERVAL_COLUMNS = [f"{m}_{end}" for m in ("precision", "recall", "f1") for end in ("low", "high")]


def span_score_intervals(
    predicted: Mapping[str, Iterable[Interval]],
    gold: Mapping[str, Iterable[Interval]],
    *,
    n_boot: int = 1000,
    ci: float = 95,
    seed: int | None = 0,
) -> dict[str, float]:
    """Percentile bootstrap intervals of :func:`span_scores`, resampling *articles* (the spans of
    one article are not independent), the articles of ``predicted`` and ``gold`` together.

    Returns ``precision_low``, ``precision_high``, ``recall_low``, ``recall_high``,
    ``f1_low``, ``f1_high``. A score the resampled articles leave undefined (no predicted span)
    counts as 0, as in :func:`span_scores`.

    >>> bounds = span_score_intervals({"a": [(0, 10)], "b": [(0, 4)]},
    ...                               {"a": [(5, 10)], "b": [(0, 4)]}, n_boot=200)
    >>> 0.5 <= bounds["precision_low"] <= bounds["precision_high"] <= 1.0
    True
    """
    sums = _article_sums(predicted, gold)
    if not len(sums):
        return dict.fromkeys(INTERVAL_COLUMNS, 0.0)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(sums), size=(n_boot, len(sums)))
    totals = sums[draws].sum(axis=1)  # n_boot x 4
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(totals[:, 1] > 0, totals[:, 0] / totals[:, 1], 0.0)
        recall = np.where(totals[:, 3] > 0, totals[:, 2] / totals[:, 3], 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    tail = (100 - ci) / 2
    out = {}
    for name, values in (("precision", precision), ("recall", recall), ("f1", f1)):
        low, high = np.percentile(values, [tail, 100 - tail])
        out[f"{name}_low"], out[f"{name}_high"] = float(low), float(high)
    return out


def label_scores(predicted: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    """Precision, recall and F1 of a binary labelling of given spans.

    >>> label_scores([True, True, False, False], [True, False, True, False])
    {'precision': 0.5, 'recall': 0.5, 'f1': 0.5, 'n_pred': 2, 'n_gold': 2}
    """
    if len(predicted) != len(gold):
        raise ValueError(f"predicted has {len(predicted)} labels but gold has {len(gold)}")
    tp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and g)
    n_pred, n_gold = sum(map(bool, predicted)), sum(map(bool, gold))
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return _scores(precision, recall, n_pred, n_gold)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _scores(precision: float, recall: float, n_pred: int, n_gold: int) -> dict[str, float]:
    """The score record both settings report."""
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall),
            "n_pred": n_pred, "n_gold": n_gold}  # fmt: skip


# --- TC setting ------------------------------------------------------------------------------


def _key(norm: str, start: int, end: int) -> str:
    return norm[start:end].strip(_EDGE)


def _occurrences(key: str, norm: str) -> list[int]:
    """Where ``key`` occurs in ``norm`` as whole words: a word character at an edge of ``key``
    may not continue a word of the text ("war" is not found in "software" or "toward")."""
    if not key:
        return []
    before = r"(?<!\w)" if re.match(r"\w", key[0]) else ""
    after = r"(?!\w)" if re.match(r"\w", key[-1]) else ""
    return [m.start() for m in re.finditer(before + re.escape(key) + after, norm)]


def tc_features(articles: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct given span, with the evidence the TC rule uses.

    Parameters
    ----------
    articles : pandas.DataFrame
        ``doc_id``, ``text`` (as :func:`rhetoric.corpora.load_ptc` gives).
    spans : pandas.DataFrame
        ``doc_id``, ``start``, ``end`` and, when known, ``technique``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``start``, ``end``, ``earlier`` (occurrences of the span's text as whole
        words, ignoring case and edge punctuation, before the span), ``later`` (after it), ``same_spans`` (other
        given spans of the article with the same text), ``n_words``, and ``gold`` (True when one
        of the span's techniques is Repetition; False without a ``technique`` column).
    """
    texts = dict(zip(articles["doc_id"], articles["text"], strict=True))
    has_labels = "technique" in spans.columns and spans["technique"].notna().any()
    columns = ["doc_id", "start", "end", "earlier", "later", "same_spans", "n_words", "gold"]
    if spans.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for doc_id, group in spans.groupby("doc_id", sort=True):
        norm = normalize(texts[doc_id])
        distinct = group.groupby(["start", "end"], sort=True)
        positions = list(distinct.groups)
        keys = [_key(norm, s, e) for s, e in positions]
        same = Counter(keys)
        for (start, end), key in zip(positions, keys, strict=True):
            found = _occurrences(key, norm)
            labels = set(distinct.get_group((start, end))["technique"]) if has_labels else set()
            rows.append({
                "doc_id": doc_id, "start": int(start), "end": int(end),
                "earlier": sum(1 for f in found if f < start),
                "later": sum(1 for f in found if f >= end),
                "same_spans": same[key] - 1, "n_words": len(key.split()), "gold": TECHNIQUE in labels,
            })  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def tc_predict(features: pd.DataFrame, *, min_same_spans: int = MIN_SAME_SPANS) -> pd.Series:
    """The TC rule: Repetition when the text occurred earlier, or is given as a span often.

    >>> f = pd.DataFrame({"earlier": [0, 2, 0], "same_spans": [0, 0, 3]})
    >>> tc_predict(f).tolist()
    [False, True, True]
    """
    return (features["earlier"] > 0) | (features["same_spans"] >= min_same_spans)


# --- span setting ----------------------------------------------------------------------------


def predicted_spans(
    articles: pd.DataFrame, kinds: Iterable[str] | None = None
) -> dict[str, list[Interval]]:
    """Run :func:`~rhetoric.devices.repetition.find_repetition` on every article.

    ``kinds`` keeps only spans of those kinds (default: all). Articles are analysed without
    boilerplate removal: PTC articles are clean text, and offsets must match the gold.
    """
    from rhetoric.devices.repetition import find_repetition
    from rhetoric.text import Document

    keep = None if kinds is None else set(kinds)
    found = {}
    for doc_id, text in zip(articles["doc_id"], articles["text"], strict=True):
        spans = find_repetition(Document(text, doc_id, remove_boilerplate=False))
        found[doc_id] = [(s.start, s.end) for s in spans if keep is None or s.kind in keep]
    return found


def intervals_by_doc(table: pd.DataFrame) -> dict[str, list[Interval]]:
    """``{doc_id: [(start, end), ...]}`` from a table with ``doc_id``, ``start``, ``end`` (the
    ids as str, the intervals in table order).

    >>> intervals_by_doc(pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 5], "end": [2, 9]}))
    {'a': [(0, 2), (5, 9)]}
    """
    for column in ("doc_id", "start", "end"):
        if column not in table.columns:
            raise invalid_value("column", column, map(str, table.columns))
    found: dict[str, list[Interval]] = {}
    for doc_id, start, end in zip(
        table["doc_id"].astype(str), table["start"], table["end"], strict=True
    ):
        found.setdefault(doc_id, []).append((int(start), int(end)))
    return found


def gold_spans(spans: pd.DataFrame, technique: str = TECHNIQUE) -> dict[str, list[Interval]]:
    """The gold spans of one technique (Repetition unless given) of a PTC span table, by article."""
    return intervals_by_doc(spans[spans["technique"] == technique])


SPLITS = ("train", "dev")


def evaluate_ptc(split: str = "dev", data_home: str | os.PathLike | None = None) -> pd.DataFrame:
    """Score the repetition detector on one PTC split, in the span and the TC settings.

    Parameters
    ----------
    split : {"train", "dev"}
        The split (tune on train, report dev).
    data_home : path, optional
        Where ``ptc/`` lives (argument > ``RHETORIC_DATA`` > user folder).

    Returns
    -------
    pandas.DataFrame
        One row per setting: ``split``, ``setting`` (``span``: the detector finds spans, all
        kinds; ``span_emphatic``: only its ``emphatic_repeat`` spans; ``tc``: given spans
        labelled), ``precision``, ``recall``, ``f1`` (floats in [0, 1]), ``n_pred``, ``n_gold``.
    """
    from rhetoric.corpora import load_ptc

    check_choice("split", split, SPLITS)
    articles, spans = load_ptc(split, data_home)
    gold = gold_spans(spans)
    rows = []
    everything = predicted_spans(articles)
    emphatic = predicted_spans(articles, kinds=["emphatic_repeat"])
    for setting, predicted in (("span", everything), ("span_emphatic", emphatic)):
        rows.append({"split": split, "setting": setting, **span_scores(predicted, gold)})
    features = tc_features(articles, spans)
    rows.append(
        {
            "split": split,
            "setting": "tc",
            **label_scores(tc_predict(features).tolist(), features["gold"].tolist()),
        }
    )
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


# --- loaded language --------------------------------------------------------------------------

#: The PTC technique the loaded-language classifier is trained on.
LOADED_TECHNIQUE = "Loaded_Language"


def loaded_language_scores(
    split: str = "dev",
    data_home: str | os.PathLike | None = None,
    *,
    min_score: float | None = None,
) -> dict[str, float]:
    """Partial-overlap scores of :func:`rhetoric.framing.loaded.find_loaded_language` on a split.

    The classifier is trained on the PTC train articles of the training pool, so ``train``
    scores are in-sample; the honest train figure is the cross-validated one stored with the model
    (its ``provenance["cv"]``). Report ``dev``.

    Returns
    -------
    dict
        ``precision``, ``recall``, ``f1``, ``n_pred``, ``n_gold`` (as :func:`span_scores`).
    """
    from rhetoric.corpora import load_ptc
    from rhetoric.framing.loaded import find_loaded_language
    from rhetoric.text import Document

    check_choice("split", split, SPLITS)
    articles, spans = load_ptc(split, data_home)
    gold = gold_spans(spans, LOADED_TECHNIQUE)
    predicted = {}
    for doc_id, text in zip(articles["doc_id"], articles["text"], strict=True):
        doc = Document(text, doc_id, remove_boilerplate=False)
        predicted[doc_id] = [
            (s.start, s.end) for s in find_loaded_language(doc, min_score=min_score)
        ]
    return span_scores(predicted, gold)


# --- command line ----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``rhetoric evaluate ptc``."""
    parser.add_argument(
        "--split", choices=SPLITS, default="dev", help="PTC split to score (default: dev)"
    )
    from rhetoric.datahome import add_data_home_option

    add_data_home_option(parser)
    parser.add_argument(
        "--verbose", action="store_true", help="also show the TC rule on every threshold"
    )
    from rhetoric.output import add_format_option

    add_format_option(parser, what="the scores")


def run(args: argparse.Namespace) -> int:
    """Print the scores as a table; return the exit code."""
    from rhetoric.output import check_verbose_format

    check_verbose_format(args, "the TC rule at every threshold")
    table = evaluate_ptc(args.split, args.data_home)
    fmt = getattr(args, "format", "table")
    if fmt != "table":  # one table: the rows below, then the cross-validated and learned scores
        return _print_rows(table, args, fmt)
    print(f"PTC {args.split}: technique {TECHNIQUE!r}")
    print(_format(table))
    cv = emphatic_cross_validation()
    print(
        f"span_emphatic: the ranker was fitted on train (train rows above are in-sample); cross-validated on "
        f"train: precision {cv['precision']:.4f} recall {cv['recall']:.4f} f1 {cv['f1']:.4f}"
    )
    from rhetoric.framing.loaded import loaded_model

    loaded = loaded_language_scores(args.split, args.data_home)
    model_cv = (loaded_model().provenance or {}).get("cv", {}) if loaded_model() else {}
    print(
        f"{LOADED_TECHNIQUE} (learned word classifier, rhetoric.framing.loaded): precision "
        f"{loaded['precision']:.4f} recall {loaded['recall']:.4f} f1 {loaded['f1']:.4f} "
        f"(n_pred {loaded['n_pred']}, n_gold {loaded['n_gold']}); cross-validated on train: "
        f"f1 {model_cv.get('f1', float('nan')):.4f}"
    )
    if args.verbose:
        from rhetoric.corpora import load_ptc

        articles, spans = load_ptc(args.split, args.data_home)
        features = tc_features(articles, spans)
        rows = [
            {
                "split": args.split,
                "setting": f"tc min_same_spans={k}",
                **label_scores(
                    tc_predict(features, min_same_spans=k).tolist(), features["gold"].tolist()
                ),
            }
            for k in range(1, 7)
        ]
        print(_format(pd.DataFrame(rows, columns=RESULT_COLUMNS)))
    return 0


def _print_rows(table: pd.DataFrame, args: argparse.Namespace, fmt: str) -> int:
    """``rhetoric evaluate ptc --format json|csv``: every score of the text report as rows."""
    from rhetoric.framing.loaded import loaded_model
    from rhetoric.output import format_table

    cv = emphatic_cross_validation()
    loaded = loaded_language_scores(args.split, args.data_home)
    model_cv = (loaded_model().provenance or {}).get("cv", {}) if loaded_model() else {}
    extra = [
        {"split": "train", "setting": "span_emphatic cross-validated", **cv},
        {"split": args.split, "setting": f"{LOADED_TECHNIQUE} learned word classifier",
         **{k: loaded[k] for k in ("precision", "recall", "f1", "n_pred", "n_gold")}},
        # as the table report prints it: the shipped classifier's cross-validation on train
        {"split": "train", "setting": f"{LOADED_TECHNIQUE} learned word classifier cross-validated",
         "f1": model_cv.get("f1")},
    ]  # fmt: skip
    rows = pd.concat([table, pd.DataFrame(extra)], ignore_index=True)[RESULT_COLUMNS]
    rows = rows.astype({"n_pred": "Int64", "n_gold": "Int64"})  # counts, blank where none
    print(format_table(rows, fmt), end="")
    return 0


def emphatic_cross_validation() -> dict[str, float]:
    """The span scores of the emphatic-repeat ranker cross-validated on train (grouped by article).

    >>> sorted(emphatic_cross_validation())
    ['f1', 'precision', 'recall']
    """
    from rhetoric.devices.repetition import emphatic_model

    found = emphatic_model()["cross_validation"]
    return {k: float(found[k]) for k in ("precision", "recall", "f1")}


def _format(table: pd.DataFrame) -> str:
    shown = table.copy()
    for column in ("precision", "recall", "f1"):
        shown[column] = shown[column].map(lambda v: f"{v:.4f}")
    return shown.drop(columns=["split"]).to_string(index=False)
