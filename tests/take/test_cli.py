"""``examsim take`` driven through CliRunner: what a person reads and what is saved."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from examsim.cli.app import app
from examsim.cli.line_input import StreamInput
from examsim.runlog import RunDir

from .conftest import FakeClock, Typist

RULE = "─"


def rule(title: str, width: int = 80) -> str:
    """A rich rule line: the title centred between lines, as the console draws it."""
    text = f" {title} "
    left = (width - len(text)) // 2
    return RULE * left + text + RULE * (width - left - len(text))


@pytest.fixture(autouse=True)
def _setup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # the terminal size the screens are made for
    monkeypatch.setattr("examsim.take.clock.wall_clock", clock)
    monkeypatch.chdir(tmp_path)


def take(*args: str, input: str = "") -> Result:
    return CliRunner().invoke(app, ["take", *args], input=input)


def typed(monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
          lines: Iterable[tuple[str, float] | str]) -> Typist:
    """Make the sitting read from a typist who takes the given seconds per line."""
    typist = Typist(clock, lines)
    monkeypatch.setattr("examsim.cli.line_input.line_input",
                        lambda: StreamInput(stream=typist))  # type: ignore[arg-type]
    return typist


def responses(run: Path) -> list[tuple[str, str, object, bool]]:
    return [(r.item, r.status, r.answer, r.flagged) for r in RunDir(run).responses()]


FAST_INTRO = [
    rule("Section 1 of 2: Fast Round"),
    "2 questions; time: 00:03",
    "Aids allowed: none",
    "Scoring: no penalty for wrong answers.",
    "",
    "Answer quickly.",
    "",
    "The clock starts when you press Enter.",
    "It keeps running even if you close the terminal.",
]
KEYS = "Enter alone: next  :p back  :f flag  :r review  :g N go to  :h help"


def fast_item(number: int, stem: str, choices: list[str], answer: str = "(none)",
              title_extra: str = "") -> list[str]:
    return [
        rule(f"Fast Round: question {number} of 2{title_extra}"),
        stem,
        *[f"  {letter}. {text}" for letter, text in zip("ABC", choices, strict=True)],
        f"Your answer: {answer}",
        "Type one letter (A-C).",
        KEYS,
    ]


Q1 = ("What is 1 + 1?", ["1", "2", "3"])
Q2 = ("What is 2 + 2?", ["4", "5", "6"])


def test_a_whole_sitting(quick: Path) -> None:
    keys = ["", "b", "a", "", ":s", "yes",
            "", "A", "8", "Earth", "Summer is warm.", "We swim in the lake.", ".", ":s", "yes"]
    result = take(str(quick), "--name", "Ana", "--out", "s", "--seed", "1",
                  input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.stderr
    expected = [
        "Starting Quick Quiz (test pack) (quick) for Ana: 2 section(s), 6 question(s).",
        "Answers are saved as you give them, in s.",
        *FAST_INTRO,
        "Press Enter to begin (:q to stop): ",
        *fast_item(1, *Q1),
        "[00:03 left] Answer or :command: b",
        "Saved question 1: B.",
        *fast_item(2, *Q2),
        "[00:03 left] Answer or :command: a",
        "Saved question 2: A.",
        rule("Review: Fast Round"),
        "  1 B          2 A",
        "Answered 2 of 2. Unanswered: none. Flagged (*): none.",
        "A number: go to that question. Enter: back. :s submit the section. :q stop.",
        "[00:03 left] Question number: ",
        *fast_item(2, *Q2, answer="A (typed: a)"),
        "[00:03 left] Answer or :command: :s",
        "Submit Fast Round? 0 unanswered, 0 flagged. You cannot come back to this section.",
        "[00:03 left] Type yes to submit: yes",
        "Fast Round submitted.",
        rule("Section 2 of 2: Calm Round"),
        "4 questions; time: 05:00",
        "Aids allowed: calculator",
        "Scoring: a wrong answer loses 0.25 point(s).",
        "",
        "Take your time.",
        "",
        "The clock starts when you press Enter.",
        "It keeps running even if you close the terminal.",
        "Press Enter to begin (:q to stop): ",
        rule("Calm Round: question 1 of 4"),
        "Which of these is a colour?",
        "  A. Red",
        "  B. Seven",
        "  C. Tuesday",
        "Your answer: (none)",
        "Type one letter (A-C).",
        KEYS,
        "[05:00 left] Answer or :command: A",
        "Saved question 1: A.",
        rule("Calm Round: question 2 of 4"),
        "How many legs has a spider?",
        "Your answer: (none)",
        "Type a number, e.g. 3.5 or 7/2.",
        KEYS,
        "[05:00 left] Answer or :command: 8",
        "Saved question 2: 8.",
        rule("Calm Round: question 3 of 4"),
        "Name the planet we live on.",
        "Your answer: (none)",
        "Type a word or short phrase.",
        KEYS,
        "[05:00 left] Answer or :command: Earth",
        "Saved question 3: Earth.",
        rule("Calm Round: question 4 of 4"),
        "Describe your favourite season in two sentences.",
        "Your response: (none yet)",
        "Type your response line by line; a line with only . ends it.",
        "It is saved after every line; typing again adds to it (:c clears it).",
        KEYS,
        "[05:00 left] Answer or :command: Summer is warm.",
        "[05:00 left]  | We swim in the lake.",
        "[05:00 left]  | .",
        "Response saved (8 words).",
        rule("Review: Calm Round"),
        "  1 A          2 8          3 Earth      4 8w",
        "Answered 4 of 4. Unanswered: none. Flagged (*): none.",
        "A number: go to that question. Enter: back. :s submit the section. :q stop.",
        "[05:00 left] Question number: :s",
        "Submit Calm Round? 0 unanswered, 0 flagged. You cannot come back to this section.",
        "[05:00 left] Type yes to submit: yes",
        "Calm Round submitted.",
        "Finished. Your answers are saved in s.",
        "",
        "Quick Quiz (test pack) (quick): run s, Ana",
        "",
        "Section      Raw      Max  Items",
        "fast           2        2  2/2",
        "calm           3        3  3/4 (1 to grade)",
        "",
        "Quick Quiz (test pack): needs grading",
        "  needs grading: c4",
        "  scale percent-correct, form percent (secondary); no norm table",
        "",
        "Waiting for grading: c4 (free response). The score is complete once they are graded:",
        "  examsim grade s --human",
        "  examsim score s",
    ]
    assert result.stdout.splitlines() == expected
    assert responses(Path("s")) == [
        ("f1", "answered", "B", False), ("f2", "answered", "A", False),
        ("c1", "answered", "A", False), ("c2", "answered", 8.0, False),
        ("c3", "answered", "Earth", False),
        ("c4", "answered", "Summer is warm.", False),
        ("c4", "answered", "Summer is warm.\nWe swim in the lake.", False),
    ]
    manifest = RunDir(Path("s")).manifest()
    assert manifest.finished_at == "2025-03-01T09:00:00.000Z"
    assert manifest.parameters["sitting"]["sections"]["calm"]["ended_by"] == "submitted"


def test_navigation_flags_mistakes_and_help(quick: Path) -> None:
    keys = ["", ":g 2", ":f", "c", ":r", "x", "1", ":c", ":p", ":g 9", ":zz", ":q"]
    result = take(str(quick), "--name", "Ana", "--out", "s", input="\n".join(keys) + "\n")
    assert result.exit_code == 0
    out = result.stdout.split("Press Enter to begin (:q to stop): \n", 1)[1].splitlines()
    assert out == [
        *fast_item(1, *Q1),
        "[00:03 left] Answer or :command: :g 2",
        *fast_item(2, *Q2),
        "[00:03 left] Answer or :command: :f",
        "Question 2 flagged.",
        "[00:03 left] Answer or :command: c",
        "Saved question 2: C.",
        rule("Review: Fast Round"),
        "  1 -          2 C      *",
        "Answered 1 of 2. Unanswered: 1. Flagged (*): 2.",
        "A number: go to that question. Enter: back. :s submit the section. :q stop.",
        "[00:03 left] Question number: :r",
        *fast_item(2, *Q2, answer="C (typed: c)", title_extra=" [flagged]"),
        "[00:03 left] Answer or :command: x",
        "X is not a choice. The choices are A-C.",
        "[00:03 left] Answer or :command: 1",
        "'1' is not an answer here. Type one letter, A-C.",
        "[00:03 left] Answer or :command: :c",
        "Question 2: answer cleared.",
        "[00:03 left] Answer or :command: :p",
        *fast_item(1, *Q1),
        "[00:03 left] Answer or :command: :g 9",
        "There is no question 9 in this section; its questions are 1-2.",
        "[00:03 left] Answer or :command: :zz",
        "':zz' is not a command. Type :h for the list of commands.",
        "[00:03 left] Answer or :command: :q",
        "Stopped. Your answers are saved in s.",
        "The clock keeps running while you are away: Fast Round has 00:03 left.",
        "Continue with: examsim take --resume s",
    ]
    assert responses(Path("s")) == [
        ("f2", "blank", None, True), ("f2", "answered", "C", True), ("f2", "blank", None, True)]


def test_help_lists_every_command(quick: Path) -> None:
    result = take(str(quick), "--name", "Ana", "--out", "s", input="\n:h\n:q\n")
    assert "\n".join([
        "[00:03 left] Answer or :command: :h",
        "Commands (type them at the prompt, then Enter):",
        "  Enter alone  next question (after the last one: the review)",
        "  :n  :p       next / previous question",
        "  :g N  or :N  go to question N of this section",
        "  :f           flag or unflag this question for review",
        "  :r           review this section: answers, flags, what is left",
        "  :c           clear this question's answer",
        "  :m           read the passage and materials again",
        "  :s           submit this section (you cannot come back to it)",
        "  :q           stop for now: answers are saved, but the clock keeps running",
        "[00:03 left] Answer or :command: :q",
    ]) in result.stdout


def test_time_up_ends_the_section_and_a_late_answer_is_not_saved(
        quick: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    typed(monkeypatch, clock, [("", 30), ("B", 1.0), ("A", 5.0), ("", 60), (":q", 1)])
    result = take(str(quick), "--name", "Ana", "--out", "s")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "[00:03 left] Answer or :command: B\nSaved question 1: B.\n" in out
    assert "\n".join([
        "[00:02 left] Answer or :command: A",
        "Time is up for Fast Round. Your answers are saved; 1 unanswered question counts as "
        "blank.",
        "Press Enter to continue: ",
        rule("Section 2 of 2: Calm Round"),
    ]) in out
    # The 60 s spent after the time-up message do not count against the next section.
    assert "4 questions; time: 05:00" in out
    assert responses(Path("s")) == [("f1", "answered", "B", False), ("f2", "blank", None,
                                                                      False)]
    times = RunDir(Path("s")).manifest().parameters["sitting"]["sections"]["fast"]
    assert (times["started_at"], times["ended_at"], times["ended_by"]) == (
        "2025-03-01T09:00:30.000Z", "2025-03-01T09:00:33.000Z", "time")


def test_the_last_line_of_an_essay_typed_as_time_runs_out_is_kept(
        quick: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    typed(monkeypatch, clock, ["", ":s", "y", "", ":g 4", ("First line.", 10),
                               ("Second line, as the time ran out.", 290.5), ""])
    result = take(str(quick), "--name", "Ana", "--out", "s")
    assert result.exit_code == 0, result.stderr
    assert "Time is up for Calm Round. Your answers are saved; 3 unanswered questions count " \
           "as blank." in result.stdout
    latest = RunDir(Path("s")).latest_responses()
    assert latest[("c4", 0)].answer == "First line.\nSecond line, as the time ran out."
    assert Path("s/manifest.json").exists()
    assert "Finished." in result.stdout


def test_stop_and_resume_keep_the_answers_without_duplicates(
        quick: Path, clock: FakeClock) -> None:
    first = take(str(quick), "--name", "Ana", "--out", "s", input="\n:s\ny\n\nA\n:f\n:q\n")
    assert first.exit_code == 0
    assert first.stdout.endswith(
        "Stopped. Your answers are saved in s.\n"
        "The clock keeps running while you are away: Calm Round has 05:00 left.\n"
        "Continue with: examsim take --resume s\n")
    before = responses(Path("s"))
    assert before == [("f1", "blank", None, False), ("f2", "blank", None, False),
                      ("c1", "answered", "A", False), ("c2", "blank", None, True)]
    clock.advance(100)
    again = take("--resume", "s", input="8\n:q\n")
    assert again.exit_code == 0
    lines = again.stdout.splitlines()
    assert lines[:2] == [
        "Resuming Quick Quiz (test pack) (quick) for Ana: 2 section(s), 6 question(s).",
        "Answers are saved as you give them, in s.",
    ]
    # Straight back to the first unanswered question, flag kept, 100 s gone.
    assert lines[2] == rule("Calm Round: question 2 of 4 [flagged]")
    assert "[03:20 left] Answer or :command: 8" in lines
    assert responses(Path("s")) == [*before, ("c2", "answered", 8.0, True)]


def test_an_unfinished_sitting_is_offered_for_resuming(quick: Path) -> None:
    take(str(quick), "--name", "Ana", "--runs-dir", "runs", input="\nB\n:q\n")
    (run,) = Path("runs").iterdir()
    offered = take(str(quick), "--name", "Ana", "--runs-dir", "runs", input="\n:q\n")
    assert offered.stdout.splitlines()[:2] == [
        f"Ana has an unfinished sitting of quick in {run} (started 2025-03-01 09:00 UTC, 1 "
        "of 6 answered).",
        "Resume it? [Y/n]: ",
    ]
    assert "Resuming Quick Quiz" in offered.stdout
    assert len(list(Path("runs").iterdir())) == 1
    declined = take(str(quick), "--name", "Ana", "--runs-dir", "runs", input="n\n:q\n")
    assert "Starting Quick Quiz" in declined.stdout
    assert len(list(Path("runs").iterdir())) == 2
    fresh = take(str(quick), "--name", "Ana", "--runs-dir", "runs", "--new", input=":q\n")
    assert "Resume it?" not in fresh.stdout
    assert len(list(Path("runs").iterdir())) == 3


def test_the_name_is_asked_for_when_not_given(quick: Path) -> None:
    result = take(str(quick), "--out", "s", input="Bo Chen\n:q\n")
    assert result.stdout.startswith(
        "Your name: Bo Chen\nStarting Quick Quiz (test pack) (quick) for Bo Chen:")
    assert RunDir(Path("s")).manifest().candidate == "Bo Chen"


def test_end_of_input_stops_and_saves(quick: Path) -> None:
    result = take(str(quick), "--name", "Ana", "--out", "s", input="\nB\n")
    assert result.exit_code == 0
    assert result.stdout.endswith("[00:03 left] Answer or :command: \n"
                                  "Stopped. Your answers are saved in s.\n"
                                  "The clock keeps running while you are away: Fast Round has "
                                  "00:03 left.\n"
                                  "Continue with: examsim take --resume s\n")
    assert responses(Path("s")) == [("f1", "answered", "B", False)]


def test_a_finished_sitting_resumed_shows_its_score(quick: Path) -> None:
    take(str(quick), "--name", "Ana", "--out", "s",
         input="\nB\nA\n:s\ny\n\n:s\ny\n")
    again = take("--resume", "s")
    assert again.exit_code == 0
    assert "Finished. Your answers are saved in s." in again.stdout
    assert "fast           2        2  2/2" in again.stdout
    # 2 of 7 points: the blank calm section (three 1-point items and a 0-2 essay) adds 0.
    assert "calm           0        5  4/4" in again.stdout
    assert "Quick Quiz (test pack): 29 %" in again.stdout


def test_materials_and_passages_can_be_read_again(mini_pack: Path) -> None:
    result = take(str(mini_pack), "--name", "Ana", "--out", "s", "--seed", "0",
                  input="\n:g 2\n:m\n:q\n")
    assert "\n".join([
        "[10:00 left] Answer or :command: :m",
        rule("Passage"),
        "The river rises in the hills, runs east past the mill, and meets the sea at the",
        "port town.",
        "[10:00 left] Answer or :command: :q",
    ]) in result.stdout
    assert "Passage (19 words):\n  The river rises in the hills" in result.stdout


def test_figures_are_shown_by_path_and_description(mini_pack: Path) -> None:
    result = take(str(mini_pack), "--name", "Ana", "--out", "s", input="\n:g 3\n:q\n")
    assert f"Figure: {mini_pack / 'assets/square.png'}\n" \
           "  Description: A small solid red square.\n" in result.stdout


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--resume", "s", "quick"], 2, "Error: EXAM, --name, --seed, --time-factor and --out "
                                    "cannot change a sitting being resumed. Fix: examsim take "
                                    "--resume s\n"),
    (["--resume", "s", "--time-factor", "2"], 2, "Error: EXAM, --name, --seed, --time-factor"),
    ([], 2, "Error: Missing exam. Fix: examsim take EXAM --name NAME (see 'examsim list').\n"),
    (["--resume", "nowhere"], 1, "Error: No run directory at nowhere.\n"),
    (["no-such-exam", "--name", "Ana"], 1, "Error: No exam 'no-such-exam'. Known exams: "),
    (["QUICK", "--name", "a/b"], 2, "Error: Name 'a/b' is not usable. Fix: use letters, "),
])
def test_errors_are_one_line(quick: Path, args: list[str], code: int, message: str) -> None:
    result = take(*[str(quick) if a == "QUICK" else a for a in args])
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_a_model_run_is_not_resumed_as_a_sitting(quick: Path) -> None:
    from examsim.runner import run_exam

    run_exam(quick, "mock/answer-key", out=Path("model"))
    result = take("--resume", "model")
    assert result.exit_code == 2
    assert result.stderr == ("Error: model is a run of mock/answer-key, not a person's "
                             "sitting. Fix: continue it with 'examsim resume model'.\n")
    data = json.loads(Path("model/manifest.json").read_text())
    assert data["model"] == "mock/answer-key"


def test_take_has_help() -> None:
    result = CliRunner().invoke(app, ["take", "--help"])
    assert result.exit_code == 0 and "Usage: examsim take" in result.stdout


def test_long_choices_wrap_under_their_letter(tmp_path: Path) -> None:
    pack = tmp_path / "long"
    (pack / "items").mkdir(parents=True)
    (pack / "exam.yaml").write_text(
        "id: long\nname: Long\nprovenance: original\ndescription: Long choices.\n"
        "fewshot: null\nsections:\n  - {id: s, name: Part, format: multiple_choice, "
        "items: items/s.yaml, instructions: Choose.}\n")
    (pack / "items" / "s.yaml").write_text(
        "items:\n  - id: q\n    type: multiple_choice\n    stem: Which?\n"
        "    choices: {A: Short, B: Building a model religious community that would show how "
        "the Church of England should be reformed}\n    answer: A\n    explanation: A.\n")
    result = take(str(pack), "--name", "Ana", "--out", "s", input="\n:q\n")
    assert "\n".join([
        "  A. Short",
        "  B. Building a model religious community that would show how the Church of",
        "     England should be reformed",
        "Your answer: (none)",
    ]) in result.stdout
    # An untimed section says so and its prompt has no clock.
    assert "1 question; no time limit\n" in result.stdout
    assert "\nAnswer or :command: :q\n" in result.stdout


def test_extra_time_is_shown_and_recorded(quick: Path) -> None:
    result = take(str(quick), "--name", "Ana", "--out", "s", "--time-factor", "1.5",
                  input="\n:q\n")
    assert "2 questions; time: 00:05\n" in result.stdout  # 4.5 s, rounded up
    assert "[00:05 left] Answer or :command: :q" in result.stdout
    assert RunDir(Path("s")).manifest().parameters["sitting"]["time_factor"] == 1.5


def test_resume_of_a_sitting_points_at_take(tmp_path: Path) -> None:
    from examsim.runlog import Manifest, RunDir

    run = tmp_path / "sitting"
    RunDir.create(run, Manifest(run_id="s", exam="mini", pack_path="x", pack_digest="d",
                                model="human", candidate="Ada", examsim_version="0"))
    result = CliRunner().invoke(app, ["resume", str(run)])
    assert result.exit_code == 2
    assert f"Fix: continue it with 'examsim take mini --resume {run}'." in result.stderr
