"""Model adapters: the ModelAdapter protocol, its registry, and the built-in providers.

Request and result types are provider-neutral (``types.py``); graders use them too::

    from examsim.models import GenerateRequest, Message, get_model
    model = get_model("openai/gpt-4o")
    result = await model.generate(GenerateRequest((Message.text("user", "Hi"),)))
"""

from __future__ import annotations

from examsim.models.adapter import ModelAdapter, ModelContext, ProviderError
from examsim.models.registry import get_model, models, split_spec
from examsim.models.types import (
    GenerateRequest,
    GenerateResult,
    ImagePart,
    Message,
    TextPart,
)

__all__ = [
    "GenerateRequest",
    "GenerateResult",
    "ImagePart",
    "Message",
    "ModelAdapter",
    "ModelContext",
    "ProviderError",
    "TextPart",
    "get_model",
    "models",
    "split_spec",
]
