"""lawdiff as a Python library: one call for each command, with the command's defaults.

Every ``lawdiff`` command is one of these calls; the command line only reads its arguments
and prints what the call gives. Wherever a document is expected, give what the command
takes — a file path, ``example:NAME``, a legislation.gov.uk identifier, URL or catalogue
name — or a :class:`~lawdiff.model.Document` already loaded.

Each call gives an object that knows its own outputs: ``.render(format)`` gives the text
(or the PDF's bytes), ``.render(format, path)`` writes the file atomically and says what it
wrote. :func:`render` does the same for anything lawdiff gives.

    >>> import lawdiff
    >>> comparison = lawdiff.diff("example:surveillance-act", "example:surveillance-act-amended")
    >>> comparison.identical, comparison.summary.by_kind["modified"] > 0
    (False, True)
    >>> print(comparison.render("text", only_changed=True).splitlines()[0])
    --- Communications Oversight (Example) Act 2026 (enacted)  [example:surveillance-act]

========== =============================================== =====================================
command    call                                            gives
========== =============================================== =====================================
parse      :func:`load` (``render(doc, "text"|"json")``)   :class:`~lawdiff.model.Document`
show       :func:`show`                                    :class:`Shown`
diff       :func:`diff`                                    :class:`Comparison`
compare    ``diff(...).render("pdf", path)``               :class:`Written`
topics     :func:`topics`, :func:`glossary`, :func:`taxonomy`  :class:`TopicReport`, :class:`Glossary`
define     :func:`define`                                  :class:`Glossary`
catalog    :func:`catalog`                                 :class:`Catalog`
index      :func:`index`                                   :class:`Indexed`
search     :func:`search` (or :class:`Store`)              :class:`SearchResults`
effects    :func:`effects`                                 :class:`EffectsReport`
amend      :func:`amend`                                   :class:`Amendment`
========== =============================================== =====================================
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Sequence, Union

from .amend import Applied, Effects, apply_effects, extract
from .compare import MODES, DiffOptions, TextOptions
from .compare import diff as _compare
from .compare.correspondence import read_table
from .compare.restrict import restrict
from .compare.result import DiffResult, reported
from .errors import LawdiffError
from .formats import FORMATS, parse_bytes
from .formats.write import check_writable, write as write_xml
from .formats.xmlsafe import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Limits
from .model import Document, Provision
from .progress import Progress
from .render import diffdoc, diffjson, diffterm, effectsout, jsonout, topicsout
from .render.diffterm import use_colour
from .render.keeling import keeling_options
from .render.notes import load_notes
from .render.outline import outline
from .render.output import check_replaceable, write_atomic
from .render.pdf import DEFAULT_VARIANT, PAPERS, PDF_VARIANTS, VIEWS, PdfOptions, comparison_html, render_pdf
from .render.viewer import viewer_html
from .render.word import render_docx
from .render.quote import render_provision
from .sources import cached_source, examples, read_source, resolve
from .sources.catalog import Entry, catalog as _catalog
from .sources.fetch import SourceOptions
from .store import Entry as StoreEntry, Hit, Store, entry as store_entry
from .topics import Classification, Classifier, Definition, Taxonomy, define as _define, glossary as _glossary, load_taxonomy

DocumentLike = Union[str, "os.PathLike[str]", Document]

CONTEXT_WORDS = 12  # unchanged words shown either side of a change in a changed provision

# the choices the commands offer, for callers that offer them too
CHOICES = {"source formats": ("auto",) + FORMATS, "modes": MODES, "views": VIEWS, "papers": tuple(PAPERS),
           "pdf variants": PDF_VARIANTS}
DEFAULTS = {"max_bytes": DEFAULT_MAX_BYTES, "max_depth": DEFAULT_MAX_DEPTH, "pdf_variant": DEFAULT_VARIANT}


def load(ref: DocumentLike, fmt: str = "auto", limits: Limits = Limits(),
         sources: SourceOptions | None = None) -> Document:
    """Load a document from a file path, ``example:NAME``, or a legislation.gov.uk identifier,
    URL or catalogue name ("ukpga/2016/25/enacted", "RIPA section 22"); a
    :class:`~lawdiff.model.Document` is given back as it is. ``fmt`` is the source format
    (``auto`` detects it); ``sources`` says where identifiers are fetched from
    (offline, a mirror, another server). As ``lawdiff parse``.

        >>> doc = load("example:surveillance-act")
        >>> doc.title, doc.find("s. 2(1)").citation
        ('Communications Oversight (Example) Act 2026', 's. 2(1)')
    """
    if isinstance(ref, Document):
        return ref
    ref = os.fspath(ref)
    name, data = read_source(ref, limits, sources)
    try:
        return parse_bytes(data, name, fmt, limits)
    except LawdiffError as exc:
        cached = cached_source(ref, sources)
        if cached is None:
            raise
        # the copy kept from an earlier fetch is damaged: say where it is, and how to recover
        raise LawdiffError(f"{exc.message} (in the cached copy {cached}: delete it to fetch the document again)",
                           exc.source, exc.line, exc.column) from None


def unplaced_warning(doc: Document) -> str | None:
    """What ``lawdiff parse`` warns of: elements lawdiff did not know, read as words (never dropped).

        >>> unplaced_warning(load("example:surveillance-act")) is None
        True
    """
    if not doc.unplaced:
        return None
    total = sum(n for _, n in doc.unplaced)
    names = ", ".join(f"{name} ({n})" for name, n in doc.unplaced[:8]) + (", …" if len(doc.unplaced) > 8 else "")
    return (f"{doc.meta.source}: {total} element{'s' if total > 1 else ''} lawdiff does not know, read as words "
            f"of the provision around them: {names}")


# ---------------------------------------------------------------------------------------------
# Writing what a call gives


@dataclass(frozen=True)
class Written:
    """A file lawdiff wrote: ``str()`` is the line the commands print ("wrote x.pdf: 17 pages, 3 changes")."""

    path: str
    format: str
    size: int
    pages: int | None = None
    counts: tuple[str, ...] = ()  # "3 changes", "52 effects applied"

    def __str__(self) -> str:
        said = ([f"{self.pages} page{'s' if self.pages != 1 else ''}"] if self.pages is not None else []) \
            + list(self.counts)
        return f"wrote {self.path}: " + (", ".join(said) if said else f"{self.size:,} bytes")


class _Output:
    """What every result has: ``render(format)`` (text, or bytes for a PDF) and
    ``render(format, path)`` (written atomically; gives :class:`Written`)."""

    formats: tuple[str, ...] = ("text",)

    def render(self, fmt: str | None = None, path: str | None = None, *, force: bool = False, **options):
        fmt = _format(fmt or self.formats[0], self.formats, type(self).__name__)
        if path is not None:
            check_replaceable(path, force)  # before the work: a whole-Act PDF takes minutes
        data = self._render(fmt, **options)
        if path is None:
            return data
        write_atomic(path, data, force)
        return Written(path, fmt, len(data), getattr(data, "pages", None), self._counts())

    def _render(self, fmt: str, **options) -> str | bytes:  # pragma: no cover - each result has its own
        raise NotImplementedError

    def _counts(self) -> tuple[str, ...]:
        return ()


def _write_document(result: DiffResult, options: PdfOptions, progress: Progress | None, path: str | None,
               html: str | None, force: bool, counts: tuple[str, ...], fmt: str = "pdf") -> list[Written]:
    """The PDF (or with ``fmt="docx"`` the Word file) to ``path`` and the HTML viewer to
    ``html``: both files are checked as replaceable before the (slow) work, and neither is
    written until both are made (a failed or interrupted layout leaves no HTML without its PDF)."""
    for target in (path, html):
        if target:
            check_replaceable(target, force)
    viewer = viewer_html(result, options) if html else None  # notes are checked before the slow part
    made: bytes | None = None
    if path and fmt == "docx":
        made = render_docx(result, options)
    elif path:
        made = render_pdf(result, options, progress, comparison_html(result, options))
    written = []
    if html and viewer is not None:
        write_atomic(html, viewer, force)
        written.append(Written(html, "html", len(viewer.encode("utf-8")), None, counts))
    if path and made is not None:
        write_atomic(path, made, force)
        written.append(Written(path, fmt, len(made), getattr(made, "pages", None), counts))
    return written


_OTHER_NAMES = {"terminal": "text", "table": "text", "txt": "text", "md": "markdown", "htm": "html"}


def _format(fmt: str, formats: Sequence[str], what: str) -> str:
    if fmt not in formats:
        fmt = _OTHER_NAMES.get(fmt, fmt)
    if fmt not in formats:
        raise LawdiffError(f"{what} has no {fmt!r} output: one of {', '.join(formats)}")
    return fmt


def format_for_path(path: str, default: str = "pdf") -> str:
    """The output format a file name asks for: "briefing.pdf" is pdf, "page.html" html.

        >>> format_for_path("briefing.pdf"), format_for_path("out/page.htm"), format_for_path("x.docx")
        ('pdf', 'html', 'docx')
    """
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    ext = _OTHER_NAMES.get(ext, ext)
    return ext if ext in ("pdf", "docx", "html", "markdown", "text", "json", "xml", "csv") else default


def render(result, fmt: str | None = None, path: str | None = None, *, force: bool = False, **options):
    """Render anything lawdiff gives — a comparison, a document, a provision shown, effects, an
    amendment, topics, search results — as ``fmt``; to ``path`` if given (atomically).

        >>> doc = load("example:surveillance-act")
        >>> print(render(doc, "text").splitlines()[3])
          s. 1  Retention notices
        >>> import json
        >>> json.loads(render(doc, "json"))["schema"]
        'lawdiff.document/1'
    """
    if isinstance(result, Document):
        result = Parsed(result)
    if not isinstance(result, _Output):
        raise LawdiffError(f"lawdiff cannot render a {type(result).__name__}")
    return result.render(fmt, path, force=force, **options)


# ---------------------------------------------------------------------------------------------
# parse, show


@dataclass(frozen=True)
class Parsed(_Output):
    """A document as ``lawdiff parse`` prints it: an outline (``text``), the whole tree
    (``json``, schema lawdiff.document/1), or XML in its own format (``xml``: CLML or AKN)."""

    document: Document
    formats = ("text", "json", "xml")

    def _render(self, fmt: str, **options) -> str:
        if fmt == "json":
            return jsonout.dumps(jsonout.document_to_dict(self.document))
        if fmt == "xml":
            check_writable(self.document.meta.format)
            return write_xml(self.document)
        return "".join(line + "\n" for line in outline(self.document))


@dataclass(frozen=True)
class Shown(_Output):
    """One provision with all its words, its citation and the document's title: ``text`` and
    ``markdown`` ready to quote, ``json`` (schema lawdiff.provision/1) with its legislation.gov.uk URL."""

    document: Document
    provision: Provision
    formats = ("text", "markdown", "json")

    @property
    def url(self) -> str | None:
        """The provision's page on legislation.gov.uk, when the document has an identifier."""
        return self.document.url(self.provision)

    def _render(self, fmt: str, **options) -> str:
        if fmt == "json":
            return jsonout.dumps({"schema": "lawdiff.provision/1", "document": self.document.title,
                                  "source": self.document.meta.uri or self.document.meta.source,
                                  "provision": jsonout.provision_to_dict(self.provision, self.document)})
        return render_provision(self.document, self.provision, fmt)


