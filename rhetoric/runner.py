"""One corpus runner: map a per-document function over a corpus, on one core, many, or a Dask cluster.

Every corpus-level loop of the package (:func:`rhetoric.analyze_corpus`, ``rhetoric analyze
--jobs``, ``rhetoric analyze-corpus``, the evaluation loops, the frame tables, the stylometric
word counts) is :func:`map_documents` with its own per-document function. The runner owns what
they share:

- **where the work runs**: in this process (``n_jobs=1``), in a pool of worker processes on this
  machine (``n_jobs=N``, ``-1`` or ``0`` for every core), or on a Dask cluster
  (``scheduler="tcp://host:8786"`` or a :class:`dask.distributed.Client`);
- **workers warmed once**: each worker process loads the NLTK models, WordNet and the
  pronouncing dictionary once, in the pool initializer (a worker plugin on Dask), not once per
  document; a run in this process under a time limit loads them before its first document, so
  that the loading never counts against a document's limit;
- **lazy input, bounded memory**: documents are read from the input as the workers need them
  (a path is read by the worker itself, and so is a text of a Parquet file given as
  :class:`ParquetCell` records: only their row numbers travel), in batches sized by their length,
  with a bounded number of batches in flight; on a Dask cluster the batches are also sized by
  the corpus and the cluster (:func:`partition_chars`), so that every thread gets several;
- **work finished where it runs**: on a Dask cluster a ``finish`` step can turn a batch's
  outcomes into something small on the worker itself (:func:`map_batches`; a corpus run writes
  its Parquet part there and sends back a manifest);
- **results in input order**, the same whatever the backend or the number of workers;
- **one error policy** (:func:`run_document`): a bad input (:class:`~rhetoric.errors.InputError`:
  unreadable, binary, too big) is an error of kind ``"input"``; a document that exceeds the time
  limit is an error of kind ``"timeout"``; any other exception is a bug, an error of kind
  ``"internal"``. The run goes on in every case; the caller decides how loudly to report.
  Errors of the caller or the installation (:class:`~rhetoric.errors.UsageError`,
  :class:`~rhetoric.errors.DataNotFoundError`) stop the run, since every document would fail;
- a **progress bar** (tqdm) for any run longer than a few seconds.

The per-document function must be picklable (a module-level function, or a
:func:`functools.partial` of one) and take a :class:`~rhetoric.documents.CorpusDocument`.
"""

from __future__ import annotations

import ctypes
import gc
import numbers
import os
import sys
import threading
import time
import traceback
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import groupby, islice
from pathlib import Path

from rhetoric.documents import (
    CorpusDocument,
    cell_text,
    check_id_column,
    is_missing,
    parquet_file,
    table_documents,
)
from rhetoric.errors import InputError, RhetoricError, UsageError, WorkerLostError, named
from rhetoric.text import DEFAULT_MAX_BYTES, decode_named, printable_path, read_text

#: Columns of an ``errors`` table.
ERROR_COLUMNS = ["doc_id", "path", "kind", "reason"]
#: The kinds of error a document can end with.
ERROR_KINDS = ("input", "timeout", "internal")

#: A batch closes when its documents reach this many characters (or bytes on disk) ...
BATCH_CHARS = 200_000
#: ... or this many documents.
BATCH_DOCUMENTS = 64
#: On a Dask cluster a batch holds at most this many characters and documents ...
DASK_BATCH_CHARS, DASK_BATCH_DOCUMENTS = 1_000_000, 500
#: ... fewer for a small corpus, so that each thread of the cluster gets this many batches ...
BATCHES_PER_THREAD = 4
#: ... but not fewer characters than this (each batch costs a task, and a part of five files).
DASK_MIN_BATCH_CHARS = 20_000
#: The smallest batch of a local run's last batches (:func:`guided_batches`).
MIN_LOCAL_BATCH_CHARS = 20_000
#: The progress bar appears after this many seconds (shorter runs stay quiet).
PROGRESS_DELAY = 3.0

#: A short text of the project's own that touches every resource a detector loads (sentence
#: splitter, WordNet, antonyms, the pronouncing dictionary, the scorers, lexicons), so that a warmed
#: worker loads them before its first real document.
_SAMPLE = (
    "The river rose, not because the farmers wished it, but because the rain came. The mills "
    "will open, the roads will dry and the schools will gather again. Will the harvest wait? "
    "Perhaps the bright barley will bend, but it will never, never break."
)


