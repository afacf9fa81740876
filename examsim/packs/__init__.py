"""Exam packs: the format, loading, validation and discovery."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from examsim.packs.discovery import PackRef, find_pack, list_pack_refs
from examsim.packs.load import inspect_pack, load_pack_dir
from examsim.packs.model import Pack, PackSection, item_max_points, needs_grading

__all__ = [
    "Pack",
    "PackRef",
    "PackSection",
    "find_pack",
    "inspect_pack",
    "item_max_points",
    "list_pack_refs",
    "load_pack",
    "needs_grading",
]


def load_pack(name: str | Path, packs: Sequence[Path] = ()) -> Pack:
    """Load exam ``name`` (an id or a pack folder); raise PackError listing every problem."""
    return load_pack_dir(find_pack(str(name), packs))
