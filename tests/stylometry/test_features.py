"""The stylo-style tokeniser, count tables and MFWVectorizer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rhetoric.errors import InputError
from rhetoric.stylometry.features import (
    CountTable,
    MFWVectorizer,
    stylo_token_spans,
    stylo_tokenize,
    text_features,
)


def test_stylo_tokeniser_rules():
    text = "I'm sure they'd--or we'll--have 'em; it’s Ça-va, O'Neil - ---"
    assert stylo_tokenize(text) == [
        "i^m", "sure", "they^d", "or", "we^ll", "have", "em", "it", "s", "ça-va", "o", "neil",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Việt Nam", ["việt", "nam"]),  # Latin Extended Additional
        ("Москва и Петербург", ["москва", "и", "петербург"]),  # Cyrillic
        ("Καλημέρα κόσμε", ["καλημέρα", "κόσμε"]),  # Greek
        ("ἐν ἀρχῇ ἦν ὁ λόγος", ["ἐν", "ἀρχῇ", "ἦν", "ὁ", "λόγος"]),  # polytonic Greek
        ("שלום עולם", ["שלום", "עולם"]),  # Hebrew
        ("مرحبا بالعالم", ["مرحبا", "بالعالم"]),  # Arabic
        ("東京タワー、한국어", ["東京タワー", "한국어"]),  # CJK, kana, Hangul
        ("cafe\u0301 noir", ["cafe\u0301", "noir"]),  # a decomposed accent stays in its word
    ],
)
def test_stylo_tokeniser_reads_stylos_scripts(text, words):
    assert stylo_tokenize(text) == words
    assert [w for _, _, w in stylo_token_spans(text)] == words


def test_texts_without_words_are_an_input_error():
    with pytest.raises(InputError, match="have no words"):
        MFWVectorizer(mfw=10).fit(["123 456", "!!! ..."])
    with pytest.raises(InputError, match="culling"):
        MFWVectorizer(mfw=10, culling=100).fit(["a b", "c d"])


def test_stylo_tokeniser_keeps_case_on_request():
    assert stylo_tokenize("The Cat", lowercase=False) == ["The", "Cat"]


def test_word_and_char_ngrams():
    assert text_features("One two three", ngram=2) == ["one two", "two three"]
    assert text_features("ab c", analyzer="char", ngram=2) == ["ab", "b ", " c"]
    assert text_features("", ngram=3) == []


def test_count_table_and_selection_with_ties_alphabetical():
    table = CountTable.from_texts(["b a c", "c b d", "b"])
    assert table.totals.tolist() == [3, 3, 1]
    names = lambda cols: table.vocabulary[cols].tolist()  # noqa: E731
    assert names(table.select(mfw=3)) == ["b", "c", "a"]
    assert names(table.select([0], mfw=5)) == ["a", "b", "c"]
    # culling 50 %: a feature must be in at least half of the texts
    assert names(table.select(mfw=5, culling=50)) == ["b", "c"]
    assert names(table.select(mfw=(2, 3))) == ["c", "a"]


def test_vectorizer_relative_frequencies_and_names():
    vec = MFWVectorizer(mfw=3).fit(["x y x z", "x y w"])
    assert vec.get_feature_names_out().tolist() == ["x", "y", "w"]
    np.testing.assert_allclose(vec.transform(["x x y q"]), [[50.0, 25.0, 0.0]])


def test_vectorizer_word_list_comes_from_training_texts_only():
    vec = MFWVectorizer(mfw=2).fit(["a a b", "a b b"])
    assert "zzz" not in vec.get_feature_names_out()
    assert vec.transform(["zzz zzz zzz"]).tolist() == [[0.0, 0.0]]


def test_vectorizer_zscores_use_training_statistics():
    train = ["a a b", "a b b", "a b b b"]
    vec = MFWVectorizer(mfw=2, scale=True).fit(train)
    Z = vec.transform(train)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0, ddof=1), 1)


def test_pronoun_removal_and_culling():
    texts = ["he said it was he", "she said it", "we said nothing"]
    vec = MFWVectorizer(mfw=10, remove_pronouns=True, culling=60).fit(texts)
    assert vec.get_feature_names_out().tolist() == ["said", "it"]


def test_vectorizer_pandas_output():
    vec = MFWVectorizer(mfw=2).set_output(transform="pandas")
    frame = vec.fit_transform(["a a b", "a b c"])
    assert isinstance(frame, pd.DataFrame) and frame.columns.tolist() == ["a", "b"]


def test_vectorizer_empty_and_bad_input():
    vec = MFWVectorizer(mfw=2).fit(["a b"])
    assert vec.transform([]).shape == (0, 2)
    with pytest.raises(TypeError, match="list of documents"):
        vec.transform("a b")
    with pytest.raises(ValueError, match="mfw"):
        MFWVectorizer(mfw=0).fit(["a"])
    with pytest.raises(ValueError, match="did you mean 'char'"):
        MFWVectorizer(analyzer="chars").fit(["a"])
