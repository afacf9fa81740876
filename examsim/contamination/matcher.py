"""Finding every occurrence of many keys in a buffer, at a cost that hardly grows with
the number of keys.

An Aho-Corasick automaton visits every byte, but with tens of thousands of keys its
states no longer fit in the processor's caches and each byte costs several times more.
Long keys are therefore found in two steps. Every ``step`` bytes, the 16 bytes starting
there are looked up (by hash) in a bitmap of all 16-byte stretches of all long keys, a
vectorised gather whose cost does not depend on the number of keys; ``step`` is the
shortest long key less 15, so every occurrence of a long key contains at least one
looked-up stretch.
The stretches that really belong to a key mark the places where the automaton then runs,
over a window wide enough to hold any key through that stretch. Short keys go through an
automaton over the whole buffer. Both give every (overlapping) occurrence exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ahocorasick_rs import BytesAhoCorasick

GRAM = 16
LONG = 32
"""Keys of at least this many bytes take the sampled path."""
BITMAP_BITS = 25
"""2**25 bits = 4 MB whatever the number of keys, so lookups cost the same."""
_MULTIPLIER = 0x9E3779B97F4A7C15
_MIX = 0xC2B2AE3D27D4EB4F
_SEPARATOR = b"\n"


def _automaton(keys: Sequence[bytes]) -> BytesAhoCorasick:
    from ahocorasick_rs import BytesAhoCorasick

    return BytesAhoCorasick(list(keys))


def _grams(data: bytes, positions: Any) -> Any:
    """A 64-bit hash of the ``GRAM`` bytes at each position. Two stretches with one hash
    are told apart by the automaton afterwards, so a collision costs time, never a match."""
    import numpy as np

    codes = np.frombuffer(data, dtype=np.uint8)
    window = np.lib.stride_tricks.sliding_window_view(codes, GRAM)
    lanes = np.ascontiguousarray(window[positions]).view("<u8").reshape(-1, GRAM // 8)
    with np.errstate(over="ignore"):
        hashed = lanes[:, 0].copy()
        for lane in range(1, GRAM // 8):
            hashed = hashed * np.uint64(_MIX) + lanes[:, lane]
    return hashed


def _slots(grams: Any) -> Any:
    import numpy as np

    with np.errstate(over="ignore"):
        return (grams * np.uint64(_MULTIPLIER)) >> np.uint64(64 - BITMAP_BITS)


class KeyMatcher:
    """All occurrences of ``keys`` in a buffer: (key index, start, end)."""

    def __init__(self, keys: Sequence[bytes]) -> None:
        import numpy as np

        self.long_ids = [i for i, key in enumerate(keys) if len(key) >= LONG]
        self.short_ids = [i for i, key in enumerate(keys) if len(key) < LONG]
        self.short = _automaton([keys[i] for i in self.short_ids]) if self.short_ids else None
        self.long = None
        if not self.long_ids:
            return
        long_keys = [keys[i] for i in self.long_ids]
        self.long = _automaton(long_keys)
        self.longest = max(len(key) for key in long_keys)
        self.step = min(len(key) for key in long_keys) - GRAM + 1
        # Every stretch of every long key, hashed in one vectorised pass over them all.
        lengths = np.array([len(key) for key in long_keys])
        counts = lengths - GRAM + 1
        firsts = np.cumsum(lengths) - lengths
        steps = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        grams = np.sort(_grams(b"".join(long_keys), np.repeat(firsts, counts) + steps))
        grams = grams[np.concatenate(([True], grams[1:] != grams[:-1]))]
        self.grams = grams
        slots = _slots(grams)
        self.bitmap = np.zeros(1 << (BITMAP_BITS - 3), dtype=np.uint8)
        np.bitwise_or.at(self.bitmap, (slots >> np.uint64(3)).astype(np.int64),
                         (np.uint8(1) << (slots & np.uint64(7)).astype(np.uint8)))

    def find(self, data: bytes) -> list[tuple[int, int, int]]:
        found: list[tuple[int, int, int]] = []
        if self.short is not None:
            ids = self.short_ids
            found += [(ids[k], s, e) for k, s, e in
                      self.short.find_matches_as_indexes(data, overlapping=True)]
        if self.long is not None and len(data) >= GRAM:
            found += self._find_long(data)
        return found

    def _find_long(self, data: bytes) -> list[tuple[int, int, int]]:
        import numpy as np

        assert self.long is not None
        positions = np.arange(0, len(data) - GRAM + 1, self.step)
        grams = _grams(data, positions)
        slots = _slots(grams)
        marked = (self.bitmap[(slots >> np.uint64(3)).astype(np.int64)]
                  >> (slots & np.uint64(7)).astype(np.uint8)) & 1
        candidates = np.flatnonzero(marked)
        if not len(candidates):
            return []
        wanted = grams[candidates]
        where = np.searchsorted(self.grams, wanted)
        where[where == len(self.grams)] = 0
        hits = positions[candidates[self.grams[where] == wanted]]
        if not len(hits):
            return []
        # Any occurrence through the stretch at j lies within [j + 16 - longest, j + longest).
        starts = np.maximum(hits + GRAM - self.longest, 0)
        ends = np.minimum(hits + self.longest, len(data))
        # Merge overlapping windows into disjoint ranges: each occurrence is in exactly one.
        breaks = np.flatnonzero(starts[1:] > np.maximum.accumulate(ends)[:-1]) + 1
        range_starts = starts[np.concatenate(([0], breaks))]
        range_ends = np.maximum.accumulate(ends)[np.concatenate((breaks - 1, [len(ends) - 1]))]
        pieces = [data[a:b] for a, b in zip(range_starts.tolist(), range_ends.tolist(),
                                            strict=True)]
        joined = _SEPARATOR.join(pieces)
        offsets = np.cumsum([0] + [len(p) + 1 for p in pieces[:-1]])
        matches = self.long.find_matches_as_indexes(joined, overlapping=True)
        if not matches:
            return []
        index = np.searchsorted(offsets, [s for _, s, _ in matches], side="right") - 1
        shift = (range_starts[index] - offsets[index]).tolist()
        ids = self.long_ids
        return [(ids[k], s + d, e + d) for (k, s, e), d in zip(matches, shift, strict=True)]
