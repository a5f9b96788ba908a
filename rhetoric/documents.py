"""Corpus input, one way: turn anything that holds documents into :class:`CorpusDocument` records.

Every function of the package that accepts "a corpus" goes through :func:`iter_corpus` (or
:func:`as_documents` for parsed :class:`~rhetoric.text.Document` objects), so the same input
gives the same ``doc_id`` everywhere and tables of different functions join on it.

Accepted inputs
---------------
- a DataFrame (as from a loader): a ``text`` or ``path`` column, ``doc_id`` if present, and any
  other columns as metadata (a ``path`` beside ``text``, as a loader's table has, names the file
  each text was read from: :attr:`CorpusDocument.origin`, recorded in a run's tables);
- a mapping ``{doc_id: text}`` or a :class:`pandas.Series` of texts;
- a list of texts, paths (:class:`pathlib.Path`, or strings that name a path: see
  :func:`named_path`), :class:`~rhetoric.text.Document` objects or analysis results;
- a folder (a :class:`~pathlib.Path` or a ``str`` naming one), read with a glob pattern;
- a CSV, JSON Lines or Parquet file with a text column and metadata columns;
- one text file (a corpus of one document).

A string is a path when :func:`named_path` says so (one line naming an existing file or folder,
or one word ending in ``.txt``, ``.md``, ``.csv``, ...), and then a missing path is an input error
("no such file"), not a three-word text.

The ``doc_id`` rule
-------------------
A document keeps the name it comes with: a ``doc_id`` column (or the ``id_column`` named), a
mapping key, a Series label (if the index is not the default 0, 1, 2, ...: a Series with it is
read as a list), a Document's
``doc_id``. A document read from a file is named by :func:`file_doc_ids`: its path relative to
the folder it was read from, in ``/`` form, without its extension (``1789-Washington`` for
``inaugural/texts/1789-Washington.txt``, ``2019/oct-07`` for a folder read with
``"**/*.txt"``). The folder is the one given for a folder; for a list of paths, the deepest
folder holding them all (one file: its own folder, so its name is the file name without the
extension, as :func:`rhetoric.analyze` names it). A file whose name would be shared that way
(``a.txt`` and ``a.md``; ``a.txt`` and ``a.txt.md``; ``doc1.txt`` beside a text named ``doc1``)
keeps its extension: the names are unique whenever the paths are. So a folder run over the bundled texts joins the loaders'
tables (:func:`rhetoric.load_inaugural` names the file ``1789-Washington.txt``
``1789-Washington``), and ``analyze_corpus(glob.glob("texts/*.txt"))`` joins a run over the
folder ``texts``. A document without a name is ``doc<position>`` (``doc0``, ``doc1``, ...) by
its position in the input. A table row whose id cell is missing or blank, in a table that names
its rows, is not named by the cell: it is that row's input error, listed as ``row <N>``
(counted from 1, :func:`unnamed_row`).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import pandas as pd
from pandas._libs.parsers import STR_NA_VALUES

from rhetoric.errors import InputError, UsageError, check_documents, invalid_value, named
from rhetoric.text import WIDE_BOMS, Document, printable_path

#: File suffixes read as a corpus table, not as one text.
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")


@dataclass(frozen=True)
class CorpusDocument:
    """One document of a corpus, before it is read: a name, its text or its path, its metadata.

    Plain data, cheap to send to another process or a Dask worker; the text of a path is read
    where the document is analysed.
    """

    doc_id: str
    #: The text (``str``; ``bytes`` are decoded where it is analysed), or ``None`` for a path.
    #: From a table, the cell as it is (:func:`cell_text`): a missing value, an empty or blank
    #: cell, or a number there is an input error.
    text: str | bytes | object | None = None
    #: The file the text is read from, where the document is analysed (with ``text`` ``None``).
    path: str | None = None
    metadata: dict = field(default_factory=dict)
    #: With a text of a table's ``text`` column: the file the table names beside it (its
    #: ``path`` column, as a loader's table has: the file its ``text`` was read from). Recorded
    #: as the document's ``path`` in a run's tables, so that ``rhetoric validate`` can read the
    #: text again; never read to analyse it. With a relative ``path``: that path as given (the
    #: ``path`` read is made absolute where the corpus is listed, so that a worker whose
    #: working folder is another, a Dask worker's, reads the same file).
    origin: str | None = None
    #: Why the document cannot be analysed whatever its text (a table row without a name:
    #: :func:`unnamed_row`), its input error where it is analysed; ``None`` for the others.
    problem: str | None = None

    @property
    def recorded_path(self) -> str | None:
        """The ``path`` a run's tables record: the file read, or the file a text came from (a
        name that is not valid UTF-8 with its bytes escaped: :func:`printable_path`)."""
        path = self.origin if self.origin is not None else self.path
        return None if path is None else printable_path(path)

    def to_record(self) -> dict:
        """A plain dict: ``doc_id``, ``text`` or ``path``, ``metadata``, ``origin``."""
        return {
            "doc_id": self.doc_id,
            "text": self.text,
            "path": self.path,
            "metadata": dict(self.metadata),
            "origin": self.origin,
        }


def default_doc_id(position: int) -> str:
    """The name of an unnamed document: ``doc<position>``.

    >>> default_doc_id(3)
    'doc3'
    """
    return f"doc{position}"


def iter_corpus(
    corpus: object,
    *,
    text_column: str = "text",
    id_column: str = "doc_id",
    pattern: str = "*.txt",
) -> Iterator[CorpusDocument]:
    """Yield the documents of any corpus input, lazily, in input order.

    A relative path is read against the folder the corpus is listed in (the working folder
    here), wherever the document is analysed, and recorded as given.

    Parameters
    ----------
    corpus
        See the module documentation for the accepted inputs.
    text_column, id_column : str
        The columns of a table (DataFrame, CSV, JSONL, Parquet) holding the text and the name.
    pattern : str, default "*.txt"
        The glob pattern of a folder (``"**/*.txt"`` to descend into subfolders).

    Examples
    --------
    >>> [d.doc_id for d in iter_corpus(["One.", "Two."])]
    ['doc0', 'doc1']
    >>> [d.doc_id for d in iter_corpus({"a": "One."})]
    ['a']
    """
    for document in _listed(corpus, text_column, id_column, pattern):
        if document.path is not None and not os.path.isabs(document.path):
            document = replace(document, path=os.path.abspath(document.path), origin=document.path)
        yield document


def _listed(
    corpus: object, text_column: str, id_column: str, pattern: str
) -> Iterator[CorpusDocument]:
    """The documents of :func:`iter_corpus`, their paths as given."""
    if isinstance(corpus, pd.DataFrame):
        yield from table_documents(corpus, text_column, id_column)
        return
    if isinstance(getattr(corpus, "articles", None), pd.DataFrame):  # a PTC split
        raise UsageError(
            f"a {type(corpus).__name__} holds two tables, the articles and the gold spans: "
            "give its articles (load_ptc(...).articles)"
        )
    if isinstance(corpus, pd.Series):
        if not isinstance(corpus.index, pd.RangeIndex):  # named by its labels
            for label, text in corpus.items():
                yield _from_item(text, str(label))
            return
        corpus = corpus.tolist()  # unnamed: as a list (its paths named by the file rule)
    if isinstance(corpus, Mapping):
        for key, text in corpus.items():
            yield _from_item(text, str(key))
        return
    path = named_path(corpus, folder=True) if isinstance(corpus, str) else None
    if isinstance(corpus, os.PathLike) or path is not None:
        path = Path(corpus)
        if isinstance(corpus, str) and not path.exists():
            raise InputError(f"{corpus}: no such file or folder")
        if path.is_dir():
            yield from _from_folder(path, pattern)
            return
        if path.suffix.lower() == ".parquet":  # read by row groups: memory stays bounded
            yield from _from_parquet(path, text_column, id_column)
            return
        if path.suffix.lower() in TABLE_SUFFIXES:
            yield from table_documents(
                read_table(path, id_column, text_column), text_column, id_column
            )
            return
        # one text file: a corpus of one
        yield CorpusDocument(file_doc_ids([path])[0], path=str(path))
        return
    items = check_documents("documents", corpus)
    # the paths of the list (a string from glob.glob, say, names one), named together
    paths = {i: path for i, item in enumerate(items) if (path := _path_of(item)) is not None}
    # the names of the other documents (doc<N> of a text given without one) are not a file's
    taken = {_from_item(item, None, position=i).doc_id
             for i, item in enumerate(items) if i not in paths}  # fmt: skip
    names = dict(zip(paths, file_doc_ids(list(paths.values()), taken=taken), strict=True))
    for i, item in enumerate(items):
        if i in paths:  # read as the file it names, as rhetoric.analyze reads it
            yield CorpusDocument(names[i], path=os.fspath(item))
        else:
            yield _from_item(item, None, position=i)


def file_doc_ids(
    paths: list[str | os.PathLike],
    folder: str | os.PathLike | None = None,
    taken: Iterable[str] = (),
) -> list[str]:
    """The doc_ids of files read together (the ``doc_id`` rule of the module notes).

    Each file's path relative to ``folder`` (default: the deepest folder holding them all), in
    ``/`` form, without its extension; a file whose name that way is shared with another file's
    name, or with one of ``taken`` (the names of the other documents read with them, such as the
    ``doc<N>`` of a text), keeps its extension. So the names are unique whenever the paths are.

    >>> file_doc_ids(["speeches/1789-Washington.txt", "speeches/1793-Washington.txt"])
    ['1789-Washington', '1793-Washington']
    >>> file_doc_ids(["a/x.txt", "b/y.txt", "b/z.txt", "b/z.md"])
    ['a/x', 'b/y', 'b/z.txt', 'b/z.md']
    >>> file_doc_ids(["b/z.txt", "b/z.md", "b/z.txt.md"])
    ['z.txt', 'z.md', 'z.txt.md']
    """
    if not paths:
        return []
    absolute = [os.path.abspath(p) for p in paths]
    if folder is None:
        try:
            folder = os.path.commonpath([os.path.dirname(p) for p in absolute])
        except ValueError:  # no common folder (two drives): each file by its own name, or
            folder = None  # its full path where names are shared
    if folder is None:
        relative = [Path(p).as_posix() for p in absolute]
        bare = [Path(p).stem for p in absolute]
    else:
        folder = os.path.abspath(folder)
        relative = [Path(os.path.relpath(p, folder)).as_posix() for p in absolute]
        bare = [r.removesuffix(PurePosixPath(r).suffix) for r in relative]
    # a file keeps its extension while its bare name is shared (with another file's name, bare
    # or not, or a name taken): each round gives at least one more file its full relative path,
    # and those are as unique as the paths
    names, taken = list(bare), set(taken)
    while True:
        counts = Counter(names)
        clash = [i for i, n in enumerate(names)
                 if names[i] != relative[i] and (counts[n] > 1 or n in taken)]  # fmt: skip
        if not clash:
            return [printable_path(name) for name in names]
        for i in clash:
            names[i] = relative[i]


def as_documents(corpus: object, **options) -> list[Document]:
    """Parsed :class:`~rhetoric.text.Document` objects of a corpus of texts (paths are read).

    >>> [d.doc_id for d in as_documents({"a": "One.", "b": "Two."})]
    ['a', 'b']
    """
    from rhetoric.runner import document_text

    if isinstance(corpus, Document):
        return [corpus]
    if isinstance(corpus, list | tuple) and all(_parsed(item) for item in corpus):
        # parsed documents (or analyses) are passed through, their cached views kept
        parsed = [item if isinstance(item, Document) else item.doc for item in corpus]
        return [
            d if d.doc_id else Document(d.text, default_doc_id(i), metadata=d.metadata)
            for i, d in enumerate(parsed)
        ]
    documents = []
    for record in iter_corpus(corpus, **options):
        documents.append(Document(document_text(record), record.doc_id, metadata=record.metadata))
    return documents


def _parsed(item: object) -> bool:
    return isinstance(item, Document) or isinstance(getattr(item, "doc", None), Document)


def texts_of(corpus: object, **options) -> dict[str, str]:
    """``{doc_id: text}`` of a corpus, every path read (for functions that cut spans from texts)."""
    return {d.doc_id: d.text for d in as_documents(corpus, **options)}


def read_table(
    path: str | os.PathLike, id_column: str = "doc_id", text_column: str = "text"
) -> pd.DataFrame:
    """A corpus table from a CSV, JSON Lines or Parquet file.

    The names of ``id_column`` are read as written (``007`` stays ``007``, ``1.10`` is not
    ``1.1``): they are names, not numbers. In a CSV file the names, the texts and the paths are
    read as written (a text "NA" is a text, an empty cell is empty), and the metadata columns as
    pandas reads them (numbers as numbers, an empty cell as missing), as from the other formats.

    A file that is not a readable table of its kind (empty, binary, not UTF-8, a quote left open,
    a line that is not JSON, a damaged Parquet file) is an :class:`~rhetoric.errors.InputError`
    naming the file and what is wrong with it.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise invalid_value("table file suffix", suffix, TABLE_SUFFIXES)
    if suffix == ".parquet":
        parquet_file(path)  # a damaged file is said as such
        try:
            return pd.read_parquet(path)
        except (OSError, ValueError) as error:
            raise InputError(f"{path}: not a readable Parquet file ({first_line(error)})") from None
    kind = "CSV table" if suffix == ".csv" else "JSON Lines table"
    _check_text_table(path, kind)
    try:
        if suffix == ".csv":
            header = pd.read_csv(path, nrows=0, encoding="utf-8").columns
            as_written = {id_column, text_column, "text", "path"}
            return pd.read_csv(
                path,
                dtype={id_column: str},
                keep_default_na=False,
                na_values={c: sorted(STR_NA_VALUES) for c in header if c not in as_written},
                encoding="utf-8",
            )
        table = pd.read_json(path, lines=True, dtype={id_column: str}, encoding="utf-8")
        if id_column in table.columns:  # a number is parsed before dtype applies: 1.10 -> 1.1
            table[id_column] = _ids_as_written(path, id_column, len(table))
        return table
    except pd.errors.EmptyDataError:
        raise InputError(
            f"{path}: an empty file, not a {kind}; a CSV table begins with a header row naming "
            "its columns (a text or path column, and doc_id)"
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            f"{path}: not UTF-8 text{_first_undecodable(path)}; save the {kind} as UTF-8"
            + (" (in Excel: CSV UTF-8)" if suffix == ".csv" else "")
        ) from None
    except pd.errors.ParserError as error:
        raise InputError(f"{path}: not a readable {kind} ({first_line(error)})") from None
    except (ValueError, TypeError) as error:  # JSON Lines: name the line that is no object
        # (an array line among objects is a TypeError of pandas)
        if suffix == ".jsonl":  # (a CSV file is no JSON: its error is said as it is)
            from rhetoric.files import read_json_lines

            read_json_lines(path, kind)
        raise InputError(f"{path}: not a readable {kind} ({first_line(error)})") from None


