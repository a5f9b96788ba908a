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
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from rhetoric.errors import invalid_value
from rhetoric.span import Span
from rhetoric.viz.labels import display_name, display_value
from rhetoric.viz.style import LABELS, device_color

#: Vertical distance between stacked underlines, and their thickness, in pixels.
LANE_PX = 5
LINE_PX = 3

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
        spans += getattr(analysis, "stance_spans", None) or []
        spans = list({(s.start, s.end, s.device, s.kind, s.group): s for s in spans}.values())
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


#: The layers of the page, in legend order, and the labels each holds (any other label, such as
#: a passage's focus, is drawn in the devices layer).
LAYERS = ("devices", "stance", "frames")
_LAYER_OF = {"stance": "stance", "frame": "frames"}
#: What one legend count means in each layer.
_UNITS = {
    "devices": ("figure", "figures"),
    "stance": ("word", "words"),
    "frames": ("keyword", "keywords"),
}
#: Layers drawn when a page opens: the devices; stance words and frame keywords wait for a click.
DEFAULT_LAYERS = ("devices",)


def layer_of(label: str) -> str:
    """The layer of a span label: ``"frames"`` for frame keywords, ``"stance"``, else ``"devices"``.

    >>> layer_of("anaphora"), layer_of("frame"), layer_of("stance")
    ('devices', 'frames', 'stance')
    """
    return _LAYER_OF.get(label, "devices")


def _tooltip(span: Span) -> str:
    name = display_name(span.device)
    parts = [f"{name}: {display_value(span.kind)}" if span.kind else name]
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


def _plural(n: int, unit: tuple[str, str]) -> str:
    return f"{n} {unit[0] if n == 1 else unit[1]}"


def _legend(spans: list[Span], removed: list[Span], css_id: str, shown: Sequence[str]) -> str:
    """Layer toggles, then one toggle per device: checkboxes whose state the styles read."""
    instances = _count_instances(spans)
    span_counts = Counter(s.device for s in spans)
    known = [label for label in LABELS if label in instances]
    others = sorted(label for label in instances if label not in LABELS)
    by_layer: dict[str, list[str]] = {layer: [] for layer in LAYERS}
    for label in [*known, *others]:
        by_layer[layer_of(label)].append(label)
    groups = []
    if not by_layer["devices"]:
        # say so, rather than leave the reader to wonder whether devices were looked for
        tip = "no figure of any device reached its threshold; min_score= (--min-score) keeps more"
        groups.append(
            f'<div class="rh-layer rh-layer-devices"><span class="rh-layer-key rh-none" '
            f'title="{html.escape(tip)}">{display_name("devices")}: none kept</span></div>'
        )
    for layer, labels in by_layer.items():
        if not labels:
            continue
        unit = _UNITS[layer]
        checked = " checked" if layer in shown else ""
        total = sum(instances[label] for label in labels)
        head = (
            f'<label class="rh-layer-key" title="show or hide every {html.escape(layer_name(layer).lower())} span">'
            f'<input type="checkbox" class="rh-toggle" id="{css_id}-l-{layer}"{checked}>'
        )
        if layer == "devices":
            head += f'{display_name(layer)} <span class="rh-unit">({unit[1]})</span></label>'
            keys = []
            for label in labels:
                n, k = instances[label], span_counts[label]
                tip = (
                    f"{_plural(n, unit)} in {_plural(k, ('span', 'spans'))}; click to show or hide"
                )
                keys.append(
                    f'<label class="rh-key {_css_name(label)}" title="{html.escape(tip)}">'
                    f'<input type="checkbox" class="rh-toggle" id="{css_id}-t-{_css_name(label)}" checked>'
                    f'<span class="rh-swatch" style="background-image:{_band(label)}"></span>'
                    f'{html.escape(display_name(label))} <span class="rh-count">{n}</span></label>'
                )
            groups.append(f'<div class="rh-layer rh-layer-{layer}">{head}{"".join(keys)}</div>')
        else:
            (label,) = labels
            head += (
                f'<span class="rh-swatch" style="background-image:{_band(label)}"></span>'
                f'{html.escape(layer_name(layer))} <span class="rh-count">{_plural(total, unit)}</span></label>'
            )
            groups.append(f'<div class="rh-layer rh-layer-{layer}">{head}</div>')
    if removed:
        reasons = Counter(s.kind for s in removed)
        tip = "; ".join(f"{reason} ({count})" for reason, count in sorted(reasons.items()))
        groups.append(
            f'<div class="rh-layer"><span class="rh-key rh-removed-key" title="{html.escape(tip)}">'
            f'<span class="rh-removed">removed boilerplate</span> <span class="rh-count">{len(removed)}</span></span></div>'
        )
    return f'<div class="rh-legend">{"".join(groups)}</div>'


