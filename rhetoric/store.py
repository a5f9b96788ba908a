"""The Parquet folder of a corpus run: written in batches as the run goes, resumable, read in one call.

Layout of ``DIR``::

    rhetoric-run.json          the configuration of the run (refused if a new run's differs)
    documents/part-00000.parquet, part-00001.parquet, ...
    spans/     ...             one file per table and batch, batches in input order
    frames/    ...
    removed/   ...
    errors/    ...
    _committed/part-00000.json ...   the doc_ids of each complete batch

A batch is written table by table, each file under a temporary name renamed into place, and is
*committed* by its ``_committed`` file, written last. A run started again with the same folder
deletes the files of an uncommitted batch (one interrupted half-way), skips the committed
documents and numbers its batches after the last one, so the folder ends with exactly the tables
of one uninterrupted run. Names beginning with ``_`` or ``.`` are ignored by Parquet readers, so
``pandas.read_parquet("DIR/spans")``, DuckDB's ``read_parquet('DIR/spans/*.parquet')`` and
``dask.dataframe.read_parquet("DIR/spans")`` open a table directly.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata as package_metadata
from importlib import resources
from pathlib import Path

import pandas as pd

from rhetoric.errors import InputError, RhetoricError, UsageError
from rhetoric.pipeline import TABLES, CorpusResult, concat_tables, empty_table, tables_of, typed
from rhetoric.runner import Outcome

CONFIG_FILE = "rhetoric-run.json"
COMMITTED = "_committed"
#: Write a batch when this many documents, words or spans are waiting, or after this many seconds.
FLUSH_DOCUMENTS, FLUSH_WORDS, FLUSH_SPANS, FLUSH_SECONDS = 500, 100_000, 40_000, 30.0
_FORMAT = 1


def package_version() -> str:
    try:
        return package_metadata.version("rhetoric-analysis")
    except package_metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown"


def model_hashes() -> dict[str, str]:
    """SHA-256 (first 16 hex digits) of every model and lexicon file shipped with the package.

    A different scorer model or lexicon gives different spans, so a run refuses to resume into a
    folder written with other ones.
    """
    hashes = {}
    root = resources.files("rhetoric").joinpath("resources")

    def walk(entry, prefix: str) -> None:
        for child in sorted(entry.iterdir(), key=lambda e: e.name):
            name = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, name + "/")
            elif child.name.endswith((".json", ".txt", ".tsv")):
                hashes[name] = hashlib.sha256(child.read_bytes()).hexdigest()[:16]

    walk(root, "")
    return hashes


def run_config(options, max_bytes: int | None) -> dict:
    """The configuration that decides a run's tables: options, limits, version, models."""
    return {
        "format": _FORMAT,
        "devices": None if options.devices is None else list(options.devices),
        "frames": options.frames,
        "remove_boilerplate": options.remove_boilerplate,
        "min_score": options.min_score,
        "max_bytes": max_bytes,
        "version": package_version(),
        "models": model_hashes(),
    }


def _describe(key: str, value) -> str:
    if key == "models":
        return "other model or lexicon files"
    if value is None:
        return "all" if key == "devices" else "none"
    return json.dumps(value)


def check_same_config(folder: Path, written: dict, wanted: dict) -> None:
    """Raise :class:`~rhetoric.errors.UsageError`, one line, if a run's configuration differs."""
    different = [k for k in wanted if written.get(k) != wanted[k]]
    if not different:
        return
    if "models" in different:
        changed = sorted(
            k for k in set(wanted["models"]) | set(written.get("models") or {})
            if (written.get("models") or {}).get(k) != wanted["models"].get(k)
        )  # fmt: skip
        models = f"models/lexicons changed: {', '.join(changed[:3])}" + (
            f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        )
    details = [
        models if key == "models" else
        f"{key} {_describe(key, wanted[key])} now, {_describe(key, written.get(key))} there"
        for key in different
    ]  # fmt: skip
    raise UsageError(
        f"{folder} holds a run with another configuration ({'; '.join(details)}); "
        "give another --out folder, or delete this one to start again"
    )


@dataclass
class RunSummary:
    """What a run wrote: counts of this run, and of the documents skipped as already written."""

    out: Path
    documents: int = 0
    skipped: int = 0
    words: int = 0
    spans: int = 0
    errors: Counter = field(default_factory=Counter)
    first_internal: dict | None = None
    seconds: float = 0.0

    @property
    def internal(self) -> int:
        return self.errors["internal"]

    def __str__(self) -> str:
        errors = ", ".join(f"{n} {kind}" for kind, n in sorted(self.errors.items())) or "none"
        skipped = f" ({self.skipped} already there, skipped)" if self.skipped else ""
        return (
            f"wrote {self.out}: {self.documents} documents{skipped}, {self.words:,} words, "
            f"{self.spans:,} spans, errors: {errors}, in {self.seconds:.1f} s"
        )


def _committed_batches(folder: Path) -> dict[int, list[str]]:
    batches = {}
    for path in sorted((folder / COMMITTED).glob("part-*.json")):
        batches[int(path.stem.split("-")[1])] = json.loads(path.read_text(encoding="utf-8"))
    return batches


def _part_name(number: int) -> str:
    return f"part-{number:05d}"


