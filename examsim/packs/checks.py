"""Checks a schema cannot express: keys inside choices, unique ids, assets, rubric totals."""

from __future__ import annotations

import re
from pathlib import Path

from examsim.errors import Problem
from examsim.packs.model import Pack, item_max_points
from examsim.packs.schema import (
    AnalyticRubric,
    FreeResponseItem,
    HolisticRubric,
    Item,
    MultipleChoiceItem,
)
from examsim.resources import bundled_dir
from examsim.yamlfile import YamlDoc

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self,
        doc: YamlDoc | None,
        loc: tuple[str | int, ...],
        field: str,
        message: str,
        fix: str,
    ) -> None:
        path = doc.path if doc else None
        line = doc.line_of(loc) if doc else None
        self.problems.append(Problem(path, line, field, message, fix))


def _check_item(
    out: _Collector,
    doc: YamlDoc | None,
    base: tuple[str | int, ...],
    where: str,
    item: Item,
    passages: dict[str, str],
    root: Path,
) -> None:
    loc = base
    if item.passage is not None and item.passage not in passages:
        known = ", ".join(passages) or "none"
        out.add(
            doc,
            (*loc, "passage"),
            f"{where}.passage",
            f"item '{item.id}' refers to passage '{item.passage}', "
            "which this file does not define.",
            f"Add it under 'passages:' or use one of: {known}.",
        )
    for i, image in enumerate(item.images):
        _check_asset(out, doc, (*loc, "images", i, "path"), f"{where}.images[{i}].path", root,
                     image.path, item.id)
    if isinstance(item, MultipleChoiceItem):
        labels = list(item.choices)
        expected = [chr(ord("A") + i) for i in range(len(labels))]
        if labels != expected:
            out.add(
                doc,
                (*loc, "choices"),
                f"{where}.choices",
                f"item '{item.id}' has choices {', '.join(labels)}; "
                f"they must run {', '.join(expected)} in order.",
                "Letter the choices A, B, C, ... without gaps.",
            )
        keys = item.answer if isinstance(item.answer, list) else [item.answer]
        for key in keys:
            if key not in item.choices:
                out.add(
                    doc,
                    (*loc, "answer"),
                    f"{where}.answer",
                    f"item '{item.id}': answer '{key}' is not one of its choices "
                    f"({', '.join(labels)}).",
                    "Set the answer to the letter of the correct choice.",
                )
        if isinstance(item.answer, list) and len(set(item.answer)) != len(item.answer):
            out.add(doc, (*loc, "answer"), f"{where}.answer",
                    f"item '{item.id}': the answer lists a letter twice.",
                    "List each correct letter once.")
        seen: dict[str, str] = {}
        for label, text in item.choices.items():
            key = _SPACE.sub(" ", text).strip()  # case kept: "kHz" and "KHz" differ
            if key in seen:
                out.add(
                    doc,
                    (*loc, "choices", label),
                    f"{where}.choices.{label}",
                    f"item '{item.id}': choice {label} repeats choice {seen[key]}.",
                    "Make every choice different.",
                )
            seen.setdefault(key, label)
        for label in item.choice_points or {}:
            if label not in item.choices:
                out.add(doc, (*loc, "choice_points", label), f"{where}.choice_points.{label}",
                        f"item '{item.id}': '{label}' is not one of its choices.",
                        "Give points only for existing choice letters.")
    if isinstance(item, FreeResponseItem):
        _check_rubric(out, doc, loc, where, item)


