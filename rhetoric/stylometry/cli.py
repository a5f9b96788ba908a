"""``rhetoric attribute``: authorship attribution and its validation from the command line.

The lead's ``rhetoric/cli.py`` wires the sub-command to :func:`add_arguments` and :func:`run`.
"""

from __future__ import annotations

import argparse
import json
import warnings

from rhetoric.cli import EXIT_INPUT, EXIT_OK, _say
from rhetoric.errors import InputError, RhetoricError, UsageError, invalid_value
from rhetoric.stylometry.classifiers import ALIASES, METHODS, canonical_method
from rhetoric.stylometry.corpus import LOADER_NAMES, CorpusFileWarning, load_stylometry_corpus
from rhetoric.stylometry.validation import attribute, cross_validate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``rhetoric attribute`` to ``parser``."""
    parser.add_argument(
        "corpus",
        metavar="CORPUS",
        help=f"a loader name ({', '.join(LOADER_NAMES)}) or a folder of <Label>_<anything>.txt files",
    )
    parser.add_argument(
        "--train",
        metavar="LABEL[,LABEL...]",
        help="the authors (labels) to train on, comma-separated (default: every label but --test's; "
        "with --cv, every label with at least two texts)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--test", metavar="LABEL", help="attribute every text with this label")
    mode.add_argument(
        "--cv",
        choices=["loo", "loo_balanced", "kfold"],
        help="validate on the training texts: leave-one-out, leave-one-out with as many training texts "
        "per author as the held-out author has left, or stratified k-fold (the default action is loo)",
    )
    parser.add_argument(
        "--mfw",
        type=int,
        default=100,
        metavar="N",
        help="number of most frequent words (default 100)",
    )
    parser.add_argument(
        "--method",
        default="default",
        metavar="NAME",
        help="default (debiased_centroid: debiased nearest author centroids), a Delta (burrows, cosine_delta, eder, ...), svm, nsc, knn, naivebayes, debiased_centroid",
    )
    parser.add_argument("--k", type=int, default=10, help="folds for --cv kfold (default 10)")
    parser.add_argument(
        "--transductive",
        action="store_true",
        help="stylo-style validation: word list and z-scores also see held-out texts (with --cv "
        "only: --test always learns them from the training texts alone)",
    )
    from rhetoric.output import add_format_option

    add_format_option(parser, what="the results")
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    from rhetoric.datahome import add_data_home_option

    add_data_home_option(parser)


def _labels(option: str, value: str, available: list[str]) -> list[str]:
    labels = [v.strip() for v in value.split(",") if v.strip()]
    if not labels:
        raise invalid_value(option, value, available)
    for label in labels:
        if label not in available:
            raise invalid_value(option, label, available)
    return labels


#: Labels that name no author (the Federalist's "Disputed" and "Joint" papers, say): never
#: training classes unless named with ``--train``.
UNATTRIBUTED = frozenset({"disputed", "joint", "unknown", "anonymous", "anon", "unattributed"})


def _default_train(frame, test: str | None, available: list[str]) -> list[str]:
    """Every author but the test label; for validation, only authors with two texts or more.

    Labels that name no author (:data:`UNATTRIBUTED`) are left out, and so, for validation, are
    authors with a single text (leave-one-out would leave none of theirs to train on); each with
    a note on standard error.
    """
    unattributed = [label for label in available if label.lower() in UNATTRIBUTED and label != test]
    if unattributed:
        _say(
            "note",
            f"left out {', '.join(unattributed)}: not author names (--train to include them)",
        )
    authors = [label for label in available if label not in unattributed]
    if test is not None:
        return [label for label in authors if label != test]
    counts = frame["label"].astype(str).value_counts()
    single = sorted(label for label in counts[counts < 2].index if label in authors)
    if single:
        _say("note", f"left out {len(single)} author(s) with a single text: {', '.join(single)}")
    return [label for label in authors if label not in single]


def _too_few_authors(corpus: str, available: list[str], test: str | None) -> str:
    """Why the labels of a corpus give fewer than two authors to train on, in one line."""
    shown = ", ".join(available[:6]) + (", ..." if len(available) > 6 else "")
    need = "to attribute between" if test is not None else "with two texts or more to validate on"
    message = f"{corpus}: fewer than two authors {need} (labels found: {shown})"
    if corpus not in LOADER_NAMES:
        message += (
            "; a text's author is its file name before the first underscore (Smith_01.txt is "
            "by Smith, Smith-01.txt by Smith-01)"
        )
    return message


def _load(args: argparse.Namespace):
    """The corpus, and how many of its files were skipped (unreadable, not text, no author name):
    each named on stderr in one line, as an error, since the command then exits 1."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = load_stylometry_corpus(args.corpus, args.data_home)
    skipped = 0
    for warning in caught:
        bad_input = issubclass(warning.category, CorpusFileWarning)
        skipped += bad_input
        _say("error" if bad_input else "warning", str(warning.message))
    return frame, skipped


