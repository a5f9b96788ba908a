"""The standalone HTML page in a real headless browser, and JupyterLab serving the notebooks."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rhetoric.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory, data_home):
    folder = tmp_path_factory.mktemp("page")
    page = folder / "seed.html"
    assert main(["analyze", "--html", str(page)]) == 0
    return page


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by .ci/run")
def test_seed_page_renders_in_a_headless_browser(seed_page, tmp_path):
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", seed_page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-500:]
    assert "legend" in dom.stdout
    analysis = json.loads(
        subprocess.run(
            [sys.executable, "-m", "rhetoric.cli", "analyze", "--json"],
            capture_output=True,
            text=True,
            timeout=300,
        ).stdout
    )
    for device in {d["device"] for d in analysis["devices"]}:
        assert device in dom.stdout, f"the legend lacks {device}"
    shot = tmp_path / "seed.png"
    subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={shot}",
            "--window-size=1200,1600",
            seed_page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_jupyterlab_starts_and_serves_the_notebooks(tmp_path):
    port, token = _free_port(), "rhetoric-test"
    root = Path(__file__).parents[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.open_browser=False",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],  # CI runs as root
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path)},
    )
    try:
        deadline, listing = time.monotonic() + 90, None
        while time.monotonic() < deadline and listing is None:
            time.sleep(1)
            try:
                url = f"http://127.0.0.1:{port}/api/contents/notebooks?token={token}"
                with urllib.request.urlopen(url, timeout=5) as response:
                    listing = json.load(response)
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-1000:]
        assert listing is not None, "JupyterLab did not answer within 90 s"
        names = {item["name"] for item in listing["content"]}
        assert any(name.endswith(".ipynb") for name in names)
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/lab?token={token}", timeout=10
        ) as response:
            assert response.status == 200 and b"JupyterLab" in response.read()
    finally:
        server.terminate()
        server.wait(timeout=30)
