"""Grades as CSV, so graders can work in a spreadsheet: export a sheet, import it back.

One row per response and rubric part: each analytic criterion, or the one ``holistic``
score. A grader fills ``points`` (and optionally ``comment``); ``current``,
``current_kind`` and ``current_by`` show the grade the response counts with now and, like
any column a grader adds, are ignored on import. The response and the reference answer
are written on the first row of each response. Import checks everything first and records
nothing unless the whole file is right, listing every problem with its CSV line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from examsim.errors import FileProblemsError, GradingError, Problem
from examsim.grading.aggregate import final_grades
from examsim.grading.grade import record_of
from examsim.grading.graders import Marks
from examsim.grading.human import parse_mark
from examsim.grading.rubric import HOLISTIC, parts
from examsim.grading.tasks import GradingTask, open_run
from examsim.runlog import GradeRecord

COLUMNS = (
    "item",
    "sample",
    "section",
    "criterion",
    "description",
    "min",
    "max",
    "points",
    "comment",
    "current",
    "current_kind",
    "current_by",
    "response",
    "reference_answer",
)
REQUIRED = ("item", "sample", "criterion", "points")


class GradeFileError(FileProblemsError, GradingError):
    """A grades CSV has problems; nothing from it was recorded."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    responses: int
    rows: int


@dataclass(frozen=True)
class ImportResult:
    path: Path
    grader: str
    recorded: tuple[GradeRecord, ...]
    left_blank: tuple[tuple[str, int], ...]
    """Responses whose points were all left empty (not graded in this file)."""


def export_grades(
    run_dir: Path, out: Path, pack: Path | None = None, items: Sequence[str] = ()
) -> ExportResult:
    """Write a grading sheet for the free responses of a run (or of ``items``) to ``out``."""
    out = Path(out)
    if out.exists():
        raise GradingError(
            f"{out} already exists. Fix: choose another file name, or remove it first "
            "(it may hold grades not yet imported)."
        )
    opened = open_run(run_dir, pack, items)
    final = final_grades(opened.run.grades())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = 0
    for task in opened.tasks:
        grade = final.get(task.key)
        kind = grade.kind if grade else ""
        by = ", ".join(grade.graders) if grade else ""
        for index, part in enumerate(parts(task.rubric)):
            if grade is None:
                current = ""
            elif part.id == HOLISTIC:
                current = f"{grade.score:g}"
            else:
                value = grade.criteria.get(part.id)
                current = "" if value is None else f"{value:g}"
            first = index == 0
            writer.writerow(
                [
                    task.item.id,
                    task.sample,
                    task.section,
                    part.id,
                    part.description,
                    f"{part.min:g}",
                    f"{part.max:g}",
                    "",
                    "",
                    current,
                    kind,
                    by,
                    task.response if first else "",
                    task.item.reference_answer if first else "",
                ]
            )
            rows += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    # utf-8-sig so spreadsheet programs read accents and symbols correctly.
    out.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return ExportResult(out, len(opened.tasks), rows)


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and each record with the line it starts on."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise GradingError(f"{path}: no such file.") from exc
    except UnicodeDecodeError as exc:
        raise GradeFileError(
            [Problem(path, None, "", "is not UTF-8 text.",
                     "Save the sheet as 'CSV UTF-8' from the spreadsheet program.")]
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # spreadsheets in some locales use ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            records.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise GradeFileError(
            [Problem(path, reader.line_num, "", f"unreadable CSV ({exc}).",
                     "Re-export the sheet as CSV.")]
        ) from exc
    if not records:
        raise GradeFileError([Problem(path, 1, "", "the file is empty.",
                                      f"Start from 'examsim grade RUN --export {path.name}'.")])
    header = [h.strip().lower() for h in records[0][1]]
    return header, records[1:]