def show(document: DocumentLike, citation: str, fmt: str = "auto", limits: Limits = Limits(),
         sources: SourceOptions | None = None) -> Shown:
    """The provision ``citation`` names, as ``lawdiff show`` prints it. A citation is written as
    people write it ("s. 200(1)(a)", "clause 5(2)", "Sch 2 para 3"); a provision inside quoted
    amending text is cited after the provision quoting it ("s. 3, inserted s. 4(2A)").

        >>> shown = show("example:surveillance-act", "s. 2(1)")
        >>> print(shown.render("text").splitlines()[0])
        Communications Oversight (Example) Act 2026, s. 2(1):
        >>> show("example:surveillance-act", "s. 3, inserted s. 4(2A)").provision.text
        'The Commissioner must report on the use of notices at least once a year.'
    """
    doc = load(document, fmt, limits, sources)
    return Shown(doc, doc.find(citation))


# ---------------------------------------------------------------------------------------------
# diff, compare


@dataclass(frozen=True)
class Comparison(_Output):
    """Two documents compared provision by provision (the :class:`~lawdiff.compare.result.DiffResult`
    is ``result``). Outputs: ``text`` (``terminal`` with ``colour=True``), ``json``, ``markdown``,
    ``html`` (the viewer, :mod:`lawdiff.render.viewer`: a page to read in a browser),
    ``pdf`` (the annotated comparison ``lawdiff compare`` writes), ``docx`` (the same as a Word
    file whose changes are tracked revisions: :mod:`lawdiff.render.word`).

    Options of ``render``: ``only_changed``, ``context`` (unchanged provisions either side of a
    change), ``stat`` (only the table of changes); for ``text``, ``markdown`` and ``html``,
    ``context_words`` (a changed provision's unchanged words kept either side of each change,
    the rest elided as "…": 12, or ``None`` for all of them); for ``pdf`` and ``html``:
    ``view`` ("inline", "side-by-side": the one the viewer opens in), ``notes`` (a TOML file of
    reviewers' notes), ``title``, ``template_dir``, ``date`` (pin it for the same bytes each
    time; the viewer shows none unless given); for ``pdf`` also ``paper``, ``pdf_variant``,
    ``progress``. ``html`` with ``standalone=False`` is the page the PDF is laid out from.
    """

    result: DiffResult
    classifier: Classifier = field(repr=False)
    # each document's classifications, made once (for --topic, then for the PDF's tags)
    classified: dict = field(default_factory=dict, repr=False, compare=False)
    formats = ("text", "json", "markdown", "html", "pdf", "docx")

    def classifications(self, doc: Document) -> list[Classification]:
        """The topics of the sections of ``doc`` (one of the two compared)."""
        if id(doc) not in self.classified:
            self.classified[id(doc)] = self.classifier.classify_document(doc)
        return self.classified[id(doc)]

    @property
    def identical(self) -> bool:
        return self.result.identical

    @property
    def changes(self):
        """The tree of changes, top-level provisions first (each with its ``children``)."""
        return self.result.changes

    @property
    def reported(self):
        """The changes a reader is told about, in document order (an added section is one change)."""
        return reported(self.result.changes)

    @property
    def summary(self):
        return self.result.summary

    @property
    def old(self) -> Document:
        return self.result.old

    @property
    def new(self) -> Document:
        return self.result.new

    def _counts(self) -> tuple[str, ...]:
        n = sum(count for kind, count in self.summary.by_kind.items() if kind != "unchanged")
        return (f"{n} change{'s' if n != 1 else ''}",)

    def _render(self, fmt: str, only_changed: bool = False, context: int | None = None, stat: bool = False,
                colour: bool = False, standalone: bool = True, progress: Progress | None = None,
                context_words: int | None = CONTEXT_WORDS, **layout) -> str | bytes:
        result = self.result
        if fmt == "json":
            return jsonout.dumps(diffjson.result_to_dict(result, only_changed or context is not None, stat))
        if fmt == "markdown":
            return diffdoc.render_markdown(result, only_changed, context, stat, context_words)
        if fmt == "html" and standalone:
            # the date only when asked for: the same comparison gives the same page any day
            options = replace(self.pdf_options(only_changed=only_changed, context=context, **layout),
                              date=layout.get("date"))
            return viewer_html(result, options, context_words, stat)
        if fmt == "text":
            if stat:
                return "\n".join(diffterm.header(result) + [""] + diffterm.stat_table(result.summary)) + "\n"
            return diffterm.render(result, colour, only_changed, context, context_words)
        options = self.pdf_options(only_changed=only_changed, context=context, **layout)
        if fmt == "docx":
            return render_docx(result, options)
        html = comparison_html(result, options)  # notes and dates are checked before the slow part
        return html if fmt == "html" else render_pdf(result, options, progress, html)

    def write_pdf(self, path: str | None, *, html: str | None = None, force: bool = False,
                  progress: Progress | None = None, **layout) -> list[Written]:
        """Write the annotated comparison as PDF to ``path`` and the page it is made from to
        ``html`` (either may be ``None``), laid out once for both; options as :meth:`render`'s."""
        return _write_document(self.result, self.pdf_options(**layout), progress, path, html, force, self._counts())

    def write_docx(self, path: str | None, *, html: str | None = None, force: bool = False,
                   **layout) -> list[Written]:
        """Write the comparison as a Word file with tracked changes to ``path`` (accepting them all
        gives the new text, rejecting them the old) and the HTML viewer to ``html``; options as
        :meth:`render`'s (``only_changed``, ``context``, ``notes``, ``title``, ``paper``, ``date``).

            >>> import tempfile, os
            >>> out = os.path.join(tempfile.mkdtemp(), "briefing.docx")
            >>> print(diff("example:surveillance-act", "example:surveillance-act-amended").write_docx(out, date="2026-12-01")[0])  # doctest: +ELLIPSIS
            wrote .../briefing.docx: 8 changes
        """
        return _write_document(self.result, self.pdf_options(**layout), None, path, html, force, self._counts(), "docx")

    def pdf_options(self, view: str = "inline", only_changed: bool = False, context: int | None = None,
                    notes: str | None = None, title: str | None = None, paper: str = "a4",
                    template_dir: str | None = None, pdf_variant: str = DEFAULT_VARIANT,
                    date: str | None = None) -> PdfOptions:
        """The options of the annotated comparison, each provision tagged with its topics."""
        tags = {id(c.provision): [s.topic.label for s in c.scores if "." not in s.topic.id][:3]
                for doc in (self.old, self.new) for c in self.classifications(doc)}
        return PdfOptions(view=view, changes_only=only_changed or context is not None, context=context,
                          notes=tuple(load_notes(notes)) if notes else (), notes_source=notes or "notes",
                          title=title, paper=paper, tags=tags, template_dir=template_dir,
                          date=date or datetime.date.today().isoformat(), pdf_variant=pdf_variant)


