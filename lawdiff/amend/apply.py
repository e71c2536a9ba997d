"""Applying effects: the amended Act, and a record of what was and was not done.

The target is thawed into mutable drafts, each effect is applied in order, and
the result is frozen again with the target's conventions, so the amended Act is
an ordinary :class:`~lawdiff.model.Document` (``diff``, ``show``, ``parse`` and the
writers all work on it). An effect whose provision or anchor words are missing, or
whose anchor occurs more than once when the instruction does not say which, is a
*conflict*: reported with both citations and not applied; the others still are.

    >>> import lawdiff
    >>> from lawdiff.amend import extract
    >>> act = lawdiff.load("example:surveillance-act")
    >>> applied = apply_effects(act, [])
    >>> applied.document.find("s. 1(1)").text == act.find("s. 1(1)").text
    True
"""

from __future__ import annotations

import re
from typing import Iterable
from dataclasses import dataclass, field, replace

from ..errors import AmbiguousCitation, CitationNotFound, LawdiffError
from ..model import Document, Provision
from ..model.draft import Draft, DraftQuote, freeze
from ..model.provision import defined_term
from .ids import IdScheme
from .effects import (HEADING_AMENDED, WORDS_INSERTED, WORDS_OMITTED, WORDS_SUBSTITUTED, CrossHeadingAmended, Effect,
                      HeadingAmended, ProvisionInserted, ProvisionOmitted, ProvisionRenumbered, ProvisionSubstituted,
                      WordsBecomeProvision, WordsInserted, WordsOmitted, WordsSubstituted, retyped)

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


@dataclass(frozen=True)
class Outcome:
    effect: Effect
    applied: bool
    reason: str = ""  # why not, naming both provisions
    citation: str | None = None  # where it landed in the amended Act


@dataclass
class Applied:
    document: Document
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.applied]


