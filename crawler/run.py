"""Running crawls in-process: what `newsarchive crawl` and `demo` call.

Several sites run in one Scrapy CrawlerProcess, concurrently, each recorded
as its own row of the `crawls` table; the per-site results are read back from
those rows, which are the source of truth for what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from archive.lock import crawl_lock
from archive.store import Archive
from crawler.profile import SiteProfile
from crawler.spiders.site import SiteSpider


@dataclass
class SiteResult:
    site: str
    status: str
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    articles_withdrawn: int = 0
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    crawl_id: int | None = None
    problems: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    def summary(self) -> str:
        total = self.articles_new + self.articles_updated + self.articles_unchanged
        return (
            f"{self.site}: {self.status} - {total} articles ({self.articles_new} new, "
            f"{self.articles_updated} updated, {self.articles_unchanged} unchanged"
            + (f", {self.articles_withdrawn} withdrawn" if self.articles_withdrawn else "")
            + "), "
            f"{self.requests} requests, {self.errors} errors, {self.seconds:.1f}s"
            + (f" - {self.problems}" if self.problems else "")
        )


def project_settings(
    db_path: str | Path, mirror: str | None = None, overrides: dict[str, Any] | None = None
) -> Settings:
    """crawler.settings plus the run's database, mirror and overrides."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("NEWSARCHIVE_DB", str(db_path), priority="cmdline")
    if mirror:
        settings.set("NEWSARCHIVE_MIRROR", mirror, priority="cmdline")
        # A local mirror needs no politeness delay.
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def crawl_sites(
    profiles: list[SiteProfile],
    db_path: str | Path,
    mirror: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> list[SiteResult]:
    """Crawl PROFILES into DB_PATH and return one result per site, in the given order."""
    # Open (and migrate) once up front so a bad --db fails before any request.
    Archive(db_path).close()
    with crawl_lock(db_path):
        process = CrawlerProcess(project_settings(db_path, mirror, overrides))
        crawlers = []
        for profile in profiles:
            crawler = process.create_crawler(SiteSpider)
            crawlers.append((profile, crawler))
            process.crawl(crawler, profile=profile)
        process.start()
    results = []
    with Archive(db_path) as archive:
        for profile, crawler in crawlers:
            crawl_id = crawler.stats.get_value("newsarchive/crawl_id")
            row = archive.crawl(crawl_id) if crawl_id is not None else None
            if row is None:
                results.append(SiteResult(profile.name, "failed"))
                continue
            # The run's own verdict: on a full disk its row may still say "running".
            status = crawler.stats.get_value("newsarchive/status") or row["status"]
            results.append(
                SiteResult(
                    site=profile.name,
                    status="failed" if status == "running" else status,
                    articles_new=row["articles_new"],
                    articles_updated=row["articles_updated"],
                    articles_unchanged=row["articles_unchanged"],
                    articles_withdrawn=row.get("articles_withdrawn") or 0,
                    requests=row["requests"],
                    errors=row["errors"],
                    seconds=crawler.stats.get_value("elapsed_time_seconds", 0.0),
                    crawl_id=crawl_id,
                    problems=row.get("problems"),
                )
            )
    return results
