"""Table 1's layout: one row per exam score, one column per model variant, cells written
as the report writes them, marks explained in footnotes and the norms named below.

Built from the tidy DataFrame (``build_table``); every output format renders this.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from examsim.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

CAPTION = (
    "Exam results. Each exam is simulated under its real conditions and scored on its own "
    "scale; the percentile is that of test takers in the norm group named below."
)
AWAITING = "awaiting grading"

# Marks in the order their footnotes are listed.
FOOTNOTES: dict[str, str] = {
    "*": "Contamination: the score on the items not found in the training corpus, projected "
    "to the full exam, was lower than the score on all items, and is the one reported.",
    "†": "Free responses graded by a model.",
    "‡": "Free responses graded by examsim's offline reference-match baseline, not by a "
    "grader: a placeholder, not a grade.",
    "§": "Several runs pooled: their samples are scored together.",
    "¶": "Unfinished run: items without a response are left out and the score is projected "
    "from the rest.",
}


@dataclass(frozen=True)
class Cell:
    """One model variant's result for one row."""

    text: str
    marks: tuple[str, ...] = ()
    status: str = "scored"

    @property
    def marked(self) -> str:
        return self.text + "".join(self.marks)


@dataclass(frozen=True)
class TableRow:
    name: str
    exam: str
    score: str
    cells: tuple[Cell | None, ...]
    """One per column; None where that variant did not sit the exam."""


@dataclass(frozen=True)
class Table1:
    """What every table format renders."""

    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    caption: str
    footnotes: tuple[tuple[str, str], ...]
    """(mark, text) for each mark used."""
    notes: tuple[str, ...]
    """Lines under the footnotes: norms, intervals, projection."""
    frame: pd.DataFrame


def _value(record: dict[str, Any], key: str) -> Any:
    value = record.get(key)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _interval_text(record: dict[str, Any]) -> str:
    from examsim.scoring.labels import number, ordinal, whole

    low, high = _value(record, "scaled_ci_low"), _value(record, "scaled_ci_high")
    if low is None or high is None:
        return ""
    text = number(low) if number(low) == number(high) else f"{number(low)} - {number(high)}"
    p_low, p_high = _value(record, "percentile_ci_low"), _value(record, "percentile_ci_high")
    if p_low is not None and p_high is not None:
        ends = ordinal(whole(p_low)), ordinal(whole(p_high))
        text += f"; {ends[0]}" if ends[0] == ends[1] else f"; {ends[0]} - {ends[1]}"
    return f" [{text}]"


def _cell(record: dict[str, Any], intervals: bool) -> Cell:
    status = str(record["status"])
    marks: list[str] = []
    if status == "needs_grading":
        text = AWAITING
    elif status == "no_items":
        text = "N/A"
    else:
        text = str(record["label"]) + (_interval_text(record) if intervals else "")
        if record["contamination_applied"]:
            marks.append("*")
    kinds = str(record["grader_kind"] or "").split(", ")
    if "model" in kinds:
        marks.append("†")
    if "baseline" in kinds:
        marks.append("‡")
    if len(record["runs"]) > 1:
        marks.append("§")
    if record["missing"]:
        marks.append("¶")
    return Cell(text, tuple(marks), status)


