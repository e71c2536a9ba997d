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

from ..errors import LawdiffError
from ..model.draft import Draft
from .common import assemble, text_of, uk_type, unplaced
from .walker import (ANNOT, BLOCK, HEADING, INLINE_QUOTE, NOTEREF, NUM, QUOTE, SKIP, STRUCT, Walker,
                     TRANSPARENT, Grammar, walker_for)

NS3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS2 = "http://www.akomantoso.org/2.0"
UKL = "https://www.legislation.gov.uk/namespaces/UK-AKN"
UKM = "http://www.legislation.gov.uk/namespaces/metadata"
DC = "http://purl.org/dc/elements/1.1/"

_GROUPS = {"part": "part", "chapter": "chapter", "title": "title", "subtitle": "subtitle",
           "division": "division", "subdivision": "subdivision", "subpart": "subpart",
           "subchapter": "subchapter", "book": "group", "tome": "group"}
_LEVEL1 = {"section", "article", "rule"}
_LEVELS = {"subsection", "paragraph", "subparagraph", "clause", "subclause", "point", "item",
           "level", "subrule", "alinea", "indent", "list"}
_HCONTAINER = {"crossheading": "crossheading", "schedule": "schedule", "schedules": "schedules",
               "definition": "definition", "appropriations": "appropriations",  # USLM's, written as AKN
               "regulation": None, "article": None, "rule": None}

# Akoma Ntoso's inline and table elements: their words run on in the text around them
_INLINE = ("b", "i", "u", "sup", "sub", "span", "inline", "marker", "def", "term", "ref", "mref", "rref", "date", "time",
           "person", "organization", "concept", "object", "event", "location", "process", "role", "quantity",
           "entity", "docTitle", "docNumber", "docType", "docDate", "docProponent", "docStatus", "docStage",
           "docPurpose", "docCommittee", "docIntroducer", "docJurisdiction", "docAuthority", "shortTitle",
           "legislature", "session", "signature", "a", "abbr", "br", "omissis", "placeholder", "fillIn",
           "affectedDocument", "relatedDocument", "change", "vote", "outcome", "recordedTime", "table", "thead",
           "tbody", "tfoot", "ul", "ol", "li", "subFlow", "longTitle", "formula", "container", "preface",
           "preamble", "recitals", "recital", "citations", "citation", "conclusions", "argument", "opinion")

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
        self.known = frozenset(n + name for name in _INLINE)
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
    # Akoma Ntoso 2.0 (Laws.Africa's Indigo) keeps each schedule as a component document beside
    # the act, and 3.0 may keep them in the act's own components: each is read as a schedule
    for component in _components(root, n):
        schedule_drafts.append(_component(component, walker, n))
    meta = _metadata(doc, n, source)
    commentaries = tuple((note.get("eId"), text_of(note)) for note in doc.iter(n + "note") if note.get("eId"))
    return assemble(meta, body_drafts, schedule_drafts, commentaries, unplaced(walker))


def _components(root: etree._Element, n: str) -> list[etree._Element]:
    """The component documents of an act (``components/component``), not those of attachments
    (already read) nor components nested in a component."""
    found = []
    for holder in root.iter(n + "components"):
        if any(a.tag in (n + "attachments", n + "component") for a in holder.iterancestors()):
            continue
        found.extend(c for c in holder if c.tag == n + "component")
    return found


def _component(component: etree._Element, walker: Walker, n: str) -> Draft:
    """A component as a schedule: numbered and headed as its alias says ("Schedule 2"), with the
    words and provisions of its body."""
    inner = next((c for c in component if isinstance(c.tag, str)), None)
    alias = None
    if inner is not None:
        el = inner.find(f"{n}meta/{n}identification/{n}FRBRWork/{n}FRBRalias")
        alias = el.get("value") if el is not None else None
        alias = alias or inner.get("name")
    label = " ".join((alias or "").split())
    m = re.match(r"(?i)(?:schedule|annex(?:ure)?|appendix|attachment)\s*(\S+)?\s*(.*)$", label)
    num = m.group(1).rstrip(".:") if m and m.group(1) else None
    heading = (m.group(2).strip(" -—:") or None) if m else (label or None)
    draft = Draft(kind="schedule", level=0, num=num, heading=heading, source_id=component.get("id") or component.get("eId"))
    body = next((c for c in inner.iter(n + "mainBody", n + "body")), None) if inner is not None else None
    if body is not None:
        walker.fill(draft, body)  # its words (an unnumbered article is words) and its provisions
    return draft


