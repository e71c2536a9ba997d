"""USLM: the US Code (namespace 1.0) and govinfo bills (``http://schemas.gpo.gov/xml/uslm``).

Every level is named by its element: ``title``, ``subtitle``, ``division``,
``section``, ``subsection``, ``paragraph``, ``subparagraph``, ``clause``,
``subclause``, ``item``, ``subitem``; text sits in ``chapeau``, ``content``
and ``continuation``. ``quotedContent`` holding structure is a block quote.
Editorial ``note``/``notes``, ``toc`` and ``sourceCredit`` are not law and are left out.
"""

from __future__ import annotations


from lxml import etree

from ..model.draft import Draft
from .common import assemble, text_of, unplaced
from .walker import (BLOCK, HEADING, INLINE_QUOTE, NUM, QUOTE, SKIP, STRUCT,
                     Grammar, walker_for)

NS1 = "http://xml.house.gov/schemas/uslm/1.0"
NS2 = "http://schemas.gpo.gov/xml/uslm"
DC = "http://purl.org/dc/elements/1.1/"

_GROUPS = ("title", "subtitle", "chapter", "subchapter", "part", "subpart", "division",
           "subdivision", "appropriations")
_LEVELS = {"section": 1, "subsection": 2, "paragraph": 3, "subparagraph": 4, "clause": 5,
           "subclause": 6, "item": 7, "subitem": 8, "subsubitem": 9}
_STRUCTURAL = set(_GROUPS) | set(_LEVELS)


class UslmGrammar(Grammar):
    def __init__(self, ns: str) -> None:
        n = "{%s}" % ns
        self.n = n
        roles = {n + name: STRUCT for name in _STRUCTURAL}
        roles.update({
            n + "num": NUM, n + "heading": HEADING, n + "subheading": SKIP,
            n + "chapeau": BLOCK, n + "content": BLOCK, n + "continuation": BLOCK,
            n + "p": BLOCK, n + "proviso": "inline", n + "tr": BLOCK, n + "td": BLOCK, n + "th": BLOCK,
            n + "quotedContent": QUOTE, n + "quotedText": INLINE_QUOTE,
            n + "note": SKIP, n + "notes": SKIP, n + "toc": SKIP, n + "sourceCredit": SKIP,
            n + "meta": SKIP, n + "amendingAction": "inline", n + "endMarker": SKIP,
            n + "headingText": "inline", n + "layout": BLOCK, n + "column": BLOCK,
        })
        self.roles = roles
        self.dynamic = frozenset(tag for tag, role in roles.items() if role == QUOTE)
        self.known = frozenset(n + name for name in ("ref", "i", "b", "sup", "sub", "inline", "term", "date", "br",
                                                     "shortTitle", "longTitle", "docTitle", "officialTitle",
                                                     "resolvingClause", "enactingFormula", "span", "del", "ins",
                                                     "footnote", "def", "entity", "img", "table", "tbody",
                                                     "thead", "colgroup", "col", "caption", "page", "center",
                                                     "property", "action", "actionDescription", "sidenote"))

    def role(self, el: etree._Element) -> str:
        tag = el.tag
        if not isinstance(tag, str):
            return SKIP
        role = self.roles.get(tag, "inline")
        if role == QUOTE and not any(c.tag.startswith(self.n) and c.tag[len(self.n):] in _STRUCTURAL
                                     for c in el.iter() if isinstance(c.tag, str) and c is not el):
            return INLINE_QUOTE  # quotedContent of words only stays in the text
        return role

    def open(self, el: etree._Element, parent: Draft | None) -> Draft:
        local = el.tag[len(self.n):]
        source_id = el.get("identifier") or el.get("id")
        if local in _LEVELS:
            return Draft(kind=None if local == "section" else local, level=_LEVELS[local], source_id=source_id)
        return Draft(kind=local if local != "part" else "part", level=0, source_id=source_id)

    marks_in_quotes = True

    def quote(self, el: etree._Element):
        return ("", "", el.get("id"))


def parse(tree: etree._ElementTree, source: str):
    root = tree.getroot()
    ns = etree.QName(root).namespace
    n = "{%s}" % ns
    walker = walker_for(UslmGrammar, ns)
    meta = _metadata(root, n, source)
    body = walker.children(root.find(n + "main"))
    return assemble(meta, body, [], (), unplaced(walker))


def _metadata(root: etree._Element, n: str, source: str) -> dict:
    meta = root.find(n + "meta")

    def get(path: str) -> str | None:
        if meta is None:
            return None
        el = meta.find(path, {"dc": DC, "u": n[1:-1]})
        return text_of(el) if el is not None else None

    local = etree.QName(root).localname
    dc_type = (get("dc:type") or "").lower()
    if local == "uscDoc":
        doc_type = "code"
    elif "resolution" in dc_type or local == "resolution":
        doc_type = "resolution"
    elif "act" in dc_type and "bill" not in dc_type:
        doc_type = "act"
    else:
        doc_type = "bill"
    title = get("dc:title") or source
    official = next(root.iter(n + "officialTitle"), None)
    short = next(root.iter(n + "shortTitle"), None)
    congress = get("u:congress")
    number = get("u:docNumber")
    citable = get("u:citableAs")
    stage = get("u:docStage") or get("u:docPublicationName")
    date = None
    if meta is not None:
        d = meta.find(f"{n}action/{n}date")
        if d is not None:
            date = d.get("date") or text_of(d)
    return dict(
        title=title,
        short_title=text_of(short) if short is not None else (citable or title),
        long_title=text_of(official) if official is not None else None,
        year=None,
        number=number,
        jurisdiction="us",
        doc_type=doc_type,
        subtype=f"congress-{congress}" if congress else None,
        version=stage,
        date=date,
        uri=None,
        format="uslm",
        source=source,
    )
