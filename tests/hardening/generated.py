"""Exams and answers made up on the spot for the crash and fault suites."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

LETTERS = "ABCD"
MODEL = "openai-api/local/m"
_ITEM = re.compile(r"Item (\d+)\b")


def key_of(n: int) -> str:
    return LETTERS[n % 4]


def write_pack(root: Path, mc: int = 400, numeric: int = 100) -> Path:
    """A pack of ``mc`` multiple-choice items (a wrong answer costs 0.25) and ``numeric``
    numeric items, numbered 0.. across both sections; stems read ``Item <n>.``."""
    pack = root / "big"
    (pack / "items").mkdir(parents=True)
    (pack / "exam.yaml").write_text(
        "id: big\nname: Generated exam\nprovenance: original\n"
        "description: Generated items for crash and fault tests.\nfewshot: null\n"
        "scores:\n  - id: total\n    name: Generated exam\n    scale: percent-correct\n"
        "    inputs: {total: [mc, num]}\n"
        "sections:\n"
        "  - id: mc\n    name: Choices\n    format: multiple_choice\n    items: items/mc.yaml\n"
        "    instructions: Choose the best answer.\n    scoring: {wrong: -0.25}\n"
        "  - id: num\n    name: Numbers\n    format: numeric\n    items: items/num.yaml\n"
        "    instructions: Give the number.\n",
        encoding="utf-8",
    )
    lines = ["items:"]
    for n in range(mc):
        options = ", ".join(f"{c}: 'option {c} of item {n}'" for c in LETTERS)
        lines += [f"  - id: q{n}", "    type: multiple_choice",
                  f"    stem: Item {n}. Which option is labelled {key_of(n)}?",
                  f"    choices: {{{options}}}", f"    answer: {key_of(n)}",
                  "    explanation: The label says so."]
    (pack / "items" / "mc.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["items:"]
    for n in range(mc, mc + numeric):
        lines += [f"  - id: q{n}", "    type: numeric", f"    stem: Item {n}. What is {n} + 0.5?",
                  f"    answer: {n + 0.5}", "    tolerance: 0.01",
                  f"    explanation: {n} + 0.5 = {n + 0.5}."]
    (pack / "items" / "num.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pack


def item_number(body: dict[str, Any]) -> int:
    """The item a request asks about (the last message names it)."""
    content = body["messages"][-1]["content"]
    if isinstance(content, list):
        content = " ".join(part.get("text", "") for part in content)
    found = _ITEM.findall(str(content))
    if not found:
        raise ValueError(f"no item number in {content!r}")
    return int(found[-1])


def answers(mc: int = 400) -> Callable[[dict[str, Any]], str]:
    """A candidate for ``write_pack(root, mc, ...)``: right about two times in three, and
    unreadable on every eleventh item."""

    def answer(body: dict[str, Any]) -> str:
        n = item_number(body)
        if unreadable(n):
            return "I am not sure; it could be any of them."
        if n >= mc:
            value = n + 0.5 if n % 3 else n + 1.5
            return f"Adding gives {value}.\nThe answer is therefore [{value}]"
        letter = key_of(n) if n % 3 else LETTERS[(n + 1) % 4]
        return f"The label is {letter}.\nThe answer is therefore [{letter}]"

    return answer


def unreadable(n: int) -> bool:
    """Whether the candidate's answer to item ``n`` cannot be read."""
    return n % 11 == 0


def write_prices(root: Path) -> Path:
    """A prices file that gives the local test model a known price."""
    path = root / "prices.yaml"
    path.write_text(
        f"models:\n  {MODEL}: {{input: 3.0, output: 15.0, source: test, as_of: '2025-01'}}\n",
        encoding="utf-8",
    )
    return path


def write_essay_pack(root: Path, count: int) -> Path:
    """A pack of ``count`` free-response items: even ones on an analytic rubric (content
    0-2, clarity 0-1), odd ones on a holistic 1-6 scale."""
    pack = root / "essays"
    (pack / "items").mkdir(parents=True)
    (pack / "exam.yaml").write_text(
        "id: essays\nname: Generated essays\nprovenance: original\n"
        "description: Generated essays for crash tests.\nfewshot: null\n"
        "sections:\n  - id: fr\n    name: Essays\n    format: free_response\n"
        "    items: items/fr.yaml\n    instructions: Answer in writing.\n",
        encoding="utf-8",
    )
    lines = ["items:"]
    for n in range(count):
        lines += [f"  - id: e{n}", "    type: free_response",
                  f"    stem: Essay {n}. Explain idea number {n}.",
                  f"    reference_answer: Idea {n} explained in full."]
        if n % 2 == 0:
            lines += ["    rubric:", "      kind: analytic", "      criteria:",
                      "        - {id: content, description: Explains the idea., points: 2}",
                      "        - {id: clarity, description: Writes clearly., points: 1}"]
        else:
            lines += ["    rubric: {kind: holistic, min: 1, max: 6}"]
    (pack / "items" / "fr.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pack


def human_marks(n: int) -> list[str]:
    """What a grader types for essay ``n``: each mark, then a comment."""
    if n % 2 == 0:
        return [str(n % 3), str((n // 2) % 2), f"Comment on essay {n}."]
    return [str(1 + n % 6), ""]


def person_answer(n: int, mc: int) -> str:
    """What a person types for item ``n`` of ``write_pack(root, mc, ...)``."""
    if n >= mc:
        return f"{n + 0.5 if n % 3 else n + 1.5:g}"
    return key_of(n) if n % 3 else LETTERS[(n + 1) % 4]
