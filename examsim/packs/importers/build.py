"""Building schema items from what a source gives, refusing what a pack cannot hold.

An importer calls these and reports an ``Unmappable`` as a skipped question, so a pack
never carries a guessed key, an empty choice or a rubric that was not in the source
without saying so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from examsim.packs.importers.text import same_text
from examsim.packs.schema import (
    FreeResponseItem,
    HolisticRubric,
    Image,
    Material,
    MultipleChoiceItem,
    NumericItem,
    ShortAnswerItem,
)

NO_EXPLANATION = "No explanation was supplied with the imported item."
NO_REFERENCE = "No reference answer was supplied with the imported item."
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Unmappable(Exception):
    """The source question cannot become a valid item; the message says why."""


class Malformed(Exception):
    """The source breaks its own format's syntax; ``fix`` says how to repair it."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.fix = fix


def mentions_figure(text: str) -> bool:
    """Whether a stem refers to a picture the candidate should see."""
    import re

    return re.search(r"\b(figure|diagram|image|picture|graph|chart|photo|map|shown below|"
                     r"illustrat\w*)\b", text, re.I) is not None


def no_alt(number: int, item_id: str) -> str:
    """Alt text for an image whose source gave no description."""
    return f"Imported image {number} of item {item_id} (no description in source)"


def _stem(stem: str) -> str:
    stem = stem.strip()
    if not stem:
        raise Unmappable("it has no question text")
    return stem


def _points(points: float | None) -> float:
    if points is None:
        return 1.0
    if points <= 0:
        raise Unmappable(f"it is worth {points:g} points; a scored item needs more than 0")
    return float(points)


def choice_item(
    item_id: str,
    stem: str,
    choices: Sequence[str],
    correct: Sequence[int],
    *,
    points: float | None = None,
    explanation: str | None = None,
    images: Sequence[Image] = (),
    topic: str | None = None,
    group: str | None = None,
    passage: str | None = None,
    choice_credit: Mapping[int, float] | None = None,
) -> MultipleChoiceItem:
    """A multiple-choice item; ``correct`` holds 0-based indexes of the keyed choices and
    ``choice_credit`` the share of the item's points a choice earns (partial credit)."""
    texts = [c.strip() for c in choices]
    if len(texts) < 2:
        raise Unmappable(f"it has {len(texts)} choice(s); multiple choice needs at least 2")
    if len(texts) > len(LETTERS):
        raise Unmappable(f"it has {len(texts)} choices; at most 26 can be lettered")
    for i, text in enumerate(texts):
        if not text or text in {".", "-", "_"}:
            raise Unmappable(f"choice {LETTERS[i]} has no text (media placeholder?)")
        for j in range(i):
            if same_text(texts[j], text):
                raise Unmappable(f"choices {LETTERS[j]} and {LETTERS[i]} read the same")
    keys = sorted(set(correct))
    if not keys:
        raise Unmappable("no choice is marked correct (no answer key)")
    if any(k < 0 or k >= len(texts) for k in keys):
        raise Unmappable("the key names a choice the question does not have")
    letters = [LETTERS[k] for k in keys]
    worth = _points(points)
    partial = None
    if choice_credit:
        partial = {LETTERS[i]: round(worth * c, 6) for i, c in sorted(choice_credit.items())}
    return MultipleChoiceItem(
        id=item_id,
        type="multiple_choice",
        stem=_stem(stem),
        choices={LETTERS[i]: t for i, t in enumerate(texts)},
        answer=letters[0] if len(letters) == 1 else letters,
        explanation=(explanation or "").strip() or NO_EXPLANATION,
        points=worth,
        choice_points=partial,
        images=list(images),
        topic=topic,
        group=group,
        passage=passage,
    )


def numeric_item(
    item_id: str,
    stem: str,
    answer: float,
    *,
    tolerance: float = 0.0,
    points: float | None = None,
    explanation: str | None = None,
    images: Sequence[Image] = (),
    topic: str | None = None,
    group: str | None = None,
) -> NumericItem:
    return NumericItem(
        id=item_id,
        type="numeric",
        stem=_stem(stem),
        answer=answer,
        tolerance=abs(tolerance),
        explanation=(explanation or "").strip() or NO_EXPLANATION,
        points=_points(points),
        images=list(images),
        topic=topic,
        group=group,
    )


def short_item(
    item_id: str,
    stem: str,
    accepted: Sequence[str],
    *,
    points: float | None = None,
    explanation: str | None = None,
    images: Sequence[Image] = (),
    topic: str | None = None,
    group: str | None = None,
) -> ShortAnswerItem:
    answers: list[str] = []
    for text in accepted:
        text = text.strip()
        if text and not any(same_text(text, seen) for seen in answers):
            answers.append(text)
    if not answers:
        raise Unmappable("no accepted answer is given")
    return ShortAnswerItem(
        id=item_id,
        type="short_answer",
        stem=_stem(stem),
        accepted=answers,
        explanation=(explanation or "").strip() or NO_EXPLANATION,
        points=_points(points),
        images=list(images),
        topic=topic,
        group=group,
    )


def _step_for(points: float) -> float:
    for step in (1.0, 0.5, 0.25, 0.1, 0.05, 0.01):
        ratio = points / step
        if abs(ratio - round(ratio)) < 1e-9:
            return step
    return points


def essay_item(
    item_id: str,
    stem: str,
    *,
    points: float | None = None,
    notes: str = "",
    reference: str | None = None,
    images: Sequence[Image] = (),
    materials: Sequence[Material] = (),
    topic: str | None = None,
    group: str | None = None,
) -> FreeResponseItem:
    """An essay with a holistic 0..points rubric, since no common format carries one."""
    maximum = _points(points)
    step = _step_for(maximum)
    rubric_notes = (
        f"Imported without a rubric: scored holistically from 0 to {maximum:g} "
        f"in steps of {step:g}. Replace this with the exam's own rubric."
    )
    if notes.strip():
        rubric_notes += "\n\nGrader notes from the source:\n" + notes.strip()
    return FreeResponseItem(
        id=item_id,
        type="free_response",
        stem=_stem(stem),
        rubric=HolisticRubric(kind="holistic", min=0, max=maximum, step=step,
                              notes=rubric_notes),
        reference_answer=(reference or "").strip() or NO_REFERENCE,
        points=maximum,
        images=list(images),
        materials=list(materials),
        topic=topic,
        group=group,
    )
