"""Test packs, a clock the tests move by hand, and a typist for the command line."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
START = datetime(2025, 3, 1, 9, 0, 0, tzinfo=UTC)


class FakeClock:
    """A wall clock that moves only when told to."""

    def __init__(self, start: datetime = START) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


class Typist:
    """Lines typed one by one, each after some seconds of the fake clock (stdin stand-in)."""

    def __init__(self, clock: FakeClock, lines: Iterable[tuple[str, float] | str]) -> None:
        self.clock = clock
        self.lines = [(line, 0.0) if isinstance(line, str) else line for line in lines]
        self.typed = 0

    def readline(self) -> str:
        if not self.lines:
            return ""
        text, seconds = self.lines.pop(0)
        self.clock.advance(seconds)
        self.typed += 1
        return text + "\n"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def quick() -> Path:
    """Two sections: 'fast' (2 MC items, 3 s) and 'calm' (MC, numeric, short, essay; 5 min)."""
    return HERE / "data" / "quick"


def write_pool_pack(root: Path, groups: int = 10, per_group: int = 4,
                    pass_mark: float | None = 7, shuffled: bool = False) -> Path:
    """A licence-exam style pool: ``groups`` groups of ``per_group`` items, one drawn per group.

    The key of item ``g<G>-<N>`` is the letter at position N (A, B, C, D, ...), so the right
    answer of any drawn item can be read from its id.
    """
    pack = root / "pool"
    (pack / "items").mkdir(parents=True)
    extra = f"    pass_mark: {pass_mark}\n" if pass_mark is not None else ""
    extra += "    item_order: shuffled\n" if shuffled else ""
    (pack / "exam.yaml").write_text(
        "id: pool\nname: Pool Licence Exam\nprovenance: original\n"
        "description: One question from each group of a pool.\nfewshot: null\n"
        "sections:\n  - id: element\n    name: Element 2\n    format: multiple_choice\n"
        "    items: items/pool.yaml\n    time_limit_minutes: 20\n"
        "    instructions: Choose the best answer.\n"
        "    form: {draw: per_group, per_group: 1}\n" + extra,
        encoding="utf-8",
    )
    lines = ["items:"]
    for g in range(groups):
        for n in range(per_group):
            key = "ABCD"[n % 4]
            lines += [f"  - id: g{g}-{n}", "    type: multiple_choice",
                      f"    stem: Pool question {n} of group {g}?",
                      f"    choices: {{A: 'a {g}.{n}', B: 'b {g}.{n}', C: 'c {g}.{n}', "
                      f"D: 'd {g}.{n}'}}",
                      f"    answer: {key}", f"    explanation: {key} is right.",
                      f"    group: G{g}"]
    (pack / "items" / "pool.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pack


def key_of(item_id: str) -> str:
    """The key of a pool item, from its id (see write_pool_pack)."""
    return "ABCD"[int(item_id.rsplit("-", 1)[1]) % 4]
