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


def test_a_relative_data_home_is_made_absolute_for_the_run_in_the_checkout(
    speed_ratio, monkeypatch, tmp_path
):
    seen = {}

    def fake_run(command, cwd, env, **kwargs):
        seen.update(cwd=cwd, env=env)
        return speed_ratio.subprocess.CompletedProcess(command, 0, "all detectors  5.0  60%\n", "")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RHETORIC_DATA", "../shared/data")
    monkeypatch.setattr(speed_ratio.subprocess, "run", fake_run)
    assert speed_ratio.run_devices(tmp_path / "before") == 5.0
    assert seen["cwd"] == tmp_path / "before"  # the benchmark runs in the checkout ...
    assert seen["env"]["RHETORIC_DATA"] == str(
        tmp_path.parent / "shared" / "data"
    )  # ... data found
    assert seen["env"]["PYTHONPATH"] == str(tmp_path / "before")
