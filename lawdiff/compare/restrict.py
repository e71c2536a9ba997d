"""Narrowing a comparison to the provisions a reader cares about (a topic, say).

    >>> import lawdiff
    >>> from lawdiff.compare import diff
    >>> old = lawdiff.load("example:surveillance-act")
    >>> new = lawdiff.load("example:surveillance-act-amended")
    >>> narrowed = restrict(diff(old, new), lambda p: p.citation == "s. 2")
    >>> [c.gist() for c in narrowed.reported()]
    ['s. 2(3) inserted']
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..model import Provision
from .result import Change, DiffResult


def restrict(result: DiffResult, keep: Callable[[Provision], bool]) -> DiffResult:
    """The comparison limited to provisions for which ``keep`` is true in either document
    (with everything under them, and the Parts and sections above them as headings)."""

    def prune(change: Change) -> Change | None:
        provisions = [p for p in (change.old, change.new, *change.old_also, *change.new_also) if p is not None]
        if any(keep(p) for p in provisions):
            return change
        children = tuple(c for c in (prune(child) for child in change.children) if c is not None)
        return replace(change, children=children) if children else None

    changes = tuple(c for c in (prune(top) for top in result.changes) if c is not None)
    return DiffResult(result.old, result.new, changes, select=result.select, mode=result.mode)

