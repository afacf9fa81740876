"""Moodle XML question banks: ``<quiz>`` of ``<question type=...>``.

Mapped: multichoice (single and multiple answer, partial credit), truefalse, shortanswer,
numerical, essay (``graderinfo`` becomes the rubric's notes), categories as sections,
``defaultgrade`` as points and base64 ``<file>`` images extracted into ``assets/``.
Everything else (matching, cloze, drag-and-drop, calculated, random...) is reported.
"""

from __future__ import annotations

import base64
import binascii
import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from examsim.errors import ExamsimError
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
from examsim.packs.importers.markup import Converted, html_to_markdown, plain_to_markdown
from examsim.packs.importers.sources import parse_xml, read_bytes
from examsim.packs.importers.text import IdMaker
from examsim.packs.schema import Image, Item

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

_UNSUPPORTED = {
    "matching": "matching questions cannot be represented in a pack",
    "randomsamatch": "random short-answer matching draws from the bank at run time",
    "random": "a random question draws from a category at run time",
    "cloze": "cloze (embedded answers) questions cannot be represented in a pack",
    "multianswer": "cloze (embedded answers) questions cannot be represented in a pack",
    "ddwtos": "drag-and-drop into text cannot be represented in a pack",
    "ddimageortext": "drag-and-drop onto an image cannot be represented in a pack",
    "ddmarker": "drag-and-drop markers cannot be represented in a pack",
    "gapselect": "select-missing-words questions cannot be represented in a pack",
    "calculated": "calculated questions draw random values; examsim never evaluates formulas",
    "calculatedmulti": "calculated questions draw random values; examsim never evaluates "
                       "formulas",
    "calculatedsimple": "calculated questions draw random values; examsim never evaluates "
                        "formulas",
    "description": "a description holds no question to score",
    "ordering": "ordering questions cannot be represented in a pack",
}


def _text(element: Element | None, path: str = "text") -> str:
    if element is None:
        return ""
    found = element.find(path)
    return (found.text or "") if found is not None else ""


def _convert(element: Element | None) -> Converted:
    """The ``<text>`` of a Moodle text field, in Markdown, per its ``format``."""
    if element is None:
        return Converted("")
    raw = _text(element)
    fmt = element.get("format", "html")
    if fmt == "html":
        return html_to_markdown(raw)
    if fmt == "markdown":
        return plain_to_markdown(textwrap.dedent(raw.strip("\n")))
    return plain_to_markdown(raw)


def _number(text: str, default: float = 0.0) -> float:
    try:
        return float(text.strip())
    except (ValueError, AttributeError):
        return default


