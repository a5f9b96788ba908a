"""Epizeuxis: a word or short phrase said again at once ("never, never"; "to act, to act").

A unit of one to :data:`MAX_UNIT_WORDS` words is followed immediately, with nothing but white
space or punctuation between, by the same words (ignoring case). The unit must hold a content
word; a lone function word counts only when punctuation separates the copies ("no, no"), so the
grammatical doubling of "that that" or "had had" is not epizeuxis. Idioms with a word between
the copies ("hand in hand") are not immediate repetition and are not found. A phrase (or word)
repeated three times or more gives one span over the whole run.
"""

from __future__ import annotations

import re

from rhetoric.lexicon import is_content_word
from rhetoric.span import Span
from rhetoric.text import Document, as_document

DEVICE = "epizeuxis"
#: Longest repeated unit, in words.
MAX_UNIT_WORDS = 3

_SEPARATOR = re.compile(r"[\s,;:!.\u2014\u2013\-\u2026]*")
_PUNCTUATED = re.compile(r"[,;:!.\u2014\u2013\-\u2026]")


def find_epizeuxis(text_or_doc: str | Document, *, doc_id: str | None = None) -> list[Span]:
    """Find immediate repetitions of a word or short phrase.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to analyse.
    doc_id : str, optional
        A name carried into every span.

    Returns
    -------
    list of Span
        ``device="epizeuxis"``, ``kind`` ``word`` or ``phrase``; one span over the whole run
        of copies, ``group`` naming the figure, ``evidence`` the unit and its count.

    Examples
    --------
    >>> [(s.text, s.kind) for s in find_epizeuxis("Work, work, work is all they know.")]
    [('Work, work, work', 'word')]
    >>> find_epizeuxis("They walked hand in hand, and that that was new.")
    []
    """
    doc = as_document(text_or_doc, doc_id)
    words = doc.words
    if len(words) < 2:
        return []
    keys = doc.keys
    sentence_of = doc.sentence_of
    text = doc.text
    content = [is_content_word(k) for k in keys]

    def gap(i: int) -> str:  # the text between word i - 1 and word i
        return text[words[i - 1].end : words[i].start]

    def joined(i: int) -> bool:  # word i follows word i - 1 with only punctuation or space between
        return (
            sentence_of[i] == sentence_of[i - 1]
            and _SEPARATOR.fullmatch(gap(i)) is not None
            and "\n\n" not in gap(i)
        )

    spans: list[Span] = []
    i = 0
    while i < len(words):
        found = None
        for n in range(1, MAX_UNIT_WORDS + 1):
            if i + 2 * n > len(words):
                break
            if keys[i : i + n] != keys[i + n : i + 2 * n] or not all(
                joined(k) for k in range(i + 1, i + 2 * n)
            ):
                continue
            if not any(content[i : i + n]) and not (n == 1 and _PUNCTUATED.search(gap(i + 1))):
                continue
            if any(k.isdigit() for k in keys[i : i + n]):
                continue
            copies = 2
            while (
                i + (copies + 1) * n <= len(words)
                and keys[i + copies * n : i + (copies + 1) * n] == keys[i : i + n]
                and all(joined(k) for k in range(i + copies * n, i + (copies + 1) * n))
            ):
                copies += 1
            found = (n, copies)
            break
        if found is None:
            i += 1
            continue
        n, copies = found
        end = i + copies * n - 1
        unit = " ".join(w.text for w in words[i : i + n])
        score = min(
            1.0, 0.6 + 0.1 * (copies - 2) + (0.2 if _PUNCTUATED.search(gap(i + n)) else 0.0)
        )
        spans.append(
            doc.span(
                words[i].start,
                words[end].end,
                device=DEVICE,
                kind="word" if n == 1 else "phrase",
                group=f"{DEVICE}-{len(spans) + 1}",
                score=round(score, 3),
                evidence=f'"{unit}" said {copies} times in a row',
            )
        )
        i = end + 1
    return spans
