"""Tables printed by the command line, in the format ``--format`` asks for.

``table`` is for reading in a terminal: aligned columns, numbers right-aligned and rounded, text
left-aligned; ``json`` is JSON Lines (one object per row, for ``jq`` and pandas'
``read_json(lines=True)``); ``csv`` is for a spreadsheet or ``pandas.read_csv``, with a header
row and full precision. Every subcommand that prints a table takes the same ``--format`` option
(:func:`add_format_option`).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pandas is imported when a table is printed, not by `rhetoric --help`
    import pandas as pd

Format = Literal["table", "json", "csv"]
#: The values of ``--format``.
FORMATS: tuple[str, ...] = ("table", "json", "csv")


def add_format_option(parser: argparse.ArgumentParser, *, what: str = "the table") -> None:
    """Give a subcommand the ``--format table|json|csv`` option (default ``table``)."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        metavar="{table,json,csv}",
        help=f"how to print {what}: aligned columns (table, the default), JSON Lines (json: one "
        "object per row) or CSV with a header (csv)",
    )


def check_verbose_format(args: argparse.Namespace, listing: str) -> None:
    """``--verbose`` prints a ``listing`` beside the table of the table format; with ``--format
    json`` or ``csv`` (the rows only, for a program) it was ignored without a word: a usage error
    now, before the work."""
    from rhetoric.errors import UsageError

    if getattr(args, "verbose", False) and getattr(args, "format", "table") != "table":
        raise UsageError(
            f"--verbose lists {listing} beside the table; --format {args.format} prints the rows "
            "only: give one of the two"
        )


def add_table_column_options(parser: argparse.ArgumentParser, *, table: str = "a table") -> None:
    """Give a subcommand ``--text-column`` and ``--id-column``: which columns of a corpus table
    hold each document's text and name (spelled the same wherever a table is read)."""
    parser.add_argument(
        "--text-column", default="text", metavar="NAME", help=f"the text column of {table}"
    )
    parser.add_argument(
        "--id-column",
        default="doc_id",
        metavar="NAME",
        help=f"the column of {table} that names each document (default doc_id; without it: "
        "doc0, doc1, ...)",
    )


def _cell(value):
    """A value as JSON and CSV write it: lists joined, NumPy scalars as Python ones."""
    import numpy as np

    if isinstance(value, list | tuple | np.ndarray):
        return "; ".join(map(str, value))
    if isinstance(value, np.generic):
        return value.item()
    return value


def format_table(
    table: pd.DataFrame, fmt: Format = "table", *, decimals: int | dict[str, int] = 3
) -> str:
    """``table`` as text in format ``fmt``, ending in a newline (empty for an empty JSON table).

    Parameters
    ----------
    table : DataFrame
        The rows to print; the index is not printed.
    fmt : {"table", "json", "csv"}
        Aligned columns, JSON Lines or CSV.
    decimals : int or dict, default 3
        Places shown for float columns in the ``table`` format (per column with a dict; JSON and
        CSV keep full precision).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"device": ["anaphora", "tricolon"], "f1": [0.5, 0.12345]})
    >>> print(format_table(data), end="")
    device       f1
    anaphora  0.500
    tricolon  0.123
    >>> print(format_table(data, "json"), end="")
    {"device":"anaphora","f1":0.5}
    {"device":"tricolon","f1":0.12345}
    >>> print(format_table(data, "csv"), end="")
    device,f1
    anaphora,0.5
    tricolon,0.12345
    """
    import pandas as pd

    from rhetoric.errors import check_choice

    check_choice("format", fmt, FORMATS)
    if fmt == "json":
        records = table.astype(object).where(table.notna(), None).to_dict(orient="records")
        return "".join(
            json.dumps({k: _cell(v) for k, v in r.items()}, ensure_ascii=False, separators=(",", ":")) + "\n"
            for r in records
        )  # fmt: skip
    plain = table.map(_cell) if len(table) else table
    if fmt == "csv":
        return plain.to_csv(index=False, lineterminator="\n")
    numeric = [pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
               for c in table.columns]  # fmt: skip
    columns = []
    for column, is_number in zip(table.columns, numeric, strict=True):
        if pd.api.types.is_float_dtype(table[column]):
            places = decimals.get(column, 3) if isinstance(decimals, dict) else decimals
            cells = ["" if pd.isna(v) else f"{v:.{places}f}" for v in table[column]]
        else:
            cells = [
                "" if v is None or (is_number and pd.isna(v)) else str(v) for v in plain[column]
            ]
        width = max(len(str(column)), *map(len, cells), 0) if cells else len(str(column))
        align = str.rjust if is_number else str.ljust
        columns.append([align(str(column), width), *(align(c, width) for c in cells)])
    rows = zip(*columns, strict=True)
    return "".join("  ".join(row).rstrip() + "\n" for row in rows)
