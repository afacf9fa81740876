"""Where shards are scanned: in this process, or as one task per shard on a Dask cluster.

Both return findings in shard order, so merging gives identical verdicts either way.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from typing import Any

from examsim.contamination.corpus import Shard
from examsim.contamination.scanners import Scanner, ShardFindings
from examsim.errors import ContaminationError, DependencyError, UsageError

ENGINES = ("local", "dask")
SCHEDULER_TIMEOUT = "10s"
"""How long to try reaching a --scheduler before giving up."""
Progress = Callable[[int, int], None]
"""Called with (shards done, shards in all) after each shard."""


def run_local(
    scanner: Scanner, shards: Sequence[Shard], progress: Progress | None = None
) -> list[ShardFindings]:
    """Scan the shards one after another in this process."""
    findings = []
    for done, shard in enumerate(shards, start=1):
        findings.append(scanner.scan_shard(shard))
        if progress:
            progress(done, len(shards))
    return findings


def _scan(scanner: Scanner, shard: Shard) -> ShardFindings:
    return scanner.scan_shard(shard)


def run_dask(
    scanner: Scanner,
    shards: Sequence[Shard],
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[ShardFindings]:
    """One task per shard on the cluster at ``scheduler``, or on a LocalCluster of
    ``workers`` single-threaded worker processes (default 2)."""
    try:
        # Imported as Any: distributed's API is only partly typed.
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise DependencyError("dask[distributed]", "dask", "The Dask engine") from exc
    if scheduler and workers:
        raise UsageError("Give either --scheduler (an existing cluster) or --workers "
                         "(a local cluster), not both.")
    if workers is not None and workers < 1:
        raise UsageError("--workers must be 1 or more.")
    cluster = None
    try:
        if scheduler:
            client = distributed.Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        else:
            cluster = distributed.LocalCluster(
                n_workers=workers or 2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.CRITICAL,
            )
            client = distributed.Client(cluster)
    except (OSError, TimeoutError, RuntimeError) as exc:
        target = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise ContaminationError(
            f"Cannot reach {target} ({exc}). Fix: check the address (e.g. tcp://host:8786) "
            "and that the scheduler is running."
        ) from exc
    try:
        # Send the scanner (its keys) to every worker once, not with every task.
        remote = client.scatter(scanner, broadcast=True)
        futures = client.map(_scan, [remote] * len(shards), list(shards), pure=False)
        results: list[ShardFindings] = []
        for future in distributed.as_completed(futures):
            results.append(future.result())
            if progress:
                progress(len(results), len(shards))
        return sorted(results, key=lambda found: found.shard)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_engine(
    engine: str,
    scanner: Scanner,
    shards: Sequence[Shard],
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[ShardFindings]:
    """Scan ``shards`` with the named engine."""
    if engine == "local":
        if workers or scheduler:
            raise UsageError("--workers and --scheduler apply to --engine dask.")
        return run_local(scanner, shards, progress)
    if engine == "dask":
        return run_dask(scanner, shards, workers, scheduler, progress)
    raise UsageError(f"Unknown engine '{engine}'. Known: {', '.join(ENGINES)}.")
