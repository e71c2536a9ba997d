"""lawdiff compare: annotated PDF comparisons, read back with pypdf."""

from __future__ import annotations

import http.server
import io
import re
import subprocess
import sys
import threading

import pypdf
import pytest

import lawdiff
from lawdiff.compare import diff
from lawdiff.progress import terminal_progress
from lawdiff.render.pdf import PdfOptions, comparison_html, render_pdf, template_fetcher

from conftest import shared, lawdiff_run

OLD, NEW = "example:surveillance-act", "example:surveillance-act-amended"
DATE = "2026-11-29"
NOTES = '''
["s. 1(1)"]
note = "Doubles the longest retention period."
author = "A. Reviewer"

[["Sch. 1 para. 1(2)"]]
note = "Longer terms weaken oversight."
'''


def run(*args: str):
    return lawdiff_run(*args)


def compare(tmp_path, *extra: str, name: str = "briefing.pdf") -> tuple[subprocess.CompletedProcess, pypdf.PdfReader]:
    out = tmp_path / name
    result = run("compare", OLD, NEW, "-o", str(out), "--date", DATE, *extra)
    assert result.returncode == 0, result.stderr
    return result, pypdf.PdfReader(str(out))


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def outline_titles(items) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, list):
            out.extend(outline_titles(item))
        else:
            out.append(item.title)
    return out


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("briefing")
    (tmp / "notes.toml").write_text(NOTES)
    result, reader = compare(tmp, "--notes", str(tmp / "notes.toml"), "--html", str(tmp / "briefing.html"))
    return tmp, result, reader, page_texts(reader)


def test_cover_page(briefing):
    _, result, reader, texts = briefing
    # no progress lines when stderr is not a terminal: only what was written
    assert re.fullmatch(r"wrote \S+briefing\.html: 8 changes\nwrote \S+briefing\.pdf: \d+ pages?, 8 changes\n",
                        result.stderr), result.stderr
    cover = texts[0]
    assert "Communications Oversight (Example) Act 2026" in cover
    assert "enacted" in cover and "2027-06-01" in cover
    assert f"Generated {DATE}" in cover
    assert "8 changes (3 modified, 4 added, 1 moved)" in cover
    assert "Changes per Part" in cover  # the SVG chart's caption; its bars are labelled by Part
    assert "Part 3" in cover


def test_metadata(briefing):
    _, _, reader, _ = briefing
    meta = reader.metadata
    assert meta.title == "Communications Oversight (Example) Act 2026: comparison of versions"
    assert meta.author.startswith("lawdiff") and meta.creator.startswith("lawdiff")
    assert "8 changes" in meta.subject
    assert meta["/CreationDate"].startswith("D:20261129")


def test_summary_table_links_to_the_body(briefing):
    _, _, reader, texts = briefing
    summary_page = next(i for i, t in enumerate(texts) if "Summary of changes" in t)
    summary = texts[summary_page]
    for gist in ("s. 1(1) amended (text)", "s. 1A inserted", "s. 4 moved from Part 2", "Part 3 inserted",
                 "Sch. 1 para. 1(2) amended (text)"):
        assert gist in summary
    links = [a.get_object() for a in reader.pages[summary_page].get("/Annots", [])]
    targets = {str(a["/Dest"]) for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a}
    # one link per change, to its provision (the contents, on the same page, link to Parts and sections)
    html = comparison_html(diff(lawdiff.load(OLD), lawdiff.load(NEW)), PdfOptions(date=DATE))
    table = html[html.index('<table class="changes">'):html.index("</table>", html.index('<table class="changes">'))]
    rows = re.findall(r'<tr><td><a href="#([^"]+)">', table)
    assert len(rows) == 8 and set(rows) <= targets
    assert "sec-1A" in targets  # ids are the provisions' paths, as in the HTML viewer


def test_contents_and_bookmarks(briefing):
    _, _, reader, texts = briefing
    assert any("Contents" in t and "Part 1 Retention of records" in t for t in texts)
    titles = outline_titles(reader.outline)
    assert "Summary of changes" in titles
    for cite in ("Part 1", "s. 1", "s. 1A", "Part 3", "s. 4", "Sch. 1"):
        assert cite in titles


def test_body_marks_changes_and_page_furniture(briefing):
    _, _, reader, texts = briefing
    body = next(i for i, t in enumerate(texts) if "for a period of up to" in t and "Retention notices" in t)
    text = texts[body]
    assert "612 months" in text or "6 12 months" in text  # struck 6, inserted 12
    assert "s. 4 moved from Part 2" in text
    # running head (short title and versions, first citation on the page) and footer
    assert (f"Communications Oversight (Example) Act 2026 (enacted → 2027-06-01) Part 1 "
            f"page {body + 1} of {len(reader.pages)}") in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_notes_and_commentary_are_footnotes(briefing):
    _, _, _, texts = briefing
    everything = " ".join(texts)
    assert "A. Reviewer: Doubles the longest retention period." in everything
    assert "Longer terms weaken oversight." in everything
    assert "Words in s. 1(1) substituted (1.6.2027) by Example (Amendment) Act 2027" in everything


