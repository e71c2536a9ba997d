"""Legislation by name: identifiers, fetching from a local server, the cache, offline use, mirrors."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

import lawdiff
from lawdiff.errors import LawdiffError
from lawdiff.sources import resolve
from lawdiff.sources.catalog import catalog, resolve_alias
from lawdiff.sources.fetch import SourceOptions, fetch, user_agent
from lawdiff.sources.identifiers import parse_reference

from conftest import shared, lawdiff_run


@pytest.mark.parametrize("text, path", [
    ("ukpga/2016/25", "ukpga/2016/25"),
    ("/ukpga/2016/25/", "ukpga/2016/25"),
    ("ukpga/2016/25/enacted", "ukpga/2016/25/enacted"),
    ("ukpga/2016/25/2024-10-14", "ukpga/2016/25/2024-10-14"),
    ("ukpga/2016/25/part/7", "ukpga/2016/25/part/7"),
    ("ukpga/2016/25/section/87", "ukpga/2016/25/section/87"),
    ("ukpga/2016/25/section/87/enacted", "ukpga/2016/25/section/87/enacted"),
    ("ukpga/2016/25/enacted/section/87", "ukpga/2016/25/section/87/enacted"),
    ("https://www.legislation.gov.uk/ukpga/2016/25/section/87", "ukpga/2016/25/section/87"),
    ("https://www.legislation.gov.uk/ukpga/2016/25/section/87/data.xml", "ukpga/2016/25/section/87"),
    ("http://www.legislation.gov.uk/id/ukpga/2016/25", "ukpga/2016/25"),
    ("uksi/2018/1123/made", "uksi/2018/1123/made"),
    ("ukpga/2016/25/schedule/2/paragraph/3", "ukpga/2016/25/schedule/2/paragraph/3"),
])
def test_identifier_forms(text, path):
    ref = parse_reference(text)
    assert ref is not None and ref.path == path
    assert ref.data_url("https://www.legislation.gov.uk") == f"https://www.legislation.gov.uk/{path}/data.xml"


@pytest.mark.parametrize("text", ["notes.txt", "ukpga/16/25", "foo/2016/25", "ukpga/2016", "ukpga/2016/25/nonsense/1",
                                  "ukpga/2016/25/enacted/2024-01-01", "https://example.com/page"])
def test_not_identifiers(text):
    assert parse_reference(text) is None


def test_pinned_versions():
    assert parse_reference("ukpga/2016/25/enacted").pinned
    assert parse_reference("ukpga/2016/25/2024-10-14").pinned
    assert not parse_reference("ukpga/2016/25").pinned


def test_catalogue_aliases():
    ids = {e.id for e in catalog()}
    for work in ("ukpga/2000/23", "ukpga/2014/27", "ukpga/2015/6", "ukpga/2016/25", "ukpga/2024/9", "ukpga/1984/12",
                 "ukpga/1994/13", "ukpga/1997/50", "ukpga/2008/28", "ukpga/2023/32"):
        assert work in ids
    assert resolve_alias("RIPA") == "ukpga/2000/23"
    assert resolve_alias("Investigatory Powers Act 2016") == "ukpga/2016/25"
    assert resolve_alias("IP(A)A 2024") == "ukpga/2024/9"
    assert resolve_alias("RIPA section 22") == "ukpga/2000/23/section/22"
    assert resolve("DRIPA").path == "ukpga/2014/27"
    assert resolve(__file__) is None  # a file that exists is always the file


# -- a real HTTP server on 127.0.0.1, serving ../shared laid out like the site ------------------

SITE = {
    "ukpga/2024/9/enacted": ("statutes", "uk", "ukpga-2024-9.clml.xml"),
    "ukpga/2000/8/section/91/2024-11-22": ("statutes", "uk", "ukpga-2000-8-section-91@2024-11-22.clml.xml"),
    "uksi/2025/3/made": ("statutes", "uk", "uksi-2025-3@made.clml.xml"),
    "ukpga/2024/9": ("statutes", "uk", "ukpga-2024-9.clml.xml"),
}


class Site:
    def __init__(self, root) -> None:
        self.root = root
        self.requests: list[tuple[str, str]] = []
        self.fail_first: dict[str, int] = {}  # path -> how many 500s before success
        self.slow: set[str] = set()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                path = self.path.strip("/")
                if path in site.slow:
                    time.sleep(2)
                if site.fail_first.get(path, 0) > 0:
                    site.fail_first[path] -= 1
                    self.send_error(500, "try again")
                    return
                file = os.path.join(site.root, *path.split("/"))
                if not os.path.isfile(file):
                    self.send_error(404)
                    return
                body = open(file, "rb").read()
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    for path, parts in SITE.items():
        target = root / path / "data.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared(*parts), target)
    server = Site(str(root))
    yield server
    server.stop()


def options(site, tmp_path, **kw) -> SourceOptions:
    return SourceOptions(base_url=site.url, cache_dir=str(tmp_path / "cache"), mirror=None, timeout=1.0,
                         retries=2, backoff=0.05, **kw)


def test_fetch_success_caches_and_names_itself(site, tmp_path):
    name, data = fetch(parse_reference("ukpga/2024/9/enacted"), options(site, tmp_path))
    assert data.startswith(b"<?xml") and name == "ukpga/2024/9/enacted"
    assert site.requests == [("/ukpga/2024/9/enacted/data.xml", user_agent())]
    assert user_agent().startswith(f"lawdiff/{lawdiff.__version__}")
    assert (tmp_path / "cache" / "ukpga" / "2024" / "9" / "enacted" / "data.xml").read_bytes() == data
    # an enacted version never changes: the second read comes from the cache, even with the server gone
    site.stop()
    _, again = fetch(parse_reference("https://www.legislation.gov.uk/ukpga/2024/9/enacted"), options(site, tmp_path))
    assert again == data and len(site.requests) == 1


def test_an_answer_that_is_not_xml_is_not_cached(site, tmp_path):
    """An error page served with status 200 (a proxy's, a maintenance notice) is refused and not
    kept: a version that never changes would otherwise be served from the cache for ever."""
    page = tmp_path / "site" / "ukpga" / "2016" / "25" / "enacted" / "data.xml"
    page.parent.mkdir(parents=True)
    page.write_bytes(b"<html><body><p>Service unavailable</body>")
    with pytest.raises(LawdiffError, match="malformed XML"):
        fetch(parse_reference("ukpga/2016/25/enacted"), options(site, tmp_path))
    assert not (tmp_path / "cache" / "ukpga" / "2016" / "25" / "enacted" / "data.xml").exists()


def test_a_damaged_cached_copy_says_where_it_is(site, tmp_path):
    opts = options(site, tmp_path)
    assert lawdiff.load("ukpga/2024/9/enacted", sources=opts).find("s. 1").citation == "s. 1"
    cached = tmp_path / "cache" / "ukpga" / "2024" / "9" / "enacted" / "data.xml"
    cached.write_bytes(cached.read_bytes()[:5000])  # cut short, as by a full disk
    with pytest.raises(LawdiffError) as caught:
        lawdiff.load("ukpga/2024/9/enacted", sources=opts)
    message = str(caught.value)
    assert message.startswith("ukpga/2024/9/enacted:") and f"in the cached copy {cached}: delete it" in message
    cached.unlink()
    assert lawdiff.load("ukpga/2024/9/enacted", sources=opts).find("s. 1").citation == "s. 1"
    assert len(site.requests) == 2


def test_current_text_is_fetched_again_unless_offline(site, tmp_path):
    ref = parse_reference("ukpga/2024/9")
    fetch(ref, options(site, tmp_path))
    fetch(ref, options(site, tmp_path))
    assert len(site.requests) == 2
    fetch(ref, options(site, tmp_path, offline=True))
    assert len(site.requests) == 2


def test_not_found(site, tmp_path):
    with pytest.raises(LawdiffError, match=r"not found: .*ukpga/2016/25/enacted/data.xml \(HTTP 404\)"):
        fetch(parse_reference("ukpga/2016/25/enacted"), options(site, tmp_path))
    assert len(site.requests) == 1  # a 404 is not retried


def test_server_error_then_success_is_retried(site, tmp_path):
    site.fail_first["uksi/2025/3/made/data.xml"] = 2
    _, data = fetch(parse_reference("uksi/2025/3/made"), options(site, tmp_path))
    assert b"<Legislation" in data[:200] and len(site.requests) == 3


def test_server_errors_give_up_with_a_clear_error(site, tmp_path):
    site.fail_first["uksi/2025/3/made/data.xml"] = 10
    with pytest.raises(LawdiffError, match=r"HTTP 500 .* after 3 tries"):
        fetch(parse_reference("uksi/2025/3/made"), options(site, tmp_path))


def test_slow_response_times_out(site, tmp_path):
    site.slow.add("uksi/2025/3/made/data.xml")
    start = time.monotonic()
    with pytest.raises(LawdiffError, match=r"cannot fetch .*timed out"):
        fetch(parse_reference("uksi/2025/3/made"), options(site, tmp_path, ))
    assert time.monotonic() - start < 10


def test_network_failure(tmp_path):
    dead = SourceOptions(base_url="http://127.0.0.1:9", cache_dir=str(tmp_path), mirror=None, timeout=1, retries=1,
                         backoff=0.01)
    with pytest.raises(LawdiffError, match=r"cannot fetch http://127.0.0.1:9/ukpga/2016/25/data.xml: .*--offline"):
        fetch(parse_reference("ukpga/2016/25"), dead)


def test_offline_miss_says_what_is_missing(tmp_path):
    offline = SourceOptions(cache_dir=str(tmp_path / "cache"), mirror=None, offline=True)
    with pytest.raises(LawdiffError, match=r"ukpga/2016/25/enacted is not in the cache .* --offline"):
        fetch(parse_reference("ukpga/2016/25/enacted"), offline)


def test_mirror(tmp_path):
    mirror = tmp_path / "mirror" / "ukpga" / "2024" / "9" / "enacted"
    mirror.mkdir(parents=True)
    shutil.copyfile(shared("statutes", "uk", "ukpga-2024-9.clml.xml"), mirror / "data.xml")
    doc = lawdiff.load("ukpga/2024/9/enacted", sources=SourceOptions(mirror=str(tmp_path / "mirror")))
    assert doc.title == "Investigatory Powers (Amendment) Act 2024"
    with pytest.raises(LawdiffError, match="not in the mirror"):
        lawdiff.load("ukpga/2016/25", sources=SourceOptions(mirror=str(tmp_path / "mirror")))


def run(*args: str, env: dict):
    return lawdiff_run(*args, env={**os.environ, **env})


def test_every_command_takes_identifiers(site, tmp_path):
    env = {"LAWDIFF_BASE_URL": site.url, "LAWDIFF_CACHE": str(tmp_path / "cache"), "LAWDIFF_TIMEOUT": "5"}
    shown = run("show", "IP(A)A 2024", "s. 1(2)(b)", env=env)  # a catalogue alias for ukpga/2024/9
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Investigatory Powers (Amendment) Act 2024, s. 1(2)(b):")
    url = f"{site.url}/ukpga/2024/9/enacted"
    assert run("diff", url, "ukpga/2024/9/enacted", "--stat", env=env).returncode == 0
    assert run("parse", "ukpga/2000/8/section/91/2024-11-22", env=env).returncode == 0
    assert run("topics", "ukpga/2024/9/enacted", env=env).returncode == 0
    site.stop()
    offline = run("parse", "ukpga/2024/9/enacted", "--offline", env=env)
    assert offline.returncode == 0  # from the cache
    missing = run("parse", "ukpga/2016/25/enacted", "--offline", env=env)
    assert missing.returncode == 2 and "not in the cache" in missing.stderr and missing.stderr.count("\n") == 1
    mirror = run("parse", "ukpga/2024/9/enacted", "--mirror", str(tmp_path / "site"), env=env)
    assert mirror.returncode == 0


def test_catalog_command():
    result = subprocess.run([sys.executable, "-m", "lawdiff", "catalog"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "ukpga/2000/23    Regulation of Investigatory Powers Act 2000" in result.stdout
    assert "RIPA" in result.stdout


@pytest.mark.parametrize("env, says", [
    ({"LAWDIFF_TIMEOUT": "abc"}, "the timeout must be a number of seconds above 0 and at most 3600 "
                                 "(LAWDIFF_TIMEOUT is 'abc')"),
    ({"LAWDIFF_TIMEOUT": "-5"}, "the timeout must be a number of seconds above 0"),
    ({"LAWDIFF_TIMEOUT": "1e308"}, "at most 3600"),
    ({"LAWDIFF_BACKOFF": "nan"}, "the backoff must be a number of seconds, 0 or more"),
    ({"LAWDIFF_BACKOFF": "1e308"}, "at most 300"),
    ({"LAWDIFF_DEADLINE": "-1"}, "the deadline must be a number of seconds above 0"),
    ({"LAWDIFF_BASE_URL": "notaurl"}, "must start with https:// or http://"),
    ({"LAWDIFF_BASE_URL": "file:///etc"}, "must start with https:// or http://"),  # never a local file by URL
    ({"LAWDIFF_BASE_URL": "http://127.0.0.1:abc"}, "is not a URL: Port could not be cast to integer value"),
    ({"LAWDIFF_BASE_URL": "http://[::1"}, "is not a URL: Invalid IPv6 URL"),
    ({"LAWDIFF_BASE_URL": "http://example.org/a b"}, "has a space or a control character in it"),
    ({"LAWDIFF_BASE_URL": "http://example.org/\r\nX-Evil: 1"}, "has a space or a control character in it"),
    ({"LAWDIFF_BASE_URL": "http://"}, "names no host"),
    ({"LAWDIFF_BASE_URL": "http://" + "x" * 100000}, "names a host that cannot exist"),  # echoed, not 100 KB of it
])
def test_settings_a_fetch_cannot_use_are_one_line_errors(env, says, tmp_path):
    result = subprocess.run([sys.executable, "-m", "lawdiff", "parse", "ukpga/2099/1"], capture_output=True,
                            text=True, timeout=60, env={**os.environ, "LAWDIFF_CACHE": str(tmp_path), **env})
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert len(result.stderr) < 600
    # a file is still read whatever the fetch settings
    assert subprocess.run([sys.executable, "-m", "lawdiff", "parse", "example:surveillance-act"], capture_output=True,
                          timeout=60, env={**os.environ, **env}).returncode == 0
