"""Reading user-written YAML with line numbers, and validating it into strict models.

Every file a user writes (packs, rubrics, scale and norm tables) goes through
``read_model``: YAML is parsed safely, kept with the line of every key, and validated
by a pydantic model; each error becomes a ``Problem`` naming file, line, field and fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from examsim.errors import Problem

M = TypeVar("M", bound=BaseModel)

# Discriminator tags that pydantic puts into error locations; they are not YAML keys.
_UNION_TAGS = {
    "multiple_choice",
    "numeric",
    "short_answer",
    "free_response",
    "analytic",
    "holistic",
}


@dataclass
class YamlDoc:
    """Parsed YAML as plain Python values, with the line of each key and list entry."""

    path: Path
    data: Any
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    def line_of(self, loc: Iterable[str | int]) -> int | None:
        """Best line for a location: the deepest prefix of ``loc`` that the file contains."""
        best: int | None = self.lines.get((), None)
        prefix: tuple[str | int, ...] = ()
        for part in loc:
            candidate = (*prefix, part)
            if candidate in self.lines:
                prefix = candidate
                best = self.lines[candidate]
            elif isinstance(part, str) and part in _UNION_TAGS:
                continue
            else:
                break
        return best


MAX_NODES = 1_000_000
"""Most values one YAML file may expand to (aliases included); bounds alias bombs."""


class _TooLarge(ValueError):
    pass


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_NODES
        self.open: set[int] = set()


def _plain(
    node: Any,
    loc: tuple[str | int, ...],
    lines: dict[tuple[str | int, ...], int],
    budget: _Budget | None = None,
) -> Any:
    """Copy a ruamel node into plain dict/list/str/int/float/bool/None, recording lines."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    budget = budget or _Budget()
    budget.left -= 1
    if budget.left < 0:
        raise _TooLarge(f"the file expands to more than {MAX_NODES:,} values (alias bomb?)")
    if isinstance(node, CommentedMap | CommentedSeq):
        if id(node) in budget.open:
            raise _TooLarge("an alias refers to a mapping or list that contains it")
        budget.open.add(id(node))
        try:
            return _plain_container(node, loc, lines, budget)
        finally:
            budget.open.discard(id(node))
    return _plain_scalar(node)


def _plain_container(
    node: Any,
    loc: tuple[str | int, ...],
    lines: dict[tuple[str | int, ...], int],
    budget: _Budget,
) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            try:
                line = node.lc.key(key)[0] + 1
            except (KeyError, TypeError, AttributeError):
                line = lines.get(loc, 1)
            plain_key = _plain_scalar(key)
            key_loc = (*loc, plain_key if isinstance(plain_key, str | int) else str(plain_key))
            lines[key_loc] = line
            out[plain_key] = _plain(value, key_loc, lines, budget)
        return out
    if isinstance(node, CommentedSeq):
        items: list[Any] = []
        for index, value in enumerate(node):
            try:
                lines[(*loc, index)] = node.lc.item(index)[0] + 1
            except (KeyError, TypeError, AttributeError):
                lines[(*loc, index)] = lines.get(loc, 1)
            items.append(_plain(value, (*loc, index), lines, budget))
        return items
    return _plain_scalar(node)


def _plain_scalar(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (list, tuple, dict)):
        return value
    # Dates and other tagged scalars are kept as text: pack files hold no such types.
    return str(value)


def parse_yaml(text: str, path: Path) -> YamlDoc | Problem:
    """Parse YAML text safely; a syntax error becomes a Problem with its line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        node = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = (exc.problem or str(exc)).strip()
        if "duplicate key" in str(exc):
            what = "a key appears twice in the same mapping"
        return Problem(path, line, "", f"YAML syntax error: {what}.", "Correct the YAML syntax.")
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Problem(path, None, "", f"YAML error: {first}.", "Correct the YAML syntax.")
    lines: dict[tuple[str | int, ...], int] = {(): 1}
    try:
        data = _plain(node, (), lines)
    except (_TooLarge, RecursionError) as exc:
        reason = str(exc) if isinstance(exc, _TooLarge) else "it is nested too deeply"
        return Problem(path, None, "", f"YAML error: {reason}.", "Write the values out plainly.")
    return YamlDoc(path, data, lines)


def read_yaml(path: Path) -> YamlDoc | Problem:
    """Read and parse a YAML file; unreadable files become a Problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Problem(path, None, "", "file not found.", "Create the file or correct the path.")
    except OSError as exc:
        return Problem(path, None, "", f"cannot read file ({exc.strerror}).", "Check permissions.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(
            path, None, "", f"not UTF-8 text (byte {exc.start}).", "Save the file as UTF-8."
        )
    return parse_yaml(text, path)


_BRANCH = re.compile(
    r"^(constrained-\w+|function-\w+\[.*\]|(list|dict|tuple|set|nullable|lax-or-strict|"
    r"json-or-python|tagged-union)\[.*\]|str|int|float|bool|none|bytes)$"
)


