"""The one runner: input order, batches, time limit, and the one error policy."""

from __future__ import annotations

import sys
import time
from functools import partial

import pytest

from rhetoric.documents import CorpusDocument
from rhetoric.errors import DataNotFoundError, InputError, UsageError
from rhetoric.runner import batches, document_text, map_documents, run_document


def _length(document: CorpusDocument) -> int:
    return len(document_text(document))


def _busy(document: CorpusDocument) -> int:
    if document.doc_id == "slow":
        while True:  # pure Python: interrupted by the time limit
            pass
    return 1


def _buggy(document: CorpusDocument) -> int:
    if document.doc_id == "bug":
        return {}["missing"]
    return 1


def test_outcomes_come_in_input_order_across_batches():
    docs = [CorpusDocument(f"d{i}", text="x" * i) for i in range(50)]
    outcomes = list(map_documents(_length, docs, warm=None, max_chars=100))
    assert [o.doc_id for o in outcomes] == [d.doc_id for d in docs]
    assert [o.value for o in outcomes] == list(range(50))


def test_batches_close_at_the_size_and_keep_every_document():
    docs = [CorpusDocument(f"d{i}", text="x" * 30) for i in range(7)]
    sizes = [len(b) for b in batches(docs, max_chars=100)]
    assert sizes == [4, 3]


def test_a_bad_path_is_an_input_error_and_the_run_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Good words here.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    docs = [
        CorpusDocument("good", path=str(tmp_path / "good.txt")),
        CorpusDocument("bad", path=str(tmp_path / "bad.txt")),
        CorpusDocument("gone", path=str(tmp_path / "gone.txt")),
    ]
    outcomes = list(map_documents(_length, docs, warm=None))
    assert outcomes[0].ok and outcomes[0].value == 16
    assert outcomes[1].error["kind"] == "input" and "binary" in outcomes[1].error["reason"]
    assert outcomes[2].error == {"doc_id": "gone", "path": str(tmp_path / "gone.txt"),
                                 "kind": "input", "reason": f"{tmp_path / 'gone.txt'}: no such file"}  # fmt: skip


def test_a_bug_is_an_internal_error_naming_the_exception_and_the_place():
    outcome = run_document(_buggy, CorpusDocument("bug", text="x"))
    assert outcome.error["kind"] == "internal"
    assert outcome.error["reason"].startswith("KeyError: 'missing'")
    assert run_document(_buggy, CorpusDocument("fine", text="x")).value == 1


def test_the_time_limit_gives_up_one_document_and_the_next_one_runs():
    docs = [CorpusDocument("slow", text="x"), CorpusDocument("quick", text="x")]
    outcomes = list(map_documents(_busy, docs, warm=None, time_limit=0.5))
    assert outcomes[0].error["kind"] == "timeout" and "0.5 s" in outcomes[0].error["reason"]
    assert outcomes[1].ok and outcomes[1].value == 1


_RESOURCE: dict = {}


def _load_resource() -> None:
    """A one-time load (NLTK, WordNet, the models) that takes longer than a document's limit."""
    if "model" not in _RESOURCE:
        time.sleep(0.6)
        _RESOURCE["model"] = "loaded"


def _uses_resource(document: CorpusDocument) -> str:
    _load_resource()  # loaded lazily by the first document when nothing warmed the process
    return _RESOURCE["model"]


def test_a_one_process_run_loads_shared_resources_before_the_first_documents_clock():
    docs = [CorpusDocument(f"d{i}", text="x") for i in range(3)]
    outcomes = list(map_documents(_uses_resource, docs, warm=_load_resource, time_limit=0.3))
    assert [o.error for o in outcomes] == [None, None, None]
    assert [o.value for o in outcomes] == ["loaded"] * 3


def _imports_slowly_then_loops(document: CorpusDocument) -> bool:
    import rhetoric_slow_module  # takes longer than the limit to import

    if document.doc_id == "slow":
        while True:
            pass
    return rhetoric_slow_module.READY


