"""lawdiff diff: alignment, word diff, result model, outputs and exit statuses.

Mutation tests change a real Act (the Investigatory Powers (Amendment) Act 2024,
CLML from ../shared) in one known way, in memory, and check that exactly that
change is reported with the right citations, and nothing else.
"""

from __future__ import annotations

import copy
import json
import pathlib
import re

import jsonschema
import pytest
from lxml import etree

import lawdiff
from lawdiff.compare import DiffOptions, TextOptions, diff, word_diff
from lawdiff.compare.textdiff import replacements

from conftest import ROOT, shared, lawdiff_run

L = "http://www.legislation.gov.uk/namespaces/legislation"
NS = {"l": L}
IPA = ("statutes", "uk", "ukpga-2024-9.clml.xml")


def run(*args: str, env: dict | None = None):
    return lawdiff_run(*args, env=env)


def ipa_tree() -> etree._ElementTree:
    return etree.parse(str(shared(*IPA)))


def section(tree: etree._ElementTree, num: str) -> etree._Element:
    return tree.xpath(f"//l:Body//l:P1[l:Pnumber='{num}']", namespaces=NS)[0]


def subsection(tree: etree._ElementTree, sec: str, num: str) -> etree._Element:
    return section(tree, sec).xpath(f".//l:P2[l:Pnumber='{num}']", namespaces=NS)[0]


def parse(tree: etree._ElementTree) -> lawdiff.Document:
    return lawdiff.parse_bytes(etree.tostring(tree), "mutated.xml")


def changes(result) -> list:
    """The changes a reader is told about (an added subtree counts once)."""
    return result.reported()


# -- word diff -------------------------------------------------------------------

def test_a_changed_period_is_one_replaced_word():
    ops = word_diff("for a period of up to 6 months.", "for a period of up to 12 months.")
    assert replacements(ops) == [("6", "12")]
    assert "".join(op.text for op in ops if op.op != "delete") == "for a period of up to 12 months."


def test_word_diff_reassembles_both_texts():
    old = "A notice under subsection (1) may not be given unless the Secretary of State considers it necessary."
    new = "A notice under this section may not be given unless a Judicial Commissioner considers it proportionate."
    ops = word_diff(old, new)
    assert "".join(op.text for op in ops if op.op != "insert") == old
    assert "".join(op.text for op in ops if op.op != "delete") == new
    assert ("the Secretary of State", "a Judicial Commissioner") in replacements(ops)


def test_ignore_options():
    assert replacements(word_diff("“data”  means X", '"data" means x')) != []
    quiet = TextOptions(ignore_whitespace=True, ignore_case=True, ignore_quotes=True)
    assert replacements(word_diff("“data”  means X", '"data" means x', quiet)) == []
    renumbered = TextOptions(ignore_renumbering=True, renumbering={"section": {"5": "6"}})
    assert replacements(word_diff("see section 5(2) and section 7", "see section 6(2) and section 7",
                                  renumbered)) == []
    # a reference that changed for another reason is still a change
    assert replacements(word_diff("see section 5(2)", "see section 9(2)", renumbered)) == [("5", "9")]


# -- identical documents ----------------------------------------------------------------

@pytest.mark.parametrize("parts", [IPA, ("statutes", "us", "hr-116-2157-enr.uslm.xml"),
                                   ("keeling", "bankruptcy-scotland-act-2016", "act.akn.xml")])
def test_real_document_against_itself_is_identical(parts):
    path = str(shared(*parts))
    result = run("diff", path, path, "--stat")
    assert result.returncode == 0, result.stderr
    assert "no differences" in result.stdout
    doc = lawdiff.load(path)
    assert diff(doc, doc).identical


def test_exit_status_is_one_when_different_and_two_on_error(tmp_path):
    tree = ipa_tree()
    subsection(tree, "30", "1").find(f".//{{{L}}}Text").text += " Added words."
    mutated = tmp_path / "mutated.xml"
    tree.write(str(mutated))
    assert run("diff", str(shared(*IPA)), str(mutated), "--stat").returncode == 1
    bad = run("diff", str(shared(*IPA)), str(tmp_path / "missing.xml"))
    assert bad.returncode == 2 and bad.stderr.startswith("lawdiff: error: ") and "Traceback" not in bad.stderr


# -- real version pairs -------------------------------------------------------------

