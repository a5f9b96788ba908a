"""Which texts may be annotated and trained on, and which are kept for evaluation only.

Three sets, all named by their path under the data home (``inaugural/texts/1961-Kennedy.txt``):

``reserved``
    The evaluation texts listed in ``<gold>/RESERVED.md``: never annotated, trained or tuned on.
``development``
    The public gold documents (``devices_public.jsonl``) and the documents of the judged public
    sets (``precision_public_*.jsonl``): measured on, never trained on.
``training``
    Every other inaugural and State of the Union address, and every PTC train article that is
    not in the development set.

The shipped emphatic-repeat counts of :mod:`rhetoric.devices.repetition` are counted on the
training pool's PTC train articles and their labels; :func:`pool_texts_as_unseen` scores those
articles as if the counts had never seen them (for training and measuring on the pool).

The gold folder sits beside the data home (``<data home>/../gold``), as for
:func:`rhetoric.evaluation.gold.default_gold_path`. Without it (or without its ``RESERVED.md``,
or with none of its public sets) the sets cannot be told apart, and the functions raise
:class:`~rhetoric.errors.DataNotFoundError` rather than put evaluation texts in the training pool.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from rhetoric.datahome import get_data_home
from rhetoric.errors import DataNotFoundError

_LISTED = re.compile(r"^-\s+`([^`]+)`")


def gold_dir(data_home: str | os.PathLike | None = None) -> Path:
    """The shared gold folder: ``<data home>/../gold``."""
    return get_data_home(data_home).parent / "gold"


def _missing_gold(what: str, path: Path, data_home: str | os.PathLike | None) -> DataNotFoundError:
    """The error for a part of the gold folder that is not there: ``what`` it is, its ``path``,
    and where the gold folder is looked for."""
    return DataNotFoundError(
        f"{path}: {what} is not beside the data home ({get_data_home(data_home)}); without it "
        "evaluation texts could not be kept out of training. The gold folder is looked for at "
        "<data home>/../gold: set RHETORIC_DATA (or data_home) to the data home beside it"
    )


def reserved_documents(data_home: str | os.PathLike | None = None) -> set[str]:
    """Paths (under the data home) listed in ``RESERVED.md``, with every PTC test article.

    A folder entry (``ptc/test-articles/``) and the seed article are expanded to their files.
    Raises :class:`~rhetoric.errors.DataNotFoundError` when ``RESERVED.md`` is missing.
    """
    home = get_data_home(data_home)
    reserved_file = gold_dir(data_home) / "RESERVED.md"
    if not reserved_file.is_file():
        raise _missing_gold("the list of reserved evaluation texts", reserved_file, data_home)
    paths: set[str] = {"seed/moscow_kabul_via_islamabad.txt"}
    for line in reserved_file.read_text(encoding="utf-8").splitlines():
        match = _LISTED.match(line.strip())
        if match and match.group(1).endswith(".txt"):
            paths.add(match.group(1))
    test = home / "ptc" / "test-articles"
    if test.is_dir():
        paths.update(f"ptc/test-articles/{p.name}" for p in test.glob("*.txt"))
    seed = home / "seed"
    if seed.is_dir():
        paths.update(f"seed/{p.name}" for p in seed.glob("*.txt"))
    return paths


def development_documents(data_home: str | os.PathLike | None = None) -> set[str]:
    """Documents of the public gold items and the judged public sets (measure, never train).

    Raises :class:`~rhetoric.errors.DataNotFoundError` when the gold folder is missing or holds
    none of these sets.
    """
    folder = gold_dir(data_home)
    files = [
        file
        for file in sorted(folder.glob("*.jsonl"))
        if file.name.startswith("devices_public") or file.name.startswith("precision_public")
    ]
    if not files:
        raise _missing_gold("the gold folder with the public sets", folder, data_home)
    paths: set[str] = set()
    for file in files:
        for line in file.read_text(encoding="utf-8").split("\n"):  # a JSON Lines record
            if line.strip():
                paths.add(json.loads(line)["doc"])
    return paths


def training_documents(data_home: str | os.PathLike | None = None) -> list[str]:
    """The training pool, sorted: addresses and PTC train articles neither reserved nor development."""
    home = get_data_home(data_home)
    excluded = reserved_documents(data_home) | development_documents(data_home)
    pool = []
    for folder in ("inaugural/texts", "state_union/texts", "ptc/train-articles"):
        for path in sorted((home / folder).glob("*.txt")):
            name = f"{folder}/{path.name}"
            if name not in excluded:
                pool.append(name)
    return pool


#: Folders of the data home that hold news articles (the PTC and the bundled seed article).
NEWS_FOLDERS = ("ptc/", "seed/")


def genre_of(path: str) -> str:
    """``"news"`` for the news articles of the data home (the PTC and the seed article),
    ``"speech"`` for the rest (the addresses; the two genres the README reports).

    >>> genre_of("ptc/train-articles/article1.txt"), genre_of("seed/moscow_kabul_via_islamabad.txt")
    ('news', 'news')
    """
    return "news" if path.startswith(NEWS_FOLDERS) else "speech"


PTC_TRAIN_FOLDER = "ptc/train-articles"


def ptc_label_counts(data_home: str | os.PathLike | None = None) -> dict[str, dict]:
    """For each PTC train article of the training pool (by its path under the data home), its
    own share of the emphatic-repeat counts (:func:`rhetoric.devices.repetition.label_counts` of
    its merged ``Repetition`` spans, over the words of its text as the counts were made: no
    boilerplate removed). Counted once per data home."""
    return _ptc_label_counts(str(get_data_home(data_home)))


@lru_cache(maxsize=2)
def _ptc_label_counts(data_home: str) -> dict[str, dict]:
    from rhetoric.corpora import load_ptc
    from rhetoric.devices.repetition import label_counts
    from rhetoric.evaluation.ptc import gold_spans, merge_intervals
    from rhetoric.text import Document

    pool = {p for p in training_documents(data_home) if p.startswith(PTC_TRAIN_FOLDER + "/")}
    articles, spans = load_ptc("train", data_home)
    truth = gold_spans(spans)
    counts = {}
    for doc_id, text in zip(articles["doc_id"], articles["text"], strict=True):
        path = f"{PTC_TRAIN_FOLDER}/article{doc_id}.txt"
        if path in pool:
            doc = Document(text, doc_id, remove_boilerplate=False)
            counts[path] = label_counts(doc, doc.keys, merge_intervals(truth.get(doc_id, [])))
    return counts


@contextmanager
def pool_texts_as_unseen(data_home: str | os.PathLike | None = None) -> Iterator[None]:
    """Within the block, the pool's PTC train articles, read as documents named by their path,
    are scored without their own labels in the emphatic-repeat counts
    (:func:`rhetoric.devices.repetition.own_labels_left_out`), as a new text would be."""
    from rhetoric.devices.repetition import own_labels_left_out

    with own_labels_left_out(ptc_label_counts(data_home)):
        yield