def test_a_time_limit_never_cuts_an_import_that_later_documents_need(tmp_path, monkeypatch):
    (tmp_path / "rhetoric_slow_module.py").write_text(
        "import time\n\ntime.sleep(0.4)\nREADY = True\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "rhetoric_slow_module", raising=False)
    docs = [CorpusDocument("slow", text="x"), CorpusDocument("next", text="x")]
    outcomes = list(map_documents(_imports_slowly_then_loops, docs, warm=None, time_limit=0.1))
    assert outcomes[0].error["kind"] == "timeout"
    assert outcomes[1].ok and outcomes[1].value is True  # imported once, whole


class _SlowFinaliser:
    def __del__(self):
        end = time.monotonic() + 0.3
        while time.monotonic() < end:  # the time limit passes here, inside a finaliser
            pass


def _finalises_slowly(document: CorpusDocument) -> str:
    _SlowFinaliser()  # dropped at once: its __del__ runs now
    end = time.monotonic() + 5
    while time.monotonic() < end:
        pass
    return "finished"


def test_a_time_limit_that_lands_in_a_finaliser_is_a_timeout_and_prints_nothing(capsys):
    outcome = run_document(_finalises_slowly, CorpusDocument("d", text="x"), time_limit=0.1)
    assert outcome.error is not None and outcome.error["kind"] == "timeout"
    assert outcome.seconds < 2
    assert capsys.readouterr().err == ""  # no "Exception ignored in: <function ...__del__>"


def _wraps_every_exception(document: CorpusDocument) -> int:
    try:
        while True:
            pass
    except BaseException as error:  # code that turns any interruption into its own error
        raise RuntimeError("interrupted") from error


def test_an_error_a_time_limit_turned_into_is_a_timeout_not_a_bug():
    outcome = run_document(_wraps_every_exception, CorpusDocument("d", text="x"), time_limit=0.1)
    assert outcome.error["kind"] == "timeout"


def test_the_callers_mistakes_and_missing_data_stop_the_run():
    def usage(document):
        raise UsageError("bad argument")

    def missing(document):
        raise DataNotFoundError("no wordnet")

    with pytest.raises(UsageError):
        run_document(usage, CorpusDocument("a", text="x"))
    with pytest.raises(DataNotFoundError):
        run_document(missing, CorpusDocument("a", text="x"))


def test_warnings_are_kept_with_their_document(tmp_path):
    (tmp_path / "latin.txt").write_bytes(b"Caf\xe9 talk.")
    outcome = run_document(_length, CorpusDocument("latin", path=str(tmp_path / "latin.txt")))
    assert outcome.ok and "not valid UTF-8" in outcome.warnings[0]


def test_bytes_that_are_not_utf8_are_warned_about_naming_their_document():
    # the text piped in to `rhetoric analyze -` or a bytes cell of a table: as a file is
    outcome = run_document(_length, CorpusDocument("<stdin>", text=b"Caf\xe9 talk."))
    assert outcome.ok and outcome.value == len("Café talk.")
    assert outcome.warnings == (
        "<stdin>: not valid UTF-8 (line 1, byte 0xe9 at offset 3), decoded as cp1252 (one byte per character)",
    )


def test_document_text_reads_bytes_and_refuses_a_record_without_text():
    assert document_text(CorpusDocument("a", text="plain")) == "plain"
    with pytest.raises(InputError, match="neither a text nor a path"):
        document_text(CorpusDocument("a"))


def test_a_worker_pool_gives_the_same_outcomes_as_one_process(data_home):
    from rhetoric.analysis import Options
    from rhetoric.pipeline import analyze_document

    texts = ["Never, never give in.", "Go on, go on.", "", "We shall fight."] * 3
    docs = [CorpusDocument(f"d{i}", text=t) for i, t in enumerate(texts)]
    options = Options(devices=("epizeuxis",), frames=False, min_score=0.0)
    work = partial(analyze_document, options=options)
    one = [o.value for o in map_documents(work, docs, max_chars=30)]
    two = [o.value for o in map_documents(work, docs, n_jobs=2, max_chars=30)]
    assert one == two and one[0]["spans"][0]["text"] == "Never, never"


def _die(document: CorpusDocument) -> int:
    import os
    import signal

    if document.doc_id == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    return 1


def test_a_worker_that_dies_stops_the_run_with_one_clear_error():
    from rhetoric.errors import WorkerLostError

    docs = [CorpusDocument(f"d{i}", text="x") for i in range(4)] + [CorpusDocument("die", text="x")]
    seen = []
    with pytest.raises(WorkerLostError, match="worker process died .* run the same command again"):
        for outcome in map_documents(_die, docs, n_jobs=2, warm=None, max_chars=1):
            seen.append(outcome.doc_id)
    assert "die" not in seen


def test_parquet_cells_are_the_documents_of_the_file_without_their_texts(tmp_path):
    import pandas as pd

    from rhetoric.documents import iter_corpus
    from rhetoric.runner import ParquetCell, load_texts, parquet_cells

    table = pd.DataFrame({"text": ["One.", None, "Three, three.", "Four."] * 3,
                          "year": list(range(12)), "clean_text": ["x"] * 12})  # fmt: skip
    for name, frame in {"unnamed": table, "named": table.assign(doc_id=[f"n{i}" for i in range(12)])}.items():  # fmt: skip
        path = tmp_path / f"{name}.parquet"
        frame.to_parquet(path, row_group_size=5)
        expected = list(iter_corpus(path))
        cells = list(parquet_cells(path))
        assert all(isinstance(c, ParquetCell) and c.text is None for c in cells)
        assert [(c.doc_id, c.metadata) for c in cells] == [(d.doc_id, d.metadata) for d in expected]
        assert [(c.row_group, c.row) for c in cells[4:7]] == [(0, 4), (1, 0), (1, 1)]
        loaded = load_texts(cells[3:8])  # across two row groups
        # the same texts, and the missing cell the same input error ("no text"), read either way
        assert [_text_or_error(d) for d in loaded] == [_text_or_error(d) for d in expected[3:8]]
        assert "no text" in _text_or_error(loaded[2])
        assert not any(isinstance(d, ParquetCell) for d in loaded)


def test_a_parquet_file_the_worker_cannot_read_is_one_clear_error(tmp_path):
    import pandas as pd

    from rhetoric.runner import load_texts, parquet_cells

    path = tmp_path / "corpus.parquet"
    pd.DataFrame({"text": ["One.", "Two."]}).to_parquet(path)
    cells = list(parquet_cells(path))
    path.unlink()
    with pytest.raises(InputError, match="cannot be read where the documents are analysed"):
        load_texts(cells)


def _text_or_error(document) -> str:
    from rhetoric.errors import InputError
    from rhetoric.runner import document_text

    try:
        return document_text(document)
    except InputError as error:
        return str(error)