def test_house_joint_resolution_reported_then_referred():
    old = lawdiff.load(str(shared("statutes", "us", "hjres-116-37-rh.uslm.xml")))
    new = lawdiff.load(str(shared("statutes", "us", "hjres-116-37-rfs.uslm.xml")))
    result = diff(old, new)
    assert result.mode == "versions"
    # Findings (11) to (14) were added to section 1; (11) has three subparagraphs of its own.
    for cit in ("sec. 1(11)", "sec. 1(12)", "sec. 1(13)", "sec. 1(14)"):
        assert result.find(cit).kind == "added"
    assert result.find("sec. 1(11)(C)").new.text.startswith("there is an urgent need")
    # A new section 4 on intelligence sharing; the old sections 4 and 5 became 5 and 6, word for word.
    inserted = result.find("sec. 4")
    assert inserted.kind == "added" and inserted.new.heading == "RULE OF CONSTRUCTION REGARDING INTELLIGENCE SHARING."
    for old_cit, new_cit in (("sec. 4", "sec. 5"), ("sec. 5", "sec. 6")):
        change = next(c for c in result.walk() if c.old_citation == old_cit and c.new is not None)
        assert (change.kind, change.new_citation, change.similarity) == ("renumbered", new_cit, 1.0)
    # Section 2 gained one word: "in-flight refueling of, non-United States aircraft".
    sec2 = result.find("sec. 2")
    assert sec2.kind == "modified" and replacements(sec2.text_ops) == [("", " of")]
    assert result.summary.by_kind == {"modified": 1, "added": 5, "renumbered": 2}


def test_supplemental_appropriations_introduced_and_enrolled():
    old = lawdiff.load(str(shared("statutes", "us", "hr-116-2157-ih.uslm.xml")))
    new = lawdiff.load(str(shared("statutes", "us", "hr-116-2157-enr.uslm.xml")))
    result = diff(old, new)
    assert result.mode == "versions"
    # The enrolled bill inserts a new title V; the introduced bill's titles V to XI move down one.
    new_title_v = result.find("title V")
    assert new_title_v.kind == "added"
    for old_num, new_num in (("V", "VI"), ("VI", "VII"), ("VII", "VIII")):
        change = next(c for c in result.walk() if c.old_citation == f"title {old_num}" and c.new)
        assert change.kind == "renumbered" and change.new_citation == f"title {new_num}"
    # Sections 103 and 104 of the introduced bill are sections 102 and 103 of the enrolled one.
    for old_cit, new_cit in (("sec. 103", "sec. 102"), ("sec. 104", "sec. 103")):
        change = next(c for c in result.walk() if c.old_citation == old_cit and c.new)
        assert change.kind == "renumbered" and change.new_citation == new_cit and change.similarity > 0.9


# -- mutations of a real Act ---------------------------------------------------------------

@pytest.fixture(scope="module")
def original():
    return lawdiff.load(str(shared(*IPA)))


def test_mutation_renumber_a_section(original):
    tree = ipa_tree()
    section(tree, "30").find(f"{{{L}}}Pnumber").text = "30A"
    result = diff(original, parse(tree))
    [change] = changes(result)
    assert (change.kind, change.old_citation, change.new_citation) == ("renumbered", "s. 30", "s. 30A")
    assert change.similarity == 1.0 and not change.words_changed
    assert change.children[0].old_citation == "s. 30(1)" and change.children[0].new_citation == "s. 30A(1)"


def test_mutation_move_a_section_to_another_part(original):
    tree = ipa_tree()
    group = section(tree, "22").getparent()  # its P1group, under a cross-heading of Part 5
    part6 = tree.xpath("//l:Body/l:Part[l:Number='Part 6']", namespaces=NS)[0]
    part6.append(group)
    result = diff(original, parse(tree))
    [change] = changes(result)
    assert (change.kind, change.old_citation, change.new_citation) == ("moved", "s. 22", "s. 22")
    assert change.part == "Part 6" and change.similarity == 1.0
    assert change.moved_from.startswith("Part 5") and change.gist().startswith("s. 22 moved from Part 5")
    assert original.find("s. 22").path == change.new.path == "sec-22"  # section paths are unique in an Act


