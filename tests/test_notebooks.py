"""The notebooks: thin, committed without outputs, executed headless, exporting real figures."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from rhetoric.reports import run_notebook

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 5, [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin_and_committed_clean(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        assert not cell.get("outputs") and cell.get("execution_count") is None, (
            f"{path.name}: outputs committed"
        )
        tree = ast.parse(
            "\n".join(
                line
                for line in cell.source.splitlines()
                if not line.lstrip().startswith(("%", "!"))
            )
        )
        defined = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)
        ]
        assert not defined, f"{path.name}: functions belong in the package, not the notebook"
    assert any(c.cell_type == "markdown" for c in notebook.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_exports_figures(path, tmp_path, data_home):
    run = run_notebook(
        path, figures_dir=tmp_path / "figures", tables_dir=tmp_path / "tables", timeout=600
    )
    assert run.error is None, f"{path.name}: {run.error}"
    figures = list((tmp_path / "figures").glob("*"))
    assert {f.suffix for f in figures} >= {".pdf", ".png", ".svg"}, (
        f"{path.name} exported no figures"
    )
    assert all(f.stat().st_size > 1000 for f in figures)
    assert run.seconds < 120, f"{path.name} took {run.seconds:.0f} s"
