"""Comparing groups of documents: parties, eras and historical periods, with intervals and tests.

The notebooks compare presidents' addresses by party, by era and by war or recession years.
This module holds the data those comparisons need (the party of every president in the
corpora, a periodisation of the inaugural addresses) and one function, :func:`compare_groups`,
that puts two groups side by side for every device (or frame): pooled rates or means with
bootstrap intervals, a permutation test, Holm-adjusted p-values and Cliff's delta.
:func:`corrected_rates` gives the same rates corrected for the detectors' precision on the
user's own corpus (a :func:`rhetoric.validation.report`), with intervals that carry both the
sampling of documents and the sampling of judged figures.

Sources
-------
``PARTIES``: the party under which each president was elected, as listed by the US House of
Representatives' "Presidents of the United States" table and the Miller Center biographies.
Washington belonged to no party. John Quincy Adams is listed as Democratic-Republican (the
party label of the 1824 election; he later led the National Republicans). Lincoln's 1864
"National Union" ticket is listed as Republican. Keys are the ``label`` values of
:func:`rhetoric.corpora.load_inaugural` and :func:`rhetoric.corpora.load_state_union`; the State
of the Union corpus spells George H. W. Bush ``Bush``, which is unambiguous for the party.

``ERAS``: four eras of roughly equal size (11-18 inaugural addresses each) with the turning
points scholars of the "rhetorical presidency" use (Tulis 1987; Lim 2002): the early republic to
the eve of the Civil War; the Civil War to the 1920s; the New Deal and the Cold War (from
Franklin Roosevelt's first address, the start of the modern mass-media presidency); and the
addresses from Reagan onwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from rhetoric.errors import InputError, invalid_value
from rhetoric.stats import (
    bootstrap_rate_ci,
    check_counts,
    check_interval,
    cliffs_delta,
    group_rng,
    permutation_test,
    rate_per_1000,
)

#: Party of each president, keyed by the corpus loaders' ``label`` (see the module notes).
PARTIES: dict[str, str] = {
    "Washington": "none",
    "JAdams": "Federalist",
    "Jefferson": "Democratic-Republican",
    "Madison": "Democratic-Republican",
    "Monroe": "Democratic-Republican",
    "JQAdams": "Democratic-Republican",
    "Jackson": "Democratic",
    "VanBuren": "Democratic",
    "WHHarrison": "Whig",
    "Polk": "Democratic",
    "Taylor": "Whig",
    "Pierce": "Democratic",
    "Buchanan": "Democratic",
    "Lincoln": "Republican",
    "Grant": "Republican",
    "Hayes": "Republican",
    "Garfield": "Republican",
    "Cleveland": "Democratic",
    "BHarrison": "Republican",
    "McKinley": "Republican",
    "TRoosevelt": "Republican",
    "Taft": "Republican",
    "Wilson": "Democratic",
    "Harding": "Republican",
    "Coolidge": "Republican",
    "Hoover": "Republican",
    "FDRoosevelt": "Democratic",
    "Truman": "Democratic",
    "Eisenhower": "Republican",
    "Kennedy": "Democratic",
    "Johnson": "Democratic",
    "Nixon": "Republican",
    "Ford": "Republican",
    "Carter": "Democratic",
    "Reagan": "Republican",
    "GHWBush": "Republican",
    "Bush": "Republican",
    "Clinton": "Democratic",
    "GWBush": "Republican",
    "Obama": "Democratic",
    "Trump": "Republican",
    "Biden": "Democratic",
}

#: Eras of the inaugural addresses: ``(name, first year, last year)``, in order (module notes).
ERAS: tuple[tuple[str, int, int], ...] = (
    ("1789-1857", 1789, 1860),
    ("1861-1929", 1861, 1932),
    ("1933-1977", 1933, 1980),
    ("1981-2021", 1981, 2100),
)

#: Columns of :func:`compare_groups` after the ``by`` column.
COMPARE_COLUMNS = [
    "group_a", "group_b", "n_a", "n_b", "value_a", "ci_low_a", "ci_high_a", "value_b",
    "ci_low_b", "ci_high_b", "difference", "ratio", "doc_mean_a", "doc_mean_b", "pvalue",
    "p_holm", "cliffs_delta",
]  # fmt: skip


def party_of(label: str) -> str | None:
    """The party of a president given by a corpus ``label``, or ``None`` when unknown.

    >>> party_of("Lincoln"), party_of("FDRoosevelt"), party_of("Nobody")
    ('Republican', 'Democratic', None)
    """
    return PARTIES.get(label)


def era_of(year: int, eras: Sequence[tuple[str, int, int]] = ERAS) -> str | None:
    """The name of the era holding ``year``, or ``None`` outside every era.

    >>> era_of(1861), era_of(1933), era_of(1700)
    ('1861-1929', '1933-1977', None)
    """
    for name, first, last in eras:
        if first <= int(year) <= last:
            return name
    return None


def era_order(eras: Sequence[tuple[str, int, int]] = ERAS) -> pd.CategoricalDtype:
    """The eras as an ordered categorical type, for sorting and plotting in time order.

    >>> list(era_order().categories)
    ['1789-1857', '1861-1929', '1933-1977', '1981-2021']
    """
    return pd.CategoricalDtype([name for name, _, _ in eras], ordered=True)


def period_table(
    documents: pd.DataFrame, *, year: str = "year", text: str = "text", doc_id: str = "doc_id"
) -> pd.DataFrame:
    """War and recession flags for dated addresses (:mod:`rhetoric.framing.periods`).

    Parameters
    ----------
    documents : DataFrame
        A corpus table with ``doc_id``, ``year`` and ``text`` (the month is read from a date
        line at the head of the text when there is one, else January; a missing text has no
        date line). A missing year is an :class:`~rhetoric.errors.InputError`.

    Returns
    -------
    DataFrame
        One row per document: ``doc_id``, ``year`` (int), ``month`` (int), ``war`` (bool: the
        year is in :data:`~rhetoric.framing.WAR_YEARS`), ``recession`` (bool: an NBER recession
        was under way in the twelve months up to the address). Empty input, empty table.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "year": [1952, 1975], "text": ["x", "y"]})
    >>> period_table(docs)[["war", "recession"]].values.tolist()
    [[True, False], [False, True]]
    """
    from rhetoric.framing.periods import WAR_YEARS, address_month, recession_within

    for column in (doc_id, year, text):
        if column not in documents.columns:
            raise invalid_value("column", column, map(str, documents.columns))
    numbers = pd.to_numeric(documents[year], errors="coerce")
    if numbers.isna().any():
        where = numbers.isna().to_numpy().argmax()
        raise InputError(
            f"document {documents[doc_id].iloc[where]!r} has no year ({year}="
            f"{documents[year].iloc[where]!r}): war and recession years need every address's year"
        )
    years = numbers.astype(int).tolist()
    texts = ["" if not isinstance(t, str) else t for t in documents[text]]
    months = [address_month(t, y) for t, y in zip(texts, years, strict=True)]
    table = pd.DataFrame(
        {
            "doc_id": documents[doc_id].astype(str).tolist(),
            "year": years,
            "month": months,
            "war": [y in WAR_YEARS for y in years],
            "recession": [recession_within(y, m) for y, m in zip(years, months, strict=True)],
        }
    )
    return table.astype({"year": "int64", "month": "int64", "war": bool, "recession": bool})


def chronological_labels(
    data: pd.DataFrame, *, label: str = "label", year: str = "year"
) -> pd.Series:
    """Labels prefixed with their first year (``"1961 Kennedy"``), so they sort in time order.

    >>> data = pd.DataFrame({"label": ["Nixon", "Kennedy", "Nixon"], "year": [1970, 1961, 1974]})
    >>> chronological_labels(data).tolist()
    ['1970 Nixon', '1961 Kennedy', '1970 Nixon']
    """
    for column in (label, year):
        if column not in data.columns:
            raise invalid_value("column", column, map(str, data.columns))
    first = data.groupby(label)[year].transform("min").astype(int)
    return (first.astype(str) + " " + data[label].astype(str)).rename(label)


def holm(pvalues: Iterable[float]) -> np.ndarray:
    """Holm's step-down adjustment of p-values for multiple tests (NaN stays NaN).

    statsmodels' :func:`~statsmodels.stats.multitest.multipletests` (``method="holm"``) over the
    finite p-values, which keep their positions. A p-value outside [0, 1] is an
    :class:`~rhetoric.errors.InputError`.

    >>> holm([0.01, 0.04, 0.03]).round(2).tolist()
    [0.03, 0.06, 0.06]
    """
    from statsmodels.stats.multitest import multipletests

    p = np.asarray(list(pvalues), dtype=float)
    outside = np.isfinite(p) & ((p < 0) | (p > 1))
    if outside.any() or np.isinf(p).any():
        bad = p[outside | np.isinf(p)][0]
        raise InputError(f"p-value {bad!r} is not a probability: p-values lie between 0 and 1")
    adjusted = np.full_like(p, np.nan)
    finite = np.isfinite(p)
    if finite.any():
        adjusted[finite] = multipletests(p[finite], method="holm")[1]
    return adjusted


def _bootstrap_mean(values: np.ndarray, n_boot: int, ci: float, rng) -> tuple[float, float]:
    """Percentile bootstrap interval of a mean (:func:`scipy.stats.bootstrap`); a group of one
    value, or of equal values, gets that value as both ends."""
    import warnings

    from scipy.stats import bootstrap

    if len(values) == 0:
        return np.nan, np.nan
    if len(values) == 1 or np.ptp(values) == 0:
        return float(values[0]), float(values[0])  # nothing varies under resampling
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = bootstrap((values,), np.mean, vectorized=True, n_resamples=n_boot,
                           confidence_level=ci / 100, method="percentile", random_state=rng)  # fmt: skip
    low, high = result.confidence_interval
    return float(low), float(high)


def compare_groups(
    data: pd.DataFrame,
    *,
    group: str,
    a: object,
    b: object,
    by: str = "device",
    value: str = "count",
    words: str | None = "n_words",
    n_boot: int = 2000,
    n_permutations: int = 9999,
    ci: float = 95,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Two groups of documents side by side, for every device (or frame, or any ``by`` value).

    With ``words`` (the default), ``value`` holds counts and each group's value is its pooled
    rate per 1,000 words, with a bootstrap interval that resamples documents
    (:func:`rhetoric.stats.bootstrap_rate_ci`); the permutation test and Cliff's delta compare
    the documents' own rates (the difference of their means: a permutation of the pooled rates'
    difference would also compare the groups' document lengths, and called a single figure in the
    group of shorter documents significant). The pooled rates weigh each document by its length
    and the documents' mean rate weighs each alike, so the two can differ, even in sign, when
    one long document is unlike its group: the table gives both, ``value_*`` (pooled, with
    ``difference``, ``ratio`` and the intervals) and ``doc_mean_*`` (what ``pvalue`` and
    ``cliffs_delta`` compare). Quote an effect beside the test of the same quantity. With
    ``words=None``, ``value`` is a per-document measure (a frame share, say): the groups are
    compared by their means, with bootstrap intervals of the mean and a permutation test of the
    difference of means. P-values are two-sided and adjusted with :func:`holm` over the rows
    whose test can reject: a row whose documents all have the same value (no figure in either
    group) has ``pvalue`` 1 under every relabelling, so it is left out of the family (Tarone
    1990), and its ``p_holm`` is 1.

    Parameters
    ----------
    data : DataFrame
        One row per document and ``by`` value (:func:`rhetoric.stats.device_counts`, or a
        tidy frame table), with the ``group`` column.
    group : str
        Column naming the group of each document (``"party"``, ``"era"``, ``"war"``).
    a, b : object
        The two values of ``group`` to compare (``a`` minus ``b``).
    by : str, default "device"
        One comparison per value of this column.
    value, words : str
        Counts and word counts (rates), or a value with ``words=None`` (means).
    n_boot, n_permutations, ci, seed
        Bootstrap replicates, permutations, interval width (percent) and random seed.

    Returns
    -------
    DataFrame
        One row per ``by`` value: ``by``, ``group_a``, ``group_b``, ``n_a``, ``n_b`` (int,
        documents), ``value_a``, ``ci_low_a``, ``ci_high_a``, ``value_b``, ``ci_low_b``,
        ``ci_high_b`` (float: rate per 1,000 words or mean), ``difference`` (``value_a -
        value_b``), ``ratio`` (``value_a / value_b``, NaN when ``value_b`` is 0),
        ``doc_mean_a``, ``doc_mean_b`` (float: the mean of the documents' own rates, or of
        ``value`` with ``words=None``), ``pvalue``, ``p_holm``, ``cliffs_delta`` (float,
        positive when ``a`` tends to be higher). ``a`` or ``b`` naming no value of ``group`` is a
        :class:`~rhetoric.errors.UsageError` (with a close match); a missing ``by`` value, or a
        missing or negative count, an :class:`~rhetoric.errors.InputError`.

    Examples
    --------
    >>> data = pd.DataFrame({"device": ["anaphora"] * 6, "party": list("aaabbb"),
    ...                      "count": [6, 5, 7, 1, 2, 1], "n_words": [1000] * 6})
    >>> row = compare_groups(data, group="party", a="a", b="b", n_boot=200).iloc[0]
    >>> float(row.value_a), float(row.value_b), float(row.cliffs_delta), round(float(row.pvalue), 2)
    (6.0, 1.333..., 1.0, 0.1)
    """
    columns = [group, by, value] + ([words] if words else [])
    for column in columns:
        if column not in data.columns:
            raise invalid_value("column", column, map(str, data.columns))
    check_interval(ci, n_boot)
    present = [str(v) for v in dict.fromkeys(data[group].dropna().tolist())]
    for name in (a, b):
        if not (data[group] == name).any():
            raise invalid_value(group, name, present)
    part_a, part_b = data[data[group] == a], data[data[group] == b]
    both = pd.concat([part_a, part_b])
    if both[by].isna().any():
        raise InputError(
            f"column {by!r} is missing in {int(both[by].isna().sum())} row(s) of groups {a!r} "
            f"and {b!r}: every row needs the {by} it counts"
        )
    check_counts(both, [value, words] if words else [value])
    rows = []
    keys = list(dict.fromkeys([*part_a[by], *part_b[by]]))
    if words:
        rates = bootstrap_rate_ci(
            pd.concat([part_a, part_b]), value=value, words=words, by=[by, group],
            n_boot=n_boot, ci=ci, seed=seed,
        ).set_index([by, group])  # fmt: skip
    for key in keys:
        one_a, one_b = part_a[part_a[by] == key], part_b[part_b[by] == key]
        values_a = one_a[value].to_numpy(dtype=float)
        values_b = one_b[value].to_numpy(dtype=float)
        if words:
            words_a, words_b = one_a[words].to_numpy(float), one_b[words].to_numpy(float)
            stats = []
            for name, part in ((a, one_a), (b, one_b)):
                if part.empty:
                    stats.append((np.nan, np.nan, np.nan))
                else:
                    row = rates.loc[(key, name)]
                    stats.append((row["rate"], row["ci_low"], row["ci_high"]))
            # the test compares the documents' own rates: permuting (count, words) pairs under
            # the pooled-rate difference also compares the groups' document lengths (one figure
            # in the group of shorter documents came out "significant")
            rates_a, rates_b = rate_per_1000(values_a, words_a), rate_per_1000(values_b, words_b)
            test = permutation_test(rates_a, rates_b, n_permutations=n_permutations, seed=seed)
            delta = cliffs_delta(rates_a, rates_b)
            tested = (rates_a[np.isfinite(rates_a)], rates_b[np.isfinite(rates_b)])
        else:
            stats = [
                (float(np.mean(v)) if len(v) else np.nan,
                 *_bootstrap_mean(v, n_boot, ci, group_rng(seed, [by, group], [key, name])))
                for v, name in ((values_a, a), (values_b, b))
            ]  # fmt: skip
            test = permutation_test(values_a, values_b, n_permutations=n_permutations, seed=seed)
            delta = cliffs_delta(values_a, values_b)
            tested = (values_a, values_b)
        (value_a, low_a, high_a), (value_b, low_b, high_b) = stats
        pooled = np.concatenate(tested)
        rows.append({
            by: key, "group_a": a, "group_b": b, "n_a": len(one_a), "n_b": len(one_b),
            "value_a": value_a, "ci_low_a": low_a, "ci_high_a": high_a,
            "value_b": value_b, "ci_low_b": low_b, "ci_high_b": high_b,
            "difference": value_a - value_b,
            "ratio": value_a / value_b if value_b else np.nan,
            "doc_mean_a": float(tested[0].mean()) if len(tested[0]) else np.nan,
            "doc_mean_b": float(tested[1].mean()) if len(tested[1]) else np.nan,
            "pvalue": test.pvalue, "cliffs_delta": delta,
            "_can_reject": len(pooled) > 0 and np.ptp(pooled) > 0,
        })  # fmt: skip
    table = pd.DataFrame(rows)
    # a row whose documents all share one value cannot reject (p = 1 under every relabelling):
    # left out of Holm's family, so it does not make the others' adjustment more severe
    family = table["_can_reject"].to_numpy(bool)
    adjusted = np.where(table["pvalue"].isna(), np.nan, 1.0)
    adjusted[family] = holm(table.loc[family, "pvalue"])
    table["p_holm"] = adjusted
    return table[[by, *COMPARE_COLUMNS]].astype({"n_a": "int64", "n_b": "int64"})


