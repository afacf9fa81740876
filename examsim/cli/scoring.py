"""``examsim scales``, ``examsim convert``, ``examsim percentile`` and ``examsim score``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from examsim.cli.options import JsonOption, PacksOption

if TYPE_CHECKING:
    from examsim.scoring.results import RunScore, ScoreResult

NormsOption = Annotated[
    str | None,
    typer.Option(
        "--norms",
        help="Norm table id, or a norm set such as gpt4-report (default: the scale's default).",
        show_default=False,
    ),
]

_DEFINITIONS = {
    "below": "% of takers scoring lower",
    "at_or_below": "% of takers scoring the same or lower",
    "band": "from % scoring lower to % scoring the same or lower",
    "unstated": "definition not stated by the source",
}


def _n(value: float | None) -> str:
    from examsim.scoring.labels import number

    return "-" if value is None else number(value)


def _pairs(values: list[str] | None, what: str) -> dict[str, float]:
    """``["mc=50", "fr=30"]`` (or ``["50"]`` for a one-input scale) -> {input: number}."""
    from examsim.errors import UsageError

    out: dict[str, float] = {}
    for text in values or []:
        name, sep, number = text.partition("=")
        if not sep:
            name, number = "", text
        try:
            out[name.strip()] = float(number)
        except ValueError:
            raise UsageError(
                f"{what} '{text}' is not a number. Fix: write N, or INPUT=N for one input."
            ) from None
    return out


def scales_command(json_out: JsonOption = False) -> None:
    """List every scale with its norm tables (vintage, quality; sources with --json)."""
    from examsim.cli.console import print_json
    from examsim.scoring import describe_scales

    rows = describe_scales()
    if json_out:
        print_json(rows)
        return
    for row in rows:
        rng = row["range"]
        span = f"{_n(rng['min'])}-{_n(rng['max'])}" if rng["max"] is not None else "open"
        typer.echo(f"{row['id']}  {row['name']}  ({span})")
        if not row["norms"]:
            typer.echo("    no norm table (none public; see its SOURCES.md)")
        for table in row["norms"]:
            mark = "*" if table["default"] else " "
            sets = f"  [{', '.join(table['sets'])}]" if table["sets"] else ""
            typer.echo(
                f"  {mark} {table['id']}  {table['quality']}  {table['vintage']}{sets}"
            )
    typer.echo("* default norms. Sources and populations: examsim scales --json")


def convert_command(
    scale: Annotated[str, typer.Argument(help="Scale id, e.g. lsat or sat-ebrw.")],
    raw: Annotated[
        list[str],
        typer.Option("--raw", help="Raw score on the real form: N, or INPUT=N (repeatable)."),
    ],
    section: Annotated[
        str | None,
        typer.Option("--section", help="The scale input the --raw N belongs to (e.g. reading)."),
    ] = None,
    form: Annotated[
        str | None, typer.Option("--form", help="Conversion form (default: the scale's).")
    ] = None,
    maximum: Annotated[
        list[str] | None,
        typer.Option("--max", help="Maximum raw score when the form does not state it: N or "
                     "INPUT=N."),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Convert a raw score on the real form to the scaled score."""
    from examsim.cli.console import print_json
    from examsim.scoring import convert_raw, load_scale

    inputs = load_scale(scale).input_ids
    raw_values = _pairs(raw, "--raw")
    max_values = _pairs(maximum, "--max")
    default = section or (inputs[0] if len(inputs) == 1 else None)
    for values in (raw_values, max_values):
        if "" in values:
            if default is None:
                from examsim.errors import UsageError

                raise UsageError(
                    f"Scale '{scale}' has inputs {', '.join(inputs)}. "
                    "Fix: write --raw INPUT=N or add --section INPUT."
                )
            values[default] = values.pop("")
    result = convert_raw(scale, raw_values, form=form, maxima=max_values or None)
    if json_out:
        print_json(result.to_dict())
        return
    given = ", ".join(
        f"{name} {_n(value)}" + (f" / {_n(result.maxima[name])}" if result.maxima[name] else "")
        for name, value in result.raw.items()
    )
    typer.echo(f"{result.scale}: {given} -> {result.text}")
    if len(result.parts) > 1 or (result.parts and result.note):
        typer.echo("  " + ", ".join(f"{k}: {_n(round(v, 2))}" for k, v in result.parts.items()))
    typer.echo(f"Form: {result.form} ({result.form_name}; {result.quality})")
    if result.note:
        typer.echo(f"Note: {result.note}")


