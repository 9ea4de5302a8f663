"""The one generic spider: it crawls whatever site a profile describes.

Listing pages are read from each section's first page onward; their article
links are followed to article pages, which the pure parsers turn into records.
No site knowledge lives here: it is all in the profile.

Runs are incremental: paging stops at a listing page that lists only
articles the archive has (after the profile's `listing.depth` pages), new
articles are fetched, and known ones are revalidated on the profile's
schedule with conditional requests (crawler.revisit).  NEWSARCHIVE_FULL
(`crawl --full`) reads every listing page and fetches every known article.
After a run that did not finish (killed, stopped, out of disk), the next run
reads every listing page, so the articles the stopped run never reached are
not hidden behind a first page of known ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.http import Response
from scrapy.utils.reactor import is_asyncio_reactor_installed
from twisted.python.failure import Failure

from archive.store import Archive, ArchiveError
from crawler.fetch_errors import classify
from crawler.frontier import frontier_settings
from crawler.health import section_stat
from crawler.items import ArticleItem, ArticleMissing, ArticleSeen, FetchFailed
from crawler.parse_pool import (
    AUTO,
    parse_article_in_pool,
    parse_listing_in_pool,
    parse_workers_setting,
)
from crawler.parsers import NotAnArticle
from crawler.parsers.charset import decode_html
from crawler.profile import Section, SiteProfile, find_bundled_profile, load_profile
from crawler.revisit import conditional_headers, is_due
from crawler.urls import canonical_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings

# Listing pages followed through a URL template when the profile sets no max_pages.
DEFAULT_TEMPLATE_PAGES = 100


class KnownArticles:
    """The site's articles as the archive held them when the run started, read on demand.

    A run asks two things of them: which links of a listing page are known
    (an indexed lookup per page) and which known articles are due for
    revalidation (one pass over them, row by row).  Neither keeps them in
    memory, so a crawl's memory does not grow with the archive.  Articles the
    run itself archives are not "known": they have higher ids.
    """

    def __init__(self, archive: Archive | None, site: str):
        self.archive = archive
        self.site = site
        self.up_to_id = archive.last_article_id() if archive is not None else 0

    def among(self, urls: list[str]) -> set[str]:
        if self.archive is None or not urls:
            return set()
        return self.archive.known_among(urls, self.up_to_id)

    def rows(self) -> Iterator[dict[str, Any]]:
        if self.archive is None:
            return iter(())
        return self.archive.known_article_rows(self.site, self.up_to_id)

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None


def _archive_state(db_path: str | None, site: str) -> tuple[KnownArticles, bool]:
    """SITE's known articles, and whether its latest crawl ran to its end.

    Read before this run adds its own crawls row; an absent or unusable
    archive means nothing is known and there is no gap to fill.
    """
    if not db_path or not Path(db_path).is_file():
        return KnownArticles(None, site), True
    try:
        archive = Archive(db_path)
    except (ArchiveError, sqlite3.Error):
        return KnownArticles(None, site), True
    try:
        return KnownArticles(archive, site), archive.last_crawl_finished(site)
    except sqlite3.Error:
        archive.close()
        return KnownArticles(None, site), True


_HTML_LIKE_APPLICATION_TYPES = {"xhtml+xml", "xml", "octet-stream"}


def _declared_not_html(content_type: str, body: bytes) -> bool:
    """A PDF, image, archive... served where an article was expected.

    Scrapy picks HtmlResponse from the URL's ".html" when the Content-Type is one
    it has no class for, so the header (and a PDF's magic bytes) are checked here.
    Untyped, text/* and octet-stream answers are still read as HTML: servers get
    those wrong for real pages.
    """
    major, _, minor = content_type.split(";")[0].strip().lower().partition("/")
    if major in ("image", "audio", "video", "font"):
        return True
    if major == "application" and minor not in _HTML_LIKE_APPLICATION_TYPES:
        return True
    return body.lstrip()[:5] == b"%PDF-"


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class SiteSpider(scrapy.Spider):
    """Crawl the sections of one site profile.

    Give it a SiteProfile (``profile=``), a profile file (``-a profile=FILE``),
    or subclass it with a ``name`` that is a bundled profile's name.
    """

    name: str | None = None  # set by subclasses, or from the profile

    def __init__(self, profile: SiteProfile | str | Path | None = None, **kwargs: Any):
        if isinstance(profile, SiteProfile):
            self.profile = profile
        elif profile is not None:
            self.profile = load_profile(profile)
        elif self.name:
            self.profile = find_bundled_profile(self.name)
        else:
            raise ValueError("SiteSpider needs a profile")
        kwargs.setdefault("name", self.profile.name)
        super().__init__(**kwargs)
        self.allowed_domains = list(self.profile.allowed_domains)
        self.known = KnownArticles(None, self.profile.name)
        self.full = False
        self.parse_workers: int | str = 0  # crawler.parse_pool
        self.read_every_listing_page = False
        # Set by crawler.frontier.SharedFrontier when several processes share the crawl.
        self.frontier = None

    @classmethod
    def update_settings(cls, settings: Settings) -> None:
        """NEWSARCHIVE_FRONTIER alone turns on the shared frontier, however the crawl is
        started (`newsarchive crawl --frontier`, `scrapy crawl -s`, a Scrapyd job)."""
        super().update_settings(settings)
        url = settings.get("NEWSARCHIVE_FRONTIER")
        if url:
            settings.setdict(frontier_settings(url), priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Read before this run's own row is added to the crawls table.
        spider.known, finished = _archive_state(crawler.settings.get("NEWSARCHIVE_DB"), spider.name)
        crawler.signals.connect(spider.known.close, signal=scrapy.signals.spider_closed)
        if not finished:
            spider.read_every_listing_page = True
            spider.logger.info(
                "The last crawl of %s did not finish: reading every listing page to fill the gap",
                spider.name,
            )
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        settings = self.crawler.settings
        self.full = settings.getbool("NEWSARCHIVE_FULL")
        try:
            self.parse_workers = parse_workers_setting(settings.get("NEWSARCHIVE_PARSE_WORKERS"))
        except ValueError as exc:
            self.logger.error("NEWSARCHIVE_PARSE_WORKERS: %s; parsing in the crawl's process", exc)
            self.parse_workers = 0
        if self.parse_workers and not is_asyncio_reactor_installed():
            # The workers' pipes are watched by asyncio's event loop.
            if self.parse_workers != AUTO:
                self.logger.warning(
                    "Parse workers need Twisted's asyncio reactor (TWISTED_REACTOR); "
                    "parsing in the crawl's process"
                )
            self.parse_workers = 0
        # In a shared crawl the process that starts the run seeds the listing pages;
        # the others take their work from the shared queue.
        seeds = self.profile.sections if self.frontier is None or self.frontier.starts_run else []
        for section in seeds:
            yield scrapy.Request(
                canonical_url(section.url, self.profile),
                callback=self.parse_listing,
                errback=self.log_failure,
                cb_kwargs={"section": section, "page_number": 1},
            )
        now = datetime.now(UTC)
        for known in self.known.rows():
            if is_due(known, self.profile.revalidate, now, self.full):
                self.crawler.stats.inc_value("newsarchive/revalidated")
                yield scrapy.Request(
                    known["url"],
                    callback=self.parse_article,
                    errback=self.log_failure,
                    headers=conditional_headers(known),
                    meta={"handle_httpstatus_list": [304, 404, 410], "known": True},
                    priority=-1,
                )

    async def parse_listing(self, response: Response, section: Section, page_number: int):
        html = self._html(response)
        if html is None:
            yield self._not_html_record(response)
            return
        links = await parse_listing_in_pool(
            self.parse_workers, html, response.url, self.profile, section
        )
        self.crawler.stats.inc_value("newsarchive/listing_pages")
        self.crawler.stats.inc_value(section_stat("listing_pages", section.label))
        self.crawler.stats.inc_value(section_stat("links", section.label), len(links.articles))
        if not links.articles:
            self.logger.warning(
                "No article links on listing page %s (section %r): has the site changed?",
                response.url,
                section.label,
            )
        known = self.known.among(links.articles)
        new = [url for url in links.articles if url not in known]
        if self.frontier is not None and not self.full:
            new = self.frontier.unknown(new)  # archived by another process of a shared crawl
        for url in new:
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.log_failure,
                cb_kwargs={"section": section},
            )
        rules = self.profile.listing_rules(section)
        read_on = self.full or self.read_every_listing_page
        if links.articles and not new and not read_on and page_number >= (rules.depth or 1):
            # Everything listed here is archived already: older pages hold nothing new.
            self.logger.info(
                "Section %r: listing page %d lists only known articles; not paging further",
                section.label,
                page_number,
            )
            return
        max_pages = rules.max_pages or (DEFAULT_TEMPLATE_PAGES if rules.page_url_template else None)
        if max_pages is not None and page_number >= max_pages:
            return
        if rules.page_url_template and links.articles:
            # Templated pages are followed one at a time, while pages still list articles;
            # the page after the last one answers 404, which ends the section quietly.
            number = (rules.page_start if rules.page_start is not None else 2) + page_number - 1
            yield scrapy.Request(
                canonical_url(rules.page_url_template.format(n=number), self.profile),
                callback=self.parse_listing,
                errback=self.end_of_templated_listing,
                cb_kwargs={"section": section, "page_number": page_number + 1},
            )
        for url in links.pages:
            yield scrapy.Request(
                url,
                callback=self.parse_listing,
                errback=self.log_failure,
                cb_kwargs={"section": section, "page_number": page_number + 1},
            )

    async def parse_article(self, response: Response, section: Section | None = None):
        known = response.meta.get("known", False)
        url = canonical_url(response.url, self.profile)
        # The URL asked for, before any redirect: the archive knows the article by it.
        requested = canonical_url(
            response.meta.get("redirect_urls", [response.request.url])[0], self.profile
        )
        if known and response.status == 304:
            yield ArticleSeen(url=requested)
            return
        if known and response.status in (404, 410):
            self.logger.info("Known article gone: %s (HTTP %s)", requested, response.status)
            yield ArticleMissing(url=requested, reason=f"HTTP {response.status}")
            return
        html = self._html(response)
        if html is None:
            yield self._not_html_record(response)
            return
        stats = self.crawler.stats
        stats.inc_value("newsarchive/article_pages")
        if section is not None:
            stats.inc_value(section_stat("fetched", section.label))
        try:
            record = await parse_article_in_pool(
                self.parse_workers, html, url, self.profile, section
            )
        except NotAnArticle as exc:
            if known and requested != url:
                # A known article that now redirects to a non-article page is gone.
                yield ArticleMissing(url=requested, reason=f"redirected to {response.url}")
                return
            stats.inc_value("newsarchive/not_an_article")
            self.logger.warning("Skipped %s: %s", response.url, exc)
            yield FetchFailed(
                url=response.url, kind="not_article", status=response.status, message=str(exc)
            )
            return
        if section is not None:
            stats.inc_value(section_stat("articles", section.label))
        capture = response.meta.get("warc") or {}
        yield ArticleItem(
            **record.as_dict(),
            etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"),
            warc_file=capture.get("file"),
            warc_record_id=capture.get("record_id"),
        )

    def end_of_templated_listing(self, failure: Failure) -> None:
        response = getattr(failure.value, "response", None)
        if response is not None and response.status in (404, 410):
            self.logger.info("End of listing pages at %s (HTTP %s)", response.url, response.status)
            return
        self.log_failure(failure)

    def log_failure(self, failure: Failure):
        """One clear line per failed request, counted as an error and kept in fetch_errors.

        A page robots.txt forbids is not an error of the run: it is obeyed, logged
        at INFO and recorded as kind "robots".
        """
        request = failure.request if hasattr(failure, "request") else None
        # The URL the site linked to, not where its redirects led.
        url = request.meta.get("redirect_urls", [request.url])[0] if request is not None else "?"
        fault = classify(failure)
        if fault.kind == "robots":
            self.crawler.stats.inc_value("newsarchive/robots_forbidden")
            self.logger.info("Not fetched (robots.txt forbids it): %s", url)
        else:
            self.crawler.stats.inc_value("newsarchive/fetch_errors")
            attempts = (request.meta.get("retry_times", 0) + 1) if request is not None else 1
            after = f" (gave up after {attempts} attempts)" if attempts > 1 else ""
            self.logger.error("Failed to fetch %s: %s%s", url, fault.message, after)
        yield FetchFailed(url=url, kind=fault.kind, status=fault.status, message=fault.message)

    def _not_html_record(self, response: Response) -> FetchFailed:
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        return FetchFailed(
            url=response.url,
            kind="not_html",
            status=response.status,
            message=f"not an HTML page ({content_type or 'no content type'})",
        )

    def _html(self, response: Response) -> str | None:
        """The page as text, decoded by our charset rules; None (and a log line) if not HTML."""
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        if not isinstance(response, scrapy.http.HtmlResponse) or _declared_not_html(
            content_type, response.body
        ):
            self.crawler.stats.inc_value("newsarchive/not_html")
            self.logger.warning(
                "Skipped %s: not an HTML page (%s)", response.url, content_type or "no content type"
            )
            return None
        decoded = decode_html(response.body, content_type)
        if decoded.method.startswith(("utf-8 (contradicts", "detected")):
            self.logger.info(
                "Charset of %s: %s (%s)", response.url, decoded.encoding, decoded.method
            )
        return decoded.text
