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


#: Annotation files that judge the development set or PTC dev (measured on, never trained on).
MEASUREMENT_FILES = {
    "judged_public_devices.jsonl", "judged_public_stance.jsonl", "second_judge_devices.jsonl",
    "frames_ptc_dev.jsonl", "ptc_dev_judged_devices.jsonl", "frames_second_coder.jsonl",
    "judge_calibration_38.jsonl",
}  # fmt: skip


def test_the_annotation_files_never_name_a_reserved_text_and_train_only_on_the_pool(data_home):
    """Every record of ``corpus/annotations``: no reserved document anywhere; outside the
    measurement files no development document and no PTC dev article; and no PTC record of a
    training file carries the article's words (offsets and verdicts only)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "corpus" / "annotations"
    reserved, development = reserved_documents(data_home), development_documents(data_home)
    files = sorted(folder.glob("*.jsonl"))
    assert len(files) >= 20 and MEASUREMENT_FILES <= {f.name for f in files}
    seen = 0
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record, where = json.loads(line), f"{file.name}:{number}"
            doc = record["doc"]
            seen += 1
            assert doc not in reserved, where
            if file.name in MEASUREMENT_FILES:
                continue
            assert doc not in development and not doc.startswith("ptc/dev-articles/"), where
            if doc.startswith("ptc/"):
                assert not {"text", "quote", "context"} & set(record), where
    assert seen > 10_000


def test_no_annotation_record_keeps_a_stretch_of_a_ptc_article(data_home, benchmarks):
    """PTC text is not redistributable: a PTC record of any annotation file (measurement files
    too) has no ``text`` and its reason quotes no stretch of the article of 25 characters or more
    (968 records did: judges quoted the figure, or whole sentences, in their reasons)."""
    from pathlib import Path

    from rhetoric.text import decode

    redact = benchmarks("redact_ptc_text")
    folder = Path(__file__).resolve().parents[2] / "corpus" / "annotations"
    articles, checked = {}, 0
    for file in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), 1):
            if not line.strip() or '"ptc/' not in line:
                continue
            record = json.loads(line)
            doc = record["doc"]
            if not doc.startswith("ptc/"):
                continue
            if doc not in articles:
                articles[doc] = decode((data_home / doc).read_bytes())[0]
            assert redact.clean(record, articles[doc]) == record, f"{file.name}:{number}"
            checked += 1
    assert checked > 5000
    # the rule itself: a long stretch goes, a few words of the figure stay
    article = "They are wrong, and they know that they are wrong about the law."
    assert redact.redact("'they know that they are wrong' twice", article) == "'[…]' twice"
    assert redact.redact("stock pair 'the law'", article) == "stock pair 'the law'"


def test_every_annotator_of_every_file_is_named_in_the_annotations_readme(benchmarks):
    """About 1,150 training records named annotators the README never mentioned (judge-6, -7,
    -8), and 217 gold-style items named none."""
    annotators = benchmarks("annotators")
    readme = annotators.README.read_text(encoding="utf-8")
    assert annotators.readme_block(readme) == annotators.table()
    assert "`None`" not in annotators.table()
