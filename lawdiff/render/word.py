"""Comparisons and Keeling schedules as Word documents with tracked changes.

:func:`render_docx` writes what the PDF shows (the same cover, summary and provisions) as a
.docx whose changes are Word's own revisions: each deleted run a ``w:del`` and each inserted
run a ``w:ins``, by the author "lawdiff" on the generation date; a provision added or removed
whole has its paragraph marks tracked as well. So Word's Review > Accept All gives the new
text and Reject All the old. A moved provision is deleted where it stood and inserted where it
stands (:func:`lawdiff.compare.result.unmoved`), so that holds for moves too, and a
renumbered one has its old number deleted and its new one inserted.

Parts, sections and provisions with a heading of their own are Word headings (Heading 2 and
below: Heading 1 is the document's own sections), so the navigation pane lists them.
Reviewers' notes, legislation.gov.uk's commentary and a Keeling schedule's sources are
footnotes, as is what happened to a moved or renumbered provision.

python-docx builds the document (styles, tables, page, header and footer, properties); the
revision marks and footnotes, which it does not model, are WordprocessingML made with its
oxml helpers. The zip is written with fixed timestamps: same inputs and date, same bytes.

    >>> import io, zipfile, lawdiff
    >>> from lawdiff.compare import diff
    >>> data = render_docx(diff(lawdiff.load("example:surveillance-act"),
    ...                         lawdiff.load("example:surveillance-act-amended")), PdfOptions(date="2026-12-01"))
    >>> body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    >>> '<w:del w:id=' in body and 'w:author="lawdiff" w:date="2026-12-01T00:00:00Z"' in body
    True
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from dataclasses import replace

from ..compare.result import DiffResult, unmoved
from ..compare.textdiff import DELETE, EQUAL, INSERT, WordOp
from ..errors import LawdiffError
from ..version import __version__
from .bodyrows import BodyRow, body_rows
from .diffjson import document_ref
from .diffterm import summary_line
from .diffview import ANCESTOR
from .notes import attach
from .pdf import PdfOptions, comparison_title

AUTHOR = "lawdiff"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_NOTED = ("moved", "renumbered", "split", "merged")  # kinds whose footnote says what happened
_PAPERS = {"a4": (210, 297), "letter": (215.9, 279.4)}  # millimetres


def render_docx(result: DiffResult, options: PdfOptions = PdfOptions()) -> bytes:
    """The comparison (or, with a Keeling schedule's options, the schedule) as .docx bytes."""
    import docx  # python-docx: imported here, so that ``import lawdiff`` stays quick

    date = options.date or _dt.date.today().isoformat()
    try:
        day = _dt.date.fromisoformat(date)
    except ValueError:
        raise LawdiffError(f"--date {date!r} is not a date such as 2026-11-29") from None
    notes = attach(list(options.notes), result.old, result.new, options.notes_source, options.lenient_notes)
    title = options.title or comparison_title(result.old, result.new)
    document = docx.Document()
    writer = _Writer(document, f"{date}T00:00:00Z")
    _page(document, options.paper, title)
    _cover(document, result, options, title, date)
    _summary(document, result)
    # a move is shown deleted where it stood and inserted where it stands
    shown = replace(result, changes=unmoved(result.changes, result.old))
    body, _ = body_rows(shown, notes, options.tags, "inline", options.changes_only, options.context)
    if body:
        document.add_heading("Text", 1)
        for row in body:
            writer.row(row)
    if options.appendix:
        _instructions(document, options.appendix)
    writer.attach_footnotes()
    _properties(document, title, day, options.keeling)
    buffer = io.BytesIO()
    document.save(buffer)
    return _pinned(buffer.getvalue(), day)


class _Writer:
    """Paragraphs with tracked changes, and the footnotes they refer to."""

    def __init__(self, document, stamp: str) -> None:
        self.document = document
        self.stamp = stamp
        self.ids = 1  # each revision mark has its own id
        self.footnotes: list[str] = []

    def row(self, b: BodyRow) -> None:
        from docx.shared import Cm

        row, change = b.row, b.row.change
        whole = INSERT if change.kind == "added" else DELETE if change.kind == "removed" else EQUAL
        indent = Cm(0.6 * row.depth)
        lines = _paragraphs(row.text(raw=True), whole) if row.role != ANCESTOR else []
        if row.part == "tail":  # words after the children
            for ops, end in lines:
                self.paragraph(ops, end, indent)
            return
        notes = [f"{m.author}: {m.text}" if m.author else m.text for m in b.marks]
        if change.kind in _NOTED:
            notes.insert(0, change.gist()[0].upper() + change.gist()[1:] + ".")
        label = _label(change)
        heading = row.heading(raw=True)
        head = label + ([WordOp(whole, " ")] + heading if heading else [])
        p = change.provision
        if (p.heading or p.level <= 1) and p.kind != "definition":
            para = self.document.add_heading("", min(row.depth + 2, 9))
            self.runs(para, head)
            self.notes(para, notes)
            self.mark(para, whole)
            for ops, end in lines:
                self.paragraph(ops, end, indent)
            return
        # run in, as an Act prints "(1) The Secretary of State may ..."
        first, end = lines[0] if lines else ([], whole)
        para = self.paragraph([], EQUAL, indent, mark=False)
        self.runs(para, head[:len(label)], bold=True)
        self.runs(para, head[len(label):])
        self.notes(para, notes)
        self.runs(para, ([WordOp(whole, " ")] if first else []) + first)
        self.mark(para, end)
        for ops, end in lines[1:]:
            self.paragraph(ops, end, indent)

    def paragraph(self, ops: list[WordOp], end: str, indent, mark: bool = True):
        para = self.document.add_paragraph()
        para.paragraph_format.left_indent = indent
        self.runs(para, ops)
        if mark:
            self.mark(para, end)
        return para

    def runs(self, para, ops: list[WordOp], bold: bool = False) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        for op in ops:
            if not op.text:
                continue
            run = OxmlElement("w:r")
            if bold:
                props = OxmlElement("w:rPr")
                props.append(OxmlElement("w:b"))
                run.append(props)
            text = OxmlElement("w:delText" if op.op == DELETE else "w:t")
            text.set(qn("xml:space"), "preserve")
            text.text = op.text
            run.append(text)
            if op.op == EQUAL:
                para._p.append(run)
                continue
            revision = self.revision("w:del" if op.op == DELETE else "w:ins")
            revision.append(run)
            para._p.append(revision)

    def revision(self, tag: str):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.ids))
        element.set(qn("w:author"), AUTHOR)
        element.set(qn("w:date"), self.stamp)
        self.ids += 1
        return element

    def mark(self, para, op: str) -> None:
        """Track the paragraph's own mark: inserted or deleted with its words, so that rejecting
        (or accepting) every change leaves no empty paragraph where the provision was."""
        from docx.oxml import OxmlElement

        if op == EQUAL:
            return
        props = para._p.get_or_add_pPr()
        run_props = OxmlElement("w:rPr")
        run_props.append(self.revision("w:del" if op == DELETE else "w:ins"))
        props.append(run_props)  # last in w:pPr, as the schema orders it

    def notes(self, para, texts: list[str]) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        for text in texts:
            self.footnotes.append(text)
            run = OxmlElement("w:r")
            props = OxmlElement("w:rPr")
            align = OxmlElement("w:vertAlign")
            align.set(qn("w:val"), "superscript")
            props.append(align)
            run.append(props)
            reference = OxmlElement("w:footnoteReference")
            reference.set(qn("w:id"), str(len(self.footnotes)))
            run.append(reference)
            para._p.append(run)

    def attach_footnotes(self) -> None:
        """The footnotes part (python-docx has none): two separators, then each note in order."""
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from lxml import etree

        if not self.footnotes:
            return
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

        def el(parent, tag: str, **attrs):
            child = etree.SubElement(parent, f"{{{w}}}{tag}")
            for key, value in attrs.items():
                child.set(f"{{{w}}}{key}", value)
            return child

        root = etree.Element(f"{{{w}}}footnotes", nsmap={"w": w})
        for number, kind in (("-1", "separator"), ("0", "continuationSeparator")):
            note = el(root, "footnote", type=kind, id=number)
            el(el(el(note, "p"), "r"), kind)
        for number, text in enumerate(self.footnotes, 1):
            para = el(el(root, "footnote", id=str(number)), "p")
            mark = el(para, "r")
            el(el(mark, "rPr"), "vertAlign", val="superscript")
            el(mark, "footnoteRef")
            run = el(para, "r")
            el(el(run, "rPr"), "sz", val="18")
            words = el(run, "t")
            words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            words.text = " " + text
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)


