"""The ``rhetoric`` command line.

Exit codes (the same for every subcommand):

====  ===================================================================================
0     success
1     one or more inputs could not be analysed (each reported on stderr, or a row of errors/
      for analyze-corpus; every other input was analysed)
2     bad command-line usage (unknown option or device name, a conflicting --out)
3     data missing from the data home, or a fetch that could not reach the network
70    an internal error: a bug, never the user's fault (one line naming the document; please
      report it). analyze-corpus finishes the other documents first.
130   interrupted (Ctrl-C); analyze-corpus says how many documents it committed under --out,
      and the same command resumes
====  ===================================================================================

Errors are printed as one line, ``rhetoric: error: ...``, never as a traceback.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import textwrap
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rhetoric.datahome import add_data_home_option
from rhetoric.documents import CorpusDocument
from rhetoric.errors import (
    DataNotFoundError,
    InputError,
    RhetoricError,
    UsageError,
    WorkerLostError,
    did_you_mean,
    option_names,
)
from rhetoric.output import FORMATS, add_format_option, add_table_column_options, format_table

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_DATA, EXIT_INTERNAL = 0, 1, 2, 3, 70
#: Stopped by Ctrl-C (128 + SIGINT, as a shell reports it).
EXIT_INTERRUPTED = 130

#: The options of the commands by the Python parameters they are passed to: a message about a bad
#: value names the option the user typed (``--text-column 'body' is not valid``), not the
#: parameter (:func:`rhetoric.errors.option_names`).
OPTION_NAMES = {
    "text_column": "--text-column",
    "id_column": "--id-column",
    "pattern": "--pattern",
    "min_score": "--min-score",
    "min_score device": "--min-score device",
    "device": "--devices",
    "by": "--by",
    "per_stratum": "--per-stratum",
    "width": "--context",
    "annotator": "--annotator",
    "method": "--method",
    "data_home": "--data-home",
    "scheduler": "--scheduler",
}


def _say(kind: str, message: str) -> None:
    print(f"rhetoric: {kind}: {message}", file=sys.stderr, flush=True)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    _say("warning", str(message))


# --- analyze ----------------------------------------------------------------------------------


def _devices_epilog() -> str:
    from rhetoric.devices import DESCRIPTIONS

    width = max(map(len, DESCRIPTIONS))
    lines = [f"  {name:<{width}}  {text}" for name, text in DESCRIPTIONS.items()]
    note = textwrap.fill(
        "Counts in the report are figures: the parts of one figure (the three limbs of a "
        "tricolon) are one figure, listed span by span below it. Stance words (hedges, boosters, "
        "loaded words) and frame keywords are reported apart from the devices.",
        width=90,
    )
    return "devices (names for --devices):\n" + "\n".join(lines) + "\n\n" + note


def _add_analyze(commands) -> None:
    parser = commands.add_parser(
        "analyze",
        help="find rhetorical devices and frames in text files",
        description="Analyse text files (default: the bundled seed article) and print a report\n"
        "(--format table), one JSON object per document (--format json, or --json), every span\n"
        "as CSV (--format csv), or write a highlighted HTML page (--html).",
        epilog=_devices_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="text files, or - for standard input (default: the bundled seed article)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        metavar="{table,json,csv}",
        help="table: the text report (default); json: one JSON object per document (JSON Lines); "
        "csv: one row per span of every layer (doc, layer, device, kind, start, end, text, group, "
        "score, evidence) under one header",
    )
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    parser.add_argument(
        "--html",
        metavar="FILE",
        help="write a standalone HTML page with the devices highlighted (one section per "
        "document; stance words and frame keywords a click away) and print one line naming it "
        "instead of the text report",
    )
    parser.add_argument(
        "--devices",
        metavar="NAME,...",
        help="look only for these devices, comma-separated (default: all; names below)",
    )
    parser.add_argument(
        "--no-frames",
        action="store_true",
        help="skip frame keywords, the frame profile and stance words (faster)",
    )
    parser.add_argument(
        "--min-score",
        type=_min_score,
        metavar="P|DEVICE=P,...",
        help="keep device figures whose calibrated score (estimated probability that a "
        "rhetorician would mark them) is at least P; default: each device's threshold, chosen "
        "for precision 0.85, and none of the devices whose scorers stay below 0.70 "
        f"({', '.join(_off_by_default()) or 'none now'}); 0 keeps every candidate; "
        "DEVICE=P,... sets it for the devices named (e.g. alliteration=0.4,tricolon=0.5), the "
        "others keep their thresholds",
    )
    parser.add_argument(
        "--max-mb",
        type=_given_number,
        default=10.0,
        metavar="MB",
        help="refuse files larger than this many megabytes (default 10)",
    )
    parser.add_argument(
        "--genre",
        choices=["news", "speech"],
        help="news: rank frames with the news frame model (trained on news articles); speech: "
        "with the speech ranker (fitted on addresses); not given: the profile ranker (the seed "
        "article is news)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="analyse files in N processes (0 or -1: every core; -2: all but one, as joblib "
        "counts); output stays in input order",
    )
    add_data_home_option(parser)
    parser.set_defaults(run=_run_analyze)


def _analyze_source(
    document, devices, frames: bool, max_bytes: int, min_score=None,
    genre: str | None = None,
):  # fmt: skip
    """Analyse one input of ``rhetoric analyze`` (mapped by :mod:`rhetoric.runner`)."""
    from rhetoric.analysis import Options, analyze, analyze_text
    from rhetoric.devices import check_devices, check_min_score
    from rhetoric.runner import document_text
    from rhetoric.text import warn_if_no_words

    if document.path is None:  # the text piped in, or the seed article: a text, never a path
        if isinstance(document, _StandardInput) and len(document.text) > max_bytes:
            from rhetoric.text import over_the_limit

            raise InputError(
                f"{document.doc_id}: {over_the_limit(len(document.text), max_bytes)} (raise it "
                "with --max-mb)"
            )
        options = Options(devices=check_devices(devices), frames=frames,
                          min_score=check_min_score(min_score),
                          genre=genre or document.metadata.get("genre"))  # fmt: skip
        result = analyze_text(document_text(document), options, Path(document.doc_id).stem)
    else:
        result = analyze(Path(document.path), devices=devices, frames=frames, max_bytes=max_bytes,
                         min_score=min_score, genre=genre)  # fmt: skip
    result.source = document.doc_id
    warn_if_no_words(result.n_words, document.doc_id)  # said with the outcome's other warnings
    return result


def _seed_document() -> CorpusDocument:
    """The bundled seed article, as ``rhetoric analyze`` without a path reads it: its text (a news
    article), named by the path of its file in the installed package, relative to the working
    folder when it lies inside it (``corpus/moscow_kabul_via_islamabad.txt`` from the
    repository's root) and absolute elsewhere. The name is a path that resolves from here, as a
    path given is, so ``rhetoric validate`` reads the text again from the output's ``doc``."""
    from importlib import resources

    from rhetoric.corpora import SEED_FILE

    resource = resources.files("rhetoric.corpus").joinpath(SEED_FILE)
    path = os.path.abspath(str(resource))
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive than the working folder's
        relative = path
    name = path if relative.split(os.sep)[0] == os.pardir else relative
    return CorpusDocument(name, text=resource.read_bytes(), metadata={"genre": "news"})


def _run_analyze(args) -> int:
    from functools import partial

    from rhetoric.devices import check_min_score
    from rhetoric.files import output_path, write_output
    from rhetoric.runner import map_documents
    from rhetoric.text import printable_path

    devices = _devices_option(args.devices)
    if args.html:
        output_path(args.html, "--html")  # a folder or an impossible place: said before the work
    if args.paths:
        sources = [
            _standard_input(args)
            if path == "-"
            else CorpusDocument(printable_path(path), path=path)
            for path in args.paths
        ]
    else:
        sources = [_seed_document()]
    work = partial(
        _analyze_source,
        devices=devices,
        frames=not args.no_frames,
        max_bytes=_max_bytes(args),
        min_score=check_min_score(args.min_score),
        genre=args.genre,
    )
    if args.json and args.format not in ("table", "json"):  # two formats asked for
        raise UsageError(f"--json and --format {args.format} ask for two formats; give one")
    fmt = "json" if args.json else args.format
    failures, bugs, pages, header, not_analysed = 0, [], [], True, []
    outcomes = map_documents(
        work, sources, n_jobs=args.jobs if len(sources) > 1 else 1, progress=False
    )
    for outcome in outcomes:  # in input order, as each is ready
        for message in outcome.warnings:
            _say("warning", message)
        if outcome.error is not None:
            if outcome.error["kind"] == "internal":
                bugs.append(outcome.error)
                _say("internal error", _bug_line(outcome.error))
                not_analysed.append((outcome.doc_id, "an internal error (a bug; see the terminal)"))
            else:
                _say("error", outcome.error["reason"])
                failures += 1
                reason = outcome.error["reason"].removeprefix(f"{outcome.doc_id}: ")
                not_analysed.append((outcome.doc_id, reason))
            continue
        result = outcome.value
        if fmt == "json":
            print(result.to_json(), flush=True)
        elif fmt == "csv":  # one header for every document
            rows = format_table(span_rows(result), "csv")
            print(rows if header else rows.split("\n", 1)[1], end="", flush=True)
            header = False
        elif not args.html:  # --html: the page, and one line naming it
            print(format_report(result, min_score=args.min_score), flush=True)
        if args.html:
            pages.append(result)
    if args.html and pages:
        from rhetoric.viz.highlight import highlight_pages

        html = highlight_pages(pages, devices=devices, not_analysed=not_analysed)
        write_output(args.html, html, "--html")
        documents = f"{len(pages)} document{'s' * (len(pages) != 1)}"
        if not_analysed:
            documents += f"; {len(not_analysed)} input{'s' * (len(not_analysed) != 1)} not analysed, listed on the page"
        # with --format json or csv, stdout holds the data only: the line goes to stderr
        print(f"wrote {args.html} ({documents})", file=sys.stdout if fmt == "table" else sys.stderr)
    if bugs:
        return EXIT_INTERNAL
    return EXIT_INPUT if failures else EXIT_OK


#: Columns of ``rhetoric analyze --format csv``.
SPAN_ROW_COLUMNS = ["doc", "layer", "device", "kind", "start", "end", "text", "group", "score",
                    "evidence"]  # fmt: skip


def span_rows(result):
    """Every span of one analysed document, devices then stance then frame keywords, as the rows
    of ``rhetoric analyze --format csv`` (:data:`SPAN_ROW_COLUMNS`); ``doc`` is the path given."""
    table = result.spans
    order = table["layer"].map({"device": 0, "stance": 1, "frame": 2})
    table = table.assign(doc=result.source, _order=order)
    table = table.sort_values(["_order", "start", "end"], kind="stable")
    return table[SPAN_ROW_COLUMNS].reset_index(drop=True)


REPORT_HINT = "this is a bug in rhetoric, not in your input: please report it with this line"


def _bug_line(error: dict) -> str:
    """The line of an internal error: the document (its file, where it has one: a doc_id has no
    extension or folder), the exception, and the request to report it."""
    return f"{error.get('path') or error['doc_id']}: {error['reason']}; {REPORT_HINT}"


# --- analyze-corpus ---------------------------------------------------------------------------


def _add_analyze_corpus(commands) -> None:
    parser = commands.add_parser(
        "analyze-corpus",
        help="analyse a corpus into Parquet tables (resumable; many cores or a Dask cluster)",
        description="Analyse every document of SOURCE and write the tables documents, spans, "
        "frames, removed and errors as Parquet under --out, as the run goes. Run it again with "
        "the same --out to resume an interrupted run. Bad inputs become rows of errors/ and the "
        "run goes on.",
    )
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help="a folder of text files (see --pattern), a CSV/JSONL/Parquet table with a text "
        "(or path) column, or a bundled corpus name (inaugural, state_union, federalist, seed)",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (0 or -1: every core; -2: all but one, as joblib counts)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs rhetoric-analysis[dask])",
    )
    parser.add_argument(
        "--min-score",
        type=_min_score,
        metavar="P|DEVICE=P,...",
        help="keep device figures scored at least P (default: each device's threshold, and none "
        f"of the devices whose scorers stay below precision 0.70: {', '.join(_off_by_default()) or 'none now'}; "
        "0 keeps every candidate); DEVICE=P,... sets it for the devices named, the others keep "
        "their thresholds",
    )
    parser.add_argument(
        "--pattern", default="*.txt", metavar="GLOB", help="files of a folder (default *.txt)"
    )
    add_table_column_options(parser)
    parser.add_argument("--devices", metavar="NAME,...", help="only these devices")
    parser.add_argument("--no-frames", action="store_true", help="skip frames and stance")
    parser.add_argument(
        "--max-mb",
        type=_given_number,
        default=10.0,
        metavar="MB",
        help="refuse files larger than this many megabytes (default 10)",
    )
    parser.add_argument(
        "--time-limit",
        type=_given_number,
        default=600.0,
        metavar="SECONDS",
        help="give up a document after this long, as an error row (default 600; 0: no limit)",
    )
    parser.add_argument(
        "--genre",
        choices=["news", "speech"],
        help="the genre of documents whose metadata names none: news ranks their frames with the "
        "news frame model, speech with the speech ranker, neither with the profile ranker",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_data_home_option(parser)
    parser.set_defaults(run=_run_analyze_corpus)


def corpus_source(source: str):
    """A path as given, or the DataFrame of a bundled corpus name: the corpus a command line names
    (``analyze-corpus SOURCE``, ``validate --texts``); anything else is an
    :class:`~rhetoric.errors.InputError` saying it is neither."""
    try:
        if Path(source).exists():
            return Path(source)
    except OSError as error:  # a name too long for the file system, say
        raise InputError(f"{source}: cannot be read ({error.strerror or error})") from None
    from rhetoric.corpora import LOADERS, load_corpus

    if source in LOADERS:
        return load_corpus(source)
    if "/" in source or os.sep in source or "." in source:  # a path, not a corpus name
        raise InputError(f"{source}: no such file or folder")
    from rhetoric.errors import no_such_corpus

    raise no_such_corpus(source, LOADERS)


def _analyze_corpus(args) -> int:
    from rhetoric.pipeline import write_corpus

    devices = _devices_option(args.devices)
    summary = write_corpus(
        corpus_source(args.source),
        args.out,
        devices=devices,
        frames=not args.no_frames,
        min_score=args.min_score,
        n_jobs=args.jobs,
        scheduler=args.scheduler,
        time_limit=_time_limit(args),
        max_bytes=_max_bytes(args),
        progress=False if args.no_progress else None,
        pattern=args.pattern,
        text_column=args.text_column,
        id_column=args.id_column,
        genre=args.genre,
    )
    print(summary, flush=True)
    if summary.documents == 0 and summary.skipped == 0:
        where = f" matching {args.pattern!r}" if Path(args.source).is_dir() else ""
        _say("warning", f"{args.source}: no documents{where}; the tables are empty")
    if summary.internal:
        first = summary.first_internal
        earlier = _earlier_errors(summary, ["internal"])
        _say(
            "internal error",
            f"{summary.internal} document(s) failed because of a bug, recorded in "
            f"{Path(args.out) / 'errors'}{earlier} (first: {_bug_line(first)})",
        )
        return EXIT_INTERNAL
    if summary.failed:
        kinds = [kind for kind in summary.earlier_errors if kind != "internal"]
        _say(
            "error",
            f"{summary.failed} document(s) could not be analysed; see "
            f"{Path(args.out) / 'errors'}{_earlier_errors(summary, kinds)}",
        )
        return EXIT_INPUT
    return EXIT_OK


def _run_analyze_corpus(args) -> int:
    """``analyze-corpus``; stopped by Ctrl-C, it says in one line how many documents are
    committed in ``--out`` and that the same command resumes (exit 130)."""
    try:
        return _analyze_corpus(args)
    except KeyboardInterrupt:
        _say("interrupted", f"{_committed(args.out)} in {args.out}; run the same command to resume")
        return EXIT_INTERRUPTED


def _committed(out: str) -> str:
    """How many documents a run folder holds, as said when a run into it is interrupted."""
    from rhetoric.store import committed_documents

    try:
        n = committed_documents(out)
    except (InputError, OSError):  # a folder damaged meanwhile: not counted
        return "the documents committed so far are kept"
    return f"{n} document{'s' * (n != 1)} committed"


def _earlier_errors(summary, kinds: list[str]) -> str:
    """What to do about errors of ``kinds`` that an earlier run recorded into the folder: a run
    into the same folder skips every document it holds, failed ones too (resuming never
    analyses a document twice), so they are tried again only in a new folder."""
    n = sum(summary.earlier_errors[kind] for kind in kinds)
    if not n:
        return ""
    longer = (
        " (with a longer --time-limit)"
        if summary.earlier_errors["timeout"] and "timeout" in kinds
        else ""
    )
    return (
        f"; {n} of them recorded by an earlier run, which a run into the same --out does not "
        f"analyse again: to retry them{longer}, give a new --out folder"
    )


def _figures(spans) -> Counter:
    """Figures per device, grouped by the one rule of :func:`rhetoric.figures.figure_parts`."""
    from rhetoric import figures

    return Counter(parts[0].device for parts in figures.figure_parts(spans))


def _min_score(value: str) -> float | dict[str, float]:
    """``--min-score``: one probability, or ``DEVICE=P`` pairs separated by commas."""
    try:
        if "=" not in value:
            return float(value)
        pairs = [part.split("=", 1) for part in value.split(",") if part.strip()]
        names = [device.strip() for device, _ in pairs]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise argparse.ArgumentTypeError(f"{value!r}: {', '.join(twice)} given twice")
        return {device.strip(): float(p) for device, p in pairs}
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r}: give a probability (0.3) or DEVICE=P pairs (alliteration=0.4,tricolon=0.5)"
        ) from None


