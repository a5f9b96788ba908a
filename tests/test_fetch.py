from __future__ import annotations

import hashlib
import http.server
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from rhetoric import fetch as fetch_module
from rhetoric.fetch import FetchError, fetch_all, roman_to_int, split_federalist, write_federalist
from rhetoric.manifest import read_manifest

ROMAN = {1: "I", 10: "X", 15: "XV", 49: "XLIX", 70: "LXX"}


def _ebook_fixture(data_home, numbers):
    """A small eBook #18 look-alike built from the real papers: CRLF, BOM, header blocks,
    a duplicated No. 70 with an editor's note, and the Gutenberg end marker."""
    manifest = read_manifest("federalist").set_index("paper")
    parts = [
        "\ufeffThe Project Gutenberg eBook of The Federalist Papers\n\nContents\n FEDERALIST No. I. Intro\n\n"
    ]
    for number in numbers:
        body = (data_home / "federalist" / manifest.loc[str(number), "file"]).read_text(
            encoding="utf-8"
        )
        parts.append(
            f"\n\nTHE FEDERALIST.\nNo. {ROMAN[number]}.\n\nA Title\n\nFor the Journal.\n\nAUTHOR\n\n\n{body}\n"
        )
        if number == 70:
            parts.append("\n[Editor's note: this eBook prints two versions of this paper.]\n")
            parts.append(
                f"\n\nTHE FEDERALIST.\nNo. LXX.\n\nA Title\n\nOther version.\n\n\n{body[:500]}\n"
            )
    parts.append(
        "\n\n*** END OF THE PROJECT GUTENBERG EBOOK THE FEDERALIST PAPERS ***\nlicence text\n"
    )
    return "".join(parts).replace("\n", "\r\n")


def test_roman_numerals():
    assert [roman_to_int(r) for r in ("I", "IV", "XLIX", "LXX", "LXXXV")] == [1, 4, 49, 70, 85]


def test_split_reproduces_the_data_home_files(data_home, tmp_path):
    ebook = _ebook_fixture(data_home, [1, 10, 15, 49, 70])
    papers = split_federalist(ebook)
    assert [p.number for p in papers] == [1, 10, 15, 49, 70]
    assert "AUTHOR" in papers[0].header
    bad = write_federalist(ebook, tmp_path)
    manifest = read_manifest("federalist").set_index("paper")
    for number in (1, 10, 15, 49, 70):
        file = manifest.loc[str(number), "file"]
        assert (tmp_path / file).read_bytes() == (data_home / "federalist" / file).read_bytes()
        assert file not in bad
    assert len(bad) == 85 - 5  # the papers the fixture lacks are reported


def test_fetch_downloads_and_splits_from_a_local_url(data_home, tmp_path):
    numbers = [1, 10, 15, 49, 70]
    source = tmp_path / "pg18.txt"
    source.write_bytes(_ebook_fixture(data_home, numbers).encode("utf-8"))
    home = tmp_path / "home"
    for name in (
        "nltk_data",
        "inaugural",
        "state_union",
        "ptc",
    ):  # present: only federalist is fetched
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).symlink_to(data_home / name)
    with pytest.raises(FetchError, match="80 papers do not match"):
        fetch_all(home, gutenberg_url=source.as_uri(), log=lambda _: None)
    assert len(list((home / "federalist" / "texts").glob("*.txt"))) == 5
    assert (home / "seed" / "moscow_kabul_via_islamabad.txt").is_file()


def test_everything_present_says_so(data_home):
    said = []
    assert fetch_all(data_home, log=said.append) == []
    assert said == [f"everything present in {data_home}"]


def test_offline_fails_fast_naming_the_variable(tmp_path):
    start = time.monotonic()
    with pytest.raises(FetchError, match="RHETORIC_DATA"):
        fetch_all(
            tmp_path, timeout=2, nltk_index_url="http://127.0.0.1:9/index.xml", log=lambda _: None
        )
    assert time.monotonic() - start < 10


