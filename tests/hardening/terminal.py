"""A child process on a pseudo-terminal of its own: keys typed into it, its screen read."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import struct
import subprocess
import termios
import threading
import time

from tests.hardening.crash import child_env, examsim_command

_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r")


class Terminal:
    """``python -m examsim ARGS`` on a 100 x 40 terminal."""

    def __init__(self, args: list[str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        env = child_env(TERM="xterm-256color")
        for name in ("COLUMNS", "LINES", "NO_COLOR"):
            env.pop(name, None)
        self.proc = subprocess.Popen([*examsim_command(), *args], stdin=slave,
                                     stdout=slave, stderr=slave, env=env,
                                     start_new_session=True)
        os.close(slave)
        self._master = master
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self._master, 65536)
            except OSError:
                return  # the child is gone
            if not data:
                return
            with self._lock:
                self._output.extend(data)

    def screen(self) -> str:
        """Everything printed so far, without terminal escape sequences."""
        with self._lock:
            raw = bytes(self._output)
        return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")

    def wait_for(self, text: str, timeout: float = 30.0, after: int = 0) -> int:
        """Wait until ``text`` is printed (after position ``after``); its end position."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            at = screen.find(text, after)
            if at != -1:
                return at + len(text)
            if time.monotonic() > deadline or self.proc.poll() is not None and (
                    screen == self.screen()):
                raise AssertionError(f"{text!r} never appeared; the end of the screen:\n"
                                     f"{screen[-1500:]}")
            time.sleep(0.005)

    def type(self, keys: str) -> None:
        os.write(self._master, keys.encode("utf-8"))

    def enter(self, line: str = "") -> None:
        self.type(line + "\r")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self.close()

    def finish(self, timeout: float = 60.0) -> int:
        code = self.proc.wait(timeout)
        self.close()
        return code

    def close(self) -> None:
        with contextlib.suppress(OSError):  # closed already
            os.close(self._master)
