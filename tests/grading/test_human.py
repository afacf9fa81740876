"""A person grading in the terminal (driven through CliRunner input)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.errors import GradingError, UsageError
from examsim.grading.aggregate import final_grades
from examsim.grading.human import HumanSession
from examsim.packs import load_pack
from examsim.runlog import Manifest, ResponseRecord, RunDir

from .conftest import GOOD_ESSAY_1, MakeRun

runner = CliRunner()

HELP = (
    "At a points prompt: a number gives the points; r shows the reference answer, m the "
    "materials in full, s skips this response for now, q stops (grades so far are saved), ? "
    "shows this help."
)
RULE_1 = "─" * 24 + " Response 1 of 2: essay-1 (section essay, sample 0) " + "─" * 24


def grade(args: list[str], typed: list[str]) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["grade", *args], input="".join(f"{t}\n" for t in typed))
    return result.exit_code, [line.rstrip() for line in result.output.splitlines()]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_full_session_with_mistakes_corrected(make_run: MakeRun, in_tmp: Path) -> None:
    run = make_run()
    code, lines = grade(
        ["run-0", "--human", "--grader-name", "Ann Lee"],
        ["", "three", "2.5", "r", "2", "1", "Names the mechanism.", "4.5", "7", "5", ""],
    )
    assert code == 0
    assert " ".join(lines[1:3]) == HELP  # wrapped at the terminal's width
    lines[1:3] = ["(help)", "(help)"]
    assert lines[:4] == [
        "Grading run run-0 (exam mini) as human:Ann Lee: 2 response(s) to grade, 0 already "
        "graded.",
        "(help)",
        "(help)",
        RULE_1,
    ]
    at = lines.index("Response:")
    assert lines[4:at] == [
        "Task:",
        "Explain why the sky looks blue on a clear day.",
        "Rubric: analytic, 3 points.",
        "  scattering (0-2): Names Rayleigh scattering of sunlight by air molecules.",
        "      0: Not mentioned.",
        "      1: Scattering named without mechanism.",
        "      2: Mechanism explained.",
        "  wavelength (0-1): Explains that shorter (blue) wavelengths scatter more.",
        '  Notes: Do not reward "the sky reflects the ocean".',
    ]
    panel = lines[at + 1:lines.index("scattering (0-2):")]
    assert panel[0] == "╭" + "─" * 98 + "╮" and panel[-1] == "╰" + "─" * 98 + "╯"
    shown = " ".join(line.strip("│ ") for line in panel[1:-1])
    assert shown == GOOD_ESSAY_1
    prompts = lines[at + 1 + len(panel):]
    assert prompts[:6] == [
        "scattering (0-2):",
        "Enter 0-2 points, or ? for help.",
        "scattering (0-2): three",
        "'three' is not a number. Enter 0-2.",
        "scattering (0-2): 2.5",
        "2.5 is outside 0-2. Enter 0-2.",
    ]
    assert prompts[6] == "scattering (0-2): r"
    assert "Reference answer" in prompts[7]
    assert prompts[-8:] == [
        "score (1-6): 4.5",
        "4.5 is not on the scale 1-6. Enter 1-6.",
        "score (1-6): 7",
        "7 is outside 1-6. Enter 1-6.",
        "score (1-6): 5",
        "Comment (optional):",
        "Saved essay-2 (sample 0): 5 / 6.",
        "2 grade(s) saved as human:Ann Lee; 0 response(s) left.",
    ]
    assert "Saved essay-1 (sample 0): 3 / 3." in prompts
    grades = run.grades()
    assert [(g.item, g.grader, g.grader_kind, g.score, g.criteria, g.comment) for g in grades] == [
        ("essay-1", "human:Ann Lee", "human", 3.0, {"scattering": 2.0, "wavelength": 1.0},
         "Names the mechanism."),
        ("essay-2", "human:Ann Lee", "human", 5.0, {}, ""),
    ]


def test_stopping_keeps_what_was_saved_and_the_next_session_resumes(
    make_run: MakeRun, in_tmp: Path
) -> None:
    run = make_run()
    code, lines = grade(["run-0", "--human", "--grader-name", "ann"], ["1", "0", "", "q"])
    assert code == 0
    assert lines[-1] == (
        "Stopped. 1 grade(s) saved as human:ann; 1 response(s) left. Run the same command "
        "to continue."
    )
    assert [g.item for g in run.grades()] == ["essay-1"]

    code, lines = grade(["run-0", "--human", "--grader-name", "ann"], ["6", "Excellent."])
    assert lines[0] == (
        "Grading run run-0 (exam mini) as human:ann: 1 response(s) to grade, 1 already graded."
    )
    assert lines[3] == "─" * 24 + " Response 1 of 1: essay-2 (section essay, sample 0) " + "─" * 24
    assert lines[-1] == "1 grade(s) saved as human:ann; 0 response(s) left."
    assert [(g.item, g.score) for g in run.grades()] == [("essay-1", 1.0), ("essay-2", 6.0)]

    code, lines = grade(["run-0", "--human", "--grader-name", "ann"], [])
    assert lines == [
        "Grading run run-0 (exam mini) as human:ann: 0 response(s) to grade, 2 already graded.",
        "Nothing left to grade. Use --regrade to grade again.",
    ]


def test_end_of_input_stops_like_q(make_run: MakeRun, in_tmp: Path) -> None:
    run = make_run()
    code, lines = grade(["run-0", "--human", "--grader-name", "ann"], ["2"])
    assert code == 0
    assert lines[-1] == (
        "Stopped. 0 grade(s) saved as human:ann; 2 response(s) left. Run the same command "
        "to continue."
    )
    assert run.grades() == []


def test_skipping_leaves_a_response_for_later(make_run: MakeRun, in_tmp: Path) -> None:
    run = make_run()
    code, lines = grade(["run-0", "--human", "--grader-name", "ann"], ["s", "3", ""])
    assert "Skipped essay-1 (sample 0); it stays ungraded." in lines
    assert lines[-1] == (
        "1 grade(s) saved as human:ann; 1 response(s) left. Run the same command to continue."
    )
    assert [g.item for g in run.grades()] == ["essay-2"]


def test_two_human_graders_are_averaged(make_run: MakeRun, in_tmp: Path) -> None:
    run = make_run()
    grade(["run-0", "--human", "--grader-name", "ann"], ["2", "1", "", "4", ""])
    grade(["run-0", "--human", "--grader-name", "bob"], ["1", "1", "", "5", ""])
    final = final_grades(run.grades())
    assert final[("essay-1", 0)].score == 2.5
    assert final[("essay-2", 0)].score == 4.5
    assert final[("essay-2", 0)].graders == ("human:ann", "human:bob")
    assert final[("essay-2", 0)].kind == "human"


@pytest.fixture
def mpt_run(tmp_path: Path, mini_pack: Path) -> RunDir:
    """A run of a pack whose holistic item has materials and an analytic guide."""
    root = tmp_path / "pack"
    shutil.copytree(mini_pack, root)
    essay = root / "items" / "essay.yaml"
    text = essay.read_text(encoding="utf-8")
    text = text.replace(
        "      levels: {6: Insightful and well organised., 1: Fundamentally deficient.}\n",
        "      levels: {6: Insightful and well organised., 1: Fundamentally deficient.}\n"
        "      criteria:\n"
        "        - {id: position, description: Takes a clear position., points: 2}\n"
        "      notes: Length alone earns nothing.\n"
        "    materials:\n"
        "      - {title: 'File: survey of parents', body: Most parents favour short tasks.}\n",
    )
    essay.write_text(text, encoding="utf-8")
    pack = load_pack(root)
    run = RunDir.create(tmp_path / "run", Manifest(
        run_id="run", exam="mini", pack_path=str(root), pack_digest=pack.digest,
        model="human", examsim_version="0"))
    run.append_response(ResponseRecord(item="essay-2", section="essay", status="blank"))
    return run


def test_materials_guide_and_blank_response_are_shown(mpt_run: RunDir) -> None:
    code, lines = grade([str(mpt_run.path), "--human", "--grader-name", "ann"],
                        ["m", "1", "Nothing written."])
    assert code == 0
    start = lines.index("Task:")
    assert lines[start:start + 12] == [
        "Task:",
        "Argue for or against homework in primary school.",
        "Materials: File: survey of parents (5 words) (type m to read them).",
        "Rubric: holistic, one score 1-6.",
        "  6: Insightful and well organised.",
        "  1: Fundamentally deficient.",
        "  Analytic guide (helps choose the score; not added up):",
        "    position (weight 2): Takes a clear position.",
        "  Notes: Length alone earns nothing.",
        "Response:",
        "╭" + "─" * 98 + "╮",
        "│ (blank response)" + " " * 81 + "│",
    ]
    assert "Most parents favour short tasks." in "\n".join(lines)
    (grade_line,) = mpt_run.grades()
    assert (grade_line.score, grade_line.comment) == (1.0, "Nothing written.")


def test_session_checks_marks_and_names(make_run: MakeRun) -> None:
    run = make_run()
    session = HumanSession(run.path, "ann")
    task = session.pending()[0]
    with pytest.raises(GradingError, match="'scattering': 3 is outside 0-2"):
        session.save(task, {"scattering": 3, "wavelength": 1})
    assert run.grades() == []
    assert len(session.pending()) == 2
    session.save(task, {"scattering": 2, "wavelength": 1}, "  fine  ")
    assert [t.item.id for t in session.pending()] == ["essay-2"]
    assert run.grades()[0].comment == "fine"
    with pytest.raises(UsageError, match="Grader name 'a\nb' is not usable"):
        HumanSession(run.path, "a\nb")


def test_regrade_offers_graded_responses_again(make_run: MakeRun) -> None:
    run = make_run({("essay-1", 0): GOOD_ESSAY_1})
    session = HumanSession(run.path, "ann")
    session.save(session.pending()[0], {"scattering": 1, "wavelength": 1})
    assert HumanSession(run.path, "ann").pending() == []
    assert len(HumanSession(run.path, "ann", regrade=True).pending()) == 1
    assert len(HumanSession(run.path, "bob").pending()) == 1  # each grader grades blind
