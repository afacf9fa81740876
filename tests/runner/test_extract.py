"""The answer parser on a corpus of messy model outputs."""

from __future__ import annotations

import pytest

from examsim.runner.extract import extract_choice, extract_number, extract_text

LETTERS = ["A", "B", "C", "D"]

SINGLE = [
    ("ANSWER: **B**", "B"),
    ("$\\boxed{C}$", "C"),
    ("The answer is therefore (D)", "D"),
    ("The answer is therefore [B]", "B"),
    ("Explanation for Problem 3: the mill is east.\nThe answer is therefore [C]", "C"),
    ("**Final Answer:** A", "A"),
    ("### Answer\nThe correct answer is: \\textbf{D}", "D"),
    ("Option B is correct.", "B"),
    ("The answer is A because the river runs east.", "A"),
    ("B", "B"),
    ("(C)", "C"),
    ("Working it out...\n\nD.", "D"),
    ("I would choose option C.", "C"),
    ("answer: `a`".upper(), "A"),
    # Several candidates: the model's last word counts.
    ("At first the answer is A. Wait, that ignores the mill, so the answer is C.", "C"),
    ("ANSWER: B\nOn reflection, the final answer is D", "D"),
    ("\\[ \\boxed{\\text{B}} \\]", "B"),
]

UNPARSED = [
    ("", "empty output"),
    ("   \n ", "empty output"),
    ("I am not sure which one is correct.", "no answer found"),
    ("The answer is either A or C", "no answer found"),
    ("The answer is therefore [A, C]", "several answers given (A, C)"),
    ("The answer is E", "'E' is not an option"),
    ("Since there is no graph provided, we cannot determine the correct answer.",
     "no answer found"),
]


@pytest.mark.parametrize(("text", "expected"), SINGLE)
def test_single_answer_is_read(text: str, expected: str) -> None:
    result = extract_choice(text, LETTERS, multi=False)
    assert (result.status, result.answer) == ("answered", expected)


@pytest.mark.parametrize(("text", "reason"), UNPARSED)
def test_unreadable_answers_are_unparsed_never_guessed(text: str, reason: str) -> None:
    result = extract_choice(text, LETTERS, multi=False)
    assert (result.status, result.answer, result.reason) == ("unparsed", None, reason)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The answer is therefore [A, C]", ["A", "C"]),
        ("The answer is therefore [C, A]", ["A", "C"]),
        ("ANSWER: A and D", ["A", "D"]),
        ("$\\boxed{B, C}$", ["B", "C"]),
        ("The answer is therefore [B]", ["B"]),
        ("**Answer:** (A), (C)", ["A", "C"]),
    ],
)
def test_multi_answer_items_take_every_letter(text: str, expected: list[str]) -> None:
    result = extract_choice(text, LETTERS, multi=True)
    assert (result.status, result.answer) == ("answered", expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The answer is therefore [3.5]", 3.5),
        ("$\\boxed{\\frac{7}{2}}$", 3.5),
        ("ANSWER: -1,250", -1250.0),
        ("So x = 7/2, and the answer is 3.5 cm.", 3.5),
        ("3.5", 3.5),
        ("The answer is therefore [\u22124]", -4.0),
        ("Final answer: .25", 0.25),
    ],
)
def test_numbers(text: str, expected: float) -> None:
    result = extract_number(text)
    assert (result.status, result.answer) == ("answered", expected)


def test_number_without_anchor_in_prose_is_unparsed() -> None:
    assert extract_number("Half of 7 is 3.5, or maybe 4").status == "unparsed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The answer is therefore [Jupiter]", "Jupiter"),
        ("ANSWER: Jupiter.", "Jupiter"),
        ("**Answer:** the Treaty of Paris. It ended the war.", "the Treaty of Paris"),
        ("Jupiter", "Jupiter"),
    ],
)
def test_short_answers(text: str, expected: str) -> None:
    result = extract_text(text)
    assert (result.status, result.answer) == ("answered", expected)


def test_long_prose_without_anchor_is_unparsed() -> None:
    text = "It is a big planet; I think it might be Jupiter or Saturn or something like that."
    assert extract_text(text).status == "unparsed"
