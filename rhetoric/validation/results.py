"""Reading a corpus result for validation: its span table and the texts it was found in.

A result is a corpus run (:func:`rhetoric.analyze_corpus`), one analysis
(:func:`rhetoric.analyze`), a span table, a saved span table (``.parquet``, ``.csv``, or a folder
holding ``spans.parquet``/``spans.csv``), the folder of a corpus run (``rhetoric analyze-corpus
--out``, whose documents' paths are read back for the texts: the files read, or those a
table's texts were read from, as a bundled corpus's), or the JSON Lines of ``rhetoric
analyze --json`` (whose ``doc`` paths are read back for the texts).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from rhetoric.documents import is_missing
from rhetoric.errors import InputError, invalid_value
from rhetoric.files import read_json_lines
from rhetoric.span import SPAN_COLUMNS


def read_analysis_json(path: str | os.PathLike) -> tuple[pd.DataFrame, dict[str, str]]:
    """The spans and texts of a ``rhetoric analyze --json`` output file.

    Returns
    -------
    spans : DataFrame
        :data:`rhetoric.span.SPAN_COLUMNS`, device and stance spans, ``doc_id`` the ``doc`` path.
    texts : dict
        ``{doc: text}`` of the documents that hold spans, each file read again (as ``analyze``
        read it).
    """
    from rhetoric.text import read_text

    rows, texts = [], {}
    what = "output of `rhetoric analyze --json`"
    for number, record in read_json_lines(path, what, required=("doc",)):
        try:
            doc = str(record["doc"])
            spans = [*record.get("devices", []), *record.get("stance", [])]
        except TypeError:
            raise InputError(f"{path}:{number}: not a line of `rhetoric analyze --json`") from None
        if spans:  # a document without figures is not sampled: its file is not needed
            texts[doc] = read_text(doc, max_bytes=None)
        rows += [{**span, "doc_id": doc} for span in spans]
    return pd.DataFrame(rows, columns=SPAN_COLUMNS), texts


def _is_run_folder(path: Path) -> bool:
    """A folder written by ``rhetoric analyze-corpus --out`` (:func:`rhetoric.write_corpus`)."""
    from rhetoric.store import CONFIG_FILE

    return path.is_dir() and (path / CONFIG_FILE).is_file()


def _analysis_id(result: object) -> str:
    """The document id of one :class:`~rhetoric.analysis.Analysis`, as its spans name it (the
    file's stem for a path, not the path as given)."""
    return str(getattr(result, "doc_id", None) or getattr(result, "source", None) or "doc")


def _texts_of_run(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The texts of the documents of a corpus run that hold spans, read again from the paths its
    documents table records (a run over a folder, a table of paths, or a table of texts beside
    the files they were read from, such as a bundled corpus), and those paths (``{doc: path}``,
    to name a file that changed since the run)."""
    from rhetoric.store import read_table

    documents = read_table(folder, "documents")
    return _texts_of_documents(documents, read_table(folder, "spans")["doc_id"], str(folder))


def files_of(result: object) -> bool:
    """Whether a corpus result in memory (:class:`~rhetoric.pipeline.CorpusResult`) ran over
    files whose texts can be read again: every document holding spans has a path."""
    documents = getattr(result, "documents", None)
    spans = getattr(result, "spans", None)
    if not isinstance(documents, pd.DataFrame) or "path" not in documents.columns:
        return False
    if not isinstance(spans, pd.DataFrame) or hasattr(result, "device_spans"):
        return False
    holding = documents[documents["doc_id"].isin(spans["doc_id"])]
    return bool(len(holding)) and holding["path"].notna().all()


def _texts_of_documents(
    documents: pd.DataFrame, holding: pd.Series, where: str
) -> tuple[dict[str, str], dict[str, str]]:
    """:func:`_texts_of_run` for a documents table: the texts of the documents named in
    ``holding`` (those with spans), read from their paths, and those paths."""
    documents = documents[documents["doc_id"].isin(holding)]
    folder = where
    missing = documents["doc_id"][documents["path"].isna()].astype(str).tolist()
    if missing:
        raise InputError(
            f"{folder}: the run's documents were texts, not files ({missing[0]}, ...), so their "
            "texts cannot be read again; give the corpus it was run on (--texts TABLE: a CSV, "
            "JSON Lines or Parquet file, or a bundled corpus name; texts= in Python)"
        )

    def not_found(doc: str, path: str) -> str:
        where = (
            "; the run recorded it relative to the folder it was started in: run this there"
            if not Path(path).is_absolute()
            else ""
        )
        return f"{path}: the file document {doc!r} was read from is not found{where}"

    paths = dict(zip(documents["doc_id"].astype(str), documents["path"], strict=True))
    return _read_files(paths, not_found), paths


def _run_metadata(folder: Path) -> pd.DataFrame | None:
    """The metadata columns a corpus run kept in its documents table (``doc`` and, say, a year
    or an outlet of the table it was run on), for strata; ``None`` when it kept none."""
    from rhetoric.store import read_table, table_schema

    documents = read_table(folder, "documents")
    own = set(table_schema("documents").names)
    extra = [c for c in documents.columns if c not in own]
    if not extra:
        return None
    return (
        documents[["doc_id", *extra]]
        .assign(doc_id=documents["doc_id"].astype(str))
        .rename(columns={"doc_id": "doc"})
    )


def _texts_from_paths(doc_ids) -> dict[str, str]:
    """The texts of a saved span table whose ``doc_id`` values are file paths."""

    def not_found(doc: str, path: str) -> str:
        return (
            f"{doc}: the span table's doc_id is not a file, so the texts cannot be read; "
            "give the corpus table the result was run on (--texts TABLE; texts= in Python)"
        )

    return _read_files({doc: doc for doc in map(str, doc_ids)}, not_found)


def _read_files(paths: Mapping[str, str], not_found) -> dict[str, str]:
    """``{doc: text}`` of ``{doc: path}``, each file read as ``analyze`` reads it (no size
    limit); a path that is not a file is an :class:`InputError` saying ``not_found(doc, path)``."""
    from rhetoric.text import read_text

    texts = {}
    for doc, path in paths.items():
        if not Path(path).is_file():
            raise InputError(not_found(doc, path))
        texts[doc] = read_text(path, max_bytes=None)
    return texts


#: The columns a span table must hold to be sampled and matched to judgements.
SPAN_KEYS = ("doc_id", "device", "kind", "start", "end")


def span_table(result: object) -> pd.DataFrame:
    """The span table of a result (see the module notes).

    A table must hold a span table's columns (:data:`SPAN_KEYS`); a judging sheet or a
    judgements table (``doc`` for ``doc_id``) is an :class:`InputError` that says which table
    ``result`` is for."""
    if isinstance(result, pd.DataFrame):
        missing = [c for c in SPAN_KEYS if c not in result.columns]
        if missing:
            sheet = "doc" in result.columns and "doc_id" not in result.columns
            raise InputError(
                f"result: a span table needs the columns {', '.join(SPAN_KEYS)}; this table "
                f"lacks {', '.join(missing)}"
                + (
                    " (a judging sheet or judgements: give the corpus result the sample was "
                    "drawn from, or a span table)"
                    if sheet
                    else ""
                )
            )
        return result
    if hasattr(result, "spans") and isinstance(result.spans, pd.DataFrame):
        spans = result.spans
        if hasattr(result, "device_spans") and spans["doc_id"].isna().any():  # one Analysis
            spans = spans.assign(doc_id=spans["doc_id"].fillna(_analysis_id(result)))
        return spans
    if isinstance(result, str | os.PathLike):
        path = Path(result)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if _is_run_folder(path):
            from rhetoric.store import read_table, warn_if_unfinished

            # a sample of a run stopped half-way is a sample of part of a corpus
            warn_if_unfinished(path, stacklevel=2)
            return read_table(path, "spans")
        if path.suffix in (".jsonl", ".json"):
            return read_analysis_json(path)[0]
        if path.is_dir():
            found = [p for p in (path / "spans.parquet", path / "spans.csv") if p.is_file()]
            if not found:
                raise InputError(
                    f"{path}: neither the folder of a corpus run (rhetoric analyze-corpus --out) "
                    "nor a folder holding spans.parquet or spans.csv"
                )
            path = found[0]
        return _saved_span_table(path)
    raise TypeError(
        "result must be a corpus result (rhetoric.analyze_corpus), an analysis, a span table or "
        f"the path of a saved span table, not {type(result).__name__}"
    )


def check_texts_cover(
    spans: pd.DataFrame, texts: Mapping[str, str], files: Mapping[str, str] | None = None
) -> None:
    """Every document that holds spans has its text, and the text the spans were found in.

    Raises :class:`InputError` naming the first document lacking (texts named otherwise than the
    result, by another id column, say), or the documents whose text changed since the run: a
    span's recorded ``text`` is no longer ``text[start:end]`` (a line added at the top of a file
    shifts every offset after it, and its figures would show other words). Such documents are
    refused, not skipped: a sample without them would silently leave out their figures and
    misstate their strata's sizes. ``files`` (``{doc: path}``) names the files the texts were
    read from, for the message.
    """
    lacking = [doc for doc in dict.fromkeys(spans["doc_id"].astype(str)) if doc not in texts]
    if lacking:
        named = ", ".join(map(repr, list(texts)[:2])) or "none"
        raise InputError(
            f"the texts lack {len(lacking)} of the result's documents ({lacking[0]!r}, ...; the "
            f"texts name {named}, ...): give the table the result was run on, its documents named "
            "by the same column (--id-column)"
        )
    changed = _changed(spans, texts)
    if not changed:
        return
    shown = ", ".join(str(files[doc]) if files else repr(doc) for doc in changed[:3])
    shown += f" and {len(changed) - 3} more" if len(changed) > 3 else ""
    if files and len(changed) == 1:
        raise InputError(
            f"{shown}: changed since the run (the text at its spans' offsets is not what the run "
            "found there); run the analysis again, or restore the file as it was (a run over a "
            "table records the file its text came from: if the table's text was edited after it "
            "was read, give that table with --texts)"
        )
    if files:
        raise InputError(
            f"{len(changed)} files changed since the run ({shown}: the text at their spans' "
            "offsets is not what the run found there); run the analysis again, or restore them "
            "(a run over a table records the files its texts came from: if the table's texts were "
            "edited after they were read, give that table with --texts)"
        )
    raise InputError(
        f"the texts of {len(changed)} of the result's documents ({shown}) are not those the "
        "result was found in (the text at their spans' offsets differs); give the texts the "
        "result was run on, or run the analysis again"
    )


def _changed(spans: pd.DataFrame, texts: Mapping[str, str]) -> list[str]:
    """The documents whose text in ``texts`` does not hold a span's recorded ``text`` at the
    span's offsets; spans without a recorded text (a hand-made table) are not checked."""
    if "text" not in spans.columns:
        return []
    changed: dict[str, None] = {}
    rows = zip(
        spans["doc_id"].astype(str), spans["start"], spans["end"], spans["text"], strict=True
    )
    for doc, start, end, text in rows:
        if doc in changed or is_missing(text) or text == "":
            continue
        if texts[doc][int(start) : int(end)] != text:
            changed[doc] = None
    return list(changed)


def _saved_span_table(path: Path) -> pd.DataFrame:
    """A span table saved as Parquet or CSV; a file of another kind is an input error."""
    try:
        if path.suffix == ".parquet":
            table = pd.read_parquet(path)
        else:
            table = pd.read_csv(path, keep_default_na=False, na_values={"group": [""]})
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        reason = str(error).splitlines()[0][:80] if str(error) else type(error).__name__
        raise InputError(f"{path}: not a readable span table ({reason})") from None
    if "doc_id" not in table.columns and {"doc", "layer"} <= set(table.columns):
        # ``rhetoric analyze --format csv``: its documents are named by the paths given, as a
        # saved span table's are
        table = table.rename(columns={"doc": "doc_id"})
    missing = [c for c in ("doc_id", "device", "start", "end") if c not in table.columns]
    if missing:
        raise InputError(
            f"{path}: not a span table (no column {', '.join(map(repr, missing))}); give a run "
            "folder of analyze-corpus, the output of analyze --json, or a saved span table"
        )
    return table


def corpus_texts(
    result: object, texts: object, spans: pd.DataFrame
) -> tuple[dict[str, str], pd.DataFrame | None]:
    """``({doc: text}, metadata)`` of a result: the texts, and the corpus table's other columns
    (``doc`` and metadata such as an outlet or a year) when ``texts`` is a corpus table.

    Only the documents that hold spans are read and returned: a document without spans, or one
    the run recorded as an error, has no figure to sample, so an empty cell of the corpus table
    there is no matter. The texts are checked against ``spans`` (the result's span table) by
    :func:`check_texts_cover`: every document that holds spans has its text, the one the spans
    were found in, else an :class:`InputError` naming it.
    """
    wanted = set(spans["doc_id"].astype(str))
    source, metadata, files = _corpus_texts(result, texts, wanted)
    check_texts_cover(spans, source, files)
    return {doc: text for doc, text in source.items() if doc in wanted}, metadata


def _corpus_texts(result: object, texts: object, wanted: set[str]):
    """:func:`corpus_texts` before the check, with ``{doc: path}`` where texts were read from
    files (``None`` otherwise); the texts of the ``wanted`` documents given in a table or a
    mapping must be strings."""
    if texts is None and hasattr(result, "device_spans") and hasattr(result, "text"):
        return {_analysis_id(result): result.text}, None, None
    if texts is None and files_of(result):  # a corpus result in memory, run over files
        source, files = _texts_of_documents(result.documents, result.spans["doc_id"], "result")
        return source, None, files
    if texts is None and isinstance(result, str | os.PathLike):
        if _is_run_folder(Path(result)):
            source, files = _texts_of_run(Path(result))
            return source, _run_metadata(Path(result)), files
        if Path(result).suffix in (".jsonl", ".json"):
            source = read_analysis_json(result)[1]
        else:
            source = _texts_from_paths(span_table(result)["doc_id"])
        return source, None, {doc: doc for doc in source}  # the documents are named by their paths
    if isinstance(texts, pd.DataFrame):
        for column in ("doc_id", "text"):
            if column not in texts.columns:
                raise invalid_value("column", column, map(str, texts.columns))
        mapping = dict(zip(texts["doc_id"].astype(str), texts["text"], strict=True))
        simple = [c for c in texts.columns if c not in ("text", "clean_text", "path")]
        metadata = (
            texts[simple]
            .assign(doc_id=texts["doc_id"].astype(str))
            .rename(columns={"doc_id": "doc"})
        )
        return _check_strings(mapping, wanted), metadata, None
    if isinstance(texts, Mapping):
        return _check_strings({str(k): v for k, v in texts.items()}, wanted), None, None
    raise TypeError(
        "texts must be the corpus table (doc_id, text, metadata) or a mapping of doc_id to text; "
        "a corpus result holds no texts, so pass the table it was run on"
    )


def _check_strings(texts: dict[str, object], wanted: set[str]) -> dict[str, object]:
    """``texts``, where the text of every ``wanted`` document is a string: else an
    :class:`InputError` naming the first that is not (an empty cell of the corpus table)."""
    for doc, text in texts.items():
        if doc not in wanted or isinstance(text, str):
            continue
        what = (
            "an empty cell"
            if is_missing(text)
            else f"not text ({type(text).__name__} {str(text)[:40]})"
        )
        raise InputError(
            f"{doc}: its text in the texts given is {what}, but the result holds spans of it; "
            "give the texts the result was run on"
        )
    return texts
