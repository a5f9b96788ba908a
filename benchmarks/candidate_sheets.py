"""Write sheets of candidate figures from the training pool, for judging by the rubric.

Every detector runs over the training pool (:func:`rhetoric.evaluation.pool.training_documents`:
never a reserved or development text); its spans are grouped into figures (one ``group`` = one
figure) and a random sample per device and genre is written, one JSON Lines file per device, with
about 150 characters of context on each side and the figure's parts marked ``[[...]]``.

The sheets hold PTC text, which is not redistributable: write them outside the repository (the
default is ``/tmp/rhetoric-candidates``). Judged records keep offsets and verdicts only (see
``corpus/annotations/README.md``).

    RHETORIC_DATA=../shared/data python benchmarks/candidate_sheets.py --per-genre 150

``--bands TOP,BELOW`` draws by the current scorer's score instead of by genre (issue 10's third
round): ``TOP`` figures at random from the band scored at least the device's threshold minus
``--band-width`` and ``BELOW`` from the rest, both genres together (or one, ``--genres news``:
the band is then the genre's, ``news/score-top``); each record carries its band
(``stratum``: ``score-top`` or ``score-below``), the band's number of figures in the pool
(``cell_size``, after ``--exclude-judged``) and its ``score``, so that the fit can weight each
judged figure by ``cell_size`` over the figures drawn from its band
(``benchmarks/train_scorers.py``). The documents of the held-out folds (``MEASURED_ONLY`` of
``benchmarks/heldout_recall.py``) are left out (``--exclude-fold``).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from functools import cache
from pathlib import Path

import pandas as pd

from rhetoric.datahome import get_data_home
from rhetoric.devices import DEVICES
from rhetoric.evaluation.pool import genre_of, pool_texts_as_unseen, training_documents
from rhetoric.pipeline import analyze_corpus
from rhetoric.text import decode

CONTEXT = 150


def figures_of(spans) -> list[dict]:
    """Group span rows of one document into figures (same device and group; a lone span alone)."""
    groups: dict[tuple, list] = defaultdict(list)
    for row in spans:
        group = row["group"] if isinstance(row["group"], str) and row["group"] else None
        key = (row["device"], group or f"single-{row['start']}-{row['end']}-{row['kind']}")
        groups[key].append(row)
    return [sorted(parts, key=lambda r: r["start"]) for parts in groups.values()]


def context_of(text: str, parts: list[dict]) -> str:
    start, end = parts[0]["start"], max(p["end"] for p in parts)
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    pieces, position = [], left
    for p in parts:
        if p["start"] < position:
            continue
        pieces += [text[position : p["start"]], "[[", text[p["start"] : p["end"]], "]]"]
        position = p["end"]
    pieces.append(text[position:right])
    return ("…" if left else "") + "".join(pieces) + ("…" if right < len(text) else "")


@cache
def judged_of(folder: str, device: str) -> dict[str, list[tuple[int, int]]]:
    """The judged figures of one device family, as ``{doc: [(start, end), ...]}`` (read once)."""
    spans: dict[str, list] = defaultdict(list)
    path = Path(folder) / f"{device}.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                spans[record["doc"]].append((record["start"], record["end"]))
    return spans


def already_judged(record: dict, judged: dict) -> bool:
    return any(s < record["end"] and record["start"] < e for s, e in judged.get(record["doc"], ()))


def round_robin_by_kind(pool: list[dict]) -> list[dict]:
    """Interleave the kinds of a shuffled pool, so that a rare kind is sampled as often as a common one."""
    kinds: dict[str, list] = defaultdict(list)
    for record in pool:
        kinds[record["kind"]].append(record)
    queues = [kinds[k] for k in sorted(kinds)]
    return [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]


def score_bands(records: list[dict], threshold: float, width: float) -> dict[str, list[dict]]:
    """The figures of one device split by their score: ``score-top`` (>= threshold - width) and
    ``score-below``."""
    cut = threshold - width
    return {
        "score-top": [r for r in records if r["score"] >= cut],
        "score-below": [r for r in records if r["score"] < cut],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/rhetoric-candidates")
    parser.add_argument("--per-genre", type=int, default=150)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--devices", default=",".join(DEVICES), help="only these sheets")
    parser.add_argument(
        "--kinds",
        default=None,
        help="only figures of these kinds (comma-separated; a round for a new kind of candidate: "
        "the judged figures are weighted by their (device, genre, kind) stratum all the same)",
    )
    parser.add_argument(
        "--exclude-judged",
        metavar="DIR",
        help="leave out figures already judged in DIR/<device>.jsonl (same document, overlapping)",
    )
    parser.add_argument(
        "--bands",
        metavar="TOP,BELOW",
        help="draw TOP figures from the band scored >= threshold - --band-width and BELOW from "
        "the rest (both genres), recording stratum and cell_size, instead of --per-genre",
    )
    parser.add_argument("--band-width", type=float, default=0.2)
    parser.add_argument(
        "--genres",
        default="speech,news",
        help="draw from these genres only (a banded round of one genre names its bands "
        "'<genre>/score-top', '<genre>/score-below', and counts their cell_size in that genre)",
    )
    parser.add_argument(
        "--exclude-fold",
        default=None,
        help="leave out the documents of these folds of benchmarks/heldout_recall.py "
        "(comma-separated; '' for none; default: its MEASURED_ONLY): the held-out "
        "measurement's texts are not annotated",
    )
    args = parser.parse_args()
    genres = [g for g in ("speech", "news") if g in args.genres.split(",")]
    if not genres:
        parser.error("--genres: speech, news or both")
    home = get_data_home()
    docs = training_documents()
    from heldout_recall import FOLDS, MEASURED_ONLY

    exclude = ",".join(MEASURED_ONLY) if args.exclude_fold is None else args.exclude_fold
    if exclude:
        held = {d for d, fold in FOLDS.items() if fold in exclude.split(",")}
        docs = [d for d in docs if d not in held]
    paths = [home / d for d in docs]
    with pool_texts_as_unseen(home):  # PTC train articles without their own labels
        result = analyze_corpus(
            pd.DataFrame({"doc_id": docs, "path": [str(p) for p in paths]}),
            devices=args.devices.split(","),
            frames=False,
            n_jobs=args.jobs,
            min_score=0,  # every candidate, not only those above the current scorers' thresholds
        )
    spans = result.spans[result.spans["device"].isin(DEVICES)]
    # the text the offsets refer to: decoded as the detectors decode it (not UTF-8 with
    # replacement characters, whose lengths differ where a file is not UTF-8)
    texts = {d: decode((home / d).read_bytes())[0] for d in docs}
    by_device: dict[tuple, list] = defaultdict(list)
    for doc_id, doc_spans in spans.groupby("doc_id", sort=True):
        for parts in figures_of(doc_spans.to_dict("records")):
            first = parts[0]
            by_device[(first["device"], genre_of(doc_id))].append({
                "doc": doc_id, "genre": genre_of(doc_id), "device": first["device"],
                "kind": first["kind"], "start": first["start"],
                "end": max(p["end"] for p in parts),
                "parts": [[p["start"], p["end"]] for p in parts],
                "text": " … ".join(p["text"] for p in parts)[:400],
                "evidence": first["evidence"],
                "score": round(float(first["score"]), 4),
                "context": context_of(texts[doc_id], parts),
            })  # fmt: skip
    if args.kinds:
        kinds = set(args.kinds.split(","))
        by_device = {
            key: [r for r in records if r["kind"] in kinds] for key, records in by_device.items()
        }
    if args.exclude_judged:
        by_device = {
            key: [
                r for r in records if not already_judged(r, judged_of(args.exclude_judged, key[0]))
            ]
            for key, records in by_device.items()
        }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    for device in args.devices.split(","):
        if args.bands:
            from rhetoric.scoring.model import load_model

            threshold = load_model(device).threshold
            records = sorted(
                (r for genre in genres for r in by_device.get((device, genre), [])),
                key=lambda r: (r["doc"], r["start"]),
            )
            prefix = "" if set(genres) == {"speech", "news"} else "+".join(genres) + "/"
            chosen = []
            for (band, pool), n in zip(
                score_bands(records, threshold, args.band_width).items(),
                map(int, args.bands.split(",")),
                strict=True,
            ):
                drawn = rng.sample(pool, min(n, len(pool)))
                chosen += [{**r, "stratum": prefix + band, "cell_size": len(pool)} for r in drawn]
                print(f"{device:<20} {band:<12} {len(pool):>5} figures, {len(drawn)} sampled "
                      f"(threshold {threshold:.3f} - {args.band_width})")  # fmt: skip
            rng.shuffle(chosen)
            with open(out / f"{device}.jsonl", "w", encoding="utf-8") as sheet:
                for number, record in enumerate(chosen):
                    sheet.write(
                        json.dumps({"id": f"{device}-{number}", **record}, ensure_ascii=False)
                        + "\n"
                    )
            continue
        chosen = []
        for genre in genres:
            pool = sorted(by_device[(device, genre)], key=lambda r: (r["doc"], r["start"]))
            rng.shuffle(pool)
            chosen += round_robin_by_kind(pool)[: args.per_genre]
            print(
                f"{device:<20} {genre:<6} {len(pool):>5} figures, {min(len(pool), args.per_genre)} sampled"
            )
        with open(out / f"{device}.jsonl", "w", encoding="utf-8") as sheet:
            for number, record in enumerate(chosen):
                sheet.write(
                    json.dumps({"id": f"{device}-{number}", **record}, ensure_ascii=False) + "\n"
                )


if __name__ == "__main__":
    main()
