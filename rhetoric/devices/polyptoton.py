"""Polyptoton: one root in different forms close together ("rule ... ruler", "hope as we hoped").

Two content words of one sentence, at most :data:`WINDOW` words apart, share a root when they
have a WordNet lemma in common (*sang* / *sung*), when the Porter stems of their lemmas or of the
words WordNet derives them from meet (*ruler* / *rule*, *prosperous* / *prosper*, *truly* /
*true*), or when one stem is the other with a common derivational prefix
(*em-*, *en-*, *un-*, *dis-*, *mis-*, *over-*, *under-*; not *re-*, which joins too many unrelated
words). The forms must differ: the same word repeated is repetition, not polyptoton, unless one
copy is a verb after "to" or a modal and the other is not a verb (then the grammar, not the
spelling, changes the form). A bare plural beside its singular
("state ... states") is also not enough on its own; it needs the same change of part of speech.
Capitalised words inside a sentence (names) are skipped.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress
from typing import NamedTuple

from rhetoric.lexicon import (
    is_content_word,
    lemma,
    linked_lemma_names,
    porter_stem,
    wordnet,
)
from rhetoric.span import Span
from rhetoric.text import Document, as_document, per_document

DEVICE = "polyptoton"
#: Largest distance between the two forms, in words.
WINDOW = 10
PREFIXES = ("em", "en", "un", "dis", "mis", "over", "under")
_MIN_PREFIXED_STEM = 4
# Words after which a form is surely a verb (an infinitive or a modal's complement).
VERB_MARKERS = frozenset("to will shall would could should can cannot may might must".split())


@lru_cache(maxsize=65536)
def lemmas(key: str) -> frozenset[str]:
    """Every WordNet base form of a lower-case word (as noun, verb, adjective, adverb), and the word.

    >>> sorted(lemmas("sung"))
    ['sing', 'sung']
    """
    wn = wordnet()
    found = {key}
    for pos in ("n", "v", "a", "r"):
        base = wn.morphy(key, pos)
        if base:
            found.add(base)
    return frozenset(found)


@lru_cache(maxsize=65536)
def roots(key: str) -> frozenset[str]:
    """The roots of a lower-case word: Porter stems of its lemmas, of the words WordNet derives
    them from or into (*ruler* / *rule*), and of the adjective of an *-ly* adverb.

    >>> "rule" in roots("ruler"), "true" in roots("truly"), "prosper" in roots("prosperous")
    (True, True, True)
    """
    related = set(lemmas(key))
    for base in lemmas(key):
        related.update(linked_lemma_names(base, ("+", "\\")))  # derivations and pertainyms
    return frozenset(porter_stem(word) for word in related if "_" not in word)


@lru_cache(maxsize=65536)
def root(key: str) -> str:
    """The main root of a word: the Porter stem of its first WordNet lemma.

    >>> root("endured"), root("prosperous")
    ('endur', 'prosper')
    """
    return porter_stem(lemma(key))


def _prefixed(a: str, b: str) -> bool:
    """True when stem ``b`` is stem ``a`` with a derivational prefix (or the other way round)."""
    if len(a) > len(b):
        a, b = b, a
    return len(a) >= _MIN_PREFIXED_STEM and any(b == p + a for p in PREFIXES)


def _coarse(tag: str) -> str:
    return tag[:1] if tag[:1] in "NVJR" else "X"


def find_polyptoton(text_or_doc: str | Document, *, doc_id: str | None = None) -> list[Span]:
    """Find one root used in different forms within a few words.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to analyse.
    doc_id : str, optional
        A name carried into every span.

    Returns
    -------
    list of Span
        ``device="polyptoton"``; ``kind`` ``inflection`` (same lemma), ``derivation`` (same stem,
        other lemma or an *-ly* adverb), ``prefix`` (a derivational prefix), ``conversion``
        (same spelling, verb and noun), ``comparative`` (a comparative or superlative beside its
        base), ``suffix`` (a derivational suffix WordNet does not list), ``affix`` (a prefix and a
        suffix at once) or ``verb_noun`` (an *-s* verb beside its noun); one span from the first
        form to the last, its own group.

    Examples
    --------
    >>> [(s.text, s.kind) for s in find_polyptoton("We will endure as we have endured before.")]
    [('endure as we have endured', 'inflection')]
    >>> find_polyptoton("Good words need good deeds.")
    []
    """
    doc = as_document(text_or_doc, doc_id)
    if len(doc.words) < 2:
        return []
    keys = doc.keys
    words = doc.words
    content, lower, initial, prefixed = _views(doc)
    spans: list[Span] = []
    for sentence in doc.prose:
        first, last = sentence.first_word, sentence.last_word
        if first == last:
            continue
        # content words made of letters; after the first, only those not capitalised
        candidates = [first] if content[first] else []
        candidates += compress(range(first + 1, last), lower[first + 1 : last])
        tags: list[str] | None = None
        used: set[int] = set()
        for a_pos, i in enumerate(candidates):
            if i in used:
                continue
            for j in candidates[a_pos + 1 :]:
                if j - i > WINDOW:
                    break
                if j in used:
                    continue
                # forms of different first letters share a root only through a prefix: most
                # pairs are answered here without the cached search
                if initial[i] != initial[j] and not prefixed[i] and not prefixed[j]:
                    continue
                kind = _related_forms(keys[i], keys[j])
                if kind is None:
                    continue
                if kind == "plural" and _verb_and_noun(keys, i, j, last):
                    kind = "verb_noun"
                if kind in ("same", "plural"):
                    if keys[j - 1] not in VERB_MARKERS and (
                        i == first or keys[i - 1] not in VERB_MARKERS
                    ):
                        continue  # neither copy is surely a verb: no need to tag
                    if tags is None:
                        tags = doc.sentence_tags(sentence)
                    ti, tj = _coarse(tags[i - first]), _coarse(tags[j - first])
                    verb_i = ti == "V" and i > first and keys[i - 1] in VERB_MARKERS
                    verb_j = tj == "V" and keys[j - 1] in VERB_MARKERS
                    if not ((verb_i and tj in "NJ") or (verb_j and ti in "NJ")):
                        continue
                    kind = "conversion" if kind == "same" else "inflection"
                used.update((i, j))
                score = {
                    "inflection": 0.7,
                    "derivation": 0.7,
                    "conversion": 0.6,
                    "prefix": 0.5,
                    "comparative": 0.7,
                    "suffix": 0.6,
                    "affix": 0.6,
                    "verb_noun": 0.6,
                }[kind]
                score = max(0.2, score - 0.02 * (j - i))
                spans.append(
                    doc.span(
                        words[i].start,
                        words[j].end,
                        device=DEVICE,
                        kind=kind,
                        group=f"{DEVICE}-{len(spans) + 1}",
                        score=round(score, 3),
                        evidence=f'one root, two forms: "{words[i].text}" / "{words[j].text}"',
                    )
                )
                break
    return spans


class _Views(NamedTuple):
    content: list[bool]  #: a content word made of letters
    lower: list[bool]  #: that, and not capitalised
    initial: list[str]  #: the key's first letter
    prefixed: list[bool]  #: the key starts with an affix prefix (:func:`_prefixes_of`)


@per_document
def _views(doc: Document) -> _Views:
    """Per-word facts the search reads, each distinct key or spelling judged once."""
    keys, words = doc.keys, doc.words
    distinct = set(keys)
    content = {k: is_content_word(k) and k.isalpha() for k in distinct}
    prefixed = {k: bool(_prefixes_of(k)) for k in distinct}
    content_words = list(map(content.__getitem__, keys))
    capital = {t: t[:1].isupper() for t in {w.text for w in words}}
    lower = [c and not capital[w.text] for c, w in zip(content_words, words, strict=True)]
    return _Views(
        content_words, lower, [k[:1] for k in keys], list(map(prefixed.__getitem__, keys))
    )


@lru_cache(maxsize=1 << 15)
def _related_forms(a: str, b: str) -> str | None:
    """How two word forms that may share a root share it, or None: ``same``, ``plural``,
    ``inflection``, ``derivation``, ``prefix``, ... (the finder asks only for pairs of the same
    first letter or with a prefix). A pure function of the two strings, cached: the same pairs
    of content words recur across the sentences of a corpus."""
    if a == b:
        return "same"
    if b in (a + "s", a + "es") or a in (b + "s", b + "es"):
        return "plural"
    if a[0] == b[0]:  # cheap filters first: inflected and derived forms keep their first letters
        if lemmas(a) & lemmas(b):
            return "inflection"
        if a[:3] == b[:3] and (root(a) == root(b) or roots(a) & roots(b)):
            return "derivation"
    if len(a) > len(b):
        a, b = b, a
    if any(b[len(p) : len(p) + 3] == a[:3] for p in _prefixes_of(b) if p in PREFIXES):
        return "prefix" if _prefixed(root(a), root(b)) else None
    if _comparative(a, b):
        return "comparative"
    return _affix_relation(a, b)


#: Derivational suffixes that turn a word into another of its family ("free" / "freedom").
SUFFIXES = ("dom", "ness", "ity", "ment", "ly", "ful", "less", "ous", "eous", "ice", "hood",
            "ship", "ism", "ance", "ence", "ive", "al")  # fmt: skip
#: Prefixes taken off before the suffixes are compared (the derivational ones, and the first
#: parts of compounds that keep the word's root: "self-righteousness", "internationality").
AFFIX_PREFIXES = (*PREFIXES, "self", "inter", "non", "counter")
_MIN_SUFFIXED_BASE = 4


@lru_cache(maxsize=1 << 16)
def _prefixes_of(word: str) -> tuple[str, ...]:
    """The prefixes of :data:`AFFIX_PREFIXES` that ``word`` starts with, in that order."""
    return tuple(p for p in AFFIX_PREFIXES if word.startswith(p))


def _affix_relation(a: str, b: str) -> str | None:
    """``suffix`` when one word is the other plus a derivational suffix ("free" / "freedom"),
    ``affix`` when that holds once a prefix is taken off ("unjust" / "justice"); else None.

    >>> _affix_relation("freedom", "freely"), _affix_relation("unjust", "justice")
    ('suffix', 'affix')
    """
    if a[:3] == b[:3] and (_suffixed(a, b) or _suffixed(b, a)):
        return "suffix"
    for x, y in ((a, b), (b, a)):
        for p in _prefixes_of(x):
            if x[len(p) : len(p) + 3] == y[:3]:
                base = x[len(p) :]
                if base == y or _suffixed(base, y) or _suffixed(y, base):
                    return "affix"
    return None


@lru_cache(maxsize=65536)
def _suffixed(x: str, y: str) -> bool:
    """Is ``x`` ``y`` with one or two derivational suffixes ("righteousness" / "right"), or do
    both add suffixes to one base of at least four letters ("freedom" / "freely")?"""
    once_x = {x[: -len(f)] for f in SUFFIXES if x.endswith(f)}
    bases_x = {x} | once_x | {b[: -len(f)] for b in once_x for f in SUFFIXES if b.endswith(f)}
    bases_y = {y[: -len(f)] for f in SUFFIXES if y.endswith(f)}
    shared = {b for b in bases_x & (bases_y | {y}) if len(b) >= _MIN_SUFFIXED_BASE}
    # any shared base that is a word (not a set's first one: its order follows the hash seed)
    return x != y and any(wordnet().synsets(base) for base in sorted(shared))


#: Words after which a form is surely a noun.
_DETERMINERS = frozenset("the a an its their our his her my your this that these those".split())


def _verb_and_noun(keys: list[str], i: int, j: int, end: int) -> bool:
    """ "balances its budget ... the balance": the -s form followed by a determiner (a verb with
    its object), the bare form after a determiner (a noun)."""
    s_form, bare = (i, j) if len(keys[i]) > len(keys[j]) else (j, i)
    return (
        s_form + 1 < end
        and keys[s_form + 1] in _DETERMINERS
        and bare > 0
        and keys[bare - 1] in _DETERMINERS
    )


def _comparative(base: str, form: str) -> bool:
    """True when ``form`` is the comparative or superlative of the adjective ``base`` ("large" /
    "larger", "big" / "biggest", "happy" / "happier"), which WordNet often lists as words of
    their own.

    >>> _comparative("large", "larger"), _comparative("big", "bigger"), _comparative("bag", "bagger")
    (True, True, False)
    """
    if len(base) < 3 or not form.startswith(base[:-1]):
        return False
    stems = {base, base[:-1] + "i" if base.endswith("y") else base, base + base[-1]}
    endings = ("r", "st") if base.endswith("e") else ("er", "est")
    if not any(form == stem + ending for stem in stems for ending in endings):
        return False
    return "a" in {s.pos() for s in wordnet().synsets(base)} or any(
        s.pos() == "s" for s in wordnet().synsets(base)
    )
