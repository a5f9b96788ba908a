"""``rhetoric attribute`` through add_arguments/run, on a stylo-style folder and on the Federalist."""

from __future__ import annotations

import argparse
import json
import re
import shlex
from pathlib import Path

import pytest

from rhetoric.cli import main
from rhetoric.errors import InputError, UsageError
from rhetoric.stylometry import cli
from rhetoric.stylometry.corpus import read_corpus_folder

A = "whilst the river runs amongst the hills whilst we sleep upon the bank"
B = "while the river runs among the hills while we sleep on the bank"


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _run(argv, capsys):
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    code = cli.run(parser.parse_args(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def folder(tmp_path):
    for i in range(3):
        (tmp_path / f"Alpha_{i}.txt").write_text(A + f" {i}", encoding="utf-8")
        (tmp_path / f"Beta_{i}.txt").write_text(B + f" {i}", encoding="utf-8")
    (tmp_path / "Unknown_x.txt").write_text(A, encoding="utf-8")
    return tmp_path


def test_folder_reader_skips_a_bad_file_with_a_warning(folder):
    (folder / "Broken_bin.txt").write_bytes(b"\x00\x01binary")
    with pytest.warns(UserWarning, match="binary"):
        frame = read_corpus_folder(folder)
    assert sorted(set(frame["label"])) == ["Alpha", "Beta", "Unknown"]


def test_attribute_json_lines_on_a_folder(folder, capsys):
    code, out, err = _run([str(folder), "--train", "Alpha,Beta", "--test", "Unknown", "--method", "burrows",
                           "--mfw", "20", "--json"], capsys)  # fmt: skip
    assert code == 0
    record = json.loads(out.strip())
    assert record["doc_id"] == "Unknown_x" and record["predicted"] == "Alpha"
    assert set(record["proba"]) == {"Alpha", "Beta"} and record["proba"]["Alpha"] > 0.5
    assert err == ""


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("Alpha_bad.txt", b"\x7fELF\x02\x01\x01" + bytes(40), "ELF executable, not a text file"),
        ("_x.txt", A.encode(), "no author name before the first underscore"),
    ],
)
def test_a_skipped_file_is_named_in_one_line_and_the_exit_code_is_1(
    folder, capsys, name, content, reason
):
    # README, exit codes (all subcommands): 1 when an input could not be analysed, named on
    # stderr in one line; the other texts are still attributed (it exited 0, saying "warning:")
    (folder / name).write_bytes(content)
    code, out, err = run(capsys, "attribute", str(folder), "--cv", "loo", "--method", "burrows")
    assert code == 1
    assert "accuracy 1.000" in out and "Alpha" in out
    assert err.splitlines() == [
        f"rhetoric: error: skipped {folder / name}: {reason}",
        "rhetoric: note: left out Unknown: not author names (--train to include them)",
    ]


def test_cv_json_object(folder, capsys):
    code, out, _ = _run(
        [str(folder), "--train", "Alpha,Beta", "--cv", "loo", "--method", "burrows", "--json"],
        capsys,
    )
    record = json.loads(out)
    assert code == 0
    assert list(record) == [
        "method",
        "mfw",
        "cv",
        "mode",
        "n",
        "accuracy",
        "balanced_accuracy",
        "recall",
    ]
    assert record["cv"] == "loo" and record["mode"] == "inductive"
    assert (
        record["n"] == 6
        and record["accuracy"] == 1.0
        and record["recall"] == {"Alpha": 1.0, "Beta": 1.0}
    )


def test_readable_table(folder, capsys):
    code, out, _ = _run([str(folder), "--train", "Alpha,Beta", "--cv", "kfold", "--k", "3"], capsys)
    assert code == 0 and "balanced accuracy" in out and "3-fold (inductive)" in out


def test_bad_label_and_method(folder, capsys):
    with pytest.raises(ValueError, match="did you mean 'Alpha'"):
        _run([str(folder), "--train", "Alpah,Beta", "--cv", "loo"], capsys)
    with pytest.raises(ValueError, match="did you mean 'svm'"):
        _run([str(folder), "--train", "Alpha,Beta", "--method", "svn"], capsys)
    with pytest.raises(ValueError, match="did you mean 'federalist'"):
        _run(["federalst", "--train", "Hamilton"], capsys)
    with pytest.raises(ValueError, match="needs 2 folds or more"):  # it ran 2-fold unsaid
        _run([str(folder), "--cv", "kfold", "--k", "1"], capsys)


def test_federalist_disputed_papers(capsys):
    try:
        code, out, _ = _run(
            ["federalist", "--train", "Hamilton,Madison", "--test", "Disputed", "--json"], capsys
        )
    except FileNotFoundError as error:
        pytest.fail(str(error))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 12
    assert sum(r["predicted"] == "Madison" for r in records) >= 11


def test_without_train_every_other_label_trains(folder, capsys):
    code, out, _ = _run([str(folder), "--test", "Unknown", "--method", "burrows", "--json"], capsys)
    assert code == 0
    assert set(json.loads(out)["proba"]) == {"Alpha", "Beta"}


def test_without_train_validation_leaves_out_unattributed_labels(folder, capsys):
    code, out, err = _run([str(folder), "--cv", "loo", "--method", "burrows", "--json"], capsys)
    assert code == 0
    assert set(json.loads(out)["recall"]) == {"Alpha", "Beta"}
    assert "left out Unknown: not author names" in err


