"""One article page to one record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from parsel import Selector

from crawler.parsers.body import extract_body
from crawler.parsers.breadcrumb import (
    breadcrumb_from_selector,
    drop_trailing_title,
    section_from_breadcrumb,
)
from crawler.parsers.dates import extract_published
from crawler.parsers.title import extract_title
from crawler.profile import SiteProfile


class NotAnArticle(ValueError):
    """The page has no headline or no body text: a listing, an error page, or not HTML."""


@dataclass
class ArticleRecord:
    url: str
    site: str
    title: str
    published: str | None
    breadcrumb: list[str]
    section: str
    body_text: str
    body_html: str
    language: str
    methods: dict[str, str] = field(default_factory=dict)  # how each field was found

    def as_dict(self) -> dict:
        return asdict(self)


def parse_article(html: str, url: str, profile: SiteProfile) -> ArticleRecord:
    """The record an article page yields; NotAnArticle when it has no title or body."""
    page = Selector(text=html or "<html></html>")
    rules = profile.article
    title, title_method = extract_title(page, rules.title)
    if not title:
        raise NotAnArticle(f"no title found on {url}")
    body_html, body_text, body_method = extract_body(page, url, rules.body, rules.drop)
    if not body_text:
        raise NotAnArticle(f"no body text found on {url}")
    crumbs, crumb_method = _breadcrumb(page, rules.breadcrumb)
    crumbs = drop_trailing_title(crumbs, title)
    published, date_method = extract_published(page, url, rules.date, profile.timezone)
    language = page.css("html::attr(lang)").get() or profile.language
    return ArticleRecord(
        url=url,
        site=profile.name,
        title=title,
        published=published,
        breadcrumb=crumbs,
        section=section_from_breadcrumb(crumbs),
        body_text=body_text,
        body_html=body_html,
        language=language.strip().split("-")[0].lower() or profile.language,
        methods={
            "title": title_method,
            "published": date_method,
            "breadcrumb": crumb_method,
            "body": body_method,
        },
    )


def _breadcrumb(page: Selector, css: str | None) -> tuple[list[str], str]:
    if css:
        found = page.css(css)
        if found:
            crumbs = breadcrumb_from_selector(found[0])
            if crumbs:
                return crumbs, f"selector {css}"
    for query in ("nav.breadcrumb", "ol.breadcrumb", "ul.breadcrumb", "div.breadcrumb"):
        found = page.css(query)
        if found:
            crumbs = breadcrumb_from_selector(found[0])
            if crumbs:
                return crumbs, f"container {query}"
    return [], "not found"
