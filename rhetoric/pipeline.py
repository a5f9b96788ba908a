"""Corpus runs: the per-document analysis, mapped by :mod:`rhetoric.runner`, into tidy tables.

The unit of work is :func:`analyze_document`, a pure function from a
:class:`~rhetoric.documents.CorpusDocument` and :class:`~rhetoric.analysis.Options` to plain
rows (the document's summary, its spans, frames and removed page furniture). The runner maps it
over this process, a pool of processes or a Dask cluster, and applies the one error policy
(an unreadable input or a bug is a row of the ``errors`` table, and the run goes on).

:func:`analyze_corpus` returns the tables in memory; with ``out=DIR`` (or
:func:`write_corpus`, or ``rhetoric analyze-corpus``) they are streamed to a Parquet folder as
the run goes, and a run started again with the same folder resumes where it stopped
(:mod:`rhetoric.store`).
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from rhetoric.analysis import Options, analyze_text
from rhetoric.devices import check_devices, check_min_score
from rhetoric.documents import CorpusDocument, folder_paths, is_missing, iter_corpus, parquet_file
from rhetoric.errors import InputError, UsageError, check_choice
from rhetoric.runner import (
    ERROR_COLUMNS,
    Outcome,
    document_text,
    map_batches,
    map_documents,
    parquet_cells,
    parquet_text_source,
)
from rhetoric.span import SPAN_COLUMNS, Span
from rhetoric.text import DEFAULT_MAX_BYTES, warn_if_no_words

BACKENDS = ("serial", "processes", "dask")
#: Columns of :attr:`CorpusResult.documents` (the corpus's metadata columns follow).
DOCUMENT_COLUMNS = ["doc_id", "path", "n_words", "n_devices", "n_removed", "warning", "text_hash"]
#: Columns of :attr:`CorpusResult.spans`.
LAYERED_SPAN_COLUMNS = [*SPAN_COLUMNS, "layer"]
#: Columns of :attr:`CorpusResult.frames`.
FRAME_TABLE_COLUMNS = ["doc_id", "frame", "rank", "score", "hits", "keywords"]
#: The tables of a corpus run, in the order they are written.
TABLES = ("documents", "spans", "frames", "removed", "errors")

_DTYPES = {
    "documents": {"n_words": "int64", "n_devices": "int64", "n_removed": "int64"},
    "spans": {"start": "int64", "end": "int64", "score": "float64"},
    "frames": {"rank": "int64", "score": "float64", "hits": "int64"},
    "removed": {"start": "int64", "end": "int64", "score": "float64"},
    "errors": {},
}
_COLUMNS = {
    "documents": DOCUMENT_COLUMNS,
    "spans": LAYERED_SPAN_COLUMNS,
    "frames": FRAME_TABLE_COLUMNS,
    "removed": SPAN_COLUMNS,
    "errors": ERROR_COLUMNS,
}


class SpanOffsetError(RuntimeError):
    """A span whose offsets do not slice its text out of the document: a bug of a detector."""


def check_offsets(text: str, spans: Iterable[Span]) -> None:
    """Raise :class:`SpanOffsetError` for the first span with ``text[start:end] != span.text``."""
    for span in spans:
        if text[span.start : span.end] != span.text:
            raise SpanOffsetError(
                f"{span.device} span [{span.start}:{span.end}] does not slice back to its text "
                f"{span.text[:40]!r}"
            )


def text_hash(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of a text (UTF-8): what tells a resumed run that a
    document named as one already written holds the same text (:mod:`rhetoric.store`).

    >>> text_hash("We shall fight.")
    '48b5d3670d9487f5'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def analyze_document(
    document: CorpusDocument, options: Options, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> dict:
    """Analyse one corpus document into plain rows: the per-document function of corpus runs.

    Returns
    -------
    dict
        ``document`` (``doc_id``, ``path``: the file read, or the file a table's text came from
        (:attr:`~rhetoric.documents.CorpusDocument.recorded_path`), ``n_words``, ``n_devices``,
        ``n_removed``, ``text_hash``: :func:`text_hash` of the text analysed),
        ``spans`` (rows of :data:`LAYERED_SPAN_COLUMNS`), ``frames`` (rows of
        :data:`FRAME_TABLE_COLUMNS`), ``removed`` (span rows, ``device="boilerplate"``).

    Raises
    ------
    InputError
        The text cannot be read (recorded by the runner as an error of kind ``"input"``).
    SpanOffsetError
        A span does not slice back to its text (a bug: kind ``"internal"``).
    """
    text = document_text(document, max_bytes)
    result = analyze_text(text, options, document.doc_id, document.metadata)
    warn_if_no_words(result.n_words, document.doc_id)  # kept as a row, said in its ``warning``
    check_offsets(text, [*result.device_spans, *result.frame_spans, *result.removed])
    spans = [
        {**s.to_dict(), "layer": s.device if s.device in ("stance", "frame") else "device"}
        for s in [*result.device_spans, *result.frame_spans]
    ]
    return {
        "document": {"doc_id": document.doc_id, "path": document.recorded_path,
                     "n_words": result.n_words,
                     "n_devices": len(result.device_spans), "n_removed": len(result.removed),
                     "text_hash": text_hash(text)},
        "spans": spans,
        "frames": [{"doc_id": document.doc_id, **row} for row in result.frame_rows],
        "removed": [s.to_dict() for s in result.removed],
    }  # fmt: skip


# --- tables ---------------------------------------------------------------------------------------


def empty_table(name: str, metadata: Iterable[str] = ()) -> pd.DataFrame:
    """An empty table ``name`` of :data:`TABLES`, with its columns and dtypes."""
    columns = _COLUMNS[name] + (list(metadata) if name == "documents" else [])
    return typed(pd.DataFrame(columns=columns), name)


def typed(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """The fixed dtypes of table ``name`` (integers, floats; text columns as objects with ``None``)."""
    table = table.astype(_DTYPES[name]).reset_index(drop=True)
    for column in table.columns:
        values = table[column]
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            array = values.to_numpy(dtype=object, copy=True)
            # only what pandas counts as missing can be (None, pd.NA, a float NaN)
            for i in np.flatnonzero(values.isna().to_numpy()):
                if is_missing(array[i]):
                    array[i] = None
            table[column] = pd.Series(array, dtype=object)
    return table


def tables_of(outcomes: list[Outcome]) -> dict[str, pd.DataFrame]:
    """The five tables (:data:`TABLES`) of some outcomes of :func:`analyze_document`, in order."""
    documents, errors = [], []
    rows: dict[str, list] = {"spans": [], "frames": [], "removed": []}
    metadata_columns: dict[str, None] = {}
    for outcome in outcomes:
        metadata_columns.update(dict.fromkeys(outcome.metadata))
        if outcome.error is not None:
            errors.append(outcome.error)
            continue
        value = outcome.value
        documents.append({**value["document"], "warning": "; ".join(outcome.warnings) or None,
                          **{k: v for k, v in outcome.metadata.items() if k not in DOCUMENT_COLUMNS}})  # fmt: skip
        for name in rows:
            rows[name].extend(value[name])
    metadata = [c for c in metadata_columns if c not in DOCUMENT_COLUMNS]
    tables = {
        "documents": pd.DataFrame(documents, columns=DOCUMENT_COLUMNS + metadata),
        **{name: pd.DataFrame(rows[name], columns=_COLUMNS[name]) for name in rows},
        "errors": pd.DataFrame(errors, columns=ERROR_COLUMNS),
    }
    return {name: typed(table, name) for name, table in tables.items()}


def concat_tables(name: str, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Parts of one table, concatenated in order, with the table's dtypes."""
    parts = [p for p in parts if len(p.columns)]
    if not parts:
        return empty_table(name)
    non_empty = [p for p in parts if len(p)] or parts[:1]
    columns = list(dict.fromkeys(c for p in parts for c in p.columns))
    return typed(pd.concat(non_empty, ignore_index=True).reindex(columns=columns), name)


