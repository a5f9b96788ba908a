"""The Delta family of stylometric distances, vectorised.

Every metric takes tables of relative word frequencies (rows = texts, columns = features in
frequency order) and returns the matrix of distances between the rows of ``X`` and those of
``Y``. Metrics on z-scores standardise the columns with the means and standard deviations
(``ddof=1``, as R's ``scale``) of a *reference* set of texts: pass the training texts as
``reference`` for an honest (inductive) comparison; by default the reference is ``X`` and ``Y``
together, which is what stylo's ``dist.*`` functions do with the table they are given.

=================  =========================================================  =========
metric             definition (``z`` = z-scores, ``x`` = frequencies, p features)  stylo
=================  =========================================================  =========
``burrows``        Classic Delta: ``sum |z_a - z_b| / p``                     delta
``argamon``        Argamon's linear Delta: ``sqrt(sum (z_a - z_b)^2) / p``    argamon
``eder``           Eder's Delta: ``sum w_i |z_a - z_b|``, ``w_i = (p - i + 2) / p``  eder
``eder_simple``    Eder's simple: ``sum |sqrt x_a - sqrt x_b|``               simple
``cosine_delta``   Cosine Delta (Würzburg): ``1 - cos(z_a, z_b)``             wurzburg
``cosine``         ``1 - cos(x_a, x_b)`` on frequencies                       cosine
``manhattan``      ``sum |x_a - x_b|``                                        manhattan
``euclidean``      ``sqrt(sum (x_a - x_b)^2)``                                euclidean
``canberra``       ``sum |x_a - x_b| / (x_a + x_b)`` over features not zero in both,
                   scaled by ``p / (number of such features)`` (R's ``dist``)  canberra
``minmax``         Ruzicka: ``1 - sum min(x_a, x_b) / sum max(x_a, x_b)``     minmax
``entropy``        Manhattan on ``log(x + 2) / H``, ``H`` the entropy of each
                   feature's distribution over the reference texts            entropy
=================  =========================================================  =========

Aliases: ``delta``/``classic`` = ``burrows``, ``wurzburg`` = ``cosine_delta``, ``simple`` =
``eder_simple``, ``ruzicka`` = ``minmax``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from scipy.spatial.distance import cdist

from rhetoric.errors import invalid_value

Metric = Literal[
    "burrows", "argamon", "eder", "eder_simple", "cosine_delta", "cosine",
    "manhattan", "euclidean", "canberra", "minmax", "entropy",
]  # fmt: skip

#: The canonical metric names, in the order of the table above.
METRICS: tuple[str, ...] = (
    "burrows", "argamon", "eder", "eder_simple", "cosine_delta", "cosine",
    "manhattan", "euclidean", "canberra", "minmax", "entropy",
)  # fmt: skip
ALIASES = {"delta": "burrows", "classic": "burrows", "wurzburg": "cosine_delta", "simple": "eder_simple",
           "ruzicka": "minmax"}  # fmt: skip
#: Metrics computed on z-scores.
ZSCORE_METRICS = frozenset({"burrows", "argamon", "eder", "cosine_delta"})
#: Metrics that need non-negative values (frequencies), not z-scores.
NONNEGATIVE_METRICS = frozenset({"eder_simple", "canberra", "minmax", "entropy"})


def canonical_metric(metric: str) -> str:
    """The canonical name of ``metric`` (resolving aliases); a clear error for an unknown one.

    >>> canonical_metric("wurzburg")
    'cosine_delta'
    """
    name = ALIASES.get(metric, metric) if isinstance(metric, str) else metric
    if name not in METRICS:
        raise invalid_value("metric", metric, [*METRICS, *ALIASES])
    return name


@dataclass
class Standardization:
    """What a metric learns from its reference texts: column means, deviations, entropy weights."""

    metric: str
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None
    entropy: np.ndarray | None = None
    weights: np.ndarray | None = field(default=None)

    @classmethod
    def fit(cls, metric: str, reference: np.ndarray) -> Standardization:
        """Learn the statistics ``metric`` needs from the rows of ``reference``."""
        metric = canonical_metric(metric)
        reference = np.asarray(reference, dtype=float)
        p = reference.shape[1]
        out = cls(metric)
        if metric in ZSCORE_METRICS:
            out.mean = reference.mean(axis=0)
            std = reference.std(axis=0, ddof=1) if len(reference) > 1 else np.ones(p)
            out.scale = np.where(np.isfinite(std) & (std > 0), std, 1.0)
            if metric == "eder":
                out.weights = (np.arange(p, 0, -1) + 1.0) / p
        elif metric == "entropy":
            shifted = reference + 1.0
            share = shifted / shifted.sum(axis=0)
            with np.errstate(divide="ignore", invalid="ignore"):
                h = -(share * np.log(share)).sum(axis=0)
            out.entropy = np.where(np.isfinite(h) & (h > 0), h, 1.0)
        return out

    def apply(self, X: np.ndarray) -> np.ndarray:
        """Map frequencies to the space in which the metric is a plain vector distance."""
        X = np.asarray(X, dtype=float)
        if self.metric in ZSCORE_METRICS:
            Z = (X - self.mean) / self.scale
            return Z * self.weights if self.weights is not None else Z
        if self.metric == "eder_simple":
            return np.sign(X) * np.sqrt(np.abs(X))
        if self.metric == "entropy":
            return np.log(np.maximum(X + 2.0, 1e-12)) / self.entropy
        return X


def _cosine(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    na = np.linalg.norm(A, axis=1)
    nb = np.linalg.norm(B, axis=1)
    denom = np.outer(na, nb)
    with np.errstate(divide="ignore", invalid="ignore"):
        sim = (A @ B.T) / denom
    sim = np.where(denom > 0, sim, 0.0)
    return np.clip(1.0 - sim, 0.0, 2.0)


def _canberra(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    p = A.shape[1]
    raw = cdist(A, B, "canberra")
    both_zero = (A == 0).astype(float) @ (B == 0).astype(float).T
    used = p - both_zero
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(used > 0, raw * p / used, 0.0)


def _minmax(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    # sum min = (Sa + Sb - L1) / 2 and sum max = (Sa + Sb + L1) / 2, so no loop over features.
    l1 = cdist(A, B, "cityblock")
    s = A.sum(axis=1)[:, None] + B.sum(axis=1)[None, :]
    denom = s + l1
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom != 0, 2.0 * l1 / denom, 0.0)


def pairwise(A: np.ndarray, B: np.ndarray, metric: str) -> np.ndarray:
    """Distances between rows of already-standardised ``A`` and ``B`` (see :meth:`Standardization.apply`)."""
    if metric in ("burrows", "eder", "eder_simple", "manhattan", "entropy"):
        D = cdist(A, B, "cityblock")
        return D / A.shape[1] if metric == "burrows" else D
    if metric in ("argamon", "euclidean"):
        D = cdist(A, B, "euclidean")
        return D / A.shape[1] if metric == "argamon" else D
    if metric in ("cosine_delta", "cosine"):
        return _cosine(A, B)
    if metric == "canberra":
        return _canberra(A, B)
    if metric == "minmax":
        return _minmax(A, B)
    raise invalid_value("metric", metric, METRICS)  # pragma: no cover - canonical names only


def delta_distances(
    X: np.ndarray,
    Y: np.ndarray | None = None,
    metric: str = "burrows",
    *,
    reference: np.ndarray | None = None,
) -> np.ndarray:
    """Stylometric distances between the texts (rows) of ``X`` and those of ``Y``.

    Parameters
    ----------
    X : array of shape (n_x, p)
        Relative frequencies (e.g. from :class:`MFWVectorizer`), columns in frequency order.
    Y : array of shape (n_y, p), optional
        A second table; ``None`` compares ``X`` with itself.
    metric : str, default="burrows"
        One of :data:`METRICS` or an alias (see the module docstring).
    reference : array of shape (n_ref, p), optional
        Texts whose column statistics define the z-scores (and entropy weights); default: the
        rows of ``X`` and ``Y`` together. Pass the training texts for inductive use.

    Returns
    -------
    ndarray of shape (n_x, n_y)
        Distances; with ``Y=None`` symmetric with an exact zero diagonal.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> delta_distances(X, metric="manhattan").tolist()
    [[0.0, 2.0, 1.0], [2.0, 0.0, 1.0], [1.0, 1.0, 0.0]]
    >>> delta_distances(X[:1], X[1:], metric="minmax").tolist()
    [[1.0, 0.5]]
    """
    metric = canonical_metric(metric)
    X = np.atleast_2d(np.asarray(X, dtype=float))
    Yv = X if Y is None else np.atleast_2d(np.asarray(Y, dtype=float))
    if X.shape[1] != Yv.shape[1]:
        raise ValueError(
            f"X has {X.shape[1]} features but Y has {Yv.shape[1]}; they must be the same columns"
        )
    if X.shape[0] == 0 or Yv.shape[0] == 0:
        return np.zeros((X.shape[0], Yv.shape[0]))
    if reference is None:
        reference = X if Y is None else np.vstack([X, Yv])
    std = Standardization.fit(metric, reference)
    A = std.apply(X)
    B = A if Y is None else std.apply(Yv)
    D = pairwise(A, B, metric)
    if Y is None:
        D = (D + D.T) / 2.0
        np.fill_diagonal(D, 0.0)
    return D
