"""Which runs a report covers: run directories found under the paths given, grouped into
one column per model variant and exam.

A path is a run directory (it holds ``manifest.json``) or a folder of them at any depth.
Runs of the same exam by the same model variant are one group: the report pools them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from examsim.errors import RunLogError
from examsim.packs.load import EXAM_FILE, load_pack_dir
from examsim.packs.model import Pack
from examsim.runlog import MANIFEST, Manifest, RunDir


def variant_label(manifest: Manifest) -> str:
    """The column a run belongs to: the model (or the person), ``(no vision)`` when images
    were replaced by placeholders."""
    who = manifest.candidate or manifest.model
    return who if manifest.vision else f"{who} (no vision)"


@dataclass(frozen=True)
class FoundRun:
    """A run directory and its manifest."""

    path: Path
    manifest: Manifest

    @property
    def variant(self) -> str:
        return variant_label(self.manifest)


@dataclass(frozen=True)
class RunGroup:
    """The runs of one exam by one model variant, in the order they were found."""

    exam: str
    variant: str
    runs: tuple[FoundRun, ...]

    @property
    def manifest(self) -> Manifest:
        """The first run's manifest (model, vision and candidate are the same in all)."""
        return self.runs[0].manifest


def _runs_under(folder: Path) -> list[Path]:
    """Run directories below ``folder``, sorted; a run's own subfolders are not searched."""
    found: list[Path] = []
    for child in sorted(p for p in folder.iterdir() if p.is_dir()):
        if (child / MANIFEST).is_file():
            found.append(child)
        elif not child.name.startswith("."):
            found += _runs_under(child)
    return found


def find_runs(paths: Iterable[str | Path] | str | Path) -> list[FoundRun]:
    """Every run directory named by ``paths`` (runs, or folders holding runs), each once."""
    found: list[FoundRun] = []
    seen: set[Path] = set()
    # One folder given as a plain string or path is one path, not a list of characters.
    given = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    if not given:
        raise RunLogError("No run directories given. Fix: name run folders, or a folder of runs.")
    for path in given:
        if not path.exists():
            raise RunLogError(f"{path}: no such folder. Fix: give a run directory or a folder "
                              "of run directories.")
        if not path.is_dir():
            raise RunLogError(f"{path}: not a folder. Fix: give a run directory (the folder "
                              "holding manifest.json), not a file in it.")
        runs = [path] if (path / MANIFEST).is_file() else _runs_under(path)
        if not runs:
            raise RunLogError(f"{path}: holds no run directories (no manifest.json found). "
                              "Fix: give folders written by 'examsim run'.")
        for run_path in runs:
            key = run_path.resolve()
            if key in seen:
                continue
            seen.add(key)
            found.append(FoundRun(run_path, RunDir.open(run_path).manifest()))
    return found


def group_runs(runs: Sequence[FoundRun]) -> list[RunGroup]:
    """Runs grouped by (exam, variant), groups in the order of their first run."""
    groups: dict[tuple[str, str], list[FoundRun]] = {}
    for run in runs:
        groups.setdefault((run.manifest.exam, run.variant), []).append(run)
    return [RunGroup(exam, variant, tuple(members)) for (exam, variant), members in
            groups.items()]


def variants(runs: Sequence[FoundRun]) -> list[str]:
    """Variant labels in the order first seen: the columns of Table 1."""
    return list(dict.fromkeys(run.variant for run in runs))


def recorded_pack_dir(run_path: Path, manifest: Manifest) -> Path | None:
    """The pack folder the manifest names, if it still holds a pack (a relative path is
    read from the run directory first, as scoring does)."""
    recorded = Path(manifest.pack_path)
    candidates = [recorded] if recorded.is_absolute() else [run_path / recorded, recorded]
    return next((c for c in candidates if (c / EXAM_FILE).is_file()), None)


def run_pack(run_path: Path, manifest: Manifest, packs: Sequence[Path] = ()) -> Pack:
    """The pack a run was made from: its recorded folder, else found by exam id."""
    from examsim.packs import load_pack

    folder = recorded_pack_dir(run_path, manifest)
    pack = load_pack_dir(folder) if folder is not None else load_pack(manifest.exam, packs)
    if pack.id != manifest.exam:
        raise RunLogError(
            f"{run_path}: the run is of exam '{manifest.exam}' but {pack.root} holds "
            f"'{pack.id}'. Fix: pass the run's own pack with --packs."
        )
    return pack
