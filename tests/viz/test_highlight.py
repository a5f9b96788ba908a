"""The highlight renderer, tested on hand-made span records (no detector involved)."""

from __future__ import annotations

import html as html_module
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.span import Span, spans_to_frame
from rhetoric.text import Document
from rhetoric.viz.highlight import Highlight, assign_lanes, highlight, highlight_page, render

TEXT = "Fair words cost little; fair deeds cost much.\n\nShare this story"


def spans_for(text: str) -> list[Span]:
    return [
        Span.from_source(
            text, 0, 45, device="antithesis", kind="contrast", group="t1", evidence="words / deeds"
        ),
        Span.from_source(text, 0, 4, device="anaphora", kind="clause", group="a1"),
        Span.from_source(text, 24, 28, device="anaphora", kind="clause", group="a1"),
        Span.from_source(text, 5, 10, device="alliteration", kind="w", group="l1", score=0.5),
        Span.from_source(text, 11, 15, device="alliteration", kind="w", group="l1", score=0.5),
    ]


class Elements(HTMLParser):
    """Collect the text-area elements: (classes, title, text) for each leaf span."""

    def __init__(self):
        super().__init__()
        self.stack: list[dict] = []
        self.leaves: list[tuple[list[str], str, str]] = []
        self.in_text = False
        self.plain: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if "rh-text" in classes:
            self.in_text = True
        self.stack.append(
            {"tag": tag, "classes": classes, "title": attrs.get("title", ""), "text": ""}
        )

    def handle_endtag(self, tag):
        element = self.stack.pop()
        if self.in_text and tag == "span":
            self.leaves.append((element["classes"], element["title"], element["text"]))
        if "rh-text" in element["classes"]:
            self.in_text = False

    def handle_data(self, data):
        if self.stack:
            self.stack[-1]["text"] += data
        if self.in_text:
            self.plain.append(data)


def parse(fragment: str) -> Elements:
    parser = Elements()
    parser.feed(fragment)
    parser.close()
    return parser


def test_text_round_trips_exactly_through_the_markup():
    view = highlight((TEXT, spans_for(TEXT)))
    assert "".join(parse(view.html).plain) == TEXT


def test_special_characters_are_escaped():
    text = 'if a < b && c > "d" then <script>alert(1)</script>'
    span = Span.from_source(text, 0, 8, device="antithesis", kind="<b>", evidence='say "x" & <y>')
    fragment = highlight((text, [span])).html
    assert "<script>alert(1)" not in fragment and fragment.count("<script>") == 1  # ours only
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fragment
    assert '>if a &lt; b</span> &amp;&amp; c &gt; "d" then' in fragment
    assert 'title="Antithesis: &lt;b&gt; — say &quot;x&quot; &amp; &lt;y&gt;"' in fragment


def test_segments_carry_device_labels_as_classes_and_tooltips():
    leaves = parse(highlight((TEXT, spans_for(TEXT))).html).leaves
    by_text = {text: (classes, title) for classes, title, text in leaves}
    classes, title = by_text["Fair"]
    assert {"antithesis", "anaphora"} <= set(classes)
    assert "Antithesis: contrast · group t1 — words / deeds" in title.split("\n")
    assert "Anaphora: clause · group a1" in title.split("\n")
    classes, title = by_text["words"]
    assert {"antithesis", "alliteration"} <= set(classes)
    assert "Alliteration: w · group l1 · score 0.50" in title


def test_overlapping_and_nested_spans_get_distinct_lanes():
    text = "one two three four"
    outer = Span.from_source(text, 0, 18, device="tricolon", kind="x")
    left = Span.from_source(text, 0, 7, device="repetition", kind="x")
    crossing = Span.from_source(text, 4, 13, device="polyptoton", kind="x")
    lanes = assign_lanes([outer, left, crossing])
    assert lanes == [0, 1, 2]  # the crossing span cannot share a lane with `left`
    fragment = render(text, [outer, left, crossing], css_id="t")
    # the piece "two" is covered by all three: its class draws three underline bands
    classes = next(c for c, _, t in parse(fragment).leaves if t == "two")
    combo = next(c for c in classes if c.startswith("rh-c"))
    rule = re.search(
        rf"#t \.{combo}\{{background-image:([^;]+);background-position:([^}}]+)\}}", fragment
    )
    # one band per span, each the label's custom property (cleared by its toggle)
    assert rule.group(1).count("var(--rh-b-") == 3
    assert rule.group(2).count("calc(100% - ") == 3
    assert len(set(rule.group(2).split(","))) == 3  # three different depths, none hidden


