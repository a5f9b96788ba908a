"""Corpus runs: map the per-document analysis over every core, or over a Dask cluster.

The unit of work is :func:`analyze_record`, a pure function from a plain record
``{"doc_id", "text" | "path"}`` and :class:`~rhetoric.analysis.Options` to plain records (spans,
frames, a summary row, or an error). Plain data travels cheaply between processes and machines,
and one bad document yields an error row instead of stopping the run.

Backends:

``"serial"``
    one process (for debugging, or tiny corpora);
``"processes"`` (default)
    a :class:`concurrent.futures.ProcessPoolExecutor` with ``n_jobs`` workers (``-1``: every core);
``"dask"``
    a :mod:`dask.bag` computed by the current Dask scheduler: with a ``dask.distributed.Client``
    connected to a cluster, the same call runs on the cluster (``pip install rhetoric-analysis[dask]``).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from rhetoric.analysis import Options, analyze_text
from rhetoric.devices import check_devices, check_min_score
from rhetoric.errors import RhetoricError, check_choice, check_documents
from rhetoric.span import SPAN_COLUMNS
from rhetoric.text import DEFAULT_MAX_BYTES, read_text

BACKENDS = ("serial", "processes", "dask")
DOCUMENT_COLUMNS = ["doc_id", "n_words", "n_devices", "n_removed", "error"]
FRAME_TABLE_COLUMNS = ["doc_id", "frame", "score", "hits", "keywords"]


def analyze_record(
    record: dict, options: Options | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> dict:
    """Analyse one document given as a plain record; never raises for a bad input file.

    Returns
    -------
    dict
        ``document`` (a row of :data:`DOCUMENT_COLUMNS`), ``spans`` (rows of
        :data:`rhetoric.span.SPAN_COLUMNS`), ``frames`` (rows of ``FRAME_TABLE_COLUMNS``),
        ``removed`` (rows of span columns with ``device="boilerplate"``).
    """
    doc_id = record["doc_id"]
    options = options or Options()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            text = (
                record["text"]
                if record.get("text") is not None
                else read_text(record["path"], max_bytes=max_bytes)
            )
        result = analyze_text(text, options, doc_id)
    except (RhetoricError, OSError, ValueError) as error:
        return {"document": {"doc_id": doc_id, "n_words": 0, "n_devices": 0, "n_removed": 0, "error": str(error)},
                "spans": [], "frames": [], "removed": []}  # fmt: skip
    spans = [s.to_dict() for s in [*result.device_spans, *result.frame_spans]]
    frames = [{"doc_id": doc_id, **row} for row in result.frame_rows]
    note = "; ".join(str(w.message) for w in caught) or None
    return {
        "document": {"doc_id": doc_id, "n_words": result.n_words, "n_devices": len(result.device_spans),
                     "n_removed": len(result.removed), "error": note},
        "spans": spans, "frames": frames, "removed": [s.to_dict() for s in result.removed],
    }  # fmt: skip


@dataclass
class CorpusResult:
    """Tidy tables of a corpus run.

    Attributes
    ----------
    documents : DataFrame
        One row per input document: ``doc_id``, ``n_words``, ``n_devices``, ``n_removed``,
        ``error`` (the one-line reason a document could not be analysed, or a decoding warning;
        otherwise ``None``).
    spans : DataFrame
        Every device, frame and stance span (:data:`rhetoric.span.SPAN_COLUMNS`).
    frames : DataFrame
        ``doc_id``, ``frame``, ``score``, ``hits``, ``keywords``.
    removed : DataFrame
        Boilerplate spans removed from each document.
    """

    documents: pd.DataFrame
    spans: pd.DataFrame
    frames: pd.DataFrame
    removed: pd.DataFrame


def _records(documents) -> list[dict]:
    if isinstance(documents, pd.DataFrame):
        if "doc_id" not in documents or not {"text", "path"} & set(documents.columns):
            raise ValueError(
                "a corpus DataFrame needs a 'doc_id' column and a 'text' or 'path' column"
            )
        column = "text" if "text" in documents else "path"
        return [
            {"doc_id": str(d), column: v}
            for d, v in zip(documents["doc_id"], documents[column], strict=True)
        ]
    items = check_documents("documents", documents)
    records = []
    for i, item in enumerate(items):
        if isinstance(item, os.PathLike):
            records.append({"doc_id": str(item), "path": str(item)})
        elif isinstance(item, str):
            records.append({"doc_id": f"doc{i}", "text": item})
        else:
            raise TypeError(f"documents must be texts or paths, not {type(item).__name__}")
    return records


def _chunks(n_items: int, n_workers: int) -> int:
    return max(1, n_items // (n_workers * 4))


def analyze_corpus(
    documents: pd.DataFrame | Sequence[str | os.PathLike],
    *,
    devices: Iterable[str] | None = None,
    frames: bool = True,
    backend: Literal["serial", "processes", "dask"] = "processes",
    n_jobs: int = -1,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    min_score: float | None = None,
) -> CorpusResult:
    """Analyse every document of a corpus, in parallel.

    Parameters
    ----------
    documents : DataFrame or list
        A loader's DataFrame (``doc_id`` and ``text`` or ``path``), a list of paths
        (:class:`pathlib.Path`), or a list of texts.
    devices, frames
        As in :func:`rhetoric.analyze`.
    backend : {"serial", "processes", "dask"}
        Where the work runs (see the module documentation).
    n_jobs : int
        Worker processes for ``"processes"`` (``-1``: every core).

    Returns
    -------
    CorpusResult
        Tidy tables, documents in input order.

    Examples
    --------
    >>> result = analyze_corpus(["Never, never give in.", ""], devices=["epizeuxis"], backend="serial")
    >>> result.documents[["doc_id", "n_words"]].values.tolist()
    [['doc0', 4], ['doc1', 0]]
    """
    check_choice("backend", backend, BACKENDS)
    options = Options(
        devices=check_devices(devices), frames=frames, min_score=check_min_score(min_score)
    )
    records = _records(documents)
    if backend == "serial" or len(records) <= 1:
        results = [analyze_record(r, options, max_bytes) for r in records]
    elif backend == "processes":
        workers = (os.cpu_count() or 1) if n_jobs in (-1, 0) else n_jobs
        with ProcessPoolExecutor(max_workers=min(workers, len(records))) as pool:
            results = list(
                pool.map(
                    analyze_record,
                    records,
                    [options] * len(records),
                    [max_bytes] * len(records),
                    chunksize=_chunks(len(records), workers),
                )
            )
    else:
        import dask.bag as db

        bag = db.from_sequence(records, npartitions=min(len(records), 4 * (os.cpu_count() or 1)))
        results = bag.map(analyze_record, options=options, max_bytes=max_bytes).compute()
    return CorpusResult(
        documents=pd.DataFrame([r["document"] for r in results], columns=DOCUMENT_COLUMNS),
        spans=pd.DataFrame([s for r in results for s in r["spans"]], columns=SPAN_COLUMNS),
        frames=pd.DataFrame([f for r in results for f in r["frames"]], columns=FRAME_TABLE_COLUMNS),
        removed=pd.DataFrame([s for r in results for s in r["removed"]], columns=SPAN_COLUMNS),
    )


def paths_in(folder: str | os.PathLike, pattern: str = "*.txt") -> list[Path]:
    """The text files of a folder, sorted, for :func:`analyze_corpus`."""
    return sorted(Path(folder).glob(pattern))
