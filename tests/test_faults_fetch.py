"""A server that misbehaves page by page: the crawl goes on, records each fault, loses nothing.

The NCAC mirror is served by a handler that answers chosen article URLs with a
fault (500/502/503 then recovery, 429 with Retry-After, a timeout, a reset or
truncated body, 404, 410, a PDF, a JPEG, an empty page, binary garbage, HTML
nested 10,000 deep, a redirect loop, a redirect to another site, a 50 MB page,
a UTF-8 page labelled GBK) and whose robots.txt forbids one of them.  Links to
those URLs, and a tracking-parameter link to a known article, are put at the
top of a listing page between two runs of the unchanged ncac_en spider; the
Chinese site is crawled in the same run to show one site's bad night does not
stop another.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import socket
import struct
import threading
import time
from functools import partial
from urllib.parse import urlsplit

import pytest

from crawler.mirror_server import MirrorRequestHandler, MirrorServer, bundled_mirrors_dir
from tests.conftest import NCAC_HOST, run_cli
from tests.conftest import db_rows as rows

pytestmark = pytest.mark.e2e

FAULT_DIR = "news/regionalupdates/202411"
# File name -> (fault, whether the page exists to be archived once the fault passes).
FAULTS = {
    "t20241101_59901.html": "503 twice",
    "t20241102_59902.html": "500 always",
    "t20241103_59903.html": "404",
    "t20241104_59904.html": "410",
    "t20241105_59905.html": "pdf",
    "t20241106_59906.html": "empty",
    "t20241107_59907.html": "garbage",
    "t20241108_59908.html": "deep",
    "t20241109_59909.html": "timeout",
    "t20241110_59910.html": "429 once",
    "t20241111_59911.html": "reset once",
    "t20241112_59912.html": "truncated always",
    "t20241113_59913.html": "robots",
    "t20241114_59914.html": "redirect loop",
    "t20241115_59915.html": "redirect away",
    "t20241116_59916.html": "50 MB",
    "t20241117_59917.html": "wrong charset",
    "t20241118_59918.html": "502 once",
    "t20241119_59919.html": "image",
}
RECOVERING = {"503 twice", "502 once", "429 once", "reset once"}
ARCHIVED = RECOVERING | {"wrong charset"}
TIMEOUT = 1.0


class FaultyHandler(MirrorRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        name = urlsplit(self.path).path.rsplit("/", 1)[-1]
        fault = FAULTS.get(name)
        with self.server.lock:
            times = self.server.hits.setdefault(name, [])
            times.append(time.monotonic())
            hits = len(times)
        match fault:
            case None | "robots":
                super().do_GET()
            case "503 twice" if hits <= 2:
                self._answer(503, b"busy")
            case "502 once" if hits == 1:
                self._answer(502, b"bad gateway")
            case "image":
                self._answer(200, b"\xff\xd8\xff\xe0" + bytes(4000), {"Content-Type": "image/jpeg"})
            case "500 always":
                self._answer(500, b"oops")
            case "404" | "410":
                self._answer(int(fault), b"gone")
            case "429 once" if hits == 1:
                self._answer(429, b"slow down", {"Retry-After": "1"})
            case "pdf":
                self._answer(
                    200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" * 50, {"Content-Type": "application/pdf"}
                )
            case "empty":
                self._answer(200, b"")
            case "garbage":
                self._answer(200, random.Random(7).randbytes(8192))
            case "deep":
                self._answer(
                    200, b"<html><body>" + b"<div>" * 10_000 + b"deep" + b"</div>" * 10_000
                )
            case "timeout":
                time.sleep(TIMEOUT * 3)
                self._answer(200, b"too late")
            case "redirect loop":
                live_path = "/" + urlsplit(self.path).path.split("/", 2)[2]
                self._answer(302, b"", {"Location": live_path})
            case "redirect away":
                self._answer(301, b"", {"Location": "https://elsewhere.example/phishing.html"})
            case "50 MB":
                self._answer(200, b"<html><body>" + b"<p>filler</p>\n" * 3_500_000)
            case "wrong charset":  # UTF-8 bytes, a header that says GBK
                page = (self.root / NCAC_HOST / FAULT_DIR / name).read_bytes()
                self._answer(200, page, {"Content-Type": "text/html; charset=gbk"})
            case "reset once" if hits == 1:
                self._cut(reset=True)
            case "truncated always":
                self._cut(reset=False)
            case _:
                super().do_GET()

    def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (the timeout case)
            self.wfile.write(body)

    def _cut(self, reset: bool) -> None:
        """Promise 50,000 bytes, send 200, then reset or just close the connection."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "50000")
        self.end_headers()
        self.wfile.write(b"<html><body><h1>Cut short" + b" " * 170)
        self.wfile.flush()
        if reset:  # SO_LINGER 0: close() sends RST, a "connection reset by peer"
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True


