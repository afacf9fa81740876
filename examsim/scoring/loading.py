"""Reading form and norm files and checking them against their scale.

A chart must give every raw score from 0 to its maximum, never going down; a norm table's
scores must be scores of the scale, its percentiles within 0-100 and never falling.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from examsim.errors import Problem
from examsim.scoring.grid import compact_ranges, describe_range, expand_keys, in_range, on_step
from examsim.scoring.tablefile import read_table
from examsim.scoring.tables import (
    ComponentsMethod,
    CompositeMethod,
    FormFile,
    LinearMethod,
    LinearPart,
    NormFile,
    RawTable,
    ReferenceScaling,
    ScaleFile,
    TableMethod,
    TablePart,
)
from examsim.yamlfile import YamlDoc


def _line(doc: YamlDoc, prefix: tuple[str | int, ...], key: object) -> int | None:
    """Line of a mapping key; YAML float keys are recorded as text."""
    part = key if isinstance(key, str | int) else str(key)
    return doc.line_of((*prefix, part))


@dataclass(frozen=True)
class Form:
    """A loaded form: its file and, for charts, every raw score's converted value."""

    file: FormFile
    path: Path
    charts: dict[str, tuple[float, ...]] = field(default_factory=dict)
    """Chart per input (or component id) as a tuple indexed by raw score 0..max_raw."""

    @property
    def id(self) -> str:
        return self.file.id


@dataclass(frozen=True)
class NormTable:
    """A loaded norm table with its scores in order."""

    file: NormFile
    path: Path
    origin: Literal["bundled", "user"]
    points: tuple[tuple[float, float], ...]
    """(score, value) sorted by score: percentiles, or shares of takers for a distribution."""

    @property
    def id(self) -> str:
        return self.file.id


def _chart(
    raw_table: RawTable, loc: tuple[Any, ...], path: Path, doc: YamlDoc
) -> tuple[tuple[float, ...] | None, list[Problem]]:
    """A chart as a tuple indexed by raw score, checked to cover 0..max_raw once, in order."""
    where = ".".join(str(p) for p in loc)
    expanded, bad, origin = expand_keys(raw_table.scores, 1.0)
    problems = [
        Problem(path, _line(doc, (*loc, "scores"), key), f"{where}.scores",
                f"key '{key}' {why}.", "Use a whole raw score or a range like 0-13.")
        for key, why in bad
    ]
    wanted = set(range(raw_table.max_raw + 1))
    have = set(expanded)
    missing = sorted(wanted - {int(k) for k in have if float(k).is_integer()})
    extra = sorted(k for k in have if not float(k).is_integer() or int(k) not in wanted)
    if missing:
        problems.append(
            Problem(path, doc.line_of((*loc, "scores")), f"{where}.scores",
                    f"raw scores {compact_ranges(missing)} have no converted score.",
                    f"Give every raw score from 0 to max_raw ({raw_table.max_raw}).")
        )
    if extra:
        problems.append(
            Problem(path, doc.line_of((*loc, "scores")), f"{where}.scores",
                    f"raw scores {', '.join(f'{k:g}' for k in extra)} are outside 0..max_raw "
                    f"({raw_table.max_raw}) or not whole.", "Remove them or raise max_raw.")
        )
    if problems:
        return None, problems
    values = tuple(expanded[float(r)] for r in range(raw_table.max_raw + 1))
    for raw in range(1, len(values)):
        if values[raw] < values[raw - 1]:
            problems.append(
                Problem(path, _line(doc, (*loc, "scores"), origin[float(raw)]), f"{where}.scores",
                        f"raw {raw} converts to {values[raw]:g}, below raw {raw - 1} "
                        f"({values[raw - 1]:g}).",
                        "A conversion chart never goes down as raw scores rise; check the copy.")
            )
            break
    return (None if problems else values), problems


