"""General Impostors verification (Koppel & Winter 2014; stylo's ``imposters()``), with calibrated scores.

Attribution always names somebody; verification asks whether a given candidate wrote a text at
all. For each of ``n_iterations`` rounds, a random half of the features and a random share of
the *impostors* (texts by other authors) are drawn; the round counts for the candidate when the
questioned text is nearer to one of the candidate's texts than to every impostor drawn. The raw
score is the share of such rounds (0 to 1).

Raw scores are not probabilities: a score of 0.6 can mean much or little depending on the
corpus. :class:`ImpostorsVerifier` therefore calibrates them on the reference texts themselves:
each reference text is scored, leaving itself out, against its own author (a true case) and
every other author (false cases), and a logistic regression maps raw score to the probability
that the candidate is the author.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from rhetoric.errors import UsageError
from rhetoric.stylometry.distances import Standardization, canonical_metric, pairwise
from rhetoric.stylometry.features import text_ids


class ImpostorsVerifier(BaseEstimator):
    """Verify candidate authors of texts by the General Impostors method.

    Parameters
    ----------
    metric : str, default="cosine_delta"
        The distance (z-score metrics standardise with the reference texts' statistics).
    n_iterations : int, default=100
        Rounds of random features and impostors.
    feature_share : float, default=0.5
        Share of the features drawn in each round.
    impostor_share : float, default=0.5
        Share of the impostor texts drawn in each round.
    random_state : int, default=0
        Seed of the draws (results are reproducible).

    Attributes
    ----------
    classes_ : ndarray
        The candidate authors.
    calibration_ : LogisticRegression or None
        Maps a raw score to a probability (``None`` when the reference texts gave no true and
        false cases to learn from; the raw score is then returned).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> X = np.vstack([rng.poisson(lam, (6, 20)) for lam in (np.r_[[9] * 10, [3] * 10], np.r_[[3] * 10, [9] * 10])])
    >>> gi = ImpostorsVerifier(n_iterations=50).fit(X.astype(float), ["a"] * 6 + ["b"] * 6)
    >>> scores = gi.decision_function(np.r_[[9] * 10, [3] * 10][None, :].astype(float))
    >>> scores.round(2).tolist()
    [[1.0, 0.0]]
    """

    def __init__(
        self,
        metric: str = "cosine_delta",
        *,
        n_iterations: int = 100,
        feature_share: float = 0.5,
        impostor_share: float = 0.5,
        random_state: int = 0,
    ):
        self.metric = metric
        self.n_iterations = n_iterations
        self.feature_share = feature_share
        self.impostor_share = impostor_share
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: Sequence[str]) -> ImpostorsVerifier:
        """Store the reference texts (frequencies) and their authors, and calibrate the scores."""
        canonical_metric(self.metric)
        for name in ("feature_share", "impostor_share"):
            value = getattr(self, name)
            if not 0 < value <= 1:
                raise UsageError(f"{name}={value!r} is not valid; it must be in (0, 1]")
        X, y = validate_data(self, X, y, dtype=float)
        check_classification_targets(y)
        self.classes_, self._y = np.unique(y, return_inverse=True)
        self._X = X
        raw = self._scores(X, leave_out_self=True)
        own = np.zeros_like(raw, dtype=bool)
        own[np.arange(len(X)), self._y] = True
        # A text whose author has no other text cannot be a true case.
        singles = np.bincount(self._y)[self._y] < 2
        own_valid = own & ~singles[:, None]
        scores = np.r_[raw[own_valid], raw[~own]]
        truth = np.r_[np.ones(own_valid.sum()), np.zeros((~own).sum())]
        self.calibration_ = None
        if 0 < truth.sum() < len(truth):
            self.calibration_ = LogisticRegression(C=10.0).fit(scores[:, None], truth)
        return self

    def _scores(self, Q: np.ndarray, *, leave_out_self: bool = False) -> np.ndarray:
        rng = np.random.default_rng(self.random_state)
        n_train, p = self._X.shape
        n_features = max(1, int(round(self.feature_share * p)))
        wins = np.zeros((len(Q), len(self.classes_)))
        metric = canonical_metric(self.metric)
        for _ in range(self.n_iterations):
            cols = np.sort(rng.choice(p, n_features, replace=False))
            std = Standardization.fit(metric, self._X[:, cols])
            D = pairwise(std.apply(Q[:, cols]), std.apply(self._X[:, cols]), metric)
            if leave_out_self:
                np.fill_diagonal(D, np.inf)
            for k in range(len(self.classes_)):
                mine = self._y == k
                others = np.flatnonzero(~mine)
                if not others.size:
                    wins[:, k] += 1
                    continue
                drawn = rng.choice(
                    others, max(1, int(round(self.impostor_share * others.size))), replace=False
                )
                wins[:, k] += D[:, mine].min(axis=1) < D[:, drawn].min(axis=1)
        return wins / max(self.n_iterations, 1)

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """Raw impostor scores ``(n_texts, n_candidates)``: the share of rounds won by each candidate."""
        check_is_fitted(self, "classes_")
        X = validate_data(self, X, dtype=float, reset=False)
        return self._scores(X) if len(X) else np.zeros((0, len(self.classes_)))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Calibrated probability that each candidate wrote each text (independent, not summing to 1)."""
        raw = self.decision_function(X)
        if self.calibration_ is None or raw.size == 0:
            return raw
        return self.calibration_.predict_proba(raw.reshape(-1, 1))[:, 1].reshape(raw.shape)

    def verify(self, X: np.ndarray, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
        """A tidy table of the verification of every text against every candidate.

        Returns
        -------
        pandas.DataFrame
            ``doc_id``, ``candidate``, ``score`` (raw share of rounds), ``probability``
            (calibrated); one row per text and candidate.
        """
        raw = self.decision_function(X)
        calibrated = self.predict_proba(X) if len(raw) else raw
        ids = text_ids(None, doc_ids, len(raw))
        return pd.DataFrame(
            {
                "doc_id": np.repeat(ids, len(self.classes_)),
                "candidate": np.tile(self.classes_, len(raw)),
                "score": raw.ravel(),
                "probability": calibrated.ravel(),
            }
        )
