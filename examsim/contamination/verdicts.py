"""The verdict file: one scan's per-item verdicts, and how they were reached.

Written atomically (a temporary file in the same folder, fsynced, then renamed), so an
interrupted scan leaves either the previous file or none, never one that looks complete.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from examsim.errors import ContaminationError

VERDICT_FORMAT: Literal["examsim-contamination/1"] = "examsim-contamination/1"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class MatchRecord(_Record):
    """A key of an item found in the corpus."""

    key: str
    """The probe, n-gram or segment that was found."""
    count: int
    """Occurrences (fuzzy: similar stretches at or above the threshold)."""
    score: float
    """100 for an exact match; the similarity for fuzzy matching."""
    file: str
    document: str | None
    """``line N`` (jsonl), ``row N`` (parquet), an id field's value, or null for .txt."""
    offset: int
    """Byte offset in the (decompressed) .txt file, or character offset in the document."""


class ItemVerdict(_Record):
    """Whether one item occurs in the corpus."""

    item: str
    section: str
    contaminated: bool
    method: str
    checked: bool
    """False when the item has no text to check (only symbols); it then counts as clean."""
    keys: int
    """Probes, n-grams or segments the item was checked with."""
    needed: int
    """How many of them had to be found."""
    matched: int
    """How many were found (fuzzy: at or above the threshold)."""
    best_score: float | None = None
    """Highest similarity seen (fuzzy); 100 for exact methods when matched."""
    probes: list[str] = []
    """The normalised substrings checked (substring method)."""
    matches: list[MatchRecord] = []
    """Found keys (at most 20, in key order), with the first place each was found."""


class CorpusFile(_Record):
    path: str
    kind: Literal["txt", "jsonl", "parquet"]
    compression: str
    size: int


class VerdictFile(_Record):
    """A whole scan: exam, method and options, corpus, and one verdict per item."""

    format: Literal["examsim-contamination/1"] = VERDICT_FORMAT
    exam: str
    pack_digest: str
    method: str
    options: dict[str, Any]
    engine: str
    corpus: list[CorpusFile]
    documents: int
    bytes_read: int
    """Bytes of (decompressed) text read."""
    started_at: str
    finished_at: str
    elapsed_s: float
    items: list[ItemVerdict]

    def contaminated(self) -> set[str]:
        """Ids of the contaminated items."""
        return {v.item for v in self.items if v.contaminated}

    def summary(self) -> dict[str, Any]:
        """Items and contamination overall and per section (in exam order)."""
        sections: dict[str, dict[str, Any]] = {}
        for verdict in self.items:
            row = sections.setdefault(verdict.section, {"section": verdict.section,
                                                        "items": 0, "contaminated": 0})
            row["items"] += 1
            row["contaminated"] += int(verdict.contaminated)
        for row in sections.values():
            row["percent"] = 100.0 * row["contaminated"] / row["items"] if row["items"] else 0.0
        total = len(self.items)
        dirty = len(self.contaminated())
        return {
            "exam": self.exam,
            "method": self.method,
            "items": total,
            "contaminated": dirty,
            "percent": 100.0 * dirty / total if total else 0.0,
            "unchecked": sum(1 for v in self.items if not v.checked),
            "sections": list(sections.values()),
            "files": len(self.corpus),
            "documents": self.documents,
            "bytes_read": self.bytes_read,
            "elapsed_s": self.elapsed_s,
        }


def write_verdicts(path: Path, verdicts: VerdictFile) -> None:
    """Write the file atomically: complete, or not at all."""
    write_atomically(Path(path), verdicts.model_dump_json(indent=2) + "\n")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, fsync it, then rename it."""
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_verdicts(path: Path) -> VerdictFile:
    """Read a verdict file; errors name the file and the field."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ContaminationError(
            f"{path}: no such verdict file. Fix: make one with 'examsim contamination scan'."
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ContaminationError(f"{path}: cannot be read ({exc}).") from exc
    except json.JSONDecodeError as exc:
        raise ContaminationError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg}). "
            "Fix: scan again; verdict files are written whole or not at all."
        ) from exc
    if not isinstance(data, dict) or data.get("format") != VERDICT_FORMAT:
        raise ContaminationError(
            f"{path}: not an examsim verdict file (format is not '{VERDICT_FORMAT}'). "
            "Fix: give a file written by 'examsim contamination scan'."
        )
    try:
        return VerdictFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ContaminationError(f"{path}: {field}: {first['msg']}.") from exc
