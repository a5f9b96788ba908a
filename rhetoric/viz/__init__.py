"""Figures and HTML views: highlighted text, seaborn-style plots, paper export.

- :func:`highlight` / :func:`highlight_page` / :func:`highlight_pages`: the text with every device span coloured and
  explained (HTML, shown inline in JupyterLab); :func:`highlight_passages`: short passages around
  chosen spans (detector misses, examples), each highlighted.
- Axes-level plots (tidy DataFrame in, ``ax=None``, the ``Axes`` out): :func:`device_rates`,
  :func:`device_map`, :func:`frame_heatmap`, :func:`frame_shares`, :func:`dispersion`,
  :func:`contrast`, :func:`pca_scatter`, :func:`dendrogram`, :func:`consensus_network`,
  :func:`zeta_bars`, :func:`rate_trend`, :func:`shade_years`; figure-level :func:`facet` and
  :func:`device_map_grid` return the grid.
- :func:`kwic` / :func:`kwic_style`: keyword in context.
- Tables for the plots: :func:`locate_spans`, :func:`term_positions`, :func:`word_counts`,
  :func:`figure_instances` (one row per figure, its parts joined).
- :func:`paper_style`, :func:`save_figure`, :func:`save_table`: figures and tables for a paper;
  :func:`figure_size` for one-column (3.5 in) and two-column (7 in) widths.
- :func:`display_name` / :func:`display_names` / :func:`display_value`: the words a reader sees
  for device, frame, kind, method and column names ("Security and defense"), in every figure;
  :func:`display_text` shows words and text names as they are (the word "rate" stays "rate").
"""

from rhetoric.viz.highlight import (
    Highlight,
    highlight,
    highlight_page,
    highlight_pages,
    highlight_passages,
)
from rhetoric.viz.kwic import kwic, kwic_style
from rhetoric.viz.labels import display_name, display_names, display_text, display_value
from rhetoric.viz.plots import (
    consensus_network,
    contrast,
    dendrogram,
    device_map,
    device_map_grid,
    device_rates,
    dispersion,
    facet,
    frame_heatmap,
    frame_shares,
    pca_scatter,
    rate_trend,
    shade_years,
    zeta_bars,
)
from rhetoric.viz.style import (
    DEVICE_COLORS,
    GROUP_COLORS,
    ONE_COLUMN,
    TWO_COLUMN,
    device_color,
    device_palette,
    figure_size,
    paper_style,
    save_figure,
    save_table,
)
from rhetoric.viz.tables import figure_instances, locate_spans, term_positions, word_counts

__all__ = [
    "DEVICE_COLORS",
    "GROUP_COLORS",
    "ONE_COLUMN",
    "TWO_COLUMN",
    "Highlight",
    "consensus_network",
    "contrast",
    "dendrogram",
    "device_color",
    "device_map",
    "device_map_grid",
    "device_palette",
    "device_rates",
    "dispersion",
    "display_name",
    "display_names",
    "display_text",
    "display_value",
    "facet",
    "figure_instances",
    "figure_size",
    "frame_heatmap",
    "frame_shares",
    "highlight",
    "highlight_page",
    "highlight_pages",
    "highlight_passages",
    "kwic",
    "kwic_style",
    "locate_spans",
    "paper_style",
    "pca_scatter",
    "rate_trend",
    "save_figure",
    "save_table",
    "shade_years",
    "term_positions",
    "word_counts",
    "zeta_bars",
]
