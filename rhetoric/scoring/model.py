"""A fitted scorer as plain data: vectorise named features, a linear model or boosted trees, a
calibration map.

The JSON layout (``FORMAT`` 2)
------------------------------
One object per model; every number is a JSON number, written with Python's ``repr`` so that it
reads back as the same double.

``format``
    2 (a file without ``format`` or with 1 is read as format 1: a ``"logistic"`` model, whose
    fields are those below minus ``kind`` and ``trees``).
``kind``
    ``"logistic"``: a standardised L2 logistic regression; ``"trees"``: gradient-boosted
    regression trees (:class:`~sklearn.ensemble.HistGradientBoostingClassifier`, stored as node
    arrays and evaluated with numpy; no pickle, no scikit-learn needed to score).
``device``, ``features``, ``columns``
    The device family; the base feature names (checked against the code's feature list on
    loading); the vectorised column names (:func:`vector_keys`), in the order of the arrays below.
``low``, ``high``
    Each column's range in training. A ``"logistic"`` model clips values to it before scoring (a
    linear model must not extrapolate); a tree model's splits lie inside it, so clipping would
    change nothing and is not done.
``mean``, ``scale``, ``coef``, ``intercept``
    ``"logistic"``: standardisation and coefficients, one per column, and the intercept; the
    decision value is ``((x - mean) / scale) @ coef + intercept``. ``"trees"``: ``mean``,
    ``scale`` and ``coef`` are empty and ``intercept`` is the boosting's baseline (log-odds of the
    weighted training labels).
``trees``
    ``"trees"`` only (else ``null``): a list of trees, each an object of five equal-length node
    arrays, node 0 the root: ``feature`` (column index; -1 at a leaf), ``threshold`` (a row goes to
    ``left`` when its value is ``<= threshold``, else to ``right``), ``left``, ``right`` (node
    indices; -1 at a leaf) and ``value`` (the leaf's contribution, learning rate included; 0 at
    an inner node). The decision value is ``intercept`` plus each tree's leaf value, added in
    order.
``calibration_a``, ``calibration_b``
    Platt's sigmoid on the decision value ``d``: ``p = 1 / (1 + exp(a * d + b))``.
``threshold``
    The default ``min_score``.
``provenance``
    How the model was made (annotation files and their hash, counts, the cross-validated figures
    of every model kind that was compared, the chosen settings, library versions).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np

from rhetoric.errors import UsageError

#: A device whose scorer does not reach this precision out of fold at its threshold is not
#: reported by default (issue 10 asks at least 0.70 of every device): its figures are listed
#: only when a ``min_score`` is given (:attr:`ScorerModel.reported_by_default`).
MIN_DEFAULT_PRECISION = 0.70

#: Devices whose figures at the defaults, on the addresses of the held-out folds (text no rule was
#: built on, scorers that never saw it: ``benchmarks/heldout_precision.py``, every figure judged),
#: fall short of :data:`MIN_DEFAULT_PRECISION` with 95% confidence by both standards it reads
#: (the held-out judges' and the training files' verdicts): whatever the cross-validated estimate
#: says, they are not reported by default (:attr:`ScorerModel.reported_by_default`). The estimate
#: on the judged sample of the training pool is the one that did not hold for them.
SHORT_ON_HELD_OUT: dict[str, str] = {
    "alliteration": "8 of 22 default figures TRUE, Wilson 95% interval [0.20, 0.57], by the "
    "held-out judges (session s37); 11 of 22, [0.31, 0.69], with the training files' verdicts; "
    "its nested cross-validated estimate was 0.81",
}

#: Version of the JSON layout above; 1 (linear models only) is still read.
FORMAT = 2
READABLE_FORMATS = (1, 2)


#: The types of most values of a feature record, each a number to :func:`vector_keys`.
_PLAIN_NUMBERS = frozenset({float, int, bool})


def vector_keys(record: dict) -> dict[str, float]:
    """The numeric entries of a feature record, as :class:`~sklearn.feature_extraction.DictVectorizer` names them.

    Numbers and booleans keep their name; a string value ``v`` of feature ``f`` becomes the
    indicator ``"f=v"``, and a tuple of strings one indicator for each.

    >>> vector_keys({"kind": "pair", "n_parts": 2, "same_sentence": True, "why": ("a", "b")})
    {'kind=pair': 1.0, 'n_parts': 2.0, 'same_sentence': 1.0, 'why=a': 1.0, 'why=b': 1.0}
    """
    return dict(vector_entries(record))


def vector_entries(record: dict) -> Iterator[tuple[str, float]]:
    """The entries of :func:`vector_keys`, one ``(name, value)`` at a time (a name once, an
    indicator of a tuple twice only with the same value 1.0): what the design matrix of
    :meth:`ScorerModel.matrix` puts in place without building a dict per record."""
    for name, value in record.items():
        if type(value) in _PLAIN_NUMBERS:  # most entries: no other type test
            yield name, float(value)
        elif isinstance(value, str):
            yield f"{name}={value}", 1.0
        elif isinstance(value, tuple):
            for v in value:
                yield f"{name}={v}", 1.0
        elif value is not None:
            yield name, float(value)


@dataclass(frozen=True)
class ScorerModel:
    """A calibrated scorer of feature records: a linear model or boosted trees (see the layout above).

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
        The range of each column in training; a linear model clips values to it, so a text
        unlike the training texts (a one-line string, a giant document) is not extrapolated.
    mean, scale, coef : list of float
        Standardisation and the logistic-regression coefficients, one per column (empty for
        trees).
    intercept : float
        The linear model's intercept, or the trees' baseline.
    calibration_a, calibration_b : float
        Platt's sigmoid calibration, learned on out-of-fold decision values:
        ``p = 1 / (1 + exp(a * decision + b))``.
    threshold : float
        The default ``min_score``: the lowest calibrated score whose cross-validated precision
        reached the target.
    provenance : dict
        How the model was made: annotation files, counts, cross-validated figures, versions.
    kind : {"logistic", "trees"}
        The decision function.
    trees : list of dict, optional
        The node arrays of each boosted tree (``kind="trees"``).
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
    kind: Literal["logistic", "trees"] = "logistic"
    trees: list[dict] | None = None

    def matrix(self, records: Sequence[dict]) -> np.ndarray:
        """The design matrix of ``records`` (unknown features are ignored): clipped and
        standardised for a linear model, raw for trees."""
        index = self._column_index
        x = np.zeros((len(records), len(self.columns)))
        # the entries of vector_keys(record), put in place at once
        rows, columns, values = [], [], []
        for row, record in enumerate(records):
            for name, value in vector_entries(record):
                column = index.get(name)
                if column is not None:
                    rows.append(row), columns.append(column), values.append(value)
        x[np.asarray(rows, dtype=np.intp), np.asarray(columns, dtype=np.intp)] = values
        if self.kind == "trees":
            return x
        x = np.clip(x, np.asarray(self.low), np.asarray(self.high))
        return (x - np.asarray(self.mean)) / np.asarray(self.scale)

    def decision_function(self, records: Sequence[dict]) -> np.ndarray:
        x = self.matrix(records)
        if self.kind == "trees":
            return self._forest.decision(x, self.intercept)
        return x @ np.asarray(self.coef) + self.intercept

    def predict_proba(self, records: Sequence[dict]) -> np.ndarray:
        """The calibrated probability that each record is a figure a rhetorician would mark."""
        if not records:
            return np.zeros(0)
        return calibrate(self.decision_function(records), self.calibration_a, self.calibration_b)

    def upper_bound(self, records: Sequence[dict]) -> np.ndarray:
        """The highest probability each record could reach whatever the features it lacks.

        Every record names the same features (for instance
        :data:`~rhetoric.scoring.features.QUICK_FEATURES`); a missing feature may take any value
        (a tree follows both branches of a split on it and keeps the larger leaf; a linear model
        adds its coefficient's most favourable value over the training range, to which it clips).
        A figure whose bound is below a threshold is below it with every feature known, so its
        remaining features need not be computed. The bound is raised by a hair
        (:data:`_BOUND_MARGIN`) so that a different order of adding cannot put it under the exact
        score.
        """
        if not records:
            return np.zeros(0)
        if self.calibration_a >= 0:  # a probability that does not rise with the decision value
            return np.ones(len(records))
        known = self._known_columns(frozenset(records[0]))
        x = self.matrix(records)
        if self.kind == "trees":
            decision = self._forest.upper_bound(x, known, self.intercept)
        else:
            coef = np.asarray(self.coef)
            mean, scale = np.asarray(self.mean), np.asarray(self.scale)
            extreme = np.maximum(
                (np.asarray(self.low) - mean) / scale * coef,
                (np.asarray(self.high) - mean) / scale * coef,
            )
            decision = x[:, known] @ coef[known] + self.intercept + float(extreme[~known].sum())
        decision = np.asarray(decision, dtype=float) + _BOUND_MARGIN * (1 + np.abs(decision))
        return calibrate(decision, self.calibration_a, self.calibration_b)

    def _known_columns(self, features: frozenset[str]) -> np.ndarray:
        """Which vectorised columns come from ``features`` (``"f=v"`` comes from ``f``); kept
        per set of features (a scorer is bounded with the same few sets, document after
        document)."""
        found = self._known_columns_of.get(features)
        if found is None:
            found = np.array(
                [name.split("=", 1)[0] in features for name in self.columns], dtype=bool
            )
            found.flags.writeable = False  # shared by every later call
            self._known_columns_of[features] = found
        return found

    @cached_property
    def _known_columns_of(self) -> dict[frozenset[str], np.ndarray]:
        return {}

    @property
    def reported_by_default(self) -> bool:
        """Whether the figures above :attr:`threshold` are reported without a ``min_score``: the
        estimated precision of the figures the threshold keeps on documents it was not chosen on
        reaches :data:`MIN_DEFAULT_PRECISION`. The estimate is the nested one of the provenance
        (``nested_precision``: threshold chosen on four fifths of the documents, measured on the
        fifth; :func:`rhetoric.scoring.train.nested_threshold_check`), else, for a model trained
        before it was recorded, the out-of-fold precision at the threshold (which is
        selection-biased upwards). A scorer that cannot keep even that share of true figures on
        texts it was not trained on would make its device's rate noise; its candidates and scores
        stay available with an explicit ``min_score``. A device of :data:`SHORT_ON_HELD_OUT`, whose
        default figures on held-out addresses fell short of the floor, is not reported by default
        whatever that estimate."""
        if self.device in SHORT_ON_HELD_OUT:
            return False
        cv = self.provenance.get("cv") or {}
        precision = cv.get("nested_precision", cv.get("precision_at_threshold"))
        return precision is None or precision >= MIN_DEFAULT_PRECISION

    @cached_property
    def read_features(self) -> frozenset[str]:
        """The base features whose columns the decision reads: those of the trees' splits, or of
        the linear model's nonzero coefficients. A record without the others gets the same
        decision value, to the last bit (their columns are never compared, or are multiplied by
        zero), so they need not be computed
        (:func:`~rhetoric.scoring.features.figure_features`'s ``wanted``)."""
        if self.kind == "trees":
            read = {k for tree in self.trees or [] for k in tree["feature"] if k >= 0}
        else:
            read = {k for k, c in enumerate(self.coef) if c != 0}
        return frozenset(self.columns[k].split("=", 1)[0] for k in read)

    @cached_property
    def _column_index(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.columns)}

    @cached_property
    def _forest(self) -> Forest:
        return Forest(self.trees or [])

    def to_json(self) -> str:
        """The model as JSON text (the layout above): one line per field, list item or tree, so
        that a retrained model reads and diffs in review."""
        data = asdict(self)
        trees = data.pop("trees")
        text = json.dumps(data, indent=1, sort_keys=False)
        if trees is None:
            listed = "null"
        else:
            listed = "[\n" + ",\n".join("  " + json.dumps(t) for t in trees) + "\n ]"
        return text[: text.rindex("}")].rstrip() + ',\n "trees": ' + listed + "\n}\n"

    @classmethod
    def from_json(cls, text: str) -> ScorerModel:
        data = json.loads(text)
        version = data.get("format", 1)
        if version not in READABLE_FORMATS:
            raise ValueError(
                f"scorer model format {version!r} is not one of {list(READABLE_FORMATS)}; rebuild it"
            )
        data["format"] = FORMAT  # a format-1 file is a logistic model in the current layout
        kind = data.setdefault("kind", "logistic")
        if kind not in ("logistic", "trees"):
            raise ValueError(f"scorer model kind {kind!r} is not one of ['logistic', 'trees']")
        if kind == "trees" and not data.get("trees"):
            raise ValueError("a scorer model of kind 'trees' holds no trees; rebuild it")
        return cls(**data)