def _ids_as_written(path: Path, id_column: str, rows: int) -> list:
    """The ``id_column`` values of a JSON Lines file as its lines write them: a number stays the
    digits written (``1.10``, ``12345678901234567891``), a string the string, a missing one
    ``None``."""
    ids = [
        json.loads(line, parse_int=str, parse_float=str).get(id_column)
        # only "\n" ends a JSON Lines record: a text may hold U+2028 or U+0085 raw, which
        # str.splitlines would also break at
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.strip()
    ]
    if len(ids) != rows:  # not one object per line: leave it to the table's own checks
        raise ValueError(f"{len(ids)} lines hold {rows} rows")
    return ids


def _check_text_table(path: Path, kind: str) -> None:
    """Refuse a CSV or JSON Lines file that cannot be read, or whose first bytes are no text."""
    from rhetoric.formats import sniff_format

    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    name = sniff_format(head)
    if name is not None:
        raise InputError(f"{path}: {name}, not a {kind}")
    wide = next((n.upper() for mark, n in WIDE_BOMS if head.startswith(mark)), None)
    if wide is not None:  # Excel's "Unicode text", say
        raise InputError(f"{path}: {wide} text; save the {kind} as UTF-8")
    if b"\x00" in head:
        raise InputError(f"{path}: binary data (NUL bytes), not a {kind}")