def _nltk_mirror(data_home, folder, base_url):
    """A copy of NLTK's package index listing the analysis packages of the data home, zipped."""
    import hashlib
    import shutil
    import zipfile

    from rhetoric.fetch import ANALYSIS_PACKAGES

    entries = []
    for package, resource in ANALYSIS_PACKAGES.items():
        subdir, name = resource.split("/")
        source = data_home / "nltk_data" / resource
        archive = folder / f"{name}.zip"
        if source.with_name(name + ".zip").is_file():
            shutil.copy(source.with_name(name + ".zip"), archive)
        else:
            with zipfile.ZipFile(archive, "w") as zipped:
                for path in sorted(source.rglob("*")):
                    zipped.write(path, path.relative_to(source.parent).as_posix())
        data = archive.read_bytes()
        with zipfile.ZipFile(archive) as zipped:
            unzipped = sum(member.file_size for member in zipped.infolist())
        entries.append(
            f'<package id="{package}" name="{package}" subdir="{subdir}" url="{base_url}/{archive.name}" '
            f'size="{len(data)}" unzipped_size="{unzipped}" checksum="{hashlib.md5(data).hexdigest()}" '
            f'sha256_checksum="{hashlib.sha256(data).hexdigest()}" unzip="1" />'
        )
    index = folder / "index.xml"
    index.write_text(
        "<?xml version='1.0'?>\n<nltk_data><packages>"
        + "".join(entries)
        + "</packages><collections /></nltk_data>",
        encoding="utf-8",
    )
    return f"{base_url}/index.xml"


@pytest.fixture()
def mirror(data_home, tmp_path, monkeypatch):
    """NLTK's index and packages as local files; NLTK opens file:// URLs only inside its own
    data paths, so the mirror is put on NLTK_DATA (its zips at the top level are no resources)."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    monkeypatch.setenv("NLTK_DATA", str(folder))
    return _nltk_mirror(data_home, folder, folder.as_uri())


def test_default_fetch_brings_only_what_analysis_needs_and_analyze_runs_on_it(mirror, tmp_path):
    import os
    import subprocess
    import sys

    from rhetoric.fetch import ANALYSIS_PACKAGES, analysis_status, fetch

    index = mirror
    home = tmp_path / "home"
    said = []
    assert fetch(home, nltk_index_url=index, log=said.append) == ["nltk_data"]
    assert sorted(p.name for p in home.iterdir()) == ["nltk_data"]  # no corpora
    assert (analysis_status(home)["status"] == "present").all()
    assert not (home / "nltk_data" / "corpora" / "inaugural").exists()
    assert fetch(home, nltk_index_url=index, log=said.append) == []  # nothing left to fetch
    # a fresh process that sees only this data home (no NLTK_DATA, a bare HOME) analyses the seed
    env = {k: v for k, v in os.environ.items() if k not in ("NLTK_DATA",)}
    env.update(RHETORIC_DATA=str(home), HOME=str(tmp_path), MPLBACKEND="Agg")
    run = subprocess.run([sys.executable, "-m", "rhetoric.cli", "analyze", "--min-score", "0"], capture_output=True,
                         text=True, env=env, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "devices, in figures:" in run.stdout and "frames, ranked" in run.stdout
    status = subprocess.run([sys.executable, "-m", "rhetoric.cli", "data", "status", "--no-checksums"],
                            capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert status.returncode == 0, status.stderr
    assert f"analysis resources {len(ANALYSIS_PACKAGES)}/{len(ANALYSIS_PACKAGES)}" in status.stdout


# --- the library (pooch) against today's downloader ------------------------------------------
# Before the hand-written downloader (urllib) gives way to pooch: the library fetches the same
# bytes, computes the same checksums and gives the same data home as today's code, and fails the
# same way (a :class:`FetchError` naming ``RHETORIC_DATA``), on a fixed file served over HTTP by a
# loopback server started here.
#
# ``_reference_download`` is a frozen copy of ``rhetoric.fetch.download`` as it was before the
# switch, so the comparison survives the replacement.

NUMBERS = [1, 10, 15, 49, 70]


def _reference_download(url: str, timeout: float) -> bytes:
    """``rhetoric.fetch.download`` before pooch (frozen copy)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.read()
    except (urllib.error.URLError, OSError) as error:
        raise FetchError(
            f"cannot download {url} ({getattr(error, 'reason', error)}); "
            "fetch on a machine that is online or set RHETORIC_DATA"
        ) from None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture()
