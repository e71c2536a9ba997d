"""The rows of an annotated comparison, as the PDF and the HTML viewer both show them: the
common view's rows (:mod:`.diffview`) with their notes and commentary numbered once for the
whole document, their topics, their outline level, and their words cut into lines for the
inline view, the side-by-side view or both.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..compare.result import DiffResult
from ..compare.textdiff import DELETE, EQUAL, INSERT, WordOp
from .diffview import Row, rows
from .notes import Mark, Note, Numbering, note_runs

@dataclass(frozen=True)
class BodyRow:
    """A row of the body, with what the PDF and the viewer add to the common view."""

    row: Row
    marks: list[Mark]  # notes then commentary, each numbered once for the whole document
    bookmark: int  # PDF outline level, 0 for none
    old_heading: list[WordOp]
    new_heading: list[WordOp]
    lines: list[list[WordOp]]  # the words, line by line, inline view
    old_text: list[list[WordOp]]  # lines of ops, side-by-side view
    new_text: list[list[WordOp]]
    tags: list[str]
    # commentary first referred to in the section before this row, printed here, as
    # legislation.gov.uk prints a section's annotations after it
    commentary_before: tuple[Mark, ...] = ()

    @property
    def note_runs(self) -> tuple[str | Mark, ...]:
        """The markers as set: runs of numbers ("3,4") and the notes that are footnotes here."""
        return note_runs(self.marks)


def _commentary_by_section(body: list[BodyRow]) -> tuple[list[BodyRow], tuple[Mark, ...]]:
    """Each commentary's text once, after the section (or Part heading) that first refers to it.

    A full Act compared carries hundreds of legislation.gov.uk annotations; as page footnotes
    they would cost WeasyPrint a third of its layout time (it lays out a page's footnote area
    again for each footnote added) and crowd the foot of the page. Reviewers' notes and a
    Keeling schedule's sources stay footnotes."""
    out: list[BodyRow] = []
    pending: list[Mark] = []
    for r in body:
        if r.bookmark and pending:
            r = replace(r, commentary_before=tuple(pending))
            pending = []
        pending.extend(m for m in r.marks if m.kind == "commentary" and m.first)
        out.append(r)
    return out, tuple(pending)


def body_rows(result: DiffResult, notes: dict[int, list[Note]], tags: dict[int, list[str]],
              view: str = "inline", only_changed: bool = False, context: int | None = None,
              context_words: int | None = None) -> tuple[list[BodyRow], tuple[Mark, ...]]:
    """The body's rows, and the commentary left to print after the last of them. ``view`` is
    "inline", "side-by-side" or "both" (the viewer switches between them)."""
    commentary = {**dict(result.old.commentaries), **dict(result.new.commentaries)}
    numbering = Numbering()
    shown = rows(result, only_changed, context, context_words)
    return _commentary_by_section([_body_row(r, notes, commentary, tags, numbering, view) for r in shown])


def _body_row(row: Row, notes: dict[int, list[Note]], commentary: dict[str, str],
              tags: dict[int, list[str]], numbering: Numbering, view: str = "inline") -> BodyRow:
    change = row.change
    provisions = [p for p in (change.new, change.old, *change.new_also, *change.old_also) if p is not None]
    row_notes: list[Note] = []
    row_tags: list[str] = []
    for p in provisions:
        row_notes.extend(n for n in notes.get(id(p), []) if n not in row_notes)
        row_tags.extend(t for t in tags.get(id(p), []) if t not in row_tags)
    refs: list[str] = []
    for ann in change.provision.annotations:
        if ann.ref and ann.ref in commentary and ann.ref not in refs:
            refs.append(ann.ref)
    p = change.provision
    bookmark = row.depth + 1 if (p.level <= 1 and p.kind != "definition") else 0
    if row.part == "tail":  # words after the children: no heading line, nothing to mark again
        bookmark, row_notes, refs, row_tags = 0, [], [], []
    heading, text = row.heading(), row.text()
    marks = [numbering.mark("note", n.text, n.author) for n in row_notes]
    marks += [numbering.mark("commentary", commentary[r]) for r in refs]
    marks.sort(key=lambda m: m.number)  # "3,4,6,7" reads better than "6,3,7,4"
    # the lines of the view shown (a tail row is set inline in either view), or of both
    inline = view in ("inline", "both") or row.part == "tail"
    columns = view != "inline" and row.part != "tail"
    return BodyRow(row, marks, bookmark,
                   side(heading, DELETE), side(heading, INSERT),
                   lines(text) if inline else [], lines(side(text, DELETE)) if columns else [],
                   lines(side(text, INSERT)) if columns else [], row_tags)


CONTENTS_LIMIT = 120  # entries: more, and the contents list the top level only


def contents(body: list[BodyRow]) -> tuple[list[BodyRow], bool]:
    """The contents: every Part and section, or, past ``CONTENTS_LIMIT`` entries (a whole Act
    compared: FSMA 2023 has 766), the Parts, Chapters and Schedules only. A contents of
    seventeen pages helps nobody, and each entry costs WeasyPrint a page-number lookup; the
    PDF's bookmarks still list every section. Also says whether every entry is there."""
    entries = [r for r in body if r.bookmark]
    if len(entries) <= CONTENTS_LIMIT:
        return entries, True
    top = min(r.bookmark for r in entries)
    return [r for r in entries if r.bookmark == top], False


def side(ops: list[WordOp], keep: str) -> list[WordOp]:
    """One column of the side-by-side view: equal words and this side's changes."""
    return [op for op in ops if op.op in (EQUAL, keep)]


def lines(ops: list[WordOp]) -> list[list[WordOp]]:
    """Ops cut at line breaks, one list per line of text."""
    lines: list[list[WordOp]] = [[]]
    for op in ops:
        pieces = op.text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                lines.append([])
            if piece:
                lines[-1].append(WordOp(op.op, piece))
    return [line for line in lines if any(op.text.strip() for op in line)]