@dataclass
class CorpusResult:
    """Tidy tables of a corpus run (documents in input order in every table).

    Attributes
    ----------
    documents : DataFrame
        One row per document analysed: ``doc_id``, ``path`` (``None`` for a text given
        directly), ``n_words``, ``n_devices`` (device spans, the parts of figures: count
        figures with :func:`rhetoric.stats.device_counts` for rates), ``n_removed``, ``warning``
        (the warnings raised while it was analysed, joined by "; ": a decoding fallback, a
        document without words; or ``None``), ``text_hash`` (:func:`text_hash` of the text
        analysed), then the corpus's metadata columns (``year``, ``label``, ...).
    spans : DataFrame
        Every device, stance and frame-keyword span: :data:`rhetoric.span.SPAN_COLUMNS` plus
        ``layer`` (``"device"``, ``"stance"`` or ``"frame"``), as :attr:`rhetoric.Analysis.spans`.
    frames : DataFrame
        ``doc_id``, ``frame``, ``rank`` (1 for the dominant frame, 0 for frames not ranked),
        ``score``, ``hits``, ``keywords`` (list of str), as :attr:`rhetoric.Analysis.frames`.
    removed : DataFrame
        Boilerplate spans set aside in each document (span columns).
    errors : DataFrame
        One row per document that could not be analysed: ``doc_id``, ``path``, ``kind``
        (``"input"``: unreadable, binary, too big; ``"timeout"``; ``"internal"``: a bug, please
        report it) and ``reason``.
    """

    documents: pd.DataFrame
    spans: pd.DataFrame
    frames: pd.DataFrame
    removed: pd.DataFrame
    errors: pd.DataFrame = field(default_factory=lambda: empty_table("errors"))

    @property
    def devices(self) -> pd.DataFrame:
        """The device spans only (``layer == "device"``)."""
        return self.spans[self.spans["layer"] == "device"].reset_index(drop=True)

    @property
    def internal_errors(self) -> pd.DataFrame:
        """The documents that failed because of a bug (``kind == "internal"``)."""
        return self.errors[self.errors["kind"] == "internal"].reset_index(drop=True)


