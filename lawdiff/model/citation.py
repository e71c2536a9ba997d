"""Reading citations as people write them.

:func:`parse_citation` turns "s. 200(1)(a)", "section 200(1)(a)", "200(1)(a)",
"Sch 2 para 3", "clause 5(2)", "reg. 4", "sec. 3(a)(1)", "Part 1 Chapter 2" into
a :class:`CitationKey`; :func:`key_of` gives the key of a provision in a tree,
so lookup is a dictionary hit.

    >>> parse_citation("s. 200(1)(a)")
    CitationKey(scope='sec', number='200', subs=('1', 'a'), schedule=None)
    >>> parse_citation("Sch 2 para 3(1)")
    CitationKey(scope='sch', number='3', subs=('1',), schedule='2')
    >>> parse_citation("Part 1 Chapter 2")
    CitationKey(scope='chapter', number='2', subs=(), schedule=None, part='1')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import LawdiffError, brief


@dataclass(frozen=True)
class CitationKey:
    scope: str  # sec | sch | schedule | part | chapter | title | division | ...
    number: str | None
    subs: tuple[str, ...] = ()
    schedule: str | None = None
    part: str | None = None

    def __repr__(self) -> str:  # keep doctest output short when part is unset
        extra = f", part={self.part!r}" if self.part is not None else ""
        return (f"CitationKey(scope={self.scope!r}, number={self.number!r}, subs={self.subs!r}, "
                f"schedule={self.schedule!r}{extra})")

    def folded(self) -> "CitationKey":
        """The same key in lower case, for a second, forgiving lookup."""
        low = lambda v: v.lower() if isinstance(v, str) else v  # noqa: E731
        return CitationKey(self.scope, low(self.number), tuple(s.lower() for s in self.subs),
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


def _subs(text: str | None) -> tuple[str, ...]:
    return tuple(s.strip() for s in re.findall(r"\(\s*([^)]+?)\s*\)", text or ""))


def parse_citation(text: str) -> CitationKey:
    """Parse a citation typed by a person. Raises :class:`LawdiffError` if it is not one."""
    cleaned = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().rstrip(".,;")
    cleaned = re.sub(r"^(?:the )", "", cleaned, flags=re.I)
    if not cleaned:
        raise LawdiffError("empty citation")
    m = _SCHEDULE.match(cleaned)
    if m and (m.group("sch") or m.group("para") or cleaned.lower().startswith("sch")):
        if m.group("para"):
            return CitationKey("sch", m.group("para"), _subs(m.group("subs")), schedule=m.group("sch") or "")
        if m.group("part"):
            return CitationKey("part", m.group("part"), (), schedule=m.group("sch") or "")
        return CitationKey("schedule", m.group("sch"))
    m = _GROUP.match(cleaned)
    if m:
        kind = m.group("kind").lower()
        kind = _GROUP_ALIASES.get(kind, kind)
        if m.group("chapter"):
            return CitationKey("chapter", m.group("chapter"), part=m.group("num"))
        return CitationKey(kind, m.group("num"))
    m = _SECTION.match(cleaned)
    if m:
        return CitationKey("sec", m.group("num"), _subs(m.group("subs")))
    raise LawdiffError(
        f"cannot read citation {brief(text)}: expected e.g. 's. 200(1)(a)', 'clause 5(2)', "
        "'Sch 2 para 3', 'Part 1'"
    )
