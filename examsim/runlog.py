"""The run log: the contract between running, grading, scoring and reporting.

A run directory holds::

    manifest.json     what was run: exam, pack digest, model, protocol, vision, seed, form
    responses.jsonl   one line per finished item attempt (append-only, fsynced per line)
    grades.jsonl      one line per grade of a free response (append-only)

Later lines for the same (item, sample) supersede earlier ones, so a person changing an
answer, or a resumed run retrying a failed item, only ever appends. A line cut short by a
crash is ignored on reading. Nothing here calls a model.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from examsim.errors import RunLogError

RUN_FORMAT: Literal["examsim-run/1"] = "examsim-run/1"
MANIFEST = "manifest.json"
RESPONSES = "responses.jsonl"
GRADES = "grades.jsonl"

Answer = str | list[str] | float | None
ResponseStatus = Literal["answered", "unparsed", "blank", "error"]
GraderKind = Literal["model", "human", "baseline", "import"]


def now() -> str:
    """The current time as an ISO 8601 UTC timestamp."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Usage(_Record):
    """Tokens used by one attempt (all steps of the protocol together)."""

    input_tokens: int = 0
    output_tokens: int = 0


class Manifest(_Record):
    """``manifest.json``: what was run, under which conditions."""

    format: Literal["examsim-run/1"] = RUN_FORMAT
    run_id: str
    exam: str
    """Exam id."""
    pack_path: str
    """Folder the pack was loaded from."""
    pack_digest: str
    """sha256 of the pack's files when the run started."""
    pack_version: str = "1"
    model: str
    """Model spec, e.g. ``openai/gpt-4o``, ``mock/answer-key`` or ``human``."""
    candidate: str | None = None
    """Name of the person sitting the exam (``examsim take``)."""
    protocol: str = "gpt4"
    """``gpt4`` (Appendix A) or ``direct``."""
    vision: bool = True
    """False when images were replaced by ``IMAGE:`` placeholders."""
    seed: int = 0
    samples: int = Field(default=1, ge=1)
    """Samples per item."""
    parameters: dict[str, Any] = {}
    """Anything else that shaped the run (concurrency, max tokens, grader, ...)."""
    form: dict[str, list[str]] = {}
    """Item ids of each section, in the order presented (the drawn form)."""
    contamination: str | None = None
    """Path of the contamination verdict file applied to this run, if any."""
    examsim_version: str
    started_at: str = Field(default_factory=now)
    finished_at: str | None = None


class ResponseRecord(_Record):
    """One line of ``responses.jsonl``: a finished attempt at one item."""

    item: str
    section: str
    sample: int = 0
    status: ResponseStatus
    """``answered``, ``unparsed`` (no answer could be read; scored wrong), ``blank``, ``error``."""
    answer: Answer = None
    """The extracted answer: a letter, letters, a number or text; None if none."""
    output: str | None = None
    """The model's raw output (all protocol steps), or what the person typed."""
    prompt_digest: str | None = None
    usage: Usage = Usage()
    latency_s: float | None = None
    cost_usd: float | None = None
    """Cost of this attempt; None when the price is unknown."""
    cached: bool = False
    error: str | None = None
    """Why the attempt failed (status ``error``)."""
    flagged: bool = False
    """Marked for review by a person sitting the exam."""
    at: str = Field(default_factory=now)


class GradeRecord(_Record):
    """One line of ``grades.jsonl``: one grader's grade of one free response."""

    item: str
    sample: int = 0
    grader: str
    """Who graded: a model spec, ``human:<name>``, ``mock/reference-match``, ``import:<file>``."""
    grader_kind: GraderKind
    status: Literal["ok", "failed"] = "ok"
    score: float | None = None
    """Points on the item's rubric (sum of criteria, or the holistic score)."""
    max: float | None = None
    criteria: dict[str, float] = {}
    """Points per analytic criterion."""
    comment: str = ""
    """Justification or grader's comment."""
    error: str | None = None
    at: str = Field(default_factory=now)


def _append_line(path: Path, record: BaseModel) -> None:
    _append_lines(path, [record])


