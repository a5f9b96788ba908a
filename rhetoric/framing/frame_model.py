"""The news frame model: which frame an article stresses, from its words and its frame profile.

The lexicon profile (:func:`rhetoric.framing.frame_profile`) says which frames an article's
words evoke and where; which of them the article *stresses most* is decided, for the built-in
lexicon, by a multinomial logistic regression trained on PTC train articles whose dominant frame
was judged by the Policy Frames Codebook (``benchmarks/train_frame_ranker.py``; model
``rhetoric/resources/frames/news_frame_model.json``, with its provenance). It reads two things:

* the article's words, as TF-IDF (lower-cased words of two or more characters, sublinear term
  frequency, the words of the headline and lead counted twice more: see :func:`model_text`);
* the profile's evidence of each of the 14 lexicon frames: ``log(1 + score)``,
  ``log(1 + term_weight)`` and whether a hit lies in the headline or lead, standardised and
  scaled by the model's ``profile_weight``.

Its classes are the 15 frames of the codebook, ``other`` included (an article no frame fits).
:func:`frame_probabilities` gives the probability of each; :func:`model_evidence` lists the
words and profile features that pushed a frame up, so a ranking can still be explained.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from rhetoric.text import Document

#: The model file of the built-in lexicon (``rhetoric/resources/frames``).
MODEL_FILE = "news_frame_model.json"
#: Per-frame profile features, in this order for every frame.
PROFILE_FEATURES = ("log_score", "log_term_weight", "in_lead")
#: The words TF-IDF counts: scikit-learn's default token pattern (lower-cased).
TOKEN = re.compile(r"(?u)\b\w\w+\b")
#: How many extra times the headline and lead are read.
LEAD_REPEATS = 2

#: Columns of :func:`model_evidence`.
MODEL_EVIDENCE_COLUMNS = ["frame", "feature", "kind", "value", "contribution"]


def model_text(doc: Document, parts: Sequence[str]) -> str:
    """The text the model reads: the headline and lead words ``LEAD_REPEATS`` times, then the
    whole text (``parts`` from :func:`rhetoric.framing.headline_and_lead`)."""
    lead = " ".join(w.text for w, p in zip(doc.words, parts, strict=True) if p != "body")
    return ((lead + "\n") * LEAD_REPEATS) + doc.clean


def profile_features(rows: Sequence[dict], frames: Sequence[str]) -> np.ndarray:
    """The profile's evidence, :data:`PROFILE_FEATURES` for each frame in ``frames`` order."""
    by_frame = {r["frame"]: r for r in rows}
    values = []
    for frame in frames:
        row = by_frame[frame]
        values += [
            math.log1p(row["score"]), math.log1p(row["term_weight"]), float(row["lead_hits"] > 0)
        ]  # fmt: skip
    return np.array(values)


def export_vectorizer(vectorizer) -> dict:
    """A fitted ``TfidfVectorizer`` (default token pattern, lower-case, sublinear tf, l2) as
    plain data: ``{"vocabulary": [words in column order], "idf": [...]}``."""
    words = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    return {"vocabulary": words, "idf": [round(float(v), 6) for v in vectorizer.idf_]}


def word_vector(text: str, vocabulary: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """TF-IDF of ``text`` as scikit-learn computes it with ``sublinear_tf=True`` and l2 norm."""
    counts = Counter(w for w in TOKEN.findall(text.lower()) if w in vocabulary)
    vector = np.zeros(len(idf))
    for word, count in counts.items():
        vector[vocabulary[word]] = (1.0 + math.log(count)) * idf[vocabulary[word]]
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


class FrameModel:
    """A loaded news frame model (see the module notes); build with :func:`news_frame_model`."""

    def __init__(self, data: dict):
        self.data = data
        self.classes: list[str] = list(data["classes"])
        self.frames: list[str] = list(data["profile_frames"])
        self.vocabulary = {w: i for i, w in enumerate(data["vocabulary"])}
        self.idf = np.array(data["idf"])
        self.mean = np.array(data["profile_mean"])
        self.scale = np.array(data["profile_scale"])
        self.profile_weight = float(data["profile_weight"])
        self.coef = np.array(data["coef"])
        self.intercept = np.array(data["intercept"])
        self.min_share_of_top = float(data["min_share_of_top"])
        self.provenance = data["provenance"]
        n_words = len(self.vocabulary)
        expected = (len(self.classes), n_words + len(self.frames) * len(PROFILE_FEATURES))
        if self.coef.shape != expected or len(self.idf) != n_words:
            raise ValueError(f"{MODEL_FILE}: coefficients {self.coef.shape}, expected {expected}")

    def features(self, doc: Document, parts: Sequence[str], rows: Sequence[dict]) -> np.ndarray:
        words = word_vector(model_text(doc, parts), self.vocabulary, self.idf)
        profile = (profile_features(rows, self.frames) - self.mean) / self.scale
        return np.concatenate([words, profile * self.profile_weight])

    def probabilities(self, features: np.ndarray) -> dict[str, float]:
        logits = self.coef @ features + self.intercept
        p = np.exp(logits - logits.max())
        p /= p.sum()
        return dict(zip(self.classes, p.tolist(), strict=True))

    def feature_names(self) -> list[tuple[str, str]]:
        """``(name, kind)`` of every feature: words, then ``frame:feature`` of the profile."""
        words = [(w, "word") for w in self.vocabulary]
        profile = [(f"{f}:{n}", "profile") for f in self.frames for n in PROFILE_FEATURES]
        return words + profile


@lru_cache(maxsize=1)
def news_frame_model() -> FrameModel:
    """The built-in news frame model (``rhetoric/resources/frames/news_frame_model.json``)."""
    path = resources.files("rhetoric").joinpath("resources", "frames", MODEL_FILE)
    return FrameModel(json.loads(path.read_text(encoding="utf-8")))


def frame_probabilities(
    doc: Document, parts: Sequence[str], rows: Sequence[dict], model: FrameModel
) -> dict[str, float]:
    """The probability of each codebook frame (``other`` included) being the article's dominant
    frame, from its words and its profile ``rows``."""
    return model.probabilities(model.features(doc, parts, rows))


def model_evidence(
    doc: Document, parts: Sequence[str], rows: Sequence[dict], model: FrameModel, n: int = 10
) -> pd.DataFrame:
    """The features that pushed each frame's logit up most: ``frame``, ``feature`` (a word, or
    ``frame:feature`` of the profile), ``kind`` (``word`` or ``profile``), ``value`` (its
    feature value) and ``contribution`` (coefficient times value, > 0), ``n`` per frame."""
    x = model.features(doc, parts, rows)
    names = model.feature_names()
    records = []
    for k, frame in enumerate(model.classes):
        contribution = model.coef[k] * x
        for i in np.argsort(-contribution)[:n]:
            if contribution[i] <= 0:
                break
            records.append({
                "frame": frame, "feature": names[i][0], "kind": names[i][1],
                "value": float(x[i]), "contribution": float(contribution[i]),
            })  # fmt: skip
    return pd.DataFrame(records, columns=MODEL_EVIDENCE_COLUMNS)
