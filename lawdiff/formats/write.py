"""Writing documents back as CLML or Akoma Ntoso.

The writers are the parsers' mirror: what they write, lawdiff reads back as the
same tree (citations, headings, words, quoted material). They write the structure
and words lawdiff models, not everything the source had (commentaries, tables'
layout and legislation.gov.uk's presentation attributes are not kept), so an
amended Act can be diffed, searched, rendered or amended again.

    >>> import lawdiff
    >>> act = lawdiff.load("example:surveillance-act")
    >>> again = lawdiff.parse_bytes(to_akn(act), "round-trip.xml")
    >>> [p.citation for p in again.walk()] == [p.citation for p in act.walk()]
    True
"""

from __future__ import annotations

from lxml import etree

from ..model import Document, Provision
from . import akn, clml
from .common import UK_TYPES

_L = "{%s}" % clml.NS
_UKM = "{%s}" % clml.UKM
_DC = "{%s}" % clml.DC
_A = "{%s}" % akn.NS3
_MAIN_TYPE = {code: main for main, code in UK_TYPES.items()}


def write(doc: Document, fmt: str | None = None) -> bytes:
    """``doc`` as ``fmt`` (clml or akn; by default the format it was read from)."""
    fmt = fmt or doc.meta.format
    if fmt == "clml":
        return to_clml(doc)
    if fmt == "akn":
        return to_akn(doc)
    from ..errors import LawdiffError

    raise LawdiffError(f"lawdiff writes CLML and Akoma Ntoso, not {fmt!r}")


def _texts(text: str) -> list[str]:
    return [t for t in text.split("\n") if t.strip()]


def _pieces(p: Provision, where: str) -> list[tuple[str, object]]:
    """A text field as ("text", words) and ("quote", Quote) pieces, quotes at their offsets."""
    text = getattr(p, where)
    quotes = sorted((q for q in p.quotes if q.block and q.where == where), key=lambda q: q.offset)
    out: list[tuple[str, object]] = []
    pos = 0
    for q in quotes:
        if text[pos:q.offset].strip():
            out.append(("text", text[pos:q.offset]))
        out.append(("quote", q))
        pos = q.offset
    if text[pos:].strip():
        out.append(("text", text[pos:]))
    return out


# -- CLML ---------------------------------------------------------------------------

def to_clml(doc: Document) -> bytes:
    m = doc.meta
    root = etree.Element(_L + "Legislation", nsmap={None: clml.NS, "ukm": clml.UKM, "dc": clml.DC})
    if m.uri:
        root.set("DocumentURI", m.uri)
    meta = etree.SubElement(root, _UKM + "Metadata")
    etree.SubElement(meta, _DC + "title").text = m.short_title or m.title
    secondary = m.doc_type == "si"
    kind = etree.SubElement(meta, _UKM + ("SecondaryMetadata" if secondary else "PrimaryMetadata"))
    classification = etree.SubElement(kind, _UKM + "DocumentClassification")
    main = _MAIN_TYPE.get(m.subtype or "", "UnitedKingdomStatutoryInstrument" if secondary
                          else "UnitedKingdomPublicGeneralAct")
    etree.SubElement(classification, _UKM + "DocumentMainType").set("Value", main)
    if secondary:
        etree.SubElement(classification, _UKM + "DocumentMinorType").set("Value", doc.conventions.section_kind)
    etree.SubElement(classification, _UKM + "DocumentStatus").set("Value", "revised")
    if m.year:
        etree.SubElement(kind, _UKM + "Year").set("Value", str(m.year))
    if m.number:
        etree.SubElement(kind, _UKM + "Number").set("Value", m.number)
    top = etree.SubElement(root, _L + ("Secondary" if secondary else "Primary"))
    body = etree.SubElement(top, _L + "Body")
    for p in doc.body:
        _clml(body, p, in_schedule=False)
    if doc.schedules:
        schedules = etree.SubElement(top, _L + "Schedules")
        for p in doc.schedules:
            _clml(schedules, p, in_schedule=True)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


_CLML_GROUP = {"part": "Part", "chapter": "Chapter", "crossheading": "Pblock", "group": "Pblock"}


