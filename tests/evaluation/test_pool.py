"""The training, development and reserved sets of :mod:`rhetoric.evaluation.pool`."""

import json

import pytest

from rhetoric.errors import DataNotFoundError
from rhetoric.evaluation.pool import development_documents, reserved_documents, training_documents


def _home(tmp_path):
    """A data home with two addresses, beside which the gold folder may be put."""
    home = tmp_path / "data"
    texts = home / "inaugural" / "texts"
    texts.mkdir(parents=True)
    for name in ("2017-Trump.txt", "1961-Kennedy.txt", "1933-Roosevelt.txt"):
        (texts / name).write_text("Ask not.\n", encoding="utf-8")
    return home


def _gold(home, reserved=True, public=True):
    gold = home.parent / "gold"
    gold.mkdir()
    if reserved:
        (gold / "RESERVED.md").write_text("- `inaugural/texts/2017-Trump.txt`\n", encoding="utf-8")
    if public:
        record = {"doc": "inaugural/texts/1961-Kennedy.txt", "device": "chiasmus", "quote": "x"}
        (gold / "devices_public.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return gold


def test_the_training_pool_leaves_out_reserved_and_development_texts(tmp_path):
    home = _home(tmp_path)
    _gold(home)
    assert training_documents(home) == ["inaugural/texts/1933-Roosevelt.txt"]


def test_without_the_gold_folder_the_sets_are_an_error_not_empty(tmp_path):
    """Without the gold folder the reserved texts would silently join the training pool."""
    home = _home(tmp_path)
    for sets in (training_documents, reserved_documents):
        with pytest.raises(DataNotFoundError, match="RESERVED.md") as error:
            sets(home)
        assert "beside the data home" in str(error.value) and "RHETORIC_DATA" in str(error.value)
    with pytest.raises(DataNotFoundError, match="gold"):
        development_documents(home)


@pytest.mark.parametrize(
    ("reserved", "public", "what"), [(False, True, "RESERVED.md"), (True, False, "public sets")]
)
def test_a_gold_folder_without_its_reserved_list_or_public_sets_is_an_error(
    tmp_path, reserved, public, what
):
    home = _home(tmp_path)
    _gold(home, reserved=reserved, public=public)
    with pytest.raises(DataNotFoundError, match=what):
        training_documents(home)
