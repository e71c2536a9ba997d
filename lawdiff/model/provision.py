"""Provisions: the nodes of a document tree.

A :class:`Provision` is immutable. Its text is split the way a drafter reads
it: the *chapeau* (the words before its children, "In this Part—") and the
*continuation* (the words after them, "and the Secretary of State may ...").

    >>> p = Provision(kind="section", num="1", heading="Citation",
    ...               chapeau="This Act may be cited as the Example Act.",
    ...               path="sec-1", citation="s. 1")
    >>> p.text
    'This Act may be cited as the Example Act.'
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Callable, Iterator


@dataclass(frozen=True, slots=True)
class Annotation:
    """A mark on a span of text: a CLML change marker or a commentary reference.

    ``kind`` is ``substitution``, ``addition``, ``repeal``, ``commentary``, or ``ref`` (a link
    from the words to what they name: an Akoma Ntoso ``ref``, a CLML ``Citation`` or
    ``CitationSubRef``; ``ref`` then holds its href or URI);
    ``where`` names the field the span is in (``num``, ``heading``,
    ``chapeau``, ``continuation``); ``start``/``end`` are character offsets
    in that field; ``ref`` is the commentary id the mark points to.
    """

    kind: str
    where: str
    start: int
    end: int
    ref: str | None = None
    change_id: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted amending material attached to the provision that quotes it.

    Block quotes (CLML ``BlockAmendment``, AKN ``quotedStructure``, USLM
    ``quotedContent`` holding structure) are cut out of the host's text; the
    host keeps a single space where they stood, at ``offset`` in the field
    named by ``where``. Inline quotes (``quotedText``, ``InlineAmendment``)
    stay in the host's text and are recorded here with ``block=False``.
    """

    where: str
    offset: int
    text: str
    block: bool = True
    provisions: tuple["Provision", ...] = ()
    source_id: str | None = None
    start_quote: str = ""
    end_quote: str = ""


@dataclass(frozen=True, slots=True)
class Provision:
    kind: str
    num: str | None
    heading: str | None = None
    chapeau: str = ""
    continuation: str = ""
    children: tuple["Provision", ...] = ()
    path: str = ""
    citation: str = ""
    level: int = 0
    source_id: str | None = None
    quotes: tuple[Quote, ...] = ()
    annotations: tuple[Annotation, ...] = field(default=(), repr=False)

    @property
    def text(self) -> str:
        """The provision's own words: chapeau and continuation, without children."""
        if self.chapeau and self.continuation:
            return f"{self.chapeau}\n{self.continuation}"
        return self.chapeau or self.continuation

    @property
    def is_group(self) -> bool:
        """Parts, chapters, cross-headings, schedules: containers above section level."""
        return self.level == 0

    def walk(self) -> Iterator["Provision"]:
        """This provision and all its descendants, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def label(self) -> str:
        """The number as a reader sees it at the start of the provision: "1", "(a)"."""
        if not self.num:
            return ""
        if self.level >= 2:
            return f"({self.num})"
        return self.num

    def text_with_quotes(self, where: str) -> str:
        """``chapeau`` or ``continuation`` with block quotes put back in place."""
        text = getattr(self, where)
        block = [q for q in self.quotes if q.block and q.where == where]
        if not block:
            return text
        out: list[str] = []
        pos = 0
        for quote in sorted(block, key=lambda q: q.offset):
            before = text[pos : quote.offset].rstrip()
            out.append(before)
            start, end = quote.start_quote, quote.end_quote
            if not start and not end:  # CLML and USLM leave the marks to the renderer
                opened = text[: quote.offset].count("“") > text[: quote.offset].count("”")
                start, end = ("" if opened else "“"), "”"
            out.append(f"{start}{quote.text}{end}")
            pos = quote.offset
        out.append(text[pos:].lstrip())
        joined = ""
        for part in out:
            if not part:
                continue
            # No space before closing punctuation: "...” ;" reads "...”;".
            if joined and not part[0] in ",;:.)]":
                joined += " "
            joined += part
        return joined


_DEFINED = re.compile(r"definition of “(.+)”\)?$")


def defined_term(p: "Provision") -> str | None:
    """The term a definition defines, as its citation names it (the model keeps no other record).

    >>> defined_term(Provision("definition", None, None, "", "", (), "sec-4/def-provider",
    ...                        "s. 4 (definition of “provider”)", 2))
    'provider'
    """
    if p.kind != "definition":
        return None
    m = _DEFINED.search(p.citation)
    return m.group(1) if m else None


def flat_text(node, label: Callable) -> str:
    """The words of a provision tree as lines, the form a block quotation's text takes: the
    label with the heading (or the first words), the children, then the closing words.
    ``node`` is a :class:`Provision` or a parser's draft; ``label(node)`` gives its label."""
    lines = []
    first_label = label(node)
    if node.heading:
        lines.append(" ".join(x for x in (first_label, node.heading) if x))
        first_label = None
    first = " ".join(x for x in (first_label, node.chapeau) if x)
    if first:
        lines.append(first)
    lines.extend(flat_text(c, label) for c in node.children)
    if node.continuation:
        lines.append(node.continuation)
    return "\n".join(lines)
