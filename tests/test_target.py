"""The right Act for every instruction: the Act is carried down to each effect, the target is
known by its name, and effects on other Acts are never applied to it."""

from __future__ import annotations

import re
from collections import Counter

import pytest

import lawdiff
from lawdiff.amend import extract
from lawdiff.errors import LawdiffError

from conftest import shared, lawdiff_run

L = "http://www.legislation.gov.uk/namespaces/legislation"


def run(*args: str, cwd=None):
    return lawdiff_run(*args, cwd=cwd)


def _doc(title: str | None, body: str) -> lawdiff.Document:
    meta = (f'<ukm:Metadata xmlns:ukm="http://www.legislation.gov.uk/namespaces/metadata" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></ukm:Metadata>') if title else ""
    return lawdiff.parse_bytes(f'<Legislation xmlns="{L}">{meta}<Primary><Body>{body}</Body></Primary></Legislation>'
                               .encode(), "doc.xml")


def _section(num: str, *texts: str) -> str:
    subs = "".join(f"<P2><Pnumber>{k}</Pnumber><P2para><Text>{t}</Text></P2para></P2>" for k, t in enumerate(texts, 1))
    return f"<P1group><Title>Section {num}</Title><P1><Pnumber>{num}</Pnumber><P1para>{subs}</P1para></P1></P1group>"


def _flat(num: str, text: str) -> str:
    return f"<P1group><Title>Section {num}</Title><P1><Pnumber>{num}</Pnumber><P1para><Text>{text}</Text></P1para></P1></P1group>"


AMENDING = _doc("Example (Amendment) Act 2027", "".join([
    _section("1", "The Example Records Act 2020 is amended as follows.",
             "In section 2, for “6 months” substitute “12 months”."),
    _section("2", "In section 2 of the Example Notices Act 2019, for “6 months” substitute “3 months”."),
    _section("3", "In this Act “the 2020 Act” means the Example Records Act 2020.",
             "In section 3 of the 2020 Act, omit “annually”."),
]))
TARGET_BODY = (_flat("2", "A record is kept for 6 months.") + _flat("3", "A report is made annually.")
               + _flat("9", "This Act may be cited as the Example Records Act 2020."))


def test_the_act_is_carried_to_every_effect_and_short_forms_read_as_titles():
    effects = extract(AMENDING).effects
    assert [(e.source_citation, e.affected_act, e.affected_citation) for e in effects] == [
        ("s. 1(2)", "Example Records Act 2020", "s. 2"),
        ("s. 2(1)", "Example Notices Act 2019", "s. 2"),
        ("s. 3(2)", "Example Records Act 2020", "s. 3"),  # "the 2020 Act", as s. 3(1) defines it
    ]


def test_the_target_is_known_by_its_short_title_provision_and_other_acts_are_set_aside():
    target = _doc(None, TARGET_BODY)  # no title in its metadata: its s. 9 names it
    result = extract(AMENDING, target)
    assert result.target_act == "Example Records Act 2020" and result.target_note is None
    assert [e.source_citation for e in result.effects] == ["s. 1(2)", "s. 3(2)"]
    assert result.set_aside == 1  # the Example Notices Act 2019's, though its section 2 exists here too
    applied = lawdiff.amend.apply_effects(target, result.effects)
    assert [o.applied for o in applied.outcomes] == [True, True]
    assert applied.document.find("s. 2").text == "A record is kept for 12 months."


def test_target_title_names_a_target_that_names_itself_nowhere():
    target = _doc("Working copy", _flat("2", "A record is kept for 6 months."))
    result = extract(AMENDING, target, target_title="Example Notices Act 2019")
    assert [(e.source_citation, e.affected_act) for e in result.effects] == [("s. 2(1)", "Example Notices Act 2019")]


def test_no_effect_aimed_at_the_target_is_one_line_naming_the_acts_amended():
    with pytest.raises(LawdiffError) as caught:
        extract(AMENDING, _doc(None, _section("2", "x") + _section("9", "This Act may be cited as the Other Act 2001.")))
    assert str(caught.value) == ("Example (Amendment) Act 2027 amends Example Records Act 2020 (2 effects), "
                                 "Example Notices Act 2019 (1); none of them is the Other Act 2001 "
                                 "(say --target-title to name it)")


