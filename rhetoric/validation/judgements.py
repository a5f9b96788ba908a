"""Judgement records: the JSON Lines format of the project's rubric, and the same as CSV.

One record per judged figure::

    {"doc": "...", "device": "...", "kind": "...", "start": 0, "end": 0, "text": "...",
     "verdict": "TRUE|BORDERLINE|FALSE", "reason": "...", "annotator": "..."}

``start``/``end`` are character offsets into the decoded document (the figure's first span to
its last). A *sheet* is the same records before judging (empty ``verdict``), with the figure's
context (``before``, ``after``), its ``parts`` and a ``figure_id``; the judging page, the
JupyterLab widget and a spreadsheet all read a sheet and write judgements in this one format.
Files ending in ``.csv`` are CSV; anything else is JSON Lines.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from rhetoric.errors import InputError, OutputError, invalid_value
from rhetoric.files import read_json_lines, write_output

#: The three verdicts of the rubric.
VERDICTS = ("TRUE", "BORDERLINE", "FALSE")

#: Columns of a judgement table (the record format), in this order.
JUDGEMENT_COLUMNS = ["doc", "device", "kind", "start", "end", "text", "verdict", "reason", "annotator"]  # fmt: skip

#: Columns of a sheet: the judgement columns plus what a coder needs to see.
SHEET_COLUMNS = ["figure_id", *JUDGEMENT_COLUMNS, "before", "after", "parts"]

_REQUIRED = ("doc", "device", "start", "end")


def _is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


def _records(path: Path) -> list[tuple[int, dict]]:
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a judgement file")
    if not path.is_file():
        raise InputError(f"{path}: no such judgement file")
    if _is_csv(path):
        try:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except pd.errors.EmptyDataError:
            return []  # an empty file: no records (what to make of none is the caller's to say)
        except (pd.errors.ParserError, UnicodeDecodeError) as error:
            reason = " ".join(str(error).split())  # pandas' message may end in a line break
            raise InputError(f"{path}: not a readable CSV file ({reason})") from None
        return [(i + 2, row) for i, row in enumerate(table.to_dict("records"))]
    return read_json_lines(path, "judgement file")


def _verdict(value: object, where: str) -> str:
    verdict = "" if value is None else str(value).strip().upper()
    if verdict and verdict not in VERDICTS:
        raise InputError(f"{where}: {invalid_value('verdict', value, VERDICTS)}")
    return verdict


def _parts(value: object) -> tuple[tuple[int, int], ...] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = json.loads(value)
    return tuple((int(s), int(e)) for s, e in value)


def read_judgements(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    annotator: str | None = None,
    unjudged: bool = False,
) -> pd.DataFrame:
    """Read judgement files (JSON Lines or CSV) into one table.

    Parameters
    ----------
    paths : path or list of paths
        Files in the record format; ``.csv`` files are read as CSV. A sheet exported by the
        judging page, the widget or a spreadsheet is read the same way.
    annotator : str, optional
        The coder's name for records that have none (a spreadsheet filled in by hand).
    unjudged : bool, default False
        Keep records without a verdict (a sheet not yet finished); by default they are dropped.

    Returns
    -------
    DataFrame
        :data:`JUDGEMENT_COLUMNS`: ``doc``, ``device``, ``kind``, ``text``, ``verdict`` (one of
        :data:`VERDICTS`, or ``""`` when unjudged), ``reason``, ``annotator`` (str), ``start``,
        ``end`` (int); then ``figure_id``, ``before``, ``after``, ``parts`` when a file has them,
        and ``file`` (str, where the record came from). Verdicts are read case-insensitively.

    Raises
    ------
    InputError
        A missing file, a line that is not JSON, a record without ``doc``, ``device``,
        ``start`` or ``end``, bad offsets, or a verdict that is not one of :data:`VERDICTS`;
        the message names the file and line.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    rows = []
    extra: list[str] = []
    for path in map(Path, paths):
        for number, record in _records(path):
            where = f"{path}:{number}"
            missing = [k for k in _REQUIRED if record.get(k) in (None, "")]
            if missing:
                raise InputError(f"{where}: the record has no {missing[0]!r}")
            try:
                start, end = int(record["start"]), int(record["end"])
            except (TypeError, ValueError):
                raise InputError(f"{where}: start and end must be whole numbers") from None
            if not 0 <= start <= end:
                raise InputError(
                    f"{where}: offsets must satisfy 0 <= start <= end, got {start}, {end}"
                )
            row = {
                "doc": str(record["doc"]), "device": str(record["device"]),
                "kind": str(record.get("kind") or ""), "start": start, "end": end,
                "text": str(record.get("text") or ""),
                "verdict": _verdict(record.get("verdict"), where),
                "reason": str(record.get("reason") or ""),
                "annotator": str(record.get("annotator") or annotator or ""),
            }  # fmt: skip
            for key in ("figure_id", "before", "after"):
                if key in record:
                    row[key] = str(record[key] or "")
                    extra.append(key)
            if "parts" in record:
                try:
                    row["parts"] = _parts(record["parts"])
                except (ValueError, TypeError):
                    raise InputError(
                        f"{where}: parts must be a list of [start, end] pairs"
                    ) from None
                extra.append("parts")
            row["file"] = str(path)
            if row["verdict"] or unjudged:
                rows.append(row)
    columns = [*JUDGEMENT_COLUMNS, *[c for c in SHEET_COLUMNS if c in extra], "file"]
    table = pd.DataFrame(rows, columns=columns)
    for key in ("figure_id", "before", "after"):
        if key in table.columns:
            table[key] = table[key].fillna("")
    return table.astype({"start": "int64", "end": "int64"})


