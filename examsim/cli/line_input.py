"""Reading a line while a clock runs.

On a terminal, keys are read one at a time (cbreak mode: no echo, Ctrl-C still
interrupts) and the prompt line, which shows the time left, is redrawn every second while
the person types; when the time runs out the read ends at once with what was typed so
far. Elsewhere (a pipe, a test, a dumb terminal) a whole line is read and the time is
checked when it arrives.
"""

from __future__ import annotations

import codecs
import os
import select
import shutil
import sys
from collections.abc import Callable
from typing import Any, Protocol, TextIO

Remaining = Callable[[], float | None]
"""Seconds left, or None when no clock runs."""
Prompt = Callable[[float | None], str]
"""The prompt text for the seconds left."""

_TICK_S = 0.2
_ERASE_LINE = "\r\x1b[2K"


class TimeRanOut(Exception):
    """The time ran out during the read; ``typed`` holds what was typed by then."""

    def __init__(self, typed: str) -> None:
        super().__init__("time ran out")
        self.typed = typed


class EndOfInput(Exception):
    """Input ended (end of file, or Ctrl-D on an empty line)."""


def no_clock() -> None:
    """A ``Remaining`` for reads without a time limit."""
    return None


class LineInput(Protocol):
    live: bool
    """True when the prompt's clock ticks while the person types."""

    def read(self, prompt: Prompt, remaining: Remaining = no_clock) -> str: ...

    def close(self) -> None:
        """Give the terminal back as it was."""


class StreamInput:
    """Whole lines from a stream; the time is checked before the prompt and on arrival."""

    live = False

    def __init__(self, stream: TextIO | None = None, out: TextIO | None = None,
                 echo: bool = True) -> None:
        self.stream = stream
        self.out = out
        self.echo = echo
        """Write the line read after the prompt, so a piped sitting reads as a transcript."""

    def read(self, prompt: Prompt, remaining: Remaining = no_clock) -> str:
        stream = self.stream or sys.stdin
        out = self.out or sys.stdout
        left = remaining()
        if left is not None and left <= 0:
            raise TimeRanOut("")
        out.write(prompt(left))
        out.flush()
        line = stream.readline()
        if not line:
            out.write("\n")
            raise EndOfInput()
        line = line.rstrip("\r\n")
        if self.echo:
            out.write(line + "\n")
        left = remaining()
        if left is not None and left <= 0:
            raise TimeRanOut(line)
        return line

    def close(self) -> None:
        """Nothing to give back."""


class TerminalInput:
    """Keys from a terminal, with the prompt redrawn as the clock ticks."""

    live = True

    def __init__(self, fd: int | None = None, out: TextIO | None = None) -> None:
        self.fd = fd if fd is not None else sys.stdin.fileno()
        self.out = out or sys.stdout
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        self._pending = ""
        """Keys read but not used yet: what was typed ahead of the next prompt."""
        self._escape = 0  # 0: none; 1: after ESC; 2: inside an escape sequence (arrow keys)
        self._after_cr = False
        self._saved: list[Any] | None = None

    def start(self) -> None:
        """Keys one at a time, without echo, until ``close`` (Ctrl-C still interrupts).

        The terminal stays in this mode between prompts too, so keys typed while a screen
        is drawn wait, unechoed, for the next prompt.
        """
        import termios
        import tty

        if self._saved is None:
            self._saved = termios.tcgetattr(self.fd)
        # TCSANOW keeps the keys typed ahead (the default would discard them).
        if termios.tcgetattr(self.fd)[3] & (termios.ICANON | termios.ECHO):
            tty.setcbreak(self.fd, termios.TCSANOW)

    def close(self) -> None:
        import termios

        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
            self._saved = None

    def read(self, prompt: Prompt, remaining: Remaining = no_clock) -> str:
        import termios

        typed: list[str] = []
        shown = ""
        while True:
            # Each tick: the shell may have taken the terminal back (Ctrl-Z, then fg).
            self.start()
            left = remaining()
            text = self._visible(prompt(left), "".join(typed))
            if text != shown:
                self.out.write(_ERASE_LINE + text)
                self.out.flush()
                shown = text
            if left is not None and left <= 0:
                # Keys typed as the time ran out must not answer the next prompt.
                self._pending = ""
                termios.tcflush(self.fd, termios.TCIFLUSH)
                self.out.write("\n")
                raise TimeRanOut("".join(typed))
            if not self._pending:
                wait = _TICK_S if left is None else min(_TICK_S, left)
                ready, _, _ = select.select([self.fd], [], [], wait)
                if not ready:
                    continue
                data = os.read(self.fd, 1024)
                if not data:
                    self.out.write("\n")
                    raise EndOfInput()
                self._pending = self._decode(data)
            while self._pending:
                char, self._pending = self._pending[0], self._pending[1:]
                if self._key(char, typed):
                    self.out.write(_ERASE_LINE + self._visible(prompt(remaining()),
                                                               "".join(typed)) + "\n")
                    self.out.flush()
                    return "".join(typed)

    def _key(self, char: str, typed: list[str]) -> bool:
        """Apply one key to the line being typed; True when it ends the line."""
        after_cr, self._after_cr = self._after_cr, char == "\r"
        if self._escape == 1:
            self._escape = 2 if char in "[O" else 0
        elif self._escape == 2:
            if "\x40" <= char <= "\x7e":
                self._escape = 0
        elif char == "\r" or (char == "\n" and not after_cr):
            return True
        elif char == "\x1b":
            self._escape = 1
        elif char in "\x7f\x08":
            if typed:
                typed.pop()
        elif char == "\x15":  # Ctrl-U: clear the line
            typed.clear()
        elif char == "\x17":  # Ctrl-W: delete a word
            kept = "".join(typed).rstrip()
            typed[:] = list(kept[:kept.rfind(" ") + 1])
        elif char == "\x04" and not typed:  # Ctrl-D on an empty line
            self.out.write("\n")
            raise EndOfInput()
        elif char == "\t":
            typed.append(" ")
        elif char.isprintable():
            typed.append(char)
        return False

    def _visible(self, prompt: str, typed: str) -> str:
        """The prompt and as much of the end of the typed text as fits on one line."""
        from rich.cells import cell_len

        width = shutil.get_terminal_size((80, 24)).columns - 1
        room = width - cell_len(prompt)
        if cell_len(typed) <= room:
            return prompt + typed
        tail = typed
        while tail and cell_len(tail) > max(room - 1, 0):
            tail = tail[1:]
        return prompt + "<" + tail


def line_input() -> LineInput:
    """Key-by-key reading on a capable POSIX terminal, whole lines otherwise."""
    try:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if interactive and os.name == "posix" and os.environ.get("TERM", "dumb") != "dumb":
        terminal = TerminalInput()
        terminal.start()
        return terminal
    # A terminal in line mode echoes what is typed itself; a pipe does not.
    return StreamInput(echo=not _is_tty(sys.stdin))


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
