"""A model as grader: any model spec the model registry knows (``openai/gpt-4o``, ...)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from examsim.grading.graders import GradeFailed, Marks
from examsim.grading.model_prompt import (
    SYSTEM,
    MalformedGrade,
    grading_prompt,
    parse_grade,
    repair_prompt,
)
from examsim.grading.tasks import GradingTask
from examsim.models.adapter import ModelAdapter, ModelContext, ProviderError
from examsim.models.registry import get_model
from examsim.models.types import GenerateRequest, Message
from examsim.packs import Pack
from examsim.runlog import GraderKind

MAX_TOKENS = 1024
PROVIDER_TRIES = 4
"""Tries of one request when the provider fails in a way worth retrying (429, 5xx, ...)."""
MAX_BACKOFF = 30.0


@dataclass
class ModelGrader:
    """Grades with a model; a malformed or out-of-range grade is asked for again."""

    adapter: ModelAdapter
    name: str
    retries: int = 2
    """Extra attempts after a malformed or out-of-range grade before it is recorded failed."""
    temperature: float = 0.0
    kind: GraderKind = "model"
    deterministic: bool = False
    backoff: float = 1.0
    """Seconds before the first retry of a failed request (doubled each time)."""
    _calls: int = field(default=0, repr=False)

    @classmethod
    def from_spec(
        cls,
        spec: str,
        *,
        pack: Pack | None = None,
        retries: int = 2,
        temperature: float = 0.0,
        timeout: float = 120.0,
    ) -> ModelGrader:
        adapter = get_model(spec, ModelContext(pack=pack, timeout=timeout))
        return cls(adapter, spec, retries=retries, temperature=temperature)

    async def _generate(self, request: GenerateRequest) -> str:
        for attempt in range(1, PROVIDER_TRIES + 1):
            try:
                self._calls += 1
                result = await self.adapter.generate(request)
                return result.text
            except ProviderError as exc:
                if exc.fatal:
                    raise  # a wrong key or model: every other grade would fail the same way
                if not exc.retryable or attempt == PROVIDER_TRIES:
                    raise GradeFailed(f"the model could not be reached: {exc.reason}") from exc
                wait = exc.retry_after if exc.retry_after is not None else (
                    self.backoff * 2 ** (attempt - 1)
                )
                await asyncio.sleep(min(wait, MAX_BACKOFF))
        raise AssertionError("unreachable")

    async def grade(self, task: GradingTask) -> Marks:
        messages = [Message.text("system", SYSTEM), Message.text("user", grading_prompt(task))]
        problem = ""
        attempts = 0
        for attempts in range(1, self.retries + 2):  # noqa: B007 - attempts is reported
            request = GenerateRequest(
                messages=tuple(messages),
                temperature=self.temperature,
                max_tokens=MAX_TOKENS,
                metadata={
                    "item": task.item.id,
                    "sample": str(task.sample),
                    "step": "grade",
                    "attempt": str(attempts),
                },
            )
            text = await self._generate(request)
            try:
                marks, justification = parse_grade(text, task)
            except MalformedGrade as exc:
                problem = str(exc)
                messages += [
                    Message.text("assistant", text),
                    Message.text("user", repair_prompt(problem, task)),
                ]
                continue
            return Marks(marks, justification, attempts)
        raise GradeFailed(f"malformed grade: {problem}", attempts)
