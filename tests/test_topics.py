"""Topics, glossary and topic-filtered comparisons."""

from __future__ import annotations

import json

import pypdf
import pytest
from lxml import etree

import lawdiff
from lawdiff.errors import LawdiffError
from lawdiff.topics import Classifier, define, glossary, load_taxonomy

from conftest import shared, lawdiff_run

L = "{http://www.legislation.gov.uk/namespaces/legislation}"

# Each Part of the IP(A)A 2024 whose title names a topic of its own, and that topic.
PART_TOPICS = {
    "Bulk personal datasets": "bulk_personal_datasets",
    "Oversight arrangements": "oversight",
    "Communications data etc": "communications_data",
    "Notices": "operator_obligations",
}


def run(*args: str):
    return lawdiff_run(*args)


def test_taxonomy_covers_the_investigatory_powers():
    tax = load_taxonomy()
    ids = set(tax.ids())
    for topic_id in ("interception.targeted", "interception.bulk", "interception.examination",
                     "communications_data.acquisition", "communications_data.retention", "communications_data.icr",
                     "communications_data.subscriber_data", "equipment_interference.targeted",
                     "equipment_interference.bulk", "bulk_personal_datasets.third_party",
                     "bulk_personal_datasets.low_privacy", "warrants.approval", "warrants.urgency",
                     "warrants.modification", "warrants.renewal", "warrants.duration", "warrants.cancellation",
                     "operator_obligations.retention_notices", "operator_obligations.technical_capability",
                     "operator_obligations.national_security", "operator_obligations.notification",
                     "operator_obligations.review", "encryption", "disclosure_restrictions",
                     "safeguards.journalism", "safeguards.legal_privilege", "safeguards.legislators",
                     "safeguards.health_records", "safeguards.privacy", "oversight.commissioners",
                     "oversight.tribunal", "oversight.errors", "offences", "interpretation"):
        assert topic_id in ids
    assert all(t.description and t.terms for t in tax.topics)


def ipa_without_part_titles() -> tuple[lawdiff.Document, dict[str, str]]:
    """The IP(A)A 2024 with Part titles and cross-headings removed, and each section's Part title."""
    tree = etree.parse(str(shared("statutes", "uk", "ukpga-2024-9.clml.xml")))
    part_of: dict[str, str] = {}
    for part in tree.getroot().iter(L + "Part"):
        if part.getparent().tag != L + "Body":
            continue
        title = part.find(L + "Title").text
        for p1 in part.iter(L + "P1"):
            if not any(a.tag == L + "BlockAmendment" for a in p1.iterancestors()):
                part_of[p1.find(L + "Pnumber").text] = title
    for container in list(tree.getroot().iter(L + "Part", L + "Pblock")):
        title = container.find(L + "Title")
        if title is not None:
            container.remove(title)
    doc = lawdiff.parse_bytes(etree.tostring(tree), "ipaa-2024-untitled.xml")
    assert not any(p.heading for p in doc.body)  # no Part title left to lean on
    return doc, part_of


def test_sections_are_placed_in_the_topic_of_their_part(capsys):
    doc, part_of = ipa_without_part_titles()
    placed = {c.provision.num: c.primary for c in Classifier().classify_document(doc)
              if not c.provision.path.startswith("sch")}
    report = []
    for title, topic in PART_TOPICS.items():
        truth = {num for num, t in part_of.items() if t == title}
        predicted = {num for num, p in placed.items() if p == topic}
        precision = len(truth & predicted) / len(predicted) if predicted else 0.0
        recall = len(truth & predicted) / len(truth)
        report.append((topic, precision, recall))
    with capsys.disabled():
        for topic, precision, recall in report:
            print(f"\n  {topic:28} precision {precision:.2f}  recall {recall:.2f}", end="")
        print()
    for topic, precision, recall in report:
        assert precision >= 0.8 and recall >= 0.8, (topic, precision, recall)


def test_evidence_explains_a_score():
    doc, _ = ipa_without_part_titles()
    s7 = next(c for c in Classifier().classify_document(doc) if c.provision.citation == "s. 7")
    best = s7.scores[0]
    assert best.topic.id == "oversight"
    terms = {(e.term, e.where) for e in best.evidence}
    assert ("deputy investigatory powers commissioner", "heading") in terms
    assert ("deputy investigatory powers commissioner", "text") in terms


