"""Frame rankings on news: the profiler against the dominant frames judged on PTC train articles.

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

Issue 11, item 3: 40 ``train`` articles and 40 ``fresh`` ones (annotator ``judge-frames-3``,
each a seeded random draw of 150-1,200-word PTC train articles outside every earlier judged
article and the development set). The ``fresh`` 40 were judged first, before any change and
before the profiler was run on them; the news ranker (``benchmarks/train_frame_ranker.py``) was
trained and chosen on the other 100, and the ``fresh`` split was measured once at the end (top-1
0.60, absent-in-top-three 0.075).

Third round: ``train2`` (64 articles, annotator ``judge-frames-14``, taken in order from a list
of PTC train articles outside every judged set, the development set and ``fresh2``) was judged
before the profiler was run on it; the word senses, weighted terms and one sense per discourse
of that round were developed by grouped cross-validation over all 204 articles of the splits
above (``developed``), ``fresh`` included. ``fresh2`` (40 articles, annotator
``judge-frames-14f``, judged by another annotator while that work went on) was never opened or
profiled until the model was final, and measured once: top-1 0.775 (Wilson 95% interval
0.625-0.877), absent-in-top-three 0.025 (0.004-0.129); the profiler before the round scored 0.750
and 0.150 on it. ``fresh3`` (40 articles, annotator ``judge-frames-14g``, a seeded draw of the
listed articles nobody had judged), judged after the round before the profiler was run on them,
was measured once with the same model: top-1 0.575, absent-in-top-three 0.075 (the two clean
sets together, 80 articles: 0.675 and 0.050).

Fourth round: the news frame model (``benchmarks/train_news_frame_model.py``: words and
profile, trained on all 365 train articles, ``train3``'s 81 included) ranks news; its clean set is
the 75 PTC dev articles of ``corpus/annotations/frames_ptc_dev.jsonl`` (three annotators, judged
before the model was built), read twice: top-1 0.613 / absent-in-top-three 0.053 (first model),
0.627 / 0.040 (shipped); the profile ranker 0.600 / 0.080. The train articles are in-sample for it. ``--ranking`` picks the ranker (``news``, the default
for PTC articles; ``profile``; ``score``; ``all`` side by side).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from rhetoric.evaluation.frames import frame_agreement, frame_rankings, read_frame_judgements

FOLDER = Path(__file__).resolve().parents[1] / "corpus" / "annotations"
JUDGEMENTS = (FOLDER / "frames_ptc_train.jsonl", FOLDER / "frames_ptc_dev.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judgements", nargs="+", default=[str(p) for p in JUDGEMENTS])
    parser.add_argument("--verbose", action="store_true", help="list every article")
    parser.add_argument(
        "--ranking", choices=("news", "profile", "score", "all"), default="news",
        help="the news frame model (default), the profile ranker, the score ranking, or all",
    )  # fmt: skip
    args = parser.parse_args()
    judgements = pd.concat([read_frame_judgements(p) for p in args.judgements], ignore_index=True)
    kinds = ("news", "profile", "score") if args.ranking == "all" else (args.ranking,)
    for kind in kinds:
        rankings = frame_rankings(judgements, ranker=kind)
        print(f"{kind} ranking")
        if args.verbose:
            print(rankings[["doc", "split", "dominant", "top3", "absent"]].to_string(index=False))
        print(frame_agreement(rankings).round(3).to_string(index=False))


if __name__ == "__main__":
    main()
