"""Errors of the package, and the one sentence format for a bad argument value."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType


class RhetoricError(Exception):
    """Base class: an error the command line reports as one line, without a traceback."""


class UsageError(RhetoricError, ValueError):
    """A bad argument value or a bad combination of arguments: the caller's mistake, explained.

    The command line reports it with exit code 2. Every other exception that is not an
    :class:`InputError` or :class:`DataNotFoundError` is a bug (exit code 70).
    """


class OutputError(UsageError):
    """An output that cannot be written (a read-only folder, a full disk, a file where a folder
    must be): not a bug. The command line reports it with the usage exit code, 2, naming the
    option (:func:`rhetoric.files.output_error`)."""


class DocumentsTypeError(UsageError, TypeError):
    """A single text (or another wrong type) where a list of documents was expected."""


class InputError(RhetoricError, ValueError):
    """An input document that cannot be analysed (missing, a directory, binary, too large)."""


class WorkerLostError(RhetoricError):
    """A worker process died during a corpus run (killed, or out of memory): not a bug of the
    package and not the caller's mistake. What was finished is kept; running again resumes."""


class DataNotFoundError(RhetoricError, FileNotFoundError):
    """A corpus or NLTK resource that is not in the data home."""


#: The command line's names of the arguments of the running command (see :func:`option_names`).
_OPTIONS: ContextVar[Mapping[str, str]] = ContextVar(
    "rhetoric_option_names", default=MappingProxyType({})
)


@contextmanager
def option_names(names: Mapping[str, str]) -> Iterator[None]:
    """Within the block, messages name arguments as the command line spells them.

    ``names`` maps a Python parameter name to the option a user typed (``{"text_column":
    "--text-column"}``): :func:`named`, and with it :func:`invalid_value`, then say
    ``--text-column 'body'`` instead of ``text_column='body'``. The command line wraps each
    command in it; the Python API keeps its parameter names.
    """
    token = _OPTIONS.set({**_OPTIONS.get(), **names})
    try:
        yield
    finally:
        _OPTIONS.reset(token)


def option_name(name: str) -> str | None:
    """The command-line option of parameter ``name`` in the running command, or ``None``."""
    return _OPTIONS.get().get(name)


def named(name: str, value: object) -> str:
    """An argument and its value as the user gave it: ``name=value`` in Python, ``--option
    value`` where the command line gave it (:func:`option_names`).

    >>> named("text_column", "body")
    "text_column='body'"
    >>> with option_names({"text_column": "--text-column"}):
    ...     named("text_column", "body")
    "--text-column 'body'"
    """
    option = option_name(name)
    return f"{option} {value!r}" if option else f"{name}={value!r}"


def invalid_value(name: str, value: object, valid: Iterable[str]) -> UsageError:
    """Build the error for a bad choice: the name, the bad value, the valid values, a close match.

    The name is the command-line option when the command line gave the value (:func:`named`).

    >>> print(invalid_value("device", "antithessis", ["antithesis", "anaphora"]))
    device='antithessis' is not valid; choose from 'anaphora', 'antithesis' (did you mean 'antithesis'?)
    """
    choices = sorted(valid)
    message = f"{named(name, value)} is not valid; choose from " + ", ".join(map(repr, choices))
    return UsageError(message + did_you_mean(value, choices))


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` naming the choice closest to ``value``, or ``""`` if none is close.

    >>> did_you_mean("inagural", ["inaugural", "federalist"])
    " (did you mean 'inaugural'?)"
    """
    close = _closest(value, choices)
    return f" (did you mean {close!r}?)" if close else ""


def _closest(value: object, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(str(value), list(choices), n=1)
    return close[0] if close else None


def no_such_corpus(name: str, corpora: Iterable[str], what: str = "file or folder") -> InputError:
    """The error for a corpus argument that names neither an existing path nor a bundled corpus:
    both are said, since either may have been meant (a folder not there, a corpus name mistyped).

    >>> print(no_such_corpus("inagural", ["federalist", "inaugural"]))
    inagural: no such file or folder, and not a bundled corpus ('federalist', 'inaugural'; did you mean 'inaugural'?)
    """
    choices = sorted(corpora)
    close = _closest(name, choices)
    hint = f"; did you mean {close!r}?" if close else ""
    return InputError(
        f"{name}: no such {what}, and not a bundled corpus ({', '.join(map(repr, choices))}{hint})"
    )


def check_choice(name: str, value: str, valid: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``valid``; otherwise raise :func:`invalid_value`."""
    valid = list(valid)
    if value not in valid:
        raise invalid_value(name, value, valid)
    return value


def check_documents(name: str, documents: object) -> list:
    """Turn ``documents`` into a list of texts, explaining the common mistake of passing one string."""
    if isinstance(documents, str | bytes):
        raise DocumentsTypeError(
            f"{name} must be a list of documents, not a single {type(documents).__name__}; "
            f"wrap one text in a list: [{name[:-1] if name.endswith('s') else name}]"
        )
    if hasattr(documents, "columns") and hasattr(documents, "iloc"):  # a pandas DataFrame
        columns = ", ".join(repr(str(c)) for c in list(documents.columns)[:6])
        raise DocumentsTypeError(
            f"{name} must be a list of documents, not a table (a DataFrame, whose items are its "
            f"column names: {columns}); give its column of texts, such as table['text']"
        )
    try:
        return list(documents)
    except TypeError:
        raise DocumentsTypeError(
            f"{name} must be a list of texts or paths, a folder, a table or a mapping of names to "
            f"texts, not {type(documents).__name__}"
        ) from None