class DocumentTimeout(BaseException):
    """Raised inside the work of a document that passed its time limit.

    A :class:`BaseException`, so that no ``except Exception`` of a detector can swallow it.
    """


@dataclass(frozen=True)
class Outcome:
    """What became of one document: its value, or an error record, and the warnings it raised."""

    doc_id: str
    path: str | None
    metadata: dict = field(default_factory=dict)
    value: object = None
    error: dict | None = None
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    def unwrap(self) -> object:
        """The value, or the error raised again, for loops that need every document: an
        :class:`~rhetoric.errors.InputError` for a bad input or a timeout, an
        :class:`InternalError` for a bug."""
        if self.error is None:
            return self.value
        if self.error["kind"] == "internal":
            raise InternalError(f"{self.doc_id}: {self.error['reason']}")
        if self.error["kind"] == "timeout":
            raise InputError(f"{self.doc_id}: {self.error['reason']}")
        raise InputError(self.error["reason"])


class InternalError(RuntimeError):
    """A document failed because of a bug (raised again by :meth:`Outcome.unwrap`)."""


def document_text(document: CorpusDocument, max_bytes: int | None = DEFAULT_MAX_BYTES) -> str:
    """The text of a document: given, or read from its path where the work runs.

    Raises :class:`~rhetoric.errors.InputError` for a path that cannot be read as text.
    """
    if document.problem is not None:  # a table row without a name
        raise InputError(document.problem)
    text = document.text
    if text is not None and not is_missing(text):
        if isinstance(text, bytes):  # decoded and checked as a file is (stdin, a bytes cell)
            return decode_named(text, document.doc_id, stacklevel=3)
        if not isinstance(text, str):  # a number where a table's text column should hold text
            what = "a number" if isinstance(text, numbers.Number) else f"a {type(text).__name__}"
            raise InputError(f"{document.doc_id}: its text is {what} ({str(text)[:40]}), not text")
        return text
    if document.path is None:
        raise InputError(
            f"{document.doc_id}: no text (an empty cell, or neither a text nor a path)"
        )
    try:
        return read_text(document.path, max_bytes=max_bytes)
    except InputError as error:  # said with the path as given (read as absolute)
        said = str(error)
        if document.origin is None or not said.startswith(document.path):
            raise
        raise InputError(printable_path(document.origin) + said[len(document.path) :]) from None


@dataclass(frozen=True)
class ParquetCell(CorpusDocument):
    """A document whose text is one cell of a Parquet file, read where the document is analysed.

    ``text`` is ``None``: the record carries the name, the metadata and where the text is (the
    file, its row group, the row within the group, the column), so a batch sent to a Dask worker
    holds row numbers, not texts. :func:`load_texts` reads them, one row group at a time.
    """

    source: str = ""
    row_group: int = 0
    row: int = 0
    column: str = "text"
    #: Estimated characters (the uncompressed bytes of the column in its row group, per row).
    size: int = 0


def parquet_text_source(corpus: object, text_column: str = "text") -> str | None:
    """The path of ``corpus`` if it names a Parquet file with a column ``text_column``."""
    if not isinstance(corpus, os.PathLike | str):
        return None
    if isinstance(corpus, str) and ("\n" in corpus or len(corpus) > 4096):
        return None
    path = Path(corpus)
    if path.suffix.lower() != ".parquet" or not path.is_file():
        return None
    if text_column not in parquet_file(path).schema_arrow.names:
        return None
    return os.path.abspath(path)  # read by workers whose working folder may be another


