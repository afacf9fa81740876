"""Score -> percentile range from a norm table.

A ``percentiles`` table gives one number per score; a score the table skips gets the range
between its neighbours (a score above the top entry: up to 100; below the bottom: from 0).
A ``distribution`` gives the share of takers per score; a score's band runs from the
percent scoring lower to the percent scoring the same or lower, as the GPT-4 report's
AP ranges do.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from examsim.scoring.loading import NormTable


@dataclass(frozen=True)
class PercentileRange:
    """Where a score stands in a norm group, as a range of percentiles (0-100)."""

    low: float
    high: float
    exact: bool
    """True when the table states this score's percentile itself (a single number)."""


def percentile_range(table: NormTable, score: float) -> PercentileRange:
    """The percentile range of ``score`` in ``table``."""
    scores = [s for s, _ in table.points]
    values = [v for _, v in table.points]
    if table.file.kind == "distribution":
        total = sum(values)
        below = sum(v for s, v in table.points if s < score - 1e-9)
        same = sum(v for s, v in table.points if abs(s - score) <= 1e-9)
        low = 100 * below / total
        high = 100 * (below + same) / total
        return PercentileRange(_clip(low), _clip(high), exact=False)
    index = bisect.bisect_left(scores, score - 1e-9)
    if index < len(scores) and abs(scores[index] - score) <= 1e-9:
        value = _clip(values[index])
        return PercentileRange(value, value, exact=True)
    low = values[index - 1] if index > 0 else 0.0
    high = values[index] if index < len(values) else 100.0
    return PercentileRange(_clip(low), _clip(high), exact=False)


def _clip(value: float) -> float:
    return min(100.0, max(0.0, round(value, 6)))
