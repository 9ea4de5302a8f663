"""Listing pages: which links lead to articles and which to further listing pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawler.profile import SiteProfile
from crawler.urls import canonical_url

# TRS CMS pages paginate with a script call instead of links:
# createPageHTML(pageCount, currentIndex, "index", "html") -> index.html, index_1.html, ...
_TRS_PAGINATION = re.compile(
    r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([\w.-]+)[\"']\s*,\s*[\"'](\w+)[\"']\s*\)"
)


@dataclass
class ListingLinks:
    articles: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def parse_listing(html: str, url: str, profile: SiteProfile) -> ListingLinks:
    """Article links and pagination links of one listing page, canonical and deduplicated."""
    page = Selector(text=html or "<html></html>")
    rules = profile.listing
    anchors = page.css(rules.article_links) if rules.article_links else page.css("a")
    pattern = re.compile(rules.article_url_pattern) if rules.article_url_pattern else None
    articles = _unique(
        link
        for link in _absolute_links(anchors, url, profile)
        if pattern is None or pattern.search(link)
    )
    page_links = (
        list(_absolute_links(page.css(rules.pagination), url, profile))
        if (rules.pagination)
        else []
    )
    page_links.extend(_trs_pages(html, url))
    current = canonical_url(url, profile)
    pages = [link for link in _unique(page_links) if link != current and link not in articles]
    return ListingLinks(articles=articles, pages=pages)


def _absolute_links(anchors: Selector, base: str, profile: SiteProfile):
    for href in anchors.css("::attr(href)").getall():
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        link = canonical_url(urljoin(base, href), profile)
        host = urlsplit(link).hostname or ""
        if any(host == domain or host.endswith("." + domain) for domain in profile.allowed_domains):
            yield link


def _trs_pages(html: str, base: str) -> list[str]:
    match = _TRS_PAGINATION.search(html)
    if not match:
        return []
    count, _current, name, extension = match.groups()
    return [
        urljoin(base, f"{name}.{extension}" if index == 0 else f"{name}_{index}.{extension}")
        for index in range(int(count))
    ]


def _unique(links) -> list[str]:
    return list(dict.fromkeys(links))
