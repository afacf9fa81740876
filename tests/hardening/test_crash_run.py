"""`examsim run` killed with SIGKILL at random moments, then resumed: nothing lost, nothing
asked twice, the same scores as a run that was never stopped, and costs that add up."""

from __future__ import annotations

import json
import random
import signal
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.runlog import GradeRecord, ResponseRecord, RunDir
from examsim.testing.provider_server import ProviderServer
from tests.hardening import profile
from tests.hardening.crash import (
    child_env,
    count_lines,
    examsim,
    examsim_command,
    kill_when,
    tear_last_line,
)
from tests.hardening.generated import MODEL, answers, write_pack, write_prices

ITEMS = 500
CONCURRENCY = 8


def _totals(records: list[ResponseRecord]) -> tuple[int, int, float]:
    return (sum(r.usage.input_tokens for r in records),
            sum(r.usage.output_tokens for r in records),
            sum(r.cost_usd or 0.0 for r in records))


def _sitting(summary: dict[str, Any]) -> dict[str, Any]:
    """What a run came to, without what differs between sittings (paths, times)."""
    return {
        "counts": [summary[k] for k in ("attempts", "answered", "unparsed", "blank", "failed",
                                        "missing")],
        "sections": [(s["id"], s["raw"], s["max"]) for s in summary["sections"]],
        "scores": summary["scores"],
        "tokens": (summary["input_tokens"], summary["output_tokens"]),
    }


@pytest.fixture(scope="module")
def exam(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("exam")
    return write_pack(root), write_prices(root)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Any:
    # Some latency, varying by item, so that attempts finish out of order.
    with ProviderServer(latency=0.02, responder=answers()) as srv:
        monkeypatch.setenv("LOCAL_BASE_URL", srv.url)
        yield srv


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_runs_resume_to_the_uninterrupted_result(
    exam: tuple[Path, Path], server: ProviderServer, tmp_path: Path
) -> None:
    pack, prices = exam
    common = ["--concurrency", str(CONCURRENCY), "--no-cache", "--json"]
    result = CliRunner().invoke(app, ["run", str(pack), "--model", MODEL, "--out",
                                      str(tmp_path / "whole"), "--prices", str(prices), *common])
    assert result.exit_code == 0, result.stderr
    whole = json.loads(result.stdout)
    assert whole["answered"] + whole["unparsed"] == ITEMS and whole["failed"] == 0
    assert whole["cost_usd"] > 0 and whole["scores"][0]["status"] == "scored"
    expected = _sitting(whole)

    rng = random.Random(20240517)
    env = child_env(LOCAL_BASE_URL=server.url)
    for round_ in range(profile.kills()):
        out = tmp_path / f"killed-{round_}"
        responses = out / "responses.jsonl"
        start = ["run", str(pack), "--model", MODEL, "--out", str(out), "--prices", str(prices)]
        # Resumed as the run's summary says (prices come from the manifest), or with
        # `run --resume` and the prices again; odd rounds are killed again while resuming.
        resume = ["resume", str(out)] if round_ % 2 == 0 else [
            "run", "--resume", str(out), "--prices", str(prices)]
        sittings = [start, resume] + ([resume] if round_ % 2 else [])
        parts: list[list[ResponseRecord]] = []
        kept = 0
        for number, args in enumerate(sittings):
            last = number == len(sittings) - 1
            if last:
                done = subprocess.run([*examsim_command(), *args, *common], env=env,
                                      capture_output=True, timeout=180, check=False)
                assert done.returncode == 0, done.stderr.decode()
                summary = json.loads(done.stdout)
                parts.append(RunDir(out).responses()[kept:])
                break
            target = rng.randint(kept + 1, ITEMS - 1)
            asked_before = len(server.requests)
            proc = examsim([*args, *common], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            assert kill_when(proc, lambda t=target, log=responses: count_lines(log) >= t), (
                f"round {round_}: the sitting finished before line {target}")
            assert RunDir(out).manifest().finished_at is None
            # Every third round the last line is also cut short, as a power cut leaves it.
            torn = round_ % 3 == 2 and tear_last_line(responses)
            lines = RunDir(out).responses()
            part = lines[kept:]
            asked = len(server.requests) - asked_before
            # Only attempts in flight (and a torn line) were paid for and not kept.
            assert len(part) <= asked <= len(part) + CONCURRENCY + torn
            assert len({(r.item, r.sample) for r in lines}) == len(lines)
            parts.append(part)
            kept = len(lines)

        lines = RunDir(out).responses()
        keys = Counter((r.item, r.sample) for r in lines)
        assert len(keys) == ITEMS, f"round {round_}: items lost"
        assert max(keys.values()) == 1, f"round {round_}: items asked twice"
        assert summary["session"]["asked"] == ITEMS - kept
        assert _sitting(summary) == expected, f"round {round_}"
        # Totals are the sum of the parts: what each sitting kept.
        sums = [_totals(part) for part in parts]
        assert summary["input_tokens"] == sum(s[0] for s in sums)
        assert summary["output_tokens"] == sum(s[1] for s in sums)
        assert summary["cost_usd"] == pytest.approx(sum(s[2] for s in sums), abs=1e-6)
        assert summary["cost_usd"] == pytest.approx(whole["cost_usd"], abs=1e-6)
        assert RunDir(out).manifest().finished_at is not None


def _record(item: str) -> ResponseRecord:
    return ResponseRecord(item=item, section="mc", status="answered", answer="A", output="A")


def test_a_line_torn_by_a_crash_is_dropped_before_the_next_append(tmp_path: Path) -> None:
    path = tmp_path / "responses.jsonl"
    run = RunDir(tmp_path)
    run.append_responses([_record("q1"), _record("q2")])
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 20])  # q2's line cut short
    assert [r.item for r in run.responses()] == ["q1"]
    run.append_response(_record("q3"))
    assert [r.item for r in run.responses()] == ["q1", "q3"]
    assert path.read_bytes().count(b"\n") == 2


def test_a_whole_last_line_without_its_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "responses.jsonl"
    run = RunDir(tmp_path)
    run.append_response(_record("q1"))
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    run.append_response(_record("q2"))
    assert [r.item for r in run.responses()] == ["q1", "q2"]


def test_a_file_that_is_only_a_torn_line_starts_again(tmp_path: Path) -> None:
    path = tmp_path / "grades.jsonl"
    path.write_bytes(b'{"item": "essay-1", "sam')
    run = RunDir(tmp_path)
    assert run.grades() == []
    run.append_grade(GradeRecord(item="essay-1", grader="human:a", grader_kind="human",
                                 score=2.0))
    assert [g.item for g in run.grades()] == ["essay-1"]
