"""Full versus clean scores: a run scored on all items and without the contaminated ones.

As in the GPT-4 report (section 4 and Table 9), the contaminated items are removed, the
rest is projected to the full form, and the lower of the two scores is the one reported;
where the clean subset is empty (every item contaminated) the full score is reported.
Both scores are kept in ``contamination.json`` in the run directory.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from examsim.contamination.verdicts import (
    VerdictFile,
    read_verdicts,
    write_atomically,
    write_verdicts,
)
from examsim.errors import ContaminationError
from examsim.runlog import RunDir

if TYPE_CHECKING:
    from examsim.scoring import RunScore, ScoreResult

RESULTS = "contamination.json"
RUN_VERDICTS = "contamination-verdicts.json"


@dataclass(frozen=True)
class ScorePair:
    """One reported score on the full form and on the clean items, and which counts."""

    full: ScoreResult
    clean: ScoreResult
    reported: Literal["full", "clean"]

    @property
    def result(self) -> ScoreResult:
        """The score reported: the lower of the two."""
        return self.clean if self.reported == "clean" else self.full

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.full.id,
            "name": self.full.name,
            "reported": self.reported,
            "label": self.result.label,
            "scaled": self.result.scaled,
            "full": self.full.to_dict(),
            "clean": self.clean.to_dict(),
        }


@dataclass(frozen=True)
class FullVsClean:
    """A run's scores with and without its contaminated items."""

    run: str
    verdicts: str
    method: str
    contaminated: tuple[str, ...]
    """Contaminated items on the run's form."""
    items: int
    """Items on the run's form."""
    full: RunScore
    clean: RunScore
    scores: tuple[ScorePair, ...]
    warnings: tuple[str, ...] = ()

    @property
    def percent(self) -> float:
        return 100.0 * len(self.contaminated) / self.items if self.items else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run,
            "verdicts": self.verdicts,
            "method": self.method,
            "items": self.items,
            "contaminated": list(self.contaminated),
            "percent_contaminated": round(self.percent, 4),
            "scores": [pair.to_dict() for pair in self.scores],
            "full": self.full.to_dict(),
            "clean": self.clean.to_dict(),
            "warnings": list(self.warnings),
        }


def lower(full: ScoreResult, clean: ScoreResult) -> Literal["full", "clean"]:
    """Which score the report shows: the clean one only when it exists and is lower."""
    if clean.status != "scored" or clean.scaled is None or full.scaled is None:
        return "full"
    return "clean" if clean.scaled < full.scaled else "full"


def has_verdicts(run_dir: Path) -> bool:
    """Whether the run's manifest names a contamination verdict file."""
    return bool(RunDir.open(Path(run_dir)).manifest().contamination)


def verdicts_of_run(run_dir: Path, verdicts: Path | None = None) -> tuple[Path, VerdictFile]:
    """The verdict file given, or the one recorded in the run's manifest."""
    run = RunDir.open(run_dir)
    manifest = run.manifest()
    if verdicts is None:
        if not manifest.contamination:
            raise ContaminationError(
                f"{run.manifest_path}: the run has no contamination verdicts. Fix: pass "
                "--contamination VERDICTS (made by 'examsim contamination scan')."
            )
        verdicts = Path(manifest.contamination)
        if not verdicts.is_absolute() and not verdicts.exists():
            verdicts = run.path / verdicts
    found = read_verdicts(verdicts)
    if found.exam != manifest.exam:
        raise ContaminationError(
            f"{verdicts}: the verdicts are for exam '{found.exam}', the run "
            f"{run.path} is of '{manifest.exam}'. Fix: scan the run's exam."
        )
    return verdicts, found


def record_verdicts(run_dir: Path, verdicts: Path | VerdictFile) -> Path:
    """Note in the run's manifest which verdict file applies to it; verdicts held in
    memory (a scan made for this run) are first written into the run directory."""
    run = RunDir.open(run_dir)
    if isinstance(verdicts, VerdictFile):
        write_verdicts(run.path / RUN_VERDICTS, verdicts)
        verdicts = run.path / RUN_VERDICTS
    path, _ = verdicts_of_run(run.path, verdicts)
    manifest = run.manifest()
    try:
        recorded = str(path.resolve().relative_to(run.path.resolve()))
    except ValueError:
        recorded = str(path.resolve())
    run.write_manifest(manifest.model_copy(update={"contamination": recorded}))
    return path


def verdicts_for_run(
    exam: str | Path,
    contamination: Path | None = None,
    corpus: Sequence[Path] = (),
    packs: Sequence[Path] = (),
) -> Path | VerdictFile | None:
    """For ``examsim run --contamination/--corpus``: check the verdict file, or scan the
    corpus (substring method), before any item is sent to a model."""
    from examsim.contamination.scan import scan_exam
    from examsim.errors import UsageError
    from examsim.packs import load_pack

    if contamination is not None and corpus:
        raise UsageError("Give --contamination VERDICTS or --corpus PATH, not both.")
    if corpus:
        return scan_exam(exam, corpus, packs=packs)
    if contamination is None:
        return None
    found = read_verdicts(contamination)
    if found.exam != load_pack(exam, packs).id:
        raise ContaminationError(
            f"{contamination}: the verdicts are for exam '{found.exam}'. "
            "Fix: scan this exam with 'examsim contamination scan'."
        )
    return contamination


def apply_to_run(run_dir: Path, verdicts: Path | VerdictFile) -> FullVsClean:
    """Record the verdicts in a finished run and score it on all and on the clean items."""
    record_verdicts(run_dir, verdicts)
    return full_vs_clean(run_dir)


def full_vs_clean(
    run_dir: Path,
    verdicts: Path | None = None,
    *,
    norms: str | None = None,
    packs: Sequence[Path] = (),
    bootstrap: int = 0,
    seed: int = 0,
    save: bool = True,
) -> FullVsClean:
    """Score a run on all items and on the clean ones; keep both in ``contamination.json``."""
    from examsim.scoring import score_run

    run_dir = Path(run_dir)
    path, found = verdicts_of_run(run_dir, verdicts)
    full = score_run(run_dir, norms, packs=packs, bootstrap=bootstrap, seed=seed)
    clean = score_run(run_dir, norms, exclude=found.contaminated(), packs=packs,
                      bootstrap=bootstrap, seed=seed)
    # Excluded items the run's form holds are the contaminated items of this sitting.
    contaminated = tuple(i for s in clean.sections for i in s.excluded)
    warnings = []
    if found.pack_digest != _manifest_digest(run_dir):
        warnings.append("the verdicts were made from a different version of the pack")
    pairs = tuple(ScorePair(f, c, lower(f, c)) for f, c in zip(full.scores, clean.scores,
                                                              strict=True))
    result = FullVsClean(
        run=str(run_dir),
        verdicts=str(path),
        method=found.method,
        contaminated=contaminated,
        items=sum(s.items for s in full.sections),
        full=full,
        clean=clean,
        scores=pairs,
        warnings=tuple(warnings),
    )
    if save:
        text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str)
        write_atomically(run_dir / RESULTS, text + "\n")
    return result


def _manifest_digest(run_dir: Path) -> str:
    return RunDir.open(run_dir).manifest().pack_digest
