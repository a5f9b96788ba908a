"""Framing: Policy Frames Codebook lexicons, frame profiles and stance (hedges, boosters, loaded words).

* :data:`FRAMES`: the 15 frame names of the Policy Frames Codebook (``other`` has no lexicon).
* :class:`Lexicon`: terms by category, from the built-in frames (:meth:`Lexicon.policy_frames`),
  a dict, a CSV, a LIWC-style ``.dic`` file (a Moral Foundations dictionary works as is).
* :func:`find_frames` (spans), :func:`frame_profile` (one document, ranked; news articles by
  the news frame model, :mod:`rhetoric.framing.frame_model`), :func:`ranked_frames`,
  :func:`frame_evidence` (which terms, where: headline, lead or body),
  :func:`frame_model_evidence` (which words raised a frame in the news frame model),
  :func:`corpus_frame_table` (tidy doc_id x frame table), :func:`dominant_frame`.
* :func:`find_stance`: hedges, boosters and loaded words (``device="stance"``).
* :func:`suggest_terms`: candidate terms for widening a lexicon from a corpus, for review.
* :data:`NBER_RECESSIONS`, :data:`WAR_YEARS`, :func:`recession_within`: periods for reading
  frame trends over time.
"""

from __future__ import annotations

from rhetoric.framing.expand import suggest_terms
from rhetoric.framing.frames import (
    CORPUS_COLUMNS,
    EVIDENCE_COLUMNS,
    FRAMES,
    PART_WEIGHT,
    PROFILE_COLUMNS,
    analyze_frames,
    corpus_frame_table,
    dominant_frame,
    find_frames,
    frame_evidence,
    frame_model_evidence,
    frame_profile,
    headline_and_lead,
    ranked_frames,
)
from rhetoric.framing.lexicons import Lexicon, as_lexicon
from rhetoric.framing.periods import NBER_RECESSIONS, WAR_YEARS, address_month, recession_within
from rhetoric.framing.stance import STANCE_KINDS, find_stance, stance_lexicon

__all__ = [
    "CORPUS_COLUMNS", "EVIDENCE_COLUMNS", "FRAMES", "PART_WEIGHT", "NBER_RECESSIONS", "PROFILE_COLUMNS", "STANCE_KINDS", "WAR_YEARS",
    "Lexicon", "address_month", "analyze_frames", "as_lexicon", "corpus_frame_table",
    "dominant_frame", "find_frames", "find_stance", "frame_evidence", "frame_model_evidence",
    "frame_profile", "headline_and_lead", "ranked_frames", "recession_within",
    "stance_lexicon", "suggest_terms",
]  # fmt: skip