class CorpusWriter:
    """Write the tables of a run to ``folder`` in committed batches (see the module notes).

    Parameters
    ----------
    folder : path
        Created if needed; if it holds a run, that run's configuration must equal ``config``,
        and :attr:`done` lists its documents, to be skipped.
    config : dict
        :func:`run_config` of the run.
    """

    def __init__(self, folder: str | os.PathLike, config: dict):
        self.folder = Path(folder)
        self.config = config
        self._prepare()
        self.summary = RunSummary(self.folder, skipped=0)
        self._buffer: list[Outcome] = []
        self._counts = Counter()
        self._last_flush = time.monotonic()
        self._start = time.perf_counter()
        self._schema: dict[str, object] = {}

    def _prepare(self) -> None:
        folder, config_path = self.folder, self.folder / CONFIG_FILE
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"--out {folder}: is a file, not a folder")
        if folder.is_dir() and any(folder.iterdir()) and not config_path.is_file():
            raise UsageError(
                f"--out {folder}: the folder is not empty and holds no corpus run "
                f"({CONFIG_FILE}); give an empty or new folder"
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if config_path.is_file():
                check_same_config(folder, json.loads(config_path.read_text("utf-8")), self.config)
            else:
                _write_atomic(config_path, json.dumps(self.config, indent=1).encode())
            for name in (*TABLES, COMMITTED):
                (folder / name).mkdir(exist_ok=True)
        except OSError as error:
            raise InputError(
                f"--out {folder}: cannot write there ({error.strerror or error})"
            ) from None
        committed = _committed_batches(folder)
        for name in TABLES:  # files of a batch that was not committed (an interrupted run)
            for path in (folder / name).iterdir():
                stem = path.name.split(".")[0]
                if not stem.startswith("part-") or int(stem.split("-")[1]) not in committed:
                    path.unlink()
        self.done = frozenset(doc for docs in committed.values() for doc in docs)
        self._next = max(committed, default=-1) + 1
        if committed:  # later batches keep the metadata columns' types of the first
            first = folder / "documents" / f"{_part_name(min(committed))}.parquet"
            import pyarrow.parquet as pq

            self._first_documents_schema = pq.read_schema(first)
        else:
            self._first_documents_schema = None

    def __enter__(self) -> CorpusWriter:
        self.summary.skipped = len(self.done)
        return self

    def __exit__(self, kind, error, trace) -> None:
        # What was finished is kept, also on Ctrl-C, a lost worker or a duplicate doc_id; not
        # after an error of the writing itself (a full disk), which a rerun repairs.
        if kind is None or issubclass(kind, KeyboardInterrupt | RhetoricError):
            self.flush()
        self.summary.seconds = time.perf_counter() - self._start

    def add(self, outcome: Outcome) -> None:
        """Take one document's outcome; write a batch when enough is waiting."""
        self._buffer.append(outcome)
        summary = self.summary
        summary.documents += 1
        if outcome.error is not None:
            summary.errors[outcome.error["kind"]] += 1
            if outcome.error["kind"] == "internal" and summary.first_internal is None:
                summary.first_internal = outcome.error
        else:
            words, spans = outcome.value["document"]["n_words"], len(outcome.value["spans"])
            summary.words += words
            summary.spans += spans
            self._counts.update(words=words, spans=spans)
        if (
            len(self._buffer) >= FLUSH_DOCUMENTS
            or self._counts["words"] >= FLUSH_WORDS
            or self._counts["spans"] >= FLUSH_SPANS
            or time.monotonic() - self._last_flush >= FLUSH_SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        """Write and commit the waiting documents as one batch."""
        if not self._buffer:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        name = _part_name(self._next)
        for table_name, table in tables_of(self._buffer).items():
            arrow = pa.Table.from_pandas(table, preserve_index=False)
            if table_name == "documents":
                arrow = self._documents_schema(arrow)
            tmp = self.folder / table_name / f".{name}.parquet.tmp"
            pq.write_table(arrow, tmp)
            os.replace(tmp, self.folder / table_name / f"{name}.parquet")
        ids = [o.doc_id for o in self._buffer]
        _write_atomic(self.folder / COMMITTED / f"{name}.json", json.dumps(ids).encode())
        self._next += 1
        self._buffer = []
        self._counts.clear()
        self._last_flush = time.monotonic()

    def _documents_schema(self, arrow):
        """Cast the metadata columns to the types of the first batch (a column that was all
        missing there takes the type it has now, in every later batch)."""
        import pyarrow as pa

        first = self._first_documents_schema
        if first is None:
            self._first_documents_schema = arrow.schema
            return arrow
        fields = []
        for f in first:
            if f.name not in arrow.schema.names:
                arrow = arrow.append_column(f.name, pa.nulls(len(arrow), f.type))
            fields.append(f)
        extra = [arrow.schema.field(n) for n in arrow.schema.names if n not in first.names]
        target = pa.schema(fields + extra)
        arrow = arrow.select(target.names)
        try:
            return arrow.cast(target)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            return arrow


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def read_table(folder: str | os.PathLike, name: str) -> pd.DataFrame:
    """One table of a run folder (its committed batches, in order) as a DataFrame."""
    import pyarrow.parquet as pq

    folder = Path(folder)
    committed = _committed_batches(folder)
    parts = []
    for number in sorted(committed):
        path = folder / name / f"{_part_name(number)}.parquet"
        if path.is_file():
            parts.append(pq.read_table(path).to_pandas())
    table = concat_tables(name, parts) if parts else empty_table(name)
    if name == "frames" and len(table):
        table["keywords"] = table["keywords"].map(list)
    return typed(table, name)


def read_corpus_result(folder: str | os.PathLike) -> CorpusResult:
    """The tables of a run folder written by :func:`rhetoric.write_corpus` or ``rhetoric
    analyze-corpus``: the same :class:`~rhetoric.pipeline.CorpusResult` as an in-memory run.

    Raises :class:`~rhetoric.errors.InputError` if ``folder`` holds no run.
    """
    folder = Path(folder)
    if not (folder / CONFIG_FILE).is_file():
        raise InputError(f"{folder}: not the folder of a corpus run (no {CONFIG_FILE})")
    return CorpusResult(**{name: read_table(folder, name) for name in TABLES})
