"""A comparison, or a Keeling schedule, as a page to read on screen: the HTML viewer.

One standalone file (``templates/viewer.html.j2``, its stylesheet ``viewer.css`` and its
script ``viewer.js`` set inline): no network, no other files. Its Content-Security-Policy
allows nothing to be fetched and only its own script (by hash) to run, so even a document
whose text somehow carried markup could not make the page load anything.

What it has, for a reader who has to find every change:

- a list of the changes (citation, kind, first changed words), each a link to the change;
- the contents by Part, with the number of changes in each;
- "previous" / "next change" buttons and the keys ``p`` / ``n``, which move the focus to the
  change before or after in document order, skipping those filtered out;
- filters by kind of change and by topic;
- the summary by Part, each row a link to the Part's first change;
- an inline and a side-by-side view, switched on the page (``view`` is the one it opens in);
- permalinks: every provision's id is its path, ``#sec-200/subsec-1`` (``old/sec-5`` for one
  removed), and each heading links to itself;
- landmarks, headings by level, ``<del>`` / ``<ins>`` with visually hidden "deleted" /
  "inserted" words, visible focus; a print stylesheet.

Without a script the page is the whole comparison, inline, with its lists of links.

    >>> import lawdiff
    >>> from lawdiff.compare import diff
    >>> page = viewer_html(diff(lawdiff.load("example:surveillance-act"),
    ...                         lawdiff.load("example:surveillance-act-amended")))
    >>> 'id="sec-1/subsec-1"' in page, page.count('class="change-entry"')
    (True, 8)
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

from ..compare.result import KINDS, Change, DiffResult, reported
from ..compare.textdiff import DELETE, EQUAL, INSERT, WordOp
from ..errors import LawdiffError
from ..version import __version__
from .bodyrows import BodyRow, body_rows
from .diffjson import document_ref
from .diffterm import summary_line
from .diffview import ANCESTOR, CHANGE, Row, visible
from .notes import attach
from .pdf import VIEWS, PdfOptions, comparison_title
from .templates import environment, render_checked, template_source

FIRST_WORDS = 8  # words of a change shown in the list of changes


@dataclass(frozen=True)
class ViewerRow:
    """A row of the viewer's body."""

    body: BodyRow
    id: str | None  # its permalink, for rows that start a provision
    number: int | None  # its place in the list of changes (1, 2, ...), for the changes listed
    topics: tuple[str, ...]  # its section's topics
    heading_level: int | None  # h3-h6 for Parts, sections and provisions with a heading; None: run in
    has_columns: bool  # old and new differ: the side-by-side view has a column for each

    @property
    def kind(self) -> str:
        return self.body.row.change.kind

    @property
    def old_label(self) -> str:
        return " + ".join(self.body.row.change.old_citations)

    @property
    def new_label(self) -> str:
        return " + ".join(self.body.row.change.new_citations)


@dataclass(frozen=True)
class Entry:
    """An entry of the list of changes."""

    number: int
    anchor: str | None  # None when the text is not shown (``stat``)
    change: Change
    words: list[WordOp]
    topics: tuple[str, ...]
    label: str


def viewer_html(result: DiffResult, options: PdfOptions = PdfOptions(), context_words: int | None = None,
                stat: bool = False) -> str:
    """The comparison as a standalone HTML page to read on screen (see the module's docstring).
    ``options`` are the annotated comparison's (notes, title, date, topics, the view it opens
    in, what a Keeling schedule adds); ``context_words`` trims each changed provision's
    unchanged words to that many either side of each change (``None``: every word); ``stat``
    leaves the text out (the summary and the list of changes only)."""
    if options.view not in VIEWS:
        raise LawdiffError(f"unknown view {options.view!r}: expected {' or '.join(VIEWS)}")
    notes = attach(list(options.notes), result.old, result.new, options.notes_source, options.lenient_notes)
    body, _ = ([], ()) if stat else body_rows(result, notes, options.tags, "both", options.changes_only,
                                              options.context, context_words)
    listed = reported(result.changes)
    numbers = {id(c): i for i, c in enumerate(listed, 1)}
    shown = _viewer_rows(body, numbers)
    at = {id(r.body.row.change): r for r in shown if r.number is not None}
    entries = []
    for number, change in enumerate(listed, 1):
        r = at.get(id(change))
        row = r.body.row if r else Row(0, change, CHANGE)
        topics = r.topics if r else tuple(_tags(change, options.tags))
        entries.append(Entry(number, r.id if r else None, change, _first_words(row), topics, row.label))
    script = template_source("viewer.js", options.template_dir)
    if "</script" in script.lower():
        raise LawdiffError("viewer.js may not contain </script>")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    template = environment(options.template_dir).get_template("viewer.html.j2")
    return render_checked(
        template,
        title=options.title or comparison_title(result.old, result.new),
        keeling=options.keeling, cover=list(options.cover), appendix=list(options.appendix),
        old=document_ref(result.old), new=document_ref(result.new),
        old_url=result.old.url(), new_url=result.new.url(),
        old_date=result.old.meta.date, new_date=result.new.meta.date,
        mode=result.mode, select=result.select, summary=result.summary,
        summary_line=summary_line(result.summary),
        kinds=[k for k in KINDS if result.summary.by_kind.get(k)],
        topics=_topic_counts(entries), parts=_parts(result, entries),
        entries=entries, contents=_contents(shown), rows=shown, view=options.view,
        date=options.date, version=__version__,
        css=template_source("viewer.css", options.template_dir), script=script, script_hash=digest,
        ancestor=ANCESTOR, equal=EQUAL, delete=DELETE, insert=INSERT,
    )


