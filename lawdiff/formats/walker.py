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

from collections import Counter

import re
from functools import lru_cache

from lxml import etree

from ..model.draft import Draft, DraftQuote
from ..model.provision import Annotation, flat_text

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
# Annotation n starts at chr(_ANN_BASE + 2n) and ends at the next code point. These are
# surrogates, which no XML text can hold (private-use characters, used before, can be in a
# document's words, and were then read as marks). 1,024 marks a field; the most in any real
# document is 213; past the limit the words are kept, unmarked.
_ANN_BASE = 0xD800
_ANN_LIMIT = 0xDFFF


# tables and formulae: XHTML and MathML inside legislation, read for their words
_OTHER_VOCABULARIES = ("{http://www.w3.org/1999/xhtml}", "{http://www.w3.org/1998/Math/MathML}")


class Grammar:
    """What the elements of one format mean. Subclasses fill :attr:`roles`."""

    roles: dict[str, str] = {}
    #: the walker using this grammar (set by :class:`Walker`)
    walker: "Walker"
    #: tags whose role depends on context: only these go through :meth:`role`
    dynamic: frozenset = frozenset()
    #: tags that add words of their own (:meth:`prefix`, :meth:`suffix`)
    affixed: frozenset = frozenset()
    #: quoted material carries its own quotation marks in its words (USLM: “(E) … $36,000,000.”)
    marks_in_quotes: bool = False
    #: elements the format defines whose words simply run on in the text (emphasis, links, terms,
    #: tables): read as inline, and not counted among the elements lawdiff does not know
    known: frozenset = frozenset()

    def role(self, el: etree._Element) -> str:
        tag = el.tag
        if not isinstance(tag, str):
            return SKIP  # comments, processing instructions, entity references
        return self.roles.get(tag, INLINE)

    def open(self, el: etree._Element, parent: Draft | None) -> Draft:
        """A new draft for a STRUCT element (kind, level, source id)."""
        raise NotImplementedError

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


# "1", "7A", "(b)", "iii", "12.": the common forms, cleaned without the general rules below
_PLAIN_NUM = re.compile(r"\s*(?:\(([0-9A-Za-z]+)\)|([0-9A-Za-z]+)\.?)\s*\Z").match


@lru_cache(maxsize=4096)  # "(1)", "(a)" and "1" come back thousands of times in a long Act
def clean_num(text: str) -> str | None:
    """A number as printed, without brackets, labels or punctuation.

    >>> clean_num("(1)"), clean_num("Part 7A"), clean_num("SEC. 101. "), clean_num("1."), clean_num("TITLE I")
    ('1', '7A', '101', '1', 'I')
    """
    plain = _PLAIN_NUM(text)
    if plain:
        value = plain.group(1) or plain.group(2)
        if value.lower() not in _ROMAN_WORDS:
            return value
    value = " ".join(text.split())
    low = value.lower()
    for word in _ROMAN_WORDS:
        if low.startswith(word + " ") or low == word:
            value = value[len(word):].strip()
            break
    value = value.strip().strip("§").strip()
    value = value.rstrip(".—-–: ").lstrip("[").rstrip("]").strip("“”‘’\"")  # '“(E)' in quoted US text
    if value.startswith("(") and value.endswith(")"):
        value = value[1:-1].strip()
    return value or None


_QUOTED_TERM = re.compile("^[^\u201c\"\u2018]{0,12}?[\u201c\"\u2018']([^\u201d\"\u2019']+)[\u201d\"\u2019']")
_CURLY_TERM = re.compile("^[^\u201c]{0,12}?\u201c([^\u201d]+)\u201d")


def quoted_term(text: str) -> str | None:
    """The term a definition opens with: '“the 1845 Act” means ...' gives 'the 1845 Act', and
    '“debtor's contribution” has ...' keeps its apostrophe."""
    m = _CURLY_TERM.match(text) or _QUOTED_TERM.match(text)
    return m.group(1).strip() if m else None


_MARKERS = {ord(_QUOTE_MARK): " "}
_MARKERS.update((code, None) for code in range(_ANN_BASE, _ANN_LIMIT + 1))


_MARKER_SPLIT = re.compile(f"([{_QUOTE_MARK}{_BLOCK_MARK}{chr(_ANN_BASE)}-{chr(_ANN_LIMIT)}])").split