# --- runs -----------------------------------------------------------------------------------------


def corpus_options(
    devices: Iterable[str] | None = None,
    frames: bool = True,
    min_score: float | dict[str, float | None] | None = None,
    remove_boilerplate: bool = True,
    genre: str | None = None,
) -> Options:
    """Checked :class:`~rhetoric.analysis.Options` of a corpus run. A device named in
    ``devices`` that is off by default and given no ``min_score`` of its own is said in a
    warning: it would report no figures, and a count of it a rate of zero nobody measured."""
    from rhetoric.devices import reported_devices
    from rhetoric.framing.frames import check_genre

    options = Options(
        devices=check_devices(devices),
        frames=frames,
        remove_boilerplate=remove_boilerplate,
        min_score=check_min_score(min_score),
        genre=check_genre(genre),
    )
    if devices is not None:
        off = [d for d in options.devices if d not in reported_devices(options.min_score, [d])]
        if off:
            warnings.warn(
                f"{', '.join(off)}: not reported by default (its scorer's estimated precision "
                f"on unseen text is below 0.70), so the run will hold none of its figures; "
                f"min_score={{{off[0]!r}: X}} (--min-score {off[0]}=X) reports those scoring at "
                "least X",
                UserWarning,
                stacklevel=3,
            )
    return options


def check_limits(time_limit: float | None, max_bytes: int | None) -> None:
    """Refuse a time limit below 0 or a size limit of 0 or less (``None``: no limit), before a
    run starts: every document would otherwise fail, each as an error row of its own."""
    import threading

    if time_limit is not None and not 0 <= time_limit <= threading.TIMEOUT_MAX:  # inf too
        raise UsageError(
            f"time_limit={time_limit!r} is not valid; give seconds (at most "
            f"{threading.TIMEOUT_MAX:.0f}), or None for no limit"
        )
    if max_bytes is not None and not max_bytes > 0:
        raise UsageError(f"max_bytes={max_bytes!r} is not valid; give a size above 0, or None")


