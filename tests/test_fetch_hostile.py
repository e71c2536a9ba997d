"""Fetching from servers that misbehave: each a real HTTP server on 127.0.0.1, each case bounded.

A server that trickles its answer a byte a second, one that serves an error page or another
document with "200 OK", redirects to ftp:// and round in circles, 429 and 503 with Retry-After,
and a reason phrase left empty. Whatever the server does, lawdiff answers within its deadline,
in one line with the reason, and keeps nothing in the cache that is not the item asked for.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from lawdiff.errors import LawdiffError
from lawdiff.sources.fetch import SourceOptions, fetch
from lawdiff.sources.identifiers import parse_reference

from conftest import shared


class Hostile:
    """A server on 127.0.0.1 whose answer to every request is ``self.answer(path) -> bytes``
    (the whole raw response), sent ``self.pace`` bytes at a time with ``self.pause`` between."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.answer = lambda path: b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        self.pace, self.pause = 1 << 20, 0.0
        self.requests: list[str] = []
        self.running = True
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        try:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ")[1].decode()
            self.requests.append(path)
            raw = self.answer(path)
            for at in range(0, len(raw), self.pace):
                conn.sendall(raw[at:at + self.pace])
                if self.pause:
                    time.sleep(self.pause)
        except OSError:
            pass
        finally:
            conn.close()

    def stop(self) -> None:
        self.running = False
        self.sock.close()


def ok(body: bytes, reason: str = "OK") -> bytes:
    return (f"HTTP/1.1 200 {reason}\r\nContent-Type: application/xml\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode() + body


def status(code: int, reason: str, headers: str = "") -> bytes:
    return f"HTTP/1.1 {code} {reason}\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n".encode()


@pytest.fixture
def server():
    s = Hostile()
    yield s
    s.stop()


def opts(server, tmp_path, **kw) -> SourceOptions:
    values = dict(base_url=server.url, cache_dir=str(tmp_path / "cache"), mirror=None, timeout=1.0, retries=2,
                  backoff=0.05)
    values.update(kw)
    return SourceOptions(**values)


def cached(tmp_path) -> list[str]:
    return [os.path.join(d, f) for d, _, files in os.walk(tmp_path / "cache") for f in files]


@pytest.fixture(autouse=True)
def _ipaa():
    global IPAA
    IPAA = shared("statutes", "uk", "ukpga-2024-9.clml.xml").read_bytes()


IPAA = b""


def test_a_server_sending_a_byte_a_second_is_cut_off_at_the_deadline(server, tmp_path):
    """Each read comes within the timeout, so only a deadline for the whole fetch ends it."""
    server.answer = lambda path: ok(IPAA)
    server.pace, server.pause = 1, 0.2
    start = time.monotonic()
    with pytest.raises(LawdiffError, match=r"no complete answer within 3 s \(LAWDIFF_DEADLINE\)"):
        fetch(parse_reference("ukpga/2024/9/enacted"), opts(server, tmp_path, timeout=1.0, deadline=3.0))
    assert time.monotonic() - start < 6
    assert not cached(tmp_path)


def test_headers_sent_a_byte_at_a_time_are_cut_off_too(server, tmp_path):
    server.answer = lambda path: ok(IPAA)
    server.pace, server.pause = 1, 0.3  # the status line alone takes seconds
    start = time.monotonic()
    with pytest.raises(LawdiffError, match="no complete answer within 2 s"):
        fetch(parse_reference("ukpga/2024/9/enacted"), opts(server, tmp_path, deadline=2.0))
    assert time.monotonic() - start < 5


def test_the_command_line_is_bounded_by_the_deadline_as_well(server, tmp_path):
    server.answer = lambda path: ok(IPAA)
    server.pace, server.pause = 1, 0.5
    env = {**os.environ, "LAWDIFF_BASE_URL": server.url, "LAWDIFF_CACHE": str(tmp_path / "cache"),
           "LAWDIFF_TIMEOUT": "1"}  # no deadline set: four reads' worth, 4 s
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "lawdiff", "show", "ukpga/2024/9", "s. 1"], capture_output=True,
                            text=True, timeout=60, env=env)
    assert time.monotonic() - start < 15
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "within 4 s" in result.stderr


@pytest.mark.parametrize("body, says", [
    (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Service unavailable</title>'
     b"</head><body><p>Service unavailable</p></body></html>", "did not answer with legislation"),
    (b"<error><code>503</code><message>Service unavailable</message></error>", "did not answer with legislation"),
])
def test_an_error_page_served_as_ok_is_refused_and_not_cached(server, tmp_path, body, says):
    server.answer = lambda path: ok(body)
    with pytest.raises(LawdiffError, match=says) as caught:
        fetch(parse_reference("ukpga/2024/9/enacted"), opts(server, tmp_path))
    assert "nothing was cached" in str(caught.value)
    assert not cached(tmp_path)


