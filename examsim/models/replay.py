"""``replay/<path>``: answers recorded elsewhere, read from a JSONL file.

Each line is an object with ``item`` and either ``output`` (the text a model wrote) or
``answer`` (a letter, letters, a number or text), and optionally ``sample``. A run's own
``responses.jsonl`` is such a file, so a finished run can be replayed through a changed
answer parser. The last line for an (item, sample) wins; a line without ``sample`` serves
every sample of its item. Path examples: ``replay/answers.jsonl``, ``replay//abs/a.jsonl``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from examsim.errors import ModelError
from examsim.models.adapter import ModelAdapter, ModelContext, ProviderError
from examsim.models.offline import answer_text, apply_stop, say_answer
from examsim.models.types import GenerateRequest, GenerateResult


@dataclass(frozen=True)
class Recorded:
    """One recorded answer: the model's text, or just the answer it gave."""

    output: str | None = None
    answer: str | None = None


class ReplayModel:
    """Answers looked up by item id (and sample) in a recorded file."""

    supports_images = True
    cacheable = False

    def __init__(self, path: Path, outputs: dict[tuple[str, int | None], Recorded]) -> None:
        self.path = path
        self.name = f"replay/{path}"
        self.cache_identity = self.name
        self._outputs = outputs

    async def generate(self, request: GenerateRequest) -> GenerateResult:
        item = request.metadata.get("item", "")
        sample = int(request.metadata.get("sample", "0"))
        recorded = self._outputs.get((item, sample), self._outputs.get((item, None)))
        if recorded is None:
            raise ProviderError(f"no recorded answer for item '{item}' sample {sample} "
                                f"in {self.path}")
        if recorded.output is not None:
            text = recorded.output
        else:
            text = say_answer(request.metadata.get("step", "response"), recorded.answer or "")
        return GenerateResult(apply_stop(text, request.stop), finish_reason="stop")


def read_recorded(path: Path) -> dict[tuple[str, int | None], Recorded]:
    """(item, sample or None) -> recorded text, from a JSONL file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise ModelError(f"replay: no file {path}. Fix: give the path of a JSONL file "
                         "after 'replay/'.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"replay: cannot read {path} ({exc}).") from exc
    outputs: dict[tuple[str, int | None], Recorded] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ModelError(f"{path}:{number}: not valid JSON ({exc.msg}). "
                             "Fix: one JSON object per line.") from exc
        if not isinstance(data, dict) or not isinstance(data.get("item"), str):
            raise ModelError(f"{path}:{number}: item: missing. Fix: each line needs "
                             '"item" (the item id) and "output" or "answer".')
        sample = data.get("sample")
        if sample is not None and (not isinstance(sample, int) or isinstance(sample, bool)):
            raise ModelError(f"{path}:{number}: sample: not a whole number.")
        answer = data.get("answer")
        if isinstance(data.get("output"), str):
            recorded = Recorded(output=data["output"])
        elif isinstance(answer, str | list | int | float) and not isinstance(answer, bool):
            value = float(answer) if isinstance(answer, int) else answer
            recorded = Recorded(answer=answer_text(value))
        else:
            # A run's error lines carry no output: nothing to replay.
            continue
        outputs[(data["item"], sample)] = recorded
    return outputs


def replay_factory(location: str, context: ModelContext) -> ModelAdapter:
    """``replay/<path>``: the path is everything after ``replay/`` (``~`` expanded)."""
    path = Path(location).expanduser()
    return ReplayModel(path, read_recorded(path))
