"""From the raw and section scores of the GPT-4 report (Tables 9 and 10), the ``gpt4-report``
norm set reproduces the report's scores and labels wherever its tables were found.

Every case states the report's cell and, where examsim differs, examsim's own value worked out
by hand from the sourced table, with the reason; scoring_tables/*/SOURCES.md lists the same.
Raw counts come from Table 10's percentages and question counts (e.g. GRE Quantitative
82.50 % of 40 = 33; without the 35 % contaminated questions, 88.46 % of 26 = 23).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from examsim.resources import bundled_dir
from examsim.scoring import load_scale, percentile
from examsim.scoring.conversion import convert
from examsim.scoring.labels import label
from examsim.scoring.percentiles import percentile_range

NORMS = "gpt4-report"


@dataclass(frozen=True)
class Case:
    name: str
    scale: str
    raw: dict[str, float]
    maxima: dict[str, float]
    report: str
    differs: str = ""
    """examsim's label when it differs from the report (worked out by hand), else empty."""
    why: str = ""


def _label(case: Case) -> str:
    scale = load_scale(case.scale)
    form = scale.form(norm_set=NORMS)
    table, _ = scale.norm_table(NORMS)
    scaled = float(convert(form, scale.range, case.raw, case.maxima).scaled)
    found = percentile_range(table, scaled) if table else None
    points_max = sum(case.maxima.values()) if form.file.method.kind == "points" else None
    return label(scale.file, scaled, found, points_max)