def _end_last_line(fd: int) -> None:
    """Make sure the file ends with a newline before more lines are appended.

    A write cut short (power cut, full disk) can leave a last line without its newline.
    Appended to as it is, the next line would be glued to it and the file damaged. A tail
    that is a whole JSON value only lacks the newline and gets one; any other tail was
    never a record (readers ignore it) and is cut off.
    """
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return
    tail = b""
    while len(tail) < size:
        start = max(0, size - len(tail) - 65536)
        chunk = os.pread(fd, size - len(tail) - start, start)
        newline = chunk.rfind(b"\n")
        if newline != -1:
            tail = chunk[newline + 1 :] + tail
            break
        tail = chunk + tail
    try:
        json.loads(tail)
    except ValueError:
        os.ftruncate(fd, size - len(tail))
    else:
        os.write(fd, b"\n")


def _append_lines(path: Path, records: Sequence[BaseModel]) -> None:
    """Append whole lines with one write and one fsync (a group commit)."""
    data = "".join(r.model_dump_json(exclude_none=False) + "\n" for r in records).encode("utf-8")
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        _end_last_line(fd)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_lines(path: Path, model: type[BaseModel]) -> Iterator[Any]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="replace") as fh:
        lines = fh.readlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield model.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as exc:
            # The last line may be cut short by a crash; anything else is damage.
            if number == len(lines) and not line.endswith("\n"):
                return
            raise RunLogError(
                f"{path}:{number}: not a valid {model.__name__} line ({exc.__class__.__name__})."
                " Fix: remove or repair that line; every other line is kept."
            ) from exc


class RunDir:
    """A run directory: read and append its files."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST

    @property
    def responses_path(self) -> Path:
        return self.path / RESPONSES

    @property
    def grades_path(self) -> Path:
        return self.path / GRADES

    @classmethod
    def create(cls, path: Path, manifest: Manifest) -> RunDir:
        """Make a new run directory; refuse to overwrite one."""
        run = cls(path)
        if run.manifest_path.exists():
            raise RunLogError(
                f"{path} already holds a run. Fix: resume it with 'examsim resume {path}' "
                "or choose another --out."
            )
        run.path.mkdir(parents=True, exist_ok=True)
        run.write_manifest(manifest)
        return run

    @classmethod
    def open(cls, path: Path) -> RunDir:
        """Open an existing run directory (checks the manifest is readable)."""
        run = cls(path)
        if not run.path.is_dir():
            raise RunLogError(f"No run directory at {path}.")
        run.manifest()
        return run

    def manifest(self) -> Manifest:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise RunLogError(
                f"{self.manifest_path}: missing. Fix: point at a folder made by 'examsim run'."
            ) from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RunLogError(f"{self.manifest_path}: not valid JSON ({exc}).") from exc
        try:
            return Manifest.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise RunLogError(f"{self.manifest_path}: {field}: {first['msg']}.") from exc

    def write_manifest(self, manifest: Manifest) -> None:
        """Replace the manifest atomically (write a temporary file, then rename)."""
        tmp = self.manifest_path.with_suffix(".json.tmp")
        tmp.write_text(manifest.model_dump_json(indent=2) + "\n", encoding="utf-8")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.manifest_path)

    def append_response(self, record: ResponseRecord) -> None:
        _append_line(self.responses_path, record)

    def append_responses(self, records: Sequence[ResponseRecord]) -> None:
        """Append several responses with a single fsync (used by concurrent runs)."""
        if records:
            _append_lines(self.responses_path, records)

    def append_grade(self, record: GradeRecord) -> None:
        _append_line(self.grades_path, record)

    def responses(self) -> list[ResponseRecord]:
        """Every response line, in the order written."""
        return list(_read_lines(self.responses_path, ResponseRecord))

    def grades(self) -> list[GradeRecord]:
        """Every grade line, in the order written."""
        return list(_read_lines(self.grades_path, GradeRecord))

    def latest_responses(self) -> dict[tuple[str, int], ResponseRecord]:
        """The last response for each (item, sample)."""
        latest: dict[tuple[str, int], ResponseRecord] = {}
        for record in self.responses():
            latest[(record.item, record.sample)] = record
        return latest

    def finished(self) -> set[tuple[str, int]]:
        """(item, sample) pairs that need no further attempt (errors are retried)."""
        return {key for key, r in self.latest_responses().items() if r.status != "error"}
