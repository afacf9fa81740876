"""Auto-grading of keyed items: a person's typed answer and a model's wording, matched fairly."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examsim.grading.auto import (
    is_correct,
    keyed_points,
    normalise_text,
    numeric_correct,
    parse_number,
    short_answer_similarity,
)
from examsim.packs import load_pack
from examsim.packs.schema import (
    MultipleChoiceItem,
    NumericItem,
    ScoringRule,
    ShortAnswerItem,
)


@pytest.fixture
def half_of_seven(mini_pack: Path) -> NumericItem:
    _, item = load_pack(mini_pack).item("num-1")  # answer 3.5, tolerance 0.01
    assert isinstance(item, NumericItem)
    return item


@pytest.fixture
def largest_planet(mini_pack: Path) -> ShortAnswerItem:
    _, item = load_pack(mini_pack).item("sa-1")  # accepted: Jupiter, threshold 90
    assert isinstance(item, ShortAnswerItem)
    return item


def numeric(answer: float, **kwargs: float) -> NumericItem:
    return NumericItem(id="n", type="numeric", stem="?", answer=answer, explanation="!",
                       **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("3.50", 3.5),
        ("7/2", 3.5),
        ("x = 3.5 cm", 3.5),
        ("x = 7/2", 3.5),
        ("  7 / 2 ", 3.5),
        ("-7/2", -3.5),
        ("\u22123.5", -3.5),  # a typographic minus sign
        ("3,5", 3.5),  # decimal comma
        ("1,250", 1250.0),  # thousands comma
        ("1,250,000", 1_250_000.0),
        ("1 250", 1250.0),
        ("$3.50", 3.5),
        (".5", 0.5),
        ("The answer is 3.5.", 3.5),
        ("3.5 m^2", 3.5),
        ("3.5 cm\u00b2", 3.5),
        ("9.8 m s^-2", 9.8),
        ("1.2 x 10^3", 1200.0),
        ("1.2 \u00d7 10\u207b\u00b3", 0.0012),
        ("6.02 \\times 10^{23}", 6.02e23),
        ("1.2e3", 1200.0),
        ("50%", 50.0),
        (3.5, 3.5),
        (7, 7.0),
    ],
)
def test_parse_number_reads_how_people_and_models_write_numbers(
    typed: str | float, value: float
) -> None:
    assert parse_number(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed", ["three and a half", "", "7/0", "1e400", None, ["3.5"], True])
def test_parse_number_gives_none_for_no_number(typed: object) -> None:
    assert parse_number(typed) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("typed", ["3.50", "7/2", "x = 3.5 cm", "3.509", "3,5", "3.491"])
def test_numeric_answers_within_tolerance_are_correct(
    half_of_seven: NumericItem, typed: str
) -> None:
    assert numeric_correct(half_of_seven, typed)
    assert keyed_points(half_of_seven, ScoringRule(), typed) == 1.0


@pytest.mark.parametrize("typed", ["3.52", "35", "7", "3", "0.35", "half of seven", ""])
def test_numeric_answers_outside_tolerance_are_wrong(
    half_of_seven: NumericItem, typed: str
) -> None:
    assert not numeric_correct(half_of_seven, typed)


def test_relative_tolerance_scales_with_the_answer() -> None:
    item = numeric(2000.0, relative_tolerance=0.01)  # within 20
    assert numeric_correct(item, "2,019")
    assert numeric_correct(item, "1980")
    assert not numeric_correct(item, "2021")
    # The larger of the two tolerances applies.
    both = numeric(2000.0, relative_tolerance=0.01, tolerance=50.0)
    assert numeric_correct(both, "2049")


def test_exact_numeric_answer_with_zero_tolerance() -> None:
    item = numeric(0.1 + 0.2)  # floating point noise must not fail "0.3"
    assert numeric_correct(item, "0.3")
    assert not numeric_correct(item, "0.31")


@pytest.mark.parametrize(
    "typed", ["Jupiter", "jupiter!", "  JUPITER ", "Jupiter.", "jupiterr", "Jupíter"]
)
def test_short_answers_matching_above_the_threshold(
    largest_planet: ShortAnswerItem, typed: str
) -> None:
    assert short_answer_similarity(largest_planet, typed) >= largest_planet.match_threshold
    assert is_correct(largest_planet, typed)


@pytest.mark.parametrize("typed", ["Jupitor", "Juptier", "Saturn", "Jupiter and Saturn", "J"])
def test_near_misspellings_below_the_default_threshold_are_wrong(
    largest_planet: ShortAnswerItem, typed: str
) -> None:
    # "jupitor" shares 6 of 7 letters in order: ratio 2*6/14 = 85.7, below 90.
    assert not is_correct(largest_planet, typed)


def test_a_lower_threshold_accepts_near_misspellings(largest_planet: ShortAnswerItem) -> None:
    lenient = largest_planet.model_copy(update={"match_threshold": 85.0})
    assert short_answer_similarity(lenient, "Jupitor") == pytest.approx(200 * 6 / 14)
    assert is_correct(lenient, "Jupitor")
    assert not is_correct(lenient, "Saturn")
    exact = largest_planet.model_copy(update={"match_threshold": 100.0})
    assert is_correct(exact, "JUPITER!")  # case and punctuation never count
    assert not is_correct(exact, "jupiterr")


def test_case_sensitive_answers() -> None:
    item = ShortAnswerItem(id="s", type="short_answer", stem="?", accepted=["NaCl"],
                           case_sensitive=True, explanation="!")
    assert is_correct(item, "NaCl")
    assert not is_correct(item, "NACL")
    assert short_answer_similarity(item, "nacl") == pytest.approx(50.0)


def test_any_accepted_answer_counts() -> None:
    item = ShortAnswerItem(id="s", type="short_answer", stem="?",
                           accepted=["photosynthesis", "carbon fixation"], explanation="!")
    assert is_correct(item, "Carbon-fixation")
    assert is_correct(item, "photosynthesis")
    assert not is_correct(item, "respiration")


def test_blank_answers_follow_the_sections_rule(largest_planet: ShortAnswerItem) -> None:
    amc = ScoringRule(blank=1.5, wrong=0.0, correct=6.0)
    assert keyed_points(largest_planet, amc, "") == 1.5
    assert keyed_points(largest_planet, amc, None) == 1.5
    assert keyed_points(largest_planet, amc, "Saturn") == 0.0
    assert keyed_points(largest_planet, amc, "jupiter") == 6.0
    penalty = ScoringRule(wrong=-0.25)
    assert keyed_points(largest_planet, penalty, "Saturn") == -0.25


def test_multiple_choice_partial_and_all_or_nothing() -> None:
    item = MultipleChoiceItem(id="m", type="multiple_choice", stem="?",
                              choices={"A": "2", "B": "4", "C": "5", "D": "9"},
                              answer=["A", "C"], explanation="!")
    strict = ScoringRule()
    partial = ScoringRule(multiple_answer="partial")
    assert keyed_points(item, strict, ["c", "a"]) == 1.0
    assert keyed_points(item, strict, ["A"]) == 0.0
    assert keyed_points(item, partial, ["A"]) == 0.5
    assert keyed_points(item, partial, ["A", "B"]) == 0.0  # one right, one wrong
    assert keyed_points(item, partial, ["A", "C", "D"]) == 0.5


@given(st.text(max_size=40))
def test_trailing_punctuation_never_changes_an_answer(text: str) -> None:
    assert normalise_text(text + " !?.") == normalise_text(text)


@given(st.text(alphabet=string.ascii_letters + string.digits + " ,.;:!?-'", max_size=40))
def test_letter_case_never_changes_an_answer(text: str) -> None:
    assert normalise_text(text.upper()) == normalise_text(text.lower())


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_a_number_written_plainly_reads_back(value: float) -> None:
    parsed = parse_number(repr(value))
    assert parsed == pytest.approx(value)
