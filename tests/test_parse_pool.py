"""Article pages parsed in worker processes (crawl --parse-workers N): the same
archive as parsing in the crawl's own process, errors included."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time

import pytest
from lxml import etree

from bench.sitegen import StaticServer, build_mirror
from bench.sitegen import profile as site_profile
from crawler import parse_pool
from crawler.parsers import NotAnArticle, parse_article
from tests.conftest import db_rows, mirror_article_files, run_cli, scrapy_crawl

CONTENT = "url, site, breadcrumb, section, title, published, body_text, body_html, language"


@pytest.mark.e2e
def test_every_site_archived_with_parse_workers_matches_the_one_process_crawl(
    all_sites_db, tmp_path
):
    db = tmp_path / "archive.db"
    result = run_cli(
        "crawl", "--all", "--mirror", "--db", str(db), "--log-level", "ERROR",
        "--parse-workers", "2",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    query = f"SELECT {CONTENT} FROM articles ORDER BY url"
    assert db_rows(db, query) == db_rows(all_sites_db, query)
    # Pages that are not articles are recorded the same way, with the same reasons.
    errors = "SELECT url, kind, message FROM fetch_errors ORDER BY url"
    assert db_rows(db, errors) == db_rows(all_sites_db, errors)


def test_not_an_article_crosses_from_the_worker_with_what_was_found(ncac_profile):
    html = "<html><head><title>A title only</title></head><body><h1>A title only</h1></body>"
    url = "https://en.ncac.gov.cn/copyright/contents/10361/1.shtml"
    with pytest.raises(NotAnArticle) as in_process:
        parse_article(html, url, ncac_profile)
    with pytest.raises(NotAnArticle) as in_worker:
        asyncio.run(parse_pool.parse_article_in_pool(1, html, url, ncac_profile, None))
    assert str(in_worker.value) == str(in_process.value)
    assert in_worker.value.partial == in_process.value.partial
    assert in_worker.value.partial["title"] == "A title only"
    parse_pool.close_pools()


def test_a_worker_that_dies_breaks_the_pool_and_its_pages_are_parsed_in_the_crawl(
    ncac_profile, caplog
):
    url, path = next(iter(mirror_article_files().items()))
    html = path.read_text("utf-8")

    async def crawl():
        pool = parse_pool._pool(1)
        (worker,) = pool.workers
        # The worker dies on the first thing it is sent; the page waits behind it.
        death = asyncio.ensure_future(pool.run(os._exit, 1))
        await asyncio.sleep(0)
        record = await parse_pool.parse_article_in_pool(1, html, url, ncac_profile, None)
        with pytest.raises(parse_pool.BrokenPool):
            await death
        assert 1 not in parse_pool._pools  # the next page starts a new pool
        assert worker.process.exitcode == 1
        again = await parse_pool.parse_article_in_pool(1, html, url, ncac_profile, None)
        return record, again

    record, again = asyncio.run(crawl())
    assert record == again == parse_article(html, url, ncac_profile)
    assert "parsing it in the crawl's process" in caplog.text
    parse_pool.close_pools()


def test_an_error_that_cannot_cross_comes_back_as_what_it_was():
    """lxml's errors cannot be pickled: the page fails with their name and message,
    and the pool goes on."""

    async def crawl():
        pool = parse_pool._pool(1)
        with pytest.raises(RuntimeError, match="XMLSyntaxError: .*"):
            await pool.run(etree.fromstring, "<a>")
        return await pool.run(str.upper, "next page")

    assert asyncio.run(crawl()) == "NEXT PAGE"
    parse_pool.close_pools()


def test_pages_and_records_bigger_than_the_pipe_cross_both_ways():
    """A big page sent while the worker writes a big record: neither side waits for ever
    (the crawl's process blocked in its write and the worker in its own, before the fix)."""
    script = (
        "import asyncio\n"
        "from crawler import parse_pool\n"
        "async def main():\n"
        "    pool = parse_pool._pool(1)\n"
        "    big = 'x' * 5_000_000\n"
        "    done = await asyncio.gather(*(pool.run(str.upper, big) for _ in range(3)))\n"
        "    print(*(len(text) for text in done))\n"
        "if __name__ == '__main__':\n"
        "    asyncio.run(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["5000000"] * 3, done.stderr[-2000:]


def _alive(pid: int) -> bool:
    """PID is a running process (not gone, not a zombie waiting to be reaped)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_die_with_a_killed_crawl():
    """kill -9 of the crawl (a cron timeout) leaves no parsing process behind."""
    script = (
        "import asyncio, os, time\n"
        "from crawler import parse_pool\n"
        "async def workers():\n"
        "    pool = parse_pool._pool(2)\n"
        "    ran = await asyncio.gather(*(pool.run(os.getpid) for _ in range(20)))\n"
        "    return set(ran) | {worker.process.pid for worker in pool.workers}\n"
        "print(*asyncio.run(workers()), flush=True)\n"
        "time.sleep(120)\n"
    )
    crawl = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in crawl.stdout.readline().split()]
    assert workers and all(map(_alive, workers))
    crawl.kill()
    crawl.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, workers))


def fresh_auto(monkeypatch, start_pages: int, workers: int) -> tuple[str, str]:
    """The state of "auto" of a process that has parsed nothing yet; an article's (url, html)."""
    monkeypatch.setattr(parse_pool, "AUTO_START_PAGES", start_pages)
    monkeypatch.setattr(parse_pool, "_parsed_here", 0)
    monkeypatch.setattr(parse_pool, "_auto_workers", None)
    monkeypatch.setattr(parse_pool, "_auto_failed", False)
    monkeypatch.setattr(parse_pool, "auto_workers", lambda: workers)
    url, path = next(iter(mirror_article_files().items()))
    return url, path.read_text("utf-8")


def test_auto_parses_in_the_crawl_until_it_has_parsed_enough_pages_then_in_workers(
    ncac_profile, monkeypatch
):
    """The default: an hourly run of a few pages starts no process; a big crawl does."""
    url, html = fresh_auto(monkeypatch, start_pages=3, workers=1)
    parse_pool.close_pools()

    async def crawl():
        records, pools = [], []
        for _ in range(5):
            records.append(
                await parse_pool.parse_article_in_pool("auto", html, url, ncac_profile, None)
            )
            pool = parse_pool._pools.get(1)
            pools.append(pool and [worker.process.pid for worker in pool.workers])
        return records, pools

    try:
        records, pools = asyncio.run(crawl())
    finally:
        parse_pool.close_pools()
    assert pools[:3] == [None, None, None]  # the first three parsed here
    assert pools[3] and pools[3] == pools[4]  # one pool, started for the fourth page
    assert records == [parse_article(html, url, ncac_profile)] * 5


def test_auto_parses_every_page_in_the_crawl_once_a_pool_has_failed(
    ncac_profile, monkeypatch, caplog
):
    """A pool that cannot start (no processes left, say) is not tried again for every page."""
    url, html = fresh_auto(monkeypatch, start_pages=0, workers=2)
    tries = []

    def cannot_start(workers):
        tries.append(workers)
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(parse_pool, "_pool", cannot_start)

    async def crawl():
        return [
            await parse_pool.parse_article_in_pool("auto", html, url, ncac_profile, None)
            for _ in range(3)
        ]

    assert asyncio.run(crawl()) == [parse_article(html, url, ncac_profile)] * 3
    assert tries == [2]
    assert caplog.text.count("the crawl's process parses it and every page after it") == 1


def _parse_with(html, url, profile, lock):
    """parse_article, given something that cannot be pickled."""
    with lock:
        return parse_article(html, url, profile)


def test_a_page_that_cannot_be_sent_is_parsed_here_and_auto_keeps_its_workers(
    ncac_profile, monkeypatch, caplog
):
    url, html = fresh_auto(monkeypatch, start_pages=0, workers=1)

    async def crawl():
        unsendable = await parse_pool._in_pool(
            "auto", _parse_with, html, url, ncac_profile, threading.Lock()
        )
        pool = parse_pool._pools.get(1)
        sent = await parse_pool.parse_article_in_pool("auto", html, url, ncac_profile, None)
        return unsendable, sent, pool, parse_pool._pools.get(1)

    try:
        unsendable, sent, pool, still = asyncio.run(crawl())
    finally:
        parse_pool.close_pools()
    assert unsendable == sent == parse_article(html, url, ncac_profile)
    assert "cannot send it to a parsing process" in caplog.text
    assert "A parsing process failed" not in caplog.text
    assert not parse_pool._auto_failed
    assert pool is not None and still is pool  # the same workers parsed the next page


def test_a_cgroup_quota_limits_the_workers_of_auto(tmp_path, monkeypatch):
    root, membership = tmp_path / "cgroup", tmp_path / "self-cgroup"
    unit = root / "system.slice" / "newsarchive.service"
    unit.mkdir(parents=True)
    membership.write_text("0::/system.slice/newsarchive.service\n")
    cases = [("200000 100000", 2), ("150000 100000", 2), ("50000 100000", 1), ("max 100000", None)]
    for text, cpus in cases:
        (unit / "cpu.max").write_text(text + "\n")  # a systemd unit's CPUQuota=
        assert parse_pool._cgroup_cpu_quota(str(root), str(membership)) == cpus
    (root / "system.slice" / "cpu.max").write_text("100000 100000\n")  # its slice's, smaller
    assert parse_pool._cgroup_cpu_quota(str(root), str(membership)) == 1
    (unit / "cpu.max").unlink()
    (root / "system.slice" / "cpu.max").write_text("max 100000\n")
    assert parse_pool._cgroup_cpu_quota(str(root), str(membership)) is None
    (root / "cpu.max").write_text("300000 100000\n")  # a container's own root
    membership.write_text("0::/\n")
    assert parse_pool._cgroup_cpu_quota(str(root), str(membership)) == 3
    assert parse_pool._cgroup_cpu_quota(str(tmp_path / "none"), str(tmp_path / "none")) is None
    # A job limited to one CPU of a big machine parses in its own process.
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)))
    monkeypatch.setattr(parse_pool, "_cgroup_cpu_quota", lambda: 1)
    assert parse_pool.auto_workers() == 0
    monkeypatch.setattr(parse_pool, "_cgroup_cpu_quota", lambda: 3)
    assert parse_pool.auto_workers() == 2


