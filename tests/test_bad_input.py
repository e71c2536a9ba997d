"""Every bad-input path ends in one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import lawdiff
from lawdiff.errors import LawdiffError

from conftest import ROOT

LINE = re.compile(r"^lawdiff: error: .+\n$")
LOCATED = re.compile(r"^lawdiff: error: .+:\d+:\d+: .+\n$")

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Legislation [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Body>&secret;</Body></Legislation>
"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<x/>
"""
DEEP = b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'>" + b"<a>" * 100_000 \
    + b"</a>" * 100_000 + b"</akomaNtoso>"
MALFORMED = b"""<?xml version="1.0"?>
<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation">
  <Body><P1></Body>
</Legislation>
"""
UNKNOWN_ROOT = b"<html xmlns='http://www.w3.org/1999/xhtml'><body/></html>"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawdiff", *args], capture_output=True, text=True, timeout=60)


@pytest.fixture
def write(tmp_path):
    def _write(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)
    return _write


def assert_clean_failure(result: subprocess.CompletedProcess, located: bool = True) -> str:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert (LOCATED if located else LINE).match(result.stderr), result.stderr
    assert result.stdout == ""
    return result.stderr


@pytest.mark.parametrize("command", ["parse", "show"])
def test_missing_file(command):
    args = [command, "no/such/file.xml"] + (["s. 1"] if command == "show" else [])
    err = assert_clean_failure(run(*args), located=False)
    assert "no/such/file.xml: no such file" in err


def test_directory_is_not_a_document(tmp_path):
    assert "is a directory" in assert_clean_failure(run("parse", str(tmp_path)), located=False)


def test_not_xml(write):
    err = assert_clean_failure(run("parse", write("notes.txt", b"This is not XML at all.\n")))
    assert ":1:1:" in err


def test_empty_file(write):
    assert "empty" in assert_clean_failure(run("parse", write("empty.xml", b"")))


def test_malformed_xml_gives_line_and_column(write):
    path = write("bad.xml", MALFORMED)
    err = assert_clean_failure(run("parse", path))
    assert err.startswith(f"lawdiff: error: {path}:3:") and "malformed XML" in err


def test_unknown_root_element(write):
    err = assert_clean_failure(run("parse", write("page.xml", UNKNOWN_ROOT)))
    assert "unknown root element" in err and "html" in err


def test_wrong_explicit_format(write):
    err = assert_clean_failure(run("parse", "--from", "uslm", "lawdiff/examples/surveillance-act.clml.xml"))
    assert "not USLM" in err and "CLML" in err


def test_external_entity_is_refused_and_nothing_leaks(write):
    err = assert_clean_failure(run("parse", write("xxe.xml", XXE)))
    assert "entity" in err and "root:" not in err


def test_billion_laughs_is_refused(write):
    assert "entity" in assert_clean_failure(run("parse", write("lol.xml", BILLION_LAUGHS)))


def test_parameter_entity_is_refused_without_fetching(write):
    assert "entity" in assert_clean_failure(run("parse", write("pe.xml", PARAMETER_ENTITY)))


def test_deep_nesting_is_refused(write):
    assert "nested too deeply" in assert_clean_failure(run("parse", write("deep.xml", DEEP)))


def test_lowered_depth_limit_is_enforced(write):
    nested = (b'<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation">'
              + b"<a>" * 12 + b"</a>" * 12 + b"</Legislation>")
    path = write("nested.xml", nested)
    assert "nested deeper than 8" in assert_clean_failure(run("parse", "--max-depth", "8", path))
    assert run("parse", "--max-depth", "20", path).returncode == 0


def test_size_limit(write):
    path = write("big.xml", MALFORMED)
    err = assert_clean_failure(run("parse", "--max-bytes", "10", path), located=False)
    assert "over the limit of 10" in err


def test_unknown_citation():
    err = assert_clean_failure(run("show", "example:surveillance-act", "s. 99"), located=False)
    assert "no provision 's. 99'" in err


def test_unreadable_citation():
    err = assert_clean_failure(run("show", "example:surveillance-act", "the whole thing"), located=False)
    assert "cannot read citation" in err


def test_a_huge_citation_is_echoed_short():
    for citation in ("s. 1" + "(a)" * 20_000, "(" * 60_000):
        err = assert_clean_failure(run("show", "example:surveillance-act", citation), located=False)
        assert len(err) < 300 and "characters)" in err, err[:300]


def test_library_raises_lawdiff_error_with_location(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_bytes(MALFORMED)
    with pytest.raises(LawdiffError) as info:
        lawdiff.load(str(path))
    assert info.value.line == 3 and info.value.column and info.value.source == str(path)


def test_a_million_line_breaks_cost_one_pass(write):
    """Whitespace runs are read once: a valid document whose text holds a million line breaks (around
    quotation marks and commas, where pretty-printing is tidied) parses, well inside the time limit."""
    breaks = "\n" * 1_000_000
    text = f"an “{breaks}term{breaks}” means{breaks}, and{breaks}(a{breaks})"
    doc = ('<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body>'
           f"<P1><Pnumber>1</Pnumber><P1para><Text>{text}</Text></P1para></P1></Body></Primary></Legislation>")
    result = run("show", write("breaks.xml", doc.encode()), "s. 1")
    assert result.returncode == 0, result.stderr
    assert "an “term” means, and (a)" in result.stdout


def test_standard_input_is_read_as_a_document_and_bounded():
    """'-' is standard input: read like a file, located as <stdin> in errors, and an endless
    stream is refused at the size limit rather than read until memory runs out."""
    example = (ROOT / "lawdiff" / "examples" / "surveillance-act.clml.xml").read_bytes()
    piped = subprocess.run([sys.executable, "-m", "lawdiff", "parse", "-"], input=example, capture_output=True,
                           timeout=60)
    assert piped.returncode == 0 and piped.stdout == run("parse", "example:surveillance-act").stdout.encode()
    bad = subprocess.run([sys.executable, "-m", "lawdiff", "parse", "-"], input=MALFORMED, capture_output=True,
                         text=False, timeout=60)
    result = subprocess.CompletedProcess(bad.args, bad.returncode, bad.stdout.decode(), bad.stderr.decode())
    assert assert_clean_failure(result).startswith("lawdiff: error: <stdin>:")
    with open("/dev/zero", "rb") as endless:
        capped = subprocess.run([sys.executable, "-m", "lawdiff", "parse", "--max-bytes", "100000", "-"],
                                stdin=endless, capture_output=True, text=True, timeout=60)
    err = assert_clean_failure(capped, located=False)
    assert "over the limit of 100,000 bytes" in err


@pytest.mark.parametrize("args", [["diff", "example:surveillance-act", "example:surveillance-act", "--threshold", "nan"],
                                  ["topics", "example:surveillance-act", "--threshold", "NaN"]])
def test_a_threshold_must_be_a_number_from_0_to_1(args):
    """click's range lets 'nan' through (it compares false with both ends); lawdiff does not."""
    err = assert_clean_failure(run(*args), located=False)
    assert "is not a number from 0 to 1" in err


def test_bare_lawdiff_prints_its_help_as_written():
    """'lawdiff' alone is not a mistake to squash into one error line: it shows the help, laid out."""
    result = subprocess.run([sys.executable, "-m", "lawdiff"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Usage: lawdiff [OPTIONS] COMMAND [ARGS]...\n")
    assert "\n  compare " in result.stdout and "\n  diff " in result.stdout