def _where(backend: str | None, n_jobs: int | None, scheduler: object) -> tuple[int, object]:
    if backend is None:
        return n_jobs, scheduler
    check_choice("backend", backend, BACKENDS)
    if backend == "serial":
        return 1, None
    if backend == "dask" and scheduler is None:
        try:
            from dask.distributed import get_client
        except ImportError:
            raise UsageError(
                "backend='dask' needs dask.distributed: pip install 'rhetoric-analysis[dask]'"
            ) from None
        try:
            return n_jobs, get_client()
        except ValueError:
            raise UsageError(
                "backend='dask' needs a running dask.distributed.Client (or pass scheduler=ADDRESS)"
            ) from None
    return n_jobs, scheduler


def run_analysis(
    documents: Iterable[CorpusDocument],
    options: Options,
    *,
    n_jobs: int | None = -1,
    scheduler: object = None,
    time_limit: float | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    total: int | None = None,
    total_chars: int | None = None,
) -> Iterator[Outcome]:
    """:func:`analyze_document` mapped over documents by :func:`rhetoric.runner.map_documents`."""
    if total is not None and total <= 1:
        n_jobs = 1  # starting workers costs more than one document
    return map_documents(
        partial(analyze_document, options=options, max_bytes=max_bytes),
        documents,
        n_jobs=n_jobs,
        scheduler=scheduler,
        time_limit=time_limit,
        progress=progress,
        total=total,
        total_chars=total_chars,
    )


def corpus_documents(
    corpus: object,
    pattern: str = "*.txt",
    text_column: str = "text",
    lazy: bool = False,
    id_column: str = "doc_id",
) -> Iterator[CorpusDocument]:
    """The documents of a corpus input (:func:`rhetoric.documents.iter_corpus`); with ``lazy``,
    a Parquet file's texts are left in the file, to be read by the workers
    (:class:`rhetoric.runner.ParquetCell`)."""
    source = parquet_text_source(corpus, text_column) if lazy else None
    if source is not None:
        return parquet_cells(source, text_column, id_column)
    return iter_corpus(corpus, pattern=pattern, text_column=text_column, id_column=id_column)


def corpus_chars(corpus: object, pattern: str = "*.txt", text_column: str = "text") -> int | None:
    """About how many characters a corpus input holds, when it is cheap to know (file sizes, a
    Parquet file's footer, the texts held in memory): to size the batches of a Dask run."""
    source = parquet_text_source(corpus, text_column)
    if source is not None:
        file = parquet_file(source)
        meta, column = file.metadata, file.schema_arrow.names.index(text_column)
        return sum(
            meta.row_group(g).column(column).total_uncompressed_size
            for g in range(meta.num_row_groups)
        )
    if isinstance(corpus, os.PathLike | str):
        if isinstance(corpus, str) and ("\n" in corpus or len(corpus) >= 4096):
            return None
        path = Path(corpus)
        if not path.is_dir():
            return None
        return sum(p.stat().st_size for p in folder_paths(path, pattern) if p.is_file())
    if isinstance(corpus, pd.DataFrame):
        if text_column not in corpus.columns:
            return None
        return int(corpus[text_column].map(lambda t: len(t) if isinstance(t, str) else 0).sum())
    values = corpus.values() if isinstance(corpus, Mapping) else corpus
    if isinstance(values, list | tuple | pd.Series) or isinstance(corpus, Mapping):
        return sum(len(t) for t in values if isinstance(t, str)) or None
    return None


def corpus_size(corpus: object, pattern: str = "*.txt") -> int | None:
    """The number of documents of a corpus input when it is cheap to know (for the progress bar)."""
    if isinstance(corpus, os.PathLike | str):
        if isinstance(corpus, str) and ("\n" in corpus or len(corpus) >= 4096):
            return None
        path = Path(corpus)
        if path.is_dir():
            return len(folder_paths(path, pattern))
        if path.suffix.lower() == ".parquet" and path.is_file():
            return parquet_file(path).metadata.num_rows
        return None
    try:
        return len(corpus)  # type: ignore[arg-type]
    except TypeError:
        return None


