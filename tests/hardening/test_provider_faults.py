"""A provider that fails 30 % of calls at random: every kind of failure is retried as it
should be, every item ends answered or recorded failed with its reason, and the run's
summary agrees with its log and with what the server saw."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.runlog import RunDir
from examsim.runner import RetryPolicy, RunOptions, resume_run, run_exam
from examsim.testing.provider_server import Fault, ProviderServer
from tests.hardening.generated import answers, item_number, unreadable, write_pack

RATE = 0.3
FAULTS = [
    Fault("rate_limit"),
    Fault("rate_limit", retry_after=0.05),
    Fault("server_error"),
    Fault("unavailable"),
    Fault("timeout", hang=3.0),
    Fault("reset"),
    Fault("malformed"),
    Fault("empty"),
]
# What the recorded reason says after each retryable fault.
REASONS = {
    "rate_limit": r"^HTTP 429: injected rate_limit$",
    "server_error": r"^HTTP 500: injected server_error$",
    "unavailable": r"^HTTP 503: injected unavailable$",
    "timeout": r"^request timed out$",
    "reset": r"^connection failed",
    "malformed": r"^malformed response",
}
RETRIES = 2
POLICY = RetryPolicy(max_retries=RETRIES, base_delay=0.01, max_delay=0.05)
MC = 160  # multiple-choice items of each pack here (numeric ones follow)
MODELS = {"openai": "openai-api/local/m", "anthropic": "anthropic/claude-test"}


@pytest.fixture(params=sorted(MODELS))
def provider(request: pytest.FixtureRequest,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, ProviderServer]]:
    with ProviderServer(latency=0.005, responder=answers(mc=MC)) as srv:
        monkeypatch.setenv("LOCAL_BASE_URL", srv.url)
        monkeypatch.setenv("ANTHROPIC_BASE_URL", srv.root_url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
        yield MODELS[request.param], srv


def _histories(server: ProviderServer) -> dict[str, list[str | None]]:
    """Per item, the fault served to each of its requests in order (None: an answer)."""
    found: dict[str, list[str | None]] = defaultdict(list)
    for request in server.requests:
        found[f"q{item_number(request.body)}"].append(request.fault)
    return found


def test_random_faults_end_in_answers_or_recorded_failures(
    provider: tuple[str, ProviderServer], tmp_path: Path
) -> None:
    model, server = provider
    pack = write_pack(tmp_path, mc=MC, numeric=40)
    server.fail_at_random(RATE, FAULTS, seed=7)
    options = RunOptions(retry=POLICY, timeout=0.5, concurrency=16, cache=False)
    summary = run_exam(pack, model, out=tmp_path / "run", options=options)

    served = Counter(r.fault for r in server.requests)
    assert 0.2 < 1 - served[None] / len(server.requests) < 0.4  # about 30 % failed
    assert set(served) == {None, *(f.kind for f in FAULTS)}  # every kind was served

    latest = RunDir(tmp_path / "run").latest_responses()
    histories = _histories(server)
    assert len(latest) == len(histories) == 200 and summary.missing == 0
    for (item, _), record in latest.items():
        history = histories[item]
        *before, last = history
        # Only a retryable failure is ever followed by another request for the item.
        assert all(kind in REASONS for kind in before), (item, history)
        if last is None:
            assert record.status in ("answered", "unparsed"), (item, record)
            assert (record.status == "unparsed") == unreadable(int(item[1:]))
        elif last == "empty":
            assert (record.status, record.output) == ("unparsed", ""), (item, record)
            assert record.error
        else:  # the retries ran out: recorded failed, with the reason of the last failure
            assert len(history) == RETRIES + 1, (item, history)
            assert record.status == "error", (item, record)
            assert re.match(REASONS[last], record.error or ""), (item, last, record.error)

    # The summary agrees with the log ...
    statuses = Counter(r.status for r in latest.values())
    assert (summary.answered, summary.unparsed, summary.blank, summary.failed) == (
        statuses["answered"], statuses["unparsed"], statuses["blank"], statuses["error"])
    assert sorted((f.item, f.error) for f in summary.failures) == sorted(
        (r.item, r.error) for r in latest.values() if r.status == "error")
    # ... and with the server: every request counted, every retry too.
    assert summary.session["requests"] == len(server.requests)
    assert summary.session["retries"] == sum(len(h) - 1 for h in histories.values())
    assert summary.failed > 0 and summary.session["retries"] > 50

    # Without the faults, a resume asks exactly the failed items again and completes.
    server.fail_at_random(0, [])
    asked = len(server.requests)
    again = resume_run(tmp_path / "run", retry=POLICY, timeout=0.5)
    assert len(server.requests) - asked == summary.failed == again.session["asked"]
    assert again.failed == 0 and again.answered + again.unparsed == 200
    # Items answered empty stay unparsed (an answer, not a failure); the rest now have the
    # candidate's own answer.
    empty = {item for item, history in histories.items() if history[-1] == "empty"}
    assert again.unparsed == len(empty) + sum(
        1 for item in histories if item not in empty and unreadable(int(item[1:])))


def test_cli_summary_counts_match_the_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    pack = write_pack(tmp_path, mc=50, numeric=10)
    with ProviderServer(latency=0.005, responder=answers(mc=50)) as server:
        monkeypatch.setenv("LOCAL_BASE_URL", server.url)
        server.fail_at_random(RATE, [f for f in FAULTS if f.kind != "timeout"], seed=3)
        result = CliRunner().invoke(app, [
            "run", str(pack), "--model", "openai-api/local/m", "--out", str(tmp_path / "run"),
            "--max-retries", "0", "--no-cache", "--concurrency", "8"])
    assert result.exit_code == 0, result.stderr
    latest = RunDir(tmp_path / "run").latest_responses().values()
    counts = Counter(r.status for r in latest)
    assert counts["error"] > 0
    assert (f"Attempts: 60 ({counts['answered']} answered, {counts['unparsed']} unparsed, "
            f"0 blank, {counts['error']} failed)") in result.stdout
    assert (f"{counts['error']} attempt(s) failed; ask them again with: examsim resume "
            f"{tmp_path / 'run'}") in result.stdout
    failures = [r for r in latest if r.status == "error"]
    for record in failures[:5]:
        assert f"  {record.item} (sample 0): {record.error}" in result.stdout