@dataclass(frozen=True)
class _StandardInput(CorpusDocument):
    """The text piped in (its bytes), held to ``--max-mb`` where it is analysed: over it, it is
    its own input error, and the other inputs are still analysed."""


def _standard_input(args):
    """The text piped in (``PATH`` ``-``) as a document named ``<stdin>``, decoded as a file is."""
    if getattr(args, "_stdin_read", False):
        raise UsageError("- (standard input) may be given once")
    args._stdin_read = True
    return _StandardInput("<stdin>", text=sys.stdin.buffer.read())


def _devices_option(value: str | None) -> tuple[str, ...] | None:
    """``--devices``: the devices named (``None`` when the option is not given: every device); an
    option that names none ("", ",") is a usage error rather than all or nothing."""
    from rhetoric.devices import check_devices

    if value is None:
        return None
    names = [d.strip() for d in value.split(",") if d.strip()]
    if not names:
        raise UsageError(
            f"--devices {value!r} names no device; give names such as antithesis,tricolon, or "
            "leave the option out for every device"
        )
    return check_devices(names)


class _GivenNumber(float):
    """A number of the command line that keeps the text it was given as (``0.00001``, not
    ``1e-05``), for messages that echo it."""

    text: str

    def __new__(cls, text: str) -> _GivenNumber:
        number = super().__new__(cls, text)
        number.text = text.strip()
        return number

    def __reduce__(self):  # sent to a worker process or a Dask worker as it was typed
        return (type(self), (self.text,))


