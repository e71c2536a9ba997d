"""Effects: what an amending Act or Bill does to the law it amends.

An amending provision is read as a drafter writes it: a context ("In section 29
(petitions for recall), in subsection (4)—", carried down from the provisions
above) and an action on quoted words or on a provision ("after “debtor” insert
“(where …)”", "for subsection (1) substitute—", "paragraph (c) is repealed").
Quoted words are taken out first (they may say anything), so the patterns only
ever see the instruction's own words. An instruction no pattern understands is
kept, as unparsed, with its citation and text: none is dropped silently.

The reading is in four steps, a module each: :mod:`.wording` (quotations out,
asides off, older drafting made modern), :mod:`.places` (where: the context),
:mod:`.actions` (what: the instruction patterns) and :mod:`.links` (what the
amending text's own links say). This module puts them together.

    >>> import lawdiff
    >>> act = lawdiff.load("example:surveillance-act")
    >>> [(e.type, e.affected_act, e.affected_citation, e.location) for e in extract(act).effects]
    [('provision inserted', 'Example Records Act 2020', 's. 4(2)', 'after')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from typing import ClassVar

from ..errors import CitationNotFound, LawdiffError
from ..model import Document, Provision
from ..model.titles import cited_as, name_key, names_of, same_name
from .actions import each_provision, has_action, parse_instruction
from .grammar import how_far
from .links import also, check_links, links_in, with_links
from .places import (AMENDED_AS_FOLLOWS, CONTEXT_AT_END, EU_AMENDED, HEADING_ACT, IN_ACT, SCHEDULE_AMENDED, SECTION_AMENDED, Where,
                     native_id, place_of, places_of)
from .wording import ACT, ANAPHOR, CLOSE, OPEN, act_name, modernise, split_quotes, unparenthesise


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


@dataclass(frozen=True)
class Span:
    """Where within a provision's words an effect lies, as the instruction says it: the words
    (“X”), to some later words (“X” to “Y”) or to the end, or the words after “X”, or from the
    beginning to “X”. ``apply`` locates it from these fields, never from prose."""

    words: str
    until: str | None = None
    to_end: bool = False
    after: bool = False  # the words after “X”: X itself stays
    from_beginning: bool = False


@dataclass(frozen=True)
class Place:
    """Where an effect is: the Act, the provision (its citation in that Act) and the part of it
    amended: its words (None), its heading, or the cross-heading before it."""

    act: str | None
    provision: str | None
    part: str | None = None  # None | "heading" | "cross-heading"

    @property
    def citation(self) -> str | None:
        """As lawdiff prints it: "s. 32(1)", "s. 32 heading", "cross-heading before s. 200"."""
        if self.provision is None:
            return None
        if self.part == "heading":
            return f"{self.provision} heading"
        if self.part == "cross-heading":
            return f"cross-heading before {self.provision}"
        return self.provision


@dataclass(frozen=True)
class Effect:
    """One textual amendment: its type, where (Act, provision, and a span of its words), what
    it brings, and how it was read (the rule of :mod:`.grammar` and the words it matched)."""

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
    span: Span | None = None  # the words located against, as structured parts
    term: str | None = None  # the definition or the entry of a table or list it names
    entry: bool = False  # the term names an entry of a table or list, not a definition
    new_number: str | None = None  # "words … become paragraph (a)": a
    rule: str = ""  # the grammar's rule that read it
    reading: int = 0  # which action of the amending text it comes from: one action may name several places
    matched: str = ""  # the words of the instruction that rule read
    # where, structured: the provision's citation, and which part of it ("heading"; "cross-heading",
    # the one before that provision). ``affected_citation`` is made from these when they are given.
    provision: str | None = None
    part: str | None = None

    #: the kind of effect a subclass is (``WordsInserted.KIND == "words inserted"``)
    KIND: ClassVar[str] = ""

    def __post_init__(self) -> None:
        if self.KIND and self.type != self.KIND:
            raise ValueError(f"a {type(self).__name__} is {self.KIND!r}, not {self.type!r}")
        if self.provision is not None:
            object.__setattr__(self, "affected_citation", self.place.citation)

    @property
    def place(self) -> "Place":
        return Place(self.affected_act, self.provision if self.provision is not None else self.affected_citation,
                     self.part)

    @property
    def lawmaker_type(self) -> str:
        """insertion, substitution or deletion: the Lawmaker table's three types."""
        return {"insert": "insertion", "omit": "deletion", "substitute": "substitution"}.get(
            self.operation, LAWMAKER_TYPE[self.type])


def _kind(name: str, kind: str, doc: str) -> type[Effect]:
    return type(name, (Effect,), {"KIND": kind, "__doc__": doc, "__module__": __name__, "__qualname__": name})


