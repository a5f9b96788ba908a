"""Rhetorical, framing and stylometric analysis of political and news texts.

Start with :func:`analyze` (one document) or :func:`analyze_corpus` (many, on every core or a
Dask cluster); every detector is also usable alone (``rhetoric.find_antithesis(text)``).
Framing lives in :mod:`rhetoric.framing`, stylometry in :mod:`rhetoric.stylometry`, figures in
:mod:`rhetoric.viz`.
"""

from __future__ import annotations

from rhetoric.analysis import Analysis, analyze
from rhetoric.corpora import (
    load_corpus,
    load_federalist,
    load_inaugural,
    load_ptc,
    load_seed,
    load_state_union,
)
from rhetoric.datahome import get_data_home
from rhetoric.devices import DEVICES, REGISTRY, find_devices, reported_devices
from rhetoric.pipeline import CorpusResult, analyze_corpus, write_corpus
from rhetoric.span import Span, spans_to_frame
from rhetoric.store import UnfinishedRunWarning, read_corpus_result
from rhetoric.text import Document, read_text

__version__ = "0.1.0"

#: ``find_<device>`` for every device label (``find_rhetorical_question``), and each finder's own
#: name where it differs (``find_rhetorical_questions``).
_FINDERS = {
    **{f"find_{device}": device for device in REGISTRY},
    **{function: device for device, (_module, function) in REGISTRY.items()},
}

__all__ = [
    "DEVICES", "Analysis", "CorpusResult", "Document", "Span", "UnfinishedRunWarning", "analyze",
    "analyze_corpus",
    "find_devices", "get_data_home", "load_corpus", "load_federalist", "load_inaugural",
    "load_ptc", "load_seed", "load_state_union", "read_corpus_result", "read_text",
    "reported_devices", "spans_to_frame", "write_corpus", *_FINDERS,
]  # fmt: skip


def __getattr__(name: str):
    """``rhetoric.find_<device>``: each detector (candidates, scored and thresholded)."""
    if name in _FINDERS:
        from rhetoric.devices import detector

        return detector(_FINDERS[name])
    from rhetoric.errors import did_you_mean

    raise AttributeError(
        f"module 'rhetoric' has no attribute {name!r}{did_you_mean(name, __all__)}"
    )


def __dir__() -> list[str]:
    """The module's names with the detectors (``find_<device>``), for tab completion."""
    return sorted({*globals(), *__all__})
