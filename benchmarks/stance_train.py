"""Hedges and boosters on the training pool: a sheet of spans to judge, and precision over the
judged ones (``corpus/annotations/stance_train.jsonl``) for the current sense rules.

The stance finder (``find_stance(loaded=False)``) runs over the training pool
(:func:`rhetoric.evaluation.pool.training_documents`: addresses that are neither reserved nor
public gold documents, PTC train articles outside the development set; never a development or
reserved text). ``sheet`` draws a random sample of its hedge and booster spans per kind and genre
(seed below) and writes them, with about 150 characters of context on each side and the span
marked ``[[...]]``, to a JSON Lines sheet outside the repository (PTC text is not
redistributable). ``measure`` matches the current spans of the judged documents to the judged
file (by device and overlap, as ``rhetoric evaluate precision`` does) and prints precision per
kind and genre with Wilson intervals, how many judged spans the current rules no longer report
(by verdict: what a rule costs), and with ``--list`` every judged span still reported as FALSE
(what is left to fix). The training sample is for developing the sense rules; it is never used to
report precision (that is ``benchmarks/stance_precision.py``, on the development set).

    RHETORIC_DATA=../shared/data python benchmarks/stance_train.py sheet --per-cell 50
    RHETORIC_DATA=../shared/data python benchmarks/stance_train.py sheet --per-cell 15 --seed 20261213 --exclude-judged
    RHETORIC_DATA=../shared/data python benchmarks/stance_train.py sheet --kinds loaded_negative loaded_positive --genre news --min-score 0.25 --judged corpus/annotations/stance_train_loaded.jsonl --exclude-judged
    RHETORIC_DATA=../shared/data python benchmarks/stance_train.py measure [--list FALSE]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import pandas as pd

from rhetoric.datahome import get_data_home
from rhetoric.evaluation.pool import genre_of, training_documents
from rhetoric.framing.stance import find_stance
from rhetoric.text import decode
from rhetoric.validation.judgements import read_judgements
from rhetoric.validation.precision import match_judgements, precision_table

SEED = 20261212
CONTEXT = 150
KINDS = ("hedge", "booster")
JUDGED = Path(__file__).resolve().parents[1] / "corpus" / "annotations" / "stance_train.jsonl"


def _text(doc: str) -> str:
    return decode((get_data_home() / doc).read_bytes())[0]


def spans_of(docs, kinds=KINDS, min_score: float | None = None) -> pd.DataFrame:
    """The stance spans of ``kinds`` in ``docs`` as a figure table (one span, one figure).

    Loaded words are found only when a loaded kind is asked for, at ``min_score`` (default: the
    stance threshold); a sheet drawn below the threshold holds the near misses a scorer learns from.
    """
    rows = []
    loaded = any(k.startswith("loaded") for k in kinds)
    for doc in docs:
        for s in find_stance(_text(doc), loaded=loaded, min_score=min_score):
            if s.kind in kinds:
                rows.append({"doc": doc, "device": "stance", "kind": s.kind, "start": s.start,
                             "end": s.end, "text": s.text, "evidence": s.evidence,
                             "score": round(s.score, 4)})  # fmt: skip
    table = pd.DataFrame(
        rows, columns=["doc", "device", "kind", "start", "end", "text", "evidence", "score"]
    )
    table["parts"] = [((a, b),) for a, b in zip(table["start"], table["end"], strict=True)]
    return table


def sheet(args: argparse.Namespace) -> None:
    docs = training_documents()
    if args.genre:
        docs = [d for d in docs if genre_of(d) == args.genre]
    table = spans_of(docs, tuple(args.kinds), args.min_score)
    table["genre"] = table["doc"].map(genre_of)
    if args.exclude_judged:
        judged = read_judgements([args.judged])
        matched = match_judgements(table.assign(device="stance"), judged)
        table = table[(matched["verdict"] == "").to_numpy()]
    rng = random.Random(args.seed)
    picked = []
    for (genre, kind), cell in table.groupby(["genre", "kind"], sort=True):
        rows = cell.to_dict("records")
        picked += rng.sample(rows, min(args.per_cell, len(rows)))
        print(f"{genre} {kind}: {len(rows)} spans, {min(args.per_cell, len(rows))} drawn")
    rng.shuffle(picked)
    texts: dict[str, str] = {}
    with open(args.out, "w", encoding="utf-8") as out:
        for row in picked:
            text = texts.setdefault(row["doc"], _text(row["doc"]))
            left, right = max(0, row["start"] - CONTEXT), min(len(text), row["end"] + CONTEXT)
            context = (text[left : row["start"]] + "[[" + text[row["start"] : row["end"]] + "]]"
                       + text[row["end"] : right]).replace("\n", " ")  # fmt: skip
            record = {k: row[k] for k in ("doc", "device", "kind", "start", "end", "genre")}
            record |= {"text": row["text"], "evidence": row["evidence"], "score": row["score"],
                       "context": context}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(picked)} spans to {args.out}")


def measure(args: argparse.Namespace) -> None:
    judgements = read_judgements([args.judged])
    current = spans_of(sorted(set(judgements["doc"])))
    matched = match_judgements(current, judgements)
    matched["genre"] = matched["doc"].map(genre_of)
    judged = matched[matched["verdict"] != ""]
    table = precision_table(judged, ("genre", "kind"), totals=False)
    used = set(zip(judged["doc"], judged["judged_start"], judged["kind"], strict=True))
    lost = judgements[[(d, s, k) not in used for d, s, k in
                       zip(judgements["doc"], judgements["start"], judgements["kind"], strict=True)]]  # fmt: skip
    lost = lost.assign(genre=lost["doc"].map(genre_of))
    rows = []
    for row in table.itertuples(index=False):
        gone = lost[(lost["genre"] == row.genre) & (lost["kind"] == row.kind)]["verdict"]
        rows.append({
            "genre": row.genre, "kind": row.kind, "judged": row.judged, "true": row.true,
            "borderline": row.borderline, "false": row.false,
            "precision": f"{row.precision:.2f} [{row.precision_low:.2f}, {row.precision_high:.2f}]",
            "lenient": f"{row.lenient:.2f} [{row.lenient_low:.2f}, {row.lenient_high:.2f}]",
            "dropped T/B/F": "/".join(str(int((gone == v).sum())) for v in ("TRUE", "BORDERLINE", "FALSE")),
        })  # fmt: skip
    with pd.option_context("display.width", 200, "display.max_rows", None):
        print(pd.DataFrame(rows).to_string(index=False))
        unjudged = matched[matched["verdict"] == ""]
        print(f"{len(unjudged)} current spans of these documents are outside the sample")
        if args.list:
            shown = judged[judged["verdict"].isin(args.list)]
            texts: dict[str, str] = {}
            for row in shown.itertuples(index=False):
                text = texts.setdefault(row.doc, _text(row.doc))
                left = max(0, row.start - 80)
                snippet = (
                    text[left : row.start]
                    + "[["
                    + text[row.start : row.end]
                    + "]]"
                    + text[row.end : row.end + 80]
                )
                print(f"{row.verdict:10} {row.kind:7} {row.evidence:28} {snippet!r}")
            if args.show_dropped:
                for row in lost.itertuples(index=False):
                    print(f"dropped {row.verdict:10} {row.kind:7} {row.doc} {row.start}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("sheet", help="write a sheet of spans to judge")
    make.add_argument("--per-cell", type=int, default=50, help="spans per kind and genre")
    make.add_argument("--out", default="/tmp/stance_train_sheet.jsonl")
    make.add_argument("--seed", type=int, default=SEED)
    make.add_argument(
        "--exclude-judged", action="store_true", help="draw only spans no judgement covers"
    )
    make.add_argument("--judged", default=str(JUDGED))
    make.add_argument("--kinds", nargs="+", default=list(KINDS), help="stance kinds to draw")
    make.add_argument("--genre", choices=("speech", "news"), help="only this genre's documents")
    make.add_argument(
        "--min-score", type=float, help="least probability of a loaded word (default: threshold)"
    )
    check = sub.add_parser("measure", help="precision over the judged training sample")
    check.add_argument("--judged", default=str(JUDGED))
    check.add_argument(
        "--list",
        nargs="*",
        metavar="VERDICT",
        help="list the judged spans still reported with these verdicts",
    )
    check.add_argument("--show-dropped", action="store_true")
    args = parser.parse_args()
    {"sheet": sheet, "measure": measure}[args.command](args)


if __name__ == "__main__":
    main()
