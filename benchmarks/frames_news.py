"""Frame rankings on news: the profiler against the dominant frames judged on 60 PTC train articles.

Run: ``RHETORIC_DATA=../shared/data python benchmarks/frames_news.py [--verbose]``.
The judgements (``corpus/annotations/frames_ptc_train.jsonl``) were made by the Policy Frames
Codebook before the profiler was run on the articles. The first 40 (annotator
``helper-framing``): the ``tune`` half was used while building the news scoring (headline and
lead weights, distinct terms, incidental money words), the ``heldout`` half was measured and
then, in issue 11's second round, developed on too (the share of the top frame a ranked frame
needs, the economic and health terms). The ``new`` 20 (annotator ``judge-12``, articles of
150-1,200 words drawn at random from the PTC train articles outside the first 40 and the
development set) were judged before that round's changes were measured on them, and measured
once after: the check on fitting the first 40.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rhetoric.evaluation.frames import frame_agreement, frame_rankings, read_frame_judgements

JUDGEMENTS = (
    Path(__file__).resolve().parents[1] / "corpus" / "annotations" / "frames_ptc_train.jsonl"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judgements", default=str(JUDGEMENTS))
    parser.add_argument("--verbose", action="store_true", help="list every article")
    args = parser.parse_args()
    rankings = frame_rankings(read_frame_judgements(args.judgements))
    if args.verbose:
        print(rankings[["doc", "split", "dominant", "top3", "absent"]].to_string(index=False))
    print(frame_agreement(rankings).round(3).to_string(index=False))


if __name__ == "__main__":
    main()
