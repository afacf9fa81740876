"""``examsim list``, ``examsim show`` and ``examsim pack validate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from examsim.cli.options import JsonOption, PacksOption

pack_app = typer.Typer(help="Author, check, import and export exam packs.", no_args_is_help=True)


def list_command(packs: PacksOption = None, json_out: JsonOption = False) -> None:
    """List the exams examsim can find (built-in packs and --packs folders)."""
    from rich.table import Table

    from examsim.cli.console import console, print_json
    from examsim.packs.summary import list_packs

    rows = list_packs(packs or [])
    if json_out:
        print_json(rows)
        return
    table = Table(box=None, pad_edge=False)
    for column in ("Exam", "Name", "Sections", "Items", "Provenance"):
        table.add_column(column, justify="right" if column in ("Sections", "Items") else "left")
    for row in rows:
        if row["problems"]:
            table.add_row(row["id"], f"(invalid: {row['problems']} problem(s))", "", "", "")
        else:
            table.add_row(row["id"], row["name"], str(row["sections"]), str(row["items"]),
                          row["provenance"])
    console().print(table)


def show_command(
    exam: Annotated[str, typer.Argument(help="Exam id or pack folder.")],
    prompt: Annotated[
        str | None,
        typer.Option("--prompt", metavar="ITEM", help="Print the prompt a model is given "
                     "for this item, under the section's protocol.", show_default=False),
    ] = None,
    packs: PacksOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show an exam's sections, conditions, scoring and reported scores."""
    from examsim.cli.console import console, print_json
    from examsim.packs import load_pack
    from examsim.packs.summary import describe_pack

    if prompt is not None:
        from examsim.runner.prompts import format_prompt, render_item_prompt

        typer.echo(format_prompt(render_item_prompt(load_pack(exam, packs or []), prompt)))
        return
    info = describe_pack(load_pack(exam, packs or []))
    if json_out:
        print_json(info)
        return
    out = console()
    out.print(f"{info['name']} ({info['id']})", markup=False)
    out.print(f"Provenance: {info['provenance']}" + (
        f"; licence: {info['license']}" if info["license"] else ""), markup=False)
    out.print(info["description"].strip(), markup=False)
    for s in info["sections"]:
        low, high = s["sitting_max_points"]
        if s["sitting_items"] == s["items"]:
            parts = [f"{s['items']} items"]
        else:
            parts = [f"{s['sitting_items']} items drawn from a pool of {s['items']}"]
        if s["official_length"]:
            parts.append(f"official length {s['official_length']}")
        if s["time_limit_minutes"]:
            parts.append(f"{s['time_limit_minutes']:g} min")
        parts.append(f"max {low:g} points" if low == high else f"max {low:g}-{high:g} points")
        out.print(f"\nSection {s['id']}: {s['name']} [{s['format']}]", markup=False)
        out.print("  " + ", ".join(parts), markup=False)
        rule = s["scoring"]
        if rule["wrong"] or rule["blank"]:
            out.print(f"  scoring: wrong {rule['wrong']:g}, blank {rule['blank']:g}",
                      markup=False)
        if s["allowed_aids"]:
            out.print("  aids: " + ", ".join(s["allowed_aids"]), markup=False)
    if info["scores"]:
        out.print("\nReported scores:", markup=False)
        for score in info["scores"]:
            out.print(f"  {score['id']}: {score['name']} (scale {score['scale']})", markup=False)


def validate_command(
    paths: Annotated[list[Path], typer.Argument(help="Pack folders to check.")],
) -> None:
    """Check packs against the format and for consistency; list every problem."""
    from examsim.cli.console import console
    from examsim.packs import inspect_pack

    out = console()
    failed = 0
    for path in paths:
        pack, problems = inspect_pack(path)
        if pack is not None:
            out.print(f"{path}: valid ({pack.item_count()} items in "
                      f"{len(pack.sections)} sections)", markup=False)
            continue
        failed += 1
        # One unwrapped line per problem, so editors and grep can jump to file:line.
        typer.echo(f"{path}: {len(problems)} problem(s)")
        for problem in problems:
            typer.echo(f"  {problem}")
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("list")(list_command)
    app.command("show")(show_command)
    pack_app.command("validate")(validate_command)
    app.add_typer(pack_app, name="pack")
