"""The ModelAdapter protocol, the context adapters are made with, and provider errors.

An adapter is one async method, ``generate(request) -> GenerateResult``, plus capability
attributes. A factory ``(model_name, context) -> ModelAdapter`` is registered per provider
prefix in ``examsim.models.registry`` (entry-point group ``examsim.models``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from examsim.errors import ModelError
from examsim.models.types import GenerateRequest, GenerateResult

if TYPE_CHECKING:
    from examsim.packs.model import Pack


@runtime_checkable
class ModelAdapter(Protocol):
    """A model that answers requests.

    Attributes: ``name`` is the model spec (``openai/gpt-4o``); ``supports_images`` says
    whether image parts may be sent; ``cacheable`` is False for offline adapters whose
    answers cost nothing; ``cache_identity`` names the model and endpoint for the response
    cache (it is hashed, never stored in clear).
    """

    name: str
    supports_images: bool
    cacheable: bool
    cache_identity: str

    async def generate(self, request: GenerateRequest) -> GenerateResult:
        """Answer one request; raise ProviderError when the provider fails."""
        ...


@dataclass(frozen=True)
class ModelContext:
    """What a factory may need besides the model name.

    ``pack`` is the exam being sat (the mock and replay models read keys and reference
    answers from it); ``seed`` makes seeded adapters repeatable; ``timeout`` is the time
    allowed for one request, in seconds; ``concurrency`` is how many requests the caller
    keeps in flight (an adapter may size its connection pools by it).
    """

    pack: Pack | None = None
    seed: int = 0
    timeout: float = 120.0
    concurrency: int = 1


AdapterFactory = Callable[[str, ModelContext], ModelAdapter]


class ProviderError(ModelError):
    """A request to a model failed.

    ``retryable`` failures (rate limits, 5xx, timeouts, dropped connections, garbled
    bodies) are retried with backoff; ``retry_after`` is the wait the provider asked for.
    ``fatal`` failures (a rejected key, an unknown model) stop the whole run, because every
    other request would fail the same way.
    """

    def __init__(
        self,
        reason: str,
        *,
        retryable: bool = False,
        retry_after: float | None = None,
        fatal: bool = False,
        status: int | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after
        self.fatal = fatal
        self.status = status


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta seconds; HTTP dates are ignored)."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return max(0.0, seconds)


def classify_status(status: int, message: str, retry_after: float | None) -> ProviderError:
    """A ProviderError for an HTTP status the provider returned."""
    text = f"HTTP {status}: {message}".strip()
    if status == 429:
        return ProviderError(text, retryable=True, retry_after=retry_after, status=status)
    if status in (408, 409) or status >= 500:
        return ProviderError(text, retryable=True, retry_after=retry_after, status=status)
    if status in (401, 403):
        return ProviderError(
            f"{text}. Fix: check the API key in the environment.", fatal=True, status=status
        )
    if status == 404:
        return ProviderError(
            f"{text}. Fix: check the model name and the base URL.", fatal=True, status=status
        )
    return ProviderError(text, status=status)


def first_line(text: object, limit: int = 300) -> str:
    """A short one-line form of an error message."""
    line = str(text).strip().splitlines()[0] if str(text).strip() else ""
    return line if len(line) <= limit else line[: limit - 3] + "..."
