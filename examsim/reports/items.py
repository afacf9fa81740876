"""``examsim show-run``: every item of a run, to see why a score is what it is.

Per item and sample: what was answered, the key, whether it earned the points (counted as
scoring counts them: blank credit and penalties of the section's rule, the final grade of a
free response), who graded it, and the contamination verdict when the run has one. Runs
store a digest of each prompt rather than the prompt; the prompt is rebuilt from the pack
and shown when its digest matches the one recorded, so what is shown is what was sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from examsim.errors import ContaminationError, ExamsimError, NotFoundError
from examsim.packs.model import Pack, PackSection, item_max_points
from examsim.packs.schema import FreeResponseItem, Item, MultipleChoiceItem, NumericItem
from examsim.reports.runs import run_pack, variant_label
from examsim.runlog import Answer, GradeRecord, Manifest, ResponseRecord, RunDir


@dataclass(frozen=True)
class GradeView:
    """The final grade of a free response and the graders behind it."""

    score: float
    max: float | None
    kind: str
    graders: tuple[str, ...]
    scores: tuple[float, ...]
    criteria: dict[str, float]
    comments: tuple[tuple[str, str], ...]
    """(grader, comment) of the graders whose grades count."""


@dataclass(frozen=True)
class VerdictView:
    """Whether the item was found in the training corpus."""

    contaminated: bool
    method: str
    matched: int
    needed: int
    keys: int
    checked: bool


@dataclass(frozen=True)
class ItemView:
    """One item of the run's form, one sample."""

    item: str
    section: str
    sample: int
    type: str
    status: str
    """``answered``, ``unparsed``, ``blank``, ``error``, or ``missing`` (no response)."""
    answer: Answer
    key: str | None
    """The keyed answer (None for free responses)."""
    correct: bool | None
    points: float | None
    """Points as scoring counts them (None: missing, or a free response not graded yet)."""
    max_points: float
    output: str | None
    error: str | None
    prompt_digest: str | None
    prompt: str | None
    """The prompt rebuilt from the pack, when its digest matches the recorded one."""
    prompt_check: str
    grade: GradeView | None
    grade_failures: tuple[str, ...]
    """Reasons of failed grading attempts that no later grade replaced."""
    verdict: VerdictView | None
    flagged: bool = False
    cached: bool = False
    latency_s: float | None = None
    cost_usd: float | None = None

    @property
    def failed(self) -> bool:
        """No usable answer (failed, unparsed or missing) or a grade that failed."""
        return self.status in ("error", "unparsed", "missing") or (
            self.grade is None and bool(self.grade_failures))

    @property
    def wrong(self) -> bool:
        """Less than full credit."""
        return self.points is not None and self.points < self.max_points - 1e-9

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["failed"], data["wrong"] = self.failed, self.wrong
        return data


@dataclass(frozen=True)
class RunItems:
    run: str
    exam: str
    exam_name: str
    variant: str
    samples: int
    items: tuple[ItemView, ...]
    verdicts: str | None
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run, "exam": self.exam, "exam_name": self.exam_name,
            "variant": self.variant, "samples": self.samples, "verdicts": self.verdicts,
            "items": [i.to_dict() for i in self.items], "warnings": list(self.warnings),
        }


def key_text(item: Item) -> str | None:
    """The key as a candidate would write it: ``B``, ``A, C``, ``3.5 ± 0.1 cm``, ``Paris``."""
    from examsim.models.offline import answer_text

    if isinstance(item, MultipleChoiceItem):
        return answer_text(item.answer)
    if isinstance(item, NumericItem):
        text = f"{item.answer:g}"
        if item.tolerance:
            text += f" ± {item.tolerance:g}"
        if item.relative_tolerance:
            text += f" (± {item.relative_tolerance:.4g} relative)"
        return f"{text} {item.unit}" if item.unit else text
    if isinstance(item, FreeResponseItem):
        return None
    return " | ".join(item.accepted)


def _points(item: Item, section: PackSection, record: ResponseRecord | None,
            grade: GradeView | None) -> tuple[float | None, bool | None]:
    """Points and correctness as scoring counts them (unweighted)."""
    from examsim.grading.auto import is_correct
    from examsim.scoring.sections import response_points

    if record is None:
        return None, None
    points = response_points(item, section.section.scoring, record,
                             grade.score if grade is not None else None)
    if isinstance(item, FreeResponseItem):
        return points, None
    answered = record.status not in ("blank", "unparsed", "error")
    return points, answered and is_correct(item, record.answer)


def _prompt(pack: Pack, section: PackSection, item: Item, manifest: Manifest,
            record: ResponseRecord | None) -> tuple[str | None, str]:
    from examsim.models.types import GenerateRequest
    from examsim.runner.prompts import format_prompt, item_prompt

    if record is None or not record.prompt_digest:
        return None, "no prompt digest recorded"
    params = manifest.parameters
    try:
        built = item_prompt(pack, section, item, style=params.get("protocol_override"),
                            vision=manifest.vision,
                            answer_step=params.get("answer_step", "parse"))
    except (ExamsimError, OSError) as exc:
        return None, f"could not be rebuilt from the pack ({exc})"
    step = built.first
    digest = GenerateRequest(messages=built.messages, temperature=step.temperature,
                             max_tokens=step.max_tokens, stop=step.stop,
                             seed=manifest.seed + record.sample).digest()
    if digest != record.prompt_digest:
        return None, "the pack's prompt differs from the one sent (the pack changed since)"
    return format_prompt(built), "rebuilt from the pack; digest matches"