def _plain(raw: str) -> str:
    """Collected text with markers removed: blocks on their own lines, whitespace squashed.

    >>> _plain("\x01 (a) the first,\x01\x01 \x01or  the second \x01")
    '(a) the first,\\nor the second'
    """
    text = " ".join(raw.split())  # the block mark is not whitespace: it survives, a space either side
    if _BLOCK_MARK not in text:
        return text
    return "\n".join(filter(None, text.replace(" " + _BLOCK_MARK, _BLOCK_MARK)
                                   .replace(_BLOCK_MARK + " ", _BLOCK_MARK).split(_BLOCK_MARK)))


# Pretty-printed XML puts a line break and indentation between a word and the element
# beside it: 'an “⏎    <term>education body</term>⏎    ” means', '</ref>⏎    , a'. A
# reader sees “education body” and "tenancy, a", so a break inside an opening quote or
# bracket, or before closing punctuation, is dropped (markers may sit in between).
_ANN_CHARS = f"{chr(_ANN_BASE)}-{chr(_ANN_LIMIT)}"
# (Each run of whitespace is tried once, from its start, and never backtracked into: a text
# node of a million line breaks costs one pass, not a million.)
_INDENT_BEFORE_CLOSE = re.compile(r"(?<!\s)\s++(?=[" + _ANN_CHARS + r"]*+[,;:.)\]\u201d\u2019])")
_INDENT_AFTER_OPEN = re.compile(r"(?<=[\u201c\u2018(\[])([" + _ANN_CHARS + r"]*+)\s++")


def _unindent(raw: str) -> str:
    raw = _INDENT_BEFORE_CLOSE.sub(lambda m: "" if "\n" in m.group() else m.group(), raw)
    return _INDENT_AFTER_OPEN.sub(lambda m: m.group(1) if "\n" in m.group() else m.group(), raw)


def _keep(text: str | None) -> bool:
    """False for text that is only pretty-printing indentation (whitespace with a line break)."""
    return bool(text) and not (text.isspace() and ("\n" in text or "\r" in text))


