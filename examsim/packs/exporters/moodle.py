"""Moodle XML: a ``<quiz>`` with a category per section and one question per item.

Multiple choice becomes ``multichoice`` (fractions share 100 % among the keyed choices,
partial credit from ``choice_points``), numbers ``numerical`` with their tolerance, short
answers ``shortanswer``, essays ``essay`` with the rubric and reference answer in
``graderinfo``. Images are embedded as base64 files.
"""

from __future__ import annotations

import base64
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, tostring

from examsim.packs.exporters import ExportResult
from examsim.packs.exporters.markup import markdown_to_html
from examsim.packs.exporters.qti import rubric_text
from examsim.packs.model import Pack, PackSection, item_max_points
from examsim.packs.schema import FreeResponseItem, Item, MultipleChoiceItem, NumericItem


def _text(parent: Element, tag: str, value: str, fmt: str | None = "html") -> Element:
    element = SubElement(parent, tag, {"format": fmt} if fmt else {})
    SubElement(element, "text").text = value
    return element


def _fraction(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".")


class MoodleExporter:
    name = "moodle"
    suffix = ".xml"
    description = "Moodle XML question bank"

    def write(self, pack: Pack, dest: Path) -> ExportResult:
        result = ExportResult(dest, self.name)
        quiz = Element("quiz")
        for psection in pack.sections:
            category = SubElement(quiz, "question", {"type": "category"})
            _text(category, "category", f"$course$/{pack.exam.name}/{psection.section.name}",
                  None)
            _text(category, "info", psection.section.instructions, "markdown")
            for item in psection.items:
                quiz.append(self._question(pack, psection, item, result))
                result.items += 1
        dest.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>\n'
                         + tostring(quiz, encoding="utf-8", xml_declaration=False))
        return result

    def _question(self, pack: Pack, psection: PackSection, item: Item,
                  result: ExportResult) -> Element:
        kinds = {"multiple_choice": "multichoice", "numeric": "numerical",
                 "short_answer": "shortanswer", "free_response": "essay"}
        question = Element("question", {"type": kinds[item.type]})
        _text(question, "name", item.id, None)
        html = markdown_to_html(item.stem)
        passage = psection.passage_of(item)
        if passage:
            html = f'<div class="passage">{markdown_to_html(passage)}</div>' + html
        if isinstance(item, FreeResponseItem):
            for material in item.materials:
                html += f"<h4>{material.title}</h4>" + markdown_to_html(material.body)
        files: list[tuple[str, bytes]] = []
        for image in item.images:
            name = Path(image.path).name
            files.append((name, (pack.root / image.path).read_bytes()))
            alt = image.alt.replace('"', "&quot;").replace("<", "&lt;")
            html += f'<p><img src="@@PLUGINFILE@@/{name}" alt="{alt}"></p>'
        text = _text(question, "questiontext", html)
        for name, data in files:
            file = SubElement(text, "file", {"name": name, "path": "/", "encoding": "base64"})
            file.text = base64.b64encode(data).decode("ascii")
        explanation = "" if isinstance(item, FreeResponseItem) else item.explanation
        _text(question, "generalfeedback", markdown_to_html(explanation) if explanation else "")
        SubElement(question, "defaultgrade").text = _fraction(item_max_points(item))
        SubElement(question, "penalty").text = "0"
        SubElement(question, "hidden").text = "0"
        if isinstance(item, MultipleChoiceItem):
            keys = item.answer if isinstance(item.answer, list) else [item.answer]
            SubElement(question, "single").text = "false" if isinstance(item.answer,
                                                                         list) else "true"
            SubElement(question, "shuffleanswers").text = "0"
            SubElement(question, "answernumbering").text = "ABCD"
            for letter, choice in item.choices.items():
                if item.choice_points:
                    share = 100 * item.choice_points.get(letter, 0) / item.points
                else:
                    share = 100 / len(keys) if letter in keys else 0
                answer = _text(question, "answer", markdown_to_html(choice))
                answer.set("fraction", _fraction(share))
        elif isinstance(item, NumericItem):
            answer = _text(question, "answer", repr(item.answer), "moodle_auto_format")
            answer.set("fraction", "100")
            tolerance = max(item.tolerance, abs(item.answer) * item.relative_tolerance)
            SubElement(answer, "tolerance").text = repr(tolerance)
            if item.unit:
                units = SubElement(question, "units")
                unit = SubElement(units, "unit")
                SubElement(unit, "multiplier").text = "1"
                SubElement(unit, "unit_name").text = item.unit
        elif isinstance(item, FreeResponseItem):
            SubElement(question, "responseformat").text = "editor"
            SubElement(question, "responserequired").text = "1"
            SubElement(question, "responsefieldlines").text = "15"
            SubElement(question, "attachments").text = "0"
            _text(question, "graderinfo", markdown_to_html(rubric_text(item)))
            _text(question, "responsetemplate", "")
        else:
            SubElement(question, "usecase").text = "1" if item.case_sensitive else "0"
            for accepted in item.accepted:
                answer = _text(question, "answer", accepted, "moodle_auto_format")
                answer.set("fraction", "100")
            if item.match_threshold < 100:
                result.notes.append(f"item '{item.id}': Moodle matches short answers exactly "
                                    "(with * wildcards); examsim's fuzzy matching does not "
                                    "carry over")
        return question


exporter = MoodleExporter()
