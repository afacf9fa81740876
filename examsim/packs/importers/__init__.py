"""Importing exams from the formats teachers already use into examsim packs.

Each format is an ``Importer`` in the ``importers`` registry (entry-point group
``examsim.importers``): one ``read`` method turning a file into a ``Draft`` plus an import
report. ``import_file`` detects the format, writes the pack and validates it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from examsim.errors import ExamsimError, UsageError
from examsim.packs.importers.draft import Draft, ImportReport, Skipped
from examsim.packs.model import Pack
from examsim.registry import Registry

__all__ = ["ImportOptions", "ImportResult", "Importer", "Skipped", "detect_format",
           "import_file", "importers"]


@dataclass(frozen=True)
class ImportOptions:
    """What the command line passes to an importer."""

    answers: Path | None = None
    """A separate answer-key file (PDF importer)."""
    name: str | None = None
    """The pack's name; default: the title the source gives, else the file name."""


class Importer(Protocol):
    """Reads one foreign format."""

    name: str
    """Registry name, as given to ``--format``."""
    description: str
    """One line for ``--help`` and the docs."""
    extensions: tuple[str, ...]
    """File suffixes this format usually has (used when the format is not given)."""

    def read(self, source: Path, options: ImportOptions) -> Draft:
        """Read ``source`` into a draft pack and a report of what could not be mapped."""
        ...


importers: Registry[Importer] = Registry(
    "importers",
    {
        "pdf": "examsim.packs.importers.pdf:importer",
        "qti": "examsim.packs.importers.qti:importer",
        "moodle": "examsim.packs.importers.moodle:importer",
        "gift": "examsim.packs.importers.gift:importer",
        "aiken": "examsim.packs.importers.aiken:importer",
        "md": "examsim.packs.importers.quiz_markdown:importer",
        "jsonl": "examsim.packs.importers.jsonl:importer",
        "csv": "examsim.packs.importers.csv_rows:importer",
    },
)


@dataclass(frozen=True)
class ImportResult:
    """A written, validated pack and what the import could not carry over."""

    pack: Pack
    out: Path
    format: str
    report: ImportReport


def _head(path: Path, size: int = 65536) -> str:
    try:
        with path.open("rb") as fh:
            return fh.read(size).decode("utf-8", "replace")
    except OSError:
        return ""


def detect_format(path: Path) -> str:
    """The importer for ``path``, from its suffix and, where that is ambiguous, its content."""
    import re

    suffix = path.suffix.lower()
    head = _head(path)
    if head.startswith("%PDF") or suffix == ".pdf":
        return "pdf"
    if suffix == ".zip" or head.startswith("PK\x03\x04"):
        return "qti"
    if suffix in (".xml", ".qti") or head.lstrip("\ufeff \n").startswith("<"):
        if re.search(r"<quiz[\s>]", head):
            return "moodle"
        if re.search(r"assessment-?(item|test)|<manifest|<questestinterop", head, re.I):
            return "qti"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix == ".gift":
        return "gift"
    if suffix in (".md", ".markdown"):
        return "md"
    body = "\n".join(
        line for line in head.splitlines() if not line.lstrip().startswith("//")
    )
    if re.search(r"^\s*ANSWER:\s*[A-Z]", head, re.M) and not re.search(r"\{[^}]*[=~]", body):
        return "aiken"
    if re.search(r"\{\s*(?:[=~#}]|T\b|F\b|TRUE\b|FALSE\b)", body) or re.search(r"^::", body, re.M):
        return "gift"
    if re.search(r"^(Quiz title:|Title:|Points:)", head, re.M) or re.search(
        r"^\s*\*?[a-z]\)\s", head, re.M
    ):
        return "md"
    raise UsageError(
        f"{path}: cannot tell the format from the file name or its content. Add --format "
        f"with one of: {', '.join(importers.names())}."
    )


def default_pack_id(path: Path) -> str:
    from examsim.packs.importers.text import slug

    stem = path.name.split(".")[0] if not path.name.startswith(".") else path.stem
    return slug(stem, fallback="imported").lower()


def import_file(
    source: Path,
    *,
    format: str | None = None,
    out: Path | None = None,
    pack_id: str | None = None,
    options: ImportOptions | None = None,
    force: bool = False,
) -> ImportResult:
    """Import ``source`` into a pack folder (default ``./<id>``), validated on the way out."""
    import re

    from examsim.packs.importers.writer import check_destination, write_draft
    from examsim.packs.schema import ID_PATTERN

    source = Path(source)
    if not source.exists():
        raise ExamsimError(f"{source}: file not found. Check the path.")
    name = format or detect_format(source)
    importer = importers.get(name)
    pack_id = pack_id or default_pack_id(source)
    if not re.match(ID_PATTERN, pack_id):
        raise UsageError(
            f"'{pack_id}' is not a valid pack id. Use letters, digits, '_', '.' or '-'."
        )
    out = Path(out) if out is not None else Path.cwd() / pack_id
    check_destination(out, force)  # before any work, so a wrong --out fails fast
    draft = importer.read(source, options or ImportOptions())
    if options and options.name:
        draft.name = options.name
    if draft.item_count() == 0:
        reasons = "; ".join(f"{s.where}: {s.reason}" for s in draft.report.skipped[:5])
        raise ExamsimError(
            f"{source}: no question could be imported as {name}"
            + (f" ({reasons})" if reasons else "")
            + ". Check the file, or give the right --format."
        )
    pack = write_draft(draft, out, pack_id, force=force)
    return ImportResult(pack, out, name, draft.report)
