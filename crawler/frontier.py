"""Crawling one site from several processes: a shared frontier in Redis (scrapy-redis).

With `newsarchive crawl --frontier redis://HOST:PORT/N`, every crawl process
of a site, on one machine or many, takes its requests from one Redis queue
and checks them against one seen-set (scrapy-redis's scheduler and
duplicate filter), so each page is fetched once by exactly one process.
Each process writes what it fetched to its own archive (its `--db`, a
shard); `newsarchive merge` combines shards into the archive that is
published (see archive/merge.py for why shards and not one remote writer).

scrapy-redis leaves two things to the project, which this module supplies:

* **Runs.**  The queue and seen-set must be emptied between runs (or the next
  run would fetch nothing), but not while another process is still crawling.
  Processes register in a Redis hash with a heartbeat; the first to join an
  empty hash starts a new run (clears the queue and seen-set and seeds the
  listing pages), later ones join it.  A process whose heartbeat is older
  than STALE_SECONDS (killed, cut off) no longer counts.
* **Gaps.**  A process that ends early (stopped, or killed: its heartbeat goes
  stale) leaves a gap; the next run then reads every listing page, as a
  single process does after an unfinished run, since the requests it took
  from the queue were never fetched.
* **The end of a run.**  A process with nothing to do stays while the queue
  is not empty or another process is still busy (its pages may add links),
  and leaves when both are done.

Articles any process archived are added to a Redis set, so that every
process of a later run treats them as known: incremental runs stay
incremental across machines, and each article stays in the shard that first
fetched it (which also revalidates it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import time
import uuid
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet import task

from crawler.items import ArticleItem, ArticleSeen

if TYPE_CHECKING:
    from redis import Redis
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

KEY_PREFIX = "newsarchive:%(spider)s"
HEARTBEAT_SECONDS = 5.0
# How often a waiting process looks for requests another process queued (Scrapy's own
# engine looks only every 5 seconds).
IDLE_POLL_SECONDS = 0.5
STALE_SECONDS = 60.0

# Atomically: forget stale processes (which leaves a gap to fill); if none is
# left, a new run starts: the queue and seen-set are cleared, and a gap left by
# the last run becomes this run's "read every listing page"; then register this
# process.  Returns 1 for a new run, 0 for joining one.
_JOIN_SCRIPT = """
local now = tonumber(ARGV[2])
local stale = tonumber(ARGV[3])
local workers = redis.call('HGETALL', KEYS[1])
local live = 0
for i = 1, #workers, 2 do
  if now - tonumber(workers[i + 1]) > stale then
    redis.call('HDEL', KEYS[1], workers[i])
    redis.call('SET', KEYS[5], 'a process vanished')
  else
    live = live + 1
  end
end
if live == 0 then
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[6])
  if redis.call('EXISTS', KEYS[5]) == 1 then
    redis.call('RENAME', KEYS[5], KEYS[6])
  end
