"""API keys set in the environment never reach a file: not the run directory, not the
response cache, not the user's data folder, not even when a provider repeats the key in
its error messages."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.runlog import RunDir
from examsim.testing.provider_server import ProviderServer
from tests.conftest import DATA

SECRETS = {
    "OPENAI_API_KEY": "sk-proj-openaiSECRET0123456789abcdef",
    "ANTHROPIC_API_KEY": "sk-ant-api03-anthropicSECRET0123456789",
    "LOCAL_API_KEY": "local-SECRET-9876543210-zyxw",
}
MODELS = {
    "openai/gpt-4o-mini": "OPENAI_API_KEY",
    "anthropic/claude-haiku-4-5": "ANTHROPIC_API_KEY",
    "openai-api/local/m": "LOCAL_API_KEY",
}


def answer(body: dict[str, Any]) -> str:
    text = json.dumps(body)
    if "rubric" in text.lower() and "justification" in text:
        return json.dumps({"score": 4, "justification": "Clear and correct."})
    return "It is the second option.\nThe answer is therefore [B]"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[ProviderServer]:
    monkeypatch.chdir(tmp_path)  # runs/ is made here
    with ProviderServer(responder=answer) as srv:
        for name, value in SECRETS.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
        monkeypatch.setenv("ANTHROPIC_BASE_URL", srv.root_url)
        monkeypatch.setenv("LOCAL_BASE_URL", srv.url)
        yield srv


def _files(*roots: Path) -> list[Path]:
    return [p for root in roots for p in root.rglob("*") if p.is_file()]


def test_keys_never_reach_a_file(server: ProviderServer, tmp_path: Path) -> None:
    cli = CliRunner()
    outputs: list[str] = []
    for model, variable in MODELS.items():
        secret = SECRETS[variable]
        out = tmp_path / "runs" / model.replace("/", "-")
        # A proxy that repeats the key in its error message, for the essay's request.
        server.inject("server_error", count=1, match="sky looks blue",
                      message=f"upstream rejected request with key {secret}")
        steps = [
            ["run", str(DATA / "packs" / "mini"), "--model", model, "--out", str(out),
             "--max-retries", "0", "--grader", model, "--json"],
            ["resume", str(out)],
            ["grade", str(out), "--grader", model, "--graders", "2"],
            ["score", str(out), "--json"],
            ["show-run", str(out)],
        ]
        for args in steps:
            result = cli.invoke(app, args)
            assert result.exit_code == 0, (args, result.output)
            outputs += [result.stdout, result.stderr]
        errors = [r.error for r in RunDir(out).responses() if r.status == "error"]
        # The failure was recorded with its reason, the key blanked out of it.
        assert errors == ["HTTP 500: upstream rejected request with key [API key]"], errors
    result = cli.invoke(app, ["table", str(tmp_path / "runs"), "--format", "csv",
                              "--out", str(tmp_path / "runs" / "table.csv")])
    assert result.exit_code == 0, result.output
    outputs += [result.stdout, result.stderr]

    # Every request carried its key ...
    sent = {r.headers.get("authorization", "") + r.headers.get("x-api-key", "")
            for r in server.requests}
    assert all(any(secret in header for header in sent) for secret in SECRETS.values())
    # ... and no file anywhere examsim writes holds one, nor does anything it printed.
    cache, data, config = (Path(os.environ[f"XDG_{kind}_HOME"])
                           for kind in ("CACHE", "DATA", "CONFIG"))
    assert _files(cache), "the response cache was not written"
    files = _files(*[root for root in (tmp_path, cache, data, config) if root.exists()])
    assert len([f for f in files if f.name == "responses.jsonl"]) == 3
    for path in files:
        content = path.read_bytes()
        for secret in SECRETS.values():
            assert secret.encode() not in content, path
            assert secret[-12:].encode() not in content, path  # no part of it either
    for text in outputs:
        for secret in SECRETS.values():
            assert secret not in text
