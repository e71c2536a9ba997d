"""The HTML viewer in a real browser: Debian's Chromium, headless, driven by selenium through
Debian's chromedriver, over pages served by a real HTTP server on loopback. (.ci/run installs
chromium and chromium-driver; these tests skip, saying so, only where they cannot be had.)

Set LAWDIFF_SCREENSHOT=docs/viewer.png to write the README's screenshot as well."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import struct
import tempfile
import threading

import pytest

import lawdiff

from conftest import lawdiff_run, shared

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
EXAMPLE = ("example:surveillance-act", "example:surveillance-act-amended")
WINDOW = (1400, 1000)


class Recorder(http.server.SimpleHTTPRequestHandler):
    """Serves the folder of pages and notes every request it is sent."""

    def log_message(self, *args) -> None:  # quiet: the requests are kept, not printed
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        super().do_GET()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The pages to read, served on loopback: a US bill's two versions (82 changes), the
    invented example (with topics), and a Keeling schedule."""
    folder = tmp_path_factory.mktemp("site")
    us = shared("statutes", "us")
    pair = (str(us / "hr-116-2157-ih.uslm.xml"), str(us / "hr-116-2157-enr.uslm.xml"))
    for args in (("diff", *pair, "--format", "html", "-o", str(folder / "hr.html")),
                 ("diff", *EXAMPLE, "--format", "html", "-o", str(folder / "example.html")),
                 ("amend", "example:surveillance-act", "example:surveillance-act-amending",
                  "-o", str(folder / "keeling.html"), "--date", "2026-12-01")):
        done = lawdiff_run(*args)
        assert done.returncode in (0, 1), done.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Recorder, directory=str(folder)))
    server.requests = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}/", "server": server,
           "hr": lawdiff.diff(*pair), "example": lawdiff.diff(*EXAMPLE)}
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install -e '.[test]'")
    from selenium.webdriver.chrome.service import Service

    if not CHROMIUM or not DRIVER:
        pytest.skip("Chromium and its driver are not installed: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="lawdiff-chromium-")
    # no background traffic of the browser's own: every request seen is the page's
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(browser, site, name: str, fragment: str = ""):
    browser.get_log("performance")  # what came before this page is not its doing
    site["server"].requests.clear()
    browser.get(site["url"] + name + fragment)
    assert browser.execute_script("return document.documentElement.className") == "js"  # the script ran


def press(browser, key: str, times: int = 1) -> list[str]:
    """Press ``key`` as a reader would (to whatever has the focus); the id focused after each."""
    from selenium.webdriver.common.action_chains import ActionChains

    focused = []
    for _ in range(times):
        ActionChains(browser).send_keys(key).perform()
        focused.append(browser.execute_script("return document.activeElement.id"))
    return focused


def anchors(changes) -> list[str]:
    return [c.new.path if c.new is not None else "old/" + c.old.path for c in changes]


def shown(browser, selector: str) -> list[dict]:
    """The elements matching ``selector`` that are displayed, with their id and kind."""
    return browser.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).filter(e => e.offsetParent !== null)"
        ".map(e => ({id: e.id, kind: e.dataset.kind, topics: e.dataset.topics || ''}))", selector)


def test_the_list_of_changes_has_one_entry_per_change_and_each_reaches_it(browser, site):
    open_page(browser, site, "hr.html")
    entries = shown(browser, "ol.changes li")
    assert len(entries) == site["hr"].summary.total == 82
    targets = browser.execute_script(
        "return Array.from(document.querySelectorAll('ol.changes a')).map(a => "
        "(document.getElementById(decodeURIComponent(a.hash.slice(1))) || {}).id || null)")
    assert targets == anchors(site["hr"].reported)
    # following an entry puts the focus on its change, and n goes on from there
    browser.find_elements("css selector", "ol.changes a")[9].click()
    assert browser.execute_script("return document.activeElement.id") == targets[9]
    assert press(browser, "n") == [targets[10]]


def test_n_and_p_move_the_focus_from_change_to_change_in_document_order(browser, site):
    open_page(browser, site, "hr.html")
    expected = anchors(site["hr"].reported)
    assert press(browser, "n", len(expected)) == expected
    # the list of changes marks where the reader is
    assert browser.execute_script("return document.querySelector('ol.changes a[aria-current]').hash") == "#" + expected[-1]
    # each change is brought into view as it is reached
    assert browser.execute_script("const r = document.activeElement.getBoundingClientRect();"
                                  "return r.top >= 0 && r.top < window.innerHeight")
    assert press(browser, "n") == [expected[-1]]  # there is no later change
    assert "No later change" in browser.find_element("id", "where").text
    assert press(browser, "p", 3) == expected[-2:-5:-1]
    assert browser.find_element("id", "where").text.startswith(f"Change {len(expected) - 3} of {len(expected)}")
    # the buttons do the same
    browser.find_element("css selector", "button[data-go='1']").click()
    assert browser.execute_script("return document.activeElement.id") == expected[-3]


