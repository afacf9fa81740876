"""Reports from run directories: Table 1, Figure 4 and the per-item view of a run.

    build_table(run_dirs)        the tidy DataFrame: one row per model variant x exam x score
    make_table(run_dirs)         Table 1's layout, rendered by render_table(table, fmt)
    draw_figure(run_dirs, out)   Figure 4: percentile lower bounds, models side by side
    run_items(run_dir)           every item of a run: answer, key, points, grade, verdict

Nothing here calls a model: reports read finished runs only.
"""

from __future__ import annotations

from examsim.reports.figure import draw_figure
from examsim.reports.formats import TableFormat, table_formats
from examsim.reports.frame import build_table
from examsim.reports.items import run_items
from examsim.reports.table import make_table, render_table

__all__ = [
    "TableFormat",
    "build_table",
    "draw_figure",
    "make_table",
    "render_table",
    "run_items",
    "table_formats",
]
