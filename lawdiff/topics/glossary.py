"""Defined terms: the glossary of a document.

Definitions come in three shapes, all collected with the citation of the
provision they are in:

- items of a definition list ("In this Part— “X” means ..."), which the
  parsers already make provisions of kind ``definition``;
- a definition in running text: "“communications data” means ...";
- a pointer elsewhere: "“Y” has the meaning given by section 261".

Definitions inside quoted amending text define terms of the Act being amended;
they are kept, marked ``quoted``, with the citation of the amending provision.

    >>> import lawdiff
    >>> act = lawdiff.load("example:surveillance-act")
    >>> [(d.term, d.citation) for d in glossary(act)]
    [('Commissioner', 's. 4 (definition of “Commissioner”)'), ('provider', 's. 4 (definition of “provider”)')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import LawdiffError
from ..model import Document

_VERBS = r"means|includes|does not include|has the meaning given|has the same meaning|is to be read|is to be construed"
_DEFINITION = re.compile(rf"[“\"]([^”\"\n]{{1,80}})[”\"],?\s+(?:(?:in|for the purposes of)[^,;]{{0,60}},\s+)?({_VERBS})\b")
_LIST_TERM = re.compile(r"definition of “(.+)”\)?$")


@dataclass(frozen=True)
class Definition:
    term: str
    text: str  # the definition, from the term to the end of its clause
    citation: str
    path: str
    how: str  # means | includes | has the meaning given | ...
    quoted: bool = False  # inside quoted amending text (a term of the Act being amended)

    @property
    def refers(self) -> bool:
        """True for "has the meaning given by ...": the definition is elsewhere."""
        return self.how.startswith("has the")


def glossary(doc: Document) -> list[Definition]:
    """Every definition in ``doc``, in document order; one per term and provision."""
    out: list[Definition] = []
    seen: set[tuple[str, str, bool]] = set()

    def add(d: Definition) -> None:
        key = (d.term.casefold(), d.path, d.quoted)
        if key not in seen:
            seen.add(key)
            out.append(d)

    for p in doc.walk():
        if p.kind == "definition":
            m = _LIST_TERM.search(p.citation)
            term = m.group(1) if m else None
            found = _DEFINITION.search(p.text)
            if term:
                add(Definition(term, _clause(p.text, 0), p.citation, p.path,
                               found.group(2) if found else "means"))
            continue
        for m in _DEFINITION.finditer(p.text):
            add(Definition(m.group(1).strip(), _clause(p.text, m.start()), p.citation, p.path, m.group(2)))
        for quote in p.quotes:
            for m in _DEFINITION.finditer(quote.text):
                add(Definition(m.group(1).strip(), _clause(quote.text, m.start()), p.citation, p.path,
                               m.group(2), quoted=True))
    return out


def define(doc: Document, term: str) -> list[Definition]:
    """The definitions of ``term`` (ignoring case and curly quotes), own terms before quoted ones."""
    wanted = term.strip().strip("“”\"'").casefold()
    found = [d for d in glossary(doc) if d.term.casefold() == wanted]
    if not found:
        terms = sorted({d.term for d in glossary(doc)}, key=str.casefold)
        hint = _closest(wanted, terms)
        raise LawdiffError(f"no definition of “{term}” in {doc.title}" + (f"; did you mean {hint}?" if hint else ""))
    return sorted(found, key=lambda d: d.quoted)


_CLAUSE_END = re.compile(r";|\n")
_CLAUSE_MAX = 4000  # characters: a definition runs to its ";", but text without one must not be copied whole


def _clause(text: str, start: int) -> str:
    """From a definition's opening quote to the end of its clause (";" or end of line)."""
    m = _CLAUSE_END.search(text, start, start + _CLAUSE_MAX)
    end = (m.end() if m.group() == ";" else m.start()) if m else start + _CLAUSE_MAX
    clause = text[start:end].strip()
    return clause + "…" if not m and end < len(text) else clause


def _closest(wanted: str, terms: list[str]) -> str | None:
    from rapidfuzz import process

    match = process.extractOne(wanted, [t.casefold() for t in terms], score_cutoff=80)
    return f"“{terms[match[2]]}”" if match else None