def test_each_span_keeps_its_lane_along_its_length():
    text = "alpha beta gamma delta"
    long_span = Span.from_source(text, 0, 22, device="antithesis", kind="x")
    short = Span.from_source(text, 6, 10, device="epizeuxis", kind="x")
    fragment = render(text, [long_span, short], css_id="k")
    rules = dict(
        re.findall(
            r"#k \.(rh-c\d+)\{background-image:[^;]+;background-position:([^}]+)\}", fragment
        )
    )
    depths = {cls: pos.split(",")[0] for cls, pos in rules.items()}
    # the antithesis band (listed first: lane 0) is at the same depth with and without the inner span
    assert len(set(depths.values())) == 1


def test_legend_lists_devices_found_with_instance_counts():
    fragment = highlight((TEXT, spans_for(TEXT))).html
    legend = fragment[
        fragment.index('<div class="rh-legend">') : fragment.index('<div class="rh-text">')
    ]
    keys = re.findall(r'<label class="rh-key ([a-z_-]+)" title="([^"]+)">', legend)
    assert keys == [
        ("anaphora", "1 figure in 2 spans; click to show or hide"),
        ("antithesis", "1 figure in 1 span; click to show or hide"),
        ("alliteration", "1 figure in 2 spans; click to show or hide"),
    ]
    assert re.findall(r'</span>([A-Za-z ]+) <span class="rh-count">(\d+)</span>', legend) == [
        ("Anaphora", "1"), ("Antithesis", "1"), ("Alliteration", "1")
    ]  # fmt: skip
    assert 'Devices <span class="rh-unit">(figures)</span>' in legend
    assert "epistrophe" not in legend


def test_removed_boilerplate_is_struck_with_its_reason():
    text = "A plain sentence.\n\nClick here to subscribe"
    removed = Span.from_source(text, 19, len(text), device="boilerplate", kind="newsletter prompt")
    parser = parse(highlight((text, [removed])).html)
    assert (
        ["rh-removed"],
        "removed boilerplate: newsletter prompt",
        "Click here to subscribe",
    ) in parser.leaves
    assert "removed boilerplate" in highlight((text, [removed])).html


def test_document_pair_brings_its_removed_spans():
    doc = Document("We rise together.\n\nLEAVE A REPLY\n")
    fragment = highlight((doc, [])).html
    assert "removed boilerplate: comment form" in fragment


def test_devices_filter_and_its_error():
    view = highlight((TEXT, spans_for(TEXT)), devices=["anaphora"])
    classes = {c for leaf in parse(view.html).leaves for c in leaf[0]}
    assert "anaphora" in classes and "antithesis" not in classes
    with pytest.raises(ValueError, match="did you mean 'anaphora'"):
        highlight((TEXT, spans_for(TEXT)), devices=["anaphra"])


def test_span_table_is_accepted():
    table = spans_to_frame(spans_for(TEXT))
    assert highlight((TEXT, table)).html == highlight((TEXT, spans_for(TEXT))).html


def test_spans_from_another_text_are_refused():
    other = "Something else entirely, longer than the text."
    span = Span.from_source(other, 0, 9, device="anaphora", kind="x")
    with pytest.raises(ValueError, match="does not match the text"):
        highlight(("Short one.", [span]))


def test_empty_text_and_no_spans():
    view = highlight(("", []))
    assert "Devices: none kept" in view.html
    assert "".join(parse(view.html).plain) == ""


def test_no_per_character_markup_on_a_long_text():
    sentence = "The plan is bold, the cost is high, and the gain is low. "
    text = sentence * 4000  # about 230,000 characters
    spans = []
    for i in range(0, 4000, 10):  # a tricolon every tenth sentence, anaphora inside it
        base = i * len(sentence)
        spans.append(
            Span.from_source(
                text, base, base + 55, device="tricolon", kind="clauses", group=f"t{i}"
            )
        )
        spans.append(
            Span.from_source(text, base, base + 3, device="anaphora", kind="clause", group=f"a{i}")
        )
    fragment = highlight((text, spans)).html
    # markup grows with the number of spans, not of characters: under 200 bytes per span
    assert (len(fragment) - len(text)) / len(spans) < 200
    assert fragment.count("<span") < 3 * len(spans) + 50
    assert "".join(parse(fragment).plain) == text


def test_repr_html_save_and_page(tmp_path):
    view = highlight((TEXT, spans_for(TEXT)))
    assert isinstance(view, Highlight)
    assert view._repr_html_() == view.html
    path = view.save(tmp_path / "page.html", title="Speech <1>")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>Speech &lt;1&gt;</title>" in page
    assert view.html in page