# One class per kind of operation: ``apply`` dispatches on the class.
WordsInserted = _kind("WordsInserted", WORDS_INSERTED, "Words put in: “after “X” insert “Y””, “at the end insert”.")
WordsSubstituted = _kind("WordsSubstituted", WORDS_SUBSTITUTED, "Words replaced: “for “X” substitute “Y””.")
WordsOmitted = _kind("WordsOmitted", WORDS_OMITTED, "Words taken out: “omit “X””, “the words … are repealed”.")
ProvisionInserted = _kind("ProvisionInserted", PROVISION_INSERTED, "A provision put in: “after subsection (2) insert—”.")
ProvisionSubstituted = _kind("ProvisionSubstituted", PROVISION_SUBSTITUTED, "A provision replaced whole.")
ProvisionOmitted = _kind("ProvisionOmitted", PROVISION_OMITTED, "A provision taken out: “omit paragraph (c)”.")
WordsBecomeProvision = _kind("WordsBecomeProvision", WORDS_BECOME_PARAGRAPH,
                             "Words made a provision of their own: “the words “X” become paragraph (a)”.")
HeadingAmended = _kind("HeadingAmended", HEADING_AMENDED, "A heading changed: “the heading … becomes “Y””.")
ProvisionRenumbered = _kind("ProvisionRenumbered", PROVISION_RENUMBERED, "A provision given a new number.")
CrossHeadingAmended = _kind("CrossHeadingAmended", CROSSHEADING_AMENDED,
                            "The cross-heading before a provision changed: “in the italic heading before section 2”.")

EFFECT_CLASSES: dict[str, type[Effect]] = {c.KIND: c for c in (
    WordsInserted, WordsSubstituted, WordsOmitted, ProvisionInserted, ProvisionSubstituted, ProvisionOmitted,
    WordsBecomeProvision, HeadingAmended, ProvisionRenumbered, CrossHeadingAmended)}


def effect_of(kind: str, **values) -> Effect:
    """An effect of ``kind`` ("words inserted", ...), as the class for that kind.

    >>> e = effect_of("words omitted", affected_act="Example Act 2020", affected_citation=None,
    ...               affected_id=None, location="replace", whole_provision=False, provision="s. 2(1)")
    >>> type(e).__name__, e.affected_citation
    ('WordsOmitted', 's. 2(1)')
    """
    return EFFECT_CLASSES[kind](type=kind, **values)


def retyped(effect: Effect, kind: str, **changes) -> Effect:
    """``effect`` as an effect of another kind (``apply`` inserts the words a provision inserted
    "after “must”" brings as words inserted)."""
    values = {f.name: getattr(effect, f.name) for f in fields(effect) if f.init}
    values.update(changes, type=kind)
    return EFFECT_CLASSES[kind](**values)


@dataclass(frozen=True)
class Unparsed:
    """An instruction the grammar cannot read, with how far it got (``reason``)."""

    source_citation: str
    source_id: str | None
    text: str
    reason: str = ""


@dataclass
class Effects:
    effects: list[Effect] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    target_act: str | None = None  # with a target: the name the amending text knows it by
    target_note: str | None = None  # how the target was identified, when it had to be inferred
    set_aside: int = 0  # with a target: effects on other Acts (or on none named) left out
    readings: int = field(default=0, repr=False)  # actions read so far (each effect's ``reading``)

    @property
    def understood(self) -> float:
        """The share of instructions understood (1.0 when there are none): read into effects
        that name both the Act and the provision they amend."""
        read = {e.source_citation for e in self.effects}
        good = {e.source_citation for e in self.effects if e.affected_act and e.affected_citation}
        total = len(read) + len(self.unparsed)
        return len(good) / total if total else 1.0

    def __iter__(self):
        """The effects in order, so that ``apply_effects(act, extract(bill))`` reads as it should."""
        return iter(self.effects)

    @property
    def without_act(self) -> list[Effect]:
        """Effects whose Act the amending text does not make clear."""
        return [e for e in self.effects if not e.affected_act]


_REPEAL_LIST = re.compile(r"^The\s+following\s+(?:provisions|enactments|instruments)(?:\s+of\s+(?P<act>the\s+\d{4}\s+(?:Act|Order)|"
                          + ACT.pattern.replace("(?P<act>", "(?:") + r"))?\s+(?:are|is)\s+(?:hereby\s+)?"
                          r"(?:repealed|revoked|omitted)(?:\s+to\s+the\s+extent\s+specified)?\s*[.:—–-]*\s*$",
                          re.IGNORECASE)


def _in_repeal_list(p: Provision, state: dict) -> bool:
    listed = state.get("repeal_list")
    return bool(listed) and p.path.startswith(listed[0] + "/")


