"""``examsim norms build|list``: norm tables of a teacher's own class."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from examsim.cli.options import JsonOption

norms_app = typer.Typer(
    name="norms",
    help="Build norm tables from a class's scores, so --norms ID gives percentiles within "
    "the class.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _n(value: float) -> str:
    from examsim.scoring.labels import number

    return number(value)


@norms_app.command("build")
def build_command(
    scores: Annotated[Path, typer.Option("--scores", metavar="FILE.csv", help="CSV of the "
                                         "class's scores, with a header line.",
                                         show_default=False)],
    scale: Annotated[str, typer.Option("--scale", help="Scale the scores are on, e.g. lsat or "
                                       "percent-correct (see 'examsim scales').",
                                       show_default=False)],
    name: Annotated[str, typer.Option("--name", metavar="ID", help="Id of the new norm table, "
                                      "used as --norms ID.", show_default=False)],
    population: Annotated[str | None, typer.Option("--population", help="Who the takers are, "
                                                   "e.g. 'Year 12 chemistry, 2025'.",
                                                   show_default=False)] = None,
    column: Annotated[str | None, typer.Option("--column", help="Column holding the scores "
                                               "[default: 'score', or the only column].",
                                               show_default=False)] = None,
    round_scores: Annotated[bool, typer.Option("--round", help="Round scores to the scale's "
                                               "step (half up) instead of refusing them.")
                            ] = False,
    vintage: Annotated[str | None, typer.Option("--vintage", help="When the scores are from, "
                                                "e.g. 'Spring 2025' [default: today].",
                                                show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a table of yours with the "
                                        "same id.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Build a norm table from a class's score list, usable with --norms ID everywhere."""
    from examsim.cli.console import print_json
    from examsim.scoring.class_norms import BAND_DEFINITION, build_class_norms

    built = build_class_norms(scores, scale, name, population=population, column=column,
                              round_scores=round_scores, vintage=vintage, force=force)
    if json_out:
        print_json(built.to_dict())
        return
    info = built.to_dict()
    verb = "Replaced" if built.replaced else "Wrote"
    typer.echo(f"{verb} norm table '{built.id}' for scale {built.scale}: {built.takers} scores "
               f"from column '{built.scores.column}' of {built.scores.path}.")
    typer.echo(f"  {built.path}")
    typer.echo(f"  scores {_n(info['min'])} to {_n(info['max'])}, median {_n(info['median'])}; "
               f"{len(info['distribution'])} distinct")
    if built.scores.rounded:
        typer.echo(f"  {built.scores.rounded} score(s) rounded to the scale's step")
    typer.echo(f"  population: {built.table.file.population}")
    typer.echo(f"  percentile = {BAND_DEFINITION}")
    typer.echo(f"Use it with: examsim percentile {built.scale} SCORE --norms {built.id}")
    typer.echo(f"        and: examsim score RUN_DIR --norms {built.id}")


@norms_app.command("list")
def list_command(json_out: JsonOption = False) -> None:
    """List the norm tables you built (the built-in ones: examsim scales)."""
    from dataclasses import asdict

    from examsim.cli.console import print_json
    from examsim.scoring import user_norms_dir
    from examsim.scoring.class_norms import list_user_norms

    tables = list_user_norms()
    if json_out:
        print_json([{**asdict(t), "path": str(t.path)} for t in tables])
        return
    if not tables:
        typer.echo(f"No norm tables of your own in {user_norms_dir()}. "
                   "Build one with: examsim norms build")
        return
    for table in tables:
        typer.echo(f"{table.scale}  {table.id}  {table.name}; {table.population}")
        typer.echo(f"    {table.path}")


def register(app: typer.Typer) -> None:
    app.add_typer(norms_app)
