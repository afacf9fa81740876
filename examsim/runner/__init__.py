"""The runner: sitting an exam with a model under the exam's protocol.

``run_exam(exam, model)`` draws the form, asks every item with bounded concurrency,
retries and a response cache, appends each attempt to the run log and returns a
``RunSummary``; ``resume_run(run_dir)`` continues a stopped run; ``plan_run`` estimates.
"""

from __future__ import annotations

from examsim.runner.executor import ProgressEvent
from examsim.runner.retry import RetryPolicy
from examsim.runner.run import (
    RunOptions,
    RunPlan,
    plan_run,
    resume_run,
    resume_run_async,
    run_exam,
    run_exam_async,
)
from examsim.runner.summary import RunSummary, SectionScore, summarise

__all__ = [
    "ProgressEvent",
    "RetryPolicy",
    "RunOptions",
    "RunPlan",
    "RunSummary",
    "SectionScore",
    "plan_run",
    "resume_run",
    "resume_run_async",
    "run_exam",
    "run_exam_async",
    "summarise",
]