def _as_repeal(text: str) -> str | None:
    """An item of a list of repeals as the instruction it stands for: "Section 21 (…)." is "omit
    Section 21 (…)."; "In section 2 (…) the words “X”." is "In section 2 (…), omit the words “X”."
    An item that only sets the scene ("In section 3 (…)—") stays as it is (None)."""
    if re.match(r"(?:\(\w+\)\s*)?in\s", text, re.IGNORECASE):
        m = re.search(r"(?:\s|,\s*)(the\s+(?:words?|references?|definitions?|entry|entries)\b)|,\s*((?:paragraphs?|sections?|"
                      r"subsections?|sub-paragraphs?|regulations?|articles?|Parts?|Chapters?)\s+[\d(])", text, re.IGNORECASE)
        return f"{text[:m.start()].rstrip(',')}, omit {text[m.start(m.lastindex):]}" if m and m.start() > 3 else None
    return "omit " + text


_SHORT_FORM = re.compile(r"[“\"](?P<short>[^”\"]{2,80})[”\"]\s+means\s+" + ACT.pattern
                         + r"|" + ACT.pattern.replace("(?P<act>", "(?P<act2>") + r"\s*\((?:in\s+this\s+\w+\s+)?(?:referred\s+to\s+as\s+)?"
                         r"[“\"](?P<short2>[^”\"]{2,80})[”\"]\)")


def short_forms(amending: Document) -> dict[str, str]:
    """The short forms of Acts' names the amending text defines, by the names they stand for:
    "In this Act “FSMA 2000” means the Financial Services and Markets Act 2000"; "the
    Investigatory Powers Act 2016 (“the 2016 Act”)". Keys are as :func:`_name_key` makes them.

    >>> import lawdiff
    >>> short_forms(lawdiff.parse_bytes(b'<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body><P1group><Title>Interpretation</Title><P1><Pnumber>1</Pnumber><P1para><Text>In this Act &#8220;the 2020 Act&#8221; means the Example Records Act 2020.</Text></P1para></P1></P1group></Body></Primary></Legislation>'))
    {'2020 act': 'Example Records Act 2020'}
    """
    out: dict[str, str] = {}
    for p in amending.walk():
        text = p.text
        if "means" not in text and "(“" not in text and '("' not in text:
            continue
        for m in _SHORT_FORM.finditer(" ".join(text.split())):
            short, act = (m.group("short"), m.group("act")) if m.group("short") else (m.group("short2"), m.group("act2"))
            if re.search(r"\d{4}|\b(?:Act|Order|Regulations|Measure|Rules)\b", short) and act:
                out.setdefault(name_key(short), act_name(act))
    return out


_ANAPHOR = re.compile(ANAPHOR + r"\Z", re.IGNORECASE)
# "of that Article": the section, Article or regulation the previous instruction named
_THAT = re.compile(r"\bof\s+that\s+(?:section|article|regulation|rule)\b", re.IGNORECASE)


def extract(amending: Document, target: Document | None = None, target_title: str | None = None) -> Effects:
    """Every textual amendment ``amending`` makes; with ``target``, only those aimed at it,
    with its native ids. The target is known by ``target_title``, its title, or the name its
    short-title provision gives; effects on any other Act are never kept. Raises
    :class:`~lawdiff.errors.LawdiffError` naming the Acts the text does amend when none of
    its effects is aimed at the target."""
    out = Effects()
    for top in amending.body + amending.schedules:
        _visit(top, Where(), {}, [], target, out)
    names = short_forms(amending)
    if names:  # "FSMA 2000" and "the 2016 Act" by the titles the amending text defines them as
        out.effects = [replace(e, affected_act=names.get(name_key(e.affected_act), e.affected_act))
                       if e.affected_act else e for e in out.effects]
    if amending.meta.jurisdiction == "us":  # sections of United States Acts are cited "sec."
        out.effects = [replace(e, provision=re.sub(r"^s\. ", "sec. ", e.provision))
                       if e.provision else e for e in out.effects]
    if target is not None:
        every = out.effects
        out.target_act, out.target_note = target_act_name(every, target, target_title)
        out.effects = _for_target(every, out.target_act, target)
        out.set_aside = len(every) - len(out.effects)
        if not out.effects:
            raise LawdiffError(_none_aimed_at(amending, target, every, target_title))
    return out