def _first_undecodable(path: Path) -> str:
    """Where a file stops being UTF-8: " (line N: byte 0xNN)", or "" if it cannot be told."""
    try:
        with path.open("rb") as stream:
            for number, line in enumerate(stream, 1):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as error:
                    return f" (line {number}: byte 0x{line[error.start]:02x})"
    except OSError:
        pass
    return ""


def parquet_file(path: str | os.PathLike):
    """``pyarrow.parquet.ParquetFile(path)``; a file that is not one (truncated, damaged, of
    another kind) is an :class:`~rhetoric.errors.InputError` naming it."""
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (OSError, ValueError) as error:  # pyarrow.ArrowInvalid is a ValueError
        raise InputError(f"{path}: not a readable Parquet file ({first_line(error)})") from None


def first_line(error: BaseException, width: int = 160) -> str:
    """The first line of an error's message (pandas' and pyarrow's run long; at most ``width``
    characters), without pyarrow's preamble naming the file again, or the error's type."""
    text = _PYARROW_PREAMBLE.sub("", str(error).strip()).splitlines()
    return text[0][:width] if text else type(error).__name__


_PYARROW_PREAMBLE = re.compile(r"^Could not open Parquet input source '[^']*': ")


#: Suffixes of files a string names as a document rather than being one: a one-word string ending
#: in one of these is read as a path (and reported missing when it is), not analysed as a text.
DOCUMENT_SUFFIXES = (".txt", ".text", ".md")