class _Work:
    """The target as drafts, with lookup by citation that follows the edits."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.body = [thaw(p) for p in doc.body]
        self.schedules = [thaw(p) for p in doc.schedules]
        self._index: dict[str, Draft] | None = None
        self._stale = False  # structure changed since the index was made
        # the target's own provisions keep their paths however it is amended: they are looked up
        # in the target (whose lookup tables are made once), not in a refrozen copy
        self._base = doc
        self._base_index: dict[str, Draft] = {}
        for provisions, drafts in ((doc.body, self.body), (doc.schedules, self.schedules)):
            for p, d in zip(provisions, drafts):
                _pair(p, d, self._base_index)

    def refresh(self) -> Document:
        body = freeze(self.body, self.doc.conventions)
        schedules = freeze(self.schedules, self.doc.conventions)
        self._index = None
        self.doc = replace(self.doc, body=body, schedules=schedules)
        return self.doc

    def index(self) -> dict[str, Draft]:
        if self._index is None:
            doc = self.refresh()
            index: dict[str, Draft] = {}
            for provisions, drafts in ((doc.body, self.body), (doc.schedules, self.schedules)):
                for p, d in zip(provisions, drafts):
                    _pair(p, d, index)
            self._index = index
            self._frozen = doc
        return self._index

    def find(self, citation: str) -> tuple[Draft, list[Draft]] | None:
        """The draft a citation names, and the list that holds it.

        Amendments do not renumber what is there (an insertion is "2A", an omission leaves a
        gap), so the index made before an insertion still finds everything that was there; it
        is remade only when a lookup misses, which is when a new provision is wanted."""
        found = self._in_target(citation)
        if found is not None:
            return found
        found = self._lookup(citation)
        if found is None and self._stale:
            self._index, self._stale = None, False
            found = self._lookup(citation)
        return found

    def _in_target(self, citation: str) -> tuple[Draft, list[Draft]] | None:
        return self._resolve(self._base, self._base_index, citation)

    def _lookup(self, citation: str) -> tuple[Draft, list[Draft]] | None:
        index = self.index()
        return self._resolve(self._frozen, index, citation)

    def _resolve(self, doc: Document, index: dict[str, Draft], citation: str) -> tuple[Draft, list[Draft]] | None:
        """The draft ``citation`` names in ``doc`` (through ``index``), and its holder; None when
        ``doc`` has no such provision or it has been omitted or substituted since."""
        try:
            provision = doc.find(citation)
        except AmbiguousCitation:
            raise _Conflict(f"the Act numbers more than one provision {citation}: it is not said which") from None
        except (CitationNotFound, LawdiffError):
            return None
        draft = index.get(provision.path)
        holder = self._holder(draft) if draft is not None else None
        return (draft, holder) if holder is not None else None

    def _holder(self, draft: Draft) -> list[Draft] | None:
        for top in (self.body, self.schedules):
            found = _holder_in(top, draft)
            if found is not None:
                return found
        return None

    def changed(self) -> None:
        self._stale = True


def _pair(p: Provision, d: Draft, index: dict[str, Draft]) -> None:
    index[p.path] = d
    for pc, dc in zip(p.children, d.children):
        _pair(pc, dc, index)


def _holder_in(drafts: list[Draft], target: Draft) -> list[Draft] | None:
    for d in drafts:
        if d is target:
            return drafts
        found = _holder_in(d.children, target)
        if found is not None:
            return found
    return None


def thaw(p: Provision, level_shift: int = 0) -> Draft:
    """A mutable draft of ``p`` (and everything under it)."""
    term = defined_term(p)
    level = p.level + level_shift if p.level else 0
    return Draft(
        kind=p.kind if p.level == 0 or p.kind == "definition" else None,
        level=max(level, 1) if p.level else 0,
        num=p.num, label=None, heading=p.heading, chapeau=p.chapeau, continuation=p.continuation,
        children=[thaw(c, level_shift) for c in p.children], source_id=p.source_id,
        quotes=[DraftQuote(q.where, q.offset, q.text, q.block, [thaw(x) for x in q.provisions], q.source_id,
                           q.start_quote, q.end_quote) for q in p.quotes],
        annotations=[], term=term,
    )


def apply_effects(target: Document, effects: Iterable[Effect]) -> Applied:
    """Apply ``effects`` (an :class:`~lawdiff.amend.effects.Effects`, or any effects in order) to
    ``target``; returns the amended document and every outcome.

        >>> import lawdiff
        >>> from lawdiff.amend import extract
        >>> act, bill = lawdiff.load("example:surveillance-act"), lawdiff.load("example:surveillance-act-amending")
        >>> applied = apply_effects(act, extract(bill, act))
        >>> len(applied.conflicts), applied.document.find("s. 1(1)").text == act.find("s. 1(1)").text
        (0, False)
    """
    work = _Work(target)
    outcomes = [_apply(work, e) for e in effects]
    _name_new(work, target)
    return Applied(work.refresh(), outcomes)


# A provision an amendment brings in carries this id until it is given one in the Act's scheme.
_NEW = "\x00new"


def _name_new(work: _Work, target: Document) -> None:
    new: set[int] = set()
    taken: set[str] = set()  # ids of the amended Act: a substituted provision's id is free again
    for top in (work.body, work.schedules):
        for d in _walk_list(top):
            if d.source_id == _NEW:
                new.add(id(d))
                d.source_id = None
            elif d.source_id:
                taken.add(d.source_id)
    if new:
        scheme = IdScheme(target, taken)
        scheme.assign(work.body, new, in_schedule=False)
        scheme.assign(work.schedules, new, in_schedule=True)


def _apply(work: _Work, e: Effect) -> Outcome:
    where = e.affected_citation
    if not where:
        return Outcome(e, False, f"{e.source_citation} does not say which provision it amends")
    if isinstance(e, CrossHeadingAmended):
        return _crossheading(work, e)
    try:
        found = work.find(e.place.provision or "")
    except _Conflict as conflict:
        return Outcome(e, False, f"{e.source_citation} → {where}: {conflict}")
    if found is None:
        return Outcome(e, False, f"{e.source_citation} amends {where}, which is not in {work.doc.title}")
    draft, holder = found
    heading = e.place.part == "heading"
    try:
        _OPERATIONS[type(e)](work, draft, holder, e, heading)
    except _Conflict as conflict:
        return Outcome(e, False, f"{e.source_citation} → {where}: {conflict}")
    except KeyError:  # pragma: no cover - every kind has an operation
        return Outcome(e, False, f"{e.type} is not applied yet")
    if isinstance(e, _STRUCTURAL):
        work.changed()  # numbers and citations may have moved; changed words leave the index good
    return Outcome(e, True, citation=where)


def _heading(work: _Work, draft: Draft, holder: list[Draft], e: Effect, heading: bool) -> None:
    if e.span is None and e.location == "replace":  # "the heading … becomes “…”"
        draft.heading = e.new_words
    else:
        _words(draft, e, heading)


def _provision_inserted(work: _Work, draft: Draft, holder: list[Draft], e: Effect, heading: bool) -> None:
    if e.span is not None:  # 'after “must” insert “— (a) …”': words that bring paragraphs
        _insert_within(draft, e)
    else:
        _insert(draft, holder, e, work)


def _renumber(work: _Work, draft: Draft, holder: list[Draft], e: Effect, heading: bool) -> None:
    draft.num, draft.label = e.new_words, None


# What each kind of effect does: ``apply`` dispatches on the effect's class.
_OPERATIONS = {
    WordsInserted: lambda w, d, h, e, head: _words(d, e, head),
    WordsSubstituted: lambda w, d, h, e, head: _words(d, e, head),
    WordsOmitted: lambda w, d, h, e, head: _words(d, e, head),
    HeadingAmended: _heading,
    WordsBecomeProvision: lambda w, d, h, e, head: _become_paragraph(d, e),
    ProvisionInserted: _provision_inserted,
    ProvisionSubstituted: lambda w, d, h, e, head: _substitute(d, h, e, w),
    ProvisionOmitted: lambda w, d, h, e, head: _omit(d, h, e),
    ProvisionRenumbered: _renumber,
}
_STRUCTURAL = (ProvisionInserted, ProvisionSubstituted, ProvisionOmitted, ProvisionRenumbered, WordsBecomeProvision)


class _Conflict(Exception):
    pass


# -- words ---------------------------------------------------------------------

def _anchor_words(e: Effect) -> tuple[str | None, str | None]:
    """The span's words, and where it ends: later words, "end", or None (the words alone)."""
    if e.span is None:
        return None, None
    return e.span.words, e.span.until or ("end" if e.span.to_end else None)