def test_another_document_served_for_the_identifier_is_refused(server, tmp_path):
    other = shared("statutes", "uk", "uksi-2025-3@made.clml.xml").read_bytes()
    server.answer = lambda path: ok(other)
    with pytest.raises(LawdiffError, match=r"answered with uksi/2025/3 \(made\), not ukpga/2024/9/enacted; "
                                           r"nothing was cached"):
        fetch(parse_reference("ukpga/2024/9/enacted"), opts(server, tmp_path))
    assert not cached(tmp_path)
    # the same Act at a point in time is not its enacted text either
    fsma = shared("statutes", "uk", "ukpga-2023-29@2024-11-01.clml.xml").read_bytes()
    server.answer = lambda path: ok(fsma)
    with pytest.raises(LawdiffError, match=r"answered with ukpga/2023/29 \(2024-11-01\), not ukpga/2023/29/enacted"):
        fetch(parse_reference("ukpga/2023/29/enacted"), opts(server, tmp_path))
    # ... but it is the text in force on a later date, and the current text
    assert fetch(parse_reference("ukpga/2023/29/2025-01-01"), opts(server, tmp_path))[1] == fsma
    assert fetch(parse_reference("ukpga/2023/29"), opts(server, tmp_path))[1] == fsma
    # and the right document is kept
    server.answer = lambda path: ok(IPAA)
    assert fetch(parse_reference("ukpga/2024/9/enacted"), opts(server, tmp_path))[1] == IPAA
    assert any(p.endswith(os.path.join("ukpga", "2024", "9", "enacted", "data.xml")) for p in cached(tmp_path))


def test_a_redirect_to_ftp_is_not_followed_nor_retried(server, tmp_path):
    server.answer = lambda path: status(302, "Found", "Location: ftp://127.0.0.1/data.xml\r\n")
    with pytest.raises(LawdiffError, match=r"follows redirects only to http:// and https://, not ftp:"):
        fetch(parse_reference("ukpga/2024/9/enacted"), opts(server, tmp_path))
    assert len(server.requests) == 1


def test_redirects_are_followed_a_bounded_number_of_times(server, tmp_path):
    server.answer = lambda path: (ok(IPAA) if path == "/final/data.xml"
                                  else status(301, "Moved", "Location: /final/data.xml\r\n"))
    assert fetch(parse_reference("ukpga/2024/9/enacted"), opts(server, tmp_path))[1] == IPAA
    server.requests.clear()
    server.answer = lambda path: status(302, "Found", f"Location: {path}x\r\n")
    with pytest.raises(LawdiffError, match="redirects more than 5 times"):
        fetch(parse_reference("ukpga/2024/9"), opts(server, tmp_path))  # (the enacted text is cached now)
    assert len(server.requests) == 6


def test_retry_after_is_honoured_up_to_a_cap(server, tmp_path):
    calls = []

    def busy(path):
        calls.append(time.monotonic())
        return status(503, "Service Unavailable", "Retry-After: 1\r\n") if len(calls) == 1 else ok(IPAA)

    server.answer = busy
    assert fetch(parse_reference("ukpga/2024/9/enacted"), opts(server, tmp_path, deadline=10.0))[1] == IPAA
    assert calls[1] - calls[0] >= 0.9  # it waited as asked, not the 0.05 s backoff
    server.answer = lambda path: status(429, "Too Many Requests", "Retry-After: 3600\r\n")
    start = time.monotonic()
    with pytest.raises(LawdiffError, match=r"HTTP 429 Too Many Requests and asks lawdiff to wait 3600 s before trying "
                                           r"again \(it waits at most 120 s\)"):
        fetch(parse_reference("uksi/2025/3/made"), opts(server, tmp_path))
    assert time.monotonic() - start < 2


def test_the_reason_is_never_empty(server, tmp_path):
    server.answer = lambda path: status(500, "")
    with pytest.raises(LawdiffError, match=r"answered HTTP 500 Internal Server Error after 3 tries"):
        fetch(parse_reference("ukpga/2024/9/enacted"), opts(server, tmp_path))
    server.stop()
    with pytest.raises(LawdiffError, match=r"cannot fetch .*: Connection refused \(after 3 tries"):
        fetch(parse_reference("ukpga/2024/9/enacted"), opts(server, tmp_path))
