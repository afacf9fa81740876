"""Bundled packs sat by the mock models with ``examsim run``, then ``examsim table`` and
``examsim figure``: a complete Table 1 and Figure 4 from real run directories."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.scoring import score_run

runner = CliRunner()
EXAMS = ("bar-exam", "lsat", "gre", "ap-biology", "usabo-semifinal", "amc-10")


def _invoke(*args: str | Path) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("e2e")
    for exam in EXAMS:
        _invoke("run", exam, "--model", "mock/answer-key", "--grader", "mock/reference-match",
                "--no-cache", "--out", root / "answer-key" / exam)
    _invoke("run", "lsat", "--model", "mock/answer-key", "--no-vision", "--no-cache",
            "--out", root / "no-vision" / "lsat")
    for exam in ("lsat", "gre"):
        _invoke("run", exam, "--model", "mock/random", "--no-cache", "--grader",
                "mock/reference-match", "--out", root / "random" / exam)
    return root


def test_table_is_complete(runs: Path) -> None:
    data = json.loads(_invoke("table", runs, "--format", "json"))
    assert data["columns"] == ["mock/answer-key", "mock/answer-key (no vision)", "mock/random"]
    assert [row["name"] for row in data["rows"]] == [
        "Uniform Bar Exam (MBE+MEE+MPT)", "LSAT",
        "Graduate Record Examination (GRE) Quantitative",
        "Graduate Record Examination (GRE) Verbal", "Graduate Record Examination (GRE) Writing",
        "USABO Semifinal Exam 2020", "AP Biology", "AMC 10"]
    key = [row["cells"]["mock/answer-key"] for row in data["rows"]]
    assert all(cell is not None and cell["status"] == "scored" for cell in key)
    assert all(record["incomplete"] is False for record in data["data"])
    # Every cell is the label score_run gives its run.
    for record in data["data"]:
        (run,) = record["runs"]
        direct = {s.id: s.label for s in score_run(run, bootstrap=0).scores}
        assert record["label"] == direct[record["score"]]
    lsat = data["rows"][1]["cells"]
    assert lsat["mock/answer-key"]["text"] == lsat["mock/answer-key (no vision)"]["text"]
    assert lsat["mock/random"]["text"] != lsat["mock/answer-key"]["text"]


def test_markdown_table_and_figure(runs: Path, tmp_path: Path) -> None:
    out = _invoke("table", runs)
    assert "awaiting grading" not in out
    assert out.count("\n| ") == 9  # header and eight exam rows
    target = tmp_path / "figure4.svg"
    printed = _invoke("figure", runs, "--out", target)
    root = ET.parse(target).getroot()
    bars = [g for g in root.iter("{http://www.w3.org/2000/svg}g")
            if (g.get("id") or "").startswith("bar-")]
    first = printed.splitlines()[0]
    count = int(first.split(", ")[-1].split()[0])
    assert len(bars) == count
    assert printed.splitlines()[-1].startswith("Left out (no percentile): ")
