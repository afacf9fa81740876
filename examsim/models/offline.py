"""What the offline models share: finding the item a request is about, and the answer
text a model would write for it, so their answers go through the same parser as a real
model's."""

from __future__ import annotations

from examsim.errors import ModelError
from examsim.models.adapter import ModelContext, ProviderError
from examsim.models.types import GenerateRequest
from examsim.packs.model import Pack
from examsim.packs.schema import Item, MultipleChoiceItem, NumericItem, ShortAnswerItem

# The answer line of the GPT-4 Appendix A prompts.
ANSWER_LINE = "The answer is therefore [{answer}]"


def require_pack(spec: str, context: ModelContext) -> Pack:
    if context.pack is None:
        raise ModelError(f"{spec} answers from an exam pack; none was given.")
    return context.pack


def item_index(pack: Pack) -> dict[str, Item]:
    """Every scored item of a pack by id."""
    return {item.id: item for _, item in pack.items()}


def request_item(spec: str, items: dict[str, Item], request: GenerateRequest) -> Item:
    """The pack item a request asks about (from its ``item`` metadata)."""
    item_id = request.metadata.get("item")
    if not item_id:
        raise ProviderError(f"{spec} needs the item id in the request metadata.")
    item = items.get(item_id)
    if item is None:
        raise ProviderError(f"{spec}: the exam has no item '{item_id}'.")
    return item


def answer_text(answer: str | list[str] | float) -> str:
    """``["A", "C"]`` -> ``A, C``; ``3.5`` -> ``3.5``."""
    if isinstance(answer, list):
        return ", ".join(answer)
    if isinstance(answer, float):
        return f"{answer:g}"
    return answer


def key_text(item: Item) -> str:
    """The key of an item as a model writes it (``B``, ``A, C``, ``3.5``, the first
    accepted answer); empty for a free response, which has none."""
    if isinstance(item, MultipleChoiceItem | NumericItem):
        return answer_text(item.answer)
    if isinstance(item, ShortAnswerItem):
        return item.accepted[0]
    return ""


def say_answer(step: str, answer: str, explanation: str = "") -> str:
    """The text a model writes to give ``answer`` in a protocol step."""
    if step == "direct":
        return f"ANSWER: {answer}"
    line = ANSWER_LINE.format(answer=answer)
    if step == "explanation" and explanation:
        return f"{explanation.strip()}\n{line}"
    return line


def apply_stop(text: str, stop: tuple[str, ...]) -> str:
    """Cut text at the first stop sequence, as a provider does."""
    cut = len(text)
    for sequence in stop:
        at = text.find(sequence)
        if at != -1:
            cut = min(cut, at)
    return text[:cut]
