"""Statistics a reviewer asks for: rates per 1,000 words, bootstrap intervals, permutation tests,
effect sizes, and the log-odds ratio with an informative Dirichlet prior for word contrasts.

Everything is vectorised with NumPy and seeded, so a figure regenerated from the same data gives
the same intervals. Functions take plain arrays or tidy DataFrames (one row per document, or per
document and device) and return numbers or tidy DataFrames with documented columns.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from rhetoric.errors import InputError, UsageError, check_choice, invalid_value
from rhetoric.figures import grouped

#: Largest number of resampled values held in memory at once (rows x documents).
_CHUNK = 2_000_000

Statistic = Literal["mean_diff", "median_diff", "rate_diff"]
Alternative = Literal["two-sided", "greater", "less"]

#: Columns of :func:`bootstrap_rate_ci` after the grouping columns.
RATE_COLUMNS = ["rate", "ci_low", "ci_high", "count", "words", "n_docs"]

#: Columns of :func:`log_odds_ratio`.
LOG_ODDS_COLUMNS = ["term", "count_a", "count_b", "log_odds", "se", "z"]


# --- checks shared by the rates and tests --------------------------------------------------------


def check_interval(ci: float, n_boot: int) -> None:
    """``ci`` is an interval's width in percent and ``n_boot`` a positive number of replicates.

    A width under 1 is refused: ``ci=0.95`` is SciPy's and statsmodels' way of asking for a 95%
    interval, and read as a percentage it would give a 0.95% interval that looks precise.
    """
    if not 0 < ci < 100:
        raise UsageError(f"ci={ci!r} is not valid; give a percentage between 0 and 100, such as 95")
    if ci < 1:
        raise UsageError(
            f"ci={ci!r} would be a {ci}% interval: ci is a percentage; give {ci * 100:g} for a "
            f"{ci * 100:g}% interval"
        )
    if n_boot < 1:
        raise UsageError(f"n_boot={n_boot!r} is not valid; give a positive number of replicates")


def check_counts(data: pd.DataFrame, columns: Iterable[str]) -> None:
    """Counts and word counts are numbers, none missing and none negative.

    A missing count is not a zero: a document without a figure has a count of 0
    (:func:`device_counts` writes them), so a NaN is data lost upstream and is refused rather than
    dropped from some statistics and kept in others.
    """
    for column in columns:
        values = pd.to_numeric(data[column], errors="coerce").to_numpy(dtype=float)
        missing = ~np.isfinite(values)
        if missing.any():
            raise InputError(
                f"column {column!r} has {int(missing.sum())} row(s) without a finite number "
                f"(first at row {data.index[np.argmax(missing)]!r}): give 0 for a document "
                "without a figure, or leave the document out"
            )
        if (values < 0).any():
            raise InputError(
                f"column {column!r} has {int((values < 0).sum())} negative value(s) (first at row "
                f"{data.index[np.argmax(values < 0)]!r}): counts and word counts cannot be negative"
            )


def _plain(value: object) -> object:
    """A NumPy scalar as the Python value it holds (so that its text does not depend on NumPy's
    printing), anything else as it is."""
    return value.item() if isinstance(value, np.generic) else value


def group_rng(
    seed: int | None, columns: Sequence[str], key: Sequence[object]
) -> np.random.Generator:
    """The random generator of one group: drawn from ``seed`` and the group's own column values.

    So a group's interval is the same in every table that holds it (a rate by era and device,
    the same era in a comparison of two eras, a subset of the devices), rather than depending on
    which groups were resampled before it from one shared stream. ``seed=None``: a fresh one.
    """
    if seed is None:
        return np.random.default_rng()
    import zlib

    named = sorted((str(c), repr(_plain(v))) for c, v in zip(columns, key, strict=True))
    return np.random.default_rng([int(seed), zlib.crc32(repr(named).encode("utf-8"))])


def poisson_interval(count: float, words: float, ci: float = 95) -> tuple[float, float]:
    """The exact (Garwood) interval of a rate per 1,000 words from one count over ``words``.

    For a group whose documents cannot be resampled (one document) or whose resamples all agree
    (no figure in any document), the interval of the count's own chance variation: an upper bound above 0
    for a group with no figure, where the percentile bootstrap would give ``[0, 0]``.

    >>> [round(x, 3) for x in poisson_interval(0, 1000)]
    [0.0, 3.689]
    """
    from scipy.stats import chi2

    if not words > 0:
        return math.nan, math.nan
    tail = (1 - ci / 100) / 2
    low = chi2.ppf(tail, 2 * count) / 2 if count > 0 else 0.0
    high = chi2.ppf(1 - tail, 2 * count + 2) / 2
    return float(1000.0 * low / words), float(1000.0 * high / words)


# --- rates --------------------------------------------------------------------------------------


def rate_per_1000(
    counts: float | Sequence[float] | np.ndarray, words: float | Sequence[float] | np.ndarray
):
    """Occurrences per 1,000 words: ``1000 * counts / words``.

    A text of zero words has no rate: the result is ``nan`` there (not an error, not zero).

    Parameters
    ----------
    counts, words : number or array-like
        Occurrence counts and word counts, broadcast against each other.

    Returns
    -------
    float or numpy.ndarray
        A float for scalar input, else an array of floats.

    Examples
    --------
    >>> rate_per_1000(3, 1500)
    2.0
    >>> rate_per_1000([1, 0, 2], [500, 0, 4000]).tolist()
    [2.0, nan, 0.5]
    """
    counts_array = np.asarray(counts, dtype=float)
    words_array = np.asarray(words, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(
            words_array > 0,
            1000.0 * counts_array / np.where(words_array > 0, words_array, 1.0),
            np.nan,
        )
    if rate.ndim == 0:
        return float(rate)
    return rate


def _resample_ratio(
    counts: np.ndarray, words: np.ndarray, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """``n_boot`` bootstrap replicates of ``1000 * sum(counts) / sum(words)``, documents resampled.

    The replicates themselves, for computations that combine them with other draws
    (:func:`rhetoric.compare.corrected_rates`); intervals of the rate alone come from
    :func:`bootstrap_rate_ci`.
    """
    n = len(counts)
    replicates = np.empty(n_boot)
    step = max(1, _CHUNK // max(n, 1))
    for first in range(0, n_boot, step):
        size = min(step, n_boot - first)
        index = rng.integers(0, n, size=(size, n))
        total_words = words[index].sum(axis=1)
        total_counts = counts[index].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            replicates[first : first + size] = np.where(
                total_words > 0, 1000.0 * total_counts / total_words, np.nan
            )
    return replicates


def _pooled_rate(counts: np.ndarray, words: np.ndarray, axis: int = -1) -> np.ndarray:
    total = np.sum(words, axis=axis)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, 1000.0 * np.sum(counts, axis=axis) / total, np.nan)


def _rate_interval(
    counts: np.ndarray, words: np.ndarray, n_boot: int, ci: float, method: str, rng
) -> tuple[float, float]:
    """The bootstrap interval of the pooled rate, documents resampled (scipy.stats.bootstrap).

    Documents without words hold no rate and are not resampled. A group of one document (nothing
    to resample) or whose documents share one rate (none with a figure, say: every resample
    gives that rate) gets the exact Poisson interval of its count (:func:`poisson_interval`).
    """

    from scipy.stats import bootstrap

    has_words = words > 0
    counts, words = counts[has_words], words[has_words]
    rate = float(_pooled_rate(counts, words))
    if not np.isfinite(rate):
        return rate, rate
    if len(counts) < 2 or np.ptp(counts / words) == 0:  # one document, or every rate alike
        return poisson_interval(float(counts.sum()), float(words.sum()), ci)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # degenerate groups (all resamples equal) are handled below
        result = bootstrap((counts, words), _pooled_rate, paired=True, vectorized=True,
                           n_resamples=n_boot, confidence_level=ci / 100, method=method,
                           random_state=rng, batch=max(1, _CHUNK // len(counts)))  # fmt: skip
    low, high = result.confidence_interval
    if not (np.isfinite(low) and np.isfinite(high)):
        replicates = result.bootstrap_distribution[np.isfinite(result.bootstrap_distribution)]
        if len(replicates) and np.ptp(replicates) == 0:
            return float(replicates[0]), float(replicates[0])
    return float(low), float(high)


def bootstrap_rate_ci(
    data: pd.DataFrame,
    *,
    value: str = "count",
    words: str = "n_words",
    by: str | Sequence[str] | None = None,
    n_boot: int = 2000,
    ci: float = 95,
    seed: int | None = 0,
    method: Literal["percentile", "BCa"] = "percentile",
) -> pd.DataFrame:
    """Rates per 1,000 words with bootstrap confidence intervals, per group.

    The rate of a group is the pooled ratio ``1000 * sum(count) / sum(words)`` over its documents
    (long and short texts weigh by their length). The interval resamples *documents* with
    replacement within each group (:func:`scipy.stats.bootstrap`, counts and word counts paired),
    the unit a reviewer expects for text data, since occurrences inside one text are not
    independent. Each group is resampled by its own generator, drawn from ``seed`` and the
    group's values (:func:`group_rng`), so a group has the same interval in every table.

    A group of one document cannot be resampled, and one whose documents share one rate (none
    with a figure, say) resamples to that rate every time: both get the exact Poisson interval
    of the group's count
    (:func:`poisson_interval`), which holds only the count's own chance variation. A percentile
    interval over few documents is too narrow: in a simulation with documents varying as
    addresses do, a nominal 95% interval held the true rate 54% of the time over two documents,
    73% over three, 84% over five and 91% over twelve; read the intervals of groups of a few
    documents (a president's addresses) as a lower bound on the uncertainty.

    Parameters
    ----------
    data : DataFrame
        One row per document within each group: with ``by=["device", ...]``, one row per
        document and device. Documents with no occurrence must be present with a count of 0, or
        the rate is biased upwards (:func:`device_counts` builds such a complete table from
        spans). Counts and word counts must be finite and not negative; with a ``doc_id``
        column, a document repeated within a group (a table of every device without
        ``device`` in ``by``, whose words would be counted once per device) is refused.
    value : str, default "count"
        Column of occurrence counts.
    words : str, default "n_words"
        Column of word counts of the documents.
    by : str or list of str, optional
        Grouping columns (for example ``["device", "group"]``); ``None`` for one overall rate.
    n_boot : int, default 2000
        Bootstrap replicates.
    ci : float, default 95
        Width of the interval in percent.
    seed : int, optional
        Seed of the random generator (``None`` for a fresh one).
    method : {"percentile", "BCa"}, default "percentile"
        Percentile interval (the figures of ``reports/``), or bias-corrected and accelerated.
        A group of one document, or one whose documents share one rate, gets the exact Poisson
        interval of its count (:func:`poisson_interval`) whatever the method.

    Returns
    -------
    DataFrame
        One row per group: the ``by`` columns, then ``rate`` (float, per 1,000 words),
        ``ci_low`` / ``ci_high`` (float, the interval), ``count`` (total occurrences),
        ``words`` (total words) and ``n_docs`` (int). Empty input gives an empty table.

    Examples
    --------
    >>> table = pd.DataFrame({"party": ["a", "a", "b", "b"], "count": [2, 4, 0, 1],
    ...                       "n_words": [1000, 1000, 500, 500]})
    >>> bootstrap_rate_ci(table, by="party", n_boot=200)[["party", "rate", "n_docs"]]
      party  rate  n_docs
    0     a   3.0       2
    1     b   1.0       2
    """
    check_interval(ci, n_boot)
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    for column in [value, words, *keys]:
        if column not in data.columns:
            raise invalid_value("column", column, map(str, data.columns))
    check_choice("method", method, ["percentile", "BCa"])
    check_counts(data, [value, words])
    _check_one_row_per_document(data, keys)
    rows = []
    grouped = data.groupby(keys, sort=True, observed=True, dropna=False) if keys else [((), data)]
    for key, part in grouped:
        counts = part[value].to_numpy(dtype=float)
        lengths = part[words].to_numpy(dtype=float)
        if len(part) == 0:
            continue
        key = key if isinstance(key, tuple) else (key,)
        rng = group_rng(seed, keys, key)
        low, high = _rate_interval(counts, lengths, n_boot, ci, method, rng)
        rows.append(
            (*key, rate_per_1000(counts.sum(), lengths.sum()), float(low), float(high),
             counts.sum(), lengths.sum(), len(part))
        )  # fmt: skip
    table = pd.DataFrame(rows, columns=[*keys, *RATE_COLUMNS])
    return table.astype({"rate": float, "ci_low": float, "ci_high": float, "count": float,
                         "words": float, "n_docs": "int64"})  # fmt: skip


def _check_one_row_per_document(data: pd.DataFrame, keys: list[str]) -> None:
    """With a ``doc_id`` column, each document is one row of its group: a document repeated
    (rows per device, ``device`` not among the groups) would count its words once per row and
    be resampled as several documents."""
    if "doc_id" not in data.columns or data.empty:
        return
    repeated = data.duplicated([*keys, "doc_id"], keep=False)
    if repeated.any():
        first = data.loc[repeated, "doc_id"].iloc[0]
        rows = int((data.loc[repeated, "doc_id"] == first).sum())
        hint = (
            "; add 'device' to by= for a rate per device, or sum the counts over the devices first"
            if "device" in data.columns and "device" not in keys
            else ""
        )
        raise InputError(
            f"doc_id {first!r} has {rows} rows in one group: a rate needs one row per document "
            f"(its words would count {rows} times){hint}"
        )


def device_counts(
    spans: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    doc_id: str = "doc_id",
    words: str = "n_words",
    devices: Iterable[str] | None = None,
    unit: Literal["spans", "instances", "expected"] = "instances",
) -> pd.DataFrame:
    """A complete count table: every document x every device, zeros included, ready for rates.

    Parameters
    ----------
    spans : DataFrame
        A span table (:func:`rhetoric.span.spans_to_frame`): at least ``doc_id`` and ``device``;
        ``group`` is used to count instances.
    documents : DataFrame
        One row per document: ``doc_id``, the word count column, and any metadata (party, year...),
        which is carried into the result. Spans of documents not in it are not counted (a
        warning says how many; when no counted span names one of these documents, as when ids
        were read back as numbers against strings, it is a :class:`UsageError`).
    doc_id : str, default "doc_id"
        Document id column of ``documents`` (the spans' may be ``doc_id`` or the same name).
    words : str, default "n_words"
        Word-count column of ``documents``.
    devices : list of str, optional
        Devices to count (default: those present in ``spans``).
    unit : {"instances", "spans", "expected"}, default "instances"
        Count each figure once (spans sharing a ``group`` are one instance; spans without a group
        are one each), or count every span, or add up each figure's ``score`` (``"expected"``).
        With every candidate scored (``min_score=0``), a figure's score is the estimated
        probability that a rhetorician would mark it, and their sum is the number of figures
        among the candidates a rhetorician would mark, as the scores expect it (probabilistic
        classify-and-count): unlike a count of the figures kept at a threshold, it does not
        depend on how sure the scorer is of a corpus's figures, only on how well its scores are
        calibrated there (README, "Counted or expected"). Over thresholded spans it is
        meaningless: it would add up only the figures above each threshold.

    Returns
    -------
    DataFrame
        One row per document and device: the columns of ``documents``, then ``device`` (str) and
        ``count`` (int; float for ``"expected"``).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d1", "d2"], "n_words": [100, 80]})
    >>> spans = pd.DataFrame({"doc_id": ["d1", "d1", "d1"], "device": ["anaphora"] * 3,
    ...                       "group": ["g1", "g1", "g2"]})
    >>> device_counts(spans, docs)
      doc_id  n_words    device  count
    0     d1      100  anaphora      2
    1     d2       80  anaphora      0
    >>> spans = spans.assign(score=[0.9, 0.9, 0.2])
    >>> device_counts(spans, docs, unit="expected")["count"].round(2).tolist()
    [1.1, 0.0]
    """
    check_choice("unit", unit, ["instances", "spans", "expected"])
    if doc_id not in spans.columns and "doc_id" in spans.columns:
        spans = spans.rename(columns={"doc_id": doc_id})  # a span table names it doc_id always
    if unit == "expected" and "score" not in spans.columns and not spans.empty:
        raise UsageError("unit='expected' adds up the spans' scores, and these spans have none")
    for column in (doc_id, words):
        if column not in documents.columns:
            raise invalid_value("column", column, map(str, documents.columns))
    repeated = documents[doc_id][documents[doc_id].duplicated()]
    if len(repeated):
        raise InputError(
            f"{doc_id} {repeated.iloc[0]!r} names {int((documents[doc_id] == repeated.iloc[0]).sum())} "
            "rows of the documents: each document must be one row (a metadata merge that matched "
            "a document twice would count its figures once per row)"
        )
    device_list = list(
        dict.fromkeys(devices if devices is not None else spans.get("device", pd.Series(dtype=str)))
    )
    if spans.empty:
        counted = pd.Series(dtype="int64")
    else:
        present = spans[spans["device"].isin(device_list)]
        _check_span_documents(present[doc_id], documents[doc_id], doc_id)
        if unit != "spans" and "group" in present.columns:
            # A span without a group (None, NaN or "") is its own instance: key it by its row.
            keys = (
                present["group"]
                .astype(object)
                .where(grouped(present["group"]), "\0row" + present.index.astype(str))
            )
            present = present.assign(_instance=keys)
            if unit == "expected":  # a figure's score is its parts' highest (they share one)
                present = present.assign(
                    score=present.groupby([doc_id, "device", "_instance"])["score"].transform("max")
                )
            present = present.drop_duplicates([doc_id, "device", "_instance"])
        if unit == "expected":
            _warn_if_thresholded(present["score"])
            counted = present.groupby([doc_id, "device"])["score"].sum()
        else:
            counted = present.groupby([doc_id, "device"]).size()
    grid = pd.MultiIndex.from_product(
        [documents[doc_id].tolist(), device_list], names=[doc_id, "device"]
    )
    counts = counted.reindex(grid, fill_value=0).rename("count").reset_index()
    table = documents.merge(counts, on=doc_id, how="inner", sort=False)
    dtype = "float64" if unit == "expected" else "int64"
    return table.astype({"count": dtype}).reset_index(drop=True)


def _check_span_documents(span_ids: pd.Series, document_ids: pd.Series, column: str) -> None:
    """Spans of documents the table does not have are not counted. When no counted span names a
    document of the table, that is a mistake (an id read back as an int against one kept as a
    str would make every count 0): a :class:`UsageError`. When some do not, a warning says how
    many are left out (counting a subset of the documents is a use)."""
    known = set(document_ids.tolist())
    unknown = [v for v in dict.fromkeys(span_ids.tolist()) if v not in known]
    if not unknown:
        return
    shown = ", ".join(repr(v) for v in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
    as_strings = {str(v) for v in known}
    if len(unknown) < len(set(span_ids.tolist())):
        warnings.warn(
            f"{len(unknown)} {column} value(s) of the spans are in no document ({shown}): "
            "their figures are not counted",
            stacklevel=3,
        )
        return
    hint = (
        f"; they match the documents' {column} as strings: give both the same type "
        "(read_csv(..., dtype={'" + column + "': str}))"
        if all(str(v) in as_strings for v in unknown)
        else "; give the documents the spans come from"
    )
    raise UsageError(
        f"no {column} of the spans is in the documents ({shown}): no figure would be counted{hint}"
    )


#: Lowest score under which a span table of every candidate (``min_score=0``) always has some
#: figure; a table whose every score is at least this was most likely thresholded.
_THRESHOLDED_FROM = 0.3


def _warn_if_thresholded(scores: pd.Series) -> None:
    """Warn when expected counts are asked of spans that look thresholded (no score under
    :data:`_THRESHOLDED_FROM`): their sum would leave out every figure under the thresholds."""
    if len(scores) >= 20 and scores.min() >= _THRESHOLDED_FROM:
        warnings.warn(
            f"unit='expected': the lowest score of these {len(scores)} figures is "
            f"{scores.min():.2f}; expected counts add up every candidate's score, so analyse with "
            "min_score=0 (these spans look thresholded)",
            UserWarning,
            stacklevel=3,
        )


# --- tests and effect sizes -----------------------------------------------------------------------


@dataclass(frozen=True)
class PermutationResult:
    """The outcome of :func:`permutation_test`.

    Attributes
    ----------
    statistic : float
        The observed statistic (group ``a`` minus group ``b``).
    pvalue : float
        The permutation p-value, counting the observed labelling, so it is never 0.
    n_permutations : int
        Relabellings used (all of them when ``exact``).
    exact : bool
        Whether every relabelling was enumerated.
    """

    statistic: float
    pvalue: float
    n_permutations: int
    exact: bool


def _as_1d(name: str, values) -> np.ndarray:
    """The values as floats, NaN dropped; an infinite value is refused (no statistic of it is a
    number)."""
    array = np.asarray(values, dtype=float).ravel()
    if np.isinf(array).any():
        raise InputError(f"{name} holds an infinite value: give finite numbers (NaN is dropped)")
    return array[~np.isnan(array)]


def _counts_and_words(name: str, counts, words) -> tuple[np.ndarray, np.ndarray]:
    """One group's counts and word counts for ``rate_diff``: one word count per count, pairs with
    a NaN in either dropped (as NaN values are for the other statistics)."""
    counts = np.asarray(counts, dtype=float).ravel()
    words = np.asarray(words, dtype=float).ravel()
    if len(counts) != len(words):
        raise ValueError(
            f"words_{name} must have one word count per value of {name}: {len(words)} word "
            f"counts for {len(counts)} values"
        )
    if np.isinf(counts).any() or np.isinf(words).any():
        raise InputError(f"{name} or words_{name} holds an infinite value: give finite numbers")
    kept = ~(np.isnan(counts) | np.isnan(words))
    return counts[kept], words[kept]


def _exact_null(difference, n: int, n_a: int, vectorised: bool) -> np.ndarray:
    """Every relabelling's statistic when one group holds a single document (``n`` of them),
    which :func:`scipy.stats.permutation_test` refuses: the lone document is each one in turn."""
    everyone = np.arange(n, dtype=float)
    lone_in_a = n_a == 1
    null = np.empty(n)
    for lone in range(n):
        rest = np.delete(everyone, lone)
        single = np.array([float(lone)])
        i, j = (single, rest) if lone_in_a else (rest, single)
        null[lone] = float(difference(i, j))
    return null


def _statistic_of(statistic, pooled: np.ndarray, weights: np.ndarray | None):
    """``f(index_a, index_b, axis)``: the statistic of two groups given as indices into ``pooled``.

    scipy permutes the indices; the statistic reads values (and, for rates, word counts) through
    them, so one permutation scheme serves every statistic.
    """
    if callable(statistic):
        return lambda i, j: float(statistic(pooled[i.astype(int)], pooled[j.astype(int)]))

    def vectorised(i: np.ndarray, j: np.ndarray, axis: int = -1) -> np.ndarray:
        i, j = i.astype(int), j.astype(int)
        if statistic == "mean_diff":
            return pooled[i].mean(axis=axis) - pooled[j].mean(axis=axis)
        if statistic == "median_diff":
            return np.median(pooled[i], axis=axis) - np.median(pooled[j], axis=axis)
        return _pooled_rate(pooled[i], weights[i], axis) - _pooled_rate(pooled[j], weights[j], axis)

    return vectorised


def permutation_test(
    a: Sequence[float] | np.ndarray,
    b: Sequence[float] | np.ndarray,
    *,
    statistic: Statistic | Callable[[np.ndarray, np.ndarray], float] = "mean_diff",
    n_permutations: int = 9999,
    alternative: Alternative = "two-sided",
    words_a: Sequence[float] | np.ndarray | None = None,
    words_b: Sequence[float] | np.ndarray | None = None,
    seed: int | None = 0,
) -> PermutationResult:
    """Permutation test of a difference between two groups of documents.

    The group labels are shuffled (:func:`scipy.stats.permutation_test`, independent samples);
    the p-value is the share of relabellings with a statistic at least as extreme as the observed
    one, counting the observed labelling itself (Phipson and Smyth 2010), so it is never zero;
    two-sided means at least as large in absolute value. When the number of distinct relabellings
    is at most ``n_permutations`` all of them are enumerated and the test is exact. A group of
    one document is tested exactly too: with ``n`` documents in all there are ``n``
    relabellings, so the smallest p-value is ``1/n``.

    Parameters
    ----------
    a, b : array-like of float
        Values of the two groups (rates per document, or counts with ``statistic="rate_diff"``).
        NaN values are dropped (with ``rate_diff``, a document whose count or word count is NaN);
        an infinite value is an :class:`~rhetoric.errors.InputError`.
    statistic : {"mean_diff", "median_diff", "rate_diff"} or callable
        Difference of means, of medians, or of pooled rates per 1,000 words (then ``a`` and ``b``
        are counts and ``words_a`` / ``words_b`` the word counts); or a function ``f(a, b)``.
        Where the groups' documents differ in length, ``"rate_diff"`` tests length as well as
        use: relabelling moves words between the groups, and a group of shorter documents has
        extreme pooled rates by chance (one figure among twelve short documents against none in
        eighteen long ones gives p < 0.001). To compare device use, test the documents' own
        rates (``mean_diff`` on :func:`rate_per_1000`), as :func:`rhetoric.compare.compare_groups` does.
    n_permutations : int, default 9999
        Random relabellings when the test is not exact.
    alternative : {"two-sided", "greater", "less"}
        ``"greater"`` tests whether ``a`` exceeds ``b``.
    words_a, words_b : array-like, optional
        Word counts, for ``statistic="rate_diff"``.
    seed : int, optional
        Seed of the random generator.

    Returns
    -------
    PermutationResult
        ``statistic``, ``pvalue``, ``n_permutations``, ``exact``. With an empty group the
        statistic and p-value are ``nan``; when the observed statistic is not a number (a group
        of ``rate_diff`` without words) the p-value is ``nan``.

    Examples
    --------
    >>> result = permutation_test([5.1, 6.0, 5.5, 6.2], [1.0, 1.2, 0.9, 1.4])
    >>> result.exact, round(result.statistic, 3), round(result.pvalue, 4)
    (True, 4.575, 0.0286)
    """
    check_choice("alternative", alternative, ["two-sided", "greater", "less"])
    if not callable(statistic):
        check_choice("statistic", statistic, ["mean_diff", "median_diff", "rate_diff"])
    weights = None
    if statistic == "rate_diff":
        if words_a is None or words_b is None:
            raise TypeError(
                "statistic='rate_diff' needs the word counts: pass words_a= and words_b="
            )
        a_arr, kept_words_a = _counts_and_words("a", a, words_a)
        b_arr, kept_words_b = _counts_and_words("b", b, words_b)
        weights = np.concatenate([kept_words_a, kept_words_b])
    else:
        a_arr, b_arr = _as_1d("a", a), _as_1d("b", b)
    n_a, n_b = len(a_arr), len(b_arr)
    if n_a == 0 or n_b == 0:
        return PermutationResult(math.nan, math.nan, 0, False)
    from scipy.stats import permutation_test as scipy_permutation_test

    pooled = np.concatenate([a_arr, b_arr])
    n = n_a + n_b
    index_a, index_b = np.arange(n_a, dtype=float), np.arange(n_a, n, dtype=float)
    difference = _statistic_of(statistic, pooled, weights)
    observed = float(difference(index_a, index_b))
    if not np.isfinite(observed):  # a group without words has no pooled rate
        return PermutationResult(observed, math.nan, 0, False)
    exact = math.comb(n, n_a) <= n_permutations or min(n_a, n_b) == 1
    vectorised = not callable(statistic)
    if alternative == "two-sided":  # as extreme in either direction: |difference|, one tail
        if vectorised:
            tested = lambda i, j, axis=-1: np.abs(difference(i, j, axis))  # noqa: E731
        else:
            tested = lambda i, j: abs(difference(i, j))  # noqa: E731
        side = "greater"
    else:
        tested, side = difference, alternative
    if min(n_a, n_b) == 1:
        null = _exact_null(tested, n, n_a, vectorised)
    else:
        null = scipy_permutation_test(
            (index_a, index_b), tested, permutation_type="independent", vectorized=vectorised,
            n_resamples=np.inf if exact else n_permutations, alternative=side,
            random_state=np.random.default_rng(seed), batch=max(1, _CHUNK // n),
        ).null_distribution  # fmt: skip
    # SciPy counts a relabelling as extreme within a tolerance relative to the observed
    # statistic; a difference of two means is summed from values that may be far larger than it,
    # so its rounding (an ulp of those values) can exceed that tolerance and a tie count as a
    # miss: a p-value then depended on which group came first. Count ties within the rounding
    # of sums of such values instead.
    scale = max(1.0, float(np.max(np.abs(pooled))), float(np.max(np.abs(null))))
    tolerance = 1e-9 * scale
    seen = abs(observed) if alternative == "two-sided" else observed
    if side == "greater":
        hits = int(np.count_nonzero(null >= seen - tolerance))
    else:
        hits = int(np.count_nonzero(null <= seen + tolerance))
    pvalue = hits / len(null) if exact else (hits + 1) / (len(null) + 1)
    return PermutationResult(observed, min(1.0, pvalue), len(null), exact)


def cohens_d(
    a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray, *, hedges: bool = False
) -> float:
    """Cohen's d: the difference of means in units of the pooled standard deviation.

    Parameters
    ----------
    a, b : array-like of float
        The two groups (NaN values dropped).
    hedges : bool, default False
        Apply Hedges' small-sample correction (Hedges' g).

    Returns
    -------
    float
        Positive when ``a`` has the larger mean; ``nan`` when a group has fewer than two values
        or both have no spread.

    Examples
    --------
    >>> cohens_d([2, 4, 6], [1, 3, 5])
    0.5
    """
    a_arr, b_arr = _as_1d("a", a), _as_1d("b", b)
    n_a, n_b = len(a_arr), len(b_arr)
    if n_a < 2 or n_b < 2:
        return math.nan
    pooled_var = ((n_a - 1) * a_arr.var(ddof=1) + (n_b - 1) * b_arr.var(ddof=1)) / (n_a + n_b - 2)
    if pooled_var == 0:
        return math.nan
    d = (a_arr.mean() - b_arr.mean()) / math.sqrt(pooled_var)
    if hedges:
        d *= 1 - 3 / (4 * (n_a + n_b) - 9)
    return float(d)


def cliffs_delta(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> float:
    """Cliff's delta: P(a > b) - P(a < b) over all pairs, a rank effect size in [-1, 1].

    Computed by sorting (O(n log n)), not by comparing every pair. Romano et al. (2006) read
    ``|delta|`` < 0.147 as negligible, < 0.33 small, < 0.474 medium, else large.

    Returns
    -------
    float
        ``nan`` when a group is empty.

    Examples
    --------
    >>> cliffs_delta([3, 4, 5], [1, 2, 3])
    0.888...
    """
    a_arr, b_arr = _as_1d("a", a), np.sort(_as_1d("b", b))
    if len(a_arr) == 0 or len(b_arr) == 0:
        return math.nan
    below = np.searchsorted(b_arr, a_arr, side="left")  # b values smaller than each a
    above = len(b_arr) - np.searchsorted(b_arr, a_arr, side="right")  # b values larger
    return float((below.sum() - above.sum()) / (len(a_arr) * len(b_arr)))


# --- contrasts ------------------------------------------------------------------------------------


def _as_counts(name: str, counts) -> pd.Series:
    if isinstance(counts, pd.Series):
        series = counts
    elif isinstance(counts, Mapping):
        series = pd.Series(counts, dtype=float)
    else:
        raise TypeError(
            f"{name} must be a pandas Series or a mapping of term to count, not {type(counts).__name__}"
        )
    series = series.astype(float)
    if not np.isfinite(series.to_numpy()).all():
        missing = series.index[~np.isfinite(series.to_numpy())]
        raise InputError(
            f"{name}: the count of {missing[0]!r} is not a number ({len(missing)} term(s) in all): "
            "give 0 for a term that does not occur"
        )
    return series.groupby(level=0).sum()


def log_odds_ratio(
    counts_a: pd.Series | Mapping[str, float],
    counts_b: pd.Series | Mapping[str, float],
    *,
    prior: pd.Series | Mapping[str, float] | None = None,
    alpha0: float | None = None,
) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008).

    For each term ``w`` with counts ``y_a``, ``y_b`` in corpora of sizes ``n_a``, ``n_b`` and
    prior pseudo-counts ``alpha_w`` summing to ``alpha0``::

        log_odds = log((y_a + alpha_w) / (n_a + alpha0 - y_a - alpha_w))
                 - log((y_b + alpha_w) / (n_b + alpha0 - y_b - alpha_w))
        se       = sqrt(1 / (y_a + alpha_w) + 1 / (y_b + alpha_w))
        z        = log_odds / se

    The prior shrinks rare terms towards zero, so the ranking by ``z`` is not dominated by words
    seen once. Positive ``z`` marks terms (or devices) typical of ``a``; |z| > 1.96 is the usual
    threshold.

    Parameters
    ----------
    counts_a, counts_b : Series or mapping
        Term -> count in each sub-corpus (terms may be words or device labels).
    prior : Series or mapping, optional
        Background counts (a reference corpus). Default: the pooled counts of ``a`` and ``b``
        (as in the R package tidylo).
    alpha0 : float, optional
        Rescale the prior to this total; default keeps the prior counts as they are.

    Returns
    -------
    DataFrame
        One row per term, sorted by ``z`` descending: ``term`` (str), ``count_a`` / ``count_b``
        (float), ``log_odds`` (float), ``se`` (float), ``z`` (float). Empty input gives an empty
        table.

    Examples
    --------
    >>> table = log_odds_ratio({"war": 30, "peace": 5, "the": 100}, {"war": 4, "peace": 25, "the": 100})
    >>> table["term"].tolist()
    ['war', 'the', 'peace']
    >>> bool(table.loc[table.term == "war", "z"].iloc[0] > 1.96)
    True
    """
    a_series, b_series = _as_counts("counts_a", counts_a), _as_counts("counts_b", counts_b)
    terms = a_series.index.union(b_series.index)
    if len(terms) == 0:
        return pd.DataFrame(columns=LOG_ODDS_COLUMNS).astype(
            {
                "term": object,
                "count_a": float,
                "count_b": float,
                "log_odds": float,
                "se": float,
                "z": float,
            }
        )
    y_a = a_series.reindex(terms, fill_value=0.0).to_numpy()
    y_b = b_series.reindex(terms, fill_value=0.0).to_numpy()
    if (y_a < 0).any() or (y_b < 0).any():
        raise ValueError("counts must not be negative")

    if prior is None:
        alpha = y_a + y_b
    else:
        alpha = _as_counts("prior", prior).reindex(terms, fill_value=0.0).to_numpy()
    alpha = np.where(alpha > 0, alpha, 0.01)  # a term absent from the prior still gets a small one
    if alpha0 is not None:
        if alpha0 <= 0:
            raise UsageError(f"alpha0={alpha0!r} is not valid; give a positive prior total")
        alpha = alpha * (alpha0 / alpha.sum())
    total_alpha = alpha.sum()
    n_a, n_b = y_a.sum(), y_b.sum()
    log_odds = np.log((y_a + alpha) / (n_a + total_alpha - y_a - alpha)) - np.log(
        (y_b + alpha) / (n_b + total_alpha - y_b - alpha)
    )
    se = np.sqrt(1.0 / (y_a + alpha) + 1.0 / (y_b + alpha))
    table = pd.DataFrame(
        {
            "term": terms.astype(str),
            "count_a": y_a,
            "count_b": y_b,
            "log_odds": log_odds,
            "se": se,
            "z": log_odds / se,
        }
    )
    return table.sort_values(["z", "term"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )
