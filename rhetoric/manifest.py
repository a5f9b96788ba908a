"""The manifests of the corpora in the data home, shipped with the package, and a status check.

Each manifest (``corpus/manifests/<name>.csv`` in the source tree, ``rhetoric.corpus`` when
installed) lists the files of one corpus with ``file`` (path inside the corpus folder),
``label`` (author, president, split or NLTK package), ``year`` and ``sha1``, plus
corpus-specific columns.
"""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path

import pandas as pd

from rhetoric.datahome import get_data_home

#: The data-home folders, in the order ``rhetoric data status`` lists them.
CORPORA = ("seed", "federalist", "inaugural", "state_union", "ptc", "chiasmus", "nltk_data")


def read_manifest(name: str) -> pd.DataFrame:
    """The shipped manifest of corpus ``name`` as a DataFrame (all columns as strings, ``year`` as Int64)."""
    from rhetoric.errors import check_choice

    check_choice("corpus", name, CORPORA)
    with (
        resources.files("rhetoric.corpus").joinpath("manifests", f"{name}.csv").open("rb") as handle
    ):
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    frame["year"] = pd.to_numeric(frame["year"], errors="coerce").astype("Int64")
    return frame


def sha1_of(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def corpus_status(
    data_home: str | os.PathLike | None = None, *, checksums: bool = True
) -> pd.DataFrame:
    """One row per corpus or resource of the data home: is it there, and does it match its manifest?

    Returns
    -------
    pandas.DataFrame
        Columns ``corpus``, ``status`` (``"present"``, ``"incomplete"``, ``"missing"``,
        ``"modified"``), ``files`` (files found of those listed), ``expected``, ``checksum_ok``
        (files whose sha1 agrees; ``<NA>`` when ``checksums=False``), ``path``.
    """
    home = get_data_home(data_home)
    rows = []
    for name in CORPORA:
        manifest = read_manifest(name)
        folder = home / name
        present = [folder / f for f in manifest["file"] if (folder / f).is_file()]
        ok = pd.NA
        if checksums:
            expected = dict(zip(manifest["file"], manifest["sha1"], strict=True))
            ok = sum(
                sha1_of(p).startswith(expected[p.relative_to(folder).as_posix()]) for p in present
            )
        if not present:
            status = "missing"
        elif len(present) < len(manifest):
            status = "incomplete"
        elif checksums and ok < len(present):
            status = "modified"
        else:
            status = "present"
        rows.append(
            {
                "corpus": name,
                "status": status,
                "files": len(present),
                "expected": len(manifest),
                "checksum_ok": ok,
                "path": str(folder),
            }
        )
    return pd.DataFrame(rows)