def _viewer_rows(body: list[BodyRow], numbers: dict[int, int]) -> list[ViewerRow]:
    out: list[ViewerRow] = []
    seen: set[str] = set()
    topics_at: list[tuple[str, ...]] = []  # the topics of the rows above, by depth
    for b in body:
        row, change = b.row, b.row.change
        del topics_at[row.depth:]
        inherited = topics_at[-1] if topics_at else ()
        topics = tuple(b.tags) or inherited
        if row.part == "tail":
            out.append(ViewerRow(b, None, None, topics, None, False))
            continue
        topics_at.append(topics)
        anchor = row.anchor
        if anchor in seen:  # two provisions with one path (a malformed document): still one id each
            anchor = next(f"{row.anchor}~{k}" for k in range(2, len(seen) + 3) if f"{row.anchor}~{k}" not in seen)
        seen.add(anchor)
        p = change.provision
        level = min(3 + row.depth, 6) if (p.heading or p.level <= 1) and p.kind != "definition" else None
        columns = row.role == CHANGE and (change.kind in ("added", "removed") or
                                          any(op.op != EQUAL for op in (*row.text(), *row.heading())))
        out.append(ViewerRow(b, anchor, numbers.get(id(change)), topics, level, columns))
    return out


def _first_words(row: Row) -> list[WordOp]:
    """The first changed words of a change, as a reader scanning the list needs them: from the
    first change on, ``FIRST_WORDS`` words, and "…" where they are cut."""
    change = row.change
    ops = [*change.heading_ops, *change.text_ops] if change.kind not in ("added", "removed") else \
        [*row.heading(), *row.text()]
    start = next((i for i, op in enumerate(ops) if op.op != EQUAL), None)
    if start is None:
        return []
    words = [(op.op, w) for op in ops[start:] for w in re.findall(r"\S+", op.text)]
    out: list[WordOp] = []
    for kind, word in words[:FIRST_WORDS]:
        if out and out[-1].op == kind:
            out[-1] = WordOp(kind, out[-1].text + " " + word)
        else:
            out.append(WordOp(kind, word))
    if len(words) > FIRST_WORDS:
        out.append(WordOp(EQUAL, "…"))
    return [WordOp(op.op, visible(op.text)) for op in out]


def _tags(change: Change, tags: dict[int, list[str]]) -> list[str]:
    out: list[str] = []
    for p in (change.new, change.old):
        out.extend(t for t in tags.get(id(p), []) if t not in out)
    return out


def _topic_counts(entries: list[Entry]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for e in entries:
        for t in e.topics:
            counts[t] = counts.get(t, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _parts(result: DiffResult, entries: list[Entry]) -> list[dict]:
    """The summary's rows: each Part's counts, and the first of its changes to link to."""
    first: dict[str, str] = {}
    for e in entries:
        if e.anchor:
            first.setdefault(e.change.part, e.anchor)
    return [{"name": part, "counts": counts, "total": sum(counts.values()), "anchor": first.get(part)}
            for part, counts in result.summary.by_part.items()]


def _contents(shown: list[ViewerRow]) -> list[dict]:
    """The top-level provisions shown (Parts, Schedules; sections where there are no Parts),
    each with its heading and the number of changes listed under it."""
    out: list[dict] = []
    for r in shown:
        if r.id is None:
            continue
        if r.body.row.depth == 0:
            p = r.body.row.change.provision
            out.append({"anchor": r.id, "label": r.body.row.label, "heading": visible(p.heading or ""), "changes": 0,
                        "kind": r.kind})
        if r.number is not None and out:
            out[-1]["changes"] += 1
    return out


__all__ = ["viewer_html"]
