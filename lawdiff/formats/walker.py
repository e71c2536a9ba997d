"""The walk shared by every format: XML elements to draft provisions.

Each format supplies a :class:`Grammar` that says what an element *is*
(a provision, its number, its heading, a block of text, quoted material,
an annotation, something to skip); the walker does the rest the same way for
all of them, so the same words in CLML and Akoma Ntoso give the same text.

Text rules, applied identically to every format:
- whitespace runs become one space; whitespace-only text containing a line
  break is indentation from pretty-printing and is dropped;
- block elements (paragraphs, list items, table cells) are separated by a
  line break;
- block quotes leave one space where they stood, and their offset.
"""

from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from ..model.draft import Draft, DraftQuote
from ..model.provision import Annotation

# Roles an element can play.
STRUCT = "struct"  # a provision or a group: becomes a Draft
NUM = "num"
HEADING = "heading"
QUOTE = "quote"  # block quote: cut out of the text, kept as a Quote
INLINE_QUOTE = "inline-quote"  # inline quote: words stay, also kept as a Quote
SKIP = "skip"  # dropped with its content (notes, metadata); its tail is kept
BLOCK = "block"  # a block of text: line breaks around it
INLINE = "inline"  # words in the flow
ANNOT = "annot"  # inline change marker (CLML Substitution, AKN ins/del)
NOTEREF = "noteref"  # a pointer to a commentary: dropped from text, kept as an annotation
TRANSPARENT = "transparent"  # a wrapper with no meaning of its own (P1para, content)

_QUOTE_MARK = "\x00"
_BLOCK_MARK = "\x01"
_ANN_BASE = 0xE000  # private-use characters: start of annotation n is _ANN_BASE + 2n, end + 1
_ANN_LIMIT = 0xF8FF


class Grammar:
    """What the elements of one format mean. Subclasses fill :attr:`roles`."""

    roles: dict[str, str] = {}

    def role(self, el: etree._Element) -> str:
        tag = el.tag
        if not isinstance(tag, str):
            return SKIP  # comments, processing instructions, entity references
        return self.roles.get(tag, INLINE)

    def open(self, el: etree._Element, parent: Draft | None) -> Draft:
        """A new draft for a STRUCT element (kind, level, source id)."""
        raise NotImplementedError

    def clean_num(self, text: str) -> str | None:
        return clean_num(text)

    def annotation(self, el: etree._Element) -> tuple[str, str | None, str | None]:
        """(kind, commentary ref, change id) of an ANNOT or NOTEREF element."""
        return ("annotation", None, None)

    def quote(self, el: etree._Element) -> tuple[str, str, str | None]:
        """(start quote, end quote, source id) of a QUOTE element."""
        return ("", "", None)

    def prefix(self, el: etree._Element) -> str:
        """Words an element contributes before its content (AKN ``def`` quote marks)."""
        return ""

    def suffix(self, el: etree._Element) -> str:
        return ""

    def term(self, el: etree._Element) -> str | None:
        """The defined term of a definition, if ``el`` is one."""
        return None

    def finish(self, draft: Draft, el: etree._Element) -> None:
        """A hook after a STRUCT element is walked."""


_ROMAN_WORDS = ("part", "chapter", "schedule", "title", "subtitle", "division", "subdivision",
                "subpart", "subchapter", "section", "sec.", "article", "regulation", "rule",
                "appendix", "annex")


def clean_num(text: str) -> str | None:
    """A number as printed, without brackets, labels or punctuation.

    >>> clean_num("(1)"), clean_num("Part 7A"), clean_num("SEC. 101. "), clean_num("1."), clean_num("TITLE I")
    ('1', '7A', '101', '1', 'I')
    """
    value = " ".join(text.split())
    low = value.lower()
    for word in _ROMAN_WORDS:
        if low.startswith(word + " ") or low == word:
            value = value[len(word):].strip()
            break
    value = value.strip().strip("§").strip()
    value = value.rstrip(".—-–: ").lstrip("[").rstrip("]")
    if value.startswith("(") and value.endswith(")"):
        value = value[1:-1].strip()
    return value or None


