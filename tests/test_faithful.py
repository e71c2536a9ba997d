"""Faithful writing: what lawdiff writes, it reads back as the same tree.

Every real document in ../shared, written in its own format (CLML or Akoma Ntoso; USLM, which
lawdiff does not write, as Akoma Ntoso) and read back, has the same kinds, numbers, headings,
words, quotations and ids, and ``lawdiff diff`` finds no difference. An Act amended by each
keeling bill reads back as ``amend --json`` gives it, and ``lawdiff diff TARGET OUT.xml``
finds no change that an applied instruction does not explain, and no more of them than
instructions applied.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import lawdiff
from lawdiff.amend import apply_effects, extract
from lawdiff.compare import DiffOptions, diff
from lawdiff.formats.write import write

from conftest import SHARED, shared

DOCUMENTS = sorted(str(p.relative_to(SHARED)) for p in SHARED.glob("statutes/*/*.xml")) + \
    sorted(str(p.relative_to(SHARED)) for p in SHARED.glob("keeling/*/*.xml")) if SHARED.is_dir() else []
PAIRS = ["bankruptcy-scotland-act-2016", "agricultural-holdings-scotland-act-2003", "employment-rights-act-1996"]


def shape(p) -> tuple:
    """Everything of a provision the writers promise to keep (not legislation.gov.uk's annotations)."""
    return (p.kind, p.num, p.citation, p.heading, p.chapeau, p.continuation, p.source_id,
            tuple((q.where, q.offset, q.text, q.block, q.source_id, q.start_quote, q.end_quote,
                   tuple(shape(x) for x in q.provisions)) for q in p.quotes),
            tuple(shape(c) for c in p.children))


def first_difference(a, b) -> str:
    for x, y in zip(a.walk(), b.walk()):
        if shape(x)[:9] != shape(y)[:9]:
            fields = ("kind", "num", "citation", "heading", "chapeau", "continuation", "source_id", "quotes")
            what = next(f for f, u, v in zip(fields, shape(x), shape(y)) if u != v)
            return f"{x.citation}: {what}: {getattr(x, what)!r:.200} became {getattr(y, what)!r:.200}"
    return "the number of provisions"


@pytest.mark.parametrize("name", DOCUMENTS or ["(no ../shared)"])
def test_written_unchanged_and_read_back_is_the_same_tree(name):
    doc = lawdiff.load(str(shared(*name.split("/"))))
    fmt = "akn" if doc.meta.format == "uslm" else doc.meta.format
    again = lawdiff.parse_bytes(write(doc, fmt), f"again.{fmt}.xml")
    assert diff(doc, again, DiffOptions(mode="versions")).identical
    before = [shape(p) for p in doc.body + doc.schedules]
    after = [shape(p) for p in again.body + again.schedules]
    if doc.meta.format == "uslm":
        # USLM keeps a quotation's outer marks in its words, Akoma Ntoso on the element: the
        # words of a quoted structure may differ by those marks, and nothing else
        strip = lambda t: t.replace("“", "").replace("”", "")  # noqa: E731
        assert [strip(repr(s)) for s in before] == [strip(repr(s)) for s in after]
    else:
        assert before == after, first_difference(doc, again)
    for field in ("title", "long_title", "year", "number", "jurisdiction", "version", "date", "uri"):
        if doc.meta.format != "uslm" or field not in ("title",):
            assert getattr(again.meta, field) == getattr(doc.meta, field), field


@pytest.fixture(scope="module", params=PAIRS)
def amended(request):
    act = lawdiff.load(str(shared("keeling", request.param, "act.akn.xml")))
    bill = lawdiff.load(str(shared("keeling", request.param, "bill.akn.xml")))
    applied = apply_effects(act, extract(bill, act).effects)
    return request.param, act, applied


def test_the_amended_act_reads_back_as_amended(amended):
    _, _, applied = amended
    again = lawdiff.parse_bytes(write(applied.document), "amended.akn.xml")
    assert [shape(p) for p in again.body + again.schedules] == \
        [shape(p) for p in applied.document.body + applied.document.schedules], \
        first_difference(applied.document, again)


def test_new_provisions_take_ids_in_the_acts_scheme(amended):
    name, act, applied = amended
    ids = [p.source_id for p in act.walk() if p.source_id]
    new = [p for p in applied.document.walk() if p.path not in {q.path for q in act.walk()}]
    assert new, "the bill inserts provisions"
    given = [p for p in new if p.source_id]
    assert len(given) >= 0.9 * len([p for p in new if p.num]), [p.citation for p in new if not p.source_id][:10]
    every = [p.source_id for p in applied.document.walk() if p.source_id]
    assert len(every) == len(set(every))  # none given twice
    for p in given:
        assert "qstr" not in p.source_id and "__oc_" not in p.source_id  # not the bill's
        assert p.source_id.rsplit("_", 1)[-1] == p.num, (p.citation, p.source_id)
    assert len(set(ids) - set(every)) <= sum(o.applied and o.effect.type.endswith("omitted")
                                             for o in applied.outcomes) * 50


def test_diff_of_the_act_and_the_amended_act_has_one_change_per_applied_effect_or_fewer(amended):
    name, act, applied = amended
    result = diff(act, applied.document, DiffOptions(mode="versions"))
    done = [o for o in applied.outcomes if o.applied]
    landed: list[tuple[str, bool]] = []  # (path in the amended Act, whether provisions were inserted)
    for o in done:
        where = (o.citation or o.effect.affected_citation or "").replace(" heading", "")
        where = where.replace("cross-heading before ", "")
        for doc in (applied.document, act):  # an omitted provision is found where it was
            try:
                landed.append((doc.find(where).path, o.effect.type == "provision inserted"))
                break
            except lawdiff.LawdiffError:
                pass

    substituted = []
    for o in done:
        if o.effect.type == "provision substituted" and not o.effect.term:
            try:
                substituted.append(applied.document.find(o.citation or o.effect.affected_citation).path)
            except lawdiff.LawdiffError:
                pass

    def parent(path: str) -> str:
        return path.rsplit("/", 1)[0] if "/" in path else ""

    def explained(path: str) -> bool:
        # at a provision an effect amended, inside it or around it, or (insertions) beside it
        return any(path == at or path.startswith(at + "/") or at.startswith(path + "/")
                   or (inserted and parent(path) == parent(at)) for at, inserted in landed)

    reported = result.reported()
    # a cross-heading inserted with the section it heads is explained by that section
    unexplained = [c.citation for c in reported if not any(explained(p.path) for p in c.provision.walk())]
    assert not unexplained, [(c, [(o.effect.source_citation, o.effect.type, o.citation) for o in done
                                  if c.split("(")[0] in (o.citation or "")]) for c in unexplained[:3]]
    # a change and the changes inside it (a subsection substituted, its old paragraphs gone) are
    # one; so are the provisions one instruction inserts or substitutes, however the diff aligns them
    tops = [c for c in reported if not any(c is not d and c.provision.path.startswith(d.provision.path + "/")
                                           for d in reported)]

    def key(c) -> str:
        for at, inserted in landed_whole:
            if c.provision.path == at or c.provision.path.startswith(at + "/") or \
                    (inserted and parent(c.provision.path) == parent(at)):
                return at
        return c.provision.path

    landed_whole = [(at, True) for at, inserted in landed if inserted] + \
        [(doc_path, False) for doc_path in substituted]
    changes = {key(c) for c in tops}
    print(f"\n{name}: {len(done)} effects applied; diff reports {len(reported)} changes, {len(tops)} outermost, "
          f"{len(changes)} once the provisions one instruction brings are counted once")
    assert len(changes) <= len(done)


def test_amend_xml_reads_back_as_amend_json(tmp_path):
    if not SHARED.is_dir():
        pytest.skip("../shared is not there")
    act, bill = (str(shared("keeling", PAIRS[0], f)) for f in ("act.akn.xml", "bill.akn.xml"))
    out = tmp_path / "amended.xml"
    run = lambda *a: subprocess.run([sys.executable, "-m", "lawdiff", *a], capture_output=True, text=True,  # noqa
                                    timeout=300)
    result = run("amend", act, bill, "--xml", str(out), "--json")
    assert result.returncode == 0, result.stderr
    as_json = json.loads(result.stdout)
    read_back = json.loads(run("parse", str(out), "--json").stdout)

    def tree(data):  # annotations (links, commentary markers) are legislation.gov.uk's, not kept
        if isinstance(data, dict):
            return {k: tree(v) for k, v in data.items() if k != "annotations"}
        return [tree(x) for x in data] if isinstance(data, list) else data

    assert tree(read_back["body"]) == tree(as_json["body"])
    assert tree(read_back["schedules"]) == tree(as_json["schedules"])
    assert run("diff", act, str(out)).returncode == 1  # it is amended
