"""``score_run``: a finished run directory -> raw, scaled and percentile for every score.

Reads the run log (never a model): the latest response per (item, sample), the final
grade per free response, and the pack the run was made from. Each reported score maps
scale inputs to sections; the points of those sections, projected to the full form, go
through the scale's form and norm table, and a bootstrap gives 95 % intervals.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from examsim.errors import RunLogError, ScoringError
from examsim.grading.aggregate import final_grades
from examsim.packs.load import EXAM_FILE, load_pack_dir
from examsim.packs.model import Pack
from examsim.packs.schema import ReportedScore
from examsim.runlog import Manifest, RunDir
from examsim.scoring.conversion import convert, real_maximum
from examsim.scoring.labels import label as make_label
from examsim.scoring.loading import NormTable
from examsim.scoring.percentiles import percentile_range
from examsim.scoring.results import InputResult, NormInfo, RunScore, ScoreResult, SectionResult
from examsim.scoring.scales import Scale, load_scale
from examsim.scoring.sections import SectionPoints, section_points
from examsim.scoring.uncertainty import interval, resample_input

DEFAULT_REPLICATES = 1000


def score_run(
    run_dir: str | Path,
    norms: str | None = None,
    exclude: Collection[str] = (),
    *,
    pack: Pack | None = None,
    packs: Sequence[Path] = (),
    bootstrap: int = DEFAULT_REPLICATES,
    seed: int = 0,
) -> RunScore:
    """Score the run in ``run_dir``.

    ``norms`` picks a norm table by id, or a norm set such as ``gpt4-report`` (which also
    picks that set's conversion forms); ``exclude`` leaves items out (e.g. contaminated
    ones) and projects the rest to the full form; ``bootstrap`` replicates (0 for none)
    give the 95 % intervals, reproducibly for a given ``seed``. ``pack`` is the run's pack
    when the caller has it loaded; otherwise it is loaded from the run's manifest (or
    found by id in ``packs``).
    """
    run = RunDir.open(Path(run_dir))
    manifest = run.manifest()
    pack, warnings = _pack_for(manifest, run.path, packs, pack)
    samples = max(1, manifest.samples)
    exclude = set(exclude)
    known_items = {item.id for _, item in pack.items()}
    unknown_excluded = sorted(exclude - known_items)
    if unknown_excluded:
        warnings.append(f"excluded items not in the pack: {', '.join(unknown_excluded)}")

    responses = {}
    stray: set[str] = set()
    for key, record in run.latest_responses().items():
        if record.item not in known_items:
            stray.add(record.item)
        elif key[1] >= samples:
            stray.add(f"{record.item}#{key[1]}")
        else:
            responses[key] = record
    if stray:
        shown = ", ".join(sorted(stray)[:5]) + (" ..." if len(stray) > 5 else "")
        warnings.append(
            f"{len(stray)} response(s) for items not in the pack, or samples beyond the "
            f"run's count, were ignored: {shown}"
        )
    grades = final_grades(run.grades())

    sections: dict[str, SectionPoints] = {}
    for psection in pack.sections:
        wanted = manifest.form.get(psection.id)
        own = [item.id for item in psection.items]
        if wanted is None:
            form_ids = own
        else:
            form_ids = [i for i in wanted if i in own]
            if len(form_ids) < len(wanted):
                warnings.append(
                    f"section '{psection.id}': the manifest's form names items the pack "
                    "does not have; they were skipped"
                )
        points = section_points(psection, form_ids, samples, responses, grades, exclude)
        if points.partial_samples:
            warnings.append(
                f"section '{psection.id}': {len(points.partial_samples)} item(s) answered in "
                "only some samples; each missing sample counts as the item's mean"
            )
        sections[psection.id] = points

    reported = list(pack.exam.scores) or [
        ReportedScore(
            id="total",
            name=pack.exam.name,
            scale="percent-correct",
            inputs={"total": [s.id for s in pack.sections]},
        )
    ]
    results = []
    for index, score in enumerate(reported):
        rng = np.random.default_rng([seed, zlib.crc32(score.id.encode())])
        results.append(_score(pack, score, index, sections, norms, bootstrap, rng))
    return RunScore(
        run=str(run.path),
        exam=pack.id,
        exam_name=pack.exam.name,
        model=manifest.model,
        candidate=manifest.candidate,
        vision=manifest.vision,
        samples=samples,
        sections=tuple(_section_result(s) for s in sections.values()),
        scores=tuple(results),
        norms_requested=norms,
        bootstrap=bootstrap,
        seed=seed,
        warnings=tuple(warnings),
    )


def _pack_for(
    manifest: Manifest, run_path: Path, packs: Sequence[Path], given: Pack | None
) -> tuple[Pack, list[str]]:
    """The pack the run was made from: as given, its recorded folder, else found by id."""
    from examsim.packs import load_pack

    warnings: list[str] = []
    if given is not None:
        pack = given
    else:
        recorded = Path(manifest.pack_path)
        # A relative pack path is read from the run directory first, so a run folder that
        # travels with its pack (tests, archives) still finds it.
        candidates = [recorded] if recorded.is_absolute() else [run_path / recorded, recorded]
        found = next((c for c in candidates if (c / EXAM_FILE).is_file()), None)
        pack = load_pack_dir(found) if found is not None else load_pack(manifest.exam, packs)
    if pack.id != manifest.exam:
        raise RunLogError(
            f"The run is of exam '{manifest.exam}' but {pack.root} holds '{pack.id}'. "
            "Fix: pass the run's own pack with --packs."
        )
    if manifest.pack_digest and pack.digest != manifest.pack_digest:
        warnings.append(
            f"the pack at {pack.root} changed since the run (digest differs); "
            "scored with the pack as it is now"
        )
    return pack, warnings


def _section_result(points: SectionPoints) -> SectionResult:
    return SectionResult(
        id=points.id,
        name=points.section.section.name,
        raw=points.raw,
        max=points.max,
        items=len(points.form_ids),
        counted=len(points.counted),
        official_length=points.section.section.official_length,
        missing=points.missing,
        excluded=points.excluded,
        needs_grading=points.needs_grading,
        graded_by=tuple(sorted(points.grader_kinds)),
    )


def _input_sections(
    pack: Pack, score: ReportedScore, index: int, scale: Scale,
    sections: dict[str, SectionPoints],
) -> dict[str, list[SectionPoints]]:
    where = f"exam '{pack.id}' score '{score.id}' (exam.yaml scores[{index}].inputs)"
    extra = sorted(set(score.inputs) - set(scale.input_ids))
    if extra:
        raise ScoringError(
            f"{where}: scale '{scale.id}' has no input {', '.join(extra)}. "
            f"Fix: use the scale's inputs: {', '.join(scale.input_ids)}."
        )
    out: dict[str, list[SectionPoints]] = {}
    for input_id in scale.input_ids:
        mapped = score.inputs.get(input_id)
        if mapped is None:
            raise ScoringError(
                f"{where}: scale '{scale.id}' needs input '{input_id}'. "
                f"Fix: map it to a section, e.g. {input_id}: <section-id>."
            )
        ids = [mapped] if isinstance(mapped, str) else list(mapped)
        unknown = [i for i in ids if i not in sections]
        if unknown:
            raise ScoringError(
                f"{where}: no section {', '.join(unknown)}. "
                f"Fix: use section ids of the exam: {', '.join(sections)}."
            )
        out[input_id] = [sections[i] for i in ids]
    return out


def _score(
    pack: Pack,
    score: ReportedScore,
    index: int,
    sections: dict[str, SectionPoints],
    norms: str | None,
    replicates: int,
    rng: np.random.Generator,
) -> ScoreResult:
    scale = load_scale(score.scale)
    inputs = _input_sections(pack, score, index, scale, sections)
    form = scale.form(norm_set=norms)
    table, norms_note = scale.norm_table(norms)
    notes = [n for n in (form.file.note, norms_note, table.file.note if table else "") if n]
    info = norm_info(table) if table else None

    raw_in: dict[str, float] = {}
    max_in: dict[str, float] = {}
    results: list[InputResult] = []
    pending: list[str] = []
    empty: list[str] = []
    projected = False
    counted_items = form_items = 0
    official_total: int | None = 0
    for input_id, feeding in inputs.items():
        got = sum(p.raw for p in feeding)
        top = sum(p.max for p in feeding)
        full = sum(p.form_max for p in feeding)
        real = real_maximum(form, input_id)
        pending += [i for p in feeding for i in p.needs_grading]
        counted_items += sum(len(p.counted) for p in feeding)
        form_items += sum(len(p.form_ids) for p in feeding)
        for p in feeding:
            length = p.section.section.official_length
            official_total = None if official_total is None or length is None else (
                official_total + length
            )
            if length is not None and len(p.form_ids) < length:
                projected = True
        if top <= 0:
            empty.append(input_id)
            continue
        # Project the counted points to the full form, then let the form map to the real one.
        raw_in[input_id] = got / top * full
        max_in[input_id] = full
        if real is not None and abs(real - full) > 1e-9:
            projected = True
        results.append(
            InputResult(
                id=input_id,
                sections=tuple(p.id for p in feeding),
                raw=got,
                max=top,
                form_max=full,
                real_max=real,
                projected_raw=None if real is None else got / top * real,
            )
        )
    if counted_items < form_items:
        projected = True
    projection = _projection_text(counted_items, form_items, official_total, projected)
    result = ScoreResult(
        id=score.id,
        name=score.name,
        scale=scale.id,
        status="scored",
        scaled=None,
        label="",
        percentile_low=None,
        percentile_high=None,
        norms=info,
        form=form.id,
        form_name=form.file.name,
        form_quality=form.file.quality,
        projected=projected,
        projection=projection,
        inputs=tuple(results),
        notes=tuple(notes),
    )
    if pending:
        return replace(
            result, status="needs_grading", label="needs grading", needs_grading=tuple(pending)
        )
    if empty:
        note = f"no items left to score in {', '.join(empty)}"
        return replace(result, status="no_items", label="N/A", notes=(*notes, note))

    converted = convert(form, scale.range, raw_in, max_in)
    scaled = float(converted.scaled)
    components = {k: float(v) for k, v in converted.parts.items()}
    found = percentile_range(table, scaled) if table and np.isfinite(scaled) else None
    points_max = sum(max_in.values()) if form.file.method.kind == "points" else None
    text = make_label(scale.file, scaled, found, points_max)

    scaled_interval = percentile_interval = None
    if replicates > 0:
        boot_raw: dict[str, np.ndarray] = {}
        boot_max: dict[str, float] = {}
        for input_id, feeding in inputs.items():
            raw_b, top_b = resample_input(feeding, replicates, rng)
            with np.errstate(divide="ignore", invalid="ignore"):
                boot_raw[input_id] = np.where(top_b > 0, raw_b / top_b * max_in[input_id], np.nan)
            boot_max[input_id] = max_in[input_id]
        scaled_b = convert(form, scale.range, boot_raw, boot_max).scaled
        scaled_interval = interval(scaled_b)
        if table is not None:
            lows, highs = _percentiles_of(table, scaled_b)
            low_i, high_i = interval(lows), interval(highs)
            if low_i and high_i:
                percentile_interval = (low_i[0], high_i[1])
    return replace(
        result,
        scaled=scaled,
        label=text,
        percentile_low=found.low if found else None,
        percentile_high=found.high if found else None,
        parts=components,
        scaled_interval=scaled_interval,
        percentile_interval=percentile_interval,
    )


def _percentiles_of(table: NormTable, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lows = np.full(values.shape, np.nan)
    highs = np.full(values.shape, np.nan)
    for value in np.unique(values[np.isfinite(values)]):
        found = percentile_range(table, float(value))
        mask = values == value
        lows[mask] = found.low
        highs[mask] = found.high
    return lows, highs


def norm_info(table: NormTable) -> NormInfo:
    """What the CLI and reports show about a norm table."""
    f = table.file
    return NormInfo(
        id=f.id, name=f.name, source=f.source, vintage=f.vintage, population=f.population,
        definition=f.definition, quality=f.quality, origin=table.origin, note=f.note,
    )


def _projection_text(counted: int, form: int, official: int | None, projected: bool) -> str:
    if not projected:
        return ""
    text = f"scored on {counted} of {form} items"
    if official is not None and official > form:
        return text + f"; projected to the official form of {official}"
    return text + "; projected to the full form"
