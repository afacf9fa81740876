"""The offline baseline grader mock/reference-match."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from examsim.grading.baseline import ReferenceMatchGrader, coverage, key_terms
from examsim.grading.graders import GRADERS, make_grader
from examsim.grading.tasks import GradingTask
from examsim.packs import load_pack
from examsim.packs.schema import FreeResponseItem


@pytest.fixture
def essays(mini_pack: Path) -> tuple[FreeResponseItem, FreeResponseItem]:
    pack = load_pack(mini_pack)
    first, second = pack.item("essay-1")[1], pack.item("essay-2")[1]
    assert isinstance(first, FreeResponseItem) and isinstance(second, FreeResponseItem)
    return first, second


def mark(item: FreeResponseItem, text: str) -> dict[str, float]:
    return dict(ReferenceMatchGrader().mark(GradingTask(item, "essay", 0, text)).marks)


def test_registered_like_a_plugin_and_labelled_a_baseline() -> None:
    assert "mock/reference-match" in GRADERS.names()
    grader = make_grader("mock/reference-match")
    assert grader.kind == "baseline"
    assert grader.name == "mock/reference-match"
    assert grader.deterministic


def test_the_reference_answer_itself_earns_full_marks(
    essays: tuple[FreeResponseItem, FreeResponseItem],
) -> None:
    first, second = essays
    assert mark(first, first.reference_answer) == {"scattering": 2, "wavelength": 1}
    assert mark(second, second.reference_answer) == {"holistic": 6}


def test_an_answer_in_other_words_that_covers_the_rubric_earns_full_marks(
    essays: tuple[FreeResponseItem, FreeResponseItem],
) -> None:
    text = ("Air molecules scatter sunlight (Rayleigh scattering); shorter wavelengths, "
            "blue ones, scatter far more than long red ones.")
    assert mark(essays[0], text) == {"scattering": 2, "wavelength": 1}


def test_an_irrelevant_or_empty_answer_earns_the_lowest_marks(
    essays: tuple[FreeResponseItem, FreeResponseItem],
) -> None:
    first, second = essays
    assert mark(first, "The sky reflects the ocean.") == {"scattering": 0, "wavelength": 0}
    assert mark(first, "") == {"scattering": 0, "wavelength": 0}
    assert mark(second, "I like cats.") == {"holistic": 1}


def test_a_partial_answer_earns_partial_marks(
    essays: tuple[FreeResponseItem, FreeResponseItem],
) -> None:
    # Names the scattering but says nothing of wavelength.
    marks = mark(essays[0], "It is Rayleigh scattering of sunlight by air molecules.")
    assert marks["scattering"] == 2
    assert marks["wavelength"] == 0


def test_misspellings_and_inflections_still_count() -> None:
    assert key_terms("The molecules scattered the sunlight") == ["molecul", "scatter", "sunlight"]
    found, of = coverage(key_terms("molecule scaterring sunlite"),
                         key_terms("molecules scattered sunlight"))
    assert (found, of) == (3, 3)
    assert coverage(key_terms("ocean waves"), key_terms("molecules scattered")) == (0, 2)


def test_marks_are_deterministic_and_comment_says_baseline(
    essays: tuple[FreeResponseItem, FreeResponseItem],
) -> None:
    task = GradingTask(essays[0], "essay", 0, "Blue light is scattered more by the air.")
    grader = ReferenceMatchGrader()
    first = asyncio.run(grader.grade(task))
    again = asyncio.run(grader.grade(task))
    assert first == again
    assert first.comment.startswith("Baseline (term overlap, not a real grade):")


def test_restating_the_question_earns_nothing(
    essays: tuple[FreeResponseItem, FreeResponseItem],
) -> None:
    first, second = essays
    shuffled = " ".join(reversed(first.stem.split()))
    assert mark(first, first.stem) == {"scattering": 0, "wavelength": 0}
    assert mark(first, shuffled) == {"scattering": 0, "wavelength": 0}
    assert mark(second, second.stem) == {"holistic": 1}


def test_chance_answers_stay_near_the_bottom_on_a_bundled_pack() -> None:
    import random

    pack = load_pack("ap-chemistry")
    earned = total = 0.0
    for _, item in pack.items():
        if isinstance(item, FreeResponseItem):
            words = item.stem.split()
            random.Random(item.id).shuffle(words)
            marks = mark(item, " ".join(words))
            earned += sum(marks.values())
            total += sum(p.points for p in item.rubric.criteria)  # type: ignore[union-attr]
    assert total > 0
    assert earned / total < 0.15
