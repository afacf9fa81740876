"""``examsim scales``, ``convert``, ``percentile`` and ``score``: exact output and errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.scoring import user_norms_dir
from tests.conftest import DATA

RUNS = DATA / "runs"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_percentile_text() -> None:
    code, out, _ = _run("percentile", "lsat", "163", "--norms", "gpt4-report")
    assert code == 0
    assert out == (
        "lsat 163: 163 (~87th)\n"
        "Norms: lsat-2016-2019 (LSAT percentiles, 2016-2019 window (reprint))\n"
        "  2016-2019 testing years; All LSAT test takers in the three testing years\n"
        "  percentile = % of takers scoring lower; quality: reprint\n"
        "Source: https://magoosh.com/lsat/2016/what-are-the-lsat-score-percentiles/\n"
        "Note: The GPT-4 report names no LSAT table; this 2016-2019 table is the closest "
        "vintage found to its figures and stands in for the 2019-2022 table it likely used.\n"
    )


def test_percentile_json_keys() -> None:
    code, out, _ = _run("percentile", "ap-biology", "5", "--json")
    assert code == 0
    data = json.loads(out)
    assert {k: data[k] for k in ("scale", "score", "norms", "percentile_low",
                                 "percentile_high", "label", "definition")} == {
        "scale": "ap-biology", "score": 5, "norms": "ap-2022", "percentile_low": 85.2,
        "percentile_high": 100, "label": "5 (85th - 100th)", "definition": "band",
    }
    assert data["source"].startswith("GitHub brehartfiel/ap-score-distributions")


def test_convert_text() -> None:
    code, out, _ = _run("convert", "sat-ebrw", "--raw", "reading=29", "--raw", "writing=19")
    assert code == 0
    assert out == (
        "sat-ebrw: reading 29 / 52, writing 19 / 44 -> 500 / 800\n"
        "  reading: 27, writing: 23\n"
        "Form: practice-test-chart (SAT practice test raw score conversion table (test not "
        "identified); reprint)\n"
    )
    code, out, _ = _run("convert", "lsat", "--raw", "76")
    assert out == (
        "lsat: total 76 / 99 -> 159\n"
        "Form: 6lsn68 (LSAT Form 6LSN68 conversion chart (99 scored questions); reprint)\n"
    )


def test_convert_one_input_with_section_and_json() -> None:
    code, out, _ = _run("convert", "sat-ebrw", "--section", "reading", "--raw", "40", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["scaled"], data["parts"], data["form"]) == (32, {"reading": 32},
                                                             "practice-test-chart")


def test_scales_lists_norm_tables_and_defaults() -> None:
    code, out, _ = _run("scales")
    assert code == 0
    lines = out.splitlines()
    for line in (
        "lsat  LSAT  (120-180)",
        "  * lsac-2023-2026  official  2023-2024, 2024-2025 and 2025-2026 testing years",
        "    lsat-2016-2019  reprint  2016-2019 testing years  [gpt4-report]",
        "usnco-local  USNCO Local Section Exam  (0-60)",
        "    no norm table (none public; see its SOURCES.md)",
        "codeforces  Codeforces Rating  (open)",
    ):
        assert line in lines
    assert lines[-1] == "* default norms. Sources and populations: examsim scales --json"
    data = json.loads(_run("scales", "--json")[1])
    assert len(data) == 36
    lsat = next(row for row in data if row["id"] == "lsat")
    assert lsat["default_norms"] == "lsac-2023-2026" and lsat["inputs"] == ["total"]
    assert {n["id"]: n["population"] for n in lsat["norms"]}["lsat-2016-2019"] == (
        "All LSAT test takers in the three testing years"
    )


def test_score_text() -> None:
    code, out, _ = _run("score", str(RUNS / "mini-complete"), "--bootstrap", "0")
    assert code == 0
    assert out == (
        f"Mini Exam (test pack) (mini): run {RUNS / 'mini-complete'}, mock/fixture\n"
        "\n"
        "Section      Raw      Max  Items\n"
        "mc           2.5        6  6/6\n"
        "essay        6.5        9  2/2 (graded by human)\n"
        "\n"
        "Mini Exam: 60 %\n"
        "  scale percent-correct, form percent (secondary); no norm table\n"
    )


def test_score_text_with_intervals_and_norms() -> None:
    code, out, _ = _run("score", str(RUNS / "ap-mini"), "--seed", "3")
    assert code == 0
    lines = out.splitlines()
    assert lines[6:] == [
        "AP Biology: 5 (85th - 100th)",
        "  95% interval: 5 - 5 (percentile 85-100)",
        "  scale ap-biology, form approximate-cuts (approximation); norms ap-2022 (May 2022 "
        "administration; reprint)",
        "  projected: scored on 5 of 5 items; projected to the official form of 66",
        "  note: AP cut points are not published; this AP score uses examsim's approximate "
        "cut points.",
    ]
    assert _run("score", str(RUNS / "ap-mini"), "--seed", "3")[1] == out  # reproducible


def test_score_needs_grading_text() -> None:
    code, out, _ = _run("score", str(RUNS / "mini-ungraded"), "--bootstrap", "0")
    assert code == 0
    assert out.splitlines()[3:] == [
        "mc             6        6  6/6",
        "essay          3        3  1/2 (1 to grade; graded by human)",
        "",
        "Mini Exam: needs grading",
        "  needs grading: essay-2",
        "  scale percent-correct, form percent (secondary); no norm table",
    ]


def test_score_json_has_the_contract_keys() -> None:
    code, out, _ = _run("score", str(RUNS / "gre-mini"), "--json", "--norms", "gpt4-report")
    assert code == 0
    data = json.loads(out)
    assert data["exam"] == "gre-mini" and data["norms"] == "kaplan-2015-2018"
    assert [s["id"] for s in data["sections"]] == ["verbal", "quant", "writing"]
    assert [s["label"] for s in data["scores"]] == [
        "160 / 170 (80th - 88th)", "170 / 170 (~96th)", "4.5 / 6 (~81st)"]
    assert data["label"] == data["scores"][0]["label"]
    assert data["projected"] is True
    assert len(data["scaled_interval"]) == 2 and len(data["percentile_interval"]) == 2


@pytest.mark.parametrize(("args", "code", "message"), [
    (["percentile", "lsatt", "160"], 1, "Error: Unknown scale 'lsatt'. Scales: "),
    (["percentile", "lsat", "190"], 1,
     "Error: 190 is not a score of scale 'lsat' (120 to 180 in steps of 1). Fix: give a score "
     "the scale reports.\n"),
    (["percentile", "lsat", "160", "--norms", "nope"], 1,
     "Error: Scale 'lsat' has no norms 'nope'. Norm tables: lsac-2023-2026, lsat-2014-2017, "
     "lsat-2016-2019; norm sets: gpt4-report. Fix: choose one of them, or build a table with "
     "'examsim norms build'.\n"),
    (["convert", "sat-ebrw", "--raw", "40"], 2,
     "Error: Scale 'sat-ebrw' has inputs reading, writing. Fix: write --raw INPUT=N or add "
     "--section INPUT.\n"),
    (["convert", "lsat", "--raw", "many"], 2,
     "Error: --raw 'many' is not a number. Fix: write N, or INPUT=N for one input.\n"),
    (["score", "no-such-run"], 1, "Error: No run directory at no-such-run.\n"),
])
def test_errors_are_one_line_without_traceback(args: list[str], code: int, message: str) -> None:
    exit_code, out, err = _run(*args)
    assert exit_code == code
    assert out == ""
    assert err.startswith(message)
    assert "Traceback" not in err


def test_a_malformed_user_table_is_reported_with_file_and_line() -> None:
    folder = user_norms_dir() / "lsat"
    folder.mkdir(parents=True)
    (folder / "class.yaml").write_text("id: class\nname: x\nsource: s\nvintage: v\n")
    code, _, err = _run("percentile", "lsat", "160", "--norms", "class")
    assert code == 1
    assert err.startswith("Error: Scale 'lsat' has malformed norm tables:\n")
    assert f"{folder / 'class.yaml'}:1: quality: required field is missing. Fix: Add " \
           "'quality'." in err


@pytest.mark.parametrize("command", ["scales", "convert", "percentile", "score"])
def test_every_command_has_help(command: str) -> None:
    code, out, _ = _run(command, "--help")
    assert code == 0 and "Usage: examsim " + command in out
