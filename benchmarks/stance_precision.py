"""Precision of the stance kinds (hedges, boosters, loaded words) on the judged public sets.

Run: ``RHETORIC_DATA=../shared/data python benchmarks/stance_precision.py [--unjudged N] [--show]``

The judged files (``<gold>/precision_public_speeches.jsonl`` and ``precision_public_news.jsonl``)
are a development set: measured on, never trained on. A span of the current detector takes the
verdict of a judged record of the same document, device ``stance`` and kind family (hedge,
booster, loaded) that it overlaps; the project's own judgements of spans that no reviewer judged
(``corpus/annotations/stance_judged.jsonl``, annotator ``helper-framing``, same format and rubric)
come next. Spans still unjudged are counted and, with ``--unjudged N``, up to N of each kind and
set are printed (a fixed random sample) as JSON lines to judge.

Precision is TRUE / judged, with a Wilson 95% interval; ``lenient`` counts BORDERLINE as half.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import pandas as pd

from rhetoric.datahome import get_data_home
from rhetoric.evaluation.pool import gold_dir
from rhetoric.framing import find_stance
from rhetoric.text import Document, read_text
from rhetoric.validation.precision import wilson_interval

SETS = {"speeches": "precision_public_speeches.jsonl", "news": "precision_public_news.jsonl"}
OWN = Path(__file__).resolve().parents[1] / "corpus" / "annotations" / "stance_judged.jsonl"


def family(kind: str) -> str:
    return "loaded" if kind.startswith("loaded") else kind


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def verdict_of(span, doc: str, judged: list[dict]) -> str | None:
    for record in judged:
        if (record["doc"] == doc and record["device"] == "stance"
                and family(record["kind"]) == family(span.kind)
                and record["start"] < span.end and span.start < record["end"]):  # fmt: skip
            return record["verdict"]
    return None


def measure(unjudged_sample: int = 0, seed: int = 11) -> tuple[pd.DataFrame, list[dict]]:
    home = get_data_home()
    own = read_jsonl(OWN)
    rows, to_judge = [], []
    for name, file in SETS.items():
        judged = [r for r in read_jsonl(gold_dir() / file) if r["device"] == "stance"]
        found = []
        for doc_path in sorted({r["doc"] for r in read_jsonl(gold_dir() / file)}):
            text = read_text(home / doc_path)
            doc = Document(text, doc_path, remove_boilerplate=doc_path.startswith("ptc/") is False)
            for span in find_stance(doc):
                verdict = verdict_of(span, doc_path, judged) or verdict_of(span, doc_path, own)
                found.append((family(span.kind), doc_path, span, verdict))
        for kind in ("hedge", "booster", "loaded"):
            mine = [f for f in found if f[0] == kind]
            verdicts = [v for *_, v in mine if v]
            n, true = len(verdicts), verdicts.count("TRUE")
            low, high = wilson_interval(true, n) if n else (float("nan"), float("nan"))
            rows.append({
                "set": name, "kind": kind, "spans": len(mine), "judged": n, "unjudged": len(mine) - n,
                "true": true, "borderline": verdicts.count("BORDERLINE"),
                "precision": true / n if n else float("nan"), "low": low, "high": high,
                "lenient": (true + 0.5 * verdicts.count("BORDERLINE")) / n if n else float("nan"),
            })  # fmt: skip
            open_spans = [f for f in mine if f[3] is None]
            random.Random(seed).shuffle(open_spans)
            for _, doc_path, span, _ in open_spans[:unjudged_sample]:
                text = read_text(home / doc_path)
                to_judge.append({
                    "doc": doc_path, "device": "stance", "kind": span.kind, "start": span.start,
                    "end": span.end, "text": span.text, "evidence": span.evidence,
                    "context": text[max(0, span.start - 150) : span.end + 150].replace("\n", " "),
                })  # fmt: skip
    return pd.DataFrame(rows), to_judge


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--unjudged", type=int, default=0, help="print up to N unjudged spans per kind and set"
    )
    args = parser.parse_args()
    table, to_judge = measure(args.unjudged)
    print(table.round(3).to_string(index=False))
    for record in to_judge:
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main()
