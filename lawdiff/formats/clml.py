"""legislation.gov.uk CLML (Crown Legislation Markup Language).

Structure: ``Part``, ``Chapter``, ``Pblock`` (cross-heading), ``P1group``
(the heading of the section inside it), ``P1``–``P6`` (section to further
levels), ``Schedules``/``Schedule``. Quoted amendments are ``BlockAmendment``
(block) and ``InlineAmendment``; change markers are ``Substitution``,
``Addition``, ``Repeal``; commentary is referenced by ``CommentaryRef``.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model.draft import Draft
from ..model.numbers import roman
from .common import assemble, text_of, uk_type, unplaced
from .walker import (ANNOT, BLOCK, HEADING, INLINE_QUOTE, NOTEREF, NUM, QUOTE, SKIP, STRUCT,
                     TRANSPARENT, Grammar, walker_for)

NS = "http://www.legislation.gov.uk/namespaces/legislation"
UKM = "http://www.legislation.gov.uk/namespaces/metadata"
DC = "http://purl.org/dc/elements/1.1/"
XHTML = "http://www.w3.org/1999/xhtml"
L = "{%s}" % NS

_GROUPS = {"Part": "part", "Chapter": "chapter", "Pblock": "crossheading", "PsubBlock": "crossheading",
           "Schedule": "schedule", "EUPart": "part", "EUTitle": "title", "EUChapter": "chapter",
           "EUSection": "group", "EUSubsection": "group", "Division": "group"}
_LIST_ITEM, _P1GROUP, _TITLE, _P1 = L + "ListItem", L + "P1group", L + "Title", L + "P1"
_PNUMBER = L + "Pnumber"
# CLML's inline, list and table elements: their words run on in the text around them
_INLINE = ("InternalLink", "ExternalLink", "Term", "Definition", "Emphasis", "Strong", "Italic", "Underline",
           "SmallCaps", "Superior", "Inferior", "Uppercase", "Expanded", "Strike", "Span", "Character", "Acronym",
           "Abbreviation", "AppendText", "UnorderedList", "OrderedList", "KeyList", "Key", "Value", "Tabular",
           "TableText", "Formula", "Where", "P", "ScheduleBody", "FragmentTitle", "Proviso", "BlockText",
           "PrimaryPrelims", "SecondaryPrelims", "LongTitle", "DateOfEnactment", "EnactingText", "IntroductoryText",
           "Body", "Schedules", "Primary", "Secondary", "Division", "Group", "Signee", "PersonName", "JobTitle",
           "Department", "Address", "AddressLine", "DateSigned", "LSseal", "DateText", "ListItem")
_P_LEVELS = {f"{L}P{n}": n for n in range(1, 7)}


class ClmlGrammar(Grammar):
    def __init__(self) -> None:
        roles = {}
        for name in _GROUPS:
            roles[L + name] = STRUCT
        for n in range(1, 7):
            roles[f"{L}P{n}"] = STRUCT
            roles[f"{L}P{n}para"] = TRANSPARENT
        roles.update({
            L + "Pnumber": NUM, L + "Number": NUM,
            L + "Title": HEADING, L + "TitleBlock": HEADING,
            L + "BlockAmendment": QUOTE, L + "BlockExtract": QUOTE,
            L + "InlineAmendment": INLINE_QUOTE, L + "InlineExtract": INLINE_QUOTE,
            L + "Substitution": ANNOT, L + "Addition": ANNOT, L + "Repeal": ANNOT,
            L + "Citation": ANNOT, L + "CitationSubRef": ANNOT,
            L + "CommentaryRef": NOTEREF, L + "FootnoteRef": NOTEREF,
            L + "Text": BLOCK, L + "Para": BLOCK, L + "ListItem": BLOCK,
            f"{{{XHTML}}}td": BLOCK, f"{{{XHTML}}}th": BLOCK, f"{{{XHTML}}}caption": BLOCK,
            L + "Reference": SKIP, L + "Footnotes": SKIP, L + "Commentaries": SKIP,
            L + "Figure": SKIP, L + "Image": SKIP, L + "Resources": SKIP, L + "Subtitle": SKIP,
            L + "SignedSection": SKIP, L + "ExplanatoryNotes": SKIP, L + "EarlierOrders": SKIP,
        })
        self.roles = roles
        self.dynamic = frozenset({_LIST_ITEM, _P1GROUP, _TITLE})
        self.known = frozenset(L + name for name in _INLINE)

    def role(self, el: etree._Element) -> str:
        tag = el.tag
        if not isinstance(tag, str):
            return SKIP
        if tag == _LIST_ITEM:
            parent = el.getparent()
            if _is_definition_list(parent) or (parent is not None and parent.tag == L + "OrderedList"
                                               and parent.get("Decoration") != "none"):
                return STRUCT
            return BLOCK
        if tag == _P1GROUP:
            # In a schedule a P1group's title is a cross-heading (as legislation.gov.uk's
            # Akoma Ntoso has it); in the body it is the heading of the section it groups.
            return STRUCT if _in_schedule(el) else TRANSPARENT
        if tag == _TITLE and el.getparent().tag == _P1GROUP and not _in_schedule(el):
            return SKIP
        return self.roles.get(tag, "inline")

    def open(self, el: etree._Element, parent: Draft | None) -> Draft:
        tag = el.tag
        source_id = el.get("id")
        level = _P_LEVELS.get(tag)
        if level:  # P1 to P6, most provisions: their level is in their name
            return Draft(level=level, source_id=source_id)
        local = tag[len(L):]
        if local in _GROUPS:
            return Draft(kind=_GROUPS[local], level=0, source_id=source_id)
        if local == "P1group":
            return Draft(kind="crossheading", level=0, source_id=source_id)
        parent_level = parent.level if parent is not None else 0
        if local == "ListItem":
            if el.getparent().tag == L + "OrderedList":
                num = _list_number(el)
                label = f"({num})" if el.getparent().get("Decoration") == "parens" else num
                return Draft(level=parent_level + 1, num=num, label=label, source_id=source_id)
            # A definition carries its parent's level, so its paragraphs number on from it.
            return Draft(kind="definition", level=parent_level, source_id=source_id)
        return Draft(level=int(local[1]), source_id=source_id)

    def finish(self, draft: Draft, el: etree._Element) -> None:
        tag = el.tag
        if tag == _P1 and draft.heading is None:
            parent = el.getparent()
            if parent is not None and parent.tag == _P1GROUP and not _in_schedule(parent):
                title = parent.find(_TITLE)
                if title is not None:
                    text, _, spans = self.walker._field_of(title, "heading")
                    draft.heading = text or None
                    draft.annotations.extend(spans)
        if draft.num and draft.level >= 1 and tag != _LIST_ITEM:
            # CLML leaves brackets to the renderer: Pnumber "1" of a P2 prints "(1)", unless the
            # number says otherwise (PuncBefore / PuncAfter)
            number = el.find(_PNUMBER)
            if number is not None and (number.get("PuncBefore") is not None or number.get("PuncAfter") is not None):
                draft.label = (number.get("PuncBefore") or "") + draft.num + (number.get("PuncAfter") or "")
            else:
                draft.label = f"({draft.num})" if draft.level >= 2 else draft.num
        if draft.kind == "schedule" and draft.heading:
            draft.heading = draft.heading.split("\n")[0]

    def term(self, el: etree._Element) -> str | None:
        if el.tag != L + "ListItem":
            return None
        term = next(el.iter(L + "Term"), None)
        return text_of(term) if term is not None else None

    def annotation(self, el: etree._Element):
        local = el.tag[len(L):]
        if local in ("Citation", "CitationSubRef"):  # a link, as Akoma Ntoso's ref: kept for amendments
            return ("ref", el.get("URI"), None)
        if local in ("CommentaryRef", "FootnoteRef"):
            return ("commentary" if local == "CommentaryRef" else "footnote", el.get("Ref"), None)
        return (local.lower(), el.get("CommentaryRef"), el.get("ChangeId"))


def _list_number(item: etree._Element) -> str:
    """The number CLML leaves to the renderer: OrderedList Type="alpha" gives a, b, c ..."""
    override = item.get("NumberOverride")
    if override:
        return override
    parent = item.getparent()
    index = sum(1 for _ in item.itersiblings(_LIST_ITEM, preceding=True)) + int(parent.get("Start") or 1)
    kind = parent.get("Type") or "arabic"
    if kind.startswith("alpha"):
        value = ""
        n = index
        while n:
            n, r = divmod(n - 1, 26)
            value = chr(ord("a") + r) + value
    elif kind.startswith("roman"):
        value = roman(index)
    else:
        value = str(index)
    return value.upper() if kind.endswith("Upper") else value


def _in_schedule(el: etree._Element) -> bool:
    """Inside a schedule, or inside quoted text that will go into one."""
    for a in el.iterancestors(L + "Schedule", L + "BlockAmendment"):
        return a.tag == L + "Schedule" or a.get("Context") == "schedule"
    return False


def _is_definition_list(parent: etree._Element | None) -> bool:
    # The key to a formula ("where— x is the value ...") is laid out as a definition list but
    # defines no terms of the Act; legislation.gov.uk's Akoma Ntoso keeps it as plain text too.
    return (parent is not None and parent.tag == L + "UnorderedList" and parent.get("Class") == "Definition"
            and not any(a.tag == L + "Where" for a in parent.iterancestors()))


def parse(tree: etree._ElementTree, source: str):
    root = tree.getroot()
    walker = walker_for(ClmlGrammar)
    body = root.find(f"{L}Primary/{L}Body")
    if body is None:
        body = root.find(f"{L}Secondary/{L}Body")
    if body is None:
        body = next(root.iter(L + "Body"), None)
    schedules = next(root.iter(L + "Schedules"), None)
    body_drafts = walker.children(body)
    schedule_drafts = walker.children(schedules)
    meta = _metadata(root, source)
    commentaries = tuple(
        (c.get("id"), text_of(c)) for c in root.iter(L + "Commentary", L + "Footnote") if c.get("id")
    )
    return assemble(meta, body_drafts, schedule_drafts, commentaries, unplaced(walker))




def _metadata(root: etree._Element, source: str) -> dict:
    meta = root.find(f"{{{UKM}}}Metadata")
    if meta is None:
        meta = root.find(L + "Metadata")
    if meta is None:
        meta = root

    def first(path: str) -> etree._Element | None:
        return next(iter(meta.iterfind(path, {"ukm": UKM, "dc": DC})), None)

    def value(path: str, attr: str = "Value") -> str | None:
        el = first(path)
        return el.get(attr) if el is not None else None

    title_el = first("dc:title")
    title = text_of(title_el) if title_el is not None else None
    ident = first("dc:identifier")
    identifier = text_of(ident) if ident is not None else None
    main_type = value(".//ukm:DocumentMainType")
    minor_type = value(".//ukm:DocumentMinorType")
    status = value(".//ukm:DocumentStatus")
    year = value(".//ukm:Year")
    number = value(".//ukm:Number")
    prelim_title = next(root.iter(L + "Title"), None) if root.find(f"{L}Primary") is None else \
        root.find(f"{L}Primary/{L}PrimaryPrelims/{L}Title")
    long_title = next(root.iter(L + "LongTitle"), None)
    uri = root.get("DocumentURI") or identifier
    version = _version(root, uri, status, main_type or "")
    date = (value(".//ukm:EnactmentDate", "Date") or value(".//ukm:Made", "Date")
            or value(".//ukm:MadeDate", "Date"))
    jurisdiction, doc_type, subtype = uk_type(main_type, identifier or uri)
    return dict(
        title=title or (text_of(prelim_title) if prelim_title is not None else source),
        short_title=title,
        long_title=text_of(long_title) if long_title is not None else None,
        year=int(year) if year and year.isdigit() else None,
        number=number or None,
        jurisdiction=jurisdiction,
        doc_type=doc_type,
        subtype=subtype,
        version=version,
        date=date,
        uri=uri,
        format="clml",
        source=source,
        si_unit=minor_type or "regulation",
    )


def _version(root: etree._Element, uri: str | None, status: str | None, main_type: str) -> str | None:
    start = root.get("RestrictStartDate")
    if uri:
        last = uri.rstrip("/").rsplit("/", 1)[-1]
        if last in ("enacted", "made", "created", "adopted") or re.fullmatch(r"\d{4}-\d{2}-\d{2}", last):
            return last
    if start:
        return start
    if status == "final":
        return "made" if "Instrument" in main_type or "Rule" in main_type else "enacted"
    return status
