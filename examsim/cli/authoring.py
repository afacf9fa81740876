"""``examsim pack new|import|export|preview``: authoring packs and moving them to and from
the formats teachers use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from examsim.cli.options import JsonOption, PacksOption
from examsim.cli.packs import pack_app

if TYPE_CHECKING:
    from examsim.packs.importers.draft import ImportReport
    from examsim.packs.preview.paper import Paper

OutOption = Annotated[Path | None, typer.Option("--out", help="Where to write (default: "
                                                "./<id> for a pack, ./<id>.<ext> for a file).",
                                                show_default=False)]
ForceOption = Annotated[bool, typer.Option("--force", help="Write over an existing output.")]


def new_command(
    pack_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new exam pack.")],
    template: Annotated[str, typer.Option("--from-template", help="Starter content: mc, essay "
                                          "or mixed.")] = "mixed",
    out: OutOption = None,
    name: Annotated[str | None, typer.Option("--name", help="The exam's full name.")] = None,
) -> None:
    """Create a valid starter pack with commented examples to edit."""
    from examsim.packs.scaffold import new_pack

    pack = new_pack(pack_id, template, out, name)
    typer.echo(f"Created {pack.root} ({template}: {pack.item_count()} example items in "
               f"{len(pack.sections)} section(s)); it validates.")
    typer.echo(f"Edit the YAML files, then check them with: examsim pack validate {pack.root}")


def _print_report(report: ImportReport) -> None:
    # Unwrapped lines, so a teacher can grep them or jump to file:line.
    if report.skipped:
        typer.echo(f"Not imported ({len(report.skipped)}):")
        for entry in report.skipped:
            typer.echo(f"  {entry.where}: {entry.what}: {entry.reason}")
    if report.notes:
        typer.echo(f"Check ({len(report.notes)}):")
        for entry in report.notes:
            typer.echo(f"  {entry.where}: {entry.what}: {entry.reason}")


def import_command(
    source: Annotated[Path, typer.Argument(metavar="FILE", help="File to import (PDF, QTI zip "
                                           "or XML, Moodle XML, GIFT, Aiken, Markdown quiz, "
                                           "JSONL, CSV).")],
    format: Annotated[str | None, typer.Option("--format", help="pdf, qti, moodle, gift, "
                                               "aiken, md, jsonl or csv (default: detected).",
                                               show_default=False)] = None,
    answers: Annotated[Path | None, typer.Option("--answers", metavar="KEY",
                                                 help="Answer-key file for a PDF ('1. B' per "
                                                 "line, CSV or JSON).",
                                                 show_default=False)] = None,
    out: OutOption = None,
    pack_id: Annotated[str | None, typer.Option("--id", help="Id of the new pack (default: "
                                                "from the file name).",
                                                show_default=False)] = None,
    name: Annotated[str | None, typer.Option("--name", help="The exam's full name.",
                                             show_default=False)] = None,
    force: ForceOption = False,
    json_out: JsonOption = False,
) -> None:
    """Import an exam from a teacher's format into a validated pack (marked imported)."""
    from dataclasses import asdict

    from examsim.cli.console import print_json
    from examsim.packs.importers import ImportOptions, import_file

    result = import_file(source, format=format, out=out, pack_id=pack_id, force=force,
                         options=ImportOptions(answers=answers, name=name))
    if json_out:
        print_json({"pack": result.pack.id, "path": str(result.out), "format": result.format,
                    "items": result.pack.item_count(),
                    "skipped": [asdict(s) for s in result.report.skipped],
                    "notes": [asdict(s) for s in result.report.notes]})
        return
    typer.echo(f"Imported {result.pack.item_count()} item(s) from {source.name} "
               f"({result.format}) into {result.out}; the pack validates.")
    _print_report(result.report)
    typer.echo(f"Use it with --packs {result.out.parent} (pack id '{result.pack.id}').")


