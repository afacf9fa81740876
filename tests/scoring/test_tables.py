"""The bundled scoring tables: every file validates, numbers match their sources, and a
malformed table is reported with its file, line, field and a fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from examsim.errors import NotFoundError, TableError
from examsim.packs.load import inspect_pack
from examsim.resources import bundled_dir
from examsim.scoring import list_scale_ids, load_scale, percentile, user_norms_dir
from examsim.scoring.conversion import convert
from examsim.scoring.percentiles import percentile_range

AP_SUBJECTS = [
    "art-history", "biology", "calculus-bc", "chemistry", "english-language",
    "english-literature", "environmental-science", "macroeconomics", "microeconomics",
    "physics-2", "psychology", "statistics", "us-government", "us-history", "world-history",
]
# The contract of docs/architecture.md: scale id -> its named inputs.
CONTRACT = {
    "ube": ["mbe", "mee", "mpt"],
    "lsat": ["total"],
    "sat-ebrw": ["reading", "writing"],
    "sat-math": ["math"],
    "gre-verbal": ["total"],
    "gre-quant": ["total"],
    "gre-writing": ["total"],
    **{f"ap-{s}": ["mc", "fr"] for s in AP_SUBJECTS},
    "amc-10": ["total"],
    "amc-12": ["total"],
    "usabo-semifinal": ["total"],
    "usnco-local": ["total"],
    "mksap": ["total"],
    "sommelier-introductory": ["total"],
    "sommelier-certified": ["total"],
    "sommelier-advanced": ["total"],
    "percent-correct": ["total"],
    "raw-points": ["total"],
    "leetcode-easy": ["total"],
    "leetcode-medium": ["total"],
    "leetcode-hard": ["total"],
    "codeforces": ["rating"],
}


@pytest.mark.parametrize("scale_id", list_scale_ids())
def test_every_bundled_scale_loads_with_sources(scale_id: str) -> None:
    scale = load_scale(scale_id)
    assert (scale.root / "SOURCES.md").is_file()
    assert scale.file.default_form in scale.forms
    for table in [*scale.forms.values(), *scale.norms.values()]:
        assert table.file.source.strip() and table.file.vintage.strip()
    if scale.file.default_norms:
        assert scale.file.default_norms in scale.norms


def test_the_contract_scales_exist_with_their_inputs() -> None:
    assert set(CONTRACT) <= set(list_scale_ids())
    for scale_id, inputs in CONTRACT.items():
        assert load_scale(scale_id).input_ids == inputs, scale_id


def test_bundled_packs_name_scales_and_inputs_that_exist() -> None:
    exams = bundled_dir("exams")
    for exam_file in sorted(exams.glob("*/exam.yaml")):
        pack, _ = inspect_pack(exam_file.parent)
        if pack is None:
            continue  # the pack's own tests report its problems
        for score in pack.exam.scores:
            scale = load_scale(score.scale)
            assert set(score.inputs) == set(scale.input_ids), (pack.id, score.id)


def test_copied_numbers_match_the_research_notes() -> None:
    """Spot checks typed from ../shared/research/score_tables.md, not from the YAML."""
    lsat = load_scale("lsat")
    chart = lsat.forms["6lsn68"].charts["total"]
    assert (chart[0], chart[13], chart[14], chart[81], chart[82], chart[98], chart[99]) == (
        120, 120, 121, 163, 163, 180, 180
    )
    assert 177 not in chart and 174 not in chart
    assert percentile_range(lsat.norms["lsac-2023-2026"], 163).low == 80.05
    assert percentile_range(lsat.norms["lsat-2016-2019"], 163).low == 87.1
    assert percentile_range(lsat.norms["lsat-2014-2017"], 132).low == 3.9
    sat = load_scale("sat-ebrw").forms["practice-test-chart"].charts
    assert (sat["reading"][29], sat["writing"][19], sat["reading"][52], sat["writing"][44]) == (
        27, 23, 40, 40
    )
    assert load_scale("sat-math").forms["practice-test-chart"].charts["math"][44] == 710
    quant = load_scale("gre-quant")
    assert percentile_range(quant.norms["ets-2020-2023"], 163).low == 63
    assert percentile_range(quant.norms["ets-2015-2016"], 163).low == 86
    verbal = load_scale("gre-verbal").norms["kaplan-2015-2018"]
    assert percentile_range(verbal, 169).low == percentile_range(verbal, 170).low == 99
    writing = load_scale("gre-writing").norms
    assert [percentile_range(writing[n], 4.0).low for n in sorted(writing)] == [56, 59, 57]
    biology = dict(load_scale("ap-biology").norms["ap-2022"].points)
    assert biology == {1: 10.5, 2: 21.7, 3: 29.9, 4: 23.1, 5: 14.8}


# --- malformed tables ---------------------------------------------------------------------

SCALE = """id: demo
name: Demo
description: A test scale.
range: {min: 0, max: 10, step: 1}
inputs:
  - {id: total, description: Everything.}
