"""examsim: sit exams under real conditions and report scaled scores with percentiles.

The public API, imported lazily so that ``import examsim`` stays cheap::

    load_pack(name)            an exam pack by id or folder
    run_exam(...)              sit an exam with a model; returns the run directory's summary
    grade_run(...)             grade a run's free responses
    score_run(run_dir)         raw -> scaled -> percentile for a finished run
    build_table(run_dirs)      the tidy DataFrame behind Table 1
"""

from __future__ import annotations

import importlib
from typing import Any

from examsim.version import __version__

_API = {
    "load_pack": "examsim.packs",
    "run_exam": "examsim.runner",
    "grade_run": "examsim.grading",
    "score_run": "examsim.scoring",
    "build_table": "examsim.reports",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'examsim' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
