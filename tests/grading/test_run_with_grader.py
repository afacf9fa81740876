"""``examsim run ... --grader SPEC``: free responses graded as part of the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.runlog import RunDir

runner = CliRunner()


def test_a_run_with_the_baseline_grader_is_complete(
    mini_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", str(mini_pack), "--model", "mock/answer-key",
                                 "--out", "run", "--grader", "mock/reference-match", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["awaiting_grading"] == []
    run = RunDir.open(tmp_path / "run")
    assert run.manifest().parameters["graders"] == ["mock/reference-match"]
    grades = run.grades()
    assert sorted((g.item, g.grader_kind) for g in grades) == [
        ("essay-1", "baseline"), ("essay-2", "baseline")]
    # The answer-key model answers free responses with the reference answer.
    assert all(g.score == g.max for g in grades)


def test_a_run_without_a_grader_leaves_free_responses_awaiting_grading(
    mini_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", str(mini_pack), "--model", "mock/answer-key",
                                 "--out", "run", "--json"])
    summary = json.loads(result.stdout)
    assert sorted(summary["awaiting_grading"]) == ["essay-1", "essay-2"]
    assert RunDir.open(tmp_path / "run").grades() == []


def test_a_wrong_grader_fails_before_the_exam_is_sat(
    mini_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", str(mini_pack), "--model", "mock/answer-key",
                                 "--out", "run", "--grader", "openai-api/local/judge"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: openai-api/local/judge needs a server address.")
    assert not (tmp_path / "run").exists()
