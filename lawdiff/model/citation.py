"""Provision references: read as people write them, printed as legislation prints them.

:class:`ProvisionRef` is the one type for a reference to a provision. It parses
"s. 200(1)(a)", "section 200(1)(a)", "200(1)(a)", "Sch 2 para 3", "clause 5(2)",
"reg. 4", "sec. 3(a)(1)", "Part 1 Chapter 2", and prints itself back in the house
style of the document it belongs to ("s.", "clause", "reg.", "sec."). Documents index
their provisions by it, so lookup is a dictionary hit; the amending grammar builds one
for every place an instruction names; comparison tables are read through it.

    >>> ProvisionRef.parse("section 200(1)(a)")
    ProvisionRef(scope='sec', number='200', subs=('1', 'a'), schedule=None)
    >>> str(ProvisionRef.parse("Sch 2 para 3(1)")), str(ProvisionRef.parse("part 1 ch. 2"))
    ('Sch. 2 para. 3(1)', 'Part 1 Chapter 2')
    >>> ProvisionRef.parse("clause 5(2)").format("clause")
    'clause 5(2)'
    >>> ProvisionRef.split("235A(2)(b)")
    ('235A', ('2', 'b'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import LawdiffError, brief


_TAIL = re.compile(r"\(\s*([^()]+?)\s*\)")


@dataclass(frozen=True)
class ProvisionRef:
    """A reference to one provision or group: what kind (``scope``), its number, the numbers
    below it (``subs``: "(1)(a)" is ``("1", "a")``), and the schedule or Part it is in.

    ``scope`` is ``sec`` (a section, clause, regulation, article or rule), ``sch`` (a
    paragraph of a schedule; ``schedule`` is its number, "" for a lone schedule),
    ``schedule``, ``part`` (of the body, or of a schedule), ``chapter`` (``part`` is the
    Part it is in, when given), or another group: ``title``, ``division``, ...
    """

    scope: str
    number: str | None
    subs: tuple[str, ...] = ()
    schedule: str | None = None
    part: str | None = None

    def __repr__(self) -> str:  # keep doctest output short when part is unset
        extra = f", part={self.part!r}" if self.part is not None else ""
        return (f"ProvisionRef(scope={self.scope!r}, number={self.number!r}, subs={self.subs!r}, "
                f"schedule={self.schedule!r}{extra})")

    @classmethod
    def parse(cls, text: str) -> "ProvisionRef":
        """Read a reference typed by a person. Raises :class:`LawdiffError` if it is not one."""
        return parse_citation(text)

    @staticmethod
    def subs_of(text: str | None) -> tuple[str, ...]:
        """The numbers in brackets: ``("4", "b")`` from "(4)(b)" (and from "29(4)(b)")."""
        return tuple(_TAIL.findall(text or ""))

    @staticmethod
    def split(text: str) -> tuple[str, tuple[str, ...]]:
        """A number and the numbers in brackets after it: ``("235A", ("2",))`` from "235A(2)"."""
        return text.split("(")[0].strip(), ProvisionRef.subs_of(text)

    @staticmethod
    def tail(subs) -> str:
        """The bracketed part of a reference: "(1)(a)" from ``("1", "a")``."""
        return "".join(f"({s})" for s in subs)

    def format(self, style: str = "s.") -> str:
        """The reference as legislation prints it; ``style`` is how sections are cited ("s.",
        "clause", "reg.", "art.", "rule", "sec.")."""
        if self.scope == "sec":
            return f"{style} {self.number}{self.tail(self.subs)}"
        if self.scope == "schedule":
            return f"Sch. {self.number}" if self.number else "Sch."
        schedule = f"Sch. {self.schedule}" if self.schedule else "Sch."
        if self.scope == "sch":
            return f"{schedule} para. {self.number}{self.tail(self.subs)}"
        if self.scope == "part" and self.schedule is not None:
            return f"{schedule} Part {self.number}"
        if self.scope == "chapter" and self.part:
            return f"Part {self.part} Chapter {self.number}"
        return f"{self.scope.title()} {self.number}"

    __str__ = format

    def url_segments(self, section_unit: str = "section") -> list[str]:
        """The path of this provision's page on legislation.gov.uk, below the document's own:
        ``["section", "1", "4", "a"]``; ``section_unit`` is what the document calls its sections
        (section, regulation, article, rule).

            >>> ProvisionRef.parse("Sch. 3 para. 2(1)").url_segments()
            ['schedule', '3', 'paragraph', '2', '1']
        """
        number = [self.number] if self.number else []
        if self.scope == "sec":
            return [section_unit, *number, *self.subs]
        schedule = ["schedule"] + ([self.schedule] if self.schedule else [])
        if self.scope == "sch":
            return schedule + ["paragraph", *number, *self.subs]
        if self.scope == "schedule":
            return ["schedule", *number]
        if self.scope == "part":
            return (schedule if self.schedule is not None else []) + ["part", *number]
        if self.scope == "chapter" and self.part:
            return ["part", self.part, "chapter", *number]
        return [self.scope, *number]

    def folded(self) -> "ProvisionRef":
        """The same reference in lower case, for a second, forgiving lookup."""
        low = lambda v: v.lower() if isinstance(v, str) else v  # noqa: E731
        return ProvisionRef(self.scope, low(self.number), tuple(s.lower() for s in self.subs),
                            low(self.schedule), low(self.part))


_NUM = r"[0-9]+[A-Za-z]*(?:\.[0-9]+)?|[IVXLCivxlc]+[A-Z]?|[A-Za-z]"
_SUBS = r"(?P<subs>(?:\s*\(\s*[0-9A-Za-z.]+\s*\))*)"
_SECTION_WORDS = (
    r"ss?\.?|sections?|secs?\.?|§+|clauses?|cl\.?|regulations?|regs?\.?|articles?|arts?\.?"
    r"|rules?|r\.|paragraphs?|paras?\.?"
)
_SECTION = re.compile(rf"^(?:(?:{_SECTION_WORDS})\s*)?(?P<num>{_NUM})\s*{_SUBS}$", re.I)
_SCHEDULE = re.compile(
    rf"^(?:sch(?:ed(?:ule)?)?\.?)\s*(?P<sch>{_NUM})?\s*,?\s*"
    rf"(?:(?:part|pt\.?)\s*(?P<part>{_NUM})\s*,?\s*)?"
    rf"(?:(?:para(?:graph)?s?\.?|p\.)\s*(?P<para>{_NUM})\s*{_SUBS})?$",
    re.I,
)
_GROUP = re.compile(
    rf"^(?P<kind>part|pt\.?|chapter|ch\.|title|subtitle|division|div\.|subdivision|subpart|subchapter)"
    rf"\s*(?P<num>{_NUM})\s*,?\s*(?:(?:chapter|ch\.)\s*(?P<chapter>{_NUM}))?$",
    re.I,
)
_GROUP_ALIASES = {"pt": "part", "pt.": "part", "ch.": "chapter", "div.": "division"}


_subs = ProvisionRef.subs_of


def parse_citation(text: str) -> ProvisionRef:
    """Parse a citation typed by a person. Raises :class:`LawdiffError` if it is not one."""
    cleaned = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().rstrip(".,;")
    cleaned = re.sub(r"^(?:the )", "", cleaned, flags=re.I)
    if not cleaned:
        raise LawdiffError("empty citation")
    m = _SCHEDULE.match(cleaned)
    if m and (m.group("sch") or m.group("para") or cleaned.lower().startswith("sch")):
        if m.group("para"):
            return ProvisionRef("sch", m.group("para"), _subs(m.group("subs")), schedule=m.group("sch") or "")
        if m.group("part"):
            return ProvisionRef("part", m.group("part"), (), schedule=m.group("sch") or "")
        return ProvisionRef("schedule", m.group("sch"))
    m = _GROUP.match(cleaned)
    if m:
        kind = m.group("kind").lower()
        kind = _GROUP_ALIASES.get(kind, kind)
        if m.group("chapter"):
            return ProvisionRef("chapter", m.group("chapter"), part=m.group("num"))
        return ProvisionRef(kind, m.group("num"))
    m = _SECTION.match(cleaned)
    if m:
        return ProvisionRef("sec", m.group("num"), _subs(m.group("subs")))
    raise LawdiffError(
        f"cannot read citation {brief(text)}: expected e.g. 's. 200(1)(a)', 'clause 5(2)', "
        "'Sch 2 para 3', 'Part 1'"
    )
