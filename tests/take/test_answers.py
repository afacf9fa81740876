"""What a person types: answers by item type, and commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from examsim.packs import load_pack
from examsim.packs.schema import Item
from examsim.take.answers import (
    Command,
    InvalidAnswer,
    answer_text,
    parse_answer,
    parse_command,
)


def _item(pack_dir: Path, item_id: str) -> Item:
    return load_pack(pack_dir).item(item_id)[1]


@pytest.mark.parametrize(("typed", "value"), [
    ("B", "B"), ("b", "B"), (" (c) ", "C"), ("a.", "A"),
])
def test_single_letter_answers(mini_pack: Path, typed: str, value: str) -> None:
    given = parse_answer(_item(mini_pack, "mc-1"), typed)
    assert (given.value, given.text) == (value, typed.strip())


@pytest.mark.parametrize(("typed", "message"), [
    ("E", "E is not a choice. The choices are A-D."),
    ("AB", "'AB' is not an answer here. Type one letter, A-D."),
    ("7", "'7' is not an answer here. Type one letter, A-D."),
    ("   ", "Nothing typed. Type an answer, or press Enter alone to move on."),
])
def test_single_letter_mistakes_are_refused(mini_pack: Path, typed: str, message: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        parse_answer(_item(mini_pack, "mc-1"), typed)
    assert str(caught.value) == message


@pytest.mark.parametrize(("typed", "value"), [
    ("AC", ["A", "C"]), ("c, a", ["A", "C"]), ("A C", ["A", "C"]), ("caa", ["A", "C"]),
    ("B", ["B"]),
])
def test_several_letters_for_a_multi_answer_item(mini_pack: Path, typed: str,
                                                 value: list[str]) -> None:
    assert parse_answer(_item(mini_pack, "mc-4"), typed).value == value


def test_multi_answer_mistakes_name_the_letters(mini_pack: Path) -> None:
    item = _item(mini_pack, "mc-4")
    with pytest.raises(InvalidAnswer, match=r"^E, F is not a choice\. The choices are A-D\.$"):
        parse_answer(item, "AEF")
    with pytest.raises(InvalidAnswer, match="Type letters from A-D, e.g. AB."):
        parse_answer(item, "A1")


def test_numbers_are_read_like_a_model_answer(mini_pack: Path) -> None:
    item = _item(mini_pack, "num-1")
    assert parse_answer(item, "7/2").value == 3.5
    assert parse_answer(item, "3,5").value == 3.5
    given = parse_answer(item, "x = 3.5 cm")
    assert (given.value, given.text) == (3.5, "x = 3.5 cm")
    with pytest.raises(InvalidAnswer, match="'half' holds no number"):
        parse_answer(item, "half")


def test_short_and_free_answers_keep_the_text(mini_pack: Path) -> None:
    assert parse_answer(_item(mini_pack, "sa-1"), " Jupiter ").value == "Jupiter"
    essay = _item(mini_pack, "essay-1")
    assert parse_answer(essay, "Blue light\nscatters more.").value == \
        "Blue light\nscatters more."


def test_answers_read_back(mini_pack: Path) -> None:
    assert answer_text(_item(mini_pack, "mc-4"), ["A", "C"]) == "A, C"
    assert answer_text(_item(mini_pack, "num-1"), 3.5) == "3.5"
    assert answer_text(_item(mini_pack, "essay-1"), "one two three") == "3 words"
    assert answer_text(_item(mini_pack, "essay-1"), "one") == "1 word"
    assert answer_text(_item(mini_pack, "mc-1"), None) == ""


@pytest.mark.parametrize(("typed", "command"), [
    (":n", Command("next")), (":P", Command("previous")), (": f", Command("flag")),
    (":g 12", Command("go", "12")), (":12", Command("go", "12")), (":r", Command("review")),
    (":s", Command("submit")), (":quit", Command("quit")), (":?", Command("help")),
    (":c", Command("clear")), (":m", Command("materials")),
])
def test_commands(typed: str, command: Command) -> None:
    assert parse_command(typed) == command


def test_text_is_not_a_command_and_a_bad_command_is_refused() -> None:
    assert parse_command("B") is None
    assert parse_command("n") is None  # a short answer may be the letter n
    with pytest.raises(InvalidAnswer, match="':x' is not a command. Type :h"):
        parse_command(":x")
