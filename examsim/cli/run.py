"""``examsim run`` and ``examsim resume``: sit an exam with a model."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from examsim.cli.options import PacksOption

if TYPE_CHECKING:
    from examsim.runner import ProgressEvent, RunPlan, RunSummary

JsonSummaryOption = Annotated[
    bool, typer.Option("--json", help="Print the final summary as JSON.")
]
ConcurrencyOption = Annotated[
    int | None,
    typer.Option("--concurrency", min=1, help="Requests in flight at once [default: 16].",
                 show_default=False),
]
MaxRetriesOption = Annotated[
    int | None,
    typer.Option("--max-retries", min=0, help="Retries of a request after a rate limit, "
                 "server error, timeout or dropped connection [default: 6].",
                 show_default=False),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option("--timeout", min=0.001, help="Seconds allowed for one request "
                 "[default: 120].", show_default=False),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Ask the model even when the cache has the answer.")
]
PricesOption = Annotated[
    Path | None,
    typer.Option("--prices", help="Prices file (YAML, like the built-in table) whose "
                 "entries come first.", show_default=False),
]


def _money(value: float | None) -> str:
    if value is None:
        return "unknown"
    if value == 0:
        return "$0.00"
    return f"${value:,.2f}" if value >= 1 else f"${value:.4f}"


def _points(value: float) -> str:
    return f"{value:g}"


class _Progress:
    """A rich progress bar on a terminal; a plain line every tenth of the run otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self._bar: Any = None
        self._task: Any = None
        self._last_step = -1
        self._last_time = 0.0

    def __enter__(self) -> _Progress:
        if self.enabled and self.tty:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            from examsim.cli.console import console

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failed]} failed"),
                TextColumn("cost {task.fields[cost]}"),
                TimeRemainingColumn(),
                console=console(stderr=True),
                transient=True,
            )
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, event: ProgressEvent) -> None:
        if not self.enabled:
            return
        cost = _money(event.cost_usd)
        if self._bar is not None:
            if self._task is None:
                self._task = self._bar.add_task("items", total=event.total,
                                                completed=event.done, failed=0, cost=cost)
            self._bar.update(self._task, completed=event.done, failed=event.failed, cost=cost)
            return
        # A line per tenth of the run, at most one every 5 s (and at least every 30 s),
        # so a log file shows progress without a line per item.
        step = event.done * 10 // max(event.total, 1)
        now = time.monotonic()
        if self._last_time == 0.0:
            self._last_time = now
            return
        since = now - self._last_time
        if not ((step != self._last_step and since >= 5) or since >= 30):
            return
        self._last_step, self._last_time = step, now
        sys.stderr.write(f"{event.done}/{event.total} items, {event.failed} failed, "
                         f"{event.unparsed} unparsed, cost {cost}, "
                         f"{event.elapsed_s:.0f}s\n")
        sys.stderr.flush()


def _print_summary(summary: RunSummary) -> None:
    from examsim.cli.console import console

    out = console()

    def line(text: str = "") -> None:
        out.print(text, markup=False, highlight=False, soft_wrap=True)

    vision = "on" if summary.vision else "off (IMAGE: placeholders)"
    samples = f"{summary.samples} sample" + ("s" if summary.samples != 1 else "")
    line(f"Run: {summary.run_dir}")
    line(f"{summary.exam} with {summary.model} (protocol {summary.protocol}, vision {vision}, "
         f"seed {summary.seed}, {samples})")
    line(f"Attempts: {summary.attempts} ({summary.answered} answered, {summary.unparsed} "
         f"unparsed, {summary.blank} blank, {summary.failed} failed"
         + (f", {summary.missing} not asked" if summary.missing else "") + ")")
    cost = _money(summary.cost_usd)
    if summary.cost_usd is None:
        cost += f" (no price for {summary.model}; add one with --prices FILE)"
    line(f"Tokens: {summary.input_tokens:,} in, {summary.output_tokens:,} out; cost {cost}")
    line()
    width = max([len(s.id) for s in summary.sections] + [7])
    line(f"{'Section':<{width}}  {'Raw':>8}  {'Max':>8}")
    for section in summary.sections:
        raw = _points(section.raw) if section.raw is not None else "-"
        note = ""
        if section.awaiting_grading:
            note = f"  {len(section.awaiting_grading)} awaiting grading"
        line(f"{section.id:<{width}}  {raw:>8}  {_points(section.max):>8}{note}")
    if summary.awaiting_grading:
        line()
        line("Free responses awaiting grading: " + ", ".join(summary.awaiting_grading))
        line(f"Grade them with: examsim grade {summary.run_dir}")
    if summary.failures:
        line()
        line(f"{summary.failed} attempt(s) failed; ask them again with: "
             f"examsim resume {summary.run_dir}")
        for failure in summary.failures[:5]:
            line(f"  {failure.item} (sample {failure.sample}): {failure.error}")
        if len(summary.failures) > 5:
            line(f"  ... and {len(summary.failures) - 5} more")
    scoring = summary.scoring or {}
    if scoring.get("scores"):
        line()
        line("Scores:")
        for score in scoring["scores"]:
            line(f"  {score.get('name', score.get('id'))}: {score.get('label')}")
    if scoring.get("scoring_error"):
        line()
        line(f"Not scored: {scoring['scoring_error']}")


