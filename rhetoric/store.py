"""The Parquet folder of a corpus run: written in batches as the run goes, resumable, read in one call.

Layout of ``DIR``::

    rhetoric-run.json          the configuration of the run (refused if a new run's differs)
    documents/part-00000.parquet, part-00001.parquet, ...
    spans/     ...             one file per table and batch, batches in input order
    frames/    ...
    removed/   ...
    errors/    ...
    _committed/part-00000.json ...   the doc_ids of each complete batch
    _finished.json             written when the run ends (absent while it runs or if it stopped)
    _writing.json              the host and process of the run writing the folder (while it runs)

A batch (a *part*) is written table by table, each file under a temporary name
(``.part-NNNNN.<run token>.parquet.tmp``) by whoever analysed it: this process, or on a Dask
cluster the worker itself (:class:`PartWriter`), which sends back only a small manifest
(:func:`write_part`). The client then *commits* the parts in order (:meth:`CorpusWriter.commit`):
it renames the part's files into place and writes its ``_committed`` file last. A run started
again with the same folder deletes the files of an uncommitted part (one interrupted half-way,
or written by a worker after the client stopped: at its start, and the pending files of other
runs again when it ends), skips the committed documents and numbers its parts after the last
one, so the folder ends with exactly the tables of one uninterrupted run.

Every part of a table has the same Arrow schema (:func:`table_schema`), also when a column is
empty or missing in a part: the fixed columns have fixed types, and the corpus's metadata
columns of ``documents`` take the types of the whole input, known before the first document is
analysed (:func:`metadata_schema`). So ``pyarrow.dataset``, DuckDB and Dask read a table folder
as one dataset. Names beginning with ``_`` or ``.`` are ignored by Parquet readers, so
``pandas.read_parquet("DIR/spans")``, DuckDB's ``read_parquet('DIR/spans/*.parquet')`` and
``dask.dataframe.read_parquet("DIR/spans")`` open a table directly.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata as package_metadata
from importlib import resources
from pathlib import Path

import pandas as pd

from rhetoric.documents import CorpusDocument, first_line, is_missing
from rhetoric.errors import InputError, OutputError, RhetoricError, UsageError
from rhetoric.files import check_no_file_in_the_way, output_error
from rhetoric.pipeline import (
    DOCUMENT_COLUMNS,
    TABLES,
    CorpusResult,
    concat_tables,
    empty_table,
    tables_of,
    typed,
)
from rhetoric.runner import Outcome

CONFIG_FILE = "rhetoric-run.json"
COMMITTED = "_committed"
#: Written when a run has analysed its whole input: a folder without it holds part of a run.
FINISHED = "_finished.json"
#: Held by the run writing the folder (its host and process): a second run into it is refused.
WRITING = "_writing.json"
#: Write a batch when this many documents, words or spans are waiting, or after this many seconds.
FLUSH_DOCUMENTS, FLUSH_WORDS, FLUSH_SPANS, FLUSH_SECONDS = 500, 100_000, 40_000, 30.0
#: 3: runs mark their end (:data:`FINISHED`); a folder of format 2 cannot say whether it ended.
#: 4: documents read from files are named by the one doc_id rule (their path in the folder read,
#: without the extension: :func:`rhetoric.documents.file_doc_ids`); before, ``x.txt`` or the path
#: as given. A run of another format is refused, so that names of both kinds never mix.
#: 5: a run records the table file it reads and its text and id columns, and ``documents`` the
#: hash of each text (``text_hash``), so that a resume of another or an edited table is refused.
#: 6: a run records the folder it reads and its pattern, so that a resume of another folder (or
#: of other files of it) is refused rather than adding another corpus to the run; a hash of the
#: package's code (:func:`code_hash`), so that a resume under other code is refused; and a text
#: of a table's ``text`` column beside a ``path`` column (a loader's table, a bundled corpus)
#: records that path in ``documents`` and ``errors``, the file it was read from, so that
#: ``rhetoric validate`` reads it again (before, its path was null).
_FORMAT = 6
#: What changed with each format, for the message refusing a folder of an earlier one.
_FORMAT_CHANGES = {
    3: "runs mark their end",
    4: "documents read from files are named without their extension (1789-Washington, not "
    "1789-Washington.txt)",
    5: "a run records the table it reads and each text's hash, so that the rows of another or "
    "an edited table are not skipped as the rows written",
    6: "a run records the folder it reads and its --pattern, so that the files of another folder "
    "are not added to the run, and a hash of the code, so that a resume under other code is "
    "refused; the texts of a table with a path column (a bundled corpus) record the file each "
    "was read from, so that validate reads them again",
}


class DamagedRunError(InputError):
    """A file of a run folder that cannot be read (truncated, not JSON, not Parquet): the folder
    was damaged after the run wrote it (a full disk, a copy cut short, a hand). Read, it is an
    input error naming the file; resumed, the ``--out`` folder is refused (exit code 2)."""

    def __init__(self, folder: Path, path: Path, what: str):
        #: The file and what is wrong with it, without the advice.
        self.detail = f"{path}: {what}"
        super().__init__(
            f"{self.detail}; the run folder {folder} is damaged: run analyze-corpus again into "
            "a new --out folder"
        )


class UnfinishedRunWarning(UserWarning):
    """A run folder holds the tables of a run that stopped before the end of its input (or is
    still running): its documents are a part of the corpus."""


def package_version() -> str:
    try:
        return package_metadata.version("rhetoric-analysis")
    except package_metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown"


def code_hash(root: str | os.PathLike | None = None) -> str:
    """SHA-256 (first 16 hex digits) of the package's own source: every ``.py`` file under
    ``root`` (default: the ``rhetoric`` package) and every file of its ``resources``, by path and
    content.

    The version stays ``0.1.0`` in an editable install while the code changes (a ``git pull``):
    a run records this hash, and a resume under other code is refused rather than mixing the
    spans of two versions of the detectors in one folder. The files are read at every call
    (about 1.5 MB, some milliseconds, once per run), not once per process: in a Jupyter kernel
    with autoreload an edit runs at once, and a hash kept from the kernel's first run would let a
    resume under the edited code through.

    It is the hash of the files on disk, not of the code a process has imported: a kernel that
    imported rhetoric before a ``git pull`` (without autoreload) runs the older code and records
    the newer hash. Restart the kernel after updating the package.
    """
    return _source_hash(Path(__file__).parent if root is None else Path(root))


def _source_hash(root: Path) -> str:
    """The hash of ``root``'s code: its ``.py`` files and its resources, not compiled files, hidden
    files (``.DS_Store``, editor swap files, ``.ipynb_checkpoints``) or the ``corpus`` package an
    installed copy holds beside the code (the repository keeps it outside ``rhetoric/``), so that
    a clone and an installed copy of one commit agree and a stray file refuses no resume."""
    files = [*root.rglob("*.py"), *(p for p in (root / "resources").rglob("*") if p.is_file())]
    digest = hashlib.sha256()
    for name, path in sorted({p.relative_to(root).as_posix(): p for p in files}.items()):
        parts = path.relative_to(root).parts
        if "__pycache__" in parts or parts[0] == "corpus" or any(p.startswith(".") for p in parts):
            continue
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def model_hashes() -> dict[str, str]:
    """SHA-256 (first 16 hex digits) of every model and lexicon file shipped with the package,
    the scorers of a folder named by ``$RHETORIC_SCORERS`` in place of the shipped ones
    (:func:`rhetoric.scoring.model.load_model` reads them instead).

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
    from rhetoric.scoring.model import SCORERS_ENV, folder_file_name

    folder = os.environ.get(SCORERS_ENV)
    if folder:
        for name in [n for n in hashes if folder_file_name(n)]:
            replacement = Path(folder) / folder_file_name(name)
            if replacement.is_file():
                hashes[name] = hashlib.sha256(replacement.read_bytes()).hexdigest()[:16]
    return hashes


