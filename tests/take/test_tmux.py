"""``examsim take`` in a real terminal: tmux types the keys and reads the screen.

One sitting of the quick pack in an 80x24 window: the countdown ticks with no key
pressed, the first section's three seconds run out, the process is killed with SIGKILL
halfway through the second section, and a new start offers to resume it; the answers
given before the kill are kept, and none is written twice.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from examsim.runlog import RunDir
from tests.conftest import REPO

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed (apt-get install tmux), so no real "
                              "terminal can be driven"),
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]


class Window:
    """A tmux server of our own (its own socket) with one window of 80x24."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.socket = f"examsim-take-{uuid.uuid4().hex[:8]}"
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("COLUMNS", "LINES", "TMUX", "NO_COLOR")}
        self.env.update(TERM="xterm-256color", PYTHONPATH=str(REPO))
        self.cwd = cwd
        self._tmux("new-session", "-d", "-s", "take", "-x", "80", "-y", "24", "-c", str(cwd),
                   self._shell(command))
        self._tmux("set-option", "-t", "take", "remain-on-exit", "on")

    @staticmethod
    def _shell(command: list[str]) -> str:
        # exec: the pane's process is examsim itself, so killing it kills examsim.
        return "exec " + " ".join("'" + part.replace("'", "'\\''") + "'" for part in command)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=10, env=self.env, check=True)
        return done.stdout

    def keys(self, text: str = "") -> None:
        """Type ``text`` and press Enter."""
        if text:
            self._tmux("send-keys", "-t", "take", "-l", text)
        self._tmux("send-keys", "-t", "take", "Enter")

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "take")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen shows:\n{screen}")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL the process in the window, as a crash or a closed terminal would."""
        pid = int(self._tmux("display-message", "-p", "-t", "take", "#{pane_pid}").strip())
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while self._tmux("display-message", "-p", "-t", "take", "#{pane_dead}").strip() != "1":
            assert time.monotonic() < deadline, "the killed process did not end"
            time.sleep(0.05)

    def restart(self, command: list[str]) -> None:
        self._tmux("respawn-pane", "-k", "-t", "take", "-c", str(self.cwd),
                   self._shell(command))

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=10, check=False)


def unwrapped(screen: str, width: int = 80) -> str:
    """The screen with lines the terminal wrapped at its width joined up again."""
    out = ""
    for line in screen.splitlines():
        out += line + ("" if len(line) >= width else "\n")
    return out


def _saved(run: Path) -> list[tuple[str, str, object, bool]]:
    return [(r.item, r.status, r.answer, r.flagged) for r in RunDir(run).responses()]


@pytest.mark.slow
def test_a_sitting_in_a_real_terminal_with_time_up_kill_and_resume(
        quick: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "examsim", "take", str(quick), "--name", "Tmux Tester",
               "--runs-dir", "runs"]
    window = Window(command, tmp_path)
    try:
        screen = window.wait_for("Press Enter to begin (:q to stop):")
        lines = screen.splitlines()
        assert lines[0] == "─" * 26 + " Section 1 of 2: Fast Round " + "─" * 26
        assert max(len(line) for line in lines) <= 80
        window.keys()
        window.wait_for("Answer or :command:")
        window.keys("b")
        window.wait_for("Fast Round: question 2 of 2")
        # No key is pressed now: the countdown ticks on the prompt line by itself ...
        window.wait_for("[00:01 left] Answer or :command:")
        # ... and the section ends when it reaches zero.
        screen = window.wait_for("Press Enter to continue:")
        assert "Time is up for Fast Round. Your answers are saved; 1 unanswered question " \
               "counts" in screen
        (run,) = (tmp_path / "runs").iterdir()
        assert _saved(run) == [("f1", "answered", "B", False), ("f2", "blank", None, False)]
        window.keys()
        window.wait_for("Section 2 of 2: Calm Round")
        window.keys()
        window.wait_for("Calm Round: question 1 of 4")
        window.keys("A")
        window.wait_for("Calm Round: question 2 of 4")
        window.keys("8")
        window.wait_for("Calm Round: question 3 of 4")
        window.keys(":f")
        window.wait_for("Calm Round: question 3 of 4 [flagged]")
        # Typed but never entered: lost with the process, as it should be.
        window._tmux("send-keys", "-t", "take", "-l", "Mar")
        window.wait_for("Answer or :command: Mar")
        before = _saved(run)
        assert before[2:] == [("c1", "answered", "A", False), ("c2", "answered", 8.0, False),
                              ("c3", "blank", None, True)]

        window.kill()
        time.sleep(2)  # away from the terminal: the clock keeps running
        window.restart(command)
        screen = window.wait_for("Resume it? [Y/n]:")
        assert f"Tmux Tester has an unfinished sitting of quick in runs/{run.name} (started " \
               in unwrapped(screen)
        assert "UTC, 3 of 6 answered)." in unwrapped(screen)
        window.keys()
        window.wait_for("Calm Round: question 3 of 4 [flagged]")
        screen = window.wait_for("left] Answer or :command:")
        assert "Resuming Quick Quiz" not in screen  # the screen was cleared for the item
        assert "Answer or :command: Mar" not in screen
        (prompt,) = [line for line in screen.splitlines() if "Answer or :command:" in line]
        minutes, seconds = prompt.removeprefix("[").split(" left]")[0].split(":")
        started = RunDir(run).manifest().parameters["sitting"]["sections"]["calm"]["started_at"]
        elapsed = time.time() - datetime.fromisoformat(started).timestamp()
        shown = int(minutes) * 60 + int(seconds)
        assert shown <= 298 and abs(shown - (300 - elapsed)) <= 2
        window.keys("Earth")
        window.wait_for("Calm Round: question 4 of 4")
        window.keys("Warm days and long evenings.")
        window.wait_for("left]  |")
        window.keys(".")
        window.wait_for("Review: Calm Round")
        window.keys(":s")
        window.wait_for("Type yes to submit:")
        window.keys("yes")
        screen = window.wait_for("examsim score runs/")
        assert "Waiting for grading: c4 (free response)" in screen
        assert "fast           1        2  2/2" in screen
        assert "calm           3        3  3/4 (1 to grade)" in screen
    finally:
        window.close()

    saved = _saved(run)
    assert saved == [*before, ("c3", "answered", "Earth", True),
                     ("c4", "answered", "Warm days and long evenings.", False)]
    # Every line is a change: no answer was written twice.
    assert len(set(saved)) == len(saved)
    assert len(list((tmp_path / "runs").iterdir())) == 1
    assert RunDir(run).manifest().finished_at is not None
