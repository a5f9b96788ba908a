"""Frame keyword spans, per-document frame profiles and tidy corpus tables.

The frames are those of the Policy Frames Codebook (Boydstun, Card, Gross, Resnik and Smith
2014), the scheme of the Media Frames Corpus (Card et al. 2015) and SemEval-2023 Task 3. Their
annotated texts cannot be redistributed, so frames are measured here with transparent lexicons
(:meth:`~rhetoric.framing.Lexicon.policy_frames`, or any lexicon of your own).

How a profile is scored
-----------------------
Each keyword hit counts ``weight``: the term's weight in the lexicon (1, or 0.5/0.25 for weak
cues), times ``1 / k`` when ``k`` categories claim the same words (specificity; in a profile
such a word goes whole to one frame when the rest of the document decides its sense), times
``1 + 0.5 * (n - 1)`` for a term of ``n`` words (a multiword term is stronger evidence). A
frame's ``score`` is the sum of its hit weights per 1,000 words of the document, so scores are
comparable across documents of different lengths; ``hits`` and ``per_1000`` are the raw counts.

How a profile is ranked
-----------------------
Only *supported* frames are ranked: several distinct terms of the frame (see
:data:`MIN_TERMS`), not incidental words alone; each distinct term counts by its weight
(``term_weight``: a weak cue of weight 0.5 is half a term). A word listed under several frames
("massacre": crime and security) takes, within one document, the sense of the frame the rest of
the text supports (:func:`_one_sense_per_discourse`). With the built-in lexicon, the supported
frames are ordered by a small learned news ranker (``rhetoric/resources/frames/news_ranker.json``,
rebuilt by ``benchmarks/train_frame_ranker.py`` from PTC train articles judged by the codebook):
a frame's ranking strength is ``a * log(1 + score) + b * log(1 + term_weight) + c * in_lead``
(``in_lead``: a hit in the headline or lead), three coefficients on the profile's own evidence and
no per-frame prior, so a profile still says why (which terms, how many distinct ones, where).
``rank_score`` is that strength relative to the first frame (``exp`` of the difference: 1 for the
first frame); a frame is ranked when it reaches ``min_share_of_top`` of the first. With another
lexicon, or ``ranker=False``, frames are ordered by ``score`` and ``rank_score`` is the score's
share of the top score.

Negation does not remove a frame: "no new taxes" is still an economic frame. Phrases that
change a word's sense are handled by the lexicon's exclusions and multiword terms instead.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache, partial
from importlib import resources
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
PROFILE_COLUMNS = [
    "frame", "hits", "per_1000", "share", "score", "dominant", "keywords", "n_terms", "term_weight",
    "lead_hits", "supported", "rank_score", "rank",
]  # fmt: skip

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


#: Where a hit lies: the headline, the lead (first sentences after it) or the body.
PARTS = ("headline", "lead", "body")
#: How much a hit counts by where it lies: a news story states its frame in headline and lead.
PART_WEIGHT = {"headline": 3.0, "lead": 2.0, "body": 1.0}
#: Words of the lead: the sentences after the headline up to this many words.
LEAD_WORDS = 60
#: A frame is *supported* (ranked) only with hits of this many distinct terms, or of
#: :data:`MIN_TERMS_LEAD` distinct terms with one of them in the headline or lead (in texts of
#: fewer than 100 words, one term; under 200 words, two). Terms count by their weight (term
#: weight times specificity, at most 1; the profile's ``term_weight``): a weak cue of weight 0.5
#: is half a term, so "attack", "violent" and "assault" together are not three pieces of evidence.
MIN_TERMS = 3
MIN_TERMS_LEAD = 2
#: A frame whose score is below this share of the top frame's is reported but not ranked (score
#: ranking; the learned ranker carries its own ``min_share_of_top``).
MIN_SHARE_OF_TOP = 0.7
#: The learned news ranker of the built-in lexicon (``rhetoric/resources/frames``).
RANKER_FILE = "news_ranker.json"
#: The features the ranker knows, by name: each is computed from a profile row.
RANKER_FEATURES = {
    "log_score": lambda row: math.log1p(row["score"]),
    "log_terms": lambda row: math.log1p(row["n_terms"]),
    "log_term_weight": lambda row: math.log1p(row["term_weight"]),
    "in_lead": lambda row: float(row["lead_hits"] > 0),
}
#: Lexicon sections whose terms are incidental: they add to a frame only once other terms of
#: the frame are found ("million", "pay", "fund" alone do not make a story economic).
INCIDENTAL = "incidental"


def headline_and_lead(doc: Document) -> list[str]:
    """Where every word lies: ``"headline"``, ``"lead"`` or ``"body"``.

    The headline is the first paragraph when it is short (at most 25 words), is not the only
    paragraph, and does not end with a full stop (a title, not a sentence). The lead is the
    sentences after it up to :data:`LEAD_WORDS` words (at least one sentence).

    >>> doc = Document("Troops Leave Town\\n\\nThe army left on Monday. It rained. Then more came.")
    >>> headline_and_lead(doc)[:4], headline_and_lead(doc)[-1]
    (['headline', 'headline', 'headline', 'lead'], 'lead')
    """
    parts = ["body"] * len(doc.words)
    if not doc.words:
        return parts
    start = 0
    paragraphs = doc.paragraphs
    if len(paragraphs) > 1:
        first = paragraphs[0]
        if 0 < first.n_words <= 25 and not doc.text[first.start : first.end].rstrip().endswith("."):
            parts[first.first_word : first.last_word] = ["headline"] * first.n_words
            start = first.last_word
    count = 0
    for sentence in doc.sentences:
        if sentence.last_word <= start or count >= LEAD_WORDS:
            continue
        begin = max(sentence.first_word, start)
        parts[begin : sentence.last_word] = ["lead"] * (sentence.last_word - begin)
        count += sentence.last_word - begin
    return parts


def _hit_parts(doc: Document, hits: list[Hit]) -> list[str]:
    """The part (headline, lead, body) of every hit, by the word its first character is in."""
    if not hits:
        return []
    parts = headline_and_lead(doc)
    starts = [w.start for w in doc.words]
    return [parts[max(0, bisect.bisect_right(starts, h.start) - 1)] for h in hits]


def _one_sense_per_discourse(hits: list[Hit]) -> list[Hit]:
    """Words listed under several frames take the sense of the frame the text is otherwise about.

    A stretch claimed by ``k`` frames ("massacre": crime and security; "trial": crime and law)
    gives ``k`` hits of weight ``1/k`` each (:meth:`Lexicon.match`). Within one document a word
    keeps one sense (Gale, Church and Yarowsky 1992), so the stretch goes whole, at its term's
    full weight, to the frame with the most evidence from words no other frame claims; with no
    such evidence, or a tie, it stays split.
    """
    claims: Counter[tuple[int, int]] = Counter((h.start, h.end) for h in hits)
    if all(k == 1 for k in claims.values()):
        return hits
    own: Counter[str] = Counter()
    for hit in hits:
        if claims[hit.start, hit.end] == 1:
            own[hit.category] += hit.weight
    groups: dict[tuple[int, int], list[Hit]] = {}
    for hit in hits:
        if claims[hit.start, hit.end] > 1:
            groups.setdefault((hit.start, hit.end), []).append(hit)
    winner: dict[tuple[int, int], Hit] = {}
    for key, group in groups.items():
        best = max(own[h.category] for h in group)
        leaders = [h for h in group if own[h.category] == best]
        if best > 0 and len(leaders) == 1:
            winner[key] = leaders[0]
    out = []
    for hit in hits:
        key = (hit.start, hit.end)
        if key not in winner:
            out.append(hit)
        elif winner[key] is hit:
            out.append(dataclasses.replace(hit, weight=hit.weight * claims[key]))
    return out


def _incidental_terms(lexicon: Lexicon) -> frozenset[tuple[str, str]]:
    return frozenset(
        (t.category, t.text) for t in lexicon.terms if t.source.endswith(":" + INCIDENTAL)
    )


@lru_cache(maxsize=1)
def news_ranker() -> dict:
    """The learned news ranker of the built-in lexicon (the JSON model, with its provenance).

    Keys: ``features`` (names in :data:`RANKER_FEATURES`), ``coef`` (one per feature),
    ``bias`` (``{frame: float}``), ``min_share_of_top`` and ``provenance``.
    """
    path = resources.files("rhetoric").joinpath("resources", "frames", RANKER_FILE)
    model = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(model["features"]) - set(RANKER_FEATURES)
    if unknown or len(model["coef"]) != len(model["features"]):
        raise ValueError(f"{RANKER_FILE}: unknown features {sorted(unknown)} or coefficients")
    return model


def _uses_ranker(lexicon: Lexicon, ranker: bool) -> dict | None:
    """The news ranker when it applies: the built-in lexicon, ranking not switched off."""
    if ranker and lexicon.name == "policy_frames" and set(lexicon.categories) == set(FRAMES[:-1]):
        return news_ranker()
    return None


def _rank_rows(rows: list[dict], model: dict | None) -> None:
    """Set ``rank_score``, ``rank`` and ``dominant`` on the profile rows (in place)."""
    candidates = [r for r in rows if r["supported"] and r["score"] > 0]
    if model is None:
        strength = {r["frame"]: math.log(r["score"]) for r in candidates}
        share = MIN_SHARE_OF_TOP
    else:
        features = [RANKER_FEATURES[name] for name in model["features"]]
        strength = {
            r["frame"]: sum(c * f(r) for c, f in zip(model["coef"], features, strict=True))
            + model["bias"].get(r["frame"], 0.0)
            for r in candidates
        }
        share = model["min_share_of_top"]
    ranked = sorted(candidates, key=lambda r: (-strength[r["frame"]], -r["score"]))
    top = strength[ranked[0]["frame"]] if ranked else 0.0
    for row in rows:
        row["rank_score"] = 0.0
        row["rank"] = 0
    rank = 0
    for row in ranked:
        row["rank_score"] = math.exp(strength[row["frame"]] - top)
        if row["rank_score"] >= share - 1e-12:
            rank += 1
            row["rank"] = rank
    for row in rows:
        row["dominant"] = row["rank"] == 1


def _profile_rows(
    doc: Document, hits: list[Hit], categories: list[str], n_keywords: int,
    incidental: frozenset[tuple[str, str]] = frozenset(), model: dict | None = None,
) -> list[dict]:  # fmt: skip
    n_words = doc.n_words
    hits = _one_sense_per_discourse(hits)
    parts = _hit_parts(doc, hits)
    counts: Counter[str] = Counter()
    by_term: dict[str, dict[str, list[float]]] = {c: {} for c in categories}
    # each distinct term counted by its own weight (term weight times specificity, at most 1):
    # a weak or shared cue is less than a whole piece of evidence
    term_weight: dict[str, dict[str, float]] = {c: {} for c in categories}
    lead_hits: Counter[str] = Counter()
    keywords: dict[str, Counter[str]] = {c: Counter() for c in categories}
    for hit, part in zip(hits, parts, strict=True):
        counts[hit.category] += 1
        by_term.setdefault(hit.category, {}).setdefault(hit.term, []).append(
            _hit_weight(hit) * PART_WEIGHT[part]
        )
        weights = term_weight.setdefault(hit.category, {})
        weights[hit.term] = max(weights.get(hit.term, 0.0), min(1.0, _hit_weight(hit)))
        if part != "body":
            lead_hits[hit.category] += 1
        keywords.setdefault(hit.category, Counter())[doc.norm[hit.start : hit.end]] += 1
    total = sum(counts.values())
    # several distinct terms in a story; fewer in a text of a sentence or two
    needed = min(MIN_TERMS, 1 + n_words // 100)
    needed_lead = min(MIN_TERMS_LEAD, needed)
    rows = []
    for category in categories:
        hits_c = counts[category]
        terms = by_term.get(category, {})
        core = [t for t in terms if (category, t) not in incidental]
        # a term repeated counts less each time (1, 1/sqrt 2, 1/sqrt 3, ...): one word said
        # often is one piece of evidence, not many
        weight = sum(
            sum(w / (k + 1) ** 0.5 for k, w in enumerate(sorted(values, reverse=True)))
            for term, values in terms.items()
        )
        n_terms = len(terms)
        # distinct terms counted by weight: two weak cues are one piece of evidence
        weight_terms = sum(term_weight.get(category, {}).values())
        supported = bool(core) and (
            weight_terms >= needed - 1e-9
            or (weight_terms >= needed_lead - 1e-9 and lead_hits[category] > 0)
        )
        rows.append({
            "frame": category,
            "hits": hits_c,
            "per_1000": 1000.0 * hits_c / n_words if n_words else 0.0,
            "share": hits_c / total if total else 0.0,
            "score": 1000.0 * weight / n_words if n_words else 0.0,
            "keywords": [w for w, _ in keywords[category].most_common(n_keywords)],
            "n_terms": n_terms,
            "term_weight": weight_terms,
            "lead_hits": lead_hits[category],
            "supported": supported,
        })  # fmt: skip
    _rank_rows(rows, model)
    return rows


#: Columns of :func:`frame_evidence`.
EVIDENCE_COLUMNS = ["frame", "term", "text", "start", "end", "part", "weight", "incidental"]


def frame_evidence(
    text_or_doc: str | Document, lexicon: LexiconLike = None, *, doc_id: str | None = None
) -> pd.DataFrame:
    """Why a profile ranks its frames: every hit with its term, place and weight.

    Returns
    -------
    pandas.DataFrame
        One row per hit, in text order: ``frame`` (str), ``term`` (str, the lexicon entry),
        ``text`` (str, the matched text, ``text == source[start:end]``), ``start``, ``end``
        (int), ``part`` (``headline``, ``lead`` or ``body``; see :func:`headline_and_lead`),
        ``weight`` (float, the hit's weight before repeats are discounted: term weight times
        specificity, times 1.5 per extra word, times the weight of its part), ``incidental``
        (bool, a term that counts only once other terms of its frame are found).

    Examples
    --------
    >>> evidence = frame_evidence("Troops Leave Town\\n\\nThe army left. Taxes rose later on.")
    >>> evidence[["frame", "text", "part"]].values.tolist()
    [['security_and_defense', 'Troops', 'headline'], ['security_and_defense', 'army', 'lead'], ['economic', 'Taxes', 'lead']]
    """
    doc = as_document(text_or_doc, doc_id)
    lex = as_lexicon(lexicon)
    hits = _one_sense_per_discourse(lex.match(doc))
    incidental = _incidental_terms(lex)
    rows = [
        {
            "frame": h.category, "term": h.term, "text": doc.text[h.start : h.end], "start": h.start,
            "end": h.end, "part": part, "weight": _hit_weight(h) * PART_WEIGHT[part],
            "incidental": (h.category, h.term) in incidental,
        }
        for h, part in zip(hits, _hit_parts(doc, hits), strict=True)
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return frame.astype(
        {"start": "int64", "end": "int64", "weight": "float64", "incidental": "bool"}
    )


def frame_profile(
    text_or_doc: str | Document, lexicon: LexiconLike = None, *, n_keywords: int = 5,
    doc_id: str | None = None, ranker: bool = True,
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
    ranker : bool, default True
        Order the frames of the built-in lexicon with the learned news ranker (see the module
        notes); ``False`` orders them by ``score``. Other lexicons are always ordered by score.

    Returns
    -------
    pandas.DataFrame
        One row per lexicon category (all of them, zero rows included), ranked frames first in
        rank order, then the others by ``score`` descending: ``frame`` (str), ``hits`` (int,
        keyword occurrences), ``per_1000`` (float, hits per 1,000 words), ``share`` (float,
        share of all frame hits in the document), ``score`` (float, weighted hits per 1,000
        words; see the module notes), ``dominant`` (bool, True on the first ranked frame),
        ``keywords`` (list of str, the most frequent matched words), ``n_terms`` (int, distinct
        terms), ``term_weight`` (float, distinct terms each counted by its weight: term weight
        times specificity, at most 1), ``lead_hits`` (int, hits in headline and lead),
        ``supported`` (bool, enough distinct terms by weight to be ranked), ``rank_score``
        (float, ranking strength relative to the first frame, 1 for it; 0 when not supported)
        and ``rank`` (int, 1 for the first frame, 0 when not ranked). An empty text gives all-zero rows.

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
    rows = _profile_rows(
        doc, lex.match(doc), _ordered_categories(lex), n_keywords, _incidental_terms(lex),
        _uses_ranker(lex, ranker),
    )  # fmt: skip
    return _rows_to_frame(rows)


def _rows_to_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    frame = frame.astype({"hits": "int64", "per_1000": "float64", "share": "float64", "score": "float64",
                          "dominant": "bool", "n_terms": "int64", "term_weight": "float64", "lead_hits": "int64", "supported": "bool",
                          "rank_score": "float64", "rank": "int64"})  # fmt: skip
    order = frame["rank"].where(frame["rank"] > 0, len(frame) + 1)
    frame = frame.assign(_order=order).sort_values(
        ["_order", "score"], ascending=[True, False], kind="stable"
    )
    return frame.drop(columns="_order").reset_index(drop=True)


def dominant_frame(text_or_doc: str | Document, lexicon: LexiconLike = None) -> str | None:
    """The first ranked frame of :func:`frame_profile`, or ``None`` when no frame is ranked.

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
        at least one hit, ``{"frame", "score", "hits", "rank", "keywords"}``, ranked frames
        first in rank order, then the others by score (``score`` rounded to 3 decimals).
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
    rows = _profile_rows(
        doc, hits, _ordered_categories(lex), 5, _incidental_terms(lex), _uses_ranker(lex, True)
    )
    rows = sorted(
        (r for r in rows if r["hits"]), key=lambda r: (r["rank"] == 0, r["rank"], -r["score"])
    )
    records = [
        {
            "frame": r["frame"],
            "score": round(r["score"], 3),
            "hits": r["hits"],
            "rank": r["rank"],
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
    ranker: bool = True,
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
    ranker : bool, default True
        As in :func:`frame_profile`: which frame is ``dominant``.

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
    work = partial(
        _frame_rows, lexicon=lex, categories=categories, incidental=_incidental_terms(lex),
        model=_uses_ranker(lex, ranker),
    )  # fmt: skip
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
#: Profile columns a corpus table leaves out.
_PROFILE_ONLY = [c for c in PROFILE_COLUMNS if c not in CORPUS_COLUMNS]


def _frame_rows(
    document,
    lexicon: Lexicon,
    categories: list[str],
    incidental: frozenset[tuple[str, str]] = frozenset(),
    model: dict | None = None,
) -> list[dict]:
    """The per-document function of :func:`corpus_frame_table`."""
    from rhetoric.runner import document_text

    doc = Document(document_text(document), document.doc_id)
    rows = _profile_rows(doc, lexicon.match(doc), categories, 0, incidental, model)
    for row in rows:
        for extra in _PROFILE_ONLY:
            row.pop(extra)
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
