"""Shared fixtures: the data home (RHETORIC_DATA, as .ci/run sets it) and small helpers."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def data_home() -> Path:
    """The data home the tests run against; the suite needs it (CI points it at ../shared/data)."""
    from rhetoric.datahome import get_data_home

    home = get_data_home()
    if not (home / "nltk_data").is_dir():
        pytest.fail(
            f"the tests need a data home with nltk_data: set RHETORIC_DATA (now {os.environ.get('RHETORIC_DATA')!r})"
        )
    return home


@pytest.fixture(scope="session")
def seed_text() -> str:
    from rhetoric.corpora import load_seed

    return load_seed()["text"].iloc[0]


@pytest.fixture
def alliteration_off(monkeypatch) -> str:
    """Exactly one device off by default, whatever the shipped scorers' figures: alliteration's
    scorer is made to read as one whose estimated precision is under the floor of
    ``reported_by_default``, every other scorer as one above it (which devices the shipped
    scorers leave out moves with each retrain: epistrophe's sits at the floor)."""
    from rhetoric.scoring import model as scorer_model

    def reported(self) -> bool:
        return self.device != "alliteration"

    monkeypatch.setattr(scorer_model.ScorerModel, "reported_by_default", property(reported))
    return "alliteration"


@pytest.fixture
def read_only():
    """Make a folder read-only (``read_only(path)``), undone after the test: by its mode, or
    where root ignores the mode (CI runs as root) by the immutable attribute (``chattr +i``)."""
    import shutil
    import subprocess

    chattr = shutil.which("chattr")
    made = []

    def make(path: Path) -> Path:
        path.chmod(0o555)
        made.append(path)
        probe = path / ".probe"
        try:
            probe.touch()
        except OSError:
            return path  # the mode is enough
        probe.unlink()
        if chattr is None or subprocess.run([chattr, "+i", str(path)]).returncode != 0:
            pytest.skip("cannot make a folder read-only here (root, and no chattr +i)")
        return path

    yield make
    for path in made:
        if chattr is not None:
            subprocess.run([chattr, "-i", str(path)], stderr=subprocess.DEVNULL)
        path.chmod(0o755)


@pytest.fixture(scope="module")
def benchmarks():
    """Import a script of ``benchmarks/`` by name (``benchmarks("train_scorers")``): the scripts
    import each other, so their folder is on ``sys.path`` while the test module runs."""
    folder = str(Path(__file__).resolve().parents[1] / "benchmarks")
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module
    finally:
        sys.path.remove(folder)