@pytest.fixture
def faulty_mirror(tmp_path):
    root = tmp_path / "mirrors"
    shutil.copytree(bundled_mirrors_dir(), root)
    server = MirrorServer(root=root)
    server.httpd.RequestHandlerClass = partial(FaultyHandler, root=server.root)
    server.httpd.hits = {}
    server.httpd.lock = threading.Lock()
    with server:
        yield root / NCAC_HOST, server


def add_fault_links(site) -> str:
    """Link every fault URL (and a known article with tracking junk) from a listing page.

    Returns that known article's URL.  Pages exist for the faults that pass, so
    that the article is there once the server recovers."""
    articles = sorted((site / "news" / "regionalupdates").rglob("t*.html"))
    template = articles[0].read_text("utf-8")
    (site / FAULT_DIR).mkdir(parents=True)
    links = []
    for name, fault in FAULTS.items():
        if fault in RECOVERING or fault in ("robots", "wrong charset"):
            page = template.replace("<p>", f"<p>Fault {name}: 版权保护. ", 1)
            (site / FAULT_DIR / name).write_text(page, encoding="utf-8")
        links.append(
            f'<li><a href="/{FAULT_DIR}/{name}">Fault {name}</a><span>2024-11-01</span></li>'
        )
    known = "/" + articles[0].relative_to(site).as_posix()
    links.append(f'<li><a href="{known}?utm_source=feed&amp;spm=1.2#top">Again</a></li>')
    listing = site / "news" / "regionalupdates" / "index.html"
    html = listing.read_text("utf-8")
    anchor = '<div class="list">\n  <ul>\n'
    assert anchor in html
    listing.write_text(html.replace(anchor, anchor + "\n".join(links) + "\n", 1), encoding="utf-8")
    robots = site / "robots.txt"
    robots.write_text(robots.read_text() + f"Disallow: /{FAULT_DIR}/t20241113_59913.html\n")
    return f"https://{NCAC_HOST}{known}"


