"""The project's precision figures: ``rhetoric evaluate precision --judged FILE [FILE ...]``.

The current detectors are run over the documents that the judged files name (paths under the
data home), their spans grouped into figures and matched to the judgements by device and overlap
(:mod:`rhetoric.validation.precision`). Printed per genre (``speech`` for inaugural and State of
the Union addresses, ``news`` for PTC articles), device and kind: judged figures, TRUE /
BORDERLINE / FALSE, strict and lenient precision with Wilson 95% intervals, and the figures no
judgement covers (``--unjudged-out`` writes them as a sheet to judge). The README's evaluation
block (:mod:`rhetoric.evaluation.report`) shows the same table by device and genre.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from rhetoric.datahome import fetch_hint, get_data_home
from rhetoric.devices import DEVICES
from rhetoric.errors import DataNotFoundError, InputError, UsageError
from rhetoric.evaluation.gold import COMPATIBLE
from rhetoric.evaluation.named import document_name, named_text, unknown_label
from rhetoric.evaluation.pool import genre_of, gold_dir
from rhetoric.figures import group_figures, with_context
from rhetoric.validation.judgements import read_judgements, write_judgements
from rhetoric.validation.precision import ALL, match_judgements, precision_table

#: The public judged sets beside the data home (``<data home>/../gold``).
PUBLIC_JUDGED = ("precision_public_speeches.jsonl", "precision_public_news.jsonl")

#: The project's own judgements of figures the public sets left unjudged (``corpus/annotations``).
PROJECT_JUDGED = "judged_public_*.jsonl"
#: Device figures kept at the defaults on the PTC dev articles, every one judged (news the
#: detectors were never built on; reported apart from the public sets).
PTC_DEV_JUDGED = "ptc_dev_judged_devices.jsonl"
#: A second, blind judgement of a sample of the figures on the public speeches (the project's
#: ``corpus/annotations``): how far two readers of the rubric agree.
SECOND_JUDGE = "second_judge_devices.jsonl"
#: Columns of :func:`judge_agreement`.
AGREEMENT_COLUMNS = [
    "stratum", "figures", "agreement", "kappa", "true_agreement", "true_kappa",
    "first_precision", "second_precision",
]  # fmt: skip


@dataclass
class PrecisionResult:
    """The outcome of :func:`evaluate_precision`.

    Attributes
    ----------
    table : DataFrame
        :func:`rhetoric.validation.precision.precision_table` by ``genre``, ``device``,
        ``kind``; pooled rows have ``kind="all"`` or ``device="all"``, and ``genre="all"`` pools
        both genres.
    figures : DataFrame
        Every figure the detectors found in the judged documents, with its verdict
        (:func:`~rhetoric.validation.precision.match_judgements`) and ``genre``.
    orphans : DataFrame
        Judgements that no current figure matches (a figure the detectors no longer find).
    texts : dict
        ``{doc: text}`` of the judged documents (and of the ``documents`` given).
    """

    table: pd.DataFrame
    figures: pd.DataFrame
    orphans: pd.DataFrame
    texts: dict


def default_judged_files(data_home: str | os.PathLike | None = None) -> list[Path]:
    """The public judged sets and every project judgement file that exists, in that order."""
    files = [gold_dir(data_home) / name for name in PUBLIC_JUDGED]
    annotations = resources.files("rhetoric.corpus").joinpath("annotations")
    if annotations.is_dir():
        files += sorted(
            Path(str(p)) for p in annotations.iterdir() if Path(p.name).match(PROJECT_JUDGED)
        )
    return [f for f in files if f.is_file()]


def ptc_dev_judged_file() -> Path | None:
    """The project's judgements of the default figures on the PTC dev articles
    (:data:`PTC_DEV_JUDGED`, installed with ``rhetoric.corpus``), or ``None``."""
    path = Path(str(resources.files("rhetoric.corpus").joinpath("annotations", PTC_DEV_JUDGED)))
    return path if path.is_file() else None


def ptc_dev_documents(data_home: str | os.PathLike | None = None) -> list[str]:
    """Every PTC dev article, as a path under the data home: the documents the judgements of
    :func:`ptc_dev_judged_file` cover, those with no figure judged included (so that a figure the
    detectors now find in such an article is counted as unjudged, not missed)."""
    folder = get_data_home(data_home) / "ptc" / "dev-articles"
    if not folder.is_dir():
        raise DataNotFoundError(
            f"{folder}: the PTC dev articles are not in the data home; "
            + fetch_hint("ptc", data_home)
        )
    return sorted(f"ptc/dev-articles/{path.name}" for path in folder.glob("article*.txt"))


def second_judge_file() -> Path | None:
    """The second judge's verdicts on a sample of the public speech figures
    (:data:`SECOND_JUDGE`), or ``None``."""
    path = Path(str(resources.files("rhetoric.corpus").joinpath("annotations", SECOND_JUDGE)))
    return path if path.is_file() else None


def read_second_judgements(path: str | os.PathLike) -> pd.DataFrame:
    """The second judge's records (:func:`~rhetoric.validation.judgements.read_judgements`)
    with the ``stratum`` each figure was drawn from."""
    import json

    second = read_judgements(path)
    lines = [line for line in Path(path).read_text(encoding="utf-8").split("\n") if line.strip()]
    strata = [json.loads(line).get("stratum", "") for line in lines]
    if len(strata) != len(second):
        raise InputError(f"{path}: every record needs a verdict ({len(second)} of {len(strata)})")
    return second.assign(stratum=strata)


def second_judge_agreement(data_home: str | os.PathLike | None = None) -> pd.DataFrame | None:
    """:func:`judge_agreement` of the project's second judge (:func:`second_judge_file`) with
    the first judgements of the same figures (the public judged sets and the PTC dev
    judgements); ``None`` without a second judge's file."""
    path = second_judge_file()
    if path is None:
        return None
    first = [*default_judged_files(data_home), *filter(None, [ptc_dev_judged_file()])]
    return judge_agreement(read_second_judgements(path), read_judgements(first))


