"""The one-pass scan: a shard's text, normalised in pieces, all keys matched together.

All keys (probes, n-grams, anchors) are matched together (``matcher.KeyMatcher``: one
Aho-Corasick automaton, run where sampled anchors say a key may be), so the cost grows
with the corpus, not with the number of keys. Normalised pieces are joined into
buffers of bounded size, documents separated by a byte no normalised text contains, so
no match spans two documents. Each buffer starts with the last ``carry`` bytes of the
one before (at least the longest key less one byte), so a match straddling two buffers
is found, and matches ending inside that carried stretch are not reported twice.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from examsim.contamination.corpus import CorpusOptions, Piece, Shard, read_pieces
from examsim.contamination.matcher import KeyMatcher
from examsim.contamination.normalise import SEPARATOR, Normaliser

_MATCHERS: dict[str, KeyMatcher] = {}
_MATCHERS_KEPT = 4


def matcher(digest: str, keys: Sequence[bytes]) -> KeyMatcher:
    """The matcher of ``keys``, built once per process (Dask workers reuse it)."""
    found = _MATCHERS.get(digest)
    if found is None:
        found = KeyMatcher(keys)
        if len(_MATCHERS) >= _MATCHERS_KEPT:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        _MATCHERS[digest] = found
    return found


@dataclass(frozen=True)
class Location:
    """Where a match starts in the corpus."""

    file: str
    document: str | None
    """``line N`` (jsonl), ``row N`` (parquet), an id, or None for a .txt file."""
    offset: int
    """Byte offset in the (decompressed) .txt file, or character offset in the document."""


@dataclass
class ShardStats:
    """What a shard held."""

    bytes_read: int = 0
    documents: int = 0
    normalised_bytes: int = 0


@dataclass
class Batch:
    """One scanned buffer and the matches found in it."""

    shard: Shard
    normaliser: Normaliser
    data: bytes
    matches: list[tuple[int, int, int]]
    """(key index, start, end) of every match, carried stretch included."""
    carried: int
    """``data[:carried]`` was already in the previous buffer."""
    starts: list[int]
    pieces: list[Piece]
    _mappings: dict[int, Any] = field(default_factory=dict)

    def fresh_matches(self) -> list[tuple[int, int, int]]:
        """Matches not already reported for the previous buffer."""
        carried = self.carried
        return [m for m in self.matches if m[2] > carried]

    def locate(self, position: int) -> Location:
        """The corpus location of a position in ``data``."""
        index = bisect.bisect_right(self.starts, position) - 1
        piece = self.pieces[index]
        offset = self._raw_offset(index, piece, position - self.starts[index])
        return Location(self.shard.path, piece.document, piece.offset + offset)

    def _raw_offset(self, index: int, piece: Piece, position: int) -> int:
        """Offset in ``piece.raw`` (bytes for .txt, characters otherwise) of a normalised
        position: the first original character whose output reaches past it."""
        import numpy as np

        cumulative = self._mappings.get(index)
        if cumulative is None:
            cumulative = np.cumsum(_output_lengths(self.normaliser, piece.raw))
            self._mappings[index] = cumulative
        char = int(np.searchsorted(cumulative, position, side="right"))
        if piece.document is not None or piece.raw.isascii():
            return char
        text = piece.raw.decode("utf-8", errors="replace")
        return len(text[:char].encode("utf-8"))


def _output_lengths(normaliser: Normaliser, raw: bytes) -> Any:
    """Bytes of normalised output of each character of ``raw`` (``Normaliser.output_lengths``
    vectorised: ASCII by table, other characters once per distinct character)."""
    import numpy as np

    if raw.isascii():
        lengths = _ascii_alnum()[np.frombuffer(raw, dtype=np.uint8)].astype(np.int64)
    else:
        text = raw.decode("utf-8", errors="replace")
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        lengths = np.zeros(len(points), dtype=np.int64)
        low = points < 128
        lengths[low] = _ascii_alnum()[points[low]]
        distinct, inverse = np.unique(points[~low], return_inverse=True)
        sizes = [len(normaliser.text(chr(point)).replace(" ", "").encode("utf-8"))
                 for point in distinct.tolist()]
        lengths[~low] = np.asarray(sizes, dtype=np.int64)[inverse]
    if normaliser.form == "words":
        # The space after a token is produced by the first character after it.
        ends = np.zeros(len(lengths), dtype=bool)
        ends[1:] = (lengths[1:] == 0) & (lengths[:-1] > 0)
        lengths[ends] = 1
    return lengths


@functools.cache
def _ascii_alnum() -> Any:
    import numpy as np

    return np.array([chr(c).isalnum() for c in range(128)] + [False] * 128, dtype=bool)


def scan_shard(
    shard: Shard,
    digest: str,
    keys: Sequence[bytes],
    normaliser: Normaliser,
    options: CorpusOptions,
    carry: int,
    stats: ShardStats,
) -> Iterator[Batch]:
    """Normalise a shard piece by piece and yield each scanned buffer with its matches."""
    keys_matcher = matcher(digest, keys)
    carry = max(carry, max((len(k) for k in keys), default=1) - 1)
    parts: list[bytes] = []
    size = 0
    starts: list[int] = []
    pieces: list[Piece] = []
    carried = 0
    separate = False
    for piece in read_pieces(shard, options):
        stats.bytes_read += len(piece.raw)
        if not piece.continues:
            stats.documents += 1
            separate = True
        text = normaliser.utf8(piece.raw)
        if not text:
            continue
        stats.normalised_bytes += len(text)
        if separate and size:
            parts.append(SEPARATOR)
            size += len(SEPARATOR)
        separate = False
        starts.append(size)
        pieces.append(piece)
        parts.append(text)
        size += len(text)
        if size >= options.piece_bytes:
            data = b"".join(parts)
            yield _batch(shard, normaliser, keys_matcher, data, carried, starts, pieces)
            # Keep the tail, and the pieces it belongs to, for the next buffer.
            keep = min(carry, len(data))
            cut = len(data) - keep
            kept = [i for i, start in enumerate(starts)
                    if i + 1 == len(starts) or starts[i + 1] > cut]
            starts = [starts[i] - cut for i in kept]
            pieces = [pieces[i] for i in kept]
            parts = [data[cut:]]
            size = keep
            carried = keep
    if size > carried:
        yield _batch(shard, normaliser, keys_matcher, b"".join(parts), carried, starts,
                     pieces)


def _batch(
    shard: Shard,
    normaliser: Normaliser,
    keys_matcher: KeyMatcher,
    data: bytes,
    carried: int,
    starts: list[int],
    pieces: list[Piece],
) -> Batch:
    matches = keys_matcher.find(data)
    return Batch(shard, normaliser, data, matches, carried, list(starts), list(pieces))
