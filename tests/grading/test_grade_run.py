"""grade_run: grading a run's free responses, resuming, and what the report says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examsim.errors import NotFoundError, RunLogError, UsageError
from examsim.grading import grade_run, grading_status
from examsim.grading.aggregate import final_grades
from examsim.runlog import GradeRecord

from .conftest import GOOD_ESSAY_1, MakeRun


def test_baseline_grades_every_free_response_and_appends_them(make_run: MakeRun) -> None:
    run = make_run()
    report = grade_run(run.path, ["mock/reference-match"])
    grades = run.grades()
    assert [(g.item, g.sample, g.grader, g.grader_kind, g.status) for g in grades] == [
        ("essay-1", 0, "mock/reference-match", "baseline", "ok"),
        ("essay-2", 0, "mock/reference-match", "baseline", "ok"),
    ]
    first = grades[0]
    assert first.max == 3
    assert first.score == sum(first.criteria.values())
    assert set(first.criteria) == {"scattering", "wavelength"}
    assert grades[1].criteria == {}  # holistic: one score
    assert 1 <= (grades[1].score or 0) <= 6
    assert report.ungraded == []
    assert [r.final.kind for r in report.responses if r.final] == ["baseline", "baseline"]
    assert report.recorded == tuple(grades)


def test_a_second_call_grades_only_what_is_missing(make_run: MakeRun) -> None:
    run = make_run()
    grade_run(run.path, ["mock/reference-match"], items=["essay-1"])
    assert [g.item for g in run.grades()] == ["essay-1"]
    report = grade_run(run.path, ["mock/reference-match"])
    assert [g.item for g in report.recorded] == ["essay-2"]
    assert report.already_graded == 1
    assert len(run.grades()) == 2
    again = grade_run(run.path, ["mock/reference-match"], regrade=True)
    assert len(again.recorded) == 2
    assert len(run.grades()) == 4


def test_blank_responses_get_the_lowest_score_without_a_grader(make_run: MakeRun) -> None:
    run = make_run({("essay-1", 0): None, ("essay-2", 0): "   "})
    grade_run(run.path)
    by_item = {g.item: g for g in run.grades()}
    assert by_item["essay-1"].score == 0
    assert by_item["essay-1"].criteria == {"scattering": 0, "wavelength": 0}
    assert by_item["essay-2"].score == 1  # the holistic scale starts at 1
    assert by_item["essay-1"].comment == "Blank response: lowest score."


def test_every_sample_is_graded_and_failed_attempts_are_listed(make_run: MakeRun) -> None:
    run = make_run(
        {("essay-1", 0): GOOD_ESSAY_1, ("essay-1", 1): "Because of the ocean."},
        samples=2,
        errors=(("essay-2", 0),),
    )
    report = grade_run(run.path)
    assert [(r.item, r.sample) for r in report.responses] == [("essay-1", 0), ("essay-1", 1)]
    assert report.unfinished == (("essay-2", 0),)
    final = final_grades(run.grades())
    assert final[("essay-1", 0)].score > final[("essay-1", 1)].score


def test_status_lists_ungraded_responses_and_never_zero(make_run: MakeRun) -> None:
    run = make_run()
    status = grading_status(run.path)
    assert status.ungraded == [("essay-1", 0), ("essay-2", 0)]
    assert all(r.final is None for r in status.responses)
    assert run.grades() == []  # looking changes nothing


def test_several_samples_of_a_deterministic_grader_are_refused(make_run: MakeRun) -> None:
    run = make_run()
    with pytest.raises(UsageError, match="gives the same marks every time"):
        grade_run(run.path, ["mock/reference-match"], samples=3)
    assert run.grades() == []


def test_unknown_items_and_bad_grader_specs_are_errors(make_run: MakeRun) -> None:
    run = make_run()
    with pytest.raises(NotFoundError, match="has no item essay-9"):
        grade_run(run.path, items=["essay-9"])
    with pytest.raises(UsageError, match="PROVIDER/MODEL"):
        grade_run(run.path, ["gpt-4o"])
    with pytest.raises(UsageError, match="No grader given"):
        grade_run(run.path, [])


def test_a_run_of_another_pack_is_refused(make_run: MakeRun, tmp_path: Path) -> None:
    run = make_run()
    manifest = json.loads(run.manifest_path.read_text())
    manifest["exam"] = "other-exam"
    run.manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(RunLogError, match="is of exam 'other-exam'"):
        grading_status(run.path)
    with pytest.raises(RunLogError, match="No run directory"):
        grading_status(tmp_path / "nowhere")


def test_a_moved_pack_is_found_with_pack_option(
    make_run: MakeRun, mini_pack: Path, tmp_path: Path
) -> None:
    run = make_run()
    manifest = json.loads(run.manifest_path.read_text())
    manifest["pack_path"] = str(tmp_path / "gone")
    run.manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(RunLogError, match="Fix: pass --pack PACK_FOLDER"):
        grading_status(run.path)
    assert len(grading_status(run.path, pack=mini_pack).responses) == 2


def test_a_changed_pack_is_noted(make_run: MakeRun) -> None:
    run = make_run()
    manifest = json.loads(run.manifest_path.read_text())
    manifest["pack_digest"] = "sha256:0"
    run.manifest_path.write_text(json.dumps(manifest))
    assert grading_status(run.path).pack_changed


def test_progress_sees_each_grade_as_it_is_saved(make_run: MakeRun) -> None:
    run = make_run()
    seen: list[GradeRecord] = []

    def progress(record: GradeRecord) -> None:
        # Saved before it is reported: an interrupted call loses nothing reported.
        assert record in run.grades()
        seen.append(record)

    grade_run(run.path, progress=progress)
    assert len(seen) == 2


def test_report_as_json(make_run: MakeRun) -> None:
    run = make_run()
    data = grade_run(run.path).to_dict()
    assert data["recorded"] == 2
    assert data["ungraded"] == []
    assert [r["kind"] for r in data["responses"]] == ["baseline", "baseline"]
    json.dumps(data)  # JSON-ready
