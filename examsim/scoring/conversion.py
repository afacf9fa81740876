"""Raw points -> scaled score, for every conversion method a form can hold.

Everything works on numpy arrays so that one call converts a point estimate and thousands
of bootstrap replicates alike. Inputs arrive as raw points with the maximum they were
earned out of (the pack's form, or the real one); charts and real-form point totals read
``raw / maximum`` projected onto the real form's length.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from examsim.scoring.grid import round_to_step
from examsim.scoring.loading import Form
from examsim.scoring.tables import (
    ComponentsMethod,
    CompositeMethod,
    LinearMethod,
    LinearPart,
    PercentMethod,
    PointsMethod,
    ReferenceScaling,
    ScaleRange,
    TableMethod,
    TablePart,
)

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Converted:
    """A conversion's result: the scaled score and what it was built from."""

    scaled: Array
    parts: dict[str, Array] = field(default_factory=dict)
    """Intermediate scores: each chart's converted input (SAT test scores) or component."""
    projected: dict[str, Array] = field(default_factory=dict)
    """Raw points projected onto the real form, for inputs whose real maximum is known."""


def real_maximum(form: Form, input_id: str) -> float | None:
    """The input's maximum raw points on the real form, if the form states it."""
    method = form.file.method
    if isinstance(method, TableMethod):
        table = method.tables.get(input_id)
        return float(table.max_raw) if table else None
    if isinstance(method, LinearMethod | CompositeMethod | PointsMethod):
        value = method.max_raw.get(input_id)
        return float(value) if value is not None else None
    if isinstance(method, ComponentsMethod):
        for component in method.components:
            part = component.method
            if isinstance(part, TablePart) and part.input == input_id:
                return float(part.table.max_raw)
    return None


def _fraction(raw: Mapping[str, Array], maxima: Mapping[str, float], name: str) -> Array:
    maximum = maxima.get(name, 0.0)
    value = np.asarray(raw[name], dtype=np.float64)
    if maximum <= 0:
        return np.full(value.shape, np.nan)
    return value / maximum


def _chart_lookup(chart: tuple[float, ...], fraction: Array) -> tuple[Array, Array]:
    """Chart value at the projected raw score (rounded half up to a whole score)."""
    values = np.asarray(chart, dtype=np.float64)
    top = len(values) - 1
    projected = fraction * top
    index = np.floor(np.round(projected, 9) + 0.5)
    bad = ~np.isfinite(index)
    index = np.clip(np.where(bad, 0, index), 0, top).astype(np.int64)
    return np.where(bad, np.nan, values[index]), projected


def convert(
    form: Form, rng: ScaleRange, raw: Mapping[str, npt.ArrayLike], maxima: Mapping[str, float]
) -> Converted:
    """Convert raw points (per input, out of ``maxima``) to the scale with ``form``."""
    raw_arrays = {k: np.asarray(v, dtype=np.float64) for k, v in raw.items()}
    if form.file.step is not None:
        rng = rng.model_copy(update={"step": form.file.step})
    method = form.file.method
    rounding = form.file.rounding
    parts: dict[str, Array] = {}
    projected: dict[str, Array] = {}

    if isinstance(method, TableMethod):
        total: Array | float = 0.0
        for name in method.tables:
            value, proj = _chart_lookup(form.charts[name], _fraction(raw_arrays, maxima, name))
            parts[name] = value
            projected[name] = proj
            total = total + value
        scaled = round_to_step(np.asarray(total) * method.multiplier, rng, rounding)
    elif isinstance(method, LinearMethod):
        value = np.asarray(method.intercept, dtype=np.float64)
        for name, slope in method.slopes.items():
            value = value + slope * _fraction(raw_arrays, maxima, name)
        scaled = round_to_step(value, rng, rounding)
    elif isinstance(method, CompositeMethod):
        composite = np.asarray(0.0)
        for name, weight in method.weights.items():
            composite = composite + weight * _fraction(raw_arrays, maxima, name)
        parts["composite"] = 100 * composite
        floor = rng.min if rng.min is not None else 0.0
        scaled = np.full(np.shape(composite), floor, dtype=np.float64)
        for score, cut in sorted(method.cuts.items()):
            scaled = np.where(composite >= cut - 1e-9, float(score), scaled)
        scaled = np.where(np.isfinite(composite), scaled, np.nan)
    elif isinstance(method, PointsMethod):
        value = np.asarray(0.0)
        for name in raw_arrays:
            real = method.max_raw.get(name)
            if real is None:
                value = value + raw_arrays[name]
            else:
                projected[name] = _fraction(raw_arrays, maxima, name) * real
                value = value + projected[name]
        scaled = round_to_step(value, rng, rounding)
    elif isinstance(method, PercentMethod):
        got = sum((raw_arrays[name] for name in raw_arrays), np.asarray(0.0))
        out_of = sum(maxima.get(name, 0.0) for name in raw_arrays)
        value = 100 * got / out_of if out_of > 0 else np.full(np.shape(got), np.nan)
        scaled = round_to_step(value, rng, rounding)
    else:
        scaled = _components(method, form, raw_arrays, maxima, rng, parts, projected)
    scaled = np.where(np.isfinite(scaled), scaled, np.nan)
    return Converted(scaled=scaled, parts=parts, projected=projected)


def _components(
    method: ComponentsMethod,
    form: Form,
    raw: Mapping[str, Array],
    maxima: Mapping[str, float],
    rng: ScaleRange,
    parts: dict[str, Array],
    projected: dict[str, Array],
) -> Array:
    total: Array = np.asarray(0.0)
    for component in method.components:
        part = component.method
        if isinstance(part, LinearPart):
            value = part.intercept + part.slope * _fraction(raw, maxima, part.input)
        elif isinstance(part, TablePart):
            value, proj = _chart_lookup(
                form.charts[component.id], _fraction(raw, maxima, part.input)
            )
            projected[part.input] = proj
        else:
            value = _reference(part, raw, maxima)
        parts[component.id] = value
        total = total + value
    return round_to_step(total, rng, form.file.rounding)


def _reference(
    part: ReferenceScaling, raw: Mapping[str, Array], maxima: Mapping[str, float]
) -> Array:
    """NCBE's written scaling: the weighted written score as a z-score on the MBE's scale."""
    written: Array = np.asarray(0.0)
    for name, weight in part.weights.items():
        written = written + weight * _fraction(raw, maxima, name)
    z = (written - part.raw_mean) / part.raw_sd
    return np.asarray(part.reference_mean + part.reference_sd * z, dtype=np.float64)


def convert_part(form: Form, input_id: str, raw: float, maximum: float) -> tuple[str, float]:
    """One chart or component of a form on its own: (its id, its value).

    For a form that converts inputs separately (SAT test scores from their charts, UBE
    components); ValueError when the form has no such separate step for ``input_id``.
    """
    method = form.file.method
    fraction = np.asarray(raw / maximum if maximum > 0 else np.nan, dtype=np.float64)
    if isinstance(method, TableMethod) and input_id in method.tables:
        value, _ = _chart_lookup(form.charts[input_id], fraction)
        return input_id, float(value)
    if isinstance(method, ComponentsMethod):
        for component in method.components:
            part = component.method
            if isinstance(part, LinearPart) and part.input == input_id:
                return component.id, float(part.intercept + part.slope * fraction)
            if isinstance(part, TablePart) and part.input == input_id:
                value, _ = _chart_lookup(form.charts[component.id], fraction)
                return component.id, float(value)
    raise ValueError(f"form '{form.id}' has no separate conversion for '{input_id}'")
