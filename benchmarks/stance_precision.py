"""Precision of the stance kinds (hedges, boosters, loaded words) on the judged public sets.

Run: ``RHETORIC_DATA=../shared/data python benchmarks/stance_precision.py [--unjudged-out SHEET.jsonl]``

The numbers are those of ``rhetoric evaluate precision`` and of the README's evaluation block
(:func:`rhetoric.evaluation.precision.stance_summary`): the same judged files (the public sets
``<gold>/precision_public_*.jsonl`` first, then the project's
``corpus/annotations/judged_public_stance.jsonl``; where several coders judged a span, the first
in that order counts), the same matching by device and overlap. Only the stance finder is run, so
it is quick. The judged documents are a development set: measured on, never trained on.
``--unjudged-out`` writes the spans no judgement covers, with context, as a sheet to judge.
"""

from __future__ import annotations

import argparse

import pandas as pd

from rhetoric.evaluation.precision import (
    default_judged_files,
    evaluate_precision,
    stance_summary,
    unjudged_sheet,
)
from rhetoric.validation.judgements import write_judgements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unjudged-out", metavar="SHEET.jsonl")
    parser.add_argument("--verbose", action="store_true", help="list every stance span and verdict")
    args = parser.parse_args()
    result = evaluate_precision(default_judged_files(), devices=())
    stance = result.figures[result.figures["device"] == "stance"]
    with pd.option_context("display.width", 200, "display.max_rows", None):
        print(stance_summary(result.figures).to_string(index=False))
        if args.verbose:
            print(stance[["doc", "kind", "start", "end", "text", "verdict"]].to_string(index=False))
    if args.unjudged_out:
        sheet = unjudged_sheet(result)
        sheet = sheet[sheet["device"] == "stance"]
        write_judgements(sheet, args.unjudged_out)
        print(f"wrote {len(sheet)} unjudged stance spans to {args.unjudged_out}")


if __name__ == "__main__":
    main()