end
redis.call('HSET', KEYS[1], ARGV[1], now)
redis.call('HSET', KEYS[4], ARGV[1], now)
if live == 0 then return 1 end
return 0
"""


class FrontierError(ValueError):
    """A --frontier value that is not a usable Redis URL; the message says why."""


def parse_frontier_url(url: str) -> str:
    """Check a redis://HOST:PORT/N URL and return it; FrontierError says what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss", "unix"):
        raise FrontierError(f"--frontier must be a redis://HOST:PORT/N URL, not {url!r}")
    if parts.scheme != "unix" and not parts.hostname:
        raise FrontierError(f"--frontier {url!r} names no host (redis://HOST:PORT/N)")
    database = parts.path.strip("/")
    if database and not database.isdigit():
        raise FrontierError(f"--frontier {url!r}: the database must be a number, not {database!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise FrontierError(f"--frontier {url!r}: the port is not a number") from None
    return url


def frontier_settings(url: str) -> dict[str, Any]:
    """The Scrapy settings that make a crawl share its frontier through Redis at URL."""
    return {
        "NEWSARCHIVE_FRONTIER": parse_frontier_url(url),
        "REDIS_URL": url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_KEY": f"{KEY_PREFIX}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{KEY_PREFIX}:seen",
        # Runs are started and ended by SharedFrontier, not by each process's close.
        "SCHEDULER_PERSIST": True,
    }


class FrontierKeys:
    """The Redis keys of one site's shared crawl."""

    def __init__(self, site: str):
        prefix = KEY_PREFIX % {"spider": site}
        self.requests = f"{prefix}:requests"
        self.seen = f"{prefix}:seen"
        self.workers = f"{prefix}:workers"  # process id -> last heartbeat (unix time)
        self.busy = f"{prefix}:busy"  # process id -> last time it had work
        self.known = f"{prefix}:known"  # URLs archived by any process, any run
        self.gap = f"{prefix}:gap"  # set when a process of this run did not finish
        self.read_all = f"{prefix}:read_all"  # this run fills the last run's gap


class SharedFrontier:
    """Scrapy extension: run membership, shared known articles and idling for a shared crawl.

    Enabled by NEWSARCHIVE_FRONTIER (set with scrapy-redis's settings by
    frontier_settings).  The spider asks it `starts_run` (seed the listing
    pages?) and `unknown(urls)` (which of these no process has archived?).
    """

    def __init__(self, crawler: Crawler, server: Redis):
        self.crawler = crawler
        self.server = server
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.keys: FrontierKeys | None = None
        self.starts_run = False
        self.idle = False
        self.heartbeat: task.LoopingCall | None = None
        self.idle_poll = task.LoopingCall(self._poll)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedFrontier:
        if not crawler.settings.get("NEWSARCHIVE_FRONTIER"):
            raise NotConfigured
        from scrapy_redis.connection import get_redis_from_settings

        extension = cls(crawler, get_redis_from_settings(crawler.settings))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(
            extension.request_reached_downloader, signal=signals.request_reached_downloader
        )
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self.keys = FrontierKeys(spider.name)
        join = self.server.register_script(_JOIN_SCRIPT)
        keys = [self.keys.workers, self.keys.requests, self.keys.seen, self.keys.busy,
                self.keys.gap, self.keys.read_all]  # fmt: skip
        self.starts_run = bool(join(keys=keys, args=[self.worker_id, time.time(), STALE_SECONDS]))
        if self.server.exists(self.keys.read_all) and not spider.read_every_listing_page:
            # Like a single process after an unfinished run: the articles a stopped
            # process never reached may sit behind listing pages of known ones.
            spider.read_every_listing_page = True
            logger.info(
                "A process of the last shared run did not finish: reading every listing page"
            )
        spider.frontier = self
        logger.info(
            "Shared frontier %s: %s as %s",
            _without_password(self.crawler.settings.get("NEWSARCHIVE_FRONTIER")),
            "starting a new run" if self.starts_run else "joining the running crawl",
            self.worker_id,
        )
        self.heartbeat = task.LoopingCall(self._beat)
        self.heartbeat.start(HEARTBEAT_SECONDS, now=False)

    def _beat(self) -> None:
        now = time.time()
        try:
            self.server.hset(self.keys.workers, self.worker_id, now)
            if not self.idle:
                self.server.hset(self.keys.busy, self.worker_id, now)
        except Exception as exc:  # a lost connection: logged, the crawl goes on
            logger.warning("Shared frontier: heartbeat failed: %s", exc)

    def request_reached_downloader(self, request: Any, spider: Spider) -> None:
        if self.idle:
            self.idle = False
            self.server.hset(self.keys.busy, self.worker_id, time.time())
            if self.idle_poll.running:
                self.idle_poll.stop()

    def spider_idle(self, spider: Spider) -> None:
        """Stay while the queue has requests or another process may still add some."""
        self.idle = True
        self.server.hdel(self.keys.busy, self.worker_id)
        now = time.time()
        busy = self.server.hgetall(self.keys.busy)
        if self.server.zcard(self.keys.requests) or any(
            now - float(seen) <= STALE_SECONDS for seen in busy.values()
        ):
            if not self.idle_poll.running:
                self.idle_poll.start(IDLE_POLL_SECONDS, now=False)
            raise DontCloseSpider

    def _poll(self) -> None:
        """While waiting: wake the engine as soon as the shared queue has requests."""
        try:
            waiting = self.server.zcard(self.keys.requests)
        except Exception:  # the heartbeat logs connection trouble
            return
        slot = getattr(self.crawler.engine, "_slot", None)
        if waiting and slot is not None:
            # Scrapy's engine has no public "look again now"; without this it looks every 5 s.
            slot.nextcall.schedule()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if reason != "finished":
            with contextlib.suppress(Exception):
                self.server.set(self.keys.gap, f"{self.worker_id} ended: {reason}")
        for loop in (self.heartbeat, self.idle_poll):
            if loop is not None and loop.running:
                loop.stop()
        try:
            self.server.hdel(self.keys.busy, self.worker_id)
            self.server.hdel(self.keys.workers, self.worker_id)
        except Exception as exc:
            logger.warning("Shared frontier: could not leave cleanly: %s", exc)

    def item_scraped(self, item: Any, response: Any, spider: Spider) -> None:
        if isinstance(item, ArticleItem | ArticleSeen):
            self.server.sadd(self.keys.known, item["url"])

    def unknown(self, urls: list[str]) -> list[str]:
        """URLS that no process of this site has archived (in any run)."""
        if not urls:
            return []
        flags = self.server.smismember(self.keys.known, urls)
        return [url for url, known in zip(urls, flags, strict=True) if not known]


def _without_password(url: str | None) -> str:
    parts = urlsplit(url or "")
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url or ""
