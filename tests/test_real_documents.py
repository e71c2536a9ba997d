"""The document model on real legislation from ../shared/statutes."""

from __future__ import annotations

import collections

import pytest

import lawdiff
from conftest import UK_PAIRS, shared


@pytest.fixture(scope="module")
def ipa2024():
    return lawdiff.load(str(shared("statutes", "uk", "ukpga-2024-9.clml.xml")))


def test_ipa_2024_metadata(ipa2024):
    meta = ipa2024.meta
    assert meta.title == "Investigatory Powers (Amendment) Act 2024"
    assert (meta.year, meta.number, meta.doc_type, meta.subtype) == (2024, "9", "act", "ukpga")
    assert meta.version == "enacted" and meta.date == "2024-04-25"


def test_ipa_2024_has_33_sections_in_six_parts(ipa2024):
    sections = ipa2024.sections()
    # The Act as enacted: sections 1 to 33. Quoted sections (the new ss. 226A-226DB of the
    # 2016 Act inserted by s. 2, and so on) are not provisions of this Act.
    assert [s.num for s in sections] == [str(n) for n in range(1, 34)]
    assert [(p.citation, p.heading) for p in ipa2024.body] == [
        ("Part 1", "Bulk personal datasets"),
        ("Part 2", "Oversight arrangements"),
        ("Part 3", "Communications data etc"),
        ("Part 4", "Notices"),
        ("Part 5", "Miscellaneous"),
        ("Part 6", "General"),
    ]
    assert [(s.citation, s.heading) for s in ipa2024.schedules] == [("Sch.", "Disclosure powers")]


def test_ipa_2024_block_amendments_are_quotes_not_provisions(ipa2024):
    from lxml import etree

    tree = etree.parse(str(shared("statutes", "uk", "ukpga-2024-9.clml.xml")))
    outermost = [b for b in tree.iter("{*}BlockAmendment")
                 if not any(etree.QName(a).localname == "BlockAmendment" for a in b.iterancestors())]
    own = {p.path for p in ipa2024.walk()}
    quoted = [q for p in ipa2024.walk() for q in p.quotes if q.block]
    assert len(quoted) == len(outermost) == 77  # 78 BlockAmendments, one quoted inside another
    s2 = ipa2024.find("s. 2")
    new_part = s2.quotes[0].provisions
    assert new_part[0].kind == "part" and new_part[0].num == "7A"
    inner = [p for top in new_part for p in top.walk()]
    assert any(p.citation == "s. 226A" for p in inner)
    assert not any(p.path in own for p in inner)  # quoted paths live under the host
    assert all(p.path.startswith("sec-2/quote-1/") for p in inner)
    assert "226A" not in {s.num for s in ipa2024.sections()}


@pytest.mark.parametrize("citation,text", [
    ("s. 1(1)", "The Investigatory Powers Act 2016 is amended as follows."),
    ("section 1(2)", "In section 199 (bulk personal datasets: interpretation)—"),
    ("1(2)(a)", "in subsection (1), in the words before paragraph (a), after “Part” insert “and Part 7A”;"),
    ("s. 1(3)", "In the italic heading before section 200, for “warrant” substitute “authorisation”."),
    ("s. 1(4)(c)", "in the heading, omit “by warrant”."),
    ("s. 1(4)(a)(i)", "the words “by a warrant under this Part” become paragraph (a);"),
    ("Sch para 1", "In section 20 of the Health and Safety at Work etc Act 1974 (powers of inspectors), "
                   "omit subsections (9) and (10)."),
])
def test_ipa_2024_text_by_citation(ipa2024, citation, text):
    assert ipa2024.find(citation).text == text


def test_ipa_2024_quote_stays_in_place(ipa2024):
    p = ipa2024.find("s. 1(4)(a)(ii)")
    assert p.chapeau == "after that paragraph insert “, or ;"
    (quote,) = p.quotes
    assert quote.block and p.chapeau[quote.offset:] == " ;"
    assert quote.text.startswith("(b) by an individual authorisation under Part 7A")
    assert p.text_with_quotes("chapeau").endswith("(see section 226B).”;")
    assert p.text_with_quotes("chapeau").count("“") == 1  # the opening mark is already in the text


