"""Rhetorical device detectors, one module per family, and their registry.

Every detector is a function ``find_<device>(text_or_doc, *, doc_id=None) -> list[Span]`` that
works alone on a string or a :class:`~rhetoric.text.Document`. The registry maps each device
label to its finder; :func:`find_devices` runs several at once on one document (so the text is
tokenised once), and :func:`rhetoric.analyze` uses it.

Device labels (the same strings in code, tables, HTML classes, JSON and messages):
``repetition``, ``anaphora``, ``epistrophe``, ``antithesis``, ``chiasmus``, ``tricolon``,
``alliteration``, ``rhetorical_question``, ``epizeuxis``, ``polyptoton``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module

from rhetoric.errors import check_documents, invalid_value
from rhetoric.span import Span
from rhetoric.text import Document, as_document

Finder = Callable[..., list[Span]]

#: Device label -> the module (under ``rhetoric.devices``) and function that find it.
REGISTRY: dict[str, tuple[str, str]] = {
    "repetition": ("repetition", "find_repetition"),
    "anaphora": ("anaphora", "find_anaphora"),
    "epistrophe": ("anaphora", "find_epistrophe"),
    "antithesis": ("antithesis", "find_antithesis"),
    "chiasmus": ("chiasmus", "find_chiasmus"),
    "tricolon": ("tricolon", "find_tricolon"),
    "alliteration": ("alliteration", "find_alliteration"),
    "rhetorical_question": ("questions", "find_rhetorical_questions"),
    "epizeuxis": ("epizeuxis", "find_epizeuxis"),
    "polyptoton": ("polyptoton", "find_polyptoton"),
}

DEVICES = tuple(REGISTRY)

#: What each detector finds, in a line (the command line's help lists these).
DESCRIPTIONS: dict[str, str] = {
    "repetition": "a word or phrase repeated across the text (refrains, duplicated paragraphs)",
    "anaphora": "successive clauses that begin with the same words",
    "epistrophe": "successive clauses that end with the same words",
    "antithesis": "contrasting ideas in parallel form (not X but Y; X, yet Y)",
    "chiasmus": "two ideas repeated in reverse order (A B ... B A)",
    "tricolon": "three parallel words, phrases or clauses",
    "alliteration": "nearby words that begin with the same sound",
    "rhetorical_question": "a question asked for effect, not for an answer",
    "epizeuxis": "a word repeated at once (never, never, never)",
    "polyptoton": "one root in different forms (rule, ruler, ruled)",
}


def get_finder(device: str) -> Finder:
    """The finder function registered for ``device``."""
    if device not in REGISTRY:
        raise invalid_value("device", device, DEVICES)
    module, function = REGISTRY[device]
    return getattr(import_module(f"rhetoric.devices.{module}"), function)


def check_devices(devices: Iterable[str] | None) -> tuple[str, ...]:
    """Validate a selection of device labels (``None`` means all)."""
    if devices is None:
        return DEVICES
    devices = check_documents("devices", devices)
    for device in devices:
        if device not in REGISTRY:
            raise invalid_value("device", device, DEVICES)
    return tuple(dict.fromkeys(devices))


def find_devices(
    text_or_doc: str | Document, devices: Iterable[str] | None = None, *, doc_id: str | None = None
) -> list[Span]:
    """Run the finders of ``devices`` (default: all) on one document; spans sorted by position."""
    doc = as_document(text_or_doc, doc_id)
    spans: list[Span] = []
    for device in check_devices(devices):
        spans.extend(get_finder(device)(doc))
    return sorted(spans, key=lambda s: (s.start, s.end, s.device, s.kind))
