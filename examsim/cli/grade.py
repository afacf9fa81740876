"""``examsim grade``: grade a run's free responses by model, by a person, or by spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from examsim.cli.options import JsonOption

if TYPE_CHECKING:
    from rich.console import Console

    from examsim.grading.grade import GradingReport
    from examsim.grading.human import HumanSession
    from examsim.grading.rubric import Part
    from examsim.grading.tasks import GradingTask

HELP_KEYS = (
    "At a points prompt: a number gives the points; r shows the reference answer, "
    "m the materials in full, s skips this response for now, q stops (grades so far "
    "are saved), ? shows this help."
)


def grade_command(
    run_dir: Annotated[Path, typer.Argument(help="Run directory (made by 'examsim run').")],
    grader: Annotated[
        list[str] | None,
        typer.Option(
            "--grader",
            help="Grade with this grader: a model spec (openai/gpt-4o) or "
            "mock/reference-match, the offline baseline. Repeatable.",
            show_default=False,
        ),
    ] = None,
    graders: Annotated[
        int, typer.Option("--graders", min=1, help="Samples per model grader (averaged).")
    ] = 1,
    human: Annotated[
        bool, typer.Option("--human", help="Grade the responses yourself, in the terminal.")
    ] = False,
    grader_name: Annotated[
        str | None,
        typer.Option("--grader-name", help="Your name as a human grader (default: login name), "
                     "or the name imported grades are recorded under.", show_default=False),
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option("--export", help="Write a CSV grading sheet (one row per response and "
                     "criterion).", show_default=False),
    ] = None,
    import_: Annotated[
        Path | None,
        typer.Option("--import", help="Record the grades of a filled CSV grading sheet.",
                     show_default=False),
    ] = None,
    pack: Annotated[
        Path | None,
        typer.Option("--pack", help="Pack folder of the run, if it has moved.",
                     show_default=False),
    ] = None,
    item: Annotated[
        list[str] | None,
        typer.Option("--item", help="Grade only this item (repeatable).", show_default=False),
    ] = None,
    regrade: Annotated[
        bool, typer.Option("--regrade", help="Grade again responses already graded.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Grade a run's free responses against the exam's rubrics.

    With no mode, show which responses are graded, by which kind of grader, and which
    still need a grade.
    """
    from examsim.errors import UsageError

    modes = [name for name, on in (
        ("--grader", bool(grader)), ("--human", human), ("--export", export is not None),
        ("--import", import_ is not None)) if on]
    if len(modes) > 1:
        raise UsageError(f"Choose one of {', '.join(modes)}.")
    if graders != 1 and not grader:
        raise UsageError("--graders needs --grader SPEC.")
    if grader_name is not None and not (human or import_ is not None):
        raise UsageError("--grader-name goes with --human or --import.")
    if regrade and not (grader or human):
        raise UsageError("--regrade goes with --grader or --human.")
    if item and import_ is not None:
        raise UsageError("--item does not go with --import (the sheet says which items).")
    if human:
        if json_out:
            raise UsageError("--json does not go with --human.")
        _human(run_dir, grader_name, pack, item or [], regrade)
    elif export is not None:
        _export(run_dir, export, pack, item or [], json_out)
    elif import_ is not None:
        _import(run_dir, import_, grader_name, pack, json_out)
    else:
        from examsim.grading.grade import grade_run, grading_status

        if grader:
            report = grade_run(run_dir, grader, graders, pack=pack, items=item or [],
                               regrade=regrade)
        else:
            report = grading_status(run_dir, pack, item or [])
        if json_out:
            from examsim.cli.console import print_json

            print_json(report.to_dict())
        else:
            render_report(report)


# --- reports ------------------------------------------------------------------------------


