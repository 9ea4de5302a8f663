"""Listing pages: which links lead to articles and which to further listing pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from parsel import Selector, SelectorList

from crawler.parsers.text import clean_text
from crawler.profile import Section, SiteProfile
from crawler.urls import canonical_url

# TRS CMS pages paginate with a script call instead of links:
# createPageHTML(pageCount, currentIndex, "index", "html") -> index.html, index_1.html, ...
_TRS_PAGINATION = re.compile(
    r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([\w.-]+)[\"']\s*,\s*[\"'](\w+)[\"']\s*\)"
)


_MIN_HEADLINE_CHARS = 8


@dataclass
class ListingLinks:
    articles: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def parse_listing(
    html: str, url: str, profile: SiteProfile, section: Section | None = None
) -> ListingLinks:
    """Article links and pagination links of one listing page, canonical and deduplicated.

    Pages come from the pagination selector, the next-page selector and TRS
    createPageHTML() calls; URL templates are expanded by the spider, which
    knows the page number.
    """
    page = Selector(text=html or "<html></html>")
    rules = profile.listing_rules(section)
    pattern = re.compile(rules.article_url_pattern) if rules.article_url_pattern else None
    if rules.article_links or pattern:
        anchors = page.css(rules.article_links) if rules.article_links else page.css("a")
    else:
        anchors = _main_list_anchors(page)
    articles = _unique(
        link
        for link in _absolute_links(anchors, url, profile)
        if pattern is None or pattern.search(link)
    )
    page_links = []
    for selector in (rules.pagination, rules.next_page):
        if selector:
            page_links.extend(_absolute_links(page.css(selector), url, profile))
    page_links.extend(canonical_url(link, profile) for link in _trs_pages(html, url))
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


def _main_list_anchors(page: Selector) -> SelectorList:
    """Headline links of the page's main list, for profiles that pin no link rule.

    A listing page's articles are the largest group of sibling headline links
    (links with a headline's length in one ul/ol/table/div); navigation menus
    have short labels and footers few links.
    """
    groups: dict[str, list[Selector]] = {}
    tree = page.root.getroottree()
    for anchor in page.css("body a[href]"):
        text = clean_text(" ".join(anchor.css("::text").getall()) or anchor.attrib.get("title"))
        if len(text) < _MIN_HEADLINE_CHARS:
            continue
        container = anchor.xpath(
            "ancestor::*[self::ul or self::ol or self::table or self::div or self::section][1]"
        )
        if container:
            groups.setdefault(tree.getpath(container[0].root), []).append(anchor)
    if not groups:
        return SelectorList([])
    best = max(groups.values(), key=len)
    return SelectorList(best if len(best) >= 2 else [])


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
