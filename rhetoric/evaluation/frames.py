"""Frame rankings against judged dominant frames of news articles.

The judgements are a JSON Lines file (``corpus/annotations/frames_ptc_train.jsonl`` in the
repository): one record per article with ``doc`` (path under the data home), ``dominant`` (the
frame the article is mostly about, by the Policy Frames Codebook), ``present`` (every frame the
article uses), ``split`` (``tune``: used while building the profiler; ``heldout``: only
measured at first, then developed on; ``new``: 20 articles judged after the last changes, a
check on fitting the first 40, later developed on too; ``train``: 40 articles judged to train the
news ranker; ``fresh``: 40 articles judged before the ranker existed, measured once, then
developed on in issue 11's third round; ``train2``: 64 articles judged in that round before the
profiler was run on them, developed and trained on; ``fresh2``: 40 articles judged by another
annotator during that round, never trained or tuned on, measured once at its end; ``fresh3``: 40
more judged by a third annotator after that round, before the profiler was run on them, measured
once with the same model), an
``annotator`` and a one-line ``reason``. No article text is
stored.

Two measures per split, as in issue 11:

``top1``
    The share of articles whose judged dominant frame is the profiler's first frame.
``absent_top3``
    The share of articles where a frame judged absent from the article is among the profiler's
    first three frames (only frames the profiler ranks count: ``rank`` > 0).

Each comes with a Wilson 95% interval (:func:`rhetoric.validation.precision.wilson_interval`).
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from rhetoric.errors import InputError
from rhetoric.validation.precision import wilson_interval

#: Columns of :func:`frame_rankings`.
RANKING_COLUMNS = ["doc", "split", "dominant", "predicted", "top3", "top1", "absent_top3", "absent"]
#: Columns of :func:`frame_agreement`.
AGREEMENT_COLUMNS = [
    "split", "n", "top1", "top1_low", "top1_high", "absent_top3", "absent_low", "absent_high",
]  # fmt: skip


def read_frame_judgements(path: str | os.PathLike) -> pd.DataFrame:
    """Read a frame judgement file (JSON Lines; see the module notes) into a table.

    A line that is no JSON object, a record without ``doc``, ``dominant`` or ``present``, or a
    frame name that is none of the codebook's (:data:`~rhetoric.framing.FRAMES`, a close one
    suggested) is an :class:`~rhetoric.errors.InputError` naming file and line: a misspelt frame
    would read as a ranking that is never right."""
    from rhetoric.evaluation.named import unknown_label
    from rhetoric.files import read_json_lines
    from rhetoric.framing.frames import FRAMES

    records = read_json_lines(path, "frame judgement file", required=("doc", "dominant", "present"))
    for number, row in records:
        where = f"{path}:{number}"
        present = row["present"]
        if not isinstance(present, list):
            raise InputError(f"{where}: present must be a list of frame names, got {present!r}")
        for frame in [row["dominant"], *present]:
            if frame not in FRAMES:
                raise unknown_label(where, frame, FRAMES, field="frame")
    return pd.DataFrame([row for _, row in records])


def judge_ranking(record: dict, ranked: list[str]) -> dict:
    """One row of :func:`frame_rankings`: a ranking (``"other"`` may come first) against a
    judgement (``doc``, ``dominant``, ``present``, optional ``split``)."""
    top3 = ranked[:3]
    absent = [f for f in top3 if f not in record["present"]]
    return {
        "doc": record["doc"],
        "split": record.get("split", "all"),
        "dominant": record["dominant"],
        "predicted": ranked[0] if ranked else None,
        "top3": top3,
        "top1": bool(ranked) and ranked[0] == record["dominant"],
        "absent_top3": bool(absent),
        "absent": absent,
    }


def frame_rankings(
    judgements: pd.DataFrame, data_home: str | os.PathLike | None = None, *, ranker: bool = True
) -> pd.DataFrame:
    """Profile every judged article and compare its ranking with the judgement.

    ``ranker`` is passed to :func:`rhetoric.framing.frame_profile` (default ``True``: each
    document's genre, :func:`rhetoric.evaluation.pool.genre_of`, picks the ranker: the news
    frame model for PTC articles, the speech ranker for addresses).

    Returns
    -------
    pandas.DataFrame
        One row per article: ``doc``, ``split``, ``dominant`` (judged), ``predicted`` (the
        profiler's first frame, ``"other"`` when the news frame model puts the codebook's
        ``other`` first, or None), ``top3`` (list of its first three ranked frames),
        ``top1`` (bool), ``absent_top3`` (bool), ``absent`` (list of the top-three frames judged
        absent).
    """
    from rhetoric.datahome import get_data_home
    from rhetoric.evaluation.pool import genre_of
    from rhetoric.framing import frame_profile
    from rhetoric.framing.frames import ranked_frames
    from rhetoric.text import Document, EncodingFallbackWarning, read_text

    home = get_data_home(data_home)
    rows = []
    for record in judgements.to_dict("records"):
        with warnings.catch_warnings():  # a few addresses are cp1252; the loaders say so
            warnings.simplefilter("ignore", EncodingFallbackWarning)
            text = read_text(home / record["doc"])
        genre = {"genre": genre_of(record["doc"])}
        document = Document(text, record["doc"], remove_boilerplate=False, metadata=genre)
        rows.append(judge_ranking(record, ranked_frames(frame_profile(document, ranker=ranker))))
    return pd.DataFrame(rows, columns=RANKING_COLUMNS)


#: Pooled rows of :func:`frame_agreement` beside each split: the articles judged while the
#: news scoring was built (``tune`` + ``heldout``, the first 40), every article the profile ranker
#: was developed or trained on (``developed``: all train splits but ``fresh2`` and ``fresh3``), the
#: two clean sets of the profile ranker together (``fresh2+fresh3``, each measured once, then
#: trained on by the news frame model), every PTC train article (``train-articles``: the news
#: frame model's training set, in-sample) and all judged articles. A pool is reported only when
#: some judged split lies outside it and it pools at least two splits.
POOLS = {
    "tune+heldout": ("tune", "heldout"),
    "developed": ("tune", "heldout", "new", "train", "fresh", "train2"),
    "fresh2+fresh3": ("fresh2", "fresh3"),
    "train-articles": (
        "tune",
        "heldout",
        "new",
        "train",
        "fresh",
        "train2",
        "fresh2",
        "fresh3",
        "train3",
    ),
    "all": None,
}
#: The clean evaluation set of the news frame model: PTC dev articles, judged before it was built.
DEV_JUDGEMENTS = "frames_ptc_dev.jsonl"
#: Dominant frames judged on training-pool addresses (split ``speech``: an evaluation set).
SPEECH_JUDGEMENTS = "frames_speeches.jsonl"


def default_frame_judgements() -> Path | None:
    """The project's frame judgements (``corpus/annotations/frames_ptc_train.jsonl``, installed
    with the package as ``rhetoric.corpus``), or ``None`` when they are not installed."""
    from importlib import resources

    path = Path(
        str(resources.files("rhetoric.corpus").joinpath("annotations", "frames_ptc_train.jsonl"))
    )
    return path if path.is_file() else None


def project_frame_judgements() -> pd.DataFrame | None:
    """Every frame judgement the project ships: PTC train articles (:func:`default_frame_judgements`)
    and the PTC dev articles of :data:`DEV_JUDGEMENTS` (split ``dev``), or ``None`` when they are
    not installed."""
    path = default_frame_judgements()
    if path is None:
        return None
    dev = path.with_name(DEV_JUDGEMENTS)
    parts = [read_frame_judgements(path)] + ([read_frame_judgements(dev)] if dev.is_file() else [])
    return pd.concat(parts, ignore_index=True)


def frame_agreement(rankings: pd.DataFrame) -> pd.DataFrame:
    """Top-1 agreement and absent-in-top-three rate per split, for the pools of :data:`POOLS`
    (``tune+heldout`` when a later split such as ``new`` exists, ``developed`` when ``fresh``
    exists) and overall, with Wilson intervals."""
    rows = []
    groups = [(split, part) for split, part in rankings.groupby("split", sort=False)]
    for name, splits in POOLS.items():
        if splits is None:
            groups.append((name, rankings))
        elif (
            set(rankings["split"]) - set(splits) and len(set(rankings["split"]) & set(splits)) >= 2
        ):
            groups.append((name, rankings[rankings["split"].isin(splits)]))
    for split, part in groups:
        n = len(part)
        k1, ka = int(part["top1"].sum()), int(part["absent_top3"].sum())
        lo1, hi1 = wilson_interval(k1, n) if n else (math.nan, math.nan)
        loa, hia = wilson_interval(ka, n) if n else (math.nan, math.nan)
        rows.append({
            "split": split, "n": n, "top1": k1 / n if n else math.nan, "top1_low": lo1, "top1_high": hi1,
            "absent_top3": ka / n if n else math.nan, "absent_low": loa, "absent_high": hia,
        })  # fmt: skip
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


#: A second coder's judgements of some of the same articles, beside the first file.
SECOND_CODER = "frames_second_coder.jsonl"

#: Columns of :func:`coder_agreement`.
CODER_COLUMNS = ["comparison", "n", "agreement", "low", "high", "kappa"]


def coder_agreement(
    first: pd.DataFrame, second: pd.DataFrame, rankings: pd.DataFrame
) -> pd.DataFrame:
    """How often two coders name the same dominant frame, beside how often the profiler's first
    frame matches each of them, on the articles both coders judged.

    Parameters
    ----------
    first, second : pandas.DataFrame
        Frame judgements (:func:`read_frame_judgements`) of the same articles by two coders
        (matched by ``doc``; articles only one of them judged are left out).
    rankings : pandas.DataFrame
        :func:`frame_rankings` of (at least) those articles: its ``predicted`` column.

    Returns
    -------
    pandas.DataFrame
        Rows ``first coder vs second coder``, ``profiler vs first coder``, ``profiler vs second
        coder``: ``n``, the share of articles with the same dominant frame and its Wilson 95%
        interval, and Cohen's kappa (scikit-learn; the profiler's "no frame ranked" counts as a
        label of its own). Two coders' agreement bounds how well a profiler can be shown to match
        either.

    Examples
    --------
    >>> a = pd.DataFrame({"doc": ["x", "y", "z"], "dominant": ["political", "economic", "morality"]})
    >>> b = pd.DataFrame({"doc": ["x", "y", "z"], "dominant": ["political", "economic", "political"]})
    >>> r = pd.DataFrame({"doc": ["x", "y", "z"], "predicted": ["political", None, "morality"]})
    >>> coder_agreement(a, b, r)[["comparison", "n", "agreement"]].round(3).values.tolist()
    [['first coder vs second coder', 3, 0.667], ['profiler vs first coder', 3, 0.667], ['profiler vs second coder', 3, 0.333]]
    """
    from sklearn.metrics import cohen_kappa_score

    both = first[["doc", "dominant"]].merge(
        second[["doc", "dominant"]], on="doc", suffixes=("_first", "_second")
    )
    predicted = dict(zip(rankings["doc"], rankings["predicted"], strict=True))
    both["predicted"] = [
        p if isinstance(p := predicted.get(d), str) and p else "(none)" for d in both["doc"]
    ]
    rows = []
    for name, a, b in [
        ("first coder vs second coder", "dominant_first", "dominant_second"),
        ("profiler vs first coder", "predicted", "dominant_first"),
        ("profiler vs second coder", "predicted", "dominant_second"),
    ]:
        n = len(both)
        k = int((both[a] == both[b]).sum())
        low, high = wilson_interval(k, n) if n else (math.nan, math.nan)
        kappa = float(cohen_kappa_score(both[a], both[b])) if n > 1 else math.nan
        rows.append({"comparison": name, "n": n, "agreement": k / n if n else math.nan,
                     "low": low, "high": high, "kappa": kappa})  # fmt: skip
    return pd.DataFrame(rows, columns=CODER_COLUMNS)


#: Columns of :func:`frame_ranking_summary`.
SUMMARY_COLUMNS = [
    "genre", "articles", "ranker", "n", "top1", "top1_low", "top1_high", "absent_top3",
    "absent_low", "absent_high",
]  # fmt: skip


def frame_ranking_summary(data_home: str | os.PathLike | None = None) -> pd.DataFrame:
    """The rankers against the project's clean frame judgements, by genre: PTC dev articles
    (news; split ``dev``) and judged addresses (speeches; split ``speech``), each with the ranker
    its genre gets by default and the profile ranker beside it, and the two coders' own agreement
    on the dev articles (``ranker="second coder"``). Empty when the judgements are not
    installed.

    Returns
    -------
    pandas.DataFrame
        One row per genre and ranker: ``genre``, ``articles`` (the split), ``ranker``, ``n``,
        ``top1`` and its Wilson 95% interval (``top1_low``, ``top1_high``), ``absent_top3`` and
        its interval (left empty for the second coder, whose ``top1`` is the share of articles
        on which it names the first coder's dominant frame).
    """
    path = default_frame_judgements()
    if path is None:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    judgements = project_frame_judgements()
    sets = [("news", judgements[judgements["split"] == "dev"], ("news", "profile"))]
    speeches = path.with_name(SPEECH_JUDGEMENTS)
    if speeches.is_file():
        addresses = read_frame_judgements(speeches)
        sets.append(("speech", addresses[addresses["split"] == "speech"], ("speech", "profile")))
    rows = []
    for genre, clean, rankers in sets:
        for ranker in rankers:
            row = frame_agreement(frame_rankings(clean, data_home, ranker=ranker)).iloc[0]
            rows.append({"genre": genre, "articles": row["split"],
                         "ranker": f"{ranker} ranker" if ranker != "news" else "news frame model",
                         **row.drop("split").to_dict()})  # fmt: skip
    second = path.with_name(SECOND_CODER)
    dev = sets[0][1]
    if second.is_file() and len(dev):
        both = dev[["doc", "dominant"]].merge(
            read_frame_judgements(second)[["doc", "dominant"]], on="doc", suffixes=("", "_second")
        )
        k, n = int((both["dominant"] == both["dominant_second"]).sum()), len(both)
        low, high = wilson_interval(k, n)
        rows.append({"genre": "news", "articles": "dev", "ranker": "second coder", "n": n,
                     "top1": k / n, "top1_low": low, "top1_high": high})  # fmt: skip
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def ranking_rates(records: Iterable[dict], rankings: Iterable[list[str]]) -> dict:
    """``n``, ``top1`` and ``absent_top3`` (rounded to 3 decimals) of rankings against their
    judgements (records with ``doc``, ``dominant``, ``present``): what the frame rankers'
    training scripts print and store.

    >>> ranking_rates([{"doc": "a", "dominant": "political", "present": ["political"]}],
    ...               [["political", "economic"]])
    {'n': 1, 'top1': 1.0, 'absent_top3': 1.0}
    """
    judged = [judge_ranking(r, k) for r, k in zip(records, rankings, strict=True)]
    n = len(judged)
    return {
        "n": n,
        "top1": round(sum(j["top1"] for j in judged) / n, 3),
        "absent_top3": round(sum(j["absent_top3"] for j in judged) / n, 3),
    }


def mean_rates(results: list[dict]) -> dict:
    """The mean ``top1`` and ``absent_top3`` of several :func:`ranking_rates` (cross-validation
    repeats), rounded to 3 decimals."""
    return {
        key: round(float(sum(r[key] for r in results) / len(results)), 3)
        for key in ("top1", "absent_top3")
    }
