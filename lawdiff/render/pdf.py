"""Annotated comparisons as PDF, through HTML and WeasyPrint.

``comparison_html`` fills ``templates/compare.html.j2`` (styles in
``compare.css``) with a cover, a summary table linked to the body, a table of
contents and the provisions with changes marked; ``render_pdf`` lays it out
with WeasyPrint. WeasyPrint may read files from the template folders and
nothing else: no network, no other files, whatever a template or document says.

    >>> import lawdiff
    >>> from lawdiff.compare import diff
    >>> old = lawdiff.load("example:surveillance-act")
    >>> new = lawdiff.load("example:surveillance-act-amended")
    >>> html = comparison_html(diff(old, new), PdfOptions(date="2026-01-01"))
    >>> "<del>6</del>" in html and "<ins>12</ins>" in html
    True
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import logging
import os
import re
from dataclasses import dataclass, field, replace
from importlib import resources

import jinja2

from ..compare.result import DiffResult
from ..compare.textdiff import DELETE, EQUAL, INSERT, WordOp
from ..errors import LawdiffError
from ..model import Document
from ..progress import Progress
from ..version import __version__
from .chart import changes_per_part
from .diffjson import document_ref
from .diffterm import summary_line
from .diffview import ANCESTOR, SIGNS, Row, rows
from .notes import Mark, Note, Numbering, attach, note_runs
from .pdftags import cached_page_references, spoken_changes
from .templates import environment, render_checked, template_problem, template_source

VIEWS = ("inline", "side-by-side")
# PDF/UA-1 (tagged: headings, alternative text, language, spoken changes) unless asked otherwise;
# "none" is an untagged PDF
DEFAULT_VARIANT = "pdf/ua-1"
PDF_VARIANTS = ("none", "pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/a-4u", "pdf/ua-1", "pdf/ua-2")
PAPERS = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class PdfOptions:
    view: str = "inline"
    changes_only: bool = False
    context: int | None = None
    notes: tuple[Note, ...] = ()
    notes_source: str = "notes"
    title: str | None = None
    paper: str = "a4"
    template_dir: str | None = None
    date: str | None = None  # the generation date shown and stored (ISO); today if not given
    pdf_variant: str | None = DEFAULT_VARIANT  # None or "none": untagged
    tags: dict[int, list[str]] = field(default_factory=dict)  # provision identity -> topic tags
    keeling: bool = False  # a Keeling schedule: insertions bold as well as underlined
    appendix: tuple[dict, ...] = ()  # rows for a closing table of instructions (source, affected, what, ...)
    lenient_notes: bool = False  # notes naming no provision are dropped (Keeling), not an error
    # a Keeling schedule's cover: (label, value) rows naming the Act, what amends it and how much
    cover: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BodyRow:
    """A row of the body, with what the PDF adds to the common view."""

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


def comparison_html(result: DiffResult, options: PdfOptions = PdfOptions()) -> str:
    if options.view not in VIEWS:
        raise LawdiffError(f"unknown view {options.view!r}: expected {' or '.join(VIEWS)}")
    if options.paper not in PAPERS:
        raise LawdiffError(f"unknown paper size {options.paper!r}: expected {' or '.join(PAPERS)}")
    notes = attach(list(options.notes), result.old, result.new, options.notes_source, options.lenient_notes)
    date = options.date or _dt.date.today().isoformat()
    commentary = {**dict(result.old.commentaries), **dict(result.new.commentaries)}
    shown = rows(result, options.changes_only, options.context)
    numbering = Numbering()
    body, trailing = _commentary_by_section([_body_row(r, notes, commentary, options.tags, numbering, options.view)
                                             for r in shown])
    anchors = {id(r.row.change): r.row.anchor for r in body if r.row.part != "tail"}
    changes = [(anchors.get(id(c)), c) for c in result.reported()]
    # only what the summary and the contents link to gets an id: WeasyPrint keeps a copy of the
    # page counters for every id, a tenth of the memory of a 400-page comparison
    toc, toc_complete = _contents(body)
    linked = {a for a, _ in changes if a} | {r.row.anchor for r in toc}
    env = environment(options.template_dir)
    title = options.title or _title(result.old, result.new)
    try:
        template = env.get_template("compare.html.j2")
    except jinja2.TemplateError as exc:  # a --template DIR of the user's own
        raise template_problem(exc) from None
    return render_checked(template,
        title=title,
        running_title=_running_title(result.old, result.new),
        old=document_ref(result.old), new=document_ref(result.new),
        old_date=result.old.meta.date, new_date=result.new.meta.date,
        mode=result.mode, select=result.select, summary=result.summary,
        summary_line=summary_line(result.summary),
        changes=changes, linked=linked,
        chart=changes_per_part(result.summary),
        rows=body, toc=toc, toc_complete=toc_complete, signs=SIGNS, view=options.view, trailing_commentary=trailing,
        date=date, version=__version__, paper=PAPERS[options.paper],
        css=template_source("compare.css", options.template_dir),
        ancestor=ANCESTOR, equal=EQUAL, delete=DELETE, insert=INSERT,
        keeling=options.keeling, appendix=list(options.appendix), cover=list(options.cover),
    )


class Pdf(bytes):
    """A PDF's bytes, and how many pages it has (``pages``), for the line that says it was written."""

    pages: int = 0


