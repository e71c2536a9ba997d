"""The HTML viewer (``diff --format html``, ``compare --html``, ``amend --html``) read as markup:
what links where, what is labelled, what the page may fetch. tests/test_viewer_browser.py
drives the same pages in Chromium."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from lxml import html as lxml_html

import lawdiff
from lawdiff.compare.result import KINDS
from lawdiff.render.diffview import Row

from conftest import lawdiff_run, shared

EXAMPLE = ("example:surveillance-act", "example:surveillance-act-amended")


def hr_pair():
    us = shared("statutes", "us")
    return str(us / "hr-116-2157-ih.uslm.xml"), str(us / "hr-116-2157-enr.uslm.xml")


@pytest.fixture(scope="module")
def hr():
    comparison = lawdiff.diff(*hr_pair())
    page = comparison.render("html")
    return comparison, page, lxml_html.fromstring(page)


def anchor_of(change) -> str:
    return change.new.path if change.new is not None else "old/" + change.old.path


def visible_text(el) -> str:
    """The words as shown: without the words only a screen reader hears."""
    copy = lxml_html.fromstring(lxml_html.tostring(el))
    for hidden in copy.xpath(".//*[contains(concat(' ', @class, ' '), ' vh ')]"):
        hidden.drop_tree()
    return " ".join(copy.text_content().split())


def test_the_page_fetches_nothing_and_runs_only_its_own_script(hr):
    _, page, tree = hr
    assert not tree.xpath("//*[@src]") and tree.xpath("//link/@href") == ["data:,"]
    css = "".join(tree.xpath("//style/text()"))
    assert "url(" not in css and "@import" not in css
    assert not [s for s in tree.xpath("//@style") if "url(" in s]
    scripts = tree.xpath("//script")
    assert len(scripts) == 1 and not scripts[0].get("src")
    policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in policy and "form-action 'none'" in policy
    # the one script allowed is this one, by its hash: any other would not run
    body = page.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy


def test_the_list_of_changes_has_one_entry_per_change_linking_to_it_in_document_order(hr):
    comparison, _, tree = hr
    entries = tree.xpath("//ol[@class='changes']/li")
    reported = comparison.reported
    assert len(entries) == comparison.summary.total == len(reported) == 82
    targets = [a.get("href")[1:] for e in entries for a in e.xpath("a")]
    body = tree.xpath("//main//*[@data-change]")
    assert targets == [el.get("id") for el in body] == [anchor_of(c) for c in reported]
    assert [int(el.get("data-change")) for el in body] == list(range(1, 83))
    for entry, change in zip(entries, reported):
        assert entry.get("data-kind") == change.kind
        label = Row(0, change, "change").label  # "sec. 103 → sec. 102" when renumbered
        assert visible_text(entry).startswith(f"{label} {change.kind}")
    # the first changed words: sec. 101's first change strikes "other amounts"
    sec101 = entries[[anchor_of(c) for c in reported].index("sec-101")]
    assert sec101.xpath(".//del")[0].text_content().endswith("other amounts")


def test_permalinks_are_the_provisions_paths(hr):
    comparison, _, tree = hr
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    for change in comparison.reported:
        el = tree.get_element_by_id(anchor_of(change))
        assert el.get("data-kind") == change.kind
        assert el.xpath(".//a[@class='permalink']/@href")[0] == "#" + anchor_of(change)
    assert tree.get_element_by_id("sec-101") is not None  # "#sec-101" reaches sec. 101
    removed = [c for c in comparison.reported if c.kind == "removed"]
    assert removed and all(tree.get_element_by_id("old/" + c.old.path) is not None for c in removed)


def test_contents_by_part_and_the_summary_link_into_the_body(hr):
    comparison, _, tree = hr
    contents = tree.xpath("//ul[@class='contents']/li")
    top = [r for r in tree.xpath("//main//div[contains(@class, ' d0 ') and @id]")]
    assert [li.xpath("a/@href")[0][1:] for li in contents] == [r.get("id") for r in top]
    counts = [int(m.group(1)) for li in contents for m in [re.search(r"(\d+) changes?", li.text_content())] if m]
    assert sum(counts) == comparison.summary.total
    rows = tree.xpath("//table[@class='summary']/tbody/tr")
    assert [r.xpath("th")[0].text_content() for r in rows] == list(comparison.summary.by_part)
    by_anchor = {anchor_of(c): c for c in comparison.reported}
    for row in rows:
        part = row.xpath("th")[0].text_content()
        target = row.xpath("th/a/@href")[0][1:]
        # the Part's first change
        assert target == next(anchor_of(c) for c in comparison.reported if c.part == part)
        assert by_anchor[target].part == part


def test_landmarks_headings_and_words_a_screen_reader_hears(hr):
    _, page, tree = hr
    assert len(tree.xpath("//h1")) == 1 and tree.xpath("//header") and tree.xpath("//footer")
    assert tree.xpath("//main/@id") == ["text"] and tree.xpath("//a[@class='skip']/@href") == ["#text"]
    navs = tree.xpath("//nav")
    assert len(navs) == 2
    for nav in navs:  # each navigation is named by its heading
        assert tree.get_element_by_id(nav.get("aria-labelledby")).tag == "h2"
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert max(levels) >= 4  # titles, then their sections, below the page's own sections
    marks = tree.xpath("//del | //ins")
    assert len(marks) > 100
    for mark in marks:
        hidden = mark.xpath("span[@class='vh']")
        assert hidden and hidden[0].text == ("deleted: " if mark.tag == "del" else "inserted: ")
    css = "".join(tree.xpath("//style/text()"))
    assert re.search(r":focus-visible[^{]*\{[^}]*outline: 3px solid", css)
    print_rules = css[css.index("@media print"):]
    assert "form.controls" in print_rules.split("}")[0] and "display: none" in print_rules.split("}")[0]


def test_the_side_by_side_columns_hold_the_old_and_the_new_words(hr):
    comparison, _, tree = hr
    rows = tree.xpath("//main//div[contains(concat(' ', @class, ' '), ' cols ')]")
    assert len(rows) >= comparison.summary.by_kind["modified"]
    for row in rows:
        inline = row.xpath("div[@class='inline']")[0]
        old, new = (row.xpath(f"div[@class='columns']/div[@class='{side}']")[0] for side in ("old", "new"))
        assert not old.xpath(".//ins") and not new.xpath(".//del")
        assert [d.text_content() for d in inline.xpath(".//del")] == [d.text_content() for d in old.xpath(".//del")]
        assert [i.text_content() for i in inline.xpath(".//ins")] == [i.text_content() for i in new.xpath(".//ins")]
    # unchanged provisions are set once, across both columns
    unchanged = tree.xpath("//main//div[contains(concat(' ', @class, ' '), ' unchanged ') and @id]")
    assert unchanged and not any(r.xpath("div[@class='columns']") for r in unchanged)


def test_filters_offer_the_kinds_and_topics_there_are():
    comparison = lawdiff.diff(*EXAMPLE)
    tree = lxml_html.fromstring(comparison.render("html"))
    kinds = tree.xpath("//input[@name='kind']/@value")
    assert kinds == [k for k in KINDS if comparison.summary.by_kind.get(k)] and "moved" in kinds
    topics = tree.xpath("//select[@name='topic']/option/@value")[1:]
    entries = tree.xpath("//ol[@class='changes']/li")
    listed = {t for e in entries for t in e.get("data-topics").split("|") if t}
    assert topics and set(topics) == listed
    assert "Communications data" in topics


def test_the_page_opens_in_the_view_asked_for_and_keeps_every_word_for_compare(tmp_path):
    page = tmp_path / "briefing.html"
    done = lawdiff_run("compare", *EXAMPLE, "--view", "side-by-side", "-o", str(tmp_path / "b.pdf"),
                       "--html", str(page), "--date", "2026-12-01")
    assert done.returncode == 0, done.stderr
    tree = lxml_html.fromstring(page.read_text())
    assert "view-side-by-side" in tree.xpath("//body/@class")[0]
    assert tree.xpath("//input[@name='view' and @checked]/@value") == ["side-by-side"]
    assert "…" not in tree.xpath("//main")[0].text_content()


def test_a_keeling_schedule_gets_the_same_viewer(tmp_path):
    page = tmp_path / "keeling.html"
    done = lawdiff_run("amend", "example:surveillance-act", "example:surveillance-act-amending", "-o", str(page),
                       "--date", "2026-12-01")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("amendments applied")
    amendment = lawdiff.amend("example:surveillance-act", "example:surveillance-act-amending")
    tree = lxml_html.fromstring(page.read_text())
    assert tree.xpath("//p[@class='kicker']/text()") == ["Keeling schedule"]
    assert "keeling" in tree.xpath("//body/@class")[0]
    entries = tree.xpath("//ol[@class='changes']/li")
    changed = tree.xpath("//main//*[@data-change]")
    assert entries and len(entries) == len(changed)
    assert [e.xpath("a/@href")[0][1:] for e in entries] == [c.get("id") for c in changed]
    # each change footnoted with the provision that makes it, and the instructions listed
    notes = tree.xpath("//aside[@class='notes']/p")
    assert notes and all(" by " in visible_text(n) for n in notes)
    for note in notes:  # each note links back to its marker
        assert tree.get_element_by_id(note.xpath("a/@href")[0][1:]).tag == "a"
    assert len(tree.xpath("//table[@class='instructions']/tbody/tr")) == len(amendment.outcomes)


def test_same_comparison_same_page_and_no_date_unless_asked(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    for out in (a, b):
        assert lawdiff_run("diff", *EXAMPLE, "--format", "html", "-o", str(out)).returncode == 1
    assert a.read_bytes() == b.read_bytes()
    assert re.search(r"Generated by lawdiff \S+\.", a.read_text())


def test_stat_lists_the_changes_without_the_text():
    tree = lxml_html.fromstring(lawdiff.diff(*EXAMPLE).render("html", stat=True))
    entries = tree.xpath("//ol[@class='changes']/li")
    assert len(entries) == 8 and not tree.xpath("//ol[@class='changes']//a")
    assert not tree.xpath("//main//*[@data-change]") and not tree.xpath("//form")
    assert tree.xpath("//table[@class='summary']")
