"""The README's examples are real: every ``$ ...`` line in a ``console`` block is run in
order in one fresh folder and must print exactly what the README shows.

Regenerate the outputs after a deliberate change with:
    EXAMSIM_UPDATE_README=1 pytest tests/test_readme.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

README = REPO / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
ELAPSED = re.compile(r"\b\d+(?:\.\d+)? s\b")


def _steady(text: str) -> str:
    """Output with elapsed times masked: they are the one thing that may differ."""
    return ELAPSED.sub("<t> s", text)


def _examples(text: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs, in README order."""
    pairs: list[tuple[str, str]] = []
    for block in BLOCK.findall(text):
        command: str | None = None
        output: list[str] = []
        for line in block.splitlines(keepends=True):
            if line.startswith("$ "):
                if command is not None:
                    pairs.append((command, "".join(output)))
                command, output = line[2:].strip(), []
            else:
                output.append(line)
        if command is not None:
            pairs.append((command, "".join(output)))
    return pairs


def _run(command: str, cwd: Path) -> str:
    # The examsim installed beside this Python comes first on PATH, as after pip install.
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb",
           "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    env.pop("EXAMSIM_PATH", None)
    done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    return done.stdout + done.stderr


def test_readme_examples_print_what_the_readme_shows(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    examples = _examples(text)
    assert len(examples) >= 5
    update = os.environ.get("EXAMSIM_UPDATE_README") == "1"
    for command, expected in examples:
        actual = _run(command, tmp_path)
        if update:
            text = text.replace(f"$ {command}\n{expected}", f"$ {command}\n{actual}", 1)
            continue
        assert _steady(actual) == _steady(expected), f"README example changed: {command}"
    if update:
        README.write_text(text, encoding="utf-8")
        pytest.skip("README outputs regenerated")


def test_readme_gives_the_two_setup_commands_first() -> None:
    commands = re.findall(r"^    (pip install .*)$", README.read_text(encoding="utf-8"), re.M)
    assert commands[:2] == [
        "pip install -e . && examsim run bar-exam --model mock/answer-key",
        'pip install -e ".[test]" && pytest',
    ]