def parquet_cells(
    path: str | os.PathLike, text_column: str = "text", id_column: str = "doc_id"
) -> Iterator[ParquetCell]:
    """The documents of a Parquet file as :class:`ParquetCell` records, without their texts.

    The same documents as :func:`rhetoric.documents.iter_corpus` gives for the file (names,
    metadata, order); only the columns other than the text are read, a row group at a time.
    """
    import pandas as pd

    file = parquet_file(path)
    names = file.schema_arrow.names
    check_id_column(id_column, names)
    column = names.index(text_column)
    skip = {text_column, "text", "path", "clean_text"}
    other = [n for n in names if n not in skip and not n.startswith("__index_level_")]
    if "path" in names and text_column == "text":  # the file each text was read from (origin)
        other.append("path")
    offset = 0
    for group in range(file.num_row_groups):
        meta = file.metadata.row_group(group)
        rows = meta.num_rows
        size = meta.column(column).total_uncompressed_size // max(rows, 1)
        table = (
            file.read_row_group(group, columns=other).to_pandas()
            if other
            else pd.DataFrame(index=range(rows))
        )
        table[text_column] = None
        records = table_documents(table, text_column, id_column, offset)
        for row, record in enumerate(records):
            if record.problem is not None:  # a row without a name: no text to read
                yield record
                continue
            yield ParquetCell(record.doc_id, metadata=record.metadata, origin=record.origin,
                              source=str(path), row_group=group, row=row, column=text_column,
                              size=size)  # fmt: skip
        offset += rows


def load_texts(documents: list[CorpusDocument]) -> list[CorpusDocument]:
    """The documents with the texts of their :class:`ParquetCell` records read in (each row
    group read once, up to the last row needed); other documents as they are.

    Raises :class:`~rhetoric.errors.InputError` if a Parquet file cannot be read here (on a Dask
    cluster: not on a file system the workers share with the client).
    """
    cells = [d for d in documents if isinstance(d, ParquetCell)]
    if not cells:
        return documents
    texts = {}
    key = lambda d: (d.source, d.row_group, d.column)  # noqa: E731
    for (source, group, column), same in groupby(sorted(cells, key=key), key=key):
        rows = [d.row for d in same]
        first = min(rows)
        values = _read_rows(source, group, column, first, max(rows) + 1)
        for row in rows:
            texts[source, group, column, row] = values[row - first]
    return [
        CorpusDocument(
            d.doc_id, text=cell_text(texts[key(d) + (d.row,)]), metadata=d.metadata, origin=d.origin
        )
        if isinstance(d, ParquetCell)
        else d
        for d in documents
    ]


def _read_rows(source: str, group: int, column: str, start: int, stop: int) -> list:
    import pyarrow.parquet as pq

    values, at = [], 0
    try:
        file = pq.ParquetFile(source)
        for batch in file.iter_batches(batch_size=1024, row_groups=[group], columns=[column]):
            first, last = max(start, at), min(stop, at + batch.num_rows)
            if last > first:
                values.extend(batch.column(0).slice(first - at, last - first).to_pylist())
            at += batch.num_rows
            if at >= stop:
                break
    except (OSError, ValueError) as error:  # pyarrow.ArrowInvalid is a ValueError
        raise InputError(
            f"{source}: cannot be read where the documents are analysed ({error}); on a Dask "
            "cluster the corpus must be on a file system the workers share with the client, "
            "at the same path"
        ) from None
    return values


# --- the error policy ---------------------------------------------------------------------------


def error_record(document: CorpusDocument, kind: str, reason: str) -> dict:
    """One row of an ``errors`` table (:data:`ERROR_COLUMNS`)."""
    return {"doc_id": document.doc_id, "path": document.recorded_path, "kind": kind,
            "reason": reason}  # fmt: skip


def bug_reason(error: BaseException) -> str:
    """One line for an unexpected exception: its type, message and where in the package it arose."""
    frames = traceback.extract_tb(error.__traceback__)
    where = ""
    for frame in reversed(frames):
        if f"{os.sep}rhetoric{os.sep}" in frame.filename:
            where = f" (at {os.path.basename(frame.filename)}:{frame.lineno} in {frame.name})"
            break
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}{where}"