def test_kept_html_is_the_viewer_with_the_pdfs_notes_and_date(briefing):
    """--html writes the comparison as the page to read on screen (tests/test_viewer.py), every
    word kept (as in the PDF), with the reviewers' notes and the generation date."""
    tmp, _, _, _ = briefing
    html = (tmp / "briefing.html").read_text()
    assert '<form class="controls"' in html and f"Generated {DATE} by lawdiff" in html
    assert '<ins><span class="vh">inserted: </span>12</ins>' in html and '<del><span class="vh">deleted: </span>6</del>' in html
    assert "Doubles the longest retention period." in html and "…" not in html.split("<main", 1)[1]


def test_same_inputs_same_bytes(tmp_path):
    compare(tmp_path, name="a.pdf")
    compare(tmp_path, name="b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_side_by_side_letter_changes_only(tmp_path):
    _, reader = compare(tmp_path, "--view", "side-by-side", "--paper", "letter", "--changes-only")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    everything = " ".join(page_texts(reader))
    assert "up to 6 months" in everything and "up to 12 months" in everything  # the two columns
    assert "must not disclose its existence" not in everything  # s. 2(1) is unchanged


def test_context_shows_neighbours(tmp_path):
    _, reader = compare(tmp_path, "--changes-only", "--context", "1")
    everything = " ".join(page_texts(reader))
    assert "commits an offence" in everything  # s. 2(2), next to the added s. 2(3)
    assert "must not disclose its existence" not in everything  # s. 2(1), two away


def test_unknown_note_citation_is_an_error_before_rendering(tmp_path):
    notes = tmp_path / "notes.toml"
    notes.write_text('["s. 99"]\nnote = "No such section."\n')
    out = tmp_path / "briefing.pdf"
    out.write_bytes(b"previous")
    result = run("compare", OLD, NEW, "-o", str(out), "--notes", str(notes), "--force")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and 's. 99' in result.stderr
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.pdf", "notes.toml"]


def test_bad_notes_file(tmp_path):
    notes = tmp_path / "notes.toml"
    notes.write_text('["s. 1(1)"]\ntext = "wrong key"\n')
    result = run("compare", OLD, NEW, "-o", str(tmp_path / "x.pdf"), "--notes", str(notes))
    assert result.returncode == 2 and "needs note" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_template_override_and_nothing_fetched(tmp_path):
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "compare.css").write_text(
        '@page { @bottom-center { content: "HOUSE STYLE " counter(page); } }\n'
        f'body {{ background: url("http://127.0.0.1:{port}/tracker.png"); }}\n'
        'html { background: url("file:///etc/hostname"); }\n')
    try:
        _, reader = compare(tmp_path, "--template", str(templates))
    finally:
        server.shutdown()
    assert "HOUSE STYLE 1" in page_texts(reader)[0]
    assert hits == []


