"""The typer application: command groups from their modules, errors translated once."""

from __future__ import annotations

import importlib
import os
import traceback
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from examsim.errors import ExamsimError, UsageError
from examsim.version import __version__

# Each module defines ``register(app)``; order is the order of ``examsim --help``.
COMMAND_MODULES = [
    "examsim.cli.packs",
    "examsim.cli.authoring",
    "examsim.cli.run",
    "examsim.cli.take",
    "examsim.cli.grade",
    "examsim.cli.scoring",
    "examsim.cli.norms",
    "examsim.cli.contamination",
    "examsim.cli.reports",
]


class ExamsimGroup(TyperGroup):
    """Reports an ExamsimError as ``Error: ...`` (exit 1, 2 for usage) without a traceback."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: Any) -> Any:
        from examsim.cli.console import error

        try:
            return super().invoke(ctx)
        except Exception as exc:
            if _is_framework_exception(exc):
                raise  # usage errors, --help, typer.Exit: the framework reports them
            if isinstance(exc, ExamsimError):
                if os.environ.get("EXAMSIM_DEBUG") == "1":
                    traceback.print_exc()
                error(str(exc))
                raise typer.Exit(2 if isinstance(exc, UsageError) else 1) from None
            # A bug: say so plainly, traceback only on request.
            if os.environ.get("EXAMSIM_DEBUG") == "1":
                traceback.print_exc()
            error(
                f"internal error: {type(exc).__name__}: {exc}. "
                "Run again with EXAMSIM_DEBUG=1 for the traceback and report it."
            )
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            error("interrupted.")
            raise typer.Exit(130) from None


def _is_framework_exception(exc: BaseException) -> bool:
    """Exceptions of typer (and the click it is built on) that it reports itself."""
    module = type(exc).__module__
    return module.startswith(("typer", "click")) or isinstance(exc, typer.Exit)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"examsim {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    app = typer.Typer(
        cls=ExamsimGroup,
        name="examsim",
        help="Sit exams under real conditions, grade them against rubrics, and report "
        "scaled scores with percentiles.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        add_completion=False,
    )

    @app.callback()
    def root(
        version: Annotated[
            bool,
            typer.Option(
                "--version", callback=_version, is_eager=True, help="Show the version and exit."
            ),
        ] = False,
    ) -> None:
        """Sit exams under real conditions, grade them against rubrics, and report scaled
        scores with percentiles."""

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)
    return app


app = build_app()
