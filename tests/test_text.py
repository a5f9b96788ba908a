from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.errors import InputError
from rhetoric.text import (
    Document,
    EncodingFallbackWarning,
    decode,
    normalize,
    paragraph_bounds,
    read_text,
)


def test_read_text_keeps_crlf_and_curly_quotes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("It’s here.\r\nNext line.\r\n".encode())
    assert read_text(path) == "It’s here.\r\nNext line.\r\n"


def test_invalid_utf8_falls_back_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"caf\xe9 and na\xefve")
    with pytest.warns(EncodingFallbackWarning, match="not valid UTF-8"):
        text = read_text(path)
    assert text == "café and naïve"


def test_undefined_cp1252_bytes_fall_back_to_latin1():
    text, encoding = decode(b"a\x81b")
    assert (text, encoding) == ("a\x81b", "latin-1")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
    ],
)
def test_missing_path_and_directory(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        read_text(make(tmp_path))


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        read_text(path)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)  # 1.5 MB
    with pytest.raises(InputError, match="above the 1 MB limit"):
        read_text(path, max_bytes=1_000_000)
    assert len(read_text(path, max_bytes=None)) == 1_500_000


def test_empty_file_gives_an_empty_document(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    doc = Document(read_text(path))
    assert (doc.words, doc.sentences, doc.paragraphs, doc.removed) == ([], [], [], [])


def test_normalize_keeps_length_and_folds_typography():
    text = "İstanbul’s “Deal” — done\u00a0now"
    view = normalize(text)
    assert len(view) == len(text)
    assert view[11:17] == '"deal"' and view[18] == "-" and view[24] == " " and view[0] == "İ"


def test_paragraphs_split_on_blank_lines_and_sentence_final_lines():
    text = "A wrapped\nparagraph here.\n\nOne per line.\nAnother one.\r\n\r\nLast"
    bounds = paragraph_bounds(text)
    assert [text[s:e] for s, e in bounds] == [
        "A wrapped\nparagraph here.",
        "One per line.",
        "Another one.",
        "Last",
    ]


def test_sentences_and_words_have_exact_offsets():
    text = "Mr. Smith came.  He said “no”—twice.\n\nThen left."
    doc = Document(text)
    assert [text[s.start : s.end] for s in doc.sentences] == [
        "Mr. Smith came.",
        "He said “no”—twice.",
        "Then left.",
    ]
    assert [w.text for w in doc.words_of(doc.sentences[1])] == ["He", "said", "no", "twice"]
    assert all(text[w.start : w.end] == w.text for w in doc.words)


def test_tags_align_with_words(data_home):
    doc = Document("We choose to go. They stay home.")
    assert len(doc.tags) == len(doc.words)
    assert doc.tags[1].startswith("VB")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_every_span_slices_back_and_is_ordered(text):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = Document(text)
        pieces = [*doc.removed, *doc.paragraphs, *doc.sentences]
    for span in doc.removed:
        assert span.text == text[span.start : span.end]
    for token in doc.words:
        assert token.text == text[token.start : token.end]
        assert doc.norm[token.start : token.end] == token.norm
    for group in (doc.removed, doc.paragraphs, doc.sentences, doc.words):
        starts = [p.start for p in group]
        assert starts == sorted(starts)
        assert all(0 <= p.start <= p.end <= len(text) for p in group)
    assert all(0 <= p.start <= p.end <= len(text) for p in pieces)
