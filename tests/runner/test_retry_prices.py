"""Backoff and Retry-After, the rate gate, the price table and the progress lines."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

import pytest

from examsim.errors import TableError
from examsim.models.adapter import ProviderError
from examsim.runner import ProgressEvent
from examsim.runner.prices import load_prices
from examsim.runner.retry import RateGate, RetryPolicy, with_retries


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=8.0)
    rng = random.Random(0)
    error = ProviderError("HTTP 500", retryable=True)
    for retry, (low, high) in enumerate([(0.5, 1), (1, 2), (2, 4), (4, 8), (4, 8), (4, 8)]):
        delays = [policy.delay(retry, error, rng) for _ in range(50)]
        assert all(low <= d <= high for d in delays)
        assert max(delays) - min(delays) > 0  # jittered


def test_retry_after_is_honoured_and_capped() -> None:
    policy = RetryPolicy(max_retry_after=10)
    rng = random.Random(1)
    asked = ProviderError("HTTP 429", retryable=True, retry_after=3.0, status=429)
    assert all(3.0 <= policy.delay(0, asked, rng) <= 3.35 for _ in range(50))
    huge = ProviderError("HTTP 429", retryable=True, retry_after=3600, status=429)
    assert policy.delay(0, huge, rng) <= 11.05


def test_rate_limit_holds_every_request_back() -> None:
    calls: list[float] = []

    async def go() -> None:
        gate = RateGate()
        attempts = iter([ProviderError("HTTP 429", retryable=True, retry_after=0.3,
                                       status=429)])

        async def call() -> str:
            calls.append(time.monotonic())
            error = next(attempts, None)
            if error is not None:
                raise error
            return "ok"

        started = time.monotonic()
        result = await with_retries(call, RetryPolicy(), gate, random.Random(0))
        assert result == "ok"
        # Another request waits for the same window before it starts.
        await gate.wait()
        assert time.monotonic() - started >= 0.3

    asyncio.run(go())
    assert calls[1] - calls[0] >= 0.3


def test_non_retryable_and_exhausted_errors_are_raised() -> None:
    async def go(error: ProviderError, policy: RetryPolicy) -> int:
        count = 0

        async def call() -> None:
            nonlocal count
            count += 1
            raise error

        with pytest.raises(ProviderError):
            await with_retries(call, policy, RateGate(), random.Random(0))
        return count

    fast = RetryPolicy(max_retries=3, base_delay=0.001)
    assert asyncio.run(go(ProviderError("HTTP 400"), fast)) == 1
    assert asyncio.run(go(ProviderError("HTTP 503", retryable=True), fast)) == 4


def test_prices_known_unknown_and_tiers(tmp_path: Path) -> None:
    table = load_prices()
    assert table.cost("openai/gpt-4o", 1_000_000, 0) == pytest.approx(2.50)
    assert table.cost("openai/gpt-4o-mini-2024-07-18", 0, 1_000_000) == pytest.approx(0.60)
    assert table.cost("mock/answer-key", 10, 10) == 0.0
    assert table.cost("openai-api/together/llama", 10, 10) is None
    assert table.cost("anthropic/claude-sonnet-4-5", 200_000, 0) == pytest.approx(0.6)
    assert table.cost("anthropic/claude-sonnet-4-5", 200_001, 0) == pytest.approx(
        200_001 * 6 / 1e6)
    mine = tmp_path / "prices.yaml"
    mine.write_text("models:\n  openai/gpt-4o: {input: 1, output: 1}\n")
    assert load_prices(mine).cost("openai/gpt-4o", 1_000_000, 0) == pytest.approx(1.0)


def test_bad_prices_file_names_file_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "prices.yaml"
    bad.write_text("models:\n  x/y:\n    input: 1\n    ouput: 2\n")
    with pytest.raises(TableError) as caught:
        load_prices(bad)
    message = str(caught.value)
    assert f"{bad}:4: models.x/y.ouput: unknown field." in message
    assert "Did you mean 'output'?" in message
    bad.write_text("models:\n  a/b: {input: 1}\n")
    with pytest.raises(TableError, match=r"prices.yaml:2: models.a/b: .*give input and output"):
        load_prices(bad)


def test_plain_progress_lines_are_spaced(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from examsim.cli import run as cli_run

    clock = iter([0.0, 1.0, 2.0, 7.0, 8.0, 40.0])
    monkeypatch.setattr(cli_run.time, "monotonic", lambda: next(clock))
    progress = cli_run._Progress(enabled=True)
    progress.tty = False
    for done, cost in [(0, 0.0), (1, 0.001), (2, 0.002), (50, 0.05), (51, None), (52, None)]:
        progress(ProgressEvent(done=done, total=100, failed=1, unparsed=0, cost_usd=cost,
                               elapsed_s=float(done), last_item="q"))
    assert capsys.readouterr().err == (
        "50/100 items, 1 failed, 0 unparsed, cost $0.0500, 50s\n"
        "52/100 items, 1 failed, 0 unparsed, cost unknown, 52s\n"
    )