def _print_plan(plan: RunPlan) -> None:
    from examsim.cli.console import console

    out = console()

    def line(text: str) -> None:
        out.print(text, markup=False, highlight=False, soft_wrap=True)

    sections = ", ".join(f"{k} {v}" for k, v in plan.sections.items())
    line(f"Dry run: {plan.exam} with {plan.model} (protocol {plan.protocol}, vision "
         f"{'on' if plan.vision else 'off'}); nothing is sent.")
    line(f"Items: {plan.items} ({sections}) x {plan.samples} sample(s) = {plan.attempts} "
         f"attempts, {plan.requests} requests (before retries)")
    line(f"Input tokens: about {plan.input_tokens:,}")
    line(f"Output tokens: at most {plan.max_output_tokens:,}")
    if plan.price_known:
        line(f"Cost: about {_money(plan.input_cost_usd)} for input, at most "
             f"{_money(plan.max_cost_usd)} in all")
    else:
        line(f"Cost: unknown (no price for {plan.model}; add one with --prices FILE)")


def _finish(summary: RunSummary, json_out: bool) -> None:
    from examsim.cli.console import print_json

    if json_out:
        print_json(summary.to_dict())
    else:
        _print_summary(summary)


def run_command(
    exam: Annotated[
        str | None,
        typer.Argument(help="Exam id or pack folder (not needed with --resume).",
                       show_default=False),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", "-m", help="PROVIDER/MODEL, e.g. openai/gpt-4o, "
                     "anthropic/claude-sonnet-4-5, ollama/llama3.1, openai-api/NAME/MODEL, "
                     "mock/answer-key, mock/random, replay/FILE.jsonl.", show_default=False),
    ] = None,
    protocol: Annotated[
        str | None,
        typer.Option("--protocol", help="gpt4 (few-shot with explanations, Appendix A) or "
                     "direct (answer alone) [default: each section's own].",
                     show_default=False),
    ] = None,
    answer_step: Annotated[
        str | None,
        typer.Option("--answer-step", help="How the answer is taken from an explanation: "
                     "parse (read it) or model (ask for it at temperature 0) "
                     "[default: parse].", show_default=False),
    ] = None,
    no_vision: Annotated[
        bool, typer.Option("--no-vision", help="Replace images with IMAGE: placeholders "
                           "(and the pack's alt text).")
    ] = False,
    samples: Annotated[
        int | None, typer.Option("--samples", min=1, help="Samples per item [default: 1].",
                                 show_default=False)
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed of the form draw, item order and "
                                 "sampling [default: 0].", show_default=False)
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Run directory [default: "
                                  "runs/<exam>-<model>-<time>].", show_default=False)
    ] = None,
    resume: Annotated[
        Path | None, typer.Option("--resume", help="Continue this run directory instead of "
                                  "starting a new one.", show_default=False)
    ] = None,
    concurrency: ConcurrencyOption = None,
    max_retries: MaxRetriesOption = None,
    timeout: TimeoutOption = None,
    no_cache: NoCacheOption = False,
    prices: PricesOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print items, requests, tokens and cost; send "
                           "nothing.")
    ] = False,
    grader: Annotated[
        list[str] | None,
        typer.Option("--grader", help="Grade the free responses after the items with this "
                     "grader: a model spec, or mock/reference-match (the offline baseline). "
                     "Repeatable; see 'examsim grade'.", show_default=False),
    ] = None,
    contamination: Annotated[
        Path | None,
        typer.Option("--contamination", help="Contamination verdict file (examsim "
                     "contamination scan): also score the clean items, report the lower.",
                     show_default=False),
    ] = None,
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", help="Scan this corpus first (GPT-4 substring method) and "
                     "use its verdicts as --contamination. Repeatable.", show_default=False),
    ] = None,
    packs: PacksOption = None,
    json_out: JsonSummaryOption = False,
) -> None:
    """Sit an exam with a model and write the run log (manifest.json, responses.jsonl)."""
    from examsim.errors import UsageError

    if resume is not None:
        shaping = {"--protocol": protocol, "--answer-step": answer_step, "--samples": samples,
                   "--seed": seed, "--out": out, "--no-vision": no_vision or None,
                   "--dry-run": dry_run or None, "--grader": grader or None}
        given = [name for name, value in shaping.items() if value is not None]
        if given:
            raise UsageError(f"{', '.join(given)} cannot change a run being resumed. Fix: "
                             "drop them, or start a new run.")
        _resume(resume, exam=exam, model=model, concurrency=concurrency,
                max_retries=max_retries, timeout=timeout, no_cache=no_cache, prices=prices,
                json_out=json_out)
        return
    if exam is None:
        raise UsageError("Missing exam. Fix: examsim run EXAM --model PROVIDER/MODEL "
                         "(see 'examsim list').")
    if model is None:
        raise UsageError("Missing --model. Fix: e.g. --model openai/gpt-4o, or "
                         "--model mock/answer-key to try the exam offline.")
    if protocol not in (None, "gpt4", "direct"):
        raise UsageError(f"--protocol {protocol}: use gpt4 or direct.")
    if answer_step not in (None, "parse", "model"):
        raise UsageError(f"--answer-step {answer_step}: use parse or model.")

    from examsim.runner import RunOptions, plan_run, run_exam

    options = RunOptions(
        protocol=protocol,  # type: ignore[arg-type]
        answer_step=answer_step or "parse",  # type: ignore[arg-type]
        vision=not no_vision,
        samples=samples or 1,
        seed=seed or 0,
        concurrency=concurrency or RunOptions.concurrency,
        max_retries=max_retries if max_retries is not None else RunOptions.max_retries,
        timeout=timeout or RunOptions.timeout,
        cache=not no_cache,
        prices=prices,
        graders=tuple(grader or ()),
    )
    if dry_run:
        plan = plan_run(exam, model, packs=packs or [], options=options)
        if json_out:
            from examsim.cli.console import print_json

            print_json(plan.to_dict())
        else:
            _print_plan(plan)
        return
    from examsim.contamination.clean import apply_to_run, verdicts_for_run

    verdicts = verdicts_for_run(exam, contamination, corpus or [], packs or [])
    with _Progress(enabled=True) as progress:
        summary = run_exam(exam, model, packs=packs or [], out=out, options=options,
                           on_progress=progress)
    if verdicts is None:
        _finish(summary, json_out)
        return
    compared = apply_to_run(Path(summary.run_dir), verdicts)
    if json_out:
        from examsim.cli.console import print_json

        print_json({**summary.to_dict(), "contamination": compared.to_dict()})
        return
    from examsim.cli.contamination import full_vs_clean_lines

    _finish(summary, json_out)
    for line in ["", *full_vs_clean_lines(compared)]:
        typer.echo(line)


