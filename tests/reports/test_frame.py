"""build_table: one tidy row per model variant x exam x reported score, checked against
score_run and full_vs_clean called directly."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import examsim
from examsim.contamination.clean import full_vs_clean
from examsim.errors import RunLogError
from examsim.reports import build_table
from examsim.reports.frame import COLUMNS
from examsim.scoring import score_run
from tests.reports.conftest import GRE, LSAT, LSAT_KEY, USNCO
from tests.reports.runfiles import write_run


@pytest.fixture(scope="module")
def frame(report_runs: Path) -> pd.DataFrame:
    return build_table([report_runs], bootstrap=200)


def _row(frame: pd.DataFrame, exam: str, variant: str, score: str = "total") -> pd.Series:
    found = frame[(frame.exam == exam) & (frame.variant == variant) & (frame.score == score)]
    assert len(found) == 1
    return found.iloc[0]


def test_public_api_exports_build_table() -> None:
    assert examsim.build_table is build_table


def test_one_row_per_variant_exam_and_reported_score(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == COLUMNS
    counts = frame.groupby(["variant", "exam"]).size().to_dict()
    assert counts == {
        ("mock/model-a", "ube-mini"): 1, ("mock/model-a", "lsat-mini"): 1,
        ("mock/model-a", "gre-mini"): 3, ("mock/model-a", "ap-mini"): 1,
        ("mock/model-a", "mini"): 1, ("mock/model-a", "usnco-mini"): 1,
        ("mock/model-a (no vision)", "lsat-mini"): 1, ("mock/model-a (no vision)", "ap-mini"): 1,
        ("mock/model-b", "lsat-mini"): 1, ("mock/model-b", "gre-mini"): 3,
        ("mock/model-b", "ube-mini"): 1, ("mock/model-b", "usnco-mini"): 1,
    }
    assert set(frame[frame.exam == "gre-mini"].row) == {"GRE Verbal", "GRE Quantitative",
                                                        "GRE Writing"}
    assert frame.attrs["variants"] == ["mock/model-a", "mock/model-a (no vision)",
                                       "mock/model-b"]


def test_rows_follow_table_1(frame: pd.DataFrame) -> None:
    scales = list(dict.fromkeys(frame.scale))
    assert scales == ["ube", "lsat", "gre-quant", "gre-verbal", "gre-writing", "usnco-local",
                      "ap-biology", "percent-correct"]


def test_single_runs_match_score_run(frame: pd.DataFrame, report_runs: Path) -> None:
    direct = score_run(report_runs / "a-model-a" / "gre", bootstrap=0)
    for score in direct.scores:
        row = _row(frame, "gre-mini", "mock/model-a", score.id)
        assert row.label == score.label
        assert row.scaled == score.scaled
        assert row.percentile_low == score.percentile_low
        assert row.norms == score.norms.id
    lsat = _row(frame, "lsat-mini", "mock/model-a (no vision)")
    assert lsat.label == score_run(report_runs / "b-model-a-no-vision" / "lsat",
                                   bootstrap=0).scores[0].label
    assert not lsat.vision and lsat.model == "mock/model-a"


def test_sections_raw_max_and_scale_max(frame: pd.DataFrame) -> None:
    ube = _row(frame, "ube-mini", "mock/model-a")
    assert ube.sections == "mbe 3/4; mee 9/12; mpt 4/6"
    assert (ube.raw_points, ube.max_points, ube.scale_max) == (16, 22, 400)
    assert _row(frame, "ap-mini", "mock/model-a").scale_max == 5
    assert _row(frame, "mini", "mock/model-a").scale_max == 100
    assert _row(frame, "lsat-mini", "mock/model-a").sections == "lr 5/5; rc 4/5"


def test_grader_kinds(frame: pd.DataFrame) -> None:
    assert _row(frame, "ube-mini", "mock/model-a").grader_kind == "human"
    assert _row(frame, "gre-mini", "mock/model-a", "writing").grader_kind == "model"
    assert _row(frame, "mini", "mock/model-a").grader_kind == "baseline"
    assert _row(frame, "gre-mini", "mock/model-a", "verbal").grader_kind == ""


def test_incomplete_until_graded(frame: pd.DataFrame) -> None:
    writing = _row(frame, "gre-mini", "mock/model-b", "writing")
    assert writing.incomplete and writing.status == "needs_grading"
    assert writing.needs_grading == 2
    assert writing.sections == "writing 0/0"
    assert math.isnan(writing.scaled)
    assert not _row(frame, "gre-mini", "mock/model-b", "verbal").incomplete


def test_contaminated_lower_score_reported(frame: pd.DataFrame, report_runs: Path) -> None:
    row = _row(frame, "ube-mini", "mock/model-b")
    both = full_vs_clean(report_runs / "c-model-b" / "ube", save=False)
    assert both.scores[0].reported == "clean"
    assert row.contamination_checked and row.contamination_applied
    assert row.contaminated_items == 2
    assert row.label == both.clean.scores[0].label
    assert row.full_label == both.full.scores[0].label
    assert row.scaled < both.full.scores[0].scaled
    assert not (report_runs / "c-model-b" / "ube" / "contamination.json").exists()
    unchecked = _row(frame, "ube-mini", "mock/model-a")
    assert not unchecked.contamination_checked and not unchecked.contamination_applied


def test_unfinished_run_counts_missing_items(frame: pd.DataFrame) -> None:
    row = _row(frame, "usnco-mini", "mock/model-b")
    assert row.missing == 2
    assert row.label == "45 / 60"  # 3 of 4 answered items, projected to 60 questions
    assert math.isnan(row.percentile_low)


def test_repeated_runs_pool_like_samples(frame: pd.DataFrame, report_runs: Path,
                                         tmp_path: Path) -> None:
    pooled = _row(frame, "lsat-mini", "mock/model-b")
    assert list(pooled.runs) == [str(report_runs / "c-model-b" / "lsat-1"),
                                 str(report_runs / "c-model-b" / "lsat-2")]
    assert pooled.samples == 2
    assert pooled.notes[0] == "2 runs pooled (2 samples per item)"
    # The same answers as one run with two samples per item score the same.
    first = {**LSAT_KEY, "lr-2": "A"}
    second = {**LSAT_KEY, "rc-2": "B", "rc-5": "A"}
    both = write_run(tmp_path / "two-samples", LSAT,
                     {item: [first[item], second[item]] for item in LSAT_KEY}, samples=2,
                     model="mock/model-b")
    direct = score_run(both, bootstrap=0).scores[0]
    assert pooled.label == direct.label and pooled.scaled == direct.scaled
    assert pooled.sections == "lr 4.5/5; rc 4/5"


def test_pooled_runs_with_different_forms_use_each_item_where_seen(tmp_path: Path) -> None:
    write_run(tmp_path / "r1", USNCO, {"chem-1": "B", "chem-2": "C", "chem-3": "C"},
              form={"mc": ["chem-1", "chem-2", "chem-3"]})
    write_run(tmp_path / "r2", USNCO, {"chem-4": "B", "chem-5": "B", "chem-6": "C"},
              form={"mc": ["chem-4", "chem-5", "chem-6"]})
    row = build_table([tmp_path], bootstrap=0).iloc[0]
    # Five of six items right, each over the one run that saw it: 50 of 60.
    assert row.label == "50 / 60"
    assert row.missing == 0
    assert "the pooled runs drew different forms; each item counts over the runs that saw it" \
        in list(row.notes)


def test_vision_and_people_make_their_own_columns(tmp_path: Path) -> None:
    answers = {f"v-{n}": "B" for n in range(1, 5)}
    write_run(tmp_path / "1", GRE, answers)
    write_run(tmp_path / "2", GRE, answers, vision=False)
    write_run(tmp_path / "3", GRE, answers, model="human", candidate="Ada Lovelace")
    frame = build_table([tmp_path], bootstrap=0)
    assert frame.attrs["variants"] == ["mock/model-a", "mock/model-a (no vision)",
                                       "Ada Lovelace"]
    assert (frame.samples == 1).all()


def test_one_folder_as_a_string(report_runs: Path) -> None:
    frame = build_table(str(report_runs / "a-model-a" / "lsat"), bootstrap=0)
    assert list(frame.label) == ["169 (~93rd)"]


def test_run_folders_found_at_any_depth_and_once(report_runs: Path) -> None:
    direct = build_table([report_runs / "c-model-b" / "lsat-1",
                          report_runs / "c-model-b", report_runs / "c-model-b" / "gre"],
                         bootstrap=0)
    lsat = direct[direct.exam == "lsat-mini"].iloc[0]
    assert len(lsat.runs) == 2 and lsat.samples == 2


@pytest.mark.parametrize("kind", ["missing", "file", "empty"])
def test_bad_run_paths(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "runs"
    if kind == "file":
        target.write_text("x")
    elif kind == "empty":
        (target / "nothing-here").mkdir(parents=True)
    with pytest.raises(RunLogError) as caught:
        build_table([target])
    message = str(caught.value)
    assert str(target) in message and "Fix:" in message


def test_no_run_paths() -> None:
    with pytest.raises(RunLogError, match="No run directories given"):
        build_table([])
