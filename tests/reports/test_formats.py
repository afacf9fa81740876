"""Table 1 in every format: golden files for Markdown, CSV, LaTeX and HTML; the HTML
parses; JSON and Parquet carry the tidy data; sorting, intervals and plug-in formats."""

from __future__ import annotations

import csv
import io
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from examsim.errors import UsageError
from examsim.reports import make_table, render_table, table_formats
from examsim.reports.formats import format_for_suffix, latex_escape
from examsim.reports.layout import Table1

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="module")
def table(report_runs: Path) -> Table1:
    return make_table([report_runs])


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("EXAMSIM_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt, name", [("md", "table1.md"), ("csv", "table1.csv"),
                                       ("latex", "table1.tex"), ("html", "table1.html")])
def test_golden(table: Table1, fmt: str, name: str) -> None:
    text = render_table(table, fmt)
    assert isinstance(text, str)
    _golden(name, text)


def test_cells_as_the_report_writes_them(table: Table1) -> None:
    cells = {(row.name, column): cell.marked if cell else None
             for row in table.rows for column, cell in zip(table.columns, row.cells,
                                                           strict=True)}
    a, nv, b = "mock/model-a", "mock/model-a (no vision)", "mock/model-b"
    # A mix of scale kinds in one table.
    assert cells[("Uniform Bar Exam (MBE+MEE+MPT)", a)] == "293 / 400 (73rd - 90th)"
    assert cells[("LSAT", a)] == "169 (~93rd)"
    assert cells[("GRE Writing", a)] == "5 / 6 (~92nd)†"
    assert cells[("AP Biology", a)] == "5 (85th - 100th)"
    assert cells[("AP Biology", nv)] == "4 (62nd - 85th)"
    assert cells[("USNCO Local Section Exam 2022", a)] == "60 / 60"
    assert cells[("Mini Exam", a)] == "80 %‡"
    # Marks: contaminated lower score, pooled runs, awaiting grading, unfinished run.
    assert cells[("Uniform Bar Exam (MBE+MEE+MPT)", b)] == "220 / 400 (below 26th)*"
    assert cells[("LSAT", b)].endswith("§")
    assert cells[("GRE Writing", b)] == "awaiting grading"
    assert cells[("USNCO Local Section Exam 2022", b)] == "45 / 60¶"
    assert cells[("Mini Exam", b)] is None
    assert [mark for mark, _ in table.footnotes] == ["*", "†", "‡", "§", "¶"]


def test_html_parses_into_the_table(table: Table1) -> None:
    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.rows: list[list[str]] = []
            self.caption = ""
            self.in_body = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.stack.append(tag)
            if tag == "tbody":
                self.in_body = True
            if tag == "tr" and self.in_body:
                self.rows.append([])
            if tag in ("td", "th") and self.in_body:
                self.rows[-1].append("")

        def handle_endtag(self, tag: str) -> None:
            assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"
            if tag == "tbody":
                self.in_body = False

        def handle_data(self, data: str) -> None:
            if self.stack and self.stack[-1] == "caption":
                self.caption += data
            elif self.in_body and self.rows and self.stack[-1] in ("td", "th", "sup"):
                self.rows[-1][-1] += data

    parser = Collect()
    text = render_table(table, "html")
    assert isinstance(text, str)
    parser.feed(text)
    parser.close()
    assert parser.stack == []
    assert parser.caption == table.caption
    assert parser.rows == [[row.name, *(c.marked if c else "" for c in row.cells)]
                           for row in table.rows]


def test_csv_reads_back(table: Table1) -> None:
    text = render_table(table, "csv")
    assert isinstance(text, str)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Exam", *table.columns]
    body = rows[1: 1 + len(table.rows)]
    assert [r[0] for r in body] == [row.name for row in table.rows]
    assert rows[1 + len(table.rows)] == []
    assert rows[2 + len(table.rows)][0].startswith("* Contamination")


def test_json_has_layout_and_tidy_data(table: Table1) -> None:
    text = render_table(table, "json")
    assert isinstance(text, str)
    data = json.loads(text)
    assert data["columns"] == list(table.columns)
    assert [r["name"] for r in data["rows"]] == [r.name for r in table.rows]
    ube = data["rows"][0]["cells"]["mock/model-b"]
    assert ube == {"text": "220 / 400 (below 26th)", "marks": ["*"], "status": "scored"}
    assert len(data["data"]) == len(table.frame)
    first = data["data"][0]
    assert first["percentile_low"] == 73 and first["scaled_ci_low"] is None
    assert data["data"][0]["runs"] == list(table.frame.iloc[0].runs)


