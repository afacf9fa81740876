"""Running many attempts at once: bounded concurrency, group-committed run log, progress.

Workers take (item, sample) jobs from a queue, at most ``concurrency`` at a time. Each
finished attempt is appended to ``responses.jsonl`` and fsynced before it counts as done;
records finishing together share one write and one fsync, so a fast run is not limited by
the disk. A killed run therefore loses only the attempts still in flight.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from examsim.errors import RunLogError
from examsim.runlog import ResponseRecord, RunDir
from examsim.runner.attempt import AttemptContext, attempt_item
from examsim.runner.prompts import ItemPrompt


@dataclass(frozen=True)
class Job:
    """One (item, sample) to ask."""

    prompt: ItemPrompt
    sample: int


@dataclass(frozen=True)
class ProgressEvent:
    """Where a run stands; sent to the progress callback after every finished attempt."""

    done: int
    """Attempts finished, counting those finished before a resume."""
    total: int
    failed: int
    """Attempts of this session that ended in an error."""
    unparsed: int
    cost_usd: float | None
    """Cost of this session so far; None once any request had an unknown price."""
    elapsed_s: float
    last_item: str | None = None
    last_status: str | None = None


ProgressCallback = Callable[[ProgressEvent], None]


class _LogWriter:
    """Appends records in batches: one write and one fsync for all that are waiting."""

    def __init__(self, run: RunDir) -> None:
        self.run = run
        self._pending: list[tuple[ResponseRecord, asyncio.Future[None]]] = []
        self._wake = asyncio.Event()
        self._closed = False
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def write(self, record: ResponseRecord) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((record, future))
        self._wake.set()
        await future

    async def close(self) -> None:
        self._closed = True
        self._wake.set()
        if self._task is not None:
            await self._task

    async def _loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            batch, self._pending = self._pending, []
            if batch:
                try:
                    await asyncio.to_thread(self.run.append_responses, [r for r, _ in batch])
                except OSError as exc:
                    error = RunLogError(f"Cannot write {self.run.responses_path}: {exc}. "
                                        "Fix: free disk space or check permissions, then "
                                        f"'examsim resume {self.run.path}'.")
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(error)
                    continue
                for _, future in batch:
                    if not future.done():
                        future.set_result(None)
            elif self._closed:
                return


async def execute(
    jobs: list[Job],
    ctx: AttemptContext,
    run: RunDir,
    *,
    concurrency: int,
    already_done: int = 0,
    on_progress: ProgressCallback | None = None,
) -> list[ResponseRecord]:
    """Ask every job and append its record; return the records written, in finish order."""
    started = time.monotonic()
    total = already_done + len(jobs)
    queue: asyncio.Queue[Job] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    writer = _LogWriter(run)
    writer.start()
    written: list[ResponseRecord] = []
    cost: list[float | None] = [0.0]
    counts = {"error": 0, "unparsed": 0}

    def report(record: ResponseRecord | None) -> None:
        if on_progress is None:
            return
        on_progress(ProgressEvent(
            done=already_done + len(written),
            total=total,
            failed=counts["error"],
            unparsed=counts["unparsed"],
            cost_usd=cost[0],
            elapsed_s=time.monotonic() - started,
            last_item=record.item if record else None,
            last_status=record.status if record else None,
        ))

    async def worker() -> None:
        while True:
            try:
                job = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            record = await attempt_item(ctx, job.prompt, job.sample)
            await writer.write(record)
            written.append(record)
            if record.status in counts:
                counts[record.status] += 1
            if record.cost_usd is None and record.usage.input_tokens + record.usage.output_tokens:
                cost[0] = None
            elif cost[0] is not None and record.cost_usd is not None:
                cost[0] += record.cost_usd
            report(record)

    report(None)
    workers = [asyncio.create_task(worker()) for _ in range(max(1, min(concurrency, len(jobs))))]
    try:
        # The first failure (a fatal provider error, a full disk) stops the others.
        done, pending = await asyncio.wait(workers, return_when=asyncio.FIRST_EXCEPTION)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            if task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
    finally:
        for task in workers:
            task.cancel()
        await writer.close()
    return written
