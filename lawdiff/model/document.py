"""Documents: metadata, body and schedules, and lookup by citation.

    >>> from lawdiff import load
    >>> doc = load("example:surveillance-act")            # doctest: +SKIP
    >>> doc.find("s. 2(1)").citation                       # doctest: +SKIP
    's. 2(1)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from ..errors import AmbiguousCitation, CitationNotFound, LawdiffError, brief
from .citation import ProvisionRef, parse_citation
from .conventions import Conventions
from .provision import Provision


@dataclass(frozen=True)
class Metadata:
    """What a document is. ``version`` is its stage or date: "enacted", "as introduced", "2024-11-22"."""

    title: str
    short_title: str | None = None
    long_title: str | None = None
    year: int | None = None
    number: str | None = None
    jurisdiction: str = "uk"
    doc_type: str = "act"  # act | bill | si | resolution | code
    subtype: str | None = None  # ukpga, uksi, hr, ...
    version: str | None = None
    date: str | None = None
    uri: str | None = None
    format: str = ""  # clml | akn | uslm
    source: str | None = None


@dataclass(frozen=True)
class Document:
    meta: Metadata
    body: tuple[Provision, ...]
    schedules: tuple[Provision, ...] = ()
    conventions: Conventions = field(default=None, repr=False)  # type: ignore[assignment]
    commentaries: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    # elements of the source lawdiff did not know (local name, how often): their words are kept
    # as text of the provision around them, and ``parse`` says so
    unplaced: tuple[tuple[str, int], ...] = field(default=(), repr=False, compare=False)

    @property
    def title(self) -> str:
        return self.meta.short_title or self.meta.title

    def walk(self) -> Iterator[Provision]:
        """Every provision, body then schedules, in document order (quoted material excluded)."""
        for top in self.body + self.schedules:
            yield from top.walk()

    def sections(self) -> list[Provision]:
        """The level-1 provisions of the body: sections, clauses, regulations, articles."""
        out = []
        for top in self.body:
            out.extend(p for p in top.walk() if p.level == 1)
        return out

    def get(self, path: str) -> Provision | None:
        return self._by_path.get(path)

    def by_source_id(self, source_id: str) -> Provision | None:
        return self._by_source_id.get(source_id)

    def find(self, citation: str) -> Provision:
        """The provision a citation names.

        Accepts "s. 200(1)(a)", "section 200(1)(a)", "200(1)(a)", "Sch 2 para 3",
        "clause 5(2)", "Part 1", a path id ("sec-200/subsec-1") or a native id; every
        citation lawdiff prints, such as 's. 4 (definition of “provider”)' or a cross-heading's
        'Part 2, “Oversight”'; and a definition cited the usual ways: 's. 4, definition of
        "provider"', 'the definition of "provider" in section 4'.
        Raises :class:`CitationNotFound` when it names nothing, or names more than one.
        """
        text = citation.strip()
        direct = self._by_path.get(text) or self._by_source_id.get(text)
        if direct is not None:
            return direct
        printed = self._by_citation.get(_plain_citation(text))
        if printed is not None:
            return _one(printed, citation, self.title)
        if (quoted := self._quoted_by_path.get(text)) is not None:
            return quoted
        if (host := _QUOTED_TEXT_OF.match(text)) is not None:  # as the glossary prints a quoted definition's host
            return self.find(host.group("host"))
        in_quote = _AS_INSERTED_BY.match(text) or _IN_QUOTED.match(text)
        if in_quote:
            return self._in_quotation(in_quote.group("host"), in_quote.group("ref"), citation)
        definition = _DEFINITION_OF.match(text) or _DEFINITION_IN.match(text)
        if definition:
            return self._definition(definition.group("host"), definition.group("term"), citation)
        key = parse_citation(text)
        for candidate in self._candidates(key):
            hits = self._by_key.get(candidate) or self._by_folded.get(candidate.folded())
            if hits and len(hits) == 1:
                return hits[0]
            if hits:
                where = ", ".join(h.path for h in hits[:5])
                raise CitationNotFound(f"{brief(citation)} is ambiguous in {self.title}: {where}")
        raise CitationNotFound(f"no provision {brief(citation)} in {self.title}")

    def cite(self, provision: Provision) -> str:
        """The citation of ``provision`` in this document, as :meth:`find` reads it back: its own, or
        for a provision of quoted amending text, the provision quoting it and its citation in the
        Act amended ("s. 11(1), inserted s. 235A(2)").

            >>> from lawdiff import load
            >>> doc = load("example:surveillance-act")
            >>> doc.cite(doc.find("s. 3, inserted (2A)"))
            's. 3, inserted s. 4(2A)'
            >>> doc.find(doc.cite(doc.find("s. 3, inserted (2A)"))).text[:15]
            'The Commissione'
        """
        host = self._quoted_hosts.get(id(provision))
        if host is None:
            return provision.citation
        return f"{host.citation}, {_verb(host)} {_in_amended_act(host, provision.citation)}"

    def url(self, provision: Provision | None = None) -> str | None:
        """The page on legislation.gov.uk of this document, or of one of its provisions; ``None``
        for a document that is not from there (a bill, another country's law, an invented example),
        and for what legislation.gov.uk gives no page of its own (cross-headings, quoted text).

            >>> from lawdiff import load
            >>> load("example:surveillance-act").url() is None  # it names itself as example.org's
            True
        """
        m = self.meta
        if m.jurisdiction != "uk" or m.doc_type == "bill" or not (m.subtype and m.year and m.number) \
                or (m.uri and "legislation.gov.uk" not in m.uri):
            return None
        base = f"{LEGISLATION_GOV_UK}/{m.subtype}/{m.year}/{m.number}"
        if provision is None:
            return base
        if id(provision) in self._quoted_hosts:
            return None
        # the key the document indexes it by; a definition (which has none) is on its section's page
        ref = self._own_refs.get(id(provision)) or _ref_of(_DEFINED_IN.sub("", provision.citation))
        if ref is None:
            return None
        return f"{base}/" + "/".join(ref.url_segments(self.conventions.section_kind if self.conventions else "section"))

    def _in_quotation(self, host: str, ref: str, citation: str) -> Provision:
        """The provision ``ref`` names in the quoted amending text of ``host`` (or of a provision in it)."""
        within = self.find(host)
        quoted = [p for p, h in self._quoted if h is within or h.path.startswith(within.path + "/")]
        wanted = _plain_citation(_UNIT_WORD.sub("", ref.strip()))
        hits = [p for p in quoted if _plain_citation(p.citation) == wanted
                or _plain_citation(_in_amended_act(self._quoted_hosts[id(p)], p.citation)) == wanted]
        if not hits:
            try:
                key = ProvisionRef.parse(ref)
            except LawdiffError:
                key = None
            hits = [p for p in quoted if key is not None
                    and _ref_of(_in_amended_act(self._quoted_hosts[id(p)], p.citation)) == key]
        if not hits:
            raise CitationNotFound(f"no provision {brief(ref)} in the quoted text of {host} of {self.title}")
        return _one(hits, citation, self.title)

    @cached_property
    def _quoted(self) -> list[tuple[Provision, Provision]]:
        """Every provision of quoted amending text, with the provision quoting it, in document order."""
        return [(p, host) for host in self.walk() for q in host.quotes for top in q.provisions for p in top.walk()]

    @cached_property
    def _quoted_in(self) -> list[Provision]:
        return [p for p, _ in self._quoted]

    @cached_property
    def _quoted_hosts(self) -> dict[int, Provision]:
        """The provision quoting each provision of quoted amending text, by the quoted one's ``id``."""
        return {id(p): host for p, host in self._quoted}

    @cached_property
    def _quoted_by_path(self) -> dict[str, Provision]:
        return {p.path: p for p, _ in self._quoted}

    def _definition(self, host: str, term: str, citation: str) -> Provision:
        """The definition of ``term`` in the provision ``host`` names ("s. 4", "section 263(1)")."""
        wanted = _plain_citation(term.strip(" \"'“”‘’"))
        hits = [p for p in self.find(host).walk() if p.kind == "definition"
                and _plain_citation(p.citation).endswith(f"(definition of \"{wanted}\")")]
        if not hits:
            raise CitationNotFound(f"no definition of “{term.strip(chr(34) + '“”')}” in {host} of {self.title}")
        return _one(hits, citation, self.title)

    @cached_property
    def _by_citation(self) -> dict[str, list[Provision]]:
        """Provisions by the citation lawdiff prints for them, quotation marks and case aside."""
        index: dict[str, list[Provision]] = {}
        for p in self.walk():
            index.setdefault(_plain_citation(p.citation), []).append(p)
        return index

    def _candidates(self, key: ProvisionRef) -> list[ProvisionRef]:
        out = [key]
        # "para 3" in a document with one schedule, or "Sch para 3" when it is numbered.
        schedules = [s for s in self.schedules if s.kind == "schedule"]
        if key.scope == "sec" and len(schedules) == 1:
            out.append(ProvisionRef("sch", key.number, key.subs, schedule=schedules[0].num or ""))
        if key.scope == "sch" and not key.schedule and len(schedules) == 1:
            out.append(ProvisionRef("sch", key.number, key.subs, schedule=schedules[0].num or ""))
        if key.scope == "schedule" and key.number is None and len(schedules) == 1:
            out.append(ProvisionRef("schedule", schedules[0].num))
        return out

    @cached_property
    def _by_path(self) -> dict[str, Provision]:
        return {p.path: p for p in self.walk()}

    @cached_property
    def _by_source_id(self) -> dict[str, Provision]:
        return {p.source_id: p for p in self.walk() if p.source_id}

    @cached_property
    def _by_key(self) -> dict[ProvisionRef, list[Provision]]:
        index: dict[ProvisionRef, list[Provision]] = {}
        for key, provision in _keys(self.body + self.schedules):
            index.setdefault(key, []).append(provision)
        return index

    @cached_property
    def _own_refs(self) -> dict[int, ProvisionRef]:
        """Each provision's own key (the first, most specific, of those it is indexed by), by ``id``."""
        refs: dict[int, ProvisionRef] = {}
        for key, hits in self._by_key.items():
            for p in hits:
                refs.setdefault(id(p), key)
        return refs

    @cached_property
    def _by_folded(self) -> dict[ProvisionRef, list[Provision]]:
        index: dict[ProvisionRef, list[Provision]] = {}
        for key, hits in self._by_key.items():
            index.setdefault(key.folded(), []).extend(hits)
        return index


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
# 's. 4 (definition of “provider”)', 's. 4, definition of "provider"'; 'the definition of "provider" in s. 4'
_DEFINITION_OF = re.compile(r"^(?P<host>.+?)\s*(?:,\s*|\(\s*)(?:the\s+)?definition\s+of\s+(?P<term>.+?)\s*\)?$", re.IGNORECASE)
_DEFINITION_IN = re.compile(r"^(?:the\s+)?definition\s+of\s+(?P<term>.+?)\s+in\s+(?P<host>.+)$", re.IGNORECASE)


LEGISLATION_GOV_UK = "https://www.legislation.gov.uk"

# "s. 11(1), inserted s. 235A(2)", "s. 11(1) (inserted section 235A(2))", "s. 11(1), new s. 235A";
# and "s. 235A(2) as inserted by s. 11(1)", "section 235A(2) (as substituted by section 11(1))"
_IN_QUOTED = re.compile(r"^(?P<host>.+?)(?:(?P<open>\s*\(\s*)|\s*,\s*|\s+)(?:the\s+)?(?:inserted|substituted|new|quoted|added)"
                        r"\s+(?!by\s)(?P<ref>.+?)(?(open)\s*\))$", re.IGNORECASE)
_AS_INSERTED_BY = re.compile(r"^(?:the\s+)?(?:new\s+)?(?P<ref>.+?)(?:(?P<open>\s*\(\s*)|\s*,\s*|\s+)as\s+"
                             r"(?:inserted|substituted|added)\s+by\s+(?P<host>.+?)(?(open)\s*\))$", re.IGNORECASE)
_QUOTED_TEXT_OF = re.compile(r"^(?P<host>.+?)\s*\(in quoted (?:amending )?text\)$", re.IGNORECASE)
_UNIT_WORD = re.compile(r"^(?:sub-?sections?|sub-?paragraphs?|paragraphs?)\s+(?=\()", re.IGNORECASE)
_DEFINED_IN = re.compile(r"\s*\(definition of .+\)$")


def _verb(host: Provision) -> str:
    """How a provision's quoted text comes in, from its own words: "substituted" or "inserted"."""
    words = (host.chapeau or "").lower()
    return "substituted" if "substitute" in words else "inserted"


_SECTION_NAMED = re.compile(r"\b(?:in|after|before|for)\s+section\s+(\d+[A-Z]*)\b", re.IGNORECASE)


def _in_amended_act(host: Provision, citation: str) -> str:
    """A quoted subsection's citation in the Act it goes into: "(2A)", quoted by "In section 4
    of the … Act, after subsection (2) insert—", is s. 4(2A) of that Act."""
    if not citation.startswith("("):
        return citation
    named = _SECTION_NAMED.search(host.chapeau or "")
    return f"s. {named.group(1)}{citation}" if named else citation


def _ref_of(citation: str) -> ProvisionRef | None:
    try:
        return ProvisionRef.parse(citation)
    except LawdiffError:
        return None


def _plain_citation(text: str) -> str:
    """A citation as compared: straight quotation marks, one space, no case."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


def _one(hits: list[Provision], citation: str, title: str) -> Provision:
    if len(hits) == 1:
        return hits[0]
    where = ", ".join(h.path for h in hits[:5])
    raise AmbiguousCitation(f"{brief(citation)} is ambiguous in {title}: {where}")


def _keys(tops: tuple[Provision, ...]) -> Iterator[tuple[ProvisionRef, Provision]]:
    """Each provision with the key a citation of it parses to."""

    def visit(node: Provision, in_sch: bool, schedule: str | None, part: str | None,
              section: str | None, subs: tuple[str, ...]):
        kind = node.kind
        if kind == "schedule":
            in_sch, schedule, part = True, node.num or "", None
            yield ProvisionRef("schedule", node.num), node
        elif node.level == 0:
            if kind == "part":
                part = node.num
                yield ProvisionRef("part", node.num, schedule=schedule if in_sch else None), node
            elif kind == "chapter":
                if not in_sch:
                    yield ProvisionRef("chapter", node.num, part=part), node
                    if part is None:
                        yield ProvisionRef("chapter", node.num), node
            elif node.num:
                yield ProvisionRef(kind, node.num), node
        elif kind == "definition":
            section = None
        elif node.level == 1:
            section, subs = node.num, ()
            if in_sch:
                yield ProvisionRef("sch", node.num, (), schedule=schedule), node
            else:
                yield ProvisionRef("sec", node.num), node
        elif section is not None and node.num:
            subs = subs + (node.num,)
            if in_sch:
                yield ProvisionRef("sch", section, subs, schedule=schedule), node
            else:
                yield ProvisionRef("sec", section, subs), node
        for child in node.children:
            yield from visit(child, in_sch, schedule, part, section, subs)

    for top in tops:
        yield from visit(top, False, None, None, None, ())
