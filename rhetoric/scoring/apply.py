"""Score the candidate figures of one device in one document, and keep those above a threshold."""

from __future__ import annotations

from dataclasses import replace

from rhetoric.figures import figure_parts
from rhetoric.scoring.features import DocumentProfile, figure_features
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
    profile = profile or DocumentProfile(doc)
    records = [figure_features(profile, parts) for parts in figures]
    probabilities = model.predict_proba(records)
    kept = []
    for parts, probability in zip(figures, probabilities, strict=True):
        if probability >= threshold:
            kept.extend(replace(p, score=round(float(probability), 4)) for p in parts)
    return sorted(kept, key=lambda s: (s.start, s.end, s.kind))
