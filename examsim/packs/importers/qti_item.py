"""One QTI assessment item (2.1 ``assessmentItem`` or 3.0 ``qti-assessment-item``) to a pack
item. Tag and attribute names are normalised first (``qti-choice-interaction`` and
``choiceInteraction`` both become ``choiceinteraction``), so one reader serves both."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from examsim.packs.importers.build import (
    Unmappable,
    choice_item,
    essay_item,
    no_alt,
    numeric_item,
    short_item,
)
from examsim.packs.importers.draft import Draft
from examsim.packs.importers.markup import ImageRef, html_to_markdown
from examsim.packs.schema import Image, Item

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# Interactions a pack cannot hold, with the reason the report gives.
_UNSUPPORTED = {
    "inlinechoiceinteraction": "inline choices (a menu inside the text)",
    "matchinteraction": "matching",
    "associateinteraction": "association (pairing)",
    "gapmatchinteraction": "gap matching (drag words into gaps)",
    "orderinteraction": "ordering",
    "graphicorderinteraction": "ordering on an image",
    "hotspotinteraction": "hotspots on an image",
    "graphicassociateinteraction": "association on an image",
    "graphicgapmatchinteraction": "drag-and-drop onto an image",
    "selectpointinteraction": "selecting a point on an image",
    "positionobjectinteraction": "positioning objects on an image",
    "uploadinteraction": "file upload",
    "sliderinteraction": "a slider",
    "drawinginteraction": "drawing",
    "hottextinteraction": "selecting words in the text",
    "mediainteraction": "media playback",
    "custominteraction": "a custom interaction",
    "portablecustominteraction": "a portable custom interaction",
    "endattemptinteraction": "an end-attempt button",
}
_FEEDBACK = {"feedbackinline", "feedbackblock", "modalfeedback", "templateinline",
             "templateblock"}
_CORRECT_WORDS = {"correct", "ok", "right", "yes", "true"}


def normalise(root: Element) -> None:
    """Lower-case tag and attribute names without ``qti-`` prefixes and hyphens."""
    for element in root.iter():
        if isinstance(element.tag, str):
            tag = element.tag
            if tag.startswith("qti-"):
                tag = tag[4:]
            element.tag = tag.replace("-", "").lower()
        for key in list(element.attrib):
            new = key.replace("-", "").lower()
            if new != key:
                element.attrib[new] = element.attrib.pop(key)


@dataclass
class _Response:
    cardinality: str
    base_type: str
    correct: list[str] = field(default_factory=list)
    mapping: dict[str, float] = field(default_factory=dict)


def _local(tag: object) -> str:
    return tag if isinstance(tag, str) else ""


def _inner_html(element: Element) -> str:
    """The element's content as an HTML string (its own tag left out)."""
    from xml.etree.ElementTree import tostring

    parts = [element.text or ""]
    for child in element:
        parts.append(tostring(child, encoding="unicode"))
    return "".join(parts)


def _responses(root: Element) -> dict[str, _Response]:
    out: dict[str, _Response] = {}
    for decl in root.findall("responsedeclaration"):
        response = _Response(decl.get("cardinality", "single"), decl.get("basetype", ""))
        for value in decl.findall("correctresponse/value"):
            response.correct.append((value.text or "").strip())
        for entry in decl.findall("mapping/mapentry"):
            try:
                response.mapping[entry.get("mapkey", "")] = float(entry.get("mappedvalue", "0"))
            except ValueError:
                continue
        out[decl.get("identifier", "")] = response
    return out


def _max_score(root: Element) -> float | None:
    for decl in root.findall("outcomedeclaration"):
        if decl.get("identifier") == "SCORE":
            for attr in ("normalmaximum",):
                if decl.get(attr):
                    try:
                        value = float(decl.get(attr, ""))
                    except ValueError:
                        return None
                    return value if value > 0 else None
    return None


def _key_from_processing(root: Element, response_id: str) -> tuple[str, float] | None:
    """A key stated only in response processing: ``equal``/``match`` of the response
    variable with a base value (some tools write no ``correctResponse``)."""
    processing = root.find("responseprocessing")
    if processing is None:
        return None
    for test in processing.iter():
        if _local(test.tag) not in ("equal", "match", "stringmatch"):
            continue
        children = list(test)
        variables = [c for c in children if c.tag == "variable"
                     and c.get("identifier") == response_id]
        values = [c for c in children if c.tag == "basevalue"]
        if variables and values:
            tolerance = 0.0
            if test.get("tolerancemode") == "absolute" and test.get("tolerance"):
                try:
                    tolerance = float(test.get("tolerance", "0").split()[0])
                except ValueError:
                    tolerance = 0.0
            return (values[0].text or "").strip(), tolerance
    return None


