"""Effects: what an amending Act or Bill does to the law it amends.

An amending provision is read as a drafter writes it: a context ("In section 29
(petitions for recall), in subsection (4)—", carried down from the provisions
above) and an action on quoted words or on a provision ("after “debtor” insert
“(where …)”", "for subsection (1) substitute—", "paragraph (c) is repealed").
Quoted words are taken out first (they may say anything), so the patterns only
ever see the instruction's own words. An instruction no pattern understands is
kept, as unparsed, with its citation and text: none is dropped silently.

    >>> import lawdiff
    >>> act = lawdiff.load("example:surveillance-act")
    >>> [(e.type, e.affected_act, e.affected_citation, e.location) for e in extract(act).effects]
    [('provision inserted', 'Example Records Act 2020', 's. 4(2)', 'after')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..errors import CitationNotFound, LawdiffError
from ..model import Document, Provision

WORDS_INSERTED = "words inserted"
WORDS_SUBSTITUTED = "words substituted"
WORDS_OMITTED = "words omitted"
PROVISION_INSERTED = "provision inserted"
PROVISION_SUBSTITUTED = "provision substituted"
PROVISION_OMITTED = "provision omitted"
WORDS_BECOME_PARAGRAPH = "words become a new paragraph"
HEADING_AMENDED = "heading amended"
PROVISION_RENUMBERED = "provision renumbered"
CROSSHEADING_AMENDED = "cross-heading amended"

# The Lawmaker table of amendments' three types
LAWMAKER_TYPE = {WORDS_INSERTED: "insertion", PROVISION_INSERTED: "insertion", WORDS_SUBSTITUTED: "substitution",
                 PROVISION_SUBSTITUTED: "substitution", HEADING_AMENDED: "substitution",
                 CROSSHEADING_AMENDED: "substitution", WORDS_OMITTED: "deletion", PROVISION_OMITTED: "deletion",
                 WORDS_BECOME_PARAGRAPH: "substitution", PROVISION_RENUMBERED: "substitution"}

_OPEN, _CLOSE = "“", "”"
_BLOCK = re.compile(r"⟦(\d+)⟧")
_Q = r"‹(\d+)›"  # a quoted passage, taken out of the instruction
_UNIT = (r"(?P<unit>section|sections|subsection|subsections|paragraph|paragraphs|sub-paragraph|sub-paragraphs|"
         r"subparagraph|subparagraphs|clause|clauses|"
         r"schedule|schedules|part|chapter|regulation|article|step|definition)")
_REF = r"(?P<ref>(?:\d+[A-Z]*|[ivxlc]+|[a-z]{1,3})?(?:\s*\(\w+\))*)"


@dataclass(frozen=True)
class Effect:
    """One textual amendment."""

    type: str
    affected_act: str | None
    affected_citation: str | None  # in the amended Act: "s. 29(4)(a)", "s. 32 heading"
    affected_id: str | None  # its native id in the target (AKN eId, CLML id), when a target is given
    location: str  # before | after | replace
    whole_provision: bool
    anchor: str | None = None  # the words located against: "after “debtor”"
    occurrence: str | None = None  # "in the first place it occurs"
    new_words: str | None = None
    new_structure: tuple[Provision, ...] = ()
    source_citation: str = ""
    source_id: str | None = None
    text: str = ""  # the instruction, as written
    link: str | None = None  # the last provision the amending text's own links name, as written
    link_work: str | None = None  # the Act those links point into: "asp/2003/11"
    note: str | None = None  # where the words and the links disagree, what each says
    # (words, Act, provision) of the amending text's links that name both: checked against the words
    act_links: tuple[tuple[str, str, str], ...] = field(default=(), repr=False, compare=False)
    operation: str = ""  # insert | substitute | omit: what is done at the location


    @property
    def lawmaker_type(self) -> str:
        """insertion, substitution or deletion: the Lawmaker table's three types."""
        return {"insert": "insertion", "omit": "deletion", "substitute": "substitution"}.get(
            self.operation, LAWMAKER_TYPE[self.type])


@dataclass(frozen=True)
class Unparsed:
    source_citation: str
    source_id: str | None
    text: str


@dataclass
class Effects:
    effects: list[Effect] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    target_act: str | None = None  # with a target: the name the amending text knows it by

    @property
    def understood(self) -> float:
        """The share of instructions understood (1.0 when there are none)."""
        sources = {e.source_citation for e in self.effects}
        total = len(sources) + len(self.unparsed)
        return len(sources) / total if total else 1.0


# -- the instruction's words ---------------------------------------------------------

def _split_quotes(text: str) -> tuple[str, list[str]]:
    """The text with each outermost “…” replaced by ‹n›, and the quoted passages."""
    out, quotes, depth, start = [], [], 0, 0
    for k, ch in enumerate(text):
        if ch == _OPEN:
            if depth == 0:
                start = k
            depth += 1
        elif ch == _CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append(f"‹{len(quotes)}›")
                quotes.append(text[start + 1:k])
                continue
        if depth == 0:
            out.append(ch)
    if depth:  # an unclosed quotation: keep the rest as words, so nothing vanishes
        out.append(text[start:])
    return "".join(out), quotes


def _unparenthesise(text: str) -> str:
    """Drop descriptive asides, "(petitions for recall of sequestration)", "(commissioners)",
    "(loans)", keeping numbers such as "(4)", "(1A)", "(aa)", "(iii)", "(B)"."""
    # "(as inserted by section 12(5) of this Act)": a note on history, whatever its nesting
    text = re.sub(r"\s*\((?:as\s+)?(?:inserted|substituted|amended|added)\s+by\s+(?:[^()]|\([^()]*\))*\)", "", text)
    # "(42 U.S.C. 1308(g)(5))": where a United States section is codified
    text = re.sub(r"\s*\(\d+\s+U\.\s?S\.\s?C\.\s+(?:[^()]|\([^()]*\))*\)", "", text)
    previous = None
    while previous != text:
        previous = text
        # ... but not "(Scotland)" in "the Bankruptcy (Scotland) Act 2016"
        text = re.sub(r"\s*\((?!(?:\d+[A-Za-z]*|[a-z]{1,4}|[ivxlc]{1,6}|[A-Z]{1,3}\d*[A-Za-z]*)\))[^()]*\)"
                      r"(?!\s+(?:Act|Bill|Order|Regulations|Measure)\b)", "", text)
    return text