def _given_number(text: str) -> float:
    return _GivenNumber(text)


_given_number.__name__ = "float"  # argparse's "invalid float value: 'x'"


def _given(value: float) -> str:
    """An option's number as the user typed it (a default: shortest form)."""
    return getattr(value, "text", f"{value:g}")


def _max_bytes(args) -> int:
    """``--max-mb`` in bytes: a finite size above 0."""
    if not args.max_mb * 1_000_000 >= 1 or math.isinf(args.max_mb):  # 0, negative, under a byte
        raise UsageError(
            f"--max-mb {_given(args.max_mb)} is not valid; give a finite size in megabytes "
            "above 0 (at least one byte, 0.000001)"
        )
    return int(args.max_mb * 1_000_000)


def _time_limit(args) -> float | None:
    """``--time-limit`` in seconds; 0 is no limit."""
    import threading

    if not 0 <= args.time_limit <= threading.TIMEOUT_MAX:  # nan, negative, inf
        raise UsageError(
            f"--time-limit {_given(args.time_limit)} is not valid; give seconds (at most "
            f"{threading.TIMEOUT_MAX:.0f}), or 0 for no limit"
        )
    return float(args.time_limit) or None  # a plain number from here on (workers get it)


def _off_by_default() -> list[str]:
    """The devices whose scorers are not reported without a ``min_score``."""
    from rhetoric.devices import DEVICES, reported_devices

    reported = reported_devices()
    return [d for d in DEVICES if d not in reported]