def run_document(
    function: Callable[[CorpusDocument], object],
    document: CorpusDocument,
    time_limit: float | None = None,
) -> Outcome:
    """Apply ``function`` to one document under the error policy of the module; never raises for it.

    Returns
    -------
    Outcome
        ``value`` is what ``function`` returned; or ``error`` is an error record whose ``kind``
        is ``"input"`` (:class:`~rhetoric.errors.InputError`), ``"timeout"`` (the time limit was
        reached) or ``"internal"`` (any other exception: a bug). Warnings raised while the
        document was processed are kept, as one-line messages, in ``warnings``.
    """
    start = time.perf_counter()
    value, error = None, None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = _call_with_limit(function, document, time_limit)
        except InputError as problem:
            error = error_record(document, "input", str(problem))
        except DocumentTimeout:
            error = error_record(
                document, "timeout", f"not finished within the time limit of {time_limit:g} s"
            )
        except RhetoricError:
            raise  # the caller's or the installation's mistake: every document would fail
        except Exception as problem:  # noqa: BLE001 - a bug: recorded, and reported loudly
            error = error_record(document, "internal", bug_reason(problem))
    messages = tuple(dict.fromkeys(" ".join(str(w.message).split()) for w in caught))
    return Outcome(
        document.doc_id,
        document.recorded_path,
        dict(document.metadata),
        value,
        error,
        messages,
        time.perf_counter() - start,
    )


def _async_raise(thread_id: int, exception: type[BaseException]) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception)
    )


def _call_with_limit(function, document, seconds: float | None):
    """``function(document)``, interrupted by :class:`DocumentTimeout` after ``seconds``.

    A watchdog timer raises the exception asynchronously in the working thread, so the limit
    works in a worker process, in a Dask worker's thread and in the main thread alike. Like any
    Python-level interruption it takes effect between bytecodes: a single long call into C code
    (one regular-expression match) finishes first. The interruption never lands where it would
    break later documents or be lost:

    - not inside an import (a module cut off half-way would stay half-initialised for every
      later document): the timer waits until the import is done;
    - not swallowed by a finaliser (``__del__``): Python would print "Exception ignored" and go
      on with the document; the exception is raised again just after;
    - an exception that follows it (code that turned the interruption into an error of its own)
      is the timeout, not a bug of the document.
    """
    if not seconds:
        return function(document)
    _install_unraisable_hook()
    lock = threading.Lock()
    thread_id = threading.get_ident()
    state = {"done": False, "fired": False, "timer": None}

    def fire() -> None:
        with lock:
            if state["done"]:
                return
            if _importing(thread_id):  # wait: an import cut off would break later documents
                arm(IMPORT_RETRY_SECONDS)
                return
            state["fired"] = True
            _async_raise(thread_id, DocumentTimeout)

    def arm(delay: float) -> None:  # called with the lock held, or before the work starts
        timer = threading.Timer(delay, fire)
        timer.daemon = True
        state["timer"] = timer
        timer.start()

    def refire() -> None:  # the exception was swallowed by a finaliser: raise it again soon
        with lock:
            if not state["done"]:
                arm(0.0)

    arm(seconds)
    _LIMITS[thread_id] = refire
    try:
        return function(document)
    except DocumentTimeout:
        raise
    except Exception as error:
        if state["fired"]:  # the interruption turned into another exception on its way out
            raise DocumentTimeout() from error
        raise
    finally:
        with lock:
            state["done"] = True
            timer = state["timer"]
        _LIMITS.pop(thread_id, None)
        # A Python-level call after "done": an exception set just before is delivered here,
        # inside the caller's ``try``, never later.
        timer.cancel()


#: Seconds to wait before trying again a time limit that fell inside an import.
IMPORT_RETRY_SECONDS = 0.02
#: The working threads under a time limit, each with what raises its timeout again.
_LIMITS: dict[int, Callable[[], None]] = {}


def _importing(thread_id: int) -> bool:
    """Whether the thread is importing a module now (a frame of importlib's machinery)."""
    frame = sys._current_frames().get(thread_id)
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _install_unraisable_hook() -> None:
    """Once per process: a :class:`DocumentTimeout` that lands in a finaliser (``__del__``,
    where Python cannot raise it and would print "Exception ignored in ...") is raised again in
    its document's work instead, and never printed; anything else goes to the hook before."""
    previous = sys.unraisablehook
    if getattr(previous, "_rhetoric_timeouts", False):
        return

    def hook(unraisable) -> None:
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, DocumentTimeout):
            refire = _LIMITS.get(threading.get_ident())
            if refire is not None:
                refire()
            return
        previous(unraisable)

    hook._rhetoric_timeouts = True
    sys.unraisablehook = hook