def analyze_corpus(
    documents: object,
    *,
    devices: Iterable[str] | None = None,
    frames: bool = True,
    min_score: float | dict[str, float | None] | None = None,
    out: str | os.PathLike | None = None,
    n_jobs: int | None = -1,
    scheduler: object = None,
    backend: Literal["serial", "processes", "dask"] | None = None,
    time_limit: float | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    pattern: str = "*.txt",
    text_column: str = "text",
    id_column: str = "doc_id",
    genre: str | None = None,
) -> CorpusResult:
    """Analyse every document of a corpus, in parallel, into tidy tables.

    Parameters
    ----------
    documents
        Any corpus input of :func:`rhetoric.documents.iter_corpus`: a loader's DataFrame (its
        other columns are carried into ``documents`` as metadata), a list of texts or paths, a
        folder (read with ``pattern``), or a CSV / JSON Lines / Parquet file.
    devices, frames
        As in :func:`rhetoric.analyze`.
    min_score : float or dict, optional
        Keep device figures scored at least this; ``None`` (default): each device's threshold
        (see :func:`rhetoric.find_devices`); ``0`` keeps every candidate; a dict sets it per
        device, the others keep their defaults.
    out : path, optional
        Also write the tables to this folder as Parquet, as the run goes; a run started again
        with the same folder resumes (see :func:`write_corpus`).
    n_jobs : int, default -1
        Worker processes on this machine (``-1``: every core; ``1``: this process).
    scheduler : str or dask.distributed.Client, optional
        Run on a Dask cluster (its address, or a client); ``n_jobs`` is then ignored.
    backend : {"serial", "processes", "dask"}, optional
        Shorthand: ``"serial"`` is ``n_jobs=1``; ``"dask"`` uses the current Dask client.
    time_limit : float, optional
        Seconds a document may take; a slower one becomes an error of kind ``"timeout"``.
    max_bytes : int, optional
        Refuse files larger than this (an error of kind ``"input"``).
    progress : bool, optional
        Show a progress bar (default: on a terminal, for runs longer than a few seconds).
    pattern : str, default "*.txt"
        The glob of a folder's documents (``"**/*.txt"`` to descend into subfolders).
    text_column, id_column : str, default "text", "doc_id"
        The columns of a table (DataFrame, CSV, JSON Lines, Parquet) holding each document's text
        and its name (``doc_id`` in every table); a table without the name column gets ``doc0``,
        ``doc1``, ... (a named ``id_column`` it lacks is an error).
    genre : str, optional
        The genre of documents whose metadata names none (a ``genre`` column of a table names
        it per document; :func:`rhetoric.load_ptc` and :func:`rhetoric.load_seed` say
        ``"news"``, the address loaders ``"speech"``): ``"news"`` ranks their frames with the news
        frame model, ``"speech"`` with the speech ranker, none with the profile ranker (see
        :func:`rhetoric.framing.frame_profile`); any other value is an error. A ``genre`` cell
        that names neither (a typo such as "speeches") leaves that document to the profile
        ranker and says so in its ``warning``.

    Returns
    -------
    CorpusResult
        ``documents``, ``spans``, ``frames``, ``removed`` and ``errors``, in input order; the
        same whatever the backend or the number of workers.

    Examples
    --------
    >>> result = analyze_corpus(["Never, never give in.", ""], devices=["epizeuxis"], n_jobs=1,
    ...                         min_score=0)
    >>> result.documents[["doc_id", "n_words"]].values.tolist()
    [['doc0', 4], ['doc1', 0]]
    >>> result.spans[["doc_id", "device", "text", "layer"]].values.tolist()[:1]
    [['doc0', 'epizeuxis', 'Never, never', 'device']]
    """
    if out is not None:
        from rhetoric.store import read_corpus_result

        write_corpus(documents, out, devices=devices, frames=frames, min_score=min_score,
                     n_jobs=n_jobs, scheduler=scheduler, backend=backend, time_limit=time_limit,
                     max_bytes=max_bytes, progress=progress, pattern=pattern,
                     text_column=text_column, id_column=id_column, genre=genre)  # fmt: skip
        return read_corpus_result(out)
    options = corpus_options(devices, frames, min_score, genre=genre)
    check_limits(time_limit, max_bytes)
    n_jobs, scheduler = _where(backend, n_jobs, scheduler)
    lazy = scheduler is not None
    records = unique_documents(corpus_documents(documents, pattern, text_column, lazy, id_column))
    outcomes = run_analysis(records, options, n_jobs=n_jobs, scheduler=scheduler,
                            time_limit=time_limit, max_bytes=max_bytes, progress=progress,
                            total=corpus_size(documents, pattern),
                            total_chars=corpus_chars(documents, pattern, text_column))  # fmt: skip
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    buffer: list[Outcome] = []
    for outcome in outcomes:
        buffer.append(outcome)
        if len(buffer) >= 256:
            for name, table in tables_of(buffer).items():
                parts[name].append(table)
            buffer = []
    for name, table in tables_of(buffer).items():
        parts[name].append(table)
    result = CorpusResult(**{name: concat_tables(name, parts[name]) for name in TABLES})
    if isinstance(documents, pd.DataFrame):
        result.documents = with_input_types(result.documents, documents, text_column, id_column)
    return result


