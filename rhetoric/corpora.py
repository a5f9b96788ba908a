"""Loaders: each corpus of the data home as a DataFrame with ``doc_id``, ``text`` and metadata.

``text`` is always the raw decoded file, so span offsets computed on it slice back exactly.
``clean_text`` is a view for stylometry only: transcript and edition noise removed (State of the
Union title lines and "(Applause.)" markers, Big5 dash and quote byte pairs read as single
bytes, the Gutenberg ``_italics_`` markers). Never compute span offsets on ``clean_text``.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path
from typing import Literal, NamedTuple

import pandas as pd

from rhetoric.datahome import corpus_dir, fetch_hint
from rhetoric.errors import check_choice
from rhetoric.manifest import read_manifest
from rhetoric.text import BIG5_PUNCTUATION, decode

DataHome = str | os.PathLike | None

SEED_FILE = "moscow_kabul_via_islamabad.txt"

# Some files of the NLTK corpora write dashes and quotes as Big5 byte pairs. decode() reads
# them as the characters meant; a single-byte decoding elsewhere shows them as "¡X", "¡¦", ....
_BIG5_PAIRS = {pair.decode("cp1252"): char for pair, char in BIG5_PUNCTUATION.items()}
_BIG5_PATTERN = re.compile("|".join(map(re.escape, _BIG5_PAIRS)))
_APPLAUSE = re.compile(r"\s*\((?:applause|laughter|applause and laughter)\.?\)", re.I)
_SPEAKER = re.compile(r"^\s*THE PRESIDENT:\s*", re.M)
_DATE_LINE = re.compile(
    r"^\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},?\s+\d{4}\s*$"
)


def fix_big5_pairs(text: str) -> str:
    """Replace Big5 punctuation byte pairs read as single bytes ("¡X") by the characters meant.

    Files read by :func:`rhetoric.text.decode` have them right already; this mends text that was
    decoded as Windows-1252 elsewhere.

    >>> fix_big5_pairs("freedom\\xa1Xand liberty")
    'freedom—and liberty'
    """
    return _BIG5_PATTERN.sub(lambda m: _BIG5_PAIRS[m.group()], text)


def clean_state_union(text: str) -> str:
    """The State of the Union text for stylometry: no title or date lines, speaker tag or applause."""
    lines = text.splitlines()
    skip = 1  # the title line
    while skip < len(lines) and (not lines[skip].strip() or _DATE_LINE.match(lines[skip])):
        skip += 1
    body = "\n".join(lines[skip:])
    body = _SPEAKER.sub("", _APPLAUSE.sub("", body))
    return fix_big5_pairs(body).strip()


def _read_corpus(name: str, data_home: DataHome) -> pd.DataFrame:
    folder = corpus_dir(name, data_home)
    manifest = read_manifest(name)
    texts, encodings, missing = [], [], []
    for file in manifest["file"]:
        path = folder / file
        if not path.is_file():
            missing.append(file)
            texts.append(None)
            encodings.append(None)
            continue
        text, encoding = decode(path.read_bytes())
        texts.append(text)
        encodings.append(encoding)
    if missing:
        from rhetoric.errors import DataNotFoundError

        raise DataNotFoundError(
            f"corpus {name!r} in {folder} lacks {len(missing)} of {len(manifest)} files "
            f"(first: {missing[0]}); see `rhetoric data status`; {fetch_hint(name, data_home)}"
        )
    frame = manifest.drop(columns=["sha1"], errors="ignore")
    frame.insert(0, "doc_id", [os.path.splitext(os.path.basename(f))[0] for f in manifest["file"]])
    frame.insert(1, "text", texts)
    frame["encoding"] = encodings
    frame["path"] = [str(folder / f) for f in manifest["file"]]
    return frame


def load_seed() -> pd.DataFrame:
    """The bundled seed article (shipped with the package; needs no data home).

    Returns
    -------
    pandas.DataFrame
        One row: ``doc_id``, ``text``, ``title``, ``genre`` (``"news"``: frames are ranked by
        the news frame model, see :func:`rhetoric.framing.frame_profile`), ``path``.
    """
    resource = resources.files("rhetoric.corpus").joinpath(SEED_FILE)
    text, _ = decode(resource.read_bytes())
    title = text.split("\n", 1)[0].strip()
    return pd.DataFrame(
        [
            {
                "doc_id": SEED_FILE.removesuffix(".txt"),
                "text": text,
                "title": title,
                "genre": "news",
                "path": str(resource),
            }
        ]
    )


def load_federalist(data_home: DataHome = None) -> pd.DataFrame:
    """The 85 Federalist papers.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (``"Hamilton_01"``), ``text``, ``clean_text``, ``file``, ``label``
        (``Hamilton``, ``Madison``, ``Jay``, ``Joint``, ``Disputed``), ``year``, ``paper`` (int),
        ``title``, ``venue``, ``encoding``, ``path``.
    """
    frame = _read_corpus("federalist", data_home)
    frame["paper"] = frame["paper"].astype(int)
    frame.insert(2, "clean_text", frame["text"].str.replace("_", "", regex=False))
    return frame


def load_inaugural(data_home: DataHome = None) -> pd.DataFrame:
    """The 59 US presidential inaugural addresses, 1789-2021.

    ``label`` names the president unambiguously (``JAdams``/``JQAdams``, ``WHHarrison``/
    ``BHarrison``, ``TRoosevelt``/``FDRoosevelt``, ``GHWBush``/``GWBush``); ``president`` is the
    surname as the file names it.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (``"1961-Kennedy"``), ``text``, ``clean_text``, ``file``, ``label``, ``year``,
        ``president``, ``part``, ``encoding`` (as decoded), ``first_line``, ``path``, ``genre``
        (``"speech"``: frames are ranked by the speech ranker, see
        :func:`rhetoric.framing.frame_profile`).
    """
    frame = _read_corpus("inaugural", data_home)
    frame.insert(2, "clean_text", frame["text"].map(fix_big5_pairs))
    frame["genre"] = "speech"
    return frame


def load_state_union(data_home: DataHome = None) -> pd.DataFrame:
    """The 65 State of the Union (and other joint-session) addresses, 1945-2006.

    ``label`` is the president (``Bush`` is G. H. W. Bush, ``GWBush`` his son).
    ``clean_text`` drops the title and date lines, "(Applause.)" markers and the speaker tag.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (``"2003-GWBush"``), ``text``, ``clean_text``, ``file``, ``label``, ``year``,
        ``president``, ``part``, ``first_line``, ``encoding``, ``path``, ``genre`` (``"speech"``:
        frames are ranked by the speech ranker).
    """
    frame = _read_corpus("state_union", data_home)
    frame.insert(2, "clean_text", frame["text"].map(clean_state_union))
    frame["genre"] = "speech"
    return frame


class PTCSplit(NamedTuple):
    """One split of the Propaganda Techniques Corpus: the articles and the gold span table."""

    articles: pd.DataFrame
    spans: pd.DataFrame


PTC_LABEL_FILES = {"train": "train-task-flc-tc.labels", "dev": "dev-task-flc-tc.labels",
                   "test": "test-task-tc-template.out"}  # fmt: skip


def load_ptc(
    split: Literal["train", "dev", "test"] = "train", data_home: DataHome = None
) -> PTCSplit:
    """One split of the PTC (SemEval-2020 Task 11): articles and their technique spans.

    Returns
    -------
    PTCSplit
        ``articles``: ``doc_id`` (the article id, str), ``text``, ``split``, ``genre``
        (``"news"``: frames are ranked by the news frame model), ``path``.
        ``spans``: ``doc_id``, ``technique`` (``None`` for the unlabelled test template),
        ``start``, ``end``, ``text`` (``article[start:end]``), sorted by article and position.
    """
    check_choice("split", split, PTC_LABEL_FILES)
    folder = corpus_dir("ptc", data_home)
    lacking = [
        name
        for name, present in (
            (f"{split}-articles/", (folder / f"{split}-articles").is_dir()),
            (PTC_LABEL_FILES[split], (folder / PTC_LABEL_FILES[split]).is_file()),
        )
        if not present
    ]
    if lacking:
        from rhetoric.errors import DataNotFoundError

        raise DataNotFoundError(
            f"{folder}: the PTC's {split} split is not there (no {' and no '.join(lacking)}); "
            + fetch_hint("ptc", data_home)
        )
    rows = []
    for path in sorted((folder / f"{split}-articles").glob("article*.txt")):
        text, _ = decode(path.read_bytes())
        rows.append(
            {
                "doc_id": path.stem.removeprefix("article"),
                "text": text,
                "split": split,
                "genre": "news",
                "path": str(path),
            }
        )
    articles = pd.DataFrame(rows, columns=["doc_id", "text", "split", "genre", "path"])
    texts = dict(zip(articles["doc_id"], articles["text"], strict=True))
    labels = _ptc_labels(folder / PTC_LABEL_FILES[split], texts)
    if split == "test":
        labels["technique"] = None
    spans = labels.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    return PTCSplit(articles, spans)


def _ptc_labels(path: Path, texts: dict[str, str]) -> pd.DataFrame:
    """The span labels of a PTC split (``article id, technique, start, end`` a line, tab
    separated), each with its text; a line that is not such a label (other fields, offsets that
    are no whole numbers or lie outside its article, an article the split does not hold) is an
    :class:`~rhetoric.errors.InputError` naming the file and line, as damaged data in the data
    home is no bug of the package."""
    from rhetoric.errors import InputError

    rows = []
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            fields = line.rstrip("\r\n").split("\t")
            where = f"{path}:{number}"
            if len(fields) != 4:
                raise InputError(
                    f"{where}: a PTC label is 4 tab-separated fields (article, technique, start, end), not {len(fields)}"
                )
            doc_id, technique, start, end = fields
            try:
                start, end = int(start), int(end)
            except ValueError:
                raise InputError(f"{where}: start and end must be whole numbers") from None
            if doc_id not in texts:
                raise InputError(
                    f"{where}: article {doc_id} is not among the split's articles ({path.parent})"
                )
            if not 0 <= start <= end <= len(texts[doc_id]):
                raise InputError(
                    f"{where}: offsets {start}-{end} lie outside article {doc_id} ({len(texts[doc_id])} characters)"
                )
            rows.append((doc_id, technique, start, end, texts[doc_id][start:end]))
    return pd.DataFrame(rows, columns=["doc_id", "technique", "start", "end", "text"]).astype(
        {"start": "int64", "end": "int64"}
    )


LOADERS = {"seed": load_seed, "federalist": load_federalist, "inaugural": load_inaugural,
           "state_union": load_state_union}  # fmt: skip


def load_corpus(name: str, data_home: DataHome = None) -> pd.DataFrame:
    """Load a corpus by name (``seed``, ``federalist``, ``inaugural``, ``state_union``)."""
    check_choice("corpus", name, LOADERS)
    return LOADERS[name]() if name == "seed" else LOADERS[name](data_home)
