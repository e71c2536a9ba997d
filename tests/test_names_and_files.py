"""File names that are not UTF-8 work wherever a name is printed, stored or written; input files
that are not UTF-8 text are refused in one line; no error line echoes more than a few hundred
characters of a value; numbers are refused past what the OS and SQLite take."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

EXAMPLE = ROOT / "lawdiff" / "examples" / "surveillance-act.clml.xml"
AMENDED = ROOT / "lawdiff" / "examples" / "surveillance-act-amended.clml.xml"


def run(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawdiff", *args], capture_output=True, cwd=cwd, timeout=300)


def one_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2 and b"Traceback" not in result.stderr, result.stderr[-500:]
    assert result.stderr.count(b"\n") == 1, result.stderr
    return result.stderr.decode("utf-8")


@pytest.fixture
def odd(tmp_path):
    """The examples under names with bytes that are not UTF-8."""
    shutil.copyfile(EXAMPLE, tmp_path / b"old-\xff.xml".decode("utf-8", "surrogateescape"))
    shutil.copyfile(AMENDED, tmp_path / b"new-\xfe.xml".decode("utf-8", "surrogateescape"))
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "html", "markdown", "text"])
def test_diff_output_to_and_from_names_that_are_not_utf8(odd, fmt):
    out = b"out-\xe9." + fmt.encode()
    result = run("diff", b"old-\xff.xml", b"new-\xfe.xml", "--format", fmt, "-o", out, cwd=odd)
    assert result.returncode == 1, result.stderr
    written = (odd / out.decode("utf-8", "surrogateescape")).read_bytes()
    written.decode("utf-8")  # a UTF-8 file, the name in it as an escape
    if fmt == "json":
        assert json.loads(written)["old"]["source"] == "old-\\xff.xml"
    else:
        assert b"old-\\xff.xml" in written


def test_index_and_search_store_and_print_such_names(odd):
    store = b"store-\xff.db"
    indexed = run("index", b"old-\xff.xml", "--store", store, cwd=odd)
    assert indexed.returncode == 0, indexed.stderr
    found = run("search", "retention", "--in", b"old-\xff.xml", "--store", store, "--format", "json", cwd=odd)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits and {h["ref"] for h in hits["hits"]} == {"old-\\xff.xml"}


@pytest.mark.parametrize("option, name, says", [
    ("--correspondence", "table.toml", "the correspondence table is not UTF-8 text (byte 7"),
    ("--taxonomy", "topics.toml", "cannot read the taxonomy"),
])
def test_input_files_that_are_not_utf8_are_one_line(tmp_path, option, name, says):
    (tmp_path / name).write_bytes(b'old = "\xff\xfe"\n')
    extra = ["--topic", "oversight"] if option == "--taxonomy" else []
    assert says in one_line(run("diff", str(EXAMPLE), str(AMENDED), option, name, *extra, cwd=tmp_path))


@pytest.mark.parametrize("name", ["compare.html.j2", "compare.css"])
def test_a_template_that_is_not_utf8_is_one_line(tmp_path, name):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / name).write_bytes(b"body {\xff}")
    says = one_line(run("compare", str(EXAMPLE), str(AMENDED), "-o", "x.pdf", "--template", "tpl", cwd=tmp_path))
    assert f"tpl/{name}: the template is not UTF-8 text" in says
    assert not (tmp_path / "x.pdf").exists()


def test_an_error_line_echoes_a_few_hundred_characters_at_most(tmp_path):
    says = one_line(run("show", "x" * 100_000, "s. 1", cwd=tmp_path))
    assert len(says) < 700 and says.rstrip().endswith("…")


@pytest.mark.parametrize("args", [
    ["search", "warrant", "--limit", "99999999999999999999"],
    ["parse", str(EXAMPLE), "--max-bytes", "99999999999999999999999"],
    ["parse", str(EXAMPLE), "--max-depth", "99999999999999999999"],
    ["diff", str(EXAMPLE), str(AMENDED), "--context", "99999999999999999999"],
])
def test_numbers_past_what_the_os_and_sqlite_take_are_refused(tmp_path, args):
    assert "is not in the range" in one_line(run(*args, cwd=tmp_path))
