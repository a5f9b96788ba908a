"""Recall of the candidate finders on the project's own gold-style items, by half.

``corpus/annotations/heldout_gold.jsonl`` holds positive items in the format of the public gold
(``shared/gold/README.md``), annotated by reading training-pool addresses (see
``corpus/annotations/README.md``). Its documents are split in two halves by document:
:data:`DEVELOP` (the patterns of the finders were developed looking at these items only) and
every other document (held out: measured once the patterns were written). This script scores
each half with :func:`rhetoric.evaluation.gold.evaluate_gold` and prints recall per device.

    RHETORIC_DATA=../shared/data python benchmarks/heldout_recall.py [--half develop|heldout|both]
        [--misses]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from rhetoric.evaluation.gold import evaluate_gold

GOLD = Path("corpus/annotations/heldout_gold.jsonl")

#: The documents of the development half; every other document of the file is held out.
DEVELOP = frozenset({
    "inaugural/texts/1861-Lincoln.txt",
    "inaugural/texts/1937-Roosevelt.txt",
    "inaugural/texts/1965-Johnson.txt",
    "inaugural/texts/1985-Reagan.txt",
    "inaugural/texts/1989-Bush.txt",
    "inaugural/texts/2013-Obama.txt",
    "state_union/texts/2000-Clinton.txt",
})  # fmt: skip


def split_items(path: Path = GOLD) -> dict[str, list[str]]:
    """The lines of the gold file, by half (``develop``, ``heldout``)."""
    halves: dict[str, list[str]] = {"develop": [], "heldout": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            half = "develop" if json.loads(line)["doc"] in DEVELOP else "heldout"
            halves[half].append(line)
    return halves


def score_half(lines: list[str], data_home=None):
    """:func:`evaluate_gold` on the given gold lines (written to a temporary file)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "half.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return evaluate_gold(path, data_home)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=["develop", "heldout", "both"], default="both")
    parser.add_argument("--misses", action="store_true", help="list the unmatched items")
    parser.add_argument("--data-home", default=None)
    args = parser.parse_args(argv)
    halves = split_items()
    names = ["develop", "heldout"] if args.half == "both" else [args.half]
    for name in names:
        summary, items = score_half(halves[name], args.data_home)
        total = summary.iloc[-1]
        recall = total["matched"] / max(total["positives"], 1)
        print(f"== {name}: {total['matched']}/{total['positives']} matched, recall {recall:.3f}")
        print(summary[["device", "positives", "matched"]].to_string(index=False))
        if args.misses:
            for item in items[~items["ok"]].itertuples():
                print(f"  MISS {item.device:20s} {item.doc.split('/')[-1]:22s} {item.quote[:90]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
