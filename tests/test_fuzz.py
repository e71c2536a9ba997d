"""Property-based tests: real documents, mutated at random.

Mutations drop, duplicate, reorder and retag elements, corrupt text and
attributes, or damage the bytes. Whatever comes out, lawdiff either reads it or
fails with a LawdiffError (one line, exit status 2), never anything else; a
document compared with itself is identical; and diff(A, B) mirrors diff(B, A):
what one calls added the other calls removed, splits are merges, and the counts
agree.

CI runs a few examples of each (the "ci" profile). For a long campaign:

    HYPOTHESIS_PROFILE=fuzz python3 -m pytest tests/test_fuzz.py -q

("fuzz": 2,000 examples per property, no deadline; set LAWDIFF_FUZZ_EXAMPLES to
change the count).
"""

from __future__ import annotations

import copy
import os
import re

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st
from lxml import etree

import lawdiff
from lawdiff.amend import apply_effects, extract
from lawdiff.compare import diff
from lawdiff.errors import LawdiffError

from conftest import SHARED, ROOT

settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=int(os.environ.get("LAWDIFF_FUZZ_EXAMPLES", 2000)), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SOURCES = [
    "statutes/uk/ukpga-2024-9.clml.xml",
    "statutes/uk/ukpga-2024-9.akn.xml",
    "statutes/uk/uksi-2025-3@made.clml.xml",
    "statutes/uk/ukla-2017-1@enacted.akn.xml",
    "statutes/us/hjres-116-37-rh.uslm.xml",
    "statutes/akn/za-cpt-by-law-2003-sub-council@2013-11-01.akn2.xml",
]
EXAMPLE = ROOT / "lawdiff" / "examples" / "surveillance-act.clml.xml"


def _available() -> list[bytes]:
    docs = [EXAMPLE.read_bytes()]
    for name in SOURCES:
        path = SHARED / name
        if path.exists():
            docs.append(path.read_bytes())
    return docs


DOCUMENTS = _available()
# Instruction-like words that mutated text takes now and then, to reach the patterns that read them.
INSTRUCTIONS = [
    "In section 1, after “the” insert “any”.", "omit paragraphs (a) to (c)", "for subsections (1) and (2) substitute—",
    "the existing words become subsection (1)", "In the heading to Part 1, at the end insert “x”",
    "in paragraph 1 of Schedule 1, for the words after “a” substitute “b”", "after that paragraph insert—",
    "In the italic heading before section 2, omit “and”", "Schedule 1 is amended as follows.",
    "at the end of paragraph (b) insert “or”", "the words from “a” to “b” become paragraph (a)",
    "for the words from the beginning to “the” substitute “a”", "sections 1 to 3 are repealed",
    "In section 2 of the Example Act 2020 (x), in subsection (1), for “(a)” substitute “(b)”",
]


def _elements(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str) and el is not root]


