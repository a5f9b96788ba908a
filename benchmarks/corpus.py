"""Corpus runs: words per second and peak memory, 1 vs 2 workers, and a large corpus streamed to Parquet.

Run it from the repository root (it takes a few minutes)::

    RHETORIC_DATA=../shared/data python benchmarks/corpus.py [--scale 5 10] [--output FILE]

Measurements, each in a fresh Python process so that one does not warm the next:

1. the full analysis (every device, frames and stance) of the bundled corpora, inaugural +
   State of the Union + Federalist (about 680k words), with ``n_jobs=1`` and ``n_jobs=2``, in
   memory (:func:`rhetoric.analyze_corpus`); the two results are checked to be the same tables;
2. a synthetic corpus of ``scale`` times the bundled corpora (each document's paragraphs
   shuffled with a fixed seed, so no two copies are the same text), written as text files to a
   folder and streamed to Parquet with ``n_jobs=2`` (:func:`rhetoric.write_corpus`: the workers
   read the files themselves and the tables are written in batches), at 5x and 10x, to show
   that memory does not grow with the corpus.

Peak memory is the largest sum, over the run's process and all its worker processes, of their
proportional set size (PSS: shared pages split between the processes that share them), sampled
every 0.2 s; wall time includes starting and warming the workers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

#: Targets of issue 12.
TARGET_SPEEDUP, TARGET_SECONDS, TARGET_PEAK_GIB = 1.7, 20.0, 1.0


def bundled_corpus():
    import pandas as pd

    from rhetoric.corpora import load_federalist, load_inaugural, load_state_union

    parts = []
    for name, loader in (("inaugural", load_inaugural), ("state_union", load_state_union),
                         ("federalist", load_federalist)):  # fmt: skip
        table = loader()[["doc_id", "text"]].copy()
        table["doc_id"] = name + "/" + table["doc_id"].astype(str)
        table["corpus"] = name
        parts.append(table)
    return pd.concat(parts, ignore_index=True)


class PeakMemory:
    """Sample the PSS of this process and its children (recursively) in a thread; keep the peak."""

    def __init__(self, interval: float = 0.2):
        import psutil

        self.psutil, self.interval, self.peak = psutil, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _total(self) -> int:
        me = self.psutil.Process()
        total = 0
        for process in [me, *me.children(recursive=True)]:
            try:
                info = process.memory_full_info()
                total += getattr(info, "pss", info.rss)
            except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._total())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._total())


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes)."""
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def measure_bundled(n_jobs: int, save: str | None) -> dict:
    from rhetoric import analyze_corpus

    corpus = bundled_corpus()
    with PeakMemory() as memory:
        start, cpu = time.perf_counter(), cpu_seconds()
        result = analyze_corpus(corpus, n_jobs=n_jobs, progress=False)
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if save:
        result.spans.to_parquet(save)
    words = int(result.documents["n_words"].sum())
    return {"documents": len(result.documents), "errors": len(result.errors), "words": words,
            "spans": len(result.spans), "seconds": seconds, "cpu_seconds": cpu,
            "words_per_second": words / seconds, "peak_bytes": memory.peak}  # fmt: skip


def make_synthetic(folder: Path, scale: int) -> int:
    """Write ``scale`` shuffled copies of every bundled document to ``folder``; return bytes."""
    corpus = bundled_corpus()
    rng = random.Random(12)
    size = 0
    for copy in range(scale):
        for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
            paragraphs = [p for p in text.split("\n\n") if p.strip()]
            if copy:
                rng.shuffle(paragraphs)
            path = folder / f"{copy:02d}" / f"{doc_id}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            data = "\n\n".join(paragraphs).encode("utf-8")
            path.write_bytes(data)
            size += len(data)
    return size


