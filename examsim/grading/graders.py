"""The grader contract and the ``graders`` registry.

A grader marks one free response on its item's rubric. Built-in graders are registered
the way a plugin is (entry-point group ``examsim.graders``: a name mapped to a factory
taking the grader spec). A spec that names no registered grader is a model spec such as
``openai/gpt-4o``, graded by a model through its adapter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from examsim.grading.tasks import GradingTask
from examsim.registry import Registry
from examsim.runlog import GraderKind

if TYPE_CHECKING:
    from examsim.packs import Pack


@dataclass(frozen=True)
class Marks:
    """A grader's marks for one response: points per rubric part and a justification."""

    marks: Mapping[str, float]
    """Points per part id (analytic criterion ids, or ``holistic``)."""
    comment: str = ""
    attempts: int = 1
    """Requests it took to get valid marks (malformed answers are asked for again)."""


class GradeFailed(Exception):
    """A grader could not produce valid marks; the failure is recorded, not raised on."""

    def __init__(self, reason: str, attempts: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts


class Grader(Protocol):
    """Marks free responses on their rubrics."""

    name: str
    """Identity written to grades.jsonl, e.g. ``openai/gpt-4o`` or ``mock/reference-match``."""
    kind: GraderKind
    """``model`` or ``baseline`` (people grade through the human session instead)."""
    deterministic: bool
    """True when a second sample would repeat the first."""

    async def grade(self, task: GradingTask) -> Marks:
        """Valid marks for every part of the task's rubric, or raise GradeFailed."""
        ...


GraderFactory = Callable[[str], Grader]

GRADERS: Registry[GraderFactory] = Registry(
    "graders",
    builtins={"mock/reference-match": "examsim.grading.baseline:ReferenceMatchGrader"},
)


def make_grader(
    spec: str, *, pack: Pack | None = None, temperature: float = 0.0, retries: int = 2
) -> Grader:
    """The grader a spec names: a registered grader, else a model grader for a model spec.

    ``pack``, ``temperature`` and ``retries`` configure a model grader; registered graders
    take only their spec.
    """
    if spec in GRADERS:
        return GRADERS.get(spec)(spec)
    from examsim.grading.model_grader import ModelGrader

    return ModelGrader.from_spec(spec, pack=pack, temperature=temperature, retries=retries)