def render_pdf(result: DiffResult, options: PdfOptions = PdfOptions(),
               progress: Progress | None = None, html: str | None = None) -> Pdf:
    """The comparison as PDF bytes. ``progress`` is told what stage rendering has reached;
    ``html`` is the page from :func:`comparison_html` with the same options, if already made."""
    import weasyprint

    say = progress or (lambda message: None)
    say("building the document")
    date = options.date or _dt.date.today().isoformat()
    if html is None:
        html = comparison_html(result, replace(options, date=date))
    say("laying out pages")
    with _source_date(date), spoken_changes(), cached_page_references(), _weasyprint_progress(progress):
        document = weasyprint.HTML(string=html, base_url=_base_url(options.template_dir),
                                   url_fetcher=template_fetcher(options.template_dir)).render()
        say(f"writing {len(document.pages)} pages")
        extra = {"pdf_variant": options.pdf_variant} if options.pdf_variant not in (None, "none") else {}
        # The /ID marks the file as lawdiff's (so -o may replace it without --force), and is
        # derived from the content, so the same inputs still give the same bytes.
        identifier = b"lawdiff-" + hashlib.sha256(html.encode("utf-8")).hexdigest()[:24].encode()
        pdf = Pdf(document.write_pdf(pdf_identifier=identifier, **extra))
        pdf.pages = len(document.pages)
        return pdf


@contextlib.contextmanager
def _weasyprint_progress(say: Progress | None):
    """WeasyPrint's own steps (it logs each page as it lays it out) passed on to ``say``, so a
    terminal sees the page count move through the long part, not one line for minutes."""
    if say is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")

    class Relay(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            page = re.search(r"Creating layout - Page (\d+)", message)
            if page:
                say(f"laying out page {page.group(1)}")

    relay, level, propagate = Relay(), logger.level, logger.propagate
    logger.addHandler(relay)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the relay is the only listener: nothing else is printed
    try:
        yield
    finally:
        logger.removeHandler(relay)
        logger.setLevel(level)
        logger.propagate = propagate


@contextlib.contextmanager
def _source_date(date: str):
    """Fonts embedded in the PDF carry a timestamp; fontTools takes it from SOURCE_DATE_EPOCH
    (reproducible-builds.org), so pinning it to the generation date gives the same bytes."""
    try:
        day = _dt.datetime.fromisoformat(date).replace(tzinfo=_dt.timezone.utc)
    except ValueError:
        raise LawdiffError(f"--date {date!r} is not a date such as 2026-11-29") from None
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(day.timestamp()))
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


# -- the URL fetcher: template folders only ------------------------------------------

def template_folders(override: str | None) -> list[str]:
    folders = []
    if override:
        folders.append(os.path.realpath(override))
    with resources.as_file(resources.files("lawdiff.templates")) as shipped:
        folders.append(os.path.realpath(shipped))
    return folders


def _base_url(override: str | None) -> str:
    return "file://" + template_folders(override)[0].rstrip("/") + "/"


def template_fetcher(override: str | None):
    """A WeasyPrint URL fetcher that serves files under the template folders and refuses the rest."""
    from urllib.parse import unquote, urlsplit

    from weasyprint import urls

    allowed = template_folders(override)

    def local_path(url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"lawdiff does not fetch {url!r}: only files beside the templates are read")
        path = os.path.realpath(unquote(parts.path))
        if not any(path == folder or path.startswith(folder + os.sep) for folder in allowed):
            raise ValueError(f"lawdiff does not read {path!r}: it is outside the template folders")
        return path

    if hasattr(urls, "URLFetcher"):
        class TemplateFetcher(urls.URLFetcher):
            def fetch(self, url, headers=None):
                path = local_path(url)
                with open(path, "rb") as fh:
                    return urls.URLFetcherResponse(url, fh.read())

        return TemplateFetcher()

    def fetch(url: str) -> dict:  # WeasyPrint before the URLFetcher class
        path = local_path(url)
        with open(path, "rb") as fh:
            return {"string": fh.read(), "redirected_url": url}

    return fetch


# -- rows ---------------------------------------------------------------------

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
    # the lines of the view shown, not of both (a tail row is set inline in either view)
    inline, columns = view == "inline" or row.part == "tail", view != "inline"
    return BodyRow(row, marks, bookmark,
                   _side(heading, DELETE), _side(heading, INSERT),
                   _lines(text) if inline else [], _lines(_side(text, DELETE)) if columns else [],
                   _lines(_side(text, INSERT)) if columns else [], row_tags)


CONTENTS_LIMIT = 120  # entries: more, and the contents list the top level only


def _contents(body: list[BodyRow]) -> tuple[list[BodyRow], bool]:
    """The contents: every Part and section, or, past ``CONTENTS_LIMIT`` entries (a whole Act
    compared: FSMA 2023 has 766), the Parts, Chapters and Schedules only. A contents of
    seventeen pages helps nobody, and each entry costs WeasyPrint a page-number lookup; the
    PDF's bookmarks still list every section. Also says whether every entry is there."""
    entries = [r for r in body if r.bookmark]
    if len(entries) <= CONTENTS_LIMIT:
        return entries, True
    top = min(r.bookmark for r in entries)
    return [r for r in entries if r.bookmark == top], False


def _side(ops: list[WordOp], keep: str) -> list[WordOp]:
    """One column of the side-by-side view: equal words and this side's changes."""
    return [op for op in ops if op.op in (EQUAL, keep)]


def _lines(ops: list[WordOp]) -> list[list[WordOp]]:
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


def _title(old: Document, new: Document) -> str:
    if old.title == new.title:
        return f"{new.title}: comparison of versions"
    return f"{old.title} and {new.title}: comparison"


def _running_title(old: Document, new: Document) -> str:
    if old.title == new.title:
        versions = " → ".join(v for v in (old.meta.version, new.meta.version) if v)
        return f"{new.title}" + (f" ({versions})" if versions else "")
    return f"{old.title} → {new.title}"


__all__ = ["DEFAULT_VARIANT", "PAPERS", "PDF_VARIANTS", "VIEWS", "Pdf", "PdfOptions", "comparison_html", "render_pdf", "template_fetcher"]

