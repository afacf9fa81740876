"""Markdown quiz in text2qti's conventions, with images copied beside it.

text2qti has no sections and no rubrics: sections are run together (noted), an essay's
rubric and reference answer become its feedback (``...``), and partial credit by choice
is not expressible (noted).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from examsim.packs.exporters import ExportResult
from examsim.packs.exporters.qti import rubric_text
from examsim.packs.model import Pack, item_max_points
from examsim.packs.schema import FreeResponseItem, MultipleChoiceItem, NumericItem


def _indent(text: str, first: str) -> list[str]:
    """``first`` then the text, continuation lines indented to line up with it."""
    pad = " " * len(first)
    lines = text.strip().split("\n")
    return [first + lines[0]] + [(pad + line) if line.strip() else "" for line in lines[1:]]


def _one_line(text: str) -> str:
    return " ".join(text.split())


class QuizMarkdownExporter:
    name = "md"
    suffix = ".md"
    description = "Markdown quiz (text2qti conventions)"

    def write(self, pack: Pack, dest: Path) -> ExportResult:
        result = ExportResult(dest, self.name)
        out = [f"Quiz title: {_one_line(pack.exam.name)}",
               f"Quiz description: {_one_line(pack.exam.description)}", ""]
        assets = dest.parent / f"{dest.stem}-assets"
        if len(pack.sections) > 1:
            result.notes.append("text2qti quizzes have no sections: the sections "
                                f"({', '.join(s.id for s in pack.sections)}) follow one another")
        for psection in pack.sections:
            for number, item in enumerate(psection.items, 1):
                out += [f"Title: {item.id}", f"Points: {item_max_points(item):g}"]
                stem = item.stem
                passage = psection.passage_of(item)
                if passage:
                    stem = passage.strip() + "\n\n" + stem
                for image in item.images:
                    assets.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(pack.root / image.path, assets / Path(image.path).name)
                    alt = image.alt.replace("]", ")").replace("[", "(")
                    stem += f"\n\n![{alt}]({assets.name}/{Path(image.path).name})"
                out += _indent(stem, f"{number}.  ")
                if isinstance(item, MultipleChoiceItem):
                    keys = item.answer if isinstance(item.answer, list) else [item.answer]
                    out.append("... " + _one_line(item.explanation))
                    for letter, text in item.choices.items():
                        if isinstance(item.answer, list):
                            out += _indent(text, "[*] " if letter in keys else "[ ] ")
                        else:
                            mark = "*" if letter in keys else ""
                            out += _indent(text, f"{mark}{letter.lower()}) ")
                    if item.choice_points:
                        result.notes.append(f"item '{item.id}': partial credit by choice does "
                                            "not carry over to text2qti")
                elif isinstance(item, NumericItem):
                    out.append("... " + _one_line(item.explanation))
                    tolerance = max(item.tolerance, abs(item.answer) * item.relative_tolerance)
                    value = f"{item.answer!r}" + (f" +- {tolerance!r}" if tolerance else "")
                    out.append(f"=   {value}")
                elif isinstance(item, FreeResponseItem):
                    out.append("... " + _one_line(rubric_text(item)))
                    out.append("____")
                else:
                    out.append("... " + _one_line(item.explanation))
                    out += [f"*   {_one_line(answer)}" for answer in item.accepted]
                out.append("")
                result.items += 1
        dest.write_text("\n".join(out), encoding="utf-8")
        return result


exporter = QuizMarkdownExporter()