def test_glossary_of_the_ipaa_2024():
    doc = lawdiff.load(str(shared("statutes", "uk", "ukpga-2024-9.clml.xml")))
    found = {(d.term, d.citation) for d in glossary(doc)}
    for term, citation in (("Deputy Investigatory Powers Commissioner", "s. 7(4)"),
                           ("relevant subscriber data", "s. 13(3)"), ("emergency services", "s. 12(3)"),
                           ("relevant personal data breach", "s. 11(2)(b)"), ("health record", "s. 5"),
                           ("individual authorisation", "s. 2")):
        assert (term, citation) in found, term
    [deputy] = define(doc, "deputy investigatory powers commissioner")
    assert deputy.quoted and deputy.text.startswith("“Deputy Investigatory Powers Commissioner” means a person "
                                                    "appointed under section 227(6A)")
    [pointer] = [d for d in define(doc, "sensitive personal data")]
    assert pointer.refers and pointer.citation == "s. 5"


def test_define_command():
    result = run("define", "example:surveillance-act", "Commissioner")
    assert result.returncode == 0
    assert result.stdout == ("“Commissioner” means a person appointed under Schedule 1;\n"
                             "    — Communications Oversight (Example) Act 2026, s. 4 (definition of “Commissioner”)\n")
    missing = run("define", "example:surveillance-act", "providr")
    assert missing.returncode == 2 and "did you mean “provider”" in missing.stderr


def test_topics_command_formats():
    path = str(shared("statutes", "uk", "ukpga-2024-9.clml.xml"))
    table = run("topics", path)
    assert table.returncode == 0 and table.stdout.startswith("citation")
    data = json.loads(run("topics", path, "--format", "json", "--topic", "Communications data").stdout)
    assert data["schema"] == "lawdiff.topics/1"
    cites = [p["citation"] for p in data["provisions"]]
    assert {"s. 12", "s. 13", "s. 14", "s. 15"} <= set(cites)
    s13 = next(p for p in data["provisions"] if p["citation"] == "s. 13")
    assert s13["topics"][0]["evidence"][0]["term"]
    csv_out = run("topics", path, "--format", "csv").stdout.splitlines()
    classified = Classifier().classify_document(lawdiff.load(path))  # 33 sections, 6 schedule paragraphs
    assert csv_out[0] == "citation,path,heading,primary,topics,scores,evidence"
    assert len(csv_out) == 1 + len(classified) == 40
    gloss = run("topics", path, "--glossary", "--format", "json")
    assert any(d["term"] == "coroner" for d in json.loads(gloss.stdout)["definitions"])
    assert "interception.bulk" in run("topics", "--list").stdout


@pytest.mark.parametrize("text, message", [
    ("[a]\nlabel = 'A'\nterms = { x = 1 }\n", "description must be a non-empty string"),
    ("[a]\nlabel = 'A'\ndescription = 'd'\nterms = { x = 'heavy' }\n", "the weight of 'x' must be a number"),
    ("[a]\nlabel = 'A'\ndescription = 'd'\nterms = { x = 1 }\ncolour = 'red'\n", "unknown field(s) colour"),
    ("[a]\nlabel = 'A'\ndescription = 'd'\nterms = {}\n", "terms must be a table"),
    ("[a.b]\nlabel = 'B'\ndescription = 'd'\nterms = { x = 1 }\n", "subtopic of 'a', which is not defined"),
    ("[a\n", "not valid TOML"),
    ("[Bad-Id]\nlabel = 'A'\ndescription = 'd'\nterms = { x = 1 }\n", "ids are lower-case"),
    ("[a]\nlabel = 'A'\ndescription = 'd'\nterms = { x = 1 }\ncontext = 'warrant'\n", "context must be a list"),
])
def test_user_taxonomy_errors_are_clear(tmp_path, text, message):
    path = tmp_path / "mine.toml"
    path.write_text(text)
    with pytest.raises(LawdiffError, match=None) as err:
        load_taxonomy(str(path))
    assert message in str(err.value) and str(path) in str(err.value)
    result = run("topics", "example:surveillance-act", "--taxonomy", str(path))
    assert result.returncode == 2 and result.stderr.startswith("lawdiff: error: ") and message in result.stderr


