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


@pytest.fixture
def alliteration_off(monkeypatch) -> str:
    """A device off by default, whatever the shipped scorers' figures: the floor of
    ``reported_by_default`` is raised just above alliteration's cross-validated precision,
    which is the lowest of the shipped scorers (checked here), so only alliteration is off."""
    from rhetoric.devices import DEVICES
    from rhetoric.scoring import model as scorer_model

    def precision(device: str) -> float:
        return scorer_model.load_model(device).provenance["cv"]["precision_at_threshold"]

    lowest = precision("alliteration")
    assert all(precision(d) > lowest for d in DEVICES if d != "alliteration")
    monkeypatch.setattr(scorer_model, "MIN_DEFAULT_PRECISION", lowest + 1e-6)
    return "alliteration"
