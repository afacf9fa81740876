"""The free responses of a run that a grader marks, each joined with its item and rubric."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from examsim.errors import NotFoundError, PackError, RunLogError
from examsim.grading.rubric import Rubric, rubric_max, rubric_min
from examsim.packs import Pack, load_pack
from examsim.packs.load import load_pack_dir
from examsim.packs.schema import FreeResponseItem
from examsim.runlog import ResponseRecord, RunDir


@dataclass(frozen=True)
class GradingTask:
    """One free response to grade: the item as the candidate saw it, and what they wrote."""

    item: FreeResponseItem
    section: str
    sample: int
    response: str
    """The response text ('' for a blank response)."""
    passage: str | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.item.id, self.sample)

    @property
    def rubric(self) -> Rubric:
        return self.item.rubric

    @property
    def blank(self) -> bool:
        return not self.response.strip()

    @property
    def max(self) -> float:
        return rubric_max(self.item.rubric)

    @property
    def min(self) -> float:
        return rubric_min(self.item.rubric)


@dataclass(frozen=True)
class RunToGrade:
    """A run directory with its pack and every gradable free response."""

    run: RunDir
    pack: Pack
    tasks: tuple[GradingTask, ...]
    unfinished: tuple[tuple[str, int], ...]
    """Free responses whose attempt failed (status ``error``): resume the run first."""
    pack_changed: bool
    """The pack's files differ from those the run was made with (e.g. a revised rubric)."""


def open_run_pack(run: RunDir, pack_path: Path | None = None) -> tuple[Pack, bool]:
    """The pack a run was made with, and whether its files changed since.

    ``pack_path`` overrides the folder recorded in the manifest (for a run or pack that
    has moved); otherwise the recorded folder is used, then the exam id is looked up.
    """
    manifest = run.manifest()
    if pack_path is not None:
        pack = load_pack_dir(Path(pack_path))
    else:
        recorded = Path(manifest.pack_path)
        if (recorded / "exam.yaml").is_file():
            pack = load_pack_dir(recorded)
        else:
            try:
                pack = load_pack(manifest.exam)
            except (NotFoundError, PackError) as exc:
                raise RunLogError(
                    f"{run.manifest_path}: the run's pack folder {recorded} is gone and exam "
                    f"'{manifest.exam}' cannot be loaded ({exc}). Fix: pass --pack PACK_FOLDER."
                ) from exc
    if pack.id != manifest.exam:
        raise RunLogError(
            f"{run.manifest_path}: the run is of exam '{manifest.exam}' but the pack at "
            f"{pack.root} is '{pack.id}'. Fix: pass the run's own pack with --pack."
        )
    return pack, pack.digest != manifest.pack_digest


def response_text(record: ResponseRecord) -> str:
    """What the candidate wrote: the extracted answer, else the raw output."""
    if record.status == "blank":
        return ""
    if isinstance(record.answer, str) and record.answer.strip():
        return record.answer
    return record.output or ""


def collect_tasks(
    run: RunDir, pack: Pack, items: Sequence[str] = ()
) -> tuple[list[GradingTask], list[tuple[str, int]]]:
    """Gradable free responses of a run in form order, and those whose attempt failed."""
    wanted = set(items)
    unknown = wanted - {item.id for _, item in pack.items()}
    if unknown:
        raise NotFoundError(
            f"Exam '{pack.id}' has no item {', '.join(sorted(unknown))}. "
            "Fix: give ids from 'examsim show'."
        )
    order = {item.id: index for index, (_, item) in enumerate(pack.items())}
    tasks: list[GradingTask] = []
    unfinished: list[tuple[str, int]] = []
    latest = run.latest_responses()
    for (item_id, sample), record in sorted(
        latest.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][1])
    ):
        if item_id not in order:
            raise RunLogError(
                f"{run.responses_path}: item '{item_id}' is not in exam '{pack.id}'. "
                "Fix: grade the run against the pack it was made with (--pack)."
            )
        if wanted and item_id not in wanted:
            continue
        section, item = pack.item(item_id)
        if not isinstance(item, FreeResponseItem):
            continue
        if record.status == "error":
            unfinished.append((item_id, sample))
            continue
        tasks.append(
            GradingTask(item, section.id, sample, response_text(record), section.passage_of(item))
        )
    return tasks, unfinished


def open_run(
    run_dir: Path, pack_path: Path | None = None, items: Sequence[str] = ()
) -> RunToGrade:
    """Open a run directory for grading: its pack and its gradable free responses."""
    run = RunDir.open(Path(run_dir))
    pack, changed = open_run_pack(run, pack_path)
    tasks, unfinished = collect_tasks(run, pack, items)
    return RunToGrade(run, pack, tuple(tasks), tuple(unfinished), changed)
