"""Figure 4: per exam, the lower end of each model's percentile range, bars side by side,
exams ordered by the first model's percentile (low to high), as in the GPT-4 report.

Taking the lower end is the report's conservative choice: an AP 5 shows as the 85th
percentile when 15 % of takers score 5. Rows without a percentile for any model (no public
norm table, or no score yet) are left out and listed in the result.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from examsim.errors import DependencyError, UsageError

if TYPE_CHECKING:
    import pandas as pd

SUFFIXES = (".png", ".svg", ".pdf")
WIDTH_IN, HEIGHT_IN, DPI = 7.0, 4.5, 200
Y_LABEL = "Estimated percentile lower bound (among test takers)"
# Okabe-Ito colours: told apart by readers with colour-vision deficiencies and in greyscale.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
           "#F0E442")


@dataclass(frozen=True)
class FigureData:
    """What the figure shows: rows in plotting order and each model's lower bound."""

    columns: tuple[str, ...]
    rows: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    """One tuple per row, one value per column (None: no bar)."""
    left_out: tuple[str, ...]
    """Rows without a percentile for any model."""
    no_bar: tuple[tuple[str, str], ...] = ()
    """(row, column) of drawn rows where that model sat the exam but has no percentile
    (awaiting grading, no items left)."""

    @property
    def bars(self) -> int:
        return sum(v is not None for row in self.values for v in row)


@dataclass(frozen=True)
class FigureResult:
    path: Path
    data: FigureData
    width_in: float
    height_in: float
    dpi: int


_ABBREVIATED = re.compile(r"^.+?\(([A-Z]{2,6})\)\s+(\S.*)$")


def short_name(name: str) -> str:
    """A row name for a tick label: a spelled-out name with its abbreviation in brackets
    gives way to the abbreviation (``Graduate Record Examination (GRE) Verbal`` -> ``GRE
    Verbal``), as the report's figure labels its exams."""
    found = _ABBREVIATED.match(name)
    return f"{found.group(1)} {found.group(2)}" if found else name


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def figure_data(frame: pd.DataFrame) -> FigureData:
    """The bars of Figure 4 from the tidy frame of ``build_table``."""
    from examsim.reports.layout import table1

    table = table1(frame)  # row names, row order and columns exactly as in Table 1
    lows: dict[tuple[str, str, str], float] = {}
    for record in frame.to_dict(orient="records"):
        low = _number(record["percentile_low"])
        if low is not None and record["status"] == "scored":
            lows[(str(record["exam"]), str(record["score"]), str(record["variant"]))] = low
    drawn: list[tuple[str, tuple[float | None, ...]]] = []
    left_out: list[str] = []
    no_bar: list[tuple[str, str]] = []
    for row in table.rows:
        values = tuple(lows.get((row.exam, row.score, c)) for c in table.columns)
        if all(v is None for v in values):
            left_out.append(row.name)
            continue
        drawn.append((row.name, values))
        no_bar += [(row.name, column) for column, cell, value in
                   zip(table.columns, row.cells, values, strict=True)
                   if cell is not None and value is None]
    # Low to high by the first model; rows it lacks go last, ordered by the next models.
    drawn.sort(key=lambda item: tuple((0, v) if v is not None else (1, 0.0) for v in item[1]))
    return FigureData(table.columns, tuple(n for n, _ in drawn), tuple(v for _, v in drawn),
                      tuple(left_out), tuple(no_bar))


def _checked_suffix(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"--out {out}: the figure is written as PNG, SVG or PDF. Fix: name "
                         "a file ending in .png, .svg or .pdf.")
    return suffix


def plot(data: FigureData, out: Path) -> FigureResult:
    """Draw ``data`` into ``out`` (.png, .svg or .pdf), reproducibly."""
    out = Path(out)
    suffix = _checked_suffix(out)
    if not data.rows:
        raise UsageError("No exam has a percentile to draw (left out: "
                         f"{', '.join(data.left_out) or 'none'}). Fix: give runs of exams "
                         "whose scales have norm tables, graded in full.")
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch
    except ImportError:
        raise DependencyError("matplotlib", "plot", "Drawing Figure 4") from None

    many = len(data.rows) > 16
    with matplotlib.rc_context({"svg.hashsalt": "examsim-figure-4", "font.size": 8}):
        figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        count = len(data.columns)
        width = 0.8 / count
        for c in range(count):
            colour = COLOURS[c % len(COLOURS)]
            for r, row in enumerate(data.values):
                value = row[c]
                if value is None:
                    continue
                x = r + (c - (count - 1) / 2) * width
                (bar,) = axes.bar(x, value, width=width, color=colour, label="_nolegend_")
                bar.set_gid(f"bar-{c}-{r}")  # names each bar's element in the SVG
        # Above the axes, so no bar is ever hidden behind it.
        axes.legend(handles=[Patch(color=COLOURS[c % len(COLOURS)], label=column)
                             for c, column in enumerate(data.columns)],
                    loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(count, 4),
                    frameon=False, fontsize=7 if many else 8)
        axes.set_xticks(range(len(data.rows)))
        # Two-line labels only while there is room; crowded single lines stay apart.
        width_chars = 24 if len(data.rows) <= 12 else 200
        axes.set_xticklabels([textwrap.fill(short_name(name), width_chars)
                              for name in data.rows],
                             rotation=45, ha="right", rotation_mode="anchor",
                             multialignment="right", fontsize=6 if many else 7)
        axes.set_xlim(-0.6, len(data.rows) - 0.4)
        axes.set_ylim(0, 100)
        axes.set_yticks(range(0, 101, 20))
        axes.set_ylabel(Y_LABEL)
        rows_of_legend = -(-count // 4)
        axes.set_title(f"Exam results (ordered by {data.columns[0]} performance)",
                       fontsize=10, pad=8 + 14 * rows_of_legend)
        axes.grid(axis="y", linewidth=0.4, alpha=0.5)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        out.parent.mkdir(parents=True, exist_ok=True)
        metadata: dict[str, Any] = {"svg": {"Date": None}, "pdf": {"CreationDate": None},
                                    "png": {}}[suffix[1:]]
        figure.savefig(out, format=suffix[1:], dpi=DPI, metadata=metadata)
    return FigureResult(out, data, WIDTH_IN, HEIGHT_IN, DPI)


def draw_figure(
    run_dirs: Iterable[str | Path] | str | Path,
    out: str | Path,
    *,
    norms: str | None = None,
    packs: Sequence[Path] = (),
) -> FigureResult:
    """Figure 4 of the runs under ``run_dirs``, written to ``out``."""
    from examsim.reports.frame import score_rows, to_frame

    _checked_suffix(Path(out))  # before any run is scored
    rows, columns = score_rows(run_dirs, norms, packs=packs, bootstrap=0)
    return plot(figure_data(to_frame(rows, columns)), Path(out))
