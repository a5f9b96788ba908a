"""``rhetoric.analyze``'s result (:class:`rhetoric.analysis.Analysis`) as the README shows it."""

from __future__ import annotations

import re
from pathlib import Path

from rhetoric.span import SPAN_COLUMNS, Span

README = Path(__file__).resolve().parents[1] / "README.md"


def _quick_start_comments() -> dict[str, str]:
    """``{attribute: comment}`` of the ``result.NAME  # comment`` lines of the README's Python
    quick start."""
    block = README.read_text(encoding="utf-8").split("## Python", 1)[1].split("```", 2)[1]
    return dict(re.findall(r"^result\.(\w+)\s+#\s*(.+)$", block, re.M))


def test_the_readme_says_what_each_attribute_of_an_analysis_holds(data_home, seed_text):
    # the README called result.spans the device table (it holds stance and frame rows and a
    # layer column too) and result.removed spans "with a reason" (a list of Span, the reason
    # in its kind), while CorpusResult.removed is a DataFrame
    import rhetoric

    result = rhetoric.analyze(seed_text)
    comments = _quick_start_comments()
    assert result.devices.columns.tolist() == SPAN_COLUMNS
    assert set(result.devices["device"]) <= set(rhetoric.DEVICES)
    assert "DataFrame" in comments["devices"] and "device_spans" in comments["devices"]
    assert result.spans.columns.tolist() == [*SPAN_COLUMNS, "layer"]
    assert {"stance", "frame"} <= set(result.spans["layer"])
    assert "stance" in comments["spans"] and "layer" in comments["spans"]
    assert result.removed and all(isinstance(s, Span) for s in result.removed)
    assert {s.device for s in result.removed} == {"boilerplate"}
    assert "list of Span" in comments["removed"] and "kind" in comments["removed"]
