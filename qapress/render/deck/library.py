"""genanki, imported without the two dependencies it does not need for our decks.

genanki imports the ``cached_property`` backport, which loads asyncio, and PyYAML, which it uses
only for note types given as YAML text; together they were a sixth of a small build. While
genanki is imported, the standard library's ``functools.cached_property`` stands in for the
backport and a module that imports PyYAML on first use stands in for PyYAML. Both stand-ins
leave ``sys.modules`` once genanki is in, so any other ``import`` gets the real modules.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types
from typing import Any


class _OnFirstUse(types.ModuleType):
    """A module that imports the real one the first time one of its names is read."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self.__name__), name)


def _import_genanki() -> types.ModuleType:
    if "genanki" in sys.modules:
        return sys.modules["genanki"]
    backport = types.ModuleType("cached_property")
    backport.cached_property = functools.cached_property  # type: ignore[attr-defined]
    stand_ins = {"cached_property": backport, "yaml": _OnFirstUse("yaml")}
    missing = {name: module for name, module in stand_ins.items() if name not in sys.modules}
    sys.modules.update(missing)
    try:
        return importlib.import_module("genanki")
    finally:
        for name, module in missing.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


genanki: Any = _import_genanki()