def test_mutation_change_one_word(original):
    tree = ipa_tree()
    text = subsection(tree, "30", "1").find(f".//{{{L}}}Text")
    assert "consequential" in text.text
    text.text = text.text.replace("consequential", "incidental")
    result = diff(original, parse(tree))
    [change] = changes(result)
    assert (change.kind, change.new_citation) == ("modified", "s. 30(1)")
    assert replacements(change.text_ops) == [("consequential", "incidental")]


def test_mutation_delete_a_paragraph(original):
    tree = ipa_tree()
    para_b = subsection(tree, "1", "2").xpath(".//l:P3[l:Pnumber='b']", namespaces=NS)[0]
    para_b.getparent().remove(para_b)
    result = diff(original, parse(tree))
    [change] = changes(result)
    assert (change.kind, change.old_citation, change.new) == ("removed", "s. 1(2)(b)", None)
    assert change.part == "Part 1"


def test_mutation_split_a_subsection_in_two(original):
    tree = ipa_tree()
    sub4 = subsection(tree, "32", "4")
    text = sub4.find(f".//{{{L}}}Text")
    first, second = text.text.split(" in connection with ")
    sub4a = copy.deepcopy(sub4)
    sub4a.set("id", "section-32-4A")
    sub4a.find(f"{{{L}}}Pnumber").text = "4A"
    text.text = first + "."
    sub4a.find(f".//{{{L}}}Text").text = "That provision may be in connection with " + second
    sub4.addnext(sub4a)
    result = diff(original, parse(tree))
    [change] = changes(result)
    assert change.kind == "split"
    assert change.old_citations == ("s. 32(4)",) and change.new_citations == ("s. 32(4)", "s. 32(4A)")
    assert result.find("s. 32(4A)") is change


def test_mutation_merge_two_subsections(original):
    tree = ipa_tree()
    sub1, sub2 = subsection(tree, "31", "1"), subsection(tree, "31", "2")
    sub1.find(f".//{{{L}}}Text").text += " " + sub2.find(f".//{{{L}}}Text").text
    sub2.getparent().remove(sub2)
    sub3 = subsection(tree, "31", "3")
    sub3.find(f"{{{L}}}Pnumber").text = "2"
    result = diff(original, parse(tree))
    merged, renumbered = changes(result)
    assert merged.kind == "merged"
    assert merged.old_citations == ("s. 31(1)", "s. 31(2)") and merged.new_citations == ("s. 31(1)",)
    assert (renumbered.kind, renumbered.old_citation, renumbered.new_citation) == ("renumbered", "s. 31(3)",
                                                                                  "s. 31(2)")


def test_successor_mode_pairs_by_content_whatever_the_numbers(original):
    tree = ipa_tree()
    for pnumber in tree.xpath("//l:Body//l:P1[not(ancestor::l:BlockAmendment)]/l:Pnumber", namespaces=NS):
        pnumber.text = str(int(pnumber.text) + 100)
    result = diff(original, parse(tree), DiffOptions(mode="successor"))
    kinds = {c.kind for c in changes(result)}
    assert kinds == {"renumbered"}
    assert result.summary.by_kind == {"renumbered": 33}
    assert next(c for c in result.walk() if c.old_citation == "s. 12").new_citation == "s. 112"


def test_ignore_renumbering_of_cross_references():
    doc = lawdiff.load("example:surveillance-act")
    path = ROOT / "lawdiff" / "examples" / "surveillance-act.clml.xml"
    tree = etree.parse(str(path))
    section(tree, "1").find(f"{{{L}}}Pnumber").text = "1A"
    for text in tree.iter(f"{{{L}}}Text"):
        if text.text and "section 1" in text.text:
            text.text = text.text.replace("section 1", "section 1A")
    new = parse(tree)
    plain = diff(doc, new)
    assert {c.kind for c in changes(plain)} == {"renumbered", "modified"}
    assert replacements(plain.find("s. 2(1)").text_ops) == [("1", "1A")]
    quiet = diff(doc, new, DiffOptions(text=TextOptions(ignore_renumbering=True)))
    [change] = changes(quiet)
    assert (change.kind, change.new_citation) == ("renumbered", "s. 1A")


# -- outputs ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def us_pair():
    return (str(shared("statutes", "us", "hjres-116-37-rh.uslm.xml")),
            str(shared("statutes", "us", "hjres-116-37-rfs.uslm.xml")))