def diff(old: DocumentLike, new: DocumentLike, *, select: str | None = None, select_new: str | None = None,
         mode: str = "auto", threshold: float = 0.6, number_floor: float = 0.5, move_threshold: float = 0.8,
         split_threshold: float = 0.8, ignore_whitespace: bool = False, ignore_case: bool = False,
         ignore_quotes: bool = False, ignore_renumbering: bool = False,
         correspondence: str | Iterable[tuple[str, str]] | None = None, topic: str | None = None,
         taxonomy: str | None = None, topic_threshold: float = 0.35, fmt: str = "auto",
         limits: Limits = Limits(), sources: SourceOptions | None = None) -> Comparison:
    """Compare ``old`` with ``new`` provision by provision, as ``lawdiff diff`` and ``lawdiff
    compare`` do: renumbered, moved, split and merged provisions are found as such.

    ``select`` narrows to one Part, section or subtree ("Part 2", "s. 5"); ``mode`` is
    "versions" (two versions of one document), "successor" (an Act and the Act replacing it)
    or "auto"; the thresholds say how alike provisions must be to pair; ``correspondence`` is
    a TOML table (a path) or (old, new) citation pairs to pair first; ``topic`` keeps only
    provisions on that topic in either document.

        >>> c = diff("example:surveillance-act", "example:surveillance-act-amended", select="s. 1")
        >>> [(ch.kind, ch.citation) for ch in c.reported]
        [('modified', 's. 1(1)'), ('modified', 's. 1(2)(b)')]
        >>> c.render("pdf", date="2026-01-01")[:5]
        b'%PDF-'
    """
    limits = limits or Limits()
    if isinstance(correspondence, (str, os.PathLike)):
        pairs = read_table(os.fspath(correspondence)).pairs
    else:
        pairs = tuple(tuple(p) for p in correspondence or ())
    options = DiffOptions(mode, threshold, number_floor, move_threshold, split_threshold,
                          TextOptions(ignore_whitespace, ignore_case, ignore_quotes, ignore_renumbering),
                          correspondence=pairs)
    old_doc, new_doc = load(old, fmt, limits, sources), load(new, fmt, limits, sources)
    comparison = Comparison(_compare(old_doc, new_doc, options, select, select_new),
                            Classifier(load_taxonomy(taxonomy), topic_threshold))
    if topic:
        wanted = comparison.classifier.taxonomy.resolve(topic).id
        on_topic = {id(c.provision) for doc in (old_doc, new_doc)
                    for c in comparison.classifications(doc) if c.has(wanted)}
        comparison = replace(comparison, result=restrict(comparison.result, lambda p: id(p) in on_topic))
    return comparison


