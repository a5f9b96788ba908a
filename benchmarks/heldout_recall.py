"""Recall of the candidate finders on the project's own gold-style items, by fold.

``corpus/annotations/heldout_gold.jsonl`` holds positive items in the format of the public gold
(``shared/gold/README.md``), annotated by reading training-pool addresses (see
``corpus/annotations/README.md``). Its documents are split into folds by document
(:data:`FOLDS`):

``develop``
    the finders' new patterns were written looking at these items;
``heldout-1``
    measured once after that (46 of 57, recall 0.807, at commit efbaf2b), then looked at and
    developed on, so no longer held out;
``heldout-2``
    annotated after that measurement, before any detector output on its texts was looked at;
    measured once (33 of 49, recall 0.673), then developed on;
``heldout-3``
    annotated after that; measured once (21 of 30, recall 0.700), then developed on;
``heldout-4``
    annotated after that; measured once (7 of 15, recall 0.467).
``heldout-5``
    annotated by ``helper-recall-2`` on 2026-12-03 (five addresses with few or no judged
    candidates in the scorers' training data), before any output on its texts was looked at;
    measured once at commit "heldout-5: a fifth held-out fold" (candidates 35 of 60, recall
    0.583; default thresholds 13 of 60, 0.217). Kept out of the scorers' training.
``heldout-6``
    annotated by ``helper-recall-6a`` and ``helper-recall-6b`` on 2026-12-04 (six addresses),
    reading the texts only; measured before any finder change of that session (candidates 48
    of 87, recall 0.552; default thresholds 17 of 87, 0.195); after that session's new rules
    49 of 87 and 17 of 87, then its misses were looked at. Kept out of the scorers' training
    until the next session added its items to the training figures.
``heldout-7``
    annotated by ``helper-recall-7a`` (inaugurals 1857 Buchanan, 1881 Garfield, 1929 Hoover)
    and ``helper-recall-7b`` (State of the Union 1977 Ford, 1982 Reagan, 2004 Bush) on
    2026-12-04, reading the texts only; measured at commit 21c41df before any change: candidates
    75 of 115 (recall 0.652), default thresholds 31 of 115 (0.270). In :data:`MEASURED_ONLY`:
    never trained on, no rule written from it. At the end of that session (scorers retrained,
    ``near_opening`` anaphora candidates): candidates 75 of 115, defaults 33 of 115.
``heldout-8``
    annotated at the end of that session by ``helper-recall-8a`` (inaugurals 1813 Madison, 1849
    Taylor, 1897 McKinley) and ``helper-recall-8b`` (State of the Union 1950 Truman, 1978 Carter,
    2005 Bush), reading the texts only; measured once at commit 21ca94c (the session's last
    change): candidates 72 of 111 (recall 0.649), default thresholds 35 of 111 (0.315). In
    :data:`MEASURED_ONLY`.
``heldout-9``
    annotated on 2026-12-04 (session s19) by ``helper-recall-9a`` (inaugurals 1797 Adams, 1805
    Jefferson, 1833 Jackson) and ``helper-recall-9b`` (State of the Union 1957 and 1960
    Eisenhower, 1969 Johnson), reading the texts only: the pool's addresses with the fewest
    judged candidates outside any fold (13 to 40 each, from the first rounds; as for heldout-7
    and -8, those judgements stay training figures, the items never are). Measured once at
    commit 374f482, before any change of that session: candidates 70 of 108 (recall 0.648),
    default thresholds 24 of 108 (0.222). In :data:`MEASURED_ONLY`.

``heldout-10``
    annotated on 2026-12-05 (session s22) by ``helper-recall-10a`` (inaugurals 1809 Madison,
    1837 Van Buren; State of the Union 1947 Truman) and ``helper-recall-10b`` (inaugural 1889
    Harrison; State of the Union 1961 Kennedy, the special message of 25 May, and 1987 Reagan),
    reading the texts only: the pool's addresses outside any fold with the fewest judged
    candidates, 108 items. Their judged candidates (also the eighth round's, drawn before these
    addresses were set apart) stay training figures; the items never are. Measured once at
    commit "heldout-10: a tenth held-out fold", before any change to the detectors. In
    :data:`MEASURED_ONLY`.

``heldout-11``
    annotated on 2026-12-06 (session s26) by ``helper-recall-11a`` (inaugurals 1817 Monroe, 1925
    Coolidge; State of the Union 1990 Bush), ``helper-recall-11b`` (inaugural 1825 Adams; State of
    the Union 1970 Nixon, 1985 Reagan) and ``helper-recall-11c`` (State of the Union 1963
    Kennedy, 2003 Bush), reading the texts only, 183 items. Measured once at commit 70c2d97,
    before any change to the detectors: candidates 126 of 183 (recall 0.689), default thresholds
    68 of 183 (0.372); then developed on (its misses were read to write new candidate rules), so
    a training fold like ``develop`` to ``heldout-6``.

``heldout-12``
    annotated on 2026-12-06 (session s27) by ``helper-recall-12a`` (inaugurals 1789 Washington,
    1821 Monroe; State of the Union 1959 Eisenhower), ``helper-recall-12b`` (State of the Union
    1965 and 1968 Johnson, 1991 Bush) and ``helper-recall-12c`` (State of the Union 1983 Reagan,
    2006 Bush), reading the texts only: pool addresses outside every fold with few judged
    candidates (their earlier judgements stay training figures; no later round draws from them),
    164 items. Measured once at commit f143f9b, before any change of that session: candidates
    109 of 164 (recall 0.665), default thresholds 45 of 164 (0.274). In :data:`MEASURED_ONLY`.

The items of :data:`TRAINING_FOLDS` (``develop`` to ``heldout-6``, and ``heldout-11``) are training figures of the
scorers (``benchmarks/train_scorers.py --gold-folds``): their default-threshold figures are
in-sample. The folds of :data:`MEASURED_ONLY` (``heldout-7`` to ``heldout-10``, ``heldout-12``) are the held-out measurements.
Their addresses hold judged candidates from rounds drawn before they were set apart (the notes
above say "stay training figures"): the shipped scorers are trained on them, so a figure of
these folds at the defaults may have been seen, judged, in training. ``train_scorers.py
--without-held-out --out DIR`` trains scorers that never saw those addresses, and ``--scorers
DIR`` measures the folds with them: the held-out figure to quote (since 2026-12-06).

This script scores each fold with :func:`rhetoric.evaluation.gold.evaluate_gold` and prints
recall per device, for the candidates (``min_score=0``: every figure the finders propose; the
figures quoted above) and for the default output (each device's learned threshold).

    RHETORIC_DATA=../shared/data python benchmarks/heldout_recall.py [--fold NAME ...] [--misses]

``--tradeoff`` prints, per fold, the items matched at the default thresholds and at each
``min_score`` of :data:`rhetoric.evaluation.tradeoff.MIN_SCORES`. ``--second`` compares the items
of ``heldout_gold_second.jsonl`` (heldout-7's addresses annotated again, blind) with the first
annotators': how many figures both marked, and the recall on each set.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from rhetoric.evaluation.gold import evaluate_gold

GOLD = Path("corpus/annotations/heldout_gold.jsonl")
#: The same addresses annotated again, blind, by other annotators (``--second``).
SECOND = Path("corpus/annotations/heldout_gold_second.jsonl")

#: The fold of every document of the file.
FOLDS = {
    **dict.fromkeys([
        "inaugural/texts/1861-Lincoln.txt", "inaugural/texts/1937-Roosevelt.txt",
        "inaugural/texts/1965-Johnson.txt", "inaugural/texts/1985-Reagan.txt",
        "inaugural/texts/1989-Bush.txt", "inaugural/texts/2013-Obama.txt",
        "state_union/texts/2000-Clinton.txt"], "develop"),
    **dict.fromkeys([
        "inaugural/texts/1941-Roosevelt.txt", "inaugural/texts/1977-Carter.txt",
        "inaugural/texts/1997-Clinton.txt", "inaugural/texts/2005-Bush.txt",
        "state_union/texts/1998-Clinton.txt"], "heldout-1"),
    **dict.fromkeys([
        "inaugural/texts/1973-Nixon.txt", "inaugural/texts/1953-Eisenhower.txt",
        "inaugural/texts/1949-Truman.txt", "state_union/texts/1953-Eisenhower.txt"], "heldout-2"),
    **dict.fromkeys([
        "inaugural/texts/1957-Eisenhower.txt", "inaugural/texts/1921-Harding.txt",
        "state_union/texts/1984-Reagan.txt", "state_union/texts/1996-Clinton.txt"], "heldout-3"),
    **dict.fromkeys([
        "inaugural/texts/1905-Roosevelt.txt", "inaugural/texts/1917-Wilson.txt"], "heldout-4"),
    **dict.fromkeys([
        "inaugural/texts/1945-Roosevelt.txt", "inaugural/texts/1893-Cleveland.txt",
        "inaugural/texts/1873-Grant.txt", "inaugural/texts/1901-McKinley.txt",
        "state_union/texts/1973-Nixon.txt"], "heldout-5"),
    **dict.fromkeys([
        "inaugural/texts/1829-Jackson.txt", "inaugural/texts/1869-Grant.txt",
        "inaugural/texts/1877-Hayes.txt", "inaugural/texts/1885-Cleveland.txt",
        "state_union/texts/1949-Truman.txt", "state_union/texts/1991-Bush-2.txt"], "heldout-6"),
    **dict.fromkeys([
        "inaugural/texts/1857-Buchanan.txt", "inaugural/texts/1881-Garfield.txt",
        "inaugural/texts/1929-Hoover.txt", "state_union/texts/1977-Ford.txt",
        "state_union/texts/1982-Reagan.txt", "state_union/texts/2004-GWBush.txt"], "heldout-7"),
    **dict.fromkeys([
        "inaugural/texts/1813-Madison.txt", "inaugural/texts/1849-Taylor.txt",
        "inaugural/texts/1897-McKinley.txt", "state_union/texts/1950-Truman.txt",
        "state_union/texts/1978-Carter.txt", "state_union/texts/2005-GWBush.txt"], "heldout-8"),
    **dict.fromkeys([
        "inaugural/texts/1797-Adams.txt", "inaugural/texts/1805-Jefferson.txt",
        "inaugural/texts/1833-Jackson.txt", "state_union/texts/1957-Eisenhower.txt",
        "state_union/texts/1960-Eisenhower.txt", "state_union/texts/1969-Johnson.txt"], "heldout-9"),
    **dict.fromkeys([
        "inaugural/texts/1809-Madison.txt", "inaugural/texts/1837-VanBuren.txt",
        "inaugural/texts/1889-Harrison.txt", "state_union/texts/1947-Truman.txt",
        "state_union/texts/1961-Kennedy.txt", "state_union/texts/1987-Reagan.txt"], "heldout-10"),
    **dict.fromkeys([
        "inaugural/texts/1817-Monroe.txt", "inaugural/texts/1825-Adams.txt",
        "inaugural/texts/1925-Coolidge.txt", "state_union/texts/1963-Kennedy.txt",
        "state_union/texts/1970-Nixon.txt", "state_union/texts/1985-Reagan.txt",
        "state_union/texts/1990-Bush.txt", "state_union/texts/2003-GWBush.txt"], "heldout-11"),
    **dict.fromkeys([
        "inaugural/texts/1789-Washington.txt", "inaugural/texts/1821-Monroe.txt",
        "state_union/texts/1959-Eisenhower.txt", "state_union/texts/1965-Johnson-1.txt",
        "state_union/texts/1968-Johnson.txt", "state_union/texts/1991-Bush-1.txt",
        "state_union/texts/1983-Reagan.txt", "state_union/texts/2006-GWBush.txt"], "heldout-12"),
}  # fmt: skip
FOLD_NAMES = (
    "develop", "heldout-1", "heldout-2", "heldout-3", "heldout-4", "heldout-5", "heldout-6",
    "heldout-7", "heldout-8", "heldout-9", "heldout-10", "heldout-11",
    "heldout-12",
)  # fmt: skip
#: The folds kept for measuring: never trained on (``train_scorers.py``) nor sampled for
#: judging (``candidate_sheets.py``).
MEASURED_ONLY = ("heldout-7", "heldout-8", "heldout-9", "heldout-10", "heldout-12")
#: The folds whose items are training figures of the scorers (``train_scorers.py --gold-folds``).
TRAINING_FOLDS = tuple(f for f in FOLD_NAMES if f not in MEASURED_ONLY)


def split_items(path: Path = GOLD) -> dict[str, list[str]]:
    """The lines of the gold file, by fold (a document missing from :data:`FOLDS` is an error)."""
    folds: dict[str, list[str]] = {name: [] for name in FOLD_NAMES}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)["doc"]
            if doc not in FOLDS:
                raise SystemExit(f"{doc}: no fold assigned in benchmarks/heldout_recall.py")
            folds[FOLDS[doc]].append(line)
    return folds


def score_fold(lines: list[str], data_home=None, min_score: float | None = 0.0):
    """:func:`evaluate_gold` on the given gold lines (written to a temporary file)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fold.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return evaluate_gold(path, data_home, min_score=min_score)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fold", nargs="+", choices=FOLD_NAMES, default=list(FOLD_NAMES))
    parser.add_argument("--misses", action="store_true", help="list the unmatched items")
    parser.add_argument("--data-home", default=None)
    parser.add_argument(
        "--scorers",
        default=None,
        help="a folder of scorers to use instead of the shipped ones (train_scorers.py --out; "
        "with --without-held-out: scorers that never saw the held-out folds' addresses)",
    )
    parser.add_argument(
        "--tradeoff",
        action="store_true",
        help="recall at the defaults and at each min_score of rhetoric.evaluation.tradeoff",
    )
    parser.add_argument(
        "--second",
        action="store_true",
        help=f"compare the items of {SECOND} (the same addresses annotated again, blind) with the "
        "first annotators': how many figures both marked, and the detectors' recall on each set",
    )
    args = parser.parse_args(argv)
    if args.scorers:
        from rhetoric.scoring.model import SCORERS_ENV

        os.environ[SCORERS_ENV] = str(Path(args.scorers).resolve())
    folds = split_items()
    if args.tradeoff:
        return print_tradeoff(folds, args)
    if args.second:
        return print_second(args)
    for name in args.fold:
        summary, items = score_fold(folds[name], args.data_home, min_score=0.0)
        default, _ = score_fold(folds[name], args.data_home, min_score=None)
        total, kept = summary.iloc[-1], default.iloc[-1]
        recall = total["matched"] / max(total["positives"], 1)
        print(
            f"== {name}: candidates {total['matched']}/{total['positives']} (recall {recall:.3f}); "
            f"default thresholds {kept['matched']}/{kept['positives']}"
        )
        table = summary[["device", "positives", "matched"]].assign(default=default["matched"])
        print(table.to_string(index=False))
        if args.misses:
            for item in items[~items["ok"]].itertuples():
                print(f"  MISS {item.device:20s} {item.doc.split('/')[-1]:22s} {item.quote[:90]!r}")
    return 0


