"""Exporting packs to the formats LMSs read: QTI 2.1 packages, Moodle XML, Markdown quizzes.

Each format is an ``Exporter`` in the ``exporters`` registry (entry-point group
``examsim.exporters``). What a format cannot hold (rubric criteria, passages kept apart,
partial credit) is listed in the result's notes rather than dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from examsim.errors import ExamsimError
from examsim.packs.model import Pack
from examsim.registry import Registry

__all__ = ["ExportResult", "Exporter", "export_pack", "exporters"]


@dataclass
class ExportResult:
    """Where the export went and what it could not carry."""

    path: Path
    format: str
    items: int = 0
    notes: list[str] = field(default_factory=list)


class Exporter(Protocol):
    """Writes a pack in one foreign format."""

    name: str
    """Registry name, as given to ``--format``."""
    suffix: str
    """File suffix of the written file, e.g. ``.zip``."""
    description: str

    def write(self, pack: Pack, dest: Path) -> ExportResult:
        """Write ``pack`` to the file ``dest``; return the result with notes."""
        ...


exporters: Registry[Exporter] = Registry(
    "exporters",
    {
        "qti": "examsim.packs.exporters.qti:exporter",
        "moodle": "examsim.packs.exporters.moodle:exporter",
        "md": "examsim.packs.exporters.quiz_markdown:exporter",
    },
)


def export_pack(
    pack: Pack, format: str, out: Path | None = None, force: bool = False
) -> ExportResult:
    """Export ``pack`` as ``format`` to ``out`` (default ``./<id><suffix>``)."""
    exporter = exporters.get(format)
    dest = Path(out) if out is not None else Path.cwd() / f"{pack.id}{exporter.suffix}"
    if dest.is_dir():
        dest = dest / f"{pack.id}{exporter.suffix}"
    if dest.exists() and not force:
        raise ExamsimError(f"{dest} already exists. Choose another --out, or add --force to "
                           "replace it.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    return exporter.write(pack, dest)
