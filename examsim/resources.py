"""Where the bundled exam packs and scoring tables live.

An editable install reads them from the repository (``exams/``, ``scoring_tables/``);
a wheel carries them under ``examsim/_bundled/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """Return the folder of bundled data ``name`` ("exams" or "scoring_tables")."""
    inside = _PACKAGE / "_bundled" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name
