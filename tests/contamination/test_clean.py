"""Full vs clean scores, the Appendix C tables, and verdicts recorded in a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examsim.contamination import scan_exam
from examsim.contamination.clean import (
    RESULTS,
    full_vs_clean,
    lower,
    record_verdicts,
    verdicts_for_run,
)
from examsim.contamination.report import contamination_report, render
from examsim.errors import ContaminationError, UsageError
from examsim.runlog import RunDir
from tests.contamination.runs import CORPUS, make_run


@pytest.fixture
def run_and_verdicts(tmp_path: Path, mini_pack: Path) -> tuple[Path, Path]:
    (tmp_path / "corpus.txt").write_text(CORPUS)
    verdicts = tmp_path / "verdicts.json"
    scan_exam(mini_pack, [tmp_path / "corpus.txt"], out=verdicts)
    return make_run(tmp_path / "run", mini_pack), verdicts


def test_clean_score_leaves_out_contaminated_items_and_lower_is_reported(
    run_and_verdicts: tuple[Path, Path],
) -> None:
    run, verdicts = run_and_verdicts
    result = full_vs_clean(run, verdicts)
    assert result.contaminated == ("mc-1", "essay-1")
    assert result.items == 8 and result.percent == 25.0
    (pair,) = result.scores
    # Full: 3.5 + 5 of 15 = 56.7 %, shown as 57. Clean: mc 2.5 / 5 and essay 3 / 6,
    # projected to the full form: (3 + 4.5) / 15 = 50 %. The lower, clean, is reported.
    assert (pair.full.scaled, pair.clean.scaled) == (57, 50)
    assert pair.reported == "clean" and pair.result.label == "50 %"
    saved = json.loads((run / RESULTS).read_text())
    assert saved["scores"][0]["full"]["label"] == "57 %"
    assert saved["scores"][0]["clean"]["label"] == "50 %"
    assert saved["scores"][0]["reported"] == "clean"


def test_lower_prefers_full_when_clean_is_higher_or_missing(
    run_and_verdicts: tuple[Path, Path],
) -> None:
    run, verdicts = run_and_verdicts
    (pair,) = full_vs_clean(run, verdicts).scores
    assert lower(pair.full, pair.clean) == "clean"
    assert lower(pair.clean, pair.full) == "full"  # as if the clean score were the higher
    assert lower(pair.full, pair.full) == "full"
    empty = type(pair.clean)(**{**pair.clean.__dict__, "status": "no_items", "scaled": None})
    assert lower(pair.full, empty) == "full"


def test_report_tables(run_and_verdicts: tuple[Path, Path]) -> None:
    run, verdicts = run_and_verdicts
    report = contamination_report([run], verdicts)
    rows = {r.section: r for r in report.details}
    mc, essay = rows["mc"], rows["essay"]
    assert (mc.questions, essay.questions) == (6, 2)
    assert mc.contaminated_percent == pytest.approx(100 / 6)
    assert mc.all_percent == pytest.approx(3.5 / 6 * 100)
    assert mc.clean_percent == pytest.approx(50.0)
    assert mc.contaminated_only_percent == pytest.approx(100.0)  # mc-1 was right
    assert mc.degradation_percent == pytest.approx((50 - 3.5 / 6 * 100) / (3.5 / 6))
    assert essay.contaminated_only_percent == pytest.approx(2 / 3 * 100)
    assert essay.degradation_percent == pytest.approx(-10.0)
    assert [r.section for r in report.details] == ["essay", "mc"]  # most contaminated first
    assert render(report, "csv").splitlines()[1:] == [
        f"{run},mini,Essay,2,50.0,55.5556,50.0,66.6667,-10.0",
        f"{run},mini,Multiple Choice,6,16.6667,58.3333,50.0,100.0,-14.2857",
    ]
    data = json.loads(render(report, "json"))
    assert data["summary"][0]["reported"] == "50 %"
    with pytest.raises(UsageError):
        render(report, "xlsx")


def test_verdicts_recorded_in_the_manifest_are_used(
    run_and_verdicts: tuple[Path, Path], mini_pack: Path
) -> None:
    run, verdicts = run_and_verdicts
    with pytest.raises(ContaminationError, match="the run has no contamination verdicts"):
        full_vs_clean(run)
    record_verdicts(run, verdicts)
    assert RunDir(run).manifest().contamination == str(verdicts.resolve())
    assert full_vs_clean(run).contaminated == ("mc-1", "essay-1")
    # A scan held in memory is written into the run directory and recorded relative to it.
    scanned = verdicts_for_run(mini_pack, corpus=[verdicts.parent / "corpus.txt"])
    assert not isinstance(scanned, Path) and scanned is not None
    record_verdicts(run, scanned)
    assert RunDir(run).manifest().contamination == "contamination-verdicts.json"
    assert full_vs_clean(run).verdicts == str(run / "contamination-verdicts.json")


def test_verdicts_of_another_exam_are_refused(
    run_and_verdicts: tuple[Path, Path], tmp_path: Path
) -> None:
    run, verdicts = run_and_verdicts
    other = json.loads(verdicts.read_text())
    other["exam"] = "lsat"
    (tmp_path / "other.json").write_text(json.dumps(other))
    with pytest.raises(ContaminationError, match="the verdicts are for exam 'lsat'"):
        full_vs_clean(run, tmp_path / "other.json")
    (tmp_path / "broken.json").write_text('{"format": "examsim-contamination/1", "exam": 3}')
    with pytest.raises(ContaminationError, match="broken.json: exam: Input should be a valid"):
        full_vs_clean(run, tmp_path / "broken.json")
    with pytest.raises(UsageError, match="not both"):
        verdicts_for_run("mini", verdicts, [tmp_path])
