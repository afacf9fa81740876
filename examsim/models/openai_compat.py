"""Models behind the OpenAI chat completions API, through the official ``openai`` SDK.

Providers: ``openai/<model>`` (OPENAI_API_KEY, OPENAI_BASE_URL), ``openai-api/<name>/<model>``
for any compatible server (``<NAME>_BASE_URL``, ``<NAME>_API_KEY``), ``ollama/<model>``
(http://localhost:11434/v1) and ``vllm/<model>`` (VLLM_BASE_URL, default
http://localhost:8000/v1). Keys are read from the environment and kept in memory only.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from examsim.errors import DependencyError, ModelError
from examsim.models.adapter import ModelAdapter, ModelContext, ProviderError
from examsim.models.sdk_errors import from_sdk_exception
from examsim.models.types import GenerateRequest, GenerateResult, ImagePart, Message

OLLAMA_URL = "http://localhost:11434/v1"
VLLM_URL = "http://localhost:8000/v1"
CONNECTIONS_PER_CLIENT = 4
# Servers that want no key still need the SDK to send one.
NO_KEY = "not-needed"


class OpenAIChatAdapter:
    """A model served by an OpenAI-compatible ``/chat/completions`` endpoint."""

    supports_images = True
    cacheable = True

    def __init__(
        self,
        spec: str,
        model: str,
        *,
        base_url: str | None,
        api_key: str,
        timeout: float,
        max_tokens_field: str = "max_tokens",
        concurrency: int = 1,
    ) -> None:
        self.name = spec
        self.model = model
        self.base_url = base_url
        self.cache_identity = f"{spec}@{base_url or 'default'}"
        self._api_key = api_key
        self._timeout = timeout
        self._max_tokens_field = max_tokens_field
        # The HTTP pool checks every open connection each time it hands one out, so at
        # high concurrency requests are spread over several clients of a few connections.
        self._shards = max(1, min(16, concurrency // CONNECTIONS_PER_CLIENT))
        self._clients: list[Any] = []
        self._next = 0

    def _sdk(self) -> Any:
        try:
            import openai
        except ImportError as exc:
            raise DependencyError("openai", "openai", f"The model {self.name}") from exc
        return openai

    def _get_client(self) -> Any:
        if not self._clients:
            sdk = self._sdk()
            # Retries are the runner's job (it honours Retry-After and records them).
            self._clients = [
                sdk.AsyncOpenAI(api_key=self._api_key, base_url=self.base_url,
                                timeout=self._timeout, max_retries=0)
                for _ in range(self._shards)
            ]
        self._next = (self._next + 1) % len(self._clients)
        return self._clients[self._next]

    def payload(self, request: GenerateRequest) -> dict[str, Any]:
        """The keyword arguments of ``chat.completions.create`` for a request."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [_wire_message(m) for m in request.messages],
        }
        if request.temperature is not None:
            body["temperature"] = request.temperature
        if request.max_tokens is not None:
            body[self._max_tokens_field] = request.max_tokens
        if request.stop:
            body["stop"] = list(request.stop)
        if request.seed is not None:
            body["seed"] = request.seed
        return body

    async def generate(self, request: GenerateRequest) -> GenerateResult:
        client = self._get_client()
        sdk = self._sdk()
        try:
            # The SDK's generic POST: same auth, headers and errors as chat.completions.create,
            # without re-validating a plain JSON body and building response models, which
            # costs about a millisecond of CPU a request at high concurrency.
            raw = await client.post("/chat/completions", body=self.payload(request),
                                    cast_to=bytes)
            data = json.loads(raw)
        except (sdk.OpenAIError, ValueError) as exc:  # ValueError: a body that is not JSON
            raise from_sdk_exception(sdk, exc, self._api_key) from exc
        return parse_completion(data)

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        clients, self._clients = self._clients, []
        for client in clients:
            await client.close()