def format_report(result, min_score=None) -> str:
    """The plain-text report of one analysed document: devices counted in figures, then stance
    words and the frame profile as an aligned table. ``min_score``: the one the document was
    analysed with (``None``, or a dict for some devices: the others were kept at the scorers'
    default thresholds, and the report says how to see every candidate and which devices are
    not reported)."""
    from rhetoric.devices import device_min_score

    thresholded = min_score is None or isinstance(min_score, dict)
    lines = [f"== {result.source}", f"{result.n_words:,} words"]
    if result.removed:
        lines.append(f"removed as page furniture ({len(result.removed)} spans):")
        lines.extend(_removed_lines(result.removed))
    spans = [s for s in result.device_spans if s.device not in ("frame", "stance")]
    if spans:
        figures = _figures(spans)
        in_spans = Counter(s.device for s in spans)
        order = sorted(figures, key=lambda d: (-figures[d], d))
        lines.append("devices, in figures: " + ", ".join(f"{d} {figures[d]}" for d in order))
        for device in order:
            n, k = figures[device], in_spans[device]
            lines.append(f"-- {device}: {n} figure{'s' * (n != 1)} in {k} span{'s' * (k != 1)}")
            for span in [s for s in spans if s.device == device]:
                group = f" group={span.group}" if span.group else ""
                lines.append(
                    f"  [{span.start}:{span.end}] {span.kind}{group} {span.score:.2f}: {_clip(span.text)}"
                )
                if span.evidence:
                    lines.append(f"      {span.evidence}")
    else:
        lines.append(
            "devices: none above the default thresholds (set for precision; --min-score 0 "
            "lists every candidate figure with its calibrated score)"
            if thresholded
            else "devices: none found"
        )
    off = [d for d in _off_by_default() if device_min_score(min_score, d) is None]
    if thresholded and off:
        whose = "their scorers'" if len(off) > 1 else "its scorer's"
        figures = "their" if len(off) > 1 else "its"
        lines.append(
            f"not reported by default: {', '.join(off)} ({whose} estimated precision on unseen text "
            f"is below 0.70; --min-score {off[0]}=X lists {figures} figures scoring at least X, "
            "the other devices keeping their thresholds)"
        )
    every = [*result.device_spans, *result.frame_spans, *getattr(result, "stance_spans", [])]
    stance = Counter(
        s.kind
        for s in {(s.start, s.end, s.kind): s for s in every if s.device == "stance"}.values()
    )
    if stance:
        lines.append(
            "stance, in words: " + ", ".join(f"{kind} {n}" for kind, n in sorted(stance.items()))
        )
    if result.frame_rows:
        rows = result.frame_rows[:5]
        width = max(len("frame"), *(len(str(r["frame"])) for r in rows))
        scores = [f"{float(r['score']):.3f}" for r in rows]
        score_width = max(len("score"), *map(len, scores))
        hits_width = max(len("hits"), *(len(str(r["hits"])) for r in rows))
        lines.append(
            "frames, ranked (rank 1: the dominant frame; 0: not ranked; score: weighted keyword "
            "hits per 1,000 words):"
        )
        if not any(r["rank"] == 1 for r in rows) and any(r["rank"] for r in rows):
            lines.append(
                "  (the codebook's 'other' comes first: no frame of the lexicon dominates)"
            )
        if any(r["rank"] == 1 and not r["hits"] for r in rows):
            lines.append(
                "  (the first frame has no keyword of its own: the news frame model reads every "
                "word; rhetoric.framing.frame_model_evidence says which)"
            )
        lines.append(
            f"  {'frame':<{width}}  rank  {'score':>{score_width}}  {'hits':>{hits_width}}  keywords"
        )
        for row, score in zip(rows, scores, strict=True):
            lines.append(
                f"  {row['frame']:<{width}}  {row['rank']:>4}  {score:>{score_width}}  "
                f"{row['hits']:>{hits_width}}  " + ", ".join(row["keywords"][:6])
            )
        if len(result.frame_rows) > len(rows):
            lines.append(
                f"  ({len(result.frame_rows) - len(rows)} more frames with hits: --format json "
                "or --html lists them all)"
            )
    return "\n".join(lines) + "\n"


