"""Terminal output: the only place rich is set up. Consoles are made per call so tests
can fix the width (COLUMNS) and turn colour off (NO_COLOR)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from rich.console import Console


def console(stderr: bool = False) -> Console:
    """A console on stdout (or stderr) honouring COLUMNS and NO_COLOR."""
    width = os.environ.get("COLUMNS")
    return Console(
        stderr=stderr,
        width=int(width) if width and width.isdigit() else None,
        no_color="NO_COLOR" in os.environ,
        highlight=False,
        soft_wrap=False,
    )


def print_json(data: Any) -> None:
    """Machine-readable output: indented JSON on stdout."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def error(message: str) -> None:
    """``Error: ...`` on stderr, without markup interpretation."""
    sys.stderr.write(f"Error: {message}\n")
