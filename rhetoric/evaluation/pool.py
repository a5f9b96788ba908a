"""Which texts may be annotated and trained on, and which are kept for evaluation only.

Three sets, all named by their path under the data home (``inaugural/texts/1961-Kennedy.txt``):

``reserved``
    The evaluation texts listed in ``<gold>/RESERVED.md``: never annotated, trained or tuned on.
``development``
    The public gold documents (``devices_public.jsonl``) and the documents of the judged public
    sets (``precision_public_*.jsonl``): measured on, never trained on.
``training``
    Every other inaugural and State of the Union address, and every PTC train article that is
    not in the development set.

The gold folder sits beside the data home (``<data home>/../gold``), as for
:func:`rhetoric.evaluation.gold.default_gold_path`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from rhetoric.datahome import get_data_home

_LISTED = re.compile(r"^-\s+`([^`]+)`")


def gold_dir(data_home: str | os.PathLike | None = None) -> Path:
    """The shared gold folder: ``<data home>/../gold``."""
    return get_data_home(data_home).parent / "gold"


def reserved_documents(data_home: str | os.PathLike | None = None) -> set[str]:
    """Paths (under the data home) listed in ``RESERVED.md``, with every PTC test article.

    A folder entry (``ptc/test-articles/``) and the seed article are expanded to their files.
    """
    home = get_data_home(data_home)
    reserved_file = gold_dir(data_home) / "RESERVED.md"
    paths: set[str] = {"seed/moscow_kabul_via_islamabad.txt"}
    if reserved_file.is_file():
        for line in reserved_file.read_text(encoding="utf-8").splitlines():
            match = _LISTED.match(line.strip())
            if match and match.group(1).endswith(".txt"):
                paths.add(match.group(1))
    test = home / "ptc" / "test-articles"
    if test.is_dir():
        paths.update(f"ptc/test-articles/{p.name}" for p in test.glob("*.txt"))
    seed = home / "seed"
    if seed.is_dir():
        paths.update(f"seed/{p.name}" for p in seed.glob("*.txt"))
    return paths


def development_documents(data_home: str | os.PathLike | None = None) -> set[str]:
    """Documents of the public gold items and the judged public sets (measure, never train)."""
    paths: set[str] = set()
    for file in sorted(gold_dir(data_home).glob("*.jsonl")):
        if not (file.name.startswith("devices_public") or file.name.startswith("precision_public")):
            continue
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                paths.add(json.loads(line)["doc"])
    return paths


def training_documents(data_home: str | os.PathLike | None = None) -> list[str]:
    """The training pool, sorted: addresses and PTC train articles neither reserved nor development."""
    home = get_data_home(data_home)
    excluded = reserved_documents(data_home) | development_documents(data_home)
    pool = []
    for folder in ("inaugural/texts", "state_union/texts", "ptc/train-articles"):
        for path in sorted((home / folder).glob("*.txt")):
            name = f"{folder}/{path.name}"
            if name not in excluded:
                pool.append(name)
    return pool


def genre_of(path: str) -> str:
    """``"news"`` for PTC articles, ``"speech"`` for addresses (the two genres the README reports)."""
    return "news" if path.startswith("ptc/") else "speech"
