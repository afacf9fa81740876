"""Sitting an exam with a model: ``run_exam``, ``resume_run`` and ``plan_run`` (dry run).

A run draws the form, builds every item's prompt, creates the run directory (manifest
first), then asks the model for every (item, sample) not yet finished, appending each
finished attempt to ``responses.jsonl``. Resuming reads the manifest back and asks only
what is missing or failed, with the same form, protocol, seed and model.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from examsim.errors import ExamsimError, RunLogError, UsageError
from examsim.models.adapter import ModelAdapter, ModelContext
from examsim.models.registry import get_model, models, split_spec
from examsim.models.types import ImagePart
from examsim.packs import Pack, load_pack
from examsim.packs.load import load_pack_dir
from examsim.runlog import Manifest, RunDir, now
from examsim.runner.attempt import AttemptContext
from examsim.runner.cache import ResponseCache
from examsim.runner.executor import Job, ProgressCallback, execute
from examsim.runner.form import draw_form
from examsim.runner.prices import PriceTable, load_prices
from examsim.runner.prompts import AnswerStep, ItemPrompt, Style, item_prompt
from examsim.runner.retry import RetryPolicy
from examsim.runner.summary import RunSummary, summarise
from examsim.version import __version__

DEFAULT_CONCURRENCY = 16
# Rough size of text and images in tokens, for estimates before a run (no tokenizer).
CHARS_PER_TOKEN = 4
TOKENS_PER_IMAGE = 765


@dataclass(frozen=True)
class RunOptions:
    """How to sit the exam. ``protocol`` None keeps each section's own protocol."""

    protocol: Style | None = None
    answer_step: AnswerStep = "parse"
    """``parse``: read the answer from the explanation; ``model``: ask for it at temperature 0."""
    vision: bool = True
    samples: int = 1
    seed: int = 0
    concurrency: int = DEFAULT_CONCURRENCY
    max_retries: int = 6
    timeout: float = 120.0
    """Seconds allowed for one request."""
    cache: bool = True
    cache_dir: Path | None = None
    prices: Path | None = None
    """A prices file whose entries take precedence over the built-in ones."""
    retry: RetryPolicy | None = None
    """Full retry policy (overrides ``max_retries``)."""
    graders: tuple[str, ...] = ()
    """Grader specs that grade the free responses once the items are answered."""

    def policy(self) -> RetryPolicy:
        return self.retry or RetryPolicy(max_retries=self.max_retries)

    def check(self) -> None:
        if self.samples < 1:
            raise UsageError("--samples must be at least 1.")
        if self.concurrency < 1:
            raise UsageError("--concurrency must be at least 1.")
        if self.max_retries < 0:
            raise UsageError("--max-retries cannot be negative.")
        if self.timeout <= 0:
            raise UsageError("--timeout must be more than 0 seconds.")


def model_slug(model: str) -> str:
    """A file-name-safe form of a model spec: ``openai/gpt-4o`` -> ``openai-gpt-4o``."""
    return re.sub(r"[^A-Za-z0-9._]+", "-", model).strip("-.")[:80] or "model"


