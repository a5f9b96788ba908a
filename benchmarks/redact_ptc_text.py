"""Keep PTC article text out of the project's annotation files (PTC text is not redistributable).

A record of a PTC article (``doc`` under ``ptc/``) keeps its offsets, verdict and reason, but no
``text`` field, and its ``reason`` no stretch of the article of 25 characters or more (quotation
marks and spacing aside): such a stretch becomes ``[…]``. A judge's reason may still name a few words
of the figure ("stock pair 'poetry and prose'"). Run from the repository root, with the data home
holding the PTC::

    python benchmarks/redact_ptc_text.py            # rewrite corpus/annotations/*.jsonl
    python benchmarks/redact_ptc_text.py --check    # exit 1 if a file holds PTC text

``tests/test_annotations.py`` runs the check.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ANNOTATIONS = Path(__file__).resolve().parents[1] / "corpus" / "annotations"
#: The shortest stretch of an article a reason may not quote.
LONGEST_QUOTE = 25
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_EDGES = "\"'()[]{}.,;:!?-–— "


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES))


def redact(reason: str, article: str) -> str:
    """``reason`` with every stretch of ``article`` of :data:`LONGEST_QUOTE` characters or more
    (whitespace and quotation marks normalised, quotation marks and punctuation at its edges not
    counted) replaced by ``[…]``."""
    norm_article = _norm(article)
    words = list(re.finditer(r"\S+", reason))
    out, position, i = [], 0, 0
    while i < len(words):
        best = None
        for j in range(i, len(words)):
            piece = _norm(reason[words[i].start() : words[j].end()]).strip(_EDGES)
            if piece and piece in norm_article:
                best = j
            elif j > i:
                break
        if best is not None:
            start, end = words[i].start(), words[best].end()
            piece = reason[start:end].strip(_EDGES)
            if len(piece) >= LONGEST_QUOTE:
                inner = reason.index(piece, start)
                out.append(reason[position:inner] + "[…]")
                position = inner + len(piece)
                i = best + 1
                continue
        i += 1
    out.append(reason[position:])
    return "".join(out)


def clean(record: dict, article: str) -> dict:
    """The record as it may be kept: no ``text``, no quoted stretch of the article."""
    kept = {k: v for k, v in record.items() if k != "text"}
    if isinstance(kept.get("reason"), str):
        kept["reason"] = redact(kept["reason"], article)
    return kept


def main(argv=None) -> int:
    from rhetoric.datahome import get_data_home
    from rhetoric.text import decode

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, do not rewrite")
    args = parser.parse_args(argv)
    home, articles, dirty = get_data_home(), {}, 0
    for path in sorted(ANNOTATIONS.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").split("\n")
        changed = False
        for n, line in enumerate(lines):
            if not line.strip():
                continue
            record = json.loads(line)
            doc = str(record.get("doc", ""))
            if not doc.startswith("ptc/"):
                continue
            if doc not in articles:
                articles[doc] = decode((home / doc).read_bytes())[0]
            kept = clean(record, articles[doc])
            if kept != record:
                dirty += 1
                changed = True
                if args.check:
                    print(f"{path.name}:{n + 1}: {doc}: PTC text in the record", file=sys.stderr)
                lines[n] = json.dumps(kept, ensure_ascii=False)
        if changed and not args.check:
            path.write_text("\n".join(lines), encoding="utf-8")
    print(f"{dirty} record(s) {'hold' if args.check else 'cleaned of'} PTC text")
    return 1 if args.check and dirty else 0


if __name__ == "__main__":
    sys.exit(main())
