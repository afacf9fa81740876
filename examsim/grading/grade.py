"""Grading a run's free responses with model or baseline graders, and the run's grade status."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from examsim.errors import UsageError
from examsim.grading.aggregate import (
    PREFERENCE,
    Agreement,
    FinalGrade,
    agreement,
    final_grades,
    latest_by_grader,
)
from examsim.grading.graders import GradeFailed, Grader, Marks, make_grader
from examsim.grading.rubric import check_marks, criteria_of, parts, total
from examsim.grading.tasks import GradingTask, RunToGrade, open_run
from examsim.packs import Pack
from examsim.runlog import GradeRecord, GraderKind, RunDir

Progress = Callable[[GradeRecord], None]


@dataclass(frozen=True)
class ResponseStatus:
    """One free response of a run and the grade it counts with (if any)."""

    item: str
    section: str
    sample: int
    max: float
    blank: bool
    final: FinalGrade | None


@dataclass(frozen=True)
class GradingReport:
    """What grading did, and where every free response of the run stands."""

    run: Path
    exam: str
    responses: tuple[ResponseStatus, ...]
    agreement: tuple[Agreement, ...]
    graders: tuple[str, ...] = ()
    """Identities that graded in this call."""
    recorded: tuple[GradeRecord, ...] = ()
    """Grades appended in this call (successful and failed)."""
    already_graded: int = 0
    """Grades not asked for again because the grader had already graded that response."""
    unfinished: tuple[tuple[str, int], ...] = ()
    pack_changed: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def failed(self) -> list[GradeRecord]:
        return [g for g in self.recorded if g.status == "failed"]

    @property
    def ungraded(self) -> list[tuple[str, int]]:
        """Free responses with no grade yet (the score is incomplete until they have one)."""
        return [(r.item, r.sample) for r in self.responses if r.final is None]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (``examsim grade --json``)."""
        return {
            "run": str(self.run),
            "exam": self.exam,
            "graders": list(self.graders),
            "recorded": len([g for g in self.recorded if g.status == "ok"]),
            "failed": [
                {"item": g.item, "sample": g.sample, "grader": g.grader, "error": g.error}
                for g in self.failed
            ],
            "already_graded": self.already_graded,
            "unfinished": [{"item": i, "sample": s} for i, s in self.unfinished],
            "ungraded": [{"item": i, "sample": s} for i, s in self.ungraded],
            "pack_changed": self.pack_changed,
            "responses": [
                {
                    "item": r.item,
                    "section": r.section,
                    "sample": r.sample,
                    "max": r.max,
                    "blank": r.blank,
                    "score": r.final.score if r.final else None,
                    "median": r.final.median if r.final else None,
                    "kind": r.final.kind if r.final else None,
                    "graders": list(r.final.graders) if r.final else [],
                    "scores": list(r.final.scores) if r.final else [],
                    "spread": r.final.spread if r.final else None,
                    "criteria": dict(r.final.criteria) if r.final else {},
                }
                for r in self.responses
            ],
            "agreement": [
                {
                    "kind": a.kind,
                    "responses": a.responses,
                    "alpha": a.alpha,
                    "mean_spread": a.mean_spread,
                    "max_spread": a.max_spread,
                }
                for a in self.agreement
            ],
        }


def build_report(opened: RunToGrade, **extra: Any) -> GradingReport:
    """Where each free response of an opened run stands, from its grades file."""
    grades = opened.run.grades()
    final = final_grades(grades)
    rows = tuple(
        ResponseStatus(t.item.id, t.section, t.sample, t.max, t.blank, final.get(t.key))
        for t in opened.tasks
    )
    kinds = [k for k in PREFERENCE if any(g.grader_kind == k for g in grades)]
    return GradingReport(
        run=opened.run.path,
        exam=opened.pack.id,
        responses=rows,
        agreement=tuple(agreement(grades, kind) for kind in kinds),
        unfinished=opened.unfinished,
        pack_changed=opened.pack_changed,
        **extra,
    )


def grading_status(
    run_dir: Path, pack: Path | None = None, items: Sequence[str] = ()
) -> GradingReport:
    """The grade every free response of a run counts with, and which still need one."""
    return build_report(open_run(run_dir, pack, items))


def identity(grader: Grader, sample: int) -> str:
    """The name a grader's k-th sample records under: ``spec``, then ``spec#2``, ..."""
    return grader.name if sample == 1 else f"{grader.name}#{sample}"


def blank_marks(task: GradingTask) -> Marks:
    """A blank response earns the rubric's lowest mark on every part, without a grader."""
    return Marks({p.id: p.min for p in parts(task.rubric)}, "Blank response: lowest score.")


def record_of(task: GradingTask, grader: str, kind: GraderKind, marks: Marks) -> GradeRecord:
    """The grades.jsonl line for valid marks."""
    return GradeRecord(
        item=task.item.id,
        sample=task.sample,
        grader=grader,
        grader_kind=kind,
        score=total(task.rubric, marks.marks),
        max=task.max,
        criteria=criteria_of(task.rubric, marks.marks),
        comment=marks.comment,
    )


