"""Combining grades: one final grade per free response from every grader's latest grade.

Grades by different kinds of grader are kept apart: the final grade comes from the most
trusted kind present (human, then imported, then model, then the offline baseline), and
the grades of that kind are averaged, as the GPT-4 report averaged its two graders.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from examsim.runlog import GradeRecord, GraderKind

PREFERENCE: tuple[GraderKind, ...] = ("human", "import", "model", "baseline")


@dataclass(frozen=True)
class FinalGrade:
    """The grade a free response counts with, and where it came from."""

    item: str
    sample: int
    score: float
    """Mean of the chosen graders' scores."""
    median: float
    max: float | None
    kind: GraderKind
    graders: tuple[str, ...]
    scores: tuple[float, ...]

    @property
    def spread(self) -> float:
        """Largest minus smallest score among the graders (0 for one grader)."""
        return max(self.scores) - min(self.scores)


def latest_by_grader(grades: Iterable[GradeRecord]) -> dict[tuple[str, int, str], GradeRecord]:
    """The last successful grade of each (item, sample, grader)."""
    latest: dict[tuple[str, int, str], GradeRecord] = {}
    for grade in grades:
        if grade.status == "ok" and grade.score is not None:
            latest[(grade.item, grade.sample, grade.grader)] = grade
    return latest


def final_grades(
    grades: Iterable[GradeRecord], kinds: tuple[GraderKind, ...] = PREFERENCE
) -> dict[tuple[str, int], FinalGrade]:
    """One FinalGrade per (item, sample), from the first kind in ``kinds`` that graded it."""
    by_response: dict[tuple[str, int], list[GradeRecord]] = {}
    for (item, sample, _), grade in latest_by_grader(grades).items():
        by_response.setdefault((item, sample), []).append(grade)
    final: dict[tuple[str, int], FinalGrade] = {}
    for (item, sample), found in by_response.items():
        for kind in kinds:
            chosen = [g for g in found if g.grader_kind == kind]
            if not chosen:
                continue
            scores = tuple(float(g.score) for g in chosen if g.score is not None)
            final[(item, sample)] = FinalGrade(
                item=item,
                sample=sample,
                score=statistics.fmean(scores),
                median=statistics.median(scores),
                max=chosen[0].max,
                kind=kind,
                graders=tuple(g.grader for g in chosen),
                scores=scores,
            )
            break
    return final