def percentile_command(
    scale: Annotated[str, typer.Argument(help="Scale id, e.g. lsat.")],
    score: Annotated[float, typer.Argument(help="A scaled score of the scale.")],
    norms: NormsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show a score's percentile range in a norm group, with the table's source."""
    from examsim.cli.console import print_json
    from examsim.scoring import percentile

    result = percentile(scale, score, norms)
    if json_out:
        print_json(result.to_dict())
        return
    info = result.norms
    typer.echo(f"{result.scale} {_n(result.score)}: {result.label}")
    typer.echo(f"Norms: {info.id} ({info.name})")
    typer.echo(f"  {info.vintage}; {info.population}")
    typer.echo(f"  percentile = {_DEFINITIONS[info.definition]}; quality: {info.quality}")
    typer.echo(f"Source: {info.source}")
    note = result.note or info.note
    if note:
        typer.echo(f"Note: {note}")


def _score_lines(score: ScoreResult) -> list[str]:
    from examsim.scoring.labels import whole

    lines = [f"{score.name}: {score.label}"]
    if score.status == "needs_grading":
        lines.append(f"  needs grading: {', '.join(score.needs_grading)}")
    if score.scaled_interval:
        low, high = score.scaled_interval
        text = f"  95% interval: {_n(low)} - {_n(high)}"
        if score.percentile_interval:
            p_low, p_high = score.percentile_interval
            text += f" (percentile {whole(p_low)}-{whole(p_high)})"
        lines.append(text)
    where = f"  scale {score.scale}, form {score.form} ({score.form_quality})"
    if score.norms:
        where += f"; norms {score.norms.id} ({score.norms.vintage}; {score.norms.quality})"
    else:
        where += "; no norm table"
    lines.append(where)
    if score.projected and score.status == "scored":
        lines.append(f"  projected: {score.projection}")
    lines += [f"  note: {note}" for note in score.notes]
    return lines


def render_run(result: RunScore) -> list[str]:
    """The text report of a scored run."""
    who = result.candidate or result.model
    lines = [f"{result.exam_name} ({result.exam}): run {result.run}, {who}", ""]
    width = max([len("Section"), *(len(s.id) for s in result.sections)])
    lines.append(f"{'Section':<{width}}  {'Raw':>7}  {'Max':>7}  Items")
    for s in result.sections:
        items = f"{s.counted}/{s.items}"
        extra = []
        if s.missing:
            extra.append(f"{len(s.missing)} missing")
        if s.excluded:
            extra.append(f"{len(s.excluded)} excluded")
        if s.needs_grading:
            extra.append(f"{len(s.needs_grading)} to grade")
        if s.graded_by:
            extra.append("graded by " + ", ".join(s.graded_by))
        tail = f" ({'; '.join(extra)})" if extra else ""
        lines.append(f"{s.id:<{width}}  {_n(round(s.raw, 2)):>7}  {_n(s.max):>7}  {items}{tail}")
    for score in result.scores:
        lines.append("")
        lines += _score_lines(score)
    if result.warnings:
        lines.append("")
        lines += [f"warning: {w}" for w in result.warnings]
    return lines


def score_command(
    run_dir: Annotated[Path, typer.Argument(help="A run directory (with manifest.json).")],
    norms: NormsOption = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Item id to leave out (repeatable); the rest is "
                     "projected to the full form."),
    ] = None,
    bootstrap: Annotated[
        int, typer.Option("--bootstrap", min=0, help="Bootstrap replicates for the 95% "
                          "intervals (0: none).")
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = 0,
    contamination: Annotated[
        Path | None,
        typer.Option("--contamination", help="Contamination verdict file: also score the "
                     "clean items and report the lower [default: the run's own, if any].",
                     show_default=False),
    ] = None,
    packs: PacksOption = None,
    json_out: JsonOption = False,
) -> None:
    """Score a run: raw points per section, scaled score, percentile range and intervals."""
    from examsim.cli.console import print_json
    from examsim.contamination.clean import full_vs_clean, has_verdicts
    from examsim.scoring import score_run

    if contamination is not None and exclude:
        from examsim.errors import UsageError

        raise UsageError("Give --contamination or --exclude, not both.")
    if contamination is not None or (not exclude and has_verdicts(run_dir)):
        from examsim.cli.contamination import full_vs_clean_lines

        compared = full_vs_clean(run_dir, contamination, norms=norms, packs=packs or [],
                                 bootstrap=bootstrap, seed=seed)
        if json_out:
            print_json({**compared.full.to_dict(), "contamination": compared.to_dict()})
            return
        for line in [*render_run(compared.full), "", *full_vs_clean_lines(compared)]:
            typer.echo(line)
        return
    result = score_run(
        run_dir, norms=norms, exclude=exclude or (), packs=packs or [], bootstrap=bootstrap,
        seed=seed,
    )
    if json_out:
        print_json(result.to_dict())
        return
    for line in render_run(result):
        typer.echo(line)


def register(app: typer.Typer) -> None:
    app.command("scales")(scales_command)
    app.command("convert")(convert_command)
    app.command("percentile")(percentile_command)
    app.command("score")(score_command)
