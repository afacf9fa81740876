"""``examsim table``, ``examsim figure`` and ``examsim show-run``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from examsim.cli.options import JsonOption, PacksOption
from examsim.cli.scoring import NormsOption

if TYPE_CHECKING:
    from examsim.reports.items import ItemView, RunItems

RunDirsArgument = Annotated[
    list[Path],
    typer.Argument(help="Run directories, or folders holding them (searched at any depth).",
                   show_default=False),
]


def table_command(
    run_dirs: RunDirsArgument,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="md, csv, latex, html, json or parquet [default: from "
                     "--out's suffix, else md].", show_default=False),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write the table to this file (replaced if it exists) "
                     "instead of standard output.", show_default=False),
    ] = None,
    norms: NormsOption = None,
    sort: Annotated[
        str | None,
        typer.Option("--sort", metavar="COLUMN", help="Order rows by this column's percentile, "
                     "highest first (a column header such as openai/gpt-4o) [default: the "
                     "report's Table 1 order].", show_default=False),
    ] = None,
    intervals: Annotated[
        bool, typer.Option("--intervals", help="Add 95% bootstrap intervals to every score.")
    ] = False,
    packs: PacksOption = None,
) -> None:
    """Table 1 from runs: a row per exam score, a column per model, cells like the report's."""
    from examsim.errors import UsageError
    from examsim.reports.formats import format_for_suffix, table_formats
    from examsim.reports.table import make_table, render_table

    name = fmt or (format_for_suffix(out.suffix) if out is not None else None) or "md"
    if name not in table_formats:
        raise UsageError(f"--format {name}: unknown table format. Fix: use one of "
                         f"{', '.join(table_formats.names())}.")
    if table_formats.get(name).binary and out is None:
        raise UsageError(f"--format {name} writes a binary file. Fix: add --out FILE"
                         f"{table_formats.get(name).suffix}.")
    table = make_table(run_dirs, norms=norms, sort=sort, intervals=intervals,
                       packs=packs or [])
    data = render_table(table, name)
    if out is None:
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        out.write_bytes(data)
    else:
        out.write_text(data, encoding="utf-8")
    typer.echo(f"Wrote {out} ({name}: {len(table.rows)} rows, {len(table.columns)} "
               f"column(s): {', '.join(table.columns)})")


def figure_command(
    run_dirs: RunDirsArgument,
    out: Annotated[
        Path,
        typer.Option("--out", help="Image file to write: .png, .svg or .pdf (replaced if it "
                     "exists).", show_default=False),
    ],
    norms: NormsOption = None,
    packs: PacksOption = None,
) -> None:
    """Figure 4 from runs: each model's percentile lower bound per exam, bars side by side."""
    from examsim.reports.figure import draw_figure

    result = draw_figure(run_dirs, out, norms=norms, packs=packs or [])
    data = result.data
    if result.path.suffix.lower() == ".png":
        size = f"{round(result.width_in * result.dpi)} x {round(result.height_in * result.dpi)} px"
    else:
        size = f"{result.width_in:g} x {result.height_in:g} in"
    typer.echo(f"Wrote {result.path} ({size}): {len(data.rows)} exam(s), "
               f"{len(data.columns)} model(s), {data.bars} bar(s)")
    typer.echo("Order: " + ", ".join(data.rows))
    for row, column in data.no_bar:
        typer.echo(f"No bar for {row}, {column}: no percentile (see examsim table)")
    if data.left_out:
        typer.echo("Left out (no percentile): " + ", ".join(data.left_out))


def _short(text: str, width: int = 28) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 3] + "..."


def _answer(view: ItemView) -> str:
    from examsim.models.offline import answer_text

    if view.answer is None:
        return "-"
    return _short(answer_text(view.answer))


def _n(value: float | None) -> str:
    from examsim.scoring.labels import number

    return "-" if value is None else number(value)


def _verdict(view: ItemView) -> str:
    verdict = view.verdict
    if verdict is None:
        return "no verdict"
    if not verdict.checked:
        return "not checked (no text to check)"
    state = "contaminated" if verdict.contaminated else "clean"
    return f"{state} ({verdict.method}: {verdict.matched} of {verdict.keys} keys found, " \
           f"{verdict.needed} needed)"


