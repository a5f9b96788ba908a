"""Time the device detectors on the whole inaugural corpus, in one process on one core.

Run it in a fresh interpreter, so that importing the package and loading NLTK's resources (Punkt,
the tagger, WordNet, stopwords) and the CMU dictionary are part of the total::

    RHETORIC_DATA=../shared/data python benchmarks/devices.py
    RHETORIC_DATA=../shared/data python benchmarks/devices.py --devices alliteration rhetorical_question
    RHETORIC_DATA=../shared/data python benchmarks/devices.py --min-score 0   # every candidate scored

The clock starts before ``rhetoric`` is imported. The process is pinned to one CPU, and numeric
libraries are held to one thread. Every address is read with ``rhetoric.corpora.load_inaugural``
and turned into one :class:`~rhetoric.text.Document`; then ``rhetoric.devices.find_devices`` runs
each selected device on it in turn (one call per device, so each can be timed; the document's
tokens, sentences and tags are computed once and shared, as in a single call with all devices).
A detector's time includes the resources it is the first to load. Devices whose module does not
exist yet are skipped, with a note; a detector module that exists but fails to import is skipped
with a louder note, and the exit status is then 1.

Printed: the total wall time, the time spent loading the corpus and building the text model
(words, sentences, paragraphs), the time per detector (with its first address separately, where
loading shows), the spans found, words per second, and the process's CPU time (on a busy machine
the wall time also counts waiting for the core).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()
STARTED_CPU = time.process_time()

import argparse  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402

from _timing import pin_to_one_core  # noqa: E402

for _variable in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
):
    os.environ.setdefault(_variable, "1")

#: The target of the issue: the whole corpus, all detectors, loading included.
TARGET_SECONDS = 10.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--devices", nargs="+", metavar="DEVICE", help="time only these devices (default: all)"
    )
    parser.add_argument("--data-home", default=None, help="the data home (default: RHETORIC_DATA)")
    parser.add_argument(
        "--min-score",
        type=float,
        default=None,
        help="passed to find_devices (default: each device's threshold; 0: every candidate "
        "scored, as expected counts need)",
    )
    args = parser.parse_args(argv)
    pinned = pin_to_one_core()

    from rhetoric.corpora import load_inaugural
    from rhetoric.devices import check_devices, find_devices, get_finder
    from rhetoric.text import Document

    imported = time.perf_counter()
    try:
        devices = check_devices(args.devices)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    available, missing, broken = [], [], []
    for device in devices:
        try:
            get_finder(device)
        except ModuleNotFoundError as error:
            if (error.name or "").startswith("rhetoric.devices."):
                missing.append(f"{device} (no module {error.name})")
            else:
                broken.append(f"{device} ({type(error).__name__}: {error})")
        except (ImportError, AttributeError) as error:
            broken.append(f"{device} ({type(error).__name__}: {error})")
        else:
            available.append(device)
    modules_loaded = time.perf_counter()

    corpus = load_inaugural(args.data_home)
    corpus_loaded = time.perf_counter()

    seconds = dict.fromkeys(available, 0.0)
    first_doc = dict.fromkeys(available, 0.0)
    spans = dict.fromkeys(available, 0)
    text_model = 0.0
    n_words = 0
    for number, (doc_id, text) in enumerate(zip(corpus["doc_id"], corpus["text"], strict=True)):
        tick = time.perf_counter()
        doc = Document(text, doc_id)
        n_words += len(doc.words)
        doc.paragraphs, doc.sentences  # noqa: B018 -- build the shared text model before the detectors
        text_model += time.perf_counter() - tick
        for device in available:
            tick = time.perf_counter()
            found = find_devices(doc, [device], min_score=args.min_score)
            elapsed = time.perf_counter() - tick
            seconds[device] += elapsed
            if number == 0:
                first_doc[device] = elapsed
            spans[device] += len(found)
    finished = time.perf_counter()
    cpu = time.process_time() - STARTED_CPU

    total = finished - STARTED
    detectors = sum(seconds.values())
    lines = [
        f"inaugural corpus: {len(corpus)} addresses, {n_words:,} words; devices: {len(available)} of {len(devices)}",
        f"python {platform.python_version()} on {platform.machine()}, {pinned}",
        "",
        f"{'stage':<28}{'seconds':>9}{'share':>8}{'first address':>15}{'spans':>8}{'words/s':>11}",
        f"{'import rhetoric':<28}{imported - STARTED:>9.3f}{(imported - STARTED) / total:>8.1%}",
        f"{'import detector modules':<28}{modules_loaded - imported:>9.3f}{(modules_loaded - imported) / total:>8.1%}",
        f"{'load corpus':<28}{corpus_loaded - modules_loaded:>9.3f}{(corpus_loaded - modules_loaded) / total:>8.1%}",
        f"{'text model (words, sents)':<28}{text_model:>9.3f}{text_model / total:>8.1%}",
    ]
    for device in available:
        rate = n_words / seconds[device] if seconds[device] else float("inf")
        lines.append(
            f"{device:<28}{seconds[device]:>9.3f}{seconds[device] / total:>8.1%}"
            f"{first_doc[device]:>15.3f}{spans[device]:>8,}{rate:>11,.0f}"
        )
    lines += [
        f"{'all detectors':<28}{detectors:>9.3f}{detectors / total:>8.1%}{'':>15}{sum(spans.values()):>8,}"
        f"{n_words / detectors if detectors else float('inf'):>11,.0f}",
        "",
        f"total wall time (fresh process, loading included): {total:.3f} s; "
        f"{n_words / total:,.0f} words/s; target < {TARGET_SECONDS:.0f} s: {'met' if total < TARGET_SECONDS else 'NOT met'}",
        f"process CPU time: {cpu:.3f} s (below the wall time when other processes share the core)",
    ]
    if len(available) < len(devices):
        lines.append("the target applies to all ten detectors; this run timed a subset")
    for note in missing:
        lines.append(f"skipped, module missing: {note}")
    for note in broken:
        lines.append(f"skipped, FAILED to import: {note}")
    print("\n".join(lines))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
