"""Hypothesis strategies that damage files the way people and tools damage them.

Structure mutations work on parsed YAML/JSON data (a key dropped, a value of the wrong
kind, a list where a mapping belongs, a key misspelt, an entry repeated); text and byte
mutations work on the file as written (cut short, garbage inserted, a span deleted or
repeated, lines re-indented); ``huge`` makes values far larger than any real file's.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**9, 10**9),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["", " ", "A", "Z", "AB", "-1", "1e309", "nan", "yes", "~", "../x",
                     "/etc/passwd", "multiple_choice", "free_response", "analytic",
                     "holistic", "items/mc.yaml", "assets/square.png", "table", "linear",
                     "percentiles", "distribution", "below", "official"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(st.text(max_size=10), SCALARS.filter(
                                lambda v: isinstance(v, str))), inner, max_size=4)),
    max_leaves=12,
)

STRUCTURE_OPS = ("delete", "replace", "rename", "repeat", "wrap", "stringify", "empty", "nudge")


def _containers(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every mapping and list inside ``data`` (the root included)."""
    found: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        found.append(path)
        for key, value in data.items():
            found += _containers(value, (*path, key))
    elif isinstance(data, list):
        found.append(path)
        for index, value in enumerate(data):
            found += _containers(value, (*path, index))
    return found


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def mutate_structure(draw: st.DrawFn, data: Any, steps: int = 3) -> Any:
    """``data`` with one to ``steps`` structure mutations."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, steps))):
        places = [p for p in _containers(data) if _at(data, p)]
        if not places:
            return draw(VALUES)
        container = _at(data, draw(st.sampled_from(places)))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        key = draw(st.sampled_from(keys))
        op = draw(st.sampled_from(STRUCTURE_OPS))
        if op == "delete":
            del container[key]
        elif op == "replace":
            container[key] = draw(VALUES)
        elif op == "rename" and isinstance(container, dict):
            container[draw(st.text(min_size=1, max_size=12))] = container.pop(key)
        elif op == "repeat" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        elif op == "wrap":
            container[key] = [container[key]]
        elif op == "stringify":
            container[key] = str(container[key])
        elif op == "nudge":
            # A number close to the one written, or one at the edge of what makes sense.
            value = container[key]
            base = value if isinstance(value, int | float) and not isinstance(value, bool) else 1
            container[key] = draw(st.sampled_from(
                [0, -1, 0.5, 0.25, base + 1, base - 1, base * 2, -base, 1e9, 1e-9]))
        else:
            container[key] = {} if isinstance(container[key], dict) else []
    return data


def mutate_text(draw: st.DrawFn, text: str) -> str:
    """``text`` cut short, with garbage inserted, a span dropped or repeated, or a line
    moved in or out."""
    op = draw(st.sampled_from(("truncate", "insert", "delete", "repeat", "indent", "swap")))
    at = draw(st.integers(0, len(text)))
    if op == "truncate":
        return text[:at]
    if op == "insert":
        return text[:at] + draw(st.text(min_size=1, max_size=20)) + text[at:]
    end = draw(st.integers(at, min(len(text), at + 80)))
    if op == "delete":
        return text[:at] + text[end:]
    if op == "repeat":
        return text[:end] + text[at:end] + text[end:]
    lines = text.split("\n")
    index = draw(st.integers(0, max(0, len(lines) - 1)))
    if op == "indent":
        lines[index] = draw(st.sampled_from(["", " ", "  ", "\t", "    "])) + lines[index]
    else:
        other = draw(st.integers(0, max(0, len(lines) - 1)))
        lines[index], lines[other] = lines[other], lines[index]
    return "\n".join(lines)


def mutate_bytes(draw: st.DrawFn, blob: bytes) -> bytes:
    """``blob`` cut short, with bytes flipped, garbage inserted or a span dropped."""
    op = draw(st.sampled_from(("truncate", "flip", "insert", "delete")))
    at = draw(st.integers(0, len(blob)))
    if op == "truncate":
        return blob[:at]
    if op == "insert":
        return blob[:at] + draw(st.binary(min_size=1, max_size=64)) + blob[at:]
    end = draw(st.integers(at, min(len(blob), at + 256)))
    if op == "delete":
        return blob[:at] + blob[end:]
    noise = draw(st.binary(min_size=end - at, max_size=end - at))
    return blob[:at] + noise + blob[end:]


def huge(draw: st.DrawFn) -> Any:
    """A value far larger than any real file holds: a long text, a long list, deep
    nesting, or a very long key."""
    kind = draw(st.sampled_from(("text", "list", "deep", "key")))
    if kind == "text":
        return "x" * draw(st.integers(100_000, 2_000_000))
    if kind == "list":
        return [draw(SCALARS)] * draw(st.integers(1_000, 20_000))
    if kind == "deep":
        value: Any = "bottom"
        for _ in range(draw(st.integers(50, 400))):
            value = [value]
        return value
    return {"k" * draw(st.integers(1_000, 100_000)): 1}
