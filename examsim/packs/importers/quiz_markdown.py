"""Markdown quizzes in text2qti's conventions.

``Quiz title:``, then questions ``1.  stem`` (continuation lines indented), with
``*a)``/``a)`` choices, ``[*]``/``[ ]`` multiple answers, ``*`` short answers,
``= value +- tol`` or ``= [low, high]`` numbers, ``____`` essays, ``Points:``, ``Title:``,
feedback (``...``, ``+``, ``-``), images ``![alt](file)`` and ``GROUP``/``pick: N`` blocks
(mapped to item groups and a per-group form). Executable code blocks are never run: they
and the questions they would generate are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from examsim.errors import FileProblemsError, Problem
from examsim.packs.importers import ImportOptions
from examsim.packs.importers.build import (
    Unmappable,
    choice_item,
    essay_item,
    no_alt,
    numeric_item,
    short_item,
)
from examsim.packs.importers.draft import Draft, DraftSection
from examsim.packs.importers.sources import MAX_MEMBER_BYTES, read_bytes, read_text
from examsim.packs.importers.text import IdMaker, latex_to_dollars
from examsim.packs.schema import FormRule, Image, Item

_QUESTION = re.compile(r"^(\d+)\.(\s+)(.*)$")
_CHOICE = re.compile(r"^(\*?)([a-z])\)(\s+)(.*)$")
_MULTI = re.compile(r"^\[([* ])\](\s+)(.*)$")
_SHORT = re.compile(r"^\*(\s+)(.*)$")
_NUMBER = re.compile(r"^=(\s+)(.*)$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_RAW_MEDIA = re.compile(r"<(iframe|script|video|audio|embed|object)\b[^>]*?"
                        r"(?:src|data)=\"([^\"]*)\"[^>]*>(?:.*?</\1>)?", re.S | re.I)
_SETTINGS = ("shuffle answers", "show correct answers", "one question at a time",
             "can't go back", "feedback is shown", "solutions", "quiz description")


@dataclass
class _Question:
    line: int
    title: str | None
    points: float | None
    group: str | None
    stem: list[str] = field(default_factory=list)
    indent: int = 0
    choices: list[list[str]] = field(default_factory=list)
    correct: list[int] = field(default_factory=list)
    choice_feedback: dict[int, str] = field(default_factory=dict)
    multiple: bool = False
    short: list[str] = field(default_factory=list)
    number: str | None = None
    essay: bool = False
    upload: bool = False
    feedback: list[str] = field(default_factory=list)
    correct_feedback: list[str] = field(default_factory=list)


class QuizMarkdownImporter:
    name = "md"
    description = "Markdown quiz in text2qti's conventions"
    extensions = (".md", ".markdown", ".txt")

    def read(self, source: Path, options: ImportOptions) -> Draft:
        lines = read_text(source).splitlines()
        draft = Draft(name=source.stem, source=source, format=self.name)
        section = DraftSection(name="Questions")
        draft.sections.append(section)
        problems: list[Problem] = []
        questions: list[_Question] = []
        picks: dict[str, int] = {}
        title: str | None = None
        points: float | None = None
        group: str | None = None
        group_count = 0
        current: _Question | None = None
        fence: tuple[int, bool] | None = None  # (start line, executable)
        last_choice = -1
        for number, raw in enumerate(lines, 1):
            line = raw.rstrip()
            stripped = line.strip()
            indent = len(raw) - len(raw.lstrip())
            if fence is not None:
                start, executable = fence
                if stripped.startswith("```"):
                    fence = None
                    if executable:
                        draft.report.skip(f"{source.name}:{start}", "executable code block",
                                          "examsim never runs code; the questions it would "
                                          "generate were not imported. Write them out instead.")
                        continue
                if not executable and current is not None:
                    current.stem.append(line[current.indent:])
                continue
            if line.startswith("```"):
                executable = ".run" in line
                fence = (number, executable)
                if not executable and current is not None:
                    current.stem.append(line)
                continue
            in_stem = current is not None and not (
                current.choices or current.short or current.number is not None
                or current.essay or current.upload
            )
            if current is not None and in_stem and (
                not stripped or (current.indent and indent >= current.indent)
            ):
                if stripped or current.stem:
                    current.stem.append(line[current.indent:] if stripped else "")
                continue
            if current is not None and stripped and indent > 0 and last_choice >= 0:
                current.choices[last_choice].append(stripped)
                continue
            if not stripped:
                continue
            head = stripped.lower()
            if head.startswith("quiz title:"):
                draft.name = stripped.split(":", 1)[1].strip() or draft.name
            elif head.startswith("quiz description:"):
                draft.description = stripped.split(":", 1)[1].strip()
            elif head == "group":
                group_count += 1
                group = f"group-{group_count}"
                current = None
            elif head == "end_group":
                group = None
                current = None
            elif head.startswith("pick:") and group is not None:
                picks[group] = self._int(stripped, number, source, problems)
            elif head.startswith("points per question:") and group is not None:
                points = self._float(stripped, number, source, problems)
            elif head.startswith("title:"):
                title = stripped.split(":", 1)[1].strip()
            elif head.startswith("points:"):
                points = self._float(stripped, number, source, problems)
            elif head.startswith("text:"):
                draft.report.skip(f"{source.name}:{number}", "text region",
                                  "a text region between questions is not an item")
            elif (match := _QUESTION.match(line)) is not None:
                current = _Question(number, title, points, group)
                current.indent = len(match.group(1)) + 1 + len(match.group(2))
                current.stem.append(match.group(3))
                questions.append(current)
                title, last_choice = None, -1
                if group is None:
                    points = None
            elif current is None:
                if any(head.startswith(s) for s in _SETTINGS):
                    draft.report.note(f"{source.name}:{number}", "quiz setting",
                                      f"'{stripped}' has no counterpart in a pack")
                else:
                    problems.append(Problem(source, number, "", f"'{stripped[:40]}' is not "
                                            "part of any question.", "Start questions with "
                                            "'1.  ' and put settings before the first one."))
            elif (match := _CHOICE.match(line)) is not None:
                current.choices.append([match.group(4)])
                last_choice = len(current.choices) - 1
                if match.group(1):
                    current.correct.append(last_choice)
            elif (match := _MULTI.match(line)) is not None:
                current.multiple = True
                current.choices.append([match.group(3)])
                last_choice = len(current.choices) - 1
                if match.group(1) == "*":
                    current.correct.append(last_choice)
            elif (match := _SHORT.match(line)) is not None:
                current.short.append(match.group(2).strip())
            elif (match := _NUMBER.match(line)) is not None:
                current.number = match.group(2).strip()
            elif re.fullmatch(r"_{4,}", stripped):
                current.essay = True
            elif re.fullmatch(r"\^{4,}", stripped):
                current.upload = True
            elif stripped.startswith("..."):
                text = stripped[3:].strip()
                if last_choice >= 0:
                    current.choice_feedback[last_choice] = text
                else:
                    current.feedback.append(text)
            elif stripped[:1] in ("+", "-") and stripped[1:2] in (" ", "\t"):
                if stripped[0] == "+":
                    current.correct_feedback.append(stripped[1:].strip())
            else:
                problems.append(Problem(source, number, "", f"'{stripped[:40]}' is not a "
                                        "choice, answer or feedback line.",
                                        "Indent continuation lines to line up with the "
                                        "question text, or fix the line's marker."))
        if fence is not None:
            problems.append(Problem(source, fence[0], "", "a code block is never closed.",
                                    "Close it with a line of three backticks."))
        if problems:
            raise FileProblemsError(problems, f"{source} is not a valid Markdown quiz")
        ids = IdMaker()
        for question in questions:
            where = f"{source.name}:{question.line}"
            try:
                section.items.append(self._item(question, ids, source, where, draft))
            except Unmappable as exc:
                draft.report.skip(where, "question", str(exc))
        self._groups(section, picks, draft, source)
        return draft

    @staticmethod
    def _int(text: str, line: int, source: Path, problems: list[Problem]) -> int:
        value = text.split(":", 1)[1].strip()
        if value.isdigit() and int(value) > 0:
            return int(value)
        problems.append(Problem(source, line, "", f"'{value}' is not a whole number above 0.",
                                "Write e.g. 'pick: 1'."))
        return 1

    @staticmethod
    def _float(text: str, line: int, source: Path, problems: list[Problem]) -> float | None:
        value = text.split(":", 1)[1].strip()
        try:
            number = float(value)
        except ValueError:
            number = -1
        if number > 0:
            return number
        problems.append(Problem(source, line, "", f"'{value}' is not a number of points above "
                                "0.", "Write e.g. 'Points: 2'."))
        return None

    def _images(self, text: str, item_id: str, source: Path, where: str,
                draft: Draft) -> tuple[str, list[Image]]:
        images: list[Image] = []

        def take(match: re.Match[str]) -> str:
            alt, target = match.group(1).strip(), match.group(2)
            path = (source.parent / target).resolve()
            try:
                path.relative_to(source.parent.resolve())
            except ValueError:
                draft.report.note(where, f"image '{target}'", "it lies outside the quiz's "
                                  "folder and was not read; copy it beside the quiz")
                return match.group(0)
            if "://" in target or not path.is_file():
                draft.report.note(where, f"image '{target}'", "the file was not found beside "
                                  "the quiz; add it to assets/ and the item's images:")
                return match.group(0)
            data = read_bytes(path, MAX_MEMBER_BYTES)
            stored = draft.assets.add(f"{item_id}-{path.stem}", path.suffix, data)
            images.append(Image(path=stored, alt=alt or no_alt(len(images) + 1, item_id)))
            return ""

        text = _IMAGE.sub(take, text)

        def media(match: re.Match[str]) -> str:
            kind, src = match.group(1).lower(), match.group(2)
            draft.report.note(where, f"embedded {kind} ({src})", "left out of the stem (a pack "
                              "holds text and images only)")
            return f"[embedded {kind} not imported: {src}]"

        return _RAW_MEDIA.sub(media, text).strip(), images

    def _item(self, q: _Question, ids: IdMaker, source: Path, where: str,
              draft: Draft) -> Item:
        if q.upload:
            raise Unmappable("a file-upload question cannot be represented in a pack")
        item_id = ids.make(q.title)
        stem, images = self._images(latex_to_dollars("\n".join(q.stem).strip()), item_id,
                                    source, where, draft)
        explanation = " ".join([*q.correct_feedback, *q.feedback,
                                *(q.choice_feedback[i] for i in q.correct
                                  if i in q.choice_feedback)])
        if q.choices:
            texts = [latex_to_dollars(" ".join(c)) for c in q.choices]
            if not q.multiple and len(q.correct) > 1:
                raise Unmappable("several choices are starred in a single-answer question")
            return choice_item(item_id, stem, texts, q.correct, points=q.points,
                               explanation=explanation, images=images, group=q.group)
        if q.short:
            return short_item(item_id, stem, q.short, points=q.points,
                              explanation=explanation, images=images, group=q.group)
        if q.number is not None:
            value, tolerance = _parse_number(q.number)
            return numeric_item(item_id, stem, value, tolerance=tolerance, points=q.points,
                                explanation=explanation, images=images, group=q.group)
        if q.essay:
            return essay_item(item_id, stem, points=q.points, notes=" ".join(q.feedback),
                              images=images, group=q.group)
        raise Unmappable("it has no choices, answers, number or essay line")

    @staticmethod
    def _groups(section: DraftSection, picks: dict[str, int], draft: Draft,
                source: Path) -> None:
        groups = {item.group for item in section.items if item.group}
        if not groups:
            return
        counts = {picks.get(g, 1) for g in groups}
        if len(counts) == 1 and all(item.group for item in section.items):
            section.form = FormRule(draw="per_group", per_group=counts.pop())
        else:
            draft.report.note(source.name, "question groups", "the groups pick different "
                              "numbers of questions or some questions are outside a group; "
                              "items keep their group but every item is on the form")


def _parse_number(text: str) -> tuple[float, float]:
    """``1.4142 +- 0.0001``, ``[1.2598, 1.2600]``, ``5 +- 10%`` or ``7``."""
    try:
        range_match = re.fullmatch(r"\[\s*([-+0-9.eE]+)\s*,\s*([-+0-9.eE]+)\s*\]", text)
        if range_match:
            low, high = float(range_match.group(1)), float(range_match.group(2))
            return round((low + high) / 2, 12), round(abs(high - low) / 2, 12)
        if "+-" in text:
            value_text, tol_text = (t.strip() for t in text.split("+-", 1))
            value = float(value_text)
            if tol_text.endswith("%"):
                return value, abs(value) * float(tol_text[:-1]) / 100
            return value, float(tol_text)
        return float(text), 0.0
    except ValueError:
        raise Unmappable(f"'{text}' is not a number, range or number +- tolerance") from None


importer = QuizMarkdownImporter()
