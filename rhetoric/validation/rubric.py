"""The judging rubric that ships with the package: the question, the verdicts, each device's test.

The text is package data (``rubric.json``, with its provenance) and is shown to the coder on the
judging page, in the JupyterLab widget and in the sheet's header, so that every coder judges by
the same words.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def load_rubric() -> dict:
    """The rubric as a dict: ``provenance``, ``question``, ``unit``, ``verdicts``, ``precision``,
    ``devices`` (records of ``device``, ``kind`` (or ``None`` for every kind), ``true_when``,
    ``typical_false``).

    Examples
    --------
    >>> sorted(load_rubric()["verdicts"])
    ['BORDERLINE', 'FALSE', 'TRUE']
    """
    text = resources.files("rhetoric.validation").joinpath("rubric.json").read_text("utf-8")
    return json.loads(text)


def definition(device: str, kind: str | None = None) -> dict:
    """The rubric's entry for ``device`` (and ``kind``): ``true_when`` and ``typical_false``.

    An entry for the exact kind wins over the device's general entry; a device the rubric does
    not know gets empty strings (a user's own device can still be judged).

    Examples
    --------
    >>> definition("tricolon", "list")["true_when"].startswith("An enumeration")
    True
    >>> definition("my_device")
    {'true_when': '', 'typical_false': ''}
    """
    entries = [e for e in load_rubric()["devices"] if e["device"] == device]
    exact = [e for e in entries if e["kind"] == kind]
    general = [e for e in entries if e["kind"] is None]
    chosen = (exact or general or entries or [{"true_when": "", "typical_false": ""}])[0]
    return {"true_when": chosen["true_when"], "typical_false": chosen["typical_false"]}
