"""Score grids: ranges, steps, ``low-high`` keys and rounding to a scale's step."""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from examsim.scoring.tables import Rounding, ScaleRange, ScoreKey

_RANGE_KEY = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*$")


def on_step(value: float, rng: ScaleRange) -> bool:
    """Whether ``value`` is a score the scale can report (on its step grid)."""
    base = rng.min if rng.min is not None else 0.0
    units = (value - base) / rng.step
    return abs(units - round(units)) < 1e-6


def in_range(value: float, rng: ScaleRange) -> bool:
    """Whether ``value`` lies within the scale's range (open ends allow anything)."""
    return (rng.min is None or value >= rng.min - 1e-9) and (
        rng.max is None or value <= rng.max + 1e-9
    )


def expand_keys(
    mapping: Mapping[ScoreKey, float], step: float
) -> tuple[dict[float, float], list[tuple[ScoreKey, str]], dict[float, ScoreKey]]:
    """Numbers and ``low-high`` ranges -> one entry per score, the bad keys, and the key
    each score came from (for line numbers)."""
    out: dict[float, float] = {}
    bad: list[tuple[ScoreKey, str]] = []
    origin: dict[float, ScoreKey] = {}
    for key, value in mapping.items():
        if isinstance(key, str):
            match = _RANGE_KEY.match(key)
            if match is None:
                try:
                    numbers = [float(key)]
                except ValueError:
                    bad.append((key, "is neither a number nor a 'low-high' range"))
                    continue
            else:
                low, high = float(match.group(1)), float(match.group(2))
                if low > high:
                    bad.append((key, "has its low end above its high end"))
                    continue
                count = round((high - low) / step)
                numbers = [low + i * step for i in range(count + 1)]
        else:
            numbers = [float(key)]
        for number in numbers:
            number = round(number, 9)
            if number in out:
                bad.append((key, f"repeats the score {number:g}"))
                break
            out[number] = float(value)
            origin[number] = key
    return out, bad, origin


def compact_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``1-3, 7``."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}" if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def describe_range(rng: ScaleRange) -> str:
    """``120 to 180 in steps of 1``."""
    low = "-inf" if rng.min is None else f"{rng.min:g}"
    high = "inf" if rng.max is None else f"{rng.max:g}"
    return f"{low} to {high} in steps of {rng.step:g}"


def round_to_step(
    values: npt.ArrayLike, rng: ScaleRange, rounding: Rounding = "half_up"
) -> npt.NDArray[np.float64]:
    """Round to the scale's step grid and clip to its range."""
    arr = np.asarray(values, dtype=np.float64)
    base = rng.min if rng.min is not None else 0.0
    # Rounding the units first keeps binary noise (62.49999999) from deciding an exact half.
    units = np.round((arr - base) / rng.step, 9)
    rounded = np.floor(units + 0.5) if rounding == "half_up" else np.round(units)
    out = base + rounded * rng.step
    if rng.min is not None or rng.max is not None:
        out = np.clip(out, rng.min if rng.min is not None else -np.inf,
                      rng.max if rng.max is not None else np.inf)
    return np.round(out, 9)