def with_input_types(
    table: pd.DataFrame, corpus: pd.DataFrame, text_column: str, id_column: str
) -> pd.DataFrame:
    """The metadata columns of ``table`` (a documents table) in the types the corpus table gives
    them, as a run folder writes them (:func:`rhetoric.store.metadata_schema`): rebuilt from each
    document's values, a nullable year was ``object`` for one document without a year and
    ``float64`` for two, whatever the table said. So the in-memory tables stay those a run folder
    reads back."""
    from rhetoric.store import metadata_schema, to_arrow

    schema = metadata_schema(corpus, text_column=text_column, id_column=id_column)
    columns = [c for c in table.columns if c in schema.names and c not in DOCUMENT_COLUMNS]
    if not columns or table.empty:
        return table
    import pyarrow as pa

    fields = pa.schema([schema.field(c) for c in columns])
    converted = to_arrow(table[columns], fields).to_pandas()
    joined = table.drop(columns=columns).join(converted[columns])[list(table.columns)]
    return concat_tables("documents", [joined])  # the dtypes the folder's reader gives them


def unique_documents(documents: Iterable[CorpusDocument]):
    """The documents, lazily; a ``doc_id`` seen twice is an
    :class:`~rhetoric.errors.InputError` naming the two places (as a table's other content
    errors are: the input cannot be run as it is)."""
    seen: dict[str, int] = {}
    for place, document in enumerate(documents, 1):
        first = seen.setdefault(document.doc_id, place)
        if first != place:
            raise InputError(
                f"doc_id {document.doc_id!r} names two documents (rows {first} and {place} of "
                "the input, counted from 1); give each document its own doc_id"
            )
        yield document


def check_unique(documents: Iterable[CorpusDocument]) -> None:
    """Raise :class:`~rhetoric.errors.InputError` if a ``doc_id`` names two documents
    (:func:`unique_documents`): before a run into a folder, which is not made for an input that
    cannot be run."""
    for _ in unique_documents(documents):
        pass