def _none_aimed_at(amending: Document, target: Document, effects: list[Effect], target_title: str | None) -> str:
    """'X amends A (191 effects), B (12), …; none of them is T'."""
    counts = Counter(e.affected_act for e in effects if e.affected_act).most_common()
    names = names_of(target, target_title)
    who = f"the {names[0]}" if names else "this document"
    if not counts:
        return f"{amending.title} makes no textual amendment lawdiff can read to any named Act; none is to {who}"
    listed = ", ".join(f"{name} ({n} effect{'s' if n != 1 else ''})" if k == 0 else f"{name} ({n})"
                       for k, (name, n) in enumerate(counts[:6]))
    more = f", and {len(counts) - 6} more" if len(counts) > 6 else ""
    return f"{amending.title} amends {listed}{more}; none of them is {who} (say --target-title to name it)"


def _visit(p: Provision, where: Where, state: dict, links: list[tuple[str, str]], target: Document | None,
           out: Effects) -> None:
    """Read one provision of the amending text, then its children.

    ``state`` carries what earlier provisions of the same section said: the Act and the place
    that "X is amended as follows" set, the last place and Act named (for "of that Article",
    "of those Regulations"), an open list of repeals, the paragraph "... become paragraph (a)" made.
    """
    heading_act = _heading_act(p)
    if heading_act:  # a Part or cross-heading naming the Act: it holds for what is under it
        where = replace(where, act=heading_act)
        if p.kind == "crossheading":
            state["act"] = heading_act
    plain = _without_quotes(p)
    own_links = links_in(p)
    saved_act = state.get("act")
    if _THAT_ACT.search(plain) and state.get("last_act"):  # "Accordingly, in that Act—"
        state["act"] = state["last_act"]
    sets_scene = _set_scene(unparenthesise(plain), p, state)
    if "where" in state and where.section is None:
        where = replace(state["where"], act=where.act)
    here = replace(where, act=where.act or state.get("act"))
    if _THAT.search(plain) and state.get("last_where") is not None:  # "After paragraph (1) of that Article insert—"
        last = state["last_where"]
        here = replace(here, act=here.act or last.act, section=last.section, schedule=last.schedule,
                       style=last.style, subs=(), part=None, group=None)
    text = _instruction_text(p)
    listed = _REPEAL_LIST.search(unparenthesise(plain))
    if listed:  # "The following provisions of the 1930 Act are repealed." and a list: its items, below or after
        scope = p.path if p.children else p.path.rpartition("/")[0]
        state["repeal_list"] = (scope, act_name(listed.group("act")) if listed.group("act") else here.act)
        plain = ""  # an introduction, not an instruction
    item = False  # an item of a list of repeals: read as an instruction whatever its words
    if not listed and not has_action(plain) and _in_repeal_list(p, state):
        here = replace(here, act=here.act or state["repeal_list"][1])
        synthetic = _as_repeal(text)
        if synthetic is not None:
            text, plain, item = synthetic, modernise(split_quotes(synthetic)[0]), True
        elif not p.children:  # words lawdiff cannot turn into an instruction: listed, not lost
            item = True
    actions = parse_instruction(text, _block_provisions(p), [q.text for q in _block_quotes(p)]) \
        if has_action(plain) or item else []
    if actions:
        for action in actions:
            out.readings += 1
            action = {**action, "reading": out.readings}  # the effects of one action share its number
            before = unparenthesise(action["before"])
            context_links = links + [(t, h) for t, h in own_links if t and t in before]
            for ctx, one in ((c, a) for c in places_of(action["before"], here) for a in each_provision(action)):
                _record(one, ctx, p, target, state, context_links, out)
    elif (has_action(plain) or item) and not p.children:
        out.unparsed.append(Unparsed(p.citation, p.source_id, _instruction_text(p), how_far(_instruction_text(p))))
    child_where = place_of(plain, here) if p.level >= 1 else here
    if p.level >= 1:
        child_state = state
    elif p.kind == "crossheading":  # cross-headings group a Part's paragraphs: what one sets, the next keeps
        child_state = state
    else:
        child_state = {"act": heading_act or state.get("act")}
    context = unparenthesise(plain)
    child_links = links + [(t, h) for t, h in own_links if t and t in context] if p.level >= 1 else links
    for child in p.children:
        _visit(child, child_where, child_state, child_links, target, out)
    if p.level == 1:
        # "X is amended as follows" holds within its section; a paragraph that says no more than
        # that ("The Banking Act 2009 is amended as follows.") holds for the paragraphs after it
        if not (sets_scene and not p.children and not actions):
            state["act"] = saved_act
        state.pop("where", None)


_THAT_ACT = re.compile(r"\bin\s+" + ANAPHOR + r"\b", re.IGNORECASE)


def _heading_act(p: Provision) -> str | None:
    """The Act a Part or cross-heading names, for the provisions under it: the consequential
    amendments of a Schedule are grouped under headings such as "Police Act 1997"."""
    if p.level == 0 and p.heading and (m := HEADING_ACT.match(" ".join(p.heading.split()))):
        return act_name(m.group("act"))
    return None


