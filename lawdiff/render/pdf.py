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
from ..compare.textdiff import DELETE, EQUAL, INSERT
from ..errors import LawdiffError
from ..model import Document
from ..progress import Progress
from ..version import __version__
from .chart import changes_per_part
from .diffjson import document_ref
from .diffterm import summary_line
from .bodyrows import body_rows, contents
from .diffview import ANCESTOR, SIGNS
from .notes import Note, attach
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


def comparison_html(result: DiffResult, options: PdfOptions = PdfOptions()) -> str:
    if options.view not in VIEWS:
        raise LawdiffError(f"unknown view {options.view!r}: expected {' or '.join(VIEWS)}")
    if options.paper not in PAPERS:
        raise LawdiffError(f"unknown paper size {options.paper!r}: expected {' or '.join(PAPERS)}")
    notes = attach(list(options.notes), result.old, result.new, options.notes_source, options.lenient_notes)
    date = options.date or _dt.date.today().isoformat()
    body, trailing = body_rows(result, notes, options.tags, options.view, options.changes_only, options.context)
    anchors = {id(r.row.change): r.row.anchor for r in body if r.row.part != "tail"}
    changes = [(anchors.get(id(c)), c) for c in result.reported()]
    # only what the summary and the contents link to gets an id: WeasyPrint keeps a copy of the
    # page counters for every id, a tenth of the memory of a 400-page comparison
    toc, toc_complete = contents(body)
    linked = {a for a, _ in changes if a} | {r.row.anchor for r in toc}
    env = environment(options.template_dir)
    title = options.title or comparison_title(result.old, result.new)
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


def comparison_title(old: Document, new: Document) -> str:
    if old.title == new.title:
        return f"{new.title}: comparison of versions"
    return f"{old.title} and {new.title}: comparison"


def _running_title(old: Document, new: Document) -> str:
    if old.title == new.title:
        versions = " → ".join(v for v in (old.meta.version, new.meta.version) if v)
        return f"{new.title}" + (f" ({versions})" if versions else "")
    return f"{old.title} → {new.title}"


__all__ = ["DEFAULT_VARIANT", "PAPERS", "PDF_VARIANTS", "VIEWS", "Pdf", "PdfOptions", "comparison_html", "render_pdf", "template_fetcher"]

