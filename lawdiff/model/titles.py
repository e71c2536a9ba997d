"""What a document is called: its title, and the name it gives itself in its short-title
provision ("This Act may be cited as the Employment Rights Act 1996."), which is what other
legislation calls it when the metadata carries a placeholder or no title at all.

    >>> cited_as_in("This Act may be cited as the Example Records Act 2020.")
    'Example Records Act 2020'
    >>> cited_as_in("These Regulations may be cited as the Example (Amendment) Regulations 2021 and come into force on 1st May 2021.")
    'Example (Amendment) Regulations 2021'
    >>> same_name("the Investigatory  Powers Act 2016", "Investigatory Powers Act 2016")
    True
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document

_CITED_AS = re.compile(r"\b(?:This|These|The)\s+(?:Act|Measure|Order|Regulations|Rules|Bill|Law)\s+may\s+be\s+cited\s+"
                       r"as\s+(?:the\s+)?[“\"]?(?P<title>[A-Z][^“”\"]*?(?:\d{4}|Act|Measure|Order|Regulations|Rules))"
                       r"[”\"]?(?=\s*(?:[.,;]|$|and\b|\())")


def cited_as_in(text: str) -> str | None:
    """The name a short-title provision gives, or None when the words are not one."""
    m = _CITED_AS.search(" ".join(text.split()))
    return m.group("title") if m else None


def cited_as(doc: Document) -> str | None:
    """The name the document's own short-title provision gives it (the first, in the body)."""
    for top in doc.body:
        for p in top.walk():
            if "cited as" in p.text:
                name = cited_as_in(p.text)
                if name:
                    return name
    return None


def names_of(doc: Document, also: str | None = None) -> list[str]:
    """Every name the document goes by: ``also`` (a name the user gives) first, then the name
    its short-title provision gives, then the titles in its metadata."""
    out: list[str] = []
    for name in (also, cited_as(doc), doc.meta.short_title, doc.meta.title):
        if name and not any(same_name(name, n) for n in out):
            out.append(name)
    return out


def name_key(name: str) -> str:
    """A name as compared: spacing, case, a leading "the" and a bracketed S.I. number aside."""
    name = " ".join(name.replace("’", "'").split()).casefold()
    name = re.sub(r"\s*\((?:s\.\s?i\.|ssi|s\.r\.)\s*[\d/]+\)", "", name)  # "(S.I. 2001/2188)"
    return name[4:] if name.startswith("the ") else name


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two names of an Act or instrument are the same name, whatever the spacing,
    case, a leading "the" or a bracketed S.I. number."""
    return bool(a and b) and name_key(a) == name_key(b)
