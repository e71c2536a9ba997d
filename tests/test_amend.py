"""lawdiff amend: applying effects, conflicts, Keeling schedules, writing the amended Act back."""

from __future__ import annotations

import json

import pypdf
import pytest

import lawdiff
from lawdiff.amend import apply_effects, extract
from lawdiff.render.keeling import instructions
from lawdiff.formats.write import write

from conftest import shared, lawdiff_run

L = "http://www.legislation.gov.uk/namespaces/legislation"


def _meta(title: str, year: int, number: int) -> str:
    return (f'<ukm:Metadata xmlns:ukm="http://www.legislation.gov.uk/namespaces/metadata" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><ukm:PrimaryMetadata>'
            '<ukm:DocumentClassification><ukm:DocumentMainType Value="UnitedKingdomPublicGeneralAct"/>'
            f'</ukm:DocumentClassification><ukm:Year Value="{year}"/><ukm:Number Value="{number}"/>'
            "</ukm:PrimaryMetadata></ukm:Metadata>")


def _p2(num: str, text: str, inner: str = "") -> str:
    return f"<P2><Pnumber>{num}</Pnumber><P2para><Text>{text}</Text>{inner}</P2para></P2>"


def _amending_act(title: str, year: int, number: int, steps: list[tuple[str, str, str]]) -> str:
    """An invented amending Act: section 1, its subsections the instructions (number, words, block)."""
    return (f'<Legislation xmlns="{L}">' + _meta(title, year, number)
            + "<Primary><Body><P1group><Title>Amendments</Title><P1><Pnumber>1</Pnumber><P1para>"
            + "".join(_p2(n, t, inner) for n, t, inner in steps)
            + "</P1para></P1></P1group></Body></Primary></Legislation>")


# An invented Act and an invented Act amending it, one instruction of every kind.
TARGET = (f'<Legislation xmlns="{L}">' + _meta("Example Surveillance Act 2020", 2020, 99) + "<Primary><Body>"
          "<Pblock><Title>Bulk warrants</Title>"
          "<P1group><Title>Requirement for authorisation by warrant: general</Title><P1><Pnumber>1</Pnumber><P1para>"
          + _p2("1", "A service may not retain a dataset unless authorised by a warrant under this Part.")
          + _p2("2", "A record must be kept by the head of the intelligence service, and the head of the "
                     "intelligence service must report it.")
          + "</P1para></P1></P1group></Pblock>"
          "<P1group><Title>Duration</Title><P1><Pnumber>2</Pnumber><P1para>"
          + _p2("1", "A warrant lasts for 6 months.") + _p2("2", "A warrant may be renewed once.")
          + _p2("3", "This subsection is spent.")
          + "</P1para></P1></P1group>"
          "<P1group><Title>Short title</Title><P1><Pnumber>3</Pnumber><P1para><Text>This Act may be cited as the "
          "Example Surveillance Act 2020.</Text></P1para></P1></P1group>"
          "</Body></Primary></Legislation>")

INSTRUCTIONS = [
    ("1", "The Example Surveillance Act 2020 is amended as follows.", ""),
    ("2", "In section 1, in the heading, omit “by warrant”.", ""),
    ("3", "In section 1(1), after “authorised” insert “in writing”.", ""),
    ("4", "In section 1(2), after “the head of the intelligence service”, in the first place it occurs, insert "
          "“, or a deputy,”.", ""),
    ("5", "In section 2(1), for “6 months” substitute “12 months”.", ""),
    ("6", "In section 2, after subsection (2) insert—",
     '<BlockAmendment TargetClass="primary" Context="main">' + _p2("2A", "A renewal must be recorded.")
     + "</BlockAmendment>"),
    ("7", "In section 2, subsection (3) is repealed.", ""),
    ("8", "In section 2(2), omit “once”.", ""),
    ("9", "The heading of section 3 becomes “Citation”.", ""),
    ("10", "In the italic heading before section 1, for “Bulk” substitute “General”.", ""),
    ("11", "For section 3 substitute—",
     '<BlockAmendment TargetClass="primary" Context="main"><P1group><Title>Short title and extent</Title><P1>'
     "<Pnumber>3</Pnumber><P1para><Text>This Act may be cited as the Example Surveillance Act 2020 and extends "
     "to England and Wales.</Text></P1para></P1></P1group></BlockAmendment>"),
    ("12", "In section 1(1), the words “under this Part” become paragraph (a).", ""),
    # conflicts: a provision that is not there, words that are not there, words that occur twice
    ("13", "In section 9, after “warrant” insert “or notice”.", ""),
    ("14", "In section 2(1), after “fortnight” insert “or so”.", ""),
    ("15", "In section 1(2), after “the head of the intelligence service” insert “(or deputy)”.", ""),
]
AMENDING = _amending_act("Example Surveillance (Amendment) Act 2026", 2026, 5, INSTRUCTIONS)