RAW_CASES = [
    Case("GRE Verbal, GPT-4", "gre-verbal", {"total": 39}, {"total": 40}, "169 / 170 (~99th)"),
    Case("GRE Verbal, GPT-4 uncontaminated", "gre-verbal", {"total": 29}, {"total": 30},
         "169 / 170 (~99th)"),
    Case("GRE Quantitative, GPT-4", "gre-quant", {"total": 33}, {"total": 40},
         "163 / 170 (~80th)", "163 / 170 (~82nd)", "Magoosh 2021 table not found (Kaplan)"),
    Case("GRE Quantitative, GPT-4 uncontaminated", "gre-quant", {"total": 23}, {"total": 26},
         "165 / 170 (~85th)", "165 / 170 (82nd - 93rd)", "Kaplan lists 163 and 168 only"),
    Case("GRE Quantitative, no vision", "gre-quant", {"total": 27}, {"total": 40},
         "157 / 170 (~62nd)", "157 / 170 (60th - 73rd)", "Kaplan lists 156 and 160 only"),
    Case("GRE Writing", "gre-writing", {"total": 8}, {"total": 12}, "4 / 6 (~54th)",
         "4 / 6 (~57th)", "Magoosh 2021 table not found (Kaplan)"),
    Case("LSAT, GPT-4", "lsat", {"total": 76}, {"total": 100}, "163 (~88th)",
         "159 (~77th)", "the report's LSAT chart is unknown; form 6LSN68 gives 159"),
    Case("SAT EBRW, GPT-4", "sat-ebrw", {"reading": 47, "writing": 37},
         {"reading": 52, "writing": 44}, "710 / 800 (~93rd)", "700 / 800",
         "the report's chart and the 2022 section percentiles were not found"),
    Case("SAT Math, GPT-4", "sat-math", {"math": 51}, {"math": 58}, "710 / 800 (~91st)",
         "750 / 800", "the report's chart and the 2022 section percentiles were not found"),
    Case("UBE, GPT-4 components (Katz et al.)", "ube",
         {"mbe": 157, "mee": 4.1875, "mpt": 4.2083}, {"mbe": 200, "mee": 6, "mpt": 6},
         "298 / 400 (~90th)", "297 / 400 (73rd - 90th)",
         "Katz et al.'s components add to 297; the report's Illinois chart was not found"),
    Case("UBE, ChatGPT components (Katz et al.)", "ube",
         {"mbe": 116, "mee": 2.9583, "mpt": 2.75}, {"mbe": 200, "mee": 6, "mpt": 6},
         "213 / 400 (~10th)", "212 / 400 (below 26th)",
         "their MEE 60 is not 2.9583 / 6 x 120 = 59.2; JD Advising stops at 250"),
    Case("USABO Semifinal 2020", "usabo-semifinal", {"total": 87.255}, {"total": 150},
         "87 / 150 (99th - 100th)", "87 / 150", "the 2020 histogram was not found"),
    Case("USNCO Local 2022", "usnco-local", {"total": 36}, {"total": 60}, "36 / 60"),
    Case("USNCO Local 2022 uncontaminated", "usnco-local", {"total": 34}, {"total": 57},
         "36 / 60"),
    Case("MKSAP", "mksap", {"total": 807}, {"total": 1080}, "75 %"),
    Case("MKSAP uncontaminated", "mksap", {"total": 661}, {"total": 880}, "75 %"),
    Case("Introductory Sommelier", "sommelier-introductory", {"total": 273}, {"total": 296},
         "92 %"),
    Case("Introductory Sommelier uncontaminated", "sommelier-introductory", {"total": 258},
         {"total": 280}, "92 %"),
    Case("Certified Sommelier", "sommelier-certified", {"total": 257}, {"total": 298}, "86 %"),
    Case("Certified Sommelier uncontaminated", "sommelier-certified", {"total": 235},
         {"total": 272}, "86 %"),
    Case("Advanced Sommelier", "sommelier-advanced", {"total": 297}, {"total": 385}, "77 %"),
    Case("Advanced Sommelier uncontaminated", "sommelier-advanced", {"total": 285},
         {"total": 369}, "77 %"),
    Case("Leetcode easy", "leetcode-easy", {"total": 31}, {"total": 41}, "31 / 41"),
    Case("Leetcode medium", "leetcode-medium", {"total": 21}, {"total": 80}, "21 / 80"),
    Case("Leetcode hard", "leetcode-hard", {"total": 3}, {"total": 45}, "3 / 45"),
    Case("AMC 10, GPT-4", "amc-10", {"total": 30}, {"total": 150}, "30 / 150 (6th - 12th)",
         "30 / 150", "the November 2021 distributions were not found"),
    Case("AMC 10, GPT-4 uncontaminated", "amc-10", {"total": 30}, {"total": 144},
         "31 / 150 (7th - 12th)", "31 / 150", "the November 2021 distributions were not found"),
    Case("AMC 12, GPT-4", "amc-12", {"total": 60}, {"total": 150}, "60 / 150 (45th - 66th)",
         "60 / 150", "the November 2021 distributions were not found"),
    Case("AMC 12, GPT-4 uncontaminated", "amc-12", {"total": 60}, {"total": 144},
         "62 / 150 (52nd - 68th)", "62 / 150", "the November 2021 distributions were not found"),
    Case("Codeforces", "codeforces", {"rating": 392}, {"rating": 1}, "392 (below 5th)",
         "392 (below 50th)", "the 2023 rating distribution was not found"),
]


@pytest.mark.parametrize("case", RAW_CASES, ids=lambda c: c.name)
def test_from_raw_scores(case: Case) -> None:
    ours = _label(case)
    if case.differs:
        assert ours == case.differs, case.why
        assert ours != case.report
    else:
        assert ours == case.report


def _score_part(text: str) -> str:
    return text.split(" (")[0]


@pytest.mark.parametrize("case", [c for c in RAW_CASES if c.differs], ids=lambda c: c.name)
def test_which_scaled_scores_are_reproduced(case: Case) -> None:
    """Where only the percentile source is missing, the score itself still matches."""
    same_score = _score_part(_label(case)) == _score_part(case.report)
    not_reproduced = {"LSAT, GPT-4", "SAT EBRW, GPT-4", "SAT Math, GPT-4",
                      "UBE, GPT-4 components (Katz et al.)",
                      "UBE, ChatGPT components (Katz et al.)"}
    assert same_score == (case.name not in not_reproduced)