def test_fetcher_serves_only_template_folders(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = template_fetcher(str(tmp_path))
    fetch = getattr(fetcher, "fetch", fetcher)
    body = fetch((tmp_path / "logo.svg").as_uri())
    assert body is not None
    for url in ("http://example.com/x.png", "https://example.com/x.css", "file:///etc/passwd",
                (tmp_path / ".." / "secret").as_uri(), "data:text/plain,hello"):
        with pytest.raises(ValueError):
            fetch(url)


def test_document_text_cannot_inject_markup():
    old = lawdiff.load(OLD)
    new = lawdiff.load(NEW)
    from lawdiff.render.notes import Note

    note = Note("s. 1(1)", '<a href="http://x/">click</a>', author="<b>Eve</b>")
    html = comparison_html(diff(old, new), PdfOptions(date=DATE, title='<img src="http://x/y.png"> & "T"',
                                                      notes=(note,)))
    assert '<img src="http://x/y.png">' not in html and "&lt;img" in html
    assert '<a href="http://x/">' not in html and "&lt;a href=" in html and "&lt;b&gt;Eve" in html


def test_pdf_variant(tmp_path):
    out = tmp_path / "a3b.pdf"
    result = run("compare", OLD, NEW, "-o", str(out), "--date", DATE, "--pdf-variant", "pdf/a-3b")
    assert result.returncode == 0, result.stderr
    xmp = pypdf.PdfReader(str(out)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"pdfaid:conformance" in xmp


def test_exit_code_option(tmp_path):
    assert run("compare", OLD, NEW, "-o", str(tmp_path / "x.pdf"), "--exit-code").returncode == 1
    assert run("compare", OLD, OLD, "-o", str(tmp_path / "y.pdf"), "--exit-code").returncode == 0


def test_progress_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert terminal_progress(io.StringIO()) is None
    stream = Terminal()
    say = terminal_progress(stream)
    old, new = lawdiff.load(OLD), lawdiff.load(NEW)
    render_pdf(diff(old, new), PdfOptions(date=DATE), progress=say)
    shown = stream.getvalue()
    assert "laying out pages" in shown
    # while pages are laid out (the long part), the page count moves
    assert "laying out page 1…" in shown and "laying out page 2…" in shown
    pages = len(pypdf.PdfReader(io.BytesIO(render_pdf(diff(old, new), PdfOptions(date=DATE)))).pages)
    assert f"writing {pages} pages" in shown and shown.endswith("\n")


def test_real_bill_versions(tmp_path):
    old = str(shared("statutes", "us", "hjres-116-37-rh.uslm.xml"))
    new = str(shared("statutes", "us", "hjres-116-37-rfs.uslm.xml"))
    out = tmp_path / "hjres.pdf"
    result = run("compare", old, new, "-o", str(out), "--date", DATE)
    assert result.returncode == 0, result.stderr
    texts = page_texts(pypdf.PdfReader(str(out)))
    everything = " ".join(texts)
    assert "sec. 4 renumbered as sec. 5" in everything and "sec. 1(11) inserted" in everything
    assert "in-flight refueling of, non-United States aircraft" in everything


def test_force_is_needed_to_replace_a_file_lawdiff_did_not_write(tmp_path):
    out = tmp_path / "briefing.pdf"
    out.write_bytes(b"%PDF-1.4 someone else's work")
    refused = run("compare", OLD, NEW, "-o", str(out), "--date", DATE)
    assert refused.returncode == 2 and "use --force" in refused.stderr
    assert out.read_bytes() == b"%PDF-1.4 someone else's work"
    assert run("compare", OLD, NEW, "-o", str(out), "--date", DATE, "--force").returncode == 0
    first = out.read_bytes()
    # an earlier lawdiff output is replaced without --force
    assert run("compare", OLD, OLD, "-o", str(out), "--date", DATE).returncode == 0
    assert out.read_bytes() != first and out.read_bytes().startswith(b"%PDF-")


def test_no_differences_and_changes_only_gives_no_empty_pages(tmp_path):
    """Identical versions with --changes-only: the cover and "No differences." on one page, then
    nothing, not an empty contents page and an empty body."""
    out = tmp_path / "same.pdf"
    result = run("compare", "example:surveillance-act", "example:surveillance-act", "-o", str(out),
                 "--changes-only", "--date", "2026-11-29")
    assert result.returncode == 0, result.stderr
    texts = page_texts(pypdf.PdfReader(str(out)))
    assert len(texts) == 1 and "No differences." in texts[0]


def test_a_broken_user_template_is_a_one_line_error(tmp_path):
    """--template DIR with a template that does not parse, or that uses a name lawdiff does not
    give it: one line (file and line where known), exit status 2, no PDF (it was a traceback)."""
    for body, says in (("{% for x in %}broken", "compare.html.j2:1:1: template error: Expected an expression"),
                       ("{{ nosuchvar }}", "template error: 'nosuchvar' is undefined"),
                       ('{% include "missing.j2" %}', "template missing.j2 not found")):
        folder = tmp_path / f"t{len(body)}"
        folder.mkdir()
        (folder / "compare.html.j2").write_text(body)
        out = tmp_path / "briefing.pdf"
        result = run("compare", OLD, NEW, "-o", str(out), "--date", DATE, "--template", str(folder))
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-300:]
        assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
        assert not out.exists()


def test_footnote_markers_side_by_side_stay_separate_numbers(tmp_path):
    """FSMA 2000 s. 91's commentaries: several notes on one provision read "3,4,6,7", never "3467"."""
    out = tmp_path / "s91.pdf"
    old, new = (str(shared("statutes", "uk", f"ukpga-2000-8-section-91@2024-11-22.{x}.xml")) for x in ("clml", "akn"))
    result = subprocess.run([sys.executable, "-m", "lawdiff", "compare", old, new, "-o", str(out), "--date",
                             "2026-12-01"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    calls = re.search(r"s\. 91\(1A\)([\d,]+)\s", text)
    assert calls, text[:500]
    numbers = calls.group(1).split(",")
    # one number per note, ascending ("3,4,6,7": 5 is a note first met elsewhere)
    assert len(numbers) > 1 and [int(n) for n in numbers] == sorted({int(n) for n in numbers})
