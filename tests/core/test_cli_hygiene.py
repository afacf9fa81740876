"""Every command has help text; start-up does not import heavy libraries."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from typer.main import get_command

from examsim.cli.app import app


def _walk(command: Any, path: str = "examsim") -> list[tuple[str, Any]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found += _walk(sub, f"{path} {name}")
    return found


def test_every_command_has_help_text() -> None:
    missing = [path for path, cmd in _walk(get_command(app)) if not (cmd.help or "").strip()]
    assert missing == []


def test_every_option_has_help_text() -> None:
    missing = []
    for path, cmd in _walk(get_command(app)):
        for param in cmd.params:
            if param.param_type_name == "option" and not getattr(param, "help", None) \
                    and param.name not in {"help"}:
                missing.append(f"{path} --{param.name}")
    assert missing == []


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from examsim.cli.app import app; "
        "from typer.testing import CliRunner; CliRunner().invoke(app, ['--help']); "
        "heavy = [m for m in ('pandas', 'numpy', 'openai', 'anthropic', 'dask', "
        "'matplotlib', 'pyarrow') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
