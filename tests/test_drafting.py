"""Drafting conventions when applying amendments, each on a small invented Act.

What a drafter expects of an amended text that the words of the instructions alone do not
say: words that become paragraph (a) take only what the instructions bring; omissions leave
no doubled space and no space before punctuation; "at the end" of a provision with paragraphs
means after its last words as printed; a substituted provision is struck whole and inserted
whole in a Keeling schedule; and an instruction the Act already reads as made is "already
amended?", not a provision or words that are "not there".
"""

from __future__ import annotations

import pytest

import lawdiff
from lawdiff.amend import apply_effects, extract
from lawdiff.render.keeling import keeling_options
from lawdiff.render.pdf import PdfOptions

from test_amend import _amending_act, _meta, _p2, L


def _act(*sections: str) -> lawdiff.Document:
    xml = (f'<Legislation xmlns="{L}">' + _meta("Example Notices Act 2021", 2021, 4) + "<Primary><Body>"
           + "".join(sections) + "</Body></Primary></Legislation>")
    return lawdiff.parse_bytes(xml.encode(), "notices.xml")


def _section(num: str, heading: str, *subsections: str) -> str:
    return (f"<P1group><Title>{heading}</Title><P1><Pnumber>{num}</Pnumber><P1para>" + "".join(subsections)
            + "</P1para></P1></P1group>")


def _amend(target: lawdiff.Document, *steps: tuple[str, str] | tuple[str, str, str]):
    steps = [("1", "The Example Notices Act 2021 is amended as follows.", "")] + \
        [(s[0], s[1], s[2] if len(s) > 2 else "") for s in steps]
    amending = lawdiff.parse_bytes(_amending_act("Example Notices (Amendment) Act 2027", 2027, 3, steps).encode(),
                                   "amending.xml")
    effects = extract(amending, target)
    assert not effects.unparsed, [u.text for u in effects.unparsed]
    return effects, apply_effects(target, effects.effects)


def _paragraphs(n: str, *items: str) -> str:
    return "".join(f"<P3><Pnumber>{x}</Pnumber><P3para><Text>{t}</Text></P3para></P3>" for x, t in zip("abcd", items))


def test_words_that_become_paragraph_a_take_only_what_the_instructions_bring():
    """IP(A)A 2024 s. 1(4) does this to IPA 2016 s. 199: words become (a), then ", or (b) …" after it."""
    act = _act(_section("1", "Notices", _p2("1", "A notice may be given only with approval.")))
    _, applied = _amend(act, ("2", "In section 1(1), the words “with approval” become paragraph (a)."),
                        ("3", "In section 1(1), after that paragraph insert “, or (b) in an emergency.”."))
    assert not applied.conflicts, [o.reason for o in applied.conflicts]
    one = applied.document.find("s. 1(1)")
    # no dash that no instruction inserts, and the full stop does not survive as stray text
    assert one.chapeau == "A notice may be given only"
    assert [(c.citation, c.text) for c in one.children] == [
        ("s. 1(1)(a)", "with approval, or"), ("s. 1(1)(b)", "in an emergency.")]
    assert one.continuation == ""


def test_words_in_the_middle_become_a_paragraph_and_the_rest_follows_it():
    act = _act(_section("1", "Notices", _p2("1", "A notice may be given by the Commissioner before it is renewed.")))
    _, applied = _amend(act, ("2", "In section 1(1), the words from “by” to “Commissioner” become paragraph (a)."))
    one = applied.document.find("s. 1(1)")
    assert (one.chapeau, one.children[0].text, one.continuation) == \
        ("A notice may be given", "by the Commissioner", "before it is renewed.")


@pytest.mark.parametrize("instruction, expected", [
    ("omit “(in writing)”", "A notice must be given; and it lapses after 6 months, unless renewed."),
    ("omit “must be given”", "A notice (in writing); and it lapses after 6 months, unless renewed."),
    ("omit “after 6 months”", "A notice (in writing) must be given; and it lapses, unless renewed."),
    ("omit “, unless renewed”", "A notice (in writing) must be given; and it lapses after 6 months."),
    ("omit “in writing”", "A notice () must be given; and it lapses after 6 months, unless renewed."),
    ("for “6 months” substitute “a year”", "A notice (in writing) must be given; and it lapses after a year, "
                                           "unless renewed."),
    ("omit the words from “; and” to the end", "A notice (in writing) must be given."),
])
def test_omitting_or_substituting_words_leaves_no_doubled_space_or_space_before_punctuation(instruction, expected):
    act = _act(_section("1", "Notices", _p2("1", "A notice (in writing) must be given; and it lapses after 6 months, "
                                                 "unless renewed.")))
    _, applied = _amend(act, ("2", f"In section 1(1), {instruction}."))
    assert not applied.conflicts, [o.reason for o in applied.conflicts]
    text = applied.document.find("s. 1(1)").text
    assert text == expected
    assert "  " not in text and not any(f" {p}" in text for p in ",;:.")


