"""``examsim table``, ``examsim figure`` and ``examsim show-run``: exact output and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from tests.reports.test_formats import GOLDEN

runner = CliRunner()


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_table_prints_markdown(report_runs: Path) -> None:
    code, out, err = _run("table", report_runs)
    assert (code, err) == (0, "")
    assert out == (GOLDEN / "table1.md").read_text(encoding="utf-8")


def test_table_format_from_the_out_suffix(report_runs: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "tables" / "table1.tex"
    code, out, _ = _run("table", report_runs, "--out", out_file)
    assert code == 0
    assert out == (f"Wrote {out_file} (latex: 8 rows, 3 column(s): mock/model-a, "
                   "mock/model-a (no vision), mock/model-b)\n")
    assert out_file.read_text(encoding="utf-8") == (GOLDEN / "table1.tex").read_text(
        encoding="utf-8")
    # --format wins over the suffix.
    code, _, _ = _run("table", report_runs, "--out", out_file, "--format", "csv")
    assert code == 0
    assert out_file.read_text(encoding="utf-8") == (GOLDEN / "table1.csv").read_text(
        encoding="utf-8")


def test_table_json_and_parquet(report_runs: Path, tmp_path: Path) -> None:
    code, out, _ = _run("table", report_runs / "a-model-a" / "lsat", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["rows"][0]["cells"] == {"mock/model-a": {"text": "169 (~93rd)", "marks": [],
                                                         "status": "scored"}}
    target = tmp_path / "t.parquet"
    code, _, _ = _run("table", report_runs / "a-model-a" / "lsat", "--out", target)
    assert code == 0 and target.read_bytes()[:4] == b"PAR1"


def test_table_intervals_and_sort(report_runs: Path) -> None:
    code, out, _ = _run("table", report_runs / "a-model-a" / "lsat", "--intervals")
    assert code == 0
    assert "| LSAT | 169 (~93rd) [155 - 180; 54th - 100th] |" in out
    code, out, _ = _run("table", report_runs / "a-model-a", "--sort", "mock/model-a")
    assert code == 0
    names = [line.split("|")[1].strip() for line in out.splitlines() if line.startswith("| ")]
    assert names[:3] == ["Exam", "GRE Verbal", "LSAT"]


@pytest.mark.parametrize("args, message", [
    (["--format", "parquet"], "Error: --format parquet writes a binary file. Fix: add --out "
                              "FILE.parquet.\n"),
    (["--format", "docx"], "Error: --format docx: unknown table format. Fix: use one of csv, "
                           "html, json, latex, md, parquet.\n"),
    (["--sort", "gpt-5"], "Error: --sort gpt-5: no such column. Fix: use one of: mock/model-a, "
                          "mock/model-a (no vision), mock/model-b (or leave --sort out for the "
                          "report's order).\n"),
])
def test_table_usage_errors(report_runs: Path, args: list[str], message: str) -> None:
    code, out, err = _run("table", report_runs, *args)
    assert (code, out, err) == (2, "", message)


def test_table_of_no_runs(tmp_path: Path) -> None:
    code, _, err = _run("table", tmp_path)
    assert code == 1
    assert err == (f"Error: {tmp_path}: holds no run directories (no manifest.json found). "
                   "Fix: give folders written by 'examsim run'.\n")


def test_figure(report_runs: Path, tmp_path: Path) -> None:
    target = tmp_path / "figure4.svg"
    code, out, _ = _run("figure", report_runs, "--out", target)
    assert code == 0
    assert out == (
        f"Wrote {target} (7 x 4.5 in): 6 exam(s), 3 model(s), 12 bar(s)\n"
        "Order: GRE Quantitative, Uniform Bar Exam (MBE+MEE+MPT), AP Biology, GRE Writing, "
        "LSAT, GRE Verbal\n"
        "No bar for GRE Writing, mock/model-b: no percentile (see examsim table)\n"
        "Left out (no percentile): USNCO Local Section Exam 2022, Mini Exam\n"
    )
    png = tmp_path / "figure4.png"
    code, out, _ = _run("figure", report_runs / "a-model-a" / "lsat", "--out", png)
    assert (code, out.splitlines()[0]) == (0, f"Wrote {png} (1400 x 900 px): 1 exam(s), "
                                              "1 model(s), 1 bar(s)")


def test_figure_needs_an_image_suffix(report_runs: Path, tmp_path: Path) -> None:
    code, _, err = _run("figure", report_runs, "--out", tmp_path / "f.gif")
    assert code == 2
    assert err == (f"Error: --out {tmp_path / 'f.gif'}: the figure is written as PNG, SVG or "
                   "PDF. Fix: name a file ending in .png, .svg or .pdf.\n")


def test_show_run_lists_items(report_runs: Path) -> None:
    run = report_runs / "c-model-b" / "ube"
    code, out, _ = _run("show-run", run)
    assert code == 0
    assert out == (
        f"Uniform Bar Exam (scoring test pack) (ube-mini): run {run}, mock/model-b\n"
        f"Contamination verdicts: {run / 'verdicts.json'}\n"
        "\n"
        "Item   Section  Status    Answer      Key  Points  Graded by  Contaminated\n"
        "mbe-1  mbe      answered  A           A       1/1  key        yes\n"
        "mbe-2  mbe      answered  B           B       1/1  key        yes\n"
        "mbe-3  mbe      answered  A           B       0/1  key        no\n"
        "mbe-4  mbe      answered  A           A       1/1  key        no\n"
        "mee-1  mee      answered  Essay one.  -       4/6  human      no\n"
        "mee-2  mee      answered  Essay two.  -       4/6  human      no\n"
        "mpt-1  mpt      answered  Memo.       -       3/6  human      no\n"
        "\n"
        "7 shown; 4 below full credit, 0 failed\n"
    )


def test_show_run_filters(report_runs: Path) -> None:
    run = report_runs / "b-model-a-no-vision" / "lsat"
    code, out, _ = _run("show-run", run, "--failed")
    assert code == 0
    assert out.splitlines()[2:] == [
        "Item  Section  Status    Answer  Key  Points  Graded by",
        "rc-1  rc       unparsed  -       C       0/1  key",
        "",
        "1 shown; 1 below full credit, 1 failed",
    ]
    code, out, _ = _run("show-run", run, "--wrong")
    assert [line.split()[0] for line in out.splitlines()[3:5]] == ["lr-3", "rc-1"]
    code, out, _ = _run("show-run", report_runs / "a-model-a" / "usnco", "--wrong")
    assert out.splitlines()[2:] == ["No items match."]


def test_show_run_one_item(report_runs: Path) -> None:
    run = report_runs / "a-model-a" / "gre"
    code, out, _ = _run("show-run", run, "--item", "argument")
    assert code == 0
    assert out == (
        f"GRE (scoring test pack) (gre-mini): run {run}, mock/model-a\n"
        "\n"
        "Item argument (section writing, free response), sample 0\n"
        "Status: answered\n"
        "Prompt digest: -\n"
        "Prompt: not shown (no prompt digest recorded)\n"
        "Response:\n"
        "  Answer: An analysis.\n"
        "Extracted answer: An analysis.\n"
        "Points: 4.5 / 6\n"
        "Grade: 4.5 (model: openai/gpt-4o 4.5)\n"
        "  comment (openai/gpt-4o): openai/gpt-4o says so\n"
        "Contamination: no verdict\n"
    )


def test_show_run_json(report_runs: Path) -> None:
    code, out, _ = _run("show-run", report_runs / "c-model-b" / "ube", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["variant"] == "mock/model-b"
    first = data["items"][0]
    assert {k: first[k] for k in ("item", "answer", "key", "correct", "points", "failed",
                                  "wrong")} == {
        "item": "mbe-1", "answer": "A", "key": "A", "correct": True, "points": 1.0,
        "failed": False, "wrong": False}
    assert first["verdict"]["contaminated"] is True


def test_show_run_unknown_item(report_runs: Path) -> None:
    run = report_runs / "a-model-a" / "lsat"
    code, _, err = _run("show-run", run, "--item", "zz")
    assert code == 1
    assert err.startswith(f"Error: {run}: the run's form has no item 'zz'.")
