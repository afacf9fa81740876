"""The tidy data behind Table 1 and Figure 4: one row per model variant x exam x reported
score, from run directories.

Each group of runs (one exam, one model variant) is scored with ``score_run``; several runs
are pooled first (``pooling.py``). A run with contamination verdicts is scored on all items
and on the clean ones, and the lower score is the one reported, as in the GPT-4 report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from examsim.reports.order import report_position
from examsim.reports.pooling import pool_notes, pooled_run
from examsim.reports.runs import RunGroup, find_runs, group_runs, variants

if TYPE_CHECKING:
    import pandas as pd

    from examsim.scoring.results import RunScore, ScoreResult

DEFAULT_REPLICATES = 1000


@dataclass(frozen=True)
class ScoreRow:
    """One reported score of one model variant: a cell of Table 1, with its provenance."""

    exam: str
    exam_name: str
    score: str
    """Id of the reported score in the exam pack."""
    row: str
    """The official name of the score: the row of Table 1."""
    scale: str
    report_order: int
    """Position of the scale in the report's Table 1 (scales it lacks come last)."""
    variant: str
    """The column of Table 1: the model (or person), plus ``(no vision)``."""
    model: str
    candidate: str | None
    vision: bool
    runs: list[str]
    samples: int
    """Samples per item, over all pooled runs."""
    status: str
    """``scored``, ``needs_grading`` or ``no_items``."""
    incomplete: bool
    """Free responses still need a grade, so there is no score yet."""
    needs_grading: int
    missing: int
    """Items of the form without any response (an unfinished run)."""
    sections: str
    """Raw points per section feeding the score, e.g. ``mc 30/30; fr 22/26``."""
    raw_points: float
    """Points earned on the counted items feeding the score."""
    max_points: float
    scaled: float | None
    scale_max: float | None
    percentile_low: float | None
    percentile_high: float | None
    label: str
    """The score as the report writes it, e.g. ``163 (~88th)``."""
    norms: str | None
    norms_name: str | None
    norms_vintage: str | None
    norms_quality: str | None
    scaled_ci_low: float | None
    scaled_ci_high: float | None
    percentile_ci_low: float | None
    percentile_ci_high: float | None
    grader_kind: str
    """Kinds of grader behind the free-response points (``human``, ``import``, ``model``,
    ``baseline``; comma-separated when mixed; empty without free responses)."""
    contamination_checked: bool
    contaminated_items: int | None
    contamination_applied: bool
    """The lower score on the non-contaminated items is the one reported."""
    full_label: str | None
    """The score on all items, when contamination was checked."""
    projected: bool
    form: str
    form_quality: str
    notes: list[str] = field(default_factory=list)


COLUMNS = list(ScoreRow.__dataclass_fields__)


def _scale_max(score: ScoreResult) -> float | None:
    from examsim.scoring import load_scale

    scale = load_scale(score.scale).file
    if scale.display == "percent":
        return 100.0
    if scale.display == "points_of_max":
        return sum(i.form_max for i in score.inputs)
    return scale.range.max


def _grader_kinds(kinds: Iterable[str]) -> str:
    from examsim.grading.aggregate import PREFERENCE

    found = set(kinds)
    return ", ".join(kind for kind in PREFERENCE if kind in found)


def _row(
    group: RunGroup,
    result: RunScore,
    score: ScoreResult,
    notes: list[str],
    contamination: tuple[int, bool, str] | None,
) -> ScoreRow:
    from examsim.scoring.labels import number

    # An input whose every item awaits a grade has no InputResult: find it by those items.
    pending = set(score.needs_grading)
    feeding = {s for i in score.inputs for s in i.sections} | {
        s.id for s in result.sections if pending & set(s.needs_grading)}
    sections = [s for s in result.sections if s.id in feeding]
    manifest = group.manifest
    norms = score.norms
    scaled_ci = score.scaled_interval or (None, None)
    percentile_ci = score.percentile_interval or (None, None)
    return ScoreRow(
        exam=result.exam,
        exam_name=result.exam_name,
        score=score.id,
        row=score.name,
        scale=score.scale,
        report_order=report_position(score.scale),
        variant=group.variant,
        model=manifest.model,
        candidate=manifest.candidate,
        vision=manifest.vision,
        runs=[str(r.path) for r in group.runs],
        samples=sum(max(1, r.manifest.samples) for r in group.runs),
        status=score.status,
        incomplete=score.status == "needs_grading",
        needs_grading=len(score.needs_grading),
        missing=sum(len(s.missing) for s in sections),
        sections="; ".join(f"{s.id} {number(round(s.raw, 2))}/{number(s.max)}"
                           for s in sections),
        raw_points=sum(i.raw for i in score.inputs),
        max_points=sum(i.max for i in score.inputs),
        scaled=score.scaled,
        scale_max=_scale_max(score),
        percentile_low=score.percentile_low,
        percentile_high=score.percentile_high,
        label=score.label,
        norms=norms.id if norms else None,
        norms_name=norms.name if norms else None,
        norms_vintage=norms.vintage if norms else None,
        norms_quality=norms.quality if norms else None,
        scaled_ci_low=scaled_ci[0],
        scaled_ci_high=scaled_ci[1],
        percentile_ci_low=percentile_ci[0],
        percentile_ci_high=percentile_ci[1],
        grader_kind=_grader_kinds(k for s in sections for k in s.graded_by),
        contamination_checked=contamination is not None,
        contaminated_items=contamination[0] if contamination else None,
        contamination_applied=contamination[1] if contamination else False,
        full_label=contamination[2] if contamination else None,
        projected=score.projected,
        form=score.form,
        form_quality=score.form_quality,
        notes=[*notes, *score.notes, *result.warnings],
    )


