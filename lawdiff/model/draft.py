"""Drafts: the mutable tree a format parser fills in, before it is frozen.

Parsers know structure (this element is a level-2 provision numbered "1") but
not the document's conventions (is level 2 a subsection or a paragraph? is
level 1 cited "s." or "reg."?). They build :class:`Draft` nodes; :func:`freeze`
names the kinds, derives the paths and citations, and returns immutable
:class:`~lawdiff.model.provision.Provision` trees.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .conventions import PATH_PREFIX, Conventions
from .provision import Annotation, Provision, Quote


@dataclass(slots=True)
class DraftQuote:
    where: str
    offset: int
    text: str
    block: bool = True
    drafts: list["Draft"] = field(default_factory=list)
    source_id: str | None = None
    start_quote: str = ""
    end_quote: str = ""


@dataclass(slots=True)
class Draft:
    """A provision under construction.

    ``kind`` is set for groups (part, schedule, ...), definitions and formats
    that name every level (USLM); otherwise it is ``None`` and the level names it.
    """

    kind: str | None = None
    level: int = 0
    num: str | None = None
    label: str | None = None  # the number as printed: "(1)", "12A"
    heading: str | None = None
    chapeau: str = ""
    continuation: str = ""
    children: list["Draft"] = field(default_factory=list)
    source_id: str | None = None
    quotes: list[DraftQuote] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    term: str | None = None


_SLUG = re.compile(r"[^A-Za-z0-9.]+")


@lru_cache(maxsize=4096)  # numbers repeat ("1", "a") thousands of times in a long Act
def slug(value: str) -> str:
    """A path-safe form of a number or term: ``7A`` stays ``7A``, spaces become ``_``."""
    return _SLUG.sub("_", value.strip()).strip("_") or "_"


@dataclass
class _Context:
    conventions: Conventions
    root: str = ""  # path everything hangs from: "" in a document, the host's path in a quote
    in_schedule: bool = False
    schedule_num: str | None = None
    schedule_path: str = ""
    group_path: str = ""  # path of the nearest enclosing group
    group_citation: str = ""
    part_num: str | None = None
    section_num: str | None = None
    subs: tuple[str, ...] = ()
    section_path: str = ""
    citation: str = ""
    duplicates: frozenset[str] = frozenset()
    taken: set[str] = field(default_factory=set)  # every path given so far (shared by the children's copies)


def freeze(drafts: list[Draft], conventions: Conventions, in_schedule: bool = False,
           prefix: str = "") -> tuple[Provision, ...]:
    """Turn parser drafts into provisions with kinds, paths and citations."""
    ctx = _Context(conventions, root=prefix, in_schedule=in_schedule, schedule_path=prefix, group_path=prefix)
    ctx.duplicates = _duplicate_sections(drafts, in_schedule)
    return _freeze_siblings(drafts, ctx)


def _duplicate_sections(drafts: list[Draft], in_schedule: bool) -> frozenset[str]:
    """Section numbers used twice (US divisions restart at sec. 101): these get qualified paths."""
    seen: Counter[str] = Counter()

    def visit(nodes: list[Draft], schedule: str | None) -> None:
        for node in nodes:
            if node.kind == "schedule":
                visit(node.children, node.num or "")
            elif node.level == 0:
                visit(node.children, schedule)
            elif node.level == 1 and node.num:
                seen[f"{schedule}|{node.num}"] += 1

    visit(drafts, "" if in_schedule else None)
    return frozenset(k for k, n in seen.items() if n > 1)


def _freeze_siblings(drafts: list[Draft], ctx: _Context) -> tuple[Provision, ...]:
    ordinals: dict[str, int] = {}
    return tuple([_freeze_one(draft, ctx, ordinals) for draft in drafts])


def _segment(prefix: str, num: str | None, ordinals: dict[str, int]) -> str:
    if num:
        segment = f"{prefix}-{slug(num)}"
        # The same number twice among siblings (Lawmaker's alternative versions, "__oc_1"):
        # the second is "~2", so every path stays unique.
        seen = ordinals[segment] = ordinals.get(segment, 0) + 1
        return segment if seen == 1 else f"{segment}~{seen}"
    key = prefix + "#"
    seen = ordinals[key] = ordinals.get(key, 0) + 1
    return f"{prefix}-u{seen}"


def _place(ctx: "_Context", base: str, segment: str) -> str:
    """``base/segment``, never given twice in a document: a provision that would take a path
    already given (a section nested where no section belongs, in damaged XML) gets "~2"."""
    path = f"{base}/{segment}" if base else segment
    taken = ctx.taken
    if path in taken:
        n = 2
        while f"{path}~{n}" in taken:
            n += 1
        path = f"{path}~{n}"
    taken.add(path)
    return path


def _freeze_one(draft: Draft, ctx: _Context, ordinals: dict[str, int]) -> Provision:
    conv = ctx.conventions
    changes: dict = {}  # what differs in the children's context (a context is made only if there are children)
    if draft.kind == "definition":
        kind = "definition"
        term = draft.term or draft.num or ""
        path = _place(ctx, ctx.section_path or ctx.group_path, _segment("def", slug(term) if term else None, ordinals))
        citation = f"{ctx.citation} (definition of “{term}”)" if ctx.citation else f"definition of “{term}”"
        level = len(ctx.subs) + 2 if ctx.section_num is not None else 1
        changes["section_path"] = path
        changes["citation"] = citation
        changes["section_num"] = None  # its paragraphs are cited from the definition
    elif draft.level == 0:
        kind = draft.kind or "group"
        level = 0
        if kind == "schedule":
            path = _place(ctx, ctx.root, _segment("sch", draft.num, ordinals))
            citation = conv.cite_schedule(draft.num, None, [])
            changes["in_schedule"] = True
            changes["schedule_num"] = draft.num
            changes["schedule_path"] = path
            changes["part_num"] = None
        elif kind == "crossheading":
            seen = ordinals["xhdg"] = ordinals.get("xhdg", 0) + 1
            path = _place(ctx, ctx.group_path, f"xhdg-{seen}")
            citation = f"{ctx.group_citation}, “{draft.heading}”" if ctx.group_citation else f"“{draft.heading or ''}”"
        else:
            path = _place(ctx, ctx.group_path, _segment(PATH_PREFIX.get(kind, "grp"), draft.num, ordinals))
            citation = _group_citation(kind, draft, ctx)
            if kind == "part":
                changes["part_num"] = draft.num
        changes["group_path"] = path
        changes["group_citation"] = citation
    elif draft.level == 1:
        num = draft.num
        if ctx.in_schedule:
            kind = draft.kind or conv.kind_for_level(1, True)
            base = ctx.schedule_path
            path = _place(ctx, base, _segment("para", num, ordinals))
            citation = conv.cite_schedule(ctx.schedule_num, num or "?", [])
        else:
            kind = draft.kind or conv.section_kind
            key = f"{ctx.schedule_num if ctx.in_schedule else None}|{num}"
            base = ctx.group_path if key in ctx.duplicates else ctx.schedule_path
            path = _place(ctx, base, _segment("sec", num, ordinals))
            citation = conv.cite_section(num, []) if num else f"{ctx.group_citation} (unnumbered)".strip()
        level = 1
        changes["section_num"] = num
        changes["subs"] = ()
        changes["section_path"] = path
        changes["citation"] = citation
    else:
        level = draft.level
        kind = draft.kind or conv.kind_for_level(level, ctx.in_schedule)
        path = _place(ctx, ctx.section_path or ctx.group_path, _segment(PATH_PREFIX.get(kind, kind), draft.num, ordinals))
        subs = ctx.subs + ((draft.num or "?"),)
        # "s. 200(1)" + "(a)": the same as citing the whole chain afresh, for a fraction of the work
        citation = f"{ctx.citation or ctx.group_citation}({draft.num or '?'})"
        changes["subs"] = subs
        changes["section_path"] = path
        changes["citation"] = citation
    if draft.children:
        child = _Context.__new__(_Context)  # a plain copy: far cheaper than _Context(**vars(ctx))
        child.__dict__.update(ctx.__dict__)
        child.__dict__.update(changes)
        children = _freeze_siblings(draft.children, child)
    else:
        children = ()
    quotes = tuple(_freeze_quote(q, i, path, conv) for i, q in enumerate(draft.quotes, 1)) if draft.quotes else ()
    return _provision(kind, draft.num, draft.heading, draft.chapeau, draft.continuation, children, path, citation,
                      level, draft.source_id, quotes, tuple(draft.annotations) if draft.annotations else ())


def _slot_setter():
    """``Provision(...)`` made twice as fast: a frozen dataclass's ``__init__`` goes through
    ``object.__setattr__`` once per field; the slots' own setters skip that (same result, checked
    field for field in test_model_is_immutable_and_text_is_split). Arguments in field order."""
    new = object.__new__
    (kind_, num_, heading_, chapeau_, continuation_, children_, path_, citation_, level_, source_id_, quotes_,
     annotations_) = (getattr(Provision, name).__set__ for name in Provision.__slots__)

    def make(kind, num, heading, chapeau, continuation, children, path, citation, level, source_id, quotes,
             annotations) -> Provision:
        p = new(Provision)
        kind_(p, kind); num_(p, num); heading_(p, heading); chapeau_(p, chapeau)  # noqa: E702
        continuation_(p, continuation); children_(p, children); path_(p, path)  # noqa: E702
        citation_(p, citation); level_(p, level); source_id_(p, source_id); quotes_(p, quotes)  # noqa: E702
        annotations_(p, annotations)
        return p

    return make


_provision = _slot_setter()


def _group_citation(kind: str, draft: Draft, ctx: _Context) -> str:
    name = {"part": "Part", "chapter": "Chapter", "title": "title", "subtitle": "subtitle",
            "division": "division", "subdivision": "subdivision", "subpart": "subpart",
            "subchapter": "subchapter"}.get(kind)
    if name is None:  # appropriations headings and other unnumbered groups
        label = f"“{draft.heading}”" if draft.heading else kind
        return f"{ctx.group_citation}, {label}" if ctx.group_citation else label
    own = f"{name} {draft.num}" if draft.num else name
    if kind == "chapter" and ctx.part_num:
        return f"Part {ctx.part_num} {own}" if not ctx.in_schedule else f"{ctx.group_citation} {own}"
    if ctx.in_schedule and ctx.group_citation:
        return f"{ctx.group_citation} {own}"
    if kind in ("subtitle", "subdivision", "subpart", "subchapter") and ctx.group_citation:
        return f"{ctx.group_citation} {own}"
    return own


def _freeze_quote(quote: DraftQuote, index: int, host_path: str, conventions: Conventions) -> Quote:
    # Quoted provisions live under their host's path: ``sec-1/subsec-2/quote-1/sec-226B``.
    provisions = freeze(quote.drafts, conventions, prefix=f"{host_path}/quote-{index}") if quote.drafts else ()
    return Quote(
        where=quote.where,
        offset=quote.offset,
        text=quote.text,
        block=quote.block,
        provisions=provisions,
        source_id=quote.source_id,
        start_quote=quote.start_quote,
        end_quote=quote.end_quote,
    )