def judge_agreement(second: pd.DataFrame, first: pd.DataFrame) -> pd.DataFrame:
    """How far a second judge agrees with the first judgements of the same figures.

    Parameters
    ----------
    second : DataFrame
        The second judge's records (:func:`~rhetoric.validation.judgements.read_judgements`),
        one per figure (its ``doc``, ``device``, ``kind``, ``start``, ``end``, ``parts``), with a
        ``stratum`` column naming the sample each was drawn from.
    first : DataFrame
        The judgements the precision figures rest on; each second record is matched to one of
        them as a figure is (:func:`~rhetoric.validation.precision.match_judgements`).

    Returns
    -------
    DataFrame
        :data:`AGREEMENT_COLUMNS`, one row per stratum and one for ``"all"``: ``figures`` judged
        by both, ``agreement`` (the same verdict of three) and Cohen's ``kappa``;
        ``true_agreement`` and ``true_kappa`` for TRUE against the rest; and the strict
        precision (TRUE share) by each judge, ``first_precision`` and ``second_precision``.
    """
    from sklearn.metrics import cohen_kappa_score

    figures = second.drop(columns=["verdict", "reason", "annotator"])
    matched = match_judgements(figures, first)
    pairs = pd.DataFrame({"stratum": second["stratum"].to_numpy(),
                          "first": matched["verdict"].to_numpy(),
                          "second": second["verdict"].to_numpy()})  # fmt: skip
    pairs = pairs[(pairs["first"] != "") & (pairs["second"] != "")]

    def kappa(a: pd.Series, b: pd.Series) -> float:
        return float(cohen_kappa_score(a, b)) if len(set(a) | set(b)) > 1 else float("nan")

    rows = []
    for stratum, part in [*pairs.groupby("stratum", sort=True), ("all", pairs)]:
        first_true, second_true = part["first"] == "TRUE", part["second"] == "TRUE"
        rows.append({
            "stratum": stratum, "figures": len(part),
            "agreement": float((part["first"] == part["second"]).mean()),
            "kappa": kappa(part["first"], part["second"]),
            "true_agreement": float((first_true == second_true).mean()),
            "true_kappa": kappa(first_true, second_true),
            "first_precision": float(first_true.mean()),
            "second_precision": float(second_true.mean()),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def judged_texts(docs: Iterable[str], data_home: str | os.PathLike | None = None) -> dict[str, str]:
    """``{doc: text}`` for paths under the data home, decoded as the analysis decodes them (see
    :func:`~rhetoric.evaluation.named.named_text` for a missing or unreadable document)."""
    home = get_data_home(data_home)
    texts = {}
    for doc in dict.fromkeys(docs):
        path = home / doc
        if not path.is_file() and len(Path(doc).parts) == 1:  # a name, not a path
            raise UsageError(
                f"{doc}: a judged document is named as a run names it, not by its path under the "
                "data home (such as inaugural/texts/1961-Kennedy.txt); a sheet of `rhetoric "
                "validate sample` is read by `rhetoric validate report`"
            )
        texts[doc] = named_text(doc, home, "judged document")
    return texts


#: The labels a judged figure may carry: the devices, their older names and stance words.
JUDGED_LABELS = (*DEVICES, *COMPATIBLE, "stance")


def load_judged(
    judged: Iterable[str | os.PathLike], data_home: str | os.PathLike | None = None
) -> pd.DataFrame:
    """The judged figures of ``judged`` (:func:`~rhetoric.validation.judgements.read_judgements`)
    as the evaluation reads them: one name per document (:func:`document_name`); refused when a
    label is none of :data:`JUDGED_LABELS` (a close one suggested: a misspelt device would leave
    its judgements matching nothing, and the figures they judge unjudged) or when no record holds
    a verdict (every precision would be of 0 figures)."""
    judged = list(judged)
    judgements = read_judgements(judged)
    if judgements.empty:
        raise InputError(
            f"no judged figure (a record with a verdict) in {', '.join(map(str, judged))}"
        )
    for device, file in zip(judgements["device"], judgements["file"], strict=True):
        if device not in JUDGED_LABELS:
            raise unknown_label(file, device, JUDGED_LABELS)
    names = {doc: document_name(doc, data_home) for doc in dict.fromkeys(judgements["doc"])}
    return judgements.assign(doc=judgements["doc"].map(names))


def check_offsets(judgements: pd.DataFrame, texts: dict[str, str]) -> None:
    """A judgement whose offsets lie past its document's end is an
    :class:`~rhetoric.errors.InputError` (another document, or offsets counted another way).
    Its ``text`` is not checked: a record may give a figure's parts joined ("former | former")
    or cut short."""
    for row in judgements.itertuples(index=False):
        if row.end > len(texts[row.doc]):
            raise InputError(
                f"{row.file}: a judgement of {row.doc} at [{row.start}:{row.end}] lies past the "
                f"end of its text ({len(texts[row.doc])} characters)"
            )


def detect_figures(
    texts: dict[str, str],
    *,
    n_jobs: int = -1,
    devices: Iterable[str] | None = None,
    min_score: float | None = None,
) -> pd.DataFrame:
    """Run the detectors (every one by default; ``devices=()`` for none) and the stance finder
    over ``texts`` and group the spans into figures (``min_score`` as for
    :func:`rhetoric.analyze`: the default thresholds when ``None``).

    A document that cannot be analysed stops the work, as :meth:`rhetoric.runner.Outcome.unwrap`
    would: an :class:`~rhetoric.errors.InputError` for a bad input or a timeout (the document's
    problem), an :class:`~rhetoric.runner.InternalError` for a bug."""
    from rhetoric.pipeline import analyze_corpus
    from rhetoric.runner import InternalError

    corpus = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    result = analyze_corpus(
        corpus, devices=devices, frames=True, n_jobs=n_jobs, min_score=min_score
    )
    if len(result.errors):
        row = result.errors.iloc[0]
        message = f"{row['doc_id']}: could not be analysed ({row['kind']}: {row['reason']})"
        raise InternalError(message) if row["kind"] == "internal" else InputError(message)
    return group_figures(result.spans, texts)


def evaluate_precision(
    judged: Iterable[str | os.PathLike],
    data_home: str | os.PathLike | None = None,
    *,
    n_jobs: int = -1,
    devices: Iterable[str] | None = None,
    documents: Iterable[str] = (),
    min_score: float | None = None,
) -> PrecisionResult:
    """Precision of the current detectors over judged figures, by genre, device and kind.

    Parameters
    ----------
    judged : list of paths
        Judgement files in the rubric's record format (``doc`` a path under the data home).
    data_home : path, optional
        Where the documents are (default: ``RHETORIC_DATA``).
    devices : list of str, optional
        Run only these detectors (default: all; ``()``: only the stance finder).
    documents : list of str, optional
        More documents the judgements cover (paths under the data home), analysed although no
        figure in them is judged: their figures count as unjudged (for instance every PTC dev
        article, :func:`ptc_dev_documents`). By default only the documents judgements name.
    min_score : float, optional
        The figures measured: the default output when ``None``, else those scoring at least
        this (``0``: every candidate, scored).

    Returns
    -------
    PrecisionResult
    """
    judgements = load_judged(judged, data_home)
    documents = [document_name(doc, data_home) for doc in documents]
    texts = judged_texts([*judgements["doc"], *documents], data_home)
    check_offsets(judgements, texts)
    figures = detect_figures(texts, n_jobs=n_jobs, devices=devices, min_score=min_score)
    matched = match_judgements(figures, judgements)
    matched["genre"] = matched["doc"].map(genre_of)
    table = pd.concat(
        [
            precision_table(matched, ("genre", "device", "kind")),
            precision_table(matched.assign(genre=ALL), ("genre", "device", "kind")),
        ],
        ignore_index=True,
    )
    # a judgement is keyed by its kind too: two judgements of one range, of different kinds
    # (a tricolon and a list), are two judgements, and the one no figure took is an orphan
    unit = ["doc", "device", "kind", "start", "end"]
    used = set(
        matched.loc[matched["verdict"] != "", ["doc", "device", "judged_kind", "judged_start",
                                                "judged_end"]].itertuples(index=False, name=None)
    )  # fmt: skip
    keys = judgements[unit].astype({"kind": str}).itertuples(index=False, name=None)
    orphans = judgements[[key not in used for key in keys]].reset_index(drop=True)
    return PrecisionResult(table, matched, orphans, texts)


def unjudged_sheet(result: PrecisionResult, width: int = 150) -> pd.DataFrame:
    """The unjudged figures as a sheet to judge: the record format with context, empty verdicts."""
    todo = result.figures[result.figures["verdict"] == ""]
    sheet = with_context(todo, result.texts, width)
    return sheet.assign(verdict="", reason="", annotator="").reset_index(drop=True)


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _interval(value: float, low: float, high: float) -> str:
    return "" if value != value else f"{value:.2f} [{low:.2f}, {high:.2f}]"


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """A precision table for reading: counts, then ``precision`` and ``lenient`` as ``p [low, high]``."""
    keys = [c for c in ("genre", "device", "kind") if c in table.columns]
    shown = table[[*keys, "judged", "true", "borderline", "false", "unjudged"]].copy()
    shown["precision"] = [
        _interval(*row)
        for row in table[["precision", "precision_low", "precision_high"]].itertuples(index=False)
    ]
    shown["lenient"] = [
        _interval(*row)
        for row in table[["lenient", "lenient_low", "lenient_high"]].itertuples(index=False)
    ]
    return shown


def genre_summary(table: pd.DataFrame, genres: Iterable[str] = ("speech", "news")) -> pd.DataFrame:
    """One row per device (kinds pooled), the genres side by side: the README's layout.

    Columns ``device`` (the ten devices in their usual order, ``stance``, then ``all``), then for
    each genre ``<genre> judged``, ``<genre> precision`` and ``<genre> lenient`` (``p [low,
    high]`` text) and ``<genre> unjudged``.
    """
    from rhetoric.devices import DEVICES

    pooled = table[table["kind"] == ALL]
    present = set(pooled["device"])
    devices = [d for d in (*DEVICES, *sorted(present - {*DEVICES, ALL}), ALL) if d in present]
    present_genres = [g for g in genres if g in set(pooled["genre"])]
    return _genres_side_by_side(pooled, "device", devices, present_genres)


def _genres_side_by_side(table: pd.DataFrame, key: str, rows: list[str], genres) -> pd.DataFrame:
    """One row per ``key`` value in ``rows``; for each genre its ``judged``, ``precision`` and
    ``lenient`` (``p [low, high]``) and ``unjudged`` columns."""
    wide = pd.DataFrame({key: rows})
    for genre in genres:
        part = table[table["genre"] == genre].set_index(key).reindex(rows)
        wide[f"{genre} judged"] = part["judged"].to_numpy()
        for name in ("precision", "lenient"):
            wide[f"{genre} {name}"] = [
                _interval(*r)
                for r in part[[name, f"{name}_low", f"{name}_high"]].itertuples(index=False)
            ]
        wide[f"{genre} unjudged"] = part["unjudged"].to_numpy()
    return wide


#: The stance families reported apart: loaded words of either polarity are one family.
STANCE_FAMILIES = ("hedge", "booster", "loaded")


def stance_family(kind: str) -> str:
    """The family of a stance kind: ``loaded_negative`` and ``loaded_positive`` are ``loaded``.

    >>> [stance_family(k) for k in ("hedge", "booster", "loaded_negative", "loaded_positive")]
    ['hedge', 'booster', 'loaded', 'loaded']
    """
    return "loaded" if str(kind).startswith("loaded") else str(kind)


def stance_summary(
    figures: pd.DataFrame, genres: Iterable[str] = ("speech", "news")
) -> pd.DataFrame:
    """Precision of the stance families by genre: the issue's targets, one row per family.

    Parameters
    ----------
    figures : DataFrame
        Matched figures with ``genre`` (:attr:`PrecisionResult.figures`).

    Returns
    -------
    DataFrame
        ``kind`` (hedge, booster, loaded), then for each genre ``<genre> judged``, ``<genre>
        precision``, ``<genre> lenient`` (``p [low, high]``) and ``<genre> unjudged``.
    """
    return _genres_side_by_side(
        stance_precision(figures), "kind", list(STANCE_FAMILIES), list(genres)
    )


def stance_precision(figures: pd.DataFrame) -> pd.DataFrame:
    """:func:`precision_table` of the stance figures by ``genre`` and family (``kind``: hedge,
    booster, loaded), the numbers :func:`stance_summary` writes out."""
    stance = figures[figures["device"] == "stance"]
    stance = stance.assign(kind=stance["kind"].map(stance_family))
    return precision_table(stance, ("genre", "device", "kind"), totals=False)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--judged",
        nargs="+",
        required=True,
        metavar="FILE",
        help="judgement files (JSON Lines or CSV; documents named by their path under the data home)",
    )
    from rhetoric.datahome import add_data_home_option

    add_data_home_option(parser)
    parser.add_argument(
        "--unjudged-out",
        metavar="SHEET.jsonl",
        help="write the figures no judgement covers, with context, as a sheet to judge",
    )
    parser.add_argument(
        "--jobs", type=int, default=0, metavar="N", help="worker processes (default 0: every core)"
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="list every unjudged figure, and every judgement no current figure matches",
    )
    from rhetoric.output import add_format_option

    add_format_option(parser, what="the precision table")


def run(args: argparse.Namespace) -> int:
    from rhetoric.output import check_verbose_format

    check_verbose_format(args, "the unjudged figures and the judgements no figure matches")
    if args.unjudged_out:
        from rhetoric.files import output_path
        from rhetoric.validation.judgements import check_sheet_target

        output_path(args.unjudged_out, "--unjudged-out")  # said before the evaluation
        check_sheet_target(args.unjudged_out, "--unjudged-out")  # judged since: not written over
    result = evaluate_precision(args.judged, args.data_home, n_jobs=args.jobs)
    judged = int((result.figures["verdict"] != "").sum())
    if getattr(args, "format", "table") != "table":  # the table only, every genre in one
        from rhetoric.output import format_table

        print(format_table(result.table, args.format), end="")
        if args.unjudged_out:
            sheet = unjudged_sheet(result)
            write_judgements(sheet, args.unjudged_out, "--unjudged-out")
        return 0
    print(
        f"{len(result.figures)} figures in {len(result.texts)} documents; {judged} match a "
        f"judgement, {len(result.figures) - judged} unjudged; precision is TRUE / judged, "
        "lenient counts BORDERLINE as half; 95% Wilson intervals"
    )
    with pd.option_context(
        "display.width", 200, "display.max_rows", None, "display.max_colwidth", 40
    ):
        for genre, part in result.table.groupby("genre", sort=False):
            print(f"\n== {genre}")
            print(display_table(part.drop(columns="genre")).to_string(index=False))
    if len(result.orphans):
        lost = int((result.orphans["verdict"] == "TRUE").sum())
        print(f"\n{len(result.orphans)} judgements match no current figure ({lost} of them TRUE)")
    if getattr(args, "verbose", False):
        todo = result.figures[result.figures["verdict"] == ""]
        print(f"\nunjudged figures ({len(todo)}):")
        for row in todo.itertuples(index=False):
            print(f"  {row.doc} [{row.start}:{row.end}] {row.device}/{row.kind}: {_clip(row.text)}")
        if len(result.orphans):
            print(f"\njudgements no current figure matches ({len(result.orphans)}):")
            for row in result.orphans.itertuples(index=False):
                print(
                    f"  {row.doc} [{row.start}:{row.end}] {row.device}/{row.kind} {row.verdict}: {_clip(row.text)}"
                )
    if args.unjudged_out:
        sheet = unjudged_sheet(result)
        write_judgements(sheet, args.unjudged_out, "--unjudged-out")
        print(f"wrote {len(sheet)} unjudged figures to {args.unjudged_out}")
    return 0
