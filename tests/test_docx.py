"""Word output: `compare -o briefing.docx` and `amend -o keeling.docx` write tracked changes
that Word's Accept All turns into the new text and Reject All into the old. The files are read
back by tests/docxread.py (from the standard, not from lawdiff's writer), by python-docx, and
by LibreOffice, which converts them to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

import lawdiff
from lawdiff.model import Document

from conftest import lawdiff_run, shared
from docxread import footnotes, paragraphs, revisions, section
from pdfread import text as pdf_text

DATE = "2026-12-01"
EXAMPLE = ("example:surveillance-act", "example:surveillance-act-amended")
NOTES = '''
["s. 1(1)"]
note = "Doubles the longest retention period."
author = "A. Reviewer"
'''


def words_of(doc: Document) -> list[str]:
    """Every word of ``doc`` in reading order: each provision's citation, heading and words,
    its children, then the words after them (printed after the children when there are words
    before them too, as an Act prints a continuation)."""
    out: list[str] = []

    def visit(p) -> None:
        before, after = p.text_with_quotes("chapeau"), p.text_with_quotes("continuation")
        tail = bool(p.children and p.chapeau and after)
        out.extend(f"{p.citation} {p.heading or ''} {before} {'' if tail else after}".split())
        for child in p.children:
            visit(child)
        if tail:
            out.extend(after.split())

    for top in doc.body + doc.schedules:
        visit(top)
    return out


def text_words(path, accept: bool) -> list[str]:
    return " ".join(p.text for p in section(paragraphs(path, accept), "Text")).split()


PAIRS = [pytest.param(EXAMPLE, id="example-with-a-move"),
         pytest.param(("hr-116-2157-ih.uslm.xml", "hr-116-2157-enr.uslm.xml"), id="hr-116-2157"),
         pytest.param(("hjres-116-37-rh.uslm.xml", "hjres-116-37-rfs.uslm.xml"), id="hjres-116-37")]


@pytest.mark.parametrize("pair", PAIRS)
def test_accepting_every_change_gives_the_new_text_and_rejecting_them_the_old(tmp_path, pair):
    old, new = pair if pair == EXAMPLE else (str(shared("statutes", "us", name)) for name in pair)
    out = tmp_path / "briefing.docx"
    done = lawdiff_run("compare", old, new, "-o", str(out), "--date", DATE)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"wrote {out}: ") and "changes" in done.stderr
    assert text_words(out, accept=True) == words_of(lawdiff.load(new))
    assert text_words(out, accept=False) == words_of(lawdiff.load(old))
    for accept in (True, False):  # a provision added or removed whole leaves no empty paragraph behind
        assert all(p.text.strip() for p in section(paragraphs(out, accept), "Text"))
    marks = revisions(out)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert marks and {(m.get(w + "author"), m.get(w + "date")) for m in marks} == {("lawdiff", f"{DATE}T00:00:00Z")}
    ids = [m.get(w + "id") for m in marks]
    assert len(ids) == len(set(ids))


def test_a_keeling_schedule_accepted_is_the_amended_act_and_rejected_the_act_as_it_stood(tmp_path):
    folder = shared("keeling", "agricultural-holdings-scotland-act-2003")
    act, bill = str(folder / "act.akn.xml"), str(folder / "bill.akn.xml")
    out = tmp_path / "keeling.docx"
    done = lawdiff_run("amend", act, bill, "--full", "-o", str(out), "--date", DATE)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("amendments applied")
    amendment = lawdiff.amend(act, bill)
    assert text_words(out, accept=True) == words_of(amendment.document)
    assert text_words(out, accept=False) == words_of(amendment.target)
    # each change footnoted with the provision that makes it, as legislation.gov.uk annotates
    notes = footnotes(out)
    assert any(n.startswith("Words in s. 9(1A) inserted by") and n.endswith("s. 25(2)(a)") for n in notes), notes[:5]
    paras = paragraphs(out, accept=True)
    assert paras[0].style == "Subtitle" and paras[0].text == "Keeling schedule"
    import docx

    tables = docx.Document(str(out)).tables
    instructions = tables[-1]
    assert [c.text for c in instructions.rows[0].cells] == ["Instruction", "Provision", "Effect", "Status", "Why"]
    assert len(instructions.rows) - 1 == len(amendment.outcomes) + len(amendment.unparsed)


def test_cover_summary_headings_and_footnotes(tmp_path):
    import docx

    (tmp_path / "notes.toml").write_text(NOTES)
    out = tmp_path / "briefing.docx"
    done = lawdiff_run("compare", *EXAMPLE, "-o", str(out), "--date", DATE, "--notes", str(tmp_path / "notes.toml"))
    assert done.returncode == 0, done.stderr
    comparison = lawdiff.diff(*EXAMPLE)
    document = docx.Document(str(out))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    # the PDF's cover: kind, title, documents, counts, generation date
    assert texts[0] == ("Subtitle", "Comparison")
    assert texts[1] == ("Title", "Communications Oversight (Example) Act 2026: comparison of versions")
    assert ("Normal", "Compared as versions: 8 changes (3 modified, 4 added, 1 moved).") in texts
    assert any(t.startswith(f"Generated {DATE} by lawdiff") for _, t in texts)
    cover, per_part, summary = document.tables[:3]
    assert [c.text for c in cover.rows[2].cells] == ["Version", "enacted", "2027-06-01"]
    assert [c.text for c in per_part.rows[-1].cells] == ["Total", "3", "4", "1", "8"]
    # its summary: one row per change, saying what happened
    assert [[c.text for c in row.cells] for row in summary.rows[1:]] == \
        [[c.citation, c.kind, c.gist()] for c in comparison.reported]
    # provisions with headings are Word headings by depth: Parts, then sections
    headings = [(s, t) for s, t in texts if s.startswith("Heading")]
    assert ("Heading 1", "Summary of changes") in headings and ("Heading 1", "Text") in headings
    assert ("Heading 2", "Part 1 Retention of records") in headings
    assert ("Heading 3", "s. 1 Retention notices") in headings
    # notes are footnotes, at their provision; what moved says so in one
    notes = footnotes(out)
    assert "A. Reviewer: Doubles the longest retention period." in notes
    assert "S. 4 moved from Part 2." in notes
    body = zipfile.ZipFile(out).read("word/document.xml").decode()
    text = body[body.index(">Text<"):]
    s11 = text[text.index(">s. 1(1)<"):]
    number = notes.index("A. Reviewer: Doubles the longest retention period.") + 1
    assert s11.index(f'w:footnoteReference w:id="{number}"') < s11.index("s. 1(2)")


def test_libreoffice_opens_it_and_prints_its_words(tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        pytest.skip("LibreOffice is not installed: apt-get install libreoffice-writer-nogui")
    out = tmp_path / "briefing.docx"
    assert lawdiff_run("compare", *EXAMPLE, "-o", str(out), "--date", DATE).returncode == 0
    keeling = tmp_path / "keeling.docx"
    assert lawdiff_run("amend", "example:surveillance-act", "example:surveillance-act-amending", "-o", str(keeling),
                       "--date", DATE).returncode == 0
    done = subprocess.run([office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(out), str(keeling)],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    text = " ".join(pdf_text(tmp_path / "briefing.pdf").split())
    for words in ("Communications Oversight (Example) Act 2026: comparison of versions", "Summary of changes",
                  "s. 1 Retention notices", "s. 1A Review of retention notices", "Compared as versions: 8 changes",
                  "a Judicial Commissioner has approved"):
        assert words in text, words
    # a tracked change shows both words until it is accepted or rejected
    assert "up to 612 months" in text or "up to 6 12 months" in text
    keeling_text = " ".join(pdf_text(tmp_path / "keeling.pdf").split())
    assert "Keeling schedule" in keeling_text and "Instructions" in keeling_text
    # and LibreOffice takes them as tracked changes, not as words: saved as OpenDocument, they
    # are its own change regions, insertions and deletions by lawdiff on the date given
    saved = subprocess.run([office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                            "--convert-to", "odt", "--outdir", str(tmp_path / "odt"), str(out)],
                           capture_output=True, text=True, timeout=240)
    assert saved.returncode == 0, saved.stderr
    content = zipfile.ZipFile(tmp_path / "odt" / "briefing.odt").read("content.xml").decode()
    assert content.count("<text:changed-region") >= 8
    assert set(re.findall(r"<dc:creator>([^<]*)<", content)) == {"lawdiff"}
    assert set(re.findall(r"<dc:date>([^<]*)<", content)) == {DATE}
    assert "<text:insertion" in content and "<text:deletion" in content


def test_same_inputs_same_bytes_and_the_date_is_the_one_given(tmp_path):
    a, b, c = (tmp_path / f"{name}.docx" for name in "abc")
    for out, date in ((a, DATE), (b, DATE), (c, "2027-01-15")):
        assert lawdiff_run("compare", *EXAMPLE, "-o", str(out), "--date", date).returncode == 0
    assert a.read_bytes() == b.read_bytes() and a.read_bytes() != c.read_bytes()
    assert 'w:date="2027-01-15T00:00:00Z"' in zipfile.ZipFile(c).read("word/document.xml").decode()
    assert {i.date_time for i in zipfile.ZipFile(c).infolist()} == {(2027, 1, 15, 0, 0, 0)}


def test_a_word_file_someone_saved_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "briefing.docx"
    assert lawdiff_run("compare", *EXAMPLE, "-o", str(out), "--date", DATE).returncode == 0
    assert lawdiff_run("compare", *EXAMPLE, "-o", str(out), "--date", DATE).returncode == 0  # lawdiff's own: replaced
    # as Word saves it: its own name as the application
    saved = tmp_path / "saved.docx"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(saved, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                data = data.replace(b"<Application>lawdiff</Application>", b"<Application>Microsoft Office Word</Application>")
            target.writestr(info, data)
    saved.replace(out)
    before = out.read_bytes()
    refused = lawdiff_run("compare", *EXAMPLE, "-o", str(out), "--date", DATE)
    assert refused.returncode == 2 and "was not written by lawdiff" in refused.stderr and out.read_bytes() == before
    assert lawdiff_run("compare", *EXAMPLE, "-o", str(out), "--date", DATE, "--force").returncode == 0


def test_the_api_gives_the_same_file(tmp_path):
    comparison = lawdiff.diff(*EXAMPLE)
    out = tmp_path / "briefing.docx"
    assert lawdiff_run("compare", *EXAMPLE, "-o", str(out), "--date", DATE).returncode == 0
    assert comparison.render("docx", date=DATE) == out.read_bytes()
    written = comparison.render("docx", str(tmp_path / "api.docx"), date=DATE)
    assert str(written) == f"wrote {tmp_path / 'api.docx'}: 8 changes"
    amendment = lawdiff.amend("example:surveillance-act", "example:surveillance-act-amending")
    assert amendment.render("docx", date=DATE)[:4] == b"PK\x03\x04"
