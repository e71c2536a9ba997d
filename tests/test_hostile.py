"""Hostile input through every command that reads a document.

Every file of the corpus (tests/hostile_corpus.py) goes through parse, show, diff
(as old and as new), compare, topics, define, index, effects and amend (each as
the amending text and as the target). A refused file must end in exit
status 2 with exactly one line on stderr and nothing on stdout, no output file, no
byte of the secret file anywhere, and no request to the local server; and each
file is parsed once more in a child process under a memory cap and a time limit.
"""

from __future__ import annotations

import http.server
import re
import resource
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

from lawdiff.cli import main

from hostile_corpus import corpus, valid

TOKEN = "SECRET-7f3c91-DO-NOT-LEAK"
MEMORY_CAP = 1536 * 1024 * 1024  # bytes of address space for one child
TIME_LIMIT = 30  # seconds


class _Server:
    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                body = f'<!ENTITY leak "{TOKEN}">'.encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture(scope="module")
def server():
    s = _Server()
    yield s
    s.httpd.shutdown()


@pytest.fixture(scope="module")
def files(tmp_path_factory, server):
    folder = tmp_path_factory.mktemp("hostile")
    secret = folder / "secret.txt"
    secret.write_text(TOKEN + "\n")
    (folder / "valid.xml").write_text(valid())
    out = []
    for name, data, expected in corpus(str(secret), server.url):
        path = folder / f"{name}.xml"
        path.write_bytes(data)
        out.append((name, str(path), expected))
    return folder, out


NAMES = [name for name, _, _ in corpus("/nonexistent", "http://127.0.0.1:9")]
COMMANDS = {
    "parse": lambda f, v, o: ["parse", f],
    "parse-json": lambda f, v, o: ["parse", f, "--json"],
    "show": lambda f, v, o: ["show", f, "s. 1"],
    "diff-old": lambda f, v, o: ["diff", f, v],
    "diff-new": lambda f, v, o: ["diff", v, f, "--format", "json", "-o", o],
    "compare": lambda f, v, o: ["compare", f, v, "-o", o, "--date", "2026-11-29"],
    "topics": lambda f, v, o: ["topics", f],
    "glossary": lambda f, v, o: ["topics", f, "--glossary"],
    "define": lambda f, v, o: ["define", f, "provider"],
    "index": lambda f, v, o: ["index", f, "--store", o],
    "effects": lambda f, v, o: ["effects", f, "--target", v],
    "effects-target": lambda f, v, o: ["effects", v, "--target", f],
    "amend-target": lambda f, v, o: ["amend", f, v, "-o", o],
    "amend-amending": lambda f, v, o: ["amend", v, f, "--xml", o],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_refuses_hostile_input_cleanly(files, server, command, tmp_path):
    folder, items = files
    runner = CliRunner()
    for name, path, expected in items:
        out = tmp_path / f"{name}-{command}.out"
        args = COMMANDS[command](path, str(folder / "valid.xml"), str(out))
        result = runner.invoke(main, args, catch_exceptions=True)
        everything = result.stdout + result.stderr
        assert TOKEN not in everything, (name, command)
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            (name, command, repr(result.exception))
        if expected == "refused":
            assert result.exit_code == 2, (name, command, result.exit_code, result.stdout[:200])
            assert result.stderr.startswith("lawdiff: error: ") and result.stderr.count("\n") == 1, \
                (name, command, result.stderr)
            assert result.stdout == "", (name, command)
            assert not out.exists(), (name, command)
        elif command.startswith(("effects", "amend")) and result.exit_code == 2:
            # harmless input that amends nothing in the target: the documented one-line refusal
            assert re.match(r"lawdiff: error: .*none (?:of them )?is", result.stderr), (name, command, result.stderr)
            assert result.stderr.count("\n") == 1 and not out.exists(), (name, command)
        else:
            assert result.exit_code in (0, 1), (name, command, result.stderr)
    assert server.hits == []


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.parametrize("name", NAMES)
def test_bounded_time_and_memory(files, server, name):
    _, items = files
    [(_, path, expected)] = [item for item in items if item[0] == name]
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "lawdiff", "parse", path], capture_output=True, text=True,
                            timeout=TIME_LIMIT, preexec_fn=_limit_memory)
    elapsed = time.monotonic() - start
    assert elapsed < TIME_LIMIT
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert result.returncode == (2 if expected == "refused" else 0), result.stderr
    assert TOKEN not in result.stdout + result.stderr
    assert server.hits == []


def test_utf16_document_reads_like_utf8(files):
    import lawdiff

    folder, items = files
    [(_, path, _)] = [item for item in items if item[0] == "utf16-document"]
    a = lawdiff.load(path)
    b = lawdiff.load(str(folder / "valid.xml"))
    assert [(p.citation, p.text) for p in a.walk()] == [(p.citation, p.text) for p in b.walk()]
