"""The GPT-4 Appendix C method: seeded 50-character probes, matched exactly."""

from __future__ import annotations

from collections.abc import Sequence

from examsim.contamination.corpus import Shard
from examsim.contamination.itemtext import ItemText
from examsim.contamination.normalise import Normaliser
from examsim.contamination.probes import item_probes
from examsim.contamination.scanners import (
    KeyTable,
    ScanOptions,
    ShardFindings,
    Target,
    exact_findings,
    keys_digest,
)
from examsim.errors import UsageError


class SubstringScanner:
    """An item is contaminated when any of its probes occurs in the normalised corpus."""

    method = "substring"
    min_score = 100.0

    def __init__(self, texts: Sequence[ItemText], options: ScanOptions) -> None:
        threshold = 1.0 if options.threshold is None else options.threshold
        if threshold < 1 or threshold != int(threshold):
            raise UsageError(
                "--threshold for the substring method is the number of probes that must "
                "match (1, 2 or 3)."
            )
        needed = int(threshold)
        self.options = options
        self.normaliser = Normaliser("chars", options.case_fold, options.unicode)
        table = KeyTable()
        self.targets: list[Target] = []
        self.probes: dict[str, list[str]] = {}
        for text in texts:
            probes = item_probes(text.item, self.normaliser.text(text.text), options.seed)
            self.probes[text.item] = [p.text for p in probes]
            keys = tuple(table.add(p.text, p.text.encode("utf-8")) for p in probes)
            self.targets.append(
                Target(text.item, text.section, keys, min(needed, len(keys)) if keys else 1)
            )
        self.keys = table.keys
        self.key_texts = table.texts
        self.digest = keys_digest(self.method + repr(self.normaliser), self.keys)

    def scan_shard(self, shard: Shard) -> ShardFindings:
        return exact_findings(shard, self.digest, self.keys, self.normaliser,
                              self.options.corpus)
