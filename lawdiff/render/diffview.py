"""What a comparison shows, line by line, whatever it is rendered as.

Every renderer (terminal, Markdown, HTML, PDF) walks the same rows: one per
provision shown, with its depth, its change, and its words as runs of
equal / deleted / inserted text. ``only_changed`` keeps changed provisions and,
as headings only, the Parts and sections they are in; ``context`` adds that many
unchanged neighbours either side of each change (as diff -U does for lines).
``context_words`` trims a changed provision's unchanged words to that many either side
of each change, the rest elided as "…" (``None``: all its words).
"""

from __future__ import annotations

import re
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
    # whole: the provision's words; head: the words before its children (chapeau); tail: the
    # words after them (continuation), a row of its own after the children, as printed
    part: str = "whole"
    context_words: int | None = None  # unchanged words kept either side of each change (None: all)

    @property
    def anchor(self) -> str:
        """The row's id, and so its permalink: the provision's path in the new document
        ("sec-200/subsec-1"), or "old/" and its path in the old one for what was removed."""
        c = self.change
        return c.new.path if c.new is not None else "old/" + c.old.path  # type: ignore[union-attr]

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

    def heading(self, raw: bool = False) -> list[WordOp]:
        """The heading's words; ``raw``: as they are, not with invisible characters shown by code."""
        c = self.change
        ops = list(c.heading_ops) if c.heading_ops else \
            _whole(c, (c.new.heading if c.new is not None else c.old.heading) or "")  # type: ignore[union-attr]
        return ops if raw else _shown(ops)

    def text(self, raw: bool = False) -> list[WordOp]:
        """The words shown in this row (``raw`` as :meth:`heading`'s)."""
        c = self.change
        ops = list(c.text_ops) if c.text_ops else \
            _whole(c, _own_text(c.provision, c.new_also if c.new is not None else c.old_also))
        if self.part != "whole":
            head, tail = _split(ops, _newlines_before_tail(c), (EQUAL, INSERT) if c.new is not None else (EQUAL, DELETE))
            ops = head if self.part == "head" else tail
        if self.role == CHANGE and c.kind not in ("added", "removed"):
            ops = trimmed(ops, self.context_words)
        return ops if raw else _shown(ops)


def visible(text: str) -> str:
    r"""``text`` with every character that prints as nothing, or not as itself, shown by its code:
    zero-width spaces, soft hyphens, bidirectional controls, private-use and C1 control characters.

    In a comparison a change made of them would look like no change, and a bidirectional
    override would show the words in another order than they stand. (The JSON keeps them as
    they are.)

    >>> visible("zero\u200bwidth, \u202ereversed\u202c; “quoted” — kept\nnext line")
    'zero⟨U+200B⟩width, ⟨U+202E⟩reversed⟨U+202C⟩; “quoted” — kept\nnext line'
    """
    if text.isprintable():
        return text
    return "\n".join(line if line.isprintable() else "".join(
        ch if ch.isprintable() or ch == "\t" else f"⟨U+{ord(ch):04X}⟩" for ch in line) for line in text.split("\n"))


_WORD = re.compile(r"\S+")
ELISION = "…"


def trimmed(ops: list[WordOp], words: int | None) -> list[WordOp]:
    """The changed words of ``ops`` with ``words`` unchanged words either side of each change;
    the unchanged words between are elided as "…". Words with no change among them are kept
    whole, as is everything when ``words`` is ``None``.

    >>> ops = [WordOp(EQUAL, "one two three four five "), WordOp(INSERT, "six "), WordOp(EQUAL, "seven eight nine ten")]
    >>> [op.text for op in trimmed(ops, 2)]
    ['… four five ', 'six ', 'seven eight …']
    >>> [op.text for op in trimmed(ops, 3)], [op.text for op in trimmed(ops, 0)]
    (['… three four five ', 'six ', 'seven eight nine ten'], ['… ', 'six ', '…'])
    """
    if words is None or all(op.op == EQUAL for op in ops):
        return ops
    out = []
    last = len(ops) - 1
    for i, op in enumerate(ops):
        if op.op != EQUAL:
            out.append(op)
            continue
        spans = [m.span() for m in _WORD.finditer(op.text)]
        after, before = i > 0, i < last  # unchanged words after one change, before the next
        if not spans or len(spans) <= words * (after + before) + 1:  # eliding one word saves nothing
            out.append(op)
            continue
        # the kept words, else the spaces that stood there (so "…" sits apart from the change)
        left = (op.text[:spans[words - 1][1]] + " " if words else op.text[:spans[0][0]]) if after else ""
        right = (" " + op.text[spans[-words][0]:] if words else op.text[spans[-1][1]:]) if before else ""
        out.append(WordOp(EQUAL, left + ELISION + right))
    return out


def _shown(ops) -> list[WordOp]:
    return [op if op.text.isprintable() else WordOp(op.op, visible(op.text)) for op in ops]


def has_tail(change: Change) -> bool:
    """Whether the provision's words continue after its children (and so print after them)."""
    p = change.provision
    return bool(p.children and p.chapeau and p.continuation and not change.old_also and not change.new_also)


def _newlines_before_tail(change: Change) -> int:
    """Line breaks in the reference side's words before its continuation starts."""
    p = change.new if change.new is not None else change.old
    return p.text_with_quotes("chapeau").count("\n") + 1  # type: ignore[union-attr]


def _split(ops: list[WordOp], k: int, reference: tuple[str, str]) -> tuple[list[WordOp], list[WordOp]]:
    """Ops cut at the k-th line break of the reference side (equal and inserted words; equal and
    deleted ones when there is no new side), that line break itself dropped."""
    head: list[WordOp] = []
    seen = 0
    for i, op in enumerate(ops):
        if op.op in reference and seen + op.text.count("\n") >= k:
            cut = -1
            for _ in range(k - seen):
                cut = op.text.index("\n", cut + 1)
            if op.text[:cut]:
                head.append(WordOp(op.op, op.text[:cut]))
            rest = [WordOp(op.op, op.text[cut + 1:])] if op.text[cut + 1:] else []
            return head, rest + ops[i + 1:]
        if op.op in reference:
            seen += op.text.count("\n")
        head.append(op)
    return head, []


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


def rows(result: DiffResult, only_changed: bool = False, context: int | None = None,
         context_words: int | None = None) -> list[Row]:
    """The rows to show. ``context`` implies ``only_changed``; ``context_words`` trims changed
    provisions' unchanged words (see :func:`trimmed`)."""
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
            tail = has_tail(change) and role != ANCESTOR
            out.append(Row(depth, change, role, "head" if tail else "whole", context_words))
            if change.kind in ("added", "removed"):
                # the whole subtree is one change: show it, without counting it again
                for sub in _subtree(change, depth + 1):
                    out.append(sub)
            else:
                visit(change.children, depth + 1)
            if tail:
                out.append(Row(depth, change, role, "tail", context_words))

    visit(result.changes, 0)
    return out


def _subtree(change: Change, depth: int) -> list[Row]:
    out = []
    for child in change.children:
        role = CHANGE if child.is_change else CONTEXT
        tail = has_tail(child)
        out.append(Row(depth, child, role, "head" if tail else "whole"))
        out.extend(_subtree(child, depth + 1))
        if tail:
            out.append(Row(depth, child, role, "tail"))
    return out


def _kept(changes: tuple[Change, ...], context: int) -> set[int]:
    keep: set[int] = set()
    for i, change in enumerate(changes):
        if change.has_changes:
            keep.add(i)
            if change.is_change:
                keep.update(range(max(0, i - context), min(len(changes), i + context + 1)))
    return keep
