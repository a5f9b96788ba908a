"""Keyword in context and the tidy position tables, on hand-made sentences with exact offsets."""

from __future__ import annotations

import pytest

from rhetoric.viz.kwic import KWIC_COLUMNS, kwic, kwic_style
from rhetoric.viz.tables import find_term, term_positions, word_counts

TEXTS = {
    "s1": "Our harbour is open. Open trade, open minds.",
    "s2": "The gates stay OPEN\nto all who come.",
}


def test_kwic_columns_offsets_and_context():
    table = kwic(TEXTS, "open", window=2)
    assert table.columns.tolist() == KWIC_COLUMNS
    assert table[["doc_id", "start", "end"]].values.tolist() == [
        ["s1", 15, 19], ["s1", 21, 25], ["s1", 33, 37], ["s2", 15, 19],
    ]  # fmt: skip
    for row in table.itertuples():
        assert TEXTS[row.doc_id][row.start : row.end] == row.keyword
    assert table.loc[0, "left"] == "harbour is "
    assert table.loc[0, "right"] == ". Open trade,"
    assert table.loc[3, "right"] == " to all"  # the line break is shown as one space


def test_kwic_sorting_by_right_and_left_context():
    right = kwic(TEXTS, "open", window=2, sort="right")
    # by the first word after the keyword: minds < open < to < trade
    assert right["right"].tolist() == [" minds.", ". Open trade,", " to all", " trade, open"]
    left = kwic(TEXTS, "open", window=2, sort="left")
    # by the word just before the keyword: is < open < stay < trade
    assert left["left"].tolist() == ["harbour is ", "is open. ", "gates stay ", "Open trade, "]


def test_kwic_phrase_wildcard_and_no_match():
    phrase = kwic(TEXTS, "open trade", window=1)
    assert phrase["keyword"].tolist() == ["Open trade"]
    wildcard = kwic({"x": "Harbours and a harbour."}, "harbour*")
    assert wildcard["keyword"].tolist() == ["Harbours", "harbour"]
    empty = kwic(TEXTS, "closed")
    assert empty.empty and empty.columns.tolist() == KWIC_COLUMNS


def test_kwic_argument_errors():
    with pytest.raises(TypeError, match="wrap one text in a list"):
        kwic("one single text", "text")
    with pytest.raises(ValueError, match="sort='middle' is not valid"):
        kwic(TEXTS, "open", sort="middle")
    with pytest.raises(ValueError, match="term=''"):
        kwic(TEXTS, "")


def test_kwic_style_aligns_and_escapes():
    html = kwic_style(kwic({"x": "Bread <and> open roads"}, "open")).to_html()
    assert "&lt;and&gt;" in html and "<and>" not in html
    assert "text-align: right" in html and "font-weight: bold" in html


def test_find_term_and_positions():
    from rhetoric.text import Document

    doc = Document("Open, open; and then OPEN again.")
    assert find_term(doc, "open") == [(0, 1), (1, 2), (4, 5)]
    table = term_positions(["Open, open.", "Nothing here.", "open"], "open")
    assert table["doc_id"].tolist() == ["doc0", "doc0", "doc2"]
    assert table["corpus_index"].tolist() == [0, 1, 4]
    assert table["position"].tolist() == [0.0, 0.5, 0.0]


def test_word_counts_content_words_and_lemmas():
    counts = word_counts(["Walls fall. A wall stands; the walls stand."])
    assert counts.to_dict() == {"walls": 2, "fall": 1, "stand": 1, "stands": 1, "wall": 1}
    lemmas = word_counts(["Walls fall. A wall stands; the walls stand."], lemmatize=True)
    assert lemmas["wall"] == 3
    assert word_counts([]).empty
