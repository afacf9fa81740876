"""The one-pass scan agrees with a brute-force search, finds copies, and locates them."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examsim.contamination import ScanOptions, scan_exam
from examsim.contamination.corpus import CorpusOptions, find_shards
from examsim.contamination.engines import run_local
from examsim.contamination.itemtext import ItemText
from examsim.contamination.normalise import Normaliser
from examsim.contamination.scan import item_verdicts
from examsim.contamination.scanners import merge_findings
from examsim.contamination.substring import SubstringScanner

RIVER = (
    "The river rises in the hills, runs east past the mill, and meets the sea at the port "
    "town. In which direction does the river run past the mill? North South East West"
)


def brute_force(
    items: Sequence[ItemText], documents: Sequence[str], options: ScanOptions
) -> tuple[dict[str, bool], dict[str, int]]:
    """Per item, contaminated or not; per probe, overlapping occurrences: no automaton."""
    normaliser = Normaliser("chars", options.case_fold, options.unicode)
    corpus = [normaliser.text(d) for d in documents]
    scanner = SubstringScanner(items, options)
    counts: dict[str, int] = {}
    verdicts = {}
    for item in items:
        found = False
        for probe in scanner.probes[item.item]:
            count = sum(
                sum(1 for i in range(len(doc) - len(probe) + 1) if doc.startswith(probe, i))
                for doc in corpus
            )
            counts[probe] = count
            found = found or count > 0
        verdicts[item.item] = found
    return verdicts, counts


def automaton_scan(
    items: Sequence[ItemText], files: Sequence[Path], options: ScanOptions
) -> tuple[dict[str, bool], dict[str, int], SubstringScanner]:
    scanner = SubstringScanner(items, options)
    hits, _ = merge_findings(run_local(scanner, find_shards(files)))
    counts = {scanner.key_texts[key]: hit.count for key, hit in hits.items()}
    verdicts = {v.item: v.contaminated for v in item_verdicts(scanner, hits)}
    return verdicts, counts, scanner


WORDS = st.sampled_from(["river", "mill", "East", "the", "ab", "Ab,", "a.b", "x", "é", "ﬁ",
                         "run", "\n", "  ", "-", "12"])
DOC = st.lists(WORDS, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    documents=st.lists(DOC, min_size=1, max_size=5),
    picks=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 400), st.integers(1, 120)),
                   min_size=1, max_size=6),
    extra=st.lists(DOC, max_size=2),
    piece=st.integers(8, 64),
    jsonl=st.booleans(),
    case_fold=st.booleans(),
    seed=st.integers(0, 5),
)
def test_automaton_equals_brute_force(
    documents: list[str],
    picks: list[tuple[int, int, int]],
    extra: list[str],
    piece: int,
    jsonl: bool,
    case_fold: bool,
    seed: int,
) -> None:
    # Items are stretches of the documents (so probes often occur) or unrelated text.
    items = []
    for n, (doc, start, size) in enumerate(picks):
        source = documents[doc % len(documents)]
        items.append(ItemText(f"i{n}", "s", source[start : start + size] or "zzz"))
    items += [ItemText(f"x{n}", "s", text or "q") for n, text in enumerate(extra)]
    options = ScanOptions(seed=seed, case_fold=case_fold,
                          corpus=CorpusOptions(piece_bytes=piece))
    with tempfile.TemporaryDirectory() as folder:
        files = []
        if jsonl:
            path = Path(folder) / "c.jsonl"
            path.write_text("".join(json.dumps({"text": d}) + "\n" for d in documents))
            files.append(path)
        else:
            for n, doc in enumerate(documents):
                path = Path(folder) / f"c{n}.txt"
                path.write_text(doc, encoding="utf-8")
                files.append(path)
        verdicts, counts, _ = automaton_scan(items, files, options)
    expected_verdicts, expected_counts = brute_force(items, documents, options)
    assert verdicts == expected_verdicts
    assert counts == {p: c for p, c in expected_counts.items() if c}


def test_copy_with_other_spacing_case_and_punctuation_is_found(tmp_path: Path) -> None:
    copy = ("Forum post: the RIVER rises in the hills -- runs east, past the mill; and meets "
            "the sea at the port-town!!\n In which direction does the river\trun past the "
            "mill?   (a) north (b) south (c) east (d) west")
    (tmp_path / "copy.txt").write_text("unrelated text\n" * 3 + copy, encoding="utf-8")
    (tmp_path / "other.txt").write_text("Nothing about rivers here at all.", encoding="utf-8")
    items = [ItemText("mc-2", "mc", RIVER),
             ItemText("absent", "mc", "A question about photosynthesis in green plants and "
                      "the role of chlorophyll in capturing light energy.")]
    verdicts, _, _ = automaton_scan(items, [tmp_path], ScanOptions())
    assert verdicts == {"mc-2": True, "absent": False}
    # An all-capitals copy is found only when case is folded.
    (tmp_path / "copy.txt").write_text(copy.upper(), encoding="utf-8")
    folded, _, _ = automaton_scan(items, [tmp_path], ScanOptions())
    kept, _, _ = automaton_scan(items, [tmp_path], ScanOptions(case_fold=False))
    assert folded["mc-2"] and not kept["mc-2"]


def test_verdict_locates_first_match_in_txt_and_jsonl(tmp_path: Path, mini_pack: Path) -> None:
    prefix = "Some preamble.\n"
    passage = ("The river rises in the hills, runs east past the mill, and meets the sea at "
               "the port town. In which direction does the river run past the mill? North "
               "South East West")
    (tmp_path / "a.txt").write_text(prefix + passage, encoding="utf-8")
    records = [{"id": "d1", "text": "nothing"}, {"id": "d2", "text": "Überall: " + passage}]
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    result = scan_exam(mini_pack, [tmp_path], ScanOptions(
        corpus=CorpusOptions(id_field="id")))
    verdict = next(v for v in result.items if v.item == "mc-2")
    assert verdict.contaminated and verdict.matched == 3 and verdict.checked
    normaliser = Normaliser()
    by_file = {}
    for match in verdict.matches:
        assert match.count == 2  # once in each file
        by_file[Path(match.file).name] = match
        # The text from the reported offset starts with the probe.
        if Path(match.file).name == "a.txt":
            raw = (tmp_path / "a.txt").read_bytes()[match.offset:].decode()
            assert match.document is None
        else:
            raw = records[1]["text"][match.offset:]
            assert match.document == "d2"
        assert normaliser.text(raw).startswith(match.key)
    assert set(by_file) == {"a.txt"}  # the first place found: files are scanned in order
    assert [v.item for v in result.items if v.contaminated] == ["mc-2"]
