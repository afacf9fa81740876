"""Combining grades: one final grade per free response from every grader's latest grade.

Grades by different kinds of grader are kept apart: the final grade comes from the most
trusted kind present (human, then imported, then model, then the offline baseline), and
the grades of that kind are averaged, as the GPT-4 report averaged its two graders.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

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
    criteria: Mapping[str, float] = field(default_factory=dict)
    """Mean points per analytic criterion over the chosen graders (empty for holistic)."""

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
                criteria=_mean_criteria(chosen),
            )
            break
    return final


def _mean_criteria(grades: Sequence[GradeRecord]) -> dict[str, float]:
    names = [name for name in grades[0].criteria if all(name in g.criteria for g in grades)]
    return {name: statistics.fmean(g.criteria[name] for g in grades) for name in names}


def krippendorff_alpha(units: Iterable[Sequence[float]]) -> float | None:
    """Krippendorff's alpha for interval data, 1 = perfect agreement, 0 = chance.

    Each unit is the scores the graders gave one response; units with fewer than two
    scores carry no information about agreement and are left out. None when alpha is
    undefined: fewer than two pairable scores, or every score the same.
    """
    pairable = [list(map(float, u)) for u in units if len(u) >= 2]
    values = [v for unit in pairable for v in unit]
    n = len(values)
    if n < 2:
        return None
    # Observed disagreement: squared differences within each unit, weighted 1/(m_u - 1).
    observed = sum(
        sum((a - b) ** 2 for a in unit for b in unit) / (len(unit) - 1) for unit in pairable
    ) / n
    # Expected disagreement: squared differences between all pairable values.
    mean = statistics.fmean(values)
    total_pairs = 2 * n * sum((v - mean) ** 2 for v in values)  # = sum over i, j of (vi - vj)^2
    expected = total_pairs / (n * (n - 1))
    if expected == 0:
        return None
    return 1.0 - observed / expected


@dataclass(frozen=True)
class Agreement:
    """How far graders of one kind agree over the responses they all graded."""

    kind: GraderKind
    responses: int
    """Responses with at least two grades of this kind."""
    alpha: float | None
    """Krippendorff's alpha (interval) over those responses; None when undefined."""
    mean_spread: float
    max_spread: float


def agreement(grades: Iterable[GradeRecord], kind: GraderKind) -> Agreement:
    """Agreement among the latest grades of ``kind`` on each response."""
    units: dict[tuple[str, int], list[float]] = {}
    for (item, sample, _), grade in latest_by_grader(grades).items():
        if grade.grader_kind == kind and grade.score is not None:
            units.setdefault((item, sample), []).append(float(grade.score))
    multi = [scores for scores in units.values() if len(scores) >= 2]
    spreads = [max(s) - min(s) for s in multi]
    return Agreement(
        kind=kind,
        responses=len(multi),
        alpha=krippendorff_alpha(multi),
        mean_spread=statistics.fmean(spreads) if spreads else 0.0,
        max_spread=max(spreads, default=0.0),
    )