def test_a_permalink_opens_at_its_provision(browser, site):
    expected = anchors(site["hr"].reported)
    target = "sec-103"
    assert target in expected
    open_page(browser, site, "hr.html", "#" + target)
    assert browser.execute_script("return document.activeElement.id") == target
    assert browser.execute_script("return document.getElementById('sec-103').getBoundingClientRect().top") < WINDOW[1]
    assert press(browser, "n") == [expected[expected.index(target) + 1]]


def test_a_filter_by_kind_hides_the_other_kinds(browser, site):
    open_page(browser, site, "hr.html")
    for box in browser.find_elements("css selector", "input[name=kind]"):
        if box.get_attribute("value") != "added":
            box.click()
    added = [c for c in site["hr"].reported if c.kind == "added"]
    assert {e["kind"] for e in shown(browser, "ol.changes li")} == {"added"}
    assert len(shown(browser, "ol.changes li")) == len(added) == site["hr"].summary.by_kind["added"]
    assert [e["id"] for e in shown(browser, "main [data-change]")] == anchors(added)
    assert {e["kind"] for e in shown(browser, "main .row")} <= {"added", "unchanged"}
    assert f"{len(added)} of 82 changes shown" in browser.find_element("id", "where").text
    assert press(browser, "n", len(added)) == anchors(added)  # n skips what is filtered out


def test_a_filter_by_topic_keeps_only_that_topics_changes(browser, site):
    open_page(browser, site, "example.html")
    from selenium.webdriver.support.select import Select

    Select(browser.find_element("css selector", "select[name=topic]")).select_by_value("Communications data")
    kept = shown(browser, "main [data-change]")
    assert kept and all("Communications data" in e["topics"].split("|") for e in kept)
    assert len(kept) < site["example"].summary.total
    assert len(shown(browser, "ol.changes li")) == len(kept)


def test_the_side_by_side_view_sets_old_and_new_in_columns(browser, site):
    open_page(browser, site, "hr.html")
    row = "document.getElementById('sec-101')"
    assert browser.execute_script(f"return {row}.querySelector('.columns').offsetParent") is None
    browser.find_element("css selector", "input[name=view][value=side-by-side]").click()
    assert browser.execute_script(f"return {row}.querySelector('.inline').offsetParent") is None
    old_box, new_box = browser.execute_script(
        f"return ['.old', '.new'].map(s => {row}.querySelector('.columns ' + s).getBoundingClientRect().toJSON())")
    assert old_box["right"] <= new_box["left"] and abs(old_box["top"] - new_box["top"]) < 2
    old_text = browser.execute_script(f"return {row}.querySelector('.columns .old').innerText")
    assert "other amounts" in old_text and "amounts otherwise" not in old_text
    browser.find_element("css selector", "input[name=view][value=inline]").click()
    assert browser.execute_script(f"return {row}.querySelector('.inline').offsetParent") is not None


def test_printing_leaves_out_the_controls_and_lists(browser, site):
    open_page(browser, site, "hr.html")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for selector in ("form.controls", "aside.side", "a.permalink"):
            assert shown(browser, selector) == [], selector
        assert len(shown(browser, "main [data-change]")) == 82
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_keeling_schedule_moves_the_same_way(browser, site):
    open_page(browser, site, "keeling.html")
    changes = [e["id"] for e in shown(browser, "main [data-change]")]
    assert changes and len(shown(browser, "ol.changes li")) == len(changes)
    assert press(browser, "n", len(changes)) == changes


def test_no_request_leaves_the_page(browser, site):
    """Read, moved through, filtered and switched, the page asks for nothing but itself: the
    server sees one request, and the browser's own log of requests has no other."""
    open_page(browser, site, "hr.html")
    press(browser, "n", 5)
    browser.find_element("css selector", "input[name=view][value=side-by-side]").click()
    browser.find_elements("css selector", "input[name=kind]")[0].click()
    browser.find_elements("css selector", "a.permalink")[3].click()
    assert site["server"].requests == ["/hr.html"]
    sent = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in sent if m["method"] == "Network.requestWillBeSent"]
    assert urls and all(u == site["url"] + "hr.html" or u.startswith("data:") for u in urls), urls
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors  # a refused script or style would be logged here


def test_a_screenshot_for_the_readme(browser, site, tmp_path):
    open_page(browser, site, "hr.html")
    press(browser, "n", 7)  # sec. 101, a modified section
    picture = tmp_path / "viewer.png"
    assert browser.save_screenshot(str(picture))
    data = picture.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == tuple(browser.execute_script("return [window.innerWidth, window.innerHeight]"))
    assert len(data) > 50_000  # a page of text and marks, not a blank one
    if os.environ.get("LAWDIFF_SCREENSHOT"):
        shutil.copyfile(picture, os.environ["LAWDIFF_SCREENSHOT"])