# ---------------------------------------------------------------------------------------------
# topics, define, catalog


@dataclass(frozen=True)
class TopicReport(_Output):
    """Which provisions are on which topic, with the evidence: ``text`` (a table), ``json``, ``csv``."""

    document: Document
    taxonomy: Taxonomy
    threshold: float
    classifications: tuple[Classification, ...]
    formats = ("text", "json", "csv")

    def __iter__(self) -> Iterator[Classification]:
        return iter(self.classifications)

    def __len__(self) -> int:
        return len(self.classifications)

    def _render(self, fmt: str, **options) -> str:
        found = list(self.classifications)
        if fmt == "json":
            return jsonout.dumps(topicsout.to_dict(self.document.title, self.taxonomy.source, self.threshold, found))
        return topicsout.to_csv(found) if fmt == "csv" else topicsout.table(found)


@dataclass(frozen=True)
class TopicList(_Output):
    """The topics of a taxonomy (``taxonomy``), as ``lawdiff topics --list`` prints them: ``text``
    (id and label, subtopics indented) or ``json`` (schema lawdiff.taxonomy/1)."""

    taxonomy: Taxonomy
    formats = ("text", "json")

    @property
    def topics(self):
        return self.taxonomy.topics

    def __iter__(self):
        return iter(self.taxonomy.topics)

    def _render(self, fmt: str, **options) -> str:
        if fmt == "json":
            return jsonout.dumps({"schema": "lawdiff.taxonomy/1", "source": self.taxonomy.source, "topics": [
                {"id": t.id, "label": t.label, "parent": t.parent, "description": t.description}
                for t in self.taxonomy.topics]})
        return "".join(f"{'  ' if t.parent else ''}{t.id:40} {t.label}\n" for t in self.taxonomy.topics)


