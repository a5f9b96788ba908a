"""``rhetoric validate``: the validation loop on the command line.

::

    rhetoric analyze texts/*.txt --json > result.jsonl
    rhetoric validate sample result.jsonl --out sheet.jsonl [--per-stratum 25] [--seed 1]
    rhetoric validate page sheet.jsonl --out judge.html [--annotator NAME]
    rhetoric validate report judgements-*.jsonl [--result result.jsonl [--texts TABLE]]

The sheet is JSON Lines, or CSV for a spreadsheet when its name ends in ``.csv``; judgements
exported by the page, written by the widget or typed into the CSV are read the same way.
"""

from __future__ import annotations

import argparse

from rhetoric.errors import UsageError
from rhetoric.output import add_table_column_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    sample = actions.add_parser("sample", help="a stratified random sample of figures to judge")
    sample.add_argument(
        "result",
        metavar="RESULT",
        help="output of `rhetoric analyze --json`, the folder of a `rhetoric analyze-corpus --out` "
        "run, or a span table",
    )
    sample.add_argument(
        "--out", required=True, metavar="SHEET", help="the sheet to write (.jsonl, or .csv)"
    )
    sample.add_argument(
        "--per-stratum",
        type=int,
        default=25,
        metavar="N",
        help="figures per device and kind (default 25)",
    )
    sample.add_argument(
        "--by", default="device,kind", metavar="COLUMN,...", help="strata (default device,kind)"
    )
    sample.add_argument(
        "--texts",
        metavar="TABLE",
        help="the corpus the result was analysed from: a table (CSV, JSON Lines or Parquet) or a "
        "bundled corpus name (inaugural, state_union, federalist, seed), for a run over a table "
        "of texts (whose texts the run folder does not keep); its other columns may be strata "
        "(--by)",
    )
    add_table_column_options(sample, table="--texts")
    sample.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sample.add_argument(
        "--context",
        type=int,
        default=150,
        metavar="CHARS",
        help="context on each side (default 150)",
    )
    page = actions.add_parser("page", help="the standalone judging page for a sheet")
    page.add_argument("sheet", metavar="SHEET", help="the sheet of `rhetoric validate sample`")
    page.add_argument("--out", required=True, metavar="PAGE.html", help="the judging page to write")
    page.add_argument("--annotator", default="", metavar="NAME", help="the coder's name, filled in")
    report = actions.add_parser(
        "report", help="precision with intervals and agreement between coders"
    )
    report.add_argument(
        "judged", nargs="+", metavar="JUDGED", help="judgement files (.jsonl or .csv)"
    )
    report.add_argument("--result", metavar="RESULT", help="the result the sample came from")
    report.add_argument(
        "--texts",
        metavar="TABLE",
        help="with --result, the corpus the result was analysed from (a table, or a bundled "
        "corpus name), for a run over a table of texts (whose texts the run folder does not keep)",
    )
    add_table_column_options(report, table="--texts")
    report.add_argument("--annotator", metavar="NAME", help="whose verdicts make the precision")


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from rhetoric.validation import judging_page, read_judgements, report, sample, write_judgements

    if args.action == "sample":
        from rhetoric.files import output_path
        from rhetoric.validation.judgements import check_sheet_target
        from rhetoric.validation.sampling import check_sizes

        output_path(args.out, "--out")  # said before the sample is drawn
        check_sheet_target(args.out, "--out")  # a sheet already judged is not written over
        check_sizes(args.per_stratum, args.context)  # named as the options given
        by = [c.strip() for c in args.by.split(",") if c.strip()]
        texts = (
            _corpus_table(args.texts, args.text_column, args.id_column, args.result)
            if args.texts
            else None
        )
        sheet = sample(
            args.result,
            texts=texts,
            per_stratum=args.per_stratum,
            by=by,
            seed=args.seed,
            width=args.context,
        )
        write_judgements(sheet, args.out)
        print(f"wrote {len(sheet)} figures to judge to {args.out}")
    elif args.action == "page":
        sheet = read_judgements(args.sheet, unjudged=True)
        judging_page(sheet, args.out, annotator=args.annotator)
        print(f"wrote {args.out} ({len(sheet)} figures): open it in a browser, judge, export")
    else:
        if args.texts and not args.result:
            raise UsageError("--texts is the table --result was run on; give --result too")
        texts = (
            _corpus_table(args.texts, args.text_column, args.id_column, args.result)
            if args.texts
            else None
        )
        outcome = report(read_judgements(args.judged), args.result, texts, annotator=args.annotator)
        with pd.option_context("display.width", 200, "display.max_rows", None):
            print(outcome)
            if len(outcome.disagreements):
                print("\ndisagreements:")
                print(outcome.disagreements.to_string(index=False, max_colwidth=50))
    return 0


def _corpus_table(path: str, text_column: str, id_column: str, result: str):
    """``--texts``: the corpus table as ``texts=`` takes it (``doc_id``, ``text``, metadata), its
    documents named and read as ``analyze-corpus`` named and read them, from the same source (a
    table file, a folder, or a bundled corpus name: :func:`rhetoric.cli.corpus_source`). Only the
    texts of the documents that hold spans in ``result`` are read (``None`` for the others): a
    row without spans, such as one the run recorded as an error (an empty cell), has nothing to
    sample."""
    import pandas as pd

    from rhetoric.cli import corpus_source
    from rhetoric.documents import iter_corpus
    from rhetoric.runner import document_text
    from rhetoric.validation.results import span_table

    wanted = set(span_table(result)["doc_id"].astype(str))
    rows = [
        {
            **d.metadata,
            "doc_id": d.doc_id,
            "text": document_text(d, max_bytes=None) if d.doc_id in wanted else None,
        }
        for d in iter_corpus(corpus_source(path), text_column=text_column, id_column=id_column)
    ]
    return pd.DataFrame(rows)
