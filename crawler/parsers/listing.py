"""Listing pages: which links lead to articles and which to further listing pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from parsel import Selector, SelectorList

from crawler.parsers.text import clean_text, without_premature_end_tags
from crawler.profile import Section, SiteProfile
from crawler.urls import base_url_of, canonical_url

# TRS CMS pages paginate with a script call instead of links:
# createPageHTML(pageCount, currentIndex, "index", "html") -> index.html, index_1.html, ...
_TRS_PAGINATION = re.compile(
    r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([\w.-]+)[\"']\s*,\s*[\"'](\w+)[\"']\s*\)"
)


_MIN_HEADLINE_CHARS = 8
_SCRIPT_RECORDS = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL)
# Article addresses carry ids or dates: 329071.shtml, t20220119_57101.html, /2016/11/22/.
_ARTICLE_LIKE_URL = re.compile(r"\d{4,}|/\d{4}/\d{1,2}/")
_PAGE_LABEL = re.compile(
    r"^(?:\d{1,4}|next|next page|›|»|>|下一页|下页|后页|weiter|nächste seite|vor)$", re.IGNORECASE
)


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
    page = Selector(text=_with_script_records(without_premature_end_tags(html or "<html></html>")))
    rules = profile.listing_rules(section)
    pattern = re.compile(rules.article_url_pattern) if rules.article_url_pattern else None
    if rules.article_links or pattern:
        anchors = page.css(rules.article_links) if rules.article_links else page.css("a")
    else:
        anchors = _main_list_anchors(page)
    base = base_url_of(page, url)
    articles = _unique(
        link
        for link in _absolute_links(anchors, base, profile)
        if pattern is None or pattern.search(link)
    )
    page_links = []
    for selector in (rules.pagination, rules.next_page):
        if selector:
            page_links.extend(_absolute_links(page.css(selector), base, profile))
    if not (rules.pagination or rules.next_page):
        page_links.extend(_absolute_links(_pagination_anchors(page), base, profile))
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


def _with_script_records(html: str) -> str:
    """HTML with the headline list that a script would draw, for CMSs that ship it as data.

    Hanweb/JCMS column pages (many Chinese provincial sites) send their list
    only as <record><![CDATA[<li><a href=...>...]]></record> entries inside a
    <script type="text/xml"> datastore; a browser draws them, a crawler must
    read them.  They are added to the page as one list.
    """
    records = _SCRIPT_RECORDS.findall(html) if "<datastore" in html else []
    if not records:
        return html
    listing = '<div class="script-records"><ul>' + "".join(records) + "</ul></div>"
    end = html.lower().rfind("</body>")
    return html[:end] + listing + html[end:] if end >= 0 else html + listing


def _main_list_anchors(page: Selector) -> SelectorList:
    """Headline links of the page's main list, for profiles that pin no link rule.

    A listing page's articles are the group of sibling links (in one
    ul/ol/table/div) with the most headline text; links to numbered or dated
    addresses count double, since article URLs carry ids and dates while
    navigation and section links do not.
    """
    groups: dict[str, list[Selector]] = {}
    scores: dict[str, float] = {}
    tree = page.root.getroottree()
    for anchor in page.css("body a[href]"):
        text = clean_text(" ".join(anchor.css("::text").getall()) or anchor.attrib.get("title"))
        if len(text) < _MIN_HEADLINE_CHARS:
            continue
        container = anchor.xpath(
            "ancestor::*[self::ul or self::ol or self::table or self::div or self::section][1]"
        )
        if not container:
            continue
        key = tree.getpath(container[0].root)
        groups.setdefault(key, []).append(anchor)
        weight = 2.0 if _ARTICLE_LIKE_URL.search(anchor.attrib["href"]) else 1.0
        scores[key] = scores.get(key, 0.0) + weight * len(text)
    if not groups:
        return SelectorList([])
    return SelectorList(groups[max(scores, key=scores.get)])


def _pagination_anchors(page: Selector) -> SelectorList:
    """Links labelled as page numbers or "next", for profiles that pin no pagination rule."""
    return SelectorList(
        anchor
        for anchor in page.css("body a[href]")
        if _PAGE_LABEL.match(clean_text(" ".join(anchor.css("::text").getall())))
    )


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
