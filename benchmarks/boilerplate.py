"""Measure what the input cleaning removes, and what it changes for the device detectors.

    RHETORIC_DATA=../shared/data python benchmarks/boilerplate.py [--out benchmarks/RESULTS-boilerplate.md]

Three tables, printed as Markdown (and written to ``--out``):

1. The State of the Union corpus (every address; analysing, not tuning): audience reactions and
   other stage directions removed, against a plain count of bracketed audience reactions in the
   raw text, and the words "applause" / "laughter" that are still counted as words (target 0).
2. PTC train articles: removed spans by reason.
3. PTC train articles: device spans per device found before cleaning (``remove_boilerplate=False``
   and no headings, as the text model was) and after it, and device spans that lie inside a
   removed span (target 0 after cleaning).

The rules were written from the training pool (never from a reserved text); these counts only
report what they do.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

from rhetoric.datahome import get_data_home
from rhetoric.devices import DEVICES, find_devices
from rhetoric.evaluation.report import markdown_table
from rhetoric.text import Document, read_text

#: A bracketed audience reaction, counted in the raw text for comparison (not the removal rule).
RAW_REACTION = re.compile(
    r"[(\[][^()\[\]\n]{0,40}\b(?:applause|laughter|cheers)\b[^()\[\]\n]{0,40}[)\]]", re.I
)


def _read(path: Path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_text(path)


def state_of_the_union(home: Path) -> pd.DataFrame:
    rows = []
    for path in sorted((home / "state_union" / "texts").glob("*.txt")):
        text = _read(path)
        doc = Document(text, path.name)
        kinds = collections.Counter(s.kind for s in doc.removed)
        rows.append(
            {
                "doc_id": path.name,
                "reactions_in_raw_text": len(RAW_REACTION.findall(text)),
                "stage_directions_removed": kinds["stage direction"],
                "speaker_labels_removed": kinds["speaker label"],
                "other_removed": sum(kinds.values())
                - kinds["stage direction"]
                - kinds["speaker label"],
                "reaction_words_left": sum(w.norm in ("applause", "laughter") for w in doc.words),
            }
        )
    return pd.DataFrame(rows)


def _no_headings(bounds: list[tuple[int, int]]) -> list[bool]:
    return [False] * len(bounds)


def ptc_train(home: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    removed, devices = [], []
    for path in sorted((home / "ptc" / "train-articles").glob("*.txt")):
        text = _read(path)
        raw = Document(text, path.name, remove_boilerplate=False)
        raw._heading_flags = _no_headings  # the text model before cleaning: no headings either
        clean = Document(text, path.name)
        removed += [
            {"doc_id": path.name, "reason": s.kind, "chars": s.end - s.start} for s in clean.removed
        ]
        for setting, doc in (("before", raw), ("after", clean)):
            for level, min_score in (("candidates", 0.0), ("default", None)):
                for span in find_devices(doc, min_score=min_score):
                    inside = any(r.start <= span.start and span.end <= r.end for r in clean.removed)
                    touching = any(r.start < span.end and span.start < r.end for r in clean.removed)
                    devices.append({"setting": setting, "level": level, "device": span.device,
                                    "inside_removed": inside, "touching_removed": touching})  # fmt: skip
    return pd.DataFrame(removed), pd.DataFrame(devices)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    home = get_data_home()
    started = time.perf_counter()

    sotu = state_of_the_union(home)
    sotu_total = sotu.drop(columns="doc_id").sum()
    lines = ["# What the input cleaning removes", ""]
    lines += ["## State of the Union addresses", ""]
    lines += [
        f"{len(sotu)} addresses. " + ", ".join(f"{k}: {v}" for k, v in sotu_total.items()),
        "",
    ]
    lines += [markdown_table(sotu[sotu.drop(columns="doc_id").sum(axis=1) > 0]), ""]

    removed, devices = ptc_train(home)
    n_articles = len(list((home / "ptc" / "train-articles").glob("*.txt")))
    by_reason = (
        removed.groupby("reason")
        .agg(spans=("chars", "size"), articles=("doc_id", "nunique"), chars=("chars", "sum"))
        .sort_values("spans", ascending=False)
        .reset_index()
    )
    lines += ["## PTC train articles: removed spans by reason", ""]
    lines += [
        f"{n_articles} articles, {len(removed)} removed spans in {removed['doc_id'].nunique()} articles.",
        "",
    ]
    lines += [markdown_table(by_reason), ""]

    for level, title in (
        ("candidates", "every candidate figure (`min_score=0`)"),
        ("default", "figures above each device's default threshold"),
    ):
        rows = devices[devices["level"] == level]
        count = rows.groupby(["device", "setting"]).size().unstack(fill_value=0)
        inside = rows.groupby(["device", "setting"])["inside_removed"].sum().unstack(fill_value=0)
        touching = (
            rows.groupby(["device", "setting"])["touching_removed"].sum().unstack(fill_value=0)
        )
        summary = pd.DataFrame(
            {
                "spans_before": count.get("before", 0),
                "spans_after": count.get("after", 0),
                "inside_removed_before": inside.get("before", 0),
                "inside_removed_after": inside.get("after", 0),
                "touching_removed_after": touching.get("after", 0),
            }
        ).reindex(DEVICES, fill_value=0)
        summary.loc["total"] = summary.sum()
        lines += [f"## PTC train articles: device spans before and after cleaning, {title}", ""]
        lines += [markdown_table(summary.reset_index()), ""]
    lines += [f"Time: {time.perf_counter() - started:.0f} s.", ""]
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
