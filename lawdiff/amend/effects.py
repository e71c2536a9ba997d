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
from dataclasses import dataclass, field, replace

from ..errors import CitationNotFound, LawdiffError
from ..model import Document, Provision
from .actions import each_provision, has_action, parse_instruction
from .links import also, check_links, links_in, with_links
from .places import (AMENDED_AS_FOLLOWS, CONTEXT_AT_END, SCHEDULE_AMENDED, SECTION_AMENDED, Where, native_id, place_of,
                     places_of)
from .wording import ACT, CLOSE, OPEN, act_name, modernise, split_quotes, unparenthesise


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


_ANAPHOR = re.compile(r"(?:that|those|the\s+said)\s+(?:Act|Order|Regulations|Measure|Rules)\Z", re.IGNORECASE)
# "of that Article": the section, Article or regulation the previous instruction named
_THAT = re.compile(r"\bof\s+that\s+(?:section|article|regulation|rule)\b", re.IGNORECASE)


def extract(amending: Document, target: Document | None = None) -> Effects:
    """Every textual amendment ``amending`` makes (to ``target`` when given, for native ids)."""
    out = Effects()
    for top in amending.body + amending.schedules:
        _visit(top, Where(), {}, [], target, out)
    if amending.meta.jurisdiction == "us":  # sections of United States Acts are cited "sec."
        out.effects = [replace(e, affected_citation=re.sub(r"^s\. ", "sec. ", e.affected_citation))
                       if e.affected_citation else e for e in out.effects]
    if target is not None:
        out.target_act = target_act_name(out.effects, target)
        out.effects = _for_target(out.effects, out.target_act, target)
    return out


def _visit(p: Provision, where: Where, state: dict, links: list[tuple[str, str]], target: Document | None,
           out: Effects) -> None:
    """Read one provision of the amending text, then its children.

    ``state`` carries what earlier provisions of the same section said: the Act and the place
    that "X is amended as follows" set, the last place and Act named (for "of that Article",
    "of those Regulations"), an open list of repeals, the paragraph "... become paragraph (a)" made.
    """
    plain = _without_quotes(p)
    own_links = links_in(p)
    _set_scene(unparenthesise(plain), p, state)
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
            before = unparenthesise(action["before"])
            context_links = links + [(t, h) for t, h in own_links if t and t in before]
            for ctx, one in ((c, a) for c in places_of(action["before"], here) for a in each_provision(action)):
                _record(one, ctx, p, target, state, context_links, out)
    elif (has_action(plain) or item) and not p.children:
        out.unparsed.append(Unparsed(p.citation, p.source_id, _instruction_text(p)))
    child_where = place_of(plain, here) if p.level >= 1 else here
    child_state = state if p.level >= 1 else {"act": state.get("act")}
    context = unparenthesise(plain)
    child_links = links + [(t, h) for t, h in own_links if t and t in context] if p.level >= 1 else links
    for child in p.children:
        _visit(child, child_where, child_state, child_links, target, out)
    if p.level == 1:
        state.pop("act", None)  # "X is amended as follows" holds within its section
        state.pop("where", None)


def _set_scene(words: str, p: Provision, state: dict) -> None:
    """"Section 22 of the 2016 Act is amended as follows", "Schedule 17A is amended as follows",
    "The 2016 Act is amended as follows": the place and Act the provisions that follow amend."""
    m = SECTION_AMENDED.search(words)
    if m:  # its siblings amend section 22
        state["where"] = Where().add(m.group("unit").lower(), m.group("ref"))
    elif p.level >= 1 and (m := SCHEDULE_AMENDED.search(words)):
        state["where"] = Where().add("schedule", m.group("sch") or "")
        if m.group("para"):
            state["where"] = state["where"].add("paragraph", m.group("para"))
    else:
        m = AMENDED_AS_FOLLOWS.search(words)
    if m and m.group("act"):
        state["act"] = act_name(m.group("act"))


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
                out.effects.append(replace(effect, anchor=f"“{words}”", source_citation=item.citation,
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
        if e.affected_act == name or (e.affected_act is None and _fits(e, target)):
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
        out.append(replace(effect, affected_citation=place.citation(),
                           affected_id=native_id(target, place) if target is not None else None,
                           occurrence=occ.group(0) if occ else effect.occurrence,
                           source_citation=item.citation, source_id=item.source_id))
    return out or [effect]


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


def _definition_omitted(r: _Reading, state: dict) -> None:
    r.kind, r.anchor = PROVISION_OMITTED, r.action["defn"]


def _entry_omitted(r: _Reading, state: dict) -> None:  # "omit the entry for “X”": of a table or list
    r.kind, r.anchor = PROVISION_OMITTED, r.action["defn"]


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
    "definition-substitute": _definition_substituted, "entry-omit": _entry_omitted, "appropriate-place": _appropriate_place,
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


def _anchor_text(name: str, anchor: str, action: dict) -> str:
    """The words an effect is anchored on, as the table of effects prints them:
    '“X”', '“X” to “Y”', '“X” to the end', 'after “X” to the end', 'from the beginning to “X”'."""
    to_end = not action["anchor_end"] and action.get("to_end")
    text = f"“{anchor}”" + (f" to “{action['anchor_end']}”" if action["anchor_end"] else
                            " to the end" if to_end else "")
    if name in ("become-paragraph-after", "words-substitute-after", "words-omit-after"):  # the words after it
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
    if citation and where.part == "heading":
        citation += " heading"
    elif citation and where.part == "crossheading":
        citation = f"cross-heading before {citation}"
    omits = kind in (WORDS_OMITTED, PROVISION_OMITTED) or name.startswith("words-omit") \
        or name in ("words-repealed", "words-range-repealed")
    return Effect(
        type=kind, affected_act=where.act, affected_citation=citation,
        affected_id=native_id(target, where) if target is not None else None,
        location=r.location, whole_provision=r.whole,
        anchor=_anchor_text(name, r.anchor, action) if r.anchor is not None else None,
        occurrence=action["occurrence"], new_words=r.new, new_structure=action["structure"] if not omits else (),
        operation="omit" if omits else "insert" if kind in (WORDS_INSERTED, PROVISION_INSERTED)
        or (kind in (HEADING_AMENDED, CROSSHEADING_AMENDED) and r.location in ("before", "after")) else "substitute",
        source_citation=p.citation, source_id=p.source_id, text=_instruction_text(p),
    )