def check_sheet_target(path: str | os.PathLike, option: str = "--out") -> None:
    """Refuse to write a new sheet over a file that holds judgements (a sheet already judged,
    a spreadsheet filled in), or over a file that is no sheet this package can read (it may hold
    them in a form it cannot read): an :class:`~rhetoric.errors.OutputError` (exit code 2)
    saying how many verdicts the file holds and what to do. A missing or empty file, or a sheet
    with no verdict yet, may be written over.
    """
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        table = read_judgements(path, unjudged=True)
    except InputError:
        raise OutputError(
            f"{option} {path}: the file exists and is not a sheet this command can read, so it "
            f"may hold other work; give another {option} file, or delete this one first"
        ) from None
    verdicts = table.loc[table["verdict"] != "", "verdict"].value_counts()
    if verdicts.empty:
        return
    n = int(verdicts.sum())
    counts = ", ".join(f"{verdicts[v]} {v}" for v in VERDICTS if v in verdicts)
    raise OutputError(
        f"{option} {path}: the file holds {n} judgement{'s' * (n != 1)} ({counts}), which a new "
        f"sheet would replace; give another {option} file (or move this one away first)"
    )


def write_judgements(table: pd.DataFrame, path: str | os.PathLike, option: str = "--out") -> Path:
    """Write judgements (or a sheet) as JSON Lines, or as CSV when ``path`` ends in ``.csv``.

    The columns written are :data:`SHEET_COLUMNS` that ``table`` has, in that order, so a table
    read by :func:`read_judgements` is written back unchanged (``parts`` as ``[[start, end],
    ...]``, in CSV as that JSON text). Returns the path. A path that cannot be written is an
    :class:`~rhetoric.errors.OutputError` naming ``option`` (:func:`rhetoric.files.write_output`).
    """
    path = Path(path)
    for column in _REQUIRED:
        if column not in table.columns:
            raise invalid_value("column", column, map(str, table.columns))
    columns = [c for c in SHEET_COLUMNS if c in table.columns]
    records = []
    for row in table[columns].to_dict("records"):
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        for key in (
            "kind",
            "text",
            "verdict",
            "reason",
            "annotator",
            "figure_id",
            "before",
            "after",
        ):
            if key in row:
                row[key] = "" if row[key] is None or row[key] != row[key] else str(row[key])
        if "parts" in row:
            row["parts"] = [list(p) for p in row["parts"]] if row["parts"] is not None else None
        records.append(row)
    if _is_csv(path):
        for row in records:
            if "parts" in row:
                row["parts"] = "" if row["parts"] is None else json.dumps(row["parts"])
        # every field quoted: a lone carriage return inside a text survives the round trip
        text = pd.DataFrame(records, columns=columns).to_csv(index=False, quoting=csv.QUOTE_ALL)
        return write_output(path, text, option, newline="")
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in records)
    return write_output(path, text, option, newline="\n")