def table_source(corpus: object) -> str | None:
    """The resolved path of a corpus input that is a table file (CSV, JSON Lines, Parquet), or
    ``None``: its rows are named by the table (``doc0``, ``doc1``, ... without an id column), so a
    run records which table it read (through links, :func:`os.path.realpath`: a link to the table
    is the same table)."""
    from rhetoric.documents import TABLE_SUFFIXES

    if not isinstance(corpus, os.PathLike | str):
        return None
    if isinstance(corpus, str) and ("\n" in corpus or len(corpus) > 4096):
        return None
    path = Path(corpus)
    if path.suffix.lower() not in TABLE_SUFFIXES or not path.is_file():
        return None
    return os.path.realpath(path)


def folder_source(corpus: object) -> str | None:
    """The resolved path of a corpus input that is a folder, or ``None``: a run records which
    folder it read (its files' names are their paths in it), so that a resume reads the same. The
    path is resolved (:func:`os.path.realpath`): a link to the folder, a relative path or a
    trailing slash name the same folder."""
    return os.path.realpath(corpus) if _names_a_folder(corpus) else None


def run_config(
    options,
    max_bytes: int | None,
    table: str | None = None,
    text_column: str = "text",
    id_column: str = "doc_id",
    folder: str | None = None,
    pattern: str | None = None,
) -> dict:
    """The configuration that decides a run's tables: options, limits, the table file read
    (:func:`table_source`) and its columns, the folder read (:func:`folder_source`) and its
    glob ``pattern`` (``None`` for another input), version, models."""
    return {
        "format": _FORMAT,
        "devices": None if options.devices is None else list(options.devices),
        "frames": options.frames,
        "remove_boilerplate": options.remove_boilerplate,
        "min_score": options.min_score,
        "genre": options.genre,
        "max_bytes": max_bytes,
        "table": table,
        "text_column": text_column,
        "id_column": id_column,
        "folder": folder,
        "pattern": pattern,
        "version": package_version(),
        "code": code_hash(),
        "models": model_hashes(),
    }


#: What a resume under other code (:func:`code_hash`) would do, for the message refusing it.
_OTHER_CODE = (
    "written by other code of rhetoric: an update, a git pull or an edit since, and resuming "
    "would mix the spans of two versions of the detectors"
)


def _describe(key: str, value) -> str:
    if key == "models":
        return "other model or lexicon files"
    if value is None:
        return "all" if key == "devices" else "none"
    return json.dumps(value)


#: Keys of a run's configuration that name a file or folder read (:func:`table_source`,
#: :func:`folder_source`).
_INPUT_PATHS = ("table", "folder")


def _resolved(config: dict) -> dict:
    """``config`` with the input paths it records resolved (:func:`os.path.realpath`): a run of
    format 6 written before they were recorded resolved holds the absolute path as given, which
    may be a link to the folder a resume names by its own path."""
    paths = {k: os.path.realpath(config[k]) for k in _INPUT_PATHS if isinstance(config.get(k), str)}
    return {**config, **paths}


def check_same_config(folder: Path, written: dict, wanted: dict) -> None:
    """Raise :class:`~rhetoric.errors.UsageError`, one line, if a run's configuration differs.
    The input read is compared by resolved path on both sides (:func:`_resolved`)."""
    written, wanted = _resolved(written), _resolved(wanted)
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
        _OTHER_CODE if key == "code" else
        _format_change(written.get(key)) if key == "format" else
        f"{key} {_describe(key, wanted[key])} now, {_describe(key, written.get(key))} there"
        for key in different
    ]  # fmt: skip
    raise UsageError(
        f"{folder} holds a run with another configuration ({'; '.join(details)}); "
        "give another --out folder, or delete this one to start again"
    )


