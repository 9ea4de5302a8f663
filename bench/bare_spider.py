"""The baseline of bench/e2e.py: a bare Scrapy spider over the generated site.

It requests what newsarchive's spider requests on a first crawl of the site
made by bench/sitegen.py, from the same static server, and does nothing else:
each listing page's article links (the ``div.list`` items) and the next page
its ``createPageHTML()`` call names, as newsarchive's listing parser does;
article pages are only counted.  No parsing of articles, no database, no WARC.

Its settings are Scrapy's defaults with newsarchive's concurrency (of
requests and of items), timeout, size limit, user agent and robots.txt rule
(read from crawler/settings.py, so the two stay the same), and what
``newsarchive crawl --mirror-url`` sets for a local mirror: no download
delay, no AutoThrottle.

Usage: ``python bench/bare_spider.py MIRROR_URL LISTING_URL...`` (live URLs of
the sections' first listing pages; they are fetched from MIRROR_URL/HOST/PATH,
the mirror layout).  Prints ``{"pages": N, "articles": N, "listings": N}``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

REPO = Path(__file__).resolve().parents[1]
# Run as a script, bench/ comes first on sys.path, and bench/incremental.py would
# shadow the `incremental` package Twisted imports: import from the repository instead.
sys.path[:] = [str(REPO), *(p for p in sys.path if Path(p or ".").resolve() != REPO / "bench")]

import scrapy  # noqa: E402
from scrapy.crawler import CrawlerProcess  # noqa: E402
from scrapy.settings import Settings  # noqa: E402

from crawler import settings as project  # noqa: E402

_TRS_PAGINATION = re.compile(r'createPageHTML\((\d+), *(\d+), *"(\w+)", *"(\w+)"\)')
SHARED_SETTINGS = (
    "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "CONCURRENT_ITEMS",
    "DOWNLOAD_TIMEOUT",
    "DOWNLOAD_MAXSIZE",
    "ROBOTSTXT_OBEY",
    "USER_AGENT",
)


def bare_settings() -> Settings:
    settings = Settings()
    for name in SHARED_SETTINGS:
        settings.set(name, shared_setting(name), priority="cmdline")
    settings.setdict(
        {
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "TELNETCONSOLE_ENABLED": False,
            "LOG_LEVEL": "ERROR",
        },
        priority="cmdline",
    )
    return settings


def shared_setting(name: str):
    """NAME as newsarchive sets it (Scrapy's default when crawler/settings.py does not)."""
    return getattr(project, name, Settings().get(name))


def mirrored(url: str, mirror: str) -> str:
    """https://HOST/PATH as the mirror server has it: MIRROR/HOST/PATH."""
    return f"{mirror.rstrip('/')}/{url.split('://', 1)[1]}"


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, mirror: str, listings: list[str], **kwargs):
        super().__init__(**kwargs)
        self.mirror = mirror.rstrip("/")
        self.listings = listings

    async def start(self):
        for url in self.listings:
            yield self.request(url, self.parse_listing)

    def request(self, url: str, callback) -> scrapy.Request:
        return scrapy.Request(mirrored(url, self.mirror), callback=callback)

    def parse_listing(self, response):
        self.crawler.stats.inc_value("bare/listings")
        # Links resolve against the live URL: MIRROR/HOST/PATH is https://HOST/PATH.
        live = "https://" + response.url[len(self.mirror) + 1 :]
        for href in response.css("div.list li a::attr(href)").getall():
            yield self.request(urljoin(live, href), self.parse_article)
        match = _TRS_PAGINATION.search(response.text)
        if match and int(match[2]) + 1 < int(match[1]):
            # The next page, as newsarchive's listing parser follows it.
            page = f"{match[3]}_{int(match[2]) + 1}.{match[4]}"
            yield self.request(urljoin(live, page), self.parse_listing)

    def parse_article(self, response):
        self.crawler.stats.inc_value("bare/articles")


def main() -> None:
    if len(sys.argv) < 3:
        raise SystemExit("usage: python bench/bare_spider.py MIRROR_URL LISTING_URL...")
    process = CrawlerProcess(bare_settings())
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, mirror=sys.argv[1], listings=sys.argv[2:])
    process.start()
    stats = crawler.stats.get_stats()
    print(
        json.dumps(
            {
                "pages": stats.get("response_received_count", 0),
                "articles": stats.get("bare/articles", 0),
                "listings": stats.get("bare/listings", 0),
            }
        )
    )


if __name__ == "__main__":
    main()