def run(args: argparse.Namespace) -> int:
    """Run ``rhetoric attribute``; print the results; return the exit code."""
    from rhetoric.output import format_table

    fmt = "json" if args.json else args.format
    method = canonical_method(args.method) if args.method != "default" else "default"
    if args.mfw < 1:
        raise UsageError(f"--mfw={args.mfw} is not valid; it must be a positive number of words")
    if args.k < 2:
        raise UsageError(
            f"--k={args.k} is not valid; k-fold cross-validation needs 2 folds or more"
        )
    if args.transductive and args.test is not None:
        raise UsageError(
            "--transductive applies to validation (--cv); attributing --test texts always learns "
            "the word list from the training texts alone"
        )
    frame, skipped = _load(args)
    # the results of the texts that were read, then exit code 1 if a file was skipped (README:
    # exit codes, the same for every subcommand)
    done = EXIT_INPUT if skipped else EXIT_OK
    available = sorted(set(map(str, frame["label"])))
    test_label = _labels("--test", args.test, available)[0] if args.test is not None else None
    if args.train is not None:
        train_labels = _labels("--train", args.train, available)
        if test_label in train_labels:
            raise UsageError(
                f"--train {args.train} includes the --test label {test_label}: its texts would be "
                f"scored by a model trained on them; leave {test_label} out of --train"
            )
        if len(set(train_labels)) < 2:
            raise UsageError(
                f"--train {args.train}: attribution chooses between authors; name two or more"
            )
    else:
        train_labels = _default_train(frame, test_label, available)
        if len(set(train_labels)) < 2:
            raise InputError(_too_few_authors(args.corpus, available, test_label))
    train = frame[frame["label"].isin(train_labels)]
    if len(train) < 2:
        raise RhetoricError(
            f"--train {','.join(train_labels)}: at least two training texts are needed, found {len(train)}"
        )
    texts = train["clean_text"].tolist()
    if test_label is not None:
        test = frame[frame["label"] == test_label]
        result = attribute(texts, train["label"], test["clean_text"].tolist(), method=method, mfw=args.mfw,
                           test_ids=test["doc_id"].tolist(), train_ids=train["doc_id"].tolist())  # fmt: skip
        classes = [c for c in result.columns if c not in ("doc_id", "predicted")]
        if fmt != "json":  # table or csv: one row per text, a probability column per author
            print(format_table(result, fmt), end="")
            return done
        for row in result.itertuples(index=False):
            record = dict(zip(result.columns, row, strict=True))
            proba = {c: round(float(record[c]), 6) for c in classes}
            record = {"doc_id": record["doc_id"], "predicted": record["predicted"], "proba": proba}
            print(json.dumps(record))
        return done
    if train["label"].nunique() < 2:
        raise RhetoricError(f"--train {args.train}: validation needs at least two authors")
    validation = cross_validate(texts, train["label"], method=method, mfw=args.mfw, cv=args.cv or "loo", k=args.k,
                                transductive=args.transductive, doc_ids=train["doc_id"].tolist())  # fmt: skip
    summary = validation.summary.iloc[0]
    recall = {str(r.label): round(float(r.recall), 6) for r in validation.recall.itertuples()}
    per_author = validation.recall.rename(columns={"n": "texts"})
    if fmt == "csv":  # one row per author, the summary repeated on each
        extra = {k: summary[k] for k in ("cv", "mode", "n", "accuracy", "balanced_accuracy")}
        print(format_table(per_author.assign(**extra), "csv"), end="")
        return done
    if fmt == "json":
        print(json.dumps({"method": summary["method"], "mfw": int(summary["mfw"]), "cv": summary["cv"],
                          "mode": summary["mode"], "n": int(summary["n"]),
                          "accuracy": round(float(summary["accuracy"]), 6),
                          "balanced_accuracy": round(float(summary["balanced_accuracy"]), 6),
                          "recall": recall}))  # fmt: skip
        return done
    print(
        f"method {summary['method']}  mfw {summary['mfw']}  {summary['cv']} ({summary['mode']})  n {summary['n']}"
    )
    print(
        f"accuracy {summary['accuracy']:.3f}  balanced accuracy {summary['balanced_accuracy']:.3f}"
    )
    print(format_table(per_author[["label", "texts", "recall"]]), end="")
    return done


#: Every accepted ``--method`` value.
METHOD_NAMES = tuple(sorted({*METHODS, *ALIASES, "default"}))