def test_at_the_end_of_a_provision_with_paragraphs_goes_after_its_last_words_as_printed():
    act = _act(_section("1", "Notices",
                        _p2("1", "A notice may require—", _paragraphs("1", "retention of data, or", "deletion of data.")),
                        _p2("2", "A notice may require—", _paragraphs("2", "retention, or", "deletion,")
                            + "<Text>of data held by the provider.</Text>")))
    _, applied = _amend(act, ("2", "In section 1(1), at the end insert “held by the provider”."),
                        ("3", "In section 1(2), at the end insert “This is subject to section 2.”."))
    assert not applied.conflicts, [o.reason for o in applied.conflicts]
    doc = applied.document
    one = doc.find("s. 1(1)")
    assert one.chapeau == "A notice may require—"  # not at the end of the words before the paragraphs
    assert doc.find("s. 1(1)(b)").text == "deletion of data held by the provider."
    # words after the paragraphs are the last words printed; a whole sentence follows the full stop
    assert doc.find("s. 1(2)").continuation == "of data held by the provider. This is subject to section 2."


def test_a_substituted_provision_is_struck_whole_and_inserted_whole_in_the_keeling_view():
    act = _act(_section("1", "Notices", _p2("1", "A notice lasts for 6 months and may be renewed once."),
                        _p2("2", "A notice must be in writing.")))
    amending_steps = [("2", "In section 1, for subsection (1) substitute—",
                       '<BlockAmendment TargetClass="primary" Context="main">'
                       + _p2("1", "A notice lasts for 12 months and may be renewed twice.") + "</BlockAmendment>"),
                      ("3", "In section 1(2), for “writing” substitute “writing or electronic form”.", "")]
    effects, applied = _amend(act, *amending_steps)
    amending = lawdiff.parse_bytes(_amending_act("Example Notices (Amendment) Act 2027", 2027, 3, [
        ("1", "The Example Notices Act 2021 is amended as follows.", "")] + amending_steps).encode(), "a.xml")
    result, _ = keeling_options(act, amending, applied, effects, PdfOptions())
    changes = {(c.kind, (c.old or c.new).citation): c for c in result.walk() if c.kind != "unchanged"}
    # the old subsection struck whole, the new one inserted whole: never a mix of their words
    assert ("removed", "s. 1(1)") in changes and ("added", "s. 1(1)") in changes
    assert ("modified", "s. 1(1)") not in changes
    assert changes[("removed", "s. 1(1)")].old.text == "A notice lasts for 6 months and may be renewed once."
    assert changes[("added", "s. 1(1)")].new.text == "A notice lasts for 12 months and may be renewed twice."
    # words substituted within a provision are still marked word by word
    assert [op.text for op in changes[("modified", "s. 1(2)")].text_ops if op.op == "insert"] == [" or electronic form"]


def test_an_instruction_the_act_already_reads_as_made_is_already_amended():
    act = _act(_section("1", "Notices",
                        _p2("1", "A notice lasts for 12 months."),
                        _p2("2", "A notice may be renewed under subsection (1) or (3)."),
                        _p2("3", "A notice must be recorded."),
                        _p2("4", "A record is kept for a year.")))
    _, applied = _amend(
        act,
        ("2", "In section 1(1), for “6 months” substitute “12 months”."),
        ("3", "In section 1(2), after “(1)” insert “or (3)”."),
        ("4", "In section 1, after subsection (3) insert—",
         '<BlockAmendment TargetClass="primary" Context="main">' + _p2("4", "A record is kept for a year.")
         + "</BlockAmendment>"),
        ("5", "In section 1(3), for “a fortnight” substitute “a week”."),
        ("6", "In section 1(3), after “recorded” insert “in writing”."),
    )
    reasons = {o.effect.source_citation: o.reason for o in applied.conflicts}
    assert set(reasons) == {"s. 1(2)", "s. 1(3)", "s. 1(4)", "s. 1(5)"}
    for source in ("s. 1(2)", "s. 1(3)", "s. 1(4)"):
        assert "already amended?" in reasons[source], reasons[source]
    assert "“12 months” is there and “6 months” is not" in reasons["s. 1(2)"]
    assert "“(1) or (3)” is there" in reasons["s. 1(3)"]
    assert "s. 1(4) is there, as it would be inserted" in reasons["s. 1(4)"]
    # words that are neither there nor there as amended are simply not there
    assert reasons["s. 1(5)"] == "s. 1(5) → s. 1(3): the words “a fortnight” are not there"
    doc = applied.document
    assert doc.find("s. 1(2)").text == "A notice may be renewed under subsection (1) or (3)."  # not "(3) or (3)"
    assert [c.num for c in doc.find("s. 1").children] == ["1", "2", "3", "4"]  # no second (4)
    assert doc.find("s. 1(3)").text == "A notice must be recorded in writing."


def test_a_new_provision_with_a_number_already_taken_is_not_inserted():
    act = _act(_section("1", "Notices", _p2("1", "A notice lasts for 12 months."), _p2("2", "It may be renewed.")))
    _, applied = _amend(act, ("2", "In section 1, after subsection (1) insert—",
                              '<BlockAmendment TargetClass="primary" Context="main">'
                              + _p2("2", "It must be recorded.") + "</BlockAmendment>"))
    (conflict,) = applied.conflicts
    assert "s. 1(2) is already there" in conflict.reason and "already amended?" not in conflict.reason
    assert [c.text for c in applied.document.find("s. 1").children] == ["A notice lasts for 12 months.",
                                                                        "It may be renewed."]
