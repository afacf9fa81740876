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
_NUMBER = r"[-+]?(?:\d+(?:[.,]\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
# A number, or a fraction of two numbers.
_TOKEN = re.compile(rf"(?P<n>{_NUMBER})(?:\s*/\s*(?P<d>{_NUMBER}))?")
# "1.2 x 10^3", "1.2 × 10^-3", "1.2*10**3", "1.2 \\times 10^{3}"
_TIMES_TEN = re.compile(
    r"(\d(?:[\d.,]*\d)?)\s*(?:[xX×*·]|\\times|\\cdot)\s*10\s*(?:\^|\*\*)\s*\{?([-+]?\d+)\}?"
)
# Powers of units ("m^2", "s^-1"), which are not the answer's number.
_UNIT_POWER = re.compile(r"(?<=[^\W\d_])\s*\^\s*[-+]?\d+")
# Superscript powers: of a unit ("cm²"), dropped; of ten ("10⁻³"), kept as "^-3".
_SUPERSCRIPTS = r"[\u207a\u207b]?[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+"
_SUPERSCRIPT_UNIT = re.compile(r"(?<=[^\W\d_])\s*" + _SUPERSCRIPTS)
_SUPERSCRIPT_POWER = re.compile(r"(?<=\d)" + _SUPERSCRIPTS)
# Digits grouped by spaces: "1 250 000".
_GROUPED = re.compile(r"[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?")


def normalise_text(text: str, case_sensitive: bool = False) -> str:
    """Text without punctuation, spaces collapsed; case and accents folded unless told.

    Accents go with case, so ``Jupíter`` typed on one keyboard matches ``Jupiter`` typed
    on another; an item that sets ``case_sensitive`` compares both exactly.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _NON_WORD.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    if case_sensitive:
        return text
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def parse_number(value: Answer) -> float | None:
    """A number from an answer: ``3.5``, ``"1,250"``, ``"7/2"``, ``"x = 4 cm"``; else None.

    The last number in the text counts (``x = 7/2`` is 3.5), as a fraction when written
    ``a/b``; ``1.2 x 10^3`` is scientific notation; unit powers (``m^2``, ``cm²``) are
    not numbers; a comma before three digits groups thousands, otherwise it is a decimal
    comma.
    """
    if isinstance(value, bool) or value is None or isinstance(value, list):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    text = _SUPERSCRIPT_UNIT.sub("", value)
    text = _SUPERSCRIPT_POWER.sub(
        lambda m: "^" + unicodedata.normalize("NFKC", m.group(0)).replace("\u207b", "-"), text
    )
    text = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    if _GROUPED.fullmatch(text):
        text = _SPACE.sub("", text)
    text = _UNIT_POWER.sub("", text)
    text = _TIMES_TEN.sub(lambda m: f"{m.group(1)}e{m.group(2)}", text)
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    matches = list(_TOKEN.finditer(text))
    if not matches:
        return None
    last = matches[-1]
    try:
        number = float(last.group("n").replace(",", "."))
        if last.group("d") is not None:
            denominator = float(last.group("d").replace(",", "."))
            if denominator == 0:
                return None
            number /= denominator
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