def _tolerance(root: Element, response_id: str) -> float:
    """The absolute tolerance an ``equal`` test on the response allows (0 if none)."""
    processing = root.find("responseprocessing")
    for test in processing.iter("equal") if processing is not None else []:
        if test.get("tolerancemode") != "absolute" or not any(
            c.get("identifier") == response_id for c in test
        ):
            continue
        try:
            return float(test.get("tolerance", "0").split()[0])
        except (ValueError, IndexError):
            return 0.0
    return 0.0


class ItemReader:
    """Reads items of one package; ``load_asset`` returns an asset's bytes or None."""

    def __init__(self, draft: Draft, load_asset: Callable[[str, str], bytes | None]) -> None:
        self.draft = draft
        self.load_asset = load_asset

    def read(self, root: Element, href: str, item_id: str, where: str) -> Item:
        normalise(root)
        if root.tag != "assessmentitem":
            raise Unmappable(f"<{root.tag}> is not an assessment item")
        body = root.find("itembody")
        if body is None:
            raise Unmappable("the item has no item body")
        interactions = [e for e in body.iter() if _local(e.tag).endswith("interaction")]
        if not interactions:
            raise Unmappable("the item asks for no response (no interaction)")
        kinds = [e.tag for e in interactions]
        for kind in kinds:
            if kind in _UNSUPPORTED:
                raise Unmappable(f"it uses {_UNSUPPORTED[kind]}, which a pack cannot hold")
        if len(interactions) > 1:
            raise Unmappable(f"it has {len(interactions)} interactions; a pack item takes one "
                             "answer")
        interaction = interactions[0]
        responses = _responses(root)
        response = responses.get(interaction.get("responseidentifier", ""),
                                 _Response("single", ""))
        notes, explanation = self._rubric_and_feedback(body, interaction, response)
        stem_html = self._stem_html(body, interaction)
        converted = html_to_markdown(stem_html)
        for dropped in converted.dropped:
            self.draft.report.note(where, dropped, "left out of the stem")
        images = self._images(converted.images, href, item_id, where)
        points = _max_score(root)
        kind = interaction.tag
        if kind == "choiceinteraction":
            return self._choice(interaction, response, item_id, converted.text, images, points,
                                explanation, where)
        if kind == "textentryinteraction":
            return self._text_entry(root, interaction, response, item_id, converted.text,
                                    images, points, explanation)
        if kind == "extendedtextinteraction":
            return essay_item(item_id, converted.text, points=points, notes=notes,
                              images=images)
        raise Unmappable(f"the interaction <{kind}> is not one examsim knows")

    # --- parts ---------------------------------------------------------------------------
    def _rubric_and_feedback(self, body: Element, interaction: Element,
                             response: _Response) -> tuple[str, str]:
        notes: list[str] = []
        for block in body.iter("rubricblock"):
            view = block.get("view", "candidate")
            if "candidate" not in view:
                notes.append(html_to_markdown(_inner_html(block)).text)
        feedback: list[str] = []
        for choice in interaction.iter("simplechoice"):
            if choice.get("identifier") in response.correct:
                for fb in choice:
                    if fb.tag in _FEEDBACK:
                        feedback.append(html_to_markdown(_inner_html(fb)).text)
        for fb in body.iter():
            if fb.tag in _FEEDBACK and fb.get("identifier", "").lower() in _CORRECT_WORDS:
                feedback.append(html_to_markdown(_inner_html(fb)).text)
        return "\n\n".join(n for n in notes if n), " ".join(f for f in feedback if f)

    @staticmethod
    def _strip(element: Element, drop: set[str]) -> None:
        for parent in list(element.iter()):
            for child in list(parent):
                if child.tag in drop:
                    tail = child.tail
                    index = list(parent).index(child)
                    parent.remove(child)
                    if tail:  # keep the text that followed the removed element
                        if index > 0:
                            prev = parent[index - 1]
                            prev.tail = (prev.tail or "") + tail
                        else:
                            parent.text = (parent.text or "") + tail

    def _stem_html(self, body: Element, interaction: Element) -> str:
        """The item body with the interaction replaced by its prompt, feedback and
        non-candidate rubric blocks removed."""
        from xml.etree.ElementTree import Element as NewElement

        body = copy.deepcopy(body)
        for parent in body.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == interaction.tag and child.get("responseidentifier") == \
                        interaction.get("responseidentifier"):
                    prompt = child.find("prompt")
                    replacement = NewElement("div")
                    if prompt is not None:
                        replacement.text = prompt.text
                        replacement.extend(list(prompt))
                    replacement.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, replacement)
        self._strip(body, _FEEDBACK | {"stylesheet"})
        for parent in body.iter():
            for child in list(parent):
                if child.tag == "rubricblock" and "candidate" not in child.get("view",
                                                                               "candidate"):
                    parent.remove(child)
        return _inner_html(body)

    def _images(self, refs: Sequence[ImageRef], href: str, item_id: str,
                where: str) -> list[Image]:
        images: list[Image] = []
        for ref in refs:
            src, alt = ref.src, ref.alt
            data = self.load_asset(src, href) if src else None
            if data is None:
                self.draft.report.note(where, f"image '{src}'", "the file is not in the package;"
                                       " add it to assets/ and the item's images:"
                                       + (f" (its alt text: {alt})" if alt else ""))
                continue
            name = src.rsplit("/", 1)[-1]
            stem, _, suffix = name.rpartition(".")
            path = self.draft.assets.add(f"{item_id}-{stem or name}", suffix or "bin", data)
            images.append(Image(path=path, alt=alt or no_alt(len(images) + 1, item_id)))
        return images

    def _choice(self, interaction: Element, response: _Response, item_id: str, stem: str,
                images: list[Image], points: float | None, explanation: str,
                where: str) -> Item:
        ids: list[str] = []
        texts: list[str] = []
        for choice in interaction.iter("simplechoice"):
            choice = copy.deepcopy(choice)
            self._strip(choice, _FEEDBACK)
            ids.append(choice.get("identifier", ""))
            converted = html_to_markdown(_inner_html(choice))
            if converted.images:
                self.draft.report.note(where, f"item '{item_id}'", "an image inside a choice "
                                       "was left out (choices hold text only)")
            texts.append(converted.text)
        keys = list(response.correct)
        if not keys and response.mapping:
            best = max(response.mapping.values())
            keys = [k for k, v in response.mapping.items() if v == best and v > 0] \
                if response.cardinality == "single" else \
                [k for k, v in response.mapping.items() if v > 0]
        missing = [k for k in keys if k not in ids]
        if missing:
            raise Unmappable(f"the key names choice(s) {', '.join(missing)}, which the item "
                             "does not have")
        correct = [ids.index(k) for k in keys]
        credit = None
        if response.cardinality == "single" and response.mapping and keys:
            top = response.mapping.get(keys[0], 0) or 1
            partial = {ids.index(k): v / top for k, v in response.mapping.items()
                       if k in ids and 0 < v < top}
            if partial:
                credit = {**partial, correct[0]: 1.0}
        if response.cardinality != "single" and response.mapping and any(
            v < 0 for v in response.mapping.values()
        ):
            self.draft.report.note(where, f"item '{item_id}'", "negative mapped values "
                                   "(penalties) were not carried over")
        return choice_item(item_id, stem, texts, correct, points=points,
                           explanation=explanation, images=images, choice_credit=credit)

    def _text_entry(self, root: Element, interaction: Element, response: _Response,
                    item_id: str, stem: str, images: list[Image], points: float | None,
                    explanation: str) -> Item:
        values = list(response.correct)
        tolerance = 0.0
        if response.mapping:
            best = max(response.mapping.values())
            values += [k for k, v in response.mapping.items() if v == best and k not in values]
        if not values:
            found = _key_from_processing(root, interaction.get("responseidentifier", ""))
            if found:
                values, tolerance = [found[0]], found[1]
        if not values:
            raise Unmappable("it gives no correct response to score against")
        if response.base_type in ("integer", "float"):
            tolerance = tolerance or _tolerance(root, interaction.get("responseidentifier", ""))
            try:
                number = float(values[0])
            except ValueError:
                raise Unmappable(f"the key '{values[0]}' is not a number") from None
            return numeric_item(item_id, stem, number, tolerance=tolerance, points=points,
                                explanation=explanation, images=images)
        return short_item(item_id, stem, values, points=points, explanation=explanation,
                          images=images)
