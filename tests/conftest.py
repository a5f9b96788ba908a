"""Shared fixtures: the data home (RHETORIC_DATA, as .ci/run sets it) and small helpers."""

from __future__ import annotations

import os
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