def taxonomy(path: str | None = None) -> TopicList:
    """The topic taxonomy: the shipped one, or your own TOML file (``lawdiff topics --list``).

        >>> "interception" in [t.id for t in taxonomy()]
        True
        >>> print(taxonomy().render("text").splitlines()[0].split()[0])
        interception
    """
    return TopicList(load_taxonomy(path))


def topics(document: DocumentLike, topic: str | None = None, *, level: str = "sections", threshold: float = 0.35,
           taxonomy: str | None = None, fmt: str = "auto", limits: Limits = Limits(),
           sources: SourceOptions | None = None) -> TopicReport:
    """Which provisions of ``document`` are about which investigatory power, with the evidence
    (``lawdiff topics``); ``topic`` keeps only those on one topic ("interception",
    "communications_data.retention").

        >>> report = topics("example:surveillance-act", "communications_data.retention")
        >>> [c.provision.citation for c in report]
        ['s. 1']
    """
    tax = load_taxonomy(taxonomy)
    doc = load(document, fmt, limits, sources)
    found = Classifier(tax, threshold).classify_document(doc, level)
    if topic:
        wanted = tax.resolve(topic).id
        found = [c for c in found if c.has(wanted)]
    return TopicReport(doc, tax, threshold, tuple(found))


@dataclass(frozen=True)
class Glossary(_Output):
    """Definitions with their citations: ``text`` (each with where it is), ``table``, ``json``, ``csv``."""

    document: Document
    definitions: tuple[Definition, ...]
    formats = ("text", "table", "json", "csv")

    def __iter__(self) -> Iterator[Definition]:
        return iter(self.definitions)

    def __len__(self) -> int:
        return len(self.definitions)

    def _render(self, fmt: str, **options) -> str:
        found = list(self.definitions)
        if fmt == "json":
            return jsonout.dumps(topicsout.glossary_to_dict(self.document.title, found))
        if fmt == "csv":
            return topicsout.glossary_csv(found)
        if fmt == "table":
            return topicsout.glossary_table(found)
        return "".join(f"{d.text}\n    — {self.document.title}, {d.citation}"
                       + (" (in quoted amending text)" if d.quoted else "") + "\n" for d in found)