def _act_name(text: str) -> str:
    """ "the Bankruptcy (Scotland) Act 2016" -> "Bankruptcy (Scotland) Act 2016"."""
    name = " ".join(text.split())
    return name[4:] if name.lower().startswith("the ") else name


_ACT = re.compile(r"(?:the\s+)?(?P<act>[A-Z][\w’'(),\s-]*?(?:Act|Measure|Order|Regulations)(?:(?:\s+of)?\s+\d{4})?"
                  r"|[A-Z]{2,}[A-Za-z]*\s+\d{4})(?![\w(])")  # ... or as abbreviated: "FSMA 2000"
_SECTION_AMENDED = re.compile(r"^(?:In\s+)?(?:section|regulation|article)\s+(?P<ref>\d+[A-Z]*(?:\(\w+\))*)"
                              r"(?:\s+of\s+" + _ACT.pattern + r")?"
                              r"\s+is\s+(?:amended|modified)\b", re.IGNORECASE)
# "Schedule 1ZA is amended as follows", "Paragraph 11 of Schedule 1ZA to FSMA 2000 is amended in
# accordance with subsections (2) and (3)", "The following amendments are to Schedule 17A"
_SCHEDULE_AMENDED = re.compile(
    r"^(?:In\s+|The\s+following\s+amendments\s+are\s+(?:made\s+)?(?:to|in)\s+)?"
    r"(?:paragraph\s+(?P<para>\d+[A-Z]*(?:\(\w+\))*)\s+of\s+)?(?:the\s+)?Schedule(?:\s+(?P<sch>\d+[A-Z]*\d*[A-Z]*))?"
    r"(?:\s+(?:to|of)\s+" + _ACT.pattern + r")?"
    r"\s*(?:is\s+(?:amended|modified)\b|\.?$)", re.IGNORECASE)
_AMENDED_AS_FOLLOWS = re.compile(r"^(?:Part\s+\w+\s+of\s+)?" + _ACT.pattern
                                 + r"\s+is\s+(?:amended|modified)\s+(?:as\s+follows|in\s+accordance\s+with|by\s+)",
                                 re.IGNORECASE)


# -- context: where the instruction applies -------------------------------------------

@dataclass(frozen=True)
class _Where:
    section: str | None = None  # "29", "Sch. 2" for schedule paragraphs
    schedule: str | None = None
    subs: tuple[str, ...] = ()  # ("4", "a")
    act: str | None = None
    part: str | None = None  # the element within: "heading", "opening words"
    group: str | None = None  # "Part 4", "Chapter 2"

    def add(self, unit: str, ref: str) -> "_Where":
        """Narrow to "section 29", "subsection (4)(b)", "paragraph (a)", "schedule 2", "paragraph 3"."""
        nums = tuple(re.findall(r"\((\w+)\)", ref))
        head = ref.split("(")[0].strip()
        if unit in ("part", "chapter"):
            return replace(self, group=f"{unit.title()} {head}", section=None, subs=(), schedule=None)
        if unit in ("section", "regulation", "article"):
            return replace(self, section=head or self.section, subs=nums, schedule=None, part=None)
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

    def citation(self) -> str | None:
        if self.group and not self.section and self.schedule is None:
            return self.group
        if self.schedule is not None:
            base = f"Sch. {self.schedule}".strip()
            if not self.section:
                return base
            return f"{base} para. {self.section}" + "".join(f"({s})" for s in self.subs)
        if not self.section:
            return None
        return f"s. {self.section}" + "".join(f"({s})" for s in self.subs)


_CONTEXT = re.compile(r"\bin\s+" + _UNIT + r"\s+" + _REF, re.IGNORECASE)
_CONTEXT_OF_ACT = re.compile(r"\bin\s+section\s+(?P<ref>\d+[A-Z]*(?:\(\w+\))*)\s+of\s+" + _ACT.pattern, re.IGNORECASE)


_PLURAL = re.compile(r"\bin\s+(?P<unit>subsections|paragraphs|sub-paragraphs)\s+(?P<refs>\(\w+\)(?:\(\w+\))*"
                     r"(?:\s*(?:,|and)\s*\(\w+\)(?:\(\w+\))*)+)", re.IGNORECASE)


def _contexts(text: str, where: _Where) -> list[_Where]:
    """Like :func:`_context`, but "in subsections (4)(b) and (5)(a) and (b)" names three places."""
    m = _PLURAL.search(_unparenthesise(text))
    if not m:
        return [_context(text, where)]
    base = _context(text[: m.start()] if m.start() <= len(text) else "", where)
    unit = m.group("unit").lower()[:-1]
    out, previous = [], ()
    for piece in re.split(r"\s*(?:,|and)\s*", m.group("refs")):
        nums = tuple(re.findall(r"\((\w+)\)", piece))
        if not nums:
            continue
        if previous and len(nums) < len(previous):  # "(5)(a) and (b)": (b) is (5)(b)
            nums = previous[: len(previous) - len(nums)] + nums
        previous = nums
        out.append(_context(text[m.end():], base.add(unit, "".join(f"({n})" for n in nums))))
    return out or [_context(text, where)]


_CONTEXT_SCHEDULE_PARAGRAPH = re.compile(r"\bin\s+paragraph\s+(?P<para>\d+[A-Z]*(?:\s*\(\w+\))*)\s+of\s+(?:the\s+)?"
                                         r"Schedule(?:\s+(?P<sch>\d+[A-Z]*\d*[A-Z]*))?", re.IGNORECASE)
_CONTEXT_HEADING = re.compile(r"\bin\s+the\s+(?:heading|title)\s+(?:to|of)\s+(?:(?P<unit>Part|Chapter|section|Schedule)\s+"
                              r"(?P<ref>\d+[A-Z]*\d*[A-Z]*)(?:\s+of\s+Part\s+(?P<part>\d+[A-Z]*))?|the\s+Schedule\b)",
                              re.IGNORECASE)
_CONTEXT_CROSSHEADING = re.compile(r"\bin\s+the\s+(?:italic\s+|cross-?\s?)heading\s+(?:before|above)\s+section\s+"
                                   r"(?P<sec>\d+[A-Z]*)", re.IGNORECASE)