def _paragraphs(ops: list[WordOp], whole: str) -> list[tuple[list[WordOp], str]]:
    """``ops`` cut at line breaks, each line with what happened to the break that ends it
    (a line break inserted, deleted or kept); the last line ends as the provision does."""
    out: list[list[WordOp]] = [[]]
    ends: list[str] = []
    for op in ops:
        for k, piece in enumerate(op.text.split("\n")):
            if k:
                ends.append(op.op)
                out.append([])
            if piece:
                out[-1].append(WordOp(op.op, piece))
    ends.append(whole)
    kept: list[tuple[list[WordOp], str]] = []
    for line, end in zip(out, ends):
        if any(op.text.strip() for op in line):
            kept.append((line, end))
        elif kept:  # an empty line: one paragraph break where there were two, kept where either was
            kept[-1] = (kept[-1][0], _either(kept[-1][1], end))
    return kept


def _either(a: str, b: str) -> str:
    """One paragraph break for two in a row: kept on accepting if either is, and on rejecting."""
    on_accept, on_reject = EQUAL in (a, b) or INSERT in (a, b), EQUAL in (a, b) or DELETE in (a, b)
    return EQUAL if on_accept and on_reject else INSERT if on_accept else DELETE


def _label(change) -> list[WordOp]:
    """The citation, its old number deleted and its new one inserted when it changed."""
    olds, news = " + ".join(change.old_citations), " + ".join(change.new_citations)
    if change.kind == "added" or not olds:
        return [WordOp(INSERT if change.kind == "added" else EQUAL, news)]
    if change.kind == "removed" or not news:
        return [WordOp(DELETE if change.kind == "removed" else EQUAL, olds)]
    if olds != news:
        return [WordOp(DELETE, olds), WordOp(INSERT, news)]
    return [WordOp(EQUAL, news)]


