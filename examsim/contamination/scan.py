"""Scanning an exam against a corpus: items -> keys -> shards -> merged verdicts."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from pathlib import Path

from examsim.contamination.corpus import find_shards
from examsim.contamination.engines import Progress, run_engine
from examsim.contamination.itemtext import exam_texts
from examsim.contamination.scanners import (
    KeyHit,
    Scanner,
    ScanOptions,
    merge_findings,
    scanners,
)
from examsim.contamination.verdicts import (
    CorpusFile,
    ItemVerdict,
    MatchRecord,
    VerdictFile,
    write_verdicts,
)
from examsim.errors import ContaminationError
from examsim.packs.model import Pack
from examsim.runlog import now

MATCHES_KEPT = 20


def scan_exam(
    exam: str | Path | Pack,
    corpus: Sequence[Path],
    options: ScanOptions | None = None,
    *,
    packs: Sequence[Path] = (),
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    out: Path | None = None,
    progress: Progress | None = None,
) -> VerdictFile:
    """Check every item of ``exam`` against ``corpus``; write the verdicts to ``out``."""
    from examsim.packs import load_pack

    options = options or ScanOptions()
    pack = exam if isinstance(exam, Pack) else load_pack(exam, packs)
    shards = find_shards(corpus)
    if not any(shard.size for shard in shards):
        names = ", ".join(shard.path for shard in shards[:3])
        raise ContaminationError(
            f"The corpus is empty ({names}{', ...' if len(shards) > 3 else ''}: 0 bytes). "
            "Fix: point --corpus at files that hold text."
        )
    scanner = scanners.get(options.method)(exam_texts(pack, options.include_choices), options)
    started_at, clock = now(), time.perf_counter()
    findings = run_engine(engine, scanner, shards, workers, scheduler, progress)
    hits, stats = merge_findings(findings)
    if stats.normalised_bytes == 0:
        names = ", ".join(shard.path for shard in shards[:3])
        raise ContaminationError(
            f"The corpus holds no text to compare ({len(shards)} file(s), "
            f"{stats.documents} document(s)) in {names}{', ...' if len(shards) > 3 else ''}. "
            "Fix: check --text-field and the files."
        )
    verdicts = VerdictFile(
        exam=pack.id,
        pack_digest=pack.digest,
        method=scanner.method,
        options=dataclasses.asdict(options),
        engine=engine,
        corpus=[CorpusFile(path=s.path, kind=s.kind, compression=s.compression, size=s.size)
                for s in shards],
        documents=stats.documents,
        bytes_read=stats.bytes_read,
        started_at=started_at,
        finished_at=now(),
        elapsed_s=round(time.perf_counter() - clock, 3),
        items=item_verdicts(scanner, hits),
    )
    if out is not None:
        write_verdicts(out, verdicts)
    return verdicts


def item_verdicts(scanner: Scanner, hits: dict[int, KeyHit]) -> list[ItemVerdict]:
    """One verdict per item from the merged key hits."""
    verdicts = []
    for target in scanner.targets:
        found = [(key, hits[key]) for key in target.keys if key in hits]
        matched = [(key, hit) for key, hit in found if hit.score >= scanner.min_score]
        checked = bool(target.keys)
        verdicts.append(
            ItemVerdict(
                item=target.item,
                section=target.section,
                contaminated=checked and len(matched) >= target.needed,
                method=scanner.method,
                checked=checked,
                keys=len(target.keys),
                needed=target.needed,
                matched=len(matched),
                best_score=max((hit.score for _, hit in found), default=None),
                probes=scanner.probes.get(target.item, []),
                matches=[
                    MatchRecord(
                        key=scanner.key_texts[key],
                        count=hit.count,
                        score=hit.score,
                        file=hit.location.file,
                        document=hit.location.document,
                        offset=hit.location.offset,
                    )
                    for key, hit in matched[:MATCHES_KEPT]
                ],
            )
        )
    return verdicts
