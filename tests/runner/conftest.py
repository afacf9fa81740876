"""Packs made on the fly for runner tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA


def write_mc_pack(root: Path, count: int, *, section_extra: str = "",
                  choices: int = 4) -> Path:
    """A one-section pack of ``count`` generated multiple-choice items (key always B)."""
    pack = root / "gen"
    (pack / "items").mkdir(parents=True)
    (pack / "exam.yaml").write_text(
        "id: gen\nname: Generated\nprovenance: original\ndescription: Generated items.\n"
        "fewshot: null\nsections:\n  - id: mc\n    name: Questions\n"
        "    format: multiple_choice\n    items: items/mc.yaml\n"
        "    instructions: Choose the best answer.\n" + section_extra,
        encoding="utf-8",
    )
    letters = "ABCDEFGH"[:choices]
    lines = ["items:"]
    for n in range(count):
        options = ", ".join(f"{c}: 'option {c} of {n}'" for c in letters)
        lines += [f"  - id: q{n}", "    type: multiple_choice", f"    stem: Question {n}?",
                  f"    choices: {{{options}}}", "    answer: B",
                  "    explanation: Option B is right.", f"    group: g{n % 3}"]
    (pack / "items" / "mc.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pack


@pytest.fixture
def mini() -> Path:
    return DATA / "packs" / "mini"
