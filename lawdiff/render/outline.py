"""``lawdiff parse``: an indented outline, one provision a line.

    Part 1  Bulk personal datasets
      s. 1  Requirement for authorisation
        s. 1(1)  The Investigatory Powers Act 2016 is amended as follows.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Document, Provision

FIRST_WORDS = 72


def first_words(text: str, limit: int = FIRST_WORDS) -> str:
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def outline(doc: Document) -> Iterator[str]:
    meta = doc.meta
    yield doc.title
    facts = [meta.format.upper(), meta.doc_type]
    if meta.version:
        facts.append(meta.version)
    facts.append(f"{len(doc.sections())} {doc.conventions.section_kind}s")
    if doc.schedules:
        facts.append(f"{len(doc.schedules)} schedule{'s' if len(doc.schedules) != 1 else ''}")
    yield "(" + ", ".join(facts) + ")"
    for top in doc.body + doc.schedules:
        yield from _lines(top, 0)


def _lines(p: Provision, depth: int) -> Iterator[str]:
    parts = [p.citation]
    if p.heading and f"“{p.heading}”" not in p.citation:  # a cross-heading is cited by its heading already
        parts.append(p.heading)
    words = p.chapeau or p.continuation
    if words:
        parts.append(first_words(words))
    if p.quotes and any(q.block for q in p.quotes):
        n = sum(1 for q in p.quotes if q.block)
        parts.append(f"[{n} quoted block{'s' if n > 1 else ''}]")
    yield "  " * depth + "  ".join(parts)
    for child in p.children:
        yield from _lines(child, depth + 1)
