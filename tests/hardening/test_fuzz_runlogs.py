"""Damaged run directories and prices files: scoring, summaries and reports either work
or say which file (and line) is damaged; only a cut-short last line is forgiven."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examsim.errors import RunLogError
from examsim.grading import grade_run
from examsim.reports import build_table
from examsim.reports.items import run_items
from examsim.runner import resume_run, run_exam
from examsim.runner.prices import load_prices
from examsim.scoring import score_run
from tests.conftest import DATA
from tests.hardening import profile
from tests.hardening.mutations import huge, mutate_bytes, mutate_structure, mutate_text
from tests.hardening.outcomes import handled
from tests.hardening.yamltext import dump

MINI = DATA / "packs" / "mini"
FILES = ["manifest.json", "responses.jsonl", "grades.jsonl"]


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A mini run answered by the answer key, its essays graded by the baseline."""
    path = tmp_path_factory.mktemp("runs") / "run"
    run_exam(MINI, "mock/answer-key", out=path)
    grade_run(path, ["mock/reference-match"])
    return path


def _damage_json_lines(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines()
    index = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(("structure", "text", "drop", "repeat")))
    if kind == "structure":
        lines[index] = json.dumps(mutate_structure(draw, json.loads(lines[index])), default=str)
    elif kind == "text":
        lines[index] = mutate_text(draw, lines[index])
    elif kind == "drop":
        del lines[index]
    else:
        lines.insert(index, lines[index])
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@profile.fuzz(ci=40, night=800)
@given(data=st.data())
def test_damaged_run_directories(finished_run: Path, data: st.DataObject) -> None:
    profile.counted("run logs")
    name = data.draw(st.sampled_from(FILES))
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp) / "run"
        shutil.copytree(finished_run, run)
        target = run / name
        text = target.read_text(encoding="utf-8")
        if data.draw(st.booleans()):
            target.write_bytes(mutate_bytes(data.draw, text.encode("utf-8")))
        elif name == "manifest.json":
            manifest = mutate_structure(data.draw, json.loads(text))
            target.write_text(json.dumps(manifest, default=str), encoding="utf-8")
        else:
            target.write_text(_damage_json_lines(data.draw, text), encoding="utf-8")
        files = [run / f for f in FILES] + [run]
        for call in (lambda: score_run(run, bootstrap=10),
                     lambda: run_items(run),
                     lambda: build_table([run], bootstrap=0),
                     lambda: resume_run(run)):
            handled(call, files)


@profile.fuzz(ci=30, night=400)
@given(st.data())
def test_damaged_prices_files(data: st.DataObject) -> None:
    profile.counted("prices")
    table = {"models": {"openai-api/local/*": {"input": 1.5, "output": 2.0, "source": "x"},
                        "mine/m": {"tiers": [{"max_input_tokens": 1000, "input": 1,
                                              "output": 2}, {"input": 3, "output": 4}]}}}
    kind = data.draw(st.sampled_from(("structure", "text", "huge")))
    if kind == "structure":
        text = dump(mutate_structure(data.draw, table))
    elif kind == "text":
        text = mutate_text(data.draw, dump(table))
    else:
        table["models"]["mine/m"] = huge(data.draw)
        text = dump(table)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "prices.yaml"
        path.write_text(text, encoding="utf-8")
        prices = handled(lambda: load_prices(path), [path])
        if prices is not None:
            for model in ("mine/m", "openai-api/local/x", "unknown/model"):
                cost = prices.cost(model, data.draw(st.integers(0, 10**6)), 10)
                assert cost is None or cost >= 0


def _manifest(finished_run: Path, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    run = tmp_path / "run"
    shutil.copytree(finished_run, run)
    return run, json.loads((run / "manifest.json").read_text(encoding="utf-8"))


def test_a_manifest_that_is_not_utf8_is_a_run_log_error(finished_run: Path,
                                                        tmp_path: Path) -> None:
    run, _ = _manifest(finished_run, tmp_path)
    (run / "manifest.json").write_bytes(b"\x80{}")
    with pytest.raises(RunLogError, match=r"manifest\.json: not valid JSON \('utf-8' codec"):
        score_run(run)


def test_resume_names_the_manifest_when_its_parameters_are_damaged(
    finished_run: Path, tmp_path: Path
) -> None:
    run, manifest = _manifest(finished_run, tmp_path)
    manifest["parameters"]["concurrency"] = [16]  # type: ignore[index]
    (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(RunLogError, match=r"manifest\.json: parameters: a value is not what "
                       r"examsim wrote \(int\(\) argument must be"):
        resume_run(run)


def test_a_manifest_with_no_samples_is_refused_where_it_is_wrong(
    finished_run: Path, tmp_path: Path
) -> None:
    run, manifest = _manifest(finished_run, tmp_path)
    manifest["samples"] = 0
    (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(RunLogError, match=r"manifest\.json: samples: Input should be greater "
                       r"than or equal to 1\."):
        resume_run(run)
