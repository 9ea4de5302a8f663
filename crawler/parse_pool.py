"""Article pages parsed in worker processes, so that a crawl uses more than one core.

Parsing an article (breadcrumb, title, date, body, sanitising) costs more CPU
than Scrapy spends fetching it (bench/e2e.py), and Scrapy runs in one thread:
a crawl of many sites, or of a fast mirror, is bound by that one core.  With
NEWSARCHIVE_PARSE_WORKERS = N (`crawl --parse-workers N`), article pages are
parsed by N worker processes while Scrapy goes on fetching (listing pages
too: a tenth of the pages, but as much of the crawl's own work); 0 parses in
the crawl's own process.  "auto" (the default) parses in the crawl's own
process until it has parsed AUTO_START_PAGES pages, then in one process per
core but one (at most 4): the usual hourly run of a few pages starts no
process it does not need, and a big crawl (a new site, --full, a mirror)
uses the machine's cores.

Each worker is one process at the end of a pipe that the crawl's event loop
watches: a page goes down the pipe, its record comes back and wakes the
loop.  No thread of the crawl's takes part (concurrent.futures'
ProcessPoolExecutor, used before, hands every page through two threads of
its own: 0.3 ms of CPU a page in bench/e2e.py, on the core the workers
need).  A worker holds at most _IN_FLIGHT pages at a time (the other pages
wait in the crawl's process) and reads them as they come, so a write to it
never waits for long.

One pool serves every site crawled by the process; its workers start when
the first page is sent to them (under "auto", the page after
AUTO_START_PAGES) and stop when the process ends, however it ends:
they are the crawl's own children (spawned, not forked from a process
running Twisted's threads) and ask Linux to kill them when it dies, so a
`kill -9` of a cron job leaves no parser behind holding its output open.
They ignore Ctrl-C, which the crawl itself handles.  A worker that dies (a
page that exhausts memory) breaks the pool: its pages are parsed in the
crawl's process, and the next page starts a new pool; under "auto" the
crawl's process parses every later page itself, said once in the log.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from crawler.collector import tune_for_crawling
from crawler.parsers import parse_article, parse_listing
from crawler.parsers.article import ArticleRecord
from crawler.parsers.listing import ListingLinks
from crawler.profile import Section, SiteProfile

logger = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
AUTO = "auto"
# Pages the crawl's process parses itself, under "auto", before it starts workers: an
# hourly run seldom reaches it; a first crawl of a site passes it in a few seconds.
AUTO_START_PAGES = 200
MAX_AUTO_WORKERS = 4
# Pages sent to a worker and not answered yet: one being parsed, the others read and
# waiting in the worker.  With two, a worker sat idle whenever the crawl's thread was
# busy (a batch commit, a burst of callbacks) and did not hand it the next page in
# time: 41.5 s for the 11,000 pages of bench/e2e.py against 33 to 36 s with 4, 8 or 16.
_IN_FLIGHT = 8


class BrokenPool(RuntimeError):
    """A parsing process died (or could not start); the pool is closed."""


class UnsendablePage(RuntimeError):
    """One page could not be pickled for a worker; the pool is fine."""


def _worker_init(crawl_pid: int) -> None:
    """In each worker: die with the crawl process, leave Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the pool's own shutdown
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != crawl_pid:  # the crawl died before the request took effect
        os._exit(0)
    tune_for_crawling()  # a worker lives as long as its crawl


def _serve(conn: Connection, crawl_pid: int) -> None:
    """A worker's life: (key, function, args) in, (key, ok, result or exception) out.

    A thread reads the pages as soon as they come, so the crawl never waits on a
    full pipe: else a page bigger than the pipe holds, sent while the worker was
    writing a record bigger than it holds, would leave each waiting for the other.
    """
    _worker_init(crawl_pid)
    inbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()  # at most _IN_FLIGHT pages

    def read() -> None:
        while True:
            try:
                inbox.put(conn.recv_bytes())
            except (EOFError, OSError):  # the crawl closed the pipe: the pool is shut
                inbox.put(None)
                return

    threading.Thread(target=read, name="newsarchive-parser-inbox", daemon=True).start()
    while (message := inbox.get()) is not None:
        key, function, args = pickle.loads(message)
        try:
            conn.send_bytes(_answer(key, function, args))
        except OSError:  # the crawl is gone or shutting the pool: nobody waits for it
            return