def test_user_taxonomy_is_used(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[records]\nlabel = 'Records'\ndescription = 'Keeping records.'\n"
                    "terms = { 'keep records' = 5, 'records' = 3 }\n")
    data = json.loads(run("topics", "example:surveillance-act", "--taxonomy", str(path), "--format", "json").stdout)
    # s. 1 keeps records; s. 3 amends the "Example Records Act 2020"
    assert [p["citation"] for p in data["provisions"] if p["primary"] == "records"] == ["s. 1", "s. 3"]
    assert all(t["id"] == "records" for p in data["provisions"] for t in p["topics"])


def test_diff_and_compare_by_topic(tmp_path):
    args = ("example:surveillance-act", "example:surveillance-act-amended")
    narrowed = json.loads(run("diff", *args, "--topic", "disclosure_restrictions", "--format", "json").stdout)
    assert narrowed["summary"]["total"] == 1 and narrowed["summary"]["by_kind"] == {"added": 1}
    assert run("diff", *args, "--topic", "encryption").returncode == 0  # nothing on encryption changed
    out = tmp_path / "topic.pdf"
    assert run("compare", *args, "-o", str(out), "--date", "2026-11-29").returncode == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(out)).pages)
    assert "Disclosure restrictions and tipping off" in text  # the tag beside s. 2


def test_a_definition_without_an_end_is_quoted_to_a_bound():
    """A definition runs to its ";" or line end; in words that have neither, each of thousands of
    definitions is quoted to a bound (with "…"), not to the end of the text (which made a long run of
    them cost the square of its length)."""
    words = "“term” means a thing and another " * 3000  # 100,000 characters, no ";" and no line break
    doc = lawdiff.parse_bytes((
        '<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body>'
        f"<P1><Pnumber>1</Pnumber><P1para><Text>{words}</Text></P1para></P1></Body></Primary></Legislation>"
    ).encode(), "defs.xml")
    found = glossary(doc)
    assert [d.term for d in found] == ["term"]  # one per term and provision
    assert 3900 < len(found[0].text) <= 4001 and found[0].text.endswith("…")
    ended = lawdiff.parse_bytes((
        '<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body>'
        "<P1><Pnumber>1</Pnumber><P1para><Text>“term” means a thing; “other” means another.</Text></P1para></P1>"
        "</Body></Primary></Legislation>").encode(), "defs.xml")
    assert [(d.term, d.text) for d in glossary(ended)] == [("term", "“term” means a thing;"),
                                                          ("other", "“other” means another.")]


def test_context_keeps_generic_words_to_their_field():
    """"Modifications", "cancel", "give a notice" or "data protection" in an Act outside the field
    (FSMA 2023) are not about warrants, operators or safeguards; in an Act about investigatory powers
    the same words are (its title, and 17 of its 60 headings, say so)."""
    classifier = Classifier(load_taxonomy())
    fsma = lawdiff.load(str(shared("statutes", "uk", "ukpga-2023-29@2024-11-01.clml.xml")))
    ipaa = lawdiff.load(str(shared("statutes", "uk", "ukpga-2024-9.clml.xml")))
    assert classifier.document_contexts(fsma) == frozenset()
    with_context = {t.id for t in classifier.taxonomy.topics if t.context}
    assert {t for t in classifier.document_contexts(ipaa) if "." not in t} == with_context
    assert classifier.document_contexts(lawdiff.load("example:surveillance-act")) >= {"operator_obligations",
                                                                                      "disclosure_restrictions"}
    tagged = [c for c in classifier.classify_document(fsma) if c.scores]
    # outside the field, only the general topics remain (interpretation, offences)
    assert {s.topic.id.split(".")[0] for c in tagged for s in c.scores} == {"interpretation", "offences"}
    assert len(tagged) < 0.2 * len(classifier.classify_document(fsma))
    # the same word inside the field still counts: the IP(A)A's modification of warrants
    assert any(c.has("warrants.modification") for c in classifier.classify_document(ipaa))
