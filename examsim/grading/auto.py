"""Points for keyed items: multiple choice, numeric and short answer.

Used alike for a model's extracted answer and a person's typed one, so both are matched
by the same rules: letters exactly, numbers within tolerance, text by fuzzy similarity.
"""

from __future__ import annotations

import math
import re
import unicodedata

from examsim.packs.schema import (
    MultipleChoiceItem,
    NumericItem,
    ScoringRule,
    ShortAnswerItem,
)
from examsim.runlog import Answer

KeyedItem = MultipleChoiceItem | NumericItem | ShortAnswerItem

_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:[.,]\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def normalise_text(text: str, case_sensitive: bool = False) -> str:
    """Unicode-normalised text without punctuation, spaces collapsed, case folded unless told."""
    text = unicodedata.normalize("NFKC", text)
    text = _NON_WORD.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    return text if case_sensitive else text.casefold()


def parse_number(value: Answer) -> float | None:
    """A number from an answer: ``3.5``, ``"1,250"``, ``"7/2"``, ``"x = 4 cm"``; else None."""
    if isinstance(value, bool) or value is None or isinstance(value, list):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    text = value.strip().replace("\u2212", "-")
    fraction = re.fullmatch(r"\s*([-+]?\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*", text)
    if fraction:
        denominator = float(fraction.group(2))
        return float(fraction.group(1)) / denominator if denominator else None
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    matches = _NUMBER.findall(text)
    if not matches:
        return None
    try:
        number = float(matches[-1].replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def numeric_correct(item: NumericItem, value: Answer) -> bool:
    number = parse_number(value)
    if number is None:
        return False
    allowed = max(item.tolerance, abs(item.answer) * item.relative_tolerance)
    return abs(number - item.answer) <= allowed + 1e-12


def short_answer_similarity(item: ShortAnswerItem, value: Answer) -> float:
    """Best rapidfuzz similarity (0-100) of an answer to any accepted answer."""
    from rapidfuzz import fuzz

    if not isinstance(value, str) or not value.strip():
        return 0.0
    given = normalise_text(value, item.case_sensitive)
    return max(
        float(fuzz.ratio(given, normalise_text(accepted, item.case_sensitive)))
        for accepted in item.accepted
    )


def is_blank(value: Answer) -> bool:
    return value is None or (isinstance(value, str | list) and len(value) == 0)


def keyed_points(item: KeyedItem, rule: ScoringRule, value: Answer) -> float:
    """Raw points an answer earns under the section's rule (blank credit and penalties)."""
    if is_blank(value):
        return rule.blank
    full = rule.correct if rule.correct is not None else item.points
    if isinstance(item, MultipleChoiceItem):
        chosen = sorted({v.strip().upper() for v in value}) if isinstance(value, list) else (
            [value.strip().upper()] if isinstance(value, str) else []
        )
        if item.choice_points and len(chosen) == 1 and chosen[0] in item.choice_points:
            return item.choice_points[chosen[0]]
        keys = sorted(item.answer) if isinstance(item.answer, list) else [item.answer]
        if chosen == keys:
            return full
        if rule.multiple_answer == "partial" and len(keys) > 1 and chosen:
            right = len(set(chosen) & set(keys))
            wrong = len(set(chosen) - set(keys))
            return max(0.0, full * (right - wrong) / len(keys))
        return rule.wrong
    if isinstance(item, NumericItem):
        return full if numeric_correct(item, value) else rule.wrong
    return full if short_answer_similarity(item, value) >= item.match_threshold else rule.wrong


def is_correct(item: KeyedItem, value: Answer) -> bool:
    """Whether the answer earns the item's full credit."""
    rule = ScoringRule()
    return not is_blank(value) and keyed_points(item, rule, value) >= (
        item.points if not isinstance(item, MultipleChoiceItem) or not item.choice_points
        else max(item.choice_points.values())
    )
