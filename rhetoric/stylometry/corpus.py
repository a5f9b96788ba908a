"""Corpora for stylometry: a stylo-style folder of ``<Label>_<anything>.txt`` files, or a loader.

stylo reads the class of a text from its file name, the part before the first underscore
(``Hamilton_01.txt`` is by ``Hamilton``; a name without an underscore is its own label:
``Smith-0.txt`` is by ``Smith-0``). :func:`read_corpus_folder` does the same with
:func:`rhetoric.text.read_text`, so a binary or unreadable file gives a clear reason; such a
file, and one with nothing before its first underscore (``_x.txt``), is skipped with a
:class:`CorpusFileWarning` and the others are kept.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pandas as pd

from rhetoric.errors import InputError, no_such_corpus

#: Loader names accepted wherever a corpus is named.
LOADER_NAMES = ("federalist", "inaugural", "state_union")


class CorpusFileWarning(UserWarning):
    """A file of a corpus folder was skipped (binary, unreadable, empty name label)."""


def label_of(filename: str) -> str:
    """The class of a file as stylo reads it: the name before the first underscore.

    >>> label_of("Hamilton_01.txt"), label_of("anonymous.txt")
    ('Hamilton', 'anonymous')
    """
    stem = Path(filename).stem
    return stem.split("_", 1)[0]


def read_corpus_folder(folder: str | os.PathLike, *, pattern: str = "*.txt") -> pd.DataFrame:
    """Read every ``pattern`` file of ``folder`` (sorted by name) as a stylometry corpus.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (file name without its extension, as every folder's documents are named:
        :func:`rhetoric.documents.file_doc_ids`), ``label`` (before the first ``_``), ``text``,
        ``clean_text`` (the same text: no cleaning is guessed for unknown files), ``path``.

    Raises
    ------
    InputError
        When ``folder`` is not a folder or holds no readable ``pattern`` file.
    UsageError
        When ``pattern`` names no file inside the folder (empty, absolute, or with a ``..``
        part), as for every corpus folder (:func:`rhetoric.documents.check_pattern`).
    """
    from rhetoric.text import read_text

    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{root}: not a folder of text files")
    from rhetoric.documents import file_doc_ids, folder_paths

    rows = []
    # the files of every corpus folder, the pattern checked (a link whose target is gone is
    # kept, and skipped below with its reason)
    paths = folder_paths(root, pattern)
    # named by the one doc_id rule (rhetoric.documents): the path in the folder, no extension
    for path, doc_id in zip(paths, file_doc_ids(paths, root), strict=True):
        try:
            text = read_text(path)
        except InputError as error:
            warnings.warn(f"skipped {error}", CorpusFileWarning, stacklevel=2)
            continue
        if not label_of(path.name):
            warnings.warn(
                f"skipped {path}: no author name before the first underscore",
                CorpusFileWarning,
                stacklevel=2,
            )
            continue
        rows.append({"doc_id": doc_id, "label": label_of(path.name), "text": text, "clean_text": text,
                     "path": str(path)})  # fmt: skip
    if not rows:
        raise InputError(f"{root}: no readable {pattern} files")
    return pd.DataFrame(rows, columns=["doc_id", "label", "text", "clean_text", "path"])


def load_stylometry_corpus(
    corpus: str | os.PathLike, data_home: str | os.PathLike | None = None
) -> pd.DataFrame:
    """A loader corpus by name (``federalist``, ``inaugural``, ``state_union``) or a folder.

    Returns
    -------
    pandas.DataFrame
        At least ``doc_id``, ``label``, ``text`` and ``clean_text`` (the loaders' cleaned text,
        which is what stylometry should read).
    """
    if isinstance(corpus, str) and corpus in LOADER_NAMES:
        from rhetoric.corpora import load_corpus

        return load_corpus(corpus, data_home)
    if isinstance(corpus, str) and not Path(corpus).exists() and os.sep not in corpus:
        # a folder not there, or a loader name mistyped: both are said
        raise no_such_corpus(corpus, LOADER_NAMES, what="folder")
    return read_corpus_folder(corpus)