def _removed_lines(removed) -> list[str]:
    """One line per removed span; a text removed more than twice ("(Applause.)") is one line
    with its count and first offsets, so a transcript's markers do not fill the report."""
    by_text = Counter((span.kind, " ".join(span.text.split())) for span in removed)
    lines, shown = [], set()
    for span in removed:
        key = (span.kind, " ".join(span.text.split()))
        if by_text[key] <= 2:
            lines.append(f"  [{span.start}:{span.end}] {span.kind}: {_clip(span.text)}")
        elif key not in shown:
            shown.add(key)
            where = [
                f"[{s.start}:{s.end}]" for s in removed if (s.kind, " ".join(s.text.split())) == key
            ]
            more = f", ... ({len(where) - 3} more)" if len(where) > 3 else ""
            lines.append(
                f"  {span.kind} ×{len(where)}: {_clip(span.text)}  at {', '.join(where[:3])}{more}"
            )
    return lines


def _clip(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --- data ---------------------------------------------------------------------------------------


def _add_data(commands) -> None:
    parser = commands.add_parser(
        "data",
        help="the data home: status and fetch",
        description="Inspect or fill the data home (--data-home, else $RHETORIC_DATA, else "
        "~/rhetoric_data).",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = actions.add_parser(
        "status",
        help="each folder: present or missing, and which commands need it",
        description="List each folder of the data home: present or missing, files found, and "
        "which commands need it. Exits 3 when what `rhetoric analyze` needs is missing.",
    )
    add_data_home_option(status)
    status.add_argument(
        "--no-checksums", action="store_true", help="skip the sha1 check of every file (faster)"
    )
    add_format_option(status, what="the folders")
    status.set_defaults(run=_run_data_status)
    fetch = actions.add_parser(
        "fetch",
        help="download what analysis needs (--all: the corpora too); needs the network",
        description="Download what the data home lacks: by default the NLTK resources "
        "`rhetoric analyze` needs; with --all the corpora as well (the PTC cannot be "
        "downloaded: request it from the SemEval-2020 Task 11 organisers).",
    )
    add_data_home_option(fetch)
    fetch.add_argument(
        "--all",
        action="store_true",
        help="also fetch the corpora: Federalist, inaugural and State of the Union addresses",
    )
    fetch.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="seconds to wait for the network (default 10)",
    )
    fetch.set_defaults(run=_run_data_fetch)


def _run_data_status(args) -> int:
    from rhetoric.datahome import get_data_home
    from rhetoric.fetch import data_status

    table = data_status(args.data_home, checksums=not args.no_checksums)
    if args.format == "table":
        print(f"data home: {get_data_home(args.data_home)}")
        files = [f"{row.files}/{row.expected}" for row in table.itertuples(index=False)]
        if not args.no_checksums:
            files = [
                f"{f} ({row.checksum_ok} sha1 ok)"
                for f, row in zip(files, table.itertuples(index=False), strict=True)
            ]
        shown = table[["corpus", "status"]].assign(files=files, needed_by=table["needed_by"],
                                                   note=table["note"])  # fmt: skip
        shown.columns = ["folder", "status", "files", "needed by", "note"]
        print(format_table(shown), end="")
    else:
        shown = table.rename(columns={"corpus": "folder"}).assign(
            data_home=str(get_data_home(args.data_home))
        )
        print(format_table(shown, args.format), end="")
    ready = table.loc[table["corpus"] == "nltk_data", "status"].isin(["present", "elsewhere"]).all()
    if not ready:
        _say(
            "error",
            "`rhetoric analyze` cannot run: NLTK resources are missing; run `rhetoric data fetch`",
        )
        return EXIT_DATA
    return EXIT_OK


def _run_data_fetch(args) -> int:
    from rhetoric.fetch import fetch

    fetch(args.data_home, everything=args.all, timeout=args.timeout, log=print)
    return EXIT_OK


# --- evaluate and attribute: their arguments live with their modules ------------------------------


def _add_evaluate(commands, wanted: set[str]) -> None:
    parser = commands.add_parser(
        "evaluate",
        help="score the detectors against gold data",
        description="Score the device detectors against gold annotations.",
    )
    targets = parser.add_subparsers(dest="target", required=True, metavar="TARGET")
    devices = targets.add_parser("devices", help="gold device items (shared/gold format)")
    devices.add_argument(
        "--gold", required=True, metavar="FILE.jsonl", help="the gold items, one JSON per line"
    )
    add_data_home_option(devices)
    devices.add_argument("--devices", metavar="NAME,...", help="only these devices")
    devices.add_argument("--verbose", action="store_true", help="list every miss and violation")
    add_format_option(devices, what="the scores")
    devices.set_defaults(run=_run_evaluate_devices)
    for name, module in (
        ("ptc", "rhetoric.evaluation.ptc"),
        ("chiasmus", "rhetoric.evaluation.chiasmus"),
        ("precision", "rhetoric.evaluation.precision"),
        ("tradeoff", "rhetoric.evaluation.tradeoff"),
        ("report", "rhetoric.evaluation.report"),
    ):
        sub = targets.add_parser(name, help=f"see `rhetoric evaluate {name} --help`")
        sub.set_defaults(run=_delegate(module))
        if name in wanted:  # import the module (and its heavy dependencies) only when used
            _add_arguments_from(module, sub)


def _add_attribute(commands, wanted: set[str]) -> None:
    parser = commands.add_parser(
        "attribute",
        help="authorship attribution (stylometry)",
        description="Attribute texts to authors with Delta and other classifiers.",
    )
    parser.set_defaults(run=_delegate("rhetoric.stylometry.cli"))
    if "attribute" in wanted:
        _add_arguments_from("rhetoric.stylometry.cli", parser)


def _add_validate(commands, wanted: set[str]) -> None:
    parser = commands.add_parser(
        "validate",
        help="validate the coding on your corpus: sample, judging page, precision and agreement",
        description="Sample figures to judge, write the judging page, report precision and agreement.",
    )
    parser.set_defaults(run=_delegate("rhetoric.validation.cli"))
    if "validate" in wanted:
        _add_arguments_from("rhetoric.validation.cli", parser)


def _add_arguments_from(module: str, parser) -> None:
    from importlib import import_module

    import_module(module).add_arguments(parser)


def _delegate(module: str):
    def run(args) -> int:
        from importlib import import_module

        return import_module(module).run(args)

    return run


def _run_evaluate_devices(args) -> int:
    from rhetoric.evaluation.gold import evaluate_gold
    from rhetoric.output import check_verbose_format

    check_verbose_format(args, "every miss and violation")
    devices = _devices_option(args.devices)
    summary, items = evaluate_gold(args.gold, args.data_home, devices)
    if args.format != "table":
        print(format_table(summary, args.format), end="")
        return EXIT_OK
    print(f"gold: {args.gold}")
    print(format_table(summary), end="")
    if args.verbose:
        for item in items[~items["ok"]].itertuples(index=False):
            what = "MISS" if item.polarity == "positive" else "VIOLATION"
            print(
                f"{what} {item.device} {item.doc}: {item.quote!r} (hits {item.hits}/{item.min_hits}) {item.detail}"
            )
    return EXIT_OK


# --- main ---------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage errors are one line naming the command typed and the
    closest option or command for a typo (``--formt`` -> ``--format``, ``analyse`` ->
    ``analyze``), among the options of that command."""

    #: the arguments being parsed (set by :func:`build_parser`): an unrecognised option is
    #: reported by the top parser, which finds the subcommand it was given to from them
    argv: list[str] | None = None

    def error(self, message: str):
        unknown = re.match(r"unrecognized arguments: (.*)", message)
        if unknown:
            command = self._command_parser()
            if command is not self:  # said by the subcommand typed, with its name and options
                command.error(message)
            options = self._every_option()
            for token in unknown.group(1).split():
                name = token.split("=", 1)[0]
                hint = did_you_mean(name, options) if token[:2] == "--" else ""
                if hint and name not in options:  # the first mistyped option
                    message += hint
                    break
        choice = re.match(r"argument .*: invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if choice:
            message += did_you_mean(choice.group(1), re.findall(r"'([^']*)'", choice.group(2)))
        # one line, as every other usage error (exit 2); the usage is one --help away
        self.exit(
            EXIT_USAGE, f"{self.prog}: error: {message} (`{self.prog} --help` lists the options)\n"
        )

    def parse_known_args(self, args=None, namespace=None):
        """A command's paths may come after its options as well as before them
        (``rhetoric analyze a.txt --max-mb 1 b.txt``): a command without subcommands reads its
        arguments intermixed."""
        leaf = not any(isinstance(a, argparse._SubParsersAction) for a in self._actions)
        if leaf and not self._intermixing:
            self._intermixing = True
            try:
                return self.parse_known_intermixed_args(args, namespace)
            finally:
                self._intermixing = False
        return super().parse_known_args(args, namespace)

    _intermixing = False

    def _command_parser(self) -> argparse.ArgumentParser:
        """The parser of the (sub)command named in :attr:`argv`: ``rhetoric validate report ...``
        -> the parser of ``validate report``; this parser when none is named."""
        parser = self
        for token in self.argv or []:
            subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            if not subcommands:
                break
            if token in subcommands[0].choices:
                parser = subcommands[0].choices[token]
        return parser

    def _every_option(self) -> list[str]:
        """The long options of this parser and of every subcommand under it."""
        found, parsers = set(), [self]
        while parsers:
            parser = parsers.pop()
            found.update(o for o in parser._option_string_actions if o.startswith("--"))
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    parsers.extend(action.choices.values())
        return sorted(found)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; subcommands whose arguments live in other modules are filled in
    only when ``argv`` asks for them, so ``rhetoric analyze`` does not import scikit-learn."""
    parser = _Parser(
        prog="rhetoric",
        description="Rhetorical devices, framing and stylometry for political and news texts.",
        epilog="Exit codes: 0 success, 1 some inputs failed, 2 usage, 3 data missing, 70 internal error.",
    )
    from rhetoric import __version__

    parser.add_argument("--version", action="version", version=f"rhetoric {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_analyze(commands)
    _add_analyze_corpus(commands)
    _add_data(commands)
    wanted = set(sys.argv[1:3] if argv is None else list(argv)[:2])  # e.g. {"evaluate", "ptc"}
    _add_evaluate(commands, wanted)
    _add_attribute(commands, wanted)
    _add_validate(commands, wanted)
    reports = commands.add_parser(
        "reports",
        help="regenerate reports/ (figures and tables) from the notebooks",
        description="Execute every notebook and export its figures and tables.",
    )
    reports.set_defaults(run=_delegate("rhetoric.reports"))
    _add_arguments_from("rhetoric.reports", reports)
    add_data_home_option(reports)
    parser.argv = list(sys.argv[1:] if argv is None else argv)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (also used by the ``rhetoric`` script)."""
    warnings.showwarning = _show_warning
    try:
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        if getattr(args, "data_home", None) is None:
            with option_names(OPTION_NAMES):
                return args.run(args)
        # --data-home DIR is RHETORIC_DATA=DIR for this run: worker processes and notebook
        # kernels started by the command see the same data home; the caller's value comes back
        from rhetoric.datahome import ENV_VAR, get_data_home

        before = os.environ.get(ENV_VAR)
        os.environ[ENV_VAR] = str(get_data_home(args.data_home))
        try:
            with option_names(OPTION_NAMES):
                return args.run(args)
        finally:
            if before is None:
                os.environ.pop(ENV_VAR, None)
            else:
                os.environ[ENV_VAR] = before
    except (
        SystemExit
    ) as exit_:  # argparse: --help (0) or a usage error (2, message already printed)
        return int(exit_.code or 0)
    except DataNotFoundError as error:
        _say("error", str(error))
        return EXIT_DATA
    except (InputError, WorkerLostError) as error:
        _say("error", str(error))
        return EXIT_INPUT
    except RhetoricError as error:  # UsageError and the other explained mistakes of the caller
        _say("error", str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `rhetoric analyze --json | head`
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the command line never shows a traceback
        from rhetoric.runner import bug_reason

        _say("internal error", f"{bug_reason(error)}; {REPORT_HINT}")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
