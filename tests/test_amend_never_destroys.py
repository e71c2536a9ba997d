"""Amend never destroys: an amending text applied to itself, to a document it does not amend, or to
a document that numbers two provisions alike, never raises and never omits a provision that no
instruction names for that document."""

from __future__ import annotations


import pytest

import lawdiff
from lawdiff.amend import apply_effects, extract
from lawdiff.errors import LawdiffError

from conftest import shared, lawdiff_run
from test_amend import L, _amending_act, _meta, _p2

REAL = ["uk/ukpga-2023-29@2024-11-01.clml.xml", "uk/ukpga-2024-9.clml.xml", "uk/uksi-2025-3@made.clml.xml",
        "us/hr-116-2157-ih.uslm.xml", "akn/za-cpt-by-law-2003-sub-council@2013-11-01.akn2.xml"]


def run(*args: str):
    return lawdiff_run(*args)


@pytest.mark.parametrize("target, amending", [(a, a) for a in REAL] + [
    ("uk/uksi-2025-3@made.clml.xml", "uk/ukpga-2024-9.clml.xml"),
    ("us/hr-116-2157-enr.uslm.xml", "us/hr-116-2157-ih.uslm.xml"),
    ("akn/za-cpt-by-law-2003-sub-council@2011-08-05.akn2.xml", "uk/ukpga-2023-29@2024-11-01.clml.xml"),
])
def test_an_amending_text_applied_to_itself_or_to_what_it_does_not_amend(tmp_path, target, amending):
    out = tmp_path / "out.xml"  # (lawdiff writes no USLM: the amended tree is asked for as JSON there)
    wanted = ["--json"] if target.endswith(".uslm.xml") else ["--xml", str(out)]
    result = run("amend", str(shared("statutes", *target.split("/"))), str(shared("statutes", *amending.split("/"))),
                 *wanted)
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "none" in result.stderr, result.stderr
    assert not out.exists()


def test_the_library_call_applies_nothing_it_was_not_told_to():
    """The Python call too: with the target named, what is not aimed at it is never applied."""
    fsma = lawdiff.load(str(shared("statutes", "uk", "ukpga-2023-29@2024-11-01.clml.xml")))
    with pytest.raises(LawdiffError, match="none of them is the Financial Services and Markets Act 2023"):
        extract(fsma, fsma)
    # the effects read without a target name other Acts: applied to FSMA 2023 all the same,
    # those on provisions it does not have are conflicts, and nothing is omitted that they do not name
    effects = [e for e in extract(fsma).effects if e.affected_act != "Financial Services and Markets Act 2023"][:200]
    applied = apply_effects(fsma, effects)
    named = {o.citation for o in applied.outcomes if o.applied}
    gone = {p.citation for p in fsma.walk()} - {p.citation for p in applied.document.walk()}
    assert all(any(c == n or c.startswith(n + "(") or c.startswith(n + " ") for n in named) for c in gone), \
        sorted(gone)[:10]


def test_a_document_numbering_two_provisions_alike_loses_neither():
    target = lawdiff.parse_bytes((
        f'<Legislation xmlns="{L}">' + _meta("Example Duplicates Act 2021", 2021, 5) + "<Primary><Body>"
        "<P1group><Title>One</Title><P1><Pnumber>2</Pnumber><P1para>" + _p2("1", "First two.") + "</P1para></P1></P1group>"
        "<P1group><Title>Two</Title><P1><Pnumber>2</Pnumber><P1para>" + _p2("1", "Second two.") + "</P1para></P1></P1group>"
        "<P1group><Title>Three</Title><P1><Pnumber>3</Pnumber><P1para>" + _p2("1", "Alpha.") + _p2("1", "Beta.")
        + _p2("2", "Gamma.") + "</P1para></P1></P1group></Body></Primary></Legislation>").encode(), "duplicates.xml")
    steps = [("1", "The Example Duplicates Act 2021 is amended as follows.", ""), ("2", "Section 2 is repealed.", ""),
             ("3", "In section 3, omit subsection (1).", ""),
             ("4", "In section 3(1), for “Alpha” substitute “Aleph”.", ""),
             ("5", "In section 3(2), for “Gamma” substitute “Delta”.", "")]
    amending = lawdiff.parse_bytes(_amending_act("Example Duplicates (Amendment) Act 2027", 2027, 4, steps).encode(),
                                   "amending.xml")
    applied = apply_effects(target, extract(amending, target).effects)
    reasons = [o.reason for o in applied.conflicts]
    assert reasons == [
        "s. 1(2) → s. 2: the Act numbers more than one provision s. 2: it is not said which",
        "s. 1(3) → s. 3(1): the Act numbers more than one provision s. 3(1): it is not said which",
        "s. 1(4) → s. 3(1): the Act numbers more than one provision s. 3(1): it is not said which",
    ]
    assert [p.text for p in applied.document.walk() if p.level == 2] == ["First two.", "Second two.", "Alpha.",
                                                                         "Beta.", "Delta."]
