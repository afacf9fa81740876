"""QTI 2.1 content package: ``imsmanifest.xml``, an assessment test with the pack's
sections (and time limits), one item file per item, and the images.

Multiple choice keeps its key, points and partial credit (as a mapping); numbers keep
their tolerance; short answers every accepted answer; essays their points, with the
rubric and reference answer in a scorer-only rubric block.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, fromstring, tostring

from examsim.packs.exporters import ExportResult
from examsim.packs.exporters.markup import markdown_to_html
from examsim.packs.model import Pack, PackSection, item_max_points
from examsim.packs.schema import (
    AnalyticRubric,
    FreeResponseItem,
    Item,
    MultipleChoiceItem,
    NumericItem,
    ShortAnswerItem,
)

NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
MAP_RESPONSE = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"


def _num(value: float) -> str:
    return f"{value:g}"


def html_block(parent: Element, markdown: str, css: str | None = None) -> None:
    """Append the HTML for ``markdown`` to ``parent`` (inside a div)."""
    div = fromstring(f"<div>{markdown_to_html(markdown)}</div>")
    if css:
        div.set("class", css)
    parent.append(div)


def rubric_text(item: FreeResponseItem) -> str:
    """The rubric, notes and reference answer as Markdown for graders."""
    rubric = item.rubric
    lines: list[str] = []
    if isinstance(rubric, AnalyticRubric):
        lines.append("Rubric (points per criterion):")
        lines += [f"- {c.description} ({_num(c.points)} points)" for c in rubric.criteria]
    else:
        lines.append(f"Holistic score from {_num(rubric.min)} to {_num(rubric.max)} "
                     f"in steps of {_num(rubric.step)}.")
        lines += [f"- {_num(level)}: {text}" for level, text in sorted(rubric.levels.items(),
                                                                         reverse=True)]
        lines += [f"- {c.description} ({_num(c.points)})" for c in rubric.criteria]
    if rubric.notes:
        lines += ["", rubric.notes]
    lines += ["", f"Reference answer: {item.reference_answer}"]
    return "\n".join(lines)


class QtiExporter:
    name = "qti"
    suffix = ".zip"
    description = "IMS QTI 2.1 content package (zip)"

    def write(self, pack: Pack, dest: Path) -> ExportResult:
        result = ExportResult(dest, self.name)
        files: dict[str, bytes] = {}
        images: dict[str, str] = {}  # pack path -> package path
        item_images: dict[str, list[str]] = {}
        test = Element("assessmentTest", {"xmlns": NS, "identifier": pack.id,
                                          "title": pack.exam.name})
        part = SubElement(test, "testPart", {"identifier": "part1", "navigationMode":
                                             "nonlinear", "submissionMode": "simultaneous"})
        for psection in pack.sections:
            section = SubElement(part, "assessmentSection", {
                "identifier": psection.id, "title": psection.section.name, "visible": "true"})
            if psection.section.time_limit_minutes:
                SubElement(section, "timeLimits",
                           {"maxTime": _num(psection.section.time_limit_minutes * 60)})
            block = SubElement(section, "rubricBlock", {"view": "candidate"})
            html_block(block, psection.section.instructions)
            for item in psection.items:
                href = f"items/{item.id}.xml"
                files[href] = self._item(pack, psection, item, images, result)
                item_images[href] = [images[i.path] for i in item.images]
                SubElement(section, "assessmentItemRef", {"identifier": item.id, "href": href})
                result.items += 1
            if psection.passages:
                result.notes.append(f"section '{psection.id}': passages were written into the "
                                    "body of each item that uses them")
        files["test.xml"] = _xml(test)
        files["imsmanifest.xml"] = self._manifest(pack, files, item_images)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
            for source, target in images.items():
                archive.write(pack.root / source, target)
        return result

    def _manifest(self, pack: Pack, files: dict[str, bytes],
                  item_images: dict[str, list[str]]) -> bytes:
        manifest = Element("manifest", {"xmlns": CP, "identifier": f"MANIFEST-{pack.id}"})
        metadata = SubElement(manifest, "metadata")
        SubElement(metadata, "schema").text = "QTIv2.1 Package"
        SubElement(metadata, "schemaversion").text = "1.0.0"
        SubElement(manifest, "organizations")
        resources = SubElement(manifest, "resources")
        test = SubElement(resources, "resource", {"identifier": f"test-{pack.id}",
                                                  "type": "imsqti_test_xmlv2p1",
                                                  "href": "test.xml"})
        SubElement(test, "file", {"href": "test.xml"})
        for name in files:
            if name.startswith("items/"):
                ident = name[len("items/"):-len(".xml")]
                resource = SubElement(resources, "resource", {
                    "identifier": f"item-{ident}", "type": "imsqti_item_xmlv2p1", "href": name})
                SubElement(resource, "file", {"href": name})
                for target in item_images.get(name, []):
                    SubElement(resource, "file", {"href": target})
        return _xml(manifest)

    def _item(self, pack: Pack, psection: PackSection, item: Item, images: dict[str, str],
              result: ExportResult) -> bytes:
        root = Element("assessmentItem", {"xmlns": NS, "identifier": item.id,
                                          "title": item.id, "adaptive": "false",
                                          "timeDependent": "false"})
        points = item_max_points(item)
        declaration = SubElement(root, "responseDeclaration", {"identifier": "RESPONSE"})
        score = SubElement(root, "outcomeDeclaration", {
            "identifier": "SCORE", "cardinality": "single", "baseType": "float",
            "normalMaximum": _num(points)})
        SubElement(SubElement(score, "defaultValue"), "value").text = "0"
        SubElement(root, "outcomeDeclaration", {"identifier": "FEEDBACK",
                                                "cardinality": "single",
                                                "baseType": "identifier"})
        body = SubElement(root, "itemBody")
        passage = psection.passage_of(item)
        if passage:
            html_block(body, passage, "passage")
        if isinstance(item, FreeResponseItem):
            for material in item.materials:
                html_block(body, f"**{material.title}**\n\n{material.body}", "material")
        for image in item.images:
            target = images.setdefault(image.path, f"images/{Path(image.path).name}")
            paragraph = SubElement(body, "p")
            SubElement(paragraph, "img", {"src": f"../{target}", "alt": image.alt})
        if isinstance(item, MultipleChoiceItem):
            self._choice(root, declaration, body, item, points)
        elif isinstance(item, NumericItem | ShortAnswerItem):
            self._text_entry(root, declaration, body, item, points, result)
        else:
            declaration.set("cardinality", "single")
            declaration.set("baseType", "string")
            html_block(body, item.stem)
            SubElement(body, "extendedTextInteraction", {"responseIdentifier": "RESPONSE"})
            score.set("externalScored", "human")
            scorer = SubElement(body, "rubricBlock", {"view": "scorer"})
            html_block(scorer, rubric_text(item))
        if isinstance(item, MultipleChoiceItem | NumericItem | ShortAnswerItem):
            feedback = SubElement(root, "modalFeedback", {
                "outcomeIdentifier": "FEEDBACK", "identifier": "correct", "showHide": "show"})
            html_block(feedback, item.explanation)
        return _xml(root)

    @staticmethod
    def _match_processing(root: Element, points: float, condition: Element) -> None:
        processing = SubElement(root, "responseProcessing")
        rule = SubElement(processing, "responseCondition")
        branch = SubElement(rule, "responseIf")
        branch.append(condition)
        for identifier, base_type, value in (("SCORE", "float", _num(points)),
                                             ("FEEDBACK", "identifier", "correct")):
            outcome = SubElement(branch, "setOutcomeValue", {"identifier": identifier})
            SubElement(outcome, "baseValue", {"baseType": base_type}).text = value
        otherwise = SubElement(rule, "responseElse")
        outcome = SubElement(otherwise, "setOutcomeValue", {"identifier": "SCORE"})
        SubElement(outcome, "baseValue", {"baseType": "float"}).text = "0"

    def _choice(self, root: Element, declaration: Element, body: Element,
                item: MultipleChoiceItem, points: float) -> None:
        keys = item.answer if isinstance(item.answer, list) else [item.answer]
        multiple = isinstance(item.answer, list)
        declaration.set("cardinality", "multiple" if multiple else "single")
        declaration.set("baseType", "identifier")
        correct = SubElement(declaration, "correctResponse")
        for key in keys:
            SubElement(correct, "value").text = key
        html_block(body, item.stem)
        interaction = SubElement(body, "choiceInteraction", {
            "responseIdentifier": "RESPONSE", "shuffle": "false",
            "maxChoices": "0" if multiple else "1"})
        for letter, text in item.choices.items():
            choice = SubElement(interaction, "simpleChoice", {"identifier": letter})
            html_block(choice, text)
        if item.choice_points:
            mapping = SubElement(declaration, "mapping", {"defaultValue": "0",
                                                          "upperBound": _num(points)})
            for letter, value in item.choice_points.items():
                SubElement(mapping, "mapEntry", {"mapKey": letter, "mappedValue": _num(value)})
            SubElement(root, "responseProcessing", {"template": MAP_RESPONSE})
            return
        condition = Element("match")
        SubElement(condition, "variable", {"identifier": "RESPONSE"})
        SubElement(condition, "correct", {"identifier": "RESPONSE"})
        self._match_processing(root, points, condition)

    def _text_entry(self, root: Element, declaration: Element, body: Element,
                    item: NumericItem | ShortAnswerItem, points: float,
                    result: ExportResult) -> None:
        declaration.set("cardinality", "single")
        html_block(body, item.stem)
        paragraph = SubElement(body, "p")
        SubElement(paragraph, "textEntryInteraction", {"responseIdentifier": "RESPONSE"})
        correct = SubElement(declaration, "correctResponse")
        if isinstance(item, NumericItem):
            declaration.set("baseType", "float")
            SubElement(correct, "value").text = repr(item.answer)
            tolerance = max(item.tolerance, abs(item.answer) * item.relative_tolerance)
            condition = Element("equal", {"toleranceMode": "absolute",
                                          "tolerance": f"{tolerance!r} {tolerance!r}"}
                                if tolerance else {"toleranceMode": "exact"})
            SubElement(condition, "variable", {"identifier": "RESPONSE"})
            SubElement(condition, "correct", {"identifier": "RESPONSE"})
            self._match_processing(root, points, condition)
            if item.unit:
                result.notes.append(f"item '{item.id}': the unit ({item.unit}) is not part of "
                                    "QTI's answer; it stays in the stem only if written there")
            return
        declaration.set("baseType", "string")
        SubElement(correct, "value").text = item.accepted[0]
        mapping = SubElement(declaration, "mapping", {
            "defaultValue": "0", "upperBound": _num(points)})
        for answer in item.accepted:
            entry = SubElement(mapping, "mapEntry", {"mapKey": answer,
                                                     "mappedValue": _num(points)})
            entry.set("caseSensitive", "true" if item.case_sensitive else "false")
        SubElement(root, "responseProcessing", {"template": MAP_RESPONSE})
        if item.match_threshold < 100:
            result.notes.append(f"item '{item.id}': QTI matches answers exactly; examsim's "
                                "fuzzy matching (match_threshold) does not carry over")


def _xml(root: Element) -> bytes:
    body = bytes(tostring(root, encoding="utf-8", xml_declaration=False))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


exporter = QtiExporter()
