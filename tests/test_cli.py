from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rhetoric.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _seed_file() -> Path:
    """The bundled seed article's file, resolved."""
    from rhetoric.corpora import load_seed

    return Path(load_seed()["path"].iloc[0]).resolve()


def test_analyze_without_path_reports_the_seed_article(capsys, data_home):
    code, out, err = run(capsys, "analyze")
    assert code == 0, err
    # named by a path to the bundled file (corpus/moscow_kabul_via_islamabad.txt from the root)
    assert Path(out.split("\n", 1)[0].removeprefix("== ")).resolve() == _seed_file()
    assert "words" in out and "removed as page furniture" in out and "comment form" in out
    assert "Traceback" not in out + err


def test_json_contract_on_the_seed(capsys, data_home, seed_text):
    code, out, _ = run(capsys, "analyze", "--json")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert list(record)[:5] == ["doc", "n_words", "removed", "devices", "frames"]
    assert record["n_words"] > 1500
    assert {r["reason"] for r in record["removed"]} >= {"comment form", "teaser of another article"}
    assert record["stance"] and {s["device"] for s in record["stance"]} == {"stance"}
    assert "stance" not in {d["device"] for d in record["devices"]}
    for item in record["removed"] + record["devices"] + record["stance"]:
        assert seed_text[item["start"] : item["end"]] == item["text"]
    for device in record["devices"]:
        assert set(device) >= {
            "device",
            "kind",
            "start",
            "end",
            "text",
            "group",
            "score",
            "evidence",
        }
        assert device["group"] is None or isinstance(device["group"], str)
    trailer = min(r["start"] for r in record["removed"])
    assert all(d["end"] <= trailer for d in record["devices"]), (
        "nothing may be found in the removed trailer"
    )


def _corpus_files(data_home: Path) -> list[Path]:
    files = []
    for pattern in (
        "federalist/texts/*.txt",
        "inaugural/texts/*.txt",
        "state_union/texts/*.txt",
        "ptc/*-articles/*.txt",
    ):
        files.extend(sorted(data_home.glob(pattern)))
    return files


def test_json_on_every_file_of_the_corpora_slices_back(capsys, data_home):
    from rhetoric.text import decode

    files = _corpus_files(data_home)
    assert len(files) > 700
    code, out, err = run(capsys, "analyze", "--json", *map(str, files))
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == len(files)
    for path, line in zip(files, lines, strict=True):
        record = json.loads(line)
        assert record["doc"] == str(path)  # input order
        text = decode(path.read_bytes())[0]
        for item in record["removed"] + record["devices"]:
            assert text[item["start"] : item["end"]] == item["text"], (path, item)


@pytest.fixture
def bad_inputs(tmp_path):
    (tmp_path / "good.txt").write_text("We shall not fail. We shall not falter.", encoding="utf-8")
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 society, caf\xe9 politics.".encode("latin-1"))
    (tmp_path / "folder").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("missing.txt", 1, "no such file"),
        ("folder", 1, "is a folder, not a text file"),
        ("binary.bin", 1, "binary file"),
    ],
)
def test_bad_paths_give_one_line_and_exit_1(capsys, bad_inputs, name, code, message):
    status, out, err = run(capsys, "analyze", "--json", str(bad_inputs / name))
    assert status == code
    assert out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("rhetoric: error: ")


def test_empty_file_is_a_valid_empty_result(capsys, bad_inputs):
    status, out, err = run(capsys, "analyze", "--json", str(bad_inputs / "empty.txt"))
    assert status == 0
    assert json.loads(out) == {
        "doc": str(bad_inputs / "empty.txt"),
        "n_words": 0,
        "removed": [],
        "devices": [],
        "frames": [],
        "stance": [],
    }
    assert "no words" in err


def test_invalid_utf8_is_decoded_with_a_warning(capsys, bad_inputs):
    status, out, err = run(capsys, "analyze", "--json", str(bad_inputs / "latin1.txt"))
    assert status == 0
    assert json.loads(out)["n_words"] == 4
    assert "not valid UTF-8" in err and "Traceback" not in err


def test_one_bad_file_does_not_lose_the_others(capsys, bad_inputs):
    paths = [
        bad_inputs / "good.txt",
        bad_inputs / "binary.bin",
        bad_inputs / "missing.txt",
        bad_inputs / "empty.txt",
    ]
    status, out, err = run(capsys, "analyze", "--json", *map(str, paths))
    assert status == 1
    docs = [json.loads(line)["doc"] for line in out.splitlines()]
    assert docs == [str(paths[0]), str(paths[3])]
    assert len(err.strip().splitlines()) == 3  # binary, missing, and the empty-file note