@pytest.fixture(scope="module")
def amended():
    target = lawdiff.parse_bytes(TARGET.encode(), "target.xml")
    amending = lawdiff.parse_bytes(AMENDING.encode(), "amending.xml")
    effects = extract(amending, target)
    return target, effects, apply_effects(target, effects.effects)


def test_every_instruction_is_read(amended):
    _, effects, applied = amended
    assert effects.understood == 1.0 and not effects.unparsed
    assert len(applied.outcomes) == len(INSTRUCTIONS) - 1  # all but the "amended as follows" line


def test_words(amended):
    _, _, applied = amended
    doc = applied.document
    # words match as written ("the head", not "The head"); the first of two places, as instructed
    assert doc.find("s. 1(2)").text == ("A record must be kept by the head of the intelligence service, or a "
                                        "deputy, and the head of the intelligence service must report it.")
    assert doc.find("s. 2(1)").text == "A warrant lasts for 12 months."
    assert doc.find("s. 2(2)").text == "A warrant may be renewed."  # "once" omitted, no space left before "."


def test_heading_punctuation_as_a_drafter_expects(amended):
    _, _, applied = amended
    assert applied.document.find("s. 1").heading == "Requirement for authorisation: general"
    assert applied.document.find("s. 3").heading == "Short title and extent"  # substituted after "becomes"


def test_cross_heading(amended):
    _, _, applied = amended
    assert applied.document.body[0].heading == "General warrants"


def test_provisions_inserted_omitted_substituted(amended):
    _, _, applied = amended
    doc = applied.document
    assert [c.citation for c in doc.find("s. 2").children] == ["s. 2(1)", "s. 2(2)", "s. 2(2A)"]
    assert doc.find("s. 2(2A)").text == "A renewal must be recorded."
    assert doc.find("s. 3").text == "This Act may be cited as the Example Surveillance Act 2020 and extends to " \
                                    "England and Wales."


def test_words_become_a_paragraph(amended):
    _, _, applied = amended
    s1 = applied.document.find("s. 1(1)")
    # no dash that no instruction inserts; the closing full stop goes with the words it closed
    assert s1.chapeau == "A service may not retain a dataset unless authorised in writing by a warrant"
    assert [(c.citation, c.text) for c in s1.children] == [("s. 1(1)(a)", "under this Part.")]
    assert s1.continuation == ""


def test_conflicts_name_both_provisions(amended):
    _, _, applied = amended
    reasons = {o.effect.source_citation: o.reason for o in applied.conflicts}
    assert set(reasons) == {"s. 1(13)", "s. 1(14)", "s. 1(15)"}
    assert "s. 1(13) amends s. 9, which is not in Example Surveillance Act 2020" == reasons["s. 1(13)"]
    assert reasons["s. 1(14)"] == "s. 1(14) → s. 2(1): the words “fortnight” are not there"
    assert "occurs 2 times and the instruction does not say which" in reasons["s. 1(15)"]


def test_round_trip(amended):
    _, _, applied = amended
    for fmt in ("clml", "akn"):
        again = lawdiff.parse_bytes(write(applied.document, fmt), f"again.{fmt}")
        assert [(p.citation, p.heading, p.text) for p in again.walk()] == \
            [(p.citation, p.heading, p.text) for p in applied.document.walk()]


def run(*args: str):
    return lawdiff_run(*args)


