"""Human grading once in a real terminal: tmux types the keys and reads the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import MakeRun

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not installed (apt-get install tmux) so no real terminal can be driven",
)


class Terminal:
    """A tmux server of our own (its own socket), with one 100x40 window."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.socket = f"examsim-test-{uuid.uuid4().hex[:8]}"
        self._tmux("new-session", "-d", "-s", "grade", "-x", "100", "-y", "40", "-c", str(cwd),
                   " ".join(_quote(part) for part in command), env=env)
        self._tmux("set-option", "-t", "grade", "remain-on-exit", "on")

    def _tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=10, env=env, check=True)
        return done.stdout

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "grade", "-l", text)
        self._tmux("send-keys", "-t", "grade", "Enter")

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "grade", "-S", "-200")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            # Long lines are wrapped at the window's width: compare them joined up too.
            joined = " ".join(line.rstrip() for line in screen.splitlines())
            if text in screen or text in joined:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen shows:\n{screen}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=10, check=False)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


@pytest.fixture
def terminal_env() -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
    env["TERM"] = "xterm-256color"
    yield env


def test_grading_in_a_real_terminal(
    make_run: MakeRun, tmp_path: Path, terminal_env: dict[str, str]
) -> None:
    run = make_run()
    command = [sys.executable, "-m", "examsim", "grade", str(run.path), "--human",
               "--grader-name", "tmux tester"]
    terminal = Terminal(command, tmp_path, terminal_env)
    try:
        screen = terminal.wait_for("scattering (0-2):")
        # The window is 100 columns wide: the response panel spans it.
        assert "╭" + "─" * 98 + "╮" in screen
        assert "Explain why the sky looks blue on a clear day." in screen
        terminal.type("9")
        terminal.wait_for("9 is outside 0-2. Enter 0-2.")
        terminal.type("2")
        terminal.type("1")
        terminal.wait_for("Comment (optional):")
        terminal.type("Typed in a terminal.")
        terminal.wait_for("Saved essay-1 (sample 0): 3 / 3.")
        terminal.wait_for("score (1-6):")
        terminal.type("q")
        terminal.wait_for("Stopped. 1 grade(s) saved as human:tmux tester; 1 response(s) "
                          "left. Run the same command to continue.")
    finally:
        terminal.close()
    (saved,) = run.grades()
    assert (saved.grader, saved.score, saved.comment) == (
        "human:tmux tester", 3.0, "Typed in a terminal.")
