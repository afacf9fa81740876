"""Reading the answer out of what a model wrote.

The parser strips Markdown and LaTeX, finds every anchored answer ("The answer is
therefore [B]", "ANSWER: B", "\\boxed{B}", "the correct answer is (B)" ...) and takes the
last one, as a model that changes its mind ends with its final answer. Without an
anchor it accepts only an output (or last line) that is nothing but an answer. Anything
else is ``unparsed``: scored wrong, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from examsim.grading.auto import parse_number
from examsim.packs.schema import (
    FreeResponseItem,
    Item,
    MultipleChoiceItem,
    NumericItem,
)
from examsim.runlog import Answer

ExtractionStatus = Literal["answered", "unparsed", "blank"]


@dataclass(frozen=True)
class Extraction:
    """The answer read from an output, or why none could be read."""

    status: ExtractionStatus
    answer: Answer = None
    reason: str = ""


# Phrases after which a model states its answer. Case-insensitive; the answer follows.
_ANCHOR = re.compile(
    r"(?i:"
    r"answer\s+is\s+therefore"
    r"|(?:final|correct|right|best)\s+(?:answer|option|choice)(?:\s+choice)?\s*(?:is|would\s+be|:|=)"
    r"|(?:the\s+)?answer(?:\s+choice)?\s*(?:is|would\s+be|will\s+be|:|=)"
    r"|\bans\s*[:=]"
    r"|(?:I\s+(?:would\s+)?(?:choose|pick|select))(?:\s+(?:option|choice))?"
    r")"
    r"(?:\s+(?:therefore|thus|clearly|definitely|option|choice|letter))*"
    r"\s*(?:[:=]\s*)?"
)
_BOXED = re.compile(r"\\boxed\s*\{")
_ANSWER_MARK = "\x00ANSWER "
_ONE_LETTER = r"[\(\[]?[A-Z][\)\]]?"
_LETTERS = re.compile(
    r"[\[\(\{]?\s*(" + _ONE_LETTER + r"(?:\s*(?:,|\band\b|&|/|\+|;)\s*" + _ONE_LETTER + r")*)"
    r"\s*[\]\)\}]?(?![A-Za-z0-9])"
)
_OPTION_IS = re.compile(
    r"(?:option|choice)\s*[\[\(]?([A-Z])[\]\)]?\s+is\s+(?:the\s+)?(?:correct|right|best)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"[-+\u2212]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:\s*/\s*\d+(?:\.\d+)?)?")


def _unwrap_braces(text: str, start: int) -> tuple[str, int]:
    """Content of the brace group opening at ``start - 1`` and the index after it."""
    depth = 1
    i = start
    while i < len(text) and depth:
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
        i += 1
    return text[start : i - 1] if depth == 0 else text[start:], i


def clean_markup(text: str) -> str:
    """Markdown emphasis, code marks and LaTeX wrappers removed; ``\\boxed{x}`` anchored."""
    out: list[str] = []
    pos = 0
    for match in _BOXED.finditer(text):
        if match.start() < pos:
            continue
        inner, end = _unwrap_braces(text, match.end())
        out.append(text[pos : match.start()])
        out.append(f"{_ANSWER_MARK}{inner}\n")
        pos = end
    out.append(text[pos:])
    text = "".join(out)
    text = re.sub(r"\\d?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"\1/\2", text)
    text = re.sub(r"\\(?:text(?:bf|it|rm)?|mathrm|mathbf|textsc|emph)\s*\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\[()\[\]]", " ", text)
    text = text.replace("$", "")
    text = re.sub(r"(\*\*|__|\*|`+|~~)", "", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    return text.replace("\u2212", "-")


def _anchored_spans(text: str) -> list[tuple[int, str]]:
    """(position, text right after the anchor) for every anchor, in order."""
    spans: list[tuple[int, str]] = []
    for match in _ANCHOR.finditer(text):
        spans.append((match.start(), text[match.end() : match.end() + 120].split("\n")[0]))
    at = 0
    while (at := text.find(_ANSWER_MARK, at)) != -1:
        start = at + len(_ANSWER_MARK)
        spans.append((at, text[start : start + 120].split("\n")[0]))
        at = start
    for match in _OPTION_IS.finditer(text):
        spans.append((match.start(), match.group(1).upper()))
    spans.sort(key=lambda s: s[0])
    return spans


def _letters_at_start(span: str) -> list[str] | None:
    match = _LETTERS.match(span.strip())
    if not match:
        return None
    return re.findall(r"[A-Z]", match.group(1))


def extract_choice(text: str, letters: Sequence[str], multi: bool) -> Extraction:
    """The option letter(s) a model chose among ``letters``."""
    cleaned = clean_markup(text)
    if not cleaned.strip():
        return Extraction("unparsed", None, "empty output")
    candidates: list[list[str]] = []
    for _, span in _anchored_spans(cleaned):
        found = _letters_at_start(span)
        if found:
            candidates.append(found)
    if not candidates:
        # No anchor: accept an output, or a last line, that is nothing but the answer.
        lines = [line.strip() for line in cleaned.strip().splitlines() if line.strip()]
        for line in (cleaned.strip(), lines[-1] if lines else ""):
            bare = re.fullmatch(r"[\[\(]?\s*([A-Z](?:\s*(?:,|and|&)\s*[A-Z])*)\s*[\]\)]?\.?",
                                line)
            if bare:
                candidates.append(re.findall(r"[A-Z]", bare.group(1)))
                break
    if not candidates:
        return Extraction("unparsed", None, "no answer found")
    chosen = sorted(set(candidates[-1]))
    outside = [c for c in chosen if c not in letters]
    if outside:
        return Extraction("unparsed", None, f"'{', '.join(outside)}' is not an option")
    if multi:
        return Extraction("answered", chosen)
    if len(chosen) > 1:
        return Extraction("unparsed", None, f"several answers given ({', '.join(chosen)})")
    return Extraction("answered", chosen[0])


def extract_number(text: str) -> Extraction:
    """The number a model gave as its answer."""
    cleaned = clean_markup(text)
    if not cleaned.strip():
        return Extraction("unparsed", None, "empty output")
    for _, span in reversed(_anchored_spans(cleaned)):
        match = _NUMBER.match(span.strip().lstrip("[({").strip())
        if match:
            number = parse_number(match.group(0).replace(" ", ""))
            if number is not None:
                return Extraction("answered", number)
    lines = [line.strip() for line in cleaned.strip().splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    bare = re.fullmatch(r"[\[\(]?\s*(" + _NUMBER.pattern + r")\s*[\]\)]?\.?(?:\s*\S{0,6})?",
                        last)
    if bare:
        number = parse_number(bare.group(1).replace(" ", ""))
        if number is not None:
            return Extraction("answered", number)
    return Extraction("unparsed", None, "no number found")


def extract_text(text: str) -> Extraction:
    """A short answer (a word or phrase)."""
    cleaned = clean_markup(text)
    if not cleaned.strip():
        return Extraction("unparsed", None, "empty output")
    spans = _anchored_spans(cleaned)
    if spans:
        span = spans[-1][1].strip()
        bracketed = re.match(r"[\[\(\{]([^\]\)\}]+)[\]\)\}]", span)
        answer = bracketed.group(1) if bracketed else re.split(r"(?<=\w)[.;](?:\s|$)", span)[0]
        answer = answer.strip().strip(".\"'").strip()
        if answer:
            return Extraction("answered", answer)
    lines = [line.strip() for line in cleaned.strip().splitlines() if line.strip()]
    if len(lines) == 1 and len(lines[0].split()) <= 8:
        return Extraction("answered", lines[0].strip(".\"' "))
    return Extraction("unparsed", None, "no answer found")


def extract_answer(item: Item, text: str) -> Extraction:
    """The answer to ``item`` in ``text``; a free response is the text itself."""
    if isinstance(item, FreeResponseItem):
        return Extraction("answered", text) if text.strip() else Extraction("blank")
    if isinstance(item, MultipleChoiceItem):
        return extract_choice(text, sorted(item.choices), isinstance(item.answer, list))
    if isinstance(item, NumericItem):
        return extract_number(text)
    return extract_text(text)
