"""The judging page: one standalone HTML file, no server, works offline.

Each figure of a sheet is shown in its context with its parts marked, beside the rubric's test
for its device (what makes it TRUE, what is typically FALSE). The coder answers TRUE /
BORDERLINE / FALSE with the mouse or the keyboard (``1``/``t``, ``2``/``b``, ``3``/``f``; ``←``
``→`` or ``k`` ``j`` to move; ``r`` to type a reason, ``Enter`` to leave the reason field), sees
the progress, and exports the judgements as a JSON Lines file in the record format of
:mod:`rhetoric.validation.judgements`. Judgements are kept in the browser's local storage
under a key of the sheet, so closing the page loses nothing.

The sheet travels inside the page as JSON in a ``<script type="application/json">`` element
with every ``<``, ``>`` and ``&`` escaped, and the page's script writes every piece of text with
``textContent``: a figure holding ``<script>`` or ``onerror=`` is shown as text, never run.
"""

from __future__ import annotations

import hashlib
import html
import json
import os

import pandas as pd

from rhetoric.errors import InputError, UsageError
from rhetoric.files import write_output
from rhetoric.validation.judgements import read_judgements
from rhetoric.validation.rubric import definition, load_rubric

_STYLE = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; margin: 0; color: #222; background: #fafafa; }
header { background: #fff; border-bottom: 1px solid #ddd; padding: .6em 1.2em; position: sticky; top: 0; }
header h1 { font-size: 1.1em; margin: 0 0 .3em 0; }
.bar { display: flex; gap: 1em; align-items: center; flex-wrap: wrap; font: 14px system-ui, sans-serif; }
#progress { flex: 1; min-width: 12em; height: .6em; background: #eee; border-radius: .3em; overflow: hidden; }
#progress-fill { height: 100%; width: 0; background: #0072B2; }
main { max-width: 52em; margin: 1.2em auto; padding: 0 1.2em; }
.figure-head { font: 14px system-ui, sans-serif; color: #555; }
.figure-head b { color: #222; font-size: 1.1em; }
.context { background: #fff; border: 1px solid #ddd; padding: 1em 1.2em; white-space: pre-wrap; margin: .6em 0; }
.context .between { background: #fff3c4; }
.context .part { background: #ffd54f; font-weight: bold; }
.rubric { font: 14px system-ui, sans-serif; background: #f0f4f8; padding: .6em 1em; border-left: 4px solid #0072B2; }
.rubric p { margin: .3em 0; }
.verdicts { display: flex; flex-wrap: wrap; gap: .6em; margin: 1em 0 .6em 0; }
.verdicts button { font: bold 15px system-ui, sans-serif; padding: .6em 1.2em; border: 2px solid #999;
  background: #fff; border-radius: .3em; cursor: pointer; }
.verdicts button kbd { font-weight: normal; color: #777; margin-left: .4em; }
.verdicts button.chosen[data-verdict=TRUE] { background: #009E73; border-color: #009E73; color: #fff; }
.verdicts button.chosen[data-verdict=BORDERLINE] { background: #E69F00; border-color: #E69F00; color: #fff; }
.verdicts button.chosen[data-verdict=FALSE] { background: #D55E00; border-color: #D55E00; color: #fff; }
#reason { width: 100%; font: 15px system-ui, sans-serif; padding: .4em; box-sizing: border-box; }
.nav { display: flex; gap: .6em; margin-top: .8em; font: 14px system-ui, sans-serif; }
.nav button, header button { font: 14px system-ui, sans-serif; padding: .3em .8em; cursor: pointer; }
.help { font: 13px system-ui, sans-serif; color: #666; margin-top: 1.5em; }
details { font: 14px system-ui, sans-serif; margin-top: 1em; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  const sheet = JSON.parse(document.getElementById("sheet-data").textContent);
  const rubric = JSON.parse(document.getElementById("rubric-data").textContent);
  const meta = JSON.parse(document.getElementById("page-data").textContent);
  const storeKey = "rhetoric-judging:" + meta.key;
  let state = { annotator: meta.annotator || "", current: 0, verdicts: {} };
  try {
    const saved = JSON.parse(window.localStorage.getItem(storeKey) || "null");
    if (saved && typeof saved === "object" && saved.verdicts) { state = Object.assign(state, saved); }
    if (meta.annotator) { state.annotator = meta.annotator; }  // the page's coder, not a saved one
  } catch (e) { /* storage unavailable or damaged: start afresh */ }
  sheet.forEach(function (fig) {  // judgements already in the sheet count as made
    if (fig.verdict && !state.verdicts[fig.figure_id]) {
      state.verdicts[fig.figure_id] = { verdict: fig.verdict, reason: fig.reason || "" };
    }
  });
  const $ = function (id) { return document.getElementById(id); };

  function save() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function judgedCount() {
    return sheet.filter(function (f) { return state.verdicts[f.figure_id] && state.verdicts[f.figure_id].verdict; }).length;
  }
  function renderContext(fig) {
    const box = $("context");
    box.textContent = "";
    box.appendChild(document.createTextNode(fig.before));
    const figure = el("span", "between");
    figure.id = "figure-text";
    const parts = (fig.parts && fig.parts.length ? fig.parts : [[fig.start, fig.end]])
      .map(function (p) { return [Math.max(p[0], fig.start) - fig.start, Math.min(p[1], fig.end) - fig.start]; })
      .sort(function (a, b) { return a[0] - b[0]; });
    let at = 0;
    parts.forEach(function (p) {
      if (p[0] < at) { p = [at, Math.max(at, p[1])]; }
      if (p[0] > at) { figure.appendChild(document.createTextNode(fig.text.slice(at, p[0]))); }
      if (p[1] > p[0]) { figure.appendChild(el("span", "part", fig.text.slice(p[0], p[1]))); }
      at = Math.max(at, p[1]);
    });
    if (at < fig.text.length) { figure.appendChild(document.createTextNode(fig.text.slice(at))); }
    box.appendChild(figure);
    box.appendChild(document.createTextNode(fig.after));
  }
  function render() {
    const n = sheet.length;
    const judged = judgedCount();
    $("progress-text").textContent = judged + " of " + n + " judged";
    $("progress-fill").style.width = (n ? 100 * judged / n : 0) + "%";
    $("annotator").value = state.annotator;
    if (!n) { $("position").textContent = "This sheet has no figures."; return; }
    state.current = Math.min(Math.max(0, state.current), n - 1);
    const fig = sheet[state.current];
    $("position").textContent = "Figure " + (state.current + 1) + " of " + n;
    $("device").textContent = fig.device + (fig.kind ? " / " + fig.kind : "");
    $("doc").textContent = fig.doc + " [" + fig.start + ":" + fig.end + "]";
    const entry = rubric[fig.device + "/" + fig.kind] || rubric[fig.device] || { true_when: "", typical_false: "" };
    $("true-when").textContent = entry.true_when || "(no rubric entry for this device)";
    $("typical-false").textContent = entry.typical_false || "";
    renderContext(fig);
    const mine = state.verdicts[fig.figure_id] || { verdict: "", reason: "" };
    document.querySelectorAll(".verdicts button").forEach(function (b) {
      b.classList.toggle("chosen", b.dataset.verdict === mine.verdict);
      b.setAttribute("aria-pressed", b.dataset.verdict === mine.verdict ? "true" : "false");
    });
    $("reason").value = mine.reason || "";
    document.body.dataset.current = fig.figure_id;
  }
  function judge(verdict) {
    if (!sheet.length) { return; }
    const fig = sheet[state.current];
    const entry = state.verdicts[fig.figure_id] || { verdict: "", reason: "" };
    entry.verdict = verdict;
    entry.reason = $("reason").value;
    state.verdicts[fig.figure_id] = entry;
    save();
    if (state.current < sheet.length - 1) { state.current += 1; }
    render();
  }
  function move(step) {
    keepReason();
    state.current = Math.min(Math.max(0, state.current + step), sheet.length - 1);
    save();
    render();
  }
  function keepReason() {
    if (!sheet.length) { return; }
    const fig = sheet[state.current];
    const reason = $("reason").value;
    if (state.verdicts[fig.figure_id] || reason) {
      const entry = state.verdicts[fig.figure_id] || { verdict: "", reason: "" };
      entry.reason = reason;
      state.verdicts[fig.figure_id] = entry;
      save();
    }
  }
  function records() {
    return sheet.filter(function (f) { return state.verdicts[f.figure_id] && state.verdicts[f.figure_id].verdict; })
      .map(function (f) {
        const mine = state.verdicts[f.figure_id];
        return { doc: f.doc, device: f.device, kind: f.kind, start: f.start, end: f.end, text: f.text,
                 verdict: mine.verdict, reason: mine.reason || "", annotator: state.annotator,
                 figure_id: f.figure_id, parts: f.parts };
      });
  }
  function exportJsonl() {
    keepReason();
    if (!state.annotator.trim()) {  // the report tells coders apart by their names
      $("export-status").textContent = "give your name as Coder first: the report tells coders apart by it";
      $("annotator").focus();
      return;
    }
    const lines = records().map(function (r) { return JSON.stringify(r); }).join("\n");
    const blob = new Blob([lines ? lines + "\n" : ""], { type: "application/x-ndjson" });
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = "judgements-" + (state.annotator || "anonymous").replace(/[^A-Za-z0-9_.-]+/g, "_") + ".jsonl";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    $("export-status").textContent = "exported " + records().length + " judgements";
  }
  window.rhetoricJudging = { records: records };  // for tests and for the curious

  document.querySelectorAll(".verdicts button").forEach(function (b) {
    b.addEventListener("click", function () {
      b.blur();  // a Space or Enter pressed next must not judge the next figure unseen
      judge(b.dataset.verdict);
    });
  });
  $("prev").addEventListener("click", function () { move(-1); });
  $("next").addEventListener("click", function () { move(1); });
  $("export").addEventListener("click", exportJsonl);
  $("annotator").addEventListener("input", function () { state.annotator = $("annotator").value; save(); });
  $("reason").addEventListener("change", keepReason);
  document.addEventListener("keydown", function (event) {
    const typing = event.target && (event.target.tagName === "INPUT" || event.target.tagName === "TEXTAREA");
    if (typing) {
      if (event.key === "Enter" || event.key === "Escape") { keepReason(); event.target.blur(); event.preventDefault(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    const keys = { "1": "TRUE", "t": "TRUE", "2": "BORDERLINE", "b": "BORDERLINE", "3": "FALSE", "f": "FALSE" };
    const key = event.key.toLowerCase();
    if (keys[key]) { judge(keys[key]); event.preventDefault(); }
    else if (key === "arrowright" || key === "j") { move(1); event.preventDefault(); }
    else if (key === "arrowleft" || key === "k") { move(-1); event.preventDefault(); }
    else if (key === "r") { $("reason").focus(); event.preventDefault(); }
  });
  render();
})();
"""

_BODY = """
<header>
  <h1>{title}</h1>
  <div class="bar">
    <label>Coder <input id="annotator" size="14" placeholder="your name"></label>
    <div id="progress" role="progressbar"><div id="progress-fill"></div></div>
    <span id="progress-text"></span>
    <button id="export" type="button">Export judgements (JSON Lines)</button>
    <span id="export-status"></span>
  </div>
</header>
<main>
  <div class="figure-head"><span id="position"></span> &middot; <b id="device"></b> &middot; <span id="doc"></span></div>
  <div id="context" class="context"></div>
  <div class="rubric">
    <p><b>The question.</b> {question}</p>
    <p><b>TRUE when:</b> <span id="true-when"></span></p>
    <p><b>Typically FALSE:</b> <span id="typical-false"></span></p>
  </div>
  <div class="verdicts">
    <button type="button" data-verdict="TRUE" title="{true}">TRUE<kbd>1</kbd></button>
    <button type="button" data-verdict="BORDERLINE" title="{borderline}">BORDERLINE<kbd>2</kbd></button>
    <button type="button" data-verdict="FALSE" title="{false}">FALSE<kbd>3</kbd></button>
  </div>
  <input id="reason" placeholder="reason (one line; press r to type, Enter to finish)">
  <div class="nav"><button id="prev" type="button">&larr; previous</button><button id="next" type="button">next &rarr;</button></div>
  <p class="help">Keys: 1 or t TRUE, 2 or b BORDERLINE, 3 or f FALSE (each moves on); &larr; &rarr; or k j to move;
  r to type a reason. Judgements stay in this browser until you export them.</p>
  <details><summary>The rubric</summary>
    <p>{unit}</p>
    <p><b>TRUE</b>: {true}</p><p><b>BORDERLINE</b>: {borderline}</p><p><b>FALSE</b>: {false}</p>
    <p>{precision}</p><p><i>{provenance}</i></p>
  </details>
</main>
"""


def _json_for_script(value: object) -> str:
    """JSON that cannot end its ``<script>`` element or open another: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _page_coder(sheet: pd.DataFrame, annotator: str) -> str:
    """The coder of a page: ``annotator``, or the one whose verdicts the sheet holds. A sheet
    that holds another coder's verdicts is refused (:class:`~rhetoric.errors.UsageError`): the
    page would show them as made and export them under the new coder's name, so that two
    coders would agree by construction; a second coder judges the unjudged sheet. The output
    of ``rhetoric analyze`` (one row per span, a ``layer`` column) is no sheet of figures."""
    if "layer" in sheet.columns:
        raise UsageError(
            "this table is the output of rhetoric analyze (one row per span, frames and stance "
            "too); a sheet of figures to judge, with their context, is written by `rhetoric "
            "validate sample`"
        )
    if "verdict" not in sheet.columns or "annotator" not in sheet.columns:
        return annotator
    judged = sheet[sheet["verdict"].fillna("").astype(str) != ""]
    coders = sorted({str(c) for c in judged["annotator"].fillna("") if str(c)})
    if not coders:
        return annotator
    if (annotator and coders != [annotator]) or len(coders) > 1:
        raise UsageError(
            f"the sheet holds verdicts by {', '.join(map(repr, coders))}; a page for "
            f"{'another coder' if annotator else 'one coder'} is made from the unjudged sheet "
            "(the file `rhetoric validate sample` wrote), so that each coder judges blind"
        )
    return coders[0]


def _sheet_records(sheet: pd.DataFrame) -> list[dict]:
    records = []
    for row in sheet.to_dict("records"):
        start, end = int(row["start"]), int(row["end"])
        parts = row.get("parts")
        if parts is None or (isinstance(parts, float) and parts != parts):
            parts = ((start, end),)
        records.append({
            "figure_id": str(row.get("figure_id") or f"{row['doc']}:{row['device']}:{row.get('kind', '')}:{start}-{end}"),
            "doc": str(row["doc"]), "device": str(row["device"]), "kind": str(row.get("kind") or ""),
            "start": start, "end": end, "text": str(row.get("text") or ""),
            "before": str(row.get("before") or ""), "after": str(row.get("after") or ""),
            "parts": [[int(s), int(e)] for s, e in parts],
            "verdict": str(row.get("verdict") or ""), "reason": str(row.get("reason") or ""),
        })  # fmt: skip
    return records


def judging_page(
    sheet: pd.DataFrame | str | os.PathLike,
    path: str | os.PathLike | None = None,
    *,
    title: str = "Judge the figures",
    annotator: str = "",
) -> str:
    """The standalone judging page for a sheet; written to ``path`` when given.

    Parameters
    ----------
    sheet : DataFrame or path
        A sheet (:func:`rhetoric.validation.sample`, or a file read with
        :func:`~rhetoric.validation.judgements.read_judgements`); verdicts already in it are
        shown as made.
    path : path, optional
        Where to write the page (UTF-8).
    title : str
        The page's heading.
    annotator : str
        The coder's name, filled in (the coder can change it on the page).

    Returns
    -------
    str
        The HTML document.

    Examples
    --------
    >>> sheet = pd.DataFrame({"doc": ["d"], "device": ["epizeuxis"], "kind": ["word"], "start": [0],
    ...                       "end": [10], "text": ["<b>never</b>"], "before": [""], "after": [" again"]})
    >>> page = judging_page(sheet)
    >>> "<b>never" in page, "\\\\u003cb\\\\u003enever" in page
    (False, True)
    """
    if not isinstance(sheet, pd.DataFrame):
        sheet = read_judgements(sheet, unjudged=True)
    annotator = _page_coder(sheet, annotator)
    records = _sheet_records(sheet)
    if not records:
        raise InputError("the sheet holds no figures: there is nothing to judge")
    rubric = {}
    for entry in load_rubric()["devices"]:
        key = entry["device"] if entry["kind"] is None else f"{entry['device']}/{entry['kind']}"
        rubric[key] = {"true_when": entry["true_when"], "typical_false": entry["typical_false"]}
    for record in records:  # a device the rubric lists only by kind still gets its entry
        rubric.setdefault(
            f"{record['device']}/{record['kind']}", definition(record["device"], record["kind"])
        )
    # the browser keeps a page's verdicts under this key: one per sheet and coder, so that a
    # second coder's page of the same sheet does not open on the first coder's verdicts
    ids = "\n".join([*(r["figure_id"] for r in records), f"coder:{annotator}"])
    key = hashlib.sha1(ids.encode("utf-8")).hexdigest()[:16]
    text = load_rubric()
    escape = html.escape
    body = _BODY.format(
        title=escape(title), question=escape(text["question"]), unit=escape(text["unit"]),
        true=escape(text["verdicts"]["TRUE"]), borderline=escape(text["verdicts"]["BORDERLINE"]),
        false=escape(text["verdicts"]["FALSE"]), precision=escape(text["precision"]),
        provenance=escape(text["provenance"]),
    )  # fmt: skip
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'none'\">\n"
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n"
        f'<script type="application/json" id="sheet-data">{_json_for_script(records)}</script>\n'
        f'<script type="application/json" id="rubric-data">{_json_for_script(rubric)}</script>\n'
        f'<script type="application/json" id="page-data">{_json_for_script({"key": key, "annotator": annotator})}</script>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
    if path is not None:
        write_output(path, page, "--out")
    return page