def run_batch(
    function: Callable[[CorpusDocument], object],
    documents: list[CorpusDocument],
    time_limit: float | None = None,
    warm: Callable[[], None] | None = None,
) -> list[Outcome]:
    """:func:`run_document` on each document of a batch (the unit of work sent to a worker).

    ``warm`` runs first, once per process (usually already done by the pool initializer or the
    Dask worker plugin); an error it raised, such as missing data, is raised here.
    """
    if warm is not None:
        _warm_once(warm)
    documents = load_texts(documents)
    outcomes = [run_document(function, document, time_limit) for document in documents]
    del documents
    _return_freed_memory()
    return outcomes


def _return_freed_memory() -> None:
    """Hand the C heap's free pages back to the system after a batch (glibc's ``malloc_trim``).

    Python frees a document's objects when the batch is done, but glibc keeps the pages they
    were on, so a worker would otherwise hold the high-water mark of its largest batch for the
    rest of the run. Nothing happens where the C library has no ``malloc_trim``."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def run_task(function, documents, time_limit, warm, finish, index):
    """The task of a Dask worker: :func:`run_batch`, then ``finish(index, outcomes)`` if given
    (what is sent back is then what ``finish`` returns, not the outcomes)."""
    outcomes = run_batch(function, documents, time_limit, warm)
    return outcomes if finish is None else finish(index, outcomes)


# --- warming workers --------------------------------------------------------------------------

_WARMED: dict = {}
#: Warm the parent process before forking workers (see :func:`_map_processes`).
WARM_PARENT = True


def _warm_once(warm: Callable[[], None]) -> None:
    """``warm()`` once per process; one that failed (missing data, say) is tried again at the
    next call, so that a session that fetched the data meanwhile goes on."""
    key = (getattr(warm, "__module__", None), getattr(warm, "__qualname__", repr(warm)))
    if key not in _WARMED:
        warm()
        _WARMED[key] = None


def warm_analysis() -> None:
    """Load what the analysis needs once: NLTK sentence and tagger models, WordNet, the CMU
    pronouncing dictionary, the lexicons and the scorer models (by analysing a short sample)."""
    from rhetoric.analysis import Options, analyze_text

    analyze_text(_SAMPLE, Options(), "warm-up")


def init_worker(data_home: str | None, warm: Callable[[], None] | None) -> None:
    """Pool initializer: the data home of the parent (unless the worker has its own), then the
    warm-up. A warm-up that fails is tried again by each batch, whose error reaches the parent
    (an initializer that raises would only break the pool)."""
    if data_home and not os.environ.get("RHETORIC_DATA"):
        os.environ["RHETORIC_DATA"] = data_home
    if warm is not None:
        try:
            _warm_once(warm)
        except Exception:  # noqa: BLE001 - tried again, and raised, by run_batch
            pass


def _data_home() -> str | None:
    from rhetoric.datahome import get_data_home

    try:
        return str(get_data_home())
    except RhetoricError:  # pragma: no cover - get_data_home does not check existence
        return None


# --- batching and mapping ---------------------------------------------------------------------


def _size(document: CorpusDocument) -> int:
    if isinstance(document, ParquetCell):
        return document.size
    if isinstance(document.text, str | bytes):
        return len(document.text)
    if document.text is not None:  # a cell that is no text: an error row, no work
        return 0
    try:
        return os.stat(document.path).st_size
    except (OSError, TypeError):
        return 0


def batches(
    documents: Iterable[CorpusDocument],
    max_chars: int = BATCH_CHARS,
    max_documents: int = BATCH_DOCUMENTS,
) -> Iterator[list[CorpusDocument]]:
    """Consecutive documents grouped into batches of about ``max_chars`` characters, lazily.

    >>> docs = [CorpusDocument(f"d{i}", text="x" * 60) for i in range(5)]
    >>> [len(b) for b in batches(docs, max_chars=100)]
    [2, 2, 1]
    """
    return _grouped(documents, lambda remaining: max_chars, max_documents)


def _grouped(
    documents: Iterable[CorpusDocument], target: Callable[[int], int], max_documents: int
) -> Iterator[list[CorpusDocument]]:
    """Consecutive documents in batches: a batch closes at ``target(characters before it)``
    characters or ``max_documents`` documents."""
    batch, size, done = [], 0, 0
    for document in documents:
        batch.append(document)
        size += _size(document)
        if size >= target(done) or len(batch) >= max_documents:
            yield batch
            done += size
            batch, size = [], 0
    if batch:
        yield batch


def guided_batches(
    documents: Iterable[CorpusDocument],
    workers: int,
    total_chars: int,
    max_chars: int = BATCH_CHARS,
    min_chars: int = MIN_LOCAL_BATCH_CHARS,
    max_documents: int = BATCH_DOCUMENTS,
) -> Iterator[list[CorpusDocument]]:
    """:func:`batches` whose size shrinks as the corpus runs out (guided scheduling): each batch
    holds about a ``2 * workers``-th of the characters left (between ``min_chars`` and
    ``max_chars``), so that the workers finish together instead of one waiting for another's
    last large batch.

    >>> docs = [CorpusDocument(f"d{i}", text="x" * 100) for i in range(12)]
    >>> [len(b) for b in guided_batches(docs, 2, total_chars=1200, max_chars=400, min_chars=100)]
    [3, 3, 2, 1, 1, 1, 1]
    """

    def target(done: int) -> int:
        return max(min_chars, min(max_chars, (total_chars - done) // (2 * workers)))

    return _grouped(documents, target, max_documents)


def n_workers(n_jobs: int | None) -> int:
    """Worker processes for ``n_jobs`` (``-1`` or ``0``: every core; ``None``: 1)."""
    if n_jobs is None:
        return 1
    if n_jobs in (-1, 0):
        return os.cpu_count() or 1
    if n_jobs < -1:
        return max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    return n_jobs


def map_documents(
    function: Callable[[CorpusDocument], object],
    documents: Iterable[CorpusDocument],
    *,
    n_jobs: int | None = 1,
    scheduler: object = None,
    time_limit: float | None = None,
    warm: Callable[[], None] | None = warm_analysis,
    progress: bool | None = None,
    total: int | None = None,
    description: str = "documents",
    max_chars: int = BATCH_CHARS,
    total_chars: int | None = None,
) -> Iterator[Outcome]:
    """Apply ``function`` to every document, yielding one :class:`Outcome` each, in input order.

    Parameters
    ----------
    function : callable
        A picklable function of one :class:`~rhetoric.documents.CorpusDocument`.
    documents : iterable of CorpusDocument
        Read lazily, as the workers need more (see :func:`rhetoric.documents.iter_corpus`).
    n_jobs : int, default 1
        Worker processes on this machine (``1``: this process; ``-1`` or ``0``: every core).
    scheduler : str or dask.distributed.Client, optional
        Run on a Dask cluster instead: the scheduler's address (``"tcp://host:8786"``) or a
        connected client. ``n_jobs`` is then ignored; the cluster's threads set how many
        batches are in flight.
    time_limit : float, optional
        Seconds a document may take before it is given up with an error of kind ``"timeout"``.
    warm : callable, optional
        Run once in each worker before its first document (default: load the analysis
        resources); ``None`` for work that needs nothing.
    progress : bool, optional
        Show a progress bar on stderr: ``None`` (default) shows one on a terminal when the run
        lasts more than a few seconds.
    total : int, optional
        The number of documents, for the progress bar (taken from ``len(documents)`` if it has one).
    max_chars : int
        Batch size, in characters of text (on a Dask cluster: see :func:`partition_chars`).
    total_chars : int, optional
        About how many characters the corpus holds, to size the batches: on a Dask cluster
        (:func:`partition_chars`), and with several local workers, batches that shrink as the
        corpus runs out (:func:`guided_batches`).

    Yields
    ------
    Outcome
    """
    if total is None and hasattr(documents, "__len__"):
        total = len(documents)
    if scheduler is not None:
        yield from (
            outcome
            for _, outcomes in map_batches(
                function,
                documents,
                scheduler=scheduler,
                time_limit=time_limit,
                warm=warm,
                progress=progress,
                total=total,
                description=description,
                total_chars=total_chars,
            )
            for outcome in outcomes
        )
        return
    workers = n_workers(n_jobs)
    if workers > 1 and total_chars:
        chunks = guided_batches(documents, workers, total_chars, max_chars=max_chars)
    else:
        chunks = batches(documents, max_chars=max_chars)
    bar = _progress_bar(progress, total, description)
    try:
        if n_workers(n_jobs) > 1:
            results = _map_processes(function, chunks, n_workers(n_jobs), time_limit, warm)
        else:
            # under a time limit, warmed before the first document as a worker is: the one-time
            # loading of NLTK, WordNet and the models does not count against a document's limit
            # (without one, the first document loads what it needs, and nothing more)
            warm_here = warm if time_limit else None
            results = (run_batch(function, chunk, time_limit, warm_here) for chunk in chunks)
        for outcomes in results:
            for outcome in outcomes:
                if bar is not None:
                    bar.update(1)
                yield outcome
    finally:
        if bar is not None:
            bar.close()


def _progress_bar(progress: bool | None, total: int | None, description: str):
    if progress is False:
        return None
    from tqdm import tqdm

    return tqdm(
        total=total,
        unit=" docs" if description == "documents" else f" {description}",
        desc="rhetoric",
        delay=0 if progress else PROGRESS_DELAY,
        disable=None if progress is None else False,  # None: only on a terminal
        file=sys.stderr,
        dynamic_ncols=True,
        leave=False,
    )


_LOST = (
    "a worker process died (killed, or out of memory) while documents from {name!r} on were "
    "being analysed; the documents before it are kept: with --out, run the same command again "
    "to resume (with fewer --jobs or a lower --max-mb if memory ran out)"
)


def _map_processes(function, chunks, workers: int, time_limit, warm) -> Iterator[list[Outcome]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if warm is not None and WARM_PARENT and multiprocessing.get_start_method() == "fork":
        # Warm here, once: forked workers inherit the loaded resources (shared pages, no CPU
        # spent again in each), and missing data is reported before any worker starts.
        _warm_once(warm)
    # Move every object alive now (the warmed resources: WordNet, the tagger, the models) out of
    # the garbage collector's reach before the workers fork: a collection in a worker would
    # otherwise write to each of them and copy every shared page (Python's gc.freeze advice).
    gc.freeze()
    in_flight = deque()
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=init_worker, initargs=(_data_home(), warm)
    )
    try:
        chunks = iter(chunks)
        for chunk in islice(chunks, 3 * workers):
            in_flight.append(_submit(pool, function, chunk, time_limit, warm))
        while in_flight:
            future = in_flight.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                raise WorkerLostError(_LOST.format(name=future.batch[0].doc_id)) from None
            for chunk in islice(chunks, 1):
                in_flight.append(_submit(pool, function, chunk, time_limit, warm))
            yield outcomes
    finally:
        for future in in_flight:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _submit(pool, function, chunk, time_limit, warm):
    future = pool.submit(run_batch, function, chunk, time_limit, warm)
    future.batch = chunk
    return future


def _client(scheduler):
    from dask.distributed import Client

    if isinstance(scheduler, Client):
        return scheduler, False
    if not isinstance(scheduler, str):
        raise UsageError(
            f"scheduler must be an address such as 'tcp://127.0.0.1:8786' or a "
            f"dask.distributed.Client, not {type(scheduler).__name__}"
        )
    try:
        return Client(scheduler, timeout="20s"), True
    except ValueError as error:  # "missing port number", "unknown address scheme"
        raise UsageError(
            f"{named('scheduler', scheduler)} is not a Dask scheduler's address ({error}); give "
            "one such as tcp://127.0.0.1:8786"
        ) from None
    except (OSError, TimeoutError) as error:
        raise UsageError(
            f"{named('scheduler', scheduler)}: no Dask scheduler answers there ({error})"
        ) from None


def partition_chars(total_chars: int | None, threads: int) -> int:
    """Characters per batch on a Dask cluster of ``threads`` threads, for a corpus of about
    ``total_chars``: :data:`BATCHES_PER_THREAD` batches for each thread, within
    :data:`DASK_MIN_BATCH_CHARS` and :data:`DASK_BATCH_CHARS` (the largest when the size of the
    corpus is unknown).

    >>> partition_chars(10_000_000, threads=4)
    625000
    >>> partition_chars(10_000_000, threads=400), partition_chars(None, threads=4)
    (20000, 1000000)
    """
    if not total_chars:
        return DASK_BATCH_CHARS
    share = total_chars // (BATCHES_PER_THREAD * max(threads, 1))
    return int(min(DASK_BATCH_CHARS, max(DASK_MIN_BATCH_CHARS, share)))


def map_batches(
    function: Callable[[CorpusDocument], object],
    documents: Iterable[CorpusDocument],
    *,
    scheduler: object,
    finish: Callable[[int, list[Outcome]], object] | None = None,
    time_limit: float | None = None,
    warm: Callable[[], None] | None = warm_analysis,
    progress: bool | None = None,
    total: int | None = None,
    description: str = "documents",
    total_chars: int | None = None,
) -> Iterator[tuple[list[CorpusDocument], object]]:
    """Map ``function`` over batches of documents on a Dask cluster, finishing each batch there.

    Each task reads its documents (paths and :class:`ParquetCell` texts are read by the worker),
    applies ``function`` to each under the error policy (:func:`run_batch`), then, if ``finish``
    is given, calls ``finish(index, outcomes)`` on the worker, ``index`` counting the batches of
    the run from 0; only what ``finish`` returns comes back to the client. The batches are sized
    by the corpus (``total_chars``) and the cluster's threads (:func:`partition_chars`); at most
    two per thread run at once, and at most four per thread are waiting for their turn.

    Parameters
    ----------
    function, documents, time_limit, warm, progress, total, description
        As in :func:`map_documents`.
    scheduler : str or dask.distributed.Client
        The scheduler's address or a connected client.
    finish : callable, optional
        A picklable function ``finish(index, outcomes)``; ``None``: the outcomes come back.

    Yields
    ------
    (list of CorpusDocument, object)
        Each batch, in input order, with what ``finish`` returned for it (or its outcomes).
    """
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise UsageError(
            "a Dask scheduler needs dask.distributed: pip install 'rhetoric-analysis[dask]'"
        ) from None
    if total is None and hasattr(documents, "__len__"):
        total = len(documents)
    client, own = _client(scheduler)
    bar = _progress_bar(progress, total, description)
    try:
        from rhetoric._dask import WarmPlugin

        client.register_plugin(WarmPlugin(_data_home(), warm))
        threads = max(1, sum(client.nthreads().values()))
        chunks = batches(documents, max_chars=partition_chars(total_chars, threads),
                         max_documents=DASK_BATCH_DOCUMENTS)  # fmt: skip
        task = partial(run_task, function, time_limit=time_limit, warm=warm, finish=finish)
        for chunk, value in _ordered(client, task, chunks, running=2 * threads,
                                     waiting=4 * threads):  # fmt: skip
            if bar is not None:
                bar.update(len(chunk))
            yield chunk, value
    finally:
        if bar is not None:
            bar.close()
        if own:
            client.close()


def _ordered(client, task, chunks, running: int, waiting: int):
    """``task(chunk, index)`` of each chunk on the cluster, results in order: up to ``running``
    tasks at once, and up to ``waiting`` submitted and not yet yielded (finished tasks wait for
    the ones before them, which keeps a slow batch from idling the cluster)."""
    from distributed import KilledWorker, as_completed

    numbered = enumerate(chunks)
    pending: dict[int, tuple] = {}  # index -> (future, chunk), until yielded
    finished: set[int] = set()
    index_of: dict[str, int] = {}
    completed = as_completed()

    def fill() -> None:
        while len(pending) - len(finished) < running and len(pending) < waiting:
            item = next(numbered, None)
            if item is None:
                return
            index, chunk = item
            future = client.submit(task, chunk, index=index, pure=False)
            pending[index], index_of[future.key] = (future, chunk), index
            completed.add(future)

    def result(future, chunk):
        try:
            return future.result()
        except KilledWorker:
            raise WorkerLostError(_LOST.format(name=chunk[0].doc_id)) from None

    head = 0
    try:
        fill()
        while pending:
            while head in finished:
                future, chunk = pending.pop(head)
                finished.discard(head)
                value = result(future, chunk)
                future.release()
                head += 1
                fill()
                yield chunk, value
            if not pending:
                break
            future = next(completed)
            index = index_of.pop(future.key)
            if future.status != "finished":  # an error: raised now, not after the batches before
                result(future, pending[index][1])
            finished.add(index)
            fill()
    finally:
        client.cancel([future for future, _ in pending.values()])