def layer_name(layer: str) -> str:
    """The legend name of a layer: "Devices", "Stance", "Frame keywords"."""
    return display_name(layer)


def _var(label: str) -> str:
    return f"--rh-b-{_css_name(label)}"


#: The line height when lanes lie under the device lanes (stance, frame keywords shown).
_DEEP = "line-height:calc(1.55em + 2 * var(--rh-pad))"


def _style(
    css_id: str, combos: dict[tuple, int], layer_lanes: dict[str, int], labels: Sequence[str]
) -> str:
    scope = f"#{css_id}"
    # the room under the text grows with the layers shown: stance lanes lie below the device
    # lanes, frame-keyword lanes below those
    d, s, f = (layer_lanes.get(layer, 0) * LANE_PX for layer in LAYERS)
    on = f"{scope}:has(#{css_id}-l-{{}}:checked)"
    rules = [
        # its own light ground: the colours are chosen against white, and a dark theme
        # (JupyterLab's) would otherwise put this dark text on a near-black page
        f"{scope}{{font-family:Georgia,'Times New Roman',serif;font-size:15px;color:#222;"
        "background:#fff;padding:.4em .6em;max-width:46em}",
        # each label's underline is a custom property; a cleared toggle sets it to none
        scope + "{" + ";".join(f"{_var(label)}:{_band(label)}" for label in labels) + "}",
        # --rh-pad: the room under the text; --rh-o-<layer>: where a layer's lanes begin. Stance
        # lanes lie under the device lanes, frame-keyword lanes under those shown above them.
        f"{scope} .rh-text{{--rh-pad:{d}px;--rh-o-devices:0px;--rh-o-stance:{d}px;--rh-o-frames:{d}px;"
        "white-space:pre-wrap;line-height:calc(1.55em + var(--rh-pad));overflow-wrap:break-word}",
        # with stance or frame lanes, which lie under the device lanes, twice the room: half of
        # a line's extra height lies above its text, so lanes as deep as the room would sit
        # nearer the next line's words than their own
        f"{on.format('stance')} .rh-text{{--rh-pad:{d + s}px;--rh-o-frames:{d + s}px;{_DEEP}}}",
        f"{on.format('frames')} .rh-text{{--rh-pad:{d + f}px;{_DEEP}}}",
        f"{on.format('stance')}{on.format('frames')[len(scope) :]} .rh-text{{--rh-pad:{d + s + f}px}}",
        f"{scope} .rh-m{{background-repeat:no-repeat;background-size:100% {LINE_PX}px;"
        "padding-bottom:var(--rh-pad);-webkit-box-decoration-break:clone;box-decoration-break:clone;cursor:help}",
        f"{scope} .rh-m.rh-linked{{background-color:rgba(255,214,102,.55)}}",
        f"{scope} .rh-m:focus-visible{{outline:2px solid #1a5fb4;outline-offset:1px}}",
        f"{scope} .rh-removed{{color:#767676;text-decoration:line-through}}",
        f"{scope} .rh-legend{{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:13px;"
        "margin:0 0 10px;padding-bottom:6px;border-bottom:1px solid #ddd}",
        f"{scope} .rh-layer{{display:flex;flex-wrap:wrap;align-items:center;gap:4px 14px;margin:2px 0}}",
        f"{scope} .rh-layer-key{{font-weight:600;white-space:nowrap;cursor:pointer;min-width:9em}}",
        f"{scope} .rh-key{{white-space:nowrap;cursor:pointer}}",
        f"{scope} .rh-toggle{{margin:0 4px 0 0;vertical-align:middle;cursor:pointer}}",
        f"{scope} .rh-unit{{font-weight:400;color:#595959}}",
        f"{scope} .rh-swatch{{display:inline-block;width:22px;height:{LINE_PX + 1}px;margin-right:4px;"
        "vertical-align:middle;background-repeat:no-repeat;background-size:100% 100%}",
        f"{scope} .rh-count{{color:#595959;font-weight:400}}",
        f"{scope} .rh-none{{color:#595959;font-style:italic}}",
        f"{scope} .rh-key:has(.rh-toggle:not(:checked)){{color:#767676}}",
        f"{scope} .rh-key:has(.rh-toggle:not(:checked)) .rh-swatch{{opacity:.3}}",
        f"{scope}:has(#{css_id}-l-devices:not(:checked)) .rh-layer-devices .rh-key{{color:#767676}}",
        f"{scope}:has(#{css_id}-l-devices:not(:checked)) .rh-layer-devices .rh-key .rh-swatch{{opacity:.3}}",
    ]
    for label in labels:
        name = _css_name(label)
        rules.append(
            f"{scope}:has(#{css_id}-t-{name}:not(:checked)) .rh-text{{{_var(label)}:none}}"
        )
    for layer in LAYERS:
        members = [label for label in labels if layer_of(label) == layer]
        if members:
            cleared = ";".join(f"{_var(label)}:none" for label in members)
            rules.append(f"{scope}:has(#{css_id}-l-{layer}:not(:checked)) .rh-text{{{cleared}}}")
    for combo, number in combos.items():
        images = ",".join(f"var({_var(label)})" for _, _, label in combo)
        # lane k of a layer: its band's bottom k + 1 lanes below where the layer's lanes begin
        positions = ",".join(
            f"0 calc(100% - var(--rh-pad) + var(--rh-o-{LAYERS[layer]}) + {(lane + 1) * LANE_PX}px)"
            for layer, lane, _ in combo
        )
        rules.append(
            f"{scope} .rh-c{number}{{background-image:{images};background-position:{positions}}}"
        )
    # on paper: the colours as they are, no checkboxes, only the layers and devices shown
    rules.append(
        "@media print{"
        f"{scope} .rh-m{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
        f"{scope} .rh-swatch{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
        f"{scope} .rh-toggle{{display:none}}"
        f"{scope} .rh-key:has(.rh-toggle:not(:checked)){{display:none}}"
        f"{scope} .rh-layer:has(.rh-layer-key .rh-toggle:not(:checked)){{display:none}}"
        f"{scope} .rh-m.rh-linked{{background-color:transparent}}"
        f"{scope}{{max-width:none;font-size:11pt}}"
        "}"
    )
    return "<style>" + "\n".join(rules) + "</style>"