# Labels of scaled scores the report prints: (scale, score, report's label, examsim's if it differs)
LABEL_CASES = [
    ("gre-verbal", 165, "165 / 170 (~96th)", ""),
    ("gre-verbal", 166, "166 / 170 (~97th)", "166 / 170 (96th - 99th)"),
    ("gre-verbal", 154, "154 / 170 (~63rd)", "154 / 170 (~64th)"),
    ("lsat", 163, "163 (~88th)", "163 (~87th)"),
    ("lsat", 161, "161 (~83rd)", "161 (~82nd)"),
    ("lsat", 149, "149 (~40th)", ""),
    ("lsat", 167, "167 (~95th)", "167 (~94th)"),
    ("lsat", 169, "169 (~97th)", ""),
    ("ap-art-history", 5, "5 (86th - 100th)", ""),
    ("ap-biology", 5, "5 (85th - 100th)", ""),
    ("ap-biology", 4, "4 (62nd - 85th)", ""),
    ("ap-calculus-bc", 4, "4 (43rd - 59th)", "4 (44th - 59th)"),
    ("ap-calculus-bc", 1, "1 (0th - 7th)", ""),
    ("ap-chemistry", 4, "4 (71st - 88th)", "4 (72nd - 89th)"),
    ("ap-chemistry", 2, "2 (22nd - 46th)", "2 (23rd - 47th)"),
    ("ap-english-language", 2, "2 (14th - 44th)", "2 (15th - 45th)"),
    ("ap-english-literature", 2, "2 (8th - 22nd)", ""),
    ("ap-environmental-science", 5, "5 (91st - 100th)", ""),
    ("ap-macroeconomics", 5, "5 (84th - 100th)", "5 (85th - 100th)"),
    ("ap-macroeconomics", 2, "2 (33rd - 48th)", "2 (34th - 49th)"),
    ("ap-microeconomics", 5, "5 (82nd - 100th)", "5 (84th - 100th)"),
    ("ap-microeconomics", 4, "4 (60th - 82nd)", "4 (62nd - 84th)"),
    ("ap-physics-2", 4, "4 (66th - 84th)", "4 (67th - 85th)"),
    ("ap-physics-2", 3, "3 (30th - 66th)", "3 (31st - 67th)"),
    ("ap-psychology", 5, "5 (83rd - 100th)", ""),
    ("ap-statistics", 5, "5 (85th - 100th)", "5 (86th - 100th)"),
    ("ap-statistics", 3, "3 (40th - 63rd)", "3 (40th - 64th)"),
    ("ap-us-government", 5, "5 (88th - 100th)", ""),
    ("ap-us-government", 4, "4 (77th - 88th)", ""),
    ("ap-us-history", 5, "5 (89th - 100th)", ""),
    ("ap-us-history", 4, "4 (74th - 89th)", ""),
    ("ap-world-history", 4, "4 (65th - 87th)", ""),
    ("ap-world-history", 5, "5 (87th - 100th)", ""),
]


@pytest.mark.parametrize(("scale", "score", "report", "differs"), LABEL_CASES)
def test_labels_of_reported_scores(scale: str, score: float, report: str, differs: str) -> None:
    ours = percentile(scale, score, NORMS).label
    assert ours == (differs or report)
    if differs:
        assert ours != report


def test_the_readme_summary_counts() -> None:
    """scoring_tables/README.md says how many AP labels match; keep it true."""
    ap = [c for c in LABEL_CASES if c[0].startswith("ap-")]
    counts = (len([c for c in ap if not c[3]]), len(ap))
    assert counts == (13, 25)
    readme = (bundled_dir("scoring_tables") / "README.md").read_text(encoding="utf-8")
    assert f"| {counts[0]} of {counts[1]} report labels reproduced |" in readme