_CONJUNCTION = re.compile(r"(?:and|or|but)\W*\Z", re.IGNORECASE)


def _all_occurrences(text: str, words: str) -> list[int]:
    # whole words: "is" is not the "is" in "This"
    pattern = (r"(?<!\w)" if words[:1].isalnum() else "") + re.escape(words) + (r"(?!\w)" if words[-1:].isalnum() else "")
    starts = [m.start() for m in re.finditer(pattern, text)]
    if not starts:
        raise _Conflict(f"the words “{words}” are not there")
    return starts


def _occurrence(text: str, words: str, occurrence: str | None) -> int:
    """The offset of the right occurrence of ``words`` in ``text``, or a conflict."""
    starts = _all_occurrences(text, words)
    if not starts:
        raise _Conflict(f"the words “{words}” are not there")
    if occurrence:
        word = occurrence.split()[2] if len(occurrence.split()) > 2 else "first"
        if word == "last":
            return starts[-1]
        n = _ORDINALS.get(word, 1)
        if n > len(starts):
            raise _Conflict(f"“{words}” occurs {len(starts)} times, not {n}")
        return starts[n - 1]
    if len(starts) > 1:
        raise _Conflict(f"“{words}” occurs {len(starts)} times and the instruction does not say which")
    return starts[0]


def _fields(draft: Draft, heading: bool) -> list[str]:
    return ["heading"] if heading else ["chapeau", "continuation"]