def test_auto_uses_a_core_per_worker_and_leaves_one_to_the_crawl(monkeypatch):
    monkeypatch.setattr(parse_pool, "_cgroup_cpu_quota", lambda: None)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(2)))
    assert parse_pool.auto_workers() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert parse_pool.auto_workers() == 0  # one core: everything in the crawl's process
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(32)))
    assert parse_pool.auto_workers() == parse_pool.MAX_AUTO_WORKERS


@pytest.mark.parametrize("value", ["many", "-1", "65", "", None, "2.5", True, 2.0])
def test_a_wrong_number_of_workers_is_refused_with_what_is_accepted(value, tmp_path):
    with pytest.raises(ValueError, match="'auto' or a number of processes from 0 to 64"):
        parse_pool.parse_workers_setting(value)
    if isinstance(value, str) and value:
        result = run_cli(
            "crawl", "ncac_en", "--db", str(tmp_path / "a.db"), "--parse-workers", value
        )
        assert result.returncode == 2
        assert "'auto' or a number of processes from 0 to 64" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("value", "workers"), [("auto", "auto"), (" AUTO ", "auto"), ("0", 0), (3, 3)]
)
def test_numbers_and_auto_are_accepted(value, workers):
    assert parse_pool.parse_workers_setting(value) == workers


