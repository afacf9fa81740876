"""Grading: automatic scoring of keyed items, and rubric grades of free responses.

``grade_run`` grades a run's free responses with model or baseline graders; people grade
through ``HumanSession`` (``examsim grade --human``) or a spreadsheet (``--export`` /
``--import``). Grades are lines of the run's grades.jsonl; ``aggregate.final_grades``
turns them into the one grade each response counts with.
"""

from __future__ import annotations

import importlib
from typing import Any

_API = {
    "grade_run": "examsim.grading.grade",
    "grade_run_async": "examsim.grading.grade",
    "make_graders": "examsim.grading.grade",
    "grading_status": "examsim.grading.grade",
    "HumanSession": "examsim.grading.human",
    "export_grades": "examsim.grading.spreadsheet",
    "import_grades": "examsim.grading.spreadsheet",
    "final_grades": "examsim.grading.aggregate",
}

__all__ = list(_API)


def __getattr__(name: str) -> Any:
    # Lazy, so that importing examsim.grading.auto or .aggregate stays light.
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'examsim.grading' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
