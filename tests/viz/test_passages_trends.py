"""Figure instances, highlighted passages, time trends and shaded years, on hand-made data."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from rhetoric.span import spans_to_frame  # noqa: E402
from rhetoric.text import Document  # noqa: E402
from rhetoric.viz import figure_instances, highlight_passages, rate_trend, shade_years  # noqa: E402
from rhetoric.viz.style import device_color  # noqa: E402

TEXT = "They sought not wealth but honour. The rain fell, the rain rose, the rain stayed."


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def spans_of_text() -> pd.DataFrame:
    doc = Document(TEXT, "t")
    spans = [
        doc.span(12, 22, device="antithesis", kind="correctio", group="a1", score=0.9),
        doc.span(23, 33, device="antithesis", kind="correctio", group="a1", score=0.8),
        doc.span(35, 43, device="repetition", kind="refrain", group="r1"),
        doc.span(50, 58, device="repetition", kind="refrain", group="r1"),
        doc.span(65, 73, device="repetition", kind="refrain", group="r1"),
        doc.span(39, 43, device="alliteration", kind="sound"),
        doc.span(44, 48, device="alliteration", kind="sound"),
    ]
    return spans_to_frame(spans)


def test_figure_instances_join_the_parts_of_each_figure():
    table = figure_instances(spans_of_text(), {"t": TEXT})
    assert table[["device", "start", "end", "n_spans"]].values.tolist() == [
        ["antithesis", 12, 33, 2],
        ["repetition", 35, 73, 3],
        ["alliteration", 39, 43, 1],
        ["alliteration", 44, 48, 1],
    ]
    assert table.loc[0, "text"] == "not wealth but honour"
    assert table.loc[0, "score"] == pytest.approx(0.9)
    assert all(TEXT[s:e] == t for s, e, t in zip(table.start, table.end, table.text, strict=True))


def test_figure_instances_empty_and_corpus_table():
    empty = figure_instances(spans_of_text().iloc[:0], {"t": TEXT})
    assert empty.empty and list(empty.columns)[:3] == ["doc_id", "device", "kind"]
    corpus = pd.DataFrame({"doc_id": ["t"], "text": [TEXT]})
    assert len(figure_instances(spans_of_text(), corpus)) == 4
    with pytest.raises(TypeError, match="mapping of doc_id"):
        figure_instances(spans_of_text(), [TEXT])


def test_highlight_passages_draws_focus_and_nearby_spans_clipped():
    passages = pd.DataFrame({"doc_id": ["t"], "start": [35], "end": [48], "device": ["missed"],
                             "caption": ["gold refrain"]})  # fmt: skip
    view = highlight_passages({"t": TEXT}, passages, spans_of_text(), context=10)
    assert "t [35:48] · gold refrain" in view.html
    assert "missed" in view.html and "alliteration" in view.html
    # the antithesis ends at 33, inside the widened passage (starts at 25): drawn, clipped
    assert "antithesis" in view.html
    assert "…" in view.html  # the passage is cut on both sides


def test_highlight_passages_escapes_and_limits():
    text = "a <b> & c " * 20
    passages = pd.DataFrame({"doc_id": ["x"] * 3, "start": [0, 10, 20], "end": [5, 15, 25]})
    view = highlight_passages({"x": text}, passages, context=3, max_passages=2)
    assert "&lt;b&gt;" in view.html
    assert view.html.count('class="rh-passage"') == 2 and "and 1 more" in view.html
    with pytest.raises(ValueError, match="doc_id"):
        highlight_passages({"x": text}, passages.assign(doc_id="y"))


def test_highlight_passages_empty():
    view = highlight_passages({"x": "abc"}, pd.DataFrame(columns=["doc_id", "start", "end"]))
    assert "no passages to show" in view.html


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=80), st.data())
def test_highlight_passages_any_text_and_focus(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    passages = pd.DataFrame({"doc_id": ["d"], "start": [start], "end": [end]})
    view = highlight_passages({"d": text}, passages, context=data.draw(st.integers(0, 30)))
    assert 'class="rh-passage"' in view.html


def test_rate_trend_dots_and_centred_average_in_device_colour():
    data = pd.DataFrame({"year": [2000, 1990, 1995, 2005], "rate": [3.0, 1.0, 2.0, 10.0],
                         "device": ["anaphora"] * 4})  # fmt: skip
    ax = rate_trend(data, window=3, ax=plt.subplots()[1])
    assert ax.collections[0].get_offsets()[:, 0].tolist() == [1990, 1995, 2000, 2005]
    line = ax.get_lines()[0]
    assert line.get_ydata().tolist() == pytest.approx([1.5, 2.0, 5.0, 6.5])
    assert matplotlib.colors.to_hex(line.get_color()) == device_color("anaphora").lower()


def test_rate_trend_overlays_keep_room_for_every_series():
    ax = plt.subplots()[1]
    rate_trend(pd.DataFrame({"year": [1, 2], "rate": [1.0, 2.0]}), ax=ax)
    rate_trend(pd.DataFrame({"year": [1, 2], "rate": [5.0, 10.0]}), ax=ax)
    rate_trend(pd.DataFrame({"year": [1, 2], "rate": [0.5, 0.2]}), ax=ax)
    assert ax.get_ylim() == pytest.approx((0.0, 10.5))


def test_rate_trend_empty_and_bad_window():
    ax = rate_trend(pd.DataFrame({"year": [], "rate": []}), ax=plt.subplots()[1])
    assert ax.texts[0].get_text() == "nothing to show"
    with pytest.raises(ValueError, match="window"):
        rate_trend(pd.DataFrame({"year": [1], "rate": [1.0]}), window=0)


def test_shade_years_one_band_per_run():
    ax = shade_years([2003, 2002, 1951, 1952, 1966, 2002], label="war", ax=plt.subplots()[1])
    xs = [p.get_patch_transform().transform(p.get_path().vertices)[:, 0] for p in ax.patches]
    extents = [(float(x.min()), float(x.max())) for x in xs]
    assert extents == [(1950.5, 1952.5), (1965.5, 1966.5), (2001.5, 2003.5)]
    assert [p.get_label() for p in ax.patches][0] == "war"
    assert len(shade_years([], ax=plt.subplots()[1]).patches) == 0


def test_device_map_ticks_whole_paragraphs():
    from rhetoric.viz import device_map

    spans = pd.DataFrame({"device": ["anaphora", "tricolon"], "paragraph": [0, 19]})
    ax = device_map(spans, n_positions=20, ax=plt.subplots()[1])
    plt.gcf().canvas.draw()
    ticks = [t for t in ax.get_xticks() if -0.5 <= t <= 19.5]
    assert ticks and all(float(t).is_integer() for t in ticks)


def test_highlight_passages_tooltip_shows_the_kind():
    passages = pd.DataFrame({"doc_id": ["t"], "start": [12], "end": [33], "device": ["antithesis"],
                             "kind": ["correctio"]})  # fmt: skip
    view = highlight_passages({"t": TEXT}, passages, context=0)
    assert 'title="Antithesis: correctio"' in view.html


def test_save_figure_svg_is_reproducible(tmp_path):
    from rhetoric.viz import save_figure

    contents = []
    for name in ("a", "b"):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [1, 0], label="x")
        ax.legend()
        (path,) = save_figure(fig, name, formats=["svg"], folder=tmp_path)
        contents.append(path.read_bytes())
    assert contents[0] == contents[1]
