"""A person sitting an exam in the terminal (``examsim take``), as a library.

    start_sitting(exam, candidate)   draw a form and create the sitting's run directory
    resume_sitting(run_dir)          continue where it stopped, the clock still running
    find_unfinished(runs, exam, who) sittings a person left unfinished
    sitting_result(run_dir, pack)    scores, pass marks and responses awaiting a grader

The terminal itself (drawing, keys) is in ``examsim/cli/take.py``; nothing here prints.
"""

from __future__ import annotations

from examsim.take.answers import Command, InvalidAnswer, parse_answer, parse_command
from examsim.take.clock import Clock, wall_clock
from examsim.take.result import PassMark, SittingResult, sitting_result
from examsim.take.sitting import ItemState, SectionState, Sitting, TimeUp
from examsim.take.start import Unfinished, find_unfinished, resume_sitting, start_sitting

__all__ = [
    "Clock",
    "Command",
    "InvalidAnswer",
    "ItemState",
    "PassMark",
    "SectionState",
    "Sitting",
    "SittingResult",
    "TimeUp",
    "Unfinished",
    "find_unfinished",
    "parse_answer",
    "parse_command",
    "resume_sitting",
    "sitting_result",
    "start_sitting",
    "wall_clock",
]