def _set_scene(words: str, p: Provision, state: dict) -> bool:
    """"Section 22 of the 2016 Act is amended as follows", "Schedule 17A is amended as follows",
    "The 2016 Act is amended as follows", "In the X Act 1992, section 193A is amended …": the place
    and Act the provisions that follow amend. Whether the words named an Act for them."""
    if m := IN_ACT.match(words):
        rest = words[m.end():]
        if SECTION_AMENDED.search(rest) or SCHEDULE_AMENDED.search(rest) or AMENDED_AS_FOLLOWS.search(rest):
            state["act"] = act_name(m.group("act"))
            _set_scene(rest[:1].upper() + rest[1:], p, state)
            return True
    if m := EU_AMENDED.match(words):  # "Regulation (EU) No 600/2014 of … on … is amended as follows"
        state["act"] = " ".join(m.group("eu").split())
        return True
    m = SECTION_AMENDED.search(words)
    if m:  # its siblings amend section 22
        state["where"] = Where().add(m.group("unit").lower(), m.group("ref"))
    elif p.level >= 1 and (m := SCHEDULE_AMENDED.search(words)):
        state["where"] = Where().add("schedule", m.group("sch") or "")
        if m.group("para"):
            state["where"] = state["where"].add("paragraph", m.group("para"))
    else:
        m = AMENDED_AS_FOLLOWS.search(words)
        if m and m.group("group"):  # "Part 2A of the Employment Rights Act 1996 is amended as follows"
            state["where"] = Where(group=" ".join(m.group("group").split()))
    if m and m.group("act"):
        state["act"] = act_name(m.group("act"))
        return True
    return False


def _record(action: dict, where: Where, p: Provision, target: Document | None, state: dict,
            links: list[tuple[str, str]], out: Effects) -> None:
    """The effect of one action at one place, with its links checked and "those Regulations" resolved."""
    effect = _effect(action, where, p, target, state)
    if effect is None:
        return
    effect = with_links(effect, links)
    if effect.affected_act and _ANAPHOR.match(effect.affected_act):  # "of those Regulations"
        if state.get("last_act"):
            effect = replace(effect, affected_act=state["last_act"])
    elif effect.affected_act:
        state["last_act"] = effect.affected_act
    if action["name"] == "entry-omit" and not action["defn"] and p.children:
        # "omit the entries relating to— (a) the X Authority; (b) the Y Commissioner."
        for item in p.children:
            words = re.sub(r"[\s;,.]*(?:\b(?:and|or)\b)?[\s;,.]*$", "", " ".join(item.text.split()))
            if words:
                out.effects.append(replace(effect, anchor=f"“{words}”", term=words, source_citation=item.citation,
                                           source_id=item.source_id))
    elif re.search(r"\bthe\s+following\s+provisions\b", action["before"], re.IGNORECASE) and p.children:
        # "in the following provisions, after “X” insert “Y”— (i) subsection (2)(b); ..."
        out.effects.extend(_listed(effect, where, p.children, target))
    else:
        out.effects.append(effect)


def _for_target(effects: list[Effect], name: str | None, target: Document) -> list[Effect]:
    """The effects on ``target`` (the Act named ``name``), with links into it checked against the
    words. An effect whose words name another Act but whose links point into this one is kept,
    with a note: the drafter should mend one or the other."""
    works = Counter(e.link_work for e in effects if e.affected_act == name and e.link_work)
    work = works.most_common(1)[0][0] if works else None
    kept = []
    for e in effects:
        if e.affected_act == name:
            kept.append(check_links(e, work) if work else e)
        elif work and e.link_work == work:  # the words name another Act; the links, this one
            e = check_links(e, work)
            kept.append(replace(e, note=also(e.note, f"the words name the {e.affected_act}; the links "
                                                       f"point into {work}, the Act amended")))
    return kept


_LISTED = re.compile(r"^(?P<unit>section|subsection|paragraph|sub-paragraph)s?\s*(?P<ref>\d*[A-Z]*(?:\(\w+\))*)"
                     r"(?P<rest>.*)$", re.IGNORECASE)


def _listed(effect: Effect, where: Where, items: tuple[Provision, ...], target: Document | None) -> list[Effect]:
    """One effect per provision an instruction lists below it, each with that item's citation."""
    out = []
    for item in items:
        m = _LISTED.match(item.text.strip())
        if not m:
            continue
        place = where.add(m.group("unit").lower(), m.group("ref").replace(" ", ""))
        occ = re.search(r"in\s+(?:both|each|all|every)\s+(?:the\s+)?places?\s+(?:where\s+)?it\s+occurs",
                        m.group("rest"), re.IGNORECASE)
        out.append(replace(effect, provision=place.citation(),
                           affected_id=native_id(target, place) if target is not None else None,
                           occurrence=occ.group(0) if occ else effect.occurrence,
                           source_citation=item.citation, source_id=item.source_id))
    return out or [effect]


