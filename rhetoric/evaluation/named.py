"""Documents that evaluation files name: a gold item's or a judgement's ``doc``, a path under the
data home (such as ``inaugural/texts/1961-Kennedy.txt``).

One place for what the gold and the precision evaluations both need: one name per document
(``./inaugural/...`` and the absolute path of the same file are the same document, counted once),
its text decoded as the analysis decodes it, and a missing or unreadable document said in one
line naming it, with the exit code of its cause: a corpus folder that is not there at all is data
not fetched (exit 3, with how to get it), a file missing from a folder that is there is a
mistake in the file that names it (exit 1).
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path, PurePosixPath

from rhetoric.datahome import fetch_hint, get_data_home
from rhetoric.errors import DataNotFoundError, InputError, did_you_mean
from rhetoric.text import decode


def document_name(doc: str, data_home: str | os.PathLike | None = None) -> str:
    """The one name of a document an evaluation file names: its path under the data home, in
    forward slashes, without ``.`` or ``..`` steps; an absolute path inside the data home is
    made relative to it (another absolute path is kept as it is).

    >>> document_name("./inaugural//texts/1961-Kennedy.txt", "/data")
    'inaugural/texts/1961-Kennedy.txt'
    >>> document_name("/data/ptc/train-articles/article1.txt", "/data")
    'ptc/train-articles/article1.txt'
    """
    name = str(doc).replace("\\", "/")
    if PurePosixPath(name).is_absolute():
        home = Path(get_data_home(data_home)).resolve()
        try:
            name = Path(name).resolve().relative_to(home).as_posix()
        except ValueError:
            return posixpath.normpath(name)
    return posixpath.normpath(name)


def named_text(doc: str, data_home: str | os.PathLike | None = None, what: str = "document") -> str:
    """The text of ``doc`` (a :func:`document_name`) under the data home, decoded as the
    analysis decodes it.

    Raises
    ------
    DataNotFoundError
        The corpus folder ``doc`` lies in is not in the data home (exit code 3; how to get it).
    InputError
        The folder is there and the file is not, or the file is no text (a PDF, a binary file):
        the line names ``doc`` (exit code 1).
    """
    home = Path(get_data_home(data_home))
    path = home / doc
    if not path.is_file():
        top = PurePosixPath(doc).parts[0] if PurePosixPath(doc).parts else doc
        if not (home / top).is_dir():
            raise DataNotFoundError(
                f"{doc}: {what} not found: the data home ({home}) has no {top!r} folder; "
                + fetch_hint(top, home)
            )
        kind = "a folder, not a file" if path.is_dir() else "no such file"
        raise InputError(f"{doc}: {what} not found in the data home ({home}): {kind}")
    try:
        return decode(path.read_bytes())[0]
    except OSError as error:
        raise InputError(f"{doc}: {what} cannot be read ({error.strerror or error})") from None
    except InputError as error:  # a PDF, a binary file: decode's one line, naming the document
        raise InputError(f"{doc}: {error}") from None


def unknown_label(where: str, label: object, valid, field: str = "device") -> InputError:
    """The error for a record of an evaluation file whose ``field`` (its device, or a frame) is
    none of ``valid``, naming the file (and line) and the closest label.

    >>> print(unknown_label("gold.jsonl:3", "Chiasmus", ["chiasmus", "tricolon"]))
    gold.jsonl:3: device 'Chiasmus' is no label this evaluation knows; choose from 'chiasmus', 'tricolon' (did you mean 'chiasmus'?)
    """
    choices = sorted(valid)
    return InputError(
        f"{where}: {field} {label!r} is no label this evaluation knows; choose from "
        + ", ".join(map(repr, choices))
        + did_you_mean(label, choices)
    )