def score_group(
    group: RunGroup,
    norms: str | None = None,
    *,
    packs: Sequence[Path] = (),
    bootstrap: int = DEFAULT_REPLICATES,
    seed: int = 0,
) -> list[ScoreRow]:
    """The reported scores of one group of runs (pooled when there are several)."""
    from examsim.contamination.clean import full_vs_clean
    from examsim.scoring import score_run

    notes = pool_notes(group)
    checked = any(r.manifest.contamination for r in group.runs)
    with pooled_run(group) as path:
        if not checked:
            result = score_run(path, norms, packs=packs, bootstrap=bootstrap, seed=seed)
            return [_row(group, result, s, notes, None) for s in result.scores]
        both = full_vs_clean(path, norms=norms, packs=packs, bootstrap=bootstrap, seed=seed,
                             save=False)
    rows = []
    for pair in both.scores:
        chosen = both.clean if pair.reported == "clean" else both.full
        rows.append(_row(group, chosen, pair.result, [*notes, *both.warnings],
                         (len(both.contaminated), pair.reported == "clean", pair.full.label)))
    return rows


def score_rows(
    run_dirs: Iterable[str | Path] | str | Path,
    norms: str | None = None,
    *,
    packs: Sequence[Path] = (),
    bootstrap: int = DEFAULT_REPLICATES,
    seed: int = 0,
) -> tuple[list[ScoreRow], list[str]]:
    """Every reported score of the runs under ``run_dirs``, in Table 1 order, and the
    variant labels (the table's columns) in the order first seen."""
    runs = find_runs(run_dirs)
    columns = variants(runs)
    rows: list[ScoreRow] = []
    for group in group_runs(runs):
        rows += score_group(group, norms, packs=packs, bootstrap=bootstrap, seed=seed)
    rows.sort(key=lambda r: (r.report_order, r.row, r.exam, columns.index(r.variant)))
    return rows, columns


def to_frame(rows: Sequence[ScoreRow], columns: Sequence[str] = ()) -> pd.DataFrame:
    """The rows as a DataFrame; ``attrs["variants"]`` keeps the column order of Table 1."""
    import pandas as pd

    frame = pd.DataFrame([asdict(r) for r in rows], columns=COLUMNS)
    frame.attrs["variants"] = list(columns) or list(dict.fromkeys(r.variant for r in rows))
    return frame


def build_table(
    run_dirs: Iterable[str | Path] | str | Path,
    norms: str | None = None,
    *,
    packs: Sequence[Path] = (),
    bootstrap: int = DEFAULT_REPLICATES,
    seed: int = 0,
) -> pd.DataFrame:
    """The tidy DataFrame behind Table 1: one row per model variant x exam x reported score.

    ``run_dirs`` are run directories or folders of them. Runs of one exam by one model
    variant are pooled. ``norms`` picks norm tables (an id or a set such as
    ``gpt4-report``); ``bootstrap`` replicates give the 95 % intervals (0: none).
    """
    rows, columns = score_rows(run_dirs, norms, packs=packs, bootstrap=bootstrap, seed=seed)
    return to_frame(rows, columns)


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's rows as plain JSON-ready dicts (missing numbers become None)."""
    import math

    records: list[dict[str, Any]] = []
    for record in frame.to_dict(orient="records"):
        clean: dict[str, Any] = {}
        for key, value in record.items():
            if isinstance(value, float) and math.isnan(value):
                value = None
            elif hasattr(value, "item") and not isinstance(value, list | str):
                value = value.item()  # numpy scalars
            elif hasattr(value, "tolist"):
                value = value.tolist()
            clean[str(key)] = value
        records.append(clean)
    return records
