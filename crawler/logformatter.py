"""Scrapy's per-page log lines, made for a crawl that archives whole articles.

Scrapy logs each scraped item whole: an article's item holds its body twice
(text and HTML), so a crawl at --log-level debug wrote about 4 KB of log per
article (143 KB for the 33 articles of ncac_en's mirror), and the line a
reader looks for was lost in it.  Here it names the item instead: its kind,
URL and title, or its reason.

Below the run's LOG_LEVEL the two per-page lines ("Crawled", "Scraped from")
are not made at all.  Scrapy builds them for every page and leaves its log
handler to drop them (Python's logging makes each record first): 1.5% of the
crawl's thread in a profile of bench/e2e.py.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.logformatter import LogFormatter

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.logformatter import LogFormatterResult


class ArchiveLogFormatter(LogFormatter):
    """LOG_FORMATTER of the project: short per-page lines, and none below LOG_LEVEL."""

    def __init__(self, level: int = logging.DEBUG):
        super().__init__()
        self.debug = level <= logging.DEBUG

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveLogFormatter:
        level = crawler.settings.get("LOG_LEVEL") or logging.DEBUG
        if isinstance(level, str):
            level = logging.getLevelName(level.upper())
        return cls(level if isinstance(level, int) else logging.DEBUG)

    def crawled(self, request, response, spider) -> LogFormatterResult | None:
        return super().crawled(request, response, spider) if self.debug else None

    def scraped(self, item: Any, response, spider) -> LogFormatterResult | None:
        if not self.debug:
            return None
        logged = super().scraped(item, response, spider)
        logged["msg"] = "Scraped from %(src)s: %(item)s"
        logged["args"]["item"] = describe_item(item, getattr(response, "url", None))
        return logged


def describe_item(item: Any, page_url: str | None = None) -> str:
    """One line for an item: its kind, its URL (unless it is PAGE_URL's), title or reason.

    "ArticleItem 'Title'", "FetchFailed https://example.org/a.html (http 404)".
    """
    fields = item if hasattr(item, "get") else {}
    url = fields.get("url")
    words = [type(item).__name__, str(url) if url and url != page_url else ""]
    if fields.get("title"):
        words.append(repr(fields["title"]))
    reason = fields.get("reason") or " ".join(
        str(fields[key]) for key in ("kind", "status") if fields.get(key) is not None
    )
    if reason:
        words.append(f"({reason})")
    return " ".join(word for word in words if word)
