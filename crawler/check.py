"""`newsarchive check`: is every section of a site still readable?

For each section the check fetches the first listing page and the newest
article it links to (the first link), and reports whether article links,
breadcrumb, title, date and body were found.  It archives nothing; it is meant
for cron, before or beside the crawl, so that a redesign is noticed the day
it happens.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.parsers import NotAnArticle, parse_article, parse_listing
from crawler.parsers.charset import decode_html
from crawler.profile import Section, SiteProfile
from crawler.run import project_settings
from crawler.urls import canonical_url

FIELDS = ("links", "breadcrumb", "title", "date", "body")


@dataclass
class SectionCheck:
    site: str
    section: str
    listing_url: str
    found: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(FIELDS, False))
    article_url: str | None = None
    links: int = 0
    error: str | None = None

    @property
    def broken(self) -> bool:
        return self.error is not None or not all(self.found.values())

    def line(self) -> str:
        marks = "  ".join(f"{name} {'ok' if self.found[name] else 'MISSING'}" for name in FIELDS)
        status = "BROKEN" if self.broken else "ok"
        detail = f" ({self.error})" if self.error else ""
        return f"{self.site} | {self.section}: {status} - {marks}{detail}"


class CheckSpider(scrapy.Spider):
    """Fetch each section's first listing page and newest article; record what was found."""

    name = "check"

    def __init__(self, profile: SiteProfile, results: list[SectionCheck], **kwargs: Any):
        super().__init__(name=f"check_{profile.name}", **kwargs)
        self.profile = profile
        self.results = results
        self.allowed_domains = list(profile.allowed_domains)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for section in self.profile.sections:
            result = SectionCheck(self.profile.name, section.label, section.url)
            self.results.append(result)
            yield scrapy.Request(
                canonical_url(section.url, self.profile),
                dont_filter=True,
                callback=self.listing,
                errback=self.failed,
                meta={"result": result},
                cb_kwargs={"section": section, "result": result},
            )

    def listing(self, response: Response, section: Section, result: SectionCheck):
        html = decode_html(response.body, response.headers.get("Content-Type")).text
        links = parse_listing(html, response.url, self.profile, section)
        result.links = len(links.articles)
        result.found["links"] = bool(links.articles)
        if links.articles:
            result.article_url = links.articles[0]
            yield scrapy.Request(
                links.articles[0],
                dont_filter=True,
                callback=self.article,
                errback=self.failed,
                meta={"result": result},
                cb_kwargs={"section": section, "result": result},
            )

    def article(self, response: Response, section: Section, result: SectionCheck):
        html = decode_html(response.body, response.headers.get("Content-Type")).text
        url = canonical_url(response.url, self.profile)
        try:
            record = parse_article(html, url, self.profile, section).as_dict()
        except NotAnArticle as exc:
            record = exc.partial
            result.error = str(exc)
        result.found["breadcrumb"] = bool(record.get("breadcrumb"))
        result.found["title"] = bool(record.get("title"))
        result.found["date"] = bool(record.get("published"))
        result.found["body"] = bool(record.get("body_text"))

    def failed(self, failure: Failure) -> None:
        result = failure.request.meta["result"]
        response = getattr(failure.value, "response", None)
        reason = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        result.error = f"cannot fetch {failure.request.url}: {reason}"


def check_sites(
    profiles: list[SiteProfile], mirror: str | None = None, log_level: str = "ERROR"
) -> list[SectionCheck]:
    """Check every section of PROFILES; one result per section, in profile order."""
    settings = project_settings(
        Path("unused.db"),
        mirror,
        {"ITEM_PIPELINES": {}, "NEWSARCHIVE_WARC": False, "LOG_LEVEL": log_level},
    )
    process = CrawlerProcess(settings)
    results: dict[str, list[SectionCheck]] = {profile.name: [] for profile in profiles}
    for profile in profiles:
        process.crawl(CheckSpider, profile=profile, results=results[profile.name])
    process.start()
    ordered = []
    for profile in profiles:
        by_label = {result.section: result for result in results[profile.name]}
        ordered.extend(
            by_label[section.label] for section in profile.sections if (section.label in by_label)
        )
    return ordered