def named_path(value: str, *, folder: bool = False) -> Path | None:
    """The path a string names, or ``None`` when the string is a text.

    A string names a path when it is one line that names an existing file or folder, or a single
    word ending in a document or table suffix (``.txt``, ``.md``, ``.csv``, ...: a path mistyped
    or missing, reported as such instead of being analysed as three words). With ``folder``, a
    single word holding a path separator names one too (a corpus folder mistyped). A text of
    several lines, or too long to be a file name, is a text.

    >>> named_path("We shall fight. We shall win.") is None
    True
    >>> named_path("corpus/no-such-speech.txt")
    PosixPath('corpus/no-such-speech.txt')
    """
    if "\n" in value or "\0" in value or len(value) > 4096 or not value.strip():
        return None
    path = Path(value)
    try:
        if path.exists():
            return path
    except OSError:  # a name too long for the file system: a text
        return None
    if any(c.isspace() for c in value):
        return None
    if path.suffix.lower() in (*DOCUMENT_SUFFIXES, *TABLE_SUFFIXES):
        return path
    if folder and ("/" in value or os.sep in value):
        return path
    return None


def is_missing(value: object) -> bool:
    """A table's missing value (``None``, ``pandas.NA``, a float NaN): where a text or a genre
    was expected, the cell names none; in a run's tables it is written as null."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def cell_text(value: object) -> object:
    """A table's text cell as a document's text: an empty or blank string (or bytes) names no
    text, as a missing value does (``None``: the document's input error); any other cell as it is.

    >>> cell_text(" \\n") is None, cell_text("We rise.")
    (True, 'We rise.')
    """
    return None if isinstance(value, str | bytes) and not value.strip() else value


def _from_parquet(path: Path, text_column: str, id_column: str) -> Iterator[CorpusDocument]:
    offset = 0
    for batch in parquet_file(path).iter_batches(batch_size=1024):
        table = batch.to_pandas()
        yield from table_documents(table, text_column, id_column, offset)
        offset += len(table)


def table_documents(
    table: pd.DataFrame, text_column: str, id_column: str, offset: int = 0
) -> Iterator[CorpusDocument]:
    """The documents of a table's rows (the rows from ``offset`` on of a longer table, read in
    parts: its unnamed rows are ``doc<offset + i>``)."""
    if table.empty and len(table.columns) == 0:  # a JSON Lines file of no records: no documents
        return
    if text_column in table.columns:
        source = text_column
    elif "path" in table.columns:
        source = "path"
    else:  # neither: the column the user must name (or a path column the table could hold)
        error = invalid_value("text_column", text_column, map(str, table.columns))
        raise UsageError(f"{error}, or give the table a 'path' column naming each text's file")
    check_id_column(id_column, table.columns)
    if id_column in table.columns:
        names = table[id_column].astype(str).tolist()
        unnamed = table[id_column].map(no_name).tolist()
    else:
        names = [default_doc_id(offset + i) for i in range(len(table))]
        unnamed = [False] * len(table)
    metadata_columns = [
        c for c in table.columns if c not in {source, id_column, "text", "path", "clean_text"}
    ]
    metadata = table[metadata_columns].to_dict("records") if metadata_columns else [{}] * len(table)
    values = table[source].tolist()
    # a table's `text` beside a `path` (a loader's table): the file each text was read from
    origins = (
        [None if is_missing(p) else str(p) for p in table["path"]]
        if source == "text" and "path" in table.columns
        else [None] * len(table)
    )
    for place, name, value, meta, no_id, origin in zip(
        range(offset, offset + len(table)), names, values, metadata, unnamed, origins, strict=True
    ):
        if no_id:
            yield unnamed_row(place, id_column, meta, origin)
        elif source == "path":
            yield CorpusDocument(name, path=str(value), metadata=meta)
        else:
            # the cell as it is: a missing value (an empty cell too) or a number is reported by
            # the runner as the document's input error (rhetoric.runner.document_text), bytes
            # are decoded there
            yield CorpusDocument(name, text=cell_text(value), metadata=meta, origin=origin)


def no_name(value: object) -> bool:
    """Whether a table's id cell names no document: a missing value, an empty or blank string.

    >>> no_name(None), no_name(" "), no_name("a"), no_name(0)
    (True, True, False, False)
    """
    return is_missing(value) or (isinstance(value, str) and not value.strip())


def unnamed_row(
    place: int, id_column: str, metadata: dict, origin: str | None = None
) -> CorpusDocument:
    """A table row (at ``place``, from 0) whose id cell names no document (:func:`no_name`): its
    input error, listed as ``row <N>`` (``N`` counted from 1, the header not counted), never
    named by the cell (pandas' ``nan``, a CSV file's ``''``), which would be written as a name."""
    row = f"row {place + 1}"
    return CorpusDocument(
        row,
        metadata=metadata,
        origin=origin,
        problem=f"{row} of the table has no doc_id (its {id_column!r} cell is empty); give "
        "every row a name",
    )


def folder_paths(folder: str | os.PathLike, pattern: str = "*.txt") -> list[Path]:
    """The documents of a folder: the paths matching ``pattern`` that are files, sorted. A link
    whose target is gone is kept, so that it is reported as an input error ("no such file")
    rather than left out unsaid; folders that match are left out. A pattern that names no file of
    the folder (empty, absolute, or climbing out of it with ``..``) is a
    :class:`~rhetoric.errors.UsageError` (:func:`check_pattern`)."""
    check_pattern(pattern)
    return sorted(
        path
        for path in Path(folder).glob(pattern)
        if path.is_file() or (path.is_symlink() and not path.exists())
    )


def check_pattern(pattern: str) -> None:
    """Refuse (:class:`~rhetoric.errors.UsageError`, one line) a glob pattern that does not name
    files inside the folder: an empty one, an absolute one, or one with a ``..`` part (it would
    read files outside the corpus folder). The message names ``--pattern`` on the command line,
    ``pattern=`` in Python (:func:`~rhetoric.errors.named`)."""
    if not pattern:
        raise UsageError(
            f"{named('pattern', pattern)} names no file; give a glob such as '*.txt' or '**/*.txt'"
        )
    pure = PurePosixPath(pattern.replace(os.sep, "/"))
    if pure.is_absolute() or Path(pattern).anchor:
        raise UsageError(
            f"{named('pattern', pattern)} is not relative; give a glob relative to the corpus "
            "folder, such as '*.txt' or '**/*.txt'"
        )
    if ".." in pure.parts:
        raise UsageError(
            f"{named('pattern', pattern)} reaches outside the folder (..); give a glob of the "
            "files inside the corpus folder, or give the folder that holds them"
        )


def check_id_column(id_column: str, columns) -> None:
    """A table may lack ``doc_id`` (its documents are then ``doc0``, ``doc1``, ...), not a name
    column asked for by name."""
    if id_column != "doc_id" and id_column not in columns:
        raise invalid_value("id_column", id_column, map(str, columns))


def _from_folder(folder: Path, pattern: str) -> Iterator[CorpusDocument]:
    paths = folder_paths(folder, pattern)
    for path, name in zip(paths, file_doc_ids(paths, folder), strict=True):
        yield CorpusDocument(name, path=str(path))


def _path_of(item: object) -> Path | None:
    """The path a list item names (a path-like, or a string naming a file: :func:`named_path`),
    or ``None`` for a text, a Document or an analysis."""
    if isinstance(item, os.PathLike):
        return Path(item)
    if isinstance(item, str):
        return named_path(item)
    return None


def _from_item(item: object, name: str | None, position: int = 0) -> CorpusDocument:
    if isinstance(item, Document):
        return CorpusDocument(name or item.doc_id or default_doc_id(position), text=item.text,
                              metadata=dict(item.metadata))  # fmt: skip
    doc = getattr(item, "doc", None)
    if isinstance(doc, Document):  # an analysis result
        return CorpusDocument(name or doc.doc_id or default_doc_id(position), text=doc.text,
                              metadata=dict(doc.metadata))  # fmt: skip
    path = _path_of(item)
    if path is not None:  # a path named by a mapping key or a Series label
        return CorpusDocument(name or file_doc_ids([path])[0], path=os.fspath(item))
    if isinstance(item, str):
        return CorpusDocument(name or default_doc_id(position), text=item)
    raise UsageError(f"a document must be a text, a path or a Document, not {type(item).__name__}")
