"""Names a package offers, imported when first used: ``import lawdiff`` stays quick (a signal
in the first half second still ends the command cleanly), and a package can be imported for
one of its modules without importing all the others.

    >>> import types
    >>> package = types.ModuleType("demo")
    >>> package.__getattr__ = exports("demo", {"dumps": "json"}, anchor="json")
    >>> package.__getattr__("dumps")([1])
    '[1]'
"""

from __future__ import annotations

import importlib


def exports(package: str, names: dict[str, str], anchor: str | None = None):
    """A module ``__getattr__`` giving each name of ``names`` from its module (relative to
    ``package``, or absolute when ``anchor`` is given)."""

    def __getattr__(name: str):
        where = names.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(where if anchor else f"{package}.{where}")
        return getattr(module, name)

    return __getattr__