@st.composite
def mutations(draw):
    """A list of (operation, index, index, text) steps; indices are taken modulo what exists."""
    ops = st.sampled_from(["drop", "duplicate", "swap", "retag", "text", "tail", "attribute", "unwrap"])
    step = st.tuples(ops, st.integers(0, 10**6), st.integers(0, 10**6),
                     st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
    return draw(st.lists(step, min_size=1, max_size=6))


def mutate(data: bytes, steps) -> bytes:
    root = etree.fromstring(data)
    for op, a, b, text in steps:
        elements = _elements(root)
        if not elements:
            break
        el = elements[a % len(elements)]
        other = elements[b % len(elements)]
        parent = el.getparent()
        text = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff")
        if op == "drop" and parent is not None:
            parent.remove(el)
        elif op == "duplicate" and parent is not None:
            el.addnext(copy.deepcopy(el))
        elif op == "swap" and parent is not None and other.getparent() is not None and el is not other \
                and el not in other.iterancestors() and other not in el.iterancestors():
            marker = etree.Element("marker")
            el.addprevious(marker)
            other.addprevious(el)
            marker.addprevious(other)
            marker.getparent().remove(marker)
        elif op == "retag":
            el.tag = other.tag
        elif op == "text":
            el.text = text
        elif op == "tail":
            el.tail = text
        elif op == "attribute":
            el.set("id" if a % 2 else "class", text[:20] or "x")
        elif op == "unwrap" and parent is not None:
            index = parent.index(el)
            for child in reversed(list(el)):
                parent.insert(index + 1, child)
            parent.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def read(data: bytes):
    """(document, None) when lawdiff reads ``data``; (None, its one-line message) when it refuses."""
    try:
        return lawdiff.parse_bytes(data, "fuzzed.xml"), None
    except LawdiffError as exc:
        return None, str(exc)


def clean_refusal(message: str) -> bool:
    """A refusal as the command line prints it: one line, saying where (the file's name first)."""
    return "\n" not in message.strip() and message.startswith("fuzzed.xml")


def read_or_refuse(data: bytes):
    """The document, or None when lawdiff refused it cleanly."""
    doc, refusal = read(data)
    assert doc is not None or clean_refusal(refusal), refusal
    return doc


_MARKS = re.compile("[\x00\x01\ud800-\udfff]")  # the walker's own marks for quotes, blocks and annotations


def problems(doc) -> list[str]:
    """What is wrong with a document lawdiff read, against what every document must satisfy,
    whatever its XML was like: each path once (paths identify provisions), no mark of the walker's
    left in any words, annotation spans and quote offsets inside their field, quoted provisions
    under their host's quote-N. Empty when all is well."""
    found: list[str] = []
    seen: set[str] = set()

    def visit(p) -> None:
        if not p.path or p.path in seen:
            found.append(f"path {p.path!r} twice")
        seen.add(p.path)
        for name in ("num", "heading", "chapeau", "continuation", "citation"):
            value = getattr(p, name) or ""
            if _MARKS.search(value):
                found.append(f"{p.path} {name}: a mark left in the words {value!r}")
        for a in p.annotations:
            if a.where in ("heading", "chapeau", "continuation") and \
                    not 0 <= a.start <= a.end <= len(getattr(p, a.where) or ""):
                found.append(f"{p.path}: annotation {a} outside its field")
        for q in p.quotes:
            if q.where not in ("chapeau", "continuation") or not 0 <= q.offset <= len(getattr(p, q.where)):
                found.append(f"{p.path}: quote at {q.where} {q.offset} outside its field")
            if _MARKS.search(q.text):
                found.append(f"{p.path}: a mark left in quoted words {q.text!r}")
            for inner in q.provisions:
                if not inner.path.startswith(p.path + "/quote-"):
                    found.append(f"{inner.path}: quoted, but not under its host {p.path}")
                visit(inner)
        for child in p.children:
            visit(child)

    for top in doc.body + doc.schedules:
        visit(top)
    return found


@given(st.sampled_from(range(len(DOCUMENTS))), mutations())
# found by a campaign: the example's Schedules retagged, its paragraph read as a section took the path of s. 1
@example(0, [("retag", 28284, 0, "")])
# and: a section duplicated into an unnumbered section (a section within a section) took the same path
@example(0, [("swap", 257, 1144, ""), ("drop", 1, 0, ""), ("duplicate", 139, 0, "")])
def test_mutated_documents_parse_or_fail_cleanly(which, steps):
    doc, refusal = read(mutate(DOCUMENTS[which], steps))
    if doc is None:
        assert clean_refusal(refusal), refusal
    else:
        assert problems(doc) == []


@given(st.sampled_from(range(len(DOCUMENTS))), st.integers(0, 10**7), st.binary(max_size=64),
       st.sampled_from(["truncate", "overwrite", "insert"]))
def test_damaged_bytes_parse_or_fail_cleanly(which, at, junk, how):
    data = DOCUMENTS[which]
    at %= len(data)
    if how == "truncate":
        data = data[:at]
    elif how == "overwrite":
        data = data[:at] + junk + data[at + len(junk):]
    else:
        data = data[:at] + junk + data[at:]
    doc, refusal = read(data)
    if doc is None:
        assert clean_refusal(refusal), refusal
    else:
        assert problems(doc) == []


def test_the_documents_themselves_pass_the_checks():
    """The checks the fuzzed documents must pass hold for the documents they come from."""
    assert len(DOCUMENTS) >= 1  # the shipped example at least
    for data in DOCUMENTS:
        assert problems(lawdiff.parse_bytes(data, "original.xml")) == []


@given(st.sampled_from(range(len(DOCUMENTS))), mutations())
def test_a_document_compared_with_itself_is_identical(which, steps):
    doc = read_or_refuse(mutate(DOCUMENTS[which], steps))
    if doc is not None:
        result = diff(doc, doc)
        assert result.identical and result.summary.total == 0


MIRROR = {"added": "removed", "removed": "added", "split": "merged", "merged": "split",
          "modified": "modified", "renumbered": "renumbered", "moved": "moved"}


@given(st.sampled_from(range(len(DOCUMENTS))), mutations())
def test_diff_in_both_directions_mirror_each_other(which, steps):
    original = lawdiff.parse_bytes(DOCUMENTS[which], "original.xml")
    mutated = read_or_refuse(mutate(DOCUMENTS[which], steps))
    if mutated is None:
        return
    forward, backward = diff(original, mutated), diff(mutated, original)
    assert forward.summary.total == backward.summary.total
    assert forward.summary.by_kind == {MIRROR[k]: n for k, n in backward.summary.by_kind.items()}
    assert forward.identical == backward.identical


@given(st.sampled_from(range(len(DOCUMENTS))), mutations(), st.sampled_from(INSTRUCTIONS))
def test_effects_of_mutated_documents_never_crash(which, steps, instruction):
    """Reading a mutated document as an amending text, with its provisions' words replaced by
    instruction-like phrases now and then, and applying what it says to itself: effects and
    conflicts, never an exception."""
    steps = [(op, a, b, instruction if op == "text" and a % 2 else text) for op, a, b, text in steps]
    doc = read_or_refuse(mutate(DOCUMENTS[which], steps))
    if doc is None:
        return
    try:
        effects = extract(doc, doc)
    except LawdiffError as refused:  # nothing in it amends itself: said in one line, naming what it does amend
        assert "\n" not in str(refused) and ("none of them is" in str(refused) or "none is to" in str(refused))
        return
    assert all(u.text is not None for u in effects.unparsed)
    applied = apply_effects(doc, effects.effects)
    assert len(applied.outcomes) == len(effects.effects)  # each one applied or said why not


def test_documents_to_fuzz_are_there():
    if not SHARED.is_dir():
        pytest.skip(f"real legislation folder {SHARED} is absent: fuzzing the shipped example only")
    assert len(DOCUMENTS) == len(SOURCES) + 1
