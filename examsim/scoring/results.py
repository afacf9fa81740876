"""What scoring returns: plain frozen dataclasses with ``to_dict()`` for JSON and reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["scored", "needs_grading", "no_items"]


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    rounded = round(float(value), 4)
    return int(rounded) if rounded.is_integer() else rounded


def _pair(pair: tuple[float, float] | None) -> list[float | int | None] | None:
    return None if pair is None else [_num(pair[0]), _num(pair[1])]


@dataclass(frozen=True)
class NormInfo:
    """Which norm table a percentile comes from, and what it means."""

    id: str
    name: str
    source: str
    vintage: str
    population: str
    definition: str
    quality: str
    origin: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "source": self.source,
            "vintage": self.vintage,
            "population": self.population,
            "definition": self.definition,
            "quality": self.quality,
            "origin": self.origin,
            "note": self.note,
        }


@dataclass(frozen=True)
class Percentile:
    """``examsim percentile``: where a score stands in a norm group."""

    scale: str
    scale_name: str
    score: float
    percentile_low: float
    percentile_high: float
    label: str
    norms: NormInfo
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "scale_name": self.scale_name,
            "score": _num(self.score),
            "norms": self.norms.id,
            "percentile_low": _num(self.percentile_low),
            "percentile_high": _num(self.percentile_high),
            "label": self.label,
            "definition": self.norms.definition,
            "source": self.norms.source,
            "vintage": self.norms.vintage,
            "population": self.norms.population,
            "quality": self.norms.quality,
            "norms_name": self.norms.name,
            "note": self.note or self.norms.note,
        }


@dataclass(frozen=True)
class Conversion:
    """``examsim convert``: a raw score on the real form converted to the scale."""

    scale: str
    scale_name: str
    form: str
    form_name: str
    quality: str
    source: str
    raw: dict[str, float]
    maxima: dict[str, float | None]
    scaled: float
    text: str
    parts: dict[str, float] = field(default_factory=dict)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "scale_name": self.scale_name,
            "form": self.form,
            "form_name": self.form_name,
            "quality": self.quality,
            "source": self.source,
            "raw": {k: _num(v) for k, v in self.raw.items()},
            "max": {k: _num(v) for k, v in self.maxima.items()},
            "scaled": _num(self.scaled),
            "text": self.text,
            "parts": {k: _num(v) for k, v in self.parts.items()},
            "note": self.note,
        }


@dataclass(frozen=True)
class SectionResult:
    """One section of a scored run."""

    id: str
    name: str
    raw: float
    max: float
    items: int
    """Items on the run's form in this section."""
    counted: int
    """Items whose points count."""
    official_length: int | None
    missing: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    needs_grading: tuple[str, ...] = ()
    graded_by: tuple[str, ...] = ()
    """Kinds of grader behind the free-response grades (human, import, model, baseline)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "raw": _num(self.raw),
            "max": _num(self.max),
            "items": self.items,
            "counted": self.counted,
            "official_length": self.official_length,
            "missing": list(self.missing),
            "excluded": list(self.excluded),
            "graded_by": list(self.graded_by),
        }
        if self.needs_grading:
            out["needs_grading"] = list(self.needs_grading)
        return out


@dataclass(frozen=True)
class InputResult:
    """One scale input of a reported score: the points that fed it."""

    id: str
    sections: tuple[str, ...]
    raw: float
    max: float
    form_max: float
    real_max: float | None
    projected_raw: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sections": list(self.sections),
            "raw": _num(self.raw),
            "max": _num(self.max),
            "form_max": _num(self.form_max),
            "real_max": _num(self.real_max),
            "projected_raw": _num(self.projected_raw),
        }


@dataclass(frozen=True)
class ScoreResult:
    """One reported score of a run (a row of Table 1)."""

    id: str
    name: str
    scale: str
    status: Status
    scaled: float | None
    label: str
    percentile_low: float | None
    percentile_high: float | None
    norms: NormInfo | None
    form: str
    form_name: str
    form_quality: str
    projected: bool
    projection: str
    inputs: tuple[InputResult, ...]
    parts: dict[str, float] = field(default_factory=dict)
    scaled_interval: tuple[float, float] | None = None
    percentile_interval: tuple[float, float] | None = None
    needs_grading: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "scale": self.scale,
            "status": self.status,
            "scaled": _num(self.scaled),
            "percentile_low": _num(self.percentile_low),
            "percentile_high": _num(self.percentile_high),
            "label": self.label,
            "norms": self.norms.id if self.norms else None,
            "norms_info": self.norms.to_dict() if self.norms else None,
            "definition": self.norms.definition if self.norms else None,
            "source": self.norms.source if self.norms else None,
            "form": self.form,
            "form_name": self.form_name,
            "form_quality": self.form_quality,
            "projected": self.projected,
            "projection": self.projection,
            "scaled_interval": _pair(self.scaled_interval),
            "percentile_interval": _pair(self.percentile_interval),
            "inputs": [i.to_dict() for i in self.inputs],
            "parts": {k: _num(v) for k, v in self.parts.items()},
            "needs_grading": list(self.needs_grading),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class RunScore:
    """A scored run: its sections and every score the exam reports."""

    run: str
    exam: str
    exam_name: str
    model: str
    candidate: str | None
    vision: bool
    samples: int
    sections: tuple[SectionResult, ...]
    scores: tuple[ScoreResult, ...]
    norms_requested: str | None
    bootstrap: int
    seed: int
    warnings: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """Every item answered and graded (nothing missing, nothing awaiting a grade)."""
        return not any(s.missing or s.needs_grading for s in self.sections)

    def to_dict(self) -> dict[str, Any]:
        first = self.scores[0].to_dict() if self.scores else {}
        return {
            "run": self.run,
            "exam": self.exam,
            "exam_name": self.exam_name,
            "model": self.model,
            "candidate": self.candidate,
            "vision": self.vision,
            "samples": self.samples,
            "complete": self.complete,
            "sections": [s.to_dict() for s in self.sections],
            # The first reported score, mirrored for readers that expect one score per exam.
            "scaled": first.get("scaled"),
            "percentile_low": first.get("percentile_low"),
            "percentile_high": first.get("percentile_high"),
            "label": first.get("label"),
            "norms": first.get("norms"),
            "projected": first.get("projected", False),
            "scaled_interval": first.get("scaled_interval"),
            "percentile_interval": first.get("percentile_interval"),
            "scores": [s.to_dict() for s in self.scores],
            "norms_requested": self.norms_requested,
            "bootstrap": {"replicates": self.bootstrap, "seed": self.seed},
            "warnings": list(self.warnings),
        }