def target_act_name(effects: list[Effect], target: Document, title: str | None = None) -> tuple[str | None, str | None]:
    """Which of the Acts an amending text names is ``target``, and a note when that had to be
    inferred. By name: ``title``, the target's title, or the name its short-title provision
    gives ("This Act may be cited as …"). A target with none of these (Lawmaker's exports
    carry a placeholder title, and some no short-title provision) is taken to be the named
    Act whose amendments fit it (their provisions exist in it, their words are there), if
    nine in ten of them do; the note says so."""
    named = sorted({e.affected_act for e in effects if e.affected_act})
    names = names_of(target, title)
    for name in names:
        for act in named:
            if same_name(act, name):
                return act, None
    if title or cited_as(target) or re.search(r"\b\d{4}\b", target.meta.title or ""):
        return names[0] if names else None, None
    best, best_score, best_fits, best_n = None, 0.0, 0, 0
    for name in named:
        mine = [e for e in effects if e.affected_act == name]
        fits = sum(_fits(e, target) for e in mine)
        score = fits / (len(mine) + 1)  # one amendment that happens to fit is not evidence enough
        if score > best_score:
            best, best_score, best_fits, best_n = name, score, fits, len(mine)
    if best is not None and best_score >= 0.8:
        return best, (f"{target.title!r} names no Act of its own; taken as the {best}, whose amendments fit it "
                      f"({best_fits} of {best_n}); say --target-title to choose")
    return target.title, None


def _fits(effect: Effect, target: Document) -> bool:
    citation = effect.place.provision
    if not citation:
        return False
    try:
        provision = target.find(citation)
    except (CitationNotFound, LawdiffError):
        return False
    if effect.anchor and effect.type in (WORDS_INSERTED, WORDS_SUBSTITUTED, WORDS_OMITTED):
        words = effect.anchor.split("”")[0].lstrip("“")
        return words in " ".join(x.text for x in provision.walk()) or words in (provision.heading or "")
    return True


def _without_quotes(p: Provision) -> str:
    skeleton, _ = split_quotes(_instruction_text(p))
    return modernise(skeleton)


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
            if before.count(OPEN) > before.count(CLOSE):
                out.append(f" ⟦{n}⟧{CLOSE} ")  # 'insert “, or' then the block: it closes that quotation
            else:
                out.append(f" {OPEN}⟦{n}⟧{CLOSE} ")
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


def _near(action: dict, where: Where) -> tuple[dict, Where]:
    """"the word “and” immediately following paragraph (a)": the last in (a); "preceding": the first."""
    if not action.get("after"):
        return action, where
    if not action["occurrence"]:
        following = re.search(r"following|after|at\s+the\s+end", action["after"], re.IGNORECASE)
        action = {**action, "occurrence": "in the last place it occurs" if following else "in the first place it occurs"}
    m = re.search(r"(paragraph|subsection|sub-paragraph)\s*(\(\w+\))", action["after"])
    return action, (where.add(m.group(1).lower(), m.group(2)) if m else where)


@dataclass
class _Reading:
    """What one action says, as its reader fills it in: the kind of effect, where, which words."""

    action: dict
    where: Where
    kind: str = ""
    new: str | None = None
    anchor: str | None = None
    location: str = "replace"
    whole: bool = False


def _heading_substitute(r: _Reading, state: dict) -> None:  # "For the heading substitute “Service providers”"
    r.kind = HEADING_AMENDED
    if r.action.get("hunit") and r.action.get("href"):  # "for the heading of Part 3 substitute"
        r.where = r.where.add(r.action["hunit"].lower(), r.action["href"])
    r.where = replace(r.where, part="heading")


def _heading_becomes(r: _Reading, state: dict) -> None:
    r.kind = HEADING_AMENDED
    if r.action.get("hunit") and r.action.get("href"):
        r.where = r.where.add(r.action["hunit"].lower(), r.action["href"])
    r.where = replace(r.where, part="heading")


def _redesignate(r: _Reading, state: dict) -> None:  # "by redesignating subparagraph (E) as subparagraph (F)"
    r.kind, r.new = PROVISION_RENUMBERED, r.action["newnum"]
    r.where = r.where.add(r.action["unit"], r.action["ref"])


def _final_punctuation(r: _Reading, state: dict) -> None:  # "by striking the period at the end and inserting “; and”"
    r.kind = WORDS_SUBSTITUTED
    r.anchor = {"period": ".", "comma": ",", "semicolon": ";", "colon": ":"}[r.action["punct"].lower()]
    r.action = {**r.action, "occurrence": "in the last place it occurs"}


