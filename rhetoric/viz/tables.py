"""Tidy tables the plots read: where spans and terms fall in documents, and word counts.

These turn analyses and texts into long-form DataFrames (one row per occurrence), the input of
:func:`rhetoric.viz.plots.device_map`, :func:`~rhetoric.viz.plots.dispersion` and
:func:`~rhetoric.viz.plots.contrast`.
"""

from __future__ import annotations

import bisect
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from rhetoric.documents import default_doc_id
from rhetoric.errors import UsageError, check_documents
from rhetoric.text import Document, normalize

#: Columns of :func:`locate_spans`.
LOCATED_COLUMNS = [
    "doc_id", "device", "kind", "start", "end", "text", "group",
    "paragraph", "sentence", "word_index", "n_words", "n_paragraphs", "position",
    "doc_start", "corpus_index",
]  # fmt: skip

#: Columns of :func:`term_positions`.
TERM_COLUMNS = [
    "doc_id", "term", "start", "end", "text", "word_index", "n_words", "position",
    "doc_start", "corpus_index",
]  # fmt: skip


def as_documents(documents: object, doc_ids: Iterable[str] | None = None) -> list[Document]:
    """Documents of a corpus (:func:`rhetoric.documents.as_documents`), renamed by ``doc_ids`` if given.

    >>> [d.doc_id for d in as_documents({"a": "One.", "b": "Two."})]
    ['a', 'b']
    """
    from rhetoric.documents import as_documents as corpus_documents

    result = corpus_documents(documents)
    if doc_ids is not None:
        names = [str(n) for n in doc_ids]
        if len(names) != len(result):
            raise UsageError(f"doc_ids has {len(names)} names for {len(result)} documents")
        result = [
            Document(d.text, n, metadata=d.metadata) for d, n in zip(result, names, strict=True)
        ]
    return result


def _index_of(starts: list[int], offset: int) -> int:
    """Index of the segment (by sorted start offsets) containing ``offset``; -1 before the first."""
    return bisect.bisect_right(starts, offset) - 1


def locate_spans(analyses: object) -> pd.DataFrame:
    """Where each span falls: paragraph, sentence, word and relative position, for device maps.

    Parameters
    ----------
    analyses : Analysis or list of Analysis
        Results of :func:`rhetoric.analyze` (one document, or a corpus in order). Anything with
        ``.doc`` (a :class:`~rhetoric.text.Document`) and ``.device_spans`` (and optionally
        ``.frame_spans``) works.

    Returns
    -------
    DataFrame
        One row per span, by position: ``doc_id``, ``device``, ``kind``, ``start``, ``end``, ``text``,
        ``group``; ``paragraph`` / ``sentence`` (int, 0-based index of the one holding the span's
        start), ``word_index`` (int, first word of the span), ``n_words`` and ``n_paragraphs`` of
        the document, ``position`` (float in [0, 1], ``word_index / n_words``), ``doc_start``
        (int, the document's first word in the corpus) and ``corpus_index`` (int,
        ``doc_start + word_index``).

    Examples
    --------
    >>> from rhetoric.span import Span
    >>> from types import SimpleNamespace
    >>> doc = Document("First part here.\\n\\nSecond part, here again.")
    >>> spans = [doc.span(31, 35, device="repetition", kind="word")]
    >>> locate_spans(SimpleNamespace(doc=doc, device_spans=spans))[["paragraph", "word_index", "position"]]
       paragraph  word_index  position
    0          1           5  0.714286
    """
    items = [analyses] if hasattr(analyses, "doc") else check_documents("analyses", analyses)
    names = [a.doc.doc_id if a.doc.doc_id is not None else str(n) for n, a in enumerate(items)]
    if len(set(names)) < len(names):
        # texts analysed without a doc_id are all "doc0": merged under one id, their spans would
        # read as one document's
        repeated = next(n for n in names if names.count(n) > 1)
        warnings.warn(
            f"several analyses have doc_id {repeated!r}: they are named by their position "
            "(doc0, doc1, ...); give analyze(..., doc_id=) to name them",
            UserWarning,
            stacklevel=2,
        )
        names = [default_doc_id(n) for n in range(len(items))]
    rows = []
    offset = 0
    for number, analysis in enumerate(items):
        doc: Document = analysis.doc
        doc_id = names[number]
        paragraph_starts = [p.start for p in doc.paragraphs]
        sentence_starts = [s.start for s in doc.sentences]
        word_starts = doc.word_starts
        n_words = len(word_starts)
        spans = [*analysis.device_spans, *getattr(analysis, "frame_spans", [])]
        for span in sorted(spans, key=lambda s: (s.start, s.end, s.device, s.kind)):
            word = min(bisect.bisect_left(word_starts, span.start), max(n_words - 1, 0))
            rows.append(
                (doc_id, span.device, span.kind, span.start, span.end, span.text, span.group,
                 max(_index_of(paragraph_starts, span.start), 0), max(_index_of(sentence_starts, span.start), 0),
                 word, n_words, len(paragraph_starts), word / n_words if n_words else 0.0,
                 offset, offset + word)
            )  # fmt: skip
        offset += n_words
    return _typed(pd.DataFrame(rows, columns=LOCATED_COLUMNS))


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    ints = [c for c in ("start", "end", "paragraph", "sentence", "word_index", "n_words",
                        "n_paragraphs", "doc_start", "corpus_index") if c in table.columns]  # fmt: skip
    return table.astype({**dict.fromkeys(ints, "int64"), "position": "float64"})


