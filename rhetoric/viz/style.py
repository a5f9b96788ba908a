"""The paper style, the device colours, and export of figures and tables for a manuscript.

Figures are written with :func:`save_figure` into ``reports/figures/`` (or the folder named by the
caller or by ``RHETORIC_FIGURES_DIR``) as PDF, PNG and SVG in one call; tables with
:func:`save_table` into ``reports/tables/`` (or ``RHETORIC_TABLES_DIR``) as CSV and LaTeX. Folders
are resolved from the current working directory, never from the package's location.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import matplotlib as mpl
import pandas as pd

from rhetoric.errors import UsageError, invalid_value

FIGURES_ENV = "RHETORIC_FIGURES_DIR"
TABLES_ENV = "RHETORIC_TABLES_DIR"
FIGURE_FORMATS = ("pdf", "png", "svg", "eps", "jpg", "tif")

#: Every label the views colour, in legend order: the ten devices, then frame and stance.
LABELS = (
    "repetition",
    "anaphora",
    "epistrophe",
    "antithesis",
    "chiasmus",
    "tricolon",
    "alliteration",
    "rhetorical_question",
    "epizeuxis",
    "polyptoton",
    "frame",
    "stance",
)

# Okabe & Ito's colour-blind-safe palette (8 colours), then two of Paul Tol's "muted" set and
# two greys for the lexical layers. Devices that share a hue in the HTML view differ in line style.
_OKABE_ITO = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#000000",
]
DEVICE_COLORS: dict[str, str] = dict(
    zip(LABELS, [*_OKABE_ITO, "#882255", "#44AA99", "#999999", "#777777"], strict=True)
)
_EXTRA_COLORS = ["#332288", "#117733", "#AA4499", "#DDCC77", "#88CCEE", "#661100", "#6699CC"]

#: The seaborn palette of the paper style.
PALETTE = "colorblind"


def device_color(label: str) -> str:
    """The colour of a device label; labels outside :data:`LABELS` get a stable extra colour.

    >>> device_color("anaphora")
    '#E69F00'
    """
    if label in DEVICE_COLORS:
        return DEVICE_COLORS[label]
    return _EXTRA_COLORS[sum(map(ord, label)) % len(_EXTRA_COLORS)]


def device_palette(labels: Iterable[str]) -> dict[str, str]:
    """A ``{label: colour}`` mapping for seaborn's ``palette=``, the same colours as the HTML view."""
    return {label: device_color(str(label)) for label in labels}