def test_amend_command(tmp_path):
    target, amending = tmp_path / "target.xml", tmp_path / "amending.xml"
    target.write_text(TARGET)
    amending.write_text(AMENDING)
    out, xml = tmp_path / "keeling.pdf", tmp_path / "amended.xml"
    result = run("amend", str(target), str(amending), "-o", str(out), "--xml", str(xml), "--date", "2026-11-29")
    assert result.returncode == 0, result.stderr
    assert "11 of 14 effects applied; 3 conflicts" in result.stdout
    assert "NOT APPLIED s. 1(13)" in result.stdout
    strict = run("amend", str(target), str(amending), "--strict")
    assert strict.returncode == 1
    reread = lawdiff.load(str(xml))
    assert reread.find("s. 2(1)").text == "A warrant lasts for 12 months."
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(out)).pages)
    assert "KEELING SCHEDULE Example Surveillance Act 2020 as amended by Example Surveillance (Amendment) Act" in text
    assert "Words in s. 2(1) substituted by Example Surveillance (Amendment) Act 2026 s. 1(5)" in text
    assert "Words in s. 1 heading omitted by Example Surveillance (Amendment) Act 2026 s. 1(2)" in text
    assert "not applied" in text and "the words “fortnight” are not there" in text  # the closing table
    data = json.loads(run("amend", str(target), str(amending), "--json").stdout)
    assert data["schema"] == "lawdiff.document/1"
    # the amended Act replaces its own earlier output, but not someone else's file, and says so
    # before it prints anything
    assert run("amend", str(target), str(amending), "--xml", str(xml)).returncode == 0
    mine = tmp_path / "mine.xml"
    mine.write_text("<notes>mine</notes>")
    refused = run("amend", str(target), str(amending), "--xml", str(mine))
    assert (refused.returncode, refused.stdout, mine.read_text()) == (2, "", "<notes>mine</notes>")
    assert refused.stderr.count("\n") == 1 and "use --force" in refused.stderr
    assert run("amend", str(target), str(amending), "--xml", str(mine), "--force").returncode == 0
    assert lawdiff.load(str(mine)).find("s. 2(1)").text == "A warrant lasts for 12 months."


@pytest.mark.parametrize("name", ["bankruptcy-scotland-act-2016", "agricultural-holdings-scotland-act-2003"])
def test_keeling_pairs(name):
    act = lawdiff.load(str(shared("keeling", name, "act.akn.xml")))
    bill = lawdiff.load(str(shared("keeling", name, "bill.akn.xml")))
    effects = extract(bill, act)
    applied = apply_effects(act, effects.effects)
    assert len(applied.outcomes) == len(effects.effects)  # no instruction silently lost
    # the test data's Act already has some of the bill's amendments: those say so, not "not there"
    done = [o for o in applied.outcomes if o.applied or o.reason.split(": ", 1)[-1].startswith("already amended?")]
    assert len(done) >= 0.9 * len(effects.effects)
    for o in applied.outcomes:
        e = o.effect
        if not o.applied or e.type != "words inserted" or not e.anchor:
            continue
        anchor = e.anchor.strip("“”")
        text = " ".join(x.text for x in applied.document.find(e.affected_citation).walk())
        new = " ".join(e.new_words.split())
        if e.location == "after":
            assert anchor in text and new.lstrip(",— ") in text, (e.source_citation, text)
            assert text.find(new.lstrip(",— ")) >= text.find(anchor), e.source_citation
        else:
            assert text.find(new) <= text.find(anchor), e.source_citation
    again = lawdiff.parse_bytes(write(applied.document), "again.xml")
    assert [(p.citation, p.text) for p in again.walk()] == [(p.citation, p.text) for p in applied.document.walk()]
    # the Keeling schedule's table of instructions tells of words and links that disagree
    rows = {r["source"]: r for r in instructions(effects, applied)}
    for e in effects.effects:
        if e.note:
            assert e.note in rows[e.source_citation]["reason"]


MORE = [
    ("1", "The Example Surveillance Act 2020 is amended as follows.", ""),
    ("2", "In section 2(1), at the beginning insert “Subject to section 3,”.", ""),
    ("3", "In section 2(1), at the end insert “unless renewed”.", ""),
    ("4", "In section 2, before subsection (1) insert—",
     '<BlockAmendment TargetClass="primary" Context="main">' + _p2("A1", "This section is about time.")
     + "</BlockAmendment>"),
    ("5", "In section 2(2), after “renewed”, in the third place it occurs, insert “again”.", ""),
    ("6", "In the italic heading before section 7, for “Bulk” substitute “General”.", ""),
    ("7", "In section 2(3), for the words from “is” to the end substitute “has no effect.”.", ""),
    ("8", "In section 1(2), after “the head of the intelligence service”, in both places it occurs, insert "
          "“or a deputy”.", ""),
]