def test_parquet_round_trip(table: Table1) -> None:
    data = render_table(table, "parquet")
    assert isinstance(data, bytes) and data[:4] == b"PAR1"
    back = pd.read_parquet(io.BytesIO(data))
    assert list(back.columns) == list(table.frame.columns)
    assert list(back.label) == list(table.frame.label)
    assert [list(r) for r in back.runs] == [list(r) for r in table.frame.runs]


def test_sort_by_a_columns_percentile(report_runs: Path) -> None:
    table = make_table([report_runs], sort="mock/model-a")
    names = [row.name for row in table.rows]
    assert names == ["GRE Verbal", "LSAT", "GRE Writing", "AP Biology",
                     "Uniform Bar Exam (MBE+MEE+MPT)", "GRE Quantitative",
                     # no percentile: report order
                     "USNCO Local Section Exam 2022", "Mini Exam"]
    with pytest.raises(UsageError, match="--sort gpt-5: no such column"):
        make_table([report_runs], sort="gpt-5")


def test_intervals(report_runs: Path) -> None:
    table = make_table([report_runs], intervals=True)
    frame = table.frame
    scored = frame[frame.status == "scored"]
    assert scored.scaled_ci_low.notna().all()
    assert (scored.scaled_ci_low <= scored.scaled).all()
    assert (scored.scaled <= scored.scaled_ci_high).all()
    lsat = next(row for row in table.rows if row.name == "LSAT").cells[0]
    record = frame[(frame.exam == "lsat-mini") & (frame.variant == "mock/model-a")].iloc[0]
    assert lsat is not None
    assert lsat.text.startswith(f"169 (~93rd) [{record.scaled_ci_low:g} - "
                                f"{record.scaled_ci_high:g}; ")
    assert any(note.startswith("[a - b; c - d]: 95 % bootstrap") for note in table.notes)


def test_norm_set_named(report_runs: Path) -> None:
    table = make_table([report_runs / "a-model-a" / "lsat"], norms="gpt4-report")
    assert table.notes[0] == "Norm set: gpt4-report."
    assert table.notes[1].startswith("LSAT: norms lsat-2016-2019 (reprint)")


def test_latex_escape() -> None:
    assert latex_escape("75 %") == r"75 \%"
    assert latex_escape("163 (~88th)*") == r"163 ($\sim$88th)$^{*}$"
    assert latex_escape("a_b & c#{d}$") == r"a\_b \& c\#\{d\}\$"
    assert latex_escape("x\\y^2†‡§¶") == r"x\textbackslash{}y\^{}2$^{\dagger}$$^{\ddagger}$" \
        r"$^{\S}$$^{\P}$"


def test_format_names_and_suffixes(table: Table1) -> None:
    assert table_formats.names() == ["csv", "html", "json", "latex", "md", "parquet"]
    assert format_for_suffix(".tex") == "latex"
    assert format_for_suffix(".CSV") == "csv"
    assert format_for_suffix(".parquet") == "parquet"
    assert format_for_suffix(".txt") is None
    with pytest.raises(UsageError, match="--format docx: unknown table format"):
        render_table(table, "docx")


def test_a_plugin_format_renders_the_same_layout(table: Table1) -> None:
    class Tsv:
        suffix = ".tsv"
        binary = False

        def render(self, table: Table1) -> str:
            return "\n".join("\t".join(cell.marked if cell else "" for cell in row.cells)
                             for row in table.rows)

    table_formats.add("tsv", Tsv())
    try:
        text = render_table(table, "tsv")
        assert isinstance(text, str)
        assert text.splitlines()[1] == "169 (~93rd)\t161 (~74th)\t165 (~85th)§"
        assert format_for_suffix(".tsv") == "tsv"
    finally:
        table_formats.remove("tsv")


def test_same_row_name_from_two_exams(report_runs: Path, tmp_path: Path) -> None:
    from examsim.resources import bundled_dir
    from tests.reports.runfiles import write_run

    write_run(tmp_path / "ap-biology", bundled_dir("exams") / "ap-biology", {"bio-mc-01": "B"})
    table = make_table([report_runs / "a-model-a" / "ap", tmp_path / "ap-biology"])
    assert [row.name for row in table.rows] == ["AP Biology (ap-biology)", "AP Biology (ap-mini)"]