def _words(draft: Draft, e: Effect, heading: bool) -> None:
    start_words, end_words = _anchor_words(e)
    fields = _fields(draft, heading)
    new = e.new_words or ""
    if start_words is None:  # "at the beginning" / "at the end" / "at the appropriate place"
        if e.location != "before" and not heading:
            draft = _last_printed(draft)  # after the provision's last words as printed
        name = fields[0] if e.location == "before" else fields[-1] if getattr(draft, fields[-1]) else fields[0]
        text = getattr(draft, name) or ""
        if e.location == "before":
            setattr(draft, name, _join(new, text))
        elif text[-1:] in ".;" and not new[:1] in ".;," and not _CONJUNCTION.match(new) and not _SENTENCE(new):
            # "at the end": before the closing full stop; but "at the end of paragraph (a)
            # insert “and”" joins it to the next paragraph: "...;" becomes "...; and"
            if _ends_with(text[:-1], new):
                raise _Conflict(f"already amended? it ends “{new}”")
            setattr(draft, name, _join(text[:-1], new, text[-1]))
        else:
            setattr(draft, name, _join(text, new))
        return
    for name in fields:
        text = getattr(draft, name) or ""
        if start_words in text:
            break
    else:
        # the words may be in a child's text (an instruction to a whole subsection)
        if e.type == WORDS_SUBSTITUTED and e.new_words and end_words is None \
                and any(e.new_words.strip() in (getattr(draft, f) or "") for f in fields):
            raise _Conflict(f"already amended? “{e.new_words.strip()}” is there and “{start_words}” is not")
        raise _Conflict(f"the words “{start_words}” are not there")
    if e.occurrence and re.search(r"\b(both|each|all|every|wherever)\b", e.occurrence) and end_words is None:
        # "in both places it occurs": the same change at every occurrence, from the last back
        for at in reversed(_all_occurrences(text, start_words)):
            text = _change_at(text, at, at + len(start_words), e, new)
        setattr(draft, name, text)
        return
    at, end = _span(text, e)
    if e.type == WORDS_INSERTED and new.strip():
        made = (_starts_with(text[end:], new) if e.location == "after" else _ends_with(text[:at], new))
        if made:
            shown = f"{start_words} {new.strip()}" if e.location == "after" else f"{new.strip()} {start_words}"
            raise _Conflict(f"already amended? “{shown}” is there")
    setattr(draft, name, _change_at(text, at, end, e, new))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _starts_with(text: str, words: str) -> bool:
    """Whether ``text`` goes on with ``words`` (as an insertion after an anchor would make it)."""
    a, b = _squash(text), _squash(words)
    return bool(b) and a.startswith(b) and (len(a) == len(b) or not (a[len(b)].isalnum() and b[-1].isalnum()))


def _ends_with(text: str, words: str) -> bool:
    a, b = _squash(text), _squash(words)
    return bool(b) and a.endswith(b) and (len(a) == len(b) or not (a[-len(b) - 1].isalnum() and b[0].isalnum()))


# a whole sentence: "at the end insert “This is subject to section 2.”" follows the full stop
_SENTENCE = re.compile(r"[A-Z].*[.!?]\Z", re.DOTALL).match


def _last_printed(draft: Draft) -> Draft:
    """The provision whose words are printed last in ``draft``: itself if it has closing words
    or no paragraphs, else the last of its paragraphs (and so on down)."""
    while draft.children and not draft.continuation:
        draft = draft.children[-1]
    return draft


def _span(text: str, e: Effect) -> tuple[int, int]:
    """Where in ``text`` the anchor lies: “X”; “X” to “Y”; “X” to the end; after “X” to the end
    (or to “Y”); from the beginning to “X”."""
    start_words, end_words = _anchor_words(e)
    at = _occurrence(text, start_words, e.occurrence)
    end = at + len(start_words)
    if e.span.from_beginning:
        return 0, end
    if e.span.after:  # the words after “X”: X itself stays
        at = end
    if end_words == "end":
        end = len(text)
        if e.type in (WORDS_SUBSTITUTED, WORDS_OMITTED) and text[-1:] in ".;:" \
                and (e.new_words or "").rstrip()[-1:] not in (".", ";", ":", ","):
            end -= 1  # "omit the words after “subject”": the sentence still ends with its full stop
    elif end_words:
        k = text.find(end_words, end)
        if k < 0:
            raise _Conflict(f"the words “{end_words}” are not there after “{start_words}”")
        end = k + len(end_words)
    return at, end


def _change_at(text: str, at: int, end: int, e: Effect, new: str) -> str:
    if e.type == WORDS_INSERTED or (e.type == HEADING_AMENDED and e.location in ("before", "after")):
        return _join(text[:end], new, text[end:]) if e.location == "after" else _join(text[:at], new, text[at:])
    if e.new_words is not None:  # substituted
        return _join(text[:at], new, text[end:])
    return _join(text[:at], text[end:])  # omitted


