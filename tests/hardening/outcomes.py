"""What a fuzz case may end in: a result, or an ExamsimError that says where and why.

Any other exception is a bug (the CLI would report it as an internal error), so it is left
to propagate and fail the case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from examsim.errors import ExamsimError, FileProblemsError, Problem

T = TypeVar("T")

# Problems about a file as a whole have no line or field to name.
WHOLE_FILE = ("file not found", "not UTF-8", "cannot read", "is empty", "the file is",
              "nested too deeply", "expands to more than", "not a folder")


def check_problem(problem: Problem, files: Iterable[Path]) -> None:
    """A problem names one of ``files`` and, unless it is about the whole file, the line
    or field; its text says what is wrong."""
    names = {Path(f).resolve() for f in files}
    assert problem.file is not None, problem
    assert Path(problem.file).resolve() in names, (problem, names)
    assert problem.message.strip(), problem
    if not (problem.field or problem.line is not None):
        assert any(phrase in problem.message for phrase in WHOLE_FILE), problem


def handled(call: Callable[[], T], files: Iterable[Path]) -> T | None:
    """``call()``'s result, or None after an ExamsimError that names one of ``files``."""
    files = list(files)
    try:
        return call()
    except FileProblemsError as exc:
        assert exc.problems, exc
        for problem in exc.problems:
            check_problem(problem, files)
        return None
    except ExamsimError as exc:
        message = str(exc)
        assert any(str(f) in message or Path(f).name in message for f in files), message
        assert "Traceback" not in message
        return None
