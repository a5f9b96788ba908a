"""Precision of the default figures on the held-out addresses, with scorers that never saw them.

The public speeches are the development set: their precision (``rhetoric evaluate report``) was
read after every change. The addresses of the measured-only folds of
``benchmarks/heldout_recall.py`` (:data:`~heldout_recall.MEASURED_ONLY`: 32 addresses) are
text nobody built a rule on; with scorers trained without their judged figures
(``train_scorers.py --without-held-out --out DIR``), the figures kept at the defaults there are
what a researcher would get on new addresses. Every one was judged blind in session s37, by one
standard, into ``corpus/annotations/heldout_precision.jsonl`` (never trained on): the figures no
earlier round had judged (stratum ``heldout-precision-37``) and, again, those an earlier round
had judged for the training files before the folds were set apart (``heldout-precision-37-again``,
with that ``training_verdict``; figures that a finder change or retrain made new since are
judged by both briefs, strata ``heldout-precision-39`` and ``-40``). Session s38 judged every one again, blind, by a second brief
(``heldout_precision_38.jsonl``, ``judge-rv-38a`` to ``-38f``): the s37 brief made a member cut
inside its phrase BORDERLINE, where the public reviewers, whose verdicts the targets are read by,
mark such a figure TRUE when it is clearly there; the second brief says the marks need not match a
figure's edges to the word. Printed by device, three times: by the s37 standard, with the
training files' verdicts where they exist (the standard the scorers learnt), and by the second
brief; figures, TRUE / BORDERLINE / FALSE, strict and lenient precision (BORDERLINE as half) with
Wilson 95% intervals, and the figures no judgement covers (judge them before quoting); then how
far the standards agree on the figures judged twice, and how each brief reads the default
figures of the public speeches (``judge_calibration_38.jsonl``, both briefs applied blind to them
in session s38, the second mixed in with the held-out figures: the public verdicts call 125 of
139 TRUE, the s37 brief 106, the second 118).

    RHETORIC_DATA=../shared/data python benchmarks/heldout_precision.py --scorers DIR \
        [--unjudged-out SHEET.jsonl]

The stance spans kept at the defaults there (hedges, boosters, loaded words; ``--scorers DIR``
holding the stance scorers trained the same way, ``train_stance_scorer.py --without-held-out
--out DIR``) are measured the same way, by family, from ``heldout_stance_precision.jsonl``
(session s38): the spans no earlier round had judged (stratum ``heldout-stance-38``) and, judged
again blind, those of ``stance_train.jsonl`` (``heldout-stance-38-again``, with that
``training_verdict``). The sense rules of hedges and boosters were written from judged spans of
the training pool that include 81 of these addresses' (56 hedges, 25 boosters): the scorers are
clean, the rules not wholly.

Without ``--scorers`` the shipped scorers are used: they were trained on judged figures of these
addresses, so their precision here is not a clean figure (printed with a warning).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from heldout_recall import FOLDS, MEASURED_ONLY

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "corpus" / "annotations"
#: This measurement's judgements: every default figure of those addresses, by one standard.
HELDOUT_JUDGED = ANNOTATIONS / "heldout_precision.jsonl"
#: The same for the stance spans: every hedge, booster and loaded word kept at the defaults.
HELDOUT_STANCE = ANNOTATIONS / "heldout_stance_precision.jsonl"
#: Every default figure of those addresses again, by the second brief (session s38: a figure's
#: marks need not match its edges to the word, as the public reviewers read them).
HELDOUT_SECOND = ANNOTATIONS / "heldout_precision_38.jsonl"
#: The default figures of the public speeches, judged again by the brief of
#: :data:`HELDOUT_JUDGED` (session s37's, stratum ``judge-calibration-38``) and by that of
#: :data:`HELDOUT_SECOND` (``judge-calibration-38-edges``): how each reads the figures whose
#: public verdicts give the development figure (0.90).
CALIBRATION = ANNOTATIONS / "judge_calibration_38.jsonl"


def held_out_documents() -> list[str]:
    """The addresses of the measured-only folds."""
    return sorted(doc for doc, fold in FOLDS.items() if fold in MEASURED_ONLY)


def read_records(path: Path, documents, keep=lambda record: True) -> list[dict]:
    """The records of a judgement file about ``documents`` that ``keep`` accepts."""
    if not path.exists():
        return []
    wanted = set(documents)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]  # fmt: skip
    return [r for r in records if r["doc"] in wanted and keep(r)]


#: The strata of :data:`HELDOUT_JUDGED` whose figures no training file judges (judged there for
#: the first time: in session s37, and the figures a later finder change or scorer kept).
FIRST_JUDGED = frozenset(
    {
        "heldout-precision-37",
        "heldout-precision-39",
        "heldout-precision-40",
        "heldout-precision-42",
        "heldout-precision-44",
    }
)


def judged_records(devices, documents, standard: str = "one") -> list[dict]:
    """The judgements of figures in ``documents``: ``standard="one"``, :data:`HELDOUT_JUDGED`
    alone; ``"second"``, :data:`HELDOUT_SECOND` alone; ``"training"``, the training files' (one
    per device) and the figures of :data:`HELDOUT_JUDGED` they do not judge (judged there for the
    first time: :data:`FIRST_JUDGED`)."""
    if standard == "one":
        return read_records(HELDOUT_JUDGED, documents)
    if standard == "second":
        return read_records(HELDOUT_SECOND, documents)
    records = []
    for device in devices:
        records += read_records(ANNOTATIONS / f"{device}.jsonl", documents)
    return records + read_records(
        HELDOUT_JUDGED,
        documents,
        lambda r: r.get("stratum") in FIRST_JUDGED,
    )


def agreement(
    records: list[dict], what: str, first_key: str = "training_verdict",
    first_name: str = "for the training files",
) -> None:  # fmt: skip
    """How the records judged twice (``first_key`` and this measurement's ``verdict``) agree."""
    from sklearn.metrics import cohen_kappa_score

    again = [r for r in records if first_key in r]
    if not again:
        return
    first = [r[first_key] == "TRUE" for r in again]
    second = [r["verdict"] == "TRUE" for r in again]
    print(
        f"\n{len(again)} {what} judged {first_name} and again by this standard: TRUE "
        f"{sum(first)} then {sum(second)}; the same TRUE-or-not verdict "
        f"{sum(a == b for a, b in zip(first, second, strict=True))} times "
        f"(kappa {cohen_kappa_score(first, second):.2f})"
    )


def precision(records, documents, devices, n_jobs):
    """:func:`rhetoric.evaluation.precision.evaluate_precision` over ``records``."""
    from rhetoric.evaluation.precision import evaluate_precision

    with tempfile.TemporaryDirectory() as tmp:
        judged = Path(tmp) / "judged.jsonl"
        judged.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        return evaluate_precision([judged], documents=documents, devices=devices, n_jobs=n_jobs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorers", help="scorers trained without the held-out addresses")
    parser.add_argument("--unjudged-out", help="write the unjudged figures as a sheet (JSONL)")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if args.scorers:
        from rhetoric.scoring.model import SCORERS_ENV

        os.environ[SCORERS_ENV] = str(Path(args.scorers).resolve())
    else:
        print("warning: the shipped scorers have seen judged figures of these addresses; "
              "--scorers DIR gives the clean figure", file=sys.stderr)  # fmt: skip

    import pandas as pd

    from rhetoric.devices import DEVICES
    from rhetoric.evaluation.precision import stance_precision, unjudged_sheet

    documents = held_out_documents()
    print(f"{len(documents)} held-out addresses ({', '.join(MEASURED_ONLY)}); scorers: "
          f"{args.scorers or 'shipped'}")  # fmt: skip
    sheets = []
    for standard, title in (("one", "by one standard (session s37's judges)"),
                            ("training", "with the training files' verdicts where they exist"),
                            ("second", "by the second brief (session s38's judges)")):  # fmt: skip
        result = precision(judged_records(DEVICES, documents, standard), documents, DEVICES,
                           args.jobs)  # fmt: skip
        table = result.table
        rows = table[(table["genre"] == "speech") & (table["kind"] == "all")
                     & (table["device"] != "stance")]  # fmt: skip
        columns = [c for c in table.columns if c not in ("genre", "kind")]
        print(f"\n== default figures, {title}")
        with pd.option_context("display.width", 200, "display.max_columns", None):
            print(rows[columns].to_string(index=False))
        unjudged = unjudged_sheet(result)
        unjudged = unjudged[unjudged["device"].isin(DEVICES)]
        print(f"unjudged figures: {len(unjudged)}")
        if args.unjudged_out and standard == "one":
            sheets = [unjudged]
    agreement(read_records(HELDOUT_JUDGED, documents), "figures")
    calibration = [
        json.loads(line) for line in CALIBRATION.read_text(encoding="utf-8").splitlines()
    ]
    for stratum, brief in (
        ("judge-calibration-38", "s37"),
        ("judge-calibration-38-edges", "second"),
    ):
        agreement([r for r in calibration if r["stratum"] == stratum],
                  f"default figures of the public speeches ({brief} brief)", "public_verdict",
                  "for the public sets (reviewers' verdicts first)")  # fmt: skip

    stance_records = read_records(HELDOUT_STANCE, documents)
    result = precision(stance_records, documents, (), args.jobs)
    table = stance_precision(result.figures)
    columns = [c for c in table.columns if c not in ("genre", "device")]
    print("\n== default stance spans, by one standard (session s38's judges)")
    with pd.option_context("display.width", 200, "display.max_columns", None):
        print(table.loc[table["genre"] == "speech", columns].to_string(index=False))
    unjudged = unjudged_sheet(result)
    unjudged = unjudged[unjudged["device"] == "stance"]
    print(f"unjudged stance spans: {len(unjudged)}")
    agreement(stance_records, "stance spans")
    if args.unjudged_out:
        sheet = pd.concat([*sheets, unjudged], ignore_index=True)
        sheet.to_json(args.unjudged_out, orient="records", lines=True, force_ascii=False)


if __name__ == "__main__":
    main()
