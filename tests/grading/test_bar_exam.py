"""The bar-exam pack's essays graded by a model and by people, and scored as UBE components.

MEE and MPT items are holistic 1-6 with an analytic guide; the MPT hands out a File and a
Library. The run is sat by mock/answer-key (it writes each item's reference answer).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.grading import grade_run
from examsim.grading.aggregate import final_grades
from examsim.runlog import RunDir
from examsim.runner import run_exam
from examsim.scoring import score_run
from examsim.testing.provider_server import ProviderServer

SPEC = "openai-api/local/judge"
ESSAYS = ["mee-1", "mee-2", "mpt-1"]


@pytest.fixture
def bar_run(tmp_path: Path) -> RunDir:
    run_exam("bar-exam", "mock/answer-key", out=tmp_path / "bar")
    return RunDir.open(tmp_path / "bar")


def components(run: RunDir) -> dict[str, Any]:
    data = score_run(run.path, bootstrap=0).to_dict()
    return {s["id"]: s for s in data["sections"]} | {"_scores": data["scores"]}


@pytest.fixture
def judge(monkeypatch: pytest.MonkeyPatch) -> Iterator[ProviderServer]:
    def answer(body: dict[str, Any]) -> str:
        prompt = body["messages"][-1]["content"]
        score = 5 if "## Material: Library:" in prompt else 4
        return json.dumps({"score": score, "justification": "Sound analysis."})

    with ProviderServer(responder=answer) as server:
        monkeypatch.setenv("LOCAL_BASE_URL", server.url)
        monkeypatch.setenv("LOCAL_API_KEY", "test-key")
        yield server


def test_unscored_until_graded_then_a_model_grades_mee_and_mpt(
    bar_run: RunDir, judge: ProviderServer
) -> None:
    before = components(bar_run)
    assert before["_scores"][0]["status"] == "needs_grading"
    assert before["_scores"][0]["needs_grading"] == ESSAYS

    report = grade_run(bar_run.path, [SPEC])
    assert [g.status for g in report.recorded] == ["ok", "ok", "ok"]
    mpt_prompts = [r.body["messages"][-1]["content"] for r in judge.requests
                   if "## Material: Library:" in r.body["messages"][-1]["content"]]
    assert len(mpt_prompts) == 1
    # The grader sees the MPT's File and Library and the holistic scale with its guide.
    assert "## Material: File: Notes of client interview" in mpt_prompts[0]
    assert "Holistic rubric: one overall score from 1-6." in mpt_prompts[0]
    assert "Analytic guide" in mpt_prompts[0]

    after = components(bar_run)
    assert (after["mee"]["raw"], after["mee"]["graded_by"]) == (8, ["model"])
    assert (after["mpt"]["raw"], after["mpt"]["graded_by"]) == (5, ["model"])
    assert after["_scores"][0]["status"] == "scored"


def test_two_people_grade_the_essays_and_their_mean_counts(bar_run: RunDir) -> None:
    runner = CliRunner()
    for name, marks in (("ann", ["4", "3", "5"]), ("bob", ["5", "3", "4"])):
        typed = "".join(f"{mark}\n\n" for mark in marks)  # a score, then no comment
        result = runner.invoke(app, ["grade", str(bar_run.path), "--human", "--grader-name",
                                     name], input=typed)
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[-1] == (
            f"3 grade(s) saved as human:{name}; 0 response(s) left.")
    final = final_grades(bar_run.grades())
    assert [final[(item, 0)].score for item in ESSAYS] == [4.5, 3.0, 4.5]
    assert {final[(item, 0)].kind for item in ESSAYS} == {"human"}
    after = components(bar_run)
    assert (after["mee"]["raw"], after["mee"]["graded_by"]) == (7.5, ["human"])
    assert (after["mpt"]["raw"], after["mpt"]["graded_by"]) == (4.5, ["human"])


def test_the_baseline_grades_the_bar_essays_offline(bar_run: RunDir) -> None:
    grade_run(bar_run.path, ["mock/reference-match"])
    final = final_grades(bar_run.grades())
    # mock/answer-key wrote the reference answers, so the baseline gives the top score.
    assert [final[(item, 0)].score for item in ESSAYS] == [6.0, 6.0, 6.0]
    assert components(bar_run)["mee"]["graded_by"] == ["baseline"]
