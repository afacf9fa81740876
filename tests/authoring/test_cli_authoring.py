"""The authoring commands through the CLI, with exact output."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app

runner = CliRunner()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_then_validate(workdir: Path) -> None:
    result = runner.invoke(app, ["pack", "new", "physics-quiz", "--from-template", "mc"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Created {workdir / 'physics-quiz'} (mc: 2 example items in 1 section(s)); it "
        "validates.\n"
        f"Edit the YAML files, then check them with: examsim pack validate "
        f"{workdir / 'physics-quiz'}\n")
    check = runner.invoke(app, ["pack", "validate", "physics-quiz"])
    assert check.output == "physics-quiz: valid (2 items in 1 sections)\n"


def test_import_prints_the_report(workdir: Path) -> None:
    source = workdir / "quiz.gift"
    source.write_text("::q1::2 + 2 = ?{=4 ~3 ~5}\n\n::m::Match.{=a -> 1 =b -> 2}\n\n"
                      "::s::Capital of France?{=Paris =%50%Lyon}\n", encoding="utf-8")
    result = runner.invoke(app, ["pack", "import", "quiz.gift", "--out", "quiz"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Imported 2 item(s) from quiz.gift (gift) into quiz; the pack validates.\n"
        "Not imported (1):\n"
        "  quiz.gift:3: GIFT question: matching questions cannot be represented in a pack\n"
        "Check (1):\n"
        "  quiz.gift:5: short answer 's': partial-credit answers were not carried over: "
        "'Lyon' (50%)\n"
        "Use it with --packs . (pack id 'quiz').\n")


def test_import_error_is_reported_without_traceback(workdir: Path) -> None:
    source = workdir / "bad.txt"
    source.write_text("Which?\nA) yes\nB) no\n", encoding="utf-8")
    result = runner.invoke(app, ["pack", "import", "bad.txt", "--format", "aiken"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: bad.txt is not valid Aiken:\n"
        "  bad.txt:1: the question has no ANSWER line. Fix: End every question with "
        "'ANSWER: <letter>'.\n")
    assert not (workdir / "bad").exists()


def test_import_unknown_format_is_a_usage_error(workdir: Path) -> None:
    (workdir / "notes.txt").write_text("just some notes\n", encoding="utf-8")
    result = runner.invoke(app, ["pack", "import", "notes.txt"])
    assert result.exit_code == 2
    assert "cannot tell the format" in result.stderr and "--format" in result.stderr


def test_export_and_preview(workdir: Path, mini_pack: Path) -> None:
    result = runner.invoke(app, ["pack", "export", str(mini_pack), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Wrote 8 item(s) to {workdir / 'mini.md'} (md).\n"
        "  note: text2qti quizzes have no sections: the sections (mc, essay) follow one "
        "another\n")
    assert (workdir / "mini-assets" / "square.png").is_file()
    html = runner.invoke(app, ["pack", "preview", str(mini_pack), "--format", "html",
                               "--answers"])
    assert html.output == f"Wrote {workdir / 'mini-key.html'} (8 items, with the answer key).\n"
    terminal = runner.invoke(app, ["pack", "preview", str(mini_pack)])
    lines = terminal.output.splitlines()
    assert lines[:2] == ["Mini Exam (test pack)", "8 questions in 2 section(s); 40 minutes in all"]
    assert "Time: 10 minutes | 6 question(s) | 6 points | Aids: none | Wrong answers: -0.25 " \
           "points" in terminal.output.replace("\n", " ")
    assert "  [Image: A small solid red square.] (square.png)" in lines
    assert "    C. East" in lines
    assert "  Answer: B" not in lines
    keyed = runner.invoke(app, ["pack", "preview", str(mini_pack), "--answers"])
    assert "  Answer: B" in keyed.output.splitlines()


def test_help_texts_exist() -> None:
    for command in ("new", "import", "export", "preview"):
        result = runner.invoke(app, ["pack", command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output