def test_huge_file_is_refused_with_the_limit(capsys, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"The long speech goes on. " * 2_000_000)  # 50 MB
    status, out, err = run(capsys, "analyze", "--json", str(path))
    assert status == 1 and out == ""
    assert "50.0 MB" in err and "--max-mb" in err


def test_unknown_device_is_a_usage_error_with_suggestion(capsys):
    status, _, err = run(capsys, "analyze", "--devices", "antithessis")
    assert status == 2 and "did you mean 'antithesis'" in err


def test_version_is_printed(capsys):
    status, out, _ = run(capsys, "--version")
    assert status == 0 and out.startswith("rhetoric ")


def test_a_mistyped_option_or_command_is_answered_with_the_closest_one(capsys):
    status, out, err = run(capsys, "analyze", "x.txt", "--formt", "json")
    assert status == 2 and out == ""
    assert "unrecognized arguments: --formt json (did you mean '--format'?)" in err
    status, _, err = run(capsys, "analyse", "x.txt")
    assert status == 2 and "invalid choice: 'analyse'" in err and "(did you mean 'analyze'?)" in err
    status, _, err = run(capsys, "evaluate", "precison")
    assert status == 2 and "(did you mean 'precision'?)" in err


def test_an_option_of_another_command_is_said_with_the_usage_of_the_command_typed(capsys):
    status, out, err = run(capsys, "validate", "report", "j.jsonl", "--format", "csv")
    assert status == 2 and out == ""
    assert err.startswith("rhetoric validate report: error:") and err.count("\n") == 1
    assert "unrecognized arguments: --format csv" in err and "did you mean" not in err