#: Links the parts of a figure on hover or keyboard focus: every piece sharing a figure key with
#: the hovered (focused) one, and whose label is shown, is shaded. A device piece is a tab stop
#: (its title, the figure's meaning, is read out on focus) while its label is shown; a hidden
#: one is taken out of the tab order. Scoped to one fragment; runs once per fragment.
_SCRIPT = (
    "<script>(function(){var r=document.getElementById(%s);if(!r||r.dataset.rhReady)return;"
    "r.dataset.rhReady='1';var t=r.querySelector('.rh-text'),on=[];"
    "function clear(){on.forEach(function(e){e.classList.remove('rh-linked')});on=[];}"
    "function shown(f){var l=f.split('~')[0];"
    "return getComputedStyle(t).getPropertyValue('--rh-b-'+l).trim()!=='none';}"
    "function link(ev){clear();var p=ev.target.closest&&ev.target.closest('[data-fig]');"
    "if(!p||!t.contains(p))return;p.getAttribute('data-fig').split(' ').filter(shown).forEach(function(f){"
    "t.querySelectorAll('[data-fig~=\"'+f+'\"]').forEach(function(e){e.classList.add('rh-linked');on.push(e);});});}"
    "function stops(){t.querySelectorAll('[data-fig][tabindex]').forEach(function(e){"
    "e.tabIndex=e.getAttribute('data-fig').split(' ').some(shown)?0:-1;});}"
    "r.addEventListener('mouseover',link);r.addEventListener('focusin',link);"
    "r.addEventListener('mouseleave',clear);r.addEventListener('focusout',clear);"
    "r.addEventListener('change',stops);stops();})();</script>"
)


def _figure_key(span: Span, number: int) -> str:
    """A token naming the figure a span belongs to: its label and group (or the span itself)."""
    part = re.sub(r"[^A-Za-z0-9_-]", "-", span.group) if span.group else f"s{number}"
    return f"{_css_name(span.device)}~{part}"