def _answer(key: int, function: Callable, args: tuple) -> bytes:
    """One call's answer, pickled: its result, or the exception it raised (a RuntimeError
    naming it when the exception itself cannot cross, as lxml's cannot)."""
    try:
        return pickle.dumps((key, True, function(*args)))
    except Exception as exc:  # noqa: BLE001 - raised again in the crawl's process
        failed = exc
    try:
        message = pickle.dumps((key, False, failed))
        pickle.loads(message)  # some exceptions pickle but cannot be rebuilt
        return message
    except Exception:  # noqa: BLE001
        return pickle.dumps((key, False, RuntimeError(f"{type(failed).__name__}: {failed}")))


class _Worker:
    """One parsing process, the crawl's end of its pipe, and the pages it holds."""

    def __init__(self, pool: _Pool, context: Any):
        self.pool = pool
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, os.getpid()), name="newsarchive-parser", daemon=True
        )
        self.process.start()
        child.close()
        self.held: dict[int, asyncio.Future] = {}
        pool.loop.add_reader(self.conn.fileno(), self._answered)

    def send(self, key: int, future: asyncio.Future, message: bytes) -> None:
        self.held[key] = future
        self.conn.send_bytes(message)

    def _answered(self) -> None:
        try:
            while self.conn.poll():
                key, ok, value = pickle.loads(self.conn.recv_bytes())
                future = self.held.pop(key)
                if future.done():  # cancelled: the crawl stopped waiting for it
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)
        except (EOFError, OSError):
            self.pool.broken(f"parsing process {self.process.pid} died")
            return
        except Exception as exc:  # noqa: BLE001 - an unreadable answer: no page may wait for ever
            self.pool.broken(f"unreadable answer from parsing process {self.process.pid}: {exc}")
            return
        self.pool.dispatch()

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the loop may be closed already
            self.pool.loop.remove_reader(self.conn.fileno())
        self.conn.close()  # the worker reads EOF and returns
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=1)


