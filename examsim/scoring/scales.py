"""Loading scales with their forms and norm tables, and checking them against each other.

Bundled scales live in ``scoring_tables/`` (the repository, or the wheel's copy); extra
norm tables a user builds live in ``user_norms_dir()/<scale-id>/*.yaml``. Every file is
checked when its scale is loaded; any problem raises ``TableError`` naming file, line,
field and fix, so a malformed table never produces a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from examsim.errors import NotFoundError, Problem, ScoringError, TableError
from examsim.resources import bundled_dir
from examsim.scoring.loading import Form, NormTable, load_form, load_norms
from examsim.scoring.tablefile import read_table
from examsim.scoring.tables import ScaleFile, ScaleRange
from examsim.yamlfile import YamlDoc

SCALE_FILE = "scale.yaml"
SOURCES_FILE = "SOURCES.md"
# Set names that every scale understands; a scale without a member falls back to its default.
SHARED_SETS = ("gpt4-report",)


def tables_dir() -> Path:
    """The folder of bundled scales."""
    return bundled_dir("scoring_tables")


def user_norms_dir() -> Path:
    """Where user norm tables live: ``<user data dir>/norms/<scale-id>/*.yaml``."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("examsim")) / "norms"


@dataclass(frozen=True)
class Scale:
    """A scale with its forms and norm tables, checked for consistency."""

    file: ScaleFile
    root: Path
    forms: dict[str, Form]
    norms: dict[str, NormTable]

    @property
    def id(self) -> str:
        return self.file.id

    @property
    def range(self) -> ScaleRange:
        return self.file.range

    @property
    def input_ids(self) -> list[str]:
        return [i.id for i in self.file.inputs]

    def form(self, form_id: str | None = None, norm_set: str | None = None) -> Form:
        """The form asked for, else the one in ``norm_set``, else the default."""
        if form_id is not None:
            if form_id in self.forms:
                return self.forms[form_id]
            known = ", ".join(sorted(self.forms))
            raise ScoringError(f"Scale '{self.id}' has no form '{form_id}'. Forms: {known}.")
        if norm_set is not None:
            for form in sorted(self.forms.values(), key=lambda f: f.id):
                if norm_set in form.file.sets:
                    return form
        return self.forms[self.file.default_form]

    def norm_table(self, norms: str | None = None) -> tuple[NormTable | None, str]:
        """The norm table for ``norms`` (an id or a set name; None: the default), and a note
        when a shared set has no member here and the default stands in."""
        if norms is None:
            default = self.file.default_norms
            return (self.norms[default] if default else None), ""
        if norms in self.norms:
            return self.norms[norms], ""
        for table in sorted(self.norms.values(), key=lambda t: t.id):
            if norms in table.file.sets:
                return table, ""
        if norms in SHARED_SETS or norms in self.declared_sets():
            default = self.file.default_norms
            note = f"No '{norms}' norms exist for scale '{self.id}'"
            note += f"; the default '{default}' is used." if default else "."
            return (self.norms[default] if default else None), note
        raise ScoringError(self._unknown_norms(norms))

    def declared_sets(self) -> set[str]:
        """Norm set names the scale's tables (bundled and the user's) belong to."""
        return {s for t in self.norms.values() for s in t.file.sets}

    def _unknown_norms(self, norms: str) -> str:
        ids = ", ".join(sorted(self.norms)) or "none"
        sets = sorted(self.declared_sets() | set(SHARED_SETS))
        return (
            f"Scale '{self.id}' has no norms '{norms}'. Norm tables: {ids}; norm sets: "
            f"{', '.join(sets)}. Fix: choose one of them, or build a table with "
            "'examsim norms build'."
        )


# --- loading -----------------------------------------------------------------------------------

_Loaded = tuple[ScaleFile, dict[str, Form], dict[str, NormTable]]
# Keyed by folder and the files' modification times, so an edited table is read again.
_CACHE: dict[tuple[Path, tuple[tuple[str, int], ...]], _Loaded] = {}


def list_scale_ids(root: Path | None = None) -> list[str]:
    """Ids of every scale folder under ``root`` (the bundled tables by default)."""
    base = root or tables_dir()
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / SCALE_FILE).is_file())


def load_scale(
    scale_id: str, root: Path | None = None, user_dir: Path | None = None
) -> Scale:
    """Load scale ``scale_id`` with its forms, bundled norms and the user's norm tables."""
    base = root or tables_dir()
    folder = base / scale_id
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", scale_id) or not (
        folder / SCALE_FILE
    ).is_file():
        known = ", ".join(list_scale_ids(base)) or "none"
        raise NotFoundError(f"Unknown scale '{scale_id}'. Scales: {known}.")
    stamp = tuple(
        (str(p.relative_to(folder)), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*.yaml"))
    )
    key = (folder.resolve(), stamp)
    if key not in _CACHE:
        _CACHE[key] = _load_bundled(folder, scale_id)
    scale_file, forms, norms = _CACHE[key]
    norms = dict(norms)
    user_base = user_dir if user_dir is not None else user_norms_dir()
    problems: list[Problem] = []
    for path in sorted((user_base / scale_id).glob("*.yaml")):
        table, found = load_norms(path, scale_file, "user")
        problems += found
        if table is None:
            continue
        if table.id in norms:
            problems.append(
                Problem(
                    path,
                    None,
                    "id",
                    f"norm table '{table.id}' already exists ({norms[table.id].path}).",
                    "Give the table another id (and file name).",
                )
            )
            continue
        norms[table.id] = table
    problems += _check_sets(list(norms.values()))
    if problems:
        raise TableError(problems, f"Scale '{scale_id}' has malformed norm tables")
    return Scale(scale_file, folder, forms, norms)


def _load_bundled(folder: Path, scale_id: str) -> _Loaded:
    scale_path = folder / SCALE_FILE
    scale_file, problems, doc = read_table(ScaleFile, scale_path)
    if scale_file is None or doc is None:
        raise TableError(problems, f"Scale '{scale_id}' is malformed")
    problems += _check_scale(scale_file, scale_id, doc)
    forms: dict[str, Form] = {}
    for path in sorted((folder / "forms").glob("*.yaml")):
        form, found = load_form(path, scale_file)
        problems += found
        if form is not None:
            forms[form.id] = form
    norms: dict[str, NormTable] = {}
    for path in sorted((folder / "norms").glob("*.yaml")):
        table, found = load_norms(path, scale_file, "bundled")
        problems += found
        if table is not None:
            norms[table.id] = table
    if scale_file.default_form not in forms and not problems:
        problems.append(
            Problem(
                scale_path,
                doc.line_of(("default_form",)),
                "default_form",
                f"no form '{scale_file.default_form}' in {folder / 'forms'}.",
                f"Add forms/{scale_file.default_form}.yaml or name an existing form.",
            )
        )
    if scale_file.default_norms and scale_file.default_norms not in norms and not problems:
        problems.append(
            Problem(
                scale_path,
                doc.line_of(("default_norms",)),
                "default_norms",
                f"no norm table '{scale_file.default_norms}' in {folder / 'norms'}.",
                "Add the table or set default_norms to an existing one (or null).",
            )
        )
    problems += _check_sets(list(forms.values()))
    if problems:
        raise TableError(problems, f"Scale '{scale_id}' is malformed")
    return scale_file, forms, norms


def _check_scale(scale: ScaleFile, folder_name: str, doc: YamlDoc) -> list[Problem]:
    problems: list[Problem] = []
    if scale.id != folder_name:
        problems.append(
            Problem(doc.path, doc.line_of(("id",)), "id",
                    f"'{scale.id}' differs from the folder name '{folder_name}'.",
                    "Make the id and the folder name the same.")
        )
    seen: set[str] = set()
    for index, item in enumerate(scale.inputs):
        if item.id in seen:
            problems.append(
                Problem(doc.path, doc.line_of(("inputs", index, "id")), f"inputs[{index}].id",
                        f"input '{item.id}' appears twice.", "Give each input its own id.")
            )
        seen.add(item.id)
    lo, hi = scale.range.min, scale.range.max
    if lo is not None and hi is not None and lo >= hi:
        problems.append(
            Problem(doc.path, doc.line_of(("range",)), "range",
                    f"min {lo:g} is not below max {hi:g}.", "Swap or correct the ends.")
        )
    return problems


def _check_sets(tables: Iterable[Form | NormTable]) -> list[Problem]:
    """A norm set name may be claimed by one form and one norm table per scale only."""
    problems: list[Problem] = []
    owner: dict[str, Path] = {}
    for table in tables:
        for name in table.file.sets:
            if name in owner:
                problems.append(
                    Problem(table.path, None, "sets",
                            f"set '{name}' is also claimed by {owner[name]}.",
                            "Keep the set on one table of this scale.")
                )
            owner[name] = table.path
    return problems