class Forest:
    """Boosted trees as flat node arrays, evaluated for every row and tree at once.

    All trees' nodes are stacked into one set of arrays (each tree's child indices shifted by
    its offset); a matrix of current nodes, one per row and tree, descends one level per step
    until every entry sits at a leaf. The leaf values are then added to the baseline tree by
    tree, in order, so that the sum is the one scikit-learn computes, to the last bit.
    """

    def __init__(self, trees: Sequence[dict]):
        if not trees:
            raise ValueError("a forest needs at least one tree")
        sizes = [len(t["feature"]) for t in trees]
        self.roots = np.cumsum([0, *sizes[:-1]]).astype(np.intp)

        def stacked(key: str, dtype) -> np.ndarray:
            return np.concatenate([np.asarray(t[key], dtype=dtype) for t in trees])

        feature, self.threshold, self.value = (
            stacked("feature", np.intp),
            stacked("threshold", float),
            stacked("value", float),
        )
        shift = np.repeat(self.roots, sizes)
        leaf = feature < 0
        # a leaf points to itself, so that a row that reached one stays there
        own = np.arange(len(feature), dtype=np.intp)
        self.left = np.where(leaf, own, stacked("left", np.intp) + shift)
        self.right = np.where(leaf, own, stacked("right", np.intp) + shift)
        self.feature = np.where(leaf, 0, feature)
        self.depth = max(_depth(t) for t in trees)
        # the same arrays as Python lists and numbers, for the node-by-node walk of the bound
        self._root_list = self.roots.tolist()
        self._left_list, self._right_list = self.left.tolist(), self.right.tolist()
        self._feature_list, self._threshold_list = self.feature.tolist(), self.threshold.tolist()
        # the inner nodes, each before its children (breadth first from the roots)
        order, inner = [], self._root_list
        while inner:
            inner = [n for n in inner if self._left_list[n] != n]
            order += inner
            inner = [c for n in inner for c in (self._left_list[n], self._right_list[n])]
        self._inner_bottom_up = order[::-1]
        # per node, the largest leaf value below it
        subtree_max = self.value.tolist()
        for node in self._inner_bottom_up:
            subtree_max[node] = max(
                subtree_max[self._left_list[node]], subtree_max[self._right_list[node]]
            )
        self._subtree_max = subtree_max
        self._reads_known_cache: dict[bytes, list[bool]] = {}

    def leaf_values(self, x: np.ndarray) -> np.ndarray:
        """The value of the leaf each row reaches in each tree, shape ``(rows, trees)``."""
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        rows = np.arange(len(x))[:, None]
        for _ in range(self.depth):
            goes_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(goes_left, self.left[node], self.right[node])
        return self.value[node]

    def upper_bound(self, x: np.ndarray, known: np.ndarray, baseline: float) -> np.ndarray:
        """``baseline`` plus, per tree, the largest leaf a row can reach when the columns not
        ``known`` may take any value; per row. A column that holds one value in every row (a
        feature of the document) is followed like a number, not row by row."""
        constant = {
            int(f): float(x[0, f])
            for f in np.flatnonzero(known)
            if len(x) and np.all(x[:, f] == x[0, f])
        }
        reads_known = self._reads_known(known)
        total = np.full(len(x), float(baseline))
        for root in self._root_list:
            total = total + self._bound(root, x, known, constant, reads_known)
        return total

    def _bound(self, node: int, x: np.ndarray, known: np.ndarray, constant: dict, reads_known):
        """The largest leaf value below ``node`` each row can reach: a number when it is the same
        for every row, else an array. A subtree that splits on no ``known`` column is the
        largest of its leaves (``reads_known``, :meth:`_reads_known`: the same number the
        descent through both branches of every split finds)."""
        if not reads_known[node]:
            return self._subtree_max[node]
        left, right = self._left_list[node], self._right_list[node]
        feature, threshold = self._feature_list[node], self._threshold_list[node]
        if feature in constant:
            return self._bound(
                left if constant[feature] <= threshold else right,
                x,
                known,
                constant,
                reads_known,
            )
        low = self._bound(left, x, known, constant, reads_known)
        high = self._bound(right, x, known, constant, reads_known)
        if not known[feature]:
            return (
                max(low, high)
                if isinstance(low, float) and isinstance(high, float)
                else np.maximum(low, high)
            )
        if isinstance(low, float) and isinstance(high, float) and low == high:
            return low
        return np.where(x[:, feature] <= threshold, low, high)

    def _reads_known(self, known: np.ndarray) -> list[bool]:
        """Per node, whether its subtree splits on a ``known`` column (kept per set of known
        columns: a scorer bounds with the same few sets, the document's and the quick features)."""
        key = known.tobytes()
        found = self._reads_known_cache.get(key)
        if found is None:
            leaf = self.left == np.arange(len(self.left))
            reads = (~leaf & np.asarray(known, dtype=bool)[self.feature]).tolist()
            left, right = self._left_list, self._right_list
            for node in self._inner_bottom_up:
                reads[node] = reads[node] or reads[left[node]] or reads[right[node]]
            found = self._reads_known_cache[key] = reads
        return found

    def decision(self, x: np.ndarray, baseline: float) -> np.ndarray:
        """``baseline`` plus every tree's leaf value, per row."""
        values = self.leaf_values(x)
        # np.cumsum adds left to right (no pairwise summation): the order scikit-learn adds in
        terms = np.concatenate([np.full((len(x), 1), baseline), values], axis=1)
        return np.cumsum(terms, axis=1)[:, -1]