def test_every_fault_is_logged_once_recorded_and_the_rest_is_archived(faulty_mirror, tmp_path):
    site, server = faulty_mirror
    db = tmp_path / "archive.db"
    crawl = ["crawl", "ncac_en", "ncac_zh", "--mirror-url", server.url, "--db", str(db)]
    first = run_cli(*crawl, "--timeout", str(TIMEOUT))
    assert first.returncode == 0, first.stderr[-2000:]
    before = {row["url"]: row for row in rows(db, "SELECT * FROM articles")}

    add_fault_links(site)
    second = run_cli(*crawl, "--timeout", str(TIMEOUT), timeout=300)
    fault_url = {name: f"https://{NCAC_HOST}/{FAULT_DIR}/{name}" for name in FAULTS}

    # The other site's crawl was not disturbed; this one says it had errors.
    assert second.returncode == 1
    assert "ncac_zh: ok" in second.stdout
    # 500, 404, 410, the timeout, the truncated body, the redirect loop, the redirect to
    # another site and the 50 MB page; robots.txt is obeyed, not an error.
    assert "ncac_en: degraded" in second.stdout and ", 8 errors" in second.stdout
    assert "Traceback" not in second.stderr

    # Transient faults were retried and the pages archived; nothing was duplicated.
    after = {row["url"]: row for row in rows(db, "SELECT * FROM articles")}
    recovered = {fault_url[name] for name, fault in FAULTS.items() if fault in ARCHIVED}
    assert set(after) == set(before) | recovered
    assert len(rows(db, "SELECT url FROM articles GROUP BY url HAVING count(*) > 1")) == 0
    hits = {name: len(times) for name, times in server.httpd.hits.items()}
    assert hits["t20241101_59901.html"] == 3  # 503, 503, 200
    assert hits["t20241110_59910.html"] == 2  # 429, 200
    assert hits["t20241118_59918.html"] == 2  # 502, 200
    assert hits["t20241111_59911.html"] == 2  # reset, 200
    assert hits["t20241102_59902.html"] == 3  # 500 three times: retried twice, then given up
    assert hits["t20241103_59903.html"] == 1  # a 404 is not retried
    assert "t20241113_59913.html" not in hits  # robots.txt obeyed

    # Retries wait: what Retry-After asks for, else a backoff doubling from 1 s.
    def gaps(name):
        times = server.httpd.hits[name]
        return [later - earlier for earlier, later in zip(times, times[1:], strict=False)]

    assert gaps("t20241110_59910.html")[0] >= 0.9  # Retry-After: 1
    first, second_gap = gaps("t20241101_59901.html")
    assert first >= 0.9 and second_gap >= 1.9

    # The page whose header names the wrong charset is read as the UTF-8 it is.
    mislabelled = after[fault_url["t20241117_59917.html"]]
    assert "Fault t20241117_59917.html: 版权保护." in mislabelled["body_text"]

    # Nothing archived before was changed.
    for url, row in before.items():
        assert {k: v for k, v in after[url].items() if k != "last_seen"} == {
            k: v for k, v in row.items() if k != "last_seen"
        }, url

    # One fetch_errors row per lasting fault, of this run, with the kind and status.
    run_id = rows(db, "SELECT max(id) AS id FROM crawls WHERE site = 'ncac_en'")[0]["id"]
    recorded = {
        row["url"]: row for row in rows(db, "SELECT * FROM fetch_errors WHERE crawl_id = ?", run_id)
    }
    expected = {
        "t20241102_59902.html": ("http", 500),
        "t20241103_59903.html": ("http", 404),
        "t20241104_59904.html": ("http", 410),
        "t20241105_59905.html": ("not_html", 200),
        "t20241119_59919.html": ("not_html", 200),
        "t20241106_59906.html": ("not_article", 200),
        "t20241107_59907.html": ("not_article", 200),
        "t20241108_59908.html": ("not_article", 200),
        "t20241109_59909.html": ("timeout", None),
        "t20241112_59912.html": ("truncated", None),
        "t20241113_59913.html": ("robots", None),
        "t20241114_59914.html": ("redirect_loop", None),
        "t20241115_59915.html": ("offsite", None),
        "t20241116_59916.html": ("too_large", None),
    }
    assert set(recorded) == {fault_url[name] for name in expected}
    for name, (kind, status) in expected.items():
        row = recorded[fault_url[name]]
        assert (row["kind"], row["status"]) == (kind, status), row
        assert row["message"] and row["site"] == "ncac_en" and row["at"]
        # Logged once, with the URL.
        assert second.stderr.count(fault_url[name]) >= 1
    for name in expected:
        if name != "t20241113_59913.html":
            lines = [
                line for line in second.stderr.splitlines()
                if fault_url[name] in line and ("ERROR" in line or "WARNING" in line)
            ]  # fmt: skip
            assert len(lines) == 1, (name, lines)
    assert rows(db, "PRAGMA integrity_check")[0]["integrity_check"] == "ok"