def glossary(document: DocumentLike, fmt: str = "auto", limits: Limits = Limits(),
             sources: SourceOptions | None = None) -> Glossary:
    """Every term ``document`` defines (``lawdiff topics --glossary``).

        >>> sorted(d.term for d in glossary("example:surveillance-act"))
        ['Commissioner', 'provider']
    """
    doc = load(document, fmt, limits, sources)
    return Glossary(doc, tuple(_glossary(doc)))


def define(document: DocumentLike, term: str, fmt: str = "auto", limits: Limits = Limits(),
           sources: SourceOptions | None = None) -> Glossary:
    """How ``document`` defines ``term``, with the citation of the definition (``lawdiff define``).

        >>> print(define("example:surveillance-act", "provider").render("text"), end="")
        “provider” means a person who provides a communications service.
            — Communications Oversight (Example) Act 2026, s. 4 (definition of “provider”)
    """
    doc = load(document, fmt, limits, sources)
    return Glossary(doc, tuple(_define(doc, term)))


@dataclass(frozen=True)
class Catalog(_Output):
    """The statute book lawdiff knows by name: ``text`` or ``json`` (schema lawdiff.catalog/1)."""

    entries: tuple[Entry, ...]
    formats = ("text", "json")

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def _render(self, fmt: str, **options) -> str:
        if fmt == "json":
            return jsonout.dumps({"schema": "lawdiff.catalog/1", "entries": [
                {"id": e.id, "title": e.title, "aliases": list(e.aliases), "kind": e.kind, "about": e.about}
                for e in self.entries]})
        out = []
        for e in self.entries:
            out.append(f"{e.id:16} {e.title}\n")
            if e.aliases:
                out.append(f"{'':16}   also: {', '.join(e.aliases)}\n")
        return "".join(out)


def catalog() -> Catalog:
    """The investigatory powers statute book lawdiff knows by name (``lawdiff catalog``); any name
    or alias listed works wherever a document is expected.

        >>> [e.title for e in catalog() if "IPA" in e.aliases]
        ['Investigatory Powers Act 2016']
    """
    return Catalog(tuple(_catalog()))


# ---------------------------------------------------------------------------------------------
# index, search


@dataclass(frozen=True)
class Indexed:
    """What :func:`index` stored: (ref, provisions, title) for each document, and the store's path."""

    store: str
    added: tuple[tuple[str, int, str], ...]
    documents: int


def index(refs: Iterable[str], store: str | None = None, *, rebuild: bool = False, taxonomy: str | None = None,
          fmt: str = "auto", limits: Limits = Limits(), sources: SourceOptions | None = None,
          progress: Progress | None = None) -> Indexed:
    """Store the provisions of each document for :func:`search` (``lawdiff index``). Each is read
    (and so checked) before the store is touched: bad input leaves no store behind.

        >>> import tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "index.sqlite3")
        >>> index(["example:surveillance-act"], path).added[0][:2]
        ('example:surveillance-act', 18)
    """
    refs = [os.fspath(r) for r in refs]
    if not refs and not rebuild:
        raise LawdiffError("nothing to index: give files, identifiers or catalogue names (or --rebuild)")
    classifier = Classifier(load_taxonomy(taxonomy))
    if rebuild:
        Store(store, rebuild=True).close()
    added, path = [], store
    for k, ref in enumerate(refs, 1):
        if progress:
            progress(f"indexing {k}/{len(refs)}: {ref}")
        made = index_entry(ref, classifier=classifier, fmt=fmt, limits=limits, sources=sources)
        with Store(store) as opened:
            added.append((ref, opened.add_entry(made), made.title))
            path = opened.path
    with Store(path) as opened:
        return Indexed(opened.path, tuple(added), len(opened.documents()))


def index_entry(ref: str, *, taxonomy: str | None = None, classifier: Classifier | None = None, fmt: str = "auto",
                limits: Limits = Limits(), sources: SourceOptions | None = None) -> StoreEntry:
    """What :func:`index` stores of one document, made without a store: ``lawdiff batch`` makes
    these where its jobs run and writes them, in one process, to the one store.

        >>> made = index_entry("example:surveillance-act")
        >>> made.title, len(made.rows)
        ('Communications Oversight (Example) Act 2026', 18)
    """
    classifier = classifier or Classifier(load_taxonomy(taxonomy))
    doc = load(ref, fmt, limits, sources)
    tags = {id(c.provision): c.topic_ids() for c in classifier.classify_document(doc)}
    return store_entry(os.fspath(ref), doc, tags)