_CONTEXT_AT_END = re.compile(r"\bat\s+the\s+end\s+of\s+" + _UNIT + r"\s+" + _REF + r"\s*,?\s*$", re.IGNORECASE)


def _context(text: str, where: _Where) -> _Where:
    """Apply every "in section 29", "in subsection (4)", "in paragraph (a)" of a context clause."""
    m = _CONTEXT_OF_ACT.search(text)  # before asides go: "(Scotland)" belongs to the name
    if m:
        where = replace(where, act=_act_name(m.group("act"))).add("section", m.group("ref"))
        text = text[: m.start()] + text[m.end():]
    plain = _unparenthesise(text)
    m = _CONTEXT_SCHEDULE_PARAGRAPH.search(plain)  # "in paragraph 11 of Schedule 1ZA"
    if m:
        where = where.add("schedule", m.group("sch") or "").add("paragraph", m.group("para").replace(" ", ""))
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
    m = _CONTEXT_AT_END.search(plain)  # "at the end of sub-paragraph (1)(i) omit “and”"
    if m:
        where = where.add(m.group("unit").lower(), m.group("ref").replace(" ", ""))
    if re.search(r"\bin the (?:opening|closing) words\b|\bin the words before\b", plain, re.IGNORECASE):
        where = replace(where, part="words")
    if re.search(r"\bin the (?:heading|title)\b(?! before| above)", plain, re.IGNORECASE):
        where = replace(where, part="heading")
    return where


# -- actions: what the instruction does ---------------------------------------------------

_OCC = (r"(?:,?\s*(?P<occ>(?:in|where)\s+(?:the\s+)?\w+\s+(?:place|places)(?:\s+(?:in\s+which\s+|where\s+)?it\s+"
        r"(?:occurs|appears))?|wherever\s+it\s+(?:occurs|appears)))?")
_STRUCT = (r"(?P<unit2>section|subsection|paragraph|sub-paragraph|subparagraph|clause|schedule|step|the\s+schedule|"
           r"regulation|article|part|chapter)s?"
           r"\s*(?P<ref2>[\dA-Z]*(?:\s*\(\w+\))*)(?P<more>(?:\s*(?:,\s*and|,|and|to)\s+(?:\d[\dA-Z]*|\(\w+\))(?:\s*\(\w+\))*)*)"
           r"(?:\s+of\s+(?P<of_unit>subsection|paragraph)\s*(?P<of_ref>\(\w+\)))?"
           r"(?:\s+of\s+schedule\s+(?P<sched2>\d+[A-Z]*))?")
