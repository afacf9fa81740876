"""The Anthropic adapter over real HTTP against the local server's /v1/messages."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterator

import pytest

from examsim.errors import ModelError
from examsim.models import GenerateRequest, ImagePart, Message, ModelContext, TextPart, get_model
from examsim.models.adapter import ProviderError
from examsim.models.types import GenerateResult
from examsim.testing.provider_server import ProviderServer


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ProviderServer]:
    with ProviderServer(responder=lambda body: "The answer is therefore [B]") as srv:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-456")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", srv.root_url)
        yield srv


def ask(request: GenerateRequest) -> GenerateResult:
    async def go() -> GenerateResult:
        model = get_model("anthropic/claude-test", ModelContext(timeout=5))
        try:
            return await model.generate(request)
        finally:
            await model.aclose()  # type: ignore[attr-defined]

    return asyncio.run(go())


def test_messages_request_with_system_and_image(server: ProviderServer) -> None:
    image = ImagePart(b"\x89PNG fake", "image/png", "x.png")
    request = GenerateRequest(
        (Message.text("system", "Exam rules."),
         Message("user", (TextPart("Look:"), image))),
        temperature=0.3, max_tokens=100, stop=("\nThe answer is therefore",),
    )
    result = ask(request)
    sent = server.requests[-1]
    assert sent.path == "/v1/messages"
    # SDK versions differ in the header that carries the key.
    assert "sk-ant-test-456" in (sent.headers.get("x-api-key", "")
                                 + sent.headers.get("authorization", ""))
    body = sent.body
    assert body["system"] == "Exam rules."
    assert body["max_tokens"] == 100 and body["temperature"] == 0.3
    assert body["stop_sequences"] == ["\nThe answer is therefore"]
    content = body["messages"][0]["content"]
    assert content[0] == {"type": "text", "text": "Look:"}
    assert content[1]["type"] == "image"
    assert content[1]["source"]["media_type"] == "image/png"
    assert base64.b64decode(content[1]["source"]["data"]) == b"\x89PNG fake"
    assert result.text == "The answer is therefore [B]"
    assert result.output_tokens == 5


def test_default_output_cap_and_temperature_clamp(server: ProviderServer) -> None:
    ask(GenerateRequest((Message.text("user", "Hi"),), temperature=1.5))
    body = server.requests[-1].body
    assert body["max_tokens"] == 4096
    assert body["temperature"] == 1.0


@pytest.mark.parametrize("fault,status", [("rate_limit", 429), ("unavailable", 503)])
def test_faults(server: ProviderServer, fault: str, status: int) -> None:
    server.inject(fault, retry_after=2)
    with pytest.raises(ProviderError) as caught:
        ask(GenerateRequest((Message.text("user", "Hi"),)))
    assert caught.value.status == status
    assert caught.value.retryable and caught.value.retry_after == 2


def test_key_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(ModelError, match="ANTHROPIC_API_KEY"):
        get_model("anthropic/claude-test")
