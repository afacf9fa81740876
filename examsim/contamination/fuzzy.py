"""Fuzzy matching: near-copies of an item, with words changed, found by similarity.

An item's word text is cut into segments of about 50 words. Disjoint 4-word anchors of
each segment go into the automaton; where at least two anchors of a segment occur close
together (one, for a segment with a single anchor), the surrounding stretch of the
document is compared with the segment by rapidfuzz ``partial_ratio`` (the best
alignment of the segment inside the stretch, 0-100). A segment matches at ``threshold``
(default 90) or above; an item is contaminated when any of its segments matches.
Anchors keep the cost bounded: only places sharing exact word runs with an item are
compared, so a copy with every fourth word changed is still found, a paraphrase is not.
"""

from __future__ import annotations

from collections.abc import Sequence

from examsim.contamination.corpus import Shard
from examsim.contamination.itemtext import ItemText
from examsim.contamination.ngram import at_token_start
from examsim.contamination.normalise import SEPARATOR, Normaliser
from examsim.contamination.scanners import (
    KeyHit,
    KeyTable,
    ScanOptions,
    ShardFindings,
    Target,
    keys_digest,
)
from examsim.contamination.stream import Batch, ShardStats, scan_shard
from examsim.errors import UsageError

SEGMENT_WORDS = 50
ANCHOR_WORDS = 4
DEFAULT_THRESHOLD = 90.0


def segments(tokens: Sequence[str], size: int = SEGMENT_WORDS) -> list[list[str]]:
    """Consecutive runs of about ``size`` tokens (a short remainder joins the last run)."""
    runs = [list(tokens[i : i + size]) for i in range(0, len(tokens), size)]
    if len(runs) > 1 and len(runs[-1]) < size // 5:
        runs[-2].extend(runs.pop())
    return runs


class FuzzyScanner:
    """An item is contaminated when a stretch of the corpus is similar enough to it."""

    method = "fuzzy"

    def __init__(self, texts: Sequence[ItemText], options: ScanOptions) -> None:
        threshold = DEFAULT_THRESHOLD if options.threshold is None else options.threshold
        if not 0 < threshold <= 100:
            raise UsageError("--threshold for the fuzzy method is a similarity above 0 and "
                             "at most 100 (e.g. 90).")
        self.min_score = float(threshold)
        self.options = options
        self.normaliser = Normaliser("words", options.case_fold, options.unicode)
        self.probes: dict[str, list[str]] = {}
        table = KeyTable()
        anchors = KeyTable()
        self.owners: list[list[int]] = []  # anchor -> segments holding it
        self.anchor_counts: list[int] = []  # segment -> its number of distinct anchors
        self.targets: list[Target] = []
        for text in texts:
            keys: list[int] = []
            for run in segments(self.normaliser.tokens(text.text)):
                segment = " ".join(run)
                index = table.add(segment, segment.encode("utf-8"))
                keys.append(index)
                if index < len(self.anchor_counts):
                    continue  # the same segment in another item: anchors already known
                found = set()
                for start in range(0, max(1, len(run) - ANCHOR_WORDS + 1), ANCHOR_WORDS):
                    anchor = " ".join(run[start : start + ANCHOR_WORDS]) + " "
                    position = anchors.add(anchor, anchor.encode("utf-8"))
                    if position == len(self.owners):
                        self.owners.append([])
                    if index not in self.owners[position]:
                        self.owners[position].append(index)
                    found.add(position)
                self.anchor_counts.append(len(found))
            self.targets.append(Target(text.item, text.section, tuple(keys), 1))
        self.key_texts = table.texts
        self.segment_bytes = [len(key) for key in table.keys]
        self.anchors = anchors.keys
        self.digest = keys_digest(self.method + repr(self.normaliser), self.anchors)

    def scan_shard(self, shard: Shard) -> ShardFindings:
        stats = ShardStats()
        hits: dict[int, KeyHit] = {}
        if self.anchors:
            carry = 2 * max(self.segment_bytes)
            for batch in scan_shard(shard, self.digest, self.anchors, self.normaliser,
                                    self.options.corpus, carry, stats):
                self._score_batch(batch, hits)
        return ShardFindings(shard.index, hits, stats)

    def _score_batch(self, batch: Batch, hits: dict[int, KeyHit]) -> None:
        from rapidfuzz import fuzz

        data = batch.data
        by_segment: dict[int, list[tuple[int, int, int]]] = {}
        for anchor, start, end in batch.matches:
            if at_token_start(data, start):
                for segment in self.owners[anchor]:
                    by_segment.setdefault(segment, []).append((start, end, anchor))
        for segment, found in by_segment.items():
            found.sort()
            span = self.segment_bytes[segment]
            needed = min(2, self.anchor_counts[segment])
            text = self.key_texts[segment]
            i = 0
            while i < len(found):
                j = i
                while j + 1 < len(found) and found[j + 1][0] - found[i][0] <= span:
                    j += 1
                cluster = found[i : j + 1]
                i = j + 1
                if len({anchor for _, _, anchor in cluster}) < needed:
                    continue
                first, last = cluster[0][0], cluster[-1][1]
                low = max(data.rfind(SEPARATOR, 0, first) + 1, first - span)
                end = data.find(SEPARATOR, last)
                high = min(len(data) if end < 0 else end, last + span)
                window = data[low:high].decode("utf-8", errors="replace")
                score = float(fuzz.partial_ratio(text, window))
                fresh = cluster[0][1] > batch.carried
                hit = hits.get(segment)
                if hit is None:
                    hits[segment] = KeyHit(int(fresh and score >= self.min_score), score,
                                           batch.locate(first))
                    continue
                if fresh and score >= self.min_score:
                    hit.count += 1
                if score > hit.score:
                    hit.score, hit.location = score, batch.locate(first)