_OF_ACT = r"(?:,?\s+(?:of|to)\s+(?P<ofact>(?:the\s+)?[A-Z][\w’'(),.\s-]*?\d{4}))?"
_ACTIONS: list[tuple[str, str]] = [
    # (name, pattern over the instruction with quotes taken out)
    ("redesignate", r"by\s+redesignating\s+" + _STRUCT + r"\s+as\s+(?:subsection|paragraph|subparagraph|clause|"
                    r"section)s?\s*\((?P<newnum>\w+)\)"),
    ("final-punctuation", r"by\s+striking\s+the\s+(?P<punct>period|comma|semicolon|colon)\s+at\s+the\s+end\s+and\s+"
                          r"inserting\b"),
    ("heading-becomes", r"(?:the\s+)?(?:heading|title)(?:\s+(?:of|to)\s+(?:the\s+)?(?P<hunit>section|schedule|part|chapter)"
                        r"(?:\s+(?P<href>\d+[A-Z]*))?)?\s+becomes\s+" + _Q.replace("(", "(?P<new>", 1)),
    ("crossheading", r"in\s+the\s+(?:italic\s+|cross-?)heading\s+(?:before|above)\s+section\s+(?P<xsec>\d+[A-Z]*),?\s+"
                     r"for\s+" + _Q.replace("(", "(?P<anchor>", 1) + r"\s+substitute\s+" + _Q.replace("(", "(?P<new>", 1)),
    ("become-paragraph", r"the\s+words\s+(?:from\s+" + _Q.replace("(", "(?P<anchor>", 1) + r"\s+to\s+(?:the\s+end|"
                         + _Q.replace("(", "(?P<anchor_end>", 1) + r")|"
                         + _Q.replace("(", "(?P<anchor2>", 1) + r")\s+become\s+(?:sub-paragraph|paragraph|subsection)"
                         r"\s+\((?P<newnum>\w+)\)"),
    ("become-paragraph-all", r"the\s+existing\s+(?:words|text)(?:\s+of\s+(?P<unit2>section|paragraph)\s+"
                             r"(?P<ref2>\d+[A-Z]*))?\s+(?:becomes?|is\s+renumbered\s+as)\s+"
                             r"(?:sub-paragraph|paragraph|subsection)\s+\((?P<newnum>\w+)\)"),
    ("become-paragraph-after", r"the\s+words\s+after\s+(?:the\s+(?P<ord>first|second|third|last)\s+)?"
                               + _Q.replace("(", "(?P<anchor>", 1) + r"(?:\s+to\s+(?:the\s+(?P<ord2>first|second|third|last)"
                               r"\s+)?" + _Q.replace("(", "(?P<anchor_end>", 1) + r")?\s+become\s+"
                               r"(?:sub-paragraph|paragraph|subsection)\s+\((?P<newnum>\w+)\)"),
    ("after-that", r"after\s+that\s+(?:sub-paragraph|paragraph|subsection),?\s+insert\b"),
    ("definition-repealed", r"the\s+definition\s+of\s+" + _Q.replace("(", "(?P<defn>", 1)
                            + r"\s+(?:is|are)\s+(?:repealed|omitted)"),
    ("definition-omit", r"(?:omit|leave\s+out)\s+the\s+definition\s+of\s+" + _Q.replace("(", "(?P<defn>", 1)),
    ("words-repealed", r"the\s+words?\s+" + _Q.replace("(", "(?P<anchor>", 1)
                       + r"(?P<after>\s+immediately\s+(?:following|preceding|after|before)\s+" + _STRUCT + r")?"
                       + _OCC + r",?\s+(?:is|are)\s+(?:repealed|omitted)"),
    ("words-omit-near", r"(?:omit|leave\s+out)\s+the\s+(?:words?\s+)?" + _Q.replace("(", "(?P<anchor>", 1)
                        + r"\s+(?P<after>(?:immediately\s+)?(?:after|following|before|preceding|at\s+the\s+end\s+of)\s+"
                        + _STRUCT + r")"),
    ("struct-insert", r"(?P<loc>after|before)\s+(?:the\s+definition\s+of\s+" + _Q.replace("(", "(?P<defn>", 1)
                      + r"|" + _STRUCT + _OF_ACT + r"),?\s+insert\b"),
    ("appropriate-place", r"(?:(?:at|in)\s+the\s+appropriate\s+places?,?\s+insert|"
                          r"insert,?\s+(?:at|in)\s+the\s+appropriate\s+places?)\b"),
    ("heading-substitute", r"for\s+the\s+(?:heading|title)(?:\s+(?:of|to)\s+(?:the\s+)?(?:section|schedule|part|chapter))?"
                           r",?\s+substitute\b"),
    ("definition-substitute", r"for\s+the\s+definition\s+of\s+" + _Q.replace("(", "(?P<defn>", 1) + r",?\s+substitute\b"),
    ("struct-substitute", r"for\s+" + _STRUCT + _OF_ACT + r",?\s+substitute\b"),
    ("struct-omit", r"(?:omit|leave\s+out)\s+" + _STRUCT + r"(?!\s*‹)"),
    ("struct-repealed", _STRUCT + _OF_ACT + r"\s+(?:is|are)\s+(?:repealed|omitted)"),
    ("words-insert", r"(?P<loc>after|before)\s+(?:(?P<ord>first|second|third|last)\s+)?"
                     + _Q.replace("(", "(?P<anchor>", 1) + _OCC + r",?\s+insert\b"),
    ("words-insert-older", r"\binsert,?\s+(?P<loc>after|before)\s+" + _Q.replace("(", "(?P<anchor>", 1) + _OCC + r",?"),
    ("edge-insert", r"at\s+(?:the\s+)?(?P<edge>beginning|end)(?:\s+of\s+(?:that\s+\w+|" + _STRUCT + _OF_ACT + r"))?,?\s+"
                    r"insert\b"),
    ("words-substitute-range", r"for\s+the\s+words\s+from\s+" + _Q.replace("(", "(?P<anchor>", 1) + r"\s+to\s+"
                               + r"(?:" + _Q.replace("(", "(?P<anchor_end>", 1) + r"|the\s+end(?:\s+of\s+[^‹]*?)?)"
                               + r",?\s+substitute\b"),
    ("words-substitute-after", r"for\s+the\s+words\s+after\s+(?:the\s+(?P<ord>first|second|third|last)\s+)?"
                               + _Q.replace("(", "(?P<anchor>", 1) + r"(?:\s+to\s+the\s+end(?:\s+of\s+[^‹]*?)?)?"
                               + r",?\s+substitute\b"),
    ("words-substitute-from-beginning", r"for\s+the\s+words\s+from\s+the\s+beginning(?:\s+of\s+[^‹]*?)?\s+to\s+"
                                        + _Q.replace("(", "(?P<anchor>", 1) + r",?\s+substitute\b"),
    ("words-substitute-to-end", r"for\s+" + _Q.replace("(", "(?P<anchor>", 1) + r"\s+to\s+the\s+end(?:\s+of\s+[^‹]*?)?"
                                + r",?\s+substitute\b"),
    ("words-substitute", r"for\s+(?:the\s+words?\s+)?" + _Q.replace("(", "(?P<anchor>", 1) + _OCC + r",?\s+substitute\b"),
    ("words-omit-range", r"(?:omit|leave\s+out)\s+(?:the\s+words\s+)?from\s+" + _Q.replace("(", "(?P<anchor>", 1)
                         + r"\s+to\s+(?:" + _Q.replace("(", "(?P<anchor_end>", 1) + r"|the\s+end[^‹;]*)"),
    ("words-range-repealed", r"the\s+words\s+from\s+" + _Q.replace("(", "(?P<anchor>", 1) + r"\s+to\s+(?:"
                             + _Q.replace("(", "(?P<anchor_end>", 1) + r"|the\s+end(?:\s+of\s+[^‹;]*?)?)"
                             + r"\s+(?:is|are)\s+(?:repealed|omitted)"),
    ("words-omit", r"(?:omit|leave\s+out)\s+(?:the\s+words?\s+)?" + _Q.replace("(", "(?P<anchor>", 1) + _OCC),
]
_COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _ACTIONS]


def _quote_after(skeleton: str, end: int) -> int | None:
    m = re.compile(r"\s*[—–-]?\s*" + _Q).match(skeleton, end)
    return int(m.group(1)) if m else None


def _unit(name: str | None) -> str:
    name = (name or "").lower().replace("the ", "").strip()
    return name


# Older drafting, as in RIPA 2000 and before: read as its modern equivalent.
_OLDER = [
    # United States: "by striking “X” and inserting “Y”", "by inserting “Y” after “X”", "by adding at the end"
    (re.compile(r"\bby\s+striking\s+(‹\d+›)(?:\s*,?\s*each\s+place\s+(?:it|such\s+\w+)\s+appears)(\s*,?)\s+and\s+"
                r"inserting\s+(‹\d+›)", re.IGNORECASE), r"for \1, wherever it occurs, substitute \3"),
    (re.compile(r"\bby\s+striking\s+(‹\d+›)\s+and\s+inserting\s+(‹\d+›)", re.IGNORECASE), r"for \1 substitute \2"),
    (re.compile(r"\bby\s+inserting\s+(‹\d+›)\s+(after|before)\s+(‹\d+›)", re.IGNORECASE), r"\2 \3 insert \1"),
    (re.compile(r"\bby\s+inserting\s+(after|before)\s+((?:subsection|paragraph|subparagraph|clause|section)\s*"
                r"[\w()]+),?\s+the\s+following:?", re.IGNORECASE), r"\1 \2 insert"),
    (re.compile(r"\bby\s+adding\s+at\s+the\s+end\s+the\s+following:?", re.IGNORECASE), "at the end insert"),
    (re.compile(r"\bby\s+striking\s+(‹\d+›)(?!\s+and\s+inserting)", re.IGNORECASE), r"omit \1"),
    # "After section 377J, inserted by Part 1 of Schedule 12 to this Act, insert—": a reminder, not a place
    (re.compile(r",\s+(?:as\s+)?(?:inserted|substituted)\s+by\s+[^,‹;]*?\bthis\s+(?:Act|Schedule),", re.IGNORECASE), ""),
    (re.compile(r"\bthere\s+shall\s+be\s+substituted(?:\s+the\s+words)?\b", re.IGNORECASE), "substitute"),
    (re.compile(r"\bthere\s+shall\s+be\s+(?:inserted|added)(?:\s+the\s+words)?\b", re.IGNORECASE), "insert"),
    (re.compile(r"\b(?:shall\s+be\s+(?:omitted|repealed)|shall\s+cease\s+to\s+have\s+effect|"
                r"(?:is|are)\s+hereby\s+repealed)\b", re.IGNORECASE), "is repealed"),
]


