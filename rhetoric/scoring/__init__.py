"""Learned, calibrated scorers for device candidates: one machinery for every device family.

The data flow of a learned detector (STYLE.md, habit 13):

1. a device module's finder proposes **candidates** (high recall, spans grouped into figures);
2. :func:`~rhetoric.scoring.features.figure_features` turns each figure into a **feature
   record** (a dict of named features, the names declared once in
   :data:`~rhetoric.scoring.features.FEATURES`);
3. a fitted :class:`~rhetoric.scoring.model.ScorerModel` (a logistic regression or boosted
   trees over the vectorised records, whichever cross-validates better for the device, with
   Platt's calibration learned on cross-validation folds grouped by document) gives each figure
   the probability that a rhetorician would mark it;
4. :func:`~rhetoric.scoring.apply.score_figures` writes that probability into every part's
   ``score`` and keeps the figures at or above ``min_score`` (default: the model's threshold,
   chosen on the folds for precision >= 0.85). Where a document has many candidates, each
   figure's quick features (:data:`~rhetoric.scoring.features.QUICK_FEATURES`) come first and
   :meth:`~rhetoric.scoring.model.ScorerModel.upper_bound` says whether it could reach the
   threshold whatever its other features; only those that could are described in full, so the
   result is the same as describing every figure.

Models are plain JSON in ``rhetoric/resources/scorers/<device>.json`` (feature names,
coefficients or tree node arrays, calibration, threshold, provenance; the layout is described in
:mod:`rhetoric.scoring.model`), rebuilt from the annotation files by
``benchmarks/train_scorers.py``.
"""

from __future__ import annotations

from rhetoric.scoring.apply import score_figures
from rhetoric.scoring.model import ScorerModel, load_model

__all__ = ["ScorerModel", "load_model", "score_figures"]