def parse_term(term: str) -> list[tuple[str, bool]]:
    """A search term as ``(normalised word, is_prefix)`` pieces; ``*`` ends a prefix.

    >>> parse_term("National secur*")
    [('national', False), ('secur', True)]
    """
    if not isinstance(term, str) or not term.strip():
        raise UsageError(
            f"term={term!r} is not valid; give one or more words, such as 'security' or 'secur*'"
        )
    pieces = []
    for piece in term.split():
        prefix = piece.endswith("*")
        pieces.append((normalize(piece.rstrip("*")), prefix))
    return pieces


def find_term(doc: Document, term: str) -> list[tuple[int, int]]:
    """Matches of ``term`` in the words of ``doc``, as ``(first word, last word exclusive)``.

    Words are compared in their normalised form (case and quote style ignored); a piece ending
    in ``*`` matches any word starting with it.

    >>> doc = Document("Security first. The secure way is SECURITY.")
    >>> find_term(doc, "security"), find_term(doc, "secur*")
    ([(0, 1), (6, 7)], [(0, 1), (3, 4), (6, 7)])
    """
    pieces = parse_term(term)
    norms = np.array([w.norm for w in doc.words], dtype=object)
    if len(norms) < len(pieces):
        return []
    n = len(norms) - len(pieces) + 1
    mask = np.ones(n, dtype=bool)
    for shift, (word, prefix) in enumerate(pieces):
        window = norms[shift : shift + n]
        if prefix:
            mask &= np.fromiter((w.startswith(word) for w in window), dtype=bool, count=n)
        else:
            mask &= window == word
    return [(int(i), int(i) + len(pieces)) for i in np.flatnonzero(mask)]


def term_positions(
    documents: object, terms: str | Iterable[str], *, doc_ids: Iterable[str] | None = None
) -> pd.DataFrame:
    """Every occurrence of some terms across a corpus, for a dispersion plot.

    Parameters
    ----------
    documents : list of str or Document, mapping or Series
        The corpus, in order (see :func:`as_documents`).
    terms : str or list of str
        Words or phrases; ``*`` at the end of a word matches any ending.
    doc_ids : list of str, optional
        Names of the documents.

    Returns
    -------
    DataFrame
        One row per occurrence: ``doc_id``, ``term`` (as given), ``start`` / ``end`` (character
        offsets), ``text`` (the matched original text), ``word_index`` (int), ``n_words`` (int),
        ``position`` (float in [0, 1]), ``doc_start`` and ``corpus_index`` (int, word offsets in
        the whole corpus).

    Examples
    --------
    >>> term_positions(["War and peace.", "No war."], "war")[["doc_id", "text", "corpus_index"]]
      doc_id text  corpus_index
    0   doc0  War             0
    1   doc1  war             4
    """
    term_list = [terms] if isinstance(terms, str) else list(terms)
    rows = []
    offset = 0
    for doc in as_documents(documents, doc_ids):
        words = doc.words
        for term in term_list:
            for first, last in find_term(doc, term):
                start, end = words[first].start, words[last - 1].end
                rows.append(
                    (doc.doc_id, term, start, end, doc.text[start:end], first, len(words),
                     first / len(words), offset, offset + first)
                )  # fmt: skip
        offset += len(words)
    table = pd.DataFrame(rows, columns=TERM_COLUMNS)
    return _typed(table).sort_values(["corpus_index", "term"], kind="stable").reset_index(drop=True)


