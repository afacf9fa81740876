"""The one error hierarchy of examsim.

Every error a user can cause is an ``ExamsimError``; the CLI prints its message as
``Error: ...`` on stderr and exits 1. Messages say what is wrong, where, and how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ExamsimError(Exception):
    """An error the user can act on; shown without a traceback."""


class UsageError(ExamsimError):
    """The command line itself is wrong (exit code 2)."""


class NotFoundError(ExamsimError):
    """An exam, scale, norm set, run or other named thing does not exist."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a user-written file: where it is and how to fix it."""

    file: Path | None
    line: int | None
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = str(self.file) if self.file else "<input>"
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: {self.field}: " if self.field else f"{where}: "
        text += self.message
        if self.fix:
            text += f" Fix: {self.fix}"
        return text


class FileProblemsError(ExamsimError):
    """One or more problems in user-written files, each with file, line and field."""

    def __init__(self, problems: list[Problem], summary: str = "") -> None:
        self.problems = list(problems)
        head = summary or f"{len(self.problems)} problem(s) found"
        super().__init__("\n".join([head + ":", *(f"  {p}" for p in self.problems)]))


class PackError(FileProblemsError):
    """An exam pack is malformed or inconsistent."""


class TableError(FileProblemsError):
    """A scale, conversion or norm table file is malformed."""


class RunLogError(ExamsimError):
    """A run directory is missing, malformed or belongs to another pack."""


class ModelError(ExamsimError):
    """A model adapter could not be created or called."""


class DependencyError(ExamsimError):
    """An optional dependency is missing; the message names the extra to install."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the '{package}' package. "
            f'Install it with: pip install "examsim[{extra}]"'
        )


class ScoringError(ExamsimError):
    """A score cannot be computed (unknown scale or norms, score outside the scale)."""


class ContaminationError(ExamsimError):
    """A contamination scan cannot run or its inputs are unusable."""


class GradingError(ExamsimError):
    """Grades are malformed or cannot be produced."""