def _modernise(skeleton: str) -> str:
    """"for “X” there shall be substituted “Y”" reads as "for “X” substitute “Y”"; "shall be
    omitted" and "shall cease to have effect" as "is repealed"."""
    for pattern, modern in _OLDER:
        skeleton = pattern.sub(modern, skeleton)
    return skeleton


def parse_instruction(text: str, block_provisions: tuple[Provision, ...] = (), blocks: list[str] = ()) -> list[dict]:
    """The actions in one instruction, in order, as plain dicts (see :func:`extract`).
    ``blocks`` are the texts of block quotes, which the text holds as “⟦n⟧”."""
    skeleton, quotes = _split_quotes(text)
    skeleton = _modernise(_unparenthesise(skeleton))
    quotes = [_BLOCK.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else m.group(0), q)
              for q in quotes]
    found: list[tuple[int, int, str, re.Match]] = []
    for name, pattern in _COMPILED:
        for m in pattern.finditer(skeleton):
            if any(m.start() < e and s < m.end() for s, e, _, _ in found):
                continue
            found.append((m.start(), m.end(), name, m))
    actions = []
    for start, end, name, m in sorted(found, key=lambda f: f[0]):
        g = m.groupdict()

        def q(key: str) -> str | None:
            value = g.get(key)
            return quotes[int(value)] if value is not None else None

        new_index = _quote_after(skeleton, end)
        new = quotes[new_index] if new_index is not None else None
        action = {"name": name, "before": skeleton[:start], "matched": skeleton[start:end],
                  "anchor": q("anchor") or q("anchor2"),
                  "anchor_end": q("anchor_end"), "occurrence": g.get("occ"), "new": q("new") or new,
                  "loc": (g.get("loc") or "").lower(), "edge": g.get("edge"), "unit": _unit(g.get("unit2")),
                  "ref": (g.get("ref2") or "").replace(" ", ""), "defn": q("defn"), "xsec": g.get("xsec"),
                  "newnum": g.get("newnum"), "after": g.get("after"), "structure": block_provisions,
                  "hunit": g.get("hunit"), "href": g.get("href"), "ofact": g.get("ofact"), "punct": g.get("punct"),
                  "sched2": g.get("sched2"), "of_unit": g.get("of_unit"), "of_ref": g.get("of_ref"),
                  "more": [(conj.lower(), ref.replace(" ", "")) for conj, ref in _MORE.findall(g.get("more") or "")]}
        if g.get("ord") and not action["occurrence"]:  # 'after second “system” insert'
            action["occurrence"] = f"in the {g['ord'].lower()} place it occurs"
        actions.append(action)
    return actions


def extract(amending: Document, target: Document | None = None) -> Effects:
    """Every textual amendment ``amending`` makes (to ``target`` when given, for native ids)."""
    out = Effects()

    def visit(p: Provision, where: _Where, state: dict, links: list[tuple[str, str]]) -> None:
        plain = _without_quotes(p)
        own_links = _links(p)
        m = _SECTION_AMENDED.search(_unparenthesise(plain))
        if m:  # "Section 22 of the 2016 Act is amended as follows": its siblings amend section 22
            state["where"] = _Where().add("section", m.group("ref"))
            if m.group("act"):
                state["act"] = _act_name(m.group("act"))
        elif p.level >= 1 and _SCHEDULE_AMENDED.search(_unparenthesise(plain)):
            m = _SCHEDULE_AMENDED.search(_unparenthesise(plain))
            state["where"] = _Where().add("schedule", m.group("sch") or "")
            if m.group("para"):
                state["where"] = state["where"].add("paragraph", m.group("para"))
            if m.group("act"):
                state["act"] = _act_name(m.group("act"))
        else:
            m = _AMENDED_AS_FOLLOWS.search(_unparenthesise(plain))
            if m:
                state["act"] = _act_name(m.group("act"))
        if "where" in state and where.section is None:
            where = replace(state["where"], act=where.act)
        here = replace(where, act=where.act or state.get("act"))
        text = _instruction_text(p)
        actions = parse_instruction(text, _block_provisions(p), [q.text for q in _block_quotes(p)]) \
            if _has_action(plain) else []
        if actions:
            for action in actions:
                before = _unparenthesise(action["before"])
                context_links = links + [(t, h) for t, h in own_links if t and t in before]
                for ctx, one in ((c, a) for c in _contexts(action["before"], here) for a in _each_provision(action)):
                    effect = _effect(one, ctx, p, target, state)
                    if effect is None:
                        continue
                    effect = _linked(effect, ctx, context_links, action, target)
                    if re.search(r"\bthe\s+following\s+provisions\b", action["before"], re.IGNORECASE) \
                            and p.children:
                        # "in the following provisions, after “X” insert “Y”— (i) subsection (2)(b); ..."
                        out.effects.extend(_listed(effect, ctx, p.children, target))
                    else:
                        out.effects.append(effect)
        elif _has_action(plain) and not p.children:
            out.unparsed.append(Unparsed(p.citation, p.source_id, text))
        child_where = _context(plain, here) if p.level >= 1 else here
        child_state = state if p.level >= 1 else {"act": state.get("act")}
        context = _unparenthesise(plain)
        child_links = links + [(t, h) for t, h in own_links if t and t in context] if p.level >= 1 else links
        for child in p.children:
            visit(child, child_where, child_state, child_links)
        if p.level == 1:
            state.pop("act", None)  # "X is amended as follows" holds within its section
            state.pop("where", None)

    for top in amending.body + amending.schedules:
        visit(top, _Where(), {}, [])
    if amending.meta.jurisdiction == "us":  # sections of United States Acts are cited "sec."
        out.effects = [replace(e, affected_citation=re.sub(r"^s\. ", "sec. ", e.affected_citation))
                       if e.affected_citation else e for e in out.effects]
    if target is not None:
        name = target_act_name(out.effects, target)
        works = Counter(e.link_work for e in out.effects if e.affected_act == name and e.link_work)
        work = works.most_common(1)[0][0] if works else None
        kept = []
        for e in out.effects:
            if e.affected_act == name or (e.affected_act is None and _fits(e, target)):
                kept.append(_check_links(e, work) if work else e)
            elif work and e.link_work == work:  # the words name another Act; the links, this one
                e = _check_links(e, work)
                kept.append(replace(e, note=_also(e.note, f"the words name the {e.affected_act}; the links "
                                                           f"point into {work}, the Act amended")))
        out.effects = kept
        out.target_act = name
    return out


