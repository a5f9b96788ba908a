"""Shared word knowledge for the detectors: function words, lemmas, part-of-speech tags.

Everything here loads an NLTK resource from the data home once per process (``lru_cache``), so
detectors can call these functions freely on hot paths.
"""

from __future__ import annotations

from functools import lru_cache

from rhetoric.datahome import require_nltk

# Words that carry grammar rather than content, beyond NLTK's English stopword list: modal and
# auxiliary forms, and the commonest determiners, quantifiers and adverbs of degree.
_EXTRA_FUNCTION_WORDS = {
    "shall", "may", "might", "must", "would", "could", "should", "can", "cannot", "will", "upon",
    "also", "yet", "us", "every", "within", "without", "whose", "among", "amongst", "thus",
    "therefore", "however", "one", "ones", "much", "many", "even", "still", "ever", "never",
    "let", "unto", "shall", "hath", "thee", "thou", "thy", "whilst", "though", "although",
    "per", "via", "whether", "toward", "towards", "onto", "since", "while",
}  # fmt: skip


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """NLTK's English stopwords plus modal, auxiliary and other grammatical words (lower case)."""
    require_nltk("corpora/stopwords")
    from nltk.corpus import stopwords

    words = {w.replace("’", "'") for w in stopwords.words("english")}
    return frozenset(words | _EXTRA_FUNCTION_WORDS)


def is_function_word(norm: str) -> bool:
    """True for a grammatical word (``norm`` is the normalised, lower-case form)."""
    return norm in function_words()


def is_content_word(norm: str) -> bool:
    """True for a word with lexical content: not a function word, not a number, not one letter."""
    return len(norm) > 1 and not norm.isdigit() and norm not in function_words()


@lru_cache(maxsize=1)
def _wordnet():
    require_nltk("corpora/wordnet")
    from nltk.corpus import wordnet

    wordnet.ensure_loaded()
    return wordnet


def wordnet():
    """NLTK's WordNet reader, loaded from the data home."""
    return _wordnet()


@lru_cache(maxsize=65536)
def lemma(norm: str, pos: str | None = None) -> str:
    """The WordNet base form of a lower-case word (``pos`` one of ``n v a r``), else the word.

    >>> lemma("running", "v"), lemma("countries")
    ('run', 'country')
    """
    word = norm.replace("'", "")
    wn = _wordnet()
    if pos:
        return wn.morphy(word, pos) or norm
    for tag in ("n", "v", "a", "r"):
        base = wn.morphy(word, tag)
        if base:
            return base
    return norm


@lru_cache(maxsize=1)
def _tagger():
    require_nltk("taggers/averaged_perceptron_tagger_eng/")
    from nltk.tag.perceptron import PerceptronTagger

    return PerceptronTagger()


def pos_tag(words: list[str]) -> list[str]:
    """Penn Treebank tags for a sentence's words (NLTK's averaged perceptron tagger).

    >>> pos_tag(["We", "choose", "the", "moon"])
    ['PRP', 'VBP', 'DT', 'NN']
    """
    return [tag for _, tag in _tagger().tag(words)] if words else []