def render(
    text: str,
    spans: Sequence[Span],
    removed: Sequence[Span] = (),
    *,
    css_id: str | None = None,
    layers: Sequence[str] | None = DEFAULT_LAYERS,
) -> str:
    """The HTML fragment for ``text`` with ``spans`` drawn and ``removed`` struck through.

    The pure renderer behind :func:`highlight`: records in, escaped HTML out. Spans fall in three
    layers (:data:`LAYERS`: devices, stance words, frame keywords); the legend has a checkbox per
    layer and one per device, read by the fragment's own styles (no script needed to toggle).
    The parts of a figure (spans sharing a ``group``) carry one ``data-fig`` key, and a small
    script shades them all when one is hovered.

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
    layers : sequence of str or None, default ("devices",)
        Layers shown when the page opens (``None``: all); the others are a click away.

    Returns
    -------
    str
        ``<div class="rhetoric-highlight" id=...><style>...</style><div class="rh-legend">...``
        ``</div><div class="rh-text">...</div><script>...</script></div>``.

    Examples
    --------
    >>> s = "Tom & Jerry"
    >>> html_text = render(s, [Span.from_source(s, 0, 3, device="alliteration", kind="t")], css_id="x")
    >>> html_text[html_text.index('<div class="rh-text">'):html_text.index("<script>")]
    '<div class="rh-text"><span class="rh-m rh-c0 alliteration" data-fig="alliteration~s0" tabindex="0" title="Alliteration: t">Tom</span> &amp; Jerry</div>'
    """
    shown = LAYERS if layers is None else tuple(layers)
    for layer in shown:
        if layer not in LAYERS:
            raise invalid_value("layer", layer, LAYERS)
    spans = sorted(spans, key=lambda s: (s.start, -s.end, s.device))
    removed = sorted(removed, key=lambda s: (s.start, s.end))
    drawn = [s for s in spans if s.end > s.start]
    # devices take the lanes nearest the text, stance and frame keywords the ones below
    # each layer stacks its own lanes; the devices' lanes are nearest the text
    lanes = [(0, 0)] * len(drawn)
    lanes_per_layer: dict[str, int] = {}
    for number, layer in enumerate(LAYERS):
        members = [i for i, s in enumerate(drawn) if layer_of(s.device) == layer]
        assigned = assign_lanes([drawn[i] for i in members])
        for i, lane in zip(members, assigned, strict=True):
            lanes[i] = (number, lane)
        lanes_per_layer[layer] = max(assigned, default=-1) + 1
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
    figure_keys = [_figure_key(s, i) for i, s in enumerate(drawn)]
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
        classes, titles, figures = [], [], ""
        if on:
            combo = tuple(sorted((*lanes[i], drawn[i].device) for i in on))
            number = combos.setdefault(combo, len(combos))
            classes += [
                "rh-m",
                f"rh-c{number}",
                *dict.fromkeys(_css_name(drawn[i].device) for i in on),
            ]
            titles += [tooltips[i] for i in sorted(on, key=lambda i: lanes[i])]
            figures = " ".join(dict.fromkeys(figure_keys[i] for i in on))
        if gone:
            classes.append("rh-removed")
            titles += [removed_tips[i] for i in gone]
        data = f' data-fig="{figures}"' if figures else ""
        if any(layer_of(drawn[i].device) == "devices" for i in on):
            data += ' tabindex="0"'  # a figure's meaning reachable from the keyboard
        pieces.append(
            f'<span class="{" ".join(classes)}"{data} title="{"&#10;".join(titles)}">{chunk}</span>'
        )
    for key in closing.get(len(text), ()):
        active.discard(key)

    labels = list(dict.fromkeys(s.device for s in spans))
    return (
        f'<div class="rhetoric-highlight" id="{css_id}">'
        + _style(css_id, combos, lanes_per_layer, labels)
        + _legend(spans, removed, css_id, shown)
        + '<div class="rh-text">'
        + "".join(pieces)
        + "</div>"
        + (_SCRIPT % json.dumps(css_id) if drawn else "")
        + "</div>"
    )


def _layers_for(
    devices: Sequence[str] | None, layers: Sequence[str] | None | str
) -> Sequence[str] | None:
    """Layers open at first: as asked; else those of the labels chosen; else the devices."""
    if layers != "default":
        return layers  # type: ignore[return-value]
    if devices is None:
        return DEFAULT_LAYERS
    return tuple(
        dict.fromkeys(layer_of(d) for d in ([devices] if isinstance(devices, str) else devices))
    )


