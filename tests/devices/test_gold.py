"""The gold floors of every detector, from one run of all detectors over the gold documents.

Target (issue 3): at least 90% of the positive items matched for every device label, and no
negative item violated. The gold file is read at test time from beside the data home.
"""

from __future__ import annotations

import pytest

from rhetoric.devices import DEVICES
from rhetoric.evaluation.gold import default_gold_path, evaluate_gold


@pytest.fixture(scope="module")
def gold_result(data_home):
    gold = default_gold_path(data_home)
    assert gold.is_file(), f"gold file expected beside the data home at {gold}"
    return evaluate_gold(gold, data_home)


@pytest.mark.parametrize("device", DEVICES)
def test_positives_matched_and_no_negative_violated(gold_result, device):
    summary, items = gold_result
    row = summary.set_index("device").loc[device]
    failures = items[(items["device"] == device) & ~items["ok"]][
        ["polarity", "quote", "hits", "min_hits", "detail"]
    ]
    assert row["positives"] > 0 and row["negatives"] > 0
    assert row["matched"] >= 0.9 * row["positives"], failures.to_string()
    assert row["violated"] == 0, failures.to_string()


def test_every_device_finds_something_beyond_the_gold(gold_result):
    summary, _ = gold_result
    spans = summary.set_index("device")["spans"]
    assert (spans.drop("total") > 0).all()
    assert spans["total"] == spans.drop("total").sum()
