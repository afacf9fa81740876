"""Table formats: Markdown, CSV, LaTeX and HTML lay out Table 1; JSON carries the layout
and the tidy data; Parquet the tidy data alone.

Each format is one object in the ``table_formats`` registry with a ``suffix``, a
``binary`` flag and one method, ``render(table) -> str | bytes``. A plug-in adds its own
through the entry-point group ``examsim.table_formats``.
"""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Protocol

from examsim.errors import DependencyError
from examsim.registry import Registry
from examsim.reports.layout import Table1, all_notes, cell_strings, header


class TableFormat(Protocol):
    """How a table is written in one file format."""

    suffix: str
    """File name suffix, e.g. ``.md``."""
    binary: bool
    """True when ``render`` returns bytes (the output must go to a file)."""

    def render(self, table: Table1) -> str | bytes:
        """The whole table in this format."""
        ...


table_formats: Registry[TableFormat] = Registry("table_formats", builtins={
    "md": "examsim.reports.formats:MARKDOWN",
    "csv": "examsim.reports.formats:CSV",
    "latex": "examsim.reports.formats:LATEX",
    "html": "examsim.reports.formats:HTML",
    "json": "examsim.reports.formats:JSON",
    "parquet": "examsim.reports.formats:PARQUET",
})


def format_for_suffix(suffix: str) -> str | None:
    """The format a file name's suffix implies (``.tex`` -> ``latex``), if any."""
    suffix = suffix.lower()
    aliases = {".markdown": "md", ".tex": "latex", ".htm": "html"}
    if suffix in aliases:
        return aliases[suffix]
    for name in table_formats.names():
        if table_formats.get(name).suffix == suffix:
            return name
    return None


class Markdown:
    """A pipe table, its caption first (``Table:``, as pandoc reads it), then each note as
    a paragraph."""

    suffix = ".md"
    binary = False

    @staticmethod
    def _escape(text: str) -> str:
        for char in ("\\", "|", "*", "_"):
            text = text.replace(char, "\\" + char)
        return text

    def render(self, table: Table1) -> str:
        grid = [header(table), *cell_strings(table)]
        grid = [[self._escape(text) for text in row] for row in grid]
        widths = [max(len(row[i]) for row in grid) for i in range(len(grid[0]))]
        lines = [f"Table: {table.caption}", ""]
        for number, row in enumerate(grid):
            lines.append("| " + " | ".join(t.ljust(w) for t, w in zip(row, widths, strict=True))
                         + " |")
            if number == 0:
                lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for note in all_notes(table):
            lines += ["", self._escape(note)]
        return "\n".join(lines) + "\n"


class Csv:
    """The table's rows; after one empty row, the footnotes and notes in the first column
    (so a spreadsheet shows them under the table)."""

    suffix = ".csv"
    binary = False

    def render(self, table: Table1) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header(table))
        writer.writerows(cell_strings(table, empty=""))
        writer.writerow([])
        for note in all_notes(table):
            writer.writerow([note])
        return buffer.getvalue()


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"$\sim$", "^": r"\^{}",
    "*": r"$^{*}$", "†": r"$^{\dagger}$", "‡": r"$^{\ddagger}$", "§": r"$^{\S}$",
    "¶": r"$^{\P}$",
}


def latex_escape(text: str) -> str:
    """Text for LaTeX: special characters escaped, ``~88th`` as ``$\\sim$88th``, marks
    as superscripts."""
    return "".join(_LATEX_SPECIAL.get(char, char) for char in text)


class Latex:
    """A ``table`` float with a booktabs ``tabular``, notes in small print, then the caption."""

    suffix = ".tex"
    binary = False

    def render(self, table: Table1) -> str:
        width = len(table.columns) + 1
        lines = [
            "% Table 1 layout; needs \\usepackage{booktabs}",
            "\\begin{table}[t]",
            "\\centering",
            "\\small",
            "\\begin{tabular}{l" + "c" * (width - 1) + "}",
            "\\toprule",
            " & ".join(latex_escape(t) for t in header(table)) + " \\\\",
            "\\midrule",
        ]
        for row in cell_strings(table):
            lines.append(" & ".join(latex_escape(t) for t in row) + " \\\\")
        lines += ["\\bottomrule", "\\end{tabular}"]
        notes = all_notes(table)
        if notes:
            lines += ["\\par\\smallskip", "\\begin{minipage}{\\linewidth}\\footnotesize"]
            lines += [latex_escape(note) + ("\\\\" if i < len(notes) - 1 else "")
                      for i, note in enumerate(notes)]
            lines.append("\\end{minipage}")
        lines += [f"\\caption{{{latex_escape(table.caption)}}}", "\\label{tab:exams}",
                  "\\end{table}"]
        return "\n".join(lines) + "\n"


class Html:
    """One ``<table>`` element: caption, header, a row per exam, notes in the footer."""

    suffix = ".html"
    binary = False

    def render(self, table: Table1) -> str:
        span = len(table.columns) + 1
        out = ['<table class="examsim-table1">', f"<caption>{html.escape(table.caption)}</caption>",
               "<thead>", "<tr>"]
        out += [f'<th scope="col">{html.escape(t)}</th>' for t in header(table)]
        out += ["</tr>", "</thead>", "<tbody>"]
        for row in table.rows:
            out.append(f'<tr><th scope="row">{html.escape(row.name)}</th>' + "".join(
                "<td></td>" if cell is None else
                f"<td>{html.escape(cell.text)}"
                + "".join(f"<sup>{html.escape(m)}</sup>" for m in cell.marks) + "</td>"
                for cell in row.cells
            ) + "</tr>")
        out.append("</tbody>")
        notes = all_notes(table)
        if notes:
            out.append("<tfoot>")
            out += [f'<tr><td colspan="{span}">{html.escape(note)}</td></tr>' for note in notes]
            out.append("</tfoot>")
        out.append("</table>")
        return "\n".join(out) + "\n"


class Json:
    """The layout (columns, rows of cells, footnotes, notes) and the tidy data."""

    suffix = ".json"
    binary = False

    def render(self, table: Table1) -> str:
        from examsim.reports.frame import frame_records

        data = {
            "caption": table.caption,
            "columns": list(table.columns),
            "rows": [{
                "name": row.name,
                "exam": row.exam,
                "score": row.score,
                "cells": {column: None if cell is None else {
                    "text": cell.text, "marks": list(cell.marks), "status": cell.status}
                    for column, cell in zip(table.columns, row.cells, strict=True)},
            } for row in table.rows],
            "footnotes": [{"mark": mark, "text": text} for mark, text in table.footnotes],
            "notes": list(table.notes),
            "data": frame_records(table.frame),
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


class Parquet:
    """The tidy DataFrame as a Parquet file (needs pyarrow: the ``parquet`` extra)."""

    suffix = ".parquet"
    binary = True

    def render(self, table: Table1) -> bytes:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise DependencyError("pyarrow", "parquet", "Writing Parquet") from None
        buffer = io.BytesIO()
        frame = table.frame.copy()
        frame.attrs = {}  # pandas would store them as JSON metadata; the columns suffice
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()


MARKDOWN = Markdown()
CSV = Csv()
LATEX = Latex()
HTML = Html()
JSON = Json()
PARQUET = Parquet()
