"""The annotators of ``corpus/annotations``: who judged how many records of which file.

Prints the Markdown table between the markers ``<!-- annotators:start -->`` and
``<!-- annotators:end -->`` of ``corpus/annotations/README.md``; ``--readme`` writes it there.
``tests/evaluation/test_pool.py`` checks that the README's table is this script's output, so a
judging round cannot add an annotator the README does not name::

    python benchmarks/annotators.py --readme
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ANNOTATIONS = Path(__file__).resolve().parents[1] / "corpus" / "annotations"
README = ANNOTATIONS / "README.md"
START, END = "<!-- annotators:start -->", "<!-- annotators:end -->"


def table() -> str:
    """One row per annotator (in name order): records, then each file and its count."""
    files: dict[str, Counter] = defaultdict(Counter)
    for path in sorted(ANNOTATIONS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                files[str(json.loads(line).get("annotator"))][path.name] += 1
    rows = ["| annotator | records | files (records) |", "|---|---|---|"]
    for name in sorted(files):
        counts = files[name]
        listed = ", ".join(f"`{f}` ({n})" for f, n in sorted(counts.items()))
        rows.append(f"| `{name}` | {sum(counts.values())} | {listed} |")
    return "\n".join(rows) + "\n"


def readme_block(text: str) -> str:
    """The table as the README holds it (between the markers)."""
    start, end = text.index(START) + len(START), text.index(END)
    return text[start:end].strip("\n") + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="write the table into the README")
    args = parser.parse_args(argv)
    text = table()
    if not args.readme:
        print(text, end="")
        return 0
    readme = README.read_text(encoding="utf-8")
    start, end = readme.index(START) + len(START), readme.index(END)
    README.write_text(readme[:start] + "\n" + text + readme[end:], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
