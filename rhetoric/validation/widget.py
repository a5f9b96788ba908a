"""Judging in JupyterLab: the judging page's loop as an ipywidgets widget that writes the file.

The widget shows one figure at a time in its context, with its parts marked and the rubric's
test for its device, three verdict buttons, a reason field and the progress. Every verdict is
written at once to the judgement file (the record format of
:mod:`rhetoric.validation.judgements`), so the file is always the coder's current state and a
kernel restart loses nothing: reopening the widget on the same file resumes where it stood.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import pandas as pd

from rhetoric.validation.judgements import VERDICTS, read_judgements, write_judgements
from rhetoric.validation.rubric import definition, load_rubric

_COLOURS = {"TRUE": "success", "BORDERLINE": "warning", "FALSE": "danger"}


def _marked(row: dict) -> str:
    """The figure in its context as escaped HTML, its parts in bold on a yellow ground."""
    start, text = int(row["start"]), str(row["text"])
    parts = row.get("parts") or ((start, int(row["end"])),)
    pieces, at = [], 0
    for s, e in sorted((max(0, s - start), min(len(text), e - start)) for s, e in parts):
        s = max(s, at)
        if s > at:
            pieces.append(html.escape(text[at:s]))
        if e > s:
            pieces.append(f'<b style="background:#ffd54f;color:#222">{html.escape(text[s:e])}</b>')
        at = max(at, e)
    pieces.append(html.escape(text[at:]))
    return (
        # its own colours: a dark theme's white text on these light marks could not be read
        '<div style="white-space:pre-wrap;border:1px solid #ddd;padding:.6em;font-family:serif;'
        'background:#fff;color:#222">'
        f"{html.escape(str(row.get('before') or ''))}"
        f'<span style="background:#fff3c4">{"".join(pieces)}</span>'
        f"{html.escape(str(row.get('after') or ''))}</div>"
    )


def _check_one_coder(table: pd.DataFrame, annotator: str, where: str) -> None:
    """``table`` holds no verdict by another coder than ``annotator``: each coder judges blind,
    into a file of their own (as :func:`rhetoric.validation.judging_page` requires)."""
    if "verdict" not in table.columns or "annotator" not in table.columns:
        return
    judged = table[table["verdict"].fillna("").astype(str) != ""]
    others = sorted(
        {str(c) for c in judged["annotator"].fillna("") if str(c) and str(c) != annotator}
    )
    if others:
        from rhetoric.errors import UsageError

        raise UsageError(
            f"{where} holds verdicts by {', '.join(map(repr, others))}; a widget for "
            f"{annotator!r} is made from the unjudged sheet (the file `rhetoric validate sample` "
            "wrote) and writes a file of its own, so that each coder judges blind"
        )


class JudgingWidget:
    """Judge a sheet in JupyterLab; every verdict is saved to ``path`` at once.

    Parameters
    ----------
    sheet : DataFrame or path
        A sheet (:func:`rhetoric.validation.sample`) or a sheet file.
    path : path
        The judgement file to write (JSON Lines, or CSV when it ends in ``.csv``). When it
        exists, its verdicts are loaded first, so judging resumes.
    annotator : str
        The coder's name, written into every record.

    Attributes
    ----------
    judgements : DataFrame
        The sheet with the verdicts and reasons given so far.
    buttons : dict
        The TRUE / BORDERLINE / FALSE buttons (``buttons["TRUE"].click()`` judges, as a mouse
        click would).

    Examples
    --------
    >>> sheet = pd.DataFrame({"doc": ["d"], "device": ["epizeuxis"], "kind": ["word"],
    ...     "start": [0], "end": [12], "text": ["never, never"], "before": [""], "after": [" again"]})
    >>> import tempfile; folder = tempfile.mkdtemp()
    >>> widget = JudgingWidget(sheet, f"{folder}/mine.jsonl", annotator="me")
    >>> widget.reason.value = "doubled for emphasis"
    >>> widget.buttons["TRUE"].click()
    >>> read_judgements(f"{folder}/mine.jsonl")[["verdict", "reason", "annotator"]].values.tolist()
    [['TRUE', 'doubled for emphasis', 'me']]
    """

    def __init__(
        self, sheet: pd.DataFrame | str | os.PathLike, path: str | os.PathLike, annotator: str
    ):
        import ipywidgets as widgets

        if not annotator:
            raise ValueError("annotator='' is not valid; give the coder's name, such as 'coder-1'")
        if not isinstance(sheet, pd.DataFrame):
            sheet = read_judgements(sheet, unjudged=True)
        self.path = Path(path)
        self.annotator = annotator
        table = sheet.reset_index(drop=True).copy()
        for column in ("verdict", "reason", "before", "after"):
            if column not in table.columns:
                table[column] = ""
        _check_one_coder(table, annotator, "the sheet")
        table["annotator"] = annotator
        if self.path.is_file():
            done = read_judgements(self.path)
            # a file of another coder's verdicts is never taken over (nor rewritten) as this one's
            _check_one_coder(done, annotator, str(self.path))
            keys = ["doc", "device", "kind", "start", "end"]
            previous = {tuple(r[k] for k in keys): r for r in done.to_dict("records")}
            for i, row in table.iterrows():
                old = previous.get(tuple(row[k] for k in keys))
                if old is not None:
                    table.loc[i, ["verdict", "reason"]] = [old["verdict"], old["reason"]]
        self.judgements = table
        self.current = next((i for i, v in enumerate(table["verdict"]) if not v), 0)
        self.header = widgets.HTML()
        self.context = widgets.HTML()
        self.rubric = widgets.HTML()
        self.progress = widgets.IntProgress(min=0, max=max(1, len(table)), description="judged")
        self.status = widgets.Label()
        self.reason = widgets.Text(
            placeholder="reason (one line)", layout=widgets.Layout(width="100%")
        )
        self.buttons = {
            verdict: widgets.Button(description=verdict, button_style="", tooltip=load_rubric()["verdicts"][verdict])
            for verdict in VERDICTS
        }  # fmt: skip
        for verdict, button in self.buttons.items():
            button.on_click(lambda _, verdict=verdict: self.judge(verdict))
        self.previous = widgets.Button(description="← previous")
        self.next = widgets.Button(description="next →")
        self.previous.on_click(lambda _: self.move(-1))
        self.next.on_click(lambda _: self.move(1))
        self.widget = widgets.VBox([
            widgets.HBox([self.progress, self.status]), self.header, self.context, self.rubric,
            widgets.HBox(list(self.buttons.values())), self.reason,
            widgets.HBox([self.previous, self.next]),
        ])  # fmt: skip
        self._render()

    def judge(self, verdict: str) -> None:
        """Record ``verdict`` (and the reason typed) for the current figure, save, move on."""
        if verdict not in VERDICTS:
            from rhetoric.errors import invalid_value

            raise invalid_value("verdict", verdict, VERDICTS)
        if self.judgements.empty:
            return
        self.judgements.loc[self.current, ["verdict", "reason"]] = [verdict, self.reason.value]
        self.save()
        self.current = min(self.current + 1, len(self.judgements) - 1)
        self._render()

    def move(self, step: int) -> None:
        """Go ``step`` figures forward (or back), keeping the reason typed."""
        if self.judgements.empty:
            return
        self.judgements.loc[self.current, "reason"] = self.reason.value  # kept, judged or not
        if self.judgements.loc[self.current, "verdict"]:
            self.save()
        self.current = min(max(0, self.current + step), len(self.judgements) - 1)
        self._render()

    def save(self) -> Path:
        """Write the judged figures to the judgement file."""
        judged = self.judgements[self.judgements["verdict"] != ""]
        if self.path.is_file():
            # verdicts another widget on this file saved meanwhile (the cell run twice) are kept,
            # but for the figures this one judged: the file is rewritten, not appended to
            keys = ["doc", "device", "kind", "start", "end"]
            mine = {tuple(r[k] for k in keys) for r in judged.to_dict("records")}
            saved = read_judgements(self.path)
            others = saved[
                [tuple(r[k] for k in keys) not in mine for r in saved.to_dict("records")]
            ]
            if len(others):
                judged = pd.concat([judged, others[[c for c in judged.columns if c in others]]])
        return write_judgements(judged, self.path)

    def _render(self) -> None:
        n = len(self.judgements)
        done = int((self.judgements["verdict"] != "").sum())
        self.progress.value = done
        self.status.value = f"{done} of {n} judged; saved to {self.path}"
        if not n:
            self.header.value = "<p>This sheet has no figures.</p>"
            return
        row = self.judgements.loc[self.current].to_dict()
        entry = definition(str(row["device"]), str(row["kind"]))
        self.header.value = (
            f"<p>Figure {self.current + 1} of {n} · <b>{html.escape(str(row['device']))} / "
            f"{html.escape(str(row['kind']))}</b> · {html.escape(str(row['doc']))} "
            f"[{int(row['start'])}:{int(row['end'])}]</p>"
        )
        self.context.value = _marked(row)
        self.rubric.value = (
            f"<p><b>The question.</b> {html.escape(load_rubric()['question'])}<br>"
            f"<b>TRUE when:</b> {html.escape(entry['true_when'])}<br>"
            f"<b>Typically FALSE:</b> {html.escape(entry['typical_false'])}</p>"
        )
        for verdict, button in self.buttons.items():
            button.button_style = _COLOURS[verdict] if row["verdict"] == verdict else ""
        self.reason.value = str(row.get("reason") or "")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def judge_widget(
    sheet: pd.DataFrame | str | os.PathLike, path: str | os.PathLike, annotator: str
) -> JudgingWidget:
    """Judge a sheet in JupyterLab (see :class:`JudgingWidget`)."""
    return JudgingWidget(sheet, path, annotator)