def test_more_effect_types_and_conflicts():
    target = lawdiff.parse_bytes(TARGET.encode(), "target.xml")
    amending_xml = _amending_act("Example Surveillance (Amendment) Act 2027", 2027, 6, MORE)
    effects = extract(lawdiff.parse_bytes(amending_xml.encode(), "more.xml"), target)
    applied = apply_effects(target, effects.effects)
    doc = applied.document
    assert [c.citation for c in doc.find("s. 2").children][:2] == ["s. 2(A1)", "s. 2(1)"]
    # at the beginning; at the end, before the closing full stop
    assert doc.find("s. 2(1)").text == "Subject to section 3, A warrant lasts for 6 months unless renewed."
    assert doc.find("s. 2(3)").text == "This subsection has no effect."
    assert doc.find("s. 1(2)").text == ("A record must be kept by the head of the intelligence service or a deputy, "
                                        "and the head of the intelligence service or a deputy must report it.")
    reasons = {o.effect.source_citation: o.reason for o in applied.conflicts}
    assert reasons == {
        "s. 1(5)": "s. 1(5) → s. 2(2): “renewed” occurs 1 times, not 3",
        "s. 1(6)": "s. 1(6) amends the cross-heading before s. 7, which is not in Example Surveillance Act 2020",
    }


def test_ranges_from_the_beginning_after_words_and_paragraph_of_subsection():
    """"for the words after “X”", "from the beginning to “X”", "the words from “X” to “Y” become
    paragraph (a)", "for paragraph (b) of subsection (1)", and a reminder of what inserted a section."""
    target = lawdiff.parse_bytes((
        f'<Legislation xmlns="{L}">' + _meta("Example Retention Act 2021", 2021, 7) + "<Primary><Body>"
        "<P1group><Title>Retention</Title><P1><Pnumber>1</Pnumber><P1para>"
        + _p2("1", "A provider may retain data for twelve months after the notice is given.")
        + _p2("2", "The notice must be reviewed by the Commissioner before it is renewed.")
        + _p2("3", "A notice may require—", "<P3><Pnumber>a</Pnumber><P3para><Text>retention of data,</Text></P3para>"
              "</P3><P3><Pnumber>b</Pnumber><P3para><Text>deletion of data.</Text></P3para></P3>")
        + "</P1para></P1></P1group>"
        "<P1group><Title>Notices</Title><P1><Pnumber>1A</Pnumber><P1para><Text>A notice is given in writing."
        "</Text></P1para></P1></P1group></Body></Primary></Legislation>").encode(), "retention.xml")
    steps = [
        ("1", "The Example Retention Act 2021 is amended as follows.", ""),
        ("2", "In section 1(1), for the words after “twelve months” substitute “from the day it is given.”.", ""),
        ("3", "In section 1(2), for the words from the beginning to “reviewed” substitute “A notice must be approved”.",
         ""),
        ("4", "In section 1(3), for paragraph (b) of subsection (3) substitute—",
         '<BlockAmendment TargetClass="primary" Context="main"><P3><Pnumber>b</Pnumber><P3para><Text>destruction '
         "of data.</Text></P3para></P3></BlockAmendment>"),
        ("5", "After section 1A, inserted by section 9 of this Act, insert—",
         '<BlockAmendment TargetClass="primary" Context="main"><P1group><Title>Review</Title><P1><Pnumber>1B'
         "</Pnumber><P1para><Text>Notices are reviewed yearly.</Text></P1para></P1></P1group></BlockAmendment>"),
        ("6", "In section 1(2), the words from “by” to “Commissioner” become paragraph (a).", ""),
    ]
    amending = lawdiff.parse_bytes(_amending_act("Example Retention (Amendment) Act 2027", 2027, 8, steps).encode(), "amending.xml")
    effects = extract(amending, target)
    assert not effects.unparsed
    assert [(e.source_citation, e.type, e.affected_citation, e.anchor) for e in effects.effects] == [
        ("s. 1(2)", "words substituted", "s. 1(1)", "after “twelve months” to the end"),
        ("s. 1(3)", "words substituted", "s. 1(2)", "from the beginning to “reviewed”"),
        ("s. 1(4)", "provision substituted", "s. 1(3)(b)", None),
        ("s. 1(5)", "provision inserted", "s. 1A", None),
        ("s. 1(6)", "words become a new paragraph", "s. 1(2)", "“by” to “Commissioner”"),
    ]
    applied = apply_effects(target, effects.effects)
    assert not applied.conflicts, [o.reason for o in applied.conflicts]
    doc = applied.document
    assert doc.find("s. 1(1)").text == "A provider may retain data for twelve months from the day it is given."
    assert doc.find("s. 1(3)(b)").text == "destruction of data."
    assert [p.citation for p in doc.walk() if p.level == 1] == ["s. 1", "s. 1A", "s. 1B"]
    two = doc.find("s. 1(2)")
    assert (two.chapeau, two.children[0].text, two.continuation) == \
        ("A notice must be approved", "by the Commissioner", "before it is renewed.")


