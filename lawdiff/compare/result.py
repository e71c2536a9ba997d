"""The result of a comparison: a tree of changes, and counts a reader can scan.

Each :class:`Change` pairs a provision of the old document with one of the new
(either may be missing), says what happened to it, and carries the word
operations of its own text. Children follow the new document's order, with
removed provisions where they stood in the old one.

Kinds:

- ``unchanged``: same place, same words (children may still have changes);
- ``modified``: same place, words or heading changed;
- ``added`` / ``removed``;
- ``renumbered``: same words (or nearly), new number;
- ``moved``: now under a different Part, Chapter or section;
- ``split``: one old provision became several new ones (``new_also``);
- ``merged``: several old provisions became one (``old_also``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterator

from ..model import Document, Provision
from .textdiff import WordOp, is_changed

KINDS = ("modified", "added", "removed", "renumbered", "moved", "split", "merged")


@dataclass(frozen=True)
class Change:
    kind: str
    old: Provision | None
    new: Provision | None
    similarity: float = 1.0
    heading_ops: tuple[WordOp, ...] = ()
    text_ops: tuple[WordOp, ...] = ()
    children: tuple["Change", ...] = ()
    old_also: tuple[Provision, ...] = ()  # merged: the other old provisions
    new_also: tuple[Provision, ...] = ()  # split: the other new provisions
    part: str = ""  # the Part (or schedule) it is in, for the summary
    moved_from: str = ""  # moved: what the old provision was under ("Part 2", "s. 22")

    @property
    def old_citation(self) -> str | None:
        return self.old.citation if self.old is not None else None

    @property
    def new_citation(self) -> str | None:
        return self.new.citation if self.new is not None else None

    @property
    def citation(self) -> str:
        """The citation a reader looks for: the new one, or the old one if it is gone."""
        return self.new_citation or self.old_citation or ""

    @property
    def provision(self) -> Provision:
        return self.new if self.new is not None else self.old  # type: ignore[return-value]

    @property
    def old_citations(self) -> tuple[str, ...]:
        return tuple(p.citation for p in ((self.old,) if self.old else ()) + self.old_also)

    @property
    def new_citations(self) -> tuple[str, ...]:
        return tuple(p.citation for p in ((self.new,) if self.new else ()) + self.new_also)

    @property
    def words_changed(self) -> bool:
        return is_changed(self.heading_ops) or is_changed(self.text_ops)

    @property
    def is_change(self) -> bool:
        """Whether this provision itself changed (not counting its children)."""
        return self.kind != "unchanged"

    @property
    def has_changes(self) -> bool:
        """Whether this provision or anything under it changed."""
        return self.kind != "unchanged" or any(c.has_changes for c in self.children)

    def walk(self) -> Iterator["Change"]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def gist(self) -> str:
        """One line saying what happened, for summaries: "s. 5 renumbered as s. 5A"."""
        old, new = self.old_citation, self.new_citation
        if self.kind == "added":
            return f"{new} inserted"
        if self.kind == "removed":
            return f"{old} omitted"
        if self.kind == "renumbered":
            return f"{old} renumbered as {new}" + (" and amended" if self.words_changed else "")
        if self.kind == "moved":
            origin = old if new != old else (self.moved_from or "elsewhere")
            return f"{new} moved from {origin}" + (" and amended" if self.words_changed else "")
        if self.kind == "split":
            return f"{old} split into {_and(self.new_citations)}"
        if self.kind == "merged":
            return f"{_and(self.old_citations)} merged into {new}"
        if self.kind == "modified":
            parts = []
            if is_changed(self.heading_ops):
                parts.append("heading")
            if is_changed(self.text_ops):
                parts.append("text")
            return f"{new} amended ({' and '.join(parts) or 'number'})"
        return f"{new} unchanged"


def _and(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class Summary:
    """Counts of changes by kind, and by kind within each Part (or schedule)."""

    by_kind: dict[str, int]
    by_part: dict[str, dict[str, int]]
    total: int

    @classmethod
    def of(cls, changes: tuple[Change, ...]) -> "Summary":
        by_kind: Counter[str] = Counter()
        by_part: dict[str, Counter[str]] = {}
        for change in reported(changes):
            by_kind[change.kind] += 1
            by_part.setdefault(change.part, Counter())[change.kind] += 1
        return cls(
            by_kind={k: by_kind[k] for k in KINDS if by_kind[k]},
            by_part={part: {k: c[k] for k in KINDS if c[k]} for part, c in by_part.items()},
            total=sum(by_kind.values()),
        )


def reported(changes: tuple[Change, ...]) -> list[Change]:
    """The changes a reader is told about, in document order. An added section is one
    change, not one per subsection: what is under an added or removed provision is
    reported only if something else happened to it (a section moved into a new Part)."""
    out: list[Change] = []

    def visit(change: Change, inside: str | None) -> None:
        if change.is_change and change.kind != inside:
            out.append(change)
        below = change.kind if change.kind in ("added", "removed") else None
        for child in change.children:
            visit(child, below)

    for top in changes:
        visit(top, None)
    return out


def replacing(changes: tuple[Change, ...], citations: set[str]) -> tuple[Change, ...]:
    """``changes`` with each provision named in ``citations`` (by its new citation) shown as
    replaced: the old one removed whole and the new one added whole, not their words mixed, as
    a substituted provision is shown in a Keeling schedule."""

    def visit(items: tuple[Change, ...]) -> tuple[Change, ...]:
        out: list[Change] = []
        for c in items:
            if c.new is not None and c.old is not None and c.new.citation in citations and c.has_changes:
                out += [_whole("removed", c.old, c.part), _whole("added", c.new, c.part)]
            elif c.children:
                out.append(replace(c, children=visit(c.children)))
            else:
                out.append(c)
        return tuple(out)

    return visit(changes)


def _whole(kind: str, p: Provision, part: str) -> Change:
    """``p`` and everything under it as one added (or removed) change."""
    return Change(kind, p if kind == "removed" else None, p if kind == "added" else None, 0.0,
                  children=tuple(_whole(kind, c, part) for c in p.children), part=part)


def _increasing(keys: list[int]) -> set[int]:
    """The positions of a longest increasing run (not necessarily contiguous) of ``keys``.

        >>> sorted(_increasing([0, 3, 1, 2]))  # 0, 1, 2: the 3 is out of order
        [0, 2, 3]
    """
    import bisect

    tails: list[int] = []  # tails[k]: the position ending the best run of length k + 1
    back: list[int] = [-1] * len(keys)
    for i, key in enumerate(keys):
        k = bisect.bisect_left([keys[t] for t in tails], key)
        back[i] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(i)
        else:
            tails[k] = i
    kept, i = set(), tails[-1] if tails else -1
    while i >= 0:
        kept.add(i)
        i = back[i]
    return kept


@dataclass(frozen=True)
class _Places:
    """Where each provision of a document stands, by identity: its parent (``None`` at the top),
    its siblings (its parent's children, or the top-level provisions) and its place in order."""

    parent: dict[int, Provision | None]
    siblings: dict[int, tuple[Provision, ...]]
    order: dict[int, int]

    @classmethod
    def of(cls, doc: Document) -> "_Places":
        tops = doc.body + doc.schedules
        parent: dict[int, Provision | None] = {id(p): None for p in tops}
        siblings: dict[int, tuple[Provision, ...]] = {id(p): tops for p in tops}
        order: dict[int, int] = {}
        for i, p in enumerate(doc.walk()):
            order[id(p)] = i
            for c in p.children:
                parent[id(c)], siblings[id(c)] = p, p.children
        return cls(parent, siblings, order)


def displaced(changes: tuple[Change, ...], old: Document, places: _Places | None = None) -> list[Change]:
    """The changes whose old provision is not where the tree shows it: moved ones, and those the
    new document puts in another order than the old (two sections that swapped numbers and
    places are each "renumbered"; reading the old words in the new order would not give the
    old document). Of a reordered run, the longest part still in the old order stays."""
    places = places or _Places.of(old)
    parent, order = places.parent, places.order
    out: list[Change] = []

    def visit(items: tuple[Change, ...], old_parent: Provision | None) -> None:
        paired = [c for c in items if c.old is not None]
        elsewhere = {id(c) for c in paired if c.kind == "moved" or parent.get(id(c.old)) is not old_parent}
        out.extend(c for c in paired if id(c) in elsewhere)
        staying = [c for c in paired if id(c) not in elsewhere]
        kept = _increasing([order.get(id(c.old), 0) for c in staying])
        out.extend(c for k, c in enumerate(staying) if k not in kept)
        for c in items:
            if c.kind not in ("added", "removed"):
                visit(c.children, c.old)

    visit(changes, None)
    return out


def unmoved(changes: tuple[Change, ...], old: Document) -> tuple[Change, ...]:
    """``changes`` with each :func:`displaced` provision shown as removed where it stood in
    ``old`` and added where it stands now, as a document of tracked changes must show a move
    for rejecting every change to give back the old document (and accepting them, the new).

    A provision is put back after the nearest of its old earlier siblings still in its old
    parent (first, if none is), or, when its old parent is nowhere in the comparison, just
    before its new place. What moved with a moved provision travels with it."""
    places = _Places.of(old)
    moves = displaced(changes, old, places)
    if not moves:
        return changes
    parent, siblings, order = places.parent, places.siblings, places.order
    moved = {id(c) for c in moves}
    moved_old = {id(c.old) for c in moves}

    def within_a_move(p: Provision) -> bool:
        up = parent.get(id(p))
        while up is not None:
            if id(up) in moved_old:
                return True
            up = parent.get(id(up))
        return False

    # a mutable copy of the tree, [change, children] pairs: each displaced provision added
    # whole where it now stands (and a displaced removed one taken out, to go back in its place)
    def node(c: Change) -> list:
        return [c, [node(k) for k in c.children]]

    def copy(items: tuple[Change, ...]) -> list[list]:
        out: list[list] = []
        for c in items:
            if id(c) not in moved:
                out.append([c, copy(c.children)])
            elif c.new is not None:
                out.append(node(_whole("added", c.new, c.part)))
        return out

    tree = copy(changes)

    def children_of(p: Provision | None, nodes: list[list]) -> list[list] | None:
        if p is None:
            return tree
        for n in nodes:
            if n[0].old is p:
                return n[1]
            found = children_of(p, n[1])
            if found is not None:
                return found
        return None

    def beside(new: Provision, removed: list, nodes: list[list]) -> bool:
        for i, n in enumerate(nodes):
            if n[0].kind == "added" and n[0].new is new:
                nodes.insert(i, removed)
                return True
            if beside(new, removed, n[1]):
                return True
        return False

    for c in sorted(moves, key=lambda c: order.get(id(c.old), 0)):
        o = c.old
        if o is None or within_a_move(o):
            continue  # its old words are in the removed copy of what it moved with
        removed = node(_whole("removed", o, c.part))
        home = children_of(parent.get(id(o)), tree) if id(o) in parent else None
        if home is None:
            if c.new is None or not beside(c.new, removed, tree):
                tree.append(removed)
            continue
        before = siblings[id(o)][:siblings[id(o)].index(o)]
        at = next((i for prior in reversed(before) for i, n in enumerate(home) if n[0].old is prior), None)
        home.insert(0 if at is None else at + 1, removed)

    def freeze(nodes: list[list]) -> tuple[Change, ...]:
        return tuple(replace(n[0], children=freeze(n[1])) for n in nodes)

    return freeze(tree)


@dataclass(frozen=True)
class DiffResult:
    old: Document
    new: Document
    changes: tuple[Change, ...]
    select: str | None = None
    mode: str = "versions"  # versions | successor
    summary: Summary = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "summary", Summary.of(self.changes))

    @property
    def identical(self) -> bool:
        return self.summary.total == 0

    def walk(self) -> Iterator[Change]:
        for top in self.changes:
            yield from top.walk()

    def reported(self) -> list[Change]:
        """The changes a reader is told about (see :func:`reported`)."""
        return reported(self.changes)

    def find(self, citation: str) -> Change:
        """The change whose old or new citation is ``citation`` (new side first)."""
        for change in self.walk():
            if citation in change.new_citations:
                return change
        for change in self.walk():
            if citation in change.old_citations:
                return change
        raise KeyError(citation)
