"""Python's cyclic garbage collector, tuned for the length of a crawl.

A crawl allocates a few hundred container objects a page (requests, responses,
Twisted deferreds, selectors), nearly all freed by reference counting as soon
as the page is done.  With CPython's default thresholds the collector still
ran a young collection every 700 allocations, about 90 a second, and now and
then a full one that walked every object Scrapy, Twisted and lxml had loaded:
2.0 to 2.8 s of a 35 s crawl of bench/e2e.py's site, in the crawl's thread.

While the crawl runs, the objects that exist when it starts (modules,
settings, profiles) are frozen out of the collector's walks (`gc.freeze`), and
a young collection waits for YOUNG_THRESHOLD allocations: twelve times fewer
collections, 0.3 s in all.  The same crawl in one process (--parse-workers 0)
took 52-53 s instead of 57.  Cycles are still collected, a little later.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

YOUNG_THRESHOLD = 10_000


def tune_for_crawling() -> tuple[int, int, int]:
    """Freeze what exists now and raise the young threshold; returns the thresholds before."""
    before = gc.get_threshold()
    gc.collect()  # so that no garbage is frozen
    gc.freeze()
    gc.set_threshold(max(before[0], YOUNG_THRESHOLD), *before[1:])
    return before


def restore(thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(*thresholds)
    gc.unfreeze()


class CollectorTuning:
    """Scrapy extension: tune_for_crawling() from the first crawler's start to the last's stop.

    A CrawlerProcess running several sites starts a crawler for each; the
    collector is tuned once, and set back when the last of them has stopped
    (a test suite, or a program that goes on after its crawl, gets its own
    settings back).
    """

    _running = 0
    _before: tuple[int, int, int] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CollectorTuning:
        from scrapy import signals  # here: parsing processes use this module without Scrapy

        extension = cls()
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_started(self) -> None:
        cls = type(self)
        if cls._running == 0:
            cls._before = tune_for_crawling()
        cls._running += 1

    def engine_stopped(self) -> None:
        cls = type(self)
        cls._running = max(0, cls._running - 1)
        if cls._running == 0 and cls._before is not None:
            restore(cls._before)
            cls._before = None