default_form: chart
default_norms: group
"""
FORM = """id: chart
name: Demo chart
source: test
vintage: "2024"
quality: official
method:
  kind: table
  tables:
    total:
      max_raw: 4
      scores:
        0: 0
        1: 2
        2: 5
        3: 8
        4: 10
"""
NORMS = """id: group
name: Demo group
source: test
vintage: "2024"
quality: official
population: everyone
definition: below
kind: percentiles
percentiles:
  0: 0
  5: 40
  10: 99
"""


def _scale(tmp_path: Path, scale: str = SCALE, form: str = FORM, norms: str = NORMS) -> Path:
    root = tmp_path / "tables"
    (root / "demo" / "forms").mkdir(parents=True)
    (root / "demo" / "norms").mkdir()
    (root / "demo" / "scale.yaml").write_text(scale)
    (root / "demo" / "forms" / "chart.yaml").write_text(form)
    (root / "demo" / "norms" / "group.yaml").write_text(norms)
    return root


def _problems(tmp_path: Path, **files: str) -> str:
    root = _scale(tmp_path, **files)
    with pytest.raises(TableError) as caught:
        load_scale("demo", root=root, user_dir=tmp_path / "user")
    return str(caught.value)


def test_the_demo_scale_is_valid(tmp_path: Path) -> None:
    scale = load_scale("demo", root=_scale(tmp_path), user_dir=tmp_path / "user")
    assert float(convert(scale.form(), scale.range, {"total": 3}, {"total": 4}).scaled) == 8


def test_misspelt_field_names_file_line_and_suggestion(tmp_path: Path) -> None:
    message = _problems(tmp_path, scale=SCALE.replace("range:", "rnage:"))
    assert "demo/scale.yaml:4: rnage: unknown field." in message
    assert "Did you mean 'range'?" in message
    assert "demo/scale.yaml:1: range: required field is missing." in message


def test_chart_with_gaps_is_reported(tmp_path: Path) -> None:
    message = _problems(tmp_path, form=FORM.replace("        2: 5\n        3: 8\n", ""))
    assert "forms/chart.yaml:11: method.tables.total.scores: raw scores 2-3 have no " \
           "converted score." in message


def test_chart_going_down_is_reported_at_its_line(tmp_path: Path) -> None:
    message = _problems(tmp_path, form=FORM.replace("3: 8", "3: 4"))
    assert "forms/chart.yaml:15: method.tables.total.scores: raw 3 converts to 4, below raw 2" \
           in message


def test_chart_outside_the_scale_is_reported(tmp_path: Path) -> None:
    message = _problems(tmp_path, form=FORM.replace("4: 10", "4: 12"))
    assert "the chart gives 12, outside the scale's range." in message


def test_percentile_above_100_names_the_key_line(tmp_path: Path) -> None:
    message = _problems(tmp_path, norms=NORMS.replace("10: 99", "10: 101"))
    assert "norms/group.yaml:12: percentiles: percentile 101 for score 10 is outside 0-100." \
           in message


def test_norm_score_off_the_scale(tmp_path: Path) -> None:
    message = _problems(tmp_path, norms=NORMS + "  12: 100\n")
    assert "group.yaml:13: percentiles: 12 is not a score of scale 'demo' " \
           "(0 to 10 in steps of 1)." in message


def test_falling_percentiles_are_reported(tmp_path: Path) -> None:
    message = _problems(tmp_path, norms=NORMS.replace("5: 40", "5: 100"))
    assert "score 10 has percentile 99, below score 5 (100)." in message


def test_distribution_needs_band_definition(tmp_path: Path) -> None:
    bad = NORMS.replace("kind: percentiles", "kind: distribution").replace(
        "percentiles:", "distribution:")
    message = _problems(tmp_path, norms=bad)
    assert "group.yaml:7: definition: a distribution gives a band per score" in message


def test_composite_weights_and_cuts_are_checked(tmp_path: Path) -> None:
    form = FORM.split("method:")[0] + (
        "method:\n  kind: composite\n  weights: {total: 0.8}\n  cuts: {8: 0.7, 5: 0.8}\n"
    )
    message = _problems(tmp_path, form=form)
    assert "method.weights: weights add up to 0.8" in message
    assert "method.cuts: score 8 needs 0.7, not more than score 5 (0.8)." in message


def test_unknown_method_kind(tmp_path: Path) -> None:
    message = _problems(tmp_path, form=FORM.replace("kind: table", "kind: lookup"))
    assert "forms/chart.yaml:7: method.kind: unknown kind 'lookup'." in message


def test_file_name_must_match_id(tmp_path: Path) -> None:
    message = _problems(tmp_path, norms=NORMS.replace("id: group", "id: other"))
    assert "group.yaml:1: id: 'other' differs from the file name 'group'." in message


def test_missing_default_form(tmp_path: Path) -> None:
    message = _problems(tmp_path, scale=SCALE.replace("default_form: chart", "default_form: x"))
    assert "scale.yaml:7: default_form: no form 'x'" in message


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    message = _problems(tmp_path, norms=NORMS.replace("  5: 40", "  5: [40"))
    assert "group.yaml:" in message and "YAML syntax error" in message


def test_unknown_scale_lists_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match="Unknown scale 'lsatt'. Scales: .*lsat,"):
        load_scale("lsatt")


# --- user norm tables ---------------------------------------------------------------------

CLASS_NORMS = """id: class-2024
name: Year 12 mock, 2024
source: Our own class list
vintage: "2024"
quality: official
population: 28 students of one class
definition: at_or_below
kind: percentiles
sets: [class]
percentiles: {150: 20, 160: 60, 170: 95}
"""


def test_user_norm_tables_are_found_and_used() -> None:
    folder = user_norms_dir() / "lsat"
    folder.mkdir(parents=True)
    (folder / "class-2024.yaml").write_text(CLASS_NORMS)
    assert load_scale("lsat").norms["class-2024"].origin == "user"
    result = percentile("lsat", 160, "class-2024")
    assert result.label == "160 (~60th)"
    assert result.norms.definition == "at_or_below"
    assert percentile("lsat", 165, "class").label == "165 (60th - 95th)"


def test_a_user_table_may_not_reuse_a_bundled_id() -> None:
    folder = user_norms_dir() / "lsat"
    folder.mkdir(parents=True)
    (folder / "lsat-2016-2019.yaml").write_text(
        CLASS_NORMS.replace("class-2024", "lsat-2016-2019"))
    with pytest.raises(TableError, match="norm table 'lsat-2016-2019' already exists"):
        load_scale("lsat")


def test_a_malformed_user_table_names_its_file() -> None:
    folder = user_norms_dir() / "lsat"
    folder.mkdir(parents=True)
    (folder / "class-2024.yaml").write_text(CLASS_NORMS.replace("170: 95", "190: 95"))
    with pytest.raises(TableError) as caught:
        percentile("lsat", 160, "class-2024")
    assert f"{folder / 'class-2024.yaml'}:10: percentiles: 190 is not a score of scale " \
           "'lsat'" in str(caught.value)


def test_the_readme_example_form_is_valid_and_scales_written_scores(tmp_path: Path) -> None:
    """scoring_tables/README.md shows a 'reference' form; it must load and compute NCBE's way."""
    readme = (bundled_dir("scoring_tables") / "README.md").read_text()
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    root = tmp_path / "tables"
    shutil.copytree(bundled_dir("scoring_tables") / "ube", root / "ube")
    (root / "ube" / "forms" / "illinois-july-2022.yaml").write_text(example)
    scale = load_scale("ube", root=root, user_dir=tmp_path / "user")
    form = scale.forms["illinois-july-2022"]
    # MBE 0.75 -> 150; written 0.6 x 0.65 + 0.4 x 0.4 = 0.55, the mean -> 140.3 (z = 0).
    result = convert(form, scale.range, {"mbe": 0.75, "mee": 0.65, "mpt": 0.4},
                     {"mbe": 1, "mee": 1, "mpt": 1})
    assert float(result.parts["written"]) == pytest.approx(140.3)
    assert float(result.scaled) == 290
    # One standard deviation above the written mean adds the MBE's SD (15).
    higher = convert(form, scale.range, {"mbe": 0.75, "mee": 0.65 + 0.1 / 0.6, "mpt": 0.4},
                     {"mbe": 1, "mee": 1, "mpt": 1})
    assert float(higher.parts["written"]) == pytest.approx(155.3)