def _each_provision(action: dict) -> list[dict]:
    """"omit paragraphs (b) and (c)" and "sections 89B to 89G are repealed" name several provisions:
    one action each. "For subsections (2) and (3) substitute—" puts the new text in place of the
    first and omits the others, which is what it does."""
    if not action.get("more") or action["name"] not in ("struct-omit", "struct-repealed", "struct-substitute"):
        return [action]
    refs = [action["ref"]]
    for conj, ref in action["more"]:  # "paragraphs 1 to 4 and 9": 1, 2, 3, 4, 9
        refs.extend(_refs_between(refs[-1], ref, conj)[1:])
    out = [{**action, "ref": refs[0], "more": []}]
    rest = {**action, "name": "struct-omit"} if action["name"] == "struct-substitute" else action
    return out + [{**rest, "ref": ref, "more": []} for ref in refs[1:]]


_MORE = re.compile(r"(,\s*and|,|and|to)\s+((?:\d[\dA-Z]*|\(\w+\))(?:\s*\(\w+\))*)", re.IGNORECASE)


def _refs_between(first: str, last: str, conj: str) -> list[str]:
    """["(b)", "(c)"] for "(b) and (c)"; ["89B", ..., "89G"] for "89B to 89G"; "(5)(a) and (b)" is
    (5)(a) and (5)(b). A range lawdiff cannot count through gives its two ends.

    >>> _refs_between("(b)", "(d)", "to"), _refs_between("89B", "89D", "to"), _refs_between("(5)(a)", "(b)", "and")
    (['(b)', '(c)', '(d)'], ['89B', '89C', '89D'], ['(5)(a)', '(5)(b)'])
    """
    nums, end_nums = re.findall(r"\((\w+)\)", first), re.findall(r"\((\w+)\)", last)
    if nums and end_nums and len(end_nums) < len(nums):
        last = "".join(f"({n})" for n in nums[: len(nums) - len(end_nums)] + end_nums)
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


_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi",
           "xvii", "xviii", "xix", "xx"]


def _count_romans(a: str, b: str) -> list[str]:
    if a in _ROMANS and b in _ROMANS and _ROMANS.index(a) < _ROMANS.index(b):
        return _ROMANS[_ROMANS.index(a): _ROMANS.index(b) + 1]
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


_LISTED = re.compile(r"^(?P<unit>section|subsection|paragraph|sub-paragraph)s?\s*(?P<ref>\d*[A-Z]*(?:\(\w+\))*)"
                     r"(?P<rest>.*)$", re.IGNORECASE)


def _listed(effect: Effect, where: _Where, items: tuple[Provision, ...], target: Document | None) -> list[Effect]:
    """One effect per provision an instruction lists below it, each with that item's citation."""
    out = []
    for item in items:
        m = _LISTED.match(item.text.strip())
        if not m:
            continue
        place = where.add(m.group("unit").lower(), m.group("ref").replace(" ", ""))
        occ = re.search(r"in\s+(?:both|each|all|every)\s+(?:the\s+)?places?\s+(?:where\s+)?it\s+occurs",
                        m.group("rest"), re.IGNORECASE)
        out.append(replace(effect, affected_citation=place.citation(),
                           affected_id=_native_id(target, place) if target is not None else None,
                           occurrence=occ.group(0) if occ else effect.occurrence,
                           source_citation=item.citation, source_id=item.source_id))
    return out or [effect]


def _also(note: str | None, more: str) -> str:
    return f"{note}; {more}" if note else more


def _links(p: Provision) -> list[tuple[str, str]]:
    """(words, href) of the links in a provision's own text, outside quotations."""
    out = []
    for where in ("chapeau", "continuation"):
        text = getattr(p, where)
        inline = [(q.offset, q.offset + len(q.text)) for q in p.quotes if not q.block and q.where == where]
        for a in p.annotations:
            if a.kind != "ref" or a.where != where or not a.ref:
                continue
            if any(start <= a.start < end for start, end in inline):
                continue  # a link inside quoted words belongs to the words, not the instruction
            out.append((text[a.start:a.end], a.ref))
    return out


def _split_link(href: str) -> tuple[str | None, str | None]:
    """("asp/2003/11", "sec_27__subsec_2") from a Lawmaker link; the work is None for "#sec_99"."""
    base, _, fragment = href.partition("#")
    work = None
    if base:
        m = re.search(r"legislation\.gov\.uk/(?:id/)?([a-z]+/\d{4}/\d+)", base)
        work = m.group(1) if m else None
    return work, fragment or None


def _linked(effect: Effect, where: _Where, links: list[tuple[str, str]], action: dict,
            target: Document | None) -> Effect:
    """Add what the amending text's own links say about the Act amended (Lawmaker's links carry
    the Act's legislation.gov.uk identifier). Their provision fragments are kept as the link,
    not trusted over the words: in the test bills they are often partial or point elsewhere."""
    works = [w for w in (_split_link(h)[0] for _, h in links) if w]
    fragments = [f for f in (_split_link(h)[1] for _, h in links) if f]
    trail = tuple((t, w, f) for t, (w, f) in ((t, _split_link(h)) for t, h in links) if w and f)
    return replace(effect, link_work=works[-1] if works else None, link=fragments[-1] if fragments else None,
                   act_links=trail)


