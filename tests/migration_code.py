"""The code of a migration, found by the end of its name: a merge may renumber it."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def migration_module(app: str, name_ends: str) -> ModuleType:
    package = importlib.import_module(f"{app}.migrations")
    (name,) = [m.name for m in pkgutil.iter_modules(package.__path__) if m.name.endswith(name_ends)]
    return importlib.import_module(f"{app}.migrations.{name}")
