"""Per-item points of a run, section by section, ready for scoring and resampling.

Keyed items are scored from the latest response of each (item, sample) under the section's
rule: an unparsed or failed answer counts as wrong, a blank as blank. Free responses count
with their final grade; one that was answered but not graded yet makes the section
incomplete rather than zero. Items on the run's form without any response are missing;
items the caller excludes (a contamination verdict) are set aside. Both are left out of
the points, and the score is projected back to the full form.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from examsim.grading.aggregate import FinalGrade
from examsim.grading.auto import keyed_points
from examsim.packs.model import PackSection, item_max_points
from examsim.packs.schema import FreeResponseItem, Item, MultipleChoiceItem, ScoringRule
from examsim.runlog import ResponseRecord

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SectionPoints:
    """The points a run earned in one section, item by item and sample by sample."""

    section: PackSection
    form_ids: tuple[str, ...]
    """Items of the run's form in this section, in order."""
    counted: tuple[str, ...]
    """Items whose points count (answered or left blank, and graded where needed)."""
    points: Array
    """Weighted points, one row per counted item, one column per sample."""
    maxima: Array
    """Weighted maximum points of each counted item."""
    form_max: float
    """Weighted maximum points of every item on the run's form (counted or not)."""
    missing: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    needs_grading: tuple[str, ...] = ()
    grader_kinds: frozenset[str] = field(default_factory=frozenset)
    partial_samples: tuple[str, ...] = ()
    """Items answered in some samples only (their missing samples take the item's mean)."""

    @property
    def id(self) -> str:
        return self.section.id

    @property
    def raw(self) -> float:
        """Points earned on the counted items (mean over samples)."""
        return float(self.points.mean(axis=1).sum()) if len(self.counted) else 0.0

    @property
    def max(self) -> float:
        """Maximum points of the counted items."""
        return float(self.maxima.sum())


def keyed_max(item: Item, rule: ScoringRule) -> float:
    """Most points a keyed item can earn under the section's rule (as ``keyed_points``)."""
    full = float(rule.correct) if rule.correct is not None else float(item_max_points(item))
    if isinstance(item, MultipleChoiceItem) and item.choice_points:
        values = [float(v) for v in item.choice_points.values()]
        keys = item.answer if isinstance(item.answer, list) else [item.answer]
        if len(keys) > 1 or keys[0] not in item.choice_points:
            values.append(full)
        return max(values)
    return full


def response_points(
    item: Item,
    rule: ScoringRule,
    record: ResponseRecord,
    grade_score: float | None,
) -> float | None:
    """Raw points of one response before the section's weight (``grade_score``: the final
    grade of a free response, if graded); None when a free response still needs grading."""
    if isinstance(item, FreeResponseItem):
        if grade_score is not None:
            return float(grade_score)
        if record.status == "blank":
            return float(rule.blank)
        if record.status in ("unparsed", "error"):
            return float(rule.wrong)
        return None
    if record.status == "blank":
        return float(rule.blank)
    if record.status in ("unparsed", "error"):
        return float(rule.wrong)
    return float(keyed_points(item, rule, record.answer))


def section_points(
    section: PackSection,
    form_ids: list[str],
    samples: int,
    responses: Mapping[tuple[str, int], ResponseRecord],
    grades: Mapping[tuple[str, int], FinalGrade],
    exclude: Collection[str] = (),
) -> SectionPoints:
    """Score one section of a run."""
    rule = section.section.scoring
    weight = rule.weight
    by_id = {item.id: item for item in section.items}
    counted: list[str] = []
    rows: list[list[float]] = []
    maxima: list[float] = []
    missing: list[str] = []
    excluded: list[str] = []
    needs_grading: list[str] = []
    partial: list[str] = []
    kinds: set[str] = set()
    form_max = 0.0
    for item_id in form_ids:
        item = by_id[item_id]
        top = float(item_max_points(item)) if isinstance(item, FreeResponseItem) else keyed_max(
            item, rule
        )
        form_max += top * weight
        if item_id in exclude:
            excluded.append(item_id)
            continue
        values: list[float | None] = []
        answered = 0
        ungraded = False
        for sample in range(samples):
            record = responses.get((item_id, sample))
            if record is None:
                values.append(None)
                continue
            answered += 1
            grade = grades.get((item_id, sample))
            if grade is not None and isinstance(item, FreeResponseItem):
                kinds.add(grade.kind)
            value = response_points(item, rule, record,
                                    grade.score if grade is not None else None)
            if value is None:
                ungraded = True
            values.append(value)
        if answered == 0:
            missing.append(item_id)
            continue
        if ungraded:
            needs_grading.append(item_id)
            continue
        known = [v for v in values if v is not None]
        if len(known) < samples:
            partial.append(item_id)
            mean = sum(known) / len(known)
            values = [mean if v is None else v for v in values]
        counted.append(item_id)
        rows.append([float(v) * weight for v in values if v is not None])
        maxima.append(top * weight)
    points = np.asarray(rows, dtype=np.float64).reshape(len(counted), samples)
    return SectionPoints(
        section=section,
        form_ids=tuple(form_ids),
        counted=tuple(counted),
        points=points,
        maxima=np.asarray(maxima, dtype=np.float64),
        form_max=form_max,
        missing=tuple(missing),
        excluded=tuple(excluded),
        needs_grading=tuple(needs_grading),
        grader_kinds=frozenset(kinds),
        partial_samples=tuple(partial),
    )
