"""The scanner contract and its registry (methods ``substring``, ``ngram``, ``fuzzy``).

A scanner is built from an exam's item texts and the scan options. It turns each item
into *keys* (probes, n-grams, text segments) and scans one corpus shard at a time,
returning for each key that was found how often, how well, and where first. Findings of
several shards merge key by key, so a scan split across Dask workers gives the same
verdicts as one done in a single process. An item is contaminated when at least
``needed`` of its keys were found with a score of at least ``min_score``.

Third-party methods register a factory ``(texts, options) -> Scanner`` in the
entry-point group ``examsim.scanners``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from examsim.contamination.corpus import CorpusOptions, Shard
from examsim.contamination.itemtext import ItemText
from examsim.contamination.normalise import Normaliser, UnicodeForm
from examsim.contamination.stream import Location, ShardStats, scan_shard
from examsim.registry import Registry


@dataclass(frozen=True)
class ScanOptions:
    """Everything that shapes a scan's verdicts."""

    method: str = "substring"
    seed: int = 0
    """Seed of the substring probes."""
    case_fold: bool = True
    unicode: UnicodeForm = "NFKC"
    include_choices: bool = True
    """Multiple-choice options are part of an item's question text."""
    threshold: float | None = None
    """ngram: share of an item's n-grams found (default: any one); fuzzy: similarity
    0-100 (default 90); substring: number of probes that must match (default 1)."""
    ngram: int = 13
    """Words per n-gram (ngram method)."""
    corpus: CorpusOptions = field(default_factory=CorpusOptions)


@dataclass(frozen=True)
class Target:
    """One item as a method sees it: its keys and how many must be found."""

    item: str
    section: str
    keys: tuple[int, ...]
    needed: int


@dataclass
class KeyHit:
    """A key found in the corpus: how often, its best score (100 = exact), where first."""

    count: int
    score: float
    location: Location


@dataclass
class ShardFindings:
    """What one shard contributed."""

    shard: int
    hits: dict[int, KeyHit]
    stats: ShardStats


class Scanner(Protocol):
    """A contamination method, ready to scan shards."""

    method: str
    targets: list[Target]
    key_texts: list[str]
    """What each key is, for the verdict file (a probe, an n-gram, a segment)."""
    min_score: float
    """Score a key hit needs to count."""
    probes: dict[str, list[str]]
    """Per item, the substrings it was checked with (substring method), else empty."""

    def scan_shard(self, shard: Shard) -> ShardFindings:
        """Scan one corpus shard."""
        ...


ScannerFactory = Callable[[Sequence[ItemText], ScanOptions], Scanner]

scanners: Registry[ScannerFactory] = Registry(
    "scanners",
    {
        "substring": "examsim.contamination.substring:SubstringScanner",
        "ngram": "examsim.contamination.ngram:NgramScanner",
        "fuzzy": "examsim.contamination.fuzzy:FuzzyScanner",
    },
)


def keys_digest(method: str, keys: Sequence[bytes]) -> str:
    """Names an automaton so a worker process builds it once for many shards."""
    digest = hashlib.sha256(method.encode())
    for key in keys:
        digest.update(len(key).to_bytes(4, "big"))
        digest.update(key)
    return digest.hexdigest()


class KeyTable:
    """Unique keys shared by all items (two items may share a passage and so a key)."""

    def __init__(self) -> None:
        self.keys: list[bytes] = []
        self.texts: list[str] = []
        self._index: dict[bytes, int] = {}

    def add(self, text: str, key: bytes) -> int:
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = len(self.keys)
            self.keys.append(key)
            self.texts.append(text)
        return index


def exact_findings(
    shard: Shard,
    digest: str,
    keys: Sequence[bytes],
    normaliser: Normaliser,
    options: CorpusOptions,
    accept: Callable[[bytes, int], bool] | None = None,
) -> ShardFindings:
    """Exact matches of ``keys`` in one shard, per key: how often (score 100) and where
    first. ``accept(data, start)``, when given, decides whether a match counts."""
    stats = ShardStats()
    hits: dict[int, KeyHit] = {}
    if keys:
        for batch in scan_shard(shard, digest, keys, normaliser, options, 0, stats):
            for key, start, _ in batch.fresh_matches():
                if accept is not None and not accept(batch.data, start):
                    continue
                hit = hits.get(key)
                if hit is None:
                    hits[key] = KeyHit(1, 100.0, batch.locate(start))
                else:
                    hit.count += 1
    return ShardFindings(shard.index, hits, stats)


def merge_findings(findings: Sequence[ShardFindings]) -> tuple[dict[int, KeyHit], ShardStats]:
    """Combine shard findings in shard order: counts add up, the best score wins (ties:
    the earlier shard), the first location is kept."""
    merged: dict[int, KeyHit] = {}
    stats = ShardStats()
    for found in sorted(findings, key=lambda f: f.shard):
        stats.bytes_read += found.stats.bytes_read
        stats.documents += found.stats.documents
        stats.normalised_bytes += found.stats.normalised_bytes
        for key, hit in found.hits.items():
            seen = merged.get(key)
            if seen is None:
                merged[key] = KeyHit(hit.count, hit.score, hit.location)
                continue
            seen.count += hit.count
            if hit.score > seen.score:
                seen.score, seen.location = hit.score, hit.location
    return merged, stats
