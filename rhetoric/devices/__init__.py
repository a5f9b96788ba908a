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

from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from numbers import Real

import numpy as np

from rhetoric.errors import UsageError, invalid_value, option_name
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
    """Validate a selection of device labels (``None`` means all; one name, or names joined by
    commas as on the command line, is read as that selection).

    >>> check_devices("antithesis"), check_devices("tricolon, anaphora")
    (('antithesis',), ('tricolon', 'anaphora'))
    """
    if devices is None:
        return DEVICES
    if isinstance(devices, str):
        devices = [name.strip() for name in devices.split(",") if name.strip()]
    else:
        try:
            devices = list(devices)
        except TypeError:
            raise UsageError(
                f"devices must be device names, not {type(devices).__name__}; choose from "
                + ", ".join(map(repr, DEVICES))
            ) from None
    for device in devices:
        if device not in REGISTRY:
            raise invalid_value("device", device, DEVICES)
    return tuple(dict.fromkeys(devices))


def check_min_score(
    min_score: float | Mapping[str, float | None] | None,
) -> float | dict[str, float | None] | None:
    """Validate ``min_score``: ``None`` (each device's default threshold), a number in [0, 1]
    (for every device), or a mapping of device names to numbers (or ``None``): the devices it
    names are kept at their number, the others at their default thresholds.

    >>> check_min_score(0), check_min_score({"tricolon": 0.5, "alliteration": 0.4})
    (0.0, {'alliteration': 0.4, 'tricolon': 0.5})
    """
    if min_score is None:
        return None
    if isinstance(min_score, Mapping):
        checked = {}
        for device in sorted(min_score):
            if device not in REGISTRY:
                raise invalid_value("min_score device", device, DEVICES)
            value = min_score[device]
            checked[device] = None if value is None else check_probability(value, device)
        return checked or None
    return check_probability(min_score)


def check_probability(value: object, device: str | None = None) -> float:
    """``value`` as a probability; else a :class:`UsageError` naming it as the user gave it:
    ``min_score['tricolon']=1.5`` in Python, ``--min-score tricolon=1.5`` on the command line."""
    # any real number (a NumPy float32 or int64 from a table too), not a truth value
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real) or not 0 <= value <= 1:
        option = option_name("min_score")
        if option:
            given = f"{device}={value!r}" if device else repr(value)
            raise UsageError(
                f"{option} {given} is not valid; give a probability between 0 and 1, or leave "
                f"{option} out for each device's default threshold"
            )
        where = f"[{device!r}]" if device else ""
        raise UsageError(
            f"min_score{where}={value!r} is not valid; give a probability between 0 and 1, "
            "or None for each device's default threshold"
        )
    return float(value)


def device_min_score(
    min_score: float | Mapping[str, float | None] | None, device: str
) -> float | None:
    """The ``min_score`` of one device (``None``: its default threshold).

    >>> device_min_score({"tricolon": 0.5}, "tricolon"), device_min_score({"tricolon": 0.5}, "anaphora")
    (0.5, None)
    """
    if isinstance(min_score, Mapping):
        return min_score.get(device)
    return min_score


def reported_by_default(device: str) -> bool:
    """Whether ``device``'s figures are reported without a ``min_score`` (its scorer's
    precision estimated on unseen text (nested cross-validation) reaches
    :data:`~rhetoric.scoring.model.MIN_DEFAULT_PRECISION`;
    a device without a scorer is reported)."""
    from rhetoric.scoring.model import load_model

    model = load_model(device)
    return model is None or model.reported_by_default


def reported_devices(
    min_score: float | Mapping[str, float | None] | None = None,
    devices: Iterable[str] | None = None,
) -> list[str]:
    """The devices (of ``devices``, default all) whose figures an analysis run with ``min_score``
    reports: each one :func:`reported_by_default`, or given a ``min_score`` of its own.

    Count tables and rate figures should be built over these: a device that is not reported has
    no figures, and counting it would show a rate of zero that nobody measured.

    >>> "anaphora" in reported_devices() and "alliteration" in reported_devices(0.0)
    True
    """
    return [
        d
        for d in check_devices(devices)
        if device_min_score(min_score, d) is not None or reported_by_default(d)
    ]


