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
from dataclasses import dataclass, field, replace

from ..errors import CitationNotFound, LawdiffError
from ..model import Document, Provision
from ..model.draft import Draft, DraftQuote, freeze
from .effects import (CROSSHEADING_AMENDED, HEADING_AMENDED, PROVISION_INSERTED, PROVISION_OMITTED,
                      PROVISION_RENUMBERED, PROVISION_SUBSTITUTED, WORDS_BECOME_PARAGRAPH, WORDS_INSERTED, WORDS_OMITTED,
                      WORDS_SUBSTITUTED, Effect)

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
        found = self._lookup(citation)
        if found is None and self._stale:
            self._index, self._stale = None, False
            found = self._lookup(citation)
        return found

    def _lookup(self, citation: str) -> tuple[Draft, list[Draft]] | None:
        index = self.index()
        try:
            provision = self._frozen.find(citation)
        except (CitationNotFound, LawdiffError):
            return None
        draft = index.get(provision.path)
        holder = self._holder(draft) if draft is not None else None
        return (draft, holder) if holder is not None else None  # None: omitted since

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
    term = None
    if p.kind == "definition":
        m = re.search(r"definition of “(.+)”\)?$", p.citation)
        term = m.group(1) if m else None
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


def apply_effects(target: Document, effects: list[Effect]) -> Applied:
    """Apply ``effects`` to ``target`` in order; returns the amended document and every outcome."""
    work = _Work(target)
    outcomes = [_apply(work, e) for e in effects]
    return Applied(work.refresh(), outcomes)


def _apply(work: _Work, e: Effect) -> Outcome:
    where = e.affected_citation
    if not where:
        return Outcome(e, False, f"{e.source_citation} does not say which provision it amends")
    if e.type == CROSSHEADING_AMENDED:
        return _crossheading(work, e)
    heading = where.endswith(" heading")
    found = work.find(where[: -len(" heading")] if heading else where)
    if found is None:
        return Outcome(e, False, f"{e.source_citation} amends {where}, which is not in {work.doc.title}")
    draft, holder = found
    try:
        if e.type == HEADING_AMENDED and e.span is None and e.location == "replace":  # "the heading … becomes “…”"
            draft.heading = e.new_words
        elif e.type in (WORDS_INSERTED, WORDS_SUBSTITUTED, WORDS_OMITTED, HEADING_AMENDED):
            _words(draft, e, heading)
        elif e.type == WORDS_BECOME_PARAGRAPH:
            _become_paragraph(draft, e)
        elif e.type == PROVISION_INSERTED and e.span is not None:
            _insert_within(draft, e)
        elif e.type == PROVISION_INSERTED:
            _insert(draft, holder, e)
        elif e.type == PROVISION_SUBSTITUTED:
            _substitute(draft, holder, e)
        elif e.type == PROVISION_OMITTED:
            _omit(draft, holder, e)
        elif e.type == PROVISION_RENUMBERED:
            draft.num, draft.label = e.new_words, None
        else:  # pragma: no cover
            raise _Conflict(f"{e.type} is not applied yet")
    except _Conflict as conflict:
        return Outcome(e, False, f"{e.source_citation} → {where}: {conflict}")
    if e.type in (PROVISION_INSERTED, PROVISION_SUBSTITUTED, PROVISION_OMITTED, PROVISION_RENUMBERED,
                  WORDS_BECOME_PARAGRAPH):
        work.changed()  # numbers and citations may have moved; changed words leave the index good
    return Outcome(e, True, citation=where)


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
        name = fields[0] if e.location == "before" else fields[-1] if getattr(draft, fields[-1]) else fields[0]
        text = getattr(draft, name) or ""
        if e.location == "before":
            setattr(draft, name, _join(new, text))
        elif text[-1:] in ".;" and not new[:1] in ".;," and not _CONJUNCTION.match(new):
            # "at the end": before the closing full stop; but "at the end of paragraph (a)
            # insert “and”" joins it to the next paragraph: "...;" becomes "...; and"
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
        raise _Conflict(f"the words “{start_words}” are not there")
    if e.occurrence and re.search(r"\b(both|each|all|every|wherever)\b", e.occurrence) and end_words is None:
        # "in both places it occurs": the same change at every occurrence, from the last back
        for at in reversed(_all_occurrences(text, start_words)):
            text = _change_at(text, at, at + len(start_words), e, new)
        setattr(draft, name, text)
        return
    at, end = _span(text, e)
    setattr(draft, name, _change_at(text, at, end, e, new))


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
    return [thaw(p, shift) for p in e.new_structure]