def test_schedule_paragraphs_headings_and_cross_headings_as_contexts():
    """Where an instruction is, said the ways a long amending Act says it: "Schedule 1 is amended as
    follows", "Paragraph 2 of Schedule 1 is amended in accordance with …", "The following amendments
    are to Schedule 1", "in paragraph 3 of Schedule 1", "in the heading to Part 1", "in the italic
    heading before section 2", "in the title to the Schedule", "Section 2 (duration) is amended"."""
    target = lawdiff.parse_bytes((
        f'<Legislation xmlns="{L}">' + _meta("Example Oversight Act 2022", 2022, 3) + "<Primary><Body>"
        "<Part><Number>Part 1</Number><Title>Oversight of warrants</Title>"
        "<Pblock><Title>Commissioners</Title>"
        "<P1group><Title>Appointment</Title><P1><Pnumber>1</Pnumber><P1para>"
        + _p2("1", "The Prime Minister must appoint a Commissioner.") + "</P1para></P1></P1group></Pblock>"
        "<Pblock><Title>Duration of warrants</Title>"
        "<P1group><Title>Duration</Title><P1><Pnumber>2</Pnumber><P1para>"
        + _p2("1", "A warrant lasts for 6 months.") + "</P1para></P1></P1group></Pblock></Part>"
        "</Body><Schedules><Schedule><Number>Schedule 1</Number><TitleBlock><Title>The Commissioner</Title>"
        "</TitleBlock><ScheduleBody>"
        "<P1><Pnumber>1</Pnumber><P1para><Text>The Commissioner holds office for 3 years.</Text></P1para></P1>"
        "<P1><Pnumber>2</Pnumber><P1para><P2><Pnumber>1</Pnumber><P2para><Text>The Commissioner may resign."
        "</Text></P2para></P2></P1para></P1>"
        "<P1><Pnumber>3</Pnumber><P1para><Text>The Commissioner must report annually.</Text></P1para></P1>"
        "</ScheduleBody></Schedule></Schedules></Primary></Legislation>").encode(), "oversight.xml")

    def section(num: str, *subs: str) -> str:
        return f"<P1><Pnumber>{num}</Pnumber><P1para>" + "".join(subs) + "</P1para></P1>"

    amending = lawdiff.parse_bytes((
        f'<Legislation xmlns="{L}">' + _meta("Example Oversight (Amendment) Act 2027", 2027, 9) + "<Primary><Body>"
        + section("1", _p2("1", "The Example Oversight Act 2022 is amended as follows."),
                  _p2("2", "In the heading to Part 1, after “Oversight” insert “and review”."),
                  _p2("3", "In the italic heading before section 2, at the end insert “and renewal”."),
                  _p2("4", "In paragraph 3 of Schedule 1 (reports), for “annually” substitute “every six months”."))
        + section("2", _p2("1", "Section 2 (duration) of the Example Oversight Act 2022 is amended as follows."),
                  _p2("2", "In subsection (1), for “6 months” substitute “12 months”."))
        + section("3", _p2("1", "Schedule 1 (the Commissioner) to the Example Oversight Act 2022 is amended as follows."),
                  _p2("2", "In paragraph 1, for “3 years” substitute “5 years”."),
                  _p2("3", "In the title to the Schedule, at the end insert “and deputies”."))
        + section("4", _p2("1", "Paragraph 2 of Schedule 1 to the Example Oversight Act 2022 is amended in accordance with "
                       "subsection (2)."),
                  _p2("2", "In sub-paragraph (1), after “resign” insert “by notice”."))
        + section("5", _p2("1", "The following amendments are to Schedule 1 (the Commissioner) to the Example Oversight Act 2022."),
                  _p2("2", "After paragraph 3 insert—", '<BlockAmendment TargetClass="primary" Context="schedule">'
                      "<P1><Pnumber>4</Pnumber><P1para><Text>The Commissioner may appoint deputies.</Text>"
                      "</P1para></P1></BlockAmendment>"))
        + "</Body></Primary></Legislation>").encode(), "amending.xml")
    effects = extract(amending, target)
    assert not effects.unparsed
    assert [(e.source_citation, e.type, e.affected_citation) for e in effects.effects] == [
        ("s. 1(2)", "heading amended", "Part 1 heading"),
        ("s. 1(3)", "cross-heading amended", "cross-heading before s. 2"),
        ("s. 1(4)", "words substituted", "Sch. 1 para. 3"),
        ("s. 2(2)", "words substituted", "s. 2(1)"),
        ("s. 3(2)", "words substituted", "Sch. 1 para. 1"),
        ("s. 3(3)", "heading amended", "Sch. 1 heading"),
        ("s. 4(2)", "words inserted", "Sch. 1 para. 2(1)"),
        ("s. 5(2)", "provision inserted", "Sch. 1 para. 3"),
    ]
    applied = apply_effects(target, effects.effects)
    assert not applied.conflicts, [o.reason for o in applied.conflicts]
    doc = applied.document
    assert doc.find("Part 1").heading == "Oversight and review of warrants"
    assert [p.heading for p in doc.walk() if p.kind == "crossheading"] == ["Commissioners",
                                                                          "Duration of warrants and renewal"]
    assert doc.find("s. 2(1)").text == "A warrant lasts for 12 months."
    assert doc.find("Sch. 1").heading == "The Commissioner and deputies"
    assert [doc.find(f"Sch. 1 para. {n}").text for n in ("1", "3", "4")] == [
        "The Commissioner holds office for 5 years.", "The Commissioner must report every six months.",
        "The Commissioner may appoint deputies."]
    assert doc.find("Sch. 1 para. 2(1)").text == "The Commissioner may resign by notice."


