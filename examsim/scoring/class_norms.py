"""Norm tables built from a class's scores (``examsim norms build``).

A teacher's score list (CSV with a header) becomes a ``NormFile`` of kind
``distribution``: how many takers earned each score. The percentile of a score is then a
band, from the percent of the class scoring lower to the percent scoring the same or lower
(``definition: band``), so tied takers share one band and nobody is above everybody. The
table is written to ``user_norms_dir()/<scale>/<id>.yaml``, where every ``--norms ID``
finds it, and is loaded back through the scorer's own checks before it is put in place.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from examsim.errors import (
    ExamsimError,
    FileProblemsError,
    NotFoundError,
    Problem,
    TableError,
    UsageError,
)
from examsim.packs.schema import ID_PATTERN
from examsim.scoring.grid import describe_range, in_range, on_step, round_to_step
from examsim.scoring.loading import NormTable, load_norms
from examsim.scoring.scales import (
    SHARED_SETS,
    Scale,
    list_scale_ids,
    load_scale,
    user_norms_dir,
)
from examsim.scoring.tables import ScaleFile

SCORE_COLUMNS = ("score", "scaled", "scaled_score", "scaled score", "total")
"""Column names taken as the score column when --column is not given (case ignored)."""
MIN_TAKERS = 2

BAND_DEFINITION = (
    "from the percent of the class scoring lower to the percent scoring the same or lower"
)


class ScoresFileError(FileProblemsError):
    """A class score list cannot be used (every problem is listed; nothing is written)."""


@dataclass(frozen=True)
class ClassScores:
    """The scores read from a class's list."""

    path: Path
    column: str
    scores: tuple[float, ...]
    rounded: int
    """How many scores were rounded to the scale's step (``--round``)."""
    digest: str
    """sha256 of the file, recorded in the table."""


@dataclass(frozen=True)
class BuiltNorms:
    """A class norm table that was written and loads."""

    scale: str
    id: str
    path: Path
    scores: ClassScores
    table: NormTable
    replaced: bool
    """An earlier table with this id was replaced (``--force``)."""

    @property
    def takers(self) -> int:
        return len(self.scores.scores)

    def to_dict(self) -> dict[str, Any]:
        values = sorted(self.scores.scores)
        middle = len(values) // 2
        median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
        return {
            "scale": self.scale,
            "id": self.id,
            "path": str(self.path),
            "takers": self.takers,
            "column": self.scores.column,
            "source": str(self.scores.path),
            "rounded": self.scores.rounded,
            "min": values[0],
            "median": median,
            "max": values[-1],
            "distribution": {_key(s): int(v) for s, v in self.table.points},
            "definition": self.table.file.definition,
            "population": self.table.file.population,
            "replaced": self.replaced,
        }


def _key(score: float) -> int | float:
    return int(score) if float(score).is_integer() else score


def _number(text: str, decimal_comma: bool) -> float | None:
    cleaned = text.strip().rstrip("%").strip().replace("\u2212", "-")
    if decimal_comma:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _pick_column(path: Path, header: list[str], column: str | None) -> int:
    names = [h.strip() for h in header]
    listed = ", ".join(f"'{n}'" for n in names)
    if column is not None:
        for index, name in enumerate(names):
            if name.lower() == column.strip().lower():
                return index
        raise ScoresFileError([Problem(path, 1, "header", f"no column '{column}'; the "
                                       f"columns are {listed}.",
                                       "Name one of them with --column.")])
    for wanted in SCORE_COLUMNS:
        for index, name in enumerate(names):
            if name.lower() == wanted:
                return index
    if len(names) == 1:
        return 0
    raise ScoresFileError([Problem(path, 1, "header", f"no score column among {listed}.",
                                   "Name the column with --column, or call it 'score'.")])