def _resume(run_dir: Path, *, exam: str | None, model: str | None, concurrency: int | None,
            max_retries: int | None, timeout: float | None, no_cache: bool,
            prices: Path | None, json_out: bool) -> None:
    from examsim.errors import UsageError
    from examsim.runlog import RunDir
    from examsim.runner import resume_run

    manifest = RunDir.open(run_dir).manifest()
    if exam is not None and exam not in (manifest.exam, manifest.pack_path):
        raise UsageError(f"{run_dir} is a run of '{manifest.exam}', not '{exam}'.")
    if model is not None and model != manifest.model:
        raise UsageError(f"{run_dir} was run with {manifest.model}, not {model}. Fix: drop "
                         "--model, or start a new run.")
    with _Progress(enabled=True) as progress:
        summary = resume_run(run_dir, on_progress=progress, concurrency=concurrency,
                             max_retries=max_retries, timeout=timeout,
                             cache=False if no_cache else None, prices=prices)
    _finish(summary, json_out)


def resume_command(
    run_dir: Annotated[Path, typer.Argument(help="Run directory to continue.")],
    concurrency: ConcurrencyOption = None,
    max_retries: MaxRetriesOption = None,
    timeout: TimeoutOption = None,
    no_cache: NoCacheOption = False,
    prices: PricesOption = None,
    json_out: JsonSummaryOption = False,
) -> None:
    """Continue a stopped run: ask only the items not yet finished (failed ones again)."""
    _resume(run_dir, exam=None, model=None, concurrency=concurrency, max_retries=max_retries,
            timeout=timeout, no_cache=no_cache, prices=prices, json_out=json_out)


def register(app: typer.Typer) -> None:
    app.command("run")(run_command)
    app.command("resume")(resume_command)
