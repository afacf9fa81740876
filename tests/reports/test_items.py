"""run_items: the per-item view of a run (points as scoring counts them, filters, grades,
verdicts, and prompts rebuilt only when their digest matches the one recorded)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from examsim.errors import NotFoundError
from examsim.reports import run_items
from examsim.reports.items import key_text
from examsim.runlog import GradeRecord, RunDir
from examsim.runner.prompts import format_prompt, render_item_prompt
from tests.reports.conftest import MINI, UBE
from tests.reports.runfiles import STAMP, write_run


@pytest.fixture
def mini_run(tmp_path: Path) -> Path:
    # mc scoring: wrong -0.25; mc-4 needs both A and C; num-1 3.5 +- 0.01.
    return write_run(tmp_path / "mini", MINI, {
        "mc-1": "B", "mc-2": "D", "mc-3": "<blank>", "mc-4": ["A"], "num-1": 3.505,
        "sa-1": "<unparsed>", "essay-1": "Blue light scatters.", "essay-2": "An essay.",
    }, [("essay-1", "human:alice", "human", 2), ("essay-1", "human:bo", "human", 3),
        ("essay-1", "openai/gpt-4o", "model", 1)])


def test_points_as_scoring_counts_them(mini_run: Path) -> None:
    views = {v.item: v for v in run_items(mini_run).items}
    assert [v.item for v in views.values()] == ["mc-1", "mc-2", "mc-3", "mc-4", "num-1", "sa-1",
                                                "essay-1", "essay-2"]
    assert (views["mc-1"].points, views["mc-1"].correct, views["mc-1"].key) == (1, True, "B")
    assert (views["mc-2"].points, views["mc-2"].correct) == (-0.25, False)
    assert (views["mc-3"].status, views["mc-3"].points) == ("blank", 0)
    assert (views["mc-4"].points, views["mc-4"].key) == (-0.25, "A, C")
    assert (views["num-1"].points, views["num-1"].correct) == (1, True)
    assert views["num-1"].key == "3.5 ± 0.01"
    assert (views["sa-1"].status, views["sa-1"].points) == ("unparsed", -0.25)
    essay = views["essay-1"]
    assert essay.grade is not None
    # People outrank the model: the two human grades are averaged, the model's ignored.
    assert (essay.grade.kind, essay.grade.score, essay.grade.graders) == (
        "human", 2.5, ("human:alice", "human:bo"))
    assert essay.grade.comments == (("human:alice", "human:alice says so"),
                                    ("human:bo", "human:bo says so"))
    assert (essay.points, essay.max_points, essay.key, essay.correct) == (2.5, 3, None, None)
    assert views["essay-2"].grade is None and views["essay-2"].points is None


def test_filters(mini_run: Path) -> None:
    wrong = [v.item for v in run_items(mini_run, wrong=True).items]
    assert wrong == ["mc-2", "mc-3", "mc-4", "sa-1", "essay-1"]
    failed = [v.item for v in run_items(mini_run, failed=True).items]
    assert failed == ["sa-1"]
    both = [v.item for v in run_items(mini_run, failed=True, wrong=True).items]
    assert both == wrong


def test_failed_grades_and_missing_items(tmp_path: Path) -> None:
    run = write_run(tmp_path / "ube", UBE, {"mbe-1": "A", "mbe-2": "<error>",
                                            "mee-1": "An essay."})
    RunDir(run).append_grade(GradeRecord(item="mee-1", grader="openai/gpt-4o",
                                         grader_kind="model", status="failed",
                                         error="malformed JSON", at=STAMP))
    views = {v.item: v for v in run_items(run, failed=True).items}
    assert list(views) == ["mbe-2", "mbe-3", "mbe-4", "mee-1", "mee-2", "mpt-1"]
    assert (views["mbe-2"].status, views["mbe-2"].error) == ("error", "timed out")
    assert views["mbe-3"].status == "missing" and views["mbe-3"].points is None
    assert views["mee-1"].grade_failures == ("openai/gpt-4o: malformed JSON",)


def test_contamination_verdicts(report_runs: Path) -> None:
    result = run_items(report_runs / "c-model-b" / "ube")
    assert result.verdicts == str(report_runs / "c-model-b" / "ube" / "verdicts.json")
    marked = {v.item: v.verdict.contaminated for v in result.items if v.verdict}
    assert marked == {"mbe-1": True, "mbe-2": True, "mbe-3": False, "mbe-4": False,
                      "mee-1": False, "mee-2": False, "mpt-1": False}


def test_missing_verdict_file_is_a_warning(report_runs: Path, tmp_path: Path) -> None:
    run = tmp_path / "ube"
    shutil.copytree(report_runs / "c-model-b" / "ube", run)
    (run / "verdicts.json").unlink()
    result = run_items(run)
    assert all(v.verdict is None for v in result.items)
    assert result.warnings[0].startswith("contamination verdicts not shown: ")


def test_unknown_item(mini_run: Path) -> None:
    with pytest.raises(NotFoundError, match="the run's form has no item 'mc-9'. Fix: use an "
                       "item id of the run, e.g. mc-1, mc-2"):
        run_items(mini_run, item="mc-9")


def test_key_text_of_short_answers(mini_run: Path) -> None:
    from examsim.packs import load_pack

    _, item = load_pack(MINI).item("sa-1")
    assert key_text(item) == "Jupiter"


def _mock_run(pack: Path, out: Path, *extra: str) -> Path:
    from typer.testing import CliRunner

    from examsim.cli.app import app

    result = CliRunner().invoke(app, ["run", str(pack), "--model", "mock/answer-key",
                                      "--out", str(out), "--no-cache", *extra])
    assert result.exit_code == 0, result.output
    return out


def test_prompt_rebuilt_when_the_digest_matches(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    run = _mock_run(pack, tmp_path / "run", "--no-vision", "--seed", "3")
    view = run_items(run, item="mc-2").items[0]
    assert view.prompt_check == "rebuilt from the pack; digest matches"
    from examsim.packs import load_pack

    assert view.prompt == format_prompt(render_item_prompt(load_pack(pack), "mc-2",
                                                           vision=False))
    assert (view.correct, view.points) == (True, 1)
    # Listing the run does not rebuild prompts unless asked.
    listed = run_items(run).items[0]
    assert (listed.prompt, listed.prompt_check) == (None, "not rebuilt")
    # Once the pack changes, the prompt shown would not be the one sent.
    items = pack / "items" / "mc.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace(
        "does the river run past", "does the river flow past"), encoding="utf-8")
    changed = run_items(run, item="mc-2")
    assert changed.items[0].prompt is None
    assert changed.items[0].prompt_check.startswith("the pack's prompt differs")
    assert changed.warnings[0].startswith("the pack at ")