def _check_rubric(
    out: _Collector,
    doc: YamlDoc | None,
    loc: tuple[str | int, ...],
    where: str,
    item: FreeResponseItem,
) -> None:
    rubric = item.rubric
    total = item_max_points(item)
    if isinstance(rubric, AnalyticRubric):
        ids = [c.id for c in rubric.criteria]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            out.add(doc, (*loc, "rubric", "criteria"), f"{where}.rubric.criteria",
                    f"item '{item.id}': criterion id '{dup}' is used twice.",
                    "Give every criterion its own id.")
        for ci, criterion in enumerate(rubric.criteria):
            for points in criterion.descriptors:
                if points < 0 or points > criterion.points:
                    out.add(
                        doc,
                        (*loc, "rubric", "criteria", ci, "descriptors"),
                        f"{where}.rubric.criteria[{ci}].descriptors",
                        f"item '{item.id}': descriptor for {points:g} points is outside "
                        f"0-{criterion.points:g} for criterion '{criterion.id}'.",
                        "Key descriptors by points the criterion can award.",
                    )
        if item.points is not None and abs(item.points - total) > 1e-9:
            out.add(
                doc,
                (*loc, "points"),
                f"{where}.points",
                f"item '{item.id}': points is {item.points:g} but the rubric's criteria "
                f"add up to {total:g}.",
                "Make the criteria's points add up to the item's points, or drop 'points'.",
            )
    elif isinstance(rubric, HolisticRubric):
        if rubric.max <= rubric.min:
            out.add(doc, (*loc, "rubric", "max"), f"{where}.rubric.max",
                    f"item '{item.id}': the scale's max ({rubric.max:g}) is not above its min "
                    f"({rubric.min:g}).", "Set max above min.")
            return
        steps = (rubric.max - rubric.min) / rubric.step
        if abs(steps - round(steps)) > 1e-9:
            out.add(doc, (*loc, "rubric", "step"), f"{where}.rubric.step",
                    f"item '{item.id}': {rubric.min:g}-{rubric.max:g} is not a whole number "
                    f"of steps of {rubric.step:g}.", "Choose a step that divides the range.")
        for level in rubric.levels:
            off_grid = abs((level - rubric.min) / rubric.step - round((level - rubric.min)
                                                                      / rubric.step)) > 1e-9
            if level < rubric.min or level > rubric.max or off_grid:
                out.add(doc, (*loc, "rubric", "levels"), f"{where}.rubric.levels",
                        f"item '{item.id}': level {level:g} is not a score on the "
                        f"{rubric.min:g}-{rubric.max:g} scale in steps of {rubric.step:g}.",
                        "Key levels by scores the scale allows.")
        if item.points is not None and abs(item.points - rubric.max) > 1e-9:
            out.add(doc, (*loc, "points"), f"{where}.points",
                    f"item '{item.id}': points is {item.points:g} but the holistic scale's "
                    f"maximum is {rubric.max:g}.",
                    "Drop 'points' or make it equal the scale's maximum.")


def _check_asset(
    out: _Collector,
    doc: YamlDoc | None,
    loc: tuple[str | int, ...],
    field: str,
    root: Path,
    relative: str,
    item_id: str,
) -> None:
    path = Path(relative)
    target = (root / path).resolve()
    try:
        target.relative_to(root.resolve())
        inside = not path.is_absolute()
    except ValueError:
        inside = False
    if not inside:
        out.add(doc, loc, field,
                f"item '{item_id}': image '{relative}' points outside the pack folder.",
                "Put the image under the pack's assets/ folder and use a relative path.")
    elif not target.is_file():
        out.add(doc, loc, field, f"item '{item_id}': image '{relative}' does not exist.",
                "Add the file or correct the path.")