#: Added to a decision value's bound (relative to its size) before calibrating: far above the
#: rounding of a different order of adding, far below any difference a threshold can make.
_BOUND_MARGIN = 1e-9


def _depth(tree: dict) -> int:
    """The longest path from the root to a leaf, in edges."""
    depth, frontier = 0, [0]
    left, right = tree["left"], tree["right"]
    while True:
        frontier = [c for n in frontier for c in (left[n], right[n]) if c >= 0]
        if not frontier:
            return depth
        depth += 1


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
    return _checked(
        ScorerModel.from_json(resource.read_text(encoding="utf-8")), known, name, script
    )


def _checked(model: ScorerModel, known: Iterable[str], name: str, script: str) -> ScorerModel:
    """``model`` once its features are ones the code builds and its numbers are finite."""
    unknown = sorted(set(model.features) - set(known))
    if unknown:
        raise ValueError(
            f"the {name} was trained with features the code no longer builds: {unknown}; "
            f"rebuild it with {script}"
        )
    numbers = [model.intercept, *model.coef, *model.mean, *model.scale]
    for tree in model.trees or []:
        numbers += [*tree["threshold"], *tree["value"]]
    if not _finite(numbers):
        raise ValueError(f"the {name} holds non-finite numbers; rebuild it with {script}")
    return model


