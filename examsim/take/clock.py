"""Wall-clock time for sittings.

Section timers are measured on the wall clock from a start time stored in the run's
manifest, not on a process timer: closing the terminal does not stop the clock, and a
sitting resumed later has only what is left of its time (or none).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware (tests pass their own)."""


def wall_clock() -> datetime:
    """The current UTC time."""
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """ISO 8601 UTC with milliseconds, as every run-log time is written."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_stamp(text: str) -> datetime:
    """The datetime of a stored stamp (naive stamps are taken as UTC)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