def rates_by(
    counts: pd.DataFrame,
    by: str | Sequence[str],
    *,
    device: str = "device",
    value: str = "count",
    words: str = "n_words",
    n_boot: int = 1000,
    ci: float = 95,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Pooled device rates per group (president, era...) and how far each is from the corpus rate.

    Parameters
    ----------
    counts : DataFrame
        One row per document and device (:func:`rhetoric.stats.device_counts`).
    by : str or list of str
        Grouping columns besides ``device``.

    Returns
    -------
    DataFrame
        One row per group and device: the ``by`` columns, ``device``, then the columns of
        :func:`rhetoric.stats.bootstrap_rate_ci` (``rate``, ``ci_low``, ``ci_high``, ``count``,
        ``words``, ``n_docs``), ``corpus_rate`` (float, the device's pooled rate over all
        documents) and ``log2_ratio`` (float, the group's count against the count the corpus
        rate predicts for its words, smoothed by half an occurrence:
        ``log2((count + 0.5) / (expected + 0.5))``; +1 is about twice the corpus rate, and a group
        with no occurrence is never above 0, however rare the device).

    Examples
    --------
    >>> counts = pd.DataFrame({"label": ["x", "y"], "device": ["tricolon"] * 2,
    ...                        "count": [4, 1], "n_words": [1000, 1000]})
    >>> rates_by(counts, "label", n_boot=100)[["label", "rate", "log2_ratio"]].round(2).values.tolist()
    [['x', 4.0, 0.58], ['y', 1.0, -1.0]]
    """
    keys = [by] if isinstance(by, str) else list(by)
    table = bootstrap_rate_ci(
        counts, value=value, words=words, by=[*keys, device], n_boot=n_boot, ci=ci, seed=seed
    )
    if table.empty:
        return table.assign(corpus_rate=pd.Series(dtype=float), log2_ratio=pd.Series(dtype=float))
    totals = counts.groupby(device)[[value, words]].sum()
    corpus = rate_per_1000(totals[value].to_numpy(float), totals[words].to_numpy(float))
    table["corpus_rate"] = table[device].map(dict(zip(totals.index, corpus, strict=True)))
    expected = table["corpus_rate"].to_numpy(float) * table["words"].to_numpy(float) / 1000.0
    table["log2_ratio"] = np.log2((table["count"].to_numpy(float) + 0.5) / (expected + 0.5))
    return table


#: Columns of :func:`corrected_rates` after the ``by`` columns and ``device``.
CORRECTED_COLUMNS = [
    "rate", "ci_low", "ci_high", "precision", "precision_low", "precision_high",
    "corrected", "corrected_low", "corrected_high", "n_docs", "judged",
]  # fmt: skip


def _verdicts(column: pd.Series) -> pd.Series:
    """The verdicts as the judgement files are read (case and spaces ignored, so read_csv's
    booleans True / False count too), ``""`` for unjudged; anything else is an error."""
    from rhetoric.validation.judgements import VERDICTS

    verdicts = column.map(lambda v: "" if v is None or v is pd.NA or v != v else str(v))
    verdicts = verdicts.str.strip().str.upper()
    unknown = [v for v in dict.fromkeys(column[~verdicts.isin(["", *VERDICTS])].tolist())]
    if unknown:
        shown = ", ".join(repr(v) for v in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        raise InputError(
            f"verdict(s) {shown} of the validation table are not {', '.join(VERDICTS)} or empty "
            "(unjudged)"
        )
    return verdicts


def _verdict_scores(
    figures: pd.DataFrame, lenient: bool
) -> dict[str, list[tuple[float, np.ndarray]]]:
    """Per device: ``(weight, scores)`` per kind with judgements; weights are the kinds' shares of
    the device's figures (the sample's strata), renormalised over the kinds judged."""
    values = {"TRUE": 1.0, "BORDERLINE": 0.5 if lenient else 0.0, "FALSE": 0.0}
    figures = figures.assign(verdict=_verdicts(figures["verdict"]))
    table: dict[str, list[tuple[float, np.ndarray]]] = {}
    for name, one in figures.groupby("device", sort=True):
        # a figure without a kind is a kind of its own, not dropped (its verdict still counts)
        kinds = one.groupby("kind", dropna=False) if "kind" in one.columns else [("", one)]
        parts = []
        for _, part in kinds:
            scores = part["verdict"].map(values).dropna().to_numpy(float)
            if len(scores):
                parts.append((float(len(part)), scores))
        total = sum(w for w, _ in parts)
        table[name] = [(w / total, s) for w, s in parts]
    return table


def corrected_rates(
    counts: pd.DataFrame,
    validation: object,
    *,
    by: str | Sequence[str],
    device: str = "device",
    value: str = "count",
    words: str = "n_words",
    lenient: bool = False,
    n_boot: int = 2000,
    ci: float = 95,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Device rates per 1,000 words, raw and corrected for precision, with intervals for both.

    A detector that finds 8 figures per 1,000 words at a precision of 0.5 finds about 4 that a
    rhetorician would mark. The corrected rate is ``rate x precision``; its interval carries the
    uncertainty of both: each bootstrap replicate resamples the documents of the group (as
    :func:`rhetoric.stats.bootstrap_rate_ci` does) *and* draws each kind's precision from its
    judged figures, and multiplies the two. The precision draw is the parametric bootstrap of the
    judged sample: Beta(TRUE + 1/2, judged - TRUE + 1/2), Jeffreys' interval for a proportion
    (Brown, Cai & DasGupta 2001), so that six FALSE judgements still leave room for a precision
    above zero, where resampling the six verdicts would give a zero-width interval. A group whose
    documents cannot be resampled (one document, or all at one rate, as with no figure) draws its
    rate from Gamma(count + 1/2) over its words instead, so a group without a figure still has
    an upper bound. Intervals are widened, where needed, to hold the point estimate. A device's precision weights its kinds by their
    share of the device's figures (the strata of :func:`rhetoric.validation.sample`), so a kind
    sampled more heavily than its share does not pull the estimate; kinds with no judgement are
    left out of the weights. One precision per device serves every group: the correction scales
    the groups alike, so a ratio between groups is unchanged and a difference shrinks with it.

    Parameters
    ----------
    counts : DataFrame
        One row per document and device, zeros included (:func:`rhetoric.stats.device_counts`),
        with the ``by`` columns.
    validation : ValidationReport or DataFrame
        :func:`rhetoric.validation.report` (its ``figures``), or a figure table with ``device``,
        ``kind`` and ``verdict`` (TRUE, BORDERLINE or FALSE, in any case, as the judgement
        files are read; ``""`` or missing for unjudged figures, which count for the weights
        only; any other verdict is an error).
    by : str or list of str
        Grouping columns of ``counts`` (``"party"``, ``"era"``).
    lenient : bool, default False
        Count a BORDERLINE as half a TRUE.
    n_boot, ci, seed
        Bootstrap replicates, interval width (percent), random seed. The raw interval is that
        of :func:`rhetoric.stats.bootstrap_rate_ci` (the same as :func:`rates_by`'s for the same
        groups and seed); the corrected one multiplies resampled rates by drawn precisions,
        replicate by replicate, and so resamples the documents itself, with the same scheme.

    Returns
    -------
    DataFrame
        One row per group and device: the ``by`` columns, ``device``, ``rate``, ``ci_low``,
        ``ci_high`` (float, raw rate and its interval), ``precision``, ``precision_low``,
        ``precision_high`` (float, the device's precision and its bootstrap interval),
        ``corrected``, ``corrected_low``, ``corrected_high`` (float), ``n_docs`` and ``judged``
        (int). A device with no judged figure has NaN precision and corrected values.
        ``attrs["ci"]`` holds ``ci``, the width of the intervals (for
        :func:`rhetoric.viz.validation.raw_and_corrected`).

    Examples
    --------
    >>> counts = pd.DataFrame({"party": ["a", "a", "b", "b"], "device": ["anaphora"] * 4,
    ...                        "count": [4, 6, 2, 2], "n_words": [1000] * 4})
    >>> judged = pd.DataFrame({"device": ["anaphora"] * 4, "kind": ["clause"] * 4,
    ...                        "verdict": ["TRUE", "TRUE", "FALSE", "BORDERLINE"]})
    >>> table = corrected_rates(counts, judged, by="party", n_boot=200)
    >>> table[["party", "rate", "precision", "corrected"]].values.tolist()
    [['a', 5.0, 0.5, 2.5], ['b', 2.0, 0.5, 1.0]]
    """
    from rhetoric.stats import _resample_ratio

    keys = [by] if isinstance(by, str) else list(by)
    for column in [*keys, device, value, words]:
        if column not in counts.columns:
            raise invalid_value("column", column, map(str, counts.columns))
    figures = getattr(validation, "figures", validation)
    if not isinstance(figures, pd.DataFrame) or not {"device", "verdict"} <= set(figures.columns):
        raise TypeError(
            "validation must be a rhetoric.validation.report() result or a table with device, kind and verdict"
        )
    check_interval(ci, n_boot)
    scores = _verdict_scores(figures, lenient)
    # the raw rates and their intervals are those of every rate of the package (and of rates_by)
    raw = bootstrap_rate_ci(counts, value=value, words=words, by=[*keys, device], n_boot=n_boot,
                            ci=ci, seed=seed).set_index([*keys, device])  # fmt: skip
    rng = np.random.default_rng(seed)
    tail = (100 - ci) / 2
    precision_draws: dict[str, tuple[float, np.ndarray, int]] = {}
    for name, parts in scores.items():
        if not parts:
            continue
        estimate = sum(w * s.mean() for w, s in parts)
        draws = np.zeros(n_boot)
        for w, s in parts:
            successes = s.sum()
            draws += w * rng.beta(successes + 0.5, len(s) - successes + 0.5, size=n_boot)
        precision_draws[name] = (float(estimate), draws, int(sum(len(s) for _, s in parts)))
    rows = []
    for key, part in counts.groupby([*keys, device], sort=True, observed=True, dropna=False):
        name = key[-1]
        n_counts, n_words = part[value].to_numpy(float), part[words].to_numpy(float)
        rate = rate_per_1000(n_counts.sum(), n_words.sum())
        low, high = raw.loc[key, ["ci_low", "ci_high"]]
        # the corrected interval multiplies rate replicates by precision draws one by one, so it
        # needs joint replicates of its own; drawn from this generator for every group, as they
        # always were, so that the corrected intervals do not change
        replicates = _resample_ratio(n_counts, n_words, n_boot, rng)
        usable = n_words > 0
        if usable.sum() < 2 or np.ptp(n_counts[usable] / n_words[usable]) == 0:
            # nothing to resample (one document, or every document at one rate, as a group with
            # no figure): the count's own chance variation instead, Jeffreys' Gamma(count + 1/2)
            # as for the precision, from the group's own generator (the raw interval is Poisson)
            own = group_rng(seed, [*keys, device], key)
            replicates = (
                1000.0 * own.gamma(n_counts.sum() + 0.5, size=n_boot) / max(n_words.sum(), 1)
            )
        row = dict(zip([*keys, device], key, strict=True))
        row.update(rate=rate, ci_low=float(low), ci_high=float(high), n_docs=len(part))
        if name in precision_draws:
            estimate, draws, judged = precision_draws[name]
            p_low, p_high = np.percentile(draws, [tail, 100 - tail])
            c_low, c_high = np.nanpercentile(replicates * draws, [tail, 100 - tail])
            p_low, p_high = min(p_low, estimate), max(p_high, estimate)
            c_low, c_high = min(c_low, rate * estimate), max(c_high, rate * estimate)
            row.update(precision=estimate, precision_low=float(p_low), precision_high=float(p_high),
                       corrected=rate * estimate, corrected_low=float(c_low), corrected_high=float(c_high),
                       judged=judged)  # fmt: skip
        else:
            row.update(precision=np.nan, precision_low=np.nan, precision_high=np.nan,
                       corrected=np.nan, corrected_low=np.nan, corrected_high=np.nan, judged=0)  # fmt: skip
        rows.append(row)
    table = pd.DataFrame(rows, columns=[*keys, device, *CORRECTED_COLUMNS])
    table = table.astype({"n_docs": "int64", "judged": "int64"})
    table.attrs["ci"] = ci  # the width of the intervals, for a figure's axis label
    return table