def _insert(draft: Draft, holder: list[Draft], e: Effect) -> None:
    new = _structure(e, draft.level)
    if not new:
        if not e.new_words:
            raise _Conflict("there is nothing to insert")
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
    at = next(i for i, d in enumerate(holder) if d is draft) + (1 if e.location != "before" else 0)
    holder[at:at] = new


def _insert_within(draft: Draft, e: Effect) -> None:
    """'after “must” insert “— (a) …, (b) …”': the words go in after the anchor, and the
    paragraphs they bring become the provision's own."""
    new = _structure(e, draft.level + 1)
    lead = (e.new_words or "").split("\n")[0] if not new else "—"
    _words(draft, replace(e, type=WORDS_INSERTED, new_words=lead), False)
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


def _substitute(draft: Draft, holder: list[Draft], e: Effect) -> None:
    new = _structure(e, draft.level)
    if e.span is not None and not new and e.new_words:  # "for step 3 substitute—" given as words
        _words(draft, replace(e, type=WORDS_SUBSTITUTED), False)
        return
    if e.term is not None:  # "for the definition of “X” substitute—"
        child = _named(draft, e)
        place = _holder_in(draft.children, child) or draft.children
        at = place.index(child)
        place[at:at + 1] = new
        return
    if not new:
        raise _Conflict("there is nothing to substitute")
    at = next(i for i, d in enumerate(holder) if d is draft)
    holder[at:at + 1] = new


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
                      children=draft.children)
        for child in moved.children:
            _lower(child)
        draft.chapeau, draft.continuation, draft.children = "", "", [moved]
        return
    words, end = _anchor_words(e)
    text = draft.chapeau
    if words is None or words not in text:
        raise _Conflict(f"the words “{words}” are not there")
    at, stop = _span(text, e)
    moved = text[at:stop].strip()  # "the words from “apply” to the end become paragraph (a)"
    draft.chapeau = _join(text[:at], "—") if text[:at].strip() else ""
    if e.span.after:
        draft.chapeau = text[:at].rstrip() + "—"
    rest = text[stop:].strip()
    if rest:
        draft.continuation = _join(rest, draft.continuation)
    draft.children.insert(0, Draft(level=draft.level + 1, num=num, chapeau=moved))


def _lower(draft: Draft) -> None:
    draft.level += 1
    for child in draft.children:
        _lower(child)


def _crossheading(work: _Work, e: Effect) -> Outcome:
    m = re.search(r"before s\. (\S+)", e.affected_citation or "")
    if not m:
        return Outcome(e, False, f"{e.source_citation}: no section named for the cross-heading")
    for top in (work.body, work.schedules):
        for d in _walk_list(top):
            if d.kind == "crossheading" and d.children and d.children[0].num == m.group(1):
                kind = {"insert": WORDS_INSERTED, "omit": WORDS_OMITTED}.get(e.operation, WORDS_SUBSTITUTED)
                _words(d, replace(e, type=kind), True)
                work.changed()
                return Outcome(e, True, citation=e.affected_citation)
    return Outcome(e, False, f"{e.source_citation} amends the cross-heading before s. {m.group(1)}, "
                             f"which is not in {work.doc.title}")


def _walk_list(drafts: list[Draft]):
    for d in drafts:
        yield from _walk(d)
