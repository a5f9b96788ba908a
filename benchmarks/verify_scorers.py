"""Rebuild every shipped scorer from the annotations with the code as it stands, and compare.

The scorers ship as files made by ``benchmarks/train_scorers.py`` (the ten device families) and
``benchmarks/train_stance_scorer.py`` (booster, hedge, loaded) from ``corpus/annotations``. A
change of the finders, the text model or a feature after the last retrain leaves shipped models
that the scripts no longer make (session s44 found the chiasmus scorer of another kind and
threshold on a rebuild): this script rebuilds them all into a temporary folder and compares each
with the shipped file, numbers to a relative 1e-6. CI runs it after the tests (``.ci/run``)::

    RHETORIC_DATA=../shared/data python benchmarks/verify_scorers.py

Exit 0 when every rebuilt scorer is the shipped one, else 1 with one line per difference (the
first difference of each file); then retrain (the two scripts, without ``--out``) and commit.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "rhetoric" / "resources"
STANCE = ("booster", "hedge", "loaded")


def first_difference(shipped, rebuilt, where: str = "") -> str | None:
    """Where two JSON values first differ (``None``: the same; numbers to a relative 1e-6)."""
    if isinstance(shipped, dict) and isinstance(rebuilt, dict):
        for key in sorted(set(shipped) | set(rebuilt)):
            if key not in shipped or key not in rebuilt:
                return (
                    f"{where}.{key}: only in {'the rebuilt' if key in rebuilt else 'the shipped'}"
                )
            found = first_difference(shipped[key], rebuilt[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(shipped, list) and isinstance(rebuilt, list):
        if len(shipped) != len(rebuilt):
            return f"{where}: {len(shipped)} items shipped, {len(rebuilt)} rebuilt"
        for i, (a, b) in enumerate(zip(shipped, rebuilt, strict=True)):
            found = first_difference(a, b, f"{where}[{i}]")
            if found:
                return found
        return None
    numbers = (int, float)
    if (
        isinstance(shipped, numbers)
        and isinstance(rebuilt, numbers)
        and not isinstance(shipped, bool)
    ):
        if math.isclose(shipped, rebuilt, rel_tol=1e-6, abs_tol=1e-9):
            return None
    elif shipped == rebuilt:
        return None
    return f"{where}: shipped {str(shipped)[:60]}, rebuilt {str(rebuilt)[:60]}"


def main() -> int:
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        subprocess.run([python, str(ROOT / "benchmarks" / "train_scorers.py"), "--out", str(out),
                        "--population-cache", str(out / "pool.json")], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        for family in STANCE:
            subprocess.run([python, str(ROOT / "benchmarks" / "train_stance_scorer.py"),
                            "--family", family, "--out", str(out)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        pairs = [(SHIPPED / "scorers" / p.name, p) for p in sorted(out.glob("*.json"))
                 if p.name != "pool.json" and not p.name.startswith("stance_")]  # fmt: skip
        pairs += [
            (SHIPPED / "stance" / f"scorer_{f}.json", out / f"stance_{f}.json") for f in STANCE
        ]
        differences = []
        for shipped, rebuilt in pairs:
            found = first_difference(
                json.loads(shipped.read_text(encoding="utf-8")),
                json.loads(rebuilt.read_text(encoding="utf-8")),
            )
            if found:
                differences.append(f"{shipped.relative_to(ROOT)}{found}")
    for line in differences:
        print(f"verify_scorers: {line}")
    print(
        f"verify_scorers: {len(pairs) - len(differences)} of {len(pairs)} scorers rebuild as shipped"
    )
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
