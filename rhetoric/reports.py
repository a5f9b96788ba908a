"""Regenerate ``reports/`` from the notebooks: ``rhetoric reports``.

Each notebook under ``notebooks/`` is executed top to bottom with nbclient, in a kernel whose
``RHETORIC_FIGURES_DIR`` and ``RHETORIC_TABLES_DIR`` point at the output folders, so the figures
and tables it exports land there. The executed notebooks are not written back: the committed
notebooks stay without outputs.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class NotebookRun:
    """One executed notebook: its name, the time it took, the error if a cell failed, and the
    executed notebook itself (with outputs; never written back)."""

    notebook: str
    seconds: float
    error: str | None
    executed: object = field(default=None, repr=False, compare=False)


#: What a notebook kernel says on stderr when it starts that is noise here: its sockets are on
#: the loopback interface of this machine, started and read by this process alone.
KERNEL_NOISE = ("Kernel is running over TCP without encryption",)
#: the terminal colour codes of a kernel's traceback, which a one-line error leaves out
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@contextmanager
def _kernel_stderr():
    """A file descriptor for a kernel's stderr: each line is passed on to ours, except the lines
    of :data:`KERNEL_NOISE`; anything else a kernel says (an error, a crash) is still shown."""
    read_end, write_end = os.pipe()

    def forward() -> None:
        with os.fdopen(read_end, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if not any(noise in line for noise in KERNEL_NOISE):
                    sys.stderr.write(line)
                    sys.stderr.flush()

    thread = threading.Thread(target=forward, name="kernel-stderr", daemon=True)
    thread.start()
    try:
        yield write_end
    finally:
        os.close(write_end)  # the kernel has ended: the reader sees the end of its lines
        thread.join(timeout=10)


@contextmanager
def _environment(**values: str):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_notebook(
    path: str | os.PathLike,
    *,
    figures_dir: str | os.PathLike,
    tables_dir: str | os.PathLike,
    timeout: int = 600,
) -> NotebookRun:
    """Execute one notebook; its exported figures and tables go to the given folders."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    error = None
    with _environment(
        RHETORIC_FIGURES_DIR=str(Path(figures_dir).resolve()),
        RHETORIC_TABLES_DIR=str(Path(tables_dir).resolve()),
        MPLBACKEND="Agg",
        RHETORIC_CHECK_FIGURES="error",  # a figure with code names in its labels fails the run
    ):
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent.resolve())}},
        )
        try:
            with _kernel_stderr() as stderr:
                client.execute(stderr=stderr)  # passed to the kernel's process
        except CellExecutionError as failure:
            said = _ANSI.sub("", str(failure)).strip()  # the kernel colours its traceback
            error = said.splitlines()[-1] if said else repr(failure)
    return NotebookRun(path.name, time.perf_counter() - start, error, notebook)


def run_notebooks(
    folder: str | os.PathLike = "notebooks",
    out: str | os.PathLike = "reports",
    *,
    timeout: int = 600,
    on_each: Callable[[NotebookRun], None] | None = None,
) -> list[NotebookRun]:
    """Execute every ``NN-*.ipynb`` of ``folder`` in order, exporting into ``out/figures`` and
    ``out/tables``; ``on_each`` is called with each run as it finishes."""
    out = Path(out)
    runs = []
    for path in sorted(Path(folder).glob("[0-9][0-9]-*.ipynb")):
        item = run_notebook(
            path, figures_dir=out / "figures", tables_dir=out / "tables", timeout=timeout
        )
        runs.append(item)
        if on_each is not None:
            on_each(item)
    return runs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--notebooks",
        default="notebooks",
        metavar="DIR",
        help="folder of the NN-*.ipynb notebooks to execute (default: notebooks)",
    )
    parser.add_argument(
        "--out",
        default="reports",
        metavar="DIR",
        help="folder that receives figures/ and tables/ (default: reports)",
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=600,
        metavar="SECONDS",
        help="seconds a cell may run (default 600)",
    )


def run(args: argparse.Namespace) -> int:
    from rhetoric.errors import InputError, UsageError
    from rhetoric.files import check_no_file_in_the_way, output_path

    if args.timeout <= 0:
        raise UsageError(f"--timeout {args.timeout} is not valid; give the seconds a cell may run")
    if not any(Path(args.notebooks).glob("[0-9][0-9]-*.ipynb")):
        raise InputError(f"{args.notebooks}: no notebooks (NN-*.ipynb) to run in this folder")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(
            f"--out {out}: is a file; give the folder that receives figures/ and tables/"
        )
    for part in ("figures", "tables"):  # said before any notebook runs, not after the first
        check_no_file_in_the_way(out / part, "--out", out)
        output_path(out / part / "check", "--out")  # made, and writable (nothing is written)

    def said(item: NotebookRun) -> None:  # each notebook as it finishes
        print(
            f"{item.notebook:<40} {item.seconds:6.1f} s  {'ok' if item.error is None else 'FAILED: ' + item.error}",
            flush=True,
        )

    runs = run_notebooks(args.notebooks, out, timeout=args.timeout, on_each=said)
    for item in runs:
        unverified = [] if item.error else unverified_numbers(item.executed)
        if unverified:  # the figures are written; their readings no longer say what they show
            quoted = "; ".join(f"cell {cell}: {number!r}" for cell, number, _ in unverified[:5])
            print(f"rhetoric: warning: {item.notebook}: {len(unverified)} numbers in markdown that "
                  f"no cell computes ({quoted}); rewrite the readings", file=sys.stderr)  # fmt: skip
    return 1 if any(r.error for r in runs) else 0


