"""``examsim table``: Table 1 from run directories, in one of the table formats."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from examsim.errors import UsageError
from examsim.reports.formats import table_formats
from examsim.reports.frame import DEFAULT_REPLICATES, score_rows, to_frame
from examsim.reports.layout import Table1, table1


def make_table(
    run_dirs: Iterable[str | Path] | str | Path,
    *,
    norms: str | None = None,
    sort: str | None = None,
    intervals: bool = False,
    packs: Sequence[Path] = (),
    seed: int = 0,
) -> Table1:
    """Table 1 of the runs under ``run_dirs``. Intervals (a bootstrap of
    1000 replicates) are computed only when asked for."""
    rows, columns = score_rows(run_dirs, norms, packs=packs,
                               bootstrap=DEFAULT_REPLICATES if intervals else 0, seed=seed)
    return table1(to_frame(rows, columns), sort=sort, intervals=intervals, norms=norms)


def render_table(table: Table1, fmt: str = "md") -> str | bytes:
    """The table written in format ``fmt`` (a name in the ``table_formats`` registry)."""
    if fmt not in table_formats:
        raise UsageError(f"--format {fmt}: unknown table format. Fix: use one of "
                         f"{', '.join(table_formats.names())}.")
    return table_formats.get(fmt).render(table)
