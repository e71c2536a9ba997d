"""The library first: every command is a documented call in lawdiff's Python API, giving the same
output; one vocabulary across commands; citations inside quoted text; legislation.gov.uk links;
search that lists each provision once with its sources; shell completion (issue 15)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pypdf
import pytest

import lawdiff
from lawdiff.amend import apply_effects, extract
from lawdiff.cli import main

from conftest import ROOT, lawdiff_run, shared

ACT, AMENDED, AMENDING = "example:surveillance-act", "example:surveillance-act-amended", "example:surveillance-act-amending"
DATE = "2026-12-01"


cli = lawdiff_run  # the command run in this process, as the shell runs it


# ---------------------------------------------------------------------------------------------
# 1. Every command is a documented call


def test_every_command_names_a_documented_call_that_runs_as_a_doctest():
    readme = (ROOT / "README.md").read_text()
    api_section = readme[readme.index("## Python API"): readme.index("## The document model")]
    for name, command in main.commands.items():
        named = re.findall(r"\(lawdiff\.(\w+)", command.help or "")
        assert named, f"lawdiff {name} --help names no Python call"
        for call in named:
            target = getattr(lawdiff, call, None)
            assert callable(target), f"lawdiff.{call} (named by lawdiff {name}) is not in the API"
            assert target.__doc__ and ">>>" in target.__doc__, f"lawdiff.{call} has no example in its docstring"
            assert f"`lawdiff.{call}(" in api_section, f"the README's Python API section does not list lawdiff.{call}"
        assert f"| `{name}` |" in api_section, f"the README's Python API table has no row for {name}"


def test_every_result_renders_what_its_command_prints():
    """The command's output is the call's output, byte for byte."""
    def same(args, value):
        done = cli(*args)
        assert done.returncode in (0, 1), done.stderr
        assert done.stdout == value, args

    doc = lawdiff.load(ACT)
    same(["parse", ACT], lawdiff.render(doc, "text"))
    same(["parse", ACT, "--format", "json"], lawdiff.render(doc, "json"))
    same(["show", ACT, "s. 1(2)", "--format", "markdown"], lawdiff.show(ACT, "s. 1(2)").render("markdown"))
    same(["diff", ACT, AMENDED, "--format", "json", "--only-changed"],
         lawdiff.diff(ACT, AMENDED).render("json", only_changed=True))
    same(["diff", ACT, AMENDED, "--stat"], lawdiff.diff(ACT, AMENDED).render("text", stat=True))
    same(["topics", ACT, "--format", "json"], lawdiff.topics(ACT).render("json"))
    same(["topics", ACT, "--glossary"], lawdiff.glossary(ACT).render("table"))
    same(["topics", "--list"], lawdiff.taxonomy().render("text"))
    same(["topics", "--list", "--format", "json"], lawdiff.taxonomy().render("json"))
    same(["define", ACT, "provider"], lawdiff.define(ACT, "provider").render("text"))
    same(["catalog", "--format", "json"], lawdiff.catalog().render("json"))
    same(["effects", AMENDING, "--target", ACT, "--format", "lawmaker"],
         lawdiff.effects(AMENDING, ACT).render("lawmaker"))
    same(["amend", ACT, AMENDING], lawdiff.amend(ACT, AMENDING).render("text"))
    same(["amend", ACT, AMENDING, "--format", "json"], lawdiff.amend(ACT, AMENDING).render("json"))


def test_calls_take_what_commands_take_paths_names_and_loaded_documents(tmp_path):
    path = tmp_path / "act.xml"
    path.write_bytes(lawdiff.render(lawdiff.load(ACT), "xml"))
    by_path = lawdiff.diff(str(path), AMENDED)
    by_pathlike = lawdiff.diff(path, lawdiff.load(AMENDED))
    by_name = lawdiff.diff(ACT, AMENDED)
    assert by_path.render("json") == by_pathlike.render("json")
    assert [c.gist() for c in by_path.reported] == [c.gist() for c in by_name.reported]
    with pytest.raises(lawdiff.LawdiffError, match="has no 'odt' output: one of text, json"):
        by_name.render("odt")


def test_applying_what_extract_gives_reads_as_it_should():
    act, bill = lawdiff.load(ACT), lawdiff.load(AMENDING)
    applied = apply_effects(act, extract(bill, act))  # an Effects, not a list: it iterates
    assert not applied.conflicts and len(applied.outcomes) == 3
    assert applied.document.find("Sch. 1 para. 1(2)").text.endswith("a term of 5 years.")
    # and the API's own report feeds amend without extracting again
    report = lawdiff.effects(bill, act)
    assert lawdiff.amend(act, report).document.find("s. 2(3)").text.startswith("A person who commits")


def test_a_keeling_schedule_from_the_api_has_the_commands_defaults(tmp_path):
    """keeling_pdf gave the whole Act by default where the command gives what changed: now one default."""
    out = tmp_path / "keeling.pdf"
    done = cli("amend", ACT, AMENDING, "-o", str(out), "--date", DATE)
    assert done.returncode == 0, done.stderr
    pdf = lawdiff.amend(ACT, AMENDING).render("pdf", date=DATE)
    assert pdf == out.read_bytes()  # the same bytes: same defaults, same date
    whole = lawdiff.amend(ACT, AMENDING).render("pdf", date=DATE, full=True)
    assert len(pypdf.PdfReader(out).pages) == pdf.pages

    def text(data):
        import io
        return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages).split())
    unchanged = "provides a communications service"  # s. 4, which no instruction touches
    assert unchanged in text(whole) and unchanged not in text(pdf)


# ---------------------------------------------------------------------------------------------
# 2. One vocabulary


def test_every_help_ends_with_examples_of_that_command():
    for name, command in main.commands.items():
        done = cli(name, "--help")
        assert done.returncode == 0
        examples = done.stdout.split("Examples:")[1].strip().splitlines()
        assert examples and all(line.strip().startswith(f"lawdiff {name}") or "|" in line for line in examples), \
            (name, examples)


def test_from_is_the_format_read_and_format_the_format_written_everywhere():
    for name, command in main.commands.items():
        options = {opt for p in command.params if not getattr(p, "hidden", False) for opt in p.opts}
        reads = any(p.name in ("document", "old", "target", "amending", "refs") for p in command.params)
        assert ("--from" in options) == reads, name
        if name != "index":
            assert "--format" in options, name
    assert cli("parse", ACT, "--from", "clml", "--format", "json").stdout == lawdiff.render(lawdiff.load(ACT), "json")
    assert cli("parse", ACT, "--json").stdout == cli("parse", ACT, "--format", "json").stdout
    assert cli("amend", ACT, AMENDING, "--json").stdout == cli("amend", ACT, AMENDING, "--format", "json").stdout
    bad = cli("parse", ACT, "--from", "docx")
    assert bad.returncode == 2 and bad.stderr.startswith("lawdiff: error: Invalid value for '--from'")


@pytest.mark.parametrize("old, new, note", [
    (["parse", ACT, "--format", "clml"], ["parse", ACT, "--from", "clml"], "use --from clml"),
    (["show", ACT, "s. 1", "--source-format", "clml"], ["show", ACT, "s. 1", "--from", "clml"], "use --from"),
    (["topics", ACT, "--threshold", "0.5"], ["topics", ACT, "--topic-threshold", "0.5"], "use --topic-threshold"),
    (["diff", ACT, AMENDED, "--source-format", "auto"], ["diff", ACT, AMENDED], "use --from"),
])
def test_old_spellings_still_work_with_a_note_saying_what_to_write(old, new, note):
    then, now = cli(*old), cli(*new)
    assert then.stdout == now.stdout and then.returncode == now.returncode
    assert now.stderr == ""
    assert then.stderr.startswith("lawdiff: note: ") and "deprecated" in then.stderr and note in then.stderr
    assert len(then.stderr.splitlines()) == 1


def test_writing_a_file_says_so_in_one_line(tmp_path):
    pdf, html = tmp_path / "briefing.pdf", tmp_path / "briefing.html"
    done = cli("compare", ACT, AMENDED, "-o", str(pdf), "--html", str(html), "--date", DATE)
    pages = len(pypdf.PdfReader(pdf).pages)
    changes = lawdiff.diff(ACT, AMENDED).summary.total
    assert done.stdout == ""
    assert done.stderr.splitlines() == [f"wrote {html}: {changes} changes", f"wrote {pdf}: {pages} pages, {changes} changes"]
    old = cli("compare", ACT, AMENDED, "-o", str(pdf), "--changes-only", "--date", DATE)  # the old spelling
    assert "use --only-changed" in old.stderr and old.stderr.splitlines()[-1].startswith(f"wrote {pdf}: ")
    # -o ending .html writes the page itself
    page = tmp_path / "page.html"
    assert cli("compare", ACT, AMENDED, "-o", str(page), "--date", DATE).stderr == f"wrote {page}: {changes} changes\n"
    assert page.read_text().startswith("<!DOCTYPE html>")
    keeling, xml = tmp_path / "keeling.pdf", tmp_path / "amended.xml"
    done = cli("amend", ACT, AMENDING, "-o", str(keeling), "--xml", str(xml), "--date", DATE)
    assert done.stderr.splitlines() == [f"wrote {xml}: 3 of 3 amendments applied",
                                        f"wrote {keeling}: {len(pypdf.PdfReader(keeling).pages)} pages, "
                                        "3 of 3 amendments applied"]
    md = tmp_path / "diff.md"
    assert cli("diff", ACT, AMENDED, "--format", "markdown", "-o", str(md)).stderr == f"wrote {md}: {changes} changes\n"


def test_shell_completion_is_clicks_own():
    env = dict(os.environ, _LAWDIFF_COMPLETE="bash_source")
    script = subprocess.run([sys.executable, "-m", "lawdiff"], env=env, capture_output=True, text=True, timeout=60)
    assert script.returncode == 0 and "_lawdiff_completion" in script.stdout and "complete -o" in script.stdout

    def complete(words: str) -> list[str]:
        env = dict(os.environ, _LAWDIFF_COMPLETE="bash_complete", COMP_WORDS=words,
                   COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
        done = subprocess.run([sys.executable, "-m", "lawdiff"], env=env, capture_output=True, text=True, timeout=60)
        return done.stdout.splitlines()

    assert "plain,diff" in complete("lawdiff di")
    assert {"plain,example:surveillance-act", "plain,example:surveillance-act-amending"} <= set(complete("lawdiff parse ex"))
    assert "plain,--only-changed" in complete("lawdiff compare a b --only")
    assert complete("lawdiff parse ./") == ["file,./"]  # the shell lists the files


# ---------------------------------------------------------------------------------------------
# 3. Citations, links, search


def test_show_cites_quoted_text_as_lawdiff_prints_it():
    shown = cli("show", ACT, "s. 3, inserted s. 4(2A)")
    assert shown.stdout.splitlines()[0] == "Communications Oversight (Example) Act 2026, s. 3, inserted s. 4(2A):"
    assert cli("show", ACT, "section 4(2A) as inserted by section 3").stdout == shown.stdout
    missing = cli("show", ACT, "s. 3, inserted s. 4(2B)")
    assert missing.returncode == 2 and missing.stderr.startswith("lawdiff: error: no provision 's. 4(2B)' in the quoted")


def test_show_gives_a_quoted_provision_of_a_real_act_under_its_host():
    shown = cli("show", str(shared("statutes", "uk", "ukpga-2024-9.clml.xml")), "s. 11(1), inserted s. 235A(2)")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Investigatory Powers (Amendment) Act 2024, s. 11(1), inserted s. 235A(2):\n(2) The "
                                   "telecommunications operator must report the personal data breach")
    assert "legislation.gov.uk" not in shown.stdout  # quoted text is not the Act's own: no link


@pytest.mark.parametrize("fmt", ["clml", "akn"])
def test_show_and_json_give_the_legislation_gov_uk_page_of_each_provision(fmt):
    path = str(shared("statutes", "uk", f"ukpga-2024-9.{fmt}.xml"))
    want = "https://www.legislation.gov.uk/ukpga/2024/9/section/1/4/a"
    assert cli("show", path, "s. 1(4)(a)").stdout.splitlines()[-1] == want
    data = json.loads(cli("show", path, "s. 1(4)(a)", "--format", "json").stdout)
    assert data["provision"]["url"] == want
    tree = json.loads(cli("parse", path, "--format", "json").stdout)
    assert tree["url"] == "https://www.legislation.gov.uk/ukpga/2024/9"
    urls = {}

    def visit(p):
        urls[p["citation"]] = p["url"]
        for c in p["children"]:
            visit(c)
    for top in tree["body"] + tree["schedules"]:
        visit(top)
    assert urls["Part 1"] == "https://www.legislation.gov.uk/ukpga/2024/9/part/1"
    assert urls["s. 11(1)"] == "https://www.legislation.gov.uk/ukpga/2024/9/section/11/1"
    assert all(u is None for c, u in urls.items() if "“" in c and "definition" not in c)  # cross-headings


def test_search_shows_each_hits_sources_and_link(tmp_path):
    store = str(tmp_path / "index.sqlite3")
    clml = str(shared("statutes", "uk", "ukpga-2024-9.clml.xml"))
    akn = str(shared("statutes", "uk", "ukpga-2024-9.akn.xml"))
    assert cli("index", clml, akn, "--store", store).returncode == 0
    hits = lawdiff.search("personal data breach", store=store, limit=10)
    text = cli("search", "personal data breach", "--store", store, "--limit", "1").stdout
    assert text.splitlines()[0] == (f"s. 11  Personal data breaches  — Investigatory Powers (Amendment) Act 2024 "
                                    f"({', '.join(hits.hits[0].sources)})")
    data = json.loads(cli("search", "personal data breach", "--store", store, "--format", "json").stdout)
    assert [h["citation"] for h in data["hits"]] == [h.citation for h in hits][:len(data["hits"])]
    assert data["hits"][0]["url"] == "https://www.legislation.gov.uk/ukpga/2024/9/section/11"
    assert sorted(data["hits"][0]["sources"]) == sorted([clml, akn])


def test_an_interrupted_layout_leaves_no_html_without_its_pdf(tmp_path):
    pdf, html = tmp_path / "briefing.pdf", tmp_path / "briefing.html"

    def stop(message: str) -> None:  # as a SIGINT in the middle of laying out pages would
        if message.startswith("laying out"):
            raise KeyboardInterrupt

    for made in (lawdiff.diff(ACT, AMENDED), lawdiff.amend(ACT, AMENDING)):
        with pytest.raises(KeyboardInterrupt):
            made.write_pdf(str(pdf), html=str(html), progress=stop, date=DATE)
        assert sorted(tmp_path.iterdir()) == []
