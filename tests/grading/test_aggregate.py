"""Aggregation maths: final grades by trusted kind, means, medians, spread, Krippendorff's alpha."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examsim.grading.aggregate import agreement, final_grades, krippendorff_alpha
from examsim.runlog import GradeRecord, GraderKind


def grade(
    grader: str,
    kind: GraderKind,
    score: float,
    item: str = "essay-1",
    sample: int = 0,
    criteria: dict[str, float] | None = None,
    status: str = "ok",
) -> GradeRecord:
    return GradeRecord(item=item, sample=sample, grader=grader, grader_kind=kind,
                       score=score if status == "ok" else None, max=6.0,
                       criteria=criteria or {}, status=status)  # type: ignore[arg-type]


def test_two_human_graders_are_averaged_as_the_report_did() -> None:
    final = final_grades([grade("human:a", "human", 4), grade("human:b", "human", 5)])
    result = final[("essay-1", 0)]
    assert result.score == 4.5
    assert result.median == 4.5
    assert result.kind == "human"
    assert result.graders == ("human:a", "human:b")
    assert result.spread == 1.0


def test_the_most_trusted_kind_wins_and_other_kinds_are_not_mixed_in() -> None:
    grades = [
        grade("mock/reference-match", "baseline", 1),
        grade("openai/gpt-4o", "model", 3),
        grade("import:sheet", "import", 5),
    ]
    assert final_grades(grades)[("essay-1", 0)].kind == "import"
    assert final_grades(grades)[("essay-1", 0)].score == 5
    assert final_grades(grades[:2])[("essay-1", 0)].score == 3
    assert final_grades([*grades, grade("human:a", "human", 2)])[("essay-1", 0)].score == 2
    # A caller may ask for one kind only.
    only_model = final_grades(grades, kinds=("model",))
    assert only_model[("essay-1", 0)].graders == ("openai/gpt-4o",)


def test_a_graders_latest_grade_counts_and_failures_are_ignored() -> None:
    grades = [
        grade("openai/gpt-4o", "model", 2),
        grade("openai/gpt-4o", "model", 4),  # re-graded: the later line wins
        grade("openai/gpt-4o#2", "model", 0, status="failed"),
    ]
    result = final_grades(grades)[("essay-1", 0)]
    assert result.scores == (4.0,)
    assert result.graders == ("openai/gpt-4o",)


def test_mean_and_median_of_three_samples_and_criteria_means() -> None:
    grades = [
        grade("m", "model", 1, criteria={"a": 1, "b": 0}),
        grade("m#2", "model", 2, criteria={"a": 1, "b": 1}),
        grade("m#3", "model", 6, criteria={"a": 2, "b": 4}),
    ]
    result = final_grades(grades)[("essay-1", 0)]
    assert result.score == 3.0
    assert result.median == 2.0
    assert result.spread == 5.0
    assert result.criteria == {"a": pytest.approx(4 / 3), "b": pytest.approx(5 / 3)}


def test_responses_are_kept_apart_by_item_and_sample() -> None:
    grades = [grade("h", "human", 1, sample=0), grade("h", "human", 3, sample=1),
              grade("h", "human", 5, item="essay-2")]
    final = final_grades(grades)
    assert {k: v.score for k, v in final.items()} == {
        ("essay-1", 0): 1, ("essay-1", 1): 3, ("essay-2", 0): 5,
    }


def test_krippendorff_alpha_matches_the_published_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers,
    # 12 units, missing values; the interval alpha given there is 0.849.
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    c = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    units = [[v for v in unit if v is not None] for unit in zip(a, b, c, d, strict=True)]
    alpha = krippendorff_alpha(units)
    assert alpha is not None
    assert round(alpha, 3) == 0.849


def test_krippendorff_alpha_small_case_by_hand() -> None:
    # Units (1, 2) and (3, 3): n = 4 values, mean 2.25.
    # Observed: unit 1 has pairs (1,2),(2,1) -> 2 / (2-1) = 2; unit 2 -> 0; D_o = 2 / 4.
    # Expected: sum over ordered pairs of squared differences = 2 * 4 * sum((v-2.25)^2)
    #   = 8 * (1.5625 + 0.0625 + 0.5625 + 0.5625) = 22; D_e = 22 / (4 * 3) = 11 / 6.
    # alpha = 1 - 0.5 / (11/6) = 1 - 3/11 = 8/11.
    assert krippendorff_alpha([[1, 2], [3, 3]]) == pytest.approx(8 / 11)


def test_krippendorff_alpha_edge_cases() -> None:
    assert krippendorff_alpha([[4, 4], [2, 2], [5, 5]]) == pytest.approx(1.0)
    assert krippendorff_alpha([[3, 3], [3, 3]]) is None  # no variation: undefined
    assert krippendorff_alpha([[3], [4]]) is None  # no unit with two grades
    assert krippendorff_alpha([]) is None
    # Systematic disagreement is worse than chance.
    alpha = krippendorff_alpha([[1, 6], [6, 1]])
    assert alpha is not None and alpha < 0


@given(st.lists(st.lists(st.integers(min_value=0, max_value=6), min_size=2, max_size=4),
                min_size=2, max_size=12))
def test_alpha_is_at_most_one_and_unchanged_by_shifting_scores(units: list[list[int]]) -> None:
    alpha = krippendorff_alpha(units)
    shifted = krippendorff_alpha([[v + 10 for v in unit] for unit in units])
    if alpha is None:
        assert shifted is None
    else:
        assert alpha <= 1.0 + 1e-9
        assert shifted == pytest.approx(alpha)


def test_agreement_over_a_runs_grades() -> None:
    grades = [
        grade("human:a", "human", 4, item="e1"), grade("human:b", "human", 5, item="e1"),
        grade("human:a", "human", 2, item="e2"), grade("human:b", "human", 2, item="e2"),
        grade("human:a", "human", 6, item="e3"),  # one grade only: not counted
        grade("mock/reference-match", "baseline", 1, item="e1"),
    ]
    result = agreement(grades, "human")
    assert result.responses == 2
    assert result.mean_spread == 0.5
    assert result.max_spread == 1.0
    assert result.alpha == pytest.approx(krippendorff_alpha([[4, 5], [2, 2]]))
    assert agreement(grades, "model").responses == 0
