"""lawdiff index and lawdiff search: a local SQLite FTS5 store of provisions."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from conftest import shared, lawdiff_run

IPAA = ("statutes", "uk", "ukpga-2024-9.clml.xml")
FSMA = ("statutes", "uk", "ukpga-2023-29@2024-11-01.clml.xml")


def run(*args: str, store):
    return lawdiff_run(*args, env={**os.environ, "LAWDIFF_STORE": str(store)})


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "index.sqlite3"
    result = run("index", str(shared(*IPAA)), "example:surveillance-act", store=path)
    assert result.returncode == 0, result.stderr
    assert "324 provisions of Investigatory Powers (Amendment) Act 2024" in result.stdout
    return path


def search(store, *args: str) -> list[dict]:
    result = run("search", *args, "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["hits"]


def test_search_ranks_and_highlights(store):
    hits = search(store, "internet connection records")
    # the cross-heading and the section of that name come first
    assert [h["citation"] for h in hits[:2]] == ["Part 3, “Internet connection records”", "s. 15"]
    assert all(h["document"] == "Investigatory Powers (Amendment) Act 2024" for h in hits)
    assert "[internet] [connection] [records]" in hits[1]["snippet"].casefold()
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores)  # BM25: lower is better


def test_search_by_topic_and_document(store):
    hits = search(store, "notice", "--topic", "disclosure_restrictions")
    assert hits and all("disclosure_restrictions" in h["topics"] for h in hits)
    assert ("Communications Oversight (Example) Act 2026", "s. 2(1)") in {(h["document"], h["citation"]) for h in hits}
    assert not any(h["citation"].startswith("s. 1(") and "Example" in h["document"] for h in hits)
    only = search(store, "Commissioner", "--in", "example:surveillance-act")
    assert only and {h["ref"] for h in only} == {"example:surveillance-act"}
    by_title = search(store, "Commissioner", "--in", "Investigatory Powers (Amendment) Act 2024")
    assert by_title and {h["document"] for h in by_title} == {"Investigatory Powers (Amendment) Act 2024"}
    by_alias = search(store, "Commissioner", "--in", "IP(A)A 2024")  # the catalogue's name for ukpga/2024/9
    assert {h["citation"] for h in by_alias} == {h["citation"] for h in by_title}


def test_query_syntax(store):
    assert search(store, '"bulk personal dataset" AND authorisation')
    assert search(store, "s. 22")  # punctuation is not FTS syntax: no error
    bad = run("search", 'unterminated "quote', store=store)
    assert bad.returncode == 2 and bad.stderr.startswith("lawdiff: error: cannot search")


def test_reindexing_replaces(store, tmp_path):
    before = search(store, "retention")
    assert run("index", "example:surveillance-act", store=store).returncode == 0
    assert search(store, "retention") == before


def test_two_processes_indexing_at_once(tmp_path):
    path = tmp_path / "shared.sqlite3"
    env = {**os.environ, "LAWDIFF_STORE": str(path)}
    procs = [subprocess.Popen([sys.executable, "-m", "lawdiff", "index", str(shared(*doc))], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for doc in (FSMA, IPAA)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    docs = dict(db.execute("SELECT title, provisions FROM documents"))
    assert docs["Investigatory Powers (Amendment) Act 2024"] == 324 and len(docs) == 2
    fts = db.execute("SELECT count(*) FROM provisions_fts").fetchone()[0]
    assert fts == db.execute("SELECT count(*) FROM provisions").fetchone()[0] == sum(docs.values())


def test_older_schema_and_damaged_store(tmp_path):
    old = tmp_path / "old.sqlite3"  # a store of an earlier lawdiff: its tables, another schema version
    db = sqlite3.connect(old)
    db.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY)")
    db.execute("CREATE TABLE provisions (id INTEGER PRIMARY KEY)")
    db.execute("PRAGMA user_version = 0")
    db.commit()
    db.close()
    refused = run("search", "notice", store=old)
    assert refused.returncode == 2 and "index --rebuild" in refused.stderr and refused.stderr.count("\n") == 1
    assert run("index", "--rebuild", "example:surveillance-act", store=old).returncode == 0
    assert search(old, "provider")
    damaged = tmp_path / "damaged.sqlite3"  # a store whose pages are overwritten after its header
    assert run("index", "example:surveillance-act", store=damaged).returncode == 0
    data = bytearray(damaged.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)
    damaged.write_bytes(bytes(data))
    for name in ("damaged.sqlite3-wal", "damaged.sqlite3-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    refused = run("search", "provider", store=damaged)
    assert refused.returncode == 2 and "not a lawdiff search store, or is damaged" in refused.stderr
    rebuilt = run("index", "--rebuild", "example:surveillance-act", store=damaged)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert search(damaged, "provider")


def test_no_store_yet(tmp_path):
    missing = run("search", "anything", store=tmp_path / "none.sqlite3")
    assert missing.returncode == 2 and "index documents first" in missing.stderr


def test_a_store_path_that_is_not_a_store_is_never_changed(tmp_path):
    """--store given someone's notes, a folder or another program's database by mistake: lawdiff
    refuses in one line and --rebuild does not delete it (it did: the file became a store)."""
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    other = tmp_path / "places.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE bookmarks (url TEXT)")
    db.commit()
    db.close()
    before = other.read_bytes()
    for path, says in ((notes, "not an SQLite file"), (tmp_path, "is a folder"), (other, "another program's SQLite")):
        for args in (("index", "--rebuild", "example:surveillance-act"), ("search", "notice")):
            result = run(*args, store=path)
            assert result.returncode == 2 and result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert notes.read_text() == "my notes" and other.read_bytes() == before
