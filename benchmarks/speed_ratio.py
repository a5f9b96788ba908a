"""Issue 10's speed bound, measured directly: all detectors over the inaugural corpus now, against
the code before clean input and the learned scorers, run alternately on the same machine.

The bound is "within 1.5x of the time ``benchmarks/devices.py`` printed when the issue was filed".
A time measured once, on another day, drifts with the machine (the same code has read 5.2 s and
6.1 s within an hour here, and a first run after a boot reads every resource file from disk), so
this script times both codes in turn, in fresh processes, and compares the medians of the
"all detectors" line of each::

    git worktree add --detach /tmp/rhetoric-before 52b1d01
    RHETORIC_DATA=../shared/data python benchmarks/speed_ratio.py --before /tmp/rhetoric-before --runs 3

``--before`` is a checkout of :data:`BEFORE_COMMIT` (main when issue 10 was filed: its detectors
are rules, with no scorer); it is imported with ``PYTHONPATH`` set to it, with this Python. Each
code is run once first, not counted (the files it reads come into the page cache), then
``--runs`` times each, alternately. Printed: every run's seconds, the medians and their ratio
against the bound. Run it on a machine that is otherwise idle: another process on the core
slows both codes, but not always by the same factor.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

#: Main when issue 10 was filed (2026-11-25): the detectors before clean input and the scorers.
BEFORE_COMMIT = "52b1d01"
#: The issue's bound on the ratio of the two times.
BOUND = 1.5
HERE = Path(__file__).resolve().parent.parent
_LINE = re.compile(r"^all detectors\s+([0-9.]+)\s", re.M)


def detector_seconds(printed: str) -> float:
    """The seconds of the "all detectors" line that ``benchmarks/devices.py`` prints.

    >>> detector_seconds("text model  2.1  20%\\nall detectors   5.267   65.2%   6,595  26,179\\n")
    5.267
    """
    found = _LINE.search(printed)
    if found is None:
        raise ValueError("no 'all detectors' line in the benchmark's output")
    return float(found.group(1))


def run_devices(checkout: Path) -> float:
    """One fresh run of ``benchmarks/devices.py`` of ``checkout``, importing that checkout's code.

    It runs in ``checkout``: the data home and NLTK's folder, when given as relative paths, are
    made absolute first (relative to this process's working folder, as the user meant them)."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    for variable in ("RHETORIC_DATA", "NLTK_DATA"):
        if environment.get(variable):
            environment[variable] = os.path.abspath(environment[variable])
    done = subprocess.run(
        [sys.executable, str(checkout / "benchmarks" / "devices.py")],
        cwd=checkout,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{checkout}: benchmarks/devices.py failed:\n{done.stderr[-2000:]}")
    return detector_seconds(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, type=Path, help=f"a checkout of {BEFORE_COMMIT}")
    parser.add_argument("--runs", type=int, default=3, help="counted runs of each code")
    args = parser.parse_args(argv)
    before = args.before.resolve()
    if not (before / "benchmarks" / "devices.py").is_file():
        print(f"error: --before {before}: no benchmarks/devices.py there", file=sys.stderr)
        return 2
    codes = {"before": before, "now": HERE}
    for checkout in codes.values():
        run_devices(checkout)  # warm: its files into the page cache; not counted
    seconds: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(args.runs):
        for name, checkout in codes.items():
            seconds[name].append(run_devices(checkout))
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    ratio = medians["now"] / medians["before"]
    for name, values in seconds.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name:<7} all detectors: {runs} s (median {medians[name]:.2f} s)")
    status = "met" if ratio <= BOUND else "NOT met"
    print(f"ratio of the medians: {ratio:.2f}x (bound {BOUND}x: {status})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
