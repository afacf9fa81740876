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


class _Builder:
    """Turns composed YAML nodes into plain values, recording the line of each key.

    Composing with the C parser and constructing values here (instead of letting a
    loader construct them) keeps the line numbers, refuses duplicate keys, never
    creates arbitrary objects, and bounds what aliases can expand to.
    """

    def __init__(self) -> None:
        self.left = MAX_NODES
        self.open: set[int] = set()
        self.lines: dict[tuple[str | int, ...], int] = {(): 1}

    def build(self, node: Any, loc: tuple[str | int, ...]) -> Any:
        import yaml

        self.left -= 1
        if self.left < 0:
            raise _TooLarge(f"the file expands to more than {MAX_NODES:,} values (alias bomb?)")
        if isinstance(node, yaml.ScalarNode):
            return _core_scalar(node)
        if id(node) in self.open:
            raise _TooLarge("an alias refers to a mapping or list that contains it")
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items: list[Any] = []
                for index, child in enumerate(node.value):
                    self.lines[(*loc, index)] = child.start_mark.line + 1
                    items.append(self.build(child, (*loc, index)))
                return items
            return self._mapping(node, loc)
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: Any, loc: tuple[str | int, ...]) -> dict[Any, Any]:
        import yaml

        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _KeyProblem(key_node.start_mark.line + 1, "a key is not a plain value")
            key = _core_scalar(key_node)
            if key in out:
                raise _KeyProblem(
                    key_node.start_mark.line + 1,
                    f"the key {key!r} appears twice in the same mapping",
                )
            key_loc = (*loc, key if isinstance(key, str | int) else str(key))
            self.lines[key_loc] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, key_loc)
        return out


class _KeyProblem(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def _core_scalar(node: Any) -> Any:
    """A scalar's value under the YAML 1.2 core schema.

    Quoted scalars are text. Plain scalars become null, booleans (``true``/``false`` only,
    so ``Yes`` stays text), integers or floats, else text. Tags never build objects: a
    non-standard tag leaves the value as text.
    """
    value: str = node.value
    if node.style not in (None, "") or not str(node.tag).startswith("tag:yaml.org,2002:"):
        return value
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value.lower() == "true"
    if _INT.match(value):
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value, 10)
    if _FLOAT.match(value):
        lowered = value.lower()
        if lowered.endswith("inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(value)
    return value


def parse_yaml(text: str, path: Path) -> YamlDoc | Problem:
    """Parse YAML text safely; a syntax error becomes a Problem with its line."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(path, None, {(): 1})
        builder = _Builder()
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = (exc.problem or str(exc)).strip()
        return Problem(path, line, "", f"YAML syntax error: {what}.", "Correct the YAML syntax.")
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a control character pasted from a PDF, say):
        # the reader gives its position in the text, not a line.
        line = text.count("\n", 0, max(0, exc.position)) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return Problem(path, line, "", f"YAML error: the character U+{code:04X} is not "
                       "allowed in YAML.", "Delete that character or replace it with a space.")
    except _KeyProblem as exc:
        return Problem(path, exc.line, "", f"YAML syntax error: {exc}.", "Correct the YAML syntax.")
    except _TooLarge as exc:
        return Problem(path, None, "", f"YAML error: {exc}.", "Write the values out plainly.")
    except RecursionError:
        return Problem(path, None, "", "YAML error: it is nested too deeply.",
                       "Write the values out plainly.")
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Problem(path, None, "", f"YAML error: {first}.", "Correct the YAML syntax.")
    finally:
        loader.dispose()
    return YamlDoc(path, data, builder.lines)


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
