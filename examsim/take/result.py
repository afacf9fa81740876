"""The result shown at the end of a sitting: the scorer's scores, pass marks, and what
still waits for a grader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from examsim.packs.model import Pack

if TYPE_CHECKING:
    from examsim.scoring.results import RunScore


@dataclass(frozen=True)
class PassMark:
    """A section's raw points against its pass mark."""

    section: str
    name: str
    raw: float
    """Points before the section's weight."""
    mark: float
    passed: bool | None
    """None while free responses of the section wait for grading."""


@dataclass(frozen=True)
class SittingResult:
    """Scores of a finished sitting."""

    score: RunScore
    pass_marks: tuple[PassMark, ...]
    to_grade: tuple[str, ...]
    """Free responses that were answered and have no grade yet (item ids, form order)."""
    run_dir: Path

    @property
    def grade_command(self) -> str:
        return f"examsim grade {self.run_dir} --human"


def sitting_result(run_dir: Path, pack: Pack, norms: str | None = None) -> SittingResult:
    """Score the sitting in ``run_dir`` (no bootstrap: one person's score, as printed)."""
    from examsim.scoring import score_run

    score = score_run(run_dir, norms=norms, pack=pack, bootstrap=0)
    sections = {s.id: s for s in score.sections}
    marks: list[PassMark] = []
    to_grade: list[str] = []
    for psection in pack.sections:
        result = sections.get(psection.id)
        if result is None:
            continue
        to_grade += result.needs_grading
        mark = psection.section.pass_mark
        if mark is None:
            continue
        raw = result.raw / psection.section.scoring.weight
        passed = None if result.needs_grading else raw >= mark - 1e-9
        marks.append(PassMark(psection.id, psection.section.name, raw, mark, passed))
    return SittingResult(score, tuple(marks), tuple(to_grade), run_dir)