def default_run_dir(exam: str, model: str, runs_dir: Path) -> Path:
    """``runs/<exam>-<model-slug>-<UTC timestamp>`` (suffixed if taken)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = runs_dir / f"{exam}-{model_slug(model)}-{stamp}"
    path, n = base, 2
    while path.exists():
        path, n = base.with_name(f"{base.name}-{n}"), n + 1
    return path


def _prompts(pack: Pack, form: dict[str, list[str]], style: Style | None, vision: bool,
             answer_step: AnswerStep) -> list[ItemPrompt]:
    by_id = {item.id: (section, item) for section, item in pack.items()}
    prompts: list[ItemPrompt] = []
    for section_id, ids in form.items():
        for item_id in ids:
            if item_id not in by_id:
                raise RunLogError(f"The run's form names item '{item_id}' (section "
                                  f"{section_id}), which the pack no longer has.")
            section, item = by_id[item_id]
            prompts.append(item_prompt(pack, section, item, style=style, vision=vision,
                                       answer_step=answer_step))
    return prompts


def _protocol_label(pack: Pack, style: Style | None) -> str:
    if style is not None:
        return style
    styles = {s.section.protocol.style for s in pack.sections}
    return styles.pop() if len(styles) == 1 else "per-section"


def _has_images(pack: Pack) -> bool:
    return any(item.images for _, item in pack.items())


async def _close(adapter: ModelAdapter) -> None:
    close = getattr(adapter, "aclose", None)
    if close is not None:
        await close()


async def _sit(run: RunDir, pack: Pack, manifest: Manifest, adapter: ModelAdapter,
               options: RunOptions, style: Style | None, on_progress: ProgressCallback | None,
               ) -> dict[str, Any]:
    prompts = _prompts(pack, manifest.form, style, manifest.vision, options.answer_step)
    finished = run.finished()
    jobs = [Job(p, s) for p in prompts for s in range(manifest.samples)
            if (p.item.id, s) not in finished]
    ctx = AttemptContext(
        adapter=adapter,
        model=manifest.model,
        seed=manifest.seed,
        policy=options.policy(),
        prices=load_prices(options.prices),
        cache=ResponseCache(options.cache_dir) if options.cache else None,
    )
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        written = await execute(jobs, ctx, run, concurrency=options.concurrency,
                                already_done=len(prompts) * manifest.samples - len(jobs),
                                on_progress=on_progress)
    finally:
        await _close(adapter)
    return {
        "asked": len(jobs),
        "written": len(written),
        "requests": ctx.stats.requests,
        "retries": ctx.stats.retries,
        "retry_reasons": dict(ctx.stats.retry_reasons),
        "cache_hits": ctx.stats.cache_hits,
        "seconds": round(loop.time() - started, 3),
    }


def _finish(run: RunDir, pack: Pack, manifest: Manifest, session: dict[str, Any]) -> RunSummary:
    manifest = manifest.model_copy(update={"finished_at": now()})
    run.write_manifest(manifest)
    summary = summarise(run, pack, manifest)
    return replace(summary, session=session, scoring=_scoring(run.path, pack))


def _check_graders(specs: tuple[str, ...], pack: Pack) -> None:
    """Fail before the sitting, not after it, when a grader spec or its key is wrong."""
    from examsim.grading.grade import make_graders

    make_graders(specs, pack=pack)


async def _grade(run: RunDir, pack: Pack, options: RunOptions) -> None:
    """Grade the free responses (``--grader``); grades already made are not asked again."""
    if not options.graders:
        return
    from examsim.grading.grade import grade_run_async

    await grade_run_async(run.path, options.graders, pack=pack.root)


def _scoring(run_dir: Path, pack: Pack) -> dict[str, Any]:
    """The scorer's result for the run; a run that cannot be scored says why."""
    from examsim.scoring import score_run

    try:
        return score_run(run_dir, pack=pack).to_dict()
    except ExamsimError as exc:
        return {"scoring_error": str(exc)}