def read_scores(
    path: Path, scale: ScaleFile, column: str | None = None, round_scores: bool = False
) -> ClassScores:
    """Every score in the list's score column, checked against the scale.

    Each problem names the CSV line: an empty cell, text that is not a number, a score
    outside the scale's range, or one off its step (unless ``round_scores``, which rounds
    half up to the step). Blank lines are skipped. ScoresFileError lists them all.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file. Fix: give the CSV of the class's "
                            "scores.") from None
    except OSError as exc:
        raise ExamsimError(f"{path}: cannot be read ({exc.strerror}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScoresFileError([Problem(path, None, "", "is not UTF-8 text.",
                                       "Save it as 'CSV UTF-8' from the spreadsheet.")]) from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in locales with a decimal comma write ';' between cells.
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ScoresFileError([Problem(path, reader.line_num, "", f"unreadable CSV ({exc}).",
                                       "Re-export the list as CSV.")]) from None
    if not rows or not any(cell.strip() for cell in rows[0][1]):
        raise ScoresFileError([Problem(path, 1, "header", "the file has no header line.",
                                       "Start the file with column names, e.g. "
                                       "'name,score'.")])
    header = rows[0][1]
    index = _pick_column(path, header, column)
    name = header[index].strip()
    field = f"column '{name}'"
    rng = scale.range
    problems: list[Problem] = []
    scores: list[float] = []
    rounded = 0
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        cell = row[index].strip() if index < len(row) else ""
        if not cell:
            problems.append(Problem(path, line, field, "no score.",
                                    "Fill in the score or delete the line."))
            continue
        value = _number(cell, decimal_comma=delimiter != ",")
        if value is None:
            problems.append(Problem(path, line, field, f"'{cell}' is not a number.",
                                    "Write the score as a number, e.g. 163 or 72.5."))
            continue
        if not in_range(value, rng):
            problems.append(Problem(path, line, field, f"{cell} is outside scale "
                                    f"'{scale.id}' ({describe_range(rng)}).",
                                    "Correct the score, or choose the scale the scores are "
                                    "on with --scale."))
            continue
        if not on_step(value, rng):
            if not round_scores:
                problems.append(Problem(path, line, field, f"{cell} is not a score of scale "
                                        f"'{scale.id}' ({describe_range(rng)}).",
                                        "Round it to the scale's step, or pass --round."))
                continue
            value = float(round_to_step([value], rng)[0])
            rounded += 1
        scores.append(round(value, 9))
    if problems:
        raise ScoresFileError(problems, f"{len(problems)} problem(s) in {path}; no norm "
                                        "table was written")
    if len(scores) < MIN_TAKERS:
        raise ScoresFileError([Problem(path, None, field, f"{len(scores)} score(s); a norm "
                                       f"table needs at least {MIN_TAKERS}.",
                                       "Add the class's other scores.")])
    return ClassScores(path, name, tuple(scores), rounded, hashlib.sha256(raw).hexdigest())


def _check_id(scale: Scale, norm_id: str, force: bool) -> bool:
    """Whether an earlier user table is replaced; UsageError when the id cannot be used."""
    if not re.fullmatch(ID_PATTERN, norm_id) or len(norm_id) > 80:
        raise UsageError(f"'{norm_id}' cannot be a norm table id. Fix: use letters, digits, "
                         "'_', '.' and '-', starting with a letter or digit, e.g. "
                         "class-2025.")
    sets = scale.declared_sets() | set(SHARED_SETS)
    if norm_id in sets:
        raise UsageError(f"'{norm_id}' is the name of a norm set of scale '{scale.id}'. "
                         "Fix: choose another --name.")
    existing = scale.norms.get(norm_id)
    if existing is None:
        return False
    if existing.origin == "bundled":
        raise UsageError(f"Scale '{scale.id}' has a built-in norm table '{norm_id}'. "
                         "Fix: choose another --name.")
    if not force:
        raise UsageError(f"A norm table '{norm_id}' for scale '{scale.id}' exists "
                         f"({existing.path}). Fix: choose another --name, or pass --force "
                         "to replace it.")
    return True


def _yaml_text(data: dict[str, Any]) -> str:
    import yaml

    head = (
        "# Class norm table written by 'examsim norms build'.\n"
        "# kind: distribution gives the number of takers per score; a score's percentile\n"
        f"# is a band {BAND_DEFINITION}.\n"
    )
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)


def build_class_norms(
    scores_csv: Path,
    scale_id: str,
    norm_id: str,
    *,
    population: str | None = None,
    column: str | None = None,
    round_scores: bool = False,
    vintage: str | None = None,
    force: bool = False,
    user_dir: Path | None = None,
) -> BuiltNorms:
    """Write the norm table ``norm_id`` of scale ``scale_id`` from a class's score list."""
    base = user_dir if user_dir is not None else user_norms_dir()
    scale = load_scale(scale_id, user_dir=base)
    replaced = _check_id(scale, norm_id, force)
    scores = read_scores(Path(scores_csv), scale.file, column, round_scores)
    count = len(scores.scores)
    today = datetime.now(UTC).date().isoformat()
    counts = Counter(scores.scores)
    data: dict[str, Any] = {
        "id": norm_id,
        "name": f"Class norms from {scores.path.name} ({count} takers)",
        "source": f"Class score list {scores.path.resolve()}, column '{scores.column}'",
        "vintage": vintage or f"Scores read on {today}",
        "quality": "derived",
        "retrieval": (f"Built by 'examsim norms build' on {today} from {count} scores "
                      f"(file sha256 {scores.digest[:16]})"
                      + (f"; {scores.rounded} rounded to the scale's step." if scores.rounded
                         else ".")),
        "population": population.strip() if population and population.strip()
        else f"The {count} takers in {scores.path.name}",
        "definition": "band",
        "kind": "distribution",
        "distribution": {_key(s): counts[s] for s in sorted(counts)},
        "note": f"A class of {count}: one taker is {100 / count:.1f} percentile points.",
    }
    text = _yaml_text(data)
    folder = base / scale.id
    target = folder / f"{norm_id}.yaml"
    # Check the table with the scorer's own loader before it can be found.
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / target.name
        trial.write_text(text, encoding="utf-8")
        table, problems = load_norms(trial, scale.file, "user")
        if table is None:
            raise TableError(problems, "The norm table built from the scores does not load")
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(target, text)
    return BuiltNorms(scale.id, norm_id, target, scores, replace(table, path=target), replaced)


def _write_atomically(target: Path, text: str) -> None:
    # The temporary name does not end in .yaml, so no scale ever loads it half written.
    tmp = target.with_name(f".{target.name}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)


@dataclass(frozen=True)
class UserNorms:
    """A norm table in the user's folder."""

    scale: str
    id: str
    name: str
    population: str
    path: Path


def list_user_norms(user_dir: Path | None = None) -> list[UserNorms]:
    """Every norm table in the user's folder, by scale and id (each checked by loading)."""
    base = user_dir if user_dir is not None else user_norms_dir()
    if not base.is_dir():
        return []
    known = set(list_scale_ids())
    found: list[UserNorms] = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        if folder.name not in known or not any(folder.glob("*.yaml")):
            continue
        scale = load_scale(folder.name, user_dir=base)
        for table in sorted(scale.norms.values(), key=lambda t: t.id):
            if table.origin == "user":
                found.append(UserNorms(scale.id, table.id, table.file.name,
                                       table.file.population, table.path))
    return found