def _join(*pieces: str) -> str:
    """Join pieces of text the way a drafter expects: one space between words, none before
    punctuation or after an opening bracket."""
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if not out:
            out = piece
            continue
        left, right = out.rstrip(), piece.lstrip()
        if not right:
            out = left
        elif right[0] in ",;:." and left.endswith(right[0]):
            out = left + right[1:]  # ", or a deputy," before ", and": one comma, not two
        elif right[0] in ",;:.)]—’”" or left.endswith(("(", "[", "“", "‘", "—")):
            out = left + right
        else:
            out = left + " " + right
    return " ".join(out.split(" ")).replace("  ", " ").strip()


# -- provisions ----------------------------------------------------------------------

def _structure(e: Effect, level: int) -> list[Draft]:
    if not e.new_structure:
        return []
    shift = level - e.new_structure[0].level if e.new_structure[0].level else 0
    return [_as_new(thaw(p, shift)) for p in e.new_structure]


def _as_new(draft: Draft) -> Draft:
    """The amending text's ids mean nothing in the Act: new provisions get the Act's own."""
    for d in _walk(draft):
        d.source_id = _NEW
    return draft


def _insert(draft: Draft, holder: list[Draft], e: Effect, work: _Work) -> None:
    new = _structure(e, draft.level)
    if not new:
        if not e.new_words:
            raise _Conflict("there is nothing to insert")
        split = _numbered(e.new_words, draft.num) if e.location == "after" else None
        if split is not None:  # "after that paragraph insert “, or (b) in an emergency.”"
            _insert_numbered(draft, holder, *split, citation=e.affected_citation)
            return
        # "at the end insert “(b) …”" given as words: they go at the end of the provision's text
        if draft.children:
            draft.continuation = _join(draft.continuation, e.new_words)
        else:
            draft.chapeau = _join(draft.chapeau, e.new_words)
        return
    if e.term is not None:  # "after the definition of “X” insert"
        anchor = _named(draft, e)
        place = _holder_in(draft.children, anchor) or draft.children
        at = place.index(anchor) + (1 if e.location != "before" else 0)
        place[at:at] = new
        return
    if e.occurrence == "at the appropriate place":
        _insert_in_order(draft, new)
        return
    new, higher = _same_level(new, draft.level)
    _not_there_yet(holder, new, e.affected_citation)
    at = next(i for i, d in enumerate(holder) if d is draft) + (1 if e.location != "before" else 0)
    holder[at:at] = new
    _after_parent(work, holder, higher)


# ", or (b) in an emergency.": words that end the provision before and then a new one, numbered
_NUMBERED = re.compile(r"\s*(?P<lead>[,;:]?\s*(?:(?:and|or|but)\b)?)\s*\((?P<num>[0-9]+[A-Z]*|[a-z]{1,2}[A-Z]*|[ivxl]+)\)\s+"
                       r"(?P<rest>\S.*)\Z", re.DOTALL)


def _numbered(words: str, after: str | None) -> tuple[str, str, str] | None:
    """("lead", "num", "words") when ``words`` inserted after provision ``after`` bring the next
    provision in their own words, as a drafter writes ", or (b) …" after the paragraph (a) just
    made; None when they are words of the provision itself."""
    m = _NUMBERED.match(words)
    if not m or after is None or not _follows(after, m.group("num")):
        return None
    return m.group("lead").strip(), m.group("num"), m.group("rest").strip()


def _follows(before: str, num: str) -> bool:
    """Whether ``num`` can follow ``before`` among siblings: (b) after (a), (2) or (1A) after (1),
    (ii) after (i)."""
    if before.isdigit() and num[:1].isdigit():
        digits = re.match(r"\d+", num).group()  # type: ignore[union-attr]
        return int(digits) == int(before) + 1 or (digits == before and num != before)
    if len(before) == 1 and before.isalpha() and num[:1].isalpha():
        return num == chr(ord(before) + 1) or (num.startswith(before) and num != before)
    return num.startswith(before) and num != before


