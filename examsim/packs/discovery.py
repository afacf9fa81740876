"""Finding packs by id: ``--packs DIR`` folders, then ``EXAMSIM_PATH``, then the bundled exams."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from examsim.errors import NotFoundError
from examsim.packs.load import EXAM_FILE
from examsim.resources import bundled_dir


@dataclass(frozen=True)
class PackRef:
    """Where a pack lives, before it is loaded."""

    id: str
    root: Path
    origin: str  # "packs", "EXAMSIM_PATH" or "bundled"


def search_dirs(packs: Sequence[Path] = ()) -> list[tuple[Path, str]]:
    """Folders searched for packs, in priority order."""
    dirs: list[tuple[Path, str]] = [(Path(p), "packs") for p in packs]
    env = os.environ.get("EXAMSIM_PATH", "")
    dirs += [(Path(p), "EXAMSIM_PATH") for p in env.split(os.pathsep) if p]
    dirs.append((bundled_dir("exams"), "bundled"))
    return dirs


def _read_id(exam_file: Path) -> str | None:
    """The ``id:`` of an exam.yaml, read cheaply (first top-level ``id:`` line)."""
    try:
        with exam_file.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("id:"):
                    return line[3:].split("#", 1)[0].strip().strip("'\"") or None
    except (OSError, UnicodeDecodeError):
        return None
    return None


def list_pack_refs(packs: Sequence[Path] = ()) -> list[PackRef]:
    """Every pack in the search folders; a pack id found earlier hides later ones."""
    found: dict[str, PackRef] = {}
    for folder, origin in search_dirs(packs):
        candidates = [folder] if (folder / EXAM_FILE).is_file() else (
            sorted(p for p in folder.iterdir() if (p / EXAM_FILE).is_file())
            if folder.is_dir() else []
        )
        for root in candidates:
            pack_id = _read_id(root / EXAM_FILE) or root.name
            found.setdefault(pack_id, PackRef(pack_id, root, origin))
    return sorted(found.values(), key=lambda r: r.id)


def find_pack(name: str, packs: Sequence[Path] = ()) -> Path:
    """The folder of exam ``name``: a path to a pack folder, or an exam id."""
    as_path = Path(name)
    if (as_path / EXAM_FILE).is_file():
        return as_path
    for folder, _ in search_dirs(packs):
        direct = folder / name
        if (direct / EXAM_FILE).is_file() and _read_id(direct / EXAM_FILE) in (name, None):
            return direct
    for ref in list_pack_refs(packs):
        if ref.id == name:
            return ref.root
    known = ", ".join(r.id for r in list_pack_refs(packs)) or "none"
    raise NotFoundError(
        f"No exam '{name}'. Known exams: {known}. "
        "Add a folder of packs with --packs DIR or EXAMSIM_PATH."
    )
