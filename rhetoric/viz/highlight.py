"""Highlighted text: every device span coloured, labelled and explained, as escaped HTML.

The renderer works on plain records, like spaCy's displacy: a text and a list of
:class:`~rhetoric.span.Span` (hand-made, from a table, or from :func:`rhetoric.analyze`) become an
HTML fragment. The text is split at every span boundary; each piece is one element that carries
the labels of the spans covering it as classes (``anaphora``, ``frame``...), and a tooltip with
kind, group and evidence. Overlapping and nested spans are drawn as stacked underlines: each span
keeps one *lane* (a depth below the text) over its whole length, so a figure inside another stays
visible. There is no per-character markup, so a long document stays small.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from rhetoric.errors import invalid_value
from rhetoric.span import Span
from rhetoric.viz.style import LABELS, device_color

#: Vertical distance between stacked underlines, and their thickness, in pixels.
LANE_PX = 4
LINE_PX = 2

#: Line pattern of the lexical layers (the devices are solid lines).
_PATTERNS = {"frame": (4, 3), "stance": (2, 2)}


@dataclass(frozen=True)
class Highlight:
    """A highlighted text, shown inline in JupyterLab.

    Attributes
    ----------
    html : str
        An HTML fragment: a ``<div class="rhetoric-highlight">`` with its own ``<style>``, the
        legend, and the text.
    title : str or None
        The page title used by :meth:`page` and :meth:`save`.
    """

    html: str
    title: str | None = None

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def page(self, title: str | None = None) -> str:
        """A complete standalone HTML document holding the fragment."""
        return _page(self.html, title or self.title)

    def save(self, path: str | os.PathLike, *, title: str | None = None) -> Path:
        """Write the standalone page to ``path`` (UTF-8) and return the path."""
        path = Path(path)
        path.write_text(self.page(title), encoding="utf-8")
        return path


# --- records ----------------------------------------------------------------------------------------


def _css_name(label: str) -> str:
    """A label as a CSS class: device labels are already valid and stay unchanged."""
    name = re.sub(r"[^a-z0-9_-]", "_", str(label).lower())
    return name if re.match(r"[a-z_]", name) else f"_{name}"


def _spans_of(spans: object, text: str) -> list[Span]:
    if spans is None:
        return []
    if isinstance(spans, pd.DataFrame):
        records = []
        for row in spans.to_dict("records"):
            group = row.get("group")
            records.append(
                Span.from_source(
                    text, int(row["start"]), int(row["end"]),
                    device=str(row["device"]), kind=str(row.get("kind") or ""),
                    doc_id=row.get("doc_id"), group=None if pd.isna(group) else str(group),
                    score=float(row.get("score", 1.0)), evidence=str(row.get("evidence") or ""),
                )
            )  # fmt: skip
        return records
    if isinstance(spans, Span):
        return [spans]
    result = list(spans)  # type: ignore[call-overload]
    for span in result:
        if not isinstance(span, Span):
            raise TypeError(f"spans must be rhetoric.span.Span records, not {type(span).__name__}")
    return result


def _records(
    text_or_analysis: object, devices: Sequence[str] | None
) -> tuple[str, list[Span], list[Span], object]:
    """``(text, spans, removed, analysis)`` from any accepted input."""
    if isinstance(text_or_analysis, str):
        from rhetoric.analysis import analyze
        from rhetoric.devices import DEVICES

        wanted = None if devices is None else [d for d in devices if d in DEVICES]
        frames = devices is None or bool({"frame", "stance"} & set(devices))
        text_or_analysis = analyze(text_or_analysis, devices=wanted, frames=frames)
    if hasattr(text_or_analysis, "device_spans") and hasattr(text_or_analysis, "text"):
        analysis = text_or_analysis
        spans = [*analysis.device_spans, *getattr(analysis, "frame_spans", [])]
        return analysis.text, spans, list(getattr(analysis, "removed", [])), analysis
    if isinstance(text_or_analysis, tuple | list) and len(text_or_analysis) == 2:
        source, spans = text_or_analysis
        removed: list[Span] = []
        if hasattr(source, "removed") and hasattr(source, "text"):  # a Document
            removed = list(source.removed)
            source = source.text
        if not isinstance(source, str):
            raise TypeError(f"the text of (text, spans) must be a str, not {type(source).__name__}")
        records = _spans_of(spans, source)
        removed += [s for s in records if s.device == "boilerplate"]
        return source, [s for s in records if s.device != "boilerplate"], removed, None
    raise TypeError(
        "highlight() takes a text, an Analysis, or a (text, spans) pair, "
        f"not {type(text_or_analysis).__name__}"
    )


def _check(text: str, spans: Iterable[Span]) -> None:
    for span in spans:
        if span.end > len(text) or text[span.start : span.end] != span.text:
            raise ValueError(
                f"span {span.device!r} at {span.start}:{span.end} does not match the text "
                f"(expected {span.text!r}); were the spans found in another text?"
            )


def _select(spans: list[Span], devices: Sequence[str] | None) -> list[Span]:
    if devices is None:
        return spans
    if isinstance(devices, str):
        devices = [devices]
    valid = set(LABELS) | {s.device for s in spans}
    for device in devices:
        if device not in valid:
            raise invalid_value("device", device, valid)
    chosen = set(devices)
    return [s for s in spans if s.device in chosen]


# --- layout -----------------------------------------------------------------------------------------


def assign_lanes(spans: Sequence[Span]) -> list[int]:
    """Give each span the lowest underline lane free over its whole length (interval colouring).

    Returns
    -------
    list of int
        One lane per span, in the order of ``spans``; overlapping spans never share a lane.

    Examples
    --------
    >>> s = "Ask not, ask now."
    >>> outer = Span.from_source(s, 0, 17, device="antithesis", kind="x")
    >>> inner = Span.from_source(s, 0, 3, device="epizeuxis", kind="x")
    >>> after = Span.from_source(s, 9, 12, device="epizeuxis", kind="x")
    >>> assign_lanes([outer, inner, after])
    [0, 1, 1]
    """
    order = sorted(
        range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end, spans[i].device)
    )
    lane_ends: list[int] = []
    lanes = [0] * len(spans)
    for i in order:
        span = spans[i]
        lane = next((k for k, end in enumerate(lane_ends) if end <= span.start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(0)
        lane_ends[lane] = span.end
        lanes[i] = lane
    return lanes


def _tooltip(span: Span) -> str:
    parts = [f"{span.device}: {span.kind}" if span.kind else span.device]
    if span.group:
        parts.append(f"group {span.group}")
    if span.score < 1.0:
        parts.append(f"score {span.score:.2f}")
    line = " · ".join(parts)
    return f"{line} — {span.evidence}" if span.evidence else line


def _band(label: str) -> str:
    color = device_color(label)
    if label in _PATTERNS:
        on, off = _PATTERNS[label]
        return f"repeating-linear-gradient(90deg,{color} 0 {on}px,transparent {on}px {on + off}px)"
    return f"linear-gradient({color},{color})"


def _count_instances(spans: Iterable[Span]) -> Counter:
    """Instances per label: spans sharing a group are one figure; a span without group is one."""
    seen = set()
    counts: Counter = Counter()
    for number, span in enumerate(spans):
        key = (span.device, span.group) if span.group else (span.device, None, number)
        if key not in seen:
            seen.add(key)
            counts[span.device] += 1
    return counts


def _legend(spans: list[Span], removed: list[Span], css_id: str) -> str:
    instances = _count_instances(spans)
    span_counts = Counter(s.device for s in spans)
    known = [label for label in LABELS if label in instances]
    others = sorted(label for label in instances if label not in LABELS)
    items = []
    for label in [*known, *others]:
        n, k = instances[label], span_counts[label]
        tip = f"{n} instance{'s' * (n != 1)} in {k} span{'s' * (k != 1)}"
        items.append(
            f'<span class="rh-key {_css_name(label)}" title="{html.escape(tip)}">'
            f'<span class="rh-swatch" style="background-image:{_band(label)}"></span>'
            f'{html.escape(label)} <span class="rh-count">{n}</span></span>'
        )
    if removed:
        reasons = Counter(s.kind for s in removed)
        tip = "; ".join(f"{reason} ({count})" for reason, count in sorted(reasons.items()))
        items.append(
            f'<span class="rh-key rh-removed-key" title="{html.escape(tip)}">'
            f'<span class="rh-removed">removed boilerplate</span> <span class="rh-count">{len(removed)}</span></span>'
        )
    if not items:
        items.append('<span class="rh-none">no devices found</span>')
    return f'<div class="rh-legend">{"".join(items)}</div>'


def _style(css_id: str, combos: dict[tuple, int], n_lanes: int) -> str:
    scope = f"#{css_id}"
    pad = n_lanes * LANE_PX
    rules = [
        f"{scope}{{font-family:Georgia,'Times New Roman',serif;font-size:15px;color:#222;max-width:46em}}",
        f"{scope} .rh-text{{white-space:pre-wrap;line-height:calc(1.55em + {pad}px);overflow-wrap:break-word}}",
        f"{scope} .rh-m{{background-repeat:no-repeat;background-size:100% {LINE_PX}px;"
        f"padding-bottom:{pad}px;-webkit-box-decoration-break:clone;box-decoration-break:clone;cursor:help}}",
        f"{scope} .rh-m:hover{{background-color:rgba(255,214,102,.45)}}",
        f"{scope} .rh-removed{{color:#999;text-decoration:line-through}}",
        f"{scope} .rh-legend{{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:12px;"
        "display:flex;flex-wrap:wrap;gap:4px 14px;margin:0 0 10px;padding-bottom:6px;border-bottom:1px solid #ddd}",
        f"{scope} .rh-key{{white-space:nowrap;cursor:help}}",
        f"{scope} .rh-swatch{{display:inline-block;width:22px;height:{LINE_PX + 1}px;margin-right:4px;"
        "vertical-align:middle;background-repeat:no-repeat;background-size:100% 100%}",
        f"{scope} .rh-count{{color:#666}}",
        f"{scope} .rh-none{{color:#666;font-style:italic}}",
    ]
    for combo, number in combos.items():
        images = ",".join(_band(label) for _, label in combo)
        positions = ",".join(
            f"0 calc(100% - {(n_lanes - 1 - lane) * LANE_PX}px)" for lane, _ in combo
        )
        rules.append(
            f"{scope} .rh-c{number}{{background-image:{images};background-position:{positions}}}"
        )
    return "<style>" + "\n".join(rules) + "</style>"


def render(
    text: str, spans: Sequence[Span], removed: Sequence[Span] = (), *, css_id: str | None = None
) -> str:
    """The HTML fragment for ``text`` with ``spans`` drawn and ``removed`` struck through.

    The pure renderer behind :func:`highlight`: records in, escaped HTML out.

    Parameters
    ----------
    text : str
        The original text.
    spans : sequence of Span
        Spans to draw (devices, frame keywords, stance); zero-length spans are listed in the
        legend only.
    removed : sequence of Span
        Boilerplate set aside, shown greyed and struck with its reason.
    css_id : str, optional
        The ``id`` of the fragment, which scopes its styles (default: a hash of the content).

    Returns
    -------
    str
        ``<div class="rhetoric-highlight" id=...><style>...</style><div class="rh-legend">...``
        ``</div><div class="rh-text">...</div></div>``.

    Examples
    --------
    >>> s = "Tom & Jerry"
    >>> html_text = render(s, [Span.from_source(s, 0, 3, device="alliteration", kind="t")], css_id="x")
    >>> html_text[html_text.index('<div class="rh-text">'):]
    '<div class="rh-text"><span class="rh-m rh-c0 alliteration" title="alliteration: t">Tom</span> &amp; Jerry</div></div>'
    """
    spans = sorted(spans, key=lambda s: (s.start, -s.end, s.device))
    removed = sorted(removed, key=lambda s: (s.start, s.end))
    drawn = [s for s in spans if s.end > s.start]
    lanes = assign_lanes(drawn)
    n_lanes = max(lanes, default=-1) + 1
    if css_id is None:
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass"))
        for span in [*drawn, *removed]:
            digest.update(repr((span.start, span.end, span.device, span.kind, span.group)).encode())
        css_id = "rh-" + digest.hexdigest()[:10]

    # Boundaries and the spans starting / ending at each.
    items = [(s.start, s.end, ("span", i)) for i, s in enumerate(drawn)]
    items += [(s.start, s.end, ("removed", i)) for i, s in enumerate(removed) if s.end > s.start]
    cuts = sorted({0, len(text), *(p for start, end, _ in items for p in (start, end))})
    opening: dict[int, list] = {}
    closing: dict[int, list] = {}
    for start, end, key in items:
        opening.setdefault(start, []).append(key)
        closing.setdefault(end, []).append(key)

    active: set = set()
    combos: dict[tuple, int] = {}
    tooltips = [html.escape(_tooltip(s), quote=True) for s in drawn]
    removed_tips = [html.escape(f"removed boilerplate: {s.kind}", quote=True) for s in removed]
    pieces = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        for key in closing.get(left, ()):
            active.discard(key)
        active.update(opening.get(left, ()))
        chunk = html.escape(text[left:right], quote=False)
        if not active:
            pieces.append(chunk)
            continue
        on = sorted(i for kind, i in active if kind == "span")
        gone = sorted(i for kind, i in active if kind == "removed")
        classes, titles = [], []
        if on:
            combo = tuple(sorted((lanes[i], drawn[i].device) for i in on))
            number = combos.setdefault(combo, len(combos))
            classes += [
                "rh-m",
                f"rh-c{number}",
                *dict.fromkeys(_css_name(drawn[i].device) for i in on),
            ]
            titles += [tooltips[i] for i in sorted(on, key=lambda i: lanes[i])]
        if gone:
            classes.append("rh-removed")
            titles += [removed_tips[i] for i in gone]
        pieces.append(
            f'<span class="{" ".join(classes)}" title="{"&#10;".join(titles)}">{chunk}</span>'
        )
    for key in closing.get(len(text), ()):
        active.discard(key)

    return (
        f'<div class="rhetoric-highlight" id="{css_id}">'
        + _style(css_id, combos, n_lanes)
        + _legend(spans, removed, css_id)
        + '<div class="rh-text">'
        + "".join(pieces)
        + "</div></div>"
    )


def highlight(text_or_analysis: object, *, devices: Sequence[str] | None = None) -> Highlight:
    """Highlight the rhetorical devices of a text, for a notebook or a standalone page.

    Parameters
    ----------
    text_or_analysis : str, Analysis, or (text, spans)
        A text (analysed with :func:`rhetoric.analyze`), the result of :func:`rhetoric.analyze`,
        or a pair of a text (or :class:`~rhetoric.text.Document`) and its spans (a list of
        :class:`~rhetoric.span.Span` or a span table). Spans with ``device="boilerplate"`` are
        shown as removed text.
    devices : list of str, optional
        Only these labels (devices, ``"frame"``, ``"stance"``); default all.

    Returns
    -------
    Highlight
        ``.html`` (a fragment with its own styles and a legend of the devices found, with
        counts), shown inline in JupyterLab; ``.save(path)`` writes a standalone page.

    Examples
    --------
    >>> s = "We came, we saw, we won."
    >>> parts = [Span.from_source(s, a, b, device="anaphora", kind="clause", group="g1")
    ...          for a, b in [(0, 2), (9, 11), (17, 19)]]
    >>> view = highlight((s, parts))
    >>> 'anaphora <span class="rh-count">1</span>' in view.html
    True
    """
    text, spans, removed, analysis = _records(text_or_analysis, devices)
    _check(text, [*spans, *removed])
    spans = _select(spans, devices)
    title = getattr(analysis, "source", None) if analysis is not None else None
    return Highlight(render(text, spans, removed), title=title)


def _frames_summary(analysis: object) -> str:
    rows = list(getattr(analysis, "frame_rows", None) or [])
    if not rows:
        return ""
    cells = "".join(
        f"<tr><td>{html.escape(str(r['frame']))}</td><td>{float(r['score']):.2f}</td>"
        f"<td>{int(r['hits'])}</td><td>{html.escape(', '.join(map(str, r.get('keywords', []))))}</td></tr>"
        for r in rows
    )
    return (
        '<table class="rh-frames"><caption>Frame profile</caption>'
        "<thead><tr><th>frame</th><th>score</th><th>hits</th><th>keywords</th></tr></thead>"
        f"<tbody>{cells}</tbody></table>"
    )


_PAGE_STYLE = (
    "body{margin:2em auto;max-width:50em;padding:0 1em;background:#fff}"
    "h1{font-family:system-ui,sans-serif;font-size:18px;font-weight:600;color:#333}"
    "h2{font-family:system-ui,sans-serif;font-size:15px;font-weight:600;color:#333;margin-top:2.5em}"
    ".rh-contents{font-family:system-ui,sans-serif;font-size:13px}"
    ".rh-meta{font-family:system-ui,sans-serif;font-size:12px;color:#666;margin-bottom:8px}"
    ".rh-frames{font-family:system-ui,sans-serif;font-size:12px;border-collapse:collapse;margin-top:2em}"
    ".rh-frames caption{text-align:left;font-weight:600;padding-bottom:4px}"
    ".rh-frames td,.rh-frames th{border-bottom:1px solid #ddd;padding:2px 10px 2px 0;text-align:left}"
)


def _page(fragment: str, title: str | None, extra: str = "", meta: str = "") -> str:
    heading = html.escape(title) if title else "Rhetorical devices"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading}</title>\n<style>{_PAGE_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{heading}</h1>\n{meta}{fragment}\n{extra}\n</body>\n</html>\n"
    )


def highlight_page(
    analysis: object, *, devices: Sequence[str] | None = None, title: str | None = None
) -> str:
    """A complete standalone HTML page of a highlighted text (``rhetoric analyze --html``).

    Parameters
    ----------
    analysis : Analysis, str or (text, spans)
        Anything :func:`highlight` accepts.
    devices : list of str, optional
        Only these labels.
    title : str, optional
        Page title (default: the analysed file's name).

    Returns
    -------
    str
        An HTML5 document (UTF-8), with the frame profile below the text when there is one.

    Examples
    --------
    >>> page = highlight_page(("a <b>", []), title="R&D")
    >>> page.startswith("<!DOCTYPE html>"), "<title>R&amp;D</title>" in page, "a &lt;b&gt;" in page
    (True, True, True)
    """
    fragment, meta, frames, source = _document(analysis, devices)
    return _page(fragment, title or source, frames, meta)


def _document(analysis: object, devices: Sequence[str] | None) -> tuple[str, str, str, str | None]:
    """The highlighted fragment, word-count line, frame table and source name of one document."""
    text, spans, removed, result = _records(analysis, devices)
    _check(text, [*spans, *removed])
    spans = _select(spans, devices)
    meta = ""
    if result is not None and hasattr(result, "n_words"):
        meta = f'<div class="rh-meta">{int(result.n_words):,} words analysed</div>\n'
    source = getattr(result, "source", None) if result is not None else None
    return render(text, spans, removed), meta, _frames_summary(result), source


def highlight_pages(
    analyses: Sequence[object], *, devices: Sequence[str] | None = None, title: str | None = None
) -> str:
    """One standalone HTML page with several highlighted documents, a section and a link each.

    ``rhetoric analyze --html`` with several paths writes this page; with one document it is
    :func:`highlight_page`.

    Parameters
    ----------
    analyses : sequence of Analysis, str or (text, spans)
        The documents, in order.
    devices : list of str, optional
        Only these labels.
    title : str, optional
        Page title (default: "Rhetorical devices: N documents").

    Examples
    --------
    >>> page = highlight_pages([("one text", []), ("another", [])])
    >>> page.count('<section id="doc-'), "Rhetorical devices: 2 documents" in page
    (2, True)
    """
    analyses = list(analyses)
    if len(analyses) == 1:
        return highlight_page(analyses[0], devices=devices, title=title)
    sections, contents = [], []
    for number, analysis in enumerate(analyses, start=1):
        fragment, meta, frames, source = _document(analysis, devices)
        name = html.escape(source or f"Document {number}")
        contents.append(f'<li><a href="#doc-{number}">{name}</a></li>')
        sections.append(
            f'<section id="doc-{number}">\n<h2>{name}</h2>\n{meta}{fragment}\n{frames}\n</section>'
        )
    heading = title or f"Rhetorical devices: {len(analyses)} documents"
    body = f'<ol class="rh-contents">{"".join(contents)}</ol>\n' + "\n".join(sections)
    return _page(body, heading)


#: Columns :func:`highlight_passages` reads from ``passages`` (``device`` and ``caption`` optional).
PASSAGE_COLUMNS = ["doc_id", "start", "end"]


def _widen(text: str, start: int, end: int, context: int) -> tuple[int, int]:
    """``[start, end)`` grown by about ``context`` characters each side, cut at white space."""
    left = max(0, start - context)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(len(text), end + context)
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return left, right


def highlight_passages(
    texts: object,
    passages: pd.DataFrame,
    spans: pd.DataFrame | None = None,
    *,
    context: int = 150,
    focus: str = "focus",
    caption: str | None = "caption",
    max_passages: int | None = 30,
) -> Highlight:
    """Short passages around chosen places, each highlighted: misses, hits, examples.

    Each passage is a stretch of its document around a *focus* span (a gold span the detector
    missed, a figure worth showing), widened by ``context`` characters and cut at white space.
    The focus is drawn as a span of its own label, and every span of ``spans`` that falls in the
    passage is drawn too (clipped at the passage's edges), so a reader sees what was found
    around what was missed.

    Parameters
    ----------
    texts : mapping or DataFrame
        ``{doc_id: text}`` or a corpus table with ``doc_id`` and ``text``.
    passages : DataFrame
        One row per passage: ``doc_id``, ``start``, ``end`` (the focus, offsets into the text);
        optionally ``device`` (the focus label, default ``focus``), ``kind`` (shown in its
        tooltip) and a caption column.
    spans : DataFrame, optional
        Spans to draw (``doc_id``, ``device``, ``kind``, ``start``, ``end``; optionally ``group``,
        ``score``, ``evidence``).
    context : int, default 150
        Characters of context on each side.
    focus : str, default "focus"
        Label of the focus spans when ``passages`` has no ``device`` column.
    caption : str or None, default "caption"
        Column of ``passages`` printed above each passage with the document and offsets.
    max_passages : int or None, default 30
        Show at most this many passages (``None``: all).

    Returns
    -------
    Highlight
        One HTML fragment (each passage with its own legend), shown inline in JupyterLab.

    Examples
    --------
    >>> texts = {"d1": "We will not tire, we will not falter, and we will not fail."}
    >>> gold = pd.DataFrame({"doc_id": ["d1"], "start": [8], "end": [59], "device": ["missed"]})
    >>> view = highlight_passages(texts, gold, context=5)
    >>> 'class="rh-m rh-c0 missed"' in view.html, "d1 [8:59]" in view.html
    (True, True)
    """
    from rhetoric.documents import texts_of

    source = texts_of(texts)
    if not isinstance(passages, pd.DataFrame):
        raise TypeError(f"passages must be a DataFrame, not {type(passages).__name__}")
    for column in PASSAGE_COLUMNS:
        if column not in passages.columns:
            raise invalid_value("column", column, map(str, passages.columns))
    shown = passages if max_passages is None else passages.head(max_passages)
    by_doc: dict[str, pd.DataFrame] = {}
    if spans is not None and len(spans):
        by_doc = {str(k): v for k, v in spans.groupby(spans["doc_id"].astype(str))}
    parts = []
    for number, row in enumerate(shown.to_dict("records")):
        doc_id = str(row["doc_id"])
        if doc_id not in source:
            raise invalid_value("doc_id", doc_id, source)
        text = source[doc_id]
        start, end = int(row["start"]), int(row["end"])
        left, right = _widen(text, start, end, context)
        excerpt = text[left:right]
        label = str(row.get("device") or focus)
        kind = str(row.get("kind") or label)
        drawn = [Span.from_source(excerpt, start - left, end - left, device=label, kind=kind)]
        near = by_doc.get(doc_id)
        if near is not None:
            near = near[(near["start"] < right) & (near["end"] > left)]
            for item in near.to_dict("records"):
                a, b = max(int(item["start"]), left) - left, min(int(item["end"]), right) - left
                group = item.get("group")
                drawn.append(Span.from_source(
                    excerpt, a, b, device=str(item["device"]), kind=str(item.get("kind") or ""),
                    group=None if group is None or pd.isna(group) else str(group),
                    score=float(item.get("score", 1.0)), evidence=str(item.get("evidence") or ""),
                ))  # fmt: skip
        note = f"{doc_id} [{start}:{end}]"
        if caption and caption in row and row[caption] is not None and str(row[caption]):
            note += f" · {row[caption]}"
        digest = hashlib.sha1(f"{doc_id}:{start}:{end}:{number}".encode()).hexdigest()[:10]
        fragment = render(excerpt, drawn, css_id=f"rh-p{digest}")
        parts.append(
            '<div class="rh-passage" style="margin:0 0 1.2em">'
            f'<div style="font:12px system-ui,sans-serif;color:#555">{html.escape(note)}</div>'
            f"{'… ' if left > 0 else ''}{fragment}{' …' if right < len(text) else ''}</div>"
        )
    if not parts:
        parts.append('<div class="rh-passage"><em>no passages to show</em></div>')
    more = len(passages) - len(shown)
    if more > 0:
        parts.append(
            f'<div style="font:12px system-ui,sans-serif;color:#555">… and {more} more</div>'
        )
    return Highlight('<div class="rhetoric-passages">' + "".join(parts) + "</div>")
