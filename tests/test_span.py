from __future__ import annotations

import pytest

from rhetoric.span import SPAN_COLUMNS, Span, spans_to_frame


def test_from_source_cuts_text_from_the_source():
    source = "Ask not\u00a0what — ask “why”."
    span = Span.from_source(source, 10, 25, device="x", kind="y", group="g1", score=0.5)
    assert span.text == source[10:25]
    assert span.to_dict()["group"] == "g1"


@pytest.mark.parametrize(
    ("start", "end", "text", "score"),
    [(5, 3, "", 1.0), (0, 3, "ab", 1.0), (0, 2, "ab", 1.5), (-1, 1, "ab", 0.5)],
)
def test_inconsistent_spans_are_refused(start, end, text, score):
    with pytest.raises(ValueError):
        Span(start, end, "d", "k", text, score=score)


def test_span_beyond_the_source_is_refused():
    with pytest.raises(ValueError, match="beyond"):
        Span.from_source("short", 2, 9, device="d", kind="k")


def test_spans_are_frozen():
    span = Span(0, 1, "d", "k", "a")
    with pytest.raises(AttributeError):
        span.start = 3


def test_table_has_fixed_columns_and_is_sorted():
    source = "one two three"
    spans = [
        Span.from_source(source, 8, 13, device="b", kind="k"),
        Span.from_source(source, 0, 3, device="a", kind="k"),
    ]
    table = spans_to_frame(spans)
    assert list(table.columns) == SPAN_COLUMNS
    assert table["start"].tolist() == [0, 8]
    assert table["text"].tolist() == ["one", "three"]
    empty = spans_to_frame([])
    assert list(empty.columns) == SPAN_COLUMNS and len(empty) == 0


def test_missing_group_is_none_in_an_object_column_whatever_the_other_rows():
    """A span without a group is ``None`` in a column of Python objects, whether or not other
    spans of the table have a group (pandas 3 would infer its string dtype, with NaN, for a
    column that holds some strings, and keep ``None`` in an object column for one that holds
    none): one value for "no group" in every document's table."""
    source = "alpha beta gamma"
    lone = Span.from_source(source, 0, 5, device="d", kind="k")
    grouped = Span.from_source(source, 6, 10, device="d", kind="k", group="d-1")
    for spans in ([lone], [lone, grouped]):
        table = spans_to_frame(spans)
        assert table["group"].dtype == object
        assert table["group"].tolist()[0] is None
        assert table["text"].dtype == object


def test_range_index_finds_every_overlapping_range_and_no_other():
    """The overlap lookup of the tricolon series and of the alliteration features agrees with
    reading every range, overlapping ranges of any length included."""
    import random

    from rhetoric.span import RangeIndex

    rng = random.Random(39)
    ranges = []
    for k in range(300):
        a = rng.randrange(0, 5000)
        ranges.append((a, a + rng.randrange(1, 400), k))
    index = RangeIndex(ranges, bounds=lambda r: r[:2])
    for _ in range(200):
        a = rng.randrange(0, 5400)
        b = a + rng.randrange(1, 300)
        expected = {k for x, y, k in ranges if x < b and a < y}
        assert {k for _, _, k in index.overlapping(a, b)} == expected