@pytest.mark.skipif(not shared("statutes").exists(), reason="../shared/statutes is not here")
def test_amend_never_applies_instructions_aimed_at_other_acts(tmp_path):
    """FSMA 2023 is not amended by the IP(A)A 2024, though both number provisions alike."""
    out = tmp_path / "out.xml"
    uk = shared("statutes", "uk")
    result = run("amend", str(uk / "ukpga-2023-29@2024-11-01.clml.xml"), str(uk / "ukpga-2024-9.clml.xml"),
                 "--xml", str(out))
    assert result.returncode == 2 and not out.exists()
    line = result.stderr.strip()
    assert "\n" not in line and re.match(r"lawdiff: error: Investigatory Powers \(Amendment\) Act 2024 amends "
                                          r"Investigatory Powers Act 2016 \(1\d\d effects\), Regulation of "
                                          r"Investigatory Powers Act 2000 \(\d+\), ", line)
    assert line.endswith("none of them is the Financial Services and Markets Act 2023 (say --target-title to name it)")
    pdf = tmp_path / "k.pdf"
    result = run("amend", "example:surveillance-act", str(uk / "ukpga-2024-9.clml.xml"), "-o", str(pdf))
    assert result.returncode == 2 and not pdf.exists() and "none of them is the" in result.stderr
    result = run("effects", str(uk / "ukpga-2024-9.clml.xml"), "--target", "example:surveillance-act")
    assert result.returncode == 2 and result.stdout == ""


@pytest.mark.skipif(not shared("keeling").exists(), reason="../shared/keeling is not here")
def test_a_lawmaker_export_without_a_title_gets_its_own_instructions():
    """Lawmaker's exports carry a placeholder title ("ML Keeling Schedule test data"); the Employment
    Rights Act 1996 names itself in its short-title provision, and clauses 1 to 48 of the bill amend it."""
    folder = shared("keeling", "employment-rights-act-1996")
    bill, act = lawdiff.load(str(folder / "bill.akn.xml")), lawdiff.load(str(folder / "act.akn.xml"))
    assert act.title.startswith("ML Keeling Schedule test data")
    result = extract(bill, act)
    assert result.target_act == "Employment Rights Act 1996" and result.target_note is None
    assert {e.affected_act for e in result.effects} == {"Employment Rights Act 1996"}
    clauses = {int(e.source_citation.split()[1].split("(")[0]) for e in result.effects
               if e.source_citation.startswith("clause")}
    assert {1, 2, 3, 6, 7, 14, 18} <= clauses
    # after clause 48, only instructions that name the Act in their own words (clauses 51(12), 59(5))
    later = [e for e in result.effects if e.source_citation.startswith("clause")
             and int(e.source_citation.split()[1].split("(")[0]) > 48]
    assert later and all("of the Employment Rights Act 1996" in e.text for e in later)
    # Schedule paragraphs only under the headings that name the Act (Sch. 1, "Employment Rights Act 1996")
    assert all(e.source_citation.startswith(("clause", "Sch. 1 ", "Sch. 2 ")) for e in result.effects)


@pytest.mark.skipif(not shared("statutes").exists(), reason="../shared/statutes is not here")
@pytest.mark.parametrize("name", ["ukpga-2024-9.clml.xml", "ukpga-2024-9.akn.xml", "uksi-2025-3@made.clml.xml",
                                  "uksi-2025-3@made.akn.xml", "ukpga-2023-29@2024-11-01.clml.xml"])
def test_no_effect_lacks_an_act(name, capsys):
    result = extract(lawdiff.load(str(shared("statutes", "uk", name))))
    acts = Counter(e.affected_act for e in result.effects)
    with capsys.disabled():
        print(f"\n  {name}: {len(result.effects)} effects on {len(acts)} Acts; {len(result.without_act)} name none")
    assert result.without_act == []
    assert "FSMA 2000" not in acts
    if name.startswith("uksi-2025-3"):  # "The State Pension Credit Regulations 2002 are amended as follows."
        assert acts["State Pension Credit Regulations 2002"] >= 3
