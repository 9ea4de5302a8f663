"""Crawling on several processes: a real redis-server, two `newsarchive crawl --frontier`
processes against the mirror, and `newsarchive merge` of their shards."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archive.search import fts_query
from crawler.mirror_server import MirrorRequestHandler, MirrorServer
from tests.conftest import (
    REPO,
    db_rows,
    free_port,
    mirror_article_files,
    newsarchive_command,
    run_cli,
    scrapy_crawl,
)

pytestmark = pytest.mark.e2e

# Each answer waits this long, so that a run lasts long enough for both processes to work.
ANSWER_DELAY = 0.4


class CountingHandler(MirrorRequestHandler):
    """The mirror, slowed a little, counting the requests for each URL.

    It answers nothing until every crawl process has joined every site's run
    (server.joined), so that how the work is shared does not depend on how
    fast each process starts on a busy machine.
    """

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        if not self.server.joined():
            self.send_error(503, "crawlers still joining")
            return
        with self.server.lock:
            self.server.hits[urlsplit(self.path).path] += 1
        time.sleep(ANSWER_DELAY)
        super().do_GET()


def all_joined(redis_url: str, processes: int):
    """A check: has each of PROCESSES registered for every bundled site?"""
    from redis import Redis

    from crawler.frontier import FrontierKeys
    from crawler.profile import bundled_profile_paths

    server = Redis.from_url(redis_url)
    keys = [FrontierKeys(path.stem).workers for path in bundled_profile_paths()]
    state = {"joined": False}

    def check() -> bool:
        if not state["joined"]:
            deadline = time.monotonic() + 60
            while not all(server.hlen(key) >= processes for key in keys):
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.05)
            state["joined"] = True
        return True

    return check


@pytest.fixture
def counting_mirror():
    server = MirrorServer()
    server.httpd.RequestHandlerClass = partial(CountingHandler, root=server.root)
    server.httpd.hits = Counter()
    server.httpd.lock = threading.Lock()
    with server:
        yield server


@pytest.fixture
def redis_url(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (`make test` installs Debian's redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def crawl_together(shards: list[Path], mirror: str, frontier: str) -> list[str]:
    """Start one crawl process per shard at once; return their stdout."""
    processes = [
        subprocess.Popen(
            [
                *newsarchive_command(),
                "crawl",
                "--all",
                "--db",
                str(shard),
                "--mirror-url",
                mirror,
                "--frontier",
                frontier,
                "--log-level",
                "INFO",
            ],  # fmt: skip
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for shard in shards
    ]
    outputs = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stdout + stderr[-4000:]
        assert "Traceback" not in stderr, stderr[-4000:]
        outputs.append(stdout + stderr)
    return outputs


def urls(db: Path) -> set[str]:
    return {row["url"] for row in db_rows(db, "SELECT url FROM articles")}


def fetched_twice(hits: Counter) -> dict[str, int]:
    # Each process reads robots.txt for itself (Scrapy's robots middleware, not the frontier).
    return {path: n for path, n in hits.items() if n > 1 and not path.endswith("/robots.txt")}


def test_two_processes_share_one_frontier_and_merge(
    tmp_path, counting_mirror, redis_url, all_sites_db
):
    expected = urls(all_sites_db)
    shards = [tmp_path / "shard1.db", tmp_path / "shard2.db"]
    counting_mirror.httpd.joined = all_joined(redis_url, len(shards))

    outputs = crawl_together(shards, counting_mirror.url, redis_url)

    assert "starting a new run" in "".join(outputs)
    assert "joining the running crawl" in "".join(outputs)
    first, second = urls(shards[0]), urls(shards[1])
    # Both processes did part of the work, together all of it, and no article twice.
    assert first and second
    assert not first & second
    assert first | second == expected
    assert fetched_twice(counting_mirror.httpd.hits) == {}
    article_hits = sum(n for path, n in counting_mirror.httpd.hits.items() if "robots" not in path)
    assert article_hits >= len(expected)

    merged = tmp_path / "archive.db"
    result = run_cli("merge", "--db", str(merged), *map(str, shards))
    assert result.returncode == 0, result.stderr
    assert f"{len(expected)} new" in result.stdout
    rows = db_rows(merged, "SELECT url, title, body_text, warc_file FROM articles ORDER BY url")
    assert [row["url"] for row in rows] == sorted(expected)
    reference = {row["url"]: row for row in db_rows(all_sites_db)}
    for row in rows:
        assert row["title"] == reference[row["url"]]["title"]
        assert row["body_text"] == reference[row["url"]]["body_text"]
        # The capture was copied beside the merged archive and the row points at it.
        assert (tmp_path / row["warc_file"]).is_file(), row["warc_file"]
        assert row["warc_file"].startswith("archive-warc/shard")
    crawls = db_rows(merged, "SELECT site FROM crawls")
    assert len(crawls) == 2 * len(
        {row["site"] for row in db_rows(all_sites_db, "SELECT site FROM crawls")}
    )
    found = db_rows(
        merged,
        "SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?",
        fts_query("版权"),
    )
    assert found[0]["n"] > 0

    # Merging again changes nothing.
    before = db_rows(merged)
    again = run_cli("merge", "--db", str(merged), *map(str, shards))
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 updated, 0 unchanged" in again.stdout
    assert db_rows(merged) == before

    # The next run is incremental across processes: no article is fetched again
    # as new, and still no URL by both processes.
    counting_mirror.httpd.hits.clear()
    counting_mirror.httpd.joined = all_joined(redis_url, len(shards))
    last_crawl = {
        shard: db_rows(shard, "SELECT max(id) AS id FROM crawls")[0]["id"] for shard in shards
    }
    outputs = crawl_together(shards, counting_mirror.url, redis_url)
    assert "starting a new run" in "".join(outputs)
    assert urls(shards[0]) == first and urls(shards[1]) == second
    assert fetched_twice(counting_mirror.httpd.hits) == {}
    for shard in shards:
        second_run = db_rows(
            shard, "SELECT sum(articles_new) AS n FROM crawls WHERE id > ?", last_crawl[shard]
        )
        assert second_run[0]["n"] == 0


def test_bad_frontier_urls_are_one_line_errors(tmp_path):
    db = tmp_path / "a.db"
    for url, message in [
        ("http://127.0.0.1:6379/0", "must be a redis://HOST:PORT/N URL"),
        ("redis://127.0.0.1:6379/x", "the database must be a number"),
        (f"redis://127.0.0.1:{free_port()}/0", "cannot reach the frontier"),
    ]:
        result = run_cli("crawl", "ncac_en", "--db", str(db), "--frontier", url)
        assert result.returncode == 2, result.stderr
        assert message in result.stderr
        assert "Traceback" not in result.stderr


def test_merge_refuses_its_target_as_a_shard(tmp_path, crawled_db):
    copy = tmp_path / "a.db"
    shutil.copy(crawled_db, copy)
    result = run_cli("merge", "--db", str(copy), str(copy))
    assert result.returncode == 2
    assert "cannot also be a shard" in result.stderr


def test_scrapy_crawl_with_the_frontier_setting_alone(tmp_path, mirror_server, redis_url):
    """What a Scrapyd job runs: `scrapy crawl SITE -s NEWSARCHIVE_FRONTIER=...`."""
    from redis import Redis

    db = tmp_path / "scrapyd-job.db"
    result = scrapy_crawl(
        "ncac_en",
        {
            "NEWSARCHIVE_MIRROR": mirror_server.url,
            "NEWSARCHIVE_DB": db,
            "NEWSARCHIVE_FRONTIER": redis_url,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "starting a new run" in result.stderr
    archived = urls(db)
    assert len(archived) == len(mirror_article_files())
    # The seen-set and the known articles are in Redis, under the site's keys.
    server = Redis.from_url(redis_url)
    assert server.scard("newsarchive:ncac_en:known") == len(archived)
    assert server.scard("newsarchive:ncac_en:seen") >= len(archived)


def test_a_vanished_process_makes_the_next_run_read_every_listing_page(
    tmp_path, mirror_server, redis_url
):
    """A killed process took requests from the queue and never fetched them."""
    from redis import Redis

    server = Redis.from_url(redis_url)
    # What a process killed during the last run leaves: a heartbeat long stale.
    server.hset("newsarchive:ncac_en:workers", "ghost:1:dead", time.time() - 3600)
    settings = {
        "NEWSARCHIVE_MIRROR": mirror_server.url,
        "NEWSARCHIVE_DB": tmp_path / "shard.db",
        "NEWSARCHIVE_FRONTIER": redis_url,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
    }
    first = scrapy_crawl("ncac_en", settings)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "starting a new run" in first.stderr
    assert "did not finish: reading every listing page" in first.stderr
    assert not server.hexists("newsarchive:ncac_en:workers", "ghost:1:dead")

    # That run finished: the next one is incremental again.
    second = scrapy_crawl("ncac_en", settings)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "did not finish" not in second.stderr
    assert "lists only known articles; not paging further" in second.stderr
