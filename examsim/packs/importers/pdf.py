"""Printed exams as PDF: numbered questions, lettered choices, an answer key.

Questions start with a number (``12.``, ``12)``, ``Question 12``) or a pool id with its
key (``T1A05 (C) [97.7]``); choices are ``A.``, ``(A)`` or ``A)`` (several may share a
line). Keys come from the question itself (``(C)`` after a pool id, an ``Answer: C``
line), from a key page headed ``Answer Key``/``Answers``, or from ``--answers FILE``.
Bullets under a question without choices are its accepted answers. Everything else that
is not a question (front matter, unattached pictures, unkeyed questions) is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from examsim.errors import ExamsimError
from examsim.packs.importers import ImportOptions
from examsim.packs.importers.build import (
    LETTERS,
    Unmappable,
    choice_item,
    essay_item,
    mentions_figure,
    no_alt,
    numeric_item,
    short_item,
)
from examsim.packs.importers.draft import Draft, DraftSection
from examsim.packs.importers.pdf_pages import Line, read_pdf
from examsim.packs.importers.sources import read_text
from examsim.packs.importers.text import IdMaker
from examsim.packs.schema import Image, Item

_POOL = re.compile(r"^([A-Z]{1,2}\d[A-Z]\d{2})\s+\(([A-Z](?:\s*,\s*[A-Z])*)\)\s*(?:\[[^\]]*\])?"
                   r"\s*(.*)$")
_NUMBERED = re.compile(r"^(?:Question\s+|Q\.?\s*)?(\d{1,4})\s*[.)]\s*(.*)$", re.I)
_CHOICE = re.compile(r"^(?:\(([A-Za-z])\)\s*|([A-Z])[.)]\s+|([a-z])\)\s+)(.*)$")
_INLINE = re.compile(r"(?:^|\s)(?:\(([A-Z])\)|([A-Z])[.)])\s")
_BULLET = re.compile(r"^[▪•●◦■□➢►‣∙·-]\s*(.*)$")
_ANSWER_LINE = re.compile(r"^(?:correct\s+)?(?:answer|key)\s*[:=]\s*(.+)$", re.I)
_EXPLANATION_LINE = re.compile(r"^(?:explanation|rationale|solution)\s*[:.]\s*(.*)$", re.I)
_KEY_HEADING = re.compile(r"^(?:answer\s+key|answers|key|answer\s+sheet|correct\s+answers|"
                          r"answers\s+to\s+.{1,40})(?:\s*[:\-–]\s*.{0,40})?$", re.I)
_KEY_ENTRY = re.compile(r"(?<![\w.])([A-Z]{0,2}\d[A-Z0-9]{0,5})\s*[.):=-]?\s*\(?"
                        r"([A-Z](?:\s*,\s*[A-Z])*)\)?(?![\w])")
_TEXT_KEY = re.compile(r"^\s*([A-Z]{0,2}\d[A-Z0-9]{0,5})\s*[.):=,\t-]\s*(.+?)\s*$")
_HEADING = re.compile(r"^(?:[A-Z]:\s+\S.*|(?:Section|Part|Subelement|Chapter|Unit)\s+[\w.]+\b.*)$",
                      re.I)
_POOL_GROUP = re.compile(r"^[A-Z]{1,2}\d[A-Z]\s+[A-Z]")  # "T1B Frequency allocations; ..."
_VARIES = re.compile(r"answers?\s+will\s+vary", re.I)


def _join(lines: list[str]) -> str:
    """Wrapped lines joined with spaces; a line ending in a hyphen joins without one."""
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif re.search(r"[A-Za-z]-$", out):
            out += line
        else:
            out += " " + line
    return out


def _is_caps_heading(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= 10 and text.upper() == text and any(c.isalpha() for c in text)
            and not _CHOICE.match(text))


@dataclass
class _Question:
    number: str
    page: int
    line: str
    key: list[str] = field(default_factory=list)
    stem: list[str] = field(default_factory=list)
    choices: list[list[str]] = field(default_factory=list)
    bullets: list[list[str]] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    topic: str | None = None
    group: str | None = None
    closed: bool = False  # a separator line ended it
    in_explanation: bool = False


def _split_inline(text: str, expected: str) -> list[str]:
    """``(A) 4 (B) 5`` -> ``["(A) 4", "(B) 5"]`` when the letters run on from ``expected``."""
    marks = list(_INLINE.finditer(text))
    if len(marks) < 2 or marks[0].start() != 0:
        return [text]
    letters = [m.group(1) or m.group(2) for m in marks]
    if letters[0] != expected or letters != list(LETTERS[LETTERS.index(expected):][: len(marks)]):
        return [text]
    bounds = [m.start() for m in marks] + [len(text)]
    return [text[bounds[i]:bounds[i + 1]].strip() for i in range(len(marks))]


def parse_keys(text: str) -> dict[str, list[str] | str]:
    """Keys by question number or id: ``1. B``, ``2) C``, ``T1A01 C``, ``3: A, D``; several
    per line allowed. A line ``4. 42`` (not letters) keys a numeric or text answer."""
    keys: dict[str, list[str] | str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or _KEY_HEADING.match(line):
            continue
        found = list(_KEY_ENTRY.finditer(line))
        covered = sum(m.end() - m.start() for m in found)
        if found and covered >= 0.6 * len(line.replace(" ", "")):
            for match in found:
                keys[match.group(1)] = [x.strip() for x in match.group(2).split(",")]
            continue
        text_key = _TEXT_KEY.match(line)
        if text_key:
            keys[text_key.group(1)] = text_key.group(2)
    return keys


class PdfImporter:
    name = "pdf"
    description = "printed exam as PDF (numbered questions, lettered choices, answer key)"
    extensions = (".pdf",)

    trailing: list[str]

    def read(self, source: Path, options: ImportOptions) -> Draft:
        self.trailing = []
        content = read_pdf(source)
        draft = Draft(name=content.title or source.stem, source=source, format=self.name)
        section = DraftSection(name="Questions")
        draft.sections.append(section)
        if content.columns:
            pages = ", ".join(str(p) for p in content.columns)
            draft.report.note(source.name, "layout", f"page(s) {pages} were read as two "
                              "columns, left column first; check the order of their items")
        lines, key_page = self._split_key_page(content.lines)
        questions, front = self._segment(lines)
        if self.trailing:
            draft.report.skip(f"{source.name}: page {lines[-1].page}", "closing text",
                              f"{len(self.trailing)} line(s) after the last question are not a "
                              "question: " + " ".join(self.trailing)[:120])
        if front:
            first, last = front[0].page, front[-1].page
            pages = f"page {first}" if first == last else f"pages {first}-{last}"
            draft.report.skip(f"{source.name}: {pages}", "front matter",
                              f"{len(front)} line(s) before the first question are not a "
                              "question (title, instructions, syllabus)")
        keys = parse_keys("\n".join(line.text for line in key_page)) if key_page else {}
        if options.answers is not None:
            keys.update(self._answer_file(options.answers))
        ids = IdMaker()
        by_page: dict[int, list[Item]] = {}
        for question in questions:
            where = f"{source.name}: page {question.page}, question {question.number}"
            key = keys.get(question.number, question.key or None)
            given = keys.get(question.number)
            if question.key and given is not None and given != question.key:
                draft.report.note(where, "answer key", f"the answer file says {given} but the "
                                  f"question says {', '.join(question.key)}; the answer file "
                                  "was used")
            try:
                item = self._item(question, key, ids, where, draft)
            except Unmappable as exc:
                draft.report.skip(where, "question", str(exc))
                continue
            section.items.append(item)
            by_page.setdefault(question.page, []).append(item)
        self._attach_images(content, section, by_page, draft, source)
        if content.image_problem:
            draft.report.note(source.name, "images", content.image_problem)
        if content.decorations:
            draft.report.skip(source.name, "decorative images", f"{content.decorations} image(s)"
                              " drawn on most pages (logos, rules) were left out")
        return draft

    # --- structure ----------------------------------------------------------------------
    @staticmethod
    def _split_key_page(lines: list[Line]) -> tuple[list[Line], list[Line]]:
        """Question lines, and the answer-key lines from a heading like ``Answer Key`` on."""
        for index, line in enumerate(lines):
            if _KEY_HEADING.match(line.text) and len(line.text) <= 60:
                rest = lines[index + 1:]
                sample = parse_keys("\n".join(r.text for r in rest[:20]))
                if sum(isinstance(v, list) for v in sample.values()) >= min(3, len(rest)):
                    return lines[:index], rest
        return lines, []

    def _segment(self, lines: list[Line]) -> tuple[list[_Question], list[Line]]:
        questions: list[_Question] = []
        front: list[Line] = []
        current: _Question | None = None
        topic: str | None = None
        pending_heading: list[str] = []
        last_number = 0
        for line in lines:
            text = line.text
            pool = _POOL.match(text)
            numbered = _NUMBERED.match(text) if pool is None else None
            if numbered and not self._plausible(int(numbered.group(1)), last_number, current):
                numbered = None
            if pool or numbered:
                if pending_heading:
                    topic = " ".join(pending_heading)
                    pending_heading = []
                if pool:
                    current = _Question(pool.group(1), line.page, text,
                                        key=[k.strip() for k in pool.group(2).split(",")],
                                        group=pool.group(1)[:-2])
                    rest = pool.group(3)
                else:
                    assert numbered is not None
                    last_number = int(numbered.group(1))
                    current = _Question(numbered.group(1), line.page, text)
                    rest = numbered.group(2)
                current.topic = topic
                if rest:
                    current.stem.append(rest)
                questions.append(current)
                continue
            if current is None:
                if _HEADING.match(text) or _is_caps_heading(text):
                    topic = self._heading(text)
                front.append(line)
                continue
            if re.match(r"[~_=*-]{2,}", text):
                current.closed = True
                rest = text.strip("~_=*- ")
                if rest:
                    pending_heading.append(rest)
                continue
            if current.closed:
                if _HEADING.match(text) or _is_caps_heading(text) or (
                    current.group is not None and _POOL_GROUP.match(text)
                ):
                    pending_heading = [self._heading(text)]
                else:
                    pending_heading.append(text)
                continue
            if (current.choices or current.bullets) and (
                _HEADING.match(text) or _is_caps_heading(text)
                or (current.group is not None and _POOL_GROUP.match(text))
            ):
                # A heading between questions, not part of the last answer.
                pending_heading = [self._heading(text)]
                current.closed = True
                continue
            self._add_line(current, text)
        self.trailing = pending_heading
        return questions, front

    @staticmethod
    def _plausible(number: int, last: int, current: _Question | None) -> bool:
        """A numbered line starts a question only if it continues the numbering (so a list
        inside a stem is not split off), allowing a few missing numbers."""
        if current is None:
            return True
        if current.choices or current.bullets or current.key:
            return last < number <= last + 5
        return number == last + 1 and bool(current.stem)

    @staticmethod
    def _heading(text: str) -> str:
        match = re.match(r"^[A-Z]:\s+(.*)$", text)
        return (match.group(1) if match else text).strip()

    @staticmethod
    def _add_line(q: _Question, text: str) -> None:
        expected = LETTERS[len(q.choices)] if len(q.choices) < len(LETTERS) else ""
        for part in _split_inline(text, expected) if expected else [text]:
            choice = _CHOICE.match(part)
            letter = (choice.group(1) or choice.group(2) or choice.group(3) or "").upper() \
                if choice else ""
            expected = LETTERS[len(q.choices)] if len(q.choices) < len(LETTERS) else ""
            answer = _ANSWER_LINE.match(part)
            explanation = _EXPLANATION_LINE.match(part)
            bullet = _BULLET.match(part)
            if answer and (q.choices or q.stem):
                value = answer.group(1).strip()
                letters = [x.strip().upper() for x in re.split(r"[,\s]+", value) if x.strip()]
                q.key = letters if all(len(x) == 1 and x.isalpha() for x in letters) else [value]
                q.in_explanation = False
            elif explanation and (q.choices or q.stem):
                q.in_explanation = True
                if explanation.group(1):
                    q.explanation.append(explanation.group(1))
            elif q.in_explanation:
                q.explanation.append(part)
            elif choice and letter == expected and not q.bullets:
                q.choices.append([choice.group(4)])
            elif bullet and not q.choices and q.stem:
                q.bullets.append([bullet.group(1)])
            elif q.choices:
                q.choices[-1].append(part)
            elif q.bullets:
                q.bullets[-1].append(part)
            else:
                q.stem.append(part)

    # --- items --------------------------------------------------------------------------
    def _item(self, q: _Question, key: list[str] | str | None, ids: IdMaker, where: str,
              draft: Draft) -> Item:
        item_id = ids.make(q.number if not q.number.isdigit() else f"q{q.number}")
        stem = _join(q.stem)
        explanation = " ".join(q.explanation).strip() or None
        if q.choices:
            texts = [_join(c) for c in q.choices]
            if key is None:
                raise Unmappable("no answer key was found for it; add a key page or give "
                                 "--answers FILE")
            letters = key if isinstance(key, list) else [key]
            bad = [k for k in letters if k.upper() not in LETTERS[: len(texts)]]
            if bad:
                raise Unmappable(f"its key '{', '.join(bad)}' is not one of its "
                                 f"{len(texts)} choices")
            return choice_item(item_id, stem, texts, [LETTERS.index(k.upper()) for k in letters],
                               explanation=explanation, topic=q.topic, group=q.group)
        if q.bullets:
            answers = [_join(b) for b in q.bullets]
            if any(_VARIES.search(a) for a in answers):
                return essay_item(item_id, stem, notes="Accepted answers from the source: "
                                  + " / ".join(answers), topic=q.topic, group=q.group)
            if re.search(r"\b(?:name|list|give|what are|who are)\s+(?:two|three|four|five|\d)\b",
                         stem, re.I):
                draft.report.note(where, f"item '{item_id}'", "the question asks for several "
                                  "answers; a short answer accepts any one listed answer")
            return short_item(item_id, stem, answers, explanation=explanation, topic=q.topic,
                              group=q.group)
        if key is not None:
            value = key if isinstance(key, str) else ", ".join(key)
            try:
                number = float(value.replace(",", ""))
            except ValueError:
                return short_item(item_id, stem, [value], explanation=explanation,
                                  topic=q.topic, group=q.group)
            return numeric_item(item_id, stem, number, explanation=explanation, topic=q.topic,
                                group=q.group)
        return essay_item(item_id, stem, topic=q.topic, group=q.group)

    def _answer_file(self, path: Path) -> dict[str, list[str] | str]:
        text = read_text(path)
        if path.suffix.lower() == ".json":
            import json

            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ExamsimError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg}). Give the "
                                   'key as {"1": "B", "2": "D"}.') from None
            if not isinstance(data, dict):
                raise ExamsimError(f'{path}: give the key as an object, e.g. {{"1": "B"}}.')
            return {str(k): ([x.upper() for x in v] if isinstance(v, list) else
                             [str(v).upper()] if len(str(v)) == 1 else str(v))
                    for k, v in data.items()}
        keys = parse_keys(text.replace(",", ", "))
        if not keys:
            raise ExamsimError(f"{path}: no answers found. Write one per line, e.g. '1. B' or "
                               "'1,B'.")
        return keys

    # --- images -------------------------------------------------------------------------
    @staticmethod
    def _attach_images(content: object, section: DraftSection, by_page: dict[int, list[Item]],
                       draft: Draft, source: Path) -> None:
        images = getattr(content, "images", [])
        attached: set[int] = set()
        for n, image in enumerate(images):
            candidates = [item for item in by_page.get(image.page, [])
                          if mentions_figure(item.stem)]
            if len(candidates) != 1:
                path = draft.assets.add(f"page-{image.page}-{image.name}", image.suffix,
                                        image.data)
                why = "no question on its page mentions a figure" if not candidates else \
                    f"{len(candidates)} questions on its page mention a figure"
                draft.report.note(f"{source.name}: page {image.page}", "image", f"saved as "
                                  f"{path} but not attached ({why}); add it to the right "
                                  "item's images:")
                continue
            target = candidates[0]
            index = section.items.index(target)
            path = draft.assets.add(f"{target.id}-{image.name}", image.suffix, image.data)
            new = target.model_copy(update={"images": [
                *target.images,
                Image(path=path, alt=no_alt(len(target.images) + 1, target.id)),
            ]})
            section.items[index] = new
            by_page[image.page] = [new if i is target else i for i in by_page[image.page]]
            attached.add(n)
        for item in section.items:
            if mentions_figure(item.stem) and not item.images:
                draft.report.note(f"{source.name}", f"item '{item.id}'", "mentions a figure but "
                                  "no picture could be attached to it")


importer = PdfImporter()