def test_json_output_follows_its_schema_and_is_deterministic(us_pair):
    first = run("diff", *us_pair, "--format", "json")
    second = run("diff", *us_pair, "--format", "json")
    assert first.returncode == 1 and first.stdout == second.stdout
    data = json.loads(first.stdout)
    schema = json.loads((ROOT / "lawdiff" / "schemas" / "diff.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert data["schema"] == "lawdiff.diff/1" and data["summary"]["by_kind"]["added"] == 5
    sec2 = next(c for c in data["changes"] if c["new_citation"] == "sec. 2")
    assert ["insert", " of"] in sec2["text_ops"]


def test_only_changed_context_and_select(us_pair):
    full = run("diff", *us_pair).stdout
    only = run("diff", *us_pair, "--only-changed").stdout
    assert "sec. 1(1)" in full and "sec. 1(1)" not in only  # an unchanged finding
    assert "sec. 1(11)" in only
    context = run("diff", *us_pair, "--context", "1").stdout
    assert "sec. 1(10)" in context and "sec. 1(9)" not in context
    selected = run("diff", *us_pair, "--select", "sec. 2", "--format", "json")
    data = json.loads(selected.stdout)
    assert selected.returncode == 1 and data["summary"]["total"] == 1
    assert [c["new_citation"] for c in data["changes"]] == ["sec. 2"]
    same = run("diff", *us_pair, "--select", "sec. 3")
    assert same.returncode == 0, same.stdout


def test_stat_table(us_pair):
    out = run("diff", *us_pair, "--stat").stdout
    assert "renumbered" in out and "Total" in out
    assert "Pursuant to section 1013" not in out  # no provision text in the summary


def test_colour_only_on_request_or_terminal(us_pair):
    import os

    plain = run("diff", *us_pair, "--only-changed").stdout  # not a terminal: no colour
    assert "\x1b[" not in plain and "{+ of+}" in plain
    coloured = run("diff", *us_pair, "--only-changed", "--color", "always").stdout
    assert "\x1b[4m" in coloured and "\x1b[32m" in coloured  # inserted words: green, underlined
    env = dict(os.environ, NO_COLOR="1")
    assert "\x1b[" not in run("diff", *us_pair, "--only-changed", env=env).stdout


def test_html_is_standalone_and_escaped(tmp_path, us_pair):
    out = tmp_path / "diff.html"
    result = run("diff", *us_pair, "--format", "html", "--only-changed", "-o", str(out))
    assert result.returncode == 1 and result.stdout == ""
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and '<ins><span class="vh">inserted: </span> of</ins>' in html
    page = etree.fromstring(html.split("\n", 1)[1].encode(), etree.HTMLParser())
    # nothing to fetch: no file or address loaded, the one script inline (tests/test_viewer.py)
    assert not page.xpath("//*[@src]") and page.xpath("//link/@href") == ["data:,"]


def test_markdown_marks_take_effect_when_rendered():
    """Rendered as Markdown (CommonMark with strikethrough), every mark takes effect: inserted
    words bold, deleted words struck, spaces outside the marks, no stray asterisks or tildes."""
    from markdown_it import MarkdownIt
    result = run("diff", "example:surveillance-act", "example:surveillance-act-amended", "--format", "markdown")
    html = MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(result.stdout)
    assert "a <strong>Judicial</strong> Commissioner has approved" in html
    assert "for a term of <s>3</s><strong>5</strong> years" in html
    assert "up to <s>6</s> <strong>12</strong> months" in html or "up to <s>6</s><strong>12</strong> months" in html
    text = re.sub(r"<[^>]+>", "", html)
    assert "**" not in text and "~~" not in text


def test_markdown_marks_words(us_pair):
    md = run("diff", *us_pair, "--format", "markdown", "--only-changed").stdout
    assert "in-flight refueling **of**, non-United States aircraft" in md  # the space outside the marks
    assert "| Total |" in md or "| **Total** |" in md


def test_markup_in_document_text_is_escaped(tmp_path):
    path = ROOT / "lawdiff" / "examples" / "surveillance-act.clml.xml"
    tree = etree.parse(str(path))
    subsection(tree, "2", "2").find(f".//{{{L}}}Text").text = "<script>alert(1)</script> *bold*"
    mutated = tmp_path / "m.xml"
    tree.write(str(mutated))
    html = run("diff", str(path), str(mutated), "--format", "html").stdout
    assert html.count("<script>") == 1 and "alert(1)" not in html.split("<script>")[1] and "&lt;script&gt;alert(1)" in html
    md = run("diff", str(path), str(mutated), "--format", "markdown").stdout
    assert "\\<script\\>" in md and "\\*bold\\*" in md


def test_output_files_get_ordinary_permissions(tmp_path, us_pair):
    import os
    import stat

    out = tmp_path / "diff.html"
    run("diff", *us_pair, "--format", "html", "-o", str(out))
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask  # as open() would make it, not 0600


def test_failed_output_leaves_previous_file(tmp_path, us_pair):
    out = tmp_path / "diff.json"
    out.write_text("previous")
    result = run("diff", us_pair[0], str(tmp_path / "missing.xml"), "-o", str(out))
    assert result.returncode == 2 and out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["diff.json"]


def test_schema_file_is_shipped():
    assert (pathlib.Path(lawdiff.__file__).parent / "schemas" / "diff.schema.json").is_file()


@pytest.mark.parametrize("fmt", ["text", "json", "html", "markdown"])
def test_output_replaces_only_lawdiff_files_without_force(tmp_path, us_pair, fmt):
    out = tmp_path / "out"
    out.write_text("notes I was keeping")
    refused = run("diff", *us_pair, "--format", fmt, "-o", str(out))
    assert refused.returncode == 2 and "use --force" in refused.stderr
    assert out.read_text() == "notes I was keeping"
    assert run("diff", *us_pair, "--format", fmt, "-o", str(out), "--force").returncode == 1
    # now it is lawdiff's own: a second run may replace it
    again = run("diff", us_pair[0], us_pair[0], "--format", fmt, "-o", str(out))
    assert again.returncode == 0, again.stderr


# -- correspondence tables ------------------------------------------------------------------

def _act(title: str, year: int, number: int, sections: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<P1group><Title>{heading}</Title><P1 id="section-{num}"><Pnumber>{num}</Pnumber><P1para>'
                   f"<Text>{text}</Text></P1para></P1></P1group>" for num, heading, text in sections)
    return (f'<Legislation xmlns="{L}" xmlns:ukm="http://www.legislation.gov.uk/namespaces/metadata" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><ukm:Metadata><dc:title>{title}</dc:title>'
            '<ukm:PrimaryMetadata><ukm:DocumentClassification><ukm:DocumentMainType '
            'Value="UnitedKingdomPublicGeneralAct"/></ukm:DocumentClassification>'
            f'<ukm:Year Value="{year}"/><ukm:Number Value="{number}"/></ukm:PrimaryMetadata></ukm:Metadata>'
            f"<Primary><Body>{body}</Body></Primary></Legislation>")


# Invented Acts: the old s. 1 offence is re-enacted, rewritten, as s. 3 of the new Act.
OLD_ACT = _act("Example Monitoring Act 2001", 2001, 99, [
    ("1", "Unlawful monitoring", "A person who without lawful authority monitors a private line commits an offence."),
    ("2", "Records", "A provider must keep records of every request made under this Act for two years."),
])
NEW_ACT = _act("Example Oversight Act 2017", 2017, 50, [
    ("3", "Offence of unlawful observation", "It is an offence for anyone, absent a warrant or other lawful "
                                             "basis, to observe communications while they are transmitted."),
    ("9", "Records", "A provider must keep records of every request made under this Act for three years."),
])


@pytest.fixture
def acts(tmp_path):
    old, new = tmp_path / "old.xml", tmp_path / "new.xml"
    old.write_text(OLD_ACT)
    new.write_text(NEW_ACT)
    return str(old), str(new)


def test_without_a_table_content_alone_decides(acts):
    result = diff(lawdiff.load(acts[0]), lawdiff.load(acts[1]))
    assert result.mode == "successor"
    gists = sorted(c.gist() for c in result.reported())
    assert gists == ["s. 1 omitted", "s. 2 renumbered as s. 9 and amended", "s. 3 inserted"]


def test_correspondence_table_pairs_first(acts, tmp_path):
    table = tmp_path / "table.toml"
    table.write_text('old = "ukpga/2001/99"\nnew = "ukpga/2017/50"\n[[pair]]\nold = "s. 1"\nnew = "s. 3"\n')
    data = json.loads(run("diff", *acts, "--correspondence", str(table), "--format", "json").stdout)
    gists = sorted(c["gist"] for c in data["changes"])
    assert gists == ["s. 1 renumbered as s. 3 and amended", "s. 2 renumbered as s. 9 and amended"]
    # --select names the old provision; the table says where it went
    selected = json.loads(run("diff", *acts, "--correspondence", str(table), "--select", "s. 1",
                              "--format", "json").stdout)
    assert [(c["old_citation"], c["new_citation"]) for c in selected["changes"]] == [("s. 1", "s. 3")]


def test_shipped_table_for_ripa_and_ipa():
    from lawdiff.compare.correspondence import shipped

    [table] = shipped()
    assert (table.old, table.new) == ("ukpga/2000/23", "ukpga/2016/25")
    assert table.new_for("s. 1") == "s. 3" and table.new_for("s. 17") == "s. 56"
    assert len(table.pairs) >= 10


def test_words_after_the_children_print_after_them(tmp_path):
    path = ROOT / "lawdiff" / "examples" / "surveillance-act.clml.xml"
    tree = etree.parse(str(path))
    for text in tree.iter(f"{{{L}}}Text"):
        if text.text == "and the provider has been consulted.":
            text.text = "and the provider has been heard."
    mutated = tmp_path / "m.xml"
    tree.write(str(mutated))
    lines = run("diff", str(path), str(mutated)).stdout.splitlines()
    chapeau = next(i for i, line in enumerate(lines) if "may not be given unless—" in line)
    para_b = next(i for i, line in enumerate(lines) if "s. 1(2)(b)" in line)
    tail = next(i for i, line in enumerate(lines) if "and the provider has been" in line)
    assert chapeau < para_b < tail
    assert lines[tail].strip() == "and the provider has been [-consulted-]{+heard+}."
    assert "[-" not in lines[chapeau]
    html = run("diff", str(path), str(mutated), "--format", "html").stdout
    text = html[html.index("<main"):]
    assert text.index("may not be given unless") < text.index("consulted</del>")


def test_invisible_characters_are_shown_by_their_code(tmp_path):
    """A soft hyphen, a zero-width space or a bidirectional override prints as nothing (or reorders
    the words round it): the human views show each by its code, so a change made of them is seen;
    the JSON keeps the words exactly as they are."""
    old, new = tmp_path / "old.xml", tmp_path / "new.xml"
    old.write_text(_act("Example Records Act 2020", 2020, 7, [
        ("1", "Records", "A provider must keep records for two years.")]))
    new.write_text(_act("Example Records Act 2020", 2020, 7, [
        ("1", "Records", "A provider must keep rec\u00adords for \u202etwo\u202c years.")]))
    text = run("diff", str(old), str(new), "--color", "never")
    assert text.returncode == 1
    assert "rec⟨U+00AD⟩ords" in text.stdout and "⟨U+202E⟩two⟨U+202C⟩" in text.stdout
    assert "\u00ad" not in text.stdout and "\u202e" not in text.stdout
    for fmt in ("markdown", "html"):
        shown = run("diff", str(old), str(new), "--format", fmt).stdout
        assert "⟨U+00AD⟩" in shown and "\u202e" not in shown, fmt
    data = json.loads(run("diff", str(old), str(new), "--format", "json").stdout)
    assert "rec\u00adords" in json.dumps(data, ensure_ascii=False)


def test_output_through_links_pipes_and_empty_files(tmp_path, us_pair):
    """-o writes through a symbolic link (the link stays), into a pipe (as a shell redirection
    would; a device such as /dev/stdout is written the same way, never replaced by a file), and
    over an empty file; a file with someone's words in it still needs --force."""
    import os
    import stat
    import threading

    real = tmp_path / "real.txt"
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run("diff", *us_pair, "-o", str(link)).returncode == 1
    assert link.is_symlink() and real.read_text().startswith("--- ")
    assert run("diff", *us_pair, "-o", str(link)).returncode == 1  # lawdiff's own file, replaced again

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()))
    reader.start()
    result = run("diff", *us_pair, "-o", str(pipe))
    reader.join(30)
    assert result.returncode == 1, result.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and received[0].startswith("--- ")

    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert run("diff", *us_pair, "-o", str(empty)).returncode == 1 and empty.read_text().startswith("--- ")
    mine = tmp_path / "mine.txt"
    mine.write_text("my notes")
    refused = run("diff", *us_pair, "-o", str(mine))
    assert refused.returncode == 2 and mine.read_text() == "my notes"
