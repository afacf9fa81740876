"""One scale at a time: convert a raw score, look up a percentile, describe the scales."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from examsim.errors import ScoringError
from examsim.scoring.conversion import convert, convert_part, real_maximum
from examsim.scoring.grid import describe_range, in_range, on_step
from examsim.scoring.labels import label, number, score_text
from examsim.scoring.percentiles import percentile_range
from examsim.scoring.results import Conversion, Percentile
from examsim.scoring.runs import norm_info
from examsim.scoring.scales import SHARED_SETS, SOURCES_FILE, list_scale_ids, load_scale


def percentile(scale_id: str, score: float, norms: str | None = None) -> Percentile:
    """Where ``score`` stands in the scale's norm table (``norms``: an id or a set name)."""
    scale = load_scale(scale_id)
    rng = scale.range
    if not in_range(score, rng) or not on_step(score, rng):
        raise ScoringError(
            f"{score:g} is not a score of scale '{scale.id}' ({describe_range(rng)}). "
            "Fix: give a score the scale reports."
        )
    table, note = scale.norm_table(norms)
    if table is None:
        raise ScoringError(
            f"Scale '{scale.id}' has no norm table: no public one was found (see "
            f"{scale.root / SOURCES_FILE}). Fix: add one with 'examsim norms build' or as "
            f"a file in the user norms folder."
        )
    found = percentile_range(table, score)
    return Percentile(
        scale=scale.id,
        scale_name=scale.file.name,
        score=score,
        percentile_low=found.low,
        percentile_high=found.high,
        label=label(scale.file, score, found),
        norms=norm_info(table),
        note=note,
    )


def convert_raw(
    scale_id: str,
    raw: Mapping[str, float],
    form: str | None = None,
    maxima: Mapping[str, float] | None = None,
) -> Conversion:
    """Convert raw points on the real form (per input) to the scale.

    A single input may be given alone when its conversion stands on its own (a chart of a
    multi-chart form, or a component of a total); otherwise every input is needed.
    """
    scale = load_scale(scale_id)
    chosen = scale.form(form)
    method = chosen.file.method
    unknown = sorted(set(raw) - set(scale.input_ids))
    if unknown:
        raise ScoringError(
            f"Scale '{scale.id}' has no input {', '.join(unknown)}. "
            f"Inputs: {', '.join(scale.input_ids)}."
        )
    tops: dict[str, float | None] = {}
    for name in raw:
        given = (maxima or {}).get(name)
        tops[name] = given if given is not None else real_maximum(chosen, name)
        if tops[name] is None and method.kind not in ("points",):
            raise ScoringError(
                f"The maximum raw score of input '{name}' on form '{chosen.id}' is not known. "
                f"Fix: give it with --max {name}=N."
            )
    for name, value in raw.items():
        top = tops[name]
        if value < 0 and method.kind != "points" or (top is not None and value > top + 1e-9):
            raise ScoringError(
                f"Raw score {value:g} for input '{name}' is outside 0-{top:g}. "
                "Fix: give a raw score on the real form."
            )
    missing = [n for n in scale.input_ids if n not in raw]
    alone = method.kind in ("table", "components")
    if missing and not (alone and len(raw) == 1):
        raise ScoringError(
            f"Scale '{scale.id}' combines inputs {', '.join(scale.input_ids)}; give each "
            f"(missing: {', '.join(missing)}), e.g. --raw {missing[0]}=N."
        )
    maxima_known = {k: float(v) for k, v in tops.items() if v is not None}
    if missing:
        name, value = next(iter(raw.items()))
        try:
            part_id, part_value = convert_part(chosen, name, value, maxima_known[name])
        except ValueError:
            raise ScoringError(
                f"Form '{chosen.id}' of scale '{scale.id}' does not convert '{name}' on its "
                f"own. Fix: give every input ({', '.join(scale.input_ids)})."
            ) from None
        return Conversion(
            scale=scale.id, scale_name=scale.file.name, form=chosen.id,
            form_name=chosen.file.name, quality=chosen.file.quality, source=chosen.file.source,
            raw=dict(raw), maxima=tops, scaled=part_value, text=number(round(part_value, 2)),
            parts={part_id: part_value},
            note=f"{part_id} alone; the {scale.file.name} score needs every input.",
        )
    result = convert(chosen, scale.range, raw, maxima_known)
    scaled = float(result.scaled)
    points_max = sum(maxima_known.values()) if method.kind == "points" else None
    return Conversion(
        scale=scale.id, scale_name=scale.file.name, form=chosen.id, form_name=chosen.file.name,
        quality=chosen.file.quality, source=chosen.file.source, raw=dict(raw), maxima=tops,
        scaled=scaled, text=score_text(scale.file, scaled, points_max),
        parts={k: float(v) for k, v in result.parts.items()}, note=chosen.file.note,
    )


def describe_scales() -> list[dict[str, Any]]:
    """Every scale with its forms and norm tables: what ``examsim scales`` lists."""
    rows = []
    for scale_id in list_scale_ids():
        scale = load_scale(scale_id)
        f = scale.file
        rows.append(
            {
                "id": f.id,
                "name": f.name,
                "range": {"min": f.range.min, "max": f.range.max, "step": f.range.step},
                "inputs": [i.id for i in f.inputs],
                "default_form": f.default_form,
                "default_norms": f.default_norms,
                "forms": [
                    {"id": form.id, "name": form.file.name, "quality": form.file.quality,
                     "source": form.file.source, "vintage": form.file.vintage,
                     "sets": list(form.file.sets)}
                    for form in sorted(scale.forms.values(), key=lambda x: x.id)
                ],
                "norms": [
                    {**norm_info(table).to_dict(), "sets": list(table.file.sets),
                     "default": table.id == f.default_norms}
                    for table in sorted(scale.norms.values(), key=lambda t: t.id)
                ],
                "sets": sorted(scale.declared_sets() | set(SHARED_SETS)),
            }
        )
    return rows