def _check_links(effect: Effect, work: str) -> Effect:
    """Note where the amending text's last link into the Act amended names a provision that is
    neither the one its words give nor an ancestor of it: a stale or mistaken link a drafter
    should hear of. (A bare "#sec_15" points into the amending text itself, and a link into
    another Act, such as the one that inserted the provision, says nothing of this one.)"""
    into = [(t, f) for t, w, f in effect.act_links if w == work]
    if not into or not effect.affected_id:
        return effect
    words, fragment = into[-1]
    if effect.affected_id == fragment or effect.affected_id.startswith(fragment + "__"):
        return effect
    return replace(effect, note=_also(effect.note, f"the words give {effect.affected_id}; the amending text "
                                                   f"links “{words}” to {fragment}"))


def target_act_name(effects: list[Effect], target: Document) -> str | None:
    """Which of the Acts an amending text names is ``target``: its own title if the text names
    it, else the named Act whose amendments best fit it (their provisions exist in it, and their
    anchor words are there). Lawmaker's exports, for one, do not carry the Act's title."""
    names = {e.affected_act for e in effects if e.affected_act}
    if target.title in names:
        return target.title
    best, best_fit = None, 0.0
    for name in sorted(names):
        mine = [e for e in effects if e.affected_act == name]
        fit = sum(_fits(e, target) for e in mine) / len(mine)
        if fit > best_fit:
            best, best_fit = name, fit
    return best if best_fit >= 0.6 else target.title


def _fits(effect: Effect, target: Document) -> bool:
    if not effect.affected_citation:
        return False
    citation = effect.affected_citation.replace(" heading", "")
    try:
        provision = target.find(citation)
    except (CitationNotFound, LawdiffError):
        return False
    if effect.anchor and effect.type in (WORDS_INSERTED, WORDS_SUBSTITUTED, WORDS_OMITTED):
        words = effect.anchor.split("”")[0].lstrip("“")
        return words in " ".join(x.text for x in provision.walk()) or words in (provision.heading or "")
    return True


_VERB = re.compile(r"\b(?:insert|substitute)\b|\bby\s+(?:striking|inserting|adding|redesignating)\b|\bshall\s+be\s+(?:substituted|inserted|added|omitted|repealed)\b|"
                   r"\bshall\s+cease\s+to\s+have\s+effect\b|\bhereby\s+repealed\b|\b(?:omit|leave\s+out)\s+(?:‹|the\s+|words|from|(?:sub-)?paragraph|"
                   r"subsection|section|schedule|part|chapter|step)|\b(?:is|are)\s+(?:repealed|omitted)\b|"
                   r"\bbecomes?\s+(?:‹|sub-paragraph|paragraph|subsection)", re.IGNORECASE)


def _has_action(skeleton: str) -> bool:
    return bool(_VERB.search(skeleton))


def _without_quotes(p: Provision) -> str:
    skeleton, _ = _split_quotes(_instruction_text(p))
    return _modernise(skeleton)


def _instruction_text(p: Provision) -> str:
    """The provision's words with each block quote as “⟦n⟧” (its words may hold quotation marks
    of their own, or none), so that quoted passages always balance."""
    parts = []
    n = 0
    for where in ("chapeau", "continuation"):
        text = getattr(p, where)
        pos, out = 0, []
        for quote in sorted((q for q in p.quotes if q.block and q.where == where), key=lambda q: q.offset):
            out.append(text[pos:quote.offset])
            before = "".join(out)
            if before.count(_OPEN) > before.count(_CLOSE):
                out.append(f" ⟦{n}⟧{_CLOSE} ")  # 'insert “, or' then the block: it closes that quotation
            else:
                out.append(f" {_OPEN}⟦{n}⟧{_CLOSE} ")
            n += 1
            pos = quote.offset
        out.append(text[pos:])
        joined = " ".join("".join(out).split())
        if joined:
            parts.append(joined)
    return " ".join(parts)


def _block_quotes(p: Provision) -> list:
    return [q for where in ("chapeau", "continuation")
            for q in sorted((q for q in p.quotes if q.block and q.where == where), key=lambda q: q.offset)]


def _block_provisions(p: Provision) -> tuple[Provision, ...]:
    out: list[Provision] = []
    for quote in p.quotes:
        if quote.block:
            out.extend(quote.provisions)
    return tuple(out)


_HEADING_KINDS = {"heading": HEADING_AMENDED, "crossheading": CROSSHEADING_AMENDED}


