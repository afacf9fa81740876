"""Final grades: the most trusted grader kind wins; its graders are averaged."""

from __future__ import annotations

from examsim.grading.aggregate import final_grades
from examsim.runlog import GradeRecord


def grade(grader: str, kind: str, score: float, item: str = "e") -> GradeRecord:
    return GradeRecord(item=item, grader=grader, grader_kind=kind, score=score,  # type: ignore[arg-type]
                       max=6)


def test_two_humans_are_averaged_and_beat_models() -> None:
    grades = [grade("openai/x", "model", 6), grade("human:a", "human", 4),
              grade("human:b", "human", 5), grade("human:a", "human", 3)]
    final = final_grades(grades)[("e", 0)]
    assert final.kind == "human"
    assert final.score == 4.0  # a's latest grade (3) and b's (5)
    assert final.spread == 2.0
    assert set(final.graders) == {"human:a", "human:b"}


def test_failed_grades_are_ignored() -> None:
    failed = GradeRecord(item="e", grader="openai/x", grader_kind="model", status="failed",
                         error="malformed")
    assert final_grades([failed]) == {}
    final = final_grades([failed, grade("mock/reference-match", "baseline", 2)])
    assert final[("e", 0)].kind == "baseline"
