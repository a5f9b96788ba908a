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
import warnings
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

# Every colour below has a contrast of at least 3:1 against white (WCAG 2.1, non-text contrast),
# so it stays visible when printed in greyscale; Okabe & Ito's orange, sky blue and yellow do not
# (2.3, 2.3 and 1.3:1) and were replaced by darker colours of distinct hue. Devices are also told
# apart by position (a row of their own) in every figure, and by a toggle on the highlight page.
DEVICE_COLORS: dict[str, str] = {
    "repetition": "#0072B2",  # blue (Okabe & Ito)
    "anaphora": "#D55E00",  # vermillion (Okabe & Ito)
    "epistrophe": "#009E73",  # bluish green (Okabe & Ito)
    "antithesis": "#C51B7D",  # magenta
    "chiasmus": "#B2182B",  # crimson
    "tricolon": "#6A3D9A",  # purple
    "alliteration": "#8E6C00",  # dark gold (the readable form of a yellow)
    "rhetorical_question": "#000000",  # black
    "epizeuxis": "#882255",  # wine (Paul Tol)
    "polyptoton": "#4D9221",  # leaf green
    "frame": "#767676",  # grey, dashed on the page
    "stance": "#2F5F8A",  # slate blue, dotted on the page
}
_EXTRA_COLORS = ["#332288", "#117733", "#AA4499", "#A0522D", "#2166AC", "#661100", "#01665E"]

#: Colours of groups (eras, parties, authors, measures), in order: each passes 3:1 on white,
#: and neighbours differ in hue; plots that draw groups as points also vary the marker
#: (:data:`GROUP_MARKERS`), so groups stay apart in greyscale.
GROUP_COLORS: list[str] = [
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#000000",  # black
    "#009E73",  # bluish green
    "#C51B7D",  # magenta
    "#8E6C00",  # dark gold
    "#6A3D9A",  # purple
    "#882255",  # wine
]
#: Markers of groups, in the order of :data:`GROUP_COLORS`.
GROUP_MARKERS: list[str] = ["o", "s", "D", "^", "v", "P", "X", "*"]

#: The seaborn palette of the paper style (a list of colours seaborn accepts as ``palette=``).
PALETTE = GROUP_COLORS

#: Figure widths in inches: one journal column, and the full width of a two-column page.
ONE_COLUMN = 3.5
TWO_COLUMN = 7.0


def figure_size(width: str = "two", height: float | None = None, *, aspect: float = 0.6):
    """A ``figsize`` of a journal width: ``"one"`` column (3.5 in) or ``"two"`` (7 in).

    Parameters
    ----------
    width : {"one", "two"}, default "two"
        One column or the full text width.
    height : float, optional
        Height in inches (default: ``aspect`` times the width).
    aspect : float, default 0.6
        Height over width when ``height`` is not given.

    Examples
    --------
    >>> figure_size("one"), figure_size("two", 3)
    ((3.5, 2.1), (7.0, 3))
    """
    widths = {"one": ONE_COLUMN, "two": TWO_COLUMN}
    if width not in widths:
        raise invalid_value("width", width, widths)
    inches = widths[width]
    return inches, round(inches * aspect, 2) if height is None else height