def word_counts(
    documents: object, *, content_words: bool = True, lemmatize: bool = False
) -> pd.Series:
    """Word frequencies of a (sub-)corpus, for :func:`rhetoric.stats.log_odds_ratio`.

    Parameters
    ----------
    documents : list of str or Document, mapping or Series
        The texts (boilerplate is left out, as everywhere).
    content_words : bool, default True
        Leave out function words (:func:`rhetoric.lexicon.is_content_word`) and numbers.
    lemmatize : bool, default False
        Count lemmas (:func:`rhetoric.lexicon.lemma`) instead of word forms.

    Returns
    -------
    pandas.Series
        Normalised word -> count (int), most frequent first; named ``count``.

    Examples
    --------
    >>> word_counts(["The war, the war and the peace."]).to_dict()
    {'war': 2, 'peace': 1}
    """
    from rhetoric.lexicon import is_content_word, lemma

    counter: Counter = Counter()
    for doc in as_documents(documents):
        norms = (w.norm for w in doc.words)
        if content_words:
            norms = (n for n in norms if not n.isdigit() and is_content_word(n))
        if lemmatize:
            norms = (lemma(n) for n in norms)
        counter.update(norms)
    items = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return pd.Series(dict(items), dtype="int64", name="count")


#: Columns of :func:`figure_instances`.
INSTANCE_COLUMNS = ["doc_id", "device", "kind", "group", "start", "end", "text", "n_spans", "score"]


def figure_instances(spans: pd.DataFrame, texts: object) -> pd.DataFrame:
    """One row per figure: the parts of a device instance (spans sharing a ``group``) joined.

    A two-part antithesis or chiasmus is two spans; a refrain is one span per occurrence. This
    table gives each instance once, from the start of its first span to the end of its last,
    with that stretch cut from the original text (so ``text == source[start:end]``).

    Parameters
    ----------
    spans : DataFrame
        A span table (:data:`rhetoric.span.SPAN_COLUMNS`): ``doc_id``, ``device``, ``kind``,
        ``start``, ``end``, ``group``, ``score``; a span without a group is its own instance.
    texts : mapping or DataFrame
        ``{doc_id: text}``, or a corpus table with ``doc_id`` and ``text`` (the texts the spans
        were found in).

    Returns
    -------
    DataFrame
        One row per instance, by document and position: ``doc_id`` (str), ``device``, ``kind``
        (str, of the first span), ``group`` (str or None), ``start``, ``end`` (int), ``text``
        (str, the whole figure), ``n_spans`` (int), ``score`` (float, the highest of its spans).
        No spans: an empty table with these columns.

    Examples
    --------
    >>> text = "Not for glory, but for duty. Rain."
    >>> spans = pd.DataFrame({"doc_id": ["d", "d", "d"], "device": ["antithesis", "antithesis", "alliteration"],
    ...                       "kind": ["correctio"] * 2 + ["sound"], "start": [0, 15, 29], "end": [13, 27, 33],
    ...                       "group": ["g1", "g1", None], "score": [0.9, 0.9, 0.5]})
    >>> figure_instances(spans, {"d": text})[["device", "text", "n_spans"]].values.tolist()
    [['antithesis', 'Not for glory, but for duty', 2], ['alliteration', 'Rain', 1]]
    """
    from rhetoric.figures import group_figures

    if not isinstance(texts, Mapping | pd.DataFrame):
        raise TypeError(
            f"texts must be a mapping of doc_id to text or a corpus DataFrame, not {type(texts).__name__}"
        )
    figures = group_figures(spans, texts, exclude=())
    return figures.rename(columns={"doc": "doc_id"})[INSTANCE_COLUMNS]
