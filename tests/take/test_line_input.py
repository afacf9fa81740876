"""Reading lines while a clock runs: key by key on a pseudo-terminal, whole lines elsewhere."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator

import pytest

from examsim.cli.line_input import EndOfInput, StreamInput, TerminalInput, TimeRanOut

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")


@pytest.fixture
def pty() -> Iterator[tuple[int, int]]:
    """(keyboard, terminal): bytes written to the first arrive as keys on the second."""
    keyboard, terminal = os.openpty()
    yield keyboard, terminal
    os.close(keyboard)
    os.close(terminal)


def started(terminal: int, out: io.StringIO | None = None) -> TerminalInput:
    """Reading keys from ``terminal`` as ``examsim take`` does (the mode set first)."""
    keys = TerminalInput(terminal, out or io.StringIO())
    keys.start()
    return keys


def prompt(left: float | None) -> str:
    return "> " if left is None else f"[{left:.0f}] > "


def test_keys_typed_ahead_are_kept_for_the_next_prompts(pty: tuple[int, int]) -> None:
    keyboard, terminal = pty
    keys = started(terminal)
    os.write(keyboard, b"b\ra\r:q\r")  # three lines arrive in one read
    assert [keys.read(prompt) for _ in range(3)] == ["b", "a", ":q"]


def test_editing_keys_and_escape_sequences(pty: tuple[int, int]) -> None:
    keyboard, terminal = pty
    keys = started(terminal)
    # Backspace, left/right arrows and F5 are ignored; Ctrl-W drops a word, Ctrl-U the line.
    os.write(keyboard, b"Jupx\x7fiter\x1b[D\x1b[C\x1b[15~\r")
    assert keys.read(prompt) == "Jupiter"
    os.write(keyboard, b"one two three\x17\x17four\rgone\x15kept\r")
    assert keys.read(prompt) == "one four"
    assert keys.read(prompt) == "kept"


def test_multibyte_characters_split_between_reads(pty: tuple[int, int]) -> None:
    keyboard, terminal = pty
    keys = started(terminal)
    data = "Jupíter 木星\r".encode()
    os.write(keyboard, data[:4])  # cut inside the two bytes of "í"
    os.write(keyboard, data[4:])
    assert keys.read(prompt) == "Jupíter 木星"


def test_the_prompt_is_redrawn_with_the_time_and_the_mode_restored(
        pty: tuple[int, int]) -> None:
    import termios

    keyboard, terminal = pty
    before = termios.tcgetattr(terminal)
    out = io.StringIO()
    keys = started(terminal, out)
    os.write(keyboard, b"B\r")
    lefts = iter([42.0, 41.0, 41.0])
    assert keys.read(prompt, lambda: next(lefts)) == "B"
    assert out.getvalue() == "\r\x1b[2K[42] > \r\x1b[2K[41] > B\n"
    # Between prompts keys are still read one by one without echo ...
    during = termios.tcgetattr(terminal)[3]
    assert not during & termios.ICANON and not during & termios.ECHO
    # ... until the sitting gives the terminal back as it was.
    keys.close()
    assert termios.tcgetattr(terminal)[3] == before[3]


def test_the_mode_comes_back_after_the_shell_took_the_terminal(
        pty: tuple[int, int]) -> None:
    import termios

    keyboard, terminal = pty
    keys = started(terminal)
    cooked = termios.tcgetattr(terminal)
    cooked[3] |= termios.ICANON | termios.ECHO
    termios.tcsetattr(terminal, termios.TCSANOW, cooked)  # as after Ctrl-Z and fg
    os.write(keyboard, b"C\r")
    assert keys.read(prompt) == "C"
    assert not termios.tcgetattr(terminal)[3] & termios.ICANON


def test_time_running_out_returns_what_was_typed_and_drops_the_rest(
        pty: tuple[int, int]) -> None:
    keyboard, terminal = pty
    keys = started(terminal)
    os.write(keyboard, b"half a sentence")
    calls = 0

    def clock() -> float:
        nonlocal calls
        calls += 1
        if calls == 3:  # Enter is pressed just as the time runs out
            os.write(keyboard, b"\r")
            return 0.0
        return 5.0

    with pytest.raises(TimeRanOut) as ran_out:
        keys.read(prompt, clock)
    assert ran_out.value.typed == "half a sentence"
    # That Enter does not answer the next prompt: it was dropped.
    left = iter([5.0, 0.0])
    with pytest.raises(TimeRanOut) as again:
        keys.read(prompt, lambda: next(left))
    assert again.value.typed == ""


def test_ctrl_d_on_an_empty_line_ends_input(pty: tuple[int, int]) -> None:
    keyboard, terminal = pty
    keys = started(terminal)
    os.write(keyboard, b"ab\x04\r\x04")
    assert keys.read(prompt) == "ab"  # Ctrl-D inside a line does nothing
    with pytest.raises(EndOfInput):
        keys.read(prompt)


def test_a_long_line_shows_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    keys = TerminalInput(0, io.StringIO())
    shown = keys._visible("> ", "x" * 300)
    assert shown.startswith("> <x") and len(shown) <= 80


def test_stream_input_checks_the_time_before_and_after_the_line() -> None:
    out = io.StringIO()
    keys = StreamInput(io.StringIO("B\nlate\n"), out)
    assert keys.read(prompt, lambda: 10.0) == "B"
    times = iter([10.0, 0.0])
    with pytest.raises(TimeRanOut) as late:
        keys.read(prompt, lambda: next(times))
    assert late.value.typed == "late"
    with pytest.raises(TimeRanOut):
        keys.read(prompt, lambda: 0.0)
    with pytest.raises(EndOfInput):
        keys.read(prompt)
    assert out.getvalue() == "[10] > B\n[10] > late\n> \n"


def test_stream_input_without_echo() -> None:
    out = io.StringIO()
    assert StreamInput(io.StringIO("B\r\n"), out, echo=False).read(prompt) == "B"
    assert out.getvalue() == "> "