def check_pack(
    pack: Pack,
    exam_doc: YamlDoc,
    item_docs: dict[str, YamlDoc],
    fewshot_doc: YamlDoc | None,
) -> list[Problem]:
    """Every problem across the pack's files; an empty list means the pack is valid."""
    out = _Collector()
    exam = pack.exam

    if exam.provenance == "imported":
        try:
            pack.root.resolve().relative_to(bundled_dir("exams").resolve())
            out.add(exam_doc, ("provenance",), "provenance",
                    "an imported pack sits in examsim's own exams/ folder.",
                    "Keep imported packs outside exams/ (use --packs DIR or EXAMSIM_PATH).")
        except ValueError:
            pass

    section_ids = [s.id for s in exam.sections]
    for index, sid in enumerate(section_ids):
        if section_ids.index(sid) != index:
            out.add(exam_doc, ("sections", index, "id"), f"sections[{index}].id",
                    f"section id '{sid}' is used twice.", "Give every section its own id.")
    score_ids = [s.id for s in exam.scores]
    for index, score in enumerate(exam.scores):
        if score_ids.index(score.id) != index:
            out.add(exam_doc, ("scores", index, "id"), f"scores[{index}].id",
                    f"score id '{score.id}' is used twice.", "Give every score its own id.")
        for name, ref in score.inputs.items():
            for sid in [ref] if isinstance(ref, str) else ref:
                if sid not in section_ids:
                    out.add(exam_doc, ("scores", index, "inputs", name),
                            f"scores[{index}].inputs.{name}",
                            f"input '{name}' names section '{sid}', which the exam does not have.",
                            f"Use one of: {', '.join(section_ids)}.")

    scored_ids: dict[str, str] = {}
    scored_stems: dict[str, str] = {}
    for index, psection in enumerate(pack.sections):
        doc = item_docs.get(psection.id)
        section = psection.section
        named = section.protocol.fewshot
        for set_id in [named] if isinstance(named, str) else list(named or []):
            if set_id not in pack.fewshot:
                known = ", ".join(pack.fewshot) or "none"
                out.add(exam_doc, ("sections", index, "protocol", "fewshot"),
                        f"sections[{index}].protocol.fewshot",
                        f"few-shot set '{set_id}' is not in the few-shot file.",
                        f"Use one of: {known}.")
        groups = {item.group for item in psection.items}
        if section.form.draw == "per_group" and None in groups:
            out.add(exam_doc, ("sections", index, "form"), f"sections[{index}].form",
                    f"section '{section.id}' draws per group but some items have no 'group'.",
                    "Give every item of the section a group.")
        if section.form.draw == "random" and (section.form.count or 0) > len(psection.items):
            out.add(exam_doc, ("sections", index, "form", "count"),
                    f"sections[{index}].form.count",
                    f"section '{section.id}' draws {section.form.count} items from a pool of "
                    f"{len(psection.items)}.", "Lower the count or add items.")
        for i, item in enumerate(psection.items):
            where = f"items[{i}]"
            if item.id in scored_ids:
                out.add(doc, ("items", i, "id"), f"{where}.id",
                        f"item id '{item.id}' is also used in section '{scored_ids[item.id]}'.",
                        "Give every item in the pack its own id.")
            scored_ids.setdefault(item.id, psection.id)
            scored_stems.setdefault(_norm(item.stem), item.id)
            _check_item(out, doc, ("items", i), where, item, psection.passages, pack.root)

    for si, fset in enumerate(pack.fewshot.values()):
        for i, item in enumerate(fset.items):
            where = f"sets[{si}].items[{i}]"
            loc: tuple[str | int, ...] = ("sets", si, "items", i)
            if item.id in scored_ids:
                out.add(fewshot_doc, (*loc, "id"), f"{where}.id",
                        f"few-shot item id '{item.id}' is also a scored item.",
                        "Few-shot items are never scored; give them their own ids.")
            twin = scored_stems.get(_norm(item.stem))
            if twin is not None:
                out.add(fewshot_doc, (*loc, "stem"), f"{where}.stem",
                        f"few-shot item '{item.id}' has the same stem as scored item '{twin}'.",
                        "Use practice items that are not on the scored form.")
            if item.type != fset.format:
                out.add(fewshot_doc, (*loc, "type"), f"{where}.type",
                        f"few-shot item '{item.id}' is {item.type} in a {fset.format} set.",
                        f"Make it a {fset.format} item or move it to another set.")
            _check_item(out, fewshot_doc, loc, where, item, fset.passages, pack.root)
    return out.problems
