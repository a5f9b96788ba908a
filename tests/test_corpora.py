from __future__ import annotations

from importlib import resources

import pytest

from rhetoric.corpora import (
    fix_big5_pairs,
    load_corpus,
    load_federalist,
    load_inaugural,
    load_ptc,
    load_seed,
    load_state_union,
)
from rhetoric.manifest import corpus_status, read_manifest


def test_seed_is_shipped_byte_for_byte(data_home):
    shipped = (
        resources.files("rhetoric.corpus").joinpath("moscow_kabul_via_islamabad.txt").read_bytes()
    )
    assert shipped == (data_home / "seed" / "moscow_kabul_via_islamabad.txt").read_bytes()
    seed = load_seed()
    assert seed.loc[0, "text"] == shipped.decode("utf-8")
    assert seed.loc[0, "title"] == seed.loc[0, "text"].split("\n")[0]


def test_federalist(data_home):
    fed = load_federalist()
    assert len(fed) == 85
    assert fed["label"].value_counts().to_dict() == {
        "Hamilton": 51,
        "Madison": 14,
        "Jay": 5,
        "Disputed": 12,
        "Joint": 3,
    }
    assert fed["text"].str.match(r"To the People of the State of New York[:.]").all()
    assert not fed["clean_text"].str.contains("_").any()


def test_inaugural_labels_are_unambiguous_and_encodings_known(data_home):
    inaugural = load_inaugural()
    assert len(inaugural) == 59
    labels = dict(zip(inaugural["doc_id"], inaugural["label"], strict=True))
    assert labels["1797-Adams"] != labels["1825-Adams"]
    assert labels["1905-Roosevelt"] != labels["1933-Roosevelt"] == labels["1945-Roosevelt"]
    bush = inaugural.set_index("doc_id").loc["2005-Bush"]
    # its dashes and quotes are Big5 byte pairs in ASCII text: decoded as the characters meant
    assert bush["encoding"] == "ascii+big5-punctuation"
    assert "\xa1X" not in bush["text"] and "sabbatical\u2014and" in bush["text"]
    assert "\xa1X" not in bush["clean_text"] and "\u2014" in bush["clean_text"]
    assert inaugural.set_index("doc_id").loc["2013-Obama", "encoding"] == "utf-8"
    # two or more addresses: the 36 texts of the stylometry benchmark
    counts = inaugural["label"].value_counts()
    assert inaugural["label"].isin(counts[counts >= 2].index).sum() == 36


def test_state_union_clean_view_leaves_raw_text_alone(data_home):
    sotu = load_state_union().set_index("doc_id")
    assert len(sotu) == 65
    raw, clean = sotu.loc["2002-GWBush", "text"], sotu.loc["2002-GWBush", "clean_text"]
    assert "(Applause.)" in raw and "(Applause.)" not in clean
    assert raw.startswith("STATE OF THE UNION") and not clean.startswith("STATE OF THE UNION")
    assert "January 29, 2002" not in clean[:100] and "THE PRESIDENT:" not in clean
    assert "½¢" in sotu.loc["1954-Eisenhower", "text"]


def test_ptc_spans_slice_back_into_articles(data_home):
    dev = load_ptc("dev")
    assert len(dev.articles) == 75 and len(dev.spans) == 1063
    texts = dict(zip(dev.articles["doc_id"], dev.articles["text"], strict=True))
    for row in dev.spans.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
    assert (dev.spans["technique"] == "Repetition").sum() > 50
    test = load_ptc("test")
    assert test.spans["technique"].isna().all()


def test_unknown_names_get_a_did_you_mean():
    with pytest.raises(ValueError, match="did you mean 'dev'"):
        load_ptc("devv")
    with pytest.raises(ValueError, match="did you mean 'federalist'"):
        load_corpus("federalst")


def test_big5_pairs():
    assert fix_big5_pairs("a\xa1Xb \xa1\xa7q\xa1\xa8 it\xa1\xa6s") == "a—b “q” it’s"


def test_status_lists_every_corpus_present(data_home):
    status = corpus_status()
    assert status["corpus"].tolist() == [
        "seed",
        "federalist",
        "inaugural",
        "state_union",
        "ptc",
        "chiasmus",
        "nltk_data",
    ]
    assert (status["status"] == "present").all(), status.to_string()
    assert (status["checksum_ok"] == status["files"]).all()


def test_status_reports_modified_and_missing(tmp_path):
    (tmp_path / "seed").mkdir()
    (tmp_path / "seed" / "moscow_kabul_via_islamabad.txt").write_text("changed")
    status = corpus_status(tmp_path).set_index("corpus")["status"]
    assert status["seed"] == "modified" and status["federalist"] == "missing"


def test_manifests_carry_file_label_year_checksum():
    for name in ("federalist", "inaugural", "state_union", "ptc", "nltk_data", "seed"):
        assert {"file", "label", "year", "sha1"} <= set(read_manifest(name).columns)