def find_devices(
    text_or_doc: str | Document,
    devices: Iterable[str] | None = None,
    *,
    doc_id: str | None = None,
    min_score: float | None = None,
) -> list[Span]:
    """Find the figures of ``devices`` (default: all) in one document; spans sorted by position.

    Each device's finder proposes candidate figures; its learned scorer
    (:mod:`rhetoric.scoring`) gives every figure the calibrated probability that a rhetorician
    would mark it, written into ``score``, and the figures below ``min_score`` are dropped. A repeat
    that both a refrain and an emphatic repeat describe is reported once
    (:func:`rhetoric.devices.repetition.count_once`), except with ``min_score=0`` (every candidate).

    Parameters
    ----------
    min_score : float or dict, optional
        ``None`` (default): each device's threshold, chosen for precision >= 0.85 on
        cross-validation folds of the project's annotations (about 0.8 on documents it was not
        chosen on: ``nested_precision`` in each model's provenance); a device whose scorer is not
        :func:`reported_by_default` is not run. Lower it for more recall (``0`` keeps every
        candidate, scored), raise it for more precision. A dict sets it per device
        (``{"alliteration": 0.4}``: alliteration at 0.4, every other device at its default).
    """
    from rhetoric.scoring import score_figures
    from rhetoric.scoring.apply import may_keep_any
    from rhetoric.scoring.features import document_profile

    doc = as_document(text_or_doc, doc_id)
    min_score = check_min_score(min_score)
    spans: list[Span] = []
    profile = document_profile(doc)
    for device in check_devices(devices):
        threshold = device_min_score(min_score, device)
        if not may_keep_any(device, profile, threshold):
            continue  # nothing of it would be kept: its candidates are not searched for
        candidates = get_finder(device)(doc)
        if candidates:
            kept = score_figures(doc, candidates, device, min_score=threshold, profile=profile)
            spans.extend(reported_once(doc, kept, threshold))
    return sorted(spans, key=lambda s: (s.start, s.end, s.device, s.kind))


def reported_once(doc: Document, spans: list[Span], min_score: float | None) -> list[Span]:
    """The scored spans kept at ``min_score`` as they are reported (in text order): a repeat
    that both a refrain and an emphatic repeat describe counted once, a refrain of two close
    occurrences named an emphatic repeat (:func:`rhetoric.devices.repetition.count_once`); with
    ``min_score=0``, every candidate as found. The one place where this rule is applied, by :func:`find_devices` and by
    :func:`kept_at`."""
    if min_score == 0 or not any(s.device == "repetition" for s in spans):
        return spans
    from rhetoric.devices.repetition import count_once

    once = count_once(doc, [s for s in spans if s.device == "repetition"])
    others = [s for s in spans if s.device != "repetition"]
    return sorted([*others, *once], key=lambda s: (s.start, s.end, s.device, s.kind))


def kept_at(doc: Document, candidates: list[Span], min_score: float) -> list[Span]:
    """Of every scored candidate of a document (``find_devices(doc, min_score=0)``), the spans
    ``find_devices(doc, min_score=min_score)`` reports, without running the finders again: for
    comparing several ``min_score`` settings (:func:`rhetoric.evaluation.tradeoff.min_score_tradeoff`)."""
    return reported_once(doc, [s for s in candidates if s.score >= min_score], min_score)


def detector(device: str) -> Finder:
    """``rhetoric.find_<device>``: the finder of one device with its scorer applied.

    >>> find = detector("epizeuxis")
    >>> [(s.text, 0 <= s.score <= 1) for s in find("Never, never, never give in.", min_score=0)]
    [('Never, never, never', True)]
    """
    if device not in REGISTRY:
        raise invalid_value("device", device, DEVICES)

    def find(
        text_or_doc: str | Document, *, doc_id: str | None = None, min_score: float | None = None
    ) -> list[Span]:
        return find_devices(
            text_or_doc, [device], doc_id=doc_id, min_score=device_min_score(min_score, device)
        )

    find.__name__ = REGISTRY[device][1]
    find.__doc__ = (
        f"Find {device} figures: the candidates of :func:`rhetoric.devices.{REGISTRY[device][0]}."
        f"{REGISTRY[device][1]}`, scored and thresholded (see :func:`find_devices`)."
    )
    return find