def test_without_train_validation_leaves_out_single_text_authors(folder, capsys):
    (folder / "Gamma_1.txt").write_text((folder / "Alpha_1.txt").read_text())
    code, out, err = _run([str(folder), "--cv", "loo", "--method", "burrows", "--json"], capsys)
    assert code == 0
    assert set(json.loads(out)["recall"]) == {"Alpha", "Beta"}
    assert "left out 1 author(s) with a single text: Gamma" in err


def test_a_russian_folder_is_validated(tmp_path, capsys):
    ivanov = "и он сказал что она не знает и что все так и было"
    petrov = "вот ведь теперь когда даже ему вдруг было ну ли"
    for i in range(3):
        (tmp_path / f"Ivanov_{i}.txt").write_text(f"{ivanov} {ivanov[: 10 * i]}", encoding="utf-8")
        (tmp_path / f"Petrov_{i}.txt").write_text(f"{petrov} {petrov[: 10 * i]}", encoding="utf-8")
    code, out, _ = _run([str(tmp_path), "--cv", "loo", "--json"], capsys)
    assert code == 0 and json.loads(out)["recall"] == {"Ivanov": 1.0, "Petrov": 1.0}


def test_a_folder_without_words_is_one_input_error(tmp_path, capsys):
    for name in ("A_1", "A_2", "B_1", "B_2"):
        (tmp_path / f"{name}.txt").write_text("1 2 3 ... 4", encoding="utf-8")
    assert main(["attribute", str(tmp_path), "--cv", "loo"]) == 1
    err = capsys.readouterr().err
    assert "none of the texts has a word" in err and len(err.strip().splitlines()) == 1


def test_an_empty_test_file_is_left_out_by_name(folder, capsys):
    (folder / "Unknown_empty.txt").write_text("", encoding="utf-8")
    (folder / "Unknown_digits.txt").write_text("1 2 3", encoding="utf-8")
    with pytest.warns(UserWarning, match="left out Unknown_digits, Unknown_empty: no words"):
        code, out, _ = _run([str(folder), "--test", "Unknown", "--json"], capsys)
    assert code == 0 and [json.loads(line)["doc_id"] for line in out.splitlines()] == ["Unknown_x"]


def test_the_json_summary_says_which_validation_ran(folder, capsys):
    argv = [str(folder), "--train", "Alpha,Beta", "--cv", "loo", "--method", "burrows", "--json"]
    _, inductive, _ = _run(argv, capsys)
    _, transductive, _ = _run([*argv, "--transductive"], capsys)
    assert json.loads(inductive)["mode"] == "inductive"
    assert json.loads(transductive)["mode"] == "transductive"


def test_transductive_with_test_is_a_usage_error(folder):
    with pytest.raises(UsageError, match="--transductive applies to validation"):
        _run([str(folder), "--test", "Unknown", "--transductive"], None)


def test_train_may_not_include_the_test_label(folder):
    with pytest.raises(UsageError, match="includes the --test label Alpha"):
        _run([str(folder), "--train", "Alpha,Beta", "--test", "Alpha"], None)
    assert main(["attribute", str(folder), "--train", "Alpha,Beta", "--test", "Alpha"]) == 2


def test_file_names_without_underscore_are_explained(tmp_path, capsys):
    for i in range(3):
        (tmp_path / f"Smith-{i}.txt").write_text(A, encoding="utf-8")
        (tmp_path / f"Jones-{i}.txt").write_text(B, encoding="utf-8")
    with pytest.raises(InputError, match="fewer than two authors") as caught:
        _run([str(tmp_path), "--cv", "loo"], capsys)
    assert "before the first underscore" in str(caught.value)
    assert "--train" not in str(caught.value)


def test_a_file_without_a_label_is_skipped(folder):
    (folder / "_x.txt").write_text(A, encoding="utf-8")
    with pytest.warns(UserWarning, match=r"_x.txt: no author name before the first underscore"):
        frame = read_corpus_folder(folder)
    assert "" not in set(frame["label"]) and "_x" not in set(frame["doc_id"])


def test_one_training_author_is_a_usage_error(folder):
    with pytest.raises(UsageError, match="name two or more"):
        _run([str(folder), "--train", "Alpha", "--test", "Unknown"], None)


def _readme_attribute_examples() -> list[str]:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    examples = [line for line in readme.splitlines()
                if line.startswith("rhetoric attribute ") and "[" not in line]  # fmt: skip
    assert examples, "the README shows no rhetoric attribute example"
    return examples


@pytest.mark.parametrize("line", _readme_attribute_examples())
def test_the_readme_examples_run(line):
    """The README's own ``rhetoric attribute`` examples, through the real command line."""
    assert main(shlex.split(line)[1:]) == 0


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [("", "names no file"), ("/elsewhere/*.txt", "is not relative"),
     ("../*.txt", r"reaches outside the folder \(\.\.\)")],
)  # fmt: skip
def test_a_pattern_outside_the_folder_is_one_usage_line(folder, pattern, reason):
    """The folder reader refuses the patterns the corpus runs refuse (check_pattern), rather
    than a ValueError, a NotImplementedError or the files of the folder above."""
    (folder.parent / "Outside_1.txt").write_text(A, encoding="utf-8")
    with pytest.raises(UsageError, match="^" + re.escape(f"pattern={pattern!r} ") + reason):
        read_corpus_folder(folder, pattern=pattern)


def test_a_pattern_matching_nothing_is_an_input_error(folder):
    with pytest.raises(InputError, match=r"no readable \*\.md files"):
        read_corpus_folder(folder, pattern="*.md")