class _Pool:
    """N workers fed from one queue, in the event loop that created them."""

    def __init__(self, workers: int, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.waiting: deque[tuple[int, asyncio.Future, tuple[Callable, tuple]]] = deque()
        self.next_key = 0
        self.workers: list[_Worker] = []
        context = multiprocessing.get_context("spawn")
        try:
            for _ in range(workers):
                self.workers.append(_Worker(self, context))
        except OSError:
            self.close()
            raise

    async def run(self, function: Callable, *args: Any) -> Any:
        """FUNCTION(*ARGS) in one of the workers; its exception is raised here."""
        future = self.loop.create_future()
        self.next_key += 1
        self.waiting.append((self.next_key, future, (function, args)))
        self.dispatch()
        return await future

    def dispatch(self) -> None:
        """Give waiting pages to the least busy workers, up to _IN_FLIGHT each."""
        while self.waiting:
            worker = min(self.workers, key=lambda worker: len(worker.held), default=None)
            if worker is None or len(worker.held) >= _IN_FLIGHT:
                return
            key, future, call = self.waiting.popleft()
            if future.done():
                continue
            try:
                message = pickle.dumps((key, *call))
            except Exception as exc:  # noqa: BLE001 - this page cannot go; the others can
                future.set_exception(UnsendablePage(f"cannot send it to a parsing process: {exc}"))
                continue
            try:
                worker.send(key, future, message)
            except (OSError, ValueError):
                self.broken("cannot write to a parsing process")
                return

    def broken(self, reason: str) -> None:
        """Fail every page held or waiting (each is parsed in the crawl instead); close."""
        held = [future for worker in self.workers for future in worker.held.values()]
        waiting = [future for _, future, _ in self.waiting]
        self.waiting.clear()
        for worker in self.workers:
            worker.held.clear()
        for future in held + waiting:
            if not future.done():
                future.set_exception(BrokenPool(reason))
        _forget(self)

    def close(self) -> None:
        for worker in self.workers:
            worker.close()
        self.workers = []


_pools: dict[int, _Pool] = {}


def _pool(workers: int) -> _Pool:
    """The pool of WORKERS processes for the running event loop (started if need be)."""
    loop = asyncio.get_running_loop()
    pool = _pools.get(workers)
    if pool is not None and pool.loop is not loop:  # a new loop (tests run several)
        _forget(pool)
        pool = None
    if pool is None:
        pool = _pools[workers] = _Pool(workers, loop)
    return pool


def _forget(pool: _Pool) -> None:
    for workers, known in list(_pools.items()):
        if known is pool:
            del _pools[workers]
    pool.close()


async def parse_article_in_pool(
    workers: int | str, html: str, url: str, profile: SiteProfile, section: Section | None
) -> ArticleRecord:
    """parse_article(...) in one of WORKERS processes; NotAnArticle is raised here too."""
    return await _in_pool(workers, parse_article, html, url, profile, section)


async def parse_listing_in_pool(
    workers: int | str, html: str, url: str, profile: SiteProfile, section: Section | None
) -> ListingLinks:
    """parse_listing(...) in one of WORKERS processes."""
    return await _in_pool(workers, parse_listing, html, url, profile, section)


def parse_workers_setting(value: Any) -> int | str:
    """NEWSARCHIVE_PARSE_WORKERS as the crawl uses it: a count of processes, or AUTO.

    Raises ValueError, saying what is accepted, for anything else.
    """
    if isinstance(value, str) and value.strip().lower() == AUTO:
        return AUTO
    workers = -1
    if isinstance(value, int | str) and not isinstance(value, bool):
        with contextlib.suppress(ValueError):
            workers = int(value)
    if not 0 <= workers <= 64:
        raise ValueError(
            f"parse workers must be 'auto' or a number of processes from 0 to 64, not {value!r}"
        )
    return workers


def auto_workers() -> int:
    """Processes "auto" uses: one per core this process may use, but one (the crawl's)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    quota = _cgroup_cpu_quota()
    if quota is not None:  # a container's or a systemd unit's limit: the cores it may use
        cores = min(cores, quota)
    return max(0, min(MAX_AUTO_WORKERS, cores - 1))


def _cgroup_cpu_quota(
    root: str = "/sys/fs/cgroup", membership: str = "/proc/self/cgroup"
) -> int | None:
    """The CPUs this process's cgroup v2 quotas allow ("200000 100000": 2, rounded up), the
    smallest from its own cgroup up to the root; None without a quota or without cgroup v2.

    Inside a container the process's cgroup is the root of what it sees; under
    systemd (CPUQuota=) it is the unit's path, named in /proc/self/cgroup ("0::/PATH").
    """
    try:
        with open(membership) as lines:
            path = next((line[3:].strip() for line in lines if line.startswith("0::")), "/")
    except OSError:
        path = "/"
    folder, quotas = Path(root, path.lstrip("/")), []
    while True:
        try:
            quota, period = (folder / "cpu.max").read_text().split()[:2]
            quotas.append(max(1, -(-int(quota) // int(period))))
        except (OSError, ValueError, ZeroDivisionError):  # none here, or "max": no quota
            pass
        if folder == Path(root) or folder == folder.parent:
            return min(quotas, default=None)
        folder = folder.parent


_parsed_here = 0  # pages parsed in this process under "auto" (AUTO_START_PAGES)
_auto_workers: int | None = None  # auto_workers(), when "auto" first sends a page to workers
_auto_failed = False  # a pool of "auto" broke: this process parses every page itself


async def _in_pool(workers: int | str, parse: Callable, html: str, url: str, *args: Any) -> Any:
    """PARSE(HTML, URL, *ARGS) in the pool; in this process without workers or when the
    pool breaks."""
    global _parsed_here, _auto_workers, _auto_failed
    auto = workers == AUTO
    if auto:
        if _parsed_here < AUTO_START_PAGES or _auto_failed:
            _parsed_here += 1
            return parse(html, url, *args)
        if _auto_workers is None:  # decided once, when the crawl has shown it is a big one
            _auto_workers = auto_workers()
            if _auto_workers:
                logger.info("Parsed %d pages in the crawl's process; parsing the next ones in "
                            "%d processes beside it", _parsed_here, _auto_workers)  # fmt: skip
        workers = _auto_workers
    if workers <= 0:
        return parse(html, url, *args)
    try:
        return await _pool(workers).run(parse, html, url, *args)
    except UnsendablePage as exc:
        logger.warning("%s: %s; parsing it in the crawl's process", url, exc)
        return parse(html, url, *args)
    except (BrokenPool, OSError) as exc:
        if auto and not _auto_failed:
            _auto_failed = True
            logger.error("A parsing process failed on %s (%s); the crawl's process parses it "
                         "and every page after it", url, exc)  # fmt: skip
        elif not auto:
            logger.error("A parsing process failed on %s (%s); parsing it in the crawl's "
                         "process", url, exc)  # fmt: skip
        return parse(html, url, *args)


@atexit.register
def close_pools() -> None:
    for pool in list(_pools.values()):
        _forget(pool)