def _grades(grades: list[GradeRecord]) -> tuple[dict[tuple[str, int], GradeView],
                                                 dict[tuple[str, int], tuple[str, ...]]]:
    from examsim.grading.aggregate import final_grades, latest_by_grader

    latest = latest_by_grader(grades)
    views = {}
    for key, final in final_grades(grades).items():
        comments = tuple((g, latest[(*key, g)].comment) for g in final.graders
                         if latest[(*key, g)].comment)
        views[key] = GradeView(final.score, final.max, final.kind, final.graders, final.scores,
                               dict(final.criteria), comments)
    failures: dict[tuple[str, int], dict[str, str]] = {}
    for grade in grades:
        if grade.status == "failed" and (grade.item, grade.sample, grade.grader) not in latest:
            # The last failure of each grader says why it is still missing.
            failures.setdefault((grade.item, grade.sample), {})[grade.grader] = (
                grade.error or "failed")
    return views, {k: tuple(f"{g}: {e}" for g, e in v.items()) for k, v in failures.items()}


def _verdicts(run: RunDir, manifest: Manifest,
              warnings: list[str]) -> tuple[str | None, dict[str, VerdictView]]:
    from examsim.contamination.clean import verdicts_of_run

    if not manifest.contamination:
        return None, {}
    try:
        path, found = verdicts_of_run(run.path)
    except ContaminationError as exc:
        warnings.append(f"contamination verdicts not shown: {exc}")
        return manifest.contamination, {}
    return str(path), {v.item: VerdictView(v.contaminated, v.method, v.matched, v.needed,
                                           v.keys, v.checked) for v in found.items}


def run_items(
    run_dir: str | Path,
    *,
    item: str | None = None,
    failed: bool = False,
    wrong: bool = False,
    prompts: bool | None = None,
    packs: Sequence[Path] = (),
) -> RunItems:
    """The items of a run, in form order, one entry per sample.

    ``item`` keeps one item; ``failed`` and ``wrong`` keep the items that failed or earned
    less than full credit (either, when both are given). Prompts are rebuilt when
    ``prompts`` is true (by default only for a single ``item``).
    """
    from examsim.scoring.sections import keyed_max

    run = RunDir.open(Path(run_dir))
    manifest = run.manifest()
    pack = run_pack(run.path, manifest, packs)
    warnings: list[str] = []
    if manifest.pack_digest and pack.digest != manifest.pack_digest:
        warnings.append(f"the pack at {pack.root} changed since the run; keys and points are "
                        "those of the pack as it is now")
    samples = max(1, manifest.samples)
    form = manifest.form or {s.id: [i.id for i in s.items] for s in pack.sections}
    by_id = {i.id: (s, i) for s, i in pack.items()}
    order = [(sid, iid) for sid, ids in form.items() for iid in ids if iid in by_id]
    unknown = [iid for ids in form.values() for iid in ids if iid not in by_id]
    if unknown:
        warnings.append(f"items of the run's form not in the pack: {', '.join(unknown)}")
    if item is not None:
        if item not in {iid for _, iid in order}:
            shown = ", ".join(iid for _, iid in order[:8])
            raise NotFoundError(f"{run.path}: the run's form has no item '{item}'. Fix: use "
                                f"an item id of the run, e.g. {shown}.")
        order = [(sid, iid) for sid, iid in order if iid == item]
    show_prompts = item is not None if prompts is None else prompts
    responses = run.latest_responses()
    grades, failures = _grades(run.grades())
    verdict_path, verdicts = _verdicts(run, manifest, warnings)

    views: list[ItemView] = []
    for _, item_id in order:
        section, pack_item = by_id[item_id]
        for sample in range(samples):
            record = responses.get((item_id, sample))
            grade = grades.get((item_id, sample))
            points, correct = _points(pack_item, section, record, grade)
            prompt, check = (_prompt(pack, section, pack_item, manifest, record)
                             if show_prompts else (None, "not rebuilt"))
            max_points = (item_max_points(pack_item) if isinstance(pack_item, FreeResponseItem)
                          else keyed_max(pack_item, section.section.scoring))
            views.append(ItemView(
                item=item_id, section=section.id, sample=sample, type=pack_item.type,
                status=record.status if record else "missing",
                answer=record.answer if record else None, key=key_text(pack_item),
                correct=correct, points=points, max_points=max_points,
                output=record.output if record else None,
                error=record.error if record else None,
                prompt_digest=record.prompt_digest if record else None,
                prompt=prompt, prompt_check=check, grade=grade,
                grade_failures=failures.get((item_id, sample), ()) if grade is None else (),
                verdict=verdicts.get(item_id),
                flagged=record.flagged if record else False,
                cached=record.cached if record else False,
                latency_s=record.latency_s if record else None,
                cost_usd=record.cost_usd if record else None,
            ))
    if failed or wrong:
        views = [v for v in views if (failed and v.failed) or (wrong and v.wrong)]
    return RunItems(str(run.path), pack.id, pack.exam.name, variant_label(manifest), samples,
                    tuple(views), verdict_path, tuple(warnings))
