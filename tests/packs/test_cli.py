"""``examsim list``, ``show``, ``pack validate``, ``--version`` and error reporting."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.version import __version__
from tests.conftest import DATA

PACKS = DATA / "packs"
runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"examsim {__version__}\n"


def test_validate_valid_pack() -> None:
    result = runner.invoke(app, ["pack", "validate", str(PACKS / "mini")])
    assert result.exit_code == 0
    assert result.output == f"{PACKS / 'mini'}: valid (8 items in 2 sections)\n"


def test_validate_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    shutil.copytree(PACKS / "mini", root)
    mc = root / "items" / "mc.yaml"
    mc.write_text(mc.read_text().replace("    answer: B\n", "    answer: E\n")
                  .replace("    answer: C\n", "    answer: Z\n"))
    result = runner.invoke(app, ["pack", "validate", str(root)])
    assert result.exit_code == 1
    assert result.output == (
        f"{root}: 2 problem(s)\n"
        f"  {root}/items/mc.yaml:9: items[0].answer: item 'mc-1': answer 'E' is not one of its "
        "choices (A, B, C, D). Fix: Set the answer to the letter of the correct choice.\n"
        f"  {root}/items/mc.yaml:16: items[1].answer: item 'mc-2': answer 'Z' is not one of its "
        "choices (A, B, C, D). Fix: Set the answer to the letter of the correct choice.\n"
    )


def test_validate_several_paths_fails_if_any_fails(tmp_path: Path) -> None:
    result = runner.invoke(app, ["pack", "validate", str(PACKS / "mini"), str(tmp_path / "no")])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{PACKS / 'mini'}: valid (8 items in 2 sections)"
    assert result.output.splitlines()[1] == f"{tmp_path / 'no'}: 1 problem(s)"


def test_list_finds_packs_from_option_and_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["list", "--packs", str(PACKS), "--json"])
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert rows["mini"]["items"] == 8
    assert rows["mini"]["origin"] == "packs"
    monkeypatch.setenv("EXAMSIM_PATH", str(PACKS))
    rows = {row["id"]: row for row in json.loads(runner.invoke(app, ["list", "--json"]).output)}
    assert rows["mini"]["origin"] == "EXAMSIM_PATH"


def test_list_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("examsim.packs.discovery.bundled_dir", lambda name: PACKS / "none")
    result = runner.invoke(app, ["list", "--packs", str(PACKS)])
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.output.splitlines()]
    assert lines[0].split() == ["Exam", "Name", "Sections", "Items", "Provenance"]
    rows = [line.split() for line in lines[1:]]
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    assert ["mini", "Mini", "Exam", "(test", "pack)", "2", "8", "original"] in rows


def test_show_text_and_json() -> None:
    result = runner.invoke(app, ["show", "mini", "--packs", str(PACKS)])
    assert result.exit_code == 0
    assert result.output == (
        "Mini Exam (test pack) (mini)\n"
        "Provenance: original; licence: CC-BY-4.0\n"
        "A tiny pack written for examsim's own tests.\n"
        "\n"
        "Section mc: Multiple Choice [multiple_choice]\n"
        "  6 items, official length 6, 10 min, max 6 points\n"
        "  scoring: wrong -0.25, blank 0\n"
        "\n"
        "Section essay: Essay [free_response]\n"
        "  2 items, 30 min, max 9 points\n"
        "\n"
        "Reported scores:\n"
        "  total: Mini Exam (scale percent-correct)\n"
    )
    data = json.loads(runner.invoke(app, ["show", str(PACKS / "mini"), "--json"]).output)
    assert data["id"] == "mini"
    assert [s["items"] for s in data["sections"]] == [6, 2]
    assert data["sections"][1]["max_points"] == 9


def test_unknown_exam_is_an_error_on_stderr() -> None:
    result = runner.invoke(app, ["show", "no-such-exam", "--packs", str(PACKS)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: No exam 'no-such-exam'. Known exams: ")
    assert "mini" in result.stderr


def test_invalid_pack_via_show_names_problems(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    shutil.copytree(PACKS / "mini", root)
    (root / "fewshot.yaml").write_text("sets: 3\n")
    result = runner.invoke(app, ["show", str(root)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: Pack {root} is not valid (1 problem(s)):\n")
    assert "fewshot.yaml:1: sets: Input should be a valid list." in result.stderr


def test_usage_error_exit_code_2() -> None:
    result = runner.invoke(app, ["show"])
    assert result.exit_code == 2


def test_module_entry_point_and_debug_traceback(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "examsim", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout == f"examsim {__version__}\n"
    quiet = subprocess.run([sys.executable, "-m", "examsim", "show", str(tmp_path)],
                           capture_output=True, text=True)
    assert quiet.returncode == 1
    assert "Traceback" not in quiet.stderr
    loud = subprocess.run([sys.executable, "-m", "examsim", "show", str(tmp_path)],
                          capture_output=True, text=True, env={"EXAMSIM_DEBUG": "1",
                                                               "PATH": "/usr/bin:/bin"})
    assert loud.returncode == 1
    assert "Traceback" in loud.stderr and "Error: No exam" in loud.stderr


def test_bar_exam_validates_and_a_copy_with_a_bad_key_names_file_and_item(
    tmp_path: Path,
) -> None:
    from examsim.resources import bundled_dir

    bar = bundled_dir("exams") / "bar-exam"
    assert runner.invoke(app, ["pack", "validate", str(bar)]).exit_code == 0
    copy = tmp_path / "bar-exam"
    shutil.copytree(bar, copy)
    mbe = copy / "items" / "mbe.yaml"
    text = mbe.read_text(encoding="utf-8")
    first_answer = next(line for line in text.splitlines() if line.strip().startswith("answer:"))
    mbe.write_text(text.replace(first_answer, first_answer.split(":")[0] + ": E", 1),
                   encoding="utf-8")
    result = runner.invoke(app, ["pack", "validate", str(copy)])
    assert result.exit_code == 1
    assert f"{copy}/items/mbe.yaml:" in result.output
    assert "item 'mbe-001': answer 'E' is not one of its choices (A, B, C, D)." in result.output
