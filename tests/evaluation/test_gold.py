"""Gold items whose quote is not in their document are refused, never scored as silent misses."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from rhetoric.cli import main
from rhetoric.errors import InputError
from rhetoric.evaluation.gold import check_quotes, load_gold, score_gold
from rhetoric.span import Span

DOC = "state_union/texts/1996-Clinton.txt"
TEXT = "We shall fight. We shall win. Peace or war."


def _gold(polarity, quote, min_hits=1):
    return pd.DataFrame({"doc": ["d"], "device": ["anaphora"], "polarity": [polarity],
                         "quote": [quote], "min_hits": [min_hits], "note": [""]})  # fmt: skip


def _score(gold):
    span = Span(start=0, end=29, device="anaphora", kind="clause", text=TEXT[:29])
    return score_gold(gold, {"d": TEXT}, {"d": 9}, {"d": [span]}, devices=["anaphora"])


def test_score_gold_scores_quotes_that_occur():
    summary, items = _score(pd.concat([_gold("positive", "We shall", 2), _gold("negative", "war")]))
    assert items["ok"].tolist() == [True, True]
    assert summary.set_index("device").loc["anaphora", "matched"] == 1


def test_score_gold_scores_only_the_devices_run():
    """`evaluate devices --devices X --verbose` listed every item of the other devices as a
    miss, since their spans were never detected."""
    gold = pd.concat([_gold("positive", "We shall", 2), _gold("positive", "Peace or war")])
    gold["device"] = ["anaphora", "antithesis"]
    summary, items = _score(gold)
    assert items["device"].tolist() == ["anaphora"] and items["ok"].all()
    assert summary["device"].tolist() == ["anaphora", "all"]


@pytest.mark.parametrize(
    ("polarity", "quote", "min_hits", "expected"),
    [
        ("positive", "We will", 1, "the quote of a positive anaphora gold item, 'We will', does not occur"),
        ("negative", "peace", 1, "the not_quote of a negative anaphora gold item, 'peace', does not occur"),
        ("positive", "Peace or war", 2, "occurs 1 time, fewer than its min_hits 2"),
    ],
)  # fmt: skip
def test_score_gold_refuses_a_quote_not_in_its_document(polarity, quote, min_hits, expected):
    """A positive whose quote is not in its document was a silent miss, a negative silently
    unviolated: now a ValueError naming the document and the quote."""
    gold = _gold(polarity, quote, min_hits)
    with pytest.raises(ValueError, match="^d: ") as error:
        _score(gold)
    assert isinstance(error.value, InputError) and expected in str(error.value)


def test_check_quotes_names_the_gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc": "d", "device": "anaphora", "quote": "nowhere"}) + "\n")
    with pytest.raises(InputError, match=f"^{path}: d: the quote .*'nowhere', does not occur"):
        check_quotes(load_gold(path), {"d": TEXT})


@pytest.mark.parametrize("target", ["devices", "tradeoff"])
def test_a_gold_quote_not_in_its_document_is_one_line_and_exit_1(
    data_home, tmp_path, capsys, target
):
    path = tmp_path / "gold.jsonl"
    items = [
        {"doc": DOC, "device": "anaphora", "quote": "the"},
        {"doc": DOC, "device": "tricolon", "quote": "no such words in this address"},
    ]
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    assert main(["evaluate", target, "--gold", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"rhetoric: error: {path}: {DOC}: the quote of a positive tricolon gold item, "
        "'no such words in this address', does not occur in the document (quotes are exact and "
        "case-sensitive); correct the quote or the doc\n"
    )


@pytest.mark.parametrize("min_hits", ["two", 1.5, 0, -1, True, None, [2]])
def test_a_min_hits_that_is_not_a_whole_number_is_an_input_error_naming_file_and_line(
    tmp_path, min_hits
):
    path = tmp_path / "gold.jsonl"
    good = {"doc": DOC, "device": "anaphora", "quote": "We shall"}
    bad = {**good, "min_hits": min_hits}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:2: min_hits .* is not a whole number"):
        load_gold(path)


def test_min_hits_given_as_a_whole_number_is_read(tmp_path):
    path = tmp_path / "gold.jsonl"
    items = [{"doc": DOC, "device": "anaphora", "quote": "We shall", "min_hits": m}
             for m in (2, 3.0, "4")]  # fmt: skip
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    assert load_gold(path)["min_hits"].tolist() == [2, 3, 4]


@pytest.mark.parametrize(
    ("record", "said"),
    [
        ({"doc": DOC, "device": "chiasmus", "quote": None}, "quote must be a non-empty string"),
        ({"doc": DOC, "device": "chiasmus", "quote": 5}, "quote must be a non-empty string"),
        ({"doc": 123, "device": "chiasmus", "quote": "x"}, "doc must be a non-empty string"),
        ({"doc": DOC, "device": None, "quote": "x"}, "device must be a non-empty string"),
        ({"doc": DOC, "device": "Chiasmus", "quote": "x"}, "device 'Chiasmus' is no label"),
        ({"doc": DOC, "device": "metaphor", "not_quote": "x"}, "device 'metaphor' is no label"),
    ],
)
def test_a_gold_item_that_cannot_be_one_is_named_with_its_line(tmp_path, capsys, record, said):
    """Such items exited 70 (a bug) or were silently left out of every row."""
    path = tmp_path / "gold.jsonl"
    lines = [{"doc": DOC, "device": "anaphora", "quote": "x"}, record]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    with pytest.raises(InputError, match=f"^{path}:2: .*{said}"):
        load_gold(path)
    assert main(["evaluate", "devices", "--gold", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and said in err[0]


def test_gold_items_of_stance_words_are_left_out_with_a_warning(tmp_path):
    path = tmp_path / "misses.jsonl"
    lines = [{"doc": DOC, "device": "anaphora", "quote": "x"},
             {"doc": DOC, "device": "stance", "quote": "y"}, {"doc": DOC, "device": "stance", "quote": "z"}]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    with pytest.warns(UserWarning, match="2 items of stance words left out"):
        gold = load_gold(path)
    assert gold["device"].tolist() == ["anaphora"]


def test_one_gold_document_named_two_ways_is_one_name(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [{"doc": DOC, "device": "anaphora", "quote": "x"}, {"doc": "./" + DOC, "device": "tricolon", "quote": "y"}]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    assert load_gold(path)["doc"].tolist() == [DOC, DOC]


def test_evaluate_devices_with_an_empty_devices_option_is_a_usage_error(capsys):
    assert main(["evaluate", "devices", "--devices", "", "--gold", "x.jsonl"]) == 2
    assert "names no device" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command", [["devices", "--gold", "x.jsonl"], ["precision", "--judged", "x.jsonl"], ["ptc"]]
)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_verbose_with_a_machine_format_is_a_usage_error_not_ignored(capsys, command, fmt):
    """--verbose was silently ignored with --format json or csv."""
    assert main(["evaluate", *command, "--verbose", "--format", fmt]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"--format {fmt} prints the rows only" in err[0]
