"""The validation report: precision with intervals, calibration, agreement between coders, disagreements.

:func:`report` is the last of the four calls of the validation loop (sample, judge, read,
report). It matches the judgements to the figures of the corpus result (or, without a result,
takes each judged figure as it is), and returns a :class:`ValidationReport` that shows itself
as tables in JupyterLab and as text elsewhere.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

import pandas as pd

from rhetoric.errors import InputError
from rhetoric.figures import group_figures
from rhetoric.validation.agreement import UNIT, disagreements, krippendorff_alpha, pairwise_kappa
from rhetoric.validation.judgements import read_judgements
from rhetoric.validation.precision import (
    NOT_DEVICES,
    match_judgements,
    precision_table,
)
from rhetoric.validation.results import corpus_texts, files_of, span_table


@dataclass
class ValidationReport:
    """What :func:`report` returns.

    Attributes
    ----------
    precision : DataFrame
        :func:`rhetoric.validation.precision.precision_table` by the report's ``by`` columns.
    figures : DataFrame
        Every figure with its verdict (``""``: not judged), from
        :func:`~rhetoric.validation.precision.match_judgements`.
    annotators : list of str
        The coders, in order of appearance.
    alpha : float
        Krippendorff's alpha (nominal) over the units two or more coders judged; NaN with one
        coder.
    kappa : DataFrame
        Cohen's kappa per pair of coders (:func:`~rhetoric.validation.agreement.pairwise_kappa`).
    disagreements : DataFrame
        The units coders judged differently, for adjudication.
    calibration : DataFrame
        Whether the scores are calibrated on this corpus (:func:`calibration_table`): per device
        and pooled, the judged figures' scores added up against their TRUE verdicts. Empty when
        the figures carry no score (a report without the corpus result).
    """

    precision: pd.DataFrame
    figures: pd.DataFrame
    annotators: list[str]
    alpha: float
    kappa: pd.DataFrame
    disagreements: pd.DataFrame
    calibration: pd.DataFrame = field(default_factory=pd.DataFrame)

    def _counts(self) -> str:
        """How many figures, and how many judged: in all, and of the rhetorical devices (the
        rows ``all`` pool those; stance and frames have rows of their own)."""
        figures = self.figures
        judged = figures["verdict"] != ""
        devices = ~figures["device"].isin([*NOT_DEVICES, "frame"])
        text = f"{len(figures)} figures, {int(judged.sum())} judged"
        if not devices.all():
            text += (
                f" ({int(devices.sum())} of devices, {int((judged & devices).sum())} judged: "
                "the rows 'all' pool these)"
            )
        return text

    def _whose(self) -> str:
        """With two or more coders, whose verdicts the precision counts: one verdict per figure
        (:func:`~rhetoric.validation.precision.match_judgements`), the others' only for
        agreement. Empty with one coder."""
        if len(self.annotators) < 2:
            return ""
        used = self.figures.loc[self.figures["verdict"] != "", "annotator"].value_counts()
        used = [(name, int(used[name])) for name in self.annotators if name in used]
        if len(used) == 1:
            name, n = used[0]
            others = ", ".join(a for a in self.annotators if a != name)
            return (
                f"precision: the verdicts of {name} ({n} figures); those of {others} are used for "
                "agreement only"
            )
        counts = ", ".join(f"{name} {n}" for name, n in used)
        return (
            f"precision: the verdict of each figure's first coder ({counts} figures); the other "
            "coders' verdicts of a figure are used for agreement only (--annotator NAME: one "
            "coder's)"
        )

    def __str__(self) -> str:
        lines = [f"coders: {', '.join(self.annotators) or 'none'}", self._counts()]
        lines += [self._whose()] if self._whose() else []
        if self.precision.empty:
            return "\n".join([*lines, "no judged figures yet"])
        shown = self.precision.copy()
        for column in shown.select_dtypes("float").columns:
            shown[column] = shown[column].round(3)
        lines += ["", shown.to_string(index=False)]
        if not self.calibration.empty:
            lines += ["", "calibration (the judged figures' scores added up against TRUE):",
                      self.calibration.round(3).to_string(index=False)]  # fmt: skip
        if len(self.annotators) > 1:
            lines += ["", f"Krippendorff's alpha (nominal): {self.alpha:.3f}", self.kappa.round(3).to_string(index=False),
                      f"{len(self.disagreements)} disagreements"]  # fmt: skip
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        whose = f"<br>{escape(self._whose())}" if self._whose() else ""
        parts = [f"<p>coders: {escape(', '.join(self.annotators)) or 'none'}; "
                 f"{escape(self._counts())}{whose}</p>",
                 self.precision.to_html(index=False, float_format="{:.3f}".format)]  # fmt: skip
        if not self.calibration.empty:
            parts += ["<p>calibration (the judged figures' scores added up against TRUE):</p>",
                      self.calibration.to_html(index=False, float_format="{:.3f}".format)]  # fmt: skip
        if len(self.annotators) > 1:
            parts += [f"<p>Krippendorff's alpha (nominal): {self.alpha:.3f}</p>",
                      self.kappa.to_html(index=False, float_format="{:.3f}".format)]  # fmt: skip
        return "\n".join(parts)


def calibration_table(figures: pd.DataFrame, by: Sequence[str] = ("device",)) -> pd.DataFrame:
    """Whether the figures' scores are calibrated where they were judged.

    A score is the estimated probability that a rhetorician would mark the figure, so over any
    set of figures chosen without looking at their verdicts (a sample, a device, an outlet) the
    scores should add up to about the number judged TRUE. Where they do, expected counts
    (``rhetoric.stats.device_counts(..., unit="expected")``) can be trusted on this corpus; where
    they add up to more (``ratio`` above 1), the scorer is surer than its figures deserve here.

    Parameters
    ----------
    figures : DataFrame
        Figures with ``verdict`` (``""``: not judged) and ``score`` (:func:`report`'s ``figures``).
    by : sequence of str, default ("device",)
        Grouping columns; a row ``device="all"`` pools the rhetorical devices (frames and
        stance left out, as in the precision table).

    Returns
    -------
    DataFrame
        The ``by`` columns, ``judged`` (int), ``true`` (int, strict), ``expected`` (float: the
        sum of their scores), ``mean_score``, ``precision`` (TRUE / judged) and ``ratio``
        (expected / true; NaN without a TRUE figure). Empty when no judged figure has a score.

    Examples
    --------
    >>> figures = pd.DataFrame({"device": ["tricolon"] * 4, "score": [0.9, 0.8, 0.7, 0.6],
    ...                         "verdict": ["TRUE", "TRUE", "FALSE", "TRUE"]})
    >>> calibration_table(figures)[["device", "judged", "true", "expected", "ratio"]].round(2).values.tolist()
    [['tricolon', 4, 3, 3.0, 1.0], ['all', 4, 3, 3.0, 1.0]]
    """
    by = list(by)
    columns = [*by, "judged", "true", "expected", "mean_score", "precision", "ratio"]
    if "score" not in figures.columns:
        return pd.DataFrame(columns=columns)
    judged = figures[(figures["verdict"] != "") & figures["score"].notna()]
    judged = judged[judged["device"] != "frame"]
    if judged.empty:
        return pd.DataFrame(columns=columns)
    judged = judged.assign(true=(judged["verdict"] == "TRUE").astype(int))
    # the pooled row holds the rhetorical devices, as the precision table's does (stance is no
    # device: its own row only)
    devices = judged[~judged["device"].isin(NOT_DEVICES)]
    parts = [judged, devices.assign(device="all")] if "device" in by else [judged]
    table = (
        pd.concat(parts, ignore_index=True)
        .groupby(by, sort=False)
        .agg(judged=("true", "size"), true=("true", "sum"), expected=("score", "sum"))
        .reset_index()
    )
    return table.assign(
        mean_score=table["expected"] / table["judged"],
        precision=table["true"] / table["judged"],
        ratio=table["expected"] / table["true"].where(table["true"] > 0),
    )[columns]


def report(
    judgements: pd.DataFrame | str | os.PathLike | Iterable[str | os.PathLike],
    result: object | None = None,
    texts: object | None = None,
    *,
    by: Sequence[str] = ("device", "kind"),
    annotator: str | None = None,
) -> ValidationReport:
    """Precision per device and kind with Wilson intervals, and agreement between coders.

    Parameters
    ----------
    judgements : DataFrame, path or list of paths
        Judgements of one or more coders (:func:`~rhetoric.validation.judgements.read_judgements`).
    result : CorpusResult, Analysis, DataFrame or path, optional
        The corpus result the sample was drawn from (anything
        :func:`rhetoric.validation.sample` takes). Its figures are matched to the judgements, so
        a figure outside the sample counts as unjudged. Without it, each judged figure is taken
        as it is.
    texts : DataFrame or mapping, optional
        The corpus table (for metadata columns in ``by``) or ``{doc_id: text}``.
    by : sequence of str, default ("device", "kind")
        Grouping of the precision table; metadata columns of ``texts`` may be used.
    annotator : str, optional
        Whose verdicts make the precision (default: the first coder of each figure, in file
        order; the report says whose verdicts it counted). A coder's second verdict on a figure
        is a revision: the later one counts, with a warning where they differ
        (:func:`~rhetoric.validation.precision.match_judgements`).

    Returns
    -------
    ValidationReport
    """
    if not isinstance(judgements, pd.DataFrame):
        judgements = read_judgements(judgements)
    annotators = list(dict.fromkeys(judgements["annotator"]))
    if result is None:
        figures = judgements.drop_duplicates(UNIT)[UNIT].reset_index(drop=True)
    else:
        spans = span_table(result)
        has_texts = (
            texts is not None
            or hasattr(result, "device_spans")
            or isinstance(result, str | os.PathLike)
        )
        source = corpus_texts(result, texts, spans)[0] if has_texts else None
        if source is None and files_of(result):
            # a corpus result in memory, run over files: their texts give each figure its whole
            # text (first part to last); files changed since the run leave the first parts' text
            try:
                source = corpus_texts(result, None, spans)[0]
            except InputError:
                source = None
        figures = group_figures(spans, source)
    if texts is not None and isinstance(texts, pd.DataFrame):
        metadata = texts.drop(
            columns=[c for c in ("text", "clean_text", "path") if c in texts.columns]
        )
        metadata = metadata.assign(doc=metadata["doc_id"].astype(str))
        shadowed = [c for c in by if c in metadata.columns and c in figures.columns and c != "doc"]
        if shadowed:
            warnings.warn(
                f"the corpus table's column {shadowed[0]!r} has the name of a figure column: the "
                f"figures' own {shadowed[0]!r} groups the precision, not the table's; rename it in the corpus table "
                f"(say to 'doc_{shadowed[0]}') to use it",
                UserWarning,
                stacklevel=2,
            )
        figures = figures.merge(metadata.drop(columns=[c for c in metadata if c in figures and c != "doc"]),
                                on="doc", how="left")  # fmt: skip
    matched = match_judgements(figures, judgements, annotator=annotator)
    several = len(annotators) > 1
    return ValidationReport(
        # weighted by the kinds' shares only where those are known: the result counts every
        # figure (without it, the judged figures are all the report sees)
        precision=precision_table(matched, by, weighted=result is not None),
        figures=matched,
        annotators=annotators,
        alpha=krippendorff_alpha(judgements) if several else float("nan"),
        kappa=pairwise_kappa(judgements),
        disagreements=disagreements(judgements),
        calibration=calibration_table(matched, [c for c in by if c != "kind"] or ["device"]),
    )
