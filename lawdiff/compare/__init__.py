"""Comparing two documents: align their provisions, then diff the words of each pair.

    >>> import lawdiff
    >>> from lawdiff.compare import diff
    >>> old = lawdiff.load("example:surveillance-act")
    >>> result = diff(old, old)
    >>> result.identical
    True

The pipeline, in the manner of xmldiff: :mod:`.align` matches provisions
(number, content, moves, splits and merges), :mod:`.textdiff` diffs the words
of each matched pair, and :mod:`.result` holds the tree of changes that the
renderers in :mod:`lawdiff.render` turn into text, JSON, HTML, Markdown or PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..errors import CitationNotFound, LawdiffError
from ..model import Document, Provision
from .align import AlignOptions, Aligner, Node, key
from .correspondence import tables_for
from .fingerprint import Fingerprints
from .result import KINDS, Change, DiffResult, Summary
from .textdiff import TextOptions, WordOp, word_diff

MODES = ("auto", "versions", "successor")


@dataclass(frozen=True)
class DiffOptions:
    """How to compare. ``mode``: ``versions`` of one document (numbers lead), ``successor``
    (an old Act and the Act replacing it: content leads), or ``auto`` (decided from titles)."""

    mode: str = "auto"
    threshold: float = 0.6
    number_floor: float = 0.5
    move_threshold: float = 0.8
    split_threshold: float = 0.8
    text: TextOptions = field(default_factory=TextOptions)
    # (old citation, new citation) pairs to match first, on top of any shipped correspondence
    # table for these two Acts (statutes/correspondence/)
    correspondence: tuple[tuple[str, str], ...] = ()
    shipped_tables: bool = True


def diff(old: Document, new: Document, options: DiffOptions = DiffOptions(),
         select: str | None = None, select_new: str | None = None) -> DiffResult:
    """Compare ``old`` with ``new``; ``select`` limits it to one Part, section or subtree
    (``select_new`` names it in ``new`` when its citation there differs)."""
    mode = options.mode if options.mode != "auto" else guess_mode(old, new)
    if mode not in ("versions", "successor"):
        raise LawdiffError(f"unknown comparison mode {options.mode!r}: expected one of {', '.join(MODES)}")
    table = list(options.correspondence)
    if options.shipped_tables:
        for shipped_table in tables_for(old, new):
            table.extend(shipped_table.pairs)
    if select and not select_new:
        select_new = next((b for a, b in table if a == select), None)
    olds, news = _selected(old, new, select, select_new)
    aligner = Aligner(AlignOptions(mode, options.threshold, options.number_floor, options.move_threshold,
                                   options.split_threshold), Fingerprints(), _pinned(old, new, table))
    nodes = aligner.align(olds, news)
    aligner.match_moves()
    text_options = options.text
    if text_options.ignore_renumbering:
        text_options = replace(text_options, renumbering=_renumbering(nodes))
    parents = _parents(olds)
    changes = tuple(_change(n, mode, text_options, None, parents) for n in nodes)
    return DiffResult(old, new, changes, select=select, mode=mode)


def guess_mode(old: Document, new: Document) -> str:
    """``versions`` when both are the same work (same title once stage words are removed,
    or the same year and number), else ``successor``."""
    a, b = old.meta, new.meta
    if a.number and (a.year or a.subtype) and (a.doc_type, a.year, a.number, a.subtype) == \
            (b.doc_type, b.year, b.number, b.subtype):
        return "versions"  # the same bill or Act number: "HR 2157" of the 116th Congress, "2016 c. 25"
    if a.long_title and a.long_title == b.long_title:
        return "versions"
    return "versions" if _work_title(old.title) == _work_title(new.title) else "successor"


def _work_title(title: str) -> str:
    words = re.sub(r"\b(bill|act|\d{4}|\[hl\]|as (introduced|amended|enacted|passed).*)\b", " ", title.casefold())
    return " ".join(re.findall(r"\w+", words))


def _selected(old: Document, new: Document, select: str | None, select_new: str | None):
    if not select:
        return old.body + old.schedules, new.body + new.schedules
    a = _find(old, select)
    b = _find(new, select_new or select)
    if a is None and b is None:
        raise CitationNotFound(f"{select!r} is in neither document")
    return ((a,) if a else ()), ((b,) if b else ())


def _find(doc: Document, citation: str) -> Provision | None:
    try:
        return doc.find(citation)
    except CitationNotFound:
        return None


def _pinned(old: Document, new: Document, table: list[tuple[str, str]]) -> list[tuple[Provision, Provision]]:
    """The provisions a correspondence table pairs; pairs naming a provision absent from either
    document (a table for another version, or a --select) are left out."""
    out = []
    for a, b in table:
        p, q = _find(old, a), _find(new, b)
        if p is not None and q is not None:
            out.append((p, q))
    return out


def _renumbering(nodes: list[Node]) -> dict[str, dict[str, str]]:
    """Old number -> new number of every renumbered section, Part, Chapter and Schedule."""
    maps: dict[str, dict[str, str]] = {}
    stack = list(nodes)
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.old is None or node.new is None or not node.old.num or not node.new.num:
            continue
        if node.old.num == node.new.num:
            continue
        kind = {"part": "part", "chapter": "chapter", "schedule": "schedule"}.get(node.new.kind)
        if kind is None and node.new.level == 1 and not node.new.path.startswith("sch-"):
            kind = "section"
        if kind:
            maps.setdefault(kind, {})[node.old.num] = node.new.num
    return maps


def _own_text(p: Provision) -> str:
    return "\n".join(t for t in (p.text_with_quotes("chapeau"), p.text_with_quotes("continuation")) if t)


def _ops(old: str, new: str, options: TextOptions) -> tuple[WordOp, ...]:
    if options.same(old, new):
        return ()
    return word_diff(old, new, options)


def _parents(tops) -> dict[int, str]:
    """Citation of each provision's parent (by identity), to say where a moved one came from."""
    out: dict[int, str] = {}
    stack = [(p, "") for p in tops]
    while stack:
        p, parent = stack.pop()
        out[id(p)] = parent
        stack.extend((c, p.citation) for c in p.children)
    return out


