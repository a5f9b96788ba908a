"""Paper style and export: real PDF/PNG/SVG files, TrueType fonts in PDF, CSV and LaTeX tables."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from rhetoric.viz.style import (  # noqa: E402
    DEVICE_COLORS,
    LABELS,
    device_color,
    figures_dir,
    paper_style,
    save_figure,
    save_table,
    tables_dir,
)


@pytest.fixture
def figure():
    with paper_style():
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1, 2], [2, 1, 3], label="rate")
        ax.set_title("Anaphora per 1,000 words")
        ax.legend()
    yield fig
    plt.close(fig)


def test_save_figure_writes_real_files_with_truetype_fonts(figure, tmp_path):
    written = save_figure(figure, "rates", folder=tmp_path)
    assert [p.name for p in written] == ["rates.pdf", "rates.png", "rates.svg"]
    pdf = (tmp_path / "rates.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert b"/FontFile2" in pdf  # TrueType (Type 42) embedded
    assert b"/Type3" not in pdf
    png = (tmp_path / "rates.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    assert width > 600  # 3 inches at 300 dpi, tight bounding box
    svg = (tmp_path / "rates.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "</svg>" in svg


def test_save_figure_folder_from_environment_and_default(figure, tmp_path, monkeypatch):
    monkeypatch.setenv("RHETORIC_FIGURES_DIR", str(tmp_path / "env"))
    save_figure(figure, "a.png", formats=["png"])
    assert (tmp_path / "env" / "a.png").is_file()
    monkeypatch.delenv("RHETORIC_FIGURES_DIR")
    monkeypatch.chdir(tmp_path)
    save_figure(figure.axes[0], "b", formats="svg")  # an Axes saves its figure
    assert (tmp_path / "reports" / "figures" / "b.svg").is_file()
    assert figures_dir("given").as_posix() == "given"


def test_save_figure_accepts_a_seaborn_grid(tmp_path):
    import seaborn as sns

    grid = sns.FacetGrid(pd.DataFrame({"x": [1, 2], "c": ["a", "b"]}), col="c")
    assert save_figure(grid, "grid", formats=["png"], dpi=50, folder=tmp_path)[0].is_file()
    plt.close(grid.figure)


def test_save_figure_bad_arguments(figure, tmp_path):
    with pytest.raises(ValueError, match="format='pfd' is not valid.*did you mean 'pdf'"):
        save_figure(figure, "x", formats=["pfd"], folder=tmp_path)
    with pytest.raises(ValueError, match="without folders"):
        save_figure(figure, "../x", folder=tmp_path)
    with pytest.raises(TypeError, match="Figure, an Axes or a seaborn grid"):
        save_figure("not a figure", "x", folder=tmp_path)


def test_save_figure_is_reproducible(figure, tmp_path):
    first = save_figure(figure, "one", formats=["pdf"], folder=tmp_path)[0].read_bytes()
    second = save_figure(figure, "two", formats=["pdf"], folder=tmp_path)[0].read_bytes()
    assert first == second


def test_paper_style_sets_and_restores(figure):
    before = matplotlib.rcParams["pdf.fonttype"]
    with paper_style():
        assert matplotlib.rcParams["pdf.fonttype"] == 42
        assert matplotlib.rcParams["font.size"] < 12  # seaborn paper context
    assert matplotlib.rcParams["pdf.fonttype"] == before


def test_save_table_csv_and_latex(tmp_path, monkeypatch):
    table = pd.DataFrame(
        {"device": ["rhetorical_question", "a&b"], "rate": [1.23456, 2.0], "n": [3, 4]}
    )
    csv_path, tex_path = save_table(
        table, "rates", folder=tmp_path, caption="Rates per 1,000 words"
    )
    assert pd.read_csv(csv_path).equals(table)
    tex = tex_path.read_text(encoding="utf-8")
    assert "\\toprule" in tex and "\\bottomrule" in tex
    assert "rhetorical\\_question & 1.235 & 3 \\\\" in tex
    assert "a\\&b" in tex
    assert "\\caption{Rates per 1,000 words}" in tex and "\\label{tab:rates}" in tex
    # counts held as floats print whole; a missing value is a dash, never "nan"
    gaps = pd.DataFrame({"kind": ["a", None], "count": [2.0, 28.0], "p": [0.5, float("nan")]})
    tex = save_table(gaps, "gaps", folder=tmp_path)[1].read_text(encoding="utf-8")
    assert "a & 2 & 0.500 \\\\" in tex and "-- & 28 & -- \\\\" in tex
    assert "nan" not in tex.lower()
    monkeypatch.setenv("RHETORIC_TABLES_DIR", str(tmp_path / "t"))
    save_table(table, "again")
    assert (tmp_path / "t" / "again.tex").is_file()
    monkeypatch.delenv("RHETORIC_TABLES_DIR")
    monkeypatch.chdir(tmp_path)
    assert tables_dir() == tmp_path / "reports" / "tables"


def test_every_label_has_a_distinct_colour():
    assert set(DEVICE_COLORS) == set(LABELS)
    assert len(set(DEVICE_COLORS.values())) == len(LABELS)
    assert device_color("Loaded_Language") == device_color("Loaded_Language")  # stable extra colour


def test_a_backend_switching_interactive_mode_on_inside_the_block_keeps_it_on():
    """Jupyter's inline backend, loaded at a session's first figure (inside paper_style), switches
    interactive mode on; leaving the block restored the rc settings and switched it off again, so
    JupyterLab showed no later figure of the session (a reviewer's notebooks 01, 04, 06)."""
    import matplotlib as mpl

    before = mpl.is_interactive()
    try:
        mpl.interactive(False)
        with paper_style():
            mpl.interactive(True)  # what loading the inline backend does
        assert mpl.is_interactive()
        with paper_style():
            pass
        assert mpl.is_interactive()  # and a later block leaves it as it found it
    finally:
        mpl.interactive(before)


def test_a_notebook_run_from_the_notebooks_folder_exports_into_the_projects_reports(
    tmp_path, monkeypatch
):
    """JupyterLab runs a notebook's kernel in notebooks/: its figures went to notebooks/reports/
    rather than the reports/ the notebooks and the README name."""
    monkeypatch.delenv("RHETORIC_FIGURES_DIR", raising=False)
    monkeypatch.delenv("RHETORIC_TABLES_DIR", raising=False)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "README.md").write_text("generated\n")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert figures_dir() == tmp_path / "reports" / "figures"
    assert tables_dir() == tmp_path / "reports" / "tables"
