"""Scores and percentiles written the way the GPT-4 report writes them.

``163 (~88th)``, ``5 (85th - 100th)``, ``298 / 400 (~90th)``, ``36 / 60``, ``75 %``,
``392 (below 5th)``.
"""

from __future__ import annotations

import math

from examsim.scoring.percentiles import PercentileRange
from examsim.scoring.tables import ScaleFile


def ordinal(number: int) -> str:
    """``1`` -> ``1st``, ``2`` -> ``2nd``, ``11`` -> ``11th``, ``23`` -> ``23rd``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def whole(value: float) -> int:
    """Round half up to a whole number (87.5 -> 88), as percentile labels do."""
    return math.floor(round(value, 9) + 0.5)


def number(value: float) -> str:
    """A score without trailing zeros: ``163``, ``4.5``, ``31.5``."""
    text = f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def score_text(scale: ScaleFile, scaled: float, points_max: float | None = None) -> str:
    """The score as the report prints it, without the percentile."""
    if scale.display == "percent":
        return f"{number(scaled)} %"
    if scale.display == "score_of_max" and scale.range.max is not None:
        return f"{number(scaled)} / {number(scale.range.max)}"
    if scale.display == "points_of_max" and points_max is not None:
        return f"{number(scaled)} / {number(points_max)}"
    return number(scaled)


def percentile_text(scale: ScaleFile, found: PercentileRange) -> str:
    """``~88th``, ``85th - 100th`` or ``below 5th``."""
    low, high = whole(found.low), whole(found.high)
    if scale.style == "fine":
        if found.exact or low == high:
            # A single percentile prints at most 99th: nobody is above everybody.
            return f"~{ordinal(min(low, 99))}"
        if low == 0:
            return f"below {ordinal(high)}"
    elif low == high:
        return f"~{ordinal(low)}"
    return f"{ordinal(low)} - {ordinal(high)}"


def label(
    scale: ScaleFile,
    scaled: float,
    found: PercentileRange | None,
    points_max: float | None = None,
) -> str:
    """``163 (~88th)``; just the score when there is no percentile."""
    text = score_text(scale, scaled, points_max)
    return f"{text} ({percentile_text(scale, found)})" if found is not None else text