def _points(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def render_report(report: GradingReport) -> None:
    """The grading table and what is left to do."""
    from rich.table import Table

    from examsim.cli.console import console

    out = console()
    if report.graders:
        ok = len([g for g in report.recorded if g.status == "ok"])
        line = f"Graded with {', '.join(report.graders)}: {ok} new grade(s)"
        if report.failed:
            line += f", {len(report.failed)} failed"
        if report.already_graded:
            line += f", {report.already_graded} already graded"
        out.print(line + ".", markup=False, soft_wrap=True)
        for grade in report.failed:
            out.print(f"  failed: {grade.item} sample {grade.sample} by {grade.grader}: "
                      f"{grade.error}", markup=False, soft_wrap=True)
    graded = len(report.responses) - len(report.ungraded)
    out.print(f"Run {report.run} (exam {report.exam}): {len(report.responses)} free "
              f"response(s), {graded} graded.", markup=False, soft_wrap=True)
    if report.responses:
        # The spread column appears once some response has two or more grades.
        several = any(r.final is not None and len(r.final.scores) > 1 for r in report.responses)
        columns = ["Item", "Sample", "Score", "Kind", "Graders"] + (["Spread"] if several else [])
        table = Table(box=None, pad_edge=False)
        for column in columns:
            table.add_column(column, justify="right" if column in ("Sample", "Spread") else
                             "left")
        for row in report.responses:
            final = row.final
            cells = [row.item, str(row.sample)]
            if final is None:
                cells += [f"- / {_points(row.max)}", "-", "(blank)" if row.blank else "ungraded"]
                spread = ""
            else:
                graders = final.graders[0] + (f" +{len(final.graders) - 1}"
                                              if len(final.graders) > 1 else "")
                cells += [f"{_points(final.score)} / {_points(row.max)}", final.kind, graders]
                spread = _points(final.spread) if len(final.scores) > 1 else ""
            table.add_row(*cells, *([spread] if several else []))
        out.print(table)
    for agreement in report.agreement:
        if agreement.responses:
            alpha = "undefined" if agreement.alpha is None else f"{agreement.alpha:.2f}"
            out.print(f"Agreement ({agreement.kind}): {agreement.responses} response(s) with "
                      f"2+ graders, Krippendorff's alpha {alpha}, mean spread "
                      f"{_points(agreement.mean_spread)}.", markup=False, soft_wrap=True)
    if any(r.final is not None and r.final.kind == "baseline" for r in report.responses) or (
        report.notes
    ):
        out.print("Baseline grades come from mock/reference-match (term overlap with the "
                  "reference answer), not a real grader.", markup=False, soft_wrap=True)
    if report.pack_changed:
        out.print("Note: the pack's files changed since the run; grades use the current "
                  "rubrics.", markup=False, soft_wrap=True)
    if report.unfinished:
        listed = ", ".join(f"{i} (sample {s})" for i, s in report.unfinished)
        out.print(f"Not gradable until the run is resumed: {listed}.", markup=False, soft_wrap=True)
    if report.ungraded:
        listed = ", ".join(f"{i} (sample {s})" for i, s in report.ungraded)
        out.print(f"Needs grading: {listed}. Grade with --grader SPEC, --human or --import "
                  "FILE.", markup=False, soft_wrap=True)


def _export(
    run_dir: Path, out_path: Path, pack: Path | None, items: list[str], json_out: bool
) -> None:
    from examsim.cli.console import console, print_json
    from examsim.grading.spreadsheet import export_grades

    result = export_grades(run_dir, out_path, pack, items)
    if json_out:
        print_json({"file": str(result.path), "responses": result.responses,
                    "rows": result.rows})
        return
    console().print(
        f"Wrote {result.rows} row(s) for {result.responses} response(s) to {result.path}. "
        f"Fill the points column, then run: examsim grade {run_dir} --import {result.path}",
        markup=False,
        soft_wrap=True,
    )


def _import(
    run_dir: Path, source: Path, name: str | None, pack: Path | None, json_out: bool
) -> None:
    from examsim.cli.console import console, print_json
    from examsim.grading.spreadsheet import import_grades

    result = import_grades(run_dir, source, name, pack)
    if json_out:
        print_json({
            "file": str(result.path),
            "grader": result.grader,
            "recorded": [g.model_dump() for g in result.recorded],
            "left_blank": [{"item": i, "sample": s} for i, s in result.left_blank],
        })
        return
    line = f"Imported {len(result.recorded)} grade(s) from {result.path} as {result.grader}."
    if result.left_blank:
        line += f" {len(result.left_blank)} response(s) had no points and were left out."
    console().print(line, markup=False, soft_wrap=True)


# --- grading in the terminal ------------------------------------------------------------------


def _show_task(out: Console, task: GradingTask, index: int, count: int) -> None:
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.text import Text

    from examsim.grading.rubric import parts
    from examsim.packs.schema import HolisticRubric

    item = task.item
    out.print(Rule(Text(f"Response {index} of {count}: {item.id} (section {task.section}, "
                        f"sample {task.sample})")))
    out.print("Task:", style="bold", markup=False)
    out.print(item.stem.strip(), markup=False)
    if task.passage:
        out.print(f"Passage: {_words(task.passage)} (type m to read it).", markup=False)
    for image in item.images:
        out.print(f"Image {image.path}: {image.alt}", markup=False)
    if item.materials:
        listed = "; ".join(f"{m.title} ({_words(m.body)})" for m in item.materials)
        out.print(f"Materials: {listed} (type m to read them).", markup=False)
    rubric = item.rubric
    if isinstance(rubric, HolisticRubric):
        part = parts(rubric)[0]
        out.print(f"Rubric: holistic, one score {part.range_text()}.", style="bold",
                  markup=False)
        for level, text in sorted(rubric.levels.items(), reverse=True):
            out.print(f"  {_points(level)}: {text}", markup=False)
        if rubric.criteria:
            out.print("  Analytic guide (helps choose the score; not added up):", markup=False)
            for c in rubric.criteria:
                out.print(f"    {c.id} (weight {_points(c.points)}): {c.description}",
                          markup=False)
    else:
        out.print(f"Rubric: analytic, {_points(task.max)} points.", style="bold", markup=False)
        for part in parts(rubric):
            out.print(f"  {part.id} ({part.range_text()}): {part.description}", markup=False)
            for points, text in sorted(part.descriptors.items()):
                out.print(f"      {_points(points)}: {text}", markup=False)
    if rubric.notes.strip():
        out.print(f"  Notes: {rubric.notes.strip()}", markup=False)
    out.print("Response:", style="bold", markup=False)
    body = Text(task.response.strip()) if not task.blank else Text("(blank response)")
    out.print(Panel(body, expand=True))


def _words(text: str) -> str:
    return f"{len(text.split()):,} words"


class _Stop(Exception):
    """The grader asked to stop (q, end of input or Ctrl-C)."""


class _Skip(Exception):
    """The grader asked to skip this response for now."""


def _ask(prompt: str) -> str:
    try:
        return str(typer.prompt(prompt, default="", show_default=False, prompt_suffix=": "))
    except (typer.Abort, EOFError):
        typer.echo()  # end the prompt's line
        raise _Stop() from None


def _ask_mark(out: Console, task: GradingTask, part: Part) -> float:
    from rich.panel import Panel
    from rich.text import Text

    from examsim.errors import GradingError
    from examsim.grading.human import parse_mark
    from examsim.grading.rubric import HOLISTIC

    while True:
        label = "score" if part.id == HOLISTIC else part.id
        answer = _ask(f"{label} ({part.range_text()})").strip()
        command = answer.lower()
        if command == "q":
            raise _Stop()
        if command == "s":
            raise _Skip()
        if command in ("?", "h", "help"):
            out.print(HELP_KEYS, markup=False)
            continue
        if command == "r":
            out.print(Panel(Text(task.item.reference_answer.strip()),
                            title="Reference answer"))
            continue
        if command == "m":
            if task.passage:
                out.print(Panel(Text(task.passage.strip()), title="Passage"))
            for material in task.item.materials:
                out.print(Panel(Text(material.body.strip()), title=material.title))
            if not task.passage and not task.item.materials:
                out.print("This item has no passage or materials.", markup=False)
            continue
        if not answer:
            out.print(f"Enter {part.range_text()} points, or ? for help.", markup=False)
            continue
        try:
            return parse_mark(part, answer)
        except GradingError as exc:
            out.print(f"{exc}. Enter {part.range_text()}.", markup=False)


def _grade_in_terminal(out: Console, session: HumanSession) -> None:
    from examsim.grading.rubric import parts

    pending = session.pending()
    for index, task in enumerate(pending, start=1):
        _show_task(out, task, index, len(pending))
        try:
            marks = {part.id: _ask_mark(out, task, part) for part in parts(task.rubric)}
        except _Skip:
            out.print(f"Skipped {task.item.id} (sample {task.sample}); it stays ungraded.",
                      markup=False)
            continue
        comment = _ask("Comment (optional)")
        record = session.save(task, marks, comment)
        out.print(f"Saved {task.item.id} (sample {task.sample}): "
                  f"{_points(record.score or 0.0)} / {_points(task.max)}.", markup=False)


def _human(
    run_dir: Path, name: str | None, pack: Path | None, items: list[str], regrade: bool
) -> None:
    from examsim.cli.console import console
    from examsim.grading.human import HumanSession

    out = console()
    session = HumanSession(run_dir, name, pack=pack, items=items, regrade=regrade)
    pending = len(session.pending())
    out.print(f"Grading run {run_dir} (exam {session.opened.pack.id}) as {session.grader}: "
              f"{pending} response(s) to grade, {session.already_graded} already graded.",
              markup=False)
    if not pending:
        out.print("Nothing left to grade. Use --regrade to grade again.", markup=False)
        return
    out.print(HELP_KEYS, markup=False)
    stopped = False
    try:
        _grade_in_terminal(out, session)
    except _Stop:
        stopped = True
    left = len(session.pending())
    summary = f"{'Stopped. ' if stopped else ''}{len(session.saved)} grade(s) saved as " \
        f"{session.grader}; {left} response(s) left."
    if left:
        summary += " Run the same command to continue."
    out.print(summary, markup=False)


def register(app: typer.Typer) -> None:
    app.command("grade")(grade_command)