def _change(node: Node, mode: str, options: TextOptions, part: str | None, parents: dict[int, str]) -> Change:
    p = node.new if node.new is not None else node.old
    assert p is not None
    if part is None:  # top level: a Part or schedule names itself; sections outside Parts are "Body"
        part = p.citation if p.level == 0 and p.kind in ("part", "schedule", "title", "division") else "Body"
    children = tuple(_change(c, mode, options, part, parents) for c in node.children)
    old, new = node.old, node.new
    if old is None or new is None:
        return Change(node.how, old, new, node.similarity, children=children, part=part)
    heading_ops = _ops(old.heading or "", new.heading or "", options)
    old_text = "\n".join(_own_text(x) for x in [old, *node.old_also] if _own_text(x))
    new_text = "\n".join(_own_text(x) for x in [new, *node.new_also] if _own_text(x))
    text_ops = _ops(old_text, new_text, options)
    if node.how in ("split", "merged", "moved"):
        kind = node.how
        if kind == "moved" and mode == "successor":
            kind = "renumbered" if old.citation != new.citation else ("modified" if heading_ops or text_ops
                                                                      else "unchanged")
    elif key(old) != key(new):  # its own number changed (not just its parent's)
        kind = "renumbered"
    else:
        kind = "modified" if heading_ops or text_ops else "unchanged"
    return Change(kind, old, new, round(node.similarity, 4), heading_ops, text_ops, children,
                  tuple(node.old_also), tuple(node.new_also), part,
                  moved_from=parents.get(id(old), "") if kind == "moved" else "")


__all__ = ["KINDS", "MODES", "Change", "DiffOptions", "DiffResult", "Summary", "TextOptions", "WordOp",
           "diff", "guess_mode", "word_diff"]
