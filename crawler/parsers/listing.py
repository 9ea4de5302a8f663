"""Listing pages: which links lead to articles and which to further listing pages."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler.parsers.text import clean_text, page_selector, parseable_html
from crawler.profile import Section, SiteProfile
from crawler.urls import base_url_of, canonical_url

# TRS CMS pages paginate with a script call instead of links:
# createPageHTML(pageCount, currentIndex, "index", "html") -> index.html, index_1.html, ...
_TRS_PAGINATION = re.compile(
    r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([\w.-]+)[\"']\s*,\s*[\"'](\w+)[\"']\s*\)"
)


_MIN_HEADLINE_CHARS = 8
_LIST_CONTAINERS = {"ul", "ol", "table", "div", "section"}
_MAX_CLIMB = 4  # container levels to climb from a lone link to its list
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
    page = page_selector(_with_script_records(parseable_html(html or "<html></html>")))
    rules = profile.listing_rules(section)
    pattern = re.compile(rules.article_url_pattern) if rules.article_url_pattern else None
    pinned_articles = bool(rules.article_links or pattern)
    pinned_pages = bool(rules.pagination or rules.next_page)
    # The body's links, read once for the guesses the profile's rules leave to make.
    body_links = [] if pinned_articles and pinned_pages else _BODY_LINKS(page.root)
    if pinned_articles:
        selected = page.css(rules.article_links) if rules.article_links else page.css("a")
        hrefs = selected.css("::attr(href)").getall()
    else:
        hrefs = _hrefs(_main_list_anchors(body_links))
    base = base_url_of(page, url)
    articles = _unique(
        link
        for link in _absolute_links(hrefs, base, profile)
        if pattern is None or pattern.search(link)
    )
    page_links = []
    for selector in (rules.pagination, rules.next_page):
        if selector:
            hrefs = page.css(selector).css("::attr(href)").getall()
            page_links.extend(_absolute_links(hrefs, base, profile))
    if not pinned_pages:
        hrefs = _hrefs(_pagination_anchors(body_links))
        page_links.extend(_absolute_links(hrefs, base, profile))
    page_links.extend(canonical_url(link, profile) for link in _trs_pages(html, url))
    current = canonical_url(url, profile)
    pages = [link for link in _unique(page_links) if link != current and link not in articles]
    return ListingLinks(articles=articles, pages=pages)


# What parsel's `anchors.css("::attr(href)")` selects, without a Selector per anchor
# (a listing page has hundreds of links).
_HREFS = etree.XPath("descendant-or-self::*/@href", smart_strings=False)
# The links of the page's body: css("body a[href]").
_BODY_LINKS = etree.XPath("descendant-or-self::body/descendant::a[@href]")


def _hrefs(anchors: list[etree._Element]) -> list[str]:
    return [href for anchor in anchors for href in _HREFS(anchor)]


def _absolute_links(hrefs: list[str], base: str, profile: SiteProfile):
    for href in hrefs:
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


def _main_list_anchors(body_links: list[etree._Element]) -> list[etree._Element]:
    """Headline links of the page's main list, for profiles that pin no link rule.

    A listing page's articles are the group of headline links (links with a
    headline's length) that share their nearest container: a ul, ol, table, div
    or section; a link alone in a repeated row (one link per row, as in Drupal
    views) groups with the list the rows are in.  The group with the most
    headline text wins; links to numbered or dated addresses count double,
    since article URLs carry ids and dates while navigation links do not.
    """
    headlines = []
    for anchor in body_links:
        # itertext(): the anchor's text nodes as `::text` selects them.
        text = clean_text(" ".join(anchor.itertext()) or anchor.get("title"))
        if len(text) >= _MIN_HEADLINE_CHARS:
            # The ancestors are read once: each read makes lxml build their Python objects.
            headlines.append((anchor, text, list(anchor.iterancestors())))
    held = Counter(ancestor for _, _, ancestors in headlines for ancestor in ancestors)
    groups: dict[etree._Element, list[etree._Element]] = {}
    scores: dict[etree._Element, float] = {}
    for anchor, text, ancestors in headlines:
        containers = [a for a in ancestors if a.tag in _LIST_CONTAINERS]
        if not containers:
            continue
        key = _group_of(containers, held)
        groups.setdefault(key, []).append(anchor)
        weight = 2.0 if _ARTICLE_LIKE_URL.search(anchor.get("href")) else 1.0
        scores[key] = scores.get(key, 0.0) + weight * len(text)
    if not groups:
        return []
    return groups[max(scores, key=scores.get)]


def _group_of(containers: list[etree._Element], held: Counter):
    """The container a headline link groups by: its nearest one, or, for a link alone
    in a repeated row (Drupal views, GSB teasers), the list the rows are in."""
    for index, container in enumerate(containers[:_MAX_CLIMB]):
        if held.get(container, 0) >= 2:
            break
        if _is_row(container):
            return next(
                (c for c in containers[index + 1 : _MAX_CLIMB + 1] if held.get(c, 0) >= 2),
                containers[0],
            )
    return containers[0]


def _is_row(element: etree._Element) -> bool:
    """Whether ELEMENT repeats: a sibling has its tag and shares a class with it.

    ("views-row views-row-1 views-row-odd" and "views-row views-row-2 ..." are rows.)
    """
    parent = element.getparent()
    classes = set((element.get("class") or "").split())
    if parent is None or not classes:
        return False
    return any(
        sibling is not element
        and sibling.tag == element.tag
        and classes & set((sibling.get("class") or "").split())
        for sibling in parent
    )


def _pagination_anchors(body_links: list[etree._Element]) -> list[etree._Element]:
    """Links labelled as page numbers or "next", for profiles that pin no pagination rule."""
    return [
        anchor
        for anchor in body_links
        if _PAGE_LABEL.match(clean_text(" ".join(anchor.itertext())))
    ]


def _trs_pages(html: str, base: str) -> list[str]:
    """The page after this one, from createPageHTML(count, current, name, ext).

    Only the next page, although the call names them all: following every page
    from every page made a section of N pages cost N² requests for the duplicate
    filter to drop, and page 1 queued the whole section at once, before the
    spider could stop at the first page of known articles.
    """
    match = _TRS_PAGINATION.search(html)
    if not match:
        return []
    count, current, name, extension = match.groups()
    following = int(current) + 1
    if following >= int(count):
        return []
    return [urljoin(base, f"{name}_{following}.{extension}")]


def _unique(links) -> list[str]:
    return list(dict.fromkeys(links))
