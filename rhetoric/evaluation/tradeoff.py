"""How recall and precision move with ``min_score``: what a researcher gives up either way.

At the defaults every device keeps the figures its scorer is sure of (its own threshold, chosen
for a cross-validated precision of 0.85), so the device rates are precise but miss most figures.
``min_score=`` (``--min-score``) sets one probability for every device instead. This module
measures, for the defaults and a series of ``min_score`` values:

* **recall** on gold device items (:mod:`rhetoric.evaluation.gold`: a positive is matched when
  the device's spans cover ``min_hits`` occurrences of its quote), and how many negative items
  are violated;
* **precision** over judged figures (:mod:`rhetoric.evaluation.precision`), per genre, devices
  pooled (stance is not a device): strict and lenient with Wilson 95% intervals, and how many
  figures no judgement covers (a precision over partly judged figures is not yet a figure).

The detectors run twice per text set: at the defaults, and at ``min_score=0`` (every candidate,
scored); a ``min_score`` of ``m`` keeps the device figures scoring ``m`` or more, which is what
``analyze(min_score=m)`` keeps (tested).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from rhetoric.datahome import get_data_home
from rhetoric.devices import kept_at
from rhetoric.evaluation.gold import detect_gold_documents, load_gold, score_gold
from rhetoric.evaluation.pool import genre_of

#: The ``min_score`` values measured besides the defaults.
MIN_SCORES = (0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0)
#: The ``min_score`` label of the default thresholds.
DEFAULT = "default"
#: The ``device`` of the rows that pool every device.
ALL = "all"
#: Columns of :func:`min_score_tradeoff`.
TRADEOFF_COLUMNS = [
    "min_score", "device", "positives", "matched", "recall", "negatives", "violated", "genre", "figures",
    "judged", "true", "borderline", "false", "unjudged", "precision", "precision_low",
    "precision_high", "lenient", "lenient_low", "lenient_high",
]  # fmt: skip


def _label(min_score: float | None) -> str:
    return DEFAULT if min_score is None else f"{min_score:.2f}"


def min_score_tradeoff(
    gold: str | os.PathLike | pd.DataFrame | None,
    judged: Iterable[str | os.PathLike] = (),
    data_home: str | os.PathLike | None = None,
    *,
    min_scores: Sequence[float] = MIN_SCORES,
    genres: Sequence[str] = ("speech", "news"),
    by_device: bool = False,
    n_jobs: int = -1,
    documents: Sequence[str] = (),
) -> pd.DataFrame:
    """Gold recall and judged precision at the default thresholds and at each ``min_score``.

    Parameters
    ----------
    gold : path or DataFrame, optional
        Gold device items (:func:`rhetoric.evaluation.gold.load_gold`'s format); ``None``: no
        recall columns.
    judged : paths
        Judgement files (:func:`rhetoric.evaluation.precision.evaluate_precision`'s format);
        none: no precision columns.
    min_scores : sequence of float
        The probabilities measured besides the defaults, each in [0, 1].
    genres : sequence of str
        The genres of the judged documents reported (``speech``, ``news``).
    by_device : bool, default False
        Also one row per device (for choosing a ``min_score`` per device); the pooled rows
        have ``device="all"``.
    documents : sequence of str
        More documents the judgements cover, analysed although no figure in them is judged
        (:func:`rhetoric.evaluation.precision.evaluate_precision`'s ``documents``).

    Returns
    -------
    DataFrame
        One row per setting, device (``"all"``: the ten devices pooled) and genre
        (:data:`TRADEOFF_COLUMNS`): ``min_score`` (str: ``"default"`` or the value with two
        decimals), ``device``, the gold counts ``positives``, ``matched``, ``recall``,
        ``negatives``, ``violated`` (the same in each genre's row), then the genre's judged
        figures as :func:`rhetoric.validation.precision.precision_table` counts them.
    """
    from rhetoric.devices import DEVICES, check_min_score
    from rhetoric.validation.precision import match_judgements, precision_table

    settings = [None, *[check_min_score(m) for m in min_scores]]
    gold_documents: dict = {}  # the Document of each gold text, built once (kept_at reads sentences)
    judged_documents: dict = {}
    keys = [ALL, *(DEVICES if by_device else ())]
    home = get_data_home(data_home)
    recall = {label: {} for label in map(_label, settings)}
    if gold is not None:
        items = gold if isinstance(gold, pd.DataFrame) else load_gold(gold, home)
        default = detect_gold_documents(items, home, n_jobs=n_jobs)
        texts, words, candidates = detect_gold_documents(items, home, min_score=0, n_jobs=n_jobs)
        for setting in settings:
            if setting is None:
                summary, _ = score_gold(items, *default)
            else:
                kept = {
                    d: kept_at(_document(gold_documents, d, texts[d]), spans, setting)
                    for d, spans in candidates.items()
                }
                summary, _ = score_gold(items, texts, words, kept)
            by_name = summary.set_index("device")
            for key in keys:
                row = by_name.loc[key]
                recall[_label(setting)][key] = {
                    "positives": int(row["positives"]), "matched": int(row["matched"]),
                    "recall": row["matched"] / row["positives"] if row["positives"] else np.nan,
                    "negatives": int(row["negatives"]), "violated": int(row["violated"]),
                }  # fmt: skip
    precision = {label: {} for label in recall}
    judged = list(judged)
    if judged:
        from rhetoric.evaluation.misses import detect_spans
        from rhetoric.evaluation.named import document_name
        from rhetoric.evaluation.precision import check_offsets, judged_texts, load_judged
        from rhetoric.figures import group_figures

        judgements = load_judged(judged, home)
        judgements = judgements[judgements["device"] != "stance"]
        documents = [document_name(doc, home) for doc in documents]
        texts = judged_texts([*judgements["doc"], *documents], home)
        check_offsets(judgements, texts)
        corpus = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
        # the device spans as rhetoric.analyze finds them (page furniture set aside), no stance
        default, candidates = (
            detect_spans(corpus, stance=False, remove_boilerplate=True, min_score=m, n_jobs=n_jobs)
            for m in (None, 0)
        )
        for setting in settings:
            spans = (
                default
                if setting is None
                else _kept_rows(candidates, texts, setting, judged_documents)
            )
            matched = match_judgements(group_figures(spans, texts), judgements)
            matched["genre"] = matched["doc"].map(genre_of)
            tables = [precision_table(matched, ("genre",), totals=False).assign(device=ALL)]
            if by_device:
                tables.append(precision_table(matched, ("genre", "device"), totals=False))
            for row in pd.concat(tables).to_dict("records"):
                precision[_label(setting)][(row.pop("genre"), row.pop("device"))] = row
    rows = []
    for label in recall:
        for key in keys:
            for genre in genres if judged else [None]:
                rows.append({"min_score": label, "device": key, **recall[label].get(key, {}),
                             "genre": genre, **precision[label].get((genre, key), {})})  # fmt: skip
    table = pd.DataFrame(rows).reindex(columns=TRADEOFF_COLUMNS)
    for column in ("figures", "judged", "true", "borderline", "false", "unjudged"):
        table[column] = table[column].fillna(0).astype(int)
    return table


def _document(cache: dict, doc_id: str, text: str, **options):
    from rhetoric.text import Document

    if doc_id not in cache:
        cache[doc_id] = Document(text, doc_id, **options)
    return cache[doc_id]


def _kept_rows(candidates: pd.DataFrame, texts, setting: float, cache: dict) -> pd.DataFrame:
    """The rows of every scored candidate (a span table of ``min_score=0``) that
    ``min_score=setting`` reports (:func:`rhetoric.devices.kept_at`, document by document)."""
    from rhetoric.span import Span

    rows = candidates[candidates["score"] >= setting].copy()
    repeats = rows[rows["device"] == "repetition"]
    with_evidence = "evidence" in rows.columns
    dropped = []
    for doc_id, part in repeats.groupby("doc_id", sort=False):
        doc = _document(cache, doc_id, texts[doc_id], remove_boilerplate=True)
        spans = [
            Span(start=int(r.start), end=int(r.end), device=r.device, kind=r.kind, text=r.text,
                 doc_id=doc_id, group=r.group if isinstance(r.group, str) and r.group else None,
                 score=float(r.score),
                 evidence=r.evidence if with_evidence and isinstance(r.evidence, str) else "")
            for r in part.itertuples(index=False)
        ]  # fmt: skip
        # as reported: each repeat once, a close pair of a refrain named an emphatic repeat
        kept = {(s.start, s.end, s.group): s for s in kept_at(doc, spans, setting)}
        for i, s in zip(part.index, spans, strict=True):
            reported = kept.get((s.start, s.end, s.group))
            if reported is None:
                dropped.append(i)
            elif reported is not s:  # renamed: take the kind and evidence as reported
                rows.loc[i, "kind"] = reported.kind
                if with_evidence:
                    rows.loc[i, "evidence"] = reported.evidence
    return rows.drop(index=dropped)


def tradeoff_summary(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`min_score_tradeoff` one row per setting (and device, when there are rows per
    device), the genres side by side, intervals written out (``"0.87 [0.80, 0.92]"``): the
    report's table."""

    def interval(value, low, high) -> str:
        return "" if value != value else f"{value:.2f} [{low:.2f}, {high:.2f}]"

    per_device = set(table["device"]) != {ALL}
    gold = table["positives"].notna().any()
    rows = []
    for (label, device), part in table.groupby(["min_score", "device"], sort=False):
        first = part.iloc[0]
        row = {"min_score": label, **({"device": device} if per_device else {})}
        if gold:
            row.update({"gold matched": f"{first['matched']:.0f} / {first['positives']:.0f}",
                        "gold recall": round(float(first["recall"]), 2),
                        "violated": first["violated"]})  # fmt: skip
        for r in part.itertuples(index=False):
            if r.genre is None or r.genre != r.genre:
                continue
            row[f"{r.genre} figures"] = r.figures
            row[f"{r.genre} precision"] = interval(r.precision, r.precision_low, r.precision_high)
            row[f"{r.genre} lenient"] = interval(r.lenient, r.lenient_low, r.lenient_high)
            row[f"{r.genre} unjudged"] = r.unjudged
        rows.append(row)
    return pd.DataFrame(rows)


def add_arguments(parser) -> None:
    from rhetoric.datahome import add_data_home_option
    from rhetoric.output import add_format_option

    parser.add_argument(
        "--gold",
        metavar="FILE.jsonl",
        help="gold device items (default: the public gold beside the data home)",
    )
    parser.add_argument(
        "--judged",
        nargs="*",
        metavar="FILE",
        help="judgement files (default: the public judged sets and the project's judged files)",
    )
    parser.add_argument(
        "--min-scores",
        metavar="P,...",
        default=",".join(f"{m:g}" for m in MIN_SCORES),
        help="the min_score values measured besides the defaults (default: %(default)s)",
    )
    parser.add_argument(
        "--by-device",
        action="store_true",
        help="also one row per device, for choosing a min_score per device",
    )
    add_data_home_option(parser)
    parser.add_argument(
        "--jobs", type=int, default=0, metavar="N", help="worker processes (default 0: every core)"
    )
    add_format_option(parser, what="the trade-off table")


def run(args) -> int:
    from rhetoric.errors import UsageError
    from rhetoric.evaluation.gold import default_gold_path
    from rhetoric.evaluation.precision import default_judged_files

    try:
        min_scores = [float(v) for v in args.min_scores.split(",") if v.strip()]
    except ValueError:
        raise UsageError(
            f"--min-scores {args.min_scores!r}: give probabilities separated by commas, e.g. 0.5,0.3"
        ) from None
    for value in min_scores:  # named as this command's option (not --min-score, not its advice)
        if not 0 <= value <= 1:
            raise UsageError(
                f"--min-scores {args.min_scores.strip()} is not valid: {value:g} is not a "
                "probability; give probabilities between 0 and 1 separated by commas, e.g. 0.5,0.3"
            )
    gold = args.gold or default_gold_path(args.data_home)
    judged = default_judged_files(args.data_home) if args.judged is None else args.judged
    table = min_score_tradeoff(
        gold, judged, args.data_home, min_scores=min_scores, by_device=args.by_device,
        n_jobs=args.jobs,
    )  # fmt: skip
    if getattr(args, "format", "table") != "table":
        from rhetoric.output import format_table

        print(format_table(table, args.format), end="")
        return 0
    pooled = "each device, and all devices pooled" if args.by_device else "devices pooled"
    print(
        f"recall on the gold items and precision over the judged figures ({pooled}; "
        "precision TRUE / judged, lenient BORDERLINE as half; 95% Wilson intervals), at the "
        "default thresholds and at each min_score"
    )
    with pd.option_context("display.width", 250, "display.max_columns", None):
        print(tradeoff_summary(table).to_string(index=False))
    return 0
