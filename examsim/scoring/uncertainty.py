"""Bootstrap uncertainty: resample items (and samples within items), rescore, take quantiles.

Items are resampled within each section, so a section keeps its length and its share of
the score; when a run has several samples per item, each resampled item also resamples
its samples. Every replicate is converted like the real score, so the interval is on the
scaled score itself (and, through the norms, on the percentile).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from examsim.scoring.sections import SectionPoints

Array = npt.NDArray[np.float64]
_CHUNK = 250  # replicates per block, so memory stays small for long runs with many samples


def resample_section(
    section: SectionPoints, replicates: int, rng: np.random.Generator
) -> tuple[Array, Array]:
    """Bootstrap replicates of a section's raw points and maximum (one value per replicate)."""
    points, maxima = section.points, section.maxima
    count, samples = points.shape
    if count == 0:
        return np.zeros(replicates), np.zeros(replicates)
    raws: list[Array] = []
    tops: list[Array] = []
    for start in range(0, replicates, _CHUNK):
        size = min(_CHUNK, replicates - start)
        items = rng.integers(0, count, size=(size, count))
        if samples == 1:
            values = points[items, 0]
        else:
            picks = rng.integers(0, samples, size=(size, count, samples))
            values = points[items[..., None], picks].mean(axis=-1)
        raws.append(values.sum(axis=1))
        tops.append(maxima[items].sum(axis=1))
    return np.concatenate(raws), np.concatenate(tops)


def resample_input(
    sections: Sequence[SectionPoints], replicates: int, rng: np.random.Generator
) -> tuple[Array, Array]:
    """Replicates of an input's raw points and maximum, summed over its sections."""
    raw = np.zeros(replicates)
    top = np.zeros(replicates)
    for section in sections:
        r, t = resample_section(section, replicates, rng)
        raw += r
        top += t
    return raw, top


def interval(values: Array) -> tuple[float, float] | None:
    """The central 95 % of the replicates (ends taken from the replicates themselves)."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    low = float(np.quantile(finite, 0.025, method="lower"))
    high = float(np.quantile(finite, 0.975, method="higher"))
    return low, high
