"""Reading scale, form and norm files into their models, with errors naming file, line, field.

Forms hold a tagged union (``method: {kind: ...}``); pydantic puts the tag into error
locations, where it is not a YAML key. The tag is dropped here before the location is
turned into a line number and a field path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from examsim.errors import Problem
from examsim.yamlfile import YamlDoc, problems_from_validation, read_yaml

M = TypeVar("M", bound=BaseModel)


def _without_tags(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """``loc`` minus the union tags: parts that are not keys but the ``kind`` of a mapping."""
    clean: list[Any] = []
    node = data
    for part in loc:
        if isinstance(node, dict):
            if part in node:
                clean.append(part)
                node = node[part]
                continue
            if node.get("kind") == part:
                continue
            clean.append(part)
            node = None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            clean.append(part)
            node = node[part]
        else:
            clean.append(part)
            node = None
    return tuple(clean)


def _tidy(exc: ValidationError, data: Any) -> ValidationError:
    details: list[Any] = []
    for error in exc.errors(include_url=False):
        loc = _without_tags(tuple(error["loc"]), data)
        if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc = (*loc, "kind")  # point at the tag's own line
        details.append(
            {
                "type": error["type"],
                "loc": loc,
                "input": error.get("input"),
                "ctx": error.get("ctx", {}),
            }
        )
    try:
        return ValidationError.from_exception_data(exc.title, details)
    except (TypeError, ValueError, KeyError):  # an error type that cannot be rebuilt
        return exc


def read_table(model: type[M], path: Path) -> tuple[M | None, list[Problem], YamlDoc | None]:
    """Read ``path`` as ``model``: (model or None, problems, parsed document)."""
    doc = read_yaml(path)
    if isinstance(doc, Problem):
        return None, [doc], None
    if not isinstance(doc.data, dict):
        kind = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        return None, [
            Problem(
                path,
                1,
                "",
                f"the file is {kind}, not a mapping of fields.",
                f"Start the file with the fields of {model.__name__} (key: value lines); "
                "see scoring_tables/README.md.",
            )
        ], doc
    try:
        return model.model_validate(doc.data), [], doc
    except ValidationError as exc:
        return None, problems_from_validation(_tidy(exc, doc.data), doc, model), doc