def load_form(path: Path, scale: ScaleFile) -> tuple[Form | None, list[Problem]]:
    form, problems, doc = read_table(FormFile, path)
    if form is None or doc is None:
        return None, problems
    if form.id != path.stem:
        problems.append(
            Problem(path, doc.line_of(("id",)), "id",
                    f"'{form.id}' differs from the file name '{path.stem}'.",
                    "Make the id and the file name the same.")
        )
    inputs = {i.id for i in scale.inputs}
    method = form.method
    charts: dict[str, tuple[float, ...]] = {}

    def need_inputs(keys: Iterable[str], loc: tuple[Any, ...], what: str) -> None:
        keys = set(keys)
        for name in sorted(keys - inputs):
            problems.append(
                Problem(path, doc.line_of((*loc, name)), ".".join(map(str, loc)),
                        f"'{name}' is not an input of scale '{scale.id}'.",
                        f"Use the scale's inputs: {', '.join(sorted(inputs))}.")
            )
        for name in sorted(inputs - keys):
            problems.append(
                Problem(path, doc.line_of(loc), ".".join(map(str, loc)),
                        f"input '{name}' has no {what}.", f"Add {what} for '{name}'.")
            )

    if isinstance(method, TableMethod):
        need_inputs(method.tables, ("method", "tables"), "conversion chart")
        for name, table in method.tables.items():
            chart, found = _chart(table, ("method", "tables", name), path, doc)
            problems += found
            if chart is not None:
                charts[name] = chart
        if not problems:
            low = sum(c[0] for c in charts.values()) * method.multiplier
            high = sum(c[-1] for c in charts.values()) * method.multiplier
            for value in (low, high):
                if not in_range(value, scale.range):
                    problems.append(
                        Problem(path, doc.line_of(("method",)), "method",
                                f"the chart gives {value:g}, outside the scale's range.",
                                "Check the chart against the scale's range.")
                    )
    elif isinstance(method, LinearMethod):
        need_inputs(method.slopes, ("method", "slopes"), "slope")
    elif isinstance(method, CompositeMethod):
        need_inputs(method.weights, ("method", "weights"), "weight")
        problems += _check_composite(method, scale, path, doc)
    elif isinstance(method, ComponentsMethod):
        used: set[str] = set()
        for index, component in enumerate(method.components):
            part = component.method
            loc = ("method", "components", index, "method")
            if isinstance(part, LinearPart | TablePart):
                used.add(part.input)
                if part.input not in inputs:
                    problems.append(
                        Problem(path, doc.line_of((*loc, "input")), f"{'.'.join(map(str, loc))}"
                                ".input", f"'{part.input}' is not an input of the scale.",
                                f"Use one of {', '.join(sorted(inputs))}.")
                    )
            if isinstance(part, TablePart):
                chart, found = _chart(part.table, (*loc, "table"), path, doc)
                problems += found
                if chart is not None:
                    charts[component.id] = chart
            if isinstance(part, ReferenceScaling):
                used |= set(part.weights)
                for name in sorted(set(part.weights) - inputs):
                    problems.append(
                        Problem(path, doc.line_of((*loc, "weights", name)),
                                f"{'.'.join(map(str, loc))}.weights",
                                f"'{name}' is not an input of the scale.",
                                f"Use one of {', '.join(sorted(inputs))}.")
                    )
        for name in sorted(inputs - used):
            problems.append(
                Problem(path, doc.line_of(("method", "components")), "method.components",
                        f"input '{name}' feeds no component.", "Add a component that reads it.")
            )
    if problems:
        return None, problems
    return Form(form, path, charts), []


def _check_composite(
    method: CompositeMethod, scale: ScaleFile, path: Path, doc: YamlDoc
) -> list[Problem]:
    problems: list[Problem] = []
    total = sum(method.weights.values())
    if abs(total - 1.0) > 0.005 or any(w <= 0 for w in method.weights.values()):
        problems.append(
            Problem(path, doc.line_of(("method", "weights")), "method.weights",
                    f"weights add up to {total:g}; they must be positive and add up to 1.",
                    "Give each input its share of the composite, e.g. 0.5 and 0.5.")
        )
    previous: tuple[int, float] | None = None
    for score in sorted(method.cuts):
        cut = method.cuts[score]
        loc = ("method", "cuts", score)
        if not in_range(score, scale.range) or not on_step(score, scale.range) or (
            scale.range.min is not None and score <= scale.range.min
        ):
            problems.append(
                Problem(path, doc.line_of(loc), "method.cuts",
                        f"score {score} is not a score above the scale's minimum.",
                        "Give cut points for the scores above the lowest one.")
            )
        if not 0 < cut <= 1:
            problems.append(
                Problem(path, doc.line_of(loc), "method.cuts",
                        f"cut {cut:g} for score {score} is not a fraction in (0, 1].",
                        "Write cuts as fractions of the composite, e.g. 0.7.")
            )
        if previous is not None and cut <= previous[1]:
            problems.append(
                Problem(path, doc.line_of(loc), "method.cuts",
                        f"score {score} needs {cut:g}, not more than score {previous[0]} "
                        f"({previous[1]:g}).", "Higher scores need higher cut points.")
            )
        previous = (score, cut)
    return problems


