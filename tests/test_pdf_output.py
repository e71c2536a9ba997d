"""Briefing-grade PDFs, read back as a reader, a screen reader and a printer would.

Every test here makes a real PDF with the command a user types and reads it with
poppler (text, structure tree, word boxes, pages rasterised in greyscale) or pikepdf.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import pytest

import lawdiff

from conftest import shared, lawdiff_run
from pdfread import catalogue, grey_page, headings, need_poppler, pages, text, words

pytestmark = need_poppler

OLD, NEW = "example:surveillance-act", "example:surveillance-act-amended"
DATE = "2026-12-01"
S91 = "ukpga-2000-8-section-91@2024-11-22"


def lawdiff_cli(*args: str) -> None:
    result = lawdiff_run(*args)
    assert result.returncode in (0, 1), result.stderr[-500:]


def compare(tmp_path, old=OLD, new=NEW, *extra: str, name="briefing.pdf"):
    out = tmp_path / name
    lawdiff_cli("compare", str(old), str(new), "-o", str(out), "--date", DATE, *extra)
    return out


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    return compare(tmp_path_factory.mktemp("briefing"))


@pytest.fixture(scope="module")
def s91(tmp_path_factory):
    old, new = (shared("statutes", "uk", f"{S91}.{x}.xml") for x in ("clml", "akn"))
    return old, compare(tmp_path_factory.mktemp("s91"), old, new)


def flat(s: str) -> str:
    return " ".join(s.split())


# -- 2. notes --------------------------------------------------------------------------

def test_a_commentary_on_many_provisions_is_printed_once_and_markers_stay_apart(s91):
    """FSMA 2000 s. 91: its commentaries apply to many subsections each. Each is printed once,
    and referred to by the same number from every provision it applies to; markers side by
    side are separate numbers ("3,4,6,7"), never run together."""
    source, pdf = s91
    import pypdf

    reader_text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
    calls = re.search(r"s\. 91\(1A\)([\d,]+)\s", reader_text)
    assert calls, reader_text[:400]
    numbers = [int(n) for n in calls.group(1).split(",")]
    assert len(numbers) > 1 and numbers == sorted(set(numbers))
    commentaries = {flat(t) for _, t in lawdiff.load(str(source)).commentaries}
    per_page = [flat(p) for p in pages(pdf)]
    printed = Counter()
    for page in per_page:
        for note in commentaries:
            n = page.count(note)
            assert n <= 1, f"printed {n} times on one page: {note}"
            printed[note] += n
    assert printed and max(printed.values()) == 1, printed.most_common(3)
    # the same commentary is referred to from several provisions: more markers than footnotes
    markers = re.findall(r"(?m)^\s*(?:[~+>-] )?s\. 91\([^)]*\)(?:\([^)]*\))*([\d,]+)", text(pdf, "-layout"))
    assert sum(len(m.split(",")) for m in markers) > len(printed)


# -- 3. accessible by default ----------------------------------------------------------

def test_a_comparison_is_tagged_pdf_ua_by_default(briefing):
    info = catalogue(briefing)
    assert info["tagged"] and info["marked"] and info["lang"] == "en"
    meta = subprocess.run(["pdfinfo", "-meta", str(briefing)], capture_output=True, text=True, check=True).stdout
    assert re.search(r'pdfuaid:part(="1"|>1<)', meta), meta


def test_the_chart_has_alternative_text_stating_its_figures(briefing):
    alts = catalogue(briefing)["figures"]
    assert alts == ["Changes per Part: Part 1, 4 (2 modified, 2 added); Part 3, 3 (2 added, 1 moved); "
                    "Sch. 1, 1 (1 modified)."]


def test_provisions_are_headings_by_level_in_reading_order(briefing):
    found = headings(briefing)
    assert found[0] == (1, "Communications Oversight (Example) Act 2026: comparison of versions")
    assert (2, "Summary of changes") in found and (2, "Contents") in found
    body = found[found.index((2, "Contents")) + 1:]
    expected = [(2, "Part 1 Retention of records"), (3, "s. 1 Retention notices"), (4, "~ s. 1(1) modified"),
                (4, "s. 1(2)"), (5, "s. 1(2)(a)"), (5, "~ s. 1(2)(b) modified"), (3, "+ s. 1A Review of retention"),
                (4, "+ s. 1A(1) added"), (4, "+ s. 1A(2) added"), (3, "s. 2 Duty not to disclose")]
    assert [(level, t[:len(start)]) for (level, t), (_, start) in zip(body, expected)] == expected
    assert body[-4:] == [(2, "Sch. 1 Commissioners"), (3, "Sch. 1 para. 1"), (4, "Sch. 1 para. 1(1)"),
                         (4, "~ Sch. 1 para. 1(2) modified 4")]
    # never a level skipped going down, so the outline nests as the Act does
    assert all(b <= a + 1 for (a, _), (b, _) in zip(body, body[1:]))
    # the tree's order is the page's order
    page = flat(text(briefing))
    at = 0
    for _, heading in body:
        cite = re.sub(r"^[~+>-] ", "", heading).split(" ")[:2]
        at = page.index(" ".join(cite), at)


def test_deletions_and_insertions_read_without_colour_or_sight(briefing):
    """Extracted text (what a screen reader is given) says what was deleted and inserted."""
    body = flat(text(briefing))
    assert "for a period of up to [deleted: 6] [inserted: 12] months." in body
    assert "a [inserted: Judicial] Commissioner" in body
    assert "holds office for a term of [deleted: 3] [inserted: 5] years." in body


def test_pdf_variant_none_is_untagged_and_the_words_are_bare(tmp_path):
    out = compare(tmp_path, OLD, NEW, "--pdf-variant", "none")
    assert not catalogue(out)["tagged"]
    assert "for a period of up to 6 12 months." in flat(text(out))


# -- 4. print ----------------------------------------------------------------------------

def _word(path, page, pattern):
    return next(w for w in words(path, page) if re.fullmatch(pattern, w.text))


def _dark_rows(grey, x0, x1, y0, y1, threshold=110):
    """For each pixel row from y0 to y1, the share of the columns x0..x1 that are dark."""
    return {y: sum(grey.at(x, y) < threshold for x in range(x0, x1)) / max(1, x1 - x0) for y in range(y0, y1)}


def _body_page(path) -> int:
    return next(i for i, t in enumerate(pages(path), 1) if "for a period of up to" in t)


def test_in_greyscale_a_struck_6_and_an_inserted_12_are_apart_and_marked(briefing):
    page = _body_page(briefing)
    grey = grey_page(briefing, page)
    six, twelve = _word(briefing, page, r"\[deleted: 6\]"), _word(briefing, page, r"\[inserted: 12\]")
    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = grey.box(six), grey.box(twelve)
    middle = range(ay0 + (ay1 - ay0) * 4 // 10, ay0 + (ay1 - ay0) * 7 // 10)
    # the 6 is struck: a dark bar through its middle, the whole width of the word
    rows = _dark_rows(grey, ax0, ax1, ay0, ay1)
    assert any(rows[y] > 0.95 for y in middle), rows
    # the 12 is not struck but underlined: a dark rule at its foot, the whole width of the word
    rows = _dark_rows(grey, bx0, bx1, by0, by1 + int(3 * grey.scale))
    assert not any(rows[y] > 0.95 for y in middle)
    assert any(rows[y] > 0.95 for y in range(by1 - int(grey.scale), by1 + int(3 * grey.scale))), rows
    # and the two are apart: light columns between them, at least 2 pt of them
    light = [x for x in range(ax1, bx0) if all(grey.at(x, y) > 160 for y in range(ay0, ay1))]
    assert len(light) >= 2 * grey.scale, (ax1, bx0, light)


def test_in_greyscale_a_struck_comma_is_still_seen(tmp_path):
    """A deleted comma gets the same bar as a deleted word, across the padded comma: wider than
    the comma itself and above it, where a comma has no ink."""
    example = lawdiff.__file__.replace("__init__.py", "examples/surveillance-act.clml.xml")
    data = open(example, encoding="utf-8").read()
    assert "necessary and proportionate, and" in data
    old, new = tmp_path / "old.xml", tmp_path / "new.xml"
    old.write_text(data, encoding="utf-8")
    new.write_text(data.replace("necessary and proportionate, and", "necessary and proportionate and"),
                   encoding="utf-8")
    out = compare(tmp_path, old, new)
    page = _body_page(out)
    comma = _word(out, page, r".*\[deleted: ,\].*")
    grey = grey_page(out, page)
    # the box pdftotext gives is the whole word "proportionate[deleted: ,]": the comma is its end
    x1, y0, y1 = grey.box(comma)[2], grey.box(comma)[1], grey.box(comma)[3]
    wide = int(3 * grey.scale)  # the comma and its padding are over 3 pt wide
    rows = _dark_rows(grey, x1 - wide, x1, y0, y1)
    middle = range(y0 + (y1 - y0) * 4 // 10, y0 + (y1 - y0) * 7 // 10)
    assert any(rows[y] > 0.9 for y in middle), rows


def test_a_change_bar_stands_in_the_margin_beside_every_changed_provision(briefing):
    page = _body_page(briefing)
    grey = grey_page(briefing, page)
    lines: dict[float, list] = {}
    for w in words(briefing, page):
        lines.setdefault(round(w.y0), []).append(w)
    changed = unchanged = 0
    for y, ws in lines.items():
        line = " ".join(w.text for w in sorted(ws, key=lambda w: w.x0))
        head = re.match(r"(?:([~+>-]) )?(s\.|Part|Sch\.) ", line)
        if not head or ws[0].x0 < 60:  # not a provision's heading line, or the running head
            continue
        y_mid = int((ws[0].y0 + ws[0].y1) / 2 * grey.scale)
        bar = any(grey.at(x, y_mid) < 110 for x in range(int(20 * grey.scale), int(49 * grey.scale)))
        assert bar == bool(head.group(1)), line
        changed += bool(head.group(1))
        unchanged += not head.group(1)
    assert changed >= 5 and unchanged >= 5


def test_side_by_side_pages_have_old_and_new_heads(tmp_path):
    old, new = (shared("statutes", "uk", f"{S91}.{x}.xml") for x in ("clml", "akn"))
    out = compare(tmp_path, old, new, "--view", "side-by-side")
    texts = pages(out)
    body = [t for t in texts if "s. 91" in t and "Summary of changes" not in t and "Contents" not in t]
    assert len(body) >= 2
    for t in body:
        first = next(line for line in t.splitlines() if line.strip())
        assert re.search(r"Old \(2024-11-22\)\s+New \(2024-11-22\)", first), first


def test_few_changes_front_matter_fits_one_page(briefing):
    texts = pages(briefing)
    assert "OMPARISON" in texts[0] and "Summary of changes" in texts[0] and "Contents" in texts[0]
    assert "Sch. 1 para. 1" in texts[0]  # the last entry of the contents
    assert "Retention of records" in texts[1] and "The Secretary of State may by notice" in texts[1]


# -- 1 and 6: Keeling schedules from the real bills ------------------------------------

KEELING_ACTS = {"bankruptcy-scotland-act-2016": ("Bankruptcy (Scotland) Act 2016", "Bankruptcy and Diligence"),
                "agricultural-holdings-scotland-act-2003": ("Agricultural Holdings (Scotland) Act 2003", ""),
                "employment-rights-act-1996": ("Employment Rights Act 1996", "Employment Rights Bill")}


@pytest.mark.parametrize("pair", sorted(KEELING_ACTS))
def test_a_keeling_schedule_reads_as_one(tmp_path, pair):
    folder = shared("keeling", pair)
    act, bill = KEELING_ACTS[pair]
    out = tmp_path / "keeling.pdf"
    lawdiff_cli("amend", str(folder / "act.akn.xml"), str(folder / "bill.akn.xml"), "-o", str(out), "--date", DATE)
    texts = pages(out)
    assert "EELING SCHEDULE" in texts[0]
    assert act in texts[0] and "Generated 2026-12-01" in texts[0]
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    title = re.search(r"Title:\s+(.*)", info).group(1)
    assert title.startswith(f"{act} as amended by {bill}"), title
    subject = re.search(r"Subject:\s+(.*)", info).group(1)
    assert subject.startswith("Keeling schedule:") and "ML Keeling Schedule test data" not in subject
    body = flat(" ".join(texts))
    assert "[inserted:" in body
    assert re.search(r"(Words in )?s\. \d+[A-Z]*(\(\w+\))*( heading)? (inserted|substituted|omitted|amended) by "
                     + re.escape(bill), body)
    found = headings(out)
    assert found[0][0] == 1 and (2, "Instructions") in found
    assert all(b <= a + 1 for (a, _), (b, _) in zip(found, found[1:]))
    info = catalogue(out)
    assert info["tagged"] and info["lang"] == "en"
    # a change bar beside the first changed provision of the body
    page = next(i for i, t in enumerate(texts, 1) if "[inserted:" in text(out, first=i, last=i)
                and "Summary of changes" not in t)
    grey = grey_page(out, page, dpi=100)
    assert any(grey.at(x, y) < 110 for y in range(grey.height) for x in range(int(20 * grey.scale),
                                                                                int(49 * grey.scale)))


@pytest.mark.parametrize("name", ["uksi-2025-3@made", "ukla-2017-1@enacted"])
def test_real_documents_compared_give_a_tagged_outlined_pdf(tmp_path, name):
    """The same UK document as legislation.gov.uk serves it in CLML and in Akoma Ntoso."""
    old, new = (shared("statutes", "uk", f"{name}.{x}.xml") for x in ("clml", "akn"))
    out = compare(tmp_path, old, new)
    info = catalogue(out)
    assert info["tagged"] and info["marked"] and info["lang"] == "en" and all(info["figures"])
    found = headings(out)
    body = found[found.index((2, "Summary of changes")) + 1:]
    assert len(body) > 5 and all(b <= a + 1 for (a, _), (b, _) in zip(body, body[1:]))
    import pypdf

    outline = pypdf.PdfReader(str(out)).outline
    assert len(outline) >= 2
    page = flat(text(out))
    at = 0
    for _, heading in body[-20:]:  # the tree's order is the page's order
        words_of = heading.split()[:3]
        at = page.index(" ".join(words_of), at)
