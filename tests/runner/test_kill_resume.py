"""A real ``examsim run`` killed with SIGKILL loses only its attempts in flight."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.runlog import RunDir
from examsim.testing.provider_server import ProviderServer
from tests.conftest import REPO
from tests.runner.conftest import write_mc_pack

ITEMS = 24


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_resume_after_sigkill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = write_mc_pack(tmp_path, ITEMS)
    out = tmp_path / "run"
    with ProviderServer(latency=0.15,
                        responder=lambda body: "B is right.\nThe answer is therefore [B]") as srv:
        monkeypatch.setenv("LOCAL_BASE_URL", srv.url)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "examsim", "run", str(pack), "--model", "openai-api/local/m",
             "--out", str(out), "--concurrency", "2", "--no-cache"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        responses = out / "responses.jsonl"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if responses.exists() and len(responses.read_bytes().splitlines()) >= 6:
                break
            if proc.poll() is not None:
                pytest.fail(f"run ended early: {proc.stderr.read()!r}")  # type: ignore[union-attr]
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        run = RunDir(out)
        before = run.responses()
        assert 6 <= len(before) < ITEMS
        assert run.manifest().finished_at is None
        asked_before = len(srv.requests)
        # Only the two attempts in flight can have been asked and not recorded.
        assert len(before) <= asked_before <= len(before) + 2

        result = CliRunner().invoke(app, ["resume", str(out), "--json"])
        assert result.exit_code == 0, result.stderr
        summary = json.loads(result.stdout)

    lines = RunDir(out).responses()
    assert len(lines) == ITEMS  # no finished item was asked twice
    assert sorted(r.item for r in lines) == sorted(f"q{n}" for n in range(ITEMS))
    assert len(srv.requests) - asked_before == ITEMS - len(before)
    assert summary["session"]["asked"] == ITEMS - len(before)
    assert summary["sections"][0]["raw"] == ITEMS and summary["failed"] == 0
    assert summary["input_tokens"] == sum(r.usage.input_tokens for r in lines) > 0
    assert RunDir(out).manifest().finished_at is not None