def _format_change(written: object) -> str:
    """Why a folder of another run format is refused: what changed since its format."""
    if not isinstance(written, int) or written > _FORMAT:
        return f"run format {written} there, {_FORMAT} now: written by another version of rhetoric"
    changes = "; ".join(_FORMAT_CHANGES[f] for f in range(written + 1, _FORMAT + 1)
                        if f in _FORMAT_CHANGES)  # fmt: skip
    return (
        f"run format {written} there, {_FORMAT} now: written by an earlier version of rhetoric, "
        f"and since then {changes}"
    )


@dataclass
class RunSummary:
    """What a run wrote: counts of this run, and of the documents of its input skipped as already
    written."""

    out: Path
    documents: int = 0
    skipped: int = 0
    words: int = 0
    spans: int = 0
    #: Documents of this run analysed with a warning (a decoding fallback, no words): said in
    #: the summary line, each in its row's ``warning`` column of the documents table.
    warned: int = 0
    #: Documents of the input skipped as already written whose row holds a warning.
    earlier_warned: int = 0
    errors: Counter = field(default_factory=Counter)
    first_internal: dict | None = None
    seconds: float = 0.0
    #: Errors recorded in the folder by earlier runs, of the documents skipped (by kind): a run
    #: that resumes or repeats a finished one still reports them (and its exit code counts them).
    earlier_errors: Counter = field(default_factory=Counter)
    #: Documents an earlier run wrote into the folder that the input no longer holds (a file
    #: deleted, a row dropped): they stay in the tables, and the summary says how many.
    gone: int = 0

    @property
    def internal(self) -> int:
        """Documents of the folder that failed because of a bug: in this run or an earlier one."""
        return self.errors["internal"] + self.earlier_errors["internal"]

    @property
    def failed(self) -> int:
        """Documents of the folder that could not be analysed (every kind but ``internal``)."""
        every = self.errors + self.earlier_errors
        return sum(n for kind, n in every.items() if kind != "internal")

    def __str__(self) -> str:
        errors = ", ".join(f"{n} {kind}" for kind, n in sorted(self.errors.items())) or "none"
        if self.earlier_errors:
            earlier = ", ".join(f"{n} {k}" for k, n in sorted(self.earlier_errors.items()))
            errors += f" ({earlier} recorded by an earlier run)"
        skipped = f" ({self.skipped} already there, skipped)" if self.skipped else ""
        documents = f"{self.documents} document{'s' * (self.documents != 1)}"
        warned = ""
        if self.warned or self.earlier_warned:
            earlier = (
                f", {self.earlier_warned} recorded by an earlier run" if self.earlier_warned else ""
            )
            warned = (
                f", {self.warned + self.earlier_warned} with a warning (the documents table's "
                f"warning column{earlier})"
            )
        gone = (
            f"; {self.gone} document{'s' * (self.gone != 1)} of an earlier run into this folder "
            f"{'are' if self.gone != 1 else 'is'} no longer in the input and still in the tables "
            "(a new --out folder holds this input only)"
            if self.gone
            else ""
        )
        return (
            f"wrote {self.out}: {documents}{skipped}, {self.words:,} words, "
            f"{self.spans:,} spans{warned}, errors: {errors}, in {self.seconds:.1f} s{gone}"
        )


def _committed_batches(folder: Path) -> dict[int, list[str]]:
    batches = {}
    if not (folder / COMMITTED).is_dir():
        return batches
    for path in sorted((folder / COMMITTED).iterdir()):
        if path.name.startswith("."):  # a _committed file being written (_write_atomic)
            continue
        number = _part_number(path.name, ".json")
        if number is None:
            raise DamagedRunError(folder, path, _STRAY.format(name="part-NNNNN.json"))
        try:
            doc_ids = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:  # a JSONDecodeError, or not UTF-8
            raise DamagedRunError(
                folder, path, f"cannot be read ({first_line(error, 200)})"
            ) from None
        if not isinstance(doc_ids, list) or not all(isinstance(d, str) for d in doc_ids):
            raise DamagedRunError(folder, path, "not a list of doc_ids")
        batches[number] = doc_ids
    return batches


#: What is wrong with a file of a run's table or ``_committed`` folder that none of its runs
#: wrote (a copy, "part-00000 copy.parquet"; a note): Parquet readers of the folder would read it.
_STRAY = "not a file of the run (its files are named {name}): move it out of the folder"


def _part_number(name: str, suffix: str) -> int | None:
    """The number of part ``part-NNNNN<suffix>`` (:func:`_part_name`), or ``None`` for a file
    of another name."""
    match = re.fullmatch(r"part-(\d{5,})" + re.escape(suffix), name)
    if match is None or _part_name(int(match[1])) != name.removesuffix(suffix):
        return None
    return int(match[1])


def _left_by_an_uncommitted_part(folder: Path, path: Path, committed: dict) -> bool:
    """Whether a file of a table folder is left by a part that was not committed (a run
    interrupted half-way, or a task still running when the client stopped): a pending file
    (:func:`_pending_name`), or a part's file renamed into place before its ``_committed`` file
    was written. Another hidden file (``.DS_Store``) is not the run's, and readers skip it; any
    other is a :class:`DamagedRunError` naming it."""
    number = _part_number(path.name, ".parquet")
    if number is not None and path.is_file():
        return number not in committed
    if _PENDING.fullmatch(path.name):
        return True
    if path.name.startswith((".", "_")):
        return False
    raise DamagedRunError(folder, path, _STRAY.format(name="part-NNNNN.parquet"))


