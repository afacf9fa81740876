"""``examsim contamination scan`` and ``examsim contamination report``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from examsim.cli.options import JsonOption, PacksOption

if TYPE_CHECKING:
    from examsim.contamination.clean import FullVsClean
    from examsim.contamination.engines import Progress
    from examsim.contamination.verdicts import VerdictFile

contamination_app = typer.Typer(
    help="Check exam items against a training corpus (GPT-4 Appendix C) and compare "
    "scores on all items with scores on the clean ones.",
    no_args_is_help=True,
)


def scan_command(
    exam: Annotated[str, typer.Argument(help="Exam id or pack folder.")],
    corpus: Annotated[
        list[Path],
        typer.Option("--corpus", help="Corpus file or folder: .txt, .jsonl (also .gz, .zst) "
                     "or .parquet. Repeatable.", show_default=False),
    ],
    method: Annotated[
        str, typer.Option("--method", help="substring (GPT-4 50-character probes), ngram "
                          "(GPT-3 13-gram overlap) or fuzzy (near-copies).")
    ] = "substring",
    engine: Annotated[
        str, typer.Option("--engine", help="local, or dask (one task per corpus file).")
    ] = "local",
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Dask: worker processes of a local cluster "
                     "(default 2).", show_default=False),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask: address of a running scheduler, e.g. "
                     "tcp://10.0.0.5:8786.", show_default=False),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the random probes.")] = 0,
    threshold: Annotated[
        float | None,
        typer.Option("--threshold", help="substring: probes that must match (1); ngram: "
                     "share of n-grams found (any one); fuzzy: similarity 0-100 (90).",
                     show_default=False),
    ] = None,
    ngram: Annotated[int, typer.Option("--ngram", min=1, help="Words per n-gram.")] = 13,
    keep_case: Annotated[
        bool, typer.Option("--keep-case", help="Do not fold letter case before matching.")
    ] = False,
    unicode: Annotated[
        str, typer.Option("--unicode", help="Unicode normalisation: NFKC, NFC or none.")
    ] = "NFKC",
    no_choices: Annotated[
        bool, typer.Option("--no-choices", help="Leave multiple-choice options out of the "
                           "question text.")
    ] = False,
    text_field: Annotated[
        str, typer.Option("--text-field", help="Field (.jsonl) or column (.parquet) with "
                          "the document text.")
    ] = "text",
    id_field: Annotated[
        str | None,
        typer.Option("--id-field", help="Field or column naming each document (default: "
                     "line or row number).", show_default=False),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Verdict file to write [default: "
                     "<exam>-contamination.json].", show_default=False),
    ] = None,
    packs: PacksOption = None,
    json_out: JsonOption = False,
) -> None:
    """Check every item of an exam against a corpus and write per-item verdicts."""
    from examsim.cli.console import print_json
    from examsim.contamination import ScanOptions, scan_exam
    from examsim.contamination.corpus import CorpusOptions
    from examsim.contamination.normalise import UNICODE_FORMS
    from examsim.errors import UsageError

    form = next((f for f in UNICODE_FORMS if f.lower() == unicode.lower()), None)
    if form is None:
        raise UsageError(f"--unicode must be one of {', '.join(UNICODE_FORMS)}.")
    options = ScanOptions(
        method=method,
        seed=seed,
        case_fold=not keep_case,
        unicode=form,
        include_choices=not no_choices,
        threshold=threshold,
        ngram=ngram,
        corpus=CorpusOptions(text_field=text_field, id_field=id_field),
    )
    target = out or Path(f"{Path(exam).name}-contamination.json")
    with _progress(json_out) as progress:
        verdicts = scan_exam(exam, corpus, options, packs=packs or [], engine=engine,
                             workers=workers, scheduler=scheduler, out=target,
                             progress=progress)
    if json_out:
        print_json({**verdicts.summary(), "out": str(target)})
        return
    _print_summary(verdicts, target)


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress | None]:
    """Shard progress on stderr when it is a terminal."""
    from rich.progress import Progress as Bar

    from examsim.cli.console import console

    err = console(stderr=True)
    if quiet or not err.is_terminal:
        yield None
        return
    with Bar(console=err, transient=True) as bar:
        task = bar.add_task("Scanning corpus files", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _size(count: int) -> str:
    value = float(count)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"


def _print_summary(verdicts: VerdictFile, target: Path) -> None:
    from rich.table import Table

    from examsim.cli.console import console

    info = verdicts.summary()
    out = console()
    out.print(
        f"Scanned {info['files']} file(s), {info['documents']} document(s), "
        f"{_size(info['bytes_read'])} in {info['elapsed_s']:.2f} s "
        f"({verdicts.method}, {verdicts.engine}).",
        markup=False,
    )
    out.print(
        f"{info['contaminated']} of {info['items']} items contaminated "
        f"({info['percent']:.1f} %).",
        markup=False,
    )
    if info["unchecked"]:
        out.print(f"{info['unchecked']} item(s) had no text to check (counted clean).",
                  markup=False)
    out.print()
    table = Table(box=None, pad_edge=False)
    table.add_column("Section")
    for column in ("Items", "Contaminated", "%"):
        table.add_column(column, justify="right")
    for row in info["sections"]:
        table.add_row(row["section"], str(row["items"]), str(row["contaminated"]),
                      f"{row['percent']:.1f}")
    out.print(table)
    out.print()
    out.print(f"Verdicts written to {target}", markup=False, soft_wrap=True)


def report_command(
    run_dirs: Annotated[list[Path], typer.Argument(help="Run directories.")],
    verdicts: Annotated[
        Path | None,
        typer.Option("--contamination", help="Verdict file for every run [default: the one "
                     "each run recorded].", show_default=False),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="md, csv or json.")] = "md",
    norms: Annotated[
        str | None,
        typer.Option("--norms", help="Norm table or norm set for the scores.",
                     show_default=False),
    ] = None,
    packs: PacksOption = None,
) -> None:
    """Print the Appendix C tables: full vs non-contaminated scores (Table 9) and, per
    section, the score on all, clean and contaminated items (Table 10)."""
    from examsim.contamination.report import FORMATS, contamination_report, render
    from examsim.errors import UsageError

    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt}: use one of {', '.join(FORMATS)}.")
    report = contamination_report(run_dirs, verdicts, norms=norms, packs=packs or [])
    typer.echo(render(report, fmt), nl=False)


def full_vs_clean_lines(result: FullVsClean) -> list[str]:
    """Text lines for a run's full and clean scores (shared by run, score and report)."""
    lines = [
        f"Contamination ({result.method}, {Path(result.verdicts).name}): "
        f"{len(result.contaminated)} of {result.items} items "
        f"({result.percent:.1f} %) set aside for the clean score."
    ]
    for pair in result.scores:
        clean = pair.clean.label if pair.clean.status == "scored" else "N/A"
        lines.append(f"  {pair.full.name}: full {pair.full.label}, non-contaminated {clean}; "
                     f"reported {pair.result.label} ({pair.reported}, the lower)")
    lines += [f"  warning: {w}" for w in result.warnings]
    return lines


def register(app: typer.Typer) -> None:
    contamination_app.command("scan")(scan_command)
    contamination_app.command("report")(report_command)
    app.add_typer(contamination_app, name="contamination")
