"""The tables a researcher joins: one document key, typed columns, texts found where they are.

Cases from a review of every table as a pandas user joins them (session s44, helper-386).
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import rhetoric
from rhetoric import validation
from rhetoric.stats import device_counts

SPEECH = (
    "We shall build the road, we shall build the bridge, we shall build the school. "
    "Not for glory, but for duty. Is this the town we were promised? It is not.\n\n"
    "We shall build the road, we shall build the bridge, we shall build the school."
)


@pytest.fixture
def speech_files(tmp_path, data_home):
    paths = []
    for name in ("first", "second"):
        path = tmp_path / f"{name}.txt"
        path.write_text(SPEECH.replace("road", name), encoding="utf-8")
        paths.append(path)
    return paths


def test_an_analysis_of_a_file_can_be_sampled_and_reported(speech_files):
    """The texts were keyed by the path as given and the spans by the file's stem, so a sample of
    one analysed file failed, blaming the texts ("the texts lack 1 of the result's documents")."""
    analysis = rhetoric.analyze(speech_files[0], min_score=0)
    sheet = validation.sample(analysis, per_stratum=2)
    assert len(sheet) and set(sheet["doc"]) == {"first"}
    report = validation.report(sheet.assign(verdict="TRUE", annotator="a"), analysis)
    assert report.precision["figures"].sum() > 0


def test_a_report_on_a_corpus_result_in_memory_reads_the_files_it_ran_over(speech_files):
    """Without the texts, a figure's text was its first part's while its offsets ran from the
    first part to the last: 117 of 156 figures did not slice back."""
    result = rhetoric.analyze_corpus(speech_files, min_score=0)
    judged = validation.sample(result, per_stratum=3).assign(verdict="TRUE", annotator="a")
    figures = validation.report(judged, result).figures
    texts = {
        d: rhetoric.read_text(p)
        for d, p in zip(result.documents["doc_id"], result.documents["path"], strict=True)
    }
    assert len(figures) and (figures["n_spans"] > 1).any()
    for doc, start, end, text in zip(
        figures["doc"], figures["start"], figures["end"], figures["text"], strict=True
    ):
        assert texts[doc][start:end] == text


def test_frames_of_an_analysis_carry_the_document_and_keep_their_types_when_empty(data_home):
    first = rhetoric.analyze("The war was long; our soldiers and our army fought.", doc_id="war")
    empty = rhetoric.analyze("Hello there, my friend.", doc_id="hello")
    assert first.frames.columns.tolist()[:2] == ["doc_id", "frame"]
    assert set(first.frames["doc_id"]) == {"war"}
    assert empty.frames.empty
    assert empty.frames.dtypes.to_dict() == first.frames.dtypes.to_dict()
    both = pd.concat([first.frames, empty.frames])
    assert both.nlargest(1, "score")["doc_id"].tolist() == ["war"]


def test_analyses_of_texts_without_ids_are_not_merged_into_one_document(data_home):
    from rhetoric.viz import locate_spans

    analyses = [rhetoric.analyze(SPEECH, min_score=0), rhetoric.analyze(SPEECH, min_score=0)]
    with pytest.warns(UserWarning, match="several analyses have doc_id 'doc0'"):
        table = locate_spans(analyses)
    assert sorted(table["doc_id"].unique()) == ["doc0", "doc1"]
    named = [rhetoric.analyze(SPEECH, doc_id=n, min_score=0) for n in ("a", "b")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sorted(locate_spans(named)["doc_id"].unique()) == ["a", "b"]


def test_device_counts_reads_the_documents_id_column_by_its_name():
    docs = pd.DataFrame({"id": ["d1", "d2"], "n_words": [100, 80]})
    spans = pd.DataFrame({"doc_id": ["d1"], "device": ["anaphora"], "group": ["g"]})
    table = device_counts(spans, docs, doc_id="id")
    assert table[["id", "count"]].values.tolist() == [["d1", 1], ["d2", 0]]


def test_a_metadata_column_named_like_a_figure_column_is_said_not_used_silently(data_home):
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [SPEECH, SPEECH], "kind": ["x", "y"]})
    result = rhetoric.analyze_corpus(corpus, min_score=0)
    with pytest.warns(UserWarning, match="column 'kind' has the name of a figure column"):
        validation.sample(result, corpus, per_stratum=1, by=["kind"])


def test_the_span_csv_of_analyze_is_a_span_table_validate_reads(speech_files, capsys):
    """``rhetoric validate sample`` refused ``rhetoric analyze --format csv``'s own output ("not a
    span table (no column 'doc_id')"): its documents are named by the paths given."""
    from rhetoric.cli import main

    table = speech_files[0].with_suffix(".csv")
    assert main(["analyze", str(speech_files[0]), "--format", "csv", "--min-score", "0"]) == 0
    table.write_text(capsys.readouterr().out, encoding="utf-8")
    sheet = table.with_suffix(".jsonl")
    assert main(["validate", "sample", str(table), "--out", str(sheet)]) == 0
    judged = pd.read_json(sheet, lines=True)
    assert len(judged) and set(judged["doc"]) == {str(speech_files[0])}


def test_empty_results_have_the_columns_and_dtypes_of_full_ones(data_home):
    """An attribution of no usable text, a rolling attribution of an empty text and a frame table
    of no document came back without author columns, or with every column ``object``."""
    from rhetoric import stylometry
    from rhetoric.framing import corpus_frame_table

    train = ["upon the whole upon it, upon my word"] * 3 + ["on the whole on it, on my word"] * 3
    labels = list("HHHMMM")
    full = stylometry.attribute(train, labels, ["upon the whole on it"], mfw=5)
    with pytest.warns(UserWarning, match="no words to attribute"):
        empty = stylometry.attribute(train, labels, ["1787"], mfw=5)
    assert empty.empty and empty.dtypes.to_dict() == full.dtypes.to_dict()
    rolling = stylometry.rolling_attribution(
        "upon it upon the on it on the", train, labels, window=4, step=4, mfw=5
    )
    none = stylometry.rolling_attribution("", train, labels, window=4, step=4, mfw=5)
    assert none.empty and none.dtypes.to_dict() == rolling.dtypes.to_dict()
    frames = corpus_frame_table(["Our soldiers fought the war with their army."])
    assert corpus_frame_table([]).dtypes.to_dict() == frames.dtypes.to_dict()


def test_metadata_keep_the_corpus_tables_types(data_home, tmp_path):
    """A nullable year came back as object for one document without a year and as float64 for
    two (and as a Parquet null or double column), depending on which rows were in the run; the
    in-memory tables are those the run folder reads back."""
    import pyarrow.parquet as pq

    from rhetoric.store import read_corpus_result

    corpus = pd.DataFrame({
        "doc_id": ["a", "b"], "text": ["We fight, we win, we endure.", "Not this, but that."],
        "year": pd.array([1961, pd.NA], dtype="Int64"), "outlet": pd.Categorical(["x", "y"]),
    })  # fmt: skip
    one = rhetoric.analyze_corpus(corpus.iloc[1:], devices=["tricolon"], frames=False).documents
    both = rhetoric.analyze_corpus(corpus, devices=["tricolon"], frames=False).documents
    assert one["year"].dtype == both["year"].dtype == "float64"
    rhetoric.write_corpus(corpus, tmp_path / "run", devices=["tricolon"], frames=False)
    part = next((tmp_path / "run" / "documents").glob("*.parquet"))
    assert str(pq.read_schema(part).field("year").type) == "int64"
    pd.testing.assert_frame_equal(read_corpus_result(tmp_path / "run").documents, both)
