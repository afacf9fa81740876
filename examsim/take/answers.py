"""Reading what a person types: answers by item type, and the navigation commands.

An answer is checked before it is saved, so a typo never becomes a wrong answer: a letter
that is not a choice, or text that holds no number for a numeric item, is refused with a
message saying what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from examsim.errors import ExamsimError
from examsim.grading.auto import parse_number
from examsim.packs.schema import (
    FreeResponseItem,
    Item,
    MultipleChoiceItem,
    NumericItem,
)
from examsim.runlog import Answer

# Separators people put between letters: "A C", "A,C", "A+C", "(A)".
_LETTER_NOISE = re.compile(r"[\s,;+/&.()\[\]]+")
COMMAND_PREFIX = ":"
END_OF_TEXT = "."
"""A line holding only this ends a free response."""


class InvalidAnswer(ExamsimError):
    """Typed text that cannot be an answer to the item (the message says what to type)."""


@dataclass(frozen=True)
class TypedAnswer:
    """An answer as recorded: the value scored, and the text as typed."""

    value: Answer
    text: str


def is_multi_answer(item: Item) -> bool:
    """A multiple-choice item whose key is several letters (choose all that apply)."""
    return isinstance(item, MultipleChoiceItem) and isinstance(item.answer, list)


def letter_span(item: MultipleChoiceItem) -> str:
    """``A-D`` (or ``A, B`` for two choices)."""
    letters = list(item.choices)
    return f"{letters[0]}-{letters[-1]}" if len(letters) > 2 else ", ".join(letters)


def parse_answer(item: Item, typed: str) -> TypedAnswer:
    """The answer a typed line gives to ``item``; InvalidAnswer says what is wrong."""
    text = typed.strip()
    if not text:
        raise InvalidAnswer("Nothing typed. Type an answer, or press Enter alone to move on.")
    if isinstance(item, MultipleChoiceItem):
        return TypedAnswer(_letters(item, text), text)
    if isinstance(item, NumericItem):
        number = parse_number(text)
        if number is None:
            raise InvalidAnswer(f"'{text}' holds no number. Type a number, e.g. 3.5, -2, "
                                "7/2 or 1.2e3.")
        return TypedAnswer(number, text)
    return TypedAnswer(text, text)


def _letters(item: MultipleChoiceItem, text: str) -> str | list[str]:
    span = letter_span(item)
    compact = _LETTER_NOISE.sub("", text).upper()
    multi = is_multi_answer(item)
    if not compact or not compact.isalpha() or (not multi and len(compact) > 1):
        how = f"letters from {span}, e.g. {''.join(list(item.choices)[:2])}" if multi else \
            f"one letter, {span}"
        raise InvalidAnswer(f"'{text}' is not an answer here. Type {how}.")
    unknown = sorted({c for c in compact if c not in item.choices})
    if unknown:
        raise InvalidAnswer(f"{', '.join(unknown)} is not a choice. The choices are {span}.")
    if multi:
        return sorted(set(compact))
    return compact


def answer_text(item: Item, value: Answer) -> str:
    """How a recorded answer reads back to the person (``B``, ``A, C``, ``3.5``)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(item, FreeResponseItem):
        words = len(value.split())
        return f"{words} word{'s' if words != 1 else ''}"
    return value


# --- commands ------------------------------------------------------------------------------

COMMANDS = {
    "n": "next",
    "next": "next",
    "p": "previous",
    "prev": "previous",
    "previous": "previous",
    "f": "flag",
    "flag": "flag",
    "r": "review",
    "review": "review",
    "g": "go",
    "go": "go",
    "c": "clear",
    "clear": "clear",
    "m": "materials",
    "materials": "materials",
    "s": "submit",
    "submit": "submit",
    "q": "quit",
    "quit": "quit",
    "h": "help",
    "help": "help",
    "?": "help",
}


@dataclass(frozen=True)
class Command:
    """A navigation command typed as ``:name [argument]``."""

    name: str
    argument: str = ""


def parse_command(typed: str) -> Command | None:
    """``:n`` -> Command('next'); ``:g 12`` -> Command('go', '12'); not a command -> None.

    A line that starts with the prefix but names no command raises InvalidAnswer, so a
    mistyped command is never saved as an answer.
    """
    text = typed.strip()
    if not text.startswith(COMMAND_PREFIX):
        return None
    body = text[len(COMMAND_PREFIX):].strip()
    word, _, rest = body.partition(" ")
    # ":12" jumps to question 12, like ":g 12".
    if word.isdigit():
        return Command("go", word)
    name = COMMANDS.get(word.lower())
    if name is None:
        raise InvalidAnswer(f"'{text}' is not a command. Type :h for the list of commands.")
    return Command(name, rest.strip())
