"""Named extension points, loaded lazily.

Each extension point (model adapters, graders, scanners, importers, report formats, ...)
is one ``Registry``. Built-ins are listed as ``"module:attribute"`` strings and loaded the
same way a third-party plugin's entry point is: only when the name is first looked up.
Third parties add entry points to the group ``examsim.<kind>`` in their package metadata.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from examsim.errors import NotFoundError

T = TypeVar("T")


def _load_target(target: str) -> object:
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attr) if attr else module


class Registry(Generic[T]):
    """A name -> object map for one extension point, filled lazily."""

    def __init__(self, kind: str, builtins: Mapping[str, str] | None = None) -> None:
        self.kind = kind
        self.group = f"examsim.{kind}"
        self._targets: dict[str, str] = dict(builtins or {})
        self._loaded: dict[str, T] = {}
        self._entry_points_read = False

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: register ``obj`` under ``name`` (replacing any earlier one)."""

        def decorate(obj: T) -> T:
            self._loaded[name] = obj
            return obj

        return decorate

    def add(self, name: str, obj: T) -> None:
        """Register ``obj`` under ``name`` directly."""
        self._loaded[name] = obj

    def remove(self, name: str) -> None:
        """Forget ``name`` (used to unregister a plugin)."""
        self._loaded.pop(name, None)
        self._targets.pop(name, None)

    def _read_entry_points(self) -> None:
        if self._entry_points_read:
            return
        self._entry_points_read = True
        for ep in entry_points(group=self.group):
            self._targets.setdefault(ep.name, ep.value)

    def names(self) -> list[str]:
        """Every registered name, built-in and plugin, sorted."""
        self._read_entry_points()
        return sorted(set(self._targets) | set(self._loaded))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.names()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def get(self, name: str) -> T:
        """The object registered as ``name``; NotFoundError lists the known names."""
        if name in self._loaded:
            return self._loaded[name]
        if name not in self._targets:
            self._read_entry_points()
        target = self._targets.get(name)
        if target is None:
            known = ", ".join(self.names()) or "none"
            raise NotFoundError(f"Unknown {self.kind} '{name}'. Known: {known}.")
        obj = _load_target(target)
        # A module target registers its objects through the decorator on import.
        if name not in self._loaded:
            self._loaded[name] = obj  # type: ignore[assignment]
        return self._loaded[name]
