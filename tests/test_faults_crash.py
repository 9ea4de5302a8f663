"""A crawl killed mid-write loses nothing, and Datasette reads the archive while it is written.

Both tests run the real CLI in a subprocess against a mirror server slowed down
to a tenth of a second per page, so that there is a "middle of the crawl" to
kill or to read during.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from functools import partial
from pathlib import Path

import pytest

from crawler.mirror_server import MirrorRequestHandler, MirrorServer
from tests.conftest import (
    db_rows,
    mirror_article_files,
    newsarchive_command,
    run_cli,
    served_archive,
)

pytestmark = pytest.mark.e2e

PAGE_DELAY = 1.0  # slow enough for several of the crawl's one-second commits


class SlowHandler(MirrorRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        time.sleep(getattr(self.server, "page_delay", PAGE_DELAY))
        super().do_GET()


@pytest.fixture
def slow_mirror():
    server = MirrorServer()
    server.httpd.RequestHandlerClass = partial(SlowHandler, root=server.root)
    with server:
        yield server


def start_crawl(db: Path, mirror_url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*newsarchive_command(), "crawl", "ncac_en", "--mirror-url", mirror_url, "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def article_count(db: Path) -> int:
    """Articles committed so far, read the way another program would (0 before the table)."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        conn.close()


def wait_for_articles(db: Path, crawl: subprocess.Popen, at_least: int) -> int:
    deadline = time.monotonic() + 60
    while (count := article_count(db)) < at_least:
        assert crawl.poll() is None, "the crawl ended before it could be observed mid-way"
        assert time.monotonic() < deadline, "no articles were written within a minute"
        time.sleep(0.05)
    return count


def snapshot(db: Path) -> dict[str, dict]:
    sql = "SELECT url, title, published, body_text, content_hash, first_seen FROM articles"
    return {row["url"]: row for row in db_rows(db, sql)}


def test_sigkill_mid_crawl_loses_nothing_and_the_next_run_completes(tmp_path, slow_mirror):
    db = tmp_path / "archive.db"
    total = len(mirror_article_files())
    crawl = start_crawl(db, slow_mirror.url)
    try:
        wait_for_articles(db, crawl, at_least=3)
    finally:
        os.killpg(crawl.pid, signal.SIGKILL)
        crawl.wait(timeout=10)
    assert crawl.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    before = snapshot(db)
    assert 3 <= len(before) < total, "the kill did not land in the middle of the crawl"

    second = run_cli("crawl", "ncac_en", "--mirror-url", slow_mirror.url, "--db", str(db))
    assert second.returncode == 0, second.stderr[-2000:]
    after = snapshot(db)
    assert set(after) == set(mirror_article_files())
    assert {url: after[url] for url in before} == before
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        duplicated = conn.execute(
            "SELECT url FROM articles GROUP BY url HAVING count(*) > 1"
        ).fetchall()
        assert duplicated == []
    finally:
        conn.close()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_datasette_serves_pages_and_json_while_a_crawl_writes(tmp_path, slow_mirror):
    db = tmp_path / "archive.db"
    total = len(mirror_article_files())
    crawl = start_crawl(db, slow_mirror.url)
    paths = [
        "/",
        "/archive/articles",
        "/archive/articles.json?_shape=array&_size=5&_col=title",
        "/archive/articles.json?_search=copyright&_shape=array&_col=title",
        "/archive/crawls.json?_shape=array",
    ]
    count_sql = "/archive.json?sql=select+count(*)+as+n+from+articles&_shape=array"
    counts_seen = []
    reads = 0
    try:
        wait_for_articles(db, crawl, at_least=1)
        slow_mirror.httpd.page_delay = 2.0  # hold the crawl back while Datasette starts
        with served_archive(db) as base:
            slow_mirror.httpd.page_delay = 0.2
            while crawl.poll() is None:
                for path in paths:
                    status, body = fetch(base + path)
                    reads += 1
                    assert status == 200, f"{path}: HTTP {status}: {body[:300]}"
                    assert "database is locked" not in body, path
                status, body = fetch(base + count_sql)
                assert status == 200, body[:300]
                counts_seen.append(json.loads(body)[0]["n"])
        assert crawl.returncode == 0
    finally:
        if crawl.poll() is None:
            os.killpg(crawl.pid, signal.SIGKILL)

    # The reads really happened while the archive grew, and the crawl finished it.
    assert reads >= 10
    assert len(set(counts_seen)) >= 2, f"the count never changed during the reads: {counts_seen}"
    assert article_count(db) == total