def _insert_numbered(draft: Draft, holder: list[Draft], lead: str, num: str, words: str, citation: str | None) -> None:
    """The connecting words (", or") end ``draft``, in place of its closing stop; the rest is a new
    provision after it."""
    new = Draft(kind=draft.kind if draft.kind == "definition" else None, level=draft.level, num=num,
                chapeau=words, source_id=_NEW)
    _not_there_yet(holder, [new], citation)
    where = "continuation" if draft.continuation else "chapeau"
    text = getattr(draft, where)
    if lead:
        if text[-1:] in ".;," and lead[:1] in ",;:":
            text = text[:-1]
        setattr(draft, where, _join(text, lead))
    holder.insert(holder.index(draft) + 1, new)


def _not_there_yet(holder: list[Draft], new: list[Draft], citation: str | None) -> None:
    """A provision inserted with the number of one already there is not inserted twice: the
    Act may already read as amended, or the instruction names the wrong place."""
    for item in new:
        if not item.num:
            continue
        same = next((d for d in holder if d.num == item.num and d.kind != "definition"), None)
        if same is None:
            continue
        label = _sibling(citation, item.num)
        if _words_of(same) == _words_of(item):
            raise _Conflict(f"already amended? {label} is there, as it would be inserted")
        raise _Conflict(f"{label} is already there")


def _words_of(d: Draft) -> str:
    return " ".join(" ".join(x for n in _walk(d) for x in (n.num or "", n.heading or "", n.chapeau, n.continuation)
                             if x).split())


def _sibling(citation: str | None, num: str) -> str:
    """The citation of the provision numbered ``num`` beside ``citation``: "s. 1(1)" → "s. 1(2)"."""
    if not citation:
        return f"({num})"
    if citation.endswith(")"):
        return re.sub(r"\([^()]*\)$", f"({num})", citation)
    return re.sub(r"\S+$", num, citation)


def _insert_within(draft: Draft, e: Effect) -> None:
    """'after “must” insert “— (a) …, (b) …”': the words go in after the anchor, and the
    paragraphs they bring become the provision's own."""
    new = _structure(e, draft.level + 1)
    lead = (e.new_words or "").split("\n")[0] if not new else "—"
    _words(draft, retyped(e, WORDS_INSERTED, new_words=lead), False)
    if new:
        text = draft.chapeau
        cut = text.find("—", text.find(e.span.words) if e.span else 0)
        if cut >= 0:  # the words after the new paragraphs become the continuation
            draft.chapeau, rest = text[: cut + 1], text[cut + 1:].strip()
            draft.continuation = _join(rest, draft.continuation)
        draft.children.extend(new)


def _insert_in_order(draft: Draft, new: list[Draft]) -> None:
    """Definitions "at the appropriate place": in alphabetical order among the others."""
    defs = [d for d in draft.children if d.kind == "definition"]
    for item in new:
        key = (item.term or item.chapeau).strip("“”\"'").casefold()
        after = next((d for d in defs if (d.term or "").casefold() > key), None)
        at = draft.children.index(after) if after is not None else len(draft.children)
        draft.children.insert(at, item)


def _substitute(draft: Draft, holder: list[Draft], e: Effect, work: _Work) -> None:
    new = _structure(e, draft.level)
    if e.span is not None and not new and e.new_words:  # "for step 3 substitute—" given as words
        _words(draft, retyped(e, WORDS_SUBSTITUTED), False)
        return
    if e.term is not None:  # "for the definition of “X” substitute—"
        child = _named(draft, e)
        place = _holder_in(draft.children, child) or draft.children
        at = place.index(child)
        place[at:at + 1] = new
        return
    if not new:
        raise _Conflict("there is nothing to substitute")
    new, higher = _same_level(new, draft.level)
    at = next(i for i, d in enumerate(holder) if d is draft)
    holder[at:at + 1] = new
    _after_parent(work, holder, higher)


def _same_level(new: list[Draft], level: int) -> tuple[list[Draft], list[Draft]]:
    """The new provisions at the level of the one amended, and those from the first of a higher
    level on: "for paragraph (b) substitute— (b) …; (1ZA) …" brings a subsection too."""
    cut = next((i for i, d in enumerate(new) if d.level and d.level < level), len(new))
    return new[:cut], new[cut:]