def write_corpus(
    documents: object,
    out: str | os.PathLike,
    *,
    devices: Iterable[str] | None = None,
    frames: bool = True,
    min_score: float | dict[str, float | None] | None = None,
    n_jobs: int | None = -1,
    scheduler: object = None,
    backend: Literal["serial", "processes", "dask"] | None = None,
    time_limit: float | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    pattern: str = "*.txt",
    text_column: str = "text",
    id_column: str = "doc_id",
    genre: str | None = None,
):
    """Analyse a corpus into a Parquet folder, as the run goes; resume an interrupted run.

    The folder holds one subfolder per table (``documents/``, ``spans/``, ``frames/``,
    ``removed/``, ``errors/``), each a Parquet dataset that pandas, DuckDB or Dask open
    directly, and ``rhetoric-run.json``, the configuration of the run. Documents already written
    by an earlier run into the same folder are skipped, so a run that was interrupted ends with
    exactly the tables of a run that was not. A folder written with another configuration
    (devices, ``frames``, ``min_score``, ``max_bytes``, the table file read and its text and id
    columns, the folder read and its ``pattern``, the package version, its code (a hash of its
    source files) or its models) is refused, and so is a resume where a document
    committed from a text (a table's row, a list's ``doc<N>``) would now name another text (its
    :func:`text_hash` differs): resuming would keep the old text's results under its name.
    An input in which one ``doc_id`` names two documents is an
    :class:`~rhetoric.errors.InputError` said before the folder is made.
    Memory stays bounded: documents are read as the workers need them and the tables are
    written in batches.

    On a Dask cluster (``scheduler``) each worker writes the files of the batches it analysed
    into ``out`` and sends back only a manifest, which this process commits in input order; so
    ``out`` must be on a file system the workers share with this machine, at the same path. A
    Parquet input's texts are then read by the workers, not sent to them.

    Parameters
    ----------
    documents, devices, frames, min_score, n_jobs, scheduler, backend, time_limit, max_bytes, progress, pattern, text_column, id_column, genre
        As in :func:`analyze_corpus`.
    out : path
        The output folder (created if needed).

    Returns
    -------
    rhetoric.store.RunSummary
        Counts of the run: documents written and skipped, words, spans, errors by kind.
    """
    from rhetoric.documents import TABLE_SUFFIXES, read_table
    from rhetoric.store import (
        CorpusWriter,
        folder_source,
        metadata_schema,
        run_config,
        table_source,
    )

    options = corpus_options(devices, frames, min_score, genre=genre)
    check_limits(time_limit, max_bytes)
    n_jobs, scheduler = _where(backend, n_jobs, scheduler)
    table, folder = table_source(documents), folder_source(documents)
    if (
        isinstance(documents, os.PathLike | str)
        and str(documents).lower().endswith(tuple(s for s in TABLE_SUFFIXES if s != ".parquet"))
        and Path(documents).is_file()
    ):
        # read once: for its columns' types, then the run
        documents = read_table(documents, id_column, text_column)
    elif isinstance(documents, Iterator):
        documents = list(documents)  # read twice: for the metadata columns, then the run
    check_unique(corpus_documents(documents, pattern, text_column, True, id_column))
    metadata = metadata_schema(documents, text_column=text_column, id_column=id_column)
    config = run_config(options, max_bytes, table, text_column, id_column, folder,
                        pattern if folder is not None else None)  # fmt: skip
    writer = CorpusWriter(out, config, metadata)
    lazy = scheduler is not None
    if writer.done:  # resuming: the files committed keep their names (they follow the set read),
        writer.check_names(corpus_documents(documents, pattern, text_column, True, id_column))
        # and a name committed from a text (a table's row, a list's doc<N>) names the same text
        writer.check_texts(corpus_documents(documents, pattern, text_column, False, id_column))
        listed = {
            d.doc_id for d in corpus_documents(documents, pattern, text_column, True, id_column)
        }
        writer.summary.gone = len(writer.done - listed)
    # every doc_id is unique (check_unique, above): the run's pass needs no second check
    records = writer.remaining(corpus_documents(documents, pattern, text_column, lazy, id_column))
    total = corpus_size(documents, pattern)
    remaining = None if total is None else max(total - len(writer.done), 0)
    with writer:
        if scheduler is None:
            for outcome in run_analysis(records, options, n_jobs=n_jobs, time_limit=time_limit,
                                        max_bytes=max_bytes, progress=progress, total=remaining,
                                        total_chars=corpus_chars(documents, pattern, text_column)):  # fmt: skip
                writer.add(outcome)
        else:  # the workers write the parts; only their manifests come back, to be committed
            work = partial(analyze_document, options=options, max_bytes=max_bytes)
            manifests = map_batches(work, records, scheduler=scheduler,
                                    finish=writer.part_writer(), time_limit=time_limit,
                                    progress=progress, total=remaining,
                                    total_chars=corpus_chars(documents, pattern, text_column))  # fmt: skip
            with closing(manifests):  # stopped: the tasks not started are cancelled at once
                for _, manifest in manifests:
                    writer.commit(manifest)
    return writer.summary
