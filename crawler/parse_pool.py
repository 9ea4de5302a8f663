"""Article pages parsed in worker processes, so that a crawl uses more than one core.

Parsing an article (breadcrumb, title, date, body, sanitising) costs more CPU
than Scrapy spends fetching it (bench/e2e.py), and Scrapy runs in one thread:
a crawl of many sites, or of a fast mirror, is bound by that one core.  With
NEWSARCHIVE_PARSE_WORKERS = N (`crawl --parse-workers N`), article pages are
parsed by N worker processes while Scrapy goes on fetching; 0 (the default)
parses in the crawl's own process, which suits the usual hourly run of a few
pages and a crawl held back by politeness delays.

One pool serves every site crawled by the process; its workers start when
the first article arrives and stop when the process ends, however it ends:
they are the crawl's own children (spawned, not forked from a process
running Twisted's threads) and ask Linux to kill them when it dies, so a
`kill -9` of a cron job leaves no parser behind holding its output open.
They ignore Ctrl-C, which the crawl itself handles.  A worker that dies (a
page that exhausts memory) breaks the pool: that page is parsed in the
crawl's process, and the next one starts a new pool.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from crawler.parsers import parse_article
from crawler.parsers.article import ArticleRecord
from crawler.profile import Section, SiteProfile

logger = logging.getLogger(__name__)

_pools: dict[int, ProcessPoolExecutor] = {}


_PR_SET_PDEATHSIG = 1


def _worker_init(crawl_pid: int) -> None:
    """In each worker: die with the crawl process, leave Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the pool's own shutdown
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != crawl_pid:  # the crawl died before the request took effect
        os._exit(0)


def _pool(workers: int) -> ProcessPoolExecutor:
    pool = _pools.get(workers)
    if pool is None:
        pool = _pools[workers] = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init,
            initargs=(os.getpid(),),
        )
    return pool


async def parse_article_in_pool(
    workers: int, html: str, url: str, profile: SiteProfile, section: Section | None
) -> ArticleRecord:
    """parse_article(...) in one of WORKERS processes; NotAnArticle is raised here too."""
    if workers <= 0:
        return parse_article(html, url, profile, section)
    try:
        future = _pool(workers).submit(parse_article, html, url, profile, section)
        return await asyncio.wrap_future(future)
    except BrokenProcessPool:
        logger.error("A parsing process died on %s; parsing it in the crawl's process", url)
        _close(workers)
        return parse_article(html, url, profile, section)


def _close(workers: int) -> None:
    pool = _pools.pop(workers, None)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


@atexit.register
def close_pools() -> None:
    for workers in list(_pools):
        _close(workers)
