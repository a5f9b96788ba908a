"""What a detector misses: detectors run on annotated articles, scored per technique, misses listed.

The Propaganda Techniques Corpus (PTC) annotates fourteen techniques. Three of them are close to
what this package detects, and :data:`PTC_CORRESPONDENCES` pairs them: the ``Repetition``
technique with the repetition detector, ``Loaded_Language`` with the loaded words of the stance
layer (the learned classifier of ``rhetoric.framing.loaded``), ``Exaggeration,Minimisation`` with its boosters, and
``Black-and-White_Fallacy`` with the either/or antitheses. Only the first is the same concept;
the others are partial correspondences, reported to show how far the detectors reach, not as
measures of them.

:func:`detect_spans` runs the detectors on the articles (without boilerplate removal, so
offsets match the gold), :func:`technique_scores` scores each pair with the SemEval-2020 Task 11
partial-overlap measure (:func:`rhetoric.evaluation.ptc.span_scores`), and :func:`coverage`
gives, for every gold span, the share of it the detector covered, so that the misses (share 0)
can be shown with :func:`rhetoric.viz.highlight_passages`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import NamedTuple

import pandas as pd

from rhetoric.errors import invalid_value
from rhetoric.evaluation.gold import gold_documents  # noqa: F401 - re-exported for the evaluation notebook
from rhetoric.evaluation.ptc import (
    INTERVAL_COLUMNS,
    covered,
    gold_spans,
    intervals_by_doc,
    merge_intervals,
    span_score_intervals,
    span_scores,
)
from rhetoric.span import SPAN_COLUMNS


class Correspondence(NamedTuple):
    """A detector (``device``, optionally only some ``kinds``) paired with a PTC ``technique``."""

    name: str
    device: str
    kinds: tuple[str, ...] | None
    technique: str


#: Detector output paired with PTC techniques (see the module notes: only the first is exact).
PTC_CORRESPONDENCES: tuple[Correspondence, ...] = (
    Correspondence("repetition", "repetition", None, "Repetition"),
    Correspondence(
        "loaded words", "stance", ("loaded_positive", "loaded_negative"), "Loaded_Language"
    ),
    Correspondence("boosters", "stance", ("booster",), "Exaggeration,Minimisation"),
    Correspondence("either/or antithesis", "antithesis", ("either_or",), "Black-and-White_Fallacy"),
)

#: Columns of :func:`technique_scores`.
SCORE_COLUMNS = ["name", "device", "technique", "precision", "recall", "f1", "n_pred", "n_gold"]


def _check_columns(table: pd.DataFrame, *columns: str) -> None:
    for column in columns:
        if column not in table.columns:
            raise invalid_value("column", column, map(str, table.columns))


def detect_spans(
    articles: pd.DataFrame,
    devices: Iterable[str] | None = None,
    *,
    stance: bool = True,
    remove_boilerplate: bool = False,
    min_score: float | None = 0.0,
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    """Run device detectors (and the stance layer) on annotated articles, offsets kept exact.

    Parameters
    ----------
    articles : DataFrame
        ``doc_id`` and ``text`` (as from :func:`rhetoric.corpora.load_ptc`).
    devices : list of str, optional
        Device labels (default: all ten).
    stance : bool, default True
        Also find hedges, boosters and loaded words (``device="stance"``).
    remove_boilerplate : bool, default False
        Set page furniture aside first, as :func:`rhetoric.analyze` does (the gold device items
        are scored that way); PTC articles are clean text whose gold offsets cover every line.
    min_score : float or None, default 0
        Passed to :func:`rhetoric.devices.find_devices`. The default keeps every candidate: the
        PTC labels are not the rubric's figures (a PTC "Repetition" is any repeated word used
        to persuade), so the PTC scores measure the candidate finders, not the rubric scorers;
        ``None`` applies each device's default threshold.
    n_jobs : int, default 1
        Worker processes (``-1``: every core), through :mod:`rhetoric.runner`.

    Returns
    -------
    DataFrame
        A span table (:data:`rhetoric.span.SPAN_COLUMNS`), articles in order.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["1"], "text": ["Never, never give in."]})
    >>> detect_spans(arts, ["epizeuxis"], stance=False)[["doc_id", "device", "text"]].values.tolist()
    [['1', 'epizeuxis', 'Never, never']]
    """
    from rhetoric.documents import iter_corpus
    from rhetoric.runner import map_documents

    _check_columns(articles, "doc_id", "text")
    work = partial(_detect, devices=devices, stance=stance, remove_boilerplate=remove_boilerplate,
                   min_score=min_score)  # fmt: skip
    documents = iter_corpus(articles[["doc_id", "text"]].astype({"doc_id": str}))
    rows = []
    for outcome in map_documents(work, documents, n_jobs=n_jobs, total=len(articles)):
        rows.extend(outcome.unwrap())
    return pd.DataFrame(rows, columns=SPAN_COLUMNS)


def _detect(document, devices, stance: bool, remove_boilerplate: bool, min_score) -> list[dict]:
    """The per-document function of :func:`detect_spans`."""
    from rhetoric.devices import find_devices
    from rhetoric.text import Document

    doc = Document(document.text or "", document.doc_id, remove_boilerplate=remove_boilerplate)
    spans = find_devices(doc, devices, min_score=min_score)
    if stance:
        from rhetoric.framing import find_stance

        spans = [*spans, *find_stance(doc)]
    return [s.to_dict() for s in spans]


def select(
    predicted: pd.DataFrame, device: str, kinds: Sequence[str] | None = None
) -> pd.DataFrame:
    """The spans of one device (and, optionally, only some kinds) from a span table.

    >>> spans = pd.DataFrame({"device": ["stance", "stance"], "kind": ["hedge", "booster"]})
    >>> select(spans, "stance", ["booster"])["kind"].tolist()
    ['booster']
    """
    _check_columns(predicted, "device", "kind")
    mask = predicted["device"] == device
    if kinds is not None:
        mask &= predicted["kind"].isin(list(kinds))
    return predicted[mask]


def technique_scores(
    predicted: pd.DataFrame,
    gold: pd.DataFrame,
    correspondences: Sequence[Correspondence] = PTC_CORRESPONDENCES,
    *,
    n_boot: int | None = None,
) -> pd.DataFrame:
    """Score detector spans against gold technique spans, one row per correspondence.

    Parameters
    ----------
    predicted : DataFrame
        Detector spans (:func:`detect_spans`).
    gold : DataFrame
        Gold spans with ``doc_id``, ``technique``, ``start``, ``end`` (:func:`rhetoric.corpora.load_ptc`).
    correspondences : sequence of Correspondence
        Which detector output is scored against which technique.
    n_boot : int, optional
        With it, 95% percentile bootstrap intervals that resample the articles
        (:func:`~rhetoric.evaluation.ptc.span_score_intervals`, seed 0): the columns
        ``precision_low``, ``precision_high``, ``recall_low``, ``recall_high``, ``f1_low``,
        ``f1_high`` follow.

    Returns
    -------
    DataFrame
        ``name``, ``device``, ``technique``, ``precision``, ``recall``, ``f1`` (float, the
        partial-overlap measures of :func:`~rhetoric.evaluation.ptc.span_scores`, over the
        articles of ``gold``), ``n_pred`` (merged predicted spans), ``n_gold`` (int); and the
        intervals when ``n_boot`` is given.

    Examples
    --------
    >>> pred = pd.DataFrame({"doc_id": ["1"], "device": ["repetition"], "kind": ["refrain"], "start": [0], "end": [10]})
    >>> gold = pd.DataFrame({"doc_id": ["1", "1"], "technique": ["Repetition"] * 2, "start": [5, 20], "end": [10, 30]})
    >>> technique_scores(pred, gold, PTC_CORRESPONDENCES[:1])[["precision", "recall", "n_gold"]].values.tolist()
    [[0.5, 0.5, 2.0]]
    """
    _check_columns(gold, "doc_id", "technique", "start", "end")
    articles = set(gold["doc_id"].astype(str))
    rows = []
    for item in correspondences:
        mine = select(predicted, item.device, item.kinds)
        found = {d: v for d, v in intervals_by_doc(mine).items() if d in articles}
        truth = gold_spans(gold, item.technique)
        row = {"name": item.name, "device": item.device, "technique": item.technique,
               **span_scores(found, truth)}  # fmt: skip
        if n_boot:
            found = {d: found.get(d, ()) for d in articles}  # every article is drawn, empty or not
            row.update(span_score_intervals(found, truth, n_boot=n_boot))
        rows.append(row)
    columns = SCORE_COLUMNS + (INTERVAL_COLUMNS if n_boot else [])
    return pd.DataFrame(rows, columns=columns)


def coverage(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """How much of each gold span the predictions cover: 0 is a miss, 1 a full hit.

    Parameters
    ----------
    gold : DataFrame
        Gold spans with ``doc_id``, ``start``, ``end`` (and any other columns, kept).
    predicted : DataFrame
        Predicted spans with ``doc_id``, ``start``, ``end`` (merged per document here).

    Returns
    -------
    DataFrame
        ``gold`` with a ``covered`` column (float in [0, 1], the share of the span's characters
        inside some prediction; 0 for an empty span), in the order of ``gold``.

    Examples
    --------
    >>> gold = pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [0, 10, 0], "end": [4, 20, 5]})
    >>> pred = pd.DataFrame({"doc_id": ["a", "a"], "start": [2, 15], "end": [6, 30]})
    >>> coverage(gold, pred)["covered"].tolist()
    [0.5, 0.5, 0.0]
    """
    _check_columns(gold, "doc_id", "start", "end")
    cover = {d: merge_intervals(v) for d, v in intervals_by_doc(predicted).items()}
    shares = []
    for doc_id, start, end in zip(
        gold["doc_id"].astype(str), gold["start"], gold["end"], strict=True
    ):
        length = int(end) - int(start)
        shares.append(
            covered((int(start), int(end)), cover.get(doc_id, [])) / length if length > 0 else 0.0
        )
    return gold.assign(covered=pd.Series(shares, index=gold.index, dtype="float64"))


# --- gold device items ----------------------------------------------------------------------


#: Columns of :func:`gold_occurrences`.
OCCURRENCE_COLUMNS = [
    "doc_id",
    "device",
    "polarity",
    "start",
    "end",
    "text",
    "min_hits",
    "note",
    "covered",
]


def gold_occurrences(gold: pd.DataFrame, texts: object, predicted: pd.DataFrame) -> pd.DataFrame:
    """Every occurrence of every gold quote, with the share of it the detector covered.

    A positive item is matched when ``min_hits`` of its occurrences are touched
    (:func:`rhetoric.evaluation.gold.evaluate_gold`); this table shows each occurrence, so that
    the ones left uncovered (``covered == 0``), even in matched items, can be shown in context.
    Detector labels are mapped onto gold labels first (antimetabole -> chiasmus...).

    Parameters
    ----------
    gold : DataFrame
        Gold items (:func:`~rhetoric.evaluation.gold.load_gold`).
    texts : mapping or DataFrame
        ``{doc: text}`` or :func:`gold_documents`.
    predicted : DataFrame
        Detector spans on those texts (``doc_id`` = the item's ``doc``, ``device``, ``start``,
        ``end``).

    Returns
    -------
    DataFrame
        One row per occurrence: ``doc_id``, ``device``, ``polarity`` (``positive`` /
        ``negative``), ``start``, ``end``, ``text`` (the quote as it stands in the text),
        ``min_hits``, ``note``, ``covered`` (float in [0, 1], by spans of that device only).

    Examples
    --------
    >>> gold = pd.DataFrame({"doc": ["d"], "device": ["epizeuxis"], "polarity": ["positive"],
    ...                      "quote": ["never, never"], "min_hits": [1], "note": [""]})
    >>> pred = pd.DataFrame({"doc_id": ["d"], "device": ["epizeuxis"], "start": [0], "end": [5]})
    >>> table = gold_occurrences(gold, {"d": "never, never, never, never"}, pred)
    >>> table["start"].tolist(), table["covered"].round(3).tolist()
    ([0, 14], [0.417, 0.0])
    """
    from rhetoric.documents import texts_of
    from rhetoric.evaluation.gold import COMPATIBLE, occurrences

    _check_columns(gold, "doc", "device", "polarity", "quote", "min_hits", "note")
    source = texts_of(texts)
    mapped = predicted.assign(device=predicted["device"].map(lambda d: COMPATIBLE.get(d, d)))
    rows = []
    for item in gold.itertuples(index=False):
        for start, end in occurrences(source[item.doc], item.quote):
            rows.append({"doc_id": item.doc, "device": item.device, "polarity": item.polarity,
                         "start": start, "end": end, "text": source[item.doc][start:end],
                         "min_hits": item.min_hits, "note": item.note})  # fmt: skip
    table = pd.DataFrame(rows, columns=OCCURRENCE_COLUMNS[:-1])
    parts = [
        coverage(part, mapped[mapped["device"] == device])
        for device, part in table.groupby("device", sort=False)
    ]
    if not parts:
        return table.assign(covered=pd.Series(dtype="float64"))
    table = pd.concat(parts).sort_index()[OCCURRENCE_COLUMNS]
    return table.astype({"start": "int64", "end": "int64", "min_hits": "int64"})


# --- chiasmus benchmarks ------------------------------------------------------------------------


class Misses(NamedTuple):
    """Missed items ready for :func:`rhetoric.viz.highlight_passages`: the ``texts``
    (``{doc_id: text}``), the ``passages`` (one focus per miss) and extra ``spans`` to draw."""

    texts: dict[str, str]
    passages: pd.DataFrame
    spans: pd.DataFrame


def chiasmus_misses(frame: pd.DataFrame) -> Misses:
    """The chiasmi of a benchmark file that the detector does not flag.

    Parameters
    ----------
    frame : DataFrame
        Records of :func:`rhetoric.evaluation.chiasmus.load_chiasmus` (``id``, ``text``,
        ``label``, ``kind``, ``terms``).

    Returns
    -------
    Misses
        ``passages``: one row per missed chiasmus (``doc_id`` = record id, ``start``/``end`` from
        its first to its last annotated term, or the whole text when no terms are given,
        ``device`` = ``"missed chiasmus"``, ``kind``, ``caption`` with the detector's best raw
        score); ``spans``: the annotated terms (``device`` = ``"annotated term"``).
    """
    from rhetoric.evaluation.chiasmus import text_scores

    _check_columns(frame, "id", "text", "label", "kind", "terms")
    positives = frame[frame["label"] == "chiasmus"].drop_duplicates("id")
    scores = text_scores(positives["text"].drop_duplicates()).set_index("text")
    missed = positives[~positives["text"].map(scores["flagged"]).astype(bool)]
    texts = dict(zip(missed["id"].astype(str), missed["text"], strict=True))
    passages, spans = [], []
    for record in missed.itertuples(index=False):
        terms = [tuple(t) for t in (record.terms or [])]
        start, end = (terms[0][0], terms[-1][1]) if terms else (0, len(record.text))
        best = scores.at[record.text, "best_raw"]
        passages.append({"doc_id": str(record.id), "start": int(start), "end": int(end),
                         "device": "missed chiasmus", "kind": str(record.kind),
                         "caption": f"best candidate raw score {best:.2f}" if best > float("-inf") else "no candidate"})  # fmt: skip
        spans += [{"doc_id": str(record.id), "device": "annotated term", "kind": "term", "start": int(a), "end": int(b)}
                  for a, b in terms]  # fmt: skip
    return Misses(
        texts,
        pd.DataFrame(passages, columns=["doc_id", "start", "end", "device", "kind", "caption"]),
        pd.DataFrame(spans, columns=["doc_id", "device", "kind", "start", "end"]),
    )