def test_paths_may_follow_the_options(capsys, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("We shall fight. We shall win. We shall endure.", encoding="utf-8")
    second.write_text("Never, never, never give in.", encoding="utf-8")
    status, out, err = run(capsys, "analyze", str(first), "--no-frames", str(second))
    assert status == 0, err
    assert f"== {first}\n" in out and f"== {second}\n" in out


def test_html_page_is_written_and_one_line_printed(capsys, tmp_path, data_home):
    page = tmp_path / "seed.html"
    status, out, err = run(capsys, "analyze", "--html", str(page))
    assert status == 0, err
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "</html>" in html
    assert out == f"wrote {page} (1 document)\n"  # the page, not the whole text report


def test_html_with_json_keeps_stdout_json_lines(capsys, tmp_path, data_home):
    page = tmp_path / "seed.html"
    status, out, err = run(capsys, "analyze", "--json", "--html", str(page))
    assert status == 0 and page.is_file()
    [doc] = [json.loads(line)["doc"] for line in out.splitlines()]
    assert doc.endswith("moscow_kabul_via_islamabad.txt") and Path(doc).resolve() == _seed_file()
    assert f"wrote {page}" in err


def test_help_lists_every_device_and_explains_every_option(capsys, alliteration_off):
    from rhetoric.cli import build_parser
    from rhetoric.devices import DEVICES

    status, out, _ = run(capsys, "analyze", "--help")
    assert status == 0
    listed = out.split("devices (names for --devices):", 1)[1]
    assert all(f"\n  {device} " in listed for device in DEVICES)
    # --min-score names the devices left out by default (read from their scorers)
    from rhetoric.devices import reported_by_default

    min_score = " ".join(out.split("--min-score P", 2)[2].split("--", 1)[0].split())
    off = [d for d in DEVICES if not reported_by_default(d)]
    assert off == [alliteration_off] and alliteration_off in min_score, min_score
    # every argument of every subcommand says what it does; --data-home and --format are spelled
    # one way, and every subcommand that reads the data home takes --data-home
    needs_data_home = {"analyze", "analyze-corpus", "status", "fetch", "devices", "ptc", "chiasmus",
                       "precision", "report", "attribute", "reports"}  # fmt: skip
    seen, with_data_home = 0, set()
    for argv in (["evaluate", "ptc"], ["evaluate", "chiasmus"], ["evaluate", "precision"],
                 ["evaluate", "report"], ["attribute"], ["validate"]):  # fmt: skip
        stack = [build_parser(argv)]
        while stack:
            current = stack.pop()
            for action in current._actions:
                if isinstance(action, argparse._SubParsersAction):
                    stack.extend(action.choices.values())
                elif action.dest != "help":
                    seen += 1
                    name = action.option_strings[0] if action.option_strings else action.dest
                    assert action.help, f"{current.prog} {name} has no help"
                    if action.dest == "data_home":
                        assert action.metavar == "DIR" and "RHETORIC_DATA" in action.help
                        with_data_home.add(current.prog.split()[-1])
                    if action.dest == "format":
                        assert (
                            action.choices == ("table", "json", "csv") and action.default == "table"
                        )
    assert seen > 60
    assert needs_data_home <= with_data_home, needs_data_home - with_data_home


def test_report_says_how_many_frames_its_table_leaves_out(capsys, tmp_path, data_home):
    path = tmp_path / "many.txt"
    path.write_text(
        "The economy and taxes and jobs. The military and defense and war. Health care and "
        "hospitals and disease. Crime and police and prisons. The court and the law and the "
        "judge. Immigrants and the border. Schools and teachers and education. Faith and church "
        "and prayer. Polls and voters and the election.\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "analyze", str(path))
    assert status == 0
    shown = out[out.index("frames, ranked") :].splitlines()
    more = re.search(
        r"\((\d+) more frames with hits: --format json or --html lists them all\)", out
    )
    assert more and int(more.group(1)) >= 1, shown
    status, out, _ = run(capsys, "analyze", str(path), "--format", "json")
    frames = json.loads(out)["frames"]
    assert len([f for f in frames if f["hits"]]) == 5 + int(more.group(1))


def test_report_counts_figures_and_aligns_the_frame_table(capsys, data_home):
    status, out, _ = run(capsys, "analyze", "--min-score", "0")
    assert status == 0
    assert "devices, in figures:" in out
    header = out.index("frames, ranked")
    table = out[header:].splitlines()[1:6]
    # the seed article (news) has one dominant frame, listed first
    assert re.match(r"\s+security_and_defense\s+1\s", table[1]), table
    # the score and hits columns end at the same place on every row
    ends = {(line.index("score") + 5) for line in table[:1]}
    for line in table[1:]:
        numbers = re.search(r"\s(\d+\.\d{3})\s+(\d+)\s", line)
        ends.add(numbers.end(1))
    assert len(ends) == 1, table


def test_html_page_of_several_documents_has_a_section_each(capsys, tmp_path, data_home):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Not because it is easy, but because it is hard.", encoding="utf-8")
    second.write_text("We shall fight, we shall fight, we shall never surrender.", encoding="utf-8")
    page = tmp_path / "both.html"
    status, out, err = run(capsys, "analyze", "--html", str(page), str(first), str(second))
    assert status == 0 and "warning" not in err, err
    html = page.read_text(encoding="utf-8")
    assert html.count('<section id="doc-') == 2
    assert html.index("first.txt</h2>") < html.index("second.txt</h2>")
    assert "easy" in html and "surrender" in html  # the texts, split by span markup


@pytest.mark.parametrize("good", [1, 2])
def test_html_page_lists_the_inputs_not_analysed(capsys, tmp_path, data_home, good):
    """A page over several inputs, one missing, looked like the whole corpus: the terminal said
    the file was missing, the page (read later, or by someone else) did not."""
    paths = []
    for number in range(good):
        path = tmp_path / f"good{number}.txt"
        path.write_text(
            "We shall fight, we shall fight, we shall never surrender.", encoding="utf-8"
        )
        paths.append(str(path))
    missing = tmp_path / "gone.txt"
    page = tmp_path / "page.html"
    status, out, err = run(capsys, "analyze", "--html", str(page), *paths, str(missing))
    assert status == 1 and f"{missing}: no such file" in err
    assert "1 input not analysed, listed on the page" in out
    html = page.read_text(encoding="utf-8")
    assert html.count('class="rh-failed"') == 1
    assert f"<li>{missing}: no such file</li>" in html  # the name once, then the reason
    assert html.count("surrender") == good


def test_data_status_lists_every_corpus(capsys, data_home):
    status, out, _ = run(capsys, "data", "status")
    assert status == 0
    for name in ("seed", "federalist", "inaugural", "state_union", "ptc", "nltk_data"):
        assert any(line.split()[:2] == [name, "present"] for line in out.splitlines()[1:]), out


def test_data_fetch_with_everything_present_exits_0(capsys, data_home):
    status, out, _ = run(capsys, "data", "fetch")
    assert status == 0 and out.startswith("the NLTK resources analysis needs are present")
    status, out, _ = run(capsys, "data", "fetch", "--all")
    assert status == 0 and out.startswith("everything present")


def test_data_status_exits_3_when_analysis_cannot_run(tmp_path):
    # a fresh process: this one has the test data home on NLTK's path already
    env = {k: v for k, v in os.environ.items() if k != "NLTK_DATA"}
    env.update(HOME=str(tmp_path), RHETORIC_DATA=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, "-m", "rhetoric.cli", "data", "status", "--no-checksums"],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    status, out, err = done.returncode, done.stdout, done.stderr
    assert status == 3 and "rhetoric data fetch" in err and err.count("\n") == 1
    ptc = next(line for line in out.splitlines() if line.split()[:1] == ["ptc"])
    assert "request from the organisers" in ptc
    nltk = next(line for line in out.splitlines() if line.split()[:1] == ["nltk_data"])
    assert "missing" in nltk and "analyze" in nltk


def test_data_fetch_offline_exits_3_naming_the_variable(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("rhetoric.fetch.NLTK_INDEX_URL", "http://127.0.0.1:9/index.xml")
    status, _, err = run(capsys, "data", "fetch", "--data-home", str(tmp_path), "--timeout", "2")
    assert status == 3 and "RHETORIC_DATA" in err and err.count("\n") == 1


def test_the_installed_command_never_shows_a_traceback(tmp_path):
    (tmp_path / "x.bin").write_bytes(b"\x00" * 10)
    process = subprocess.run(
        [
            str(Path(sys.executable).with_name("rhetoric")),
            "analyze",
            str(tmp_path / "x.bin"),
            str(tmp_path / "nope"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode == 1
    assert process.stderr.count("\n") == 2 and "Traceback" not in process.stderr


def test_jobs_give_the_same_output_in_input_order(capsys, bad_inputs, data_home):
    paths = [
        *sorted(map(str, (data_home / "inaugural" / "texts").glob("17*.txt"))),
        str(bad_inputs / "binary.bin"),
        str(bad_inputs / "good.txt"),
    ]
    serial = run(capsys, "analyze", "--json", *paths)
    parallel = run(capsys, "analyze", "--json", "--jobs", "2", *paths)
    assert serial[0] == parallel[0] == 1
    assert serial[1] == parallel[1]
    assert serial[2] == parallel[2] and "binary file" in parallel[2]
    assert [json.loads(line)["doc"] for line in parallel[1].splitlines()] == [
        p for p in paths if not p.endswith(".bin")
    ]


# --- analyze-corpus ---------------------------------------------------------------------------


def _folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("We shall fight, we shall never surrender.", encoding="utf-8")
    (folder / "b.txt").write_text("Never, never give in.", encoding="utf-8")
    return folder


def test_analyze_corpus_says_how_many_documents_have_a_warning(capsys, tmp_path, data_home):
    folder, out = _folder(tmp_path), tmp_path / "out"
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "cafe.txt").write_bytes(b"Caf\xe9 talk.")
    status, printed, err = run(capsys, "analyze-corpus", str(folder), "--out", str(out))
    assert status == 0, err
    assert "4 documents, " in printed
    assert ", 2 with a warning (the documents table's warning column), errors: none" in printed
    # resumed with one more document: the earlier run's warned documents are still said
    (folder / "more.txt").write_text("Go on, go on.", encoding="utf-8")
    status, printed, err = run(capsys, "analyze-corpus", str(folder), "--out", str(out))
    assert status == 0, err
    assert "1 document (4 already there, skipped)" in printed
    assert (
        ", 2 with a warning (the documents table's warning column, 2 recorded by an earlier "
        "run), errors: none"
    ) in printed


def test_analyze_corpus_writes_the_tables_and_resumes(capsys, tmp_path, data_home):
    from rhetoric.store import read_corpus_result

    folder, out = _folder(tmp_path), tmp_path / "out"
    status, printed, err = run(capsys, "analyze-corpus", str(folder), "--out", str(out))
    assert status == 0, err
    assert printed.startswith(f"wrote {out}: 2 documents") and "warning" not in printed
    first = read_corpus_result(out)
    assert first.documents["doc_id"].tolist() == ["a", "b"]
    (folder / "c.txt").write_text("Go on, go on.", encoding="utf-8")
    status, printed, _ = run(capsys, "analyze-corpus", str(folder), "--out", str(out))
    assert status == 0 and "1 document (2 already there, skipped)" in printed
    assert read_corpus_result(out).documents["doc_id"].tolist() == ["a", "b", "c"]
    status, _, err = run(capsys, "analyze-corpus", str(folder), "--out", str(out), "--no-frames")
    assert status == 2 and err.count("\n") == 1 and "another configuration" in err


def test_analyze_corpus_takes_a_min_score_per_device(capsys, tmp_path, data_home):
    import json

    from rhetoric.store import CONFIG_FILE, read_corpus_result

    folder, out = _folder(tmp_path), tmp_path / "out"
    argv = ["analyze-corpus", str(folder), "--out", str(out), "--no-frames", "--jobs", "1"]
    status, _, err = run(capsys, *argv, "--min-score", "epizeuxis=0")
    assert status == 0, err
    assert json.loads((out / CONFIG_FILE).read_text())["min_score"] == {"epizeuxis": 0.0}
    assert "epizeuxis" in set(read_corpus_result(out).spans["device"])
    status, _, err = run(capsys, *argv, "--min-score", "epizeuxis=0.5")
    assert status == 2 and "another configuration" in err


def test_analyze_corpus_bad_inputs_are_rows_and_exit_1(capsys, tmp_path, data_home):
    folder, out = _folder(tmp_path), tmp_path / "out"
    (folder / "z.txt").write_bytes(b"\x00\x00binary")
    status, printed, err = run(
        capsys, "analyze-corpus", str(folder), "--out", str(out), "--jobs", "2"
    )
    assert status == 1 and "errors: 1 input" in printed
    assert err.count("\n") == 1 and "1 document(s) could not be analysed" in err


def test_a_bug_exits_70_naming_the_document_never_2(capsys, tmp_path, monkeypatch, data_home):
    from rhetoric import pipeline

    def broken(text, options, doc_id, metadata=None):
        raise ValueError("offsets went astray")

    monkeypatch.setattr(pipeline, "analyze_text", broken)
    folder, out = _folder(tmp_path), tmp_path / "out"
    status, printed, err = run(
        capsys, "analyze-corpus", str(folder), "--out", str(out), "--no-progress"
    )
    assert status == 70 and err.count("\n") == 1
    assert "a.txt: ValueError: offsets went astray" in err and "please report" in err
    assert "2 internal" in printed  # the run went on to the end


def test_analyze_a_bug_in_one_file_exits_70(capsys, tmp_path, monkeypatch, data_home):
    import rhetoric.analysis

    real = rhetoric.analysis.analyze_text

    def broken(text, options, doc_id, *rest):
        if "Never" in text:
            raise TypeError("a detector tripped")
        return real(text, options, doc_id, *rest)

    monkeypatch.setattr(rhetoric.analysis, "analyze_text", broken)
    folder = _folder(tmp_path)
    status, printed, err = run(
        capsys, "analyze", "--json", str(folder / "a.txt"), str(folder / "b.txt")
    )
    assert status == 70 and json.loads(printed)["doc"] == str(folder / "a.txt")
    assert f"{folder / 'b.txt'}: TypeError: a detector tripped" in err and "report" in err


def test_a_source_that_is_neither_a_path_nor_a_bundled_corpus_is_said_to_be_neither(
    capsys, tmp_path, monkeypatch
):
    # a folder not there or a corpus name mistyped: both are said, with the input exit code of a
    # missing path (it said only "SOURCE='nothere' is not valid; choose from ...", exit 2)
    monkeypatch.chdir(tmp_path)
    corpora = "('federalist', 'inaugural', 'seed', 'state_union'"
    status, _, err = run(capsys, "analyze-corpus", "inagural", "--out", "o")
    assert status == 1
    assert err == (
        f"rhetoric: error: inagural: no such file or folder, and not a bundled corpus {corpora}; "
        "did you mean 'inaugural'?)\n"
    )
    status, _, err = run(capsys, "analyze-corpus", "nothere", "--out", "o")
    assert status == 1
    assert err == (
        f"rhetoric: error: nothere: no such file or folder, and not a bundled corpus {corpora})\n"
    )
    status, _, err = run(capsys, "analyze-corpus", "./nothere", "--out", "o")
    assert (status, err) == (1, "rhetoric: error: ./nothere: no such file or folder\n")
    status, _, err = run(capsys, "attribute", "federalst")
    assert status == 1
    assert err == (
        "rhetoric: error: federalst: no such folder, and not a bundled corpus ('federalist', "
        "'inaugural', 'state_union'; did you mean 'federalist'?)\n"
    )
    assert not (tmp_path / "o").exists()


# --- --format and --data-home ------------------------------------------------------------------


def test_analyze_csv_has_one_header_and_every_span_cut_from_its_text(capsys, tmp_path, data_home):
    import io

    import pandas as pd

    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(
        "Not because it is easy, but because it is hard. Perhaps we will win.", encoding="utf-8"
    )
    second.write_text("We shall fight, we shall fight, we shall never surrender.", encoding="utf-8")
    status, out, err = run(
        capsys, "analyze", "--format", "csv", "--min-score", "0", str(first), str(second)
    )
    assert status == 0, err
    assert out.count("doc,layer,device,kind,start,end,text,group,score,evidence") == 1
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert set(table["doc"]) == {str(first), str(second)}
    assert {"device", "stance"} <= set(table["layer"])
    for row in table.itertuples(index=False):
        source = Path(row.doc).read_text(encoding="utf-8")
        assert source[row.start : row.end] == row.text


def test_analyze_format_json_is_the_json_lines_of_json(capsys, data_home):
    assert run(capsys, "analyze", "--format", "json")[1] == run(capsys, "analyze", "--json")[1]


def test_data_status_in_every_format(capsys, data_home):
    import io

    import pandas as pd

    _, table, _ = run(capsys, "data", "status", "--no-checksums")
    lines = table.splitlines()[1:]
    # aligned: every column starts at the same place on every row
    starts = [m.start() for m in re.finditer(r"(?<=  )\S", lines[0])]
    for line in lines[1:]:
        assert all(line[i - 2 : i] == "  " and line[i] != " " for i in starts[:3]), (lines[0], line)
    _, as_json, _ = run(capsys, "data", "status", "--no-checksums", "--format", "json")
    rows = [json.loads(line) for line in as_json.splitlines()]
    _, as_csv, _ = run(capsys, "data", "status", "--no-checksums", "--format", "csv")
    frame = pd.read_csv(io.StringIO(as_csv))
    assert (
        [r["folder"] for r in rows]
        == frame["folder"].tolist()
        == [line.split()[0] for line in lines[1:]]
    )
    assert {r["folder"]: r["status"] for r in rows}["ptc"] == "present"


def test_data_home_option_is_the_variable_for_one_run(capsys, tmp_path, data_home, monkeypatch):
    # the variable points at an empty folder; --data-home at the real data home wins, for this
    # run only
    monkeypatch.setenv("RHETORIC_DATA", str(tmp_path))
    status, out, err = run(
        capsys, "data", "status", "--no-checksums", "--data-home", str(data_home)
    )
    assert status == 0, err
    assert out.startswith(f"data home: {data_home}")
    assert os.environ["RHETORIC_DATA"] == str(tmp_path)
    # (its exit status depends on what this process put on NLTK's path before: not checked)
    _, out, _ = run(capsys, "data", "status", "--no-checksums")
    assert out.startswith(f"data home: {tmp_path}")


def test_a_report_without_devices_says_how_to_see_the_candidates(capsys, data_home, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("The committee met on Tuesday. It approved the budget for next year.\n")
    code, out, _ = run(capsys, "analyze", str(plain))
    assert code == 0
    assert "devices: none above the default thresholds" in out and "--min-score 0" in out
    code, out, _ = run(capsys, "analyze", str(plain), "--min-score", "0")
    assert code == 0 and "devices: none found" in out


def test_analyze_genre_news_ranks_frames_with_the_news_frame_model(capsys, data_home):
    from rhetoric.corpora import corpus_dir
    from rhetoric.framing import frame_profile

    # a PTC train article (read from the data home) that the two rankers order differently
    path = corpus_dir("ptc", data_home) / "train-articles" / "article111111123.txt"
    text = path.read_text(encoding="utf-8")
    ranks: dict[str, list[str]] = {}
    for genre in ("news", "speech"):
        code, out, err = run(capsys, "analyze", "--json", "--genre", genre, str(path))
        assert code == 0, err
        ranks[genre] = [f["frame"] for f in json.loads(out)["frames"]]
    assert ranks["news"][0] != ranks["speech"][0]
    # frames with hits, ranked ones first in rank order, then the others by score
    for genre, ranker in (("news", "news"), ("speech", "speech")):
        profile = frame_profile(text, ranker=ranker)
        profile = profile[profile["hits"] > 0]
        order = profile.assign(unranked=profile["rank"] == 0).sort_values(
            ["unranked", "rank", "score"], ascending=[True, True, False], kind="stable"
        )
        assert ranks[genre] == order["frame"].tolist()
    code, _, err = run(capsys, "analyze", "--genre", "poetry", str(path))
    assert code == 2 and "--genre" in err


def test_min_score_for_named_devices_reports_a_device_that_is_off_by_default(
    capsys, tmp_path, alliteration_off
):
    from rhetoric.devices import DEVICES, reported_by_default

    path = tmp_path / "speech.txt"
    path.write_text(
        "Bitter and bloody battles broke the brave. Peace and prosperity prevail.", encoding="utf-8"
    )
    code, out, err = run(capsys, "analyze", str(path), "--no-frames")
    assert code == 0, err
    off = [d for d in DEVICES if not reported_by_default(d)]
    assert "alliteration" in off and "-- alliteration:" not in out
    assert "not reported by default: " + ", ".join(off) in out
    assert f"--min-score {off[0]}=X lists" in out
    code, out, err = run(
        capsys, "analyze", str(path), "--no-frames", "--min-score", "alliteration=0"
    )
    assert code == 0, err
    assert "-- alliteration:" in out
    assert "not reported by default: alliteration" not in out
    code, _, err = run(capsys, "analyze", str(path), "--min-score", "alliteration=high")
    assert code == 2 and "give a probability (0.3) or DEVICE=P pairs" in err


def test_size_and_time_limits_that_would_fail_every_document_are_usage_errors(tmp_path, capsys):
    text = tmp_path / "a.txt"
    text.write_text("We rise. We build.", encoding="utf-8")
    assert main(["analyze", str(text), "--max-mb", "-1"]) == 2
    out = str(tmp_path / "run")
    assert main(["analyze-corpus", str(tmp_path), "--out", out, "--time-limit", "-1"]) == 2
    assert main(["analyze-corpus", str(tmp_path), "--out", out, "--max-mb", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert [line.split(" is not valid")[0] for line in err] == [
        "rhetoric: error: --max-mb -1",
        "rhetoric: error: --time-limit -1",
        "rhetoric: error: --max-mb 0",
    ]
    assert not (tmp_path / "run").exists()


def test_a_text_piped_in_is_analysed_as_a_file_is(monkeypatch, capsys, tmp_path):
    import io

    text = "Not this, but that. Never, never give in.".encode("cp1252")
    (tmp_path / "same.txt").write_bytes(text)

    def piped(data: bytes):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    piped(text)
    assert main(["analyze", "-", "--json", "--min-score", "0"]) == 0
    from_stdin = json.loads(capsys.readouterr().out)
    assert main(["analyze", str(tmp_path / "same.txt"), "--json", "--min-score", "0"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert from_stdin["doc"] == "<stdin>"
    assert {k: v for k, v in from_stdin.items() if k != "doc"} == {
        k: v for k, v in from_file.items() if k != "doc"
    }
    piped(b"a\x00b")
    assert main(["analyze", "-"]) == 1
    assert capsys.readouterr().err.strip() == (
        "rhetoric: error: <stdin>: binary file (contains NUL bytes), not text"
    )
    piped(b"One.")
    assert main(["analyze", "-", "-"]) == 2


def test_a_text_piped_in_that_is_not_utf8_is_warned_about_as_a_file_is(
    monkeypatch, capsys, tmp_path
):
    import io

    data = "café au lait".encode("cp1252")
    (tmp_path / "cafe.txt").write_bytes(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(capsys, "analyze", "-", "--json")
    assert code == 0 and json.loads(out)["n_words"] == 3
    assert (
        err
        == "rhetoric: warning: <stdin>: not valid UTF-8 (line 1, byte 0xe9 at offset 3), decoded as "
        "cp1252 (one byte per character)\n"
    )
    code, _, err = run(capsys, "analyze", str(tmp_path / "cafe.txt"), "--json")
    assert code == 0
    assert err == (
        f"rhetoric: warning: {tmp_path / 'cafe.txt'}: not valid UTF-8 (line 1, byte 0xe9 at offset 3), decoded as cp1252 (one "
        "byte per character)\n"
    )


def test_analyze_corpus_names_documents_by_the_id_column_given(tmp_path):
    import pandas as pd

    table = tmp_path / "articles.csv"
    pd.DataFrame({"article": ["n1", "n2"], "body": ["We rise.", "Not this, but that."]}).to_csv(
        table, index=False
    )
    out = tmp_path / "run"
    argv = ["analyze-corpus", str(table), "--out", str(out), "--text-column", "body"]
    assert main([*argv, "--id-column", "article", "--no-progress"]) == 0
    assert pd.read_parquet(out / "documents")["doc_id"].tolist() == ["n1", "n2"]


def test_the_report_counts_figures_by_the_one_rule_of_rhetoric_figures(monkeypatch):
    # the report groups spans into figures with rhetoric.figures.figure_parts, not a copy of its
    # own; the counts it prints are that rule's
    from collections import Counter

    from rhetoric import figures
    from rhetoric.analysis import analyze
    from rhetoric.cli import format_report

    result = analyze("Never, never, never give in. Not for glory, but for duty.", min_score=0)
    calls = []
    rule = figures.figure_parts

    def counted(spans):
        calls.append(1)
        return rule(spans)

    monkeypatch.setattr(figures, "figure_parts", counted)
    report = format_report(result, min_score=0)
    assert calls
    spans = [s for s in result.device_spans if s.device not in ("frame", "stance")]
    expected = Counter(parts[0].device for parts in rule(spans))
    for device, n in expected.items():
        assert f"-- {device}: {n} figure{'s' * (n != 1)} in" in report


def test_a_text_piped_in_is_a_text_even_when_it_names_a_file(monkeypatch, capsys, tmp_path):
    # the text piped in is analysed as it is: one line naming a file is not that file (read
    # without --max-mb), and one word ending in .txt is two words, not a missing file
    import io

    other = tmp_path / "other.txt"
    other.write_text("We shall fight. We shall win. We shall never surrender.", encoding="utf-8")
    from rhetoric.text import WORD_PATTERN

    for text in [str(other), "speech.txt"]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        code, out, err = run(capsys, "analyze", "-", "--json")
        assert code == 0, err
        assert json.loads(out)["n_words"] == len(WORD_PATTERN.findall(text)) != 10  # other.txt's


def test_the_report_says_when_the_first_frame_has_no_keyword_of_its_own(capsys, data_home):
    # a PTC train article whose most probable frame (by the news frame model, which reads every
    # word) has no lexicon hit: ranked first with 0 hits, and the report says why
    article = data_home / "ptc" / "train-articles" / "article697063039.txt"
    assert main(["analyze", str(article), "--genre", "news"]) == 0
    out = capsys.readouterr().out
    first = next(line.split() for line in out.splitlines() if re.match(r"\s+\w+\s+1\s", line))
    assert first[2:4] == ["0.000", "0"]
    assert "the first frame has no keyword of its own" in out


def test_an_interrupted_analyze_corpus_says_what_was_kept_and_how_to_resume(
    capsys, tmp_path, monkeypatch
):
    # Ctrl-C exited 130 printing nothing
    from rhetoric.store import CorpusWriter

    texts, out = tmp_path / "texts", tmp_path / "run"
    texts.mkdir()
    for name in "abc":
        (texts / f"{name}.txt").write_text("We shall fight. We shall win.", encoding="utf-8")
    add = CorpusWriter.add

    def interrupted(writer, outcome):
        if outcome.doc_id == "b":
            raise KeyboardInterrupt
        add(writer, outcome)

    monkeypatch.setattr(CorpusWriter, "add", interrupted)
    argv = ["analyze-corpus", str(texts), "--out", str(out), "--no-progress", "--no-frames",
            "--devices", "anaphora"]  # fmt: skip
    code, stdout, err = run(capsys, *argv)
    assert (code, stdout) == (130, "")
    assert err == (
        f"rhetoric: interrupted: 1 document committed in {out}; run the same command to resume\n"
    )
    monkeypatch.setattr(CorpusWriter, "add", add)
    code, stdout, err = run(capsys, *argv)
    assert code == 0 and "2 documents (1 already there, skipped)" in stdout, err