def _definition_omitted(r: _Reading, state: dict) -> None:  # a definition, or an entry of a table or list
    r.kind, r.anchor = PROVISION_OMITTED, r.action["defn"]


def _entry_inserted(r: _Reading, state: dict) -> None:  # "after the entry for “X” insert—"
    r.kind, r.anchor, r.location = PROVISION_INSERTED, r.action["defn"], r.action["loc"]


def _definition_substituted(r: _Reading, state: dict) -> None:
    r.kind, r.anchor = PROVISION_SUBSTITUTED, r.action["defn"]


def _appropriate_place(r: _Reading, state: dict) -> None:
    r.kind = PROVISION_INSERTED if r.action["structure"] else WORDS_INSERTED
    r.location, r.action = "after", {**r.action, "occurrence": "at the appropriate place"}


def _crossheading(r: _Reading, state: dict) -> None:
    r.kind = CROSSHEADING_AMENDED
    r.where = replace(r.where, section=r.action["xsec"], subs=(), part="crossheading")


def _become_paragraph(r: _Reading, state: dict) -> None:
    r.kind = WORDS_BECOME_PARAGRAPH
    if r.action["unit"]:  # "the existing text of section 5 becomes subsection (1)"
        r.where = r.where.add(r.action["unit"], r.action["ref"])
    state["that_paragraph"] = (r.where, r.action["newnum"])


def _after_that(r: _Reading, state: dict) -> None:
    # "that paragraph": the one just made by "the words ... become paragraph (a)", or else
    # the one the previous instruction named ("omit the “or” after paragraph (j)")
    base, num = state.pop("that_paragraph", None) or (state.get("last_where", r.where), None)
    r.kind, r.location = PROVISION_INSERTED, "after"
    r.where = replace(base, subs=base.subs + ((num,) if num else ()))


_WHOLE_UNITS = ("section", "schedule", "regulation", "article", "part", "chapter")


def _structure(r: _Reading, state: dict) -> None:
    """A provision inserted, substituted or omitted: "after section 5 insert—", "omit paragraph (c)"."""
    action = r.action
    if action.get("ofact"):
        r.where = replace(r.where, act=act_name(action["ofact"]))
    if action.get("sched_word"):  # "after paragraph 11 of Schedule 1ZA", "paragraph 7BA of the Schedule"
        r.where = r.where.add("schedule", action["sched2"] or "")
    if action.get("of_unit"):  # "for paragraph (c) of subsection (5)"
        r.where = r.where.add(action["of_unit"].lower(), action["of_ref"])
    unit, ref = action["unit"], action["ref"]
    if action["defn"]:
        r.anchor = action["defn"]
    elif unit == "step":
        r.anchor = f"step {ref}"
    elif unit:
        r.where = r.where.add(unit, ref)
    r.whole = unit in _WHOLE_UNITS and not action["defn"]
    if action["name"] == "struct-insert":
        r.kind, r.location = PROVISION_INSERTED, action["loc"]
    else:
        r.kind = PROVISION_SUBSTITUTED if action["name"] == "struct-substitute" else PROVISION_OMITTED


def _words_inserted(r: _Reading, state: dict) -> None:
    action = r.action
    if action["name"] in ("edge-insert", "words-after-provision") and action["unit"]:
        # "at the end of section 3 there shall be added—"
        r.where = r.where.add(action["unit"], action["ref"])
        if action.get("ofact"):
            r.where = replace(r.where, act=act_name(action["ofact"]))
    r.kind = WORDS_INSERTED if not action["structure"] else PROVISION_INSERTED
    r.location = action["loc"] or ("before" if (action["edge"] or "").lower() == "beginning" else "after")
    r.kind = _HEADING_KINDS.get(r.where.part, r.kind)


def _words_substituted(r: _Reading, state: dict) -> None:
    r.kind = _HEADING_KINDS.get(r.where.part, WORDS_SUBSTITUTED)
    r.action, r.where = _near(r.action, r.where)


def _words_omitted(r: _Reading, state: dict) -> None:
    r.kind = _HEADING_KINDS.get(r.where.part, WORDS_OMITTED)
    r.new = None
    action = r.action
    if not action.get("after") and not action["occurrence"] and CONTEXT_AT_END.search(action["before"]):
        r.action = {**action, "occurrence": "in the last place it occurs"}  # "at the end of (1)(i) omit “and”"
    r.action, r.where = _near(r.action, r.where)