def test_instructions_naming_several_provisions():
    """"For subsections (2) and (3) substitute—" replaces the first and omits the other; "omit
    paragraphs (a) to (c)" omits three; "omit subsections (5), (6) and (8)" three more."""
    paras = "".join(f"<P3><Pnumber>{x}</Pnumber><P3para><Text>case {x};</Text></P3para></P3>" for x in "abcd")
    target = lawdiff.parse_bytes((
        f'<Legislation xmlns="{L}">' + _meta("Example Notices Act 2023", 2023, 4) + "<Primary><Body>"
        "<P1group><Title>Notices</Title><P1><Pnumber>1</Pnumber><P1para>"
        + _p2("1", "A notice may be given in—", paras)
        + "".join(_p2(str(n), f"Rule {n}.") for n in range(2, 9))
        + "</P1para></P1></P1group></Body></Primary></Legislation>").encode(), "notices.xml")
    steps = [
        ("1", "In section 1 of the Example Notices Act 2023, for subsections (2) and (3) substitute—",
         '<BlockAmendment TargetClass="primary" Context="main">' + _p2("2", "One new rule.") + "</BlockAmendment>"),
        ("2", "In section 1(1) of the Example Notices Act 2023, omit paragraphs (a) to (c).", ""),
        ("3", "In section 1 of the Example Notices Act 2023, omit subsections (5), (6) and (8).", ""),
        ("4", "In section 1(1) of the Example Notices Act 2023, at the end of paragraph (d) insert “or”.", ""),
    ]
    amending = lawdiff.parse_bytes(_amending_act("Example Notices (Amendment) Act 2027", 2027, 10, steps).encode(), "amending.xml")
    effects = extract(amending, target)
    assert [(e.source_citation, e.type, e.affected_citation) for e in effects.effects] == [
        ("s. 1(1)", "provision substituted", "s. 1(2)"), ("s. 1(1)", "provision omitted", "s. 1(3)"),
        ("s. 1(2)", "provision omitted", "s. 1(1)(a)"), ("s. 1(2)", "provision omitted", "s. 1(1)(b)"),
        ("s. 1(2)", "provision omitted", "s. 1(1)(c)"),
        ("s. 1(3)", "provision omitted", "s. 1(5)"), ("s. 1(3)", "provision omitted", "s. 1(6)"),
        ("s. 1(3)", "provision omitted", "s. 1(8)"), ("s. 1(4)", "words inserted", "s. 1(1)(d)"),
    ]
    applied = apply_effects(target, effects.effects)
    assert not applied.conflicts, [o.reason for o in applied.conflicts]
    one = applied.document.find("s. 1")
    assert [(c.num, c.text) for c in one.children] == [
        ("1", "A notice may be given in—"), ("2", "One new rule."), ("4", "Rule 4."), ("7", "Rule 7.")]
    # "at the end of paragraph (d) insert “or”": after its semicolon, joining it to what follows
    assert [(c.num, c.text) for c in one.children[0].children] == [("d", "case d; or")]