def _clml(parent: etree._Element, p: Provision, in_schedule: bool) -> None:
    if p.level == 0:
        if p.kind == "schedule":
            el = etree.SubElement(parent, _L + "Schedule")
            if p.source_id:
                el.set("id", p.source_id)
            etree.SubElement(el, _L + "Number").text = f"Schedule {p.num}" if p.num else "Schedule"
            if p.heading:
                etree.SubElement(etree.SubElement(el, _L + "TitleBlock"), _L + "Title").text = p.heading
            holder = etree.SubElement(el, _L + "ScheduleBody")
            for c in p.children:
                _clml(holder, c, True)
            return
        el = etree.SubElement(parent, _L + _CLML_GROUP.get(p.kind, "Pblock"))
        if p.num:
            etree.SubElement(el, _L + "Number").text = f"{_CLML_GROUP.get(p.kind, 'Part')} {p.num}"
        if p.heading:
            etree.SubElement(el, _L + "Title").text = p.heading
        _clml_field(el, p, "chapeau")  # a group's own words: a table of repeals, say
        for c in p.children:
            _clml(el, c, in_schedule)
        return
    if p.kind == "definition":
        wrapper = etree.SubElement(parent, _L + "UnorderedList", Class="Definition", Decoration="none")
        item = etree.SubElement(wrapper, _L + "ListItem")
        para = etree.SubElement(item, _L + "Para")
        _clml_field(para, p, "chapeau")
        for c in p.children:
            _clml(item, c, in_schedule)
        _clml_field(item, p, "continuation")
        return
    level = min(p.level, 6)
    holder = parent
    if level == 1 and p.heading and not in_schedule:
        holder = etree.SubElement(parent, _L + "P1group")
        etree.SubElement(holder, _L + "Title").text = p.heading
    el = etree.SubElement(holder, f"{_L}P{level}")
    if p.source_id:
        el.set("id", p.source_id)
    if p.num:
        etree.SubElement(el, _L + "Pnumber").text = p.num
    para = etree.SubElement(el, f"{_L}P{level}para")
    _clml_field(para, p, "chapeau")
    for c in p.children:
        _clml(para, c, in_schedule)
    _clml_field(para, p, "continuation")


def _clml_field(parent: etree._Element, p: Provision, where: str) -> None:
    text_el = None  # a quotation sits inside the Text it interrupts; the words after it are its tail
    for kind, value in _pieces(p, where):
        if kind == "text":
            lines = value.split("\n")  # type: ignore[union-attr]
            for k, line in enumerate(lines):
                if k == 0 and text_el is not None and len(text_el):
                    text_el[-1].tail = (text_el[-1].tail or "") + line
                elif line.strip():
                    text_el = etree.SubElement(parent, _L + "Text")
                    text_el.text = line
        else:
            if text_el is None:
                text_el = etree.SubElement(parent, _L + "Text")
            block = etree.SubElement(text_el, _L + "BlockAmendment", TargetClass="primary", Context="main")
            if value.provisions:  # type: ignore[union-attr]
                for q in value.provisions:  # type: ignore[union-attr]
                    _clml(block, q, False)
            else:
                for line in _texts(value.text):  # type: ignore[union-attr]
                    etree.SubElement(block, _L + "Text").text = line


# -- Akoma Ntoso -----------------------------------------------------------------------

_AKN_LEVELS = {1: "section", 2: "subsection", 3: "paragraph", 4: "subparagraph"}
_AKN_GROUP = {"part": "part", "chapter": "chapter", "title": "title", "division": "division"}


