"""How hard the hardening suites push: a small CI profile, or the nightly one.

``EXAMSIM_PROFILE=nightly`` (or ``pytest tests/hardening --profile nightly``) selects the
nightly profile: 20 SIGKILLs per crash suite and at least 10,000 fuzz cases in all.
``EXAMSIM_FUZZ_EXAMPLES`` (cases per fuzz test) and ``EXAMSIM_KILLS`` override the numbers.
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings

PROFILE_VARIABLE = "EXAMSIM_PROFILE"

# Cases the fuzz tests actually ran, by target (printed at the end of the session).
CASES: Counter[str] = Counter()


def nightly() -> bool:
    return os.environ.get(PROFILE_VARIABLE, "ci").strip().lower() == "nightly"


def kills(ci: int = 3, night: int = 20) -> int:
    """SIGKILLs a crash suite deals."""
    value = os.environ.get("EXAMSIM_KILLS")
    return int(value) if value else (night if nightly() else ci)


def examples(ci: int, night: int) -> int:
    """Cases for one fuzz test."""
    value = os.environ.get("EXAMSIM_FUZZ_EXAMPLES")
    return int(value) if value else (night if nightly() else ci)


def fuzz(ci: int = 40, night: int = 1250) -> settings:
    """Hypothesis settings of a fuzz test: its number of cases, no deadline (a slow
    machine must not fail a case), and no database, so a run is the same anywhere."""
    return settings(
        max_examples=examples(ci, night),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                               HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


def counted(target: str) -> None:
    """Note that one case of ``target`` ran."""
    CASES[target] += 1
