"""The ngram and fuzzy methods, and the scanner registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from examsim.contamination import ScanOptions, scan_exam, scanners
from examsim.contamination.corpus import CorpusOptions, find_shards
from examsim.contamination.engines import run_local
from examsim.contamination.fuzzy import FuzzyScanner, segments
from examsim.contamination.itemtext import ItemText
from examsim.contamination.ngram import NgramScanner, word_grams
from examsim.contamination.scan import item_verdicts
from examsim.contamination.scanners import merge_findings
from examsim.contamination.substring import SubstringScanner
from examsim.errors import NotFoundError, UsageError

QUESTION = ("A patient presents with fever, productive cough and pleuritic chest pain after a "
            "week of upper respiratory symptoms. Which organism is the most likely cause of "
            "this community acquired pneumonia in an otherwise healthy adult?")


def verdicts(scanner_class: type, items: list[ItemText], corpus: Path,
             options: ScanOptions) -> dict[str, bool]:
    scanner = scanner_class(items, options)
    hits, _ = merge_findings(run_local(scanner, find_shards([corpus])))
    return {v.item: v.contaminated for v in item_verdicts(scanner, hits)}


def test_word_grams() -> None:
    assert word_grams(["a", "b", "c", "a", "b", "c"], 2) == ["a b", "b c", "c a"]
    assert word_grams(["a", "b"], 13) == ["a b"]
    assert word_grams([], 13) == []


def test_ngram_finds_a_13_word_run_only_on_word_boundaries(tmp_path: Path) -> None:
    items = [ItemText("q", "s", QUESTION)]
    corpus = tmp_path / "c.txt"
    # Thirteen consecutive words of the item, with other punctuation and case.
    corpus.write_text("Blog: WHICH organism is the most likely cause of this community-acquired "
                      "pneumonia in an otherwise... healthy")
    assert verdicts(NgramScanner, items, corpus, ScanOptions(method="ngram")) == {"q": True}
    # Twelve words are not enough, and a longer first word does not count as the word.
    corpus.write_text("organism is the most likely cause of this community acquired pneumonia "
                      "in xan otherwise healthy; Xwhich organism is the most likely cause of "
                      "this community acquired pneumonia in.")
    assert verdicts(NgramScanner, items, corpus, ScanOptions(method="ngram")) == {"q": False}


def test_ngram_threshold_is_a_share_of_the_items_ngrams(tmp_path: Path) -> None:
    items = [ItemText("q", "s", QUESTION)]  # 40 words: 28 distinct 13-grams
    corpus = tmp_path / "c.txt"
    corpus.write_text(" ".join(QUESTION.split()[:20]))  # 8 of the 28 n-grams
    options = ScanOptions(method="ngram", threshold=0.25)
    assert verdicts(NgramScanner, items, corpus, options) == {"q": True}
    options = ScanOptions(method="ngram", threshold=0.5)
    assert verdicts(NgramScanner, items, corpus, options) == {"q": False}
    with pytest.raises(UsageError):
        NgramScanner(items, ScanOptions(method="ngram", threshold=2))


def test_fuzzy_finds_a_near_copy_with_changed_words(tmp_path: Path) -> None:
    items = [ItemText("q", "s", QUESTION), ItemText("other", "s", "Explain the causes of the "
                                                    "French Revolution and its main phases.")]
    # Five words changed, one added: no run of 13 words is left intact.
    near = ("A patient presents with fever, a productive cough and pleuritic chest pain after "
            "one week of upper respiratory symptoms. Which pathogen is the most likely cause "
            "of the community-acquired pneumonia in an otherwise fit adult?")
    corpus = tmp_path / "c.txt"
    corpus.write_text("Unrelated forum text. " * 50 + near + " More text." * 20)
    options = ScanOptions(method="fuzzy")
    assert verdicts(FuzzyScanner, items, corpus, options) == {"q": True, "other": False}
    # The exact methods miss it: the changes break every 13-gram and every probe.
    assert verdicts(NgramScanner, items, corpus, ScanOptions(method="ngram"))["q"] is False
    assert verdicts(SubstringScanner, items, corpus, ScanOptions())["q"] is False
    strict = ScanOptions(method="fuzzy", threshold=99)
    assert verdicts(FuzzyScanner, items, corpus, strict) == {"q": False, "other": False}


def test_fuzzy_ignores_a_different_text_on_the_same_topic(tmp_path: Path) -> None:
    items = [ItemText("q", "s", QUESTION)]
    corpus = tmp_path / "c.txt"
    corpus.write_text("Community acquired pneumonia in a healthy adult is most often caused by "
                      "Streptococcus pneumoniae; a productive cough and fever are typical, and "
                      "which organism is the most likely cause depends on the setting.")
    assert verdicts(FuzzyScanner, items, corpus, ScanOptions(method="fuzzy")) == {"q": False}


def test_segments_join_a_short_remainder() -> None:
    assert [len(s) for s in segments(["w"] * 105)] == [50, 55]
    assert [len(s) for s in segments(["w"] * 120)] == [50, 50, 20]


def test_registry_names_and_unknown_method(mini_pack: Path, tmp_path: Path) -> None:
    assert scanners.names() == ["fuzzy", "ngram", "substring"]
    (tmp_path / "c.txt").write_text("text")
    with pytest.raises(NotFoundError, match="Unknown scanners 'exact'. Known: fuzzy, ngram"):
        scan_exam(mini_pack, [tmp_path], ScanOptions(method="exact"))


def test_each_method_on_a_pack(mini_pack: Path, tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text(
        '{"text": "Explain why the sky looks blue on a clear day."}\n')
    for method in ("substring", "ngram", "fuzzy"):
        result = scan_exam(mini_pack, [tmp_path], ScanOptions(
            method=method, corpus=CorpusOptions()))
        assert result.contaminated() == {"essay-1"}, method
        assert result.method == method