_QUOTED_TERM = re.compile("^[^\u201c\"\u2018]{0,12}?[\u201c\"\u2018']([^\u201d\"\u2019']+)[\u201d\"\u2019']")


def quoted_term(text: str) -> str | None:
    """The term a definition opens with: '“the 1845 Act” means ...' gives 'the 1845 Act'."""
    m = _QUOTED_TERM.match(text)
    return m.group(1).strip() if m else None


def normalise(text: str) -> str:
    return " ".join(text.split())


class _Field:
    """Text being collected for one field, with markers for quotes and annotations."""

    __slots__ = ("parts", "quotes", "annotations")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.quotes: list[DraftQuote] = []
        self.annotations: list[tuple[str, str | None, str | None]] = []

    def add(self, text: str | None) -> None:
        if text and not (text.isspace() and ("\n" in text or "\r" in text)):
            self.parts.append(text)

    def block(self) -> None:
        self.parts.append(_BLOCK_MARK)

    def finish(self, name: str) -> tuple[str, list[DraftQuote], list[Annotation]]:
        raw = "".join(self.parts)
        if not self.quotes and not self.annotations:
            # Fast path, most text: no offsets to keep, so let str.split do the work in C.
            blocks = (" ".join(b.split()) for b in raw.split(_BLOCK_MARK))
            return "\n".join(b for b in blocks if b), [], []
        out: list[str] = []
        size = 0
        pending = ""  # separator owed before the next visible character
        quote_offsets: list[int] = []
        starts: dict[int, int] = {}
        spans: list[Annotation] = []
        for ch in raw:
            code = ord(ch)
            if ch == _QUOTE_MARK:
                quote_offsets.append(size)
                if size:
                    pending = " "
            elif ch == _BLOCK_MARK:
                if size:
                    pending = "\n"
            elif _ANN_BASE <= code <= _ANN_LIMIT:
                index, is_end = divmod(code - _ANN_BASE, 2)
                if is_end:
                    start = starts.pop(index, size)
                    kind, ref, change = self.annotations[index]
                    if size >= start:
                        spans.append(Annotation(kind, name, start, size, ref, change))
                else:
                    starts[index] = size + (1 if pending and size else 0)
            elif ch.isspace():
                if size and not pending:
                    pending = " "
            else:
                if pending:
                    out.append(pending)
                    size += 1
                    pending = ""
                out.append(ch)
                size += 1
        text = "".join(out)
        for quote, offset in zip([q for q in self.quotes if q.block], quote_offsets):
            quote.offset = min(offset, len(text))
        for quote in self.quotes:
            quote.where = name
            if not quote.block:
                quote.offset = max(text.find(quote.text), 0)
        spans.sort(key=lambda a: (a.start, -a.end))
        return text, self.quotes, spans


