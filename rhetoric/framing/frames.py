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
``1 + 0.5 * (n - 1)`` for a term of ``n`` words (a multiword term is stronger evidence), times
the weight of where it lies (:data:`PART_WEIGHT`: 3 in the headline, 2 in the lead, 1 in the
body; see :func:`headline_and_lead`). A term found several times counts less each time: its hits,
heaviest first, count 1, 1/sqrt 2, 1/sqrt 3, ... of their weight (one word said often is one
piece of evidence, not many). A frame's ``score`` is the sum of these discounted hit weights per
1,000 words of the document, so scores are comparable across documents of different lengths;
``hits`` and ``per_1000`` are the raw counts.

How a profile is ranked
-----------------------
A frame is *supported* when several distinct terms of the frame are found (see
:data:`MIN_TERMS`), not incidental words alone; each distinct term counts by its weight
(``term_weight``: a weak cue of weight 0.5 is half a term). A word listed under several frames
("massacre": crime and security) takes, within one document, the sense of the frame the rest of
the text supports (:func:`_one_sense_per_discourse`).

With the built-in lexicon, a document's ``genre`` (its metadata) picks the ranker: news
articles are ordered by the news frame model, addresses (``genre="speech"``) by the speech ranker
(the profile ranker's form with one prior per frame, fitted on judged addresses), other documents
by the profile ranker (a conditional logit over three features of the profile, fitted on news,
``news_ranker.json``). For news, the frames with hits are ordered by the news frame model
(:mod:`rhetoric.framing.frame_model`, ``rhetoric/resources/frames/news_frame_model.json``,
rebuilt by ``benchmarks/train_news_frame_model.py`` from PTC train articles judged by the
codebook): a logistic regression over the article's words and this profile's evidence of every frame, whose
classes are the 15 codebook frames, ``other`` included. ``rank_score`` is a frame's probability
relative to the most probable class; a frame is ranked when it reaches the model's
``min_share_of_top``. The frames ranked are those with hits and, in an article with any, the
most probable frame even when it has no hit of its own (the model reads every word: such a frame
comes first with ``hits`` and ``score`` 0, and :func:`frame_model_evidence` shows the words that
raised it). When ``other`` is the most probable class (an article no frame of the codebook
fits), no frame is ``dominant``, ranks start at 2 and :func:`ranked_frames` and
:func:`dominant_frame` give ``"other"`` first. Why a frame comes first: :func:`frame_evidence`
(which terms, where) and :func:`frame_model_evidence` (which words and profile features pushed it
up). The speech and profile rankers order the *supported* frames by their strength
(``rank_score``: ``exp`` of the difference to the first). With another lexicon, or
``ranker=False``, the supported frames are ordered by ``score`` and ``rank_score`` is the score's
share of the top score.

Negation does not remove a frame: "no new taxes" is still an economic frame. Phrases that
change a word's sense are handled by the lexicon's exclusions and multiword terms instead.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import math
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache, partial
from importlib import resources
from typing import Literal

import pandas as pd

from rhetoric.errors import check_documents, did_you_mean, invalid_value
from rhetoric.framing.frame_model import (
    FrameModel,
    frame_probabilities,
    model_evidence,
    news_frame_model,
)
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
    """Frame keyword spans: every lexicon term found, as ``device="frame"``, ``kind=<frame>``; a
    word listed under several frames in the sense the document gives it (:func:`document_hits`),
    as the profile counts it.

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
    return sorted(_keyword_spans(doc, document_hits(as_lexicon(lexicon), doc)))


def _keyword_spans(doc: Document, hits: list[Hit]) -> list[Span]:
    """The frame keyword spans of some hits (:func:`document_hits`)."""
    return [
        doc.span(h.start, h.end, device="frame", kind=h.category, score=min(1.0, h.weight),
                 evidence=f"lexicon term {h.term!r}")
        for h in hits
    ]  # fmt: skip


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
#: ranking; the learned rankers carry their own ``min_share_of_top``).
MIN_SHARE_OF_TOP = 0.7
#: The profile ranker of the built-in lexicon (``rhetoric/resources/frames``).
RANKER_FILE = "news_ranker.json"
#: The speech ranker: the profile ranker's form with one bias per frame, fitted on addresses.
SPEECH_RANKER_FILE = "speech_ranker.json"
#: The features the profile ranker knows, by name: each is computed from a profile row.
RANKER_FEATURES = {
    "log_score": lambda row: math.log1p(row["score"]),
    "log_terms": lambda row: math.log1p(row["n_terms"]),
    "log_term_weight": lambda row: math.log1p(row["term_weight"]),
    "in_lead": lambda row: float(row["lead_hits"] > 0),
}
#: How :func:`frame_profile` may order the frames of the built-in lexicon (``ranker=``).
RANKERS = ("auto", "news", "speech", "profile", "score")
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


def _hit_parts(doc: Document, hits: list[Hit], parts: list[str] | None = None) -> list[str]:
    """The part (headline, lead, body) of every hit, by the word its first character is in
    (``parts``: :func:`headline_and_lead`, when known)."""
    if not hits:
        return []
    parts = headline_and_lead(doc) if parts is None else parts
    starts = doc.word_starts
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


def document_hits(lexicon: Lexicon, doc: Document) -> list[Hit]:
    """The lexicon's hits in ``doc``, each word of several frames in the sense the document gives
    it (:func:`_one_sense_per_discourse`): what the profile counts and the keyword spans show."""
    return _one_sense_per_discourse(lexicon.match(doc))


def _incidental_terms(lexicon: Lexicon) -> frozenset[tuple[str, str]]:
    return frozenset(
        (t.category, t.text) for t in lexicon.terms if t.source.endswith(":" + INCIDENTAL)
    )


@lru_cache(maxsize=2)
def _read_ranker(name: str) -> dict:
    path = resources.files("rhetoric").joinpath("resources", "frames", name)
    model = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(model["features"]) - set(RANKER_FEATURES)
    if unknown or len(model["coef"]) != len(model["features"]):
        raise ValueError(f"{name}: unknown features {sorted(unknown)} or coefficients")
    return model


def news_ranker() -> dict:
    """The profile ranker of the built-in lexicon (the JSON model, with its provenance).

    Keys: ``features`` (names in :data:`RANKER_FEATURES`), ``coef`` (one per feature),
    ``bias`` (``{frame: float}``), ``min_share_of_top`` and ``provenance``.
    """
    return _read_ranker(RANKER_FILE)


def speech_ranker() -> dict:
    """The speech ranker (keys as :func:`news_ranker`; ``bias`` holds one prior per frame)."""
    return _read_ranker(SPEECH_RANKER_FILE)


def _check_ranker(ranker: bool | str) -> str:
    """``ranker=`` as one of :data:`RANKERS` (``True`` is ``"auto"``, ``False`` ``"score"``)."""
    if ranker is True:
        return "auto"
    if ranker is False:
        return "score"
    if ranker not in RANKERS:
        raise invalid_value("ranker", ranker, RANKERS)
    return ranker


#: The genres that pick a learned frame ranker (``metadata["genre"]``, ``genre=``, ``--genre``):
#: the news frame model and the speech ranker. A document of no genre, or of another, has its
#: frames ranked by the profile ranker.
RANKED_GENRES = ("news", "speech")


class GenreWarning(UserWarning):
    """A document's genre names no frame ranker, so its frames are ranked by the profile ranker:
    in a corpus table a typo ("speeches") would otherwise change the frames silently."""


def _ranked_genre(genre: object) -> str | None:
    """The genre of :data:`RANKED_GENRES` that ``genre`` names (any case, spaces around it:
    "News "), or ``None`` (no genre, NaN, or another)."""
    said = genre.strip().lower() if isinstance(genre, str) else None
    return said if said in RANKED_GENRES else None


def check_genre(genre: str | None) -> str | None:
    """The ``genre=`` of an analysis, checked: ``None``, ``"news"`` or ``"speech"`` (any case,
    spaces around it), which pick a frame ranker; anything else is a
    :class:`~rhetoric.errors.UsageError` naming the parameter (a close match suggested).

    >>> check_genre(" News"), check_genre(None)
    ('news', None)
    """
    if genre is None or _ranked_genre(genre):
        return _ranked_genre(genre)
    raise invalid_value("genre", genre, RANKED_GENRES)


def warn_if_unranked_genre(genre: object, name: str) -> None:
    """Say (a :class:`GenreWarning`, which the corpus runner keeps as the document's warning)
    that the genre a document's metadata names picks no frame ranker; an empty one says none."""
    if genre is None or (isinstance(genre, float) and math.isnan(genre)):
        return
    said = str(genre).strip()
    if not said or _ranked_genre(said):
        return
    warnings.warn(
        f"{name}: genre {said!r} is neither 'news' nor 'speech'"
        f"{did_you_mean(said.lower(), RANKED_GENRES)}: its frames are ranked by the profile ranker",
        GenreWarning,
        stacklevel=2,
    )


def _ranking_model(lexicon: Lexicon, ranker: str, doc: Document) -> FrameModel | dict | None:
    """What orders a document's frames: the news frame model, the speech or profile ranker (a
    dict) or ``None`` (score). Learned rankers apply to the built-in lexicon only; ``"auto"``
    takes the news frame model for a document whose metadata says ``genre="news"``, the speech
    ranker for ``genre="speech"``, the profile ranker otherwise."""
    builtin = lexicon.name == "policy_frames" and set(lexicon.categories) == set(FRAMES[:-1])
    if not builtin or ranker == "score":
        return None
    if ranker == "auto":
        warn_if_unranked_genre(doc.metadata.get("genre"), doc.doc_id or "the text")
        ranker = _ranked_genre(doc.metadata.get("genre")) or "profile"  # "News ", NaN
    if ranker == "news":
        return news_frame_model()
    if ranker == "speech":
        return speech_ranker()
    return news_ranker()


def _rank_rows(
    rows: list[dict], doc: Document, parts: list[str], model: FrameModel | dict | None
) -> None:
    """Set ``rank_score``, ``rank`` and ``dominant`` on the profile rows (in place).

    The news frame model ranks the frames with hits by probability relative to the most
    probable class, ``other`` included, and the most probable class first even when it has no
    lexicon hit (the model reads every word); the profile ranker ranks the supported frames by
    its strength, the score ranking by score."""
    if isinstance(model, FrameModel):
        probabilities = frame_probabilities(doc, parts, rows, model)
        most_probable = max(probabilities, key=probabilities.get)
        candidates = [r for r in rows if r["score"] > 0]
        if candidates:  # a document with frame words: the model's first frame is among them
            candidates += [r for r in rows if r["frame"] == most_probable and r["score"] == 0]
        strength = {r["frame"]: probabilities.get(r["frame"], 0.0) for r in candidates}
        top = max(probabilities.values()) if candidates else 0.0
        share = model.min_share_of_top
    else:
        candidates = [r for r in rows if r["supported"] and r["score"] > 0]
        if model is None:
            strength = {r["frame"]: r["score"] for r in candidates}
            share = MIN_SHARE_OF_TOP
        else:
            features = [RANKER_FEATURES[name] for name in model["features"]]
            linear = {
                r["frame"]: sum(c * f(r) for c, f in zip(model["coef"], features, strict=True))
                + model["bias"].get(r["frame"], 0.0)
                for r in candidates
            }
            most = max(linear.values(), default=0.0)
            strength = {f: math.exp(v - most) for f, v in linear.items()}
            share = model["min_share_of_top"]
        top = max(strength.values(), default=0.0)
    ranked = sorted(candidates, key=lambda r: (-strength[r["frame"]], -r["score"]))
    for row in rows:
        row["rank_score"] = 0.0
        row["rank"] = 0
    # the codebook's ``other`` first (the one class with no row): ranks start at 2
    rank = 1 if candidates and strength[ranked[0]["frame"]] < top else 0
    for row in ranked:
        row["rank_score"] = strength[row["frame"]] / top if top else 0.0
        if row["rank_score"] >= share - 1e-12:
            rank += 1
            row["rank"] = rank
    for row in rows:
        row["dominant"] = row["rank"] == 1


def _profile_rows(
    doc: Document, hits: list[Hit], categories: list[str], n_keywords: int,
    incidental: frozenset[tuple[str, str]] = frozenset(),
    model: FrameModel | dict | None = None,
) -> list[dict]:  # fmt: skip
    """The profile rows of a document from its hits (:func:`document_hits`: each word in the
    sense the document gives it)."""
    n_words = doc.n_words
    # where each word lies: for the hits, and for the news frame model's text (not needed else)
    word_parts = headline_and_lead(doc) if hits or isinstance(model, FrameModel) else []
    parts = _hit_parts(doc, hits, word_parts)
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
        # a term of several words broken over a line is the same keyword ("the public")
        keyword = " ".join(doc.norm[hit.start : hit.end].split())
        keywords.setdefault(hit.category, Counter())[keyword] += 1
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
    _rank_rows(rows, doc, word_parts, model)
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
    hits = document_hits(lex, doc)
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
    doc_id: str | None = None, ranker: bool | str = True,
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
    ranker : {True, "auto", "news", "speech", "profile", "score", False}, default True
        How the frames of the built-in lexicon are ordered (see the module notes): ``"news"``,
        the news frame model (words and profile; trained on news articles); ``"speech"``, the
        speech ranker (the profile ranker's form with one prior per frame, fitted on judged
        addresses); ``"profile"``, the profile ranker (three general features of the profile,
        fitted on news, no prior); ``"score"`` or ``False``, by ``score``; ``True`` or
        ``"auto"``: the news frame model for a :class:`Document` whose ``metadata["genre"]`` is
        ``"news"`` (as :func:`rhetoric.corpora.load_ptc` sets it), the speech ranker for
        ``"speech"`` (:func:`rhetoric.corpora.load_inaugural`, ``load_state_union``), the
        profile ranker otherwise. Other lexicons are always ordered by score.

    Returns
    -------
    pandas.DataFrame
        One row per lexicon category (all of them, zero rows included), ranked frames first in
        rank order, then the others by ``score`` descending: ``frame`` (str), ``hits`` (int,
        keyword occurrences), ``per_1000`` (float, hits per 1,000 words), ``share`` (float,
        share of all frame hits in the document), ``score`` (float, weighted hits per 1,000
        words: term weight, specificity, length and the part's weight, headline 3 and lead 2,
        with a term's repeats discounted by 1/sqrt k; see the module notes), ``dominant`` (bool, True on the first ranked frame; none when the news frame model
        finds the codebook's ``other`` most probable),
        ``keywords`` (list of str, the most frequent matched words), ``n_terms`` (int, distinct
        terms), ``term_weight`` (float, distinct terms each counted by its weight: term weight
        times specificity, at most 1), ``lead_hits`` (int, hits in headline and lead),
        ``supported`` (bool, enough distinct terms by weight to be ranked by score),
        ``rank_score`` (float: with the news frame model, the frame's probability relative to
        the most probable class, 0 without hits unless the frame is the most probable (then 1,
        though no lexicon term of it is found: the model reads every word); by score, its share of the top score, 0 when
        not supported) and ``rank`` (int, 1 for the first frame, 2 when ``other`` comes first,
        0 when not ranked). An empty text gives all-zero rows.

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
        doc, document_hits(lex, doc), _ordered_categories(lex), n_keywords, _incidental_terms(lex),
        _ranking_model(lex, _check_ranker(ranker), doc),
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


def ranked_frames(profile: pd.DataFrame) -> list[str]:
    """The ranked frames of a :func:`frame_profile`, in rank order, with ``"other"`` first when
    the news frame model found the codebook's ``other`` most probable (ranks starting at 2).

    >>> ranked_frames(frame_profile("The army and navy were ready for war."))
    ['security_and_defense']
    """
    ranked = profile.loc[profile["rank"] > 0].sort_values("rank")["frame"].tolist()
    if profile["rank_score"].max() > 0 and not profile["dominant"].any():
        return ["other", *ranked]
    return ranked


def dominant_frame(
    text_or_doc: str | Document, lexicon: LexiconLike = None, *, ranker: bool | str = True
) -> str | None:
    """The first of :func:`ranked_frames` (``"other"`` when the news frame model finds no
    codebook frame fits better), or ``None`` when no frame is ranked; ``ranker`` as in
    :func:`frame_profile` (``"news"`` for a news article given as a string).

    >>> dominant_frame("The army and navy were ready for war.")
    'security_and_defense'
    >>> dominant_frame("") is None
    True
    """
    ranked = ranked_frames(frame_profile(text_or_doc, lexicon, ranker=ranker))
    return ranked[0] if ranked else None


def frame_model_evidence(
    text_or_doc: str | Document, *, n: int = 10, doc_id: str | None = None
) -> pd.DataFrame:
    """Why the news frame model ranks the built-in frames as it does: for every codebook frame,
    the ``n`` words and profile features that raised its probability most (see
    :func:`rhetoric.framing.frame_model.model_evidence` for the columns).

    >>> evidence = frame_model_evidence("Troops Leave Town\\n\\nThe army left the base at dawn.")
    >>> list(evidence.columns)
    ['frame', 'feature', 'kind', 'value', 'contribution']
    """
    doc = as_document(text_or_doc, doc_id)
    lex = Lexicon.policy_frames()
    model = news_frame_model()
    hits = document_hits(lex, doc)
    rows = _profile_rows(doc, hits, _ordered_categories(lex), 0, _incidental_terms(lex), model)
    return model_evidence(doc, headline_and_lead(doc), rows, model, n)


def analyze_frames(doc: Document) -> tuple[list[Span], list[dict]]:
    """Frame and stance spans plus frame rows for :func:`rhetoric.analyze`.

    Returns
    -------
    tuple
        ``(spans, rows)``: the frame keyword spans and the stance spans
        (:func:`~rhetoric.framing.find_stance`), sorted by position; and one dict per frame with
        at least one hit or a rank (the news frame model's first frame may have no hit),
        ``{"frame", "score", "hits", "rank", "keywords"}``, ranked frames
        first in rank order, then the others by score (``score`` rounded to 3 decimals).
    """
    from rhetoric.framing.stance import find_stance

    lex = Lexicon.policy_frames()
    hits = document_hits(lex, doc)  # the spans are the hits the profile counts
    spans = _keyword_spans(doc, hits)
    spans.extend(find_stance(doc))
    rows = _profile_rows(
        doc,
        hits,
        _ordered_categories(lex),
        5,
        _incidental_terms(lex),
        _ranking_model(lex, "auto", doc),
    )
    rows = sorted(
        (r for r in rows if r["hits"] or r["rank"]),
        key=lambda r: (r["rank"] == 0, r["rank"], -r["score"]),
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
    ranker: bool | str = True,
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
    ranker : bool or str, default True
        As in :func:`frame_profile`: which frame is ``dominant`` (``"auto"`` reads a ``genre``
        metadata column: ``"news"`` rows are ranked by the news frame model).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id`` (str), ``frame`` (str), ``hits`` (int), ``per_1000`` (float),
        ``share`` (float), ``score`` (float), ``dominant`` (bool), ``n_words`` (int), then the
        metadata columns (e.g. ``year``). Rows are in document order, frames in codebook order.
        An empty corpus gives an empty table with these columns. A document that cannot be
        analysed (no text in its cell, a missing file) is left out, said in a warning; a
        ``doc_id`` given twice is an :class:`~rhetoric.errors.InputError`.

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
        ranker=_check_ranker(ranker),
    )  # fmt: skip
    from rhetoric.pipeline import unique_documents

    corpus = unique_documents(iter_corpus(documents, text_column=text, id_column=doc_id))
    left_out = []
    for outcome in map_documents(work, corpus, n_jobs=n_jobs, warm=None):
        if outcome.error is not None and outcome.error["kind"] != "internal":
            left_out.append(outcome.error["reason"])  # a bad input: the others still count
            continue
        meta = {c: outcome.metadata.get(c) for c in keep}
        records.extend({**row, **meta} for row in outcome.unwrap())
        for said in outcome.warnings:  # said where the document was read (a genre, a decoding)
            warnings.warn(said, stacklevel=2)
    if left_out:
        more = f" (and {len(left_out) - 1} more)" if len(left_out) > 1 else ""
        warnings.warn(
            f"left out {len(left_out)} document(s) that could not be analysed: {left_out[0]}{more}",
            stacklevel=2,
        )
    table = pd.DataFrame.from_records(records, columns=columns)[columns]
    return table.astype({"doc_id": "str", "frame": "str", "hits": "int64", "per_1000": "float64",
                         "share": "float64", "score": "float64", "dominant": "bool",
                         "n_words": "int64"})  # fmt: skip


_TEXT_COLUMNS = {"text", "clean_text", "path"}
#: Profile columns a corpus table leaves out.
_PROFILE_ONLY = [c for c in PROFILE_COLUMNS if c not in CORPUS_COLUMNS]


def _frame_rows(
    document,
    lexicon: Lexicon,
    categories: list[str],
    incidental: frozenset[tuple[str, str]] = frozenset(),
    ranker: str = "auto",
) -> list[dict]:
    """The per-document function of :func:`corpus_frame_table`."""
    from rhetoric.runner import document_text

    doc = Document(document_text(document), document.doc_id, metadata=document.metadata)
    model = _ranking_model(lexicon, ranker, doc)
    rows = _profile_rows(doc, document_hits(lexicon, doc), categories, 0, incidental, model)
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
