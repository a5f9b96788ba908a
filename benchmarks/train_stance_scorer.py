"""Train the judged-stance scorer of loaded words (``rhetoric/resources/stance/scorer_loaded.json``).

Run: ``RHETORIC_DATA=../shared/data python benchmarks/train_stance_scorer.py [--check]``

The candidates are those of :func:`rhetoric.framing.stance_scorer.loaded_candidates` (PTC
probability >= 0.25, outside names, not negated); each judged record is matched to the current
candidate of its document that it overlaps, and described by
:func:`~rhetoric.framing.stance_scorer.candidate_features`. Judgements (rubric row stance /
loaded; TRUE is the positive class, BORDERLINE and FALSE are not):

- ``corpus/annotations/stance_train_loaded_sample.jsonl``: random samples of the candidates of
  the training pool, drawn per genre (speech, news) and polarity; each record names the size of
  its cell (``cell_size``), so a record stands for ``cell_size / drawn`` candidates. Calibration,
  threshold and every cross-validated figure are computed on these, weighted back to the
  candidates as they occur.
- ``corpus/annotations/stance_train_loaded.jsonl``: the earlier sample on addresses (stratified
  by score at other cut-offs): trained on only (``measured=False`` of
  :func:`rhetoric.scoring.train.fit_scorer`).

Only training-pool documents are read (a record naming another stops the script). The model
kind (logistic regression or boosted trees), calibration and threshold (the lowest score whose
out-of-fold precision reaches ``--target``) are chosen by the devices' machinery, with folds
grouped by document. ``--check`` prints without writing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from rhetoric.datahome import get_data_home
from rhetoric.evaluation.pool import genre_of, training_documents
from rhetoric.framing.stance_scorer import (
    CANDIDATE_MIN_SCORE,
    SCORER_FILE,
    STANCE_FEATURES,
    candidate_features,
    loaded_candidates,
)
from rhetoric.scoring.train import fit_scorer
from rhetoric.text import Document, read_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "annotations" / "stance_train_loaded_sample.jsonl"
EARLIER = ROOT / "corpus" / "annotations" / "stance_train_loaded.jsonl"
OUT = ROOT / "rhetoric" / "resources" / "stance" / SCORER_FILE


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def judged_records(pool: set[str]) -> list[dict]:
    """Every judged record, marked ``measured`` (the random sample) or not, with its weight."""
    sample, earlier = _read(SAMPLE), _read(EARLIER)
    drawn = Counter((genre_of(r["doc"]), r["kind"]) for r in sample)
    for r in sample:
        r["measured"] = True
        r["weight"] = r["cell_size"] / drawn[(genre_of(r["doc"]), r["kind"])]
    for r in earlier:
        r["measured"], r["weight"] = False, 1.0
    records = sample + earlier
    outside = sorted({r["doc"] for r in records} - pool)
    if outside:
        sys.exit(f"judged records name documents outside the training pool: {outside[:5]}")
    return records


def matched_features(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """Feature records of the judged records that overlap a current candidate (one judgement
    per candidate: the random sample's first), and the judged records themselves."""
    home = get_data_home()
    features, kept = [], []
    for path in sorted({r["doc"] for r in records}):
        doc = Document(read_text(home / path), path)
        spans = loaded_candidates(doc)
        rows = candidate_features(doc, spans)
        taken: set[int] = set()
        for r in (r for r in records if r["doc"] == path):
            hit = next((k for k, s in enumerate(spans)
                        if s.start < r["end"] and r["start"] < s.end and k not in taken), None)  # fmt: skip
            if hit is None:
                continue
            taken.add(hit)
            features.append(rows[hit])
            kept.append(r)
    return features, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=0.80, help="out-of-fold precision to reach")
    parser.add_argument("--kind", default="auto", choices=("auto", "logistic", "trees"))
    parser.add_argument("--check", action="store_true", help="print, do not write the model")
    args = parser.parse_args()

    pool = set(training_documents())
    records = judged_records(pool)
    features, kept = matched_features(records)
    print(f"{len(records)} judged records, {len(kept)} matched to a current candidate")
    labels = [1.0 if r["verdict"] == "TRUE" else 0.0 for r in kept]
    hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in (SAMPLE, EARLIER)}
    provenance = {
        "trained_by": "benchmarks/train_stance_scorer.py",
        "judgements": hashes,
        "candidates": f"rhetoric.framing.stance_scorer.loaded_candidates (PTC probability >= {CANDIDATE_MIN_SCORE})",
        "positive": "verdict TRUE (rubric row stance / loaded)",
        "matched": {
            "measured": sum(r["measured"] for r in kept),
            "trained_only": sum(not r["measured"] for r in kept),
            "by_genre": dict(Counter(genre_of(r["doc"]) for r in kept)),
            "true": int(sum(labels)),
        },
    }
    model, cv = fit_scorer(
        "stance_loaded", features, labels, [r["doc"] for r in kept], kind=args.kind,
        target_precision=args.target, weights=[r["weight"] for r in kept],
        measured=[r["measured"] for r in kept], provenance=provenance,
        known_features=STANCE_FEATURES,
    )  # fmt: skip
    summary = {k: v for k, v in cv.items() if k != "kinds"}
    print(json.dumps(summary, indent=1))
    for kind, figures in cv["kinds"].items():
        print(kind, json.dumps(figures))
    if not args.check:
        OUT.write_text(model.to_json(), encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
