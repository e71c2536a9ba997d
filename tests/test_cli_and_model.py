"""lawdiff parse / show on the shipped example, citation reading, JSON schema."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

import lawdiff
from lawdiff.cli import main
from lawdiff.model import parse_citation
from lawdiff.model.draft import _provision
from conftest import shared


@pytest.fixture(scope="module")
def example():
    return lawdiff.load("example:surveillance-act")


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_parse_outline():
    result = invoke("parse", "example:surveillance-act")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Communications Oversight (Example) Act 2026"
    assert "Part 1  Retention of records" in lines
    assert "    s. 1(2)(a)  the Secretary of State considers the notice necessary and …" not in lines
    assert any(line.startswith("      s. 1(2)(a)  the Secretary of State considers") for line in lines)
    assert any("[1 quoted block]" in line for line in lines)


def test_parse_json_matches_schema_and_is_deterministic():
    first = invoke("parse", "--json", "example:surveillance-act").output
    second = invoke("parse", "--json", "example:surveillance-act").output
    assert first == second
    data = json.loads(first)
    schema = json.loads(resources.files("lawdiff.schemas").joinpath("document.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert data["body"][0]["children"][0]["citation"] == "s. 1"


def test_real_document_json_matches_schema():
    path = shared("statutes", "uk", "ukpga-2000-8-section-91@2024-11-22.clml.xml")
    data = json.loads(invoke("parse", "--json", str(path)).output)
    schema = json.loads(resources.files("lawdiff.schemas").joinpath("document.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert data["meta"]["title"] == "Financial Services and Markets Act 2000"
    assert any(a["kind"] == "substitution" for a in data["body"][0]["children"][0]["children"][0]["annotations"])


def test_show_text_is_ready_to_quote():
    result = invoke("show", "example:surveillance-act", "s. 1(2)")
    assert result.exit_code == 0
    assert result.output == (
        "Communications Oversight (Example) Act 2026, s. 1(2):\n"
        "(2) A notice under subsection (1) may not be given unless—\n"
        "  (a) the Secretary of State considers the notice necessary and proportionate, and\n"
        "  (b) a Commissioner has approved the decision to give it,\n"
        "and the provider has been consulted.\n"
    )


def test_show_markdown_and_json(example):
    md = invoke("show", "example:surveillance-act", "section 3", "--format", "markdown").output
    assert md.startswith("**Communications Oversight (Example) Act 2026, s. 3**")
    assert "> &nbsp;&nbsp;&nbsp;&nbsp;“**(2A)** The Commissioner must report on the use of notices at least once a year.”" in md
    data = json.loads(invoke("show", "example:surveillance-act", "Sch 1 para 1(2)", "--format", "json").output)
    assert data["provision"]["citation"] == "Sch. 1 para. 1(2)"
    assert data["provision"]["chapeau"] == "A Commissioner holds office for a term of 3 years."


def test_show_real_provision_with_quote():
    path = shared("statutes", "uk", "ukpga-2024-9.akn.xml")
    out = invoke("show", str(path), "s. 1(4)(a)").output
    assert out.splitlines()[0] == "Investigatory Powers (Amendment) Act 2024, s. 1(4)(a):"
    assert "  (i) the words “by a warrant under this Part” become paragraph (a);" in out


def test_show_lays_out_quoted_provisions_as_the_act_prints_them():
    """An inserted section is set out level by level between quotation marks, not as a run of lines."""
    clml = shared("statutes", "uk", "ukpga-2024-9.clml.xml")
    lines = invoke("show", str(clml), "s. 11(1)").output.splitlines()
    assert lines[1] == "(1) In the Investigatory Powers Act 2016, after section 235 insert—"
    assert lines[2] == "  “235A Personal data breaches"
    assert lines[3].startswith("    (1) This section applies where a telecommunications operator would")
    assert "      (a) consider whether the breach is serious, and" in lines
    assert "        (i) national security," in lines
    assert lines[-1] == "https://www.legislation.gov.uk/ukpga/2024/9/section/11/1"  # its page there
    assert lines[-2].endswith("”") and lines[-2].count("”") == lines[-2].count("“") + 1
    # the Akoma Ntoso of the same Act gives the same words, laid out the same way
    akn = invoke("show", str(shared("statutes", "uk", "ukpga-2024-9.akn.xml")), "s. 11(1)").output.splitlines()
    assert akn[1:] == lines[1:]
    # a quotation opened in the words before it ("substitute “from—") is not opened twice
    out = invoke("show", str(clml), "s. 12(2)").output
    assert "substitute “from—\n  (a) a telecommunications operator" in out
    # a one-line quotation followed by "; and" keeps its opening mark; a US bill's own marks are not doubled
    us = invoke("show", str(shared("statutes", "us", "hr-116-2157-enr.uslm.xml")), "sec. 802(a)(4)").output
    assert us.splitlines()[2].startswith("  “(E) Subject to subparagraph (F)")
    assert us.splitlines()[2].endswith("further increased by $36,000,000.”; and")


@pytest.mark.parametrize("text,expected", [
    ("s. 200(1)(a)", ("sec", "200", ("1", "a"), None)),
    ("section 200(1)(a)", ("sec", "200", ("1", "a"), None)),
    ("200(1)(a)", ("sec", "200", ("1", "a"), None)),
    ("clause 5(2)", ("sec", "5", ("2",), None)),
    ("reg. 4(2)", ("sec", "4", ("2",), None)),
    ("sec. 3(a)(1)", ("sec", "3", ("a", "1"), None)),
    ("Sch 2 para 3", ("sch", "3", (), "2")),
    ("Schedule 2, paragraph 3(1)", ("sch", "3", ("1",), "2")),
    ("Sch. para. 5", ("sch", "5", (), "")),
    ("Part 7A", ("part", "7A", (), None)),
])
def test_citation_forms(text, expected):
    key = parse_citation(text)
    assert (key.scope, key.number, key.subs, key.schedule) == expected


def test_find_accepts_every_form(example):
    target = example.find("s. 1(2)(a)")
    for form in ("section 1(2)(a)", "1(2)(a)", "s 1 (2) (a)", "sec-1/subsec-2/para-a", "section-1-2-a"):
        assert example.find(form) is target
    assert example.find("Sch 1 para 1").citation == "Sch. 1 para. 1"
    assert example.find("Part 2").heading == "Oversight and interpretation"
    with pytest.raises(lawdiff.CitationNotFound):
        example.find("s. 1(9)")


def test_definitions_are_found_as_people_cite_them(example):
    """'s. 4 (definition of “provider”)' as lawdiff prints it, with straight quotation marks or
    none, 's. 4, definition of "provider"' and 'the definition of “provider” in section 4'."""
    provider = example.find("sec-4/def-provider")
    for form in ("s. 4 (definition of “provider”)", 's. 4 (definition of "Provider")', "section 4, definition of provider",
                 'the definition of "provider" in section 4', "definition of “provider” in s. 4"):
        assert example.find(form) is provider, form
    with pytest.raises(lawdiff.CitationNotFound, match="no definition of “nobody” in s. 4"):
        example.find('s. 4 (definition of "nobody")')


def test_model_is_immutable_and_text_is_split(example):
    p = example.find("s. 1(2)")
    assert p.chapeau == "A notice under subsection (1) may not be given unless—"
    assert p.continuation == "and the provider has been consulted."
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.heading = "changed"  # type: ignore[misc]
    assert isinstance(p.children, tuple)
    # the parser's fast constructor gives what the public one gives, each value in its own field
    values = dict(kind="section", num="1", heading="h", chapeau="c", continuation="k", children=(p,),
                  path="sec-1", citation="s. 1", level=1, source_id="id", quotes=(), annotations=())
    assert [f.name for f in dataclasses.fields(lawdiff.Provision)] == list(values)
    assert _provision(*values.values()) == lawdiff.Provision(**values)
    definition = example.find("s. 4").children[0]
    assert definition.kind == "definition" and definition.path == "sec-4/def-Commissioner"
    assert definition.citation == "s. 4 (definition of “Commissioner”)"
    assert example.find("Sch 1 para 1").kind == "schedule-paragraph"


def test_private_use_characters_are_words_not_marks():
    """A symbol font's private-use characters are part of the words; lawdiff's own marks for links
    and change markers cannot be confused with them (they were, and a link then broke the parse)."""
    xml = ('<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body>'
           '<P1group><Title>Symbols</Title><P1><Pnumber>1</Pnumber><P1para><Text>A \ue001 sign \ue000 in '
           '<Citation URI="http://www.legislation.gov.uk/id/ukpga/2016/25">the 2016 Act</Citation> \ue003.'
           '</Text></P1para></P1></P1group></Body></Primary></Legislation>')
    p = lawdiff.parse_bytes(xml.encode(), "symbols.xml").find("s. 1")
    assert p.chapeau == "A \ue001 sign \ue000 in the 2016 Act \ue003."
    (link,) = p.annotations
    assert (link.kind, p.chapeau[link.start:link.end]) == ("ref", "the 2016 Act")
