"""Sitting exams: mock models, a local OpenAI-compatible server, retries, cache and cost."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from examsim.errors import ModelError, RunLogError
from examsim.grading.auto import keyed_points
from examsim.packs import load_pack
from examsim.runlog import RunDir
from examsim.runner import RetryPolicy, RunOptions, resume_run, run_exam
from examsim.testing.provider_server import ProviderServer
from tests.runner.conftest import write_mc_pack

FAST = RetryPolicy(max_retries=4, base_delay=0.01, max_delay=0.05)
SECRET = "sk-very-secret-key-0123456789"


def key_of(body: dict[str, Any]) -> str:
    """A responder that knows the mini pack's keys: reads the last problem's text."""
    text = body["messages"][-1]["content"]
    if isinstance(text, list):
        text = " ".join(p.get("text", "") for p in text)
    if "2 + 3" in text:
        return "Two plus three is five.\nThe answer is therefore [B]"
    if "river" in text:
        return "It runs east.\nThe answer is therefore [C]"
    if "square" in text:
        return "The square is red.\nThe answer is therefore [A]"
    if "prime" in text:
        return "2 and 5.\nThe answer is therefore [A, C]"
    if "half of 7" in text:
        return "7 / 2 = 3.5\nThe answer is therefore [3.5]"
    if "largest planet" in text:
        return "The answer is therefore [Jupiter]"
    return "An essay about the question."


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ProviderServer]:
    with ProviderServer(responder=key_of) as srv:
        monkeypatch.setenv("LOCAL_BASE_URL", srv.url)
        monkeypatch.setenv("LOCAL_API_KEY", SECRET)
        yield srv


def test_answer_key_earns_the_maximum_through_the_parser(mini: Path, tmp_path: Path) -> None:
    summary = run_exam(mini, "mock/answer-key", out=tmp_path / "run")
    mc, essay = summary.sections
    assert (mc.id, mc.raw, mc.max) == ("mc", 6.0, 6.0)
    assert (essay.raw, essay.max, essay.awaiting_grading) == (None, 9.0, ["essay-1", "essay-2"])
    assert summary.awaiting_grading == ["essay-1", "essay-2"]
    assert (summary.answered, summary.failed, summary.unparsed) == (8, 0, 0)
    records = {r.item: r for r in RunDir(tmp_path / "run").responses()}
    # The mock writes text in the protocol's form; the answer was read from it.
    assert records["mc-2"].output == (
        "The passage says it runs east past the mill.\nThe answer is therefore [C]")
    assert records["mc-2"].answer == "C"
    assert records["mc-4"].answer == ["A", "C"]
    assert records["num-1"].answer == 3.5
    assert records["essay-1"].answer.startswith("Sunlight is scattered")  # type: ignore[union-attr]
    assert all(r.prompt_digest and r.prompt_digest.startswith("sha256:")
               for r in records.values())


@pytest.mark.parametrize("options", [
    RunOptions(answer_step="model"),
    RunOptions(protocol="direct"),
    RunOptions(vision=False, seed=5),
])
def test_answer_key_is_perfect_under_every_protocol(mini: Path, tmp_path: Path,
                                                    options: RunOptions) -> None:
    summary = run_exam(mini, "mock/answer-key", out=tmp_path / "run", options=options)
    assert summary.sections[0].raw == 6.0
    if options.answer_step == "model":
        assert summary.session["requests"] == 6 * 2 + 2


def test_manifest_records_the_conditions(mini: Path, tmp_path: Path) -> None:
    run_exam(mini, "mock/answer-key", out=tmp_path / "run",
             options=RunOptions(vision=False, seed=3, samples=2, protocol="direct"))
    manifest = RunDir(tmp_path / "run").manifest()
    pack = load_pack(mini)
    assert manifest.exam == "mini" and manifest.pack_digest == pack.digest
    assert (manifest.model, manifest.protocol, manifest.vision) == ("mock/answer-key", "direct",
                                                                     False)
    assert (manifest.seed, manifest.samples) == (3, 2)
    assert manifest.form == {"mc": ["mc-1", "mc-2", "mc-3", "mc-4", "num-1", "sa-1"],
                             "essay": ["essay-1", "essay-2"]}
    assert manifest.parameters["answer_step"] == "parse"
    assert manifest.parameters["section_protocols"]["mc"]["explanation_temperature"] == 0.3
    assert manifest.finished_at is not None
    assert len(RunDir(tmp_path / "run").responses()) == 16


def test_random_model_scores_at_chance(tmp_path: Path) -> None:
    pack = write_mc_pack(tmp_path, 200)
    first = run_exam(pack, "mock/random", out=tmp_path / "a", options=RunOptions(seed=11))
    again = run_exam(pack, "mock/random", out=tmp_path / "b", options=RunOptions(seed=11))
    run_exam(pack, "mock/random", out=tmp_path / "c", options=RunOptions(seed=12))
    raw = first.sections[0].raw
    assert raw is not None
    # 200 four-option items: 50 expected, sd about 6.1; 30-70 is beyond 3 sd.
    assert 30 <= raw <= 70
    assert again.sections[0].raw == raw

    def answers(name: str) -> dict[str, object]:
        return {r.item: r.answer for r in RunDir(tmp_path / name).responses()}

    assert answers("a") == answers("b") != answers("c")


def test_run_against_local_server_with_every_fault_retried(
    mini: Path, tmp_path: Path, server: ProviderServer
) -> None:
    server.inject("rate_limit", count=2, retry_after=0.05)
    server.inject("rate_limit", count=1)
    server.inject("server_error", count=1)
    server.inject("unavailable", count=1)
    server.inject("reset", count=1)
    server.inject("malformed", count=1)
    server.inject("timeout", count=1, hang=3)
    options = RunOptions(retry=FAST, timeout=1.0, concurrency=4, cache=False)
    summary = run_exam(mini, "openai-api/local/m", out=tmp_path / "run", options=options)
    assert summary.sections[0].raw == 6.0
    assert summary.failed == 0 and summary.answered == 8
    assert summary.session["retries"] == 8
    assert len(server.requests) == 8 + 8
    assert sorted(server.faults_served) == sorted(
        ["rate_limit"] * 3 + ["server_error", "unavailable", "reset", "malformed", "timeout"])
    # Usage is what the server reported, summed over the answered attempts.
    records = RunDir(tmp_path / "run").responses()
    assert summary.input_tokens == sum(r.usage.input_tokens for r in records) > 0
    assert summary.cost_usd is None  # no price for an arbitrary local server


def test_vision_sends_image_parts_and_no_vision_does_not(
    mini: Path, tmp_path: Path, server: ProviderServer
) -> None:
    run_exam(mini, "openai-api/local/m", out=tmp_path / "v", options=RunOptions(cache=False))
    assert len(server.image_urls()) == 1
    assert server.image_urls()[0].startswith("data:image/png;base64,")
    before = len(server.requests)
    run_exam(mini, "openai-api/local/m", out=tmp_path / "nv",
             options=RunOptions(cache=False, vision=False))
    later = server.requests[before:]
    assert not any(r.image_urls() for r in later)
    assert any("IMAGE: img-" in r.text() for r in later)
    assert RunDir(tmp_path / "nv").manifest().vision is False


def test_failed_item_is_recorded_counted_and_asked_again_on_resume(
    mini: Path, tmp_path: Path, server: ProviderServer
) -> None:
    server.inject("server_error", count=3, match="largest planet")
    options = RunOptions(retry=RetryPolicy(max_retries=2, base_delay=0.01), cache=False)
    summary = run_exam(mini, "openai-api/local/m", out=tmp_path / "run", options=options)
    assert summary.failed == 1
    assert [(f.item, f.error) for f in summary.failures] == [
        ("sa-1", "HTTP 500: injected server_error")]
    assert summary.sections[0].raw == 5.0
    before = len(server.requests)
    resumed = resume_run(tmp_path / "run", retry=FAST)
    assert len(server.requests) - before == 1  # only the failed item
    assert resumed.failed == 0 and resumed.sections[0].raw == 6.0
    lines = RunDir(tmp_path / "run").responses()
    assert [r.status for r in lines if r.item == "sa-1"] == ["error", "answered"]
    assert resumed.input_tokens == sum(r.usage.input_tokens for r in lines)


def test_unauthorized_stops_the_run_and_keeps_what_was_done(
    mini: Path, tmp_path: Path, server: ProviderServer
) -> None:
    server.inject("unauthorized", count=100, match="largest planet")
    with pytest.raises(ModelError, match="HTTP 401.*check the API key"):
        run_exam(mini, "openai-api/local/m", out=tmp_path / "run",
                 options=RunOptions(concurrency=1, cache=False))
    run = RunDir(tmp_path / "run")
    assert run.manifest().finished_at is None
    done = {r.item for r in run.responses()}
    assert "sa-1" not in done and {"mc-1", "mc-2"} <= done


def test_cache_makes_a_repeated_run_free(mini: Path, tmp_path: Path,
                                         server: ProviderServer) -> None:
    prices = tmp_path / "prices.yaml"
    prices.write_text("models:\n  openai-api/local/*: {input: 1000, output: 2000}\n",
                      encoding="utf-8")
    first = run_exam(mini, "openai-api/local/m", out=tmp_path / "a",
                     options=RunOptions(prices=prices))
    asked = len(server.requests)
    assert asked == 8 and first.cost_usd is not None and first.cost_usd > 0
    second = run_exam(mini, "openai-api/local/m", out=tmp_path / "b",
                      options=RunOptions(prices=prices))
    assert len(server.requests) == asked
    assert second.cost_usd == 0.0 and second.cached == 8
    assert second.sections[0].raw == first.sections[0].raw
    run_exam(mini, "openai-api/local/m", out=tmp_path / "c",
             options=RunOptions(prices=prices, cache=False))
    assert len(server.requests) == asked + 8


def test_cost_uses_the_price_table(mini: Path, tmp_path: Path, server: ProviderServer) -> None:
    prices = tmp_path / "prices.yaml"
    prices.write_text(
        "models:\n  openai-api/local/m:\n    tiers:\n"
        "      - {max_input_tokens: 60, input: 1.0, output: 2.0}\n"
        "      - {input: 10.0, output: 20.0}\n",
        encoding="utf-8",
    )
    run_exam(mini, "openai-api/local/m", out=tmp_path / "run",
             options=RunOptions(prices=prices, cache=False))
    records = RunDir(tmp_path / "run").responses()
    for record in records:
        tokens_in, tokens_out = record.usage.input_tokens, record.usage.output_tokens
        rate_in, rate_out = (1.0, 2.0) if tokens_in <= 60 else (10.0, 20.0)
        assert record.cost_usd == pytest.approx((tokens_in * rate_in + tokens_out * rate_out)
                                                / 1e6)
    assert {r.usage.input_tokens <= 60 for r in records} == {True, False}


def test_api_keys_never_reach_the_run_dir_or_the_cache(
    mini: Path, tmp_path: Path, server: ProviderServer
) -> None:
    cache = tmp_path / "cache"
    run_exam(mini, "openai-api/local/m", out=tmp_path / "run",
             options=RunOptions(cache_dir=cache))
    assert server.requests[0].headers["authorization"] == f"Bearer {SECRET}"
    files = [p for p in [*(tmp_path / "run").rglob("*"), *cache.rglob("*")] if p.is_file()]
    assert len(files) > 8
    for path in files:
        data = path.read_bytes()
        assert SECRET.encode() not in data, path
        assert server.url.encode() not in data, path


def test_samples_and_resume_refuse_a_changed_pack(tmp_path: Path) -> None:
    pack = write_mc_pack(tmp_path, 5)
    summary = run_exam(pack, "mock/random", out=tmp_path / "run",
                       options=RunOptions(samples=3))
    assert summary.attempts == 15 and len(RunDir(tmp_path / "run").responses()) == 15
    items = {item.id: (section, item) for section, item in load_pack(pack).items()}
    expected = sum(
        keyed_points(items[r.item][1], items[r.item][0].section.scoring, r.answer)  # type: ignore[arg-type]
        for r in RunDir(tmp_path / "run").responses()
    ) / 3
    assert summary.sections[0].raw == pytest.approx(expected)
    item_file = pack / "items" / "mc.yaml"
    item_file.write_text(item_file.read_text().replace("Question 1?", "Question one?"))
    with pytest.raises(RunLogError, match=re.escape("changed since the run started")):
        resume_run(tmp_path / "run")


def test_replay_reads_recorded_outputs(mini: Path, tmp_path: Path) -> None:
    run_exam(mini, "mock/answer-key", out=tmp_path / "first")
    recorded = tmp_path / "first" / "responses.jsonl"
    summary = run_exam(mini, f"replay/{recorded}", out=tmp_path / "replayed")
    assert summary.sections[0].raw == 6.0
    answers = tmp_path / "answers.jsonl"
    answers.write_text("\n".join(json.dumps(x) for x in [
        {"item": "mc-1", "answer": "B"}, {"item": "mc-2", "answer": "A"},
        {"item": "mc-4", "answer": ["A", "C"]}, {"item": "num-1", "answer": 3.5},
    ]) + "\n", encoding="utf-8")
    partial = run_exam(mini, f"replay/{answers}", out=tmp_path / "partial")
    # mc-1, mc-4, num-1 right (3 points); mc-2 wrong (-0.25); the rest have no record.
    assert partial.sections[0].raw == 2.75
    assert partial.failed == 4
    assert {f.item for f in partial.failures} == {"mc-3", "sa-1", "essay-1", "essay-2"}


def test_empty_content_is_unparsed_and_scored_wrong(mini: Path, tmp_path: Path,
                                                    server: ProviderServer) -> None:
    server.inject("empty", match="2 + 3")
    summary = run_exam(mini, "openai-api/local/m", out=tmp_path / "run",
                       options=RunOptions(cache=False))
    record = next(r for r in RunDir(tmp_path / "run").responses() if r.item == "mc-1")
    assert (record.status, record.answer, record.error) == ("unparsed", None, "empty output")
    assert summary.unparsed == 1
    assert summary.sections[0].raw == 5 - 0.25  # the section's penalty for a wrong answer