def highlight(
    text_or_analysis: object,
    *,
    devices: Sequence[str] | None = None,
    layers: Sequence[str] | None | str = "default",
) -> Highlight:
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
    layers : list of str or None, optional
        Layers (:data:`LAYERS`) shown when the view opens; the legend's checkboxes show the
        others. Default: the devices only, or the layers of the labels named in ``devices``;
        ``None``: all.

    Returns
    -------
    Highlight
        ``.html`` (a fragment with its own styles and a legend: a checkbox per layer and per
        device, with counts of figures (spans sharing a group are one figure), stance words and
        frame keywords), shown inline in JupyterLab; ``.save(path)`` writes a standalone page.

    Examples
    --------
    >>> s = "We came, we saw, we won."
    >>> parts = [Span.from_source(s, a, b, device="anaphora", kind="clause", group="g1")
    ...          for a, b in [(0, 2), (9, 11), (17, 19)]]
    >>> view = highlight((s, parts))
    >>> 'Anaphora <span class="rh-count">1</span>' in view.html
    True
    """
    text, spans, removed, analysis = _records(text_or_analysis, devices)
    _check(text, [*spans, *removed])
    spans = _select(spans, devices)
    title = getattr(analysis, "source", None) if analysis is not None else None
    return Highlight(render(text, spans, removed, layers=_layers_for(devices, layers)), title=title)


def _frames_summary(analysis: object) -> str:
    rows = list(getattr(analysis, "frame_rows", None) or [])
    if not rows:
        return ""
    cells = "".join(
        f"<tr><td>{html.escape(display_name(r['frame']))}</td><td>{int(r.get('rank', 0)) or ''}</td>"
        f"<td>{float(r['score']):.2f}</td><td>{int(r['hits'])}</td>"
        f"<td>{html.escape(', '.join(map(str, r.get('keywords', []))))}</td></tr>"
        for r in rows
    )
    ranks = [int(r.get("rank", 0)) for r in rows]
    note = (
        "; the codebook's <i>other</i> comes first: no frame of the lexicon dominates"
        if any(ranks) and 1 not in ranks
        else ""
    )
    return (
        f'<table class="rh-frames"><caption>Frame profile (rank 1: the dominant frame{note})</caption>'
        "<thead><tr><th>frame</th><th>rank</th><th>score</th><th>hits</th><th>keywords</th></tr></thead>"
        f"<tbody>{cells}</tbody></table>"
    )


_PAGE_STYLE = (
    "body{margin:2em auto;max-width:50em;padding:0 1em;background:#fff}"
    # a heading is a file's path: it breaks anywhere rather than widen a narrow window
    "h1{font-family:system-ui,sans-serif;font-size:18px;font-weight:600;color:#333;"
    "overflow-wrap:anywhere}"
    "h2{font-family:system-ui,sans-serif;font-size:15px;font-weight:600;color:#333;margin-top:2.5em;"
    "overflow-wrap:anywhere}"
    ".rh-contents{font-family:system-ui,sans-serif;font-size:13px}"
    ".rh-meta{font-family:system-ui,sans-serif;font-size:12px;color:#666;margin-bottom:8px}"
    ".rh-failed{font-family:system-ui,sans-serif;font-size:13px;border-left:3px solid #b00;"
    "padding:4px 10px;margin:0 0 1em}.rh-failed ul{margin:4px 0;padding-left:1.2em}"
    ".rh-frames{font-family:system-ui,sans-serif;font-size:12px;border-collapse:collapse;margin-top:2em}"
    ".rh-frames caption{text-align:left;font-weight:600;padding-bottom:4px}"
    ".rh-frames td,.rh-frames th{border-bottom:1px solid #ddd;padding:2px 10px 2px 0;text-align:left}"
    "@media print{body{margin:0;max-width:none;padding:0}.rh-contents{display:none}"
    "section{break-before:page}h1,h2{break-after:avoid}.rh-frames{break-inside:avoid}}"
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
    analysis: object,
    *,
    devices: Sequence[str] | None = None,
    title: str | None = None,
    layers: Sequence[str] | None | str = "default",
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
    layers : list of str or None, optional
        Layers shown when the page opens (as in :func:`highlight`: the devices by default).

    Returns
    -------
    str
        An HTML5 document (UTF-8), with the frame profile below the text when there is one,
        and a print style (the layers and devices shown, without the checkboxes).

    Examples
    --------
    >>> page = highlight_page(("a <b>", []), title="R&D")
    >>> page.startswith("<!DOCTYPE html>"), "<title>R&amp;D</title>" in page, "a &lt;b&gt;" in page
    (True, True, True)
    """
    return _one_document_page(analysis, devices, title, layers)