def measure_stream(scale: int, n_jobs: int) -> dict:
    from rhetoric import write_corpus

    with tempfile.TemporaryDirectory(prefix="rhetoric-bench-") as tmp:
        folder, out = Path(tmp) / "corpus", Path(tmp) / "out"
        size = make_synthetic(folder, scale)
        with PeakMemory() as memory:
            start, cpu = time.perf_counter(), cpu_seconds()
            summary = write_corpus(folder, out, n_jobs=n_jobs, pattern="**/*.txt", progress=False)
            seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        parquet = sum(p.stat().st_size for p in out.rglob("*.parquet"))
    return {"scale": scale, "documents": summary.documents, "errors": dict(summary.errors),
            "words": summary.words, "spans": summary.spans, "input_bytes": size,
            "parquet_bytes": parquet, "seconds": seconds, "cpu_seconds": cpu, "words_per_second": summary.words / seconds,
            "peak_bytes": memory.peak}  # fmt: skip


def _child(args: list[str]) -> dict:
    command = [sys.executable, __file__, "--one", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"benchmark step {args} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _gib(n: float) -> str:
    return f"{n / 2**30:.2f} GiB"


def machine() -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = platform.processor() or "unknown CPU"
    try:
        load = ", load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    except OSError:
        load = ""
    return f"{model}, {cores} cores available{load}; Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, nargs="*", default=[5, 10])
    parser.add_argument("--output", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # a single measurement, in this fresh process
        kind, *rest = args.one
        if kind == "bundled":
            result = measure_bundled(int(rest[0]), rest[1] if len(rest) > 1 else None)
        else:
            result = measure_stream(int(rest[0]), int(rest[1]))
        print(json.dumps(result))
        return

    print(f"machine: {machine()}")
    report = {"machine": machine(), "bundled": {}, "stream": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for n_jobs in (1, 2):
            spans = str(Path(tmp) / f"spans-{n_jobs}.parquet")
            row = _child(["bundled", str(n_jobs), spans])
            report["bundled"][n_jobs] = row
            print(f"bundled corpora, {n_jobs} worker(s): {row['documents']} documents, "
                  f"{row['words']:,} words, {row['spans']:,} spans in {row['seconds']:.1f} s "
                  f"(CPU {row['cpu_seconds']:.1f} s) = "
                  f"{row['words_per_second']:,.0f} words/s; peak memory {_gib(row['peak_bytes'])}")  # fmt: skip
        import pandas as pd

        same = pd.read_parquet(Path(tmp) / "spans-1.parquet").equals(
            pd.read_parquet(Path(tmp) / "spans-2.parquet")
        )
    one, two = report["bundled"][1], report["bundled"][2]
    speedup = one["seconds"] / two["seconds"]
    report["speedup"] = speedup
    print(f"speed-up with 2 workers: {speedup:.2f}x (target >= {TARGET_SPEEDUP}x: "
          f"{'met' if speedup >= TARGET_SPEEDUP else 'NOT met'}); 2 workers in "
          f"{two['seconds']:.1f} s (target < {TARGET_SECONDS:.0f} s: "
          f"{'met' if two['seconds'] < TARGET_SECONDS else 'NOT met'}); same spans: {same}")  # fmt: skip
    for scale in args.scale:
        row = _child(["stream", str(scale), "2"])
        report["stream"][scale] = row
        print(f"synthetic {scale}x streamed to Parquet, 2 workers: {row['documents']:,} documents, "
              f"{row['words']:,} words ({row['input_bytes'] / 1e6:.0f} MB of text) in "
              f"{row['seconds']:.0f} s (CPU {row['cpu_seconds']:.0f} s) = "
              f"{row['words_per_second']:,.0f} words/s; peak memory "
              f"{_gib(row['peak_bytes'])} (target < {TARGET_PEAK_GIB:.0f} GiB: "
              f"{'met' if row['peak_bytes'] < TARGET_PEAK_GIB * 2**30 else 'NOT met'}); "
              f"Parquet {row['parquet_bytes'] / 1e6:.0f} MB, errors {row['errors'] or 'none'}")  # fmt: skip
    if args.output:
        Path(args.output).write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
