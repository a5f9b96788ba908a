"""Rolling attribution: who wrote which stretch of a long text (stylo's ``rolling.classify()``).

The long text is cut into overlapping windows of ``window`` words moved by ``step`` words (and a
last window ending at the last word, so the end of the text is attributed too; see
:func:`windows`); each window is attributed by a model trained on the reference texts. The table keeps each window's
word and character offsets, so a passage can be cut back out of the original text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from rhetoric.errors import UsageError, check_documents
from rhetoric.stylometry.classifiers import attribution_pipeline
from rhetoric.stylometry.features import stylo_token_spans


def windows(n_words: int, window: int, step: int) -> list[tuple[int, int]]:
    """Word ranges ``[start, end)`` of the windows; one window when the text is shorter.

    Windows start every ``step`` words; when the last of them stops short of the end of the
    text, one more window of ``window`` words ends at the last word, so every word is
    attributed and every window has the same length (that final window overlaps its
    predecessor more than ``window - step`` words).

    >>> windows(10, 4, 3)
    [(0, 4), (3, 7), (6, 10)]
    >>> windows(11, 4, 3)
    [(0, 4), (3, 7), (6, 10), (7, 11)]
    >>> windows(3, 4, 2)
    [(0, 3)]
    """
    if window < 1 or step < 1:
        raise UsageError(
            f"window={window!r}, step={step!r} are not valid; both must be positive numbers of words"
        )
    if n_words == 0:
        return []
    if n_words <= window:
        return [(0, n_words)]
    ranges = [(s, s + window) for s in range(0, n_words - window + 1, step)]
    if ranges[-1][1] < n_words:  # the tail: one more full window ending at the last word
        ranges.append((n_words - window, n_words))
    return ranges


def rolling_attribution(
    text: str,
    train_texts: Iterable[str],
    train_labels: Sequence[str],
    *,
    window: int = 5000,
    step: int = 1000,
    method: str | BaseEstimator = "default",
    mfw: int | tuple[int, int] = 100,
    vectorizer: dict | None = None,
) -> pd.DataFrame:
    """Attribute each window of ``text`` to one of the training authors.

    The word list and z-scores come from the training texts (word features with the stylo
    tokeniser); windows count words as :func:`~rhetoric.stylometry.features.stylo_tokenize`.

    Returns
    -------
    pandas.DataFrame
        One row per window: ``window`` (0, 1, ...), ``start_word``, ``end_word`` (exclusive),
        ``start_char``, ``end_char`` (``text[start_char:end_char]`` is the window), ``predicted``,
        then one probability column per training label (when the method gives probabilities).

    Examples
    --------
    >>> train = ["upon the whole upon it"] * 2 + ["on the whole on it"] * 2
    >>> table = rolling_attribution("upon it upon the on it on the", train, list("HHMM"), window=4, step=4,
    ...                             method="burrows", mfw=5)
    >>> table[["start_char", "end_char", "predicted"]].to_dict("records")
    [{'start_char': 0, 'end_char': 16, 'predicted': 'H'}, {'start_char': 17, 'end_char': 29, 'predicted': 'M'}]
    """
    spans = stylo_token_spans(text)
    ranges = windows(len(spans), window, step)
    columns = ["window", "start_word", "end_word", "start_char", "end_char", "predicted"]
    if not ranges:  # the columns and dtypes of a table with windows: one per candidate author
        authors = sorted({str(label) for label in train_labels})
        empty = {c: pd.Series(dtype="int64") for c in columns[:-1]}
        return pd.DataFrame(
            {
                **empty,
                "predicted": pd.Series(dtype="str"),
                **{a: pd.Series(dtype=float) for a in authors},
            }
        )
    model = attribution_pipeline(method, mfw, **(vectorizer or {}))
    model.fit(check_documents("train_texts", train_texts), list(train_labels))
    starts = [spans[a][0] for a, _ in ranges]
    ends = [spans[b - 1][1] for _, b in ranges]
    pieces = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    frame = pd.DataFrame(
        {
            "window": np.arange(len(ranges)),
            "start_word": [a for a, _ in ranges],
            "end_word": [b for _, b in ranges],
            "start_char": starts,
            "end_char": ends,
            "predicted": model.predict(pieces),
        }
    )
    if hasattr(model, "predict_proba"):
        proba = model.predict_proba(pieces)
        for j, label in enumerate(model.classes_):
            frame[str(label)] = proba[:, j]
    return frame
