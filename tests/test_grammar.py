"""The grammar of amending instructions: every rule's worked examples read as they say."""

from __future__ import annotations

import pytest

from lawdiff.amend.grammar import how_far, read
from lawdiff.amend.grammar.rules import RULES, openers
from lawdiff.amend.grammar.terms import ACT_NAME, OCCURRENCE, PROVISION, REFS


def _field(action: dict, key: str):
    return action["occurrence"] if key == "occ" else action[key]


def test_every_rule_has_worked_examples():
    assert len(RULES) >= 30
    bare = [r.name for r in RULES if not [e for e in r.examples if e[1] is not None]]
    assert bare == []
    assert len({r.name for r in RULES}) == len(RULES)  # each name once


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_examples_read_as_stated(rule):
    for text, want in rule.examples:
        actions = read(text)
        if want is None:  # an instruction this rule must not read
            assert rule.name not in [a["rule"] for a in actions], text
            continue
        assert actions, f"{rule.name}: nothing read in {text!r}"
        first = actions[0]
        assert first["rule"] == rule.name, (text, [a["rule"] for a in actions])
        for key, value in want.items():
            assert _field(first, key) == value, (text, key, _field(first, key))


def test_terms_are_defined_once_and_read_lists_ranges_and_names():
    assert REFS.parse_string("(4)(b) and (5)(a) and (b)").as_list() == ["(4)(b)", "and", "(5)(a)", "and", "(b)"]
    p = PROVISION.parse_string("paragraphs 1 to 4 and 9 of Schedule 2")
    assert (p.unit, p.ref, p.more, p.sched2) == ("paragraph", "1", "to 4 and 9", "2")
    assert PROVISION.parse_string("section 22(1)(a)(ii)").ref == "22(1)(a)(ii)"
    names = {s: ACT_NAME.parse_string(s)[0] for s in (
        "the Bankruptcy (Scotland) Act 2016", "FSMA 2000", "the 2016 Act", "those Regulations",
        "Regulation (EU) No 600/2014", "the Example Act 2020 (Consequential Provisions) Regulations 2021")}
    assert names == {"the Bankruptcy (Scotland) Act 2016": "Bankruptcy (Scotland) Act 2016", "FSMA 2000": "FSMA 2000",
                     "the 2016 Act": "the 2016 Act", "those Regulations": "those Regulations",
                     "Regulation (EU) No 600/2014": "Regulation (EU) No 600/2014",
                     "the Example Act 2020 (Consequential Provisions) Regulations 2021":
                         "Example Act 2020 (Consequential Provisions) Regulations 2021"}
    for occ in ("in the first place it occurs", "in each place", "wherever it occurs", "in both places where it appears"):
        assert OCCURRENCE.parse_string(occ).occ == occ
    # one definition of a name: the words around an instruction ("X is amended as follows") read
    # the same names as the grammar does inside one
    from lawdiff.amend.wording import ACT, act_name
    from lawdiff.model.titles import name_key
    for written, name in names.items():
        m = ACT.fullmatch(written)
        assert m and name_key(act_name(m.group("act"))) == name_key(name), written


def test_several_actions_in_one_instruction_in_order():
    got = [(a["rule"], a["anchor"], a["new"]) for a in read(
        "in subsection (2), for “may” substitute “must” and after “notice” insert “in writing”")]
    assert got == [("words-substitute", "may", "must"), ("words-insert", "notice", "in writing")]


def test_quoted_words_are_never_read_as_instructions():
    # the quotation says "omit"; the instruction inserts it
    assert [a["rule"] for a in read("after “may” insert “omit section 4 or”")] == ["words-insert"]


def test_a_rule_is_tried_only_where_it_can_begin():
    assert next(r for r in RULES if r.name == "words-substitute").opens == frozenset({"for"})
    assert openers(PROVISION) is None or "section" in openers(PROVISION)


def test_how_far_says_where_reading_stopped_and_what_was_expected():
    assert how_far("In section 4, for “6 months” put “12 months”") == \
        "read “for “6 months””; then expected ‘substitute’ or ‘to’ at “put …”"
    assert how_far("In subsection (2), after “notice” add “in writing”") == \
        "read “after “notice””; then expected ‘insert’ at “add …”"
    assert how_far("Nothing here is an instruction").startswith("no rule could begin to read")
