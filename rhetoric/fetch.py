"""``rhetoric data fetch``: fill the data home on a machine that is online.

By default (:func:`fetch`) only what analysis needs: the NLTK resources of
:data:`ANALYSIS_PACKAGES` (sentence tokenizer, tagger, stopwords, WordNet, VADER), through
NLTK's own downloader into ``<data home>/nltk_data``; ``rhetoric analyze`` then runs on any text.
With ``--all`` (:func:`fetch_all`), the corpora as well:

* the NLTK ``inaugural`` and ``state_union`` corpora (and ``universal_tagset``);
* ``inaugural/texts`` and ``state_union/texts``: copied from those NLTK corpora (byte-identical);
* ``federalist/texts``: Project Gutenberg eBook #18, downloaded with pooch (:func:`retrieve`)
  and split into one file per paper (:func:`split_federalist`), each checked with pooch's
  checksums against the sha1 in the shipped manifest;
* ``seed/``: copied from the package.

:func:`data_status` says, folder by folder, what is there and which commands need it.

Downloads go through libraries that are kept for the purpose: NLTK's own downloader for NLTK's
packages (it checks each package against the checksum in NLTK's index), pooch for everything
else. Only a short reachability probe is ours, so that an offline machine fails within
``timeout`` seconds with a message naming ``RHETORIC_DATA``.

The PTC (SemEval-2020 Task 11) cannot be fetched: its articles carry no licence for
redistribution; the command says where to request it.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rhetoric.datahome import ENV_VAR, fetch_hint, get_data_home
from rhetoric.errors import DataNotFoundError
from rhetoric.manifest import corpus_status, read_manifest

GUTENBERG_URL = "https://www.gutenberg.org/cache/epub/18/pg18.txt"
NLTK_INDEX_URL = "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/index.xml"
#: NLTK package -> where NLTK keeps it: what ``rhetoric analyze`` needs, and all that the default
#: ``rhetoric data fetch`` brings.
ANALYSIS_PACKAGES: dict[str, str] = {
    "punkt_tab": "tokenizers/punkt_tab",
    "averaged_perceptron_tagger_eng": "taggers/averaged_perceptron_tagger_eng",
    "stopwords": "corpora/stopwords",
    "wordnet": "corpora/wordnet",
    "vader_lexicon": "sentiment/vader_lexicon",
}
#: NLTK packages fetched with ``--all`` only: the two corpora and the universal tagset.
CORPUS_PACKAGES = ("universal_tagset", "inaugural", "state_union")
NLTK_PACKAGES = (*ANALYSIS_PACKAGES, *CORPUS_PACKAGES)

#: Which commands need each folder of the data home (``rhetoric data status`` prints it).
NEEDED_BY: dict[str, str] = {
    "nltk_data": "analyze and every command that reads text",
    "seed": "notebook 01 (analyze reads the copy inside the package)",
    "federalist": "attribute federalist, notebook 04",
    "inaugural": "attribute inaugural, notebook 02",
    "state_union": "attribute state_union, notebook 03",
    "ptc": "evaluate ptc, evaluate report, notebook 05",
    "chiasmus": "evaluate chiasmus, evaluate report, notebook 05",
}


class FetchError(DataNotFoundError):
    """The data could not be downloaded (no network, or a download that does not check out)."""


def _reachable(url: str, timeout: float) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "file":
        return True
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def _require_network(url: str, timeout: float) -> None:
    if not _reachable(url, timeout):
        host = urllib.parse.urlsplit(url).hostname
        raise FetchError(
            f"cannot reach {host} (offline?); run `rhetoric data fetch` on a machine that is online, "
            f"or point {ENV_VAR} at a folder that already holds the data"
        )


# --- the Federalist papers from eBook #18 ---------------------------------------------------------

_HEADING = re.compile(r"^THE FEDERALIST\.\s*\nNo\. ([IVXLC]+)\.\s*$", re.M)
_SALUTATION = re.compile(r"^To the People of the State of New York[:.]", re.M)
_END = re.compile(r"^\*\*\* END OF (?:THE|THIS) PROJECT GUTENBERG.*$", re.M)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(numeral: str) -> int:
    """>>> roman_to_int("LXXIV")
    74
    """
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


@dataclass(frozen=True)
class Paper:
    number: int
    header: str  # the lines between the heading and the salutation (title, venue, byline)
    body: str  # from the salutation to the end of the paper, LF line endings, one final newline


def split_federalist(ebook: str) -> list[Paper]:
    """Split the text of Gutenberg eBook #18 into papers, in the layout of the data home.

    Line endings become LF and a byte-order mark is dropped. Each body starts at the salutation
    and runs through "PUBLIUS." and the paper's footnotes (paragraphs that start with ``[n]``);
    anything else after them (editorial notes) is dropped. Where a number appears twice (the
    eBook prints two versions of No. 70), the first is kept.
    """
    text = ebook.lstrip("\ufeff").replace("\r\n", "\n")
    end = _END.search(text)
    text = text[: end.start()] if end else text
    headings = list(_HEADING.finditer(text))
    papers: dict[int, Paper] = {}
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        number = roman_to_int(heading.group(1))
        chunk = text[heading.end() : following.start() if following else len(text)]
        salutation = _SALUTATION.search(chunk)
        if number in papers or salutation is None:
            continue
        at = salutation.start()
        papers[number] = Paper(number, chunk[:at].strip(), _trim_body(chunk[at:]))
    return [papers[n] for n in sorted(papers)]


def _trim_body(body: str) -> str:
    paragraphs = re.split(r"\n[ \t]*\n", body.strip("\n"))
    signed = [i for i, p in enumerate(paragraphs) if p.strip() == "PUBLIUS."]
    if signed:
        last = signed[-1]
        kept = paragraphs[: last + 1]
        for paragraph in paragraphs[last + 1 :]:
            if not re.match(r"\s*\[\d+\]", paragraph):
                break
            kept.append(paragraph)
        paragraphs = kept
    return "\n\n".join(p.rstrip() for p in paragraphs).rstrip() + "\n"


def write_federalist(ebook: str, folder: Path) -> list[str]:
    """Split ``ebook`` into ``folder/texts``; return the files whose sha1 disagrees with the manifest."""
    import pooch

    manifest = read_manifest("federalist")
    by_number = {
        int(n): (f, s)
        for n, f, s in zip(manifest["paper"], manifest["file"], manifest["sha1"], strict=True)
    }
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    bad = []
    for paper in split_federalist(ebook):
        if paper.number not in by_number:
            continue
        file, sha1 = by_number[paper.number]
        (folder / file).write_bytes(paper.body.encode("utf-8"))
        if pooch.file_hash(str(folder / file), alg="sha1") != sha1:
            bad.append(file)
    written = {p.relative_to(folder).as_posix() for p in (folder / "texts").glob("*.txt")}
    bad.extend(sorted(set(manifest["file"]) - written))
    return bad


def _copy_local(url: str, output_file, pooch_) -> None:
    """A pooch downloader for ``file://`` URLs (local mirrors): pooch itself speaks HTTP(S), FTP
    and DOI only."""
    source = Path(urllib.request.url2pathname(urllib.parse.urlsplit(url).path))
    if hasattr(output_file, "write"):
        output_file.write(source.read_bytes())
    else:
        shutil.copyfile(source, output_file)


def retrieve(
    url: str, folder: str | os.PathLike, *, known_hash: str | None = None, timeout: float = 10.0
) -> Path:
    """Download ``url`` into ``folder`` with :func:`pooch.retrieve`; return the file's path.

    Parameters
    ----------
    url : str
        ``http(s)://`` (``file://`` works too, for tests and mirrors).
    folder : path
        Where the file is kept, under the last part of the URL's path. A file already there is
        not downloaded again when it matches ``known_hash`` (or when no hash is given).
    known_hash : str, optional
        ``"sha256:..."`` (or ``sha1:``, ``md5:``): pooch checks the download against it and
        deletes it when it does not match.
    timeout : float, default 10
        Seconds to wait for the server.

    Raises
    ------
    FetchError
        The server cannot be reached, answers with an error, or sends a file that does not
        match ``known_hash``; the message names ``RHETORIC_DATA``.
    """
    import logging

    import pooch

    name = Path(urllib.parse.urlsplit(url).path).name or "download"
    if url.startswith("file:"):
        downloader = _copy_local
    else:
        downloader = pooch.HTTPDownloader(timeout=timeout, progressbar=False)
    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)  # pooch logs every download at INFO; `log` says it once
    try:
        return Path(
            pooch.retrieve(url, known_hash, fname=name, path=folder, downloader=downloader,
                           progressbar=False)
        )  # fmt: skip
    except (OSError, ValueError) as error:  # requests' errors are OSErrors; a bad hash, ValueError
        reason = getattr(error, "reason", None) or error
        raise FetchError(
            f"cannot download {url} ({reason}); fetch on a machine that is online or set {ENV_VAR}"
        ) from None
    finally:
        logger.setLevel(level)


# --- everything ---------------------------------------------------------------------------------


def _copy_nltk_corpus(name: str, home: Path) -> list[str]:
    import pooch

    source = home / "nltk_data" / "corpora" / name
    if not source.is_dir():
        import zipfile

        with zipfile.ZipFile(home / "nltk_data" / "corpora" / f"{name}.zip") as archive:
            archive.extractall(home / "nltk_data" / "corpora")
    manifest = read_manifest(name)
    target = home / name
    bad = []
    for file, sha1 in zip(manifest["file"], manifest["sha1"], strict=True):
        src = source / Path(file).name
        if not src.is_file():
            bad.append(file)
            continue
        (target / file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target / file)
        if pooch.file_hash(str(src), alg="sha1") != sha1:
            bad.append(file)
    return bad


def _nltk_has(home: Path, resource: str) -> bool:
    """Is an NLTK package in the data home, unpacked or zipped?"""
    folder = home / "nltk_data" / resource
    return folder.is_dir() or folder.with_name(folder.name + ".zip").is_file()


def analysis_status(data_home: str | os.PathLike | None = None):
    """The NLTK resources analysis needs, one row each: in the data home, elsewhere, or missing.

    Returns
    -------
    pandas.DataFrame
        Columns ``package``, ``resource`` (NLTK path), ``status`` (``"present"`` in the data
        home, ``"elsewhere"`` on NLTK's own search path, ``"missing"``).
    """
    import nltk
    import pandas as pd

    home = get_data_home(data_home)
    rows = []
    for package, resource in ANALYSIS_PACKAGES.items():
        if _nltk_has(home, resource):
            status = "present"
        else:
            status = "missing"
            for candidate in (resource, resource + ".zip"):
                try:
                    nltk.data.find(candidate)
                    status = "elsewhere"
                    break
                except LookupError:
                    continue
        rows.append({"package": package, "resource": resource, "status": status})
    return pd.DataFrame(rows, columns=["package", "resource", "status"])


def data_status(data_home: str | os.PathLike | None = None, *, checksums: bool = True):
    """Each folder of the data home: what is there, and which commands need it.

    Returns
    -------
    pandas.DataFrame
        :func:`rhetoric.manifest.corpus_status` with ``needed_by`` (the commands that read the
        folder) and ``note``; for ``nltk_data`` the status is that of the analysis resources
        (:func:`analysis_status`), the corpora inside it being counted in ``files``; the PTC,
        which cannot be downloaded, is marked "request from the organisers" when missing.
    """
    import pandas as pd

    table = corpus_status(data_home, checksums=checksums)
    needs = analysis_status(data_home)
    ready = int((needs["status"] != "missing").sum())
    notes, statuses = [], []
    for row in table.itertuples(index=False):
        status, note = row.status, ""
        if row.corpus == "nltk_data":
            elsewhere = int((needs["status"] == "elsewhere").sum())
            status = "missing" if ready < len(needs) else "elsewhere" if elsewhere else "present"
            note = f"analysis resources {ready}/{len(needs)}"
            if elsewhere:
                note += (
                    f" ({elsewhere} found on NLTK's own search path, such as NLTK_DATA, not here)"
                )
            if ready < len(needs):
                absent = needs.loc[needs["status"] == "missing", "package"]
                note += f" (missing: {', '.join(absent)}; run `rhetoric data fetch`)"
            if row.status != "present":
                note += "; NLTK corpora with `rhetoric data fetch --all`"
        elif row.corpus == "ptc" and row.status != "present":
            note = "request from the organisers (SemEval-2020 Task 11); fetch cannot download it"
        elif row.corpus == "chiasmus" and row.status != "present":
            note = (
                "two public benchmark files placed by hand (rhetoric evaluate chiasmus says which)"
            )
        elif row.status != "present":
            note = "`rhetoric data fetch --all`"
        statuses.append(status)
        notes.append(note)
    table = table.assign(status=statuses, needed_by=table["corpus"].map(NEEDED_BY), note=notes)
    first = table["corpus"].eq("nltk_data")  # what analysis needs, listed first
    return pd.concat([table[first], table[~first]], ignore_index=True)


def _download_nltk(packages, home: Path, index_url: str | None) -> None:
    import nltk

    downloader = nltk.downloader.Downloader(server_index_url=index_url)
    for package in packages:
        if not downloader.download(
            package, download_dir=str(home / "nltk_data"), quiet=True, raise_on_error=True
        ):
            raise FetchError(
                f"NLTK could not download {package!r}; set {ENV_VAR} to a data home that has it"
            )


def fetch(
    data_home: str | os.PathLike | None = None,
    *,
    everything: bool = False,
    timeout: float = 10.0,
    gutenberg_url: str | None = None,
    nltk_index_url: str | None = None,
    log: Callable[[str], None] = print,
) -> list[str]:
    """Download what the data home lacks; return what was fetched.

    Parameters
    ----------
    data_home : path, optional
        Default: ``$RHETORIC_DATA``, else ``~/rhetoric_data``.
    everything : bool, default False
        Also the corpora (``rhetoric data fetch --all``); by default only the NLTK resources
        analysis needs (:data:`ANALYSIS_PACKAGES`).
    timeout : float, default 10
        Seconds to wait for the network: offline, a :class:`FetchError` naming
        ``RHETORIC_DATA`` comes within this time.
    gutenberg_url, nltk_index_url : str, optional
        Mirrors (``file://`` URLs work) of eBook #18 and of NLTK's package index.
    log : callable, default print
        Receives one line per step.

    Returns
    -------
    list of str
        ``"nltk_data"`` (analysis resources), then any corpora fetched.
    """
    if not everything:
        home = get_data_home(data_home)
        wanted = [p for p, r in ANALYSIS_PACKAGES.items() if not _nltk_has(home, r)]
        if not wanted:
            log(f"the NLTK resources analysis needs are present in {home / 'nltk_data'}")
            return []
        _require_network(nltk_index_url or NLTK_INDEX_URL, timeout)
        log(f"downloading {', '.join(wanted)} into {home / 'nltk_data'}")
        _download_nltk(wanted, home, nltk_index_url)
        log("fetched: nltk_data (what analysis needs); corpora with `rhetoric data fetch --all`")
        return ["nltk_data"]
    return fetch_all(
        data_home, timeout=timeout, gutenberg_url=gutenberg_url, nltk_index_url=nltk_index_url,
        log=log,
    )  # fmt: skip


def fetch_all(
    data_home: str | os.PathLike | None = None,
    *,
    timeout: float = 10.0,
    gutenberg_url: str | None = None,
    nltk_index_url: str | None = None,
    log: Callable[[str], None] = print,
) -> list[str]:
    """Download everything the data home lacks (``rhetoric data fetch --all``); return the names
    of the corpora fetched.

    With everything present it says so and does nothing. Offline, it fails within ``timeout``
    seconds with a :class:`FetchError` naming ``RHETORIC_DATA``.
    """
    gutenberg_url = gutenberg_url or GUTENBERG_URL
    home = get_data_home(data_home)
    status = corpus_status(home, checksums=False).set_index("corpus")["status"]
    missing = [name for name, state in status.items() if state != "present"]
    if not missing:
        log(f"everything present in {home}")
        return []
    home.mkdir(parents=True, exist_ok=True)
    fetched = []
    if "seed" in missing:
        (home / "seed").mkdir(exist_ok=True)
        for name in read_manifest("seed")["file"]:
            (home / "seed" / name).write_bytes(
                resources.files("rhetoric.corpus").joinpath(name).read_bytes()
            )
        fetched.append("seed")
    if {"nltk_data", "inaugural", "state_union"} & set(missing):
        _require_network(nltk_index_url or NLTK_INDEX_URL, timeout)
        log(f"downloading NLTK packages into {home / 'nltk_data'}")
        _download_nltk(NLTK_PACKAGES, home, nltk_index_url)
        fetched.append("nltk_data")
        for name in ("inaugural", "state_union"):
            bad = _copy_nltk_corpus(name, home)
            if bad:
                raise FetchError(
                    f"{name}: {len(bad)} files missing or not matching the manifest (first: {bad[0]})"
                )
            fetched.append(name)
    if "federalist" in missing:
        log(f"downloading the Federalist papers from {gutenberg_url}")
        with tempfile.TemporaryDirectory() as folder:
            # the eBook as a whole carries no pinned hash (Gutenberg rewrites its header and
            # licence text); each paper is checked against the manifest's sha1 instead
            ebook = retrieve(gutenberg_url, folder, timeout=timeout).read_text(encoding="utf-8-sig")
        bad = write_federalist(ebook, home / "federalist")
        if bad:
            raise FetchError(
                f"federalist: {len(bad)} papers do not match the manifest's checksums (first: {bad[0]}); "
                "the eBook may have changed upstream"
            )
        fetched.append("federalist")
    for name in ("ptc", "chiasmus"):  # not downloaded: where they come from is said
        if name in missing:
            log(f"{name}: " + fetch_hint(name, home))
    log(f"fetched: {', '.join(fetched) if fetched else 'nothing'}")
    return fetched