def test_existing_words_become_a_subsection_and_that_paragraph():
    """"the existing words become subsection (1)" then "after that subsection insert"; "at the end of
    paragraph (a) omit “or”"; "the words after “X” become paragraph (a)" then "in that paragraph"."""
    target = lawdiff.parse_bytes((
        f'<Legislation xmlns="{L}">' + _meta("Example Panels Act 2024", 2024, 5) + "<Primary><Body>"
        "<P1group><Title>Panels</Title><P1><Pnumber>1</Pnumber><P1para><Text>The regulator must consult the "
        "panel.</Text></P1para></P1></P1group>"
        "<P1group><Title>Members</Title><P1><Pnumber>2</Pnumber><P1para>"
        + _p2("1", "A member may be—", "<P3><Pnumber>a</Pnumber><P3para><Text>a consumer, or</Text></P3para></P3>"
              "<P3><Pnumber>b</Pnumber><P3para><Text>a trader.</Text></P3para></P3>")
        + _p2("2", "The panel reports to the regulator and the Treasury.")
        + "</P1para></P1></P1group></Body></Primary></Legislation>").encode(), "panels.xml")
    steps = [
        ("1", "The Example Panels Act 2024 is amended as follows.", ""),
        ("2", "In section 1, the existing words become subsection (1).", ""),
        ("3", "In section 1, after that subsection insert—",
         '<BlockAmendment TargetClass="primary" Context="main">' + _p2("2", "The panel may advise unasked.")
         + "</BlockAmendment>"),
        ("4", "In section 2(1), at the end of paragraph (a) omit “or”.", ""),
        ("5", "In section 2(2), the words after “reports to” become paragraph (a).", ""),
        ("6", "In section 2(2), in that paragraph, after “regulator” insert “, the Commissioner”.", ""),
        ("7", "In section 2(1), insert “and” after paragraph (a).", ""),
        ("8", "In section 2(1), for the “and” after paragraph (a) substitute “or”.", ""),
        ("9", "In section 1(1), omit the words after “consult”.", ""),
    ]
    amending = lawdiff.parse_bytes(_amending_act("Example Panels (Amendment) Act 2027", 2027, 11, steps).encode(),
                                   "amending.xml")
    effects = extract(amending, target)
    assert not effects.unparsed
    assert [(e.source_citation, e.type, e.affected_citation, e.occurrence) for e in effects.effects] == [
        ("s. 1(2)", "words become a new paragraph", "s. 1", None),
        ("s. 1(3)", "provision inserted", "s. 1(1)", None),
        ("s. 1(4)", "words omitted", "s. 2(1)(a)", "in the last place it occurs"),
        ("s. 1(5)", "words become a new paragraph", "s. 2(2)", None),
        ("s. 1(6)", "words inserted", "s. 2(2)(a)", None),
        ("s. 1(7)", "words inserted", "s. 2(1)(a)", None),
        ("s. 1(8)", "words substituted", "s. 2(1)(a)", "in the last place it occurs"),
        ("s. 1(9)", "words omitted", "s. 1(1)", None),
    ]
    applied = apply_effects(target, effects.effects)
    assert not applied.conflicts, [o.reason for o in applied.conflicts]
    doc = applied.document
    # "omit the words after “consult”": the sentence keeps its full stop
    assert [(c.citation, c.text) for c in doc.find("s. 1").children] == [
        ("s. 1(1)", "The regulator must consult."), ("s. 1(2)", "The panel may advise unasked.")]
    assert doc.find("s. 2(1)(a)").text == "a consumer, or"
    assert doc.find("s. 2(2)").text == "The panel reports to"  # no dash that no instruction inserts
    assert doc.find("s. 2(2)(a)").text == "the regulator, the Commissioner and the Treasury."


