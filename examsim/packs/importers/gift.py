"""Moodle GIFT: ``::title:: stem {=right ~wrong #feedback}``, one question per paragraph.

Mapped: multiple choice (single and, through ``%weight%``, multiple answer), true/false,
short answer (the 100 % answers), numerical (``#a:t``, ``#a..b``), essay (``{}``),
missing-word stems (the block mid-sentence becomes ``_____``) and ``$CATEGORY`` as
sections. Matching and description-only paragraphs are reported, not imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from examsim.errors import FileProblemsError, Problem
from examsim.packs.importers import ImportOptions
from examsim.packs.importers.build import (
    Malformed,
    Unmappable,
    choice_item,
    essay_item,
    numeric_item,
    short_item,
)
from examsim.packs.importers.draft import Draft, DraftSection
from examsim.packs.importers.markup import html_to_markdown, plain_to_markdown
from examsim.packs.importers.sources import read_text
from examsim.packs.importers.text import IdMaker
from examsim.packs.schema import Item

# Escaped control characters become private-use characters while parsing.
_ESCAPES = {"~": "\ue000", "=": "\ue001", "#": "\ue002", "{": "\ue003", "}": "\ue004",
            ":": "\ue005", "\\": "\ue006", "n": "\n"}
_RESTORE = {v: k for k, v in _ESCAPES.items() if k != "n"}
_ANSWER = re.compile(r"([=~])\s*(?:%(-?\d+(?:\.\d+)?)%)?([^=~]*)")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)


def _escape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def _restore(text: str) -> str:
    for private, char in _RESTORE.items():
        text = text.replace(private, char)
    return text


@dataclass
class _Paragraph:
    line: int
    text: str


def _paragraphs(text: str) -> list[_Paragraph]:
    """Questions are separated by blank lines; ``//`` lines are comments."""
    out: list[_Paragraph] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        if raw.lstrip().startswith("//"):
            continue
        if not raw.strip():
            if current:
                out.append(_Paragraph(start, "\n".join(current)))
                current = []
            continue
        if not current:
            start = number
        current.append(raw)
    if current:
        out.append(_Paragraph(start, "\n".join(current)))
    return out


def _convert(text: str, fmt: str) -> str:
    text = _restore(text)
    if fmt == "html":
        return html_to_markdown(text).text
    return plain_to_markdown(text).text


def _join(*parts: str) -> str:
    """Feedback texts joined once each (several right answers often share one)."""
    seen: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return " ".join(seen)


def _split_feedback(text: str) -> tuple[str, str]:
    value, _, feedback = text.partition("#")
    return value.strip(), feedback.strip()


@dataclass
class _Answer:
    mark: str  # "=" or "~"
    weight: float | None
    text: str
    feedback: str

    @property
    def credit(self) -> float:
        if self.weight is not None:
            return self.weight
        return 100.0 if self.mark == "=" else 0.0


def _answers(body: str) -> list[_Answer]:
    out = []
    for match in _ANSWER.finditer(body):
        weight = float(match.group(2)) if match.group(2) is not None else None
        value, feedback = _split_feedback(match.group(3))
        value = _FORMAT.sub("", value).strip()
        out.append(_Answer(match.group(1), weight, value, feedback))
    return out


def _number(text: str) -> tuple[float, float]:
    """``a:t`` -> (a, t); ``a..b`` -> (midpoint, half-width); ``a`` -> (a, 0)."""
    text = text.strip()
    if ".." in text:
        low, high = (float(x) for x in text.split("..", 1))
        return (low + high) / 2, abs(high - low) / 2
    if ":" in text:
        value, tolerance = text.split(":", 1)
        return float(value), float(tolerance)
    return float(text), 0.0


