"""The run directory: append-only, latest wins, crash-truncated lines tolerated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examsim.errors import RunLogError
from examsim.runlog import GradeRecord, Manifest, ResponseRecord, RunDir


def make(tmp_path: Path) -> RunDir:
    manifest = Manifest(run_id="r1", exam="mini", pack_path="x", pack_digest="sha256:0",
                        model="mock/answer-key", examsim_version="0")
    return RunDir.create(tmp_path / "run", manifest)


def test_append_and_latest_wins(tmp_path: Path) -> None:
    run = make(tmp_path)
    run.append_response(ResponseRecord(item="a", section="s", status="error", error="429"))
    run.append_response(ResponseRecord(item="b", section="s", status="answered", answer="B"))
    assert run.finished() == {("b", 0)}
    run.append_response(ResponseRecord(item="a", section="s", status="answered", answer="C"))
    assert run.finished() == {("a", 0), ("b", 0)}
    assert run.latest_responses()[("a", 0)].answer == "C"
    assert len(run.responses()) == 3


def test_truncated_last_line_is_ignored_but_damage_is_reported(tmp_path: Path) -> None:
    run = make(tmp_path)
    run.append_response(ResponseRecord(item="a", section="s", status="answered", answer="A"))
    with run.responses_path.open("a") as fh:
        fh.write('{"item": "b", "sec')
    assert [r.item for r in run.responses()] == ["a"]
    run.responses_path.write_text('{"item": 1}\n' + json.dumps({"item": "a"}) + "\n")
    with pytest.raises(RunLogError, match=r"responses.jsonl:1: not a valid ResponseRecord"):
        run.responses()


def test_create_refuses_existing_and_open_checks_manifest(tmp_path: Path) -> None:
    run = make(tmp_path)
    with pytest.raises(RunLogError, match="already holds a run"):
        make(tmp_path)
    assert RunDir.open(run.path).manifest().model == "mock/answer-key"
    with pytest.raises(RunLogError, match="No run directory"):
        RunDir.open(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(RunLogError, match="manifest.json: missing"):
        RunDir.open(tmp_path / "empty")


def test_grades_round_trip(tmp_path: Path) -> None:
    run = make(tmp_path)
    run.append_grade(GradeRecord(item="e", grader="human:ann", grader_kind="human", score=4,
                                 max=6))
    assert run.grades()[0].score == 4
