"""What a comparison shows, line by line, whatever it is rendered as.

Every renderer (terminal, Markdown, HTML, PDF) walks the same rows: one per
provision shown, with its depth, its change, and its words as runs of
equal / deleted / inserted text. ``only_changed`` keeps changed provisions and,
as headings only, the Parts and sections they are in; ``context`` adds that many
unchanged neighbours either side of each change (as diff -U does for lines).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compare.result import Change, DiffResult
from ..compare.textdiff import DELETE, EQUAL, INSERT, WordOp

CHANGE, CONTEXT, ANCESTOR = "change", "context", "ancestor"

SIGNS = {"unchanged": " ", "modified": "~", "added": "+", "removed": "-", "renumbered": ">",
         "moved": ">", "split": "<", "merged": ">"}


@dataclass(frozen=True)
class Row:
    depth: int
    change: Change
    role: str  # change | context | ancestor (unchanged; shown only as a heading line)

    @property
    def anchor(self) -> str:
        """An id for links: the new path, or the old one for what was removed."""
        p = self.change.provision
        return ("new-" if self.change.new is not None else "old-") + p.path.replace("/", "_")

    @property
    def label(self) -> str:
        """The citation as a reader needs it: "s. 5 → s. 5A" when the number changed."""
        c = self.change
        olds, news = c.old_citations, c.new_citations
        if olds and news and olds != news:
            return f"{' + '.join(olds)} → {' + '.join(news)}"
        return c.citation

    @property
    def note(self) -> str:
        """What happened, in words, for everything but plain amendments."""
        c = self.change
        if c.kind in ("moved", "split", "merged", "renumbered"):
            return c.gist()
        return ""

    def heading(self) -> list[WordOp]:
        c = self.change
        if c.heading_ops:
            return list(c.heading_ops)
        return _whole(c, (c.new.heading if c.new is not None else c.old.heading) or "")  # type: ignore[union-attr]

    def text(self) -> list[WordOp]:
        c = self.change
        if c.text_ops:
            return list(c.text_ops)
        return _whole(c, _own_text(c.provision, c.new_also if c.new is not None else c.old_also))


def _own_text(p, also=()) -> str:
    parts = []
    for x in (p, *also):
        for where in ("chapeau", "continuation"):
            t = x.text_with_quotes(where)
            if t:
                parts.append(t)
    return "\n".join(parts)


def _whole(change: Change, text: str) -> list[WordOp]:
    if not text:
        return []
    op = INSERT if change.kind == "added" else DELETE if change.kind == "removed" else EQUAL
    return [WordOp(op, text)]


def rows(result: DiffResult, only_changed: bool = False, context: int | None = None) -> list[Row]:
    """The rows to show. ``context`` implies ``only_changed``."""
    if context is not None:
        only_changed = True
    out: list[Row] = []

    def visit(changes: tuple[Change, ...], depth: int) -> None:
        keep = _kept(changes, context or 0) if only_changed else set(range(len(changes)))
        for i, change in enumerate(changes):
            if i not in keep:
                continue
            if change.is_change:
                role = CHANGE
            elif only_changed and change.has_changes:
                role = ANCESTOR  # shown as a heading, so the reader knows where the change is
            else:
                role = CONTEXT
            out.append(Row(depth, change, role))
            if change.kind in ("added", "removed"):
                # the whole subtree is one change: show it, without counting it again
                for sub in _subtree(change, depth + 1):
                    out.append(sub)
            else:
                visit(change.children, depth + 1)

    visit(result.changes, 0)
    return out


def _subtree(change: Change, depth: int) -> list[Row]:
    out = []
    for child in change.children:
        out.append(Row(depth, child, CHANGE if child.is_change else CONTEXT))
        out.extend(_subtree(child, depth + 1))
    return out


def _kept(changes: tuple[Change, ...], context: int) -> set[int]:
    keep: set[int] = set()
    for i, change in enumerate(changes):
        if change.has_changes:
            keep.add(i)
            if change.is_change:
                keep.update(range(max(0, i - context), min(len(changes), i + context + 1)))
    return keep