#: What is wrong with a committed part's table file that is not there.
_GONE = "no such file, though its part is committed (every part writes every table)"


def _check_parts(folder: Path, committed: dict[int, list[str]]) -> None:
    """Raise :class:`DamagedRunError` for the first committed part whose Parquet file is gone or
    has no readable footer (cut short): resuming would end with tables that cannot be read, or
    that lack the rows of the part (every part writes a file of every table)."""
    import pyarrow.parquet as pq

    for number in sorted(committed):
        for name in TABLES:
            path = folder / name / f"{_part_name(number)}.parquet"
            if not path.is_file():
                raise DamagedRunError(folder, path, _GONE)
            try:
                pq.read_metadata(path)
            except (OSError, ValueError) as error:  # pyarrow.ArrowInvalid is a ValueError
                raise DamagedRunError(
                    folder, path, f"not a readable Parquet file ({first_line(error, 200)})"
                ) from None


def _part_name(number: int) -> str:
    return f"part-{number:05d}"


def _pending_name(number: int, token: str) -> str:
    """The name of a part's file until it is committed (hidden from Parquet readers)."""
    return f".{_part_name(number)}.{token}.parquet.tmp"


#: A pending file's name (:func:`_pending_name`); group 1 is its run token.
_PENDING = re.compile(r"\.part-\d{5,}\.([0-9a-f]+)\.parquet\.tmp")


def _delete_pending_of_other_runs(folder: Path, token: str) -> None:
    """Delete the pending files of runs other than run ``token``: on a Dask cluster, a task of
    a run whose client stopped may go on and write its part's file after the next run's start-up
    clean-up. Never read (hidden, never committed), they are deleted when a run ends too."""
    for name in TABLES:
        for path in (folder / name).iterdir():
            match = _PENDING.fullmatch(path.name)
            if match is not None and match[1] != token:
                path.unlink(missing_ok=True)


# --- schemas ------------------------------------------------------------------------------------


def table_schema(name: str, metadata=None):
    """The Arrow schema of every part of table ``name`` (``metadata``: the metadata columns of
    ``documents``, a :class:`pyarrow.Schema` from :func:`metadata_schema`)."""
    import pyarrow as pa

    text, integer, number = pa.string(), pa.int64(), pa.float64()
    span = [("doc_id", text), ("device", text), ("kind", text), ("start", integer),
            ("end", integer), ("text", text), ("group", text), ("score", number),
            ("evidence", text)]  # fmt: skip
    fields = {
        "documents": [("doc_id", text), ("path", text), ("n_words", integer),
                      ("n_devices", integer), ("n_removed", integer), ("warning", text),
                      ("text_hash", text)],
        "spans": [*span, ("layer", text)],
        "frames": [("doc_id", text), ("frame", text), ("rank", integer), ("score", number),
                   ("hits", integer), ("keywords", pa.list_(text))],
        "removed": span,
        "errors": [("doc_id", text), ("path", text), ("kind", text), ("reason", text)],
    }[name]  # fmt: skip
    schema = pa.schema(fields)
    if name == "documents" and metadata is not None:
        schema = pa.schema([*schema, *(f for f in metadata if f.name not in DOCUMENT_COLUMNS)])
    return schema


def _plain_type(kind):
    """A metadata column's type as written: categories as their values, strings as ``string``."""
    import pyarrow as pa

    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        return pa.string()
    return kind


def metadata_schema(corpus: object, *, text_column: str = "text", id_column: str = "doc_id"):
    """The Arrow schema of the metadata columns a corpus input carries into ``documents``.

    Known before any document is analysed, so that every part of ``documents`` has the same
    columns and types, whoever writes it: a Parquet file's own schema (read from its footer, no
    text), no columns for a folder, and the types of the whole input for a table or a list held
    in memory. A column whose values have no common type is written as text.
    """
    import pyarrow as pa

    from rhetoric.documents import iter_corpus
    from rhetoric.runner import parquet_text_source

    parquet = parquet_text_source(corpus, text_column)
    if parquet is not None:
        from rhetoric.documents import parquet_file

        schema = parquet_file(parquet).schema_arrow
        skip = {text_column, id_column, "text", "path", "clean_text"}
        return pa.schema(
            (f.name, _plain_type(f.type))
            for f in schema
            if f.name not in skip and not f.name.startswith("__index_level_")
        )
    if _names_a_folder(corpus):
        return pa.schema([])
    rows = [d.metadata for d in iter_corpus(corpus, text_column=text_column, id_column=id_column)]
    frame = pd.DataFrame(rows)
    if isinstance(corpus, pd.DataFrame):  # the table's own types (a nullable year, say)
        frame = pd.DataFrame(
            {
                c: corpus[c].reset_index(drop=True) if c in corpus.columns else frame[c]
                for c in frame
            }
        )
    fields = []
    for column in frame.columns:
        try:
            kind = pa.array(frame[column], from_pandas=True).type
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            kind = pa.string()
        fields.append((str(column), _plain_type(kind)))
    return pa.schema(fields)


def _names_a_folder(corpus: object) -> bool:
    if isinstance(corpus, str) and ("\n" in corpus or len(corpus) > 4096):
        return False
    return isinstance(corpus, os.PathLike | str) and os.path.isdir(corpus)