async def _grade_one(
    run: RunDir, grader: Grader, name: str, task: GradingTask, gate: asyncio.Semaphore
) -> GradeRecord:
    if task.blank:
        marks = blank_marks(task)
    else:
        async with gate:
            try:
                marks = await grader.grade(task)
                problems = check_marks(task.rubric, marks.marks)
                if problems:
                    raise GradeFailed("invalid marks: " + "; ".join(problems), marks.attempts)
            except GradeFailed as failed:
                record = GradeRecord(
                    item=task.item.id,
                    sample=task.sample,
                    grader=name,
                    grader_kind=grader.kind,
                    status="failed",
                    max=task.max,
                    error=f"{failed.reason} (after {failed.attempts} attempt(s))",
                )
                run.append_grade(record)
                return record
    record = record_of(task, name, grader.kind, marks)
    run.append_grade(record)
    return record


async def _grade_all(
    run: RunDir,
    jobs: list[tuple[Grader, str, GradingTask]],
    concurrency: int,
    progress: Progress | None,
) -> list[GradeRecord]:
    gate = asyncio.Semaphore(concurrency)
    recorded: list[GradeRecord] = []

    async def one(grader: Grader, name: str, task: GradingTask) -> None:
        record = await _grade_one(run, grader, name, task, gate)
        recorded.append(record)
        if progress is not None:
            progress(record)

    await asyncio.gather(*(one(*job) for job in jobs))
    return recorded


def make_graders(
    specs: Sequence[str],
    samples: int = 1,
    *,
    pack: Pack | None = None,
    temperature: float | None = None,
    retries: int = 2,
) -> list[Grader]:
    """The graders for ``specs`` (duplicates dropped), checked before any grading starts.

    A runner can call this before sitting an exam, so that a wrong spec or a missing key
    fails at once rather than after the run.
    """
    if not specs:
        raise UsageError("No grader given. Fix: pass --grader SPEC, e.g. mock/reference-match.")
    if samples < 1:
        raise UsageError(f"--graders must be at least 1, not {samples}.")
    if temperature is None:
        temperature = 0.0 if samples == 1 else 0.7
    made = [
        make_grader(spec, pack=pack, temperature=temperature, retries=retries)
        for spec in dict.fromkeys(specs)
    ]
    for grader in made:
        if samples > 1 and grader.deterministic:
            raise UsageError(
                f"{grader.name} gives the same marks every time, so --graders {samples} adds "
                "nothing. Fix: drop --graders, or use it with a model grader."
            )
    return made


async def grade_run_async(
    run_dir: Path,
    graders: Sequence[str] = ("mock/reference-match",),
    samples: int = 1,
    *,
    pack: Path | None = None,
    items: Sequence[str] = (),
    regrade: bool = False,
    concurrency: int = 4,
    temperature: float | None = None,
    retries: int = 2,
    progress: Progress | None = None,
) -> GradingReport:
    """``grade_run`` for callers that already run an event loop (the runner)."""
    if concurrency < 1:
        raise UsageError(f"Concurrency must be at least 1, not {concurrency}.")
    opened = open_run(run_dir, pack, items)
    made = make_graders(graders, samples, pack=opened.pack, temperature=temperature,
                        retries=retries)
    done = set(latest_by_grader(opened.run.grades())) if not regrade else set()
    jobs: list[tuple[Grader, str, GradingTask]] = []
    skipped = 0
    names: list[str] = []
    for grader in made:
        for k in range(1, samples + 1):
            name = identity(grader, k)
            names.append(name)
            for task in opened.tasks:
                if (task.item.id, task.sample, name) in done:
                    skipped += 1
                else:
                    jobs.append((grader, name, task))
    recorded = await _grade_all(opened.run, jobs, concurrency, progress) if jobs else []
    order = {(t.item.id, t.sample): i for i, t in enumerate(opened.tasks)}
    recorded.sort(key=lambda g: (order.get((g.item, g.sample), 0), names.index(g.grader)))
    notes = []
    if any(g.kind == "baseline" for g in made):
        notes.append(
            "mock/reference-match is an offline baseline (term overlap with the reference "
            "answer), not a real grade."
        )
    return build_report(
        opened,
        graders=tuple(names),
        recorded=tuple(recorded),
        already_graded=skipped,
        notes=tuple(notes),
    )


def grade_run(
    run_dir: Path,
    graders: Sequence[str] = ("mock/reference-match",),
    samples: int = 1,
    *,
    pack: Path | None = None,
    items: Sequence[str] = (),
    regrade: bool = False,
    concurrency: int = 4,
    temperature: float | None = None,
    retries: int = 2,
    progress: Progress | None = None,
) -> GradingReport:
    """Grade a run's free responses with each grader spec, ``samples`` times each.

    Each grade is appended to the run's grades.jsonl as soon as it is made, so an
    interrupted call loses nothing and a second call grades only what is missing (and
    retries failed grades). ``regrade`` grades every response again. Blank responses get
    the rubric's lowest score without calling a grader. A model grader samples at
    ``temperature`` (default 0, or 0.7 when several samples are asked for, so they can
    differ) and asks again up to ``retries`` times after a malformed or out-of-range grade.
    """
    return asyncio.run(grade_run_async(
        run_dir, graders, samples, pack=pack, items=items, regrade=regrade,
        concurrency=concurrency, temperature=temperature, retries=retries, progress=progress,
    ))
