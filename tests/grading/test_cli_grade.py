"""``examsim grade``: status, baseline grading, spreadsheet round trip, usage errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.runlog import GradeRecord

from .conftest import MakeRun

runner = CliRunner()


def out_lines(text: str) -> list[str]:
    """Output lines without the padding rich leaves after table cells."""
    return [line.rstrip() for line in text.splitlines()]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_status_of_an_ungraded_run_says_what_needs_grading(make_run: MakeRun, in_tmp: Path) -> None:
    make_run()
    result = runner.invoke(app, ["grade", "run-0"])
    assert result.exit_code == 0, result.output
    assert out_lines(result.output) == [
        "Run run-0 (exam mini): 2 free response(s), 0 graded.",
        "Item     Sample  Score  Kind  Graders",
        "essay-1       0  - / 3  -     ungraded",
        "essay-2       0  - / 6  -     ungraded",
        "Needs grading: essay-1 (sample 0), essay-2 (sample 0). Grade with --grader SPEC, "
        "--human or --import FILE.",
    ]


def test_baseline_grading_is_labelled_as_such(make_run: MakeRun, in_tmp: Path) -> None:
    run = make_run()
    result = runner.invoke(app, ["grade", "run-0", "--grader", "mock/reference-match"])
    assert result.exit_code == 0, result.output
    scores = {g.item: g.score for g in run.grades()}
    # The fixture's essay 1 covers both criteria; essay 2 covers few reference terms.
    assert scores["essay-1"] == 3
    assert out_lines(result.output) == [
        "Graded with mock/reference-match: 2 new grade(s).",
        "Run run-0 (exam mini): 2 free response(s), 2 graded.",
        "Item     Sample  Score  Kind      Graders",
        "essay-1       0  3 / 3  baseline  mock/reference-match",
        f"essay-2       0  {scores['essay-2']:g} / 6  baseline  mock/reference-match",
        "Baseline grades come from mock/reference-match (term overlap with the reference "
        "answer), not a real grader.",
    ]
    again = runner.invoke(app, ["grade", "run-0", "--grader", "mock/reference-match"])
    assert out_lines(again.output)[0] == (
        "Graded with mock/reference-match: 0 new grade(s), 2 already graded."
    )


def test_two_human_graders_show_as_averaged_with_spread_and_alpha(
    make_run: MakeRun, in_tmp: Path
) -> None:
    run = make_run()
    for name, one, two in (("a", 3, 4), ("b", 2, 5)):
        run.append_grade(GradeRecord(item="essay-1", grader=f"human:{name}",
                                     grader_kind="human", score=one, max=3))
        run.append_grade(GradeRecord(item="essay-2", grader=f"human:{name}",
                                     grader_kind="human", score=two, max=6))
    result = runner.invoke(app, ["grade", "run-0"])
    # alpha over units (3, 2) and (4, 5): D_o = (2 + 2) / 4 = 1; mean 3.5, D_e =
    # 2 * 4 * (0.25 + 2.25 + 0.25 + 2.25) / 12 = 10/3; alpha = 1 - 3/10 = 0.70.
    assert out_lines(result.output) == [
        "Run run-0 (exam mini): 2 free response(s), 2 graded.",
        "Item     Sample  Score    Kind   Graders     Spread",
        "essay-1       0  2.5 / 3  human  human:a +1       1",
        "essay-2       0  4.5 / 6  human  human:a +1       1",
        "Agreement (human): 2 response(s) with 2+ graders, Krippendorff's alpha 0.70, mean "
        "spread 1.",
    ]


def test_json_status(make_run: MakeRun, in_tmp: Path) -> None:
    make_run()
    result = runner.invoke(app, ["grade", "run-0", "--json"])
    data = json.loads(result.output)
    assert data["ungraded"] == [{"item": "essay-1", "sample": 0}, {"item": "essay-2", "sample": 0}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--human", "--grader", "mock/reference-match"], "Choose one of --grader, --human."),
        (["--graders", "3"], "--graders needs --grader SPEC."),
        (["--grader-name", "x"], "--grader-name goes with --human or --import."),
        (["--grader", "mock/reference-match", "--graders", "2"],
         "mock/reference-match gives the same marks every time, so --graders 2 adds nothing. "
         "Fix: drop --graders, or use it with a model grader."),
        (["--human", "--json"], "--json does not go with --human."),
        (["--regrade"], "--regrade goes with --grader or --human."),
        (["--import", "x.csv", "--item", "essay-1"],
         "--item does not go with --import (the sheet says which items)."),
    ],
)
def test_usage_errors(make_run: MakeRun, in_tmp: Path, args: list[str], message: str) -> None:
    make_run()
    result = runner.invoke(app, ["grade", "run-0", *args])
    assert result.exit_code == 2
    assert result.output == f"Error: {message}\n"


def test_missing_run_directory(in_tmp: Path) -> None:
    result = runner.invoke(app, ["grade", "nowhere"])
    assert result.exit_code == 1
    assert result.output == "Error: No run directory at nowhere.\n"


# --- spreadsheet ----------------------------------------------------------------------------


def read_sheet(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_sheet(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


def test_export_then_import_round_trip(make_run: MakeRun, in_tmp: Path) -> None:
    run = make_run()
    result = runner.invoke(app, ["grade", "run-0", "--export", "sheet.csv"])
    assert result.output == (
        "Wrote 3 row(s) for 2 response(s) to sheet.csv. Fill the points column, then run: "
        "examsim grade run-0 --import sheet.csv\n"
    )
    rows = read_sheet(in_tmp / "sheet.csv")
    assert [(r["item"], r["sample"], r["criterion"], r["min"], r["max"]) for r in rows] == [
        ("essay-1", "0", "scattering", "0", "2"),
        ("essay-1", "0", "wavelength", "0", "1"),
        ("essay-2", "0", "holistic", "1", "6"),
    ]
    assert rows[0]["response"].startswith("Sunlight is scattered")
    assert rows[1]["response"] == ""  # once per response
    assert rows[0]["reference_answer"].startswith("Sunlight is scattered by air molecules")
    rows[0]["points"], rows[1]["points"], rows[2]["points"] = "1,5", "1", "4.5"
    rows[2]["points"] = "5"
    rows[0]["comment"] = "No mechanism."
    rows[2]["comment"] = "Clear position."
    write_sheet(in_tmp / "sheet.csv", rows)

    result = runner.invoke(app, ["grade", "run-0", "--import", "sheet.csv",
                                 "--grader-name", "panel"])
    assert result.exit_code == 0, result.output
    assert result.output == "Imported 2 grade(s) from sheet.csv as import:panel.\n"
    grades = {g.item: g for g in run.grades()}
    assert grades["essay-1"].criteria == {"scattering": 1.5, "wavelength": 1.0}
    assert grades["essay-1"].score == 2.5
    assert grades["essay-1"].grader_kind == "import"
    assert grades["essay-1"].comment == "scattering: No mechanism."
    assert grades["essay-2"].score == 5
    assert grades["essay-2"].comment == "Clear position."

    # A second export shows the imported grades as the current ones.
    runner.invoke(app, ["grade", "run-0", "--export", "again.csv"])
    again = read_sheet(in_tmp / "again.csv")
    assert [(r["current"], r["current_kind"], r["current_by"]) for r in again] == [
        ("1.5", "import", "import:panel"), ("1", "import", "import:panel"),
        ("5", "import", "import:panel"),
    ]
    assert all(r["points"] == "" for r in again)


def test_import_reports_every_problem_and_records_nothing(make_run: MakeRun, in_tmp: Path) -> None:
    run = make_run()
    runner.invoke(app, ["grade", "run-0", "--export", "sheet.csv"])
    rows = read_sheet(in_tmp / "sheet.csv")
    rows[0]["points"] = "2"          # fine
    rows[1]["points"] = "3"          # line 3: above the criterion's 1 point
    rows[2]["points"] = "4.5"        # line 4: holistic scale moves in whole points
    extra = dict(rows[0], item="essay-9")                       # line 5: unknown item
    sample = dict(rows[0], sample="7")                          # line 6: unknown sample
    criterion = dict(rows[0], criterion="style", points="1")    # line 7: unknown criterion
    twice = dict(rows[0], points="1")                           # line 8: duplicate row
    words = dict(rows[2], sample="zero")                        # line 9: not a number
    write_sheet(in_tmp / "bad.csv", [*rows, extra, sample, criterion, twice, words])
    result = runner.invoke(app, ["grade", "run-0", "--import", "bad.csv"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Error: bad.csv: 7 problem(s); nothing was imported:",
        "  bad.csv:3: points: 3 is outside 0-1. Fix: Give points from 0-1.",
        "  bad.csv:4: points: 4.5 is not on the scale 1-6. Fix: Give points from 1-6.",
        "  bad.csv:5: item: 'essay-9' is not a free response of this run. "
        "Fix: Use one of: essay-1, essay-2.",
        "  bad.csv:6: sample: the run has no sample 7 of 'essay-1'. "
        "Fix: Use the sample numbers from the exported sheet.",
        "  bad.csv:7: criterion: 'style' is not a part of essay-1's rubric. "
        "Fix: Use one of: scattering, wavelength.",
        "  bad.csv:8: criterion: essay-1 sample 0 'scattering' appears again (first on line 2). "
        "Fix: Keep one row per response and criterion.",
        "  bad.csv:9: sample: 'zero' is not a sample number. "
        "Fix: Use the sample number from the exported sheet (0 for a single sample).",
    ]
    assert run.grades() == []


def test_import_refuses_a_response_graded_in_part(make_run: MakeRun, in_tmp: Path) -> None:
    run = make_run()
    runner.invoke(app, ["grade", "run-0", "--export", "sheet.csv"])
    rows = read_sheet(in_tmp / "sheet.csv")
    rows[0]["points"] = "2"  # wavelength left empty
    write_sheet(in_tmp / "sheet.csv", rows)
    result = runner.invoke(app, ["grade", "run-0", "--import", "sheet.csv"])
    assert result.output.splitlines()[1] == (
        "  sheet.csv:2: points: essay-1 sample 0 is graded only in part: no points for "
        "wavelength. Fix: Give points for every criterion of the response, or for none."
    )
    assert run.grades() == []


def test_import_of_a_semicolon_sheet_with_extra_columns(make_run: MakeRun, in_tmp: Path) -> None:
    run = make_run()
    runner.invoke(app, ["grade", "run-0", "--export", "sheet.csv"])
    rows = read_sheet(in_tmp / "sheet.csv")
    for row in rows:
        row["my notes"] = "checked"
    rows[2]["points"] = "3"
    write_sheet(in_tmp / "sheet.csv", rows, delimiter=";")
    result = runner.invoke(app, ["grade", "run-0", "--import", "sheet.csv"])
    assert result.output == (
        "Imported 1 grade(s) from sheet.csv as import:sheet. 1 response(s) had no points "
        "and were left out.\n"
    )
    assert [(g.item, g.score, g.grader) for g in run.grades()] == [
        ("essay-2", 3.0, "import:sheet")]


def test_import_needs_the_key_columns(make_run: MakeRun, in_tmp: Path) -> None:
    make_run()
    (in_tmp / "sheet.csv").write_text("item,points\nessay-1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["grade", "run-0", "--import", "sheet.csv"])
    assert result.output == (
        "Error: 1 problem(s) found:\n  sheet.csv:1: header: missing column(s) sample, "
        "criterion. Fix: Keep the columns item, sample, criterion and points of the exported "
        "sheet.\n"
    )


def test_export_of_some_items(make_run: MakeRun, in_tmp: Path) -> None:
    make_run()
    runner.invoke(app, ["grade", "run-0", "--export", "sheet.csv", "--item", "essay-2"])
    assert [r["item"] for r in read_sheet(in_tmp / "sheet.csv")] == ["essay-2"]


def test_export_never_overwrites_a_sheet(make_run: MakeRun, in_tmp: Path) -> None:
    make_run()
    (in_tmp / "sheet.csv").write_text("filled in by hand", encoding="utf-8")
    result = runner.invoke(app, ["grade", "run-0", "--export", "sheet.csv"])
    assert result.exit_code == 1
    assert "sheet.csv already exists." in result.output
    assert (in_tmp / "sheet.csv").read_text(encoding="utf-8") == "filled in by hand"
