"""Validation and attribution: balanced leave-one-out folds, texts too short to attribute."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rhetoric.stylometry.validation import MIN_WORDS, attribute, balanced_loo_splits, cross_validate


def test_two_texts_per_author_leave_one_each():
    folds = balanced_loo_splits(["a", "a", "b", "b", "c", "c"])
    assert [test.tolist() for _, test in folds] == [[0], [1], [2], [3], [4], [5]]
    train, _ = folds[0]
    assert train[0] == 1  # the held-out author's other text
    labels = np.array(list("aabbcc"))
    assert Counter(labels[train].tolist()) == {"a": 1, "b": 1, "c": 1}


def test_a_smaller_author_is_kept_whole():
    labels = np.array(list("abbbcccc"))
    folds = balanced_loo_splits(labels)
    train, _ = folds[4]  # a text of c: three left, so b keeps 3 and a its only text
    assert Counter(labels[train].tolist()) == {"a": 1, "b": 3, "c": 3}
    train, _ = folds[0]  # a's only text: nothing of a left, every other author keeps one
    assert Counter(labels[train].tolist()) == {"b": 1, "c": 1}


def test_the_draw_is_seeded():
    labels = list("aabbbbcccc")
    first = [t.tolist() for t, _ in balanced_loo_splits(labels, random_state=3)]
    again = [t.tolist() for t, _ in balanced_loo_splits(labels, random_state=3)]
    assert first == again


@given(st.lists(st.sampled_from("abcd"), min_size=1, max_size=30), st.integers(0, 5))
def test_fold_invariants(labels, seed):
    y = np.array(labels)
    folds = balanced_loo_splits(y, random_state=seed)
    assert len(folds) == len(y)
    for i, (train, test) in enumerate(folds):
        assert test.tolist() == [i]
        assert i not in train.tolist()
        assert len(set(train.tolist())) == len(train)
        left = int((y == y[i]).sum()) - 1
        keep = max(left, 1)
        counts = Counter(y[train].tolist())
        for author in set(labels):
            size = int((y == author).sum())
            expected = left if author == y[i] else min(keep, size)
            assert counts.get(author, 0) == expected


def test_cross_validate_names_the_scheme():
    texts = ["the cat sat on the mat"] * 3 + ["a dog ran to a park"] * 3
    result = cross_validate(texts, list("aaabbb"), method="burrows", mfw=10, cv="loo_balanced")
    assert result.summary["cv"].item() == "loo_balanced"
    assert result.summary["accuracy"].item() == 1.0
    with pytest.raises(ValueError, match="did you mean 'loo_balanced'"):
        cross_validate(texts, list("aaabbb"), cv="loo_balance")


TRAIN = ["upon the whole upon it whilst"] * 3 + ["on the whole on it while"] * 3


@pytest.mark.parametrize("method", ["default", "burrows"])
def test_a_text_without_words_gets_no_probability(method):
    long_text = " ".join(["upon the whole upon it whilst"] * 20)  # 120 words: no warning
    with pytest.warns(UserWarning, match=r"left out empty, digits: no words") as caught:
        result = attribute(TRAIN, list("HHHMMM"), ["", "123 456", long_text], method=method,
                           mfw=10, test_ids=["empty", "digits", "long"])  # fmt: skip
    assert result["doc_id"].tolist() == ["long"] and result["predicted"].tolist() == ["H"]
    assert not any("fewer than" in str(w.message) for w in caught)


def test_a_short_text_is_attributed_with_a_warning():
    with pytest.warns(UserWarning, match=rf"fewer than {MIN_WORDS} words: one \(1\); .*unreliable"):
        result = attribute(TRAIN, list("HHHMMM"), ["upon"], method="burrows", mfw=10,
                           test_ids=["one"])  # fmt: skip
    assert result["doc_id"].tolist() == ["one"]


def test_only_wordless_texts_give_an_empty_table():
    with pytest.warns(UserWarning, match="no words"):
        result = attribute(TRAIN, list("HHHMMM"), [""], method="burrows", mfw=10)
    assert result.empty


def test_a_training_text_without_words_is_left_out():
    long_text = " ".join(["upon the whole upon it whilst"] * 20)
    with pytest.warns(UserWarning, match=r"training text\(s\) doc3: no words"):
        result = attribute([*TRAIN[:3], "", *TRAIN[3:]], list("HHHMMMM"), [long_text],
                           method="burrows", mfw=10)  # fmt: skip
    assert result["predicted"].tolist() == ["H"]
    with pytest.warns(UserWarning, match=r"training text\(s\) blank: no words"):
        attribute([*TRAIN[:3], "", *TRAIN[3:]], list("HHHMMMM"), [long_text], method="burrows",
                  mfw=10, train_ids=["h1", "h2", "h3", "blank", "m1", "m2", "m3"])  # fmt: skip


def test_cross_validation_leaves_out_texts_without_words():
    with pytest.warns(UserWarning, match="left out blank: no words"):
        result = cross_validate([*TRAIN, ""], list("HHHMMMM"), method="burrows", mfw=10,
                                doc_ids=["h1", "h2", "h3", "m1", "m2", "m3", "blank"])  # fmt: skip
    assert result.summary["n"].item() == 6 and "blank" not in set(result.predictions["doc_id"])
    assert result.summary["accuracy"].item() == 1.0


def test_texts_without_words_that_leave_one_author_are_an_input_error():
    from rhetoric.errors import InputError

    with pytest.raises(InputError, match="no text of M has words"):
        cross_validate([*TRAIN[:3], "", "1 2"], list("HHHMM"), method="burrows", mfw=10)
    with pytest.raises(InputError, match="none of the texts has a word"):
        cross_validate(["", "1", "2", "!"], list("HHMM"), method="burrows", mfw=10)
    with pytest.raises(InputError, match="no text of M has words"):
        attribute([*TRAIN[:3], ""], list("HHHM"), ["upon the whole"], method="burrows", mfw=10)


def test_character_ngrams_do_not_warn_that_a_text_has_few_words():
    import warnings

    texts = ["天下大事分久必合合久必分" * 30, "天下大勢分久必合合久必分" * 30] * 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        attribute(texts, list("ABABAB"), ["天下大事分久必合" * 40], method="burrows",
                  mfw=20, vectorizer={"analyzer": "char", "ngram": 2})  # fmt: skip


def test_names_of_the_wrong_length_are_one_usage_error():
    """test_ids / doc_ids / train_ids of the wrong length gave an IndexError deep inside, or
    were silently truncated."""
    from rhetoric.errors import UsageError
    from rhetoric.stylometry.validation import attribute, cross_validate

    train = ["the cat sat on the mat"] * 2 + ["a dog ran to a park"] * 2
    tests = ["the cat sat", "a dog ran", "the mat"]
    with pytest.raises(UsageError, match="test_ids has 2 names but test_texts has 3"):
        attribute(train, list("aabb"), tests, method="burrows", mfw=5, test_ids=["x", "y"])
    with pytest.raises(UsageError, match="test_ids has 4 names but test_texts has 3"):
        attribute(train, list("aabb"), tests, method="burrows", mfw=5, test_ids=list("wxyz"))
    with pytest.raises(UsageError, match="train_ids has 1 names but train_texts has 4"):
        attribute(train, list("aabb"), tests, method="burrows", mfw=5, train_ids=["t"])
    with pytest.raises(UsageError, match="train_labels has 3"):
        attribute(train, list("aab"), tests, method="burrows", mfw=5)
    with pytest.raises(UsageError, match="doc_ids has 3 names but texts has 4"):
        cross_validate(train, list("aabb"), method="burrows", mfw=5, doc_ids=list("xyz"))
    with pytest.raises(UsageError, match="doc_ids has 5 names but texts has 4"):
        cross_validate(train, list("aabb"), method="burrows", mfw=5, doc_ids=list("vwxyz"))
    with pytest.raises(UsageError, match="labels has 3"):
        cross_validate(train, list("aab"), method="burrows", mfw=5)


def test_a_table_given_as_texts_is_refused_naming_its_columns():
    import pandas as pd

    from rhetoric.errors import DocumentsTypeError
    from rhetoric.stylometry import frequency_table

    table = pd.DataFrame({"doc_id": ["a", "b"], "clean_text": ["the cat sat", "a dog ran"]})
    with pytest.raises(DocumentsTypeError, match=r"not a table .*'clean_text'.*table\['text'\]"):
        frequency_table(table, mfw=10)


def test_a_missing_text_is_left_out_and_bytes_are_refused():
    import pandas as pd

    from rhetoric.errors import InputError
    from rhetoric.stylometry import MFWVectorizer

    test = pd.Series([np.nan, "upon the whole the cat sat"])
    with pytest.warns(UserWarning, match="left out doc0: no words"):
        result = attribute(["the cat sat"] * 2 + ["a dog ran"] * 2, list("xxyy"), test,
                           method="burrows", mfw=10)  # fmt: skip
    assert result["doc_id"].tolist() == ["doc1"]
    with pytest.raises(InputError, match="a text is bytes, not str"):
        MFWVectorizer(5).fit_transform([b"the cat", b"a dog"])


def test_attribution_with_one_author_is_refused():
    from rhetoric.errors import UsageError

    with pytest.raises(UsageError, match="train_labels name 1 author"):
        attribute(["the cat sat", "the cat ran"], ["H", "H"], ["the cat"], method="burrows")


def test_a_tokenizer_function_reads_the_texts_lowercased_when_asked():
    from rhetoric.stylometry import MFWVectorizer

    words = MFWVectorizer(10, tokenizer=str.split).fit(["The THE the cat"]).get_feature_names_out()
    assert sorted(words) == ["cat", "the"]


def test_cross_validation_says_authors_of_one_text_and_names_estimators_apart():
    from rhetoric.stylometry import DeltaClassifier

    texts = ["the cat sat on the mat"] * 3 + ["a dog ran to a park"] * 3 + ["upon the whole"]
    labels = [*"aaabbb", "c"]
    methods = [DeltaClassifier("burrows"), DeltaClassifier("cosine_delta")]
    with pytest.warns(UserWarning, match=r"1 author\(s\) with one text \(c\)"):
        result = cross_validate(texts, labels, method=methods, mfw=10)
    assert result.summary["method"].tolist() == [
        "DeltaClassifier()",
        "DeltaClassifier(metric='cosine_delta')",
    ]


def test_texts_are_named_as_everywhere_in_the_package():
    import pandas as pd

    from rhetoric.stylometry import frequency_table

    texts = ["the cat sat on the mat"] * 2 + ["a dog ran to a park"] * 2
    assert frequency_table(texts, mfw=5).index.tolist() == ["doc0", "doc1", "doc2", "doc3"]
    papers = pd.Series(texts, index=["H1", "H2", "M1", "M2"])  # a Series names its texts
    assert frequency_table(papers, mfw=5).index.tolist() == ["H1", "H2", "M1", "M2"]
    result = attribute(papers[:3], list("xxy"), papers[3:], method="burrows", mfw=5)
    assert result["doc_id"].tolist() == ["M2"]
