"""What a grader marks on a rubric: its parts, their allowed points, and the item's total.

An analytic rubric is marked criterion by criterion and the item's score is the sum. A
holistic rubric is marked once, on its scale; its analytic guide (``criteria``) helps the
grader arrive at that one score and is never summed into it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from examsim.packs.schema import AnalyticRubric, HolisticRubric

Rubric = AnalyticRubric | HolisticRubric

HOLISTIC = "holistic"
"""The part id of a holistic rubric's one score (in grade files and spreadsheets)."""

_EPSILON = 1e-9


@dataclass(frozen=True)
class Part:
    """One mark a grader gives: an analytic criterion, or a holistic rubric's score."""

    id: str
    description: str
    min: float
    max: float
    step: float | None = None
    """Allowed increments from ``min`` (holistic scales); None allows any value in range."""
    descriptors: Mapping[float, str] = field(default_factory=dict)

    def range_text(self) -> str:
        """``0-2`` or ``1-6 in steps of 0.5``."""
        text = f"{self.min:g}-{self.max:g}"
        if self.step is not None and not math.isclose(self.step, 1.0):
            text += f" in steps of {self.step:g}"
        return text

    def check(self, value: float) -> str | None:
        """Why ``value`` is not an allowed mark for this part, or None when it is."""
        if not math.isfinite(value):
            return f"{value} is not a number of points"
        if value < self.min - _EPSILON or value > self.max + _EPSILON:
            return f"{value:g} is outside {self.range_text()}"
        if self.step is not None:
            steps = (value - self.min) / self.step
            if abs(steps - round(steps)) > 1e-6:
                return f"{value:g} is not on the scale {self.range_text()}"
        return None

    def snap(self, value: float) -> float:
        """The allowed mark nearest ``value`` (for graders that compute a mark).

        Holistic scales snap to their steps; analytic criteria to whole points (half
        points when the criterion's maximum is not a whole number).
        """
        step = self.step
        if step is None:
            span = self.max - self.min
            step = 1.0 if math.isclose(span, round(span)) and span >= 1 else 0.5
        value = min(max(value, self.min), self.max)
        snapped = self.min + math.floor((value - self.min) / step + 0.5) * step
        if snapped > self.max + _EPSILON:
            snapped -= step
        return float(min(max(snapped, self.min), self.max))


def parts(rubric: Rubric) -> list[Part]:
    """The marks a grader gives on this rubric, in the order they are given."""
    if isinstance(rubric, AnalyticRubric):
        return [
            Part(c.id, c.description, 0.0, float(c.points), None, dict(c.descriptors))
            for c in rubric.criteria
        ]
    return [
        Part(
            HOLISTIC,
            "Overall score on the rubric's scale",
            float(rubric.min),
            float(rubric.max),
            float(rubric.step),
            dict(rubric.levels),
        )
    ]


def rubric_min(rubric: Rubric) -> float:
    """The lowest score a response can get (0 for analytic, the scale's minimum otherwise)."""
    return 0.0 if isinstance(rubric, AnalyticRubric) else float(rubric.min)


def rubric_max(rubric: Rubric) -> float:
    """The highest score: the criteria's total (analytic) or the scale's maximum."""
    return float(sum(p.max for p in parts(rubric)))


def check_marks(rubric: Rubric, marks: Mapping[str, float]) -> list[str]:
    """Every problem with a set of marks: unknown or missing parts, values out of range."""
    expected = parts(rubric)
    known = {p.id for p in expected}
    problems = [
        f"'{name}' is not a part of this rubric (parts: {', '.join(sorted(known))})"
        for name in marks
        if name not in known
    ]
    for part in expected:
        if part.id not in marks:
            problems.append(f"'{part.id}' has no mark")
            continue
        reason = part.check(marks[part.id])
        if reason:
            problems.append(f"'{part.id}': {reason}")
    return problems


def total(rubric: Rubric, marks: Mapping[str, float]) -> float:
    """The item's score from valid marks: the sum of the criteria, or the holistic score."""
    return float(sum(marks[p.id] for p in parts(rubric)))


def criteria_of(rubric: Rubric, marks: Mapping[str, float]) -> dict[str, float]:
    """What a GradeRecord stores as ``criteria``: analytic marks; nothing for holistic."""
    if isinstance(rubric, HolisticRubric):
        return {}
    return {p.id: float(marks[p.id]) for p in parts(rubric)}
