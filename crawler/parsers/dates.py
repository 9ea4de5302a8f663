"""Publication dates, normalised to ISO 8601.

A date alone stays a date ("2020-11-25"); a date with a time of day gets the
site's UTC offset ("2022-01-19T09:12:00+08:00") so that times from sites in
different zones sort and compare correctly.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from parsel import Selector

# 2020-11-25, 2020/11/25, 2020.11.25, 2020年11月25日, each optionally followed by a time.
_NUMERIC_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:[\sT-]*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?"
)
# TRS file names (t20220119_57101.html) and dated paths (/2016/11/22/, /202201/22/).
_URL_DATES = (
    re.compile(r"/t(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_\d+"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})/"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})/(?P<d>\d{2})/"),
)
_DATE_METAS = (
    'meta[name="PubDate"]::attr(content)',
    'meta[name="pubdate"]::attr(content)',
    'meta[property="article:published_time"]::attr(content)',
    'meta[name="dcterms.date"]::attr(content)',
    'meta[name="DC.date"]::attr(content)',
    'meta[itemprop="datePublished"]::attr(content)',
)


def parse_date_text(text: str | None, timezone: str | None = None) -> str | None:
    """The first date in TEXT as ISO 8601, or None."""
    if not text:
        return None
    for match in _NUMERIC_DATE.finditer(text):
        value = _iso(match, timezone)
        if value:
            return value
    return None


def date_from_url(url: str) -> str | None:
    """A date encoded in the URL's path, or None."""
    for pattern in _URL_DATES:
        match = pattern.search(url)
        if match:
            value = _iso(match, None)
            if value:
                return value
    return None


def extract_published(
    page: Selector, url: str, css: str | None, timezone: str | None
) -> tuple[str | None, str]:
    """(date, method): pinned selector, then date meta tags, then the URL."""
    if css:
        value = parse_date_text(" ".join(page.css(css).css("::text").getall()), timezone)
        if value:
            return value, f"selector {css}"
    for query in _DATE_METAS:
        value = parse_date_text(page.css(query).get(), timezone)
        if value:
            return value, f"meta {query.split('::')[0]}"
    value = date_from_url(url)
    if value:
        return value, "url"
    return None, "not found"


def _iso(match: re.Match[str], timezone: str | None) -> str | None:
    groups = match.groupdict()
    try:
        day = date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    except ValueError:
        return None
    if not groups.get("H"):
        return day.isoformat()
    try:
        moment = datetime(
            day.year, day.month, day.day,
            int(groups["H"]), int(groups["M"]), int(groups.get("S") or 0),
        )  # fmt: skip
    except ValueError:
        return day.isoformat()
    zone = _zone(timezone)
    if zone is not None:
        moment = moment.replace(tzinfo=zone)
    return moment.isoformat()


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
