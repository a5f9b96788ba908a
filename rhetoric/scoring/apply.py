"""Score the candidate figures of one device in one document, and keep those above a threshold."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from rhetoric.figures import figure_parts
from rhetoric.scoring.features import (
    WORD_FEATURES,
    DocumentProfile,
    document_profile,
    extended_features,
    figure_view,
    quick_features,
)
from rhetoric.scoring.model import ScorerModel, load_model
from rhetoric.span import Span
from rhetoric.text import Document


def score_figures(
    doc: Document,
    spans: list[Span],
    device: str,
    *,
    min_score: float | None = None,
    model: ScorerModel | None = None,
    profile: DocumentProfile | None = None,
) -> list[Span]:
    """Give every candidate figure of ``device`` its calibrated probability; keep those >= ``min_score``.

    Parameters
    ----------
    doc : Document
        The document the candidates were found in.
    spans : list of Span
        The candidate spans of one device (as its finder returns them).
    device : str
        The device family, naming the model (:func:`~rhetoric.scoring.model.load_model`).
    min_score : float, optional
        Keep figures whose probability is at least this (``None``: the model's threshold,
        chosen for precision >= 0.85 on cross-validation folds, and nothing when the model is
        not :attr:`~rhetoric.scoring.model.ScorerModel.reported_by_default`; ``0``: keep every
        candidate).
    model : ScorerModel, optional
        A model to use instead of the shipped one.

    Returns
    -------
    list of Span
        The kept spans, each with ``score`` = its figure's probability. Without a model for the
        device, the spans are returned as the finder gave them (filtered by ``min_score`` on
        their rule scores when one is given).
    """
    model = model if model is not None else load_model(device)
    if model is None:
        return [s for s in spans if min_score is None or s.score >= min_score]
    if not spans or (min_score is None and not model.reported_by_default):
        return []
    threshold = model.threshold if min_score is None else min_score
    figures = figure_parts(spans)
    profile = profile or document_profile(doc)
    staged = _Staged(profile, figures)
    described = _may_reach(model, staged, threshold)
    probabilities = np.zeros(len(figures))
    probabilities[described] = model.predict_proba(
        [staged.record(k, model.read_features) for k in described]
    )
    kept = []
    for parts, probability in zip(figures, probabilities, strict=True):
        score = reported_score(probability)
        if score >= threshold:
            kept.extend(replace(p, score=score) for p in parts)
    return sorted(kept, key=lambda s: (s.start, s.end, s.kind))


#: Decimals of a reported score. The rounded score is what is compared with a threshold or a
#: ``min_score``, so that a figure shown with score 0.949 is kept at ``min_score=0.949``.
SCORE_DECIMALS = 4


def reported_score(probability: float) -> float:
    """A probability as a span reports it, and as thresholds are compared with it (a bound,
    rounded the same way, stays at or above the rounded probability)."""
    return round(float(probability), SCORE_DECIMALS)


#: Fewer figures than this are described in full at once; from this many on, the quick features
#: come first, then the word features (:func:`_may_reach`).
BOUND_FROM = 64
#: Figures bounded at a time; when a stage's bound spares less than half of a chunk, the rest of
#: the figures go on to the next stage without it.
BOUND_CHUNK = 256


class _Staged:
    """The records of a document's candidate figures as the stages of :func:`_may_reach` build
    them: a figure's views (:func:`~rhetoric.scoring.features.figure_view`) and the features
    already known are kept, so that each later stage, and the full record, computes only what
    it adds (the records are those :func:`~rhetoric.scoring.features.figure_features` builds)."""

    def __init__(self, profile: DocumentProfile, figures: list[list[Span]]):
        self.profile, self.figures = profile, figures
        self.known: dict[int, tuple] = {}  # figure -> (its views, its record so far)

    def quick(self, k: int) -> dict:
        """The quick features of figure ``k``."""
        if k not in self.known:
            figure = figure_view(self.profile, self.figures[k])
            self.known[k] = (figure, quick_features(self.profile, figure))
        return self.known[k][1]

    def record(self, k: int, wanted: frozenset[str]) -> dict:
        """The record of figure ``k`` with the features of ``wanted`` (kept for a later stage)."""
        self.quick(k)
        figure, record = self.known[k]
        record = extended_features(self.profile, figure, record, wanted)
        self.known[k] = (figure, record)
        return record

    def forget(self, ruled_out: list[int]) -> None:
        """Drop what is known of figures that will not be described further."""
        for k in ruled_out:
            self.known.pop(k, None)


def _may_reach(model: ScorerModel, staged: _Staged, threshold: float) -> list[int]:
    """The indices of the figures whose probability may reach ``threshold``.

    From :data:`BOUND_FROM` figures on, each figure's
    :data:`~rhetoric.scoring.features.QUICK_FEATURES` are computed first, and a figure whose
    :meth:`~rhetoric.scoring.model.ScorerModel.upper_bound` is below the threshold is not
    described further: it would not be kept whatever its other features. The figures left are
    bounded again knowing the :data:`~rhetoric.scoring.features.WORD_FEATURES` the model reads
    as well. The figures kept, and their probabilities, are the same as when every figure is
    described in full (a long text with thousands of refrains is where this saves most).
    """
    may = list(range(len(staged.figures)))
    if threshold <= 0:
        return may
    for stage in (None, model.read_features & frozenset(WORD_FEATURES)):
        if len(may) < BOUND_FROM:
            break
        if stage is not None and not stage:
            continue
        may = _bounded(model, staged, may, threshold, stage)
    return may


def _bounded(
    model: ScorerModel,
    staged: _Staged,
    indices: list[int],
    threshold: float,
    stage: frozenset[str] | None,
) -> list[int]:
    """The figures of ``indices`` whose bound reaches ``threshold`` knowing their quick features
    and, unless ``stage`` is ``None``, the detailed features named in it."""
    may: list[int] = []
    for start in range(0, len(indices), BOUND_CHUNK):
        chunk = indices[start : start + BOUND_CHUNK]
        records = [staged.quick(k) if stage is None else staged.record(k, stage) for k in chunk]
        reaches = [reported_score(bound) >= threshold for bound in model.upper_bound(records)]
        passing = [k for k, reach in zip(chunk, reaches, strict=True) if reach]
        staged.forget([k for k, reach in zip(chunk, reaches, strict=True) if not reach])
        may.extend(passing)
        if 2 * len(passing) > len(chunk):
            return may + indices[start + len(chunk) :]
    return may


def may_keep_any(device: str, profile: DocumentProfile, min_score: float | None = None) -> bool:
    """Whether :func:`score_figures` could keep any figure of ``device`` in the profiled document,
    whatever the figure. ``False`` when ``min_score`` is ``None`` and the device is not
    :attr:`~rhetoric.scoring.model.ScorerModel.reported_by_default`, or when the bound of its
    scorer knowing only the :data:`~rhetoric.scoring.features.DOCUMENT_FEATURES` is under
    ``min_score`` (the model's threshold when ``None``). Then the device's candidates need not be
    looked for: none would be kept.
    """
    model = load_model(device)
    if model is None:
        return True
    if min_score is None and not model.reported_by_default:
        return False
    threshold = model.threshold if min_score is None else min_score
    if threshold <= 0:
        return True
    return reported_score(model.upper_bound([profile.document_features()])[0]) >= threshold