async def run_exam_async(
    exam: str | Path,
    model: str,
    *,
    packs: Sequence[Path] = (),
    out: Path | None = None,
    runs_dir: Path = Path("runs"),
    options: RunOptions = RunOptions(),
    on_progress: ProgressCallback | None = None,
) -> RunSummary:
    """``run_exam`` for callers that already run an event loop."""
    options.check()
    pack = load_pack(exam, packs)
    adapter = get_model(model, ModelContext(pack=pack, seed=options.seed,
                                            timeout=options.timeout,
                                            concurrency=options.concurrency))
    vision = options.vision and (adapter.supports_images or not _has_images(pack))
    form = draw_form(pack, options.seed)
    if not any(form.values()):
        raise UsageError(f"Exam '{pack.id}' has no items to ask.")
    path = out or default_run_dir(pack.id, model, runs_dir)
    manifest = Manifest(
        run_id=path.name,
        exam=pack.id,
        pack_path=str(pack.root.resolve()),
        pack_digest=pack.digest,
        pack_version=pack.exam.version,
        model=model,
        protocol=_protocol_label(pack, options.protocol),
        vision=vision,
        seed=options.seed,
        samples=options.samples,
        parameters={
            "protocol_override": options.protocol,
            "answer_step": options.answer_step,
            "concurrency": options.concurrency,
            "max_retries": options.policy().max_retries,
            "timeout_s": options.timeout,
            "cache": options.cache,
            # Kept so that a resume prices its attempts the same way.
            "prices": str(options.prices.resolve()) if options.prices else None,
            "graders": list(options.graders),
            "section_protocols": {
                s.id: s.section.protocol.model_dump() for s in pack.sections
            },
        },
        form=form,
        examsim_version=__version__,
    )
    if options.graders:
        _check_graders(options.graders, pack)
    run = RunDir.create(path, manifest)
    session = await _sit(run, pack, manifest, adapter, options, options.protocol, on_progress)
    await _grade(run, pack, options)
    return _finish(run, pack, manifest, session)


def run_exam(
    exam: str | Path,
    model: str,
    *,
    packs: Sequence[Path] = (),
    out: Path | None = None,
    runs_dir: Path = Path("runs"),
    options: RunOptions = RunOptions(),
    on_progress: ProgressCallback | None = None,
) -> RunSummary:
    """Sit ``exam`` (an id or a pack folder) with ``model`` and return the run's summary.

    The run directory is ``out``, or ``runs_dir/<exam>-<model>-<timestamp>``. A run that is
    stopped can be continued with ``resume_run``.
    """
    return asyncio.run(run_exam_async(exam, model, packs=packs, out=out, runs_dir=runs_dir,
                                      options=options, on_progress=on_progress))


def _resume_options(manifest: Manifest, overrides: dict[str, Any]) -> RunOptions:
    params = manifest.parameters
    base = RunOptions(
        protocol=params.get("protocol_override"),
        answer_step=params.get("answer_step", "parse"),
        vision=manifest.vision,
        samples=manifest.samples,
        seed=manifest.seed,
        concurrency=int(params.get("concurrency", DEFAULT_CONCURRENCY)),
        max_retries=int(params.get("max_retries", 6)),
        timeout=float(params.get("timeout_s", 120.0)),
        cache=bool(params.get("cache", True)),
        prices=Path(params["prices"]) if params.get("prices") else None,
        graders=tuple(params.get("graders", ())),
    )
    return replace(base, **{k: v for k, v in overrides.items() if v is not None})


async def resume_run_async(
    run_dir: Path,
    *,
    on_progress: ProgressCallback | None = None,
    **overrides: Any,
) -> RunSummary:
    """``resume_run`` for callers that already run an event loop."""
    run = RunDir.open(run_dir)
    manifest = run.manifest()
    if manifest.model == "human":
        raise UsageError(f"{run_dir} is a person's sitting. Fix: continue it with "
                         f"'examsim take {manifest.exam} --resume {run_dir}'.")
    try:
        options = _resume_options(manifest, overrides)
    except (TypeError, ValueError) as exc:
        raise RunLogError(
            f"{run.manifest_path}: parameters: a value is not what examsim wrote ({exc}). "
            "Fix: restore the manifest, or start a new run."
        ) from None
    options.check()
    pack = load_pack_dir(Path(manifest.pack_path))
    if pack.digest != manifest.pack_digest:
        raise RunLogError(
            f"The pack at {manifest.pack_path} changed since the run started "
            f"({manifest.pack_digest[:19]}... then, {pack.digest[:19]}... now). "
            "Fix: restore the pack as it was, or start a new run."
        )
    adapter = get_model(manifest.model, ModelContext(pack=pack, seed=manifest.seed,
                                                     timeout=options.timeout,
                                                     concurrency=options.concurrency))
    manifest = manifest.model_copy(update={"finished_at": None})
    run.write_manifest(manifest)
    session = await _sit(run, pack, manifest, adapter, options, options.protocol, on_progress)
    await _grade(run, pack, options)
    return _finish(run, pack, manifest, session)


