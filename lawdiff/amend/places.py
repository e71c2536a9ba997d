"""Where an instruction applies: "In section 29, in subsection (4)—", "in paragraph 11 of
Schedule 1ZA", "in the italic heading before section 410", carried down from the
provisions above; and that provision's own id in the Act amended.

    >>> place_of("In section 29, in subsection (4)", Where()).citation()
    's. 29(4)'
    >>> place_of("in paragraph 11 of Schedule 1ZA, in sub-paragraph (1)", Where()).citation()
    'Sch. 1ZA para. 11(1)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import CitationNotFound, LawdiffError
from ..model import Document, ProvisionRef
from ..model.numbers import roman, roman_value
from .wording import ACT, EU_INSTRUMENT, SHORT_FORM, act_name, unparenthesise


UNIT = (r"(?P<unit>section|sections|subsection|subsections|paragraph|paragraphs|sub-paragraph|sub-paragraphs|"
        r"subparagraph|subparagraphs|clause|clauses|"
        r"schedule|schedules|part|chapter|regulation|article|step|definition|point|points)")
REF = r"(?P<ref>(?:\d+[A-Z]*|[ivxlc]+|[a-z]{1,3})?(?:\s*\(\w+\))*)"
SECTION_AMENDED = re.compile(r"^(?:In\s+)?(?P<unit>section|regulation|article)\s+(?P<ref>\d+[A-Z]*(?:\(\w+\))*)"
                             r"(?:\s+of\s+" + ACT.pattern + r")?"
                             r"\s+is\s+(?:amended|modified)\b", re.IGNORECASE)


# "Schedule 1ZA is amended as follows", "Paragraph 11 of Schedule 1ZA to FSMA 2000 is amended in
# accordance with subsections (2) and (3)", "The following amendments are to Schedule 17A"
SCHEDULE_AMENDED = re.compile(
    r"^(?:In\s+|The\s+following\s+amendments\s+are\s+(?:made\s+)?(?:to|in)\s+)?"
    r"(?:paragraph\s+(?P<para>\d+[A-Z]*(?:\(\w+\))*)\s+of\s+)?(?:(?:Part\s+\w+\s+of\s+)?the\s+table\s+in\s+)?(?:the\s+)?Schedule(?:\s+(?P<sch>\d+[A-Z]*\d*[A-Z]*))?"
    r"(?:\s+(?:to|of)\s+" + ACT.pattern + r")?"
    r"\s*(?:is\s+(?:amended|modified)\b|\.?$)", re.IGNORECASE)
# "The 2016 Act is amended as follows", "The State Pension Credit Regulations 2002 are amended as
# follows", "Part 8 of the Employment Rights Act 1996 is amended in accordance with …", "FSMA 2000
# is amended as set out in subsections (2) and (3)"
AMENDED_AS_FOLLOWS = re.compile(r"^(?:(?P<group>(?:Part|Chapter)\s+\w+)\s+(?:of\s+(?:Part|Chapter)\s+\w+\s+)?of\s+)?" + ACT.pattern
                                + r"\s+(?:is|are)\s+(?:amended|modified)\s+(?:as\s+follows|in\s+accordance\s+with|"
                                r"as\s+set\s+out|by\s+)", re.IGNORECASE)
EU_AMENDED = re.compile(r"^(?P<eu>" + EU_INSTRUMENT + r")\b[^.;]*?\s+(?:is|are)\s+(?:amended|modified)\b")
# "In the Trade Union and Labour Relations (Consolidation) Act 1992, section 193A is amended …"
IN_ACT = re.compile(r"^In\s+" + ACT.pattern + r"\s*,\s*(?=\S)")
# A heading that names the Act the provisions under it amend: "Employment Tribunals Act 1996",
# "Amendments to the Banking Act 2009", "Consequential amendments of FSMA 2000"
HEADING_ACT = re.compile(r"^(?:(?:Consequential\s+|Other\s+|Related\s+|Minor\s+)?(?:amendments?|modifications?|repeals?|"
                         r"revocations?)(?:\s+and\s+(?:repeals?|revocations?))?\s+(?:of|to|in)\s+)?" + ACT.pattern
                         + r"\s*:?$", re.IGNORECASE)


@dataclass(frozen=True)
class Where:
    section: str | None = None  # "29", "Sch. 2" for schedule paragraphs
    schedule: str | None = None
    subs: tuple[str, ...] = ()  # ("4", "a")
    act: str | None = None
    part: str | None = None  # the element within: "heading", "opening words"
    group: str | None = None  # "Part 4", "Chapter 2"
    style: str = "s."  # how its sections are cited: "s.", or "art." and "reg." where the words say so

    def add(self, unit: str, ref: str) -> "Where":
        """Narrow to "section 29", "subsection (4)(b)", "paragraph (a)", "schedule 2", "paragraph 3"."""
        head, nums = ProvisionRef.split(ref)
        unit = {"point": "paragraph", "points": "paragraph"}.get(unit, unit)  # retained EU law's "points"
        if unit in ("part", "chapter"):
            return replace(self, group=f"{unit.title()} {head}", section=None, subs=(), schedule=None)
        if unit in ("section", "regulation", "article"):
            return replace(self, section=head or self.section, subs=nums, schedule=None, part=None,
                           style=_STYLE[unit])
        if unit == "schedule":
            return replace(self, schedule=head, section=None, subs=(), part=None)
        if self.schedule is not None:
            if unit == "paragraph" and head:
                return replace(self, section=head, subs=nums)
            if unit == "sub-paragraph":
                return replace(self, subs=nums)
            return replace(self, subs=self.subs[:1] + nums)
        if unit == "subsection":
            return replace(self, subs=nums)
        if unit == "paragraph" and head.isdigit() and self.section:
            # "paragraph 1" of an Article of retained EU law: numbered as a subsection is
            return replace(self, subs=(head,) + nums)
        if unit == "paragraph":
            # "paragraph (2)(q)": a subsection and its paragraph, as some sections number them
            return replace(self, subs=nums if len(nums) > 1 and nums[0][0].isdigit() else self.subs[:1] + nums)
        if unit in ("sub-paragraph", "subparagraph"):
            return replace(self, subs=self.subs[:2] + nums)
        if unit == "clause":  # United States: section, subsection, paragraph, subparagraph, clause
            return replace(self, subs=self.subs[:3] + nums)
        return self

    def ref(self) -> ProvisionRef | None:
        """The provision this place names (``None`` for a group, or for no provision yet)."""
        if self.schedule is not None:
            if not self.section:
                return ProvisionRef("schedule", self.schedule)
            return ProvisionRef("sch", self.section, self.subs, schedule=self.schedule)
        return ProvisionRef("sec", self.section, self.subs) if self.section else None

    def citation(self) -> str | None:
        if self.group and not self.section and self.schedule is None:
            return self.group
        ref = self.ref()
        return ref.format(self.style) if ref else None


_STYLE = {"section": "s.", "article": "art.", "regulation": "reg."}


_CONTEXT = re.compile(r"\bin\s+" + UNIT + r"\s+" + REF, re.IGNORECASE)
_CONTEXT_OF_ACT = re.compile(r"\bin\s+(?:the\s+(?=schedule\s+to))?(?P<unit>section|article|regulation|schedule)\s+(?P<ref>(?:\d+[A-Z]*(?:\(\w+\))*)?)\s*"
                             r"(?:of|to)\s+" + ACT.pattern, re.IGNORECASE)
# "in subsections (4)(b) and (5)(a)", and "in subsection (6)(a) and (b)" (two paragraphs of one subsection)
_PLURAL = re.compile(r"\bin\s+(?P<unit>subsections?|paragraphs?|sub-paragraphs?)\s+(?P<refs>\(\w+\)(?:\(\w+\))*"
                     r"(?:\s*(?:,|and)\s*\(\w+\)(?:\(\w+\))*)+)", re.IGNORECASE)


def places_of(text: str, where: Where) -> list[Where]:
    """Like :func:`place_of`, but "in subsections (4)(b) and (5)(a) and (b)" names three places."""
    m = _PLURAL.search(unparenthesise(text))
    if not m:
        return [place_of(text, where)]
    base = place_of(text[: m.start()] if m.start() <= len(text) else "", where)
    unit = m.group("unit").lower().removesuffix("s")
    out, previous = [], ()
    for piece in re.split(r"\s*(?:,|and)\s*", m.group("refs")):
        nums = ProvisionRef.subs_of(piece)
        if not nums:
            continue
        if previous and len(nums) < len(previous):  # "(5)(a) and (b)": (b) is (5)(b)
            nums = previous[: len(previous) - len(nums)] + nums
        previous = nums
        out.append(place_of(text[m.end():], base.add(unit, ProvisionRef.tail(nums))))
    return out or [place_of(text, where)]


# "in the Financial Services and Markets Act 2000 (…) Regulations 2017—": a name with capitals, no commas,
# and never "in consequence of subsection (5), in Schedule 10 to the … Act 2016"
_CONTEXT_ACT = re.compile(r"\b[Ii]n\s+(?:(?:Part|Chapter)\s+\w+\s+of\s+)?(?:the\s+)?(?P<act>[A-Z](?:(?!\s(?:of\s+(?:section|schedule)|to)\s)[\w’'()\s-])*?"
                          r"(?:Act|Measure|Order|Regulations)(?:\s+(?:of\s+)?\d{4})?)(?=\s*(?:[,—–:-]|\Z))")
# "In FSMA 2000, after section 1Q insert", "In Part 18 of FSMA 2000 (…), before Chapter 3B insert"
_CONTEXT_SHORT_ACT = re.compile(r"\b[Ii]n\s+(?:(?:Part|Chapter)\s+\w+\s+of\s+)?(?:the\s+)?(?P<act>" + SHORT_FORM + ")"
                                r"(?=\s*(?:[,—–:-]|\Z|after\b|before\b|omit\b|for\b|at\b|in\b))")
_CONTEXT_SCHEDULE_PARAGRAPH = re.compile(r"\bin\s+paragraph\s+(?P<para>\d+[A-Z]*(?:\s*\(\w+\))*)\s+of\s+(?:the\s+)?"
                                         r"Schedule(?:\s+(?P<sch>\d+[A-Z]*\d*[A-Z]*))?", re.IGNORECASE)
_CONTEXT_HEADING = re.compile(r"\bin\s+the\s+(?:heading|title)\s+(?:to|of)\s+(?:(?P<unit>Part|Chapter|section|Schedule)\s+"
                              r"(?P<ref>\d+[A-Z]*\d*[A-Z]*)(?:\s+of\s+Part\s+(?P<part>\d+[A-Z]*))?|the\s+Schedule\b)",
                              re.IGNORECASE)
_CONTEXT_CROSSHEADING = re.compile(r"\bin\s+the\s+(?:italic\s+|cross-?\s?)heading\s+(?:before|above)\s+section\s+"
                                   r"(?P<sec>\d+[A-Z]*)", re.IGNORECASE)
_CONTEXT_CHAPTER_OF_PART = re.compile(r"\bin\s+Chapter\s+(?P<chapter>\w+)\s+of\s+Part\s+(?P<part>\w+)\b", re.IGNORECASE)
CONTEXT_AT_END = re.compile(r"\bat\s+the\s+end\s+of\s+" + UNIT + r"\s+" + REF + r"\s*,?\s*$", re.IGNORECASE)


def place_of(text: str, where: Where) -> Where:
    """Apply every "in section 29", "in subsection (4)", "in paragraph (a)" of a context clause."""
    m = _CONTEXT_OF_ACT.search(text)  # before asides go: "(Scotland)" belongs to the name
    if m:
        where = replace(where, act=act_name(m.group("act"))).add(m.group("unit").lower(), m.group("ref"))
        text = text[: m.start()] + text[m.end():]
    plain = unparenthesise(text)
    m = _CONTEXT_ACT.search(plain) or _CONTEXT_SHORT_ACT.search(plain)  # "(b) in the Financial Services and Markets Act 2000 (…) Regulations 2017—"
    if m:
        where = Where(act=act_name(m.group("act")))
        plain = plain[: m.start()] + plain[m.end():]
    m = _CONTEXT_SCHEDULE_PARAGRAPH.search(plain)  # "in paragraph 11 of Schedule 1ZA"
    if m:
        where = where.add("schedule", m.group("sch") or "").add("paragraph", m.group("para").replace(" ", ""))
        plain = plain[: m.start()] + plain[m.end():]
    m = _CONTEXT_CHAPTER_OF_PART.search(plain)  # "In Chapter 4 of Part 8, in the heading, …"
    if m:
        where = replace(where, group=f"Part {m.group('part')} Chapter {m.group('chapter')}", section=None, subs=(),
                        schedule=None)
        plain = plain[: m.start()] + plain[m.end():]
    m = _CONTEXT_HEADING.search(plain)  # "in the heading to Part 18", "... of Chapter 3B of Part 18"
    if m:
        unit = (m.group("unit") or "schedule").lower()
        if unit == "chapter" and m.group("part"):
            where = replace(where, group=f"Part {m.group('part')} Chapter {m.group('ref')}", section=None, subs=(),
                            schedule=None)
        elif m.group("ref") or where.schedule is None:
            where = where.add(unit, m.group("ref") or "")
        else:  # "the title to the Schedule": the one being amended
            where = replace(where, section=None, subs=())
        return replace(where, part="heading")
    m = _CONTEXT_CROSSHEADING.search(plain)  # "in the italic heading before section 410"
    if m:
        return replace(where, section=m.group("sec"), subs=(), schedule=None, part="crossheading")
    for m in _CONTEXT.finditer(plain):
        unit = m.group("unit").lower()
        ref = m.group("ref").replace(" ", "")
        if ref:
            where = where.add(unit[:-1] if unit.endswith("s") and unit != "sub-paragraphs" else
                              "sub-paragraph" if unit == "sub-paragraphs" else unit, ref)
    m = CONTEXT_AT_END.search(plain)  # "at the end of sub-paragraph (1)(i) omit “and”"
    if m:
        where = where.add(m.group("unit").lower(), m.group("ref").replace(" ", ""))
    if re.search(r"\bin the (?:opening|closing) words\b|\bin the words before\b", plain, re.IGNORECASE):
        where = replace(where, part="words")
    # "in the words before paragraph (a)": the words of the provision itself, next to that paragraph
    if m := re.search(r"\bin the words (?:before|after) (?:sub-)?paragraph \((\w+)\)", plain, re.IGNORECASE):
        where = replace(where, part=f"words by {m.group(1)}")
    if re.search(r"\bin the (?:(?:Part|Chapter|section|Schedule)\s+)?(?:heading|title)\b(?! before| above)", plain, re.IGNORECASE):
        where = replace(where, part="heading")
    return where


def refs_between(first: str, last: str, conj: str) -> list[str]:
    """["(b)", "(c)"] for "(b) and (c)"; ["89B", ..., "89G"] for "89B to 89G"; "(5)(a) and (b)" is
    (5)(a) and (5)(b). A range lawdiff cannot count through gives its two ends.

    >>> refs_between("(b)", "(d)", "to"), refs_between("89B", "89D", "to"), refs_between("(5)(a)", "(b)", "and")
    (['(b)', '(c)', '(d)'], ['89B', '89C', '89D'], ['(5)(a)', '(5)(b)'])
    """
    nums, end_nums = ProvisionRef.subs_of(first), ProvisionRef.subs_of(last)
    if nums and end_nums and len(end_nums) < len(nums):
        last = ProvisionRef.tail(nums[: len(nums) - len(end_nums)] + end_nums)
    if first == last:
        return [first]
    if conj.lower() == "to":
        (head, a), (head_end, b) = _split_tail(first), _split_tail(last)
        if head == head_end and a and b:
            for count in (_count_romans, _count_numbers, _count_letters):
                run = count(a, b)
                if run:
                    return [head + (f"({x})" if first.endswith(")") else x) for x in run]
    return [first, last]


def _split_tail(ref: str) -> tuple[str, str]:
    """("(5)", "b") from "(5)(b)"; ("89", "B") from "89B"; ("", "12") from "12"."""
    m = re.fullmatch(r"(.*)\((\w+)\)", ref) or re.fullmatch(r"(\d+)([A-Z]+)", ref) or re.fullmatch(r"()(\d+)", ref)
    return (m.group(1), m.group(2)) if m else (ref, "")


def _count_romans(a: str, b: str) -> list[str]:
    # sub-paragraphs run to (xxxix) at most: "(i) to (l)" is four letters, not fifty numerals
    first, last = roman_value(a), roman_value(b)
    if first and last and first < last <= 39 and a.islower() == b.islower():
        return [roman(n) if a.islower() else roman(n).upper() for n in range(first, last + 1)]
    return []


def _count_numbers(a: str, b: str) -> list[str]:
    if a.isdigit() and b.isdigit() and 0 < int(b) - int(a) <= 100:
        return [str(n) for n in range(int(a), int(b) + 1)]
    return []


def _count_letters(a: str, b: str) -> list[str]:
    # "(b) to (e)", "89B to 89G", "(aa) to (ad)": the last letter counts, the rest stays
    if len(a) == len(b) and a[:-1] == b[:-1] and a[-1].isalpha() and b[-1].isalpha() and a[-1] < b[-1] \
            and a.islower() == b.islower():
        return [a[:-1] + chr(c) for c in range(ord(a[-1]), ord(b[-1]) + 1)]
    return []


def native_id(target: Document, where: Where, term: str | None = None) -> str | None:
    """The target's own id for the provision (AKN eId, CLML id), or a Lawmaker-style eId for one
    the amending text itself inserts; with ``term``, the id of that definition within it."""
    citation = where.citation()
    if citation is None:
        return None
    provision = None
    try:
        provision = target.find(citation)
    except (CitationNotFound, LawdiffError):
        pass
    if provision is not None and term:
        for p in provision.walk():
            if p.kind == "definition" and p.citation.endswith(f"“{term}”)") and p.source_id:
                return p.source_id
    if provision is not None and provision.source_id:
        base = provision.source_id
    elif target.meta.format == "akn":
        base = _lawmaker_eid(where, target)
    else:
        return None
    if where.part == "heading" and target.meta.format == "akn":
        return f"{base}__hdg"
    if (where.part or "").startswith("words by ") and provision is not None:
        # Lawmaker's tables give the paragraph the words stand before or after
        num = where.part.removeprefix("words by ")
        child = next((c for c in provision.children if c.num == num and c.source_id), None)
        return child.source_id if child is not None else base
    return base


def _lawmaker_eid(where: Where, target: Document) -> str:
    if where.group and not where.section and where.schedule is None:  # "Part 8 Chapter 4": pt_8__chp_4
        words = where.group.split()
        return "__".join(f"{'pt' if unit == 'Part' else 'chp'}_{num}" for unit, num in zip(words[::2], words[1::2]))
    if where.schedule is not None:
        base = f"sched_{where.schedule}" if where.schedule else "sched"
        if where.section:
            base += f"__para_{where.section}"
        levels = ["subpara", "para", "subpara"]
    else:
        base = f"sec_{where.section}"
        levels = ["subsec", "para", "subpara", "subsubpara"]
    for level, num in zip(levels, where.subs):
        base += f"__{level}_{num}"
    return base