def test_highlight_page_is_a_complete_document():
    page = highlight_page((TEXT, spans_for(TEXT)), title="Test")
    assert page.count("<html") == 1 and page.rstrip().endswith("</html>")
    assert 'class="rhetoric-highlight"' in page


def test_two_fragments_do_not_share_styles():
    first = highlight(
        ("Alpha beta.", [Span.from_source("Alpha beta.", 0, 5, device="anaphora", kind="x")])
    )
    second = highlight(
        ("Gamma delta.", [Span.from_source("Gamma delta.", 0, 5, device="epistrophe", kind="x")])
    )
    first_id = re.search(r'id="(rh-[0-9a-f]+)"', first.html).group(1)
    second_id = re.search(r'id="(rh-[0-9a-f]+)"', second.html).group(1)
    assert first_id != second_id
    assert all(
        rule.startswith(f"#{first_id}") for rule in re.findall(r"^#\S+", first.html, flags=re.M)
    )


def test_analysis_like_object_is_read():
    class Result:
        text = TEXT
        device_spans = spans_for(TEXT)
        frame_spans = [Span.from_source(TEXT, 11, 15, device="frame", kind="economy")]
        removed = []
        source = "fair.txt"

    view = highlight(Result())
    assert view.title == "fair.txt"
    assert 'class="rh-layer rh-layer-frames"' in view.html
    assert "Frame keywords: economy" in view.html
    # frame keywords are listed, a click away, but not drawn when the view opens
    assert re.search(r'id="rh-[0-9a-f]+-l-frames">', view.html)
    assert re.search(r'id="rh-[0-9a-f]+-l-devices" checked>', view.html)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\u00e9")), max_size=40),
    st.lists(
        st.tuples(
            st.integers(0, 40),
            st.integers(0, 40),
            st.sampled_from(["anaphora", "frame", "tricolon"]),
        ),
        max_size=8,
    ),
)
def test_any_spans_keep_the_text_and_cover_exactly_their_characters(text, raw):
    spans = []
    for a, b, device in raw:
        start, end = sorted((min(a, len(text)), min(b, len(text))))
        spans.append(Span.from_source(text, start, end, device=device, kind="k"))
    parser = parse(render(text, spans, css_id="p"))
    assert "".join(parser.plain) == text
    # every character covered by a device span sits in an element carrying that device's class
    position = 0
    covered = {device: set() for device in ("anaphora", "frame", "tricolon")}
    for span in spans:
        covered[span.device].update(range(span.start, span.end))
    body = render(text, spans, css_id="p").split('<div class="rh-text">', 1)[1]
    body = body.split("</div>", 1)[0]
    pieces = re.findall(
        r'<span class="([^"]*)"(?: data-fig="[^"]*")?(?: tabindex="0")? title="[^"]*">([^<]*)</span>'
        r"|([^<]+)",
        body,
    )

    for classes, marked, plain in pieces:
        piece = html_module.unescape(marked or plain)
        for offset in range(position, position + len(piece)):
            for device, characters in covered.items():
                assert (offset in characters) == (device in classes.split())
        position += len(piece)
    assert position == len(text)


def test_dataframe_with_missing_group_is_fine():
    table = pd.DataFrame(
        [
            {
                "doc_id": None,
                "device": "tricolon",
                "kind": "x",
                "start": 0,
                "end": 4,
                "text": "Fair",
                "group": float("nan"),
                "score": 1.0,
                "evidence": "",
            }
        ]
    )
    assert "tricolon" in highlight((TEXT, table)).html


def test_a_plain_text_is_analysed_first(data_home):
    text = "We build the road. We build the bridge. We build the town & the <school>."
    view = highlight(text, devices=["anaphora"])
    parser = parse(view.html)
    assert "".join(parser.plain) == text
    device_classes = {
        c for classes, _, _ in parser.leaves for c in classes if not c.startswith("rh-")
    }
    assert device_classes <= {"anaphora"}


def test_analysis_to_html_is_the_standalone_page(data_home):
    from rhetoric.analysis import analyze

    result = analyze(
        "Hold the line. Hold the course.", devices=["anaphora"], frames=False, doc_id="talk"
    )
    page = result.to_html()
    assert page.startswith("<!DOCTYPE html>") and "<title>talk</title>" in page
    assert "words analysed" in page
    assert result._repr_html_() == highlight(result).html


def test_a_text_with_stance_but_no_device_says_no_device_was_kept():
    from rhetoric.framing import find_stance

    text = "Perhaps the plan will work; it is clearly late."
    view = highlight((text, find_stance(text)))
    assert "Devices: none kept" in view.html and "Stance" in view.html
