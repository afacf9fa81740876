"""The exam paper as data: what a printed paper shows, in order, with the key optional."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from examsim.packs.model import Pack, item_max_points
from examsim.packs.schema import (
    AnalyticRubric,
    FreeResponseItem,
    Item,
    MultipleChoiceItem,
    NumericItem,
    ShortAnswerItem,
)


@dataclass(frozen=True)
class PaperImage:
    path: Path
    alt: str


@dataclass(frozen=True)
class PaperKey:
    """The answer key of one question (shown with ``--answers``)."""

    answer: str
    explanation: str = ""
    rubric: list[str] = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class PaperQuestion:
    number: int
    id: str
    stem: str
    points: float
    choices: list[tuple[str, str]] = field(default_factory=list)
    images: list[PaperImage] = field(default_factory=list)
    materials: list[tuple[str, str]] = field(default_factory=list)
    answer_space: str = ""
    """How the candidate answers when there are no choices, e.g. ``Answer (km/h): ____``."""
    passage: str | None = None
    """A passage printed just before this question (first question that uses it)."""
    passage_id: str | None = None
    key: PaperKey | None = None


@dataclass(frozen=True)
class PaperSection:
    id: str
    name: str
    instructions: str
    conditions: list[str]
    questions: list[PaperQuestion]


@dataclass(frozen=True)
class Paper:
    title: str
    subtitle: str
    sections: list[PaperSection]
    answers: bool


def _num(value: float) -> str:
    return f"{value:g}"


def _key(item: Item) -> PaperKey:
    if isinstance(item, MultipleChoiceItem):
        answer = ", ".join(item.answer) if isinstance(item.answer, list) else item.answer
        extra = ""
        if item.choice_points:
            extra = " (partial credit: " + ", ".join(
                f"{k} {_num(v)}" for k, v in item.choice_points.items()) + ")"
        return PaperKey(answer + extra, item.explanation)
    if isinstance(item, NumericItem):
        tol = max(item.tolerance, abs(item.answer) * item.relative_tolerance)
        answer = _num(item.answer) + (f" ± {_num(tol)}" if tol else "")
        return PaperKey(answer + (f" {item.unit}" if item.unit else ""), item.explanation)
    if isinstance(item, ShortAnswerItem):
        return PaperKey(" / ".join(item.accepted), item.explanation)
    assert isinstance(item, FreeResponseItem)
    rubric = item.rubric
    lines: list[str] = []
    if isinstance(rubric, AnalyticRubric):
        for c in rubric.criteria:
            lines.append(f"{c.description} [{_num(c.points)} pt]")
            lines += [f"  {_num(p)}: {d}" for p, d in sorted(c.descriptors.items())]
    else:
        lines.append(f"Holistic score {_num(rubric.min)}-{_num(rubric.max)} "
                     f"(steps of {_num(rubric.step)})")
        lines += [f"  {_num(level)}: {d}" for level, d in sorted(rubric.levels.items(),
                                                                 reverse=True)]
        lines += [f"  Guide: {c.description} [{_num(c.points)}]" for c in rubric.criteria]
    return PaperKey(item.reference_answer, "", lines, rubric.notes)


def _answer_space(item: Item) -> str:
    if isinstance(item, NumericItem):
        return "Answer" + (f" ({item.unit})" if item.unit else "") + ": ______________"
    if isinstance(item, ShortAnswerItem):
        return "Answer: ______________________________"
    if isinstance(item, FreeResponseItem):
        return "Write your answer on the answer sheet."
    if isinstance(item.answer, list):
        return "Choose all that apply."
    return ""


def build_paper(pack: Pack, answers: bool = False) -> Paper:
    """The paper for ``pack``: sections with conditions, numbered questions, optional key."""
    exam = pack.exam
    sections: list[PaperSection] = []
    number = 0
    total_minutes = 0.0
    for psection in pack.sections:
        s = psection.section
        conditions = [f"{len(psection.items)} question(s)",
                      f"{_num(sum(item_max_points(i) for i in psection.items))} points"]
        if s.time_limit_minutes:
            conditions.insert(0, f"Time: {_num(s.time_limit_minutes)} minutes")
            total_minutes += s.time_limit_minutes
        conditions.append("Aids: " + (", ".join(s.allowed_aids) if s.allowed_aids else "none"))
        if s.scoring.wrong:
            conditions.append(f"Wrong answers: {_num(s.scoring.wrong)} points")
        if s.scoring.blank:
            conditions.append(f"Blank answers: {_num(s.scoring.blank)} points")
        printed: set[str] = set()
        questions: list[PaperQuestion] = []
        for item in psection.items:
            number += 1
            passage = None
            if item.passage and item.passage not in printed:
                printed.add(item.passage)
                passage = psection.passages.get(item.passage)
            questions.append(PaperQuestion(
                number=number,
                id=item.id,
                stem=item.stem,
                points=item_max_points(item),
                choices=list(item.choices.items()) if isinstance(item, MultipleChoiceItem)
                else [],
                images=[PaperImage(pack.root / i.path, i.alt) for i in item.images],
                materials=[(m.title, m.body) for m in item.materials]
                if isinstance(item, FreeResponseItem) else [],
                answer_space=_answer_space(item),
                passage=passage,
                passage_id=item.passage,
                key=_key(item) if answers else None,
            ))
        sections.append(PaperSection(s.id, s.name, s.instructions, conditions, questions))
    subtitle = f"{pack.item_count()} questions in {len(pack.sections)} section(s)"
    if total_minutes:
        subtitle += f"; {_num(total_minutes)} minutes in all"
    if answers:
        subtitle += " - WITH ANSWER KEY"
    return Paper(exam.name, subtitle, sections, answers)