def _metadata(doc: etree._Element, n: str, source: str) -> dict:
    ids = _Identification(doc, n)
    ukm = _proprietary(doc, n)
    doc_title = next(doc.iter(n + "docTitle"), None)
    title = (ukm.get("title") or ids.var("varActTitle", "varBillTitle", "varSITitle")
             or (text_of(doc_title) if doc_title is not None else None)
             or ids.frbr("FRBRWork", "FRBRname") or ids.frbr("FRBRWork", "FRBRalias") or source)
    work_uri = ids.frbr("FRBRWork", "FRBRthis")
    jurisdiction, doc_type, subtype = _document_type(doc, ukm.get("main_type"), work_uri,
                                                     ids.frbr("FRBRWork", "FRBRcountry") or "")
    year = ukm.get("year") or ids.var("varActYear", "varBillYear", "varSIYear")
    number = ukm.get("number") or ids.var("varActNoComp", "varBillNoComp") or ids.frbr("FRBRWork", "FRBRnumber")
    long_title = next(doc.iter(n + "longTitle"), None)
    date = ukm.get("date") or ids.var("varAssentDate") or ids.frbr("FRBRWork", "FRBRdate", "date")
    return dict(
        title=title,
        short_title=title,
        long_title=text_of(long_title) if long_title is not None else None,
        year=int(year) if year and year.isdigit() else None,
        number=number if number and not number.startswith("#") else None,
        jurisdiction=jurisdiction,
        doc_type=doc_type,
        subtype=subtype,
        version=_version(ids),
        date=None if date and date.startswith("9999") else date,
        uri=work_uri if work_uri and not work_uri.startswith("#") else None,
        format="akn",
        source=source,
        si_unit=ukm.get("minor_type") or (ids.var("varDocSubType") or "regulation").lower().rstrip("s"),
    )


class _Identification:
    """The FRBR identification of a document, and Lawmaker's ``TLCConcept`` variables
    (``#varActTitle``), which its values and titles may refer to."""

    def __init__(self, doc: etree._Element, n: str) -> None:
        self.doc, self.n = doc, n
        self.variables = {c.get("eId"): c.get("showAs") or "" for c in doc.iter(n + "TLCConcept") if c.get("eId")}

    def resolve(self, value: str | None) -> str | None:
        if not value:
            return None
        for _ in range(5):  # variables refer to variables: "#varActTitle" -> "... Act #varActYear"
            new = re.sub(r"#(var\w+)", lambda m: self.variables.get(m.group(1), ""), value)
            if new == value:
                break
            value = new
        value = " ".join(value.split())
        return value or None

    def var(self, *names: str) -> str | None:
        """The first of the variables ``names`` that has a value."""
        return next((v for v in (self.resolve(self.variables.get(name)) for name in names) if v), None)

    def frbr(self, part: str, name: str, attr: str = "value") -> str | None:
        n = self.n
        el = self.doc.find(f"{n}meta/{n}identification/{n}{part}/{n}{name}")
        if el is None:
            return None
        # AKN 2.0 documents (Laws.Africa/Indigo) keep the short title in FRBRalias, unresolved
        return el.get(attr) if name == "FRBRalias" else self.resolve(el.get(attr))


def _proprietary(doc: etree._Element, n: str) -> dict:
    """legislation.gov.uk's own metadata (``ukm:``) in ``meta/proprietary``, when it is there."""
    proprietary = doc.find(f"{n}meta/{n}proprietary")
    if proprietary is None:
        return {}

    def val(path, attr="Value"):
        el = proprietary.find(path, {"ukm": UKM, "dc": DC})
        return el.get(attr) if el is not None else None

    title_el = proprietary.find("dc:title", {"dc": DC})
    return {"title": text_of(title_el) if title_el is not None else None,
            "main_type": val(".//ukm:DocumentMainType"), "minor_type": val(".//ukm:DocumentMinorType"),
            "year": val(".//ukm:Year"), "number": val(".//ukm:Number"),
            "date": val(".//ukm:EnactmentDate", "Date") or val(".//ukm:Made", "Date")}


_UK_NAMES = ("nia", "asp", "mwa", "anaw", "asc")
_SI_NAMES = ("ukdsi", "uksi", "ssi", "wsi", "nisr", "sdsi")


def _document_type(doc: etree._Element, main_type: str | None, work_uri: str | None,
                   country: str) -> tuple[str, str, str | None]:
    """(jurisdiction, act|bill|si, subtype): from legislation.gov.uk's main type when given, else
    from the document element (``act``/``bill``), its ``name`` ("ukpga", "uksi") and the country."""
    name = doc.get("name") or ""
    element = etree.QName(doc).localname
    jurisdiction, doc_type, subtype = uk_type(main_type, work_uri)
    if not (country.upper().startswith("GB") or (work_uri or "").find("legislation.gov.uk") >= 0
            or name.startswith("uk") or name.startswith("sp") or name in _UK_NAMES):
        return country.split("-")[0].lower() or "generic", "bill" if element == "bill" else "act", name or None
    if not main_type:
        subtype = name or subtype
        if name in _SI_NAMES:
            doc_type = "si"
        elif element == "bill" or name.endswith("pubb"):
            doc_type = "bill"
        else:
            doc_type = "act"
    return jurisdiction, doc_type, subtype


def _version(ids: _Identification) -> str | None:
    """The version or stage: the last step of the expression's URI ("enacted", a date, "@2022-09-01"),
    else Lawmaker's stage variable, else FRBRversionNumber. Lawmaker's "enacted-hl" is "enacted"."""
    expr_uri = ids.frbr("FRBRExpression", "FRBRthis")
    version = None
    if expr_uri and not expr_uri.startswith("#"):
        trimmed = re.sub(r"/(main|!main)(\.xml)?$", "", expr_uri.rstrip("/"))
        version = trimmed.rsplit("/", 1)[-1]
        if "@" in version:
            version = version.split("@", 1)[1] or None
    version = version or ids.var("varStageVersion") or ids.frbr("FRBRExpression", "FRBRversionNumber")
    if version and version.lower().replace(" ", "-").startswith(("enacted", "as-enacted")):
        version = "enacted"  # Lawmaker: "enacted-hl", "As Enacted"
    return version
