"""Probes: three seeded 50-character substrings, reproducible, from question text only."""

from __future__ import annotations

from pathlib import Path

from examsim.contamination.itemtext import exam_texts, question_text
from examsim.contamination.normalise import Normaliser
from examsim.contamination.probes import item_probes
from examsim.packs import load_pack

TEXT = Normaliser().text(
    "The river rises in the hills, runs east past the mill, and meets the sea at the port "
    "town. In which direction does the river run past the mill?"
)


def test_three_distinct_50_character_substrings_of_the_text() -> None:
    probes = item_probes("mc-2", TEXT, seed=0)
    assert len(probes) == 3
    assert len({p.start for p in probes}) == 3
    for probe in probes:
        assert len(probe.text) == 50
        assert TEXT[probe.start : probe.start + 50] == probe.text


def test_reproducible_from_the_seed_and_independent_of_other_items() -> None:
    assert item_probes("mc-2", TEXT, seed=7) == item_probes("mc-2", TEXT, seed=7)
    assert item_probes("mc-2", TEXT, seed=7) != item_probes("mc-2", TEXT, seed=8)
    # The seed is combined with the item id: another item's probes do not shift these.
    assert item_probes("mc-2", TEXT, seed=7) != item_probes("mc-9", TEXT, seed=7)


def test_short_text_is_one_probe_and_empty_text_none() -> None:
    short = Normaliser().text("What is 2 + 3?")
    assert [p.text for p in item_probes("mc-1", short, 0)] == ["whatis23"]
    assert item_probes("x", "", 0) == []
    # 51 characters hold only two different 50-character substrings.
    assert len(item_probes("x", "a" * 25 + "b" * 26, 0)) == 2


def test_question_text_leaves_out_key_explanation_and_reference(mini_pack: Path) -> None:
    pack = load_pack(mini_pack)
    texts = {t.item: t for t in exam_texts(pack)}
    assert texts["mc-2"].text == (
        "The river rises in the hills, runs east past the mill, and meets the sea at the "
        "port town.\n\nIn which direction does the river run past the mill?\nNorth\nSouth\n"
        "East\nWest"
    )
    assert texts["mc-2"].section == "mc"
    assert "Rayleigh" not in texts["essay-1"].text  # the reference answer
    assert "passage says" not in texts["mc-2"].text  # the explanation
    section, item = pack.item("mc-2")
    assert question_text(section, item, include_choices=False).endswith("mill?")