@pytest.mark.parametrize("name", UK_PAIRS)
def test_clml_and_akn_give_the_same_tree(name):
    clml = lawdiff.load(str(shared("statutes", "uk", f"{name}.clml.xml")))
    akn = lawdiff.load(str(shared("statutes", "uk", f"{name}.akn.xml")))
    assert clml.meta.format == "clml" and akn.meta.format == "akn"
    assert clml.title == akn.title
    a, b = list(clml.walk()), list(akn.walk())
    assert len(a) == len(b) > 0
    spacing_only = []
    for x, y in zip(a, b):
        assert (x.path, x.kind, x.num, x.citation, x.heading) == (y.path, y.kind, y.num, y.citation, y.heading)
        assert len(x.quotes) == len(y.quotes), x.citation
        for qa, qb in zip(x.quotes, y.quotes):
            assert qa.block == qb.block and "".join(qa.text.split()) == "".join(qb.text.split()), x.citation
        if (x.chapeau, x.continuation) != (y.chapeau, y.continuation):
            # The only difference allowed is a space the pretty-printed Akoma Ntoso lost between
            # two inline elements (FSMA 2000 s. 91(2): "(b) (“P”)" vs "(b)(“P”)").
            squash = lambda s: "".join(s.split())  # noqa: E731
            assert squash(x.chapeau + x.continuation) == squash(y.chapeau + y.continuation), x.citation
            spacing_only.append(x.citation)
    assert len(spacing_only) <= max(1, len(a) // 100), spacing_only


def test_fsma_2000_s91_keeps_change_markers_and_commentary():
    doc = lawdiff.load(str(shared("statutes", "uk", "ukpga-2000-8-section-91@2024-11-22.clml.xml")))
    s91 = doc.find("s. 91")
    assert s91.heading == "Penalties for breach of Part 6 rules"
    assert any(a.kind == "substitution" and a.where == "heading" for a in s91.annotations)
    sub1 = doc.find("s. 91(1)")
    fca = [a for a in sub1.annotations if sub1.chapeau[a.start:a.end] == "FCA"]
    assert fca and fca[0].kind == "substitution"
    commentaries = dict(doc.commentaries)
    assert fca[0].ref in commentaries and commentaries[fca[0].ref]
    assert doc.meta.version == "2024-11-22"


@pytest.mark.parametrize("name,sections", [
    ("hr-116-2157-ih", 25), ("hr-116-2157-enr", 25),
    ("hjres-116-37-rh", 5), ("hjres-116-37-rfs", 6),
    ("usc-t01@113-31", 39),
])
def test_us_section_counts(name, sections):
    from lxml import etree

    path = shared("statutes", "us", f"{name}.uslm.xml")
    doc = lawdiff.load(str(path))
    assert doc.meta.jurisdiction == "us" and doc.meta.format == "uslm"
    assert len(doc.sections()) == sections
    # Independently: <section> elements that are not quoted (the US Code's notes quote 14 more).
    tree = etree.parse(str(path))
    own = [s for s in tree.iter("{*}section")
           if not any(etree.QName(a).localname == "quotedContent" for a in s.iterancestors())]
    assert len(own) == sections


def test_us_citations():
    doc = lawdiff.load(str(shared("statutes", "us", "hjres-116-37-rh.uslm.xml")))
    p = doc.find("sec. 1(1)")
    assert p.citation == "sec. 1(1)" and p.kind == "paragraph"
    assert p.text.startswith("Congress has the sole power to declare war")
    usc = lawdiff.load(str(shared("statutes", "us", "usc-t01@113-31.uslm.xml")))
    assert usc.find("§ 1").heading.startswith("Words denoting number")
    assert usc.meta.doc_type == "code"


def test_us_quoted_text_keeps_its_own_quotation_marks_once():
    """A US bill prints its quotation marks inside the quoted text ('“(E) Subject … $36,000,000.”'):
    they are read as the quotation's marks, so nothing doubles them, and the quoted paragraph is
    numbered E, not '“(E)'."""
    doc = lawdiff.load(str(shared("statutes", "us", "hr-116-2157-enr.uslm.xml")))
    p = doc.find("sec. 802(a)(4)")
    (quote,) = p.quotes
    assert (quote.start_quote, quote.end_quote) == ("“", "”") and quote.text.startswith("(E) Subject to")
    assert [q.citation for q in quote.provisions] == ["(E)"]
    assert p.text_with_quotes("chapeau").endswith("the following: “(E) Subject to subparagraph (F), for the period "
                                                  "beginning January 1, 2019, and ending September 30, 2019, the amount "
                                                  "of the increase otherwise provided under subparagraph (A) for the "
                                                  "Northern Mariana Islands shall be further increased by $36,000,000.”; and")
    # each line of US quoted matter opens with a mark; the words before a quoted clause come first
    block = [q for q in doc.find("sec. 802(a)(5)(A)").quotes if q.block]
    assert [(q.start_quote, q.text, q.end_quote) for q in block] == [("“", "title XIX—\n“(i) during", "”")]


def test_quoted_words_keep_their_place_before_quoted_provisions():
    """Words of a quotation that stand before its provisions ('; or' then '(c) during which …';
    'Step 3 …' then '(a) apply for …') are given first, as printed."""
    si = lawdiff.load(str(shared("statutes", "uk", "uksi-2025-3@made.clml.xml")))
    (quote,) = si.find("reg. 2(2)(b)(ii)").quotes
    assert quote.text.startswith("; or\n(c) during which the child or qualifying young person is placed for adoption")
    ipa = lawdiff.load(str(shared("statutes", "uk", "ukpga-2024-9.clml.xml")))
    (quote,) = ipa.find("s. 1(7)(a)").quotes
    assert quote.text.startswith("Step 3\nIf the head of the intelligence service")


@pytest.mark.parametrize("path", [
    ("keeling", "bankruptcy-scotland-act-2016", "bill.akn.xml"),
    ("keeling", "agricultural-holdings-scotland-act-2003", "act.akn.xml"),
    ("statutes", "akn", "za-cpt-by-law-2003-sub-council@2013-11-01.akn2.xml"),
    ("statutes", "akn", "gb-nia-2022-21@enacted.akn.xml"),
    ("statutes", "uk", "ukpga-2023-29@2024-11-01.clml.xml"),
    ("statutes", "us", "hr-116-2157-ih.uslm.xml"),  # two unnumbered sections in different titles: sec-u1, sec-u1~2
    ("statutes", "us", "hr-116-2157-enr.uslm.xml"),
])
def test_other_documents_parse_with_unique_paths(path):
    doc = lawdiff.load(str(shared(*path)))
    provisions = list(doc.walk())
    assert len(doc.sections()) > 0
    paths = [p.path for p in provisions]
    assert len(paths) == len(set(paths))
    for p in provisions:  # every provision is found again by its own citation or path
        assert doc.get(p.path) is p


def test_scottish_bill_sections_are_cited_as_sections():
    doc = lawdiff.load(str(shared("keeling", "bankruptcy-scotland-act-2016", "bill.akn.xml")))
    assert doc.meta.doc_type == "bill"
    assert doc.find("s. 2(2)(a)").citation == "s. 2(2)(a)"


def test_akn_2_namespace_is_read():
    doc = lawdiff.load(str(shared("statutes", "akn", "za-cpt-by-law-2003-sub-council@2011-08-05.akn2.xml")))
    assert doc.meta.format == "akn" and doc.meta.jurisdiction == "za"
    assert doc.title.startswith("Cape Town Sub-Council By-law")
    assert doc.find("s. 1").text or doc.find("s. 1").children


@pytest.mark.parametrize("name,least", [
    ("ukpga-2024-9.clml.xml", {"section": 33, "crossheading": 18}),
    ("ukpga-2023-29@2024-11-01.clml.xml", {"definition": 100, "crossheading": 200}),
    ("ukla-2017-1@enacted.akn.xml", {"definition": 9}),
])
def test_find_round_trip_on_every_citation(name, least):
    """Every citation lawdiff prints finds its provision again, cross-headings and definitions
    included (where two provisions print alike, find says it is ambiguous)."""
    doc = lawdiff.load(str(shared("statutes", "uk", name)))
    printed = collections.Counter(p.citation for p in doc.walk())
    found = collections.Counter()
    for p in doc.walk():
        if printed[p.citation] == 1:
            assert doc.find(p.citation) is p, p.citation
            found[p.kind] += 1
        else:
            with pytest.raises(lawdiff.CitationNotFound, match="ambiguous"):
                doc.find(p.citation)
    assert all(found[kind] >= n for kind, n in least.items()), found


def test_pretty_printing_inside_quotes_is_not_text():
    """'an “⏎ <term>education body</term>⏎ ” means' reads as a person reads it: an “education body” means."""
    doc = lawdiff.load(str(shared("statutes", "akn", "gb-mwa-2011-7-s1@2012-11-16.akn.xml")))
    assert doc.find("s. 1").text == "For the purposes of this Part, an “education body” means—"
    from lawdiff.topics import glossary
    assert "education body" in {d.term for d in glossary(doc)}