def import_grades(
    run_dir: Path, source: Path, grader_name: str | None = None, pack: Path | None = None
) -> ImportResult:
    """Record the grades of a filled sheet, as grader ``import:<name>`` (default: file stem).

    Every problem is collected first (unknown items or samples, unknown criteria, points
    that are not numbers or out of range, duplicate rows, responses graded only in part);
    if there is any, GradeFileError lists them all and nothing is recorded.
    """
    source = Path(source)
    opened = open_run(run_dir, pack)
    header, records = _read_rows(source)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise GradeFileError(
            [Problem(source, 1, "header", f"missing column(s) {', '.join(missing)}.",
                     "Keep the columns item, sample, criterion and points of the exported "
                     "sheet.")]
        )
    col = {name: header.index(name) for name in header if name}
    tasks = {t.key: t for t in opened.tasks}
    problems: list[Problem] = []
    marks: dict[tuple[str, int], dict[str, float]] = {}
    comments: dict[tuple[str, int], list[tuple[str, str]]] = {}
    empty: dict[tuple[str, int], list[str]] = {}
    first_line: dict[tuple[str, int], int] = {}
    seen: dict[tuple[str, int, str], int] = {}
    flagged: set[tuple[str, int, str]] = set()

    def cell(row: list[str], name: str) -> str:
        index = col.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    def problem(line: int, field: str, message: str, fix: str) -> None:
        problems.append(Problem(source, line, field, message, fix))

    for line, row in records:
        if not any(value.strip() for value in row):
            continue
        item, sample_text = cell(row, "item"), cell(row, "sample")
        criterion = cell(row, "criterion")
        try:
            sample = int(sample_text)
        except ValueError:
            problem(line, "sample", f"'{sample_text}' is not a sample number.",
                    "Use the sample number from the exported sheet (0 for a single sample).")
            continue
        task: GradingTask | None = tasks.get((item, sample))
        if task is None:
            known = sorted({t.item.id for t in opened.tasks})
            if item in known:
                problem(line, "sample", f"the run has no sample {sample} of '{item}'.",
                        "Use the sample numbers from the exported sheet.")
            else:
                problem(line, "item", f"'{item}' is not a free response of this run.",
                        f"Use one of: {', '.join(known) or 'none'}.")
            continue
        part = next((p for p in parts(task.rubric) if p.id == criterion), None)
        if part is None:
            names = ", ".join(p.id for p in parts(task.rubric))
            problem(line, "criterion", f"'{criterion}' is not a part of {item}'s rubric.",
                    f"Use one of: {names}.")
            continue
        row_key = (item, sample, criterion)
        if row_key in seen:
            problem(line, "criterion", f"{item} sample {sample} '{criterion}' appears again "
                    f"(first on line {seen[row_key]}).", "Keep one row per response and criterion.")
            continue
        seen[row_key] = line
        first_line.setdefault(task.key, line)
        points_text = cell(row, "points")
        comment = cell(row, "comment")
        if comment:
            comments.setdefault(task.key, []).append((criterion, comment))
        if not points_text:
            empty.setdefault(task.key, []).append(criterion)
            continue
        try:
            marks.setdefault(task.key, {})[criterion] = parse_mark(part, points_text)
        except GradingError as exc:
            flagged.add(row_key)
            problem(line, "points", f"{exc}.", f"Give points from {part.range_text()}.")
    for key, given in marks.items():
        task = tasks[key]
        not_given = [
            p.id for p in parts(task.rubric)
            if p.id not in given and (*key, p.id) not in flagged
        ]
        if not_given:
            problem(first_line[key], "points",
                    f"{key[0]} sample {key[1]} is graded only in part: no points for "
                    f"{', '.join(not_given)}.",
                    "Give points for every criterion of the response, or for none.")
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise GradeFileError(
            problems, f"{source}: {len(problems)} problem(s); nothing was imported"
        )
    name = (grader_name or source.stem).strip() or source.stem
    grader = f"import:{name}"
    recorded: list[GradeRecord] = []
    for key, given in marks.items():
        task = tasks[key]
        notes = comments.get(key, [])
        comment = "; ".join(
            text if criterion == HOLISTIC or len(notes) == 1 and len(given) == 1
            else f"{criterion}: {text}"
            for criterion, text in notes
        )
        record = record_of(task, grader, "import", Marks(given, comment))
        opened.run.append_grade(record)
        recorded.append(record)
    left_blank = tuple(k for k in empty if k not in marks)
    return ImportResult(source, grader, tuple(recorded), left_blank)
