"""Craig's Zeta: the words one group of texts uses consistently and the other avoids (stylo's ``oppose()``).

Zeta does not count how often a word occurs but in how many *segments* it occurs: the texts of
each group are cut into segments of equal length, and a word's Zeta is the share of the first
group's segments that contain it minus the share of the second group's segments that do.
Short texts (speeches, articles) are pooled first: a group's texts are joined in order and then
cut, so that segments have the same length in both groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from rhetoric.errors import UsageError, check_documents
from rhetoric.stylometry.features import CountTable, Tokenizer, text_features


def segments(
    texts: Iterable[str],
    *,
    segment_size: int = 1000,
    pool: bool = True,
    tokenizer: Tokenizer | Callable[[str], list[str]] = "stylo",
) -> list[list[str]]:
    """Cut texts into segments of ``segment_size`` words.

    With ``pool=True`` the texts are joined first; otherwise each text is cut on its own. A
    final piece shorter than half a segment is dropped, unless it is the only piece of its text
    (or pool).

    >>> [len(s) for s in segments(["a b c d e", "f g h i"], segment_size=3)]
    [3, 3, 3]
    >>> [len(s) for s in segments(["a b c d e", "f g"], segment_size=3)]
    [3, 3]
    >>> [len(s) for s in segments(["a b c d e", "f g"], segment_size=3, pool=False)]
    [3, 2, 2]
    """
    if segment_size < 1:
        raise UsageError(
            f"segment_size={segment_size!r} is not valid; it must be a positive number of words"
        )
    word_lists = [text_features(t, tokenizer=tokenizer) for t in check_documents("texts", texts)]
    streams = [[w for words in word_lists for w in words]] if pool else word_lists
    out = []
    for words in streams:
        pieces = [words[i : i + segment_size] for i in range(0, len(words), segment_size)]
        if len(pieces) > 1 and len(pieces[-1]) * 2 < segment_size:
            pieces.pop()
        out.extend(p for p in pieces if p)
    return out


def zeta(
    texts_a: Iterable[str],
    texts_b: Iterable[str],
    *,
    segment_size: int = 1000,
    pool: bool = True,
    threshold: float = 0.1,
    names: tuple[str, str] = ("a", "b"),
    tokenizer: Tokenizer | Callable[[str], list[str]] = "stylo",
) -> pd.DataFrame:
    """Craig's Zeta of every word between two groups of texts.

    Parameters
    ----------
    texts_a, texts_b : list of str
        The two groups (stylo's primary and secondary set).
    segment_size : int
        Words per segment.
    pool : bool
        Join each group's texts before cutting (for short texts).
    threshold : float
        Words with ``zeta >= threshold`` are marked as preferred by the first group, those with
        ``zeta <= -threshold`` by the second (stylo's default cut-off is 0.1).
    names : (str, str)
        Names of the groups for the ``preferred_by`` column.

    Returns
    -------
    pandas.DataFrame
        One row per word: ``word``, ``prop_a`` and ``prop_b`` (share of each group's segments
        containing the word), ``zeta`` (``prop_a - prop_b``, in [-1, 1]; stylo's Craig score is
        ``zeta + 1``), ``preferred_by`` (a name or ``None``); sorted by descending ``zeta``.
        ``attrs["segments"]`` holds the number of segments of each group.

    Examples
    --------
    >>> table = zeta(["upon the land", "upon the sea"], ["on the land", "on the sea"], segment_size=3,
    ...              pool=False, names=("H", "M"))
    >>> table.set_index("word").loc[["upon", "on", "the"], ["zeta", "preferred_by"]].to_dict("index")
    {'upon': {'zeta': 1.0, 'preferred_by': 'H'}, 'on': {'zeta': -1.0, 'preferred_by': 'M'}, 'the': {'zeta': 0.0, 'preferred_by': None}}
    """
    seg_a = segments(texts_a, segment_size=segment_size, pool=pool, tokenizer=tokenizer)
    seg_b = segments(texts_b, segment_size=segment_size, pool=pool, tokenizer=tokenizer)
    columns = ["word", "prop_a", "prop_b", "zeta", "preferred_by"]
    if not seg_a or not seg_b:
        frame = pd.DataFrame(columns=columns)
        frame.attrs["segments"] = {names[0]: len(seg_a), names[1]: len(seg_b)}
        return frame
    table = CountTable.from_texts(
        [" ".join(s) for s in seg_a + seg_b], tokenizer=str.split, lowercase=False
    )
    present = (table.counts > 0).astype(float)
    prop_a = np.asarray(present[: len(seg_a)].mean(axis=0)).ravel()
    prop_b = np.asarray(present[len(seg_a) :].mean(axis=0)).ravel()
    score = prop_a - prop_b
    preferred = [
        names[0] if z >= threshold else names[1] if z <= -threshold else None for z in score
    ]
    frame = pd.DataFrame({"word": table.vocabulary.astype(str), "prop_a": prop_a, "prop_b": prop_b, "zeta": score,
                          "preferred_by": pd.Series(preferred, dtype=object)})  # fmt: skip
    frame = frame.sort_values(["zeta", "word"], ascending=[False, True], ignore_index=True)
    frame.attrs["segments"] = {names[0]: len(seg_a), names[1]: len(seg_b)}
    return frame
