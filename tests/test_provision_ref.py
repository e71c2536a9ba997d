"""One provision-reference type that parses and prints, shared by the model, the amending grammar
and comparison tables; one reader of Roman numerals (issue 15, point 4)."""

from __future__ import annotations

import pytest

import lawdiff
from lawdiff.model import ProvisionRef
from lawdiff.model.numbers import roman, roman_value

ACT = "example:surveillance-act"



@pytest.mark.parametrize("typed, printed", [
    ("section 200(1)(a)", "s. 200(1)(a)"), ("s.200 (1)(a)", "s. 200(1)(a)"), ("Sch 2 para 3(1)", "Sch. 2 para. 3(1)"),
    ("schedule 2", "Sch. 2"), ("Sch. para. 5", "Sch. para. 5"), ("Part 1 Chapter 2", "Part 1 Chapter 2"),
    ("pt. 3", "Part 3"), ("Sch. 2 Part 1", "Sch. 2 Part 1"), ("clause 5(2)", "s. 5(2)"),
])
def test_a_provision_reference_parses_and_prints_back(typed, printed):
    ref = ProvisionRef.parse(typed)
    assert str(ref) == printed
    assert ProvisionRef.parse(str(ref)) == ref  # what it prints, it reads


def test_the_amending_grammar_and_the_documents_cite_through_one_type():
    from lawdiff.amend.places import Where, place_of, refs_between
    where = place_of("In Schedule 1, in paragraph 1, in sub-paragraph (2)", Where())
    assert where.ref() == ProvisionRef.parse("Sch. 1 para. 1(2)") and where.citation() == "Sch. 1 para. 1(2)"
    assert lawdiff.load(ACT).find(where.citation()).text == "A Commissioner holds office for a term of 3 years."
    assert refs_between("(ii)", "(v)", "to") == ["(ii)", "(iii)", "(iv)", "(v)"]
    assert refs_between("(i)", "(l)", "to") == ["(i)", "(j)", "(k)", "(l)"]  # letters, not 50 numerals
    assert [roman(n) for n in (4, 9, 14, 39, 1990)] == ["iv", "ix", "xiv", "xxxix", "mcmxc"]
    assert [roman_value(s) for s in ("iv", "XIV", "iiii", "vx", "")] == [4, 14, None, None, None]


def test_correspondence_tables_read_citations_through_the_same_type():
    from lawdiff.compare.correspondence import load_table
    table = load_table('[[pair]]\nold = "section 22(1)"\nnew = "s. 61(1)"\n', "t.toml")
    assert table.new_for("s. 22(1)") == table.new_for("section 22 (1)") == "s. 61(1)"
    with pytest.raises(lawdiff.LawdiffError, match=r"pair 2: cannot read citation 'the moon'"):
        load_table('[[pair]]\nold = "s. 1"\nnew = "s. 2"\n[[pair]]\nold = "the moon"\nnew = "s. 3"\n', "t.toml")
