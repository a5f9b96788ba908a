from __future__ import annotations

import pandas as pd

from rhetoric.figures import FIGURE_COLUMNS, context, group_figures, with_context

TEXT = "We shall not fail, but we shall prevail. Free, free at last. We shall."


def _spans(rows):
    frame = pd.DataFrame(
        rows, columns=["doc_id", "device", "kind", "start", "end", "group", "score"]
    )
    frame["text"] = [TEXT[s:e] for s, e in zip(frame["start"], frame["end"], strict=True)]
    return frame


def test_spans_of_one_group_are_one_figure_and_lone_spans_their_own():
    spans = _spans([
        ("d", "antithesis", "correctio", 0, 17, "a1", 0.9),
        ("d", "antithesis", "correctio", 19, 39, "a1", 0.7),
        ("d", "epizeuxis", "word", 41, 51, None, 0.5),
        ("d", "anaphora", "sentence", 0, 8, None, 0.4),
        ("d", "anaphora", "sentence", 61, 69, None, 0.4),
        ("d", "frame", "political", 3, 8, None, 1.0),
    ])  # fmt: skip
    figures = group_figures(spans, {"d": TEXT})
    assert list(figures.columns) == FIGURE_COLUMNS
    assert figures[["device", "start", "end", "n_spans"]].values.tolist() == [
        ["anaphora", 0, 8, 1],
        ["antithesis", 0, 39, 2],
        ["epizeuxis", 41, 51, 1],
        ["anaphora", 61, 69, 1],
    ]
    antithesis = figures.iloc[1]
    assert antithesis.text == TEXT[0:39] and antithesis.parts == ((0, 17), (19, 39))
    assert antithesis.score == 0.9 and antithesis.group == "a1"
    assert antithesis.figure_id == "d:antithesis:correctio:0-39"
    assert "frame" not in set(figures["device"])


def test_an_empty_group_is_a_lone_span_as_in_figure_parts():
    from rhetoric.figures import figure_parts
    from rhetoric.span import Span

    # a CSV round trip leaves "" where the group was None: still two figures, not one
    spans = _spans([("d", "anaphora", "sentence", 0, 8, "", 0.4),
                    ("d", "anaphora", "sentence", 61, 69, "", 0.4)])  # fmt: skip
    assert group_figures(spans, {"d": TEXT})["n_spans"].tolist() == [1, 1]
    parts = [Span.from_source(TEXT, s, e, device="anaphora", kind="sentence", group="")
             for s, e in ((0, 8), (61, 69))]  # fmt: skip
    assert [len(p) for p in figure_parts(parts)] == [1, 1]


def test_without_texts_a_figure_shows_its_first_span():
    spans = _spans([("d", "antithesis", "correctio", 0, 17, "g", 1.0),
                    ("d", "antithesis", "correctio", 19, 39, "g", 1.0)])  # fmt: skip
    assert group_figures(spans).iloc[0].text == TEXT[0:17]


def test_a_group_name_reused_in_another_document_is_another_figure():
    spans = _spans([("d", "repetition", "refrain", 0, 8, "r1", 1.0),
                    ("e", "repetition", "refrain", 0, 8, "r1", 1.0)])  # fmt: skip
    assert len(group_figures(spans)) == 2


def test_no_spans_is_an_empty_table():
    empty = group_figures(_spans([]))
    assert empty.empty and list(empty.columns) == FIGURE_COLUMNS


def test_context_is_an_exact_slice_cut_at_spaces():
    before, after = context(TEXT, 41, 51, width=12)
    assert TEXT[41 - len(before) : 41] == before and TEXT[51 : 51 + len(after)] == after
    assert before == "prevail. " and after == " at last. "
    assert context(TEXT, 0, 8, width=500) == ("", TEXT[8:])
    figures = with_context(
        group_figures(_spans([("d", "epizeuxis", "word", 41, 51, None, 1.0)])), {"d": TEXT}, 12
    )
    assert figures[["before", "after"]].values.tolist() == [["prevail. ", " at last. "]]
