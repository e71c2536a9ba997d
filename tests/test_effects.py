"""lawdiff effects: the amendments an amending text makes, read from its words."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import lawdiff
from lawdiff.amend import extract

from conftest import shared, lawdiff_run



def run(*args: str):
    return lawdiff_run(*args)


def expected_table(name: str, set_aside: dict[tuple[str, str], str] = {}) -> list[dict]:
    """The Lawmaker team's expected table, with the corrections of ../shared/keeling/errata.json
    applied (entries that contradict the bill's own words) and any ``set_aside`` by this test."""
    want = json.loads(shared("keeling", name, "expected_table_of_amendments.json").read_text())
    errata = json.loads(shared("keeling", "errata.json").read_text()).get(name, {})
    removed = {(e["source"], e["affected_provision"]) for e in errata.get("remove", [])} | set(set_aside)
    replaced = {(e["source"], e["affected_provision"]): e["with"] for e in errata.get("replace", [])}
    return [dict(w, affected_provision=replaced.get((w["source"], w["affected_provision"]), w["affected_provision"]))
            for w in want if (w["source"], w["affected_provision"]) not in removed]


def score(name: str, set_aside: dict[tuple[str, str], str] = {}):
    folder = ("keeling", name)
    result = run("effects", str(shared(*folder, "bill.akn.xml")), "--target", str(shared(*folder, "act.akn.xml")),
                 "--format", "lawmaker")
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    want = expected_table(name, set_aside)

    def key(entry):
        return (entry["source"], entry["type_of_amendment"], entry["affected_provision"], entry["location"],
                entry["whole_provision"])

    g, w = Counter(map(key, got)), Counter(map(key, want))
    hits = sum((g & w).values())
    return hits / len(got), hits / len(want), w - g, result.stderr


# Entries of the expected tables that the bills' own words, or the Acts' own eIds, contradict;
# each quotes the bill (citation, words) and the entry. They are set aside here by name.
BANKRUPTCY_SET_ASIDE = {
    ("s. 5B(3)", "sec_214__para_2__para_q"):
        "s. 5B(3): “In section 214 …, after paragraph(2)(q) insert—”. The provision is s. 214(2)(q), "
        "eId sec_214__subsec_2__para_q in the Act; the table names sec_214__para_2__para_q, which the "
        "Act does not have (it follows the bill's slip “paragraph” for “subsection”)",
}
ERB_SET_ASIDE = {
    ("s. 19(a)", "sec_108"):
        "s. 19: “Schedule 2 contains provision— (a) repealing section 108 …”. It says what Schedule 2 "
        "contains and amends nothing itself; the repeal is Sch. 2 para. 1, which the table has as well",
    ("para. 1 of schedule 2", "sec_108"):
        "Sch. 2 para. 1: “… omit section 108 (qualifying period of employment).” The whole section goes; "
        "the table's entry says whole_provision false, where every other omitted section in the three "
        "tables (s. 24(3) of the agricultural holdings bill: sec_9C) says true",
    ("para. 5(10) of schedule 2", "sched_1__para_56__para_8"):
        "Sch. 2 para. 5(10): “In Schedule 1 …, omit paragraph 56(8).” Sub-paragraph (8) of paragraph 56 is "
        "sched_1__para_56__subpara_8 in the Act; the table names sched_1__para_56__para_8, which the Act "
        "does not have",
    ("para. 14(b) of schedule 1", "sec_235__subsec_2B"):
        "Sch. 1 para. 14(b): “in subsection (2B) …, in the words before paragraph (a), after “contract of "
        "employment” insert …”. The table names the subsection, where for the same words in s. 6(4)(a) "
        "(“in the words before paragraph (a)— (i) omit …”) it names the paragraph (sec_27B__subsec_4__para_a);"
        " lawdiff follows the table's other entries",
}


def test_bankruptcy_bill_table_of_amendments(capsys):
    precision, recall, missing, stderr = score("bankruptcy-scotland-act-2016", BANKRUPTCY_SET_ASIDE)
    with capsys.disabled():
        print(f"\n  bankruptcy: precision {precision:.3f} recall {recall:.3f}")
    assert precision >= 0.97 and recall >= 0.97
    assert "100.0% of instructions understood" in stderr
    # the Act's export has no title and no short-title provision: the Act is inferred, and said so
    assert "taken as the Bankruptcy (Scotland) Act 2016, whose amendments fit it" in stderr


def test_land_reform_bill_table_of_amendments(capsys):
    precision, recall, missing, _ = score("agricultural-holdings-scotland-act-2003")
    with capsys.disabled():
        print(f"\n  agricultural holdings: precision {precision:.3f} recall {recall:.3f}")
    # Lawmaker names the section for "after the definition of “tenant” insert" (sec_93): the
    # lawmaker format follows it (effects --format lawmaker), not needing any entry set aside
    assert precision >= 0.97 and recall >= 0.97


def test_employment_rights_bill_table_of_amendments(capsys):
    precision, recall, missing, stderr = score("employment-rights-act-1996", ERB_SET_ASIDE)
    with capsys.disabled():
        print(f"\n  employment rights: precision {precision:.3f} recall {recall:.3f}; missing {sorted(missing)}")
    assert precision >= 0.97 and recall >= 0.97


# (source, type, affected provision, anchor, start of the new words), checked by hand against the Act
IPAA_2024 = [
    ("s. 1(2)(a)", "words inserted", "s. 199(1)", "“Part”", "and Part 7A"),
    ("s. 1(2)(b)", "words inserted", "s. 199(2)", "“Part”", "and Part 7A"),
    ("s. 1(3)", "cross-heading amended", "cross-heading before s. 200", "“warrant”", "authorisation"),
    ("s. 1(4)(a)(i)", "words become a new paragraph", "s. 200(1)", "“by a warrant under this Part”", None),
    ("s. 1(4)(a)(ii)", "provision inserted", "s. 200(1)(a)", None, ", or (b) by an individual authorisation"),
    ("s. 1(4)(b)(i)", "words become a new paragraph", "s. 200(2)", "“by a warrant under this Part”", None),
    ("s. 1(4)(c)", "heading amended", "s. 200 heading", "“by warrant”", None),
    ("s. 1(5)(a)", "words substituted", "s. 201(3)", "“and 220(5)”", ", 220(5) and (6) and 226CC(3)"),
    ("s. 1(5)(b)", "words inserted", "s. 201(3)", "“BPD warrants”", "or authorisations under Part 7A"),
    ("s. 1(6)", "provision inserted", "s. 201", None, "Restriction on use of class BPD warrants etc"),
    ("s. 1(7)(b)", "provision inserted", "s. 220(5)", None, "(6) If the head of the intelligence service"),
    ("s. 1(8)(a)(i)", "words become a new paragraph", "s. 225(4)",
     "“by a class BPD warrant or a specific BPD warrant under this Part”", None),
    ("s. 1(8)(b)(i)", "words become a new paragraph", "s. 225(13)", "“apply” to the end", None),
    ("s. 2", "provision inserted", "Part 7", None, "Part 7A Bulk personal dataset authorisations"),
    ("s. 3(1)", "words substituted", "s. 213(2)(b)", "“6 months”", "12 months"),
    ("s. 4(2)(a)", "words inserted", "s. 202(1)", "“head of the intelligence service”", ", or a person acting"),
    ("s. 4(2)(a)", "words inserted", "s. 202(2)", "“head of the intelligence service”", ", or a person acting"),
    ("s. 4(2)(b)(i)", "words inserted", "s. 202(3)", "“head of the intelligence service”", ", or a person acting"),
    ("s. 4(2)(b)(ii)", "words omitted", "s. 202(3)", "“by the head of the intelligence service”", None),
    ("s. 4(2)(c)", "provision inserted", "s. 202(4)", None, "(5) For the purposes of subsections (1),"),
    ("s. 4(3)(a)", "words inserted", "s. 206(4)(b)", "“head of the intelligence service”", ", or a person acting"),
    ("s. 4(3)(a)", "words inserted", "s. 206(5)(a)", "“head of the intelligence service”", ", or a person acting"),
    ("s. 4(3)(a)", "words inserted", "s. 206(5)(b)", "“head of the intelligence service”", ", or a person acting"),
    ("s. 4(4)(a)", "words inserted", "s. 219(2)", "“addressed”", ", or a person acting on their behalf,"),
    ("s. 5", "provision inserted", "Part 7A", None, "Part 7B Third party bulk personal datasets"),
    ("s. 6(2)(a)", "words substituted", "s. 1(6)", "“Parts 2 to 7”", "Parts 2 to 7B"),
    ("s. 6(2)(b)(i)", "words substituted", "s. 1(6)(e)", "“Part 7 deals”", "Parts 7 to 7B deal"),
    ("s. 6(3)(b)", "words omitted", "s. 2(1)(j)", "“or”", None),
    ("s. 6(3)(c)", "provision inserted", "s. 2(1)(j)", None, "(ja) to grant, renew or cancel"),
    ("s. 6(7)", "words inserted", "s. 65(7ZB)", "“(czh)”", ", (czha), (czhb)"),
]


@pytest.fixture(scope="module")
def ipaa():
    return extract(lawdiff.load(str(shared("statutes", "uk", "ukpga-2024-9.clml.xml"))))


def test_ipaa_2024_effects(ipaa, capsys):
    with capsys.disabled():
        print(f"\n  IP(A)A 2024: {len(ipaa.effects)} effects, {ipaa.understood:.1%} of instructions understood")
    assert ipaa.understood >= 0.95 and len(ipaa.effects) >= 190
    # an instruction naming several provisions gives one effect for each, none dropped
    several = {}
    for e in ipaa.effects:
        several.setdefault(e.source_citation, []).append((e.type, e.affected_citation))
    assert several["s. 8(2)"] == [("provision substituted", "s. 227(8)"), ("provision omitted", "s. 227(9)")]
    omitted = next(e for e in ipaa.effects if e.source_citation == "s. 8(2)" and e.type == "provision omitted")
    assert omitted.new_words is None and omitted.new_structure == ()  # the new text replaces (8) only
    assert several["Sch. para. 1"] == [("provision omitted", "s. 20(9)"), ("provision omitted", "s. 20(10)")]
    # "omit paragraphs 1 to 4 and 9 of Schedule 2 to the Investigatory Powers Act 2016"
    assert several["Sch. para. 6"] == [("provision omitted", f"Sch. 2 para. {n}") for n in ("1", "2", "3", "4", "9")]
    found = {(e.source_citation, e.affected_citation): e for e in ipaa.effects}
    for source, kind, affected, anchor, new in IPAA_2024:
        effect = found[(source, affected)]
        assert effect.type == kind, (source, effect.type)
        assert effect.anchor == anchor, (source, effect.anchor)
        if new is None:
            assert effect.new_words is None or kind == "words become a new paragraph" or not effect.new_words
        else:
            assert " ".join(effect.new_words.split()).startswith(new), (source, effect.new_words)
    assert found[("s. 4(2)(b)(i)", "s. 202(3)")].occurrence == "in the first place it occurs"
    # "in the following provisions, after “…” insert “…”— (i) subsection (2)(b); (ii) subsection (7), in both
    # places it occurs; ...": one effect per listed provision, from the item that names it
    listed = [(e.source_citation, e.affected_citation, e.occurrence) for e in ipaa.effects
              if e.source_citation.startswith("s. 4(4)(b)")]
    assert listed == [("s. 4(4)(b)(i)", "s. 219(2)(b)", None),
                      ("s. 4(4)(b)(ii)", "s. 219(7)", "in both places it occurs"),
                      ("s. 4(4)(b)(iii)", "s. 219(8)", "in both places it occurs")]
    assert {e.affected_act for e in ipaa.effects if e.source_citation.startswith("s. 6(6)")} == \
        {"Regulation of Investigatory Powers Act 2000"}
    assert found[("s. 2", "Part 7")].whole_provision and found[("s. 2", "Part 7")].new_structure


def test_links_into_the_target_override_the_words_naming_another_act():
    folder = ("keeling", "agricultural-holdings-scotland-act-2003")
    result = extract(lawdiff.load(str(shared(*folder, "bill.akn.xml"))),
                     lawdiff.load(str(shared(*folder, "act.akn.xml"))))
    [effect] = [e for e in result.effects if e.source_citation == "s. 10(5)"]
    assert effect.affected_act == "Land Reform (Scotland) Act 2016" and effect.link_work == "asp/2003/11"
    assert effect.affected_id == "sec_27__subsec_2__para_e" and "the links point into asp/2003/11" in effect.note
    # the note reaches every output, the CSV too (its last column)
    import csv
    rows = list(csv.DictReader(run("effects", str(shared(*folder, "bill.akn.xml")), "--target",
                                   str(shared(*folder, "act.akn.xml")), "--format", "csv").stdout.splitlines()))
    assert [r["note"] for r in rows if r["source"] == "s. 10(5)"] == [effect.note]


# an invented two-instruction Act, one of them no rule reads (the README's --explain example)
TWO_INSTRUCTIONS = (
    '<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body>'
    '<P1group><Title>Amendments</Title><P1 id="section-1"><Pnumber>1</Pnumber><P1para>'
    '<P2><Pnumber>1</Pnumber><P2para><Text>The Example Act 2020 is amended as follows.</Text></P2para></P2>'
    '<P2><Pnumber>2</Pnumber><P2para><Text>In section 3, after “notice” insert “in writing”.</Text></P2para></P2>'
    '<P2><Pnumber>3</Pnumber><P2para><Text>In section 4, insert commas wherever the sense requires.</Text>'
    "</P2para></P2></P1para></P1></P1group></Body></Primary></Legislation>")


def test_instructions_not_understood_are_listed(tmp_path):
    act = tmp_path / "amending.xml"
    act.write_text(TWO_INSTRUCTIONS)
    data = json.loads(run("effects", str(act), "--format", "json").stdout)
    assert [(e["source"], e["type"], e["affected_act"], e["affected_provision"]) for e in data["effects"]] == \
        [("s. 1(2)", "words inserted", "Example Act 2020", "s. 3")]
    assert data["effects"][0]["place"] == {"act": "Example Act 2020", "provision": "s. 3", "part": None}
    assert data["schema"] == "lawdiff.effects/2"
    assert data["unparsed"] == [{"source": "s. 1(3)", "source_id": None,
                                 "text": "In section 4, insert commas wherever the sense requires.",
                                 "reason": "read “insert”; then expected a quotation or ‘after’ or ‘before’ or ‘at’ "
                                           "or ‘in’ at “commas …”"}]
    # --explain: the rule and the words it read under each effect, how far it got under the rest
    explained = run("effects", str(act), "--explain").stdout
    assert "rule words-insert: “after “notice” insert”" in explained
    assert "then expected a quotation or ‘after’" in explained
    assert data["understood"] == 0.5
    table = run("effects", str(act)).stdout
    assert "NOT UNDERSTOOD: In section 4" in table and "50.0% of instructions understood" in table
    csv_out = run("effects", str(act), "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("source,type,affected_act") and csv_out[2].startswith("s. 1(3),unparsed")


def test_older_drafting(tmp_path):
    """RIPA-era phrasing: "there shall be substituted", "shall be omitted", "shall cease to have effect"."""
    items = [
        ("1", "In section 3 of the Example Act 1990, for the words “six months” there shall be substituted the "
              "words “twelve months”.", ""),
        ("2", "In section 4 of the Example Act 1990, after “person” there shall be inserted “or body”.", ""),
        ("3", "In section 5 of the Example Act 1990, there shall be inserted, after “notice”, “in writing”.", ""),
        ("4", "In section 6 of the Example Act 1990, the words “or otherwise” shall be omitted.", ""),
        ("5", "Section 7 of the Example Act 1990 shall cease to have effect.", ""),
        ("6", "At the end of section 8 of the Example Act 1990 there shall be added—",
         '<BlockAmendment TargetClass="primary" Context="main"><P2><Pnumber>3</Pnumber><P2para><Text>This section '
         "binds the Crown.</Text></P2para></P2></BlockAmendment>"),
    ]
    body = "".join(f"<P2><Pnumber>{n}</Pnumber><P2para><Text>{t}</Text>{b}</P2para></P2>" for n, t, b in items)
    doc = ('<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body>'
           f"<P1group><Title>Amendments</Title><P1><Pnumber>1</Pnumber><P1para>{body}</P1para></P1></P1group>"
           "</Body></Primary></Legislation>")
    result = extract(lawdiff.parse_bytes(doc.encode(), "older.xml"))
    got = [(e.source_citation, e.type, e.affected_citation, e.anchor, e.new_words, e.whole_provision)
           for e in result.effects]
    assert got == [
        ("s. 1(1)", "words substituted", "s. 3", "“six months”", "twelve months", False),
        ("s. 1(2)", "words inserted", "s. 4", "“person”", "or body", False),
        ("s. 1(3)", "words inserted", "s. 5", "“notice”", "in writing", False),
        ("s. 1(4)", "words omitted", "s. 6", "“or otherwise”", None, False),
        ("s. 1(5)", "provision omitted", "s. 7", None, None, True),
        ("s. 1(6)", "provision inserted", "s. 8", None, "(3) This section binds the Crown.", False),
    ]
    assert {e.affected_act for e in result.effects} == {"Example Act 1990"} and not result.unparsed


def test_united_states_amendments():
    """US drafting: "is amended— (1) in subparagraph (A), by striking “X” and inserting “Y”"."""
    result = extract(lawdiff.load(str(shared("statutes", "us", "hr-116-2157-enr.uslm.xml"))))
    assert not result.unparsed
    # "understood" counts only effects with both an Act and a provision: an appropriation's
    # words "under the heading “Community Development Fund”" name no provision lawdiff can cite
    placeless = {e.source_citation for e in result.effects if not e.affected_citation}
    assert placeless == {"title XI, “(including transfers of funds)”"}
    sources = {e.source_citation for e in result.effects}
    assert result.understood == (len(sources) - 1) / len(sources)
    found = {e.source_citation: e for e in result.effects}
    e = found["sec. 802(a)(1)"]
    assert (e.type, e.affected_act, e.affected_citation, e.anchor, e.new_words) == (
        "words substituted", "Social Security Act", "sec. 1108(g)(5)(A)", "“and (E)”", "(E), and (F)")
    assert found["sec. 802(a)(5)(C)"].occurrence == "wherever it occurs"  # "each place it appears"
    assert (found["sec. 802(a)(3)"].type, found["sec. 802(a)(3)"].affected_citation,
            found["sec. 802(a)(3)"].new_words) == ("provision renumbered", "sec. 1108(g)(5)(E)", "F")
    assert (found["sec. 802(a)(5)(D)"].anchor, found["sec. 802(a)(5)(D)"].new_words) == ("“.”", "; and")
    assert found["sec. 802(a)(6)"].type == "provision inserted"  # "by adding at the end the following:"
    e = found["sec. 1207(a)"]
    assert (e.affected_act, e.affected_citation, e.anchor, e.new_words) == (
        "National Flood Insurance Act of 1968", "sec. 1309(a)", "“June 14, 2019”", "September 30, 2019")


def test_financial_services_and_markets_act_2023():
    """A long amending Act in a different field: most instructions read, the rest listed."""
    result = extract(lawdiff.load(str(shared("statutes", "uk", "ukpga-2023-29@2024-11-01.clml.xml"))))
    assert result.understood >= 0.97 and len(result.effects) >= 660
    found = {e.source_citation: e for e in result.effects}
    e = found["s. 64(3)"]  # "After section 261Z5 insert—"
    assert (e.type, e.affected_citation, e.whole_provision) == ("provision inserted", "s. 261Z5", True)
    assert found["Sch. 6 para. 13(6)(b)"].occurrence == "in the second place it occurs"  # 'after second “system”'
    e = found["Sch. 12 para. 2"]  # "After Schedule 19 to FSMA 2000 (competition information), insert—"
    # "FSMA 2000" by the title the Act defines it as (s. 80: "“FSMA 2000” means the Financial ...")
    assert (e.affected_act, e.affected_citation) == ("Financial Services and Markets Act 2000", "Sch. 19")
    assert result.without_act == [] and not any(e.affected_act == "FSMA 2000" for e in result.effects)
    # the Act carried down from "The Banking Act 2009 is amended as follows." (Sch. 6 para. 1) to the
    # paragraphs after it, and from "Regulation (EU) No 600/2014 … is amended in accordance with …"
    assert found["Sch. 6 para. 3"].affected_act == "Banking Act 2009"
    assert found["Sch. 2 para. 5"].affected_act == "Regulation (EU) No 600/2014"
    e = found["Sch. 6 para. 37(2)"]  # "For the heading substitute “Service providers”."
    assert (e.type, e.new_words) == ("heading amended", "Service providers")
    # contexts of schedule paragraphs, headings and cross-headings: every effect says where it is
    assert all(e.affected_citation for e in result.effects)
    assert found["s. 28(10)"].affected_citation == "Sch. 1ZA para. 11(1)(d)"  # "In paragraph 11 of Schedule 1ZA"
    assert found["Sch. 14 para. 7(3)"].affected_citation == "s. 11(1)"  # "Section 11 (loans) is amended as follows."
    assert (found["s. 32(2)"].type, found["s. 32(2)"].affected_citation) == \
        ("cross-heading amended", "cross-heading before s. 410")  # "In the italic heading before section 410"
    assert found["Sch. 10 para. 9"].affected_citation == "Part 18 Chapter 3B heading"
    assert [e.affected_citation for e in result.effects if e.source_citation == "Sch. 11 para. 162(6)"] == \
        [f"s. 89{x}" for x in "BCDEFG"]  # "Omit sections 89B to 89G"
    e = found["Sch. 2 para. 27(5)"]  # "for the words after “authorised persons” substitute “…”"
    assert (e.type, e.anchor) == ("words substituted", "after “authorised persons” to the end")
    e = found["Sch. 6 para. 43"]  # "for paragraph (c) of subsection (5) substitute—"
    assert (e.type, e.affected_citation) == ("provision substituted", "s. 98(5)(c)")
    e = found["Sch. 13 para. 1(2)"]  # "After section 377J (…), inserted by Part 1 of Schedule 12 to this Act, insert—"
    assert (e.type, e.affected_citation) == ("provision inserted", "s. 377J")
    assert found["Sch. 14 para. 5(b)"].anchor == "“made a loan” to “secured loan”"  # "... become paragraph (a)"
    e = found["Sch. 2 para. 36(3)"]  # "In paragraph 3, after point (d) insert—": retained EU law's points
    assert (e.type, e.affected_citation) == ("provision inserted", "art. 5(3)(d)")  # an Article is cited "art."
    # "The following provisions are revoked— … (b) in the … Regulations 2017— (i) regulation 17; …"
    e = found["Sch. 2 para. 50(b)(i)"]
    assert (e.type, e.affected_act, e.affected_citation) == (
        "provision omitted", "Financial Services and Markets Act 2000 (Markets in Financial Instruments) Regulations 2017",
        "reg. 17")
    assert "Sch. 2 para. 50(d)" in {u.source_citation for u in result.unparsed}  # an item it cannot read: listed
    assert all(u.text for u in result.unparsed)  # every one not understood is listed with its words


def test_a_link_into_the_act_that_the_words_contradict_is_noted():
    """A drafter hears of a stale link: the words say one provision, the link into the Act another."""
    from lxml import etree

    folder = ("keeling", "agricultural-holdings-scotland-act-2003")
    act = lawdiff.load(str(shared(*folder, "act.akn.xml")))
    bill_bytes = shared(*folder, "bill.akn.xml").read_bytes()
    real = extract(lawdiff.parse_bytes(bill_bytes, "bill.akn.xml"), act)
    # the real bill: its links into the Act agree with its words (bare "#sec_15" links point into the bill)
    assert [e.source_citation for e in real.effects if e.note and "the words give" in e.note] == []

    root = etree.fromstring(bill_bytes)
    ns = {"a": root.nsmap[None]}
    [ref] = root.xpath('//a:*[@eId="sec_15__subsec_2__para_c"]//a:ref[1]', namespaces=ns)
    assert ref.text == "subsection (4)"
    ref.set("href", "https://www.legislation.gov.uk/asp/2003/11#sec_41__subsec_4")
    stale = extract(lawdiff.parse_bytes(etree.tostring(root), "bill.akn.xml"), act)
    noted = {e.source_citation: e.note for e in stale.effects if e.note and "the words give" in e.note}
    assert noted == {"s. 15(2)(c)": "the words give sec_40__subsec_4; the amending text links “subsection (4)” "
                                    "to sec_41__subsec_4"}
    # the words still decide where the amendment goes
    [effect] = [e for e in stale.effects if e.source_citation == "s. 15(2)(c)"]
    assert effect.affected_id == "sec_40__subsec_4"


def test_articles_regulations_that_article_and_those_regulations():
    """Northern Ireland: "In Article 46 of the … Order 1986 …", then "After paragraph (1) of that Article
    insert—", and "In regulation 2 of those Regulations": Articles cited "art.", and the Order or
    Regulations named before."""
    result = extract(lawdiff.load(str(shared("statutes", "uk", "nia-2022-21@enacted.clml.xml"))))
    assert result.understood == 1.0 and len(result.effects) == 14
    found = {e.source_citation: e for e in result.effects}
    order = "Education and Libraries (Northern Ireland) Order 1986"
    assert [(found[s].affected_act, found[s].affected_citation, found[s].type) for s in ("s. 1(2)", "s. 1(5)(a)")] \
        == [(order, "art. 46(1)", "provision inserted"), (order, "art. 46(3)(a)", "words inserted")]
    assert found["s. 2(6)"].affected_act == "Pre-School Education in Schools (Admissions Criteria) Regulations 1999"
    assert found["s. 2(6)"].affected_citation == "reg. 2(1)"


def test_a_list_of_repeals_and_the_1930_act():
    """A local Act: "For section 6 (…) of the 1930 Act substitute—", "omit the words after “one pound”",
    and a Schedule of repeals: "The following provisions of the 1930 Act are repealed." then one item a
    paragraph ("Section 21 (…).", "In section 33 (…) the words after “subject”.", "Part IV (…)")."""
    result = extract(lawdiff.load(str(shared("statutes", "uk", "ukla-2017-1@enacted.clml.xml"))))
    found = {e.source_citation: e for e in result.effects}
    assert (found["s. 4"].affected_act, found["s. 4"].affected_citation, found["s. 4"].type) == \
        ("Faversham Oyster Fishery Company Act 1930", "s. 6", "provision substituted")  # "the 1930 Act" as defined
    assert (found["s. 7(2)(c)"].type, found["s. 7(2)(c)"].anchor) == ("words omitted", "after “one pound” to the end")
    repeals = [(e.source_citation, e.type, e.affected_citation) for e in result.effects
               if e.source_citation.startswith("Sch.")]
    assert repeals[:2] == [("Sch. para. 2", "words omitted", "s. 2"), ("Sch. para. 3(a)", "words omitted", "s. 3")]
    assert ("Sch. para. 4", "provision omitted", "s. 21") in repeals and ("Sch. para. 12", "provision omitted",
                                                                          "Part IV") in repeals
    assert found["Sch. para. 11"].anchor == "after “subject” to the end"
    # "(b) the references to the 1845 Act and …": listed with its own words, not dropped
    assert [(u.source_citation, u.text[:18]) for u in result.unparsed] == [("Sch. para. 3(b)", "the references to ")]


def test_for_the_word_after_a_sub_paragraph_and_a_rule_of_interpretation():
    """"for the “and” after sub-paragraph (iv) substitute “or”" is the last “and” in (iv); and
    "Whenever an Act is repealed, … shall not thereby be revived" (1 U.S.C. 108) instructs nothing."""
    si = extract(lawdiff.load(str(shared("statutes", "uk", "uksi-2025-3@made.clml.xml"))))
    assert si.understood == 1.0
    e = next(e for e in si.effects if e.source_citation == "reg. 4(2)(d)")
    assert (e.type, e.affected_citation, e.anchor, e.occurrence, e.new_words) == \
        ("words substituted", "reg. 2(1)(a)(iv)", "“and”", "in the last place it occurs", "or")
    code = extract(lawdiff.load(str(shared("statutes", "us", "usc-t01@113-31.uslm.xml"))))
    assert not code.effects and not code.unparsed and code.understood == 1.0
