"""``mock/answer-key`` and ``mock/random``: deterministic offline models.

``mock/answer-key`` answers every keyed item with its key and every free response with
the pack's reference answer; ``mock/random`` answers by chance, seeded by the run's seed,
the item and the sample. Both write their answers as text in the protocol's own form, so
the runner's answer parser reads them exactly as it reads a real model.
"""

from __future__ import annotations

import hashlib
import random

from examsim.errors import ModelError
from examsim.models.adapter import ModelAdapter, ModelContext
from examsim.models.offline import (
    apply_stop,
    item_index,
    key_text,
    request_item,
    require_pack,
    say_answer,
)
from examsim.models.types import GenerateRequest, GenerateResult
from examsim.packs.model import Pack
from examsim.packs.schema import FreeResponseItem, Item, MultipleChoiceItem, NumericItem


class AnswerKeyModel:
    """Always the key (the reference answer for free response)."""

    supports_images = True
    cacheable = False
    name = "mock/answer-key"
    cache_identity = name

    def __init__(self, pack: Pack) -> None:
        self.items = item_index(pack)

    async def generate(self, request: GenerateRequest) -> GenerateResult:
        item = request_item(self.name, self.items, request)
        step = request.metadata.get("step", "response")
        if isinstance(item, FreeResponseItem):
            text = item.reference_answer
        else:
            text = say_answer(step, key_text(item), item.explanation)
        return GenerateResult(apply_stop(text, request.stop), finish_reason="stop")


class RandomModel:
    """Chance answers: a uniformly drawn option (as many as the key has), seeded."""

    supports_images = True
    cacheable = False
    name = "mock/random"
    cache_identity = name

    def __init__(self, pack: Pack, seed: int) -> None:
        self.items = item_index(pack)
        self.seed = seed

    def _rng(self, item: Item, sample: str) -> random.Random:
        material = f"{self.seed}:{item.id}:{sample}".encode()
        return random.Random(int.from_bytes(hashlib.sha256(material).digest()[:8], "big"))

    async def generate(self, request: GenerateRequest) -> GenerateResult:
        item = request_item(self.name, self.items, request)
        step = request.metadata.get("step", "response")
        rng = self._rng(item, request.metadata.get("sample", "0"))
        words = item.stem.split()
        if isinstance(item, FreeResponseItem):
            rng.shuffle(words)
            text = " ".join(words)
        elif isinstance(item, MultipleChoiceItem):
            letters = sorted(item.choices)
            size = len(item.answer) if isinstance(item.answer, list) else 1
            text = say_answer(step, ", ".join(sorted(rng.sample(letters, size))),
                              "Chosen at random.")
        elif isinstance(item, NumericItem):
            guess = round(rng.uniform(-1, 1) * (abs(item.answer) * 2 + 10), 2)
            text = say_answer(step, f"{guess:g}", "Guessed.")
        else:
            text = say_answer(step, rng.choice(words).strip(".,?!;:"), "Guessed.")
        return GenerateResult(apply_stop(text, request.stop), finish_reason="stop")


def mock_factory(name: str, context: ModelContext) -> ModelAdapter:
    """``mock/answer-key`` or ``mock/random``."""
    if name == "answer-key":
        return AnswerKeyModel(require_pack("mock/answer-key", context))
    if name == "random":
        return RandomModel(require_pack("mock/random", context), context.seed)
    raise ModelError(f"Unknown mock model 'mock/{name}'. Known: mock/answer-key, mock/random.")
