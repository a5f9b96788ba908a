"""Where downloaded data lives: the data home, resolved as argument > ``RHETORIC_DATA`` > user folder.

The data home is laid out like the project's shared data folder::

    <data home>/federalist/texts/*.txt     Federalist papers, one file per paper
    <data home>/inaugural/texts/*.txt      inaugural addresses (NLTK "inaugural")
    <data home>/state_union/texts/*.txt    State of the Union addresses (NLTK "state_union")
    <data home>/ptc/                       Propaganda Techniques Corpus (SemEval-2020 Task 11)
    <data home>/nltk_data/                 NLTK resources, in NLTK's own layout
    <data home>/seed/                      the seed article (also shipped in the package)

Nothing here is derived from the package's own location.
"""

from __future__ import annotations

import os
from pathlib import Path

from rhetoric.errors import DataNotFoundError, option_name

ENV_VAR = "RHETORIC_DATA"
USER_FOLDER = Path("~") / "rhetoric_data"
FETCH_HINT = "run `rhetoric data fetch` on a machine that is online, or set RHETORIC_DATA"
#: What the PTC folder of the data home holds, as the SemEval-2020 Task 11 organisers ship it.
PTC_LAYOUT = (
    "its train-articles/, dev-articles/ and test-articles/ folders and the files "
    "train-task-flc-tc.labels, dev-task-flc-tc.labels and test-task-tc-template.out"
)


def fetch_hint(name: str, data_home: str | os.PathLike | None = None) -> str:
    """How to get folder ``name`` of the data home, for messages: the NLTK resources with
    ``rhetoric data fetch``, the corpora with ``rhetoric data fetch --all``, the PTC (which cannot
    be downloaded) and the chiasmus benchmarks (which are not fetched) by hand, saying where and
    what.

    >>> fetch_hint("inaugural")
    'run `rhetoric data fetch --all` on a machine that is online (it brings the corpora), or set RHETORIC_DATA'
    """
    if name == "nltk_data":
        return FETCH_HINT
    if name == "ptc":
        return (
            "the PTC cannot be downloaded: request it from the SemEval-2020 Task 11 organisers "
            f"and put {PTC_LAYOUT} into {get_data_home(data_home) / 'ptc'}"
        )
    if name == "chiasmus":
        return (
            "the chiasmus benchmarks are not fetched: put dubremetz_europarl.jsonl (from the "
            "GitHub repository mardub1635/chiasmusDetector, folder corpus/) and dironiil.jsonl "
            "(from Dironiil/ChiasmusDatasets, folder data/), converted to JSON Lines as "
            "rhetoric.evaluation.chiasmus describes, into "
            f"{get_data_home(data_home) / 'chiasmus'}"
        )
    return (
        "run `rhetoric data fetch --all` on a machine that is online (it brings the corpora), "
        f"or set {ENV_VAR}"
    )


#: The help text of every subcommand's ``--data-home`` option.
DATA_HOME_HELP = f"the data home folder (default: ${ENV_VAR}, else {USER_FOLDER})"


def add_data_home_option(parser) -> None:
    """Give an argparse parser the one ``--data-home DIR`` option all subcommands share."""
    parser.add_argument("--data-home", metavar="DIR", default=None, help=DATA_HOME_HELP)


def get_data_home(data_home: str | os.PathLike | None = None) -> Path:
    """The data home folder: ``data_home`` if given, else ``$RHETORIC_DATA``, else ``~/rhetoric_data``.

    The folder need not exist yet (``rhetoric data fetch`` creates it).

    >>> str(get_data_home("/tmp/somewhere"))
    '/tmp/somewhere'
    """
    if data_home is not None:
        return Path(data_home).expanduser().resolve()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return USER_FOLDER.expanduser()


def searched_places(data_home: str | os.PathLike | None = None) -> list[str]:
    """Describe where the data home was looked for, for error messages."""
    if data_home is not None:
        given = option_name("data_home") or "data_home argument"
        return [f"{given} ({get_data_home(data_home)})"]
    places = []
    if os.environ.get(ENV_VAR):
        places.append(f"${ENV_VAR} ({get_data_home()})")
    else:
        places.append(f"${ENV_VAR} (not set)")
        places.append(f"user folder ({USER_FOLDER.expanduser()})")
    return places


def corpus_dir(name: str, data_home: str | os.PathLike | None = None) -> Path:
    """The folder of corpus ``name`` in the data home; a clear error when it is missing."""
    folder = get_data_home(data_home) / name
    if not folder.is_dir():
        raise DataNotFoundError(
            f"corpus {name!r} not found in the data home; searched "
            + ", ".join(searched_places(data_home))
            + f"; {fetch_hint(name, data_home)}"
        )
    return folder


def use_nltk_data(data_home: str | os.PathLike | None = None) -> Path:
    """Put ``<data home>/nltk_data`` on NLTK's search path, after every place already there.

    Places the user set themselves (``NLTK_DATA``, ``nltk.data.path`` edits) keep precedence.
    Returns the folder added.
    """
    import nltk

    folder = get_data_home(data_home) / "nltk_data"
    if str(folder) not in nltk.data.path:
        nltk.data.path.append(str(folder))
    return folder


def require_nltk(resource: str, data_home: str | os.PathLike | None = None) -> None:
    """Raise :class:`DataNotFoundError` naming the data home if an NLTK resource cannot be found."""
    import nltk

    use_nltk_data(data_home)
    for candidate in (resource, resource.rstrip("/") + ".zip"):  # packages may stay zipped
        try:
            nltk.data.find(candidate)
            return
        except LookupError:
            continue
    raise DataNotFoundError(
        f"NLTK resource {resource!r} not found; searched "
        + ", ".join(searched_places(data_home))
        + f" and NLTK's own path; {FETCH_HINT}"
    )