@dataclass(frozen=True)
class SearchResults(_Output):
    """Search hits, best first: ``text`` (citation, heading, document and source; the snippet
    under it) or ``json`` (schema lawdiff.search/1)."""

    query: str
    hits: tuple[Hit, ...]
    formats = ("text", "json")

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def _render(self, fmt: str, **options) -> str:
        if fmt == "json":
            return jsonout.dumps({"schema": "lawdiff.search/1", "query": self.query, "hits": [
                {"document": h.document, "ref": h.ref, "sources": list(h.sources), "citation": h.citation,
                 "url": h.url, "heading": h.heading, "snippet": h.snippet, "score": h.score,
                 "topics": list(h.topics)} for h in self.hits]})
        if not self.hits:
            return "No matches.\n"
        return "".join(f"{h.citation}  " + (f"{h.heading}  " if h.heading else "")
                       + f"— {h.document} ({', '.join(h.sources)})\n    {h.snippet}\n" for h in self.hits)


def search(query: str, *, topic: str | None = None, within: Iterable[str] = (), limit: int = 20,
           store: str | None = None, mark: tuple[str, str] = ("[", "]")) -> SearchResults:
    """Provisions matching ``query`` across indexed documents, best first (BM25), with snippets
    (``lawdiff search``). ``query`` is words (all must match), "a phrase", prefix*, or FTS5's
    AND / OR / NOT; ``within`` names documents (as indexed, by identifier, catalogue name or
    title). The same provision of the same Act, indexed from several files (its CLML and its
    Akoma Ntoso), is one hit naming every source.

        >>> import tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "index.sqlite3")
        >>> _ = index(["example:surveillance-act"], path)
        >>> [(h.citation, h.sources) for h in search("retention notice", store=path)][:1]
        [('s. 1', ('example:surveillance-act',))]
    """
    names = []
    for ref in within:
        names.append(ref)
        remote = resolve(ref)
        if remote is not None:
            names.append(remote.work)
    with Store(store, create=False) as opened:
        return SearchResults(query, tuple(opened.search(query, topic, names or None, limit, mark)))


# ---------------------------------------------------------------------------------------------
# effects, amend


@dataclass(frozen=True)
class EffectsReport(_Output):
    """Every textual amendment an amending text makes (``effects``, in order: iterate over the
    report, or pass it to :func:`amend`), the instructions not understood (``unparsed``), and
    ``understood``, the share read. Outputs: ``text`` (``explain=True`` adds the rule that read
    each), ``json``, ``csv``, ``lawmaker`` (the UK Lawmaker team's table of amendments)."""

    amending: Document
    target: Document | None
    found: Effects
    formats = ("text", "json", "csv", "lawmaker")

    @property
    def effects(self):
        return self.found.effects

    @property
    def unparsed(self):
        return self.found.unparsed

    @property
    def understood(self) -> float:
        return self.found.understood

    @property
    def note(self) -> str | None:
        """How the target was identified, when it had to be inferred."""
        return self.found.target_note

    def __iter__(self):
        return iter(self.found.effects)

    def __len__(self) -> int:
        return len(self.found.effects)

    def _counts(self) -> tuple[str, ...]:
        return (f"{len(self)} effects", f"{self.understood:.1%} of instructions understood")

    def _render(self, fmt: str, explain: bool = False, **options) -> str:
        if fmt == "json":
            return jsonout.dumps(effectsout.to_dict(self.found, self.amending.title))
        if fmt == "lawmaker":
            return jsonout.dumps(effectsout.lawmaker(self.found))
        if fmt == "csv":
            return effectsout.to_csv(self.found)
        return effectsout.table(self.found, explain)


def effects(amending: DocumentLike, target: DocumentLike | None = None, *, target_title: str | None = None,
            fmt: str = "auto", limits: Limits = Limits(), sources: SourceOptions | None = None) -> EffectsReport:
    """Every textual amendment ``amending`` makes (``lawdiff effects``); with ``target``, only those
    aimed at it, with its native ids. ``target_title`` is the name the amending text gives the
    target when its own title does not. Instructions not understood are listed, never dropped.

        >>> found = effects("example:surveillance-act-amending", "example:surveillance-act")
        >>> [(e.affected_citation, e.type) for e in found][:2]
        [('s. 1(1)', 'words substituted'), ('s. 2(2)', 'provision inserted')]
    """
    doc = load(amending, fmt, limits, sources)
    target_doc = load(target, fmt, limits, sources) if target is not None else None
    return EffectsReport(doc, target_doc, extract(doc, target_doc, target_title))