class MoodleImporter:
    name = "moodle"
    description = "Moodle XML question bank (MC, multi-answer, T/F, short, numerical, essay)"
    extensions = (".xml",)

    def read(self, source: Path, options: ImportOptions) -> Draft:
        root = parse_xml(read_bytes(source), str(source))
        if root.tag != "quiz":
            raise ExamsimError(f"{source}: the root element is <{root.tag}>, not <quiz>; this "
                               "is not a Moodle XML export. Give the right --format.")
        draft = Draft(name=source.stem, source=source, format=self.name)
        section = DraftSection(name="Questions")
        draft.sections.append(section)
        ids = IdMaker()
        for index, question in enumerate(root.findall("question"), 1):
            kind = question.get("type", "")
            name = _text(question.find("name")).strip()
            where = f"{source.name}: question {index}" + (f" '{name}'" if name else "")
            if kind == "category":
                path = _text(question.find("category")).strip()
                label = re.sub(r"^\$(course|system|module|cat\d*)\$/?", "", path)
                label = label.split("/")[-1].strip() or "Questions"
                if not section.items and section.name == "Questions" and len(draft.sections) == 1:
                    section.name = label
                else:
                    section = DraftSection(name=label)
                    draft.sections.append(section)
                continue
            if kind in _UNSUPPORTED:
                draft.report.skip(where, f"{kind} question", _UNSUPPORTED[kind])
                continue
            try:
                item = self._question(question, kind, name, where, ids, draft)
            except Unmappable as exc:
                draft.report.skip(where, f"{kind or 'untyped'} question", str(exc))
                continue
            section.items.append(item)
        return draft

    def _images(self, question: Element, converted: Converted, item_id: str, where: str,
                draft: Draft) -> list[Image]:
        """Embedded files of the question text, with the alt text their <img> gives."""
        text = question.find("questiontext")
        files: dict[str, bytes] = {}
        for node in text.findall("file") if text is not None else []:
            name = node.get("name", "")
            try:
                files[name] = base64.b64decode((node.text or "").strip(), validate=False)
            except (binascii.Error, ValueError):
                draft.report.note(where, f"file '{name}'", "its base64 content is damaged; "
                                  "the image was not imported")
        images: list[Image] = []
        used: set[str] = set()
        for ref in converted.images:
            src = ref.src.replace("@@PLUGINFILE@@/", "")
            from urllib.parse import unquote

            src = unquote(src)
            data = files.get(src) or files.get(src.rsplit("/", 1)[-1])
            if data is None:
                draft.report.note(where, f"image '{ref.src}'", "the file is not embedded in the "
                                  "export; add it to assets/ and the item's images:")
                continue
            used.add(src.rsplit("/", 1)[-1])
            stem, _, suffix = src.rsplit("/", 1)[-1].rpartition(".")
            path = draft.assets.add(f"{item_id}-{stem}", suffix, data)
            alt = ref.alt or no_alt(len(images) + 1, item_id)
            images.append(Image(path=path, alt=alt))
        for name, data in files.items():
            if name not in used:
                stem, _, suffix = name.rpartition(".")
                path = draft.assets.add(f"{item_id}-{stem}", suffix, data)
                images.append(Image(path=path, alt=no_alt(len(images) + 1, item_id)))
        return images

    def _question(self, question: Element, kind: str, name: str, where: str, ids: IdMaker,
                  draft: Draft) -> Item:
        text = _convert(question.find("questiontext"))
        for dropped in text.dropped:
            draft.report.note(where, dropped, "left out of the stem (a pack holds text and "
                              "images only)")
        idnumber = _text(question, "idnumber").strip() if question.find("idnumber") is not None \
            else ""
        item_id = ids.make(idnumber or name)
        images = self._images(question, text, item_id, where, draft)
        points = _number(_text(question, "defaultgrade") if question.find("defaultgrade")
                         is not None else "1", 1.0)
        general = _convert(question.find("generalfeedback")).text
        answers = question.findall("answer")
        if kind in ("multichoice", "truefalse"):
            return self._choice(question, kind, item_id, text.text, answers, points, general,
                                images, where, draft)
        if kind == "shortanswer":
            full = [a for a in answers if _number(a.get("fraction", "0")) >= 100]
            partial = [a for a in answers if 0 < _number(a.get("fraction", "0")) < 100]
            if partial:
                draft.report.note(where, f"short answer '{item_id}'",
                                  "partial-credit answers were not carried over: "
                                  + ", ".join(repr(_text(a).strip()) for a in partial))
            item = short_item(item_id, text.text, [_text(a) for a in full if _text(a) != "*"],
                              points=points, images=images,
                              explanation=self._feedback(full[:1], general))
            if _text(question, "usecase").strip() == "1":
                item = item.model_copy(update={"case_sensitive": True})
            return item
        if kind == "numerical":
            full = [a for a in answers if _number(a.get("fraction", "0")) >= 100]
            if not full:
                raise Unmappable("no numerical answer earns full credit")
            value = _text(full[0]).strip()
            try:
                number = float(value)
            except ValueError:
                raise Unmappable(f"the answer '{value}' is not a number") from None
            rest = [a for a in answers if a is not full[0] and _number(a.get("fraction", "0"))]
            if rest:
                draft.report.note(where, f"numerical '{item_id}'", "only the full-credit answer "
                                  "was kept; other answers earning credit were not carried over")
            if question.find("units/unit") is not None:
                draft.report.note(where, f"numerical '{item_id}'", "units were not carried over;"
                                  " set the item's unit: if the answer has one")
            return numeric_item(item_id, text.text, number,
                                tolerance=_number(_text(full[0], "tolerance") or "0"),
                                points=points, images=images,
                                explanation=self._feedback(full[:1], general))
        if kind == "essay":
            if _text(question, "responseformat").strip() == "noinline":
                raise Unmappable("the response is a file upload only")
            if _number(_text(question, "attachments") or "0") != 0:
                draft.report.note(where, f"essay '{item_id}'", "the file-upload part of the "
                                  "response was left out; only the written answer is kept")
            notes = _convert(question.find("graderinfo")).text
            template = _convert(question.find("responsetemplate")).text
            if template:
                notes = (notes + "\n\n" if notes else "") + f"Response template: {template}"
            if general:
                notes = (notes + "\n\n" if notes else "") + f"General feedback: {general}"
            return essay_item(item_id, text.text, points=points, notes=notes, images=images)
        raise Unmappable(f"the question type '{kind}' is not one examsim knows")

    @staticmethod
    def _feedback(answers: list[Element], general: str) -> str:
        parts = [_convert(a.find("feedback")).text for a in answers]
        out: list[str] = []
        for part in [*parts, general]:
            if part and part not in out:
                out.append(part)
        return " ".join(out)

    def _choice(self, question: Element, kind: str, item_id: str, stem: str,
                answers: list[Element], points: float, general: str, images: list[Image],
                where: str, draft: Draft) -> Item:
        if not answers:
            raise Unmappable("it has no answers")
        texts: list[str] = []
        for answer in answers:
            converted = _convert(answer)
            if converted.images:
                draft.report.note(where, f"question '{item_id}'", "an image inside a choice was "
                                  "left out (choices hold text only)")
            body = converted.text
            if kind == "truefalse":
                body = {"true": "True", "false": "False"}.get(body.strip().lower(), body)
            texts.append(body)
        fractions = [_number(a.get("fraction", "0")) for a in answers]
        single = kind == "truefalse" or _text(question, "single").strip().lower() in (
            "true", "1", "")
        credit = None
        if single:
            correct = [i for i, f in enumerate(fractions) if f >= 100]
            if len(correct) != 1:
                best = max(fractions)
                correct = [i for i, f in enumerate(fractions) if f == best and f > 0]
            if any(0 < f < 100 for f in fractions):
                credit = {i: f / 100 for i, f in enumerate(fractions) if f > 0}
        else:
            correct = [i for i, f in enumerate(fractions) if f > 0]
            if any(f < 0 for f in fractions):
                draft.report.note(where, f"question '{item_id}'", "negative answer fractions "
                                  "(penalties) were not carried over; set the section's "
                                  "scoring rule if wrong picks should cost")
        explanation = self._feedback([answers[i] for i in correct], general)
        return choice_item(item_id, stem, texts, correct, points=points,
                           explanation=explanation, images=images, choice_credit=credit)


importer = MoodleImporter()
