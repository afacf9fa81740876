"""The OpenAI-compatible adapter over real HTTP against the local provider server."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterator

import pytest

from examsim.errors import ExamsimError, ModelError, UsageError
from examsim.models import GenerateRequest, ImagePart, Message, ModelContext, TextPart, get_model
from examsim.models.adapter import ProviderError, classify_status
from examsim.testing.provider_server import ProviderServer

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ProviderServer]:
    with ProviderServer(responder=lambda body: "Thinking.\nThe answer is therefore [C]") as srv:
        monkeypatch.setenv("LOCAL_BASE_URL", srv.url)
        monkeypatch.setenv("LOCAL_API_KEY", "sk-test-local-123")
        yield srv


def ask(spec: str, request: GenerateRequest, timeout: float = 5.0) -> object:
    async def go() -> object:
        model = get_model(spec, ModelContext(timeout=timeout))
        try:
            return await model.generate(request)
        finally:
            await model.aclose()  # type: ignore[attr-defined]

    return asyncio.run(go())


def simple() -> GenerateRequest:
    return GenerateRequest(
        (Message.text("system", "Be brief."), Message.text("user", "Pick one.")),
        temperature=0.3, max_tokens=64, stop=("\nThe answer is therefore",), seed=7,
    )


def test_text_request_reaches_the_server_as_chat_completions(server: ProviderServer) -> None:
    result = ask("openai-api/local/qwen", simple())
    sent = server.requests[-1]
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == "Bearer sk-test-local-123"
    assert sent.body["model"] == "qwen"
    assert sent.body["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Pick one."},
    ]
    assert sent.body["temperature"] == 0.3
    assert sent.body["max_tokens"] == 64
    assert sent.body["seed"] == 7
    # The server applied the stop sequence, as a provider does.
    assert result.text == "Thinking."  # type: ignore[attr-defined]
    assert result.output_tokens == 1  # type: ignore[attr-defined]
    assert result.input_tokens == 4  # type: ignore[attr-defined]


def test_images_go_as_image_content_parts(server: ProviderServer) -> None:
    message = Message("user", (TextPart("What colour?"), ImagePart(PNG, "image/png", "a.png"),
                               TextPart("Answer.")))
    ask("openai-api/local/qwen", GenerateRequest((message,)))
    content = server.requests[-1].body["messages"][0]["content"]
    assert [part["type"] for part in content] == ["text", "image_url", "text"]
    url = content[1]["image_url"]["url"]
    assert url.startswith("data:image/png;base64,")
    assert base64.b64decode(url.split(",", 1)[1]) == PNG
    assert server.image_urls() == [url]


def test_openai_provider_uses_max_completion_tokens(server: ProviderServer,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-test")
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    ask("openai/gpt-4o", simple())
    body = server.requests[-1].body
    assert body["model"] == "gpt-4o"
    assert body["max_completion_tokens"] == 64 and "max_tokens" not in body
    assert server.requests[-1].headers["authorization"] == "Bearer sk-openai-test"


def test_vllm_and_ollama_shortcuts(server: ProviderServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VLLM_BASE_URL", server.url)
    monkeypatch.setenv("OLLAMA_BASE_URL", server.url)
    ask("vllm/meta-llama/Llama-3.1-8B", simple())
    assert server.requests[-1].body["model"] == "meta-llama/Llama-3.1-8B"
    ask("ollama/llama3.1", simple())
    assert server.requests[-1].body["model"] == "llama3.1"


@pytest.mark.parametrize(
    ("fault", "retry_after", "reason", "status"),
    [
        ("rate_limit", 1.5, "HTTP 429", 429),
        ("rate_limit", None, "HTTP 429", 429),
        ("server_error", None, "HTTP 500", 500),
        ("unavailable", None, "HTTP 503", 503),
        ("reset", None, "connection failed", None),
        ("malformed", None, "malformed response", None),
    ],
)
def test_faults_become_retryable_provider_errors(
    server: ProviderServer, fault: str, retry_after: float | None, reason: str, status: int | None
) -> None:
    server.inject(fault, retry_after=retry_after)
    with pytest.raises(ProviderError) as caught:
        ask("openai-api/local/qwen", simple())
    error = caught.value
    assert error.reason.startswith(reason)
    assert error.retryable and not error.fatal
    assert error.status == status
    assert error.retry_after == retry_after
    assert server.faults_served == [fault]


def test_read_timeout_is_retryable(server: ProviderServer) -> None:
    server.inject("timeout", hang=3)
    with pytest.raises(ProviderError) as caught:
        ask("openai-api/local/qwen", simple(), timeout=0.3)
    assert caught.value.reason == "request timed out" and caught.value.retryable


def test_empty_content_is_an_empty_answer_not_an_error(server: ProviderServer) -> None:
    server.inject("empty")
    result = ask("openai-api/local/qwen", simple())
    assert result.text == ""  # type: ignore[attr-defined]


def test_connection_refused_is_retryable(monkeypatch: pytest.MonkeyPatch) -> None:
    with ProviderServer() as srv:
        url = srv.url
    monkeypatch.setenv("GONE_BASE_URL", url)
    with pytest.raises(ProviderError) as caught:
        ask("openai-api/gone/m", simple(), timeout=2)
    assert caught.value.reason.startswith("connection failed") and caught.value.retryable


def test_auth_and_not_found_are_fatal_bad_request_is_not() -> None:
    assert classify_status(401, "bad key", None).fatal
    assert classify_status(403, "no", None).fatal
    assert classify_status(404, "no model", None).fatal
    bad = classify_status(400, "context too long", None)
    assert not bad.fatal and not bad.retryable
    assert classify_status(529, "overloaded", 3.0).retryable


def test_missing_configuration_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOWHERE_BASE_URL", raising=False)
    with pytest.raises(ModelError, match="set NOWHERE_BASE_URL"):
        get_model("openai-api/nowhere/m")
    with pytest.raises(ModelError, match="set OPENAI_API_KEY"):
        get_model("openai/gpt-4o")
    with pytest.raises(ModelError, match="openai-api/<name>/<model>"):
        get_model("openai-api/justname")
    with pytest.raises(UsageError, match="PROVIDER/MODEL"):
        get_model("gpt-4o")
    with pytest.raises(UsageError, match="examsim take"):
        get_model("human")
    with pytest.raises(ExamsimError, match="Unknown models 'nosuch'"):
        get_model("nosuch/model")