#: Matplotlib settings of the paper style: TrueType (Type 42) fonts embedded in PDF and PostScript,
#: text kept as paths in SVG (with fixed element ids, so regenerated files do not differ), tight
#: bounding boxes.
PAPER_RC = {
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": "rhetoric",  # fixed element ids: the same figure gives the same SVG bytes
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.02,
    "figure.dpi": 100,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@contextlib.contextmanager
def paper_style(*, font_scale: float = 1.0, rc: dict | None = None) -> Iterator[None]:
    """Draw (and save) figures in the paper style, inside a ``with`` block.

    Seaborn's ``paper`` context and ``ticks`` style, the colour-blind-safe palette, and fonts
    embedded in PDF as TrueType (``pdf.fonttype = 42``), as journals ask. Settings are restored on
    leaving the block.

    Examples
    --------
    >>> import matplotlib
    >>> with paper_style():
    ...     matplotlib.rcParams["pdf.fonttype"]
    42
    """
    import seaborn as sns

    settings = {}
    settings.update(sns.axes_style("ticks"))
    settings.update(sns.plotting_context("paper", font_scale=font_scale))
    settings.update(PAPER_RC)
    settings["axes.prop_cycle"] = mpl.cycler(color=sns.color_palette(PALETTE))
    settings.update(rc or {})
    with mpl.rc_context(settings):
        yield


def _resolve(folder: str | os.PathLike | None, env: str, default: str) -> Path:
    if folder is not None:
        return Path(folder).expanduser()
    from_env = os.environ.get(env)
    if from_env:
        return Path(from_env).expanduser()
    return Path.cwd() / default


def figures_dir(folder: str | os.PathLike | None = None) -> Path:
    """Where figures go: ``folder`` > ``$RHETORIC_FIGURES_DIR`` > ``./reports/figures``.

    >>> figures_dir("/tmp/figs").as_posix()
    '/tmp/figs'
    """
    return _resolve(folder, FIGURES_ENV, "reports/figures")


def tables_dir(folder: str | os.PathLike | None = None) -> Path:
    """Where tables go: ``folder`` > ``$RHETORIC_TABLES_DIR`` > ``./reports/tables``."""
    return _resolve(folder, TABLES_ENV, "reports/tables")


_NAME = re.compile(r"^[\w.\-]+$")


def _check_name(name: str, suffixes: Sequence[str]) -> str:
    if not isinstance(name, str) or not name or not _NAME.match(name) or name.startswith("."):
        raise UsageError(
            f"name={name!r} is not valid; give a file name without folders, such as 'device_rates' "
            "(choose the folder with folder= or the environment variable)"
        )
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and suffix.lower() in suffixes else name


def _figure_of(fig):
    """A matplotlib Figure from a Figure, an Axes, or a seaborn grid."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(fig, Figure):
        return fig
    if isinstance(fig, Axes):
        return fig.figure
    figure = getattr(fig, "figure", None) or getattr(fig, "fig", None)
    if isinstance(figure, Figure):
        return figure
    raise TypeError(
        f"fig must be a matplotlib Figure, an Axes or a seaborn grid, not {type(fig).__name__}"
    )


def save_figure(
    fig,
    name: str,
    *,
    formats: Sequence[str] = ("pdf", "png", "svg"),
    dpi: int = 300,
    folder: str | os.PathLike | None = None,
) -> list[Path]:
    """Write a figure in several formats at once, in the paper style's export settings.

    Parameters
    ----------
    fig : Figure, Axes or seaborn grid
        What to save (an Axes or a grid saves its whole figure).
    name : str
        File name without folder; a matching extension is dropped (``"rates.pdf"`` -> ``rates``).
    formats : sequence of str, default ("pdf", "png", "svg")
        Any of ``pdf``, ``png``, ``svg``, ``eps``, ``jpg``, ``tif``.
    dpi : int, default 300
        Resolution of raster formats.
    folder : path, optional
        Target folder; default ``$RHETORIC_FIGURES_DIR`` or ``reports/figures`` under the current
        working directory. Created when missing.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import tempfile, matplotlib.pyplot as plt
    >>> figure, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in save_figure(figure, "demo", formats=["png"], folder=folder)]
    ['demo.png']
    >>> plt.close(figure)
    """
    formats = [
        str(f).lower().lstrip(".") for f in ([formats] if isinstance(formats, str) else formats)
    ]
    for fmt in formats:
        if fmt not in FIGURE_FORMATS:
            raise invalid_value("format", fmt, FIGURE_FORMATS)
    stem = _check_name(name, FIGURE_FORMATS)
    figure = _figure_of(fig)
    target = figures_dir(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with mpl.rc_context(PAPER_RC):
        for fmt in formats:
            path = target / f"{stem}.{fmt}"
            metadata = {"Creator": "rhetoric"} if fmt in ("pdf", "svg") else None
            if fmt == "pdf":
                metadata["CreationDate"] = None  # reproducible bytes for the same figure
            elif fmt == "svg":
                metadata["Date"] = None
            figure.savefig(path, format=fmt, dpi=dpi, metadata=metadata)
            written.append(path)
    return written


def save_table(
    df: pd.DataFrame,
    name: str,
    *,
    folder: str | os.PathLike | None = None,
    index: bool = False,
    caption: str | None = None,
    float_format: str = "{:.3f}",
) -> list[Path]:
    """Write a table as CSV (full precision) and LaTeX (rounded, booktabs) for a manuscript.

    Parameters
    ----------
    df : DataFrame
        The table.
    name : str
        File name without folder or extension.
    folder : path, optional
        Target folder; default ``$RHETORIC_TABLES_DIR`` or ``reports/tables`` under the current
        working directory. Created when missing.
    index : bool, default False
        Write the index as well.
    caption : str, optional
        LaTeX caption (the label is ``tab:<name>``).
    float_format : str, default "{:.3f}"
        Format of floats in the LaTeX file.

    Returns
    -------
    list of Path
        ``<name>.csv`` and ``<name>.tex``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in save_table(pd.DataFrame({"x": [1.5]}), "demo", folder=folder)]
    ['demo.csv', 'demo.tex']
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}")
    stem = _check_name(name, ("csv", "tex"))
    target = tables_dir(folder)
    target.mkdir(parents=True, exist_ok=True)
    csv_path, tex_path = target / f"{stem}.csv", target / f"{stem}.tex"
    df.to_csv(csv_path, index=index)
    styler = df.style.format(float_format, subset=df.select_dtypes("float").columns.tolist())
    styler = styler.format_index(escape="latex", axis=1).format(
        escape="latex", subset=df.select_dtypes(exclude="number").columns.tolist()
    )
    if not index:
        styler = styler.hide(axis="index")
    latex = styler.to_latex(
        hrules=True,
        caption=caption,
        label=f"tab:{stem}" if caption else None,
        position_float="centering" if caption else None,
    )
    tex_path.write_text(latex, encoding="utf-8")
    return [csv_path, tex_path]
