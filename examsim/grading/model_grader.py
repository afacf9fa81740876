"""A model as grader: any model spec the model registry knows (``openai/gpt-4o``, ...)."""

from __future__ import annotations

import random
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
from examsim.runner.retry import RateGate, RetryPolicy, with_retries

MAX_TOKENS = 1024
PROVIDER_RETRIES = 4
"""Retries of one request when the provider fails in a way worth retrying (429, 5xx, ...)."""


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
    _gate: RateGate = field(default_factory=RateGate, repr=False)
    _rng: random.Random = field(default_factory=lambda: random.Random(0), repr=False)

    @property
    def _policy(self) -> RetryPolicy:
        return RetryPolicy(max_retries=PROVIDER_RETRIES, base_delay=self.backoff)

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
        async def call() -> str:
            return (await self.adapter.generate(request)).text

        try:
            return await with_retries(call, self._policy, self._gate, self._rng)
        except ProviderError as exc:
            if exc.fatal:
                raise  # a wrong key or model: every other grade would fail the same way
            raise GradeFailed(f"the model could not be reached: {exc.reason}") from exc

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
            try:
                text = await self._generate(request)
            except GradeFailed as exc:
                raise GradeFailed(exc.reason, attempts) from exc
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
