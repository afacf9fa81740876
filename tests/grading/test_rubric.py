"""Rubric parts: allowed marks, snapping, totals."""

from __future__ import annotations

import pytest

from examsim.grading.rubric import (
    HOLISTIC,
    check_marks,
    criteria_of,
    parts,
    rubric_max,
    rubric_min,
    total,
)
from examsim.packs.schema import AnalyticRubric, HolisticRubric

ANALYTIC = AnalyticRubric.model_validate({
    "kind": "analytic",
    "criteria": [
        {"id": "thesis", "description": "States a thesis.", "points": 1},
        {"id": "evidence", "description": "Supports it.", "points": 4,
         "descriptors": {0: "None.", 2: "Some.", 4: "Thorough."}},
        {"id": "style", "description": "Style.", "points": 1.5},
    ],
})
GRE = HolisticRubric.model_validate({"kind": "holistic", "min": 0, "max": 6, "step": 0.5})
MEE = HolisticRubric.model_validate({
    "kind": "holistic", "min": 1, "max": 6,
    "criteria": [{"id": "issue", "description": "Spots the issue.", "points": 3}],
})


def test_parts_of_an_analytic_rubric_are_its_criteria() -> None:
    found = parts(ANALYTIC)
    assert [(p.id, p.min, p.max) for p in found] == [
        ("thesis", 0, 1), ("evidence", 0, 4), ("style", 0, 1.5)]
    assert rubric_max(ANALYTIC) == 6.5
    assert rubric_min(ANALYTIC) == 0


def test_a_holistic_rubric_has_one_part_and_its_guide_is_not_summed() -> None:
    (part,) = parts(MEE)
    assert (part.id, part.min, part.max, part.step) == (HOLISTIC, 1, 6, 1)
    assert rubric_max(MEE) == 6
    assert rubric_min(MEE) == 1
    assert criteria_of(MEE, {HOLISTIC: 4}) == {}
    assert total(MEE, {HOLISTIC: 4}) == 4


@pytest.mark.parametrize(("value", "ok"), [
    (0, True), (3.5, True), (6, True), (6.5, False), (-0.5, False), (3.25, False),
    (float("nan"), False),
])
def test_holistic_marks_must_lie_on_the_scale(value: float, ok: bool) -> None:
    (part,) = parts(GRE)
    assert (part.check(value) is None) is ok


def test_analytic_marks_may_be_any_value_in_range() -> None:
    evidence = parts(ANALYTIC)[1]
    assert evidence.check(2.5) is None
    assert evidence.check(4.01) == "4.01 is outside 0-4"


def test_check_marks_lists_every_problem() -> None:
    problems = check_marks(ANALYTIC, {"thesis": 2, "evidence": 1, "tone": 1})
    assert problems == [
        "'tone' is not a part of this rubric (parts: evidence, style, thesis)",
        "'thesis': 2 is outside 0-1",
        "'style' has no mark",
    ]
    assert check_marks(ANALYTIC, {"thesis": 1, "evidence": 4, "style": 1.5}) == []
    assert total(ANALYTIC, {"thesis": 1, "evidence": 4, "style": 1.5}) == 6.5


@pytest.mark.parametrize(("value", "snapped"), [
    (3.74, 3.5), (3.75, 4.0), (-1, 0), (9, 6), (5.9, 6.0)])
def test_snap_to_half_points_on_a_half_point_scale(value: float, snapped: float) -> None:
    assert parts(GRE)[0].snap(value) == snapped


def test_snap_analytic_to_whole_or_half_points() -> None:
    thesis, evidence, style = parts(ANALYTIC)
    assert evidence.snap(2.6) == 3.0  # whole points, not only the described levels
    assert thesis.snap(0.5) == 1.0
    assert style.snap(1.3) == 1.5  # a 1.5-point criterion moves in half points
    assert style.snap(0.2) == 0.0
