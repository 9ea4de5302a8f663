"""Item pipeline: every article goes into the SQLite archive, every run into `crawls`."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from archive.store import COMMIT_EVERY, COMMIT_SECONDS, Archive, ArchiveError
from crawler.health import problems
from crawler.items import ArticleMissing, ArticleSeen, FetchFailed

logger = logging.getLogger(__name__)


def count_errors(stats: dict[str, Any]) -> int:
    """Errors of a run: failed fetches (the spider's errback counts them) and callback crashes."""
    crashes = sum(value for key, value in stats.items() if key.startswith("spider_exceptions/"))
    return stats.get("newsarchive/fetch_errors", 0) + crashes


class SharedWriter:
    """The one connection of this process to an archive, shared by the pipelines of all sites.

    Writes are committed in batches (every COMMIT_EVERY records or
    COMMIT_SECONDS; Archive.begin_batch says why).  With a connection per site,
    one site's open batch would hold SQLite's write lock while another site's
    write waited for it on the same thread, for ever.
    """

    _open: ClassVar[dict[Path, SharedWriter]] = {}

    def __init__(self, key: Path, archive: Archive):
        self.key = key
        self.archive = archive
        self.users = 0
        self.pending = 0
        self.batch_started = 0.0
        self.committer = task.LoopingCall(self._commit_if_due)
        self.committer.start(COMMIT_SECONDS / 2, now=False)

    @classmethod
    def acquire(cls, db_path: str) -> SharedWriter:
        key = Path(db_path).resolve()
        writer = cls._open.get(key)
        if writer is None:
            writer = cls._open[key] = cls(key, Archive(db_path))
        writer.users += 1
        return writer

    def release(self) -> None:
        self.users -= 1
        if self.users > 0:
            return
        del self._open[self.key]
        if self.committer.running:
            self.committer.stop()
        try:
            self.commit()
        finally:
            self.archive.close()

    @contextlib.contextmanager
    def writing(self) -> Iterator[Archive]:
        """One record's writes, in the open batch (started if need be)."""
        if not self.pending:
            self.archive.begin_batch()
            self.batch_started = time.monotonic()
        yield self.archive
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        self.pending = 0
        self.archive.commit_batch()

    def _commit_if_due(self) -> None:
        if self.pending and time.monotonic() - self.batch_started >= COMMIT_SECONDS:
            try:
                self.commit()
            except sqlite3.Error as exc:  # the next write fails too, and stops its site
                logger.error("Cannot commit to the archive %s: %s", self.archive.path, exc)


class ArchivePipeline:
    """Writes articles through archive.store and records the run in the crawls table."""

    def __init__(self, crawler: Crawler, db_path: str):
        self.crawler = crawler
        self.db_path = db_path
        self.archive: Archive | None = None
        self.crawl_id: int | None = None
        self.counts = {"new": 0, "updated": 0, "unchanged": 0}
        self.withdrawn = 0
        self.failure: str | None = None
        self.writer: SharedWriter | None = None
        self.opened = False  # Scrapy has finished opening the spider

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        db_path = crawler.settings.get("NEWSARCHIVE_DB")
        if not db_path:
            raise NotConfigured("NEWSARCHIVE_DB is not set")
        pipeline = cls(crawler, db_path)
        # spider_closed fires after every pipeline's close_spider and carries the reason.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        try:
            self.writer = SharedWriter.acquire(self.db_path)
            self.archive = self.writer.archive
            with self.writer.writing():
                self.crawl_id = self.archive.start_crawl(spider.name)
            self.writer.commit()  # the run is on record before its first request
        except (sqlite3.Error, ArchiveError) as exc:
            self.archive = None
            self._fail(f"cannot write to the archive {self.db_path}: {exc}")
            return
        self.crawler.stats.set_value("newsarchive/crawl_id", self.crawl_id)
        self.crawler.stats.set_value("newsarchive/db", str(self.archive.path))

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if self.archive is None:
            return item
        try:
            with self.writer.writing():
                return self._store(item, spider)
        except sqlite3.Error as exc:
            # Disk full, file made read-only, a broken database: what was committed
            # stays; the site's crawl stops.
            self._fail(f"cannot write to the archive {self.db_path}: {exc}")
            return item

    def _fail(self, message: str) -> None:
        if self.writer is not None:
            with contextlib.suppress(sqlite3.Error):  # keep what can still be kept
                self.writer.commit()
        if self.failure is None:
            self.failure = message
            logger.error("%s; stopping this site's crawl", message)
            if self.opened:
                self._close_spider()
            # else: failing while Scrapy opens the spider; spider_opened closes it.

    def spider_opened(self, spider: Spider) -> None:
        self.opened = True
        if self.failure:
            self._close_spider()

    def _close_spider(self) -> None:
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive_error"))

    def _store(self, item: Any, spider: Spider | None) -> Any:
        if isinstance(item, FetchFailed):
            spider = spider or self.crawler.spider
            self.archive.record_fetch_error(
                self.crawl_id,
                spider.name,
                item["url"],
                item["kind"],
                item.get("status"),
                item.get("message", ""),
            )
            return item
        if isinstance(item, ArticleSeen):
            outcome = self.archive.touch_article(item["url"])
        elif isinstance(item, ArticleMissing):
            spider = spider or self.crawler.spider
            missing = self.archive.record_missing(
                item["url"], item["reason"], spider.profile.revalidate.withdraw_after
            )
            if missing == "withdrawn":
                self.withdrawn += 1
                spider.logger.warning("Withdrawn: %s (%s)", item["url"], item["reason"])
            self.crawler.stats.inc_value(f"newsarchive/articles_{missing}")
            return item
        else:
            validators = {"etag": item.get("etag"), "last_modified": item.get("last_modified")}
            capture = {
                "warc_file": item.get("warc_file"),
                "warc_record_id": item.get("warc_record_id"),
            }
            outcome = self.archive.save_article(dict(item), validators=validators, capture=capture)
        if outcome is not None:
            self.counts[outcome] += 1
            self.crawler.stats.inc_value(f"newsarchive/articles_{outcome}")
        return item

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None or self.crawl_id is None:
            if self.writer is not None:
                self._release()
            return
        try:
            self.writer.commit()
        except sqlite3.Error as exc:
            self.failure = self.failure or f"cannot write to the archive {self.db_path}: {exc}"
            logger.error("%s", self.failure)
        stats = self.crawler.stats
        errors = count_errors(stats.get_stats())
        saved = sum(self.counts.values())
        profile = getattr(spider, "profile", None)
        labels = [section.label for section in profile.sections] if profile else []
        # In a shared crawl (--frontier) a process may have been left nothing to do.
        shared = bool(self.crawler.settings.get("NEWSARCHIVE_FRONTIER"))
        found = problems(stats.get_stats(), labels, shared)
        links = sum(value for key, value in stats.get_stats().items() if key.endswith("/links"))
        if reason != "finished" or (saved == 0 and not links and not shared):
            status = "failed"  # a run that found nothing at all has not worked
        elif errors or found:
            status = "degraded"
        else:
            status = "ok"
        for problem in found:
            spider.logger.error("Site may have changed: %s", problem)
        stats.set_value("newsarchive/status", status)
        if self.failure:
            found.append(self.failure)
        try:
            self._finish(reason, status, stats, errors, found)
            self.writer.commit()
        except sqlite3.Error as exc:
            logger.error("Cannot record the run in %s: %s", self.db_path, exc)
        self._release()

    def _release(self) -> None:
        writer, self.writer, self.archive = self.writer, None, None
        try:
            writer.release()
        except sqlite3.Error as exc:
            logger.error("Cannot write to the archive %s: %s", self.db_path, exc)

    def _finish(self, reason, status, stats, errors, found) -> None:
        self.archive.finish_crawl(
            self.crawl_id,
            status=status,
            finish_reason=reason,
            requests=stats.get_value("downloader/request_count", 0),
            articles_new=self.counts["new"],
            articles_updated=self.counts["updated"],
            articles_unchanged=self.counts["unchanged"],
            articles_withdrawn=self.withdrawn,
            errors=errors,
            problems="; ".join(found) or None,
        )
