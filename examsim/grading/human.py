"""A person grading a run's free responses, one at a time, saving after each.

The terminal conversation lives in the CLI; this holds what it needs: which responses
this grader has still to grade (so a session resumes where it stopped), the reading and
checking of typed marks, and the saving of each grade. Graders grade blind: a session
never shows another grader's marks.
"""

from __future__ import annotations

import getpass
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from examsim.errors import GradingError, UsageError
from examsim.grading.aggregate import latest_by_grader
from examsim.grading.grade import record_of
from examsim.grading.graders import Marks
from examsim.grading.rubric import Part, check_marks
from examsim.grading.tasks import GradingTask, RunToGrade, open_run
from examsim.runlog import GradeRecord

_NAME = re.compile(r"^[\w][\w .@'-]{0,79}$", re.UNICODE)
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")


def default_grader_name() -> str:
    """The login name, used when no --grader-name is given."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "grader"


def parse_mark(part: Part, text: str) -> float:
    """The points a person typed for a part (a decimal comma is accepted).

    GradingError says why the text is not an allowed mark, e.g. ``7 is outside 0-2``.
    """
    cleaned = text.strip().replace(",", ".")
    if not _NUMBER.match(cleaned):
        raise GradingError(f"'{text.strip()}' is not a number")
    value = float(cleaned)
    reason = part.check(value)
    if reason:
        raise GradingError(reason)
    return value


class HumanSession:
    """One person's grading of one run."""

    def __init__(
        self,
        run_dir: Path,
        grader_name: str | None = None,
        *,
        pack: Path | None = None,
        items: Sequence[str] = (),
        regrade: bool = False,
    ) -> None:
        name = (grader_name or default_grader_name()).strip()
        if not _NAME.match(name):
            raise UsageError(
                f"Grader name '{name}' is not usable. Fix: use letters, digits, spaces, "
                "'.', '@', '-' (up to 80 characters), e.g. --grader-name 'J. Smith'."
            )
        self.name = name
        self.grader = f"human:{name}"
        self.opened: RunToGrade = open_run(run_dir, pack, items)
        graded = {
            (item, sample)
            for (item, sample, grader) in latest_by_grader(self.opened.run.grades())
            if grader == self.grader
        }
        self.already_graded = 0 if regrade else len(
            [t for t in self.opened.tasks if t.key in graded]
        )
        self._pending = [t for t in self.opened.tasks if regrade or t.key not in graded]
        self.saved: list[GradeRecord] = []

    @property
    def total(self) -> int:
        """Responses in this session's scope (graded before or not)."""
        return len(self.opened.tasks)

    def pending(self) -> list[GradingTask]:
        """Responses this grader has not graded yet, in form order."""
        return list(self._pending)

    def save(self, task: GradingTask, marks: Mapping[str, float], comment: str = "") -> GradeRecord:
        """Check and append one grade (fsynced), and take the response off the list."""
        problems = check_marks(task.rubric, marks)
        if problems:
            raise GradingError(
                f"Grade for {task.item.id} (sample {task.sample}) not saved: "
                + "; ".join(problems) + "."
            )
        record = record_of(task, self.grader, "human", Marks(marks, comment.strip()))
        self.opened.run.append_grade(record)
        self.saved.append(record)
        self._pending = [t for t in self._pending if t.key != task.key]
        return record