#: Environment variable naming a folder of scorer files (``<device>.json``, as
#: ``benchmarks/train_scorers.py --out`` writes them, and ``stance_<family>.json``, as
#: ``benchmarks/train_stance_scorer.py --out`` does) to use instead of the shipped ones: scorers
#: retrained on other judgements, or without the held-out folds' addresses to measure those folds.
SCORERS_ENV = "RHETORIC_SCORERS"


def load_model(device: str) -> ScorerModel | None:
    """The scorer of ``device``: the shipped one (``rhetoric/resources/scorers/<device>.json``,
    ``None`` when there is none), or the one in the folder that ``$RHETORIC_SCORERS`` names
    (read as the variable stands at each call, so that a folder named later replaces every
    scorer, not those not yet loaded; a folder without the device's file is an error, so that
    shipped and retrained scorers never mix unnoticed)."""
    return _load_model(device, os.environ.get(SCORERS_ENV) or None)


@cache
def _load_model(device: str, folder: str | None) -> ScorerModel | None:
    """:func:`load_model` from ``folder`` (``None``: the shipped scorers), read once each."""
    from rhetoric.scoring.features import FEATURES

    name, script = f"{device} scorer", "benchmarks/train_scorers.py"
    if folder:
        return read_folder_model(folder, f"{device}.json", FEATURES, name=name, script=script)
    return read_model(
        ("resources", "scorers", f"{device}.json"), FEATURES, name=name, script=script
    )