def _after_parent(work: _Work, holder: list[Draft], higher: list[Draft]) -> None:
    """Put ``higher`` (provisions of a higher level) after the provision that holds ``holder``,
    or after its holder in turn, at their own level."""
    while higher:
        parent = next((d for top in (work.body, work.schedules) for d in _walk_list(top) if d.children is holder), None)
        if parent is None:
            raise _Conflict(f"there is no provision above to hold ({higher[0].num})")
        outer = work._holder(parent)
        if outer is None:
            raise _Conflict(f"there is no provision above to hold ({higher[0].num})")
        mine, higher = _same_level(higher, parent.level)
        _not_there_yet(outer, mine, None)
        at = outer.index(parent) + 1
        outer[at:at] = mine
        holder = outer


def _omit(draft: Draft, holder: list[Draft], e: Effect) -> None:
    if e.term is not None:  # "omit the definition of “X”", "omit the entry for “X”"
        child = _named(draft, e)
        (_holder_in(draft.children, child) or draft.children).remove(child)
        return
    at = next(i for i, d in enumerate(holder) if d is draft)
    del holder[at]


def _named(draft: Draft, e: Effect) -> Draft:
    """The definition of the effect's term, or the entry of a table or list that begins with
    it (or, in an index of defined expressions, is it)."""
    term = (e.term or "").casefold()
    for child in _walk(draft):
        if child.kind == "definition" and (child.term or "").casefold() == term:
            return child
    if e.entry:
        for child in _walk(draft):
            words = " ".join((child.chapeau or child.heading or "").split()).strip("“”\"'").casefold()
            if child is not draft and (words == term or words.startswith(term + " ") or words.startswith(term + ",")):
                return child
        raise _Conflict(f"there is no entry for “{e.term}”")
    raise _Conflict(f"there is no definition of “{e.term}”")


def _walk(draft: Draft):
    yield draft
    for c in draft.children:
        yield from _walk(c)


def _become_paragraph(draft: Draft, e: Effect) -> None:
    num = e.new_number or ("a" if draft.level >= 2 else "1")
    if e.span is None:  # "the existing words become subsection (1)": all of it, one level down
        moved = Draft(level=draft.level + 1, num=num, chapeau=draft.chapeau, continuation=draft.continuation,
                      children=draft.children, source_id=_NEW)
        for child in moved.children:
            _lower(child)
        draft.chapeau, draft.continuation, draft.children = "", "", [moved]
        return
    words, end = _anchor_words(e)
    text = draft.chapeau
    if words is None or words not in text:
        raise _Conflict(f"the words “{words}” are not there")
    at, stop = _span(text, e)
    rest = text[stop:].strip()
    if not rest.strip(".;:,"):  # only the closing stop is left: it goes with the words it closed
        stop, rest = len(text), ""
    moved = text[at:stop].strip()  # "the words from “apply” to the end become paragraph (a)"
    # the lead-in keeps its own words and no more: a dash comes only if an instruction inserts one
    draft.chapeau = text[:at].rstrip()
    if rest:
        draft.continuation = _join(rest, draft.continuation)
    draft.children.insert(0, Draft(level=draft.level + 1, num=num, chapeau=moved, source_id=_NEW))


def _lower(draft: Draft) -> None:
    draft.level += 1
    for child in draft.children:
        _lower(child)


def _crossheading(work: _Work, e: Effect) -> Outcome:
    """The cross-heading before a section: found as the group whose first provision it is."""
    try:
        found = work.find(e.place.provision) if e.place.provision else None
    except _Conflict as conflict:
        return Outcome(e, False, f"{e.source_citation} → {e.affected_citation}: {conflict}")
    section = found[0] if found is not None else None
    for top in (work.body, work.schedules):
        for d in _walk_list(top):
            if d.kind == "crossheading" and d.children and section is not None and d.children[0] is section:
                kind = {"insert": WORDS_INSERTED, "omit": WORDS_OMITTED}.get(e.operation, WORDS_SUBSTITUTED)
                try:
                    _words(d, retyped(e, kind), True)
                except _Conflict as conflict:
                    return Outcome(e, False, f"{e.source_citation} → {e.affected_citation}: {conflict}")
                work.changed()
                return Outcome(e, True, citation=e.affected_citation)
    return Outcome(e, False, f"{e.source_citation} amends the {e.affected_citation}, which is not in {work.doc.title}")


def _walk_list(drafts: list[Draft]):
    for d in drafts:
        yield from _walk(d)