def served(data_home, tmp_path):
    """The eBook look-alike (CRLF, BOM, a duplicated paper) served at http://127.0.0.1:PORT/."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "pg18.txt").write_bytes(_ebook_fixture(data_home, NUMBERS).encode("utf-8"))
    handler = lambda *a, **k: _Quiet(*a, directory=str(root), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _new_download(url: str, folder: Path, timeout: float = 10.0) -> bytes:
    """What the data home gets from the code under test (pooch)."""
    return fetch_module.retrieve(url, folder, timeout=timeout).read_bytes()


def test_the_library_fetches_the_same_bytes_and_checksums(served, tmp_path):
    import pooch

    root, base = served
    expected = (root / "pg18.txt").read_bytes()
    old = _reference_download(f"{base}/pg18.txt", 10)
    new = _new_download(f"{base}/pg18.txt", tmp_path / "cache")
    assert old == new == expected
    saved = tmp_path / "saved.txt"
    saved.write_bytes(new)
    for algorithm in ("sha1", "sha256", "md5"):
        assert pooch.file_hash(str(saved), alg=algorithm) == hashlib.new(algorithm, old).hexdigest()


def test_the_data_home_is_the_same_through_either_path(served, data_home, tmp_path):
    root, base = served
    # today's path: download, decode, split, check against the manifest
    reference = tmp_path / "reference"
    old_bad = write_federalist(
        _reference_download(f"{base}/pg18.txt", 10).decode("utf-8-sig"), reference
    )
    # the command's path, from an empty federalist folder (every other folder present)
    home = tmp_path / "home"
    for name in ("nltk_data", "inaugural", "state_union", "ptc"):
        home.mkdir(exist_ok=True)
        (home / name).symlink_to(data_home / name)
    with pytest.raises(FetchError, match=f"{len(old_bad)} papers do not match"):
        fetch_all(home, gutenberg_url=f"{base}/pg18.txt", log=lambda _: None)
    old_files = sorted(p.relative_to(reference) for p in (reference / "texts").glob("*.txt"))
    new_files = sorted(p.relative_to(home / "federalist") for p in (home / "federalist" / "texts").glob("*.txt"))  # fmt: skip
    assert len(old_files) == len(NUMBERS) and new_files == old_files
    for file in old_files:
        assert (home / "federalist" / file).read_bytes() == (reference / file).read_bytes()
        assert (reference / file).read_bytes() == (data_home / "federalist" / file).read_bytes()


def test_a_missing_file_fails_the_same_way(served, tmp_path):
    _, base = served
    with pytest.raises(FetchError, match="RHETORIC_DATA"):
        _reference_download(f"{base}/absent.txt", 10)
    with pytest.raises(FetchError, match="RHETORIC_DATA"):
        _new_download(f"{base}/absent.txt", tmp_path / "cache")


def test_an_unreachable_server_fails_fast_the_same_way(tmp_path):
    for attempt in (
        lambda: _reference_download("http://127.0.0.1:9/pg18.txt", 2),
        lambda: _new_download("http://127.0.0.1:9/pg18.txt", tmp_path / "cache", timeout=2),
    ):
        start = time.monotonic()
        with pytest.raises(FetchError, match="RHETORIC_DATA"):
            attempt()
        assert time.monotonic() - start < 10


def test_a_download_that_does_not_match_its_checksum_is_refused_and_removed(served, tmp_path):
    from rhetoric.fetch import retrieve

    root, base = served
    right = "sha256:" + hashlib.sha256((root / "pg18.txt").read_bytes()).hexdigest()
    assert retrieve(f"{base}/pg18.txt", tmp_path / "ok", known_hash=right).is_file()
    with pytest.raises(FetchError, match="RHETORIC_DATA"):
        retrieve(f"{base}/pg18.txt", tmp_path / "bad", known_hash="sha256:" + "0" * 64)
    assert not (tmp_path / "bad" / "pg18.txt").exists()