def read_folder_model(
    folder: str, file_name: str, known: Iterable[str], *, name: str, script: str
) -> ScorerModel:
    """The model ``file_name`` of the scorer folder ``folder`` (``$RHETORIC_SCORERS``), checked
    as :func:`read_model` checks a shipped one. A folder without it is an error, so that shipped
    and retrained scorers never mix unnoticed."""
    path = Path(folder) / file_name
    if not path.is_file():
        # the user's setting, not a bug: a usage error (exit 2), in one line
        where = "is no folder" if not Path(folder).is_dir() else f"holds no {file_name}"
        raise UsageError(
            f"{SCORERS_ENV}={folder} {where}: a scorer folder replaces every shipped scorer, so "
            f"it holds them all (write {file_name} with {script} --out, or copy the shipped one "
            "from rhetoric/resources/ as the README's scorer section says)"
        )
    model = ScorerModel.from_json(path.read_text(encoding="utf-8"))
    return _checked(model, known, f"{name} in {path}", script)


def folder_file_name(resource: str) -> str | None:
    """The file of a scorer folder that replaces the shipped model ``resource`` (a path under
    ``rhetoric/resources/``): ``scorers/<device>.json`` by ``<device>.json``,
    ``stance/scorer_<family>.json`` by ``stance_<family>.json``; ``None`` for other resources.

    >>> folder_file_name("scorers/tricolon.json"), folder_file_name("stance/scorer_hedge.json")
    ('tricolon.json', 'stance_hedge.json')
    """
    if resource.startswith("scorers/"):
        return resource.removeprefix("scorers/")
    if resource.startswith("stance/scorer_"):
        return "stance_" + resource.removeprefix("stance/scorer_")
    return None
