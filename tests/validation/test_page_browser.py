"""The judging page in a real headless Chromium, driven as a coder would drive it.

Chromium is started with its DevTools protocol on a local port; the test presses keys and clicks
buttons with ``Input.dispatchKeyEvent`` / ``Input.dispatchMouseEvent`` (real input events, not
JavaScript calls), exports, and reads the downloaded file back with the package's own reader.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from rhetoric.validation import judging_page, read_judgements, report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1100,900"]  # fmt: skip

HOSTILE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
TEXT = "We said \"never\" and 'never' again, " + HOSTILE + " and then we never, never gave in."


def _sheet() -> pd.DataFrame:
    rows = []
    for i, (device, kind, start, end) in enumerate([
        ("epizeuxis", "word", TEXT.index("never, never"), TEXT.index("never, never") + 12),
        ("repetition", "emphatic_repeat", 9, 35),
        ("rhetorical_question", "question", TEXT.index(HOSTILE), TEXT.index(HOSTILE) + len(HOSTILE)),
        ("tricolon", "tricolon", 0, 20),
    ]):  # fmt: skip
        rows.append({
            "figure_id": f"f{i}", "doc": "speech.txt", "device": device, "kind": kind,
            "start": start, "end": end, "text": TEXT[start:end], "verdict": "", "reason": "",
            "annotator": "", "before": TEXT[max(0, start - 30):start], "after": TEXT[end:end + 30],
            "parts": ((start, end),),
        })  # fmt: skip
    return pd.DataFrame(rows)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """A minimal DevTools-protocol client: one page, commands answered in order."""

    def __init__(self, profile: Path, downloads: Path):
        import websocket  # websocket-client, a Jupyter dependency

        self.port = _free_port()
        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--remote-debugging-port={self.port}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline, targets = time.monotonic() + 60, None
        while targets is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/json/list", timeout=2
                ) as r:
                    targets = [t for t in json.load(r) if t["type"] == "page"]
            except OSError:
                time.sleep(0.3)
        assert targets, "Chromium did not open its DevTools port"
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/version", timeout=5) as r:
            browser_url = json.load(r)["webSocketDebuggerUrl"]
        self.ws = websocket.create_connection(
            targets[0]["webSocketDebuggerUrl"], timeout=30, suppress_origin=True
        )
        self.browser_ws = websocket.create_connection(browser_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)},
                  socket_=self.browser_ws)  # fmt: skip

    def send(self, method: str, params: dict | None = None, socket_=None) -> dict:
        socket_ = socket_ or self.ws
        self.next_id += 1
        socket_.send(json.dumps({"id": self.next_id, "method": method, "params": params or {}}))
        while True:
            message = json.loads(socket_.recv())
            if message.get("id") == self.next_id:
                assert "error" not in message, message["error"]
                return message.get("result", {})

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.evaluate("document.readyState") == "complete" and self.evaluate(
                "!!document.getElementById('position')"
            ):
                return
            time.sleep(0.1)
        raise AssertionError("the page did not load")

    def key(self, key: str, code: str, keycode: int, text: str | None = None) -> None:
        down = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": keycode}
        if text:
            down["text"] = text
        self.send("Input.dispatchKeyEvent", down)
        self.send(
            "Input.dispatchKeyEvent",
            {"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": keycode},
        )

    def click(self, selector: str) -> None:
        box = self.evaluate(
            f"(function(){{const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
            "return [r.left + r.width / 2, r.top + r.height / 2];})()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1},
            )

    def type(self, text: str) -> None:
        self.send("Input.insertText", {"text": text})

    def close(self) -> None:
        for socket_ in (self.ws, self.browser_ws):
            socket_.close()
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by .ci/run")
def test_a_coder_judges_with_keys_and_mouse_exports_and_the_file_reads_back(tmp_path):
    page = tmp_path / "judge.html"
    sheet = _sheet()
    judging_page(sheet, page, title="Judge <these> figures")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser = Browser(tmp_path / "profile", downloads)
    try:
        browser.open(page.as_uri())
        assert (
            browser.evaluate("document.getElementById('progress-text').textContent")
            == "0 of 4 judged"
        )
        browser.click("#export")  # no coder named yet: nothing is exported
        assert "give your name" in browser.evaluate(
            "document.getElementById('export-status').textContent"
        )
        browser.click("#annotator")
        browser.type("browser-coder")
        browser.key("Enter", "Enter", 13, "\r")
        # figure 1: the keyboard, TRUE, with a reason typed after pressing r
        browser.key("r", "KeyR", 82, "r")
        browser.type('doubled "never" <for> emphasis')
        browser.key("Enter", "Enter", 13, "\r")
        browser.key("1", "Digit1", 49, "1")
        # figure 2: the mouse, FALSE
        browser.click('.verdicts button[data-verdict="FALSE"]')
        # a Space pressed after the click (to scroll, say) judges nothing: the button let go of
        # the focus
        browser.key(" ", "Space", 32, " ")
        assert (
            browser.evaluate("document.getElementById('progress-text').textContent")
            == "2 of 4 judged"
        )
        # figure 3, the hostile one: shown as text, never run
        shown = browser.evaluate("document.getElementById('figure-text').textContent")
        assert shown == HOSTILE
        assert (
            browser.evaluate("document.querySelectorAll('#context img, #context script').length")
            == 0
        )
        assert browser.evaluate("typeof window.pwned") == "undefined"
        browser.key("b", "KeyB", 66, "b")  # BORDERLINE by its letter
        # figure 4 skipped; back to figure 2 with the arrow key and change it to TRUE by mouse
        browser.key("ArrowLeft", "ArrowLeft", 37)
        browser.key("ArrowLeft", "ArrowLeft", 37)
        assert browser.evaluate("document.body.dataset.current") == "f1"
        browser.click('.verdicts button[data-verdict="TRUE"]')
        assert (
            browser.evaluate("document.getElementById('progress-text').textContent")
            == "3 of 4 judged"
        )
        shot = browser.send("Page.captureScreenshot", {"format": "png"})
        (tmp_path / "judging.png").write_bytes(__import__("base64").b64decode(shot["data"]))
        browser.click("#export")
        target = downloads / "judgements-browser-coder.jsonl"
        deadline = time.monotonic() + 20
        while not target.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert target.is_file(), list(downloads.iterdir())
        # the judgements survive a reload (local storage). Chromium commits local storage to its
        # storage service asynchronously, so a page reloaded at once may still read the old
        # state: reload until the saved state is read, for up to ten seconds.
        progress = None
        for _ in range(20):
            browser.send("Page.navigate", {"url": "about:blank"})  # a fresh document each time
            browser.open(page.as_uri())
            progress = browser.evaluate("document.getElementById('progress-text').textContent")
            if progress == "3 of 4 judged":
                break
            time.sleep(0.5)
        assert progress == "3 of 4 judged"
        assert browser.evaluate("typeof window.pwned") == "undefined"
    finally:
        browser.close()
    judged = read_judgements(target)
    assert judged["figure_id"].tolist() == ["f0", "f1", "f2"]
    assert judged["verdict"].tolist() == ["TRUE", "TRUE", "BORDERLINE"]
    assert judged["reason"].tolist()[0] == 'doubled "never" <for> emphasis'
    assert set(judged["annotator"]) == {"browser-coder"}
    assert judged["text"].tolist()[2] == HOSTILE
    for column in ("doc", "device", "kind", "start", "end", "text"):
        assert judged[column].tolist() == sheet[column].head(3).tolist()
    table = report(judged).precision.set_index(["device", "kind"])
    assert table.loc[("all", "all"), ["judged", "true", "borderline", "false"]].tolist() == [
        3,
        2,
        1,
        0,
    ]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by .ci/run")
def test_random_verdict_sets_round_trip_exactly_through_the_page(tmp_path):
    """Property test in the browser: random verdicts and reasons, typed with keys, export unchanged."""
    import random

    keys = {
        "TRUE": ("1", "Digit1", 49),
        "BORDERLINE": ("b", "KeyB", 66),
        "FALSE": ("f", "KeyF", 70),
    }
    reasons = [
        "",
        'a "quoted" reason',
        "l'apostrophe, é, 漢字",
        "<b>not bold</b> & co",
        "tab\there",
    ]
    sheet = pd.concat([_sheet()] * 2, ignore_index=True)
    sheet["figure_id"] = [f"g{i}" for i in range(len(sheet))]
    for trial in range(
        3
    ):  # a fresh browser each time: Chromium holds back a site's second download
        downloads = tmp_path / f"downloads-{trial}"
        downloads.mkdir()
        browser = Browser(tmp_path / f"profile-{trial}", downloads)
        try:
            rng = random.Random(trial)
            chosen = [(rng.choice(list(keys)), rng.choice(reasons)) for _ in range(len(sheet))]
            page = tmp_path / f"judge-{trial}.html"
            judging_page(
                sheet.assign(start=sheet["start"] + trial), page
            )  # a new sheet: fresh storage
            browser.open(page.as_uri())
            browser.click("#annotator")
            browser.type(f"coder-{trial}")
            browser.key("Enter", "Enter", 13, "\r")
            for verdict, reason in chosen:
                if reason:
                    browser.key("r", "KeyR", 82, "r")
                    browser.type(reason)
                    browser.key("Enter", "Enter", 13, "\r")
                browser.key(*keys[verdict][:3], keys[verdict][0])
            browser.click("#export")
            target = downloads / f"judgements-coder-{trial}.jsonl"
            deadline = time.monotonic() + 20
            while not target.is_file() and time.monotonic() < deadline:
                time.sleep(0.2)
            judged = read_judgements(target)
            assert judged["verdict"].tolist() == [v for v, _ in chosen]
            assert judged["reason"].tolist() == [r for _, r in chosen]
            assert judged["start"].tolist() == (sheet["start"] + trial).tolist()
            assert judged["text"].tolist() == sheet["text"].tolist()
        finally:
            browser.close()


def _page_key(page: str) -> str:
    data = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page, re.S)
    return json.loads(data.group(1))["key"]


def test_a_page_is_one_coders_and_refuses_another_coders_verdicts():
    from rhetoric.errors import UsageError

    sheet = _sheet()
    # two coders' pages of one sheet keep their verdicts apart in the browser
    assert _page_key(judging_page(sheet, annotator="a")) != _page_key(
        judging_page(sheet, annotator="b")
    )
    judged = sheet.assign(verdict="TRUE", reason="", annotator="me")
    with pytest.raises(UsageError, match="the sheet holds verdicts by 'me'"):
        judging_page(judged, annotator="you")
    # the coder who judged it may go on; without a name the page is theirs
    assert _page_key(judging_page(judged, annotator="me")) == _page_key(judging_page(judged))
    spans = sheet.assign(layer="device")  # the output of rhetoric analyze --format csv
    with pytest.raises(UsageError, match="output of rhetoric analyze"):
        judging_page(spans)


def test_an_empty_sheet_or_a_folder_is_no_page_to_judge(tmp_path):
    from rhetoric.errors import InputError

    with pytest.raises(InputError, match="the sheet holds no figures"):
        judging_page(_sheet().head(0))
    with pytest.raises(InputError, match="is a folder, not a judgement file"):
        read_judgements(tmp_path)