def _one_document_page(analysis, devices, title, layers, note: str = "") -> str:
    """The page of one document (:func:`highlight_page`), ``note`` above its word count."""
    fragment, meta, frames, source = _document(analysis, devices, layers)
    return _page(fragment, title or source, frames, note + meta)


def _document(
    analysis: object, devices: Sequence[str] | None, layers: Sequence[str] | None | str = "default"
) -> tuple[str, str, str, str | None]:
    """The highlighted fragment, word-count line, frame table and source name of one document."""
    text, spans, removed, result = _records(analysis, devices)
    _check(text, [*spans, *removed])
    spans = _select(spans, devices)
    meta = ""
    if result is not None and hasattr(result, "n_words"):
        meta = f'<div class="rh-meta">{int(result.n_words):,} words analysed</div>\n'
    source = getattr(result, "source", None) if result is not None else None
    fragment = render(text, spans, removed, layers=_layers_for(devices, layers))
    return fragment, meta, _frames_summary(result), source


def _not_analysed_note(not_analysed: Sequence[tuple[str, str]]) -> str:
    """A list, at the top of the page, of the inputs that gave no document, with the reason."""
    if not not_analysed:
        return ""
    items = "".join(
        f"<li>{html.escape(str(name))}: {html.escape(str(reason))}</li>"
        for name, reason in not_analysed
    )
    n = len(not_analysed)
    return (
        f'<div class="rh-failed" role="note"><strong>{n} input{"s" * (n != 1)} not analysed'
        f"</strong> (not on this page):<ul>{items}</ul></div>\n"
    )


def highlight_pages(
    analyses: Sequence[object],
    *,
    devices: Sequence[str] | None = None,
    title: str | None = None,
    layers: Sequence[str] | None | str = "default",
    not_analysed: Sequence[tuple[str, str]] = (),
) -> str:
    """One standalone HTML page with several highlighted documents, a section and a link each.

    ``rhetoric analyze --html`` with several paths writes this page; with one document it is
    :func:`highlight_page` (with ``not_analysed`` listed above it).

    Parameters
    ----------
    analyses : sequence of Analysis, str or (text, spans)
        The documents, in order.
    devices : list of str, optional
        Only these labels.
    title : str, optional
        Page title (default: "Rhetorical devices: N documents").
    not_analysed : sequence of (name, reason), optional
        Inputs that gave no document (a missing or unreadable file), listed at the top of the
        page so that a reader of the page alone knows it is not the whole corpus.

    Examples
    --------
    >>> page = highlight_pages([("one text", []), ("another", [])])
    >>> page.count('<section id="doc-'), "Rhetorical devices: 2 documents" in page
    (2, True)
    >>> "1 input not analysed" in highlight_pages([("a", [])], not_analysed=[("b.txt", "no such file")])
    True
    """
    analyses = list(analyses)
    note = _not_analysed_note(not_analysed)
    if len(analyses) == 1:
        return _one_document_page(analyses[0], devices, title, layers, note)
    sections, contents = [], []
    for number, analysis in enumerate(analyses, start=1):
        fragment, meta, frames, source = _document(analysis, devices, layers)
        name = html.escape(source or f"Document {number}")
        contents.append(f'<li><a href="#doc-{number}">{name}</a></li>')
        sections.append(
            f'<section id="doc-{number}">\n<h2>{name}</h2>\n{meta}{fragment}\n{frames}\n</section>'
        )
    heading = title or f"Rhetorical devices: {len(analyses)} documents"
    body = f'<ol class="rh-contents">{"".join(contents)}</ol>\n' + "\n".join(sections)
    return _page(body, heading, meta=note)


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
        fragment = render(excerpt, drawn, css_id=f"rh-p{digest}", layers=None)
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
    page = '<div class="rhetoric-passages" style="background:#fff;color:#222;padding:.4em .6em">'
    return Highlight(page + "".join(parts) + "</div>")
