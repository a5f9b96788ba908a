"""Regenerate ``reports/`` from the notebooks: ``rhetoric reports``.

Each notebook under ``notebooks/`` is executed top to bottom with nbclient, in a kernel whose
``RHETORIC_FIGURES_DIR`` and ``RHETORIC_TABLES_DIR`` point at the output folders, so the figures
and tables it exports land there. The executed notebooks are not written back: the committed
notebooks stay without outputs.
"""

from __future__ import annotations

import argparse
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class NotebookRun:
    notebook: str
    seconds: float
    error: str | None


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
            client.execute()
        except CellExecutionError as failure:
            error = str(failure).strip().splitlines()[-1] if str(failure).strip() else repr(failure)
    return NotebookRun(path.name, time.perf_counter() - start, error)


def run_notebooks(
    folder: str | os.PathLike = "notebooks",
    out: str | os.PathLike = "reports",
    *,
    timeout: int = 600,
) -> list[NotebookRun]:
    """Execute every ``NN-*.ipynb`` of ``folder`` in order, exporting into ``out/figures`` and ``out/tables``."""
    out = Path(out)
    runs = []
    for path in sorted(Path(folder).glob("[0-9][0-9]-*.ipynb")):
        runs.append(
            run_notebook(
                path, figures_dir=out / "figures", tables_dir=out / "tables", timeout=timeout
            )
        )
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
    runs = run_notebooks(args.notebooks, args.out, timeout=args.timeout)
    if not runs:
        print(f"no notebooks in {args.notebooks}")
        return 1
    for item in runs:
        print(
            f"{item.notebook:<40} {item.seconds:6.1f} s  {'ok' if item.error is None else 'FAILED: ' + item.error}"
        )
    return 1 if any(r.error for r in runs) else 0