class Walker:
    def __init__(self, grammar: Grammar) -> None:
        self.g = grammar

    # -- provisions -----------------------------------------------------

    def children(self, el: etree._Element | None) -> list[Draft]:
        """The provisions directly inside a container such as ``Body`` or ``body``."""
        if el is None:
            return []
        holder = Draft()
        fld = _Field()
        self._content(el, {"field": fld, "after": fld, "draft": holder})
        return holder.children

    def build(self, el: etree._Element, parent: Draft | None = None) -> Draft:
        draft = self.g.open(el, parent)
        chapeau, continuation = _Field(), _Field()
        state = {"field": chapeau, "after": continuation, "draft": draft}
        self._content(el, state, top=True)
        for name, fld in (("chapeau", chapeau), ("continuation", continuation)):
            text, quotes, spans = fld.finish(name)
            setattr(draft, name, text)
            draft.quotes.extend(quotes)
            draft.annotations.extend(spans)
        if draft.kind == "definition" and not draft.term:
            draft.term = self.g.term(el) or quoted_term(draft.chapeau)
        self.g.finish(draft, el)
        return draft

    def _content(self, el: etree._Element, state: dict, top: bool = False) -> None:
        """Walk the children of ``el`` (and its text), dispatching by role."""
        g = self.g
        state["field"].add(el.text)
        for child in el:
            role = g.role(child)
            if role == STRUCT:
                draft: Draft = state["draft"]
                draft.children.append(self.build(child, draft))
                state["field"] = state["after"]
            elif role == NUM and top:
                text, _, spans = self._field_of(child, "num")
                state["draft"].num = g.clean_num(text)
                state["draft"].label = text or None
                state["draft"].annotations.extend(spans)
            elif role == HEADING and top:
                text, _, spans = self._field_of(child, "heading")
                if text:
                    state["draft"].heading = text
                    state["draft"].annotations.extend(spans)
            elif role == QUOTE:
                self._quote(child, state["field"])
            elif role == SKIP:
                pass
            elif role == NOTEREF:
                fld = state["field"]
                self._mark(fld, child, lambda: None)
            elif role == BLOCK:
                state["field"].block()
                self._content(child, state)
                state["field"].block()
            elif role == ANNOT:
                fld = state["field"]
                self._mark(fld, child, lambda: self._content(child, state))
            elif role == INLINE_QUOTE:
                self._inline_quote(child, state)
            else:  # INLINE, TRANSPARENT
                state["field"].add(g.prefix(child))
                self._content(child, state)
                state["field"].add(g.suffix(child))
            state["field"].add(child.tail)

    def _mark(self, fld: _Field, el: etree._Element, body: Callable[[], None]) -> None:
        index = len(fld.annotations)
        if _ANN_BASE + 2 * index + 1 > _ANN_LIMIT:
            body()
            return
        fld.annotations.append(self.g.annotation(el))
        fld.parts.append(chr(_ANN_BASE + 2 * index))
        body()
        # annotations may have moved fields (a marker around a whole provision): close where opened
        fld.parts.append(chr(_ANN_BASE + 2 * index + 1))

    def _field_of(self, el: etree._Element, name: str) -> tuple[str, list[DraftQuote], list[Annotation]]:
        """Text of a num or heading: inline content only."""
        fld = _Field()
        state = {"field": fld, "after": fld, "draft": Draft()}
        self._content(el, state)
        return fld.finish(name)

    # -- quoted material ------------------------------------------------

    def _quote(self, el: etree._Element, fld: _Field) -> None:
        start, end, source_id = self.g.quote(el)
        drafts: list[Draft] = []
        text_field = _Field()
        holder = Draft()
        state = {"field": text_field, "after": text_field, "draft": holder}
        self._content(el, state)
        drafts = holder.children
        text, _, _ = text_field.finish("text")
        if drafts:
            text = "\n".join(_flat(d) for d in drafts) + (("\n" + text) if text else "")
        fld.parts.append(_QUOTE_MARK)
        fld.quotes.append(DraftQuote(where="", offset=0, text=text, block=True, drafts=drafts,
                                     source_id=source_id, start_quote=start, end_quote=end))

    def _inline_quote(self, el: etree._Element, state: dict) -> None:
        fld: _Field = state["field"]
        start, end, source_id = self.g.quote(el)
        inner = _Field()
        self._content(el, {"field": inner, "after": inner, "draft": Draft()})
        text, _, _ = inner.finish("text")
        fld.add(start)
        self._content(el, state)
        fld.add(end)
        fld.quotes.append(DraftQuote(where="", offset=-1, text=text, block=False,
                                     source_id=source_id, start_quote=start, end_quote=end))


def _flat(draft: Draft) -> str:
    """Plain text of a quoted draft tree, for searching and display."""
    lines = []
    label = draft.label or draft.num
    if draft.heading:
        lines.append(" ".join(x for x in (label, draft.heading) if x))
        label = None
    first = " ".join(x for x in (label, draft.chapeau) if x)
    if first:
        lines.append(first)
    lines.extend(_flat(c) for c in draft.children)
    if draft.continuation:
        lines.append(draft.continuation)
    return "\n".join(lines)
