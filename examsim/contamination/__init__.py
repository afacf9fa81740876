"""The contamination filter: which exam items occur in a training corpus.

The GPT-4 Appendix C method is the default: normalise item and corpus text alike, take
three seeded 50-character substrings of each item's question text, and call the item
contaminated when any occurs in the corpus. ``ngram`` (GPT-3 13-gram overlap) and
``fuzzy`` (near-copies) are the other methods. The corpus is read once, in a streaming
pass that matches every key together (sampled anchors, then an Aho-Corasick automaton),
locally or one shard per task on Dask.
"""

from __future__ import annotations

from examsim.contamination.scan import scan_exam
from examsim.contamination.scanners import ScanOptions, scanners
from examsim.contamination.verdicts import VerdictFile, read_verdicts, write_verdicts

__all__ = ["ScanOptions", "VerdictFile", "read_verdicts", "scan_exam", "scanners",
           "write_verdicts"]
