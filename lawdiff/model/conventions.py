"""Drafting conventions: what each level is called, and how it is cited.

A UK Act cites ``s. 200(1)(a)`` and ``Sch. 2 para. 3(1)``; a UK bill
``clause 5(2)``; regulations ``reg. 4(2)``; a US bill ``sec. 3(a)(1)``.
The same structural level has a different name in each, so parsers record
*levels* (1 for a section, 2 for a subsection, ...) and this module names them.

    >>> conventions_for("uk", "act").cite_section("200", ["1", "a"])
    's. 200(1)(a)'
    >>> conventions_for("uk", "bill").cite_section("5", ["2"])
    'clause 5(2)'
    >>> conventions_for("us", "bill").cite_section("3", ["a", "1"])
    'sec. 3(a)(1)'
"""

from __future__ import annotations

from dataclasses import dataclass

from .citation import ProvisionRef

# Kinds above section level. Their level is 0.
GROUP_KINDS = (
    "part",
    "chapter",
    "crossheading",
    "schedule",
    "title",
    "subtitle",
    "division",
    "subdivision",
    "subpart",
    "subchapter",
    "appropriations",
    "group",
)

# Path segments: the same id for the same place whatever the source format.
PATH_PREFIX = {
    "part": "part",
    "chapter": "chp",
    "crossheading": "xhdg",
    "schedule": "sch",
    "title": "title",
    "subtitle": "subtitle",
    "division": "div",
    "subdivision": "subdiv",
    "subpart": "subpart",
    "subchapter": "subchp",
    "appropriations": "approp",
    "group": "grp",
    "schedule-paragraph": "para",
    "subsection": "subsec",
    "paragraph": "para",
    "subparagraph": "subpara",
    "subsubparagraph": "subsubpara",
    "clause": "cl",
    "subclause": "subcl",
    "item": "item",
    "subitem": "subitem",
    "definition": "def",
}

UK_LEVELS = ("subsection", "paragraph", "subparagraph", "subsubparagraph")
SI_LEVELS = ("paragraph", "subparagraph", "subsubparagraph")
SCHEDULE_LEVELS = ("schedule-paragraph", "subparagraph", "paragraph", "subparagraph", "subsubparagraph")
US_LEVELS = ("subsection", "paragraph", "subparagraph", "clause", "subclause", "item", "subitem")


@dataclass(frozen=True)
class Conventions:
    """How one kind of document names and cites its provisions."""

    section_kind: str  # what level 1 is called: section, clause, regulation, article, rule
    section_abbr: str  # how it is cited: "s.", "clause", "reg.", "art.", "rule", "sec."
    body_levels: tuple[str, ...]  # names of levels 2, 3, ...
    schedule_levels: tuple[str, ...] = SCHEDULE_LEVELS  # names of levels 1, 2, ... in a schedule

    def kind_for_level(self, level: int, in_schedule: bool) -> str:
        if in_schedule:
            names = self.schedule_levels
            index = level - 1
        else:
            if level == 1:
                return self.section_kind
            names = self.body_levels
            index = level - 2
        if index < len(names):
            return names[index]
        return f"level{level}"

    def cite_section(self, num: str, subs: list[str]) -> str:
        return ProvisionRef("sec", num, tuple(subs)).format(self.section_abbr)

    def cite_schedule(self, schedule_num: str | None, para: str | None, subs: list[str]) -> str:
        if para:
            return ProvisionRef("sch", para, tuple(subs), schedule=schedule_num or "").format()
        return ProvisionRef("schedule", schedule_num).format()


_SECTION = {
    # (jurisdiction, doc type) -> (section kind, abbreviation, levels)
    ("uk", "act"): ("section", "s.", UK_LEVELS),
    ("uk", "bill"): ("clause", "clause", UK_LEVELS),
    ("us", "act"): ("section", "sec.", US_LEVELS),
    ("us", "bill"): ("section", "sec.", US_LEVELS),
    ("us", "resolution"): ("section", "sec.", US_LEVELS),
    ("us", "code"): ("section", "sec.", US_LEVELS),
}

_SI = {
    "regulation": ("regulation", "reg."),
    "order": ("article", "art."),
    "rule": ("rule", "rule"),
    "scheme": ("paragraph", "para."),
}


# Bills of the devolved legislatures have sections, not clauses.
DEVOLVED_BILLS = ("sp", "nia", "senedd", "asc", "wa")


def conventions_for(jurisdiction: str, doc_type: str, si_unit: str = "regulation",
                    subtype: str | None = None) -> Conventions:
    """The conventions of a document of this jurisdiction and type.

    ``si_unit`` says what a statutory instrument calls its sections: regulations
    have regulations, orders have articles, rules have rules. ``subtype`` tells a
    Westminster bill (clauses) from a Scottish Parliament bill (sections).

    >>> conventions_for("uk", "bill", subtype="sppubb").cite_section("2", ["3"])
    's. 2(3)'
    """
    if doc_type == "bill" and subtype and subtype.startswith(DEVOLVED_BILLS):
        return Conventions("section", "s.", UK_LEVELS)
    if doc_type == "si":
        kind, abbr = _SI.get(si_unit, _SI["regulation"])
        return Conventions(kind, abbr, SI_LEVELS)
    kind, abbr, levels = _SECTION.get((jurisdiction, doc_type), ("section", "s.", UK_LEVELS))
    return Conventions(kind, abbr, levels)
