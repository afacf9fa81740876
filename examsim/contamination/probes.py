"""GPT-4 Appendix C probes: three random 50-character substrings of the normalised text.

"For each evaluation example, we randomly select three substrings of 50 characters (or
use the entire example if it's less than 50 characters)." The generator is seeded from
the scan's seed and the item id, so an item's probes do not depend on the other items of
the pack and the same seed always gives the same probes. The three starts are distinct
when the text allows (a text of 51 characters has only two 50-character substrings).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PROBE_CHARS = 50
PROBES_PER_ITEM = 3


@dataclass(frozen=True)
class Probe:
    """A substring of an item's normalised text, and where it starts in that text."""

    start: int
    text: str


def item_probes(
    item_id: str,
    normalised: str,
    seed: int,
    length: int = PROBE_CHARS,
    count: int = PROBES_PER_ITEM,
) -> list[Probe]:
    """The probes of one item; the whole text when it is shorter than ``length``.

    An item whose normalised text is empty (only symbols) has no probes and can never
    match; the verdict file records that it was not checked.
    """
    if not normalised:
        return []
    if len(normalised) <= length:
        return [Probe(0, normalised)]
    rng = random.Random(f"examsim-probes:{seed}:{item_id}")
    positions = len(normalised) - length + 1
    starts = sorted(rng.sample(range(positions), min(count, positions)))
    return [Probe(start, normalised[start : start + length]) for start in starts]