def parse_completion(data: Any) -> GenerateResult:
    """A GenerateResult from a chat completion's JSON body."""
    try:
        choice = data["choices"][0]
        content = choice["message"].get("content")
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        raise ProviderError("malformed response: no choices", retryable=True) from exc
    if isinstance(content, list):  # some servers return content parts
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    usage = data.get("usage") or {}
    return GenerateResult(
        text=content if isinstance(content, str) else "",
        input_tokens=int(usage.get("prompt_tokens") or 0),
        output_tokens=int(usage.get("completion_tokens") or 0),
        finish_reason=choice.get("finish_reason"),
    )


def _wire_message(message: Message) -> dict[str, Any]:
    if not message.has_images:
        return {"role": message.role, "content": message.plain_text}
    content: list[dict[str, Any]] = []
    for part in message.parts:
        if isinstance(part, ImagePart):
            content.append({"type": "image_url", "image_url": {"url": part.data_url()}})
        else:
            content.append({"type": "text", "text": part.text})
    return {"role": message.role, "content": content}


def env_prefix(name: str) -> str:
    """``local-qwen`` -> ``LOCAL_QWEN`` (the prefix of its environment variables)."""
    return re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def openai_factory(model: str, context: ModelContext) -> ModelAdapter:
    """``openai/<model>``: the OpenAI API (OPENAI_API_KEY; OPENAI_BASE_URL if set)."""
    key = os.environ.get("OPENAI_API_KEY")
    if not key:
        raise ModelError(
            f"openai/{model} needs an API key. Fix: set OPENAI_API_KEY in the environment."
        )
    return OpenAIChatAdapter(
        f"openai/{model}",
        model,
        base_url=os.environ.get("OPENAI_BASE_URL") or None,
        api_key=key,
        timeout=context.timeout,
        concurrency=context.concurrency,
        # The OpenAI API caps output with max_completion_tokens (reasoning models
        # reject max_tokens); compatible servers still expect max_tokens.
        max_tokens_field="max_completion_tokens",
    )


def openai_api_factory(name_and_model: str, context: ModelContext) -> ModelAdapter:
    """``openai-api/<name>/<model>``: any compatible server (<NAME>_BASE_URL, <NAME>_API_KEY)."""
    name, slash, model = name_and_model.partition("/")
    if not slash or not name or not model:
        raise ModelError(
            f"openai-api/{name_and_model}: expected openai-api/<name>/<model>. "
            "Fix: e.g. openai-api/local/qwen2.5 with LOCAL_BASE_URL set."
        )
    prefix = env_prefix(name)
    base_url = os.environ.get(f"{prefix}_BASE_URL")
    if not base_url:
        raise ModelError(
            f"openai-api/{name_and_model} needs a server address. "
            f"Fix: set {prefix}_BASE_URL (e.g. http://localhost:8000/v1) and, if the "
            f"server wants one, {prefix}_API_KEY."
        )
    return OpenAIChatAdapter(
        f"openai-api/{name}/{model}",
        model,
        base_url=base_url,
        api_key=os.environ.get(f"{prefix}_API_KEY") or NO_KEY,
        timeout=context.timeout,
        concurrency=context.concurrency,
    )


def ollama_factory(model: str, context: ModelContext) -> ModelAdapter:
    """``ollama/<model>``: a local Ollama server (OLLAMA_BASE_URL overrides the address)."""
    return OpenAIChatAdapter(
        f"ollama/{model}",
        model,
        base_url=os.environ.get("OLLAMA_BASE_URL") or OLLAMA_URL,
        api_key="ollama",
        timeout=context.timeout,
        concurrency=context.concurrency,
    )


def vllm_factory(model: str, context: ModelContext) -> ModelAdapter:
    """``vllm/<model>``: a vLLM server (VLLM_BASE_URL, default http://localhost:8000/v1)."""
    return OpenAIChatAdapter(
        f"vllm/{model}",
        model,
        base_url=os.environ.get("VLLM_BASE_URL") or VLLM_URL,
        api_key=os.environ.get("VLLM_API_KEY") or NO_KEY,
        timeout=context.timeout,
        concurrency=context.concurrency,
    )
