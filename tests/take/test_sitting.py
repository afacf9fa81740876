"""The sitting as a library: navigation, saving, timers on an injected clock, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examsim.errors import ExamsimError, RunLogError, UsageError
from examsim.runlog import RunDir
from examsim.take import (
    InvalidAnswer,
    TimeUp,
    find_unfinished,
    resume_sitting,
    sitting_result,
    start_sitting,
)
from examsim.take.sitting import TIME_GRACE_S

from .conftest import FakeClock


def _lines(run_dir: Path) -> list[dict[str, object]]:
    text = (run_dir / "responses.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_a_new_sitting_is_a_run_of_model_human(quick: Path, tmp_path: Path,
                                               clock: FakeClock) -> None:
    sitting = start_sitting(quick, "  Ana   Lima ", out=tmp_path / "s", seed=5, clock=clock)
    manifest = RunDir.open(tmp_path / "s").manifest()
    assert (manifest.model, manifest.candidate, manifest.exam, manifest.seed) == (
        "human", "Ana Lima", "quick", 5)
    assert manifest.form == {"fast": ["f1", "f2"], "calm": ["c1", "c2", "c3", "c4"]}
    assert manifest.started_at == "2025-03-01T09:00:00.000Z"
    assert manifest.parameters["sitting"]["sections"]["fast"] == {
        "time_limit_s": 3.0, "started_at": None, "ended_at": None, "ended_by": None}
    assert manifest.finished_at is None
    assert (sitting.section.id, sitting.current.item.id) == ("fast", "f1")
    assert not (tmp_path / "s" / "responses.jsonl").exists()


def test_navigation_stays_inside_the_section(quick: Path, tmp_path: Path,
                                             clock: FakeClock) -> None:
    sitting = start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    sitting.end_section("submitted")  # on to 'calm', four questions
    sitting.begin_section()
    assert sitting.previous() is False and sitting.position == 0
    assert sitting.next() and sitting.next() and sitting.next()
    assert sitting.current.item.id == "c4"
    assert sitting.next() is False and sitting.current.item.id == "c4"
    assert sitting.go_to(2).item.id == "c2"
    with pytest.raises(InvalidAnswer, match="There is no question 5 in this section; its "
                                            "questions are 1-4."):
        sitting.go_to(5)
    with pytest.raises(InvalidAnswer):
        sitting.go_to(0)
    assert sitting.current.item.id == "c2"


def test_every_change_is_one_appended_line_and_the_latest_wins(
        quick: Path, tmp_path: Path, clock: FakeClock) -> None:
    sitting = start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    sitting.begin_section()
    sitting.answer("a")
    sitting.answer("A")  # the same answer again: nothing new to save
    clock.advance(1)
    sitting.answer("c")  # changed
    sitting.toggle_flag()
    sitting.next()
    sitting.toggle_flag()  # flagged without an answer: a blank line with the flag
    sitting.clear()  # nothing was answered: the line stays as it is
    sitting.previous()
    sitting.clear()
    lines = _lines(tmp_path / "s")
    assert [(r["item"], r["status"], r["answer"], r["flagged"]) for r in lines] == [
        ("f1", "answered", "A", False),
        ("f1", "answered", "C", False),
        ("f1", "answered", "C", True),
        ("f2", "blank", None, True),
        ("f1", "blank", None, True),
    ]
    assert lines[1]["at"] == "2025-03-01T09:00:01.000Z"
    latest = RunDir(tmp_path / "s").latest_responses()
    assert latest[("f1", 0)].status == "blank" and latest[("f1", 0)].flagged


def test_a_refused_answer_is_not_saved(quick: Path, tmp_path: Path, clock: FakeClock) -> None:
    sitting = start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    sitting.begin_section()
    with pytest.raises(InvalidAnswer):
        sitting.answer("Z")
    assert not (tmp_path / "s" / "responses.jsonl").exists()


def test_answers_need_a_begun_section(quick: Path, tmp_path: Path, clock: FakeClock) -> None:
    sitting = start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    with pytest.raises(ExamsimError, match="has not begun"):
        sitting.answer("A")


def test_time_runs_on_the_injected_clock_and_ends_the_section(
        quick: Path, tmp_path: Path, clock: FakeClock) -> None:
    sitting = start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    assert sitting.remaining() == 3.0  # the whole limit before the section begins
    clock.advance(100)  # reading the instructions does not use the section's time
    sitting.begin_section()
    clock.advance(1.25)
    assert sitting.remaining() == pytest.approx(1.75)
    sitting.answer("B")
    clock.advance(1.75)
    assert sitting.remaining() == 0 and sitting.time_up()
    clock.advance(TIME_GRACE_S + 0.5)
    sitting.next()
    with pytest.raises(TimeUp, match="Time is up for Fast Round; the answer was not saved."):
        sitting.answer("A")
    ended = sitting.expire_if_due()
    assert ended is not None and ended.id == "fast" and ended.ended_by == "time"
    # It ended when the time ran out, not when it was noticed.
    assert ended.ended_at == ended.deadline
    times = RunDir(tmp_path / "s").manifest().parameters["sitting"]["sections"]["fast"]
    assert times == {"time_limit_s": 3.0, "started_at": "2025-03-01T09:01:40.000Z",
                     "ended_at": "2025-03-01T09:01:43.000Z", "ended_by": "time"}
    # The unanswered question is recorded blank, so it scores as blank, not missing.
    assert [(r["item"], r["status"]) for r in _lines(tmp_path / "s")] == [
        ("f1", "answered"), ("f2", "blank")]
    assert sitting.section.id == "calm" and not sitting.section.started
    assert sitting.expire_if_due() is None


def test_an_answer_in_the_grace_period_counts(quick: Path, tmp_path: Path,
                                              clock: FakeClock) -> None:
    sitting = start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    sitting.begin_section()
    clock.advance(3 + TIME_GRACE_S - 0.5)
    sitting.answer("B")  # typed as the time ran out, saved a moment later
    assert [r["answer"] for r in _lines(tmp_path / "s")] == ["B"]


def test_time_factor_stretches_every_limit(quick: Path, tmp_path: Path,
                                           clock: FakeClock) -> None:
    sitting = start_sitting(quick, "Ana", out=tmp_path / "s", time_factor=1.5, clock=clock)
    assert [s.limit_s for s in sitting.sections] == [4.5, 450.0]
    with pytest.raises(UsageError, match="--time-factor must be more than 0"):
        start_sitting(quick, "Ana", out=tmp_path / "t", time_factor=0, clock=clock)


def test_resume_rebuilds_answers_flags_and_the_running_clock(
        quick: Path, tmp_path: Path, clock: FakeClock) -> None:
    first = start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    first.end_section("submitted")
    first.begin_section()
    first.answer("A")
    first.next()
    first.answer("8")
    first.toggle_flag()
    first.next()
    first.next()
    first.write_text("Spring is green.")
    first.write_text("Spring is green.\nIt smells of rain.")
    clock.advance(60)
    del first  # the terminal closes

    clock.advance(120)  # away for two minutes: the clock kept running
    again = resume_sitting(tmp_path / "s", clock=clock)
    assert again.section.id == "calm" and again.sections[0].ended_by == "submitted"
    assert again.remaining() == pytest.approx(300 - 180)
    states = {s.item.id: s for s in again.section.items}
    assert (states["c1"].answer, states["c2"].answer, states["c2"].flagged) == ("A", 8.0, True)
    assert states["c2"].text == "8"
    assert states["c4"].text == "Spring is green.\nIt smells of rain."
    assert states["c3"].status is None
    # It opens at the first question without an answer.
    assert again.current.item.id == "c3"
    lines_before = len(_lines(tmp_path / "s"))
    again.answer("c")  # unchanged answers are not written again; a new one is
    assert len(_lines(tmp_path / "s")) == lines_before + 1


def test_a_section_whose_time_ran_out_while_away_is_closed_on_resume(
        quick: Path, tmp_path: Path, clock: FakeClock) -> None:
    first = start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    first.end_section("submitted")
    first.begin_section()
    first.answer("A")
    clock.advance(3600)
    again = resume_sitting(tmp_path / "s", clock=clock)
    assert again.time_up()
    ended = again.expire_if_due()
    assert ended is not None and ended.ended_by == "time"
    assert ended.ended_at is not None and ended.started_at is not None
    assert (ended.ended_at - ended.started_at).total_seconds() == 300
    assert again.finished
    again.finish()
    manifest = RunDir(tmp_path / "s").manifest()
    assert manifest.finished_at == "2025-03-01T09:05:00.000Z"


def test_finish_needs_every_section_ended(quick: Path, tmp_path: Path,
                                          clock: FakeClock) -> None:
    sitting = start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    with pytest.raises(ExamsimError, match="Section 'fast' has not ended yet."):
        sitting.finish()


def test_resume_refuses_a_model_run_and_a_changed_pack(
        quick: Path, tmp_path: Path, clock: FakeClock) -> None:
    import shutil

    from examsim.runner import run_exam

    run_exam(quick, "mock/answer-key", out=tmp_path / "model")
    with pytest.raises(UsageError, match="is a run of mock/answer-key, not a person's sitting"):
        resume_sitting(tmp_path / "model")
    copy = tmp_path / "pack"
    shutil.copytree(quick, copy)
    start_sitting(copy, "Ana", out=tmp_path / "s", clock=clock)
    (copy / "items" / "fast.yaml").write_text(
        (copy / "items" / "fast.yaml").read_text().replace("1 + 1", "1 plus 1"))
    with pytest.raises(RunLogError, match="changed since the sitting started"):
        resume_sitting(tmp_path / "s", clock=clock)


def test_an_existing_run_directory_is_not_overwritten(quick: Path, tmp_path: Path,
                                                      clock: FakeClock) -> None:
    start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    with pytest.raises(RunLogError, match=r"already holds a run\. Fix: continue it with "
                                          r"'examsim take --resume"):
        start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)


@pytest.mark.parametrize("name", ["", "   ", "a/b", "x" * 81, "<script>"])
def test_unusable_names_are_refused(quick: Path, tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError, match="is not usable"):
        start_sitting(quick, name, out=tmp_path / "s")


def test_unfinished_sittings_are_found_per_exam_and_person(
        quick: Path, mini_pack: Path, tmp_path: Path, clock: FakeClock) -> None:
    runs = tmp_path / "runs"
    older = start_sitting(quick, "Ana", runs_dir=runs, clock=clock)
    older.begin_section()
    older.answer("B")
    clock.advance(60)
    newer = start_sitting(quick, "Ana", runs_dir=runs, clock=clock)
    start_sitting(quick, "Bo", runs_dir=runs, clock=clock)
    start_sitting(mini_pack, "Ana", runs_dir=runs, clock=clock)
    done = start_sitting(quick, "Ana", runs_dir=runs, clock=clock)
    done.end_section("submitted")
    done.end_section("submitted")
    done.finish()
    (runs / "not-a-run").mkdir()
    (runs / "broken").mkdir()
    (runs / "broken" / "manifest.json").write_text("{")
    found = find_unfinished(runs, "quick", "Ana")
    assert [f.path for f in found] == [newer.run.path, older.run.path]
    assert (found[1].answered, found[1].items) == (1, 6)
    assert find_unfinished(tmp_path / "none", "quick", "Ana") == []


def test_the_result_scores_blanks_and_waits_for_the_essay(
        quick: Path, tmp_path: Path, clock: FakeClock) -> None:
    sitting = start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock)
    sitting.begin_section()
    sitting.answer("B")  # right
    sitting.end_section("submitted")  # f2 blank
    sitting.begin_section()
    sitting.answer("B")  # wrong: -0.25
    sitting.next()
    sitting.answer("8")  # right
    sitting.next()
    sitting.answer("earth")  # right
    sitting.next()
    sitting.write_text("Winter is quiet. Snow covers the town.")
    sitting.end_section("submitted")
    sitting.finish()
    result = sitting_result(sitting.run.path, sitting.pack)
    sections = {s.id: s for s in result.score.sections}
    assert (sections["fast"].raw, sections["fast"].counted) == (1.0, 2)
    assert sections["calm"].raw == pytest.approx(1.75)
    assert result.to_grade == ("c4",)
    assert result.score.scores[0].status == "needs_grading"
    assert result.grade_command == f"examsim grade {tmp_path / 's'} --human"


def test_damaged_section_times_are_reported(quick: Path, tmp_path: Path,
                                            clock: FakeClock) -> None:
    start_sitting(quick, "Ana", out=tmp_path / "s", clock=clock).begin_section()
    path = tmp_path / "s" / "manifest.json"
    data = json.loads(path.read_text())
    data["parameters"]["sitting"]["sections"]["fast"]["started_at"] = "yesterday"
    path.write_text(json.dumps(data))
    with pytest.raises(RunLogError, match=r"manifest\.json: parameters\.sitting\.sections\.fast: "
                                          r"unreadable .*Fix: restore the manifest's section "
                                          r"times"):
        resume_sitting(tmp_path / "s", clock=clock)
