"""Reviewers' notes keyed by citation, for annotated comparisons.

A notes file is TOML; each table is named by a citation in either document::

    ["s. 1(1)"]
    note = "Doubles the longest retention period."
    author = "A. Reviewer"

    [["Sch. 1 para. 1(2)"]]          # an array of tables: several notes on one provision
    note = "Longer terms weaken oversight."

Every citation is checked against both documents before anything is rendered:
a note on a provision that is in neither is an error, not a silently lost note.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from ..errors import CitationNotFound, LawdiffError
from ..model import Document, Provision


@dataclass(frozen=True)
class Note:
    citation: str
    text: str
    author: str | None = None


def load_notes(path: str) -> list[Note]:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise LawdiffError("no such notes file", path) from None
    except OSError as exc:
        raise LawdiffError(f"cannot read notes: {exc.strerror}", path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LawdiffError(f"notes are not valid TOML: {exc}", path) from None
    notes: list[Note] = []
    for citation, entries in data.items():
        for entry in entries if isinstance(entries, list) else [entries]:
            if not isinstance(entry, dict) or not isinstance(entry.get("note"), str):
                raise LawdiffError(f'note for "{citation}" needs note = "..."', path)
            unknown = set(entry) - {"note", "author"}
            if unknown:
                raise LawdiffError(f'note for "{citation}" has unknown field(s): {", ".join(sorted(unknown))} '
                                   "(expected note and author)", path)
            author = entry.get("author")
            if author is not None and not isinstance(author, str):
                raise LawdiffError(f'author of the note for "{citation}" must be text', path)
            notes.append(Note(citation, entry["note"], author))
    return notes


def attach(notes: list[Note], old: Document, new: Document, source: str = "notes",
           lenient: bool = False) -> dict[int, list[Note]]:
    """Notes by the identity of the provision they name (new document first, then old).
    A note naming neither is an error, or with ``lenient`` is left out."""
    attached: dict[int, list[Note]] = {}
    for note in notes:
        provision = _find(new, note.citation) or _find(old, note.citation)
        if provision is None and lenient:
            continue
        if provision is None:
            raise LawdiffError(f'note on "{note.citation}": no such provision in either document', source)
        attached.setdefault(id(provision), []).append(note)
    return attached


def _find(doc: Document, citation: str) -> Provision | None:
    try:
        return doc.find(citation)
    except CitationNotFound:
        return None


@dataclass(frozen=True)
class Mark:
    """A note's marker in a comparison, numbered once for the whole document. At its first use
    a reviewer's note (or a Keeling schedule's source) is printed as a footnote, a commentary
    after the section; every later use refers to it by the same number, so a commentary that
    applies to six provisions is printed once, not six times on one page."""

    number: int
    first: bool
    kind: str  # "note" (a reviewer's, or a Keeling schedule's source) or "commentary"
    text: str
    author: str | None = None


class Numbering:
    """Numbers each distinct note once, in the order the body first uses it.

        >>> n = Numbering()
        >>> [(m.number, m.first) for m in (n.mark("commentary", "F1 text"), n.mark("note", "mine"),
        ...                                n.mark("commentary", "F1 text"))]
        [(1, True), (2, True), (1, False)]
    """

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, str | None, str], int] = {}

    def mark(self, kind: str, text: str, author: str | None = None) -> Mark:
        key = (kind, author, text)
        if key in self._numbers:
            return Mark(self._numbers[key], False, kind, text, author)
        self._numbers[key] = number = len(self._numbers) + 1
        return Mark(number, True, kind, text, author)


def note_runs(marks: list[Mark]) -> tuple[str | Mark, ...]:
    """The markers of a row, comma-separated, as few elements as can be: a run of numbers that
    refer to notes printed elsewhere is one piece of text ("3,4,7"); a note printed here as a
    footnote is its own element, whose call WeasyPrint sets.

        >>> note_runs([Mark(3, False, "commentary", "a"), Mark(6, True, "note", "b"), Mark(7, True, "commentary", "c")])
        ('3', ',', Mark(number=6, first=True, kind='note', text='b', author=None), ',7')
    """
    out: list[str | Mark] = []
    run = ""
    for i, m in enumerate(marks):
        sep = "," if i else ""
        if m.first and m.kind == "note":
            if run:
                out.append(run)
                run = ""
            if sep:
                out.append(sep)
            out.append(m)
        else:
            run += sep + str(m.number)
    if run:
        out.append(run)
    return tuple(out)
