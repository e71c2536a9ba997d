"""A changed provision shows its changed words with N words of context either side (issue 16,
point 3): terminal, Markdown and HTML; JSON and PDF keep every word; similarity as computed."""

from __future__ import annotations

import json
import re

import lawdiff
from lawdiff.render.diffterm import alike

from conftest import lawdiff_run, shared


def hjres():
    return (str(shared("statutes", "us", "hjres-116-37-rh.uslm.xml")),
            str(shared("statutes", "us", "hjres-116-37-rfs.uslm.xml")))


def changed_line(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if "{+" in line and "refueling" in line)


def test_a_one_word_insertion_shows_twelve_words_either_side():
    old, new = hjres()
    shown = lawdiff_run("diff", old, new, "--select", "sec. 2")
    assert shown.returncode == 1
    line = changed_line(shown.stdout)
    before, after = line.split("{+ of+}")
    assert before.startswith("… ") and after.endswith(" …")
    assert len(before.split()) == 1 + 12 and len(after.split()) == 12 + 1  # the words and the "…"
    assert "[modified, 99.7% alike]" in shown.stdout  # not "100%": one word was inserted
    whole = lawdiff.load(new).find("sec. 2").text
    assert len(whole.split()) > 100 and len(line.split()) < 30


def test_context_words_sets_how_many_and_all_shows_every_word():
    old, new = hjres()
    three = changed_line(lawdiff_run("diff", old, new, "--select", "sec. 2", "--context-words", "3").stdout)
    assert three == "… includes in-flight refueling{+ of+}, non-United States …"
    none = lawdiff_run("diff", old, new, "--select", "sec. 2", "--context-words", "0").stdout.splitlines()[-1]
    assert none.strip() == "…{+ of+}…"  # the change alone
    every = lawdiff_run("diff", old, new, "--select", "sec. 2", "--context-words", "all").stdout
    text = " ".join(line.strip() for line in every.splitlines()[4:])
    assert "…" not in text and text.replace("{+ of+}", " of").split()[-5:] == \
        lawdiff.load(new).find("sec. 2").text.split()[-5:]
    bad = lawdiff_run("diff", old, new, "--context-words", "-1")
    assert bad.returncode == 2 and bad.stderr.startswith("lawdiff: error: Invalid value for '--context-words'")


def test_markdown_and_html_are_trimmed_and_json_keeps_every_word():
    old, new = hjres()
    comparison = lawdiff.diff(old, new, select="sec. 2")
    md = comparison.render("markdown")
    assert "refueling** of**" in md or "refueling**of**" in md.replace(" ", "") or "**of**" in md.replace(" ", "")
    assert md.count("…") >= 2
    # the text of the viewer's page (its list of changes cuts each entry to a few words)
    html = comparison.render("html").split("<main", 1)[1]
    assert re.search(r"…[^<]*refueling<ins>", html) and "…</p>" in html.replace(" …", "…")
    assert "…" not in comparison.render("html", context_words=None).split("<main", 1)[1]
    data = json.loads(comparison.render("json"))
    words = "".join(text for _, text in data["changes"][0]["text_ops"])
    assert "…" not in words and len(words.split()) > 100


def test_unchanged_provisions_shown_around_a_change_keep_their_words():
    act, amended = "example:surveillance-act", "example:surveillance-act-amended"
    shown = lawdiff_run("diff", act, amended, "--context", "1", "--context-words", "1").stdout
    assert "A person who fails to comply with subsection (1) commits an offence." in shown  # s. 2(2), beside s. 2(3)
    assert "… to [-6-]{+12+} months." in shown


def test_similarity_is_printed_as_computed():
    assert [alike(x) for x in (0.8, 0.997, 0.99996, 1.0, 0.004, 0.0)] == ["80%", "99.7%", ">99.9%", "100%", "0.4%", "0%"]