def _is_branch(part: str | int) -> bool:
    """Whether a location part is a union branch tag that pydantic adds, not a YAML key."""
    return isinstance(part, str) and bool(_BRANCH.match(part))


def _branch_fits(loc: tuple[str | int, ...], value: Any) -> bool:
    """Whether the union branch named in ``loc`` is the one shaped like the input value."""
    tags = [p for p in loc if _is_branch(p)]
    if not tags:
        return True
    tag = str(tags[-1])
    if isinstance(value, str):
        return tag in {"str"} or tag.startswith("constrained-str")
    if isinstance(value, list):
        return tag.startswith("list[")
    if isinstance(value, dict):
        return tag.startswith("dict[")
    if isinstance(value, bool | int | float):
        return tag in {"int", "float"}
    return False


def field_path(loc: Iterable[str | int]) -> str:
    """``('items', 3, 'multiple_choice', 'answer')`` -> ``items[3].answer``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _UNION_TAGS or _is_branch(part):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _model_fields(model: type[BaseModel]) -> set[str]:
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()

    def walk(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            names.add(name)
            for sub in _submodels(info.annotation):
                walk(sub)

    walk(model)
    return names


def _submodels(annotation: Any) -> list[type[BaseModel]]:
    from typing import get_args

    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in get_args(annotation):
        found.extend(_submodels(arg))
    return found


def _fix_for(error: Any, known_fields: set[str]) -> tuple[str, str]:
    """Message and fix for one pydantic error dict."""
    kind = error["type"]
    loc = error["loc"]
    last = loc[-1] if loc else ""
    msg = str(error["msg"])
    if kind == "missing":
        return "required field is missing.", f"Add '{last}'."
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(last), sorted(known_fields), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        return "unknown field.", f"Remove it or correct its spelling.{hint}"
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return (
            f"unknown {str(ctx.get('discriminator', 'type')).strip(chr(39))} "
            f"{ctx.get('tag', '')!r}.",
            f"Use one of {ctx.get('expected_tags', '')}.",
        )
    if kind == "union_tag_not_found":
        ctx = error.get("ctx", {})
        return "the kind of entry is not given.", f"Add {ctx.get('discriminator', 'type')}."
    if kind == "string_pattern_mismatch":
        if str(last) in {"answer", "choice_points"} or (
            len(loc) >= 2 and loc[-2] in {"choices", "answer", "choice_points"}
        ):
            return "not a choice letter.", "Use a single capital letter A-Z."
        return (
            "not a valid identifier.",
            "Use letters, digits, '_', '.' or '-', starting with a letter or digit.",
        )
    if kind in {"float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"}:
        return f"{msg}.", "Write a plain number."
    if kind in {"string_type"}:
        return f"{msg}.", "Write text (quote it if YAML reads it as something else)."
    if kind in {"list_type"}:
        return f"{msg}.", "Write a YAML list (lines starting with '- ')."
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"{msg}.", "Write a YAML mapping (key: value lines)."
    if kind == "literal_error":
        return f"{msg}.", "Use one of the listed values."
    if kind in {"too_short", "string_too_short"}:
        return f"{msg}.", "Fill it in."
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        return f"{msg}.", "Change the number to fit the limit."
    return f"{msg}.", "See docs/packs.md for the format."


def problems_from_validation(
    exc: ValidationError, doc: YamlDoc, model: type[BaseModel]
) -> list[Problem]:
    """Turn every pydantic error into a Problem with file, line, field and fix."""
    known = _model_fields(model)
    # A union field fails once per branch; keep one error per place, from the branch
    # shaped like what the author wrote (a letter vs a list of letters, say).
    by_place: dict[tuple[str | int, ...], list[dict[str, Any]]] = {}
    for details in exc.errors(include_url=False):
        loc = tuple(details["loc"])
        place = tuple(p for p in loc if not _is_branch(p))
        by_place.setdefault(place, []).append(dict(details))
    problems: list[Problem] = []
    for place, errors in by_place.items():
        fitting = [e for e in errors if _branch_fits(tuple(e["loc"]), e.get("input"))]
        chosen = dict((fitting or errors)[0])
        chosen["loc"] = place
        message, fix = _fix_for(chosen, known)
        problems.append(Problem(doc.path, doc.line_of(place), field_path(place), message, fix))
    return problems


def validate_doc(model: type[M], doc: YamlDoc) -> tuple[M | None, list[Problem]]:
    """Validate parsed YAML against ``model``; return the model or the problems."""
    if not isinstance(doc.data, dict):
        kind = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        return None, [
            Problem(
                doc.path,
                1,
                "",
                f"the file is {kind}, not a mapping of fields.",
                f"Start the file with the fields of {model.__name__} (key: value lines).",
            )
        ]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, problems_from_validation(exc, doc, model)


def read_model(model: type[M], path: Path) -> tuple[M | None, list[Problem], YamlDoc | None]:
    """Read ``path`` and validate it as ``model``: (model or None, problems, parsed doc)."""
    doc = read_yaml(path)
    if isinstance(doc, Problem):
        return None, [doc], None
    value, problems = validate_doc(model, doc)
    return value, problems, doc
