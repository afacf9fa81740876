"""One attempt at one item: the protocol's requests, the answer read, the record written.

Each request goes through the response cache (when the model is cacheable) and is
retried on transient failures. A failure that outlasts the retries becomes an ``error``
record (asked again on resume); a fatal one (rejected key, unknown model) is raised.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from examsim.models.adapter import ModelAdapter, ProviderError
from examsim.models.types import GenerateRequest, GenerateResult, Message
from examsim.runlog import ResponseRecord, Usage
from examsim.runner.cache import ResponseCache
from examsim.runner.extract import extract_answer
from examsim.runner.prices import PriceTable
from examsim.runner.prompts import ItemPrompt, Step
from examsim.runner.retry import RateGate, RetryPolicy, with_retries


@dataclass
class AttemptStats:
    """Counters shared by every attempt of a run."""

    requests: int = 0
    retries: int = 0
    cache_hits: int = 0
    retry_reasons: dict[str, int] = field(default_factory=dict)

    def retried(self, error: ProviderError) -> None:
        self.retries += 1
        key = error.reason.split(":")[0]
        self.retry_reasons[key] = self.retry_reasons.get(key, 0) + 1


@dataclass
class AttemptContext:
    """What every attempt of a run shares."""

    adapter: ModelAdapter
    model: str
    seed: int
    policy: RetryPolicy
    prices: PriceTable
    cache: ResponseCache | None = None
    gate: RateGate = field(default_factory=RateGate)
    stats: AttemptStats = field(default_factory=AttemptStats)


@dataclass
class _Spent:
    usage: Usage = field(default_factory=Usage)
    cost: float | None = 0.0
    all_cached: bool = True

    def add(self, ctx: AttemptContext, result: GenerateResult) -> None:
        self.usage = Usage(
            input_tokens=self.usage.input_tokens + result.input_tokens,
            output_tokens=self.usage.output_tokens + result.output_tokens,
        )
        self.all_cached = self.all_cached and result.cached
        if result.cached:
            return  # answered from the cache: nothing was paid this time
        cost = ctx.prices.cost(ctx.model, result.input_tokens, result.output_tokens)
        self.cost = None if cost is None or self.cost is None else self.cost + cost


def _request(prompt: ItemPrompt, messages: tuple[Message, ...], step: Step, sample: int,
             seed: int) -> GenerateRequest:
    return GenerateRequest(
        messages=messages,
        temperature=step.temperature,
        max_tokens=step.max_tokens,
        stop=step.stop,
        seed=seed + sample,
        metadata={
            "item": prompt.item.id,
            "section": prompt.section.id,
            "sample": str(sample),
            "step": step.name,
        },
    )


async def _generate(ctx: AttemptContext, request: GenerateRequest,
                    rng: random.Random) -> GenerateResult:
    cache = ctx.cache if ctx.adapter.cacheable else None
    if cache is not None:
        hit = cache.get(ctx.adapter.cache_identity, request)
        if hit is not None:
            ctx.stats.cache_hits += 1
            return hit

    async def call() -> GenerateResult:
        ctx.stats.requests += 1
        return await ctx.adapter.generate(request)

    result = await with_retries(call, ctx.policy, ctx.gate, rng, ctx.stats.retried)
    if cache is not None:
        cache.put(ctx.adapter.cache_identity, request, result)
    return result


async def attempt_item(ctx: AttemptContext, prompt: ItemPrompt, sample: int) -> ResponseRecord:
    """Ask ``prompt`` once and return the record to append (status ``error`` on failure)."""
    started = time.monotonic()
    rng = random.Random(f"{ctx.seed}:{prompt.item.id}:{sample}:retry")
    spent = _Spent()
    first = _request(prompt, prompt.messages, prompt.first, sample, ctx.seed)
    outputs: list[str] = []

    def record(**fields: object) -> ResponseRecord:
        return ResponseRecord(
            item=prompt.item.id,
            section=prompt.section.id,
            sample=sample,
            prompt_digest=first.digest(),
            usage=spent.usage,
            latency_s=round(time.monotonic() - started, 3),
            cost_usd=spent.cost,
            cached=spent.all_cached and bool(outputs),
            output="\n\n".join(outputs) if outputs else None,
            **fields,
        )

    try:
        result = await _generate(ctx, first, rng)
        spent.add(ctx, result)
        outputs.append(result.text)
        answer_text = result.text
        if prompt.second is not None:
            second = _request(prompt, prompt.second_messages(result.text), prompt.second,
                              sample, ctx.seed)
            result = await _generate(ctx, second, rng)
            spent.add(ctx, result)
            outputs.append(result.text)
            answer_text = result.text
    except ProviderError as error:
        if error.fatal:
            raise
        return record(status="error", error=error.reason)
    extraction = extract_answer(prompt.item, answer_text)
    return record(
        status=extraction.status,
        answer=extraction.answer if extraction.status == "answered" else None,
        error=extraction.reason or None,
    )
