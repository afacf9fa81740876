"""What a run came to: counts, tokens, cost, and raw points per section.

Keyed items are scored with the section's rule from the latest response of each
(item, sample); samples are averaged. Free responses count once they are graded
(``grades.jsonl``); until then they are listed as awaiting grading.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from examsim.grading.aggregate import final_grades
from examsim.grading.auto import keyed_points
from examsim.packs.model import Pack, item_max_points
from examsim.packs.schema import FreeResponseItem, Item, MultipleChoiceItem, NumericItem
from examsim.runlog import Manifest, ResponseRecord, RunDir


@dataclass(frozen=True)
class SectionScore:
    """Raw points of one section."""

    id: str
    name: str
    raw: float | None
    """Points on the keyed items plus graded free responses; None if nothing is scored."""
    max: float
    """Points available in the section (free responses included)."""
    items: int
    awaiting_grading: list[str] = field(default_factory=list)
    """Free-response items not graded yet."""


@dataclass(frozen=True)
class Failure:
    item: str
    sample: int
    error: str


@dataclass(frozen=True)
class RunSummary:
    """The outcome of ``run_exam``: plain data, also as JSON via ``to_dict``."""

    run_dir: str
    exam: str
    model: str
    protocol: str
    vision: bool
    seed: int
    samples: int
    attempts: int
    """(item, sample) pairs in the form."""
    answered: int
    unparsed: int
    blank: int
    failed: int
    missing: int
    """Pairs with no record yet (a run that was stopped)."""
    cached: int
    input_tokens: int
    output_tokens: int
    cost_usd: float | None
    """Total over every attempt, across resumes; None when a price is unknown."""
    sections: list[SectionScore]
    failures: list[Failure]
    awaiting_grading: list[str]
    session: dict[str, Any] = field(default_factory=dict)
    """This invocation only: attempts asked, requests, retries, cache hits, seconds."""
    scoring: dict[str, Any] | None = None
    """The scorer's result for the run (``examsim.scoring.score_run``), when it can score."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data; the scorer's top-level keys (``scores``, ``label``, ...) are merged in
        where they do not clash with the runner's own."""
        data = asdict(self)
        for key, value in (self.scoring or {}).items():
            data.setdefault(key, value)
        return data


def _key_answer(item: Item) -> Any:
    if isinstance(item, MultipleChoiceItem | NumericItem):
        return item.answer
    return item.accepted[0]  # type: ignore[union-attr]


def summarise(run: RunDir, pack: Pack, manifest: Manifest | None = None) -> RunSummary:
    """Summarise the run directory against its pack (no model is called)."""
    manifest = manifest or run.manifest()
    records = run.responses()
    latest: dict[tuple[str, int], ResponseRecord] = {}
    for line in records:
        latest[(line.item, line.sample)] = line
    grades = final_grades(run.grades())
    items = {item.id: (section, item) for section, item in pack.items()}
    form = manifest.form or {s.id: [i.id for i in s.items] for s in pack.sections}

    counts = {"answered": 0, "unparsed": 0, "blank": 0, "error": 0}
    missing = cached = 0
    failures: list[Failure] = []
    sections: list[SectionScore] = []
    awaiting_all: list[str] = []
    for psection in pack.sections:
        ids = form.get(psection.id, [])
        rule = psection.section.scoring
        raw_parts: list[float] = []
        max_parts: list[float] = []
        awaiting: list[str] = []
        for item_id in ids:
            _, item = items[item_id]
            per_sample: list[float] = []
            graded_all = True
            for sample in range(manifest.samples):
                record = latest.get((item_id, sample))
                if record is None:
                    missing += 1
                    continue
                counts[record.status] += 1
                cached += record.cached
                if record.status == "error":
                    failures.append(Failure(item_id, sample, record.error or "unknown error"))
                    continue
                if isinstance(item, FreeResponseItem):
                    grade = grades.get((item_id, sample))
                    if grade is None:
                        graded_all = False
                    else:
                        per_sample.append(grade.score)
                elif record.status == "unparsed":
                    per_sample.append(rule.wrong)  # scored wrong, never guessed
                else:
                    per_sample.append(keyed_points(item, rule, record.answer))
            if isinstance(item, FreeResponseItem):
                max_parts.append(item_max_points(item))
                if not graded_all or not per_sample:
                    awaiting.append(item_id)
                    continue
            else:
                max_parts.append(keyed_points(item, rule, _key_answer(item)))
            if per_sample:
                raw_parts.append(statistics.fmean(per_sample))
        awaiting_all.extend(awaiting)
        sections.append(SectionScore(
            id=psection.id,
            name=psection.section.name,
            raw=round(sum(raw_parts), 6) if raw_parts else None,
            max=round(sum(max_parts), 6),
            items=len(ids),
            awaiting_grading=awaiting,
        ))

    input_tokens = sum(r.usage.input_tokens for r in records)
    output_tokens = sum(r.usage.output_tokens for r in records)
    cost: float | None = 0.0
    for r in records:
        if r.cost_usd is None and (r.usage.input_tokens or r.usage.output_tokens):
            cost = None
            break
        cost = (cost or 0.0) + (r.cost_usd or 0.0)
    return RunSummary(
        run_dir=str(Path(run.path)),
        exam=manifest.exam,
        model=manifest.model,
        protocol=manifest.protocol,
        vision=manifest.vision,
        seed=manifest.seed,
        samples=manifest.samples,
        attempts=sum(len(v) for v in form.values()) * manifest.samples,
        answered=counts["answered"],
        unparsed=counts["unparsed"],
        blank=counts["blank"],
        failed=counts["error"],
        missing=missing,
        cached=cached,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cost_usd=round(cost, 6) if cost is not None else None,
        sections=sections,
        failures=failures,
        awaiting_grading=awaiting_all,
    )
