"""Retrying failed requests: exponential backoff with jitter, honouring Retry-After.

A provider's rate limit applies to the whole run, so a 429 also holds back every other
request until the wait it asked for is over (``RateGate``).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from examsim.models.adapter import ProviderError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait before asking again."""

    max_retries: int = 6
    """Retries after the first attempt (so up to max_retries + 1 requests)."""
    base_delay: float = 1.0
    """Backoff before the first retry; doubled for each further retry."""
    max_delay: float = 60.0
    """Longest backoff."""
    max_retry_after: float = 300.0
    """Longest wait accepted from a Retry-After header."""

    def delay(self, retry: int, error: ProviderError, rng: random.Random) -> float:
        """Seconds to wait before retry number ``retry`` (0-based)."""
        if error.retry_after is not None:
            wait = min(error.retry_after, self.max_retry_after)
            # A little jitter so that clients told the same time do not return together.
            return wait + rng.uniform(0, 0.1 * wait + 0.05)
        backoff = min(self.max_delay, self.base_delay * (2**retry))
        return rng.uniform(backoff / 2, backoff)


class RateGate:
    """Holds new requests back until a provider's requested wait is over."""

    def __init__(self) -> None:
        self._not_before = 0.0

    def hold(self, seconds: float) -> None:
        self._not_before = max(self._not_before, time.monotonic() + seconds)

    async def wait(self) -> None:
        while (delay := self._not_before - time.monotonic()) > 0:
            await asyncio.sleep(delay)


async def with_retries(
    call: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    gate: RateGate,
    rng: random.Random,
    on_retry: Callable[[ProviderError], None] | None = None,
) -> T:
    """``await call()``, retrying retryable ProviderErrors; the last error is raised."""
    retry = 0
    while True:
        await gate.wait()
        try:
            return await call()
        except ProviderError as error:
            if not error.retryable or retry >= policy.max_retries:
                raise
            wait = policy.delay(retry, error, rng)
            if error.status == 429:
                gate.hold(wait)
            if on_retry is not None:
                on_retry(error)
            retry += 1
            await asyncio.sleep(wait)
