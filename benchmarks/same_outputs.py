"""Whether a change to the code leaves every analysis output as it was: for speed work.

Saves, or compares with a saved file, digests of the full analysis of about 250 texts: a 2 MB
text generated as in ``hard_inputs.py``, the inaugural addresses, the first 150 PTC train
articles and the first 40 Federalist papers (none reserved for evaluation), each at the defaults
and a quarter of them also with ``min_score=0`` (every candidate scored): 313 runs. A digest
covers every column of the spans (scores to 17 digits), the removed ranges with their reasons,
the frame rows and the sentence bounds, so a speed-up that changes any of them is caught::

    RHETORIC_DATA=../shared/data python benchmarks/same_outputs.py save /tmp/before.json
    ... change the code ...
    RHETORIC_DATA=../shared/data python benchmarks/same_outputs.py compare /tmp/before.json

``compare`` prints the runs that differ (and in which part) and ``0 of 313 differ`` when none
does; it exits 1 when any differs. About five minutes on one core.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

from hard_inputs import prose  # benchmarks/ is on sys.path when run as a script

PARTS = ("spans", "removed", "frames", "sentences")


def texts() -> list[tuple[str, str, str | None]]:
    """``(name, text, genre)`` of every text the check analyses."""
    from rhetoric.corpora import load_federalist, load_inaugural, load_ptc

    found = [("generated-2mb", prose(2_000_000), "speech")]
    inaugural = load_inaugural()
    found += [(f"inaugural/{d}", t, "speech") for d, t in zip(inaugural["doc_id"], inaugural["text"], strict=True)]  # fmt: skip
    ptc = load_ptc(split="train").articles.head(150)
    found += [(f"ptc/{d}", t, "news") for d, t in zip(ptc["doc_id"], ptc["text"], strict=True)]
    federalist = load_federalist().head(40)
    found += [(f"federalist/{d}", t, None) for d, t in zip(federalist["doc_id"], federalist["text"], strict=True)]  # fmt: skip
    return found


def digest(result) -> list[str]:
    """One SHA-1 per part (:data:`PARTS`) of an :class:`~rhetoric.analysis.Analysis`."""
    parts = [
        result.spans.to_csv(index=False, float_format="%.17g"),
        repr([(s.start, s.end, s.kind, s.evidence) for s in result.removed]),
        result.frames.to_csv(index=False, float_format="%.17g"),
        repr([(s.start, s.end) for s in result.doc.sentences]),
    ]
    return [hashlib.sha1(part.encode()).hexdigest() for part in parts]


def run() -> dict[str, list[str]]:
    from rhetoric.analysis import Options, analyze_text

    digests = {}
    for number, (name, text, genre) in enumerate(texts()):
        digests[name] = digest(analyze_text(text, Options(genre=genre)))
        if number % 4 == 0:
            digests[f"{name}@0"] = digest(analyze_text(text, Options(genre=genre, min_score=0)))
    return digests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("file", help="the saved digests (JSON)")
    args = parser.parse_args(argv)
    digests = run()
    if args.action == "save":
        with open(args.file, "w", encoding="utf-8") as out:
            json.dump(digests, out)
        print(f"saved {len(digests)} runs to {args.file}")
        return 0
    with open(args.file, encoding="utf-8") as saved_file:
        saved = json.load(saved_file)
    differ = [name for name in saved if saved[name] != digests.get(name)]
    for name in differ:
        parts = [p for p, a, b in zip(PARTS, saved[name], digests.get(name, [""] * 4), strict=True) if a != b]  # fmt: skip
        print(f"differs: {name} ({', '.join(parts)})")
    print(f"{len(differ)} of {len(saved)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
