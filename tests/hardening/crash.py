"""Starting examsim in a child process and killing it with SIGKILL at a chosen moment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import REPO


def child_env(**extra: str) -> dict[str, str]:
    """The test's environment for a child examsim (the repository on its path)."""
    return {**os.environ, "PYTHONPATH": str(REPO), **extra}


def count_lines(path: Path) -> int:
    """Complete lines of a log file (0 when it does not exist yet)."""
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def examsim_command() -> list[str]:
    return [sys.executable, "-m", "examsim"]


def examsim(args: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """``python -m examsim ARGS`` as a child process."""
    kwargs.setdefault("env", child_env())
    return subprocess.Popen([*examsim_command(), *args], **kwargs)


def kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool],
              timeout: float = 120.0) -> bool:
    """SIGKILL ``proc`` as soon as ``ready()`` holds; False if it ended on its own first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    proc.kill()
    proc.wait(30)
    raise AssertionError("the child neither reached the kill point nor ended")


def tear_last_line(path: Path) -> bool:
    """Cut the last line of a log in half, as a power cut during its write leaves it."""
    data = path.read_bytes()
    if not data.endswith(b"\n") or data.count(b"\n") < 2:
        return False
    start = data.rstrip(b"\n").rfind(b"\n") + 1
    path.write_bytes(data[: start + (len(data) - start) // 2])
    return True
