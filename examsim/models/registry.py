"""The model registry: provider prefix -> adapter factory, and resolving a model spec."""

from __future__ import annotations

from examsim.errors import UsageError
from examsim.models.adapter import AdapterFactory, ModelAdapter, ModelContext
from examsim.registry import Registry

models: Registry[AdapterFactory] = Registry(
    "models",
    builtins={
        "openai": "examsim.models.openai_compat:openai_factory",
        "openai-api": "examsim.models.openai_compat:openai_api_factory",
        "ollama": "examsim.models.openai_compat:ollama_factory",
        "vllm": "examsim.models.openai_compat:vllm_factory",
        "anthropic": "examsim.models.anthropic_messages:anthropic_factory",
        "mock": "examsim.models.mock:mock_factory",
        "replay": "examsim.models.replay:replay_factory",
    },
)

# Specs that name a person, not a model; handled by other commands.
RESERVED = {"human": "'human' sits an exam in the terminal: use 'examsim take' instead."}


def split_spec(spec: str) -> tuple[str, str]:
    """``openai/gpt-4o`` -> (``openai``, ``gpt-4o``); a UsageError if there is no provider."""
    provider, slash, name = spec.partition("/")
    if not slash or not provider or not name:
        raise UsageError(
            f"Model '{spec}' is not of the form PROVIDER/MODEL. "
            "Fix: e.g. openai/gpt-4o, anthropic/claude-sonnet-4-5, ollama/llama3, "
            "mock/answer-key."
        )
    return provider, name


def get_model(spec: str, context: ModelContext | None = None) -> ModelAdapter:
    """The adapter for a model spec such as ``openai/gpt-4o`` or ``mock/answer-key``."""
    if spec in RESERVED:
        raise UsageError(RESERVED[spec])
    provider, name = split_spec(spec)
    factory = models.get(provider)
    return factory(name, context or ModelContext())
