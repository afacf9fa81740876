"""Hardening suites: crash, provider-fault, fuzz and security tests.

The CI profile is small; ``pytest tests/hardening --profile nightly`` (or
``EXAMSIM_PROFILE=nightly pytest tests/hardening``) runs the nightly one.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.hardening import profile


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--profile",
        choices=("ci", "nightly"),
        default=None,
        help="hardening profile: ci (small, default) or nightly (20 kills per crash suite, "
        "10,000+ fuzz cases); same as EXAMSIM_PROFILE",
    )


def pytest_configure(config: pytest.Config) -> None:
    chosen = config.getoption("--profile", default=None)
    if chosen:
        # Test modules read the profile when they are collected, after this hook.
        os.environ[profile.PROFILE_VARIABLE] = chosen


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not profile.CASES:
        return
    name = "nightly" if profile.nightly() else "ci"
    parts = ", ".join(f"{target} {count:,}" for target, count in sorted(profile.CASES.items()))
    terminalreporter.write_line(
        f"hardening ({name} profile): {sum(profile.CASES.values()):,} fuzz cases ({parts})"
    )
