"""Registries load built-ins lazily by import string, like entry points."""

from __future__ import annotations

import sys

import pytest

from examsim.errors import NotFoundError
from examsim.registry import Registry


def test_builtin_loaded_only_on_lookup() -> None:
    sys.modules.pop("json.tool", None)
    registry: Registry[object] = Registry("demo", {"tool": "json.tool:main"})
    assert "json.tool" not in sys.modules
    assert registry.names() == ["tool"]
    obj = registry.get("tool")
    assert "json.tool" in sys.modules
    assert callable(obj)


def test_decorator_and_unknown_name_lists_known() -> None:
    registry: Registry[object] = Registry("widgets")

    @registry.register("round")
    class Round:
        pass

    assert registry.get("round") is Round
    assert "round" in registry
    with pytest.raises(NotFoundError, match=r"Unknown widgets 'square'\. Known: round\."):
        registry.get("square")
    registry.remove("round")
    assert "round" not in registry