def _effect(action: dict, where: _Where, p: Provision, target: Document | None, state: dict) -> Effect | None:
    name = action["name"]
    if state.get("that_paragraph") and re.search(r"\b(?:in|at\s+the\s+(?:end|beginning)\s+of)\s+that\s+(?:sub-)?paragraph\b",
                                                 action["before"] + " " + action.get("matched", ""),
                                                 re.IGNORECASE):  # the one "... become paragraph (a)" made
        base, num = state["that_paragraph"]
        where = replace(base, subs=base.subs + (num,))
    new, anchor = action["new"], action["anchor"]
    whole = False
    location = "replace"
    kind: str
    if name == "heading-substitute":  # "For the heading substitute “Service providers”"
        kind, where = HEADING_AMENDED, replace(where, part="heading")
    elif name == "heading-becomes":
        kind = HEADING_AMENDED
        if action.get("hunit") and action.get("href"):
            where = where.add(action["hunit"].lower(), action["href"])
        where = replace(where, part="heading")
    elif name == "redesignate":  # "by redesignating subparagraph (E) as subparagraph (F)"
        kind, new = PROVISION_RENUMBERED, action["newnum"]
        where = where.add(action["unit"], action["ref"])
    elif name == "final-punctuation":  # "by striking the period at the end and inserting “; and”"
        kind = WORDS_SUBSTITUTED
        anchor = {"period": ".", "comma": ",", "semicolon": ";", "colon": ":"}[action["punct"].lower()]
        action = {**action, "occurrence": "in the last place it occurs"}
    elif name in ("definition-repealed", "definition-omit"):
        kind, anchor = PROVISION_OMITTED, action["defn"]
    elif name == "definition-substitute":
        kind, anchor = PROVISION_SUBSTITUTED, action["defn"]
    elif name == "appropriate-place":
        kind = PROVISION_INSERTED if action["structure"] else WORDS_INSERTED
        location, action = "after", {**action, "occurrence": "at the appropriate place"}
    elif name == "crossheading":
        kind, where = CROSSHEADING_AMENDED, replace(where, section=action["xsec"], subs=(), part="crossheading")
    elif name in ("become-paragraph", "become-paragraph-after", "become-paragraph-all"):
        kind = WORDS_BECOME_PARAGRAPH
        if action["unit"]:  # "the existing text of section 5 becomes subsection (1)"
            where = where.add(action["unit"], action["ref"])
        state["that_paragraph"] = (where, action["newnum"])
    elif name == "after-that":
        # "that paragraph": the one just made by "the words ... become paragraph (a)", or else
        # the one the previous instruction named ("omit the “or” after paragraph (j)")
        base, num = state.pop("that_paragraph", None) or (state.get("last_where", where), None)
        kind, location = PROVISION_INSERTED, "after"
        where = replace(base, subs=base.subs + ((num,) if num else ()))
    elif name in ("struct-insert", "struct-substitute", "struct-omit", "struct-repealed"):
        if action.get("ofact"):
            where = replace(where, act=_act_name(action["ofact"]))
        if action.get("sched2"):  # "after paragraph 11 of Schedule 1ZA"
            where = where.add("schedule", action["sched2"])
        if action.get("of_unit"):  # "for paragraph (c) of subsection (5)"
            where = where.add(action["of_unit"].lower(), action["of_ref"])
        unit = action["unit"]
        ref = action["ref"]
        if action["defn"]:
            anchor = action["defn"]
        elif unit:
            where = where.add(unit if unit != "step" else "", ref) if unit != "step" else where
            if unit == "step":
                anchor = f"step {ref}"
        whole = unit in ("section", "schedule", "regulation", "article", "part", "chapter") and not action["defn"]
        if name == "struct-insert":
            kind, location = PROVISION_INSERTED, action["loc"]
        elif name == "struct-substitute":
            kind = PROVISION_SUBSTITUTED
        else:
            kind = PROVISION_OMITTED
    elif name in ("words-insert", "words-insert-older", "edge-insert"):
        if name == "edge-insert" and action["unit"]:  # "at the end of section 3 there shall be added—"
            where = where.add(action["unit"], action["ref"])
            if action.get("ofact"):
                where = replace(where, act=_act_name(action["ofact"]))
        kind = WORDS_INSERTED if not action["structure"] else PROVISION_INSERTED
        location = action["loc"] or ("before" if (action["edge"] or "").lower() == "beginning" else "after")
        kind = _HEADING_KINDS.get(where.part, kind)
    elif name.startswith("words-substitute"):
        kind = _HEADING_KINDS.get(where.part, WORDS_SUBSTITUTED)
    elif name.startswith("words-omit") or name in ("words-repealed", "words-range-repealed", "words-omit-near"):
        kind = _HEADING_KINDS.get(where.part, WORDS_OMITTED)
        new = None
        if not action.get("after") and not action["occurrence"] and _CONTEXT_AT_END.search(action["before"]):
            action = {**action, "occurrence": "in the last place it occurs"}  # "at the end of (1)(i) omit “and”"
        if action.get("after") and not action["occurrence"]:
            # "the word “and” immediately following paragraph (a)": the last in (a); "preceding": the first
            following = re.search(r"following|after|at\s+the\s+end", action["after"], re.IGNORECASE)
            action = {**action, "occurrence": "in the last place it occurs" if following
                      else "in the first place it occurs"}
        if action.get("after"):
            m = re.search(r"(paragraph|subsection|sub-paragraph)\s*(\(\w+\))", action["after"])
            if m:
                where = where.add(m.group(1).lower(), m.group(2))
    else:  # pragma: no cover
        return None
    state["last_where"] = where
    citation = where.citation()
    if citation and where.part == "heading":
        citation += " heading"
    elif citation and where.part == "crossheading":
        citation = f"cross-heading before {citation}"
    omits = kind in (WORDS_OMITTED, PROVISION_OMITTED) or name.startswith("words-omit") \
        or name in ("words-repealed", "words-range-repealed")
    anchor_text = None
    if anchor is not None:
        to_end = not action["anchor_end"] and re.search(r"\bto\s+the\s+end\b", action.get("matched", ""))
        anchor_text = f"“{anchor}”" + (f" to “{action['anchor_end']}”" if action["anchor_end"] else
                                       " to the end" if to_end else "")
        if name in ("become-paragraph-after", "words-substitute-after"):  # the words after the anchor
            anchor_text = "after " + anchor_text + ("" if action["anchor_end"] or to_end else " to the end")
        elif name == "words-substitute-from-beginning":
            anchor_text = f"from the beginning to “{anchor}”"
    return Effect(
        type=kind, affected_act=where.act, affected_citation=citation,
        affected_id=_native_id(target, where) if target is not None else None,
        location=location, whole_provision=whole, anchor=anchor_text, occurrence=action["occurrence"],
        new_words=new, new_structure=action["structure"] if not omits else (),
        operation="omit" if omits else "insert" if kind in (WORDS_INSERTED, PROVISION_INSERTED)
        or (kind in (HEADING_AMENDED, CROSSHEADING_AMENDED) and location in ("before", "after")) else "substitute",
        source_citation=p.citation, source_id=p.source_id, text=_instruction_text(p),
    )


def _native_id(target: Document, where: _Where) -> str | None:
    """The target's own id for the provision (AKN eId, CLML id), or a Lawmaker-style eId for one
    the amending text itself inserts."""
    citation = where.citation()
    if citation is None:
        return None
    provision = None
    try:
        provision = target.find(citation)
    except (CitationNotFound, LawdiffError):
        pass
    if provision is not None and provision.source_id:
        base = provision.source_id
    elif target.meta.format == "akn":
        base = _lawmaker_eid(where, target)
    else:
        return None
    if where.part == "heading" and target.meta.format == "akn":
        return f"{base}__hdg"
    return base


def _lawmaker_eid(where: _Where, target: Document) -> str:
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
