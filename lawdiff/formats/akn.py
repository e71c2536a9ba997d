"""Akoma Ntoso 3.0 (and 2.0), with the UK Lawmaker and legislation.gov.uk dialects.

Hierarchy: ``part``, ``chapter``, ``section``/``article``, ``subsection``,
``paragraph``, ``subparagraph``, ``level``, ``hcontainer`` (cross-headings,
schedules, definitions, regulations); text in ``intro``/``content``/``wrapUp``.
Quoted amendments are ``quotedStructure`` (block) and ``quotedText``; change
markers ``ins``/``del``; commentary ``noteRef``. Lawmaker documents keep their
titles in ``TLCConcept`` variables (``#varActTitle``), resolved here.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model.draft import Draft
from .common import assemble, text_of, uk_type
from .walker import (ANNOT, BLOCK, HEADING, INLINE_QUOTE, NOTEREF, NUM, QUOTE, SKIP, STRUCT,
                     TRANSPARENT, Grammar, walker_for)

NS3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS2 = "http://www.akomantoso.org/2.0"
UKL = "https://www.legislation.gov.uk/namespaces/UK-AKN"
UKM = "http://www.legislation.gov.uk/namespaces/metadata"
DC = "http://purl.org/dc/elements/1.1/"
NAMESPACES = (NS3, NS2)

_GROUPS = {"part": "part", "chapter": "chapter", "title": "title", "subtitle": "subtitle",
           "division": "division", "subdivision": "subdivision", "subpart": "subpart",
           "subchapter": "subchapter", "book": "group", "tome": "group"}
_LEVEL1 = {"section", "article", "rule"}
_LEVELS = {"subsection", "paragraph", "subparagraph", "clause", "subclause", "point", "item",
           "level", "subrule", "alinea", "indent", "list"}
_HCONTAINER = {"crossheading": "crossheading", "schedule": "schedule", "schedules": "schedules",
               "definition": "definition", "regulation": None, "article": None, "rule": None}

# legislation.gov.uk's level classes: para1 is level 3, prov1 level 1
_PARA_CLASS = re.compile(r"(?:para|schPara)(\d)$").match
_PROV_CLASS = re.compile(r"(?:sch)?[Pp]rov(\d)$").match


class AknGrammar(Grammar):
    def __init__(self, ns: str) -> None:
        self.ns = ns
        n = "{%s}" % ns
        self.n = n
        roles = {}
        for name in list(_GROUPS) + list(_LEVEL1) + list(_LEVELS) + ["hcontainer"]:
            roles[n + name] = STRUCT
        roles.update({
            n + "num": NUM, n + "heading": HEADING, n + "subheading": SKIP,
            n + "intro": TRANSPARENT, n + "content": TRANSPARENT, n + "wrapUp": TRANSPARENT,
            n + "wrap": TRANSPARENT, n + "mod": "inline", n + "listIntroduction": BLOCK,
            n + "listWrapUp": BLOCK, n + "p": BLOCK, n + "block": BLOCK, n + "tr": BLOCK,
            n + "td": BLOCK, n + "th": BLOCK, n + "caption": BLOCK, n + "tblock": BLOCK,
            n + "blockContainer": BLOCK, n + "blockList": BLOCK, n + "foreign": "inline",
            n + "quotedStructure": QUOTE, n + "embeddedStructure": QUOTE,
            n + "quotedText": INLINE_QUOTE, n + "embeddedText": INLINE_QUOTE,
            n + "ins": ANNOT, n + "del": ANNOT, n + "noteRef": NOTEREF, n + "ref": ANNOT,
            n + "authorialNote": SKIP, n + "toc": SKIP, n + "meta": SKIP, n + "componentRef": SKIP,
            n + "img": SKIP, n + "eol": "inline", n + "eop": "inline",
        })
        self.roles = roles
        self.dynamic = frozenset(tag for tag, role in roles.items() if role == STRUCT)
        self.affixed = frozenset({n + "def"})
        self._labels = frozenset({n + "num", n + "heading"})

    def role(self, el: etree._Element) -> str:
        tag = el.tag
        if not isinstance(tag, str):
            return SKIP
        role = self.roles.get(tag, "inline")
        if role != STRUCT:
            return role
        local = tag[len(self.n):]
        if local == "hcontainer":
            name = el.get("name")
            if name in _HCONTAINER:
                return STRUCT
            return TRANSPARENT
        if local in _LEVELS or local in _LEVEL1:
            # Unnumbered, unheaded levels are indented blocks of text, not provisions.
            if not any(c.tag in self._labels for c in el):
                return BLOCK
        if local == "item" and el.getparent() is not None and el.getparent().tag == self.n + "blockList":
            return BLOCK
        return STRUCT

    def open(self, el: etree._Element, parent: Draft | None) -> Draft:
        local = el.tag[len(self.n):]
        source_id = el.get("eId") or el.get("id")
        if local == "hcontainer":
            name = el.get("name")
            kind = _HCONTAINER.get(name)
            if kind is None:  # regulation, article, rule: the section level of an SI
                return Draft(level=1, source_id=source_id)
            if kind == "definition":  # carries its parent's level, so its paragraphs number on from it
                return Draft(kind=kind, level=parent.level if parent is not None else 0, source_id=source_id)
            return Draft(kind=kind, level=0, source_id=source_id)
        if local in _GROUPS:
            return Draft(kind=_GROUPS[local], level=0, source_id=source_id)
        parent_level = parent.level if parent is not None else 0
        if local in _LEVEL1:
            return Draft(level=1, source_id=source_id)
        cls = el.get("class") or ""
        m = _PARA_CLASS(cls)
        if m:
            return Draft(level=int(m.group(1)) + 2, source_id=source_id)
        m = _PROV_CLASS(cls)
        if m:
            return Draft(level=int(m.group(1)), source_id=source_id)
        if local == "subsection":
            return Draft(level=max(parent_level + 1, 2), source_id=source_id)
        return Draft(level=parent_level + 1, source_id=source_id)

    def finish(self, draft: Draft, el: etree._Element) -> None:
        # A level-1 guess whose number is bracketed, "(6)", is a paragraph of a regulation
        # quoted on its own: a section's number is never bracketed.
        if draft.kind is None and draft.level == 1 and (draft.label or "").startswith("("):
            draft.level = 2

    def prefix(self, el: etree._Element) -> str:
        if el.tag == self.n + "def":
            return el.get(f"{{{UKL}}}startQuote") or ""
        return ""

    def suffix(self, el: etree._Element) -> str:
        if el.tag == self.n + "def":
            return el.get(f"{{{UKL}}}endQuote") or ""
        return ""

    def term(self, el: etree._Element) -> str | None:
        if el.get("name") != "definition":
            return None
        term = next(el.iter(self.n + "def", self.n + "term"), None)
        return text_of(term) if term is not None else None

    def quote(self, el: etree._Element):
        return (el.get("startQuote") or "", el.get("endQuote") or "", el.get("eId") or el.get("id"))

    def annotation(self, el: etree._Element):
        local = el.tag[len(self.n):]
        if local == "ref":  # a link to the provision the words name: kept, as amendments need it
            return ("ref", el.get("href"), None)
        if local == "noteRef":
            return ("commentary", (el.get("href") or "").lstrip("#") or None, None)
        cls = (el.get("class") or "").split()
        kind = next((c for c in cls if c in ("substitution", "addition", "repeal")),
                    "addition" if local == "ins" else "repeal")
        ukl = "http://www.legislation.gov.uk/namespaces/legislation"
        return (kind, el.get(f"{{{ukl}}}CommentaryRef"), el.get(f"{{{ukl}}}ChangeId"))


def parse(tree: etree._ElementTree, source: str):
    root = tree.getroot()
    ns = etree.QName(root).namespace
    walker = walker_for(AknGrammar, ns)
    n = "{%s}" % ns
    doc = next((c for c in root if isinstance(c.tag, str)), None)
    if doc is None:
        from ..errors import LawdiffError

        raise LawdiffError("Akoma Ntoso document has no document element", source, root.sourceline or 1, 1)
    body = doc.find(n + "body")
    if body is None:
        body = doc.find(n + "mainBody")
    if body is None:
        body = next(doc.iter(n + "body", n + "mainBody"), None)
    drafts = walker.children(body)
    body_drafts = [d for d in drafts if d.kind not in ("schedules", "schedule")]
    schedule_drafts = [d for d in drafts if d.kind in ("schedules", "schedule")]
    attachments = doc.find(n + "attachments")
    if attachments is not None:
        for att in attachments:
            inner = next((c for c in att.iter(n + "body", n + "mainBody")), None)
            schedule_drafts.extend(walker.children(inner))
    meta = _metadata(doc, n, source)
    commentaries = tuple((note.get("eId"), text_of(note)) for note in doc.iter(n + "note") if note.get("eId"))
    return assemble(meta, body_drafts, schedule_drafts, commentaries)




def _metadata(doc: etree._Element, n: str, source: str) -> dict:
    variables = {c.get("eId"): c.get("showAs") or "" for c in doc.iter(n + "TLCConcept") if c.get("eId")}

    def resolve(value: str | None) -> str | None:
        if not value:
            return None
        for _ in range(5):  # variables refer to variables: "#varActTitle" -> "... Act #varActYear"
            new = re.sub(r"#(var\w+)", lambda m: variables.get(m.group(1), ""), value)
            if new == value:
                break
            value = new
        value = " ".join(value.split())
        return value or None

    def frbr(part: str, name: str, attr: str = "value") -> str | None:
        el = doc.find(f"{n}meta/{n}identification/{n}{part}/{n}{name}")
        return resolve(el.get(attr)) if el is not None else None

    proprietary = doc.find(f"{n}meta/{n}proprietary")
    ukm = {}
    if proprietary is not None:
        def val(path, attr="Value"):
            el = proprietary.find(path, {"ukm": UKM, "dc": DC})
            return el.get(attr) if el is not None else None
        title_el = proprietary.find("dc:title", {"dc": DC})
        ukm = {"title": text_of(title_el) if title_el is not None else None,
               "main_type": val(".//ukm:DocumentMainType"), "minor_type": val(".//ukm:DocumentMinorType"),
               "year": val(".//ukm:Year"), "number": val(".//ukm:Number"),
               "date": val(".//ukm:EnactmentDate", "Date") or val(".//ukm:Made", "Date")}
    doc_title = next(doc.iter(n + "docTitle"), None)
    title = (ukm.get("title") or resolve(variables.get("varActTitle")) or resolve(variables.get("varBillTitle"))
             or resolve(variables.get("varSITitle")) or (text_of(doc_title) if doc_title is not None else None)
             or frbr("FRBRWork", "FRBRname") or _alias(doc, n) or source)
    work_uri = frbr("FRBRWork", "FRBRthis")
    expr_uri = frbr("FRBRExpression", "FRBRthis")
    name = doc.get("name") or ""
    element = etree.QName(doc).localname
    jurisdiction, doc_type, subtype = uk_type(ukm.get("main_type"), work_uri)
    country = frbr("FRBRWork", "FRBRcountry") or ""
    if not (country.upper().startswith("GB") or (work_uri or "").find("legislation.gov.uk") >= 0
            or name.startswith("uk") or name.startswith("sp") or name in ("nia", "asp", "mwa", "anaw", "asc")):
        jurisdiction = country.split("-")[0].lower() or "generic"
        doc_type = "bill" if element == "bill" else "act"
        subtype = name or None
    elif not ukm.get("main_type"):
        subtype = name or subtype
        if name in ("ukdsi", "uksi", "ssi", "wsi", "nisr", "sdsi"):
            doc_type = "si"
        elif element == "bill" or name.endswith("pubb"):
            doc_type = "bill"
        else:
            doc_type = "act"
    version = None
    if expr_uri and not expr_uri.startswith("#"):
        trimmed = re.sub(r"/(main|!main)(\.xml)?$", "", expr_uri.rstrip("/"))
        version = trimmed.rsplit("/", 1)[-1]
        if "@" in version:
            version = version.split("@", 1)[1] or None
    version = version or resolve(variables.get("varStageVersion")) or frbr("FRBRExpression", "FRBRversionNumber")
    if version and version.lower().replace(" ", "-").startswith(("enacted", "as-enacted")):
        version = "enacted"  # Lawmaker: "enacted-hl", "As Enacted"
    year = ukm.get("year") or resolve(variables.get("varActYear")) or resolve(variables.get("varBillYear")) \
        or resolve(variables.get("varSIYear"))
    number = ukm.get("number") or resolve(variables.get("varActNoComp")) or resolve(variables.get("varBillNoComp")) \
        or frbr("FRBRWork", "FRBRnumber")
    long_title = next(doc.iter(n + "longTitle"), None)
    date = ukm.get("date") or resolve(variables.get("varAssentDate")) or frbr("FRBRWork", "FRBRdate", "date")
    if date and date.startswith("9999"):
        date = None
    return dict(
        title=title,
        short_title=title,
        long_title=text_of(long_title) if long_title is not None else None,
        year=int(year) if year and year.isdigit() else None,
        number=number if number and not number.startswith("#") else None,
        jurisdiction=jurisdiction,
        doc_type=doc_type,
        subtype=subtype,
        version=version,
        date=date,
        uri=work_uri if work_uri and not work_uri.startswith("#") else None,
        format="akn",
        source=source,
        si_unit=ukm.get("minor_type") or (resolve(variables.get("varDocSubType")) or "regulation").lower().rstrip("s"),
    )


def _alias(doc: etree._Element, n: str) -> str | None:
    """AKN 2.0 documents (Laws.Africa/Indigo) keep the short title in FRBRalias."""
    el = doc.find(f"{n}meta/{n}identification/{n}FRBRWork/{n}FRBRalias")
    return el.get("value") if el is not None else None
