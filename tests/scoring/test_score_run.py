"""score_run end to end on run directories: points, projection, grading, norms, intervals."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from examsim.errors import RunLogError, ScoringError
from examsim.packs import load_pack
from examsim.runlog import MANIFEST
from examsim.scoring import score_run
from tests.conftest import DATA
from tests.scoring.runfiles import write_run

RUNS = DATA / "runs"
PACKS = DATA / "packs"
MINI_ANSWERS = {
    "mc-1": "B", "mc-2": "C", "mc-3": "<blank>", "mc-4": ["A", "C"], "num-1": "3.5",
    "sa-1": "<unparsed>", "essay-1": "Rayleigh scattering.", "essay-2": "Homework helps.",
}
MINI_GRADES = [("essay-1", "human:ann", "human", 2), ("essay-2", "human:ann", "human", 4.5)]


def test_mini_run_points_by_hand() -> None:
    result = score_run(RUNS / "mini-complete")
    data = result.to_dict()
    sections = {s["id"]: s for s in data["sections"]}
    # mc: 1 - 0.25 (mc-2 changed to A) + 0 (blank) + 1 + 1 - 0.25 (unparsed) = 2.5 of 6.
    assert (sections["mc"]["raw"], sections["mc"]["max"]) == (2.5, 6)
    # essay-1: the human's 2 beats the model's 3; essay-2: mean of two people, 4.5 of 6.
    assert (sections["essay"]["raw"], sections["essay"]["max"]) == (6.5, 9)
    assert sections["essay"]["graded_by"] == ["human"]
    assert data["scaled"] == 60 and data["label"] == "60 %"  # 9 of 15
    assert data["projected"] is False and data["complete"] is True
    assert data["percentile_low"] is None and data["norms"] is None
    for key in ("exam", "sections", "scaled", "percentile_low", "percentile_high", "label",
                "norms", "projected", "scores", "scaled_interval", "percentile_interval"):
        assert key in data
    assert data["exam"] == "mini" and data["scores"][0]["scale"] == "percent-correct"
    low, high = data["scaled_interval"]
    assert 0 <= low <= 60 <= high <= 100


def test_an_ungraded_free_response_is_never_counted_as_zero() -> None:
    result = score_run(RUNS / "mini-ungraded")
    score = result.scores[0]
    assert score.status == "needs_grading"
    assert score.scaled is None and score.label == "needs grading"
    assert score.needs_grading == ("essay-2",)
    essay = result.to_dict()["sections"][1]
    assert essay["needs_grading"] == ["essay-2"] and essay["counted"] == 1
    assert result.complete is False


def test_missing_items_are_reported_and_the_rest_projected(tmp_path: Path) -> None:
    answers = {k: v for k, v in MINI_ANSWERS.items() if k not in ("mc-1", "num-1")}
    run = write_run(tmp_path / "run", PACKS / "mini", answers, MINI_GRADES)
    result = score_run(run, bootstrap=0)
    mc = result.sections[0]
    assert mc.missing == ("mc-1", "num-1") and mc.counted == 4
    # Counted: mc 1 + 0 + 1 - 0.25 = 1.75 of 4, essays 6.5 of 9 -> 8.25 of 13 -> 63.5 %.
    assert result.scores[0].scaled == 63
    assert result.scores[0].projected
    assert result.scores[0].projection == "scored on 6 of 8 items; projected to the full form"
    assert result.complete is False


def test_exclusion_scores_the_rest_projected_to_full_length() -> None:
    result = score_run(RUNS / "mini-complete", exclude={"mc-2", "not-an-item"}, bootstrap=0)
    score = result.scores[0]
    # Without mc-2 (-0.25): 2.75 + 6.5 = 9.25 of 14 -> 66.07 % of the full 15 points.
    assert score.scaled == 66 and score.projected
    assert result.sections[0].excluded == ("mc-2",)
    assert score.inputs[0].raw == 9.25 and score.inputs[0].max == 14
    assert "excluded items not in the pack: not-an-item" in result.warnings


def test_excluding_every_item_gives_no_score() -> None:
    everything = ["mc-1", "mc-2", "mc-3", "mc-4", "num-1", "sa-1", "essay-1", "essay-2"]
    score = score_run(RUNS / "mini-complete", exclude=everything).scores[0]
    assert score.status == "no_items" and score.label == "N/A" and score.scaled is None


def test_failed_attempts_count_as_wrong(tmp_path: Path) -> None:
    answers = dict(MINI_ANSWERS, **{"mc-1": "<error>"})
    run = write_run(tmp_path / "run", PACKS / "mini", answers, MINI_GRADES)
    # 1 + 1 + 0 + 1 + 1 - 0.25 = 3.75 with mc-1 right; its failed attempt counts -0.25.
    assert score_run(run, bootstrap=0).sections[0].raw == 3.75 - 1.25


def test_samples_are_averaged_and_resampled(tmp_path: Path) -> None:
    answers = {key: [value, value, value] for key, value in MINI_ANSWERS.items()}
    answers["mc-1"] = ["B", "A", "B"]  # 1, -0.25, 1 -> mean 0.5833
    answers["essay-2"] = ["Homework helps.", "It does.", None]  # sample 2 never answered
    grades = [("essay-1", "human:ann", "human", 2, s) for s in range(3)] + [
        ("essay-2", "human:ann", "human", 4.5, 0), ("essay-2", "human:ann", "human", 3.5, 1)]
    run = write_run(tmp_path / "run", PACKS / "mini", answers, grades, samples=3)
    first = score_run(run, seed=1)
    again = score_run(run, seed=1)
    mc, essay = first.sections
    # mc-1 averages (1 - 0.25 + 1) / 3; the other items earn 1 + 0 + 1 + 1 - 0.25.
    assert mc.raw == pytest.approx(1.75 / 3 + 2.75)
    assert essay.raw == pytest.approx(2 + 4.0)  # missing sample takes the item's mean
    assert first.warnings == ("section 'essay': 1 item(s) answered in only some samples; "
                              "each missing sample counts as the item's mean",)
    assert first.scores[0].scaled_interval == again.scores[0].scaled_interval
    low, high = first.scores[0].scaled_interval or (0, 0)
    assert low <= first.scores[0].scaled <= high  # type: ignore[operator]
    assert score_run(run, bootstrap=0).scores[0].scaled_interval is None


def test_ap_pack_on_the_ap_biology_scale() -> None:
    data = score_run(RUNS / "ap-mini").to_dict()
    assert data["label"] == "5 (85th - 100th)"  # composite 0.5 x 4/4 + 0.5 x 3/4 = 87.5 %
    assert data["scores"][0]["parts"]["composite"] == 87.5
    assert data["percentile_low"] == pytest.approx(85.2)
    assert data["percentile_high"] == 100
    assert data["norms"] == "ap-2022"
    assert data["projected"] is True
    assert data["scores"][0]["notes"] == [
        "AP cut points are not published; this AP score uses examsim's approximate cut points."
    ]


def test_gre_pack_reports_three_scores_and_mirrors_the_first() -> None:
    data = score_run(RUNS / "gre-mini").to_dict()
    labels = {s["id"]: s["label"] for s in data["scores"]}
    # 3 of 4 -> 160 (ETS 2020-2023: 84); 4 of 4 -> 170 (92); essays 4 and 4.5 -> 4.5 (83).
    assert labels == {
        "verbal": "160 / 170 (~84th)",
        "quant": "170 / 170 (~92nd)",
        "writing": "4.5 / 6 (~83rd)",
    }
    assert data["label"] == labels["verbal"] and data["scaled"] == 160
    assert data["sections"][2]["graded_by"] == ["model"]


def test_gre_pack_with_the_gpt4_report_norms() -> None:
    labels = [s.label for s in score_run(RUNS / "gre-mini", norms="gpt4-report").scores]
    # Kaplan July 2015 - June 2018 stands in: verbal 160 lies between its 158 (80) and
    # 161 (88); quant 170 -> 96; writing 4.5 -> 81.
    assert labels == ["160 / 170 (80th - 88th)", "170 / 170 (~96th)", "4.5 / 6 (~81st)"]


def test_ube_pack_components() -> None:
    score = score_run(RUNS / "ube-mini").scores[0]
    # MBE 3/4 -> 150; MEE (4 + 5) / 12 x 120 = 90; MPT 4 / 6 x 80 = 53.3; total 293.3.
    assert score.parts == pytest.approx({"mbe": 150, "mee": 90, "mpt": 53.3333}, abs=1e-3)
    assert score.label == "293 / 400 (73rd - 90th)"


def test_lsat_pack_projects_to_the_chart_and_reads_each_norm_table() -> None:
    result = score_run(RUNS / "lsat-mini")
    score = result.scores[0]
    # 8 of 10 -> 79.2 of the chart's 99 -> raw 79 -> 161.
    assert score.scaled == 161 and score.inputs[0].projected_raw == pytest.approx(79.2)
    assert score.label == "161 (~74th)"  # LSAC 2023-2026: 74.22
    assert score.projection == "scored on 10 of 10 items; projected to the official form of 77"
    assert score_run(RUNS / "lsat-mini", norms="gpt4-report").scores[0].label == "161 (~82nd)"
    assert score_run(RUNS / "lsat-mini", norms="lsat-2014-2017").scores[0].label == "161 (~83rd)"


def test_unknown_norms_are_an_error() -> None:
    with pytest.raises(ScoringError, match="Scale 'lsat' has no norms 'lsat-1999'"):
        score_run(RUNS / "lsat-mini", norms="lsat-1999")


def test_a_shared_set_without_a_table_falls_back_with_a_note() -> None:
    score = score_run(RUNS / "mini-complete", norms="gpt4-report", bootstrap=0).scores[0]
    assert score.label == "60 %"
    assert "No 'gpt4-report' norms exist for scale 'percent-correct'." in score.notes


def test_the_pack_is_found_by_id_when_its_folder_moved(tmp_path: Path) -> None:
    shutil.copytree(RUNS / "lsat-mini", tmp_path / "run")
    with pytest.raises(Exception, match="lsat-mini"):
        score_run(tmp_path / "run")  # relative pack path no longer resolves, id not on path
    result = score_run(tmp_path / "run", packs=[PACKS])
    assert result.scores[0].scaled == 161


def test_a_changed_pack_is_a_warning(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(PACKS / "mini", pack)
    run = write_run(tmp_path / "run", pack, MINI_ANSWERS, MINI_GRADES)
    (pack / "exam.yaml").write_text((pack / "exam.yaml").read_text() + "# edited\n")
    warnings = score_run(run, bootstrap=0).warnings
    assert any("changed since the run" in w for w in warnings)


def test_a_run_of_another_exam_is_refused(tmp_path: Path) -> None:
    run = write_run(tmp_path / "run", PACKS / "mini", MINI_ANSWERS, MINI_GRADES)
    manifest = json.loads((run / MANIFEST).read_text())
    manifest["exam"] = "lsat-mini"
    (run / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(RunLogError, match="The run is of exam 'lsat-mini' but .* holds 'mini'"):
        score_run(run)


def test_a_score_mapping_a_missing_input_names_the_exam_file(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(PACKS / "ap-mini", pack)
    exam = pack / "exam.yaml"
    exam.write_text(exam.read_text().replace("inputs: {mc: mc, fr: fr}", "inputs: {mc: mc}"))
    run = write_run(tmp_path / "run", pack, {"bio-1": "B"})
    with pytest.raises(ScoringError) as caught:
        score_run(run)
    assert str(caught.value) == (
        "exam 'ap-mini' score 'total' (exam.yaml scores[0].inputs): scale 'ap-biology' needs "
        "input 'fr'. Fix: map it to a section, e.g. fr: <section-id>."
    )


def test_a_thousand_item_run_scores_in_under_a_second(tmp_path: Path) -> None:
    pack = tmp_path / "big"
    (pack / "items").mkdir(parents=True)
    (pack / "exam.yaml").write_text(
        "id: big\nname: Big\nprovenance: original\ndescription: A long test.\nfewshot: null\n"
        "scores: [{id: total, name: Big, scale: lsat, inputs: {total: mc}}]\n"
        "sections:\n  - {id: mc, name: MC, format: multiple_choice, items: items/mc.yaml, "
        "instructions: Choose.}\n"
    )
    items = "".join(
        f"  - {{id: q{i}, type: multiple_choice, stem: Question {i}?, "
        f"choices: {{A: yes, B: no}}, answer: A, explanation: Because {i}.}}\n"
        for i in range(1000)
    )
    (pack / "items" / "mc.yaml").write_text("items:\n" + items)
    answers = {f"q{i}": "A" if i % 4 else "B" for i in range(1000)}
    run = write_run(tmp_path / "run", pack, answers)
    loaded = load_pack(pack)  # parsing the pack's YAML is the packs module's cost
    score_run(run, pack=loaded, bootstrap=0)  # warm the scale tables
    start = time.perf_counter()
    result = score_run(run, pack=loaded)
    elapsed = time.perf_counter() - start
    assert result.sections[0].raw == 750
    assert result.scores[0].scaled_interval is not None
    assert elapsed < 1.0, f"score_run took {elapsed:.2f} s"


def test_responses_for_unknown_items_are_ignored_with_a_warning(tmp_path: Path) -> None:
    from examsim.runlog import ResponseRecord, RunDir

    run = write_run(tmp_path / "run", PACKS / "mini", MINI_ANSWERS, MINI_GRADES)
    RunDir(run).append_response(
        ResponseRecord(item="old-item", section="mc", status="answered", answer="A"))
    result = score_run(run, bootstrap=0)
    assert result.scores[0].scaled == 68  # 3.75 + 6.5 of 15, the stray line changes nothing
    assert result.warnings == (
        "1 response(s) for items not in the pack, or samples beyond the run's count, were "
        "ignored: old-item",
    )
