"""What an importer produces: a draft pack (sections of schema items, image bytes) and a
report of everything it could not map."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from examsim.packs.schema import FormRule, Item


@dataclass(frozen=True)
class Skipped:
    """Something in the source that did not become (all of) an item, and why."""

    where: str
    """Location in the source: ``line 12``, ``question 'Q5'``, ``page 3``, a zip member."""
    what: str
    """What it is, e.g. ``matching question``, ``image``."""
    reason: str
    """Why it was not imported, and what the teacher can do."""


@dataclass
class ImportReport:
    """Everything an import left out or changed, so nothing is dropped silently."""

    skipped: list[Skipped] = field(default_factory=list)
    """Source parts that did not become items."""
    notes: list[Skipped] = field(default_factory=list)
    """Items that were imported but need a look (approximations, missing figures)."""

    def skip(self, where: str, what: str, reason: str) -> None:
        self.skipped.append(Skipped(where, what, reason))

    def note(self, where: str, what: str, reason: str) -> None:
        self.notes.append(Skipped(where, what, reason))


@dataclass
class DraftSection:
    """A section of the pack being built."""

    name: str
    items: list[Item] = field(default_factory=list)
    passages: dict[str, str] = field(default_factory=dict)
    instructions: str | None = None
    time_limit_minutes: float | None = None
    form: FormRule | None = None


class AssetStore:
    """Image bytes to be written under ``assets/``, named once and de-duplicated."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self._by_digest: dict[str, str] = {}

    def add(self, stem: str, suffix: str, data: bytes) -> str:
        """Store ``data``; return its path relative to the pack (``assets/<name>``)."""
        digest = hashlib.sha256(data).hexdigest()
        if digest in self._by_digest:
            return self._by_digest[digest]
        from examsim.packs.importers.text import slug

        suffix = suffix.lower().lstrip(".") or "bin"
        base = slug(stem, fallback="image")[:60]
        name = f"{base}.{suffix}"
        n = 2
        while f"assets/{name}" in self.files:
            name = f"{base}-{n}.{suffix}"
            n += 1
        path = f"assets/{name}"
        self.files[path] = data
        self._by_digest[digest] = path
        return path


@dataclass
class Draft:
    """A pack read from a foreign format, before it is written and validated."""

    name: str
    source: Path
    format: str
    description: str = ""
    sections: list[DraftSection] = field(default_factory=list)
    assets: AssetStore = field(default_factory=AssetStore)
    report: ImportReport = field(default_factory=ImportReport)

    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)
