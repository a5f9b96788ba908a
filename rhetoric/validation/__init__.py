"""Validate the automated coding on your own corpus: sample figures, judge them, measure.

The loop, in four calls::

    sheet = validation.sample(result, corpus, per_stratum=25, seed=1)   # figures with context
    validation.judging_page(sheet, "judge.html")                        # or judge_widget / CSV
    judged = validation.read_judgements("judgements.jsonl")             # exported by the page
    report = validation.report(judged, result)                          # precision, agreement

Modules: :mod:`~rhetoric.figures` (spans grouped into figures),
:mod:`~rhetoric.validation.sampling`, :mod:`~rhetoric.validation.judgements` (the record format,
JSON Lines and CSV), :mod:`~rhetoric.validation.precision` (matching, Wilson intervals),
:mod:`~rhetoric.validation.agreement` (Krippendorff's alpha, Cohen's kappa),
:mod:`~rhetoric.validation.page` (the offline judging page), :mod:`~rhetoric.validation.widget`
(JupyterLab), :mod:`~rhetoric.validation.rubric` (the rubric shown to coders).
"""

from __future__ import annotations

from rhetoric.figures import FIGURE_COLUMNS, group_figures, with_context
from rhetoric.validation.agreement import (
    coding_matrix,
    disagreements,
    krippendorff_alpha,
    pairwise_kappa,
)
from rhetoric.validation.examples import load_example_judgements
from rhetoric.validation.judgements import (
    JUDGEMENT_COLUMNS,
    SHEET_COLUMNS,
    VERDICTS,
    read_judgements,
    write_judgements,
)
from rhetoric.validation.page import judging_page
from rhetoric.validation.precision import match_judgements, precision_table, wilson_interval
from rhetoric.validation.report import ValidationReport, report
from rhetoric.validation.rubric import load_rubric
from rhetoric.validation.sampling import sample
from rhetoric.validation.widget import JudgingWidget, judge_widget

__all__ = [
    "FIGURE_COLUMNS", "JUDGEMENT_COLUMNS", "SHEET_COLUMNS", "VERDICTS", "JudgingWidget",
    "ValidationReport", "judge_widget",
    "coding_matrix", "disagreements", "group_figures", "judging_page", "krippendorff_alpha",
    "load_example_judgements", "load_rubric", "match_judgements", "pairwise_kappa", "precision_table", "read_judgements",
    "report", "sample", "wilson_interval", "with_context", "write_judgements",
]  # fmt: skip