class GiftImporter:
    name = "gift"
    description = "Moodle GIFT text (MC, multi-answer, true/false, short answer, numerical, essay)"
    extensions = (".gift", ".txt")

    def read(self, source: Path, options: ImportOptions) -> Draft:
        text = read_text(source)
        draft = Draft(name=source.stem, source=source, format=self.name)
        section = DraftSection(name="Questions")
        draft.sections.append(section)
        ids = IdMaker()
        problems: list[Problem] = []
        for para in _paragraphs(_escape(text)):
            where = f"{source.name}:{para.line}"
            category = re.match(r"^\s*\$CATEGORY:\s*(.+)$", para.text, re.M)
            if category and para.text.strip().startswith("$CATEGORY"):
                path = _restore(category.group(1).strip())
                label = path.replace("$course$/", "").replace("$system$/", "").split("/")[-1]
                section = DraftSection(name=label.strip() or "Questions")
                draft.sections.append(section)
                continue
            try:
                item = self._question(para.text, where, ids, draft)
            except Unmappable as exc:
                draft.report.skip(where, "GIFT question", str(exc))
                continue
            except Malformed as exc:
                problems.append(Problem(source, para.line, "", str(exc), exc.fix))
                continue
            except ValueError as exc:
                problems.append(Problem(source, para.line, "", f"a number cannot be read ({exc}).",
                                        "Write numerical answers as {#value:tolerance} or "
                                        "{#low..high}."))
                continue
            if item is not None:
                section.items.append(item)
        if problems:
            raise FileProblemsError(problems, f"{source} is not valid GIFT")
        return draft

    def _question(self, text: str, where: str, ids: IdMaker, draft: Draft) -> Item | None:
        title = None
        match = re.match(r"^\s*::(.*?)::", text, re.S)
        if match:
            title = _restore(match.group(1)).strip()
            text = text[match.end():]
        fmt = "moodle"
        fmt_match = _FORMAT.match(text)
        if fmt_match:
            fmt = fmt_match.group(1).lower()
            text = text[fmt_match.end():]
        open_at = text.find("{")
        close_at = text.find("}", open_at + 1)
        if open_at < 0:
            raise Unmappable("a description without an answer block; nothing to score")
        if close_at < 0:
            raise Malformed("the answer block opened with '{' is never closed",
                            "Close it with '}' (write \\} for a literal brace).")
        before, body, after = text[:open_at], text[open_at + 1:close_at], text[close_at + 1:]
        after = after.strip()
        stem_raw = before.strip()
        if re.search(r"[A-Za-z0-9]", _restore(after)):
            stem_raw = f"{before.rstrip()} _____ {after}"
        elif after in (".", "?", "!", ")", ",", ";", ":"):
            stem_raw = f"{before.rstrip()} _____{after}"
        elif after:
            draft.report.note(where, "stray text", f"'{_restore(after)}' after the answer "
                              "block was left out")
        stem = _convert(stem_raw, fmt)
        item_id = ids.make(title)
        general = ""
        if "####" in body:
            body, general = body.split("####", 1)
            general = _convert(general, fmt)
        body = body.strip()
        if not body:
            return essay_item(item_id, stem, notes=general)
        if body.startswith("#"):
            return self._numeric(item_id, stem, body[1:], general, where, draft)
        tf = re.fullmatch(r"(TRUE|FALSE|T|F)\s*(#.*)?", body, re.S)
        if tf:
            truth = tf.group(1).upper().startswith("T")
            feedback = [f.strip() for f in (tf.group(2) or "").split("#") if f.strip()]
            explanation = _join(*feedback[-1:], general)
            return choice_item(item_id, stem, ["True", "False"], [0 if truth else 1],
                               explanation=_convert(explanation, fmt))
        answers = _answers(body)
        if not answers:
            raise Unmappable("its answer block holds no '=' or '~' answers")
        if any("->" in a.text for a in answers):
            raise Unmappable("matching questions cannot be represented in a pack")
        if all(a.mark == "=" for a in answers):
            full = [a for a in answers if a.credit >= 100]
            partial = [a for a in answers if 0 < a.credit < 100]
            if partial:
                draft.report.note(where, f"short answer '{item_id}'",
                                  "partial-credit answers were not carried over: "
                                  + ", ".join(f"'{_restore(a.text)}' ({a.credit:g}%)"
                                              for a in partial))
            explanation = _join(*(a.feedback for a in full[:1]), general)
            return short_item(item_id, stem, [_convert(a.text, fmt) for a in full
                                              if a.text != "*"],
                              explanation=_convert(explanation, fmt))
        return self._choice(item_id, stem, answers, general, fmt, where, draft)

    def _choice(self, item_id: str, stem: str, answers: list[_Answer], general: str,
                fmt: str, where: str, draft: Draft) -> Item:
        full = [i for i, a in enumerate(answers) if a.credit >= 100]
        positive = [i for i, a in enumerate(answers) if a.credit > 0]
        negative = [a for a in answers if a.credit < 0]
        choices = [_convert(a.text, fmt) for a in answers]
        credit = None
        if len(full) == 1:
            correct = full
            if [i for i in positive if i not in full]:
                credit = {i: answers[i].credit / 100 for i in positive}
        else:
            correct = positive
            if negative:
                draft.report.note(where, f"question '{item_id}'",
                                  "negative answer weights (penalties) were not carried over;"
                                  " set the section's scoring rule if wrong picks should cost")
        explanation = _join(*(answers[i].feedback for i in correct), general)
        return choice_item(item_id, stem, choices, correct,
                           explanation=_convert(explanation, fmt),
                           choice_credit=credit)

    def _numeric(self, item_id: str, stem: str, body: str, general: str, where: str,
                 draft: Draft) -> Item:
        body = _restore(body).strip()
        if "=" in body:
            answers = _answers(body)
            full = [a for a in answers if a.credit >= 100 and a.text]
            if not full:
                raise Unmappable("no numerical answer earns full credit")
            rest = [a for a in answers if a is not full[0] and a.credit > 0]
            if rest:
                draft.report.note(where, f"numerical '{item_id}'",
                                  "only the full-credit answer was kept; "
                                  + ", ".join(f"{a.text} ({a.credit:g}%)" for a in rest)
                                  + " not carried over")
            value, tolerance = _number(full[0].text)
            explanation = _join(full[0].feedback, general)
        else:
            first, _, _ = body.partition("~")
            value_text, feedback = _split_feedback(first)
            if not value_text:
                raise Unmappable("the numerical answer is empty")
            value, tolerance = _number(value_text)
            explanation = _join(feedback, general)
        return numeric_item(item_id, stem, value, tolerance=tolerance, explanation=explanation)


importer = GiftImporter()