def load_norms(
    path: Path, scale: ScaleFile, origin: Literal["bundled", "user"]
) -> tuple[NormTable | None, list[Problem]]:
    table, problems, doc = read_table(NormFile, path)
    if table is None or doc is None:
        return None, problems
    if table.id != path.stem:
        problems.append(
            Problem(path, doc.line_of(("id",)), "id",
                    f"'{table.id}' differs from the file name '{path.stem}'.",
                    "Make the id and the file name the same.")
        )
    field_name = "distribution" if table.kind == "distribution" else "percentiles"
    other = "percentiles" if field_name == "distribution" else "distribution"
    mapping = getattr(table, field_name)
    if not mapping:
        problems.append(
            Problem(path, doc.line_of(("kind",)), field_name,
                    f"a '{table.kind}' table needs '{field_name}'.",
                    f"Add '{field_name}:' with score: value lines.")
        )
    if getattr(table, other):
        problems.append(
            Problem(path, doc.line_of((other,)), other,
                    f"a '{table.kind}' table has no '{other}'.", f"Remove '{other}'.")
        )
    if (table.kind == "distribution") != (table.definition == "band"):
        problems.append(
            Problem(path, doc.line_of(("definition",)), "definition",
                    "a distribution gives a band per score and only a distribution does.",
                    "Use 'definition: band' with 'kind: distribution', and below, at_or_below "
                    "or unstated with 'kind: percentiles'.")
        )
    expanded, bad, key_of = expand_keys(mapping, scale.range.step)
    for key, why in bad:
        problems.append(
            Problem(path, _line(doc, (field_name,), key), field_name, f"key '{key}' {why}.",
                    "Use a score or a range like 169-170.")
        )
    for score, value in sorted(expanded.items()):
        line = _line(doc, (field_name,), key_of[score])
        if not in_range(score, scale.range) or not on_step(score, scale.range):
            problems.append(
                Problem(path, line, field_name,
                        f"{score:g} is not a score of scale '{scale.id}' "
                        f"({describe_range(scale.range)}).",
                        "Use scores the scale reports.")
            )
        if table.kind == "percentiles" and not 0 <= value <= 100:
            problems.append(
                Problem(path, line, field_name,
                        f"percentile {value:g} for score {score:g} is outside 0-100.",
                        "Write percentiles from 0 to 100.")
            )
        if table.kind == "distribution" and (value < 0 or not math.isfinite(value)):
            problems.append(
                Problem(path, line, field_name,
                        f"share {value:g} for score {score:g} is negative.",
                        "Write the percent or number of takers earning each score.")
            )
    points = tuple(sorted(expanded.items()))
    if table.kind == "percentiles":
        for (s0, p0), (s1, p1) in zip(points, points[1:], strict=False):
            if p1 < p0:
                problems.append(
                    Problem(path, _line(doc, (field_name,), key_of[s1]),
                            field_name,
                            f"score {s1:g} has percentile {p1:g}, below score {s0:g} ({p0:g}).",
                            "Percentiles never fall as scores rise; check the copy.")
                )
                break
    elif points and sum(v for _, v in points) <= 0:
        problems.append(
            Problem(path, doc.line_of((field_name,)), field_name,
                    "the distribution has no takers.", "Give the share of takers per score.")
        )
    if problems:
        return None, problems
    return NormTable(table, path, origin, points), []