def print_tradeoff(folds: dict[str, list[str]], args) -> int:
    """Recall of each fold at the defaults and at each ``min_score`` (no precision: the
    addresses' figures are not all judged)."""
    import pandas as pd

    from rhetoric.evaluation.tradeoff import min_score_tradeoff

    rows = []
    for name in args.fold:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fold.jsonl"
            path.write_text("\n".join(folds[name]) + "\n", encoding="utf-8")
            table = min_score_tradeoff(path, (), args.data_home)
        rows.append(table.set_index("min_score")["matched"].rename(name))
        positives = int(table["positives"].iloc[0])
        rows[-1].name = f"{name} (of {positives})"
    print(pd.DataFrame(rows).to_string())
    return 0


def print_second(args) -> int:
    """Two annotators' items on the same addresses: the share of each one's items the other also
    marked (same device, overlapping occurrences: :func:`rhetoric.evaluation.gold.shared_items`),
    and the detectors' recall (candidates, defaults) on each set and on the items both marked."""
    from rhetoric.evaluation.gold import gold_documents, load_gold, shared_items

    second = load_gold(SECOND)
    docs = set(second["doc"])
    # the first annotators' items on the same addresses: lines and items in the same order
    first_lines = [line for line in _lines(GOLD) if json.loads(line)["doc"] in docs]
    first = load_gold(GOLD)
    first = first[first["doc"].isin(docs)]
    documents = gold_documents(second, args.data_home)
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    in_second, in_first = shared_items(first, second, texts), shared_items(second, first, texts)
    print(f"{len(docs)} addresses; first annotators {len(first)} items, {int(in_second.sum())} "
          f"also marked by the second ({in_second.mean():.2f}); second annotators {len(second)} "
          f"items, {int(in_first.sum())} also marked by the first ({in_first.mean():.2f})")  # fmt: skip
    by_device = first.assign(shared=in_second).groupby("device")["shared"].agg(["sum", "count"])
    print("first's items the second also marked, by device:",
          ", ".join(f"{d} {int(r['sum'])}/{int(r['count'])}" for d, r in by_device.iterrows()))  # fmt: skip
    sets = {
        "first annotators": first_lines,
        "second annotators": _lines(SECOND),
        "marked by both (first's quotes)": [
            line for line, both in zip(first_lines, in_second, strict=True) if both
        ],
        "marked by the first only": [
            line for line, both in zip(first_lines, in_second, strict=True) if not both
        ],
    }
    for label, lines in sets.items():
        candidates = score_fold(lines, args.data_home, min_score=0.0)[0].iloc[-1]
        default = score_fold(lines, args.data_home, min_score=None)[0].iloc[-1]
        n = int(candidates["positives"])
        print(f"{label}: {n} items; candidates {int(candidates['matched'])} "
              f"({candidates['matched'] / n:.2f}); defaults {int(default['matched'])} "
              f"({default['matched'] / n:.2f})")  # fmt: skip
    return 0


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


if __name__ == "__main__":
    raise SystemExit(main())
