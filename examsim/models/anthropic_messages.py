"""``anthropic/<model>``: Claude models through the ``anthropic`` SDK's Messages API.

Reads ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL when set) from the environment.
"""

from __future__ import annotations

import base64
import os
from typing import Any

from examsim.errors import DependencyError, ModelError
from examsim.models.adapter import ModelAdapter, ModelContext, ProviderError
from examsim.models.sdk_errors import from_sdk_exception
from examsim.models.types import GenerateRequest, GenerateResult, ImagePart, Message

# The Messages API requires a cap on output; used when a request sets none.
DEFAULT_MAX_TOKENS = 4096


class AnthropicAdapter:
    """A Claude model."""

    supports_images = True
    cacheable = True

    def __init__(self, model: str, *, api_key: str, base_url: str | None, timeout: float) -> None:
        self.name = f"anthropic/{model}"
        self.model = model
        self.base_url = base_url
        self.cache_identity = f"{self.name}@{base_url or 'default'}"
        self._api_key = api_key
        self._timeout = timeout
        self._client: Any = None

    def _sdk(self) -> Any:
        try:
            import anthropic
        except ImportError as exc:
            raise DependencyError("anthropic", "anthropic", f"The model {self.name}") from exc
        return anthropic

    def _get_client(self) -> Any:
        if self._client is None:
            self._client = self._sdk().AsyncAnthropic(
                api_key=self._api_key,
                base_url=self.base_url,
                timeout=self._timeout,
                max_retries=0,
            )
        return self._client

    def payload(self, request: GenerateRequest) -> dict[str, Any]:
        """The keyword arguments of ``messages.create`` for a request."""
        system = "\n\n".join(m.plain_text for m in request.messages if m.role == "system")
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [_wire_message(m) for m in request.messages if m.role != "system"],
            "max_tokens": request.max_tokens or DEFAULT_MAX_TOKENS,
        }
        if system:
            body["system"] = system
        if request.temperature is not None:
            # The Messages API accepts temperatures from 0 to 1. Sent as an extra body field
            # because recent SDK versions no longer list it among the typed parameters.
            body["extra_body"] = {"temperature": min(request.temperature, 1.0)}
        if request.stop:
            body["stop_sequences"] = [s for s in request.stop if s.strip()]
        return body

    async def generate(self, request: GenerateRequest) -> GenerateResult:
        client = self._get_client()
        sdk = self._sdk()
        try:
            reply = await client.messages.create(**self.payload(request))
        except (sdk.AnthropicError, ValueError, KeyError) as exc:
            raise from_sdk_exception(sdk, exc, self._api_key) from exc
        blocks = getattr(reply, "content", None)
        if blocks is None:
            raise ProviderError("malformed response: no content", retryable=True)
        text = "".join(
            getattr(b, "text", "") or "" for b in blocks if getattr(b, "type", "") == "text"
        )
        usage = getattr(reply, "usage", None)
        return GenerateResult(
            text=text,
            input_tokens=int(getattr(usage, "input_tokens", 0) or 0),
            output_tokens=int(getattr(usage, "output_tokens", 0) or 0),
            finish_reason=getattr(reply, "stop_reason", None),
        )

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        if self._client is not None:
            await self._client.close()
            self._client = None


def _wire_message(message: Message) -> dict[str, Any]:
    if not message.has_images:
        return {"role": message.role, "content": message.plain_text}
    content: list[dict[str, Any]] = []
    for part in message.parts:
        if isinstance(part, ImagePart):
            content.append(
                {
                    "type": "image",
                    "source": {
                        "type": "base64",
                        "media_type": part.media_type,
                        "data": base64.b64encode(part.data).decode("ascii"),
                    },
                }
            )
        else:
            content.append({"type": "text", "text": part.text})
    return {"role": message.role, "content": content}


def anthropic_factory(model: str, context: ModelContext) -> ModelAdapter:
    """``anthropic/<model>`` (ANTHROPIC_API_KEY; ANTHROPIC_BASE_URL if set)."""
    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        raise ModelError(
            f"anthropic/{model} needs an API key. Fix: set ANTHROPIC_API_KEY in the environment."
        )
    return AnthropicAdapter(
        model,
        api_key=key,
        base_url=os.environ.get("ANTHROPIC_BASE_URL") or None,
        timeout=context.timeout,
    )