# --- numbers quoted in the reading cells ------------------------------------------------------------

#: A number as written in prose: 1,613; 0.39; 8.1%; -2.5 (a leading minus sign or en dash).
#: Digits after an underscore count ("Madison_48" shows paper 48); digits inside a word do not.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])([-\u2212]?\d{1,3}(?:,\d{3})+|[-\u2212]?\d+(?:\.\d+)?)((?:\s?%)?)"
)


def _is_year(written: str, value: float) -> bool:
    """A bare four-digit number from 1700 to 2099 names a year (a label), not a result."""
    return written.lstrip("-\u2212").isdigit() and 1700 <= abs(value) <= 2099


def _numbers(text: str) -> list[tuple[str, float, int, bool]]:
    """``(as written, value, decimals, percent)`` of every number in ``text``."""
    found = []
    for match in _NUMBER.finditer(text):
        written, percent = match.group(1), bool(match.group(2).strip())
        plain = written.replace(",", "").replace("\u2212", "-")
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        found.append((written + match.group(2), float(plain), decimals, percent))
    return found


def _prose(markdown: str) -> str:
    """The reading text of a markdown cell: without code, links' targets and heading numbers."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"^#+\s*[\d.]*", "", text, flags=re.M)  # "## 2. Rates" is a numbered heading
    return text


def _output_text(cell) -> str:
    """The text of a code cell's outputs, without markup (a highlight's styles hold numbers)."""
    parts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            parts.append(output["text"])
        for kind in ("text/plain", "text/html", "text/markdown"):
            value = output.get("data", {}).get(kind)
            if value:
                parts.append(value if isinstance(value, str) else "".join(value))
    text = "\n".join(parts)
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    return re.sub(r"<[^>]*>", " ", text)


def unverified_numbers(notebook) -> list[tuple[int, str, str]]:
    """Numbers in a notebook's markdown that its code and executed outputs do not give.

    A number quoted in a markdown cell must be a result shown by an output (to the precision it
    is quoted: "0.39" matches an output 0.3912; "8.1%" matches 0.081 or 8.1) or a parameter
    written in a code cell (``n_boot=1000``, ``mfw=100``). A *reading* cell (one that starts with
    "**Reading**") may quote only what the cells above it show: the reading follows the
    computation it reads. Other markdown (the research question, the method) may name a number
    that a later cell computes or sets. Years (bare numbers from 1700 to 2099) are labels and are
    not checked; numbered headings and code in backticks are not read.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        An executed notebook (:attr:`NotebookRun.executed`).

    Returns
    -------
    list of (int, str, str)
        ``(cell index, number as written, the sentence around it)`` for each number not found.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("round(2 / 3, 4)", outputs=[nbformat.v4.new_output(
    ...         "execute_result", data={"text/plain": "0.6667"}, execution_count=1)]),
    ...     nbformat.v4.new_markdown_cell("Two thirds (0.67, 66.7%), not 0.7 or 0.71.")])
    >>> [number for _, number, _ in unverified_numbers(nb)]
    ['0.71']
    """

    def shown_by(cells) -> np.ndarray:
        values = []
        for cell in cells:
            if cell.cell_type == "code":
                values += [value for _, value, _, _ in _numbers(_output_text(cell))]
                values += [value for _, value, _, _ in _numbers(cell.source)]
        return np.array(sorted(set(values)), dtype=float)

    everywhere = shown_by(notebook.cells)
    missing = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "markdown":
            continue
        reading = cell.source.lstrip().startswith("**Reading")
        values = shown_by(notebook.cells[:index]) if reading else everywhere
        prose = _prose(cell.source)
        for written, value, decimals, percent in _numbers(prose):
            if _is_year(written, value):
                continue
            candidates = [value, value / 100] if percent else [value]
            if not any(_matches(values, v, decimals + (2 if percent and v != value else 0))
                       for v in candidates):  # fmt: skip
                at = prose.find(written)
                context = " ".join(prose[max(0, at - 60) : at + 40].split())
                missing.append((index, written, context))
    return missing


def _matches(values, value: float, decimals: int) -> bool:
    """Is any shown value equal to ``value`` when rounded to ``decimals`` places (signs ignored)?"""
    if len(values) == 0:
        return False
    tolerance = 0.5 * 10.0**-decimals + 1e-9
    return bool(np.any(np.abs(np.abs(values) - abs(value)) <= tolerance))
