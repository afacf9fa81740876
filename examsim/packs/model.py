"""A loaded exam pack: the validated files joined into one object the other stages use."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from examsim.errors import NotFoundError
from examsim.packs.schema import (
    Exam,
    FewshotSet,
    FreeResponseItem,
    Item,
    MultipleChoiceItem,
    NumericItem,
    ReportedScore,
    Section,
    ShortAnswerItem,
)

AUTO_SCORED = (MultipleChoiceItem, NumericItem, ShortAnswerItem)


@dataclass(frozen=True)
class PackSection:
    """A section with its items and the passages they share."""

    section: Section
    items: tuple[Item, ...]
    passages: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.section.id

    def passage_of(self, item: Item) -> str | None:
        """The text of the passage an item refers to, if any."""
        return self.passages.get(item.passage) if item.passage else None


@dataclass(frozen=True)
class Pack:
    """An exam pack ready to run, score or print."""

    exam: Exam
    root: Path
    sections: tuple[PackSection, ...]
    fewshot: dict[str, FewshotSet]
    digest: str

    @property
    def id(self) -> str:
        return self.exam.id

    def section(self, section_id: str) -> PackSection:
        """The section with this id."""
        for section in self.sections:
            if section.id == section_id:
                return section
        known = ", ".join(s.id for s in self.sections)
        raise NotFoundError(f"Exam '{self.id}' has no section '{section_id}'. Sections: {known}.")

    def items(self) -> Iterator[tuple[PackSection, Item]]:
        """Every scored item with its section, in form order."""
        for section in self.sections:
            for item in section.items:
                yield section, item

    def item(self, item_id: str) -> tuple[PackSection, Item]:
        """The scored item with this id and its section."""
        for section, item in self.items():
            if item.id == item_id:
                return section, item
        raise NotFoundError(f"Exam '{self.id}' has no item '{item_id}'.")

    def fewshot_for(self, section: PackSection, item: Item) -> FewshotSet | None:
        """The few-shot set an item is shown: the first of the section's sets of its type,
        else the first of its sets."""
        named = section.section.protocol.fewshot
        ids = [named] if isinstance(named, str) else list(named or [])
        sets = [self.fewshot[i] for i in ids if i in self.fewshot]
        for fset in sets:
            if fset.format == item.type:
                return fset
        return sets[0] if sets else None

    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    def score(self, score_id: str) -> ReportedScore:
        """The reported score with this id."""
        for score in self.exam.scores:
            if score.id == score_id:
                return score
        raise NotFoundError(f"Exam '{self.id}' reports no score '{score_id}'.")


def item_max_points(item: Item) -> float:
    """The most points an item can earn (before a section's scoring rule or weight)."""
    if isinstance(item, FreeResponseItem):
        rubric = item.rubric
        if rubric.kind == "analytic":
            return float(sum(c.points for c in rubric.criteria))
        return float(rubric.max)
    return float(item.points)


def needs_grading(item: Item) -> bool:
    """Whether an item is graded against a rubric rather than scored automatically."""
    return isinstance(item, FreeResponseItem)