def to_arrow(table: pd.DataFrame, schema):
    """A table of :func:`rhetoric.pipeline.tables_of` as Arrow, cast to ``schema``: a column
    missing from ``table`` is all nulls, a column not in ``schema`` keeps the type it has."""
    import pyarrow as pa

    arrays, fields = [], []
    for f in schema:
        if f.name in table.columns:
            arrays.append(_column(table[f.name], f))
        else:
            arrays.append(pa.nulls(len(table), f.type))
        fields.append(f)
    for name in table.columns:
        if name not in schema.names:
            array = pa.array(table[name], from_pandas=True)
            arrays.append(array)
            fields.append(pa.field(name, array.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _column(values: pd.Series, f):
    import pyarrow as pa

    errors = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError)
    try:
        return pa.array(values, from_pandas=True).cast(f.type)
    except errors:
        if f.type == pa.string():  # mixed types in a text column: written as text
            return pa.array([None if is_missing(v) else str(v) for v in values], f.type)
        example = next((v for v in values if not is_missing(v)), None)
        raise UsageError(
            f"metadata column {f.name!r} holds a value that is not {f.type} like the rest of "
            f"the column ({example!r}); give the column one type"
        ) from None


# --- parts ----------------------------------------------------------------------------------------


def write_part(folder: str | os.PathLike, number: int, outcomes: list[Outcome], metadata,
               token: str) -> dict:  # fmt: skip
    """Write the tables of some outcomes as part ``number`` of ``folder``, not yet committed.

    Each table's file is written under its pending name (hidden from readers); the part counts
    once :meth:`CorpusWriter.commit` has renamed the files into place and written its
    ``_committed`` file.

    Returns
    -------
    dict
        The manifest of the part: ``part`` (its number), ``doc_ids`` (in order), ``words``,
        ``spans``, ``warned`` (documents analysed with a warning: their ``warning`` column),
        ``errors`` (counts by kind), ``first_internal`` (the first error of kind
        ``"internal"``, or ``None``) and ``written_by`` (``host:pid``).
    """
    import pyarrow.parquet as pq

    folder = Path(folder)
    for name, table in tables_of(outcomes).items():
        arrow = to_arrow(table, table_schema(name, metadata))
        pq.write_table(arrow, folder / name / _pending_name(number, token))
    errors = Counter(o.error["kind"] for o in outcomes if o.error is not None)
    ok = [o.value for o in outcomes if o.error is None]
    internal = [o.error for o in outcomes if o.error is not None and o.error["kind"] == "internal"]
    return {
        "part": number,
        "doc_ids": [o.doc_id for o in outcomes],
        "words": sum(v["document"]["n_words"] for v in ok),
        "spans": sum(len(v["spans"]) for v in ok),
        "warned": sum(bool(o.warnings) for o in outcomes if o.error is None),
        "errors": dict(errors),
        "first_internal": internal[0] if internal else None,
        "written_by": f"{socket.gethostname()}:{os.getpid()}",
    }


@dataclass(frozen=True)
class PartWriter:
    """:func:`write_part` where the work runs (a Dask worker): called with the index of a batch
    of the run and its outcomes, it writes part ``first + index`` and returns its manifest.

    Plain data, sent with each task; the folder must be on a file system the workers share with
    the client, at the same path.
    """

    folder: str
    first: int
    metadata: object
    token: str

    def __call__(self, index: int, outcomes: list[Outcome]) -> dict:
        try:
            return write_part(self.folder, self.first + index, outcomes, self.metadata, self.token)
        except OSError as error:
            raise UsageError(
                f"--out {self.folder}: the worker on {socket.gethostname()} cannot write there "
                f"({error.strerror or error}); on a Dask cluster --out must be a folder on a file "
                "system the workers share with the client, at the same path"
            ) from None


class CorpusWriter:
    """Write the tables of a run to ``folder`` in committed parts (see the module notes).

    Parameters
    ----------
    folder : path
        Created if needed; if it holds a run, that run's configuration must equal ``config``,
        and :attr:`done` lists its documents, to be skipped.
    config : dict
        :func:`run_config` of the run.
    metadata : pyarrow.Schema, optional
        The metadata columns of ``documents`` (:func:`metadata_schema` of the input); ``None``:
        none are expected (a column that turns up anyway keeps the type it has in its part).

    Outcomes analysed in this process are given to :meth:`add`, which writes and commits a part
    when enough is waiting; parts written elsewhere (:meth:`part_writer`) are committed with
    :meth:`commit`, in order.
    """

    def __init__(self, folder: str | os.PathLike, config: dict, metadata=None):
        self.folder = Path(folder)
        self.config = config
        self.metadata = metadata
        self._prepare()
        self.summary = RunSummary(self.folder, skipped=0)
        self.token = uuid.uuid4().hex[:12]
        self._buffer: list[Outcome] = []
        #: ``{doc_id: error row}`` of the errors earlier runs recorded (:meth:`remaining`).
        self._earlier_errors: dict[str, dict] = {}
        self._earlier_warned: set[str] = set()
        self._counts = Counter()
        self._last_flush = time.monotonic()
        self._start = time.perf_counter()

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
                check_same_config(folder, _read_config(folder), self.config)
            else:
                _write_atomic(config_path, json.dumps(self.config, indent=1).encode())
            for name in (*TABLES, COMMITTED):
                (folder / name).mkdir(exist_ok=True)
            _take_folder(folder)  # before anything of an earlier run is touched
        except OSError as error:
            check_no_file_in_the_way(folder, "--out", folder)
            raise output_error("--out", folder, error, "cannot write there") from None
        except DamagedRunError as error:
            raise _refused(folder, error) from None
        try:
            committed = _committed_batches(folder)
            _check_parts(folder, committed)
            for name in TABLES:  # files of a part that was not committed (an interrupted run)
                for path in sorted((folder / name).iterdir()):
                    if _left_by_an_uncommitted_part(folder, path, committed):
                        path.unlink()
        except BaseException as error:
            _release_folder(folder)
            if isinstance(error, DamagedRunError):
                raise _refused(folder, error) from None
            if isinstance(error, OSError):
                raise output_error("--out", folder, error, "cannot write there") from None
            raise
        self.done = frozenset(doc for docs in committed.values() for doc in docs)
        self._next = max(committed, default=-1) + 1

    @contextmanager
    def _released_if_refused(self) -> Iterator[None]:
        """A check before the run: if it refuses (or fails), the folder is no longer this run's."""
        try:
            yield
        except BaseException:
            _release_folder(self.folder)
            raise

    def check_names(self, documents) -> None:
        """Refuse to resume (:class:`~rhetoric.errors.UsageError`, one line) when a file already
        committed would now get another ``doc_id``, or a committed ``doc_id`` would now name
        another file: a file's name follows the set of files read with it
        (:func:`rhetoric.documents.file_doc_ids`), so resuming with another set would analyse a
        file twice under two names, or skip a file as one it is not. Only a resumed run
        (``done`` not empty) has names to keep."""
        if self.done:
            with self._released_if_refused():
                _check_names(self.folder, _committed_paths(self.folder), documents)

    def check_texts(self, documents) -> None:
        """Refuse to resume (:class:`~rhetoric.errors.UsageError`, one line) when a document
        committed from a text (a table's row, a list's ``doc<N>``: named by its place, not by a
        file) would now name another text: its :func:`~rhetoric.pipeline.text_hash` differs from
        the one committed, and resuming would keep the old text's results under its name. The
        documents given as texts are read for it (a Parquet file's text column, on this machine);
        a document committed as an error has no hash to compare."""
        if self.done:
            with self._released_if_refused():
                _check_texts(self.folder, _committed_hashes(self.folder), documents)

    def __enter__(self) -> CorpusWriter:
        # running again: not finished until it ends (here, not before: a run refused before it
        # starts, by check_names, leaves a finished folder finished)
        try:
            (self.folder / FINISHED).unlink(missing_ok=True)
        except OSError as error:
            _release_folder(self.folder)
            raise output_error("--out", self.folder, error, "cannot write there") from None
        if self.done:
            try:
                earlier = read_table(self.folder, "errors")
            except DamagedRunError as error:
                _release_folder(self.folder)
                raise _refused(self.folder, error) from None
            self._earlier_errors = {row["doc_id"]: row for row in earlier.to_dict("records")}
            try:
                self._earlier_warned = _warned_documents(self.folder)
            except DamagedRunError as error:
                _release_folder(self.folder)
                raise _refused(self.folder, error) from None
        return self

    def remaining(self, documents: Iterable[CorpusDocument]) -> Iterator[CorpusDocument]:
        """The documents not written yet, lazily (within ``with writer:``). Those an earlier run
        committed are skipped and counted in :attr:`summary`, with the error it recorded for
        one: a summary counts the documents of this input only, not others of the folder."""
        for document in documents:
            if document.doc_id not in self.done:
                yield document
                continue
            self.summary.skipped += 1
            self.summary.earlier_warned += document.doc_id in self._earlier_warned
            error = self._earlier_errors.get(document.doc_id)
            if error is not None:
                self.summary.earlier_errors[error["kind"]] += 1
                if error["kind"] == "internal" and self.summary.first_internal is None:
                    self.summary.first_internal = error

    def __exit__(self, kind, error, trace) -> None:
        # What was finished is kept, also on Ctrl-C, a lost worker or a duplicate doc_id; not
        # after an error of the writing itself (a full disk), which a rerun repairs.
        writing = kind is not None and issubclass(kind, OutputError)
        if not writing and (kind is None or issubclass(kind, KeyboardInterrupt | RhetoricError)):
            self.flush()
            if kind is None and self._next == 0:
                # a run of no documents still leaves each table with its columns, so that
                # pandas.read_parquet(folder / "spans") reads an empty table, not no table
                self.commit(self._write_part(0, []))
            if kind is None:  # the documents of earlier runs and of this one
                self._write(_delete_pending_of_other_runs, self.folder, self.token)
                documents = len(self.done) + self.summary.documents
                self._write(
                    _write_atomic, self.folder / FINISHED,
                    json.dumps({"documents": documents}).encode(),
                )  # fmt: skip
        _release_folder(self.folder)
        self.summary.seconds = time.perf_counter() - self._start

    def _write(self, function, *arguments):
        """``function(*arguments)``, a write into the folder; an ``OSError`` (a full disk, a
        folder made read-only) is an :class:`~rhetoric.errors.OutputError`: what was committed is
        kept, and the same command resumes once the folder can be written."""
        try:
            return function(*arguments)
        except OSError as error:
            raise output_error(
                "--out", self.folder, error, "cannot write there",
                "what was written so far is kept: run the same command again to resume once "
                "the folder can be written",
            ) from None  # fmt: skip

    def _write_part(self, number: int, outcomes: list[Outcome]) -> dict:
        return self._write(write_part, self.folder, number, outcomes, self.metadata, self.token)

    def add(self, outcome: Outcome) -> None:
        """Take one document's outcome; write a part when enough is waiting."""
        self._buffer.append(outcome)
        if outcome.error is None:
            self._counts.update(
                words=outcome.value["document"]["n_words"], spans=len(outcome.value["spans"])
            )
        if (
            len(self._buffer) >= FLUSH_DOCUMENTS
            or self._counts["words"] >= FLUSH_WORDS
            or self._counts["spans"] >= FLUSH_SPANS
            or time.monotonic() - self._last_flush >= FLUSH_SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        """Write and commit the waiting documents as one part."""
        if not self._buffer:
            return
        self.commit(self._write_part(self._next, self._buffer))
        self._buffer = []
        self._counts.clear()
        self._last_flush = time.monotonic()

    def part_writer(self) -> PartWriter:
        """A :class:`PartWriter` for the parts after those already committed, for workers that
        write the parts of their batches themselves (batch ``i`` of the run is part
        ``next + i``)."""
        # absolute: a Dask worker's working folder may be another than the client's
        return PartWriter(os.path.abspath(self.folder), self._next, self.metadata, self.token)

    def commit(self, manifest: dict) -> None:
        """Commit the next part, written by :func:`write_part`: its files renamed into place,
        then its ``_committed`` file (the list of its doc_ids); counted in :attr:`summary`."""
        number = manifest["part"]
        if number != self._next:
            raise RuntimeError(f"part {number} committed out of order (expected {self._next})")
        name = _part_name(number)
        for table in TABLES:
            pending = self.folder / table / _pending_name(number, self.token)
            try:
                os.replace(pending, self.folder / table / f"{name}.parquet")
            except FileNotFoundError:
                raise UsageError(
                    f"--out {self.folder}: {table}/{name} written by {manifest['written_by']} is "
                    "not there as seen from this machine; on a Dask cluster --out must be a "
                    "folder on a file system the workers share with the client, at the same path"
                ) from None
            except OSError as error:
                raise output_error("--out", self.folder, error, "cannot write there") from None
        self._write(_write_atomic, self.folder / COMMITTED / f"{name}.json",
                    json.dumps(manifest["doc_ids"]).encode())  # fmt: skip
        self._next += 1
        summary = self.summary
        summary.documents += len(manifest["doc_ids"])
        summary.words += manifest["words"]
        summary.spans += manifest["spans"]
        summary.warned += manifest["warned"]
        summary.errors.update(manifest["errors"])
        if summary.first_internal is None and manifest["first_internal"] is not None:
            summary.first_internal = manifest["first_internal"]


def _committed_paths(folder: Path) -> dict[str, str | None]:
    """``{doc_id: path}`` of the committed documents (from ``documents`` and ``errors``)."""
    paths: dict[str, str | None] = {}
    for number in sorted(_committed_batches(folder)):
        for name in ("documents", "errors"):
            try:
                table = _read_part(folder, name, number, columns=["doc_id", "path"]).to_pydict()
            except DamagedRunError as error:  # checked already (_check_parts): changed meanwhile
                raise _refused(folder, error) from None
            paths.update(zip(table["doc_id"], table["path"], strict=True))
    return paths


def _committed_hashes(folder: Path) -> dict[str, str]:
    """``{doc_id: text_hash}`` of the committed documents analysed (``documents``)."""
    hashes: dict[str, str] = {}
    for number in sorted(_committed_batches(folder)):
        try:
            table = _read_part(folder, "documents", number, ["doc_id", "text_hash"]).to_pydict()
        except DamagedRunError as error:  # checked already (_check_parts): changed meanwhile
            raise _refused(folder, error) from None
        hashes.update(zip(table["doc_id"], table["text_hash"], strict=True))
    return hashes


def _check_texts(folder: Path, committed: dict[str, str], documents) -> None:
    import warnings

    from rhetoric.pipeline import text_hash
    from rhetoric.runner import document_text

    for document in documents:
        was = committed.get(document.doc_id)
        if was is None or document.path is not None:  # files: _check_names
            continue
        try:
            with warnings.catch_warnings():  # a decoding fallback was said when it was written
                warnings.simplefilter("ignore")
                now = text_hash(document_text(document))
        except InputError:  # no text now (an empty cell): another text than the one written
            now = None
        if now != was:
            raise UsageError(
                f"--out {folder}: doc_id {document.doc_id!r} was written there from another "
                "text (the table was edited, or is another one; a row without a doc_id is named "
                "by its place); resuming would keep the old text's results under its name: give "
                "a new --out folder for this corpus"
            )


def _warned_documents(folder: Path) -> set[str]:
    """The doc_ids of the committed documents whose row holds a warning."""
    warned: set[str] = set()
    for number in sorted(_committed_batches(folder)):
        part = _read_part(folder, "documents", number, ["doc_id", "warning"]).to_pydict()
        warned.update(d for d, w in zip(part["doc_id"], part["warning"], strict=True) if w)
    return warned


def _read_part(folder: Path, name: str, number: int, columns: list[str] | None = None):
    """Table ``name`` of committed part ``number`` (a ``pyarrow.Table``); a file that is gone or
    cannot be read is a :class:`DamagedRunError` naming it (its rows would be left out unsaid)."""
    import pyarrow.parquet as pq

    path = folder / name / f"{_part_name(number)}.parquet"
    if not path.is_file():
        raise DamagedRunError(folder, path, _GONE)
    try:
        return pq.read_table(path, columns=columns)
    except (OSError, ValueError) as error:  # pyarrow.ArrowInvalid is a ValueError
        raise DamagedRunError(
            folder, path, f"not a readable Parquet file ({first_line(error, 200)})"
        ) from None


def _file_key(path: str) -> str:
    """A file's path with the folders holding it resolved (:func:`os.path.realpath`), so that a
    file read through a link to its folder is the same file; the file's own name is kept (two
    links in a folder to one text are two documents)."""
    head, name = os.path.split(os.path.abspath(path))
    return os.path.normcase(os.path.join(os.path.realpath(head), name))


def _same_file(a: str, b: str) -> bool:
    return _file_key(a) == _file_key(b)


def _check_names(folder: Path, committed: dict[str, str | None], documents) -> None:
    by_path = {_file_key(p): d for d, p in committed.items() if p}
    advice = (
        "a file's doc_id follows the set of files read with it (the one doc_id rule), and "
        "resuming with another set of files would"
    )
    for document in documents:
        if document.path is None:
            continue
        was = by_path.get(_file_key(document.path))
        if was is not None and was != document.doc_id:
            raise UsageError(
                f"--out {folder}: {document.path} was written there as doc_id {was!r} and would "
                f"now be {document.doc_id!r}; {advice} analyse it twice under two names: give "
                "a new --out folder for this set of files"
            )
        there = committed.get(document.doc_id)
        if (
            there is not None
            and not _same_file(there, document.path)
            and os.path.isfile(there)  # a committed path that cannot be found now: not known
        ):
            raise UsageError(
                f"--out {folder}: doc_id {document.doc_id!r} names {there} there and would now "
                f"name {document.path}; {advice} skip {document.path} as a file it is not: give "
                "a new --out folder for this set of files"
            )


def _holder(path: Path) -> dict | None:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return holder if isinstance(holder, dict) else None


def _gone(holder: dict) -> bool:
    """Whether the run that holds a folder has ended: its process is gone from this host, or it
    is this process (a run stopped by an error in a notebook session that goes on)."""
    if holder.get("host") != socket.gethostname():
        return False  # another machine's process: cannot be asked
    pid = holder.get("pid")
    if not isinstance(pid, int) or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _take_folder(folder: Path) -> None:
    """Mark ``folder`` as written by this process (:data:`WRITING`), or raise
    :class:`~rhetoric.errors.UsageError` if a run that is still going holds it. A mark left by a
    run that was killed is taken over."""
    path = folder / WRITING
    me = json.dumps({"host": socket.gethostname(), "pid": os.getpid()}).encode()
    for _ in range(3):
        try:
            handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            holder = _holder(path)
            if holder is None or _gone(holder):
                path.unlink(missing_ok=True)
                continue
            raise UsageError(
                f"--out {folder}: another run is writing there (host {holder.get('host')}, "
                f"process {holder.get('pid')}); wait for it to end or give another --out folder "
                f"(if no run is writing, delete {path})"
            ) from None
        with os.fdopen(handle, "wb") as stream:
            stream.write(me)
        return
    raise UsageError(f"--out {folder}: could not mark the folder as being written ({path})")


def _release_folder(folder: Path) -> None:
    holder = _holder(folder / WRITING)
    if holder and holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname():
        try:
            (folder / WRITING).unlink(missing_ok=True)
        except OSError:  # a folder made read-only meanwhile: the next run takes the mark over
            pass


def _read_config(folder: Path) -> dict:
    """The configuration a run recorded (:data:`CONFIG_FILE`); raise :class:`DamagedRunError`
    if it is not a JSON object."""
    path = folder / CONFIG_FILE
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:  # a JSONDecodeError, or not UTF-8
        raise DamagedRunError(folder, path, f"not JSON ({first_line(error, 200)})") from None
    if not isinstance(config, dict):
        raise DamagedRunError(folder, path, "not a JSON object")
    return config


def _refused(folder: Path, error: DamagedRunError) -> UsageError:
    """A damaged ``--out`` folder, refused: the file, what is wrong, what to do."""
    return UsageError(
        f"--out {folder}: the folder is damaged ({error.detail}); give another --out folder, "
        "or delete this one to start again"
    )


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def read_table(folder: str | os.PathLike, name: str) -> pd.DataFrame:
    """One table of a run folder (its committed batches, in order) as a DataFrame."""
    folder = Path(folder)
    committed = _committed_batches(folder)
    parts = [_read_part(folder, name, number).to_pandas() for number in sorted(committed)]
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
    warn_if_unfinished(folder, stacklevel=2)
    committed = _committed_batches(folder)
    for name in TABLES:  # a file that is no part of the run (a copy of a part): said, since
        # a reader of the folder's Parquet files (pandas.read_parquet) would take its rows too
        if (folder / name).is_dir():
            for path in sorted((folder / name).iterdir()):
                _left_by_an_uncommitted_part(folder, path, committed)
    return CorpusResult(**{name: read_table(folder, name) for name in TABLES})


def run_finished(folder: str | os.PathLike) -> bool | None:
    """Whether the run in ``folder`` ended (analysed its whole input): ``None`` for a folder
    written before runs marked their end (format 2), which cannot say."""
    folder = Path(folder)
    try:
        config = json.loads((folder / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(config, dict) or config.get("format", 0) < 3:
        return None
    return (folder / FINISHED).is_file()


def committed_documents(folder: str | os.PathLike) -> int:
    """How many documents the runs into ``folder`` have committed (0 for a folder of no run)."""
    return sum(len(docs) for docs in _committed_batches(Path(folder)).values())


def warn_if_unfinished(folder: str | os.PathLike, *, stacklevel: int = 1) -> None:
    """Warn (:class:`UnfinishedRunWarning`) if the run in ``folder`` stopped before its end or is
    still running: its tables hold only the documents committed so far. ``stacklevel`` as
    :func:`warnings.warn`'s, counted from the caller of this function (1: the caller's line)."""
    if run_finished(folder) is False:
        import warnings

        documents = committed_documents(folder)
        holder = _holder(Path(folder) / WRITING)
        if holder is not None and not _gone(holder):
            state, then = "is still being written", "read it again when that run ends"
        else:
            state, then = "did not finish", "run the same analyze-corpus again to finish it"
        warnings.warn(
            f"{folder}: the run {state}: its tables hold the {documents} documents written so "
            f"far; {then}",
            UnfinishedRunWarning,
            stacklevel=stacklevel + 1,
        )
