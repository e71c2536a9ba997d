"""Citations inside quoted amending text, each provision's page on legislation.gov.uk, and a
search store that lists a provision once whatever formats it was indexed from (issue 15, point 3).
The commands' side of the same is in tests/test_api.py."""

from __future__ import annotations

import json

import pytest

import lawdiff
from lawdiff.render import jsonout
from lawdiff.store import Store

from conftest import shared

ACT, AMENDED = "example:surveillance-act", "example:surveillance-act-amended"


def test_provisions_of_quoted_text_are_cited_as_lawdiff_prints_them():
    doc = lawdiff.load(ACT)
    quoted = doc.find("s. 3, inserted s. 4(2A)")
    assert quoted.text == "The Commissioner must report on the use of notices at least once a year."
    for form in ("s. 3, inserted (2A)", "s. 3 (inserted subsection (2A))", "section 4(2A) as inserted by section 3",
                 "s. 4(2A) (as inserted by s. 3)", "sec-3/quote-1/subsec-2A"):
        assert doc.find(form) is quoted, form
    # the quoted subsection is cited in the Act it goes into, which the instruction names
    assert doc.cite(quoted) == "s. 3, inserted s. 4(2A)"
    with pytest.raises(lawdiff.CitationNotFound, match=r"no provision 's. 4\(2B\)' in the quoted text of s. 3"):
        doc.find("s. 3, inserted s. 4(2B)")
    assert doc.find("s. 2(1)").citation == doc.cite(doc.find("s. 2(1)")) == "s. 2(1)"  # plain ones as before
    assert doc.find("s. 4 (in quoted text)") is doc.find("s. 4")  # how the glossary names a quoted definition's host


def test_every_quoted_provision_of_a_real_act_reads_back_from_its_printed_citation():
    for name in ("ukpga-2024-9.clml.xml", "ukpga-2024-9.akn.xml"):
        doc = lawdiff.load(str(shared("statutes", "uk", name)))
        quoted = doc._quoted_in
        assert len(quoted) > 100
        for p in quoted:  # sections, subsections, paragraphs and cross-headings of quoted text
            assert doc.find(doc.cite(p)) is p, doc.cite(p)
        assert doc.find("s. 11(1), inserted s. 235A(2)").text.startswith(
            "The telecommunications operator must report the personal data breach")
        assert doc.find("section 235A(2) as inserted by section 11(1)") is doc.find("s. 11, new s. 235A(2)")


@pytest.mark.parametrize("fmt", ["clml", "akn"])
def test_every_provision_of_a_legislation_gov_uk_act_has_its_page(fmt):
    doc = lawdiff.load(str(shared("statutes", "uk", f"ukpga-2024-9.{fmt}.xml")))
    base = "https://www.legislation.gov.uk/ukpga/2024/9"
    assert doc.url() == base
    assert doc.url(doc.find("s. 1(4)(a)")) == f"{base}/section/1/4/a"
    assert doc.url(doc.find("Part 1")) == f"{base}/part/1"
    assert doc.url(doc.find("s. 11(1), inserted s. 235A(2)")) is None  # quoted text is not the Act's own
    data = jsonout.document_to_dict(doc)
    urls = {}

    def visit(p):
        urls[p["citation"]] = p["url"]
        for c in p["children"]:
            visit(c)
        for q in p["quotes"]:
            for qp in q["provisions"]:
                assert qp["url"] is None
    for top in data["body"] + data["schedules"]:
        visit(top)
    assert data["url"] == base and urls["s. 11(1)"] == f"{base}/section/11/1"
    assert all(u is None for c, u in urls.items() if ", “" in c)  # cross-headings have no page of their own
    assert all(u.startswith(base + "/") for c, u in urls.items() if ", “" not in c)


def test_links_follow_each_kind_of_document():
    si = lawdiff.load(str(shared("statutes", "uk", "uksi-2025-3@made.clml.xml")))
    reg = next(p for p in si.walk() if p.citation == "reg. 1(3)")
    assert si.url(reg) == "https://www.legislation.gov.uk/uksi/2025/3/regulation/1/3"
    act = lawdiff.load(ACT)  # invented: it names itself as example.org's, so it has no page
    assert act.url() is None and act.url(act.find("s. 1")) is None
    bill = lawdiff.load(str(shared("statutes", "us", "hr-116-2157-ih.uslm.xml")))
    assert bill.url() is None  # not legislation.gov.uk's
    comparison = json.loads(jsonout.dumps(__import__("lawdiff.render.diffjson", fromlist=["x"]).result_to_dict(
        __import__("lawdiff.compare", fromlist=["diff"]).diff(si, si))))
    first = comparison["changes"][0]
    assert first["old_url"] == first["new_url"] and first["new_url"].startswith("https://www.legislation.gov.uk/uksi/2025/3/")


def test_the_store_lists_a_provision_once_whatever_formats_it_was_indexed_from(tmp_path):
    clml = str(shared("statutes", "uk", "ukpga-2024-9.clml.xml"))
    akn = str(shared("statutes", "uk", "ukpga-2024-9.akn.xml"))
    with Store(str(tmp_path / "both.sqlite3")) as both, Store(str(tmp_path / "one.sqlite3")) as one:
        for ref in (clml, akn):
            both.add(ref, lawdiff.load(ref))
        one.add(clml, lawdiff.load(clml))
        hits = both.search("personal data breach", limit=50)
        citations = [h.citation for h in hits]
        assert len(hits) > 5 and len(set(citations)) == len(citations), citations
        # the same provisions in the same order as a store holding one copy
        assert citations == [h.citation for h in one.search("personal data breach", limit=50)]
        assert [h.citation for h in both.search("personal data breach", limit=3)] == citations[:3]
        assert all(sorted(h.sources) == sorted([clml, akn]) for h in hits)
        assert hits[0].url == "https://www.legislation.gov.uk/ukpga/2024/9/section/11"
    with Store(str(tmp_path / "versions.sqlite3")) as versions:  # two versions of one Act are two texts
        for ref in (ACT, AMENDED):
            versions.add(ref, lawdiff.load(ref))
        s1 = sorted(h.sources for h in versions.search("retention notices") if h.citation == "s. 1")
        assert s1 == [(ACT,), (AMENDED,)]


def test_a_store_of_the_earlier_schema_says_to_rebuild(tmp_path):
    import sqlite3
    path = tmp_path / "old.sqlite3"
    Store(str(path)).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 1")  # as lawdiff 0.1 left it
    db.commit()
    db.close()
    with pytest.raises(lawdiff.LawdiffError, match=r"schema version 1; this lawdiff needs 2: run lawdiff index --rebuild"):
        Store(str(path))
