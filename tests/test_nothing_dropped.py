"""Nothing read is silently dropped: Akoma Ntoso components are schedules, and an element lawdiff
does not know keeps its words in the provision around it, is counted, and `parse` says so."""

from __future__ import annotations

import subprocess
import sys

import lawdiff
from lawdiff.compare import DiffOptions, diff

from conftest import shared

CAPE_TOWN = "za-cpt-by-law-2003-sub-council@{}.akn2.xml"


def test_akn_2_components_are_schedules_and_the_change_to_schedule_2_is_found():
    old, new = (lawdiff.load(str(shared("statutes", "akn", CAPE_TOWN.format(v)))) for v in ("2011-08-05", "2013-11-01"))
    assert [s.citation for s in new.schedules] == ["Sch. 1", "Sch. 2"]
    assert "Subcouncil 1 Blaauwberg" in new.find("Sch. 2").text
    assert "Subcouncil 1 Blaauwberg" not in old.find("Sch. 2").text
    result = diff(old, new, DiffOptions(mode="versions"))
    changed = {c.citation for c in result.reported()}
    assert "Sch. 2" in changed and "Sch. 1" not in changed
    shown = subprocess.run([sys.executable, "-m", "lawdiff", "show", str(shared("statutes", "akn", CAPE_TOWN.format(
        "2013-11-01"))), "Sch. 2"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "Subcouncil 1 Blaauwberg" in shown.stdout


AKN3 = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act">
<meta><identification source="#x"><FRBRWork><FRBRthis value="/akn/xx/act/2020/1/main"/><FRBRuri value="/akn/xx/act/2020/1"/>
<FRBRdate date="2020-01-01" name="made"/><FRBRauthor href="#x"/><FRBRcountry value="xx"/><FRBRname value="Example Records Act 2020"/>
</FRBRWork></identification></meta>
<body><section eId="sec_1"><num>1</num><heading>Records</heading><subsection eId="sec_1__subsec_1"><num>(1)</num>
<content><p>A provider must keep <frobnicate>records of every notice</frobnicate> for a year.</p></content>
</subsection></section></body>
<components><component eId="cmpnt_1"><doc name="schedule"><meta><identification source="#x"><FRBRWork>
<FRBRthis value="/akn/xx/act/2020/1/schedule"/><FRBRuri value="/akn/xx/act/2020/1"/><FRBRalias value="Schedule 1 Kinds of record"/>
<FRBRdate date="2020-01-01" name="made"/><FRBRauthor href="#x"/><FRBRcountry value="xx"/></FRBRWork></identification></meta>
<mainBody><paragraph eId="para_1"><num>1</num><content><p>Records of notices given.</p></content></paragraph></mainBody>
</doc></component></components></act></akomaNtoso>"""


def test_an_unknown_element_keeps_its_words_is_counted_and_parse_says_so(tmp_path):
    doc = lawdiff.parse_bytes(AKN3.encode(), "records.akn.xml")
    assert doc.find("s. 1(1)").text == "A provider must keep records of every notice for a year."
    assert doc.unplaced == (("frobnicate", 1),)
    # an Akoma Ntoso 3.0 act's own components are its schedules too
    assert [(s.citation, s.heading) for s in doc.schedules] == [("Sch. 1", "Kinds of record")]
    assert doc.find("Sch. 1 para. 1").text == "Records of notices given."
    path = tmp_path / "records.akn.xml"
    path.write_text(AKN3)
    result = subprocess.run([sys.executable, "-m", "lawdiff", "parse", str(path)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "s. 1(1)" in result.stdout
    assert result.stderr == (f"lawdiff: warning: {path}: 1 element lawdiff does not know, read as words of the "
                             "provision around them: frobnicate (1)\n")


def test_real_documents_have_no_element_lawdiff_does_not_know():
    """The inline, list and table vocabulary of CLML, Akoma Ntoso and USLM is known: a warning on
    real legislation would be noise, and hide the one that matters."""
    for folder in ("uk", "akn", "us"):
        for path in sorted(shared("statutes", folder).glob("*.xml")):
            assert lawdiff.load(str(path)).unplaced == (), path.name
