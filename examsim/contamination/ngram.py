"""GPT-3-style n-gram overlap: word 13-grams of an item found in the corpus.

Text is cut into word tokens (letters and digits, case folded unless told otherwise) and
every run of ``n`` consecutive tokens of an item is a key; an item shorter than ``n``
words is one key as a whole. An item is contaminated when at least one of its n-grams
occurs (GPT-3's "dirty" rule), or, with ``threshold``, at least that share of them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from examsim.contamination.corpus import Shard
from examsim.contamination.itemtext import ItemText
from examsim.contamination.normalise import SEPARATOR, Normaliser
from examsim.contamination.scanners import (
    KeyTable,
    ScanOptions,
    ShardFindings,
    Target,
    exact_findings,
    keys_digest,
)
from examsim.errors import UsageError

_TOKEN_START = (ord(" "), SEPARATOR[0])


def word_grams(tokens: Sequence[str], n: int) -> list[str]:
    """Distinct runs of ``n`` tokens, in order; the whole text when it is shorter."""
    if len(tokens) < n:
        return [" ".join(tokens)] if tokens else []
    return list(dict.fromkeys(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)))


def at_token_start(data: bytes, start: int) -> bool:
    """Whether a match starts a word (keys end with a space, so they end one)."""
    return start == 0 or data[start - 1] in _TOKEN_START


class NgramScanner:
    """An item is contaminated when enough of its word n-grams occur in the corpus."""

    method = "ngram"
    min_score = 100.0

    def __init__(self, texts: Sequence[ItemText], options: ScanOptions) -> None:
        if options.ngram < 1:
            raise UsageError("--ngram must be 1 or more words.")
        share = options.threshold
        if share is not None and not 0 < share <= 1:
            raise UsageError(
                "--threshold for the ngram method is the share of an item's n-grams that "
                "must occur, above 0 and at most 1 (e.g. 0.1)."
            )
        self.options = options
        self.normaliser = Normaliser("words", options.case_fold, options.unicode)
        self.probes: dict[str, list[str]] = {}
        table = KeyTable()
        self.targets: list[Target] = []
        for text in texts:
            grams = word_grams(self.normaliser.tokens(text.text), options.ngram)
            keys = tuple(table.add(g, (g + " ").encode("utf-8")) for g in grams)
            needed = 1 if share is None or not keys else max(1, math.ceil(share * len(keys)))
            self.targets.append(Target(text.item, text.section, keys, needed))
        self.keys = table.keys
        self.key_texts = table.texts
        self.digest = keys_digest(self.method + repr(self.normaliser), self.keys)

    def scan_shard(self, shard: Shard) -> ShardFindings:
        return exact_findings(shard, self.digest, self.keys, self.normaliser,
                              self.options.corpus, accept=at_token_start)
