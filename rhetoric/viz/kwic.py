"""Keyword in context: every occurrence of a term with its left and right context, sortable.

The concordance is a tidy table (one row per occurrence, exact character offsets of the keyword),
sorted by the right context (first word after the keyword, then the next...) or the left context
(the word just before the keyword first), as concordancers do; :func:`kwic_style` renders it as an
aligned HTML table for a notebook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import pandas as pd

from rhetoric.errors import UsageError, check_choice
from rhetoric.viz.tables import as_documents, find_term

#: Columns of :func:`kwic`.
KWIC_COLUMNS = ["doc_id", "start", "end", "left", "keyword", "right"]

_SPACES = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text)


def kwic(
    documents: object,
    term: str,
    *,
    window: int = 6,
    sort: Literal["left", "right"] | None = None,
    doc_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """A keyword-in-context table of ``term`` across documents.

    Parameters
    ----------
    documents : list of str or Document, mapping or Series
        The texts (a mapping or Series gives the ``doc_id``\\ s). Boilerplate is left out.
    term : str
        A word or phrase, matched case-insensitively on whole words; ``*`` at the end of a word
        matches any ending (``"terror*"``).
    window : int, default 6
        Words of context on each side.
    sort : {"left", "right"}, optional
        Sort by the right context (word after the keyword first) or the left context (word
        before the keyword first); default: document order.
    doc_ids : list of str, optional
        Names of the documents.

    Returns
    -------
    DataFrame
        One row per occurrence: ``doc_id`` (str), ``start`` / ``end`` (int, offsets of the keyword
        in the original text, ``keyword == text[start:end]``), ``left`` / ``right`` (str, the
        context with runs of white space shown as one space), ``keyword`` (str). No match gives an
        empty table with these columns.

    Examples
    --------
    >>> texts = {"a": "The old order fails. A new order rises.", "b": "Order, order!"}
    >>> kwic(texts, "order", window=2, sort="left")[["left", "keyword", "right"]]
          left keyword      right
    0             Order   , order!
    1    A new    order     rises.
    2  The old    order   fails. A
    3   Order,    order          !
    """
    if not isinstance(window, int) or window < 0:
        raise UsageError(f"window={window!r} is not valid; give a number of words, such as 6")
    if sort is not None:
        check_choice("sort", sort, ["left", "right"])
    rows, left_keys, right_keys = [], [], []
    for doc in as_documents(documents, doc_ids):
        words, text = doc.words, doc.text
        for first, last in find_term(doc, term):
            start, end = words[first].start, words[last - 1].end
            before = words[max(0, first - window) : first]
            after = words[last : last + window]
            left_start = before[0].start if before else start
            # the right context ends after its last word and any punctuation glued to it
            right_end = _sentence_end(text, after[-1].end if after else end)
            left = _flat(text[left_start:start])
            right = _flat(text[end:right_end])
            rows.append((doc.doc_id, start, end, left, text[start:end], right))
            left_keys.append(tuple(w.norm for w in reversed(before)))
            right_keys.append(tuple(w.norm for w in after))
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS).astype({"start": "int64", "end": "int64"})
    if sort is not None and len(table):
        keys = left_keys if sort == "left" else right_keys
        order = sorted(
            range(len(table)), key=lambda i: (keys[i], table.at[i, "keyword"].lower(), i)
        )
        table = table.iloc[order].reset_index(drop=True)
    return table


def _sentence_end(text: str, position: int) -> int:
    """Extend ``position`` over trailing punctuation (not over spaces or the next word)."""
    while position < len(text) and not text[position].isspace() and not text[position].isalnum():
        position += 1
    return position


def kwic_style(table: pd.DataFrame, *, max_rows: int | None = 200):
    """The concordance as an aligned HTML table (pandas ``Styler``), for a notebook.

    The left context is right-aligned against the keyword, the keyword is bold and centred, the
    right context is left-aligned, so the keyword forms one column down the page. Sort first
    with ``kwic(..., sort="left")`` or ``sort="right"``.

    Returns
    -------
    pandas.io.formats.style.Styler
        Shown inline in JupyterLab; ``.to_html()`` gives the HTML (cells escaped).

    Examples
    --------
    >>> html_text = kwic_style(kwic(["Peace & war."], "war")).to_html()
    >>> "Peace &amp; " in html_text and "text-align: right" in html_text
    True
    """
    shown = table if max_rows is None else table.head(max_rows)
    columns = [c for c in ("doc_id", "left", "keyword", "right") if c in shown.columns]
    styler = shown[columns].style.hide(axis="index").format(escape="html")
    styler = styler.set_properties(
        subset=["left"], **{"text-align": "right", "white-space": "nowrap"}
    )
    styler = styler.set_properties(
        subset=["keyword"],
        **{"text-align": "center", "font-weight": "bold", "white-space": "nowrap"},
    )
    styler = styler.set_properties(
        subset=["right"], **{"text-align": "left", "white-space": "nowrap"}
    )
    return styler.set_table_styles(
        [{"selector": "th", "props": [("text-align", "center")]},
         {"selector": "td", "props": [("padding", "1px 6px"), ("font-family", "Georgia, serif")]}]
    )  # fmt: skip
