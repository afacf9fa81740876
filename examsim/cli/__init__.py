"""The ``examsim`` command line. Only this package prints or imports rich."""

from __future__ import annotations


def main() -> None:
    """Entry point of the ``examsim`` console script."""
    from examsim.cli.app import app

    app()


__all__ = ["main"]
