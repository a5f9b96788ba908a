"""A fitted scorer as plain data: vectorise named features, a linear model, a calibration map."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources

import numpy as np

#: Version of the JSON layout below; a model file of another version is refused.
FORMAT = 1


def vector_keys(record: dict) -> dict[str, float]:
    """The numeric entries of a feature record, as :class:`~sklearn.feature_extraction.DictVectorizer` names them.

    Numbers and booleans keep their name; a string value ``v`` of feature ``f`` becomes the
    indicator ``"f=v"``.

    >>> vector_keys({"kind": "pair", "n_parts": 2, "same_sentence": True})
    {'kind=pair': 1.0, 'n_parts': 2.0, 'same_sentence': 1.0}
    """
    out = {}
    for name, value in record.items():
        if isinstance(value, str):
            out[f"{name}={value}"] = 1.0
        elif value is not None:
            out[name] = float(value)
    return out


@dataclass(frozen=True)
class ScorerModel:
    """A calibrated linear scorer of feature records.

    Attributes
    ----------
    device : str
        The device family it scores.
    features : list of str
        The base feature names its records were built with (checked against the code's
        :data:`~rhetoric.scoring.features.FEATURES` when loaded).
    columns : list of str
        The vectorised feature names, in coefficient order.
    low, high : list of float
        The range of each column in training; values outside are clipped to it, so a text unlike
        the training texts (a one-line string, a giant document) is not extrapolated.
    mean, scale, coef : list of float
        Standardisation and the logistic-regression coefficients, one per column.
    intercept : float
    calibration_a, calibration_b : float
        Platt's sigmoid calibration, learned on out-of-fold decision values:
        ``p = 1 / (1 + exp(a * decision + b))``.
    threshold : float
        The default ``min_score``: the lowest calibrated score whose cross-validated precision
        reached the target.
    provenance : dict
        How the model was made: annotation files, counts, cross-validated figures, versions.
    """

    device: str
    features: list[str]
    columns: list[str]
    low: list[float]
    high: list[float]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    calibration_a: float
    calibration_b: float
    threshold: float
    provenance: dict = field(default_factory=dict)
    format: int = FORMAT

    def matrix(self, records: Sequence[dict]) -> np.ndarray:
        """The standardised design matrix of ``records`` (unknown features are ignored)."""
        index = {name: i for i, name in enumerate(self.columns)}
        x = np.zeros((len(records), len(self.columns)))
        for row, record in enumerate(records):
            for name, value in vector_keys(record).items():
                column = index.get(name)
                if column is not None:
                    x[row, column] = value
        x = np.clip(x, np.asarray(self.low), np.asarray(self.high))
        return (x - np.asarray(self.mean)) / np.asarray(self.scale)

    def decision_function(self, records: Sequence[dict]) -> np.ndarray:
        return self.matrix(records) @ np.asarray(self.coef) + self.intercept

    def predict_proba(self, records: Sequence[dict]) -> np.ndarray:
        """The calibrated probability that each record is a figure a rhetorician would mark."""
        if not records:
            return np.zeros(0)
        return calibrate(self.decision_function(records), self.calibration_a, self.calibration_b)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ScorerModel:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(
                f"scorer model format {data.get('format')!r} is not {FORMAT}; rebuild it"
            )
        return cls(**data)


def calibrate(decision: np.ndarray, a: float, b: float) -> np.ndarray:
    """Platt's sigmoid: ``1 / (1 + exp(a * decision + b))``."""
    return 1.0 / (1.0 + np.exp(np.clip(a * np.asarray(decision) + b, -500, 500)))


def _finite(values: Sequence[float]) -> bool:
    return all(math.isfinite(v) for v in values)


def read_model(
    parts: Sequence[str], known: Iterable[str], *, name: str, script: str
) -> ScorerModel | None:
    """A model shipped as ``rhetoric/<parts...>``, checked against the features the code builds.

    Returns ``None`` when the file is absent. Raises ``ValueError`` when the model names features
    the code no longer builds, or holds non-finite numbers: a model and its feature code must not
    drift apart silently.
    """
    resource = resources.files("rhetoric").joinpath(*parts)
    if not resource.is_file():
        return None
    model = ScorerModel.from_json(resource.read_text(encoding="utf-8"))
    unknown = sorted(set(model.features) - set(known))
    if unknown:
        raise ValueError(
            f"the {name} was trained with features the code no longer builds: {unknown}; "
            f"rebuild it with {script}"
        )
    if not (_finite(model.coef) and _finite(model.mean) and _finite(model.scale)):
        raise ValueError(f"the {name} holds non-finite numbers; rebuild it with {script}")
    return model


@cache
def load_model(device: str) -> ScorerModel | None:
    """The shipped scorer of ``device`` (``rhetoric/resources/scorers/<device>.json``), or ``None``."""
    from rhetoric.scoring.features import FEATURES

    return read_model(
        ("resources", "scorers", f"{device}.json"), FEATURES,
        name=f"{device} scorer", script="benchmarks/train_scorers.py",
    )  # fmt: skip