def _columns(rows: list[list[str]], right: set[int]) -> list[str]:
    """Rows as aligned text columns, two spaces apart, without trailing spaces."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(text.rjust(w) if i in right else text.ljust(w)
                      for i, (text, w) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in rows]


def _list_lines(result: RunItems) -> list[str]:
    sampled = result.samples > 1
    rows = [["Item", "Section"] + (["Sample"] if sampled else []) + [
        "Status", "Answer", "Key", "Points", "Graded by"] + (
        ["Contaminated"] if result.verdicts else [])]
    for v in result.items:
        graded = "key" if v.type != "free_response" else (
            v.grade.kind + (f" x{len(v.grade.graders)}" if len(v.grade.graders) > 1 else "")
            if v.grade else ("grade failed" if v.grade_failures else "not graded"))
        row = [v.item, v.section] + ([str(v.sample)] if sampled else []) + [
            v.status, _answer(v), _short(v.key or "-", 16), f"{_n(v.points)}/{_n(v.max_points)}",
            graded]
        if result.verdicts:
            row.append(("yes" if v.verdict.contaminated else "no") if v.verdict else "-")
        rows.append(row)
    points = rows[0].index("Points")
    return _columns(rows, {points, 2} if sampled else {points})


def _detail_lines(v: ItemView) -> list[str]:
    from examsim.models.offline import answer_text

    lines = [f"Item {v.item} (section {v.section}, {v.type.replace('_', ' ')}), sample {v.sample}",
             f"Status: {v.status}" + (f" ({v.error})" if v.error else "")]
    lines.append(f"Prompt digest: {v.prompt_digest or '-'}")
    if v.prompt is not None:
        lines += [f"Prompt ({v.prompt_check}):", *("  " + t for t in v.prompt.splitlines())]
    else:
        lines.append(f"Prompt: not shown ({v.prompt_check})")
    if v.output is not None:
        lines += ["Response:", *("  " + t for t in v.output.splitlines())]
    lines.append("Extracted answer: " + ("-" if v.answer is None else answer_text(v.answer)))
    if v.key is not None:
        lines.append(f"Key: {v.key}")
    if v.correct is not None:
        lines.append(f"Correct: {'yes' if v.correct else 'no'}")
    lines.append(f"Points: {_n(v.points)} / {_n(v.max_points)}")
    if v.grade is not None:
        g = v.grade
        graders = ", ".join(f"{name} {_n(s)}" for name, s in zip(g.graders, g.scores,
                                                                   strict=True))
        lines.append(f"Grade: {_n(g.score)} ({g.kind}: {graders})")
        if g.criteria:
            lines.append("  criteria: " + ", ".join(f"{k} {_n(p)}" for k, p in g.criteria.items()))
        lines += [f"  comment ({name}): {' '.join(text.split())}" for name, text in g.comments]
    elif v.type == "free_response":
        lines.append("Grade: none yet" + (f" (failed: {'; '.join(v.grade_failures)})"
                                          if v.grade_failures else ""))
    lines.append(f"Contamination: {_verdict(v)}")
    return lines


def show_run_command(
    run_dir: Annotated[Path, typer.Argument(help="A run directory (with manifest.json).")],
    item: Annotated[
        str | None,
        typer.Option("--item", metavar="ID", help="Show one item in full: prompt, response, "
                     "answer, key, grade and verdict.", show_default=False),
    ] = None,
    failed: Annotated[
        bool, typer.Option("--failed", help="Only items without a usable answer (failed, "
                           "unparsed, missing) or whose grading failed.")
    ] = False,
    wrong: Annotated[
        bool, typer.Option("--wrong", help="Only items that earned less than full credit.")
    ] = False,
    packs: PacksOption = None,
    json_out: JsonOption = False,
) -> None:
    """Every item of a run: answer, key, points, grader and contamination verdict."""
    from examsim.cli.console import print_json
    from examsim.reports.items import run_items

    result = run_items(run_dir, item=item, failed=failed, wrong=wrong, packs=packs or [])
    if json_out:
        print_json(result.to_dict())
        return
    typer.echo(f"{result.exam_name} ({result.exam}): run {result.run}, {result.variant}")
    if result.verdicts:
        typer.echo(f"Contamination verdicts: {result.verdicts}")
    typer.echo("")
    if not result.items:
        typer.echo("No items match.")
    elif item is not None:
        for number, view in enumerate(result.items):
            if number:
                typer.echo("")
            for line in _detail_lines(view):
                typer.echo(line)
    else:
        for line in _list_lines(result):
            typer.echo(line)
        wrong_count = sum(v.wrong for v in result.items)
        failed_count = sum(v.failed for v in result.items)
        typer.echo(f"\n{len(result.items)} shown; {wrong_count} below full credit, "
                   f"{failed_count} failed")
    for warning in result.warnings:
        typer.echo(f"warning: {warning}")


def register(app: typer.Typer) -> None:
    app.command("table")(table_command)
    app.command("figure")(figure_command)
    app.command("show-run")(show_run_command)
