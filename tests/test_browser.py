"""The standalone HTML page in a real headless browser, and JupyterLab serving the notebooks."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from rhetoric.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
#: Where to keep the screenshots (for a pull request's notes); by default only the test's tmp folder.
SHOTS_ENV = "RHETORIC_SCREENSHOTS"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _missing(reason: str) -> None:
    """Under CI a browser test that cannot run fails; on a laptop without Chromium it is skipped."""
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"CI=true and the browser test cannot run: {reason}")
    pytest.skip(reason)


class Browser:
    """Headless Chromium driven over the DevTools protocol: open a page, click, hover, screenshot."""

    def __init__(self, profile: Path):
        import websocket

        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, "--remote-debugging-port=0", f"--user-data-dir={profile}",
             "--window-size=1200,1400", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        address = None
        deadline = time.monotonic() + 60
        while address is None and time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                break
            found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            address = found and found.group(1)
        assert address, "Chromium did not open its DevTools port"
        threading.Thread(target=self.process.stderr.read, daemon=True).start()  # keep it drained
        with urllib.request.urlopen(f"http://127.0.0.1:{address}/json/list", timeout=10) as answer:
            page = next(t for t in json.load(answer) if t["type"] == "page")
        self.socket = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self.calls = 0
        self.call("Page.enable")

    def call(self, method: str, **params):
        self.calls += 1
        self.socket.send(json.dumps({"id": self.calls, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.calls:
                assert "error" not in message, message["error"]
                return message.get("result", {})

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while self.js("document.readyState") != "complete":
            assert time.monotonic() < deadline, f"{url} did not load"
            time.sleep(0.1)

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).click()")

    def hover(self, selector: str) -> None:
        box = self.js(
            f"(() => {{const r = document.querySelector({json.dumps(selector)}).getClientRects()[0];"
            " return [r.left + r.width / 2, r.top + r.height / 2];})()"
        )
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=box[0], y=box[1])

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        shots = os.environ.get(SHOTS_ENV)
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(shots) / path.name)
        return path

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture()
def browser(tmp_path):
    if CHROMIUM is None:
        _missing("Chromium is not installed (Debian's chromium is installed by .ci/run)")
    try:
        import websocket  # noqa: F401
    except ImportError:
        _missing("websocket-client is not installed (pip install -e '.[dev]')")
    session = Browser(tmp_path / "profile")
    try:
        yield session
    finally:
        session.close()


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory, data_home):
    folder = tmp_path_factory.mktemp("page")
    page = folder / "seed.html"
    # every candidate figure (--min-score 0), so that the page shows every device the detectors
    # can find on the seed article, whatever the calibrated thresholds of the day keep
    assert main(["analyze", "--min-score", "0", "--html", str(page)]) == 0
    return page


#: The underline of a label as the text area currently resolves it ("none" when hidden).
BAND = "getComputedStyle(document.querySelector('.rh-text')).getPropertyValue('--rh-b-{}').trim()"
#: The background of the first piece carrying only this label.
ALONE = (
    "(() => {{const p = [...document.querySelectorAll('.rh-m.{0}')].find("
    "e => [...e.classList].filter(c => !c.startsWith('rh-')).length === 1);"
    " return getComputedStyle(p).backgroundImage;}})()"
)


def test_seed_page_opens_with_devices_shown_and_frames_hidden(browser, seed_page, tmp_path):
    browser.open(seed_page.as_uri())
    devices = browser.js(
        "[...document.querySelectorAll('.rh-layer-devices .rh-key')].map(k => k.classList[1])"
    )
    assert len(devices) >= 3, devices
    for device in devices:
        assert browser.js(BAND.format(device)).startswith("linear-gradient"), device
        assert "gradient" in browser.js(ALONE.format(device)), f"{device} is not drawn"
    assert browser.js(BAND.format("frame")) == "none"
    assert browser.js(BAND.format("stance")) == "none"
    assert browser.js(ALONE.format("frame")) == "none"
    # every device the analysis found has its own toggle in the legend
    analysis = json.loads(
        subprocess.run([sys.executable, "-m", "rhetoric.cli", "analyze", "--min-score", "0", "--json"],
                       capture_output=True, text=True, timeout=300).stdout
    )  # fmt: skip
    assert set(devices) == {d["device"] for d in analysis["devices"]}
    shot = browser.screenshot(tmp_path / "seed-devices.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_layer_and_device_toggles_show_and_hide_underlines(browser, seed_page, tmp_path):
    browser.open(seed_page.as_uri())
    frames = "input[id$='-l-frames']"
    browser.click(frames)
    assert browser.js(f"document.querySelector({json.dumps(frames)}).checked") is True
    assert "gradient" in browser.js(BAND.format("frame"))
    assert "gradient" in browser.js(ALONE.format("frame"))
    browser.screenshot(tmp_path / "seed-frames-on.png")
    # one device off: its pieces lose their underline, the others keep theirs
    browser.click("input[id$='-t-antithesis']")
    assert browser.js(BAND.format("antithesis")) == "none"
    assert browser.js(ALONE.format("antithesis")) == "none"
    assert "gradient" in browser.js(ALONE.format("tricolon"))
    # the whole devices layer off, then on again: the antithesis stays off as chosen
    browser.click("input[id$='-l-devices']")
    assert browser.js(ALONE.format("tricolon")) == "none"
    browser.click("input[id$='-l-devices']")
    assert "gradient" in browser.js(ALONE.format("tricolon"))
    assert browser.js(ALONE.format("antithesis")) == "none"
    browser.click(frames)
    assert browser.js(ALONE.format("frame")) == "none"
    browser.screenshot(tmp_path / "seed-no-antithesis.png")


def test_lanes_under_the_device_lanes_lie_nearer_their_own_line_than_the_next(browser, seed_page):
    """Stance and frame-keyword lanes lie under the device lanes, up to --rh-pad below the text;
    half of a line's room beyond its text lies above it, so the room under the text must be at
    least --rh-pad, or a frame keyword's mark reads as the next line's."""
    measure = (
        "(() => {const t = getComputedStyle(document.querySelector('.rh-text'));"
        " return [parseFloat(t.lineHeight), parseFloat(t.getPropertyValue('--rh-pad')),"
        " parseFloat(t.fontSize)];})()"
    )
    browser.open(seed_page.as_uri())
    for toggle in ("frames", "stance"):
        browser.click(f"input[id$='-l-{toggle}']")
        line, pad, size = browser.js(measure)
        assert pad > 0 and (line - 1.2 * size) / 2 >= pad, (toggle, line, pad, size)


def test_hovering_one_part_of_a_figure_shades_all_its_parts(browser, seed_page):
    browser.open(seed_page.as_uri())
    # a tricolon whose first part lies alone: its three limbs are one figure
    key = browser.js(
        "(() => { const pieces = [...document.querySelectorAll('.rh-m.tricolon[data-fig]')];"
        " for (const p of pieces) { const k = p.dataset.fig.split(' ').find(f => f.startsWith('tricolon~'));"
        "   if (k && document.querySelectorAll(`[data-fig~='${k}']`).length >= 3) return k; } })()"
    )
    assert key, "no tricolon with three parts on the page"
    parts = browser.js(f"document.querySelectorAll(\"[data-fig~='{key}']\").length")
    browser.hover(f"[data-fig~='{key}']")
    linked = browser.js(
        "[...document.querySelectorAll('.rh-linked')].map(e => e.dataset.fig.split(' '))"
    )
    assert len(linked) == parts and all(key in figures for figures in linked)
    shade = browser.js("getComputedStyle(document.querySelector('.rh-linked')).backgroundColor")
    assert shade not in ("rgba(0, 0, 0, 0)", "transparent")
    browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=5, y=5)
    assert browser.js("document.querySelectorAll('.rh-linked').length") == 0


def test_a_figure_is_reachable_from_the_keyboard(browser, seed_page):
    """A mark's meaning was only shown on hover: now each device piece is a tab stop (its title
    read out on focus) that shades the figure's parts, and a hidden device's pieces leave the
    tab order."""
    browser.open(seed_page.as_uri())
    stops = "[...document.querySelectorAll('.rh-text [tabindex=\"0\"]')]"
    assert browser.js(f"{stops}.length") > 0
    # only device pieces are tab stops: the frame keywords and stance words (many) are not
    assert browser.js(
        f"{stops}.every(e => e.dataset.fig.split(' ').some(f => !/^(frame|stance)~/.test(f)))"
    )
    browser.call("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab",
                 windowsVirtualKeyCode=9)  # fmt: skip
    browser.call("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab",
                 windowsVirtualKeyCode=9)  # fmt: skip
    for _ in range(40):  # past the legend's checkboxes to the first mark
        if browser.js("document.activeElement.classList.contains('rh-m')"):
            break
        browser.call("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab",
                     windowsVirtualKeyCode=9)  # fmt: skip
        browser.call("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab",
                     windowsVirtualKeyCode=9)  # fmt: skip
    assert browser.js("document.activeElement.classList.contains('rh-m')")
    assert browser.js("document.activeElement.title") != ""
    assert browser.js("document.activeElement.classList.contains('rh-linked')")
    outline = browser.js("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", outline
    # the tricolon device off: its pieces (those of no other shown device) leave the tab order
    browser.click("input[id$='-t-tricolon']")
    only = "[...document.querySelectorAll('.rh-text [data-fig][tabindex]')].filter(e => e.dataset.fig.split(' ').every(f => f.startsWith('tricolon~')))"
    assert browser.js(f"{only}.length") > 0
    assert browser.js(f"{only}.every(e => e.tabIndex === -1)")
    browser.click("input[id$='-t-tricolon']")
    assert browser.js(f"{only}.every(e => e.tabIndex === 0)")


def test_print_style_keeps_colours_and_drops_the_checkboxes(browser, seed_page, tmp_path):
    browser.open(seed_page.as_uri())
    browser.call("Emulation.setEmulatedMedia", media="print")
    assert browser.js("getComputedStyle(document.querySelector('.rh-toggle')).display") == "none"
    assert (
        browser.js("getComputedStyle(document.querySelector('.rh-layer-frames')).display") == "none"
    )
    assert (
        browser.js("getComputedStyle(document.querySelector('.rh-layer-devices')).display")
        != "none"
    )
    assert (
        browser.js("getComputedStyle(document.querySelector('.rh-m')).printColorAdjust") == "exact"
    )
    pdf = browser.call("Page.printToPDF", printBackground=True)["data"]
    assert base64.b64decode(pdf)[:5] == b"%PDF-"


def test_browser_tests_fail_rather_than_skip_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        _missing("no browser")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _missing("no browser")


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
