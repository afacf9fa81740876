"""Starting and resuming a person's sitting, and finding sittings left unfinished.

A sitting is a run directory like a model's run (manifest model ``human``, the candidate's
name, the drawn form), so grading, scoring and reports read it the same way. The form is
drawn by the runner's own ``draw_form``: a pack with an item pool gives each sitting its
own form, from a seed chosen per sitting unless one is given, and the manifest records
the seed and the form.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from examsim.errors import RunLogError, UsageError
from examsim.packs import Pack, load_pack
from examsim.packs.load import load_pack_dir
from examsim.runlog import MANIFEST, Manifest, RunDir
from examsim.runner.form import draw_form
from examsim.runner.run import default_run_dir
from examsim.take import clock as clocks
from examsim.take.clock import Clock, stamp
from examsim.take.sitting import SITTING, Sitting, section_limit
from examsim.version import __version__

_NAME = re.compile(r"^[\w][\w .@'-]{0,79}$", re.UNICODE)


def check_candidate(name: str) -> str:
    """The candidate's name, trimmed; UsageError when it cannot name a sitting."""
    cleaned = " ".join(name.split())
    if not _NAME.match(cleaned):
        raise UsageError(
            f"Name '{name.strip()}' is not usable. Fix: use letters, digits, spaces, '.', "
            "'@', \"'\" or '-' (up to 80 characters), e.g. --name 'Ana Lima'."
        )
    return cleaned


def start_sitting(
    exam: str | Path | Pack,
    candidate: str,
    *,
    packs: Sequence[Path] = (),
    runs_dir: Path = Path("runs"),
    out: Path | None = None,
    seed: int | None = None,
    time_factor: float = 1.0,
    clock: Clock | None = None,
) -> Sitting:
    """Draw a form of ``exam`` (an id, a pack folder or a loaded pack) for ``candidate`` and
    create the sitting's run directory."""
    name = check_candidate(candidate)
    if time_factor <= 0:
        raise UsageError("--time-factor must be more than 0 (1.5 gives 50 % extra time).")
    pack = exam if isinstance(exam, Pack) else load_pack(exam, packs)
    chosen = seed if seed is not None else secrets.randbelow(2**31)
    form = draw_form(pack, chosen)
    if not any(form.values()):
        raise UsageError(f"Exam '{pack.id}' has no items to sit.")
    path = out or default_run_dir(pack.id, f"human-{name}", runs_dir)
    if (path / MANIFEST).exists():
        raise RunLogError(f"{path} already holds a run. Fix: continue it with 'examsim take "
                          f"--resume {path}' or choose another --out.")
    manifest = Manifest(
        run_id=path.name,
        exam=pack.id,
        pack_path=str(pack.root.resolve()),
        pack_digest=pack.digest,
        pack_version=pack.exam.version,
        model="human",
        candidate=name,
        protocol="human",
        vision=True,
        seed=chosen,
        samples=1,
        parameters={
            SITTING: {
                "time_factor": time_factor,
                "seed_given": seed is not None,
                "images": "file path and alt text shown in the terminal",
                "sections": {
                    s.id: {"time_limit_s": section_limit(s, time_factor), "started_at": None,
                           "ended_at": None, "ended_by": None}
                    for s in pack.sections
                },
            },
        },
        form=form,
        examsim_version=__version__,
        started_at=stamp((clock or clocks.wall_clock)()),
    )
    return Sitting(RunDir.create(path, manifest), pack, clock)


def resume_sitting(run_dir: Path, *, clock: Clock | None = None) -> Sitting:
    """Open a sitting where it stopped; the pack must be unchanged since it started."""
    run = RunDir.open(run_dir)
    manifest = run.manifest()
    if manifest.model != "human":
        raise UsageError(f"{run_dir} is a run of {manifest.model}, not a person's sitting. "
                         f"Fix: continue it with 'examsim resume {run_dir}'.")
    pack = _pack_of(manifest)
    return Sitting(run, pack, clock)


def _pack_of(manifest: Manifest) -> Pack:
    pack = load_pack_dir(Path(manifest.pack_path))
    if pack.digest != manifest.pack_digest:
        raise RunLogError(
            f"The pack at {manifest.pack_path} changed since the sitting started "
            f"({manifest.pack_digest[:19]}... then, {pack.digest[:19]}... now). "
            "Fix: restore the pack as it was, or start a new sitting."
        )
    return pack


@dataclass(frozen=True)
class Unfinished:
    """A sitting that was started and not finished."""

    path: Path
    started_at: str
    answered: int
    """Items with an answer saved."""
    items: int


def find_unfinished(runs_dir: Path, exam: str, candidate: str) -> list[Unfinished]:
    """Unfinished sittings of ``exam`` by ``candidate`` under ``runs_dir``, newest first.

    Folders that are not readable runs are passed over: they belong to someone else.
    """
    name = check_candidate(candidate)
    found: list[Unfinished] = []
    if not runs_dir.is_dir():
        return found
    for manifest_path in runs_dir.glob(f"*/{MANIFEST}"):
        run = RunDir(manifest_path.parent)
        try:
            manifest = run.manifest()
            if (manifest.model, manifest.exam, manifest.candidate) != ("human", exam, name) \
                    or manifest.finished_at is not None:
                continue
            latest = run.latest_responses()
        except RunLogError:
            continue
        answered = sum(1 for r in latest.values() if r.status == "answered")
        found.append(Unfinished(run.path, manifest.started_at, answered,
                                sum(len(ids) for ids in manifest.form.values())))
    return sorted(found, key=lambda u: u.started_at, reverse=True)
