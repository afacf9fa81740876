"""What a model adapter is asked and what it answers: plain, provider-neutral data.

The runner builds a ``GenerateRequest`` per protocol step; graders build them too. An
adapter turns it into its provider's wire format and returns a ``GenerateResult``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class TextPart:
    """A run of text inside a message."""

    text: str


@dataclass(frozen=True)
class ImagePart:
    """An image inside a message, carried as bytes so any adapter can encode it."""

    data: bytes
    media_type: str
    """MIME type, e.g. ``image/png``."""
    name: str = ""
    """Where the image came from (a pack-relative path); for display and logs only."""

    @classmethod
    def from_file(cls, path: Path, name: str = "") -> ImagePart:
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return cls(path.read_bytes(), media_type, name or path.name)

    def data_url(self) -> str:
        """The image as a ``data:`` URL (the form OpenAI-compatible servers accept)."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


Part = TextPart | ImagePart


@dataclass(frozen=True)
class Message:
    """One turn of a conversation: a role and its parts (text and images, in order)."""

    role: Role
    parts: tuple[Part, ...]

    @classmethod
    def text(cls, role: Role, text: str) -> Message:
        return cls(role, (TextPart(text),))

    @property
    def plain_text(self) -> str:
        """The text parts joined, images left out."""
        return "".join(p.text for p in self.parts if isinstance(p, TextPart))

    @property
    def has_images(self) -> bool:
        return any(isinstance(p, ImagePart) for p in self.parts)


@dataclass(frozen=True)
class GenerateRequest:
    """One call to a model.

    ``metadata`` labels the call for logs and for offline adapters (the mock and replay
    models read ``item``, ``sample`` and ``step`` from it); it is never sent to a provider.
    """

    messages: tuple[Message, ...]
    temperature: float | None = None
    max_tokens: int | None = None
    stop: tuple[str, ...] = ()
    seed: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)

    def digest(self) -> str:
        """sha256 of everything that can change a model's output (metadata excluded)."""
        return "sha256:" + hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    def canonical_json(self) -> str:
        """A stable JSON form of the request (images by content hash)."""

        def part(p: Part) -> dict[str, Any]:
            if isinstance(p, TextPart):
                return {"text": p.text}
            return {"image": hashlib.sha256(p.data).hexdigest(), "type": p.media_type}

        data = {
            "messages": [
                {"role": m.role, "parts": [part(p) for p in m.parts]} for m in self.messages
            ],
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "stop": list(self.stop),
            "seed": self.seed,
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class GenerateResult:
    """What the model answered."""

    text: str
    input_tokens: int = 0
    output_tokens: int = 0
    finish_reason: str | None = None
    """``stop``, ``length`` (cut by max_tokens), ... as the provider reports it."""
    cached: bool = False
    """True when the answer came from the response cache instead of the provider."""
