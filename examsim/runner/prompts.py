"""Building the messages a model sees for an item, under the exam's protocol.

GPT-4 Appendix A (``gpt4``): the section's few-shot set is shown as solved problems with
gold explanations ("Problem N. ... Explanation for Problem N: ... The answer is therefore
[X]"), then the item; the model writes an explanation that ends with its answer.
``direct``: the same examples with answers only, and the model gives the answer alone.
Free response: the section's instructions, any materials and passage, then the task.
Images go in as image parts, or with ``vision=False`` as an ``IMAGE:`` line with a
non-meaningful file name (plus the alt text when the pack says so).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from examsim.errors import UsageError
from examsim.models.offline import key_text
from examsim.models.types import ImagePart, Message, Part, TextPart
from examsim.packs.model import Pack, PackSection
from examsim.packs.schema import (
    FreeResponseItem,
    Image,
    Item,
    MultipleChoiceItem,
    NumericItem,
)
from examsim.runner.templates import render

Style = Literal["gpt4", "direct"]
AnswerStep = Literal["parse", "model"]
# The explanation stops here when a second step asks for the answer (Appendix A).
ANSWER_CUE = "\nThe answer is therefore"
# Room for "ANSWER: A, C" or a short phrase, with some slack for chatty models.
SHORT_ANSWER_TOKENS = 32


@dataclass(frozen=True)
class Step:
    """One request of the protocol: its name and sampling parameters."""

    name: Literal["explanation", "answer", "direct", "response"]
    temperature: float
    max_tokens: int
    stop: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemPrompt:
    """Everything needed to ask a model one item."""

    item: Item
    section: PackSection
    messages: tuple[Message, ...]
    first: Step
    second: Step | None = None
    """The temperature-0 step that asks for the answer after the explanation, if used."""
    answer_hint: str = ""

    def second_messages(self, explanation: str) -> tuple[Message, ...]:
        """The conversation for the answer step: the explanation, then the request."""
        return (
            *self.messages,
            Message.text("assistant", explanation),
            Message.text("user", render("answer_step", answer_hint=self.answer_hint)),
        )


def hidden_name(path: str) -> str:
    """A stable file name that says nothing about the image (Appendix A.4)."""
    suffix = Path(path).suffix or ".png"
    return f"img-{hashlib.sha256(path.encode()).hexdigest()[:8]}{suffix}"


class _Parts:
    """Collects text and images, merging adjacent text."""

    def __init__(self) -> None:
        self.parts: list[Part] = []

    def text(self, text: str) -> None:
        if self.parts and isinstance(self.parts[-1], TextPart):
            self.parts[-1] = TextPart(self.parts[-1].text + text)
        else:
            self.parts.append(TextPart(text))

    def image(self, root: Path, image: Image, vision: bool) -> None:
        if vision:
            self.text("\n")
            self.parts.append(ImagePart.from_file(root / image.path, image.path))
            return
        name = hidden_name(image.path)
        if image.describe_when_hidden:
            self.text("\n" + render("image_alt", name=name, alt=image.alt.strip()))
        else:
            self.text("\n" + render("image_hidden", name=name))

    def message(self, role: Literal["user", "assistant"]) -> Message:
        parts = [p for p in self.parts if not (isinstance(p, TextPart) and not p.text)]
        if parts and isinstance(parts[-1], TextPart):
            parts[-1] = TextPart(parts[-1].text.rstrip())
        return Message(role, tuple(parts))


def answer_hint(item: Item) -> str:
    """What X stands for in the answer line, for items other than one-letter choices."""
    if isinstance(item, MultipleChoiceItem):
        if isinstance(item.answer, list):
            return " (X is every correct letter, separated by commas, e.g. [A, C])"
        return ""
    if isinstance(item, NumericItem):
        unit = f" in {item.unit}" if item.unit else ""
        return f" (X is a number{unit})"
    return " (X is a word or short phrase)"


def _item_body(item: Item, passage: str | None, root: Path, vision: bool,
               number: int | None) -> Message:
    out = _Parts()
    if number is not None:
        out.text(render("problem", number=number, body="").rstrip() + " ")
    if isinstance(item, FreeResponseItem):
        for material in item.materials:
            out.text(render("material", title=material.title.strip(), body=material.body.strip())
                     + "\n\n")
    if passage:
        out.text(render("passage", passage=passage.strip()) + "\n\n")
    out.text(item.stem.strip())
    for image in item.images:
        out.image(root, image, vision)
    if isinstance(item, MultipleChoiceItem):
        options = " ".join(f"[{letter}] {text.strip()}" for letter, text in item.choices.items())
        out.text("\n" + render("choices", choices=options))
    elif isinstance(item, NumericItem) and item.unit:
        out.text(f"\n(Give the answer in {item.unit}.)")
    return out.message("user")


def item_prompt(
    pack: Pack,
    section: PackSection,
    item: Item,
    *,
    style: Style | None = None,
    vision: bool = True,
    answer_step: AnswerStep = "parse",
) -> ItemPrompt:
    """The messages and steps for ``item`` (``style`` None: the section's own)."""
    protocol = section.section.protocol
    style = style or protocol.style
    instructions = section.section.instructions.strip()
    fewshot = pack.fewshot_for(section, item)
    examples = list(fewshot.items) if fewshot else []
    example_passages = dict(fewshot.passages) if fewshot else {}

    if isinstance(item, FreeResponseItem):
        messages = [Message.text("system", render("free_response_system",
                                                  instructions=instructions))]
        for example in examples:
            if isinstance(example, FreeResponseItem):
                passage = example_passages.get(example.passage or "")
                messages.append(_item_body(example, passage, pack.root, vision, None))
                messages.append(Message.text("assistant", example.reference_answer.strip()))
        messages.append(_item_body(item, section.passage_of(item), pack.root, vision, None))
        step = Step("response", protocol.free_response_temperature,
                    protocol.max_response_tokens)
        return ItemPrompt(item, section, tuple(messages), step)

    hint = answer_hint(item)
    keyed = [e for e in examples if not isinstance(e, FreeResponseItem)]
    system = render("gpt4_system" if style == "gpt4" else "direct_system",
                    instructions=instructions, answer_hint=hint)
    messages = [Message.text("system", system)]
    for number, example in enumerate(keyed, start=1):
        passage = example_passages.get(example.passage or "")
        messages.append(_item_body(example, passage, pack.root, vision, number))
        if style == "gpt4":
            reply = render("solution", number=number, explanation=example.explanation.strip(),
                           answer=key_text(example))
        else:
            reply = render("direct_solution", answer=key_text(example))
        messages.append(Message.text("assistant", reply))
    messages.append(
        _item_body(item, section.passage_of(item), pack.root, vision, len(keyed) + 1)
    )
    if style == "direct":
        first = Step("direct", protocol.answer_temperature, SHORT_ANSWER_TOKENS)
        return ItemPrompt(item, section, tuple(messages), first, answer_hint=hint)
    if answer_step == "model":
        first = Step("explanation", protocol.explanation_temperature,
                     protocol.max_explanation_tokens, (ANSWER_CUE,))
        second = Step("answer", protocol.answer_temperature, SHORT_ANSWER_TOKENS)
        return ItemPrompt(item, section, tuple(messages), first, second, hint)
    first = Step("explanation", protocol.explanation_temperature,
                 protocol.max_explanation_tokens)
    return ItemPrompt(item, section, tuple(messages), first, answer_hint=hint)


def render_item_prompt(
    pack: Pack,
    item_id: str,
    *,
    style: Style | None = None,
    vision: bool = True,
    answer_step: AnswerStep = "parse",
) -> ItemPrompt:
    """The prompt of one item by id (for ``examsim show EXAM --prompt ITEM``)."""
    for section, item in pack.items():
        if item.id == item_id:
            return item_prompt(pack, section, item, style=style, vision=vision,
                               answer_step=answer_step)
    known = ", ".join(i.id for _, i in list(pack.items())[:8])
    raise UsageError(f"Exam '{pack.id}' has no item '{item_id}'. Items include: {known}.")


def format_prompt(prompt: ItemPrompt) -> str:
    """The prompt as readable text: one block per message, images by path."""
    blocks: list[str] = []
    for message in prompt.messages:
        text = "".join(
            p.text if isinstance(p, TextPart) else f"[image {p.name} ({p.media_type})]"
            for p in message.parts
        )
        blocks.append(f"--- {message.role} ---\n{text}")
    step = prompt.first
    settings = f"temperature {step.temperature:g}, max tokens {step.max_tokens}"
    if step.stop:
        settings += ", stop " + ", ".join(repr(s) for s in step.stop)
    lines = [f"--- {step.name}: {settings} ---"]
    if prompt.second is not None:
        lines.append(f"--- then {prompt.second.name}: temperature "
                     f"{prompt.second.temperature:g}, max tokens {prompt.second.max_tokens} ---")
        lines.append(render("answer_step", answer_hint=prompt.answer_hint))
    return "\n\n".join(blocks) + "\n\n" + "\n".join(lines)