@pytest.mark.e2e
def test_a_wrong_setting_of_scrapy_crawl_is_one_error_line_and_the_crawl_goes_on(
    mirror_server, tmp_path
):
    db = tmp_path / "archive.db"
    settings = {"NEWSARCHIVE_MIRROR": mirror_server.url, "NEWSARCHIVE_DB": db}
    result = scrapy_crawl("ncac_en", {**settings, "NEWSARCHIVE_PARSE_WORKERS": "many",
                                      "LOG_LEVEL": "ERROR", "DOWNLOAD_DELAY": 0,
                                      "AUTOTHROTTLE_ENABLED": False})  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "NEWSARCHIVE_PARSE_WORKERS: parse workers must be 'auto' or a number" in result.stderr
    assert "Traceback" not in result.stderr
    assert db_rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(mirror_article_files())


@pytest.mark.e2e
def test_the_default_crawl_hands_pages_to_workers_past_200_and_archives_the_same(tmp_path):
    """`crawl` as cron runs it, on a site of 300 articles: the first 200 pages parsed by the
    crawl, the rest by workers (on a machine of 2 cores or more); the same archive as one
    process makes."""
    build_mirror(tmp_path / "mirror", 300, realistic=True, per_section=150)
    path = site_profile(tmp_path / "profile.toml", articles=300, per_section=150)
    with StaticServer(tmp_path / "mirror") as server:
        crawls = {}
        for workers in ("auto", "0"):
            db = tmp_path / f"{workers}.db"
            options = ["--mirror-url", server.url, "--log-level", "INFO"]
            if workers != "auto":
                options += ["--parse-workers", workers]
            result = run_cli("crawl", "--profile", str(path), "--db", str(db), *options)
            assert result.returncode == 0, result.stderr[-3000:]
            assert "Traceback" not in result.stderr
            crawls[workers] = result.stderr
    query = f"SELECT {CONTENT} FROM articles ORDER BY url"
    auto = db_rows(tmp_path / "auto.db", query)
    assert len(auto) == 300
    assert auto == db_rows(tmp_path / "0.db", query)
    started = "Parsed 200 pages in the crawl's process; parsing the next ones in"
    assert (started in crawls["auto"]) == (parse_pool.auto_workers() > 0)
    assert "A parsing process failed" not in crawls["auto"]  # the workers did parse them
    assert started not in crawls["0"]
