"""``examsim norms build`` on the command line, then ``percentile``, ``score`` and ``take``
with the new norms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.scoring import user_norms_dir
from examsim.take import start_sitting
from tests.take.conftest import FakeClock, key_of, write_pool_pack

# Percent-correct scores of a class of eight.
CLASS = "student,score\nAna,40\nBo,55\nCy,60\nDi,70\nEd,70\nFay,80\nGil,90\nHal,100\n"


def run(*args: str, input: str = "") -> Result:
    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture
def class_csv(tmp_path: Path) -> Path:
    path = tmp_path / "period-3.csv"
    path.write_text(CLASS, encoding="utf-8")
    return path


def _build(class_csv: Path) -> Result:
    return run("norms", "build", "--scores", str(class_csv), "--scale", "percent-correct",
               "--name", "period-3", "--population", "Period 3 licence class, 2025",
               "--vintage", "Spring 2025")


def test_build_reports_what_it_wrote(class_csv: Path) -> None:
    result = _build(class_csv)
    assert result.exit_code == 0, result.stderr
    path = user_norms_dir() / "percent-correct" / "period-3.yaml"
    assert result.stdout == (
        f"Wrote norm table 'period-3' for scale percent-correct: 8 scores from column 'score' "
        f"of {class_csv}.\n"
        f"  {path}\n"
        "  scores 40 to 100, median 70; 7 distinct\n"
        "  population: Period 3 licence class, 2025\n"
        "  percentile = from the percent of the class scoring lower to the percent scoring "
        "the same or lower\n"
        "Use it with: examsim percentile percent-correct SCORE --norms period-3\n"
        "        and: examsim score RUN_DIR --norms period-3\n"
    )


def test_percentile_with_the_new_norms(class_csv: Path) -> None:
    _build(class_csv)
    result = run("percentile", "percent-correct", "70", "--norms", "period-3")
    assert result.exit_code == 0, result.stderr
    # Three of eight scored below 70 (37.5 %), five of eight 70 or lower (62.5 %).
    assert result.stdout == (
        "percent-correct 70: 70 % (38th - 63rd)\n"
        "Norms: period-3 (Class norms from period-3.csv (8 takers))\n"
        "  Spring 2025; Period 3 licence class, 2025\n"
        "  percentile = from % scoring lower to % scoring the same or lower; quality: derived\n"
        f"Source: Class score list {class_csv.resolve()}, column 'score'\n"
        "Note: A class of 8: one taker is 12.5 percentile points.\n"
    )
    data = json.loads(run("percentile", "percent-correct", "100", "--norms", "period-3",
                          "--json").stdout)
    assert (data["percentile_low"], data["percentile_high"], data["label"]) == (
        87.5, 100, "100 % (88th - 100th)")


def _sitting(tmp_path: Path, right: int) -> Path:
    """A finished sitting of the ten-question pool pack with ``right`` answers right."""
    sitting = start_sitting(write_pool_pack(tmp_path), "Ana", out=tmp_path / "sitting",
                            seed=4, clock=FakeClock())
    sitting.begin_section()
    for n, state in enumerate(sitting.section.items):
        key = key_of(state.item.id)
        sitting.answer(key if n < right else ("A" if key != "A" else "B"))
        sitting.next()
    sitting.end_section("submitted")
    sitting.finish()
    return sitting.run.path


def test_score_a_sitting_with_the_new_norms(class_csv: Path, tmp_path: Path) -> None:
    _build(class_csv)
    sitting = _sitting(tmp_path, right=7)
    result = run("score", str(sitting), "--norms", "period-3", "--bootstrap", "0")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"Pool Licence Exam (pool): run {sitting}, Ana\n"
        "\n"
        "Section      Raw      Max  Items\n"
        "element        7       10  10/10\n"
        "\n"
        "Pool Licence Exam: 70 % (38th - 63rd)\n"
        "  scale percent-correct, form percent (secondary); norms period-3 (Spring 2025; "
        "derived)\n"
        "  note: A class of 8: one taker is 12.5 percentile points.\n"
    )
    unknown = run("score", str(sitting), "--norms", "period-4")
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("Error: Scale 'percent-correct' has no norms 'period-4'. "
                                     "Norm tables: period-3;")


def test_take_shows_the_percentile_within_the_class(class_csv: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _build(class_csv)
    pack = write_pool_pack(tmp_path)
    monkeypatch.setattr("examsim.take.clock.wall_clock", FakeClock())
    from examsim.packs import load_pack
    from examsim.runner.form import draw_form

    drawn = draw_form(load_pack(pack), 4)["element"]
    answers = [key_of(item) for item in drawn[:9]] + ["D" if key_of(drawn[9]) != "D" else "A"]
    keys = ["", *answers, ":s", "yes"]
    result = run("take", str(pack), "--name", "Ana", "--out", str(tmp_path / "s"), "--seed",
                 "4", "--norms", "period-3", input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.stderr
    # 90 %: six of eight below, seven at or below.
    assert "Pool Licence Exam: 90 % (75th - 88th)\n" in result.stdout
    assert "Element 2: 9 points, pass mark 7: passed.\n" in result.stdout


def test_problems_in_the_list_are_listed_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("student,score\nAna,40\nBo,140\nCy,\n", encoding="utf-8")
    result = run("norms", "build", "--scores", str(path), "--scale", "percent-correct",
                 "--name", "x")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: 2 problem(s) in {path}; no norm table was written:\n"
        f"  {path}:3: column 'score': 140 is outside scale 'percent-correct' (0 to 100 in "
        "steps of 1). Fix: Correct the score, or choose the scale the scores are on with "
        "--scale.\n"
        f"  {path}:4: column 'score': no score. Fix: Fill in the score or delete the line.\n"
    )


def test_list_and_json(class_csv: Path) -> None:
    empty = run("norms", "list")
    assert empty.stdout == (f"No norm tables of your own in {user_norms_dir()}. Build one "
                            "with: examsim norms build\n")
    built = json.loads(run("norms", "build", "--scores", str(class_csv), "--scale",
                           "percent-correct", "--name", "period-3", "--json").stdout)
    assert built["distribution"] == {"40": 1, "55": 1, "60": 1, "70": 2, "80": 1, "90": 1,
                                     "100": 1}
    assert (built["takers"], built["population"]) == (8, "The 8 takers in period-3.csv")
    listed = run("norms", "list")
    assert listed.stdout == (
        "percent-correct  period-3  Class norms from period-3.csv (8 takers); The 8 takers "
        "in period-3.csv\n"
        f"    {user_norms_dir() / 'percent-correct' / 'period-3.yaml'}\n")
    scales = run("scales")
    assert "    period-3  derived  Scores read on " in scales.stdout


@pytest.mark.parametrize("args", [["norms", "--help"], ["norms", "build", "--help"],
                                  ["norms", "list", "--help"]])
def test_help(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0 and "Usage: examsim norms" in result.stdout