class _Field:
    """Text being collected for one field, with markers for quotes and annotations."""

    __slots__ = ("parts", "quotes", "annotations")

    def __init__(self) -> None:
        self.parts: list[str] = []
        # most fields have neither: a list is made on the first one (tens of thousands fewer lists)
        self.quotes: list[DraftQuote] | tuple = ()
        self.annotations: list[tuple[str, str | None, str | None]] | tuple = ()

    def add_quote(self, quote: DraftQuote) -> None:
        if not self.quotes:
            self.quotes = []
        self.quotes.append(quote)

    def add(self, text: str | None) -> None:
        if _keep(text):
            self.parts.append(text)

    def block(self) -> None:
        self.parts.append(_BLOCK_MARK)

    def finish(self, name: str) -> tuple[str, list[DraftQuote] | tuple, list[Annotation] | tuple]:
        raw = "".join(self.parts)
        if "\n" in raw:
            raw = _unindent(raw)
        if not self.quotes and not self.annotations:
            # Fast path, most text: no offsets to keep, so let str.split do the work in C.
            return _plain(raw), (), ()
        out: list[str] = []
        size = 0
        pending = ""  # separator owed before the next visible character
        quote_offsets: list[int] = []
        starts: dict[int, int] = {}
        spans: list[Annotation] = []
        for piece in _MARKER_SPLIT(raw):
            if not piece:
                continue
            code = ord(piece[0])
            if piece == _QUOTE_MARK:
                quote_offsets.append(size)
                if size:
                    pending = " "
            elif piece == _BLOCK_MARK:
                if size:
                    pending = "\n"
            elif len(piece) == 1 and _ANN_BASE <= code <= _ANN_LIMIT:
                index, is_end = divmod(code - _ANN_BASE, 2)
                if is_end:
                    start = starts.pop(index, size)
                    kind, ref, change = self.annotations[index]
                    if size >= start:
                        spans.append(Annotation(kind, name, start, size, ref, change))
                else:
                    starts[index] = size + (1 if pending and size else 0)
            else:  # words: squash whitespace, owing one separator across pieces
                if piece[0].isspace() and size and not pending:
                    pending = " "
                words = piece.split()
                if words:
                    if pending:
                        out.append(pending)
                        size += 1
                    joined = " ".join(words)
                    out.append(joined)
                    size += len(joined)
                    pending = " " if piece[-1].isspace() else ""
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
    """Walks one document's elements with its format's :class:`Grammar`.

    This loop visits every element of the document, so it is written for speed:
    roles come from a dict lookup, and only the few tags whose meaning depends on
    context (``Grammar.dynamic``) pay for a call to :meth:`Grammar.role`.
    """

    def __init__(self, grammar: Grammar) -> None:
        self.g = grammar
        grammar.walker = self  # for grammars that read a field the walker's way (a CLML P1group's title)
        self._dynamic = grammar.dynamic
        self._affixed = grammar.affixed
        # roles that never depend on context: one dict lookup decides them
        self._static = {tag: role for tag, role in grammar.roles.items() if tag not in grammar.dynamic}
        self.unplaced: Counter[str] = Counter()  # elements of the last document it did not know
        self._known = grammar.known

    # -- provisions -----------------------------------------------------

    def children(self, el: etree._Element | None) -> list[Draft]:
        """The provisions directly inside a container such as ``Body`` or ``body``."""
        if el is None:
            return []
        holder = Draft()
        fld = _Field()
        self._content(el, fld, fld, holder, False)
        return holder.children

    def build(self, el: etree._Element, parent: Draft | None = None) -> Draft:
        draft = self.g.open(el, parent)
        self.fill(draft, el)
        return draft

    def fill(self, draft: Draft, el: etree._Element) -> None:
        """Give ``draft`` the words and provisions inside ``el`` (a provision's element, or a
        container read as one: a component's body read as its schedule)."""
        chapeau, continuation = _Field(), _Field()
        self._content(el, chapeau, continuation, draft, True)
        if chapeau.parts:
            draft.chapeau, quotes, spans = chapeau.finish("chapeau")
            if quotes or spans:
                draft.quotes.extend(quotes)
                draft.annotations.extend(spans)
        if continuation.parts:
            draft.continuation, quotes, spans = continuation.finish("continuation")
            if quotes or spans:
                draft.quotes.extend(quotes)
                draft.annotations.extend(spans)
        if draft.kind == "definition" and not draft.term:
            draft.term = self.g.term(el) or quoted_term(draft.chapeau)
        self.g.finish(draft, el)

    def _content(self, el: etree._Element, fld: _Field, after: _Field, draft: Draft, top: bool) -> _Field:
        """Walk the children of ``el`` (and its text), dispatching by role.

        Text goes to ``fld`` until the first child provision, then to ``after``
        (the continuation); returns the field that text now goes to.
        """
        g = self.g
        static = self._static
        affixed = self._affixed
        text = el.text
        if text and not (text.isspace() and ("\n" in text or "\r" in text)):
            fld.parts.append(text)
        for child in el:
            tag = child.tag
            role = static.get(tag)
            if role is None:
                if tag in self._dynamic:
                    role = g.role(child)
                elif isinstance(tag, str):
                    role = INLINE  # its words stay; an element lawdiff does not know is counted
                    if tag not in self._known and not tag.startswith(_OTHER_VOCABULARIES):
                        self.unplaced[tag] += 1
                else:
                    role = SKIP
            if role == INLINE or role == TRANSPARENT:
                if tag in affixed:
                    fld.add(g.prefix(child))
                    fld = self._content(child, fld, after, draft, False)
                    fld.add(g.suffix(child))
                elif len(child):
                    fld = self._content(child, fld, after, draft, False)
                else:  # a leaf: its text is all there is (most inline elements)
                    text = child.text
                    if text and not (text.isspace() and ("\n" in text or "\r" in text)):
                        fld.parts.append(text)
            elif role == STRUCT:
                draft.children.append(self.build(child, draft))
                fld = after
            elif role == BLOCK:
                fld.parts.append(_BLOCK_MARK)
                if len(child):
                    fld = self._content(child, fld, after, draft, False)
                else:
                    text = child.text
                    if text and not (text.isspace() and ("\n" in text or "\r" in text)):
                        fld.parts.append(text)
                fld.parts.append(_BLOCK_MARK)
            elif role == NUM:
                if top:
                    num, _, spans = self._field_of(child, "num")
                    draft.num = clean_num(num)
                    draft.label = num or None
                    draft.annotations.extend(spans)
                else:
                    fld = self._content(child, fld, after, draft, False)
            elif role == HEADING:
                if top:
                    heading, _, spans = self._field_of(child, "heading")
                    if heading:
                        draft.heading = heading
                        draft.annotations.extend(spans)
                else:
                    fld = self._content(child, fld, after, draft, False)
            elif role == QUOTE:
                self._quote(child, fld)
            elif role == NOTEREF:
                self._mark(fld, child, None)
            elif role == ANNOT:
                fld = self._mark(fld, child, (after, draft))
            elif role == INLINE_QUOTE:
                fld = self._inline_quote(child, fld, after, draft)
            # SKIP: dropped with its content
            text = child.tail
            if text and not (text.isspace() and ("\n" in text or "\r" in text)):
                fld.parts.append(text)
        return fld

    def _mark(self, fld: _Field, el: etree._Element, walk: tuple[_Field, Draft] | None) -> _Field:
        """Walk a change marker (or place a commentary pointer), recording the span it covers."""
        index = len(fld.annotations)
        if _ANN_BASE + 2 * index + 1 > _ANN_LIMIT:
            return self._content(el, fld, *walk, False) if walk else fld
        if not fld.annotations:
            fld.annotations = []
        fld.annotations.append(self.g.annotation(el))
        fld.parts.append(chr(_ANN_BASE + 2 * index))
        if walk and not len(el):  # a leaf (most links and markers): its text, without a walk
            current, text = fld, el.text
            if text and not (text.isspace() and ("\n" in text or "\r" in text)):
                fld.parts.append(text)
        else:
            current = self._content(el, fld, *walk, False) if walk else fld
        # a marker around a whole provision moves text to the continuation: close where opened
        fld.parts.append(chr(_ANN_BASE + 2 * index + 1))
        return current

    def _field_of(self, el: etree._Element, name: str) -> tuple[str, list[DraftQuote], list[Annotation]]:
        """Text of a num or heading: inline content only."""
        if not len(el):
            text = el.text
            return (" ".join(text.split()) if text else ""), (), ()
        fld = _Field()
        self._content(el, fld, fld, Draft(), False)
        return fld.finish(name)

    # -- quoted material ------------------------------------------------

    def _quote(self, el: etree._Element, fld: _Field) -> None:
        start, end, source_id = self.g.quote(el)
        before, after = _Field(), _Field()  # words before the first quoted provision, and after one
        holder = Draft()
        self._content(el, before, after, holder, False)
        drafts = holder.children
        pieces = [before.finish("text")[0]] + [flat_text(d, _draft_label) for d in drafts] + [after.finish("text")[0]]
        text = "\n".join(p for p in pieces if p)
        if self.g.marks_in_quotes and not start and not end:
            # the outermost marks are the quotation's own: kept as its marks, not its words
            if text[:1] in "“‘":
                start, text = text[0], text[1:]
            if text[-1:] in "”’":
                end, text = text[-1], text[:-1]
        fld.parts.append(_QUOTE_MARK)
        fld.add_quote(DraftQuote(where="", offset=0, text=text, block=True, drafts=drafts,
                                     source_id=source_id, start_quote=start, end_quote=end))

    def _inline_quote(self, el: etree._Element, fld: _Field, after: _Field, draft: Draft) -> _Field:
        start, end, source_id = self.g.quote(el)
        fld.add(start)
        first = len(fld.parts)
        current = self._content(el, fld, after, draft, False)
        # The quote's own words are what the walk just added (markers removed).
        text = _plain("".join(fld.parts[first:]).translate(_MARKERS)) if current is fld else ""
        current.add(end)
        fld.add_quote(DraftQuote(where="", offset=-1, text=text, block=False,
                                     source_id=source_id, start_quote=start, end_quote=end))
        return current


def walker_for(grammar: type[Grammar], *args: str) -> Walker:
    """One walker per grammar (and namespace) per process: grammars are fixed tables, and
    building one costs as much as parsing a short instrument. Each parse that takes it starts
    a fresh count of the elements it does not know (``unplaced``)."""
    walker = _walker(grammar, *args)
    walker.unplaced.clear()
    return walker


@lru_cache(maxsize=None)
def _walker(grammar: type[Grammar], *args: str) -> Walker:
    return Walker(grammar(*args))


def _draft_label(draft: Draft) -> str | None:
    return draft.label or draft.num
