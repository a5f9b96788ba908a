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
  document;
- **lazy input, bounded memory**: documents are read from the input as the workers need them
  (a path is read by the worker itself), in batches sized by their length, with a bounded number
  of batches in flight;
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
import os
import sys
import threading
import time
import traceback
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from rhetoric.documents import CorpusDocument
from rhetoric.errors import InputError, RhetoricError, UsageError, WorkerLostError
from rhetoric.text import DEFAULT_MAX_BYTES, decode, read_text

#: Columns of an ``errors`` table.
ERROR_COLUMNS = ["doc_id", "path", "kind", "reason"]
#: The kinds of error a document can end with.
ERROR_KINDS = ("input", "timeout", "internal")

#: A batch closes when its documents reach this many characters (or bytes on disk) ...
BATCH_CHARS = 200_000
#: ... or this many documents.
BATCH_DOCUMENTS = 64
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
    if document.text is not None:
        if isinstance(document.text, bytes):
            return decode(document.text)[0]
        return document.text
    if document.path is None:
        raise InputError(f"{document.doc_id}: has neither a text nor a path")
    return read_text(document.path, max_bytes=max_bytes)


# --- the error policy ---------------------------------------------------------------------------


def error_record(document: CorpusDocument, kind: str, reason: str) -> dict:
    """One row of an ``errors`` table (:data:`ERROR_COLUMNS`)."""
    return {"doc_id": document.doc_id, "path": document.path, "kind": kind, "reason": reason}


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
        document.path,
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
    (one regular-expression match) finishes first.
    """
    if not seconds:
        return function(document)
    lock = threading.Lock()
    state = {"done": False}
    thread_id = threading.get_ident()

    def fire() -> None:
        with lock:
            if not state["done"]:
                _async_raise(thread_id, DocumentTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        return function(document)
    finally:
        with lock:
            state["done"] = True
        # A Python-level call after "done": an exception set just before is delivered here,
        # inside the caller's ``try``, never later.
        timer.cancel()


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
    return [run_document(function, document, time_limit) for document in documents]


# --- warming workers --------------------------------------------------------------------------

_WARMED: dict = {}
#: Warm the parent process before forking workers (see :func:`_map_processes`).
WARM_PARENT = True


def _warm_once(warm: Callable[[], None]) -> None:
    key = (getattr(warm, "__module__", None), getattr(warm, "__qualname__", repr(warm)))
    if key not in _WARMED:
        try:
            warm()
        except Exception as error:  # noqa: BLE001 - kept, and raised with every batch
            _WARMED[key] = error
        else:
            _WARMED[key] = None
    if _WARMED[key] is not None:
        raise _WARMED[key]


def warm_analysis() -> None:
    """Load what the analysis needs once: NLTK sentence and tagger models, WordNet, the CMU
    pronouncing dictionary, the lexicons and the scorer models (by analysing a short sample)."""
    from rhetoric.analysis import Options, analyze_text

    analyze_text(_SAMPLE, Options(), "warm-up")


def init_worker(data_home: str | None, warm: Callable[[], None] | None) -> None:
    """Pool initializer: the data home of the parent (unless the worker has its own), then the
    warm-up. An error of the warm-up is kept and raised with the first batch, in the parent (an
    initializer that raises would only break the pool)."""
    if data_home and not os.environ.get("RHETORIC_DATA"):
        os.environ["RHETORIC_DATA"] = data_home
    if warm is not None:
        try:
            _warm_once(warm)
        except Exception:  # noqa: BLE001 - raised again by run_batch
            pass


def _data_home() -> str | None:
    from rhetoric.datahome import get_data_home

    try:
        return str(get_data_home())
    except RhetoricError:  # pragma: no cover - get_data_home does not check existence
        return None


# --- batching and mapping ---------------------------------------------------------------------


def _size(document: CorpusDocument) -> int:
    if document.text is not None:
        return len(document.text)
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
    batch, size = [], 0
    for document in documents:
        batch.append(document)
        size += _size(document)
        if size >= max_chars or len(batch) >= max_documents:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


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
        Batch size, in characters of text.

    Yields
    ------
    Outcome
    """
    if total is None and hasattr(documents, "__len__"):
        total = len(documents)
    chunks = batches(documents, max_chars=max_chars)
    bar = _progress_bar(progress, total, description)
    try:
        if scheduler is not None:
            results = _map_dask(function, chunks, scheduler, time_limit, warm)
        elif n_workers(n_jobs) > 1:
            results = _map_processes(function, chunks, n_workers(n_jobs), time_limit, warm)
        else:
            results = (run_batch(function, chunk, time_limit) for chunk in chunks)  # lazy loading
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
    except (OSError, TimeoutError) as error:
        raise UsageError(
            f"scheduler={scheduler!r}: no Dask scheduler answers there ({error})"
        ) from None


def _map_dask(function, chunks, scheduler, time_limit, warm) -> Iterator[list[Outcome]]:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise UsageError(
            "a Dask scheduler needs dask.distributed: pip install 'rhetoric-analysis[dask]'"
        ) from None
    from distributed import KilledWorker

    client, own = _client(scheduler)
    try:
        from rhetoric._dask import WarmPlugin

        client.register_plugin(WarmPlugin(_data_home(), warm))
        slots = max(1, sum(client.nthreads().values()))
        in_flight = deque()
        chunks = iter(chunks)
        for chunk in islice(chunks, 2 * slots):
            in_flight.append((client.submit(run_batch, function, chunk, time_limit, warm, pure=False), chunk))  # fmt: skip
        while in_flight:
            future, batch = in_flight.popleft()
            try:
                outcomes = future.result()
            except KilledWorker:
                raise WorkerLostError(_LOST.format(name=batch[0].doc_id)) from None
            future.release()
            for chunk in islice(chunks, 1):
                in_flight.append((client.submit(run_batch, function, chunk, time_limit, warm, pure=False), chunk))  # fmt: skip
            yield outcomes
    finally:
        if own:
            client.close()