# Each action the instructions are read into (actions.py names them), and its reader.
_READERS = {
    "heading-substitute": _heading_substitute, "heading-becomes": _heading_becomes,
    "redesignate": _redesignate, "final-punctuation": _final_punctuation,
    "definition-repealed": _definition_omitted, "definition-omit": _definition_omitted,
    "definition-substitute": _definition_substituted, "entry-omit": _definition_omitted, "entry-insert": _entry_inserted, "appropriate-place": _appropriate_place,
    "crossheading": _crossheading, "become-paragraph": _become_paragraph,
    "become-paragraph-after": _become_paragraph, "become-paragraph-all": _become_paragraph,
    "after-that": _after_that,
    "struct-insert": _structure, "struct-substitute": _structure, "struct-omit": _structure,
    "struct-repealed": _structure,
    "words-insert": _words_inserted, "words-insert-older": _words_inserted, "edge-insert": _words_inserted,
    "words-after-provision": _words_inserted,
    "words-repealed": _words_omitted, "words-range-repealed": _words_omitted, "words-omit-near": _words_omitted,
}


def _reader(name: str):
    """The reader of an action: by its name, or for the families "words-substitute…" and
    "words-omit…" by how the name begins."""
    if name in _READERS:
        return _READERS[name]
    if name.startswith("words-substitute"):
        return _words_substituted
    if name.startswith("words-omit"):
        return _words_omitted
    return None


# rules whose anchor is the words after “X”
_AFTER_WORDS = ("become-paragraph-after", "words-substitute-after", "words-omit-after")


def _anchor_text(name: str, anchor: str, action: dict) -> str:
    """The words an effect is anchored on, as the table of effects prints them:
    '“X”', '“X” to “Y”', '“X” to the end', 'after “X” to the end', 'from the beginning to “X”'."""
    to_end = not action["anchor_end"] and action.get("to_end")
    text = f"“{anchor}”" + (f" to “{action['anchor_end']}”" if action["anchor_end"] else
                            " to the end" if to_end else "")
    if name in _AFTER_WORDS:  # the words after it
        return "after " + text + ("" if action["anchor_end"] or to_end else " to the end")
    if name == "words-substitute-from-beginning":
        return f"from the beginning to “{anchor}”"
    return text


def _effect(action: dict, where: Where, p: Provision, target: Document | None, state: dict) -> Effect | None:
    name = action["name"]
    if state.get("that_paragraph") and re.search(r"\b(?:in|at\s+the\s+(?:end|beginning)\s+of)\s+that\s+(?:sub-)?paragraph\b",
                                                 action["before"] + " " + action.get("matched", ""),
                                                 re.IGNORECASE):  # the one "... become paragraph (a)" made
        base, num = state["that_paragraph"]
        where = replace(base, subs=base.subs + (num,))
    read = _reader(name)
    if read is None:  # pragma: no cover
        return None
    r = _Reading(action, where, new=action["new"], anchor=action["anchor"])
    read(r, state)
    action, where, kind = r.action, r.where, r.kind
    state["last_where"] = where
    citation = where.citation()
    part = {"heading": "heading", "crossheading": "cross-heading"}.get(where.part or "")
    omits = kind in (WORDS_OMITTED, PROVISION_OMITTED) or name.startswith("words-omit") \
        or name in ("words-repealed", "words-range-repealed")
    named = action["defn"] is not None and name.startswith(("definition-", "entry-", "struct-"))
    entry = name.startswith("entry-")
    span = None
    if r.anchor is not None and not named:
        span = Span(r.anchor, until=action["anchor_end"], to_end=bool(action.get("to_end") and not action["anchor_end"])
                    or (name in _AFTER_WORDS and not action["anchor_end"]),
                    after=name in _AFTER_WORDS, from_beginning=name == "words-substitute-from-beginning")
    return effect_of(
        kind, affected_act=where.act, affected_citation=None, provision=citation, part=part if citation else None,
        affected_id=(native_id(target, where, action["defn"] if named and not name.startswith("entry-") else None)
                     if target is not None else None),
        location=r.location, whole_provision=r.whole,
        anchor=_anchor_text(name, r.anchor, action) if r.anchor is not None else None,
        occurrence=action["occurrence"], new_words=r.new, new_structure=action["structure"] if not omits else (),
        operation="omit" if omits else "insert" if kind in (WORDS_INSERTED, PROVISION_INSERTED)
        or (kind in (HEADING_AMENDED, CROSSHEADING_AMENDED) and r.location in ("before", "after")) else "substitute",
        source_citation=p.citation, source_id=p.source_id, text=_instruction_text(p),
        span=span, term=action["defn"] if named else None, entry=entry,
        new_number=action["newnum"] if kind == WORDS_BECOME_PARAGRAPH else None,
        rule=action.get("rule", name), matched=action.get("matched", ""), reading=action.get("reading", 0),
    )