def resume_run(
    run_dir: Path,
    *,
    on_progress: ProgressCallback | None = None,
    concurrency: int | None = None,
    max_retries: int | None = None,
    timeout: float | None = None,
    cache: bool | None = None,
    cache_dir: Path | None = None,
    prices: Path | None = None,
    retry: RetryPolicy | None = None,
) -> RunSummary:
    """Continue a run: ask only the (item, sample) pairs without a finished record.

    The form, protocol, vision, seed, samples and model come from the manifest; only how
    the requests are made (concurrency, retries, timeout, cache, prices) may change.
    """
    return asyncio.run(resume_run_async(
        run_dir, on_progress=on_progress, concurrency=concurrency, max_retries=max_retries,
        timeout=timeout, cache=cache, cache_dir=cache_dir, prices=prices, retry=retry,
    ))


@dataclass(frozen=True)
class RunPlan:
    """What a run would ask and cost (``--dry-run``); nothing is sent."""

    exam: str
    model: str
    protocol: str
    vision: bool
    items: int
    samples: int
    attempts: int
    requests: int
    """Requests at least (retries not counted)."""
    input_tokens: int
    """Estimated from the prompt text (about 4 characters a token) and images."""
    max_output_tokens: int
    """The output caps of every request added up: output cannot be longer."""
    input_cost_usd: float | None
    max_cost_usd: float | None
    """Input cost plus output at its cap; None when the price is unknown."""
    price_known: bool
    sections: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _estimate_tokens(prompt: ItemPrompt) -> int:
    chars = sum(len(m.plain_text) for m in prompt.messages)
    images = sum(1 for m in prompt.messages for p in m.parts if isinstance(p, ImagePart))
    return chars // CHARS_PER_TOKEN + 1 + images * TOKENS_PER_IMAGE


def plan_run(
    exam: str | Path,
    model: str,
    *,
    packs: Sequence[Path] = (),
    options: RunOptions = RunOptions(),
) -> RunPlan:
    """Count the items, requests, tokens and cost of a run without asking anything."""
    options.check()
    provider, _ = split_spec(model)
    if provider not in models:
        raise UsageError(f"Unknown model provider '{provider}'. Known: "
                         f"{', '.join(models.names())}.")
    pack = load_pack(exam, packs)
    form = draw_form(pack, options.seed)
    prompts = _prompts(pack, form, options.protocol, options.vision, options.answer_step)
    table: PriceTable = load_prices(options.prices)
    price = table.price(model)
    requests = input_tokens = output_cap = 0
    input_cost = max_cost = 0.0
    for prompt in prompts:
        steps = [(prompt.first, _estimate_tokens(prompt))]
        if prompt.second is not None:
            steps.append((prompt.second, steps[0][1] + prompt.first.max_tokens + 20))
        for step, tokens in steps:
            requests += 1
            input_tokens += tokens
            output_cap += step.max_tokens
            input_cost += table.cost(model, tokens, 0) or 0.0
            max_cost += table.cost(model, tokens, step.max_tokens) or 0.0
    n = options.samples
    return RunPlan(
        exam=pack.id,
        model=model,
        protocol=_protocol_label(pack, options.protocol),
        vision=options.vision,
        items=len(prompts),
        samples=n,
        attempts=len(prompts) * n,
        requests=requests * n,
        input_tokens=input_tokens * n,
        max_output_tokens=output_cap * n,
        input_cost_usd=round(input_cost * n, 6) if price is not None else None,
        max_cost_usd=round(max_cost * n, 6) if price is not None else None,
        price_known=price is not None,
        sections={k: len(v) for k, v in form.items()},
    )
