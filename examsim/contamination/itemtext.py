"""The question text of an item: what is compared against a corpus.

Following Appendix C, only what the candidate reads is used ("the question, context, or
equivalent data while ignoring answer, response, or equivalent data"): the passage an item
refers to, the stem, and for multiple choice the options (``include_choices=False``
leaves them out, as the report did for some exams). Free-response items contribute their
stem and the materials handed out with them. Keys, explanations, rubrics, accepted answers
and reference answers are never used. Image alt texts are ours, not the exam's, and are
left out too.
"""

from __future__ import annotations

from dataclasses import dataclass

from examsim.packs.model import Pack, PackSection
from examsim.packs.schema import FreeResponseItem, Item, MultipleChoiceItem


@dataclass(frozen=True)
class ItemText:
    """One scored item's question text, with where it sits in the exam."""

    item: str
    section: str
    text: str


def question_text(section: PackSection, item: Item, include_choices: bool = True) -> str:
    """Passage, stem and (multiple choice) options, or stem and materials (free response)."""
    parts: list[str] = []
    passage = section.passage_of(item)
    if passage:
        parts.append(passage)
    parts.append(item.stem)
    if isinstance(item, MultipleChoiceItem) and include_choices:
        parts.extend(item.choices[label] for label in sorted(item.choices))
    if isinstance(item, FreeResponseItem):
        for material in item.materials:
            parts.extend((material.title, material.body))
    return "\n".join(parts)


def exam_texts(pack: Pack, include_choices: bool = True) -> list[ItemText]:
    """The question text of every scored item of a pack (the whole pool), in form order."""
    return [
        ItemText(item.id, section.id, question_text(section, item, include_choices))
        for section, item in pack.items()
    ]
