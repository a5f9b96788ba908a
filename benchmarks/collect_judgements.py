"""Join judged verdicts to their candidate sheets and write the project's annotation files.

The sheets (``benchmarks/candidate_sheets.py``) hold the candidates with their context; the
annotators write ``{"id", "verdict", "reason", "annotator"}`` per candidate. This script writes
``corpus/annotations/<device>.jsonl``: one record per judged figure in the RUBRIC.md format
(``doc``, ``device``, ``kind``, ``start``, ``end``, ``parts``, ``verdict``, ``reason``,
``annotator``, ``genre``), with the figure's ``text`` for addresses only: PTC text is not
redistributable, so its records keep offsets and verdicts only.

    python benchmarks/collect_judgements.py --sheets /tmp/rhetoric-candidates --judged /tmp/rhetoric-judged

A later round (sheets written with ``candidate_sheets.py --exclude-judged``) is added with
``--append``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

VERDICTS = {"TRUE", "BORDERLINE", "FALSE"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", default="/tmp/rhetoric-candidates")
    parser.add_argument("--judged", default="/tmp/rhetoric-judged")
    parser.add_argument("--out", default="corpus/annotations")
    parser.add_argument(
        "--append",
        action="store_true",
        help="keep the records already in OUT/<device>.jsonl and add these (a later round of judging)",
    )
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for judged_file in sorted(Path(args.judged).glob("*.jsonl")):
        sheet = {}
        for line in (Path(args.sheets) / judged_file.name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            sheet[record["id"]] = record
        rows = []
        for number, line in enumerate(judged_file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            verdict = json.loads(line)
            if verdict["id"] not in sheet or verdict["verdict"] not in VERDICTS:
                raise SystemExit(f"{judged_file}:{number}: unknown id or verdict: {line[:120]}")
            candidate = sheet[verdict["id"]]
            row = {
                "doc": candidate["doc"], "device": candidate["device"], "kind": candidate["kind"],
                "start": candidate["start"], "end": candidate["end"], "parts": candidate["parts"],
                "verdict": verdict["verdict"], "reason": verdict["reason"],
                "annotator": verdict["annotator"], "genre": candidate["genre"],
            }  # fmt: skip
            if candidate["genre"] != "news":
                row["text"] = candidate["text"]
            # a score-stratified sheet (candidate_sheets.py --bands): the band and its size
            for key in ("stratum", "cell_size"):
                if key in candidate:
                    row[key] = candidate[key]
            rows.append(row)
        target = out / judged_file.name
        if args.append and target.exists():
            earlier = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines() if x]
            seen = {(r["doc"], r["start"], r["end"], r["kind"]) for r in earlier}
            rows = earlier + [
                r for r in rows if (r["doc"], r["start"], r["end"], r["kind"]) not in seen
            ]
        rows.sort(key=lambda r: (r["doc"], r["start"], r["end"]))
        with open(target, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{judged_file.name}: {len(rows)} judged figures")


if __name__ == "__main__":
    main()
