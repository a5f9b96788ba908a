"""Files the commands read and write, with the user's mistakes explained in one line.

A JSON Lines file of the wrong kind (binary, not UTF-8, not JSON, a record that is no object, a
record without a field the file's kind needs) is an :class:`~rhetoric.errors.InputError` naming
the file and the line; an output path that is a folder, or whose folder cannot be made or
written, is an :class:`~rhetoric.errors.OutputError` naming the option (:func:`output_error`,
the one place every command's outputs, the run folders of ``analyze-corpus`` too, turn an
``OSError`` into that line). Neither is a bug, so the command line never reports them as one
(exit codes 1 and 2, not 70).
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rhetoric.errors import InputError, OutputError


def read_json_lines(
    path: str | os.PathLike, what: str = "file", required: Iterable[str] = ()
) -> list[tuple[int, dict]]:
    """The records of a JSON Lines file with their line numbers, blank lines skipped.

    ``what`` names the file's kind in messages ("gold file"); each record must be a JSON object
    holding every key of ``required`` (a tuple of alternatives, such as
    ``("quote", "not_quote")``, needs one of them).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(
            f"{path}: no such {what}" if not path.is_dir() else f"{path}: is a folder, not a {what}"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a {what} (not UTF-8 text)") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    records = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(
                f"{path}:{number}: not valid JSON ({error.msg}); is it a {what}?"
            ) from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: a record must be a JSON object")
        for key in required:
            keys = key if isinstance(key, tuple) else (key,)
            if not any(k in record for k in keys):
                named = " or ".join(repr(k) for k in keys)
                raise InputError(f"{path}:{number}: the record lacks {named}; is it a {what}?")
        records.append((number, record))
    return records


def output_error(
    option: str, path: str | os.PathLike, error: OSError, what: str, advice: str = ""
) -> OutputError:
    """The one line for an output that cannot be written: ``OPTION PATH: WHAT (reason)``, then
    ``; advice`` if given."""
    return OutputError(
        f"{option} {path}: {what} ({error.strerror or error})" + (f"; {advice}" if advice else "")
    )


def check_no_file_in_the_way(folder: Path, option: str, given: str | os.PathLike) -> None:
    """An :class:`OutputError` naming the file that stands where ``folder`` or one of its
    parents should be a folder (``--out notes.txt/run``): "File exists" or "Not a directory"
    would name neither the file nor why it matters. Nothing when there is none."""
    in_the_way = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if in_the_way is not None:
        raise OutputError(
            f"{option} {given}: {in_the_way} is a file where a folder should be; give a "
            "path whose folders are folders (a missing one is made)"
        )


def output_path(path: str | os.PathLike, option: str = "path") -> Path:
    """Where one file is to be written: its folder is made when missing. A folder, a place
    where no folder can be made (under a file, say) or a folder where no file can be written
    (read-only) is an :class:`OutputError` naming ``option``; checked before the work starts, so
    that a long run does not end in a failed write."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{option} {path}: is a folder; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        check_no_file_in_the_way(path.parent, option, path)
        raise output_error(option, path, error, "its folder cannot be made") from None
    try:  # a file can be made there (root may write anywhere, except into an immutable folder)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".rhetoric-", suffix=".tmp"):
            pass
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    except OSError as error:
        raise output_error(option, path, error, "cannot be written") from None
    return path


def write_output(
    path: str | os.PathLike, text: str, option: str = "path", newline: str | None = None
) -> Path:
    """Write ``text`` (UTF-8; ``newline`` as :func:`open`'s) to ``path`` (:func:`output_path`);
    a failed write is an :class:`OutputError` naming ``option``."""
    path = output_path(path, option)
    try:
        with path.open("w", encoding="utf-8", newline=newline) as stream:
            stream.write(text)
    except OSError as error:
        raise output_error(option, path, error, "cannot be written") from None
    return path