def _names(records: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Row names; two exams reporting a score of the same name are told apart by exam id."""
    keys = list(dict.fromkeys((r["exam"], r["score"]) for r in records))
    name_of = {(r["exam"], r["score"]): str(r["row"]) for r in records}
    counts: dict[str, int] = {}
    for key in keys:
        counts[name_of[key]] = counts.get(name_of[key], 0) + 1
    return {key: name_of[key] if counts[name_of[key]] == 1 else f"{name_of[key]} ({key[0]})"
            for key in keys}


def _sorted(rows: list[TableRow], columns: tuple[str, ...], sort: str,
            lows: dict[tuple[str, str, str], tuple[float, float]]) -> list[TableRow]:
    if sort not in columns:
        raise UsageError(f"--sort {sort}: no such column. Fix: use one of: "
                         f"{', '.join(columns)} (or leave --sort out for the report's order).")
    with_value = [r for r in rows if (r.exam, r.score, sort) in lows]
    without = [r for r in rows if (r.exam, r.score, sort) not in lows]
    with_value.sort(key=lambda r: tuple(-v for v in lows[(r.exam, r.score, sort)]))
    return with_value + without


def _norm_notes(records: list[dict[str, Any]], names: dict[tuple[str, str], str],
                norms: str | None) -> list[str]:
    tables: dict[tuple[str, str, str, str], list[str]] = {}
    without: list[str] = []
    for r in records:
        if r["status"] != "scored":
            continue
        row = names[(r["exam"], r["score"])]
        if _value(r, "norms") is None:
            if row not in without:
                without.append(row)
            continue
        key = (str(r["norms"]), str(r["norms_name"]), str(r["norms_vintage"]),
               str(r["norms_quality"]))
        if row not in tables.setdefault(key, []):
            tables[key].append(row)
    head = f"Norm set: {norms}." if norms else "Norms: each scale's default norm table."
    lines = [head]
    for (ident, name, vintage, quality), rows in tables.items():
        lines.append(f"{', '.join(rows)}: norms {ident} ({quality}): {name}; {vintage}.")
    if without:
        lines.append(f"No percentile (no public norm table): {', '.join(without)}.")
    return lines


def table1(frame: pd.DataFrame, *, sort: str | None = None, intervals: bool = False,
           norms: str | None = None) -> Table1:
    """Lay the tidy frame out as Table 1 (rows in the report's order, or by ``sort``, a
    column's percentile, highest first)."""
    records: list[dict[str, Any]] = frame.to_dict(orient="records")  # type: ignore[assignment]
    known = list(dict.fromkeys(str(r["variant"]) for r in records))
    ordered = [v for v in frame.attrs.get("variants", []) if v in known]
    columns = tuple(ordered + [v for v in known if v not in ordered])
    names = _names(records)
    cells: dict[tuple[str, str], dict[str, Cell]] = {}
    lows: dict[tuple[str, str, str], tuple[float, float]] = {}
    for r in sorted(records, key=lambda r: (r["report_order"], names[(r["exam"], r["score"])])):
        key = (str(r["exam"]), str(r["score"]))
        cells.setdefault(key, {})[str(r["variant"])] = _cell(r, intervals)
        low, high = _value(r, "percentile_low"), _value(r, "percentile_high")
        if low is not None and high is not None and r["status"] == "scored":
            lows[(*key, str(r["variant"]))] = (float(low), float(high))
    rows = [TableRow(names[key], key[0], key[1], tuple(by.get(c) for c in columns))
            for key, by in cells.items()]
    if sort is not None:
        rows = _sorted(rows, columns, sort, lows)

    used = {m for row in rows for cell in row.cells if cell for m in cell.marks}
    footnotes = tuple((mark, text) for mark, text in FOOTNOTES.items() if mark in used)
    notes = _norm_notes(records, names, norms)
    if any(c and c.status == "needs_grading" for row in rows for c in row.cells):
        notes.append(f"{AWAITING}: free responses still need a grade "
                     "(examsim grade RUN_DIR); no score is shown until they have one.")
    if any(bool(r["projected"]) for r in records):
        notes.append("Scores from forms shorter than the real exam are projected to its "
                     "full length.")
    if intervals:
        notes.append("[a - b; c - d]: 95 % bootstrap interval of the scaled score; "
                     "c - d of the percentile.")
    return Table1(columns, tuple(rows), CAPTION, footnotes, tuple(notes), frame)


def cell_strings(table: Table1, empty: str = "-") -> list[list[str]]:
    """Every row as plain strings: the name, then each cell with its marks."""
    return [[row.name, *(c.marked if c else empty for c in row.cells)] for row in table.rows]


def header(table: Table1) -> list[str]:
    return ["Exam", *table.columns]


def all_notes(table: Table1) -> Sequence[str]:
    """Footnotes (mark first), then the notes."""
    return [f"{mark} {text}" for mark, text in table.footnotes] + list(table.notes)
