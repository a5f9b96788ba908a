"""Craig's Zeta, General Impostors and rolling attribution."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rhetoric.stylometry.features import stylo_token_spans, stylo_tokenize
from rhetoric.stylometry.impostors import ImpostorsVerifier
from rhetoric.stylometry.rolling import rolling_attribution, windows
from rhetoric.stylometry.zeta import segments, zeta

A_TEXTS = ["whilst the river runs amongst the hills whilst we sleep"] * 3
B_TEXTS = ["while the river runs among the hills while we sleep"] * 3


def test_zeta_finds_each_groups_marker_words():
    table = zeta(A_TEXTS, B_TEXTS, segment_size=10, names=("A", "B"))
    by_word = table.set_index("word")
    assert by_word.loc["whilst", "zeta"] == 1.0 and by_word.loc["whilst", "preferred_by"] == "A"
    assert by_word.loc["among", "zeta"] == -1.0 and by_word.loc["among", "preferred_by"] == "B"
    assert by_word.loc["river", "zeta"] == 0.0 and by_word.loc["river", "preferred_by"] is None
    assert table["zeta"].is_monotonic_decreasing
    assert table.attrs["segments"] == {"A": 3, "B": 3}


def test_zeta_pools_short_texts_into_segments():
    assert len(segments(["one two", "three four", "five six"], segment_size=3)) == 2
    assert len(segments(["one two", "three four", "five six"], segment_size=3, pool=False)) == 3


def test_zeta_of_an_empty_group_is_empty():
    assert zeta([], B_TEXTS).empty


def _authors(rng, n=8, p=40):
    a = np.r_[np.full(p // 2, 8.0), np.full(p // 2, 3.0)]
    b = a[::-1]
    c = np.full(p, 5.5)
    X = np.vstack([rng.poisson(lam, (n, p)) for lam in (a, b, c)]).astype(float)
    return X, np.repeat(["a", "b", "c"], n), (a, b, c)


def test_impostors_scores_and_calibration():
    rng = np.random.default_rng(3)
    X, y, (a, b, c) = _authors(rng)
    gi = ImpostorsVerifier(n_iterations=60).fit(X, y)
    queries = np.vstack([rng.poisson(a), rng.poisson(b)]).astype(float)
    raw = gi.decision_function(queries)
    assert raw[0, 0] > 0.9 and raw[1, 1] > 0.9 and raw[0, 1] < 0.1
    proba = gi.predict_proba(queries)
    assert proba[0, 0] > 0.5 > proba[0, 1]
    assert gi.calibration_ is not None
    table = gi.verify(queries, ["q1", "q2"])
    assert table.columns.tolist() == ["doc_id", "candidate", "score", "probability"]
    assert len(table) == 6
    # Reproducible: the same seed gives the same scores.
    np.testing.assert_array_equal(
        raw, ImpostorsVerifier(n_iterations=60).fit(X, y).decision_function(queries)
    )


def test_impostors_bad_share():
    with pytest.raises(ValueError, match="feature_share"):
        ImpostorsVerifier(feature_share=0).fit(np.ones((2, 3)), ["a", "b"])


def test_token_spans_agree_with_the_tokeniser_and_slice_the_text():
    text = "It's a well-known fact--we'll see.  The END; they're done."
    spans = stylo_token_spans(text)
    assert [w for _, _, w in spans] == stylo_tokenize(text)
    assert [text[s:e].lower().replace("'", "^") for s, e, _ in spans] == stylo_tokenize(text)


def test_windows():
    assert windows(0, 5, 1) == []
    with pytest.raises(ValueError, match="window"):
        windows(10, 0, 1)


def test_the_last_window_ends_at_the_last_word():
    assert windows(11107, 5000, 4000) == [(0, 5000), (4000, 9000), (6107, 11107)]


@given(st.integers(0, 300), st.integers(1, 50), st.integers(1, 60))
def test_windows_cover_every_word_with_equal_windows(n_words, window, step):
    ranges = windows(n_words, window, step)
    covered = set().union(*(range(a, b) for a, b in ranges)) if ranges else set()
    assert covered == set(range(n_words)) or step > window  # a step past the window skips words
    if ranges:
        assert ranges[-1][1] == n_words
        assert {b - a for a, b in ranges} == {min(window, n_words)}


def test_rolling_attribution_follows_the_change_of_author():
    train = A_TEXTS + B_TEXTS
    labels = ["A"] * 3 + ["B"] * 3
    long_text = " ".join(A_TEXTS[:2] + B_TEXTS[:2])
    table = rolling_attribution(
        long_text, train, labels, window=10, step=10, method="burrows", mfw=12
    )
    assert table["predicted"].tolist() == ["A", "A", "B", "B"]
    for row in table.itertuples():
        piece = long_text[row.start_char : row.end_char]
        assert len(stylo_tokenize(piece)) == row.end_word - row.start_word
    assert {"A", "B"} <= set(table.columns)
    assert rolling_attribution("", train, labels).empty


def test_rolling_attribution_attributes_the_end_of_the_text():
    train = A_TEXTS + B_TEXTS
    long_text = " ".join(A_TEXTS[:2] + B_TEXTS[:1])  # 30 words
    table = rolling_attribution(long_text, train, ["A"] * 3 + ["B"] * 3, window=10, step=8,
                                method="burrows", mfw=12)  # fmt: skip
    assert table[["start_word", "end_word"]].values.tolist() == [
        [0, 10],
        [8, 18],
        [16, 26],
        [20, 30],
    ]
    assert table["end_char"].iloc[-1] == len(long_text) and table["predicted"].iloc[-1] == "B"
