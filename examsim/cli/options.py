"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

PacksOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--packs",
        help="Folder of exam packs to search before the built-in ones (repeatable; "
        "EXAMSIM_PATH works too).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
