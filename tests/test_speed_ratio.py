"""benchmarks/speed_ratio.py reads the benchmark's line and refuses a checkout without it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "speed_ratio.py"


@pytest.fixture(scope="module")
def speed_ratio():
    spec = importlib.util.spec_from_file_location("speed_ratio", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_all_detectors_line_is_read_and_its_absence_said(speed_ratio):
    printed = (
        "text model (words, sents)       2.151   26.6%\n"
        "polyptoton                      1.112   13.8%          0.091     153    123,952\n"
        "all detectors                   5.267   65.2%                  6,595     26,179\n"
    )
    assert speed_ratio.detector_seconds(printed) == 5.267
    with pytest.raises(ValueError, match="no 'all detectors' line"):
        speed_ratio.detector_seconds(printed.replace("all detectors", "every detector"))


def test_a_checkout_without_the_benchmark_is_a_usage_error(speed_ratio, tmp_path, capsys):
    assert speed_ratio.main(["--before", str(tmp_path), "--runs", "1"]) == 2
    assert "no benchmarks/devices.py there" in capsys.readouterr().err