def test_xml_of_a_format_lawdiff_cannot_write_is_refused_before_any_work(tmp_path):
    """--xml for a USLM Act: one line, before any report (the report was printed, then the error)."""
    out = tmp_path / "amended.xml"
    result = run("amend", str(shared("statutes", "us", "hr-116-2157-ih.uslm.xml")),
                 str(shared("statutes", "us", "hr-116-2157-enr.uslm.xml")), "--xml", str(out))
    assert (result.returncode, result.stdout, out.exists()) == (2, "", False)
    assert result.stderr == "lawdiff: error: lawdiff writes CLML and Akoma Ntoso, not 'uslm'\n"


def test_effects_are_typed_values_with_a_structured_place(amended):
    """One class per operation, so that apply dispatches on the class; the place is the Act, the
    provision and the part amended (its words, its heading, the cross-heading before it)."""
    from lawdiff.amend import effects as fx
    _, effects, _ = amended
    by_source = {e.source_citation: e for e in effects.effects}
    for e in effects.effects:
        assert type(e) is fx.EFFECT_CLASSES[e.type] and type(e).KIND == e.type
    assert isinstance(by_source["s. 1(3)"], fx.WordsInserted)
    assert isinstance(by_source["s. 1(6)"], fx.ProvisionInserted)
    assert isinstance(by_source["s. 1(12)"], fx.WordsBecomeProvision)
    heading = by_source["s. 1(2)"]
    assert heading.place == fx.Place("Example Surveillance Act 2020", "s. 1", "heading")
    assert heading.affected_citation == "s. 1 heading"
    cross = by_source["s. 1(10)"]
    assert isinstance(cross, fx.CrossHeadingAmended)
    assert cross.place == fx.Place("Example Surveillance Act 2020", "s. 1", "cross-heading")
    assert cross.affected_citation == "cross-heading before s. 1"
    # a kind and a class that disagree are refused; retyping keeps every other field
    with pytest.raises(ValueError):
        fx.WordsInserted(**{**{f: getattr(heading, f) for f in ("affected_act", "affected_citation", "affected_id",
                                                                 "location", "whole_provision")},
                            "type": "words omitted"})
    again = fx.retyped(by_source["s. 1(5)"], fx.WORDS_INSERTED)
    assert isinstance(again, fx.WordsInserted) and again.place == by_source["s. 1(5)"].place


def test_keeling_pdf_of_a_real_pair_is_laid_out_as_the_amended_act(tmp_path):
    """The Act named as its own words name it (the export's metadata says only "ML Keeling Schedule
    test data"), the bill with its stage, no "Old" and "New" columns, and the options compare takes."""
    folder = ("keeling", "employment-rights-act-1996")
    out = tmp_path / "keeling.pdf"
    result = run("amend", str(shared(*folder, "act.akn.xml")), str(shared(*folder, "bill.akn.xml")), "-o", str(out),
                 "--date", "2026-12-01", "--paper", "letter")
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(str(out))
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "KEELING SCHEDULE" in cover and "Employment Rights Act 1996 as amended by Employment Rights Bill" in cover
    assert "Amended by Employment Rights Bill (as introduced in the House of Commons)" in cover
    assert "Generated 2026-12-01" in cover and "Compared as" not in cover and "ML Keeling" not in cover
    assert reader.metadata.title == "Employment Rights Act 1996 as amended by Employment Rights Bill"
    assert abs(float(reader.pages[0].mediabox.width) - 612) < 1  # letter
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "substituted by Employment Rights Bill clause" in text
    titled = tmp_path / "titled.pdf"
    assert run("amend", str(shared(*folder, "act.akn.xml")), str(shared(*folder, "bill.akn.xml")), "-o", str(titled),
               "--title", "Briefing: ERB Keeling", "--date", "2026-12-01").returncode == 0
    assert pypdf.PdfReader(str(titled)).metadata.title == "Briefing: ERB Keeling"