@dataclass(frozen=True)
class Amendment(_Output):
    """An Act with an amending text's amendments applied: ``document`` is the amended Act,
    ``conflicts`` the instructions that could not be applied (and why). Outputs: ``text`` (what
    was done), ``json`` (the amended Act), ``xml`` (the amended Act in its source format),
    ``pdf``, ``html`` and ``docx`` (the Keeling schedule: only what changed, or the whole Act
    with ``full=True``; ``title``, ``paper``, ``template_dir``, ``pdf_variant``, ``date``,
    ``progress``; ``html`` is the viewer, or with ``standalone=False`` the page the PDF is laid
    out from; ``docx`` a Word file whose changes are tracked)."""

    target: Document
    amending: Document
    found: Effects
    applied: Applied
    formats = ("text", "json", "xml", "pdf", "html", "docx")

    @property
    def document(self) -> Document:
        return self.applied.document

    @property
    def conflicts(self):
        return self.applied.conflicts

    @property
    def unparsed(self):
        return self.found.unparsed

    @property
    def outcomes(self):
        return self.applied.outcomes

    def _counts(self) -> tuple[str, ...]:
        done = sum(o.applied for o in self.applied.outcomes)
        return (f"{done} of {len(self.applied.outcomes)} amendments applied",)

    @property
    def note(self) -> str | None:
        """How the target was identified, when it had to be inferred."""
        return self.found.target_note

    def _render(self, fmt: str, progress: Progress | None = None, standalone: bool = True,
                **layout) -> str | bytes:
        if fmt == "json":
            return jsonout.dumps(jsonout.document_to_dict(self.document))
        if fmt == "xml":
            check_writable(self.target.meta.format)
            return write_xml(self.document)
        if fmt == "text":
            return effectsout.outcomes(self.applied, self.found)
        result, keeling = self._keeling(**layout)
        if fmt == "docx":
            return render_docx(result, keeling)
        if fmt == "html" and standalone:
            return viewer_html(result, keeling)
        html = comparison_html(result, keeling)
        return html if fmt == "html" else render_pdf(result, keeling, progress, html)

    def write_pdf(self, path: str | None, *, html: str | None = None, force: bool = False,
                  progress: Progress | None = None, **layout) -> list[Written]:
        """Write the Keeling schedule as PDF to ``path`` and its HTML to ``html`` (either may be
        ``None``), the comparison behind it made once for both; options as :meth:`render`'s."""
        return _write_document(*self._keeling(**layout), progress, path, html, force, self._counts())

    def write_docx(self, path: str | None, *, html: str | None = None, force: bool = False,
                   **layout) -> list[Written]:
        """Write the Keeling schedule as a Word file with tracked changes to ``path`` (accepting
        them all gives the amended Act, rejecting them the Act as it stood) and the HTML viewer
        to ``html``; options as :meth:`write_pdf`'s."""
        return _write_document(*self._keeling(**layout), None, path, html, force, self._counts(), "docx")

    def _keeling(self, full: bool = False, title: str | None = None, paper: str = "a4",
                 template_dir: str | None = None, pdf_variant: str = DEFAULT_VARIANT,
                 date: str | None = None) -> tuple[DiffResult, PdfOptions]:
        """The comparison behind the Keeling schedule, and the options that make it one."""
        options = PdfOptions(changes_only=not full, date=date or datetime.date.today().isoformat(), paper=paper,
                             title=title, template_dir=template_dir, pdf_variant=pdf_variant)
        return keeling_options(self.target, self.amending, self.applied, self.found, options)


def amend(target: DocumentLike, amending: DocumentLike, *, target_title: str | None = None, fmt: str = "auto",
          limits: Limits = Limits(), sources: SourceOptions | None = None, check_xml: bool = False) -> Amendment:
    """Apply the amendments ``amending`` makes to ``target`` (``lawdiff amend``). Instructions that
    cannot be applied (their provision or words are missing, or the words occur more than once
    and the instruction does not say which) are conflicts, naming both provisions; the rest are
    applied. ``amending`` may also be the :class:`EffectsReport` of :func:`effects`. With
    ``check_xml``, a target lawdiff cannot write back as XML is refused before any work.

        >>> done = amend("example:surveillance-act", "example:surveillance-act-amending")
        >>> done.document.find("s. 1(1)").text[-20:], len(done.conflicts)
        (' of up to 12 months.', 0)
        >>> done.render("pdf", date="2026-01-01").pages
        3
    """
    target_doc = load(target, fmt, limits, sources)
    if check_xml:
        check_writable(target_doc.meta.format)
    if isinstance(amending, EffectsReport):
        amending_doc, found = amending.amending, amending.found
    else:
        amending_doc = load(amending, fmt, limits, sources)
        found = extract(amending_doc, target_doc, target_title)
    return Amendment(target_doc, amending_doc, found, apply_effects(target_doc, found))


__all__ = ["CHOICES", "DEFAULTS", "Limits", "SourceOptions", "check_replaceable", "examples", "use_colour", "Amendment", "Catalog", "Comparison", "DocumentLike", "EffectsReport", "Glossary", "Indexed", "Parsed",
           "SearchResults", "Shown", "Store", "TopicList", "TopicReport", "Written", "amend", "catalog", "define", "diff",
           "effects", "format_for_path", "glossary", "index", "load", "render", "search", "show", "taxonomy",
           "topics", "unplaced_warning"]
