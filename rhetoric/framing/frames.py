"""Frame keyword spans, per-document frame profiles and tidy corpus tables.

The frames are those of the Policy Frames Codebook (Boydstun, Card, Gross, Resnik and Smith
2014), the scheme of the Media Frames Corpus (Card et al. 2015) and SemEval-2023 Task 3. Their
annotated texts cannot be redistributed, so frames are measured here with transparent lexicons
(:meth:`~rhetoric.framing.Lexicon.policy_frames`, or any lexicon of your own).

How a profile is scored
-----------------------
Each keyword hit counts ``weight``: the term's weight in the lexicon (1, or 0.5/0.25 for weak
cues), times ``1 / k`` when ``k`` categories claim the same words (specificity), times
``1 + 0.5 * (n - 1)`` for a term of ``n`` words (a multiword term is stronger evidence). A
frame's ``score`` is the sum of its hit weights per 1,000 words of the document, so scores are
comparable across documents of different lengths; ``hits`` and ``per_1000`` are the raw counts.

Negation does not remove a frame: "no new taxes" is still an economic frame. Phrases that
change a word's sense are handled by the lexicon's exclusions and multiword terms instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Literal

import pandas as pd

from rhetoric.errors import check_documents, invalid_value
from rhetoric.framing.lexicons import Hit, Lexicon, as_lexicon
from rhetoric.span import Span
from rhetoric.text import Document, as_document

#: The 15 frames of the Policy Frames Codebook, in codebook order (``other`` has no lexicon).
FRAMES = (
    "economic",
    "capacity_and_resources",
    "morality",
    "fairness_and_equality",
    "legality_constitutionality_jurisprudence",
    "policy_prescription_and_evaluation",
    "crime_and_punishment",
    "security_and_defense",
    "health_and_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation_and_reputation",
    "other",
)

#: Columns of :func:`frame_profile`.
PROFILE_COLUMNS = ["frame", "hits", "per_1000", "share", "score", "dominant", "keywords"]

#: Columns of :func:`corpus_frame_table` (metadata columns follow).
CORPUS_COLUMNS = ["doc_id", "frame", "hits", "per_1000", "share", "score", "dominant", "n_words"]

LexiconLike = Lexicon | Mapping | str | None


def _hit_weight(hit: Hit) -> float:
    return hit.weight * (1.0 + 0.5 * (hit.n_words - 1))


def _ordered_categories(lexicon: Lexicon) -> list[str]:
    """Lexicon categories, in codebook order for the built-in frames."""
    categories = list(lexicon.categories)
    if set(categories) <= set(FRAMES):
        return [f for f in FRAMES if f in categories]
    return categories


def find_frames(
    text_or_doc: str | Document, lexicon: LexiconLike = None, *, doc_id: str | None = None
) -> list[Span]:
    """Frame keyword spans: every lexicon term found, as ``device="frame"``, ``kind=<frame>``.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to read.
    lexicon : Lexicon, dict, path or None
        ``None`` for the built-in Policy Frames lexicon; a dict ``{category: [terms]}``, a CSV,
        a LIWC-style ``.dic`` file or a :class:`Lexicon` for your own categories.
    doc_id : str, optional
        Carried into the spans when a string is given.

    Returns
    -------
    list of Span
        Sorted by position. ``score`` is the hit's weight (term weight times specificity, at
        most 1); ``evidence`` names the lexicon term that matched.

    Examples
    --------
    >>> spans = find_frames("Taxes rose while the troops waited.")
    >>> [(s.kind, s.text) for s in spans]
    [('economic', 'Taxes'), ('security_and_defense', 'troops')]
    """
    doc = as_document(text_or_doc, doc_id)
    lex = as_lexicon(lexicon)
    spans = [
        doc.span(h.start, h.end, device="frame", kind=h.category, score=min(1.0, h.weight),
                 evidence=f"lexicon term {h.term!r}")
        for h in lex.match(doc)
    ]  # fmt: skip
    return sorted(spans)


def _profile_rows(
    doc: Document, hits: list[Hit], categories: list[str], n_keywords: int
) -> list[dict]:
    n_words = doc.n_words
    counts: Counter[str] = Counter()
    weights: Counter[str] = Counter()
    keywords: dict[str, Counter[str]] = {c: Counter() for c in categories}
    for hit in hits:
        counts[hit.category] += 1
        weights[hit.category] += _hit_weight(hit)
        keywords.setdefault(hit.category, Counter())[doc.norm[hit.start : hit.end]] += 1
    total = sum(counts.values())
    rows = []
    for category in categories:
        hits_c = counts[category]
        rows.append({
            "frame": category,
            "hits": hits_c,
            "per_1000": 1000.0 * hits_c / n_words if n_words else 0.0,
            "share": hits_c / total if total else 0.0,
            "score": 1000.0 * weights[category] / n_words if n_words else 0.0,
            "keywords": [w for w, _ in keywords[category].most_common(n_keywords)],
        })  # fmt: skip
    best = max(rows, key=lambda r: r["score"], default=None)
    for row in rows:
        row["dominant"] = best is not None and best["score"] > 0 and row is best
    return rows


def frame_profile(
    text_or_doc: str | Document, lexicon: LexiconLike = None, *, n_keywords: int = 5,
    doc_id: str | None = None,
) -> pd.DataFrame:  # fmt: skip
    """The frame profile of one document: hits, rates, shares and scores of every frame.

    Parameters
    ----------
    text_or_doc : str or Document
        The text to profile.
    lexicon : Lexicon, dict, path or None
        As in :func:`find_frames` (default: the built-in Policy Frames lexicon).
    n_keywords : int, default 5
        How many of the most frequent matched words to list per frame.

    Returns
    -------
    pandas.DataFrame
        One row per lexicon category (all of them, zero rows included), sorted by ``score``
        descending: ``frame`` (str), ``hits`` (int, keyword occurrences), ``per_1000`` (float,
        hits per 1,000 words), ``share`` (float, share of all frame hits in the document),
        ``score`` (float, weighted hits per 1,000 words; see the module notes), ``dominant``
        (bool, True on the top-scoring frame when it has any hit), ``keywords`` (list of str,
        the most frequent matched words). An empty text gives all-zero rows.

    Examples
    --------
    >>> profile = frame_profile("The court ruled the tax law unconstitutional; taxes will fall.")
    >>> profile.loc[profile.dominant, "frame"].tolist()
    ['legality_constitutionality_jurisprudence']
    >>> economic = profile.set_index("frame").loc["economic"]
    >>> int(economic["hits"]), economic["keywords"]
    (2, ['tax', 'taxes'])
    """
    doc = as_document(text_or_doc, doc_id)
    lex = as_lexicon(lexicon)
    rows = _profile_rows(doc, lex.match(doc), _ordered_categories(lex), n_keywords)
    return _rows_to_frame(rows)


def _rows_to_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    frame = frame.astype({"hits": "int64", "per_1000": "float64", "share": "float64", "score": "float64",
                          "dominant": "bool"})  # fmt: skip
    return frame.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


def dominant_frame(text_or_doc: str | Document, lexicon: LexiconLike = None) -> str | None:
    """The frame with the highest score, or ``None`` when no frame term occurs.

    >>> dominant_frame("The army and navy were ready for war.")
    'security_and_defense'
    >>> dominant_frame("") is None
    True
    """
    profile = frame_profile(text_or_doc, lexicon)
    top = profile.loc[profile["dominant"], "frame"]
    return None if top.empty else str(top.iloc[0])


def analyze_frames(doc: Document) -> tuple[list[Span], list[dict]]:
    """Frame and stance spans plus frame rows for :func:`rhetoric.analyze`.

    Returns
    -------
    tuple
        ``(spans, rows)``: the frame keyword spans and the stance spans
        (:func:`~rhetoric.framing.find_stance`), sorted by position; and one dict per frame with
        at least one hit, ``{"frame", "score", "hits", "keywords"}``, sorted by score descending
        (``score`` rounded to 3 decimals).
    """
    from rhetoric.framing.stance import find_stance

    lex = Lexicon.policy_frames()
    hits = lex.match(doc)
    spans = [
        doc.span(h.start, h.end, device="frame", kind=h.category, score=min(1.0, h.weight),
                 evidence=f"lexicon term {h.term!r}")
        for h in hits
    ]  # fmt: skip
    spans.extend(find_stance(doc))
    rows = _profile_rows(doc, hits, _ordered_categories(lex), 5)
    rows = sorted((r for r in rows if r["hits"]), key=lambda r: -r["score"])
    records = [
        {
            "frame": r["frame"],
            "score": round(r["score"], 3),
            "hits": r["hits"],
            "keywords": r["keywords"],
        }
        for r in rows
    ]
    return sorted(spans), records


def corpus_frame_table(
    documents: pd.DataFrame | Iterable[str | Document],
    lexicon: LexiconLike = None,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    metadata: Iterable[str] | Literal["all"] | None = "all",
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    """A tidy table of frame profiles: one row per document and frame, ready for seaborn.

    Parameters
    ----------
    documents : DataFrame or list of str / Document
        A corpus table (as from :func:`rhetoric.load_state_union`) or a list of texts.
    lexicon : Lexicon, dict, path or None
        As in :func:`find_frames`.
    text, doc_id : str
        The columns holding the text and the document id (for a DataFrame).
    metadata : list of str, "all" or None, default "all"
        Columns of ``documents`` repeated on every row of their document (``"all"``: every
        column except the text columns and ``path``; ``None``: none).
    n_jobs : int, default 1
        Worker processes (``-1``: every core), through :mod:`rhetoric.runner`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id`` (str), ``frame`` (str), ``hits`` (int), ``per_1000`` (float),
        ``share`` (float), ``score`` (float), ``dominant`` (bool), ``n_words`` (int), then the
        metadata columns (e.g. ``year``). Rows are in document order, frames in codebook order.
        An empty corpus gives an empty table with these columns.

    Examples
    --------
    >>> table = corpus_frame_table(["War and troops.", "Taxes and jobs."])
    >>> table.loc[table.dominant, ["doc_id", "frame"]].values.tolist()
    [['doc0', 'security_and_defense'], ['doc1', 'economic']]
    """
    from rhetoric.documents import iter_corpus
    from rhetoric.runner import map_documents

    lex = as_lexicon(lexicon)
    categories = _ordered_categories(lex)
    keep = _metadata_columns(documents, text, doc_id, metadata)
    columns = CORPUS_COLUMNS + keep
    records = []
    work = partial(_frame_rows, lexicon=lex, categories=categories)
    corpus = iter_corpus(documents, text_column=text, id_column=doc_id)
    for outcome in map_documents(work, corpus, n_jobs=n_jobs, warm=None):
        meta = {c: outcome.metadata.get(c) for c in keep}
        records.extend({**row, **meta} for row in outcome.unwrap())
    if not records:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame.from_records(records)[columns]
    return table.astype({"hits": "int64", "per_1000": "float64", "share": "float64", "score": "float64",
                         "dominant": "bool", "n_words": "int64"})  # fmt: skip


_TEXT_COLUMNS = {"text", "clean_text", "path"}


def _frame_rows(document, lexicon: Lexicon, categories: list[str]) -> list[dict]:
    """The per-document function of :func:`corpus_frame_table`."""
    from rhetoric.runner import document_text

    doc = Document(document_text(document), document.doc_id)
    rows = _profile_rows(doc, lexicon.match(doc), categories, 0)
    for row in rows:
        row.pop("keywords")
        row["doc_id"] = doc.doc_id
        row["n_words"] = doc.n_words
    return rows


def _metadata_columns(documents, text: str, doc_id: str, metadata) -> list[str]:
    if not isinstance(documents, pd.DataFrame):
        check_documents("documents", documents)
        return []
    if text not in documents.columns:
        raise invalid_value("text", text, documents.columns.astype(str))
    if metadata == "all":
        return [c for c in documents.columns if c not in _TEXT_COLUMNS | {text, doc_id}]
    keep = [] if metadata is None else check_documents("metadata", metadata)
    for column in keep:
        if column not in documents.columns:
            raise invalid_value("metadata column", column, documents.columns.astype(str))
    return keep
