"""Damaged grading sheets (CSV): a sheet is imported whole, or refused whole with every
problem naming the file and its line or column, and nothing recorded."""

from __future__ import annotations

import csv
import io
import math
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from examsim.grading.rubric import check_marks
from examsim.grading.spreadsheet import export_grades, import_grades
from examsim.packs import load_pack
from examsim.runlog import Manifest, ResponseRecord, RunDir
from tests.conftest import DATA
from tests.hardening import profile
from tests.hardening.mutations import mutate_bytes, mutate_text
from tests.hardening.outcomes import handled

PACK = load_pack(DATA / "packs" / "mini")
RUBRICS = {item.id: item.rubric for _, item in PACK.items() if hasattr(item, "rubric")}
SAMPLES = 2
MARKS = {"scattering": "2", "wavelength": "1", "holistic": "5"}
CELLS = st.one_of(
    st.sampled_from(["", " ", "0", "1", "2", "3", "6", "7", "-1", "0.5", "1,5", "1.25", "nan",
                     "inf", "-inf", "1e400", "1e3", "١", "²", "0x1", "two", "essay-1",
                     "essay-2", "mc-1", "nope", "holistic", "scattering", "wavelength",
                     "99", "-0", "+1", "1.", ".5", "\u00a02", "=1+1", "\x00"]),
    st.text(max_size=12),
    st.integers(100_000, 2_000_000).map(lambda n: "9" * n if n < 120_000 else "x" * n),
)


def _make_run(path: Path) -> RunDir:
    run = RunDir.create(path, Manifest(
        run_id=path.name, exam=PACK.id, pack_path=str(PACK.root), pack_digest=PACK.digest,
        model="mock/answer-key", samples=SAMPLES, examsim_version="0",
        form={s.id: [i.id for i in s.items] for s in PACK.sections}))
    for sample in range(SAMPLES):
        for item in ("essay-1", "essay-2"):
            run.append_response(ResponseRecord(
                item=item, section="essay", sample=sample, status="answered",
                answer=f"An answer to {item}.", output=f"An answer to {item}."))
    return run


def _filled_sheet(run: RunDir, out: Path) -> list[list[str]]:
    export_grades(run.path, out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    points = rows[0].index("points")
    for row in rows[1:]:
        row[points] = MARKS[row[rows[0].index("criterion")]]
    return rows


def _write(rows: list[list[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _damage(draw: st.DrawFn, rows: list[list[str]]) -> bytes:
    kind = draw(st.sampled_from(("cells", "cells", "rows", "columns", "text", "bytes")))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    if kind == "cells":
        for _ in range(draw(st.integers(1, 4))):
            row = draw(st.sampled_from(rows))
            if row:
                row[draw(st.integers(0, len(row) - 1))] = draw(CELLS)
    elif kind == "rows":
        index = draw(st.integers(0, len(rows) - 1))
        action = draw(st.sampled_from(("delete", "repeat", "short", "long")))
        if action == "delete":
            del rows[index]
        elif action == "repeat":
            rows.insert(index, list(rows[index]))
        elif action == "short":
            rows[index] = rows[index][: draw(st.integers(0, len(rows[index])))]
        else:
            rows[index] = rows[index] + draw(st.lists(CELLS, min_size=1, max_size=3))
    elif kind == "columns":
        column = draw(st.integers(0, len(rows[0]) - 1))
        action = draw(st.sampled_from(("delete", "rename", "move")))
        for row in rows:
            if column < len(row):
                if action == "delete":
                    del row[column]
                elif action == "rename" and row is rows[0]:
                    row[column] = draw(CELLS)
                elif action == "move":
                    row.append(row.pop(column))
    text = _write(rows, delimiter)
    if draw(st.booleans()):
        text = "\ufeff" + text
    if kind == "text":
        return mutate_text(draw, text).encode("utf-8")
    if kind == "bytes":
        return mutate_bytes(draw, text.encode("utf-8"))
    return text.encode("utf-8")


@profile.fuzz(ci=60, night=1500)
@given(st.data())
def test_damaged_grade_sheets(data: st.DataObject) -> None:
    profile.counted("grade sheets")
    with tempfile.TemporaryDirectory() as tmp:
        run = _make_run(Path(tmp) / "run")
        sheet = Path(tmp) / "grades.csv"
        rows = _filled_sheet(run, sheet)
        sheet.unlink()
        sheet.write_bytes(_damage(data.draw, rows))
        result = handled(lambda: import_grades(run.path, sheet, "fuzz"), [sheet])
        grades = run.grades()
        if result is None:
            assert grades == []  # a refused sheet records nothing
            return
        assert list(result.recorded) == grades
        for grade in grades:
            rubric = RUBRICS[grade.item]
            assert grade.score is not None and math.isfinite(grade.score)
            marks = grade.criteria or {"holistic": grade.score}
            assert check_marks(rubric, marks) == [], grade