def to_akn(doc: Document) -> bytes:
    m = doc.meta
    root = etree.Element(_A + "akomaNtoso", nsmap={None: akn.NS3, "ukm": clml.UKM, "dc": clml.DC})
    kind = "bill" if m.doc_type == "bill" else "act"
    top = etree.SubElement(root, _A + kind, name=m.subtype or kind)
    meta = etree.SubElement(top, _A + "meta")
    ident = etree.SubElement(meta, _A + "identification", source="#lawdiff")
    work = etree.SubElement(ident, _A + "FRBRWork")
    etree.SubElement(work, _A + "FRBRthis", value=m.uri or "/akn/lawdiff")
    etree.SubElement(work, _A + "FRBRuri", value=m.uri or "/akn/lawdiff")
    etree.SubElement(work, _A + "FRBRdate", date=m.date or "1000-01-01", name="made")
    etree.SubElement(work, _A + "FRBRauthor", href="#author")
    etree.SubElement(work, _A + "FRBRcountry", value="GB" if m.jurisdiction == "uk" else m.jurisdiction.upper())
    etree.SubElement(work, _A + "FRBRname", value=m.title)
    proprietary = etree.SubElement(meta, _A + "proprietary", source="#lawdiff")
    etree.SubElement(proprietary, _DC + "title").text = m.short_title or m.title
    meta_kind = etree.SubElement(proprietary, _UKM + ("SecondaryMetadata" if m.doc_type == "si" else "PrimaryMetadata"))
    main = _MAIN_TYPE.get(m.subtype or "")
    if main:
        classification = etree.SubElement(meta_kind, _UKM + "DocumentClassification")
        etree.SubElement(classification, _UKM + "DocumentMainType").set("Value", main)
    if m.year:
        etree.SubElement(meta_kind, _UKM + "Year").set("Value", str(m.year))
    if m.number:
        etree.SubElement(meta_kind, _UKM + "Number").set("Value", m.number)
    body = etree.SubElement(top, _A + "body")
    for p in doc.body:
        _akn(body, p)
    if doc.schedules:
        schedules = etree.SubElement(body, _A + "hcontainer", name="schedules")
        for p in doc.schedules:
            _akn(schedules, p)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _akn(parent: etree._Element, p: Provision) -> None:
    if p.level == 0:
        if p.kind in _AKN_GROUP:
            el = etree.SubElement(parent, _A + _AKN_GROUP[p.kind])
        else:
            el = etree.SubElement(parent, _A + "hcontainer", name="schedule" if p.kind == "schedule" else "crossheading")
        if p.num:
            label = {"part": "Part", "chapter": "Chapter", "schedule": "Schedule"}.get(p.kind, "")
            etree.SubElement(el, _A + "num").text = f"{label} {p.num}".strip()
    elif p.kind == "definition":
        el = etree.SubElement(parent, _A + "hcontainer", name="definition")
    else:
        el = etree.SubElement(parent, _A + _AKN_LEVELS.get(p.level, "level"))
        # always a num, if empty: an unnumbered level with neither num nor heading is read as text
        etree.SubElement(el, _A + "num").text = (p.num if p.level == 1 else f"({p.num})") if p.num else None
    if p.source_id:
        el.set("eId", p.source_id)
    if p.heading:
        etree.SubElement(el, _A + "heading").text = p.heading
    if p.children:
        if p.chapeau:
            _akn_field(etree.SubElement(el, _A + "intro"), p, "chapeau")
        for c in p.children:
            _akn(el, c)
        if p.continuation:
            _akn_field(etree.SubElement(el, _A + "wrapUp"), p, "continuation")
    elif p.chapeau or p.continuation or p.level:
        content = etree.SubElement(el, _A + "content")
        _akn_field(content, p, "chapeau")
        _akn_field(content, p, "continuation")


def _akn_field(parent: etree._Element, p: Provision, where: str) -> None:
    para = None
    for kind, value in _pieces(p, where):
        if kind == "text":
            lines = _texts(value)  # type: ignore[arg-type]
            for k, line in enumerate(lines):
                if para is None or k > 0:
                    para = etree.SubElement(parent, _A + "p")
                    para.text = line
                else:  # words after a quotation run on in the same paragraph
                    last = para[-1] if len(para) else None
                    if last is not None:
                        last.tail = (last.tail or "") + " " + line
                    else:
                        para.text = (para.text or "") + " " + line
        else:
            if para is None:
                para = etree.SubElement(parent, _A + "p")
            mod = etree.SubElement(para, _A + "mod")
            quoted = etree.SubElement(mod, _A + "quotedStructure", startQuote=value.start_quote or "“",  # type: ignore
                                      endQuote=value.end_quote or "”")  # type: ignore[union-attr]
            if value.provisions:  # type: ignore[union-attr]
                for q in value.provisions:  # type: ignore[union-attr]
                    _akn(quoted, q)
            else:
                for line in _texts(value.text):  # type: ignore[union-attr]
                    etree.SubElement(quoted, _A + "p").text = line
    if para is None and getattr(p, where):
        etree.SubElement(parent, _A + "p").text = getattr(p, where)