def export_command(
    exam: Annotated[str, typer.Argument(help="Exam id or pack folder.")],
    format: Annotated[str, typer.Option("--format", help="qti, moodle or md.")],
    out: OutOption = None,
    force: ForceOption = False,
    packs: PacksOption = None,
) -> None:
    """Export a pack as a QTI 2.1 package, Moodle XML or a Markdown quiz."""
    from examsim.packs import load_pack
    from examsim.packs.exporters import export_pack

    result = export_pack(load_pack(exam, packs or []), format, out, force)
    typer.echo(f"Wrote {result.items} item(s) to {result.path} ({result.format}).")
    for note in result.notes:
        typer.echo(f"  note: {note}")


def _terminal(paper: Paper) -> None:
    from rich.markdown import Markdown
    from rich.padding import Padding

    from examsim.cli.console import console

    out = console()
    out.print(paper.title, style="bold", markup=False)
    out.print(paper.subtitle, markup=False)
    for section in paper.sections:
        out.rule(section.name)
        out.print(" | ".join(section.conditions), markup=False)
        out.print(Padding(Markdown(section.instructions), (0, 0, 1, 2)))
        for q in section.questions:
            if q.passage:
                out.print(f"Passage ({q.passage_id}):", style="italic", markup=False)
                out.print(Padding(Markdown(q.passage), (0, 0, 1, 2)))
            plural = "s" if q.points != 1 else ""
            out.print(f"{q.number}. ({q.points:g} point{plural})", style="bold", markup=False)
            out.print(Padding(Markdown(q.stem), (0, 0, 0, 2)))
            for image in q.images:
                out.print(f"  [Image: {image.alt}] ({image.path.name})", markup=False)
            for title, body in q.materials:
                out.print(f"  {title}", style="bold", markup=False)
                out.print(Padding(Markdown(body), (0, 0, 0, 4)))
            for letter, text in q.choices:
                out.print(f"    {letter}. {text}", markup=False)
            if q.answer_space:
                out.print(f"  {q.answer_space}", markup=False)
            if q.key is not None:
                out.print(f"  Answer: {q.key.answer}", style="green", markup=False)
                if q.key.explanation:
                    out.print(Padding(Markdown(q.key.explanation), (0, 0, 0, 4)))
                for line in q.key.rubric:
                    out.print(f"    {line}", markup=False)
                if q.key.notes:
                    out.print(f"    Grader notes: {q.key.notes}", markup=False)
            out.print()


def preview_command(
    exam: Annotated[str, typer.Argument(help="Exam id or pack folder.")],
    format: Annotated[str, typer.Option("--format", help="terminal, html or pdf.")]
    = "terminal",
    answers: Annotated[bool, typer.Option("--answers", help="Add the answer key, explanations "
                                          "and rubrics.")] = False,
    out: OutOption = None,
    force: ForceOption = False,
    packs: PacksOption = None,
) -> None:
    """Print an exam paper: sections, instructions, time, items, passages and images."""
    from examsim.errors import ExamsimError, UsageError
    from examsim.packs import load_pack
    from examsim.packs.preview import build_paper

    if format not in ("terminal", "html", "pdf"):
        raise UsageError(f"Unknown preview format '{format}'. Use terminal, html or pdf.")
    pack = load_pack(exam, packs or [])
    paper = build_paper(pack, answers=answers)
    if format == "terminal":
        _terminal(paper)
        return
    suffix = "-key" if answers else ""
    dest = out or Path.cwd() / f"{pack.id}{suffix}.{format}"
    if dest.exists() and not force:
        raise ExamsimError(f"{dest} already exists. Choose another --out, or add --force.")
    if format == "html":
        from examsim.packs.preview.html import render_html

        dest.write_text(render_html(paper), encoding="utf-8")
    else:
        from examsim.packs.preview.pdf import render_pdf

        dest.write_bytes(render_pdf(paper))
    typer.echo(f"Wrote {dest} ({pack.item_count()} items" + (", with the answer key"
                                                              if answers else "") + ").")


def register(app: typer.Typer) -> None:
    pack_app.command("new")(new_command)
    pack_app.command("import")(import_command)
    pack_app.command("export")(export_command)
    pack_app.command("preview")(preview_command)