# -- the cover, summary and instructions: as the PDF has them ---------------------------

def _page(document, paper: str, title: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    if paper not in _PAPERS:
        raise LawdiffError(f"unknown paper size {paper!r}: expected {' or '.join(_PAPERS)}")
    section = document.sections[0]
    section.page_width, section.page_height = (Mm(x) for x in _PAPERS[paper])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    section.header.paragraphs[0].text = title
    footer = section.footer.paragraphs[0]
    footer.add_run("page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    field.append(OxmlElement("w:r"))
    field[0].append(OxmlElement("w:t"))
    field[0][0].text = "1"
    footer._p.append(field)


def _table(document, rows: list[list[str]], header: bool = True):
    table = document.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for k, values in enumerate(rows):
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = value
            if header and k == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    return table


def _cover(document, result: DiffResult, options: PdfOptions, title: str, date: str) -> None:
    document.add_paragraph("Keeling schedule" if options.keeling else "Comparison", style="Subtitle")
    document.add_heading(title, 0)
    old, new = document_ref(result.old), document_ref(result.new)
    if options.keeling:
        _table(document, [[label, value] for label, value in options.cover], header=False)
        generated = ("Inserted words and provisions are tracked insertions; omitted ones tracked deletions "
                     "(author lawdiff), each footnoted with the provision that makes it; the instructions are "
                     "listed at the end.")
    else:
        _table(document, [["", "Old", "New"], ["Title", old["title"] or "", new["title"] or ""],
                          ["Version", old["version"] or "", new["version"] or ""],
                          ["Date", result.old.meta.date or "", result.new.meta.date or ""],
                          ["Source", old["uri"] or old["source"] or "", new["uri"] or new["source"] or ""]])
        document.add_paragraph(f"Compared as {result.mode}{f', {result.select} only' if result.select else ''}: "
                               f"{summary_line(result.summary)}")
        generated = "Deleted words are tracked deletions and inserted words tracked insertions (author lawdiff)."
    kinds = list(result.summary.by_kind)
    if kinds:
        document.add_paragraph("Changes per Part", style="Caption")
        _table(document, [["Part", *kinds, "total"]] +
               [[part or "(no Part)", *(str(counts.get(k, 0)) for k in kinds), str(sum(counts.values()))]
                for part, counts in result.summary.by_part.items()] +
               [["Total", *(str(result.summary.by_kind[k]) for k in kinds), str(result.summary.total)]])
    document.add_paragraph(f"Generated {date} by lawdiff {__version__}. {generated} In Word, Review > Accept All "
                           "gives the new text and Reject All the old.")


def _summary(document, result: DiffResult) -> None:
    document.add_heading("Summary of changes", 1)
    changes = result.reported()
    if not changes:
        document.add_paragraph("No differences.")
        return
    _table(document, [["Provision", "Change", "What happened"]] +
           [[c.citation, c.kind, c.gist()] for c in changes])


def _instructions(document, appendix) -> None:
    document.add_heading("Instructions", 1)
    _table(document, [["Instruction", "Provision", "Effect", "Status", "Why"]] +
           [[a["source"], a["affected"], a["what"], a["status"], a["reason"]] for a in appendix])


def _properties(document, title: str, day: _dt.date, keeling: bool) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    when = _dt.datetime(day.year, day.month, day.day)
    props = document.core_properties
    props.title = title
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.subject = "Keeling schedule" if keeling else "Comparison"
    props.keywords = "legislation, " + ("Keeling schedule" if keeling else "comparison")
    props.comments = f"generated by lawdiff {__version__}"
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # python-docx's template carries a picture of an empty page
            del package.rels[rel_id]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:  # the application that wrote the file, for -o
            rel.target_part._blob = APP_XML.encode("utf-8")


APP_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Application>lawdiff</Application><DocSecurity>0</DocSecurity></Properties>")


def _pinned(data: bytes, day: _dt.date) -> bytes:
    """The zip again, every member dated ``day``: zipfile stamps members with the time now."""
    when = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, when)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def is_lawdiff_docx(head: bytes, path: str) -> bool:
    """Whether the .docx at ``path`` (whose first bytes are ``head``) is one lawdiff wrote and
    nobody has saved since: its application is still lawdiff (Word writes its own name)."""
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return b"<Application>lawdiff</Application>" in archive.read("docProps/app.xml")[:4096]
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


__all__ = ["AUTHOR", "MEDIA_TYPE", "render_docx"]