def contrast_ratio(color: str, background: str = "#FFFFFF") -> float:
    """The WCAG 2.1 contrast ratio of two colours (1 to 21); 3 is the floor for graphics.

    >>> round(contrast_ratio("#000000"), 1), round(contrast_ratio("#F0E442"), 2)
    (21.0, 1.32)
    """
    from matplotlib.colors import to_rgb

    def luminance(value: str) -> float:
        channels = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(value)
        ]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted([luminance(color), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def device_color(label: str) -> str:
    """The colour of a device label; labels outside :data:`LABELS` get a stable extra colour.

    >>> device_color("anaphora")
    '#D55E00'
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
    settings["axes.prop_cycle"] = mpl.cycler(color=GROUP_COLORS)
    settings.update(rc or {})
    interactive = mpl.is_interactive()
    try:
        with mpl.rc_context(settings):
            try:
                yield
            finally:
                # a backend first loaded inside the block (Jupyter's inline one, at the first
                # figure of a session) switches interactive mode on; restoring the rc settings
                # switched it off again, and the inline backend then showed no later figure
                interactive = mpl.is_interactive()
    finally:
        mpl.interactive(interactive)


def _resolve(folder: str | os.PathLike | None, env: str, default: str) -> Path:
    if folder is not None:
        return Path(folder).expanduser()
    from_env = os.environ.get(env)
    if from_env:
        return Path(from_env).expanduser()
    return _project_root(Path.cwd()) / default


def _project_root(folder: Path) -> Path:
    """The folder whose ``reports/`` is meant: the nearest one up from ``folder`` that holds
    ``reports/README.md`` (the project's generated reports, so that a notebook run in JupyterLab,
    whose kernel works in ``notebooks/``, exports there too), else ``folder`` itself."""
    for candidate in (folder, *folder.parents):
        if (candidate / "reports" / "README.md").is_file():
            return candidate
    return folder


def figures_dir(folder: str | os.PathLike | None = None) -> Path:
    """Where figures go: ``folder`` > ``$RHETORIC_FIGURES_DIR`` > ``reports/figures`` of the
    project (the nearest folder up from the working one holding ``reports/README.md``), else
    ``./reports/figures``.

    >>> figures_dir("/tmp/figs").as_posix()
    '/tmp/figs'
    """
    return _resolve(folder, FIGURES_ENV, "reports/figures")


def tables_dir(folder: str | os.PathLike | None = None) -> Path:
    """Where tables go: ``folder`` > ``$RHETORIC_TABLES_DIR`` > ``reports/tables`` as for
    :func:`figures_dir`."""
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


#: Set to ``error`` (``rhetoric reports`` does) to make :func:`save_figure` refuse a figure whose
#: labels contain an underscore; otherwise it warns.
CHECK_ENV = "RHETORIC_CHECK_FIGURES"


def figure_texts(fig) -> list[str]:
    """Every text a reader sees in a figure: titles, axis and tick labels, legends, annotations.

    Parameters
    ----------
    fig : Figure, Axes or seaborn grid

    Returns
    -------
    list of str
        Non-empty texts, figure-level first, then each Axes (colour bars included) in order.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> figure, ax = plt.subplots()
    >>> _ = ax.set(title="Rates", xlabel="Year", xticks=[1990, 2000], yticks=[])
    >>> figure_texts(figure)
    ['Rates', 'Year', '1990', '2000']
    >>> plt.close(figure)
    """
    figure = _figure_of(fig)
    figure.canvas.draw()  # tick labels are only set once the figure is drawn
    texts = [t.get_text() for t in figure.texts]
    if getattr(figure, "_suptitle", None) is not None:
        texts.append(figure._suptitle.get_text())
    legends = list(figure.legends)
    for ax in figure.axes:
        texts += [ax.get_title(loc) for loc in ("left", "center", "right")]
        texts += [ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        texts += [t.get_text() for t in ax.texts]
        if ax.get_legend() is not None:
            legends.append(ax.get_legend())
    for legend in legends:
        texts.append(legend.get_title().get_text())
        texts += [t.get_text() for t in legend.get_texts()]
    return [t for t in dict.fromkeys(texts) if t and t.strip()]


def label_problems(fig) -> list[str]:
    """Texts of a figure a journal would send back: code names with underscores.

    >>> import matplotlib.pyplot as plt
    >>> figure, ax = plt.subplots()
    >>> _ = ax.set_ylabel("security_and_defense")
    >>> label_problems(figure)
    ['security_and_defense']
    >>> plt.close(figure)
    """
    return [text for text in figure_texts(fig) if "_" in text]


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
    problems = label_problems(figure)
    if problems:
        message = (
            f"figure {stem!r} shows code names with underscores: {', '.join(map(repr, problems[:5]))}; "
            "label it with rhetoric.viz.labels.display_name"
        )
        if os.environ.get(CHECK_ENV) == "error":
            raise ValueError(message)
        warnings.warn(message, stacklevel=2)
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


#: How a missing value prints in a LaTeX table (an en dash).
MISSING_LATEX = "--"


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
        Format of floats in the LaTeX file; a float column holding whole numbers only (counts)
        prints without decimals, and a missing value prints as an en dash (``--``).

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
    # counts kept as floats (a merge or a sum over groups makes them so) print as whole numbers,
    # and a missing value as a dash, not "nan"
    floats = df.select_dtypes("float").columns.tolist()
    whole = [c for c in floats if df[c].notna().any() and (df[c].dropna() % 1 == 0).all()]
    styler = df.style.format(
        float_format, subset=[c for c in floats if c not in whole], na_rep=MISSING_LATEX
    )
    styler = styler.format("{:.0f}", subset=whole, na_rep=MISSING_LATEX)
    styler = styler.format_index(escape="latex", axis=1).format(
        escape="latex",
        subset=df.select_dtypes(exclude="number").columns.tolist(),
        na_rep=MISSING_LATEX,
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
