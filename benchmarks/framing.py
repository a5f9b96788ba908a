"""Time the frame profile of the whole inaugural corpus, in one process on one core.

Run it in a fresh interpreter from the repository root::

    RHETORIC_DATA=../shared/data python benchmarks/framing.py [--output FILE]
    RHETORIC_DATA=../shared/data python benchmarks/framing.py --suggest   # lexicon candidates

The clock starts before ``rhetoric`` is imported, and the process is pinned to one CPU. Stages:
importing the package; loading WordNet (the base-form lookup shared with the device detectors,
loaded once per process); loading the corpus; then :func:`rhetoric.framing.corpus_frame_table`
on the 59 addresses, which builds every :class:`~rhetoric.text.Document` from the raw text
(tokenising included), matches the 14 frame lexicons and builds the tidy table. It runs three
times: the first run also compiles the lexicon and resolves every word type once (kept for the
process); the later ones show the steady state. The stance finder's time over the same corpus is
printed for information.

The issue's target ("a frame profile for the whole inaugural corpus in under 3 seconds on one
core") is checked on the first profile run with the shared resources loaded; the whole cold
process (import and WordNet included) is printed as well, together with the CPU time (on a busy
machine the wall time also counts waiting for the core).

``--suggest`` prints, for every frame, the top 60 candidate terms of
:func:`rhetoric.framing.suggest_terms` over the inaugural and State of the Union sentences: the
lists that were reviewed to widen the built-in lexicons (``rhetoric/resources/frames``).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()
STARTED_CPU = time.process_time()

import argparse  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402

from _timing import pin_to_one_core  # noqa: E402

#: The target of the issue, in seconds, for the profile of the whole inaugural corpus.
TARGET_SECONDS = 3.0


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def benchmark() -> list[str]:
    pinned = pin_to_one_core()
    lines: list[str] = []
    rows: list[tuple[str, float, str]] = []

    start = time.perf_counter()
    import rhetoric  # noqa: F401
    from rhetoric.corpora import load_inaugural
    from rhetoric.framing import corpus_frame_table, find_stance
    from rhetoric.lexicon import lemma

    rows.append(("import rhetoric", time.perf_counter() - start, ""))
    _, seconds = timed(lemma, "taxes")
    rows.append(("load WordNet (shared)", seconds, ""))
    corpus, seconds = timed(load_inaugural)
    rows.append(("load corpus", seconds, ""))

    runs = []
    for run in range(3):
        table, seconds = timed(corpus_frame_table, corpus)
        runs.append(seconds)
        label = "frame profile, run 1" if run == 0 else f"frame profile, run {run + 1}"
        note = "lexicon compiled, word types resolved" if run == 0 else "steady state"
        rows.append((label, seconds, note))
    n_words = int(table.drop_duplicates("doc_id")["n_words"].sum())
    hits = int(table["hits"].sum())

    def stance_all():
        from rhetoric.text import Document

        return sum(len(find_stance(Document(t))) for t in corpus["text"])

    n_stance, seconds = timed(stance_all)
    rows.append(("stance (for information)", seconds, f"{n_stance:,} spans"))
    total = time.perf_counter() - STARTED
    cpu = time.process_time() - STARTED_CPU

    lines.append(
        f"inaugural corpus: {len(corpus)} addresses, {n_words:,} words; {hits:,} frame keyword hits"
    )
    lines.append(f"python {platform.python_version()} on {platform.machine()}, {pinned}")
    lines.append("")
    lines.append(f"{'stage':<28}{'seconds':>9}  note")
    for name, seconds, note in rows:
        lines.append(f"{name:<28}{seconds:>9.3f}  {note}")
    lines.append("")
    cold_one = sum(seconds for _, seconds, _ in rows[:4])
    lines.append(f"process total (cold, from before import): {total:.3f} s wall, {cpu:.3f} s CPU")
    lines.append(f"cold single profile (import + WordNet + corpus + run 1): {cold_one:.3f} s")
    first = runs[0]
    verdict = "met" if first < TARGET_SECONDS else "NOT met"
    lines.append(
        f"target: frame profile of the whole corpus in < {TARGET_SECONDS:.0f} s -> "
        f"{first:.3f} s (run 1), {min(runs[1:]):.3f} s (steady): {verdict}; "
        f"{n_words / first:,.0f} words/s"
    )
    top = (
        table.groupby("frame")["share"]
        .mean()
        .sort_values(ascending=False)
        .head(5)
        .round(3)
        .to_dict()
    )
    lines.append(f"mean frame shares (top 5): {top}")
    return lines


def targets() -> list[str]:
    """The issue's other targets, measured after the timings (not part of them)."""
    from rhetoric.corpora import load_seed, load_state_union
    from rhetoric.framing import (
        WAR_YEARS,
        address_month,
        corpus_frame_table,
        frame_profile,
        recession_within,
    )

    lines = ["", "targets on real texts:"]
    profile = frame_profile(load_seed()["text"].iloc[0])
    top = ", ".join(
        f"{r.frame} {r.score:.2f} ({r.hits} hits)" for r in profile.head(3).itertuples()
    )
    lines.append(f"seed article, top 3 frames by score: {top}")
    corpus = load_state_union()
    corpus["month"] = [
        address_month(t, int(y)) for t, y in zip(corpus["text"], corpus["year"], strict=True)
    ]
    table = corpus_frame_table(corpus, text="clean_text")
    table["year"] = table["year"].astype(int)
    dominant = table[(table.doc_id == "2002-GWBush") & table.dominant]
    row = table[(table.doc_id == "2002-GWBush") & (table.frame == dominant.frame.iloc[0])].iloc[0]
    lines.append(
        f"2002 State of the Union: dominant {row.frame} (share {row.share:.3f}, score {row.score:.2f})"
    )
    security = table[table.frame == "security_and_defense"]
    war = security.year.isin(WAR_YEARS)
    lines.append(
        f"security_and_defense share, war years ({war.sum()} addresses) vs other ({(~war).sum()}): "
        f"{security[war].share.mean():.3f} vs {security[~war].share.mean():.3f}"
    )
    economic = table[table.frame == "economic"].copy()
    economic["recession"] = [
        recession_within(y, m) for y, m in zip(economic.year, economic.month, strict=True)
    ]
    calendar = economic.year.map(lambda y: recession_within(y, 12, 11))
    r = economic.recession
    lines.append(
        f"economic share, recession in the 12 months before the address ({r.sum()}) vs other "
        f"({(~r).sum()}): {economic[r].share.mean():.3f} vs {economic[~r].share.mean():.3f}"
    )
    lines.append(
        f"economic share, recession in the calendar year of the address ({calendar.sum()}) vs other "
        f"({(~calendar).sum()}): {economic[calendar].share.mean():.3f} vs "
        f"{economic[~calendar].share.mean():.3f}"
    )
    peak = economic.sort_values("score").iloc[-1]
    lines.append(
        f"highest economic score: {peak.doc_id} ({peak.score:.2f}; recession address: {peak.recession})"
    )
    return lines


def suggest() -> list[str]:
    from rhetoric.corpora import load_inaugural, load_state_union
    from rhetoric.framing import FRAMES, suggest_terms
    from rhetoric.text import Document

    texts = list(load_inaugural()["clean_text"]) + list(load_state_union()["clean_text"])
    docs = [Document(t) for t in texts]
    lines = []
    for frame in FRAMES[:-1]:
        table = suggest_terms(docs, frame, n=60, min_count=5)
        lines.append(f"## {frame}")
        lines.append(
            ", ".join(
                f"{r.term} ({r.in_frame}/{r.elsewhere}{'; ' + r.listed_under if r.listed_under else ''})"
                for r in table.itertuples()
            )
        )
        lines.append("")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", help="also write the report (Markdown) to this file")
    parser.add_argument("--suggest", action="store_true", help="print lexicon candidates instead")
    args = parser.parse_args(argv)
    lines = suggest() if args.suggest else benchmark() + targets()
    report = "\n".join(lines)
    print(report)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write("```\n" + report + "\n```\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
