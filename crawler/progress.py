"""Progress lines for long runs: per site, every few seconds, pages, articles and errors.

Scrapy's LogStats reports pages per minute for the whole process; a person
watching a crawl of several sites wants to see each site move, and its
errors as they happen.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger("newsarchive.progress")


class Progress:
    def __init__(self, crawler: Crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("NEWSARCHIVE_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider) -> None:
        self.loop = task.LoopingCall(self.report, spider)
        self.loop.start(self.interval, now=False)

    def report(self, spider) -> None:
        stats = self.crawler.stats
        logger.info(
            "%s: %d pages, %d articles, %d errors",
            spider.name,
            stats.get_value("response_received_count", 0),
            stats.get_value("item_scraped_count", 0),
            stats.get_value("newsarchive/fetch_errors", 0),
        )

    def spider_closed(self, spider) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
