"""The judgements shipped for the validation example (``corpus/validation``; see its README).

They are the project's judgements, one annotator per figure, made for notebook 06: not gold data.
"""

from __future__ import annotations

from importlib import resources
from typing import Literal

import pandas as pd

from rhetoric.errors import check_choice
from rhetoric.validation.judgements import read_judgements

#: The example sets and their files.
EXAMPLES = {
    "federalist": "federalist_helper-validation.jsonl",
    "public_speeches": "public_speeches_helper-validation.jsonl",
}


def load_example_judgements(name: Literal["federalist", "public_speeches"]) -> pd.DataFrame:
    """The shipped example judgements ``name`` as a judgement table.

    ``"federalist"``: stratified samples of figures in the Federalist papers of Hamilton and
    Madison (``doc`` is the corpus ``doc_id``): the detectors' figures of an earlier version, and
    those of the current sample that no earlier judgement covered, each figure judged once as
    described (a figure whose kind was renamed since, a refrain of two close copies now an
    emphatic repeat, was judged again under its new kind). ``"public_speeches"``: figures of the public
    precision set judged again, blind, for the agreement example (``doc`` a path under the data
    home).

    Examples
    --------
    >>> table = load_example_judgements("federalist")
    >>> sorted(set(table["annotator"]))[:3], bool(table["annotator"].ne("").all()), len(table) > 50
    (['helper-validation', 'judge-fed-27', 'judge-fed-27b'], True, True)
    >>> bool(table.duplicated(["doc", "device", "kind", "start", "end"]).any())  # one coder per figure
    False
    """
    check_choice("name", name, EXAMPLES)
    folder = resources.files("rhetoric.corpus").joinpath("validation")
    with resources.as_file(folder.joinpath(EXAMPLES[name])) as path:
        return read_judgements(path).drop(columns="file")
